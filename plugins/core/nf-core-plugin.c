#include <newsfilter.h>

static gboolean
core_plugin_init (NfPlugin *plugin, GError **error)
{
  return TRUE;
}

NF_PLUGIN_DEFINE ("core", "The elements every pipeline needs", core_plugin_init, NF_VERSION_S, "LGPL-2.1-or-later")
