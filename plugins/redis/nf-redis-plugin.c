/* nf-redis-plugin.c: the redis plugin
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-redis-elements.h"

/* The element types are registered statically, so the module must stay loaded. */
G_MODULE_EXPORT const char *g_module_check_init (GModule *module);

/* Keeps the module resident: GType registrations cannot be undone. */
G_MODULE_EXPORT const char *
g_module_check_init (GModule *module)
{
  g_module_make_resident (module);
  return NULL;
}

/* Registers one element, turning a refusal into the plugin's init error. */
static gboolean
register_element (NfPlugin    *plugin,
                  const char  *name,
                  GType        type,
                  GError     **error)
{
  if (nf_element_register (plugin, name, type, NF_ELEMENT_FLAG_NONE) != NULL)
    return TRUE;

  g_set_error (error, NF_PLUGIN_ERROR, NF_PLUGIN_ERROR_INIT,
               "redis: could not register the element %s", name);
  return FALSE;
}

/* Registers redissink and redissrc. */
static gboolean
redis_plugin_init (NfPlugin  *plugin,
                   GError   **error)
{
  return register_element (plugin, "redissink", NF_TYPE_REDIS_SINK, error)
      && register_element (plugin, "redissrc", NF_TYPE_REDIS_SRC, error);
}

NF_PLUGIN_DEFINE ("redis", "Redis Streams: a producer appends documents, workers read them through a consumer group",
                  redis_plugin_init, NF_VERSION_S, "LGPL-2.1-or-later")
