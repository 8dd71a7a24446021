/* nf-sink.h: elements where documents leave a pipeline
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include "nf-element.h"

G_BEGIN_DECLS

#define NF_TYPE_SINK (nf_sink_get_type ())

NF_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (NfSink, nf_sink, NF, SINK, NfElement)

/**
 * NfSinkClass:
 * @parent_class: the parent class
 * @render: consumes one document. Sinks see documents one at a time, in input
 *   order, failed ones included (check nf_document_has_error()). Returning
 *   %FALSE with @error set stops the pipeline with an ERROR: a sink failure
 *   (a full disk, a closed socket) is not a per-document matter.
 *
 * The class structure of [class@Nf.Sink].
 */
struct _NfSinkClass
{
  NfElementClass parent_class;

  gboolean (*render) (NfSink      *self,
                      NfDocument  *document,
                      GError     **error);

  /*< private >*/
  gpointer _nf_reserved[8];
};

G_END_DECLS
