/* nf-soup-elements.h: the soup plugin's element types (plugin-internal)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <newsfilter.h>

G_BEGIN_DECLS

#define NF_TYPE_FETCH (nf_fetch_get_type ())
G_DECLARE_FINAL_TYPE (NfFetch, nf_fetch, NF, FETCH, NfFilter)

#define NF_TYPE_FETCH_SRC (nf_fetch_src_get_type ())
G_DECLARE_FINAL_TYPE (NfFetchSrc, nf_fetch_src, NF, FETCH_SRC, NfSource)

#define NF_TYPE_FEED_SRC (nf_feed_src_get_type ())
G_DECLARE_FINAL_TYPE (NfFeedSrc, nf_feed_src, NF, FEED_SRC, NfSource)

G_END_DECLS
