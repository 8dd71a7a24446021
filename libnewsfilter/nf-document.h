/* nf-document.h: one article flowing through a pipeline
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include "nf-version-macros.h"
#include "nf-types.h"

G_BEGIN_DECLS

#define NF_TYPE_DOCUMENT (nf_document_get_type ())

NF_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (NfDocument, nf_document, NF, DOCUMENT, GObject)

NF_AVAILABLE_IN_ALL
NfDocument         *nf_document_new                (const char  *id);
NF_AVAILABLE_IN_ALL
NfDocument         *nf_document_copy               (NfDocument  *self);

/* The record's string fields; NULL means absent. */
NF_AVAILABLE_IN_ALL
const char         *nf_document_get_id             (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_set_id             (NfDocument  *self,
                                                    const char  *id);
NF_AVAILABLE_IN_ALL
const char         *nf_document_get_uri            (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_set_uri            (NfDocument  *self,
                                                    const char  *uri);
NF_AVAILABLE_IN_ALL
const char         *nf_document_get_canonical_uri  (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_set_canonical_uri  (NfDocument  *self,
                                                    const char  *uri);
NF_AVAILABLE_IN_ALL
const char         *nf_document_get_title          (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_set_title          (NfDocument  *self,
                                                    const char  *title);
NF_AVAILABLE_IN_ALL
const char         *nf_document_get_published      (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_set_published      (NfDocument  *self,
                                                    const char  *published);
NF_AVAILABLE_IN_ALL
const char         *nf_document_get_modified       (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_set_modified       (NfDocument  *self,
                                                    const char  *modified);
NF_AVAILABLE_IN_ALL
const char         *nf_document_get_language       (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_set_language       (NfDocument  *self,
                                                    const char  *language);
NF_AVAILABLE_IN_ALL
const char         *nf_document_get_site_name      (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_set_site_name      (NfDocument  *self,
                                                    const char  *site_name);
NF_AVAILABLE_IN_ALL
const char         *nf_document_get_description    (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_set_description    (NfDocument  *self,
                                                    const char  *description);
NF_AVAILABLE_IN_ALL
const char         *nf_document_get_image          (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_set_image          (NfDocument  *self,
                                                    const char  *image);
NF_AVAILABLE_IN_ALL
const char         *nf_document_get_text           (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_set_text           (NfDocument  *self,
                                                    const char  *text);
NF_AVAILABLE_IN_ALL
const char         *nf_document_get_duplicate_of   (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_set_duplicate_of   (NfDocument  *self,
                                                    const char  *duplicate_of);
NF_AVAILABLE_IN_ALL
void                nf_document_take_text          (NfDocument  *self,
                                                    char        *text);

/* Authors */
NF_AVAILABLE_IN_ALL
const char * const *nf_document_get_authors        (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_set_authors        (NfDocument  *self,
                                                    const char * const *authors);
NF_AVAILABLE_IN_ALL
void                nf_document_add_author         (NfDocument  *self,
                                                    const char  *author);

/* Raw content, before cleaning */
NF_AVAILABLE_IN_ALL
GBytes             *nf_document_get_content        (NfDocument  *self);
NF_AVAILABLE_IN_ALL
const char         *nf_document_get_content_type   (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_set_content        (NfDocument  *self,
                                                    GBytes      *content,
                                                    const char  *content_type);

/* Summary */
NF_AVAILABLE_IN_ALL
GPtrArray          *nf_document_get_summary        (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_add_summary        (NfDocument  *self,
                                                    NfSentence  *sentence);
NF_AVAILABLE_IN_ALL
void                nf_document_clear_summary      (NfDocument  *self);

/* Tags */
NF_AVAILABLE_IN_ALL
GPtrArray          *nf_document_get_tags           (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_add_tag            (NfDocument  *self,
                                                    NfTag       *tag);
NF_AVAILABLE_IN_ALL
GPtrArray          *nf_document_get_tags_by_kind   (NfDocument  *self,
                                                    const char  *kind);

/* Free-form fields added by elements */
NF_AVAILABLE_IN_ALL
JsonObject         *nf_document_get_meta           (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_set_meta_string    (NfDocument  *self,
                                                    const char  *key,
                                                    const char  *value);
NF_AVAILABLE_IN_ALL
const char         *nf_document_get_meta_string    (NfDocument  *self,
                                                    const char  *key);
NF_AVAILABLE_IN_ALL
void                nf_document_set_meta_node      (NfDocument  *self,
                                                    const char  *key,
                                                    JsonNode    *value);
NF_AVAILABLE_IN_ALL
JsonNode           *nf_document_get_meta_node      (NfDocument  *self,
                                                    const char  *key);

/* Failure */
NF_AVAILABLE_IN_ALL
const GError       *nf_document_get_error          (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_set_error          (NfDocument  *self,
                                                    const GError *error);
NF_AVAILABLE_IN_ALL
gboolean            nf_document_has_error          (NfDocument  *self);
NF_AVAILABLE_IN_ALL
const char         *nf_document_get_error_element  (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_set_error_element  (NfDocument  *self,
                                                    const char  *element_path);
NF_AVAILABLE_IN_ALL
guint               nf_document_get_http_status    (NfDocument  *self);
NF_AVAILABLE_IN_ALL
void                nf_document_set_http_status    (NfDocument  *self,
                                                    guint        status);

/* The JSON record */
NF_AVAILABLE_IN_ALL
JsonNode           *nf_document_to_json            (NfDocument  *self,
                                                    gboolean     include_content);
NF_AVAILABLE_IN_ALL
char               *nf_document_to_json_string     (NfDocument  *self,
                                                    gboolean     include_content);
NF_AVAILABLE_IN_ALL
NfDocument         *nf_document_new_from_json      (JsonNode    *node,
                                                    GError     **error);
NF_AVAILABLE_IN_ALL
NfDocument         *nf_document_new_from_json_string (const char *json,
                                                    gssize       length,
                                                    GError     **error);

/* Offsets */
NF_AVAILABLE_IN_ALL
guint               nf_offset_to_utf16             (const char  *text,
                                                    guint        offset);
NF_AVAILABLE_IN_ALL
guint               nf_offset_from_utf16           (const char  *text,
                                                    guint        offset);

G_END_DECLS
