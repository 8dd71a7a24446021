/* nf-tag.c: a person, place, keyword, topic or source attached to a document
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "newsfilter.h"
#include "nf-document-private.h"

/**
 * NfTag:
 *
 * Something a document is about or cites: a keyphrase, a named entity (a
 * person, place or organization), a topic, or a source quoted.
 *
 * A tag has a kind (one of the `NF_TAG_KIND_*` names, or any other word),
 * the text as it appears, an optional normalised form, an optional score,
 * an optional speaker (for sources), and the places where it is mentioned
 * in the document's text, as code-point offsets.
 *
 * In the JSON record a tag is an object
 * `{"kind", "text", "normalized", "score", "speaker", "mentions": [{"start", "end"}]}`
 * where only `kind` and `text` are required.  Members a tag does not know
 * are kept and written back.
 */

typedef struct {
  guint start;
  guint end;
} Mention;

struct _NfTag
{
  GObject     parent_instance;

  char       *kind;
  char       *text;
  char       *normalized;
  char       *speaker;
  double      score;
  gboolean    has_score;
  GArray     *mentions;   /* (element-type Mention) (nullable) */
  JsonObject *extra;      /* (nullable) members of a record we do not know */
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_TEXT,
  PROP_NORMALIZED,
  PROP_SCORE,
  PROP_SPEAKER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NfTag, nf_tag, G_TYPE_OBJECT)

static void
nf_tag_finalize (GObject *object)
{
  NfTag *self = NF_TAG (object);

  g_free (self->kind);
  g_free (self->text);
  g_free (self->normalized);
  g_free (self->speaker);
  g_clear_pointer (&self->mentions, g_array_unref);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (nf_tag_parent_class)->finalize (object);
}

static void
nf_tag_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  NfTag *self = NF_TAG (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_NORMALIZED:
      g_value_set_string (value, self->normalized);
      break;
    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;
    case PROP_SPEAKER:
      g_value_set_string (value, self->speaker);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_tag_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  NfTag *self = NF_TAG (object);

  switch (prop_id)
    {
    case PROP_KIND:
      nf_tag_set_kind (self, g_value_get_string (value));
      break;
    case PROP_TEXT:
      nf_tag_set_text (self, g_value_get_string (value));
      break;
    case PROP_NORMALIZED:
      nf_tag_set_normalized (self, g_value_get_string (value));
      break;
    case PROP_SCORE:
      nf_tag_set_score (self, g_value_get_double (value));
      break;
    case PROP_SPEAKER:
      nf_tag_set_speaker (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_tag_class_init (NfTagClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = nf_tag_finalize;
  object_class->get_property = nf_tag_get_property;
  object_class->set_property = nf_tag_set_property;

  /**
   * NfTag:kind:
   *
   * What the tag is: `keyword`, `person`, `place`, `organization`, `misc`,
   * `topic`, `source`, or a kind of an element's own.
   */
  properties[PROP_KIND] =
    g_param_spec_string ("kind", "Kind",
                         "What the tag is: keyword, person, place, organization, misc, topic, source",
                         NULL, flags);

  /**
   * NfTag:text:
   *
   * The tag as it appears in the document, as `Sergei Lavrov`.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", "Text",
                         "The tag as it appears in the document",
                         NULL, flags);

  /**
   * NfTag:normalized:
   *
   * A normal form of the tag's text that equal tags share, as
   * `sergei lavrov`, or %NULL.
   */
  properties[PROP_NORMALIZED] =
    g_param_spec_string ("normalized", "Normalized",
                         "A normal form of the text that equal tags share",
                         NULL, flags);

  /**
   * NfTag:score:
   *
   * How strongly the tag belongs to the document, higher is stronger;
   * 0 until set.
   */
  properties[PROP_SCORE] =
    g_param_spec_double ("score", "Score",
                         "How strongly the tag belongs to the document",
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);

  /**
   * NfTag:speaker:
   *
   * For a `source` tag, who speaks, or %NULL.
   */
  properties[PROP_SPEAKER] =
    g_param_spec_string ("speaker", "Speaker",
                         "For a source tag, who speaks",
                         NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nf_tag_init (NfTag *self)
{
}

/**
 * nf_tag_new:
 * @kind: (nullable): the kind of tag, as %NF_TAG_KIND_PERSON
 * @text: (nullable): the tag as it appears in the document
 *
 * Creates a tag without score, normal form or mentions.
 *
 * Returns: (transfer full): a new tag
 */
NfTag *
nf_tag_new (const char *kind,
            const char *text)
{
  NfTag *self = g_object_new (NF_TYPE_TAG, NULL);

  self->kind = _nf_utf8_strdup (kind);
  self->text = _nf_utf8_strdup (text);

  return self;
}

/**
 * nf_tag_copy:
 * @self: a tag
 *
 * Copies a tag with everything it holds.
 *
 * Returns: (transfer full): a new tag equal to @self
 */
NfTag *
nf_tag_copy (NfTag *self)
{
  NfTag *copy;

  g_return_val_if_fail (NF_IS_TAG (self), NULL);

  copy = g_object_new (NF_TYPE_TAG, NULL);
  copy->kind = g_strdup (self->kind);
  copy->text = g_strdup (self->text);
  copy->normalized = g_strdup (self->normalized);
  copy->speaker = g_strdup (self->speaker);
  copy->score = self->score;
  copy->has_score = self->has_score;
  if (self->mentions != NULL)
    {
      copy->mentions = g_array_sized_new (FALSE, FALSE, sizeof (Mention), self->mentions->len);
      g_array_append_vals (copy->mentions, self->mentions->data, self->mentions->len);
    }
  if (self->extra != NULL)
    copy->extra = _nf_json_object_deep_copy (self->extra);

  return copy;
}

static void
set_string_property (NfTag       *self,
                     char       **field,
                     const char  *value,
                     guint        prop_id)
{
  if (_nf_set_utf8_string (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/**
 * nf_tag_get_kind:
 * @self: a tag
 *
 * Gets the [property@Nf.Tag:kind] of the tag.
 *
 * Returns: (nullable): the kind
 */
const char *
nf_tag_get_kind (NfTag *self)
{
  g_return_val_if_fail (NF_IS_TAG (self), NULL);
  return self->kind;
}

/**
 * nf_tag_set_kind:
 * @self: a tag
 * @kind: (nullable): the kind of tag, as %NF_TAG_KIND_PLACE
 *
 * Sets the [property@Nf.Tag:kind] of the tag.
 */
void
nf_tag_set_kind (NfTag      *self,
                 const char *kind)
{
  g_return_if_fail (NF_IS_TAG (self));
  set_string_property (self, &self->kind, kind, PROP_KIND);
}

/**
 * nf_tag_get_text:
 * @self: a tag
 *
 * Gets the [property@Nf.Tag:text] of the tag.
 *
 * Returns: (nullable): the text
 */
const char *
nf_tag_get_text (NfTag *self)
{
  g_return_val_if_fail (NF_IS_TAG (self), NULL);
  return self->text;
}

/**
 * nf_tag_set_text:
 * @self: a tag
 * @text: (nullable): the tag as it appears in the document
 *
 * Sets the [property@Nf.Tag:text] of the tag.  Invalid UTF-8 is stored
 * with U+FFFD in place of the bad bytes.
 */
void
nf_tag_set_text (NfTag      *self,
                 const char *text)
{
  g_return_if_fail (NF_IS_TAG (self));
  set_string_property (self, &self->text, text, PROP_TEXT);
}

/**
 * nf_tag_get_normalized:
 * @self: a tag
 *
 * Gets the [property@Nf.Tag:normalized] form of the tag.
 *
 * Returns: (nullable): the normal form, or %NULL if there is none
 */
const char *
nf_tag_get_normalized (NfTag *self)
{
  g_return_val_if_fail (NF_IS_TAG (self), NULL);
  return self->normalized;
}

/**
 * nf_tag_set_normalized:
 * @self: a tag
 * @normalized: (nullable): a normal form of the tag's text
 *
 * Sets the [property@Nf.Tag:normalized] form of the tag.
 */
void
nf_tag_set_normalized (NfTag      *self,
                       const char *normalized)
{
  g_return_if_fail (NF_IS_TAG (self));
  set_string_property (self, &self->normalized, normalized, PROP_NORMALIZED);
}

/**
 * nf_tag_get_score:
 * @self: a tag
 *
 * Gets the [property@Nf.Tag:score] of the tag.
 *
 * Returns: the score, 0 if none was set
 */
double
nf_tag_get_score (NfTag *self)
{
  g_return_val_if_fail (NF_IS_TAG (self), 0.0);
  return self->score;
}

/**
 * nf_tag_set_score:
 * @self: a tag
 * @score: how strongly the tag belongs to the document
 *
 * Sets the [property@Nf.Tag:score] of the tag.  A tag whose score was
 * never set has no `score` in the JSON record.
 */
void
nf_tag_set_score (NfTag  *self,
                  double  score)
{
  g_return_if_fail (NF_IS_TAG (self));

  if (self->has_score && self->score == score)
    return;

  self->score = score;
  self->has_score = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORE]);
}

/**
 * nf_tag_has_score:
 * @self: a tag
 *
 * Tells whether the tag's score was set.
 *
 * Returns: %TRUE if [method@Nf.Tag.set_score] was called or the record
 *   the tag was read from had a score
 */
gboolean
nf_tag_has_score (NfTag *self)
{
  g_return_val_if_fail (NF_IS_TAG (self), FALSE);
  return self->has_score;
}

/**
 * nf_tag_get_speaker:
 * @self: a tag
 *
 * Gets the [property@Nf.Tag:speaker] of a source tag.
 *
 * Returns: (nullable): the speaker, or %NULL
 */
const char *
nf_tag_get_speaker (NfTag *self)
{
  g_return_val_if_fail (NF_IS_TAG (self), NULL);
  return self->speaker;
}

/**
 * nf_tag_set_speaker:
 * @self: a tag
 * @speaker: (nullable): who speaks
 *
 * Sets the [property@Nf.Tag:speaker] of a source tag.
 */
void
nf_tag_set_speaker (NfTag      *self,
                    const char *speaker)
{
  g_return_if_fail (NF_IS_TAG (self));
  set_string_property (self, &self->speaker, speaker, PROP_SPEAKER);
}

/**
 * nf_tag_add_mention:
 * @self: a tag
 * @start: the code-point offset in the document's text where a mention starts
 * @end: the code-point offset where it ends (exclusive)
 *
 * Records a place where the tag is mentioned in the document's text.
 * Offsets count Unicode code points; see [func@Nf.offset_to_utf16].
 */
void
nf_tag_add_mention (NfTag *self,
                    guint  start,
                    guint  end)
{
  Mention mention = { start, end };

  g_return_if_fail (NF_IS_TAG (self));
  g_return_if_fail (start <= end);

  if (self->mentions == NULL)
    self->mentions = g_array_new (FALSE, FALSE, sizeof (Mention));
  g_array_append_val (self->mentions, mention);
}

/**
 * nf_tag_get_n_mentions:
 * @self: a tag
 *
 * Counts the mentions of the tag.
 *
 * Returns: the number of mentions
 */
guint
nf_tag_get_n_mentions (NfTag *self)
{
  g_return_val_if_fail (NF_IS_TAG (self), 0);
  return self->mentions != NULL ? self->mentions->len : 0;
}

/**
 * nf_tag_get_mention:
 * @self: a tag
 * @index: the index of a mention, from 0
 * @start: (out) (optional): where the mention starts
 * @end: (out) (optional): where the mention ends (exclusive)
 *
 * Gets a mention of the tag, as code-point offsets into the document's text.
 *
 * Returns: %TRUE if there is a mention at @index
 */
gboolean
nf_tag_get_mention (NfTag *self,
                    guint  index,
                    guint *start,
                    guint *end)
{
  const Mention *mention;

  g_return_val_if_fail (NF_IS_TAG (self), FALSE);

  if (self->mentions == NULL || index >= self->mentions->len)
    return FALSE;

  mention = &g_array_index (self->mentions, Mention, index);
  if (start != NULL)
    *start = mention->start;
  if (end != NULL)
    *end = mention->end;

  return TRUE;
}

/**
 * nf_tag_to_json:
 * @self: a tag
 *
 * Writes the tag as the JSON record does:
 * `{"kind", "text", "normalized", "score", "speaker", "mentions"}`, leaving
 * out what the tag does not have, followed by the members of the record
 * the tag was read from that it did not know.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
nf_tag_to_json (NfTag *self)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (NF_IS_TAG (self), NULL);

  object = json_object_new ();

  if (self->kind != NULL)
    json_object_set_string_member (object, "kind", self->kind);
  if (self->text != NULL)
    json_object_set_string_member (object, "text", self->text);
  if (self->normalized != NULL)
    json_object_set_string_member (object, "normalized", self->normalized);
  if (self->has_score)
    json_object_set_double_member (object, "score", self->score);
  if (self->speaker != NULL)
    json_object_set_string_member (object, "speaker", self->speaker);
  if (self->mentions != NULL && self->mentions->len > 0)
    {
      JsonArray *mentions = json_array_sized_new (self->mentions->len);

      for (guint i = 0; i < self->mentions->len; i++)
        {
          const Mention *mention = &g_array_index (self->mentions, Mention, i);
          JsonObject *pair = json_object_new ();

          json_object_set_int_member (pair, "start", mention->start);
          json_object_set_int_member (pair, "end", mention->end);
          json_array_add_object_element (mentions, pair);
        }
      json_object_set_array_member (object, "mentions", mentions);
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

static gboolean
read_mentions (NfTag       *self,
               JsonNode    *node,
               const char  *path,
               GError     **error)
{
  g_autofree char *field = _nf_json_field_name (path, "mentions");
  JsonArray *array;
  guint n;

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      _nf_json_set_type_error (error, path, "mentions", "an array", node);
      return FALSE;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *element_path = g_strdup_printf ("%s[%u]", field, i);
      JsonObject *pair;
      guint start = 0, end = 0;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          _nf_json_set_type_error (error, NULL, element_path, "an object", element);
          return FALSE;
        }
      pair = json_node_get_object (element);

      if (!_nf_json_read_uint (json_object_get_member (pair, "start"),
                               element_path, "start", &start, error) ||
          !_nf_json_read_uint (json_object_get_member (pair, "end"),
                               element_path, "end", &end, error))
        return FALSE;

      if (end < start)
        {
          g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
                       "field “%s” ends (%u) before it starts (%u)",
                       element_path, end, start);
          return FALSE;
        }

      nf_tag_add_mention (self, start, end);
    }

  return TRUE;
}

static gboolean
is_known_member (const char *name)
{
  static const char * const known[] = {
    "kind", "text", "normalized", "score", "speaker", "mentions",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    if (strcmp (name, known[i]) == 0)
      return TRUE;

  return FALSE;
}

NfTag *
_nf_tag_new_from_json_at (JsonNode    *node,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(NfTag) self = NULL;
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  const char *kind = NULL, *text = NULL, *normalized = NULL, *speaker = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      if (path != NULL)
        _nf_json_set_type_error (error, NULL, path, "an object", node);
      else
        g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
                     "a tag must be an object");
      return NULL;
    }
  object = json_node_get_object (node);

  if (!_nf_json_read_string (json_object_get_member (object, "kind"), path, "kind", &kind, error) ||
      !_nf_json_read_string (json_object_get_member (object, "text"), path, "text", &text, error) ||
      !_nf_json_read_string (json_object_get_member (object, "normalized"), path, "normalized",
                             &normalized, error) ||
      !_nf_json_read_string (json_object_get_member (object, "speaker"), path, "speaker",
                             &speaker, error))
    return NULL;

  if (kind == NULL || text == NULL)
    {
      g_autofree char *field = _nf_json_field_name (path, kind == NULL ? "kind" : "text");

      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
                   "field “%s” is missing: a tag needs a kind and a text", field);
      return NULL;
    }

  self = nf_tag_new (kind, text);
  self->normalized = _nf_utf8_strdup (normalized);
  self->speaker = _nf_utf8_strdup (speaker);

  value = json_object_get_member (object, "score");
  if (value != NULL && !JSON_NODE_HOLDS_NULL (value))
    {
      if (!_nf_json_read_double (value, path, "score", &self->score, error))
        return NULL;
      self->has_score = TRUE;
    }

  value = json_object_get_member (object, "mentions");
  if (value != NULL && !read_mentions (self, value, path, error))
    return NULL;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      if (is_known_member (name))
        continue;
      if (self->extra == NULL)
        self->extra = json_object_new ();
      json_object_set_member (self->extra, name, _nf_json_node_deep_copy (value));
    }

  return g_steal_pointer (&self);
}

/**
 * nf_tag_new_from_json:
 * @node: a JSON object, as [method@Nf.Tag.to_json] writes it
 * @error: return location for a #GError
 *
 * Reads a tag of the JSON record.  `kind` and `text` are required; members
 * the tag does not know are kept, and written back by [method@Nf.Tag.to_json].
 *
 * Returns: (transfer full) (nullable): a new tag, or %NULL with @error set
 *   (%NF_ELEMENT_ERROR_FORMAT, naming the field at fault)
 */
NfTag *
nf_tag_new_from_json (JsonNode  *node,
                      GError   **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _nf_tag_new_from_json_at (node, NULL, error);
}
