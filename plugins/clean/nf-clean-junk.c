/* nf-clean-junk.c: which elements of a page are site furniture
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Tags that are never article text (scripts, navigation, forms), hidden
 * elements, ARIA roles of page furniture, and class or id words that name
 * share bars, comments, related stories, newsletters, cookie banners, ads…
 * Class words are hints only: an element they would drop that holds a good
 * part of the page's visible text is kept.
 */
#include "nf-clean-private.h"

#include <string.h>

gboolean
nf_clean_name_in (const xmlChar      *name,
         const char * const *table)
{
  for (guint i = 0; table[i] != NULL; i++)
    if (g_ascii_strcasecmp ((const char *) name, table[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A span of links this long inside running text is a cluster, not a name. */
#define LINK_CLUSTER_MIN_BYTES 80

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
  "masthead", "author", "tldr", "sr", "dateline", "caption-credit", "credit", "next",
  "prev", "previous", "prevnext", "nextprev", NULL
};
/* Parts that mark furniture whatever else the class says. */
static const char * const strong_junk_parts[] = {
  "comment", "share", "sharing", "related", "newsletter", "cookie", "consent",
  "gdpr", "promo", "advert", "sponsor", "breadcrumb", "outbrain", "taboola", "footer",
  "copyright", NULL
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

/* Whether @haystack contains one of @needles (a NULL-terminated table). */
gboolean
nf_clean_contains_any (const char         *haystack,
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

  if (nf_clean_contains_any (lower, strong_junk_parts))
    return TRUE;
  names_content = nf_clean_contains_any (lower, content_parts);
  if (names_content)
    return FALSE;
  if (nf_clean_contains_any (lower, weak_junk_parts))
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
  return nf_clean_name_in ((const xmlChar *) role, roles);
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

  return nf_clean_name_in (node->name, tags);
}

static void
add_size (GHashTable *sizes,
          xmlNode    *element,
          gsize       size)
{
  if (size == 0 || element == NULL || element->type != XML_ELEMENT_NODE)
    return;
  g_hash_table_insert (sizes, element, GSIZE_TO_POINTER (nf_clean_text_size (sizes, element) + size));
}

/* The visible text under every element, in bytes: a text node counts for
 * all its ancestors. Script bodies (often a JSON copy of the whole page)
 * do not count. */
GHashTable *
nf_clean_measure_visible_text (xmlNode *root)
{
  GHashTable *sizes = g_hash_table_new (g_direct_hash, g_direct_equal);
  xmlNode *node = root;

  /* One walk in document order along the tree's own links: a text node
   * adds its length to its parent, and an element, when the walk leaves
   * it, adds its total to its parent. */
  for (;;)
    {
      if (node->type == XML_ELEMENT_NODE && node->children != NULL && !is_invisible (node))
        {
          node = node->children;
          continue;
        }
      if (node->type == XML_TEXT_NODE && node->content != NULL && node != root)
        add_size (sizes, node->parent, strlen ((const char *) node->content));

      while (node != root && node->next == NULL)
        {
          node = node->parent;
          if (node != root)
            add_size (sizes, node->parent, nf_clean_text_size (sizes, node));
        }
      if (node == root)
        break;
      node = node->next;
    }
  return sizes;
}

gsize
nf_clean_text_size (GHashTable *sizes,
           xmlNode    *node)
{
  return GPOINTER_TO_SIZE (g_hash_table_lookup (sizes, node));
}

/* Whether @node and everything under it is site furniture. Class and id
 * words are hints: an element they would drop that holds a good part of
 * the page's text (a "content-with-sidebar" wrapper) is kept. */
/* How many links lie under @node and how many bytes of text they hold,
 * nested spans left out: of spans inside spans, only the innermost that
 * holds the links is the cluster (the outer one may be a linked name). */
static void
count_links (xmlNode *node,
             guint   *links,
             gsize   *link_bytes,
             GHashTable *sizes)
{
  xmlNode *p = node->children;

  *links = 0;
  *link_bytes = 0;
  while (p != NULL && p != node)
    {
      if (p->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) p->name, "a") == 0)
        {
          (*links)++;
          *link_bytes += nf_clean_text_size (sizes, p);
        }
      else if (p->type == XML_ELEMENT_NODE && p->children != NULL &&
               g_ascii_strcasecmp ((const char *) p->name, "span") != 0)
        {
          p = p->children;
          continue;
        }
      while (p != node && p->next == NULL)
        p = p->parent;
      if (p != node)
        p = p->next;
    }
}

/* An inline element inside running text that is nothing but links: the
 * hover card a site hides under a name, or a strip of "related" links. A
 * paragraph keeps its own words; the cluster goes. */
static gboolean
is_link_cluster (xmlNode    *node,
                 GHashTable *sizes)
{
  gsize size;
  guint links;
  gsize link_bytes;

  if (g_ascii_strcasecmp ((const char *) node->name, "span") != 0)
    return FALSE;
  size = nf_clean_text_size (sizes, node);
  if (size < LINK_CLUSTER_MIN_BYTES)
    return FALSE;
  count_links (node, &links, &link_bytes, sizes);
  return links >= 2 && link_bytes * 10 >= size * 9;
}

gboolean
nf_clean_is_junk (xmlNode    *node,
         GHashTable *sizes,
         gsize       page_size)
{
  const xmlChar *name = node->name;

  if (nf_clean_name_in (name, junk_tags))
    return TRUE;
  if (g_ascii_strcasecmp ((const char *) name, "footer") == 0)
    return !has_ancestor (node, "blockquote");
  if (xmlHasProp (node, (const xmlChar *) "hidden") != NULL)
    return TRUE;
  if (attr_says (node, "aria-hidden", is_true) ||
      attr_says (node, "style", style_hides) ||
      attr_says (node, "role", role_is_furniture))
    return TRUE;

  if (is_link_cluster (node, sizes))
    return TRUE;

  /* The containers that hold everything are never dropped for their class. */
  if (nf_clean_name_in (name, (const char * const[]) { "html", "body", "article", "main", NULL }))
    return FALSE;
  if (!attr_says (node, "class", class_words_say_junk) &&
      !attr_says (node, "id", class_words_say_junk))
    return FALSE;
  return nf_clean_text_size (sizes, node) * 3 < page_size;
}
