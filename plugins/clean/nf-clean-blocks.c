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
 * When the output is Markdown or HTML, the walk also has each block's
 * inline markup (links, emphasis, code, cells) written, by an
 * NfCleanMarkup (nf-clean-inline.c); for plain text it makes none, so the
 * text path does no more than it did before formats existed.
 */
#include "nf-clean-private.h"
#include "nf-clean-inline-private.h"

#include <string.h>

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

/* Elements that start a block of text of their own. */
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

/* ---- The cutter ---- */

/* The state of a cut: the blocks made, and the one being gathered. */
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
  NfCleanMarkup *markup;         /* the inline markup; NULL for plain text */
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

/* Makes @block a list item of the item @item: its depth among the open
 * lists, and the list it belongs to. */
static void
classify_list_item (Cutter          *c,
                    const Container *item,
                    NfCleanBlock    *block)
{
  guint count;
  const Container *list = nearest_container (c, CONTAINER_LIST, &count);

  block->kind = NF_CLEAN_BLOCK_LIST_ITEM;
  block->unit = (guintptr) item->node;
  block->depth = count > 0 ? count - 1 : 0;
  block->group = list != NULL ? (guintptr) list->node : 0;
  block->ordered = list != NULL && list->flag;
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
    classify_list_item (c, top, block);   /* the li itself, or a paragraph inside it */
  else if (top != NULL && top->type == CONTAINER_ROW && top->node == c->owner && !top->flag)
    {
      block->kind = NF_CLEAN_BLOCK_TABLE_ROW;
      found = nearest_container (c, CONTAINER_TABLE, &count);
      block->group = found != NULL ? (guintptr) found->node : 0;
    }
}

/* A block of the text gathered (taking @text), with its counts and kind. */
static NfCleanBlock *
new_block (Cutter *c,
           char   *text)
{
  NfCleanBlock *block = g_new0 (NfCleanBlock, 1);

  block->owner = c->owner;
  block->chars = g_utf8_strlen (text, -1);
  block->text = text;
  block->link_chars = c->link_chars;
  block->all_chars = c->all_chars;
  block->after_br = c->after_br;
  classify_block (c, block);
  return block;
}

/* Ends the block being gathered; returns whether it had text (and so
 * became a block). */
static gboolean
cutter_flush (Cutter *c)
{
  g_autofree char *text = nf_clean_collapse_space (c->text->str);
  NfCleanBlock *block = NULL;

  if (*text != '\0' && c->owner != NULL)
    {
      block = new_block (c, g_steal_pointer (&text));
      g_ptr_array_add (c->blocks, block);
    }
  if (c->markup != NULL)
    nf_clean_markup_end_block (c->markup, block);
  g_string_truncate (c->text, 0);
  c->link_chars = 0;
  c->all_chars = 0;
  c->after_br = FALSE;
  return block != NULL;
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
    nf_clean_markup_add_text (c->markup, text);
}

/* ---- Blocks ---- */

/* Enters a block element: the text before it is a block, and @node the
 * owner of what follows; a container is pushed. */
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
      if (container.type == CONTAINER_PRE && c->markup != NULL)
        nf_clean_markup_enter_pre (c->markup);
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
      if (top->type == CONTAINER_PRE && c->markup != NULL)
        nf_clean_markup_leave_pre (c->markup);
      g_array_set_size (c->containers, c->containers->len - 1);
    }
  c->owner = block_ancestor (node->parent);
}

/* ---- The walk ---- */

/* What a step of the walk does: visit a node, or leave an element. */
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

/* Leaves the element of @step, as the step that entered it asked. */
static void
leave (Cutter *c,
       Step   *step)
{
  switch (step->kind)
    {
    case STEP_LEAVE_LINK:
      c->link_depth--;
      if (c->markup != NULL)
        nf_clean_markup_pop_inline (c->markup);
      break;
    case STEP_LEAVE_INLINE:
      nf_clean_markup_pop_inline (c->markup);
      break;
    case STEP_LEAVE_CELL:
      nf_clean_markup_leave_cell (c->markup, step->node);
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
        nf_clean_markup_push_inline (c->markup, node);
      push_step (stack, node, STEP_LEAVE_LINK);
    }
  else if (is_block (node))
    {
      enter_block (c, node);
      push_step (stack, node, STEP_LEAVE_BLOCK);
    }
  else if (c->markup != NULL && cell)
    {
      nf_clean_markup_enter_cell (c->markup, node);
      push_step (stack, node, STEP_LEAVE_CELL);
    }
  else if (c->markup != NULL && nf_clean_markup_is_inline_element (node))
    {
      nf_clean_markup_push_inline (c->markup, node);
      push_step (stack, node, STEP_LEAVE_INLINE);
    }
}

/* Visits @node: its text is gathered, furniture skipped, a <br> breaks
 * the block, an element is entered and its children scheduled. */
static void
visit (Cutter     *c,
       GArray     *stack,
       xmlNode    *node,
       GHashTable *sizes,
       gsize       page_size)
{
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      if (node->content != NULL)
        cutter_add_text (c, (const char *) node->content);
      return;
    }
  if (node->type != XML_ELEMENT_NODE || nf_clean_is_junk (node, sizes, page_size))
    return;

  if (is_named (node, "br"))
    {
      /* one <br> breaks the line; two in a row, the paragraph */
      mark_row_split (c);
      c->after_br = cutter_flush (c);
      return;
    }
  enter_element (c, stack, node);

  for (xmlNode *child = node->last; child != NULL; child = child->prev)
    push_step (stack, child, STEP_ENTER);
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
  if (format != NF_CLEAN_FORMAT_TEXT)
    c->markup = nf_clean_markup_new (root, format);
}

/* Frees what the cut used, not the blocks it made. */
static void
cutter_clear (Cutter *c)
{
  g_string_free (c->text, TRUE);
  g_array_unref (c->containers);
  g_clear_pointer (&c->markup, nf_clean_markup_free);
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

      g_array_set_size (stack, stack->len - 1);
      if (step.kind == STEP_ENTER)
        visit (&c, stack, step.node, sizes, page_size);
      else
        leave (&c, &step);
    }
  cutter_flush (&c);
  blocks = g_steal_pointer (&c.blocks);
  cutter_clear (&c);
  return blocks;
}
