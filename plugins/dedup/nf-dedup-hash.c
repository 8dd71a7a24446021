/* nf-dedup-hash.c: the keys that tell duplicates — normalised URLs, text
 * hashes and SimHash fingerprints
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every hash here is fixed and machine independent, so that fingerprints
 * stored by one worker or run mean the same to every other. One function
 * does all the hashing, eight bytes at a time rather than FNV's one (the
 * fingerprint's cost is mostly hashing):
 *
 *   h = 0x243f6a8885a308d3
 *   for each 8 bytes, packed little-endian into w (the last zero-padded):
 *     h = rotl64 ((h ^ w) * 0x9e3779b97f4a7c15, 31)
 *   hash = fmix64 (h ^ number of bytes)
 *
 * where fmix64 is MurmurHash3's 64-bit finaliser, so that every output
 * bit depends on every input bit.
 */
#include "nf-dedup-private.h"

#include <string.h>

#define HASH_SEED  G_GUINT64_CONSTANT (0x243f6a8885a308d3)
#define HASH_MUL   G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)

/* Query parameters that only say where a reader came from. Names starting
 * with "utm_" are dropped too. */
static const char * const tracking_parameters[] = {
  "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
  "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok",
  NULL
};

/* MurmurHash3's 64-bit finaliser: spreads every bit over the whole word. */
static inline guint64
fmix64 (guint64 h)
{
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return h;
}

/* Rotates @x left by @r bits (0 < r < 64). */
static inline guint64
rotl64 (guint64 x,
        guint   r)
{
  return (x << r) | (x >> (64 - r));
}

/* The hash above, fed a byte at a time, in registers. */
typedef struct
{
  guint64 h;
  guint64 word;     /* bytes not yet mixed, little-endian */
  guint   in_word;
  gsize   length;
} Hasher;

/* Mixes eight bytes into the hash state: one step of the hash above. */
static inline guint64
mix_word (guint64 h,
          guint64 word)
{
  return rotl64 ((h ^ word) * HASH_MUL, 31);
}

/* Starts a hash. */
static inline void
hasher_init (Hasher *hasher)
{
  hasher->h = HASH_SEED;
  hasher->word = 0;
  hasher->in_word = 0;
  hasher->length = 0;
}

/* Feeds one byte, mixing every eighth. */
static inline void
hasher_byte (Hasher *hasher,
             guchar  byte)
{
  hasher->word |= (guint64) byte << (8 * hasher->in_word);
  hasher->length++;
  if (++hasher->in_word == 8)
    {
      hasher->h = mix_word (hasher->h, hasher->word);
      hasher->word = 0;
      hasher->in_word = 0;
    }
}

/* Mixes the last, zero-padded bytes and the length: the hash. */
static inline guint64
hasher_finish (Hasher *hasher)
{
  guint64 h = hasher->h;

  if (hasher->in_word > 0)
    h = mix_word (h, hasher->word);
  return fmix64 (h ^ (guint64) hasher->length);
}

/* The hash of @length bytes. */
guint64
nf_dedup_hash_bytes (const char *bytes,
                     gsize       length)
{
  Hasher hasher;

  hasher_init (&hasher);
  for (gsize i = 0; i < length; i++)
    hasher_byte (&hasher, (guchar) bytes[i]);
  return hasher_finish (&hasher);
}

/* Feeds the lower-case form of the character at *@p to @hasher and moves
 * *@p past it. ASCII takes the short way; an invalid byte is fed as it is. */
static inline void
hash_lower_char (Hasher      *hasher,
                 const char **p)
{
  guchar c = (guchar) **p;
  gunichar u;
  char buffer[6];
  int length;

  if (c < 0x80)
    {
      (*p)++;
      /* inline: g_ascii_tolower() is a call, and this runs on every byte */
      hasher_byte (hasher, (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c);
      return;
    }
  u = g_utf8_get_char_validated (*p, -1);
  if (u == (gunichar) -1 || u == (gunichar) -2)
    {
      (*p)++;
      hasher_byte (hasher, c);
      return;
    }
  *p = g_utf8_next_char (*p);
  length = g_unichar_to_utf8 (g_unichar_tolower (u), buffer);
  for (int i = 0; i < length; i++)
    hasher_byte (hasher, (guchar) buffer[i]);
}

/* Whether the character at @p is white space; its length in *@length. */
static inline gboolean
is_space_at (const char *p,
             gsize      *length)
{
  guchar c = (guchar) *p;
  gunichar u;

  if (c < 0x80)
    {
      *length = 1;
      return g_ascii_isspace (c);
    }
  u = g_utf8_get_char_validated (p, -1);
  if (u == (gunichar) -1 || u == (gunichar) -2)
    {
      *length = 1;
      return FALSE;
    }
  *length = g_utf8_next_char (p) - p;
  return g_unichar_isspace (u);
}

/* The hash of @text with every run of white space made one space, none at
 * either end, and every letter lower-cased: texts that differ only in
 * line breaks, indentation or capitals hash alike. No copy is made. */
guint64
nf_dedup_hash_text (const char *text)
{
  Hasher hasher;
  gboolean pending_space = FALSE, started = FALSE;
  const char *p = text;

  hasher_init (&hasher);
  while (*p != '\0')
    {
      gsize length;

      if (is_space_at (p, &length))
        {
          pending_space = started;
          p += length;
          continue;
        }
      if (pending_space)
        hasher_byte (&hasher, ' ');
      pending_space = FALSE;
      started = TRUE;
      hash_lower_char (&hasher, &p);
    }
  return hasher_finish (&hasher);
}

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* The eight ASCII bytes of @w with A-Z made a-z, all at once: a byte's
 * high bit says whether it is at least 'A', and whether it is past 'Z'. */
static inline guint64
ascii_lower8 (guint64 w)
{
  guint64 at_least_a = (w + (0x80 - 'A') * ONES) & HIGHS;
  guint64 past_z = (w + (0x80 - 'Z' - 1) * ONES) & HIGHS;

  return w | ((at_least_a & ~past_z) >> 2);
}

/* The hash of the lower-cased ASCII word of @length bytes at @p, or
 * FALSE when it has other bytes: the same value as the byte-at-a-time
 * path, read eight bytes at a time from the text. */
static inline gboolean
hash_ascii_word (const char *p,
                 gsize       length,
                 guint64    *hash)
{
  guint64 h = HASH_SEED, w;
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      memcpy (&w, p + i, sizeof w);
      w = GUINT64_FROM_LE (w);
      if (w & HIGHS)
        return FALSE;
      h = mix_word (h, ascii_lower8 (w));
    }
  if (i < length)
    {
      w = 0;
      for (guint k = 0; i + k < length; k++)
        w |= (guint64) (guchar) p[i + k] << (8 * k);
      if (w & HIGHS)
        return FALSE;
      h = mix_word (h, ascii_lower8 (w));
    }
  *hash = fmix64 (h ^ (guint64) length);
  return TRUE;
}

/* The hash of the lower-cased word [start, end). */
static inline guint64
hash_word (const char *text,
           gsize       start,
           gsize       end)
{
  Hasher hasher;
  const char *p = text + start, *stop = text + end;
  guint64 hash;

  if (hash_ascii_word (p, end - start, &hash))
    return hash;
  hasher_init (&hasher);
  while (p < stop)
    hash_lower_char (&hasher, &p);
  return hasher_finish (&hasher);
}

/* spread[v] has byte k set to bit k of v: adding spread[byte] to a 64-bit
 * word counts eight bits at once, one per byte lane. */
static guint64 spread[256];

static gpointer
init_spread (gpointer data)
{
  for (guint v = 0; v < 256; v++)
    {
      guint64 lanes = 0;
      for (guint k = 0; k < 8; k++)
        if (v & (1u << k))
          lanes |= G_GUINT64_CONSTANT (1) << (8 * k);
      spread[v] = lanes;
    }
  return NULL;
}

/* Bit counts of the shingle hashes: eight byte-lane words that overflow
 * after 255 shingles, poured into 64 wide counters before they do. */
typedef struct
{
  guint64 lanes[8];
  guint   in_lanes;
  guint   counts[64];
  guint   shingles;
} BitCounts;

/* Adds the byte lanes into the wide counters and empties them. */
static void
bit_counts_pour (BitCounts *bits)
{
  for (guint j = 0; j < 8; j++)
    {
      for (guint k = 0; k < 8; k++)
        bits->counts[8 * j + k] += (bits->lanes[j] >> (8 * k)) & 0xff;
      bits->lanes[j] = 0;
    }
  bits->in_lanes = 0;
}

/* Counts the set bits of one shingle hash. */
static inline void
bit_counts_add (BitCounts *bits,
                guint64    h)
{
  for (guint j = 0; j < 8; j++)
    bits->lanes[j] += spread[(h >> (8 * j)) & 0xff];
  bits->shingles++;
  if (++bits->in_lanes == 255)
    bit_counts_pour (bits);
}

/* The fingerprint: bit b is set when more than half the shingles have it. */
static guint64
bit_counts_fingerprint (BitCounts *bits)
{
  guint64 fingerprint = 0;

  bit_counts_pour (bits);
  for (guint b = 0; b < 64; b++)
    if (2 * bits->counts[b] > bits->shingles)
      fingerprint |= G_GUINT64_CONSTANT (1) << b;
  return fingerprint;
}

/* nf_dedup_simhash:
 * The 64-bit SimHash of @text: its words (nf_text_next_word()), each
 * hashed lower-cased; every three consecutive words a shingle
 * whose hash is fmix64 (w1 ^ rotl (w2, 21) ^ rotl (w3, 42)); each bit of
 * the fingerprint set when more than half the shingles have it. Returns
 * FALSE (no fingerprint) when @text has fewer than @min_words words or
 * fewer than three. */
gboolean
nf_dedup_simhash (const char *text,
                  guint       min_words,
                  guint64    *fingerprint)
{
  static GOnce spread_once = G_ONCE_INIT;
  BitCounts bits = { { 0 }, 0, { 0 }, 0 };
  guint64 w1 = 0, w2 = 0;
  gsize cursor = 0, start, end;
  guint words = 0;

  g_once (&spread_once, init_spread, NULL);
  while (nf_text_next_word (text, &cursor, &start, &end))
    {
      guint64 w3 = hash_word (text, start, end);

      if (++words >= 3)
        bit_counts_add (&bits, fmix64 (w1 ^ rotl64 (w2, 21) ^ rotl64 (w3, 42)));
      w1 = w2;
      w2 = w3;
    }
  if (words < 3 || words < min_words)
    return FALSE;
  *fingerprint = bit_counts_fingerprint (&bits);
  return TRUE;
}

/* Whether the query parameter @name=… of @length bytes only tracks readers. */
static gboolean
is_tracking_parameter (const char *parameter,
                       gsize       length)
{
  const char *equals = memchr (parameter, '=', length);
  gsize name_length = equals != NULL ? (gsize) (equals - parameter) : length;

  if (name_length >= 4 && g_ascii_strncasecmp (parameter, "utm_", 4) == 0)
    return TRUE;
  for (guint i = 0; tracking_parameters[i] != NULL; i++)
    if (strlen (tracking_parameters[i]) == name_length &&
        g_ascii_strncasecmp (parameter, tracking_parameters[i], name_length) == 0)
      return TRUE;
  return FALSE;
}

/* Appends @query without its tracking and empty parameters, "?" first
 * when any is left. */
static void
append_query (GString    *out,
              const char *query)
{
  gboolean first = TRUE;
  const char *p = query;

  while (p != NULL && *p != '\0')
    {
      const char *amp = strchr (p, '&');
      gsize length = amp != NULL ? (gsize) (amp - p) : strlen (p);

      if (length > 0 && !is_tracking_parameter (p, length))
        {
          g_string_append_c (out, first ? '?' : '&');
          g_string_append_len (out, p, length);
          first = FALSE;
        }
      p = amp != NULL ? amp + 1 : NULL;
    }
}

/* Whether @port is the one @scheme uses anyway. */
static gboolean
is_default_port (const char *scheme,
                 int         port)
{
  return (port == 80 && strcmp (scheme, "http") == 0) ||
         (port == 443 && strcmp (scheme, "https") == 0);
}

/* nf_dedup_normalize_url:
 * @uri in the one spelling all its copies share: scheme and host in lower
 * case, no fragment, no default port, no tracking parameters (utm_*,
 * fbclid, gclid…), no trailing slash. What is not an absolute URL is kept
 * as it is, less its fragment. */
char *
nf_dedup_normalize_url (const char *uri)
{
  g_autofree char *scheme = NULL, *userinfo = NULL, *host = NULL;
  g_autofree char *path = NULL, *query = NULL, *fragment = NULL;
  g_autofree char *lower_scheme = NULL, *lower_host = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (uri));
  GString *out;
  int port = -1;
  gsize path_length;

  if (!g_uri_split (trimmed, G_URI_FLAGS_ENCODED, &scheme, &userinfo, &host, &port,
                    &path, &query, &fragment, NULL) || scheme == NULL || host == NULL)
    {
      char *hash = strchr (trimmed, '#');
      if (hash != NULL)
        *hash = '\0';
      return g_steal_pointer (&trimmed);
    }

  lower_scheme = g_ascii_strdown (scheme, -1);
  lower_host = g_ascii_strdown (host, -1);
  if (*lower_host != '\0' && lower_host[strlen (lower_host) - 1] == '.')
    lower_host[strlen (lower_host) - 1] = '\0';

  out = g_string_new (lower_scheme);
  g_string_append (out, "://");
  if (userinfo != NULL)
    g_string_append_printf (out, "%s@", userinfo);
  if (strchr (lower_host, ':') != NULL)
    g_string_append_printf (out, "[%s]", lower_host);
  else
    g_string_append (out, lower_host);
  if (port > 0 && !is_default_port (lower_scheme, port))
    g_string_append_printf (out, ":%d", port);
  path_length = strlen (path);
  while (path_length > 0 && path[path_length - 1] == '/')
    path_length--;
  g_string_append_len (out, path, path_length);
  append_query (out, query);
  return g_string_free (out, FALSE);
}

/* Whether @text has anything but white space. */
static gboolean
has_words (const char *text)
{
  for (const char *p = text; *p != '\0'; )
    {
      gsize length;
      if (!is_space_at (p, &length))
        return TRUE;
      p += length;
    }
  return FALSE;
}

/* Fills @keys from a document's URL (canonical_uri, else uri; may be
 * NULL) and text (may be NULL). */
void
nf_dedup_keys_compute (NfDedupKeys *keys,
                       const char  *uri,
                       const char  *text,
                       guint        min_words)
{
  memset (keys, 0, sizeof *keys);
  if (uri != NULL && *uri != '\0')
    {
      g_autofree char *normalized = nf_dedup_normalize_url (uri);
      keys->url_hash = nf_dedup_hash_bytes (normalized, strlen (normalized));
      keys->has |= NF_DEDUP_HAS_URL;
    }
  if (text != NULL && has_words (text))
    {
      keys->text_hash = nf_dedup_hash_text (text);
      keys->has |= NF_DEDUP_HAS_TEXT;
      if (nf_dedup_simhash (text, min_words, &keys->simhash))
        keys->has |= NF_DEDUP_HAS_SIMHASH;
    }
}

/* The 16-bit band @band (0 lowest) of @fingerprint. */
guint
nf_dedup_band (guint64 fingerprint,
               guint   band)
{
  return (guint) ((fingerprint >> (16 * band)) & 0xffff);
}

/* The strongest reason @keys repeats @seen: the same URL, the same text,
 * or fingerprints within @threshold bits (the distance in *@distance). */
NfDedupReason
nf_dedup_compare (const NfDedupKeys *keys,
                  const NfDedupKeys *seen,
                  guint              threshold,
                  guint             *distance)
{
  NfDedupHas both = keys->has & seen->has;

  *distance = 0;
  if ((both & NF_DEDUP_HAS_URL) && keys->url_hash == seen->url_hash)
    return NF_DEDUP_REASON_URL;
  if ((both & NF_DEDUP_HAS_TEXT) && keys->text_hash == seen->text_hash)
    return NF_DEDUP_REASON_TEXT;
  if (both & NF_DEDUP_HAS_SIMHASH)
    {
      guint d = (guint) __builtin_popcountll (keys->simhash ^ seen->simhash);
      if (d <= threshold)
        {
          *distance = d;
          return NF_DEDUP_REASON_NEAR;
        }
    }
  return NF_DEDUP_REASON_NONE;
}

/* Whether @candidate beats @best: a stronger reason, then a smaller
 * distance, then the copy seen first. */
gboolean
nf_dedup_match_better (const NfDedupMatch *candidate,
                       const NfDedupMatch *best)
{
  if (best->reason == NF_DEDUP_REASON_NONE)
    return candidate->reason != NF_DEDUP_REASON_NONE;
  if (candidate->reason != best->reason)
    return candidate->reason < best->reason;
  if (candidate->distance != best->distance)
    return candidate->distance < best->distance;
  return candidate->order < best->order;
}

/* Frees what @match holds and empties it. */
void
nf_dedup_match_clear (NfDedupMatch *match)
{
  g_clear_pointer (&match->id, g_free);
  match->reason = NF_DEDUP_REASON_NONE;
  match->distance = 0;
  match->order = 0;
}

/* The word `dedup.reason` says for @reason. */
const char *
nf_dedup_reason_to_string (NfDedupReason reason)
{
  switch (reason)
    {
    case NF_DEDUP_REASON_URL: return "url";
    case NF_DEDUP_REASON_TEXT: return "text";
    case NF_DEDUP_REASON_NEAR: return "near";
    case NF_DEDUP_REASON_NONE:
    default: return NULL;
    }
}
