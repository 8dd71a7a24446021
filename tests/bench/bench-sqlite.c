/* bench-sqlite.c: sqlitesink's insert rate and sqlitesrc's read rate
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * N documents (texts from the BBC topics set when it is next to the
 * repository, else the example articles, cleaned; repeated under new ids
 * up to N), each with a three-sentence summary and 30 tags, are written on
 * one thread into a new database, then written again (the upsert path:
 * every row and its tags replaced), then read back with sqlitesrc, all of
 * them and through a full-text match. Figures only: it never fails on speed.
 */
#include <string.h>
#include <glib/gstdio.h>

#include "bench-documents.h"

#define TAGS_PER_DOCUMENT 30

static const char *tag_kinds[] = {
  NF_TAG_KIND_PERSON, NF_TAG_KIND_PLACE, NF_TAG_KIND_ORGANIZATION,
  NF_TAG_KIND_KEYWORD, NF_TAG_KIND_KEYWORD, NF_TAG_KIND_SOURCE,
};

/* One BBC record as a text. */
static BenchText *
text_from_record (JsonObject *record,
                  guint       line_number)
{
  const char *id = bench_json_get_string (record, "id");
  const char *text = bench_json_get_string (record, "text");
  BenchText *item;

  if (text == NULL)
    return NULL;
  item = bench_text_new (id != NULL ? g_strdup (id) : g_strdup_printf ("line-%u", line_number),
                         g_strdup (text));
  item->title = g_strdup (bench_json_get_string (record, "title"));
  item->language = g_strdup (bench_json_get_string (record, "lang"));
  return item;
}

/* The example articles, cleaned, when the BBC set is not there. */
static GPtrArray *
example_texts (const char *directory)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (bench_text_free);
  g_autofree char *description =
    g_strdup_printf ("filesrc location=\"%s\" ! clean ! appsink name=out emit-signals=false", directory);
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPipeline) pipeline = nf_parse_launch (description, &error);
  NfDocument *document;

  if (pipeline == NULL || !nf_pipeline_run (pipeline, NULL, &error))
    return texts;
  while ((document = nf_app_sink_pull_document (NF_APP_SINK (nf_pipeline_get_by_name (pipeline, "out")))) != NULL)
    {
      if (nf_document_get_text (document) != NULL)
        {
          BenchText *text = bench_text_new (g_strdup (nf_document_get_id (document)),
                                            g_strdup (nf_document_get_text (document)));
          text->title = g_strdup (nf_document_get_title (document));
          g_ptr_array_add (texts, text);
        }
      g_object_unref (document);
    }
  return texts;
}

/* Up to three sentences from the start of @text as its summary (cut at
 * ". ", enough for a realistic size of the summary column and index). */
static void
add_summary (NfDocument *document,
             const char *text)
{
  const char *start = text;

  for (guint n = 0; n < 3 && *start != '\0'; n++)
    {
      const char *end = strstr (start, ". ");
      g_autofree char *sentence = NULL;
      g_autoptr(NfSentence) item = NULL;
      glong offset = g_utf8_pointer_to_offset (text, start);

      if (end == NULL)
        end = start + strlen (start);
      else
        end++;
      sentence = g_strndup (start, end - start);
      item = nf_sentence_new (sentence, offset, offset + g_utf8_strlen (sentence, -1), 1.0 / (n + 1));
      nf_document_add_summary (document, item);
      start = *end != '\0' ? end + 1 : end;
    }
}

/* 30 tags made of the text's words, of every kind, with scores, mentions
 * and a speaker for sources, as the tag element would attach. */
static void
add_tags (NfDocument *document,
          const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n", 0);
  guint n_words = g_strv_length (words);

  for (guint i = 0; i < TAGS_PER_DOCUMENT && n_words > 1; i++)
    {
      guint w = (i * 7919) % (n_words - 1);
      g_autofree char *phrase = g_strdup_printf ("%s %s", words[w], words[w + 1]);
      g_autofree char *normalized = g_utf8_casefold (phrase, -1);
      g_autoptr(NfTag) tag = nf_tag_new (tag_kinds[i % G_N_ELEMENTS (tag_kinds)], phrase);

      nf_tag_set_normalized (tag, normalized);
      nf_tag_set_score (tag, 1.0 / (i + 1));
      nf_tag_add_mention (tag, w, w + 5);
      if (i % G_N_ELEMENTS (tag_kinds) == 5)
        nf_tag_set_speaker (tag, words[w]);
      nf_document_add_tag (document, tag);
    }
}

static GPtrArray *
make_documents (GPtrArray *texts,
                guint      n)
{
  GPtrArray *documents = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      BenchText *text = g_ptr_array_index (texts, i % texts->len);
      g_autofree char *id = g_strdup_printf ("%s#%u", text->id, i / texts->len);
      NfDocument *document = nf_document_new (id);

      nf_document_set_text (document, text->text);
      nf_document_set_title (document, text->title != NULL ? text->title : text->id);
      nf_document_set_language (document, text->language != NULL ? text->language : "en");
      nf_document_set_uri (document, "https://news.example.org/bench");
      add_summary (document, text->text);
      add_tags (document, text->text);
      g_ptr_array_add (documents, document);
    }
  return documents;
}

/* Writes @documents with `appsrc ! sqlitesink` on one thread; seconds, or
 * a negative number when the pipeline fails. */
static double
insert_round (const char *db,
              GPtrArray  *documents,
              guint       threads)
{
  g_autofree char *description =
    g_strdup_printf ("appsrc name=in ! sqlitesink location=\"%s\"", db);
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPipeline) pipeline = nf_parse_launch (description, &error);
  NfElement *src;
  gint64 start;

  if (pipeline == NULL)
    {
      g_printerr ("bench-sqlite: %s\n", error->message);
      return -1;
    }
  nf_pipeline_set_threads (pipeline, threads);
  src = nf_pipeline_get_by_name (pipeline, "in");
  for (guint i = 0; i < documents->len; i++)
    nf_app_src_push_document (NF_APP_SRC (src), g_ptr_array_index (documents, i));
  nf_app_src_end_of_stream (NF_APP_SRC (src));

  start = g_get_monotonic_time ();
  if (!nf_pipeline_run (pipeline, NULL, &error))
    {
      g_printerr ("bench-sqlite: %s\n", error->message);
      return -1;
    }
  return bench_seconds_since (start);
}

/* Reads the database back with `sqlitesrc PROPERTIES ! fakesink`; seconds,
 * and the number of documents in @n_read. */
static double
read_round (const char *db,
            const char *properties,
            guint64    *n_read)
{
  g_autofree char *description =
    g_strdup_printf ("sqlitesrc location=\"%s\" %s ! fakesink name=out", db, properties);
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPipeline) pipeline = nf_parse_launch (description, &error);
  gint64 start;

  if (pipeline == NULL)
    {
      g_printerr ("bench-sqlite: %s\n", error->message);
      return -1;
    }
  nf_pipeline_set_threads (pipeline, 1);
  start = g_get_monotonic_time ();
  if (!nf_pipeline_run (pipeline, NULL, &error))
    {
      g_printerr ("bench-sqlite: %s\n", error->message);
      return -1;
    }
  nf_element_get_statistics (nf_pipeline_get_by_name (pipeline, "out"), n_read, NULL, NULL, NULL);
  return bench_seconds_since (start);
}

static void
remove_database (const char *db)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db, suffixes[i], NULL);
      g_unlink (path);
    }
}

static double
file_megabytes (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / 1e6 : 0;
}

int
main (int argc, char **argv)
{
  g_autofree char *texts_path = NULL;
  g_autofree char *examples = NULL;
  int n_documents = 5000;
  int threads = 1;
  GOptionEntry entries[] = {
    { "texts", 0, 0, G_OPTION_ARG_FILENAME, &texts_path, "JSON Lines texts (default: the BBC topics set)", "FILE" },
    { "examples", 0, 0, G_OPTION_ARG_FILENAME, &examples, "Example articles, when the texts are missing", "DIR" },
    { "documents", 0, 0, G_OPTION_ARG_INT, &n_documents, "Documents to write (default 5000)", "N" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "Pipeline threads while writing (default 1)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- sqlitesink and sqlitesrc documents per second");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  double seconds;
  guint64 n_read = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_documents <= 0 || threads <= 0)
    {
      g_printerr ("bench-sqlite: %s\n", error != NULL ? error->message : "--documents and --threads must be positive");
      return 2;
    }
  nf_init ();

  if (texts_path != NULL && g_file_test (texts_path, G_FILE_TEST_IS_REGULAR))
    texts = bench_read_jsonl (texts_path, (BenchRecordFunc) text_from_record, bench_text_free, &error);
  if (texts != NULL && texts->len > 0)
    g_print ("Texts: %u from %s\n", texts->len, texts_path);
  else
    {
      g_clear_pointer (&texts, g_ptr_array_unref);
      texts = examples != NULL ? example_texts (examples) : g_ptr_array_new ();
      g_print ("Texts: %u example articles (the BBC set is not here)\n", texts->len);
    }
  if (texts->len == 0)
    return 77;

  documents = make_documents (texts, (guint) n_documents);
  dir = g_dir_make_tmp ("nf-bench-sqlite-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-sqlite: %s\n", error->message);
      return 1;
    }
  db = g_build_filename (dir, "bench.db", NULL);
  g_print ("%u documents, %d tags and a 3-sentence summary each, %.1f MB of text; %d thread(s)\n\n",
           documents->len, TAGS_PER_DOCUMENT,
           bench_total_size (texts) * ((double) documents->len / texts->len) / 1e6, threads);

  seconds = insert_round (db, documents, (guint) threads);
  if (seconds < 0)
    return 1;
  g_print ("sqlitesink, new database   %9.1f documents/s  (%7.0f tags/s; %.2f s; database %.1f MB)\n",
           documents->len / seconds, documents->len * (double) TAGS_PER_DOCUMENT / seconds,
           seconds, file_megabytes (db));

  seconds = insert_round (db, documents, (guint) threads);
  if (seconds < 0)
    return 1;
  g_print ("sqlitesink, same ids again %9.1f documents/s  (upsert: rows, tags and index entries replaced; %.2f s)\n",
           documents->len / seconds, seconds);

  seconds = read_round (db, "", &n_read);
  if (seconds < 0)
    return 1;
  g_print ("sqlitesrc, all             %9.1f documents/s  (%" G_GUINT64_FORMAT " documents; %.2f s)\n",
           n_read / seconds, n_read, seconds);

  seconds = read_round (db, "match=\"government OR minister OR market\"", &n_read);
  if (seconds < 0)
    return 1;
  g_print ("sqlitesrc, full-text match %9.1f documents/s  (%" G_GUINT64_FORMAT " documents matched; %.2f s)\n",
           n_read / MAX (seconds, 1e-9), n_read, seconds);

  g_print ("\npeak RSS: %.1f MiB\n", bench_peak_rss_kib () / 1024.0);
  remove_database (db);
  g_rmdir (dir);
  return 0;
}
