/* nf-clean-meta.c: the metadata of a page
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
 */
#include "nf-clean-private.h"

#include <string.h>
#include <json-glib/json-glib.h>

/* A visible author name longer than this is a sentence or a bio, not a name. */
#define MAX_NAME_CHARS 80
/* A byline (or a date line) longer than this is a box, not a line. */
#define MAX_BYLINE_BYTES 400
/* At most this many names come from one byline. */
#define MAX_BYLINE_NAMES 8

typedef struct
{
  char      *title, *published, *modified, *language, *site_name;
  char      *canonical_uri, *image, *description;
  char      *website_name;   /* a JSON-LD WebSite's name: after the publisher and og:site_name */
  GPtrArray *authors;        /* (element-type utf8) raw author strings, cleaned at the end */
} PageMeta;

/* Frees what @m holds. */
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
    *field = nf_clean_nfc (clean);
}

/* ---- dates ---- */

/* Reads @n ASCII digits at *@p into *@out and moves past them. */
static gboolean
read_digits (const char **p,
             guint        n,
             int         *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = value;
  return TRUE;
}

/* Reads a UTC offset ("Z", "+01:00", "+0100", "+01", " UTC", " GMT") into
 * seconds east of UTC; an empty string is UTC too. */
static gboolean
read_offset (const char *p,
             int        *seconds)
{
  int sign, hours, minutes = 0;

  while (*p == ' ')
    p++;
  *seconds = 0;
  if (*p == '\0' || g_ascii_strcasecmp (p, "Z") == 0 ||
      g_ascii_strcasecmp (p, "UTC") == 0 || g_ascii_strcasecmp (p, "GMT") == 0)
    return TRUE;
  if (g_ascii_strncasecmp (p, "UTC", 3) == 0 || g_ascii_strncasecmp (p, "GMT", 3) == 0)
    p += 3;
  if (*p != '+' && *p != '-')
    return FALSE;
  sign = *p == '-' ? -1 : 1;
  p++;
  if (!read_digits (&p, 2, &hours))
    return FALSE;
  if (*p == ':')
    p++;
  if (*p != '\0' && !read_digits (&p, 2, &minutes))
    return FALSE;
  if (*p != '\0' || hours > 14 || minutes > 59)
    return FALSE;
  *seconds = sign * (hours * 3600 + minutes * 60);
  return TRUE;
}

/**
 * nf_clean_normalize_date:
 * @value: a date as a page writes it in its metadata
 *
 * Reads "YYYY-MM-DD" (or with slashes), optionally followed by a time
 * ("T" or a space, then HH:MM, seconds and fractions optional) and a UTC
 * offset. A date with a time becomes ISO 8601 in UTC,
 * "YYYY-MM-DDTHH:MM:SSZ"; a bare date stays a date, "YYYY-MM-DD". A time
 * without an offset is taken as UTC.
 *
 * Returns: (transfer full) (nullable): the date, or %NULL for what is not one
 */
char *
nf_clean_normalize_date (const char *value)
{
  g_autofree char *trimmed = NULL;
  const char *p;
  int year, month, day, hour = 0, minute = 0, second = 0, offset;
  char sep;

  if (value == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (value));
  p = trimmed;
  if (!read_digits (&p, 4, &year) || (*p != '-' && *p != '/'))
    return NULL;
  sep = *p++;
  if (!read_digits (&p, 2, &month) || *p++ != sep || !read_digits (&p, 2, &day))
    return NULL;
  if (year < 1900 || !g_date_valid_dmy (day, month, year))
    return NULL;
  if (*p == '\0')
    return g_strdup_printf ("%04d-%02d-%02d", year, month, day);

  if (*p != 'T' && *p != 't' && *p != ' ')
    return NULL;
  p++;
  if (!read_digits (&p, 2, &hour) || *p++ != ':' || !read_digits (&p, 2, &minute))
    return NULL;
  if (*p == ':')
    {
      p++;
      if (!read_digits (&p, 2, &second))
        return NULL;
      if (*p == '.' || *p == ',')
        for (p++; g_ascii_isdigit (*p); p++)
          ;
    }
  if (hour > 23 || minute > 59 || second > 60 || !read_offset (p, &offset))
    return NULL;

  {
    g_autoptr(GTimeZone) zone = g_time_zone_new_offset (offset);
    g_autoptr(GDateTime) local = g_date_time_new (zone, year, month, day, hour, minute, MIN (second, 59));
    g_autoptr(GDateTime) utc = local != NULL ? g_date_time_to_utc (local) : NULL;

    return utc != NULL ? g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ") : NULL;
  }
}

/* Month names as pages write them in a date line, lower-cased, by
 * language; a prefix of three letters or more also matches ("Sept.",
 * "janv."). Index 0 is January. */
static const char * const month_names[][12] = {
  { "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december" },
  { "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember" },
  { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre" },
  { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre" },
  { "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre" },
  { "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro" },
  { "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december" },
  { "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря" },
};

/* The month (1–12) a word names, or 0. */
static int
month_of_word (const char *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  glong len = g_utf8_strlen (lower, -1);

  if (len < 3)
    return 0;
  for (guint l = 0; l < G_N_ELEMENTS (month_names); l++)
    for (int m = 0; m < 12; m++)
      {
        const char *name = month_names[l][m];
        if (strcmp (lower, name) == 0 ||
            (len >= 3 && len < g_utf8_strlen (name, -1) && strncmp (name, lower, strlen (lower)) == 0))
          return m + 1;
      }
  return 0;
}

typedef struct
{
  gboolean  is_number;
  int       number;
  guint     digits;
  int       month;         /* for a word: the month it names, or 0 */
  gunichar  after;         /* the first character after the token */
} DateToken;

/* Chinese, Japanese and Korean dates mark their parts with a character
 * after each number (年月日, 년월일): such characters separate, as
 * punctuation does, and are remembered as what follows the number. */
static gboolean
is_date_mark (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  return script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HANGUL ||
         script == G_UNICODE_SCRIPT_HIRAGANA || script == G_UNICODE_SCRIPT_KATAKANA;
}

/* Cuts @text into numbers and words (letters), remembering the character
 * that follows each. */
static GArray *
date_tokens (const char *text)
{
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (DateToken));
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *start = p;
      DateToken token = { 0, };

      if (g_unichar_isdigit (c) && c < 128)
        {
          token.is_number = TRUE;
          for (; g_ascii_isdigit (*p) && token.digits < 9; p++, token.digits++)
            token.number = token.number * 10 + (*p - '0');
          while (g_ascii_isdigit (*p))
            p++;
        }
      else if (g_unichar_isalpha (c) && !is_date_mark (c))
        {
          g_autofree char *word = NULL;
          while (*p != '\0' && g_unichar_isalpha (g_utf8_get_char (p)) &&
                 !is_date_mark (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          word = g_strndup (start, p - start);
          token.month = month_of_word (word);
        }
      else
        {
          p = g_utf8_next_char (p);
          continue;
        }
      token.after = g_utf8_get_char (p);
      g_array_append_val (tokens, token);
    }
  return tokens;
}

/* Whether a number is a year of the news era. */
static gboolean
is_year (const DateToken *t)
{
  return t->is_number && t->digits == 4 && t->number >= 1900 && t->number <= 2100;
}

/* Whether a number can be the day of a month. */
static gboolean
is_day (const DateToken *t)
{
  return t->is_number && t->digits <= 2 && t->number >= 1 && t->number <= 31;
}

/* For a day at @i: the month named after it and the year after that,
 * each possibly after one short word ("12 de marzo de 2026"). */
static int
month_after_day (const DateToken *t,
                 guint            n,
                 guint            i,
                 int             *year)
{
  guint j = i + 1, k;

  if (j < n && !t[j].is_number && t[j].month == 0)
    j++;
  if (j >= n || t[j].month == 0)
    return 0;
  k = j + 1;
  if (k < n && !t[k].is_number && t[k].month == 0)
    k++;
  if (k >= n || !is_year (&t[k]))
    return 0;
  *year = t[k].number;
  return t[j].month;
}

/* A date written out in a byline or a <time> without datetime:
 * "12 March 2026", "March 12, 2026", "12. März 2026", "12 de marzo de
 * 2026", "12 марта 2026", "2026年3月12日", "2026년 3월 12일", "12.03.2026",
 * "2026-03-12". Only the day is read; the time of day is left out because
 * its zone is unknown. Returns "YYYY-MM-DD" or %NULL. */
static char *
parse_written_date (const char *text)
{
  g_autoptr(GArray) tokens = date_tokens (text);
  DateToken *t = (DateToken *) tokens->data;
  guint n = tokens->len;

  for (guint i = 0; i < n; i++)
    {
      int year = 0, month = 0, day = 0;

      if (i + 2 < n && is_year (&t[i]) && t[i + 1].is_number && is_day (&t[i + 2]) &&
          (t[i].after == '-' || t[i].after == '/' || t[i].after == 0x5E74 /* 年 */ || t[i].after == 0xB144 /* 년 */))
        year = t[i].number, month = t[i + 1].number, day = t[i + 2].number;
      else if (i + 2 < n && is_day (&t[i]) && t[i + 1].is_number && t[i + 1].digits <= 2 &&
               is_year (&t[i + 2]) && t[i].after == '.' && t[i + 1].after == '.')
        day = t[i].number, month = t[i + 1].number, year = t[i + 2].number;
      else if (is_day (&t[i]) && (month = month_after_day (t, n, i, &year)) > 0)
        day = t[i].number;   /* "12 March 2026", "12 de marzo de 2026" */
      else if (i + 2 < n && t[i].month > 0 && is_day (&t[i + 1]) && is_year (&t[i + 2]))
        month = t[i].month, day = t[i + 1].number, year = t[i + 2].number;

      if (year > 0 && month >= 1 && month <= 12 && g_date_valid_dmy (day, month, year))
        return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
    }
  return NULL;
}

/* Sets *@field to @value as an ISO 8601 date unless it is set already or @value is no date. */
static void
offer_date (char       **field,
            const char  *value)
{
  if (*field == NULL && value != NULL)
    *field = nf_clean_normalize_date (value);
}

/* ---- JSON-LD ---- */

/* The member @name of @object when it is a string, else %NULL. */
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

/* The names of a member that is a string, an object with a name (or a
 * reference to one), or an array of those. */
static void
json_names (JsonNode   *node,
            GHashTable *ids,
            GPtrArray  *out)
{
  node = json_resolve (node, ids);
  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_ptr_array_add (out, (gpointer) json_node_get_string (node));
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *name = json_object_get_member (json_node_get_object (node), "name");
      if (name != NULL && JSON_NODE_HOLDS_VALUE (name) &&
          json_node_get_value_type (name) == G_TYPE_STRING)
        g_ptr_array_add (out, (gpointer) json_node_get_string (name));
      else if (name != NULL && JSON_NODE_HOLDS_ARRAY (name) &&
               json_array_get_length (json_node_get_array (name)) > 0)
        {
          /* {"name": ["A"]}: some generators wrap every value in a list */
          JsonNode *first = json_array_get_element (json_node_get_array (name), 0);
          if (JSON_NODE_HOLDS_VALUE (first) && json_node_get_value_type (first) == G_TYPE_STRING)
            g_ptr_array_add (out, (gpointer) json_node_get_string (first));
        }
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
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
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
          if (JSON_NODE_HOLDS_VALUE (item) &&
              json_node_get_value_type (item) == G_TYPE_STRING &&
              test (json_node_get_string (item)))
            return TRUE;
        }
      return FALSE;
    }
  return JSON_NODE_HOLDS_VALUE (type) && json_node_get_value_type (type) == G_TYPE_STRING &&
         test (json_node_get_string (type));
}

/* The schema.org type of the whole site. */
static gboolean
is_website_type (const char *type)
{
  return type != NULL && strcmp (type, "WebSite") == 0;
}

/* The page's URL from "url" or "mainEntityOfPage" (a string or {"@id"}). */
static const char *
json_page_url (JsonObject *a)
{
  const char *url = json_string_member (a, "url");
  JsonNode *main_entity = json_object_get_member (a, "mainEntityOfPage");

  if (url != NULL || main_entity == NULL)
    return url;
  if (JSON_NODE_HOLDS_VALUE (main_entity) && json_node_get_value_type (main_entity) == G_TYPE_STRING)
    return json_node_get_string (main_entity);
  if (JSON_NODE_HOLDS_OBJECT (main_entity))
    return json_string_member (json_node_get_object (main_entity), "@id");
  return NULL;
}

/* Offers every field an article object of JSON-LD has; the first
 * article with authors gives them. */
static void
read_article_object (JsonObject *a,
                     GHashTable *ids,
                     PageMeta   *m)
{
  g_autoptr(GPtrArray) authors = g_ptr_array_new ();
  JsonNode *publisher = json_object_get_member (a, "publisher");
  const char *url = json_page_url (a);

  offer (&m->title, json_string_member (a, "headline"));
  offer (&m->title, json_string_member (a, "name"));
  offer_date (&m->published, json_string_member (a, "datePublished"));
  offer_date (&m->published, json_string_member (a, "dateCreated"));
  offer_date (&m->modified, json_string_member (a, "dateModified"));
  offer (&m->language, json_string_member (a, "inLanguage"));
  offer (&m->description, json_string_member (a, "description"));
  offer (&m->image, json_image_url (json_object_get_member (a, "image"), ids));
  offer (&m->image, json_image_url (json_object_get_member (a, "thumbnailUrl"), ids));
  if (url != NULL && g_str_has_prefix (url, "http"))
    offer (&m->canonical_uri, url);
  if (publisher != NULL)
    offer (&m->site_name, json_first_name (publisher, ids));

  if (m->authors->len == 0)
    {
      json_names (json_object_get_member (a, "author"), ids, authors);
      if (authors->len == 0)
        json_names (json_object_get_member (a, "creator"), ids, authors);
      for (guint i = 0; i < authors->len; i++)
        g_ptr_array_add (m->authors, g_strdup (g_ptr_array_index (authors, i)));
    }
}

/* What a WebPage says, for pages whose article object leaves it out
 * (the dates and the name of a Yoast graph sit on the WebPage). */
static void
read_page_object (JsonObject *p,
                  PageMeta   *m)
{
  offer_date (&m->published, json_string_member (p, "datePublished"));
  offer_date (&m->modified, json_string_member (p, "dateModified"));
  offer (&m->language, json_string_member (p, "inLanguage"));
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

/* Reads the article objects of all the page's JSON-LD scripts first,
 * then its WebPage and WebSite objects, which say less about the story. */
static void
read_json_ld (GPtrArray *roots,
              PageMeta  *m)
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
        offer (&m->website_name, json_string_member (object, "name"));
    }
}

/* Parses one script body; pages wrap it in HTML comments or CDATA
 * markers now and then. Returns %NULL for what is not JSON. */
static JsonParser *
parse_json_ld (const char *body)
{
  g_autofree char *text = g_strstrip (g_strdup (body));
  char *start = text;
  JsonParser *parser = json_parser_new ();
  gsize len;

  if (g_str_has_prefix (start, "<!--"))
    start += strlen ("<!--");
  while (g_ascii_isspace (*start))
    start++;
  if (g_str_has_prefix (start, "//<![CDATA["))
    start += strlen ("//<![CDATA[");
  len = strlen (start);
  if (len >= 3 && strcmp (start + len - 3, "-->") == 0)
    start[len - 3] = '\0';
  len = strlen (start);
  if (len >= 5 && strcmp (start + len - 5, "//]]>") == 0)
    start[len - 5] = '\0';

  if (!json_parser_load_from_data (parser, start, -1, NULL) || json_parser_get_root (parser) == NULL)
    g_clear_object (&parser);
  return parser;
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

/* Whether @haystack contains one of @needles. */
static gboolean
contains_any (const char         *haystack,
              const char * const *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (haystack, needles[i]) != NULL)
      return TRUE;
  return FALSE;
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
      if (contains_any (names, furniture_parts))
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

/* Whether @ancestor is @node or one of its ancestors. */
static gboolean
is_inside (xmlNode *node,
           xmlNode *ancestor)
{
  for (xmlNode *n = node; n != NULL; n = n->parent)
    if (n == ancestor)
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

typedef enum
{
  BYLINE_ITEMPROP,     /* itemprop="author", its itemprop="name" */
  BYLINE_REL,          /* <a rel="author"> */
  BYLINE_HCARD,        /* class="fn" in a class="vcard" */
  BYLINE_CLASS,        /* class or id naming a byline or an author */
  N_BYLINE_KINDS
} BylineKind;

typedef struct
{
  xmlNode    *node;
  BylineKind  kind;
} BylineCandidate;

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

/* Indexes a <meta> by its property, name, itemprop or http-equiv
 * (lower-cased); the first content of a key is kept, every author. */
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
  if (key == NULL)
    key = attr (node, "http-equiv");
  if (key == NULL || content == NULL)
    return;
  {
    char *lower = g_ascii_strdown (g_strstrip (key), -1);
    if (strcmp (lower, "author") == 0 || strcmp (lower, "article:author") == 0)
      g_ptr_array_add (c->meta_authors, g_strdup (content));
    if (!g_hash_table_contains (c->metas, lower) && *g_strstrip (content) != '\0')
      g_hash_table_insert (c->metas, lower, g_steal_pointer (&content));
    else
      g_free (lower);
  }
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

/* A date element's machine date: datetime, or content. */
static char *
date_attr (xmlNode *node)
{
  char *value = attr (node, "datetime");

  return value != NULL ? value : attr (node, "content");
}

/* The signals of the byline and of the dates an element carries. */
static void
collect_visible (xmlNode   *node,
                 Collected *c)
{
  g_autofree char *names = class_and_id (node);
  BylineCandidate candidate = { node, N_BYLINE_KINDS };

  if (!is_element (node, "meta") && !is_element (node, "link"))
    {
      if (attr_has_token (node, "itemprop", "datePublished"))
        set_once (&c->time_itemprop, date_attr (node));
      if (attr_has_token (node, "itemprop", "dateModified"))
        set_once (&c->modified_itemprop, date_attr (node));
      if (attr_has_token (node, "itemprop", "headline") && c->headline == NULL)
        {
          g_autofree char *text = element_text (node, 2000);
          if (text != NULL)
            c->headline = nf_clean_collapse_space (text);
        }
      if (attr_has_token (node, "itemprop", "author") || attr_has_token (node, "itemprop", "creator"))
        candidate.kind = BYLINE_ITEMPROP;
    }
  if (candidate.kind == N_BYLINE_KINDS && is_element (node, "a") && attr_has_token (node, "rel", "author"))
    candidate.kind = BYLINE_REL;
  if (candidate.kind == N_BYLINE_KINDS && attr_has_token (node, "class", "fn"))
    for (xmlNode *n = node->parent; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
      if (attr_has_token (n, "class", "vcard") || attr_has_token (n, "class", "h-card"))
        {
          candidate.kind = BYLINE_HCARD;
          break;
        }
  if (candidate.kind == N_BYLINE_KINDS && contains_any (names, byline_parts) &&
      !contains_any (names, not_a_name_parts) && !is_element (node, "meta") &&
      !is_element (node, "link") && !is_element (node, "img"))
    candidate.kind = BYLINE_CLASS;
  if (candidate.kind != N_BYLINE_KINDS && !in_furniture (node))
    g_array_append_val (c->bylines, candidate);

  if (is_element (node, "time"))
    {
      char *datetime = attr (node, "datetime");

      if (datetime == NULL || in_furniture (node))
        g_free (datetime);
      else if (strstr (names, "updat") != NULL || strstr (names, "modif") != NULL)
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
  if ((is_element (node, "time") || contains_any (names, date_line_parts)) &&
      c->date_lines->len < 16 && !in_furniture (node))
    g_ptr_array_add (c->date_lines, node);
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
    {
      c->html_lang = attr (root, "lang");
      if (c->html_lang == NULL || *c->html_lang == '\0')
        {
          g_free (c->html_lang);
          c->html_lang = attr (root, "xml:lang");
        }
    }
  g_ptr_array_add (stack, root);

  while (stack->len > 0)
    {
      xmlNode *node = g_ptr_array_steal_index (stack, stack->len - 1);

      if (node->type != XML_ELEMENT_NODE)
        continue;

      if (is_element (node, "script"))
        {
          g_autofree char *type = attr (node, "type");
          if (type != NULL && g_ascii_strcasecmp (g_strstrip (type), "application/ld+json") == 0)
            {
              xmlChar *body = xmlNodeGetContent (node);
              g_ptr_array_add (c->json_ld, g_strdup ((const char *) body));
              xmlFree (body);
            }
          continue;
        }
      if (nf_clean_name_in (node->name, hidden_tags) && !is_element (node, "img"))
        continue;
      if (is_element (node, "meta"))
        collect_meta (node, c);
      else if (is_element (node, "link"))
        {
          if (attr_has_token (node, "rel", "canonical"))
            set_once (&c->canonical, attr (node, "href"));
          else if (attr_has_token (node, "rel", "image_src"))
            set_once (&c->image_src, attr (node, "href"));
        }
      else if (is_element (node, "title") && c->title == NULL)
        {
          xmlChar *text = xmlNodeGetContent (node);
          c->title = g_strdup ((const char *) text);
          xmlFree (text);
        }
      else if (is_element (node, "h1") && c->h1 == NULL)
        {
          g_autofree char *text = element_text (node, 2000);
          if (text != NULL)
            c->h1 = nf_clean_collapse_space (text);
        }
      collect_visible (node, c);

      for (xmlNode *child = node->last; child != NULL; child = child->prev)
        if (child->type == XML_ELEMENT_NODE)
          g_ptr_array_add (stack, child);
    }
}

/* The content of the first <meta> with @key, or %NULL. */
static const char *
meta (Collected  *c,
      const char *key)
{
  return g_hash_table_lookup (c->metas, key);
}

/* ---- author names ---- */

/* Words a byline starts with before the names, lower-cased, longest
 * first: "By", "Von", "Par", "Por", "Di", "Door", "Av", "Af", "Автор"… */
static const char * const byline_prefixes[] = {
  "written by", "text by", "words by", "story by", "reporting by", "reported by",
  "posted by", "published by", "ein beitrag von", "text von", "texte de", "texto de",
  "a cura di", "un articolo di", "by", "von", "par", "por", "di", "door", "av", "af",
  "authors", "author", "autorin", "autoren", "autor", "autore", "auteure", "auteur", "auteurs",
  "text", "texte", "texto", "tekst", "авторы", "автор", "текст", "作者", "文", "撰文", "글",
  NULL
};
/* Role words after a name: Korean and Japanese bylines put them last. */
static const char * const byline_suffixes[] = {
  "기자", "특파원", "記者", "特派員", "记者", "特派记者", NULL
};
/* Words that make a part of a byline a role or a desk, not a person. */
static const char * const role_words[] = {
  "writer", "writers", "editor", "editors", "correspondent", "correspondents", "reporter",
  "reporters", "staff", "contributor", "contributors", "contributing", "columnist", "journalist",
  "photographer", "desk", "redakteur", "redakteurin", "redaktion", "korrespondent",
  "korrespondentin", "rédacteur", "rédactrice", "rédaction", "journaliste", "correspondant",
  "correspondante", "redactor", "redactora", "redacción", "periodista", "corresponsal",
  "giornalista", "redattore", "redazione", "corrispondente", "verslaggever", "redacteur",
  "redactie", "редактор", "редакция", "корреспондент", "журналист", "журналистка",
  "обозреватель", NULL
};
/* Words of page furniture that sit in or next to bylines. */
static const char * const furniture_words[] = {
  "follow", "more", "share", "email", "e-mail", "mail", "twitter", "facebook", "linkedin",
  "instagram", "contact", "view", "profile", "posts", "articles", "stories", "read",
  "updated", "published", "posted", "subscribe", "see", "all", "latest", "min", "bio",
  "comments", "comment", NULL
};
/* Small words inside names that are written lower-case. */
static const char * const name_particles[] = {
  "van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "dos", "das", "la",
  "le", "ten", "ter", "bin", "ibn", "al", "el", "zu", "y", "e", "st", NULL
};
/* Words joining two names, in the languages of pages. */
static const char * const name_joins[] = {
  "and", "&", "und", "et", "y", "e", "en", "og", "och", "i", "и", "ja", "és", "ve", NULL
};

/* Whether @word, case ignored, is one of @table. */
static gboolean
word_in (const char         *word,
         const char * const *table)
{
  g_autofree char *folded = g_utf8_strdown (word, -1);

  return g_strv_contains (table, folded);
}

/* Whether @text, spaces around it aside, is a single word. */
static gboolean
is_one_word (const char *text)
{
  while (*text == ' ')
    text++;
  for (; *text != '\0'; text++)
    if (*text == ' ' && text[1] != ' ' && text[1] != '\0')
      return FALSE;
  return TRUE;
}

/* Whether @word joins two names. One-letter joins ("y", "e", "i") only
 * in lower case: in upper case they are initials. */
static gboolean
is_join (const char *word)
{
  if (g_utf8_strlen (word, -1) == 1 && !g_unichar_islower (g_utf8_get_char (word)) &&
      strcmp (word, "&") != 0)
    return FALSE;
  return word_in (word, name_joins);
}

/* @text without a leading byline word ("By ", "Von: ", "Автор: "), and
 * without the words before a "by" in its first three words ("Analysis
 * by"). Returns a pointer into @text. */
static const char *
skip_byline_prefix (const char *text)
{
  for (guint i = 0; byline_prefixes[i] != NULL; i++)
    {
      const char *prefix = byline_prefixes[i];
      glong chars = g_utf8_strlen (prefix, -1);
      const char *end = g_utf8_offset_to_pointer (text, MIN (chars, g_utf8_strlen (text, -1)));
      g_autofree char *head = g_utf8_strdown (text, end - text);
      gunichar next = g_utf8_get_char (end);

      if (strcmp (head, prefix) != 0)
        continue;
      /* "Di Maio", "Von Trier": a short word before a single name may
       * be part of it; "Von Jane Doe", "Von: Jane" is a byline */
      if (next == ' ' && strcmp (prefix, "by") != 0 && strchr (prefix, ' ') == NULL &&
          g_utf8_strlen (prefix, -1) <= 4 && is_one_word (end))
        continue;
      if (next == 0 || next == ' ' || next == ':' || next == 0xFF1A /* ： */ ||
          (next > 127 && g_unichar_get_script (next) == G_UNICODE_SCRIPT_HAN))
        {
          while (*end == ' ' || *end == ':')
            end++;
          if (g_str_has_prefix (end, "\xef\xbc\x9a"))
            end += 3;
          return end;
        }
    }
  {
    g_auto(GStrv) words = g_strsplit (text, " ", 5);
    const char *p = text;
    for (guint i = 0; words[i] != NULL && i < 3; i++)
      {
        p += strlen (words[i]) + 1;
        if (i > 0 && g_ascii_strcasecmp (words[i], "by") == 0 && words[i + 1] != NULL)
          return p;
      }
  }
  return text;
}

/* Drops parenthesised asides ("(Reuters)", "(jane@example.org)"). */
static char *
without_parentheses (const char *text)
{
  GString *out = g_string_new (NULL);
  int depth = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '(' || *p == '[')
        depth++;
      else if ((*p == ')' || *p == ']') && depth > 0)
        depth--;
      else if (depth == 0)
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Trims spaces and the punctuation bylines put around names. */
static char *
trim_name (const char *text)
{
  static const char *trim = " \t.,;:-|/\"'«»“”‘’·•–—*";
  g_autofree char *collapsed = nf_clean_collapse_space (text);
  const char *start = collapsed;
  const char *end = collapsed + strlen (collapsed);

  while (start < end)
    {
      const char *next = g_utf8_next_char (start);
      g_autofree char *c = g_strndup (start, next - start);
      if (strstr (trim, c) == NULL)
        break;
      start = next;
    }
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      g_autofree char *c = g_strndup (prev, end - prev);
      /* keep the full stop of an initial ("Jane Q.") */
      if (strstr (trim, c) == NULL ||
          (*c == '.' && prev - start >= 1 && g_unichar_isupper (g_utf8_get_char (g_utf8_prev_char (prev))) &&
           (prev - start == 1 || *g_utf8_prev_char (g_utf8_prev_char (prev)) == ' ')))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

/* Whether any word of @part is one of @table. */
static gboolean
any_word_in (const char         *part,
             const char * const *table)
{
  g_auto(GStrv) words = g_strsplit_set (part, " -", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && word_in (words[i], table))
      return TRUE;
  return FALSE;
}

/* Whether @part reads as a person's name on the page: a few words, no
 * digits, each capitalised in scripts with case (particles aside). */
static gboolean
looks_like_name (const char *part)
{
  g_auto(GStrv) words = g_strsplit (part, " ", -1);
  gboolean has_letter = FALSE;

  if (g_strv_length (words) > 6 || g_utf8_strlen (part, -1) > MAX_NAME_CHARS)
    return FALSE;
  for (const char *p = part; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isdigit (c) || c == '!' || c == '?' || c == ':' || c == '=' || c == '#')
        return FALSE;
      has_letter |= g_unichar_isalpha (c);
    }
  if (!has_letter || any_word_in (part, furniture_words))
    return FALSE;
  for (guint i = 0; words[i] != NULL; i++)
    {
      gunichar first = g_utf8_get_char (words[i]);
      if (g_unichar_islower (first) && (i == 0 || !word_in (words[i], name_particles)))
        return FALSE;
    }
  return TRUE;
}

/* Whether @part is, or is part of, the site's name ("Jane Doe, Business
 * Insider" on Business Insider Deutschland). */
static gboolean
names_site (const char *part,
            const char *site_name)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (site_name == NULL)
    return FALSE;
  a = g_utf8_casefold (part, -1);
  b = g_utf8_casefold (site_name, -1);
  return strstr (b, a) != NULL || strstr (a, b) != NULL;
}

/* Whether @word is written in a script with upper and lower case. */
static gboolean
is_cased_word (const char *word)
{
  gunichar first = g_utf8_get_char (word);

  return g_unichar_isupper (first) || g_unichar_islower (first);
}

/* Adds @name to @out unless it is there already (case ignored). */
static void
add_name (GPtrArray  *out,
          const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (guint i = 0; i < out->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (g_ptr_array_index (out, i), -1);
      if (strcmp (other, folded) == 0)
        return;
    }
  g_ptr_array_add (out, nf_clean_nfc (name));
}

/* Whether the part of a byline cut at a comma or a joining word is a
 * name to keep. @after_comma: whether a comma came before it, where a
 * single word is an affiliation or a degree ("Reuters", "PhD"). */
static gboolean
keep_part (const char *part,
           gboolean    after_comma,
           const char *site_name,
           gboolean    visible)
{
  g_autofree char *lower = g_ascii_strdown (part, -1);

  if (*part == '\0' || strchr (part, '@') != NULL || strchr (part, '/') != NULL ||
      strstr (lower, "http") != NULL || strstr (lower, "www.") != NULL || strstr (lower, ".com") != NULL)
    return FALSE;
  if (any_word_in (part, role_words))
    return FALSE;
  if (after_comma && strchr (part, ' ') == NULL && is_cased_word (part))
    return FALSE;
  if (after_comma && names_site (part, site_name))
    return FALSE;
  return !visible || looks_like_name (part);
}

/* Cuts one line of a byline into names at commas and joining words and
 * adds those that pass keep_part(). Returns how many it added. */
static guint
add_line_names (const char *line,
                const char *site_name,
                gboolean    visible,
                GPtrArray  *out)
{
  g_auto(GStrv) words = g_strsplit (line, " ", -1);
  g_autoptr(GString) part = g_string_new (NULL);
  gboolean after_comma = FALSE;
  guint before = out->len;

  for (guint i = 0; ; i++)
    {
      const char *word = words[i];
      gboolean join = word != NULL && i > 0 && is_join (word);
      const char *comma = NULL;

      if (word != NULL && !join)
        {
          /* a comma (Latin, CJK or Japanese) ends the part inside the word */
          const char *commas[] = { ",", ";", "\xe3\x80\x81", "\xef\xbc\x8c", NULL };
          for (guint k = 0; commas[k] != NULL && comma == NULL; k++)
            comma = strstr (word, commas[k]);
          if (part->len > 0)
            g_string_append_c (part, ' ');
          g_string_append_len (part, word, comma != NULL ? comma - word : (gssize) strlen (word));
        }
      if (word == NULL || join || comma != NULL)
        {
          g_autofree char *name = trim_name (part->str);
          const char *s;

          /* the suffix role of a Korean or Japanese byline goes */
          for (guint k = 0; byline_suffixes[k] != NULL; k++)
            if (g_str_has_suffix (name, byline_suffixes[k]) && strlen (name) > strlen (byline_suffixes[k]))
              {
                name[strlen (name) - strlen (byline_suffixes[k])] = '\0';
                g_strchomp (name);
              }
          if (keep_part (name, after_comma, site_name, visible) && out->len < MAX_BYLINE_NAMES)
            add_name (out, name);
          g_string_truncate (part, 0);
          after_comma = comma != NULL;
          /* what follows the comma inside the word starts the next part */
          if (comma != NULL)
            {
              s = comma + (*comma == ',' || *comma == ';' ? 1 : 3);
              g_string_append (part, s);
            }
        }
      if (word == NULL)
        break;
    }
  return out->len - before;
}

/* Reads the names in a byline ("By Jane Doe and John Roe | 3 March",
 * "Von A und B", "Jane Doe, Reuters") into @out. Lines and pieces
 * separated by bars, bullets and dashes are tried in turn; the first one
 * with names gives them. @visible: the text is what the page shows, so
 * each name must look like one (metadata is trusted more). */
static void
add_byline_names (const char *text,
                  const char *site_name,
                  gboolean    visible,
                  GPtrArray  *out)
{
  g_autofree char *plain = without_parentheses (text);
  g_autofree char *marked = NULL;
  g_auto(GStrv) lines = NULL;
  static const char * const breaks[] = {
    " | ", "|", "•", "·", " — ", " – ", " - ", " / ", "\t", NULL
  };
  GString *s = g_string_new (plain);

  for (guint i = 0; breaks[i] != NULL; i++)
    g_string_replace (s, breaks[i], "\n", 0);
  marked = g_string_free (s, FALSE);
  lines = g_strsplit (marked, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = nf_clean_collapse_space (lines[i]);
      const char *names = skip_byline_prefix (line);

      if (*names != '\0' && add_line_names (names, site_name, visible, out) > 0)
        return;
    }
}

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

/* The names of the page's byline: of the strongest kind of signal that
 * gives any, from the first such element and those of its kind in the
 * same line or box (two rel=author links in one byline), never from
 * other stories' bylines further down. */
static void
add_visible_authors (Collected  *c,
                     const char *site_name,
                     GPtrArray  *out)
{
  for (int kind = 0; kind < N_BYLINE_KINDS && out->len == 0; kind++)
    {
      xmlNode *scope = NULL;

      for (guint i = 0; i < c->bylines->len; i++)
        {
          BylineCandidate *candidate = &g_array_index (c->bylines, BylineCandidate, i);
          g_autofree char *text = NULL;
          guint before = out->len;

          if ((int) candidate->kind != kind || (scope != NULL && !is_inside (candidate->node, scope)))
            continue;
          text = byline_text (candidate);
          if (text == NULL)
            continue;
          add_byline_names (text, site_name, TRUE, out);
          if (out->len > before && scope == NULL)
            scope = line_ancestor (candidate->node);
        }
    }
}

/* Cleans the author strings of a metadata source into @out. */
static void
add_meta_authors (GPtrArray  *raw,
                  const char *site_name,
                  GPtrArray  *out)
{
  for (guint i = 0; i < raw->len; i++)
    add_byline_names (g_ptr_array_index (raw, i), site_name, FALSE, out);
}

/* ---- the title ---- */

/* The label of a host that names the site: "quay" of
 * "www.quay.example", "bbc" of "www.bbc.co.uk". */
static char *
host_label (const char *uri)
{
  g_autoptr(GUri) parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  g_auto(GStrv) labels = NULL;
  guint n;

  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    return NULL;
  labels = g_strsplit (g_uri_get_host (parsed), ".", -1);
  n = g_strv_length (labels);
  if (n < 2)
    return NULL;
  if (n >= 3 && strlen (labels[n - 2]) <= 3 && strlen (labels[n - 1]) == 2)
    return g_ascii_strdown (labels[n - 3], -1);
  return g_ascii_strdown (labels[n - 2], -1);
}

/* The letters and digits of @text, case-folded: "Snopes.com" → "snopescom". */
static char *
alnum_folded (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* Whether a piece of a <title> names the site: its site name, or its
 * host ("Snopes.com" on snopes.com). */
static gboolean
piece_names_site (const char *piece,
                  const char *site_name,
                  const char *host)
{
  g_autofree char *a = alnum_folded (piece);

  if (*a == '\0')
    return FALSE;
  if (site_name != NULL)
    {
      g_autofree char *b = alnum_folded (site_name);
      if (*b != '\0' && (strcmp (a, b) == 0 || (strlen (a) >= 3 && strstr (b, a) != NULL) ||
                         (strlen (b) >= 3 && g_str_has_prefix (a, b) && strlen (a) <= strlen (b) + 4)))
        return TRUE;
    }
  /* "Snopes", "Snopes.com", "DeltaNews.example" on deltanews.example */
  return host != NULL && strlen (host) >= 3 && g_str_has_prefix (a, host) &&
         (strlen (a) <= strlen (host) + 4 || (strchr (piece, '.') != NULL && strchr (piece, ' ') == NULL));
}

/* "Story | Site", "Site – Story": the title without the piece that names
 * the site. A title that is only the site's name gives %NULL. */
static char *
title_without_site (const char *title,
                    const char *site_name,
                    const char *host)
{
  static const char * const separators[] = {
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " « ", " / ", ": ", NULL
  };
  g_autofree char *clean = title != NULL ? nf_clean_collapse_space (title) : NULL;

  if (clean == NULL || *clean == '\0' || piece_names_site (clean, site_name, host))
    return NULL;
  for (guint i = 0; separators[i] != NULL; i++)
    {
      const char *sep = separators[i];
      const char *first = strstr (clean, sep);
      const char *last = g_strrstr (clean, sep);

      if (last != NULL && piece_names_site (last + strlen (sep), site_name, host))
        return g_strstrip (g_strndup (clean, last - clean));
      if (first != NULL && strcmp (sep, ": ") != 0)
        {
          g_autofree char *head = g_strndup (clean, first - clean);
          if (piece_names_site (head, site_name, host))
            return g_strstrip (g_strdup (first + strlen (sep)));
        }
    }
  return g_steal_pointer (&clean);
}

/* The headline when no metadata names one: the first <h1> when the
 * <title> holds it (the <h1> is the clean one, without the site), else
 * the <title> without the site's name, else the <h1>. */
static void
offer_visible_title (PageMeta   *m,
                     Collected  *c,
                     const char *host)
{
  g_autofree char *title = title_without_site (c->title, m->site_name, host);

  if (c->h1 != NULL && *c->h1 != '\0' && title != NULL &&
      !piece_names_site (c->h1, m->site_name, host))
    {
      g_autofree char *h1 = g_utf8_casefold (c->h1, -1);
      g_autofree char *full = g_utf8_casefold (c->title, -1);
      if (strstr (full, h1) != NULL && 2 * strlen (c->h1) >= strlen (title))
        offer (&m->title, c->h1);
    }
  offer (&m->title, title);
  if (c->h1 != NULL && !piece_names_site (c->h1, m->site_name, host))
    offer (&m->title, c->h1);
}

/* An Open Graph or Twitter title, without the site's name when it holds it. */
static void
offer_meta_title (PageMeta   *m,
                  const char *value,
                  const char *host)
{
  g_autofree char *title = title_without_site (value, m->site_name, host);

  offer (&m->title, title);
}

/* ---- putting it together ---- */

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

/* The published date from a date written out in a byline or date line,
 * for pages with no machine-readable one. */
static void
offer_written_date (PageMeta  *m,
                    Collected *c)
{
  for (guint i = 0; i < c->date_lines->len && m->published == NULL; i++)
    {
      g_autofree char *text = element_text (g_ptr_array_index (c->date_lines, i), 200);
      g_autofree char *names = class_and_id (g_ptr_array_index (c->date_lines, i));

      if (text == NULL || strstr (names, "updat") != NULL || strstr (names, "modif") != NULL)
        continue;
      m->published = parse_written_date (text);
    }
}

/* The published and modified dates, from metadata, microdata and
 * <time> down to a date written out in the page. */
static void
read_dates (PageMeta  *m,
            Collected *c)
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

  for (guint i = 0; published_keys[i] != NULL; i++)
    offer_date (&m->published, meta (c, published_keys[i]));
  offer_date (&m->published, c->time_itemprop);
  offer_date (&m->published, c->time_pubdate);
  offer_date (&m->published, c->time_in_article);
  offer_date (&m->published, c->time_any);
  offer_written_date (m, c);
  for (guint i = 0; modified_keys[i] != NULL; i++)
    offer_date (&m->modified, meta (c, modified_keys[i]));
  offer_date (&m->modified, c->modified_itemprop);
}

/* The authors, from the most trusted source that names any: JSON-LD,
 * <meta name=author> and article:author, other creator metadata, the
 * visible byline. */
static GPtrArray *
read_authors (PageMeta  *m,
              Collected *c)
{
  static const char * const creator_keys[] = {
    "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl", NULL
  };
  GPtrArray *authors = g_ptr_array_new_with_free_func (g_free);

  add_meta_authors (m->authors, m->site_name, authors);
  if (authors->len == 0)
    add_meta_authors (c->meta_authors, m->site_name, authors);
  for (guint i = 0; creator_keys[i] != NULL && authors->len == 0; i++)
    if (meta (c, creator_keys[i]) != NULL)
      add_byline_names (meta (c, creator_keys[i]), m->site_name, FALSE, authors);
  if (authors->len == 0)
    add_visible_authors (c, m->site_name, authors);
  return authors;
}

/* Writes the fields found into @document. */
static void
apply (PageMeta   *m,
       GPtrArray  *authors,
       NfDocument *document)
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
  Collected c = { 0, };
  PageMeta m = { 0, };
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) parsed_roots = g_ptr_array_new ();
  g_autoptr(GPtrArray) authors = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *host = NULL;
  const char *base = nf_document_get_uri (document);

  c.json_ld = g_ptr_array_new_with_free_func (g_free);
  c.metas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c.meta_authors = g_ptr_array_new_with_free_func (g_free);
  c.bylines = g_array_new (FALSE, FALSE, sizeof (BylineCandidate));
  c.date_lines = g_ptr_array_new ();
  m.authors = g_ptr_array_new_with_free_func (g_free);

  collect (doc, &c);

  for (guint i = 0; i < c.json_ld->len; i++)
    {
      JsonParser *parser = parse_json_ld (g_ptr_array_index (c.json_ld, i));
      if (parser != NULL)
        {
          g_ptr_array_add (roots, parser);
          g_ptr_array_add (parsed_roots, json_parser_get_root (parser));
        }
    }
  read_json_ld (parsed_roots, &m);

  offer (&m.site_name, meta (&c, "og:site_name"));
  offer (&m.site_name, m.website_name);
  offer (&m.site_name, meta (&c, "application-name"));

  canonical = absolute_uri (c.canonical, base);
  offer (&m.canonical_uri, canonical);
  offer (&m.canonical_uri, meta (&c, "og:url"));
  host = host_label (m.canonical_uri != NULL ? m.canonical_uri : base);

  offer_meta_title (&m, meta (&c, "og:title"), host);
  offer_meta_title (&m, meta (&c, "twitter:title"), host);
  offer (&m.title, c.headline);
  offer_visible_title (&m, &c, host);

  read_dates (&m, &c);

  offer (&m.image, meta (&c, "og:image"));
  offer (&m.image, meta (&c, "og:image:url"));
  offer (&m.image, meta (&c, "twitter:image"));
  offer (&m.image, meta (&c, "twitter:image:src"));
  offer (&m.image, c.image_src);
  offer (&m.description, meta (&c, "og:description"));
  offer (&m.description, meta (&c, "description"));
  offer (&m.description, meta (&c, "twitter:description"));
  offer (&m.language, c.html_lang);
  offer (&m.language, meta (&c, "og:locale"));
  offer (&m.language, meta (&c, "content-language"));
  offer (&m.language, meta (&c, "dc.language"));
  offer (&m.language, meta (&c, "language"));
  if (m.language != NULL)
    g_strdelimit (m.language, "_", '-');

  authors = read_authors (&m, &c);
  apply (&m, authors, document);

  page_meta_clear (&m);
  collected_clear (&c);
}
