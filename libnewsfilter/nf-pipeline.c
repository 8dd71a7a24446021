/* nf-pipeline.c: elements linked into a running whole
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-private.h"
#include "nf-scheduler.h"

/**
 * NfPipeline:
 *
 * Holds elements and the links between them — one source, then filters and
 * sinks in a tree — and runs them over every document the source produces.
 *
 * Documents are processed in parallel on all cores by default
 * ([property@Nf.Pipeline:threads]), reach each sink in input order, and at
 * most [property@Nf.Pipeline:max-in-flight] of them exist at once. The
 * pipeline reports on its [class@Nf.Bus]: an ERROR stops it, a WARNING
 * tells of one failed document, EOS ends a good run.
 *
 * ```c
 * g_autoptr(NfPipeline) p = nf_parse_launch ("filesrc location=news ! jsonsink", &error);
 * if (p == NULL || !nf_pipeline_run (p, NULL, &error))
 *   g_printerr ("%s\n", error->message);
 * ```
 */
struct _NfPipeline
{
  GObject      parent_instance;

  char        *name;
  GPtrArray   *elements;        /* NfElement*, in the order added */
  NfBus       *bus;
  guint        threads;
  guint        max_in_flight;

  NfScheduler *scheduler;       /* while running */
  GTask       *task;
  guint64      n_done;
  guint64      n_failed;
  guint        peak_in_flight;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_THREADS,
  PROP_MAX_IN_FLIGHT,
  PROP_BUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static gint pipeline_counter;

G_DEFINE_FINAL_TYPE (NfPipeline, nf_pipeline, G_TYPE_OBJECT)

static void
nf_pipeline_dispose (GObject *object)
{
  NfPipeline *self = NF_PIPELINE (object);

  if (self->elements != NULL)
    {
      for (guint i = 0; i < self->elements->len; i++)
        _nf_element_set_pipeline (g_ptr_array_index (self->elements, i), NULL);
      g_clear_pointer (&self->elements, g_ptr_array_unref);
    }
  g_clear_object (&self->bus);

  G_OBJECT_CLASS (nf_pipeline_parent_class)->dispose (object);
}

static void
nf_pipeline_finalize (GObject *object)
{
  NfPipeline *self = NF_PIPELINE (object);

  g_free (self->name);
  G_OBJECT_CLASS (nf_pipeline_parent_class)->finalize (object);
}

static void
nf_pipeline_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NfPipeline *self = NF_PIPELINE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_THREADS:
      g_value_set_uint (value, self->threads);
      break;
    case PROP_MAX_IN_FLIGHT:
      g_value_set_uint (value, self->max_in_flight);
      break;
    case PROP_BUS:
      g_value_set_object (value, self->bus);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_pipeline_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NfPipeline *self = NF_PIPELINE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      if (self->name == NULL)
        self->name = g_strdup_printf ("pipeline%d", g_atomic_int_add (&pipeline_counter, 1));
      break;
    case PROP_THREADS:
      nf_pipeline_set_threads (self, g_value_get_uint (value));
      break;
    case PROP_MAX_IN_FLIGHT:
      nf_pipeline_set_max_in_flight (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_pipeline_class_init (NfPipelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nf_pipeline_dispose;
  object_class->finalize = nf_pipeline_finalize;
  object_class->get_property = nf_pipeline_get_property;
  object_class->set_property = nf_pipeline_set_property;

  /**
   * NfPipeline:name:
   *
   * The pipeline's name, the first part of its elements' paths.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", "Name",
                         "The pipeline's name, the first part of element paths (default: pipeline and a number)",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * NfPipeline:threads:
   *
   * How many documents are worked on at once; 0 means one per processor.
   */
  properties[PROP_THREADS] =
    g_param_spec_uint ("threads", "Threads",
                       "How many documents are worked on at once (0: one per processor)",
                       0, 1024, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfPipeline:max-in-flight:
   *
   * How many documents may exist between the source and the sinks at once;
   * 0 chooses from the number of threads. The source waits when the
   * pipeline is full, so memory does not grow with the stream.
   */
  properties[PROP_MAX_IN_FLIGHT] =
    g_param_spec_uint ("max-in-flight", "Maximum in flight",
                       "How many documents may be between the source and the sinks at once (0: automatic)",
                       0, 1 << 20, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfPipeline:bus:
   *
   * The bus the pipeline posts its messages on.
   */
  properties[PROP_BUS] =
    g_param_spec_object ("bus", "Bus", "The bus the pipeline posts its messages on",
                         NF_TYPE_BUS, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nf_pipeline_init (NfPipeline *self)
{
  self->elements = g_ptr_array_new_with_free_func (g_object_unref);
  self->bus = nf_bus_new ();
}

/**
 * nf_pipeline_new:
 * @name: (nullable): a name, or %NULL for `pipeline0`, `pipeline1`…
 *
 * Creates an empty pipeline.
 *
 * Returns: (transfer full): a new pipeline
 */
NfPipeline *
nf_pipeline_new (const char *name)
{
  return g_object_new (NF_TYPE_PIPELINE, "name", name, NULL);
}

/**
 * nf_pipeline_get_name:
 * @self: a pipeline
 *
 * Gives the pipeline's name.
 *
 * Returns: the name
 */
const char *
nf_pipeline_get_name (NfPipeline *self)
{
  g_return_val_if_fail (NF_IS_PIPELINE (self), NULL);
  return self->name;
}

static char *
default_name_stem (NfElement *element)
{
  return g_ascii_strdown (_nf_element_get_factory_name (element), -1);
}

/* `clean0`, `clean1`…: the first number not yet used in this pipeline. */
static char *
make_unique_name (NfPipeline *self,
                  NfElement  *element)
{
  g_autofree char *stem = default_name_stem (element);

  for (guint n = 0; ; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s%u", stem, n);
      if (nf_pipeline_get_by_name (self, candidate) == NULL)
        return g_steal_pointer (&candidate);
    }
}

/**
 * nf_pipeline_add:
 * @self: a pipeline
 * @element: (transfer none): an element in no pipeline yet
 * @error: return location for a #GError
 *
 * Adds an element. One without a name gets its factory's name and the
 * first free number.
 *
 * Returns: %TRUE if added; %FALSE with %NF_PIPELINE_ERROR_NAME when the
 *   name is taken, or %NF_PIPELINE_ERROR_BUSY while the pipeline runs
 */
gboolean
nf_pipeline_add (NfPipeline  *self,
                 NfElement   *element,
                 GError     **error)
{
  const char *name;

  g_return_val_if_fail (NF_IS_PIPELINE (self), FALSE);
  g_return_val_if_fail (NF_IS_ELEMENT (element), FALSE);

  if (self->scheduler != NULL)
    {
      g_set_error (error, NF_PIPELINE_ERROR, NF_PIPELINE_ERROR_BUSY,
                   "cannot add elements to pipeline “%s” while it runs", self->name);
      return FALSE;
    }
  if (nf_element_get_pipeline (element) != NULL)
    {
      g_set_error (error, NF_PIPELINE_ERROR, NF_PIPELINE_ERROR_NAME,
                   "element “%s” is already in pipeline “%s”", nf_element_get_name (element),
                   nf_pipeline_get_name (nf_element_get_pipeline (element)));
      return FALSE;
    }

  name = nf_element_get_name (element);
  if (name == NULL)
    {
      g_autofree char *unique = make_unique_name (self, element);
      nf_element_set_name (element, unique);
    }
  else if (nf_pipeline_get_by_name (self, name) != NULL)
    {
      g_set_error (error, NF_PIPELINE_ERROR, NF_PIPELINE_ERROR_NAME,
                   "an element named “%s” is already in pipeline “%s”", name, self->name);
      return FALSE;
    }

  g_ptr_array_add (self->elements, g_object_ref (element));
  _nf_element_set_pipeline (element, self);
  return TRUE;
}

/**
 * nf_pipeline_get_elements:
 * @self: a pipeline
 *
 * Lists the pipeline's elements in the order they were added.
 *
 * Returns: (transfer container) (element-type Nf.Element): the elements
 */
GPtrArray *
nf_pipeline_get_elements (NfPipeline *self)
{
  GPtrArray *result;

  g_return_val_if_fail (NF_IS_PIPELINE (self), NULL);

  result = g_ptr_array_new_full (self->elements->len, g_object_unref);
  for (guint i = 0; i < self->elements->len; i++)
    g_ptr_array_add (result, g_object_ref (g_ptr_array_index (self->elements, i)));
  return result;
}

/**
 * nf_pipeline_get_by_name:
 * @self: a pipeline
 * @name: an element name
 *
 * Finds an element by name.
 *
 * Returns: (transfer none) (nullable): the element
 */
NfElement *
nf_pipeline_get_by_name (NfPipeline *self,
                         const char *name)
{
  g_return_val_if_fail (NF_IS_PIPELINE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->elements->len; i++)
    {
      NfElement *element = g_ptr_array_index (self->elements, i);
      if (g_strcmp0 (nf_element_get_name (element), name) == 0)
        return element;
    }
  return NULL;
}

/**
 * nf_pipeline_get_bus:
 * @self: a pipeline
 *
 * Gives the bus the pipeline posts its messages on.
 *
 * Returns: (transfer none): the bus
 */
NfBus *
nf_pipeline_get_bus (NfPipeline *self)
{
  g_return_val_if_fail (NF_IS_PIPELINE (self), NULL);
  return self->bus;
}

/**
 * nf_pipeline_get_threads:
 * @self: a pipeline
 *
 * Gives the [property@Nf.Pipeline:threads] setting.
 *
 * Returns: the number of threads, 0 for one per processor
 */
guint
nf_pipeline_get_threads (NfPipeline *self)
{
  g_return_val_if_fail (NF_IS_PIPELINE (self), 0);
  return self->threads;
}

/**
 * nf_pipeline_set_threads:
 * @self: a pipeline
 * @threads: how many documents to work on at once, 0 for one per processor
 *
 * Bounds the parallelism of the next run (`nf-launch -j`).
 */
void
nf_pipeline_set_threads (NfPipeline *self,
                         guint       threads)
{
  g_return_if_fail (NF_IS_PIPELINE (self));
  if (self->threads == threads)
    return;
  self->threads = threads;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THREADS]);
}

/**
 * nf_pipeline_get_max_in_flight:
 * @self: a pipeline
 *
 * Gives the [property@Nf.Pipeline:max-in-flight] setting.
 *
 * Returns: the bound, 0 for automatic
 */
guint
nf_pipeline_get_max_in_flight (NfPipeline *self)
{
  g_return_val_if_fail (NF_IS_PIPELINE (self), 0);
  return self->max_in_flight;
}

/**
 * nf_pipeline_set_max_in_flight:
 * @self: a pipeline
 * @max_in_flight: the bound, 0 for automatic (four per thread, at least 16)
 *
 * Bounds how many documents exist between the source and the sinks.
 */
void
nf_pipeline_set_max_in_flight (NfPipeline *self,
                               guint       max_in_flight)
{
  g_return_if_fail (NF_IS_PIPELINE (self));
  if (self->max_in_flight == max_in_flight)
    return;
  self->max_in_flight = max_in_flight;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_IN_FLIGHT]);
}

static guint
effective_threads (NfPipeline *self)
{
  return self->threads ? self->threads : nf_get_default_threads ();
}

/* Automatic: four documents per thread, at least 16, and at least what
 * any element asked for (elements that wait on the network hold many). */
static guint
effective_max_in_flight (NfPipeline *self)
{
  guint bound;

  if (self->max_in_flight)
    return self->max_in_flight;

  bound = MAX (16u, 4 * effective_threads (self));
  for (guint i = 0; i < self->elements->len; i++)
    bound = MAX (bound, nf_element_get_requested_in_flight (g_ptr_array_index (self->elements, i)));
  return bound;
}

/* Checks the shape of the pipeline and finds its source and sinks. */
static gboolean
validate (NfPipeline  *self,
          NfSource   **source_out,
          GPtrArray   *sinks,
          GError     **error)
{
  NfSource *source = NULL;

  for (guint i = 0; i < self->elements->len; i++)
    {
      NfElement *element = g_ptr_array_index (self->elements, i);

      if (NF_IS_SOURCE (element))
        {
          if (source != NULL)
            {
              g_set_error (error, NF_PIPELINE_ERROR, NF_PIPELINE_ERROR_TOO_MANY_SOURCES,
                           "pipeline “%s” has two sources, “%s” and “%s”; it can run only one",
                           self->name, nf_element_get_name (NF_ELEMENT (source)),
                           nf_element_get_name (element));
              return FALSE;
            }
          source = NF_SOURCE (element);
        }
      else if (nf_element_get_upstream (element) == NULL)
        {
          g_set_error (error, NF_PIPELINE_ERROR, NF_PIPELINE_ERROR_LINK,
                       "element “%s” of pipeline “%s” has no input: link something to it",
                       nf_element_get_name (element), self->name);
          return FALSE;
        }
      if (NF_IS_SINK (element))
        g_ptr_array_add (sinks, element);
    }

  if (source == NULL)
    {
      g_set_error (error, NF_PIPELINE_ERROR, NF_PIPELINE_ERROR_NO_SOURCE,
                   "pipeline “%s” has no source element", self->name);
      return FALSE;
    }
  *source_out = source;
  return TRUE;
}

/* Start order: sinks first, so that outputs are open before documents
 * arrive, then filters, then the source. Stop order is the reverse. */
static int
start_rank (NfElement *element)
{
  if (NF_IS_SINK (element))
    return 0;
  if (NF_IS_SOURCE (element))
    return 2;
  return 1;
}

static GPtrArray *
elements_in_start_order (NfPipeline *self)
{
  GPtrArray *ordered = g_ptr_array_new ();

  for (int rank = 0; rank <= 2; rank++)
    for (guint i = 0; i < self->elements->len; i++)
      {
        NfElement *element = g_ptr_array_index (self->elements, i);
        if (start_rank (element) == rank)
          g_ptr_array_add (ordered, element);
      }
  return ordered;
}

static void
post_error (NfPipeline   *self,
            NfElement    *element,
            const GError *error)
{
  g_autofree char *path = element ? nf_element_get_path (element) : g_strdup_printf ("/%s", self->name);
  g_autoptr(NfMessage) message = nf_message_new_error (path, error, NULL);

  nf_bus_post (self->bus, message);
}

/* Stops elements in reverse start order; the first failure is kept in
 * @error unless one is there already. */
static void
stop_elements (NfPipeline *self,
               GPtrArray  *ordered,
               guint       n_started,
               GError    **error)
{
  for (guint i = n_started; i > 0; i--)
    {
      NfElement *element = g_ptr_array_index (ordered, i - 1);
      g_autoptr(GError) stop_error = NULL;

      _nf_element_set_scheduler (element, NULL);
      if (!_nf_element_stop (element, &stop_error))
        {
          if (stop_error == NULL)
            stop_error = g_error_new (NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_NO_RESULT,
                                      "element “%s” failed to stop without reporting why",
                                      nf_element_get_name (element));
          if (*error == NULL)
            {
              post_error (self, element, stop_error);
              *error = g_steal_pointer (&stop_error);
            }
        }
    }
}

static gboolean
start_elements (NfPipeline  *self,
                GPtrArray   *ordered,
                GError     **error)
{
  for (guint i = 0; i < ordered->len; i++)
    {
      NfElement *element = g_ptr_array_index (ordered, i);
      g_autoptr(GError) start_error = NULL;

      if (!_nf_element_start (element, &start_error))
        {
          if (start_error == NULL)
            start_error = g_error_new (NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_NO_RESULT,
                                       "element “%s” failed to start without reporting why",
                                       nf_element_get_name (element));
          post_error (self, element, start_error);
          stop_elements (self, ordered, i, &start_error);
          g_propagate_error (error, g_steal_pointer (&start_error));
          return FALSE;
        }
    }
  return TRUE;
}

/* Runs on the main context once the source and every job are done. */
static gboolean
on_run_finished (gpointer data)
{
  NfPipeline *self = data;
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(GPtrArray) ordered = elements_in_start_order (self);
  NfScheduler *scheduler = g_steal_pointer (&self->scheduler);
  g_autoptr(GError) error = NULL;

  if (_nf_scheduler_get_error (scheduler) != NULL)
    error = g_error_copy (_nf_scheduler_get_error (scheduler));
  self->n_done = _nf_scheduler_get_n_done (scheduler);
  self->n_failed = _nf_scheduler_get_n_failed (scheduler);
  self->peak_in_flight = _nf_scheduler_get_peak_in_flight (scheduler);

  stop_elements (self, ordered, ordered->len, &error);
  _nf_scheduler_free (scheduler);

  if (error == NULL)
    {
      g_autofree char *path = g_strdup_printf ("/%s", self->name);
      g_autoptr(NfMessage) eos = nf_message_new_eos (path);
      nf_bus_post (self->bus, eos);
    }
  nf_bus_flush (self->bus);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

/**
 * nf_pipeline_run_async:
 * @self: a pipeline
 * @cancellable: (nullable): stops the run when cancelled
 * @callback: (scope async): called when the run is over
 * @user_data: (closure): data for @callback
 *
 * Starts the pipeline and returns at once. Bus messages, the calls of
 * elements flagged %NF_ELEMENT_FLAG_MAIN_CONTEXT and @callback all happen on
 * the thread-default main context of the caller, which must keep running.
 *
 * From JavaScript, `Gio._promisify (Nf.Pipeline.prototype, 'run_async',
 * 'run_finish')` makes it awaitable.
 */
void
nf_pipeline_run_async (NfPipeline          *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) sinks = g_ptr_array_new ();
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GError) error = NULL;
  NfSource *source = NULL;

  g_return_if_fail (NF_IS_PIPELINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nf_pipeline_run_async);

  if (self->scheduler != NULL)
    {
      g_task_return_new_error (task, NF_PIPELINE_ERROR, NF_PIPELINE_ERROR_BUSY,
                               "pipeline “%s” is already running", self->name);
      return;
    }
  if (!validate (self, &source, sinks, &error))
    {
      post_error (self, NULL, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  context = g_main_context_ref_thread_default ();
  nf_bus_set_main_context (self->bus, context);
  self->n_done = self->n_failed = 0;
  self->peak_in_flight = 0;

  ordered = elements_in_start_order (self);
  if (!start_elements (self, ordered, &error))
    {
      nf_bus_flush (self->bus);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->task = g_steal_pointer (&task);
  self->scheduler = _nf_scheduler_new (self, source, sinks, effective_threads (self),
                                       effective_max_in_flight (self), context, cancellable);
  for (guint i = 0; i < self->elements->len; i++)
    _nf_element_set_scheduler (g_ptr_array_index (self->elements, i), self->scheduler);
  _nf_scheduler_start (self->scheduler, on_run_finished, self);
}

/**
 * nf_pipeline_run_finish:
 * @self: a pipeline
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Ends a run started with nf_pipeline_run_async().
 *
 * Returns: %TRUE if every document went through (some may have failed:
 *   see nf_pipeline_get_n_failed()); %FALSE with @error when the pipeline
 *   stopped on an error or was cancelled
 */
gboolean
nf_pipeline_run_finish (NfPipeline    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (NF_IS_PIPELINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct {
  GAsyncResult *result;
} BlockingRun;

static void
on_blocking_run_done (GObject      *object,
                      GAsyncResult *result,
                      gpointer      data)
{
  BlockingRun *run = data;
  run->result = g_object_ref (result);
}

/**
 * nf_pipeline_run:
 * @self: a pipeline
 * @cancellable: (nullable): stops the run when cancelled from another thread
 * @error: return location for a #GError
 *
 * Runs the pipeline until every document is through, an error stops it or
 * @cancellable is cancelled. While it waits it iterates the caller's
 * thread-default main context, so bus signals and elements that must run
 * on the main context (JavaScript ones) keep working: calling this from
 * GJS's main thread does not deadlock. When another thread owns that
 * context, a private one is used instead.
 *
 * Returns: %TRUE if the run completed; %FALSE with @error otherwise
 */
gboolean
nf_pipeline_run (NfPipeline    *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  BlockingRun run = { NULL };
  gboolean pushed = FALSE;
  gboolean ok;

  g_return_val_if_fail (NF_IS_PIPELINE (self), FALSE);

  if (!g_main_context_acquire (context))
    {
      g_main_context_unref (context);
      context = g_main_context_new ();
      g_main_context_push_thread_default (context);
      g_main_context_acquire (context);
      pushed = TRUE;
    }

  nf_pipeline_run_async (self, cancellable, on_blocking_run_done, &run);
  while (run.result == NULL)
    g_main_context_iteration (context, TRUE);

  ok = nf_pipeline_run_finish (self, run.result, error);
  g_object_unref (run.result);

  g_main_context_release (context);
  if (pushed)
    g_main_context_pop_thread_default (context);
  return ok;
}

/**
 * nf_pipeline_is_running:
 * @self: a pipeline
 *
 * Tells whether a run is under way.
 *
 * Returns: %TRUE while running
 */
gboolean
nf_pipeline_is_running (NfPipeline *self)
{
  g_return_val_if_fail (NF_IS_PIPELINE (self), FALSE);
  return self->scheduler != NULL;
}

/**
 * nf_pipeline_get_n_done:
 * @self: a pipeline
 *
 * Counts the source's documents that went all the way through, in the
 * current or last run, failed ones included.
 *
 * Returns: the number of documents done
 */
guint64
nf_pipeline_get_n_done (NfPipeline *self)
{
  g_return_val_if_fail (NF_IS_PIPELINE (self), 0);
  return self->scheduler ? _nf_scheduler_get_n_done (self->scheduler) : self->n_done;
}

/**
 * nf_pipeline_get_n_failed:
 * @self: a pipeline
 *
 * Counts the source's documents that failed, in the current or last run.
 *
 * Returns: the number of failed documents
 */
guint64
nf_pipeline_get_n_failed (NfPipeline *self)
{
  g_return_val_if_fail (NF_IS_PIPELINE (self), 0);
  return self->scheduler ? _nf_scheduler_get_n_failed (self->scheduler) : self->n_failed;
}

/**
 * nf_pipeline_get_peak_in_flight:
 * @self: a pipeline
 *
 * Gives the most documents that were between the source and the sinks at
 * once in the last run; never more than [property@Nf.Pipeline:max-in-flight].
 *
 * Returns: the peak
 */
guint
nf_pipeline_get_peak_in_flight (NfPipeline *self)
{
  g_return_val_if_fail (NF_IS_PIPELINE (self), 0);
  return self->scheduler ? _nf_scheduler_get_peak_in_flight (self->scheduler) : self->peak_in_flight;
}
