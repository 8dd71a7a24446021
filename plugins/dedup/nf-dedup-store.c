/* nf-dedup-store.c: the documents dedup remembers, in an SQLite file shared
 * by runs and workers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One table of our own, `dedup_seen`, in a file that may also hold
 * sqlitesink's tables:
 *
 *   seq INTEGER PRIMARY KEY   the order rows were written in
 *   id TEXT UNIQUE            the first copy's document id
 *   url_hash, text_hash, simhash INTEGER   the keys (NULL when absent),
 *                             64-bit values stored as signed integers
 *   band0 … band3 INTEGER     the fingerprint's 16-bit bands, indexed, so
 *                             near-duplicates are found without a scan
 *
 * Look-ups read the committed rows (WAL: readers never wait for a
 * writer). New rows are kept in memory and written in batches, trying
 * without waiting while documents flow — another writer of the file, such
 * as sqlitesink with its open batch, must never stall the pipeline — and
 * waiting for the lock at the end. The table keeps about the newest
 * `memory` rows: older ones are deleted as new ones are written.
 */
#include "nf-dedup-private.h"

#include <sqlite3.h>
#include <string.h>

#define BUSY_TIMEOUT_MS 30000

typedef struct
{
  NfDedupKeys keys;
  char       *id;
} PendingRow;

struct _NfDedupStore
{
  sqlite3      *db;
  char         *path;
  guint         keep;
  sqlite3_stmt *lookup;
  sqlite3_stmt *insert;
  sqlite3_stmt *trim;
  GArray       *pending;    /* PendingRow, not yet written */
};

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS dedup_seen ("
  "  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
  "  url_hash INTEGER, text_hash INTEGER, simhash INTEGER,"
  "  band0 INTEGER, band1 INTEGER, band2 INTEGER, band3 INTEGER);"
  "CREATE INDEX IF NOT EXISTS dedup_seen_url ON dedup_seen (url_hash);"
  "CREATE INDEX IF NOT EXISTS dedup_seen_text ON dedup_seen (text_hash);"
  "CREATE INDEX IF NOT EXISTS dedup_seen_band0 ON dedup_seen (band0);"
  "CREATE INDEX IF NOT EXISTS dedup_seen_band1 ON dedup_seen (band1);"
  "CREATE INDEX IF NOT EXISTS dedup_seen_band2 ON dedup_seen (band2);"
  "CREATE INDEX IF NOT EXISTS dedup_seen_band3 ON dedup_seen (band3);";

/* Sets @error from the database's last error, naming the file and @what. */
static gboolean
store_error (NfDedupStore  *store,
             GError       **error,
             const char    *what)
{
  g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_WRITE,
               "dedup database %s: %s: %s", store->path, what, sqlite3_errmsg (store->db));
  return FALSE;
}

/* Frees what a queued row holds. */
static void
pending_row_clear (gpointer data)
{
  g_free (((PendingRow *) data)->id);
}

/* Closes the database; queued rows not flushed are lost. */
void
nf_dedup_store_close (NfDedupStore *store)
{
  sqlite3_finalize (store->lookup);
  sqlite3_finalize (store->insert);
  sqlite3_finalize (store->trim);
  sqlite3_close (store->db);
  g_array_unref (store->pending);
  g_free (store->path);
  g_free (store);
}

/* nf_dedup_store_open:
 * Opens (creating it if missing) the database at @path in WAL mode with a
 * busy timeout, with the table and its indexes; @keep is how many rows it
 * holds at most. */
NfDedupStore *
nf_dedup_store_open (const char  *path,
                     guint        keep,
                     GError     **error)
{
  g_autoptr(NfDedupStore) store = g_new0 (NfDedupStore, 1);
  int rc;

  store->path = g_strdup (path);
  store->keep = keep;
  store->pending = g_array_new (FALSE, FALSE, sizeof (PendingRow));
  g_array_set_clear_func (store->pending, pending_row_clear);
  rc = sqlite3_open_v2 (path, &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_OPEN_WRITE,
                   "dedup database %s: cannot open: %s", path,
                   store->db != NULL ? sqlite3_errmsg (store->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_busy_timeout (store->db, BUSY_TIMEOUT_MS);
  if (sqlite3_exec (store->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                    NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (store->db, schema, NULL, NULL, NULL) != SQLITE_OK)
    {
      store_error (store, error, "cannot create the table dedup_seen");
      if (error != NULL && *error != NULL)
        (*error)->code = NF_ELEMENT_ERROR_OPEN_WRITE;
      return NULL;
    }
  if (sqlite3_prepare_v2 (store->db,
        "SELECT seq, id, url_hash, text_hash, simhash FROM dedup_seen"
        " WHERE url_hash = ?1 OR text_hash = ?2"
        " OR band0 = ?3 OR band1 = ?4 OR band2 = ?5 OR band3 = ?6",
        -1, &store->lookup, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (store->db,
        "INSERT OR IGNORE INTO dedup_seen"
        " (id, url_hash, text_hash, simhash, band0, band1, band2, band3)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        -1, &store->insert, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (store->db,
        "DELETE FROM dedup_seen WHERE seq <= (SELECT MAX(seq) FROM dedup_seen) - ?1",
        -1, &store->trim, NULL) != SQLITE_OK)
    {
      store_error (store, error, "cannot prepare statements");
      return NULL;
    }
  return g_steal_pointer (&store);
}

/* Reads the keys of the row @stmt is on, from column @first on. */
static void
read_keys (sqlite3_stmt *stmt,
           int           first,
           NfDedupKeys  *keys)
{
  memset (keys, 0, sizeof *keys);
  if (sqlite3_column_type (stmt, first) != SQLITE_NULL)
    {
      keys->url_hash = (guint64) sqlite3_column_int64 (stmt, first);
      keys->has |= NF_DEDUP_HAS_URL;
    }
  if (sqlite3_column_type (stmt, first + 1) != SQLITE_NULL)
    {
      keys->text_hash = (guint64) sqlite3_column_int64 (stmt, first + 1);
      keys->has |= NF_DEDUP_HAS_TEXT;
    }
  if (sqlite3_column_type (stmt, first + 2) != SQLITE_NULL)
    {
      keys->simhash = (guint64) sqlite3_column_int64 (stmt, first + 2);
      keys->has |= NF_DEDUP_HAS_SIMHASH;
    }
}

/* Fills @index with the newest rows, oldest first, as many as it keeps. */
gboolean
nf_dedup_store_load (NfDedupStore  *store,
                     NfDedupIndex  *index,
                     GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (store->db,
        "SELECT id, url_hash, text_hash, simhash FROM"
        " (SELECT * FROM dedup_seen ORDER BY seq DESC LIMIT ?1) ORDER BY seq",
        -1, &stmt, NULL) != SQLITE_OK)
    return store_error (store, error, "cannot read dedup_seen");
  sqlite3_bind_int64 (stmt, 1, store->keep);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NfDedupKeys keys;

      read_keys (stmt, 1, &keys);
      nf_dedup_index_add (index, &keys, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return store_error (store, error, "cannot read dedup_seen");
  return TRUE;
}

/* Binds @value at @column, or NULL when @present is FALSE. */
static void
bind_key (sqlite3_stmt *stmt,
          int           column,
          gboolean      present,
          guint64       value)
{
  if (present)
    sqlite3_bind_int64 (stmt, column, (sqlite3_int64) value);
  else
    sqlite3_bind_null (stmt, column);
}

/* nf_dedup_store_lookup:
 * Finds, among the rows written so far by any run or worker, the one
 * @keys repeat best, leaving out @self_id. The bands find near-duplicates
 * up to distance 3 (above it, only those sharing a band). Returns FALSE
 * with @error on a database failure; @match's reason is NONE when nothing
 * matched. */
gboolean
nf_dedup_store_lookup (NfDedupStore      *store,
                       const NfDedupKeys *keys,
                       const char        *self_id,
                       guint              threshold,
                       NfDedupMatch      *match,
                       GError           **error)
{
  gboolean has_simhash = (keys->has & NF_DEDUP_HAS_SIMHASH) != 0;
  sqlite3_stmt *stmt = store->lookup;
  int rc;

  memset (match, 0, sizeof *match);
  sqlite3_reset (stmt);
  bind_key (stmt, 1, (keys->has & NF_DEDUP_HAS_URL) != 0, keys->url_hash);
  bind_key (stmt, 2, (keys->has & NF_DEDUP_HAS_TEXT) != 0, keys->text_hash);
  for (guint b = 0; b < NF_DEDUP_BANDS; b++)
    bind_key (stmt, 3 + b, has_simhash, nf_dedup_band (keys->simhash, b));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NfDedupKeys seen;
      NfDedupMatch candidate = { NF_DEDUP_REASON_NONE, 0, 0, NULL };
      const char *id = (const char *) sqlite3_column_text (stmt, 1);

      read_keys (stmt, 2, &seen);
      candidate.order = (guint64) sqlite3_column_int64 (stmt, 0);
      candidate.reason = nf_dedup_compare (keys, &seen, threshold, &candidate.distance);
      if (candidate.reason == NF_DEDUP_REASON_NONE || g_strcmp0 (id, self_id) == 0)
        continue;
      if (nf_dedup_match_better (&candidate, match))
        {
          g_free (match->id);
          candidate.id = g_strdup (id);
          *match = candidate;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nf_dedup_match_clear (match);
      return store_error (store, error, "cannot look up dedup_seen");
    }
  return TRUE;
}

/* Queues a row for the next flush. */
gboolean
nf_dedup_store_add (NfDedupStore      *store,
                    const NfDedupKeys *keys,
                    const char        *id,
                    GError           **error)
{
  PendingRow row = { *keys, g_strdup (id) };

  g_array_append_val (store->pending, row);
  return TRUE;
}

/* Inserts one queued row, unless its id is there already. */
static gboolean
insert_row (NfDedupStore     *store,
            const PendingRow *row)
{
  sqlite3_stmt *stmt = store->insert;
  gboolean has_simhash = (row->keys.has & NF_DEDUP_HAS_SIMHASH) != 0;
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, row->id, -1, SQLITE_STATIC);
  bind_key (stmt, 2, (row->keys.has & NF_DEDUP_HAS_URL) != 0, row->keys.url_hash);
  bind_key (stmt, 3, (row->keys.has & NF_DEDUP_HAS_TEXT) != 0, row->keys.text_hash);
  bind_key (stmt, 4, has_simhash, row->keys.simhash);
  for (guint b = 0; b < NF_DEDUP_BANDS; b++)
    bind_key (stmt, 5 + b, has_simhash, nf_dedup_band (row->keys.simhash, b));
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* Deletes the rows older than the newest `keep`. */
static gboolean
trim_rows (NfDedupStore *store)
{
  int rc;

  sqlite3_reset (store->trim);
  sqlite3_bind_int64 (store->trim, 1, store->keep);
  rc = sqlite3_step (store->trim);
  sqlite3_reset (store->trim);
  return rc == SQLITE_DONE;
}

/* nf_dedup_store_flush:
 * Writes the queued rows in one transaction. Unless @wait, gives up at
 * once (keeping them queued, returning TRUE) when another connection
 * holds the write lock. */
gboolean
nf_dedup_store_flush (NfDedupStore  *store,
                      gboolean       wait,
                      GError       **error)
{
  int rc;

  if (store->pending->len == 0)
    return TRUE;
  sqlite3_busy_timeout (store->db, wait ? BUSY_TIMEOUT_MS : 0);
  rc = sqlite3_exec (store->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  sqlite3_busy_timeout (store->db, BUSY_TIMEOUT_MS);
  if (rc == SQLITE_BUSY && !wait)
    return TRUE;
  if (rc != SQLITE_OK)
    return store_error (store, error, "cannot begin a transaction");

  for (guint i = 0; i < store->pending->len; i++)
    if (!insert_row (store, &g_array_index (store->pending, PendingRow, i)))
      goto failed;
  if (!trim_rows (store))
    goto failed;
  if (sqlite3_exec (store->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    goto failed;
  g_array_set_size (store->pending, 0);
  return TRUE;

failed:
  store_error (store, error, "cannot write dedup_seen");
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
