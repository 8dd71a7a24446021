/* nf-soup-plugin.c: the soup plugin — downloads and feeds over HTTP
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-soup-elements.h"
#include "nf-fetch-error.h"

static gboolean
soup_plugin_init (NfPlugin  *plugin,
                  GError   **error)
{
  /* Error records name codes by nick ("http-status"), and readers of a
   * JSON Lines file map them back. */
  nf_error_register_domain (NF_FETCH_ERROR, NF_TYPE_FETCH_ERROR);

  return nf_element_register (plugin, "fetch", NF_TYPE_FETCH, NF_ELEMENT_FLAG_NONE) != NULL
      && nf_element_register (plugin, "fetchsrc", NF_TYPE_FETCH_SRC, NF_ELEMENT_FLAG_NONE) != NULL
      && nf_element_register (plugin, "feedsrc", NF_TYPE_FEED_SRC, NF_ELEMENT_FLAG_NONE) != NULL;
}

NF_PLUGIN_DEFINE ("soup", "Downloads pages and reads feeds over HTTP, with libsoup 3",
                  soup_plugin_init, NF_VERSION_S, "LGPL-2.1-or-later")
