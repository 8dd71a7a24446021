/* nf-clean-inline.c: the inline markup of blocks, for Markdown and HTML
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * While the cutter (nf-clean-blocks.c) walks a block, this writes its text
 * again in the output format: links (made absolute against the page's
 * address or its <base>, and only to the web or mail, so that no
 * javascript: link survives), emphasis, code, sub- and superscripts, and
 * table cells; every character of the page escaped. White space collapses
 * the way nf_clean_collapse_space() collapses the plain text, and inline
 * elements open only before visible text, so that emphasis never starts or
 * ends on a space and a link around an image leaves nothing.
 *
 * The kind of a table row is known only at its end (a data row, or a
 * layout row holding paragraphs), so cells are written as control bytes
 * and resolved when the block ends. Plain text needs none of this: the
 * cutter makes no NfCleanMarkup for it.
 */
#include "nf-clean-inline-private.h"

#include <string.h>
#include <libxml/uri.h>

/* Table cells are written as these control bytes (which never come from
 * the page: the text loses its control characters) until the row's kind
 * is known at its end: a data row or a layout row holding paragraphs. */
#define CELL_OPEN         '\x01'
#define HEADER_CELL_OPEN  '\x02'
#define CELL_CLOSE        '\x03'
#define HEADER_CELL_CLOSE '\x04'

typedef enum
{
  INLINE_NONE,   /* an element that writes nothing here (a link in a link…) */
  INLINE_LINK,
  INLINE_EM,
  INLINE_STRONG,
  INLINE_CODE,
  INLINE_SUB,
  INLINE_SUP,
} InlineKind;

/* The markup of each kind of inline element, Markdown's and HTML's. An
 * HTML link's opening and a Markdown link's closing hold its address, and
 * Markdown code holding a backtick takes double ticks: they are written
 * apart. Markdown has no sub- or superscript: they are never opened there. */
static const struct
{
  const char *md_open, *md_close, *html_open, *html_close;
} inline_markup[] = {
  [INLINE_NONE]   = { "",      "",       "",         ""          },
  [INLINE_LINK]   = { "[",     NULL,     NULL,       "</a>"      },
  [INLINE_EM]     = { "*",     "*",      "<em>",     "</em>"     },
  [INLINE_STRONG] = { "**",    "**",     "<strong>", "</strong>" },
  [INLINE_CODE]   = { "`",     "`",      "<code>",   "</code>"   },
  [INLINE_SUB]    = { "<sub>", "</sub>", "<sub>",    "</sub>"    },
  [INLINE_SUP]    = { "<sup>", "</sup>", "<sup>",    "</sup>"    },
};

/* An inline element the walk is in. */
typedef struct
{
  InlineKind  kind;
  char       *href;          /* links: the address, escaped for the format */
  gboolean    double_ticks;  /* Markdown code holding a backtick */
  gboolean    opened;        /* its opening markup is written; it is opened
                              * only before visible text, so an element
                              * without any (a link around an image) leaves
                              * nothing */
} InlineElement;

struct _NfCleanMarkup
{
  NfCleanFormat  format;
  GString       *out;            /* the markup of the block being cut */
  GArray        *inlines;        /* (element-type InlineElement) open, outermost first */
  const xmlChar *base;           /* what relative links resolve against */
  xmlChar       *base_owned;
  gboolean       space_pending;  /* white space seen since the last visible text */
  gboolean       has_content;    /* the markup holds visible text */
  guint          cell_depth;
  guint          pre_depth;
  guint          code_depth;
  guint          cell_markers;   /* cell markers written in this block */
};

/* Whether element @node is called @name, in any case (HTML is not case-sensitive). */
static gboolean
is_named (xmlNode    *node,
          const char *name)
{
  return g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

/* ---- opening and closing inline elements ---- */

/* Writes the opening markup of @in. */
static void
append_opener (NfCleanMarkup *markup,
               InlineElement *in)
{
  gboolean md = markup->format == NF_CLEAN_FORMAT_MARKDOWN;

  if (in->kind == INLINE_LINK && !md)
    g_string_append_printf (markup->out, "<a href=\"%s\">", in->href);
  else if (in->kind == INLINE_CODE && md && in->double_ticks)
    g_string_append (markup->out, "`` ");
  else
    g_string_append (markup->out, md ? inline_markup[in->kind].md_open : inline_markup[in->kind].html_open);
}

/* Writes the closing markup of @in. */
static void
append_closer (NfCleanMarkup *markup,
               InlineElement *in)
{
  gboolean md = markup->format == NF_CLEAN_FORMAT_MARKDOWN;

  if (in->kind == INLINE_LINK && md)
    g_string_append_printf (markup->out, "](%s)", in->href);
  else if (in->kind == INLINE_CODE && md && in->double_ticks)
    g_string_append (markup->out, " ``");
  else
    g_string_append (markup->out, md ? inline_markup[in->kind].md_close : inline_markup[in->kind].html_close);
}

/* Opens the inline elements waiting for visible text, outermost first.
 * Markdown writes none inside a fenced block, where they would show. */
static void
open_inlines (NfCleanMarkup *markup)
{
  if (markup->format == NF_CLEAN_FORMAT_MARKDOWN && markup->pre_depth > 0)
    return;
  for (guint i = 0; i < markup->inlines->len; i++)
    {
      InlineElement *in = &g_array_index (markup->inlines, InlineElement, i);

      if (!in->opened)
        {
          append_opener (markup, in);
          in->opened = TRUE;
        }
    }
}

/* Closes the open inline elements, innermost first, at the end of a block
 * or a cell; they open again before the next visible text. */
static void
close_inlines (NfCleanMarkup *markup)
{
  for (guint i = markup->inlines->len; i > 0; i--)
    {
      InlineElement *in = &g_array_index (markup->inlines, InlineElement, i - 1);

      if (in->opened)
        {
          append_closer (markup, in);
          in->opened = FALSE;
        }
    }
}

/* ---- text ---- */

/* The characters nf_clean_collapse_space() treats as white space. */
static gboolean
is_collapsed_space (gunichar ch)
{
  return g_unichar_isspace (ch) || ch == 0x00A0 || ch == 0x200B || ch == 0xFEFF;
}

/* Whether @ch is a control character (which the text loses). */
static gboolean
is_control (gunichar ch)
{
  return ch < 0x20 || ch == 0x7f;
}

/* Preformatted text keeps its white space and line breaks. */
static void
add_preformatted (NfCleanMarkup *markup,
                  const char    *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (is_control (ch) && ch != '\n' && ch != '\t')
        continue;
      open_inlines (markup);
      markup->has_content = TRUE;
      if (markup->format == NF_CLEAN_FORMAT_MARKDOWN)
        g_string_append_unichar (markup->out, ch);
      else
        nf_clean_escape_char (markup->out, ch, markup->format, FALSE);
    }
}

/* Writes the visible character at @p, after the space waiting for it and
 * the inline elements waiting to open; returns what follows it. The first
 * visible text of a block is escaped where it would start a Markdown
 * block; Markdown code is written as it is. */
static const char *
add_visible_char (NfCleanMarkup *markup,
                  const char    *p)
{
  gboolean literal = markup->format == NF_CLEAN_FORMAT_MARKDOWN && markup->code_depth > 0;
  gunichar ch;

  if (markup->space_pending)
    g_string_append_c (markup->out, ' ');
  markup->space_pending = FALSE;
  open_inlines (markup);
  if (!markup->has_content && !literal)
    p = nf_clean_escape_line_start (markup->out, p, markup->format);
  ch = g_utf8_get_char (p);
  markup->has_content = TRUE;
  if (literal)
    g_string_append_unichar (markup->out, ch);
  else
    nf_clean_escape_char (markup->out, ch, markup->format, markup->cell_depth > 0);
  return g_utf8_next_char (p);
}

/**
 * nf_clean_markup_add_text:
 * @markup: the markup of the block being cut
 * @text: the content of a text node
 *
 * Adds text to the markup the way nf_clean_collapse_space() makes the
 * plain text: runs of white space become one space, none at the ends. A
 * space waits for the next visible character, so that it goes before an
 * opening and after a closing: emphasis never starts or ends on a space.
 * Preformatted text keeps its white space.
 */
void
nf_clean_markup_add_text (NfCleanMarkup *markup,
                          const char    *text)
{
  const char *p = text;

  if (markup->pre_depth > 0)
    {
      add_preformatted (markup, text);
      return;
    }
  while (*p != '\0')
    {
      gunichar ch = g_utf8_get_char (p);

      if (is_collapsed_space (ch) || is_control (ch))
        {
          if (!is_control (ch) || g_unichar_isspace (ch))
            markup->space_pending = markup->has_content;
          p = g_utf8_next_char (p);
          continue;
        }
      p = add_visible_char (markup, p);
    }
}

/* ---- links ---- */

/* The address of a link, with the white space browsers ignore removed
 * (a tab inside "java\tscript:" does not hide the scheme). */
static char *
clean_href (const char *href)
{
  GString *out = g_string_new (NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (href));

  for (const char *p = trimmed; *p != '\0'; p++)
    {
      if (*p == '\t' || *p == '\n' || *p == '\r')
        continue;
      if (*p == ' ')
        g_string_append (out, "%20");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Only web and mail links are kept: javascript:, data:, vbscript:, file:
 * and the rest lose their link and keep their text. */
static gboolean
is_safe_link (const char *address)
{
  xmlURIPtr uri = xmlParseURI (address);
  gboolean safe = FALSE;

  if (uri == NULL)
    return FALSE;
  if (uri->scheme != NULL)
    {
      if (g_ascii_strcasecmp (uri->scheme, "http") == 0 ||
          g_ascii_strcasecmp (uri->scheme, "https") == 0)
        safe = uri->server != NULL && *uri->server != '\0';
      else if (g_ascii_strcasecmp (uri->scheme, "mailto") == 0)
        safe = TRUE;
    }
  xmlFreeURI (uri);
  return safe;
}

/* @address made safe inside a Markdown link destination: the characters
 * that would end it or break it are percent-encoded. */
static char *
escape_markdown_address (const char *address)
{
  GString *out = g_string_new (NULL);

  for (const guchar *p = (const guchar *) address; *p != '\0'; p++)
    {
      if (*p <= 0x20 || *p == 0x7f || strchr ("()<>\"\\", *p) != NULL)
        g_string_append_printf (out, "%%%02X", *p);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* @address made safe inside a double-quoted HTML attribute. */
static char *
escape_html_address (const char *address)
{
  GString *out = g_string_new (NULL);

  for (const char *p = address; *p != '\0'; p = g_utf8_next_char (p))
    nf_clean_escape_char (out, g_utf8_get_char (p), NF_CLEAN_FORMAT_HTML, FALSE);
  return g_string_free (out, FALSE);
}

/* The absolute, safe address of link @a escaped for the output format,
 * or %NULL when the link is to be dropped. */
static char *
link_address (NfCleanMarkup *markup,
              xmlNode       *a)
{
  xmlChar *href = xmlGetProp (a, (const xmlChar *) "href");
  g_autofree char *cleaned = NULL;
  xmlChar *absolute;
  char *result = NULL;

  if (href == NULL)
    return NULL;
  cleaned = clean_href ((const char *) href);
  xmlFree (href);
  if (*cleaned == '\0')
    return NULL;
  absolute = xmlBuildURI ((const xmlChar *) cleaned, markup->base);
  if (absolute != NULL && is_safe_link ((const char *) absolute))
    result = markup->format == NF_CLEAN_FORMAT_MARKDOWN ?
             escape_markdown_address ((const char *) absolute) :
             escape_html_address ((const char *) absolute);
  xmlFree (absolute);
  return result;
}

/* The first <base> of the <head> under @root, or %NULL. */
static xmlNode *
find_base_element (xmlNode *root)
{
  for (xmlNode *head = root->children; head != NULL; head = head->next)
    {
      if (head->type != XML_ELEMENT_NODE || !is_named (head, "head"))
        continue;
      for (xmlNode *node = head->children; node != NULL; node = node->next)
        if (node->type == XML_ELEMENT_NODE && is_named (node, "base"))
          return node;
    }
  return NULL;
}

/* The page's address, or the one its <base href> gives. */
static void
find_base (NfCleanMarkup *markup,
           xmlNode       *root)
{
  xmlNode *base = find_base_element (root);
  xmlChar *href;

  markup->base = root->doc != NULL ? root->doc->URL : NULL;
  if (base == NULL)
    return;
  href = xmlGetProp (base, (const xmlChar *) "href");
  if (href != NULL)
    markup->base_owned = xmlBuildURI (href, markup->base);
  xmlFree (href);
  if (markup->base_owned != NULL)
    markup->base = markup->base_owned;
}

/* ---- inline elements ---- */

/* Whether an inline element of @kind is open already. */
static gboolean
inline_open (NfCleanMarkup *markup,
             InlineKind     kind)
{
  for (guint i = 0; i < markup->inlines->len; i++)
    if (g_array_index (markup->inlines, InlineElement, i).kind == kind)
      return TRUE;
  return FALSE;
}

/* Whether the text under @node holds a backtick (Markdown code spans
 * holding one need double backticks). */
static gboolean
holds_backtick (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  gboolean found = content != NULL && strchr ((const char *) content, '`') != NULL;

  xmlFree (content);
  return found;
}

/* What inline element @node writes; INLINE_NONE when it is none of them,
 * or when it cannot be written here (a link in a link, emphasis in
 * Markdown code, sub/sup in Markdown). */
static InlineKind
inline_kind_of (NfCleanMarkup *markup,
                xmlNode       *node)
{
  gboolean md = markup->format == NF_CLEAN_FORMAT_MARKDOWN;
  InlineKind kind = INLINE_NONE;

  if (is_named (node, "a"))
    kind = INLINE_LINK;
  else if (is_named (node, "em") || is_named (node, "i"))
    kind = INLINE_EM;
  else if (is_named (node, "strong") || is_named (node, "b"))
    kind = INLINE_STRONG;
  else if (is_named (node, "code"))
    kind = INLINE_CODE;
  else if (is_named (node, "sub"))
    kind = md ? INLINE_NONE : INLINE_SUB;
  else if (is_named (node, "sup"))
    kind = md ? INLINE_NONE : INLINE_SUP;

  if (kind == INLINE_NONE || inline_open (markup, kind))
    return INLINE_NONE;
  if (md && (markup->code_depth > 0 || markup->pre_depth > 0))
    return INLINE_NONE;
  return kind;
}

/**
 * nf_clean_markup_is_inline_element:
 * @node: an element
 *
 * Whether @node is written as inline markup (emphasis, code, sub- and
 * superscripts; links are the cutter's to tell), so that the walk must
 * call nf_clean_markup_pop_inline() when it leaves it.
 *
 * Returns: whether @node is an inline markup element
 */
gboolean
nf_clean_markup_is_inline_element (xmlNode *node)
{
  static const char * const names[] = {
    "em", "i", "strong", "b", "code", "sub", "sup", NULL
  };

  return nf_clean_name_in (node->name, names);
}

/**
 * nf_clean_markup_push_inline:
 * @markup: the markup of the block being cut
 * @element: a link or an inline markup element the walk enters
 *
 * Enters an inline element: its markup opens before its first visible
 * text. An element that cannot be written here (a link in a link, a link
 * to nowhere safe) still takes its place, so that every push has its pop.
 */
void
nf_clean_markup_push_inline (NfCleanMarkup *markup,
                             xmlNode       *element)
{
  InlineElement in = { inline_kind_of (markup, element), NULL, FALSE, FALSE };

  if (in.kind == INLINE_LINK)
    {
      in.href = link_address (markup, element);
      if (in.href == NULL)
        in.kind = INLINE_NONE;
    }
  else if (in.kind == INLINE_CODE && markup->format == NF_CLEAN_FORMAT_MARKDOWN)
    in.double_ticks = holds_backtick (element);
  if (in.kind == INLINE_CODE)
    markup->code_depth++;
  g_array_append_val (markup->inlines, in);
}

/**
 * nf_clean_markup_pop_inline:
 * @markup: the markup of the block being cut
 *
 * Leaves the innermost inline element, closing its markup if it opened.
 */
void
nf_clean_markup_pop_inline (NfCleanMarkup *markup)
{
  InlineElement *in;

  if (markup->inlines->len == 0)
    return;
  in = &g_array_index (markup->inlines, InlineElement, markup->inlines->len - 1);
  if (in->opened)
    append_closer (markup, in);
  if (in->kind == INLINE_CODE)
    markup->code_depth--;
  g_free (in->href);
  g_array_set_size (markup->inlines, markup->inlines->len - 1);
}

/* ---- cells and preformatted text ---- */

/* Closes what is open before a cell marker: cells are written whole, so
 * the markup nests whatever the tree looks like. */
static void
append_cell_marker (NfCleanMarkup *markup,
                    char           marker)
{
  close_inlines (markup);
  markup->space_pending = FALSE;
  g_string_append_c (markup->out, marker);
  markup->cell_markers++;
}

/**
 * nf_clean_markup_enter_cell:
 * @markup: the markup of the block being cut
 * @cell: the <td> or <th> the walk enters
 *
 * Starts a table cell; the inline elements open around it close first
 * and open again inside it.
 */
void
nf_clean_markup_enter_cell (NfCleanMarkup *markup,
                            xmlNode       *cell)
{
  append_cell_marker (markup, is_named (cell, "th") ? HEADER_CELL_OPEN : CELL_OPEN);
  markup->cell_depth++;
}

/**
 * nf_clean_markup_leave_cell:
 * @markup: the markup of the block being cut
 * @cell: the <td> or <th> the walk leaves
 *
 * Ends a table cell, closing what opened inside it first.
 */
void
nf_clean_markup_leave_cell (NfCleanMarkup *markup,
                            xmlNode       *cell)
{
  append_cell_marker (markup, is_named (cell, "th") ? HEADER_CELL_CLOSE : CELL_CLOSE);
  markup->cell_depth--;
}

/**
 * nf_clean_markup_enter_pre:
 * @markup: the markup of the block being cut
 *
 * The walk enters a <pre>: its text keeps its white space, and Markdown
 * writes no inline markup inside it.
 */
void
nf_clean_markup_enter_pre (NfCleanMarkup *markup)
{
  markup->pre_depth++;
}

/**
 * nf_clean_markup_leave_pre:
 * @markup: the markup of the block being cut
 *
 * The walk leaves a <pre>.
 */
void
nf_clean_markup_leave_pre (NfCleanMarkup *markup)
{
  markup->pre_depth--;
}

/* ---- the end of a block ---- */

/* Writes a cell marker of a data row: a cell's opening or closing in
 * HTML, a " | " between cells in Markdown. Counts the cells of @block
 * and, in @header_cells, those that are <th>. */
static void
append_row_cell_marker (GString       *out,
                        char           marker,
                        NfCleanBlock  *block,
                        guint         *header_cells,
                        NfCleanFormat  format)
{
  if (marker == CELL_OPEN || marker == HEADER_CELL_OPEN)
    {
      if (format == NF_CLEAN_FORMAT_HTML)
        g_string_append (out, marker == CELL_OPEN ? "<td>" : "<th>");
      else if (block->cells > 0)
        g_string_append (out, " | ");
      block->cells++;
      *header_cells += marker == HEADER_CELL_OPEN;
    }
  else if (format == NF_CLEAN_FORMAT_HTML)
    g_string_append (out, marker == CELL_CLOSE ? "</td>" : "</th>");
}

/* The cell markers of a finished block: cells of a data row, spaces in
 * a layout row (which reads as text, like the plain output). Runs of
 * spaces left by markers collapse, and none stay at the ends. */
static char *
resolve_cells (const char   *markup,
               NfCleanBlock *block,
               NfCleanFormat format)
{
  GString *out = g_string_sized_new (strlen (markup) + 16);
  gboolean row = block->kind == NF_CLEAN_BLOCK_TABLE_ROW;
  gboolean space = FALSE;
  guint header_cells = 0;

  for (const char *p = markup; *p != '\0'; p++)
    {
      gboolean marker = *p >= CELL_OPEN && *p <= HEADER_CELL_CLOSE;

      if (row && marker)
        {
          append_row_cell_marker (out, *p, block, &header_cells, format);
          space = FALSE;
        }
      else if (marker || *p == ' ')
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  block->header = block->cells > 0 && header_cells == block->cells;
  return g_string_free (out, FALSE);
}

/* Preformatted text loses its leading line breaks and trailing blank
 * lines (and the markers of cells, which have no place in it), nothing
 * else. */
static char *
trim_preformatted (const char *markup)
{
  GString *out = g_string_sized_new (strlen (markup));

  for (const char *p = markup; *p != '\0'; p++)
    if (*p < CELL_OPEN || *p > HEADER_CELL_CLOSE)
      g_string_append_c (out, *p);
  while (out->len > 0 && strchr (" \t\r\n", out->str[out->len - 1]) != NULL)
    g_string_truncate (out, out->len - 1);
  while (out->str[0] == '\n' || out->str[0] == '\r')
    g_string_erase (out, 0, 1);
  return g_string_free (out, FALSE);
}

/* The markup of a block that ends, its cells and white space resolved. */
static char *
finish_markup (NfCleanMarkup *markup,
               NfCleanBlock  *block)
{
  if (block->kind == NF_CLEAN_BLOCK_PREFORMATTED)
    return trim_preformatted (markup->out->str);
  if (markup->cell_markers > 0)
    return resolve_cells (markup->out->str, block, markup->format);
  return g_strdup (markup->out->str);
}

/**
 * nf_clean_markup_end_block:
 * @markup: the markup of the block being cut
 * @block: (nullable): the block its text made, its kind known; %NULL
 *   when the text was empty and made none
 *
 * Ends the block being cut: closes the open inline elements (they open
 * again in the next block), sets the markup of @block (and its cells),
 * and starts the next block's markup empty.
 */
void
nf_clean_markup_end_block (NfCleanMarkup *markup,
                           NfCleanBlock  *block)
{
  close_inlines (markup);
  if (block != NULL)
    block->markup = finish_markup (markup, block);
  g_string_truncate (markup->out, 0);
  markup->space_pending = FALSE;
  markup->has_content = FALSE;
  markup->cell_markers = 0;
}

/* ---- life ---- */

/**
 * nf_clean_markup_new:
 * @root: the root of the page's tree, for the address links resolve against
 * @format: %NF_CLEAN_FORMAT_MARKDOWN or %NF_CLEAN_FORMAT_HTML
 *
 * Starts the markup of a cut of the tree under @root.
 *
 * Returns: (transfer full): the markup writer; free with nf_clean_markup_free()
 */
NfCleanMarkup *
nf_clean_markup_new (xmlNode       *root,
                     NfCleanFormat  format)
{
  NfCleanMarkup *markup = g_new0 (NfCleanMarkup, 1);

  markup->format = format;
  markup->out = g_string_new (NULL);
  markup->inlines = g_array_new (FALSE, FALSE, sizeof (InlineElement));
  find_base (markup, root);
  return markup;
}

/**
 * nf_clean_markup_free:
 * @markup: (transfer full): the markup writer
 *
 * Frees @markup and the inline elements still open.
 */
void
nf_clean_markup_free (NfCleanMarkup *markup)
{
  while (markup->inlines->len > 0)
    nf_clean_markup_pop_inline (markup);
  g_array_unref (markup->inlines);
  g_string_free (markup->out, TRUE);
  xmlFree (markup->base_owned);
  g_free (markup);
}
