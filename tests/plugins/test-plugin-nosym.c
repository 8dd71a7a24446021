/* A loadable module that is no plugin: it exports no nf_plugin_descriptor. */
#include <gmodule.h>

G_MODULE_EXPORT int test_nosym_answer (void);

G_MODULE_EXPORT int
test_nosym_answer (void)
{
  return 42;
}
