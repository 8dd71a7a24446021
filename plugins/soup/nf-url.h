/* nf-url.h: URLs as the soup plugin compares them (plugin-internal)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The normalised form used as a document id and to find duplicates:
 * scheme and host lower-cased (IDN hosts in punycode, a trailing dot
 * dropped), default ports dropped, the fragment dropped, an empty path made
 * "/", dot-segments removed, tracking parameters (utm_*, fbclid, gclid,
 * mc_cid, mc_eid, …) and empty parameters removed, the other query
 * parameters kept in their order, percent-encoding of unreserved characters
 * undone and other escapes in upper case (raw spaces and UTF-8 escaped).
 * Surrounding white space is ignored. NULL for what is not an absolute
 * http(s) URL with a valid host. Idempotent. */
char     *nf_url_normalize          (const char *url);

/* Resolves @reference against @base (for relative links in feeds). */
char     *nf_url_resolve            (const char *base,
                                     const char *reference);

gboolean  nf_url_is_http            (const char *url);

G_END_DECLS
