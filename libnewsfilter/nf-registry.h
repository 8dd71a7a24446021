/* nf-registry.h: the plugins and element factories known to the process
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include "nf-version-macros.h"
#include "nf-types.h"

G_BEGIN_DECLS

#define NF_TYPE_REGISTRY (nf_registry_get_type ())

NF_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (NfRegistry, nf_registry, NF, REGISTRY, GObject)

NF_AVAILABLE_IN_ALL
NfRegistry       *nf_registry_get_default    (void);
NF_AVAILABLE_IN_ALL
void              nf_registry_scan_path      (NfRegistry *self,
                                              const char *path);
NF_AVAILABLE_IN_ALL
GPtrArray        *nf_registry_get_plugins    (NfRegistry *self);
NF_AVAILABLE_IN_ALL
NfPlugin         *nf_registry_find_plugin    (NfRegistry *self,
                                              const char *name);
NF_AVAILABLE_IN_ALL
GPtrArray        *nf_registry_get_factories  (NfRegistry *self);
NF_AVAILABLE_IN_ALL
NfElementFactory *nf_registry_find_factory   (NfRegistry *self,
                                              const char *name);
NF_AVAILABLE_IN_ALL
char             *nf_registry_suggest_factory (NfRegistry *self,
                                              const char *misspelt);
NF_AVAILABLE_IN_ALL
void              nf_registry_load_all       (NfRegistry *self);

NF_AVAILABLE_IN_ALL
char             *nf_suggest_closest         (const char         *word,
                                              const char * const *candidates);

G_END_DECLS
