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
  GHashTable *memos;   /* word as written → WordMemo (see word_memo_get()) */
  GHashTable *written; /* word as written → its WordForms (in forms) */
};

static void word_memo_free (gpointer data);

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

/* The WordForms of @word's lower-cased form, made on first use; a word
 * written the same way again is found without lower-casing it again. */
static WordForms *
document_forms (NfNerDocument *doc,
                const char    *word)
{
  WordForms *forms = g_hash_table_lookup (doc->written, word);
  char *lower;

  if (forms != NULL)
    return forms;
  lower = g_utf8_strdown (word, -1);
  forms = g_hash_table_lookup (doc->forms, lower);
  if (forms == NULL)
    {
      forms = g_new0 (WordForms, 1);
      g_hash_table_insert (doc->forms, lower, forms);
    }
  else
    g_free (lower);
  g_hash_table_insert (doc->written, g_strdup (word), forms);
  return forms;
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
  doc->memos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, word_memo_free);
  doc->written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n_words; i++)
    count_form (document_forms (doc, words[i]), words[i], sentence_start[i]);
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
  g_hash_table_unref (doc->memos);
  g_hash_table_unref (doc->written);
  g_free (doc);
}

/* The document's word forms of @word without the occurrence at hand. */
static WordForms
other_forms (NfNerDocument *doc,
             const char    *word,
             gboolean       sentence_start)
{
  WordForms forms = { 0 }, self = { 0 };
  WordForms *all;

  if (doc == NULL || (all = g_hash_table_lookup (doc->written, word)) == NULL)
    return forms;
  count_form (&self, word, sentence_start);
  forms.title = all->title - self.title;
  forms.lower = all->lower - self.lower;
  forms.caps = all->caps - self.caps;
  return forms;
}

/* ---- what a word brings wherever it stands ---------------------------------- */

/* The features of a word that do not depend on where it stands, and its
 * features as another word's context: computed once per document for
 * each word as written (news repeats its words), not once per token.
 * Each array keeps the order in which a token's row lists them. */
typedef struct
{
  char    *lower;               /* lower-cased, digits kept: lexicon keys */
  char    *norm;                /* lower-cased, digits to 0 */
  char    *shape;
  char    *short_shape;
  guint32  lex;                 /* lexicon word value */
  guint32  own[3];              /* the word, its norm, its shape */
  guint32  short_shape_at[2];   /* the short shape, inside / first of the sentence */
  guint32  length_affixes[9];   /* the length, then prefix and suffix pairs */
  guint    n_length_affixes;
  guint32  flags_at[2][6];      /* capitals, digits…, inside / first */
  guint    n_flags_at[2];
  guint32  context[4][2];       /* as the word at -2, -1, +1, +2: norm, short shape */
  guint32  lex_context[4];      /* as the word at -1 and +1: its lexicon kinds */
  guint32  lexicon[4];          /* its lexicon kinds, with shape, leaning and case */
  guint32  shape_hash;          /* the short shape, for label features */
  gboolean plain;               /* all lower case, in no entity of the training file */
} WordMemo;

static const char *context_names[] = { "-2", "-1", "+1", "+2" };

/* Frees a WordMemo. */
static void
word_memo_free (gpointer data)
{
  WordMemo *memo = data;

  g_free (memo->lower);
  g_free (memo->norm);
  g_free (memo->shape);
  g_free (memo->short_shape);
  g_free (memo);
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

/* The prefixes and suffixes of 1 to 4 characters, after the length. */
static void
memo_length_affixes (WordMemo   *memo,
                     const char *word)
{
  glong len = g_utf8_strlen (memo->norm, -1);
  static const char *sizes[] = { "1", "2", "3", "4" };
  char length[4];

  g_snprintf (length, sizeof length, "%u", (guint) MIN (g_utf8_strlen (word, -1), 9));
  memo->length_affixes[memo->n_length_affixes++] = feature_hash (F_LENGTH, length, memo->short_shape, NULL);
  for (glong k = 1; k <= 4 && k <= len; k++)
    {
      const char *end = g_utf8_offset_to_pointer (memo->norm, k);
      const char *start = g_utf8_offset_to_pointer (memo->norm, len - k);
      g_autofree char *prefix = g_strndup (memo->norm, end - memo->norm);

      memo->length_affixes[memo->n_length_affixes++] = feature_hash (F_PREFIX, sizes[k - 1], prefix, NULL);
      memo->length_affixes[memo->n_length_affixes++] = feature_hash (F_SUFFIX, sizes[k - 1], start, NULL);
    }
}

/* Capitals, digits, hyphens and periods, with the sentence position. */
static void
memo_flags (WordMemo   *memo,
            const char *word)
{
  for (guint first = 0; first < 2; first++)
    {
      const char *pos = first ? "first" : "inner";
      guint32 *out = memo->flags_at[first];
      guint n = 0;

      if (is_capitalized (word))
        out[n++] = feature_hash (F_FLAG, "cap", pos, NULL);
      if (is_all_caps (word))
        out[n++] = feature_hash (F_FLAG, "caps", pos, NULL);
      if (strpbrk (word, "0123456789"))
        out[n++] = feature_hash (F_FLAG, "digit", NULL, NULL);
      if (strchr (word, '-'))
        out[n++] = feature_hash (F_FLAG, "hyphen", NULL, NULL);
      if (strchr (word, '.'))
        out[n++] = feature_hash (F_FLAG, "period", NULL, NULL);
      if (first)
        out[n++] = feature_hash (F_FLAG, "first", NULL, NULL);
      memo->n_flags_at[first] = n;
    }
}

/* What the training file said about the word. */
static void
memo_lexicon (WordMemo *memo)
{
  static const char *cases[] = { "unseen", "never-lower", "some-lower", "mostly-lower" };
  guint32 lex = memo->lex;
  const char *word_case = cases[(lex & NF_NER_LEX_CASE_MASK) >> NF_NER_LEX_CASE_SHIFT];
  char kinds[5];

  kinds_string (lex, kinds);
  memo->lexicon[0] = feature_hash (F_LEX_KIND, kinds, NULL, NULL);
  memo->lexicon[1] = feature_hash (F_LEX_KIND_SHAPE, kinds, memo->short_shape, NULL);
  memo->lexicon[2] = feature_hash (F_LEX_MOSTLY, kinds, (lex >> 4) & 1 ? "P" : (lex >> 5) & 1 ? "L" :
                                   (lex >> 6) & 1 ? "O" : (lex >> 7) & 1 ? "M" : "-", NULL);
  memo->lexicon[3] = feature_hash (F_LEX_CASE, word_case, memo->short_shape, NULL);
  memo->lex_context[1] = feature_hash (F_LEX_CONTEXT, context_names[1], kinds, NULL);
  memo->lex_context[2] = feature_hash (F_LEX_CONTEXT, context_names[2], kinds, NULL);
}

/* Computes everything a word brings, wherever it stands. */
static WordMemo *
word_memo_new (const char         *word,
               const NfNerLexicon *lexicon)
{
  WordMemo *memo = g_new0 (WordMemo, 1);

  memo->lower = g_utf8_strdown (word, -1);
  memo->norm = normalize_word (word);
  memo->shape = word_shape (word, 3);
  memo->short_shape = word_shape (word, 1);
  memo->lex = nf_ner_lexicon_lookup (lexicon, nf_ner_lexicon_word_key (memo->lower));
  memo->own[0] = feature_hash (F_WORD, word, NULL, NULL);
  memo->own[1] = feature_hash (F_LOWER, memo->norm, NULL, NULL);
  memo->own[2] = feature_hash (F_SHAPE, memo->shape, NULL, NULL);
  memo->short_shape_at[0] = feature_hash (F_SHORT_SHAPE, memo->short_shape, "inner", NULL);
  memo->short_shape_at[1] = feature_hash (F_SHORT_SHAPE, memo->short_shape, "first", NULL);
  memo_length_affixes (memo, word);
  memo_flags (memo, word);
  for (guint k = 0; k < G_N_ELEMENTS (context_names); k++)
    {
      memo->context[k][0] = feature_hash (F_CONTEXT_WORD, context_names[k], memo->norm, NULL);
      memo->context[k][1] = feature_hash (F_CONTEXT_SHAPE, context_names[k], memo->short_shape, NULL);
    }
  memo_lexicon (memo);
  memo->shape_hash = feature_hash (F_SHORT_SHAPE, memo->short_shape, NULL, NULL);
  memo->plain = is_all_lower (word) && (memo->lex & 0xf) == 0;
  return memo;
}

/* The memo of @word in @memos, made on first use. */
static const WordMemo *
word_memo_get (GHashTable         *memos,
               const char         *word,
               const NfNerLexicon *lexicon)
{
  WordMemo *memo = g_hash_table_lookup (memos, word);

  if (memo == NULL)
    {
      memo = word_memo_new (word, lexicon);
      g_hash_table_insert (memos, g_strdup (word), memo);
    }
  return memo;
}

/* ---- features ------------------------------------------------------------- */

/* One sentence's words in the forms the templates use. */
typedef struct
{
  const WordMemo **memo;
  const char     **lower;      /* the memos' strings, for phrase keys */
  guint8          *phrase;     /* longest phrase match: BILU part in bits 4-5 + 1, kinds in 0-3 */
  guint8          *phrase_len;
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
            nf_ner_lexicon_phrase_key (forms->lower + i, len)) & 0xf;
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
            const NfNerLexicon *lexicon,
            GHashTable         *memos)
{
  forms->memo = g_new0 (const WordMemo *, n + 1);
  forms->lower = g_new0 (const char *, n + 1);
  forms->phrase = g_new0 (guint8, n);
  forms->phrase_len = g_new0 (guint8, n);
  for (guint i = 0; i < n; i++)
    {
      forms->memo[i] = word_memo_get (memos, words[i], lexicon);
      forms->lower[i] = forms->memo[i]->lower;
    }
  match_phrases (forms, words, n, lexicon);
}

/* Frees what forms_init() made (the memos belong to their table). */
static void
forms_clear (Forms *forms)
{
  g_free (forms->memo);
  g_free (forms->lower);
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

/* Adds hashes already made to the row. */
static void
add_hashes (Row           *row,
            const guint32 *hashes,
            guint          n)
{
  g_assert (row->n + n <= STRIDE);
  memcpy (row->row + row->n, hashes, n * sizeof (guint32));
  row->n += n;
}

/* The context features: words and shapes up to two tokens away. */
static void
add_context (Row         *row,
             const Forms *forms,
             guint        i,
             guint        n)
{
  static const int offsets[] = { -2, -1, 1, 2 };
  const WordMemo *self = forms->memo[i];
  const WordMemo *before = i > 0 ? forms->memo[i - 1] : NULL;
  const WordMemo *after = i + 1 < n ? forms->memo[i + 1] : NULL;

  for (guint k = 0; k < G_N_ELEMENTS (offsets); k++)
    {
      int j = (int) i + offsets[k];

      if (j < 0 || j >= (int) n)
        {
          const char *edge = j < 0 ? "<s>" : "</s>";

          add (row, F_CONTEXT_WORD, context_names[k], edge, NULL);
          add (row, F_CONTEXT_SHAPE, context_names[k], edge, NULL);
          continue;
        }
      add_hashes (row, forms->memo[j]->context[k], 2);
      if (offsets[k] == -1 || offsets[k] == 1)
        add_hashes (row, &forms->memo[j]->lex_context[k], 1);
    }
  add (row, F_BIGRAM, "-1", before ? before->norm : "<s>", self->norm);
  add (row, F_BIGRAM, "+1", self->norm, after ? after->norm : "</s>");
  add (row, F_SHAPE_TRIGRAM, before ? before->short_shape : "<s>",
       self->short_shape, after ? after->short_shape : "</s>");
  add (row, F_SHAPE_WORD, "-1", before ? before->norm : "<s>", self->short_shape);
  add (row, F_SHAPE_WORD, "+1", self->short_shape, after ? after->norm : "</s>");
}

/* What the training file said about the word, and the entity phrase of
 * the training file it is part of here. */
static void
add_lexicon (Row         *row,
             const Forms *forms,
             guint        i)
{
  add_hashes (row, forms->memo[i]->lexicon, 4);
  if (forms->phrase[i])
    {
      char part[2] = { "BILU"[(forms->phrase[i] >> 4) - 1], '\0' };
      char kinds[5];
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
  const WordMemo *memo = forms->memo[i];
  WordForms other = other_forms (doc, words[i], i == 0);
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
  add (row, F_DOC, summary, memo->short_shape, NULL);
  kinds_string (memo->lex, kinds);
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

/* Fills the row of token @i. */
static void
compute_row (Row           *row,
             const Forms   *forms,
             char * const  *words,
             guint          i,
             guint          n_words,
             gboolean       caps_sentence,
             NfNerDocument *doc)
{
  const WordMemo *memo = forms->memo[i];
  guint first = i == 0;

  add (row, F_BIAS, NULL, NULL, NULL);
  add_hashes (row, memo->own, 3);
  add_hashes (row, &memo->short_shape_at[first], 1);
  add_hashes (row, memo->length_affixes, memo->n_length_affixes);
  add_hashes (row, memo->flags_at[first], memo->n_flags_at[first]);
  add_context (row, forms, i, n_words);
  add_lexicon (row, forms, i);
  add_document (row, forms, words, i, doc);
  if (caps_sentence)
    {
      add (row, F_CAPS_SENTENCE, memo->norm, NULL, NULL);
      add (row, F_CAPS_SENTENCE, "shape", memo->short_shape, NULL);
    }
}

/* What computing a row later needs: the sentence as forms_init() saw it. */
typedef struct
{
  Forms          forms;
  char * const  *words;
  guint          n_words;
  gboolean       caps_sentence;
  NfNerDocument *doc;
} DeferredRows;

/* Computes the row of token @i. */
static void
fill_row (NfNerSentenceFeatures *features,
          DeferredRows          *deferred,
          guint                  i)
{
  Row row = { features->hashes + (gsize) i * features->stride, 0 };

  compute_row (&row, &deferred->forms, deferred->words, i, deferred->n_words,
               deferred->caps_sentence, deferred->doc);
  if (features->row_ready != NULL)
    features->row_ready[i] = TRUE;
}

/* Computes the features of the sentence, every row now unless @defer_plain
 * (which needs @doc: the memos must outlive this call). */
static void
compute_features (NfNerSentenceFeatures *out,
                  char * const          *words,
                  guint                  n_words,
                  const NfNerLexicon    *lexicon,
                  NfNerDocument         *doc,
                  gboolean               defer_plain)
{
  g_autoptr(GHashTable) own_memos = NULL;
  GHashTable *memos;
  DeferredRows *deferred = g_new0 (DeferredRows, 1);

  if (doc != NULL)
    memos = doc->memos;
  else
    memos = own_memos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, word_memo_free);

  memset (out, 0, sizeof *out);
  out->n_tokens = n_words;
  out->stride = STRIDE;
  out->hashes = g_new0 (guint32, (gsize) STRIDE * MAX (n_words, 1));
  out->word_hashes = g_new0 (guint32, n_words + 1);
  out->shape_hashes = g_new0 (guint32, n_words + 1);
  out->plain = g_new0 (guint8, n_words + 1);
  deferred->words = words;
  deferred->n_words = n_words;
  deferred->caps_sentence = is_caps_sentence (words, n_words);
  deferred->doc = doc;
  forms_init (&deferred->forms, words, n_words, lexicon, memos);
  for (guint i = 0; i < n_words; i++)
    {
      const WordMemo *memo = deferred->forms.memo[i];

      out->word_hashes[i] = memo->own[1];
      out->shape_hashes[i] = memo->shape_hash;
      out->plain[i] = !deferred->caps_sentence && deferred->forms.phrase[i] == 0 && memo->plain;
    }

  if (defer_plain && doc != NULL)
    {
      out->row_ready = g_new0 (guint8, n_words + 1);
      out->deferred = deferred;
    }
  for (guint i = 0; i < n_words; i++)
    if (out->row_ready == NULL || !out->plain[i])
      fill_row (out, deferred, i);
  if (out->deferred == NULL)
    {
      forms_clear (&deferred->forms);
      g_free (deferred);
    }
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
  compute_features (out, words, n_words, lexicon, doc, FALSE);
}

/**
 * nf_ner_features_compute_deferred:
 * @out: (out caller-allocates): the features
 * @words: the sentence's words, alive until nf_ner_features_clear()
 * @n_words: how many
 * @lexicon: (nullable): the model's lexicon
 * @doc: the document the sentence belongs to, alive until then too
 *
 * nf_ner_features_compute() for the decoder, which labels most plain words
 * without their rows: those are computed only when nf_ner_features_row()
 * asks for them.
 */
void
nf_ner_features_compute_deferred (NfNerSentenceFeatures *out,
                                  char * const          *words,
                                  guint                  n_words,
                                  const NfNerLexicon    *lexicon,
                                  NfNerDocument         *doc)
{
  compute_features (out, words, n_words, lexicon, doc, TRUE);
}

/**
 * nf_ner_features_row:
 * @features: a sentence's features
 * @i: the token
 *
 * Returns: the token's row of `stride` hashes, computed now if it was
 *   deferred
 */
const guint32 *
nf_ner_features_row (NfNerSentenceFeatures *features,
                     guint                  i)
{
  if (features->row_ready != NULL && !features->row_ready[i])
    fill_row (features, features->deferred, i);
  return features->hashes + (gsize) i * features->stride;
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
  g_clear_pointer (&features->plain, g_free);
  g_clear_pointer (&features->row_ready, g_free);
  if (features->deferred != NULL)
    {
      DeferredRows *deferred = g_steal_pointer (&features->deferred);

      forms_clear (&deferred->forms);
      g_free (deferred);
    }
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
