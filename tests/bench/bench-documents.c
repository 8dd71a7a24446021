/* bench-documents.c: benchmark texts as documents
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bench-documents.h"

GPtrArray *
bench_make_documents (GPtrArray *texts)
{
  GPtrArray *documents = g_ptr_array_new_full (texts->len, g_object_unref);

  for (guint i = 0; i < texts->len; i++)
    {
      BenchText *text = g_ptr_array_index (texts, i);
      NfDocument *document = nf_document_new (text->id);

      nf_document_set_text (document, text->text);
      if (text->title != NULL)
        nf_document_set_title (document, text->title);
      if (text->language != NULL)
        nf_document_set_language (document, text->language);
      g_ptr_array_add (documents, document);
    }
  return documents;
}
