/* ots-driver.c: documents per second of the Open Text Summarizer on one core
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The yardstick of bench-summarize: Debian's libots (Open Text Summarizer
 * 0.5, C, on GLib and libxml2) summarizing the same texts, in the same run,
 * on one thread. Built only when libots-1 is installed and never linked into
 * the project; bench-summarize spawns it with the file it reads itself.
 *
 *   ots-driver [--rounds N] [--sentences N] [--show N] TEXTS.jsonl
 *
 * TEXTS.jsonl holds one JSON object per line with a "text" member. The
 * texts are read into memory before timing; each round then summarizes
 * every text, the way an application would call libots:
 *
 *   article = ots_new_article ();
 *   ots_load_xml_dictionary (article, "en");
 *   ots_parse_stream (text, length, article);
 *   ots_grade_doc (article);
 *   ots_highlight_doc_lines (article, 3);
 *   ots_get_line_text () of each selected line;
 *   ots_free_article (article);
 *
 * How many sentences: ots offers a ratio of the words
 * (ots_highlight_doc (article, percent)), a number of words and a number of
 * lines; its "lines" are its sentences (the parser starts a new one after a
 * word ending in . ? ! ; or |, "Mr." and the like excepted). A fixed
 * ratio gives 1 sentence for a short story and 10 for a long one, so the
 * driver asks for exactly --sentences lines, as `summarize sentences=3`
 * does: ots_highlight_doc_lines (article, 3) is ots's own way of saying so,
 * and it does not loop on texts where a ratio can never be met.
 *
 * Two ways of handling the dictionary are timed:
 *
 * - per document: the dictionary (/usr/share/ots/en.xml: stemming rules,
 *   sentence-break rules, stopwords) belongs to the article in ots's API,
 *   so every article loads it: libxml2 parses the file and ots builds its
 *   lists each time. This is ots as its API and its `ots` tool use it.
 * - shared: the dictionary is loaded once into a template article and lent
 *   to every article (its stem rules, stopword list and term list are only
 *   read while grading), then taken back before ots_free_article(). This
 *   is ots's best case, and the fair one to compare with an element that
 *   loads its word lists once.
 *
 * Quirks handled: ots_load_xml_dictionary() first tries "en.xml" in the
 * current folder, then /usr/share/ots/en.xml (package libots0): the driver
 * checks that the latter exists and says when a local en.xml would shadow
 * it. ots_parse_stream() counts characters against a byte length but stops
 * at the NUL, so it gets the whole NUL-terminated text. The parser leaves an
 * empty last line after a final full stop; only lines with words count as
 * summary sentences. libots.h uses FILE without including <stdio.h>.
 *
 * Output: readable lines, then one line per mode for bench-summarize:
 *   RESULT <mode> <documents/s> <MB/s> <mean sentences per summary>
 * Exit status 77 (skipped) when the dictionary is missing.
 */

#include <stdio.h>   /* before libots.h, which uses FILE without it */
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>
#include <ots/libots.h>

#include "bench-util.h"

#define OTS_DICTIONARY_DIR "/usr/share/ots/"
#define OTS_LANGUAGE       "en"

/* What one round over all the texts produced. */
typedef struct
{
  double  seconds;
  guint64 n_sentences;   /* summary sentences, over all texts */
  guint64 summary_bytes; /* their text, to be sure it is made */
} RoundResult;

/* A copy of the "text" of @record, or NULL when it has none: records
 * without one are skipped. */
static gpointer
text_of_record (JsonObject *record,
                guint       line_number)
{
  return g_strdup (bench_json_get_string (record, "text"));
}

/* Parses and grades @text in @article, whose dictionary is loaded, and
 * selects its @n_wanted best lines: the summary. */
static void
highlight_summary (OtsArticle *article,
                   const char *text,
                   guint       n_wanted)
{
  ots_parse_stream ((const unsigned char *) text, strlen (text), article);
  ots_grade_doc (article);
  ots_highlight_doc_lines (article, (int) n_wanted);
}

/* The first of the lines from @l on that is a summary sentence: selected
 * and with words (the parser leaves an empty last line after a final full
 * stop); NULL when there is none. */
static GList *
next_summary_line (GList *l)
{
  while (l != NULL && (!ots_is_line_selected (l->data) || ((const OtsSentence *) l->data)->wc == 0))
    l = l->next;
  return l;
}

/* Summarizes @text with ots into @n_wanted sentences; adds the number of
 * sentences and bytes of summary to @result. With @shared, borrows its
 * dictionary instead of loading one. */
static gboolean
summarize_one (const char  *text,
               guint        n_wanted,
               OtsArticle  *shared,
               RoundResult *result)
{
  OtsArticle *article = ots_new_article ();
  OtsStemRule *own_stem = NULL;

  if (shared != NULL)
    {
      /* Lend the template's lists and keep the article's fresh empty
       * rules aside, to give them back before freeing. */
      own_stem = article->stem;
      article->stem = shared->stem;
      article->dict = shared->dict;
      article->tf_terms = shared->tf_terms;
    }
  else if (!ots_load_xml_dictionary (article, (const unsigned char *) OTS_LANGUAGE))
    {
      ots_free_article (article);
      return FALSE;
    }

  highlight_summary (article, text, n_wanted);
  for (GList *l = next_summary_line (article->lines); l != NULL; l = next_summary_line (l->next))
    {
      size_t size = 0;
      g_autofree unsigned char *line = ots_get_line_text (l->data, TRUE, &size);

      result->n_sentences++;
      result->summary_bytes += size;
    }

  if (shared != NULL)
    {
      article->stem = own_stem;
      article->dict = NULL;
      article->tf_terms = NULL;
    }
  ots_free_article (article);
  return TRUE;
}

/* Prints the summary ots makes of each of the first @n_shown texts, to see
 * what is being timed; not timed itself. */
static void
show_summaries (GPtrArray *texts,
                guint      n_shown,
                guint      n_wanted)
{
  for (guint i = 0; i < MIN (n_shown, texts->len); i++)
    {
      OtsArticle *article = ots_new_article ();

      ots_load_xml_dictionary (article, (const unsigned char *) OTS_LANGUAGE);
      highlight_summary (article, g_ptr_array_index (texts, i), n_wanted);
      g_print ("text %u:\n", i + 1);
      for (GList *l = next_summary_line (article->lines); l != NULL; l = next_summary_line (l->next))
        {
          size_t size = 0;
          g_autofree unsigned char *line = ots_get_line_text (l->data, TRUE, &size);

          g_print ("  - %s\n", g_strstrip ((char *) line));
        }
      ots_free_article (article);
    }
}

/* One round over every text; FALSE when the dictionary cannot be loaded. */
static gboolean
time_round (GPtrArray   *texts,
            guint        n_wanted,
            OtsArticle  *shared,
            RoundResult *result)
{
  gint64 start = g_get_monotonic_time ();

  memset (result, 0, sizeof *result);
  for (guint i = 0; i < texts->len; i++)
    if (!summarize_one (g_ptr_array_index (texts, i), n_wanted, shared, result))
      return FALSE;
  result->seconds = bench_seconds_since (start);
  return TRUE;
}

/* Times @rounds rounds in one mode and prints the readable line and the
 * RESULT line. */
static gboolean
bench_mode (const char *mode,
            const char *description,
            GPtrArray  *texts,
            gsize       bytes,
            guint       rounds,
            guint       n_wanted,
            OtsArticle *shared)
{
  g_autofree double *seconds = g_new (double, rounds);
  RoundResult result = { 0 };
  double best, median, mean_sentences;

  for (guint round = 0; round < rounds; round++)
    {
      if (!time_round (texts, n_wanted, shared, &result))
        {
          g_printerr ("ots-driver: cannot load the ots dictionary \"%s\"\n", OTS_LANGUAGE);
          return FALSE;
        }
      seconds[round] = result.seconds;
    }
  bench_best_and_median (seconds, rounds, &best, &median);
  mean_sentences = texts->len > 0 ? (double) result.n_sentences / texts->len : 0;
  g_print ("ots, dictionary %-13s %9.1f documents/s %7.2f MB/s (median of %u rounds, best %.1f documents/s); "
           "%.2f sentences per summary\n",
           description, texts->len / median, bytes / 1e6 / median, rounds,
           texts->len / best, mean_sentences);
  g_print ("RESULT %s %.1f %.3f %.2f\n", mode, texts->len / median, bytes / 1e6 / median, mean_sentences);
  return TRUE;
}

/* Checks that ots will find the English dictionary, and where. */
static gboolean
check_dictionary (void)
{
  const char *installed = OTS_DICTIONARY_DIR OTS_LANGUAGE ".xml";

  if (g_file_test (OTS_LANGUAGE ".xml", G_FILE_TEST_EXISTS))
    g_print ("ots-driver: note: ./%s.xml in the current folder shadows %s\n", OTS_LANGUAGE, installed);
  else if (!g_file_test (installed, G_FILE_TEST_EXISTS))
    {
      g_print ("ots-driver: %s is missing (Debian package libots0): skipped\n", installed);
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  int rounds = 5, n_wanted = 3, n_shown = 0;
  GOptionEntry entries[] = {
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &rounds, "Rounds over all texts (default 5)", "N" },
    { "sentences", 's', 0, G_OPTION_ARG_INT, &n_wanted, "Sentences per summary (default 3)", "N" },
    { "show", 0, 0, G_OPTION_ARG_INT, &n_shown, "Print the summaries of the first N texts first", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("TEXTS.jsonl");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  OtsArticle *shared;
  gsize bytes = 0;
  gboolean ok;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Times the Open Text Summarizer (libots) on one thread.");
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || rounds < 1 || n_wanted < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Usage: ots-driver [--rounds N] [--sentences N] TEXTS.jsonl");
      return 2;
    }
  if (!check_dictionary ())
    return 77;
  texts = bench_read_jsonl (argv[1], text_of_record, g_free, &error);
  if (texts == NULL)
    {
      g_printerr ("ots-driver: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < texts->len; i++)
    bytes += strlen (g_ptr_array_index (texts, i));
  g_print ("ots-driver: %u texts, %.2f MB, %d sentences each, language \"%s\", one thread\n",
           texts->len, bytes / 1e6, n_wanted, OTS_LANGUAGE);
  if (texts->len == 0)
    return 1;
  if (n_shown > 0)
    show_summaries (texts, (guint) n_shown, (guint) n_wanted);

  ok = bench_mode ("per-document", "per document:", texts, bytes, rounds, n_wanted, NULL);

  shared = ots_new_article ();
  if (ok && !ots_load_xml_dictionary (shared, (const unsigned char *) OTS_LANGUAGE))
    ok = FALSE;
  if (ok)
    ok = bench_mode ("shared", "shared:", texts, bytes, rounds, n_wanted, shared);
  ots_free_article (shared);
  if (ok)
    {
      guint64 peak = bench_peak_rss_kib ();

      g_print ("ots-driver: peak RSS %.1f MiB (texts in memory included)\n", peak / 1024.0);
    }
  return ok ? 0 : 1;
}
