/* nf-source.h: elements that bring documents into a pipeline
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include "nf-element.h"

G_BEGIN_DECLS

#define NF_TYPE_SOURCE (nf_source_get_type ())

NF_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (NfSource, nf_source, NF, SOURCE, NfElement)

/**
 * NfSourceClass:
 * @parent_class: the parent class
 * @generate: produces the documents, calling nf_element_push() for each, and
 *   returns when there are no more (%TRUE) or on a failure that stops the
 *   pipeline (%FALSE with @error set). It runs on a thread of its own; a push
 *   blocks while the pipeline holds as many documents as it may, and returns
 *   %FALSE when the pipeline is stopping, after which @generate should return.
 * @document_done: called, in input order, once every sink has handled and
 *   committed (#NfSinkClass.commit) all that came of a document this source
 *   pushed, or once the document failed and its record was committed:
 *   sources that must acknowledge their input (a queue, a stream) do it
 *   here. @failed tells whether the document (or anything made of it)
 *   carries an error. A document no sink committed because the run stopped
 *   is never reported: acknowledge nothing else. Called from whichever
 *   thread delivers to the sinks, one call at a time.
 *
 * The class structure of [class@Nf.Source].
 */
struct _NfSourceClass
{
  NfElementClass parent_class;

  gboolean (*generate)      (NfSource      *self,
                             GCancellable  *cancellable,
                             GError       **error);
  void     (*document_done) (NfSource      *self,
                             NfDocument    *document,
                             gboolean       failed);

  /*< private >*/
  gpointer _nf_reserved[8];
};

G_END_DECLS
