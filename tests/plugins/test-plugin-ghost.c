/* A plugin that announces an element in its .plugin file but never registers it. */
#include <newsfilter.h>

static gboolean
ghost_init (NfPlugin *plugin, GError **error)
{
  return TRUE;
}

NF_PLUGIN_DEFINE ("ghost", "A plugin that forgets an element", ghost_init, "0.0.1", "LGPL-2.1-or-later")
