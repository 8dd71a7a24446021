/* nf-clean-private.h: the pieces of the clean element
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <newsfilter.h>
#include <libxml/HTMLparser.h>

G_BEGIN_DECLS

#define NF_TYPE_CLEAN (nf_clean_get_type ())
G_DECLARE_FINAL_TYPE (NfClean, nf_clean, NF, CLEAN, NfFilter)

/* nf-clean-html.c: the main content of a parsed page, as paragraphs */
GPtrArray *nf_clean_html_extract        (htmlDocPtr   doc,
                                         guint        min_paragraph_length);

/* nf-clean-meta.c: title, authors, dates… from JSON-LD, Open Graph, <meta>, <time> */
void       nf_clean_meta_read           (htmlDocPtr   doc,
                                         NfDocument  *document);
char      *nf_clean_normalize_date      (const char  *value);

/* nf-clean-text.c: line-level cleaning shared by HTML and plain text */
char      *nf_clean_collapse_space      (const char  *text);
gboolean   nf_clean_is_furniture_line   (const char  *line);
char      *nf_clean_finish_paragraphs   (GPtrArray   *paragraphs,
                                         NfDocument  *document,
                                         gboolean     move_notes);
GPtrArray *nf_clean_split_plain_text    (const char  *text);

G_END_DECLS
