/* nf-filter.c: elements that take one document and pass on zero or more
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-private.h"

/**
 * NfFilter:
 *
 * The base class of elements that work on documents one at a time: clean,
 * summarize, tag.
 *
 * A filter implements `process`, which passes on what comes of a document
 * with nf_element_push(). Many documents are processed at once on different
 * threads unless the element's [flags@Nf.ElementFlags] say otherwise, so
 * `process` must not keep per-document state in the element.
 */
G_DEFINE_ABSTRACT_TYPE (NfFilter, nf_filter, NF_TYPE_ELEMENT)

static gboolean
nf_filter_real_process (NfFilter    *self,
                        NfDocument  *document,
                        GError     **error)
{
  nf_element_push (NF_ELEMENT (self), document);
  return TRUE;
}

static void
nf_filter_class_init (NfFilterClass *klass)
{
  klass->process = nf_filter_real_process;
}

static void
nf_filter_init (NfFilter *self)
{
}
