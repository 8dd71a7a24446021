/* nf-pipeline-dot.c: a pipeline as a Graphviz graph
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-private.h"

#include <string.h>

/* Appends @text to a DOT string, escaped for a double-quoted label. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
}

/* The element's node id: its index among the pipeline's elements, so that
 * any name (quotes, dots) is safe. */
static void
append_node_id (GString   *out,
                GPtrArray *elements,
                NfElement *element)
{
  guint index = 0;

  g_ptr_array_find (elements, element, &index);
  g_string_append_printf (out, "e%u", index);
}

/* A human figure for a time in nanoseconds. */
static char *
format_duration (guint64 ns)
{
  if (ns >= 10 * G_GUINT64_CONSTANT (1000000000))
    return g_strdup_printf ("%.0f s", ns / 1e9);
  if (ns >= G_GUINT64_CONSTANT (1000000000))
    return g_strdup_printf ("%.2f s", ns / 1e9);
  if (ns >= 1000000)
    return g_strdup_printf ("%.1f ms", ns / 1e6);
  return g_strdup_printf ("%.0f µs", ns / 1e3);
}

/* Whether @name is the automatic one for @factory: the factory's name and
 * a number ("clean0"), which needs no "(clean)" after it. */
static gboolean
is_automatic_name (const char *name,
                   const char *factory)
{
  gsize length = strlen (factory);

  if (strncmp (name, factory, length) != 0 || name[length] == '\0')
    return FALSE;
  for (const char *p = name + length; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* The look of a node: sources and sinks stand out from filters. */
static const char *
node_style (NfElement *element)
{
  if (NF_IS_SOURCE (element))
    return "shape=box, style=\"rounded,filled\", fillcolor=\"#dbe9f6\"";
  if (NF_IS_SINK (element))
    return "shape=box, style=\"rounded,filled\", fillcolor=\"#f6efd2\"";
  return "shape=box";
}

/* One node: the name and factory, then what went through it. */
static void
append_node (GString   *out,
             GPtrArray *elements,
             NfElement *element)
{
  NfElementFactory *factory = nf_element_get_factory (element);
  guint64 in = 0, out_count = 0, failures = 0, time_ns = 0;
  g_autofree char *duration = NULL;
  g_autoptr(GString) label = g_string_new (NULL);

  nf_element_get_statistics (element, &in, &out_count, &failures, &time_ns);
  duration = format_duration (time_ns);
  g_string_append (label, nf_element_get_name (element));
  if (factory != NULL && !is_automatic_name (nf_element_get_name (element), nf_element_factory_get_name (factory)))
    g_string_append_printf (label, " (%s)", nf_element_factory_get_name (factory));
  if (NF_IS_SOURCE (element))
    g_string_append_printf (label, "\nout: %" G_GUINT64_FORMAT, out_count);
  else if (NF_IS_SINK (element))
    g_string_append_printf (label, "\nin: %" G_GUINT64_FORMAT, in);
  else
    g_string_append_printf (label, "\nin: %" G_GUINT64_FORMAT "  out: %" G_GUINT64_FORMAT,
                            in, out_count);
  g_string_append_printf (label, "\nfailed: %" G_GUINT64_FORMAT, failures);
  /* a source's own time is not measured apart from the push it blocks in */
  if (!NF_IS_SOURCE (element))
    g_string_append_printf (label, "\ntime: %s", duration);

  g_string_append (out, "  ");
  append_node_id (out, elements, element);
  g_string_append_printf (out, " [%s, label=\"", node_style (element));
  append_escaped (out, label->str);
  /* a sink counts the failed records it wrote; only elements that fail
   * documents are marked */
  g_string_append_printf (out, "\"%s];\n",
                          failures > 0 && !NF_IS_SINK (element) ? ", color=firebrick, penwidth=2" : "");
}

/* The links from @element to each element downstream of it. */
static void
append_edges (GString   *out,
              GPtrArray *elements,
              NfElement *element)
{
  g_autoptr(GPtrArray) downstream = nf_element_get_downstream (element);

  for (guint i = 0; downstream != NULL && i < downstream->len; i++)
    {
      g_string_append (out, "  ");
      append_node_id (out, elements, element);
      g_string_append (out, " -> ");
      append_node_id (out, elements, g_ptr_array_index (downstream, i));
      g_string_append (out, ";\n");
    }
}

/**
 * nf_pipeline_to_dot:
 * @self: a pipeline
 *
 * Draws the pipeline as a Graphviz graph (the DOT language): one node per
 * element with its name and factory, the documents that went in and out of
 * it, its failures and the time spent in it (from
 * nf_element_get_statistics(), so after a run the figures are the run's),
 * and an arrow per link. Render it with `dot -Tsvg`.
 *
 * Returns: (transfer full): the graph
 */
char *
nf_pipeline_to_dot (NfPipeline *self)
{
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (NF_IS_PIPELINE (self), NULL);

  elements = nf_pipeline_get_elements (self);
  g_string_append (out, "digraph \"");
  append_escaped (out, nf_pipeline_get_name (self));
  g_string_append (out, "\" {\n  rankdir=LR;\n  node [fontname=\"sans-serif\", fontsize=10];\n");
  g_string_append (out, "  label=\"");
  append_escaped (out, nf_pipeline_get_name (self));
  g_string_append_printf (out, ": %" G_GUINT64_FORMAT " documents done, %" G_GUINT64_FORMAT " failed\";\n",
                          nf_pipeline_get_n_done (self), nf_pipeline_get_n_failed (self));
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    append_node (out, elements, g_ptr_array_index (elements, i));
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    append_edges (out, elements, g_ptr_array_index (elements, i));
  g_string_append (out, "}\n");
  return g_strdup (out->str);
}
