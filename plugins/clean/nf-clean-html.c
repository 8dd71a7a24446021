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

typedef struct
{
  xmlNode *owner;       /* the block element the text belongs to */
  char    *text;        /* white space collapsed */
  guint    chars;       /* code points of text */
  guint    link_chars;  /* non-space code points inside <a> */
  guint    all_chars;   /* non-space code points */
} Block;

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_free (block);
}

static gboolean
name_in (const xmlChar      *name,
         const char * const *table)
{
  for (guint i = 0; table[i] != NULL; i++)
    if (g_ascii_strcasecmp ((const char *) name, table[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char * const block_tags[] = {
  "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
  "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "thead",
  "tbody", "tfoot", "caption", "figure", "figcaption", "header", "footer", "address",
  "hr", "center", "details", "summary", "body", "html", NULL
};

/* Never article text, whatever their content. */
static const char * const junk_tags[] = {
  "script", "style", "noscript", "template", "nav", "aside", "form", "button",
  "iframe", "svg", "select", "input", "textarea", "label", "object", "embed",
  "canvas", "video", "audio", "menu", "dialog", "head", "link", "meta", "header",
  "math", "map", NULL
};

/* Class and id words that mark furniture. Short words must be a whole
 * word of the class ("ad", not "header"); longer ones may be part of one
 * ("sharebar", "commentlist"). */
static const char * const junk_words[] = {
  "ad", "ads", "nav", "menu", "tags", "tag", "bio", "hidden",
  "footer", "byline", "meta", "print", "skip", "toolbar", "pager", "pagination",
  "masthead", "author", "tldr", "sr", "dateline", "caption-credit", "credit", NULL
};
/* Parts that mark furniture whatever else the class says. */
static const char * const strong_junk_parts[] = {
  "comment", "share", "sharing", "related", "newsletter", "cookie", "consent",
  "gdpr", "promo", "advert", "sponsor", "breadcrumb", "outbrain", "taboola", NULL
};
/* Parts that mark furniture unless the class also names content
 * ("l-sidebar-fixed l-article-body", "entry-content-read-more"). */
static const char * const weak_junk_parts[] = {
  "social", "recommend", "subscri", "signup", "sidebar", "widget", "popup",
  "modal", "banner", "teaser", "more-stories", "readmore", "read-more",
  "further-reading", "navigation", "anzeige", "werbung", "paywall", "login",
  "disclaimer", NULL
};
static const char * const content_parts[] = {
  "article", "content", "story", "body", "entry", "post", "text", "main", "artikel", NULL
};

static gboolean
contains_any (const char         *haystack,
              const char * const *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (haystack, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
class_words_say_junk (const char *value)
{
  g_autofree char *lower = g_ascii_strdown (value, -1);
  g_auto(GStrv) words = NULL;
  gboolean names_content;

  if (contains_any (lower, strong_junk_parts))
    return TRUE;
  names_content = contains_any (lower, content_parts);
  if (names_content)
    return FALSE;
  if (contains_any (lower, weak_junk_parts))
    return TRUE;

  g_strdelimit (lower, "-_:. \t\n", ' ');
  words = g_strsplit (lower, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    for (guint j = 0; junk_words[j] != NULL; j++)
      if (strcmp (words[i], junk_words[j]) == 0)
        return TRUE;
  return FALSE;
}

static gboolean
attr_says (xmlNode    *node,
           const char *name,
           gboolean  (*test) (const char *))
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  gboolean result = value != NULL && test ((const char *) value);

  xmlFree (value);
  return result;
}

static gboolean
style_hides (const char *style)
{
  g_autofree char *lower = g_ascii_strdown (style, -1);
  g_autofree char *compact = NULL;
  GString *s = g_string_new (NULL);

  for (const char *p = lower; *p; p++)
    if (*p != ' ')
      g_string_append_c (s, *p);
  compact = g_string_free (s, FALSE);
  return strstr (compact, "display:none") != NULL || strstr (compact, "visibility:hidden") != NULL;
}

static gboolean
is_true (const char *value)
{
  return g_ascii_strcasecmp (value, "true") == 0;
}

static gboolean
role_is_furniture (const char *role)
{
  static const char * const roles[] = {
    "navigation", "complementary", "banner", "contentinfo", "dialog", "alertdialog",
    "menu", "menubar", "search", "form", "button", NULL
  };
  return name_in ((const xmlChar *) role, roles);
}

static gboolean
has_ancestor (xmlNode    *node,
              const char *name)
{
  for (xmlNode *p = node->parent; p != NULL && p->type == XML_ELEMENT_NODE; p = p->parent)
    if (g_ascii_strcasecmp ((const char *) p->name, name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_invisible (xmlNode *node)
{
  static const char * const tags[] = { "script", "style", "noscript", "template", "head", NULL };

  return name_in (node->name, tags);
}

/* The visible text under every element, in bytes: a text node counts for
 * all its ancestors. Script bodies (often a JSON copy of the whole page)
 * do not count. */
static GHashTable *
measure_visible_text (xmlNode *root)
{
  GHashTable *sizes = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      xmlNode *node = g_ptr_array_steal_index (stack, stack->len - 1);

      if (node->type == XML_TEXT_NODE && node->content != NULL)
        {
          gsize len = strlen ((const char *) node->content);
          for (xmlNode *p = node->parent; p != NULL && p->type == XML_ELEMENT_NODE; p = p->parent)
            g_hash_table_insert (sizes, p,
                                 GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (sizes, p)) + len));
          continue;
        }
      if (node->type != XML_ELEMENT_NODE || is_invisible (node))
        continue;
      for (xmlNode *child = node->last; child != NULL; child = child->prev)
        g_ptr_array_add (stack, child);
    }
  return sizes;
}

static gsize
text_size (GHashTable *sizes,
           xmlNode    *node)
{
  return GPOINTER_TO_SIZE (g_hash_table_lookup (sizes, node));
}

/* Whether @node and everything under it is site furniture. Class and id
 * words are hints: an element they would drop that holds a good part of
 * the page's text (a "content-with-sidebar" wrapper) is kept. */
static gboolean
is_junk (xmlNode    *node,
         GHashTable *sizes,
         gsize       page_size)
{
  const xmlChar *name = node->name;

  if (name_in (name, junk_tags))
    return TRUE;
  if (g_ascii_strcasecmp ((const char *) name, "footer") == 0)
    return !has_ancestor (node, "blockquote");
  if (xmlHasProp (node, (const xmlChar *) "hidden") != NULL)
    return TRUE;
  if (attr_says (node, "aria-hidden", is_true) ||
      attr_says (node, "style", style_hides) ||
      attr_says (node, "role", role_is_furniture))
    return TRUE;

  /* The containers that hold everything are never dropped for their class. */
  if (name_in (name, (const char * const[]) { "html", "body", "article", "main", NULL }))
    return FALSE;
  if (!attr_says (node, "class", class_words_say_junk) &&
      !attr_says (node, "id", class_words_say_junk))
    return FALSE;
  return text_size (sizes, node) * 3 < page_size;
}

static gboolean
is_element_a (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE &&
         g_ascii_strcasecmp ((const char *) node->name, "a") == 0;
}

static gboolean
is_block (xmlNode *node)
{
  return name_in (node->name, block_tags);
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
      Block *block = g_new0 (Block, 1);

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
static GPtrArray *
cut_into_blocks (xmlNode *root)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Step));
  Cutter c = { g_ptr_array_new_with_free_func (block_free), g_string_new (NULL), NULL, 0, 0, 0 };
  Step first = { root, FALSE };
  g_autoptr(GHashTable) sizes = measure_visible_text (root);
  gsize page_size = text_size (sizes, root);

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
      if (node->type != XML_ELEMENT_NODE || is_junk (node, sizes, page_size))
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

/* Prose: long enough to be a sentence, and not mostly link text. */
static gboolean
block_is_prose (const Block *block,
                guint        min_length)
{
  return block->chars >= min_length && block->link_chars * 2 < block->all_chars;
}

static gboolean
block_is_links (const Block *block)
{
  return block->all_chars > 0 && block->link_chars * 2 >= block->all_chars;
}

/* Step 2: each element's score is the prose under it, in code points. */
static GHashTable *
score_elements (GPtrArray *blocks,
                guint      min_length)
{
  GHashTable *scores = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);

      if (!block_is_prose (block, min_length))
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
is_inside (xmlNode *node,
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
 *
 * Returns: (transfer full) (element-type utf8): the article's blocks in
 *   document order, empty when the page holds no prose
 */
GPtrArray *
nf_clean_html_extract (htmlDocPtr doc,
                       guint      min_paragraph_length)
{
  GPtrArray *paragraphs = g_ptr_array_new_with_free_func (g_free);
  xmlNode *root = xmlDocGetRootElement (doc);
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GHashTable) scores = NULL;
  xmlNode *article;

  if (root == NULL)
    return paragraphs;

  blocks = cut_into_blocks (root);
  scores = score_elements (blocks, min_paragraph_length);
  if (score_of (scores, root) == 0)
    return paragraphs;

  article = find_article (root, scores);
  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);

      if (!is_inside (block->owner, article))
        continue;
      /* a lone link list (tags, "more on this") is not prose; a heading
       * that is a link to itself is kept */
      if (block_is_links (block) && !is_heading (block->owner))
        continue;
      /* the headline goes to the title, not the text */
      if (g_ascii_strcasecmp ((const char *) block->owner->name, "h1") == 0)
        continue;
      g_ptr_array_add (paragraphs, g_steal_pointer (&block->text));
    }
  return paragraphs;
}
