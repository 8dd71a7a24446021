/* nf-inspect-export.c: what nf-inspect writes for other programs — names
 * for shell completion, and the element reference of the user guide
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The reference is written from the registry, so the guide lists exactly
 * the elements and properties that the built plugins have, with their
 * blurbs: it cannot go stale.
 */
#include "nf-inspect-export.h"

#include <string.h>

/* Orders element factories by name. */
static int
compare_factories (gconstpointer a,
                   gconstpointer b)
{
  return strcmp (nf_element_factory_get_name (*(NfElementFactory **) a),
                 nf_element_factory_get_name (*(NfElementFactory **) b));
}

/* Orders plugins by name. */
static int
compare_plugins (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (nf_plugin_get_name (*(NfPlugin **) a), nf_plugin_get_name (*(NfPlugin **) b));
}

/* Depth of a property's owner below GObject: base classes list first. */
static guint
owner_depth (GParamSpec *pspec)
{
  return g_type_depth (pspec->owner_type);
}

static int
compare_properties (gconstpointer a,
                    gconstpointer b)
{
  GParamSpec *pspec_a = *(GParamSpec **) a;
  GParamSpec *pspec_b = *(GParamSpec **) b;

  if (owner_depth (pspec_a) != owner_depth (pspec_b))
    return owner_depth (pspec_a) < owner_depth (pspec_b) ? -1 : 1;
  if (pspec_a->param_id != pspec_b->param_id)
    return pspec_a->param_id < pspec_b->param_id ? -1 : 1;
  return g_strcmp0 (pspec_a->name, pspec_b->name);
}

/**
 * nf_inspect_collect_properties:
 * @klass: an element class
 *
 * Returns: (transfer container): every property of the element once, from
 *   NfElement's own down to the element's class, each in the order its
 *   class installed them
 */
GPtrArray *
nf_inspect_collect_properties (GObjectClass *klass)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *properties = g_ptr_array_new ();
  guint n_pspecs = 0;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (klass, &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];

      if (pspec->owner_type == G_TYPE_OBJECT)
        continue;
      if (!g_hash_table_add (seen, (gpointer) pspec->name))
        continue;
      g_ptr_array_add (properties, pspec);
    }
  g_ptr_array_sort (properties, compare_properties);

  return properties;
}

/* The properties a launch line may set: writable ones, in the order of
 * nf_inspect_collect_properties(). */
static GPtrArray *
settable_properties (GType type)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  GPtrArray *properties = nf_inspect_collect_properties (G_OBJECT_CLASS (klass));

  for (guint i = properties->len; i > 0; i--)
    if (!(((GParamSpec *) g_ptr_array_index (properties, i - 1))->flags & G_PARAM_WRITABLE))
      g_ptr_array_remove_index (properties, i - 1);
  return properties;
}

/**
 * nf_inspect_print_names:
 * @registry: the registry
 * @element: (nullable): an element name
 *
 * Prints one name a line: every element (sorted), or the settable
 * properties of @element followed by "=" — what the bash completion of
 * nf-launch offers.
 *
 * Returns: 0, or 1 when @element does not exist or cannot be loaded
 */
int
nf_inspect_print_names (NfRegistry *registry,
                        const char *element)
{
  NfElementFactory *factory;
  g_autoptr(GPtrArray) properties = NULL;

  if (element == NULL)
    {
      g_autoptr(GPtrArray) factories = nf_registry_get_factories (registry);

      g_ptr_array_sort (factories, compare_factories);
      for (guint i = 0; i < factories->len; i++)
        g_print ("%s\n", nf_element_factory_get_name (g_ptr_array_index (factories, i)));
      return 0;
    }

  factory = nf_registry_find_factory (registry, element);
  if (factory == NULL || !nf_element_factory_load (factory, NULL))
    return 1;
  properties = settable_properties (nf_element_factory_get_element_type (factory));
  for (guint i = 0; i < properties->len; i++)
    g_print ("%s=\n", g_param_spec_get_name (g_ptr_array_index (properties, i)));
  return 0;
}

/* Appends @text with the characters Markdown tables and inline text would
 * read as syntax escaped. */
static void
append_markdown_text (GString    *out,
                      const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (strchr ("|*_`<>[]\\", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p == '\n' ? ' ' : *p);
    }
}

/* The values of an enum or flags property, as "`nick`, `nick`". */
static void
append_values (GString    *out,
               GParamSpec *pspec)
{
  if (G_IS_PARAM_SPEC_ENUM (pspec))
    {
      GEnumClass *enum_class = G_PARAM_SPEC_ENUM (pspec)->enum_class;

      g_string_append (out, " Values:");
      for (guint i = 0; i < enum_class->n_values; i++)
        g_string_append_printf (out, "%s `%s`", i > 0 ? "," : "", enum_class->values[i].value_nick);
    }
  else if (G_IS_PARAM_SPEC_FLAGS (pspec))
    {
      GFlagsClass *flags_class = G_PARAM_SPEC_FLAGS (pspec)->flags_class;

      g_string_append (out, " Flags, joined with `+`:");
      for (guint i = 0; i < flags_class->n_values; i++)
        g_string_append_printf (out, "%s `%s`", i > 0 ? "," : "", flags_class->values[i].value_nick);
    }
}

/* One element: its metadata, then a table of the properties it takes. */
static void
append_element (GString          *out,
                NfElementFactory *factory)
{
  const char *long_name = nf_element_factory_get_metadata (factory, NF_ELEMENT_METADATA_LONGNAME);
  const char *klass = nf_element_factory_get_metadata (factory, NF_ELEMENT_METADATA_KLASS);
  const char *description = nf_element_factory_get_metadata (factory, NF_ELEMENT_METADATA_DESCRIPTION);
  g_autoptr(GPtrArray) properties = NULL;

  g_string_append_printf (out, "### %s\n\n", nf_element_factory_get_name (factory));
  append_markdown_text (out, long_name);
  g_string_append (out, " (");
  append_markdown_text (out, klass);
  g_string_append (out, "): ");
  append_markdown_text (out, description);
  g_string_append (out, "\n\n");

  if (!nf_element_factory_load (factory, NULL))
    {
      g_string_append (out, "This element's plugin could not be loaded where the guide was built.\n\n");
      return;
    }
  properties = settable_properties (nf_element_factory_get_element_type (factory));
  g_string_append (out, "| property | type | what it does |\n|---|---|---|\n");
  for (guint i = 0; i < properties->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (properties, i);
      g_autofree char *type = nf_param_spec_describe_type (pspec);

      g_string_append_printf (out, "| `%s` | ", g_param_spec_get_name (pspec));
      append_markdown_text (out, type != NULL ? type : g_type_name (pspec->value_type));
      g_string_append (out, " | ");
      append_markdown_text (out, g_param_spec_get_blurb (pspec));
      append_values (out, pspec);
      g_string_append (out, " |\n");
    }
  g_string_append_c (out, '\n');
}

/**
 * nf_inspect_print_markdown:
 * @registry: the registry
 *
 * Prints the element reference of the user guide (Markdown, with a
 * gi-docgen title line): every plugin, and each of its elements with its
 * metadata and a table of its properties.
 *
 * Returns: 0
 */
int
nf_inspect_print_markdown (NfRegistry *registry)
{
  g_autoptr(GPtrArray) plugins = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  nf_registry_load_all (registry);
  plugins = nf_registry_get_plugins (registry);
  g_ptr_array_sort (plugins, compare_plugins);

  g_string_append (out,
                   "Title: Elements\n\n"
                   "# Elements\n\n"
                   "Every element of the plugins built with this library, with the properties a\n"
                   "launch line can set (`element property=value`). This page is written by\n"
                   "`nf-inspect --markdown` when the documentation is built; `nf-inspect ELEMENT`\n"
                   "prints the same and more for one element.\n\n");
  for (guint i = 0; i < plugins->len; i++)
    {
      NfPlugin *plugin = g_ptr_array_index (plugins, i);
      g_autoptr(GPtrArray) factories = nf_registry_get_factories (registry);

      if (!nf_plugin_is_loaded (plugin))
        continue;
      g_string_append_printf (out, "## Plugin %s\n\n", nf_plugin_get_name (plugin));
      append_markdown_text (out, nf_plugin_get_description (plugin));
      g_string_append (out, "\n\n");
      g_ptr_array_sort (factories, compare_factories);
      for (guint j = 0; j < factories->len; j++)
        {
          NfElementFactory *factory = g_ptr_array_index (factories, j);

          if (nf_element_factory_get_plugin (factory) == plugin)
            append_element (out, factory);
        }
    }
  g_print ("%s", out->str);
  return 0;
}
