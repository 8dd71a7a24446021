/* nf-sink.c: elements where documents leave a pipeline
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-private.h"

/**
 * NfSink:
 *
 * The base class of elements that consume documents: files, databases,
 * the application.
 *
 * A sink implements `render`. It sees one document at a time, in the order
 * the source produced them, including documents that failed on the way
 * (nf_document_has_error()), so that every input leaves a record.
 */
G_DEFINE_ABSTRACT_TYPE (NfSink, nf_sink, NF_TYPE_ELEMENT)

static gboolean
nf_sink_real_render (NfSink      *self,
                     NfDocument  *document,
                     GError     **error)
{
  return TRUE;
}

static void
nf_sink_class_init (NfSinkClass *klass)
{
  klass->render = nf_sink_real_render;
}

static void
nf_sink_init (NfSink *self)
{
}
