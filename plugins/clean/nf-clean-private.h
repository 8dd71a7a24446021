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

/**
 * NfCleanFormat:
 * @NF_CLEAN_FORMAT_TEXT: plain text, paragraphs separated by a blank line
 * @NF_CLEAN_FORMAT_MARKDOWN: Markdown: headings, lists, quotes, tables, links and emphasis
 * @NF_CLEAN_FORMAT_HTML: a minimal article HTML, safe to show: no scripts,
 *   styles, event attributes or `javascript:` links
 *
 * What the `text` of a cleaned document holds.
 */
typedef enum
{
  NF_CLEAN_FORMAT_TEXT,
  NF_CLEAN_FORMAT_MARKDOWN,
  NF_CLEAN_FORMAT_HTML,
} NfCleanFormat;

#define NF_TYPE_CLEAN_FORMAT (nf_clean_format_get_type ())
GType nf_clean_format_get_type (void);

/* What a block of article text is, for the markdown and HTML outputs. */
typedef enum
{
  NF_CLEAN_BLOCK_PARAGRAPH,
  NF_CLEAN_BLOCK_HEADING,
  NF_CLEAN_BLOCK_LIST_ITEM,
  NF_CLEAN_BLOCK_PREFORMATTED,
  NF_CLEAN_BLOCK_TABLE_ROW,
  NF_CLEAN_BLOCK_CAPTION,
} NfCleanBlockKind;

/* One block of text: a paragraph, heading, list item, table row… */
typedef struct
{
  xmlNode          *owner;       /* the block element; only valid while the tree lives */
  NfCleanBlockKind  kind;
  char             *text;        /* plain text, white space collapsed */
  guint             chars;       /* code points of text */
  guint             link_chars;  /* non-space code points inside <a> */
  guint             all_chars;   /* non-space code points */

  /* Structure, for the markdown and HTML outputs (nf-clean-render.c) */
  char             *markup;      /* inline markup in the output format, or
                                  * NULL: the text is escaped when rendered */
  guint             level;       /* heading level, 1–6 */
  guint             depth;       /* list items: ul/ol ancestors − 1 */
  guint             cells;       /* table rows: cells */
  guintptr          unit;        /* the element the block is a piece of
                                  * (li, p…): pieces cut by <br> or by a
                                  * nested block are rejoined */
  guintptr          group;       /* the list or table of an item or row */
  guintptr          quote_group; /* the blockquote of a quoted block */
  guint             ordered : 1; /* list items: the list is <ol> */
  guint             header : 1;  /* table rows: all cells are <th> */
  guint             quoted : 1;  /* inside a <blockquote> */
  guint             after_br : 1; /* the piece starts after a <br> */
} NfCleanBlock;

void       nf_clean_block_free          (gpointer     block);

/* nf-clean-junk.c: which elements are site furniture */
gboolean   nf_clean_name_in             (const xmlChar      *name,
                                         const char * const *table);
gboolean   nf_clean_contains_any        (const char         *haystack,
                                         const char * const *needles);
GHashTable *nf_clean_measure_visible_text (xmlNode   *root);
gsize      nf_clean_text_size           (GHashTable  *sizes,
                                         xmlNode     *node);
gboolean   nf_clean_is_junk             (xmlNode     *node,
                                         GHashTable  *sizes,
                                         gsize        page_size);

/* nf-clean-blocks.c: the page cut into text blocks, furniture left out */
GPtrArray *nf_clean_cut_into_blocks     (xmlNode      *root,
                                         NfCleanFormat format);

/* nf-clean-parse.c: the page parsed, within size and depth bounds */
htmlDocPtr nf_clean_parse_page          (GBytes      *content,
                                         const char  *content_type,
                                         const char  *name,
                                         const char  *uri,
                                         gsize        max_size,
                                         gboolean    *truncated,
                                         GError     **error);

/* nf-clean-teasers.c: lists of teasers for other stories */
GHashTable *nf_clean_find_teasers       (GPtrArray   *blocks);

/* nf-clean-html.c: the blocks of the article, in document order */
gboolean   nf_clean_is_inside           (xmlNode     *node,
                                         xmlNode     *ancestor);
GPtrArray *nf_clean_html_extract        (htmlDocPtr   doc,
                                         guint        min_paragraph_length,
                                         NfCleanFormat format);

/* nf-clean-meta.c: title, authors, dates… from JSON-LD, Open Graph, <meta>, <time>, the byline */
void       nf_clean_meta_read           (htmlDocPtr   doc,
                                         NfDocument  *document);
char      *nf_clean_normalize_date      (const char  *value);

/* nf-clean-text.c: line-level cleaning shared by HTML and plain text */
char      *nf_clean_collapse_space      (const char  *text);
char      *nf_clean_nfc                 (const char  *text);
gboolean   nf_clean_is_furniture_line   (const char  *line);
char      *nf_clean_finish_paragraphs   (GPtrArray   *blocks,
                                         NfDocument  *document,
                                         gboolean     move_notes,
                                         NfCleanFormat format);
GPtrArray *nf_clean_split_plain_text    (const char  *text);

/* nf-clean-render.c: kept blocks joined into the text, in its format */
typedef struct _NfCleanRenderer NfCleanRenderer;

void       nf_clean_escape_char         (GString     *out,
                                         gunichar     c,
                                         NfCleanFormat format,
                                         gboolean     in_cell);
const char *nf_clean_escape_line_start (GString     *out,
                                         const char  *text,
                                         NfCleanFormat format);
NfCleanRenderer *nf_clean_renderer_new  (NfCleanFormat format);
void       nf_clean_renderer_add        (NfCleanRenderer    *renderer,
                                         const NfCleanBlock *block,
                                         const char         *text,
                                         const char         *markup);
char      *nf_clean_renderer_finish     (NfCleanRenderer    *renderer);

G_END_DECLS
