/* nf-plugin.c: a loadable module of element factories
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-private.h"

/**
 * NfPlugin:
 *
 * A loadable module that registers element factories, described by a
 * `.plugin` key file beside it, as libpeas does:
 *
 * ```
 * [Plugin]
 * Name=core
 * Module=nfcore
 * Description=The elements every pipeline needs
 * Elements=filesrc;jsonsink;textsink;tee;identity
 * ```
 *
 * The registry reads only the key files at start-up; a module is opened
 * when one of its elements is first needed. A plugin that fails to load
 * keeps the reason, which nf-inspect and parse errors show.
 */
struct _NfPlugin
{
  GObject     parent_instance;

  char       *name;
  char       *description;
  char       *key_file_path;
  char       *module_path;
  char       *version;
  char       *license;
  GStrv       element_names;
  GModule    *module;
  GError     *load_error;
  gboolean    tried;
};

G_DEFINE_FINAL_TYPE (NfPlugin, nf_plugin, G_TYPE_OBJECT)

static GRecMutex plugin_load_lock;

static void
nf_plugin_finalize (GObject *object)
{
  NfPlugin *self = NF_PLUGIN (object);

  g_free (self->name);
  g_free (self->description);
  g_free (self->key_file_path);
  g_free (self->module_path);
  g_free (self->version);
  g_free (self->license);
  g_strfreev (self->element_names);
  g_clear_error (&self->load_error);
  /* The module stays resident: its types are registered for good. */
  G_OBJECT_CLASS (nf_plugin_parent_class)->finalize (object);
}

static void
nf_plugin_class_init (NfPluginClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nf_plugin_finalize;
}

static void
nf_plugin_init (NfPlugin *self)
{
}

static char *
module_path_for (const char *key_file_path,
                 const char *module)
{
  g_autofree char *dir = g_path_get_dirname (key_file_path);

  if (g_path_is_absolute (module))
    return g_strdup (module);
  if (strchr (module, '.') != NULL)
    return g_build_filename (dir, module, NULL);
  return g_module_build_path (dir, module);
}

NfPlugin *
_nf_plugin_new_from_key_file (const char  *path,
                              GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(NfPlugin) self = NULL;
  g_autofree char *module = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, NF_PLUGIN_ERROR, NF_PLUGIN_ERROR_DESCRIPTION,
                   "cannot read plugin description %s: %s", path, local_error->message);
      return NULL;
    }

  self = g_object_new (NF_TYPE_PLUGIN, NULL);
  self->key_file_path = g_strdup (path);
  self->name = g_key_file_get_string (key_file, "Plugin", "Name", NULL);
  module = g_key_file_get_string (key_file, "Plugin", "Module", NULL);
  if (self->name == NULL || module == NULL)
    {
      g_set_error (error, NF_PLUGIN_ERROR, NF_PLUGIN_ERROR_DESCRIPTION,
                   "plugin description %s lacks the %s key in its [Plugin] group",
                   path, self->name == NULL ? "Name" : "Module");
      return NULL;
    }
  self->description = g_key_file_get_locale_string (key_file, "Plugin", "Description", NULL, NULL);
  self->element_names = g_key_file_get_string_list (key_file, "Plugin", "Elements", NULL, NULL);
  if (self->element_names == NULL)
    self->element_names = g_new0 (char *, 1);
  self->module_path = module_path_for (path, module);
  return g_steal_pointer (&self);
}

NfPlugin *
_nf_plugin_new_failed (const char   *path,
                       const GError *error)
{
  NfPlugin *self = g_object_new (NF_TYPE_PLUGIN, NULL);
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL)
    *dot = '\0';
  self->name = g_strdup (base);
  self->key_file_path = g_strdup (path);
  self->element_names = g_new0 (char *, 1);
  self->load_error = g_error_copy (error);
  self->tried = TRUE;
  return self;
}

const char *
_nf_plugin_get_module_path (NfPlugin *plugin)
{
  return plugin->module_path;
}

/**
 * nf_plugin_get_name:
 * @self: a plugin
 *
 * Gives the plugin's name.
 *
 * Returns: the name, like "core"
 */
const char *
nf_plugin_get_name (NfPlugin *self)
{
  g_return_val_if_fail (NF_IS_PLUGIN (self), NULL);
  return self->name;
}

/**
 * nf_plugin_get_description:
 * @self: a plugin
 *
 * Gives the plugin's description.
 *
 * Returns: (nullable): a sentence on what the plugin provides
 */
const char *
nf_plugin_get_description (NfPlugin *self)
{
  g_return_val_if_fail (NF_IS_PLUGIN (self), NULL);
  return self->description;
}

/**
 * nf_plugin_get_filename:
 * @self: a plugin
 *
 * Gives the path of the plugin's module.
 *
 * Returns: (nullable) (type filename): the module path
 */
const char *
nf_plugin_get_filename (NfPlugin *self)
{
  g_return_val_if_fail (NF_IS_PLUGIN (self), NULL);
  return self->module_path ? self->module_path : self->key_file_path;
}

/**
 * nf_plugin_get_version:
 * @self: a plugin
 *
 * Gives the plugin's version, known once it is loaded.
 *
 * Returns: (nullable): the version
 */
const char *
nf_plugin_get_version (NfPlugin *self)
{
  g_return_val_if_fail (NF_IS_PLUGIN (self), NULL);
  return self->version;
}

/**
 * nf_plugin_get_license:
 * @self: a plugin
 *
 * Gives the plugin's license, known once it is loaded.
 *
 * Returns: (nullable): an SPDX license identifier
 */
const char *
nf_plugin_get_license (NfPlugin *self)
{
  g_return_val_if_fail (NF_IS_PLUGIN (self), NULL);
  return self->license;
}

/**
 * nf_plugin_get_element_names:
 * @self: a plugin
 *
 * Lists the elements the plugin's description announces.
 *
 * Returns: (transfer none) (array zero-terminated=1): the element names
 */
const char * const *
nf_plugin_get_element_names (NfPlugin *self)
{
  g_return_val_if_fail (NF_IS_PLUGIN (self), NULL);
  return (const char * const *) self->element_names;
}

/**
 * nf_plugin_is_loaded:
 * @self: a plugin
 *
 * Tells whether the plugin's module is loaded.
 *
 * Returns: %TRUE once loaded
 */
gboolean
nf_plugin_is_loaded (NfPlugin *self)
{
  g_return_val_if_fail (NF_IS_PLUGIN (self), FALSE);
  return self->module != NULL;
}

/**
 * nf_plugin_get_load_error:
 * @self: a plugin
 *
 * Gives the reason the plugin failed to load.
 *
 * Returns: (nullable) (transfer none): the error, %NULL if it loaded or was not tried
 */
const GError *
nf_plugin_get_load_error (NfPlugin *self)
{
  g_return_val_if_fail (NF_IS_PLUGIN (self), NULL);
  return self->load_error;
}

/* A plugin whose description announces an element its module does not
 * register is broken as packaged: say so rather than fail later. */
static gboolean
check_announced_elements (NfPlugin  *self,
                          GError   **error)
{
  NfRegistry *registry = nf_registry_get_default ();

  for (guint i = 0; self->element_names[i] != NULL; i++)
    {
      NfElementFactory *factory = nf_registry_find_factory (registry, self->element_names[i]);

      if (factory != NULL && nf_element_factory_get_plugin (factory) == self
          && nf_element_factory_get_element_type (factory) == G_TYPE_INVALID)
        {
          g_set_error (error, NF_PLUGIN_ERROR, NF_PLUGIN_ERROR_MISSING_ELEMENT,
                       "plugin “%s” (%s) announces element “%s” but did not register it",
                       self->name, self->module_path, self->element_names[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
load_module (NfPlugin  *self,
             GError   **error)
{
  const NfPluginDescriptor *descriptor = NULL;
  g_autoptr(GError) init_error = NULL;
  GModule *module;

  module = g_module_open (self->module_path, G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, NF_PLUGIN_ERROR, NF_PLUGIN_ERROR_MODULE,
                   "plugin “%s”: cannot open module: %s",
                   self->name, g_module_error ());
      return FALSE;
    }
  if (!g_module_symbol (module, "nf_plugin_descriptor", (gpointer *) &descriptor) || descriptor == NULL)
    {
      g_set_error (error, NF_PLUGIN_ERROR, NF_PLUGIN_ERROR_SYMBOL,
                   "plugin “%s”: module %s does not export nf_plugin_descriptor",
                   self->name, self->module_path);
      g_module_close (module);
      return FALSE;
    }
  if (descriptor->api_major != NF_MAJOR_VERSION)
    {
      g_set_error (error, NF_PLUGIN_ERROR, NF_PLUGIN_ERROR_VERSION,
                   "plugin “%s”: module %s was built for libnewsfilter %u.%u, not %d.x",
                   self->name, self->module_path, descriptor->api_major, descriptor->api_minor,
                   NF_MAJOR_VERSION);
      g_module_close (module);
      return FALSE;
    }

  /* element types are registered statically (G_DEFINE_TYPE): a module
   * that registered one must never be unloaded, so plugins need not ask */
  g_module_make_resident (module);
  self->module = module;
  self->version = g_strdup (descriptor->version);
  self->license = g_strdup (descriptor->license);
  if (descriptor->description != NULL && self->description == NULL)
    self->description = g_strdup (descriptor->description);

  if (descriptor->init != NULL && !descriptor->init (self, &init_error))
    {
      g_set_error (error, NF_PLUGIN_ERROR, NF_PLUGIN_ERROR_INIT,
                   "plugin “%s”: initialisation failed: %s", self->name,
                   init_error ? init_error->message : "no reason given");
      return FALSE;
    }
  return check_announced_elements (self, error);
}

/**
 * nf_plugin_load:
 * @self: a plugin
 * @error: return location for a #GError
 *
 * Opens the plugin's module and lets it register its elements. Loading is
 * tried once; later calls repeat the first outcome.
 *
 * Returns: %TRUE if loaded; %FALSE with a %NF_PLUGIN_ERROR otherwise
 */
gboolean
nf_plugin_load (NfPlugin  *self,
                GError   **error)
{
  gboolean ok;

  g_return_val_if_fail (NF_IS_PLUGIN (self), FALSE);

  g_rec_mutex_lock (&plugin_load_lock);
  if (!self->tried)
    {
      self->tried = TRUE;
      load_module (self, &self->load_error);
    }
  ok = (self->load_error == NULL);
  if (!ok)
    g_propagate_error (error, g_error_copy (self->load_error));
  g_rec_mutex_unlock (&plugin_load_lock);
  return ok;
}
