/* nf-model-file.c: the files of the tag plugin's perceptron models
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The entity recogniser and the part-of-speech tagger store their hashed
 * feature weights the same way: a 32-byte header (an 8-byte magic, the
 * format version at 8, the number of labels at 12, log2 of the weight
 * table at 16, the number of 8-byte extra slots at 20 — the entity
 * lexicon; 0 for the tagger — and a checksum of the body at 24), then the
 * weights as little-endian 16-bit numbers and the extra slots. A file is
 * mapped, checked once, and afterwards only read, by every thread.
 */
#include "nf-ner-private.h"

#include <math.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>
#endif

#define HEADER_SIZE 32
/* Transparent huge pages are 2 MiB on the machines that have them. */
#define HUGE_PAGE_SIZE ((gsize) 2 << 20)

/**
 * nf_model_checksum:
 * @data: a model file's body
 * @length: its size in bytes
 *
 * Returns: a checksum of the body (FNV-1a over 32-bit words), stored in the
 *   header of the tag plugin's model files
 */
guint32
nf_model_checksum (const guchar *data,
                   gsize         length)
{
  guint32 h = 2166136261u;
  gsize i;

  for (i = 0; i + 4 <= length; i += 4)
    {
      guint32 word;
      memcpy (&word, data + i, 4);
      h = (h ^ GUINT32_FROM_LE (word)) * 16777619u;
    }
  for (; i < length; i++)
    h = (h ^ data[i]) * 16777619u;
  return h;
}

/**
 * nf_model_put_u32:
 * @header: a model file's header
 * @offset: where in it
 * @value: the number
 *
 * Writes a little-endian 32-bit number into a header.
 */
void
nf_model_put_u32 (guchar  *header,
                  guint    offset,
                  guint32  value)
{
  value = GUINT32_TO_LE (value);
  memcpy (header + offset, &value, 4);
}

/**
 * nf_model_get_u32:
 * @header: a model file's header
 * @offset: where in it
 *
 * Returns: the little-endian 32-bit number at @offset
 */
guint32
nf_model_get_u32 (const guchar *header,
                  guint         offset)
{
  guint32 value;

  memcpy (&value, header + offset, 4);
  return GUINT32_FROM_LE (value);
}

/**
 * nf_model_quantize:
 * @weights: float weights
 * @n: how many
 * @out: (out caller-allocates): @n little-endian 16-bit weights
 *
 * Scales the weights so that the largest becomes 32767 and rounds them:
 * the ranking of labels survives, the file is half the size.
 */
void
nf_model_quantize (const float *weights,
                   gsize        n,
                   gint16      *out)
{
  float max = 0;
  double scale;

  for (gsize i = 0; i < n; i++)
    max = MAX (max, fabsf (weights[i]));
  scale = max > 0 ? 32767.0 / max : 1.0;
  for (gsize i = 0; i < n; i++)
    out[i] = GINT16_TO_LE ((gint16) lrint (weights[i] * scale));
}

/**
 * nf_model_file_write:
 * @path: where to write
 * @format: the model's kind, magic, version and labels
 * @weights: 2^@bits float weights
 * @bits: log2 of the weight table's size
 * @slots: (nullable): 2 × @n_slots extra numbers (the entity lexicon)
 * @n_slots: how many extra slots
 * @error: return location for a #GError
 *
 * Writes a model file: the header, the weights rounded to 16 bits, the
 * extra slots.
 *
 * Returns: whether the file was written
 */
gboolean
nf_model_file_write (const char          *path,
                     const NfModelFormat *format,
                     const float         *weights,
                     guint                bits,
                     const guint32       *slots,
                     guint                n_slots,
                     GError             **error)
{
  gsize n = (gsize) 1 << bits;
  gsize body_size = n * 2 + (gsize) n_slots * 8;
  g_autofree guchar *data = g_malloc0 (HEADER_SIZE + body_size);

  nf_model_quantize (weights, n, (gint16 *) (data + HEADER_SIZE));
  if (n_slots > 0)
    memcpy (data + HEADER_SIZE + n * 2, slots, (gsize) n_slots * 8);

  memcpy (data, format->magic, 8);
  nf_model_put_u32 (data, 8, format->version);
  nf_model_put_u32 (data, 12, format->n_labels);
  nf_model_put_u32 (data, 16, bits);
  nf_model_put_u32 (data, 20, n_slots);
  nf_model_put_u32 (data, 24, nf_model_checksum (data + HEADER_SIZE, body_size));
  return g_file_set_contents (path, (const char *) data, HEADER_SIZE + body_size, error);
}

/* Sets a "not a valid model" error. */
static gboolean
model_invalid (GError              **error,
               const char           *path,
               const NfModelFormat  *format,
               const char           *why)
{
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
               "%s is not a valid %s model: %s", path, format->kind, why);
  return FALSE;
}

/* Checks the mapped file of @model against @format and points @model's
 * weights and slots into it. */
static gboolean
check_mapped (NfModelFile          *model,
              const char           *path,
              const NfModelFormat  *format,
              GError              **error)
{
  const guchar *data = (const guchar *) g_mapped_file_get_contents (model->file);
  gsize size = g_mapped_file_get_length (model->file);
  guint32 bits, n_slots;
  guint64 expected;

  if (size < HEADER_SIZE || memcmp (data, format->magic, 8) != 0)
    return model_invalid (error, path, format, "no model header");
  if (nf_model_get_u32 (data, 8) != format->version)
    return model_invalid (error, path, format, "unsupported version");
  bits = nf_model_get_u32 (data, 16);
  n_slots = nf_model_get_u32 (data, 20);
  if (nf_model_get_u32 (data, 12) != format->n_labels || bits < 8 || bits > 28 ||
      (n_slots & (n_slots - 1)) != 0 || n_slots > (1u << 28))
    return model_invalid (error, path, format, "bad sizes in the header");
  expected = HEADER_SIZE + ((guint64) 2 << bits) + (guint64) n_slots * 8;
  if (size != expected)
    return model_invalid (error, path, format, size < expected ? "the file is truncated"
                                                               : "the file is too long");
  if (nf_model_checksum (data + HEADER_SIZE, size - HEADER_SIZE) != nf_model_get_u32 (data, 24))
    return model_invalid (error, path, format, "checksum mismatch (corrupt file)");

  model->bits = bits;
  model->weights = (const gint16 *) (data + HEADER_SIZE);
  model->slots = (const guint32 *) (data + HEADER_SIZE + ((gsize) 2 << bits));
  model->n_slots = n_slots;
  return TRUE;
}

/* Scoring reads the weight table at a random place for every feature: with
 * 4 KiB pages nearly every read misses the TLB as well as the cache. A copy
 * on transparent huge pages (a few megabytes, copied in about a
 * millisecond) spares the page walks; where the system has none, the
 * mapped file is read as it is. */
static void
copy_weights_to_huge_pages (NfModelFile *model)
{
#if defined(G_OS_UNIX) && defined(MADV_HUGEPAGE)
  gsize size = (gsize) 2 << model->bits;
  gsize rounded = (size + HUGE_PAGE_SIZE - 1) / HUGE_PAGE_SIZE * HUGE_PAGE_SIZE;
  gpointer copy;

  if (size < HUGE_PAGE_SIZE)
    return;
  copy = mmap (NULL, rounded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (copy == MAP_FAILED)
    return;
  if (madvise (copy, rounded, MADV_HUGEPAGE) != 0)
    {
      munmap (copy, rounded);
      return;
    }
  memcpy (copy, model->weights, size);
  mprotect (copy, rounded, PROT_READ);
  model->copy = copy;
  model->copy_size = rounded;
  model->weights = copy;
#endif
}

/**
 * nf_model_file_map:
 * @model: (out caller-allocates): where the mapped model goes
 * @path: a model file
 * @format: what the file must be
 * @error: return location for a #GError
 *
 * Maps and checks a model file; on failure @model holds nothing.
 *
 * Returns: whether @model is ready to read
 */
gboolean
nf_model_file_map (NfModelFile          *model,
                   const char           *path,
                   const NfModelFormat  *format,
                   GError              **error)
{
  memset (model, 0, sizeof *model);
  model->file = g_mapped_file_new (path, FALSE, error);
  if (model->file == NULL)
    return FALSE;
  if (!check_mapped (model, path, format, error))
    {
      nf_model_file_clear (model);
      return FALSE;
    }
  copy_weights_to_huge_pages (model);
  return TRUE;
}

/**
 * nf_model_file_clear:
 * @model: a model mapped by nf_model_file_map(), or zeroed
 *
 * Unmaps @model.
 */
void
nf_model_file_clear (NfModelFile *model)
{
#ifdef G_OS_UNIX
  if (model->copy != NULL)
    munmap (model->copy, model->copy_size);
#endif
  g_clear_pointer (&model->file, g_mapped_file_unref);
  memset (model, 0, sizeof *model);
}
