/* nf-http-client.c: one libsoup session on a thread of its own
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * Every soup call happens on the client's thread, which runs its own
 * GMainContext. Other threads hand requests over through a locked queue
 * and one idle source; cancellations come over the same way.
 *
 * A request goes through:
 *
 *   admit   parse the URL, check the scheme, consult robots.txt (fetching it
 *           first, once per scheme+host+port, if asked to)
 *   queue   wait for a free slot: max_connections in all, max_per_host per
 *           host, per_host_delay_ms between two starts on one host
 *   attempt one HTTP exchange, bounded by our own timer (libsoup 3.2 only
 *           knows whole seconds). Redirects are ours (SOUP_MESSAGE_NO_REDIRECT)
 *           so we can refuse other schemes and count them; the body is read
 *           as a stream, so a body past max_size stops the transfer
 *   retry   after timeouts, connection errors, 429 and 5xx, with exponential
 *           back-off or the server's Retry-After
 *   finish  the callback, on the client's thread
 *
 * With allow_private off, the address a connection is about to be made to is
 * checked when GSocketClient announces it (SoupMessage::network-event,
 * G_SOCKET_CLIENT_CONNECTING): names that resolve to loopback or private
 * addresses are refused before a byte is sent, whatever DNS says next time.
 */
#include "nf-http-client.h"
#include "nf-http-robots.h"
#include "nf-url.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

NF_DEBUG_CATEGORY_STATIC (http_debug);

#define READ_CHUNK            (256 * 1024)
#define ROBOTS_MAX_SIZE       (512 * 1024)
#define BACKOFF_BASE_MS       500
#define BACKOFF_MAX_MS        30000
#define RETRY_AFTER_MAX_S     60
#define ROBOTS_MAX_REDIRECTS  5

#define ACCEPT_HEADER \
  "text/html,application/xhtml+xml,application/xml;q=0.9," \
  "application/rss+xml,application/atom+xml,text/*;q=0.8,*/*;q=0.5"

typedef struct _Request Request;
typedef struct _Host Host;

typedef enum {
  ROBOTS_UNKNOWN,
  ROBOTS_FETCHING,
  ROBOTS_KNOWN,
} RobotsState;

/* What we know of one scheme+host+port. Lives as long as the client. */
struct _Host {
  char        *key;              /* "https://example.org:443" */
  guint        running;
  gint64       next_start_us;    /* monotonic: per-host delay */
  RobotsState  robots_state;
  NfRobots    *robots;           /* NULL: everything allowed */
  GPtrArray   *robots_waiters;   /* Request, waiting for robots_state KNOWN */
};

typedef enum {
  REQUEST_NEW,
  REQUEST_ROBOTS_WAIT,
  REQUEST_QUEUED,
  REQUEST_RUNNING,
  REQUEST_BACKOFF,
  REQUEST_DONE,
} RequestState;

struct _Request {
  NfHttpClient   *client;        /* not a reference: the client outlives its requests */
  RequestState    state;
  char           *uri;           /* as asked */
  GUri           *current;       /* the URL of the current hop */
  char           *current_str;
  Host           *host;          /* of current */
  GHashTable     *visited;       /* URLs of earlier hops: loops */
  gboolean        internal;      /* a robots.txt request: no robots check */
  guint           max_redirects;
  guint64         max_size;
  guint           retries;

  GCancellable   *cancellable;   /* the caller's */
  gulong          cancelled_id;
  NfHttpCallback  callback;
  gpointer        user_data;

  char           *cache_path;    /* conditional requests: the validator file */
  char           *cached_etag;
  char           *cached_last_modified;

  NfHttpResponse *response;

  /* The current attempt */
  SoupMessage    *message;
  GCancellable   *attempt_cancellable;
  GInputStream   *stream;
  GByteArray     *body;
  GSource        *timeout_source;
  GSource        *backoff_source;
  GError         *abort_error;   /* why we cancelled the attempt ourselves */
  gboolean        in_body;       /* headers received: a drop now truncates */
  gboolean        hop;           /* this attempt follows a redirect, it is no retry */
  gboolean        conditional;   /* If-None-Match / If-Modified-Since were sent */
};

struct _NfHttpClient {
  gatomicrefcount  ref_count;
  NfHttpOptions    options;      /* strings owned below */
  char            *user_agent;
  char            *cache_dir;
  char            *product;      /* robots.txt product token */

  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;

  /* Handed over from other threads */
  GMutex           lock;
  GCond            cond;
  GQueue           incoming;     /* Request */
  gboolean         wakeup_pending;
  gboolean         ready;        /* the thread has set up its session */

  /* Only touched on the client's thread */
  SoupSession     *session;
  GHashTable      *hosts;        /* key → Host */
  GHashTable      *live;         /* Request set: everything not finished */
  GQueue           waiting;      /* Request, QUEUED, in order */
  guint            running;
  GSource         *pump_timer;
  gint64           pump_timer_at;
  gboolean         pumping;
  gboolean         pump_again;
  gboolean         shutting_down;

  /* One session on one thread tops out at a few thousand pages a second
   * (the main loop polls every connection on each turn), so requests are
   * spread over several clients, one per processor: the first one made
   * owns the others and hands requests round. */
  NfHttpClient   **shards;       /* NULL on the shards themselves */
  guint            n_shards;
  guint            next_shard;   /* atomic */
};

static void request_admit       (Request *req);
static void request_begin       (Request *req);
static void request_finish      (Request *req, const GError *error);
static void attempt_start       (Request *req);
static void pump                (NfHttpClient *self);
static void read_next_chunk     (Request *req);

/* ---- Options ---- */

void
nf_http_options_init_defaults (NfHttpOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (NfHttpOptions) {
    .max_connections = 64,
    .max_per_host = 8,
    .timeout_ms = 30000,
    .retries = 2,
    .max_redirects = 10,
    .max_size = G_GUINT64_CONSTANT (32) * 1024 * 1024,
    .user_agent = NULL,
    .allow_private = TRUE,
    .tls_verify = TRUE,
    .respect_robots = FALSE,
    .per_host_delay_ms = 0,
    .cache_dir = NULL,
  };
}

/* ---- Responses ---- */

void
nf_http_response_free (NfHttpResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->requested_uri);
  g_free (response->final_uri);
  g_free (response->content_type);
  g_free (response->charset);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->etag);
  g_free (response->last_modified);
  g_free (response);
}

/* ---- Errors ---- */

static GError *
fetch_error (NfFetchError  code,
             const char   *format,
             ...) G_GNUC_PRINTF (2, 3);

static GError *
fetch_error (NfFetchError  code,
             const char   *format,
             ...)
{
  GError *error;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (NF_FETCH_ERROR, code, format, args);
  va_end (args);
  return error;
}

static gboolean
is_retryable (const GError *error,
              guint         status)
{
  if (error == NULL)
    return FALSE;
  /* A connection dropped in the middle of the body is a connection error
   * too: the next attempt may well get it all. */
  if (g_error_matches (error, NF_FETCH_ERROR, NF_FETCH_ERROR_TIMEOUT)
      || g_error_matches (error, NF_FETCH_ERROR, NF_FETCH_ERROR_CONNECT)
      || g_error_matches (error, NF_FETCH_ERROR, NF_FETCH_ERROR_TRUNCATED))
    return TRUE;
  if (g_error_matches (error, NF_FETCH_ERROR, NF_FETCH_ERROR_HTTP_STATUS))
    return status == 429 || (status >= 500 && status <= 599);
  return FALSE;
}

/* What libsoup or GIO said, as one of our codes, naming what and where. */
static GError *
map_transport_error (Request      *req,
                     const GError *error)
{
  const char *host = g_uri_get_host (req->current);

  if (error->domain == G_RESOLVER_ERROR
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    return fetch_error (NF_FETCH_ERROR_RESOLVE, "cannot resolve %s fetching %s: %s",
                        host, req->current_str, error->message);

  if (error->domain == G_TLS_ERROR)
    return fetch_error (NF_FETCH_ERROR_TLS, "TLS failure with %s fetching %s: %s",
                        host, req->current_str, error->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return fetch_error (NF_FETCH_ERROR_CONNECT, "connection refused by %s fetching %s",
                        host, req->current_str);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return fetch_error (NF_FETCH_ERROR_TIMEOUT, "timed out fetching %s: %s",
                        req->current_str, error->message);

  if (req->in_body)
    return fetch_error (NF_FETCH_ERROR_TRUNCATED,
                        "the connection dropped in the middle of the body of %s "
                        "after %u bytes: %s",
                        req->current_str, req->body ? req->body->len : 0,
                        error->message);

  return fetch_error (NF_FETCH_ERROR_CONNECT, "cannot fetch %s from %s: %s",
                      req->current_str, host, error->message);
}

/* ---- Addresses (allow_private) ---- */

/* Why @address may not be fetched from, or NULL when it may. */
static const char *
forbidden_reason (GInetAddress *address)
{
  GSocketFamily family = g_inet_address_get_family (address);
  const guint8 *bytes = g_inet_address_to_bytes (address);

  if (family == G_SOCKET_FAMILY_IPV6
      && memcmp (bytes, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0)
    {
      /* ::ffff:a.b.c.d is the IPv4 address inside it */
      g_autoptr(GInetAddress) v4 = g_inet_address_new_from_bytes (bytes + 12, G_SOCKET_FAMILY_IPV4);
      return forbidden_reason (v4);
    }

  if (g_inet_address_get_is_any (address))
    return "an unspecified address";
  if (g_inet_address_get_is_loopback (address))
    return "a loopback address";
  if (g_inet_address_get_is_link_local (address))
    return "a link-local address";
  if (g_inet_address_get_is_site_local (address))
    return "a private address";
  if (g_inet_address_get_is_multicast (address))
    return "a multicast address";

  if (family == G_SOCKET_FAMILY_IPV4)
    {
      if (bytes[0] == 0)
        return "an unspecified address";
      if (bytes[0] == 100 && (bytes[1] & 0xc0) == 64)
        return "a shared (carrier-grade NAT) address";
      if (bytes[0] == 255 && bytes[1] == 255 && bytes[2] == 255 && bytes[3] == 255)
        return "a broadcast address";
    }
  else if (family == G_SOCKET_FAMILY_IPV6)
    {
      if ((bytes[0] & 0xfe) == 0xfc)
        return "a unique local address";
    }

  return NULL;
}

static void
on_network_event (SoupMessage        *message,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  Request            *req)
{
  g_autoptr(GSocketAddress) remote = NULL;
  g_autoptr(GInetAddress) literal = NULL;
  GInetAddress *address = NULL;
  const char *reason;
  g_autofree char *text = NULL;

  if (event != G_SOCKET_CLIENT_CONNECTING || !G_IS_SOCKET_CONNECTION (connection))
    return;

  /* GSocketClient sets the address it is about to connect to before it
   * announces CONNECTING. */
  remote = g_socket_connection_get_remote_address (G_SOCKET_CONNECTION (connection), NULL);
  if (remote == NULL)
    return;

  if (G_IS_PROXY_ADDRESS (remote))
    {
      /* Through a proxy the proxy resolves the name: we can only refuse
       * literal addresses. The proxy itself may well be local. */
      const char *destination = g_proxy_address_get_destination_hostname (G_PROXY_ADDRESS (remote));

      literal = g_inet_address_new_from_string (destination);
      address = literal;
    }
  else if (G_IS_INET_SOCKET_ADDRESS (remote))
    address = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote));

  if (address == NULL || (reason = forbidden_reason (address)) == NULL)
    return;

  text = g_inet_address_to_string (address);
  NF_CAT_DEBUG (http_debug, "refusing %s: %s is %s", req->current_str, text, reason);
  if (req->abort_error == NULL)
    req->abort_error = fetch_error (NF_FETCH_ERROR_FORBIDDEN_ADDRESS,
                                    "%s resolves to %s, %s, and allow-private is false",
                                    g_uri_get_host (req->current), text, reason);
  g_cancellable_cancel (req->attempt_cancellable);
}

static gboolean
on_accept_certificate (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       Request              *req)
{
  /* tls_verify is off: any certificate will do. */
  return TRUE;
}

/* ---- The conditional-request store (cache_dir) ---- */

static char *
cache_path_for (NfHttpClient *self,
                const char   *uri)
{
  g_autofree char *normalized = nf_url_normalize (uri);
  g_autofree char *digest = NULL;
  g_autofree char *name = NULL;

  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                          normalized != NULL ? normalized : uri, -1);
  name = g_strconcat (digest, ".validators", NULL);
  return g_build_filename (self->cache_dir, name, NULL);
}

static void
cache_load (Request *req)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();

  if (!g_key_file_load_from_file (file, req->cache_path, G_KEY_FILE_NONE, NULL))
    return;
  req->cached_etag = g_key_file_get_string (file, "Validators", "ETag", NULL);
  req->cached_last_modified = g_key_file_get_string (file, "Validators", "Last-Modified", NULL);
}

static void
cache_store (Request        *req,
             NfHttpResponse *response)
{
  g_autoptr(GKeyFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response->etag == NULL && response->last_modified == NULL)
    {
      /* Nothing to validate with any more. */
      if (req->cached_etag != NULL || req->cached_last_modified != NULL)
        g_remove (req->cache_path);
      return;
    }

  if (g_strcmp0 (response->etag, req->cached_etag) == 0
      && g_strcmp0 (response->last_modified, req->cached_last_modified) == 0)
    return;

  file = g_key_file_new ();
  g_key_file_set_string (file, "Validators", "URL", req->uri);
  if (response->etag != NULL)
    g_key_file_set_string (file, "Validators", "ETag", response->etag);
  if (response->last_modified != NULL)
    g_key_file_set_string (file, "Validators", "Last-Modified", response->last_modified);

  if (g_mkdir_with_parents (req->client->cache_dir, 0755) != 0
      || !g_key_file_save_to_file (file, req->cache_path, &error))
    NF_CAT_WARNING (http_debug, "cannot remember the validators of %s in %s: %s",
                    req->uri, req->cache_path,
                    error != NULL ? error->message : g_strerror (errno));
}

/* ---- Requests ---- */

static Request *
request_new (NfHttpClient   *client,
             const char     *uri,
             GCancellable   *cancellable,
             NfHttpCallback  callback,
             gpointer        user_data)
{
  Request *req = g_atomic_rc_box_new0 (Request);

  req->client = client;
  req->uri = g_strdup (uri);
  req->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  req->callback = callback;
  req->user_data = user_data;
  req->max_redirects = client->options.max_redirects;
  req->max_size = client->options.max_size;
  req->retries = client->options.retries;
  req->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  req->response = g_new0 (NfHttpResponse, 1);
  req->response->requested_uri = g_strdup (uri);
  req->response->attempts = 0;
  return req;
}

static void
request_clear (Request *req)
{
  g_free (req->uri);
  g_clear_pointer (&req->current, g_uri_unref);
  g_free (req->current_str);
  g_clear_pointer (&req->visited, g_hash_table_unref);
  g_clear_object (&req->cancellable);
  g_free (req->cache_path);
  g_free (req->cached_etag);
  g_free (req->cached_last_modified);
  g_clear_pointer (&req->response, nf_http_response_free);
  g_clear_object (&req->message);
  g_clear_object (&req->attempt_cancellable);
  g_clear_object (&req->stream);
  g_clear_pointer (&req->body, g_byte_array_unref);
  g_clear_error (&req->abort_error);
}

static Request *
request_ref (Request *req)
{
  return g_atomic_rc_box_acquire (req);
}

static void
request_unref (Request *req)
{
  g_atomic_rc_box_release_full (req, (GDestroyNotify) request_clear);
}

static Host *
host_lookup (NfHttpClient *self,
             GUri         *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  int port = g_uri_get_port (uri);
  g_autofree char *host_lower = g_ascii_strdown (g_uri_get_host (uri), -1);
  g_autofree char *key = NULL;
  Host *host;

  if (port < 0)
    port = g_ascii_strcasecmp (scheme, "https") == 0 ? 443 : 80;
  /* IPv6 literals keep their brackets, so that the key is a URL prefix */
  key = g_strdup_printf (strchr (host_lower, ':') ? "%s://[%s]:%d" : "%s://%s:%d",
                         scheme, host_lower, port);

  host = g_hash_table_lookup (self->hosts, key);
  if (host == NULL)
    {
      host = g_new0 (Host, 1);
      host->key = g_steal_pointer (&key);
      host->robots_waiters = g_ptr_array_new ();
      g_hash_table_insert (self->hosts, host->key, host);
    }
  return host;
}

static void
host_free (Host *host)
{
  g_free (host->key);
  g_clear_pointer (&host->robots, nf_robots_free);
  g_ptr_array_unref (host->robots_waiters);
  g_free (host);
}

/* Sets the URL of the next hop. FALSE with @error for what we cannot fetch. */
static gboolean
request_set_target (Request     *req,
                    GUri        *uri,
                    GError     **error)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);

  if (scheme == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_autofree char *text = g_uri_to_string (uri);
      g_set_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_UNSUPPORTED_SCHEME,
                   "cannot fetch %s: only http and https URLs are supported", text);
      return FALSE;
    }
  if (host == NULL || *host == '\0')
    {
      g_autofree char *text = g_uri_to_string (uri);
      g_set_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_INVALID_URI,
                   "cannot fetch %s: the URL has no host", text);
      return FALSE;
    }

  g_clear_pointer (&req->current, g_uri_unref);
  g_free (req->current_str);
  req->current = g_uri_ref (uri);
  req->current_str = g_uri_to_string_partial (uri, G_URI_HIDE_PASSWORD);
  req->host = host_lookup (req->client, uri);
  return TRUE;
}

static void
on_user_cancelled_in_thread (Request *req)
{
  g_autoptr(GError) error = NULL;

  switch (req->state)
    {
    case REQUEST_NEW:
    case REQUEST_ROBOTS_WAIT:
    case REQUEST_QUEUED:
    case REQUEST_BACKOFF:
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "fetching %s was cancelled", req->uri);
      request_finish (req, error);
      break;
    case REQUEST_RUNNING:
      if (req->abort_error == NULL)
        req->abort_error = g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                        "fetching %s was cancelled", req->uri);
      g_cancellable_cancel (req->attempt_cancellable);
      break;
    case REQUEST_DONE:
      break;
    }
}

static gboolean
user_cancelled_idle (gpointer data)
{
  on_user_cancelled_in_thread (data);
  return G_SOURCE_REMOVE;
}

/* Runs on whatever thread cancelled: hand over to the client's. */
static void
on_user_cancelled (GCancellable *cancellable,
                   Request      *req)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_HIGH);
  g_source_set_callback (source, user_cancelled_idle, request_ref (req),
                         (GDestroyNotify) request_unref);
  g_source_set_static_name (source, "[nf] fetch cancelled");
  g_source_attach (source, req->client->context);
  g_source_unref (source);
}

/* Ends a request exactly once: the callback, then forget it. */
static void
request_finish (Request      *req,
                const GError *error)
{
  NfHttpClient *self = req->client;
  NfHttpResponse *response = req->response;

  if (req->state == REQUEST_DONE)
    return;

  switch (req->state)
    {
    case REQUEST_QUEUED:
      g_queue_remove (&self->waiting, req);
      break;
    case REQUEST_ROBOTS_WAIT:
      g_ptr_array_remove (req->host->robots_waiters, req);
      break;
    case REQUEST_BACKOFF:
      g_clear_pointer (&req->backoff_source, g_source_destroy);
      break;
    default:
      break;
    }
  req->state = REQUEST_DONE;

  if (req->cancelled_id != 0)
    {
      g_cancellable_disconnect (req->cancellable, req->cancelled_id);
      req->cancelled_id = 0;
    }

  if (error == NULL && req->cache_path != NULL && !response->not_modified)
    cache_store (req, response);

  if (error != NULL)
    NF_CAT_DEBUG (http_debug, "%s failed: %s", req->uri, error->message);
  else
    NF_CAT_LOG (http_debug, "%s: HTTP %u, %" G_GSIZE_FORMAT " bytes, %u attempt(s), %u redirect(s)",
                req->uri, response->status,
                response->body != NULL ? g_bytes_get_size (response->body) : 0,
                response->attempts, response->redirects);

  if (req->callback != NULL)
    req->callback (response, error, req->user_data);

  g_hash_table_remove (self->live, req);   /* drops the client's reference */

  if (self->shutting_down && g_hash_table_size (self->live) == 0)
    g_main_loop_quit (self->loop);
}

/* ---- robots.txt ---- */

static void
robots_known (Host *host)
{
  g_autoptr(GPtrArray) waiters = host->robots_waiters;

  host->robots_state = ROBOTS_KNOWN;
  host->robots_waiters = g_ptr_array_new ();

  for (guint i = 0; i < waiters->len; i++)
    {
      Request *req = g_ptr_array_index (waiters, i);

      req->state = REQUEST_NEW;
      request_admit (req);
    }
}

typedef struct {
  NfHttpClient *client;
  Host         *host;
} RobotsFetch;

static void
on_robots_done (NfHttpResponse *response,
                const GError   *error,
                gpointer        user_data)
{
  RobotsFetch *fetch = user_data;
  Host *host = fetch->host;

  if (error == NULL && response->body != NULL)
    {
      gsize length;
      const char *text = g_bytes_get_data (response->body, &length);

      host->robots = nf_robots_parse (text, length, fetch->client->product);
      NF_CAT_DEBUG (http_debug, "%s/robots.txt: %u rules for us",
                    host->key, nf_robots_get_n_rules (host->robots));
    }
  else if (response != NULL && response->status >= 400 && response->status < 500)
    NF_CAT_DEBUG (http_debug, "%s/robots.txt: HTTP %u, everything allowed",
                  host->key, response->status);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* RFC 9309 says to assume complete disallow on 5xx; a news reader that
     * fetches one page a reader asked for does better to go ahead. */
    NF_CAT_INFO (http_debug, "%s/robots.txt could not be read, everything allowed: %s",
                 host->key, error != NULL ? error->message : "no body");

  g_free (fetch);
  robots_known (host);
}

static void
robots_fetch (NfHttpClient *self,
              Host         *host)
{
  g_autofree char *uri = g_strconcat (host->key, "/robots.txt", NULL);
  RobotsFetch *fetch = g_new0 (RobotsFetch, 1);
  Request *req;

  fetch->client = self;
  fetch->host = host;
  host->robots_state = ROBOTS_FETCHING;

  req = request_new (self, uri, NULL, on_robots_done, fetch);
  req->internal = TRUE;
  req->retries = 0;
  req->max_size = MIN (self->options.max_size, ROBOTS_MAX_SIZE);
  req->max_redirects = MIN (self->options.max_redirects, ROBOTS_MAX_REDIRECTS);
  request_begin (req);
}

static char *
path_and_query (GUri *uri)
{
  const char *path = g_uri_get_path (uri);
  const char *query = g_uri_get_query (uri);

  if (path == NULL || *path == '\0')
    path = "/";
  return query != NULL ? g_strconcat (path, "?", query, NULL) : g_strdup (path);
}

/* FALSE when the request must wait for robots.txt, or was refused. */
static gboolean
robots_check (Request *req)
{
  NfHttpClient *self = req->client;
  Host *host = req->host;
  g_autofree char *path = NULL;

  if (req->internal || !self->options.respect_robots)
    return TRUE;

  switch (host->robots_state)
    {
    case ROBOTS_UNKNOWN:
      req->state = REQUEST_ROBOTS_WAIT;
      g_ptr_array_add (host->robots_waiters, req);
      robots_fetch (self, host);
      return FALSE;
    case ROBOTS_FETCHING:
      req->state = REQUEST_ROBOTS_WAIT;
      g_ptr_array_add (host->robots_waiters, req);
      return FALSE;
    case ROBOTS_KNOWN:
      break;
    }

  path = path_and_query (req->current);
  if (!nf_robots_is_allowed (host->robots, path))
    {
      g_autoptr(GError) error = fetch_error (NF_FETCH_ERROR_ROBOTS,
                                             "%s/robots.txt disallows %s for %s",
                                             host->key, req->current_str, self->product);
      request_finish (req, error);
      return FALSE;
    }
  return TRUE;
}

/* ---- Scheduling ---- */

static void
queue_request (Request  *req,
               gboolean  first)
{
  NfHttpClient *self = req->client;

  req->state = REQUEST_QUEUED;
  if (first)
    g_queue_push_head (&self->waiting, req);
  else
    g_queue_push_tail (&self->waiting, req);
  pump (self);
}

/* The request's current URL is set: check robots.txt and queue it. */
static void
request_admit (Request *req)
{
  if (g_cancellable_is_cancelled (req->cancellable) || req->client->shutting_down)
    {
      on_user_cancelled_in_thread (req);
      return;
    }
  if (!robots_check (req))
    return;
  /* Redirects and retries go first: they already waited their turn; so do
   * robots.txt requests, which others wait for. */
  queue_request (req, req->response->attempts > 0 || req->internal);
}

/* Starts a request handed over from another thread. */
static void
request_begin (Request *req)
{
  NfHttpClient *self = req->client;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_add (self->live, req);   /* takes over the queue's reference */

  if (req->cancellable != NULL)
    req->cancelled_id = g_cancellable_connect (req->cancellable, G_CALLBACK (on_user_cancelled),
                                               req, NULL);
  if (req->state == REQUEST_DONE)
    return;   /* cancelled already: g_cancellable_connect ran the handler */

  uri = g_uri_parse (req->uri, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL)
    {
      g_autoptr(GError) invalid = fetch_error (NF_FETCH_ERROR_INVALID_URI,
                                               "cannot fetch \"%s\": not a valid URL (%s)",
                                               req->uri, error->message);
      request_finish (req, invalid);
      return;
    }
  if (!request_set_target (req, uri, &error))
    {
      request_finish (req, error);
      return;
    }

  g_hash_table_add (req->visited, g_strdup (req->current_str));
  if (self->cache_dir != NULL && !req->internal)
    {
      req->cache_path = cache_path_for (self, req->uri);
      cache_load (req);
    }

  request_admit (req);
}

static gboolean
pump_timer_fired (gpointer data)
{
  NfHttpClient *self = data;

  g_clear_pointer (&self->pump_timer, g_source_unref);
  pump (self);
  return G_SOURCE_REMOVE;
}

static void
pump_wake_at (NfHttpClient *self,
              gint64        when_us)
{
  gint64 now = g_get_monotonic_time ();

  if (self->pump_timer != NULL)
    {
      if (self->pump_timer_at <= when_us)
        return;
      g_source_destroy (self->pump_timer);
      g_clear_pointer (&self->pump_timer, g_source_unref);
    }

  self->pump_timer_at = when_us;
  self->pump_timer = g_timeout_source_new (MAX (0, (when_us - now + 999) / 1000));
  g_source_set_callback (self->pump_timer, pump_timer_fired, self, NULL);
  g_source_set_static_name (self->pump_timer, "[nf] per-host delay");
  g_source_attach (self->pump_timer, self->context);
}

/* Starts queued requests while there are free slots, in queue order; a
 * request whose host is busy or resting lets later ones go first. */
static void
pump (NfHttpClient *self)
{
  if (self->pumping)
    {
      self->pump_again = TRUE;
      return;
    }
  self->pumping = TRUE;

  do
    {
      gint64 now = g_get_monotonic_time ();
      gint64 wake = G_MAXINT64;
      GList *l = self->waiting.head;

      self->pump_again = FALSE;
      while (l != NULL && self->running < self->options.max_connections)
        {
          GList *next = l->next;
          Request *req = l->data;
          Host *host = req->host;

          if (host->running >= self->options.max_per_host)
            {
              l = next;
              continue;
            }
          if (host->next_start_us > now)
            {
              wake = MIN (wake, host->next_start_us);
              l = next;
              continue;
            }

          g_queue_delete_link (&self->waiting, l);
          attempt_start (req);
          /* Starting may finish other requests and change the queue. */
          if (self->pump_again)
            break;
          l = next;
        }

      if (wake != G_MAXINT64)
        pump_wake_at (self, wake);
    }
  while (self->pump_again);

  self->pumping = FALSE;
}

/* ---- Attempts ---- */

static gboolean
attempt_timed_out (gpointer data)
{
  Request *req = data;

  g_clear_pointer (&req->timeout_source, g_source_unref);
  if (req->abort_error == NULL)
    req->abort_error = fetch_error (NF_FETCH_ERROR_TIMEOUT, "timed out after %u ms fetching %s",
                                    req->client->options.timeout_ms, req->current_str);
  g_cancellable_cancel (req->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

static void on_sent (GObject *source, GAsyncResult *result, gpointer data);

static void
attempt_start (Request *req)
{
  NfHttpClient *self = req->client;
  SoupMessageHeaders *headers;

  req->state = REQUEST_RUNNING;
  req->host->running++;
  self->running++;
  if (self->options.per_host_delay_ms > 0)
    req->host->next_start_us = g_get_monotonic_time ()
                               + (gint64) self->options.per_host_delay_ms * 1000;

  if (!req->hop)
    req->response->attempts++;
  req->hop = FALSE;

  req->in_body = FALSE;
  req->message = soup_message_new_from_uri (SOUP_METHOD_GET, req->current);
  req->attempt_cancellable = g_cancellable_new ();
  soup_message_add_flags (req->message, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (req->message);
  soup_message_headers_replace (headers, "Accept", ACCEPT_HEADER);
  /* libsoup offers br only over https (as browsers do, for fear of proxies
   * that mangle it); it decodes it over http all the same, and news sites
   * that compress with brotli save us most of the bytes. */
  soup_message_headers_replace (headers, "Accept-Encoding", "gzip, deflate, br");
  req->conditional = FALSE;
  if (req->cached_etag != NULL)
    {
      soup_message_headers_replace (headers, "If-None-Match", req->cached_etag);
      req->conditional = TRUE;
    }
  if (req->cached_last_modified != NULL)
    {
      soup_message_headers_replace (headers, "If-Modified-Since", req->cached_last_modified);
      req->conditional = TRUE;
    }

  if (!self->options.allow_private)
    g_signal_connect (req->message, "network-event", G_CALLBACK (on_network_event), req);
  if (!self->options.tls_verify)
    g_signal_connect (req->message, "accept-certificate", G_CALLBACK (on_accept_certificate), req);

  if (self->options.timeout_ms > 0)
    {
      req->timeout_source = g_timeout_source_new (self->options.timeout_ms);
      g_source_set_callback (req->timeout_source, attempt_timed_out, req, NULL);
      g_source_set_static_name (req->timeout_source, "[nf] fetch timeout");
      g_source_attach (req->timeout_source, self->context);
    }

  NF_CAT_LOG (http_debug, "GET %s (attempt %u)", req->current_str, req->response->attempts);
  soup_session_send_async (self->session, req->message, G_PRIORITY_DEFAULT,
                           req->attempt_cancellable, on_sent, request_ref (req));
}

/* Frees what the attempt held and gives its slot back. */
static void
attempt_end (Request *req)
{
  NfHttpClient *self = req->client;

  if (req->timeout_source != NULL)
    {
      g_source_destroy (req->timeout_source);
      g_clear_pointer (&req->timeout_source, g_source_unref);
    }
  if (req->message != NULL)
    g_signal_handlers_disconnect_by_data (req->message, req);

  /* A stream we did not read to the end: cancelling first makes libsoup
   * drop the connection rather than read the rest of the body. */
  if (req->stream != NULL)
    {
      g_cancellable_cancel (req->attempt_cancellable);
      g_input_stream_close (req->stream, req->attempt_cancellable, NULL);
      g_clear_object (&req->stream);
    }
  g_clear_object (&req->message);
  g_clear_object (&req->attempt_cancellable);
  g_clear_pointer (&req->body, g_byte_array_unref);

  req->host->running--;
  self->running--;
  req->state = REQUEST_NEW;
  pump (self);
}

static gboolean
backoff_done (gpointer data)
{
  Request *req = data;

  g_clear_pointer (&req->backoff_source, g_source_unref);
  req->state = REQUEST_NEW;
  request_admit (req);
  return G_SOURCE_REMOVE;
}

/* Seconds to wait from a Retry-After header: delta-seconds or an HTTP date;
 * -1 when absent or unreadable. */
static gint64
parse_retry_after (const char *value)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  char *end;
  guint64 seconds;

  if (value == NULL)
    return -1;
  while (g_ascii_isspace (*value))
    value++;
  if (g_ascii_isdigit (*value))
    {
      seconds = g_ascii_strtoull (value, &end, 10);
      return *end == '\0' || g_ascii_isspace (*end) ? (gint64) MIN (seconds, G_MAXINT32) : -1;
    }

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (0, g_date_time_difference (when, now) / G_TIME_SPAN_SECOND);
}

/* After a failed attempt: TRUE when another one is scheduled. */
static gboolean
maybe_retry (Request      *req,
             const GError *error,
             const char   *retry_after)
{
  guint done = req->response->attempts;
  guint delay_ms;
  gint64 after_s;

  if (!is_retryable (error, req->response->status)
      || done > req->retries
      || g_cancellable_is_cancelled (req->cancellable)
      || req->client->shutting_down)
    return FALSE;

  after_s = parse_retry_after (retry_after);
  if (after_s > RETRY_AFTER_MAX_S)
    {
      NF_CAT_DEBUG (http_debug, "%s: Retry-After of %" G_GINT64_FORMAT " s is longer than we wait",
                    req->current_str, after_s);
      return FALSE;
    }

  if (after_s >= 0)
    delay_ms = (guint) after_s * 1000;
  else
    {
      /* 0.5 s, 1 s, 2 s… capped, ±25 % so that many failures at once do
       * not come back at once. */
      guint exp = MIN (done - 1, 16);
      delay_ms = MIN ((guint64) BACKOFF_BASE_MS << exp, BACKOFF_MAX_MS);
      delay_ms = (guint) (delay_ms * g_random_double_range (0.75, 1.25));
    }

  NF_CAT_DEBUG (http_debug, "%s: retrying in %u ms after: %s", req->current_str, delay_ms, error->message);
  req->state = REQUEST_BACKOFF;
  req->backoff_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (req->backoff_source, backoff_done, req, NULL);
  g_source_set_static_name (req->backoff_source, "[nf] fetch back-off");
  g_source_attach (req->backoff_source, req->client->context);
  return TRUE;
}

/* Ends the attempt with @error: retried when it may be, else the end. */
static void
attempt_failed (Request    *req,
                GError     *error,
                const char *retry_after)
{
  g_autoptr(GError) owned = error;

  attempt_end (req);
  if (!maybe_retry (req, owned, retry_after))
    request_finish (req, owned);
}

/* The abort reason, else @error mapped to ours. */
static GError *
attempt_error (Request      *req,
               const GError *error)
{
  if (req->abort_error != NULL)
    return g_steal_pointer (&req->abort_error);
  return map_transport_error (req, error);
}

static void
follow_redirect (Request    *req,
                 const char *location)
{
  g_autoptr(GUri) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target_str = NULL;
  g_autofree char *from = g_strdup (req->current_str);
  guint status = req->response->status;

  target = g_uri_parse_relative (req->current, location, SOUP_HTTP_URI_FLAGS, &error);
  attempt_end (req);

  if (target == NULL)
    {
      g_autoptr(GError) invalid = fetch_error (NF_FETCH_ERROR_INVALID_URI,
                                               "redirect from %s to \"%s\": not a valid URL (%s)",
                                               from, location, error->message);
      request_finish (req, invalid);
      return;
    }

  target_str = g_uri_to_string_partial (target, G_URI_HIDE_PASSWORD);
  if (g_strcmp0 (g_uri_get_scheme (target), "http") != 0
      && g_strcmp0 (g_uri_get_scheme (target), "https") != 0)
    {
      g_autoptr(GError) refused = fetch_error (NF_FETCH_ERROR_REDIRECT_REFUSED,
                                               "redirect from %s to %s refused: only http and https",
                                               from, target_str);
      request_finish (req, refused);
      return;
    }

  if (g_hash_table_contains (req->visited, target_str))
    {
      g_autoptr(GError) loop = fetch_error (NF_FETCH_ERROR_TOO_MANY_REDIRECTS,
                                            "redirect loop: %s redirects back to %s",
                                            from, target_str);
      request_finish (req, loop);
      return;
    }

  if (req->response->redirects >= req->max_redirects)
    {
      g_autoptr(GError) many = fetch_error (NF_FETCH_ERROR_TOO_MANY_REDIRECTS,
                                            "more than %u redirects fetching %s (the last to %s)",
                                            req->max_redirects, req->uri, target_str);
      request_finish (req, many);
      return;
    }

  if (!request_set_target (req, target, &error))
    {
      request_finish (req, error);
      return;
    }

  NF_CAT_DEBUG (http_debug, "%s: %u redirect to %s", from, status, target_str);
  req->response->redirects++;
  req->hop = TRUE;
  g_hash_table_add (req->visited, g_steal_pointer (&target_str));
  request_admit (req);
}

static gboolean
is_redirect (guint status)
{
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

static void
take_response_headers (Request *req)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (req->message);
  NfHttpResponse *response = req->response;
  g_autoptr(GHashTable) params = NULL;
  const char *content_type;

  response->status = soup_message_get_status (req->message);
  g_free (response->final_uri);
  response->final_uri = g_strdup (req->current_str);

  g_clear_pointer (&response->content_type, g_free);
  g_clear_pointer (&response->charset, g_free);
  content_type = soup_message_headers_get_one (headers, "Content-Type");
  if (content_type != NULL)
    {
      response->content_type = g_strdup (content_type);
      if (soup_message_headers_get_content_type (headers, &params) != NULL && params != NULL)
        response->charset = g_strdup (g_hash_table_lookup (params, "charset"));
    }

  g_free (response->etag);
  g_free (response->last_modified);
  response->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  response->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
}

static GError *
http_status_error (Request *req)
{
  guint status = req->response->status;
  const char *phrase = soup_message_get_reason_phrase (req->message);

  if (phrase == NULL || *phrase == '\0')
    phrase = soup_status_get_phrase (status);
  return fetch_error (NF_FETCH_ERROR_HTTP_STATUS, "HTTP %u %s for %s",
                      status, phrase != NULL ? phrase : "", req->current_str);
}

static void
body_done (Request *req)
{
  NfHttpResponse *response = req->response;
  GByteArray *body = g_steal_pointer (&req->body);

  response->body = g_byte_array_free_to_bytes (body);
  g_input_stream_close (req->stream, NULL, NULL);
  g_clear_object (&req->stream);
  attempt_end (req);
  request_finish (req, NULL);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Request *req = data;
  g_autoptr(GError) error = NULL;
  gssize n;
  guint before;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (req->state != REQUEST_RUNNING || req->stream != G_INPUT_STREAM (source))
    {
      request_unref (req);
      return;
    }

  before = req->body->len - READ_CHUNK;
  if (n < 0)
    {
      g_byte_array_set_size (req->body, before);
      attempt_failed (req, attempt_error (req, error), NULL);
    }
  else if (n == 0)
    {
      g_byte_array_set_size (req->body, before);
      body_done (req);
    }
  else
    {
      g_byte_array_set_size (req->body, before + n);
      if (req->body->len > req->max_size)
        {
          g_autoptr(GError) large = fetch_error (NF_FETCH_ERROR_TOO_LARGE,
                                                 "body of %s is larger than max-size (%" G_GUINT64_FORMAT " bytes)",
                                                 req->current_str, req->max_size);
          attempt_end (req);
          request_finish (req, large);
        }
      else
        read_next_chunk (req);
    }

  request_unref (req);
}

/* Room for the whole body when its length is announced (and not
 * compressed), so that a 100 KB page is not copied as it grows; one
 * chunk for the read past the end. */
static guint
initial_body_capacity (Request            *req,
                       SoupMessageHeaders *headers)
{
  goffset length;

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH
      || soup_message_headers_get_one (headers, "Content-Encoding") != NULL)
    return READ_CHUNK;
  length = soup_message_headers_get_content_length (headers);
  return (guint) MIN ((guint64) length, req->max_size) + READ_CHUNK;
}

static void
read_next_chunk (Request *req)
{
  guint length = req->body->len;

  /* Read into the array's tail; on_read trims it to what came. */
  g_byte_array_set_size (req->body, length + READ_CHUNK);
  g_input_stream_read_async (req->stream, req->body->data + length, READ_CHUNK,
                             G_PRIORITY_DEFAULT, req->attempt_cancellable,
                             on_read, request_ref (req));
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Request *req = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  NfHttpResponse *response;
  SoupMessageHeaders *headers;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (req->state != REQUEST_RUNNING)
    {
      request_unref (req);
      return;
    }

  if (stream == NULL)
    {
      attempt_failed (req, attempt_error (req, error), NULL);
      request_unref (req);
      return;
    }

  req->stream = g_steal_pointer (&stream);
  take_response_headers (req);
  response = req->response;
  status = response->status;
  headers = soup_message_get_response_headers (req->message);

  if (is_redirect (status) && soup_message_headers_get_one (headers, "Location") != NULL)
    {
      g_autofree char *location = g_strdup (soup_message_headers_get_one (headers, "Location"));
      follow_redirect (req, location);
    }
  else if (status == SOUP_STATUS_NOT_MODIFIED && req->conditional)
    {
      response->not_modified = TRUE;
      /* what we remembered still holds */
      if (response->etag == NULL)
        response->etag = g_strdup (req->cached_etag);
      if (response->last_modified == NULL)
        response->last_modified = g_strdup (req->cached_last_modified);
      attempt_end (req);
      request_finish (req, NULL);
    }
  else if (status < 200 || status >= 300)
    {
      g_autofree char *retry_after = g_strdup (soup_message_headers_get_one (headers, "Retry-After"));
      attempt_failed (req, http_status_error (req), retry_after);
    }
  else if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
           && (guint64) soup_message_headers_get_content_length (headers) > req->max_size
           && soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    {
      g_autoptr(GError) large = fetch_error (NF_FETCH_ERROR_TOO_LARGE,
                                             "body of %s is larger than max-size (%" G_GUINT64_FORMAT " bytes): "
                                             "Content-Length is %" G_GINT64_FORMAT,
                                             req->current_str, req->max_size,
                                             soup_message_headers_get_content_length (headers));
      attempt_end (req);
      request_finish (req, large);
    }
  else
    {
      req->in_body = TRUE;
      req->body = g_byte_array_sized_new (initial_body_capacity (req, headers));
      read_next_chunk (req);
    }

  request_unref (req);
}

/* ---- The client's thread ---- */

static gboolean
drain_incoming (gpointer data)
{
  NfHttpClient *self = data;
  GQueue batch = G_QUEUE_INIT;
  Request *req;

  g_mutex_lock (&self->lock);
  batch = self->incoming;
  g_queue_init (&self->incoming);
  self->wakeup_pending = FALSE;
  g_mutex_unlock (&self->lock);

  while ((req = g_queue_pop_head (&batch)) != NULL)
    {
      if (self->shutting_down)
        {
          g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                 "fetching %s was cancelled: the client is closing",
                                                 req->uri);
          g_hash_table_add (self->live, req);
          request_finish (req, error);
          continue;
        }
      request_begin (req);
    }

  return G_SOURCE_REMOVE;
}

static gboolean
begin_shutdown (gpointer data)
{
  NfHttpClient *self = data;
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_unref);
  GHashTableIter iter;
  gpointer key;

  self->shutting_down = TRUE;
  drain_incoming (self);

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (requests, request_ref (key));
  for (guint i = 0; i < requests->len; i++)
    on_user_cancelled_in_thread (g_ptr_array_index (requests, i));

  if (g_hash_table_size (self->live) == 0)
    g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

static SoupSession *
create_session (NfHttpClient *self)
{
  SoupSession *session;

  /* Our own limits queue requests before libsoup sees them, so that its
   * queue never eats into our timeouts; its own limits sit just above ours
   * (robots.txt requests come on top). */
  session = soup_session_new_with_options ("max-conns", self->options.max_connections + 8,
                                           "max-conns-per-host", self->options.max_per_host + 2,
                                           "timeout", 0,
                                           "user-agent", self->user_agent,
                                           "proxy-resolver", g_proxy_resolver_get_default (),
                                           NULL);

  /* libsoup 3 decodes gzip, deflate and (when built with it) brotli by
   * itself; make sure the decoder is there. */
  if (!soup_session_has_feature (session, SOUP_TYPE_CONTENT_DECODER))
    soup_session_add_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);
  return session;
}

static gpointer
client_thread (gpointer data)
{
  NfHttpClient *self = data;

  g_main_context_push_thread_default (self->context);
  self->session = create_session (self);

  g_mutex_lock (&self->lock);
  self->ready = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);

  /* Let libsoup finish closing connections on this context. */
  soup_session_abort (self->session);
  g_clear_object (&self->session);
  if (self->pump_timer != NULL)
    {
      g_source_destroy (self->pump_timer);
      g_clear_pointer (&self->pump_timer, g_source_unref);
    }
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/* ---- Public ---- */

static NfHttpClient *
client_new_single (const NfHttpOptions *options)
{
  NfHttpClient *self = g_new0 (NfHttpClient, 1);

  g_return_val_if_fail (options != NULL, NULL);

  NF_DEBUG_CATEGORY_INIT (http_debug, "http", "the soup plugin's HTTP client");

  g_atomic_ref_count_init (&self->ref_count);
  self->options = *options;
  self->options.max_connections = MAX (1, options->max_connections);
  self->options.max_per_host = MAX (1, options->max_per_host);
  self->user_agent = g_strdup (options->user_agent != NULL && *options->user_agent != '\0'
                               ? options->user_agent : "libnewsfilter/" NF_VERSION_S);
  self->cache_dir = g_strdup (options->cache_dir != NULL && *options->cache_dir != '\0'
                              ? options->cache_dir : NULL);
  self->options.user_agent = self->user_agent;
  self->options.cache_dir = self->cache_dir;
  self->product = nf_robots_product_token (self->user_agent);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->incoming);
  g_queue_init (&self->waiting);
  self->hosts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) host_free);
  self->live = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                      (GDestroyNotify) request_unref, NULL);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("nf-http", client_thread, self);

  /* The session must exist before the first request is handed over. */
  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  return self;
}

/* Politeness (robots.txt, a delay between requests to a host) needs one
 * place that sees every request to a host: then there is one shard. */
static guint
shard_count (const NfHttpOptions *options)
{
  guint n = MIN (nf_get_default_threads (), 4u);

  if (options->respect_robots || options->per_host_delay_ms > 0)
    return 1;
  /* every shard may need a connection to every host */
  n = MIN (n, options->max_per_host);
  return MAX (1u, MIN (n, options->max_connections / 8));
}

/* Shard @i's part of @total, so that the parts add up to @total exactly. */
static guint
share_of (guint total,
          guint i,
          guint n)
{
  return total / n + (i < total % n ? 1 : 0);
}

NfHttpClient *
nf_http_client_new (const NfHttpOptions *options)
{
  NfHttpOptions shard_options;
  NfHttpClient *self;
  guint n;

  g_return_val_if_fail (options != NULL, NULL);

  n = shard_count (options);
  self = NULL;
  for (guint i = 0; i < n; i++)
    {
      NfHttpClient *shard;

      shard_options = *options;
      shard_options.max_connections = share_of (MAX (1u, options->max_connections), i, n);
      shard_options.max_per_host = share_of (MAX (1u, options->max_per_host), i, n);
      shard = client_new_single (&shard_options);
      if (self == NULL)
        {
          self = shard;
          self->n_shards = n;
          self->shards = g_new0 (NfHttpClient *, n);
        }
      self->shards[i] = shard;
    }
  return self;
}

NfHttpClient *
nf_http_client_ref (NfHttpClient *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static void
client_free (NfHttpClient *self)
{
  g_hash_table_unref (self->live);
  g_hash_table_unref (self->hosts);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->user_agent);
  g_free (self->cache_dir);
  g_free (self->product);
  g_free (self);
}

/* Dropping the last reference cancels what is still running (callbacks get
 * G_IO_ERROR_CANCELLED) and waits for the thread. Not from a callback: the
 * client's own thread cannot wait for itself. */
void
nf_http_client_unref (NfHttpClient *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_return_if_fail (g_thread_self () != self->thread);

  for (guint i = 1; i < self->n_shards; i++)
    nf_http_client_unref (self->shards[i]);
  g_free (self->shards);

  g_main_context_invoke (self->context, begin_shutdown, self);
  g_thread_join (self->thread);
  client_free (self);
}

/* The client the next request goes to. */
static NfHttpClient *
pick_shard (NfHttpClient *self)
{
  guint turn;

  if (self->n_shards <= 1)
    return self;
  turn = (guint) g_atomic_int_add ((gint *) &self->next_shard, 1);
  return self->shards[turn % self->n_shards];
}

void
nf_http_client_fetch (NfHttpClient   *self,
                      const char     *uri,
                      GCancellable   *cancellable,
                      NfHttpCallback  callback,
                      gpointer        user_data)
{
  Request *req;
  gboolean wake;

  g_return_if_fail (self != NULL);
  g_return_if_fail (uri != NULL);

  self = pick_shard (self);
  req = request_new (self, uri, cancellable, callback, user_data);

  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->incoming, req);
  wake = !self->wakeup_pending;
  self->wakeup_pending = TRUE;
  g_mutex_unlock (&self->lock);

  if (wake)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, drain_incoming, self, NULL);
      g_source_set_static_name (source, "[nf] fetch requests");
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

typedef struct {
  GMutex          lock;
  GCond           cond;
  gboolean        done;
  NfHttpResponse *response;
  GError         *error;
  guint           status;
} SyncFetch;

static void
on_sync_done (NfHttpResponse *response,
              const GError   *error,
              gpointer        user_data)
{
  SyncFetch *sync = user_data;
  NfHttpResponse *copy = NULL;
  guint status = response != NULL ? response->status : 0;

  if (error == NULL)
    {
      /* The client frees its response after the callback: take its parts. */
      copy = g_new0 (NfHttpResponse, 1);
      *copy = *response;
      memset (response, 0, sizeof *response);
    }

  g_mutex_lock (&sync->lock);
  sync->status = status;
  sync->response = copy;
  sync->error = error != NULL ? g_error_copy (error) : NULL;
  sync->done = TRUE;
  g_cond_signal (&sync->cond);
  g_mutex_unlock (&sync->lock);
}

NfHttpResponse *
nf_http_client_fetch_sync (NfHttpClient  *self,
                           const char    *uri,
                           GCancellable  *cancellable,
                           GError       **error)
{
  return nf_http_client_fetch_sync_full (self, uri, cancellable, NULL, error);
}

NfHttpResponse *
nf_http_client_fetch_sync_full (NfHttpClient  *self,
                                const char    *uri,
                                GCancellable  *cancellable,
                                guint         *out_status,
                                GError       **error)
{
  SyncFetch sync = { 0 };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (g_thread_self () != self->thread, NULL);

  g_mutex_init (&sync.lock);
  g_cond_init (&sync.cond);

  nf_http_client_fetch (self, uri, cancellable, on_sync_done, &sync);

  g_mutex_lock (&sync.lock);
  while (!sync.done)
    g_cond_wait (&sync.cond, &sync.lock);
  g_mutex_unlock (&sync.lock);

  g_mutex_clear (&sync.lock);
  g_cond_clear (&sync.cond);

  if (out_status != NULL)
    *out_status = sync.status;
  if (sync.error != NULL)
    {
      g_propagate_error (error, sync.error);
      return NULL;
    }
  return sync.response;
}
