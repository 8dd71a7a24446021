/* nf-summarize-rank.c: a score for every sentence
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Four ways to rank sentences, each giving a score in [0, 1] before the
 * quality flags (nf-summarize-quality.c) push flagged sentences below
 * every clean one:
 *
 *  - lead: the earlier, the better (LEAD-N);
 *  - textrank: PageRank over a graph whose edges are the words two
 *    sentences share, normalised by their lengths (Mihalcea and Tarau);
 *  - lexrank: PageRank over the tf-idf cosine graph, edges below a
 *    threshold dropped (Erkan and Radev);
 *  - news, ours: what each of those knows, together. News puts the story
 *    first, so an early sentence gets a head start that fades over the
 *    first few; centrality (the sentence's TextRank) finds the sentences
 *    that say what the whole text says; the title's words mark what the
 *    editor thought the story was about; a sentence of two dozen words
 *    carries more of it than a short one; and the quality flags and the
 *    redundancy check of the selection keep what reads badly out.
 *    The weights were set on news with human and machine-made summaries
 *    (bbc and mlsum of ../shared/data): past a position weight of about
 *    0.7 against centrality's 1, the machine-made references are missed;
 *    below it, the human ones.
 */
#include "nf-summarize-private.h"

#include <math.h>
#include <string.h>

/* The graph methods are quadratic: past this many sentences only the first
 * ones take part, and the rest keep a score of 0. */
#define GRAPH_MAX_SENTENCES 600
#define DAMPING 0.85
#define RANK_ITERATIONS 50
#define RANK_EPSILON 1e-6
#define LEXRANK_THRESHOLD 0.1

/* The news method's weights and shapes. */
#define NEWS_POSITION_WEIGHT 0.7
#define NEWS_POSITION_DECAY 1.5     /* sentences: the head start falls to 1/e by the third */
#define NEWS_CENTRALITY_WEIGHT 1.0
#define NEWS_TITLE_WEIGHT 0.3
#define NEWS_LENGTH_WEIGHT 0.15
#define NEWS_FULL_LENGTH 25.0       /* words at which a sentence counts as full length */

/* What each quality flag costs: enough to rank any flagged sentence below
 * every clean one (scores are in [0, 1] before this). A dangling opening
 * costs nothing here: whether it dangles depends on what else is chosen,
 * which the selection (nf-summarize-select.c) sees. */
#define PENALTY_BOILERPLATE 4.0
#define PENALTY_FRAGMENT 3.0
#define PENALTY_SHORT 2.0

static NfSummarizeUnit *
unit_at (NfSummarizeText *text,
         guint            i)
{
  return g_ptr_array_index (text->units, i);
}

/* Scales the scores to [0, 1] by the largest. */
static void
normalise_scores (NfSummarizeText *text)
{
  double top = 0;

  for (guint i = 0; i < text->units->len; i++)
    top = MAX (top, unit_at (text, i)->score);
  if (top <= 0)
    return;
  for (guint i = 0; i < text->units->len; i++)
    unit_at (text, i)->score /= top;
}

static void
rank_lead (NfSummarizeText *text)
{
  for (guint i = 0; i < text->units->len; i++)
    unit_at (text, i)->score = 1.0 / (1.0 + i);
}

/* Mihalcea and Tarau's similarity: shared words over the sum of the logs
 * of the sentences' lengths. */
static double
shared_words_similarity (const NfSummarizeUnit *a,
                         const NfSummarizeUnit *b)
{
  guint shared = nf_summarize_match_terms (a->terms, b->terms, NULL);
  double lengths = log (a->terms->len + 1.0) + log (b->terms->len + 1.0);

  return shared > 0 && lengths > 0 ? shared / lengths : 0;
}

typedef double (*SimilarityFunc) (const NfSummarizeUnit *a,
                                  const NfSummarizeUnit *b);

/* The symmetric similarity matrix of the first @n sentences, entries below
 * @threshold set to 0. */
static double *
similarity_matrix (NfSummarizeText *text,
                   guint            n,
                   SimilarityFunc   similarity,
                   double           threshold)
{
  double *matrix = g_new0 (double, (gsize) n * n);

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        double s = similarity (unit_at (text, i), unit_at (text, j));

        if (s < threshold)
          s = 0;
        matrix[(gsize) i * n + j] = matrix[(gsize) j * n + i] = s;
      }
  return matrix;
}

/* Weighted PageRank by power iteration; a sentence linked to nothing
 * spreads its rank evenly. */
static void
page_rank (NfSummarizeText *text,
           const double    *matrix,
           guint            n)
{
  g_autofree double *rank = g_new (double, n);
  g_autofree double *next = g_new (double, n);
  g_autofree double *out_weight = g_new0 (double, n);

  for (guint i = 0; i < n; i++)
    {
      rank[i] = 1.0 / n;
      for (guint j = 0; j < n; j++)
        out_weight[i] += matrix[(gsize) i * n + j];
    }
  for (guint iteration = 0; iteration < RANK_ITERATIONS; iteration++)
    {
      double dangling = 0, change = 0;

      for (guint j = 0; j < n; j++)
        if (out_weight[j] == 0)
          dangling += rank[j];
      for (guint i = 0; i < n; i++)
        {
          double sum = dangling / n;
          for (guint j = 0; j < n; j++)
            if (out_weight[j] > 0 && matrix[(gsize) j * n + i] > 0)
              sum += rank[j] * matrix[(gsize) j * n + i] / out_weight[j];
          next[i] = (1.0 - DAMPING) / n + DAMPING * sum;
          change += fabs (next[i] - rank[i]);
        }
      memcpy (rank, next, n * sizeof (double));
      if (change < RANK_EPSILON)
        break;
    }
  for (guint i = 0; i < text->units->len; i++)
    unit_at (text, i)->score = i < n ? rank[i] : 0;
}

static void
rank_graph (NfSummarizeText *text,
            SimilarityFunc   similarity,
            double           threshold)
{
  guint n = MIN (text->units->len, GRAPH_MAX_SENTENCES);
  g_autofree double *matrix = NULL;

  if (n == 0)
    return;
  matrix = similarity_matrix (text, n, similarity, threshold);
  page_rank (text, matrix, n);
}

/* The share of the title's words a sentence uses. */
static double
title_overlap (NfSummarizeText       *text,
               const NfSummarizeUnit *unit)
{
  if (text->title_terms->len == 0)
    return 0;
  return (double) nf_summarize_match_terms (unit->terms, text->title_terms, NULL) / text->title_terms->len;
}

static void
rank_news (NfSummarizeText *text)
{
  g_autofree double *centralities = g_new0 (double, text->units->len + 1);

  /* TextRank's scores, scaled so the most central sentence has 1 */
  rank_graph (text, shared_words_similarity, 0);
  normalise_scores (text);
  for (guint i = 0; i < text->units->len; i++)
    centralities[i] = unit_at (text, i)->score;

  for (guint i = 0; i < text->units->len; i++)
    {
      NfSummarizeUnit *unit = unit_at (text, i);
      double position = exp (-(double) i / NEWS_POSITION_DECAY);
      double centrality = centralities[i];
      double length = MIN (1.0, unit->n_words / NEWS_FULL_LENGTH);

      unit->score = NEWS_POSITION_WEIGHT * position +
                    NEWS_CENTRALITY_WEIGHT * centrality +
                    NEWS_TITLE_WEIGHT * title_overlap (text, unit) +
                    NEWS_LENGTH_WEIGHT * length;
    }
}

/* Pushes flagged sentences below every clean one. */
static void
apply_quality (NfSummarizeText *text)
{
  for (guint i = 0; i < text->units->len; i++)
    {
      NfSummarizeUnit *unit = unit_at (text, i);

      if (unit->flags & NF_SUMMARIZE_FLAG_BOILERPLATE)
        unit->score -= PENALTY_BOILERPLATE;
      if (unit->flags & NF_SUMMARIZE_FLAG_FRAGMENT)
        unit->score -= PENALTY_FRAGMENT;
      if (unit->flags & NF_SUMMARIZE_FLAG_SHORT)
        unit->score -= PENALTY_SHORT;
    }
}

/**
 * nf_summarize_rank:
 * @text: an analysed text
 * @method: how to rank
 *
 * Sets the score of every sentence of @text: in [0, 1] for a sentence
 * without a quality flag (or only a dangling opening), below 0 for a
 * flagged one.
 */
void
nf_summarize_rank (NfSummarizeText   *text,
                   NfSummarizeMethod  method)
{
  switch (method)
    {
    case NF_SUMMARIZE_METHOD_LEAD:
      rank_lead (text);
      break;
    case NF_SUMMARIZE_METHOD_TEXTRANK:
      rank_graph (text, shared_words_similarity, 0);
      break;
    case NF_SUMMARIZE_METHOD_LEXRANK:
      rank_graph (text, nf_summarize_cosine, LEXRANK_THRESHOLD);
      break;
    case NF_SUMMARIZE_METHOD_NEWS:
    default:
      rank_news (text);
      break;
    }
  normalise_scores (text);
  apply_quality (text);
}
