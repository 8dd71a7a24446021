/* nf-sqlite-plugin.c: the sqlite plugin, sqlitesink and sqlitesrc
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-sqlite-private.h"

/* Registers the plugin's two elements. The loader keeps plugin modules
 * resident: element types are registered statically and must outlive any
 * unload. */
static gboolean
sqlite_plugin_init (NfPlugin  *plugin,
                    GError   **error)
{
  static const NfElementEntry elements[] = {
    { "sqlitesink", nf_sqlite_sink_get_type, NF_ELEMENT_FLAG_NONE },
    { "sqlitesrc",  nf_sqlite_src_get_type,  NF_ELEMENT_FLAG_NONE },
  };

  return nf_element_register_many (plugin, elements, G_N_ELEMENTS (elements), error);
}

NF_PLUGIN_DEFINE ("sqlite", "Documents, tags and a full-text index in one SQLite database",
                  sqlite_plugin_init, NF_VERSION_S, "LGPL-2.1-or-later")
