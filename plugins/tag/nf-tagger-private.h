/* nf-tagger-private.h: the pieces of the tag element
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The element (nf-tagger.c) runs up to four taggers on a document's text;
 * each is a plain C module with a small interface below, so that the
 * training tools in tools/ can link the same code the element runs.
 */
#pragma once

#include <newsfilter.h>

G_BEGIN_DECLS

/* ---- named entities (nf-ner-*.c) ---------------------------------------- */

typedef enum
{
  NF_NER_PERSON,
  NF_NER_PLACE,
  NF_NER_ORGANIZATION,
  NF_NER_MISC,
} NfNerKind;

/* One mention of an entity: code points of the text, end exclusive. */
typedef struct
{
  guint     start;
  guint     end;
  NfNerKind kind;
} NfNerMention;

/* A word or punctuation mark: code points of the text, end exclusive. */
typedef struct
{
  char     *text;            /* owned */
  guint     start;
  guint     end;
  gboolean  sentence_start;  /* the first token of a sentence */
} NfNerToken;

/* The tokens of @text as both models were trained on them (element-type
 * NfNerToken): the tag element cuts a text once for both. */
GArray     *nf_ner_tokenize            (const char  *text);
/* Their texts in order (pointing into @tokens), and where the sentence
 * that starts at @first ends: what both models walk a text by. */
char      **nf_ner_token_words         (GArray      *tokens);
guint       nf_ner_sentence_end        (GArray      *tokens,
                                        guint        first);

typedef struct _NfNerModel NfNerModel;

/* Loads a model file written by tools/nf-train-ner (read-only afterwards:
 * one model serves every thread). */
NfNerModel *nf_ner_model_load   (const char  *path,
                                 GError     **error);
void        nf_ner_model_free   (NfNerModel  *model);
/* The mentions in @text, in order (element-type NfNerMention). */
GArray     *nf_ner_model_find   (NfNerModel  *model,
                                 const char  *text);
/* The same over tokens made by nf_ner_tokenize(). */
GArray     *nf_ner_model_find_in_tokens (NfNerModel *model,
                                         GArray     *tokens);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfNerModel, nf_ner_model_free)

/* ---- parts of speech (nf-pos-*.c) ----------------------------------------- */

/* Coarse parts of speech: enough to tell noun phrases apart. */
typedef enum
{
  NF_POS_NOUN,    /* NN NNS NNP NNPS */
  NF_POS_ADJ,     /* JJ JJR JJS */
  NF_POS_VERB,    /* VB VBD VBG VBN VBP VBZ MD */
  NF_POS_NUM,     /* CD */
  NF_POS_OTHER,
} NfPosTag;

#define NF_POS_N_TAGS 5

/* One tagged token: code points of the text, end exclusive. */
typedef struct
{
  guint     start;
  guint     end;
  NfPosTag  tag;
} NfPosToken;

typedef struct _NfPosModel NfPosModel;

/* Loads a model file written by tools/nf-train-pos (read-only afterwards). */
NfPosModel *nf_pos_model_load   (const char  *path,
                                 GError     **error);
void        nf_pos_model_free   (NfPosModel  *model);
/* The tokens of @text with their parts of speech (element-type NfPosToken). */
GArray     *nf_pos_model_tag    (NfPosModel  *model,
                                 const char  *text);
/* The same over tokens made by nf_ner_tokenize(). */
GArray     *nf_pos_model_tag_tokens (NfPosModel *model,
                                     GArray     *tokens);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfPosModel, nf_pos_model_free)

/* The coarse tag of a Penn Treebank tag ("NNS" → NF_POS_NOUN). */
NfPosTag    nf_pos_tag_from_penn (const char *penn);

typedef struct
{
  guint    epochs;
  guint    seed;
  guint    bits;        /* log2 of the weight table */
  gboolean verbose;
} NfPosTrainOptions;

/* Trains on the POS column of a CoNLL-2003 style file; every tenth
 * sentence is held back to measure, then the model written is trained
 * on all of them. */
gboolean    nf_pos_train        (const char   *train_path,
                                 const char   *output_path,
                                 const NfPosTrainOptions *options,
                                 GError      **error);

/* What training shares with tagging (nf-pos-model.c), so that both
 * compute the same features. */
#define NF_POS_MODEL_VERSION 1
#define NF_POS_N_FEATURES    16
char      **nf_pos_lower_words  (char * const *words,
                                 guint         n_words);
guint       nf_pos_features     (char * const *words,
                                 char * const *lower,
                                 guint         n_words,
                                 guint         i,
                                 guint         previous,
                                 guint         previous2,
                                 guint32      *out);
guint       nf_pos_best_tag     (const double *scores);
void        nf_pos_tag_sentence (char * const *words,
                                 guint         n_words,
                                 const float  *weights_f,
                                 const gint16 *weights_i,
                                 guint         bits,
                                 guint        *tags);
gboolean    nf_pos_model_write  (const char   *path,
                                 const float  *weights,
                                 guint         bits,
                                 GError      **error);

/* ---- keyphrases (nf-keyphrase*.c) --------------------------------------- */

typedef struct
{
  char   *text;        /* as the text writes it */
  char   *normalized;  /* lower-cased stems, for deduplication */
  double  score;       /* (0, 1], the best phrase has 1 */
  GArray *mentions;    /* guint pairs (start, end), code points, end exclusive */
} NfKeyphrase;

void        nf_keyphrase_free      (gpointer      keyphrase);
/* The best @max_keyphrases phrases of @text, best first (element-type
 * NfKeyphrase); with a part-of-speech model (English) the candidates are
 * noun phrases. */
GPtrArray  *nf_keyphrases_extract  (const char   *text,
                                    const char   *title,
                                    const char   *language,
                                    guint         max_keyphrases,
                                    NfPosModel   *pos);
/* The same with @text's tokens already tagged (nullable, element-type
 * NfPosToken); @text must be valid UTF-8. */
GPtrArray  *nf_keyphrases_extract_tagged (const char *text,
                                          const char *title,
                                          const char *language,
                                          guint       max_keyphrases,
                                          GArray     *pos_tokens);

/* ---- topics (nf-topic-*.c) ----------------------------------------------- */

typedef struct
{
  const char *label;   /* owned by the model */
  double      score;   /* the scores of one text sum to 1 */
} NfTopicScore;

typedef struct _NfTopicModel NfTopicModel;

NfTopicModel *nf_topic_model_load     (const char    *path,
                                       GError       **error);
void          nf_topic_model_free     (NfTopicModel  *model);
/* Every label's score for @text, best first (element-type NfTopicScore). */
GArray       *nf_topic_model_classify (NfTopicModel  *model,
                                       const char    *text,
                                       const char    *title);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfTopicModel, nf_topic_model_free)

G_END_DECLS
