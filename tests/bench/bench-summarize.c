/* bench-summarize.c: documents per second of `summarize` on one core, and of ots
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Run with `meson test -C _build --benchmark --verbose bench-summarize`.
 * Reads a set of news texts once into memory, then times over several
 * rounds `appsrc ! summarize method=M ! fakesink` on one thread for each
 * method (news, the default; lead; textrank; lexrank), three sentences a
 * summary, and reports documents/s and MB/s of text from the median round.
 *
 * In the same run it spawns ots-driver (Debian's Open Text Summarizer,
 * libots, when it was found at build time) over the same texts and reports
 * its documents/s and how many times faster the element is. The aim of
 * issue 5 is 2 000 documents/s per core and 10 times ots; the program
 * says whether that is met, and fails only when summarize cannot run at
 * all, never on speed. For each method it also says in how many documents
 * its summary differs from the default method's: a check that the method
 * was applied.
 *
 * The texts are the BBC set next to the repository
 * (../shared/data/summarize/bbc.jsonl) when it is there; else articles
 * generated here from invented phrases (deterministic, written to a
 * temporary JSON Lines file for ots). The program says which it used.
 *
 *   bench-summarize [--texts FILE.jsonl] [--ots-driver PATH] [--rounds N] [--ots-rounds N]
 */

#include <newsfilter.h>

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-documents.h"

#define N_SENTENCES     3
#define N_GENERATED     500
#define AIM_RATE        2000.0  /* documents/s on one core */
#define AIM_OTS_FACTOR  10.0

/* The figures of one method. */
typedef struct
{
  const char *name;
  double      rate;           /* documents/s, median round */
  double      best_rate;
  double      mb_rate;
  double      mean_sentences; /* summary sentences per document */
  guint64     n_failed;
  GPtrArray  *choices;        /* per document, the summary's start offsets */
} MethodResult;

/* What ots-driver reported. */
typedef struct
{
  gboolean ran;
  double   per_document_rate;  /* the dictionary loaded for every text */
  double   shared_rate;        /* loaded once: ots's best case */
  double   mean_sentences;
} OtsResult;

/* ---- the texts ---- */

/* The text of @record, or NULL when it has no "text"; the language is
 * "language" (our record) or "lang", the id "line-N" when the record has
 * none. */
static gpointer
text_from_record (JsonObject *record,
                  guint       line_number)
{
  const char *body = bench_json_get_string (record, "text");
  const char *id = bench_json_get_string (record, "id");
  const char *language = bench_json_get_string (record, "language");
  BenchText *text;

  if (body == NULL)
    return NULL;
  if (language == NULL)
    language = bench_json_get_string (record, "lang");
  text = bench_text_new (id != NULL ? g_strdup (id) : g_strdup_printf ("line-%u", line_number),
                         g_strdup (body));
  text->title = g_strdup (bench_json_get_string (record, "title"));
  text->language = g_strdup (language);
  return text;
}

/* Invented material for the generated articles: no real story, person or
 * organisation. */
static const char * const people[] = {
  "Mara Velde", "Tobias Grint", "Ada Okoro", "Henrik Salm", "Lucia Ferrand",
  "Owen Ashdown", "Nadia Koval", "Samuel Reyes", "Ingrid Holm", "Kofi Mensah",
};
static const char * const organisations[] = {
  "the harbour authority", "the city council", "the regional transport board",
  "the national grid operator", "the farmers' union", "the teachers' association",
  "the water company", "the chamber of commerce",
};
static const char * const places[] = {
  "Port Ellis", "Millbrook", "Granby", "Oldmoor", "Marram Point", "Westbrook",
};
static const char * const subjects[] = {
  "ferry timetable", "bus network", "school budget", "flood barrier", "housing plan",
  "wind farm", "hospital extension", "rail link", "fishing quota", "library service",
};
static const char * const days[] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
};

/* Sentence patterns: {P} person, {O} organisation, {C} place, {S} the
 * article's subject, {T} another subject, {D} day, {K} a number. */
static const char * const patterns[] = {
  "{P} said on {D} that {O} would review the {S} before the end of the year.",
  "The cost of the {S} in {C} has risen by {K} per cent since the spring, according to {O}.",
  "\"We cannot keep delaying the {S},\" said {P}, who speaks for {O}.",
  "Critics in {C} argue that the {S} has been neglected for {K} years.",
  "The decision follows a long dispute between {O} and residents over the {T}.",
  "Officials will meet again on {D} to discuss the {S} and the {T}.",
  "{O} said it had received {K} complaints about the {S} this month.",
  "Mr. Grint, a former engineer, said the {S} was \"the most important project in {C} for a generation\".",
  "Some residents welcomed the plan; others said the {T} mattered more.",
  "A survey of {K} households found that most supported changes to the {S}.",
  "The first phase of the {S} is expected to open in {C} next spring.",
  "{P} warned that the {S} could cost another {K} million if work is delayed.",
};

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

/* Fills @pattern's placeholders into @out. */
static void
append_sentence (GString    *out,
                 GRand      *rand,
                 const char *pattern,
                 const char *subject)
{
  gsize start = out->len;

  for (const char *p = pattern; *p != '\0'; p++)
    {
      if (p[0] != '{' || p[1] == '\0' || p[2] != '}')
        {
          g_string_append_c (out, *p);
          continue;
        }
      switch (p[1])
        {
        case 'P': g_string_append (out, PICK (rand, people)); break;
        case 'O': g_string_append (out, PICK (rand, organisations)); break;
        case 'C': g_string_append (out, PICK (rand, places)); break;
        case 'S': g_string_append (out, subject); break;
        case 'T': g_string_append (out, PICK (rand, subjects)); break;
        case 'D': g_string_append (out, PICK (rand, days)); break;
        case 'K': g_string_append_printf (out, "%d", g_rand_int_range (rand, 2, 90)); break;
        default: g_string_append_len (out, p, 3); break;
        }
      p += 2;
    }
  /* "{O} said…" starts with "the harbour authority". */
  out->str[start] = g_ascii_toupper (out->str[start]);
}

/* @n articles of 5 to 8 paragraphs of 2 to 4 sentences (about the size of a
 * short news story), the same ones on every run. */
static GPtrArray *
generate_texts (guint n)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (bench_text_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      const char *subject = PICK (rand, subjects);
      const char *place = PICK (rand, places);
      guint n_paragraphs = g_rand_int_range (rand, 5, 9);
      BenchText *text;

      for (guint p = 0; p < n_paragraphs; p++)
        {
          guint n_sentences = g_rand_int_range (rand, 2, 5);

          if (p > 0)
            g_string_append (body, "\n\n");
          for (guint s = 0; s < n_sentences; s++)
            {
              if (s > 0)
                g_string_append_c (body, ' ');
              append_sentence (body, rand, PICK (rand, patterns), subject);
            }
        }
      text = bench_text_new (g_strdup_printf ("generated/%03u", i + 1),
                             g_string_free (g_steal_pointer (&body), FALSE));
      text->title = g_strdup_printf ("%s: new doubts over the %s", place, subject);
      text->language = g_strdup ("en");
      g_ptr_array_add (texts, text);
    }
  return texts;
}

/* Writes @texts as JSON Lines ({"id", "title", "text"}) for ots-driver. */
static gboolean
write_jsonl (GPtrArray   *texts,
             const char  *path,
             GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  for (guint i = 0; i < texts->len; i++)
    {
      BenchText *text = g_ptr_array_index (texts, i);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *line = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, text->id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, text->title);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, text->text);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      line = json_generator_to_data (generator, NULL);
      g_string_append (out, line);
      g_string_append_c (out, '\n');
    }
  return g_file_set_contents (path, out->str, out->len, error);
}

/* ---- timing ---- */

/* Summary sentences over all @documents, read after the run: the
 * pipeline changes the documents it was handed, it does not copy them. */
static guint64
count_summary_sentences (GPtrArray *documents)
{
  guint64 n = 0;

  for (guint i = 0; i < documents->len; i++)
    n += nf_document_get_summary (g_ptr_array_index (documents, i))->len;
  return n;
}

/* Which sentences each document's summary holds, as their start offsets
 * ("0 137 281"), to see that the methods choose differently. */
static GPtrArray *
collect_choices (GPtrArray *documents)
{
  GPtrArray *choices = g_ptr_array_new_full (documents->len, g_free);

  for (guint i = 0; i < documents->len; i++)
    {
      GPtrArray *summary = nf_document_get_summary (g_ptr_array_index (documents, i));
      GString *offsets = g_string_new (NULL);

      for (guint j = 0; j < summary->len; j++)
        g_string_append_printf (offsets, "%u ", nf_sentence_get_start (g_ptr_array_index (summary, j)));
      g_ptr_array_add (choices, g_string_free (offsets, FALSE));
    }
  return choices;
}

/* How many of the documents have a summary other than in @reference. */
static guint
count_different_choices (GPtrArray *choices,
                         GPtrArray *reference)
{
  guint n = 0;

  for (guint i = 0; i < MIN (choices->len, reference->len); i++)
    n += strcmp (g_ptr_array_index (choices, i), g_ptr_array_index (reference, i)) != 0;
  return n;
}

/* Runs `appsrc ! summarize ! fakesink` on one thread over every text with
 * @method (NULL: the default), timing only the run. Returns a negative time
 * when the pipeline cannot run. The summarised documents go to @documents_out. */
static double
time_summarize_round (GPtrArray   *texts,
                      const char  *method,
                      GPtrArray  **documents_out,
                      guint64     *n_failed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *launch = g_strdup_printf ("appsrc name=in ! summarize sentences=%d%s%s ! fakesink",
                                             N_SENTENCES, method != NULL ? " method=" : "",
                                             method != NULL ? method : "");
  g_autoptr(NfPipeline) pipeline = nf_parse_launch (launch, &error);
  g_autoptr(GPtrArray) documents = NULL;
  NfElement *src;
  gint64 start;
  double seconds;

  if (pipeline == NULL)
    {
      g_printerr ("bench: cannot build `%s`: %s\n", launch, error->message);
      return -1;
    }
  nf_pipeline_set_threads (pipeline, 1);
  src = nf_pipeline_get_by_name (pipeline, "in");
  /* made before timing, and fresh each round: summarize adds to them */
  documents = bench_make_documents (texts);
  for (guint i = 0; i < documents->len; i++)
    nf_app_src_push_document (NF_APP_SRC (src), g_ptr_array_index (documents, i));
  nf_app_src_end_of_stream (NF_APP_SRC (src));

  start = g_get_monotonic_time ();
  if (!nf_pipeline_run (pipeline, NULL, &error))
    {
      g_printerr ("bench: `%s` failed: %s\n", launch, error->message);
      return -1;
    }
  seconds = bench_seconds_since (start);
  *documents_out = g_steal_pointer (&documents);
  *n_failed = nf_pipeline_get_n_failed (pipeline);
  return seconds;
}

/* Times @rounds rounds of one method and prints its line; FALSE when the
 * pipeline cannot run. */
static gboolean
bench_method (GPtrArray    *texts,
              gsize         bytes,
              guint         rounds,
              const char   *method,
              GPtrArray    *news_choices,
              MethodResult *result)
{
  g_autofree double *seconds = g_new (double, rounds);
  g_autofree char *label = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  double best, median;

  for (guint round = 0; round < rounds; round++)
    {
      g_clear_pointer (&documents, g_ptr_array_unref);
      if ((seconds[round] = time_summarize_round (texts, method, &documents, &result->n_failed)) < 0)
        return FALSE;
    }
  bench_best_and_median (seconds, rounds, &best, &median);
  result->name = method != NULL ? method : "news";
  result->rate = texts->len / median;
  result->best_rate = texts->len / best;
  result->mb_rate = bytes / 1e6 / median;
  result->mean_sentences = (double) count_summary_sentences (documents) / texts->len;
  result->choices = collect_choices (documents);

  label = method != NULL ? g_strdup_printf ("summarize method=%s:", method)
                         : g_strdup ("summarize (news, default):");
  g_print ("%-30s %9.1f documents/s %6.2f MB/s (median of %u)   best %9.1f documents/s;"
           " %.2f sentences/summary, %" G_GUINT64_FORMAT " failed\n",
           label, result->rate, result->mb_rate, rounds, result->best_rate,
           result->mean_sentences, result->n_failed);
  if (news_choices != NULL)
    g_print ("%-30s %u of %u summaries differ from news's\n", "",
             count_different_choices (result->choices, news_choices), texts->len);
  return TRUE;
}

/* ---- ots ---- */

/* Reads the RESULT lines of ots-driver's output into @result and prints
 * the others, indented. */
static void
parse_ots_output (const char *output,
                  OtsResult  *result)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (!g_str_has_prefix (lines[i], "RESULT "))
        {
          if (*lines[i] != '\0')
            g_print ("  %s\n", lines[i]);
          continue;
        }
      fields = g_strsplit (lines[i], " ", -1);
      if (g_strv_length (fields) >= 5 && strcmp (fields[1], "per-document") == 0)
        result->per_document_rate = g_ascii_strtod (fields[2], NULL);
      else if (g_strv_length (fields) >= 5 && strcmp (fields[1], "shared") == 0)
        {
          result->shared_rate = g_ascii_strtod (fields[2], NULL);
          result->mean_sentences = g_ascii_strtod (fields[4], NULL);
        }
    }
  result->ran = result->per_document_rate > 0 && result->shared_rate > 0;
}

/* Spawns @driver over @jsonl_path in @work_dir (a folder of ours: ots first
 * looks for its dictionary in the current folder). */
static OtsResult
run_ots (const char *driver,
         const char *jsonl_path,
         const char *work_dir,
         guint       rounds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rounds_arg = g_strdup_printf ("--rounds=%u", rounds);
  g_autofree char *sentences_arg = g_strdup_printf ("--sentences=%d", N_SENTENCES);
  const char *argv[] = { driver, rounds_arg, sentences_arg, jsonl_path, NULL };
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  OtsResult result = { FALSE };
  int status;

  if (driver == NULL || !g_file_test (driver, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_print ("ots: not measured (ots-driver is built only when libots-dev is installed)\n");
      return result;
    }
  g_print ("ots (Open Text Summarizer, libots 0.5), same texts, one thread, %u rounds:\n", rounds);
  if (!g_spawn_sync (work_dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &output, &errors, &status, &error))
    {
      g_print ("  cannot run %s: %s\n", driver, error->message);
      return result;
    }
  parse_ots_output (output, &result);
  if (errors != NULL && *errors != '\0')
    g_print ("  stderr: %s", errors);
  if (!g_spawn_check_wait_status (status, &error))
    g_print ("  %s: %s%s\n", driver, error->message,
             g_error_matches (error, G_SPAWN_EXIT_ERROR, 77) ? " (skipped)" : "");
  return result;
}

/* Replaces the path in @path, when there is one, by its absolute form. */
static void
make_absolute (char **path)
{
  char *absolute;

  if (*path == NULL)
    return;
  absolute = g_canonicalize_filename (*path, NULL);
  g_free (*path);
  *path = absolute;
}

/* ---- the report ---- */

static void
print_comparison (const MethodResult *methods,
                  guint               n_methods,
                  const OtsResult    *ots)
{
  const MethodResult *news = &methods[0];

  g_print ("\nAgainst ots (median rates; ots \"shared\" = its dictionary loaded once, its best case):\n");
  for (guint i = 0; i < n_methods; i++)
    g_print ("  %-9s %7.1fx ots shared, %7.1fx ots per-document\n", methods[i].name,
             methods[i].rate / ots->shared_rate, methods[i].rate / ots->per_document_rate);
  g_print ("Aim (issue 5): >= %.0f documents/s per core: %s (news %.1f); >= %.0fx ots: %s (news %.1fx)\n",
           AIM_RATE, news->rate >= AIM_RATE ? "met" : "NOT met", news->rate,
           AIM_OTS_FACTOR, news->rate >= AIM_OTS_FACTOR * ots->shared_rate ? "met" : "NOT met",
           news->rate / ots->shared_rate);
}

int
main (int   argc,
      char *argv[])
{
  const char *methods[] = { NULL, "lead", "textrank", "lexrank" };
  MethodResult results[G_N_ELEMENTS (methods)] = { { NULL } };
  g_autofree char *texts_path = NULL;
  g_autofree char *ots_driver = NULL;
  int rounds = 7, ots_rounds = 3;
  GOptionEntry entries[] = {
    { "texts", 0, 0, G_OPTION_ARG_FILENAME, &texts_path, "JSON Lines texts (fallback: generated ones)", "FILE" },
    { "ots-driver", 0, 0, G_OPTION_ARG_FILENAME, &ots_driver, "The ots-driver program", "PATH" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Rounds per method (default 7)", "N" },
    { "ots-rounds", 0, 0, G_OPTION_ARG_INT, &ots_rounds, "Rounds of ots per mode (default 3)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *work_dir = NULL;
  g_autofree char *generated_path = NULL;
  const char *jsonl_path;
  OtsResult ots;
  gboolean ok = TRUE;
  gsize bytes;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rounds < 1 || ots_rounds < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "rounds must be at least 1");
      return 2;
    }
  /* ots-driver runs in a folder of ours: make the paths absolute. */
  make_absolute (&texts_path);
  make_absolute (&ots_driver);
  nf_init ();

  work_dir = g_dir_make_tmp ("bench-summarize-XXXXXX", &error);
  if (work_dir == NULL)
    {
      g_printerr ("bench: %s\n", error->message);
      return 1;
    }
  if (texts_path != NULL && g_file_test (texts_path, G_FILE_TEST_IS_REGULAR))
    {
      texts = bench_read_jsonl (texts_path, text_from_record, bench_text_free, &error);
      if (texts == NULL)
        {
          g_printerr ("bench: %s\n", error->message);
          return 1;
        }
      jsonl_path = texts_path;
      g_print ("Texts: %u records of %s (the development set)\n", texts->len, texts_path);
    }
  else
    {
      texts = generate_texts (N_GENERATED);
      generated_path = g_build_filename (work_dir, "texts.jsonl", NULL);
      if (!write_jsonl (texts, generated_path, &error))
        {
          g_printerr ("bench: %s\n", error->message);
          return 1;
        }
      jsonl_path = generated_path;
      g_print ("Texts: %u articles generated from invented phrases (%s is absent)\n",
               texts->len, texts_path != NULL ? texts_path : "no --texts");
    }
  bytes = bench_total_size (texts);
  g_print ("%.2f MB of UTF-8, %.0f bytes a text; in memory before timing; %d sentences a summary\n",
           bytes / 1e6, (double) bytes / texts->len, N_SENTENCES);
  g_print ("One thread; %d rounds a method over all texts; rates from the median round\n\n", rounds);

  for (guint i = 0; i < G_N_ELEMENTS (methods) && ok; i++)
    ok = bench_method (texts, bytes, rounds, methods[i], i > 0 ? results[0].choices : NULL, &results[i]);
  if (ok)
    g_print ("  peak RSS after the summarize rounds: %.1f MiB (texts in memory included)\n\n",
             bench_peak_rss_kib () / 1024.0);

  ots = run_ots (ots_driver, jsonl_path, work_dir, ots_rounds);
  if (ok && ots.ran)
    print_comparison (results, G_N_ELEMENTS (results), &ots);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    g_clear_pointer (&results[i].choices, g_ptr_array_unref);
  if (generated_path != NULL)
    g_unlink (generated_path);
  g_rmdir (work_dir);
  return ok ? 0 : 1;
}
