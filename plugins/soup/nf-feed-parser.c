/* nf-feed-parser.c: RSS, Atom, JSON Feed and OPML documents read into entries
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-feed-parser.h"
#include "nf-fetch-error.h"
#include "nf-url.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/entities.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlsave.h>

#define NS_ATOM    "http://www.w3.org/2005/Atom"
#define NS_ATOM03  "http://purl.org/atom/ns#"
#define NS_RSS1    "http://purl.org/rss/1.0/"
#define NS_RSS090  "http://my.netscape.com/rdf/simple/0.9/"
#define NS_RDF     "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC      "http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS "http://purl.org/dc/terms/"
#define NS_XHTML   "http://www.w3.org/1999/xhtml"

#define JSON_FEED_VERSION_PREFIX "https://jsonfeed.org/version/"

/* Safe parsing: no network, no DTD loading, no entity substitution (which
 * would expand &name; into the tree), and never XML_PARSE_HUGE, so that
 * libxml2's own limits (nesting 256, entity amplification) stay on. */
#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)

/* The most text one field may hold, and all fields of one feed together:
 * what entity references can still multiply is bounded by these. */
#define MAX_FIELD_TEXT (8 * 1024 * 1024)
#define MAX_FEED_TEXT  (64 * 1024 * 1024)
/* Text that entity references may add to a whole document: a small entity
 * referenced many times (the quadratic blowup) cannot go past it. */
#define MAX_ENTITY_TEXT (1024 * 1024)
#define MAX_ENTITY_DEPTH 8
#define MAX_JSON_DEPTH   64

/* ---- Entries and feeds ---- */

static NfFeedEntry *
nf_feed_entry_new (void)
{
  NfFeedEntry *entry = g_new0 (NfFeedEntry, 1);

  entry->authors = g_ptr_array_new_with_free_func (g_free);
  return entry;
}

void
nf_feed_entry_free (NfFeedEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->id);
  g_free (entry->link);
  g_free (entry->title);
  g_free (entry->published);
  g_free (entry->updated);
  g_ptr_array_unref (entry->authors);
  g_free (entry->summary);
  g_free (entry->content);
  g_free (entry);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfFeedEntry, nf_feed_entry_free)

static NfFeed *
nf_feed_new (NfFeedFormat format)
{
  NfFeed *feed = g_new0 (NfFeed, 1);

  feed->format = format;
  feed->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_feed_entry_free);
  feed->feeds = g_ptr_array_new_with_free_func (g_free);
  return feed;
}

void
nf_feed_free (NfFeed *feed)
{
  if (feed == NULL)
    return;

  g_free (feed->title);
  g_free (feed->link);
  g_ptr_array_unref (feed->entries);
  g_ptr_array_unref (feed->feeds);
  g_free (feed->warning);
  g_free (feed);
}

const char *
nf_feed_format_to_string (NfFeedFormat format)
{
  switch (format)
    {
    case NF_FEED_FORMAT_RSS:  return "rss";
    case NF_FEED_FORMAT_RDF:  return "rdf";
    case NF_FEED_FORMAT_ATOM: return "atom";
    case NF_FEED_FORMAT_JSON: return "json";
    case NF_FEED_FORMAT_OPML: return "opml";
    case NF_FEED_FORMAT_UNKNOWN:
    default:
      return "unknown";
    }
}

static void
add_author (GPtrArray  *authors,
            const char *name)
{
  if (name == NULL || *name == '\0')
    return;

  for (guint i = 0; i < authors->len; i++)
    if (strcmp (g_ptr_array_index (authors, i), name) == 0)
      return;

  g_ptr_array_add (authors, g_strdup (name));
}

/* Trims and folds runs of white space into one space; NULL when nothing is
 * left. Takes @text. */
static char *
collapse_space (char *text)
{
  char *out;
  char *w;
  gboolean pending_space = FALSE;

  if (text == NULL)
    return NULL;

  out = w = text;
  for (const char *r = text; *r != '\0'; r++)
    {
      if (g_ascii_isspace (*r))
        {
          pending_space = w != out;
          continue;
        }
      if (pending_space)
        *w++ = ' ';
      pending_space = FALSE;
      *w++ = *r;
    }
  *w = '\0';

  if (*out == '\0')
    {
      g_free (out);
      return NULL;
    }
  return out;
}

/* Keeps @text when it holds more than white space. Takes @text. */
static char *
non_blank (char *text)
{
  if (text == NULL)
    return NULL;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return text;

  g_free (text);
  return NULL;
}

static char *
strip_or_null (char *text)
{
  text = non_blank (text);
  return text != NULL ? g_strstrip (text) : NULL;
}

/* ---- Dates ---- */

/* Zone names seen in RSS dates: RFC 822's, and the common local ones. */
static const struct {
  const char *name;
  int         minutes;
} zones[] = {
  { "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 }, { "wet", 0 },
  { "est", -300 }, { "edt", -240 }, { "cst", -360 }, { "cdt", -300 },
  { "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
  { "akst", -540 }, { "akdt", -480 }, { "hst", -600 }, { "ast", -240 },
  { "adt", -180 }, { "nst", -210 }, { "ndt", -150 },
  { "bst", 60 }, { "ist", 330 }, { "west", 60 }, { "cet", 60 },
  { "cest", 120 }, { "met", 60 }, { "mest", 120 }, { "eet", 120 },
  { "eest", 180 }, { "msk", 180 }, { "jst", 540 }, { "kst", 540 },
  { "hkt", 480 }, { "sgt", 480 }, { "awst", 480 }, { "acst", 570 },
  { "aest", 600 }, { "aedt", 660 }, { "nzst", 720 }, { "nzdt", 780 },
};

static const char * const months[] = {
  "january", "february", "march", "april", "may", "june", "july",
  "august", "september", "october", "november", "december",
};

static const char * const weekdays[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

/* "jan", "janu", "january" and "sept" name a month; so do weekdays. */
static int
match_name (const char         *token,
            const char * const *names,
            guint               n_names)
{
  gsize length = strlen (token);

  if (length < 3)
    return -1;

  for (guint i = 0; i < n_names; i++)
    if (length <= strlen (names[i]) && strncmp (token, names[i], length) == 0)
      return i;

  return -1;
}

static gboolean
all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

/* "+0200", "-07:00", "+5", "gmt", "gmt+2", "utc-05:30": minutes east of UTC. */
static gboolean
parse_zone (const char *token,
            int        *minutes)
{
  const char *p = token;
  int sign;
  int hours = 0;
  int mins = 0;
  int digits = 0;

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    if (strcmp (token, zones[i].name) == 0)
      {
        *minutes = zones[i].minutes;
        return TRUE;
      }

  if (g_str_has_prefix (p, "gmt") || g_str_has_prefix (p, "utc"))
    p += 3;
  else if (g_str_has_prefix (p, "ut"))
    p += 2;

  if (*p != '+' && *p != '-')
    return FALSE;
  sign = *p == '-' ? -1 : 1;
  p++;

  /* HH, H, HHMM or HH:MM */
  while (g_ascii_isdigit (p[digits]))
    digits++;
  if (digits == 4)
    {
      hours = (p[0] - '0') * 10 + (p[1] - '0');
      mins = (p[2] - '0') * 10 + (p[3] - '0');
      p += 4;
    }
  else if (digits == 1 || digits == 2)
    {
      hours = digits == 1 ? p[0] - '0' : (p[0] - '0') * 10 + (p[1] - '0');
      p += digits;
      if (*p == ':' && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]))
        {
          mins = (p[1] - '0') * 10 + (p[2] - '0');
          p += 3;
        }
    }
  else
    return FALSE;

  if (*p != '\0' || hours > 14 || mins > 59)
    return FALSE;

  *minutes = sign * (hours * 60 + mins);
  return TRUE;
}

/* "15:04", "15:04:05", "15:04:05.123", possibly followed by a zone. */
static gboolean
parse_time (const char *token,
            int        *hour,
            int        *minute,
            int        *second,
            const char **rest)
{
  char *end;
  guint64 h, m, s = 0;

  h = g_ascii_strtoull (token, &end, 10);
  if (end == token || *end != ':')
    return FALSE;
  token = end + 1;
  m = g_ascii_strtoull (token, &end, 10);
  if (end == token)
    return FALSE;
  if (*end == ':')
    {
      token = end + 1;
      s = g_ascii_strtoull (token, &end, 10);
      if (end == token)
        return FALSE;
      if (*end == '.' || *end == ',')
        for (end++; g_ascii_isdigit (*end); end++)
          ;
    }

  if (h > 24 || m > 59 || s > 60)
    return FALSE;

  *hour = (int) h;
  *minute = (int) m;
  *second = s == 60 ? 59 : (int) s;
  *rest = end;
  return TRUE;
}

static char *
format_utc (GDateTime *datetime)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (datetime);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
looks_like_iso8601 (const char *text)
{
  return strlen (text) >= 10
         && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1])
         && g_ascii_isdigit (text[2]) && g_ascii_isdigit (text[3])
         && text[4] == '-' && g_ascii_isdigit (text[5]) && g_ascii_isdigit (text[6])
         && text[7] == '-' && g_ascii_isdigit (text[8]) && g_ascii_isdigit (text[9]);
}

/* RFC 3339 and the ISO 8601 forms feeds use: a space for the T, no
 * seconds, no zone (taken as UTC), a bare date (midnight UTC). */
static char *
parse_iso8601 (const char *text)
{
  g_autofree char *copy = g_ascii_strup (text, -1);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) datetime = NULL;

  if (strlen (copy) == 10)
    {
      int year = atoi (copy), month = atoi (copy + 5), day = atoi (copy + 8);

      datetime = g_date_time_new_utc (year, month, day, 0, 0, 0);
      return datetime != NULL ? format_utc (datetime) : NULL;
    }

  if (copy[10] == ' ')
    copy[10] = 'T';

  datetime = g_date_time_new_from_iso8601 (copy, utc);
  if (datetime == NULL)
    {
      /* GLib wants seconds: "2026-11-27T10:00Z" → "2026-11-27T10:00:00Z". */
      if (strlen (copy) >= 16 && copy[13] == ':' && copy[16] != ':')
        {
          g_autofree char *with_seconds = g_strdup_printf ("%.16s:00%s", copy, copy + 16);

          datetime = g_date_time_new_from_iso8601 (with_seconds, utc);
        }
    }

  return datetime != NULL ? format_utc (datetime) : NULL;
}

static char *
parse_rfc822 (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  g_auto(GStrv) tokens = NULL;
  int day = -1, month = -1, year = -1;
  int hour = 0, minute = 0, second = 0, offset = 0;
  gboolean have_time = FALSE, have_zone = FALSE;
  g_autoptr(GDateTime) datetime = NULL;
  g_autoptr(GDateTime) shifted = NULL;

  for (char *p = lower; *p != '\0'; p++)
    if (*p == ',' || *p == '\t' || *p == '\n' || *p == '\r')
      *p = ' ';

  tokens = g_strsplit (lower, " ", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      char *token = tokens[i];
      gsize length = strlen (token);
      int index;

      if (length == 0)
        continue;
      /* "+0000 (UTC)": a comment. */
      if (token[0] == '(')
        continue;
      if (token[length - 1] == '.')
        token[--length] = '\0';

      if (strchr (token, ':') != NULL && g_ascii_isdigit (token[0]) && !have_time)
        {
          const char *rest;

          if (!parse_time (token, &hour, &minute, &second, &rest))
            return NULL;
          have_time = TRUE;
          if (*rest != '\0')
            {
              if (!parse_zone (rest, &offset))
                return NULL;
              have_zone = TRUE;
            }
        }
      else if (all_digits (token))
        {
          int value = atoi (token);

          if (length <= 2 && day < 0 && value >= 1 && value <= 31)
            day = value;
          else if (year < 0 && (length == 2 || length == 4))
            year = length == 2 ? (value < 50 ? 2000 + value : 1900 + value) : value;
          else
            return NULL;
        }
      else if (month < 0 && (index = match_name (token, months, G_N_ELEMENTS (months))) >= 0)
        month = index + 1;
      else if (match_name (token, weekdays, G_N_ELEMENTS (weekdays)) >= 0 || strcmp (token, "thur") == 0)
        continue;
      else if (!have_zone && parse_zone (token, &offset))
        have_zone = TRUE;
      else if (have_time && !have_zone && length <= 5)
        have_zone = TRUE; /* a zone we do not know: taken as UTC */
      else
        return NULL;
    }

  if (day < 0 || month < 0 || year < 0)
    return NULL;

  if (hour == 24)
    {
      if (minute != 0 || second != 0)
        return NULL;
      hour = 0;
      datetime = g_date_time_new_utc (year, month, day, hour, minute, second);
      if (datetime != NULL)
        datetime = g_date_time_add_days (g_steal_pointer (&datetime), 1);
    }
  else
    datetime = g_date_time_new_utc (year, month, day, hour, minute, second);

  if (datetime == NULL)
    return NULL;

  shifted = g_date_time_add_minutes (datetime, -offset);
  return format_utc (shifted);
}

/**
 * nf_feed_parse_date:
 * @text: (nullable): a date as a feed writes it
 *
 * Returns: (transfer full) (nullable): the instant in UTC as
 *   `YYYY-MM-DDTHH:MM:SSZ`, or %NULL when @text is not a date
 */
char *
nf_feed_parse_date (const char *text)
{
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return NULL;

  if (looks_like_iso8601 (trimmed))
    return parse_iso8601 (trimmed);

  return parse_rfc822 (trimmed);
}

/* ---- HTML to text ---- */

static gboolean
is_block_element (const char *name)
{
  static const char * const blocks[] = {
    "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "tr", "td", "th", "table", "section", "article",
    "header", "footer", "figure", "figcaption", "hr", "dd", "dt",
  };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (g_ascii_strcasecmp (name, blocks[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_invisible_element (const char *name)
{
  return g_ascii_strcasecmp (name, "script") == 0
         || g_ascii_strcasecmp (name, "style") == 0
         || g_ascii_strcasecmp (name, "template") == 0;
}

/* The next node of a pre-order walk of the tree under @top. */
static xmlNode *
next_in_walk (xmlNode  *node,
              xmlNode  *top,
              gboolean  descend)
{
  if (descend && node->children != NULL)
    return node->children;

  while (node != NULL && node != top && node->next == NULL)
    node = node->parent;

  if (node == NULL || node == top)
    return NULL;
  return node->next;
}

/**
 * nf_feed_html_to_text:
 * @html: (nullable): an HTML fragment, such as an RSS description
 *
 * Returns: (transfer full) (nullable): its text on one line
 */
char *
nf_feed_html_to_text (const char *html)
{
  htmlDocPtr doc;
  GString *out;
  xmlNode *top;

  if (html == NULL)
    return NULL;

  if (strchr (html, '<') == NULL && strchr (html, '&') == NULL)
    return collapse_space (g_strdup (html));

  doc = htmlReadMemory (html, (int) MIN (strlen (html), (gsize) G_MAXINT), NULL, "UTF-8",
                        HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  if (doc == NULL)
    return collapse_space (g_strdup (html));

  out = g_string_new (NULL);
  top = (xmlNode *) doc;
  for (xmlNode *node = top->children; node != NULL; )
    {
      gboolean descend = TRUE;

      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        g_string_append (out, (const char *) node->content);
      else if (node->type == XML_ELEMENT_NODE)
        {
          if (is_invisible_element ((const char *) node->name))
            descend = FALSE;
          else if (is_block_element ((const char *) node->name))
            g_string_append_c (out, ' ');
        }
      else
        descend = FALSE;

      node = next_in_walk (node, top, descend);
    }

  xmlFreeDoc (doc);
  return collapse_space (g_string_free (out, FALSE));
}

/* ---- Reading XML ---- */

typedef struct {
  const char *name;       /* for messages */
  const char *base;       /* (nullable) the feed URL */
  xmlDoc     *doc;
  NfFeed     *feed;
  gsize       text_budget;
  gsize       entity_budget;
  gboolean    entity_overflow;
  const char *core_ns[2]; /* namespaces of the format's own elements (besides none) */
} Reader;

static gboolean
ns_is (xmlNode    *node,
       const char *href)
{
  return node->ns != NULL && node->ns->href != NULL
         && strcmp ((const char *) node->ns->href, href) == 0;
}

static gboolean
name_is (xmlNode    *node,
         const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

/* One of the format's own elements: in its namespace, or in none (many
 * feeds forget the namespace, or were never given one). */
static gboolean
is_core (Reader     *reader,
         xmlNode    *node,
         const char *name)
{
  if (!name_is (node, name))
    return FALSE;
  if (node->ns == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (reader->core_ns); i++)
    if (reader->core_ns[i] != NULL && ns_is (node, reader->core_ns[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_in (xmlNode    *node,
       const char *href,
       const char *name)
{
  return name_is (node, name) && ns_is (node, href);
}

static void append_text (Reader *reader, GString *out, xmlNode *first, guint depth);
static gboolean append_bounded (Reader *reader, GString *out, const char *text, gboolean from_entity);

/* Internal entities are expanded from the tree libxml2 parsed for them,
 * never from anywhere else: external entities were not loaded and stay
 * empty. The declaration check already bounded what this can produce. */
static void
append_entity_text (Reader  *reader,
                    GString *out,
                    xmlNode *reference,
                    guint    depth)
{
  xmlEntity *entity = xmlGetDocEntity (reader->doc, reference->name);

  if (entity == NULL || depth >= MAX_ENTITY_DEPTH)
    return;
  if (entity->etype != XML_INTERNAL_GENERAL_ENTITY && entity->etype != XML_INTERNAL_PREDEFINED_ENTITY)
    return;

  if (entity->children != NULL)
    append_text (reader, out, entity->children, depth + 1);
  else if (entity->content != NULL && strchr ((const char *) entity->content, '&') == NULL
           && strchr ((const char *) entity->content, '<') == NULL)
    append_bounded (reader, out, (const char *) entity->content, TRUE);
}

static gboolean
append_bounded (Reader     *reader,
                GString    *out,
                const char *text,
                gboolean    from_entity)
{
  gsize length = strlen (text);

  if (from_entity)
    {
      if (length > reader->entity_budget)
        {
          reader->entity_overflow = TRUE;
          return FALSE;
        }
      reader->entity_budget -= length;
    }

  if (out->len + length > MAX_FIELD_TEXT || length > reader->text_budget)
    return FALSE;

  g_string_append_len (out, text, length);
  reader->text_budget -= length;
  return TRUE;
}

/* The text of @first, its siblings after it and everything under them. */
static void
append_text (Reader  *reader,
             GString *out,
             xmlNode *first,
             guint    depth)
{
  xmlNode *top = first != NULL ? first->parent : NULL;

  for (xmlNode *node = first; node != NULL; )
    {
      switch (node->type)
        {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (node->content != NULL
              && !append_bounded (reader, out, (const char *) node->content, depth > 0))
            return;
          break;
        case XML_ENTITY_REF_NODE:
          append_entity_text (reader, out, node, depth);
          if (reader->entity_overflow)
            return;
          break;
        default:
          break;
        }

      node = next_in_walk (node, top, node->type == XML_ELEMENT_NODE);
    }
}

static char *
node_text (Reader  *reader,
           xmlNode *node)
{
  GString *out = g_string_new (NULL);

  append_text (reader, out, node->children, 0);
  return g_string_free (out, FALSE);
}

static char *
node_text_stripped (Reader  *reader,
                    xmlNode *node)
{
  return strip_or_null (node_text (reader, node));
}

static char *
node_text_collapsed (Reader  *reader,
                     xmlNode *node)
{
  return collapse_space (node_text (reader, node));
}

static char *
get_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static char *
get_ns_attribute (xmlNode    *node,
                  const char *href,
                  const char *name)
{
  xmlChar *value = xmlGetNsProp (node, (const xmlChar *) name, (const xmlChar *) href);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* The base URL in effect at @node: the feed URL, then each xml:base from
 * the root down. The depth is libxml2's (at most 256). */
static char *
base_at (Reader  *reader,
         xmlNode *node)
{
  g_autoptr(GPtrArray) bases = g_ptr_array_new_with_free_func (g_free);
  char *base = g_strdup (reader->base);

  for (; node != NULL && node->type == XML_ELEMENT_NODE; node = node->parent)
    {
      char *value = get_ns_attribute (node, (const char *) XML_XML_NAMESPACE, "base");

      if (value != NULL)
        g_ptr_array_add (bases, value);
    }

  for (guint i = bases->len; i > 0; i--)
    {
      char *resolved = nf_url_resolve (base, g_ptr_array_index (bases, i - 1));

      g_free (base);
      base = resolved;
    }

  return base;
}

static char *
resolve_at (Reader     *reader,
            xmlNode    *node,
            const char *reference)
{
  g_autofree char *base = NULL;

  if (reference == NULL)
    return NULL;

  base = base_at (reader, node);
  return nf_url_resolve (base, reference);
}

static char *
link_text_resolved (Reader  *reader,
                    xmlNode *node)
{
  g_autofree char *text = node_text_stripped (reader, node);

  return resolve_at (reader, node, text);
}

static void
set_once (char **field,
          char  *value)
{
  if (*field == NULL)
    *field = value;
  else
    g_free (value);
}

/* ---- RSS 2.0 and RSS 1.0 ---- */

/* "jane@example.com (Jane Doe)" → "Jane Doe"; "Jane Doe <jane@…>" → "Jane Doe". */
static char *
rss_author_name (const char *text)
{
  const char *open = strchr (text, '(');
  const char *close = open != NULL ? strrchr (open, ')') : NULL;
  const char *angle;

  if (open != NULL && close != NULL && close > open + 1)
    return collapse_space (g_strndup (open + 1, close - open - 1));

  angle = strchr (text, '<');
  if (angle != NULL && angle > text)
    return collapse_space (g_strndup (text, angle - text));

  return collapse_space (g_strdup (text));
}

static NfFeedEntry *
read_rss_item (Reader  *reader,
               xmlNode *item)
{
  g_autoptr(NfFeedEntry) entry = nf_feed_entry_new ();
  gboolean guid_is_permalink = FALSE;

  for (xmlNode *child = item->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (is_core (reader, child, "title"))
        set_once (&entry->title, node_text_collapsed (reader, child));
      else if (is_core (reader, child, "link"))
        set_once (&entry->link, link_text_resolved (reader, child));
      else if (is_core (reader, child, "guid"))
        {
          g_autofree char *permalink = get_attribute (child, "isPermaLink");

          if (entry->id == NULL)
            {
              entry->id = node_text_stripped (reader, child);
              guid_is_permalink = permalink == NULL || g_ascii_strcasecmp (g_strstrip (permalink), "false") != 0;
            }
        }
      else if (is_core (reader, child, "pubDate"))
        {
          g_autofree char *text = node_text (reader, child);

          set_once (&entry->published, nf_feed_parse_date (text));
        }
      else if (is_in (child, NS_DC, "date") || is_in (child, NS_DCTERMS, "issued")
               || is_in (child, NS_DCTERMS, "created"))
        {
          g_autofree char *text = node_text (reader, child);

          set_once (&entry->published, nf_feed_parse_date (text));
        }
      else if (is_in (child, NS_DCTERMS, "modified") || is_in (child, NS_ATOM, "updated"))
        {
          g_autofree char *text = node_text (reader, child);

          set_once (&entry->updated, nf_feed_parse_date (text));
        }
      else if (is_core (reader, child, "description"))
        set_once (&entry->summary, non_blank (node_text (reader, child)));
      else if (is_in (child, NS_CONTENT, "encoded"))
        set_once (&entry->content, non_blank (node_text (reader, child)));
      else if (is_core (reader, child, "author"))
        {
          g_autofree char *text = node_text (reader, child);
          g_autofree char *name = rss_author_name (text);

          add_author (entry->authors, name);
        }
      else if (is_in (child, NS_DC, "creator"))
        {
          g_autofree char *name = node_text_collapsed (reader, child);

          add_author (entry->authors, name);
        }
      else if (is_in (child, NS_ATOM, "link") && entry->link == NULL)
        {
          g_autofree char *rel = get_attribute (child, "rel");
          g_autofree char *href = get_attribute (child, "href");

          if (rel == NULL || strcmp (rel, "alternate") == 0)
            entry->link = resolve_at (reader, child, href);
        }
    }

  /* RSS 1.0 names its items with rdf:about. */
  if (entry->id == NULL)
    {
      entry->id = strip_or_null (get_ns_attribute (item, NS_RDF, "about"));
      guid_is_permalink = FALSE;
    }

  /* A guid that is a permalink is the link when the item has none. */
  if (entry->link == NULL && entry->id != NULL && guid_is_permalink && nf_url_is_http (entry->id))
    entry->link = g_strdup (entry->id);

  return g_steal_pointer (&entry);
}

static void
read_rss_channel_fields (Reader  *reader,
                         xmlNode *channel)
{
  for (xmlNode *child = channel->children; child != NULL; child = child->next)
    {
      if (is_core (reader, child, "title"))
        set_once (&reader->feed->title, node_text_collapsed (reader, child));
      else if (is_core (reader, child, "link"))
        set_once (&reader->feed->link, link_text_resolved (reader, child));
    }
}

static void
read_rss (Reader  *reader,
          xmlNode *root)
{
  for (xmlNode *channel = root->children; channel != NULL; channel = channel->next)
    {
      if (!is_core (reader, channel, "channel"))
        continue;

      read_rss_channel_fields (reader, channel);
      for (xmlNode *child = channel->children; child != NULL; child = child->next)
        if (is_core (reader, child, "item"))
          g_ptr_array_add (reader->feed->entries, read_rss_item (reader, child));
    }
}

/* RSS 1.0: the items are siblings of the channel, under rdf:RDF. */
static void
read_rdf (Reader  *reader,
          xmlNode *root)
{
  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (is_core (reader, child, "channel"))
        read_rss_channel_fields (reader, child);
      else if (is_core (reader, child, "item"))
        g_ptr_array_add (reader->feed->entries, read_rss_item (reader, child));
    }
}

/* ---- Atom ---- */

typedef enum {
  ATOM_TEXT,
  ATOM_HTML,
  ATOM_XHTML,
} AtomTextType;

static AtomTextType
atom_text_type (xmlNode *node)
{
  g_autofree char *type = get_attribute (node, "type");

  if (type == NULL)
    return ATOM_TEXT;
  if (strcmp (type, "xhtml") == 0 || strstr (type, "xhtml") != NULL)
    return ATOM_XHTML;
  if (strcmp (type, "html") == 0 || strstr (type, "html") != NULL)
    return ATOM_HTML;
  return ATOM_TEXT;
}

/* The markup inside an xhtml construct's <div>, as written. */
static char *
atom_xhtml_markup (xmlNode *node)
{
  xmlNode *div = NULL;
  xmlBuffer *buffer;
  char *markup;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      {
        div = child;
        break;
      }

  /* Without the wrapping div (a common slip), take everything. */
  if (div == NULL || strcmp ((const char *) div->name, "div") != 0)
    div = node;

  buffer = xmlBufferCreate ();
  for (xmlNode *child = div->children; child != NULL; child = child->next)
    xmlNodeDump (buffer, node->doc, child, 0, 0);
  markup = g_strndup ((const char *) xmlBufferContent (buffer), xmlBufferLength (buffer));
  xmlBufferFree (buffer);
  return markup;
}

/* An Atom text construct as HTML. */
static char *
atom_html (Reader  *reader,
           xmlNode *node)
{
  switch (atom_text_type (node))
    {
    case ATOM_XHTML:
      return non_blank (atom_xhtml_markup (node));
    case ATOM_HTML:
      return non_blank (node_text (reader, node));
    case ATOM_TEXT:
    default:
      {
        g_autofree char *text = non_blank (node_text (reader, node));

        return text != NULL ? g_markup_escape_text (text, -1) : NULL;
      }
    }
}

/* An Atom text construct as plain text (for titles). */
static char *
atom_plain (Reader  *reader,
            xmlNode *node)
{
  if (atom_text_type (node) == ATOM_TEXT)
    return node_text_collapsed (reader, node);
  else
    {
      g_autofree char *html = atom_html (reader, node);

      return nf_feed_html_to_text (html);
    }
}

static gboolean
is_atom_alternate_link (Reader  *reader,
                        xmlNode *node)
{
  g_autofree char *rel = NULL;

  if (!is_core (reader, node, "link"))
    return FALSE;

  rel = get_attribute (node, "rel");
  return rel == NULL || strcmp (rel, "alternate") == 0;
}

static void
read_atom_authors (Reader    *reader,
                   xmlNode   *author,
                   GPtrArray *authors)
{
  for (xmlNode *child = author->children; child != NULL; child = child->next)
    if (is_core (reader, child, "name"))
      {
        g_autofree char *name = node_text_collapsed (reader, child);

        add_author (authors, name);
      }
}

static NfFeedEntry *
read_atom_entry (Reader    *reader,
                 xmlNode   *node,
                 GPtrArray *feed_authors)
{
  g_autoptr(NfFeedEntry) entry = nf_feed_entry_new ();

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (is_core (reader, child, "id"))
        set_once (&entry->id, node_text_stripped (reader, child));
      else if (is_core (reader, child, "title"))
        set_once (&entry->title, atom_plain (reader, child));
      else if (is_atom_alternate_link (reader, child) && entry->link == NULL)
        {
          g_autofree char *href = get_attribute (child, "href");

          entry->link = resolve_at (reader, child, href);
        }
      else if (is_core (reader, child, "published") || is_core (reader, child, "issued"))
        {
          g_autofree char *text = node_text (reader, child);

          set_once (&entry->published, nf_feed_parse_date (text));
        }
      else if (is_core (reader, child, "updated") || is_core (reader, child, "modified"))
        {
          g_autofree char *text = node_text (reader, child);

          set_once (&entry->updated, nf_feed_parse_date (text));
        }
      else if (is_core (reader, child, "author"))
        read_atom_authors (reader, child, entry->authors);
      else if (is_core (reader, child, "summary"))
        set_once (&entry->summary, atom_html (reader, child));
      else if (is_core (reader, child, "content"))
        {
          g_autofree char *src = get_attribute (child, "src");

          /* Out-of-line content is only a link to it. */
          if (src == NULL)
            set_once (&entry->content, atom_html (reader, child));
        }
    }

  /* An entry without authors has its feed's (RFC 4287 4.2.1). */
  if (entry->authors->len == 0)
    for (guint i = 0; i < feed_authors->len; i++)
      add_author (entry->authors, g_ptr_array_index (feed_authors, i));

  return g_steal_pointer (&entry);
}

static void
read_atom (Reader  *reader,
           xmlNode *root)
{
  g_autoptr(GPtrArray) feed_authors = g_ptr_array_new_with_free_func (g_free);

  /* Feed-level authors first: entries before them inherit them too. */
  for (xmlNode *child = root->children; child != NULL; child = child->next)
    if (is_core (reader, child, "author"))
      read_atom_authors (reader, child, feed_authors);

  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (is_core (reader, child, "title"))
        set_once (&reader->feed->title, atom_plain (reader, child));
      else if (is_atom_alternate_link (reader, child) && reader->feed->link == NULL)
        {
          g_autofree char *href = get_attribute (child, "href");

          reader->feed->link = resolve_at (reader, child, href);
        }
      else if (is_core (reader, child, "entry"))
        g_ptr_array_add (reader->feed->entries, read_atom_entry (reader, child, feed_authors));
    }
}

/* ---- OPML ---- */

static void
read_opml (Reader  *reader,
           xmlNode *root)
{
  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (name_is (child, "head"))
        {
          for (xmlNode *field = child->children; field != NULL; field = field->next)
            if (name_is (field, "title"))
              set_once (&reader->feed->title, node_text_collapsed (reader, field));
          continue;
        }
      if (!name_is (child, "body"))
        continue;

      /* Outlines nest (folders of feeds): walk them all, in order. */
      for (xmlNode *node = child->children; node != NULL; )
        {
          gboolean is_outline = name_is (node, "outline");

          if (is_outline)
            {
              g_autofree char *url = get_attribute (node, "xmlUrl");

              if (url == NULL)
                url = get_attribute (node, "xmlurl");
              url = strip_or_null (g_steal_pointer (&url));
              if (url != NULL)
                g_ptr_array_add (reader->feed->feeds, resolve_at (reader, node, url));
            }

          node = next_in_walk (node, child, is_outline);
        }
    }
}

/* ---- Safety: what a DTD declares ---- */

typedef struct {
  xmlDoc     *doc;
  GHashTable *sizes;   /* "&name" / "%name" → expanded size + 1; 0 while in progress */
  gboolean    too_big;
} EntityCheck;

static gsize entity_size (EntityCheck *check, const xmlChar *name, gboolean parameter, guint depth);

/* The size of @text once its entity references are replaced. */
static gsize
expanded_size (EntityCheck   *check,
               const xmlChar *text,
               guint          depth)
{
  gsize total = 0;

  for (const xmlChar *p = text; p != NULL && *p != '\0'; )
    {
      if ((*p == '&' || *p == '%') && p[1] != '#')
        {
          const xmlChar *end = p + 1;

          while (*end != '\0' && *end != ';' && !g_ascii_isspace (*end) && *end != '&' && *end != '%')
            end++;
          if (*end == ';' && end > p + 1)
            {
              g_autofree xmlChar *name = xmlStrndup (p + 1, end - p - 1);
              gsize size = entity_size (check, name, *p == '%', depth + 1);

              total = size > G_MAXSIZE - total ? G_MAXSIZE : total + size;
              if (total > NF_FEED_MAX_ENTITY_EXPANSION)
                return total;
              p = end + 1;
              continue;
            }
        }

      total++;
      p++;
    }

  return total;
}

static gsize
entity_size (EntityCheck   *check,
             const xmlChar *name,
             gboolean       parameter,
             guint          depth)
{
  g_autofree char *key = g_strdup_printf ("%c%s", parameter ? '%' : '&', (const char *) name);
  gpointer stored;
  xmlEntity *entity;
  gsize size;

  if (g_hash_table_lookup_extended (check->sizes, key, NULL, &stored))
    {
      /* Still being measured: a reference loop. */
      if (GPOINTER_TO_SIZE (stored) == 0)
        return G_MAXSIZE;
      return GPOINTER_TO_SIZE (stored) - 1;
    }

  if (depth > MAX_ENTITY_DEPTH * 4)
    return G_MAXSIZE;

  entity = parameter ? xmlGetParameterEntity (check->doc, name) : xmlGetDocEntity (check->doc, name);
  if (entity == NULL)
    return strlen ((const char *) name) + 2;
  if (entity->etype == XML_INTERNAL_PREDEFINED_ENTITY)
    return 1;
  if (entity->etype != XML_INTERNAL_GENERAL_ENTITY && entity->etype != XML_INTERNAL_PARAMETER_ENTITY)
    return 0;   /* external: never loaded */

  g_hash_table_insert (check->sizes, g_strdup (key), GSIZE_TO_POINTER (0));
  size = expanded_size (check, entity->content, depth);
  if (size >= G_MAXSIZE - 1)
    size = G_MAXSIZE - 2;
  g_hash_table_insert (check->sizes, g_strdup (key), GSIZE_TO_POINTER (size + 1));
  return size;
}

static void
check_entity (void          *payload,
              void          *data,
              const xmlChar *name)
{
  EntityCheck *check = data;
  xmlEntity *entity = payload;
  gboolean parameter = entity->etype == XML_INTERNAL_PARAMETER_ENTITY
                       || entity->etype == XML_EXTERNAL_PARAMETER_ENTITY;

  if (!check->too_big && entity_size (check, name, parameter, 0) > NF_FEED_MAX_ENTITY_EXPANSION)
    check->too_big = TRUE;
}

/* Whether the internal DTD declares entities that grow past the bound once
 * expanded (the billion laughs), loops included. */
static gboolean
declares_large_entities (xmlDoc *doc)
{
  EntityCheck check = { doc, NULL, FALSE };
  xmlDtd *dtd = doc->intSubset;

  if (dtd == NULL || (dtd->entities == NULL && dtd->pentities == NULL))
    return FALSE;

  check.sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (dtd->entities != NULL)
    xmlHashScan (dtd->entities, check_entity, &check);
  if (dtd->pentities != NULL && !check.too_big)
    xmlHashScan (dtd->pentities, check_entity, &check);
  g_hash_table_unref (check.sizes);

  return check.too_big;
}

/* ---- Parsing XML ---- */

/* Nothing is ever fetched for a document: not its external DTD, not its
 * external entities, whatever the options say. */
static xmlParserInput *
refuse_external_entity (void          *ctx,
                        const xmlChar *public_id,
                        const xmlChar *system_id)
{
  return NULL;
}

static void
ignore_external_subset (void          *ctx,
                        const xmlChar *name,
                        const xmlChar *external_id,
                        const xmlChar *system_id)
{
}

/* Whether the XML says what its encoding is (a BOM, or encoding= in the
 * declaration): then an HTTP charset must not override it. */
static gboolean
declares_encoding (const guint8 *data,
                   gsize         length)
{
  g_autofree char *head = NULL;
  const char *end;

  if (length >= 2 && ((data[0] == 0xfe && data[1] == 0xff) || (data[0] == 0xff && data[1] == 0xfe)))
    return TRUE;
  if (length >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf)
    return TRUE;
  if (length < 5 || memcmp (data, "<?xml", 5) != 0)
    return FALSE;

  head = g_strndup ((const char *) data, MIN (length, 512));
  end = strstr (head, "?>");
  return end != NULL && g_strstr_len (head, end - head, "encoding") != NULL;
}

typedef struct {
  xmlDoc *doc;
  int     error_code;
  int     error_line;
  char   *error_message;
} XmlResult;

static void
xml_result_clear (XmlResult *result)
{
  g_clear_pointer (&result->doc, xmlFreeDoc);
  g_clear_pointer (&result->error_message, g_free);
}

/* libxml2 keeps the last error; the first is the one that tells what is
 * wrong (the last is often "premature end of data"). */
static void
record_first_error (void       *user_data,
                    xmlError   *error)
{
  xmlParserCtxt *ctxt = user_data;
  XmlResult *result = ctxt != NULL ? ctxt->_private : NULL;

  if (result == NULL || result->error_message != NULL || error == NULL)
    return;
  if (error->level < XML_ERR_ERROR)
    return;

  result->error_code = error->code;
  result->error_line = error->line;
  result->error_message = g_strstrip (g_strdup (error->message != NULL ? error->message : "not XML"));
}

static void
read_xml (const guint8 *data,
          gsize         length,
          const char   *url,
          const char   *charset,
          int           extra_options,
          XmlResult    *result)
{
  xmlParserCtxt *ctxt = xmlNewParserCtxt ();
  const xmlError *error;
  const char *encoding = NULL;

  memset (result, 0, sizeof *result);
  if (ctxt == NULL)
    {
      result->error_message = g_strdup ("out of memory");
      return;
    }

  ctxt->sax->resolveEntity = refuse_external_entity;
  ctxt->sax->externalSubset = ignore_external_subset;
  ctxt->sax->serror = record_first_error;
  ctxt->_private = result;

  if (charset != NULL && g_ascii_strcasecmp (charset, "utf-8") != 0
      && !declares_encoding (data, length))
    encoding = charset;

  result->doc = xmlCtxtReadMemory (ctxt, (const char *) data, (int) length, url, encoding,
                                   XML_OPTIONS | extra_options);

  error = xmlCtxtGetLastError (ctxt);
  if ((!ctxt->wellFormed || result->doc == NULL) && result->error_message == NULL)
    {
      result->error_code = error != NULL ? error->code : 0;
      result->error_line = error != NULL ? error->line : 0;
      result->error_message = g_strstrip (g_strdup (error != NULL && error->message != NULL
                                                    ? error->message : "not XML"));
    }

  xmlFreeParserCtxt (ctxt);
}

static gboolean
feed_is_usable (NfFeed *feed)
{
  return feed->entries->len > 0 || feed->feeds->len > 0;
}

/* An entry with nothing to show (what recovery makes of a broken <item>)
 * is no entry. */
static gboolean
entry_is_empty (NfFeedEntry *entry)
{
  return entry->id == NULL && entry->link == NULL && entry->title == NULL
         && entry->summary == NULL && entry->content == NULL;
}

static void
drop_empty_entries (NfFeed *feed)
{
  for (guint i = feed->entries->len; i > 0; i--)
    if (entry_is_empty (g_ptr_array_index (feed->entries, i - 1)))
      g_ptr_array_remove_index (feed->entries, i - 1);
}

static NfFeedFormat
format_of_root (xmlNode *root)
{
  const char *name = (const char *) root->name;

  if (g_ascii_strcasecmp (name, "rss") == 0)
    return NF_FEED_FORMAT_RSS;
  if (strcmp (name, "RDF") == 0)
    return NF_FEED_FORMAT_RDF;
  if (strcmp (name, "feed") == 0)
    return NF_FEED_FORMAT_ATOM;
  if (g_ascii_strcasecmp (name, "opml") == 0)
    return NF_FEED_FORMAT_OPML;
  return NF_FEED_FORMAT_UNKNOWN;
}

/* Reads the feed out of a parsed document; NULL with @error when the
 * document is not a feed or declares dangerous entities. */
static NfFeed *
feed_from_doc (xmlDoc      *doc,
               const char  *name,
               const char  *base,
               GError     **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  g_autoptr(NfFeed) feed = NULL;
  Reader reader = { name, base, doc, NULL, MAX_FEED_TEXT, MAX_ENTITY_TEXT, FALSE, { NULL, NULL } };
  NfFeedFormat format;

  if (declares_large_entities (doc))
    {
      g_set_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED,
                   "feed %s: refused: its DTD declares entities that expand to more than %d bytes",
                   name, NF_FEED_MAX_ENTITY_EXPANSION);
      return NULL;
    }

  if (root == NULL)
    {
      g_set_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED,
                   "feed %s: not a feed: the document is empty", name);
      return NULL;
    }

  format = format_of_root (root);
  if (format == NF_FEED_FORMAT_UNKNOWN)
    {
      g_set_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED,
                   "feed %s: not a feed: the root element is <%s>, not <rss>, <rdf:RDF>, <feed> or <opml>",
                   name, (const char *) root->name);
      return NULL;
    }

  feed = nf_feed_new (format);
  reader.feed = feed;

  switch (format)
    {
    case NF_FEED_FORMAT_RSS:
    case NF_FEED_FORMAT_RDF:
      reader.core_ns[0] = NS_RSS1;
      reader.core_ns[1] = NS_RSS090;
      if (format == NF_FEED_FORMAT_RSS)
        read_rss (&reader, root);
      else
        read_rdf (&reader, root);
      break;
    case NF_FEED_FORMAT_ATOM:
      reader.core_ns[0] = NS_ATOM;
      reader.core_ns[1] = NS_ATOM03;
      read_atom (&reader, root);
      break;
    case NF_FEED_FORMAT_OPML:
      read_opml (&reader, root);
      break;
    case NF_FEED_FORMAT_JSON:
    case NF_FEED_FORMAT_UNKNOWN:
    default:
      g_assert_not_reached ();
    }

  if (reader.entity_overflow)
    {
      g_set_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED,
                   "feed %s: refused: its entity references expand to more than %d bytes of text",
                   name, MAX_ENTITY_TEXT);
      return NULL;
    }

  drop_empty_entries (feed);
  return g_steal_pointer (&feed);
}

static NfFeed *
parse_xml (const guint8  *data,
           gsize          length,
           const char    *name,
           const char    *base,
           const char    *charset,
           GError       **error)
{
  XmlResult strict = { 0 };
  XmlResult recovered = { 0 };
  g_autoptr(GError) recover_error = NULL;
  NfFeed *feed;

  read_xml (data, length, base, charset, 0, &strict);
  if (strict.error_message == NULL)
    {
      feed = feed_from_doc (strict.doc, name, base, error);
      xml_result_clear (&strict);
      return feed;
    }

  /* libxml2 stopped on an entity bomb: there is nothing to recover. */
  if (strict.error_code == XML_ERR_ENTITY_LOOP)
    {
      g_set_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED,
                   "feed %s: refused: entity expansion too large (line %d: %s)",
                   name, strict.error_line, strict.error_message);
      xml_result_clear (&strict);
      return NULL;
    }

  /* Many real feeds are a little broken (an unescaped &, a stray tag):
   * read what can be read, if that gives anything. */
  read_xml (data, length, base, charset, XML_PARSE_RECOVER, &recovered);
  feed = recovered.doc != NULL ? feed_from_doc (recovered.doc, name, base, &recover_error) : NULL;

  if (feed != NULL && feed_is_usable (feed))
    {
      feed->warning = g_strdup_printf ("feed %s: not well-formed XML (line %d: %s); read in recovery mode",
                                       name, strict.error_line, strict.error_message);
    }
  else
    {
      g_clear_pointer (&feed, nf_feed_free);
      if (recover_error != NULL && g_str_has_prefix (recover_error->message, "feed ")
          && strstr (recover_error->message, "refused") != NULL)
        g_propagate_error (error, g_steal_pointer (&recover_error));
      else
        g_set_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED,
                     "feed %s: not well-formed XML: line %d: %s",
                     name, strict.error_line, strict.error_message);
    }

  xml_result_clear (&strict);
  xml_result_clear (&recovered);
  return feed;
}

/* ---- JSON Feed ---- */

/* json-glib's parser recurses: refuse deep nesting before it sees it. */
static gboolean
json_nesting_within (const guint8 *data,
                     gsize         length,
                     guint         max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      guint8 c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

static const char *
json_string (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
json_string_dup (JsonObject *object,
                 const char *member)
{
  return non_blank (g_strdup (json_string (object, member)));
}

static void
read_json_authors (JsonObject *object,
                   GPtrArray  *authors)
{
  JsonNode *list = json_object_get_member (object, "authors");
  JsonNode *single = json_object_get_member (object, "author");

  if (list != NULL && JSON_NODE_HOLDS_ARRAY (list))
    {
      JsonArray *array = json_node_get_array (list);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *author = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (author))
            {
              g_autofree char *name = collapse_space (g_strdup (json_string (json_node_get_object (author), "name")));

              add_author (authors, name);
            }
        }
    }

  /* JSON Feed 1.0 had one author. */
  if (authors->len == 0 && single != NULL && JSON_NODE_HOLDS_OBJECT (single))
    {
      g_autofree char *name = collapse_space (g_strdup (json_string (json_node_get_object (single), "name")));

      add_author (authors, name);
    }
}

static char *
json_id (JsonObject *item)
{
  JsonNode *node = json_object_get_member (item, "id");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return strip_or_null (g_strdup (json_node_get_string (node)));
  return NULL;
}

static NfFeedEntry *
read_json_item (JsonObject *item,
                const char *base,
                GPtrArray  *feed_authors)
{
  g_autoptr(NfFeedEntry) entry = nf_feed_entry_new ();
  const char *url = json_string (item, "url");
  g_autofree char *text = json_string_dup (item, "content_text");
  g_autofree char *summary = json_string_dup (item, "summary");

  if (url == NULL)
    url = json_string (item, "external_url");

  entry->id = json_id (item);
  entry->link = nf_url_resolve (base, url);
  entry->title = collapse_space (g_strdup (json_string (item, "title")));
  entry->published = nf_feed_parse_date (json_string (item, "date_published"));
  entry->updated = nf_feed_parse_date (json_string (item, "date_modified"));
  entry->content = json_string_dup (item, "content_html");

  /* Summary and content are HTML: plain text is escaped. */
  if (summary != NULL)
    entry->summary = g_markup_escape_text (summary, -1);
  else if (text != NULL)
    entry->summary = g_markup_escape_text (text, -1);
  if (entry->content == NULL && text != NULL)
    entry->content = g_markup_escape_text (text, -1);

  read_json_authors (item, entry->authors);
  if (entry->authors->len == 0)
    for (guint i = 0; i < feed_authors->len; i++)
      add_author (entry->authors, g_ptr_array_index (feed_authors, i));

  return g_steal_pointer (&entry);
}

static NfFeed *
parse_json (const guint8  *data,
            gsize          length,
            const char    *name,
            const char    *base,
            GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) json_error = NULL;
  g_autoptr(GPtrArray) feed_authors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(NfFeed) feed = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *items;
  const char *version;

  if (!json_nesting_within (data, length, MAX_JSON_DEPTH))
    {
      g_set_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED,
                   "feed %s: refused: JSON nested more than %d levels deep", name, MAX_JSON_DEPTH);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) length, &json_error))
    {
      g_set_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED,
                   "feed %s: not valid JSON: %s", name, json_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  version = object != NULL ? json_string (object, "version") : NULL;
  if (version == NULL
      || (!g_str_has_prefix (version, JSON_FEED_VERSION_PREFIX)
          && !g_str_has_prefix (version, "http://jsonfeed.org/version/")))
    {
      g_set_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED,
                   "feed %s: not a feed: JSON without a version \"" JSON_FEED_VERSION_PREFIX "…\"", name);
      return NULL;
    }

  feed = nf_feed_new (NF_FEED_FORMAT_JSON);
  feed->title = collapse_space (g_strdup (json_string (object, "title")));
  feed->link = nf_url_resolve (base, json_string (object, "home_page_url"));
  read_json_authors (object, feed_authors);

  items = json_object_get_member (object, "items");
  if (items != NULL && JSON_NODE_HOLDS_ARRAY (items))
    {
      JsonArray *array = json_node_get_array (items);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (item))
            g_ptr_array_add (feed->entries, read_json_item (json_node_get_object (item), base, feed_authors));
        }
    }

  drop_empty_entries (feed);
  return g_steal_pointer (&feed);
}

/* ---- The entry point ---- */

static gsize
skip_bom_and_space (const guint8 *data,
                    gsize         length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  return i;
}

/**
 * nf_feed_parse:
 * @data: (array length=length): the document's bytes
 * @length: their number
 * @feed_url: (nullable): where it comes from: named in messages, and the
 *   base of relative links
 * @charset: (nullable): the charset the server declared
 * @error: return location for a #GError (%NF_FETCH_ERROR_FEED)
 *
 * Reads a feed (RSS 2.0, RSS 1.0, Atom, JSON Feed) or an OPML list of feeds,
 * telling which from the content. A slightly broken XML document is read in
 * libxml2's recovery mode (and [struct@NfFeed].warning says so) when that
 * gives entries; a document that declares large entities is refused.
 *
 * Returns: (transfer full) (nullable): the feed, or %NULL with @error set
 */
NfFeed *
nf_feed_parse (const guint8  *data,
               gsize          length,
               const char    *feed_url,
               const char    *charset,
               GError       **error)
{
  const char *name = feed_url != NULL ? feed_url : "(unnamed)";
  gsize start;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  start = skip_bom_and_space (data, length);
  if (start >= length)
    {
      g_set_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED,
                   "feed %s: not a feed: the document is empty", name);
      return NULL;
    }

  if (length > G_MAXINT)
    {
      g_set_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED,
                   "feed %s: refused: %" G_GSIZE_FORMAT " bytes is too large", name, length);
      return NULL;
    }

  if (data[start] == '{')
    return parse_json (data + start, length - start, name, feed_url, error);

  return parse_xml (data, length, name, feed_url, charset, error);
}
