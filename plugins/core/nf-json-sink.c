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
#include "nf-core-output.h"

NF_DEBUG_CATEGORY_STATIC (json_sink_debug);

struct _NfJsonSink
{
  NfSink        parent_instance;

  char         *location;
  gboolean      include_content;

  NfCoreOutput *output;
};

enum {
  PROP_0,
  PROP_LOCATION,
  PROP_INCLUDE_CONTENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NfJsonSink, nf_json_sink, NF_TYPE_SINK)

static gboolean
nf_json_sink_start (NfElement  *element,
                    GError    **error)
{
  NfJsonSink *self = NF_JSON_SINK (element);

  g_clear_pointer (&self->output, nf_core_output_free);
  self->output = nf_core_output_open (self->location, error);
  NF_CAT_DEBUG (json_sink_debug, "%s: writing to %s",
                nf_element_get_name (element), self->location);

  return self->output != NULL;
}

static gboolean
nf_json_sink_stop (NfElement  *element,
                   GError    **error)
{
  NfJsonSink *self = NF_JSON_SINK (element);
  gboolean ok = TRUE;

  if (self->output != NULL)
    ok = nf_core_output_close (self->output, error);

  g_clear_pointer (&self->output, nf_core_output_free);
  return ok;
}

static gboolean
nf_json_sink_render (NfSink      *sink,
                     NfDocument  *document,
                     GError     **error)
{
  NfJsonSink *self = NF_JSON_SINK (sink);
  g_autofree char *line = NULL;
  gsize length;

  if (self->output == NULL)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_WRITE,
                   "%s is not open for writing", self->location);
      return FALSE;
    }

  line = nf_document_to_json_string (document, self->include_content);
  length = strlen (line);

  /* Replace the terminating NUL with the line's end: one append, one copy. */
  line[length] = '\n';
  return nf_core_output_write (self->output, line, length + 1, error);
}

static void
nf_json_sink_finalize (GObject *object)
{
  NfJsonSink *self = NF_JSON_SINK (object);

  g_clear_pointer (&self->output, nf_core_output_free);
  g_free (self->location);

  G_OBJECT_CLASS (nf_json_sink_parent_class)->finalize (object);
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
    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;
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
    case PROP_LOCATION:
      {
        const char *location = g_value_get_string (value);

        if (location == NULL)
          location = "-";
        if (g_strcmp0 (self->location, location) != 0)
          {
            g_free (self->location);
            self->location = g_strdup (location);
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    case PROP_INCLUDE_CONTENT:
      if (self->include_content != g_value_get_boolean (value))
        {
          self->include_content = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_json_sink_class_init (NfJsonSinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfSinkClass *sink_class = NF_SINK_CLASS (klass);

  object_class->finalize = nf_json_sink_finalize;
  object_class->get_property = nf_json_sink_get_property;
  object_class->set_property = nf_json_sink_set_property;

  element_class->start = nf_json_sink_start;
  element_class->stop = nf_json_sink_stop;
  sink_class->render = nf_json_sink_render;

  /**
   * NfJsonSink:location:
   *
   * The file to write, created or truncated; `-` writes to standard output.
   */
  properties[PROP_LOCATION] =
    g_param_spec_string ("location", "Location",
                         "File to write the JSON Lines to (- for standard output)",
                         "-",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

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

  nf_element_class_set_metadata (element_class,
                                 "JSON Lines sink",
                                 "Sink/File",
                                 "Writes each document as one line of JSON to a file or standard output",
                                 "libnewsfilter authors");

  NF_DEBUG_CATEGORY_INIT (json_sink_debug, "jsonsink", "the jsonsink element");
}

static void
nf_json_sink_init (NfJsonSink *self)
{
  self->location = g_strdup ("-");
}
