/* test-pipeline.c: running pipelines — order, parallelism, bounds, failures
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-elements.h"

static NfElement *
make (const char *factory, const char *first_property, ...)
{
  g_autoptr(GError) error = NULL;
  NfElement *element = nf_element_factory_make (factory, NULL, &error);
  va_list args;

  g_assert_no_error (error);
  if (first_property != NULL)
    {
      va_start (args, first_property);
      g_object_set_valist (G_OBJECT (element), first_property, args);
      va_end (args);
    }
  return element;
}

/* Adds an element made with make() to a pipeline, which takes it over;
 * returns it for the test to look at. */
static NfElement *
add_owned (NfPipeline *pipeline, NfElement *element)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nf_pipeline_add (pipeline, element, &error));
  g_assert_no_error (error);
  g_object_unref (element);
  return element;
}

/* Adds the elements (made with make()) to a new pipeline, which takes them
 * over, and links them in a chain. */
static NfPipeline *
chain (NfElement *first, ...)
{
  NfPipeline *pipeline = nf_pipeline_new (NULL);
  NfElement *previous = NULL;
  NfElement *element;
  va_list args;

  va_start (args, first);
  for (element = first; element != NULL; element = va_arg (args, NfElement *))
    {
      g_autoptr(GError) error = NULL;

      add_owned (pipeline, element);
      if (previous != NULL)
        {
          g_assert_true (nf_element_link (previous, element, &error));
          g_assert_no_error (error);
        }
      previous = element;
    }
  va_end (args);
  return pipeline;
}

typedef struct {
  guint    errors;
  guint    warnings;
  guint    eos;
  guint    progress;
  GThread *thread;
  gboolean off_thread;
  char    *last_error_path;
  char    *last_warning_id;
} BusLog;

static void
on_message (NfBus *bus, NfMessage *message, gpointer data)
{
  BusLog *log = data;

  if (g_thread_self () != log->thread)
    log->off_thread = TRUE;
  switch (nf_message_get_message_type (message))
    {
    case NF_MESSAGE_ERROR:
      log->errors++;
      g_free (log->last_error_path);
      log->last_error_path = g_strdup (nf_message_get_source_path (message));
      break;
    case NF_MESSAGE_WARNING:
      log->warnings++;
      g_free (log->last_warning_id);
      log->last_warning_id = g_strdup (nf_message_get_document_id (message));
      break;
    case NF_MESSAGE_EOS:
      log->eos++;
      break;
    case NF_MESSAGE_PROGRESS:
      log->progress++;
      break;
    default:
      break;
    }
}

static void
bus_log_watch (BusLog *log, NfPipeline *pipeline)
{
  memset (log, 0, sizeof *log);
  log->thread = g_thread_self ();
  g_signal_connect (nf_pipeline_get_bus (pipeline), "message", G_CALLBACK (on_message), log);
}

static void
bus_log_clear (BusLog *log)
{
  g_free (log->last_error_path);
  g_free (log->last_warning_id);
}

static void
assert_ids_in_order (GPtrArray *ids, guint count)
{
  g_assert_cmpuint (ids->len, ==, count);
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *expected = g_strdup_printf ("doc%05u", i);
      g_assert_cmpstr (g_ptr_array_index (ids, i), ==, expected);
    }
}

static void
run_order_test (guint threads)
{
  NfElement *sink = make ("tcollect", NULL);
  g_autoptr(NfPipeline) pipeline =
    chain (make ("tsource", "count", 10000, NULL),
           make ("tshuffle", "max-sleep-us", 40, NULL),
           make ("tshuffle", NULL),
           sink, NULL);
  g_autoptr(GError) error = NULL;
  BusLog log;

  bus_log_watch (&log, pipeline);
  nf_pipeline_set_threads (pipeline, threads);
  g_assert_true (nf_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);

  assert_ids_in_order (test_collect_get_ids (TEST_COLLECT (sink)), 10000);
  g_assert_cmpuint (nf_pipeline_get_n_done (pipeline), ==, 10000);
  g_assert_cmpuint (nf_pipeline_get_n_failed (pipeline), ==, 0);
  g_assert_cmpuint (log.eos, ==, 1);
  g_assert_cmpuint (log.errors, ==, 0);
  g_assert_false (log.off_thread);
  bus_log_clear (&log);
}

static void
test_order_one_thread (void)
{
  run_order_test (1);
}

static void
test_order_eight_threads (void)
{
  run_order_test (8);
}

/* Each document waits in trendezvous until a second one is inside with it:
 * the run can only finish if two documents really are processed at once. */
static void
test_real_parallelism (void)
{
  NfElement *sink = make ("tcollect", NULL);
  g_autoptr(NfPipeline) pipeline =
    chain (make ("tsource", "count", 200, NULL),
           make ("trendezvous", "parties", 2, "timeout-ms", 10000, NULL),
           sink, NULL);
  g_autoptr(GError) error = NULL;

  nf_pipeline_set_threads (pipeline, 2);
  g_assert_true (nf_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nf_pipeline_get_n_failed (pipeline), ==, 0);
  assert_ids_in_order (test_collect_get_ids (TEST_COLLECT (sink)), 200);
}

static void
test_threads_are_used (void)
{
  NfElement *probe = make ("tprobe", NULL);
  g_autoptr(NfPipeline) pipeline =
    chain (make ("tsource", "count", 400, NULL), probe, make ("tcollect", NULL), NULL);
  g_autoptr(GError) error = NULL;

  nf_pipeline_set_threads (pipeline, 4);
  g_assert_true (nf_pipeline_run (pipeline, NULL, &error));
  g_assert_cmpuint (test_probe_get_max_inside (TEST_PROBE (probe)), >, 1);
  g_assert_cmpuint (test_probe_get_max_inside (TEST_PROBE (probe)), <=, 4);
}

static void
test_serial_flag (void)
{
  NfElement *probe = make ("tprobe", NULL);
  g_autoptr(NfPipeline) pipeline =
    chain (make ("tsource", "count", 200, NULL), probe, make ("tcollect", NULL), NULL);
  g_autoptr(GError) error = NULL;

  nf_element_set_flags (probe, NF_ELEMENT_FLAG_SERIAL);
  nf_pipeline_set_threads (pipeline, 4);
  g_assert_true (nf_pipeline_run (pipeline, NULL, &error));
  g_assert_cmpuint (test_probe_get_max_inside (TEST_PROBE (probe)), ==, 1);
}

static void
test_main_context_flag (void)
{
  NfElement *probe = make ("tprobe", NULL);
  NfElement *sink = make ("tcollect", NULL);
  g_autoptr(NfPipeline) pipeline =
    chain (make ("tsource", "count", 100, NULL), probe, sink, NULL);
  g_autoptr(GError) error = NULL;

  nf_element_set_flags (probe, NF_ELEMENT_FLAG_MAIN_CONTEXT);
  nf_pipeline_set_threads (pipeline, 4);
  g_assert_true (nf_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (test_probe_ran_off_thread (TEST_PROBE (probe), g_thread_self ()));
  assert_ids_in_order (test_collect_get_ids (TEST_COLLECT (sink)), 100);
}

/* The source may never be more than max-in-flight documents ahead of the
 * sink, however slow the sink is. */
static void
test_in_flight_bound (void)
{
  NfElement *source = make ("tsource", "count", 3000, NULL);
  NfElement *sink = make ("tcollect", "sleep-us", 20, NULL);
  g_autoptr(NfPipeline) pipeline =
    chain (source, make ("tshuffle", "max-sleep-us", 30, NULL), sink, NULL);
  g_autoptr(GError) error = NULL;

  test_source_watch_sink (TEST_SOURCE (source), sink);
  nf_pipeline_set_threads (pipeline, 4);
  nf_pipeline_set_max_in_flight (pipeline, 7);
  g_assert_true (nf_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_source_get_max_ahead (TEST_SOURCE (source)), <=, 7);
  g_assert_cmpuint (test_source_get_max_ahead (TEST_SOURCE (source)), >=, 2);
  g_assert_cmpuint (nf_pipeline_get_peak_in_flight (pipeline), ==, 7);
  g_assert_cmpuint (test_collect_get_ids (TEST_COLLECT (sink))->len, ==, 3000);
}

static void
test_cancel_mid_stream (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  NfElement *sink = make ("tcollect", NULL);
  g_autoptr(NfPipeline) pipeline =
    chain (make ("tsource", "count", 0, NULL),   /* endless */
           make ("tshuffle", "max-sleep-us", 20, NULL), sink, NULL);
  g_autoptr(GError) error = NULL;
  BusLog log;
  GPtrArray *ids;

  bus_log_watch (&log, pipeline);
  test_collect_cancel_at (TEST_COLLECT (sink), 500, cancellable);
  nf_pipeline_set_threads (pipeline, 4);
  g_assert_false (nf_pipeline_run (pipeline, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (nf_pipeline_is_running (pipeline));

  /* What did arrive arrived in order, and nothing after the cancel point
   * beyond what was already being delivered. */
  ids = test_collect_get_ids (TEST_COLLECT (sink));
  g_assert_cmpuint (ids->len, >=, 500);
  g_assert_cmpuint (ids->len, <, 500 + 64);
  assert_ids_in_order (ids, ids->len);
  g_assert_cmpuint (log.eos, ==, 0);
  g_assert_cmpuint (log.errors, ==, 0);
  bus_log_clear (&log);
}

static void
test_document_failures (void)
{
  NfElement *sink = make ("tcollect", NULL);
  g_autoptr(NfPipeline) pipeline =
    chain (make ("tsource", "count", 30, NULL),
           make ("tshuffle", "fail-every", 3, NULL),
           make ("tshuffle", "copies", 1, NULL),
           sink, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *docs;
  BusLog log;

  bus_log_watch (&log, pipeline);
  nf_pipeline_set_threads (pipeline, 3);
  g_assert_true (nf_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.warnings, ==, 10);
  g_assert_cmpuint (log.eos, ==, 1);
  g_assert_cmpuint (nf_pipeline_get_n_done (pipeline), ==, 30);
  g_assert_cmpuint (nf_pipeline_get_n_failed (pipeline), ==, 10);

  /* Every document comes out, the failed ones with their reason. */
  docs = test_collect_get_documents (TEST_COLLECT (sink));
  g_assert_cmpuint (docs->len, ==, 30);
  for (guint i = 0; i < docs->len; i++)
    {
      NfDocument *doc = g_ptr_array_index (docs, i);
      if ((i + 1) % 3 == 0)
        {
          g_autofree char *message = g_strdup_printf ("tshuffle rejects document %u", i);
          g_assert_error (nf_document_get_error (doc), NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FAILED);
          g_assert_cmpstr (nf_document_get_error (doc)->message, ==, message);
          g_autofree char *element = g_strdup_printf ("/%s/tshuffle0", nf_pipeline_get_name (pipeline));
          g_assert_cmpstr (nf_document_get_error_element (doc), ==, element);
        }
      else
        g_assert_false (nf_document_has_error (doc));
    }
  bus_log_clear (&log);
}

static void
test_drop_and_duplicate (void)
{
  NfElement *sink = make ("tcollect", NULL);
  g_autoptr(NfPipeline) pipeline =
    chain (make ("tsource", "count", 5, NULL), make ("tshuffle", "copies", 3, NULL), sink, NULL);
  NfElement *dropper_sink = make ("tcollect", NULL);
  g_autoptr(NfPipeline) dropper =
    chain (make ("tsource", "count", 5, NULL), make ("tshuffle", "copies", 0, NULL), dropper_sink, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *ids;

  g_assert_true (nf_pipeline_run (pipeline, NULL, &error));
  ids = test_collect_get_ids (TEST_COLLECT (sink));
  g_assert_cmpuint (ids->len, ==, 15);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, "doc00000#2");
  g_assert_cmpstr (g_ptr_array_index (ids, 1), ==, "doc00000#3");
  g_assert_cmpstr (g_ptr_array_index (ids, 2), ==, "doc00000");
  g_assert_cmpstr (g_ptr_array_index (ids, 14), ==, "doc00004");

  g_assert_true (nf_pipeline_run (dropper, NULL, &error));
  g_assert_cmpuint (test_collect_get_ids (TEST_COLLECT (dropper_sink))->len, ==, 0);
  g_assert_cmpuint (nf_pipeline_get_n_done (dropper), ==, 5);
}

/* An element feeding two branches gives each its own copy. */
static void
test_fan_out (void)
{
  g_autoptr(NfPipeline) pipeline = nf_pipeline_new ("fan");
  NfElement *source = add_owned (pipeline, make ("tsource", "count", 50, NULL));
  NfElement *filter = add_owned (pipeline, make ("tshuffle", NULL));
  NfElement *a = add_owned (pipeline, make ("tcollect", NULL));
  NfElement *b = add_owned (pipeline, make ("tcollect", NULL));
  g_autoptr(GError) error = NULL;
  GPtrArray *docs_a, *docs_b;

  g_assert_true (nf_element_link (source, filter, NULL));
  g_assert_true (nf_element_link (filter, a, NULL));
  g_assert_true (nf_element_link (filter, b, NULL));

  nf_pipeline_set_threads (pipeline, 2);
  g_assert_true (nf_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
  docs_a = test_collect_get_documents (TEST_COLLECT (a));
  docs_b = test_collect_get_documents (TEST_COLLECT (b));
  assert_ids_in_order (test_collect_get_ids (TEST_COLLECT (a)), 50);
  assert_ids_in_order (test_collect_get_ids (TEST_COLLECT (b)), 50);
  for (guint i = 0; i < 50; i++)
    g_assert_true (g_ptr_array_index (docs_a, i) != g_ptr_array_index (docs_b, i));
}

static void
test_sink_error_stops (void)
{
  NfElement *source = make ("tsource", "count", 100000, NULL);
  g_autoptr(NfPipeline) pipeline =
    chain (source, make ("tshuffle", NULL), make ("tcollect", "fail-at", 10, NULL), NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  BusLog log;

  bus_log_watch (&log, pipeline);
  nf_pipeline_set_threads (pipeline, 2);
  g_assert_false (nf_pipeline_run (pipeline, NULL, &error));
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_WRITE);
  g_assert_cmpstr (error->message, ==, "tcollect cannot write document doc00009");
  g_assert_cmpuint (log.errors, ==, 1);
  g_assert_cmpuint (log.eos, ==, 0);
  path = g_strdup_printf ("/%s/tcollect0", nf_pipeline_get_name (pipeline));
  g_assert_cmpstr (log.last_error_path, ==, path);
  g_assert_cmpuint (test_source_get_pushed (TEST_SOURCE (source)), <, 1000);
  bus_log_clear (&log);
}

static void
test_source_error (void)
{
  g_autoptr(NfPipeline) pipeline =
    chain (make ("tsource", "count", 100, "fail-at", 20, NULL), make ("tcollect", NULL), NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (nf_pipeline_run (pipeline, NULL, &error));
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_READ);
  g_assert_cmpstr (error->message, ==, "tsource gave up at document 20");
}

static void
test_start_failure (void)
{
  g_autoptr(NfPipeline) pipeline =
    chain (make ("tsource", NULL), make ("tfailstart", NULL), make ("tcollect", NULL), NULL);
  g_autoptr(GError) error = NULL;
  BusLog log;

  bus_log_watch (&log, pipeline);
  g_assert_false (nf_pipeline_run (pipeline, NULL, &error));
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS);
  g_assert_cmpstr (error->message, ==, "tfailstart0 cannot start: no model");
  g_assert_cmpuint (log.errors, ==, 1);
  /* The pipeline can be run again once fixed: it is not left running. */
  g_assert_false (nf_pipeline_is_running (pipeline));
  bus_log_clear (&log);
}

static void
test_validation (void)
{
  g_autoptr(NfPipeline) empty = nf_pipeline_new ("empty");
  g_autoptr(NfPipeline) two = nf_pipeline_new ("two");
  g_autoptr(NfPipeline) loose = nf_pipeline_new ("loose");
  g_autoptr(GError) error = NULL;

  g_assert_false (nf_pipeline_run (empty, NULL, &error));
  g_assert_error (error, NF_PIPELINE_ERROR, NF_PIPELINE_ERROR_NO_SOURCE);
  g_assert_cmpstr (error->message, ==, "pipeline “empty” has no source element");
  g_clear_error (&error);

  add_owned (two, make ("tsource", NULL));
  add_owned (two, make ("tsource", NULL));
  g_assert_false (nf_pipeline_run (two, NULL, &error));
  g_assert_error (error, NF_PIPELINE_ERROR, NF_PIPELINE_ERROR_TOO_MANY_SOURCES);
  g_assert_cmpstr (error->message, ==,
                   "pipeline “two” has two sources, “tsource0” and “tsource1”; it can run only one");
  g_clear_error (&error);

  add_owned (loose, make ("tsource", NULL));
  add_owned (loose, make ("tcollect", NULL));
  g_assert_false (nf_pipeline_run (loose, NULL, &error));
  g_assert_error (error, NF_PIPELINE_ERROR, NF_PIPELINE_ERROR_LINK);
  g_assert_cmpstr (error->message, ==,
                   "element “tcollect0” of pipeline “loose” has no input: link something to it");
}

static void
test_link_errors (void)
{
  g_autoptr(NfPipeline) pipeline = nf_pipeline_new ("links");
  NfElement *src = add_owned (pipeline, make ("tsource", NULL));
  NfElement *a = add_owned (pipeline, make ("tshuffle", NULL));
  NfElement *b = add_owned (pipeline, make ("tshuffle", NULL));
  NfElement *sink = add_owned (pipeline, make ("tcollect", NULL));
  g_autoptr(NfElement) outsider = make ("tshuffle", NULL);
  g_autoptr(GError) error = NULL;

#define EXPECT_LINK_ERROR(from, to, text) G_STMT_START {                         \
    g_assert_false (nf_element_link (from, to, &error));                          \
    g_assert_error (error, NF_PIPELINE_ERROR, NF_PIPELINE_ERROR_LINK);            \
    g_assert_cmpstr (error->message, ==, text);                                   \
    g_clear_error (&error);                                                        \
  } G_STMT_END

  EXPECT_LINK_ERROR (a, a, "cannot link “tshuffle0” to “tshuffle0”: an element cannot feed itself");
  EXPECT_LINK_ERROR (sink, a, "cannot link “tcollect0” to “tshuffle0”: a sink has no output");
  EXPECT_LINK_ERROR (a, src, "cannot link “tshuffle0” to “tsource0”: a source takes no input");
  g_assert_true (nf_element_link (src, a, NULL));
  g_assert_true (nf_element_link (a, b, NULL));
  EXPECT_LINK_ERROR (b, a, "cannot link “tshuffle1” to “tshuffle0”: “tshuffle0” already takes its input from “tsource0”");
  EXPECT_LINK_ERROR (a, outsider, "cannot link “tshuffle0” to “tshuffle”: they are not in the same pipeline");
#undef EXPECT_LINK_ERROR
  g_assert_true (nf_element_get_upstream (b) == a);
}

static void
test_names (void)
{
  g_autoptr(NfPipeline) pipeline = nf_pipeline_new ("names");
  NfElement *a = add_owned (pipeline, make ("tshuffle", NULL));
  NfElement *b = add_owned (pipeline, make ("tshuffle", NULL));
  g_autoptr(NfElement) c = make ("tshuffle", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_assert_cmpstr (nf_element_get_name (a), ==, "tshuffle0");
  g_assert_cmpstr (nf_element_get_name (b), ==, "tshuffle1");
  path = nf_element_get_path (b);
  g_assert_cmpstr (path, ==, "/names/tshuffle1");
  g_assert_true (nf_pipeline_get_by_name (pipeline, "tshuffle1") == b);

  nf_element_set_name (c, "tshuffle0");
  g_assert_false (nf_pipeline_add (pipeline, c, &error));
  g_assert_error (error, NF_PIPELINE_ERROR, NF_PIPELINE_ERROR_NAME);
  g_assert_cmpstr (error->message, ==, "an element named “tshuffle0” is already in pipeline “names”");
}

static void
on_async_done (GObject *object, GAsyncResult *result, gpointer data)
{
  GMainLoop *loop = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (nf_pipeline_run_finish (NF_PIPELINE (object), result, &error));
  g_assert_no_error (error);
  g_main_loop_quit (loop);
}

static void
test_run_async (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  NfElement *sink = make ("tcollect", NULL);
  g_autoptr(NfPipeline) pipeline =
    chain (make ("tsource", "count", 500, NULL), make ("tshuffle", "max-sleep-us", 10, NULL), sink, NULL);
  g_autoptr(GError) error = NULL;
  BusLog log;

  bus_log_watch (&log, pipeline);
  nf_pipeline_run_async (pipeline, NULL, on_async_done, loop);
  g_assert_true (nf_pipeline_is_running (pipeline));
  /* A second run while one is going is refused. */
  g_assert_false (nf_pipeline_run (pipeline, NULL, &error));
  g_assert_error (error, NF_PIPELINE_ERROR, NF_PIPELINE_ERROR_BUSY);
  g_main_loop_run (loop);

  assert_ids_in_order (test_collect_get_ids (TEST_COLLECT (sink)), 500);
  g_assert_cmpuint (log.eos, ==, 1);
  g_assert_false (log.off_thread);
  bus_log_clear (&log);
}

static void
test_statistics (void)
{
  NfElement *source = make ("tsource", "count", 20, NULL);
  NfElement *filter = make ("tshuffle", "fail-every", 4, NULL);
  NfElement *sink = make ("tcollect", NULL);
  g_autoptr(NfPipeline) pipeline = chain (source, filter, sink, NULL);
  guint64 in, out, failures, time_ns;

  g_assert_true (nf_pipeline_run (pipeline, NULL, NULL));
  nf_element_get_statistics (source, &in, &out, &failures, &time_ns);
  g_assert_cmpuint (out, ==, 20);
  nf_element_get_statistics (filter, &in, &out, &failures, &time_ns);
  g_assert_cmpuint (in, ==, 20);
  g_assert_cmpuint (out, ==, 20);
  g_assert_cmpuint (failures, ==, 5);
  nf_element_get_statistics (sink, &in, &out, &failures, &time_ns);
  g_assert_cmpuint (in, ==, 20);
  g_assert_cmpuint (failures, ==, 5);
}

static void
test_run_twice (void)
{
  NfElement *sink = make ("tcollect", NULL);
  g_autoptr(NfPipeline) pipeline = chain (make ("tsource", "count", 10, NULL), sink, NULL);

  g_assert_true (nf_pipeline_run (pipeline, NULL, NULL));
  g_assert_true (nf_pipeline_run (pipeline, NULL, NULL));
  g_assert_cmpuint (test_collect_get_ids (TEST_COLLECT (sink))->len, ==, 20);
  g_assert_cmpuint (nf_pipeline_get_n_done (pipeline), ==, 10);
}

/* An element that holds documents and pushes them from its own threads,
 * out of order, still gives every document to the sink in order, runs the
 * elements after it on the pipeline's workers, and may hold as many as it
 * asked room for. */
static void
run_async_element_test (guint threads)
{
  NfElement *async = make ("tasync", "in-flight", 48, NULL);
  NfElement *probe = make ("tprobe", NULL);
  NfElement *sink = make ("tcollect", NULL);
  g_autoptr(NfPipeline) pipeline =
    chain (make ("tsource", "count", 700, NULL), async, probe, sink, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *docs;

  nf_pipeline_set_threads (pipeline, threads);
  g_assert_true (nf_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);

  assert_ids_in_order (test_collect_get_ids (TEST_COLLECT (sink)), 700);
  docs = test_collect_get_documents (TEST_COLLECT (sink));
  for (guint i = 0; i < docs->len; i++)
    g_assert_cmpint (nf_document_has_error (g_ptr_array_index (docs, i)), ==, i % 7 == 6);
  g_assert_cmpuint (nf_pipeline_get_n_failed (pipeline), ==, 100);
  g_assert_cmpuint (test_async_get_max_held (TEST_ASYNC (async)), >, 4 * threads);
  g_assert_cmpuint (test_async_get_max_held (TEST_ASYNC (async)), <=, 48);
  g_assert_cmpuint (nf_pipeline_get_peak_in_flight (pipeline), <=, 48);
  /* The element after the async one saw every document. */
  g_assert_cmpuint (test_probe_get_max_inside (TEST_PROBE (probe)), >=, 1);
}

static void
test_async_element_one_thread (void)
{
  run_async_element_test (1);
}

static void
test_async_element_four_threads (void)
{
  run_async_element_test (4);
}

static void
test_async_element_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  NfElement *sink = make ("tcollect", NULL);
  g_autoptr(NfPipeline) pipeline =
    chain (make ("tsource", "count", 0, NULL), make ("tasync", "in-flight", 32, NULL), sink, NULL);
  g_autoptr(GError) error = NULL;

  test_collect_cancel_at (TEST_COLLECT (sink), 200, cancellable);
  nf_pipeline_set_threads (pipeline, 2);
  g_assert_false (nf_pipeline_run (pipeline, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_ids_in_order (test_collect_get_ids (TEST_COLLECT (sink)),
                       test_collect_get_ids (TEST_COLLECT (sink))->len);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();
  test_elements_register ();

  g_test_add_func ("/pipeline/order/1-thread", test_order_one_thread);
  g_test_add_func ("/pipeline/order/8-threads", test_order_eight_threads);
  g_test_add_func ("/pipeline/parallel/rendezvous", test_real_parallelism);
  g_test_add_func ("/pipeline/parallel/threads-used", test_threads_are_used);
  g_test_add_func ("/pipeline/flags/serial", test_serial_flag);
  g_test_add_func ("/pipeline/flags/main-context", test_main_context_flag);
  g_test_add_func ("/pipeline/in-flight-bound", test_in_flight_bound);
  g_test_add_func ("/pipeline/cancel", test_cancel_mid_stream);
  g_test_add_func ("/pipeline/document-failures", test_document_failures);
  g_test_add_func ("/pipeline/drop-and-duplicate", test_drop_and_duplicate);
  g_test_add_func ("/pipeline/fan-out", test_fan_out);
  g_test_add_func ("/pipeline/errors/sink", test_sink_error_stops);
  g_test_add_func ("/pipeline/errors/source", test_source_error);
  g_test_add_func ("/pipeline/errors/start", test_start_failure);
  g_test_add_func ("/pipeline/errors/validation", test_validation);
  g_test_add_func ("/pipeline/errors/links", test_link_errors);
  g_test_add_func ("/pipeline/names", test_names);
  g_test_add_func ("/pipeline/async", test_run_async);
  g_test_add_func ("/pipeline/statistics", test_statistics);
  g_test_add_func ("/pipeline/run-twice", test_run_twice);
  g_test_add_func ("/pipeline/held/1-thread", test_async_element_one_thread);
  g_test_add_func ("/pipeline/held/4-threads", test_async_element_four_threads);
  g_test_add_func ("/pipeline/held/cancel", test_async_element_cancel);

  return g_test_run ();
}
