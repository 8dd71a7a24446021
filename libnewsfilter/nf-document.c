/* nf-document.c: one article flowing through a pipeline
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <math.h>
#include <string.h>

#include "newsfilter.h"
#include "nf-private.h"
#include "nf-document-private.h"

/**
 * NfDocument:
 *
 * One article flowing through a pipeline: where it came from, its raw
 * bytes, the clean text and what elements learnt about it (title, authors,
 * dates, a summary, tags), free-form fields elements add, and the error
 * that stopped it, if any.
 *
 * A document is owned by one element at a time; when a pipeline branches,
 * each branch gets its own copy ([method@Nf.Document.copy]).  Its strings
 * are always valid UTF-8: setters given invalid UTF-8 store a copy with
 * U+FFFD in place of the bad bytes.
 *
 * A document is written to and read from the JSON record of
 * `jsonsink`/`filesrc` with [method@Nf.Document.to_json] and
 * [ctor@Nf.Document.new_from_json]:
 *
 * ```json
 * {"id": "world/2026-11-27-export", "uri": "https://…", "title": "…",
 *  "authors": ["…"], "published": "2026-11-27T10:00:00Z", "language": "en",
 *  "text": "paragraph one\n\nparagraph two",
 *  "summary": [{"text": "…", "start": 0, "end": 22, "score": 0.91}],
 *  "tags": [{"kind": "person", "text": "…", "score": 0.9}],
 *  "meta": {"any.element.field": "…"},
 *  "error": {"domain": "nf-element-error", "code": "too-large", "message": "…"}}
 * ```
 */

/* The string fields of the record, in the order the record writes them
 * (authors goes between the title and the dates). */
typedef enum {
  FIELD_ID,
  FIELD_URI,
  FIELD_CANONICAL_URI,
  FIELD_TITLE,
  FIELD_PUBLISHED,
  FIELD_MODIFIED,
  FIELD_LANGUAGE,
  FIELD_SITE_NAME,
  FIELD_DESCRIPTION,
  FIELD_IMAGE,
  FIELD_TEXT,
  FIELD_DUPLICATE_OF,
  N_FIELDS
} Field;

static const char * const field_json_names[N_FIELDS] = {
  "id", "uri", "canonical_uri", "title", "published", "modified",
  "language", "site_name", "description", "image", "text", "duplicate_of",
};

struct _NfDocument
{
  GObject     parent_instance;

  char       *fields[N_FIELDS];
  char      **authors;          /* (nullable) */
  GBytes     *content;          /* (nullable) */
  char       *content_type;     /* (nullable) */

  /* allocated when first used: most documents of a stream never get some */
  GPtrArray  *summary;          /* (element-type NfSentence) (nullable) */
  GPtrArray  *tags;             /* (element-type NfTag) (nullable) */
  JsonObject *meta;             /* (nullable) */
  JsonObject *extra;            /* (nullable) record members we do not know */

  GError     *error;            /* (nullable) */
  char       *error_element;    /* (nullable) */
  /* the error code as a record named it, when its domain has no enum
   * registered here (the plugin that defines it is not loaded) */
  char       *error_code_name;  /* (nullable) */
  guint       http_status;

  gpointer    job;              /* (unowned) the pipeline job it belongs to */
};

enum {
  PROP_0,
  /* one per Field, in the same order */
  PROP_ID,
  PROP_URI,
  PROP_CANONICAL_URI,
  PROP_TITLE,
  PROP_PUBLISHED,
  PROP_MODIFIED,
  PROP_LANGUAGE,
  PROP_SITE_NAME,
  PROP_DESCRIPTION,
  PROP_IMAGE,
  PROP_TEXT,
  PROP_DUPLICATE_OF,
  PROP_AUTHORS,
  PROP_CONTENT,
  PROP_CONTENT_TYPE,
  PROP_ERROR,
  PROP_ERROR_ELEMENT,
  PROP_HTTP_STATUS,
  N_PROPS
};

#define PROP_FOR_FIELD(field) (PROP_ID + (field))

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NfDocument, nf_document, G_TYPE_OBJECT)

/* ------------------------------------------------------------------ */
/* Shared helpers (nf-document-private.h)                              */
/* ------------------------------------------------------------------ */

char *
_nf_utf8_strdup (const char *string)
{
  if (string == NULL)
    return NULL;
  if (G_LIKELY (_nf_utf8_validate (string, -1, NULL)))
    return g_strdup (string);

  return _nf_utf8_make_valid (string, -1);
}

gboolean
_nf_set_utf8_string (char       **field,
                     const char  *value)
{
  char *copy;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  copy = _nf_utf8_strdup (value);
  g_free (*field);
  *field = copy;

  return TRUE;
}

JsonObject *
_nf_json_object_deep_copy (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    json_object_set_member (copy, name, _nf_json_node_deep_copy (value));

  return copy;
}

/* json_node_copy() shares the object, array or even the value it holds;
 * a document's meta must not change when a copy's does. */
JsonNode *
_nf_json_node_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (node == NULL)
    return NULL;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, _nf_json_object_deep_copy (json_node_get_object (node)));
      return copy;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        JsonArray *array_copy = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (array_copy,
                                  _nf_json_node_deep_copy (json_array_get_element (array, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, array_copy);
        return copy;
      }

    case JSON_NODE_NULL:
      return json_node_new (JSON_NODE_NULL);

    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return json_node_init_int (json_node_alloc (), json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return json_node_init_double (json_node_alloc (), json_node_get_double (node));
    case G_TYPE_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), json_node_get_boolean (node));
    case G_TYPE_STRING:
      return json_node_init_string (json_node_alloc (), json_node_get_string (node));
    default:
      return json_node_copy (node);
    }
}

/* --- writing --- */

static void
write_escaped_utf8 (GString    *out,
                    const char *string)
{
  const char *run = string;
  const char *p;

  for (p = string; *p != '\0'; p++)
    {
      guchar c = *p;
      const char *escape = NULL;
      char buffer[8];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default:
          g_snprintf (buffer, sizeof buffer, "\\u%04x", c);
          escape = buffer;
          break;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }

  g_string_append_len (out, run, p - run);
}

void
_nf_json_write_string (GString    *out,
                       const char *string)
{
  g_string_append_c (out, '"');
  if (G_LIKELY (_nf_utf8_validate (string, -1, NULL)))
    write_escaped_utf8 (out, string);
  else
    {
      g_autofree char *valid = _nf_utf8_make_valid (string, -1);

      write_escaped_utf8 (out, valid);
    }
  g_string_append_c (out, '"');
}

/* The shortest form that reads back as the same double: 0.91, not
 * JsonGenerator's 0.91000000000000003.  Integral values keep a ".0" so
 * that they read back as doubles. */
static void
write_double (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      /* JSON has no infinities or NaN */
      g_string_append (out, "null");
      return;
    }

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (out, ".0");
}

void
_nf_json_write_node (GString  *out,
                     JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *value;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &value))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            _nf_json_write_string (out, name);
            g_string_append_c (out, ':');
            _nf_json_write_node (out, value);
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            _nf_json_write_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          write_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          _nf_json_write_string (out, json_node_get_string (node));
          break;
        default:
          g_string_append (out, "null");
          break;
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

char *
_nf_json_node_to_string (JsonNode *node)
{
  GString *out = g_string_sized_new (1024);

  _nf_json_write_node (out, node);

  return g_string_free (out, FALSE);
}

/* --- reading --- */

char *
_nf_json_field_name (const char *path,
                     const char *member)
{
  if (path == NULL)
    return g_strdup (member);
  if (member == NULL)
    return g_strdup (path);

  return g_strconcat (path, ".", member, NULL);
}

static const char *
describe_node (JsonNode *node)
{
  if (node == NULL)
    return "missing";

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_BOOLEAN:
      return "a boolean";
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return "a number";
    default:
      return "a value of an unknown type";
    }
}

void
_nf_json_set_type_error (GError     **error,
                         const char  *path,
                         const char  *member,
                         const char  *expected,
                         JsonNode    *node)
{
  g_autofree char *field = _nf_json_field_name (path, member);

  g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
               "field “%s” must be %s, not %s", field, expected, describe_node (node));
}

static gboolean
node_is_absent (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static gboolean
node_holds (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* A missing or null member leaves *out as it was: absent values are absent. */
gboolean
_nf_json_read_string (JsonNode     *node,
                      const char   *path,
                      const char   *member,
                      const char  **out,
                      GError      **error)
{
  if (node_is_absent (node))
    return TRUE;

  if (!node_holds (node, G_TYPE_STRING))
    {
      _nf_json_set_type_error (error, path, member, "a string", node);
      return FALSE;
    }

  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
_nf_json_read_double (JsonNode    *node,
                      const char  *path,
                      const char  *member,
                      double      *out,
                      GError     **error)
{
  if (node_is_absent (node))
    return TRUE;

  if (node_holds (node, G_TYPE_DOUBLE))
    *out = json_node_get_double (node);
  else if (node_holds (node, G_TYPE_INT64))
    *out = (double) json_node_get_int (node);
  else
    {
      _nf_json_set_type_error (error, path, member, "a number", node);
      return FALSE;
    }

  return TRUE;
}

gboolean
_nf_json_read_uint (JsonNode    *node,
                    const char  *path,
                    const char  *member,
                    guint       *out,
                    GError     **error)
{
  double value;

  if (node_is_absent (node))
    return TRUE;

  if (node_holds (node, G_TYPE_INT64))
    value = (double) json_node_get_int (node);
  else if (node_holds (node, G_TYPE_DOUBLE))
    value = json_node_get_double (node);
  else
    {
      _nf_json_set_type_error (error, path, member, "a non-negative integer", node);
      return FALSE;
    }

  if (value < 0 || value > G_MAXUINT || value != floor (value))
    {
      g_autofree char *field = _nf_json_field_name (path, member);
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
                   "field “%s” must be a non-negative integer, not %s", field,
                   g_ascii_formatd (buffer, sizeof buffer, "%.17g", value));
      return FALSE;
    }

  *out = (guint) value;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
nf_document_finalize (GObject *object)
{
  NfDocument *self = NF_DOCUMENT (object);

  for (guint i = 0; i < N_FIELDS; i++)
    g_free (self->fields[i]);
  g_strfreev (self->authors);
  g_clear_pointer (&self->content, g_bytes_unref);
  g_free (self->content_type);
  g_clear_pointer (&self->summary, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->meta, json_object_unref);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_error (&self->error);
  g_free (self->error_element);
  g_free (self->error_code_name);

  G_OBJECT_CLASS (nf_document_parent_class)->finalize (object);
}

static void
nf_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NfDocument *self = NF_DOCUMENT (object);

  if (prop_id >= PROP_ID && prop_id < PROP_ID + N_FIELDS)
    {
      g_value_set_string (value, self->fields[prop_id - PROP_ID]);
      return;
    }

  switch (prop_id)
    {
    case PROP_AUTHORS:
      g_value_set_boxed (value, self->authors);
      break;
    case PROP_CONTENT:
      g_value_set_boxed (value, self->content);
      break;
    case PROP_CONTENT_TYPE:
      g_value_set_string (value, self->content_type);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_ERROR_ELEMENT:
      g_value_set_string (value, self->error_element);
      break;
    case PROP_HTTP_STATUS:
      g_value_set_uint (value, self->http_status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void set_field (NfDocument *self,
                       Field       field,
                       const char *value);

static void
nf_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NfDocument *self = NF_DOCUMENT (object);

  if (prop_id >= PROP_ID && prop_id < PROP_ID + N_FIELDS)
    {
      set_field (self, prop_id - PROP_ID, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_AUTHORS:
      nf_document_set_authors (self, g_value_get_boxed (value));
      break;
    case PROP_CONTENT:
      nf_document_set_content (self, g_value_get_boxed (value), self->content_type);
      break;
    case PROP_CONTENT_TYPE:
      nf_document_set_content (self, self->content, g_value_get_string (value));
      break;
    case PROP_ERROR:
      nf_document_set_error (self, g_value_get_boxed (value));
      break;
    case PROP_ERROR_ELEMENT:
      nf_document_set_error_element (self, g_value_get_string (value));
      break;
    case PROP_HTTP_STATUS:
      nf_document_set_http_status (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_string_property (guint       prop_id,
                         const char *name,
                         const char *nick,
                         const char *blurb)
{
  properties[prop_id] =
    g_param_spec_string (name, nick, blurb, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static void
nf_document_class_init (NfDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = nf_document_finalize;
  object_class->get_property = nf_document_get_property;
  object_class->set_property = nf_document_set_property;

  /**
   * NfDocument:id:
   *
   * What names the document in a stream: a file's path relative to the
   * source's location without its extension, a normalised URL, or the
   * `id` of a JSON record.
   */
  install_string_property (PROP_ID, "id", "ID",
                           "What names the document in a stream (a relative path, a URL)");
  /**
   * NfDocument:uri:
   *
   * Where the document was read from.
   */
  install_string_property (PROP_URI, "uri", "URI", "Where the document was read from");
  /**
   * NfDocument:canonical-uri:
   *
   * The address the document gives as its own (`<link rel="canonical">`).
   */
  install_string_property (PROP_CANONICAL_URI, "canonical-uri", "Canonical URI",
                           "The address the document gives as its own");
  /**
   * NfDocument:title:
   *
   * The headline.
   */
  install_string_property (PROP_TITLE, "title", "Title", "The headline");
  /**
   * NfDocument:published:
   *
   * When the article was published, as an ISO 8601 date and time.
   */
  install_string_property (PROP_PUBLISHED, "published", "Published",
                           "When the article was published (ISO 8601)");
  /**
   * NfDocument:modified:
   *
   * When the article was last changed, as an ISO 8601 date and time.
   */
  install_string_property (PROP_MODIFIED, "modified", "Modified",
                           "When the article was last changed (ISO 8601)");
  /**
   * NfDocument:language:
   *
   * The language of the text, as a BCP 47 tag such as `en`.
   */
  install_string_property (PROP_LANGUAGE, "language", "Language",
                           "The language of the text (a BCP 47 tag such as en)");
  /**
   * NfDocument:site-name:
   *
   * The name of the site or publication.
   */
  install_string_property (PROP_SITE_NAME, "site-name", "Site name",
                           "The name of the site or publication");
  /**
   * NfDocument:description:
   *
   * The description the page gives of itself.
   */
  install_string_property (PROP_DESCRIPTION, "description", "Description",
                           "The description the page gives of itself");
  /**
   * NfDocument:image:
   *
   * The address of the article's lead image.
   */
  install_string_property (PROP_IMAGE, "image", "Image",
                           "The address of the article's lead image");
  /**
   * NfDocument:text:
   *
   * The clean text: paragraphs separated by a blank line.  Offsets of
   * summary sentences and tag mentions count code points in it.
   */
  install_string_property (PROP_TEXT, "text", "Text",
                           "The clean text, paragraphs separated by a blank line");
  /**
   * NfDocument:duplicate-of:
   *
   * The id of an earlier document this one repeats (the same address or
   * text, or a copy with small edits), as the `dedup` element finds.
   */
  install_string_property (PROP_DUPLICATE_OF, "duplicate-of", "Duplicate of",
                           "The id of an earlier document this one repeats");

  /**
   * NfDocument:authors:
   *
   * Who wrote the article, in the order given.
   */
  properties[PROP_AUTHORS] =
    g_param_spec_boxed ("authors", "Authors", "Who wrote the article",
                        G_TYPE_STRV, flags);

  /**
   * NfDocument:content:
   *
   * The raw bytes the document was read from, before cleaning.
   */
  properties[PROP_CONTENT] =
    g_param_spec_boxed ("content", "Content",
                        "The raw bytes the document was read from, before cleaning",
                        G_TYPE_BYTES, flags);

  /**
   * NfDocument:content-type:
   *
   * The media type of [property@Nf.Document:content], as `text/html`.
   */
  properties[PROP_CONTENT_TYPE] =
    g_param_spec_string ("content-type", "Content type",
                         "The media type of the raw content, as text/html",
                         NULL, flags);

  /**
   * NfDocument:error:
   *
   * Why the document failed, or %NULL while it has not.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", "Error", "Why the document failed",
                        G_TYPE_ERROR, flags);

  /**
   * NfDocument:error-element:
   *
   * The path of the element that failed the document, as
   * `/pipeline0/fetch0`.
   */
  properties[PROP_ERROR_ELEMENT] =
    g_param_spec_string ("error-element", "Error element",
                         "The path of the element that failed the document",
                         NULL, flags);

  /**
   * NfDocument:http-status:
   *
   * The HTTP status the document was fetched with, or 0.
   */
  properties[PROP_HTTP_STATUS] =
    g_param_spec_uint ("http-status", "HTTP status",
                       "The HTTP status the document was fetched with, or 0",
                       0, 999, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nf_document_init (NfDocument *self)
{
}

/* ------------------------------------------------------------------ */
/* Construction and copies                                             */
/* ------------------------------------------------------------------ */

/**
 * nf_document_new:
 * @id: (nullable): what names the document in its stream
 *
 * Creates an empty document.
 *
 * Returns: (transfer full): a new document
 */
NfDocument *
nf_document_new (const char *id)
{
  NfDocument *self = g_object_new (NF_TYPE_DOCUMENT, NULL);

  self->fields[FIELD_ID] = _nf_utf8_strdup (id);

  return self;
}

static GPtrArray *
copy_object_array (GPtrArray *array,
                   gpointer (*copy_func) (gpointer))
{
  GPtrArray *copy;

  if (array == NULL)
    return NULL;

  copy = g_ptr_array_new_full (array->len, g_object_unref);
  for (guint i = 0; i < array->len; i++)
    g_ptr_array_add (copy, copy_func (g_ptr_array_index (array, i)));

  return copy;
}

static gpointer
copy_sentence (gpointer sentence)
{
  NfSentence *s = sentence;

  return nf_sentence_new (nf_sentence_get_text (s), nf_sentence_get_start (s),
                          nf_sentence_get_end (s), nf_sentence_get_score (s));
}

static gpointer
copy_tag (gpointer tag)
{
  return nf_tag_copy (tag);
}

/**
 * nf_document_copy:
 * @self: a document
 *
 * Copies a document with everything it holds: strings, tags, summary, meta
 * fields and error are copied, the raw content (immutable) is shared.
 * Changing the copy leaves @self as it was.  The copy belongs to the same
 * pipeline job as @self: this is how a `tee` branches a document.
 *
 * Returns: (transfer full): a new document equal to @self
 */
NfDocument *
nf_document_copy (NfDocument *self)
{
  NfDocument *copy;

  g_return_val_if_fail (NF_IS_DOCUMENT (self), NULL);

  copy = g_object_new (NF_TYPE_DOCUMENT, NULL);

  for (guint i = 0; i < N_FIELDS; i++)
    copy->fields[i] = g_strdup (self->fields[i]);
  copy->authors = g_strdupv (self->authors);
  copy->content = self->content != NULL ? g_bytes_ref (self->content) : NULL;
  copy->content_type = g_strdup (self->content_type);
  copy->summary = copy_object_array (self->summary, copy_sentence);
  copy->tags = copy_object_array (self->tags, copy_tag);
  copy->meta = self->meta != NULL ? _nf_json_object_deep_copy (self->meta) : NULL;
  copy->extra = self->extra != NULL ? _nf_json_object_deep_copy (self->extra) : NULL;
  copy->error = self->error != NULL ? g_error_copy (self->error) : NULL;
  copy->error_element = g_strdup (self->error_element);
  copy->error_code_name = g_strdup (self->error_code_name);
  copy->http_status = self->http_status;
  copy->job = self->job;

  return copy;
}

gpointer
_nf_document_get_job (NfDocument *document)
{
  g_return_val_if_fail (NF_IS_DOCUMENT (document), NULL);
  return document->job;
}

void
_nf_document_set_job (NfDocument *document,
                      gpointer    job)
{
  g_return_if_fail (NF_IS_DOCUMENT (document));
  document->job = job;
}

/* ------------------------------------------------------------------ */
/* String fields                                                       */
/* ------------------------------------------------------------------ */

static void
set_field (NfDocument *self,
           Field       field,
           const char *value)
{
  if (_nf_set_utf8_string (&self->fields[field], value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOR_FIELD (field)]);
}

static const char *
get_field (NfDocument *self,
           Field       field)
{
  return self->fields[field];
}

#define DEFINE_STRING_FIELD(name, FIELD)                                 \
const char *                                                             \
nf_document_get_##name (NfDocument *self)                                \
{                                                                        \
  g_return_val_if_fail (NF_IS_DOCUMENT (self), NULL);                    \
  return get_field (self, FIELD);                                        \
}                                                                        \
                                                                         \
void                                                                     \
nf_document_set_##name (NfDocument *self,                                \
                        const char *value)                               \
{                                                                        \
  g_return_if_fail (NF_IS_DOCUMENT (self));                              \
  set_field (self, FIELD, value);                                        \
}

/* gi-docgen reads the comments, the macro writes the code */

/**
 * nf_document_get_id:
 * @self: a document
 *
 * Gets the [property@Nf.Document:id] of the document.
 *
 * Returns: (nullable): the id, or %NULL if it has none yet
 */
/**
 * nf_document_set_id:
 * @self: a document
 * @id: (nullable): the new id
 *
 * Sets the [property@Nf.Document:id] of the document.
 */
DEFINE_STRING_FIELD (id, FIELD_ID)

/**
 * nf_document_get_uri:
 * @self: a document
 *
 * Gets the [property@Nf.Document:uri] the document was read from.
 *
 * Returns: (nullable): the URI, or %NULL
 */
/**
 * nf_document_set_uri:
 * @self: a document
 * @uri: (nullable): the new URI
 *
 * Sets the [property@Nf.Document:uri] the document was read from.
 */
DEFINE_STRING_FIELD (uri, FIELD_URI)

/**
 * nf_document_get_canonical_uri:
 * @self: a document
 *
 * Gets the [property@Nf.Document:canonical-uri] of the document.
 *
 * Returns: (nullable): the canonical URI, or %NULL
 */
/**
 * nf_document_set_canonical_uri:
 * @self: a document
 * @uri: (nullable): the new canonical URI
 *
 * Sets the [property@Nf.Document:canonical-uri] of the document.
 */
DEFINE_STRING_FIELD (canonical_uri, FIELD_CANONICAL_URI)

/**
 * nf_document_get_title:
 * @self: a document
 *
 * Gets the [property@Nf.Document:title] (the headline) of the document.
 *
 * Returns: (nullable): the title, or %NULL
 */
/**
 * nf_document_set_title:
 * @self: a document
 * @title: (nullable): the new title
 *
 * Sets the [property@Nf.Document:title] (the headline) of the document.
 */
DEFINE_STRING_FIELD (title, FIELD_TITLE)

/**
 * nf_document_get_published:
 * @self: a document
 *
 * Gets the [property@Nf.Document:published] date of the document.
 *
 * Returns: (nullable): an ISO 8601 date and time, or %NULL
 */
/**
 * nf_document_set_published:
 * @self: a document
 * @published: (nullable): an ISO 8601 date and time
 *
 * Sets the [property@Nf.Document:published] date of the document.
 */
DEFINE_STRING_FIELD (published, FIELD_PUBLISHED)

/**
 * nf_document_get_modified:
 * @self: a document
 *
 * Gets the [property@Nf.Document:modified] date of the document.
 *
 * Returns: (nullable): an ISO 8601 date and time, or %NULL
 */
/**
 * nf_document_set_modified:
 * @self: a document
 * @modified: (nullable): an ISO 8601 date and time
 *
 * Sets the [property@Nf.Document:modified] date of the document.
 */
DEFINE_STRING_FIELD (modified, FIELD_MODIFIED)

/**
 * nf_document_get_language:
 * @self: a document
 *
 * Gets the [property@Nf.Document:language] of the document's text.
 *
 * Returns: (nullable): a BCP 47 language tag, or %NULL
 */
/**
 * nf_document_set_language:
 * @self: a document
 * @language: (nullable): a BCP 47 language tag, as `en`
 *
 * Sets the [property@Nf.Document:language] of the document's text.
 */
DEFINE_STRING_FIELD (language, FIELD_LANGUAGE)

/**
 * nf_document_get_site_name:
 * @self: a document
 *
 * Gets the [property@Nf.Document:site-name] of the document.
 *
 * Returns: (nullable): the site name, or %NULL
 */
/**
 * nf_document_set_site_name:
 * @self: a document
 * @site_name: (nullable): the name of the site or publication
 *
 * Sets the [property@Nf.Document:site-name] of the document.
 */
DEFINE_STRING_FIELD (site_name, FIELD_SITE_NAME)

/**
 * nf_document_get_description:
 * @self: a document
 *
 * Gets the [property@Nf.Document:description] of the document.
 *
 * Returns: (nullable): the description, or %NULL
 */
/**
 * nf_document_set_description:
 * @self: a document
 * @description: (nullable): the description the page gives of itself
 *
 * Sets the [property@Nf.Document:description] of the document.
 */
DEFINE_STRING_FIELD (description, FIELD_DESCRIPTION)

/**
 * nf_document_get_image:
 * @self: a document
 *
 * Gets the [property@Nf.Document:image] of the document.
 *
 * Returns: (nullable): the address of the lead image, or %NULL
 */
/**
 * nf_document_set_image:
 * @self: a document
 * @image: (nullable): the address of the lead image
 *
 * Sets the [property@Nf.Document:image] of the document.
 */
DEFINE_STRING_FIELD (image, FIELD_IMAGE)

/**
 * nf_document_get_text:
 * @self: a document
 *
 * Gets the clean [property@Nf.Document:text] of the document.
 *
 * Returns: (nullable): the text, or %NULL if it has not been extracted
 */
/**
 * nf_document_set_text:
 * @self: a document
 * @text: (nullable): the clean text, paragraphs separated by a blank line
 *
 * Sets the clean [property@Nf.Document:text] of the document.  Only the
 * element that extracts the text should: offsets of sentences and tags
 * point into it.
 */
DEFINE_STRING_FIELD (text, FIELD_TEXT)

/**
 * nf_document_get_duplicate_of:
 * @self: a document
 *
 * Gets the [property@Nf.Document:duplicate-of] of the document.
 *
 * Returns: (nullable): the id of the document this one repeats, or %NULL
 */
/**
 * nf_document_set_duplicate_of:
 * @self: a document
 * @duplicate_of: (nullable): the id of an earlier document this one repeats
 *
 * Sets the [property@Nf.Document:duplicate-of] of the document.
 */
DEFINE_STRING_FIELD (duplicate_of, FIELD_DUPLICATE_OF)

/**
 * nf_document_take_text:
 * @self: a document
 * @text: (transfer full) (nullable): the clean text
 *
 * Sets the clean [property@Nf.Document:text] of the document, taking
 * @text instead of copying it (unless it must be repaired to valid UTF-8).
 */
void
nf_document_take_text (NfDocument *self,
                       char       *text)
{
  g_return_if_fail (NF_IS_DOCUMENT (self));

  if (text != NULL && !_nf_utf8_validate (text, -1, NULL))
    {
      char *valid = _nf_utf8_make_valid (text, -1);

      g_free (text);
      text = valid;
    }

  if (g_strcmp0 (self->fields[FIELD_TEXT], text) == 0)
    {
      g_free (text);
      return;
    }

  g_free (self->fields[FIELD_TEXT]);
  self->fields[FIELD_TEXT] = text;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/* ------------------------------------------------------------------ */
/* Authors                                                             */
/* ------------------------------------------------------------------ */

/**
 * nf_document_get_authors:
 * @self: a document
 *
 * Gets who wrote the article.
 *
 * Returns: (transfer none) (array zero-terminated=1): the authors, an empty
 *   array if none are known
 */
const char * const *
nf_document_get_authors (NfDocument *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (NF_IS_DOCUMENT (self), none);

  return self->authors != NULL ? (const char * const *) self->authors : none;
}

static char **
utf8_strdupv (const char * const *strings)
{
  guint n;
  char **copy;

  if (strings == NULL || strings[0] == NULL)
    return NULL;

  n = g_strv_length ((char **) strings);
  copy = g_new (char *, n + 1);
  for (guint i = 0; i < n; i++)
    copy[i] = _nf_utf8_strdup (strings[i]);
  copy[n] = NULL;

  return copy;
}

/**
 * nf_document_set_authors:
 * @self: a document
 * @authors: (array zero-terminated=1) (nullable): the authors
 *
 * Sets who wrote the article, replacing the authors known so far.
 */
void
nf_document_set_authors (NfDocument         *self,
                         const char * const *authors)
{
  static const char * const none[] = { NULL };

  g_return_if_fail (NF_IS_DOCUMENT (self));

  if (g_strv_equal (nf_document_get_authors (self), authors != NULL ? authors : none))
    return;

  g_strfreev (self->authors);
  self->authors = utf8_strdupv (authors);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORS]);
}

/**
 * nf_document_add_author:
 * @self: a document
 * @author: the name of an author
 *
 * Adds an author after those known so far.
 */
void
nf_document_add_author (NfDocument *self,
                        const char *author)
{
  guint n;

  g_return_if_fail (NF_IS_DOCUMENT (self));
  g_return_if_fail (author != NULL);

  n = self->authors != NULL ? g_strv_length (self->authors) : 0;
  self->authors = g_renew (char *, self->authors, n + 2);
  self->authors[n] = _nf_utf8_strdup (author);
  self->authors[n + 1] = NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORS]);
}

/* ------------------------------------------------------------------ */
/* Raw content                                                         */
/* ------------------------------------------------------------------ */

/**
 * nf_document_get_content:
 * @self: a document
 *
 * Gets the raw bytes the document was read from.
 *
 * Returns: (transfer none) (nullable): the content, or %NULL
 */
GBytes *
nf_document_get_content (NfDocument *self)
{
  g_return_val_if_fail (NF_IS_DOCUMENT (self), NULL);
  return self->content;
}

/**
 * nf_document_get_content_type:
 * @self: a document
 *
 * Gets the media type of the raw content.
 *
 * Returns: (nullable): the media type, as `text/html`, or %NULL
 */
const char *
nf_document_get_content_type (NfDocument *self)
{
  g_return_val_if_fail (NF_IS_DOCUMENT (self), NULL);
  return self->content_type;
}

/**
 * nf_document_set_content:
 * @self: a document
 * @content: (nullable): the raw bytes
 * @content_type: (nullable): their media type, as `text/html; charset=utf-8`
 *
 * Sets the raw bytes the document was read from and their media type.
 * [func@Nf.decode_bytes] turns them into text.
 */
void
nf_document_set_content (NfDocument *self,
                         GBytes     *content,
                         const char *content_type)
{
  g_return_if_fail (NF_IS_DOCUMENT (self));

  if (self->content != content)
    {
      if (content != NULL)
        g_bytes_ref (content);
      g_clear_pointer (&self->content, g_bytes_unref);
      self->content = content;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
    }

  if (_nf_set_utf8_string (&self->content_type, content_type))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT_TYPE]);
}

/* ------------------------------------------------------------------ */
/* Summary and tags                                                    */
/* ------------------------------------------------------------------ */

/**
 * nf_document_get_summary:
 * @self: a document
 *
 * Gets the sentences chosen to summarise the document, in the order they
 * were added.
 *
 * Returns: (transfer none) (element-type Nf.Sentence): the summary, an
 *   empty array if there is none
 */
GPtrArray *
nf_document_get_summary (NfDocument *self)
{
  g_return_val_if_fail (NF_IS_DOCUMENT (self), NULL);

  if (self->summary == NULL)
    self->summary = g_ptr_array_new_with_free_func (g_object_unref);

  return self->summary;
}

/**
 * nf_document_add_summary:
 * @self: a document
 * @sentence: (transfer none): a sentence of the summary
 *
 * Adds a sentence to the document's summary.
 */
void
nf_document_add_summary (NfDocument *self,
                         NfSentence *sentence)
{
  g_return_if_fail (NF_IS_DOCUMENT (self));
  g_return_if_fail (NF_IS_SENTENCE (sentence));

  g_ptr_array_add (nf_document_get_summary (self), g_object_ref (sentence));
}

/**
 * nf_document_clear_summary:
 * @self: a document
 *
 * Removes every sentence of the document's summary.
 */
void
nf_document_clear_summary (NfDocument *self)
{
  g_return_if_fail (NF_IS_DOCUMENT (self));

  if (self->summary != NULL)
    g_ptr_array_set_size (self->summary, 0);
}

/**
 * nf_document_get_tags:
 * @self: a document
 *
 * Gets the tags elements attached to the document, in the order they were
 * added.
 *
 * Returns: (transfer none) (element-type Nf.Tag): the tags, an empty array
 *   if there are none
 */
GPtrArray *
nf_document_get_tags (NfDocument *self)
{
  g_return_val_if_fail (NF_IS_DOCUMENT (self), NULL);

  if (self->tags == NULL)
    self->tags = g_ptr_array_new_with_free_func (g_object_unref);

  return self->tags;
}

/**
 * nf_document_add_tag:
 * @self: a document
 * @tag: (transfer none): a tag
 *
 * Attaches a tag to the document, after those it has.
 */
void
nf_document_add_tag (NfDocument *self,
                     NfTag      *tag)
{
  g_return_if_fail (NF_IS_DOCUMENT (self));
  g_return_if_fail (NF_IS_TAG (tag));

  g_ptr_array_add (nf_document_get_tags (self), g_object_ref (tag));
}

/**
 * nf_document_get_tags_by_kind:
 * @self: a document
 * @kind: (nullable): a kind of tag, as %NF_TAG_KIND_PERSON, or %NULL for all
 *
 * Gets the document's tags of one kind, in the order they were added.
 *
 * Returns: (transfer container) (element-type Nf.Tag): the tags of @kind
 */
GPtrArray *
nf_document_get_tags_by_kind (NfDocument *self,
                              const char *kind)
{
  GPtrArray *result;

  g_return_val_if_fail (NF_IS_DOCUMENT (self), NULL);

  result = g_ptr_array_new ();
  if (self->tags == NULL)
    return result;

  for (guint i = 0; i < self->tags->len; i++)
    {
      NfTag *tag = g_ptr_array_index (self->tags, i);

      if (kind == NULL || g_strcmp0 (nf_tag_get_kind (tag), kind) == 0)
        g_ptr_array_add (result, tag);
    }

  return result;
}

/* ------------------------------------------------------------------ */
/* Meta                                                                */
/* ------------------------------------------------------------------ */

/**
 * nf_document_get_meta:
 * @self: a document
 *
 * Gets the free-form fields elements added to the document, the `meta`
 * object of the JSON record.  Elements name their fields after themselves,
 * as `fetch.etag`.  The object may be changed in place.
 *
 * Returns: (transfer none): the fields, an empty object if there are none
 */
JsonObject *
nf_document_get_meta (NfDocument *self)
{
  g_return_val_if_fail (NF_IS_DOCUMENT (self), NULL);

  if (self->meta == NULL)
    self->meta = json_object_new ();

  return self->meta;
}

/**
 * nf_document_set_meta_string:
 * @self: a document
 * @key: the name of the field
 * @value: (nullable): its value, or %NULL to remove the field
 *
 * Sets a free-form string field.
 */
void
nf_document_set_meta_string (NfDocument *self,
                             const char *key,
                             const char *value)
{
  g_return_if_fail (NF_IS_DOCUMENT (self));
  g_return_if_fail (key != NULL);

  if (value == NULL)
    {
      if (self->meta != NULL)
        json_object_remove_member (self->meta, key);
      return;
    }

  {
    g_autofree char *valid = _nf_utf8_strdup (value);

    json_object_set_string_member (nf_document_get_meta (self), key, valid);
  }
}

/**
 * nf_document_get_meta_string:
 * @self: a document
 * @key: the name of the field
 *
 * Gets a free-form string field.
 *
 * Returns: (nullable): the value, or %NULL if there is no such field or it
 *   does not hold a string
 */
const char *
nf_document_get_meta_string (NfDocument *self,
                             const char *key)
{
  JsonNode *node;

  g_return_val_if_fail (NF_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  node = nf_document_get_meta_node (self, key);
  if (node == NULL || !node_holds (node, G_TYPE_STRING))
    return NULL;

  return json_node_get_string (node);
}

/**
 * nf_document_set_meta_node:
 * @self: a document
 * @key: the name of the field
 * @value: (nullable) (transfer none): its value (copied), or %NULL to
 *   remove the field
 *
 * Sets a free-form field of any JSON type.
 */
void
nf_document_set_meta_node (NfDocument *self,
                           const char *key,
                           JsonNode   *value)
{
  g_return_if_fail (NF_IS_DOCUMENT (self));
  g_return_if_fail (key != NULL);

  if (value == NULL)
    {
      if (self->meta != NULL)
        json_object_remove_member (self->meta, key);
      return;
    }

  json_object_set_member (nf_document_get_meta (self), key, _nf_json_node_deep_copy (value));
}

/**
 * nf_document_get_meta_node:
 * @self: a document
 * @key: the name of the field
 *
 * Gets a free-form field.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if there is no
 *   such field
 */
JsonNode *
nf_document_get_meta_node (NfDocument *self,
                           const char *key)
{
  g_return_val_if_fail (NF_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (self->meta == NULL)
    return NULL;

  return json_object_get_member (self->meta, key);
}

/* ------------------------------------------------------------------ */
/* Failure                                                             */
/* ------------------------------------------------------------------ */

/**
 * nf_document_get_error:
 * @self: a document
 *
 * Gets why the document failed.
 *
 * Returns: (transfer none) (nullable): the error, or %NULL if the document
 *   has not failed
 */
const GError *
nf_document_get_error (NfDocument *self)
{
  g_return_val_if_fail (NF_IS_DOCUMENT (self), NULL);
  return self->error;
}

/**
 * nf_document_set_error:
 * @self: a document
 * @error: (nullable): why the document failed (copied), or %NULL to clear
 *
 * Marks the document as failed.  A failed document skips the filters that
 * follow and reaches the sinks, which write the error in its record.
 */
void
nf_document_set_error (NfDocument   *self,
                       const GError *error)
{
  g_return_if_fail (NF_IS_DOCUMENT (self));

  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  g_clear_pointer (&self->error_code_name, g_free);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/**
 * nf_document_has_error:
 * @self: a document
 *
 * Tells whether the document failed.
 *
 * Returns: %TRUE if the document has an error
 */
gboolean
nf_document_has_error (NfDocument *self)
{
  g_return_val_if_fail (NF_IS_DOCUMENT (self), FALSE);
  return self->error != NULL;
}

/**
 * nf_document_get_error_element:
 * @self: a document
 *
 * Gets the [property@Nf.Document:error-element], the element that failed
 * the document.
 *
 * Returns: (nullable): an element path, as `/pipeline0/fetch0`, or %NULL
 */
const char *
nf_document_get_error_element (NfDocument *self)
{
  g_return_val_if_fail (NF_IS_DOCUMENT (self), NULL);
  return self->error_element;
}

/**
 * nf_document_set_error_element:
 * @self: a document
 * @element_path: (nullable): the path of the element that failed the document
 *
 * Sets the [property@Nf.Document:error-element].
 */
void
nf_document_set_error_element (NfDocument *self,
                               const char *element_path)
{
  g_return_if_fail (NF_IS_DOCUMENT (self));

  if (_nf_set_utf8_string (&self->error_element, element_path))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_ELEMENT]);
}

/**
 * nf_document_get_http_status:
 * @self: a document
 *
 * Gets the [property@Nf.Document:http-status] the document was fetched with.
 *
 * Returns: the HTTP status, or 0
 */
guint
nf_document_get_http_status (NfDocument *self)
{
  g_return_val_if_fail (NF_IS_DOCUMENT (self), 0);
  return self->http_status;
}

/**
 * nf_document_set_http_status:
 * @self: a document
 * @status: an HTTP status, or 0
 *
 * Sets the [property@Nf.Document:http-status] the document was fetched
 * with.  The record writes it in its `error` object, for failed documents.
 */
void
nf_document_set_http_status (NfDocument *self,
                             guint       status)
{
  g_return_if_fail (NF_IS_DOCUMENT (self));

  if (self->http_status == status)
    return;

  self->http_status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HTTP_STATUS]);
}

/* ------------------------------------------------------------------ */
/* The JSON record: writing                                            */
/* ------------------------------------------------------------------ */

static gboolean
is_present (const char *string)
{
  return string != NULL && *string != '\0';
}

static JsonNode *
error_to_json (NfDocument *self)
{
  JsonObject *object = json_object_new ();
  JsonNode *node;
  g_autofree char *domain = nf_error_domain_to_string (self->error->domain);

  json_object_set_string_member (object, "domain", domain);

  if (self->error_code_name != NULL)
    json_object_set_string_member (object, "code", self->error_code_name);
  else
    {
      g_autofree char *code = nf_error_code_to_string (self->error->domain, self->error->code);
      g_autofree char *number = g_strdup_printf ("%d", self->error->code);

      /* a nick when the domain's enum knows the code, the number otherwise */
      if (strcmp (code, number) == 0)
        json_object_set_int_member (object, "code", self->error->code);
      else
        json_object_set_string_member (object, "code", code);
    }

  if (self->http_status != 0)
    json_object_set_int_member (object, "http_status", self->http_status);
  if (self->error_element != NULL)
    json_object_set_string_member (object, "element", self->error_element);
  json_object_set_string_member (object, "message",
                                 self->error->message != NULL ? self->error->message : "");

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);

  return node;
}

static char *
content_as_text (NfDocument *self)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (self->content, &length);
  char *text;

  /* the record is UTF-8: decode the bytes as an element reading them
   * would, and if they are not text at all, keep what can be kept */
  text = nf_decode_text (data, length, NULL, self->content_type, NULL, NULL, &error);
  if (text == NULL)
    text = _nf_utf8_make_valid ((const char *) data, length);

  return text;
}

/* @share: the node is written out and dropped at once (to_json_string),
 * so it may share the document's meta and unknown members. */
static JsonNode *
build_record (NfDocument *self,
              gboolean    include_content,
              gboolean    share)
{
  JsonObject *object = json_object_new ();
  JsonNode *node;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (is_present (self->fields[i]))
        json_object_set_string_member (object, field_json_names[i], self->fields[i]);

      /* authors goes between the title and the dates */
      if (i == FIELD_TITLE && self->authors != NULL && self->authors[0] != NULL)
        {
          JsonArray *authors = json_array_new ();

          for (guint j = 0; self->authors[j] != NULL; j++)
            json_array_add_string_element (authors, self->authors[j]);
          json_object_set_array_member (object, "authors", authors);
        }
    }

  if (self->summary != NULL && self->summary->len > 0)
    {
      JsonArray *summary = json_array_sized_new (self->summary->len);

      for (guint i = 0; i < self->summary->len; i++)
        json_array_add_element (summary, nf_sentence_to_json (g_ptr_array_index (self->summary, i)));
      json_object_set_array_member (object, "summary", summary);
    }

  if (self->tags != NULL && self->tags->len > 0)
    {
      JsonArray *tags = json_array_sized_new (self->tags->len);

      for (guint i = 0; i < self->tags->len; i++)
        json_array_add_element (tags, nf_tag_to_json (g_ptr_array_index (self->tags, i)));
      json_object_set_array_member (object, "tags", tags);
    }

  if (self->meta != NULL && json_object_get_size (self->meta) > 0)
    json_object_set_object_member (object, "meta",
                                   share ? json_object_ref (self->meta)
                                         : _nf_json_object_deep_copy (self->meta));

  if (self->error != NULL)
    json_object_set_member (object, "error", error_to_json (self));

  if (include_content && self->content != NULL)
    {
      if (self->content_type != NULL)
        json_object_set_string_member (object, "content_type", self->content_type);
      {
        g_autofree char *text = content_as_text (self);

        json_object_set_string_member (object, "content", text);
      }
    }

  if (self->extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, self->extra);
      while (json_object_iter_next_ordered (&iter, &name, &value))
        if (!json_object_has_member (object, name))
          json_object_set_member (object, name, _nf_json_node_deep_copy (value));
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);

  return node;
}

/**
 * nf_document_to_json:
 * @self: a document
 * @include_content: whether to write the raw content too
 *
 * Writes the document as the JSON record: the members `id`, `uri`,
 * `canonical_uri`, `title`, `authors`, `published`, `modified`, `language`,
 * `site_name`, `description`, `image`, `text`, `duplicate_of`, `summary`, `tags`, `meta`
 * and `error`, in that order, leaving out those the document does not have
 * (no empty strings, no empty arrays), followed by the members of the
 * record the document was read from that it did not know.
 *
 * `error` is `{"domain", "code", "http_status", "element", "message"}`:
 * the domain as [func@Nf.error_domain_to_string] names it, the code as
 * the nick of the domain's enum or, if the domain is not registered with
 * [func@Nf.error_register_domain], a number.
 *
 * With @include_content, `content_type` and `content` (the raw bytes as
 * text, decoded with [func@Nf.decode_text]) follow `error`.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
nf_document_to_json (NfDocument *self,
                     gboolean    include_content)
{
  g_return_val_if_fail (NF_IS_DOCUMENT (self), NULL);

  return build_record (self, include_content, FALSE);
}

/**
 * nf_document_to_json_string:
 * @self: a document
 * @include_content: whether to write the raw content too
 *
 * Writes the document as the JSON record ([method@Nf.Document.to_json]) on
 * one line, without a line break at the end: a line of JSON Lines.
 * Numbers are written in their shortest form (`0.91`).
 *
 * Returns: (transfer full): the record
 */
char *
nf_document_to_json_string (NfDocument *self,
                            gboolean    include_content)
{
  g_autoptr(JsonNode) node = NULL;
  GString *out;

  g_return_val_if_fail (NF_IS_DOCUMENT (self), NULL);

  node = build_record (self, include_content, TRUE);
  out = g_string_sized_new (self->fields[FIELD_TEXT] != NULL
                            ? strlen (self->fields[FIELD_TEXT]) + 1024 : 1024);
  _nf_json_write_node (out, node);

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* The JSON record: reading                                            */
/* ------------------------------------------------------------------ */

static const char * const record_members[] = {
  "id", "uri", "canonical_uri", "title", "authors", "published", "modified",
  "language", "site_name", "description", "image", "text", "duplicate_of", "summary", "tags",
  "meta", "error", "content", "content_type",
};

static gboolean
is_record_member (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (record_members); i++)
    if (strcmp (name, record_members[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
read_authors (NfDocument  *self,
              JsonNode    *node,
              GError     **error)
{
  JsonArray *array;
  guint n;

  if (node_is_absent (node))
    return TRUE;

  /* one author as a bare string is common enough in the wild */
  if (node_holds (node, G_TYPE_STRING))
    {
      nf_document_add_author (self, json_node_get_string (node));
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      _nf_json_set_type_error (error, NULL, "authors", "an array of strings", node);
      return FALSE;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *field = g_strdup_printf ("authors[%u]", i);

      if (!node_holds (element, G_TYPE_STRING))
        {
          _nf_json_set_type_error (error, NULL, field, "a string", element);
          return FALSE;
        }
      nf_document_add_author (self, json_node_get_string (element));
    }

  return TRUE;
}

static JsonArray *
get_array_member (JsonObject  *object,
                  const char  *member,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node_is_absent (node))
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      _nf_json_set_type_error (error, NULL, member, "an array", node);
      return NULL;
    }

  return json_node_get_array (node);
}

static gboolean
read_summary (NfDocument  *self,
              JsonObject  *object,
              GError     **error)
{
  GError *local_error = NULL;
  JsonArray *array = get_array_member (object, "summary", &local_error);
  guint n;

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("summary[%u]", i);
      g_autoptr(NfSentence) sentence =
        _nf_sentence_new_from_json_at (json_array_get_element (array, i), path,
                                       self->fields[FIELD_TEXT], error);

      if (sentence == NULL)
        return FALSE;
      nf_document_add_summary (self, sentence);
    }

  return TRUE;
}

static gboolean
read_tags (NfDocument  *self,
           JsonObject  *object,
           GError     **error)
{
  GError *local_error = NULL;
  JsonArray *array = get_array_member (object, "tags", &local_error);
  guint n;

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("tags[%u]", i);
      g_autoptr(NfTag) tag = _nf_tag_new_from_json_at (json_array_get_element (array, i),
                                                       path, error);

      if (tag == NULL)
        return FALSE;
      nf_document_add_tag (self, tag);
    }

  return TRUE;
}

static gboolean
read_meta (NfDocument  *self,
           JsonNode    *node,
           GError     **error)
{
  if (node_is_absent (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      _nf_json_set_type_error (error, NULL, "meta", "an object", node);
      return FALSE;
    }

  self->meta = _nf_json_object_deep_copy (json_node_get_object (node));
  return TRUE;
}

static GQuark
domain_from_record (const char *name)
{
  GQuark domain = nf_error_domain_from_string (name);
  g_autofree char *quark_name = NULL;

  if (domain != 0)
    return domain;

  /* a domain of a plugin not loaded in this process: keep its name */
  quark_name = g_str_has_suffix (name, "-quark") ? g_strdup (name)
                                                 : g_strconcat (name, "-quark", NULL);
  return g_quark_from_string (quark_name);
}

static gboolean
read_error (NfDocument  *self,
            JsonNode    *node,
            GError     **error)
{
  JsonObject *object;
  JsonNode *code_node;
  const char *domain_name = NULL, *message = NULL, *element = NULL;
  guint http_status = 0;
  GQuark domain;
  int code = 0;

  if (node_is_absent (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      _nf_json_set_type_error (error, NULL, "error", "an object", node);
      return FALSE;
    }
  object = json_node_get_object (node);

  if (!_nf_json_read_string (json_object_get_member (object, "domain"), "error", "domain",
                             &domain_name, error) ||
      !_nf_json_read_string (json_object_get_member (object, "message"), "error", "message",
                             &message, error) ||
      !_nf_json_read_string (json_object_get_member (object, "element"), "error", "element",
                             &element, error) ||
      !_nf_json_read_uint (json_object_get_member (object, "http_status"), "error",
                           "http_status", &http_status, error))
    return FALSE;

  if (domain_name == NULL || *domain_name == '\0')
    domain_name = "nf-element-error";
  domain = domain_from_record (domain_name);

  code_node = json_object_get_member (object, "code");
  if (node_is_absent (code_node))
    code = 0;
  else if (node_holds (code_node, G_TYPE_INT64))
    code = (int) CLAMP (json_node_get_int (code_node), G_MININT, G_MAXINT);
  else if (node_holds (code_node, G_TYPE_STRING))
    {
      const char *name = json_node_get_string (code_node);

      code = nf_error_code_from_string (domain, name);
      if (code == -1 && strcmp (name, "-1") != 0)
        self->error_code_name = _nf_utf8_strdup (name);
    }
  else
    {
      _nf_json_set_type_error (error, "error", "code", "a string or an integer", code_node);
      return FALSE;
    }

  self->error = g_error_new_literal (domain, code, message != NULL ? message : "");
  self->error_element = _nf_utf8_strdup (element);
  self->http_status = http_status;

  return TRUE;
}

static gboolean
read_content (NfDocument  *self,
              JsonObject  *object,
              GError     **error)
{
  const char *content = NULL, *content_type = NULL;

  if (!_nf_json_read_string (json_object_get_member (object, "content"), NULL, "content",
                             &content, error) ||
      !_nf_json_read_string (json_object_get_member (object, "content_type"), NULL,
                             "content_type", &content_type, error))
    return FALSE;

  if (content != NULL)
    self->content = g_bytes_new (content, strlen (content));
  self->content_type = _nf_utf8_strdup (content_type);

  return TRUE;
}

static void
keep_unknown_members (NfDocument *self,
                      JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      if (is_record_member (name))
        continue;
      if (self->extra == NULL)
        self->extra = json_object_new ();
      json_object_set_member (self->extra, name, _nf_json_node_deep_copy (value));
    }
}

/**
 * nf_document_new_from_json:
 * @node: a JSON object, as [method@Nf.Document.to_json] writes it
 * @error: return location for a #GError
 *
 * Reads a document from the JSON record.  Everything
 * [method@Nf.Document.to_json] writes is read back, including members it
 * does not know (at the top and in tags), which it writes back as they were.
 *
 * Missing and `null` members are absent values.  A record without `id`
 * is accepted: the source reading it gives it one.  `summary` may be a
 * list of strings, each then found in `text` for its offsets; `authors`
 * may be a single string.
 *
 * Returns: (transfer full) (nullable): a new document, or %NULL with
 *   @error set to %NF_ELEMENT_ERROR_FORMAT and a message naming the field
 *   at fault, as “field “title” must be a string, not an array”
 */
NfDocument *
nf_document_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(NfDocument) self = NULL;
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
                   "a record must be a JSON object, not %s", describe_node (node));
      return NULL;
    }
  object = json_node_get_object (node);

  self = g_object_new (NF_TYPE_DOCUMENT, NULL);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      const char *value = NULL;

      if (!_nf_json_read_string (json_object_get_member (object, field_json_names[i]),
                                 NULL, field_json_names[i], &value, error))
        return NULL;
      self->fields[i] = _nf_utf8_strdup (value);
    }

  if (!read_authors (self, json_object_get_member (object, "authors"), error) ||
      !read_summary (self, object, error) ||
      !read_tags (self, object, error) ||
      !read_meta (self, json_object_get_member (object, "meta"), error) ||
      !read_error (self, json_object_get_member (object, "error"), error) ||
      !read_content (self, object, error))
    return NULL;

  keep_unknown_members (self, object);

  return g_steal_pointer (&self);
}

/**
 * nf_document_new_from_json_string:
 * @json: a JSON record, as [method@Nf.Document.to_json_string] writes it
 * @length: the length of @json in bytes, or -1 if it is NUL-terminated
 * @error: return location for a #GError
 *
 * Reads a document from a JSON record in text; see
 * [ctor@Nf.Document.new_from_json].
 *
 * Returns: (transfer full) (nullable): a new document, or %NULL with
 *   @error set to %NF_ELEMENT_ERROR_FORMAT
 */
NfDocument *
nf_document_new_from_json_string (const char  *json,
                                  gssize       length,
                                  GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, length, &parse_error))
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
                   "invalid JSON: %s", parse_error->message);
      return NULL;
    }

  return nf_document_new_from_json (json_parser_get_root (parser), error);
}

/* ------------------------------------------------------------------ */
/* Offsets                                                             */
/* ------------------------------------------------------------------ */

/**
 * nf_offset_to_utf16:
 * @text: a UTF-8 text, as a document's text
 * @offset: a code-point offset into @text, as a sentence's or mention's
 *
 * Converts an offset counted in Unicode code points (as the JSON record
 * counts them) into one counted in UTF-16 code units (as JavaScript strings
 * count them): characters beyond the Basic Multilingual Plane, as most
 * emoji, count twice.  An offset past the end of @text gives the length
 * of @text in UTF-16 code units.
 *
 * Returns: the UTF-16 offset
 */
guint
nf_offset_to_utf16 (const char *text,
                    guint       offset)
{
  guint units = 0;
  const char *p = text;

  g_return_val_if_fail (text != NULL, 0);

  for (guint i = 0; i < offset && *p != '\0'; i++)
    {
      units += g_utf8_get_char (p) >= 0x10000 ? 2 : 1;
      p = g_utf8_next_char (p);
    }

  return units;
}

/**
 * nf_offset_from_utf16:
 * @text: a UTF-8 text, as a document's text
 * @offset: an offset into @text counted in UTF-16 code units
 *
 * Converts an offset counted in UTF-16 code units (as JavaScript counts)
 * into one counted in code points (as the JSON record counts); the inverse
 * of [func@Nf.offset_to_utf16].  An offset inside a surrogate pair counts
 * the whole character.  An offset past the end of @text gives the length
 * of @text in code points.
 *
 * Returns: the code-point offset
 */
guint
nf_offset_from_utf16 (const char *text,
                      guint       offset)
{
  guint units = 0;
  guint code_points = 0;
  const char *p = text;

  g_return_val_if_fail (text != NULL, 0);

  while (units < offset && *p != '\0')
    {
      units += g_utf8_get_char (p) >= 0x10000 ? 2 : 1;
      code_points++;
      p = g_utf8_next_char (p);
    }

  return code_points;
}
