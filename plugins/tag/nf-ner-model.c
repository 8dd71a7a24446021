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


struct _NfNerModel
{
  NfModelFile   file;
  NfNerLexicon  lexicon;   /* the file's extra slots */
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

/* How many features ahead of the one being added its weights are asked
 * for: the table is megabytes and each feature lands somewhere else in it,
 * so the time goes in cache misses, and asking early lets them overlap. */
#define PREFETCH_DISTANCE 12

/* Asks for the weight slot of a hash to be brought into the cache. */
static inline void
prefetch_slot (guint32       hash,
               guint         bits,
               const float  *weights_f,
               const gint16 *weights_i)
{
  guint base = nf_ner_weight_index (hash, bits);

  if (weights_f)
    __builtin_prefetch (&weights_f[base]);
  else
    __builtin_prefetch (&weights_i[base]);
}

/* Adds the float weights of the labels of one feature slot to @scores. */
static inline void
add_float_weights (guint        base,
                   guint        mask,
                   const float *weights,
                   guint        n_labels,
                   double      *scores)
{
  for (guint l = 0; l < n_labels; l++)
    scores[l] += weights[(base + l) & mask];
}

/* Adds the 16-bit weights of the labels of one feature slot to @sums. */
static inline void
add_integer_weights (guint         base,
                     guint         mask,
                     const gint16 *weights,
                     guint         n_labels,
                     gint32       *sums)
{
  for (guint l = 0; l < n_labels; l++)
    sums[l] += (gint16) GINT16_FROM_LE (weights[(base + l) & mask]);
}

#if defined(__GNUC__) && G_BYTE_ORDER == G_LITTLE_ENDIAN
/* Sixteen labels' weights at once, widened to 32 bits and added as one
 * vector (GCC's vector extensions: SSE2 or wider, whatever the target has). */
typedef gint16 WeightLanes __attribute__ ((vector_size (32)));
typedef gint32 SumLanes __attribute__ ((vector_size (64)));
#define VECTOR_LABELS 16
#endif

/* Sums the 16-bit weights of the features, asking for each slot a dozen
 * features ahead. Where vectors are there, the first sixteen labels of a
 * slot that does not wrap round the table's end go in one vector add and
 * the others one by one; any other slot goes label by label. */
static void
sum_integer_weights (const guint32 *hashes,
                     guint          n,
                     const gint16  *weights,
                     guint          bits,
                     guint          n_labels,
                     gint32        *sums)
{
  guint mask = (1u << bits) - 1;
#ifdef VECTOR_LABELS
  SumLanes wide = { 0 };
  gboolean vectors = n_labels >= VECTOR_LABELS;
#endif

  for (guint f = 0; f < n; f++)
    {
      guint base = nf_ner_weight_index (hashes[f], bits);

      if (f + PREFETCH_DISTANCE < n)
        prefetch_slot (hashes[f + PREFETCH_DISTANCE], bits, NULL, weights);
#ifdef VECTOR_LABELS
      if (vectors && base + n_labels <= mask + 1)
        {
          WeightLanes lanes;

          memcpy (&lanes, weights + base, sizeof lanes);
          wide += __builtin_convertvector (lanes, SumLanes);
          for (guint l = VECTOR_LABELS; l < n_labels; l++)
            sums[l] += weights[base + l];
          continue;
        }
#endif
      add_integer_weights (base, mask, weights, n_labels, sums);
    }
#ifdef VECTOR_LABELS
  if (vectors)
    for (guint l = 0; l < VECTOR_LABELS; l++)
      sums[l] += wide[l];
#endif
}

/* How many hashes come before the first 0 (or @n_hashes). */
static guint
count_hashes (const guint32 *hashes,
              guint          n_hashes)
{
  guint n = 0;

  while (n < n_hashes && hashes[n] != 0)
    n++;
  return n;
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
 * recogniser and the part-of-speech tagger share one layout.  16-bit
 * weights are summed as integers, which is exact, so the scores do not
 * depend on the order of the features.
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
  guint n = count_hashes (hashes, n_hashes);
  gint32 sums[NF_HASHED_MAX_LABELS] = { 0 };

  g_return_if_fail (n_labels <= NF_HASHED_MAX_LABELS);

  for (guint f = 0; f < MIN (n, PREFETCH_DISTANCE); f++)
    prefetch_slot (hashes[f], bits, weights_f, weights_i);
  if (weights_f == NULL)
    {
      sum_integer_weights (hashes, n, weights_i, bits, n_labels, sums);
      for (guint l = 0; l < n_labels; l++)
        scores[l] += sums[l];
      return;
    }
  for (guint f = 0; f < n; f++)
    {
      if (f + PREFETCH_DISTANCE < n)
        prefetch_slot (hashes[f + PREFETCH_DISTANCE], bits, weights_f, NULL);
      add_float_weights (nf_ner_weight_index (hashes[f], bits), mask, weights_f, n_labels, scores);
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
nf_ner_decode_sentence (NfNerSentenceFeatures *features,
                        const float           *weights_f,
                        const gint16          *weights_i,
                        guint                  bits,
                        guint                 *labels)
{
  g_autofree double *static_scores = g_new0 (double, (gsize) NF_NER_N_LABELS * MAX (features->n_tokens, 1));
  g_autofree gboolean *scored = g_new0 (gboolean, MAX (features->n_tokens, 1));
  /* With a model file, a plain word (lower case, in no entity of the
   * training file, outside entity phrases and headlines) after no entity
   * or a finished one is O without asking the model: on the CoNLL-2003
   * development set the labels are the same, and tagging takes a tenth
   * less time. The trainer asks the model about every word. */
  gboolean skip_plain = weights_f == NULL && features->plain != NULL;

  /* The features that do not depend on the labels are scored first, all
   * of them, so that their cache misses overlap across tokens; only the
   * few that follow the labels chosen wait for the token before. */
  for (guint i = 0; i < features->n_tokens; i++)
    if (!skip_plain || !features->plain[i])
      {
        nf_ner_score_token (features->hashes + (gsize) i * features->stride,
                            features->stride, weights_f, weights_i, bits,
                            static_scores + (gsize) i * NF_NER_N_LABELS);
        scored[i] = TRUE;
      }

  for (guint i = 0; i < features->n_tokens; i++)
    {
      double *scores = static_scores + (gsize) i * NF_NER_N_LABELS;
      guint32 dynamic[NF_NER_N_DYNAMIC];
      guint previous = i > 0 ? labels[i - 1] : NF_NER_LABEL_O;
      guint previous2 = i > 1 ? labels[i - 2] : NF_NER_LABEL_O;
      guint n_dynamic;
      char part = nf_ner_label_part (previous);

      if (!scored[i])
        {
          if (part != 'B' && part != 'I')
            {
              labels[i] = NF_NER_LABEL_O;
              continue;
            }
          /* inside an entity: the model decides whether it goes on */
          nf_ner_score_token (nf_ner_features_row (features, i),
                              features->stride, weights_f, weights_i, bits, scores);
        }
      n_dynamic = nf_ner_features_dynamic (features, i, previous, previous2, dynamic);
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

static const NfModelFormat ner_format = {
  "entity", { 'N', 'F', 'N', 'E', 'R', 'M', 'D', 'L' }, NF_NER_MODEL_VERSION, NF_NER_N_LABELS
};

/**
 * nf_ner_model_write:
 * @path: where to write
 * @weights: 2^@bits float weights
 * @bits: log2 of the weight table's size
 * @lexicon_slots: 2 × @lexicon_n_slots lexicon numbers
 * @lexicon_n_slots: the lexicon's slots
 * @error: return location for a #GError
 *
 * Writes an entity model file.
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
  return nf_model_file_write (path, &ner_format, weights, bits, lexicon_slots, lexicon_n_slots, error);
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

  if (!nf_model_file_map (&model->file, path, &ner_format, error))
    return NULL;
  model->lexicon.slots = model->file.slots;
  model->lexicon.n_slots = model->file.n_slots;
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
  nf_model_file_clear (&model->file);
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

  return nf_ner_model_find_in_tokens (model, tokens);
}

/**
 * nf_ner_model_find_in_tokens:
 * @model: a model
 * @tokens: (element-type NfNerToken): a whole document's tokens, from
 *   nf_ner_tokenize()
 *
 * nf_ner_model_find() on a text already cut into tokens.
 *
 * Returns: (transfer full) (element-type NfNerMention): the mentions in
 *   order, code points of the text
 */
GArray *
nf_ner_model_find_in_tokens (NfNerModel *model,
                             GArray     *tokens)
{
  guint n = tokens->len;
  g_autofree char **words = nf_ner_token_words (tokens);
  g_autofree gboolean *starts = g_new0 (gboolean, n + 1);
  g_autofree guint *labels = g_new0 (guint, n + 1);
  NfNerDocument *doc;

  for (guint i = 0; i < n; i++)
    starts[i] = g_array_index (tokens, NfNerToken, i).sentence_start || i == 0;
  doc = nf_ner_document_new (words, starts, n);
  for (guint first = 0; first < n;)
    {
      guint end = nf_ner_sentence_end (tokens, first);
      NfNerSentenceFeatures features;

      nf_ner_features_compute_deferred (&features, words + first, end - first,
                                        &model->lexicon, doc);
      nf_ner_decode_sentence (&features, NULL, model->file.weights, model->file.bits,
                              labels + first);
      nf_ner_features_clear (&features);
      first = end;
    }
  nf_ner_document_free (doc);
  return nf_ner_labels_to_mentions ((NfNerToken *) tokens->data, labels, n);
}
