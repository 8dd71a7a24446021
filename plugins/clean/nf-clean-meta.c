/* nf-clean-meta.c: the metadata of a page
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Sources in order of trust: JSON-LD (NewsArticle and its kin), Open Graph
 * and article:* properties, other <meta> and <link>, <time>, the <title>.
 * A field is taken from the most trusted source that has it.
 */
#include "nf-clean-private.h"

#include <string.h>
#include <json-glib/json-glib.h>

typedef struct
{
  char      *title, *published, *modified, *language, *site_name;
  char      *canonical_uri, *image, *description;
  char      *website_name;   /* a JSON-LD WebSite's name: after the publisher and og:site_name */
  GPtrArray *authors;
} PageMeta;

static void
page_meta_clear (PageMeta *m)
{
  g_free (m->title); g_free (m->published); g_free (m->modified);
  g_free (m->language); g_free (m->site_name); g_free (m->canonical_uri);
  g_free (m->image); g_free (m->description); g_free (m->website_name);
  g_clear_pointer (&m->authors, g_ptr_array_unref);
}

/* Sets *@field to a cleaned copy of @value unless it is already set. */
static void
offer (char       **field,
       const char  *value)
{
  g_autofree char *clean = NULL;

  if (*field != NULL || value == NULL)
    return;
  clean = nf_clean_collapse_space (value);
  if (*clean != '\0')
    *field = g_utf8_normalize (clean, -1, G_NORMALIZE_NFC);
}

static void
offer_author (PageMeta   *m,
              const char *name)
{
  g_autofree char *clean = NULL;

  if (name == NULL)
    return;
  clean = nf_clean_collapse_space (name);
  if (*clean == '\0' || g_str_has_prefix (clean, "http"))
    return;
  for (guint i = 0; i < m->authors->len; i++)
    if (strcmp (g_ptr_array_index (m->authors, i), clean) == 0)
      return;
  g_ptr_array_add (m->authors, g_utf8_normalize (clean, -1, G_NORMALIZE_NFC));
}

/* Dates become ISO 8601 in UTC when they carry a time; a bare date stays
 * as written. Returns %NULL for what is not a date. */
char *
nf_clean_normalize_date (const char *value)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) in_utc = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (value));

  if (strlen (trimmed) == 10 && trimmed[4] == '-' && trimmed[7] == '-')
    return g_steal_pointer (&trimmed);

  parsed = g_date_time_new_from_iso8601 (trimmed, utc);
  if (parsed == NULL)
    {
      /* "2026-11-27 10:00:00" and friends */
      g_autofree char *t = g_strdup (trimmed);
      if (strlen (t) > 10 && t[10] == ' ')
        t[10] = 'T';
      parsed = g_date_time_new_from_iso8601 (t, utc);
    }
  if (parsed == NULL)
    return NULL;

  in_utc = g_date_time_to_utc (parsed);
  return g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
offer_date (char       **field,
            const char  *value)
{
  if (*field == NULL && value != NULL)
    *field = nf_clean_normalize_date (value);
}

/* ---- JSON-LD ---- */

static const char *
json_string_member (JsonObject *object,
                    const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The "name" of a member that is a string, an object with a name, or
 * (for @all) an array of those. */
static void
json_names (JsonNode  *node,
            GPtrArray *out)
{
  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_ptr_array_add (out, (gpointer) json_node_get_string (node));
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      const char *name = json_string_member (json_node_get_object (node), "name");
      if (name != NULL)
        g_ptr_array_add (out, (gpointer) name);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          if (!JSON_NODE_HOLDS_ARRAY (item))
            json_names (item, out);
        }
    }
}

static const char *
json_first_name (JsonNode *node)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  json_names (node, names);
  return names->len > 0 ? g_ptr_array_index (names, 0) : NULL;
}

static const char *
json_image_url (JsonNode *node)
{
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_string_member (json_node_get_object (node), "url");
  if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
    return json_image_url (json_array_get_element (json_node_get_array (node), 0));
  return NULL;
}

static gboolean
is_article_type (const char *type)
{
  return type != NULL &&
         (g_str_has_suffix (type, "Article") || strcmp (type, "BlogPosting") == 0 ||
          strcmp (type, "Report") == 0 || strcmp (type, "LiveBlogPosting") == 0 ||
          strcmp (type, "SocialMediaPosting") == 0);
}

static gboolean
json_object_is_article (JsonObject *object)
{
  JsonNode *type = json_object_get_member (object, "@type");

  if (type == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *array = json_node_get_array (type);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          if (JSON_NODE_HOLDS_VALUE (item) &&
              json_node_get_value_type (item) == G_TYPE_STRING &&
              is_article_type (json_node_get_string (item)))
            return TRUE;
        }
      return FALSE;
    }
  return JSON_NODE_HOLDS_VALUE (type) && json_node_get_value_type (type) == G_TYPE_STRING &&
         is_article_type (json_node_get_string (type));
}

static void
read_article_object (JsonObject *a,
                     PageMeta   *m)
{
  g_autoptr(GPtrArray) authors = g_ptr_array_new ();
  JsonNode *publisher = json_object_get_member (a, "publisher");

  offer (&m->title, json_string_member (a, "headline"));
  offer (&m->title, json_string_member (a, "name"));
  offer_date (&m->published, json_string_member (a, "datePublished"));
  offer_date (&m->modified, json_string_member (a, "dateModified"));
  offer (&m->language, json_string_member (a, "inLanguage"));
  offer (&m->description, json_string_member (a, "description"));
  offer (&m->image, json_image_url (json_object_get_member (a, "image")));
  offer (&m->canonical_uri, json_string_member (a, "url"));
  if (publisher != NULL)
    offer (&m->site_name, json_first_name (publisher));

  if (m->authors->len == 0)
    {
      json_names (json_object_get_member (a, "author"), authors);
      for (guint i = 0; i < authors->len; i++)
        offer_author (m, g_ptr_array_index (authors, i));
    }
}

/* Walks a JSON-LD value (object, array, @graph) without recursion and
 * reads every article object in it; also takes a WebSite's name. */
static void
read_json_ld (JsonNode *root,
              PageMeta *m)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      JsonNode *node = g_ptr_array_steal_index (stack, stack->len - 1);

      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          for (guint i = json_array_get_length (array); i > 0; i--)
            g_ptr_array_add (stack, json_array_get_element (array, i - 1));
        }
      else if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);
          JsonNode *graph = json_object_get_member (object, "@graph");
          const char *type = json_string_member (object, "@type");

          if (json_object_is_article (object))
            read_article_object (object, m);
          else if (type != NULL && strcmp (type, "WebSite") == 0)
            offer (&m->website_name, json_string_member (object, "name"));
          if (graph != NULL)
            g_ptr_array_add (stack, graph);
        }
    }
}

/* ---- the HTML tree ---- */

static char *
attr (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

typedef struct
{
  GPtrArray *json_ld;               /* (element-type utf8) script bodies */
  GHashTable *metas;                /* lower-cased name/property → first content */
  GPtrArray *meta_authors;          /* every <meta name=author> */
  char *html_lang, *title, *h1, *canonical, *time_datetime;
} Collected;

static void
collect_meta (xmlNode   *node,
              Collected *c)
{
  g_autofree char *key = attr (node, "property");
  g_autofree char *content = attr (node, "content");

  if (key == NULL)
    key = attr (node, "name");
  if (key == NULL)
    key = attr (node, "itemprop");
  if (key == NULL || content == NULL)
    return;
  {
    char *lower = g_ascii_strdown (key, -1);
    if (strcmp (lower, "author") == 0 || strcmp (lower, "article:author") == 0)
      g_ptr_array_add (c->meta_authors, g_strdup (content));
    if (!g_hash_table_contains (c->metas, lower))
      g_hash_table_insert (c->metas, lower, g_steal_pointer (&content));
    else
      g_free (lower);
  }
}

/* One pass over the tree, with an explicit stack, gathering every
 * metadata-bearing element. */
static void
collect (htmlDocPtr  doc,
         Collected  *c)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  xmlNode *root = xmlDocGetRootElement (doc);

  if (root == NULL)
    return;
  if (is_element (root, "html"))
    c->html_lang = attr (root, "lang");
  g_ptr_array_add (stack, root);

  while (stack->len > 0)
    {
      xmlNode *node = g_ptr_array_steal_index (stack, stack->len - 1);

      if (node->type != XML_ELEMENT_NODE)
        continue;

      if (is_element (node, "script"))
        {
          g_autofree char *type = attr (node, "type");
          if (type != NULL && g_ascii_strcasecmp (type, "application/ld+json") == 0)
            {
              xmlChar *body = xmlNodeGetContent (node);
              g_ptr_array_add (c->json_ld, g_strdup ((const char *) body));
              xmlFree (body);
            }
          continue;
        }
      if (is_element (node, "style"))
        continue;
      if (is_element (node, "meta"))
        collect_meta (node, c);
      else if (is_element (node, "link") && c->canonical == NULL)
        {
          g_autofree char *rel = attr (node, "rel");
          if (rel != NULL && g_ascii_strcasecmp (rel, "canonical") == 0)
            c->canonical = attr (node, "href");
        }
      else if (is_element (node, "title") && c->title == NULL)
        {
          xmlChar *text = xmlNodeGetContent (node);
          c->title = g_strdup ((const char *) text);
          xmlFree (text);
        }
      else if (is_element (node, "h1") && c->h1 == NULL)
        {
          xmlChar *text = xmlNodeGetContent (node);
          c->h1 = g_strdup ((const char *) text);
          xmlFree (text);
        }
      else if (is_element (node, "time") && c->time_datetime == NULL)
        c->time_datetime = attr (node, "datetime");

      for (xmlNode *child = node->last; child != NULL; child = child->prev)
        if (child->type == XML_ELEMENT_NODE)
          g_ptr_array_add (stack, child);
    }
}

static const char *
meta (Collected  *c,
      const char *key)
{
  return g_hash_table_lookup (c->metas, key);
}

static void
apply (PageMeta   *m,
       NfDocument *document)
{
  if (m->title != NULL)
    nf_document_set_title (document, m->title);
  if (m->authors->len > 0)
    {
      g_ptr_array_add (m->authors, NULL);
      nf_document_set_authors (document, (const char * const *) m->authors->pdata);
      g_ptr_array_remove_index (m->authors, m->authors->len - 1);
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

void
nf_clean_meta_read (htmlDocPtr  doc,
                    NfDocument *document)
{
  Collected c = { 0, };
  PageMeta m = { 0, };

  c.json_ld = g_ptr_array_new_with_free_func (g_free);
  c.metas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c.meta_authors = g_ptr_array_new_with_free_func (g_free);
  m.authors = g_ptr_array_new_with_free_func (g_free);

  collect (doc, &c);

  for (guint i = 0; i < c.json_ld->len; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      if (json_parser_load_from_data (parser, g_ptr_array_index (c.json_ld, i), -1, NULL) &&
          json_parser_get_root (parser) != NULL)
        read_json_ld (json_parser_get_root (parser), &m);
    }

  offer (&m.title, meta (&c, "og:title"));
  offer (&m.title, meta (&c, "twitter:title"));
  offer (&m.title, c.h1);
  offer (&m.title, c.title);
  offer_date (&m.published, meta (&c, "article:published_time"));
  offer_date (&m.published, meta (&c, "datepublished"));
  offer_date (&m.published, meta (&c, "date"));
  offer_date (&m.published, meta (&c, "pubdate"));
  offer_date (&m.published, meta (&c, "dc.date"));
  offer_date (&m.published, c.time_datetime);
  offer_date (&m.modified, meta (&c, "article:modified_time"));
  offer_date (&m.modified, meta (&c, "og:updated_time"));
  offer_date (&m.modified, meta (&c, "datemodified"));
  offer (&m.site_name, meta (&c, "og:site_name"));
  offer (&m.site_name, m.website_name);
  offer (&m.site_name, meta (&c, "application-name"));
  offer (&m.canonical_uri, c.canonical);
  offer (&m.canonical_uri, meta (&c, "og:url"));
  offer (&m.image, meta (&c, "og:image"));
  offer (&m.image, meta (&c, "twitter:image"));
  offer (&m.description, meta (&c, "og:description"));
  offer (&m.description, meta (&c, "description"));
  offer (&m.language, c.html_lang);
  offer (&m.language, meta (&c, "og:locale"));
  offer (&m.language, meta (&c, "content-language"));
  if (m.authors->len == 0)
    for (guint i = 0; i < c.meta_authors->len; i++)
      offer_author (&m, g_ptr_array_index (c.meta_authors, i));

  if (m.language != NULL)
    g_strdelimit (m.language, "_", '-');

  apply (&m, document);

  page_meta_clear (&m);
  g_ptr_array_unref (c.json_ld);
  g_hash_table_unref (c.metas);
  g_ptr_array_unref (c.meta_authors);
  g_free (c.html_lang); g_free (c.title); g_free (c.h1);
  g_free (c.canonical); g_free (c.time_datetime);
}
