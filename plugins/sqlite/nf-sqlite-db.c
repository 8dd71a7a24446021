/* nf-sqlite-db.c: opening a libnewsfilter database, its schema and migrations
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The schema is versioned with `PRAGMA user_version`.
 *
 * Version 1, the first layout (still read by sqlitesrc, migrated by
 * sqlitesink):
 *
 *   CREATE TABLE documents (id TEXT PRIMARY KEY, uri TEXT, canonical_uri TEXT,
 *     title TEXT, authors TEXT, published TEXT, modified TEXT, language TEXT,
 *     site_name TEXT, description TEXT, image TEXT, text TEXT, summary TEXT,
 *     error_domain TEXT, error_code, error_message TEXT, record TEXT NOT NULL,
 *     updated TEXT NOT NULL);
 *   CREATE TABLE tags (document_id TEXT NOT NULL REFERENCES documents (id)
 *     ON DELETE CASCADE, kind TEXT NOT NULL, text TEXT NOT NULL,
 *     normalized TEXT, score REAL, position INTEGER NOT NULL);
 *   CREATE INDEX tags_kind_normalized ON tags (kind, normalized);
 *   CREATE INDEX tags_document ON tags (document_id);
 *
 * Version 2 (SCHEMA_V2 below) adds documents.duplicate_of, tags.speaker and
 * the FTS5 index documents_fts over title, text and summary: an external
 * content table keyed by the documents' rowid, kept in step by triggers, so
 * that an update of a row (the sink's upsert, or a user's own UPDATE)
 * replaces its index entry rather than adding one.
 */
#include "nf-sqlite-private.h"

#include <errno.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

/* Both versions' tables; version 2 adds the columns marked (v2). */
#define SCHEMA_V2 \
  "CREATE TABLE documents (" \
  "  id TEXT PRIMARY KEY," \
  "  uri TEXT, canonical_uri TEXT, title TEXT," \
  "  authors TEXT," /* a JSON array of strings */ \
  "  published TEXT, modified TEXT, language TEXT, site_name TEXT," \
  "  description TEXT, image TEXT, text TEXT," \
  "  summary TEXT," /* the summary sentences joined by a space */ \
  "  error_domain TEXT, error_code, error_message TEXT," \
  "  record TEXT NOT NULL," /* the whole JSON record */ \
  "  updated TEXT NOT NULL," /* when the row was written, ISO 8601 UTC */ \
  "  duplicate_of TEXT" /* (v2) */ \
  ");" \
  "CREATE TABLE tags (" \
  "  document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE," \
  "  kind TEXT NOT NULL, text TEXT NOT NULL, normalized TEXT, score REAL," \
  "  position INTEGER NOT NULL," /* the tag's index in the record's tags */ \
  "  speaker TEXT" /* (v2) */ \
  ");" \
  "CREATE INDEX tags_kind_normalized ON tags (kind, normalized);" \
  "CREATE INDEX tags_document ON tags (document_id);"

/* The full-text index of version 2 and the triggers that keep it in step. */
#define FTS_V2 \
  "CREATE VIRTUAL TABLE documents_fts USING fts5 (" \
  "  title, text, summary, content='documents', content_rowid='rowid');" \
  "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN" \
  "  INSERT INTO documents_fts (rowid, title, text, summary)" \
  "    VALUES (new.rowid, new.title, new.text, new.summary);" \
  "END;" \
  "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN" \
  "  INSERT INTO documents_fts (documents_fts, rowid, title, text, summary)" \
  "    VALUES ('delete', old.rowid, old.title, old.text, old.summary);" \
  "END;" \
  "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text, summary ON documents BEGIN" \
  "  INSERT INTO documents_fts (documents_fts, rowid, title, text, summary)" \
  "    VALUES ('delete', old.rowid, old.title, old.text, old.summary);" \
  "  INSERT INTO documents_fts (rowid, title, text, summary)" \
  "    VALUES (new.rowid, new.title, new.text, new.summary);" \
  "END;"

/* Version 1 → 2: the new columns (filled from the records, which already
 * carried them), then the index, built from the rows. */
#define MIGRATE_1_TO_2 \
  "ALTER TABLE documents ADD COLUMN duplicate_of TEXT;" \
  "ALTER TABLE tags ADD COLUMN speaker TEXT;" \
  "UPDATE documents SET duplicate_of = json_extract (record, '$.duplicate_of')" \
  "  WHERE json_valid (record);" \
  "UPDATE tags SET speaker = (SELECT json_extract (d.record, '$.tags[' || tags.position || '].speaker')" \
  "  FROM documents AS d WHERE d.id = tags.document_id AND json_valid (d.record));" \
  FTS_V2 \
  "INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');"

/* Sets @error to "WHAT LOCATION: SQLite's message" (with the system's word
 * on the failure when SQLite has one, as for "unable to open"). */
void
nf_sqlite_db_set_error (GError     **error,
                        int          code,
                        sqlite3     *db,
                        const char  *location,
                        const char  *what)
{
  const char *message = db != NULL ? sqlite3_errmsg (db) : "out of memory";
  int system_errno = db != NULL ? sqlite3_system_errno (db) : 0;
  int result = db != NULL ? sqlite3_extended_errcode (db) : SQLITE_NOMEM;

  if (system_errno != 0 && (result & 0xff) == SQLITE_CANTOPEN)
    g_set_error (error, NF_ELEMENT_ERROR, code, "%s %s: %s (%s)",
                 what, location, message, g_strerror (system_errno));
  else
    g_set_error (error, NF_ELEMENT_ERROR, code, "%s %s: %s", what, location, message);
}

/* Runs @sql (one or more statements) and turns a failure into @error. */
gboolean
nf_sqlite_db_exec (sqlite3     *db,
                   const char  *location,
                   const char  *sql,
                   GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  nf_sqlite_db_set_error (error, NF_ELEMENT_ERROR_WRITE, db, location, "could not write to");
  return FALSE;
}

/* Prepares one statement meant to live as long as the connection. */
sqlite3_stmt *
nf_sqlite_db_prepare (sqlite3     *db,
                      const char  *location,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      nf_sqlite_db_set_error (error, NF_ELEMENT_ERROR_FORMAT, db, location,
                              "unexpected layout of");
      return NULL;
    }
  return stmt;
}

/* Closes @db; the caller finalized its statements. */
void
nf_sqlite_db_close (sqlite3 *db)
{
  if (db != NULL)
    sqlite3_close_v2 (db);
}

/* SQLite wants a regular file beside which it can keep its -wal and -shm
 * files; anything else (a device such as /dev/full, a directory, a path
 * through a regular file) is refused here with the system's reason, before
 * SQLite turns it into a vaguer "unable to open database file". */
static gboolean
check_location (const char  *location,
                gboolean     may_create,
                GError     **error)
{
  GStatBuf st;

  if (location == NULL || *location == '\0')
    {
      g_set_error_literal (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                           "no database location set (location=FILE)");
      return FALSE;
    }

  if (g_stat (location, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT && may_create)
        return TRUE;
      g_set_error (error, NF_ELEMENT_ERROR,
                   saved_errno == ENOENT ? NF_ELEMENT_ERROR_NOT_FOUND
                                         : may_create ? NF_ELEMENT_ERROR_OPEN_WRITE
                                                      : NF_ELEMENT_ERROR_OPEN_READ,
                   "could not open database %s: %s", location, g_strerror (saved_errno));
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, NF_ELEMENT_ERROR,
                   may_create ? NF_ELEMENT_ERROR_OPEN_WRITE : NF_ELEMENT_ERROR_OPEN_READ,
                   "could not open database %s: not a regular file (SQLite keeps its "
                   "database in a regular file, with -wal and -shm files beside it)",
                   location);
      return FALSE;
    }
  return TRUE;
}

/* Reads an integer PRAGMA (user_version). On a file that is not a database
 * this is where SQLite first reads it and says so. */
static gboolean
read_user_version (sqlite3     *db,
                   const char  *location,
                   int         *version,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if ((rc & 0xff) == SQLITE_NOTADB)
    g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
                 "%s is not an SQLite database (%s)", location, sqlite3_errmsg (db));
  else
    nf_sqlite_db_set_error (error, NF_ELEMENT_ERROR_READ, db, location, "could not read");
  return FALSE;
}

/* Whether the database has a table called @name. */
static gboolean
has_table (sqlite3    *db,
           const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return found;
}

/* A version newer than NF_SQLITE_SCHEMA_VERSION, which this code cannot
 * handle. */
static gboolean
check_version_not_newer (const char  *location,
                         int          version,
                         GError     **error)
{
  if (version > NF_SQLITE_SCHEMA_VERSION)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
                   "%s has schema version %d, newer than this libnewsfilter knows "
                   "(%d): use a newer libnewsfilter", location, version,
                   NF_SQLITE_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* A version this code cannot handle: newer than NF_SQLITE_SCHEMA_VERSION,
 * or 0 with a documents table of someone else's making. Read the version
 * and the tables in one transaction: between two reads outside one,
 * another worker may create the schema and the pair would look foreign. */
static gboolean
check_version_known (sqlite3     *db,
                     const char  *location,
                     int          version,
                     GError     **error)
{
  if (!check_version_not_newer (location, version, error))
    return FALSE;
  if (version <= 0 && has_table (db, "documents"))
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
                   "%s has a documents table that libnewsfilter did not create "
                   "(user_version is %d): use another file", location, version);
      return FALSE;
    }
  return TRUE;
}

/* Brings the schema to NF_SQLITE_SCHEMA_VERSION in one transaction. BEGIN
 * IMMEDIATE takes the write lock before the version is read, so that worker
 * processes opening a new file at once create the tables only once. */
static gboolean
ensure_schema (sqlite3     *db,
               const char  *location,
               GError     **error)
{
  g_autofree char *set_version = NULL;
  const char *steps = NULL;
  int version = 0;

  if (!read_user_version (db, location, &version, error)
      || !check_version_not_newer (location, version, error))
    return FALSE;
  if (version == NF_SQLITE_SCHEMA_VERSION)
    return TRUE;

  if (!nf_sqlite_db_exec (db, location, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* Another process may have got there while this one waited. */
  if (!read_user_version (db, location, &version, error)
      || !check_version_known (db, location, version, error))
    goto rollback;

  if (version <= 0)
    steps = SCHEMA_V2 FTS_V2;
  else if (version == 1)
    steps = MIGRATE_1_TO_2;

  set_version = g_strdup_printf ("PRAGMA user_version = %d", NF_SQLITE_SCHEMA_VERSION);
  if (steps != NULL
      && (!nf_sqlite_db_exec (db, location, steps, error)
          || !nf_sqlite_db_exec (db, location, set_version, error)))
    goto rollback;

  return nf_sqlite_db_exec (db, location, "COMMIT", error);

rollback:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Opens @location with SQLite's own reports of the failure. */
static sqlite3 *
open_connection (const char  *location,
                 int          flags,
                 guint        busy_timeout_ms,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (location, &db, flags, NULL);

  if (rc != SQLITE_OK)
    {
      nf_sqlite_db_set_error (error,
                              (flags & SQLITE_OPEN_READWRITE) ? NF_ELEMENT_ERROR_OPEN_WRITE
                                                              : NF_ELEMENT_ERROR_OPEN_READ,
                              db, location, "could not open database");
      nf_sqlite_db_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, (int) MIN (busy_timeout_ms, (guint) G_MAXINT));
  return db;
}

/* Puts the database in WAL mode. Changing the journal mode needs the file
 * to itself, and SQLite reports "database is locked" at once rather than
 * wait while another connection holds it (workers opening a new file
 * together): so it is tried again, for up to @busy_timeout_ms. */
static gboolean
set_wal_mode (sqlite3     *db,
              const char  *location,
              guint        busy_timeout_ms,
              GError     **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) busy_timeout_ms * 1000;
  int rc;

  while ((rc = sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL)) != SQLITE_OK)
    {
      if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
        break;
      if (g_get_monotonic_time () >= deadline)
        break;
      g_usleep (5 * 1000);
    }
  if (rc == SQLITE_OK)
    return TRUE;
  nf_sqlite_db_set_error (error, NF_ELEMENT_ERROR_WRITE, db, location,
                          "could not switch to write-ahead logging in");
  return FALSE;
}

/* Opens (creating it when missing) the database at @location for writing:
 * WAL mode, so readers and the has_document() connection never wait for
 * the writer; foreign keys on, so that a document's tags go with it; the
 * schema created or migrated to NF_SQLITE_SCHEMA_VERSION. */
sqlite3 *
nf_sqlite_db_open_write (const char  *location,
                         guint        busy_timeout_ms,
                         GError     **error)
{
  sqlite3 *db;
  int version = 0;

  if (!check_location (location, TRUE, error))
    return NULL;
  db = open_connection (location, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        busy_timeout_ms, error);
  if (db == NULL)
    return NULL;

  /* First read first: a file that is not a database is named as such (the
   * rest of the check waits for ensure_schema()'s write lock) */
  if (!read_user_version (db, location, &version, error)
      || !check_version_not_newer (location, version, error)
      || !set_wal_mode (db, location, busy_timeout_ms, error)
      || !nf_sqlite_db_exec (db, location,
                             "PRAGMA synchronous = NORMAL;"
                             "PRAGMA foreign_keys = ON;", error)
      || !ensure_schema (db, location, error))
    {
      nf_sqlite_db_close (db);
      return NULL;
    }
  return db;
}

/* Opens the database at @location read-only and reports its schema
 * version in @version (1 or 2; older layouts lack the FTS index). */
sqlite3 *
nf_sqlite_db_open_read (const char  *location,
                        guint        busy_timeout_ms,
                        int         *version,
                        GError     **error)
{
  sqlite3 *db;
  gboolean ok;

  if (!check_location (location, FALSE, error))
    return NULL;
  db = open_connection (location, SQLITE_OPEN_READONLY, busy_timeout_ms, error);
  if (db == NULL)
    return NULL;

  /* one read transaction: the version and the tables from one snapshot */
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  ok = read_user_version (db, location, version, error)
       && check_version_known (db, location, *version, error);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (!ok)
    {
      nf_sqlite_db_close (db);
      return NULL;
    }
  if (*version <= 0)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
                   "%s holds no documents: sqlitesink has not written to it", location);
      nf_sqlite_db_close (db);
      return NULL;
    }
  return db;
}
