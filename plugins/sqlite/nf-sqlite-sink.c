/* nf-sqlite-sink.c: stores documents, tags and a full-text index in SQLite
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfSqliteSink:
 *
 * `sqlitesink` stores every document that reaches it, failed ones included,
 * in one SQLite database file: a row of `documents` per id (with the whole
 * JSON record), its tags in `tags`, and an FTS5 index on title, text and
 * summary (`documents_fts`). A document whose id is already stored replaces
 * its row and its tags, so re-running a pipeline duplicates nothing.
 *
 * ```
 * nf-launch filesrc location=articles/ ! clean ! summarize ! tag ! sqlitesink location=news.db
 * ```
 *
 * Documents are written in transactions of a few hundred, committed when the
 * pipeline asks (#NfSinkClass.commit) and when the element stops; the
 * database is in WAL mode, so it can be read while a pipeline writes, and
 * several processes can write one file (each waits up to
 * [property@NfSqliteSink:busy-timeout] for the others). With
 * [property@NfSqliteSink:skip-existing], documents already stored without an
 * error skip the whole pipeline, so an interrupted run resumes where it
 * stopped. A write failure (a full disk, a full database) stops the pipeline
 * with an ERROR naming the file; what was committed before stays.
 */
#include "nf-sqlite-private.h"

#define DEFAULT_BUSY_TIMEOUT 5000

#define UPSERT_DOCUMENT \
  "INSERT INTO documents (id, uri, canonical_uri, title, authors, published, modified," \
  "  language, site_name, description, image, text, summary, duplicate_of," \
  "  error_domain, error_code, error_message, record, updated)" \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)" \
  " ON CONFLICT (id) DO UPDATE SET uri = excluded.uri, canonical_uri = excluded.canonical_uri," \
  "  title = excluded.title, authors = excluded.authors, published = excluded.published," \
  "  modified = excluded.modified, language = excluded.language," \
  "  site_name = excluded.site_name, description = excluded.description," \
  "  image = excluded.image, text = excluded.text, summary = excluded.summary," \
  "  duplicate_of = excluded.duplicate_of, error_domain = excluded.error_domain," \
  "  error_code = excluded.error_code, error_message = excluded.error_message," \
  "  record = excluded.record, updated = excluded.updated"

#define DELETE_TAGS "DELETE FROM tags WHERE document_id = ?1"

#define INSERT_TAG \
  "INSERT INTO tags (document_id, kind, text, normalized, score, speaker, position)" \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"

/* Stored and not failed: failed documents are tried again on a re-run. */
#define HAS_DOCUMENT \
  "SELECT 1 FROM documents WHERE id = ?1 AND error_domain IS NULL AND error_message IS NULL"

struct _NfSqliteSink
{
  NfSink        parent_instance;

  char         *location;
  gboolean      skip_existing;
  guint         busy_timeout;
  guint         max_pages;

  sqlite3      *db;              /* the writing connection */
  sqlite3_stmt *upsert;
  sqlite3_stmt *delete_tags;
  sqlite3_stmt *insert_tag;
  gboolean      in_transaction;
  char         *broken;          /* why the open transaction was lost, if it was */

  GMutex        reader_lock;     /* has_document() runs on the source thread */
  sqlite3      *reader;          /* a second connection, for has_document() */
  sqlite3_stmt *has_document;
};

enum {
  PROP_0,
  PROP_LOCATION,
  PROP_SKIP_EXISTING,
  PROP_BUSY_TIMEOUT,
  PROP_MAX_PAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NfSqliteSink, nf_sqlite_sink, NF_TYPE_SINK)

/* ---- Binding a document ---- */

/* Binds a string, or NULL when the value is absent. The caller keeps
 * @value alive until the statement is reset. */
static void
bind_string (sqlite3_stmt *stmt,
             int           index,
             const char   *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

/* The summary sentences joined by a space, or NULL without a summary. */
static char *
join_summary (NfDocument *document)
{
  GPtrArray *summary = nf_document_get_summary (document);
  GString *out;

  if (summary == NULL || summary->len == 0)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < summary->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, nf_sentence_get_text (g_ptr_array_index (summary, i)));
    }
  return g_string_free (out, FALSE);
}

/* The time of writing, in the form the records use. */
static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* The record's error code, a nick or a number, bound as it is. */
static void
bind_error_code (sqlite3_stmt *stmt,
                 int           index,
                 JsonObject   *error)
{
  JsonNode *code = error != NULL ? json_object_get_member (error, "code") : NULL;

  if (code == NULL || JSON_NODE_TYPE (code) != JSON_NODE_VALUE)
    sqlite3_bind_null (stmt, index);
  else if (json_node_get_value_type (code) == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, index, json_node_get_int (code));
  else
    bind_string (stmt, index, json_node_get_string (code));
}

/* Writes the documents row of @document (insert, or update in place, which
 * keeps its rowid and so its one FTS entry). */
static int
upsert_document (NfSqliteSink *self,
                 NfDocument   *document)
{
  sqlite3_stmt *stmt = self->upsert;
  g_autoptr(JsonNode) node = nf_document_to_json (document, FALSE);
  JsonObject *record = json_node_get_object (node);
  JsonObject *error = json_object_has_member (record, "error")
                      ? json_object_get_object_member (record, "error") : NULL;
  JsonNode *authors = json_object_get_member (record, "authors");
  g_autofree char *record_text = json_to_string (node, FALSE);
  g_autofree char *authors_text = authors != NULL ? json_to_string (authors, FALSE) : NULL;
  g_autofree char *summary = join_summary (document);
  g_autofree char *updated = now_iso8601 ();
  int rc;

  bind_string (stmt, 1, nf_document_get_id (document));
  bind_string (stmt, 2, nf_document_get_uri (document));
  bind_string (stmt, 3, nf_document_get_canonical_uri (document));
  bind_string (stmt, 4, nf_document_get_title (document));
  bind_string (stmt, 5, authors_text);
  bind_string (stmt, 6, nf_document_get_published (document));
  bind_string (stmt, 7, nf_document_get_modified (document));
  bind_string (stmt, 8, nf_document_get_language (document));
  bind_string (stmt, 9, nf_document_get_site_name (document));
  bind_string (stmt, 10, nf_document_get_description (document));
  bind_string (stmt, 11, nf_document_get_image (document));
  bind_string (stmt, 12, nf_document_get_text (document));
  bind_string (stmt, 13, summary);
  bind_string (stmt, 14, nf_document_get_duplicate_of (document));
  bind_string (stmt, 15, error != NULL ? json_object_get_string_member_with_default (error, "domain", NULL) : NULL);
  bind_error_code (stmt, 16, error);
  bind_string (stmt, 17, error != NULL ? json_object_get_string_member_with_default (error, "message", NULL) : NULL);
  bind_string (stmt, 18, record_text);
  bind_string (stmt, 19, updated);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Replaces the tags of @document: the old ones go, the current ones come in
 * the record's order (position). */
static int
replace_tags (NfSqliteSink *self,
              NfDocument   *document)
{
  const char *id = nf_document_get_id (document);
  GPtrArray *tags = nf_document_get_tags (document);
  int rc;

  sqlite3_bind_text (self->delete_tags, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (self->delete_tags);
  sqlite3_reset (self->delete_tags);
  if (rc != SQLITE_DONE)
    return rc;

  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      NfTag *tag = g_ptr_array_index (tags, i);
      sqlite3_stmt *stmt = self->insert_tag;

      bind_string (stmt, 1, id);
      bind_string (stmt, 2, nf_tag_get_kind (tag));
      bind_string (stmt, 3, nf_tag_get_text (tag) != NULL ? nf_tag_get_text (tag) : "");
      bind_string (stmt, 4, nf_tag_get_normalized (tag));
      if (nf_tag_has_score (tag))
        sqlite3_bind_double (stmt, 5, nf_tag_get_score (tag));
      else
        sqlite3_bind_null (stmt, 5);
      bind_string (stmt, 6, nf_tag_get_speaker (tag));
      sqlite3_bind_int (stmt, 7, (int) i);

      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return rc;
    }
  return SQLITE_OK;
}

/* ---- Transactions ---- */

/* After a failed write SQLite may or may not have rolled the transaction
 * back by itself; roll back what is left, and remember that the documents
 * rendered since the last commit are lost, so that commit() cannot report
 * them done. */
static void
abandon_transaction (NfSqliteSink *self,
                     const char   *why)
{
  /* copied first: the ROLLBACK replaces SQLite's message */
  g_autofree char *reason = g_strdup (why);

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
  if (self->broken == NULL)
    self->broken = g_steal_pointer (&reason);
}

/* The error for documents rendered into a transaction that was lost. */
static gboolean
set_broken_error (NfSqliteSink  *self,
                  GError       **error)
{
  g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_WRITE,
               "documents since the last commit to %s were rolled back after a failed write (%s)",
               self->location, self->broken);
  return FALSE;
}

/* Opens the batch's transaction. IMMEDIATE takes the write lock now (or
 * waits busy-timeout for it), not half way through a document. */
static gboolean
begin_batch (NfSqliteSink  *self,
             GError       **error)
{
  if (self->in_transaction)
    return TRUE;
  if (sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      nf_sqlite_db_set_error (error, NF_ELEMENT_ERROR_WRITE, self->db, self->location,
                              "could not start a transaction in");
      return FALSE;
    }
  self->in_transaction = TRUE;
  return TRUE;
}

static gboolean
nf_sqlite_sink_render (NfSink      *sink,
                       NfDocument  *document,
                       GError     **error)
{
  NfSqliteSink *self = NF_SQLITE_SINK (sink);
  int rc;

  if (self->broken != NULL)
    return set_broken_error (self, error);
  if (!begin_batch (self, error))
    return FALSE;

  rc = upsert_document (self, document);
  if (rc == SQLITE_OK)
    rc = replace_tags (self, document);
  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf ("could not write document “%s” to",
                                               nf_document_get_id (document));

      nf_sqlite_db_set_error (error, NF_ELEMENT_ERROR_WRITE, self->db, self->location, what);
      abandon_transaction (self, sqlite3_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}

static gboolean
nf_sqlite_sink_commit (NfSink  *sink,
                       GError **error)
{
  NfSqliteSink *self = NF_SQLITE_SINK (sink);

  if (self->broken != NULL)
    return set_broken_error (self, error);
  if (!self->in_transaction)
    return TRUE;

  if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      nf_sqlite_db_set_error (error, NF_ELEMENT_ERROR_WRITE, self->db, self->location,
                              "could not commit documents to");
      abandon_transaction (self, sqlite3_errmsg (self->db));
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

/* ---- Resumable runs ---- */

static gboolean
nf_sqlite_sink_has_document (NfSink     *sink,
                             const char *id)
{
  NfSqliteSink *self = NF_SQLITE_SINK (sink);
  gboolean found;

  if (!self->skip_existing || id == NULL)
    return FALSE;

  g_mutex_lock (&self->reader_lock);
  if (self->has_document == NULL)
    {
      g_mutex_unlock (&self->reader_lock);
      return FALSE;
    }
  sqlite3_bind_text (self->has_document, 1, id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (self->has_document) == SQLITE_ROW;
  /* Reset at once: a statement left open would pin its WAL snapshot. */
  sqlite3_reset (self->has_document);
  sqlite3_clear_bindings (self->has_document);
  g_mutex_unlock (&self->reader_lock);
  return found;
}

/* ---- Start and stop ---- */

static void
close_all (NfSqliteSink *self)
{
  g_clear_pointer (&self->upsert, sqlite3_finalize);
  g_clear_pointer (&self->delete_tags, sqlite3_finalize);
  g_clear_pointer (&self->insert_tag, sqlite3_finalize);
  g_clear_pointer (&self->db, nf_sqlite_db_close);

  g_mutex_lock (&self->reader_lock);
  g_clear_pointer (&self->has_document, sqlite3_finalize);
  g_clear_pointer (&self->reader, nf_sqlite_db_close);
  g_mutex_unlock (&self->reader_lock);

  self->in_transaction = FALSE;
}

/* The database's size limit in pages (max-pages), when one is set. */
static gboolean
apply_max_pages (NfSqliteSink  *self,
                 GError       **error)
{
  g_autofree char *sql = NULL;

  if (self->max_pages == 0)
    return TRUE;
  sql = g_strdup_printf ("PRAGMA max_page_count = %u", self->max_pages);
  return nf_sqlite_db_exec (self->db, self->location, sql, error);
}

/* The second connection has_document() reads through, so that it never
 * waits for (or sees the uncommitted rows of) the writing one. */
static gboolean
open_reader (NfSqliteSink  *self,
             GError       **error)
{
  int version = 0;

  if (!self->skip_existing)
    return TRUE;
  self->reader = nf_sqlite_db_open_read (self->location, self->busy_timeout, &version, error);
  if (self->reader == NULL)
    return FALSE;
  self->has_document = nf_sqlite_db_prepare (self->reader, self->location, HAS_DOCUMENT, error);
  return self->has_document != NULL;
}

static gboolean
nf_sqlite_sink_start (NfElement  *element,
                      GError    **error)
{
  NfSqliteSink *self = NF_SQLITE_SINK (element);

  g_clear_pointer (&self->broken, g_free);
  self->db = nf_sqlite_db_open_write (self->location, self->busy_timeout, error);
  if (self->db == NULL
      || !apply_max_pages (self, error)
      || (self->upsert = nf_sqlite_db_prepare (self->db, self->location, UPSERT_DOCUMENT, error)) == NULL
      || (self->delete_tags = nf_sqlite_db_prepare (self->db, self->location, DELETE_TAGS, error)) == NULL
      || (self->insert_tag = nf_sqlite_db_prepare (self->db, self->location, INSERT_TAG, error)) == NULL
      || !open_reader (self, error))
    {
      close_all (self);
      return FALSE;
    }
  return TRUE;
}

/* Commits what the pipeline did not (a run stopped by another element),
 * or rolls back a transaction a failure left behind. */
static gboolean
nf_sqlite_sink_stop (NfElement  *element,
                     GError    **error)
{
  NfSqliteSink *self = NF_SQLITE_SINK (element);
  gboolean ok = TRUE;

  if (self->db != NULL && self->in_transaction && self->broken == NULL)
    ok = nf_sqlite_sink_commit (NF_SINK (self), error);
  else if (self->db != NULL && self->in_transaction)
    abandon_transaction (self, "stopped");
  close_all (self);
  return ok;
}

/* ---- GObject ---- */

static void
nf_sqlite_sink_finalize (GObject *object)
{
  NfSqliteSink *self = NF_SQLITE_SINK (object);

  close_all (self);
  g_mutex_clear (&self->reader_lock);
  g_free (self->location);
  g_free (self->broken);

  G_OBJECT_CLASS (nf_sqlite_sink_parent_class)->finalize (object);
}

static void
nf_sqlite_sink_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NfSqliteSink *self = NF_SQLITE_SINK (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;
    case PROP_SKIP_EXISTING:
      g_value_set_boolean (value, self->skip_existing);
      break;
    case PROP_BUSY_TIMEOUT:
      g_value_set_uint (value, self->busy_timeout);
      break;
    case PROP_MAX_PAGES:
      g_value_set_uint (value, self->max_pages);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_sqlite_sink_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  NfSqliteSink *self = NF_SQLITE_SINK (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      nf_property_update_string (object, &self->location, value, pspec);
      break;
    case PROP_SKIP_EXISTING:
      nf_property_update_boolean (object, &self->skip_existing, value, pspec);
      break;
    case PROP_BUSY_TIMEOUT:
      nf_property_update_uint (object, &self->busy_timeout, value, pspec);
      break;
    case PROP_MAX_PAGES:
      nf_property_update_uint (object, &self->max_pages, value, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_sqlite_sink_class_init (NfSqliteSinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfSinkClass *sink_class = NF_SINK_CLASS (klass);

  object_class->finalize = nf_sqlite_sink_finalize;
  object_class->get_property = nf_sqlite_sink_get_property;
  object_class->set_property = nf_sqlite_sink_set_property;
  element_class->start = nf_sqlite_sink_start;
  element_class->stop = nf_sqlite_sink_stop;
  sink_class->render = nf_sqlite_sink_render;
  sink_class->commit = nf_sqlite_sink_commit;
  sink_class->has_document = nf_sqlite_sink_has_document;

  /**
   * NfSqliteSink:location:
   *
   * The database file, created with its tables when missing. Required.
   */
  properties[PROP_LOCATION] =
    g_param_spec_string ("location", "Location",
                         "The SQLite database file to write (created when missing)",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfSqliteSink:skip-existing:
   *
   * Whether documents whose id is already stored without an error skip the
   * pipeline (they count as done), so that an interrupted run resumes
   * where it stopped. Failed documents are always tried again.
   */
  properties[PROP_SKIP_EXISTING] =
    g_param_spec_boolean ("skip-existing", "Skip existing",
                          "Skip documents already stored without an error (resume a run)",
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfSqliteSink:busy-timeout:
   *
   * How long, in milliseconds, to wait for another process writing the
   * same file before giving up with an error.
   */
  properties[PROP_BUSY_TIMEOUT] =
    g_param_spec_uint ("busy-timeout", "Busy timeout",
                       "Milliseconds to wait for other processes writing the same database",
                       0, G_MAXINT, DEFAULT_BUSY_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfSqliteSink:max-pages:
   *
   * A cap on the database's size in pages (`PRAGMA max_page_count`; a page
   * is usually 4 KiB), 0 for none. Writing past it fails as a full disk
   * would; it is meant for tests of that failure and for capping a store.
   */
  properties[PROP_MAX_PAGES] =
    g_param_spec_uint ("max-pages", "Maximum pages",
                       "Cap the database at this many pages, 0 for no cap (as a full disk would)",
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  nf_element_class_set_metadata (element_class,
                                 "SQLite sink",
                                 "Sink/Database",
                                 "Stores documents, their tags and a full-text index in an SQLite database",
                                 "libnewsfilter authors");
}

static void
nf_sqlite_sink_init (NfSqliteSink *self)
{
  self->busy_timeout = DEFAULT_BUSY_TIMEOUT;
  g_mutex_init (&self->reader_lock);
}
