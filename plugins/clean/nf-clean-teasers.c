/* nf-clean-teasers.c: lists of teasers for other stories
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Next to (and often inside) the element that holds an article, sites put
 * lists of other stories: each a "card" with a linked title, maybe a date,
 * and a sentence or two of its text. Those sentences are prose like the
 * article's, so scoring alone keeps them. What gives them away is their
 * shape, in any language: a small element whose text opens with a link of
 * its own, repeated in the same parent. A single card is not a list: a
 * linked subheading over a paragraph inside an article stays.
 */
#include "nf-clean-private.h"

#include <string.h>

/* A card holds its title, a date or byline, and an excerpt or two. */
#define CARD_MAX_BLOCKS 6
/* Excerpts are short; an article paragraph under a linked heading may not be. */
#define EXCERPT_MAX_CHARS 500
/* Lines between the title and the excerpt: a date, a byline, a section. */
#define INTERLUDE_MAX_CHARS 60
#define INTERLUDE_MAX_LINES 3
#define TITLE_MIN_CHARS 10
/* How many cards of one parent make a list. */
#define LIST_MIN_CARDS 2

typedef struct
{
  guint    first;   /* index of the card's first block (its title) */
  guint    last;    /* index of its last block (the excerpt) */
  xmlNode *parent;  /* the element the card is a child of */
} Card;

static gboolean
is_title_link (const NfCleanBlock *block)
{
  return block->chars >= TITLE_MIN_CHARS &&
         block->all_chars > 0 && block->link_chars * 2 >= block->all_chars;
}

/* The lowest element holding both @a and @b. */
static xmlNode *
common_ancestor (xmlNode *a,
                 xmlNode *b)
{
  g_autoptr(GHashTable) above_a = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (xmlNode *p = a; p != NULL; p = p->parent)
    g_hash_table_add (above_a, p);
  for (xmlNode *p = b; p != NULL; p = p->parent)
    if (g_hash_table_contains (above_a, p))
      return p;
  return NULL;
}

/* How many blocks each element holds, for telling a card (a few blocks)
 * from the article around it. */
static GHashTable *
count_blocks (GPtrArray *blocks)
{
  GHashTable *counts = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < blocks->len; i++)
    {
      NfCleanBlock *block = g_ptr_array_index (blocks, i);

      for (xmlNode *p = block->owner; p != NULL && p->type == XML_ELEMENT_NODE; p = p->parent)
        g_hash_table_insert (counts, p,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, p)) + 1));
    }
  return counts;
}

/* Whether the visible text of @block's element opens inside a link: a
 * card whose title and excerpt share one element ("<li><a>Title</a>
 * Excerpt…</li>"). */
static gboolean
opens_with_link (const NfCleanBlock *block)
{
  xmlNode *node = block->owner->children;

  while (node != NULL)
    {
      if (node->type == XML_TEXT_NODE && node->content != NULL)
        {
          const char *text = (const char *) node->content;

          text += strspn (text, " \t\r\n");
          if (*text != '\0')
            {
              for (xmlNode *p = node->parent; p != NULL && p != block->owner; p = p->parent)
                if (g_ascii_strcasecmp ((const char *) p->name, "a") == 0)
                  return TRUE;
              return FALSE;
            }
        }
      if (node->type == XML_ELEMENT_NODE && node->children != NULL)
        node = node->children;
      else
        {
          while (node != NULL && node->next == NULL && node != block->owner)
            node = node->parent;
          if (node == NULL || node == block->owner)
            return FALSE;
          node = node->next;
        }
    }
  return FALSE;
}

/* Whether @text ends in an ellipsis: an excerpt cut to fit a card. A list
 * item that opens with a link but reads to its end is article text (a
 * "ten things to know" list). */
static gboolean
is_cut_short (const char *text)
{
  return g_str_has_suffix (text, "...") || g_str_has_suffix (text, "…") ||
         g_str_has_suffix (text, "[…]") || g_str_has_suffix (text, "[...]");
}

/* The title block before the excerpt at @index, skipping a few short
 * lines (author, date); G_MAXUINT when there is none. */
static guint
title_before (GPtrArray *blocks,
              guint      index)
{
  for (guint back = 1; back <= INTERLUDE_MAX_LINES + 1 && back <= index; back++)
    {
      NfCleanBlock *block = g_ptr_array_index (blocks, index - back);

      if (is_title_link (block))
        return index - back;
      if (block->chars > INTERLUDE_MAX_CHARS)
        break;
    }
  return G_MAXUINT;
}

/* The card the excerpt at @index ends, if it is one. */
static gboolean
find_card (GPtrArray  *blocks,
           guint       index,
           GHashTable *counts,
           Card       *card)
{
  NfCleanBlock *excerpt = g_ptr_array_index (blocks, index);
  guint title;
  xmlNode *element;

  if (excerpt->chars > EXCERPT_MAX_CHARS || is_title_link (excerpt))
    return FALSE;

  title = title_before (blocks, index);
  if (title != G_MAXUINT)
    element = common_ancestor (((NfCleanBlock *) g_ptr_array_index (blocks, title))->owner,
                               excerpt->owner);
  else if (excerpt->link_chars >= TITLE_MIN_CHARS && is_cut_short (excerpt->text) &&
           opens_with_link (excerpt))
    {
      title = index;
      element = excerpt->owner;
    }
  else
    return FALSE;

  if (element == NULL || element->parent == NULL ||
      GPOINTER_TO_UINT (g_hash_table_lookup (counts, element)) > CARD_MAX_BLOCKS)
    return FALSE;
  /* the card is the outermost element around these blocks alone
   * (li > div.card > div.info): its parent is where cards repeat */
  while (element->parent != NULL && element->parent->type == XML_ELEMENT_NODE &&
         g_hash_table_lookup (counts, element->parent) == g_hash_table_lookup (counts, element))
    element = element->parent;
  if (element->parent == NULL)
    return FALSE;
  card->first = title;
  card->last = index;
  card->parent = element->parent;
  return TRUE;
}

/**
 * nf_clean_find_teasers:
 * @blocks: (element-type NfCleanBlock): the page's blocks in document order
 *
 * Returns: (transfer full): the set of blocks that belong to lists of
 *   teasers for other stories
 */
GHashTable *
nf_clean_find_teasers (GPtrArray *blocks)
{
  GHashTable *teasers = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) counts = count_blocks (blocks);
  g_autoptr(GHashTable) cards_per_parent = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) cards = g_array_new (FALSE, FALSE, sizeof (Card));

  for (guint i = 0; i < blocks->len; i++)
    {
      Card card;

      if (!find_card (blocks, i, counts, &card))
        continue;
      g_array_append_val (cards, card);
      g_hash_table_insert (cards_per_parent, card.parent,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (cards_per_parent, card.parent)) + 1));
    }

  for (guint c = 0; c < cards->len; c++)
    {
      Card *card = &g_array_index (cards, Card, c);

      if (GPOINTER_TO_UINT (g_hash_table_lookup (cards_per_parent, card->parent)) < LIST_MIN_CARDS)
        continue;
      for (guint i = card->first; i <= card->last; i++)
        g_hash_table_add (teasers, g_ptr_array_index (blocks, i));
    }
  return teasers;
}
