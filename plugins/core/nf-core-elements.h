/* nf-core-elements.h: the element types of the core plugin, not installed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <newsfilter.h>

G_BEGIN_DECLS

/**
 * NfFileSrcFormat:
 * @NF_FILE_SRC_FORMAT_AUTO: by the file's extension (by the first bytes for
 *   standard input and unknown extensions)
 * @NF_FILE_SRC_FORMAT_HTML: an HTML page per file
 * @NF_FILE_SRC_FORMAT_TEXT: a plain text article per file
 * @NF_FILE_SRC_FORMAT_JSONL: JSON Lines, one record per line
 *
 * How `filesrc` reads its files.
 */
typedef enum {
  NF_FILE_SRC_FORMAT_AUTO,
  NF_FILE_SRC_FORMAT_HTML,
  NF_FILE_SRC_FORMAT_TEXT,
  NF_FILE_SRC_FORMAT_JSONL,
} NfFileSrcFormat;

#define NF_TYPE_FILE_SRC_FORMAT (nf_file_src_format_get_type ())
GType nf_file_src_format_get_type (void) G_GNUC_CONST;

#define NF_TYPE_FILE_SRC (nf_file_src_get_type ())
G_DECLARE_FINAL_TYPE (NfFileSrc, nf_file_src, NF, FILE_SRC, NfSource)

/* The base of the sinks that write to a file or standard output: it owns
 * `location` and the buffered output; a subclass only formats each
 * document (@index counts the documents written before it). */
#define NF_TYPE_FILE_SINK (nf_file_sink_get_type ())
G_DECLARE_DERIVABLE_TYPE (NfFileSink, nf_file_sink, NF, FILE_SINK, NfSink)

struct _NfFileSinkClass
{
  NfSinkClass parent_class;

  void (*format) (NfFileSink *self,
                  NfDocument *document,
                  guint64     index,
                  GString    *out);
};

#define NF_TYPE_JSON_SINK (nf_json_sink_get_type ())
G_DECLARE_FINAL_TYPE (NfJsonSink, nf_json_sink, NF, JSON_SINK, NfFileSink)

#define NF_TYPE_TEXT_SINK (nf_text_sink_get_type ())
G_DECLARE_FINAL_TYPE (NfTextSink, nf_text_sink, NF, TEXT_SINK, NfFileSink)

#define NF_TYPE_TEE (nf_tee_get_type ())
G_DECLARE_FINAL_TYPE (NfTee, nf_tee, NF, TEE, NfFilter)

#define NF_TYPE_IDENTITY (nf_identity_get_type ())
G_DECLARE_FINAL_TYPE (NfIdentity, nf_identity, NF, IDENTITY, NfFilter)

#define NF_TYPE_FAKE_SRC (nf_fake_src_get_type ())
G_DECLARE_FINAL_TYPE (NfFakeSrc, nf_fake_src, NF, FAKE_SRC, NfSource)

#define NF_TYPE_FAKE_SINK (nf_fake_sink_get_type ())
G_DECLARE_FINAL_TYPE (NfFakeSink, nf_fake_sink, NF, FAKE_SINK, NfSink)

G_END_DECLS
