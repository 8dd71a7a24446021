/* bench-documents.h: benchmark texts as documents
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Apart from bench-util: this one needs libnewsfilter, which ots-driver
 * must not link.
 */
#pragma once

#include <newsfilter.h>

#include "bench-util.h"

G_BEGIN_DECLS

/**
 * bench_make_documents:
 * @texts: (element-type BenchText): texts
 *
 * Returns: (transfer full) (element-type NfDocument): one document per
 *   text, with its id, text, and title and language when known
 */
GPtrArray *bench_make_documents (GPtrArray *texts);

G_END_DECLS
