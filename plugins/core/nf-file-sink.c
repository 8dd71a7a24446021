/* nf-file-sink.c: what jsonsink and textsink share — a location, opened in
 * start, handed to the system at each commit, flushed and closed in stop,
 * one formatted piece per document
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-core-elements.h"
#include "nf-core-output.h"

NF_DEBUG_CATEGORY_STATIC (file_sink_debug);

typedef struct
{
  char         *location;
  NfCoreOutput *output;
  guint64       n_written;
} NfFileSinkPrivate;

enum {
  PROP_0,
  PROP_LOCATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (NfFileSink, nf_file_sink, NF_TYPE_SINK)

static gboolean
nf_file_sink_start (NfElement  *element,
                    GError    **error)
{
  NfFileSinkPrivate *priv = nf_file_sink_get_instance_private (NF_FILE_SINK (element));

  g_clear_pointer (&priv->output, nf_core_output_free);
  priv->n_written = 0;
  priv->output = nf_core_output_open (priv->location, error);
  NF_CAT_DEBUG (file_sink_debug, "%s: writing to %s",
                nf_element_get_name (element), priv->location);

  return priv->output != NULL;
}

static gboolean
nf_file_sink_stop (NfElement  *element,
                   GError    **error)
{
  NfFileSinkPrivate *priv = nf_file_sink_get_instance_private (NF_FILE_SINK (element));
  gboolean ok = TRUE;

  if (priv->output != NULL)
    ok = nf_core_output_close (priv->output, error);

  g_clear_pointer (&priv->output, nf_core_output_free);
  return ok;
}

static gboolean
nf_file_sink_render (NfSink      *sink,
                     NfDocument  *document,
                     GError     **error)
{
  NfFileSink *self = NF_FILE_SINK (sink);
  NfFileSinkPrivate *priv = nf_file_sink_get_instance_private (self);
  g_autoptr(GString) piece = NULL;

  if (priv->output == NULL)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_WRITE,
                   "%s is not open for writing", priv->location);
      return FALSE;
    }

  piece = g_string_new (NULL);
  NF_FILE_SINK_GET_CLASS (self)->format (self, document, priv->n_written++, piece);
  return nf_core_output_write (priv->output, piece->str, piece->len, error);
}

/* What was rendered goes to the system before the source hears it is done
 * (a worker acknowledges its input only for what reached the file). */
static gboolean
nf_file_sink_commit (NfSink  *sink,
                     GError **error)
{
  NfFileSinkPrivate *priv = nf_file_sink_get_instance_private (NF_FILE_SINK (sink));

  return priv->output == NULL || nf_core_output_flush (priv->output, error);
}

static void
nf_file_sink_finalize (GObject *object)
{
  NfFileSinkPrivate *priv = nf_file_sink_get_instance_private (NF_FILE_SINK (object));

  g_clear_pointer (&priv->output, nf_core_output_free);
  g_free (priv->location);

  G_OBJECT_CLASS (nf_file_sink_parent_class)->finalize (object);
}

static void
nf_file_sink_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NfFileSinkPrivate *priv = nf_file_sink_get_instance_private (NF_FILE_SINK (object));

  switch (prop_id)
    {
    case PROP_LOCATION:
      g_value_set_string (value, priv->location);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_file_sink_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  NfFileSinkPrivate *priv = nf_file_sink_get_instance_private (NF_FILE_SINK (object));

  switch (prop_id)
    {
    case PROP_LOCATION:
      {
        /* Unset means standard output, as the default says. */
        g_auto(GValue) location = G_VALUE_INIT;

        g_value_init (&location, G_TYPE_STRING);
        g_value_set_string (&location, g_value_get_string (value) ? g_value_get_string (value) : "-");
        nf_property_update_string (object, &priv->location, &location, pspec);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_file_sink_class_init (NfFileSinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfSinkClass *sink_class = NF_SINK_CLASS (klass);

  object_class->finalize = nf_file_sink_finalize;
  object_class->get_property = nf_file_sink_get_property;
  object_class->set_property = nf_file_sink_set_property;

  element_class->start = nf_file_sink_start;
  element_class->stop = nf_file_sink_stop;
  sink_class->render = nf_file_sink_render;
  sink_class->commit = nf_file_sink_commit;

  /**
   * NfFileSink:location:
   *
   * The file to write, created or truncated; `-` writes to standard output.
   */
  properties[PROP_LOCATION] =
    g_param_spec_string ("location", "Location",
                         "File to write to, created or truncated (- for standard output)",
                         "-",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  NF_DEBUG_CATEGORY_INIT (file_sink_debug, "filesink", "jsonsink's and textsink's output files");
}

static void
nf_file_sink_init (NfFileSink *self)
{
  NfFileSinkPrivate *priv = nf_file_sink_get_instance_private (self);

  priv->location = g_strdup ("-");
}
