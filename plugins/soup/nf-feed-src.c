/* nf-feed-src.c: one document per entry of RSS, Atom and JSON feeds
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfFeedSrc:
 *
 * `feedsrc` reads feeds — RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed — and
 * produces one document per entry, ready for `fetch` (which downloads the
 * article at its `uri`) or directly for `clean` (the entry's HTML content is
 * the document's content).
 *
 * [property@NfFeedSrc:location] is a feed URL, a local feed file, an OPML
 * file or URL listing feeds (folders of outlines included), or a text file
 * with one feed URL or path per line (blank lines and `#` comments skipped;
 * relative paths are relative to the list file). Feeds are read in the
 * order listed, entries in feed order; several downloads run at once.
 *
 * Each document has:
 * - `id`: the entry's link, normalised (scheme and host in lower case,
 *   default port, fragment and tracking parameters such as `utm_*` dropped);
 *   without a link, the entry's guid;
 * - `uri`: the entry's link, absolute (relative links are resolved against
 *   `xml:base` and the feed's URL);
 * - `title`, `published` (ISO 8601, UTC; the entry's update date when it has
 *   no publication date), `modified`, `authors`;
 * - `description`: the entry's summary as plain text;
 * - the content: the entry's content (or summary) as `text/html`;
 * - meta `feed.title`, `feed.url` (the feed as listed) and `feed.guid`.
 *
 * Entries are emitted once: an entry whose normalised link (else guid) was
 * seen already — in another feed, an earlier poll, or, with
 * [property@NfFeedSrc:state], an earlier run — is skipped.
 *
 * A feed that cannot be downloaded or parsed becomes one failed document
 * (its id the feed's URL or path, its error the reason: an
 * `nf-fetch-error` such as `http-status` or `feed`) with a WARNING on the
 * bus, and the other feeds go on.
 *
 * XML is parsed with libxml2 without network access, DTD loading or entity
 * substitution; a document whose DTD declares entities that expand beyond
 * 64 KiB (the "billion laughs") is refused.
 */
#include "nf-soup-elements.h"
#include "nf-fetch-error.h"
#include "nf-http-client.h"
#include "nf-fetch-common.h"
#include "nf-feed-parser.h"
#include "nf-feed-state.h"
#include "nf-url.h"

#include <string.h>

NF_DEBUG_CATEGORY_STATIC (feed_src_debug);

#define DEFAULT_TIMEOUT   30000   /* ms, as fetch */
#define DEFAULT_INTERVAL  0
/* Downloads started ahead of the feed being read: enough to hide latency,
 * few enough that a list of a thousand feeds does not sit in memory. */
#define FETCH_WINDOW      8
/* An OPML list may name another list (once): deeper is a loop or a joke. */
#define MAX_LIST_DEPTH    2
#define MAX_LOCAL_SIZE    (G_GUINT64_CONSTANT (64) * 1024 * 1024)

struct _NfFeedSrc
{
  NfSource  parent_instance;

  char     *location;
  guint     interval;
  char     *state;
  gboolean  allow_private;
  guint     timeout;
  char     *user_agent;
  char     *cache_dir;
};

enum {
  PROP_0,
  PROP_LOCATION,
  PROP_INTERVAL,
  PROP_STATE,
  PROP_ALLOW_PRIVATE,
  PROP_TIMEOUT,
  PROP_USER_AGENT,
  PROP_CACHE_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NfFeedSrc, nf_feed_src, NF_TYPE_SOURCE)

/* ---- Downloads in flight ---- */

/* The outcome of one download, filled on the client's thread. Shared by the
 * request and the reader: whoever is last frees it. */
typedef struct {
  gint      ref_count;
  GMutex    lock;
  GCond     cond;
  gboolean  done;
  GBytes   *body;
  char     *charset;
  guint     status;
  gboolean  not_modified;
  GError   *error;
} Download;

static Download *
download_new (void)
{
  Download *download = g_new0 (Download, 1);

  download->ref_count = 1;
  g_mutex_init (&download->lock);
  g_cond_init (&download->cond);
  return download;
}

static Download *
download_ref (Download *download)
{
  g_atomic_int_inc (&download->ref_count);
  return download;
}

static void
download_unref (Download *download)
{
  if (download == NULL || !g_atomic_int_dec_and_test (&download->ref_count))
    return;

  g_mutex_clear (&download->lock);
  g_cond_clear (&download->cond);
  g_clear_pointer (&download->body, g_bytes_unref);
  g_free (download->charset);
  g_clear_error (&download->error);
  g_free (download);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Download, download_unref)

/* The client owns what it passes: keep copies. */
static void
on_downloaded (NfHttpResponse *response,
               const GError   *error,
               gpointer        user_data)
{
  Download *download = user_data;

  g_mutex_lock (&download->lock);
  if (response != NULL)
    {
      download->status = response->status;
      download->not_modified = response->not_modified;
      download->charset = g_strdup (response->charset);
      if (response->body != NULL)
        download->body = g_bytes_ref (response->body);
    }
  if (error != NULL)
    download->error = g_error_copy (error);
  else if (response == NULL)
    download->error = g_error_new (NF_FETCH_ERROR, NF_FETCH_ERROR_CONNECT, "no response");
  download->done = TRUE;
  g_cond_broadcast (&download->cond);
  g_mutex_unlock (&download->lock);

  download_unref (download);
}

static void
download_wait (Download *download)
{
  g_mutex_lock (&download->lock);
  while (!download->done)
    g_cond_wait (&download->cond, &download->lock);
  g_mutex_unlock (&download->lock);
}

/* ---- One run of generate() ---- */

/* A feed (or list of feeds) to read: a URL or a local file. */
typedef struct {
  char     *location;   /* as listed: the failed document's id, meta feed.url */
  char     *url;        /* http(s) URL, or NULL */
  char     *path;       /* local file, or NULL */
  guint     depth;      /* 0 for the location itself, 1 for what it lists… */
  Download *download;   /* started ahead, or NULL */
} FeedRef;

static void
feed_ref_free (FeedRef *ref)
{
  g_free (ref->location);
  g_free (ref->url);
  g_free (ref->path);
  download_unref (ref->download);
  g_free (ref);
}

typedef struct {
  NfFeedSrc    *self;
  GCancellable *cancellable;
  NfHttpClient *client;     /* made on first need */
  NfFeedState  *seen;       /* this run's, and the state file's */
  gboolean      stopped;
  gboolean      first_poll;
  /* Copies of the properties, read once: they may change while we run. */
  char         *location;
  char         *state;
  guint         interval;
  gboolean      allow_private;
  guint         timeout;
  char         *user_agent;
  char         *cache_dir;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->client, nf_http_client_unref);
  g_clear_pointer (&run->seen, nf_feed_state_free);
  g_clear_pointer (&run->location, g_free);
  g_clear_pointer (&run->state, g_free);
  g_clear_pointer (&run->user_agent, g_free);
  g_clear_pointer (&run->cache_dir, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static const char *
run_name (Run *run)
{
  return nf_element_get_name (NF_ELEMENT (run->self));
}

static gboolean
run_check_stopped (Run *run)
{
  if (!run->stopped && g_cancellable_is_cancelled (run->cancellable))
    run->stopped = TRUE;
  return run->stopped;
}

static gboolean
emit (Run        *run,
      NfDocument *document)
{
  if (!nf_element_push (NF_ELEMENT (run->self), document))
    run->stopped = TRUE;
  return !run_check_stopped (run);
}

static NfHttpClient *
run_get_client (Run *run)
{
  NfHttpOptions options;

  if (run->client != NULL)
    return run->client;

  nf_http_options_init_defaults (&options);
  options.allow_private = run->allow_private;
  options.timeout_ms = run->timeout;
  if (run->user_agent != NULL && *run->user_agent != '\0')
    options.user_agent = run->user_agent;
  if (run->cache_dir != NULL && *run->cache_dir != '\0')
    options.cache_dir = run->cache_dir;

  run->client = nf_http_client_new (&options);
  return run->client;
}

/* The id of a feed that failed: its URL normalised, or its path. */
static char *
feed_id (FeedRef *ref)
{
  char *normalized = ref->url != NULL ? nf_url_normalize (ref->url) : NULL;

  return normalized != NULL ? normalized : g_strdup (ref->location);
}

/* The feed becomes one failed document, and the other feeds go on. */
static gboolean
emit_feed_failure (Run          *run,
                   FeedRef      *ref,
                   guint         http_status,
                   const GError *error)
{
  g_autofree char *id = feed_id (ref);
  g_autoptr(NfDocument) document = nf_document_new (id);

  nf_document_set_uri (document, ref->url != NULL ? ref->url : ref->location);
  nf_document_set_meta_string (document, "feed.url", ref->location);
  if (http_status > 0)
    nf_document_set_http_status (document, http_status);

  NF_CAT_INFO (feed_src_debug, "%s: feed %s failed: %s", run_name (run), ref->location, error->message);
  nf_element_fail_document (NF_ELEMENT (run->self), document, error);
  return emit (run, document);
}

/* ---- Entries to documents ---- */

static char *
entry_fallback_key (const char  *feed,
                    NfFeedEntry *entry)
{
  g_autofree char *checksum = NULL;
  g_autoptr(GString) material = g_string_new (NULL);

  g_string_append_printf (material, "%s\n%s\n%s\n%s",
                          entry->title != NULL ? entry->title : "",
                          entry->published != NULL ? entry->published : "",
                          entry->summary != NULL ? entry->summary : "",
                          entry->content != NULL ? entry->content : "");
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, material->str, material->len);
  return g_strdup_printf ("%s#%.16s", feed, checksum);
}

/* How an entry is known, for duplicates and the state file: its link
 * normalised; else its guid within its feed; else its link as written;
 * else what it says. */
static char *
entry_key (const char  *feed,
           NfFeedEntry *entry)
{
  char *normalized = nf_url_normalize (entry->link);

  if (normalized != NULL)
    return normalized;
  if (entry->id != NULL)
    return g_strdup_printf ("%s#%s", feed, entry->id);
  if (entry->link != NULL)
    return g_strdup (entry->link);
  return entry_fallback_key (feed, entry);
}

static char *
entry_id (const char  *feed,
          NfFeedEntry *entry)
{
  char *normalized = nf_url_normalize (entry->link);

  if (normalized != NULL)
    return normalized;
  if (entry->id != NULL)
    return g_strdup (entry->id);
  if (entry->link != NULL)
    return g_strdup (entry->link);
  return entry_fallback_key (feed, entry);
}

static NfDocument *
document_from_entry (FeedRef     *ref,
                     NfFeed      *feed,
                     NfFeedEntry *entry)
{
  g_autofree char *id = entry_id (ref->location, entry);
  g_autoptr(NfDocument) document = nf_document_new (id);
  const char *html = entry->content != NULL ? entry->content : entry->summary;

  if (entry->link != NULL)
    nf_document_set_uri (document, entry->link);
  if (entry->title != NULL)
    nf_document_set_title (document, entry->title);
  if (entry->published != NULL)
    nf_document_set_published (document, entry->published);
  else if (entry->updated != NULL)
    nf_document_set_published (document, entry->updated);
  if (entry->updated != NULL)
    nf_document_set_modified (document, entry->updated);

  for (guint i = 0; i < entry->authors->len; i++)
    nf_document_add_author (document, g_ptr_array_index (entry->authors, i));

  if (entry->summary != NULL)
    {
      g_autofree char *description = nf_feed_html_to_text (entry->summary);

      if (description != NULL)
        nf_document_set_description (document, description);
    }

  if (html != NULL)
    {
      g_autoptr(GBytes) content = g_bytes_new (html, strlen (html));

      nf_document_set_content (document, content, "text/html; charset=utf-8");
    }

  if (feed->title != NULL)
    nf_document_set_meta_string (document, "feed.title", feed->title);
  nf_document_set_meta_string (document, "feed.url", ref->location);
  if (entry->id != NULL)
    nf_document_set_meta_string (document, "feed.guid", entry->id);

  return g_steal_pointer (&document);
}

static void
emit_entries (Run     *run,
              FeedRef *ref,
              NfFeed  *feed)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint emitted = 0;

  for (guint i = 0; i < feed->entries->len && !run_check_stopped (run); i++)
    {
      NfFeedEntry *entry = g_ptr_array_index (feed->entries, i);
      g_autofree char *key = entry_key (ref->location, entry);
      g_autoptr(NfDocument) document = NULL;

      /* Seen in another feed, an earlier poll or an earlier run. */
      if (!nf_feed_state_add (run->seen, key, now))
        {
          NF_CAT_LOG (feed_src_debug, "%s: %s seen already", run_name (run), key);
          continue;
        }

      document = document_from_entry (ref, feed, entry);
      emitted++;
      if (!emit (run, document))
        break;
    }

  NF_CAT_DEBUG (feed_src_debug, "%s: %s: %u entries, %u new", run_name (run),
                ref->location, feed->entries->len, emitted);
}

/* ---- Reading feeds and lists ---- */

static FeedRef *
feed_ref_new (const char *location,
              const char *base_dir,
              guint       depth)
{
  FeedRef *ref = g_new0 (FeedRef, 1);

  ref->location = g_strdup (location);
  ref->depth = depth;

  if (nf_url_is_http (location))
    ref->url = g_strstrip (g_strdup (location));
  else if (g_str_has_prefix (location, "file:"))
    ref->path = g_filename_from_uri (location, NULL, NULL);
  else if (strstr (location, "://") == NULL)
    {
      if (g_path_is_absolute (location) || base_dir == NULL)
        ref->path = g_strdup (location);
      else
        ref->path = g_build_filename (base_dir, location, NULL);
    }

  return ref;
}

static void
start_download (Run     *run,
                FeedRef *ref)
{
  if (ref->url == NULL || ref->download != NULL)
    return;

  ref->download = download_new ();
  nf_http_client_fetch (run_get_client (run), ref->url, run->cancellable,
                        on_downloaded, download_ref (ref->download));
}

/* Text lists: one feed per line; blank lines and # comments skipped. */
static void
add_list_lines (GPtrArray  *refs,
                guint       position,
                const char *text,
                const char *base_dir,
                guint       depth)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0' || *line == '#')
        continue;
      g_ptr_array_insert (refs, position++, feed_ref_new (line, base_dir, depth));
    }
}

static gboolean
looks_like_document (GBytes *bytes)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;

  return i < length && (data[i] == '<' || data[i] == '{');
}

/* Reads a local file, bounded. NULL with @error (NF_ELEMENT_ERROR). */
static GBytes *
load_local (Run         *run,
            const char  *path,
            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, run->cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, NF_ELEMENT_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                   ? NF_ELEMENT_ERROR_NOT_FOUND : NF_ELEMENT_ERROR_OPEN_READ,
                   "%s: %s", path,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                   ? "no such file" : local_error->message);
      return NULL;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_OPEN_READ,
                   "%s: is a directory, not a feed or a list of feeds", path);
      return NULL;
    }

  if ((guint64) g_file_info_get_size (info) > MAX_LOCAL_SIZE)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_TOO_LARGE,
                   "%s: %" G_GOFFSET_FORMAT " bytes is too large for a feed", path,
                   g_file_info_get_size (info));
      return NULL;
    }

  if (!g_file_load_contents (file, run->cancellable, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_OPEN_READ,
                   "%s: %s", path, local_error->message);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/* The bytes of a feed, downloaded or read. NULL when it failed, after the
 * failure was emitted (or, for the location itself on the first poll, set
 * in @fatal); also NULL, without either, for a 304 or a cancellation. */
static GBytes *
read_feed_bytes (Run      *run,
                 FeedRef  *ref,
                 char    **charset,
                 GError  **fatal)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  if (ref->url != NULL)
    {
      Download *download;

      start_download (run, ref);
      download = ref->download;
      download_wait (download);

      if (download->error != NULL)
        {
          if (!g_error_matches (download->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            emit_feed_failure (run, ref, download->status, download->error);
          else
            run->stopped = TRUE;
          return NULL;
        }
      if (download->not_modified || download->body == NULL)
        {
          NF_CAT_DEBUG (feed_src_debug, "%s: %s unchanged", run_name (run), ref->location);
          return NULL;
        }

      *charset = g_strdup (download->charset);
      return g_bytes_ref (download->body);
    }

  if (ref->path == NULL)
    {
      error = g_error_new (NF_FETCH_ERROR, NF_FETCH_ERROR_UNSUPPORTED_SCHEME,
                           "%s: not an http or https URL, nor a file", ref->location);
      if (ref->depth == 0 && run->first_poll)
        g_propagate_error (fatal, g_steal_pointer (&error));
      else
        emit_feed_failure (run, ref, 0, error);
      return NULL;
    }

  bytes = load_local (run, ref->path, &error);
  if (bytes == NULL)
    {
      /* A location that is not there at all is a mistake in the pipeline. */
      if (ref->depth == 0 && run->first_poll)
        g_propagate_error (fatal, g_steal_pointer (&error));
      else
        emit_feed_failure (run, ref, 0, error);
    }
  return bytes;
}

/* Reads the feed at refs[@index]: its entries are emitted; the feeds a list
 * names are inserted after it. FALSE with @error for a fatal error. */
static gboolean
read_one (Run        *run,
          GPtrArray  *refs,
          guint       index,
          GError    **error)
{
  FeedRef *ref = g_ptr_array_index (refs, index);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(NfFeed) feed = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GError) fatal = NULL;
  g_autofree char *charset = NULL;
  gsize length;
  const guint8 *data;

  bytes = read_feed_bytes (run, ref, &charset, &fatal);
  if (bytes == NULL)
    {
      if (fatal == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&fatal));
      return FALSE;
    }

  /* A local file that is neither XML nor JSON is a list of feeds. */
  if (ref->path != NULL && !looks_like_document (bytes))
    {
      g_autofree char *dir = g_path_get_dirname (ref->path);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      if (ref->depth >= MAX_LIST_DEPTH)
        {
          g_autoptr(GError) deep = g_error_new (NF_FETCH_ERROR, NF_FETCH_ERROR_FEED,
                                                "feed %s: not a feed (a list of feeds inside a list is not read)",
                                                ref->location);
          emit_feed_failure (run, ref, 0, deep);
          return TRUE;
        }
      add_list_lines (refs, index + 1, text, dir, ref->depth + 1);
      return TRUE;
    }

  data = g_bytes_get_data (bytes, &length);
  /* A local feed's relative links stay relative: resolving them against
   * a file: URI would only make links nothing can fetch. */
  feed = nf_feed_parse (data, length, ref->url != NULL ? ref->url : ref->path, charset, &parse_error);
  if (feed == NULL)
    {
      emit_feed_failure (run, ref, 0, parse_error);
      return TRUE;
    }

  if (feed->warning != NULL)
    NF_CAT_WARNING (feed_src_debug, "%s: %s", run_name (run), feed->warning);

  if (feed->format == NF_FEED_FORMAT_OPML)
    {
      guint position = index + 1;

      if (ref->depth >= MAX_LIST_DEPTH)
        {
          g_autoptr(GError) deep = g_error_new (NF_FETCH_ERROR, NF_FETCH_ERROR_FEED,
                                                "feed %s: an OPML list inside a list is not read",
                                                ref->location);
          emit_feed_failure (run, ref, 0, deep);
          return TRUE;
        }

      /* Relative URLs in a local OPML file are relative to the file. */
      for (guint i = 0; i < feed->feeds->len; i++)
        {
          const char *listed = g_ptr_array_index (feed->feeds, i);
          g_autofree char *dir = ref->path != NULL ? g_path_get_dirname (ref->path) : NULL;

          g_ptr_array_insert (refs, position++, feed_ref_new (listed, dir, ref->depth + 1));
        }
      return TRUE;
    }

  emit_entries (run, ref, feed);
  return TRUE;
}

/* One reading of everything the location names. */
static gboolean
poll_once (Run     *run,
           GError **error)
{
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func ((GDestroyNotify) feed_ref_free);

  g_ptr_array_add (refs, feed_ref_new (run->location, NULL, 0));

  for (guint i = 0; i < refs->len && !run_check_stopped (run); i++)
    {
      /* Start the next few downloads while this one is read. */
      for (guint j = i; j < refs->len && j < i + FETCH_WINDOW; j++)
        start_download (run, g_ptr_array_index (refs, j));

      if (!read_one (run, refs, i, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
on_wait_over (gpointer user_data)
{
  gboolean *over = user_data;

  *over = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled_wait (GCancellable *cancellable,
                   gpointer      user_data)
{
  return on_wait_over (user_data);
}

/* Waits @seconds or until the pipeline stops; FALSE when it stopped. */
static gboolean
wait_interval (Run   *run,
               guint  seconds)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  /* Milliseconds: a seconds source fires on whole-second ticks, early. */
  g_autoptr(GSource) timeout = g_timeout_source_new ((guint) MIN ((guint64) seconds * 1000, G_MAXUINT));
  g_autoptr(GSource) cancelled = NULL;
  gboolean over = FALSE;

  g_source_set_callback (timeout, on_wait_over, &over, NULL);
  g_source_attach (timeout, context);
  if (run->cancellable != NULL)
    {
      cancelled = g_cancellable_source_new (run->cancellable);
      g_source_set_callback (cancelled, (GSourceFunc) (void (*) (void)) on_cancelled_wait, &over, NULL);
      g_source_attach (cancelled, context);
    }

  while (!over)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (timeout);
  if (cancelled != NULL)
    g_source_destroy (cancelled);

  return !run_check_stopped (run);
}

static gboolean
nf_feed_src_generate (NfSource      *source,
                      GCancellable  *cancellable,
                      GError       **error)
{
  NfFeedSrc *self = NF_FEED_SRC (source);
  g_auto(Run) run = { 0 };

  run.self = self;
  run.cancellable = cancellable;
  run.first_poll = TRUE;
  g_object_get (self,
                "location", &run.location,
                "state", &run.state,
                "interval", &run.interval,
                "allow-private", &run.allow_private,
                "timeout", &run.timeout,
                "user-agent", &run.user_agent,
                "cache-dir", &run.cache_dir,
                NULL);
  if (run.location == NULL || *g_strstrip (run.location) == '\0')
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                   "%s: no location set (a feed URL or file, an OPML list, or a file of feed URLs)",
                   nf_element_get_name (NF_ELEMENT (self)));
      return FALSE;
    }

  run.seen = nf_feed_state_new (NF_FEED_STATE_DEFAULT_MAX_KEYS);

  if (run.state != NULL && *run.state != '\0'
      && !nf_feed_state_load (run.seen, run.state, error))
    return FALSE;

  for (;;)
    {
      if (!poll_once (&run, error))
        return FALSE;

      /* What was emitted is remembered even when the run is stopping. */
      if (run.state != NULL && *run.state != '\0' && nf_feed_state_is_dirty (run.seen)
          && !nf_feed_state_save (run.seen, run.state, error))
        return FALSE;

      if (run.interval == 0 || run_check_stopped (&run))
        break;

      NF_CAT_DEBUG (feed_src_debug, "%s: next poll in %u s", run_name (&run), run.interval);
      if (!wait_interval (&run, run.interval))
        break;
      run.first_poll = FALSE;
    }

  return TRUE;
}

/* ---- GObject ---- */

static void
nf_feed_src_finalize (GObject *object)
{
  NfFeedSrc *self = NF_FEED_SRC (object);

  g_free (self->location);
  g_free (self->state);
  g_free (self->user_agent);
  g_free (self->cache_dir);

  G_OBJECT_CLASS (nf_feed_src_parent_class)->finalize (object);
}

static void
nf_feed_src_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NfFeedSrc *self = NF_FEED_SRC (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    case PROP_ALLOW_PRIVATE:
      g_value_set_boolean (value, self->allow_private);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;
    case PROP_CACHE_DIR:
      g_value_set_string (value, self->cache_dir);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_feed_src_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NfFeedSrc *self = NF_FEED_SRC (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      nf_property_update_string (object, &self->location, value, pspec);
      break;
    case PROP_INTERVAL:
      nf_property_update_uint (object, &self->interval, value, pspec);
      break;
    case PROP_STATE:
      nf_property_update_string (object, &self->state, value, pspec);
      break;
    case PROP_ALLOW_PRIVATE:
      nf_property_update_boolean (object, &self->allow_private, value, pspec);
      break;
    case PROP_TIMEOUT:
      nf_property_update_uint (object, &self->timeout, value, pspec);
      break;
    case PROP_USER_AGENT:
      nf_property_update_string (object, &self->user_agent, value, pspec);
      break;
    case PROP_CACHE_DIR:
      nf_property_update_string (object, &self->cache_dir, value, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_feed_src_class_init (NfFeedSrcClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfSourceClass *source_class = NF_SOURCE_CLASS (klass);

  object_class->finalize = nf_feed_src_finalize;
  object_class->get_property = nf_feed_src_get_property;
  object_class->set_property = nf_feed_src_set_property;

  source_class->generate = nf_feed_src_generate;

  /**
   * NfFeedSrc:location:
   *
   * What to read: a feed URL, a feed file, an OPML list of feeds (file or
   * URL), or a text file with one feed URL or path per line.
   */
  properties[PROP_LOCATION] =
    g_param_spec_string ("location", "Location",
                         "Feed URL or file, OPML list, or text file of feed URLs/paths (one a line)",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfFeedSrc:interval:
   *
   * Seconds between two readings of the feeds. 0 reads them once and
   * ends; otherwise the source keeps polling, emitting only new entries,
   * until the pipeline is stopped.
   */
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", "Interval",
                       "Seconds between polls; 0 reads the feeds once",
                       0, 7 * 24 * 3600, DEFAULT_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfFeedSrc:state:
   *
   * A file that remembers the entries emitted (by normalised link or
   * guid, the last 100 000), read at start and rewritten atomically after
   * each poll, so that a feed watcher sees each article once across runs.
   */
  properties[PROP_STATE] =
    g_param_spec_string ("state", "State file",
                         "File remembering the entries emitted, so later runs skip them",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfFeedSrc:allow-private:
   *
   * Whether feeds may be downloaded from loopback and private addresses
   * (checked on the address connected to). Turn off in services that read
   * feeds users name.
   */
  properties[PROP_ALLOW_PRIVATE] =
    g_param_spec_boolean ("allow-private", "Allow private addresses",
                          "Allow downloads from loopback and private network addresses",
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfFeedSrc:timeout:
   *
   * Milliseconds one attempt at downloading a feed may take, from
   * connecting to the last byte, as `fetch`'s; 0 for no limit.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", "Timeout",
                       "Milliseconds one feed download attempt may take (0: no limit)",
                       0, G_MAXUINT, DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfFeedSrc:user-agent:
   *
   * The User-Agent header sent with feed requests.
   */
  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", "User agent",
                         "User-Agent header sent with feed requests",
                         NF_FETCH_DEFAULT_USER_AGENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfFeedSrc:cache-dir:
   *
   * A directory where ETag and Last-Modified of feeds are kept, so that a
   * feed that did not change is not downloaded again (and gives nothing).
   */
  properties[PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", "Cache directory",
                         "Directory keeping ETag/Last-Modified for conditional requests",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  nf_element_class_set_metadata (element_class,
                                 "Feed source",
                                 "Source/Network/Feed",
                                 "Reads RSS, Atom and JSON feeds and OPML lists into one document per entry",
                                 "libnewsfilter authors");

  NF_DEBUG_CATEGORY_INIT (feed_src_debug, "feedsrc", "the feedsrc element");
}

static void
nf_feed_src_init (NfFeedSrc *self)
{
  self->interval = DEFAULT_INTERVAL;
  self->allow_private = TRUE;
  self->timeout = DEFAULT_TIMEOUT;
  self->user_agent = g_strdup (NF_FETCH_DEFAULT_USER_AGENT);
}
