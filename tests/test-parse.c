/* test-parse.c: launch strings to pipelines and back
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Tables of valid and invalid launch lines, as GStreamer's
 * tests/check/pipelines/parse-launch.c has them. The elements are defined
 * here and registered at run time, so no plugin is needed.
 */
#include <newsfilter.h>

/* G_DEFINE_*_TYPE define these without a prototype */
GType test_mode_get_type (void);
GType test_kind_get_type (void);
GType test_src_get_type (void);
GType test_filter_get_type (void);
GType test_sink_get_type (void);
GType test_tee_get_type (void);


/* ---- test elements ----------------------------------------------------- */

typedef enum {
  TEST_MODE_LEAD,
  TEST_MODE_TEXTRANK,
  TEST_MODE_LEXRANK,
} TestMode;

G_DEFINE_ENUM_TYPE (TestMode, test_mode,
  G_DEFINE_ENUM_VALUE (TEST_MODE_LEAD, "lead"),
  G_DEFINE_ENUM_VALUE (TEST_MODE_TEXTRANK, "textrank"),
  G_DEFINE_ENUM_VALUE (TEST_MODE_LEXRANK, "lexrank"))

typedef enum {
  TEST_KIND_PERSON = 1 << 0,
  TEST_KIND_PLACE  = 1 << 1,
  TEST_KIND_ORG    = 1 << 2,
} TestKind;

G_DEFINE_FLAGS_TYPE (TestKind, test_kind,
  G_DEFINE_ENUM_VALUE (TEST_KIND_PERSON, "person"),
  G_DEFINE_ENUM_VALUE (TEST_KIND_PLACE, "place"),
  G_DEFINE_ENUM_VALUE (TEST_KIND_ORG, "org"))

/* tsrc: a source with nothing to give */
typedef struct { NfSource parent; } TestSrc;
typedef struct { NfSourceClass parent_class; } TestSrcClass;
G_DEFINE_TYPE (TestSrc, test_src, NF_TYPE_SOURCE)

static gboolean
test_src_generate (NfSource *source, GCancellable *cancellable, GError **error)
{
  return TRUE;
}

static void
test_src_class_init (TestSrcClass *klass)
{
  NF_SOURCE_CLASS (klass)->generate = test_src_generate;
  nf_element_class_set_metadata (NF_ELEMENT_CLASS (klass), "Test source",
                                 "Source/Test", "Gives no document", "tests");
}

static void
test_src_init (TestSrc *self)
{
}

/* tfilter: a filter with a property of every type */
typedef struct {
  NfFilter parent;
  char *text;
  char *label;
  gboolean enabled;
  gboolean verbose;
  guint threads;
  int level;
  double ratio;
  float scale;
  gint64 big;
  guint64 size;
  TestMode mode;
  TestKind kinds;
  char **words;
  gint8 separator;
  guchar byte;
  long long_value;
  gulong ulong_value;
  int seed;
} TestFilter;
typedef struct { NfFilterClass parent_class; } TestFilterClass;
G_DEFINE_TYPE (TestFilter, test_filter, NF_TYPE_FILTER)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_LABEL,
  PROP_ENABLED,
  PROP_VERBOSE,
  PROP_THREADS,
  PROP_LEVEL,
  PROP_RATIO,
  PROP_SCALE,
  PROP_BIG,
  PROP_SIZE,
  PROP_MODE,
  PROP_KINDS,
  PROP_WORDS,
  PROP_SEPARATOR,
  PROP_BYTE,
  PROP_LONG_VALUE,
  PROP_ULONG_VALUE,
  PROP_COUNTER,
  PROP_SEED,
  N_PROPS
};

static void
test_filter_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  TestFilter *self = (TestFilter *) object;

  switch (id)
    {
    case PROP_TEXT: g_free (self->text); self->text = g_value_dup_string (value); break;
    case PROP_LABEL: g_free (self->label); self->label = g_value_dup_string (value); break;
    case PROP_ENABLED: self->enabled = g_value_get_boolean (value); break;
    case PROP_VERBOSE: self->verbose = g_value_get_boolean (value); break;
    case PROP_THREADS: self->threads = g_value_get_uint (value); break;
    case PROP_LEVEL: self->level = g_value_get_int (value); break;
    case PROP_RATIO: self->ratio = g_value_get_double (value); break;
    case PROP_SCALE: self->scale = g_value_get_float (value); break;
    case PROP_BIG: self->big = g_value_get_int64 (value); break;
    case PROP_SIZE: self->size = g_value_get_uint64 (value); break;
    case PROP_MODE: self->mode = g_value_get_enum (value); break;
    case PROP_KINDS: self->kinds = g_value_get_flags (value); break;
    case PROP_WORDS: g_strfreev (self->words); self->words = g_value_dup_boxed (value); break;
    case PROP_SEPARATOR: self->separator = g_value_get_schar (value); break;
    case PROP_BYTE: self->byte = g_value_get_uchar (value); break;
    case PROP_LONG_VALUE: self->long_value = g_value_get_long (value); break;
    case PROP_ULONG_VALUE: self->ulong_value = g_value_get_ulong (value); break;
    case PROP_SEED: self->seed = g_value_get_int (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
test_filter_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  TestFilter *self = (TestFilter *) object;

  switch (id)
    {
    case PROP_TEXT: g_value_set_string (value, self->text); break;
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    case PROP_ENABLED: g_value_set_boolean (value, self->enabled); break;
    case PROP_VERBOSE: g_value_set_boolean (value, self->verbose); break;
    case PROP_THREADS: g_value_set_uint (value, self->threads); break;
    case PROP_LEVEL: g_value_set_int (value, self->level); break;
    case PROP_RATIO: g_value_set_double (value, self->ratio); break;
    case PROP_SCALE: g_value_set_float (value, self->scale); break;
    case PROP_BIG: g_value_set_int64 (value, self->big); break;
    case PROP_SIZE: g_value_set_uint64 (value, self->size); break;
    case PROP_MODE: g_value_set_enum (value, self->mode); break;
    case PROP_KINDS: g_value_set_flags (value, self->kinds); break;
    case PROP_WORDS: g_value_set_boxed (value, self->words); break;
    case PROP_SEPARATOR: g_value_set_schar (value, self->separator); break;
    case PROP_BYTE: g_value_set_uchar (value, self->byte); break;
    case PROP_LONG_VALUE: g_value_set_long (value, self->long_value); break;
    case PROP_ULONG_VALUE: g_value_set_ulong (value, self->ulong_value); break;
    case PROP_COUNTER: g_value_set_uint (value, 7); break;
    case PROP_SEED: g_value_set_int (value, self->seed); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
test_filter_finalize (GObject *object)
{
  TestFilter *self = (TestFilter *) object;

  g_free (self->text);
  g_free (self->label);
  g_strfreev (self->words);
  G_OBJECT_CLASS (test_filter_parent_class)->finalize (object);
}

static void
test_filter_class_init (TestFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamSpec *props[N_PROPS] = { NULL, };
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->set_property = test_filter_set_property;
  object_class->get_property = test_filter_get_property;
  object_class->finalize = test_filter_finalize;

  props[PROP_TEXT] = g_param_spec_string ("text", "Text", "A string", NULL, rw);
  props[PROP_LABEL] = g_param_spec_string ("label", "Label", "A string", "none", rw | G_PARAM_CONSTRUCT);
  props[PROP_ENABLED] = g_param_spec_boolean ("enabled", "Enabled", "A boolean", FALSE, rw);
  props[PROP_VERBOSE] = g_param_spec_boolean ("verbose", "Verbose", "A boolean", TRUE, rw | G_PARAM_CONSTRUCT);
  props[PROP_THREADS] = g_param_spec_uint ("threads", "Threads", "A guint", 0, 64, 0, rw);
  props[PROP_LEVEL] = g_param_spec_int ("level", "Level", "A gint", -10, 10, 0, rw);
  props[PROP_RATIO] = g_param_spec_double ("ratio", "Ratio", "A gdouble", 0, 1, 0.5, rw | G_PARAM_CONSTRUCT);
  props[PROP_SCALE] = g_param_spec_float ("scale", "Scale", "A gfloat", 0, 100, 1, rw | G_PARAM_CONSTRUCT);
  props[PROP_BIG] = g_param_spec_int64 ("big", "Big", "A gint64", G_MININT64, G_MAXINT64, 0, rw);
  props[PROP_SIZE] = g_param_spec_uint64 ("size", "Size", "A guint64", 0, G_MAXUINT64, 0, rw);
  props[PROP_MODE] = g_param_spec_enum ("mode", "Mode", "An enum", test_mode_get_type (),
                                        TEST_MODE_LEAD, rw);
  props[PROP_KINDS] = g_param_spec_flags ("kinds", "Kinds", "Flags", test_kind_get_type (), 0, rw);
  props[PROP_WORDS] = g_param_spec_boxed ("words", "Words", "A GStrv", G_TYPE_STRV, rw);
  props[PROP_SEPARATOR] = g_param_spec_char ("separator", "Separator", "A gchar",
                                             G_MININT8, G_MAXINT8, ',', rw | G_PARAM_CONSTRUCT);
  props[PROP_BYTE] = g_param_spec_uchar ("byte", "Byte", "A guchar", 0, 255, 0, rw);
  props[PROP_LONG_VALUE] = g_param_spec_long ("long-value", "Long value", "A glong",
                                              G_MINLONG, G_MAXLONG, 0, rw);
  props[PROP_ULONG_VALUE] = g_param_spec_ulong ("ulong-value", "Unsigned long value", "A gulong",
                                                0, G_MAXULONG, 0, rw);
  props[PROP_COUNTER] = g_param_spec_uint ("counter", "Counter", "Read-only",
                                           0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_SEED] = g_param_spec_int ("seed", "Seed", "Construct-only", 0, 100, 0,
                                       rw | G_PARAM_CONSTRUCT_ONLY);
  g_object_class_install_properties (object_class, N_PROPS, props);

  nf_element_class_set_metadata (NF_ELEMENT_CLASS (klass), "Test filter",
                                 "Filter/Test", "Has a property of every type", "tests");
}

static void
test_filter_init (TestFilter *self)
{
}

/* tsink: a sink with a location */
typedef struct { NfSink parent; char *location; } TestSink;
typedef struct { NfSinkClass parent_class; } TestSinkClass;
G_DEFINE_TYPE (TestSink, test_sink, NF_TYPE_SINK)

static void
test_sink_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  TestSink *self = (TestSink *) object;

  g_free (self->location);
  self->location = g_value_dup_string (value);
}

static void
test_sink_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  g_value_set_string (value, ((TestSink *) object)->location);
}

static void
test_sink_finalize (GObject *object)
{
  g_free (((TestSink *) object)->location);
  G_OBJECT_CLASS (test_sink_parent_class)->finalize (object);
}

static gboolean
test_sink_render (NfSink *sink, NfDocument *document, GError **error)
{
  return TRUE;
}

static void
test_sink_class_init (TestSinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = test_sink_set_property;
  object_class->get_property = test_sink_get_property;
  object_class->finalize = test_sink_finalize;
  NF_SINK_CLASS (klass)->render = test_sink_render;
  g_object_class_install_property (object_class, 1,
    g_param_spec_string ("location", "Location", "Where to write", NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  nf_element_class_set_metadata (NF_ELEMENT_CLASS (klass), "Test sink",
                                 "Sink/Test", "Drops documents", "tests");
}

static void
test_sink_init (TestSink *self)
{
}

/* ttee and tsummarize: plain filters (the default process pushes) */
typedef struct { NfFilter parent; } TestTee;
typedef struct { NfFilterClass parent_class; } TestTeeClass;
G_DEFINE_TYPE (TestTee, test_tee, NF_TYPE_FILTER)

static void
test_tee_class_init (TestTeeClass *klass)
{
  nf_element_class_set_metadata (NF_ELEMENT_CLASS (klass), "Test tee",
                                 "Filter/Test", "Passes documents on", "tests");
}

static void
test_tee_init (TestTee *self)
{
}

static void
register_test_elements (void)
{
  g_assert_nonnull (nf_element_register (NULL, "tsrc", test_src_get_type (), NF_ELEMENT_FLAG_NONE));
  g_assert_nonnull (nf_element_register (NULL, "tfilter", test_filter_get_type (), NF_ELEMENT_FLAG_NONE));
  g_assert_nonnull (nf_element_register (NULL, "tsink", test_sink_get_type (), NF_ELEMENT_FLAG_NONE));
  g_assert_nonnull (nf_element_register (NULL, "ttee", test_tee_get_type (), NF_ELEMENT_FLAG_NONE));
  g_assert_nonnull (nf_element_register (NULL, "tsummarize", test_tee_get_type (), NF_ELEMENT_FLAG_NONE));
}

/* ---- valid lines ------------------------------------------------------- */

typedef struct {
  const char *line;
  const char *written;   /* nf_pipeline_to_launch_string(); NULL: the line itself */
} ValidCase;

static const ValidCase valid_cases[] = {
  /* chains and spacing */
  { "tsrc", NULL },
  { "tsrc ! tsink", NULL },
  { "tsrc!tsink", "tsrc ! tsink" },
  { "  tsrc   !   tsink  ", "tsrc ! tsink" },
  { "tsrc\t!\ntsink", "tsrc ! tsink" },
  { "tsrc ! tfilter ! tsink", NULL },
  { "tsrc ! tfilter ! tfilter ! tfilter ! tsink", NULL },
  { "tsrc ! tsink tfilter ! tsink", NULL },
  /* values, quoting and escapes */
  { "tsrc ! tsink location=out.jsonl", NULL },
  { "tsrc ! tsink location=\"a b/c d\"", NULL },
  { "tsrc ! tsink location='a b'", "tsrc ! tsink location=\"a b\"" },
  { "tsrc ! tsink location=a\\ b", "tsrc ! tsink location=\"a b\"" },
  { "tsrc ! tsink location=\"say \\\"hi\\\"\"", NULL },
  { "tsrc ! tsink location='say \"hi\"'", "tsrc ! tsink location=\"say \\\"hi\\\"\"" },
  { "tsrc ! tsink location='it\\'s'", "tsrc ! tsink location=\"it's\"" },
  { "tsrc ! tsink location='C:\\dir'", "tsrc ! tsink location=\"C:\\\\dir\"" },
  { "tsrc ! tsink location=C:\\dir", "tsrc ! tsink location=\"C:\\\\dir\"" },
  { "tsrc ! tsink location=a\\!b", "tsrc ! tsink location=\"a!b\"" },
  { "tsrc ! tsink location=\"a!b\"", NULL },
  { "tsrc ! tsink location=\"line\\none\"", NULL },
  { "tsrc ! tsink location=\"tab\\there\"", NULL },
  { "tsrc ! tsink location=\"a\\ b\"", "tsrc ! tsink location=\"a b\"" },
  { "tsrc ! tsink location=\"\"", NULL },
  { "tsrc ! tsink location=x=y", NULL },
  { "tsrc ! tsink location=ünïcödé/ß", NULL },
  { "tsrc ! tfilter text=\"a\"!tsink", "tsrc ! tfilter text=a ! tsink" },
  /* names */
  { "tsrc ! tfilter name=f ! tsink", NULL },
  { "tsrc ! tfilter name=tfilter0 ! tsink", "tsrc ! tfilter ! tsink" },
  { "tsrc ! tfilter name=\"my filter\" ! tsink", NULL },
  { "tsrc ! tfilter name=a name=b ! tsink", "tsrc ! tfilter name=b ! tsink" },
  /* branches and references */
  { "tsrc ! ttee name=t t. ! tsink t. ! tsink", "tsrc ! ttee name=t ! tsink t. ! tsink" },
  { "tsrc ! ttee name=t ! tsink t. ! tsink", NULL },
  { "tsrc ! ttee name=t ! tsink t. ! tsink t. ! tsink", NULL },
  { "tsrc ! ttee ! tsink ttee0. ! tsink", "tsrc ! ttee name=ttee0 ! tsink ttee0. ! tsink" },
  { "tsrc ! ttee name=t t. ! tfilter ! tsink location=o.jsonl t. ! tsink",
    "tsrc ! ttee name=t ! tfilter ! tsink location=o.jsonl t. ! tsink" },
  { "tsrc ! ttee name=a ! ttee name=b ! tsink b. ! tsink a. ! tsink",
    "tsrc ! ttee name=a ! ttee name=b ! tsink a. ! tsink b. ! tsink" },
  { "t. ! tsink tsrc ! ttee name=t ! tsink", "tsrc ! ttee name=t ! tsink t. ! tsink" },
  { "tsrc ! tfilter name=f f. ! tsink", "tsrc ! tfilter name=f ! tsink" },
  { "tsrc name=s s. ! tfilter ! tsink", "tsrc name=s ! tfilter ! tsink" },
  { "tfilter name=f ! tsink tsrc ! f.", "tsrc ! tfilter name=f ! tsink" },
  { "tfilter name=f tsrc ! f. ! tsink", "tsrc ! tfilter name=f ! tsink" },
  /* booleans */
  { "tsrc ! tfilter enabled=true ! tsink", NULL },
  { "tsrc ! tfilter enabled=yes ! tsink", "tsrc ! tfilter enabled=true ! tsink" },
  { "tsrc ! tfilter enabled=on ! tsink", "tsrc ! tfilter enabled=true ! tsink" },
  { "tsrc ! tfilter enabled=1 ! tsink", "tsrc ! tfilter enabled=true ! tsink" },
  { "tsrc ! tfilter enabled=TRUE ! tsink", "tsrc ! tfilter enabled=true ! tsink" },
  { "tsrc ! tfilter enabled=false ! tsink", "tsrc ! tfilter ! tsink" },
  { "tsrc ! tfilter verbose=no ! tsink", "tsrc ! tfilter verbose=false ! tsink" },
  { "tsrc ! tfilter verbose=off ! tsink", "tsrc ! tfilter verbose=false ! tsink" },
  { "tsrc ! tfilter verbose=0 ! tsink", "tsrc ! tfilter verbose=false ! tsink" },
  /* numbers */
  { "tsrc ! tfilter threads=64 ! tsink", NULL },
  { "tsrc ! tfilter threads=0 ! tsink", "tsrc ! tfilter ! tsink" },
  { "tsrc ! tfilter threads=0x10 ! tsink", "tsrc ! tfilter threads=16 ! tsink" },
  { "tsrc ! tfilter threads=2 threads=3 ! tsink", "tsrc ! tfilter threads=3 ! tsink" },
  { "tsrc ! tfilter level=-10 ! tsink", NULL },
  { "tsrc ! tfilter level=+10 ! tsink", "tsrc ! tfilter level=10 ! tsink" },
  { "tsrc ! tfilter ratio=0.25 ! tsink", NULL },
  { "tsrc ! tfilter ratio=1 ! tsink", NULL },
  { "tsrc ! tfilter ratio=.5 ! tsink", "tsrc ! tfilter ! tsink" },
  { "tsrc ! tfilter scale=2.5 ! tsink", NULL },
  { "tsrc ! tfilter scale=0.1 ! tsink", NULL },
  { "tsrc ! tfilter size=64M ! tsink", "tsrc ! tfilter size=67108864 ! tsink" },
  { "tsrc ! tfilter size=1k ! tsink", "tsrc ! tfilter size=1024 ! tsink" },
  { "tsrc ! tfilter size=2G ! tsink", "tsrc ! tfilter size=2147483648 ! tsink" },
  { "tsrc ! tfilter size=18446744073709551615 ! tsink", NULL },
  { "tsrc ! tfilter big=-9223372036854775808 ! tsink", NULL },
  { "tsrc ! tfilter long-value=-5 ulong-value=5 ! tsink", NULL },
  { "tsrc ! tfilter long_value=-5 ! tsink", "tsrc ! tfilter long-value=-5 ! tsink" },
  { "tsrc ! tfilter separator=; ! tsink", "tsrc ! tfilter separator=59 ! tsink" },
  { "tsrc ! tfilter byte=255 ! tsink", NULL },
  /* enums and flags */
  { "tsrc ! tfilter mode=textrank ! tsink", NULL },
  { "tsrc ! tfilter mode=TEST_MODE_LEXRANK ! tsink", "tsrc ! tfilter mode=lexrank ! tsink" },
  { "tsrc ! tfilter mode=1 ! tsink", "tsrc ! tfilter mode=textrank ! tsink" },
  { "tsrc ! tfilter mode=lead ! tsink", "tsrc ! tfilter ! tsink" },
  { "tsrc ! tfilter kinds=person+place ! tsink", NULL },
  { "tsrc ! tfilter kinds=place|person ! tsink", "tsrc ! tfilter kinds=person+place ! tsink" },
  { "tsrc ! tfilter kinds=4 ! tsink", "tsrc ! tfilter kinds=org ! tsink" },
  { "tsrc ! tfilter kinds=TEST_KIND_PERSON+org ! tsink", "tsrc ! tfilter kinds=person+org ! tsink" },
  /* lists of strings */
  { "tsrc ! tfilter words=a,b,c ! tsink", NULL },
  { "tsrc ! tfilter words=\"a, b\" ! tsink", "tsrc ! tfilter words=a,b ! tsink" },
  { "tsrc ! tfilter words='x,\"y,z\"' ! tsink", "tsrc ! tfilter words=\"x,\\\"y,z\\\"\" ! tsink" },
  { "tsrc ! tfilter words=\"\" ! tsink", NULL },
  /* several properties, written in the order the class installed them */
  { "tsrc ! tfilter mode=lexrank threads=4 enabled=true text=\"hello world\" ! tsink",
    "tsrc ! tfilter text=\"hello world\" enabled=true threads=4 mode=lexrank ! tsink" },
  { "tsrc ! tfilter label=none ! tsink", "tsrc ! tfilter ! tsink" },
  { "tsrc ! tfilter label=other name=x ! tsink location=y", "tsrc ! tfilter name=x label=other ! tsink location=y" },
};

static NfPipeline *
parse_ok (const char *line)
{
  g_autoptr(GError) error = NULL;
  guint column = 99;
  NfPipeline *pipeline;

  pipeline = nf_parse_launch_full (line, &column, &error);
  if (error != NULL)
    g_test_message ("parsing “%s”: %s", line, error->message);
  g_assert_no_error (error);
  g_assert_nonnull (pipeline);
  g_assert_cmpuint (column, ==, 0);
  return pipeline;
}

static void
test_valid_lines (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (valid_cases), >=, 45);

  for (gsize i = 0; i < G_N_ELEMENTS (valid_cases); i++)
    {
      const ValidCase *c = &valid_cases[i];
      const char *expected = c->written != NULL ? c->written : c->line;
      g_autoptr(NfPipeline) pipeline = NULL;
      g_autoptr(NfPipeline) again = NULL;
      g_autofree char *written = NULL;
      g_autofree char *rewritten = NULL;

      g_test_message ("valid line %" G_GSIZE_FORMAT ": %s", i, c->line);
      pipeline = parse_ok (c->line);
      written = nf_pipeline_to_launch_string (pipeline);
      g_assert_cmpstr (written, ==, expected);

      /* the written line makes the same pipeline */
      again = parse_ok (written);
      rewritten = nf_pipeline_to_launch_string (again);
      g_assert_cmpstr (rewritten, ==, written);
    }
}

/* ---- what the valid lines make ------------------------------------------- */

static NfElement *
get_element (NfPipeline *pipeline,
             const char *name)
{
  NfElement *element = nf_pipeline_get_by_name (pipeline, name);

  g_assert_nonnull (element);
  return element;
}

static void
assert_downstream (NfElement  *element,
                   const char *names)
{
  g_autoptr(GPtrArray) downstream = nf_element_get_downstream (element);
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < downstream->len; i++)
    g_string_append_printf (got, "%s%s", i > 0 ? " " : "",
                            nf_element_get_name (g_ptr_array_index (downstream, i)));
  g_assert_cmpstr (got->str, ==, names);
}

static void
test_elements_and_links (void)
{
  g_autoptr(NfPipeline) p = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  TestFilter *filter;
  TestSink *sink;

  p = parse_ok ("tsrc ! ttee name=t t. ! tfilter ! tsink location=\"a b/c d\" t. ! tsink");
  elements = nf_pipeline_get_elements (p);
  g_assert_cmpuint (elements->len, ==, 5);
  g_assert_null (nf_element_get_upstream (get_element (p, "tsrc0")));
  g_assert_true (nf_element_get_upstream (get_element (p, "t")) == get_element (p, "tsrc0"));
  assert_downstream (get_element (p, "tsrc0"), "t");
  assert_downstream (get_element (p, "t"), "tfilter0 tsink1");
  assert_downstream (get_element (p, "tfilter0"), "tsink0");
  assert_downstream (get_element (p, "tsink0"), "");
  sink = (TestSink *) get_element (p, "tsink0");
  g_assert_cmpstr (sink->location, ==, "a b/c d");
  g_assert_null (((TestSink *) get_element (p, "tsink1"))->location);
  g_clear_object (&p);

  /* a reference before the element it names */
  p = parse_ok ("f. ! tsink tsrc ! tfilter name=f");
  assert_downstream (get_element (p, "tsrc0"), "f");
  assert_downstream (get_element (p, "f"), "tsink0");
  g_clear_object (&p);

  p = parse_ok ("tsrc ! tfilter text='it\\'s' label=\"a\\\\b\" enabled=yes threads=0x20 level=-3 "
                "ratio=0.75 scale=3.5 big=-1k size=64M mode=lexrank kinds=org+person "
                "words='one,\"two, three\",fo\\,ur' separator=x byte=0xff "
                "long-value=-2 ulong-value=3 ! tsink");
  filter = (TestFilter *) get_element (p, "tfilter0");
  g_assert_cmpstr (filter->text, ==, "it's");
  g_assert_cmpstr (filter->label, ==, "a\\b");
  g_assert_true (filter->enabled);
  g_assert_true (filter->verbose);
  g_assert_cmpuint (filter->threads, ==, 32);
  g_assert_cmpint (filter->level, ==, -3);
  g_assert_cmpfloat (filter->ratio, ==, 0.75);
  g_assert_cmpfloat (filter->scale, ==, 3.5f);
  g_assert_cmpint (filter->big, ==, -1024);
  g_assert_cmpuint (filter->size, ==, 64 * 1024 * 1024);
  g_assert_cmpint (filter->mode, ==, TEST_MODE_LEXRANK);
  g_assert_cmpint (filter->kinds, ==, TEST_KIND_ORG | TEST_KIND_PERSON);
  g_assert_cmpstrv (filter->words, ((const char *[]) { "one", "two, three", "fo,ur", NULL }));
  g_assert_cmpint (filter->separator, ==, 'x');
  g_assert_cmpuint (filter->byte, ==, 255);
  g_assert_cmpint (filter->long_value, ==, -2);
  g_assert_cmpuint (filter->ulong_value, ==, 3);
}

static void
test_launchv (void)
{
  const char *argv[] = { "tsrc", "!", "tsink", "location=a b", NULL };
  const char *bad[] = { "tsrc", "!", "tsink", "locaton=x", NULL };
  g_autoptr(NfPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;

  /* as gst-launch does, the words are joined with spaces: a quoted word's
   * space separates again */
  pipeline = nf_parse_launchv (argv, &error);
  g_assert_null (pipeline);
  g_assert_error (error, NF_PARSE_ERROR, NF_PARSE_ERROR_NO_SUCH_ELEMENT);
  g_assert_cmpstr (error->message, ==, "column 25: no element “b”");
  g_clear_error (&error);

  argv[3] = "location=a\\ b";
  pipeline = nf_parse_launchv (argv, &error);
  g_assert_no_error (error);
  written = nf_pipeline_to_launch_string (pipeline);
  g_assert_cmpstr (written, ==, "tsrc ! tsink location=\"a b\"");

  g_assert_null (nf_parse_launchv (bad, &error));
  g_assert_error (error, NF_PARSE_ERROR, NF_PARSE_ERROR_NO_SUCH_PROPERTY);
  g_assert_cmpstr (error->message, ==,
                   "column 14: element “tsink0” has no property “locaton”; did you mean “location”?");
}

static void
test_quote (void)
{
  static const struct { const char *value, *quoted; } cases[] = {
    { "plain", "plain" },
    { "a/b.c:d=e", "a/b.c:d=e" },
    { "ünï", "ünï" },
    { "", "\"\"" },
    { "a b", "\"a b\"" },
    { "a!b", "\"a!b\"" },
    { "say \"hi\"", "\"say \\\"hi\\\"\"" },
    { "it's", "\"it's\"" },
    { "C:\\dir", "\"C:\\\\dir\"" },
    { "line\nbreak", "\"line\\nbreak\"" },
    { "tab\there", "\"tab\\there\"" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quoted = nf_launch_quote (cases[i].value);
      g_autofree char *line = g_strdup_printf ("tsrc ! tsink location=%s", quoted);
      g_autoptr(NfPipeline) pipeline = NULL;

      g_assert_cmpstr (quoted, ==, cases[i].quoted);

      /* and the parser reads it back */
      pipeline = parse_ok (line);
      g_assert_cmpstr (((TestSink *) get_element (pipeline, "tsink0"))->location, ==, cases[i].value);
    }
}

/* ---- invalid lines ------------------------------------------------------- */

typedef struct {
  const char  *line;
  NfParseError code;
  guint        column;
  const char  *message;
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  /* empty and dangling links */
  { "", NF_PARSE_ERROR_EMPTY, 1, "column 1: empty pipeline" },
  { "   ", NF_PARSE_ERROR_EMPTY, 1, "column 1: empty pipeline" },
  { "!", NF_PARSE_ERROR_EMPTY, 1, "column 1: “!” must follow an element" },
  { "! tsink", NF_PARSE_ERROR_EMPTY, 1, "column 1: “!” must follow an element" },
  { "tsrc !", NF_PARSE_ERROR_EMPTY, 6, "column 6: “!” must be followed by an element" },
  { "tsrc ! ! tsink", NF_PARSE_ERROR_EMPTY, 6, "column 6: “!” must be followed by an element" },
  { "tsrc ! enabled=true", NF_PARSE_ERROR_EMPTY, 6, "column 6: “!” must be followed by an element" },
  /* syntax */
  { "tsrc ! tsink location=\"abc", NF_PARSE_ERROR_SYNTAX, 23, "column 23: unterminated quoted string" },
  { "tsrc ! tsink location='abc", NF_PARSE_ERROR_SYNTAX, 23, "column 23: unterminated quoted string" },
  { "tsrc ! tsink location='it\\'", NF_PARSE_ERROR_SYNTAX, 23, "column 23: unterminated quoted string" },
  { "tsrc ! tsink location=\"a\"b", NF_PARSE_ERROR_SYNTAX, 26,
    "column 26: unexpected “b” after a quoted string (a space must follow it)" },
  { "tsrc ! tsink \"abc\"", NF_PARSE_ERROR_SYNTAX, 14,
    "column 14: a quoted string must be the value of a property (property=\"value\")" },
  { "tsrc ! tsink =abc", NF_PARSE_ERROR_SYNTAX, 14, "column 14: “=” must follow a property name" },
  { "location=x ! tsink", NF_PARSE_ERROR_SYNTAX, 1, "column 1: property “location” must follow an element" },
  { "tsrc ! ttee name=t t. location=x ! tsink", NF_PARSE_ERROR_SYNTAX, 23,
    "column 23: property “location” must follow an element, not the reference “t.”" },
  { "tsrc ! tsink lo.cation=x", NF_PARSE_ERROR_SYNTAX, 14, "column 14: “lo.cation” is not a valid property name" },
  { "tsrc ! \xff", NF_PARSE_ERROR_SYNTAX, 8, "column 8: the description is not valid UTF-8" },
  /* elements */
  { "tsrc ! tsumarize ! tsink", NF_PARSE_ERROR_NO_SUCH_ELEMENT, 8,
    "column 8: no element “tsumarize”; did you mean “tsummarize”?" },
  { "tsrc ! qqqqqqqq ! tsink", NF_PARSE_ERROR_NO_SUCH_ELEMENT, 8, "column 8: no element “qqqqqqqq”" },
  { "tsrc ! tsink location=ü ! qqqqq", NF_PARSE_ERROR_NO_SUCH_ELEMENT, 27, "column 27: no element “qqqqq”" },
  /* properties */
  { "tsrc ! tsink locaton=x", NF_PARSE_ERROR_NO_SUCH_PROPERTY, 14,
    "column 14: element “tsink0” has no property “locaton”; did you mean “location”?" },
  { "tsrc ! tsink zzzzzzzzzz=1", NF_PARSE_ERROR_NO_SUCH_PROPERTY, 14,
    "column 14: element “tsink0” has no property “zzzzzzzzzz”" },
  { "tfilter counter=3", NF_PARSE_ERROR_NOT_WRITABLE, 9,
    "column 9: property “counter” of “tfilter0” is read-only" },
  { "tfilter seed=3", NF_PARSE_ERROR_NOT_WRITABLE, 9,
    "column 9: property “seed” of “tfilter0” can only be set when the element is created" },
  /* values */
  { "tsrc ! tfilter threads=-3 ! tsink", NF_PARSE_ERROR_BAD_VALUE, 24,
    "column 24: value “-3” is out of range for property “threads” of “tfilter0” (0 to 64)" },
  { "tsrc ! tfilter threads=65 ! tsink", NF_PARSE_ERROR_BAD_VALUE, 24,
    "column 24: value “65” is out of range for property “threads” of “tfilter0” (0 to 64)" },
  { "tsrc ! tfilter threads=99 ! qqqq", NF_PARSE_ERROR_BAD_VALUE, 24,
    "column 24: value “99” is out of range for property “threads” of “tfilter0” (0 to 64)" },
  { "tfilter threads=many", NF_PARSE_ERROR_BAD_VALUE, 17,
    "column 17: “many” is not an integer for property “threads” of “tfilter0”" },
  { "tfilter level=-11", NF_PARSE_ERROR_BAD_VALUE, 15,
    "column 15: value “-11” is out of range for property “level” of “tfilter0” (-10 to 10)" },
  { "tfilter enabled=maybe", NF_PARSE_ERROR_BAD_VALUE, 17,
    "column 17: “maybe” is not a boolean for property “enabled” of “tfilter0” (use true or false)" },
  { "tfilter mode=fast", NF_PARSE_ERROR_BAD_VALUE, 14,
    "column 14: “fast” is not a valid value for property “mode” of “tfilter0”; "
    "valid values: lead, textrank, lexrank" },
  { "tfilter mode=", NF_PARSE_ERROR_BAD_VALUE, 14,
    "column 14: “” is not a valid value for property “mode” of “tfilter0”; "
    "valid values: lead, textrank, lexrank" },
  { "tfilter kinds=person+animal", NF_PARSE_ERROR_BAD_VALUE, 15,
    "column 15: “animal” is not a valid flag for property “kinds” of “tfilter0”; "
    "valid flags: person, place, org" },
  { "tfilter ratio=1.5", NF_PARSE_ERROR_BAD_VALUE, 15,
    "column 15: value “1.5” is out of range for property “ratio” of “tfilter0” (0 to 1)" },
  { "tfilter ratio=abc", NF_PARSE_ERROR_BAD_VALUE, 15,
    "column 15: “abc” is not a number for property “ratio” of “tfilter0”" },
  { "tsrc ! tfilter size=99999999999999999999", NF_PARSE_ERROR_BAD_VALUE, 21,
    "column 21: value “99999999999999999999” is out of range for property “size” of “tfilter0” "
    "(0 to 18446744073709551615)" },
  { "tfilter words='a,\"b'", NF_PARSE_ERROR_BAD_VALUE, 15,
    "column 15: unterminated quoted item in the list “a,\"b” for property “words” of “tfilter0”" },
  { "tfilter separator=ab", NF_PARSE_ERROR_BAD_VALUE, 19,
    "column 19: “ab” is not a character or an integer for property “separator” of “tfilter0”" },
  /* names and references */
  { "tsrc ! tfilter name=x ! tfilter name=x", NF_PARSE_ERROR_DUPLICATE_NAME, 33,
    "column 33: element name “x” is already used" },
  { "tsrc ! tfilter ! tfilter name=tfilter0", NF_PARSE_ERROR_DUPLICATE_NAME, 26,
    "column 26: element name “tfilter0” is already used" },
  { "tsrc ! tfilter name= ! tsink", NF_PARSE_ERROR_BAD_VALUE, 21,
    "column 21: an element name must not be empty" },
  { "tsrc ! t. ! tsink", NF_PARSE_ERROR_NO_SUCH_REFERENCE, 8, "column 8: no element named “t” to link to" },
  { "t. ! tsink", NF_PARSE_ERROR_NO_SUCH_REFERENCE, 1, "column 1: no element named “t” to link from" },
  { "tsrc ! tsink   y.", NF_PARSE_ERROR_NO_SUCH_REFERENCE, 16, "column 16: no element named “y”" },
  /* links */
  { "tsink ! tfilter", NF_PARSE_ERROR_LINK, 7,
    "column 7: cannot link “tsink0” to “tfilter0”: a sink has no output" },
  { "tfilter ! tsrc", NF_PARSE_ERROR_LINK, 9,
    "column 9: cannot link “tfilter0” to “tsrc0”: a source takes no input" },
  { "tsrc ! tfilter name=f ! tsink tsrc ! f.", NF_PARSE_ERROR_LINK, 36,
    "column 36: cannot link “tsrc1” to “f”: “f” already takes its input from “tsrc0”" },
  { "tsrc ! tfilter name=f ! f.", NF_PARSE_ERROR_LINK, 23,
    "column 23: cannot link “f” to “f”: an element cannot feed itself" },
  { "tfilter name=a ! tfilter name=b ! a.", NF_PARSE_ERROR_LINK, 33,
    "column 33: cannot link “b” to “a”: that would make a loop" },
};

static void
test_invalid_lines (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (invalid_cases), >=, 30);

  for (gsize i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      const InvalidCase *c = &invalid_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) error2 = NULL;
      g_autoptr(NfPipeline) pipeline = NULL;
      guint column = 0;

      g_autofree char *shown = g_strescape (c->line, NULL);

      g_test_message ("invalid line %" G_GSIZE_FORMAT ": %s", i, shown);
      pipeline = nf_parse_launch_full (c->line, &column, &error);
      g_assert_null (pipeline);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, c->message);
      g_assert_error (error, NF_PARSE_ERROR, (int) c->code);
      g_assert_cmpuint (column, ==, c->column);

      /* nf_parse_launch() says the same */
      g_assert_null (nf_parse_launch (c->line, &error2));
      g_assert_error (error2, NF_PARSE_ERROR, (int) c->code);
      g_assert_cmpstr (error2->message, ==, c->message);
    }
}

/* A filter that starts the pipeline stands for its source form NAMEsrc
 * when there is one; elsewhere it stays a filter. */
static void
test_source_form (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPipeline) head = NULL;
  g_autoptr(NfPipeline) middle = NULL;
  g_autoptr(NfPipeline) plain = NULL;
  g_autofree char *written = NULL;

  g_assert_nonnull (nf_element_register (NULL, "tsummarizesrc", test_src_get_type (), NF_ELEMENT_FLAG_NONE));

  head = nf_parse_launch ("tsummarize ! tsink", &error);
  g_assert_no_error (error);
  written = nf_pipeline_to_launch_string (head);
  g_assert_cmpstr (written, ==, "tsummarizesrc ! tsink");
  g_assert_true (NF_IS_SOURCE (nf_pipeline_get_by_name (head, "tsummarizesrc0")));

  middle = nf_parse_launch ("tsrc ! tsummarize ! tsink", &error);
  g_assert_no_error (error);
  g_assert_true (NF_IS_FILTER (nf_pipeline_get_by_name (middle, "tsummarize0")));

  /* Without a source form, a filter at the head stays what it is. */
  plain = nf_parse_launch ("tfilter ! tsink", &error);
  g_assert_no_error (error);
  g_assert_true (NF_IS_FILTER (nf_pipeline_get_by_name (plain, "tfilter0")));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();
  register_test_elements ();

  g_test_add_func ("/parse/valid-lines", test_valid_lines);
  g_test_add_func ("/parse/elements-and-links", test_elements_and_links);
  g_test_add_func ("/parse/launchv", test_launchv);
  g_test_add_func ("/parse/quote", test_quote);
  g_test_add_func ("/parse/invalid-lines", test_invalid_lines);
  g_test_add_func ("/parse/source-form", test_source_form);

  return g_test_run ();
}
