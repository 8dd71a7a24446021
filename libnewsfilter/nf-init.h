/* nf-init.h: library initialisation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include <glib.h>
#include "nf-version-macros.h"

G_BEGIN_DECLS

NF_AVAILABLE_IN_ALL
void         nf_init            (void);
NF_AVAILABLE_IN_ALL
gboolean     nf_is_initialized  (void);
NF_AVAILABLE_IN_ALL
const char  *nf_version_string  (void);
NF_AVAILABLE_IN_ALL
guint        nf_get_default_threads (void);

G_END_DECLS
