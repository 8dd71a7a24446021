/* nf-topic-features.c: the words of a text as the topic model sees them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The classifier (nf-topic-model.c) and its training tool
 * (tools/nf-train-topics.c) both call nf_topic_features_extract(), so that
 * a model is always applied to the features it was trained on.
 *
 * A text becomes a bag of stems: each word that is not a stopword and
 * holds a letter is stemmed for the model's language, and a title word
 * counts @title_weight times (a title names its topic more plainly than
 * most sentences do).  With NF_TOPIC_FEATURE_BIGRAMS, each two stems that
 * follow each other with no stopword between them count as a feature too
 * ("prime minist", "box offic").  Features are 32-bit hashes of the stems,
 * so that a model stores four bytes a feature and no strings; the value
 * of a feature is log (1 + count).  The model then weighs each feature it
 * knows by its rarity (idf) and scales the text's values to a unit norm.
 */
#include <math.h>
#include <string.h>

#include "nf-tagger-private.h"
#include "nf-topic-private.h"

#define FNV_OFFSET 2166136261u
#define FNV_PRIME  16777619u

/* FNV-1a of @length bytes of @data, continuing from @hash: fast, and the
 * same on every platform, which the model files need. */
static guint32
fnv1a (guint32     hash,
       const char *data,
       gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      hash ^= (guchar) data[i];
      hash *= FNV_PRIME;
    }
  return hash;
}

/**
 * nf_topic_hash_stem:
 * @stem: a stem
 *
 * The feature of one stem.
 *
 * Returns: its 32-bit hash
 */
guint32
nf_topic_hash_stem (const char *stem)
{
  return fnv1a (FNV_OFFSET, stem, strlen (stem));
}

/**
 * nf_topic_hash_bigram:
 * @first: a stem
 * @second: the stem after it
 *
 * The feature of two stems in a row: the hash of "first second", which a
 * single stem never has (stems hold no space).
 *
 * Returns: its 32-bit hash
 */
guint32
nf_topic_hash_bigram (const char *first,
                      const char *second)
{
  guint32 hash = fnv1a (FNV_OFFSET, first, strlen (first));

  hash = fnv1a (hash, " ", 1);
  return fnv1a (hash, second, strlen (second));
}

/* Whether the word of @length bytes at @word has a letter: numbers
 * ("2004", "1.5") name no topic and would only add noise. */
static gboolean
has_letter (const char *word,
            gsize       length)
{
  const char *end = word + length;

  for (const char *p = word; p < end; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Adds @weight to the count of @hash in @counts (hash → double*). */
static void
add_count (GHashTable *counts,
           guint32     hash,
           double      weight)
{
  double *count = g_hash_table_lookup (counts, GUINT_TO_POINTER (hash));

  if (count == NULL)
    {
      count = g_new0 (double, 1);
      g_hash_table_insert (counts, GUINT_TO_POINTER (hash), count);
    }
  *count += weight;
}

/* Counts the features of @text into @counts, each @weight times. */
static void
count_features (GHashTable *counts,
                NfStemmer  *stemmer,
                const char *language,
                const char *text,
                double      weight,
                guint       flags)
{
  g_autofree char *previous = NULL;
  gsize cursor = 0, start, end;

  while (nf_text_next_word (text, &cursor, &start, &end))
    {
      g_autofree char *word = g_strndup (text + start, end - start);
      char *stem;

      if (nf_text_is_stopword (language, word) || !has_letter (word, end - start))
        {
          /* a stopword or a number breaks a phrase */
          g_clear_pointer (&previous, g_free);
          continue;
        }

      stem = nf_stemmer_stem (stemmer, word);
      add_count (counts, nf_topic_hash_stem (stem), weight);
      if ((flags & NF_TOPIC_FEATURE_BIGRAMS) && previous != NULL)
        add_count (counts, nf_topic_hash_bigram (previous, stem), weight);

      g_free (previous);
      previous = stem;
    }
}

/* Orders features by hash, as the model stores them. */
static int
compare_features (gconstpointer a,
                  gconstpointer b)
{
  guint32 ha = ((const NfTopicFeature *) a)->hash;
  guint32 hb = ((const NfTopicFeature *) b)->hash;

  return (ha > hb) - (ha < hb);
}

/**
 * nf_topic_features_extract:
 * @stemmer: a stemmer for @language (used by one thread at a time)
 * @language: the language of the stopwords to leave out
 * @text: the text
 * @title: (nullable): its title
 * @title_weight: how many times a title word counts
 * @flags: #NfTopicFeatureFlags
 *
 * The features of a text, as described at the top of this file.
 *
 * Returns: (transfer full) (element-type NfTopicFeature): the features,
 *   ordered by hash, with their values log (1 + count) (none for a text
 *   with no word)
 */
GArray *
nf_topic_features_extract (NfStemmer  *stemmer,
                           const char *language,
                           const char *text,
                           const char *title,
                           double      title_weight,
                           guint       flags)
{
  g_autoptr (GHashTable) counts = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  GArray *features;
  GHashTableIter iter;
  gpointer key, value;

  count_features (counts, stemmer, language, text, 1.0, flags);
  if (title != NULL)
    count_features (counts, stemmer, language, title, title_weight, flags);

  features = g_array_sized_new (FALSE, FALSE, sizeof (NfTopicFeature),
                                g_hash_table_size (counts));
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      NfTopicFeature feature = {
        .hash = GPOINTER_TO_UINT (key),
        .value = log1p (*(double *) value),
      };

      g_array_append_val (features, feature);
    }

  g_array_sort (features, compare_features);
  return features;
}
