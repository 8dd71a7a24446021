/* nf-clean-html.c: the main content of a parsed page, as paragraphs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Three steps, each a walk of the tree with an explicit stack (pages can
 * nest tags thousands deep):
 *
 *  1. cut the tree into text blocks (paragraphs, headings, list items,
 *     table rows, captions…), skipping furniture: scripts, navigation,
 *     forms, and elements whose class or id names them share, comment,
 *     related, newsletter, cookie, ad…;
 *  2. score every element with the text of the prose blocks under it
 *     (blocks long enough and not made of links);
 *  3. go down from the root while one child holds most of that text: the
 *     element where the text spreads out is the article. Its blocks, minus
 *     link lists, are the paragraphs.
 */
#include "nf-clean-private.h"

#include <string.h>

/* A story among other <article>s: at least two of them, and it holds at
 * least half the prose (percent). */
#define MARKED_MIN_COUNT 2
#define OWN_TEXT_MIN_CHARS 40
#define MARKED_MIN_SHARE 50

/* Prose: long enough to be a sentence, and not mostly link text. */
static gboolean
block_is_prose (const NfCleanBlock *block,
                guint        min_length)
{
  return block->chars >= min_length && block->link_chars * 2 < block->all_chars;
}

static gboolean
block_is_links (const NfCleanBlock *block)
{
  return block->all_chars > 0 && block->link_chars * 2 >= block->all_chars;
}

/* A link list (tags, "more on this") has little text outside its links;
 * a paragraph whose names link to hover cards has a sentence of its own. */
static gboolean
block_is_link_list (const NfCleanBlock *block)
{
  return block_is_links (block) && block->all_chars - block->link_chars < OWN_TEXT_MIN_CHARS;
}

/* Step 2: each element's score is the prose under it, in code points. */
static GHashTable *
score_elements (GPtrArray  *blocks,
                GHashTable *teasers,
                guint       min_length)
{
  GHashTable *scores = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < blocks->len; i++)
    {
      NfCleanBlock *block = g_ptr_array_index (blocks, i);

      if (!block_is_prose (block, min_length) || g_hash_table_contains (teasers, block))
        continue;
      for (xmlNode *p = block->owner; p != NULL && p->type == XML_ELEMENT_NODE; p = p->parent)
        {
          gsize score = GPOINTER_TO_SIZE (g_hash_table_lookup (scores, p));
          g_hash_table_insert (scores, p, GSIZE_TO_POINTER (score + block->chars));
        }
    }
  return scores;
}

static gsize
score_of (GHashTable *scores,
          xmlNode    *node)
{
  return GPOINTER_TO_SIZE (g_hash_table_lookup (scores, node));
}

/* Step 3: goes down from @root while one child element holds most of the
 * prose of its parent. */
static xmlNode *
find_article (xmlNode    *root,
              GHashTable *scores)
{
  xmlNode *current = root;

  for (;;)
    {
      gsize total = score_of (scores, current);
      xmlNode *best = NULL;
      gsize best_score = 0, second_score = 0;

      for (xmlNode *child = current->children; child != NULL; child = child->next)
        {
          gsize score = child->type == XML_ELEMENT_NODE ? score_of (scores, child) : 0;
          if (score > best_score)
            {
              best = child;
              second_score = best_score;
              best_score = score;
            }
          else if (score > second_score)
            second_score = score;
        }
      /* Go down into a child that holds most of the prose, or clearly more
       * than any sibling (the article beside a column of teasers). */
      if (best == NULL ||
          (best_score * 10 < total * 7 &&
           (best_score * 10 < total * 4 || best_score < second_score * 3)))
        return current;
      current = best;
    }
}

static gboolean
is_marked_article (xmlNode *node)
{
  return g_ascii_strcasecmp ((const char *) node->name, "article") == 0;
}

static gboolean
is_article_body (xmlNode *node)
{
  xmlChar *prop = xmlGetProp (node, (const xmlChar *) "itemprop");
  gboolean result = prop != NULL && g_ascii_strcasecmp ((const char *) prop, "articleBody") == 0;

  xmlFree (prop);
  return result;
}

/* schema.org's articleBody marks the whole body. The descent stops where
 * the prose spreads out, which on a page that splits its body into
 * several containers is one of them: widen to the marked body. */
static xmlNode *
widen_to_article_body (xmlNode *found)
{
  for (xmlNode *p = found; p != NULL && p->type == XML_ELEMENT_NODE; p = p->parent)
    if (is_article_body (p))
      return p;
  return found;
}

/* Pages mark their story with <article>. When the prose found spreads
 * over several of them (the story and a feed of other stories, each an
 * <article> too), the one holding most of it is the story. */
static xmlNode *
narrow_to_marked_article (xmlNode    *found,
                          GHashTable *scores)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  gsize total = score_of (scores, found);
  xmlNode *best = NULL;
  gsize best_score = 0;
  guint marked = 0;

  for (xmlNode *child = found->children; child != NULL; child = child->next)
    g_ptr_array_add (stack, child);
  while (stack->len > 0)
    {
      xmlNode *node = g_ptr_array_steal_index (stack, stack->len - 1);

      if (node->type != XML_ELEMENT_NODE || score_of (scores, node) == 0)
        continue;
      if (is_marked_article (node))
        {
          marked++;
          if (score_of (scores, node) > best_score)
            {
              best = node;
              best_score = score_of (scores, node);
            }
          continue;
        }
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        g_ptr_array_add (stack, child);
    }
  if (marked >= MARKED_MIN_COUNT && best_score * 100 >= total * MARKED_MIN_SHARE)
    return best;
  return found;
}

/* Whether @ancestor is @node or one of its ancestors. */
gboolean
nf_clean_is_inside (xmlNode *node,
                    xmlNode *ancestor)
{
  for (xmlNode *p = node; p != NULL; p = p->parent)
    if (p == ancestor)
      return TRUE;
  return FALSE;
}

static gboolean
is_heading (xmlNode *node)
{
  const char *name = (const char *) node->name;

  return (name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6' && name[2] == '\0';
}

/**
 * nf_clean_html_extract:
 * @doc: a parsed page
 * @min_paragraph_length: code points a block needs to count as prose
 * @format: the format the blocks' markup is wanted in
 *
 * Returns: (transfer full): the article's #NfCleanBlock<!-- -->s in
 *   document order, empty when the page holds no prose
 */
GPtrArray *
nf_clean_html_extract (htmlDocPtr    doc,
                       guint         min_paragraph_length,
                       NfCleanFormat format)
{
  GPtrArray *paragraphs = g_ptr_array_new_with_free_func (nf_clean_block_free);
  xmlNode *root = xmlDocGetRootElement (doc);
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GHashTable) scores = NULL;
  g_autoptr(GHashTable) teasers = NULL;
  xmlNode *article;

  if (root == NULL)
    return paragraphs;

  blocks = nf_clean_cut_into_blocks (root, format);
  teasers = nf_clean_find_teasers (blocks);
  scores = score_elements (blocks, teasers, min_paragraph_length);
  if (score_of (scores, root) == 0)
    return paragraphs;

  article = widen_to_article_body (narrow_to_marked_article (find_article (root, scores), scores));
  for (guint i = 0; i < blocks->len; i++)
    {
      NfCleanBlock *block = g_ptr_array_index (blocks, i);

      if (!nf_clean_is_inside (block->owner, article) || g_hash_table_contains (teasers, block))
        continue;
      /* a lone link list (tags, "more on this") is not prose; a heading
       * that is a link to itself is kept */
      if (block_is_link_list (block) && !is_heading (block->owner))
        continue;
      /* the headline goes to the title, not the text */
      if (g_ascii_strcasecmp ((const char *) block->owner->name, "h1") == 0)
        continue;
      g_ptr_array_add (paragraphs, g_steal_pointer (&g_ptr_array_index (blocks, i)));
    }
  return paragraphs;
}
