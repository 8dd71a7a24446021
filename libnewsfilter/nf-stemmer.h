/* nf-stemmer.h: Snowball stemming, by language
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

#define NF_TYPE_STEMMER (nf_stemmer_get_type ())

NF_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (NfStemmer, nf_stemmer, NF, STEMMER, GObject)

NF_AVAILABLE_IN_ALL
NfStemmer   *nf_stemmer_new          (const char  *language,
                                      GError     **error);
NF_AVAILABLE_IN_ALL
const char  *nf_stemmer_get_language (NfStemmer   *self);
NF_AVAILABLE_IN_ALL
char        *nf_stemmer_stem         (NfStemmer   *self,
                                      const char  *word);
NF_AVAILABLE_IN_ALL
gboolean     nf_stemmer_has_language (const char  *language);

G_END_DECLS
