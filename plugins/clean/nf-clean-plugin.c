/* nf-clean-plugin.c: the clean plugin, the article out of the page
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-clean-private.h"

/* The loader keeps plugin modules resident: element types are registered
 * statically and must outlive any unload. */
static gboolean
clean_plugin_init (NfPlugin  *plugin,
                   GError   **error)
{
  static const NfElementEntry elements[] = {
    { "clean", nf_clean_get_type, NF_ELEMENT_FLAG_NONE },
  };

  return nf_element_register_many (plugin, elements, G_N_ELEMENTS (elements), error);
}

NF_PLUGIN_DEFINE ("clean", "Extracts the article and its metadata from a news page",
                  clean_plugin_init, NF_VERSION_S, "LGPL-2.1-or-later")
