/* nf-clean-render.c: the kept blocks of an article joined into its text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Plain text joins the blocks with a blank line. Markdown and HTML also
 * write what the blocks are: headings, items of one list together (HTML
 * nests the lists; Markdown indents the items), rows of one table,
 * quoted blocks of one blockquote, preformatted text and captions.
 *
 * The HTML written is always well-formed, and holds only these elements:
 * p, h1–h6, ul, ol, li, blockquote, pre, table, tr, th, td, figure,
 * figcaption, br, a (with an http, https or mailto href, its only
 * attribute), em, strong, code, sub and sup. Text is escaped, so nothing
 * from the page (a script, an event handler, a style) gets through.
 */
#include "nf-clean-private.h"

#include <string.h>

/* ---- Escaping ---- */

/**
 * nf_clean_escape_char:
 * @out: where the character goes
 * @c: a character of text
 * @format: the output format
 * @in_cell: whether @c is in a table cell (where Markdown escapes `|`)
 *
 * Appends @c so that it reads as text in @format: Markdown escapes the
 * characters that would become markup, HTML escapes `& < > "`. Control
 * characters are dropped.
 */
void
nf_clean_escape_char (GString       *out,
                      gunichar       c,
                      NfCleanFormat  format,
                      gboolean       in_cell)
{
  if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
    return;
  if (format == NF_CLEAN_FORMAT_HTML)
    {
      switch (c)
        {
        case '&': g_string_append (out, "&amp;"); return;
        case '<': g_string_append (out, "&lt;"); return;
        case '>': g_string_append (out, "&gt;"); return;
        case '"': g_string_append (out, "&quot;"); return;
        default: break;
        }
    }
  else if (format == NF_CLEAN_FORMAT_MARKDOWN)
    {
      if ((c < 0x80 && strchr ("\\*_[]`<>#", (char) c) != NULL) || (in_cell && c == '|'))
        g_string_append_c (out, '\\');
    }
  g_string_append_unichar (out, c);
}

/**
 * nf_clean_escape_line_start:
 * @out: where the escaped start goes
 * @text: text that starts a Markdown line
 * @format: the output format
 *
 * A line starting with `-`, `+` or `1.` would become a list item in
 * Markdown: escapes that start. Other formats need nothing.
 *
 * Returns: where in @text escaping character by character goes on
 */
const char *
nf_clean_escape_line_start (GString       *out,
                            const char    *text,
                            NfCleanFormat  format)
{
  const char *p = text;

  if (format != NF_CLEAN_FORMAT_MARKDOWN)
    return text;
  if (*p == '-' || *p == '+')
    {
      g_string_append_c (out, '\\');
      return text;
    }
  while (g_ascii_isdigit (*p))
    p++;
  if (p > text && (*p == '.' || *p == ')'))
    {
      g_string_append_len (out, text, p - text);
      g_string_append_c (out, '\\');
      return p;
    }
  return text;
}

/* @text escaped as a whole, for blocks without markup (plain-text input). */
static char *
escape_text (const char    *text,
             NfCleanFormat  format,
             gboolean       preformatted)
{
  GString *out = g_string_sized_new (strlen (text) + 16);
  const char *p = text;

  if (format == NF_CLEAN_FORMAT_MARKDOWN && preformatted)
    return g_strdup (text);
  p = nf_clean_escape_line_start (out, p, format);
  for (; *p != '\0'; p = g_utf8_next_char (p))
    nf_clean_escape_char (out, g_utf8_get_char (p), format, FALSE);
  return g_string_free (out, FALSE);
}

/* ---- The renderer ---- */

typedef struct
{
  guintptr group;
  guint    depth;
  gboolean ordered;
  guint    number;   /* items written so far */
  guint    indent;   /* Markdown: spaces before this list's markers */
  guint    width;    /* Markdown: the width of its last marker */
} OpenList;

struct _NfCleanRenderer
{
  NfCleanFormat  format;
  GString       *out;
  GArray        *lists;          /* the open lists, outermost first */
  guintptr       quote;          /* the open blockquote, 0 for none */
  guintptr       table;          /* the open table, 0 for none */
  guint          table_rows;
  const char    *pending_close;  /* HTML: the end tag of the last block */
  gboolean       line_closed;    /* HTML: a block-level end tag was just written */
  gboolean       has_last;
  NfCleanBlockKind last_kind;
  guintptr       last_unit;
  guint          continuation;   /* Markdown: spaces before a continued line */
};

/**
 * nf_clean_renderer_new:
 * @format: the output format
 *
 * Returns: (transfer full): a renderer; nf_clean_renderer_finish() frees it
 */
NfCleanRenderer *
nf_clean_renderer_new (NfCleanFormat format)
{
  NfCleanRenderer *r = g_new0 (NfCleanRenderer, 1);

  r->format = format;
  r->out = g_string_new (NULL);
  r->lists = g_array_new (FALSE, FALSE, sizeof (OpenList));
  return r;
}

/* The innermost open list, %NULL when none is open. */
static OpenList *
top_list (NfCleanRenderer *r)
{
  return r->lists->len > 0 ? &g_array_index (r->lists, OpenList, r->lists->len - 1) : NULL;
}

/* HTML: starts a new line of output with @tag. */
static void
html_line (NfCleanRenderer *r,
           const char      *tag)
{
  if (r->out->len > 0)
    g_string_append_c (r->out, '\n');
  g_string_append (r->out, tag);
}

/* HTML: ends the element the last block opened (p, h2, pre…). */
static void
html_close_pending (NfCleanRenderer *r)
{
  if (r->pending_close != NULL)
    g_string_append (r->out, r->pending_close);
  r->pending_close = NULL;
}

/* HTML: closes the innermost open list and its last item. */
static void
html_pop_list (NfCleanRenderer *r)
{
  OpenList *list = top_list (r);

  html_close_pending (r);
  if (r->line_closed)
    html_line (r, "</li>");
  else
    g_string_append (r->out, "</li>");
  html_line (r, list->ordered ? "</ol>" : "</ul>");
  r->line_closed = TRUE;
  g_array_set_size (r->lists, r->lists->len - 1);
}

/* Closes the open lists but the @keep outermost. */
static void
close_lists (NfCleanRenderer *r,
             guint            keep)
{
  while (r->lists->len > keep)
    {
      if (r->format == NF_CLEAN_FORMAT_HTML)
        html_pop_list (r);
      else
        g_array_set_size (r->lists, r->lists->len - 1);
    }
}

/* Closes the open table, if any. */
static void
close_table (NfCleanRenderer *r)
{
  if (r->table == 0)
    return;
  if (r->format == NF_CLEAN_FORMAT_HTML)
    {
      html_close_pending (r);
      html_line (r, "</table>");
      r->line_closed = TRUE;
    }
  r->table = 0;
  r->table_rows = 0;
}

/* Closes the open blockquote, if any. */
static void
close_quote (NfCleanRenderer *r)
{
  if (r->quote == 0)
    return;
  if (r->format == NF_CLEAN_FORMAT_HTML)
    {
      html_close_pending (r);
      html_line (r, "</blockquote>");
      r->line_closed = TRUE;
    }
  r->quote = 0;
}

/* The table of a row; rows outside any table (which the parser does not
 * make) are one table of their own. */
static guintptr
table_of (const NfCleanBlock *block)
{
  return block->group != 0 ? block->group : 1;
}

/* How many of the open lists an item of @block's list stays inside: the
 * lists of lower depth, and its own list when it is open already. */
static guint
lists_kept_for (NfCleanRenderer    *r,
                const NfCleanBlock *block)
{
  guint keep = 0;

  for (guint i = 0; i < r->lists->len; i++)
    {
      OpenList *list = &g_array_index (r->lists, OpenList, i);

      if (list->group == block->group)
        return i + 1;
      if (list->depth >= block->depth)
        break;
      keep = i + 1;
    }
  return keep;
}

/* Closes the containers @block is not part of, innermost first; returns
 * whether @block continues the open list or table (Markdown then joins
 * it with a single line break). */
static gboolean
close_containers_for (NfCleanRenderer    *r,
                      const NfCleanBlock *block)
{
  guintptr quote = block->quoted ? block->quote_group : 0;
  gboolean item = block->kind == NF_CLEAN_BLOCK_LIST_ITEM;
  gboolean row = block->kind == NF_CLEAN_BLOCK_TABLE_ROW;
  guint keep = item && quote == r->quote ? lists_kept_for (r, block) : 0;
  gboolean continues = (item && keep > 0) ||
                       (row && quote == r->quote && r->table == table_of (block));

  close_lists (r, keep);
  if (!row || r->table != table_of (block) || quote != r->quote)
    close_table (r);
  if (quote != r->quote)
    close_quote (r);
  return continues;
}

/* ---- HTML ---- */

static void
html_open_item (NfCleanRenderer    *r,
                const NfCleanBlock *block)
{
  OpenList *list = top_list (r);

  if (list != NULL && list->group == block->group)
    {
      html_close_pending (r);
      if (r->line_closed)
        html_line (r, "</li>");
      else
        g_string_append (r->out, "</li>");
      html_line (r, "<li>");
    }
  else
    {
      OpenList open = { block->group, block->depth, block->ordered, 0, 0, 0 };

      html_close_pending (r);
      html_line (r, block->ordered ? "<ol>" : "<ul>");
      html_line (r, "<li>");
      g_array_append_val (r->lists, open);
    }
  r->line_closed = FALSE;
}

/* HTML: writes a block that starts a new element. */
static void
html_add (NfCleanRenderer    *r,
          const NfCleanBlock *block,
          const char         *markup)
{
  static const char * const heading_close[] = { "</h1>", "</h2>", "</h3>", "</h4>", "</h5>", "</h6>" };
  guintptr quote = block->quoted ? block->quote_group : 0;

  close_containers_for (r, block);
  html_close_pending (r);
  if (quote != 0 && r->quote == 0)
    {
      html_line (r, "<blockquote>");
      r->quote = quote;
    }

  switch (block->kind)
    {
    case NF_CLEAN_BLOCK_HEADING:
      {
        guint level = CLAMP (block->level, 1, 6);
        g_autofree char *tag = g_strdup_printf ("<h%u>", level);
        html_line (r, tag);
        r->pending_close = heading_close[level - 1];
      }
      break;
    case NF_CLEAN_BLOCK_LIST_ITEM:
      html_open_item (r, block);
      break;
    case NF_CLEAN_BLOCK_PREFORMATTED:
      html_line (r, "<pre>");
      r->pending_close = "</pre>";
      break;
    case NF_CLEAN_BLOCK_TABLE_ROW:
      if (r->table == 0)
        {
          html_line (r, "<table>");
          r->table = table_of (block);
        }
      html_line (r, "<tr>");
      r->pending_close = "</tr>";
      break;
    case NF_CLEAN_BLOCK_CAPTION:
      html_line (r, "<figure><figcaption>");
      r->pending_close = "</figcaption></figure>";
      break;
    case NF_CLEAN_BLOCK_PARAGRAPH:
    default:
      html_line (r, "<p>");
      r->pending_close = "</p>";
      break;
    }
  r->line_closed = FALSE;
  g_string_append (r->out, markup);
}

/* ---- Markdown ---- */

/* Appends @text, starting each of its lines after the first with @prefix. */
static void
append_lines (GString    *out,
              const char *text,
              const char *prefix)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      g_string_append_c (out, *p);
      if (*p == '\n')
        g_string_append (out, prefix);
    }
}

/* The longest run of backticks in @text, for a fence longer than it. */
static guint
longest_backtick_run (const char *text)
{
  guint longest = 0, run = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  return longest;
}

/* The Markdown marker of a list item ("- ", "3. "), counting the item,
 * opening its list when it is not open yet. */
static char *
markdown_item_marker (NfCleanRenderer    *r,
                      const NfCleanBlock *block)
{
  OpenList *list = top_list (r);
  char *marker;

  if (list == NULL || list->group != block->group)
    {
      /* nested under the item above: indented to that item's text */
      OpenList open = { block->group, block->depth, block->ordered, 0, 0, 0 };

      if (list != NULL)
        open.indent = list->indent + list->width;
      g_array_append_val (r->lists, open);
      list = top_list (r);
    }
  list->number++;
  marker = list->ordered ? g_strdup_printf ("%u. ", list->number) : g_strdup ("- ");
  list->width = strlen (marker);
  return marker;
}

/* Markdown: writes a block that starts a new paragraph, item or row. */
static void
markdown_add (NfCleanRenderer    *r,
              const NfCleanBlock *block,
              const char         *markup)
{
  guintptr quote = block->quoted ? block->quote_group : 0;
  gboolean same_quote = quote != 0 && quote == r->quote;
  gboolean continues = close_containers_for (r, block);
  const char *quote_prefix = quote != 0 ? "> " : "";
  g_autofree char *prefix = NULL;
  g_autoptr(GString) line = g_string_new (quote_prefix);

  if (r->out->len > 0)
    g_string_append (r->out, continues ? "\n" : same_quote ? "\n>\n" : "\n\n");
  r->quote = quote;
  r->continuation = 0;

  switch (block->kind)
    {
    case NF_CLEAN_BLOCK_HEADING:
      for (guint i = 0; i < CLAMP (block->level, 1, 6); i++)
        g_string_append_c (line, '#');
      g_string_append_c (line, ' ');
      break;
    case NF_CLEAN_BLOCK_LIST_ITEM:
      {
        g_autofree char *marker = markdown_item_marker (r, block);
        guint indent = top_list (r)->indent;

        for (guint i = 0; i < indent; i++)
          g_string_append_c (line, ' ');
        g_string_append (line, marker);
        r->continuation = indent + strlen (marker);
      }
      break;
    case NF_CLEAN_BLOCK_PREFORMATTED:
      {
        guint ticks = MAX (3, longest_backtick_run (markup) + 1);
        g_autofree char *fence = g_strnfill (ticks, '`');

        prefix = g_strdup (quote_prefix);
        g_string_append_printf (line, "%s\n%s", fence, quote_prefix);
        append_lines (line, markup, prefix);
        g_string_append_printf (line, "\n%s%s", quote_prefix, fence);
        g_string_append (r->out, line->str);
        return;
      }
    case NF_CLEAN_BLOCK_TABLE_ROW:
      g_string_append_printf (line, "| %s |", markup);
      if (r->table == 0)
        {
          r->table = table_of (block);
          g_string_append_printf (line, "\n%s|", quote_prefix);
          for (guint i = 0; i < MAX (block->cells, 1); i++)
            g_string_append (line, " --- |");
        }
      r->table_rows++;
      g_string_append (r->out, line->str);
      return;
    case NF_CLEAN_BLOCK_CAPTION:
    case NF_CLEAN_BLOCK_PARAGRAPH:
    default:
      break;
    }
  g_string_append (r->out, line->str);
  prefix = g_strnfill (r->continuation, ' ');
  {
    g_autofree char *full_prefix = g_strconcat (quote_prefix, prefix, NULL);
    append_lines (r->out, markup, full_prefix);
  }
}

/* Markdown: a piece of the block written last (after a <br>, or another
 * paragraph of one list item) continues it on a new line. */
static void
markdown_continue (NfCleanRenderer    *r,
                   const NfCleanBlock *block,
                   const char         *markup)
{
  const char *quote_prefix = block->quoted ? "> " : "";
  g_autofree char *indent = g_strnfill (r->continuation, ' ');
  g_autofree char *prefix = g_strconcat (quote_prefix, indent, NULL);

  switch (block->kind)
    {
    case NF_CLEAN_BLOCK_HEADING:
    case NF_CLEAN_BLOCK_TABLE_ROW:
      g_string_append_c (r->out, ' ');
      g_string_append (r->out, markup);
      return;
    case NF_CLEAN_BLOCK_PREFORMATTED:
      /* inside the fence: insert before its closing line */
      {
        const char *close = strrchr (r->out->str, '\n');
        gsize at = close != NULL ? (gsize) (close - r->out->str) : r->out->len;
        g_autoptr(GString) lines = g_string_new ("\n");

        g_string_append (lines, prefix);
        append_lines (lines, markup, prefix);
        g_string_insert (r->out, at, lines->str);
      }
      return;
    default:
      g_string_append (r->out, "  \n");
      g_string_append (r->out, prefix);
      append_lines (r->out, markup, prefix);
      return;
    }
}

/* Whether @block is a further piece of the block written last: the same
 * list item, or the same element after a <br>. */
static gboolean
continues_last (NfCleanRenderer    *r,
                const NfCleanBlock *block)
{
  return r->has_last && block->unit != 0 &&
         block->kind == r->last_kind && block->unit == r->last_unit &&
         (block->after_br || block->kind == NF_CLEAN_BLOCK_LIST_ITEM);
}

/**
 * nf_clean_renderer_add:
 * @renderer: a renderer
 * @block: a kept block, for its kind, list, table and quote
 * @text: its final plain text (normalised, notes taken out)
 * @markup: (nullable): its final markup in the renderer's format; %NULL
 *   to write @text escaped
 *
 * Appends a block to the text.
 */
void
nf_clean_renderer_add (NfCleanRenderer    *r,
                       const NfCleanBlock *block,
                       const char         *text,
                       const char         *markup)
{
  g_autofree char *escaped = NULL;

  if (r->format == NF_CLEAN_FORMAT_TEXT)
    {
      if (r->out->len > 0)
        g_string_append (r->out, "\n\n");
      g_string_append (r->out, text);
      return;
    }
  if (markup == NULL)
    markup = escaped = escape_text (text, r->format, block->kind == NF_CLEAN_BLOCK_PREFORMATTED);

  if (continues_last (r, block))
    {
      if (r->format == NF_CLEAN_FORMAT_HTML)
        g_string_append (r->out, block->kind == NF_CLEAN_BLOCK_PREFORMATTED ? "\n" :
                                 block->kind == NF_CLEAN_BLOCK_TABLE_ROW ? "" : "<br>");
      else
        markdown_continue (r, block, markup);
      if (r->format == NF_CLEAN_FORMAT_HTML)
        g_string_append (r->out, markup);
      return;
    }

  if (r->format == NF_CLEAN_FORMAT_HTML)
    html_add (r, block, markup);
  else
    markdown_add (r, block, markup);
  r->has_last = TRUE;
  r->last_kind = block->kind;
  r->last_unit = block->unit;
}

/**
 * nf_clean_renderer_finish:
 * @renderer: (transfer full): a renderer
 *
 * Closes what is open and frees @renderer.
 *
 * Returns: (transfer full): the text
 */
char *
nf_clean_renderer_finish (NfCleanRenderer *r)
{
  char *text;

  if (r->format == NF_CLEAN_FORMAT_HTML)
    html_close_pending (r);
  close_lists (r, 0);
  close_table (r);
  close_quote (r);
  g_array_unref (r->lists);
  text = g_string_free (r->out, FALSE);
  g_free (r);
  return text;
}
