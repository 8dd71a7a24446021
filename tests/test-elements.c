/* test-elements.c: small elements the framework tests drive pipelines with
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-elements.h"

/* ---- tsource ---------------------------------------------------------- */

struct _TestSource
{
  NfSource   parent_instance;
  guint      count;
  guint      fail_at;
  guint      pushed;
  guint      max_ahead;
  TestCollect *watched;
};

enum { SRC_PROP_0, SRC_PROP_COUNT, SRC_PROP_FAIL_AT };

G_DEFINE_FINAL_TYPE (TestSource, test_source, NF_TYPE_SOURCE)

static gboolean
test_source_generate (NfSource      *source,
                      GCancellable  *cancellable,
                      GError       **error)
{
  TestSource *self = TEST_SOURCE (source);

  for (guint i = 0; self->count == 0 || i < self->count; i++)
    {
      g_autofree char *id = g_strdup_printf ("doc%05u", i);
      g_autofree char *text = g_strdup_printf ("%u", i);
      g_autoptr(NfDocument) doc = nf_document_new (id);

      if (self->fail_at != 0 && i == self->fail_at)
        {
          g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_READ,
                       "tsource gave up at document %u", i);
          return FALSE;
        }
      nf_document_set_text (doc, text);
      if (!nf_element_push (NF_ELEMENT (self), doc))
        return TRUE;
      self->pushed++;
      if (self->watched != NULL)
        {
          guint ahead = self->pushed - test_collect_get_rendered (self->watched);
          self->max_ahead = MAX (self->max_ahead, ahead);
        }
    }
  return TRUE;
}

static void
test_source_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  TestSource *self = TEST_SOURCE (object);

  if (id == SRC_PROP_COUNT)
    self->count = g_value_get_uint (value);
  else if (id == SRC_PROP_FAIL_AT)
    self->fail_at = g_value_get_uint (value);
}

static void
test_source_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  TestSource *self = TEST_SOURCE (object);

  if (id == SRC_PROP_COUNT)
    g_value_set_uint (value, self->count);
  else if (id == SRC_PROP_FAIL_AT)
    g_value_set_uint (value, self->fail_at);
}

static void
test_source_class_init (TestSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = test_source_set_property;
  object_class->get_property = test_source_get_property;
  NF_SOURCE_CLASS (klass)->generate = test_source_generate;
  g_object_class_install_property (object_class, SRC_PROP_COUNT,
    g_param_spec_uint ("count", "Count", "Documents to push (0: until stopped)",
                       0, G_MAXUINT, 10, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, SRC_PROP_FAIL_AT,
    g_param_spec_uint ("fail-at", "Fail at", "Fail the source at this document (0: never)",
                       0, G_MAXUINT, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  nf_element_class_set_metadata (NF_ELEMENT_CLASS (klass), "Test source", "Source/Test",
                                 "Pushes numbered documents", "tests");
}

static void
test_source_init (TestSource *self)
{
  self->count = 10;
}

guint
test_source_get_pushed (TestSource *self)
{
  return self->pushed;
}

guint
test_source_get_max_ahead (TestSource *self)
{
  return self->max_ahead;
}

void
test_source_watch_sink (TestSource *self, gpointer sink)
{
  self->watched = sink;
}

/* ---- tshuffle --------------------------------------------------------- */

struct _TestShuffle
{
  NfFilter parent_instance;
  guint    fail_every;
  guint    copies;
  guint    max_sleep_us;
};

enum { SHUF_PROP_0, SHUF_PROP_FAIL_EVERY, SHUF_PROP_COPIES, SHUF_PROP_MAX_SLEEP };

G_DEFINE_FINAL_TYPE (TestShuffle, test_shuffle, NF_TYPE_FILTER)

static guint
document_number (NfDocument *doc)
{
  const char *text = nf_document_get_text (doc);
  return text ? (guint) g_ascii_strtoull (text, NULL, 10) : 0;
}

static gboolean
test_shuffle_process (NfFilter *filter, NfDocument *doc, GError **error)
{
  TestShuffle *self = TEST_SHUFFLE (filter);
  guint n = document_number (doc);

  if (self->max_sleep_us > 0)
    g_usleep ((n * 2654435761u) % self->max_sleep_us);
  if (self->fail_every != 0 && (n + 1) % self->fail_every == 0)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FAILED,
                   "tshuffle rejects document %u", n);
      return FALSE;
    }
  for (guint i = 1; i < self->copies; i++)
    {
      g_autoptr(NfDocument) copy = nf_document_copy (doc);
      g_autofree char *id = g_strdup_printf ("%s#%u", nf_document_get_id (doc), i + 1);
      nf_document_set_id (copy, id);
      nf_element_push (NF_ELEMENT (self), copy);
    }
  if (self->copies > 0)
    nf_element_push (NF_ELEMENT (self), doc);
  return TRUE;
}

static void
test_shuffle_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  TestShuffle *self = TEST_SHUFFLE (object);

  if (id == SHUF_PROP_FAIL_EVERY)
    self->fail_every = g_value_get_uint (value);
  else if (id == SHUF_PROP_COPIES)
    self->copies = g_value_get_uint (value);
  else if (id == SHUF_PROP_MAX_SLEEP)
    self->max_sleep_us = g_value_get_uint (value);
}

static void
test_shuffle_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  TestShuffle *self = TEST_SHUFFLE (object);

  if (id == SHUF_PROP_FAIL_EVERY)
    g_value_set_uint (value, self->fail_every);
  else if (id == SHUF_PROP_COPIES)
    g_value_set_uint (value, self->copies);
  else if (id == SHUF_PROP_MAX_SLEEP)
    g_value_set_uint (value, self->max_sleep_us);
}

static void
test_shuffle_class_init (TestShuffleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = test_shuffle_set_property;
  object_class->get_property = test_shuffle_get_property;
  NF_FILTER_CLASS (klass)->process = test_shuffle_process;
  g_object_class_install_property (object_class, SHUF_PROP_FAIL_EVERY,
    g_param_spec_uint ("fail-every", "Fail every", "Fail every Nth document (0: never)",
                       0, G_MAXUINT, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, SHUF_PROP_COPIES,
    g_param_spec_uint ("copies", "Copies", "Documents pushed per input (0 drops)",
                       0, 16, 1, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, SHUF_PROP_MAX_SLEEP,
    g_param_spec_uint ("max-sleep-us", "Maximum sleep", "Longest pseudo-random delay",
                       0, G_MAXUINT, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  nf_element_class_set_metadata (NF_ELEMENT_CLASS (klass), "Test shuffle", "Filter/Test",
                                 "Delays documents so they finish out of order", "tests");
}

static void
test_shuffle_init (TestShuffle *self)
{
  self->copies = 1;
}

/* ---- trendezvous ------------------------------------------------------ */

struct _TestRendezvous
{
  NfFilter parent_instance;
  GMutex   lock;
  GCond    cond;
  guint    inside;
  guint    generation;
  guint    parties;
  guint    timeout_ms;
};

enum { RV_PROP_0, RV_PROP_PARTIES, RV_PROP_TIMEOUT };

G_DEFINE_FINAL_TYPE (TestRendezvous, test_rendezvous, NF_TYPE_FILTER)

/* Documents wait inside until `parties` of them are in at once; a lone
 * document at the end of the stream is let through on its own. */
static gboolean
test_rendezvous_process (NfFilter *filter, NfDocument *doc, GError **error)
{
  TestRendezvous *self = TEST_RENDEZVOUS (filter);
  gint64 deadline = g_get_monotonic_time () + self->timeout_ms * G_TIME_SPAN_MILLISECOND;
  gboolean met = TRUE;
  guint generation;

  g_mutex_lock (&self->lock);
  generation = self->generation;
  self->inside++;
  if (self->inside >= self->parties)
    {
      self->inside = 0;
      self->generation++;
      g_cond_broadcast (&self->cond);
    }
  else
    {
      while (self->generation == generation && met)
        met = g_cond_wait_until (&self->cond, &self->lock, deadline);
      if (!met)
        self->inside--;
    }
  g_mutex_unlock (&self->lock);

  if (!met)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FAILED,
                   "%s waited %u ms alone: documents do not run in parallel",
                   nf_document_get_id (doc), self->timeout_ms);
      return FALSE;
    }
  nf_element_push (NF_ELEMENT (self), doc);
  return TRUE;
}

static void
test_rendezvous_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  TestRendezvous *self = TEST_RENDEZVOUS (object);

  if (id == RV_PROP_PARTIES)
    self->parties = g_value_get_uint (value);
  else if (id == RV_PROP_TIMEOUT)
    self->timeout_ms = g_value_get_uint (value);
}

static void
test_rendezvous_finalize (GObject *object)
{
  TestRendezvous *self = TEST_RENDEZVOUS (object);

  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (test_rendezvous_parent_class)->finalize (object);
}

static void
test_rendezvous_class_init (TestRendezvousClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = test_rendezvous_set_property;
  object_class->finalize = test_rendezvous_finalize;
  NF_FILTER_CLASS (klass)->process = test_rendezvous_process;
  g_object_class_install_property (object_class, RV_PROP_PARTIES,
    g_param_spec_uint ("parties", "Parties", "Documents that must be inside at once",
                       1, 64, 2, G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, RV_PROP_TIMEOUT,
    g_param_spec_uint ("timeout-ms", "Timeout", "How long a document waits for company",
                       1, G_MAXUINT, 5000, G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS));
  nf_element_class_set_metadata (NF_ELEMENT_CLASS (klass), "Test rendezvous", "Filter/Test",
                                 "Lets documents through only in parallel pairs", "tests");
}

static void
test_rendezvous_init (TestRendezvous *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->parties = 2;
  self->timeout_ms = 5000;
}

/* ---- tprobe ----------------------------------------------------------- */

struct _TestProbe
{
  NfFilter    parent_instance;
  gint        inside;
  gint        max_inside;
  GMutex      lock;
  GHashTable *threads;
};

G_DEFINE_FINAL_TYPE (TestProbe, test_probe, NF_TYPE_FILTER)

static gboolean
test_probe_process (NfFilter *filter, NfDocument *doc, GError **error)
{
  TestProbe *self = TEST_PROBE (filter);
  gint now = g_atomic_int_add (&self->inside, 1) + 1;
  gint max;

  while ((max = g_atomic_int_get (&self->max_inside)) < now
         && !g_atomic_int_compare_and_exchange (&self->max_inside, max, now))
    ;
  g_mutex_lock (&self->lock);
  g_hash_table_add (self->threads, g_thread_self ());
  g_mutex_unlock (&self->lock);
  g_usleep (200);
  g_atomic_int_add (&self->inside, -1);
  nf_element_push (NF_ELEMENT (self), doc);
  return TRUE;
}

static void
test_probe_finalize (GObject *object)
{
  TestProbe *self = TEST_PROBE (object);

  g_hash_table_unref (self->threads);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (test_probe_parent_class)->finalize (object);
}

static void
test_probe_class_init (TestProbeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_probe_finalize;
  NF_FILTER_CLASS (klass)->process = test_probe_process;
  nf_element_class_set_metadata (NF_ELEMENT_CLASS (klass), "Test probe", "Filter/Test",
                                 "Measures concurrency", "tests");
}

static void
test_probe_init (TestProbe *self)
{
  g_mutex_init (&self->lock);
  self->threads = g_hash_table_new (NULL, NULL);
}

guint
test_probe_get_max_inside (TestProbe *self)
{
  return (guint) g_atomic_int_get (&self->max_inside);
}

gboolean
test_probe_ran_off_thread (TestProbe *self, GThread *thread)
{
  GHashTableIter iter;
  gpointer key;
  gboolean off = FALSE;

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->threads);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (key != thread)
      off = TRUE;
  g_mutex_unlock (&self->lock);
  return off;
}

/* ---- tcollect --------------------------------------------------------- */

struct _TestCollect
{
  NfSink        parent_instance;
  GPtrArray    *ids;
  GPtrArray    *documents;
  guint         rendered;
  guint         fail_at;
  guint         sleep_us;
  guint         cancel_at;
  GCancellable *cancellable;
  gint          concurrent;
  gboolean      overlapped;
};

enum { COL_PROP_0, COL_PROP_FAIL_AT, COL_PROP_SLEEP };

G_DEFINE_FINAL_TYPE (TestCollect, test_collect, NF_TYPE_SINK)

static gboolean
test_collect_render (NfSink *sink, NfDocument *doc, GError **error)
{
  TestCollect *self = TEST_COLLECT (sink);

  if (g_atomic_int_add (&self->concurrent, 1) != 0)
    self->overlapped = TRUE;
  if (self->sleep_us)
    g_usleep (self->sleep_us);
  g_atomic_int_add (&self->concurrent, -1);

  if (self->fail_at != 0 && self->rendered + 1 == self->fail_at)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_WRITE,
                   "tcollect cannot write document %s", nf_document_get_id (doc));
      return FALSE;
    }
  g_ptr_array_add (self->ids, g_strdup (nf_document_get_id (doc)));
  g_ptr_array_add (self->documents, g_object_ref (doc));
  g_atomic_int_inc ((gint *) &self->rendered);
  if (self->cancellable != NULL && self->rendered == self->cancel_at)
    g_cancellable_cancel (self->cancellable);
  g_assert_false (self->overlapped);
  return TRUE;
}

static void
test_collect_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  TestCollect *self = TEST_COLLECT (object);

  if (id == COL_PROP_FAIL_AT)
    self->fail_at = g_value_get_uint (value);
  else if (id == COL_PROP_SLEEP)
    self->sleep_us = g_value_get_uint (value);
}

static void
test_collect_finalize (GObject *object)
{
  TestCollect *self = TEST_COLLECT (object);

  g_ptr_array_unref (self->ids);
  g_ptr_array_unref (self->documents);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (test_collect_parent_class)->finalize (object);
}

static void
test_collect_class_init (TestCollectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = test_collect_set_property;
  object_class->finalize = test_collect_finalize;
  NF_SINK_CLASS (klass)->render = test_collect_render;
  g_object_class_install_property (object_class, COL_PROP_FAIL_AT,
    g_param_spec_uint ("fail-at", "Fail at", "Fail rendering the Nth document (0: never)",
                       0, G_MAXUINT, 0, G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, COL_PROP_SLEEP,
    g_param_spec_uint ("sleep-us", "Sleep", "Delay per document",
                       0, G_MAXUINT, 0, G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS));
  nf_element_class_set_metadata (NF_ELEMENT_CLASS (klass), "Test collector", "Sink/Test",
                                 "Keeps what it renders", "tests");
}

static void
test_collect_init (TestCollect *self)
{
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->documents = g_ptr_array_new_with_free_func (g_object_unref);
}

GPtrArray *
test_collect_get_ids (TestCollect *self)
{
  return self->ids;
}

GPtrArray *
test_collect_get_documents (TestCollect *self)
{
  return self->documents;
}

guint
test_collect_get_rendered (TestCollect *self)
{
  return g_atomic_int_get ((gint *) &self->rendered);
}

void
test_collect_cancel_at (TestCollect *self, guint n, GCancellable *cancellable)
{
  self->cancel_at = n;
  g_set_object (&self->cancellable, cancellable);
}

/* ---- tasync ----------------------------------------------------------- */

struct _TestAsync
{
  NfFilter     parent_instance;
  GThreadPool *completer;
  gint         held;
  gint         max_held;
  guint        want_in_flight;
};

enum { ASYNC_PROP_0, ASYNC_PROP_IN_FLIGHT };

G_DEFINE_FINAL_TYPE (TestAsync, test_async, NF_TYPE_FILTER)

typedef struct {
  TestAsync  *self;
  NfDocument *doc;
} Held;

static void
test_async_complete (gpointer data, gpointer user_data)
{
  Held *held = data;
  TestAsync *self = held->self;
  guint n = document_number (held->doc);

  /* Later documents often finish first. */
  g_usleep ((n * 2654435761u) % 300);
  if (n % 7 == 6)
    {
      g_autoptr(GError) error = g_error_new (NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FAILED,
                                             "tasync lost document %u", n);
      nf_element_fail_document (NF_ELEMENT (self), held->doc, error);
    }
  nf_element_push (NF_ELEMENT (self), held->doc);
  g_atomic_int_add (&self->held, -1);
  nf_element_release (NF_ELEMENT (self), held->doc);
  g_object_unref (held->doc);
  g_free (held);
}

static gboolean
test_async_process (NfFilter *filter, NfDocument *doc, GError **error)
{
  TestAsync *self = TEST_ASYNC (filter);
  Held *held = g_new0 (Held, 1);
  gint now = g_atomic_int_add (&self->held, 1) + 1;
  gint max;

  while ((max = g_atomic_int_get (&self->max_held)) < now
         && !g_atomic_int_compare_and_exchange (&self->max_held, max, now))
    ;
  held->self = self;
  held->doc = g_object_ref (doc);
  nf_element_hold (NF_ELEMENT (self), doc);
  g_thread_pool_push (self->completer, held, NULL);
  return TRUE;
}

static gboolean
test_async_start (NfElement *element, GError **error)
{
  TestAsync *self = TEST_ASYNC (element);

  nf_element_request_in_flight (element, self->want_in_flight);
  return TRUE;
}

static void
test_async_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  TEST_ASYNC (object)->want_in_flight = g_value_get_uint (value);
}

static void
test_async_finalize (GObject *object)
{
  TestAsync *self = TEST_ASYNC (object);

  g_thread_pool_free (self->completer, FALSE, TRUE);
  G_OBJECT_CLASS (test_async_parent_class)->finalize (object);
}

static void
test_async_class_init (TestAsyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = test_async_finalize;
  object_class->set_property = test_async_set_property;
  NF_ELEMENT_CLASS (klass)->start = test_async_start;
  NF_FILTER_CLASS (klass)->process = test_async_process;
  g_object_class_install_property (object_class, ASYNC_PROP_IN_FLIGHT,
    g_param_spec_uint ("in-flight", "In flight", "Documents to ask the pipeline room for",
                       0, 4096, 0, G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS));
}

static void
test_async_init (TestAsync *self)
{
  /* Four completer threads: pushes come from threads the pipeline does not own. */
  self->completer = g_thread_pool_new (test_async_complete, NULL, 4, TRUE, NULL);
}

guint
test_async_get_max_held (TestAsync *self)
{
  return (guint) g_atomic_int_get (&self->max_held);
}

/* ---- tfailstart ------------------------------------------------------- */

struct _TestFailStart
{
  NfFilter parent_instance;
};

G_DEFINE_FINAL_TYPE (TestFailStart, test_fail_start, NF_TYPE_FILTER)

static gboolean
test_fail_start_start (NfElement *element, GError **error)
{
  g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
               "%s cannot start: no model", nf_element_get_name (element));
  return FALSE;
}

static void
test_fail_start_class_init (TestFailStartClass *klass)
{
  NF_ELEMENT_CLASS (klass)->start = test_fail_start_start;
}

static void
test_fail_start_init (TestFailStart *self)
{
}

void
test_elements_register (void)
{
  nf_element_register (NULL, "tsource", TEST_TYPE_SOURCE, NF_ELEMENT_FLAG_NONE);
  nf_element_register (NULL, "tshuffle", TEST_TYPE_SHUFFLE, NF_ELEMENT_FLAG_NONE);
  nf_element_register (NULL, "trendezvous", TEST_TYPE_RENDEZVOUS, NF_ELEMENT_FLAG_NONE);
  nf_element_register (NULL, "tprobe", TEST_TYPE_PROBE, NF_ELEMENT_FLAG_NONE);
  nf_element_register (NULL, "tcollect", TEST_TYPE_COLLECT, NF_ELEMENT_FLAG_NONE);
  nf_element_register (NULL, "tfailstart", TEST_TYPE_FAIL_START, NF_ELEMENT_FLAG_NONE);
  nf_element_register (NULL, "tasync", TEST_TYPE_ASYNC, NF_ELEMENT_FLAG_NONE);
}
