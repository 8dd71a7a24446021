/* nf-source.c: elements that bring documents into a pipeline
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-private.h"

/**
 * NfSource:
 *
 * The base class of elements that produce documents: files, feeds, queues.
 *
 * A source implements `generate`, which runs on a thread of its own and
 * calls nf_element_push() for every document. Each push returns once the
 * pipeline has room for the document, which is how a million-document
 * stream runs in constant memory.
 */
G_DEFINE_ABSTRACT_TYPE (NfSource, nf_source, NF_TYPE_ELEMENT)

static gboolean
nf_source_real_generate (NfSource      *self,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_NO_RESULT,
               "source “%s” does not implement generate()",
               G_OBJECT_TYPE_NAME (self));
  return FALSE;
}

static void
nf_source_class_init (NfSourceClass *klass)
{
  klass->generate = nf_source_real_generate;
}

static void
nf_source_init (NfSource *self)
{
}
