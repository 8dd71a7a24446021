/* nf-clean-blocks.c: a page cut into text blocks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One walk of the tree with an explicit stack (pages can nest tags
 * thousands deep) cuts it into blocks: paragraphs, headings, list items,
 * table rows, captions… Furniture (nf-clean-junk.c) is skipped whole.
 * Each block counts its characters and how many of them are link text,
 * which is what the article finder (nf-clean-html.c) scores.
 */
#include "nf-clean-private.h"

#include <string.h>

void
nf_clean_block_free (gpointer data)
{
  NfCleanBlock *block = data;

  if (block == NULL)
    return;
  g_free (block->text);
  g_free (block);
}

static const char * const block_tags[] = {
  "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
  "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "thead",
  "tbody", "tfoot", "caption", "figure", "figcaption", "header", "footer", "address",
  "hr", "center", "details", "summary", "body", "html", NULL
};

static gboolean
is_element_a (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE &&
         g_ascii_strcasecmp ((const char *) node->name, "a") == 0;
}

static gboolean
is_block (xmlNode *node)
{
  return nf_clean_name_in (node->name, block_tags);
}

static xmlNode *
block_ancestor (xmlNode *node)
{
  for (xmlNode *p = node; p != NULL && p->type == XML_ELEMENT_NODE; p = p->parent)
    if (is_block (p))
      return p;
  return NULL;
}

typedef struct
{
  GPtrArray *blocks;
  GString   *text;
  xmlNode   *owner;
  guint      link_chars;
  guint      all_chars;
  guint      link_depth;
} Cutter;

static void
cutter_flush (Cutter *c)
{
  g_autofree char *text = nf_clean_collapse_space (c->text->str);

  if (*text != '\0' && c->owner != NULL)
    {
      NfCleanBlock *block = g_new0 (NfCleanBlock, 1);

      block->owner = c->owner;
      block->chars = g_utf8_strlen (text, -1);
      block->text = g_steal_pointer (&text);
      block->link_chars = c->link_chars;
      block->all_chars = c->all_chars;
      g_ptr_array_add (c->blocks, block);
    }
  g_string_truncate (c->text, 0);
  c->link_chars = 0;
  c->all_chars = 0;
}

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
}

typedef struct
{
  xmlNode *node;
  gboolean leaving;
} Step;

/* Step 1: the text blocks of the page, in document order. */
GPtrArray *
nf_clean_cut_into_blocks (xmlNode *root)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Step));
  Cutter c = { g_ptr_array_new_with_free_func (nf_clean_block_free), g_string_new (NULL), NULL, 0, 0, 0 };
  Step first = { root, FALSE };
  g_autoptr(GHashTable) sizes = nf_clean_measure_visible_text (root);
  gsize page_size = nf_clean_text_size (sizes, root);

  g_array_append_val (stack, first);
  while (stack->len > 0)
    {
      Step step = g_array_index (stack, Step, stack->len - 1);
      xmlNode *node = step.node;

      g_array_set_size (stack, stack->len - 1);

      if (step.leaving)
        {
          if (is_element_a (node))
            c.link_depth--;
          else
            {
              cutter_flush (&c);
              c.owner = block_ancestor (node->parent);
            }
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

      if (g_ascii_strcasecmp ((const char *) node->name, "br") == 0)
        {
          cutter_flush (&c);
          continue;
        }
      if (g_ascii_strcasecmp ((const char *) node->name, "td") == 0 ||
          g_ascii_strcasecmp ((const char *) node->name, "th") == 0)
        g_string_append_c (c.text, ' ');

      if (is_element_a (node))
        {
          Step leave = { node, TRUE };
          c.link_depth++;
          g_array_append_val (stack, leave);
        }
      else if (is_block (node))
        {
          Step leave = { node, TRUE };
          cutter_flush (&c);
          c.owner = node;
          g_array_append_val (stack, leave);
        }

      for (xmlNode *child = node->last; child != NULL; child = child->prev)
        {
          Step next = { child, FALSE };
          g_array_append_val (stack, next);
        }
    }
  cutter_flush (&c);
  g_string_free (c.text, TRUE);
  return c.blocks;
}

