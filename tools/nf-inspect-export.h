/* nf-inspect-export.h: nf-inspect's output for other programs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <newsfilter.h>

G_BEGIN_DECLS

GPtrArray *nf_inspect_collect_properties (GObjectClass *klass);
int        nf_inspect_print_names        (NfRegistry   *registry,
                                          const char   *element);
int        nf_inspect_print_markdown     (NfRegistry   *registry);

G_END_DECLS
