/* nf-app-src.h: a source fed by the application
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include "nf-source.h"

G_BEGIN_DECLS

#define NF_TYPE_APP_SRC (nf_app_src_get_type ())

NF_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (NfAppSrc, nf_app_src, NF, APP_SRC, NfSource)

NF_AVAILABLE_IN_ALL
gboolean  nf_app_src_push_document  (NfAppSrc   *self,
                                     NfDocument *document);
NF_AVAILABLE_IN_ALL
void      nf_app_src_end_of_stream  (NfAppSrc   *self);
NF_AVAILABLE_IN_ALL
guint     nf_app_src_get_n_queued   (NfAppSrc   *self);

G_END_DECLS
