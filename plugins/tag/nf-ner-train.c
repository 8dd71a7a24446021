/* nf-ner-train.c: trains the entity recogniser (averaged perceptron)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Reads a CoNLL-2003 style file (word, POS, chunk, IOB1 entity tag; blank
 * lines between sentences, -DOCSTART- between documents), learns a lexicon
 * of its words and entity phrases, and trains the weights with the
 * averaged perceptron over the same greedy decoder that tags.  Everything
 * is deterministic: the sentence order of each epoch comes from a seeded
 * generator of our own.
 *
 * The lexicon features of a training document come from the other nine
 * tenths of the file (jackknifing), so that the weights learn how far the
 * lexicon is to be trusted on words it has not seen labelled.
 */
#include "nf-ner-private.h"

#include <string.h>

#define N_FOLDS 10

/* ---- reading ---------------------------------------------------------------- */

typedef struct
{
  GPtrArray *words;    /* char * */
  GArray    *labels;   /* guint, BILOU */
  guint      doc;
} Sentence;

typedef struct
{
  GPtrArray *sentences;  /* Sentence * */
  guint      n_docs;
  guint      n_tokens;
} Corpus;

/* Frees one sentence. */
static void
sentence_free (gpointer data)
{
  Sentence *s = data;

  g_ptr_array_unref (s->words);
  g_array_unref (s->labels);
  g_free (s);
}

/* The kind of an IOB tag's type, -1 for O or an unknown type. */
static int
tag_kind (const char *type)
{
  if (g_str_equal (type, "PER"))
    return NF_NER_PERSON;
  if (g_str_equal (type, "LOC"))
    return NF_NER_PLACE;
  if (g_str_equal (type, "ORG"))
    return NF_NER_ORGANIZATION;
  if (g_str_equal (type, "MISC"))
    return NF_NER_MISC;
  return -1;
}

/* Turns the IOB1 (or IOB2) tags of a sentence into BILOU labels. */
static void
iob_to_bilou (GPtrArray *tags,
              GArray    *labels)
{
  guint n = tags->len;
  g_autofree int *kinds = g_new0 (int, n + 1);
  g_autofree gboolean *begins = g_new0 (gboolean, n + 1);

  for (guint i = 0; i < n; i++)
    {
      const char *tag = g_ptr_array_index (tags, i);
      kinds[i] = strlen (tag) > 2 && tag[1] == '-' ? tag_kind (tag + 2) : -1;
      begins[i] = kinds[i] >= 0 &&
        (tag[0] == 'B' || i == 0 || kinds[i - 1] != kinds[i]);
    }
  g_array_set_size (labels, n);
  for (guint i = 0; i < n; i++)
    {
      gboolean ends = i + 1 == n || kinds[i + 1] != kinds[i] || begins[i + 1];
      char part;

      if (kinds[i] < 0)
        {
          g_array_index (labels, guint, i) = NF_NER_LABEL_O;
          continue;
        }
      part = begins[i] ? (ends ? 'U' : 'B') : (ends ? 'L' : 'I');
      g_array_index (labels, guint, i) = nf_ner_label (part, (NfNerKind) kinds[i]);
    }
}

/* Ends the sentence being read, if it has words. */
static void
flush_sentence (Corpus    *corpus,
                GPtrArray *words,
                GPtrArray *tags)
{
  Sentence *s;

  if (words->len == 0)
    return;
  s = g_new0 (Sentence, 1);
  s->words = g_ptr_array_new_with_free_func (g_free);
  s->labels = g_array_new (FALSE, FALSE, sizeof (guint));
  s->doc = corpus->n_docs > 0 ? corpus->n_docs - 1 : 0;
  for (guint i = 0; i < words->len; i++)
    g_ptr_array_add (s->words, g_strdup (g_ptr_array_index (words, i)));
  iob_to_bilou (tags, s->labels);
  corpus->n_tokens += words->len;
  g_ptr_array_add (corpus->sentences, s);
  g_ptr_array_set_size (words, 0);
  g_ptr_array_set_size (tags, 0);
}

/**
 * nf_conll_read:
 * @path: a CoNLL file: a token a line, fields split by white space, blank
 *   lines between sentences, `-DOCSTART-` lines between documents
 * @what: the fields a token line needs at least two of, for the message
 *   ("a word and a tag")
 * @on_token: called with the fields of each token line
 * @on_break: called at each sentence end and document start, and at the
 *   end of the file
 * @data: for the callbacks
 * @error: return location for a #GError
 *
 * Reads a CoNLL file, the format both trainers learn from.
 *
 * Returns: whether the whole file was read
 */
gboolean
nf_conll_read (const char       *path,
               const char       *what,
               NfConllTokenFunc  on_token,
               NfConllBreakFunc  on_break,
               gpointer          data,
               GError          **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;
  if (!g_utf8_validate (contents, -1, NULL))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: not UTF-8 text", path);
      return FALSE;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint n = 0; lines[n]; n++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[n]), " \t", -1);
      guint n_fields = g_strv_length (fields);

      if (lines[n][0] == '\0' || g_str_equal (fields[0], "-DOCSTART-"))
        {
          on_break (lines[n][0] != '\0', data);
          continue;
        }
      if (n_fields < 2)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "%s:%u: expected %s", path, n + 1, what);
          return FALSE;
        }
      on_token (fields, n_fields, data);
    }
  on_break (FALSE, data);
  return TRUE;
}

/* What reading the training file into a corpus needs between lines. */
typedef struct
{
  Corpus    *corpus;
  GPtrArray *words;
  GPtrArray *tags;
} CorpusReader;

static void
corpus_token (char     **fields,
              guint      n_fields,
              gpointer   data)
{
  CorpusReader *reader = data;

  if (reader->corpus->n_docs == 0)
    reader->corpus->n_docs = 1;
  g_ptr_array_add (reader->words, g_strdup (fields[0]));
  g_ptr_array_add (reader->tags, g_strdup (fields[n_fields - 1]));
}

static void
corpus_break (gboolean document_start,
              gpointer data)
{
  CorpusReader *reader = data;

  flush_sentence (reader->corpus, reader->words, reader->tags);
  if (document_start)
    reader->corpus->n_docs++;
}

/* Reads a CoNLL file into sentences grouped by document. */
static gboolean
corpus_read (Corpus      *corpus,
             const char  *path,
             GError     **error)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  CorpusReader reader = { corpus, words, tags };

  corpus->sentences = g_ptr_array_new_with_free_func (sentence_free);
  if (!nf_conll_read (path, "a word and a tag", corpus_token, corpus_break, &reader, error))
    return FALSE;
  if (corpus->sentences->len == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: no sentences", path);
      return FALSE;
    }
  return TRUE;
}

/* ---- the lexicon ------------------------------------------------------------ */

/* Counts of one word or phrase: in each fold, as each kind and in all. */
typedef struct
{
  guint kinds[N_FOLDS][4];
  guint total[N_FOLDS];
  guint lower;         /* words: written all in lower case */
  guint cased;         /* words: not first of a sentence, with letters */
} Counts;

typedef struct
{
  GHashTable *words;    /* lower-cased word → Counts */
  GHashTable *phrases;  /* lower-cased phrase, words joined by ' ' → Counts */
} Stats;

/* The Counts of @key in @table, made if needed. */
static Counts *
counts_get (GHashTable *table,
            const char *key)
{
  Counts *c = g_hash_table_lookup (table, key);

  if (c == NULL)
    {
      c = g_new0 (Counts, 1);
      g_hash_table_insert (table, g_strdup (key), c);
    }
  return c;
}

/* Whether a word has a letter. */
static gboolean
has_letter (const char *word)
{
  for (const char *p = word; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Counts the words and entity phrases of one sentence. */
static void
stats_add_sentence (Stats          *stats,
                    const Sentence *s)
{
  guint fold = s->doc % N_FOLDS;
  guint n = s->words->len;
  g_auto(GStrv) lower = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      const char *word = g_ptr_array_index (s->words, i);
      guint label = g_array_index (s->labels, guint, i);
      Counts *c;

      lower[i] = g_utf8_strdown (word, -1);
      c = counts_get (stats->words, lower[i]);
      c->total[fold]++;
      if (label != NF_NER_LABEL_O)
        c->kinds[fold][nf_ner_label_kind (label)]++;
      if (i > 0 && has_letter (word))
        {
          c->cased++;
          if (g_str_equal (word, lower[i]))
            c->lower++;
        }
    }
  for (guint i = 0; i < n; i++)
    {
      guint label = g_array_index (s->labels, guint, i);
      char part = nf_ner_label_part (label);
      guint end = i;
      g_autofree char *phrase = NULL;

      if (part != 'B' && part != 'U')
        continue;
      while (part == 'B' && end + 1 < n &&
             nf_ner_label_part (g_array_index (s->labels, guint, end)) != 'L')
        end++;
      if (end - i + 1 > NF_NER_LEX_MAX_PHRASE)
        continue;
      {
        Counts *c;
        g_autofree char *joined = NULL;
        char *saved = lower[end + 1];

        lower[end + 1] = NULL;
        joined = g_strjoinv (" ", lower + i);
        lower[end + 1] = saved;
        c = counts_get (stats->phrases, joined);
        c->total[fold]++;
        c->kinds[fold][nf_ner_label_kind (label)]++;
      }
    }
}

/* The lexicon value of word counts, leaving fold @skip out (N_FOLDS: none). */
static guint32
word_value (const Counts *c,
            guint         skip)
{
  guint kinds[4] = { 0 }, total = 0;
  guint32 value = 0;

  for (guint f = 0; f < N_FOLDS; f++)
    {
      if (f == skip)
        continue;
      total += c->total[f];
      for (guint k = 0; k < 4; k++)
        kinds[k] += c->kinds[f][k];
    }
  for (guint k = 0; k < 4; k++)
    {
      if (kinds[k] > 0)
        value |= NF_NER_LEX_KIND_SEEN (k);
      if (total > 0 && kinds[k] * 2 >= total)
        value |= NF_NER_LEX_KIND_MOSTLY (k);
    }
  /* how the word is written: a word mostly in lower case is not a name */
  if (c->cased > 0)
    {
      guint bucket = c->lower == 0 ? 1 : c->lower * 2 < c->cased ? 2 : 3;
      value |= bucket << NF_NER_LEX_CASE_SHIFT;
    }
  return value;
}

/* The lexicon value of phrase counts, leaving fold @skip out. */
static guint32
phrase_value (const Counts *c,
              guint         skip)
{
  guint32 value = 0;

  for (guint f = 0; f < N_FOLDS; f++)
    for (guint k = 0; k < 4 && f != skip; k++)
      if (c->kinds[f][k] > 0)
        value |= NF_NER_LEX_KIND_SEEN (k);
  return value;
}

/* Puts a (key, value) pair in an open-addressed table. */
static void
lexicon_insert (guint32 *slots,
                guint    n_slots,
                guint32  key,
                guint32  value)
{
  guint mask = n_slots - 1;

  for (guint i = key & mask;; i = (i + 1) & mask)
    {
      if (slots[2 * i] == 0 || GUINT32_FROM_LE (slots[2 * i]) == key)
        {
          slots[2 * i] = GUINT32_TO_LE (key);
          slots[2 * i + 1] = GUINT32_TO_LE (GUINT32_FROM_LE (slots[2 * i + 1]) | value);
          return;
        }
    }
}

/* Builds the lexicon without fold @skip (N_FOLDS: the whole file). */
static guint32 *
lexicon_build (Stats *stats,
               guint  skip,
               guint *n_slots)
{
  guint n_entries = g_hash_table_size (stats->words) + g_hash_table_size (stats->phrases);
  guint size = 1024;
  guint32 *slots;
  GHashTableIter iter;
  gpointer key, value;

  while (size < n_entries * 2)
    size *= 2;
  slots = g_new0 (guint32, 2 * (gsize) size);
  g_hash_table_iter_init (&iter, stats->words);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint32 v = word_value (value, skip);
      if (v)
        lexicon_insert (slots, size, nf_ner_lexicon_word_key (key), v);
    }
  g_hash_table_iter_init (&iter, stats->phrases);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint32 v = phrase_value (value, skip);
      g_auto(GStrv) parts = NULL;

      if (v == 0)
        continue;
      parts = g_strsplit (key, " ", -1);
      lexicon_insert (slots, size,
                      nf_ner_lexicon_phrase_key ((const char * const *) parts,
                                                 g_strv_length (parts)), v);
    }
  *n_slots = size;
  return slots;
}

/* Trains on one sentence; returns how many tokens were right. */
static guint
train_sentence (NfPerceptron                *p,
                const NfNerSentenceFeatures *features,
                const guint                 *gold)
{
  g_autofree guint *labels = g_new0 (guint, features->n_tokens + 1);
  guint right = 0;

  for (guint i = 0; i < features->n_tokens; i++)
    {
      double scores[NF_NER_N_LABELS] = { 0 };
      guint32 dynamic[NF_NER_N_DYNAMIC];
      const guint32 *hashes = features->hashes + (gsize) i * features->stride;
      guint previous = i > 0 ? labels[i - 1] : NF_NER_LABEL_O;
      guint previous2 = i > 1 ? labels[i - 2] : NF_NER_LABEL_O;
      guint n_dynamic = nf_ner_features_dynamic (features, i, previous, previous2, dynamic);
      guint guess;

      nf_ner_score_token (hashes, features->stride, p->weights, NULL, p->bits, scores);
      nf_ner_score_token (dynamic, n_dynamic, p->weights, NULL, p->bits, scores);
      guess = nf_ner_best_label (scores, previous, i + 1 == features->n_tokens);
      p->clock++;
      if (guess != gold[i])
        {
          nf_perceptron_learn (p, hashes, features->stride, gold[i], guess);
          nf_perceptron_learn (p, dynamic, n_dynamic, gold[i], guess);
          /* the gold label is kept as history when it is a valid one, so
           * that one error does not derail the rest of the sentence */
          labels[i] = nf_ner_transition_allowed (previous, gold[i]) ? gold[i] : guess;
        }
      else
        {
          labels[i] = guess;
          right++;
        }
    }
  return right;
}

/* Computes every training sentence's features, with the lexicon of the
 * other folds. */
static NfNerSentenceFeatures *
corpus_features (Corpus *corpus,
                 Stats  *stats)
{
  NfNerSentenceFeatures *all = g_new0 (NfNerSentenceFeatures, corpus->sentences->len);
  guint32 *fold_slots[N_FOLDS];
  NfNerLexicon fold_lexicon[N_FOLDS];

  for (guint f = 0; f < N_FOLDS; f++)
    {
      fold_slots[f] = lexicon_build (stats, f, &fold_lexicon[f].n_slots);
      fold_lexicon[f].slots = fold_slots[f];
    }
  for (guint first = 0; first < corpus->sentences->len;)
    {
      guint doc = ((Sentence *) corpus->sentences->pdata[first])->doc;
      guint end = first;
      g_autoptr(GPtrArray) words = g_ptr_array_new ();
      g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gboolean));
      NfNerDocument *summary;

      while (end < corpus->sentences->len &&
             ((Sentence *) corpus->sentences->pdata[end])->doc == doc)
        {
          Sentence *s = corpus->sentences->pdata[end];
          for (guint i = 0; i < s->words->len; i++)
            {
              gboolean start = i == 0;
              g_ptr_array_add (words, s->words->pdata[i]);
              g_array_append_val (starts, start);
            }
          end++;
        }
      summary = nf_ner_document_new ((char **) words->pdata,
                                     (gboolean *) starts->data, words->len);
      for (guint k = first; k < end; k++)
        {
          Sentence *s = corpus->sentences->pdata[k];
          nf_ner_features_compute (&all[k], (char **) s->words->pdata, s->words->len,
                                   &fold_lexicon[doc % N_FOLDS], summary);
        }
      nf_ner_document_free (summary);
      first = end;
    }
  for (guint f = 0; f < N_FOLDS; f++)
    g_free (fold_slots[f]);
  return all;
}

/**
 * nf_ner_train:
 * @train_path: a CoNLL-2003 style training file
 * @output_path: where to write the model
 * @options: epochs, seed, table size
 * @error: return location for a #GError
 *
 * Trains a model on @train_path and writes it to @output_path.
 *
 * Returns: whether the model was written
 */
gboolean
nf_ner_train (const char               *train_path,
              const char               *output_path,
              const NfNerTrainOptions  *options,
              GError                  **error)
{
  Corpus corpus = { 0 };
  Stats stats;
  NfPerceptron p = { 0 };
  NfNerSentenceFeatures *features;
  g_autofree guint *order = NULL;
  g_autofree guint32 *slots = NULL;
  guint n_slots, n = 0;
  guint64 state = 0x9E3779B97F4A7C15ull ^ options->seed;
  gboolean ok;
  g_autoptr(GTimer) timer = g_timer_new ();

  if (!corpus_read (&corpus, train_path, error))
    {
      g_clear_pointer (&corpus.sentences, g_ptr_array_unref);
      return FALSE;
    }
  n = corpus.sentences->len;
  if (options->verbose)
    g_print ("read %u documents, %u sentences, %u tokens\n",
             corpus.n_docs, n, corpus.n_tokens);

  stats.words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  stats.phrases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint k = 0; k < n; k++)
    stats_add_sentence (&stats, corpus.sentences->pdata[k]);
  features = corpus_features (&corpus, &stats);
  slots = lexicon_build (&stats, N_FOLDS, &n_slots);
  if (options->verbose)
    g_print ("lexicon: %u words, %u entity phrases, %u slots; features in %.1f s\n",
             g_hash_table_size (stats.words), g_hash_table_size (stats.phrases),
             n_slots, g_timer_elapsed (timer, NULL));

  nf_perceptron_init (&p, options->bits);
  order = g_new (guint, n);
  for (guint k = 0; k < n; k++)
    order[k] = k;
  for (guint epoch = 1; epoch <= options->epochs; epoch++)
    {
      guint right = 0;

      for (guint k = n - 1; k > 0; k--)
        {
          guint j = nf_random_next (&state) % (k + 1);
          guint t = order[k];
          order[k] = order[j];
          order[j] = t;
        }
      for (guint k = 0; k < n; k++)
        {
          Sentence *s = corpus.sentences->pdata[order[k]];
          right += train_sentence (&p, &features[order[k]], (guint *) s->labels->data);
        }
      if (options->verbose)
        g_print ("epoch %u: training accuracy %.2f%% (%.1f s)\n", epoch,
                 100.0 * right / corpus.n_tokens, g_timer_elapsed (timer, NULL));
    }
  nf_perceptron_average (&p);
  ok = nf_ner_model_write (output_path, p.weights, p.bits, slots, n_slots, error);
  if (ok && options->verbose)
    g_print ("wrote %s (%.1f s in all)\n", output_path, g_timer_elapsed (timer, NULL));

  for (guint k = 0; k < n; k++)
    nf_ner_features_clear (&features[k]);
  g_free (features);
  nf_perceptron_clear (&p);
  g_hash_table_unref (stats.words);
  g_hash_table_unref (stats.phrases);
  g_ptr_array_unref (corpus.sentences);
  return ok;
}

/* ---- the averaged perceptron, shared with the part-of-speech tagger -------- */

/**
 * nf_perceptron_init:
 * @p: (out caller-allocates): a perceptron
 * @bits: log2 of its weight table's size
 *
 * Makes a perceptron with every weight 0.
 */
void
nf_perceptron_init (NfPerceptron *p,
                    guint         bits)
{
  p->bits = bits;
  p->weights = g_new0 (float, (gsize) 1 << bits);
  p->totals = g_new0 (double, (gsize) 1 << bits);
  p->stamps = g_new0 (guint32, (gsize) 1 << bits);
  p->clock = 0;
}

/**
 * nf_perceptron_clear:
 * @p: a perceptron
 *
 * Frees the perceptron's tables.
 */
void
nf_perceptron_clear (NfPerceptron *p)
{
  g_clear_pointer (&p->weights, g_free);
  g_clear_pointer (&p->totals, g_free);
  g_clear_pointer (&p->stamps, g_free);
}

/* Adds @delta to a weight, keeping its running sum up to date. */
static void
perceptron_update (NfPerceptron *p,
                   guint         index,
                   float         delta)
{
  p->totals[index] += (double) (p->clock - p->stamps[index]) * p->weights[index];
  p->stamps[index] = p->clock;
  p->weights[index] += delta;
}

/**
 * nf_perceptron_learn:
 * @p: a perceptron
 * @hashes: feature hashes (0 ends them early)
 * @n_hashes: how many at most
 * @gold: the right label
 * @guess: the label chosen
 *
 * Moves the weights of @hashes toward @gold and away from @guess.
 */
void
nf_perceptron_learn (NfPerceptron  *p,
                     const guint32 *hashes,
                     guint          n_hashes,
                     guint          gold,
                     guint          guess)
{
  guint mask = (1u << p->bits) - 1;

  for (guint f = 0; f < n_hashes && hashes[f]; f++)
    {
      guint base = nf_ner_weight_index (hashes[f], p->bits);
      perceptron_update (p, (base + gold) & mask, 1.0f);
      perceptron_update (p, (base + guess) & mask, -1.0f);
    }
}

/**
 * nf_perceptron_average:
 * @p: a perceptron
 *
 * Replaces the weights by their averages over all steps.
 */
void
nf_perceptron_average (NfPerceptron *p)
{
  gsize n = (gsize) 1 << p->bits;

  for (gsize i = 0; i < n; i++)
    {
      double total = p->totals[i] + (double) (p->clock - p->stamps[i]) * p->weights[i];
      p->weights[i] = p->clock > 0 ? (float) (total / p->clock) : 0.0f;
    }
}

/**
 * nf_random_next:
 * @state: the generator's state, not 0
 *
 * A small deterministic generator (xorshift64*), the same everywhere, so
 * that training orders are the same on every machine.
 *
 * Returns: the next 32 random bits
 */
guint32
nf_random_next (guint64 *state)
{
  *state ^= *state >> 12;
  *state ^= *state << 25;
  *state ^= *state >> 27;
  return (guint32) ((*state * 2685821657736338717ull) >> 32);
}
