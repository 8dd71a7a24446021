/* nf-dedup.c: duplicate stories marked, or dropped
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfDedup:
 *
 * `dedup` finds documents that repeat one seen before and marks them with
 * `duplicate_of` (the first copy's id) and a meta string `dedup.reason`:
 *
 * - `url`: the same normalised URL (`canonical_uri`, else `uri`; scheme
 *   and host lower-cased, no fragment, no default port, no utm_*, fbclid,
 *   gclid… tracking parameters, no trailing slash);
 * - `text`: the same text once white space is collapsed and letters
 *   lower-cased;
 * - `near`: a wire story republished with small edits: 64-bit SimHash
 *   fingerprints of the texts' 3-word shingles within
 *   [property@Nf.Dedup:threshold] differing bits (the distance is in the
 *   meta number `dedup.distance`). Texts shorter than
 *   [property@Nf.Dedup:min-words] words are compared exactly only.
 *
 * With [property@Nf.Dedup:drop] duplicates are not passed on at all.
 * Failed documents pass untouched; a document without text is compared
 * by URL only. A document is never its own duplicate: the same id seen
 * again (a re-run, a redelivered stream entry) is treated as the first
 * copy it is.
 *
 * The "first" copy is the one dedup saw first. Documents are processed
 * on several threads at once, under one mutex: among documents in flight
 * at the same moment, the one that takes the mutex first is first.
 *
 * Memory is bounded by [property@Nf.Dedup:memory] documents, the oldest
 * forgotten first. With [property@Nf.Dedup:database], what is seen is also
 * kept in an SQLite file (table `dedup_seen`), read at start and written in
 * batches, so re-runs and workers sharing the file agree.
 */
#include "nf-dedup-private.h"

#include <string.h>

NF_DEBUG_CATEGORY_STATIC (dedup_debug);

/* Wire copies with a figure or a word rewritten, or a paragraph added,
 * land 4–6 bits away; unrelated stories about 32 (docs/dedup.md). */
#define DEFAULT_THRESHOLD 8
#define DEFAULT_MIN_WORDS 20
#define DEFAULT_MEMORY    100000
/* Rows are written when this many are queued, or this long after the last
 * write, whichever comes first. */
#define FLUSH_ROWS        256
#define FLUSH_INTERVAL_US (250 * G_TIME_SPAN_MILLISECOND)

struct _NfDedup
{
  NfFilter      parent_instance;

  gboolean      drop;
  guint         threshold;
  guint         min_words;
  guint         memory;
  char         *database;

  GMutex        lock;          /* guards index, store and last_flush_us */
  NfDedupIndex *index;
  NfDedupStore *store;
  gint64        last_flush_us;
  guint         queued;        /* rows given to the store since its last flush */
};

enum {
  PROP_0,
  PROP_DROP,
  PROP_THRESHOLD,
  PROP_MIN_WORDS,
  PROP_MEMORY,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NfDedup, nf_dedup, NF_TYPE_FILTER)

/* Makes a fresh memory, and opens and reads the database when one is set. */
static gboolean
nf_dedup_start (NfElement  *element,
                GError    **error)
{
  NfDedup *self = NF_DEDUP (element);

  g_clear_pointer (&self->index, nf_dedup_index_free);
  g_clear_pointer (&self->store, nf_dedup_store_close);
  self->index = nf_dedup_index_new (self->memory);
  if (self->database != NULL && *self->database != '\0')
    {
      self->store = nf_dedup_store_open (self->database, self->memory, error);
      if (self->store == NULL || !nf_dedup_store_load (self->store, self->index, error))
        return FALSE;
      NF_CAT_DEBUG (dedup_debug, "%s: %u documents remembered from %s",
                    nf_element_get_name (element), nf_dedup_index_get_size (self->index),
                    self->database);
    }
  self->last_flush_us = g_get_monotonic_time ();
  self->queued = 0;
  return TRUE;
}

/* Writes what is still queued, waiting for the database if it must. */
static gboolean
nf_dedup_stop (NfElement  *element,
               GError    **error)
{
  NfDedup *self = NF_DEDUP (element);
  gboolean ok = TRUE;

  if (self->store != NULL)
    ok = nf_dedup_store_flush (self->store, TRUE, error);
  g_clear_pointer (&self->store, nf_dedup_store_close);
  g_clear_pointer (&self->index, nf_dedup_index_free);
  return ok;
}

/* Remembers a first copy, in memory and (queued) in the database, and
 * writes the queue when it is due. Called with the lock held. */
static gboolean
remember (NfDedup            *self,
          const NfDedupKeys  *keys,
          const char         *id,
          GError            **error)
{
  gint64 now;

  nf_dedup_index_add (self->index, keys, id);
  if (self->store == NULL)
    return TRUE;
  nf_dedup_store_add (self->store, keys, id, NULL);
  self->queued++;
  now = g_get_monotonic_time ();
  if (self->queued < FLUSH_ROWS && now - self->last_flush_us < FLUSH_INTERVAL_US)
    return TRUE;
  /* no waiting here: a writer holding the file must not stall the pipeline */
  if (!nf_dedup_store_flush (self->store, FALSE, error))
    return FALSE;
  self->last_flush_us = now;
  self->queued = 0;
  return TRUE;
}

/* Looks @keys up in memory, then in the database; remembers the document
 * when it is a first copy. Returns FALSE with @error on a database failure. */
static gboolean
check_and_remember (NfDedup            *self,
                    const NfDedupKeys  *keys,
                    const char         *id,
                    NfDedupMatch       *match,
                    GError            **error)
{
  gboolean seen_self = FALSE, ok = TRUE;

  memset (match, 0, sizeof *match);
  g_mutex_lock (&self->lock);
  if (!nf_dedup_index_lookup (self->index, keys, id, self->threshold, match, &seen_self) &&
      self->store != NULL)
    ok = nf_dedup_store_lookup (self->store, keys, id, self->threshold, match, error);
  if (ok && match->reason == NF_DEDUP_REASON_NONE && !seen_self)
    ok = remember (self, keys, id, error);
  g_mutex_unlock (&self->lock);
  return ok;
}

/* Marks @document a duplicate as @match says. */
static void
mark_duplicate (NfDocument         *document,
                const NfDedupMatch *match)
{
  nf_document_set_duplicate_of (document, match->id);
  nf_document_set_meta_string (document, "dedup.reason", nf_dedup_reason_to_string (match->reason));
  if (match->reason == NF_DEDUP_REASON_NEAR)
    {
      g_autoptr(JsonNode) distance = json_node_init_int (json_node_alloc (), match->distance);
      nf_document_set_meta_node (document, "dedup.distance", distance);
    }
}

/* Marks (or drops) @document when it repeats one seen before, else
 * remembers it; passes it on either way unless it is dropped. */
static gboolean
nf_dedup_process (NfFilter    *filter,
                  NfDocument  *document,
                  GError     **error)
{
  NfDedup *self = NF_DEDUP (filter);
  const char *uri = nf_document_get_canonical_uri (document);
  NfDedupKeys keys;
  NfDedupMatch match;
  g_autoptr(GError) store_error = NULL;

  if (uri == NULL || *uri == '\0')
    uri = nf_document_get_uri (document);
  /* the costly part, outside the lock */
  nf_dedup_keys_compute (&keys, uri, nf_document_get_text (document), self->min_words);
  if (keys.has == 0)
    {
      nf_element_push (NF_ELEMENT (self), document);
      return TRUE;
    }

  if (!check_and_remember (self, &keys, nf_document_get_id (document), &match, &store_error))
    {
      /* a database that cannot be read or written is not about one document */
      nf_element_post_error (NF_ELEMENT (self), store_error, NULL);
      g_propagate_error (error, g_steal_pointer (&store_error));
      return FALSE;
    }
  if (match.reason == NF_DEDUP_REASON_NONE)
    {
      nf_element_push (NF_ELEMENT (self), document);
      return TRUE;
    }

  NF_CAT_DEBUG (dedup_debug, "%s: duplicate of %s (%s, distance %u)", nf_document_get_id (document),
                match.id, nf_dedup_reason_to_string (match.reason), match.distance);
  mark_duplicate (document, &match);
  nf_dedup_match_clear (&match);
  if (!self->drop)
    nf_element_push (NF_ELEMENT (self), document);
  return TRUE;
}

/* The usual property accessors. */
static void
nf_dedup_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  NfDedup *self = NF_DEDUP (object);

  switch (prop_id)
    {
    case PROP_DROP:
      g_value_set_boolean (value, self->drop);
      break;
    case PROP_THRESHOLD:
      g_value_set_uint (value, self->threshold);
      break;
    case PROP_MIN_WORDS:
      g_value_set_uint (value, self->min_words);
      break;
    case PROP_MEMORY:
      g_value_set_uint (value, self->memory);
      break;
    case PROP_DATABASE:
      g_value_set_string (value, self->database);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_dedup_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  NfDedup *self = NF_DEDUP (object);

  switch (prop_id)
    {
    case PROP_DROP:
      nf_property_update_boolean (object, &self->drop, value, pspec);
      break;
    case PROP_THRESHOLD:
      nf_property_update_uint (object, &self->threshold, value, pspec);
      break;
    case PROP_MIN_WORDS:
      nf_property_update_uint (object, &self->min_words, value, pspec);
      break;
    case PROP_MEMORY:
      nf_property_update_uint (object, &self->memory, value, pspec);
      break;
    case PROP_DATABASE:
      nf_property_update_string (object, &self->database, value, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_dedup_finalize (GObject *object)
{
  NfDedup *self = NF_DEDUP (object);

  g_clear_pointer (&self->store, nf_dedup_store_close);
  g_clear_pointer (&self->index, nf_dedup_index_free);
  g_free (self->database);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (nf_dedup_parent_class)->finalize (object);
}

static void
install_properties (GObjectClass *object_class)
{
  /**
   * NfDedup:drop:
   *
   * Whether duplicates are dropped (not passed on) rather than marked.
   */
  properties[PROP_DROP] =
    g_param_spec_boolean ("drop", "Drop",
                          "Drop duplicates instead of passing them on marked with duplicate_of",
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfDedup:threshold:
   *
   * How many of the 64 fingerprint bits two texts may differ in and still
   * be near-duplicates; 0 takes only equal fingerprints.
   */
  properties[PROP_THRESHOLD] =
    g_param_spec_uint ("threshold", "Threshold",
                       "Most fingerprint bits (of 64) two near-duplicate texts may differ in; 0: equal fingerprints only",
                       0, 16, DEFAULT_THRESHOLD,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfDedup:min-words:
   *
   * Texts with fewer words than this are compared exactly only: too few
   * shingles make fingerprints that match by chance.
   */
  properties[PROP_MIN_WORDS] =
    g_param_spec_uint ("min-words", "Minimum words",
                       "Texts with fewer words are compared exactly only, never as near-duplicates",
                       0, G_MAXUINT, DEFAULT_MIN_WORDS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfDedup:memory:
   *
   * How many first copies are remembered at most, the oldest forgotten
   * first (about 100 bytes each, plus the id); also how many rows the
   * database keeps.
   */
  properties[PROP_MEMORY] =
    g_param_spec_uint ("memory", "Memory",
                       "Documents remembered at most; the oldest are forgotten first",
                       1, G_MAXINT32, DEFAULT_MEMORY,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfDedup:database:
   *
   * An SQLite file (created if missing; it may be sqlitesink's) where the
   * documents seen are kept in the table `dedup_seen`, so that re-runs and
   * workers sharing it agree on duplicates.
   */
  properties[PROP_DATABASE] =
    g_param_spec_string ("database", "Database",
                         "SQLite file keeping what was seen (table dedup_seen) across runs and workers",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nf_dedup_class_init (NfDedupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfFilterClass *filter_class = NF_FILTER_CLASS (klass);

  object_class->get_property = nf_dedup_get_property;
  object_class->set_property = nf_dedup_set_property;
  object_class->finalize = nf_dedup_finalize;
  element_class->start = nf_dedup_start;
  element_class->stop = nf_dedup_stop;
  filter_class->process = nf_dedup_process;

  install_properties (object_class);

  nf_element_class_set_metadata (element_class,
                                 "Duplicate finder",
                                 "Filter/Dedup",
                                 "Marks (or drops) documents repeating one seen before: the same URL, the same text, or a story republished with small edits",
                                 "libnewsfilter authors");

  NF_DEBUG_CATEGORY_INIT (dedup_debug, "dedup", "the duplicate finder");
}

static void
nf_dedup_init (NfDedup *self)
{
  g_mutex_init (&self->lock);
  self->threshold = DEFAULT_THRESHOLD;
  self->min_words = DEFAULT_MIN_WORDS;
  self->memory = DEFAULT_MEMORY;
}
