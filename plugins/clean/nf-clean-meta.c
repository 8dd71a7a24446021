/* nf-clean-meta.c: the metadata of a page, in order of trust
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Sources in order of trust: JSON-LD (NewsArticle and its kin), Open Graph
 * and article:* properties, other <meta> and <link>, microdata and <time>,
 * then what the page shows: the byline, a date written out, the <title>
 * without the site's name, the first <h1>. A field is taken from the most
 * trusted source that has it. No rule names a site: the signals are
 * schema.org, Open Graph, Dublin Core, microformats and the words pages in
 * many languages put in class names and bylines.
 *
 * This file walks the tree once to collect every signal (collect()), then
 * offers them field by field, most trusted first (nf_clean_meta_read()).
 * Reading JSON-LD, dates written out, author names and titles is left to
 * the files nf-clean-meta-private.h lists.
 */
#include "nf-clean-meta-private.h"

#include <string.h>

/* A byline (or a date line) longer than this is a box, not a line. */
#define MAX_BYLINE_BYTES 400
/* At most this many short elements naming a date are kept. */
#define MAX_DATE_LINES 16

/* ---- offering values ---- */

/**
 * nf_clean_meta_offer:
 * @field: a field of #NfCleanPageMeta
 * @value: (nullable): what a source says of it
 *
 * Sets *@field to a copy of @value, white space collapsed and in NFC,
 * unless it is already set: the sources are read in order of trust.
 */
void
nf_clean_meta_offer (char       **field,
                     const char  *value)
{
  g_autofree char *clean = NULL;

  if (*field != NULL || value == NULL)
    return;
  clean = nf_clean_collapse_space (value);
  if (*clean != '\0')
    *field = nf_clean_nfc (clean);
}

/**
 * nf_clean_meta_offer_date:
 * @field: a date field of #NfCleanPageMeta
 * @value: (nullable): a machine date a source gives
 *
 * Sets *@field to @value as an ISO 8601 date (nf_clean_normalize_date())
 * unless it is set already or @value is no date.
 */
void
nf_clean_meta_offer_date (char       **field,
                          const char  *value)
{
  if (*field == NULL && value != NULL)
    *field = nf_clean_normalize_date (value);
}

/* Frees what @m holds. */
static void
page_meta_clear (NfCleanPageMeta *m)
{
  g_free (m->title); g_free (m->published); g_free (m->modified);
  g_free (m->language); g_free (m->site_name); g_free (m->canonical_uri);
  g_free (m->image); g_free (m->description); g_free (m->website_name);
  g_clear_pointer (&m->authors, g_ptr_array_unref);
}

/* ---- the HTML tree ---- */

/* A copy of the attribute @name of @node, or %NULL. */
static char *
attr (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* Whether @node is the element @name (case ignored). */
static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

/* Whether the attribute @name of @node, a list of words, holds @token
 * (ASCII case ignored), as rel, itemprop and class are read. */
static gboolean
attr_has_token (xmlNode    *node,
                const char *name,
                const char *token)
{
  g_autofree char *value = attr (node, name);
  g_auto(GStrv) words = NULL;

  if (value == NULL)
    return FALSE;
  words = g_strsplit_set (value, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (g_ascii_strcasecmp (words[i], token) == 0)
      return TRUE;
  return FALSE;
}

/* The class and id of @node, lower-cased, in one string ("" for none). */
static char *
class_and_id (xmlNode *node)
{
  g_autofree char *klass = attr (node, "class");
  g_autofree char *id = attr (node, "id");
  g_autofree char *both = g_strdup_printf ("%s %s", klass != NULL ? klass : "", id != NULL ? id : "");

  return g_ascii_strdown (both, -1);
}

/* Whether class and id words @names mark what was updated, not published. */
static gboolean
names_update (const char *names)
{
  return strstr (names, "updat") != NULL || strstr (names, "modif") != NULL;
}

/* Class parts of the page's furniture, where bylines and dates belong to
 * other stories (related lists, comments, sidebars). */
static const char * const furniture_parts[] = {
  "comment", "related", "recommend", "sidebar", "promo", "newsletter", "popular",
  "trending", "teaser", "widget", "most-read", "mostread", "more-stories", "reply", NULL
};

/* Whether @node sits in the page's furniture: <aside>, <nav>, or an
 * element whose class names comments, related stories and the like. */
static gboolean
in_furniture (xmlNode *node)
{
  for (xmlNode *n = node; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
    {
      g_autofree char *names = NULL;

      if (is_element (n, "aside") || is_element (n, "nav"))
        return TRUE;
      names = class_and_id (n);
      if (nf_clean_contains_any (names, furniture_parts))
        return TRUE;
    }
  return FALSE;
}

/* Whether @node sits in the story's own frame: <article>, <header>,
 * <main>, or a byline. */
static gboolean
in_article (xmlNode *node)
{
  for (xmlNode *n = node->parent; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
    {
      g_autofree char *names = NULL;

      if (is_element (n, "article") || is_element (n, "header") || is_element (n, "main"))
        return TRUE;
      names = class_and_id (n);
      if (strstr (names, "byline") != NULL || strstr (names, "dateline") != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Whether @node sits in an hCard (class "vcard" or "h-card"). */
static gboolean
in_hcard (xmlNode *node)
{
  for (xmlNode *n = node->parent; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (attr_has_token (n, "class", "vcard") || attr_has_token (n, "class", "h-card"))
      return TRUE;
  return FALSE;
}

/* Elements that flow inside a line: a byline's parts are inside them. */
static const char * const inline_tags[] = {
  "a", "span", "strong", "b", "em", "i", "small", "font", "cite", "abbr", "time", "u", NULL
};

/* The nearest ancestor of @node that is not an inline element: the line
 * or box a byline is written in. */
static xmlNode *
line_ancestor (xmlNode *node)
{
  xmlNode *n = node->parent;

  while (n != NULL && n->type == XML_ELEMENT_NODE && n->parent != NULL &&
         n->parent->type == XML_ELEMENT_NODE && nf_clean_name_in (n->name, inline_tags))
    n = n->parent;
  return n;
}

/* Elements whose content is never visible text. */
static const char * const hidden_tags[] = {
  "script", "style", "noscript", "template", "svg", "button", "select", "img", "iframe", NULL
};
/* Elements that end a line of text (a byline's name and date are often
 * in separate ones). */
static const char * const line_tags[] = {
  "br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
  "time", "section", "header", "footer", "address", "dd", "dt", "td", "tr", "figure", NULL
};

/* The visible text of @node, lines separated by "\n"; %NULL when it
 * passes @max bytes, as a box rather than a line does. Walks with a stack. */
static char *
element_text (xmlNode *node,
              gsize    max)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  static xmlNode line_end;   /* pushed under a line element's children: the line ends there */

  g_ptr_array_add (stack, node);
  while (stack->len > 0)
    {
      xmlNode *n = g_ptr_array_steal_index (stack, stack->len - 1);

      if (n == &line_end)
        {
          g_string_append_c (text, '\n');
          continue;
        }
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        {
          g_string_append (text, (const char *) n->content);
          if (text->len > max)
            return NULL;
          continue;
        }
      if (n->type != XML_ELEMENT_NODE || nf_clean_name_in (n->name, hidden_tags))
        continue;
      if (nf_clean_name_in (n->name, line_tags))
        {
          g_string_append_c (text, '\n');
          g_ptr_array_add (stack, &line_end);
        }
      for (xmlNode *child = n->last; child != NULL; child = child->prev)
        g_ptr_array_add (stack, child);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The visible text of a heading-like element, white space collapsed;
 * %NULL when it is too long to be one. */
static char *
heading_text (xmlNode *node)
{
  g_autofree char *text = element_text (node, 2000);

  return text != NULL ? nf_clean_collapse_space (text) : NULL;
}

/* The first element under @node (itself included) whose itemprop holds
 * @prop, looking at a bounded number of elements. */
static xmlNode *
find_itemprop (xmlNode    *node,
               const char *prop)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  guint visited = 0;

  g_ptr_array_add (stack, node);
  while (stack->len > 0 && visited++ < 200)
    {
      xmlNode *n = g_ptr_array_steal_index (stack, stack->len - 1);

      if (n != node && attr_has_token (n, "itemprop", prop))
        return n;
      for (xmlNode *child = n->last; child != NULL; child = child->prev)
        if (child->type == XML_ELEMENT_NODE)
          g_ptr_array_add (stack, child);
    }
  return NULL;
}

/* ---- what the tree says ---- */

/* The signals that mark an element as a byline, strongest first. */
typedef enum
{
  BYLINE_ITEMPROP,     /* itemprop="author", its itemprop="name" */
  BYLINE_REL,          /* <a rel="author"> */
  BYLINE_HCARD,        /* class="fn" in a class="vcard" */
  BYLINE_CLASS,        /* class or id naming a byline or an author */
  N_BYLINE_KINDS
} BylineKind;

/* An element that may hold the byline, and its strongest signal. */
typedef struct
{
  xmlNode    *node;
  BylineKind  kind;
} BylineCandidate;

/* Every metadata signal of the page, gathered in one walk. */
typedef struct
{
  GPtrArray *json_ld;               /* (element-type utf8) script bodies */
  GHashTable *metas;                /* lower-cased name/property → first content */
  GPtrArray *meta_authors;          /* every <meta name=author> and article:author */
  char *html_lang, *title, *h1, *canonical, *image_src;
  char *headline;                   /* the text of a microdata itemprop=headline */
  char *time_itemprop;              /* a datePublished element's datetime or content */
  char *time_pubdate;               /* <time pubdate datetime> */
  char *time_in_article;            /* the first <time datetime> in <article>, <header>… */
  char *time_any;                   /* the first <time datetime> outside the furniture */
  char *modified_itemprop;          /* a dateModified element's, or an "updated" <time>'s */
  GArray *bylines;                  /* (element-type BylineCandidate) in document order */
  GPtrArray *date_lines;            /* (element-type xmlNode) short elements naming a date */
} Collected;

/* Readies @c for a walk. */
static void
collected_init (Collected *c)
{
  memset (c, 0, sizeof (*c));
  c->json_ld = g_ptr_array_new_with_free_func (g_free);
  c->metas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c->meta_authors = g_ptr_array_new_with_free_func (g_free);
  c->bylines = g_array_new (FALSE, FALSE, sizeof (BylineCandidate));
  c->date_lines = g_ptr_array_new ();
}

/* Frees what @c holds. */
static void
collected_clear (Collected *c)
{
  g_ptr_array_unref (c->json_ld);
  g_hash_table_unref (c->metas);
  g_ptr_array_unref (c->meta_authors);
  g_array_unref (c->bylines);
  g_ptr_array_unref (c->date_lines);
  g_free (c->html_lang); g_free (c->title); g_free (c->h1);
  g_free (c->canonical); g_free (c->image_src); g_free (c->headline);
  g_free (c->time_itemprop); g_free (c->time_pubdate); g_free (c->time_in_article);
  g_free (c->time_any); g_free (c->modified_itemprop);
}

/* The content of the first <meta> with @key, or %NULL. */
static const char *
meta_content (Collected  *c,
              const char *key)
{
  return g_hash_table_lookup (c->metas, key);
}

/* Sets *@field to @value (taking it) unless it is set already. */
static void
set_once (char **field,
          char  *value)
{
  if (*field == NULL && value != NULL && *value != '\0')
    *field = value;
  else
    g_free (value);
}

/* The body of a <script type="application/ld+json">. */
static void
collect_json_ld (xmlNode   *script,
                 Collected *c)
{
  g_autofree char *type = attr (script, "type");
  xmlChar *body;

  if (type == NULL || g_ascii_strcasecmp (g_strstrip (type), "application/ld+json") != 0)
    return;
  body = xmlNodeGetContent (script);
  g_ptr_array_add (c->json_ld, g_strdup ((const char *) body));
  xmlFree (body);
}

/* Indexes a <meta> by its property, name, itemprop or http-equiv
 * (lower-cased); the first content of a key is kept, every author. */
static void
collect_meta (xmlNode   *node,
              Collected *c)
{
  g_autofree char *key = attr (node, "property");
  g_autofree char *content = attr (node, "content");
  char *lower;

  if (key == NULL)
    key = attr (node, "name");
  if (key == NULL)
    key = attr (node, "itemprop");
  if (key == NULL)
    key = attr (node, "http-equiv");
  if (key == NULL || content == NULL)
    return;
  lower = g_ascii_strdown (g_strstrip (key), -1);
  if (strcmp (lower, "author") == 0 || strcmp (lower, "article:author") == 0)
    g_ptr_array_add (c->meta_authors, g_strdup (content));
  if (!g_hash_table_contains (c->metas, lower) && *g_strstrip (content) != '\0')
    g_hash_table_insert (c->metas, lower, g_steal_pointer (&content));
  else
    g_free (lower);
}

/* A <link> to the canonical address or to the page's image. */
static void
collect_link (xmlNode   *node,
              Collected *c)
{
  if (attr_has_token (node, "rel", "canonical"))
    set_once (&c->canonical, attr (node, "href"));
  else if (attr_has_token (node, "rel", "image_src"))
    set_once (&c->image_src, attr (node, "href"));
}

/* The first <title>, as it is. */
static void
collect_title (xmlNode   *node,
               Collected *c)
{
  xmlChar *text = xmlNodeGetContent (node);

  c->title = g_strdup ((const char *) text);
  xmlFree (text);
}

/* Class words of elements that hold an author's picture, bio or links
 * rather than the name. */
static const char * const not_a_name_parts[] = {
  "bio", "desc", "about", "avatar", "img", "image", "photo", "pic", "thumb", "icon",
  "social", "follow", "share", "more", "email", "mail", "twitter", "title", "role",
  "job", "position", "date", "time", "authority", "authoriz", "authoris", NULL
};
/* Class words of bylines and author names, in the languages of pages. */
static const char * const byline_parts[] = {
  "byline", "author", "autor", "auteur", NULL
};

/* Class words of elements that hold the date of a story. */
static const char * const date_line_parts[] = {
  "date", "publish", "posted", "byline", "dateline", NULL
};

/* A date element's machine date: datetime, or content. */
static char *
date_attr (xmlNode *node)
{
  char *value = attr (node, "datetime");

  return value != NULL ? value : attr (node, "content");
}

/* Whether @node holds metadata rather than something shown: <meta> or <link>. */
static gboolean
is_metadata_element (xmlNode *node)
{
  return is_element (node, "meta") || is_element (node, "link");
}

/* The microdata dates and headline of an element that is shown. */
static void
collect_microdata (xmlNode   *node,
                   Collected *c)
{
  if (attr_has_token (node, "itemprop", "datePublished"))
    set_once (&c->time_itemprop, date_attr (node));
  if (attr_has_token (node, "itemprop", "dateModified"))
    set_once (&c->modified_itemprop, date_attr (node));
  if (attr_has_token (node, "itemprop", "headline") && c->headline == NULL)
    c->headline = heading_text (node);
}

/* The strongest byline signal of @node, whose class and id words are
 * @names; N_BYLINE_KINDS for none. */
static BylineKind
byline_kind_of (xmlNode    *node,
                const char *names)
{
  if (!is_metadata_element (node) &&
      (attr_has_token (node, "itemprop", "author") || attr_has_token (node, "itemprop", "creator")))
    return BYLINE_ITEMPROP;
  if (is_element (node, "a") && attr_has_token (node, "rel", "author"))
    return BYLINE_REL;
  if (attr_has_token (node, "class", "fn") && in_hcard (node))
    return BYLINE_HCARD;
  if (nf_clean_contains_any (names, byline_parts) && !nf_clean_contains_any (names, not_a_name_parts) &&
      !is_metadata_element (node) && !is_element (node, "img"))
    return BYLINE_CLASS;
  return N_BYLINE_KINDS;
}

/* The datetime of a <time> outside the furniture: modified when its
 * class says updated, else published, by how sure its place makes it. */
static void
collect_time (xmlNode    *node,
              const char *names,
              Collected  *c)
{
  char *datetime = attr (node, "datetime");

  if (datetime == NULL || in_furniture (node))
    g_free (datetime);
  else if (names_update (names))
    set_once (&c->modified_itemprop, datetime);
  else
    {
      if (xmlHasProp (node, (const xmlChar *) "pubdate"))
        set_once (&c->time_pubdate, g_strdup (datetime));
      if (in_article (node))
        set_once (&c->time_in_article, g_strdup (datetime));
      set_once (&c->time_any, datetime);
    }
}

/* The signals of the byline and of the dates an element carries. */
static void
collect_visible (xmlNode   *node,
                 Collected *c)
{
  g_autofree char *names = class_and_id (node);
  BylineCandidate candidate = { node, byline_kind_of (node, names) };

  if (!is_metadata_element (node))
    collect_microdata (node, c);
  if (candidate.kind != N_BYLINE_KINDS && !in_furniture (node))
    g_array_append_val (c->bylines, candidate);
  if (is_element (node, "time"))
    collect_time (node, names, c);
  if ((is_element (node, "time") || nf_clean_contains_any (names, date_line_parts)) &&
      c->date_lines->len < MAX_DATE_LINES && !in_furniture (node))
    g_ptr_array_add (c->date_lines, node);
}

/* What one element of the page says of it. */
static void
collect_element (xmlNode   *node,
                 Collected *c)
{
  if (is_element (node, "meta"))
    collect_meta (node, c);
  else if (is_element (node, "link"))
    collect_link (node, c);
  else if (is_element (node, "title") && c->title == NULL)
    collect_title (node, c);
  else if (is_element (node, "h1") && c->h1 == NULL)
    c->h1 = heading_text (node);
  collect_visible (node, c);
}

/* The language of the <html> element: lang, else xml:lang. */
static char *
html_lang_of (xmlNode *root)
{
  char *lang = attr (root, "lang");

  if (lang != NULL && *lang != '\0')
    return lang;
  g_free (lang);
  return attr (root, "xml:lang");
}

/* One pass over the tree, with an explicit stack, gathering every
 * metadata-bearing element. Scripts are read for JSON-LD only; other
 * hidden elements are skipped whole (an <img> is read, for its itemprop). */
static void
collect (htmlDocPtr  doc,
         Collected  *c)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  xmlNode *root = xmlDocGetRootElement (doc);

  if (root == NULL)
    return;
  if (is_element (root, "html"))
    c->html_lang = html_lang_of (root);
  g_ptr_array_add (stack, root);

  while (stack->len > 0)
    {
      xmlNode *node = g_ptr_array_steal_index (stack, stack->len - 1);

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (node, "script"))
        {
          collect_json_ld (node, c);
          continue;
        }
      if (nf_clean_name_in (node->name, hidden_tags) && !is_element (node, "img"))
        continue;
      collect_element (node, c);

      for (xmlNode *child = node->last; child != NULL; child = child->prev)
        if (child->type == XML_ELEMENT_NODE)
          g_ptr_array_add (stack, child);
    }
}

/* ---- the visible byline ---- */

/* The text of a byline candidate: an itemprop=author's own name
 * (itemprop=name or content), otherwise the element's text. */
static char *
byline_text (const BylineCandidate *candidate)
{
  xmlNode *node = candidate->node;

  if (candidate->kind == BYLINE_ITEMPROP)
    {
      xmlNode *name = find_itemprop (node, "name");
      char *content = attr (name != NULL ? name : node, "content");

      if (content != NULL)
        return content;
      if (name != NULL)
        node = name;
    }
  return element_text (node, MAX_BYLINE_BYTES);
}

/* Adds the names of the bylines of @kind to @out: from the first that
 * gives any and those of its kind in the same line or box (two
 * rel=author links in one byline). */
static void
add_byline_kind_names (Collected  *c,
                       BylineKind  kind,
                       const char *site_name,
                       GPtrArray  *out)
{
  xmlNode *scope = NULL;

  for (guint i = 0; i < c->bylines->len; i++)
    {
      BylineCandidate *candidate = &g_array_index (c->bylines, BylineCandidate, i);
      g_autofree char *text = NULL;
      guint before = out->len;

      if (candidate->kind != kind || (scope != NULL && !nf_clean_is_inside (candidate->node, scope)))
        continue;
      text = byline_text (candidate);
      if (text == NULL)
        continue;
      nf_clean_add_byline_names (text, site_name, TRUE, out);
      if (out->len > before && scope == NULL)
        scope = line_ancestor (candidate->node);
    }
}

/* The names of the page's byline: of the strongest kind of signal that
 * gives any, never from other stories' bylines further down. */
static void
add_visible_authors (Collected  *c,
                     const char *site_name,
                     GPtrArray  *out)
{
  for (int kind = 0; kind < N_BYLINE_KINDS && out->len == 0; kind++)
    add_byline_kind_names (c, (BylineKind) kind, site_name, out);
}

/* Cleans the author strings of a metadata source into @out. */
static void
add_meta_authors (GPtrArray  *raw,
                  const char *site_name,
                  GPtrArray  *out)
{
  for (guint i = 0; i < raw->len; i++)
    nf_clean_add_byline_names (g_ptr_array_index (raw, i), site_name, FALSE, out);
}

/* ---- putting it together, field by field ---- */

/* Offers *@field the content of each <meta> of @keys, in turn, with @offer. */
static void
offer_metas (char               **field,
             Collected           *c,
             const char * const  *keys,
             void               (*offer) (char **field, const char *value))
{
  for (guint i = 0; keys[i] != NULL; i++)
    offer (field, meta_content (c, keys[i]));
}

/* @href resolved against the page's web address when it is relative. */
static char *
absolute_uri (const char *href,
              const char *base)
{
  if (href == NULL)
    return NULL;
  /* a file's own address is no base for a site's path */
  if (base != NULL && g_str_has_prefix (base, "http") &&
      !g_str_has_prefix (href, "http://") && !g_str_has_prefix (href, "https://"))
    {
      char *resolved = g_uri_resolve_relative (base, href, G_URI_FLAGS_NONE, NULL);
      if (resolved != NULL)
        return resolved;
    }
  return g_strdup (href);
}

/* The site's name: Open Graph, then a JSON-LD WebSite, then the
 * application's name (the JSON-LD publisher came first). */
static void
read_site_name (NfCleanPageMeta *m,
                Collected       *c)
{
  nf_clean_meta_offer (&m->site_name, meta_content (c, "og:site_name"));
  nf_clean_meta_offer (&m->site_name, m->website_name);
  nf_clean_meta_offer (&m->site_name, meta_content (c, "application-name"));
}

/* The canonical address: <link rel=canonical>, then og:url. */
static void
read_canonical_uri (NfCleanPageMeta *m,
                    Collected       *c,
                    const char      *base)
{
  g_autofree char *canonical = absolute_uri (c->canonical, base);

  nf_clean_meta_offer (&m->canonical_uri, canonical);
  nf_clean_meta_offer (&m->canonical_uri, meta_content (c, "og:url"));
}

/* The headline: Open Graph and Twitter titles, microdata, then what the
 * page shows, each without the site's name. */
static void
read_title (NfCleanPageMeta *m,
            Collected       *c,
            const char      *host)
{
  nf_clean_offer_meta_title (m, meta_content (c, "og:title"), host);
  nf_clean_offer_meta_title (m, meta_content (c, "twitter:title"), host);
  nf_clean_meta_offer (&m->title, c->headline);
  nf_clean_offer_page_title (m, c->title, c->h1, host);
}

/* The published date from a date written out in a byline or date line,
 * for pages with no machine-readable one. */
static void
offer_written_date (NfCleanPageMeta *m,
                    Collected       *c)
{
  for (guint i = 0; i < c->date_lines->len && m->published == NULL; i++)
    {
      g_autofree char *text = element_text (g_ptr_array_index (c->date_lines, i), 200);
      g_autofree char *names = class_and_id (g_ptr_array_index (c->date_lines, i));

      if (text == NULL || names_update (names))
        continue;
      m->published = nf_clean_parse_written_date (text);
    }
}

/* The published and modified dates, from metadata, microdata and
 * <time> down to a date written out in the page. */
static void
read_dates (NfCleanPageMeta *m,
            Collected       *c)
{
  static const char * const published_keys[] = {
    "article:published_time", "og:article:published_time", "datepublished", "date",
    "pubdate", "publishdate", "publish-date", "publish_date", "dc.date", "dc.date.issued",
    "dcterms.created", "dcterms.issued", "dcterms.date", "sailthru.date", "parsely-pub-date",
    "article.published", "citation_publication_date", "datecreated", NULL
  };
  static const char * const modified_keys[] = {
    "article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
    "article.updated", NULL
  };

  offer_metas (&m->published, c, published_keys, nf_clean_meta_offer_date);
  nf_clean_meta_offer_date (&m->published, c->time_itemprop);
  nf_clean_meta_offer_date (&m->published, c->time_pubdate);
  nf_clean_meta_offer_date (&m->published, c->time_in_article);
  nf_clean_meta_offer_date (&m->published, c->time_any);
  offer_written_date (m, c);
  offer_metas (&m->modified, c, modified_keys, nf_clean_meta_offer_date);
  nf_clean_meta_offer_date (&m->modified, c->modified_itemprop);
}

/* The image, the description and the language, from what metadata says. */
static void
read_image_description_language (NfCleanPageMeta *m,
                                 Collected       *c)
{
  static const char * const image_keys[] = {
    "og:image", "og:image:url", "twitter:image", "twitter:image:src", NULL
  };
  static const char * const description_keys[] = {
    "og:description", "description", "twitter:description", NULL
  };
  static const char * const language_keys[] = {
    "og:locale", "content-language", "dc.language", "language", NULL
  };

  offer_metas (&m->image, c, image_keys, nf_clean_meta_offer);
  nf_clean_meta_offer (&m->image, c->image_src);
  offer_metas (&m->description, c, description_keys, nf_clean_meta_offer);
  nf_clean_meta_offer (&m->language, c->html_lang);
  offer_metas (&m->language, c, language_keys, nf_clean_meta_offer);
  /* "en_GB" (og:locale) is written "en-GB" */
  if (m->language != NULL)
    g_strdelimit (m->language, "_", '-');
}

/* The authors, from the most trusted source that names any: JSON-LD,
 * <meta name=author> and article:author, other creator metadata, the
 * visible byline. */
static GPtrArray *
read_authors (NfCleanPageMeta *m,
              Collected       *c)
{
  static const char * const creator_keys[] = {
    "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl", NULL
  };
  GPtrArray *authors = g_ptr_array_new_with_free_func (g_free);

  add_meta_authors (m->authors, m->site_name, authors);
  if (authors->len == 0)
    add_meta_authors (c->meta_authors, m->site_name, authors);
  for (guint i = 0; creator_keys[i] != NULL && authors->len == 0; i++)
    if (meta_content (c, creator_keys[i]) != NULL)
      nf_clean_add_byline_names (meta_content (c, creator_keys[i]), m->site_name, FALSE, authors);
  if (authors->len == 0)
    add_visible_authors (c, m->site_name, authors);
  return authors;
}

/* Writes the fields found into @document. */
static void
apply (NfCleanPageMeta *m,
       GPtrArray       *authors,
       NfDocument      *document)
{
  if (m->title != NULL)
    nf_document_set_title (document, m->title);
  if (authors->len > 0)
    {
      g_ptr_array_add (authors, NULL);
      nf_document_set_authors (document, (const char * const *) authors->pdata);
      g_ptr_array_remove_index (authors, authors->len - 1);
    }
  if (m->published != NULL)
    nf_document_set_published (document, m->published);
  if (m->modified != NULL)
    nf_document_set_modified (document, m->modified);
  if (m->language != NULL)
    nf_document_set_language (document, m->language);
  if (m->site_name != NULL)
    nf_document_set_site_name (document, m->site_name);
  if (m->canonical_uri != NULL)
    nf_document_set_canonical_uri (document, m->canonical_uri);
  if (m->image != NULL)
    nf_document_set_image (document, m->image);
  if (m->description != NULL)
    nf_document_set_description (document, m->description);
}

/**
 * nf_clean_meta_read:
 * @doc: the parsed page
 * @document: the document to fill
 *
 * Sets the title, authors, dates, language, site name, canonical URI,
 * image and description of @document from what @doc says of itself, each
 * from the most trusted source that has it.
 */
void
nf_clean_meta_read (htmlDocPtr  doc,
                    NfDocument *document)
{
  Collected c;
  NfCleanPageMeta m = { 0, };
  g_autoptr(GPtrArray) authors = NULL;
  g_autofree char *host = NULL;
  const char *base = nf_document_get_uri (document);

  collected_init (&c);
  m.authors = g_ptr_array_new_with_free_func (g_free);
  collect (doc, &c);

  /* JSON-LD first: it is the most trusted source of every field */
  nf_clean_jsonld_read (c.json_ld, &m);
  read_site_name (&m, &c);
  read_canonical_uri (&m, &c, base);
  host = nf_clean_host_label (m.canonical_uri != NULL ? m.canonical_uri : base);
  read_title (&m, &c, host);
  read_dates (&m, &c);
  read_image_description_language (&m, &c);

  authors = read_authors (&m, &c);
  apply (&m, authors, document);

  page_meta_clear (&m);
  collected_clear (&c);
}
