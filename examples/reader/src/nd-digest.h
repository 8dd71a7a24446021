/* nd-digest.h: one run of a News Digest pipeline
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include <newsfilter.h>

G_BEGIN_DECLS

typedef enum {
  ND_SOURCE_FILE,  /* a local file or folder: filesrc */
  ND_SOURCE_PAGE,  /* one web page: fetchsrc */
  ND_SOURCE_FEED,  /* an RSS/Atom/JSON feed, URL or file: feedsrc ! fetch */
} NdSourceKind;

#define ND_TYPE_DIGEST (nd_digest_get_type ())

G_DECLARE_FINAL_TYPE (NdDigest, nd_digest, ND, DIGEST, GObject)

NdDigest     *nd_digest_new              (NdSourceKind          kind,
                                          const char           *location,
                                          GError              **error);
const char   *nd_digest_get_launch_line  (NdDigest             *self);
NdSourceKind  nd_digest_get_kind         (NdDigest             *self);
void          nd_digest_run_async        (NdDigest             *self,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean      nd_digest_run_finish       (NdDigest             *self,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
