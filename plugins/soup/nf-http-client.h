/* nf-http-client.h: one libsoup session on a thread of its own, shared by
 * the soup plugin's elements (plugin-internal)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <newsfilter.h>
#include "nf-fetch-error.h"

G_BEGIN_DECLS

typedef struct _NfHttpClient NfHttpClient;

/* Settings of a client; the elements copy their properties in. */
typedef struct {
  guint        max_connections;    /* requests in flight in all */
  guint        max_per_host;       /* requests in flight to one host */
  guint        timeout_ms;         /* one attempt, start to last byte (our own timer: libsoup 3.2 has seconds) */
  guint        retries;            /* extra attempts on timeout, connection errors, 429, 5xx */
  guint        max_redirects;
  guint64      max_size;           /* body bytes; the transfer stops past it */
  const char  *user_agent;
  gboolean     allow_private;      /* FALSE: refuse loopback/private/link-local peers (checked on the connected address) */
  gboolean     tls_verify;
  gboolean     respect_robots;     /* fetch and cache robots.txt per host */
  guint        per_host_delay_ms;  /* minimum time between two requests to one host */
  const char  *cache_dir;          /* ETag / Last-Modified store; NULL for none */
} NfHttpOptions;

void nf_http_options_init_defaults (NfHttpOptions *options);

/* What a successful request gave. `not_modified` is TRUE (and `body` NULL)
 * when a conditional request got 304 from what `cache_dir` remembered. */
typedef struct {
  char     *requested_uri;
  char     *final_uri;             /* after redirects */
  guint     status;
  char     *content_type;          /* the Content-Type header as sent, or NULL */
  char     *charset;               /* its charset parameter, or NULL */
  GBytes   *body;                  /* decoded from gzip/deflate/br, at most max_size */
  char     *etag;
  char     *last_modified;
  gboolean  not_modified;
  guint     redirects;
  guint     attempts;
} NfHttpResponse;

void nf_http_response_free (NfHttpResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfHttpResponse, nf_http_response_free)

/* Called on the client's own thread. On failure @response may still say
 * what was received (the status of an HTTP error); @error is NF_FETCH_ERROR
 * or G_IO_ERROR_CANCELLED. The callback owns neither. */
typedef void (*NfHttpCallback) (NfHttpResponse *response,
                                const GError   *error,
                                gpointer        user_data);

NfHttpClient   *nf_http_client_new         (const NfHttpOptions *options);
NfHttpClient   *nf_http_client_ref         (NfHttpClient        *self);
/* Dropping the last reference cancels what is still running (callbacks get
 * G_IO_ERROR_CANCELLED) and joins the client's thread: never from a callback. */
void            nf_http_client_unref       (NfHttpClient        *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfHttpClient, nf_http_client_unref)

/* Starts a request from any thread. Requests beyond the connection limits
 * wait in a queue; at most max_connections run at once. */
void            nf_http_client_fetch       (NfHttpClient        *self,
                                            const char          *uri,
                                            GCancellable        *cancellable,
                                            NfHttpCallback       callback,
                                            gpointer             user_data);

/* Blocks the calling thread (never the client's) until the request ends. */
NfHttpResponse *nf_http_client_fetch_sync  (NfHttpClient        *self,
                                            const char          *uri,
                                            GCancellable        *cancellable,
                                            GError             **error);

/* The same; on failure *@out_status (if not NULL) is the HTTP status that
 * was received, 0 when none, for a record's `http_status`. */
NfHttpResponse *nf_http_client_fetch_sync_full (NfHttpClient    *self,
                                                const char      *uri,
                                                GCancellable    *cancellable,
                                                guint           *out_status,
                                                GError         **error);

G_END_DECLS
