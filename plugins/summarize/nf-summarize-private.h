/* nf-summarize-private.h: the pieces of the summarize element
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <newsfilter.h>

G_BEGIN_DECLS

#define NF_TYPE_SUMMARIZE (nf_summarize_get_type ())
G_DECLARE_FINAL_TYPE (NfSummarize, nf_summarize, NF, SUMMARIZE, NfFilter)

/**
 * NfSummarizeMethod:
 * @NF_SUMMARIZE_METHOD_NEWS: position, centrality, title overlap and length
 *   together, with boilerplate and dangling openings held back
 * @NF_SUMMARIZE_METHOD_LEAD: the first sentences (LEAD-N)
 * @NF_SUMMARIZE_METHOD_TEXTRANK: TextRank (Mihalcea and Tarau, 2004)
 * @NF_SUMMARIZE_METHOD_LEXRANK: LexRank (Erkan and Radev, 2004)
 *
 * How the summarize element ranks sentences.
 */
typedef enum
{
  NF_SUMMARIZE_METHOD_NEWS,
  NF_SUMMARIZE_METHOD_LEAD,
  NF_SUMMARIZE_METHOD_TEXTRANK,
  NF_SUMMARIZE_METHOD_LEXRANK,
} NfSummarizeMethod;

#define NF_TYPE_SUMMARIZE_METHOD (nf_summarize_method_get_type ())
GType nf_summarize_method_get_type (void);

/* What keeps a sentence out of a summary while a better one exists. */
typedef enum
{
  NF_SUMMARIZE_FLAG_NONE        = 0,
  NF_SUMMARIZE_FLAG_BOILERPLATE = 1 << 0,  /* a widget line, a photo credit, "Read more" */
  NF_SUMMARIZE_FLAG_FRAGMENT    = 1 << 1,  /* a headline, caption or dateline: no sentence end */
  NF_SUMMARIZE_FLAG_SHORT       = 1 << 2,  /* too few words to carry a story */
  NF_SUMMARIZE_FLAG_DANGLING    = 1 << 3,  /* opens with a pronoun or link word that needs what came before */
  NF_SUMMARIZE_FLAG_CREDIT      = 1 << 4,  /* holds a photo credit (also flagged boilerplate) */
} NfSummarizeFlags;

/* A term of a sentence's vector: its id in the text's vocabulary and its
 * weight (tf-idf). Vectors are sorted by id. */
typedef struct
{
  guint  id;
  float  weight;
} NfSummarizeTerm;

/* One sentence of the text being summarised. */
typedef struct
{
  NfSentence       *sentence;   /* text and offsets, from the splitter */
  guint             index;      /* position among the sentences */
  guint             n_words;    /* every word */
  guint             n_chars;    /* code points */
  GArray           *terms;      /* NfSummarizeTerm, content words only, sorted by id */
  double            norm;       /* Euclidean norm of the weights */
  NfSummarizeFlags  flags;
  double            score;
} NfSummarizeUnit;

/* The text being summarised, analysed once for every method. */
typedef struct
{
  GPtrArray  *units;          /* NfSummarizeUnit */
  guint       n_terms;        /* size of the vocabulary */
  GArray     *title_terms;    /* NfSummarizeTerm: the title's content words, sorted, weight 1 */
  guint       n_words;        /* words of the whole text */
} NfSummarizeText;

/* nf-summarize-text.c: sentences and term vectors */
NfSummarizeText *nf_summarize_text_new      (const char      *text,
                                             const char      *title,
                                             const char      *language);
void             nf_summarize_text_free     (NfSummarizeText *text);
guint            nf_summarize_match_terms   (GArray          *a,
                                             GArray          *b,
                                             double          *dot);
double           nf_summarize_cosine        (const NfSummarizeUnit *a,
                                             const NfSummarizeUnit *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfSummarizeText, nf_summarize_text_free)

/* nf-summarize-quality.c: sentences a summary should not show */
NfSummarizeFlags nf_summarize_judge         (const char      *sentence,
                                             guint            n_words,
                                             const char      *first_word,
                                             const char      *language);

/* nf-summarize-rank.c: a score for every sentence */
void             nf_summarize_rank          (NfSummarizeText   *text,
                                             NfSummarizeMethod  method);

/* nf-summarize-select.c: the sentences that fit the budget */
typedef enum
{
  NF_SUMMARIZE_BUDGET_SENTENCES,
  NF_SUMMARIZE_BUDGET_RATIO,
  NF_SUMMARIZE_BUDGET_WORDS,
  NF_SUMMARIZE_BUDGET_CHARS,
} NfSummarizeBudgetKind;

typedef struct
{
  NfSummarizeBudgetKind kind;
  double                amount;   /* sentences, share of the words, words or characters */
} NfSummarizeBudget;

GPtrArray       *nf_summarize_select        (NfSummarizeText         *text,
                                             const NfSummarizeBudget *budget,
                                             gboolean                 avoid_redundancy);

G_END_DECLS
