/* nf-element-factory.c: makes elements by name
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-private.h"

/**
 * NfElementFactory:
 *
 * Makes elements of one kind by name: `filesrc`, `clean`, `jsonsink`.
 *
 * Factories of plugins are known from the plugins' description files before
 * their modules load; the module is loaded the first time an element is
 * made. Applications and bindings register their own element types at run
 * time with nf_element_register().
 */
struct _NfElementFactory
{
  GObject         parent_instance;

  char           *name;
  NfPlugin       *plugin;       /* weak: plugins live as long as the registry */
  GType           type;         /* 0 until the plugin is loaded */
  NfElementFlags  flags;
  char           *long_name;
  char           *klass;
  char           *description;
  char           *author;
};

G_DEFINE_FINAL_TYPE (NfElementFactory, nf_element_factory, G_TYPE_OBJECT)

static void
nf_element_factory_finalize (GObject *object)
{
  NfElementFactory *self = NF_ELEMENT_FACTORY (object);

  g_free (self->name);
  g_free (self->long_name);
  g_free (self->klass);
  g_free (self->description);
  g_free (self->author);
  G_OBJECT_CLASS (nf_element_factory_parent_class)->finalize (object);
}

static void
nf_element_factory_class_init (NfElementFactoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nf_element_factory_finalize;
}

static void
nf_element_factory_init (NfElementFactory *self)
{
}

NfElementFactory *
_nf_element_factory_new_lazy (NfPlugin   *plugin,
                              const char *name)
{
  NfElementFactory *self = g_object_new (NF_TYPE_ELEMENT_FACTORY, NULL);

  self->name = g_strdup (name);
  self->plugin = plugin;
  return self;
}

/**
 * nf_element_factory_get_name:
 * @self: a factory
 *
 * Gives the name elements of this factory are made by.
 *
 * Returns: the name, like "filesrc"
 */
const char *
nf_element_factory_get_name (NfElementFactory *self)
{
  g_return_val_if_fail (NF_IS_ELEMENT_FACTORY (self), NULL);
  return self->name;
}

/**
 * nf_element_factory_get_plugin:
 * @self: a factory
 *
 * Gives the plugin the factory belongs to.
 *
 * Returns: (transfer none) (nullable): the plugin, %NULL for elements
 *   registered by the application
 */
NfPlugin *
nf_element_factory_get_plugin (NfElementFactory *self)
{
  g_return_val_if_fail (NF_IS_ELEMENT_FACTORY (self), NULL);
  return self->plugin;
}

/**
 * nf_element_factory_load:
 * @self: a factory
 * @error: return location for a #GError
 *
 * Loads the factory's plugin if it is not loaded yet.
 *
 * Returns: %TRUE when the element type is available; %FALSE with a
 *   %NF_PLUGIN_ERROR saying why the plugin did not load
 */
gboolean
nf_element_factory_load (NfElementFactory  *self,
                         GError           **error)
{
  g_return_val_if_fail (NF_IS_ELEMENT_FACTORY (self), FALSE);

  if (self->type != 0)
    return TRUE;
  if (self->plugin == NULL)
    {
      g_set_error (error, NF_PLUGIN_ERROR, NF_PLUGIN_ERROR_MISSING_ELEMENT,
                   "element “%s” has no type and no plugin", self->name);
      return FALSE;
    }
  if (!nf_plugin_load (self->plugin, error))
    return FALSE;
  if (self->type == 0)
    {
      g_set_error (error, NF_PLUGIN_ERROR, NF_PLUGIN_ERROR_MISSING_ELEMENT,
                   "plugin “%s” (%s) announces element “%s” but did not register it",
                   nf_plugin_get_name (self->plugin), nf_plugin_get_filename (self->plugin), self->name);
      return FALSE;
    }
  return TRUE;
}

/**
 * nf_element_factory_get_element_type:
 * @self: a factory
 *
 * Gives the type of the elements the factory makes.
 *
 * Returns: the #GType, or %G_TYPE_INVALID while the plugin is not loaded
 */
GType
nf_element_factory_get_element_type (NfElementFactory *self)
{
  g_return_val_if_fail (NF_IS_ELEMENT_FACTORY (self), G_TYPE_INVALID);
  return self->type;
}

/**
 * nf_element_factory_get_flags:
 * @self: a factory
 *
 * Gives the scheduling flags given at registration.
 *
 * Returns: the flags
 */
NfElementFlags
nf_element_factory_get_flags (NfElementFactory *self)
{
  g_return_val_if_fail (NF_IS_ELEMENT_FACTORY (self), NF_ELEMENT_FLAG_NONE);
  return self->flags;
}

static const char *
explicit_metadata (NfElementFactory *self,
                   const char       *key)
{
  if (g_str_equal (key, NF_ELEMENT_METADATA_LONGNAME))
    return self->long_name;
  if (g_str_equal (key, NF_ELEMENT_METADATA_KLASS))
    return self->klass;
  if (g_str_equal (key, NF_ELEMENT_METADATA_DESCRIPTION))
    return self->description;
  if (g_str_equal (key, NF_ELEMENT_METADATA_AUTHOR))
    return self->author;
  return NULL;
}

/**
 * nf_element_factory_get_metadata:
 * @self: a factory
 * @key: a key such as %NF_ELEMENT_METADATA_DESCRIPTION
 *
 * Reads the factory's metadata: what nf_element_factory_set_metadata()
 * gave, else what the element class declares (this loads the plugin).
 *
 * Returns: (nullable): the value
 */
const char *
nf_element_factory_get_metadata (NfElementFactory *self,
                                 const char       *key)
{
  const char *value;
  NfElementClass *klass;

  g_return_val_if_fail (NF_IS_ELEMENT_FACTORY (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  value = explicit_metadata (self, key);
  if (value != NULL)
    return value;
  if (!nf_element_factory_load (self, NULL))
    return NULL;
  klass = g_type_class_ref (self->type);   /* kept: the type stays registered */
  return nf_element_class_get_metadata (klass, key);
}

/**
 * nf_element_factory_set_metadata:
 * @self: a factory
 * @long_name: (nullable): a human readable name
 * @classification: (nullable): a class path like `Filter/Custom`
 * @description: (nullable): one sentence on what the element does
 * @author: (nullable): who wrote it
 *
 * Describes an element registered from a language binding, whose class
 * cannot call nf_element_class_set_metadata().
 */
void
nf_element_factory_set_metadata (NfElementFactory *self,
                                 const char       *long_name,
                                 const char       *classification,
                                 const char       *description,
                                 const char       *author)
{
  g_return_if_fail (NF_IS_ELEMENT_FACTORY (self));

  g_free (self->long_name);
  self->long_name = g_strdup (long_name);
  g_free (self->klass);
  self->klass = g_strdup (classification);
  g_free (self->description);
  self->description = g_strdup (description);
  g_free (self->author);
  self->author = g_strdup (author);
}

/**
 * nf_element_factory_create:
 * @self: a factory
 * @name: (nullable): the element's name; %NULL to let the pipeline choose
 * @error: return location for a #GError
 *
 * Makes an element, loading the plugin first if needed.
 *
 * Returns: (transfer full) (nullable): the element, or %NULL with @error
 */
NfElement *
nf_element_factory_create (NfElementFactory  *self,
                           const char        *name,
                           GError           **error)
{
  NfElement *element;

  g_return_val_if_fail (NF_IS_ELEMENT_FACTORY (self), NULL);

  if (!nf_element_factory_load (self, error))
    return NULL;

  element = g_object_new (self->type, name ? "name" : NULL, name, NULL);
  _nf_element_set_factory (element, self);
  return element;
}

/**
 * nf_element_factory_find:
 * @name: a factory name
 *
 * Finds a factory in the default registry.
 *
 * Returns: (transfer none) (nullable): the factory
 */
NfElementFactory *
nf_element_factory_find (const char *name)
{
  return nf_registry_find_factory (nf_registry_get_default (), name);
}

/**
 * nf_element_factory_make:
 * @factory_name: a factory name, like "jsonsink"
 * @name: (nullable): the element's name
 * @error: return location for a #GError
 *
 * Makes an element by factory name.
 *
 * Returns: (transfer full) (nullable): the element, or %NULL with
 *   %NF_PARSE_ERROR_NO_SUCH_ELEMENT or a %NF_PLUGIN_ERROR
 */
NfElement *
nf_element_factory_make (const char  *factory_name,
                         const char  *name,
                         GError     **error)
{
  NfElementFactory *factory;

  g_return_val_if_fail (factory_name != NULL, NULL);

  factory = nf_element_factory_find (factory_name);
  if (factory == NULL)
    {
      g_autofree char *suggestion = nf_registry_suggest_factory (nf_registry_get_default (), factory_name);
      if (suggestion != NULL)
        g_set_error (error, NF_PARSE_ERROR, NF_PARSE_ERROR_NO_SUCH_ELEMENT,
                     "no element “%s”; did you mean “%s”?", factory_name, suggestion);
      else
        g_set_error (error, NF_PARSE_ERROR, NF_PARSE_ERROR_NO_SUCH_ELEMENT,
                     "no element “%s”", factory_name);
      return NULL;
    }
  return nf_element_factory_create (factory, name, error);
}

/**
 * nf_element_register:
 * @plugin: (nullable): the plugin registering the element, %NULL for the application
 * @name: the factory name, used in launch strings
 * @type: a type derived from #NfSource, #NfFilter or #NfSink
 * @flags: scheduling flags every element of the factory gets
 *
 * Registers an element type under a name. Plugins call it from their init
 * function; applications and bindings call it to use their own elements
 * by name:
 *
 * ```python
 * Nf.Element.register(None, "pyupper", PyUpper.__gtype__, Nf.ElementFlags.NONE)
 * ```
 *
 * A later registration of the same name from the application replaces the
 * earlier one.
 *
 * Returns: (transfer none) (nullable): the factory, %NULL if @type is not an element type
 */
NfElementFactory *
nf_element_register (NfPlugin       *plugin,
                     const char     *name,
                     GType           type,
                     NfElementFlags  flags)
{
  NfRegistry *registry;
  NfElementFactory *factory;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (g_type_is_a (type, NF_TYPE_ELEMENT), NULL);
  g_return_val_if_fail (!G_TYPE_IS_ABSTRACT (type), NULL);

  registry = nf_registry_get_default ();
  factory = nf_registry_find_factory (registry, name);
  if (factory == NULL || factory->plugin != plugin)
    {
      g_autoptr(NfElementFactory) fresh = _nf_element_factory_new_lazy (plugin, name);
      _nf_registry_add_factory (registry, fresh);
      factory = fresh;
    }
  factory->type = type;
  factory->flags = flags;
  return factory;
}

/**
 * nf_element_register_many: (skip)
 * @plugin: the plugin registering the elements
 * @entries: (array length=n_entries): the elements
 * @n_entries: how many
 * @error: return location for a #GError
 *
 * Registers every element of a plugin, for its init function:
 *
 * ```c
 * static const NfElementEntry elements[] = {
 *   { "sqlitesink", nf_sqlite_sink_get_type, NF_ELEMENT_FLAG_NONE },
 *   { "sqlitesrc",  nf_sqlite_src_get_type,  NF_ELEMENT_FLAG_NONE },
 * };
 * return nf_element_register_many (plugin, elements, G_N_ELEMENTS (elements), error);
 * ```
 *
 * Returns: %TRUE, or %FALSE with @error naming the plugin and the element
 *   that could not be registered
 */
gboolean
nf_element_register_many (NfPlugin             *plugin,
                          const NfElementEntry *entries,
                          gsize                 n_entries,
                          GError              **error)
{
  for (gsize i = 0; i < n_entries; i++)
    if (nf_element_register (plugin, entries[i].name, entries[i].get_type (), entries[i].flags) == NULL)
      {
        g_set_error (error, NF_PLUGIN_ERROR, NF_PLUGIN_ERROR_INIT,
                     "%s: could not register the element %s",
                     plugin != NULL ? nf_plugin_get_name (plugin) : "application", entries[i].name);
        return FALSE;
      }
  return TRUE;
}
