/* nf-ner-features.c: what the entity recogniser looks at
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every feature is a string (a template number and a few words) hashed
 * into a fixed-size weight table: no vocabulary to store, and the model
 * file is one array that is mapped, not parsed.  The word lists the
 * features consult (the lexicon) were learnt from the training file only.
 */
#include "nf-ner-private.h"

#include <string.h>

enum
{
  F_BIAS, F_WORD, F_LOWER, F_SHAPE, F_SHORT_SHAPE, F_PREFIX, F_SUFFIX,
  F_FLAG, F_CONTEXT_WORD, F_CONTEXT_SHAPE, F_BIGRAM, F_SHAPE_TRIGRAM,
  F_LEX_KIND, F_LEX_MOSTLY, F_LEX_CONTEXT, F_LEX_CASE, F_PHRASE,
  F_PHRASE_LEN, F_DOC, F_CAPS_SENTENCE, F_SHAPE_WORD, F_PREV_LABEL,
  F_PREV_LABELS, F_PREV_LABEL_WORD, F_PREV_LABEL_SHAPE, F_PREV_LABEL_NEXT,
  F_LENGTH, F_LEX_KIND_SHAPE, F_DOC_LEX,
};

#define STRIDE 72

/* ---- hashing --------------------------------------------------------------- */

/**
 * nf_ner_hash_bytes:
 * @hash: the hash so far (2166136261 to start)
 * @bytes: more bytes
 * @length: their length
 *
 * FNV-1a, the same on every machine, so that a model trained on one
 * computer finds its weights on another.
 *
 * Returns: the hash with @bytes added
 */
guint32
nf_ner_hash_bytes (guint32     hash,
                   const char *bytes,
                   gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      hash ^= (guchar) bytes[i];
      hash *= 16777619u;
    }
  return hash;
}

/* Spreads the bits of an FNV hash (murmur3's finaliser). */
static guint32
finish_hash (guint32 h)
{
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h ? h : 1;
}

/* The hash of a template and up to three strings (NULL ends them). */
static guint32
feature_hash (guint       template,
              const char *a,
              const char *b,
              const char *c)
{
  guchar t = (guchar) template;
  guint32 h = nf_ner_hash_bytes (2166136261u, (const char *) &t, 1);
  const char *parts[] = { a, b, c };

  for (guint i = 0; i < 3 && parts[i]; i++)
    {
      h = nf_ner_hash_bytes (h, "\x1f", 1);
      h = nf_ner_hash_bytes (h, parts[i], strlen (parts[i]));
    }
  return finish_hash (h);
}

/**
 * nf_ner_lexicon_word_key:
 * @lower: a lower-cased word
 *
 * Returns: the lexicon key of a word
 */
guint32
nf_ner_lexicon_word_key (const char *lower)
{
  guint32 h = nf_ner_hash_bytes (2166136261u, "w", 1);

  return finish_hash (nf_ner_hash_bytes (h, lower, strlen (lower)));
}

/**
 * nf_ner_lexicon_phrase_key:
 * @lower_words: lower-cased words
 * @n_words: how many
 *
 * Returns: the lexicon key of an entity phrase
 */
guint32
nf_ner_lexicon_phrase_key (const char * const *lower_words,
                           guint               n_words)
{
  guint32 h = nf_ner_hash_bytes (2166136261u, "p", 1);

  for (guint i = 0; i < n_words; i++)
    {
      h = nf_ner_hash_bytes (h, " ", 1);
      h = nf_ner_hash_bytes (h, lower_words[i], strlen (lower_words[i]));
    }
  return finish_hash (h);
}

/**
 * nf_ner_lexicon_lookup:
 * @lexicon: (nullable): a lexicon
 * @key: a word or phrase key
 *
 * Returns: the value stored for @key, 0 if none
 */
guint32
nf_ner_lexicon_lookup (const NfNerLexicon *lexicon,
                       guint32             key)
{
  guint mask;

  if (lexicon == NULL || lexicon->n_slots == 0)
    return 0;
  mask = lexicon->n_slots - 1;
  for (guint i = key & mask, probes = 0; probes < lexicon->n_slots;
       i = (i + 1) & mask, probes++)
    {
      guint32 k = GUINT32_FROM_LE (lexicon->slots[2 * i]);
      if (k == key)
        return GUINT32_FROM_LE (lexicon->slots[2 * i + 1]);
      if (k == 0)
        return 0;
    }
  return 0;
}

/* ---- word forms ------------------------------------------------------------ */

/* The shape of a word: Xxxx, dd-dd, X.X.; runs longer than 3 are cut to 3
 * (long) or to 1 (short). */
static char *
word_shape (const char *word,
            guint       max_run)
{
  GString *shape = g_string_new (NULL);
  char last = 0;
  guint run = 0;

  for (const char *p = word; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char s;

      if (g_unichar_isupper (c))
        s = 'X';
      else if (g_unichar_isalpha (c))
        s = 'x';
      else if (g_unichar_isdigit (c))
        s = 'd';
      else if (c < 0x80)
        s = (char) c;
      else
        s = '*';
      run = s == last ? run + 1 : 1;
      last = s;
      if (run <= max_run)
        g_string_append_c (shape, s);
    }
  return g_string_free (shape, FALSE);
}

/* The lower-cased word with every digit turned to 0 (numbers alike). */
static char *
normalize_word (const char *word)
{
  char *lower = g_utf8_strdown (word, -1);

  for (char *p = lower; *p; p++)
    if (g_ascii_isdigit (*p))
      *p = '0';
  return lower;
}

/* Whether the word starts with a capital letter. */
static gboolean
is_capitalized (const char *word)
{
  return g_unichar_isupper (g_utf8_get_char (word));
}

/* Whether the word has letters and all of them are capitals. */
static gboolean
is_all_caps (const char *word)
{
  gboolean letters = FALSE;

  for (const char *p = word; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalpha (c))
        {
          letters = TRUE;
          if (!g_unichar_isupper (c))
            return FALSE;
        }
    }
  return letters;
}

/* Whether the word has letters and none of them is a capital. */
static gboolean
is_all_lower (const char *word)
{
  gboolean letters = FALSE;

  for (const char *p = word; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalpha (c))
        {
          letters = TRUE;
          if (g_unichar_isupper (c))
            return FALSE;
        }
    }
  return letters;
}

/* ---- the document ------------------------------------------------------------ */

/* How a word is written across the document. */
typedef struct
{
  guint title;     /* capitalised, not all capitals, not first of a sentence */
  guint lower;
  guint caps;      /* all capitals */
} WordForms;

struct _NfNerDocument
{
  GHashTable *forms;   /* lower-cased word → WordForms */
};

/* Sorts one occurrence into its WordForms counts. */
static void
count_form (WordForms  *forms,
            const char *word,
            gboolean    sentence_start)
{
  if (is_all_caps (word))
    forms->caps++;
  else if (is_capitalized (word) && !sentence_start)
    forms->title++;
  else if (is_all_lower (word))
    forms->lower++;
}

/**
 * nf_ner_document_new:
 * @words: the document's words
 * @sentence_start: whether each word starts a sentence
 * @n_words: how many
 *
 * Counts how each word is written in the document: a word in a headline
 * of capitals is a name when the text writes it capitalised elsewhere.
 *
 * Returns: (transfer full): the document's summary
 */
NfNerDocument *
nf_ner_document_new (char           **words,
                     const gboolean  *sentence_start,
                     guint            n_words)
{
  NfNerDocument *doc = g_new0 (NfNerDocument, 1);

  doc->forms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < n_words; i++)
    {
      char *lower = g_utf8_strdown (words[i], -1);
      WordForms *forms = g_hash_table_lookup (doc->forms, lower);

      if (forms == NULL)
        {
          forms = g_new0 (WordForms, 1);
          g_hash_table_insert (doc->forms, lower, forms);
        }
      else
        g_free (lower);
      count_form (forms, words[i], sentence_start[i]);
    }
  return doc;
}

/**
 * nf_ner_document_free:
 * @doc: (transfer full) (nullable): a document summary
 *
 * Frees @doc.
 */
void
nf_ner_document_free (NfNerDocument *doc)
{
  if (doc == NULL)
    return;
  g_hash_table_unref (doc->forms);
  g_free (doc);
}

/* The document's word forms of @word without the occurrence at hand. */
static WordForms
other_forms (NfNerDocument *doc,
             const char    *word,
             const char    *lower,
             gboolean       sentence_start)
{
  WordForms forms = { 0 }, self = { 0 };
  WordForms *all;

  if (doc == NULL || (all = g_hash_table_lookup (doc->forms, lower)) == NULL)
    return forms;
  count_form (&self, word, sentence_start);
  forms.title = all->title - self.title;
  forms.lower = all->lower - self.lower;
  forms.caps = all->caps - self.caps;
  return forms;
}

/* ---- features ------------------------------------------------------------- */

/* One sentence's words in the forms the templates use. */
typedef struct
{
  char   **lower;     /* lower-cased, digits kept: lexicon keys */
  char   **norm;      /* lower-cased, digits to 0 */
  char   **shape;
  char   **short_shape;
  guint32 *lex;       /* lexicon word values */
  guint8  *phrase;    /* longest phrase match: BILU part in bits 4-5 + 1, kinds in 0-3 */
  guint8  *phrase_len;
} Forms;

/* Finds the training entity phrases in the sentence, longest first. */
static void
match_phrases (Forms              *forms,
               char * const       *words,
               guint               n,
               const NfNerLexicon *lexicon)
{
  for (guint i = 0; i < n;)
    {
      guint len = MIN (NF_NER_LEX_MAX_PHRASE, n - i);
      guint32 kinds = 0;

      if (!g_unichar_isupper (g_utf8_get_char (words[i])) &&
          !g_unichar_isdigit (g_utf8_get_char (words[i])))
        {
          i++;
          continue;
        }
      for (; len > 0; len--)
        {
          if (!g_unichar_isalnum (g_utf8_get_char (words[i + len - 1])))
            continue;
          kinds = nf_ner_lexicon_lookup (lexicon,
            nf_ner_lexicon_phrase_key ((const char * const *) forms->lower + i, len)) & 0xf;
          if (kinds)
            break;
        }
      if (len == 0)
        {
          i++;
          continue;
        }
      for (guint j = 0; j < len; j++)
        {
          guint part = len == 1 ? 3 : j == 0 ? 0 : j == len - 1 ? 2 : 1;
          forms->phrase[i + j] = (guint8) (kinds | ((part + 1) << 4));
          forms->phrase_len[i + j] = (guint8) len;
        }
      i += len;
    }
}

/* Fills the forms of every word of the sentence. */
static void
forms_init (Forms              *forms,
            char * const       *words,
            guint               n,
            const NfNerLexicon *lexicon)
{
  forms->lower = g_new0 (char *, n + 1);
  forms->norm = g_new0 (char *, n + 1);
  forms->shape = g_new0 (char *, n + 1);
  forms->short_shape = g_new0 (char *, n + 1);
  forms->lex = g_new0 (guint32, n);
  forms->phrase = g_new0 (guint8, n);
  forms->phrase_len = g_new0 (guint8, n);
  for (guint i = 0; i < n; i++)
    {
      forms->lower[i] = g_utf8_strdown (words[i], -1);
      forms->norm[i] = normalize_word (words[i]);
      forms->shape[i] = word_shape (words[i], 3);
      forms->short_shape[i] = word_shape (words[i], 1);
      forms->lex[i] = nf_ner_lexicon_lookup (lexicon,
                                             nf_ner_lexicon_word_key (forms->lower[i]));
    }
  match_phrases (forms, words, n, lexicon);
}

/* Frees what forms_init() made. */
static void
forms_clear (Forms *forms)
{
  g_strfreev (forms->lower);
  g_strfreev (forms->norm);
  g_strfreev (forms->shape);
  g_strfreev (forms->short_shape);
  g_free (forms->lex);
  g_free (forms->phrase);
  g_free (forms->phrase_len);
}

/* Appends features to one token's row. */
typedef struct
{
  guint32 *row;
  guint    n;
} Row;

/* Adds the feature of @template and strings to the row. */
static void
add (Row        *row,
     guint       template,
     const char *a,
     const char *b,
     const char *c)
{
  g_assert (row->n < STRIDE);
  row->row[row->n++] = feature_hash (template, a, b, c);
}

/* The lexicon kinds of a value as a string "PLOM" with '-' for absent. */
static void
kinds_string (guint32 bits,
              char    out[5])
{
  for (guint k = 0; k < 4; k++)
    out[k] = bits & (1u << k) ? "PLOM"[k] : '-';
  out[4] = '\0';
}

/* The context features: words and shapes up to two tokens away. */
static void
add_context (Row         *row,
             const Forms *forms,
             guint        i,
             guint        n)
{
  static const int offsets[] = { -2, -1, 1, 2 };
  static const char *names[] = { "-2", "-1", "+1", "+2" };

  for (guint k = 0; k < G_N_ELEMENTS (offsets); k++)
    {
      int j = (int) i + offsets[k];
      const char *w = j < 0 ? "<s>" : j >= (int) n ? "</s>" : forms->norm[j];
      const char *s = j < 0 ? "<s>" : j >= (int) n ? "</s>" : forms->short_shape[j];
      char kinds[5] = "";

      add (row, F_CONTEXT_WORD, names[k], w, NULL);
      add (row, F_CONTEXT_SHAPE, names[k], s, NULL);
      if (j >= 0 && j < (int) n && (offsets[k] == -1 || offsets[k] == 1))
        {
          kinds_string (forms->lex[j], kinds);
          add (row, F_LEX_CONTEXT, names[k], kinds, NULL);
        }
    }
  add (row, F_BIGRAM, "-1", i > 0 ? forms->norm[i - 1] : "<s>", forms->norm[i]);
  add (row, F_BIGRAM, "+1", forms->norm[i], i + 1 < n ? forms->norm[i + 1] : "</s>");
  add (row, F_SHAPE_TRIGRAM, i > 0 ? forms->short_shape[i - 1] : "<s>",
       forms->short_shape[i], i + 1 < n ? forms->short_shape[i + 1] : "</s>");
  add (row, F_SHAPE_WORD, "-1", i > 0 ? forms->norm[i - 1] : "<s>", forms->short_shape[i]);
  add (row, F_SHAPE_WORD, "+1", forms->short_shape[i], i + 1 < n ? forms->norm[i + 1] : "</s>");
}

/* The prefixes and suffixes of 1 to 4 characters. */
static void
add_affixes (Row        *row,
             const char *lower)
{
  glong len = g_utf8_strlen (lower, -1);
  static const char *sizes[] = { "1", "2", "3", "4" };

  for (glong k = 1; k <= 4 && k <= len; k++)
    {
      const char *end = g_utf8_offset_to_pointer (lower, k);
      const char *start = g_utf8_offset_to_pointer (lower, len - k);
      g_autofree char *prefix = g_strndup (lower, end - lower);

      add (row, F_PREFIX, sizes[k - 1], prefix, NULL);
      add (row, F_SUFFIX, sizes[k - 1], start, NULL);
    }
}

/* Capitals, digits, hyphens and periods, with the sentence position. */
static void
add_flags (Row        *row,
           const char *word,
           gboolean    first)
{
  const char *pos = first ? "first" : "inner";

  if (is_capitalized (word))
    add (row, F_FLAG, "cap", pos, NULL);
  if (is_all_caps (word))
    add (row, F_FLAG, "caps", pos, NULL);
  if (strpbrk (word, "0123456789"))
    add (row, F_FLAG, "digit", NULL, NULL);
  if (strchr (word, '-'))
    add (row, F_FLAG, "hyphen", NULL, NULL);
  if (strchr (word, '.'))
    add (row, F_FLAG, "period", NULL, NULL);
  if (first)
    add (row, F_FLAG, "first", NULL, NULL);
}

/* What the training file said about the word. */
static void
add_lexicon (Row         *row,
             const Forms *forms,
             guint        i)
{
  guint32 lex = forms->lex[i];
  char kinds[5];
  static const char *cases[] = { "unseen", "never-lower", "some-lower", "mostly-lower" };
  const char *word_case = cases[(lex & NF_NER_LEX_CASE_MASK) >> NF_NER_LEX_CASE_SHIFT];

  kinds_string (lex, kinds);
  add (row, F_LEX_KIND, kinds, NULL, NULL);
  add (row, F_LEX_KIND_SHAPE, kinds, forms->short_shape[i], NULL);
  add (row, F_LEX_MOSTLY, kinds, (lex >> 4) & 1 ? "P" : (lex >> 5) & 1 ? "L" :
       (lex >> 6) & 1 ? "O" : (lex >> 7) & 1 ? "M" : "-", NULL);
  add (row, F_LEX_CASE, word_case, forms->short_shape[i], NULL);
  if (forms->phrase[i])
    {
      char part[2] = { "BILU"[(forms->phrase[i] >> 4) - 1], '\0' };
      char len[4];

      kinds_string (forms->phrase[i], kinds);
      g_snprintf (len, sizeof len, "%u", MIN (forms->phrase_len[i], 4u));
      add (row, F_PHRASE, part, kinds, NULL);
      add (row, F_PHRASE_LEN, part, kinds, len);
    }
}

/* How the document writes the word elsewhere. */
static void
add_document (Row           *row,
              const Forms   *forms,
              char * const  *words,
              guint          i,
              NfNerDocument *doc)
{
  WordForms other = other_forms (doc, words[i], forms->lower[i], i == 0);
  char kinds[5];
  const char *summary;

  if (other.title == 0 && other.lower == 0 && other.caps == 0)
    summary = "alone";
  else if (other.title > 0 && other.lower == 0)
    summary = "title";
  else if (other.lower > 0 && other.title == 0)
    summary = "lower";
  else if (other.lower > 0)
    summary = "mixed";
  else
    summary = "caps";
  add (row, F_DOC, summary, forms->short_shape[i], NULL);
  kinds_string (forms->lex[i], kinds);
  add (row, F_DOC_LEX, summary, kinds, NULL);
}

/* Whether most of the sentence's words are in capitals (a headline). */
static gboolean
is_caps_sentence (char * const *words,
                  guint         n)
{
  guint caps = 0, lower = 0;

  for (guint i = 0; i < n; i++)
    {
      if (is_all_caps (words[i]))
        caps++;
      else if (g_unichar_isalpha (g_utf8_get_char (words[i])))
        lower++;
    }
  return caps > 0 && caps > lower;
}

/**
 * nf_ner_features_compute:
 * @out: (out caller-allocates): the features
 * @words: the sentence's words
 * @n_words: how many
 * @lexicon: (nullable): the model's lexicon
 * @doc: (nullable): the document the sentence belongs to
 *
 * Computes the features of every token that do not depend on the labels.
 */
void
nf_ner_features_compute (NfNerSentenceFeatures *out,
                         char * const          *words,
                         guint                  n_words,
                         const NfNerLexicon    *lexicon,
                         NfNerDocument         *doc)
{
  Forms forms;
  gboolean caps_sentence = is_caps_sentence (words, n_words);

  out->n_tokens = n_words;
  out->stride = STRIDE;
  out->hashes = g_new0 (guint32, (gsize) STRIDE * MAX (n_words, 1));
  out->word_hashes = g_new0 (guint32, n_words + 1);
  out->shape_hashes = g_new0 (guint32, n_words + 1);
  forms_init (&forms, words, n_words, lexicon);
  for (guint i = 0; i < n_words; i++)
    {
      Row row = { out->hashes + (gsize) i * STRIDE, 0 };
      char len[4];

      g_snprintf (len, sizeof len, "%u", (guint) MIN (g_utf8_strlen (words[i], -1), 9));
      add (&row, F_BIAS, NULL, NULL, NULL);
      add (&row, F_WORD, words[i], NULL, NULL);
      add (&row, F_LOWER, forms.norm[i], NULL, NULL);
      add (&row, F_SHAPE, forms.shape[i], NULL, NULL);
      add (&row, F_SHORT_SHAPE, forms.short_shape[i], i == 0 ? "first" : "inner", NULL);
      add (&row, F_LENGTH, len, forms.short_shape[i], NULL);
      add_affixes (&row, forms.norm[i]);
      add_flags (&row, words[i], i == 0);
      add_context (&row, &forms, i, n_words);
      add_lexicon (&row, &forms, i);
      add_document (&row, &forms, words, i, doc);
      if (caps_sentence)
        {
          add (&row, F_CAPS_SENTENCE, forms.norm[i], NULL, NULL);
          add (&row, F_CAPS_SENTENCE, "shape", forms.short_shape[i], NULL);
        }
      out->word_hashes[i] = feature_hash (F_LOWER, forms.norm[i], NULL, NULL);
      out->shape_hashes[i] = feature_hash (F_SHORT_SHAPE, forms.short_shape[i], NULL, NULL);
    }
  forms_clear (&forms);
}

/**
 * nf_ner_features_clear:
 * @features: features filled by nf_ner_features_compute()
 *
 * Frees what @features holds.
 */
void
nf_ner_features_clear (NfNerSentenceFeatures *features)
{
  g_clear_pointer (&features->hashes, g_free);
  g_clear_pointer (&features->word_hashes, g_free);
  g_clear_pointer (&features->shape_hashes, g_free);
}

/* Mixes two hashes and a template into a feature hash. */
static guint32
combine (guint template, guint32 a, guint32 b)
{
  guint32 h = 2166136261u;
  guchar t = (guchar) template;

  a = GUINT32_TO_LE (a);
  b = GUINT32_TO_LE (b);
  h = nf_ner_hash_bytes (h, (const char *) &t, 1);
  h = nf_ner_hash_bytes (h, (const char *) &a, sizeof a);
  h = nf_ner_hash_bytes (h, (const char *) &b, sizeof b);
  return finish_hash (h);
}

/**
 * nf_ner_features_dynamic:
 * @features: the sentence's static features
 * @i: the token
 * @previous: the label of token @i - 1 (O before the sentence)
 * @previous2: the label of token @i - 2
 * @out: (out caller-allocates) (array fixed-size=6): the hashes
 *
 * The features that depend on the labels already chosen.
 *
 * Returns: how many hashes were written
 */
guint
nf_ner_features_dynamic (const NfNerSentenceFeatures *features,
                         guint                        i,
                         guint                        previous,
                         guint                        previous2,
                         guint32                     *out)
{
  guint n = 0;
  guint32 p = i == 0 ? 100 : previous;
  guint32 p2 = i < 2 ? 100 : previous2;
  guint32 next = i + 1 < features->n_tokens ? features->word_hashes[i + 1] : 7;

  out[n++] = combine (F_PREV_LABEL, p, 0);
  out[n++] = combine (F_PREV_LABELS, p, p2);
  out[n++] = combine (F_PREV_LABEL_WORD, p, features->word_hashes[i]);
  out[n++] = combine (F_PREV_LABEL_SHAPE, p, features->shape_hashes[i]);
  out[n++] = combine (F_PREV_LABEL_NEXT, p, next);
  return n;
}
