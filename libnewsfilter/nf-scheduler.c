/* nf-scheduler.c: how one run of a pipeline moves documents
 *
 * The source runs on a thread of its own. Every document it pushes becomes a
 * job: a worker thread carries it through the filters (each push calls the
 * next element directly, as GStreamer's chain functions do) and collects
 * what reaches the sinks. Finished jobs wait in a ring indexed by sequence
 * number until every earlier job is finished, so sinks see input order; the
 * thread that finishes the oldest job delivers it and any that were waiting
 * behind it. At most max_in_flight jobs exist between the source's push and
 * the delivery, which bounds memory whatever the length of the stream.
 *
 * Sinks that batch (NfSinkClass.commit) are committed every COMMIT_BATCH
 * delivered jobs, at least every COMMIT_INTERVAL_US while documents flow,
 * when nothing is in flight and COMMIT_IDLE_US passed since the last commit
 * (a timer thread sees to it when no document comes), and at the end;
 * only then does the source
 * hear that those documents are done, so that a source that acknowledges its
 * input (a Redis stream) never acknowledges what a crash could still lose.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-scheduler.h"

#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 2)
#define COMMIT_BATCH 256
#define COMMIT_INTERVAL_US G_USEC_PER_SEC
/* a quiet pipeline commits this soon after the last commit, not sooner */
#define COMMIT_IDLE_US (G_USEC_PER_SEC / 10)

/* A delivered document waiting for the sinks' commit before the source
 * hears it is done. */
typedef struct {
  NfDocument *input;
  gboolean    failed;
} PendingDone;

typedef struct {
  NfSink     *sink;
  NfDocument *document;
} JobOutput;

/* What a worker thread does: carry a job's input from the source, or a
 * document an element held and pushed later (from any thread), on through
 * the elements after @from. */
typedef struct {
  NfJob      *job;
  NfElement  *from;       /* NULL: the job's start, at the source */
  NfDocument *document;
} Task;

struct _NfJob
{
  NfScheduler *scheduler;
  guint64      seqno;
  gint         pending;      /* holds on the job; delivery waits for zero */
  NfDocument  *input;
  GArray      *outputs;      /* JobOutput, created on the first output */
  gboolean     failed;
  gboolean     skipped;      /* every sink had its result already */
};

struct _NfScheduler
{
  NfPipeline    *pipeline;
  NfSource      *source;
  GPtrArray     *sinks;
  guint          threads;
  guint          max_in_flight;
  GThreadPool   *pool;         /* NULL with one thread: jobs run on the source thread,
                                 until an element pushes a held document */
  GMainContext  *context;
  GCancellable  *user_cancellable;
  gulong         user_cancel_id;
  GCancellable  *cancellable;  /* cancelled when the run stops, for the source */
  gboolean       source_wants_done;
  gboolean       sinks_commit;  /* some sink batches: done waits for commits */
  gboolean       sinks_may_skip; /* every sink can say it holds a document */
  GArray        *pending_done;  /* PendingDone, touched only by the delivering thread */
  gint64         last_commit_us;
  GThread       *commit_timer;   /* nullable: see commit_timer_main() */
  GCond          timer_cond;
  gboolean       timer_stopping;

  GMutex         lock;
  GCond          cond;
  guint64        next_seqno;
  guint64        next_to_deliver;
  guint          in_flight;
  guint          peak_in_flight;
  guint          waiters;      /* threads blocked on cond: wake only when someone waits */
  NfJob        **ring;
  gboolean       delivering;
  gint           stopping;     /* atomic */
  GError        *error;

  guint64        n_done;
  guint64        n_failed;
  gint64         start_us;
  gint64         last_progress_us;

  GThread       *source_thread;
  GSourceFunc    on_finished;
  gpointer       finished_data;
};

static __thread NfJob *current_job;

NfJob *
_nf_job_get_current (void)
{
  return current_job;
}

void
_nf_job_set_current (NfJob *job)
{
  current_job = job;
}

NfScheduler *
_nf_job_get_scheduler (NfJob *job)
{
  return job->scheduler;
}

void
_nf_job_mark_failed (NfJob *job)
{
  job->failed = TRUE;
}

void
_nf_job_add_output (NfJob      *job,
                    NfSink     *sink,
                    NfDocument *document)
{
  JobOutput output = { sink, g_object_ref (document) };

  if (job->outputs == NULL)
    job->outputs = g_array_sized_new (FALSE, FALSE, sizeof (JobOutput), 1);
  g_array_append_val (job->outputs, output);
}

static NfJob *
job_new (NfScheduler *self,
         guint64      seqno,
         NfDocument  *input)
{
  NfJob *job = g_new0 (NfJob, 1);

  job->scheduler = self;
  job->seqno = seqno;
  job->pending = 1;
  job->input = g_object_ref (input);
  return job;
}

static void
job_free (NfJob *job)
{
  if (job->outputs != NULL)
    {
      for (guint i = 0; i < job->outputs->len; i++)
        g_object_unref (g_array_index (job->outputs, JobOutput, i).document);
      g_array_unref (job->outputs);
    }
  g_clear_object (&job->input);
  g_free (job);
}

static void
pending_done_clear (gpointer data)
{
  g_clear_object (&((PendingDone *) data)->input);
}

static GArray *
new_pending_done (void)
{
  GArray *pending = g_array_new (FALSE, FALSE, sizeof (PendingDone));

  g_array_set_clear_func (pending, pending_done_clear);
  return pending;
}

static void
wait_locked (NfScheduler *self)
{
  self->waiters++;
  g_cond_wait (&self->cond, &self->lock);
  self->waiters--;
}

static gboolean
job_has_failure (NfJob *job)
{
  if (job->failed || nf_document_has_error (job->input))
    return TRUE;
  for (guint i = 0; job->outputs != NULL && i < job->outputs->len; i++)
    if (nf_document_has_error (g_array_index (job->outputs, JobOutput, i).document))
      return TRUE;
  return FALSE;
}

gboolean
_nf_scheduler_is_stopping (NfScheduler *self)
{
  return g_atomic_int_get (&self->stopping);
}

GMainContext *
_nf_scheduler_get_context (NfScheduler *self)
{
  return self->context;
}

const GError *
_nf_scheduler_get_error (NfScheduler *self)
{
  return self->error;
}

guint64
_nf_scheduler_get_n_done (NfScheduler *self)
{
  return __atomic_load_n (&self->n_done, __ATOMIC_RELAXED);
}

guint64
_nf_scheduler_get_n_failed (NfScheduler *self)
{
  return __atomic_load_n (&self->n_failed, __ATOMIC_RELAXED);
}

guint
_nf_scheduler_get_peak_in_flight (NfScheduler *self)
{
  return self->peak_in_flight;
}

/* Stops the run: the source's pushes return FALSE, jobs not yet run are
 * delivered to no sink, and the run ends with @error. Only the first
 * failure is kept. Returns whether this call was the first. */
static gboolean
stop_with_error (NfScheduler  *self,
                 const GError *error)
{
  gboolean first;

  g_mutex_lock (&self->lock);
  first = (self->error == NULL);
  if (first)
    {
      self->error = g_error_copy (error);
      g_atomic_int_set (&self->stopping, TRUE);
    }
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  if (first)
    g_cancellable_cancel (self->cancellable);
  return first;
}

void
_nf_scheduler_fail (NfScheduler  *self,
                    NfElement    *element,
                    const GError *error,
                    const char   *debug)
{
  if (stop_with_error (self, error))
    {
      g_autofree char *path = element ? nf_element_get_path (element)
                                      : g_strdup_printf ("/%s", nf_pipeline_get_name (self->pipeline));
      g_autoptr(NfMessage) message = nf_message_new_error (path, error, debug);
      nf_bus_post (nf_pipeline_get_bus (self->pipeline), message);
    }
}

static void
on_user_cancelled (GCancellable *cancellable,
                   gpointer      data)
{
  NfScheduler *self = data;
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                 "The pipeline was cancelled");
  stop_with_error (self, error);
}

static void
post_progress (NfScheduler *self)
{
  g_autofree char *path = g_strdup_printf ("/%s", nf_pipeline_get_name (self->pipeline));
  g_autoptr(NfMessage) message =
    nf_message_new_progress (path, _nf_scheduler_get_n_done (self), _nf_scheduler_get_n_failed (self),
                             g_get_monotonic_time () - self->start_us);
  nf_bus_post (nf_pipeline_get_bus (self->pipeline), message);
}

/* Commits every sink that batches, then tells the source that the documents
 * delivered since the last commit are done. A failed commit stops the run,
 * and those documents are never reported done. Runs on the delivering
 * thread (or at the end, when no other is left). */
static void
commit_and_report (NfScheduler *self)
{
  g_autoptr(GArray) batch = NULL;

  for (guint i = 0; i < self->sinks->len; i++)
    {
      NfElement *sink = g_ptr_array_index (self->sinks, i);
      g_autoptr(GError) error = NULL;

      if (!_nf_element_commit (sink, &error))
        {
          _nf_scheduler_fail (self, sink, error, NULL);
          g_array_set_size (self->pending_done, 0);
          return;
        }
    }
  self->last_commit_us = g_get_monotonic_time ();
  batch = g_steal_pointer (&self->pending_done);
  self->pending_done = new_pending_done ();
  for (guint i = 0; self->source_wants_done && i < batch->len; i++)
    {
      PendingDone *done = &g_array_index (batch, PendingDone, i);
      NF_SOURCE_GET_CLASS (self->source)->document_done (self->source, done->input, done->failed);
    }
}

/* Hands a finished job's documents to the sinks. Only one thread delivers
 * at a time, so sinks never run concurrently. */
static void
deliver_job (NfScheduler *self,
             NfJob       *job)
{
  gint64 now;

  for (guint i = 0; job->outputs != NULL && i < job->outputs->len; i++)
    {
      JobOutput *output = &g_array_index (job->outputs, JobOutput, i);
      g_autoptr(GError) error = NULL;

      if (_nf_scheduler_is_stopping (self))
        break;
      if (!_nf_element_render (NF_ELEMENT (output->sink), output->document, &error))
        _nf_scheduler_fail (self, NF_ELEMENT (output->sink), error, NULL);
    }

  if (_nf_scheduler_is_stopping (self))
    return;

  __atomic_fetch_add (&self->n_done, 1, __ATOMIC_RELAXED);
  if (job_has_failure (job))
    __atomic_fetch_add (&self->n_failed, 1, __ATOMIC_RELAXED);

  now = g_get_monotonic_time ();
  if (self->sinks_commit)
    {
      PendingDone done = { g_object_ref (job->input), job_has_failure (job) };

      g_array_append_val (self->pending_done, done);
      if (self->pending_done->len >= COMMIT_BATCH || now - self->last_commit_us >= COMMIT_INTERVAL_US)
        commit_and_report (self);
    }
  else if (self->source_wants_done)
    NF_SOURCE_GET_CLASS (self->source)->document_done (self->source, job->input, job_has_failure (job));

  if (now - self->last_progress_us >= PROGRESS_INTERVAL_US)
    {
      self->last_progress_us = now;
      post_progress (self);
    }
}

/* Whether a quiet moment is a time to commit: documents wait, nothing is
 * in flight, and the last commit is not so recent that a source handing
 * documents one at a time (one thread, a trickle) would commit each. */
static gboolean
idle_commit_due_locked (NfScheduler *self)
{
  return self->in_flight == 0 && self->pending_done->len > 0 &&
         !_nf_scheduler_is_stopping (self) &&
         g_get_monotonic_time () - self->last_commit_us >= COMMIT_IDLE_US;
}

/* Delivers every finished job that is next in input order, committing
 * when the pipeline goes quiet. Called with the lock held and nobody else
 * delivering; returns with the lock held. */
static void
deliver_ready_locked (NfScheduler *self)
{
  self->delivering = TRUE;
  for (;;)
    {
      guint slot = self->next_to_deliver % self->max_in_flight;
      NfJob *next = self->ring[slot];

      if (next == NULL)
        {
          if (!idle_commit_due_locked (self))
            break;
          g_mutex_unlock (&self->lock);
          commit_and_report (self);
          g_mutex_lock (&self->lock);
          continue;
        }
      self->ring[slot] = NULL;
      self->next_to_deliver++;
      g_mutex_unlock (&self->lock);

      deliver_job (self, next);
      job_free (next);

      g_mutex_lock (&self->lock);
      self->in_flight--;
      if (self->waiters > 0)
        g_cond_broadcast (&self->cond);
    }
  self->delivering = FALSE;
}

static void
job_complete (NfJob *job)
{
  NfScheduler *self = job->scheduler;

  g_mutex_lock (&self->lock);
  self->ring[job->seqno % self->max_in_flight] = job;
  /* else the delivering thread will find it when it gets there */
  if (!self->delivering)
    deliver_ready_locked (self);
  g_mutex_unlock (&self->lock);
}

/* The commit timer: documents a quiet stream delivered get committed (and
 * acknowledged) within COMMIT_IDLE_US, though no new document comes to
 * trigger it. Runs only when some sink batches. */
static gpointer
commit_timer_main (gpointer data)
{
  NfScheduler *self = data;

  g_mutex_lock (&self->lock);
  while (!self->timer_stopping)
    {
      g_cond_wait_until (&self->timer_cond, &self->lock,
                         g_get_monotonic_time () + COMMIT_IDLE_US);
      if (!self->timer_stopping && !self->delivering && idle_commit_due_locked (self))
        {
          self->delivering = TRUE;
          g_mutex_unlock (&self->lock);
          commit_and_report (self);
          g_mutex_lock (&self->lock);
          /* jobs that finished meanwhile left their delivery to us */
          deliver_ready_locked (self);
        }
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

/* Stops the commit timer; no commit runs on it after this returns. */
static void
stop_commit_timer (NfScheduler *self)
{
  if (self->commit_timer == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->timer_stopping = TRUE;
  g_cond_broadcast (&self->timer_cond);
  g_mutex_unlock (&self->lock);
  g_thread_join (g_steal_pointer (&self->commit_timer));
}

void
_nf_job_hold (NfJob *job)
{
  g_atomic_int_inc (&job->pending);
}

void
_nf_job_release (NfJob *job)
{
  if (g_atomic_int_dec_and_test (&job->pending))
    job_complete (job);
}

static void
run_task (gpointer data,
          gpointer user_data)
{
  Task *task = data;
  NfJob *job = task->job;
  NfScheduler *self = job->scheduler;

  if (!_nf_scheduler_is_stopping (self))
    {
      current_job = job;
      if (task->from == NULL)
        _nf_element_push_downstream (NF_ELEMENT (self->source), job->input, job);
      else
        _nf_element_push_downstream (task->from, task->document, job);
      current_job = NULL;
    }
  g_clear_object (&task->document);
  g_clear_object (&task->from);
  g_free (task);
  _nf_job_release (job);
}

static void
queue_task (NfScheduler *self,
            NfJob       *job,
            NfElement   *from,
            NfDocument  *document)
{
  Task *task = g_new0 (Task, 1);

  task->job = job;
  task->from = from ? g_object_ref (from) : NULL;
  task->document = document ? g_object_ref (document) : NULL;

  /* With several threads the pool exists from the start; with one, it is
   * made the first time an element pushes a held document. */
  if (g_atomic_pointer_get (&self->pool) == NULL)
    {
      g_mutex_lock (&self->lock);
      if (self->pool == NULL)
        g_atomic_pointer_set (&self->pool, g_thread_pool_new (run_task, self, (int) self->threads, TRUE, NULL));
      g_mutex_unlock (&self->lock);
    }
  g_thread_pool_push (self->pool, task, NULL);
}

/* An element pushed a document it held past its process function, from a
 * thread of its own (a network callback): the rest of the way runs on a
 * worker, so that the caller's thread stays free for its own work. */
void
_nf_scheduler_continue (NfScheduler *self,
                        NfJob       *job,
                        NfElement   *from,
                        NfDocument  *document)
{
  _nf_job_hold (job);
  queue_task (self, job, from, document);
}

GCancellable *
_nf_scheduler_get_cancellable (NfScheduler *self)
{
  return self->cancellable;
}

static void
ensure_document_id (NfScheduler *self,
                    NfDocument  *document,
                    guint64      seqno)
{
  g_autofree char *id = NULL;

  if (nf_document_get_id (document) != NULL)
    return;
  id = g_strdup_printf ("%s:%" G_GUINT64_FORMAT,
                        nf_element_get_name (NF_ELEMENT (self->source)), seqno + 1);
  nf_document_set_id (document, id);
}

/* Whether every sink already holds a result for @id (see
 * NfSinkClass.has_document). */
static gboolean
all_sinks_have (NfScheduler *self,
                const char  *id)
{
  if (!self->sinks_may_skip)
    return FALSE;
  for (guint i = 0; i < self->sinks->len; i++)
    if (!_nf_element_has_document (g_ptr_array_index (self->sinks, i), id))
      return FALSE;
  return TRUE;
}

gboolean
_nf_scheduler_submit (NfScheduler *self,
                      NfDocument  *document)
{
  guint64 seqno;
  NfJob *job;

  g_mutex_lock (&self->lock);
  while (!_nf_scheduler_is_stopping (self) && self->in_flight >= self->max_in_flight)
    wait_locked (self);
  if (_nf_scheduler_is_stopping (self))
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  seqno = self->next_seqno++;
  self->in_flight++;
  self->peak_in_flight = MAX (self->peak_in_flight, self->in_flight);
  g_mutex_unlock (&self->lock);

  ensure_document_id (self, document, seqno);
  job = job_new (self, seqno, document);
  if (all_sinks_have (self, nf_document_get_id (document)))
    {
      /* nothing to do: straight to delivery, which counts it done */
      job->skipped = TRUE;
      _nf_job_release (job);
    }
  else if (self->threads > 1)
    {
      queue_task (self, job, NULL, NULL);
    }
  else
    {
      Task *task = g_new0 (Task, 1);
      task->job = job;
      run_task (task, self);
    }

  return !_nf_scheduler_is_stopping (self);
}

/* Every job is delivered once in_flight drops to zero; only then can no
 * element push a held document any more, and the workers may go. */
static void
wait_for_jobs (NfScheduler *self)
{
  GThreadPool *pool;

  g_mutex_lock (&self->lock);
  while (self->in_flight > 0)
    wait_locked (self);
  pool = g_steal_pointer (&self->pool);
  g_mutex_unlock (&self->lock);

  if (pool != NULL)
    g_thread_pool_free (pool, FALSE, TRUE);
}

static gpointer
source_thread_main (gpointer data)
{
  NfScheduler *self = data;
  NfSourceClass *klass = NF_SOURCE_GET_CLASS (self->source);
  g_autoptr(GError) error = NULL;

  if (!klass->generate (self->source, self->cancellable, &error)
      && !_nf_scheduler_is_stopping (self))
    {
      if (error == NULL)
        error = g_error_new (NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_NO_RESULT,
                             "source “%s” failed without reporting why",
                             nf_element_get_name (NF_ELEMENT (self->source)));
      _nf_scheduler_fail (self, NF_ELEMENT (self->source), error, NULL);
    }

  wait_for_jobs (self);
  stop_commit_timer (self);
  /* what was delivered before a stop is committed all the same: a sink
   * error stops the run, it does not undo what the sinks already hold */
  if (self->pending_done->len > 0)
    commit_and_report (self);
  if (!_nf_scheduler_is_stopping (self))
    post_progress (self);

  /* Through the bus, so the application gets every message first. */
  nf_bus_invoke (nf_pipeline_get_bus (self->pipeline), self->on_finished, self->finished_data, NULL);
  return NULL;
}

NfScheduler *
_nf_scheduler_new (NfPipeline   *pipeline,
                   NfSource     *source,
                   GPtrArray    *sinks,
                   guint         threads,
                   guint         max_in_flight,
                   GMainContext *context,
                   GCancellable *cancellable)
{
  NfScheduler *self = g_new0 (NfScheduler, 1);

  self->pipeline = g_object_ref (pipeline);
  self->source = g_object_ref (source);
  self->sinks = g_ptr_array_ref (sinks);
  self->threads = MAX (1u, threads);
  self->max_in_flight = MAX (1u, max_in_flight);
  self->ring = g_new0 (NfJob *, self->max_in_flight);
  self->context = g_main_context_ref (context);
  self->cancellable = g_cancellable_new ();
  self->source_wants_done = NF_SOURCE_GET_CLASS (source)->document_done != NULL;
  self->pending_done = new_pending_done ();
  self->sinks_may_skip = sinks->len > 0;
  for (guint i = 0; i < sinks->len; i++)
    {
      NfSinkClass *klass = NF_SINK_GET_CLASS (g_ptr_array_index (sinks, i));

      if (klass->commit != NULL)
        self->sinks_commit = TRUE;
      if (klass->has_document == NULL)
        self->sinks_may_skip = FALSE;
    }
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_cond_init (&self->timer_cond);

  if (cancellable != NULL)
    {
      self->user_cancellable = g_object_ref (cancellable);
      self->user_cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_user_cancelled),
                                                    self, NULL);
    }
  return self;
}

void
_nf_scheduler_start (NfScheduler *self,
                     GSourceFunc  on_finished,
                     gpointer     data)
{
  self->on_finished = on_finished;
  self->finished_data = data;
  self->start_us = self->last_progress_us = self->last_commit_us = g_get_monotonic_time ();
  if (self->threads > 1)
    self->pool = g_thread_pool_new (run_task, self, (int) self->threads, TRUE, NULL);
  if (self->sinks_commit)
    self->commit_timer = g_thread_new ("nf-commit", commit_timer_main, self);

  self->source_thread = g_thread_new ("nf-source", source_thread_main, self);
}

void
_nf_scheduler_free (NfScheduler *self)
{
  if (self->source_thread != NULL)
    g_thread_join (self->source_thread);
  if (self->user_cancellable != NULL)
    {
      g_cancellable_disconnect (self->user_cancellable, self->user_cancel_id);
      g_object_unref (self->user_cancellable);
    }
  g_object_unref (self->cancellable);
  g_clear_error (&self->error);
  g_array_unref (self->pending_done);
  g_free (self->ring);
  g_main_context_unref (self->context);
  g_ptr_array_unref (self->sinks);
  g_object_unref (self->source);
  g_object_unref (self->pipeline);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_cond_clear (&self->timer_cond);
  g_free (self);
}
