/* nf-pos-train.c: trains the part-of-speech tagger (averaged perceptron)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Reads the word and part-of-speech columns of a CoNLL-2003 style file
 * (word, POS, chunk, entity; blank lines between sentences, -DOCSTART-
 * lines between documents), folds the Penn tags into the five coarse ones
 * and trains with the shared averaged perceptron over the decoder that
 * tags.  Every tenth sentence is first held back to measure the accuracy
 * on sentences the weights have not seen; the model written is then
 * trained on all of them.  Deterministic: the sentence order of each epoch
 * comes from the shared seeded generator.
 */
#include "nf-ner-private.h"

#include <string.h>

#define HOLD_BACK_EVERY 10

typedef struct
{
  GPtrArray *words;   /* char * */
  GArray    *tags;    /* guint, NfPosTag */
} Sentence;

/* Frees one sentence. */
static void
sentence_free (gpointer data)
{
  Sentence *s = data;

  g_ptr_array_unref (s->words);
  g_array_unref (s->tags);
  g_free (s);
}

static Sentence *
sentence_new (void)
{
  Sentence *s = g_new0 (Sentence, 1);

  s->words = g_ptr_array_new_with_free_func (g_free);
  s->tags = g_array_new (FALSE, FALSE, sizeof (guint));
  return s;
}

/* The sentences read so far, and the one being read. */
typedef struct
{
  GPtrArray *sentences;
  Sentence  *current;
} SentenceReader;

static void
sentence_token (char     **fields,
                guint      n_fields,
                gpointer   data)
{
  SentenceReader *reader = data;
  guint tag = nf_pos_tag_from_penn (fields[1]);

  g_ptr_array_add (reader->current->words, g_strdup (fields[0]));
  g_array_append_val (reader->current->tags, tag);
}

/* Ends the sentence being read, if it has words. */
static void
sentence_break (gboolean document_start,
                gpointer data)
{
  SentenceReader *reader = data;

  if (reader->current->words->len == 0)
    return;
  g_ptr_array_add (reader->sentences, reader->current);
  reader->current = sentence_new ();
}

/* Reads the sentences of a CoNLL file: the word and the second column. */
static GPtrArray *
sentences_read (const char  *path,
                GError     **error)
{
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (sentence_free);
  SentenceReader reader = { sentences, sentence_new () };
  gboolean ok = nf_conll_read (path, "a word and its part of speech",
                               sentence_token, sentence_break, &reader, error);

  sentence_free (reader.current);
  if (!ok)
    return NULL;
  if (sentences->len == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: no sentences", path);
      return NULL;
    }
  return g_steal_pointer (&sentences);
}

/* Trains on one sentence, its own guesses as history; returns how many
 * tokens were right. */
static guint
train_sentence (NfPerceptron   *p,
                const Sentence *s)
{
  guint n = s->words->len;
  char * const *words = (char * const *) s->words->pdata;
  g_auto(GStrv) lower = nf_pos_lower_words (words, n);
  g_autofree guint *tags = g_new0 (guint, n + 1);
  guint right = 0;

  for (guint i = 0; i < n; i++)
    {
      guint32 hashes[NF_POS_N_FEATURES];
      double scores[NF_POS_N_TAGS] = { 0 };
      guint gold = g_array_index (s->tags, guint, i);
      guint n_hashes = nf_pos_features (words, lower, n, i,
                                        i > 0 ? tags[i - 1] : NF_POS_N_TAGS,
                                        i > 1 ? tags[i - 2] : NF_POS_N_TAGS, hashes);

      nf_hashed_score (hashes, n_hashes, p->weights, NULL, p->bits, NF_POS_N_TAGS, scores);
      tags[i] = nf_pos_best_tag (scores);
      p->clock++;
      if (tags[i] == gold)
        right++;
      else
        nf_perceptron_learn (p, hashes, n_hashes, gold, tags[i]);
    }
  return right;
}

/* Trains a perceptron on the sentences @use selects, @epochs times in an
 * order shuffled by @seed, and averages it. */
static void
train_epochs (NfPerceptron            *p,
              GPtrArray               *sentences,
              const gboolean          *use,
              const NfPosTrainOptions *options,
              const char              *what)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  guint64 state = 0x9E3779B97F4A7C15ull ^ options->seed;
  guint n_tokens = 0;

  for (guint k = 0; k < sentences->len; k++)
    if (use[k])
      {
        g_array_append_val (order, k);
        n_tokens += ((Sentence *) sentences->pdata[k])->words->len;
      }
  for (guint epoch = 1; epoch <= options->epochs; epoch++)
    {
      guint *o = (guint *) order->data;
      guint right = 0;

      for (guint k = order->len - 1; k > 0; k--)
        {
          guint j = nf_random_next (&state) % (k + 1);
          guint t = o[k];
          o[k] = o[j];
          o[j] = t;
        }
      for (guint k = 0; k < order->len; k++)
        right += train_sentence (p, sentences->pdata[o[k]]);
      if (options->verbose)
        g_print ("%s, epoch %u: training accuracy %.2f%% of %u tokens\n", what, epoch,
                 100.0 * right / MAX (n_tokens, 1), n_tokens);
    }
  nf_perceptron_average (p);
}

/* The accuracy of the averaged weights on the sentences @use leaves out. */
static double
held_back_accuracy (const NfPerceptron *p,
                    GPtrArray          *sentences,
                    const gboolean     *use,
                    guint              *n_tokens)
{
  guint right = 0;

  *n_tokens = 0;
  for (guint k = 0; k < sentences->len; k++)
    {
      Sentence *s = sentences->pdata[k];
      g_autofree guint *tags = NULL;

      if (use[k])
        continue;
      tags = g_new0 (guint, s->words->len + 1);
      nf_pos_tag_sentence ((char * const *) s->words->pdata, s->words->len,
                           p->weights, NULL, p->bits, tags);
      for (guint i = 0; i < s->words->len; i++)
        right += tags[i] == g_array_index (s->tags, guint, i);
      *n_tokens += s->words->len;
    }
  return *n_tokens > 0 ? 100.0 * right / *n_tokens : 0;
}

/**
 * nf_pos_train:
 * @train_path: a CoNLL-2003 style file (word, then Penn tag)
 * @output_path: where to write the model
 * @options: epochs, seed, table size
 * @error: return location for a #GError
 *
 * Measures the tagger on a held-back tenth of @train_path, then trains it
 * on all of the file and writes it to @output_path.
 *
 * Returns: whether the model was written
 */
gboolean
nf_pos_train (const char               *train_path,
              const char               *output_path,
              const NfPosTrainOptions  *options,
              GError                  **error)
{
  g_autoptr(GPtrArray) sentences = sentences_read (train_path, error);
  g_autofree gboolean *use = NULL;
  NfPerceptron p = { 0 };
  gboolean ok;

  if (sentences == NULL)
    return FALSE;
  use = g_new (gboolean, sentences->len);
  for (guint k = 0; k < sentences->len; k++)
    use[k] = k % HOLD_BACK_EVERY != HOLD_BACK_EVERY - 1;
  if (options->verbose)
    g_print ("read %u sentences\n", sentences->len);

  if (sentences->len >= HOLD_BACK_EVERY)
    {
      guint n_tokens;
      double accuracy;

      nf_perceptron_init (&p, options->bits);
      train_epochs (&p, sentences, use, options, "nine tenths");
      accuracy = held_back_accuracy (&p, sentences, use, &n_tokens);
      if (options->verbose)
        g_print ("held-back tenth (every tenth sentence): accuracy %.2f%% of %u tokens\n",
                 accuracy, n_tokens);
      nf_perceptron_clear (&p);
    }

  for (guint k = 0; k < sentences->len; k++)
    use[k] = TRUE;
  nf_perceptron_init (&p, options->bits);
  train_epochs (&p, sentences, use, options, "all");
  ok = nf_pos_model_write (output_path, p.weights, p.bits, error);
  if (ok && options->verbose)
    g_print ("wrote %s\n", output_path);
  nf_perceptron_clear (&p);
  return ok;
}
