/* nf-topic-model.c: the topic classifier and its model files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A topic model is a multinomial logistic regression over the features of
 * nf-topic-features.c, trained by tools/nf-train-topics.  Its file is
 * mapped, not read: loading checks it and points into it, so that a model
 * loads in about a millisecond and every thread shares one copy.
 *
 * The file, all numbers little-endian:
 *
 *   0  "NFTOPIC\0"               magic
 *   8  u32 version               1
 *  12  u32 n_labels
 *  16  u32 n_features
 *  20  u32 flags                 NfTopicFeatureFlags
 *  24  f32 title_weight
 *  28  f32 weight_scale          a weight is its int16 times this
 *  32  char language[16]         NUL-padded ISO 639-1 code
 *  48  u32 labels_size           bytes of the labels block, a multiple of 4
 *  52  u32 checksum              FNV-1a of every byte from 56 to the end
 *  56  labels                    NUL-terminated UTF-8, one after another, NUL-padded
 *      f32 bias[n_labels]
 *      u32 hashes[n_features]    strictly increasing
 *      f32 idf[n_features]       how rare each feature is, log (N / df)
 *      i16 weights[n_features × n_labels], NUL-padded to a multiple of 4
 */
#include <math.h>
#include <string.h>

#include "nf-tagger-private.h"
#include "nf-topic-private.h"

#define MODEL_MAGIC       "NFTOPIC\0"
#define MODEL_VERSION     1
#define HEADER_SIZE       56
#define LANGUAGE_SIZE     16
#define MAX_LABELS        1024

struct _NfTopicModel
{
  GBytes         *bytes;          /* the file; the arrays below point into it */
  char            language[LANGUAGE_SIZE];
  guint           flags;
  double          title_weight;
  double          weight_scale;
  guint           n_labels;
  char          **labels;
  double         *bias;
  guint           n_features;
  const guint32  *hashes;
  const float    *idf;
  const gint16   *weights;
  gpointer        swapped;        /* big-endian hosts: hashes and weights, swapped */
};

/* ---- reading --------------------------------------------------------- */

/* The little-endian u32 at @data. */
static guint32
read_u32 (const guint8 *data)
{
  guint32 value;

  memcpy (&value, data, sizeof value);
  return GUINT32_FROM_LE (value);
}

/* The little-endian f32 at @data. */
static float
read_f32 (const guint8 *data)
{
  guint32 bits = read_u32 (data);
  float value;

  memcpy (&value, &bits, sizeof value);
  return value;
}

/* FNV-1a of @size bytes: the checksum that catches a damaged file. */
static guint32
checksum (const guint8 *data,
          gsize         size)
{
  guint32 hash = 2166136261u;

  for (gsize i = 0; i < size; i++)
    {
      hash ^= data[i];
      hash *= 16777619u;
    }
  return hash;
}

/* Sets @error to say that @name is not a usable topic model, and why. */
G_GNUC_PRINTF (3, 4)
static void
set_format_error (GError     **error,
                  const char  *name,
                  const char  *format,
                  ...)
{
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
               "“%s” is not a usable topic model: %s", name, why);
}

/* Reads the labels block of @size bytes at @data into @self->labels. */
static gboolean
read_labels (NfTopicModel  *self,
             const guint8  *data,
             gsize          size,
             const char    *name,
             GError       **error)
{
  const char *p = (const char *) data, *end = p + size;

  self->labels = g_new0 (char *, self->n_labels + 1);
  for (guint i = 0; i < self->n_labels; i++)
    {
      const char *nul = memchr (p, '\0', end - p);

      if (nul == NULL || nul == p || !g_utf8_validate (p, nul - p, NULL))
        {
          set_format_error (error, name, "label %u is missing or not UTF-8", i + 1);
          return FALSE;
        }
      self->labels[i] = g_strndup (p, nul - p);
      p = nul + 1;
    }

  for (; p < end; p++)
    if (*p != '\0')
      {
        set_format_error (error, name, "more labels than the header says");
        return FALSE;
      }
  return TRUE;
}

/* Points @self->hashes and ->weights at the arrays at @data, swapping them
 * into a copy on a big-endian host; checks the hashes are in order. */
static gboolean
read_arrays (NfTopicModel  *self,
             const guint8  *data,
             const char    *name,
             GError       **error)
{
  const guint8 *idf = data + (gsize) self->n_features * 4;
  const guint8 *weights = idf + (gsize) self->n_features * 4;

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  self->hashes = (const guint32 *) data;
  self->idf = (const float *) idf;
  self->weights = (const gint16 *) weights;
#else
  gsize n_weights = (gsize) self->n_features * self->n_labels;
  guint32 *hashes = g_malloc ((gsize) self->n_features * 8 + n_weights * 2);
  float *idf_swapped = (float *) (hashes + self->n_features);
  gint16 *swapped = (gint16 *) (idf_swapped + self->n_features);

  for (guint i = 0; i < self->n_features; i++)
    hashes[i] = read_u32 (data + (gsize) i * 4);
  for (guint i = 0; i < self->n_features; i++)
    idf_swapped[i] = read_f32 (idf + (gsize) i * 4);
  for (gsize i = 0; i < n_weights; i++)
    swapped[i] = (gint16) GUINT16_FROM_LE (((const guint16 *) weights)[i]);
  self->swapped = hashes;
  self->hashes = hashes;
  self->idf = idf_swapped;
  self->weights = swapped;
#endif

  for (guint i = 0; i < self->n_features; i++)
    if (!isfinite (self->idf[i]) || self->idf[i] < 0)
      {
        set_format_error (error, name, "feature %u has an impossible weight", i);
        return FALSE;
      }

  for (guint i = 1; i < self->n_features; i++)
    if (self->hashes[i] <= self->hashes[i - 1])
      {
        set_format_error (error, name, "its features are out of order");
        return FALSE;
      }
  return TRUE;
}

/* Reads the fixed header at @data into @self; @size is the file's size. */
static gboolean
read_header (NfTopicModel  *self,
             const guint8  *data,
             gsize          size,
             guint32       *labels_size,
             const char    *name,
             GError       **error)
{
  guint32 version;
  guint64 expected;

  if (size < HEADER_SIZE || memcmp (data, MODEL_MAGIC, 8) != 0)
    {
      set_format_error (error, name, "not a model file written by nf-train-topics");
      return FALSE;
    }

  version = read_u32 (data + 8);
  if (version != MODEL_VERSION)
    {
      set_format_error (error, name, "format version %u, this build reads version %u",
                        version, MODEL_VERSION);
      return FALSE;
    }

  self->n_labels = read_u32 (data + 12);
  self->n_features = read_u32 (data + 16);
  self->flags = read_u32 (data + 20);
  self->title_weight = read_f32 (data + 24);
  self->weight_scale = read_f32 (data + 28);
  memcpy (self->language, data + 32, LANGUAGE_SIZE);
  *labels_size = read_u32 (data + 48);

  if (self->n_labels < 2 || self->n_labels > MAX_LABELS)
    {
      set_format_error (error, name, "%u labels", self->n_labels);
      return FALSE;
    }

  expected = HEADER_SIZE + (guint64) *labels_size + 4 * (guint64) self->n_labels
             + 8 * (guint64) self->n_features
             + 2 * (guint64) self->n_features * self->n_labels;
  expected = (expected + 3) / 4 * 4;
  if (*labels_size % 4 != 0 || expected != size)
    {
      set_format_error (error, name, "%" G_GSIZE_FORMAT " bytes where its header asks for %"
                        G_GUINT64_FORMAT " (truncated or damaged)", size, expected);
      return FALSE;
    }

  if (read_u32 (data + 52) != checksum (data + HEADER_SIZE, size - HEADER_SIZE))
    {
      set_format_error (error, name, "its checksum does not match (damaged)");
      return FALSE;
    }

  if (self->language[LANGUAGE_SIZE - 1] != '\0'
      || (self->language[0] != '\0' && !nf_stemmer_has_language (self->language)))
    {
      set_format_error (error, name, "unknown language “%.*s”",
                        LANGUAGE_SIZE, self->language);
      return FALSE;
    }

  if (self->flags & ~(guint) NF_TOPIC_FEATURE_BIGRAMS)
    {
      set_format_error (error, name, "features of a kind this build does not know (flags 0x%x)",
                        self->flags);
      return FALSE;
    }

  if (!isfinite (self->title_weight) || !isfinite (self->weight_scale)
      || self->title_weight < 0 || self->weight_scale <= 0)
    {
      set_format_error (error, name, "its header holds impossible numbers");
      return FALSE;
    }
  return TRUE;
}

/**
 * nf_topic_model_new_from_bytes:
 * @bytes: the contents of a model file
 * @name: where they come from, for error messages
 * @error: return location for a #GError
 *
 * Checks a model file's contents and makes a model of them, which keeps a
 * reference to @bytes and points into them.
 *
 * Returns: (transfer full) (nullable): the model, or %NULL with @error set
 *   (%NF_ELEMENT_ERROR_FORMAT) when @bytes are not a sound model
 */
NfTopicModel *
nf_topic_model_new_from_bytes (GBytes      *bytes,
                               const char  *name,
                               GError     **error)
{
  g_autoptr (NfTopicModel) self = g_new0 (NfTopicModel, 1);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint32 labels_size;
  const guint8 *p;

  self->bytes = g_bytes_ref (bytes);

  if (!read_header (self, data, size, &labels_size, name, error))
    return NULL;

  p = data + HEADER_SIZE;
  if (!read_labels (self, p, labels_size, name, error))
    return NULL;
  p += labels_size;

  self->bias = g_new (double, self->n_labels);
  for (guint i = 0; i < self->n_labels; i++)
    self->bias[i] = read_f32 (p + 4 * i);
  p += 4 * self->n_labels;

  if (!read_arrays (self, p, name, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * nf_topic_model_load:
 * @path: a model file written by nf-train-topics
 * @error: return location for a #GError
 *
 * Maps a topic model file and checks it.  The model is read-only
 * afterwards: one model serves every thread.
 *
 * Returns: (transfer full) (nullable): the model, or %NULL with @error set:
 *   a #GFileError when the file cannot be read, %NF_ELEMENT_ERROR_FORMAT
 *   when it is not a sound topic model
 */
NfTopicModel *
nf_topic_model_load (const char  *path,
                     GError     **error)
{
  g_autoptr (GMappedFile) file = NULL;
  g_autoptr (GBytes) bytes = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_propagate_prefixed_error (error, local_error, "Cannot load the topic model: ");
      return NULL;
    }

  bytes = g_mapped_file_get_bytes (file);
  return nf_topic_model_new_from_bytes (bytes, path, error);
}

/**
 * nf_topic_model_free:
 * @model: (nullable): a model
 *
 * Frees a model and unmaps its file.
 */
void
nf_topic_model_free (NfTopicModel *model)
{
  if (model == NULL)
    return;

  g_strfreev (model->labels);
  g_free (model->bias);
  g_free (model->swapped);
  g_bytes_unref (model->bytes);
  g_free (model);
}

/**
 * nf_topic_model_get_language:
 * @model: a model
 *
 * The language the model reads, as trained: its stopwords and stemmer.
 *
 * Returns: an ISO 639-1 code, or "" when the model detects each text's
 */
const char *
nf_topic_model_get_language (NfTopicModel *model)
{
  return model->language;
}

/**
 * nf_topic_model_get_n_features:
 * @model: a model
 *
 * How many features (stems and pairs of stems) the model weighs.
 *
 * Returns: the number of features
 */
guint
nf_topic_model_get_n_features (NfTopicModel *model)
{
  return model->n_features;
}

/* ---- classifying ----------------------------------------------------- */

/* The index of @hash among the model's features, or -1. */
static gssize
find_feature (NfTopicModel *self,
              guint32       hash)
{
  gsize low = 0, high = self->n_features;

  while (low < high)
    {
      gsize middle = low + (high - low) / 2;

      if (self->hashes[middle] < hash)
        low = middle + 1;
      else if (self->hashes[middle] > hash)
        high = middle;
      else
        return middle;
    }
  return -1;
}

/* Orders scores best first, and ties by label so the order is fixed. */
static int
compare_scores (gconstpointer a,
                gconstpointer b)
{
  const NfTopicScore *sa = a, *sb = b;

  if (sa->score != sb->score)
    return sa->score < sb->score ? 1 : -1;
  return strcmp (sa->label, sb->label);
}

/* Turns the linear scores into probabilities (softmax), into @scores. */
static void
softmax_into (NfTopicModel *self,
              const double *linear,
              GArray       *scores)
{
  double top = linear[0], sum = 0;

  for (guint i = 1; i < self->n_labels; i++)
    top = MAX (top, linear[i]);

  for (guint i = 0; i < self->n_labels; i++)
    {
      NfTopicScore score = { self->labels[i], exp (linear[i] - top) };

      sum += score.score;
      g_array_append_val (scores, score);
    }

  for (guint i = 0; i < self->n_labels; i++)
    g_array_index (scores, NfTopicScore, i).score /= sum;
}

/**
 * nf_topic_model_classify:
 * @model: a model
 * @text: a text
 * @title: (nullable): its title
 *
 * Scores each of the model's labels for a text.  Safe to call from many
 * threads at once on one model.
 *
 * Returns: (transfer full) (element-type NfTopicScore): every label with
 *   its probability, best first; the scores sum to 1
 */
GArray *
nf_topic_model_classify (NfTopicModel *model,
                         const char   *text,
                         const char   *title)
{
  g_autoptr (NfStemmer) stemmer = NULL;
  g_autoptr (GArray) features = NULL;
  g_autofree double *linear = NULL;
  const char *language;
  double norm = 0;
  GArray *scores;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  language = model->language;
  if (language[0] == '\0')
    {
      language = nf_text_detect_language (text, NULL);
      if (language == NULL || !nf_stemmer_has_language (language))
        language = "en";
    }

  /* a stemmer is not thread-safe, a model is shared: one per call */
  stemmer = nf_stemmer_new (language, NULL);
  features = nf_topic_features_extract (stemmer, language, text, title,
                                        model->title_weight, model->flags);

  /* the dot products of the weights with the features the model knows,
   * weighed by rarity, then divided by those values' norm */
  linear = g_new0 (double, model->n_labels);
  for (guint i = 0; i < features->len; i++)
    {
      const NfTopicFeature *feature = &g_array_index (features, NfTopicFeature, i);
      gssize index = find_feature (model, feature->hash);
      const gint16 *weights;
      double value;

      if (index < 0)
        continue;
      value = feature->value * model->idf[index];
      norm += value * value;
      weights = model->weights + (gsize) index * model->n_labels;
      for (guint j = 0; j < model->n_labels; j++)
        linear[j] += value * weights[j];
    }

  norm = norm > 0 ? model->weight_scale / sqrt (norm) : 0;
  for (guint j = 0; j < model->n_labels; j++)
    linear[j] = model->bias[j] + linear[j] * norm;

  scores = g_array_sized_new (FALSE, FALSE, sizeof (NfTopicScore), model->n_labels);
  softmax_into (model, linear, scores);
  g_array_sort (scores, compare_scores);
  return scores;
}

/* ---- writing --------------------------------------------------------- */

/* Appends @value to @out, little-endian. */
static void
append_u32 (GByteArray *out,
            guint32     value)
{
  value = GUINT32_TO_LE (value);
  g_byte_array_append (out, (const guint8 *) &value, 4);
}

/* Appends @value to @out as a little-endian f32. */
static void
append_f32 (GByteArray *out,
            float       value)
{
  guint32 bits;

  memcpy (&bits, &value, 4);
  append_u32 (out, bits);
}

/* Appends NULs to @out up to a multiple of 4 bytes. */
static void
pad_to_4 (GByteArray *out)
{
  static const guint8 zeros[4] = { 0 };

  g_byte_array_append (out, zeros, (4 - out->len % 4) % 4);
}

/* The factor that maps the largest weight of @spec to the int16 range. */
static double
weight_scale (const NfTopicModelSpec *spec)
{
  double largest = 0;

  for (gsize i = 0; i < (gsize) spec->n_features * spec->n_labels; i++)
    largest = MAX (largest, fabs (spec->weights[i]));
  return largest > 0 ? largest / G_MAXINT16 : 1.0;
}

/**
 * nf_topic_model_serialize:
 * @spec: a trained model
 *
 * The contents of a model file for @spec, its weights rounded to 16 bits
 * (the largest weight to 1/32767 of itself: no accuracy lost).
 *
 * Returns: (transfer full): the bytes to write
 */
GBytes *
nf_topic_model_serialize (const NfTopicModelSpec *spec)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  double scale = weight_scale (spec);
  char language[LANGUAGE_SIZE] = { 0 };
  guint labels_start, labels_size;

  g_return_val_if_fail (strlen (spec->language) < LANGUAGE_SIZE, NULL);

  g_byte_array_append (out, (const guint8 *) MODEL_MAGIC, 8);
  append_u32 (out, MODEL_VERSION);
  append_u32 (out, spec->n_labels);
  append_u32 (out, spec->n_features);
  append_u32 (out, spec->flags);
  append_f32 (out, spec->title_weight);
  append_f32 (out, scale);
  strcpy (language, spec->language);
  g_byte_array_append (out, (const guint8 *) language, LANGUAGE_SIZE);
  append_u32 (out, 0);   /* labels_size, below */
  append_u32 (out, 0);   /* checksum, below */

  labels_start = out->len;
  for (guint i = 0; i < spec->n_labels; i++)
    g_byte_array_append (out, (const guint8 *) spec->labels[i], strlen (spec->labels[i]) + 1);
  pad_to_4 (out);
  labels_size = out->len - labels_start;

  for (guint i = 0; i < spec->n_labels; i++)
    append_f32 (out, spec->bias[i]);
  for (guint i = 0; i < spec->n_features; i++)
    append_u32 (out, spec->hashes[i]);
  for (guint i = 0; i < spec->n_features; i++)
    append_f32 (out, spec->idf[i]);
  for (gsize i = 0; i < (gsize) spec->n_features * spec->n_labels; i++)
    {
      guint16 q = GUINT16_TO_LE ((guint16) (gint16) lround (spec->weights[i] / scale));
      g_byte_array_append (out, (const guint8 *) &q, 2);
    }
  pad_to_4 (out);

  labels_size = GUINT32_TO_LE (labels_size);
  memcpy (out->data + 48, &labels_size, 4);
  {
    guint32 sum = GUINT32_TO_LE (checksum (out->data + HEADER_SIZE, out->len - HEADER_SIZE));
    memcpy (out->data + 52, &sum, 4);
  }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
