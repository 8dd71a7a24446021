/* nf-sqlite-private.h: what the sqlite plugin's files share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <newsfilter.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The schema this code writes (PRAGMA user_version); see nf-sqlite-db.c. */
#define NF_SQLITE_SCHEMA_VERSION 2

#define NF_TYPE_SQLITE_SINK (nf_sqlite_sink_get_type ())
G_DECLARE_FINAL_TYPE (NfSqliteSink, nf_sqlite_sink, NF, SQLITE_SINK, NfSink)

#define NF_TYPE_SQLITE_SRC (nf_sqlite_src_get_type ())
G_DECLARE_FINAL_TYPE (NfSqliteSrc, nf_sqlite_src, NF, SQLITE_SRC, NfSource)

/* Opening and checking a database (nf-sqlite-db.c). */
sqlite3  *nf_sqlite_db_open_write      (const char  *location,
                                        guint        busy_timeout_ms,
                                        GError     **error);
sqlite3  *nf_sqlite_db_open_read       (const char  *location,
                                        guint        busy_timeout_ms,
                                        int         *version,
                                        GError     **error);
gboolean  nf_sqlite_db_exec            (sqlite3     *db,
                                        const char  *location,
                                        const char  *sql,
                                        GError     **error);
sqlite3_stmt *nf_sqlite_db_prepare     (sqlite3     *db,
                                        const char  *location,
                                        const char  *sql,
                                        GError     **error);
void      nf_sqlite_db_set_error       (GError     **error,
                                        int          code,
                                        sqlite3     *db,
                                        const char  *location,
                                        const char  *what);
void      nf_sqlite_db_close           (sqlite3     *db);

G_END_DECLS
