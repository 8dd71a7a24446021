/* nf-text-private.h: glue between the text toolkit's files, not installed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "newsfilter.h"

G_BEGIN_DECLS

/* The languages of the toolkit, in the order of nf_text_get_languages ();
 * a language's index is its bit in a stopword mask. */
#define NF_TEXT_N_LANGUAGES 12

/* nf-language.c: the index of a language code ("pt", "pt-BR", "PT_br"…)
 * among the toolkit's languages, or -1 */
int          _nf_text_language_index    (const char  *language);

/* nf-language.c: the toolkit's code of the language at @index */
const char  *_nf_text_language_code     (int          index);

/* nf-token.c: decodes one UTF-8 character at @p (NUL-terminated text);
 * an invalid byte decodes as U+FFFD and counts one byte.  Returns the
 * number of bytes read. */
gsize        _nf_text_decode_char       (const char  *p,
                                         gunichar    *out);

/* nf-token.c: whether @word (NUL-terminated UTF-8) may hold combining
 * marks (U+0300 to U+036F) that NFC would compose: their UTF-8 starts
 * with 0xCC or 0xCD.  %FALSE means @word needs no g_utf8_normalize(). */
gboolean     _nf_text_has_combining_marks (const char *word);

/* nf-stopwords.c: lower-cases @word (@length bytes) into @buffer with
 * simple case mapping, and ’ (U+2019) and ʼ (U+02BC) as ', without
 * allocating.  Returns the folded length, or 0 when it does not fit. */
gsize        _nf_text_fold_word         (const char  *word,
                                         gsize        length,
                                         char        *buffer,
                                         gsize        buffer_size);

/* nf-stopwords.c: the set of languages (bit i: the language at index i)
 * whose stopword list holds @folded, a word folded by _nf_text_fold_word() */
guint32      _nf_text_stopword_mask     (const char  *folded);

/* nf-stemmer.c: the light stemmers of the languages Snowball lacks, on a
 * lower-cased word; exposed for the tests through NfStemmer */
char        *_nf_stem_light_polish      (const char  *word);
char        *_nf_stem_light_ukrainian   (const char  *word);

G_END_DECLS
