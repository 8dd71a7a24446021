/* nf-ner-model.c: the entity recogniser's model file and decoder
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A model file is a 32-byte header, the hashed weight table as 16-bit
 * integers and the lexicon as (key, value) pairs, all little endian.  It is
 * mapped, checked once (sizes and a checksum) and then only read, so one
 * model serves every thread.
 *
 * Decoding is greedy, left to right, with the labels already chosen as
 * features and only valid BILOU transitions allowed.
 */
#include "nf-ner-private.h"

#include <math.h>
#include <string.h>

#define HEADER_SIZE 32
static const char model_magic[8] = { 'N', 'F', 'N', 'E', 'R', 'M', 'D', 'L' };

struct _NfNerModel
{
  GMappedFile  *file;
  const gint16 *weights;
  guint         bits;
  NfNerLexicon  lexicon;
};

/* Titles and roles that come before a name but are not part of it. */
static const char * const titles[] = {
  "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.",
  "sir", "president", "minister", "prime", "foreign", "secretary",
  "senator", "sen.", "gov.", "governor", "general", "gen.", "judge",
  "chancellor", "king", "queen", "prince", "princess", "pope", "coach",
  "captain", "capt.", "chairman", "spokesman", "spokeswoman",
  "spokesperson", "mayor", "director", "sheikh", "ambassador", "envoy",
  "lt.", "col.", "sgt.", "rev.", "father", "bishop", "archbishop",
  "cardinal", "premier", "deputy", "commissioner", "officer",
  NULL
};

/* ---- labels ---------------------------------------------------------------- */

/**
 * nf_ner_transition_allowed:
 * @previous: the label before
 * @label: the label after it
 *
 * BILOU: a B or I is followed by an I or L of its kind, anything else by
 * O, B or U.
 *
 * Returns: whether @label may follow @previous
 */
gboolean
nf_ner_transition_allowed (guint previous,
                           guint label)
{
  char before = nf_ner_label_part (previous);
  char after = nf_ner_label_part (label);

  if (before == 'B' || before == 'I')
    return (after == 'I' || after == 'L') &&
           nf_ner_label_kind (label) == nf_ner_label_kind (previous);
  return after == 'O' || after == 'B' || after == 'U';
}

/* Features asked for before any is read (see nf_hashed_score()). */
#define PREFETCH_BATCH 16

/* Adds the weights of the labels of one feature slot to @scores. */
static inline void
add_feature_weights (guint          base,
                     guint          mask,
                     const float   *weights_f,
                     const gint16  *weights_i,
                     guint          n_labels,
                     double        *scores)
{
  if (weights_f)
    for (guint l = 0; l < n_labels; l++)
      scores[l] += weights_f[(base + l) & mask];
  else
    for (guint l = 0; l < n_labels; l++)
      scores[l] += (gint16) GINT16_FROM_LE (weights_i[(base + l) & mask]);
}

/**
 * nf_hashed_score:
 * @hashes: feature hashes (0 ends them early)
 * @n_hashes: how many at most
 * @weights_f: (nullable): float weights (training)
 * @weights_i: (nullable): 16-bit weights (a model file), if no @weights_f
 * @bits: log2 of the weight table's size
 * @n_labels: how many labels follow each feature's slot
 * @scores: (out caller-allocates): @n_labels scores, added to
 *
 * Adds each label's weights for the features to @scores: a feature keeps
 * the weight of label l at its hash's slot + l, so that the entity
 * recogniser and the part-of-speech tagger share one layout.
 */
void
nf_hashed_score (const guint32 *hashes,
                 guint          n_hashes,
                 const float   *weights_f,
                 const gint16  *weights_i,
                 guint          bits,
                 guint          n_labels,
                 double        *scores)
{
  guint mask = (1u << bits) - 1;
  guint bases[PREFETCH_BATCH];

  /* The table is megabytes and each feature lands somewhere else in it:
   * the time goes in cache misses. Asking for a batch of slots before
   * reading any lets the misses overlap. */
  for (guint first = 0; first < n_hashes && hashes[first]; first += PREFETCH_BATCH)
    {
      guint n = 0;
      gboolean ended = FALSE;

      for (guint f = first; n < PREFETCH_BATCH; f++, n++)
        {
          if (f >= n_hashes || hashes[f] == 0)
            {
              ended = TRUE;
              break;
            }
          bases[n] = nf_ner_weight_index (hashes[f], bits);
          if (weights_f)
            __builtin_prefetch (&weights_f[bases[n]]);
          else
            __builtin_prefetch (&weights_i[bases[n]]);
        }
      for (guint b = 0; b < n; b++)
        add_feature_weights (bases[b], mask, weights_f, weights_i, n_labels, scores);
      if (ended)
        break;
    }
}

/**
 * nf_ner_score_token:
 * @hashes: the token's feature hashes (0 ends them early)
 * @n_hashes: how many at most
 * @weights_f: (nullable): float weights (training)
 * @weights_i: (nullable): 16-bit weights (a model file), if no @weights_f
 * @bits: log2 of the weight table's size
 * @scores: (out caller-allocates): NF_NER_N_LABELS scores, added to
 *
 * Adds each label's weights for the features to @scores.
 */
void
nf_ner_score_token (const guint32 *hashes,
                    guint          n_hashes,
                    const float   *weights_f,
                    const gint16  *weights_i,
                    guint          bits,
                    double        *scores)
{
  nf_hashed_score (hashes, n_hashes, weights_f, weights_i, bits, NF_NER_N_LABELS, scores);
}

/**
 * nf_ner_best_label:
 * @scores: every label's score
 * @previous: the label before (O at a sentence's start)
 * @last: whether this is the sentence's last token
 *
 * Returns: the best label that may follow @previous (and end the sentence
 *   when @last)
 */
guint
nf_ner_best_label (const double *scores,
                   guint         previous,
                   gboolean      last)
{
  guint best = G_MAXUINT;

  for (guint l = 0; l < NF_NER_N_LABELS; l++)
    {
      char part = nf_ner_label_part (l);

      if (!nf_ner_transition_allowed (previous, l) ||
          (last && (part == 'B' || part == 'I')))
        continue;
      if (best == G_MAXUINT || scores[l] > scores[best])
        best = l;
    }
  return best;
}

/**
 * nf_ner_decode_sentence:
 * @features: the sentence's features
 * @weights_f: (nullable): float weights
 * @weights_i: (nullable): 16-bit weights
 * @bits: log2 of the weight table's size
 * @labels: (out caller-allocates): a label for each token
 *
 * Labels the sentence's tokens left to right.
 */
void
nf_ner_decode_sentence (const NfNerSentenceFeatures *features,
                        const float                 *weights_f,
                        const gint16                *weights_i,
                        guint                        bits,
                        guint                       *labels)
{
  for (guint i = 0; i < features->n_tokens; i++)
    {
      double scores[NF_NER_N_LABELS] = { 0 };
      guint32 dynamic[NF_NER_N_DYNAMIC];
      guint previous = i > 0 ? labels[i - 1] : NF_NER_LABEL_O;
      guint previous2 = i > 1 ? labels[i - 2] : NF_NER_LABEL_O;
      guint n_dynamic = nf_ner_features_dynamic (features, i, previous, previous2, dynamic);

      nf_ner_score_token (features->hashes + (gsize) i * features->stride,
                          features->stride, weights_f, weights_i, bits, scores);
      nf_ner_score_token (dynamic, n_dynamic, weights_f, weights_i, bits, scores);
      labels[i] = nf_ner_best_label (scores, previous, i + 1 == features->n_tokens);
    }
}

/* Whether the token is a title or role ("Minister", "Mr."). */
static gboolean
is_title (const char *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);

  return g_strv_contains (titles, lower);
}

/**
 * nf_ner_labels_to_mentions:
 * @tokens: the tokens
 * @labels: their labels
 * @n_tokens: how many
 *
 * Turns BILOU labels into mentions; a person's leading titles and roles
 * are left out of the name.
 *
 * Returns: (transfer full) (element-type NfNerMention): the mentions
 */
GArray *
nf_ner_labels_to_mentions (const NfNerToken *tokens,
                           const guint      *labels,
                           guint             n_tokens)
{
  GArray *mentions = g_array_new (FALSE, FALSE, sizeof (NfNerMention));

  for (guint i = 0; i < n_tokens;)
    {
      char part = nf_ner_label_part (labels[i]);
      NfNerKind kind;
      guint first = i, last = i;

      if (part == 'O')
        {
          i++;
          continue;
        }
      kind = nf_ner_label_kind (labels[i]);
      if (part == 'B' || part == 'I')
        while (last + 1 < n_tokens &&
               labels[last + 1] != NF_NER_LABEL_O &&
               nf_ner_label_kind (labels[last + 1]) == kind &&
               (nf_ner_label_part (labels[last + 1]) == 'I' ||
                nf_ner_label_part (labels[last + 1]) == 'L'))
          {
            last++;
            if (nf_ner_label_part (labels[last]) == 'L')
              break;
          }
      i = last + 1;
      if (kind == NF_NER_PERSON)
        while (first < last && is_title (tokens[first].text))
          first++;
      g_array_append_val (mentions, ((NfNerMention) {
        .start = tokens[first].start, .end = tokens[last].end, .kind = kind }));
    }
  return mentions;
}

/* ---- the file --------------------------------------------------------------- */

/**
 * nf_model_checksum:
 * @data: a model file's body
 * @length: its size in bytes
 *
 * Returns: a checksum of the body (FNV-1a over 32-bit words), stored in the
 *   header of the tag plugin's model files
 */
guint32
nf_model_checksum (const guchar *data,
                   gsize         length)
{
  guint32 h = 2166136261u;
  gsize i;

  for (i = 0; i + 4 <= length; i += 4)
    {
      guint32 word;
      memcpy (&word, data + i, 4);
      h = (h ^ GUINT32_FROM_LE (word)) * 16777619u;
    }
  for (; i < length; i++)
    h = (h ^ data[i]) * 16777619u;
  return h;
}

/**
 * nf_model_put_u32:
 * @header: a model file's header
 * @offset: where in it
 * @value: the number
 *
 * Writes a little-endian 32-bit number into a header.
 */
void
nf_model_put_u32 (guchar  *header,
                  guint    offset,
                  guint32  value)
{
  value = GUINT32_TO_LE (value);
  memcpy (header + offset, &value, 4);
}

/**
 * nf_model_get_u32:
 * @header: a model file's header
 * @offset: where in it
 *
 * Returns: the little-endian 32-bit number at @offset
 */
guint32
nf_model_get_u32 (const guchar *header,
                  guint         offset)
{
  guint32 value;

  memcpy (&value, header + offset, 4);
  return GUINT32_FROM_LE (value);
}

/**
 * nf_model_quantize:
 * @weights: float weights
 * @n: how many
 * @out: (out caller-allocates): @n little-endian 16-bit weights
 *
 * Scales the weights so that the largest becomes 32767 and rounds them:
 * the ranking of labels survives, the file is half the size.
 */
void
nf_model_quantize (const float *weights,
                   gsize        n,
                   gint16      *out)
{
  float max = 0;
  double scale;

  for (gsize i = 0; i < n; i++)
    max = MAX (max, fabsf (weights[i]));
  scale = max > 0 ? 32767.0 / max : 1.0;
  for (gsize i = 0; i < n; i++)
    out[i] = GINT16_TO_LE ((gint16) lrint (weights[i] * scale));
}

/**
 * nf_ner_model_write:
 * @path: where to write
 * @weights: the trained weights (2^@bits floats)
 * @bits: log2 of the weight table's size
 * @lexicon_slots: the lexicon (2 * @lexicon_n_slots numbers, little endian)
 * @lexicon_n_slots: its number of slots (a power of two)
 * @error: return location for a #GError
 *
 * Writes a model file, the weights scaled to 16-bit integers.
 *
 * Returns: whether the file was written
 */
gboolean
nf_ner_model_write (const char     *path,
                    const float    *weights,
                    guint           bits,
                    const guint32  *lexicon_slots,
                    guint           lexicon_n_slots,
                    GError        **error)
{
  gsize n = (gsize) 1 << bits;
  gsize body_size = n * 2 + (gsize) lexicon_n_slots * 8;
  g_autofree guchar *data = g_malloc0 (HEADER_SIZE + body_size);

  nf_model_quantize (weights, n, (gint16 *) (data + HEADER_SIZE));
  memcpy (data + HEADER_SIZE + n * 2, lexicon_slots, (gsize) lexicon_n_slots * 8);

  memcpy (data, model_magic, sizeof model_magic);
  nf_model_put_u32 (data, 8, NF_NER_MODEL_VERSION);
  nf_model_put_u32 (data, 12, NF_NER_N_LABELS);
  nf_model_put_u32 (data, 16, bits);
  nf_model_put_u32 (data, 20, lexicon_n_slots);
  nf_model_put_u32 (data, 24, nf_model_checksum (data + HEADER_SIZE, body_size));
  return g_file_set_contents (path, (const char *) data, HEADER_SIZE + body_size, error);
}

/* Sets a "not a valid model" error. */
static gboolean
model_invalid (GError     **error,
               const char  *path,
               const char  *why)
{
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
               "%s is not a valid entity model: %s", path, why);
  return FALSE;
}

/* Checks the mapped file and points the model into it. */
static gboolean
model_check (NfNerModel  *model,
             const char  *path,
             GError     **error)
{
  const guchar *data = (const guchar *) g_mapped_file_get_contents (model->file);
  gsize size = g_mapped_file_get_length (model->file);
  guint32 bits, n_slots;
  guint64 expected;

  if (size < HEADER_SIZE || memcmp (data, model_magic, sizeof model_magic) != 0)
    return model_invalid (error, path, "no model header");
  if (nf_model_get_u32 (data, 8) != NF_NER_MODEL_VERSION)
    return model_invalid (error, path, "unsupported version");
  bits = nf_model_get_u32 (data, 16);
  n_slots = nf_model_get_u32 (data, 20);
  if (nf_model_get_u32 (data, 12) != NF_NER_N_LABELS || bits < 8 || bits > 28 ||
      (n_slots & (n_slots - 1)) != 0 || n_slots > (1u << 28))
    return model_invalid (error, path, "bad sizes in the header");
  expected = HEADER_SIZE + ((guint64) 2 << bits) + (guint64) n_slots * 8;
  if (size != expected)
    return model_invalid (error, path, size < expected ? "the file is truncated"
                                                       : "the file is too long");
  if (nf_model_checksum (data + HEADER_SIZE, size - HEADER_SIZE) != nf_model_get_u32 (data, 24))
    return model_invalid (error, path, "checksum mismatch (corrupt file)");

  model->bits = bits;
  model->weights = (const gint16 *) (data + HEADER_SIZE);
  model->lexicon.slots = (const guint32 *) (data + HEADER_SIZE + ((gsize) 2 << bits));
  model->lexicon.n_slots = n_slots;
  return TRUE;
}

/**
 * nf_ner_model_load:
 * @path: a model file written by nf-train-ner
 * @error: return location for a #GError
 *
 * Maps and checks a model file.
 *
 * Returns: (transfer full) (nullable): the model, or %NULL with @error set
 */
NfNerModel *
nf_ner_model_load (const char  *path,
                   GError     **error)
{
  g_autoptr(NfNerModel) model = g_new0 (NfNerModel, 1);

  model->file = g_mapped_file_new (path, FALSE, error);
  if (model->file == NULL)
    return NULL;
  if (!model_check (model, path, error))
    return NULL;
  return g_steal_pointer (&model);
}

/**
 * nf_ner_model_free:
 * @model: (transfer full) (nullable): a model
 *
 * Unmaps and frees @model.
 */
void
nf_ner_model_free (NfNerModel *model)
{
  if (model == NULL)
    return;
  g_clear_pointer (&model->file, g_mapped_file_unref);
  g_free (model);
}

/**
 * nf_ner_model_find:
 * @model: a model
 * @text: UTF-8 text, a whole document
 *
 * Finds the names of people, places, organisations and other things
 * (nationalities, events, works) in @text.
 *
 * Returns: (transfer full) (element-type NfNerMention): the mentions in
 *   order, code points of @text
 */
GArray *
nf_ner_model_find (NfNerModel *model,
                   const char *text)
{
  g_autoptr(GArray) tokens = nf_ner_tokenize (text);
  guint n = tokens->len;
  g_autofree char **words = g_new0 (char *, n + 1);
  g_autofree gboolean *starts = g_new0 (gboolean, n + 1);
  g_autofree guint *labels = g_new0 (guint, n + 1);
  NfNerDocument *doc;

  for (guint i = 0; i < n; i++)
    {
      NfNerToken *token = &g_array_index (tokens, NfNerToken, i);
      words[i] = token->text;
      starts[i] = token->sentence_start || i == 0;
    }
  doc = nf_ner_document_new (words, starts, n);
  for (guint first = 0; first < n;)
    {
      guint end = first + 1;
      NfNerSentenceFeatures features;

      while (end < n && !starts[end])
        end++;
      nf_ner_features_compute (&features, words + first, end - first,
                               &model->lexicon, doc);
      nf_ner_decode_sentence (&features, NULL, model->weights, model->bits,
                              labels + first);
      nf_ner_features_clear (&features);
      first = end;
    }
  nf_ner_document_free (doc);
  return nf_ner_labels_to_mentions ((NfNerToken *) tokens->data, labels, n);
}
