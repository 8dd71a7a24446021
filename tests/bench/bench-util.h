/* bench-util.h: what the benchmark programs share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Timing of rounds, peak memory and reading JSON Lines texts.  Only GLib
 * and json-glib: ots-driver uses it too, and it is never linked with
 * libnewsfilter.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * BenchText:
 * @id: a record's id, a page's file name
 * @title: (nullable): the title
 * @language: (nullable): an ISO 639-1 code
 * @text: the text, UTF-8
 * @size: bytes of @text
 *
 * One text of a benchmark, read into memory before timing.
 */
typedef struct
{
  char  *id;
  char  *title;
  char  *language;
  char  *text;
  gsize  size;
} BenchText;

/**
 * bench_text_new:
 * @id: (transfer full): the id
 * @text: (transfer full): the text, UTF-8
 *
 * Returns: (transfer full): a text of @id, without title or language
 */
BenchText   *bench_text_new           (char        *id,
                                       char        *text);

/**
 * bench_text_free:
 * @data: a #BenchText
 *
 * Frees a text; a #GDestroyNotify, for arrays of texts.
 */
void         bench_text_free          (gpointer     data);

/**
 * bench_total_size:
 * @texts: (element-type BenchText): texts
 *
 * Returns: the bytes of all @texts
 */
gsize        bench_total_size         (GPtrArray   *texts);

/**
 * bench_peak_rss_kib:
 *
 * The process's peak resident set size, "VmHWM" in /proc/self/status.
 *
 * Returns: the peak in KiB, or 0 when it cannot be read
 */
guint64      bench_peak_rss_kib       (void);

/**
 * bench_seconds_since:
 * @start: a time of g_get_monotonic_time()
 *
 * Returns: the seconds from @start to now
 */
double       bench_seconds_since      (gint64       start);

/**
 * bench_best_and_median:
 * @seconds: (array length=n): the times of @n rounds; sorted on return
 * @n: how many, at least 1
 * @best: (out): the shortest time
 * @median: (out): the median time (of the two middle ones for an even @n)
 *
 * The best and the median of @n round times.
 */
void         bench_best_and_median    (double      *seconds,
                                       guint        n,
                                       double      *best,
                                       double      *median);

/**
 * bench_json_get_string:
 * @record: a JSON object
 * @name: a member name
 *
 * Returns: (nullable): the string member @name of @record, or %NULL when
 *   it is absent or not a string
 */
const char  *bench_json_get_string    (JsonObject  *record,
                                       const char  *name);

/**
 * BenchRecordFunc:
 * @record: one record of the file
 * @line_number: its line, from 1
 *
 * Makes the item of one record of a JSON Lines file.
 *
 * Returns: (transfer full) (nullable): the item, or %NULL to pass the
 *   record over
 */
typedef gpointer (*BenchRecordFunc) (JsonObject *record,
                                     guint       line_number);

/**
 * bench_read_jsonl:
 * @path: a JSON Lines file
 * @item_from_record: makes the item of each record that is a JSON object
 * @item_free: frees an item
 * @error: the error when the file cannot be read or a line is not JSON
 *
 * Reads a JSON Lines file into items, in file order.  Empty lines, records
 * that are not objects and records @item_from_record passes over are left
 * out.
 *
 * Returns: (transfer full) (element-type gpointer) (nullable): the items,
 *   or %NULL with @error set
 */
GPtrArray   *bench_read_jsonl         (const char       *path,
                                       BenchRecordFunc   item_from_record,
                                       GDestroyNotify    item_free,
                                       GError          **error);

G_END_DECLS
