/* A plugin whose init function fails. */
#include <newsfilter.h>

static gboolean
initfail_init (NfPlugin *plugin, GError **error)
{
  g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
               "model file /nonexistent/model.bin is missing");
  return FALSE;
}

NF_PLUGIN_DEFINE ("initfail", "A plugin that cannot start", initfail_init, "0.0.1", "LGPL-2.1-or-later")
