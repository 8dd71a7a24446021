/* nf-core-output.h: the buffered output file shared by jsonsink and textsink
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <newsfilter.h>

G_BEGIN_DECLS

/* Where a text sink writes: a file (created or truncated) or, for "-",
 * standard output. Writes are gathered in memory and handed to the system
 * 64 KiB at a time; errors name the location and carry the system's reason. */
typedef struct _NfCoreOutput NfCoreOutput;

NfCoreOutput *nf_core_output_open   (const char    *location,
                                     GError       **error);
gboolean      nf_core_output_write  (NfCoreOutput  *self,
                                     const char    *data,
                                     gssize         length,
                                     GError       **error);
gboolean      nf_core_output_flush  (NfCoreOutput  *self,
                                     GError       **error);
gboolean      nf_core_output_close  (NfCoreOutput  *self,
                                     GError       **error);
void          nf_core_output_free   (NfCoreOutput  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfCoreOutput, nf_core_output_free)

G_END_DECLS
