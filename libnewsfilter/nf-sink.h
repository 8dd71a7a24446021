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
 * @commit: makes durable everything @render took since the last commit (a
 *   database transaction, a flush). A sink that implements it may keep what
 *   it renders pending until then: the pipeline calls it every few hundred
 *   documents, at least once a second while documents flow, whenever no
 *   document is in flight, and at the end, and tells the source a document
 *   is done (#NfSourceClass.document_done) only after every sink committed
 *   it. Returning %FALSE with @error set stops the pipeline with an ERROR,
 *   and the documents since the last commit are not reported done. Sinks
 *   without @commit are committed once @render returns.
 * @has_document: whether the sink already holds a finished result for a
 *   document of this id. When every sink of the pipeline says so, the
 *   document is not run through the filters at all (so a crashed run can
 *   restart where it stopped, as `sqlitesink skip-existing=true` does); it
 *   counts as done. Called on the source's thread, while @render may run on
 *   another: it must be thread-safe. %NULL (the default) never skips.
 *
 * The class structure of [class@Nf.Sink].
 */
struct _NfSinkClass
{
  NfElementClass parent_class;

  gboolean (*render)       (NfSink      *self,
                            NfDocument  *document,
                            GError     **error);
  gboolean (*commit)       (NfSink      *self,
                            GError     **error);
  gboolean (*has_document) (NfSink      *self,
                            const char  *id);

  /*< private >*/
  gpointer _nf_reserved[6];
};

G_END_DECLS
