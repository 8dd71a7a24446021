/* nf-message.h: what a running pipeline tells its application
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include <glib-object.h>
#include "nf-version-macros.h"
#include "nf-types.h"

G_BEGIN_DECLS

/**
 * NfMessageType:
 * @NF_MESSAGE_ERROR: the pipeline failed and stops
 * @NF_MESSAGE_WARNING: one document failed; the pipeline goes on
 * @NF_MESSAGE_EOS: every document has reached the sinks
 * @NF_MESSAGE_PROGRESS: how many documents are done, sent about twice a second
 * @NF_MESSAGE_INFO: something worth knowing that is no failure
 *
 * The kinds of [struct@Nf.Message]; a flags type so that bus watchers can
 * select several.
 */
typedef enum /*< flags >*/ {
  NF_MESSAGE_ERROR    = 1 << 0,
  NF_MESSAGE_WARNING  = 1 << 1,
  NF_MESSAGE_EOS      = 1 << 2,
  NF_MESSAGE_PROGRESS = 1 << 3,
  NF_MESSAGE_INFO     = 1 << 4,
} NfMessageType;

#define NF_TYPE_MESSAGE (nf_message_get_type ())

NF_AVAILABLE_IN_ALL
GType          nf_message_get_type         (void) G_GNUC_CONST;

NF_AVAILABLE_IN_ALL
NfMessage     *nf_message_new_error        (const char   *source_path,
                                            const GError *error,
                                            const char   *debug);
NF_AVAILABLE_IN_ALL
NfMessage     *nf_message_new_warning      (const char   *source_path,
                                            const char   *document_id,
                                            const GError *error);
NF_AVAILABLE_IN_ALL
NfMessage     *nf_message_new_eos          (const char   *source_path);
NF_AVAILABLE_IN_ALL
NfMessage     *nf_message_new_progress     (const char   *source_path,
                                            guint64       done,
                                            guint64       failed,
                                            gint64        elapsed_us);
NF_AVAILABLE_IN_ALL
NfMessage     *nf_message_new_info         (const char   *source_path,
                                            const char   *text);
NF_AVAILABLE_IN_ALL
NfMessage     *nf_message_ref              (NfMessage    *self);
NF_AVAILABLE_IN_ALL
void           nf_message_unref            (NfMessage    *self);
NF_AVAILABLE_IN_ALL
NfMessageType  nf_message_get_message_type (NfMessage    *self);
NF_AVAILABLE_IN_ALL
const char    *nf_message_get_source_path  (NfMessage    *self);
NF_AVAILABLE_IN_ALL
const GError  *nf_message_get_error        (NfMessage    *self);
NF_AVAILABLE_IN_ALL
const char    *nf_message_get_debug        (NfMessage    *self);
NF_AVAILABLE_IN_ALL
const char    *nf_message_get_document_id  (NfMessage    *self);
NF_AVAILABLE_IN_ALL
const char    *nf_message_get_text         (NfMessage    *self);
NF_AVAILABLE_IN_ALL
void           nf_message_get_progress     (NfMessage    *self,
                                            guint64      *done,
                                            guint64      *failed,
                                            gint64       *elapsed_us);
NF_AVAILABLE_IN_ALL
gint64         nf_message_get_timestamp    (NfMessage    *self);
NF_AVAILABLE_IN_ALL
char          *nf_message_to_string        (NfMessage    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfMessage, nf_message_unref)

G_END_DECLS
