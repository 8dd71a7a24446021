/* nf-http-robots.h: robots.txt rules, as RFC 9309 reads them (plugin-internal)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _NfRobots NfRobots;

/* Reads the groups of a robots.txt that apply to @product (the product token
 * of our User-Agent, "libnewsfilter"), or else the `*` groups. @text need
 * not be valid UTF-8 nor NUL-terminated. */
NfRobots   *nf_robots_parse        (const char *text,
                                    gsize       length,
                                    const char *product);

/* Whether @path (path and query, percent-encoded as sent, "/a/b?c=d") may be
 * fetched: the longest matching Allow or Disallow rule decides, Allow wins a
 * tie, and no matching rule allows. A NULL @self allows everything. */
gboolean    nf_robots_is_allowed   (const NfRobots *self,
                                    const char     *path);

/* The number of rules that apply to us (for logging and tests). */
guint       nf_robots_get_n_rules  (const NfRobots *self);

void        nf_robots_free         (NfRobots   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfRobots, nf_robots_free)

/* "libnewsfilter/0.1 (+https://…)" → "libnewsfilter" */
char       *nf_robots_product_token (const char *user_agent);

G_END_DECLS
