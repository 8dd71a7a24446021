/* nf-tagger-element.h: the tag element and its helpers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nf-tagger-private.h"

G_BEGIN_DECLS

#define NF_TYPE_TAGGER (nf_tagger_get_type ())
G_DECLARE_FINAL_TYPE (NfTagger, nf_tagger, NF, TAGGER, NfFilter)

/**
 * NfTaggerKinds:
 * @NF_TAGGER_KINDS_ENTITIES: people, places, organizations and other names
 * @NF_TAGGER_KINDS_KEYWORDS: the story's keyphrases
 * @NF_TAGGER_KINDS_TOPICS: the story's topics
 * @NF_TAGGER_KINDS_SOURCES: who is quoted or credited
 *
 * Which tags the tag element makes.
 */
typedef enum
{
  NF_TAGGER_KINDS_ENTITIES = 1 << 0,
  NF_TAGGER_KINDS_KEYWORDS = 1 << 1,
  NF_TAGGER_KINDS_TOPICS   = 1 << 2,
  NF_TAGGER_KINDS_SOURCES  = 1 << 3,
} NfTaggerKinds;

#define NF_TYPE_TAGGER_KINDS (nf_tagger_kinds_get_type ())
GType nf_tagger_kinds_get_type (void);

#define NF_TAGGER_KINDS_ALL (NF_TAGGER_KINDS_ENTITIES | NF_TAGGER_KINDS_KEYWORDS | \
                             NF_TAGGER_KINDS_TOPICS | NF_TAGGER_KINDS_SOURCES)

/* nf-tagger-entities.c: mentions merged into one tag per entity */
void nf_tagger_add_entities (NfDocument *document,
                             GArray     *mentions,
                             double      min_score);

/* nf-tagger-sources.c: who is quoted or credited */
void nf_tagger_add_sources  (NfDocument *document,
                             double      min_score);

G_END_DECLS
