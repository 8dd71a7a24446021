/* nf-sentence.c: a scored stretch of a document's text (a summary sentence)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "newsfilter.h"
#include "nf-document-private.h"

/**
 * NfSentence:
 *
 * A sentence chosen from a document's text, with its place in the text and
 * a score: what a summary is made of.
 *
 * `start` and `end` count Unicode code points in the document's text, end
 * exclusive.  Sentences cannot change once created; in the JSON record a
 * sentence is `{"text", "start", "end", "score"}`.
 */

struct _NfSentence
{
  GObject  parent_instance;

  char    *text;
  guint    start;
  guint    end;
  double   score;
};

enum {
  PROP_0,
  PROP_TEXT,
  PROP_START,
  PROP_END,
  PROP_SCORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NfSentence, nf_sentence, G_TYPE_OBJECT)

static void
nf_sentence_finalize (GObject *object)
{
  NfSentence *self = NF_SENTENCE (object);

  g_free (self->text);

  G_OBJECT_CLASS (nf_sentence_parent_class)->finalize (object);
}

static void
nf_sentence_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NfSentence *self = NF_SENTENCE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_START:
      g_value_set_uint (value, self->start);
      break;
    case PROP_END:
      g_value_set_uint (value, self->end);
      break;
    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_sentence_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NfSentence *self = NF_SENTENCE (object);

  /* all construct-only: set once, before anyone can listen */
  switch (prop_id)
    {
    case PROP_TEXT:
      _nf_set_utf8_string (&self->text, g_value_get_string (value));
      break;
    case PROP_START:
      self->start = g_value_get_uint (value);
      break;
    case PROP_END:
      self->end = g_value_get_uint (value);
      break;
    case PROP_SCORE:
      self->score = g_value_get_double (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_sentence_class_init (NfSentenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                      G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = nf_sentence_finalize;
  object_class->get_property = nf_sentence_get_property;
  object_class->set_property = nf_sentence_set_property;

  /**
   * NfSentence:text:
   *
   * The sentence's text.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", "Text", "The sentence's text", NULL, flags);

  /**
   * NfSentence:start:
   *
   * Where the sentence starts in the document's text, in code points.
   */
  properties[PROP_START] =
    g_param_spec_uint ("start", "Start",
                       "Where the sentence starts in the document's text, in code points",
                       0, G_MAXUINT, 0, flags);

  /**
   * NfSentence:end:
   *
   * Where the sentence ends in the document's text, in code points,
   * exclusive.
   */
  properties[PROP_END] =
    g_param_spec_uint ("end", "End",
                       "Where the sentence ends in the document's text, in code points (exclusive)",
                       0, G_MAXUINT, 0, flags);

  /**
   * NfSentence:score:
   *
   * How important the sentence is to the document, higher is more.
   */
  properties[PROP_SCORE] =
    g_param_spec_double ("score", "Score",
                         "How important the sentence is to the document",
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nf_sentence_init (NfSentence *self)
{
}

/**
 * nf_sentence_new:
 * @text: the sentence's text
 * @start: where it starts in the document's text, in code points
 * @end: where it ends, in code points, exclusive
 * @score: how important it is
 *
 * Creates a sentence.  Invalid UTF-8 in @text is stored with U+FFFD in
 * place of the bad bytes.
 *
 * Returns: (transfer full): a new sentence
 */
NfSentence *
nf_sentence_new (const char *text,
                 guint       start,
                 guint       end,
                 double      score)
{
  NfSentence *self;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (start <= end, NULL);

  self = g_object_new (NF_TYPE_SENTENCE, NULL);
  self->text = _nf_utf8_strdup (text);
  self->start = start;
  self->end = end;
  self->score = score;

  return self;
}

/**
 * nf_sentence_get_text:
 * @self: a sentence
 *
 * Gets the [property@Nf.Sentence:text] of the sentence.
 *
 * Returns: the text
 */
const char *
nf_sentence_get_text (NfSentence *self)
{
  g_return_val_if_fail (NF_IS_SENTENCE (self), NULL);
  return self->text != NULL ? self->text : "";
}

/**
 * nf_sentence_get_start:
 * @self: a sentence
 *
 * Gets the [property@Nf.Sentence:start] of the sentence.
 *
 * Returns: the code-point offset where the sentence starts
 */
guint
nf_sentence_get_start (NfSentence *self)
{
  g_return_val_if_fail (NF_IS_SENTENCE (self), 0);
  return self->start;
}

/**
 * nf_sentence_get_end:
 * @self: a sentence
 *
 * Gets the [property@Nf.Sentence:end] of the sentence.
 *
 * Returns: the code-point offset where the sentence ends (exclusive)
 */
guint
nf_sentence_get_end (NfSentence *self)
{
  g_return_val_if_fail (NF_IS_SENTENCE (self), 0);
  return self->end;
}

/**
 * nf_sentence_get_score:
 * @self: a sentence
 *
 * Gets the [property@Nf.Sentence:score] of the sentence.
 *
 * Returns: the score
 */
double
nf_sentence_get_score (NfSentence *self)
{
  g_return_val_if_fail (NF_IS_SENTENCE (self), 0.0);
  return self->score;
}

/**
 * nf_sentence_to_json:
 * @self: a sentence
 *
 * Writes the sentence as the JSON record does:
 * `{"text": …, "start": …, "end": …, "score": …}`.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
nf_sentence_to_json (NfSentence *self)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (NF_IS_SENTENCE (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "text", nf_sentence_get_text (self));
  json_object_set_int_member (object, "start", self->start);
  json_object_set_int_member (object, "end", self->end);
  json_object_set_double_member (object, "score", self->score);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);

  return node;
}

/* A summary given as bare strings: find each one in the text, so that its
 * offsets are right when it is there. */
static NfSentence *
sentence_from_string (const char *sentence,
                      const char *text)
{
  const char *found = text != NULL && *sentence != '\0' ? strstr (text, sentence) : NULL;
  guint start = 0, end = 0;

  if (found != NULL)
    {
      start = g_utf8_strlen (text, found - text);
      end = start + g_utf8_strlen (sentence, -1);
    }

  return nf_sentence_new (sentence, start, end, 0.0);
}

NfSentence *
_nf_sentence_new_from_json_at (JsonNode    *node,
                               const char  *path,
                               const char  *text,
                               GError     **error)
{
  JsonObject *object;
  const char *sentence_text = NULL;
  guint start = 0, end = 0;
  double score = 0.0;
  const char *where = path != NULL ? path : "sentence";

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return sentence_from_string (json_node_get_string (node), text);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      _nf_json_set_type_error (error, NULL, where, "an object or a string", node);
      return NULL;
    }
  object = json_node_get_object (node);

  if (!_nf_json_read_string (json_object_get_member (object, "text"), path, "text",
                             &sentence_text, error) ||
      !_nf_json_read_uint (json_object_get_member (object, "start"), path, "start",
                           &start, error) ||
      !_nf_json_read_uint (json_object_get_member (object, "end"), path, "end", &end, error) ||
      !_nf_json_read_double (json_object_get_member (object, "score"), path, "score",
                             &score, error))
    return NULL;

  if (sentence_text == NULL)
    {
      g_autofree char *field = _nf_json_field_name (path, "text");

      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
                   "field “%s” is missing: a sentence needs a text", field);
      return NULL;
    }

  if (!json_object_has_member (object, "start") && !json_object_has_member (object, "end"))
    {
      g_autoptr(NfSentence) located = sentence_from_string (sentence_text, text);

      start = located->start;
      end = located->end;
    }

  if (end < start)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
                   "field “%s” ends (%u) before it starts (%u)", where, end, start);
      return NULL;
    }

  return nf_sentence_new (sentence_text, start, end, score);
}

/**
 * nf_sentence_new_from_json:
 * @node: a JSON object as [method@Nf.Sentence.to_json] writes it, or a string
 * @error: return location for a #GError
 *
 * Reads a sentence of the JSON record.  A bare string is accepted as a
 * sentence with offsets 0 and score 0.
 *
 * Returns: (transfer full) (nullable): a new sentence, or %NULL with @error
 *   set (%NF_ELEMENT_ERROR_FORMAT, naming the field at fault)
 */
NfSentence *
nf_sentence_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _nf_sentence_new_from_json_at (node, NULL, NULL, error);
}
