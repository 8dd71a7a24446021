/* nf-dedup-plugin.c: the dedup plugin
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-dedup-private.h"

/* Registers `dedup`. It guards its memory with its own mutex, so it needs
 * no SERIAL flag: the fingerprints of many documents are computed at
 * once. (The loader keeps plugin modules resident: element types are
 * registered statically and must outlive any unload.) */
static gboolean
dedup_plugin_init (NfPlugin  *plugin,
                   GError   **error)
{
  static const NfElementEntry elements[] = {
    { "dedup", nf_dedup_get_type, NF_ELEMENT_FLAG_NONE },
  };

  return nf_element_register_many (plugin, elements, G_N_ELEMENTS (elements), error);
}

NF_PLUGIN_DEFINE ("dedup", "Duplicate stories: the same URL, the same text, or a wire story republished with small edits",
                  dedup_plugin_init, NF_VERSION_S, "LGPL-2.1-or-later")
