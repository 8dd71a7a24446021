/* nf-token.h: a word of a text, with where it is
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include <glib-object.h>
#include "nf-version-macros.h"
#include "nf-types.h"

G_BEGIN_DECLS

#define NF_TYPE_TOKEN (nf_token_get_type ())

NF_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (NfToken, nf_token, NF, TOKEN, GObject)

NF_AVAILABLE_IN_ALL
NfToken     *nf_token_new           (const char *text,
                                     guint       start,
                                     guint       end);
NF_AVAILABLE_IN_ALL
const char  *nf_token_get_text      (NfToken    *self);
NF_AVAILABLE_IN_ALL
guint        nf_token_get_start     (NfToken    *self);
NF_AVAILABLE_IN_ALL
guint        nf_token_get_end       (NfToken    *self);

G_END_DECLS
