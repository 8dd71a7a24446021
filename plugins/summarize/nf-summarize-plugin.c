/* nf-summarize-plugin.c: the summarize plugin
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-summarize-private.h"

/* The element type is registered statically, so the module must stay loaded. */
G_MODULE_EXPORT const char *g_module_check_init (GModule *module);

G_MODULE_EXPORT const char *
g_module_check_init (GModule *module)
{
  g_module_make_resident (module);
  return NULL;
}

static gboolean
summarize_plugin_init (NfPlugin  *plugin,
                       GError   **error)
{
  if (nf_element_register (plugin, "summarize", NF_TYPE_SUMMARIZE, NF_ELEMENT_FLAG_NONE) == NULL)
    {
      g_set_error (error, NF_PLUGIN_ERROR, NF_PLUGIN_ERROR_INIT,
                   "summarize: could not register the element summarize");
      return FALSE;
    }
  return TRUE;
}

NF_PLUGIN_DEFINE ("summarize", "Extractive summaries: the few sentences that carry a story",
                  summarize_plugin_init, NF_VERSION_S, "LGPL-2.1-or-later")
