/* nf-version-macros.h: symbol visibility for the public API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#define _NF_EXTERN __attribute__((visibility ("default"))) extern

/**
 * NF_AVAILABLE_IN_ALL:
 *
 * Marks a symbol as part of the public API of every libnewsfilter version.
 */
#define NF_AVAILABLE_IN_ALL _NF_EXTERN
