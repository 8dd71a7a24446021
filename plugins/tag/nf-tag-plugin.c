/* nf-tag-plugin.c: the tag plugin
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-tagger-element.h"

/* The loader keeps plugin modules resident: element types are registered
 * statically and must outlive any unload. */
static gboolean
tag_plugin_init (NfPlugin  *plugin,
                 GError   **error)
{
  static const NfElementEntry elements[] = {
    { "tag", nf_tagger_get_type, NF_ELEMENT_FLAG_NONE },
  };

  return nf_element_register_many (plugin, elements, G_N_ELEMENTS (elements), error);
}

NF_PLUGIN_DEFINE ("tag", "Tags: people, places, organizations, keyphrases, topics and sources",
                  tag_plugin_init, NF_VERSION_S, "LGPL-2.1-or-later")
