/* nf-clean-blocks.c: a page cut into text blocks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One walk of the tree with an explicit stack (pages can nest tags
 * thousands deep) cuts it into blocks: paragraphs, headings, list items,
 * table rows, captions… Furniture (nf-clean-junk.c) is skipped whole.
 * Each block counts its characters and how many of them are link text,
 * which is what the article finder (nf-clean-html.c) scores.
 *
 * Each block also gets its kind from the element that holds it, and the
 * list, table or quote it belongs to, found on a stack of the open
 * containers (ul/ol, li, blockquote, table, tr, pre) kept during the walk.
 * When the output is Markdown or HTML, the walk also writes each block's
 * inline markup (links, emphasis, code, cells); for plain text it writes
 * none, so the text path does no more than it did before formats existed.
 */
#include "nf-clean-private.h"

#include <string.h>
#include <libxml/uri.h>

/* Table cells are written as these control bytes (which never come from
 * the page: the text loses its control characters) until the row's kind
 * is known at its end: a data row or a layout row holding paragraphs. */
#define CELL_OPEN         '\x01'
#define HEADER_CELL_OPEN  '\x02'
#define CELL_CLOSE        '\x03'
#define HEADER_CELL_CLOSE '\x04'

/* Frees an NfCleanBlock (a GDestroyNotify for the arrays of blocks). */
void
nf_clean_block_free (gpointer data)
{
  NfCleanBlock *block = data;

  if (block == NULL)
    return;
  g_free (block->text);
  g_free (block->markup);
  g_free (block);
}

static const char * const block_tags[] = {
  "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
  "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "thead",
  "tbody", "tfoot", "caption", "figure", "figcaption", "header", "footer", "address",
  "hr", "center", "details", "summary", "body", "html", NULL
};

/* Whether element @node is called @name, in any case (HTML is not case-sensitive). */
static gboolean
is_named (xmlNode    *node,
          const char *name)
{
  return g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

/* Whether @node is a link. */
static gboolean
is_element_a (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE && is_named (node, "a");
}

/* Whether @node starts a block of text of its own. */
static gboolean
is_block (xmlNode *node)
{
  return nf_clean_name_in (node->name, block_tags);
}

/* The block element @node is in (itself when it is one). */
static xmlNode *
block_ancestor (xmlNode *node)
{
  for (xmlNode *p = node; p != NULL && p->type == XML_ELEMENT_NODE; p = p->parent)
    if (is_block (p))
      return p;
  return NULL;
}

/* The heading level of h1–h6, 0 for any other element. */
static guint
heading_level (xmlNode *node)
{
  const char *name = (const char *) node->name;

  if ((name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6' && name[2] == '\0')
    return name[1] - '0';
  return 0;
}

/* ---- Containers: the elements that give the blocks inside them a kind ---- */

typedef enum
{
  CONTAINER_LIST,
  CONTAINER_ITEM,
  CONTAINER_QUOTE,
  CONTAINER_TABLE,
  CONTAINER_ROW,
  CONTAINER_PRE,
} ContainerType;

typedef struct
{
  xmlNode       *node;
  ContainerType  type;
  gboolean       flag;  /* list: it is <ol>; row: it holds a <br> or a
                         * block, so it lays out text rather than data */
} Container;

/* Whether @node gives the blocks inside it a kind, and which. */
static gboolean
container_type_of (xmlNode       *node,
                   ContainerType *type)
{
  static const struct { const char *name; ContainerType type; } names[] = {
    { "ul", CONTAINER_LIST }, { "ol", CONTAINER_LIST }, { "li", CONTAINER_ITEM },
    { "blockquote", CONTAINER_QUOTE }, { "table", CONTAINER_TABLE },
    { "tr", CONTAINER_ROW }, { "pre", CONTAINER_PRE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (is_named (node, names[i].name))
      {
        *type = names[i].type;
        return TRUE;
      }
  return FALSE;
}

/* ---- Inline markup (Markdown and HTML only) ---- */

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

typedef struct
{
  InlineKind  kind;
  char       *href;          /* links: the address, escaped for the format */
  gboolean    double_ticks;  /* Markdown code holding a backtick */
  gboolean    opened;        /* its opening markup is written; it is opened
                              * only before visible text, so an element
                              * without any (a link around an image) leaves
                              * nothing */
} Inline;

typedef struct
{
  GPtrArray     *blocks;
  GString       *text;
  xmlNode       *owner;
  guint          link_chars;
  guint          all_chars;
  guint          link_depth;
  GArray        *containers;
  gboolean       after_br;       /* the text gathered follows a <br> */

  /* markup: markup is NULL for plain text */
  NfCleanFormat  format;
  GString       *markup;
  GArray        *inlines;
  const xmlChar *base;           /* what relative links resolve against */
  xmlChar       *base_owned;
  gboolean       space_pending;  /* white space seen since the last visible text */
  gboolean       has_content;    /* the markup holds visible text */
  guint          cell_depth;
  guint          pre_depth;
  guint          code_depth;
  guint          cell_markers;   /* cell markers written in this block */
} Cutter;

/* The container the walk is in, innermost; %NULL outside any. */
static Container *
innermost_container (Cutter *c)
{
  return c->containers->len > 0 ?
         &g_array_index (c->containers, Container, c->containers->len - 1) : NULL;
}

/* The nearest open container of @type, with @count set to how many of
 * that type are open (the nesting of lists). */
static const Container *
nearest_container (Cutter        *c,
                   ContainerType  type,
                   guint         *count)
{
  const Container *found = NULL;

  *count = 0;
  for (guint i = c->containers->len; i > 0; i--)
    {
      const Container *container = &g_array_index (c->containers, Container, i - 1);

      if (container->type != type)
        continue;
      if (found == NULL)
        found = container;
      (*count)++;
    }
  return found;
}

/* A <br> or a block inside a table row makes it a layout row: its text
 * is paragraphs, not cells. */
static void
mark_row_split (Cutter *c)
{
  Container *top = innermost_container (c);

  if (top != NULL && top->type == CONTAINER_ROW)
    top->flag = TRUE;
}

/* Gives @block its kind and the list, table or quote it belongs to. */
static void
classify_block (Cutter       *c,
                NfCleanBlock *block)
{
  const Container *top = innermost_container (c);
  const Container *found;
  guint count;

  block->kind = NF_CLEAN_BLOCK_PARAGRAPH;
  block->unit = (guintptr) c->owner;
  if ((found = nearest_container (c, CONTAINER_QUOTE, &count)) != NULL)
    {
      block->quoted = TRUE;
      block->quote_group = (guintptr) found->node;
    }

  if ((block->level = heading_level (c->owner)) > 0)
    block->kind = NF_CLEAN_BLOCK_HEADING;
  else if ((found = nearest_container (c, CONTAINER_PRE, &count)) != NULL)
    {
      block->kind = NF_CLEAN_BLOCK_PREFORMATTED;
      block->unit = (guintptr) found->node;
    }
  else if (is_named (c->owner, "caption") || is_named (c->owner, "figcaption"))
    block->kind = NF_CLEAN_BLOCK_CAPTION;
  else if (top != NULL && top->type == CONTAINER_ITEM)
    {
      /* the li itself, or a paragraph inside it */
      block->kind = NF_CLEAN_BLOCK_LIST_ITEM;
      block->unit = (guintptr) top->node;
      found = nearest_container (c, CONTAINER_LIST, &count);
      block->depth = count > 0 ? count - 1 : 0;
      block->group = found != NULL ? (guintptr) found->node : 0;
      block->ordered = found != NULL && found->flag;
    }
  else if (top != NULL && top->type == CONTAINER_ROW && top->node == c->owner && !top->flag)
    {
      block->kind = NF_CLEAN_BLOCK_TABLE_ROW;
      found = nearest_container (c, CONTAINER_TABLE, &count);
      block->group = found != NULL ? (guintptr) found->node : 0;
    }
}

/* Writes the opening markup of @in. */
static void
append_opener (Cutter *c,
               Inline *in)
{
  gboolean md = c->format == NF_CLEAN_FORMAT_MARKDOWN;

  switch (in->kind)
    {
    case INLINE_LINK:
      if (md)
        g_string_append_c (c->markup, '[');
      else
        g_string_append_printf (c->markup, "<a href=\"%s\">", in->href);
      break;
    case INLINE_EM:
      g_string_append (c->markup, md ? "*" : "<em>");
      break;
    case INLINE_STRONG:
      g_string_append (c->markup, md ? "**" : "<strong>");
      break;
    case INLINE_CODE:
      g_string_append (c->markup, md ? (in->double_ticks ? "`` " : "`") : "<code>");
      break;
    case INLINE_SUB:
      g_string_append (c->markup, "<sub>");
      break;
    case INLINE_SUP:
      g_string_append (c->markup, "<sup>");
      break;
    case INLINE_NONE:
    default:
      break;
    }
}

/* Writes the closing markup of @in. */
static void
append_closer (Cutter *c,
               Inline *in)
{
  gboolean md = c->format == NF_CLEAN_FORMAT_MARKDOWN;

  switch (in->kind)
    {
    case INLINE_LINK:
      if (md)
        g_string_append_printf (c->markup, "](%s)", in->href);
      else
        g_string_append (c->markup, "</a>");
      break;
    case INLINE_EM:
      g_string_append (c->markup, md ? "*" : "</em>");
      break;
    case INLINE_STRONG:
      g_string_append (c->markup, md ? "**" : "</strong>");
      break;
    case INLINE_CODE:
      g_string_append (c->markup, md ? (in->double_ticks ? " ``" : "`") : "</code>");
      break;
    case INLINE_SUB:
      g_string_append (c->markup, "</sub>");
      break;
    case INLINE_SUP:
      g_string_append (c->markup, "</sup>");
      break;
    case INLINE_NONE:
    default:
      break;
    }
}

/* Opens the inline elements waiting for visible text, outermost first.
 * Markdown writes none inside a fenced block, where they would show. */
static void
open_inlines (Cutter *c)
{
  if (c->format == NF_CLEAN_FORMAT_MARKDOWN && c->pre_depth > 0)
    return;
  for (guint i = 0; i < c->inlines->len; i++)
    {
      Inline *in = &g_array_index (c->inlines, Inline, i);

      if (!in->opened)
        {
          append_opener (c, in);
          in->opened = TRUE;
        }
    }
}

/* Closes the open inline elements, innermost first, at the end of a block
 * or a cell; they open again before the next visible text. */
static void
close_inlines (Cutter *c)
{
  for (guint i = c->inlines->len; i > 0; i--)
    {
      Inline *in = &g_array_index (c->inlines, Inline, i - 1);

      if (in->opened)
        {
          append_closer (c, in);
          in->opened = FALSE;
        }
    }
}

/* The characters nf_clean_collapse_space() treats as white space. */
static gboolean
is_collapsed_space (gunichar ch)
{
  return g_unichar_isspace (ch) || ch == 0x00A0 || ch == 0x200B || ch == 0xFEFF;
}

/* Preformatted text keeps its white space and line breaks. */
static void
markup_add_preformatted (Cutter     *c,
                         const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f)
        continue;
      open_inlines (c);
      c->has_content = TRUE;
      if (c->format == NF_CLEAN_FORMAT_MARKDOWN)
        g_string_append_unichar (c->markup, ch);
      else
        nf_clean_escape_char (c->markup, ch, c->format, FALSE);
    }
}

/* Adds text to the markup the way nf_clean_collapse_space() makes the
 * plain text: runs of white space become one space, none at the ends. A
 * space waits for the next visible character, so that it goes before an
 * opening and after a closing: emphasis never starts or ends on a space. */
static void
markup_add_text (Cutter     *c,
                 const char *text)
{
  gboolean literal = c->format == NF_CLEAN_FORMAT_MARKDOWN && c->code_depth > 0;
  const char *p = text;

  if (c->pre_depth > 0)
    {
      markup_add_preformatted (c, text);
      return;
    }
  while (*p != '\0')
    {
      gunichar ch = g_utf8_get_char (p);

      if (is_collapsed_space (ch) || ch < 0x20 || ch == 0x7f)
        {
          if (!(ch < 0x20 || ch == 0x7f) || g_unichar_isspace (ch))
            c->space_pending = c->has_content;
          p = g_utf8_next_char (p);
          continue;
        }
      if (c->space_pending)
        g_string_append_c (c->markup, ' ');
      c->space_pending = FALSE;
      open_inlines (c);
      if (!c->has_content && !literal)
        {
          p = nf_clean_escape_line_start (c->markup, p, c->format);
          ch = g_utf8_get_char (p);
        }
      c->has_content = TRUE;
      if (literal)
        g_string_append_unichar (c->markup, ch);
      else
        nf_clean_escape_char (c->markup, ch, c->format, c->cell_depth > 0);
      p = g_utf8_next_char (p);
    }
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
      gboolean open = *p == CELL_OPEN || *p == HEADER_CELL_OPEN;
      gboolean close = *p == CELL_CLOSE || *p == HEADER_CELL_CLOSE;

      if (row && open)
        {
          if (format == NF_CLEAN_FORMAT_HTML)
            g_string_append (out, *p == CELL_OPEN ? "<td>" : "<th>");
          else if (block->cells > 0)
            g_string_append (out, " | ");
          block->cells++;
          header_cells += *p == HEADER_CELL_OPEN;
          space = FALSE;
        }
      else if (row && close)
        {
          if (format == NF_CLEAN_FORMAT_HTML)
            g_string_append (out, *p == CELL_CLOSE ? "</td>" : "</th>");
          space = FALSE;
        }
      else if (open || close || *p == ' ')
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
finish_markup (Cutter       *c,
               NfCleanBlock *block)
{
  if (block->kind == NF_CLEAN_BLOCK_PREFORMATTED)
    return trim_preformatted (c->markup->str);
  if (c->cell_markers > 0)
    return resolve_cells (c->markup->str, block, c->format);
  return g_strdup (c->markup->str);
}

/* Ends the block being gathered; returns whether it had text (and so
 * became a block). */
static gboolean
cutter_flush (Cutter *c)
{
  g_autofree char *text = nf_clean_collapse_space (c->text->str);
  gboolean added = FALSE;

  if (c->markup != NULL)
    close_inlines (c);
  if (*text != '\0' && c->owner != NULL)
    {
      NfCleanBlock *block = g_new0 (NfCleanBlock, 1);

      block->owner = c->owner;
      block->chars = g_utf8_strlen (text, -1);
      block->text = g_steal_pointer (&text);
      block->link_chars = c->link_chars;
      block->all_chars = c->all_chars;
      block->after_br = c->after_br;
      classify_block (c, block);
      if (c->markup != NULL)
        block->markup = finish_markup (c, block);
      g_ptr_array_add (c->blocks, block);
      added = TRUE;
    }
  g_string_truncate (c->text, 0);
  c->link_chars = 0;
  c->all_chars = 0;
  c->after_br = FALSE;
  if (c->markup != NULL)
    {
      g_string_truncate (c->markup, 0);
      c->space_pending = FALSE;
      c->has_content = FALSE;
      c->cell_markers = 0;
    }
  return added;
}

/* Adds a text node to the block being gathered, counting its visible
 * characters and those inside links. */
static void
cutter_add_text (Cutter     *c,
                 const char *text)
{
  guint visible = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      visible++;
  g_string_append (c->text, text);
  c->all_chars += visible;
  if (c->link_depth > 0)
    c->link_chars += visible;
  if (c->markup != NULL)
    markup_add_text (c, text);
}

/* ---- Links ---- */

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
link_address (Cutter  *c,
              xmlNode *a)
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
  absolute = xmlBuildURI ((const xmlChar *) cleaned, c->base);
  if (absolute != NULL && is_safe_link ((const char *) absolute))
    result = c->format == NF_CLEAN_FORMAT_MARKDOWN ?
             escape_markdown_address ((const char *) absolute) :
             escape_html_address ((const char *) absolute);
  xmlFree (absolute);
  return result;
}

/* The page's address, or the one its <base href> gives. */
static void
find_base (Cutter  *c,
           xmlNode *root)
{
  c->base = root->doc != NULL ? root->doc->URL : NULL;
  for (xmlNode *head = root->children; head != NULL; head = head->next)
    {
      if (head->type != XML_ELEMENT_NODE || !is_named (head, "head"))
        continue;
      for (xmlNode *node = head->children; node != NULL; node = node->next)
        {
          xmlChar *href;

          if (node->type != XML_ELEMENT_NODE || !is_named (node, "base"))
            continue;
          href = xmlGetProp (node, (const xmlChar *) "href");
          if (href != NULL)
            c->base_owned = xmlBuildURI (href, c->base);
          xmlFree (href);
          if (c->base_owned != NULL)
            c->base = c->base_owned;
          return;
        }
    }
}

/* ---- Inline elements ---- */

static gboolean
inline_open (Cutter     *c,
             InlineKind  kind)
{
  for (guint i = 0; i < c->inlines->len; i++)
    if (g_array_index (c->inlines, Inline, i).kind == kind)
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
inline_kind_of (Cutter  *c,
                xmlNode *node)
{
  gboolean md = c->format == NF_CLEAN_FORMAT_MARKDOWN;
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

  if (kind == INLINE_NONE || inline_open (c, kind))
    return INLINE_NONE;
  if (md && (c->code_depth > 0 || c->pre_depth > 0))
    return INLINE_NONE;
  return kind;
}

/* Whether @node is written as inline markup, so that it needs a step
 * when the walk leaves it. */
static gboolean
is_inline_markup (xmlNode *node)
{
  static const char * const names[] = {
    "em", "i", "strong", "b", "code", "sub", "sup", NULL
  };

  return nf_clean_name_in (node->name, names);
}

/* Enters an inline element: its markup opens before its first visible text. */
static void
push_inline (Cutter  *c,
             xmlNode *node)
{
  Inline in = { inline_kind_of (c, node), NULL, FALSE, FALSE };

  if (in.kind == INLINE_LINK)
    {
      in.href = link_address (c, node);
      if (in.href == NULL)
        in.kind = INLINE_NONE;
    }
  else if (in.kind == INLINE_CODE && c->format == NF_CLEAN_FORMAT_MARKDOWN)
    in.double_ticks = holds_backtick (node);
  if (in.kind == INLINE_CODE)
    c->code_depth++;
  g_array_append_val (c->inlines, in);
}

/* Leaves the innermost inline element, closing its markup if it opened. */
static void
pop_inline (Cutter *c)
{
  Inline *in;

  if (c->inlines->len == 0)
    return;
  in = &g_array_index (c->inlines, Inline, c->inlines->len - 1);
  if (in->opened)
    append_closer (c, in);
  if (in->kind == INLINE_CODE)
    c->code_depth--;
  g_free (in->href);
  g_array_set_size (c->inlines, c->inlines->len - 1);
}

/* Cells are written whole: the inline elements open around them close
 * first, so the markup nests whatever the tree looks like. */
static void
enter_cell (Cutter  *c,
            xmlNode *node)
{
  close_inlines (c);
  c->space_pending = FALSE;
  g_string_append_c (c->markup, is_named (node, "th") ? HEADER_CELL_OPEN : CELL_OPEN);
  c->cell_markers++;
  c->cell_depth++;
}

/* Leaves a table cell, closing what opened inside it first. */
static void
leave_cell (Cutter  *c,
            xmlNode *node)
{
  close_inlines (c);
  c->space_pending = FALSE;
  g_string_append_c (c->markup, is_named (node, "th") ? HEADER_CELL_CLOSE : CELL_CLOSE);
  c->cell_markers++;
  c->cell_depth--;
}

/* ---- Blocks ---- */

static void
enter_block (Cutter  *c,
             xmlNode *node)
{
  Container container = { node, CONTAINER_LIST, FALSE };

  mark_row_split (c);
  cutter_flush (c);
  c->owner = node;
  if (container_type_of (node, &container.type))
    {
      container.flag = container.type == CONTAINER_LIST && is_named (node, "ol");
      g_array_append_val (c->containers, container);
      if (container.type == CONTAINER_PRE)
        c->pre_depth++;
    }
}

/* Leaves a block element: its text is a block, and what follows belongs
 * to the block around it. */
static void
leave_block (Cutter  *c,
             xmlNode *node)
{
  Container *top;

  cutter_flush (c);
  top = innermost_container (c);
  if (top != NULL && top->node == node)
    {
      if (top->type == CONTAINER_PRE)
        c->pre_depth--;
      g_array_set_size (c->containers, c->containers->len - 1);
    }
  c->owner = block_ancestor (node->parent);
}

typedef enum
{
  STEP_ENTER,
  STEP_LEAVE_LINK,
  STEP_LEAVE_BLOCK,
  STEP_LEAVE_INLINE,
  STEP_LEAVE_CELL,
} StepKind;

typedef struct
{
  xmlNode  *node;
  StepKind  kind;
} Step;

/* Schedules a visit of @node. */
static void
push_step (GArray   *stack,
           xmlNode  *node,
           StepKind  kind)
{
  Step step = { node, kind };

  g_array_append_val (stack, step);
}

static void
leave (Cutter *c,
       Step   *step)
{
  switch (step->kind)
    {
    case STEP_LEAVE_LINK:
      c->link_depth--;
      if (c->markup != NULL)
        pop_inline (c);
      break;
    case STEP_LEAVE_INLINE:
      pop_inline (c);
      break;
    case STEP_LEAVE_CELL:
      leave_cell (c, step->node);
      break;
    case STEP_LEAVE_BLOCK:
    case STEP_ENTER:
    default:
      leave_block (c, step->node);
      break;
    }
}

/* Enters element @node: pushes the step that leaves it, if it needs one. */
static void
enter_element (Cutter  *c,
               GArray  *stack,
               xmlNode *node)
{
  gboolean cell = is_named (node, "td") || is_named (node, "th");

  if (cell)
    g_string_append_c (c->text, ' ');

  if (is_element_a (node))
    {
      c->link_depth++;
      if (c->markup != NULL)
        push_inline (c, node);
      push_step (stack, node, STEP_LEAVE_LINK);
    }
  else if (is_block (node))
    {
      enter_block (c, node);
      push_step (stack, node, STEP_LEAVE_BLOCK);
    }
  else if (c->markup != NULL && cell)
    {
      enter_cell (c, node);
      push_step (stack, node, STEP_LEAVE_CELL);
    }
  else if (c->markup != NULL && is_inline_markup (node))
    {
      push_inline (c, node);
      push_step (stack, node, STEP_LEAVE_INLINE);
    }
}

/* Starts a cut of the tree under @root; markup only for Markdown or HTML. */
static void
cutter_init (Cutter        *c,
             xmlNode       *root,
             NfCleanFormat  format)
{
  memset (c, 0, sizeof (*c));
  c->blocks = g_ptr_array_new_with_free_func (nf_clean_block_free);
  c->text = g_string_new (NULL);
  c->containers = g_array_new (FALSE, FALSE, sizeof (Container));
  c->format = format;
  if (c->format != NF_CLEAN_FORMAT_TEXT)
    {
      c->markup = g_string_new (NULL);
      c->inlines = g_array_new (FALSE, FALSE, sizeof (Inline));
      find_base (c, root);
    }
}

/* Frees what the cut used, not the blocks it made. */
static void
cutter_clear (Cutter *c)
{
  g_string_free (c->text, TRUE);
  g_array_unref (c->containers);
  if (c->markup != NULL)
    {
      while (c->inlines->len > 0)
        pop_inline (c);
      g_array_unref (c->inlines);
      g_string_free (c->markup, TRUE);
    }
  xmlFree (c->base_owned);
}

/* Step 1: the text blocks of the page, in document order. */
GPtrArray *
nf_clean_cut_into_blocks (xmlNode      *root,
                          NfCleanFormat format)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Step));
  g_autoptr(GHashTable) sizes = nf_clean_measure_visible_text (root);
  gsize page_size = nf_clean_text_size (sizes, root);
  GPtrArray *blocks;
  Cutter c;

  cutter_init (&c, root, format);
  push_step (stack, root, STEP_ENTER);
  while (stack->len > 0)
    {
      Step step = g_array_index (stack, Step, stack->len - 1);
      xmlNode *node = step.node;

      g_array_set_size (stack, stack->len - 1);

      if (step.kind != STEP_ENTER)
        {
          leave (&c, &step);
          continue;
        }

      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          if (node->content != NULL)
            cutter_add_text (&c, (const char *) node->content);
          continue;
        }
      if (node->type != XML_ELEMENT_NODE || nf_clean_is_junk (node, sizes, page_size))
        continue;

      if (is_named (node, "br"))
        {
          /* one <br> breaks the line; two in a row, the paragraph */
          mark_row_split (&c);
          c.after_br = cutter_flush (&c);
          continue;
        }
      enter_element (&c, stack, node);

      for (xmlNode *child = node->last; child != NULL; child = child->prev)
        push_step (stack, child, STEP_ENTER);
    }
  cutter_flush (&c);
  blocks = g_steal_pointer (&c.blocks);
  cutter_clear (&c);
  return blocks;
}
