/* nf-dedup-private.h: the pieces of the dedup element
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <newsfilter.h>

G_BEGIN_DECLS

#define NF_TYPE_DEDUP (nf_dedup_get_type ())
G_DECLARE_FINAL_TYPE (NfDedup, nf_dedup, NF, DEDUP, NfFilter)

/* The keys of one document; a flag says which of them it has. */
typedef enum
{
  NF_DEDUP_HAS_URL     = 1 << 0,
  NF_DEDUP_HAS_TEXT    = 1 << 1,
  NF_DEDUP_HAS_SIMHASH = 1 << 2,   /* the text has at least min-words words */
} NfDedupHas;

typedef struct
{
  guint64    url_hash;    /* of the normalised URL */
  guint64    text_hash;   /* of the text, white space collapsed, lower-cased */
  guint64    simhash;     /* 64-bit SimHash of the text's 3-word shingles */
  NfDedupHas has;
} NfDedupKeys;

/* Why a document is a duplicate, strongest first. */
typedef enum
{
  NF_DEDUP_REASON_NONE,
  NF_DEDUP_REASON_URL,
  NF_DEDUP_REASON_TEXT,
  NF_DEDUP_REASON_NEAR,
} NfDedupReason;

/* What a look-up found: @id is the first copy's (owned by the match). */
typedef struct
{
  NfDedupReason reason;
  guint         distance;   /* Hamming distance of the fingerprints (near) */
  guint64       order;      /* smaller: seen earlier */
  char         *id;
} NfDedupMatch;

/* The number of 16-bit bands of a fingerprint, and the distance up to
 * which two fingerprints always share one (pigeonhole). */
#define NF_DEDUP_BANDS           4
#define NF_DEDUP_BANDED_DISTANCE (NF_DEDUP_BANDS - 1)

/* nf-dedup-hash.c */
guint64       nf_dedup_hash_bytes        (const char   *bytes,
                                          gsize         length);
char         *nf_dedup_normalize_url     (const char   *uri);
guint64       nf_dedup_hash_text         (const char   *text);
gboolean      nf_dedup_simhash           (const char   *text,
                                          guint         min_words,
                                          guint64      *fingerprint);
void          nf_dedup_keys_compute      (NfDedupKeys  *keys,
                                          const char   *uri,
                                          const char   *text,
                                          guint         min_words);
const char   *nf_dedup_reason_to_string  (NfDedupReason reason);
guint         nf_dedup_band              (guint64       fingerprint,
                                          guint         band);
gboolean      nf_dedup_match_better      (const NfDedupMatch *candidate,
                                          const NfDedupMatch *best);
NfDedupReason nf_dedup_compare           (const NfDedupKeys  *keys,
                                          const NfDedupKeys  *seen,
                                          guint               threshold,
                                          guint              *distance);
void          nf_dedup_match_clear       (NfDedupMatch *match);

/* nf-dedup-index.c: the documents remembered in memory */
typedef struct _NfDedupIndex NfDedupIndex;

NfDedupIndex *nf_dedup_index_new         (guint         capacity);
void          nf_dedup_index_free        (NfDedupIndex *index);
guint         nf_dedup_index_get_size    (NfDedupIndex *index);
gboolean      nf_dedup_index_lookup      (NfDedupIndex      *index,
                                          const NfDedupKeys *keys,
                                          const char        *self_id,
                                          guint              threshold,
                                          NfDedupMatch      *match,
                                          gboolean          *seen_self);
void          nf_dedup_index_add         (NfDedupIndex      *index,
                                          const NfDedupKeys *keys,
                                          const char        *id);

/* nf-dedup-store.c: the documents remembered in an SQLite file */
typedef struct _NfDedupStore NfDedupStore;

NfDedupStore *nf_dedup_store_open        (const char        *path,
                                          guint              keep,
                                          GError           **error);
void          nf_dedup_store_close       (NfDedupStore      *store);
gboolean      nf_dedup_store_load        (NfDedupStore      *store,
                                          NfDedupIndex      *index,
                                          GError           **error);
gboolean      nf_dedup_store_lookup      (NfDedupStore      *store,
                                          const NfDedupKeys *keys,
                                          const char        *self_id,
                                          guint              threshold,
                                          NfDedupMatch      *match,
                                          GError           **error);
gboolean      nf_dedup_store_add         (NfDedupStore      *store,
                                          const NfDedupKeys *keys,
                                          const char        *id,
                                          GError           **error);
gboolean      nf_dedup_store_flush       (NfDedupStore      *store,
                                          gboolean           wait,
                                          GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfDedupIndex, nf_dedup_index_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfDedupStore, nf_dedup_store_close)

G_END_DECLS
