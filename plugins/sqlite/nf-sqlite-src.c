/* nf-sqlite-src.c: reads stored documents back from an SQLite database
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfSqliteSrc:
 *
 * `sqlitesrc` reads the documents a `sqlitesink` stored, in the order they
 * were first stored (rowid order), each rebuilt from its JSON record, so that
 * a stored corpus can be tagged or summarized again:
 *
 * ```
 * nf-launch sqlitesrc location=news.db where="language = 'en'" ! tag ! sqlitesink location=news.db
 * nf-launch sqlitesrc location=news.db match="election NOT poll" limit=10 ! jsonsink
 * ```
 *
 * [property@NfSqliteSrc:where] is an SQL expression on the columns of the
 * `documents` table; [property@NfSqliteSrc:match] an FTS5 query on title,
 * text and summary. The database is opened read-only, and is read as it was
 * when the run started, whatever other processes write meanwhile.
 */
#include "nf-sqlite-private.h"

#include <string.h>

#define READ_BUSY_TIMEOUT 5000

struct _NfSqliteSrc
{
  NfSource      parent_instance;

  char         *location;
  char         *where;
  char         *match;
  guint         limit;

  sqlite3      *db;
  sqlite3_stmt *select;
};

enum {
  PROP_0,
  PROP_LOCATION,
  PROP_WHERE,
  PROP_MATCH,
  PROP_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NfSqliteSrc, nf_sqlite_src, NF_TYPE_SOURCE)

static gboolean
has_text (const char *value)
{
  return value != NULL && *value != '\0';
}

/* The query: the where expression on a line of its own (so that a trailing
 * `--` comment in it cannot hide the rest), the FTS match as a parameter. */
static char *
build_query (NfSqliteSrc *self)
{
  GString *sql = g_string_new ("SELECT id, record FROM documents WHERE\n");

  g_string_append_printf (sql, "(%s\n)\n", has_text (self->where) ? self->where : "1");
  if (has_text (self->match))
    g_string_append (sql, "AND rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1)\n");
  g_string_append (sql, "ORDER BY rowid LIMIT ?2");
  return g_string_free (sql, FALSE);
}

/* Whether @tail, what SQLite left unparsed, is only blanks. */
static gboolean
is_blank (const char *tail)
{
  for (; tail != NULL && *tail != '\0'; tail++)
    if (!g_ascii_isspace (*tail))
      return FALSE;
  return TRUE;
}

/* Names the expression a user got wrong, with SQLite's reason. */
static void
set_expression_error (NfSqliteSrc  *self,
                      GError      **error,
                      const char   *reason)
{
  if (has_text (self->match) && strstr (reason, "fts5") != NULL)
    g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                 "bad match query “%s” for %s: %s", self->match, self->location, reason);
  else if (has_text (self->where))
    g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                 "bad where expression “%s” for %s: %s", self->where, self->location, reason);
  else
    g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_READ,
                 "could not read %s: %s", self->location, reason);
}

/* Checks the match query now, so that a mistake in it is a start error
 * rather than a failure after the first document: FTS5 parses a query only
 * when the statement runs. */
static gboolean
check_match (NfSqliteSrc  *self,
             GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!has_text (self->match))
    return TRUE;
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1 LIMIT 1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, self->match, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
               "bad match query “%s” for %s: %s", self->match, self->location,
               sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
prepare_select (NfSqliteSrc  *self,
                int           version,
                GError      **error)
{
  g_autofree char *sql = NULL;
  const char *tail = NULL;

  if (has_text (self->match) && version < 2)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                   "match needs a full-text index, and %s has schema version %d without one: "
                   "let sqlitesink open it once to migrate it", self->location, version);
      return FALSE;
    }

  sql = build_query (self);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &self->select, &tail) != SQLITE_OK)
    {
      set_expression_error (self, error, sqlite3_errmsg (self->db));
      return FALSE;
    }
  if (!is_blank (tail))
    {
      set_expression_error (self, error, "more than one SQL statement");
      return FALSE;
    }
  if (has_text (self->match))
    sqlite3_bind_text (self->select, 1, self->match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (self->select, 2, self->limit > 0 ? (sqlite3_int64) self->limit : -1);
  return check_match (self, error);
}

static void
close_all (NfSqliteSrc *self)
{
  g_clear_pointer (&self->select, sqlite3_finalize);
  g_clear_pointer (&self->db, nf_sqlite_db_close);
}

static gboolean
nf_sqlite_src_start (NfElement  *element,
                     GError    **error)
{
  NfSqliteSrc *self = NF_SQLITE_SRC (element);
  int version = 0;

  self->db = nf_sqlite_db_open_read (self->location, READ_BUSY_TIMEOUT, &version, error);
  if (self->db == NULL || !prepare_select (self, version, error))
    {
      close_all (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
nf_sqlite_src_stop (NfElement  *element,
                    GError    **error)
{
  close_all (NF_SQLITE_SRC (element));
  return TRUE;
}

/* One row as a document: its record read back, or, when the record is not
 * one, a failed document with the row's id (nothing is silently dropped). */
static NfDocument *
document_from_row (NfSqliteSrc *self,
                   sqlite3_stmt *stmt)
{
  const char *id = (const char *) sqlite3_column_text (stmt, 0);
  const char *record = (const char *) sqlite3_column_text (stmt, 1);
  g_autoptr(GError) error = NULL;
  NfDocument *document = NULL;

  if (record != NULL)
    document = nf_document_new_from_json_string (record, -1, &error);
  if (document == NULL)
    {
      g_autoptr(GError) failure =
        g_error_new (NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
                     "%s: the stored record of “%s” cannot be read: %s", self->location,
                     id != NULL ? id : "?", error != NULL ? error->message : "no record");

      document = nf_document_new (id);
      nf_element_fail_document (NF_ELEMENT (self), document, failure);
    }
  return document;
}

static gboolean
nf_sqlite_src_generate (NfSource      *source,
                        GCancellable  *cancellable,
                        GError       **error)
{
  NfSqliteSrc *self = NF_SQLITE_SRC (source);
  int rc;

  while ((rc = sqlite3_step (self->select)) == SQLITE_ROW)
    {
      g_autoptr(NfDocument) document = document_from_row (self, self->select);

      if (!nf_element_push (NF_ELEMENT (self), document)
          || g_cancellable_is_cancelled (cancellable))
        break;
    }

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_expression_error (self, error, sqlite3_errmsg (self->db));
      sqlite3_reset (self->select);
      return FALSE;
    }
  sqlite3_reset (self->select);
  return TRUE;
}

static void
nf_sqlite_src_finalize (GObject *object)
{
  NfSqliteSrc *self = NF_SQLITE_SRC (object);

  close_all (self);
  g_free (self->location);
  g_free (self->where);
  g_free (self->match);

  G_OBJECT_CLASS (nf_sqlite_src_parent_class)->finalize (object);
}

static void
nf_sqlite_src_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  NfSqliteSrc *self = NF_SQLITE_SRC (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;
    case PROP_WHERE:
      g_value_set_string (value, self->where);
      break;
    case PROP_MATCH:
      g_value_set_string (value, self->match);
      break;
    case PROP_LIMIT:
      g_value_set_uint (value, self->limit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_sqlite_src_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  NfSqliteSrc *self = NF_SQLITE_SRC (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      nf_property_update_string (object, &self->location, value, pspec);
      break;
    case PROP_WHERE:
      nf_property_update_string (object, &self->where, value, pspec);
      break;
    case PROP_MATCH:
      nf_property_update_string (object, &self->match, value, pspec);
      break;
    case PROP_LIMIT:
      nf_property_update_uint (object, &self->limit, value, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_sqlite_src_class_init (NfSqliteSrcClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);

  object_class->finalize = nf_sqlite_src_finalize;
  object_class->get_property = nf_sqlite_src_get_property;
  object_class->set_property = nf_sqlite_src_set_property;
  element_class->start = nf_sqlite_src_start;
  element_class->stop = nf_sqlite_src_stop;
  NF_SOURCE_CLASS (klass)->generate = nf_sqlite_src_generate;

  /**
   * NfSqliteSrc:location:
   *
   * The database file a `sqlitesink` wrote. Required; opened read-only.
   */
  properties[PROP_LOCATION] =
    g_param_spec_string ("location", "Location",
                         "The SQLite database file to read (opened read-only)",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfSqliteSrc:where:
   *
   * An SQL expression on the columns of the `documents` table that a
   * document must satisfy, such as `language = 'en' AND error_domain IS NULL`.
   */
  properties[PROP_WHERE] =
    g_param_spec_string ("where", "Where",
                         "An SQL expression on the documents table, e.g. \"language = 'en'\"",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfSqliteSrc:match:
   *
   * An FTS5 full-text query on title, text and summary (`brexit`,
   * `"trade deal" NOT tariffs`, `summary:strike`).
   */
  properties[PROP_MATCH] =
    g_param_spec_string ("match", "Match",
                         "A full-text (FTS5) query on title, text and summary",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfSqliteSrc:limit:
   *
   * Read at most this many documents; 0 reads all.
   */
  properties[PROP_LIMIT] =
    g_param_spec_uint ("limit", "Limit",
                       "Read at most this many documents, 0 for all",
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  nf_element_class_set_metadata (element_class,
                                 "SQLite source",
                                 "Source/Database",
                                 "Reads documents stored by sqlitesink, optionally filtered by SQL or full-text search",
                                 "libnewsfilter authors");
}

static void
nf_sqlite_src_init (NfSqliteSrc *self)
{
}
