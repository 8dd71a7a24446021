/* nf-ner-private.h: the parts of the named-entity recogniser
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Shared by nf-ner-tokens.c, nf-ner-features.c, nf-ner-model.c and
 * nf-ner-train.c, and by tools/nf-train-ner.c, so that training computes
 * exactly the features that tagging computes.
 */
#pragma once

#include "nf-tagger-private.h"

G_BEGIN_DECLS

/* ---- tokens (nf-ner-tokens.c) -------------------------------------------- */

/* NfNerToken and nf_ner_tokenize() are in nf-tagger-private.h: the tag
 * element shares the tokens between the two models. */

/* ---- labels ---------------------------------------------------------------
 * BILOU over the four kinds: O, then B/I/L/U for each kind in NfNerKind order.
 */
#define NF_NER_N_LABELS 17
#define NF_NER_LABEL_O  0

static inline guint
nf_ner_label (char bilu, NfNerKind kind)
{
  static const char order[] = "BILU";
  return 1 + kind * 4 + (guint) (strchr (order, bilu) - order);
}

static inline char
nf_ner_label_part (guint label)
{
  return label == NF_NER_LABEL_O ? 'O' : "BILU"[(label - 1) % 4];
}

static inline NfNerKind
nf_ner_label_kind (guint label)
{
  return (NfNerKind) ((label - 1) / 4);
}

gboolean    nf_ner_transition_allowed  (guint        previous,
                                        guint        label);

/* ---- the lexicon learnt from the training data ----------------------------
 * An open-addressed table of (key hash, value) pairs: words and entity
 * phrases of the training file, never of any development or test file.
 */
typedef struct
{
  const guint32 *slots;   /* 2 * n_slots: key, value (little endian) */
  guint          n_slots; /* a power of two */
} NfNerLexicon;

/* Word values: which kinds the word was part of, which kind it mostly was,
 * and how often it was written in lower case. */
#define NF_NER_LEX_KIND_SEEN(k)   (1u << (k))
#define NF_NER_LEX_KIND_MOSTLY(k) (1u << (4 + (k)))
#define NF_NER_LEX_CASE_SHIFT     8
#define NF_NER_LEX_CASE_MASK      (3u << NF_NER_LEX_CASE_SHIFT)
#define NF_NER_LEX_MAX_PHRASE     6

guint32     nf_ner_hash_bytes          (guint32      hash,
                                        const char  *bytes,
                                        gsize        length);
guint32     nf_ner_lexicon_word_key    (const char  *lower);
guint32     nf_ner_lexicon_phrase_key  (const char * const *lower_words,
                                        guint        n_words);
guint32     nf_ner_lexicon_lookup      (const NfNerLexicon *lexicon,
                                        guint32      key);

/* ---- features (nf-ner-features.c) ----------------------------------------- */

/* The features of one sentence that do not depend on the labels chosen:
 * n_tokens rows of `stride` hashes (0 pads a row). */
typedef struct
{
  guint    n_tokens;
  guint    stride;
  guint32 *hashes;
  guint32 *word_hashes;   /* the lower-cased word, for label features */
  guint32 *shape_hashes;
  guint8  *plain;         /* a lower-case word that no entity of the training
                           * file holds, outside any entity phrase or headline */
  guint8  *row_ready;     /* nullable: rows left to compute on demand
                           * (nf_ner_features_row()) */
  gpointer deferred;      /* what computing them needs */
} NfNerSentenceFeatures;

typedef struct _NfNerDocument NfNerDocument;

/* What the rest of the document says about its words. */
NfNerDocument *nf_ner_document_new          (char       **words,
                                             const gboolean *sentence_start,
                                             guint        n_words);
void           nf_ner_document_free         (NfNerDocument *doc);

void        nf_ner_features_compute        (NfNerSentenceFeatures *out,
                                            char * const        *words,
                                            guint                n_words,
                                            const NfNerLexicon  *lexicon,
                                            NfNerDocument       *doc);
void        nf_ner_features_compute_deferred (NfNerSentenceFeatures *out,
                                            char * const        *words,
                                            guint                n_words,
                                            const NfNerLexicon  *lexicon,
                                            NfNerDocument       *doc);
const guint32 *nf_ner_features_row         (NfNerSentenceFeatures *features,
                                            guint                i);
void        nf_ner_features_clear          (NfNerSentenceFeatures *features);
/* The features of token @i given the two labels before it; writes at
 * most NF_NER_N_DYNAMIC hashes to @out and returns how many. */
#define NF_NER_N_DYNAMIC 6
guint       nf_ner_features_dynamic        (const NfNerSentenceFeatures *features,
                                            guint                i,
                                            guint                previous,
                                            guint                previous2,
                                            guint32             *out);

/* Where feature @hash keeps its weight for label 0 (labels follow it). */
static inline guint
nf_ner_weight_index (guint32 hash, guint bits)
{
  return hash & ((1u << bits) - 1);
}

/* ---- the model (nf-ner-model.c) ------------------------------------------- */

#define NF_NER_MODEL_VERSION 1

/* The score of every label for a token with features @hashes: weights
 * are floats while training (@weights_f) and int16 in a model file. */
void        nf_ner_score_token         (const guint32 *hashes,
                                        guint          n_hashes,
                                        const float   *weights_f,
                                        const gint16  *weights_i,
                                        guint          bits,
                                        double        *scores);
guint       nf_ner_best_label          (const double  *scores,
                                        guint          previous,
                                        gboolean       last);
void        nf_ner_decode_sentence     (NfNerSentenceFeatures *features,
                                        const float   *weights_f,
                                        const gint16  *weights_i,
                                        guint          bits,
                                        guint         *labels);
GArray     *nf_ner_labels_to_mentions  (const NfNerToken *tokens,
                                        const guint      *labels,
                                        guint             n_tokens);
gboolean    nf_ner_model_write         (const char   *path,
                                        const float  *weights,
                                        guint         bits,
                                        const guint32 *lexicon_slots,
                                        guint         lexicon_n_slots,
                                        GError      **error);

/* ---- training (nf-ner-train.c) -------------------------------------------- */

typedef struct
{
  guint    epochs;
  guint    seed;
  guint    bits;        /* log2 of the weight table */
  gboolean verbose;
} NfNerTrainOptions;

gboolean    nf_ner_train               (const char   *train_path,
                                        const char   *output_path,
                                        const NfNerTrainOptions *options,
                                        GError      **error);

/* ---- shared with the part-of-speech tagger (nf-pos-*.c) -------------------
 * Model files: a 32-byte header (8-byte magic, version, sizes, a checksum
 * of the body at offset 24) and little-endian numbers; hashed feature
 * weights with the labels of a feature in consecutive slots.
 */
/* The training files (nf-ner-train.c): CoNLL columns, a token a line. */
typedef void (*NfConllTokenFunc) (char     **fields,
                                  guint      n_fields,
                                  gpointer   data);
typedef void (*NfConllBreakFunc) (gboolean   document_start,
                                  gpointer   data);
gboolean    nf_conll_read              (const char       *path,
                                        const char       *what,
                                        NfConllTokenFunc  on_token,
                                        NfConllBreakFunc  on_break,
                                        gpointer          data,
                                        GError          **error);

/* What a model file must be: for messages, its header, its labels. */
typedef struct
{
  const char *kind;       /* "entity", "part-of-speech" */
  char        magic[8];
  guint32     version;
  guint32     n_labels;
} NfModelFormat;

/* A mapped model file (nf-model-file.c). */
typedef struct
{
  GMappedFile   *file;
  const gint16  *weights;  /* 2^bits, little endian */
  guint          bits;
  const guint32 *slots;    /* 2 * n_slots extra numbers */
  guint          n_slots;
  gpointer       copy;     /* the weights on huge pages, when the system has them */
  gsize          copy_size;
} NfModelFile;

gboolean    nf_model_file_write        (const char          *path,
                                        const NfModelFormat *format,
                                        const float         *weights,
                                        guint                bits,
                                        const guint32       *slots,
                                        guint                n_slots,
                                        GError             **error);
gboolean    nf_model_file_map          (NfModelFile         *model,
                                        const char          *path,
                                        const NfModelFormat *format,
                                        GError             **error);
void        nf_model_file_clear        (NfModelFile         *model);
guint32     nf_model_checksum          (const guchar  *data,
                                        gsize          length);
void        nf_model_put_u32           (guchar        *header,
                                        guint          offset,
                                        guint32        value);
guint32     nf_model_get_u32           (const guchar  *header,
                                        guint          offset);
void        nf_model_quantize          (const float   *weights,
                                        gsize          n,
                                        gint16        *out);
/* The most labels nf_hashed_score() scores at once. */
#define NF_HASHED_MAX_LABELS 32

void        nf_hashed_score            (const guint32 *hashes,
                                        guint          n_hashes,
                                        const float   *weights_f,
                                        const gint16  *weights_i,
                                        guint          bits,
                                        guint          n_labels,
                                        double        *scores);

/* The averaged perceptron over hashed features (nf-ner-train.c). */
typedef struct
{
  guint    bits;
  float   *weights;
  double  *totals;     /* sums of the weights over time, for the average */
  guint32 *stamps;     /* when each weight last changed */
  guint32  clock;      /* steps so far: the caller counts them */
} NfPerceptron;

void        nf_perceptron_init         (NfPerceptron  *p,
                                        guint          bits);
void        nf_perceptron_clear        (NfPerceptron  *p);
void        nf_perceptron_learn        (NfPerceptron  *p,
                                        const guint32 *hashes,
                                        guint          n_hashes,
                                        guint          gold,
                                        guint          guess);
void        nf_perceptron_average      (NfPerceptron  *p);
guint32     nf_random_next             (guint64       *state);

G_END_DECLS
