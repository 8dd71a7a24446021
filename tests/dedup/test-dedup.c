/* test-dedup.c: the dedup element — exact and near-duplicates of a story
 * written for these tests, dropping, bounded memory, a shared database
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Pipelines run on one thread unless a test says otherwise, so that which
 * copy is "first" is the input order.
 */
#include <newsfilter.h>

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

/* A wire story written for these tests (about 300 words). */
static const char story[] =
  "HARLOW BAY, March 4 (Northwind Wire) - The harbour authority of Harlow Bay voted on "
  "Tuesday to close the old ferry terminal for eighteen months while engineers replace "
  "the sinking sea wall that has flooded the waterfront market three times since October.\n\n"
  "The decision, taken by seven votes to two after a four-hour meeting, means the island "
  "ferry will dock at the cargo pier on the northern side of the bay until the work is "
  "finished. Passengers will be carried between the pier and the town centre by a shuttle "
  "bus every fifteen minutes, the authority said.\n\n"
  "Engineers found last year that the wall, built in 1911 from granite blocks and lime "
  "mortar, had settled by almost forty centimetres along its eastern half. Storm surges "
  "now spill over it at high tide, and the stalls of the Saturday market have been moved "
  "inland twice this winter.\n\n"
  "\"We cannot keep sandbagging and hoping,\" said Ruth Okafor, who chairs the authority. "
  "\"The wall has done its job for more than a century, but the sea is higher than it "
  "was, and the storms are stronger. If we wait another winter, we risk losing the "
  "terminal building itself.\"\n\n"
  "The repairs are expected to cost 14.2 million crowns, two thirds of which will come "
  "from a national coastal resilience fund. The remainder will be borrowed against future "
  "harbour fees.\n\n"
  "Traders at the market were divided. Some welcomed the plan, saying that the floods had "
  "cost them more than any closure could. Others feared that the shuttle bus would keep "
  "day visitors away from the waterfront during the summer season.\n\n"
  "The authority said it would publish a timetable for the shuttle service next month and "
  "hold a public meeting for traders before the terminal closes in May.";

/* Another story on the same topic, written for these tests. */
static const char other_story[] =
  "PORT ELLAN, March 6 (Coastline Daily) - Ferry passengers in Port Ellan face months of "
  "disruption after the town council agreed to rebuild the crumbling breakwater that "
  "shelters the marina, a project that will push the island service to a temporary "
  "landing stage outside the harbour.\n\n"
  "Councillors approved the plan unanimously on Thursday evening. The work, which begins "
  "in June, will take about a year, and the ferry operator has warned that crossings may "
  "be cancelled more often in rough weather because the temporary stage is exposed to "
  "westerly winds.\n\n"
  "Surveys carried out after the January storms showed long cracks running through the "
  "concrete of the breakwater, which was poured in the 1960s. Divers also found that "
  "waves had scoured away much of the rubble at its foot.\n\n"
  "\"Nobody wants a year of upheaval, but the alternative is a breakwater that fails in "
  "the middle of a gale,\" said Council leader Imran Haddad. \"We would then lose the "
  "marina, the boats in it and very likely the ferry service altogether.\"\n\n"
  "The council expects the rebuild to cost 9.8 million crowns. It has applied for a grant "
  "from the national coastal resilience fund and will cover the rest from its reserves, "
  "delaying the refurbishment of the town library by two years.\n\n"
  "Owners of cafés and shops near the ferry landing said they were worried about losing "
  "passing trade. The ferry operator said it would run an extra evening crossing in July "
  "and August to make up for cancellations.\n\n"
  "A public exhibition of the designs will open at the town hall next week.";

/* A paragraph a republisher added at the end. */
static const char added_paragraph[] =
  "\n\nIn a separate vote, the authority agreed to lower mooring fees for small fishing "
  "boats by a tenth for the length of the closure, to make up for the longer trip around "
  "the cargo pier.";

/* @text with each @from (pairs of from/to strings, NULL-terminated)
 * replaced; every @from must be there. */
static char *
edited (const char *text,
        ...)
{
  GString *out = g_string_new (text);
  const char *from;
  va_list args;

  va_start (args, text);
  while ((from = va_arg (args, const char *)) != NULL)
    {
      const char *to = va_arg (args, const char *);
      g_assert_cmpuint (g_string_replace (out, from, to, 1), ==, 1);
    }
  va_end (args);
  return g_string_free (out, FALSE);
}

static NfDocument *
new_document (const char *id,
              const char *uri,
              const char *text)
{
  NfDocument *document = nf_document_new (id);

  if (uri != NULL)
    nf_document_set_uri (document, uri);
  if (text != NULL)
    nf_document_set_text (document, text);
  return document;
}

/* Runs @inputs (a NULL-terminated array, taken) through `appsrc ! dedup
 * PROPERTIES ! appsink` on @threads threads; returns what came out, in
 * order. */
static GPtrArray *
run_dedup_threads (const char  *properties,
                   guint        threads,
                   NfDocument **inputs)
{
  g_autofree char *description =
    g_strdup_printf ("appsrc name=in ! dedup %s ! appsink name=out emit-signals=false", properties);
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPipeline) pipeline = nf_parse_launch (description, &error);
  GPtrArray *outputs = g_ptr_array_new_with_free_func (g_object_unref);
  NfElement *src, *sink;
  NfDocument *document;

  g_assert_no_error (error);
  nf_pipeline_set_threads (pipeline, threads);
  src = nf_pipeline_get_by_name (pipeline, "in");
  for (guint i = 0; inputs[i] != NULL; i++)
    {
      g_assert_true (nf_app_src_push_document (NF_APP_SRC (src), inputs[i]));
      g_object_unref (inputs[i]);
    }
  nf_app_src_end_of_stream (NF_APP_SRC (src));
  nf_pipeline_run (pipeline, NULL, &error);
  g_assert_no_error (error);
  sink = nf_pipeline_get_by_name (pipeline, "out");
  while ((document = nf_app_sink_pull_document (NF_APP_SINK (sink))) != NULL)
    g_ptr_array_add (outputs, document);
  return outputs;
}

static GPtrArray *
run_dedup (const char  *properties,
           NfDocument **inputs)
{
  return run_dedup_threads (properties, 1, inputs);
}

/* The output whose id is @id. */
static NfDocument *
find_output (GPtrArray  *outputs,
             const char *id)
{
  for (guint i = 0; i < outputs->len; i++)
    if (strcmp (nf_document_get_id (g_ptr_array_index (outputs, i)), id) == 0)
      return g_ptr_array_index (outputs, i);
  g_assert_not_reached ();
  return NULL;
}

/* Checks that output @id is a duplicate of @first for @reason. */
static void
assert_duplicate (GPtrArray  *outputs,
                  const char *id,
                  const char *first,
                  const char *reason)
{
  NfDocument *document = find_output (outputs, id);

  JsonNode *distance = nf_document_get_meta_node (document, "dedup.distance");

  g_test_message ("%s: duplicate_of %s, reason %s, distance %d", id,
                  nf_document_get_duplicate_of (document),
                  nf_document_get_meta_string (document, "dedup.reason"),
                  distance != NULL ? (int) json_node_get_int (distance) : -1);
  g_assert_cmpstr (nf_document_get_duplicate_of (document), ==, first);
  g_assert_cmpstr (nf_document_get_meta_string (document, "dedup.reason"), ==, reason);
  if (strcmp (reason, "near") == 0)
    g_assert_nonnull (nf_document_get_meta_node (document, "dedup.distance"));
  else
    g_assert_null (nf_document_get_meta_node (document, "dedup.distance"));
}

static void
assert_not_duplicate (GPtrArray  *outputs,
                      const char *id)
{
  NfDocument *document = find_output (outputs, id);

  g_assert_null (nf_document_get_duplicate_of (document));
  g_assert_null (nf_document_get_meta_string (document, "dedup.reason"));
}

static gint64
distance_of (GPtrArray  *outputs,
             const char *id)
{
  JsonNode *node = nf_document_get_meta_node (find_output (outputs, id), "dedup.distance");

  g_assert_nonnull (node);
  return json_node_get_int (node);
}

/* The four kinds of edits a republisher makes, each on its own copy. */
static void
make_edited_copies (char **words_changed,
                    char **paragraph_added,
                    char **byline_changed,
                    char **reordered)
{
  g_autofree char *moved = NULL;

  *words_changed = edited (story, "on Tuesday", "on Wednesday",
                           "fifteen minutes", "twenty minutes",
                           "14.2 million", "14.5 million",
                           "seven votes to two", "seven votes to three", NULL);
  *paragraph_added = g_strconcat (story, added_paragraph, NULL);
  *byline_changed = edited (story, "HARLOW BAY, March 4 (Northwind Wire) - ",
                            "By Tomas Lind, Coastline Daily\n\nHarlow Bay, Tuesday - ", NULL);
  /* two sentences swapped, and one moved into the paragraph before */
  moved = edited (story,
                  "Some welcomed the plan, saying that the floods had cost them more than any "
                  "closure could. Others feared that the shuttle bus would keep day visitors "
                  "away from the waterfront during the summer season.",
                  "Others feared that the shuttle bus would keep day visitors away from the "
                  "waterfront during the summer season. Some welcomed the plan, saying that the "
                  "floods had cost them more than any closure could.", NULL);
  *reordered = edited (moved,
                       " Storm surges now spill over it at high tide, and the stalls of the "
                       "Saturday market have been moved inland twice this winter.", "",
                       "\"The wall has done its job", "Storm surges now spill over it at high "
                       "tide, and the stalls of the Saturday market have been moved inland twice "
                       "this winter. \"The wall has done its job", NULL);
}

/* Edited copies of the story are near-duplicates of the original; another
 * story on the same topic is not. */
static void
test_near_duplicates (void)
{
  g_autofree char *words_changed = NULL, *paragraph_added = NULL;
  g_autofree char *byline_changed = NULL, *reordered = NULL;
  g_autoptr(GPtrArray) outputs = NULL;

  make_edited_copies (&words_changed, &paragraph_added, &byline_changed, &reordered);
  /* the default threshold */
  outputs = run_dedup ("", (NfDocument *[]) {
    new_document ("original", "https://wire.example/harlow-bay", story),
    new_document ("words", "https://a.example/1", words_changed),
    new_document ("paragraph", "https://b.example/2", paragraph_added),
    new_document ("byline", "https://c.example/3", byline_changed),
    new_document ("reordered", "https://d.example/4", reordered),
    new_document ("other", "https://e.example/5", other_story),
    NULL });

  g_assert_cmpuint (outputs->len, ==, 6);
  assert_not_duplicate (outputs, "original");
  assert_duplicate (outputs, "words", "original", "near");
  assert_duplicate (outputs, "paragraph", "original", "near");
  assert_duplicate (outputs, "byline", "original", "near");
  assert_duplicate (outputs, "reordered", "original", "near");
  assert_not_duplicate (outputs, "other");
  for (guint i = 1; i < 5; i++)
    g_assert_cmpint (distance_of (outputs, nf_document_get_id (g_ptr_array_index (outputs, i))), <=, 8);
}

/* With threshold=3 (found through the banded index alone) the lightest
 * edits are caught — a new byline, two sentences swapped, one word
 * changed — and the heavier ones are not; the other story is far from all
 * of them. */
static void
test_banded_threshold (void)
{
  g_autofree char *words_changed = NULL, *paragraph_added = NULL;
  g_autofree char *byline_changed = NULL, *reordered = NULL;
  g_autofree char *one_word = edited (story, "on Tuesday", "on Monday", NULL);
  g_autofree char *swapped = edited (story,
                                     "Some welcomed the plan, saying that the floods had cost them more than any "
                                     "closure could. Others feared that the shuttle bus would keep day visitors "
                                     "away from the waterfront during the summer season.",
                                     "Others feared that the shuttle bus would keep day visitors away from the "
                                     "waterfront during the summer season. Some welcomed the plan, saying that the "
                                     "floods had cost them more than any closure could.", NULL);
  g_autoptr(GPtrArray) outputs = NULL;

  make_edited_copies (&words_changed, &paragraph_added, &byline_changed, &reordered);
  outputs = run_dedup ("threshold=3", (NfDocument *[]) {
    new_document ("original", NULL, story),
    new_document ("byline", NULL, byline_changed),
    new_document ("swapped", NULL, swapped),
    new_document ("one-word", NULL, one_word),
    new_document ("words", NULL, words_changed),
    new_document ("other", NULL, other_story),
    NULL });

  assert_not_duplicate (outputs, "original");
  assert_duplicate (outputs, "byline", "original", "near");
  assert_duplicate (outputs, "swapped", "original", "near");
  assert_duplicate (outputs, "one-word", "original", "near");
  g_assert_cmpint (distance_of (outputs, "one-word"), <=, 3);
  /* four words changed: distance 5 (see near-duplicates) */
  assert_not_duplicate (outputs, "words");
  assert_not_duplicate (outputs, "other");
}

/* The same URL, with tracking parameters, a fragment, capitals, the
 * default port and a trailing slash, is an exact duplicate; so is a
 * canonical_uri naming it. Another query is another page. */
static void
test_url_duplicates (void)
{
  NfDocument *canonical = new_document ("canonical", "https://mirror.example/copy", "Copy.");
  g_autoptr(GPtrArray) outputs = NULL;

  nf_document_set_canonical_uri (canonical, "https://news.example.com/world/harbour-wall");
  outputs = run_dedup ("", (NfDocument *[]) {
    new_document ("first", "https://news.example.com/world/harbour-wall", story),
    new_document ("tracked", "HTTPS://News.Example.COM:443/world/harbour-wall/"
                  "?utm_source=feed&utm_medium=rss&fbclid=AbC123&gclid=x#comments",
                  "A different text entirely."),
    canonical,
    new_document ("page-2", "https://news.example.com/world/harbour-wall?page=2", "Page two."),
    new_document ("page-2-again", "https://news.example.com/world/harbour-wall/?utm_campaign=x&page=2",
                  "Page two, again."),
    new_document ("http", "http://news.example.com:80/world/harbour-wall", "Plain."),
    NULL });

  assert_not_duplicate (outputs, "first");
  assert_duplicate (outputs, "tracked", "first", "url");
  assert_duplicate (outputs, "canonical", "first", "url");
  assert_not_duplicate (outputs, "page-2");
  assert_duplicate (outputs, "page-2-again", "page-2", "url");
  /* another scheme is another URL; its default port goes all the same */
  assert_not_duplicate (outputs, "http");
}

/* Identical text under another URL, white space and capitals aside, is an
 * exact duplicate (reason text, not near). */
static void
test_text_duplicates (void)
{
  g_autofree char *shouted = g_ascii_strup (story, -1);
  g_autofree char *spaced = edited (shouted, "VOTED ON", "voted\n   on", NULL);
  g_autoptr(GPtrArray) outputs = NULL;

  outputs = run_dedup ("", (NfDocument *[]) {
    new_document ("first", "https://wire.example/a", story),
    new_document ("copy", "https://elsewhere.example/b", spaced),
    NULL });

  assert_not_duplicate (outputs, "first");
  assert_duplicate (outputs, "copy", "first", "text");
}

/* drop=true passes on only the first copies. */
static void
test_drop (void)
{
  g_autofree char *byline_changed = edited (story, "HARLOW BAY, March 4 (Northwind Wire) - ",
                                            "Harlow Bay (Coastline Daily) - ", NULL);
  g_autoptr(GPtrArray) outputs = NULL;

  outputs = run_dedup ("drop=true threshold=10", (NfDocument *[]) {
    new_document ("original", "https://wire.example/a", story),
    new_document ("same-url", "https://wire.example/a#top", "Updated."),
    new_document ("same-text", "https://b.example/b", story),
    new_document ("near", "https://c.example/c", byline_changed),
    new_document ("other", "https://d.example/d", other_story),
    NULL });

  g_assert_cmpuint (outputs->len, ==, 2);
  g_assert_cmpstr (nf_document_get_id (g_ptr_array_index (outputs, 0)), ==, "original");
  g_assert_cmpstr (nf_document_get_id (g_ptr_array_index (outputs, 1)), ==, "other");
  assert_not_duplicate (outputs, "original");
}

/* memory=2 remembers the two newest first copies only. */
static void
test_memory_forgets_oldest (void)
{
  g_autoptr(GPtrArray) outputs = NULL;

  outputs = run_dedup ("memory=2", (NfDocument *[]) {
    new_document ("a", "https://x.example/a", NULL),
    new_document ("b", "https://x.example/b", NULL),
    new_document ("c", "https://x.example/c", NULL),
    new_document ("a-again", "https://x.example/a", NULL),   /* a was forgotten */
    new_document ("c-again", "https://x.example/c", NULL),
    new_document ("b-again", "https://x.example/b", NULL),   /* a-again pushed b out */
    NULL });

  assert_not_duplicate (outputs, "a");
  assert_not_duplicate (outputs, "b");
  assert_not_duplicate (outputs, "c");
  assert_not_duplicate (outputs, "a-again");
  assert_duplicate (outputs, "c-again", "c", "url");
  assert_not_duplicate (outputs, "b-again");
}

static gint64
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

/* A second run, with a fresh element, sees the first run's documents as
 * first copies; a document seen again under its own id is not its own
 * duplicate. */
static void
test_database_shared_between_runs (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-dedup-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "seen.db", NULL);
  g_autofree char *properties = g_strdup_printf ("threshold=10 database=%s", path);
  g_autofree char *words_changed = NULL, *paragraph_added = NULL;
  g_autofree char *byline_changed = NULL, *reordered = NULL;
  g_autofree char *mode = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;

  make_edited_copies (&words_changed, &paragraph_added, &byline_changed, &reordered);
  first = run_dedup (properties, (NfDocument *[]) {
    new_document ("original", "https://wire.example/harlow-bay", story),
    new_document ("no-text", "https://wire.example/photo-gallery", NULL),
    NULL });
  assert_not_duplicate (first, "original");
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM dedup_seen"), ==, 2);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                                     "AND tbl_name = 'dedup_seen'"), >=, 6);

  second = run_dedup (properties, (NfDocument *[]) {
    new_document ("original", "https://wire.example/harlow-bay", story),
    new_document ("words", "https://a.example/1", words_changed),
    new_document ("gallery", "https://wire.example/photo-gallery/?utm_source=x", NULL),
    new_document ("copy", "https://b.example/2", story),
    new_document ("other", "https://c.example/3", other_story),
    NULL });
  assert_not_duplicate (second, "original");
  assert_duplicate (second, "words", "original", "near");
  assert_duplicate (second, "gallery", "no-text", "url");
  assert_duplicate (second, "copy", "original", "text");
  assert_not_duplicate (second, "other");
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM dedup_seen"), ==, 3);

  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  g_assert_cmpstr (mode, ==, "wal");

  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

/* A database that cannot be opened stops the pipeline with an error
 * naming the file. */
static void
test_database_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPipeline) pipeline =
    nf_parse_launch ("appsrc name=in ! dedup database=/proc/version/seen.db ! appsink name=out", &error);
  NfElement *src;

  g_assert_no_error (error);
  src = nf_pipeline_get_by_name (pipeline, "in");
  nf_app_src_end_of_stream (NF_APP_SRC (src));
  g_assert_false (nf_pipeline_run (pipeline, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "/proc/version/seen.db"));
}

/* threshold=0 takes equal fingerprints only: the same words with other
 * punctuation (a different text hash) are near at distance 0; a changed
 * byline is not. */
static void
test_threshold_zero (void)
{
  g_autofree char *punctuated = edited (story, "Tuesday to close", "Tuesday; to close",
                                        "divided. Some", "divided: some", NULL);
  g_autofree char *byline_changed = edited (story, "HARLOW BAY, March 4 (Northwind Wire) - ",
                                            "Harlow Bay (Coastline Daily) - ", NULL);
  g_autoptr(GPtrArray) outputs = NULL;

  outputs = run_dedup ("threshold=0", (NfDocument *[]) {
    new_document ("original", NULL, story),
    new_document ("punctuated", NULL, punctuated),
    new_document ("byline", NULL, byline_changed),
    NULL });

  assert_not_duplicate (outputs, "original");
  assert_duplicate (outputs, "punctuated", "original", "near");
  g_assert_cmpint (distance_of (outputs, "punctuated"), ==, 0);
  assert_not_duplicate (outputs, "byline");
}

/* Texts shorter than min-words are compared exactly only, even at the
 * largest threshold. */
static void
test_short_texts_exact_only (void)
{
  g_autoptr(GPtrArray) outputs = NULL;

  outputs = run_dedup ("threshold=16", (NfDocument *[]) {
    new_document ("two", NULL, "Storm warning"),
    new_document ("two-again", NULL, "  storm\nWARNING "),
    new_document ("two-other", NULL, "Storm warnings"),
    new_document ("sentence", NULL, "The ferry will dock at the cargo pier on the northern side of the bay."),
    new_document ("sentence-edited", NULL, "The ferry will dock at the cargo pier on the north side of the bay."),
    NULL });

  assert_not_duplicate (outputs, "two");
  assert_duplicate (outputs, "two-again", "two", "text");
  assert_not_duplicate (outputs, "two-other");
  assert_not_duplicate (outputs, "sentence");
  assert_not_duplicate (outputs, "sentence-edited");
}

/* Failed documents pass untouched, and are not remembered. */
static void
test_failed_documents_untouched (void)
{
  g_autoptr(GError) failure = g_error_new_literal (NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_EMPTY, "nothing there");
  NfDocument *failed = new_document ("failed", "https://wire.example/a", story);
  g_autoptr(GPtrArray) outputs = NULL;
  NfDocument *out;

  nf_document_set_error (failed, failure);
  outputs = run_dedup ("", (NfDocument *[]) {
    new_document ("first", "https://wire.example/a", story),
    failed,
    new_document ("failed-first", "https://wire.example/b", "Only once."),
    NULL });
  g_assert_cmpuint (outputs->len, ==, 3);
  out = find_output (outputs, "failed");
  g_assert_true (nf_document_has_error (out));
  g_assert_null (nf_document_get_duplicate_of (out));
  g_assert_null (nf_document_get_meta_string (out, "dedup.reason"));
  assert_not_duplicate (outputs, "failed-first");
}

/* Documents without text are compared by URL; a document with neither
 * passes untouched. */
static void
test_no_text_url_only (void)
{
  g_autoptr(GPtrArray) outputs = NULL;

  outputs = run_dedup ("", (NfDocument *[]) {
    new_document ("page", "https://x.example/page", NULL),
    new_document ("page-again", "https://x.example/page#gallery", NULL),
    new_document ("with-text", "https://x.example/other", story),
    new_document ("empty", NULL, NULL),
    new_document ("empty-too", NULL, "   \n "),
    NULL });

  assert_not_duplicate (outputs, "page");
  assert_duplicate (outputs, "page-again", "page", "url");
  assert_not_duplicate (outputs, "with-text");
  assert_not_duplicate (outputs, "empty");
  assert_not_duplicate (outputs, "empty-too");
}

/* On two threads, of each pair of identical texts exactly one is marked,
 * and always as a duplicate of the other. */
static void
test_threads (void)
{
  enum { PAIRS = 200 };
  NfDocument **inputs = g_new0 (NfDocument *, 2 * PAIRS + 1);
  g_autoptr(GPtrArray) outputs = NULL;
  guint marked = 0;

  for (guint i = 0; i < PAIRS; i++)
    {
      /* short texts: compared exactly only, so pairs never meet */
      g_autofree char *text = g_strdup_printf ("Harbour bulletin number %u: the ferry runs as usual.", i);
      g_autofree char *a = g_strdup_printf ("%u-a", i);
      g_autofree char *b = g_strdup_printf ("%u-b", i);
      inputs[2 * i] = new_document (a, NULL, text);
      inputs[2 * i + 1] = new_document (b, NULL, text);
    }
  outputs = run_dedup_threads ("", 2, inputs);
  g_free (inputs);

  g_assert_cmpuint (outputs->len, ==, 2 * PAIRS);
  for (guint i = 0; i < outputs->len; i++)
    {
      NfDocument *document = g_ptr_array_index (outputs, i);
      const char *first = nf_document_get_duplicate_of (document);
      const char *id = nf_document_get_id (document);

      if (first == NULL)
        continue;
      marked++;
      /* the pair's other member, whichever was first */
      g_assert_cmpuint (strlen (first), ==, strlen (id));
      g_assert_true (strncmp (first, id, strlen (id) - 1) == 0);
      g_assert_cmpstr (nf_document_get_meta_string (document, "dedup.reason"), ==, "text");
    }
  g_assert_cmpuint (marked, ==, PAIRS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();

  g_test_add_func ("/dedup/near-duplicates", test_near_duplicates);
  g_test_add_func ("/dedup/banded-threshold", test_banded_threshold);
  g_test_add_func ("/dedup/url", test_url_duplicates);
  g_test_add_func ("/dedup/text", test_text_duplicates);
  g_test_add_func ("/dedup/drop", test_drop);
  g_test_add_func ("/dedup/memory", test_memory_forgets_oldest);
  g_test_add_func ("/dedup/database", test_database_shared_between_runs);
  g_test_add_func ("/dedup/database-error", test_database_error);
  g_test_add_func ("/dedup/threshold-zero", test_threshold_zero);
  g_test_add_func ("/dedup/short-texts", test_short_texts_exact_only);
  g_test_add_func ("/dedup/failed", test_failed_documents_untouched);
  g_test_add_func ("/dedup/no-text", test_no_text_url_only);
  g_test_add_func ("/dedup/threads", test_threads);

  return g_test_run ();
}
