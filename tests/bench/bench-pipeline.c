/* bench-pipeline.c: throughput, per-element cost, peak memory and tool start-up
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Run with `meson test -C _build --benchmark --verbose`.  Prints figures and
 * never fails on speed: it fails only when a pipeline does not run at all.
 *
 * Peak memory (VmHWM) is a property of a whole process, so every measured
 * run happens in a fresh child process: the parent re-executes itself with
 * `--child N THREADS` and reads one line of figures back.
 */

#include <newsfilter.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"

/* fakesrc, five identity filters and fakesink */
#define N_ELEMENTS   7
#define LAUNCH_RUNS 30

static const char pipeline_template[] =
  "fakesrc num-documents=%" G_GUINT64_FORMAT " text-size=64 ! identity ! identity ! "
  "identity ! identity ! identity ! fakesink";

typedef struct
{
  guint64 n_documents;
  guint   threads;
  double  seconds;
  guint64 peak_rss_kib;
  gboolean ok;
} RunFigures;

/* Child mode: runs one pipeline and prints `seconds peak_rss_kib done`. */
static int
run_child (guint64 n_documents,
           guint   threads)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPipeline) pipeline = NULL;
  g_autofree char *description = NULL;
  gint64 start;
  double seconds;

  nf_init ();
  description = g_strdup_printf (pipeline_template, n_documents);
  pipeline = nf_parse_launch (description, &error);
  if (pipeline == NULL)
    {
      g_printerr ("bench: cannot build \"%s\": %s\n", description, error->message);
      return 1;
    }
  nf_pipeline_set_threads (pipeline, threads);

  start = g_get_monotonic_time ();
  if (!nf_pipeline_run (pipeline, NULL, &error))
    {
      g_printerr ("bench: the pipeline failed: %s\n", error->message);
      return 1;
    }
  seconds = bench_seconds_since (start);

  g_print ("%.6f %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT "\n",
           seconds,
           bench_peak_rss_kib (),
           nf_pipeline_get_n_done (pipeline));
  return 0;
}

/* Parent mode: runs one measurement in a fresh copy of this program. */
static RunFigures
measure_in_child (const char *self_path,
                  guint64     n_documents,
                  guint       threads)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *n_arg = g_strdup_printf ("%" G_GUINT64_FORMAT, n_documents);
  g_autofree char *threads_arg = g_strdup_printf ("%u", threads);
  g_autofree char *out = NULL;
  const char *argv[] = { self_path, "--child", n_arg, threads_arg, NULL };
  RunFigures figures = { n_documents, threads, 0, 0, FALSE };
  guint64 done = 0;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN,
                     NULL, NULL, &out, NULL, &status, &error))
    {
      g_printerr ("bench: cannot start %s: %s\n", self_path, error->message);
      return figures;
    }
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench: the run of %s documents with %u thread(s) failed: %s\n",
                  n_arg, threads, error->message);
      return figures;
    }
  if (sscanf (out, "%lf %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
              &figures.seconds, &figures.peak_rss_kib, &done) != 3)
    {
      g_printerr ("bench: cannot read the child's figures: \"%s\"\n", out);
      return figures;
    }
  if (done != n_documents)
    g_printerr ("bench: %" G_GUINT64_FORMAT " documents done of %" G_GUINT64_FORMAT "\n",
                done, n_documents);
  figures.ok = done == n_documents;
  return figures;
}

static void
print_run_row (const RunFigures *figures)
{
  double docs_per_second = figures->n_documents / figures->seconds;
  double us_per_doc_element = figures->seconds * G_USEC_PER_SEC
                              / figures->n_documents / N_ELEMENTS;

  g_print ("%10" G_GUINT64_FORMAT "  %7u  %9.2f  %12.0f  %16.3f  %14.1f\n",
           figures->n_documents, figures->threads, figures->seconds,
           docs_per_second, us_per_doc_element,
           figures->peak_rss_kib / 1024.0);
}

/* Times `nf-launch --version` LAUNCH_RUNS times: the cost of starting the
 * tool, loading the library and reading the plugin descriptions. */
static gboolean
measure_launch_startup (const char *nf_launch)
{
  const char *argv[] = { nf_launch, "--version", NULL };
  double ms[LAUNCH_RUNS], best, median;

  if (!g_file_test (nf_launch, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_print ("\nnf-launch start-up: %s is not built, skipped\n", nf_launch);
      return TRUE;
    }

  for (guint i = 0; i < LAUNCH_RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      int status = 0;

      if (!g_spawn_sync (NULL, (char **) argv, NULL,
                         G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                         NULL, NULL, NULL, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("bench: %s --version failed: %s\n", nf_launch, error->message);
          return FALSE;
        }
      ms[i] = bench_seconds_since (start) * 1000.0;
    }

  bench_best_and_median (ms, LAUNCH_RUNS, &best, &median);
  g_print ("\nnf-launch --version start-up over %d runs: median %.2f ms, min %.2f ms\n",
           LAUNCH_RUNS, median, best);
  return TRUE;
}

static int
run_parent (const char *self_path,
            const char *nf_launch)
{
  static const guint64 sizes[] = { 100000, 1000000 };
  guint cores = g_get_num_processors ();
  guint64 peak_smallest = 0, peak_largest = 0;
  gboolean ok = TRUE;

  /* ASCII only: meson runs benchmarks in whatever locale it has, and
   * g_print() turns what the locale cannot show into '?'. */
  g_print ("Pipeline: fakesrc num-documents=N text-size=64 ! identity ! identity ! "
           "identity ! identity ! identity ! fakesink\n");
  g_print ("us/doc/element = wall time / N / %d elements; peak RSS = VmHWM; "
           "each row is a fresh process; %u cores\n\n", N_ELEMENTS, cores);
  g_print ("%10s  %7s  %9s  %12s  %16s  %14s\n",
           "documents", "threads", "seconds", "docs/second", "us/doc/element", "peak RSS (MiB)");

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      guint thread_counts[] = { 1, cores };

      for (guint j = 0; j < G_N_ELEMENTS (thread_counts); j++)
        {
          RunFigures figures;

          if (j == 1 && cores == 1)
            break;
          figures = measure_in_child (self_path, sizes[i], thread_counts[j]);
          if (!figures.ok)
            {
              ok = FALSE;
              continue;
            }
          print_run_row (&figures);
          if (j == 0 && i == 0)
            peak_smallest = figures.peak_rss_kib;
          if (j == 0 && i == G_N_ELEMENTS (sizes) - 1)
            peak_largest = figures.peak_rss_kib;
        }
    }

  if (peak_smallest > 0 && peak_largest > 0)
    g_print ("\nPeak memory, %" G_GUINT64_FORMAT " vs %" G_GUINT64_FORMAT
             " documents on one thread: %.1f MiB vs %.1f MiB (x%.2f; bounded memory keeps this near 1)\n",
             sizes[0], sizes[G_N_ELEMENTS (sizes) - 1],
             peak_smallest / 1024.0, peak_largest / 1024.0,
             (double) peak_largest / peak_smallest);

  if (!measure_launch_startup (nf_launch))
    ok = FALSE;

  return ok ? 0 : 1;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return run_child (g_ascii_strtoull (argv[2], NULL, 10),
                      (guint) g_ascii_strtoull (argv[3], NULL, 10));

  if (argc == 3 && g_str_equal (argv[1], "--nf-launch"))
    {
      g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);

      return run_parent (self_path != NULL ? self_path : argv[0], argv[2]);
    }

  g_printerr ("Usage: %s --nf-launch PATH-TO-NF-LAUNCH\n"
              "       %s --child N-DOCUMENTS THREADS\n", argv[0], argv[0]);
  return 2;
}
