/* bench-util.c: what the benchmark programs share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "bench-util.h"

#include <stdlib.h>
#include <string.h>

/* The size is counted once here, not in every timed round. */
BenchText *
bench_text_new (char *id,
                char *text)
{
  BenchText *bench_text = g_new0 (BenchText, 1);

  bench_text->id = id;
  bench_text->text = text;
  bench_text->size = strlen (text);
  return bench_text;
}

/* Frees the strings it owns, then the text. */
void
bench_text_free (gpointer data)
{
  BenchText *text = data;

  g_free (text->id);
  g_free (text->title);
  g_free (text->language);
  g_free (text->text);
  g_free (text);
}

/* What the MB/s figures divide by. */
gsize
bench_total_size (GPtrArray *texts)
{
  gsize total = 0;

  for (guint i = 0; i < texts->len; i++)
    total += ((BenchText *) g_ptr_array_index (texts, i))->size;
  return total;
}

/* VmHWM is a property of the whole process: the callers say what ran in
 * it before they ask. */
guint64
bench_peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10);
}

/* Monotonic, so that a change of the wall clock does not skew a round. */
double
bench_seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* qsort() comparison of two doubles, without the overflow of a subtraction. */
static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median rather than the mean: one round slowed by another process
 * on the machine does not move it. */
void
bench_best_and_median (double *seconds,
                       guint   n,
                       double *best,
                       double *median)
{
  qsort (seconds, n, sizeof seconds[0], compare_doubles);
  *best = seconds[0];
  *median = n % 2 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
}

/* json_object_get_string_member() would warn on a member that is not a
 * string; the texts come from outside, so this one just says NULL. */
const char *
bench_json_get_string (JsonObject *record,
                       const char *name)
{
  JsonNode *node = json_object_get_member (record, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The file is read whole and cut in place, line by line: the texts are
 * read before any timing, so only simplicity matters here. */
GPtrArray *
bench_read_jsonl (const char       *path,
                  BenchRecordFunc   item_from_record,
                  GDestroyNotify    item_free,
                  GError          **error)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (item_free);
  char *line, *next;
  guint line_number = 0;

  if (!g_file_get_contents (path, &data, NULL, error))
    return NULL;
  for (line = data; line != NULL && *line != '\0'; line = next)
    {
      JsonNode *root;

      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      line_number++;
      if (*line == '\0')
        continue;
      if (!json_parser_load_from_data (parser, line, -1, error))
        {
          g_prefix_error (error, "%s:%u: ", path, line_number);
          return NULL;
        }
      root = json_parser_get_root (parser);
      if (JSON_NODE_HOLDS_OBJECT (root))
        {
          gpointer item = item_from_record (json_node_get_object (root), line_number);

          if (item != NULL)
            g_ptr_array_add (items, item);
        }
    }
  return g_steal_pointer (&items);
}
