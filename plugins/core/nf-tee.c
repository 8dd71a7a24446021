/* nf-tee.c: passes each document on to several branches
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfTee:
 *
 * `tee` passes every document on unchanged. It exists to name the point
 * where a pipeline branches: link it to several elements and each gets the
 * documents (the first the document itself, every other branch a deep copy,
 * so that branches never race on one document).
 *
 * ```
 * nf-launch filesrc location=in/ ! clean ! tee name=t ! jsonsink location=all.jsonl  t. ! summarize ! textsink
 * ```
 */
#include "nf-core-elements.h"

NF_DEBUG_CATEGORY_STATIC (tee_debug);

struct _NfTee
{
  NfFilter parent_instance;
};

G_DEFINE_FINAL_TYPE (NfTee, nf_tee, NF_TYPE_FILTER)

static gboolean
nf_tee_process (NfFilter    *filter,
                NfDocument  *document,
                GError     **error)
{
  /* The framework copies the document for every branch after the first. */
  nf_element_push (NF_ELEMENT (filter), document);
  return TRUE;
}

static void
nf_tee_class_init (NfTeeClass *klass)
{
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfFilterClass *filter_class = NF_FILTER_CLASS (klass);

  filter_class->process = nf_tee_process;

  nf_element_class_set_metadata (element_class,
                                 "Tee",
                                 "Generic",
                                 "Passes each document on to every element linked after it",
                                 "libnewsfilter authors");

  NF_DEBUG_CATEGORY_INIT (tee_debug, "tee", "the tee element");
}

static void
nf_tee_init (NfTee *self)
{
}
