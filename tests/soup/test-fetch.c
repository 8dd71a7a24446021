/* test-fetch.c: the HTTP client, `fetch` and `fetchsrc` against a local server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <newsfilter.h>

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <brotli/encode.h>

#include "test-http-server.h"
#include "nf-fetch-error.h"
#include "nf-http-client.h"
#include "nf-http-robots.h"

static TestHttpServer *server;

/* ---- Helpers ---- */

static NfElement *
make_element (const char *factory)
{
  g_autoptr(GError) error = NULL;
  NfElement *element = nf_element_factory_make (factory, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (element);
  return element;
}

/* What came out of a pipeline run. */
typedef struct {
  GPtrArray *documents;   /* NfDocument, in sink order */
  GPtrArray *warnings;    /* NfMessage */
  GPtrArray *errors;      /* NfMessage */
  gdouble    seconds;
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  g_ptr_array_unref (outcome->documents);
  g_ptr_array_unref (outcome->warnings);
  g_ptr_array_unref (outcome->errors);
  g_free (outcome);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Outcome, outcome_free)

static void
on_message (NfBus     *bus,
            NfMessage *message,
            Outcome   *outcome)
{
  if (nf_message_get_message_type (message) == NF_MESSAGE_WARNING)
    g_ptr_array_add (outcome->warnings, nf_message_ref (message));
  else if (nf_message_get_message_type (message) == NF_MESSAGE_ERROR)
    g_ptr_array_add (outcome->errors, nf_message_ref (message));
}

/* Runs @source ! [@filter !] appsink, returns what came out. */
static Outcome *
run_pipeline (NfElement *source,
              NfElement *filter,
              guint      max_in_flight,
              gboolean   expect_ok)
{
  g_autoptr(NfPipeline) pipeline = nf_pipeline_new (NULL);
  g_autoptr(GError) error = NULL;
  NfElement *sink = make_element ("appsink");
  Outcome *outcome = g_new0 (Outcome, 1);
  NfDocument *document;
  gint64 start;
  gboolean ok;

  outcome->documents = g_ptr_array_new_with_free_func (g_object_unref);
  outcome->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_message_unref);
  outcome->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_message_unref);

  g_assert_true (nf_pipeline_add (pipeline, source, &error));
  if (filter != NULL)
    g_assert_true (nf_pipeline_add (pipeline, filter, &error));
  g_assert_true (nf_pipeline_add (pipeline, sink, &error));
  if (filter != NULL)
    g_assert_true (nf_element_link_many (source, &error, filter, sink, NULL));
  else
    g_assert_true (nf_element_link (source, sink, &error));
  g_assert_no_error (error);
  if (max_in_flight > 0)
    nf_pipeline_set_max_in_flight (pipeline, max_in_flight);

  g_signal_connect (nf_pipeline_get_bus (pipeline), "message", G_CALLBACK (on_message), outcome);

  start = g_get_monotonic_time ();
  ok = nf_pipeline_run (pipeline, NULL, &error);
  outcome->seconds = (g_get_monotonic_time () - start) / 1e6;
  if (expect_ok)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpuint (outcome->errors->len, ==, 0);
    }

  while ((document = nf_app_sink_pull_document (NF_APP_SINK (sink))) != NULL)
    g_ptr_array_add (outcome->documents, document);

  g_signal_handlers_disconnect_by_data (nf_pipeline_get_bus (pipeline), outcome);
  g_object_unref (source);
  if (filter != NULL)
    g_object_unref (filter);
  g_object_unref (sink);
  return outcome;
}

/* appsrc with documents doc1… for @uris (NULL: no uri) ! fetch (with the
 * NULL-terminated properties) ! appsink */
static Outcome *
fetch_uris (const char * const *uris,
            guint               n_uris,
            guint               max_in_flight,
            const char         *first_property,
            ...)
{
  NfElement *source = make_element ("appsrc");
  NfElement *fetch = make_element ("fetch");
  va_list args;

  va_start (args, first_property);
  if (first_property != NULL)
    g_object_set_valist (G_OBJECT (fetch), first_property, args);
  va_end (args);

  for (guint i = 0; i < n_uris; i++)
    {
      g_autofree char *id = g_strdup_printf ("doc%u", i + 1);
      g_autoptr(NfDocument) document = nf_document_new (id);

      if (uris[i] != NULL)
        nf_document_set_uri (document, uris[i]);
      nf_app_src_push_document (NF_APP_SRC (source), document);
    }
  nf_app_src_end_of_stream (NF_APP_SRC (source));

  return run_pipeline (source, fetch, max_in_flight, TRUE);
}

/* Fetches one URL with `fetch` and the given properties. */
#define fetch_one(uri, ...) \
  fetch_uris ((const char * const[]) { (uri) }, 1, 0, __VA_ARGS__)

static NfDocument *
only_document (Outcome *outcome)
{
  g_assert_cmpuint (outcome->documents->len, ==, 1);
  return g_ptr_array_index (outcome->documents, 0);
}

static char *
content_of (NfDocument *document)
{
  GBytes *content = nf_document_get_content (document);
  gsize length;
  const char *data;

  g_assert_nonnull (content);
  data = g_bytes_get_data (content, &length);
  return g_strndup (data, length);
}

static gint64
meta_int (NfDocument *document,
          const char *key)
{
  JsonNode *node = nf_document_get_meta_node (document, key);

  g_assert_nonnull (node);
  return json_node_get_int (node);
}

static void
assert_ok (NfDocument *document,
           const char *content,
           const char *content_type)
{
  g_autofree char *text = NULL;

  if (nf_document_has_error (document))
    g_error ("%s failed: %s", nf_document_get_id (document),
             nf_document_get_error (document)->message);
  text = content_of (document);
  g_assert_cmpstr (text, ==, content);
  g_assert_cmpstr (nf_document_get_content_type (document), ==, content_type);
  g_assert_cmpint (meta_int (document, "fetch.status"), ==, 200);
}

/* The document failed with @code; @message, if given, is its exact text. */
static void
assert_failed (NfDocument   *document,
               NfFetchError  code,
               guint         http_status,
               const char   *message)
{
  const GError *error = nf_document_get_error (document);

  g_assert_nonnull (error);
  if (error->domain != NF_FETCH_ERROR || error->code != (int) code)
    g_error ("%s: expected nf-fetch-error %d, got %s %d: %s", nf_document_get_id (document),
             code, g_quark_to_string (error->domain), error->code, error->message);
  g_assert_cmpuint (nf_document_get_http_status (document), ==, http_status);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
  g_assert_null (nf_document_get_content (document));
}

static char *
url (const char *path)
{
  return test_http_server_url (server, path);
}

/* ---- Charsets ---- */

#define RU_TEXT "Министерство иностранных дел России в понедельник заявило, что переговоры " \
  "о новых экспортных ограничениях продолжатся на следующей неделе. Представитель ведомства " \
  "сообщил журналистам, что стороны обсудили поставки зерна, удобрений и энергоносителей, " \
  "а также сроки возможного соглашения между правительствами."
#define PL_TEXT "Zażółć gęślą jaźń. Minister spraw zagranicznych powiedział w poniedziałek, " \
  "że rozmowy o nowych ograniczeniach eksportowych będą kontynuowane w przyszłym tygodniu."
#define JA_TEXT "外務省は月曜日、新しい輸出規制に関する協議が来週も続くと発表した。" \
  "報道官は記者団に対し、双方が穀物や肥料、エネルギーの供給について話し合ったと述べた。" \
  "政府関係者によると、合意の時期はまだ決まっていないという。"

typedef struct {
  const char *path;
  const char *encoding;      /* iconv name the page is written in */
  const char *content_type;  /* the header, NULL for none */
  const char *meta;          /* in <head>, or NULL */
  const char *text;          /* UTF-8 */
  const char *charset;       /* what the decoder should say it used */
} CharsetCase;

static const CharsetCase charset_cases[] = {
  { "/cs/utf8-header", "UTF-8", "text/html; charset=utf-8", NULL, RU_TEXT, "utf-8" },
  { "/cs/utf8-nowhere", "UTF-8", "text/html", NULL, JA_TEXT, "utf-8" },
  { "/cs/1251-header", "WINDOWS-1251", "text/html; charset=windows-1251", NULL, RU_TEXT, "windows-1251" },
  { "/cs/1251-header-quoted", "WINDOWS-1251", "text/html; charset=\"CP1251\"", NULL, RU_TEXT, "windows-1251" },
  { "/cs/1251-meta", "WINDOWS-1251", "text/html", "<meta charset=\"windows-1251\">", RU_TEXT, "windows-1251" },
  { "/cs/1251-nowhere", "WINDOWS-1251", "text/html", NULL, RU_TEXT, "windows-1251" },
  { "/cs/1251-no-content-type", "WINDOWS-1251", NULL, "<meta charset=\"windows-1251\">", RU_TEXT, "windows-1251" },
  { "/cs/1251-header-beats-meta", "WINDOWS-1251", "text/html; charset=windows-1251",
    "<meta charset=\"iso-8859-5\">", RU_TEXT, "windows-1251" },
  { "/cs/8859-2-header", "ISO-8859-2", "text/html; charset=ISO-8859-2", NULL, PL_TEXT, "iso-8859-2" },
  { "/cs/8859-2-meta", "ISO-8859-2", "text/html",
    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-2\">", PL_TEXT, "iso-8859-2" },
  { "/cs/sjis-header", "SHIFT_JIS", "text/html; charset=Shift_JIS", NULL, JA_TEXT, "shift_jis" },
  { "/cs/sjis-meta", "SHIFT_JIS", "text/html", "<meta charset=\"shift_jis\">", JA_TEXT, "shift_jis" },
  { "/cs/sjis-nowhere", "SHIFT_JIS", "text/html", NULL, JA_TEXT, "shift_jis" },
  { "/cs/plain-1251", "WINDOWS-1251", "text/plain; charset=windows-1251", NULL, RU_TEXT, "windows-1251" },
};

static char *
page_html (const CharsetCase *c)
{
  if (g_str_has_prefix (c->path, "/cs/plain"))
    return g_strdup (c->text);
  return g_strdup_printf ("<!DOCTYPE html>\n<html><head>%s<title>News</title></head>"
                          "<body><p>%s</p></body></html>\n",
                          c->meta != NULL ? c->meta : "", c->text);
}

static void
test_charsets (void)
{
  const guint n = G_N_ELEMENTS (charset_cases);
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(Outcome) outcome = NULL;

  for (guint i = 0; i < n; i++)
    {
      const CharsetCase *c = &charset_cases[i];
      g_autofree char *html = page_html (c);
      g_autoptr(GError) error = NULL;
      gsize length;
      g_autofree char *encoded = g_convert (html, -1, c->encoding, "UTF-8", NULL, &length, &error);
      g_autoptr(GBytes) body = NULL;

      g_assert_no_error (error);
      body = g_bytes_new (encoded, length);
      test_http_server_add_response (server, c->path, 200, c->content_type, body, NULL);
      g_ptr_array_add (uris, url (c->path));
    }

  outcome = fetch_uris ((const char * const *) uris->pdata, n, 0, NULL);
  g_assert_cmpuint (outcome->documents->len, ==, n);
  g_assert_cmpuint (outcome->warnings->len, ==, 0);

  for (guint i = 0; i < n; i++)
    {
      const CharsetCase *c = &charset_cases[i];
      NfDocument *document = g_ptr_array_index (outcome->documents, i);
      g_autofree char *expected = page_html (c);
      const char *expected_type = g_str_has_prefix (c->path, "/cs/plain")
                                  ? "text/plain; charset=utf-8" : "text/html; charset=utf-8";

      g_test_message ("%s", c->path);
      assert_ok (document, expected, expected_type);
      g_assert_cmpstr (nf_document_get_meta_string (document, "fetch.charset"), ==, c->charset);
      g_assert_cmpstr (nf_document_get_meta_string (document, "fetch.content_type"), ==, c->content_type);
      g_assert_cmpstr (nf_document_get_uri (document), ==, g_ptr_array_index (uris, i));
      g_assert_null (nf_document_get_meta_node (document, "fetch.final_uri"));
    }
}

/* ---- Content encodings ---- */

static GBytes *
zlib_compress (GBytes                *data,
               GZlibCompressorFormat  format)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (format, 6);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) stream = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;
  gsize length;
  const void *bytes = g_bytes_get_data (data, &length);

  g_output_stream_write_all (stream, bytes, length, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static GBytes *
brotli_compress (GBytes *data)
{
  gsize length;
  const guint8 *bytes = g_bytes_get_data (data, &length);
  size_t out_size = BrotliEncoderMaxCompressedSize (length);
  guint8 *out = g_malloc (out_size);

  g_assert_true (BrotliEncoderCompress (BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW,
                                        BROTLI_MODE_TEXT, length, bytes, &out_size, out));
  return g_bytes_new_take (out, out_size);
}

static void
test_content_encodings (void)
{
  g_autoptr(GString) page = g_string_new ("<html><body>");
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) gzip = NULL;
  g_autoptr(GBytes) deflate = NULL;
  g_autoptr(GBytes) brotli = NULL;
  g_autofree char *u1 = url ("/enc/gzip");
  g_autofree char *u2 = url ("/enc/deflate");
  g_autofree char *u3 = url ("/enc/br");
  g_autoptr(Outcome) outcome = NULL;
  g_autofree char *accept = NULL;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (page, "<p>Paragraph %u of a long article — ünïcödé.</p>\n", i);
  g_string_append (page, "</body></html>\n");
  plain = g_bytes_new (page->str, page->len);
  gzip = zlib_compress (plain, G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  deflate = zlib_compress (plain, G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
  brotli = brotli_compress (plain);
  g_assert_cmpuint (g_bytes_get_size (brotli), <, page->len / 4);

  test_http_server_add_response (server, "/enc/gzip", 200, "text/html; charset=utf-8", gzip,
                                 "Content-Encoding", "gzip", NULL);
  test_http_server_add_response (server, "/enc/deflate", 200, "text/html; charset=utf-8", deflate,
                                 "Content-Encoding", "deflate", NULL);
  test_http_server_add_response (server, "/enc/br", 200, "text/html; charset=utf-8", brotli,
                                 "Content-Encoding", "br", NULL);

  outcome = fetch_uris ((const char * const[]) { u1, u2, u3 }, 3, 0, NULL);
  g_assert_cmpuint (outcome->documents->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    assert_ok (g_ptr_array_index (outcome->documents, i), page->str, "text/html; charset=utf-8");

  accept = test_http_server_get_last_header (server, "/enc/br", "Accept-Encoding");
  g_assert_nonnull (accept);
  g_assert_nonnull (strstr (accept, "gzip"));
  g_assert_nonnull (strstr (accept, "deflate"));
  g_test_message ("Accept-Encoding: %s", accept);
  g_assert_nonnull (strstr (accept, "br"));
}

/* ---- Redirects ---- */

static void
test_redirects (void)
{
  g_autofree char *start = url ("/redir/start");
  g_autofree char *loop = url ("/redir/loop-a");
  g_autofree char *chain = url ("/redir/chain1");
  g_autofree char *to_ftp = url ("/redir/to-ftp");
  g_autofree char *final = url ("/redir/final");
  g_autofree char *loop_a = url ("/redir/loop-a");
  g_autofree char *loop_b = url ("/redir/loop-b");
  g_autofree char *message = NULL;
  g_autoptr(Outcome) outcome = NULL;
  NfDocument *document;

  test_http_server_add_response (server, "/redir/start", 302, NULL, NULL, "Location", "middle", NULL);
  test_http_server_add_response (server, "/redir/middle", 301, NULL, NULL, "Location", final, NULL);
  test_http_server_add_text (server, "/redir/final", 200, "text/html", "<p>arrived</p>");
  test_http_server_add_response (server, "/redir/loop-a", 302, NULL, NULL, "Location", "/redir/loop-b", NULL);
  test_http_server_add_response (server, "/redir/loop-b", 307, NULL, NULL, "Location", "/redir/loop-a", NULL);
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *path = g_strdup_printf ("/redir/chain%u", i);
      g_autofree char *next = g_strdup_printf ("/redir/chain%u", i + 1);

      test_http_server_add_response (server, path, 308, NULL, NULL, "Location", next, NULL);
    }
  test_http_server_add_response (server, "/redir/to-ftp", 302, NULL, NULL,
                                 "Location", "ftp://example.org/file.html", NULL);

  outcome = fetch_uris ((const char * const[]) { start, loop, chain, to_ftp }, 4, 0,
                        "max-redirects", 3, NULL);
  g_assert_cmpuint (outcome->documents->len, ==, 4);
  g_assert_cmpuint (outcome->warnings->len, ==, 3);

  document = g_ptr_array_index (outcome->documents, 0);
  assert_ok (document, "<p>arrived</p>", "text/html; charset=utf-8");
  g_assert_cmpstr (nf_document_get_meta_string (document, "fetch.final_uri"), ==, final);
  g_assert_cmpstr (nf_document_get_uri (document), ==, start);

  message = g_strdup_printf ("redirect loop: %s redirects back to %s", loop_b, loop_a);
  assert_failed (g_ptr_array_index (outcome->documents, 1), NF_FETCH_ERROR_TOO_MANY_REDIRECTS, 0, message);
  g_clear_pointer (&message, g_free);

  {
    g_autofree char *chain5 = url ("/redir/chain5");
    message = g_strdup_printf ("more than 3 redirects fetching %s (the last to %s)", chain, chain5);
  }
  assert_failed (g_ptr_array_index (outcome->documents, 2), NF_FETCH_ERROR_TOO_MANY_REDIRECTS, 0, message);
  g_clear_pointer (&message, g_free);
  g_assert_cmpuint (test_http_server_get_hits (server, "/redir/chain4"), ==, 1);
  g_assert_cmpuint (test_http_server_get_hits (server, "/redir/chain5"), ==, 0);

  message = g_strdup_printf ("redirect from %s to ftp://example.org/file.html refused: only http and https", to_ftp);
  assert_failed (g_ptr_array_index (outcome->documents, 3), NF_FETCH_ERROR_REDIRECT_REFUSED, 0, message);
}

/* ---- HTTP errors and retries ---- */

static void
flaky_handler (TestHttpServer    *self,
               SoupServerMessage *message,
               const char        *path,
               gpointer           user_data)
{
  guint hits = test_http_server_get_hits (self, path);

  if (hits == 1)
    {
      if (g_str_has_suffix (path, "/429"))
        {
          soup_server_message_set_status (message, 429, NULL);
          soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                        "Retry-After", "1");
        }
      else
        soup_server_message_set_status (message, 500, NULL);
      return;
    }
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_COPY, "second time lucky", 17);
}

static void
test_http_errors (void)
{
  g_autofree char *missing = url ("/missing");
  g_autofree char *gone = url ("/err/503");
  g_autofree char *message = g_strdup_printf ("HTTP 404 Not Found for %s", missing);
  g_autofree char *message_503 = g_strdup_printf ("HTTP 503 Service Unavailable for %s", gone);
  g_autoptr(Outcome) outcome = NULL;
  const GError *error;

  test_http_server_add_text (server, "/err/503", 503, "text/html", "<p>down</p>");

  outcome = fetch_uris ((const char * const[]) { missing, gone }, 2, 0, "retries", 1, NULL);
  g_assert_cmpuint (outcome->documents->len, ==, 2);
  assert_failed (g_ptr_array_index (outcome->documents, 0), NF_FETCH_ERROR_HTTP_STATUS, 404, message);
  assert_failed (g_ptr_array_index (outcome->documents, 1), NF_FETCH_ERROR_HTTP_STATUS, 503, message_503);
  /* a 404 is not retried; a 503 is, once */
  g_assert_cmpuint (test_http_server_get_hits (server, "/missing"), ==, 1);
  g_assert_cmpuint (test_http_server_get_hits (server, "/err/503"), ==, 2);

  /* each failure is a WARNING naming the document */
  g_assert_cmpuint (outcome->warnings->len, ==, 2);
  error = nf_message_get_error (g_ptr_array_index (outcome->warnings, 0));
  g_assert_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_HTTP_STATUS);
}

static void
test_retry_500_then_200 (void)
{
  g_autofree char *u = url ("/flaky/500");
  g_autoptr(Outcome) outcome = NULL;
  NfDocument *document;

  test_http_server_add_handler (server, "/flaky/", flaky_handler, NULL, NULL);
  outcome = fetch_one (u, NULL);
  document = only_document (outcome);
  assert_ok (document, "second time lucky", "text/plain; charset=utf-8");
  g_assert_cmpint (meta_int (document, "fetch.attempts"), ==, 2);
  g_assert_cmpuint (test_http_server_get_hits (server, "/flaky/500"), ==, 2);
  /* one back-off of 0.5 s ± 25 % */
  g_assert_cmpfloat (outcome->seconds, >=, 0.35);
  g_assert_cmpfloat (outcome->seconds, <, 5);
}

static void
test_retry_after (void)
{
  g_autofree char *u = url ("/flaky/429");
  g_autoptr(Outcome) outcome = NULL;
  NfDocument *document;

  test_http_server_add_handler (server, "/flaky/", flaky_handler, NULL, NULL);
  outcome = fetch_one (u, NULL);
  document = only_document (outcome);
  assert_ok (document, "second time lucky", "text/plain; charset=utf-8");
  g_assert_cmpint (meta_int (document, "fetch.attempts"), ==, 2);
  /* Retry-After: 1 is honoured */
  g_assert_cmpfloat (outcome->seconds, >=, 0.95);
  g_assert_cmpfloat (outcome->seconds, <, 5);
}

/* ---- Timeouts, dropped connections, sizes ---- */

/* A listening socket nobody accepts from: connections succeed (the kernel
 * queues them) and no byte ever comes back. */
static GSocket *
black_hole (guint16 *port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_set_listen_backlog (socket, 64);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return socket;
}

static void
test_timeout (void)
{
  g_autoptr(GSocket) hole = NULL;
  guint16 port;
  g_autofree char *u = NULL;
  g_autofree char *message = NULL;
  g_autoptr(Outcome) outcome = NULL;

  hole = black_hole (&port);
  u = g_strdup_printf ("http://127.0.0.1:%u/never", port);
  message = g_strdup_printf ("timed out after 300 ms fetching %s", u);

  outcome = fetch_one (u, "timeout", 300, "retries", 0, NULL);
  assert_failed (only_document (outcome), NF_FETCH_ERROR_TIMEOUT, 0, message);
  g_assert_cmpfloat (outcome->seconds, >=, 0.29);
  g_assert_cmpfloat (outcome->seconds, <, 2);
}

static void
test_timeout_retried (void)
{
  g_autofree char *u = url ("/hang/retried");
  g_autoptr(Outcome) outcome = NULL;

  test_http_server_add_hang (server, "/hang/retried");
  outcome = fetch_one (u, "timeout", 200, "retries", 1, NULL);
  assert_failed (only_document (outcome), NF_FETCH_ERROR_TIMEOUT, 0, NULL);
  g_assert_cmpuint (test_http_server_get_hits (server, "/hang/retried"), ==, 2);
  /* two attempts of 200 ms and a back-off of 0.5 s ± 25 % */
  g_assert_cmpfloat (outcome->seconds, >=, 0.75);
  g_assert_cmpfloat (outcome->seconds, <, 3);
}

static void
write_truncated (GIOStream *connection,
                 gpointer   user_data)
{
  GOutputStream *out = g_io_stream_get_output_stream (connection);
  const char *head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10000\r\n\r\n";
  char body[100];

  memset (body, 'x', sizeof body);
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, body, sizeof body, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  /* and hang up */
}

static void
truncated_handler (TestHttpServer    *self,
                   SoupServerMessage *message,
                   const char        *path,
                   gpointer           user_data)
{
  test_http_server_steal (self, message, write_truncated, NULL);
}

static void
test_truncated (void)
{
  g_autofree char *u = url ("/raw/truncated");
  g_autoptr(Outcome) outcome = NULL;
  const GError *error;

  test_http_server_add_handler (server, "/raw/truncated", truncated_handler, NULL, NULL);
  outcome = fetch_one (u, "retries", 1, NULL);
  assert_failed (only_document (outcome), NF_FETCH_ERROR_TRUNCATED, 0, NULL);
  /* a dropped connection is worth another try */
  g_assert_cmpuint (test_http_server_get_hits (server, "/raw/truncated"), ==, 2);
  error = nf_document_get_error (only_document (outcome));
  g_assert_true (g_str_has_prefix (error->message, "the connection dropped in the middle of the body of "));
  g_assert_nonnull (strstr (error->message, "after 100 bytes"));
}

/* The endless body: written until the client hangs up. */
typedef struct {
  GMutex   lock;
  guint64  written;
  gboolean ended;
  gboolean write_failed;
} Endless;

#define ENDLESS_TOTAL (G_GUINT64_CONSTANT (256) * 1024 * 1024)

static void
write_endless (GIOStream *connection,
               gpointer   user_data)
{
  Endless *endless = user_data;
  GOutputStream *out = g_io_stream_get_output_stream (connection);
  const char *head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n";
  g_autofree char *block = g_malloc (64 * 1024);
  guint64 written = 0;
  gboolean failed = FALSE;

  memset (block, 'y', 64 * 1024);
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  while (written < ENDLESS_TOTAL)
    {
      gsize n = 0;

      if (!g_output_stream_write_all (out, block, 64 * 1024, &n, NULL, NULL))
        {
          failed = TRUE;
          break;
        }
      written += n;
    }

  g_mutex_lock (&endless->lock);
  endless->written = written;
  endless->write_failed = failed;
  endless->ended = TRUE;
  g_mutex_unlock (&endless->lock);
}

static void
endless_handler (TestHttpServer    *self,
                 SoupServerMessage *message,
                 const char        *path,
                 gpointer           user_data)
{
  test_http_server_steal (self, message, write_endless, user_data);
}

static void
test_too_large (void)
{
  static Endless endless;
  g_autofree char *u = url ("/raw/endless");
  g_autofree char *declared = url ("/large/declared");
  g_autofree char *message = g_strdup_printf ("body of %s is larger than max-size (1048576 bytes)", u);
  g_autofree char *big = g_malloc0 (2 * 1024 * 1024);
  g_autoptr(GBytes) big_body = NULL;
  g_autoptr(Outcome) outcome = NULL;
  gint64 deadline;
  gboolean ended;

  g_mutex_init (&endless.lock);
  test_http_server_add_handler (server, "/raw/endless", endless_handler, &endless, NULL);
  memset (big, 'z', 2 * 1024 * 1024);
  big_body = g_bytes_new_take (g_steal_pointer (&big), 2 * 1024 * 1024);
  test_http_server_add_response (server, "/large/declared", 200, "text/plain", big_body, NULL);

  outcome = fetch_uris ((const char * const[]) { u, declared }, 2, 0,
                        "max-size", (guint64) 1024 * 1024, NULL);
  assert_failed (g_ptr_array_index (outcome->documents, 0), NF_FETCH_ERROR_TOO_LARGE, 0, message);
  g_clear_pointer (&message, g_free);
  message = g_strdup_printf ("body of %s is larger than max-size (1048576 bytes): Content-Length is 2097152",
                             declared);
  assert_failed (g_ptr_array_index (outcome->documents, 1), NF_FETCH_ERROR_TOO_LARGE, 0, message);

  /* The server sees the connection closed long before it sent everything. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      g_mutex_lock (&endless.lock);
      ended = endless.ended;
      g_mutex_unlock (&endless.lock);
      if (!ended)
        g_usleep (10000);
    }
  while (!ended && g_get_monotonic_time () < deadline);

  g_assert_true (ended);
  g_assert_true (endless.write_failed);
  g_test_message ("the server wrote %" G_GUINT64_FORMAT " bytes before the client hung up",
                  endless.written);
  g_assert_cmpuint (endless.written, <, 32 * 1024 * 1024);
  g_assert_cmpfloat (outcome->seconds, <, 5);
}

/* ---- Refusals ---- */

static void
test_not_text (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  g_autoptr(GBytes) body = g_bytes_new_static (png, sizeof png);
  g_autofree char *u = url ("/image.png");
  g_autofree char *u2 = url ("/untyped.bin");
  g_autofree char *message = g_strdup_printf ("%s is image/png, not text", u);
  g_autoptr(Outcome) outcome = NULL;

  test_http_server_add_response (server, "/image.png", 200, "image/png", body, NULL);
  test_http_server_add_response (server, "/untyped.bin", 200, NULL, body, NULL);
  outcome = fetch_uris ((const char * const[]) { u, u2 }, 2, 0, NULL);
  assert_failed (g_ptr_array_index (outcome->documents, 0), NF_FETCH_ERROR_NOT_TEXT, 0, message);
  /* without a Content-Type, the bytes tell */
  assert_failed (g_ptr_array_index (outcome->documents, 1), NF_FETCH_ERROR_NOT_TEXT, 0, NULL);
}

static void
test_forbidden_address (void)
{
  g_autofree char *u = url ("/private/page");
  g_autofree char *by_name = g_strdup_printf ("http://localhost:%u/private/page",
                                              test_http_server_get_port (server));
  g_autofree char *message = g_strdup ("127.0.0.1 resolves to 127.0.0.1, a loopback address, "
                                       "and allow-private is false");
  g_autoptr(Outcome) outcome = NULL;
  g_autoptr(Outcome) allowed = NULL;

  test_http_server_add_text (server, "/private/page", 200, "text/html", "<p>secret</p>");
  outcome = fetch_uris ((const char * const[]) { u, by_name }, 2, 0,
                        "allow-private", FALSE, "retries", 0, NULL);
  assert_failed (g_ptr_array_index (outcome->documents, 0), NF_FETCH_ERROR_FORBIDDEN_ADDRESS, 0, message);
  /* a name is judged by the address it resolves to */
  assert_failed (g_ptr_array_index (outcome->documents, 1), NF_FETCH_ERROR_FORBIDDEN_ADDRESS, 0, NULL);
  g_assert_true (g_str_has_prefix (nf_document_get_error (g_ptr_array_index (outcome->documents, 1))->message,
                                   "localhost resolves to "));
  /* not one request reached the server */
  g_assert_cmpuint (test_http_server_get_hits (server, "/private/page"), ==, 0);

  /* the default allows them (the command-line case) */
  allowed = fetch_one (u, NULL);
  assert_ok (only_document (allowed), "<p>secret</p>", "text/html; charset=utf-8");
}

static void
test_bad_uris (void)
{
  g_autoptr(Outcome) outcome = NULL;

  outcome = fetch_uris ((const char * const[]) {
                          "ftp://example.org/file.html",
                          "file:///etc/passwd",
                          "http://",
                          "not a url at all",
                          NULL,
                        }, 5, 0, NULL);
  g_assert_cmpuint (outcome->documents->len, ==, 5);
  g_assert_cmpuint (outcome->warnings->len, ==, 5);
  assert_failed (g_ptr_array_index (outcome->documents, 0), NF_FETCH_ERROR_UNSUPPORTED_SCHEME, 0,
                 "cannot fetch ftp://example.org/file.html: only http and https URLs are supported");
  assert_failed (g_ptr_array_index (outcome->documents, 1), NF_FETCH_ERROR_UNSUPPORTED_SCHEME, 0,
                 "cannot fetch file:///etc/passwd: only http and https URLs are supported");
  assert_failed (g_ptr_array_index (outcome->documents, 2), NF_FETCH_ERROR_INVALID_URI, 0, NULL);
  assert_failed (g_ptr_array_index (outcome->documents, 3), NF_FETCH_ERROR_INVALID_URI, 0, NULL);
  assert_failed (g_ptr_array_index (outcome->documents, 4), NF_FETCH_ERROR_INVALID_URI, 0,
                 "document doc5 has no uri to fetch");
}

static void
test_unresolvable (void)
{
  g_autoptr(Outcome) outcome = NULL;
  const GError *error;

  outcome = fetch_one ("http://nf-test-host.invalid/page", "retries", 0, "timeout", 10000, NULL);
  assert_failed (only_document (outcome), NF_FETCH_ERROR_RESOLVE, 0, NULL);
  error = nf_document_get_error (only_document (outcome));
  g_assert_true (g_str_has_prefix (error->message,
                                   "cannot resolve nf-test-host.invalid fetching http://nf-test-host.invalid/page: "));
  g_test_message ("resolving took %.3f s", outcome->seconds);
}

static void
test_connection_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  guint16 port;
  g_autofree char *u = NULL;
  g_autofree char *message = NULL;
  g_autoptr(Outcome) outcome = NULL;

  /* a port that was just free: bind, learn it, close */
  socket = black_hole (&port);
  g_socket_close (socket, &error);
  g_assert_no_error (error);

  u = g_strdup_printf ("http://127.0.0.1:%u/", port);
  message = g_strdup_printf ("connection refused by 127.0.0.1 fetching %s", u);
  outcome = fetch_one (u, "retries", 0, NULL);
  assert_failed (only_document (outcome), NF_FETCH_ERROR_CONNECT, 0, message);
}

/* ---- robots.txt ---- */

static const char robots_txt[] =
  "# robots.txt of the test server\n"
  "User-agent: *\n"
  "Disallow: /\n"
  "\n"
  "User-agent: SomeOtherBot\n"
  "User-agent: libnewsfilter\n"
  "Disallow: /robots/secret\n"
  "Allow: /robots/secret/open$\n"
  "Disallow: /*.pdf$\n"
  "Sitemap: http://example.org/sitemap.xml\n";

static void
test_robots_parser (void)
{
  static const struct {
    const char *path;
    gboolean    allowed;
  } cases[] = {
    { "/", TRUE },
    { "/robots/page", TRUE },
    { "/robots/secret", FALSE },
    { "/robots/secret/x", FALSE },
    { "/robots/secretive", FALSE },
    { "/robots/secret/open", TRUE },
    { "/robots/secret/open/more", FALSE },
    { "/files/a.pdf", FALSE },
    { "/files/a.pdf?x=1", TRUE },
  };
  g_autoptr(NfRobots) ours = nf_robots_parse (robots_txt, strlen (robots_txt), "libnewsfilter");
  g_autoptr(NfRobots) theirs = nf_robots_parse (robots_txt, strlen (robots_txt), "otherbot");
  g_autoptr(NfRobots) empty = nf_robots_parse ("", 0, "libnewsfilter");
  g_autoptr(NfRobots) tie = NULL;
  g_autofree char *token = nf_robots_product_token ("libnewsfilter/0.1 (+https://example.org)");
  const char *tie_text = "User-agent: *\r\nDisallow: /page\r\nAllow: /page\r\nDisallow: /x*y\r\n";

  g_assert_cmpstr (token, ==, "libnewsfilter");
  g_assert_cmpuint (nf_robots_get_n_rules (ours), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].path);
      g_assert_cmpint (nf_robots_is_allowed (ours, cases[i].path), ==, cases[i].allowed);
    }

  /* anyone else falls under `*`, which disallows everything */
  g_assert_false (nf_robots_is_allowed (theirs, "/robots/page"));
  g_assert_true (nf_robots_is_allowed (empty, "/anything"));
  g_assert_true (nf_robots_is_allowed (NULL, "/anything"));

  /* a tie goes to Allow; `*` spans anything */
  tie = nf_robots_parse (tie_text, strlen (tie_text), "libnewsfilter");
  g_assert_true (nf_robots_is_allowed (tie, "/page"));
  g_assert_false (nf_robots_is_allowed (tie, "/x/a/b/y"));
  g_assert_true (nf_robots_is_allowed (tie, "/x/a/b/z"));
}

static void
test_robots (void)
{
  g_autofree char *open = url ("/robots/page");
  g_autofree char *secret = url ("/robots/secret/page");
  g_autofree char *exception = url ("/robots/secret/open");
  g_autofree char *base = url ("");
  g_autofree char *message = NULL;
  g_autoptr(Outcome) outcome = NULL;

  test_http_server_add_text (server, "/robots.txt", 200, "text/plain", robots_txt);
  test_http_server_add_text (server, "/robots/page", 200, "text/html", "<p>open</p>");
  test_http_server_add_text (server, "/robots/secret/page", 200, "text/html", "<p>secret</p>");
  test_http_server_add_text (server, "/robots/secret/open", 200, "text/html", "<p>exception</p>");

  outcome = fetch_uris ((const char * const[]) { open, secret, exception, open }, 4, 0,
                        "respect-robots", TRUE, NULL);
  g_assert_cmpuint (outcome->documents->len, ==, 4);
  assert_ok (g_ptr_array_index (outcome->documents, 0), "<p>open</p>", "text/html; charset=utf-8");
  message = g_strdup_printf ("%s/robots.txt disallows %s for libnewsfilter", base, secret);
  assert_failed (g_ptr_array_index (outcome->documents, 1), NF_FETCH_ERROR_ROBOTS, 0, message);
  assert_ok (g_ptr_array_index (outcome->documents, 2), "<p>exception</p>", "text/html; charset=utf-8");
  assert_ok (g_ptr_array_index (outcome->documents, 3), "<p>open</p>", "text/html; charset=utf-8");

  /* robots.txt is read once per host; the disallowed page never */
  g_assert_cmpuint (test_http_server_get_hits (server, "/robots.txt"), ==, 1);
  g_assert_cmpuint (test_http_server_get_hits (server, "/robots/secret/page"), ==, 0);
}

/* ---- Conditional requests ---- */

static void
etag_handler (TestHttpServer    *self,
              SoupServerMessage *message,
              const char        *path,
              gpointer           user_data)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (message);
  const char *match = soup_message_headers_get_one (request, "If-None-Match");

  soup_message_headers_replace (response, "ETag", "\"v1\"");
  soup_message_headers_replace (response, "Last-Modified", "Mon, 02 Mar 2026 10:00:00 GMT");
  if (g_strcmp0 (match, "\"v1\"") == 0)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, "<p>v1</p>", 9);
}

static void
test_cache_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nf-fetch-cache-XXXXXX", &error);
  g_autofree char *u = url ("/cached/page");
  g_autofree char *sent = NULL;
  g_autofree char *sent_since = NULL;
  g_autoptr(Outcome) first = NULL;
  g_autoptr(Outcome) second = NULL;
  NfDocument *document;
  GDir *d;
  const char *name;

  g_assert_no_error (error);
  test_http_server_add_handler (server, "/cached/page", etag_handler, NULL, NULL);

  first = fetch_one (u, "cache-dir", dir, NULL);
  document = only_document (first);
  assert_ok (document, "<p>v1</p>", "text/html; charset=utf-8");
  g_assert_cmpstr (nf_document_get_meta_string (document, "fetch.etag"), ==, "\"v1\"");
  g_assert_cmpstr (nf_document_get_meta_string (document, "fetch.last_modified"), ==,
                   "Mon, 02 Mar 2026 10:00:00 GMT");
  g_assert_null (nf_document_get_meta_node (document, "fetch.unchanged"));
  sent = test_http_server_get_last_header (server, "/cached/page", "If-None-Match");
  g_assert_null (sent);

  second = fetch_one (u, "cache-dir", dir, NULL);
  document = only_document (second);
  g_assert_false (nf_document_has_error (document));
  g_assert_true (json_node_get_boolean (nf_document_get_meta_node (document, "fetch.unchanged")));
  g_assert_cmpint (meta_int (document, "fetch.status"), ==, 304);
  g_assert_null (nf_document_get_content (document));
  g_assert_cmpuint (second->warnings->len, ==, 0);

  sent = test_http_server_get_last_header (server, "/cached/page", "If-None-Match");
  g_assert_cmpstr (sent, ==, "\"v1\"");
  sent_since = test_http_server_get_last_header (server, "/cached/page", "If-Modified-Since");
  g_assert_cmpstr (sent_since, ==, "Mon, 02 Mar 2026 10:00:00 GMT");

  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_dir_close (d);
  g_rmdir (dir);
}

/* ---- Limits and politeness ---- */

static void
test_per_host_limit (void)
{
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(Outcome) outcome = NULL;

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *path = g_strdup_printf ("/slow/%u", i);

      test_http_server_add_delayed_text (server, path, 100, "text/plain", "slow");
      g_ptr_array_add (uris, url (path));
    }
  test_http_server_reset_stats (server);

  outcome = fetch_uris ((const char * const *) uris->pdata, uris->len, 0, "per-host", 2, NULL);
  g_assert_cmpuint (outcome->documents->len, ==, 8);
  for (guint i = 0; i < 8; i++)
    assert_ok (g_ptr_array_index (outcome->documents, i), "slow", "text/plain; charset=utf-8");
  g_assert_cmpuint (test_http_server_get_max_delayed (server), ==, 2);
  /* four rounds of 100 ms */
  g_assert_cmpfloat (outcome->seconds, >=, 0.39);
}

static void
test_per_host_delay (void)
{
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(Outcome) outcome = NULL;

  test_http_server_add_text (server, "/polite", 200, "text/plain", "polite");
  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (uris, url ("/polite"));

  outcome = fetch_uris ((const char * const *) uris->pdata, uris->len, 0, "per-host-delay", 150, NULL);
  for (guint i = 0; i < 4; i++)
    assert_ok (g_ptr_array_index (outcome->documents, i), "polite", "text/plain; charset=utf-8");
  /* three waits of 150 ms between four starts */
  g_assert_cmpfloat (outcome->seconds, >=, 0.44);
}

static void
test_user_agent (void)
{
  g_autofree char *u = url ("/ua");
  g_autoptr(Outcome) outcome = NULL;
  g_autoptr(Outcome) custom = NULL;
  g_autofree char *agent = NULL;
  g_autoptr(NfElement) fetch = make_element ("fetch");
  g_autofree char *default_agent = NULL;

  test_http_server_add_text (server, "/ua", 200, "text/plain", "ua");
  g_object_get (fetch, "user-agent", &default_agent, NULL);
  g_assert_cmpstr (default_agent, ==, "libnewsfilter/" NF_VERSION_S);

  outcome = fetch_one (u, NULL);
  assert_ok (only_document (outcome), "ua", "text/plain; charset=utf-8");
  agent = test_http_server_get_last_header (server, "/ua", "User-Agent");
  g_assert_cmpstr (agent, ==, "libnewsfilter/" NF_VERSION_S);
  g_clear_pointer (&agent, g_free);

  custom = fetch_one (u, "user-agent", "NewsBot/2.0 (+mailto:bot@example.org)", NULL);
  agent = test_http_server_get_last_header (server, "/ua", "User-Agent");
  g_assert_cmpstr (agent, ==, "NewsBot/2.0 (+mailto:bot@example.org)");
}

static void
test_properties (void)
{
  g_autoptr(NfElement) fetch = make_element ("fetch");
  g_autoptr(NfElement) src = make_element ("fetchsrc");
  static const char * const names[] = {
    "max-connections", "per-host", "timeout", "retries", "max-redirects", "max-size",
    "user-agent", "allow-private", "tls-verify", "respect-robots", "per-host-delay", "cache-dir",
  };
  guint max_connections, per_host, timeout, retries;
  guint64 max_size;
  gboolean allow_private, tls_verify, robots;

  /* both elements have the same download properties, with blurbs */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GParamSpec *a = g_object_class_find_property (G_OBJECT_GET_CLASS (fetch), names[i]);
      GParamSpec *b = g_object_class_find_property (G_OBJECT_GET_CLASS (src), names[i]);

      g_assert_nonnull (a);
      g_assert_nonnull (b);
      g_assert_nonnull (g_param_spec_get_blurb (a));
      g_assert_cmpstr (g_param_spec_get_blurb (a), ==, g_param_spec_get_blurb (b));
    }
  g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (src), "location"));

  g_object_get (fetch, "max-connections", &max_connections, "per-host", &per_host,
                "timeout", &timeout, "retries", &retries, "max-size", &max_size,
                "allow-private", &allow_private, "tls-verify", &tls_verify,
                "respect-robots", &robots, NULL);
  g_assert_cmpuint (max_connections, ==, 64);
  g_assert_cmpuint (per_host, ==, 8);
  g_assert_cmpuint (timeout, ==, 30000);
  g_assert_cmpuint (retries, ==, 2);
  g_assert_cmpuint (max_size, ==, 32 * 1024 * 1024);
  g_assert_true (allow_private);
  g_assert_true (tls_verify);
  g_assert_false (robots);
}

/* ---- fetchsrc ---- */

static void
test_fetchsrc_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nf-fetchsrc-XXXXXX", &error);
  g_autofree char *list = g_build_filename (dir, "urls.txt", NULL);
  guint16 port = test_http_server_get_port (server);
  g_autofree char *text = NULL;
  g_autoptr(Outcome) outcome = NULL;
  NfElement *source;
  g_autofree char *id1 = NULL, *id2 = NULL, *id3 = NULL, *id4 = NULL;

  test_http_server_add_text (server, "/list/a", 200, "text/html", "<p>a</p>");
  test_http_server_add_delayed_text (server, "/list/b", 150, "text/html", "<p>b</p>");
  test_http_server_add_text (server, "/list/c", 200, "text/html", "<p>c</p>");

  text = g_strdup_printf ("# news to read\n"
                          "\n"
                          "HTTP://127.0.0.1:%u/list/b?utm_source=feed&id=7#comments\n"
                          "  http://127.0.0.1:%u/list/a  \n"
                          "# the end is near\n"
                          "http://127.0.0.1:%u/list/missing\n"
                          "http://127.0.0.1:%u/list/c\n"
                          "gopher://example.org/\n",
                          port, port, port, port);
  g_file_set_contents (list, text, -1, &error);
  g_assert_no_error (error);

  source = make_element ("fetchsrc");
  g_object_set (source, "location", list, "max-connections", 2, NULL);
  outcome = run_pipeline (source, NULL, 0, TRUE);

  g_assert_cmpuint (outcome->documents->len, ==, 5);
  id1 = g_strdup_printf ("http://127.0.0.1:%u/list/b?id=7", port);
  id2 = g_strdup_printf ("http://127.0.0.1:%u/list/a", port);
  id3 = g_strdup_printf ("http://127.0.0.1:%u/list/missing", port);
  id4 = g_strdup_printf ("http://127.0.0.1:%u/list/c", port);
  g_assert_cmpstr (nf_document_get_id (g_ptr_array_index (outcome->documents, 0)), ==, id1);
  g_assert_cmpstr (nf_document_get_id (g_ptr_array_index (outcome->documents, 1)), ==, id2);
  g_assert_cmpstr (nf_document_get_id (g_ptr_array_index (outcome->documents, 2)), ==, id3);
  g_assert_cmpstr (nf_document_get_id (g_ptr_array_index (outcome->documents, 3)), ==, id4);
  g_assert_cmpstr (nf_document_get_id (g_ptr_array_index (outcome->documents, 4)), ==, "gopher://example.org/");

  assert_ok (g_ptr_array_index (outcome->documents, 0), "<p>b</p>", "text/html; charset=utf-8");
  assert_ok (g_ptr_array_index (outcome->documents, 1), "<p>a</p>", "text/html; charset=utf-8");
  assert_failed (g_ptr_array_index (outcome->documents, 2), NF_FETCH_ERROR_HTTP_STATUS, 404, NULL);
  assert_ok (g_ptr_array_index (outcome->documents, 3), "<p>c</p>", "text/html; charset=utf-8");
  assert_failed (g_ptr_array_index (outcome->documents, 4), NF_FETCH_ERROR_UNSUPPORTED_SCHEME, 0, NULL);
  /* the uri is the URL as written */
  g_assert_true (g_str_has_prefix (nf_document_get_uri (g_ptr_array_index (outcome->documents, 0)), "HTTP://"));
  g_assert_cmpuint (outcome->warnings->len, ==, 2);

  g_unlink (list);
  g_rmdir (dir);
}

static void
test_fetchsrc_single_and_missing (void)
{
  g_autofree char *u = url ("/list/a");
  g_autoptr(Outcome) outcome = NULL;
  g_autoptr(Outcome) missing = NULL;
  NfElement *source;

  test_http_server_add_text (server, "/list/a", 200, "text/html", "<p>a</p>");

  /* the launch parser turns `fetch location=…` at the head into fetchsrc */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *line = g_strdup_printf ("fetch location=%s timeout=5000 ! appsink name=out", u);
    g_autoptr(NfPipeline) pipeline = nf_parse_launch (line, &error);
    NfElement *sink;
    g_autoptr(NfDocument) document = NULL;

    g_assert_no_error (error);
    g_assert_true (nf_pipeline_run (pipeline, NULL, &error));
    g_assert_no_error (error);
    sink = nf_pipeline_get_by_name (pipeline, "out");
    document = nf_app_sink_pull_document (NF_APP_SINK (sink));
    g_assert_nonnull (document);
    assert_ok (document, "<p>a</p>", "text/html; charset=utf-8");
    g_assert_cmpstr (nf_document_get_id (document), ==, u);
  }

  source = make_element ("fetchsrc");
  g_object_set (source, "location", "/nonexistent/urls.txt", NULL);
  missing = run_pipeline (source, NULL, 0, FALSE);
  g_assert_cmpuint (missing->errors->len, ==, 1);
  g_assert_error (nf_message_get_error (g_ptr_array_index (missing->errors, 0)),
                  NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_NOT_FOUND);
}

/* ---- The client on its own ---- */

static void
test_client_sync (void)
{
  NfHttpOptions options;
  g_autoptr(NfHttpClient) client = NULL;
  g_autoptr(NfHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *u = url ("/list/a");
  g_autofree char *missing = url ("/missing");
  guint status = 0;

  test_http_server_add_text (server, "/list/a", 200, "text/html; charset=utf-8", "<p>a</p>");
  nf_http_options_init_defaults (&options);
  client = nf_http_client_new (&options);

  response = nf_http_client_fetch_sync (client, u, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (response->content_type, ==, "text/html; charset=utf-8");
  g_assert_cmpstr (response->charset, ==, "utf-8");
  g_assert_cmpmem (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body), "<p>a</p>", 8);
  g_assert_cmpuint (response->attempts, ==, 1);
  g_clear_pointer (&response, nf_http_response_free);

  response = nf_http_client_fetch_sync_full (client, missing, NULL, &status, &error);
  g_assert_null (response);
  g_assert_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_HTTP_STATUS);
  g_assert_cmpuint (status, ==, 404);
}

typedef struct {
  GMutex  lock;
  GError *error;
  gboolean done;
} Finished;

static void
on_finished_fetch (NfHttpResponse *response,
                   const GError   *error,
                   gpointer        user_data)
{
  Finished *finished = user_data;

  g_mutex_lock (&finished->lock);
  finished->error = error != NULL ? g_error_copy (error) : NULL;
  finished->done = TRUE;
  g_mutex_unlock (&finished->lock);
}

static gboolean
finished_is_done (Finished *finished)
{
  gboolean done;

  g_mutex_lock (&finished->lock);
  done = finished->done;
  g_mutex_unlock (&finished->lock);
  return done;
}

static void
test_client_cancel (void)
{
  NfHttpOptions options;
  NfHttpClient *client;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *u = url ("/hang/cancel");
  Finished first = { 0 }, second = { 0 };
  gint64 deadline;

  test_http_server_add_hang (server, "/hang/cancel");
  nf_http_options_init_defaults (&options);
  options.max_connections = 1;
  client = nf_http_client_new (&options);

  /* the second waits in the queue behind the first, which never ends */
  nf_http_client_fetch (client, u, cancellable, on_finished_fetch, &first);
  nf_http_client_fetch (client, u, NULL, on_finished_fetch, &second);
  g_usleep (200 * 1000);
  g_assert_false (finished_is_done (&first));

  g_cancellable_cancel (cancellable);
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (!finished_is_done (&first) && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (finished_is_done (&second));

  /* dropping the client cancels what is still running, and waits for it */
  nf_http_client_unref (client);
  g_assert_true (second.done);
  g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&first.error);
  g_clear_error (&second.error);
}

/* ---- https ---- */

/* A self-signed certificate for 127.0.0.1, made with openssl for this run. */
static GTlsCertificate *
make_certificate (void)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *errors = NULL;
  GTlsCertificate *certificate;
  int status;

  if (openssl == NULL)
    return NULL;

  dir = g_dir_make_tmp ("nf-fetch-tls-XXXXXX", &error);
  g_assert_no_error (error);
  cert = g_build_filename (dir, "cert.pem", NULL);
  key = g_build_filename (dir, "key.pem", NULL);
  {
    const char *argv[] = {
      openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
      "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
      "-addext", "subjectAltName=IP:127.0.0.1", NULL
    };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                  NULL, &errors, &status, &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("openssl could not make a certificate: %s", errors);
  }

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  g_unlink (cert);
  g_unlink (key);
  g_rmdir (dir);
  return certificate;
}

static void
test_tls (void)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(TestHttpServer) https = NULL;
  g_autofree char *u = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(Outcome) verified = NULL;
  g_autoptr(Outcome) trusting = NULL;
  const GError *error;

  if (!g_test_subprocess ())
    {
      g_autofree char *openssl = g_find_program_in_path ("openssl");

      if (openssl == NULL)
        {
          g_test_skip ("openssl is needed to make a test certificate");
          return;
        }
      /* TLS loads glib-networking's GnuTLS module, whose thread-local
       * storage makes LeakSanitizer's exit-time check crash (the "Tracer
       * caught signal 11" of GCC 12's LSan with dlopened modules): run it
       * in a process of its own that leaves without that check. AddressSanitizer
       * still watches every access in it. */
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  certificate = make_certificate ();
  g_assert_nonnull (certificate);

  https = test_http_server_new_https (certificate);
  test_http_server_add_text (https, "/tls", 200, "text/html", "<p>over TLS</p>");
  u = test_http_server_url (https, "/tls");

  /* by default the certificate must be valid: a self-signed one is not */
  verified = fetch_one (u, "retries", 0, NULL);
  assert_failed (only_document (verified), NF_FETCH_ERROR_TLS, 0, NULL);
  error = nf_document_get_error (only_document (verified));
  prefix = g_strdup_printf ("TLS failure with 127.0.0.1 fetching %s: ", u);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_cmpuint (test_http_server_get_hits (https, "/tls"), ==, 0);

  trusting = fetch_one (u, "tls-verify", FALSE, NULL);
  assert_ok (only_document (trusting), "<p>over TLS</p>", "text/html; charset=utf-8");

  g_clear_pointer (&https, test_http_server_free);
  g_clear_pointer (&server, test_http_server_free);
  fflush (stdout);
  _exit (0);
}

/* ---- Proxies ---- */

static void
test_proxy_from_environment (void)
{
  g_autoptr(Outcome) outcome = NULL;
  g_autofree char *host = NULL;

  if (!g_test_subprocess ())
    {
      /* The default proxy resolver reads the environment once: try it in a
       * process of its own. */
      g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  g_setenv ("http_proxy", test_http_server_get_base_url (server), TRUE);
  test_http_server_add_text (server, "/proxied", 200, "text/html", "<p>through the proxy</p>");

  /* .invalid never resolves: only the proxy can answer */
  outcome = fetch_uris ((const char * const[]) {
                          "http://news.example.invalid/proxied",
                          "http://10.1.2.3/proxied",
                        }, 2, 0, "retries", 0, "allow-private", FALSE, NULL);
  assert_ok (g_ptr_array_index (outcome->documents, 0), "<p>through the proxy</p>",
             "text/html; charset=utf-8");
  host = test_http_server_get_last_header (server, "/proxied", "Host");
  g_assert_cmpstr (host, ==, "news.example.invalid");

  /* the proxy resolves names, but literal private addresses are refused
   * before anything is sent */
  assert_failed (g_ptr_array_index (outcome->documents, 1), NF_FETCH_ERROR_FORBIDDEN_ADDRESS, 0,
                 "10.1.2.3 resolves to 10.1.2.3, a private address, and allow-private is false");
  g_assert_cmpuint (test_http_server_get_hits (server, "/proxied"), ==, 1);

  /* GTest ends the child right after the test, before main() cleans up */
  g_clear_pointer (&server, test_http_server_free);
}

/* ---- 2 000 URLs ---- */

#define MANY 2000

static void
many_handler (TestHttpServer    *self,
              SoupServerMessage *message,
              const char        *path,
              gpointer           user_data)
{
  guint n = (guint) g_ascii_strtoull (path + strlen ("/many/"), NULL, 10);
  g_autofree char *body = NULL;

  if (n % 97 == 0)
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }
  if (n % 131 == 0)
    {
      soup_server_message_pause (message);   /* never answered */
      return;
    }
  body = g_strdup_printf ("<html><body><h1>Article %u</h1><p>%s</p></body></html>", n, RU_TEXT);
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&body), strlen (body));
}

static void
test_many (void)
{
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(Outcome) outcome = NULL;
  guint n_404 = 0, n_timeout = 0, n_ok = 0;

  test_http_server_add_handler (server, "/many/", many_handler, NULL, NULL);
  test_http_server_reset_stats (server);
  for (guint i = 1; i <= MANY; i++)
    g_ptr_array_add (uris, g_strdup_printf ("%s/many/%u", test_http_server_get_base_url (server), i));

  outcome = fetch_uris ((const char * const *) uris->pdata, MANY, 0,
                        "timeout", 500, "retries", 0, NULL);
  g_assert_cmpuint (outcome->documents->len, ==, MANY);

  for (guint i = 1; i <= MANY; i++)
    {
      NfDocument *document = g_ptr_array_index (outcome->documents, i - 1);
      g_autofree char *id = g_strdup_printf ("doc%u", i);

      g_assert_cmpstr (nf_document_get_id (document), ==, id);
      g_assert_cmpstr (nf_document_get_uri (document), ==, g_ptr_array_index (uris, i - 1));
      if (i % 97 == 0)
        {
          g_autofree char *message = g_strdup_printf ("HTTP 404 Not Found for %s",
                                                      (char *) g_ptr_array_index (uris, i - 1));
          assert_failed (document, NF_FETCH_ERROR_HTTP_STATUS, 404, message);
          n_404++;
        }
      else if (i % 131 == 0)
        {
          g_autofree char *message = g_strdup_printf ("timed out after 500 ms fetching %s",
                                                      (char *) g_ptr_array_index (uris, i - 1));
          assert_failed (document, NF_FETCH_ERROR_TIMEOUT, 0, message);
          n_timeout++;
        }
      else
        {
          g_autofree char *body = g_strdup_printf ("<html><body><h1>Article %u</h1><p>%s</p></body></html>",
                                                   i, RU_TEXT);
          assert_ok (document, body, "text/html; charset=utf-8");
          n_ok++;
        }
    }

  g_assert_cmpuint (n_404, ==, MANY / 97);
  g_assert_cmpuint (n_timeout, ==, MANY / 131);
  g_assert_cmpuint (outcome->warnings->len, ==, n_404 + n_timeout);
  g_assert_cmpuint (test_http_server_get_total_hits (server), ==, MANY);
  g_test_message ("%u URLs (%u ok, %u 404, %u timeouts) in %.2f s: %.0f pages/s",
                  MANY, n_ok, n_404, n_timeout, outcome->seconds, MANY / outcome->seconds);
}

/* fetchsrc over a list of 500 of them: the FIFO keeps list order while a
 * timed-out URL sits at its head. */
static void
test_fetchsrc_many (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nf-fetchsrc-XXXXXX", &error);
  g_autofree char *list = g_build_filename (dir, "urls.txt", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(Outcome) outcome = NULL;
  NfElement *source;
  const guint n = 500;

  test_http_server_add_handler (server, "/many/", many_handler, NULL, NULL);
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "%s/many/%u\n", test_http_server_get_base_url (server), i);
  g_file_set_contents (list, text->str, text->len, &error);
  g_assert_no_error (error);

  source = make_element ("fetchsrc");
  g_object_set (source, "location", list, "timeout", 500, "retries", 0, NULL);
  outcome = run_pipeline (source, NULL, 0, TRUE);
  g_assert_cmpuint (outcome->documents->len, ==, n);

  for (guint i = 1; i <= n; i++)
    {
      NfDocument *document = g_ptr_array_index (outcome->documents, i - 1);
      g_autofree char *id = g_strdup_printf ("%s/many/%u", test_http_server_get_base_url (server), i);

      g_assert_cmpstr (nf_document_get_id (document), ==, id);
      if (i % 97 == 0)
        assert_failed (document, NF_FETCH_ERROR_HTTP_STATUS, 404, NULL);
      else if (i % 131 == 0)
        assert_failed (document, NF_FETCH_ERROR_TIMEOUT, 0, NULL);
      else
        g_assert_false (nf_document_has_error (document));
    }
  g_assert_cmpuint (outcome->warnings->len, ==, n / 97 + n / 131);
  g_test_message ("fetchsrc: %u URLs in %.2f s", n, outcome->seconds);

  g_unlink (list);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  /* The tests talk to 127.0.0.1 directly, whatever proxy the machine has;
   * /fetch/proxy-from-environment sets its own. */
  for (const char * const *name = (const char * const[]) {
         "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", NULL };
       *name != NULL; name++)
    g_unsetenv (*name);

  nf_init ();

  server = test_http_server_new ();

  g_test_add_func ("/fetch/properties", test_properties);
  g_test_add_func ("/fetch/charsets", test_charsets);
  g_test_add_func ("/fetch/content-encodings", test_content_encodings);
  g_test_add_func ("/fetch/redirects", test_redirects);
  g_test_add_func ("/fetch/http-errors", test_http_errors);
  g_test_add_func ("/fetch/retry/500-then-200", test_retry_500_then_200);
  g_test_add_func ("/fetch/retry/429-retry-after", test_retry_after);
  g_test_add_func ("/fetch/timeout", test_timeout);
  g_test_add_func ("/fetch/timeout-retried", test_timeout_retried);
  g_test_add_func ("/fetch/truncated", test_truncated);
  g_test_add_func ("/fetch/too-large", test_too_large);
  g_test_add_func ("/fetch/not-text", test_not_text);
  g_test_add_func ("/fetch/forbidden-address", test_forbidden_address);
  g_test_add_func ("/fetch/bad-uris", test_bad_uris);
  g_test_add_func ("/fetch/unresolvable", test_unresolvable);
  g_test_add_func ("/fetch/connection-refused", test_connection_refused);
  g_test_add_func ("/fetch/robots/parser", test_robots_parser);
  g_test_add_func ("/fetch/robots/respected", test_robots);
  g_test_add_func ("/fetch/cache-dir", test_cache_dir);
  g_test_add_func ("/fetch/per-host-limit", test_per_host_limit);
  g_test_add_func ("/fetch/per-host-delay", test_per_host_delay);
  g_test_add_func ("/fetch/user-agent", test_user_agent);
  g_test_add_func ("/fetch/tls", test_tls);
  g_test_add_func ("/fetch/proxy-from-environment", test_proxy_from_environment);
  g_test_add_func ("/fetchsrc/list", test_fetchsrc_list);
  g_test_add_func ("/fetchsrc/single-and-missing", test_fetchsrc_single_and_missing);
  g_test_add_func ("/fetchsrc/many", test_fetchsrc_many);
  g_test_add_func ("/client/sync", test_client_sync);
  g_test_add_func ("/client/cancel", test_client_cancel);
  g_test_add_func ("/fetch/many", test_many);

  status = g_test_run ();
  test_http_server_free (server);
  return status;
}
