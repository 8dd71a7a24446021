/* nf-element.c: the base class of every element
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-private.h"
#include "nf-scheduler.h"

#include <time.h>

/**
 * NfElement:
 *
 * The base class of sources, filters and sinks.
 *
 * An element has a name, unique in its pipeline, properties described by
 * GParamSpecs with blurbs, and factory metadata (a long name, a class path
 * like `Filter/Summarize`, a description). Documents move between elements
 * by nf_element_push(). Derive from [class@Nf.Source], [class@Nf.Filter] or
 * [class@Nf.Sink].
 */

typedef struct
{
  char             *name;
  NfPipeline       *pipeline;      /* weak: the pipeline owns its elements */
  NfElementFactory *factory;
  NfElementFlags    flags;
  NfElement        *upstream;      /* weak */
  GPtrArray        *downstream;    /* NfElement*, strong */
  NfScheduler      *scheduler;     /* set while running */
  guint             requested_in_flight;
  GMutex            serial_lock;

  guint64           documents_in;
  guint64           documents_out;
  guint64           failures;
  guint64           time_ns;
} NfElementPrivate;

/* Class private data is copied from the parent class when a subclass is
 * initialised, so `metadata_owner` tells whether the table is this class's
 * own or its parent's. */
typedef struct
{
  GHashTable     *metadata;
  GType           metadata_owner;
  NfElementFlags  flags;
} NfElementClassPrivate;

enum {
  PROP_0,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (NfElement, nf_element, G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (NfElement)
                                  g_type_add_class_private (g_define_type_id,
                                                            sizeof (NfElementClassPrivate)))

#define CLASS_PRIVATE(klass) \
  G_TYPE_CLASS_GET_PRIVATE ((klass), NF_TYPE_ELEMENT, NfElementClassPrivate)

/* Time spent in elements called from inside the current one, so that each
 * element's statistics count only its own work: a filter's push runs the
 * next element before it returns. */
static __thread guint64 nested_time_ns;

static inline guint64
now_ns (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (guint64) ts.tv_sec * G_GUINT64_CONSTANT (1000000000) + (guint64) ts.tv_nsec;
}

static void
nf_element_dispose (GObject *object)
{
  NfElementPrivate *priv = nf_element_get_instance_private (NF_ELEMENT (object));

  g_clear_pointer (&priv->downstream, g_ptr_array_unref);
  g_clear_object (&priv->factory);

  G_OBJECT_CLASS (nf_element_parent_class)->dispose (object);
}

static void
nf_element_finalize (GObject *object)
{
  NfElementPrivate *priv = nf_element_get_instance_private (NF_ELEMENT (object));

  g_free (priv->name);
  g_mutex_clear (&priv->serial_lock);

  G_OBJECT_CLASS (nf_element_parent_class)->finalize (object);
}

static void
nf_element_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  NfElement *self = NF_ELEMENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, nf_element_get_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_element_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  NfElement *self = NF_ELEMENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      nf_element_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_element_class_init (NfElementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nf_element_dispose;
  object_class->finalize = nf_element_finalize;
  object_class->get_property = nf_element_get_property;
  object_class->set_property = nf_element_set_property;

  /**
   * NfElement:name:
   *
   * The element's name, unique in its pipeline. When none is given, the
   * pipeline names it after its factory and a number: `clean0`.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", "Name",
                         "The element's name, unique in its pipeline (default: factory name and a number)",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nf_element_init (NfElement *self)
{
  NfElementPrivate *priv = nf_element_get_instance_private (self);

  priv->downstream = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_init (&priv->serial_lock);
  priv->flags = CLASS_PRIVATE (NF_ELEMENT_GET_CLASS (self))->flags;
}

/**
 * nf_element_get_name:
 * @self: an element
 *
 * Gives the element's name.
 *
 * Returns: (nullable): the name, %NULL until one is set or given by a pipeline
 */
const char *
nf_element_get_name (NfElement *self)
{
  NfElementPrivate *priv;

  g_return_val_if_fail (NF_IS_ELEMENT (self), NULL);
  priv = nf_element_get_instance_private (self);
  return priv->name;
}

/**
 * nf_element_set_name:
 * @self: an element
 * @name: (nullable): the new name
 *
 * Renames the element. Names must be unique in a pipeline; set them before
 * adding the element.
 */
void
nf_element_set_name (NfElement  *self,
                     const char *name)
{
  NfElementPrivate *priv;

  g_return_if_fail (NF_IS_ELEMENT (self));
  priv = nf_element_get_instance_private (self);

  if (g_strcmp0 (priv->name, name) == 0)
    return;
  g_free (priv->name);
  priv->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * nf_element_get_path:
 * @self: an element
 *
 * Gives the element's path, its pipeline's name and its own, as bus
 * messages and error records name it.
 *
 * Returns: (transfer full): a path like `/pipeline0/clean0`
 */
char *
nf_element_get_path (NfElement *self)
{
  NfElementPrivate *priv;
  const char *name;

  g_return_val_if_fail (NF_IS_ELEMENT (self), NULL);
  priv = nf_element_get_instance_private (self);

  name = priv->name ? priv->name : _nf_element_get_factory_name (self);
  if (priv->pipeline != NULL)
    return g_strdup_printf ("/%s/%s", nf_pipeline_get_name (priv->pipeline), name);
  return g_strdup_printf ("/%s", name);
}

/**
 * nf_element_get_pipeline:
 * @self: an element
 *
 * Gives the pipeline the element was added to.
 *
 * Returns: (transfer none) (nullable): the pipeline
 */
NfPipeline *
nf_element_get_pipeline (NfElement *self)
{
  NfElementPrivate *priv;

  g_return_val_if_fail (NF_IS_ELEMENT (self), NULL);
  priv = nf_element_get_instance_private (self);
  return priv->pipeline;
}

/**
 * nf_element_get_factory:
 * @self: an element
 *
 * Gives the factory that made the element.
 *
 * Returns: (transfer none) (nullable): the factory, %NULL for an element
 *   made with g_object_new() from an unregistered type
 */
NfElementFactory *
nf_element_get_factory (NfElement *self)
{
  NfElementPrivate *priv;

  g_return_val_if_fail (NF_IS_ELEMENT (self), NULL);
  priv = nf_element_get_instance_private (self);
  return priv->factory;
}

/**
 * nf_element_get_flags:
 * @self: an element
 *
 * Gives the scheduling flags of the element: those of its class, of its
 * factory, and any set with nf_element_set_flags().
 *
 * Returns: the flags
 */
NfElementFlags
nf_element_get_flags (NfElement *self)
{
  NfElementPrivate *priv;

  g_return_val_if_fail (NF_IS_ELEMENT (self), NF_ELEMENT_FLAG_NONE);
  priv = nf_element_get_instance_private (self);
  return priv->flags;
}

/**
 * nf_element_set_flags:
 * @self: an element
 * @flags: the flags to add
 *
 * Adds scheduling flags, for example %NF_ELEMENT_FLAG_MAIN_CONTEXT for an
 * element written in JavaScript. Set them before the pipeline runs.
 */
void
nf_element_set_flags (NfElement      *self,
                      NfElementFlags  flags)
{
  NfElementPrivate *priv;

  g_return_if_fail (NF_IS_ELEMENT (self));
  priv = nf_element_get_instance_private (self);
  priv->flags |= flags;
}

const char *
_nf_element_get_factory_name (NfElement *element)
{
  NfElementPrivate *priv = nf_element_get_instance_private (element);

  if (priv->factory != NULL)
    return nf_element_factory_get_name (priv->factory);
  return G_OBJECT_TYPE_NAME (element);
}

void
_nf_element_set_pipeline (NfElement  *element,
                          NfPipeline *pipeline)
{
  NfElementPrivate *priv = nf_element_get_instance_private (element);
  priv->pipeline = pipeline;
}

void
_nf_element_set_factory (NfElement        *element,
                         NfElementFactory *factory)
{
  NfElementPrivate *priv = nf_element_get_instance_private (element);

  g_set_object (&priv->factory, factory);
  priv->flags |= nf_element_factory_get_flags (factory);
}

void
_nf_element_set_scheduler (NfElement *element,
                           gpointer   scheduler)
{
  NfElementPrivate *priv = nf_element_get_instance_private (element);
  priv->scheduler = scheduler;
}

void
_nf_element_reset_statistics (NfElement *element)
{
  NfElementPrivate *priv = nf_element_get_instance_private (element);

  priv->documents_in = priv->documents_out = priv->failures = priv->time_ns = 0;
}

static const char *
display_name (NfElement *element)
{
  NfElementPrivate *priv = nf_element_get_instance_private (element);
  return priv->name ? priv->name : _nf_element_get_factory_name (element);
}

/* Linking */

static gboolean
is_ancestor (NfElement *candidate, NfElement *element)
{
  for (NfElement *e = element; e != NULL; )
    {
      NfElementPrivate *priv = nf_element_get_instance_private (e);
      if (e == candidate)
        return TRUE;
      e = priv->upstream;
    }
  return FALSE;
}

static gboolean
check_link (NfElement  *self,
            NfElement  *dest,
            GError    **error)
{
  NfElementPrivate *priv = nf_element_get_instance_private (self);
  NfElementPrivate *dest_priv = nf_element_get_instance_private (dest);
  const char *reason = NULL;
  g_autofree char *owned_reason = NULL;

  if (self == dest)
    reason = "an element cannot feed itself";
  else if (NF_IS_SINK (self))
    reason = "a sink has no output";
  else if (NF_IS_SOURCE (dest))
    reason = "a source takes no input";
  else if (dest_priv->upstream != NULL)
    reason = owned_reason = g_strdup_printf ("“%s” already takes its input from “%s”",
                                             display_name (dest), display_name (dest_priv->upstream));
  else if (priv->pipeline != dest_priv->pipeline)
    reason = "they are not in the same pipeline";
  else if (is_ancestor (dest, self))
    reason = "that would make a loop";

  if (reason == NULL)
    return TRUE;

  g_set_error (error, NF_PIPELINE_ERROR, NF_PIPELINE_ERROR_LINK,
               "cannot link “%s” to “%s”: %s", display_name (self), display_name (dest), reason);
  return FALSE;
}

/**
 * nf_element_link:
 * @self: the upstream element (a source or a filter)
 * @dest: the downstream element (a filter or a sink)
 * @error: return location for a #GError
 *
 * Makes @self pass its documents to @dest. An element may feed several
 * others (each gets its own copy of every document, as from a `tee`), but
 * takes its input from one only, and links may not form a loop.
 *
 * Returns: %TRUE if linked; %FALSE with %NF_PIPELINE_ERROR_LINK otherwise
 */
gboolean
nf_element_link (NfElement  *self,
                 NfElement  *dest,
                 GError    **error)
{
  NfElementPrivate *priv;
  NfElementPrivate *dest_priv;

  g_return_val_if_fail (NF_IS_ELEMENT (self), FALSE);
  g_return_val_if_fail (NF_IS_ELEMENT (dest), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_link (self, dest, error))
    return FALSE;

  priv = nf_element_get_instance_private (self);
  dest_priv = nf_element_get_instance_private (dest);
  g_ptr_array_add (priv->downstream, g_object_ref (dest));
  dest_priv->upstream = self;
  return TRUE;
}

/**
 * nf_element_link_many: (skip)
 * @first: the first element
 * @error: return location for a #GError
 * @...: further elements, %NULL-terminated
 *
 * Links a chain of elements in order.
 *
 * Returns: %TRUE if every link was made
 */
gboolean
nf_element_link_many (NfElement  *first,
                      GError    **error,
                      ...)
{
  NfElement *previous = first;
  NfElement *next;
  va_list args;
  gboolean ok = TRUE;

  va_start (args, error);
  while (ok && (next = va_arg (args, NfElement *)) != NULL)
    {
      ok = nf_element_link (previous, next, error);
      previous = next;
    }
  va_end (args);
  return ok;
}

/**
 * nf_element_get_upstream:
 * @self: an element
 *
 * Gives the element that feeds this one.
 *
 * Returns: (transfer none) (nullable): the upstream element
 */
NfElement *
nf_element_get_upstream (NfElement *self)
{
  NfElementPrivate *priv;

  g_return_val_if_fail (NF_IS_ELEMENT (self), NULL);
  priv = nf_element_get_instance_private (self);
  return priv->upstream;
}

/**
 * nf_element_get_downstream:
 * @self: an element
 *
 * Gives the elements this one feeds, in the order they were linked.
 *
 * Returns: (transfer container) (element-type Nf.Element): the downstream elements
 */
GPtrArray *
nf_element_get_downstream (NfElement *self)
{
  NfElementPrivate *priv;
  GPtrArray *result;

  g_return_val_if_fail (NF_IS_ELEMENT (self), NULL);
  priv = nf_element_get_instance_private (self);

  result = g_ptr_array_new_full (priv->downstream->len, g_object_unref);
  for (guint i = 0; i < priv->downstream->len; i++)
    g_ptr_array_add (result, g_object_ref (g_ptr_array_index (priv->downstream, i)));
  return result;
}

/* Running */

gboolean
_nf_element_start (NfElement  *element,
                   GError    **error)
{
  NfElementClass *klass = NF_ELEMENT_GET_CLASS (element);

  _nf_element_reset_statistics (element);
  if (klass->start == NULL)
    return TRUE;
  return klass->start (element, error);
}

gboolean
_nf_element_stop (NfElement  *element,
                  GError    **error)
{
  NfElementClass *klass = NF_ELEMENT_GET_CLASS (element);

  if (klass->stop == NULL)
    return TRUE;
  return klass->stop (element, error);
}

typedef gboolean (*ElementCall) (NfElement *element, NfDocument *document, GError **error);

typedef struct {
  NfElement   *element;
  NfDocument  *document;
  NfJob       *job;
  ElementCall  call;
  gboolean     ok;
  GError      *error;
  gboolean     done;
  GMutex       lock;
  GCond        cond;
} MainContextCall;

static gboolean
run_call_on_main_context (gpointer data)
{
  MainContextCall *mc = data;
  NfJob *previous = _nf_job_get_current ();

  _nf_job_set_current (mc->job);
  mc->ok = mc->call (mc->element, mc->document, &mc->error);
  _nf_job_set_current (previous);

  g_mutex_lock (&mc->lock);
  mc->done = TRUE;
  g_cond_signal (&mc->cond);
  g_mutex_unlock (&mc->lock);
  return G_SOURCE_REMOVE;
}

/* Runs @call on the pipeline's main context and waits for it. A GSource is
 * attached rather than g_main_context_invoke() used, because invoke runs the
 * function on the calling thread whenever the context is momentarily free,
 * and a GJS element must never run off the main thread. */
static gboolean
call_on_main_context (NfElement   *element,
                      NfDocument  *document,
                      ElementCall  call,
                      GError     **error)
{
  NfElementPrivate *priv = nf_element_get_instance_private (element);
  GMainContext *context = _nf_scheduler_get_context (priv->scheduler);
  MainContextCall mc = { element, document, _nf_job_get_current (), call, FALSE, NULL, FALSE };
  GSource *source;

  if (g_main_context_is_owner (context))
    return call (element, document, error);

  g_mutex_init (&mc.lock);
  g_cond_init (&mc.cond);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, run_call_on_main_context, &mc, NULL);
  g_source_set_static_name (source, "[nf] main-context element");
  g_source_attach (source, context);
  g_source_unref (source);

  g_mutex_lock (&mc.lock);
  while (!mc.done)
    g_cond_wait (&mc.cond, &mc.lock);
  g_mutex_unlock (&mc.lock);

  g_mutex_clear (&mc.lock);
  g_cond_clear (&mc.cond);
  if (mc.error != NULL)
    g_propagate_error (error, mc.error);
  return mc.ok;
}

/* Calls an element's process or render with what its flags ask for: on the
 * main context, one document at a time, and times it. */
static gboolean
invoke_element (NfElement   *element,
                NfDocument  *document,
                ElementCall  call,
                GError     **error)
{
  NfElementPrivate *priv = nf_element_get_instance_private (element);
  guint64 outer_nested = nested_time_ns;
  guint64 start, elapsed;
  gboolean ok;

  nested_time_ns = 0;
  start = now_ns ();

  if (priv->flags & NF_ELEMENT_FLAG_SERIAL)
    g_mutex_lock (&priv->serial_lock);
  if (priv->flags & NF_ELEMENT_FLAG_MAIN_CONTEXT)
    ok = call_on_main_context (element, document, call, error);
  else
    ok = call (element, document, error);
  if (priv->flags & NF_ELEMENT_FLAG_SERIAL)
    g_mutex_unlock (&priv->serial_lock);

  elapsed = now_ns () - start;
  __atomic_fetch_add (&priv->time_ns, elapsed - MIN (elapsed, nested_time_ns), __ATOMIC_RELAXED);
  nested_time_ns = outer_nested + elapsed;
  return ok;
}

static gboolean
call_process (NfElement *element, NfDocument *document, GError **error)
{
  NfFilterClass *klass = NF_FILTER_GET_CLASS (element);
  return klass->process (NF_FILTER (element), document, error);
}

static gboolean
call_render (NfElement *element, NfDocument *document, GError **error)
{
  NfSinkClass *klass = NF_SINK_GET_CLASS (element);
  return klass->render (NF_SINK (element), document, error);
}

static gboolean
call_commit (NfElement *element, NfDocument *document, GError **error)
{
  NfSinkClass *klass = NF_SINK_GET_CLASS (element);
  return klass->commit (NF_SINK (element), error);
}

static void
ensure_error (NfElement *element, GError **error)
{
  if (*error == NULL)
    g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_NO_RESULT,
                 "element “%s” failed without reporting why", display_name (element));
}

/* A filter receives a document from upstream. */
static void
filter_receive (NfElement  *element,
                NfDocument *document)
{
  NfElementPrivate *priv = nf_element_get_instance_private (element);
  g_autoptr(GError) error = NULL;

  __atomic_fetch_add (&priv->documents_in, 1, __ATOMIC_RELAXED);

  if (nf_document_has_error (document) && !(priv->flags & NF_ELEMENT_FLAG_SEES_FAILED))
    {
      nf_element_push (element, document);
      return;
    }

  if (!invoke_element (element, document, call_process, &error))
    {
      ensure_error (element, &error);
      nf_element_fail_document (element, document, error);
      nf_element_push (element, document);
    }
}

void
_nf_element_push_downstream (NfElement  *element,
                             NfDocument *document,
                             gpointer    job)
{
  NfElementPrivate *priv = nf_element_get_instance_private (element);
  guint n = priv->downstream->len;

  __atomic_fetch_add (&priv->documents_out, 1, __ATOMIC_RELAXED);
  _nf_document_set_job (document, job);

  for (guint i = 0; i < n; i++)
    {
      NfElement *next = g_ptr_array_index (priv->downstream, i);
      g_autoptr(NfDocument) item = (i + 1 == n) ? g_object_ref (document)
                                                : nf_document_copy (document);

      if (NF_IS_SINK (next))
        _nf_job_add_output (job, NF_SINK (next), item);
      else
        filter_receive (next, item);
    }
}

gboolean
_nf_element_render (NfElement   *sink,
                    NfDocument  *document,
                    GError     **error)
{
  NfElementPrivate *priv = nf_element_get_instance_private (sink);
  gboolean ok;

  __atomic_fetch_add (&priv->documents_in, 1, __ATOMIC_RELAXED);
  if (nf_document_has_error (document))
    __atomic_fetch_add (&priv->failures, 1, __ATOMIC_RELAXED);
  ok = invoke_element (sink, document, call_render, error);
  if (!ok)
    ensure_error (sink, error);
  return ok;
}

/* Asks a sink to make durable what it rendered (see NfSinkClass.commit);
 * a sink without commit has nothing pending. */
gboolean
_nf_element_commit (NfElement  *sink,
                    GError    **error)
{
  gboolean ok;

  if (NF_SINK_GET_CLASS (sink)->commit == NULL)
    return TRUE;
  ok = invoke_element (sink, NULL, call_commit, error);
  if (!ok)
    ensure_error (sink, error);
  return ok;
}

/* Whether a sink already holds a result for @id (NfSinkClass.has_document). */
gboolean
_nf_element_has_document (NfElement  *sink,
                          const char *id)
{
  NfSinkClass *klass = NF_SINK_GET_CLASS (sink);

  return klass->has_document != NULL && klass->has_document (NF_SINK (sink), id);
}

/**
 * nf_element_push:
 * @self: the element passing the document on
 * @document: (transfer none): the document
 *
 * Passes a document downstream; the call returns once the elements after
 * this one have handled it (or queued it for the sinks).
 *
 * A source calls this for every document it produces; the call blocks while
 * the pipeline holds as many documents as it may. A filter calls it from
 * its `process` function for each document it passes on. Safe from any
 * thread while the pipeline runs.
 *
 * Returns: %TRUE to go on; %FALSE when the pipeline is stopping (an error
 *   or a cancellation), after which a source should return
 */
gboolean
nf_element_push (NfElement  *self,
                 NfDocument *document)
{
  NfElementPrivate *priv;
  NfJob *job;

  g_return_val_if_fail (NF_IS_ELEMENT (self), FALSE);
  g_return_val_if_fail (NF_IS_DOCUMENT (document), FALSE);

  priv = nf_element_get_instance_private (self);
  if (priv->scheduler == NULL)
    {
      g_critical ("nf_element_push: “%s” is not in a running pipeline", display_name (self));
      return FALSE;
    }

  if (NF_IS_SOURCE (self))
    {
      if (nf_document_has_error (document))
        __atomic_fetch_add (&priv->failures, 1, __ATOMIC_RELAXED);
      return _nf_scheduler_submit (priv->scheduler, document);
    }

  job = _nf_document_get_job (document);
  if (job == NULL)
    job = _nf_job_get_current ();
  if (job == NULL)
    {
      g_critical ("nf_element_push: “%s” pushed a document outside of its process function",
                  display_name (self));
      return FALSE;
    }

  if (job == _nf_job_get_current ())
    _nf_element_push_downstream (self, document, job);
  else
    _nf_scheduler_continue (priv->scheduler, job, self, document);
  return !_nf_scheduler_is_stopping (priv->scheduler);
}

static NfJob *
job_of (NfElement  *self,
        NfDocument *document,
        const char *function)
{
  NfJob *job = _nf_document_get_job (document);

  if (job == NULL)
    job = _nf_job_get_current ();
  if (job == NULL)
    g_critical ("%s: document “%s” is not travelling through the pipeline of “%s”",
                function, nf_document_get_id (document), display_name (self));
  return job;
}

/**
 * nf_element_hold:
 * @self: a filter
 * @document: the document it is processing
 *
 * Keeps working on a document after `process` returns: for elements that
 * wait on the network or another process without blocking a thread. The
 * pipeline delivers nothing of the document's job until the element calls
 * nf_element_release(), which it must do exactly once, from any thread,
 * after it has pushed the document on (or failed it with
 * nf_element_fail_document() and pushed it). A push made outside `process`
 * continues on one of the pipeline's worker threads.
 *
 * Held documents count against [property@Nf.Pipeline:max-in-flight]; an
 * element that keeps many at once asks for room with
 * nf_element_request_in_flight(). When the run stops
 * (nf_element_get_cancellable() is cancelled), the element still releases
 * what it holds.
 */
void
nf_element_hold (NfElement  *self,
                 NfDocument *document)
{
  NfJob *job;

  g_return_if_fail (NF_IS_ELEMENT (self));
  g_return_if_fail (NF_IS_DOCUMENT (document));

  job = job_of (self, document, G_STRFUNC);
  if (job != NULL)
    {
      _nf_document_set_job (document, job);
      _nf_job_hold (job);
    }
}

/**
 * nf_element_release:
 * @self: the filter that held the document
 * @document: the document
 *
 * Ends a nf_element_hold(). Safe from any thread.
 */
void
nf_element_release (NfElement  *self,
                    NfDocument *document)
{
  NfJob *job;

  g_return_if_fail (NF_IS_ELEMENT (self));
  g_return_if_fail (NF_IS_DOCUMENT (document));

  job = job_of (self, document, G_STRFUNC);
  if (job != NULL)
    _nf_job_release (job);
}

/**
 * nf_element_get_cancellable:
 * @self: an element
 *
 * Gives the cancellable of the current run, cancelled when the run stops
 * (an error elsewhere, or the application cancelled it): elements waiting
 * on slow work connect to it to give up early.
 *
 * Returns: (transfer none) (nullable): the cancellable, %NULL when not running
 */
GCancellable *
nf_element_get_cancellable (NfElement *self)
{
  NfElementPrivate *priv;

  g_return_val_if_fail (NF_IS_ELEMENT (self), NULL);
  priv = nf_element_get_instance_private (self);
  return priv->scheduler ? _nf_scheduler_get_cancellable (priv->scheduler) : NULL;
}

/**
 * nf_element_request_in_flight:
 * @self: an element
 * @documents: how many documents the element wants to work on at once
 *
 * Asks the pipeline to let at least @documents be in flight, for elements
 * that hold documents while they wait (a fetcher with 64 connections).
 * Call it from `start`; it applies when [property@Nf.Pipeline:max-in-flight]
 * is left automatic.
 */
void
nf_element_request_in_flight (NfElement *self,
                              guint      documents)
{
  NfElementPrivate *priv;

  g_return_if_fail (NF_IS_ELEMENT (self));
  priv = nf_element_get_instance_private (self);
  priv->requested_in_flight = documents;
}

/**
 * nf_element_get_requested_in_flight:
 * @self: an element
 *
 * Gives what nf_element_request_in_flight() asked for.
 *
 * Returns: the number of documents, 0 when the element asked for nothing
 */
guint
nf_element_get_requested_in_flight (NfElement *self)
{
  NfElementPrivate *priv;

  g_return_val_if_fail (NF_IS_ELEMENT (self), 0);
  priv = nf_element_get_instance_private (self);
  return priv->requested_in_flight;
}

/**
 * nf_element_get_statistics:
 * @self: an element
 * @documents_in: (out) (optional): documents received
 * @documents_out: (out) (optional): documents pushed on
 * @failures: (out) (optional): documents that failed here
 * @time_ns: (out) (optional): time spent in the element's own code, summed over threads
 *
 * Reads what the element did in the current or last run.
 */
void
nf_element_get_statistics (NfElement *self,
                           guint64   *documents_in,
                           guint64   *documents_out,
                           guint64   *failures,
                           guint64   *time_ns)
{
  NfElementPrivate *priv;

  g_return_if_fail (NF_IS_ELEMENT (self));
  priv = nf_element_get_instance_private (self);

  if (documents_in)
    *documents_in = __atomic_load_n (&priv->documents_in, __ATOMIC_RELAXED);
  if (documents_out)
    *documents_out = __atomic_load_n (&priv->documents_out, __ATOMIC_RELAXED);
  if (failures)
    *failures = __atomic_load_n (&priv->failures, __ATOMIC_RELAXED);
  if (time_ns)
    *time_ns = __atomic_load_n (&priv->time_ns, __ATOMIC_RELAXED);
}

/* Messages */

static NfBus *
element_bus (NfElement *self)
{
  NfElementPrivate *priv = nf_element_get_instance_private (self);
  return priv->pipeline ? nf_pipeline_get_bus (priv->pipeline) : NULL;
}

/**
 * nf_element_post_error:
 * @self: the element that failed
 * @error: what went wrong
 * @debug: (nullable): details for developers
 *
 * Stops the running pipeline with an ERROR: for failures that are not about
 * one document (an output that cannot be written, a model that cannot be
 * loaded). For a failed document, return %FALSE from `process` instead.
 */
void
nf_element_post_error (NfElement    *self,
                       const GError *error,
                       const char   *debug)
{
  NfElementPrivate *priv;

  g_return_if_fail (NF_IS_ELEMENT (self));
  g_return_if_fail (error != NULL);
  priv = nf_element_get_instance_private (self);

  if (priv->scheduler != NULL)
    {
      _nf_scheduler_fail (priv->scheduler, self, error, debug);
    }
  else if (element_bus (self) != NULL)
    {
      g_autofree char *path = nf_element_get_path (self);
      g_autoptr(NfMessage) message = nf_message_new_error (path, error, debug);
      nf_bus_post (element_bus (self), message);
    }
}

/**
 * nf_element_post_error_full: (skip)
 * @self: the element that failed
 * @domain: the error domain
 * @code: the error code
 * @file: the source file
 * @function: the function
 * @line: the line
 * @format: printf() format of the message
 * @...: arguments
 *
 * Does what nf_element_post_error() does, recording where in the source
 * the error was raised. Use %NF_ELEMENT_POST_ERROR.
 */
void
nf_element_post_error_full (NfElement  *self,
                            GQuark      domain,
                            int         code,
                            const char *file,
                            const char *function,
                            int         line,
                            const char *format,
                            ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *debug = NULL;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (domain, code, format, args);
  va_end (args);

  debug = g_strdup_printf ("%s(%d): %s (): %s", file, line, function, nf_element_get_name (self));
  nf_element_post_error (self, error, debug);
}

/**
 * nf_element_post_warning:
 * @self: the element where a document failed
 * @document: (nullable): the document
 * @error: why it failed
 *
 * Posts a WARNING on the bus. nf_element_fail_document() does this for you.
 */
void
nf_element_post_warning (NfElement    *self,
                         NfDocument   *document,
                         const GError *error)
{
  NfBus *bus;
  g_autofree char *path = NULL;
  g_autoptr(NfMessage) message = NULL;

  g_return_if_fail (NF_IS_ELEMENT (self));
  g_return_if_fail (error != NULL);

  bus = element_bus (self);
  if (bus == NULL)
    return;
  path = nf_element_get_path (self);
  message = nf_message_new_warning (path, document ? nf_document_get_id (document) : NULL, error);
  nf_bus_post (bus, message);
}

/**
 * nf_element_fail_document:
 * @self: the element where the document failed
 * @document: the document
 * @error: why
 *
 * Marks a document as failed here: sets its `error` (with this element's
 * path) and posts a WARNING. The document still has to be pushed on, so
 * that it reaches the sinks as a record of the failure. Filters need not
 * call this: returning %FALSE from `process` does it.
 */
void
nf_element_fail_document (NfElement    *self,
                          NfDocument   *document,
                          const GError *error)
{
  NfElementPrivate *priv;
  g_autofree char *path = NULL;
  NfJob *job;

  g_return_if_fail (NF_IS_ELEMENT (self));
  g_return_if_fail (NF_IS_DOCUMENT (document));
  g_return_if_fail (error != NULL);
  priv = nf_element_get_instance_private (self);

  path = nf_element_get_path (self);
  nf_document_set_error (document, error);
  nf_document_set_error_element (document, path);
  if (!NF_IS_SOURCE (self))
    __atomic_fetch_add (&priv->failures, 1, __ATOMIC_RELAXED);
  job = _nf_document_get_job (document);
  if (job != NULL)
    _nf_job_mark_failed (job);
  nf_element_post_warning (self, document, error);
}

/**
 * nf_element_invoke:
 * @self: an element in a pipeline
 * @function: (scope async): the function to call
 * @data: (closure): data for @function
 * @notify: (destroy data) (nullable): frees @data after the call
 *
 * Queues a call on the main context of the element's pipeline, in order with
 * the pipeline's bus messages: an appsink uses it to hand documents to the
 * application before the run ends.
 */
void
nf_element_invoke (NfElement      *self,
                   GSourceFunc     function,
                   gpointer        data,
                   GDestroyNotify  notify)
{
  NfBus *bus;

  g_return_if_fail (NF_IS_ELEMENT (self));
  bus = element_bus (self);
  if (bus == NULL)
    {
      function (data);
      if (notify)
        notify (data);
      return;
    }
  nf_bus_invoke (bus, function, data, notify);
}

/* Class metadata */

/**
 * nf_element_class_set_metadata:
 * @klass: an element class
 * @long_name: a human readable name, like "Summarizer"
 * @classification: a class path, like `Filter/Summarize`
 * @description: one sentence on what the element does
 * @author: (nullable): who wrote it
 *
 * Describes an element class for nf-inspect and the documentation. Call it
 * from class_init.
 */
void
nf_element_class_set_metadata (NfElementClass *klass,
                               const char     *long_name,
                               const char     *classification,
                               const char     *description,
                               const char     *author)
{
  NfElementClassPrivate *cpriv = CLASS_PRIVATE (klass);

  if (cpriv->metadata_owner != G_TYPE_FROM_CLASS (klass))
    {
      cpriv->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      cpriv->metadata_owner = G_TYPE_FROM_CLASS (klass);
    }
  g_hash_table_insert (cpriv->metadata, NF_ELEMENT_METADATA_LONGNAME, g_strdup (long_name));
  g_hash_table_insert (cpriv->metadata, NF_ELEMENT_METADATA_KLASS, g_strdup (classification));
  g_hash_table_insert (cpriv->metadata, NF_ELEMENT_METADATA_DESCRIPTION, g_strdup (description));
  g_hash_table_insert (cpriv->metadata, NF_ELEMENT_METADATA_AUTHOR, g_strdup (author));
}

/**
 * nf_element_class_get_metadata:
 * @klass: an element class
 * @key: a key such as %NF_ELEMENT_METADATA_LONGNAME
 *
 * Reads the class's metadata, looking through parent classes.
 *
 * Returns: (nullable): the value
 */
const char *
nf_element_class_get_metadata (NfElementClass *klass,
                               const char     *key)
{
  for (GType type = G_TYPE_FROM_CLASS (klass);
       g_type_is_a (type, NF_TYPE_ELEMENT);
       type = g_type_parent (type))
    {
      NfElementClass *k = g_type_class_peek (type);
      NfElementClassPrivate *cpriv = k ? CLASS_PRIVATE (k) : NULL;
      const char *value;

      if (cpriv == NULL || cpriv->metadata == NULL || cpriv->metadata_owner != type)
        continue;
      value = g_hash_table_lookup (cpriv->metadata, key);
      if (value != NULL)
        return value;
    }
  return NULL;
}

/**
 * nf_element_class_set_flags:
 * @klass: an element class
 * @flags: flags every element of the class has
 *
 * Declares how elements of the class may be scheduled; call it from
 * class_init.
 */
void
nf_element_class_set_flags (NfElementClass *klass,
                            NfElementFlags  flags)
{
  CLASS_PRIVATE (klass)->flags = flags;
}
