/* nf-debug.c: logging by category and level, GStreamer style
 *
 * `NF_DEBUG=clean:5,*:2` enables category "clean" up to DEBUG and every other
 * category up to WARNING. Patterns are globs; later entries win.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-private.h"

#include <stdio.h>

typedef struct {
  GPatternSpec *pattern;
  int           level;
} ThresholdRule;

static GMutex debug_lock;
static GHashTable *categories;     /* name → NfDebugCategory* */
static GArray *rules;              /* ThresholdRule, in NF_DEBUG order */
static gint64 start_time;

static const char *level_names[] = {
  "NONE", "ERROR", "WARN", "FIXME", "INFO", "DEBUG", "LOG", "TRACE",
};

static void
threshold_rule_clear (gpointer data)
{
  ThresholdRule *rule = data;
  g_pattern_spec_free (rule->pattern);
}

static int
threshold_for_name (const char *name)
{
  int level = NF_LEVEL_NONE;

  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      ThresholdRule *rule = &g_array_index (rules, ThresholdRule, i);
      if (g_pattern_spec_match_string (rule->pattern, name))
        level = rule->level;
    }
  return level;
}

static int
parse_level (const char *text)
{
  static const char *names[] = { "none", "error", "warning", "fixme", "info", "debug", "log", "trace" };
  guint64 number;

  if (g_ascii_string_to_unsigned (text, 10, 0, NF_LEVEL_TRACE, &number, NULL))
    return (int) number;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      return (int) i;
  return -1;
}

static void
reapply_thresholds_locked (void)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, categories);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      NfDebugCategory *category = value;
      g_atomic_int_set (&category->threshold, threshold_for_name (category->name));
    }
}

/**
 * nf_debug_set_threshold_from_string:
 * @spec: a list like `clean:5,fetch*:debug,*:2`
 * @reset: whether to forget the rules set before
 *
 * Sets logging thresholds as `NF_DEBUG` does: comma-separated
 * `PATTERN:LEVEL` pairs, where a level is a number from 0 to 7 or a name
 * (error, warning, fixme, info, debug, log, trace). A lone level applies to
 * every category. Malformed entries are reported on stderr and skipped.
 */
void
nf_debug_set_threshold_from_string (const char *spec,
                                    gboolean    reset)
{
  g_auto(GStrv) entries = NULL;

  g_return_if_fail (spec != NULL);

  g_mutex_lock (&debug_lock);
  if (rules == NULL || reset)
    {
      g_clear_pointer (&rules, g_array_unref);
      rules = g_array_new (FALSE, FALSE, sizeof (ThresholdRule));
      g_array_set_clear_func (rules, threshold_rule_clear);
    }

  entries = g_strsplit (spec, ",", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_autofree char *entry = g_strstrip (g_strdup (entries[i]));
      const char *colon = strrchr (entry, ':');
      const char *pattern = "*";
      const char *level_text = entry;
      ThresholdRule rule;
      int level;

      if (*entry == '\0')
        continue;
      if (colon != NULL)
        {
          entry[colon - entry] = '\0';
          pattern = entry;
          level_text = colon + 1;
        }
      level = parse_level (level_text);
      if (level < 0)
        {
          fprintf (stderr, "NF_DEBUG: ignoring “%s”: “%s” is not a level (0-7 or a name)\n",
                   entries[i], level_text);
          continue;
        }
      rule.pattern = g_pattern_spec_new (pattern);
      rule.level = level;
      g_array_append_val (rules, rule);
    }

  if (categories != NULL)
    reapply_thresholds_locked ();
  g_mutex_unlock (&debug_lock);
}

/**
 * nf_debug_category_get: (skip)
 * @name: the category's name, as used in `NF_DEBUG`
 * @description: what the category covers
 *
 * Finds or creates a logging category. Categories live as long as the
 * process; their threshold follows `NF_DEBUG` and
 * nf_debug_set_threshold_from_string().
 *
 * Returns: (transfer none): the category
 */
NfDebugCategory *
nf_debug_category_get (const char *name,
                       const char *description)
{
  NfDebugCategory *category;

  g_return_val_if_fail (name != NULL, NULL);

  g_mutex_lock (&debug_lock);
  if (categories == NULL)
    categories = g_hash_table_new (g_str_hash, g_str_equal);
  category = g_hash_table_lookup (categories, name);
  if (category == NULL)
    {
      category = g_new0 (NfDebugCategory, 1);
      category->name = g_intern_string (name);
      category->description = g_intern_string (description ? description : "");
      category->threshold = threshold_for_name (name);
      g_hash_table_insert (categories, (gpointer) category->name, category);
    }
  g_mutex_unlock (&debug_lock);

  return category;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/**
 * nf_debug_get_category_names:
 *
 * Lists the logging categories created so far.
 *
 * Returns: (transfer container) (element-type utf8): the names, sorted
 */
GPtrArray *
nf_debug_get_category_names (void)
{
  GPtrArray *names = g_ptr_array_new ();

  g_mutex_lock (&debug_lock);
  if (categories != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, categories);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (names, key);
    }
  g_mutex_unlock (&debug_lock);
  g_ptr_array_sort (names, compare_strings);
  return names;
}

static const char *
object_label (gpointer object, char *buffer, gsize size)
{
  if (object == NULL)
    return "";
  if (NF_IS_ELEMENT (object))
    {
      g_autofree char *path = nf_element_get_path (object);
      g_snprintf (buffer, size, "<%s> ", path);
    }
  else if (G_IS_OBJECT (object))
    g_snprintf (buffer, size, "<%s@%p> ", G_OBJECT_TYPE_NAME (object), object);
  else
    return "";
  return buffer;
}

/**
 * nf_debug_log: (skip)
 * @category: the category
 * @level: the level of the line
 * @file: the source file
 * @function: the function
 * @line: the line number
 * @object: (nullable): the object the line is about
 * @format: printf() format
 * @...: arguments
 *
 * Writes one log line to stderr: time since start, thread, level,
 * category, place and message. Use the `NF_CAT_*` macros, which check the
 * threshold first.
 */
void
nf_debug_log (NfDebugCategory *category,
              NfDebugLevel     level,
              const char      *file,
              const char      *function,
              int              line,
              gpointer         object,
              const char      *format,
              ...)
{
  g_autofree char *message = NULL;
  char label[256];
  gint64 elapsed;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  elapsed = g_get_monotonic_time () - start_time;
  fprintf (stderr, "%" G_GINT64_FORMAT ".%06" G_GINT64_FORMAT " %p %-5s %12s %s:%d:%s: %s%s\n",
           elapsed / G_USEC_PER_SEC, elapsed % G_USEC_PER_SEC,
           (void *) g_thread_self (),
           level_names[CLAMP ((int) level, 0, NF_LEVEL_TRACE)],
           category->name, file, line, function,
           object_label (object, label, sizeof label), message);
}

/**
 * nf_debug_message:
 * @category: the category's name
 * @level: the level of the line
 * @message: the text
 *
 * Logs a line from a language binding, where the macros are not available.
 */
void
nf_debug_message (const char   *category,
                  NfDebugLevel  level,
                  const char   *message)
{
  NfDebugCategory *cat = nf_debug_category_get (category, NULL);

  if ((int) level <= g_atomic_int_get (&cat->threshold))
    nf_debug_log (cat, level, "(binding)", "", 0, NULL, "%s", message);
}

void
_nf_debug_init (void)
{
  const char *spec = g_getenv ("NF_DEBUG");

  start_time = g_get_monotonic_time ();
  if (spec != NULL)
    nf_debug_set_threshold_from_string (spec, TRUE);
}
