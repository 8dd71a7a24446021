/* nf-ner-tokens.c: words and sentences for the entity recogniser
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The recogniser was trained on CoNLL-style tokens (punctuation apart,
 * "U.S." and "Inc." whole, possessive "'s" apart), so raw news text is cut
 * the same way; text that is already tokenized that way comes out
 * unchanged.  Offsets are code points of the text.
 */
#include "nf-ner-private.h"

#include <string.h>

/* Abbreviations whose final period belongs to the word. */
static const char * const abbreviations[] = {
  "mr", "mrs", "ms", "dr", "prof", "inc", "corp", "co", "ltd", "jr", "sr",
  "st", "gen", "gov", "sen", "rep", "col", "lt", "sgt", "capt", "cmdr",
  "adm", "maj", "rev", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
  "sep", "sept", "oct", "nov", "dec", "vs", "etc", "no", "mt", "ft", "ave",
  "bros", "plc", "messrs", "pres", "dept", "univ", "assn", "cie",
  /* U.S. states as news agencies write them */
  "ala", "ariz", "ark", "calif", "colo", "conn", "fla", "ga", "ill", "ind",
  "kan", "ky", "md", "mich", "minn", "miss", "mont", "neb", "nev", "okla",
  "ore", "pa", "tenn", "tex", "va", "vt", "wis", "wyo",
  NULL
};

/* Clitics that stay whole when a chunk starts with an apostrophe. */
static const char * const clitics[] = {
  "s", "re", "ve", "ll", "d", "m", "t", NULL
};

/* Characters cut off the start of a chunk. */
static gboolean
is_leading_punct (gunichar c)
{
  return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' ||
         c == '`' || c == 0x201C || c == 0x2018 || c == 0x00AB ||
         c == 0x201E || c == 0x00BF || c == 0x00A1;
}

/* Characters cut off the end of a chunk (the period is handled apart). */
static gboolean
is_trailing_punct (gunichar c)
{
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' ||
         c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
         c == 0x201D || c == 0x2019 || c == 0x00BB || c == 0x2026;
}

/* The chunk's characters, decoded once. */
typedef struct
{
  gunichar *chars;
  guint     n;
} Chunk;

/* Whether chars[from, to) is in @list, compared in lower case. */
static gboolean
span_in_list (const gunichar *chars,
              guint           from,
              guint           to,
              const char * const *list)
{
  char buf[16];
  guint n = 0;

  if (to - from >= sizeof buf / 2)
    return FALSE;
  for (guint i = from; i < to; i++)
    {
      gunichar c = g_unichar_tolower (chars[i]);
      if (c > 0x7f)
        return FALSE;
      buf[n++] = (char) c;
    }
  buf[n] = '\0';
  return g_strv_contains (list, buf);
}

/* Whether the word chars[from, to) keeps a period after it ("U.S", "J"). */
static gboolean
keeps_period (const gunichar *chars,
              guint           from,
              guint           to)
{
  gboolean letters = TRUE;

  if (to <= from)
    return FALSE;
  for (guint i = from; i < to; i++)
    {
      if (chars[i] == '.')
        return TRUE;        /* U.S. a.m. */
      if (!g_unichar_isalpha (chars[i]))
        letters = FALSE;
    }
  if (to - from == 1 && g_unichar_isupper (chars[from]))
    return TRUE;            /* an initial: J. */
  return letters && span_in_list (chars, from, to, abbreviations);
}

/* Whether every character of chars[from, to) is punctuation. */
static gboolean
all_punct (const gunichar *chars,
           guint           from,
           guint           to)
{
  for (guint i = from; i < to; i++)
    if (g_unichar_isalnum (chars[i]))
      return FALSE;
  return TRUE;
}

/* Whether the chunk is the number of a list item: "1.", "12." */
static gboolean
is_list_number (const gunichar *chars,
                guint           n)
{
  if (n < 2 || n > 4 || chars[n - 1] != '.')
    return FALSE;
  for (guint i = 0; i + 1 < n; i++)
    if (!g_unichar_isdigit (chars[i]))
      return FALSE;
  return TRUE;
}

/* Adds the token chars[from, to) of a chunk starting at code point @base. */
static void
push_token (GArray         *tokens,
            const gunichar *chars,
            guint           from,
            guint           to,
            guint           base)
{
  NfNerToken token = { 0 };
  GString *text = g_string_sized_new (to - from + 4);

  for (guint i = from; i < to; i++)
    g_string_append_unichar (text, chars[i]);
  token.text = g_string_free (text, FALSE);
  token.start = base + from;
  token.end = base + to;
  g_array_append_val (tokens, token);
}

/* Cuts one white-space separated chunk into tokens. */
static void
split_chunk (GArray         *tokens,
             const gunichar *chars,
             guint           n,
             guint           base,
             gboolean        line_start)
{
  guint from = 0, to = n;
  guint n_tail = 0;
  guint tail[16][2];

  if (all_punct (chars, 0, n) || (line_start && is_list_number (chars, n)))
    {
      push_token (tokens, chars, 0, n, base);
      return;
    }

  /* leading quotes and brackets, but not the apostrophe of 's or '96 */
  while (from < to && is_leading_punct (chars[from]))
    {
      if ((chars[from] == '\'' || chars[from] == 0x2019) && from + 1 < to &&
          (g_unichar_isdigit (chars[from + 1]) ||
           span_in_list (chars, from + 1, to, clitics)))
        break;
      push_token (tokens, chars, from, from + 1, base);
      from++;
    }

  /* trailing punctuation, kept aside to be pushed in order after the word */
  while (to > from && n_tail < G_N_ELEMENTS (tail) - 2)
    {
      gunichar c = chars[to - 1];

      if (c == '.' && to - from > 1)
        {
          guint dots = to;

          while (dots > from && chars[dots - 1] == '.')
            dots--;
          /* "..." is one token; a single period stays on "U.S." and "Inc." */
          if (dots == from || (to - dots == 1 && keeps_period (chars, from, dots)))
            break;
          tail[n_tail][0] = dots;
          tail[n_tail][1] = to;
          n_tail++;
          to = dots;
        }
      else if (is_trailing_punct (c) && to - from > 1 &&
               !((c == '\'' || c == 0x2019) && to - from == 2 &&
                 chars[from] == 'n'))
        {
          tail[n_tail][0] = to - 1;
          tail[n_tail][1] = to;
          n_tail++;
          to--;
        }
      else
        break;
    }

  /* possessive 's and the n't of negations */
  if (to - from > 2 && (chars[to - 2] == '\'' || chars[to - 2] == 0x2019) &&
      (chars[to - 1] == 's' || chars[to - 1] == 'S'))
    {
      tail[n_tail][0] = to - 2;
      tail[n_tail][1] = to;
      n_tail++;
      to -= 2;
    }
  else if (to - from > 3 && chars[to - 3] == 'n' &&
           (chars[to - 2] == '\'' || chars[to - 2] == 0x2019) &&
           chars[to - 1] == 't')
    {
      tail[n_tail][0] = to - 3;
      tail[n_tail][1] = to;
      n_tail++;
      to -= 3;
    }

  if (to > from)
    push_token (tokens, chars, from, to, base);
  while (n_tail > 0)
    {
      n_tail--;
      push_token (tokens, chars, tail[n_tail][0], tail[n_tail][1], base);
    }
}

/* Whether a sentence ends after @token and before @next. */
static gboolean
ends_sentence (const NfNerToken *token,
               const NfNerToken *next)
{
  gunichar first;

  if (!(strcmp (token->text, ".") == 0 || strcmp (token->text, "!") == 0 ||
        strcmp (token->text, "?") == 0 || strcmp (token->text, "...") == 0))
    return FALSE;
  first = g_utf8_get_char (next->text);
  return g_unichar_isupper (first) || g_unichar_isdigit (first) ||
         is_leading_punct (first);
}

/* Clears one token of a tokens array. */
static void
token_clear (gpointer data)
{
  NfNerToken *token = data;

  g_free (token->text);
}

/**
 * nf_ner_tokenize:
 * @text: UTF-8 text
 *
 * Cuts @text into tokens the way the recogniser's training data was cut;
 * a line break or a full stop before a capital ends a sentence.
 *
 * Returns: (transfer full) (element-type NfNerToken): the tokens
 */
GArray *
nf_ner_tokenize (const char *text)
{
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (NfNerToken));
  g_autoptr(GArray) chunk = g_array_new (FALSE, FALSE, sizeof (gunichar));
  const char *p = text;
  guint offset = 0, chunk_base = 0;
  gboolean new_line = TRUE;

  g_array_set_clear_func (tokens, token_clear);
  for (;;)
    {
      gunichar c = *p ? g_utf8_get_char_validated (p, -1) : 0;
      gboolean space = c == 0 || g_unichar_isspace (c) || c == 0xFEFF ||
                       c == (gunichar) -1 || c == (gunichar) -2;

      if (space && chunk->len > 0)
        {
          guint first = tokens->len;

          split_chunk (tokens, (gunichar *) chunk->data, chunk->len, chunk_base,
                       new_line);
          if (first < tokens->len)
            {
              NfNerToken *t = &g_array_index (tokens, NfNerToken, first);
              t->sentence_start = new_line ||
                (first > 0 && ends_sentence (t - 1, t));
              for (guint i = first + 1; i < tokens->len; i++)
                {
                  t = &g_array_index (tokens, NfNerToken, i);
                  t->sentence_start = ends_sentence (t - 1, t);
                }
            }
          g_array_set_size (chunk, 0);
          new_line = FALSE;
        }
      if (c == 0)
        break;
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;             /* invalid byte: skip it as if it were a space */
          offset++;
          continue;
        }
      if (c == '\n' || c == 0x2029)
        new_line = TRUE;
      if (!space)
        {
          if (chunk->len == 0)
            chunk_base = offset;
          g_array_append_val (chunk, c);
        }
      p = g_utf8_next_char (p);
      offset++;
    }
  return tokens;
}

/**
 * nf_ner_token_words:
 * @tokens: (element-type NfNerToken): tokens from nf_ner_tokenize()
 *
 * Returns: (transfer container): the tokens' texts in order, %NULL-ended,
 *   pointing into @tokens
 */
char **
nf_ner_token_words (GArray *tokens)
{
  char **words = g_new0 (char *, tokens->len + 1);

  for (guint i = 0; i < tokens->len; i++)
    words[i] = g_array_index (tokens, NfNerToken, i).text;
  return words;
}

/**
 * nf_ner_sentence_end:
 * @tokens: (element-type NfNerToken): tokens from nf_ner_tokenize()
 * @first: the first token of a sentence
 *
 * Returns: the index after the sentence's last token: the next
 *   sentence's first, or the number of tokens
 */
guint
nf_ner_sentence_end (GArray *tokens,
                     guint   first)
{
  guint end = first + 1;

  while (end < tokens->len && !g_array_index (tokens, NfNerToken, end).sentence_start)
    end++;
  return end;
}
