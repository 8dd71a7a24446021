/* nf-pos-model.c: a small part-of-speech tagger for English
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An averaged perceptron (trained by nf-pos-train.c) tags each token with
 * one of five coarse parts of speech, greedily left to right with the two
 * tags already chosen as features.  The features are hashed into one
 * table of 2^bits 16-bit weights, the five tags of a feature in
 * consecutive slots, as the entity recogniser does; the tokens are the
 * recogniser's (CoNLL-style), the data both were trained on.
 *
 * A model file is a 32-byte header (magic `NFPOSMDL`, version, number of
 * tags, bits, a checksum of the body at 24) and the weights, little
 * endian; it is mapped, checked once and then only read.
 */
#include "nf-ner-private.h"

#include <string.h>

static const NfModelFormat pos_format = {
  "part-of-speech", { 'N', 'F', 'P', 'O', 'S', 'M', 'D', 'L' }, NF_POS_MODEL_VERSION, NF_POS_N_TAGS
};

struct _NfPosModel
{
  NfModelFile file;
};

/**
 * nf_pos_tag_from_penn:
 * @penn: a Penn Treebank tag
 *
 * Returns: the coarse part of speech of @penn
 */
NfPosTag
nf_pos_tag_from_penn (const char *penn)
{
  if (g_str_has_prefix (penn, "NN"))
    return NF_POS_NOUN;
  if (g_str_has_prefix (penn, "JJ"))
    return NF_POS_ADJ;
  if (g_str_has_prefix (penn, "VB") || g_str_equal (penn, "MD"))
    return NF_POS_VERB;
  if (g_str_equal (penn, "CD"))
    return NF_POS_NUM;
  return NF_POS_OTHER;
}

/* ---- features ------------------------------------------------------------- */

/* The hash of a feature: its type and up to two strings; never 0 (0 ends
 * a list of hashes). */
static guint32
feature_hash (char        type,
              const char *a,
              const char *b)
{
  guint32 h = nf_ner_hash_bytes (2166136261u ^ 0x5057u, &type, 1);

  if (a != NULL)
    h = nf_ner_hash_bytes (h, a, strlen (a));
  if (b != NULL)
    {
      h = nf_ner_hash_bytes (h, "\x1f", 1);
      h = nf_ner_hash_bytes (h, b, strlen (b));
    }
  return h != 0 ? h : 1;
}

/* The last @n characters of @word (all of it if shorter). */
static const char *
suffix (const char *word,
        guint       n)
{
  glong length = g_utf8_strlen (word, -1);

  return length <= (glong) n ? word : g_utf8_offset_to_pointer (word, length - n);
}

/* The word's shape with runs squeezed: "McDonald" → "XxXx", "1996" → "d". */
static void
word_shape (const char *word,
            char       *out,
            gsize       size)
{
  gsize n = 0;

  for (const char *p = word; *p && n + 1 < size; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char s = g_unichar_isupper (c) ? 'X' : g_unichar_isalpha (c) ? 'x' :
               g_unichar_isdigit (c) ? 'd' : (c < 0x80 ? (char) c : '*');

      if (n == 0 || out[n - 1] != s)
        out[n++] = s;
    }
  out[n] = '\0';
}

static const char * const tag_names[] = { "N", "A", "V", "D", "O", "^" };

/* The features of token @i that do not depend on the tags chosen: the
 * word, its affixes and shape (six), then its neighbours (seven). */
static void
static_features (char * const *words,
                 char * const *lower,
                 guint         n_words,
                 guint         i,
                 guint32      *out)
{
  const char *w = lower[i];
  const char *before = i > 0 ? lower[i - 1] : "<s>";
  const char *before2 = i > 1 ? lower[i - 2] : "<s>";
  const char *after = i + 1 < n_words ? lower[i + 1] : "</s>";
  const char *after2 = i + 2 < n_words ? lower[i + 2] : "</s>";
  const char *second = g_utf8_next_char (w);
  char shape[16], prefix[8];

  /* the first character (a word is never empty) */
  memcpy (prefix, w, MIN ((gsize) (second - w), sizeof prefix - 1));
  prefix[MIN ((gsize) (second - w), sizeof prefix - 1)] = '\0';
  word_shape (words[i], shape, sizeof shape);
  out[0] = feature_hash ('b', NULL, NULL);
  out[1] = feature_hash ('w', w, NULL);
  out[2] = feature_hash ('s', suffix (w, 3), NULL);
  out[3] = feature_hash ('z', suffix (w, 2), NULL);
  out[4] = feature_hash ('p', prefix, NULL);
  out[5] = feature_hash ('h', shape, i == 0 ? "first" : NULL);
  out[6] = feature_hash ('l', before, NULL);
  out[7] = feature_hash ('L', suffix (before, 3), NULL);
  out[8] = feature_hash ('m', before2, NULL);
  out[9] = feature_hash ('r', after, NULL);
  out[10] = feature_hash ('R', suffix (after, 3), NULL);
  out[11] = feature_hash ('q', after2, NULL);
  out[12] = feature_hash ('c', w, after);
}

#define N_STATIC_FEATURES 13
#define N_TAG_FEATURES 3

/* The features of token @i that follow the two tags before it. */
static void
tag_features (const char *lower,
              guint       previous,
              guint       previous2,
              guint32    *out)
{
  char tags[3] = { tag_names[previous][0], tag_names[previous2][0], 0 };

  out[0] = feature_hash ('t', tags, NULL);
  out[1] = feature_hash ('u', tags + 1, NULL);
  out[2] = feature_hash ('T', tags + 1, lower);
}

/**
 * nf_pos_features:
 * @words: the sentence's words, lower-cased in @lower
 * @lower: the same lower-cased
 * @n_words: how many
 * @i: the token
 * @previous: the tag before (NF_POS_N_TAGS at the sentence's start)
 * @previous2: the one before that
 * @out: (out caller-allocates): NF_POS_N_FEATURES hashes
 *
 * Computes the features of token @i: the word, its affixes and shape, its
 * neighbours, and the two tags before it (in that order in @out, as the
 * trainer has always summed them).
 *
 * Returns: how many hashes were written
 */
guint
nf_pos_features (char * const *words,
                 char * const *lower,
                 guint         n_words,
                 guint         i,
                 guint         previous,
                 guint         previous2,
                 guint32      *out)
{
  guint32 fixed[N_STATIC_FEATURES];

  G_STATIC_ASSERT (N_STATIC_FEATURES + N_TAG_FEATURES == NF_POS_N_FEATURES);
  static_features (words, lower, n_words, i, fixed);
  memcpy (out, fixed, 6 * sizeof (guint32));
  tag_features (lower[i], previous, previous2, out + 6);
  memcpy (out + 9, fixed + 6, (N_STATIC_FEATURES - 6) * sizeof (guint32));
  return NF_POS_N_FEATURES;
}

/**
 * nf_pos_best_tag:
 * @scores: every tag's score
 *
 * Returns: the best tag (the first of equals)
 */
guint
nf_pos_best_tag (const double *scores)
{
  guint best = 0;

  for (guint t = 1; t < NF_POS_N_TAGS; t++)
    if (scores[t] > scores[best])
      best = t;
  return best;
}

/* Tags a sentence with float weights, every feature of a token summed in
 * the order the trainer has always used. */
static void
tag_sentence_training (char * const *words,
                       char * const *lower,
                       guint         n_words,
                       const float  *weights_f,
                       guint         bits,
                       guint        *tags)
{
  for (guint i = 0; i < n_words; i++)
    {
      guint32 hashes[NF_POS_N_FEATURES];
      double scores[NF_POS_N_TAGS] = { 0 };
      guint n = nf_pos_features (words, lower, n_words, i,
                                 i > 0 ? tags[i - 1] : NF_POS_N_TAGS,
                                 i > 1 ? tags[i - 2] : NF_POS_N_TAGS, hashes);

      nf_hashed_score (hashes, n, weights_f, NULL, bits, NF_POS_N_TAGS, scores);
      tags[i] = nf_pos_best_tag (scores);
    }
}

/**
 * nf_pos_tag_sentence:
 * @words: the sentence's words
 * @n_words: how many
 * @weights_f: (nullable): float weights (training)
 * @weights_i: (nullable): 16-bit weights (a model file)
 * @bits: log2 of the weight table's size
 * @tags: (out caller-allocates): a tag for each word
 *
 * Tags a sentence left to right.
 */
void
nf_pos_tag_sentence (char * const *words,
                     guint         n_words,
                     const float  *weights_f,
                     const gint16 *weights_i,
                     guint         bits,
                     guint        *tags)
{
  g_auto(GStrv) lower = nf_pos_lower_words (words, n_words);
  g_autofree double *static_scores = NULL;

  if (weights_f != NULL)
    {
      tag_sentence_training (words, lower, n_words, weights_f, bits, tags);
      return;
    }

  /* A model file's integer weights add up exactly in any order: the
   * features that do not follow the tags are scored for every token first,
   * so that their cache misses overlap, and only three wait for the tag
   * before. */
  static_scores = g_new0 (double, (gsize) NF_POS_N_TAGS * MAX (n_words, 1));
  for (guint i = 0; i < n_words; i++)
    {
      guint32 hashes[N_STATIC_FEATURES];

      static_features (words, lower, n_words, i, hashes);
      nf_hashed_score (hashes, N_STATIC_FEATURES, NULL, weights_i, bits, NF_POS_N_TAGS,
                       static_scores + (gsize) i * NF_POS_N_TAGS);
    }
  for (guint i = 0; i < n_words; i++)
    {
      guint32 hashes[N_TAG_FEATURES];
      double *scores = static_scores + (gsize) i * NF_POS_N_TAGS;

      tag_features (lower[i], i > 0 ? tags[i - 1] : NF_POS_N_TAGS,
                    i > 1 ? tags[i - 2] : NF_POS_N_TAGS, hashes);
      nf_hashed_score (hashes, N_TAG_FEATURES, NULL, weights_i, bits, NF_POS_N_TAGS, scores);
      tags[i] = nf_pos_best_tag (scores);
    }
}

/**
 * nf_pos_lower_words:
 * @words: words
 * @n_words: how many
 *
 * Returns: (transfer full): the words lower-cased, %NULL-terminated
 */
char **
nf_pos_lower_words (char * const *words,
                    guint         n_words)
{
  char **lower = g_new0 (char *, n_words + 1);

  for (guint i = 0; i < n_words; i++)
    lower[i] = g_utf8_strdown (words[i], -1);
  return lower;
}

/* ---- the file --------------------------------------------------------------- */

/**
 * nf_pos_model_write:
 * @path: where to write
 * @weights: the trained weights (2^@bits floats)
 * @bits: log2 of the weight table's size
 * @error: return location for a #GError
 *
 * Writes a model file, the weights scaled to 16-bit integers.
 *
 * Returns: whether the file was written
 */
gboolean
nf_pos_model_write (const char   *path,
                    const float  *weights,
                    guint         bits,
                    GError      **error)
{
  return nf_model_file_write (path, &pos_format, weights, bits, NULL, 0, error);
}

/**
 * nf_pos_model_load:
 * @path: a model file written by nf-train-pos
 * @error: return location for a #GError
 *
 * Maps and checks a model file.
 *
 * Returns: (transfer full) (nullable): the model, or %NULL with @error set
 */
NfPosModel *
nf_pos_model_load (const char  *path,
                   GError     **error)
{
  g_autoptr(NfPosModel) model = g_new0 (NfPosModel, 1);

  if (!nf_model_file_map (&model->file, path, &pos_format, error))
    return NULL;
  return g_steal_pointer (&model);
}

/**
 * nf_pos_model_free:
 * @model: (transfer full) (nullable): a model
 *
 * Unmaps and frees @model.
 */
void
nf_pos_model_free (NfPosModel *model)
{
  if (model == NULL)
    return;
  nf_model_file_clear (&model->file);
  g_free (model);
}

/**
 * nf_pos_model_tag:
 * @model: a model
 * @text: UTF-8 text
 *
 * Cuts @text into tokens the way the tagger's training data was cut and
 * tags them sentence by sentence.
 *
 * Returns: (transfer full) (element-type NfPosToken): the tokens, code
 *   points of @text
 */
GArray *
nf_pos_model_tag (NfPosModel *model,
                  const char *text)
{
  g_autoptr(GArray) tokens = nf_ner_tokenize (text);

  return nf_pos_model_tag_tokens (model, tokens);
}

/**
 * nf_pos_model_tag_tokens:
 * @model: a model
 * @tokens: (element-type NfNerToken): a text's tokens, from nf_ner_tokenize()
 *
 * nf_pos_model_tag() on a text already cut into tokens.
 *
 * Returns: (transfer full) (element-type NfPosToken): the tokens with
 *   their parts of speech
 */
GArray *
nf_pos_model_tag_tokens (NfPosModel *model,
                         GArray     *tokens)
{
  guint n = tokens->len;
  g_autofree char **words = nf_ner_token_words (tokens);
  g_autofree guint *tags = g_new0 (guint, n + 1);
  GArray *result = g_array_sized_new (FALSE, FALSE, sizeof (NfPosToken), n);

  for (guint first = 0; first < n;)
    {
      guint end = nf_ner_sentence_end (tokens, first);

      nf_pos_tag_sentence (words + first, end - first, NULL, model->file.weights,
                           model->file.bits, tags + first);
      first = end;
    }
  for (guint i = 0; i < n; i++)
    {
      NfNerToken *token = &g_array_index (tokens, NfNerToken, i);
      NfPosToken tagged = { token->start, token->end, (NfPosTag) tags[i] };

      g_array_append_val (result, tagged);
    }
  return result;
}
