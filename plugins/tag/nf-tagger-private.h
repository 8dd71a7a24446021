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

typedef struct _NfNerModel NfNerModel;

/* Loads a model file written by tools/nf-train-ner (read-only afterwards:
 * one model serves every thread). */
NfNerModel *nf_ner_model_load   (const char  *path,
                                 GError     **error);
void        nf_ner_model_free   (NfNerModel  *model);
/* The mentions in @text, in order (element-type NfNerMention). */
GArray     *nf_ner_model_find   (NfNerModel  *model,
                                 const char  *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfNerModel, nf_ner_model_free)

/* ---- keyphrases (nf-keyphrase*.c) --------------------------------------- */

typedef struct
{
  char   *text;        /* as the text writes it */
  char   *normalized;  /* lower-cased stems, for deduplication */
  double  score;       /* (0, 1], the best phrase has 1 */
  GArray *mentions;    /* guint pairs (start, end), code points, end exclusive */
} NfKeyphrase;

void        nf_keyphrase_free      (gpointer      keyphrase);
/* The best @max_keyphrases phrases of @text, best first (element-type NfKeyphrase). */
GPtrArray  *nf_keyphrases_extract  (const char   *text,
                                    const char   *title,
                                    const char   *language,
                                    guint         max_keyphrases);

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
