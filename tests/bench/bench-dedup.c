/* bench-dedup.c: documents per second of `dedup`, and its time per document
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Run with `meson test -C _build --benchmark --verbose bench-dedup`.
 * Times `appsrc ! dedup ! fakesink` on one thread over the texts twice
 * over (each text, then a copy of it with one word changed: half the
 * documents are near-duplicates), in memory and with database=, and
 * reports documents/s and the element's own µs per document (from its
 * statistics), with the texts' mean word count. Texts: the BBC set next
 * to the repository (--texts) when it is there, else the files under
 * examples/articles (--examples) as they are. Fails only when the
 * pipeline cannot run, never on speed.
 *
 *   bench-dedup [--texts FILE.jsonl] [--examples DIR]
 */
#include <newsfilter.h>

#include <glib/gstdio.h>
#include <string.h>

#include "bench-documents.h"

static gpointer
text_from_record (JsonObject *record,
                  guint       line_number)
{
  const char *body = bench_json_get_string (record, "text");

  if (body == NULL)
    return NULL;
  return bench_text_new (g_strdup_printf ("line-%u", line_number), g_strdup (body));
}

/* Every file under @dir, read as it is. */
static void
read_examples (const char *dir,
               GPtrArray  *texts)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      char *contents = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        read_examples (path, texts);
      else if (g_file_get_contents (path, &contents, NULL, NULL) && g_utf8_validate (contents, -1, NULL))
        g_ptr_array_add (texts, bench_text_new (g_strdup (path), contents));
      else
        g_free (contents);
    }
}

/* @text with its tenth word changed, so it is a near-duplicate. */
static char *
one_word_changed (const char *text)
{
  gsize cursor = 0, start = 0, end = 0;

  for (guint i = 0; i < 10 && nf_text_next_word (text, &cursor, &start, &end); i++)
    ;
  return g_strdup_printf ("%.*sedited%s", (int) start, text, text + end);
}

static guint
count_words (const char *text)
{
  gsize cursor = 0;
  guint n = 0;

  while (nf_text_next_word (text, &cursor, NULL, NULL))
    n++;
  return n;
}

/* Runs the documents through dedup @properties; prints the figures. */
static gboolean
run_round (const char *label,
           const char *properties,
           GPtrArray  *texts)
{
  g_autofree char *description =
    g_strdup_printf ("appsrc name=in ! dedup name=d %s ! fakesink", properties);
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPipeline) pipeline = nf_parse_launch (description, &error);
  guint64 in = 0, out = 0, failures = 0, time_ns = 0;
  NfElement *src;
  gint64 start;
  double seconds;

  if (pipeline == NULL)
    {
      g_printerr ("bench-dedup: %s\n", error->message);
      return FALSE;
    }
  nf_pipeline_set_threads (pipeline, 1);
  src = nf_pipeline_get_by_name (pipeline, "in");
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < texts->len; i++)
      {
        BenchText *text = g_ptr_array_index (texts, i);
        g_autofree char *id = g_strdup_printf ("%s/%u", text->id, pass);
        g_autoptr(NfDocument) document = nf_document_new (id);
        g_autofree char *changed = pass == 1 ? one_word_changed (text->text) : NULL;

        nf_document_set_text (document, pass == 1 ? changed : text->text);
        nf_app_src_push_document (NF_APP_SRC (src), document);
      }
  nf_app_src_end_of_stream (NF_APP_SRC (src));
  start = g_get_monotonic_time ();
  if (!nf_pipeline_run (pipeline, NULL, &error))
    {
      g_printerr ("bench-dedup: %s\n", error->message);
      return FALSE;
    }
  seconds = bench_seconds_since (start);
  nf_element_get_statistics (nf_pipeline_get_by_name (pipeline, "d"), &in, &out, &failures, &time_ns);
  g_print ("  %-22s %8.0f documents/s  %6.1f us/document in dedup  (%" G_GUINT64_FORMAT " documents)\n",
           label, in / seconds, in > 0 ? time_ns / 1000.0 / in : 0.0, in);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *texts_path = NULL, *examples = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *dir = NULL, *db = NULL, *db_properties = NULL;
  GOptionEntry entries[] = {
    { "texts", 0, 0, G_OPTION_ARG_FILENAME, &texts_path, "JSON Lines texts (BBC set)", "FILE" },
    { "examples", 0, 0, G_OPTION_ARG_FILENAME, &examples, "Fallback: a folder of articles", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- dedup benchmark");
  g_autoptr(GError) error = NULL;
  guint64 words = 0;
  gboolean ok;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-dedup: %s\n", error->message);
      return 2;
    }
  nf_init ();

  if (texts_path != NULL && g_file_test (texts_path, G_FILE_TEST_IS_REGULAR))
    texts = bench_read_jsonl (texts_path, text_from_record, bench_text_free, &error);
  if (texts == NULL || texts->len == 0)
    {
      g_clear_pointer (&texts, g_ptr_array_unref);
      texts = g_ptr_array_new_with_free_func (bench_text_free);
      if (examples != NULL)
        read_examples (examples, texts);
      g_print ("bench-dedup: %u files of %s\n", texts->len, examples);
    }
  else
    g_print ("bench-dedup: %u texts of %s\n", texts->len, texts_path);
  if (texts->len == 0)
    return 77;
  for (guint i = 0; i < texts->len; i++)
    words += count_words (((BenchText *) g_ptr_array_index (texts, i))->text);
  g_print ("  mean words per text: %.0f; each text then a copy with one word changed\n",
           (double) words / texts->len);

  dir = g_dir_make_tmp ("bench-dedup-XXXXXX", NULL);
  db = g_build_filename (dir, "seen.db", NULL);
  db_properties = g_strdup_printf ("database=%s", db);
  ok = run_round ("memory (threshold=8, flat scan)", "", texts) &&
       run_round ("memory, threshold=3 (banded index)", "threshold=3", texts) &&
       run_round ("database= (new file)", db_properties, texts);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (db);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  return ok ? 0 : 1;
}
