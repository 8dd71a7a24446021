/* nf-summarize-text.c: a text as sentences and term vectors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every method works on the same analysis: the text split into sentences
 * (nf_text_split_sentences(), so every summary sentence is an exact
 * stretch of the text), and each sentence as a vector of its content
 * words — lower-cased, stopwords left out, stemmed where the language has
 * a stemmer — weighted by tf-idf, where a "document" is a sentence of this
 * text. No corpus statistics are needed, so any language works the same.
 */
#include "nf-summarize-private.h"

#include <math.h>
#include <string.h>

/* libstemmer's stemmers are not thread-safe: each worker thread keeps its
 * own, for the language it saw last. */
typedef struct
{
  char      *language;
  NfStemmer *stemmer;
} StemmerSlot;

static void
stemmer_slot_free (gpointer data)
{
  StemmerSlot *slot = data;

  g_free (slot->language);
  g_clear_object (&slot->stemmer);
  g_free (slot);
}

static GPrivate stemmer_slot = G_PRIVATE_INIT (stemmer_slot_free);

static NfStemmer *
thread_stemmer (const char *language)
{
  StemmerSlot *slot = g_private_get (&stemmer_slot);

  if (slot == NULL)
    {
      slot = g_new0 (StemmerSlot, 1);
      g_private_set (&stemmer_slot, slot);
    }
  if (g_strcmp0 (slot->language, language) != 0)
    {
      g_free (slot->language);
      g_clear_object (&slot->stemmer);
      slot->language = g_strdup (language);
      if (language != NULL && nf_stemmer_has_language (language))
        slot->stemmer = nf_stemmer_new (language, NULL);
    }
  return slot->stemmer;
}

/* What the analysis of one text needs while it runs. */
typedef struct
{
  const char *language;
  NfStemmer  *stemmer;
  GHashTable *vocabulary;   /* term → id + 1 */
  GArray     *doc_freq;     /* guint per id: sentences holding the term */
} Analysis;

/* The term a word stands for: lower-cased and stemmed; %NULL for a
 * stopword or a one-character word. */
static char *
word_term (Analysis   *analysis,
           const char *word,
           gsize       length)
{
  g_autofree char *lower = g_utf8_strdown (word, length);

  if (g_utf8_strlen (lower, -1) < 2 && !g_unichar_isdigit (g_utf8_get_char (lower)) &&
      g_utf8_get_char (lower) < 0x2E80)
    return NULL;
  if (analysis->language != NULL && nf_text_is_stopword (analysis->language, lower))
    return NULL;
  if (analysis->stemmer != NULL)
    return nf_stemmer_stem (analysis->stemmer, lower);
  return g_steal_pointer (&lower);
}

/* The id of @term, added to the vocabulary when @add. G_MAXUINT when the
 * term is new and not added. */
static guint
term_id (Analysis *analysis,
         char     *term,
         gboolean  add)
{
  gpointer found = g_hash_table_lookup (analysis->vocabulary, term);

  if (found != NULL)
    {
      g_free (term);
      return GPOINTER_TO_UINT (found) - 1;
    }
  if (!add)
    {
      g_free (term);
      return G_MAXUINT;
    }
  {
    guint id = g_hash_table_size (analysis->vocabulary);
    guint zero = 0;

    g_hash_table_insert (analysis->vocabulary, term, GUINT_TO_POINTER (id + 1));
    g_array_append_val (analysis->doc_freq, zero);
    return id;
  }
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The term ids of @text's content words, sorted, repeats kept; counts the
 * words and keeps the first one (lower-cased) in @first_word. */
static GArray *
collect_terms (Analysis    *analysis,
               const char  *text,
               gboolean     add,
               guint       *n_words,
               char       **first_word)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (guint));
  gsize cursor = 0, start, end;

  *n_words = 0;
  while (nf_text_next_word (text, &cursor, &start, &end))
    {
      char *term;
      guint id;

      if (first_word != NULL && *n_words == 0)
        *first_word = g_utf8_strdown (text + start, end - start);
      (*n_words)++;
      term = word_term (analysis, text + start, end - start);
      if (term == NULL)
        continue;
      id = term_id (analysis, term, add);
      if (id != G_MAXUINT)
        g_array_append_val (ids, id);
    }
  g_array_sort (ids, compare_ids);
  return ids;
}

/* Turns sorted ids with repeats into (id, term frequency) pairs, counting
 * each id once in the document frequencies. */
static GArray *
count_terms (Analysis *analysis,
             GArray   *ids)
{
  GArray *terms = g_array_new (FALSE, FALSE, sizeof (NfSummarizeTerm));

  for (guint i = 0; i < ids->len; )
    {
      guint id = g_array_index (ids, guint, i);
      guint run = 0;
      NfSummarizeTerm term;

      while (i < ids->len && g_array_index (ids, guint, i) == id)
        {
          run++;
          i++;
        }
      term.id = id;
      term.weight = run;
      g_array_append_val (terms, term);
      g_array_index (analysis->doc_freq, guint, id)++;
    }
  return terms;
}

static NfSummarizeUnit *
unit_new (Analysis   *analysis,
          NfSentence *sentence,
          guint       index)
{
  NfSummarizeUnit *unit = g_new0 (NfSummarizeUnit, 1);
  const char *text = nf_sentence_get_text (sentence);
  g_autofree char *first_word = NULL;
  g_autoptr(GArray) ids = collect_terms (analysis, text, TRUE, &unit->n_words, &first_word);

  unit->sentence = g_object_ref (sentence);
  unit->index = index;
  unit->n_chars = nf_sentence_get_end (sentence) - nf_sentence_get_start (sentence);
  unit->terms = count_terms (analysis, ids);
  unit->flags = nf_summarize_judge (text, unit->n_words, first_word, analysis->language);
  return unit;
}

static void
unit_free (gpointer data)
{
  NfSummarizeUnit *unit = data;

  g_object_unref (unit->sentence);
  g_array_unref (unit->terms);
  g_free (unit);
}

/* Term frequency to tf-idf: (1 + ln tf) · ln ((N + 1) / df). */
static void
weigh_terms (NfSummarizeText *text,
             Analysis        *analysis)
{
  double n = text->units->len;

  for (guint i = 0; i < text->units->len; i++)
    {
      NfSummarizeUnit *unit = g_ptr_array_index (text->units, i);
      double sum = 0;

      for (guint t = 0; t < unit->terms->len; t++)
        {
          NfSummarizeTerm *term = &g_array_index (unit->terms, NfSummarizeTerm, t);
          guint df = g_array_index (analysis->doc_freq, guint, term->id);

          term->weight = (1.0 + log (term->weight)) * log ((n + 1.0) / df);
          sum += (double) term->weight * term->weight;
        }
      unit->norm = sqrt (sum);
    }
}

/* The title's words that the text also uses, as terms of weight 1. */
static GArray *
title_terms (Analysis   *analysis,
             const char *title)
{
  GArray *terms = g_array_new (FALSE, FALSE, sizeof (NfSummarizeTerm));
  g_autoptr(GArray) ids = NULL;
  guint n_words;

  if (title == NULL)
    return terms;
  ids = collect_terms (analysis, title, FALSE, &n_words, NULL);
  for (guint i = 0; i < ids->len; i++)
    {
      NfSummarizeTerm term = { g_array_index (ids, guint, i), 1.0f };

      if (terms->len == 0 || g_array_index (terms, NfSummarizeTerm, terms->len - 1).id != term.id)
        g_array_append_val (terms, term);
    }
  return terms;
}

/* Whether a line break lies between two neighbouring sentences. */
static gboolean
same_line (const char            *text,
           const NfSummarizeUnit *before,
           const NfSummarizeUnit *after)
{
  const char *from = g_utf8_offset_to_pointer (text, nf_sentence_get_end (before->sentence));
  const char *to = g_utf8_offset_to_pointer (text, nf_sentence_get_start (after->sentence));

  for (const char *p = from; p < to; p++)
    if (*p == '\n')
      return FALSE;
  return TRUE;
}

/* A photo credit ends its caption: the sentence before it on the same line
 * is the caption ("Workers lay the rails on Tuesday. JANE DOE / AGENCY"). */
static void
flag_captions (NfSummarizeText *result,
               const char      *text)
{
  for (guint i = 1; i < result->units->len; i++)
    {
      NfSummarizeUnit *unit = g_ptr_array_index (result->units, i);
      NfSummarizeUnit *before = g_ptr_array_index (result->units, i - 1);

      if ((unit->flags & NF_SUMMARIZE_FLAG_CREDIT) && same_line (text, before, unit))
        before->flags |= NF_SUMMARIZE_FLAG_BOILERPLATE;
    }
}

/**
 * nf_summarize_text_new:
 * @text: the document's text
 * @title: (nullable): its title
 * @language: (nullable): its language (ISO 639-1); detected when %NULL
 *
 * Returns: (transfer full): @text analysed for the summarizers
 */
NfSummarizeText *
nf_summarize_text_new (const char *text,
                       const char *title,
                       const char *language)
{
  NfSummarizeText *result = g_new0 (NfSummarizeText, 1);
  g_autoptr(GPtrArray) sentences = NULL;
  Analysis analysis = { 0 };

  if (language == NULL)
    language = nf_text_detect_language (text, NULL);
  sentences = nf_text_split_sentences (text, language);

  analysis.language = language;
  analysis.stemmer = thread_stemmer (language);
  analysis.vocabulary = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  analysis.doc_freq = g_array_new (FALSE, FALSE, sizeof (guint));

  result->units = g_ptr_array_new_full (sentences->len, unit_free);
  for (guint i = 0; i < sentences->len; i++)
    {
      NfSummarizeUnit *unit = unit_new (&analysis, g_ptr_array_index (sentences, i), i);

      result->n_words += unit->n_words;
      g_ptr_array_add (result->units, unit);
    }
  weigh_terms (result, &analysis);
  flag_captions (result, text);
  result->title_terms = title_terms (&analysis, title);
  result->n_terms = g_hash_table_size (analysis.vocabulary);

  g_hash_table_unref (analysis.vocabulary);
  g_array_unref (analysis.doc_freq);
  return result;
}

void
nf_summarize_text_free (NfSummarizeText *text)
{
  g_ptr_array_unref (text->units);
  g_array_unref (text->title_terms);
  g_free (text);
}

/**
 * nf_summarize_match_terms:
 * @a: (element-type NfSummarizeTerm): terms sorted by id
 * @b: (element-type NfSummarizeTerm): terms sorted by id
 * @dot: (out) (optional): the dot product of their weights
 *
 * Walks two term vectors side by side (a merge of sorted ids).
 *
 * Returns: how many terms they share
 */
guint
nf_summarize_match_terms (GArray *a,
                          GArray *b,
                          double *dot)
{
  guint i = 0, j = 0, shared = 0;
  double sum = 0;

  while (i < a->len && j < b->len)
    {
      const NfSummarizeTerm *x = &g_array_index (a, NfSummarizeTerm, i);
      const NfSummarizeTerm *y = &g_array_index (b, NfSummarizeTerm, j);

      if (x->id == y->id)
        {
          shared++;
          sum += (double) x->weight * y->weight;
          i++;
          j++;
        }
      else if (x->id < y->id)
        i++;
      else
        j++;
    }
  if (dot != NULL)
    *dot = sum;
  return shared;
}

/* The cosine of two sentences' tf-idf vectors. */
double
nf_summarize_cosine (const NfSummarizeUnit *a,
                     const NfSummarizeUnit *b)
{
  double dot;

  if (a->norm == 0 || b->norm == 0)
    return 0;
  nf_summarize_match_terms (a->terms, b->terms, &dot);
  return dot / (a->norm * b->norm);
}
