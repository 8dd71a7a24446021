/* nf-summarize-plugin.c: the summarize plugin
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-summarize-private.h"

/* The loader keeps plugin modules resident: element types are registered
 * statically and must outlive any unload. */
static gboolean
summarize_plugin_init (NfPlugin  *plugin,
                       GError   **error)
{
  static const NfElementEntry elements[] = {
    { "summarize", nf_summarize_get_type, NF_ELEMENT_FLAG_NONE },
  };

  return nf_element_register_many (plugin, elements, G_N_ELEMENTS (elements), error);
}

NF_PLUGIN_DEFINE ("summarize", "Extractive summaries: the few sentences that carry a story",
                  summarize_plugin_init, NF_VERSION_S, "LGPL-2.1-or-later")
