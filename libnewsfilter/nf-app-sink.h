/* nf-app-sink.h: a sink that hands documents to the application
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include "nf-sink.h"

G_BEGIN_DECLS

#define NF_TYPE_APP_SINK (nf_app_sink_get_type ())

NF_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (NfAppSink, nf_app_sink, NF, APP_SINK, NfSink)

NF_AVAILABLE_IN_ALL
NfDocument *nf_app_sink_pull_document   (NfAppSink *self);
NF_AVAILABLE_IN_ALL
guint       nf_app_sink_get_n_queued    (NfAppSink *self);

G_END_DECLS
