/* nf-app-sink.c: a sink that hands documents to the application
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfAppSink:
 *
 * `appsink` hands the documents that reach it to the application, in input
 * order, in two ways at once:
 *
 * - the [signal@Nf.AppSink::new-document] signal, emitted on the main context
 *   the pipeline runs from (not on a pipeline thread), in order with the bus
 *   messages: every document's signal comes before the run finishes. Turn it
 *   off with [property@Nf.AppSink:emit-signals];
 * - a queue that [method@Nf.AppSink.pull_document] takes from, from any
 *   thread, without blocking.
 *
 * ```python
 * p = Nf.parse_launch("filesrc location=news/ ! clean ! appsink name=out")
 * p.get_by_name("out").connect("new-document", lambda sink, doc: print(doc.get_title()))
 * p.run(None)
 * ```
 *
 * The queue keeps every document unless [property@Nf.AppSink:max-queued] is
 * set: then, when it is full, the oldest queued document is dropped from the
 * queue to make room (it has still been announced by the signal). An
 * application that only uses the signal can set `max-queued=1` to keep memory
 * flat over long runs.
 */
#include "newsfilter.h"

NF_DEBUG_CATEGORY_STATIC (app_sink_debug);

struct _NfAppSink
{
  NfSink    parent_instance;

  GMutex    lock;
  GQueue    queue;         /* NfDocument, oldest first */
  guint     max_queued;    /* 0: unbounded */
  gboolean  emit_signals;
  guint64   n_dropped;
};

enum {
  PROP_0,
  PROP_EMIT_SIGNALS,
  PROP_MAX_QUEUED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  NEW_DOCUMENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (NfAppSink, nf_app_sink, NF_TYPE_SINK)

/**
 * nf_app_sink_pull_document:
 * @self: an #NfAppSink
 *
 * Takes the oldest document from the sink's queue, without waiting. Safe to
 * call from any thread, during or after a run.
 *
 * Returns: (transfer full) (nullable): the oldest queued document, or %NULL
 *   when the queue is empty
 */
NfDocument *
nf_app_sink_pull_document (NfAppSink *self)
{
  NfDocument *document;

  g_return_val_if_fail (NF_IS_APP_SINK (self), NULL);

  g_mutex_lock (&self->lock);
  document = g_queue_pop_head (&self->queue);
  g_mutex_unlock (&self->lock);

  return document;
}

/**
 * nf_app_sink_get_n_queued:
 * @self: an #NfAppSink
 *
 * Tells how many documents wait in the queue for nf_app_sink_pull_document().
 *
 * Returns: the number of queued documents
 */
guint
nf_app_sink_get_n_queued (NfAppSink *self)
{
  guint n;

  g_return_val_if_fail (NF_IS_APP_SINK (self), 0);

  g_mutex_lock (&self->lock);
  n = self->queue.length;
  g_mutex_unlock (&self->lock);

  return n;
}

typedef struct {
  NfAppSink  *self;
  NfDocument *document;
} Emission;

static void
emission_free (gpointer data)
{
  Emission *emission = data;

  g_object_unref (emission->self);
  g_object_unref (emission->document);
  g_free (emission);
}

static gboolean
emit_new_document (gpointer data)
{
  Emission *emission = data;

  g_signal_emit (emission->self, signals[NEW_DOCUMENT], 0, emission->document);
  return G_SOURCE_REMOVE;
}

static gboolean
nf_app_sink_render (NfSink      *sink,
                    NfDocument  *document,
                    GError     **error)
{
  NfAppSink *self = NF_APP_SINK (sink);
  gboolean emit_signals;

  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->queue, g_object_ref (document));
  if (self->max_queued > 0 && self->queue.length > self->max_queued)
    {
      g_object_unref (g_queue_pop_head (&self->queue));
      self->n_dropped++;
    }
  emit_signals = self->emit_signals;
  g_mutex_unlock (&self->lock);

  if (emit_signals)
    {
      Emission *emission = g_new (Emission, 1);

      emission->self = g_object_ref (self);
      emission->document = g_object_ref (document);
      /* Queued on the bus's context behind the messages already posted, so
       * signals and messages arrive in the order things happened. */
      nf_element_invoke (NF_ELEMENT (self), emit_new_document, emission, emission_free);
    }

  return TRUE;
}

static gboolean
nf_app_sink_stop (NfElement  *element,
                  GError    **error)
{
  NfAppSink *self = NF_APP_SINK (element);

  if (self->n_dropped > 0)
    NF_CAT_DEBUG (app_sink_debug, "%s: %" G_GUINT64_FORMAT " documents dropped from the full queue",
                  nf_element_get_name (element), self->n_dropped);
  return TRUE;
}

static void
nf_app_sink_finalize (GObject *object)
{
  NfAppSink *self = NF_APP_SINK (object);

  g_queue_clear_full (&self->queue, g_object_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (nf_app_sink_parent_class)->finalize (object);
}

static void
nf_app_sink_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NfAppSink *self = NF_APP_SINK (object);

  g_mutex_lock (&self->lock);
  switch (prop_id)
    {
    case PROP_EMIT_SIGNALS:
      g_value_set_boolean (value, self->emit_signals);
      break;
    case PROP_MAX_QUEUED:
      g_value_set_uint (value, self->max_queued);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  g_mutex_unlock (&self->lock);
}

static void
nf_app_sink_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NfAppSink *self = NF_APP_SINK (object);
  gboolean changed = FALSE;

  g_mutex_lock (&self->lock);
  switch (prop_id)
    {
    case PROP_EMIT_SIGNALS:
      changed = self->emit_signals != g_value_get_boolean (value);
      self->emit_signals = g_value_get_boolean (value);
      break;
    case PROP_MAX_QUEUED:
      changed = self->max_queued != g_value_get_uint (value);
      self->max_queued = g_value_get_uint (value);
      /* A smaller bound applies at once: the oldest documents go. */
      while (self->max_queued > 0 && self->queue.length > self->max_queued)
        g_object_unref (g_queue_pop_head (&self->queue));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  g_mutex_unlock (&self->lock);

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
nf_app_sink_class_init (NfAppSinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfSinkClass *sink_class = NF_SINK_CLASS (klass);

  object_class->finalize = nf_app_sink_finalize;
  object_class->get_property = nf_app_sink_get_property;
  object_class->set_property = nf_app_sink_set_property;

  element_class->stop = nf_app_sink_stop;
  sink_class->render = nf_app_sink_render;

  /**
   * NfAppSink:emit-signals:
   *
   * Whether to emit [signal@Nf.AppSink::new-document] for every document.
   */
  properties[PROP_EMIT_SIGNALS] =
    g_param_spec_boolean ("emit-signals", "Emit signals",
                          "Emit new-document on the application's main context for each document",
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfAppSink:max-queued:
   *
   * How many documents the pull queue keeps; when it is full the oldest is
   * dropped from the queue (signals are still emitted for every document).
   * 0, the default, keeps them all.
   */
  properties[PROP_MAX_QUEUED] =
    g_param_spec_uint ("max-queued", "Maximum queued",
                       "Documents kept for pull-document; when full the oldest is dropped (0: keep all)",
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NfAppSink::new-document:
   * @self: the #NfAppSink
   * @document: the document that reached the sink
   *
   * Emitted for every document that reaches the sink, failed ones included,
   * in input order, on the main context the pipeline was run from.
   */
  signals[NEW_DOCUMENT] =
    g_signal_new ("new-document",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, NF_TYPE_DOCUMENT);

  nf_element_class_set_metadata (element_class,
                                 "Application sink",
                                 "Sink/Application",
                                 "Hands the documents to the application by a signal and a queue",
                                 "libnewsfilter authors");

  NF_DEBUG_CATEGORY_INIT (app_sink_debug, "appsink", "the appsink element");
}

static void
nf_app_sink_init (NfAppSink *self)
{
  g_mutex_init (&self->lock);
  g_queue_init (&self->queue);
  self->emit_signals = TRUE;
}
