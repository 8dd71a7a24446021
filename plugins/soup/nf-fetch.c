/* nf-fetch.c: downloads the page of each document
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfFetch:
 *
 * `fetch` downloads each document's `uri` and sets its content to the page,
 * converted to UTF-8 (`text/html; charset=utf-8`), ready for `clean`.
 *
 * Requests run asynchronously on one libsoup session with a thread of its
 * own: up to [property@NfFetch:max-connections] at once,
 * [property@NfFetch:per-host] per host, each attempt bounded by
 * [property@NfFetch:timeout] milliseconds, retried with exponential back-off
 * after timeouts, connection errors, HTTP 429 and 5xx (honouring
 * `Retry-After`). Redirects are followed to http and https only; gzip,
 * deflate and brotli bodies are decoded; the proxy comes from the
 * environment (`http_proxy`, `https_proxy`, `no_proxy`).
 *
 * Bytes become text in [func@Nf.decode_text]: the charset of the
 * `Content-Type` header first, then a byte order mark, `<meta charset>`
 * and detection. The document gets the meta fields `fetch.status`,
 * `fetch.content_type`, `fetch.charset` (the charset the page was in),
 * `fetch.final_uri` (after redirects), `fetch.etag`, `fetch.last_modified`
 * and `fetch.attempts` (when retried). With [property@NfFetch:cache-dir],
 * a page the server says has not changed since the last run comes out
 * without content and with `fetch.unchanged` set to true.
 *
 * A document that cannot be fetched comes out with its `error` set (domain
 * `nf-fetch-error`, code `http-status`, `timeout`, `resolve`, …, and the
 * HTTP status for HTTP errors) and a WARNING on the bus.
 *
 * At the head of a pipeline, `fetch location=URL` is `fetchsrc`.
 */
#include "nf-soup-elements.h"
#include "nf-fetch-common.h"

NF_DEBUG_CATEGORY_STATIC (fetch_debug);

struct _NfFetch
{
  NfFilter         parent_instance;

  NfFetchSettings  settings;
  NfHttpClient    *client;     /* while running */
};

/* The download properties come first, from id 1. */
#define FIRST_FETCH_PROP 1

G_DEFINE_FINAL_TYPE (NfFetch, nf_fetch, NF_TYPE_FILTER)

/* A document on its way through the client. */
typedef struct {
  NfFetch    *self;
  NfDocument *document;
} Pending;

static void
on_fetched (NfHttpResponse *response,
            const GError   *error,
            gpointer        user_data)
{
  Pending *pending = user_data;
  NfElement *element = NF_ELEMENT (pending->self);
  g_autoptr(GError) local_error = NULL;

  if (error != NULL)
    nf_fetch_fail_document (element, pending->document, response, error);
  else if (!nf_fetch_apply_response (pending->document, response, &local_error))
    nf_fetch_fail_document (element, pending->document, response, local_error);

  /* The pipeline goes on with the document on one of its own threads. */
  nf_element_push (element, pending->document);
  nf_element_release (element, pending->document);

  g_object_unref (pending->document);
  g_object_unref (pending->self);
  g_free (pending);
}

static gboolean
nf_fetch_process (NfFilter    *filter,
                  NfDocument  *document,
                  GError     **error)
{
  NfFetch *self = NF_FETCH (filter);
  NfElement *element = NF_ELEMENT (filter);
  const char *uri = nf_document_get_uri (document);
  Pending *pending;

  if (uri == NULL || *uri == '\0')
    {
      g_set_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_INVALID_URI,
                   "document %s has no uri to fetch", nf_document_get_id (document));
      return FALSE;
    }

  if (self->client == NULL)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FAILED,
                   "%s is not running: it cannot fetch %s", nf_element_get_name (element), uri);
      return FALSE;
    }

  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->document = g_object_ref (document);

  nf_element_hold (element, document);
  nf_http_client_fetch (self->client, uri, nf_element_get_cancellable (element),
                        on_fetched, pending);
  return TRUE;
}

static gboolean
nf_fetch_start (NfElement  *element,
                GError    **error)
{
  NfFetch *self = NF_FETCH (element);
  NfHttpOptions options;

  nf_fetch_settings_to_options (&self->settings, &options);
  g_clear_pointer (&self->client, nf_http_client_unref);
  self->client = nf_http_client_new (&options);

  /* Enough documents in flight to keep every connection busy while the
   * pipeline holds back the ones that came back early, to deliver them in
   * order: with twice max-connections, each page that times out stalls the
   * whole run for the length of the timeout (2 000 local pages with 15
   * timeouts of 500 ms: 7.6 s); with eight times, the stalls overlap
   * (2.1 s). Finished pages waiting for their turn are what this costs. */
  nf_element_request_in_flight (element, MIN (self->settings.max_connections * 8, 4096));

  NF_CAT_DEBUG (fetch_debug, "%s: %u connections, %u per host, timeout %u ms",
                nf_element_get_name (element), options.max_connections,
                options.max_per_host, options.timeout_ms);
  return TRUE;
}

static gboolean
nf_fetch_stop (NfElement  *element,
               GError    **error)
{
  NfFetch *self = NF_FETCH (element);

  /* Every held document was released before stop: this only closes the
   * session and joins its thread. */
  g_clear_pointer (&self->client, nf_http_client_unref);
  return TRUE;
}

static void
nf_fetch_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  NfFetch *self = NF_FETCH (object);

  if (!nf_fetch_settings_set_property (&self->settings, object, FIRST_FETCH_PROP,
                                       prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
nf_fetch_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  NfFetch *self = NF_FETCH (object);

  if (!nf_fetch_settings_get_property (&self->settings, FIRST_FETCH_PROP, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
nf_fetch_finalize (GObject *object)
{
  NfFetch *self = NF_FETCH (object);

  g_clear_pointer (&self->client, nf_http_client_unref);
  nf_fetch_settings_clear (&self->settings);

  G_OBJECT_CLASS (nf_fetch_parent_class)->finalize (object);
}

static void
nf_fetch_class_init (NfFetchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfFilterClass *filter_class = NF_FILTER_CLASS (klass);

  object_class->finalize = nf_fetch_finalize;
  object_class->get_property = nf_fetch_get_property;
  object_class->set_property = nf_fetch_set_property;

  element_class->start = nf_fetch_start;
  element_class->stop = nf_fetch_stop;
  filter_class->process = nf_fetch_process;

  nf_fetch_install_properties (object_class, FIRST_FETCH_PROP);

  nf_element_class_set_metadata (element_class,
                                 "HTTP fetcher",
                                 "Filter/Network",
                                 "Downloads each document's uri over HTTP(S) and sets its content to the page as UTF-8",
                                 "libnewsfilter authors");

  NF_DEBUG_CATEGORY_INIT (fetch_debug, "fetch", "the fetch element");
}

static void
nf_fetch_init (NfFetch *self)
{
  nf_fetch_settings_init (&self->settings);
}
