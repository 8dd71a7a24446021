/* nf-keyphrase.c: the keyphrases of a story
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An unsupervised extractor in the manner of PositionRank (Florescu and
 * Caragea, 2017), made to work without a part-of-speech tagger, so that
 * it serves every language the text toolkit knows:
 *
 *  - the candidates are the runs of content words (no stopword, no
 *    punctuation or sentence end inside, no bare number, two letters at
 *    least), and the phrases of one to four words inside them;
 *  - the words are nodes of a graph whose edges join words that occur
 *    near one another; a PageRank personalised by where each word first
 *    appears (early words weigh more: news says what matters first) and
 *    by the title ranks them;
 *  - a phrase scores its words' ranks (summed, over the square root of its
 *    length), times a reward for being
 *    written as a whole run of content words more than once (so that
 *    "export controls" beats "export" when the text keeps saying "export
 *    controls", and fragments of longer runs lose), and less the later it
 *    first appears.
 *
 * Phrases are told apart by their stems; a phrase inside a better one is
 * left out unless it is nearly as strong on its own.
 */
#include <math.h>
#include <string.h>

#include "nf-tagger-private.h"

#define MAX_PHRASE_WORDS 4

/* The few knobs, set once on two development sets of news with keyphrases
 * (DUC 2001, 500N-KPCrowd); a build with NF_KEYPHRASE_TUNING defined reads
 * them from KP_* environment variables to try others. */
typedef struct
{
  guint  window;            /* words either side that share an edge */
  double damping;           /* PageRank's */
  double title_bias;        /* extra personalisation of a title word, in
                             * units of a first-word occurrence */
  double whole_exponent;    /* phrase score ∝ (times met as a whole run + ½)^this */
  double keep_sub_phrase;   /* a sub-phrase stays if it scores this much of its parent */
  gboolean sub_ngrams;      /* phrases inside a longer run are candidates too */
  double length_exponent;   /* phrase score ∝ (sum of its words' ranks) / words^this,
                             * with parts of speech; without them the mean */
} Params;

static const Params default_params = {
  .window = 4,
  .damping = 0.85,
  .title_bias = 2.0,
  .whole_exponent = 0.5,
  .keep_sub_phrase = 0.9,
  .sub_ngrams = TRUE,
  /* Between PositionRank's sum (0: long phrases win) and a mean (1: one
   * strong word wins): duc2001 F1@10 28.6 with the sum, 26.2 with the
   * mean, 28.4 here; 500n-kpcrowd, whose keys are mostly single words,
   * 10.5, 14.8 and 12.5. */
  .length_exponent = 0.5,
};

/* One word of the text. */
typedef struct
{
  guint    start;        /* code points, end exclusive */
  guint    end;
  gsize    byte_start;   /* the same in bytes */
  gsize    byte_end;
  guint    term;         /* index in Extraction.terms */
  gboolean content;      /* may be part of a phrase */
  gboolean noun;         /* a noun (with a POS model): a phrase ends on one */
  gboolean breaks;       /* punctuation or a sentence end comes before it */
  gboolean opens;        /* first word of its sentence */
} Word;

/* One distinct word (by stem) of the text. */
typedef struct
{
  char      *stem;
  guint      count;
  double     bias;       /* personalisation of the PageRank */
  double     rank;
} Term;

/* One candidate phrase, by its stems. */
typedef struct
{
  char       *normalized;
  guint       n_words;
  guint       terms[MAX_PHRASE_WORDS];
  guint       count;
  guint       whole;      /* times it was a whole run */
  guint       first;      /* word index of its first occurrence */
  GHashTable *surfaces;   /* text as written → guint times */
  GArray     *mentions;   /* guint pairs */
  double      score;
} Candidate;

typedef struct
{
  const Params *params;
  const char   *text;
  const char   *language;
  NfStemmer    *stemmer;    /* nullable: lower-casing only */
  GArray       *pos_tokens; /* nullable (NfPosToken): phrases of content words then */
  GArray       *words;      /* Word */
  GPtrArray    *terms;      /* Term */
  GHashTable   *term_index; /* stem → index + 1 */
  GPtrArray    *candidates; /* Candidate, in order of first occurrence */
  GHashTable   *candidate_index; /* normalized → Candidate */
  GHashTable   *word_terms; /* word as written → its term's index + 1: news
                             * repeats its words, each is stemmed once */
  GString      *scratch_normalized;  /* reused by add_candidate() */
  GString      *scratch_surface;
} Extraction;

/* Frees a Term. */
static void
term_free (gpointer data)
{
  Term *term = data;

  g_free (term->stem);
  g_free (term);
}

/* Frees a Candidate. */
static void
candidate_free (gpointer data)
{
  Candidate *candidate = data;

  g_free (candidate->normalized);
  g_hash_table_unref (candidate->surfaces);
  g_clear_pointer (&candidate->mentions, g_array_unref);
  g_free (candidate);
}

/**
 * nf_keyphrase_free:
 * @keyphrase: (nullable): an NfKeyphrase
 *
 * Frees a keyphrase returned by nf_keyphrases_extract().
 */
void
nf_keyphrase_free (gpointer keyphrase)
{
  NfKeyphrase *self = keyphrase;

  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self->normalized);
  g_clear_pointer (&self->mentions, g_array_unref);
  g_free (self);
}

/* The stem of @word, lower-cased; a possessive "'s" is not part of it. */
static char *
stem_word (NfStemmer  *stemmer,
           const char *word,
           gsize       length)
{
  g_autofree char *lower = g_utf8_strdown (word, length);
  gsize n = strlen (lower);

  if (n > 3 && lower[n - 2] == '\'' && lower[n - 1] == 's')
    lower[n - 2] = '\0';
  else if (n > 5 && g_str_has_suffix (lower, "\xe2\x80\x99s"))
    lower[n - 4] = '\0';

  if (stemmer == NULL)
    return g_steal_pointer (&lower);
  return nf_stemmer_stem (stemmer, lower);
}


/* Whether @word may be part of a phrase: two letters at least, a letter
 * somewhere (no bare numbers), and no stopword. */
static gboolean
is_content_word (const char *language,
                 const char *word)
{
  guint letters = 0, chars = 0;

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isalpha (g_utf8_get_char (p)))
        letters++;
      chars++;
    }
  if (letters == 0 || chars < 2)
    return FALSE;
  return !nf_text_is_stopword (language, word);
}

/* Whether the stretch between two words holds anything but white space:
 * a comma, a bracket, a dash between spaces ends a phrase. */
static gboolean
gap_breaks (const char *from,
            const char *to)
{
  for (const char *p = from; p < to; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* The index of the term for @stem, a new one if need be. */
static guint
intern_term (Extraction *ex,
             char       *stem)
{
  gpointer found = g_hash_table_lookup (ex->term_index, stem);
  Term *term;

  if (found != NULL)
    {
      g_free (stem);
      return GPOINTER_TO_UINT (found) - 1;
    }
  term = g_new0 (Term, 1);
  term->stem = stem;
  g_ptr_array_add (ex->terms, term);
  g_hash_table_insert (ex->term_index, stem, GUINT_TO_POINTER (ex->terms->len));
  return ex->terms->len - 1;
}

/* The term of a word of the text, stemming it the first time it is met. */
static guint
word_term (Extraction *ex,
           const char *word)
{
  gpointer found = g_hash_table_lookup (ex->word_terms, word);
  guint term;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  term = intern_term (ex, stem_word (ex->stemmer, word, -1));
  g_hash_table_insert (ex->word_terms, g_strdup (word), GUINT_TO_POINTER (term + 1));
  return term;
}

/* Reads the words of the text, with where sentences and punctuation break
 * the runs of words. */
static void
read_words (Extraction *ex)
{
  g_autoptr(GPtrArray) sentences = nf_text_split_sentences (ex->text, ex->language);
  gsize cursor = 0, start, end, previous_end = 0;
  guint code_point = 0, sentence = 0, sentence_of_previous = G_MAXUINT;

  g_autoptr(GString) scratch = g_string_new (NULL);

  while (nf_text_next_word (ex->text, &cursor, &start, &end))
    {
      const char *word;
      Word w = { 0, };

      g_string_truncate (scratch, 0);
      g_string_append_len (scratch, ex->text + start, end - start);
      word = scratch->str;
      code_point += g_utf8_strlen (ex->text + previous_end, start - previous_end);
      w.start = code_point;
      w.end = code_point + g_utf8_strlen (word, -1);
      code_point = w.end;
      w.byte_start = start;
      w.byte_end = end;

      while (sentence < sentences->len &&
             nf_sentence_get_end (g_ptr_array_index (sentences, sentence)) <= w.start)
        sentence++;
      w.opens = ex->words->len == 0 || sentence != sentence_of_previous;
      w.breaks = w.opens ||
                 gap_breaks (ex->text + previous_end, ex->text + start);
      sentence_of_previous = sentence;
      previous_end = end;

      w.content = is_content_word (ex->language, word);
      w.term = word_term (ex, word);
      ((Term *) g_ptr_array_index (ex->terms, w.term))->count++;
      g_array_append_val (ex->words, w);
    }
}

/* With a part-of-speech model, only nouns and adjectives are content
 * words (PositionRank's graph and noun phrases): each word takes the tag
 * of the tagger's token that holds its first character. */
static void
apply_parts_of_speech (Extraction *ex)
{
  GArray *tokens = ex->pos_tokens;
  Word *words = (Word *) ex->words->data;
  guint t = 0;

  for (guint i = 0; i < ex->words->len; i++)
    {
      NfPosTag tag = NF_POS_OTHER;

      while (t < tokens->len && g_array_index (tokens, NfPosToken, t).end <= words[i].start)
        t++;
      if (t < tokens->len && g_array_index (tokens, NfPosToken, t).start <= words[i].start)
        tag = g_array_index (tokens, NfPosToken, t).tag;
      words[i].noun = tag == NF_POS_NOUN;
      words[i].content = words[i].content && (tag == NF_POS_NOUN || tag == NF_POS_ADJ);
    }
}

/* The personalisation of the PageRank: each occurrence of a content word
 * adds the inverse of its position among the content words, and a word of
 * the title adds a fixed head start. */
static void
set_biases (Extraction *ex,
            const char *title)
{
  Word *words = (Word *) ex->words->data;
  guint position = 0;

  for (guint i = 0; i < ex->words->len; i++)
    if (words[i].content)
      {
        Term *term = g_ptr_array_index (ex->terms, words[i].term);

        term->bias += 1.0 / ++position;
      }

  if (title != NULL && ex->params->title_bias > 0)
    {
      gsize cursor = 0, start, end;

      while (nf_text_next_word (title, &cursor, &start, &end))
        {
          g_autofree char *word = g_strndup (title + start, end - start);
          gpointer found;

          if (!is_content_word (ex->language, word))
            continue;
          found = g_hash_table_lookup (ex->word_terms, word);
          if (found == NULL)
            {
              /* a title word the text writes otherwise, or not at all */
              g_autofree char *stem = stem_word (ex->stemmer, word, -1);
              found = g_hash_table_lookup (ex->term_index, stem);
            }
          if (found != NULL)
            {
              Term *term = g_ptr_array_index (ex->terms, GPOINTER_TO_UINT (found) - 1);
              term->bias += ex->params->title_bias;
            }
        }
    }
}

/* An edge of the word graph, in a flat list. */
typedef struct
{
  guint  from;
  guint  to;
  double weight;
} Edge;

/* Orders packed term pairs. */
static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* The word graph as flat arrays: edges both ways, each weight already
 * divided by its source's total, so that a round of the PageRank is one
 * pass over memory. */
static GArray *
build_edges (Extraction *ex)
{
  g_autoptr(GArray) content = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree double *out_weight = g_new0 (double, ex->terms->len);
  GArray *flat = g_array_new (FALSE, FALSE, sizeof (Edge));
  Word *words = (Word *) ex->words->data;

  for (guint i = 0; i < ex->words->len; i++)
    if (words[i].content)
      g_array_append_val (content, words[i].term);
  /* every co-occurrence as a packed (smaller, larger) pair; sorted, the
   * runs of one pair are its edge and their length its weight */
  for (guint i = 0; i < content->len; i++)
    for (guint j = i + 1; j < content->len && j <= i + ex->params->window; j++)
      {
        guint a = g_array_index (content, guint, i), b = g_array_index (content, guint, j);
        guint64 pair = ((guint64) MIN (a, b) << 32) | MAX (a, b);

        if (a != b)
          g_array_append_val (pairs, pair);
      }
  g_array_sort (pairs, compare_pairs);

  for (guint i = 0; i < pairs->len;)
    {
      guint64 pair = g_array_index (pairs, guint64, i);
      guint run = i;
      Edge e, back;

      while (run < pairs->len && g_array_index (pairs, guint64, run) == pair)
        run++;
      e = (Edge) { pair >> 32, pair & 0xffffffffu, run - i };
      back = (Edge) { e.to, e.from, e.weight };
      g_array_append_val (flat, e);
      g_array_append_val (flat, back);
      out_weight[e.from] += e.weight;
      out_weight[e.to] += e.weight;
      i = run;
    }
  for (guint e = 0; e < flat->len; e++)
    {
      Edge *edge = &g_array_index (flat, Edge, e);
      edge->weight /= out_weight[edge->from];
    }
  return flat;
}

/* Ranks the content words: a PageRank over the graph of words met within
 * the window of one another, personalised by the biases. */
static void
rank_terms (Extraction *ex)
{
  g_autoptr(GArray) edges = build_edges (ex);
  guint n_terms = ex->terms->len;
  g_autofree double *rank = g_new0 (double, n_terms);
  g_autofree double *bias = g_new0 (double, n_terms);
  g_autofree double *next = g_new0 (double, n_terms);
  g_autofree gboolean *has_edges = g_new0 (gboolean, n_terms);
  double bias_total = 0, damping = ex->params->damping;

  for (guint t = 0; t < n_terms; t++)
    bias_total += ((Term *) g_ptr_array_index (ex->terms, t))->bias;
  if (bias_total <= 0)
    return;
  for (guint t = 0; t < n_terms; t++)
    rank[t] = bias[t] = ((Term *) g_ptr_array_index (ex->terms, t))->bias / bias_total;
  for (guint e = 0; e < edges->len; e++)
    has_edges[g_array_index (edges, Edge, e).from] = TRUE;

  for (guint round = 0; round < 100; round++)
    {
      double change = 0, dangling = 0;

      for (guint t = 0; t < n_terms; t++)
        {
          if (!has_edges[t])
            dangling += rank[t];
          next[t] = 0;
        }
      for (guint e = 0; e < edges->len; e++)
        {
          const Edge *edge = &g_array_index (edges, Edge, e);
          next[edge->to] += rank[edge->from] * edge->weight;
        }
      for (guint t = 0; t < n_terms; t++)
        {
          /* a word without edges hands its rank back by the biases */
          double updated = (1 - damping) * bias[t] + damping * (next[t] + dangling * bias[t]);

          change += fabs (updated - rank[t]);
          rank[t] = updated;
        }
      /* ranks are about 1 / terms: a millionth in all is well below what
       * orders them */
      if (change < 1e-6)
        break;
    }
  for (guint t = 0; t < n_terms; t++)
    {
      Term *term = g_ptr_array_index (ex->terms, t);
      term->bias = bias[t];
      term->rank = rank[t];
    }
}

/* Records one occurrence of the phrase of words[first..first+n). The
 * stems and the surface are built in the extraction's scratch strings, and
 * copied only for a phrase, or a way of writing it, not seen before:
 * every word starts up to four phrases. */
static void
add_candidate (Extraction *ex,
               guint       first,
               guint       n,
               gboolean    whole_run)
{
  Word *words = (Word *) ex->words->data + first;
  GString *normalized = ex->scratch_normalized;
  GString *surface = ex->scratch_surface;
  Candidate *candidate;
  guint pair[2] = { words[0].start, words[n - 1].end };
  guint *times;

  g_string_truncate (normalized, 0);
  for (guint i = 0; i < n; i++)
    {
      Term *term = g_ptr_array_index (ex->terms, words[i].term);
      if (i > 0)
        g_string_append_c (normalized, ' ');
      g_string_append (normalized, term->stem);
    }

  candidate = g_hash_table_lookup (ex->candidate_index, normalized->str);
  if (candidate == NULL)
    {
      candidate = g_new0 (Candidate, 1);
      candidate->normalized = g_strndup (normalized->str, normalized->len);
      candidate->n_words = n;
      for (guint i = 0; i < n; i++)
        candidate->terms[i] = words[i].term;
      candidate->first = first;
      candidate->surfaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      candidate->mentions = g_array_new (FALSE, FALSE, sizeof (guint));
      g_ptr_array_add (ex->candidates, candidate);
      g_hash_table_insert (ex->candidate_index, candidate->normalized, candidate);
    }
  candidate->count++;
  candidate->whole += whole_run;
  g_array_append_vals (candidate->mentions, pair, 2);

  g_string_truncate (surface, 0);
  g_string_append_len (surface, ex->text + words[0].byte_start,
                       words[n - 1].byte_end - words[0].byte_start);
  times = g_hash_table_lookup (candidate->surfaces, surface->str);
  if (times == NULL)
    {
      times = g_new0 (guint, 1);
      g_hash_table_insert (candidate->surfaces, g_strndup (surface->str, surface->len), times);
    }
  (*times)++;
}

/* Collects the candidates: each run of content words of up to four words,
 * and, when sub_ngrams is set, every phrase of up to four words inside a run. */
static void
collect_candidates (Extraction *ex)
{
  Word *words = (Word *) ex->words->data;
  guint i = 0;

  while (i < ex->words->len)
    {
      guint run_end = i;

      if (!words[i].content)
        {
          i++;
          continue;
        }
      while (run_end + 1 < ex->words->len && words[run_end + 1].content &&
             !words[run_end + 1].breaks &&
             !(ex->pos_tokens != NULL && words[run_end].noun && !words[run_end + 1].noun))
        run_end++;

      for (guint first = i; first <= run_end; first++)
        for (guint n = 1; n <= MAX_PHRASE_WORDS && first + n - 1 <= run_end; n++)
          {
            gboolean whole_run = first == i && first + n - 1 == run_end;

            /* a noun phrase ends on its noun */
            if (ex->pos_tokens != NULL && !words[first + n - 1].noun)
              continue;
            if (whole_run || ex->params->sub_ngrams)
              add_candidate (ex, first, n, whole_run);
          }
      i = run_end + 1;
    }
}

/* Scores a candidate: its words' ranks, summed and divided by a power of
 * its length (see Params), more for a phrase the text
 * writes as a whole run of content words again and again (a sub-phrase of
 * longer runs, "Path leaders" of "Shining Path leaders", is rarely meant),
 * and more for one met early. */
static void
score_candidate (Extraction *ex,
                 Candidate  *candidate)
{
  double sum = 0, first = (double) candidate->first / ex->words->len;

  for (guint i = 0; i < candidate->n_words; i++)
    sum += ((Term *) g_ptr_array_index (ex->terms, candidate->terms[i]))->rank;
  /* without parts of speech, runs hold verbs too ("Stadtwerke erhöhen"):
   * there a longer phrase earns nothing for its length */
  candidate->score = sum / pow (candidate->n_words, ex->pos_tokens != NULL ? ex->params->length_exponent : 1.0) *
                     pow (candidate->whole + 0.5, ex->params->whole_exponent) /
                     (1.0 + first);
}

/* Orders candidates best first; ties go to the earlier one. */
static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = *(Candidate **) a, *y = *(Candidate **) b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->first < y->first ? -1 : x->first > y->first;
}

/* Whether the stems of @inner are a stretch of the stems of @outer. */
static gboolean
is_sub_phrase (const Candidate *inner,
               const Candidate *outer)
{
  if (inner->n_words >= outer->n_words)
    return FALSE;
  for (guint at = 0; at + inner->n_words <= outer->n_words; at++)
    if (memcmp (outer->terms + at, inner->terms, inner->n_words * sizeof (guint)) == 0)
      return TRUE;
  return FALSE;
}

/* Whether @candidate repeats a phrase already chosen: it sits inside one
 * and is clearly weaker.  (A longer phrase holding a chosen one is kept:
 * "census bureau" after "census" says more.) */
static gboolean
is_redundant (Extraction *ex,
              Candidate  *candidate,
              GPtrArray  *chosen)
{
  for (guint i = 0; i < chosen->len; i++)
    {
      Candidate *other = g_ptr_array_index (chosen, i);

      if (is_sub_phrase (candidate, other) &&
          candidate->score < ex->params->keep_sub_phrase * other->score)
        return TRUE;
    }
  return FALSE;
}

/* The surface form written most often; ties go to the one met first. */
static char *
most_frequent_surface (Candidate *candidate)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *best = NULL;
  guint best_times = 0;

  g_hash_table_iter_init (&iter, candidate->surfaces);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(guint *) value > best_times ||
        (*(guint *) value == best_times && g_strcmp0 (key, best) < 0))
      {
        best = key;
        best_times = *(guint *) value;
      }
  return g_strdup (best);
}

/* Loads the knobs: the defaults, or in a tuning build the environment's. */
static const Params *
get_params (Params *storage)
{
  *storage = default_params;
#ifdef NF_KEYPHRASE_TUNING
  {
    const char *v;
    if ((v = g_getenv ("KP_WINDOW"))) storage->window = atoi (v);
    if ((v = g_getenv ("KP_DAMPING"))) storage->damping = g_ascii_strtod (v, NULL);
    if ((v = g_getenv ("KP_TITLE"))) storage->title_bias = g_ascii_strtod (v, NULL);
    if ((v = g_getenv ("KP_WHOLE"))) storage->whole_exponent = g_ascii_strtod (v, NULL);
    if ((v = g_getenv ("KP_KEEP"))) storage->keep_sub_phrase = g_ascii_strtod (v, NULL);
    if ((v = g_getenv ("KP_SUB"))) storage->sub_ngrams = atoi (v);
    if ((v = g_getenv ("KP_LENGTH"))) storage->length_exponent = g_ascii_strtod (v, NULL);
  }
#endif
  return storage;
}

/* Picks the best phrases, leaving out repeats, and turns them into
 * NfKeyphrases scored against the best. */
static GPtrArray *
choose_keyphrases (Extraction *ex,
                   guint       max_keyphrases)
{
  g_autoptr(GPtrArray) ranked = g_ptr_array_copy (ex->candidates, NULL, NULL);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  GPtrArray *result = g_ptr_array_new_with_free_func (nf_keyphrase_free);

  /* the copy takes the free function along: ex->candidates owns them */
  g_ptr_array_set_free_func (ranked, NULL);
  for (guint i = 0; i < ranked->len; i++)
    score_candidate (ex, g_ptr_array_index (ranked, i));
  g_ptr_array_sort (ranked, compare_candidates);

  for (guint i = 0; i < ranked->len && chosen->len < max_keyphrases; i++)
    {
      Candidate *candidate = g_ptr_array_index (ranked, i);

      if (candidate->score <= 0 || is_redundant (ex, candidate, chosen))
        continue;
      g_ptr_array_add (chosen, candidate);
    }

  for (guint i = 0; i < chosen->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (chosen, i);
      Candidate *best = g_ptr_array_index (chosen, 0);
      NfKeyphrase *keyphrase = g_new0 (NfKeyphrase, 1);

      keyphrase->text = most_frequent_surface (candidate);
      keyphrase->normalized = g_strdup (candidate->normalized);
      keyphrase->score = i == 0 ? 1.0 : MAX (candidate->score / best->score, 1e-6);
      keyphrase->mentions = g_steal_pointer (&candidate->mentions);
      g_ptr_array_add (result, keyphrase);
    }
  return result;
}

/* Reads, ranks and picks: the work of nf_keyphrases_extract() on valid
 * UTF-8 with its language known ("" for none). */
static GPtrArray *
extract (const char *text,
         const char *title,
         const char *language,
         guint       max_keyphrases,
         GArray     *pos_tokens)
{
  g_autoptr(NfStemmer) stemmer = NULL;
  Params storage;
  Extraction ex = { 0, };
  GPtrArray *result;

  if (nf_stemmer_has_language (language))
    stemmer = nf_stemmer_new (language, NULL);

  ex.params = get_params (&storage);
  ex.text = text;
  ex.language = language;
  ex.stemmer = stemmer;
  ex.pos_tokens = g_str_equal (language, "en") ? pos_tokens : NULL;
  ex.words = g_array_new (FALSE, FALSE, sizeof (Word));
  ex.terms = g_ptr_array_new_with_free_func (term_free);
  ex.term_index = g_hash_table_new (g_str_hash, g_str_equal);
  ex.candidates = g_ptr_array_new_with_free_func (candidate_free);
  ex.candidate_index = g_hash_table_new (g_str_hash, g_str_equal);
  ex.word_terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ex.scratch_normalized = g_string_new (NULL);
  ex.scratch_surface = g_string_new (NULL);

  read_words (&ex);
  if (ex.pos_tokens != NULL)
    apply_parts_of_speech (&ex);
  set_biases (&ex, title);
  rank_terms (&ex);
  collect_candidates (&ex);
  result = choose_keyphrases (&ex, max_keyphrases);

  g_string_free (ex.scratch_normalized, TRUE);
  g_string_free (ex.scratch_surface, TRUE);
  g_hash_table_unref (ex.candidate_index);
  g_hash_table_unref (ex.word_terms);
  g_ptr_array_unref (ex.candidates);
  g_hash_table_unref (ex.term_index);
  g_ptr_array_unref (ex.terms);
  g_array_unref (ex.words);
  return result;
}

/* @language, or the one detected in @text, or "" for none. */
static const char *
language_of (const char *text,
             const char *language)
{
  if (language == NULL || *language == '\0')
    language = nf_text_detect_language (text, NULL);
  return language != NULL ? language : "";
}

/**
 * nf_keyphrases_extract:
 * @text: the text of a story
 * @title: (nullable): its title, which weighs on what the story is about
 * @language: (nullable): its ISO 639-1 language, or %NULL to detect it
 * @max_keyphrases: how many phrases at most
 * @pos: (nullable): a part-of-speech model; for English text the
 *   candidates are then noun phrases (adjectives and nouns, ending on a
 *   noun) and only nouns and adjectives are ranked
 *
 * Finds the phrases that say what @text is about.  Safe to call from any
 * thread.
 *
 * Returns: (transfer container) (element-type NfKeyphrase): the phrases,
 *   best first, the best scored 1; their mentions are in code points of
 *   @text (as g_utf8_make_valid() repairs it)
 */
GPtrArray *
nf_keyphrases_extract (const char *text,
                       const char *title,
                       const char *language,
                       guint       max_keyphrases,
                       NfPosModel *pos)
{
  g_autofree char *repaired = NULL;
  g_autoptr(GArray) pos_tokens = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    text = repaired = g_utf8_make_valid (text, -1);
  language = language_of (text, language);
  if (pos != NULL && g_str_equal (language, "en"))
    pos_tokens = nf_pos_model_tag (pos, text);
  return extract (text, title, language, max_keyphrases, pos_tokens);
}

/**
 * nf_keyphrases_extract_tagged:
 * @text: the text of a story, valid UTF-8
 * @title: (nullable): its title
 * @language: (nullable): its ISO 639-1 language, or %NULL to detect it
 * @max_keyphrases: how many phrases at most
 * @pos_tokens: (nullable) (element-type NfPosToken): @text's tokens with
 *   their parts of speech, when the caller has tagged them already
 *
 * nf_keyphrases_extract() for a caller that tags the text itself (the
 * tag element tokenises once for entities and parts of speech).
 *
 * Returns: (transfer container) (element-type NfKeyphrase): the phrases
 */
GPtrArray *
nf_keyphrases_extract_tagged (const char *text,
                              const char *title,
                              const char *language,
                              guint       max_keyphrases,
                              GArray     *pos_tokens)
{
  g_return_val_if_fail (text != NULL && g_utf8_validate (text, -1, NULL), NULL);

  return extract (text, title, language_of (text, language), max_keyphrases, pos_tokens);
}
