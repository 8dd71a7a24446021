/* nf-text.h: the text toolkit — sentences, words, stopwords, languages
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

/* Sentences (nf-sentences.c) */
NF_AVAILABLE_IN_ALL
GPtrArray          *nf_text_split_sentences     (const char  *text,
                                                 const char  *language);

/* Words (nf-token.c) */
NF_AVAILABLE_IN_ALL
GPtrArray          *nf_text_tokenize            (const char  *text);
NF_AVAILABLE_IN_ALL
gboolean            nf_text_next_word           (const char  *text,
                                                 gsize       *cursor,
                                                 gsize       *start,
                                                 gsize       *end);
NF_AVAILABLE_IN_ALL
guint               nf_text_offset_to_utf16     (const char  *text,
                                                 guint        offset);
NF_AVAILABLE_IN_ALL
guint               nf_text_offset_from_utf16   (const char  *text,
                                                 guint        utf16_offset);

/* Stopwords (nf-stopwords.c) */
NF_AVAILABLE_IN_ALL
const char * const *nf_text_get_stopwords       (const char  *language);
NF_AVAILABLE_IN_ALL
gboolean            nf_text_is_stopword         (const char  *language,
                                                 const char  *word);

/* Languages (nf-language.c) */
NF_AVAILABLE_IN_ALL
const char * const *nf_text_get_languages       (void);
NF_AVAILABLE_IN_ALL
const char         *nf_text_detect_language     (const char  *text,
                                                 double      *confidence);

G_END_DECLS
