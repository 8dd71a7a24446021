/* test-sqlite.c: sqlitesink and sqlitesrc — upserts, full-text search, tags,
 * the schema's migration, resumable runs, write failures, round trips
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every test writes its own database into a temporary directory; the
 * documents are invented here.
 */
#include <newsfilter.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <string.h>

#include "test-temp-dir.h"

/* ---- Fixtures ---- */

typedef struct {
  TempDir *dir;
  char    *db;     /* the database path */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = temp_dir_new ("nf-test-sqlite");
  fixture->db = g_build_filename (fixture->dir->path, "news.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->db, "-shm", NULL);

  /* the -wal and -shm files are gone once every connection closed; a
   * failed test may leave them */
  g_unlink (wal);
  g_unlink (shm);
  g_free (fixture->db);
  temp_dir_free (fixture->dir);
}

/* A story with a word of its own in title, text and summary. */
static NfDocument *
make_story (const char *id,
            const char *language,
            const char *title,
            const char *text,
            const char *summary)
{
  NfDocument *document = nf_document_new (id);
  g_autoptr(NfTag) person = nf_tag_new (NF_TAG_KIND_PERSON, "Ada Lovelace");
  g_autoptr(NfTag) keyword = nf_tag_new (NF_TAG_KIND_KEYWORD, "analytical engine");
  g_autoptr(NfTag) source = nf_tag_new (NF_TAG_KIND_SOURCE, "the harbour master");

  nf_document_set_uri (document, "https://news.example.org/story");
  nf_document_set_title (document, title);
  nf_document_set_language (document, language);
  nf_document_set_text (document, text);
  nf_document_add_author (document, "Jo Quill");
  nf_document_set_published (document, "2026-11-27T10:00:00Z");
  if (summary != NULL)
    {
      g_autoptr(NfSentence) sentence = nf_sentence_new (summary, 0, g_utf8_strlen (summary, -1), 0.9);
      nf_document_add_summary (document, sentence);
    }

  nf_tag_set_normalized (person, "ada lovelace");
  nf_tag_set_score (person, 0.75);
  nf_tag_add_mention (person, 0, 4);
  nf_tag_set_score (keyword, 0.5);
  nf_tag_set_speaker (source, "Mara Pell");
  nf_document_add_tag (document, person);
  nf_document_add_tag (document, keyword);
  nf_document_add_tag (document, source);
  nf_document_set_meta_string (document, "test.origin", "fixture");
  return document;
}

/* The three stories most tests store. */
static GPtrArray *
three_stories (void)
{
  GPtrArray *stories = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (stories, make_story ("world/ferry", "en", "Ferry strike halts crossings",
                                        "Crossings stopped at dawn.\n\nThe port was quiet.",
                                        "Crossings stopped at dawn."));
  g_ptr_array_add (stories, make_story ("science/comet", "en", "Comet seen over moorland",
                                        "Astronomers watched the comet.",
                                        "A zeppelin pilot saw it first."));
  g_ptr_array_add (stories, make_story ("culture/musee", "fr", "Le musée rouvre",
                                        "Le musée rouvre ses portes.",
                                        "Le musée rouvre."));
  return stories;
}

/* Runs `appsrc ! identity name=mid ! sqlitesink location=DB PROPERTIES` over
 * @documents; the identity counts what reached the filters. */
static gboolean
store (const char  *db,
       const char  *properties,
       GPtrArray   *documents,
       guint64     *through_filters,
       GError     **error)
{
  g_autofree char *description =
    g_strdup_printf ("appsrc name=in ! identity name=mid ! sqlitesink name=out location=\"%s\" %s",
                     db, properties != NULL ? properties : "");
  g_autoptr(NfPipeline) pipeline = nf_parse_launch (description, error);
  NfElement *src;
  gboolean ok;

  g_assert_nonnull (pipeline);
  src = nf_pipeline_get_by_name (pipeline, "in");
  for (guint i = 0; i < documents->len; i++)
    g_assert_true (nf_app_src_push_document (NF_APP_SRC (src), g_ptr_array_index (documents, i)));
  nf_app_src_end_of_stream (NF_APP_SRC (src));
  ok = nf_pipeline_run (pipeline, NULL, error);
  if (through_filters != NULL)
    nf_element_get_statistics (nf_pipeline_get_by_name (pipeline, "mid"),
                               through_filters, NULL, NULL, NULL);
  return ok;
}

/* Runs `sqlitesrc location=DB PROPERTIES ! appsink` and returns the ids read. */
static GPtrArray *
read_back (const char  *db,
           const char  *properties,
           GError     **error)
{
  g_autofree char *description =
    g_strdup_printf ("sqlitesrc location=\"%s\" %s ! appsink name=out emit-signals=false",
                     db, properties != NULL ? properties : "");
  g_autoptr(NfPipeline) pipeline = nf_parse_launch (description, error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  NfElement *sink;
  NfDocument *document;

  g_assert_nonnull (pipeline);
  if (!nf_pipeline_run (pipeline, NULL, error))
    return NULL;
  sink = nf_pipeline_get_by_name (pipeline, "out");
  while ((document = nf_app_sink_pull_document (NF_APP_SINK (sink))) != NULL)
    {
      g_ptr_array_add (ids, g_strdup (nf_document_get_id (document)));
      g_object_unref (document);
    }
  return g_steal_pointer (&ids);
}

/* Reads the database back with @properties and checks it gives exactly
 * @expected_id (or nothing, when %NULL). */
static void
assert_reads_one (const char *db,
                  const char *properties,
                  const char *expected_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = read_back (db, properties, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, expected_id != NULL ? 1 : 0);
  if (expected_id != NULL)
    g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, expected_id);
}

/* ---- Looking into the database ---- */

static sqlite3 *
open_db (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

/* The integer the first column of @sql's first row holds. */
static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = open_db (path);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The text of the first column of @sql's first row, or NULL. */
static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = open_db (path);
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The details of SQLite's plan for @sql, joined. */
static char *
query_plan (const char *path,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  sqlite3 *db = open_db (path);
  sqlite3_stmt *stmt = NULL;
  GString *plan = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (plan, FALSE);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* The full-text index agrees with the rows (FTS5's own check). */
static void
assert_fts_consistent (const char *path)
{
  exec_sql (path, "INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)");
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'"),
                   ==, 0);
}

static gint64
fts_hits (const char *path,
          const char *query)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH '%s'", query);
  return query_int (path, sql);
}

/* ---- Tests ---- */

static void
test_upsert_idempotent (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = three_stories ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_assert_true (store (fixture->db, NULL, stories, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (store (fixture->db, NULL, stories, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM documents"), ==, 3);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM tags"), ==, 9);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM tags WHERE document_id = 'world/ferry'"), ==, 3);
  g_assert_cmpint (fts_hits (fixture->db, "ferry"), ==, 1);
  g_assert_cmpint (fts_hits (fixture->db, "comet"), ==, 1);
  g_assert_cmpint (fts_hits (fixture->db, "musée"), ==, 1);
  g_assert_cmpint (query_int (fixture->db, "SELECT user_version FROM pragma_user_version"), ==, 2);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), ==, 1);
  assert_fts_consistent (fixture->db);

  /* A re-render with a new title replaces the index entry, keeps one row. */
  nf_document_set_title (g_ptr_array_index (stories, 0), "Ferry crossings resume");
  g_assert_true (store (fixture->db, NULL, stories, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM documents"), ==, 3);
  g_assert_cmpint (fts_hits (fixture->db, "strike"), ==, 0);
  g_assert_cmpint (fts_hits (fixture->db, "resume"), ==, 1);
  title = query_text (fixture->db, "SELECT title FROM documents WHERE id = 'world/ferry'");
  g_assert_cmpstr (title, ==, "Ferry crossings resume");
  assert_fts_consistent (fixture->db);
}

static void
test_columns (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = three_stories ();
  g_autoptr(GError) error = NULL;
  g_autofree char *authors = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *code = NULL;
  g_autoptr(GError) failure = g_error_new_literal (NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_EMPTY,
                                                   "nothing to read");
  g_autoptr(NfDocument) failed = nf_document_new ("world/empty");
  NfDocument *second = g_ptr_array_index (stories, 1);
  g_autoptr(NfSentence) more = nf_sentence_new ("Then a second.", 0, 14, 0.5);

  nf_document_add_summary (second, more);
  nf_document_set_duplicate_of (second, "world/ferry");
  nf_document_set_error (failed, failure);
  g_ptr_array_add (stories, g_object_ref (failed));
  g_assert_true (store (fixture->db, NULL, stories, NULL, &error));
  g_assert_no_error (error);

  authors = query_text (fixture->db, "SELECT authors FROM documents WHERE id = 'world/ferry'");
  g_assert_cmpstr (authors, ==, "[\"Jo Quill\"]");
  summary = query_text (fixture->db, "SELECT summary FROM documents WHERE id = 'science/comet'");
  g_assert_cmpstr (summary, ==, "A zeppelin pilot saw it first. Then a second.");
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM documents WHERE duplicate_of = 'world/ferry'"), ==, 1);
  updated = query_text (fixture->db, "SELECT updated FROM documents WHERE id = 'world/ferry'");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", updated, 0, 0));
  code = query_text (fixture->db,
                     "SELECT error_domain || ' ' || error_code || ' ' || error_message FROM documents WHERE id = 'world/empty'");
  g_assert_cmpstr (code, ==, "nf-element-error empty nothing to read");
}

static void
test_match_summary_and_where (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = three_stories ();
  g_autoptr(GError) error = NULL;

  g_assert_true (store (fixture->db, NULL, stories, NULL, &error));
  g_assert_no_error (error);

  /* "zeppelin" is only in the comet story's summary */
  assert_reads_one (fixture->db, "match=zeppelin", "science/comet");
  assert_reads_one (fixture->db, "match=summary:dawn", "world/ferry");
  assert_reads_one (fixture->db, "where=\"language = 'fr'\"", "culture/musee");
  /* both, and a limit; rowid order is the order of first storing */
  assert_reads_one (fixture->db, "where=\"language = 'en'\" limit=1", "world/ferry");
  assert_reads_one (fixture->db, "where=\"language = 'fr'\" match=zeppelin", NULL);
}

static void
test_bad_expressions (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = three_stories ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  g_assert_true (store (fixture->db, NULL, stories, NULL, &error));
  g_assert_no_error (error);

  ids = read_back (fixture->db, "where=\"language ==\"", &error);
  g_assert_null (ids);
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS);
  g_assert_nonnull (strstr (error->message, "bad where expression “language ==”"));
  g_assert_nonnull (strstr (error->message, fixture->db));
  g_clear_error (&error);

  ids = read_back (fixture->db, "where=\"no_such_column = 1\"", &error);
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS);
  g_assert_nonnull (strstr (error->message, "no such column: no_such_column"));
  g_clear_error (&error);

  ids = read_back (fixture->db, "where=\"1); DELETE FROM documents; SELECT (1\"", &error);
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS);
  g_clear_error (&error);

  ids = read_back (fixture->db, "match=\"AND OR\"", &error);
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS);
  g_assert_nonnull (strstr (error->message, "bad match query “AND OR”"));
  g_clear_error (&error);

  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM documents"), ==, 3);
}

static void
test_tags_by_kind (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = three_stories ();
  g_autoptr(GError) error = NULL;
  g_autofree char *speaker = NULL;
  g_autofree char *plan = NULL;

  g_assert_true (store (fixture->db, NULL, stories, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_int (fixture->db,
                              "SELECT count(DISTINCT document_id) FROM tags"
                              " WHERE kind = 'person' AND normalized = 'ada lovelace'"), ==, 3);
  g_assert_cmpint (query_int (fixture->db,
                              "SELECT count(*) FROM tags WHERE kind = 'keyword' AND text = 'analytical engine'"
                              " AND score = 0.5 AND position = 1"), ==, 3);
  g_assert_cmpint (query_int (fixture->db,
                              "SELECT count(*) FROM tags WHERE kind = 'keyword' AND normalized IS NULL"), ==, 3);
  speaker = query_text (fixture->db, "SELECT speaker FROM tags WHERE kind = 'source' LIMIT 1");
  g_assert_cmpstr (speaker, ==, "Mara Pell");
  plan = query_plan (fixture->db,
                     "SELECT document_id FROM tags WHERE kind = 'person' AND normalized = 'x'");
  g_assert_nonnull (strstr (plan, "tags_kind_normalized"));

  /* a document's tags go with it */
  exec_sql (fixture->db, "PRAGMA foreign_keys = ON; DELETE FROM documents WHERE id = 'world/ferry'");
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM tags"), ==, 6);
  assert_fts_consistent (fixture->db);
}

/* The first layout (see plugins/sqlite/nf-sqlite-db.c), as its code wrote it. */
#define SCHEMA_V1 \
  "CREATE TABLE documents (id TEXT PRIMARY KEY, uri TEXT, canonical_uri TEXT," \
  "  title TEXT, authors TEXT, published TEXT, modified TEXT, language TEXT," \
  "  site_name TEXT, description TEXT, image TEXT, text TEXT, summary TEXT," \
  "  error_domain TEXT, error_code, error_message TEXT, record TEXT NOT NULL," \
  "  updated TEXT NOT NULL);" \
  "CREATE TABLE tags (document_id TEXT NOT NULL REFERENCES documents (id)" \
  "  ON DELETE CASCADE, kind TEXT NOT NULL, text TEXT NOT NULL," \
  "  normalized TEXT, score REAL, position INTEGER NOT NULL);" \
  "CREATE INDEX tags_kind_normalized ON tags (kind, normalized);" \
  "CREATE INDEX tags_document ON tags (document_id);" \
  "PRAGMA user_version = 1;"

static void
test_migrate_v1 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = three_stories ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *speaker = NULL;
  g_autofree char *duplicate = NULL;

  exec_sql (fixture->db,
            SCHEMA_V1
            "INSERT INTO documents (id, title, text, summary, language, record, updated) VALUES"
            " ('old/lighthouse', 'Lighthouse keeper retires', 'After forty years the keeper left.',"
            "  'The keeper left.', 'en',"
            "  '{\"id\":\"old/lighthouse\",\"title\":\"Lighthouse keeper retires\","
            "\"text\":\"After forty years the keeper left.\",\"language\":\"en\",\"duplicate_of\":\"old/beacon\","
            "\"tags\":[{\"kind\":\"source\",\"text\":\"the keeper\",\"speaker\":\"Ewan Roe\"}]}',"
            "  '2025-01-01T00:00:00Z');"
            "INSERT INTO tags (document_id, kind, text, position) VALUES ('old/lighthouse', 'source', 'the keeper', 0);");

  g_assert_true (store (fixture->db, NULL, stories, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_int (fixture->db, "SELECT user_version FROM pragma_user_version"), ==, 2);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM documents"), ==, 4);
  g_assert_cmpint (fts_hits (fixture->db, "lighthouse"), ==, 1);
  g_assert_cmpint (fts_hits (fixture->db, "keeper"), ==, 1);
  speaker = query_text (fixture->db, "SELECT speaker FROM tags WHERE document_id = 'old/lighthouse'");
  g_assert_cmpstr (speaker, ==, "Ewan Roe");
  duplicate = query_text (fixture->db, "SELECT duplicate_of FROM documents WHERE id = 'old/lighthouse'");
  g_assert_cmpstr (duplicate, ==, "old/beacon");
  assert_fts_consistent (fixture->db);

  /* the old row reads back first, through the new index */
  ids = read_back (fixture->db, "match=keeper", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, "old/lighthouse");
}

static void
test_v1_read_without_match (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  exec_sql (fixture->db, SCHEMA_V1
            "INSERT INTO documents (id, record, updated) VALUES ('a', '{\"id\":\"a\"}', 'x');");
  ids = read_back (fixture->db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_ptr_array_unref);

  ids = read_back (fixture->db, "match=a", &error);
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS);
  g_assert_nonnull (strstr (error->message, "schema version 1"));
  /* sqlitesrc opened it read-only: not migrated */
  g_assert_cmpint (query_int (fixture->db, "SELECT user_version FROM pragma_user_version"), ==, 1);
}

static void
test_newer_version_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = three_stories ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  exec_sql (fixture->db, "CREATE TABLE documents (id TEXT); PRAGMA user_version = 3;");
  g_assert_false (store (fixture->db, NULL, stories, NULL, &error));
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, fixture->db));
  g_assert_nonnull (strstr (error->message, "schema version 3, newer than this libnewsfilter knows (2)"));
  g_clear_error (&error);

  ids = read_back (fixture->db, NULL, &error);
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT);
  g_assert_cmpint (query_int (fixture->db, "SELECT user_version FROM pragma_user_version"), ==, 3);
}

static void
test_foreign_table_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = three_stories ();
  g_autoptr(GError) error = NULL;

  exec_sql (fixture->db, "CREATE TABLE documents (name TEXT);");
  g_assert_false (store (fixture->db, NULL, stories, NULL, &error));
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "did not create"));
}

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = three_stories ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *expected = g_strdup_printf ("%s is not an SQLite database", fixture->db);
  const char *junk = "This is a ship's log, not a database. It goes on for a while so that "
                     "SQLite reads a whole header's worth of it and finds no magic string.\n";

  g_assert_true (g_file_set_contents (fixture->db, junk, -1, NULL));
  g_assert_false (store (fixture->db, NULL, stories, NULL, &error));
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, expected));
  g_clear_error (&error);

  ids = read_back (fixture->db, NULL, &error);
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, expected));
}

static void
test_missing_location (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPipeline) pipeline = nf_parse_launch ("fakesrc num-documents=1 ! sqlitesink", &error);
  g_autoptr(NfPipeline) reader = NULL;

  g_assert_no_error (error);
  g_assert_false (nf_pipeline_run (pipeline, NULL, &error));
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS);
  g_assert_nonnull (strstr (error->message, "no database location set"));
  g_clear_error (&error);

  reader = nf_parse_launch ("sqlitesrc ! fakesink", &error);
  g_assert_no_error (error);
  g_assert_false (nf_pipeline_run (reader, NULL, &error));
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS);
}

static void
test_skip_existing (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = three_stories ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) failure = g_error_new_literal (NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_READ,
                                                   "connection reset");
  guint64 through = 0;

  /* the third story failed the first time */
  nf_document_set_error (g_ptr_array_index (stories, 2), failure);
  g_assert_true (store (fixture->db, "skip-existing=true", stories, &through, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (through, ==, 3);

  /* second run: the two good ones skip, the failed one and a new one go through */
  nf_document_set_error (g_ptr_array_index (stories, 2), NULL);
  g_ptr_array_add (stories, make_story ("sport/regatta", "en", "Regatta postponed", "Wind.", NULL));
  g_assert_true (store (fixture->db, "skip-existing=true", stories, &through, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (through, ==, 2);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM documents"), ==, 4);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM documents WHERE error_message IS NOT NULL"), ==, 0);

  /* third run: all stored, nothing goes through; without the property all do */
  g_assert_true (store (fixture->db, "skip-existing=true", stories, &through, &error));
  g_assert_cmpuint (through, ==, 0);
  g_assert_true (store (fixture->db, NULL, stories, &through, &error));
  g_assert_cmpuint (through, ==, 4);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM documents"), ==, 4);
}

static void
test_location_under_file (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = three_stories ();
  g_autoptr(GError) error = NULL;
  g_autofree char *file = temp_dir_write (fixture->dir, "plain.txt", "not a directory\n", -1);
  g_autofree char *location = g_build_filename (file, "news.db", NULL);
  g_autofree char *expected = g_strdup_printf ("could not open database %s: Not a directory", location);

  g_assert_false (store (location, NULL, stories, NULL, &error));
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_OPEN_WRITE);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_dev_full (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = three_stories ();
  g_autoptr(GError) error = NULL;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  g_assert_false (store ("/dev/full", NULL, stories, NULL, &error));
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_OPEN_WRITE);
  g_assert_true (g_str_has_prefix (error->message, "could not open database /dev/full: not a regular file"));
  /* nothing was created beside it */
  g_assert_false (g_file_test ("/dev/full-wal", G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("/dev/full-journal", G_FILE_TEST_EXISTS));
}

/* A story of about @size bytes, so that a few fill a page or more. */
static NfDocument *
make_long_story (guint i,
                 gsize size)
{
  g_autofree char *id = g_strdup_printf ("wire/%04u", i);
  g_autofree char *title = g_strdup_printf ("Harbour bulletin %u", i);
  GString *text = g_string_new (NULL);
  NfDocument *document;

  while (text->len < size)
    g_string_append_printf (text, "Bulletin %u word%u tide%u pier%u. ", i, (guint) text->len, i * 7, i * 13);
  document = make_story (id, "en", title, text->str, NULL);
  g_string_free (text, TRUE);
  return document;
}

/* Every stored row reads back as a record with its own id. */
static void
assert_rows_readable (const char *path)
{
  sqlite3 *db = open_db (path);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, record FROM documents", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NfDocument) document =
        nf_document_new_from_json_string ((const char *) sqlite3_column_text (stmt, 1), -1, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (nf_document_get_id (document), ==, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_full_database (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = three_stories ();
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *properties = NULL;
  g_autofree char *expected = NULL;
  gint64 pages, stored;

  g_assert_true (store (fixture->db, NULL, stories, NULL, &error));
  g_assert_no_error (error);
  exec_sql (fixture->db, "PRAGMA wal_checkpoint(TRUNCATE)");
  pages = query_int (fixture->db, "SELECT page_count FROM pragma_page_count");

  /* room for a few hundred of these 2 KB stories, not for 1 200: the
   * first batches commit, a later one fills the database */
  for (guint i = 0; i < 1200; i++)
    g_ptr_array_add (many, make_long_story (i, 2000));
  properties = g_strdup_printf ("max-pages=%" G_GINT64_FORMAT, pages + 250);
  g_assert_false (store (fixture->db, properties, many, NULL, &error));
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_WRITE);
  expected = g_strdup_printf ("to %s: database or disk is full", fixture->db);
  g_test_message ("error: %s", error->message);
  g_assert_nonnull (strstr (error->message, expected));

  /* what was committed before is there, whole and readable */
  stored = query_int (fixture->db, "SELECT count(*) FROM documents");
  g_test_message ("%" G_GINT64_FORMAT " documents stored before the database filled", stored);
  g_assert_cmpint (stored, >=, 3);
  g_assert_cmpint (stored, <, 1203);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM documents WHERE id = 'science/comet'"), ==, 1);
  g_assert_cmpint (query_int (fixture->db,
                              "SELECT count(*) FROM documents d WHERE (SELECT count(*) FROM tags t WHERE t.document_id = d.id) != 3"), ==, 0);
  assert_rows_readable (fixture->db);
  assert_fts_consistent (fixture->db);
  g_assert_cmpint (fts_hits (fixture->db, "zeppelin"), ==, 1);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = three_stories ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) failure = g_error_new_literal (NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_DECODE,
                                                   "bytes are not text");
  g_autoptr(NfDocument) failed = nf_document_new ("world/garbled");
  g_autofree char *out = g_build_filename (fixture->dir->path, "out.jsonl", NULL);
  g_autofree char *description = g_strdup_printf ("sqlitesrc location=\"%s\" ! jsonsink location=\"%s\"",
                                                  fixture->db, out);
  g_autoptr(NfPipeline) pipeline = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *contents = NULL;

  nf_document_set_error (failed, failure);
  nf_document_set_uri (failed, "https://news.example.org/garbled");
  g_ptr_array_insert (stories, 1, g_object_ref (failed));
  for (guint i = 0; i < stories->len; i++)
    {
      g_autofree char *line = nf_document_to_json_string (g_ptr_array_index (stories, i), FALSE);
      g_string_append_printf (expected, "%s\n", line);
    }

  g_assert_true (store (fixture->db, NULL, stories, NULL, &error));
  g_assert_no_error (error);

  pipeline = nf_parse_launch (description, &error);
  g_assert_no_error (error);
  g_assert_true (nf_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected->str);
}

/* One writer of test_writers_create_schema_at_once(). */
static gpointer
store_in_thread (gpointer data)
{
  const char *db = data;
  g_autoptr(GPtrArray) stories = three_stories ();
  g_autoptr(GError) error = NULL;
  gboolean ok = store (db, NULL, stories, NULL, &error);

  if (!ok)
    g_printerr ("%s\n", error->message);
  return GINT_TO_POINTER (ok);
}

/* Workers started together on a new file: each opens it on a connection of
 * its own, as separate processes would, and exactly one creates the
 * schema; none takes the half-made file for someone else's. */
static void
test_writers_create_schema_at_once (Fixture       *fixture,
                                    gconstpointer  data)
{
  for (guint round = 0; round < 5; round++)
    {
      g_autofree char *db = g_strdup_printf ("%s.%u", fixture->db, round);
      GThread *writers[4];

      for (guint w = 0; w < G_N_ELEMENTS (writers); w++)
        writers[w] = g_thread_new ("writer", store_in_thread, db);
      for (guint w = 0; w < G_N_ELEMENTS (writers); w++)
        g_assert_true (GPOINTER_TO_INT (g_thread_join (writers[w])));
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM documents"), ==, 3);
      g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 2);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sqlite/upsert-idempotent", test_upsert_idempotent);
  ADD ("/sqlite/columns", test_columns);
  ADD ("/sqlite/match-summary-and-where", test_match_summary_and_where);
  ADD ("/sqlite/bad-expressions", test_bad_expressions);
  ADD ("/sqlite/tags-by-kind", test_tags_by_kind);
  ADD ("/sqlite/migrate-v1", test_migrate_v1);
  ADD ("/sqlite/v1-read-without-match", test_v1_read_without_match);
  ADD ("/sqlite/newer-version-refused", test_newer_version_refused);
  ADD ("/sqlite/foreign-table-refused", test_foreign_table_refused);
  ADD ("/sqlite/not-a-database", test_not_a_database);
  g_test_add_func ("/sqlite/missing-location", test_missing_location);
  ADD ("/sqlite/skip-existing", test_skip_existing);
  ADD ("/sqlite/failure/location-under-file", test_location_under_file);
  ADD ("/sqlite/failure/dev-full", test_dev_full);
  ADD ("/sqlite/failure/full-database", test_full_database);
  ADD ("/sqlite/round-trip", test_round_trip);
  ADD ("/sqlite/writers-create-schema-at-once", test_writers_create_schema_at_once);

  return g_test_run ();
}
