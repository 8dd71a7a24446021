/* nf-registry.c: the plugins and element factories known to the process
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-private.h"

/**
 * NfRegistry:
 *
 * The plugins and element factories known to the process.
 *
 * At start-up the default registry reads the `.plugin` files in each
 * folder of `NF_PLUGIN_PATH` (and their immediate subfolders), then in
 * `NF_PLUGIN_SYSTEM_PATH`, which defaults to the installed plugin folder.
 * A plugin name seen twice keeps its first place.
 */
struct _NfRegistry
{
  GObject     parent_instance;

  GRecMutex   lock;
  GPtrArray  *plugins;     /* NfPlugin*, in scan order */
  GHashTable *factories;   /* name → NfElementFactory* */
};

G_DEFINE_FINAL_TYPE (NfRegistry, nf_registry, G_TYPE_OBJECT)

static void
nf_registry_finalize (GObject *object)
{
  NfRegistry *self = NF_REGISTRY (object);

  g_ptr_array_unref (self->plugins);
  g_hash_table_unref (self->factories);
  g_rec_mutex_clear (&self->lock);
  G_OBJECT_CLASS (nf_registry_parent_class)->finalize (object);
}

static void
nf_registry_class_init (NfRegistryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nf_registry_finalize;
}

static void
nf_registry_init (NfRegistry *self)
{
  g_rec_mutex_init (&self->lock);
  self->plugins = g_ptr_array_new_with_free_func (g_object_unref);
  self->factories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

static void
scan_search_path (NfRegistry *self,
                  const char *search_path)
{
  g_auto(GStrv) dirs = g_strsplit (search_path, G_SEARCHPATH_SEPARATOR_S, -1);

  for (guint i = 0; dirs[i] != NULL; i++)
    if (dirs[i][0] != '\0')
      nf_registry_scan_path (self, dirs[i]);
}

/**
 * nf_registry_get_default:
 *
 * Gives the process's registry, scanning the plugin folders the first time.
 *
 * Returns: (transfer none): the registry
 */
NfRegistry *
nf_registry_get_default (void)
{
  static NfRegistry *default_registry;

  if (g_once_init_enter (&default_registry))
    {
      NfRegistry *registry = g_object_new (NF_TYPE_REGISTRY, NULL);
      const char *user_path = g_getenv ("NF_PLUGIN_PATH");
      const char *system_path = g_getenv ("NF_PLUGIN_SYSTEM_PATH");

      if (user_path != NULL)
        scan_search_path (registry, user_path);
      scan_search_path (registry, system_path != NULL ? system_path : NF_PLUGIN_DIR);
      g_once_init_leave (&default_registry, registry);
    }
  return default_registry;
}

static gboolean
has_plugin_named (NfRegistry *self,
                  const char *name)
{
  return nf_registry_find_plugin (self, name) != NULL;
}

static void
add_plugin (NfRegistry *self,
            NfPlugin   *plugin)
{
  const char * const *names = nf_plugin_get_element_names (plugin);

  g_ptr_array_add (self->plugins, g_object_ref (plugin));
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(NfElementFactory) factory = NULL;

      if (g_hash_table_contains (self->factories, names[i]))
        continue;
      factory = _nf_element_factory_new_lazy (plugin, names[i]);
      g_hash_table_insert (self->factories, g_strdup (names[i]), g_object_ref (factory));
    }
}

static void
scan_key_file (NfRegistry *self,
               const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPlugin) plugin = _nf_plugin_new_from_key_file (path, &error);

  if (plugin == NULL)
    plugin = _nf_plugin_new_failed (path, error);
  if (has_plugin_named (self, nf_plugin_get_name (plugin)))
    return;
  add_plugin (self, plugin);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* Sorted, so that the scan order (and so which of two same-named plugins
 * wins) does not depend on the file system. */
static GPtrArray *
list_dir_sorted (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return names;
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  return names;
}

static void
scan_folder (NfRegistry *self,
             const char *path,
             gboolean    descend)
{
  g_autoptr(GPtrArray) names = list_dir_sorted (path);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_str_has_suffix (name, ".plugin") && g_file_test (child, G_FILE_TEST_IS_REGULAR))
        scan_key_file (self, child);
      else if (descend && g_file_test (child, G_FILE_TEST_IS_DIR))
        scan_folder (self, child, FALSE);
    }
}

/**
 * nf_registry_scan_path:
 * @self: a registry
 * @path: (type filename): a folder
 *
 * Reads the `.plugin` files in @path and its immediate subfolders. Modules
 * are not opened until their elements are used.
 */
void
nf_registry_scan_path (NfRegistry *self,
                       const char *path)
{
  g_return_if_fail (NF_IS_REGISTRY (self));
  g_return_if_fail (path != NULL);

  g_rec_mutex_lock (&self->lock);
  scan_folder (self, path, TRUE);
  g_rec_mutex_unlock (&self->lock);
}

/**
 * nf_registry_get_plugins:
 * @self: a registry
 *
 * Lists the known plugins, loaded, not yet loaded or failed.
 *
 * Returns: (transfer container) (element-type Nf.Plugin): the plugins
 */
GPtrArray *
nf_registry_get_plugins (NfRegistry *self)
{
  GPtrArray *result;

  g_return_val_if_fail (NF_IS_REGISTRY (self), NULL);

  g_rec_mutex_lock (&self->lock);
  result = g_ptr_array_new_full (self->plugins->len, g_object_unref);
  for (guint i = 0; i < self->plugins->len; i++)
    g_ptr_array_add (result, g_object_ref (g_ptr_array_index (self->plugins, i)));
  g_rec_mutex_unlock (&self->lock);
  return result;
}

/**
 * nf_registry_find_plugin:
 * @self: a registry
 * @name: a plugin name
 *
 * Finds a plugin by name.
 *
 * Returns: (transfer none) (nullable): the plugin
 */
NfPlugin *
nf_registry_find_plugin (NfRegistry *self,
                         const char *name)
{
  NfPlugin *found = NULL;

  g_return_val_if_fail (NF_IS_REGISTRY (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  g_rec_mutex_lock (&self->lock);
  for (guint i = 0; i < self->plugins->len && found == NULL; i++)
    {
      NfPlugin *plugin = g_ptr_array_index (self->plugins, i);
      if (g_strcmp0 (nf_plugin_get_name (plugin), name) == 0)
        found = plugin;
    }
  g_rec_mutex_unlock (&self->lock);
  return found;
}

static int
compare_factory_names (gconstpointer a,
                       gconstpointer b)
{
  return g_strcmp0 (nf_element_factory_get_name (*(NfElementFactory **) a),
                    nf_element_factory_get_name (*(NfElementFactory **) b));
}

/**
 * nf_registry_get_factories:
 * @self: a registry
 *
 * Lists every element factory, sorted by name.
 *
 * Returns: (transfer container) (element-type Nf.ElementFactory): the factories
 */
GPtrArray *
nf_registry_get_factories (NfRegistry *self)
{
  GPtrArray *result;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (NF_IS_REGISTRY (self), NULL);

  g_rec_mutex_lock (&self->lock);
  result = g_ptr_array_new_full (g_hash_table_size (self->factories), g_object_unref);
  g_hash_table_iter_init (&iter, self->factories);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (result, g_object_ref (value));
  g_rec_mutex_unlock (&self->lock);

  g_ptr_array_sort (result, compare_factory_names);
  return result;
}

/**
 * nf_registry_find_factory:
 * @self: a registry
 * @name: a factory name
 *
 * Finds an element factory by name, without loading its plugin.
 *
 * Returns: (transfer none) (nullable): the factory
 */
NfElementFactory *
nf_registry_find_factory (NfRegistry *self,
                          const char *name)
{
  NfElementFactory *factory;

  g_return_val_if_fail (NF_IS_REGISTRY (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  g_rec_mutex_lock (&self->lock);
  factory = g_hash_table_lookup (self->factories, name);
  g_rec_mutex_unlock (&self->lock);
  return factory;
}

void
_nf_registry_add_factory (NfRegistry       *registry,
                          NfElementFactory *factory)
{
  g_rec_mutex_lock (&registry->lock);
  g_hash_table_replace (registry->factories,
                        g_strdup (nf_element_factory_get_name (factory)),
                        g_object_ref (factory));
  g_rec_mutex_unlock (&registry->lock);
}

/**
 * nf_registry_suggest_factory:
 * @self: a registry
 * @misspelt: a name that matched no factory
 *
 * Finds the factory name closest to a misspelt one, for "did you mean".
 *
 * Returns: (transfer full) (nullable): the closest name, %NULL if none is close
 */
char *
nf_registry_suggest_factory (NfRegistry *self,
                             const char *misspelt)
{
  g_autoptr(GPtrArray) factories = nf_registry_get_factories (self);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < factories->len; i++)
    g_ptr_array_add (names, (gpointer) nf_element_factory_get_name (g_ptr_array_index (factories, i)));
  g_ptr_array_add (names, NULL);
  return nf_suggest_closest (misspelt, (const char * const *) names->pdata);
}

/**
 * nf_registry_load_all:
 * @self: a registry
 *
 * Loads every plugin, so that all element types and all load failures are
 * known (nf-inspect does this).
 */
void
nf_registry_load_all (NfRegistry *self)
{
  g_autoptr(GPtrArray) plugins = nf_registry_get_plugins (self);

  for (guint i = 0; i < plugins->len; i++)
    nf_plugin_load (g_ptr_array_index (plugins, i), NULL);
}

/* Optimal string alignment distance: Levenshtein plus transpositions of
 * neighbours, the commonest typing slip. Works on bytes, which is fine for
 * the ASCII names of elements and properties. */
static guint
edit_distance (const char *a,
               const char *b)
{
  gsize n = strlen (a), m = strlen (b);
  g_autofree guint *d = g_new (guint, (n + 1) * (m + 1));
#define D(i, j) d[(i) * (m + 1) + (j)]

  for (gsize i = 0; i <= n; i++)
    D (i, 0) = i;
  for (gsize j = 0; j <= m; j++)
    D (0, j) = j;
  for (gsize i = 1; i <= n; i++)
    for (gsize j = 1; j <= m; j++)
      {
        guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;
        guint best = MIN (MIN (D (i - 1, j) + 1, D (i, j - 1) + 1), D (i - 1, j - 1) + cost);

        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          best = MIN (best, D (i - 2, j - 2) + 1);
        D (i, j) = best;
      }
  return D (n, m);
#undef D
}

/**
 * nf_suggest_closest:
 * @word: a misspelt word
 * @candidates: (array zero-terminated=1): the words it may have meant
 *
 * Picks the candidate closest to @word by edit distance, allowing one edit
 * for short words, two from five letters and three from nine; ties go to
 * the candidate that comes first.
 *
 * Returns: (transfer full) (nullable): the closest candidate, %NULL if none is close enough
 */
char *
nf_suggest_closest (const char         *word,
                    const char * const *candidates)
{
  gsize length;
  guint allowed, best_distance = G_MAXUINT;
  const char *best = NULL;

  g_return_val_if_fail (word != NULL, NULL);
  if (candidates == NULL)
    return NULL;

  length = strlen (word);
  allowed = length >= 9 ? 3 : length >= 5 ? 2 : 1;
  for (guint i = 0; candidates[i] != NULL; i++)
    {
      guint distance = edit_distance (word, candidates[i]);
      if (distance < best_distance)
        {
          best_distance = distance;
          best = candidates[i];
        }
    }
  if (best == NULL || best_distance > allowed || best_distance == 0)
    return NULL;
  return g_strdup (best);
}
