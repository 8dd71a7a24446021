/* nf-fetch-src.c: downloads a URL, or a list of URLs, into documents
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfFetchSrc:
 *
 * `fetchsrc` downloads the pages [property@NfFetchSrc:location] names: one
 * URL, a file with one URL per line (blank lines and lines starting with
 * `#` are skipped) or `-` for such a list on standard input. The list is
 * read as the downloads go, so it may be as long as you like.
 *
 * Each URL becomes a document whose id is the normalised URL (scheme and
 * host in lower case, default port, fragment and tracking parameters
 * dropped) and whose uri is the URL as written; documents come out in the
 * order of the list, while up to [property@NfFetchSrc:max-connections]
 * downloads run at once. The download properties and what a document gets
 * are those of `fetch` (see [class@NfFetch]); `fetch location=URL` at the
 * head of a pipeline is this element.
 *
 * A location that names no URL and no readable file stops the pipeline
 * with %NF_ELEMENT_ERROR_NOT_FOUND; a URL that cannot be fetched becomes a
 * document with its `error` set and a WARNING.
 */
#include "nf-soup-elements.h"
#include "nf-fetch-common.h"
#include "nf-url.h"

#include <string.h>
#include <unistd.h>

NF_DEBUG_CATEGORY_STATIC (fetch_src_debug);

struct _NfFetchSrc
{
  NfSource         parent_instance;

  char            *location;
  NfFetchSettings  settings;
};

enum {
  PROP_0,
  PROP_LOCATION,
  N_OWN_PROPS
};

#define FIRST_FETCH_PROP N_OWN_PROPS

static GParamSpec *properties[N_OWN_PROPS];

G_DEFINE_FINAL_TYPE (NfFetchSrc, nf_fetch_src, NF_TYPE_SOURCE)

/* One URL of the list, from its request to its push. */
typedef struct {
  NfDocument     *document;
  NfHttpResponse *response;   /* on success */
  GError         *error;
  gboolean        done;
} Pending;

/* The state of one run of generate(). */
typedef struct {
  NfFetchSrc   *self;
  NfHttpClient *client;
  GCancellable *cancellable;  /* ours, cancelled with the pipeline's */
  GIOChannel   *channel;      /* the list; NULL for a single URL */
  char         *single_url;   /* not yet taken */
  guint64       line;

  GMutex        lock;
  GCond         cond;
  GQueue        pending;      /* Pending, in list order */
  guint         outstanding;  /* requests whose callback has not run */
} Run;

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->document);
  g_clear_pointer (&pending->response, nf_http_response_free);
  g_clear_error (&pending->error);
  g_free (pending);
}

typedef struct {
  Run     *run;
  Pending *pending;
} Callback;

/* On the client's thread: keep what came, wake generate(). The response is
 * turned into text on the source's thread, not the client's. */
static void
on_fetched (NfHttpResponse *response,
            const GError   *error,
            gpointer        user_data)
{
  Callback *callback = user_data;
  Run *run = callback->run;
  Pending *pending = callback->pending;

  g_mutex_lock (&run->lock);
  if (error != NULL)
    {
      pending->error = g_error_copy (error);
      if (response != NULL && response->status != 0)
        {
          pending->response = g_new0 (NfHttpResponse, 1);
          pending->response->status = response->status;
        }
    }
  else
    {
      pending->response = g_new0 (NfHttpResponse, 1);
      *pending->response = *response;
      memset (response, 0, sizeof *response);   /* the client frees the husk */
    }
  pending->done = TRUE;
  run->outstanding--;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);

  g_free (callback);
}

/* The next URL of the list, or NULL at its end. */
static char *
next_url (Run     *run,
          GError **error)
{
  if (run->channel == NULL)
    return g_steal_pointer (&run->single_url);

  for (;;)
    {
      g_autofree char *line = NULL;
      GIOStatus status;

      status = g_io_channel_read_line (run->channel, &line, NULL, NULL, error);
      if (status == G_IO_STATUS_EOF)
        return NULL;
      if (status != G_IO_STATUS_NORMAL)
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_READ,
                         "cannot read the URL list %s", run->self->location);
          return NULL;
        }
      run->line++;

      g_strstrip (line);
      if (*line == '\0' || *line == '#')
        continue;
      return g_steal_pointer (&line);
    }
}

static void
start_fetch (Run  *run,
             char *url)
{
  g_autofree char *owned = url;
  g_autofree char *id = nf_url_normalize (url);
  Pending *pending = g_new0 (Pending, 1);
  Callback *callback = g_new0 (Callback, 1);

  /* A URL that cannot be normalised keeps its own text as the id; the
   * client says what is wrong with it. */
  pending->document = nf_document_new (id != NULL ? id : url);
  nf_document_set_uri (pending->document, url);

  callback->run = run;
  callback->pending = pending;

  g_mutex_lock (&run->lock);
  g_queue_push_tail (&run->pending, pending);
  run->outstanding++;
  g_mutex_unlock (&run->lock);

  nf_http_client_fetch (run->client, url, run->cancellable, on_fetched, callback);
}

/* Turns a finished download into the document to push. */
static NfDocument *
finish_document (Run     *run,
                 Pending *pending)
{
  NfElement *element = NF_ELEMENT (run->self);
  g_autoptr(GError) error = NULL;

  if (pending->error != NULL)
    nf_fetch_fail_document (element, pending->document, pending->response, pending->error);
  else if (!nf_fetch_apply_response (pending->document, pending->response, &error))
    nf_fetch_fail_document (element, pending->document, pending->response, error);

  return g_object_ref (pending->document);
}

static gboolean
open_location (Run     *run,
               GError **error)
{
  const char *location = run->self->location;
  g_autoptr(GError) local_error = NULL;

  if (location == NULL || *location == '\0')
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                   "fetchsrc needs a location: a URL, a file of URLs, or - for standard input");
      return FALSE;
    }

  if (strstr (location, "://") != NULL)
    {
      run->single_url = g_strdup (location);
      return TRUE;
    }

  if (strcmp (location, "-") == 0)
    run->channel = g_io_channel_unix_new (dup (STDIN_FILENO));
  else
    run->channel = g_io_channel_new_file (location, "r", &local_error);

  if (run->channel == NULL)
    {
      g_set_error (error, NF_ELEMENT_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                   ? NF_ELEMENT_ERROR_NOT_FOUND : NF_ELEMENT_ERROR_OPEN_READ,
                   "cannot read the URL list %s: %s", location, local_error->message);
      return FALSE;
    }

  g_io_channel_set_close_on_unref (run->channel, TRUE);
  /* URLs are bytes to us; invalid UTF-8 must not stop the list. */
  g_io_channel_set_encoding (run->channel, NULL, NULL);
  return TRUE;
}

static void
cancel_run (GCancellable *cancellable,
            GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static gboolean
nf_fetch_src_generate (NfSource      *source,
                       GCancellable  *cancellable,
                       GError       **error)
{
  NfFetchSrc *self = NF_FETCH_SRC (source);
  NfElement *element = NF_ELEMENT (source);
  NfHttpOptions options;
  Run run = { 0 };
  gulong cancel_id = 0;
  gboolean stopping = FALSE;
  gboolean list_ended = FALSE;
  GError *list_error = NULL;
  Pending *pending;
  /* The client runs max-connections at once and queues the rest; a longer
   * window lets the list go on past a slow URL at its head (see fetch). */
  guint window = MIN (self->settings.max_connections * 8, 4096);

  run.self = self;
  if (!open_location (&run, error))
    return FALSE;

  nf_fetch_settings_to_options (&self->settings, &options);
  run.client = nf_http_client_new (&options);
  run.cancellable = g_cancellable_new ();
  g_mutex_init (&run.lock);
  g_cond_init (&run.cond);
  g_queue_init (&run.pending);
  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (cancel_run),
                                       g_object_ref (run.cancellable), g_object_unref);

  for (;;)
    {
      g_autoptr(NfDocument) document = NULL;

      /* Keep the client busy, in list order. */
      while (!stopping && !list_ended && run.pending.length < window)
        {
          char *url = next_url (&run, &list_error);

          if (url == NULL)
            list_ended = TRUE;
          else
            start_fetch (&run, url);
        }

      g_mutex_lock (&run.lock);
      pending = g_queue_peek_head (&run.pending);
      while (pending != NULL && !pending->done)
        {
          g_cond_wait (&run.cond, &run.lock);
          pending = g_queue_peek_head (&run.pending);
        }
      if (pending != NULL)
        g_queue_pop_head (&run.pending);
      g_mutex_unlock (&run.lock);

      if (pending == NULL)
        break;

      document = finish_document (&run, pending);
      pending_free (pending);

      if (!stopping && !nf_element_push (element, document))
        {
          /* The pipeline is stopping: what is still running is wasted. */
          stopping = TRUE;
          g_cancellable_cancel (run.cancellable);
        }
    }

  /* Every callback has run: nothing refers to the run any more. */
  g_mutex_lock (&run.lock);
  while (run.outstanding > 0)
    g_cond_wait (&run.cond, &run.lock);
  g_mutex_unlock (&run.lock);

  if (cancel_id != 0)
    g_cancellable_disconnect (cancellable, cancel_id);
  g_clear_pointer (&run.client, nf_http_client_unref);
  g_clear_object (&run.cancellable);
  g_clear_pointer (&run.channel, g_io_channel_unref);
  g_free (run.single_url);
  g_queue_clear_full (&run.pending, (GDestroyNotify) pending_free);
  g_mutex_clear (&run.lock);
  g_cond_clear (&run.cond);

  NF_CAT_DEBUG (fetch_src_debug, "%s: %" G_GUINT64_FORMAT " lines read",
                nf_element_get_name (element), run.line);

  if (list_error != NULL && !stopping)
    {
      g_propagate_error (error, list_error);
      return FALSE;
    }
  g_clear_error (&list_error);
  return TRUE;
}

static void
nf_fetch_src_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  NfFetchSrc *self = NF_FETCH_SRC (object);

  if (prop_id == PROP_LOCATION)
    {
      const char *location = g_value_get_string (value);

      if (g_strcmp0 (self->location, location) != 0)
        {
          g_free (self->location);
          self->location = g_strdup (location);
          g_object_notify_by_pspec (object, pspec);
        }
    }
  else if (!nf_fetch_settings_set_property (&self->settings, object, FIRST_FETCH_PROP,
                                            prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
nf_fetch_src_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NfFetchSrc *self = NF_FETCH_SRC (object);

  if (prop_id == PROP_LOCATION)
    g_value_set_string (value, self->location);
  else if (!nf_fetch_settings_get_property (&self->settings, FIRST_FETCH_PROP, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
nf_fetch_src_finalize (GObject *object)
{
  NfFetchSrc *self = NF_FETCH_SRC (object);

  g_free (self->location);
  nf_fetch_settings_clear (&self->settings);

  G_OBJECT_CLASS (nf_fetch_src_parent_class)->finalize (object);
}

static void
nf_fetch_src_class_init (NfFetchSrcClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfSourceClass *source_class = NF_SOURCE_CLASS (klass);

  object_class->finalize = nf_fetch_src_finalize;
  object_class->get_property = nf_fetch_src_get_property;
  object_class->set_property = nf_fetch_src_set_property;

  source_class->generate = nf_fetch_src_generate;

  /**
   * NfFetchSrc:location:
   *
   * What to download: an http or https URL, a file listing one URL per
   * line, or `-` for such a list on standard input.
   */
  properties[PROP_LOCATION] =
    g_param_spec_string ("location", "Location",
                         "A URL, a file with one URL per line, or - for a list on standard input",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_OWN_PROPS, properties);

  nf_fetch_install_properties (object_class, FIRST_FETCH_PROP);

  nf_element_class_set_metadata (element_class,
                                 "HTTP fetcher source",
                                 "Source/Network",
                                 "Downloads a URL or a list of URLs over HTTP(S) into documents, in list order",
                                 "libnewsfilter authors");

  NF_DEBUG_CATEGORY_INIT (fetch_src_debug, "fetchsrc", "the fetchsrc element");
}

static void
nf_fetch_src_init (NfFetchSrc *self)
{
  nf_fetch_settings_init (&self->settings);
}
