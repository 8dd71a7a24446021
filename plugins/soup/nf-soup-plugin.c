/* nf-soup-plugin.c: the soup plugin — downloads and feeds over HTTP
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-soup-elements.h"
#include "nf-fetch-error.h"

/* The loader keeps plugin modules resident: element types are registered
 * statically and must outlive any unload. */
static gboolean
soup_plugin_init (NfPlugin  *plugin,
                  GError   **error)
{
  static const NfElementEntry elements[] = {
    { "fetch",    nf_fetch_get_type,     NF_ELEMENT_FLAG_NONE },
    { "fetchsrc", nf_fetch_src_get_type, NF_ELEMENT_FLAG_NONE },
    { "feedsrc",  nf_feed_src_get_type,  NF_ELEMENT_FLAG_NONE },
  };

  /* Error records name codes by nick ("http-status"), and readers of a
   * JSON Lines file map them back. */
  nf_error_register_domain (NF_FETCH_ERROR, NF_TYPE_FETCH_ERROR);
  return nf_element_register_many (plugin, elements, G_N_ELEMENTS (elements), error);
}

NF_PLUGIN_DEFINE ("soup", "Downloads pages and reads feeds over HTTP, with libsoup 3",
                  soup_plugin_init, NF_VERSION_S, "LGPL-2.1-or-later")
