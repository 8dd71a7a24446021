/* nf-app-src.c: a source fed by the application
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfAppSrc:
 *
 * `appsrc` brings documents from the application into a pipeline. The
 * application hands them over with [method@Nf.AppSrc.push_document], from any
 * thread, before or while the pipeline runs, and says it is done with
 * [method@Nf.AppSrc.end_of_stream]; the pipeline then finishes once every
 * document has reached the sinks.
 *
 * ```c
 * NfAppSrc *src = NF_APP_SRC (nf_pipeline_get_by_name (pipeline, "src"));
 * nf_app_src_push_document (src, document);
 * nf_app_src_end_of_stream (src);
 * ```
 *
 * By default the queue between the application and the pipeline has no
 * bound; set [property@Nf.AppSrc:max-queued] to make pushes wait while it is
 * full. Documents without an id get `appsrc:N`, N counting the documents of
 * the stream from 1.
 */
#include "newsfilter.h"

NF_DEBUG_CATEGORY_STATIC (app_src_debug);

struct _NfAppSrc
{
  NfSource  parent_instance;

  GMutex    lock;
  GCond     cond;        /* the queue changed, or something ended */
  GQueue    queue;       /* NfDocument, oldest first */
  guint     max_queued;  /* 0: unbounded */
  gboolean  eos;         /* the application said there are no more */
  gboolean  stopped;     /* generate() has returned: nobody will pop */
  guint64   n_generated;
};

enum {
  PROP_0,
  PROP_MAX_QUEUED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NfAppSrc, nf_app_src, NF_TYPE_SOURCE)

/**
 * nf_app_src_push_document:
 * @self: an #NfAppSrc
 * @document: (transfer none): the document to bring into the pipeline
 *
 * Queues @document for the pipeline. The source keeps a reference; do not
 * change the document afterwards, it may be on its way already. Safe to call
 * from any thread. When [property@Nf.AppSrc:max-queued] is set and that many
 * documents wait, the call blocks until the pipeline takes one (or stops).
 *
 * Returns: %TRUE if the document was queued; %FALSE after
 *   nf_app_src_end_of_stream() or once the pipeline has stopped
 */
gboolean
nf_app_src_push_document (NfAppSrc   *self,
                          NfDocument *document)
{
  g_return_val_if_fail (NF_IS_APP_SRC (self), FALSE);
  g_return_val_if_fail (NF_IS_DOCUMENT (document), FALSE);

  g_mutex_lock (&self->lock);

  while (self->max_queued > 0 && self->queue.length >= self->max_queued &&
         !self->eos && !self->stopped)
    g_cond_wait (&self->cond, &self->lock);

  if (self->eos || self->stopped)
    {
      g_mutex_unlock (&self->lock);
      NF_CAT_DEBUG (app_src_debug, "%s: refusing a document after the end of the stream",
                    nf_element_get_name (NF_ELEMENT (self)));
      return FALSE;
    }

  g_queue_push_tail (&self->queue, g_object_ref (document));
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  return TRUE;
}

/**
 * nf_app_src_end_of_stream:
 * @self: an #NfAppSrc
 *
 * Says that no more documents will come: once the queued ones are through,
 * the source is done. Later pushes fail. Safe to call from any thread.
 */
void
nf_app_src_end_of_stream (NfAppSrc *self)
{
  g_return_if_fail (NF_IS_APP_SRC (self));

  g_mutex_lock (&self->lock);
  self->eos = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

/**
 * nf_app_src_get_n_queued:
 * @self: an #NfAppSrc
 *
 * Tells how many pushed documents the pipeline has not taken yet.
 *
 * Returns: the number of queued documents
 */
guint
nf_app_src_get_n_queued (NfAppSrc *self)
{
  guint n;

  g_return_val_if_fail (NF_IS_APP_SRC (self), 0);

  g_mutex_lock (&self->lock);
  n = self->queue.length;
  g_mutex_unlock (&self->lock);

  return n;
}

static void
wake_on_cancel (GCancellable *cancellable,
                NfAppSrc     *self)
{
  /* Taking the lock orders this after generate()'s check of the cancellable
   * and before its wait, so the wake-up cannot be lost. */
  g_mutex_lock (&self->lock);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

/* Waits for the next document; NULL at the end of the stream or on
 * cancellation. Called with the lock held. */
static NfDocument *
pop_document (NfAppSrc     *self,
              GCancellable *cancellable)
{
  NfDocument *document;

  while (self->queue.length == 0 && !self->eos &&
         !g_cancellable_is_cancelled (cancellable))
    g_cond_wait (&self->cond, &self->lock);

  if (g_cancellable_is_cancelled (cancellable))
    return NULL;

  document = g_queue_pop_head (&self->queue);
  if (document != NULL)
    g_cond_broadcast (&self->cond);   /* room for a blocked pusher */

  return document;
}

static gboolean
nf_app_src_start (NfElement  *element,
                  GError    **error)
{
  NfAppSrc *self = NF_APP_SRC (element);

  g_mutex_lock (&self->lock);
  self->stopped = FALSE;
  self->n_generated = 0;
  g_mutex_unlock (&self->lock);

  return TRUE;
}

static gboolean
nf_app_src_generate (NfSource      *source,
                     GCancellable  *cancellable,
                     GError       **error)
{
  NfAppSrc *self = NF_APP_SRC (source);
  gulong handler = 0;

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_on_cancel), self, NULL);

  g_mutex_lock (&self->lock);

  for (;;)
    {
      g_autoptr(NfDocument) document = pop_document (self, cancellable);
      guint64 n;
      gboolean ok;

      if (document == NULL)
        break;

      n = ++self->n_generated;
      g_mutex_unlock (&self->lock);

      if (nf_document_get_id (document) == NULL)
        {
          g_autofree char *id = g_strdup_printf ("appsrc:%" G_GUINT64_FORMAT, n);

          nf_document_set_id (document, id);
        }

      ok = nf_element_push (NF_ELEMENT (self), document);

      g_mutex_lock (&self->lock);
      if (!ok)
        break;
    }

  /* Nobody will take documents any more: release blocked pushers, and let
   * later pushes fail rather than pile up. */
  self->stopped = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  /* Not under the lock: disconnecting waits for a running callback. */
  g_cancellable_disconnect (cancellable, handler);

  return TRUE;
}

static void
nf_app_src_finalize (GObject *object)
{
  NfAppSrc *self = NF_APP_SRC (object);

  g_queue_clear_full (&self->queue, g_object_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (nf_app_src_parent_class)->finalize (object);
}

static void
nf_app_src_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  NfAppSrc *self = NF_APP_SRC (object);

  switch (prop_id)
    {
    case PROP_MAX_QUEUED:
      g_mutex_lock (&self->lock);
      g_value_set_uint (value, self->max_queued);
      g_mutex_unlock (&self->lock);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_app_src_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  NfAppSrc *self = NF_APP_SRC (object);

  switch (prop_id)
    {
    case PROP_MAX_QUEUED:
      {
        guint max_queued = g_value_get_uint (value);
        gboolean changed;

        g_mutex_lock (&self->lock);
        changed = self->max_queued != max_queued;
        self->max_queued = max_queued;
        g_cond_broadcast (&self->cond);   /* a larger bound frees pushers */
        g_mutex_unlock (&self->lock);

        if (changed)
          g_object_notify_by_pspec (object, pspec);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_app_src_class_init (NfAppSrcClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfSourceClass *source_class = NF_SOURCE_CLASS (klass);

  object_class->finalize = nf_app_src_finalize;
  object_class->get_property = nf_app_src_get_property;
  object_class->set_property = nf_app_src_set_property;

  element_class->start = nf_app_src_start;
  source_class->generate = nf_app_src_generate;

  /**
   * NfAppSrc:max-queued:
   *
   * How many pushed documents may wait for the pipeline before
   * [method@Nf.AppSrc.push_document] blocks; 0 (the default) never blocks.
   */
  properties[PROP_MAX_QUEUED] =
    g_param_spec_uint ("max-queued", "Maximum queued",
                       "Documents that may wait before a push blocks (0: no limit)",
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  nf_element_class_set_metadata (element_class,
                                 "Application source",
                                 "Source/Application",
                                 "Brings documents pushed by the application into the pipeline",
                                 "libnewsfilter authors");

  NF_DEBUG_CATEGORY_INIT (app_src_debug, "appsrc", "the appsrc element");
}

static void
nf_app_src_init (NfAppSrc *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->queue);
}
