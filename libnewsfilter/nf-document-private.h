/* nf-document-private.h: what the document, its tags and sentences share, not installed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "newsfilter.h"

G_BEGIN_DECLS

/* nf-charset.c: g_utf8_validate() with eight ASCII bytes checked at a
 * time, the common case for web pages (GLib 2.74's checks one byte at a
 * time). NUL bytes are invalid when @length is given; -1 means
 * NUL-terminated. */
gboolean     _nf_utf8_validate            (const char  *string,
                                           gssize       length,
                                           const char **end);

/* nf-charset.c: a copy of @string with every invalid sequence (the
 * maximal subpart, as WHATWG decoders count) and every NUL replaced by
 * U+FFFD; @length -1 for NUL-terminated */
char        *_nf_utf8_make_valid          (const char  *string,
                                           gssize       length);

/* Strings kept by documents are valid UTF-8: a copy of @string, repaired
 * with U+FFFD where it is not. */
char        *_nf_utf8_strdup              (const char  *string);
/* Replaces *@field with a valid UTF-8 copy of @value; FALSE if it was equal. */
gboolean     _nf_set_utf8_string          (char       **field,
                                           const char  *value);

/* JSON output without JsonGenerator: one line, shortest round-tripping
 * doubles, and invalid UTF-8 repaired on the way. */
void         _nf_json_write_node          (GString     *out,
                                           JsonNode    *node);
void         _nf_json_write_string        (GString     *out,
                                           const char  *string);
char        *_nf_json_node_to_string      (JsonNode    *node);

/* json_node_copy() shares objects and arrays; these do not. */
JsonNode    *_nf_json_node_deep_copy      (JsonNode    *node);
JsonObject  *_nf_json_object_deep_copy    (JsonObject  *object);

/* Reading records: @path names the enclosing value ("tags[2]") or is NULL
 * at the top; errors are NF_ELEMENT_ERROR_FORMAT naming the field. */
char        *_nf_json_field_name          (const char  *path,
                                           const char  *member);
gboolean     _nf_json_read_string         (JsonNode    *node,
                                           const char  *path,
                                           const char  *member,
                                           const char **out,
                                           GError     **error);
gboolean     _nf_json_read_double         (JsonNode    *node,
                                           const char  *path,
                                           const char  *member,
                                           double      *out,
                                           GError     **error);
gboolean     _nf_json_read_uint           (JsonNode    *node,
                                           const char  *path,
                                           const char  *member,
                                           guint       *out,
                                           GError     **error);
void         _nf_json_set_type_error      (GError     **error,
                                           const char  *path,
                                           const char  *member,
                                           const char  *expected,
                                           JsonNode    *node);

/* nf-tag.c */
NfTag       *_nf_tag_new_from_json_at     (JsonNode    *node,
                                           const char  *path,
                                           GError     **error);

/* nf-sentence.c: @text, if given, locates a sentence given as a bare string */
NfSentence  *_nf_sentence_new_from_json_at (JsonNode   *node,
                                           const char  *path,
                                           const char  *text,
                                           GError     **error);

G_END_DECLS
