/* nf-inspect.c: tells what plugins and elements there are, and what they take
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   nf-inspect            every plugin and its elements, then the broken ones
 *   nf-inspect filesrc    one element: its metadata, properties and signals
 *   nf-inspect core       one plugin: its details and elements
 *   nf-inspect --names [ELEMENT]   element names, or an element's properties
 *   nf-inspect --markdown          the element reference of the user guide
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <newsfilter.h>

#include "nf-inspect-export.h"

enum {
  EXIT_OK = 0,
  EXIT_NOT_FOUND = 1,
  EXIT_USAGE = 2,
};

/* Width of the left column of "  Name    value" detail lines. */
#define LABEL_WIDTH 24

static void
print_detail (const char *label,
              const char *value)
{
  g_print ("  %-*s %s\n", LABEL_WIDTH, label, value != NULL ? value : "(none)");
}

static int
compare_plugins_by_name (gconstpointer a,
                         gconstpointer b)
{
  NfPlugin *plugin_a = *(NfPlugin **) a;
  NfPlugin *plugin_b = *(NfPlugin **) b;

  return g_strcmp0 (nf_plugin_get_name (plugin_a), nf_plugin_get_name (plugin_b));
}

static int
compare_factories_by_name (gconstpointer a,
                           gconstpointer b)
{
  NfElementFactory *factory_a = *(NfElementFactory **) a;
  NfElementFactory *factory_b = *(NfElementFactory **) b;

  return g_strcmp0 (nf_element_factory_get_name (factory_a),
                    nf_element_factory_get_name (factory_b));
}

/* The plugins, sorted by name. */
static GPtrArray *
get_sorted_plugins (NfRegistry *registry)
{
  g_autoptr(GPtrArray) plugins = nf_registry_get_plugins (registry);
  GPtrArray *sorted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < plugins->len; i++)
    g_ptr_array_add (sorted, g_object_ref (g_ptr_array_index (plugins, i)));
  g_ptr_array_sort (sorted, compare_plugins_by_name);

  return sorted;
}

/* The factories of @plugin, sorted by name. */
static GPtrArray *
get_plugin_factories (NfRegistry *registry,
                      NfPlugin   *plugin)
{
  g_autoptr(GPtrArray) factories = nf_registry_get_factories (registry);
  GPtrArray *mine = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < factories->len; i++)
    {
      NfElementFactory *factory = g_ptr_array_index (factories, i);

      if (nf_element_factory_get_plugin (factory) == plugin)
        g_ptr_array_add (mine, g_object_ref (factory));
    }
  g_ptr_array_sort (mine, compare_factories_by_name);

  return mine;
}

/* The reason a plugin failed, without the "plugin “name”: " the registry
 * starts it with when it is printed next to the name anyway. */
static const char *
plugin_load_error_message (NfPlugin *plugin)
{
  const GError *error = nf_plugin_get_load_error (plugin);
  g_autofree char *prefix = NULL;

  if (error == NULL)
    return "unknown reason";

  prefix = g_strdup_printf ("plugin “%s”: ", nf_plugin_get_name (plugin));
  if (g_str_has_prefix (error->message, prefix))
    return error->message + strlen (prefix);

  return error->message;
}

static gboolean
plugin_failed (NfPlugin *plugin)
{
  return !nf_plugin_is_loaded (plugin) && nf_plugin_get_load_error (plugin) != NULL;
}

/* ------------------------------------------------------------------------ */
/* nf-inspect with no argument                                               */

static int
list_everything (NfRegistry *registry)
{
  g_autoptr(GPtrArray) plugins = NULL;
  guint n_failed = 0, n_elements = 0;

  nf_registry_load_all (registry);
  plugins = get_sorted_plugins (registry);

  for (guint i = 0; i < plugins->len; i++)
    {
      NfPlugin *plugin = g_ptr_array_index (plugins, i);
      g_autoptr(GPtrArray) factories = NULL;

      if (plugin_failed (plugin))
        {
          n_failed++;
          continue;
        }

      factories = get_plugin_factories (registry, plugin);
      for (guint j = 0; j < factories->len; j++)
        {
          NfElementFactory *factory = g_ptr_array_index (factories, j);
          const char *long_name = nf_element_factory_get_metadata (factory, NF_ELEMENT_METADATA_LONGNAME);
          const char *description = nf_element_factory_get_metadata (factory, NF_ELEMENT_METADATA_DESCRIPTION);

          g_print ("%s:  %s: %s%s%s\n", nf_plugin_get_name (plugin),
                   nf_element_factory_get_name (factory),
                   long_name != NULL ? long_name : "",
                   description != NULL ? " — " : "",
                   description != NULL ? description : "");
          n_elements++;
        }
    }

  if (n_failed > 0)
    {
      g_print ("\nPlugins that failed to load:\n");
      for (guint i = 0; i < plugins->len; i++)
        {
          NfPlugin *plugin = g_ptr_array_index (plugins, i);

          if (plugin_failed (plugin))
            g_print ("%s:  failed to load: %s\n", nf_plugin_get_name (plugin),
                     plugin_load_error_message (plugin));
        }
    }

  g_print ("\nTotal: %u %s (%u failed to load), %u %s\n",
           plugins->len, plugins->len == 1 ? "plugin" : "plugins", n_failed,
           n_elements, n_elements == 1 ? "element" : "elements");

  return EXIT_OK;
}

/* ------------------------------------------------------------------------ */
/* One plugin                                                                */

static void
print_plugin_details (NfPlugin *plugin)
{
  g_print ("Plugin Details:\n");
  print_detail ("Name", nf_plugin_get_name (plugin));
  print_detail ("Description", nf_plugin_get_description (plugin));
  print_detail ("Filename", nf_plugin_get_filename (plugin));
  print_detail ("Version", nf_plugin_get_version (plugin));
  print_detail ("License", nf_plugin_get_license (plugin));
  if (plugin_failed (plugin))
    print_detail ("Status", plugin_load_error_message (plugin));
  g_print ("\n");
}

static int
inspect_plugin (NfRegistry *registry,
                NfPlugin   *plugin)
{
  g_autoptr(GPtrArray) factories = NULL;
  g_autoptr(GError) error = NULL;
  gboolean loaded = nf_plugin_load (plugin, &error);

  print_plugin_details (plugin);

  factories = get_plugin_factories (registry, plugin);
  for (guint i = 0; i < factories->len; i++)
    {
      NfElementFactory *factory = g_ptr_array_index (factories, i);
      const char *long_name = nf_element_factory_get_metadata (factory, NF_ELEMENT_METADATA_LONGNAME);

      g_print ("  %s: %s\n", nf_element_factory_get_name (factory),
               long_name != NULL ? long_name : loaded ? "" : "(not loaded)");
    }
  g_print ("\n  %u %s\n", factories->len, factories->len == 1 ? "element" : "elements");

  if (!loaded)
    {
      g_printerr ("nf-inspect: plugin “%s” failed to load: %s\n",
                  nf_plugin_get_name (plugin), plugin_load_error_message (plugin));
      return EXIT_NOT_FOUND;
    }

  return EXIT_OK;
}

/* ------------------------------------------------------------------------ */
/* One element                                                               */

static void
print_factory_details (NfElementFactory *factory)
{
  g_print ("Factory Details:\n");
  print_detail ("Name", nf_element_factory_get_name (factory));
  print_detail ("Long-name", nf_element_factory_get_metadata (factory, NF_ELEMENT_METADATA_LONGNAME));
  print_detail ("Klass", nf_element_factory_get_metadata (factory, NF_ELEMENT_METADATA_KLASS));
  print_detail ("Description", nf_element_factory_get_metadata (factory, NF_ELEMENT_METADATA_DESCRIPTION));
  print_detail ("Author", nf_element_factory_get_metadata (factory, NF_ELEMENT_METADATA_AUTHOR));
  g_print ("\n");
}

static void
print_element_flags (NfElementFactory *factory)
{
  NfElementFlags flags = nf_element_factory_get_flags (factory);
  g_autoptr(GFlagsClass) flags_class = g_type_class_ref (NF_TYPE_ELEMENT_FLAGS);

  g_print ("Element Flags:\n");
  if (flags == NF_ELEMENT_FLAG_NONE)
    g_print ("  none: runs on any thread, many documents at once\n");

  for (guint i = 0; i < flags_class->n_values; i++)
    {
      GFlagsValue *value = &flags_class->values[i];

      if (value->value != 0 && (flags & value->value) == value->value)
        g_print ("  %s\n", value->value_nick);
    }
  g_print ("\n");
}

/* GObject
 *  +----NfElement
 *        +----NfSource
 *              +----NfFileSrc */
static void
print_type_hierarchy (GType type)
{
  g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (GType));

  for (GType t = type; t != 0; t = g_type_parent (t))
    g_array_prepend_val (chain, t);

  g_print ("Type Hierarchy:\n");
  for (guint i = 0; i < chain->len; i++)
    {
      GType t = g_array_index (chain, GType, i);

      if (i == 0)
        g_print ("  %s\n", g_type_name (t));
      else
        g_print ("  %*s+----%s\n", (int) (6 * i - 5), "", g_type_name (t));
    }
  g_print ("\n");
}

static void
print_interfaces (GType type)
{
  guint n_interfaces = 0;
  g_autofree GType *interfaces = g_type_interfaces (type, &n_interfaces);

  if (n_interfaces == 0)
    return;

  g_print ("Implemented Interfaces:\n");
  for (guint i = 0; i < n_interfaces; i++)
    g_print ("  %s\n", g_type_name (interfaces[i]));
  g_print ("\n");
}

static char *
describe_property_flags (GParamSpec *pspec)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  if (pspec->flags & G_PARAM_READABLE)
    g_ptr_array_add (words, (char *) "readable");
  if (pspec->flags & G_PARAM_WRITABLE)
    g_ptr_array_add (words, (char *) "writable");
  if (pspec->flags & G_PARAM_CONSTRUCT_ONLY)
    g_ptr_array_add (words, (char *) "construct-only");
  else if (pspec->flags & G_PARAM_CONSTRUCT)
    g_ptr_array_add (words, (char *) "construct");
  if (pspec->flags & G_PARAM_DEPRECATED)
    g_ptr_array_add (words, (char *) "deprecated");
  g_ptr_array_add (words, NULL);

  return g_strjoinv (", ", (char **) words->pdata);
}

/* The values an enum or flags property takes, as gst-inspect lists them. */
static void
print_property_values (GParamSpec *pspec)
{
  if (G_IS_PARAM_SPEC_ENUM (pspec))
    {
      GEnumClass *enum_class = G_PARAM_SPEC_ENUM (pspec)->enum_class;

      for (guint i = 0; i < enum_class->n_values; i++)
        g_print ("  %-20s     (%d): %-16s - %s\n", "", enum_class->values[i].value,
                 enum_class->values[i].value_nick, enum_class->values[i].value_name);
    }
  else if (G_IS_PARAM_SPEC_FLAGS (pspec))
    {
      GFlagsClass *flags_class = G_PARAM_SPEC_FLAGS (pspec)->flags_class;

      for (guint i = 0; i < flags_class->n_values; i++)
        g_print ("  %-20s     (0x%08x): %-16s - %s\n", "", flags_class->values[i].value,
                 flags_class->values[i].value_nick, flags_class->values[i].value_name);
    }
}

static void
print_properties (GObjectClass *klass)
{
  g_autoptr(GPtrArray) properties = nf_inspect_collect_properties (klass);

  g_print ("Element Properties:\n");
  if (properties->len == 0)
    g_print ("  none\n");

  for (guint i = 0; i < properties->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (properties, i);
      g_autofree char *flags = describe_property_flags (pspec);
      g_autofree char *type = nf_param_spec_describe_type (pspec);
      const char *blurb = g_param_spec_get_blurb (pspec);

      g_print ("  %-20s: %s\n", g_param_spec_get_name (pspec),
               blurb != NULL ? blurb : "");
      g_print ("  %-20s  flags: %s\n", "", flags);
      g_print ("  %-20s  %s\n", "", type != NULL ? type : g_type_name (pspec->value_type));
      print_property_values (pspec);
    }
  g_print ("\n");
}

static char *
describe_signal_type (GType type)
{
  type &= ~G_SIGNAL_TYPE_STATIC_SCOPE;

  if (G_TYPE_IS_CLASSED (type) || G_TYPE_IS_INTERFACE (type) ||
      G_TYPE_FUNDAMENTAL (type) == G_TYPE_BOXED)
    return g_strdup_printf ("%s *", g_type_name (type));

  return g_strdup (g_type_name (type));
}

/* "signal-name": ReturnType user_function (NfAppSink *object, NfDocument *arg0, gpointer user_data) */
static void
print_signal (GType instance_type,
              guint signal_id)
{
  GSignalQuery query;
  GString *line = g_string_new (NULL);
  g_autofree char *return_type = NULL;
  g_autofree char *instance = describe_signal_type (instance_type);

  g_signal_query (signal_id, &query);
  return_type = describe_signal_type (query.return_type);

  g_string_append_printf (line, "  \"%s\": %s user_function (%s%sobject",
                          query.signal_name, return_type, instance,
                          g_str_has_suffix (instance, "*") ? "" : " ");
  for (guint i = 0; i < query.n_params; i++)
    {
      g_autofree char *param = describe_signal_type (query.param_types[i]);

      g_string_append_printf (line, ", %s%sarg%u", param,
                              g_str_has_suffix (param, "*") ? "" : " ", i);
    }
  g_string_append (line, ", gpointer user_data)");
  if (query.signal_flags & G_SIGNAL_ACTION)
    g_string_append (line, "  [action]");

  g_print ("%s\n", line->str);
  g_string_free (line, TRUE);
}

/* The signals of the element's classes below GObject. */
static void
print_signals (GType type)
{
  guint n_printed = 0;

  g_print ("Element Signals:\n");
  for (GType t = type; t != 0 && t != G_TYPE_OBJECT; t = g_type_parent (t))
    {
      guint n_ids = 0;
      g_autofree guint *ids = g_signal_list_ids (t, &n_ids);

      for (guint i = 0; i < n_ids; i++, n_printed++)
        print_signal (type, ids[i]);
    }
  if (n_printed == 0)
    g_print ("  none\n");
}

static int
inspect_element (NfElementFactory *factory)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTypeClass) klass = NULL;
  NfPlugin *plugin = nf_element_factory_get_plugin (factory);
  GType type;

  if (!nf_element_factory_load (factory, &error))
    {
      g_printerr ("nf-inspect: element “%s” cannot be loaded: %s\n",
                  nf_element_factory_get_name (factory), error->message);
      if (plugin != NULL)
        print_plugin_details (plugin);
      return EXIT_NOT_FOUND;
    }

  type = nf_element_factory_get_element_type (factory);
  klass = g_type_class_ref (type);

  print_factory_details (factory);
  if (plugin != NULL)
    print_plugin_details (plugin);
  print_element_flags (factory);
  print_type_hierarchy (type);
  print_interfaces (type);
  print_properties (G_OBJECT_CLASS (klass));
  print_signals (type);

  return EXIT_OK;
}

/* ------------------------------------------------------------------------ */

static char *
suggest_name (NfRegistry *registry,
              const char *misspelt)
{
  g_autoptr(GPtrArray) factories = nf_registry_get_factories (registry);
  g_autoptr(GPtrArray) plugins = nf_registry_get_plugins (registry);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < factories->len; i++)
    g_ptr_array_add (names, (char *) nf_element_factory_get_name (g_ptr_array_index (factories, i)));
  for (guint i = 0; i < plugins->len; i++)
    g_ptr_array_add (names, (char *) nf_plugin_get_name (g_ptr_array_index (plugins, i)));
  g_ptr_array_add (names, NULL);

  return nf_suggest_closest (misspelt, (const char * const *) names->pdata);
}

static int
inspect_name (NfRegistry *registry,
              const char *name)
{
  NfElementFactory *factory = nf_registry_find_factory (registry, name);
  NfPlugin *plugin;
  g_autofree char *suggestion = NULL;

  if (factory != NULL)
    return inspect_element (factory);

  plugin = nf_registry_find_plugin (registry, name);
  if (plugin != NULL)
    return inspect_plugin (registry, plugin);

  suggestion = suggest_name (registry, name);
  if (suggestion != NULL)
    g_printerr ("No such element or plugin “%s”; did you mean “%s”?\n", name, suggestion);
  else
    g_printerr ("No such element or plugin “%s”\n", name);

  return EXIT_NOT_FOUND;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) arguments = NULL;
  g_auto(GStrv) names = NULL;
  gboolean version = FALSE, print_names = FALSE, markdown = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      "Print the version and exit", NULL },
    { "names", 0, 0, G_OPTION_ARG_NONE, &print_names,
      "Print element names, or with ELEMENT its settable properties, one a line (for completion)", NULL },
    { "markdown", 0, 0, G_OPTION_ARG_NONE, &markdown,
      "Print the reference of every element and its properties in Markdown", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &names,
      NULL, "[ELEMENT|PLUGIN]" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- describe libnewsfilter plugins and elements");
  g_option_context_set_summary (context,
    "Without an argument, lists every plugin and its elements; with the name\n"
    "of an element or a plugin, describes it in full.");
  g_option_context_add_main_entries (context, entries, NULL);

  arguments = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &arguments, &error))
    {
      g_printerr ("nf-inspect: %s\n", error->message);
      return EXIT_USAGE;
    }

  if (version)
    {
      g_print ("nf-inspect (libnewsfilter) %s\n", nf_version_string ());
      return EXIT_OK;
    }

  if (names != NULL && g_strv_length (names) > 1)
    {
      g_printerr ("nf-inspect: give one element or plugin name at most\n");
      return EXIT_USAGE;
    }

  nf_init ();

  if (print_names)
    return nf_inspect_print_names (nf_registry_get_default (), names != NULL ? names[0] : NULL);
  if (markdown)
    return nf_inspect_print_markdown (nf_registry_get_default ());
  if (names == NULL || names[0] == NULL)
    return list_everything (nf_registry_get_default ());

  return inspect_name (nf_registry_get_default (), names[0]);
}
