/* nf-json-sink.c: writes each document as one line of JSON
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfJsonSink:
 *
 * `jsonsink` writes every document that reaches it, failed ones included, as
 * one JSON record per line (JSON Lines), in input order, to a file or to
 * standard output. `filesrc` reads the same records back.
 *
 * ```
 * nf-launch filesrc location=articles/ ! clean ! jsonsink location=out.jsonl
 * ```
 */
#include "nf-core-elements.h"

struct _NfJsonSink
{
  NfFileSink parent_instance;

  gboolean   include_content;
};

enum {
  PROP_0,
  PROP_INCLUDE_CONTENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NfJsonSink, nf_json_sink, NF_TYPE_FILE_SINK)

static void
nf_json_sink_format (NfFileSink *sink,
                     NfDocument *document,
                     guint64     index,
                     GString    *out)
{
  NfJsonSink *self = NF_JSON_SINK (sink);
  g_autofree char *line = nf_document_to_json_string (document, self->include_content);

  g_string_append (out, line);
  g_string_append_c (out, '\n');
}

static void
nf_json_sink_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NfJsonSink *self = NF_JSON_SINK (object);

  switch (prop_id)
    {
    case PROP_INCLUDE_CONTENT:
      g_value_set_boolean (value, self->include_content);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_json_sink_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  NfJsonSink *self = NF_JSON_SINK (object);

  switch (prop_id)
    {
    case PROP_INCLUDE_CONTENT:
      nf_property_update_boolean (object, &self->include_content, value, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_json_sink_class_init (NfJsonSinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = nf_json_sink_get_property;
  object_class->set_property = nf_json_sink_set_property;
  NF_FILE_SINK_CLASS (klass)->format = nf_json_sink_format;

  /**
   * NfJsonSink:include-content:
   *
   * Whether records also carry the document's raw content (the fetched or
   * read bytes, as UTF-8), which makes them much larger.
   */
  properties[PROP_INCLUDE_CONTENT] =
    g_param_spec_boolean ("include-content", "Include content",
                          "Write each document's raw content as well",
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  nf_element_class_set_metadata (NF_ELEMENT_CLASS (klass),
                                 "JSON Lines sink",
                                 "Sink/File",
                                 "Writes each document as one line of JSON to a file or standard output",
                                 "libnewsfilter authors");
}

static void
nf_json_sink_init (NfJsonSink *self)
{
}
