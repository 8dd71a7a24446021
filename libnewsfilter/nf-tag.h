/* nf-tag.h: a person, place, keyword, topic or source attached to a document
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

/**
 * NF_TAG_KIND_KEYWORD:
 *
 * The kind of a keyphrase tag.
 */
#define NF_TAG_KIND_KEYWORD      "keyword"
/**
 * NF_TAG_KIND_PERSON:
 *
 * The kind of a person entity tag.
 */
#define NF_TAG_KIND_PERSON       "person"
/**
 * NF_TAG_KIND_PLACE:
 *
 * The kind of a place entity tag.
 */
#define NF_TAG_KIND_PLACE        "place"
/**
 * NF_TAG_KIND_ORGANIZATION:
 *
 * The kind of an organization entity tag.
 */
#define NF_TAG_KIND_ORGANIZATION "organization"
/**
 * NF_TAG_KIND_MISC:
 *
 * The kind of a named entity that is no person, place or organization.
 */
#define NF_TAG_KIND_MISC         "misc"
/**
 * NF_TAG_KIND_TOPIC:
 *
 * The kind of a topic (category) tag.
 */
#define NF_TAG_KIND_TOPIC        "topic"
/**
 * NF_TAG_KIND_SOURCE:
 *
 * The kind of a tag naming who is quoted or credited.
 */
#define NF_TAG_KIND_SOURCE       "source"

#define NF_TYPE_TAG (nf_tag_get_type ())

NF_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (NfTag, nf_tag, NF, TAG, GObject)

NF_AVAILABLE_IN_ALL
NfTag       *nf_tag_new              (const char *kind,
                                      const char *text);
NF_AVAILABLE_IN_ALL
NfTag       *nf_tag_copy             (NfTag      *self);
NF_AVAILABLE_IN_ALL
const char  *nf_tag_get_kind         (NfTag      *self);
NF_AVAILABLE_IN_ALL
void         nf_tag_set_kind         (NfTag      *self,
                                      const char *kind);
NF_AVAILABLE_IN_ALL
const char  *nf_tag_get_text         (NfTag      *self);
NF_AVAILABLE_IN_ALL
void         nf_tag_set_text         (NfTag      *self,
                                      const char *text);
NF_AVAILABLE_IN_ALL
const char  *nf_tag_get_normalized   (NfTag      *self);
NF_AVAILABLE_IN_ALL
void         nf_tag_set_normalized   (NfTag      *self,
                                      const char *normalized);
NF_AVAILABLE_IN_ALL
double       nf_tag_get_score        (NfTag      *self);
NF_AVAILABLE_IN_ALL
void         nf_tag_set_score        (NfTag      *self,
                                      double      score);
NF_AVAILABLE_IN_ALL
gboolean     nf_tag_has_score        (NfTag      *self);
NF_AVAILABLE_IN_ALL
const char  *nf_tag_get_speaker      (NfTag      *self);
NF_AVAILABLE_IN_ALL
void         nf_tag_set_speaker      (NfTag      *self,
                                      const char *speaker);
NF_AVAILABLE_IN_ALL
void         nf_tag_add_mention      (NfTag      *self,
                                      guint       start,
                                      guint       end);
NF_AVAILABLE_IN_ALL
guint        nf_tag_get_n_mentions   (NfTag      *self);
NF_AVAILABLE_IN_ALL
gboolean     nf_tag_get_mention      (NfTag      *self,
                                      guint       index,
                                      guint      *start,
                                      guint      *end);
NF_AVAILABLE_IN_ALL
JsonNode    *nf_tag_to_json          (NfTag      *self);
NF_AVAILABLE_IN_ALL
NfTag       *nf_tag_new_from_json    (JsonNode   *node,
                                      GError    **error);

G_END_DECLS
