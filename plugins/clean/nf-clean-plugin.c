/* nf-clean-plugin.c: the clean plugin, the article out of the page
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-clean-private.h"

/* The element type is registered statically, so the module must stay loaded. */
G_MODULE_EXPORT const char *g_module_check_init (GModule *module);

G_MODULE_EXPORT const char *
g_module_check_init (GModule *module)
{
  g_module_make_resident (module);
  return NULL;
}

static gboolean
clean_plugin_init (NfPlugin  *plugin,
                   GError   **error)
{
  if (nf_element_register (plugin, "clean", NF_TYPE_CLEAN, NF_ELEMENT_FLAG_NONE) == NULL)
    {
      g_set_error (error, NF_PLUGIN_ERROR, NF_PLUGIN_ERROR_INIT,
                   "clean: could not register the element clean");
      return FALSE;
    }
  return TRUE;
}

NF_PLUGIN_DEFINE ("clean", "Extracts the article and its metadata from a news page",
                  clean_plugin_init, NF_VERSION_S, "LGPL-2.1-or-later")
