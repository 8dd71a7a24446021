/* nf-private.h: glue between the framework's classes, not installed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "newsfilter.h"

G_BEGIN_DECLS

/* nf-document.c: the job (one source document and all that comes of it)
 * a document belongs to while it travels through a pipeline. */
gpointer     _nf_document_get_job       (NfDocument *document);
void         _nf_document_set_job       (NfDocument *document,
                                         gpointer    job);

/* nf-errors.c: registers the library's own error domains with their enums */
void         _nf_errors_init            (void);

/* nf-debug.c: reads NF_DEBUG */
void         _nf_debug_init             (void);

G_END_DECLS
