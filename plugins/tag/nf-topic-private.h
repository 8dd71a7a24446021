/* nf-topic-private.h: what the topic classifier shares with its training tool
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The element only needs nf-tagger-private.h; tools/nf-train-topics.c also
 * extracts features and writes models, with the code below.
 */
#pragma once

#include <newsfilter.h>

#include "nf-tagger-private.h"

G_BEGIN_DECLS

/* What a model's features are made of (stored in the model). */
typedef enum
{
  NF_TOPIC_FEATURE_BIGRAMS = 1 << 0,   /* two stems in a row, besides single stems */
} NfTopicFeatureFlags;

/* One feature of a text: the hash of a stem (or of two), and its value. */
typedef struct
{
  guint32 hash;
  float   value;
} NfTopicFeature;

guint32  nf_topic_hash_stem         (const char *stem);
guint32  nf_topic_hash_bigram       (const char *first,
                                     const char *second);
/* The features of @text and @title, by hash (element-type NfTopicFeature). */
GArray  *nf_topic_features_extract  (NfStemmer  *stemmer,
                                     const char *language,
                                     const char *text,
                                     const char *title,
                                     double      title_weight,
                                     guint       flags);

/* A trained model, as the training tool hands it to the writer: a linear
 * model, score (label) = bias[label] + Σ x (f) × weights[f × n_labels + label]
 * where x (f) = value (f) × idf[f] / ‖value × idf‖ over the features the model
 * knows, turned into probabilities by a softmax. */
typedef struct
{
  const char         *language;       /* ISO 639-1: stopwords and stemmer */
  guint               flags;          /* NfTopicFeatureFlags */
  double              title_weight;
  guint               n_labels;
  const char * const *labels;
  const float        *bias;           /* n_labels */
  guint               n_features;
  const guint32      *hashes;         /* n_features, strictly increasing */
  const float        *idf;            /* n_features */
  const float        *weights;        /* n_features × n_labels */
} NfTopicModelSpec;

/* The bytes of a model file for @spec. */
GBytes       *nf_topic_model_serialize       (const NfTopicModelSpec  *spec);
/* A model from the bytes of a model file (kept, not copied); @name says
 * where they come from in error messages. */
NfTopicModel *nf_topic_model_new_from_bytes  (GBytes                  *bytes,
                                              const char              *name,
                                              GError                 **error);
const char   *nf_topic_model_get_language    (NfTopicModel            *model);
guint         nf_topic_model_get_n_features  (NfTopicModel            *model);

G_END_DECLS
