/* nf-summarize-select.c: the sentences that fit the budget
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Sentences are taken best first while the budget allows: a number of
 * sentences, a share of the text's words, a number of words or of
 * characters. A sentence that says again what a chosen one says is passed
 * over, and so is one that opens by leaning on the sentence before it
 * ("He said…") unless that sentence is chosen too. Flagged sentences
 * (boilerplate, fragments, very short ones) are never taken while a clean
 * one is left; only a text with nothing else gets its best flagged one,
 * so a non-empty text never gets an empty summary.
 */
#include "nf-summarize-private.h"

/* Cosine above which a sentence repeats one already chosen. */
#define REDUNDANCY_THRESHOLD 0.6

typedef struct
{
  const NfSummarizeBudget *budget;
  double                   limit;    /* sentences, words or characters */
  double                   used;
  GPtrArray               *chosen;   /* NfSummarizeUnit, borrowed */
  GHashTable              *indexes;  /* chosen sentence indexes */
} Selection;

static double
budget_limit (const NfSummarizeText   *text,
              const NfSummarizeBudget *budget)
{
  switch (budget->kind)
    {
    case NF_SUMMARIZE_BUDGET_RATIO:
      return budget->amount * text->n_words;
    case NF_SUMMARIZE_BUDGET_SENTENCES:
    case NF_SUMMARIZE_BUDGET_WORDS:
    case NF_SUMMARIZE_BUDGET_CHARS:
    default:
      return budget->amount;
    }
}

/* What a sentence costs in the budget's unit. */
static double
cost_of (const Selection       *selection,
         const NfSummarizeUnit *unit)
{
  switch (selection->budget->kind)
    {
    case NF_SUMMARIZE_BUDGET_SENTENCES:
      return 1;
    case NF_SUMMARIZE_BUDGET_CHARS:
      return unit->n_chars;
    case NF_SUMMARIZE_BUDGET_RATIO:
    case NF_SUMMARIZE_BUDGET_WORDS:
    default:
      return unit->n_words;
    }
}

static gboolean
is_chosen (const Selection *selection,
           guint            index)
{
  return g_hash_table_contains (selection->indexes, GUINT_TO_POINTER (index + 1));
}

static gboolean
repeats_chosen (const Selection       *selection,
                const NfSummarizeUnit *unit)
{
  for (guint i = 0; i < selection->chosen->len; i++)
    if (nf_summarize_cosine (unit, g_ptr_array_index (selection->chosen, i)) > REDUNDANCY_THRESHOLD)
      return TRUE;
  return FALSE;
}

static void
choose (Selection       *selection,
        NfSummarizeUnit *unit)
{
  g_ptr_array_add (selection->chosen, unit);
  g_hash_table_add (selection->indexes, GUINT_TO_POINTER (unit->index + 1));
  selection->used += cost_of (selection, unit);
}

/* One pass over the ranked sentences: takes every one that fits, is clean
 * (or only dangling, when @allow_dangling or its predecessor is chosen)
 * and, when @avoid_redundancy, says something new. */
static void
take_pass (Selection *selection,
           GPtrArray *ranked,
           gboolean   allow_dangling,
           gboolean   avoid_redundancy)
{
  for (guint i = 0; i < ranked->len && selection->used < selection->limit; i++)
    {
      NfSummarizeUnit *unit = g_ptr_array_index (ranked, i);
      NfSummarizeFlags serious = unit->flags & ~NF_SUMMARIZE_FLAG_DANGLING;
      gboolean leans = (unit->flags & NF_SUMMARIZE_FLAG_DANGLING) != 0 &&
                       !(unit->index > 0 && is_chosen (selection, unit->index - 1));

      if (is_chosen (selection, unit->index) || serious != 0 || (leans && !allow_dangling))
        continue;
      if (selection->used + cost_of (selection, unit) > selection->limit)
        continue;
      if (avoid_redundancy && repeats_chosen (selection, unit))
        continue;
      choose (selection, unit);
    }
}

static int
by_score (gconstpointer a,
          gconstpointer b)
{
  const NfSummarizeUnit *x = *(NfSummarizeUnit * const *) a;
  const NfSummarizeUnit *y = *(NfSummarizeUnit * const *) b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static int
by_position (gconstpointer a,
             gconstpointer b)
{
  const NfSummarizeUnit *x = *(NfSummarizeUnit * const *) a;
  const NfSummarizeUnit *y = *(NfSummarizeUnit * const *) b;

  return x->index < y->index ? -1 : x->index > y->index;
}

/**
 * nf_summarize_select:
 * @text: a ranked text
 * @budget: how much summary to make
 * @avoid_redundancy: whether to pass over sentences that repeat a chosen one
 *
 * Returns: (transfer container) (element-type NfSummarizeUnit): the chosen
 *   sentences in document order; at least one when @text has any
 */
GPtrArray *
nf_summarize_select (NfSummarizeText         *text,
                     const NfSummarizeBudget *budget,
                     gboolean                 avoid_redundancy)
{
  g_autoptr(GPtrArray) ranked = g_ptr_array_copy (text->units, NULL, NULL);
  g_autoptr(GHashTable) indexes = g_hash_table_new (g_direct_hash, g_direct_equal);
  Selection selection = { budget, budget_limit (text, budget), 0,
                          g_ptr_array_new (), indexes };

  /* the copy borrows the units: it must not free them */
  g_ptr_array_set_free_func (ranked, NULL);
  g_ptr_array_sort (ranked, by_score);
  /* a leaning sentence may follow its predecessor, which the first pass
   * may only just have chosen: look again before taking any that lean on
   * nothing */
  take_pass (&selection, ranked, FALSE, avoid_redundancy);
  take_pass (&selection, ranked, FALSE, avoid_redundancy);
  take_pass (&selection, ranked, TRUE, avoid_redundancy);
  if (selection.chosen->len == 0 && ranked->len > 0)
    choose (&selection, g_ptr_array_index (ranked, 0));

  g_ptr_array_sort (selection.chosen, by_position);
  return selection.chosen;
}
