/* test-commit.c: sinks that batch, sources that acknowledge, sinks that
 * already hold a document
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The framework promises a source that acknowledges its input (a Redis
 * stream) that document_done comes only after every sink committed the
 * document, in input order, and never for what a failed commit left
 * uncommitted; and that a document every sink already holds skips the
 * filters.  Two small elements of this file check it: `TestAckSource` pushes
 * numbered documents and records what it is told is done, `TestBatchSink`
 * keeps what it renders pending until commit.
 */
#include "test-elements.h"

#include <string.h>

/* ---- tacksrc: a source that records acknowledgements ---------------------- */

#define TEST_TYPE_ACK_SOURCE (test_ack_source_get_type ())
G_DECLARE_FINAL_TYPE (TestAckSource, test_ack_source, TEST, ACK_SOURCE, NfSource)

struct _TestAckSource
{
  NfSource   parent_instance;
  guint      count;
  GPtrArray *done;          /* ids, in the order document_done came */
  GArray    *failed;        /* gboolean for each */
  GArray    *committed_at;  /* the sink's committed count at each call */
  gpointer   sink;          /* TestBatchSink, to look at during document_done */
};

G_DEFINE_FINAL_TYPE (TestAckSource, test_ack_source, NF_TYPE_SOURCE)

/* Pushes count documents "ack0000"… whose text is their number. */
static gboolean
test_ack_source_generate (NfSource      *source,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TestAckSource *self = TEST_ACK_SOURCE (source);

  for (guint i = 0; i < self->count; i++)
    {
      g_autofree char *id = g_strdup_printf ("ack%04u", i);
      g_autofree char *text = g_strdup_printf ("%u", i);
      g_autoptr(NfDocument) document = nf_document_new (id);

      nf_document_set_text (document, text);
      if (!nf_element_push (NF_ELEMENT (self), document))
        break;
    }
  return TRUE;
}

static guint test_batch_sink_get_committed (gpointer sink);

/* Records what the pipeline says is done, and how much the sink had
 * committed by then. */
static void
test_ack_source_document_done (NfSource   *source,
                               NfDocument *document,
                               gboolean    failed)
{
  TestAckSource *self = TEST_ACK_SOURCE (source);
  guint committed = self->sink ? test_batch_sink_get_committed (self->sink) : 0;

  g_ptr_array_add (self->done, g_strdup (nf_document_get_id (document)));
  g_array_append_val (self->failed, failed);
  g_array_append_val (self->committed_at, committed);
}

static void
test_ack_source_finalize (GObject *object)
{
  TestAckSource *self = TEST_ACK_SOURCE (object);

  g_ptr_array_unref (self->done);
  g_array_unref (self->failed);
  g_array_unref (self->committed_at);
  G_OBJECT_CLASS (test_ack_source_parent_class)->finalize (object);
}

static void
test_ack_source_class_init (TestAckSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_ack_source_finalize;
  NF_SOURCE_CLASS (klass)->generate = test_ack_source_generate;
  NF_SOURCE_CLASS (klass)->document_done = test_ack_source_document_done;
}

static void
test_ack_source_init (TestAckSource *self)
{
  self->done = g_ptr_array_new_with_free_func (g_free);
  self->failed = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->committed_at = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* ---- tbatchsink: a sink that commits in batches --------------------------- */

#define TEST_TYPE_BATCH_SINK (test_batch_sink_get_type ())
G_DECLARE_FINAL_TYPE (TestBatchSink, test_batch_sink, TEST, BATCH_SINK, NfSink)

struct _TestBatchSink
{
  NfSink      parent_instance;
  GPtrArray  *pending;       /* ids rendered since the last commit */
  GPtrArray  *committed;     /* ids committed, in order */
  guint       commits;
  guint       fail_commit;   /* the commit that fails (1 = the first), 0 none */
  GHashTable *have;          /* ids has_document() claims */
  gint        asked;         /* has_document() calls */
};

G_DEFINE_FINAL_TYPE (TestBatchSink, test_batch_sink, NF_TYPE_SINK)

static guint
test_batch_sink_get_committed (gpointer sink)
{
  return TEST_BATCH_SINK (sink)->committed->len;
}

static gboolean
test_batch_sink_render (NfSink      *sink,
                        NfDocument  *document,
                        GError     **error)
{
  TestBatchSink *self = TEST_BATCH_SINK (sink);

  g_ptr_array_add (self->pending, g_strdup (nf_document_get_id (document)));
  return TRUE;
}

static gboolean
test_batch_sink_commit (NfSink  *sink,
                        GError **error)
{
  TestBatchSink *self = TEST_BATCH_SINK (sink);

  self->commits++;
  if (self->commits == self->fail_commit)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_WRITE,
                   "tbatchsink cannot commit %u documents", self->pending->len);
      return FALSE;
    }
  for (guint i = 0; i < self->pending->len; i++)
    g_ptr_array_add (self->committed, g_strdup (g_ptr_array_index (self->pending, i)));
  g_ptr_array_set_size (self->pending, 0);
  return TRUE;
}

static gboolean
test_batch_sink_has_document (NfSink     *sink,
                              const char *id)
{
  TestBatchSink *self = TEST_BATCH_SINK (sink);

  g_atomic_int_inc (&self->asked);
  return g_hash_table_contains (self->have, id);
}

static void
test_batch_sink_finalize (GObject *object)
{
  TestBatchSink *self = TEST_BATCH_SINK (object);

  g_ptr_array_unref (self->pending);
  g_ptr_array_unref (self->committed);
  g_hash_table_unref (self->have);
  G_OBJECT_CLASS (test_batch_sink_parent_class)->finalize (object);
}

static void
test_batch_sink_class_init (TestBatchSinkClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_batch_sink_finalize;
  NF_SINK_CLASS (klass)->render = test_batch_sink_render;
  NF_SINK_CLASS (klass)->commit = test_batch_sink_commit;
  NF_SINK_CLASS (klass)->has_document = test_batch_sink_has_document;
}

static void
test_batch_sink_init (TestBatchSink *self)
{
  self->pending = g_ptr_array_new_with_free_func (g_free);
  self->committed = g_ptr_array_new_with_free_func (g_free);
  self->have = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* ---- the tests --------------------------------------------------------- */

typedef struct
{
  NfPipeline    *pipeline;
  TestAckSource *source;
  TestBatchSink *sink;
  NfElement     *middle;   /* nullable */
} Fixture;

/* source ! [shuffle !] sink, @count documents, @threads threads. */
static void
fixture_set_up (Fixture  *fixture,
                guint     count,
                guint     threads,
                gboolean  shuffle)
{
  g_autoptr(GError) error = NULL;
  NfElement *previous;

  fixture->pipeline = nf_pipeline_new (NULL);
  fixture->source = g_object_new (TEST_TYPE_ACK_SOURCE, "name", "acks", NULL);
  fixture->sink = g_object_new (TEST_TYPE_BATCH_SINK, "name", "batch", NULL);
  fixture->source->count = count;
  fixture->source->sink = fixture->sink;
  g_assert_true (nf_pipeline_add (fixture->pipeline, NF_ELEMENT (fixture->source), &error));
  previous = NF_ELEMENT (fixture->source);
  if (shuffle)
    {
      fixture->middle = nf_element_factory_make ("tshuffle", NULL, &error);
      g_assert_no_error (error);
      g_object_set (fixture->middle, "fail-every", 7, NULL);
      g_assert_true (nf_pipeline_add (fixture->pipeline, fixture->middle, &error));
      g_assert_true (nf_element_link (previous, fixture->middle, &error));
      previous = fixture->middle;
    }
  g_assert_true (nf_pipeline_add (fixture->pipeline, NF_ELEMENT (fixture->sink), &error));
  g_assert_true (nf_element_link (previous, NF_ELEMENT (fixture->sink), &error));
  g_assert_no_error (error);
  nf_pipeline_set_threads (fixture->pipeline, threads);
}

static void
fixture_tear_down (Fixture *fixture)
{
  g_clear_object (&fixture->pipeline);
  g_clear_object (&fixture->source);
  g_clear_object (&fixture->sink);
  g_clear_object (&fixture->middle);
}

/* Every document is reported done once, in input order, only once the sink
 * committed it; failed ones say so. */
static void
check_done_after_commit (guint threads)
{
  Fixture fixture = { 0, };
  g_autoptr(GError) error = NULL;
  const guint count = 1000;

  fixture_set_up (&fixture, count, threads, TRUE);
  g_assert_true (nf_pipeline_run (fixture.pipeline, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (fixture.sink->committed->len, ==, count);
  g_assert_cmpuint (fixture.sink->pending->len, ==, 0);
  /* batched: far fewer commits than documents */
  g_assert_cmpuint (fixture.sink->commits, >=, 1);
  g_assert_cmpuint (fixture.source->done->len, ==, count);
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *id = g_strdup_printf ("ack%04u", i);
      gboolean failed = g_array_index (fixture.source->failed, gboolean, i);

      g_assert_cmpstr (g_ptr_array_index (fixture.source->done, i), ==, id);
      /* by the time it was done, the sink had committed it (and all before) */
      g_assert_cmpuint (g_array_index (fixture.source->committed_at, guint, i), >=, i + 1);
      g_assert_cmpstr (g_ptr_array_index (fixture.sink->committed, i), ==, id);
      /* tshuffle fail-every=7 fails every seventh document it sees */
      g_assert_cmpint (failed, ==, (i + 1) % 7 == 0);
    }
  fixture_tear_down (&fixture);
}

static void
test_done_after_commit_one_thread (void)
{
  check_done_after_commit (1);
}

static void
test_done_after_commit_four_threads (void)
{
  check_done_after_commit (4);
}

/* A few documents and a quiet end: nothing waits for a batch to fill. */
static void
test_small_run_commits (void)
{
  Fixture fixture = { 0, };
  g_autoptr(GError) error = NULL;

  fixture_set_up (&fixture, 3, 2, FALSE);
  g_assert_true (nf_pipeline_run (fixture.pipeline, NULL, &error));
  g_assert_cmpuint (fixture.sink->committed->len, ==, 3);
  g_assert_cmpuint (fixture.source->done->len, ==, 3);
  fixture_tear_down (&fixture);
}

/* A failing commit stops the run with the sink's error, and what it left
 * uncommitted is never reported done. */
static void
test_failed_commit_acknowledges_nothing_more (void)
{
  Fixture fixture = { 0, };
  g_autoptr(GError) error = NULL;

  fixture_set_up (&fixture, 2000, 2, FALSE);
  fixture.sink->fail_commit = 2;
  g_assert_false (nf_pipeline_run (fixture.pipeline, NULL, &error));
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "tbatchsink cannot commit"));

  /* the first commit went through: exactly those are done */
  g_assert_cmpuint (fixture.sink->committed->len, >, 0);
  g_assert_cmpuint (fixture.sink->committed->len, <, 2000);
  g_assert_cmpuint (fixture.source->done->len, ==, fixture.sink->committed->len);
  for (guint i = 0; i < fixture.source->done->len; i++)
    g_assert_cmpstr (g_ptr_array_index (fixture.source->done, i), ==,
                     g_ptr_array_index (fixture.sink->committed, i));
  fixture_tear_down (&fixture);
}

/* Documents every sink already holds skip the filters and count as done;
 * the others run as usual. */
static void
test_sink_has_document_skips (void)
{
  Fixture fixture = { 0, };
  g_autoptr(GError) error = NULL;

  fixture_set_up (&fixture, 10, 2, FALSE);
  for (guint i = 0; i < 10; i += 2)
    g_hash_table_add (fixture.sink->have, g_strdup_printf ("ack%04u", i));
  g_assert_true (nf_pipeline_run (fixture.pipeline, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (fixture.sink->asked, ==, 10);
  g_assert_cmpuint (fixture.sink->committed->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("ack%04u", 2 * i + 1);
      g_assert_cmpstr (g_ptr_array_index (fixture.sink->committed, i), ==, id);
    }
  /* all ten are done, the skipped ones too, in order */
  g_assert_cmpuint (fixture.source->done->len, ==, 10);
  g_assert_cmpuint (nf_pipeline_get_n_done (fixture.pipeline), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("ack%04u", i);
      g_assert_cmpstr (g_ptr_array_index (fixture.source->done, i), ==, id);
    }
  fixture_tear_down (&fixture);
}

/* With a second sink that does not hold the document, it runs. */
static void
test_skip_needs_every_sink (void)
{
  g_autoptr(NfPipeline) pipeline = nf_pipeline_new (NULL);
  g_autoptr(GError) error = NULL;
  TestAckSource *source = g_object_new (TEST_TYPE_ACK_SOURCE, "name", "acks", NULL);
  TestBatchSink *holder = g_object_new (TEST_TYPE_BATCH_SINK, "name", "holder", NULL);
  NfElement *tee = nf_element_factory_make ("tee", NULL, &error);
  NfElement *other = nf_element_factory_make ("tcollect", "other", &error);

  g_assert_no_error (error);
  source->count = 4;
  for (guint i = 0; i < 4; i++)
    g_hash_table_add (holder->have, g_strdup_printf ("ack%04u", i));
  nf_pipeline_add (pipeline, NF_ELEMENT (source), &error);
  nf_pipeline_add (pipeline, tee, &error);
  nf_pipeline_add (pipeline, NF_ELEMENT (holder), &error);
  nf_pipeline_add (pipeline, other, &error);
  g_assert_no_error (error);
  g_assert_true (nf_element_link (NF_ELEMENT (source), tee, &error));
  g_assert_true (nf_element_link (tee, NF_ELEMENT (holder), &error));
  g_assert_true (nf_element_link (tee, other, &error));
  g_assert_true (nf_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (holder->committed->len, ==, 4);
  g_assert_cmpuint (test_collect_get_rendered (TEST_COLLECT (other)), ==, 4);
  g_assert_cmpuint (source->done->len, ==, 4);
  g_object_unref (source);
  g_object_unref (holder);
  g_object_unref (tee);
  g_object_unref (other);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();
  test_elements_register ();

  g_test_add_func ("/commit/done-after-commit/1-thread", test_done_after_commit_one_thread);
  g_test_add_func ("/commit/done-after-commit/4-threads", test_done_after_commit_four_threads);
  g_test_add_func ("/commit/small-run", test_small_run_commits);
  g_test_add_func ("/commit/failed-commit", test_failed_commit_acknowledges_nothing_more);
  g_test_add_func ("/commit/skip/has-document", test_sink_has_document_skips);
  g_test_add_func ("/commit/skip/needs-every-sink", test_skip_needs_every_sink);
  return g_test_run ();
}
