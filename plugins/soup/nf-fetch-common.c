/* nf-fetch-common.c: what `fetch` and `fetchsrc` share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-fetch-common.h"

#include <string.h>

#define DEFAULT_MAX_CONNECTIONS  64
#define DEFAULT_PER_HOST         8
#define DEFAULT_TIMEOUT_MS       30000
#define DEFAULT_RETRIES          2
#define DEFAULT_MAX_REDIRECTS    10
#define DEFAULT_MAX_SIZE         (G_GUINT64_CONSTANT (32) * 1024 * 1024)

void
nf_fetch_settings_init (NfFetchSettings *settings)
{
  *settings = (NfFetchSettings) {
    .max_connections = DEFAULT_MAX_CONNECTIONS,
    .per_host = DEFAULT_PER_HOST,
    .timeout_ms = DEFAULT_TIMEOUT_MS,
    .retries = DEFAULT_RETRIES,
    .max_redirects = DEFAULT_MAX_REDIRECTS,
    .max_size = DEFAULT_MAX_SIZE,
    .user_agent = g_strdup (NF_FETCH_DEFAULT_USER_AGENT),
    .allow_private = TRUE,
    .tls_verify = TRUE,
    .respect_robots = FALSE,
    .per_host_delay_ms = 0,
    .cache_dir = NULL,
  };
}

void
nf_fetch_settings_clear (NfFetchSettings *settings)
{
  g_clear_pointer (&settings->user_agent, g_free);
  g_clear_pointer (&settings->cache_dir, g_free);
}

void
nf_fetch_settings_to_options (const NfFetchSettings *settings,
                              NfHttpOptions         *options)
{
  nf_http_options_init_defaults (options);
  options->max_connections = settings->max_connections;
  options->max_per_host = settings->per_host;
  options->timeout_ms = settings->timeout_ms;
  options->retries = settings->retries;
  options->max_redirects = settings->max_redirects;
  options->max_size = settings->max_size;
  options->user_agent = settings->user_agent;
  options->allow_private = settings->allow_private;
  options->tls_verify = settings->tls_verify;
  options->respect_robots = settings->respect_robots;
  options->per_host_delay_ms = settings->per_host_delay_ms;
  options->cache_dir = settings->cache_dir;
}

void
nf_fetch_install_properties (GObjectClass *klass,
                             guint         first_id)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamSpec *pspecs[NF_FETCH_N_PROPS];

  pspecs[NF_FETCH_PROP_MAX_CONNECTIONS] =
    g_param_spec_uint ("max-connections", "Maximum connections",
                       "Requests in flight at once, to all hosts together",
                       1, 4096, DEFAULT_MAX_CONNECTIONS, flags);
  pspecs[NF_FETCH_PROP_PER_HOST] =
    g_param_spec_uint ("per-host", "Connections per host",
                       "Requests in flight at once to one host (scheme, name and port)",
                       1, 1024, DEFAULT_PER_HOST, flags);
  pspecs[NF_FETCH_PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", "Timeout",
                       "Milliseconds one attempt may take, from connecting to the last byte (0: no limit)",
                       0, G_MAXUINT, DEFAULT_TIMEOUT_MS, flags);
  pspecs[NF_FETCH_PROP_RETRIES] =
    g_param_spec_uint ("retries", "Retries",
                       "Further attempts after a timeout, a connection error, HTTP 429 or 5xx, "
                       "with exponential back-off or the server's Retry-After",
                       0, 100, DEFAULT_RETRIES, flags);
  pspecs[NF_FETCH_PROP_MAX_REDIRECTS] =
    g_param_spec_uint ("max-redirects", "Maximum redirects",
                       "Redirects followed before giving up (only to http and https)",
                       0, 100, DEFAULT_MAX_REDIRECTS, flags);
  pspecs[NF_FETCH_PROP_MAX_SIZE] =
    g_param_spec_uint64 ("max-size", "Maximum size",
                         "Largest body in bytes, after decompression; the transfer stops past it",
                         1, G_MAXUINT64, DEFAULT_MAX_SIZE, flags);
  pspecs[NF_FETCH_PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", "User agent",
                         "The User-Agent header; its first word is the product token robots.txt rules are matched with",
                         NF_FETCH_DEFAULT_USER_AGENT, flags);
  pspecs[NF_FETCH_PROP_ALLOW_PRIVATE] =
    g_param_spec_boolean ("allow-private", "Allow private addresses",
                          "Whether loopback, private and link-local addresses may be fetched from; "
                          "services fetching URLs users give set it to false (checked on the address "
                          "connected to, not the name)",
                          TRUE, flags);
  pspecs[NF_FETCH_PROP_TLS_VERIFY] =
    g_param_spec_boolean ("tls-verify", "Verify TLS",
                          "Whether https certificates must be valid for the host",
                          TRUE, flags);
  pspecs[NF_FETCH_PROP_RESPECT_ROBOTS] =
    g_param_spec_boolean ("respect-robots", "Respect robots.txt",
                          "Whether to fetch each host's robots.txt (once) and skip what it disallows",
                          FALSE, flags);
  pspecs[NF_FETCH_PROP_PER_HOST_DELAY] =
    g_param_spec_uint ("per-host-delay", "Per-host delay",
                       "Minimum milliseconds between the starts of two requests to one host",
                       0, G_MAXUINT, 0, flags);
  pspecs[NF_FETCH_PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", "Cache directory",
                         "Where ETag and Last-Modified of fetched URLs are kept, so that the next run "
                         "asks only for what changed (304 becomes fetch.unchanged); none by default",
                         NULL, flags);

  for (guint i = 0; i < NF_FETCH_N_PROPS; i++)
    g_object_class_install_property (klass, first_id + i, pspecs[i]);
}

gboolean
nf_fetch_settings_set_property (NfFetchSettings *settings,
                                GObject         *object,
                                guint            first_id,
                                guint            prop_id,
                                const GValue    *value,
                                GParamSpec      *pspec)
{
  gboolean changed = FALSE;

  if (prop_id < first_id || prop_id >= first_id + NF_FETCH_N_PROPS)
    return FALSE;

  switch ((NfFetchProp) (prop_id - first_id))
    {
    case NF_FETCH_PROP_MAX_CONNECTIONS:
      changed = nf_property_update_uint (NULL, &settings->max_connections, value, NULL);
      break;
    case NF_FETCH_PROP_PER_HOST:
      changed = nf_property_update_uint (NULL, &settings->per_host, value, NULL);
      break;
    case NF_FETCH_PROP_TIMEOUT:
      changed = nf_property_update_uint (NULL, &settings->timeout_ms, value, NULL);
      break;
    case NF_FETCH_PROP_RETRIES:
      changed = nf_property_update_uint (NULL, &settings->retries, value, NULL);
      break;
    case NF_FETCH_PROP_MAX_REDIRECTS:
      changed = nf_property_update_uint (NULL, &settings->max_redirects, value, NULL);
      break;
    case NF_FETCH_PROP_MAX_SIZE:
      changed = nf_property_update_uint64 (NULL, &settings->max_size, value, NULL);
      break;
    case NF_FETCH_PROP_USER_AGENT:
      changed = nf_property_update_string (NULL, &settings->user_agent, value, NULL);
      break;
    case NF_FETCH_PROP_ALLOW_PRIVATE:
      changed = nf_property_update_boolean (NULL, &settings->allow_private, value, NULL);
      break;
    case NF_FETCH_PROP_TLS_VERIFY:
      changed = nf_property_update_boolean (NULL, &settings->tls_verify, value, NULL);
      break;
    case NF_FETCH_PROP_RESPECT_ROBOTS:
      changed = nf_property_update_boolean (NULL, &settings->respect_robots, value, NULL);
      break;
    case NF_FETCH_PROP_PER_HOST_DELAY:
      changed = nf_property_update_uint (NULL, &settings->per_host_delay_ms, value, NULL);
      break;
    case NF_FETCH_PROP_CACHE_DIR:
      changed = nf_property_update_string (NULL, &settings->cache_dir, value, NULL);
      break;
    case NF_FETCH_N_PROPS:
      g_assert_not_reached ();
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

gboolean
nf_fetch_settings_get_property (const NfFetchSettings *settings,
                                guint                  first_id,
                                guint                  prop_id,
                                GValue                *value)
{
  if (prop_id < first_id || prop_id >= first_id + NF_FETCH_N_PROPS)
    return FALSE;

  switch ((NfFetchProp) (prop_id - first_id))
    {
    case NF_FETCH_PROP_MAX_CONNECTIONS:
      g_value_set_uint (value, settings->max_connections);
      break;
    case NF_FETCH_PROP_PER_HOST:
      g_value_set_uint (value, settings->per_host);
      break;
    case NF_FETCH_PROP_TIMEOUT:
      g_value_set_uint (value, settings->timeout_ms);
      break;
    case NF_FETCH_PROP_RETRIES:
      g_value_set_uint (value, settings->retries);
      break;
    case NF_FETCH_PROP_MAX_REDIRECTS:
      g_value_set_uint (value, settings->max_redirects);
      break;
    case NF_FETCH_PROP_MAX_SIZE:
      g_value_set_uint64 (value, settings->max_size);
      break;
    case NF_FETCH_PROP_USER_AGENT:
      g_value_set_string (value, settings->user_agent);
      break;
    case NF_FETCH_PROP_ALLOW_PRIVATE:
      g_value_set_boolean (value, settings->allow_private);
      break;
    case NF_FETCH_PROP_TLS_VERIFY:
      g_value_set_boolean (value, settings->tls_verify);
      break;
    case NF_FETCH_PROP_RESPECT_ROBOTS:
      g_value_set_boolean (value, settings->respect_robots);
      break;
    case NF_FETCH_PROP_PER_HOST_DELAY:
      g_value_set_uint (value, settings->per_host_delay_ms);
      break;
    case NF_FETCH_PROP_CACHE_DIR:
      g_value_set_string (value, settings->cache_dir);
      break;
    case NF_FETCH_N_PROPS:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* ---- Responses to documents ---- */

/* "Text/HTML; charset=x" → "text/html"; NULL for NULL or empty. */
static char *
media_type_of (const char *content_type)
{
  gsize n;
  g_autofree char *type = NULL;

  if (content_type == NULL)
    return NULL;
  n = strcspn (content_type, ";");
  type = g_strstrip (g_ascii_strdown (content_type, n));
  return *type != '\0' ? g_steal_pointer (&type) : NULL;
}

gboolean
nf_fetch_is_text_type (const char *media_type)
{
  static const char * const text_types[] = {
    "application/xhtml+xml",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/json",
    "application/feed+json",
    "application/javascript",
  };

  if (g_str_has_prefix (media_type, "text/"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (text_types); i++)
    if (strcmp (media_type, text_types[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
set_meta_int (NfDocument *document,
              const char *key,
              gint64      value)
{
  g_autoptr(JsonNode) node = json_node_init_int (json_node_alloc (), value);

  nf_document_set_meta_node (document, key, node);
}

static void
set_meta_boolean (NfDocument *document,
                  const char *key,
                  gboolean    value)
{
  g_autoptr(JsonNode) node = json_node_init_boolean (json_node_alloc (), value);

  nf_document_set_meta_node (document, key, node);
}

static gboolean
starts_like_markup (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return *text == '<';
}

gboolean
nf_fetch_apply_response (NfDocument      *document,
                         NfHttpResponse  *response,
                         GError         **error)
{
  g_autofree char *media_type = media_type_of (response->content_type);
  g_autofree char *charset = NULL;
  g_autofree char *content_type = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const guint8 *data = NULL;
  gsize length = 0;
  char *text;

  set_meta_int (document, "fetch.status", response->status);
  if (response->redirects > 0 && response->final_uri != NULL)
    nf_document_set_meta_string (document, "fetch.final_uri", response->final_uri);
  if (response->content_type != NULL)
    nf_document_set_meta_string (document, "fetch.content_type", response->content_type);
  if (response->etag != NULL)
    nf_document_set_meta_string (document, "fetch.etag", response->etag);
  if (response->last_modified != NULL)
    nf_document_set_meta_string (document, "fetch.last_modified", response->last_modified);
  if (response->attempts > 1)
    set_meta_int (document, "fetch.attempts", response->attempts);

  if (response->not_modified)
    {
      /* Unchanged since the last run: the document comes out without content. */
      set_meta_boolean (document, "fetch.unchanged", TRUE);
      return TRUE;
    }

  if (media_type != NULL && !nf_fetch_is_text_type (media_type))
    {
      g_set_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_NOT_TEXT,
                   "%s is %s, not text", response->final_uri, media_type);
      return FALSE;
    }

  if (response->body != NULL)
    data = g_bytes_get_data (response->body, &length);

  text = nf_decode_text (data, length, response->charset, response->content_type,
                         &charset, NULL, &local_error);
  if (text == NULL)
    {
      if (media_type == NULL && g_error_matches (local_error, NF_CHARSET_ERROR, NF_CHARSET_ERROR_BINARY))
        g_set_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_NOT_TEXT,
                     "%s is not text: no Content-Type, and %s",
                     response->final_uri, local_error->message);
      else
        g_set_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_DECODE,
                     "cannot read the body of %s as text: %s",
                     response->final_uri, local_error->message);
      return FALSE;
    }

  if (media_type == NULL)
    media_type = g_strdup (starts_like_markup (text) ? "text/html" : "text/plain");
  content_type = g_strconcat (media_type, "; charset=utf-8", NULL);

  bytes = g_bytes_new_take (text, strlen (text));
  nf_document_set_content (document, bytes, content_type);
  nf_document_set_meta_string (document, "fetch.charset", charset);
  return TRUE;
}

void
nf_fetch_fail_document (NfElement            *element,
                        NfDocument           *document,
                        const NfHttpResponse *response,
                        const GError         *error)
{
  if (g_error_matches (error, NF_FETCH_ERROR, NF_FETCH_ERROR_HTTP_STATUS)
      && response != NULL && response->status != 0)
    nf_document_set_http_status (document, response->status);
  nf_element_fail_document (element, document, error);
}
