/* nf-fake-src.c: produces generated documents, for tests and benchmarks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfFakeSrc:
 *
 * `fakesrc` produces [property@NfFakeSrc:num-documents] documents with ids
 * `fake/0000001`, `fake/0000002`… and [property@NfFakeSrc:text-size] bytes of
 * generated English-looking text each (the same text for all, so that the
 * source costs next to nothing in benchmarks).
 */
#include "nf-core-elements.h"

NF_DEBUG_CATEGORY_STATIC (fake_src_debug);

struct _NfFakeSrc
{
  NfSource parent_instance;

  guint64  num_documents;
  guint    text_size;
  char    *id_prefix;
};

enum {
  PROP_0,
  PROP_NUM_DOCUMENTS,
  PROP_TEXT_SIZE,
  PROP_ID_PREFIX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NfFakeSrc, nf_fake_src, NF_TYPE_SOURCE)

static const char * const words[] = {
  "the", "minister", "said", "on", "tuesday", "that", "markets", "in", "the",
  "region", "would", "reopen", "after", "talks", "with", "officials", "from",
  "several", "countries", "and", "a", "spokesman", "for", "the", "company",
  "confirmed", "new", "figures", "showing", "growth", "of", "exports", "last",
  "year", "while", "critics", "warned", "about", "rising", "prices",
};

/* Builds exactly @size bytes of sentences and paragraphs (ASCII, so any cut
 * is valid UTF-8), the same on every run. */
static char *
generate_text (guint size)
{
  GString *text = g_string_sized_new (size + 64);
  guint32 state = 2463534242u;   /* xorshift: deterministic, no GRand needed */
  guint n_sentences = 0;

  while (text->len < size)
    {
      guint n_words = 6;

      state ^= state << 13;
      state ^= state >> 17;
      state ^= state << 5;
      n_words += state % 7;

      for (guint i = 0; i < n_words; i++)
        {
          const char *word = words[(state >> (i % 16)) % G_N_ELEMENTS (words)];

          if (i == 0)
            {
              g_string_append_c (text, g_ascii_toupper (word[0]));
              g_string_append (text, word + 1);
            }
          else
            {
              g_string_append_c (text, ' ');
              g_string_append (text, word);
            }
          state = state * 1664525u + 1013904223u;
        }

      g_string_append_c (text, '.');
      g_string_append (text, ++n_sentences % 4 == 0 ? "\n\n" : " ");
    }

  g_string_truncate (text, size);
  /* Do not end on white space: elements would see a ragged text. */
  while (text->len > 0 && g_ascii_isspace (text->str[text->len - 1]))
    text->str[--text->len] = 'x';

  return g_string_free (text, FALSE);
}

static gboolean
nf_fake_src_generate (NfSource      *source,
                      GCancellable  *cancellable,
                      GError       **error)
{
  NfFakeSrc *self = NF_FAKE_SRC (source);
  g_autofree char *text = self->text_size > 0 ? generate_text (self->text_size) : NULL;
  const char *prefix = self->id_prefix != NULL ? self->id_prefix : "";

  NF_CAT_DEBUG (fake_src_debug, "%s: %" G_GUINT64_FORMAT " documents of %u bytes",
                nf_element_get_name (NF_ELEMENT (self)), self->num_documents, self->text_size);

  for (guint64 i = 1; i <= self->num_documents; i++)
    {
      char id[256];
      g_autoptr(NfDocument) document = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      g_snprintf (id, sizeof id, "%s/%07" G_GUINT64_FORMAT, prefix, i);
      document = nf_document_new (id);
      if (text != NULL)
        nf_document_set_text (document, text);

      if (!nf_element_push (NF_ELEMENT (self), document))
        break;
    }

  return TRUE;
}

static void
nf_fake_src_finalize (GObject *object)
{
  NfFakeSrc *self = NF_FAKE_SRC (object);

  g_free (self->id_prefix);

  G_OBJECT_CLASS (nf_fake_src_parent_class)->finalize (object);
}

static void
nf_fake_src_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NfFakeSrc *self = NF_FAKE_SRC (object);

  switch (prop_id)
    {
    case PROP_NUM_DOCUMENTS:
      g_value_set_uint64 (value, self->num_documents);
      break;
    case PROP_TEXT_SIZE:
      g_value_set_uint (value, self->text_size);
      break;
    case PROP_ID_PREFIX:
      g_value_set_string (value, self->id_prefix);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_fake_src_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NfFakeSrc *self = NF_FAKE_SRC (object);

  switch (prop_id)
    {
    case PROP_NUM_DOCUMENTS:
      nf_property_update_uint64 (object, &self->num_documents, value, pspec);
      break;
    case PROP_TEXT_SIZE:
      if (self->text_size != g_value_get_uint (value))
        {
          self->text_size = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_ID_PREFIX:
      if (g_strcmp0 (self->id_prefix, g_value_get_string (value)) != 0)
        {
          g_free (self->id_prefix);
          self->id_prefix = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_fake_src_class_init (NfFakeSrcClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfSourceClass *source_class = NF_SOURCE_CLASS (klass);

  object_class->finalize = nf_fake_src_finalize;
  object_class->get_property = nf_fake_src_get_property;
  object_class->set_property = nf_fake_src_set_property;

  source_class->generate = nf_fake_src_generate;

  /**
   * NfFakeSrc:num-documents:
   *
   * How many documents to produce.
   */
  properties[PROP_NUM_DOCUMENTS] =
    g_param_spec_uint64 ("num-documents", "Number of documents",
                         "Number of documents to produce",
                         0, G_MAXUINT64, 100,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfFakeSrc:text-size:
   *
   * How many bytes of text each document gets (0: no text).
   */
  properties[PROP_TEXT_SIZE] =
    g_param_spec_uint ("text-size", "Text size",
                       "Bytes of generated text in each document (0: none)",
                       0, 64 * 1024 * 1024, 64,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfFakeSrc:id-prefix:
   *
   * What document ids start with: `PREFIX/0000001`.
   */
  properties[PROP_ID_PREFIX] =
    g_param_spec_string ("id-prefix", "Id prefix",
                         "Start of the generated document ids (PREFIX/0000001)",
                         "fake",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  nf_element_class_set_metadata (element_class,
                                 "Fake source",
                                 "Source",
                                 "Produces documents with generated text, for tests and benchmarks",
                                 "libnewsfilter authors");

  NF_DEBUG_CATEGORY_INIT (fake_src_debug, "fakesrc", "the fakesrc element");
}

static void
nf_fake_src_init (NfFakeSrc *self)
{
  self->num_documents = 100;
  self->text_size = 64;
  self->id_prefix = g_strdup ("fake");
}
