/* test-http-server.h: a SoupServer on 127.0.0.1, on a thread of its own,
 * for the soup plugin's tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The server runs its own GMainContext on its own thread, so a test can
 * block in nf_pipeline_run() on its main thread while the server answers.
 *
 *   TestHttpServer *server = test_http_server_new ();
 *   test_http_server_add_text (server, "/a", 200, "text/html", "<p>hi</p>");
 *   g_autofree char *url = test_http_server_url (server, "/a");
 *   …
 *   g_assert_cmpuint (test_http_server_get_hits (server, "/a"), ==, 1);
 *   test_http_server_free (server);
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _TestHttpServer TestHttpServer;

/* Runs on the server's thread for each request to its path. It sets the
 * response (soup_server_message_set_status/_set_response…), may pause the
 * message, or steal the connection with test_http_server_steal(). */
typedef void (*TestHttpHandler) (TestHttpServer    *server,
                                 SoupServerMessage *message,
                                 const char        *path,
                                 gpointer           user_data);

/* Runs on a thread of its own with the raw connection of a stolen request,
 * for blocking I/O (responses cut short, bodies that never end…). The
 * connection is closed after it returns. */
typedef void (*TestHttpRawFunc) (GIOStream *connection,
                                 gpointer   user_data);

/* Starts listening on a random port of 127.0.0.1. */
TestHttpServer *test_http_server_new               (void);
/* The same over https, with @certificate (its private key included). */
TestHttpServer *test_http_server_new_https         (GTlsCertificate *certificate);
void            test_http_server_free              (TestHttpServer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestHttpServer, test_http_server_free)

/* "http://127.0.0.1:PORT" (or https), without a trailing slash */
const char     *test_http_server_get_base_url      (TestHttpServer *self);
guint16         test_http_server_get_port          (TestHttpServer *self);
/* base URL + @path */
char           *test_http_server_url               (TestHttpServer *self,
                                                    const char     *path);
GMainContext   *test_http_server_get_context       (TestHttpServer *self);

/* A canned response for @path: @status, a Content-Type (NULL: none), the
 * body and more headers as NULL-terminated name, value pairs. */
void            test_http_server_add_response      (TestHttpServer *self,
                                                    const char     *path,
                                                    guint           status,
                                                    const char     *content_type,
                                                    GBytes         *body,
                                                    ...) G_GNUC_NULL_TERMINATED;
void            test_http_server_add_text          (TestHttpServer *self,
                                                    const char     *path,
                                                    guint           status,
                                                    const char     *content_type,
                                                    const char     *body);
/* A 200 answer sent @delay_ms after the request came. */
void            test_http_server_add_delayed_text  (TestHttpServer *self,
                                                    const char     *path,
                                                    guint           delay_ms,
                                                    const char     *content_type,
                                                    const char     *body);
/* A request to @path gets no answer: the server holds it until it stops. */
void            test_http_server_add_hang          (TestHttpServer *self,
                                                    const char     *path);
/* @path is matched exactly, or as a prefix when it ends with '/' (the
 * longest such prefix wins). */
void            test_http_server_add_handler       (TestHttpServer *self,
                                                    const char     *path,
                                                    TestHttpHandler handler,
                                                    gpointer        user_data,
                                                    GDestroyNotify  destroy);

/* From a handler: takes the connection away from libsoup and gives it to
 * @func on a new thread. */
void            test_http_server_steal             (TestHttpServer    *self,
                                                    SoupServerMessage *message,
                                                    TestHttpRawFunc    func,
                                                    gpointer           user_data);

/* What the server saw: requests to @path (exactly), all requests, and a
 * header of the last request to @path (NULL if none). */
guint           test_http_server_get_hits          (TestHttpServer *self,
                                                    const char     *path);
guint           test_http_server_get_total_hits    (TestHttpServer *self);
char           *test_http_server_get_last_header   (TestHttpServer *self,
                                                    const char     *path,
                                                    const char     *header);
/* The most requests that were being answered at the same time (hanging
 * ones included), and the most delayed answers waiting at once. */
guint           test_http_server_get_max_active    (TestHttpServer *self);
guint           test_http_server_get_max_delayed   (TestHttpServer *self);
void            test_http_server_reset_stats       (TestHttpServer *self);

G_END_DECLS
