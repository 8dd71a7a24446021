/* nf-core-plugin.c: the core plugin, the elements every pipeline needs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-core-elements.h"

/* The loader keeps plugin modules resident: element types are registered
 * statically and must outlive any unload. */
static gboolean
core_plugin_init (NfPlugin  *plugin,
                  GError   **error)
{
  static const NfElementEntry elements[] = {
    { "filesrc",  nf_file_src_get_type,  NF_ELEMENT_FLAG_NONE },
    { "jsonsink", nf_json_sink_get_type, NF_ELEMENT_FLAG_NONE },
    { "textsink", nf_text_sink_get_type, NF_ELEMENT_FLAG_NONE },
    { "tee",      nf_tee_get_type,       NF_ELEMENT_FLAG_NONE },
    { "identity", nf_identity_get_type,  NF_ELEMENT_FLAG_NONE },
    { "fakesrc",  nf_fake_src_get_type,  NF_ELEMENT_FLAG_NONE },
    { "fakesink", nf_fake_sink_get_type, NF_ELEMENT_FLAG_NONE },
    /* their types live in the library, so that bindings can call their methods */
    { "appsrc",   nf_app_src_get_type,   NF_ELEMENT_FLAG_NONE },
    { "appsink",  nf_app_sink_get_type,  NF_ELEMENT_FLAG_NONE },
  };

  return nf_element_register_many (plugin, elements, G_N_ELEMENTS (elements), error);
}

NF_PLUGIN_DEFINE ("core", "The elements every pipeline needs", core_plugin_init,
                  NF_VERSION_S, "LGPL-2.1-or-later")
