/* nf-tag-plugin.c: the tag plugin
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-tagger-element.h"

/* The element type is registered statically, so the module must stay loaded. */
G_MODULE_EXPORT const char *g_module_check_init (GModule *module);

G_MODULE_EXPORT const char *
g_module_check_init (GModule *module)
{
  g_module_make_resident (module);
  return NULL;
}

static gboolean
tag_plugin_init (NfPlugin  *plugin,
                 GError   **error)
{
  if (nf_element_register (plugin, "tag", NF_TYPE_TAGGER, NF_ELEMENT_FLAG_NONE) == NULL)
    {
      g_set_error (error, NF_PLUGIN_ERROR, NF_PLUGIN_ERROR_INIT,
                   "tag: could not register the element tag");
      return FALSE;
    }
  return TRUE;
}

NF_PLUGIN_DEFINE ("tag", "Tags: people, places, organizations, keyphrases, topics and sources",
                  tag_plugin_init, NF_VERSION_S, "LGPL-2.1-or-later")
