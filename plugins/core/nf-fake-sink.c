/* nf-fake-sink.c: counts documents and throws them away
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfFakeSink:
 *
 * `fakesink` consumes documents without doing anything with them but count
 * them (the read-only [property@NfFakeSink:count]); for tests and benchmarks.
 */
#include "nf-core-elements.h"

NF_DEBUG_CATEGORY_STATIC (fake_sink_debug);

struct _NfFakeSink
{
  NfSink  parent_instance;

  guint64 count;  /* atomic: the application may read it while the pipeline runs */
};

enum {
  PROP_0,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NfFakeSink, nf_fake_sink, NF_TYPE_SINK)

static gboolean
nf_fake_sink_start (NfElement  *element,
                    GError    **error)
{
  NfFakeSink *self = NF_FAKE_SINK (element);

  __atomic_store_n (&self->count, 0, __ATOMIC_RELAXED);
  return TRUE;
}

static gboolean
nf_fake_sink_stop (NfElement  *element,
                   GError    **error)
{
  NfFakeSink *self = NF_FAKE_SINK (element);

  NF_CAT_DEBUG (fake_sink_debug, "%s: %" G_GUINT64_FORMAT " documents",
                nf_element_get_name (element), __atomic_load_n (&self->count, __ATOMIC_RELAXED));
  return TRUE;
}

static gboolean
nf_fake_sink_render (NfSink      *sink,
                     NfDocument  *document,
                     GError     **error)
{
  NfFakeSink *self = NF_FAKE_SINK (sink);

  __atomic_fetch_add (&self->count, 1, __ATOMIC_RELAXED);
  return TRUE;
}

static void
nf_fake_sink_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NfFakeSink *self = NF_FAKE_SINK (object);

  switch (prop_id)
    {
    case PROP_COUNT:
      g_value_set_uint64 (value, __atomic_load_n (&self->count, __ATOMIC_RELAXED));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_fake_sink_class_init (NfFakeSinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfSinkClass *sink_class = NF_SINK_CLASS (klass);

  object_class->get_property = nf_fake_sink_get_property;

  element_class->start = nf_fake_sink_start;
  element_class->stop = nf_fake_sink_stop;
  sink_class->render = nf_fake_sink_render;

  /**
   * NfFakeSink:count:
   *
   * How many documents reached the sink in the current or last run. It
   * changes on the pipeline's threads without notification (a notify signal
   * per document would cost more than the sink): read it when you need it.
   */
  properties[PROP_COUNT] =
    g_param_spec_uint64 ("count", "Count",
                         "Number of documents received in the current or last run",
                         0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  nf_element_class_set_metadata (element_class,
                                 "Fake sink",
                                 "Sink",
                                 "Counts the documents it receives and discards them",
                                 "libnewsfilter authors");

  NF_DEBUG_CATEGORY_INIT (fake_sink_debug, "fakesink", "the fakesink element");
}

static void
nf_fake_sink_init (NfFakeSink *self)
{
}
