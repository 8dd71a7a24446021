/* nf-sentence.h: a scored stretch of a document's text (a summary sentence)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include <json-glib/json-glib.h>
#include "nf-version-macros.h"
#include "nf-types.h"

G_BEGIN_DECLS

#define NF_TYPE_SENTENCE (nf_sentence_get_type ())

NF_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (NfSentence, nf_sentence, NF, SENTENCE, GObject)

NF_AVAILABLE_IN_ALL
NfSentence  *nf_sentence_new           (const char *text,
                                        guint       start,
                                        guint       end,
                                        double      score);
NF_AVAILABLE_IN_ALL
const char  *nf_sentence_get_text      (NfSentence *self);
NF_AVAILABLE_IN_ALL
guint        nf_sentence_get_start     (NfSentence *self);
NF_AVAILABLE_IN_ALL
guint        nf_sentence_get_end       (NfSentence *self);
NF_AVAILABLE_IN_ALL
double       nf_sentence_get_score     (NfSentence *self);
NF_AVAILABLE_IN_ALL
JsonNode    *nf_sentence_to_json       (NfSentence *self);
NF_AVAILABLE_IN_ALL
NfSentence  *nf_sentence_new_from_json (JsonNode   *node,
                                        GError    **error);

G_END_DECLS
