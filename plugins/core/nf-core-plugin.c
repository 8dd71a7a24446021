/* nf-core-plugin.c: the core plugin, the elements every pipeline needs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-core-elements.h"

/* The element types are registered statically (G_DEFINE_TYPE), so the module
 * must never be unloaded once a type lives in it. */
G_MODULE_EXPORT const char *g_module_check_init (GModule *module);

G_MODULE_EXPORT const char *
g_module_check_init (GModule *module)
{
  g_module_make_resident (module);
  return NULL;
}

static gboolean
core_plugin_init (NfPlugin  *plugin,
                  GError   **error)
{
  static const struct {
    const char *name;
    GType     (*get_type) (void);
  } elements[] = {
    { "filesrc",  nf_file_src_get_type },
    { "jsonsink", nf_json_sink_get_type },
    { "textsink", nf_text_sink_get_type },
    { "tee",      nf_tee_get_type },
    { "identity", nf_identity_get_type },
    { "fakesrc",  nf_fake_src_get_type },
    { "fakesink", nf_fake_sink_get_type },
    /* Their types live in the library, so that bindings can call their methods. */
    { "appsrc",   nf_app_src_get_type },
    { "appsink",  nf_app_sink_get_type },
  };

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    {
      if (nf_element_register (plugin, elements[i].name, elements[i].get_type (),
                               NF_ELEMENT_FLAG_NONE) == NULL)
        {
          g_set_error (error, NF_PLUGIN_ERROR, NF_PLUGIN_ERROR_INIT,
                       "core: could not register the element %s", elements[i].name);
          return FALSE;
        }
    }

  return TRUE;
}

NF_PLUGIN_DEFINE ("core", "The elements every pipeline needs", core_plugin_init,
                  NF_VERSION_S, "LGPL-2.1-or-later")
