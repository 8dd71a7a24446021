/* nf-element-factory.h: makes elements by name
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include "nf-element.h"

G_BEGIN_DECLS

#define NF_TYPE_ELEMENT_FACTORY (nf_element_factory_get_type ())

NF_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (NfElementFactory, nf_element_factory, NF, ELEMENT_FACTORY, GObject)

NF_AVAILABLE_IN_ALL
const char   *nf_element_factory_get_name         (NfElementFactory *self);
NF_AVAILABLE_IN_ALL
NfPlugin     *nf_element_factory_get_plugin       (NfElementFactory *self);
NF_AVAILABLE_IN_ALL
gboolean      nf_element_factory_load             (NfElementFactory *self,
                                                   GError          **error);
NF_AVAILABLE_IN_ALL
GType         nf_element_factory_get_element_type (NfElementFactory *self);
NF_AVAILABLE_IN_ALL
NfElementFlags nf_element_factory_get_flags       (NfElementFactory *self);
NF_AVAILABLE_IN_ALL
const char   *nf_element_factory_get_metadata     (NfElementFactory *self,
                                                   const char       *key);
NF_AVAILABLE_IN_ALL
void          nf_element_factory_set_metadata     (NfElementFactory *self,
                                                   const char       *long_name,
                                                   const char       *classification,
                                                   const char       *description,
                                                   const char       *author);
NF_AVAILABLE_IN_ALL
NfElement    *nf_element_factory_create           (NfElementFactory *self,
                                                   const char       *name,
                                                   GError          **error);

NF_AVAILABLE_IN_ALL
NfElementFactory *nf_element_factory_find         (const char       *name);
NF_AVAILABLE_IN_ALL
NfElement    *nf_element_factory_make             (const char       *factory_name,
                                                   const char       *name,
                                                   GError          **error);

NF_AVAILABLE_IN_ALL
NfElementFactory *nf_element_register             (NfPlugin         *plugin,
                                                   const char       *name,
                                                   GType             type,
                                                   NfElementFlags    flags);

/**
 * NfElementEntry: (skip)
 * @name: the factory name, used in launch strings
 * @get_type: the element type's `get_type` function
 * @flags: scheduling flags every element of the factory gets
 *
 * One element a plugin registers with nf_element_register_many().
 */
typedef struct {
  const char      *name;
  GType          (*get_type) (void);
  NfElementFlags   flags;
} NfElementEntry;

NF_AVAILABLE_IN_ALL
gboolean          nf_element_register_many        (NfPlugin             *plugin,
                                                   const NfElementEntry *entries,
                                                   gsize                 n_entries,
                                                   GError              **error);

G_END_DECLS
