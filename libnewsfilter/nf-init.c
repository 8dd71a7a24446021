/* nf-init.c: library initialisation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-private.h"

static gsize initialized = 0;

/**
 * nf_init:
 *
 * Initialises the library: reads `NF_DEBUG`, registers the error domains
 * and finds the plugins on `NF_PLUGIN_PATH` and in the installed plugin
 * folder (only their description files are read; modules load on first use).
 *
 * Safe to call more than once and from any thread.
 */
void
nf_init (void)
{
  if (g_once_init_enter (&initialized))
    {
      _nf_debug_init ();
      _nf_errors_init ();
      /* Class references made here keep the types registered before
       * threads start racing to create them. */
      g_type_ensure (NF_TYPE_DOCUMENT);
      g_type_ensure (NF_TYPE_TAG);
      g_type_ensure (NF_TYPE_SENTENCE);
      g_type_ensure (NF_TYPE_PIPELINE);
      g_type_ensure (NF_TYPE_MESSAGE);
      nf_registry_get_default ();
      g_once_init_leave (&initialized, 1);
    }
}

/**
 * nf_is_initialized:
 *
 * Tells whether nf_init() has run.
 *
 * Returns: %TRUE once the library is initialised
 */
gboolean
nf_is_initialized (void)
{
  return g_atomic_pointer_get (&initialized) != 0;
}

/**
 * nf_version_string:
 *
 * Gives the version of the library in use, which may differ from the
 * headers an application was built with.
 *
 * Returns: the version, like "0.1.0"
 */
const char *
nf_version_string (void)
{
  return NF_VERSION_S;
}

/**
 * nf_get_default_threads:
 *
 * Gives the number of documents a pipeline works on at once when its
 * `threads` property is 0: the number of processors this process may run on.
 *
 * Returns: the default degree of parallelism, at least 1
 */
guint
nf_get_default_threads (void)
{
  return MAX (1u, g_get_num_processors ());
}
