/* test-registry.c: plugins, factories, lazy loading, load failures, logging
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-elements.h"

static NfRegistry *
registry_with_test_plugins (void)
{
  static gsize scanned;
  NfRegistry *registry = nf_registry_get_default ();

  if (g_once_init_enter (&scanned))
    {
      nf_registry_scan_path (registry, NF_TEST_PLUGIN_DIR);
      g_once_init_leave (&scanned, 1);
    }
  return registry;
}

static void
test_lazy_loading (void)
{
  NfRegistry *registry = registry_with_test_plugins ();
  NfPlugin *plugin = nf_registry_find_plugin (registry, "good");
  NfElementFactory *factory = nf_registry_find_factory (registry, "goodfilter");
  g_autoptr(NfElement) element = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (plugin);
  g_assert_nonnull (factory);
  g_assert_true (nf_element_factory_get_plugin (factory) == plugin);
  g_assert_cmpstr (nf_plugin_get_description (plugin), ==, "A plugin that loads");
  g_assert_cmpstrv (nf_plugin_get_element_names (plugin), ((const char *[]) { "goodfilter", NULL }));

  /* Only the key file has been read so far. */
  g_assert_false (nf_plugin_is_loaded (plugin));
  g_assert_cmpuint (nf_element_factory_get_element_type (factory), ==, G_TYPE_INVALID);

  element = nf_element_factory_make ("goodfilter", "g", &error);
  g_assert_no_error (error);
  g_assert_true (NF_IS_FILTER (element));
  g_assert_cmpstr (nf_element_get_name (element), ==, "g");
  g_assert_true (nf_element_get_factory (element) == factory);
  g_assert_true (nf_plugin_is_loaded (plugin));
  g_assert_cmpstr (nf_plugin_get_version (plugin), ==, "1.2.3");
  g_assert_cmpstr (nf_plugin_get_license (plugin), ==, "LGPL-2.1-or-later");
  g_assert_cmpstr (nf_element_factory_get_metadata (factory, NF_ELEMENT_METADATA_LONGNAME), ==, "Good filter");
  g_assert_cmpstr (nf_element_factory_get_metadata (factory, NF_ELEMENT_METADATA_KLASS), ==, "Filter/Test");
  g_assert_null (nf_plugin_get_load_error (plugin));
}

static void
assert_load_failure (const char *element, const char *plugin_name, int code, const char *message_part)
{
  NfRegistry *registry = registry_with_test_plugins ();
  g_autoptr(NfElement) made = NULL;
  g_autoptr(GError) error = NULL;
  NfPlugin *plugin;

  made = nf_element_factory_make (element, NULL, &error);
  g_assert_null (made);
  g_assert_error (error, NF_PLUGIN_ERROR, code);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, message_part);

  /* The reason stays with the plugin, for nf-inspect. */
  plugin = nf_registry_find_plugin (registry, plugin_name);
  g_assert_nonnull (plugin);
  g_assert_error (nf_plugin_get_load_error (plugin), NF_PLUGIN_ERROR, code);
  g_assert_cmpstr (nf_plugin_get_load_error (plugin)->message, ==, error->message);
}

static void
test_plugin_init_fails (void)
{
  assert_load_failure ("initfailfilter", "initfail", NF_PLUGIN_ERROR_INIT,
                       "plugin “initfail”: initialisation failed: model file /nonexistent/model.bin is missing");
}

static void
test_plugin_without_descriptor (void)
{
  assert_load_failure ("nosymfilter", "nosym", NF_PLUGIN_ERROR_SYMBOL,
                       "does not export nf_plugin_descriptor");
}

static void
test_plugin_not_a_module (void)
{
  assert_load_failure ("garbagefilter", "garbage", NF_PLUGIN_ERROR_MODULE,
                       "plugin “garbage”: cannot open module: ");
}

static void
test_plugin_unresolved_symbol (void)
{
  assert_load_failure ("unresolvedfilter", "unresolved", NF_PLUGIN_ERROR_MODULE,
                       "undefined symbol: nf_test_symbol_that_does_not_exist");
}

static void
test_plugin_forgets_element (void)
{
  assert_load_failure ("ghostfilter", "ghost", NF_PLUGIN_ERROR_MISSING_ELEMENT,
                       "announces element “ghostfilter” but did not register it");
}

static void
test_bad_key_file (void)
{
  NfRegistry *registry = registry_with_test_plugins ();
  NfPlugin *plugin = nf_registry_find_plugin (registry, "badkey");

  g_assert_nonnull (plugin);
  g_assert_false (nf_plugin_is_loaded (plugin));
  g_assert_error (nf_plugin_get_load_error (plugin), NF_PLUGIN_ERROR, NF_PLUGIN_ERROR_DESCRIPTION);
  g_assert_true (g_str_has_prefix (nf_plugin_get_load_error (plugin)->message,
                                   "cannot read plugin description "));
}

static void
test_unknown_element (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfElement) element = NULL;

  registry_with_test_plugins ();
  element = nf_element_factory_make ("goodfiltr", NULL, &error);
  g_assert_null (element);
  g_assert_error (error, NF_PARSE_ERROR, NF_PARSE_ERROR_NO_SUCH_ELEMENT);
  g_assert_cmpstr (error->message, ==, "no element “goodfiltr”; did you mean “goodfilter”?");
  g_clear_error (&error);

  element = nf_element_factory_make ("zzzzzzzzzzzz", NULL, &error);
  g_assert_cmpstr (error->message, ==, "no element “zzzzzzzzzzzz”");
}

static void
test_suggest_closest (void)
{
  const char *names[] = { "summarize", "filesrc", "jsonsink", "textsink", "tee", NULL };
  struct { const char *word; const char *expected; } cases[] = {
    { "sumarize", "summarize" },     /* a letter missing */
    { "summarise", "summarize" },    /* one changed */
    { "fliesrc", "filesrc" },        /* two swapped */
    { "jsonsnik", "jsonsink" },
    { "JSONSINK", NULL },            /* same word: nothing to suggest */
    { "te", "tee" },
    { "clean", NULL },               /* too far from everything */
    { "xyz", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = nf_suggest_closest (cases[i].word, names);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_runtime_registration (void)
{
  NfElementFactory *factory = nf_element_register (NULL, "tshuffle", TEST_TYPE_SHUFFLE, NF_ELEMENT_FLAG_SERIAL);
  g_autoptr(NfElement) element = NULL;

  g_assert_nonnull (factory);
  g_assert_null (nf_element_factory_get_plugin (factory));
  g_assert_true (nf_element_factory_find ("tshuffle") == factory);
  element = nf_element_factory_make ("tshuffle", NULL, NULL);
  g_assert_true (TEST_IS_SHUFFLE (element));
  g_assert_cmpint (nf_element_get_flags (element), ==, NF_ELEMENT_FLAG_SERIAL);
  g_assert_cmpstr (nf_element_factory_get_metadata (factory, NF_ELEMENT_METADATA_DESCRIPTION), ==,
                   "Delays documents so they finish out of order");

  /* A binding that cannot call class functions describes its element here. */
  nf_element_factory_set_metadata (factory, "Shuffler", "Filter/Custom", "Custom words", NULL);
  g_assert_cmpstr (nf_element_factory_get_metadata (factory, NF_ELEMENT_METADATA_KLASS), ==, "Filter/Custom");

  /* Registering the name again replaces it. */
  nf_element_register (NULL, "tshuffle", TEST_TYPE_PROBE, NF_ELEMENT_FLAG_NONE);
  g_clear_object (&element);
  element = nf_element_factory_make ("tshuffle", NULL, NULL);
  g_assert_true (TEST_IS_PROBE (element));
}

static void
test_listing (void)
{
  NfRegistry *registry = registry_with_test_plugins ();
  g_autoptr(GPtrArray) plugins = nf_registry_get_plugins (registry);
  g_autoptr(GPtrArray) factories = nf_registry_get_factories (registry);

  g_assert_cmpuint (plugins->len, >=, 6);
  /* Sorted by name. */
  for (guint i = 1; i < factories->len; i++)
    g_assert_cmpint (g_strcmp0 (nf_element_factory_get_name (g_ptr_array_index (factories, i - 1)),
                                nf_element_factory_get_name (g_ptr_array_index (factories, i))), <, 0);

  /* The core plugin is found on NF_PLUGIN_PATH without installing. */
  g_assert_nonnull (nf_registry_find_plugin (registry, "core"));
}

static void
test_debug_thresholds (void)
{
  NfDebugCategory *clean = nf_debug_category_get ("testclean", "tests");
  NfDebugCategory *fetch = nf_debug_category_get ("testfetch", "tests");
  NfDebugCategory *other = nf_debug_category_get ("other", "tests");
  g_autoptr(GPtrArray) names = NULL;

  nf_debug_set_threshold_from_string ("test*:debug,testfetch:2,*:1", TRUE);
  /* Later rules win where they match. */
  g_assert_cmpint (clean->threshold, ==, NF_LEVEL_ERROR);
  nf_debug_set_threshold_from_string ("*:1,test*:debug,testfetch:2", TRUE);
  g_assert_cmpint (clean->threshold, ==, NF_LEVEL_DEBUG);
  g_assert_cmpint (fetch->threshold, ==, NF_LEVEL_WARNING);
  g_assert_cmpint (other->threshold, ==, NF_LEVEL_ERROR);

  /* Categories made later pick up the rules too. */
  g_assert_cmpint (nf_debug_category_get ("testlater", NULL)->threshold, ==, NF_LEVEL_DEBUG);
  g_assert_true (nf_debug_category_get ("testclean", NULL) == clean);

  names = nf_debug_get_category_names ();
  g_assert_true (g_ptr_array_find_with_equal_func (names, "testfetch", g_str_equal, NULL));
  nf_debug_set_threshold_from_string ("", TRUE);
  g_assert_cmpint (clean->threshold, ==, NF_LEVEL_NONE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();
  test_elements_register ();

  g_test_add_func ("/registry/lazy-loading", test_lazy_loading);
  g_test_add_func ("/registry/failure/init", test_plugin_init_fails);
  g_test_add_func ("/registry/failure/no-descriptor", test_plugin_without_descriptor);
  g_test_add_func ("/registry/failure/not-a-module", test_plugin_not_a_module);
  g_test_add_func ("/registry/failure/missing-element", test_plugin_forgets_element);
  g_test_add_func ("/registry/failure/unresolved-symbol", test_plugin_unresolved_symbol);
  g_test_add_func ("/registry/failure/bad-key-file", test_bad_key_file);
  g_test_add_func ("/registry/unknown-element", test_unknown_element);
  g_test_add_func ("/registry/suggest", test_suggest_closest);
  g_test_add_func ("/registry/runtime-registration", test_runtime_registration);
  g_test_add_func ("/registry/listing", test_listing);
  g_test_add_func ("/debug/thresholds", test_debug_thresholds);

  return g_test_run ();
}
