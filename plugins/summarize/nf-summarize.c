/* nf-summarize.c: the few sentences that carry the story
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfSummarize:
 *
 * `summarize` picks the sentences of a document's text that carry its
 * story — the "No time to read? Get a summary" few — and adds them to the
 * document's `summary`, in the order of the text, each an exact stretch of
 * it with its code-point offsets and a score in [0, 1]. The text itself is
 * never changed.
 *
 * One budget says how much: `sentences` (3 unless another is given),
 * `ratio` (a share of the text's words), `words` or `chars`. Setting two
 * is an error when the pipeline starts. A text that has sentences always
 * gets at least one.
 *
 * `method` chooses the ranking: `news` (the default: position, centrality,
 * title overlap and length together), `lead` (the first sentences),
 * `textrank` or `lexrank`. With every method, sentences that would read
 * badly on their own — site widgets, photo credits, headlines and
 * captions without a sentence end, a "He said" with nobody before it —
 * are only used when nothing better is left, and a sentence that repeats
 * a chosen one is passed over.
 *
 * The language (the document's, or detected) picks the sentence rules,
 * stopwords and stemmer of the library's text toolkit.
 */
#include "nf-summarize-private.h"

#include <string.h>

NF_DEBUG_CATEGORY_STATIC (summarize_debug);

#define DEFAULT_SENTENCES 3

/* Which budgets the application set, to refuse two at once. */
typedef enum
{
  BUDGET_SET_SENTENCES = 1 << 0,
  BUDGET_SET_RATIO     = 1 << 1,
  BUDGET_SET_WORDS     = 1 << 2,
  BUDGET_SET_CHARS     = 1 << 3,
} BudgetSet;

struct _NfSummarize
{
  NfFilter          parent_instance;

  guint             sentences;
  double            ratio;
  guint             words;
  guint             chars;
  NfSummarizeMethod method;
  gboolean          avoid_redundancy;
  BudgetSet         budgets_set;
  NfSummarizeBudget budget;       /* decided in start() */
};

enum {
  PROP_0,
  PROP_SENTENCES,
  PROP_RATIO,
  PROP_WORDS,
  PROP_CHARS,
  PROP_METHOD,
  PROP_AVOID_REDUNDANCY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (NfSummarizeMethod, nf_summarize_method,
  G_DEFINE_ENUM_VALUE (NF_SUMMARIZE_METHOD_NEWS, "news"),
  G_DEFINE_ENUM_VALUE (NF_SUMMARIZE_METHOD_LEAD, "lead"),
  G_DEFINE_ENUM_VALUE (NF_SUMMARIZE_METHOD_TEXTRANK, "textrank"),
  G_DEFINE_ENUM_VALUE (NF_SUMMARIZE_METHOD_LEXRANK, "lexrank"))

G_DEFINE_FINAL_TYPE (NfSummarize, nf_summarize, NF_TYPE_FILTER)

static const char *
budget_name (BudgetSet budget)
{
  switch (budget)
    {
    case BUDGET_SET_SENTENCES: return "sentences";
    case BUDGET_SET_RATIO: return "ratio";
    case BUDGET_SET_WORDS: return "words";
    case BUDGET_SET_CHARS: return "chars";
    default: return "?";
    }
}

/* The one budget the properties give; FALSE with @error when two are set. */
static gboolean
decide_budget (NfSummarize  *self,
               GError      **error)
{
  GString *named = g_string_new (NULL);
  guint count = 0;

  for (BudgetSet b = BUDGET_SET_SENTENCES; b <= BUDGET_SET_CHARS; b <<= 1)
    if (self->budgets_set & b)
      {
        g_string_append_printf (named, "%s%s", count > 0 ? " and " : "", budget_name (b));
        count++;
      }
  if (count > 1)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                   "%s: give one budget, not %s", nf_element_get_name (NF_ELEMENT (self)), named->str);
      g_string_free (named, TRUE);
      return FALSE;
    }
  g_string_free (named, TRUE);

  if (self->budgets_set & BUDGET_SET_RATIO)
    self->budget = (NfSummarizeBudget) { NF_SUMMARIZE_BUDGET_RATIO, self->ratio };
  else if (self->budgets_set & BUDGET_SET_WORDS)
    self->budget = (NfSummarizeBudget) { NF_SUMMARIZE_BUDGET_WORDS, self->words };
  else if (self->budgets_set & BUDGET_SET_CHARS)
    self->budget = (NfSummarizeBudget) { NF_SUMMARIZE_BUDGET_CHARS, self->chars };
  else
    self->budget = (NfSummarizeBudget) { NF_SUMMARIZE_BUDGET_SENTENCES, self->sentences };
  return TRUE;
}

static gboolean
nf_summarize_start (NfElement  *element,
                    GError    **error)
{
  return decide_budget (NF_SUMMARIZE (element), error);
}

/* Adds the chosen sentences to @document, scores scaled so the best is 1. */
static void
add_summary (NfDocument *document,
             GPtrArray  *chosen)
{
  double top = 0;

  for (guint i = 0; i < chosen->len; i++)
    top = MAX (top, ((NfSummarizeUnit *) g_ptr_array_index (chosen, i))->score);
  nf_document_clear_summary (document);
  for (guint i = 0; i < chosen->len; i++)
    {
      NfSummarizeUnit *unit = g_ptr_array_index (chosen, i);
      NfSentence *sentence = unit->sentence;
      double score = top > 0 ? CLAMP (unit->score / top, 0.0, 1.0) : 0.0;
      g_autoptr(NfSentence) scored = nf_sentence_new (nf_sentence_get_text (sentence),
                                                      nf_sentence_get_start (sentence),
                                                      nf_sentence_get_end (sentence),
                                                      score);
      nf_document_add_summary (document, scored);
    }
}

static gboolean
nf_summarize_process (NfFilter    *filter,
                      NfDocument  *document,
                      GError     **error)
{
  NfSummarize *self = NF_SUMMARIZE (filter);
  const char *text = nf_document_get_text (document);

  if (text != NULL && *text != '\0')
    {
      g_autoptr(NfSummarizeText) analysed = nf_summarize_text_new (text, nf_document_get_title (document),
                                                                   nf_document_get_language (document));
      g_autoptr(GPtrArray) chosen = NULL;

      nf_summarize_rank (analysed, self->method);
      chosen = nf_summarize_select (analysed, &self->budget, self->avoid_redundancy);
      add_summary (document, chosen);
      NF_CAT_DEBUG (summarize_debug, "%s: %u of %u sentences", nf_document_get_id (document),
                    chosen->len, analysed->units->len);
    }
  nf_element_push (NF_ELEMENT (self), document);
  return TRUE;
}

static void
nf_summarize_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NfSummarize *self = NF_SUMMARIZE (object);

  switch (prop_id)
    {
    case PROP_SENTENCES:
      g_value_set_uint (value, self->sentences);
      break;
    case PROP_RATIO:
      g_value_set_double (value, self->ratio);
      break;
    case PROP_WORDS:
      g_value_set_uint (value, self->words);
      break;
    case PROP_CHARS:
      g_value_set_uint (value, self->chars);
      break;
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;
    case PROP_AVOID_REDUNDANCY:
      g_value_set_boolean (value, self->avoid_redundancy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_summarize_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  NfSummarize *self = NF_SUMMARIZE (object);

  switch (prop_id)
    {
    case PROP_SENTENCES:
      nf_property_update_uint (object, &self->sentences, value, pspec);
      self->budgets_set |= BUDGET_SET_SENTENCES;
      break;
    case PROP_RATIO:
      nf_property_update_double (object, &self->ratio, value, pspec);
      self->budgets_set |= BUDGET_SET_RATIO;
      break;
    case PROP_WORDS:
      nf_property_update_uint (object, &self->words, value, pspec);
      self->budgets_set |= BUDGET_SET_WORDS;
      break;
    case PROP_CHARS:
      nf_property_update_uint (object, &self->chars, value, pspec);
      self->budgets_set |= BUDGET_SET_CHARS;
      break;
    case PROP_METHOD:
      if (self->method != (NfSummarizeMethod) g_value_get_enum (value))
        {
          self->method = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_AVOID_REDUNDANCY:
      nf_property_update_boolean (object, &self->avoid_redundancy, value, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_budget_properties (GObjectClass *object_class)
{
  /**
   * NfSummarize:sentences:
   *
   * How many sentences the summary has at most; 3 unless another budget
   * is set.
   */
  properties[PROP_SENTENCES] =
    g_param_spec_uint ("sentences", "Sentences",
                       "Sentences in the summary, at most (the default budget)",
                       1, 10000, DEFAULT_SENTENCES,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfSummarize:ratio:
   *
   * The summary's length as a share of the text's words (0.2 = a fifth).
   * Setting it makes it the budget.
   */
  properties[PROP_RATIO] =
    g_param_spec_double ("ratio", "Ratio",
                         "Summary length as a share of the text's words; setting it makes it the budget",
                         0.0, 1.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfSummarize:words:
   *
   * How many words the summary has at most. Setting it makes it the
   * budget; a text whose every sentence is longer still gets its best one.
   */
  properties[PROP_WORDS] =
    g_param_spec_uint ("words", "Words",
                       "Words in the summary, at most; setting it makes it the budget",
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfSummarize:chars:
   *
   * How many characters (code points) the summary's sentences have at
   * most. Setting it makes it the budget.
   */
  properties[PROP_CHARS] =
    g_param_spec_uint ("chars", "Characters",
                       "Characters in the summary's sentences, at most; setting it makes it the budget",
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static void
nf_summarize_class_init (NfSummarizeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfFilterClass *filter_class = NF_FILTER_CLASS (klass);

  object_class->get_property = nf_summarize_get_property;
  object_class->set_property = nf_summarize_set_property;
  element_class->start = nf_summarize_start;
  filter_class->process = nf_summarize_process;

  install_budget_properties (object_class);

  /**
   * NfSummarize:method:
   *
   * How sentences are ranked: `news` (position, centrality, title overlap
   * and length together), `lead`, `textrank` or `lexrank`.
   */
  properties[PROP_METHOD] =
    g_param_spec_enum ("method", "Method",
                       "How sentences are ranked: news (ours), lead, textrank or lexrank",
                       NF_TYPE_SUMMARIZE_METHOD, NF_SUMMARIZE_METHOD_NEWS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfSummarize:avoid-redundancy:
   *
   * Whether a sentence that says again what a chosen one says is passed
   * over for the next best.
   */
  properties[PROP_AVOID_REDUNDANCY] =
    g_param_spec_boolean ("avoid-redundancy", "Avoid redundancy",
                          "Pass over sentences that repeat one already chosen",
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  nf_element_class_set_metadata (element_class,
                                 "Summarizer",
                                 "Filter/Summarize",
                                 "Adds the few sentences of the text that carry the story as the document's summary",
                                 "libnewsfilter authors");

  NF_DEBUG_CATEGORY_INIT (summarize_debug, "summarize", "the extractive summarizer");
}

static void
nf_summarize_init (NfSummarize *self)
{
  self->sentences = DEFAULT_SENTENCES;
  self->method = NF_SUMMARIZE_METHOD_NEWS;
  self->avoid_redundancy = TRUE;
  self->budget = (NfSummarizeBudget) { NF_SUMMARIZE_BUDGET_SENTENCES, DEFAULT_SENTENCES };
}
