/* A plugin module that needs a symbol no library provides: opening it must
 * fail with the loader's reason, not abort the process later. */
#include <newsfilter.h>

extern int nf_test_symbol_that_does_not_exist (void);

static gboolean
unresolved_init (NfPlugin *plugin, GError **error)
{
  return nf_test_symbol_that_does_not_exist () == 0;
}

NF_PLUGIN_DEFINE ("unresolved", "A plugin with an undefined symbol", unresolved_init, "0.0.1", "LGPL-2.1-or-later")
