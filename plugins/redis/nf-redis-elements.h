/* nf-redis-elements.h: the element types of the redis plugin, not installed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <newsfilter.h>

G_BEGIN_DECLS

#define NF_TYPE_REDIS_SINK (nf_redis_sink_get_type ())
G_DECLARE_FINAL_TYPE (NfRedisSink, nf_redis_sink, NF, REDIS_SINK, NfSink)

#define NF_TYPE_REDIS_SRC (nf_redis_src_get_type ())
G_DECLARE_FINAL_TYPE (NfRedisSrc, nf_redis_src, NF, REDIS_SRC, NfSource)

G_END_DECLS
