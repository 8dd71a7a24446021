/* nf-clean-jsonld.c: what a page's JSON-LD says of its story
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * JSON-LD is the most trusted source of metadata: publishers write it for
 * search engines, in schema.org terms, apart from the page's layout. A page
 * may hold several scripts, arrays of objects, @graph lists and references
 * by @id between nodes (as Yoast writes them); every object is gathered
 * first, without recursion, so that references can be resolved. Article
 * objects (NewsArticle and its kin) are read before the WebPage and
 * WebSite around them, which say less about the story.
 */
#include "nf-clean-meta-private.h"

#include <string.h>
#include <json-glib/json-glib.h>

/* ---- values ---- */

/* Whether @node is a JSON string. */
static gboolean
json_holds_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* The member @name of @object when it is a string, else %NULL. */
static const char *
json_string_member (JsonObject *object,
                    const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !json_holds_string (node))
    return NULL;
  return json_node_get_string (node);
}

/* A reference {"@id": "…"} to a node of the same page's graph (as
 * Yoast and others write authors and publishers) is replaced by the node
 * itself when the page has it. */
static JsonNode *
json_resolve (JsonNode   *node,
              GHashTable *ids)
{
  const char *id;
  JsonNode *target;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return node;
  id = json_string_member (json_node_get_object (node), "@id");
  if (id == NULL || json_object_has_member (json_node_get_object (node), "name"))
    return node;
  target = g_hash_table_lookup (ids, id);
  return target != NULL ? target : node;
}

/* The name of an object: its "name" string, or the first string of a
 * "name" list ({"name": ["A"]}: some generators wrap every value in a
 * list); %NULL when it has none. */
static const char *
json_object_name (JsonObject *object)
{
  JsonNode *name = json_object_get_member (object, "name");
  JsonNode *first;

  if (name != NULL && json_holds_string (name))
    return json_node_get_string (name);
  if (name == NULL || !JSON_NODE_HOLDS_ARRAY (name) ||
      json_array_get_length (json_node_get_array (name)) == 0)
    return NULL;
  first = json_array_get_element (json_node_get_array (name), 0);
  return json_holds_string (first) ? json_node_get_string (first) : NULL;
}

/* The names of a member that is a string, an object with a name (or a
 * reference to one), or an array of those. Arrays are not followed into
 * arrays, so the walk ends however the value nests. */
static void
json_names (JsonNode   *node,
            GHashTable *ids,
            GPtrArray  *out)
{
  node = json_resolve (node, ids);
  if (node == NULL)
    return;
  if (json_holds_string (node))
    g_ptr_array_add (out, (gpointer) json_node_get_string (node));
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      const char *name = json_object_name (json_node_get_object (node));
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
            json_names (item, ids, out);
        }
    }
}

/* The first name json_names() finds in @node, or %NULL. */
static const char *
json_first_name (JsonNode   *node,
                 GHashTable *ids)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  json_names (node, ids, names);
  return names->len > 0 ? g_ptr_array_index (names, 0) : NULL;
}

/* An image as a URL string, an ImageObject (url or contentUrl), a
 * reference to one, or an array whose first item is one of those. */
static const char *
json_image_url (JsonNode   *node,
                GHashTable *ids)
{
  node = json_resolve (node, ids);
  if (node == NULL)
    return NULL;
  if (json_holds_string (node))
    return json_node_get_string (node);
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      const char *url = json_string_member (object, "url");
      return url != NULL ? url : json_string_member (object, "contentUrl");
    }
  if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (node), 0);
      return JSON_NODE_HOLDS_ARRAY (first) ? NULL : json_image_url (first, ids);
    }
  return NULL;
}

/* The page's URL from "url" or "mainEntityOfPage" (a string or {"@id"}). */
static const char *
json_page_url (JsonObject *a)
{
  const char *url = json_string_member (a, "url");
  JsonNode *main_entity = json_object_get_member (a, "mainEntityOfPage");

  if (url != NULL || main_entity == NULL)
    return url;
  if (json_holds_string (main_entity))
    return json_node_get_string (main_entity);
  if (JSON_NODE_HOLDS_OBJECT (main_entity))
    return json_string_member (json_node_get_object (main_entity), "@id");
  return NULL;
}

/* ---- types ---- */

/* schema.org types of a news story: NewsArticle and every *Article,
 * BlogPosting, LiveBlogPosting, ReportageNews, Report… */
static gboolean
is_article_type (const char *type)
{
  static const char * const types[] = {
    "BlogPosting", "LiveBlogPosting", "SocialMediaPosting", "DiscussionForumPosting",
    "ReportageNews", "Report", "Review", "OpinionNewsArticle", NULL
  };

  if (type == NULL)
    return FALSE;
  if (g_str_has_prefix (type, "schema:"))
    type += strlen ("schema:");
  else if (g_str_has_prefix (type, "http://schema.org/") || g_str_has_prefix (type, "https://schema.org/"))
    type = strrchr (type, '/') + 1;
  return g_str_has_suffix (type, "Article") || g_strv_contains (types, type);
}

/* schema.org types of the page around a story. */
static gboolean
is_page_type (const char *type)
{
  return type != NULL && (strcmp (type, "WebPage") == 0 || strcmp (type, "ItemPage") == 0);
}

/* The schema.org type of the whole site. */
static gboolean
is_website_type (const char *type)
{
  return type != NULL && strcmp (type, "WebSite") == 0;
}

/* Whether the object's @type (a string or an array of them) passes @test. */
static gboolean
json_type_is (JsonObject *object,
              gboolean  (*test) (const char *type))
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
          if (json_holds_string (item) && test (json_node_get_string (item)))
            return TRUE;
        }
      return FALSE;
    }
  return json_holds_string (type) && test (json_node_get_string (type));
}

/* ---- objects ---- */

/* Adds the authors of an article object (its "author", else its
 * "creator") to @m, when no earlier article gave any. */
static void
read_article_authors (JsonObject      *a,
                      GHashTable      *ids,
                      NfCleanPageMeta *m)
{
  g_autoptr(GPtrArray) authors = g_ptr_array_new ();

  if (m->authors->len > 0)
    return;
  json_names (json_object_get_member (a, "author"), ids, authors);
  if (authors->len == 0)
    json_names (json_object_get_member (a, "creator"), ids, authors);
  for (guint i = 0; i < authors->len; i++)
    g_ptr_array_add (m->authors, g_strdup (g_ptr_array_index (authors, i)));
}

/* Offers every field an article object of JSON-LD has; the first
 * article with authors gives them. */
static void
read_article_object (JsonObject      *a,
                     GHashTable      *ids,
                     NfCleanPageMeta *m)
{
  JsonNode *publisher = json_object_get_member (a, "publisher");
  const char *url = json_page_url (a);

  nf_clean_meta_offer (&m->title, json_string_member (a, "headline"));
  nf_clean_meta_offer (&m->title, json_string_member (a, "name"));
  nf_clean_meta_offer_date (&m->published, json_string_member (a, "datePublished"));
  nf_clean_meta_offer_date (&m->published, json_string_member (a, "dateCreated"));
  nf_clean_meta_offer_date (&m->modified, json_string_member (a, "dateModified"));
  nf_clean_meta_offer (&m->language, json_string_member (a, "inLanguage"));
  nf_clean_meta_offer (&m->description, json_string_member (a, "description"));
  nf_clean_meta_offer (&m->image, json_image_url (json_object_get_member (a, "image"), ids));
  nf_clean_meta_offer (&m->image, json_image_url (json_object_get_member (a, "thumbnailUrl"), ids));
  if (url != NULL && g_str_has_prefix (url, "http"))
    nf_clean_meta_offer (&m->canonical_uri, url);
  if (publisher != NULL)
    nf_clean_meta_offer (&m->site_name, json_first_name (publisher, ids));
  read_article_authors (a, ids, m);
}

/* What a WebPage says, for pages whose article object leaves it out
 * (the dates and the name of a Yoast graph sit on the WebPage). */
static void
read_page_object (JsonObject      *p,
                  NfCleanPageMeta *m)
{
  nf_clean_meta_offer_date (&m->published, json_string_member (p, "datePublished"));
  nf_clean_meta_offer_date (&m->modified, json_string_member (p, "dateModified"));
  nf_clean_meta_offer (&m->language, json_string_member (p, "inLanguage"));
}

/* Gathers every object of a JSON-LD value (through arrays and @graph),
 * without recursion, in document order, and indexes those with an @id. */
static void
json_ld_objects (JsonNode   *root,
                 GPtrArray  *objects,
                 GHashTable *ids)
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
          const char *id = json_string_member (object, "@id");

          g_ptr_array_add (objects, object);
          if (id != NULL && json_object_get_size (object) > 1 && !g_hash_table_contains (ids, id))
            g_hash_table_insert (ids, (gpointer) id, node);
          if (graph != NULL)
            g_ptr_array_add (stack, graph);
        }
    }
}

/* Reads the article objects of all the page's JSON-LD first, then its
 * WebPage and WebSite objects, which say less about the story. */
static void
read_json_ld (GPtrArray       *roots,
              NfCleanPageMeta *m)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < roots->len; i++)
    json_ld_objects (g_ptr_array_index (roots, i), objects, ids);
  for (guint i = 0; i < objects->len; i++)
    if (json_type_is (g_ptr_array_index (objects, i), is_article_type))
      read_article_object (g_ptr_array_index (objects, i), ids, m);
  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);
      if (json_type_is (object, is_page_type))
        read_page_object (object, m);
      else if (json_type_is (object, is_website_type))
        nf_clean_meta_offer (&m->website_name, json_string_member (object, "name"));
    }
}

/* ---- scripts ---- */

/* Cuts @suffix off the end of @text when it ends with it. */
static void
cut_suffix (char       *text,
            const char *suffix)
{
  gsize len = strlen (text);
  gsize suffix_len = strlen (suffix);

  if (len >= suffix_len && strcmp (text + len - suffix_len, suffix) == 0)
    text[len - suffix_len] = '\0';
}

/* Parses one script body; pages wrap it in HTML comments or CDATA
 * markers now and then. Returns %NULL for what is not JSON. */
static JsonParser *
parse_json_ld (const char *body)
{
  g_autofree char *text = g_strstrip (g_strdup (body));
  char *start = text;
  JsonParser *parser = json_parser_new ();

  if (g_str_has_prefix (start, "<!--"))
    start += strlen ("<!--");
  while (g_ascii_isspace (*start))
    start++;
  if (g_str_has_prefix (start, "//<![CDATA["))
    start += strlen ("//<![CDATA[");
  cut_suffix (start, "-->");
  cut_suffix (start, "//]]>");

  if (!json_parser_load_from_data (parser, start, -1, NULL) || json_parser_get_root (parser) == NULL)
    g_clear_object (&parser);
  return parser;
}

/**
 * nf_clean_jsonld_read:
 * @scripts: (element-type utf8): the bodies of the page's
 *   application/ld+json scripts, in document order
 * @m: the fields found so far, offered what the scripts say
 *
 * Offers @m the title, dates, language, description, image, canonical
 * URI, publisher and authors of the page's article objects, then what its
 * WebPage and WebSite objects add. Scripts that are not JSON are skipped.
 * Every value offered is copied: nothing of the parsed scripts outlives
 * the call.
 */
void
nf_clean_jsonld_read (GPtrArray       *scripts,
                      NfCleanPageMeta *m)
{
  g_autoptr(GPtrArray) parsers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();

  for (guint i = 0; i < scripts->len; i++)
    {
      JsonParser *parser = parse_json_ld (g_ptr_array_index (scripts, i));
      if (parser != NULL)
        {
          g_ptr_array_add (parsers, parser);
          g_ptr_array_add (roots, json_parser_get_root (parser));
        }
    }
  read_json_ld (roots, m);
}
