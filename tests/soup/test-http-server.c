/* test-http-server.c: a SoupServer on 127.0.0.1, on a thread of its own
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-http-server.h"

#include <string.h>

/* Under LeakSanitizer: libsoup 3.2's server loses a reference to the socket
 * of some connections it accepted (seen with G_SLICE=always-malloc). Only
 * servers accept, and the code under test is a client, so this hides
 * nothing of ours. */
const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:g_socket_accept\n";
}

typedef struct {
  guint     status;
  char     *content_type;
  GBytes   *body;
  GStrv     headers;      /* name, value, name, value… */
  gboolean  hang;
  guint     delay_ms;
} Canned;

typedef struct {
  TestHttpHandler handler;
  gpointer        user_data;
  GDestroyNotify  destroy;
} Handler;

typedef struct {
  guint               hits;
  SoupMessageHeaders *last_headers;
} PathStats;

typedef struct {
  TestHttpServer  *server;
  GIOStream       *connection;
  TestHttpRawFunc  func;
  gpointer         user_data;
} Raw;

struct _TestHttpServer {
  GTlsCertificate *certificate;   /* https, or NULL */
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *base_url;
  guint16       port;

  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  GHashTable   *canned;     /* path → Canned */
  GHashTable   *handlers;   /* path → Handler */
  GHashTable   *stats;      /* path → PathStats */
  guint         total_hits;
  guint         active;
  guint         max_active;
  guint         delayed_active;
  guint         max_delayed_active;
  GPtrArray    *raw_threads;
  GPtrArray    *stolen;     /* GIOStream, to shut down at the end */
};

static void
canned_free (Canned *canned)
{
  g_free (canned->content_type);
  g_clear_pointer (&canned->body, g_bytes_unref);
  g_strfreev (canned->headers);
  g_free (canned);
}

static void
handler_free (Handler *handler)
{
  if (handler->destroy != NULL)
    handler->destroy (handler->user_data);
  g_free (handler);
}

static void
stats_free (PathStats *stats)
{
  g_clear_pointer (&stats->last_headers, soup_message_headers_unref);
  g_free (stats);
}

/* ---- Answering ---- */

static void
set_canned_response (SoupServerMessage *message,
                     Canned            *canned)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  gsize length = 0;
  const char *data = canned->body ? g_bytes_get_data (canned->body, &length) : NULL;

  soup_server_message_set_status (message, canned->status, NULL);
  for (guint i = 0; canned->headers != NULL && canned->headers[i] != NULL; i += 2)
    soup_message_headers_append (headers, canned->headers[i], canned->headers[i + 1]);
  if (canned->content_type != NULL)
    soup_message_headers_replace (headers, "Content-Type", canned->content_type);
  soup_message_body_append (soup_server_message_get_response_body (message),
                            SOUP_MEMORY_COPY, data != NULL ? data : "", length);
}

typedef struct {
  TestHttpServer    *server;
  SoupServerMessage *message;
  Canned            *canned;
} Delayed;

static gboolean
send_delayed (gpointer data)
{
  Delayed *delayed = data;

  g_mutex_lock (&delayed->server->lock);
  delayed->server->delayed_active--;
  g_mutex_unlock (&delayed->server->lock);
  set_canned_response (delayed->message, delayed->canned);
  soup_server_message_unpause (delayed->message);
  g_object_unref (delayed->message);
  g_free (delayed);
  return G_SOURCE_REMOVE;
}

static void
on_finished (SoupServerMessage *message,
             TestHttpServer    *self)
{
  g_mutex_lock (&self->lock);
  if (!g_object_get_data (G_OBJECT (message), "test-not-active"))
    self->active--;
  g_object_set_data (G_OBJECT (message), "test-not-active", GINT_TO_POINTER (1));
  g_mutex_unlock (&self->lock);
}

static Handler *
find_handler (TestHttpServer *self,
              const char     *path)
{
  Handler *handler = g_hash_table_lookup (self->handlers, path);
  GHashTableIter iter;
  gpointer key, value;
  gsize best = 0;

  if (handler != NULL)
    return handler;

  g_hash_table_iter_init (&iter, self->handlers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gsize n = strlen (key);

      if (n > best && ((const char *) key)[n - 1] == '/' && strncmp (path, key, n) == 0)
        {
          best = n;
          handler = value;
        }
    }
  return handler;
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  TestHttpServer *self = data;
  PathStats *stats;
  Canned *canned;
  Handler *handler;

  g_mutex_lock (&self->lock);
  self->total_hits++;
  self->active++;
  self->max_active = MAX (self->max_active, self->active);
  stats = g_hash_table_lookup (self->stats, path);
  if (stats == NULL)
    {
      stats = g_new0 (PathStats, 1);
      g_hash_table_insert (self->stats, g_strdup (path), stats);
    }
  stats->hits++;
  g_clear_pointer (&stats->last_headers, soup_message_headers_unref);
  stats->last_headers = soup_message_headers_ref (soup_server_message_get_request_headers (message));
  canned = g_hash_table_lookup (self->canned, path);
  handler = canned == NULL ? find_handler (self, path) : NULL;
  g_mutex_unlock (&self->lock);

  g_signal_connect (message, "finished", G_CALLBACK (on_finished), self);

  if (canned != NULL && canned->hang)
    soup_server_message_pause (message);
  else if (canned != NULL && canned->delay_ms > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);
      GSource *source = g_timeout_source_new (canned->delay_ms);

      delayed->server = self;
      delayed->message = g_object_ref (message);
      delayed->canned = canned;
      g_mutex_lock (&self->lock);
      self->delayed_active++;
      self->max_delayed_active = MAX (self->max_delayed_active, self->delayed_active);
      g_mutex_unlock (&self->lock);
      soup_server_message_pause (message);
      g_source_set_callback (source, send_delayed, delayed, NULL);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
  else if (canned != NULL)
    set_canned_response (message, canned);
  else if (handler != NULL)
    handler->handler (self, message, path, handler->user_data);
  else
    soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
}

/* ---- Raw connections ---- */

static gpointer
raw_thread (gpointer data)
{
  Raw *raw = data;

  raw->func (raw->connection, raw->user_data);
  g_io_stream_close (raw->connection, NULL, NULL);
  g_object_unref (raw->connection);
  g_free (raw);
  return NULL;
}

void
test_http_server_steal (TestHttpServer    *self,
                        SoupServerMessage *message,
                        TestHttpRawFunc    func,
                        gpointer           user_data)
{
  Raw *raw = g_new0 (Raw, 1);
  GIOStream *connection;

  connection = soup_server_message_steal_connection (message);
  g_assert_nonnull (connection);

  g_mutex_lock (&self->lock);
  if (!g_object_get_data (G_OBJECT (message), "test-not-active"))
    self->active--;
  g_object_set_data (G_OBJECT (message), "test-not-active", GINT_TO_POINTER (1));
  g_ptr_array_add (self->stolen, g_object_ref (connection));
  g_mutex_unlock (&self->lock);

  raw->server = self;
  raw->connection = connection;
  raw->func = func;
  raw->user_data = user_data;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->raw_threads, g_thread_new ("test-raw", raw_thread, raw));
  g_mutex_unlock (&self->lock);
}

/* ---- The server's thread ---- */

static gpointer
server_thread (gpointer data)
{
  TestHttpServer *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  GSList *listeners;
  g_autoptr(GSocketAddress) local = NULL;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("server-header", "nf-test-server ",
                                  "tls-certificate", self->certificate, NULL);
  soup_server_add_handler (self->server, NULL, on_request, self, NULL);
  soup_server_listen (self->server, address,
                      self->certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0, &error);
  g_assert_no_error (error);

  /* soup_server_get_uris() of libsoup 3.2 leaks an address: ask the socket */
  listeners = soup_server_get_listeners (self->server);
  g_assert_nonnull (listeners);
  local = g_socket_get_local_address (listeners->data, &error);
  g_assert_no_error (error);
  g_slist_free (listeners);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  self->base_url = g_strdup_printf ("%s://127.0.0.1:%u",
                                    self->certificate != NULL ? "https" : "http", self->port);

  g_mutex_lock (&self->lock);
  self->ready = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

TestHttpServer *
test_http_server_new (void)
{
  return test_http_server_new_https (NULL);
}

TestHttpServer *
test_http_server_new_https (GTlsCertificate *certificate)
{
  TestHttpServer *self = g_new0 (TestHttpServer, 1);

  self->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->canned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) canned_free);
  self->handlers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) handler_free);
  self->stats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) stats_free);
  self->raw_threads = g_ptr_array_new ();
  self->stolen = g_ptr_array_new_with_free_func (g_object_unref);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("test-http-server", server_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  return self;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
test_http_server_free (TestHttpServer *self)
{
  if (self == NULL)
    return;

  g_main_context_invoke (self->context, quit_loop, self->loop);
  g_thread_join (self->thread);

  /* Unblock raw handlers still reading or writing, then wait for them. */
  for (guint i = 0; i < self->stolen->len; i++)
    {
      GIOStream *stream = g_ptr_array_index (self->stolen, i);

      if (G_IS_SOCKET_CONNECTION (stream))
        g_socket_shutdown (g_socket_connection_get_socket (G_SOCKET_CONNECTION (stream)),
                           TRUE, TRUE, NULL);
    }
  for (guint i = 0; i < self->raw_threads->len; i++)
    g_thread_join (g_ptr_array_index (self->raw_threads, i));

  g_ptr_array_unref (self->raw_threads);
  g_ptr_array_unref (self->stolen);
  g_hash_table_unref (self->canned);
  g_hash_table_unref (self->handlers);
  g_hash_table_unref (self->stats);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->base_url);
  g_clear_object (&self->certificate);
  g_free (self);
}

const char *
test_http_server_get_base_url (TestHttpServer *self)
{
  return self->base_url;
}

guint16
test_http_server_get_port (TestHttpServer *self)
{
  return self->port;
}

char *
test_http_server_url (TestHttpServer *self,
                      const char     *path)
{
  return g_strconcat (self->base_url, path, NULL);
}

GMainContext *
test_http_server_get_context (TestHttpServer *self)
{
  return self->context;
}

/* ---- Registering answers ---- */

static void
add_canned (TestHttpServer *self,
            const char     *path,
            Canned         *canned)
{
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->canned, g_strdup (path), canned);
  g_mutex_unlock (&self->lock);
}

void
test_http_server_add_response (TestHttpServer *self,
                               const char     *path,
                               guint           status,
                               const char     *content_type,
                               GBytes         *body,
                               ...)
{
  Canned *canned = g_new0 (Canned, 1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *name;
  va_list args;

  canned->status = status;
  canned->content_type = g_strdup (content_type);
  canned->body = body != NULL ? g_bytes_ref (body) : NULL;

  va_start (args, body);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      g_strv_builder_add (builder, name);
      g_strv_builder_add (builder, va_arg (args, const char *));
    }
  va_end (args);
  canned->headers = g_strv_builder_end (builder);

  add_canned (self, path, canned);
}

void
test_http_server_add_text (TestHttpServer *self,
                           const char     *path,
                           guint           status,
                           const char     *content_type,
                           const char     *body)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  test_http_server_add_response (self, path, status, content_type, bytes, NULL);
}

void
test_http_server_add_delayed_text (TestHttpServer *self,
                                   const char     *path,
                                   guint           delay_ms,
                                   const char     *content_type,
                                   const char     *body)
{
  Canned *canned = g_new0 (Canned, 1);

  canned->status = 200;
  canned->content_type = g_strdup (content_type);
  canned->body = g_bytes_new (body, strlen (body));
  canned->delay_ms = delay_ms;
  add_canned (self, path, canned);
}

void
test_http_server_add_hang (TestHttpServer *self,
                           const char     *path)
{
  Canned *canned = g_new0 (Canned, 1);

  canned->hang = TRUE;
  add_canned (self, path, canned);
}

void
test_http_server_add_handler (TestHttpServer  *self,
                              const char      *path,
                              TestHttpHandler  func,
                              gpointer         user_data,
                              GDestroyNotify   destroy)
{
  Handler *handler = g_new0 (Handler, 1);

  handler->handler = func;
  handler->user_data = user_data;
  handler->destroy = destroy;

  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->handlers, g_strdup (path), handler);
  g_mutex_unlock (&self->lock);
}

/* ---- What the server saw ---- */

guint
test_http_server_get_hits (TestHttpServer *self,
                           const char     *path)
{
  PathStats *stats;
  guint hits;

  g_mutex_lock (&self->lock);
  stats = g_hash_table_lookup (self->stats, path);
  hits = stats != NULL ? stats->hits : 0;
  g_mutex_unlock (&self->lock);
  return hits;
}

guint
test_http_server_get_total_hits (TestHttpServer *self)
{
  guint hits;

  g_mutex_lock (&self->lock);
  hits = self->total_hits;
  g_mutex_unlock (&self->lock);
  return hits;
}

char *
test_http_server_get_last_header (TestHttpServer *self,
                                  const char     *path,
                                  const char     *header)
{
  PathStats *stats;
  char *value = NULL;

  g_mutex_lock (&self->lock);
  stats = g_hash_table_lookup (self->stats, path);
  if (stats != NULL && stats->last_headers != NULL)
    value = g_strdup (soup_message_headers_get_list (stats->last_headers, header));
  g_mutex_unlock (&self->lock);
  return value;
}

guint
test_http_server_get_max_active (TestHttpServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->max_active;
  g_mutex_unlock (&self->lock);
  return n;
}

guint
test_http_server_get_max_delayed (TestHttpServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->max_delayed_active;
  g_mutex_unlock (&self->lock);
  return n;
}

void
test_http_server_reset_stats (TestHttpServer *self)
{
  g_mutex_lock (&self->lock);
  g_hash_table_remove_all (self->stats);
  self->total_hits = 0;
  self->max_active = self->active;
  self->max_delayed_active = self->delayed_active;
  g_mutex_unlock (&self->lock);
}
