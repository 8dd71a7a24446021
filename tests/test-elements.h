/* test-elements.h: small elements the framework tests drive pipelines with
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <newsfilter.h>

G_BEGIN_DECLS

/* tsource: pushes `count` documents "doc00000"… (0 = until cancelled) with
 * the number as text, or `fail-at` gives up with an error after that many. */
#define TEST_TYPE_SOURCE (test_source_get_type ())
G_DECLARE_FINAL_TYPE (TestSource, test_source, TEST, SOURCE, NfSource)

guint     test_source_get_pushed      (TestSource *self);
guint     test_source_get_max_ahead   (TestSource *self);
void      test_source_watch_sink      (TestSource *self, gpointer sink);

/* tshuffle: delays documents by a pseudo-random few microseconds, so jobs
 * finish out of order; `fail-every` fails every Nth; `copies` pushes N. */
#define TEST_TYPE_SHUFFLE (test_shuffle_get_type ())
G_DECLARE_FINAL_TYPE (TestShuffle, test_shuffle, TEST, SHUFFLE, NfFilter)

/* trendezvous: lets a document through only once `parties` documents are
 * inside it at the same time (fails it after `timeout-ms`). */
#define TEST_TYPE_RENDEZVOUS (test_rendezvous_get_type ())
G_DECLARE_FINAL_TYPE (TestRendezvous, test_rendezvous, TEST, RENDEZVOUS, NfFilter)

/* tprobe: records the largest number of documents inside it at once and the
 * threads it ran on. */
#define TEST_TYPE_PROBE (test_probe_get_type ())
G_DECLARE_FINAL_TYPE (TestProbe, test_probe, TEST, PROBE, NfFilter)

guint     test_probe_get_max_inside   (TestProbe *self);
gboolean  test_probe_ran_off_thread   (TestProbe *self, GThread *thread);

/* tcollect: keeps the ids it renders, in order; `fail-at` fails rendering
 * the Nth; `sleep-us` slows it; `cancel-at` cancels a GCancellable. */
#define TEST_TYPE_COLLECT (test_collect_get_type ())
G_DECLARE_FINAL_TYPE (TestCollect, test_collect, TEST, COLLECT, NfSink)

GPtrArray *test_collect_get_ids       (TestCollect *self);
GPtrArray *test_collect_get_documents (TestCollect *self);
guint      test_collect_get_rendered  (TestCollect *self);
void       test_collect_cancel_at     (TestCollect *self, guint n, GCancellable *cancellable);

/* tasync: holds every document and pushes it later from a thread of its
 * own, in a shuffled order, as a network element would. */
#define TEST_TYPE_ASYNC (test_async_get_type ())
G_DECLARE_FINAL_TYPE (TestAsync, test_async, TEST, ASYNC, NfFilter)

guint     test_async_get_max_held     (TestAsync *self);

/* tfailstart: a filter whose start() fails. */
#define TEST_TYPE_FAIL_START (test_fail_start_get_type ())
G_DECLARE_FINAL_TYPE (TestFailStart, test_fail_start, TEST, FAIL_START, NfFilter)

void      test_elements_register      (void);

G_END_DECLS
