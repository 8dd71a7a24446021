/* nf-token.c: the words of a text, and code-point/UTF-16 offsets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "newsfilter.h"
#include "nf-document-private.h"
#include "nf-text-private.h"

/**
 * NfToken:
 *
 * A word of a text, with its place in the text, as
 * [func@Nf.text_tokenize] finds them.
 *
 * `start` and `end` count Unicode code points in the text, end exclusive;
 * [func@Nf.text_offset_to_utf16] turns them into the UTF-16 offsets
 * JavaScript strings use.  Tokens cannot change once created.
 */

struct _NfToken
{
  GObject  parent_instance;

  char    *text;
  guint    start;
  guint    end;
};

enum {
  PROP_0,
  PROP_TEXT,
  PROP_START,
  PROP_END,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NfToken, nf_token, G_TYPE_OBJECT)

static void
nf_token_finalize (GObject *object)
{
  NfToken *self = NF_TOKEN (object);

  g_free (self->text);

  G_OBJECT_CLASS (nf_token_parent_class)->finalize (object);
}

static void
nf_token_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  NfToken *self = NF_TOKEN (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_START:
      g_value_set_uint (value, self->start);
      break;
    case PROP_END:
      g_value_set_uint (value, self->end);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_token_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  NfToken *self = NF_TOKEN (object);

  /* all construct-only: set once, before anyone can listen */
  switch (prop_id)
    {
    case PROP_TEXT:
      _nf_set_utf8_string (&self->text, g_value_get_string (value));
      break;
    case PROP_START:
      self->start = g_value_get_uint (value);
      break;
    case PROP_END:
      self->end = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_token_class_init (NfTokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                      G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = nf_token_finalize;
  object_class->get_property = nf_token_get_property;
  object_class->set_property = nf_token_set_property;

  /**
   * NfToken:text:
   *
   * The word, as written in the text.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", "Text", "The word, as written in the text",
                         NULL, flags);

  /**
   * NfToken:start:
   *
   * Where the word starts in the text, in code points.
   */
  properties[PROP_START] =
    g_param_spec_uint ("start", "Start",
                       "Where the word starts in the text, in code points",
                       0, G_MAXUINT, 0, flags);

  /**
   * NfToken:end:
   *
   * Where the word ends in the text, in code points, exclusive.
   */
  properties[PROP_END] =
    g_param_spec_uint ("end", "End",
                       "Where the word ends in the text, in code points (exclusive)",
                       0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nf_token_init (NfToken *self)
{
}

/**
 * nf_token_new:
 * @text: the word
 * @start: where it starts in the text, in code points
 * @end: where it ends, in code points, exclusive
 *
 * Creates a token.  Invalid UTF-8 in @text is stored with U+FFFD in place
 * of the bad bytes.
 *
 * Returns: (transfer full): a new token
 */
NfToken *
nf_token_new (const char *text,
              guint       start,
              guint       end)
{
  NfToken *self;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (start <= end, NULL);

  self = g_object_new (NF_TYPE_TOKEN, NULL);
  self->text = _nf_utf8_strdup (text);
  self->start = start;
  self->end = end;

  return self;
}

/**
 * nf_token_get_text:
 * @self: a token
 *
 * Gets the [property@Nf.Token:text] of the token.
 *
 * Returns: the word
 */
const char *
nf_token_get_text (NfToken *self)
{
  g_return_val_if_fail (NF_IS_TOKEN (self), NULL);
  return self->text != NULL ? self->text : "";
}

/**
 * nf_token_get_start:
 * @self: a token
 *
 * Gets the [property@Nf.Token:start] of the token.
 *
 * Returns: the code-point offset where the word starts
 */
guint
nf_token_get_start (NfToken *self)
{
  g_return_val_if_fail (NF_IS_TOKEN (self), 0);
  return self->start;
}

/**
 * nf_token_get_end:
 * @self: a token
 *
 * Gets the [property@Nf.Token:end] of the token.
 *
 * Returns: the code-point offset where the word ends (exclusive)
 */
guint
nf_token_get_end (NfToken *self)
{
  g_return_val_if_fail (NF_IS_TOKEN (self), 0);
  return self->end;
}

/* ------------------------------------------------------------------ */
/* Characters                                                          */
/* ------------------------------------------------------------------ */

/* What a character is to the word finder. */
typedef enum {
  CHAR_OTHER,       /* space, punctuation, symbols, emoji: between words */
  CHAR_LETTER,      /* a letter (or a non-decimal number such as ²) */
  CHAR_DIGIT,       /* a decimal digit, of any script */
  CHAR_MARK,        /* combining marks and joiners: inside a word only */
  CHAR_IDEOGRAPH,   /* Han, hiragana, katakana: a word on its own */
  CHAR_APOSTROPHE,  /* ' ’ ʼ: inside a word when a letter follows */
  CHAR_HYPHEN,      /* - ‐ ‑: inside a word when a letter follows */
  CHAR_NUMBER_SEP,  /* . , : inside a number when a digit follows */
} CharClass;

/* The classes of the ASCII characters, so that the common case is one
 * table lookup. */
static const guint8 ascii_class[128] = {
  ['0'] = CHAR_DIGIT, ['1'] = CHAR_DIGIT, ['2'] = CHAR_DIGIT, ['3'] = CHAR_DIGIT,
  ['4'] = CHAR_DIGIT, ['5'] = CHAR_DIGIT, ['6'] = CHAR_DIGIT, ['7'] = CHAR_DIGIT,
  ['8'] = CHAR_DIGIT, ['9'] = CHAR_DIGIT,
  ['A'] = CHAR_LETTER, ['B'] = CHAR_LETTER, ['C'] = CHAR_LETTER, ['D'] = CHAR_LETTER,
  ['E'] = CHAR_LETTER, ['F'] = CHAR_LETTER, ['G'] = CHAR_LETTER, ['H'] = CHAR_LETTER,
  ['I'] = CHAR_LETTER, ['J'] = CHAR_LETTER, ['K'] = CHAR_LETTER, ['L'] = CHAR_LETTER,
  ['M'] = CHAR_LETTER, ['N'] = CHAR_LETTER, ['O'] = CHAR_LETTER, ['P'] = CHAR_LETTER,
  ['Q'] = CHAR_LETTER, ['R'] = CHAR_LETTER, ['S'] = CHAR_LETTER, ['T'] = CHAR_LETTER,
  ['U'] = CHAR_LETTER, ['V'] = CHAR_LETTER, ['W'] = CHAR_LETTER, ['X'] = CHAR_LETTER,
  ['Y'] = CHAR_LETTER, ['Z'] = CHAR_LETTER,
  ['a'] = CHAR_LETTER, ['b'] = CHAR_LETTER, ['c'] = CHAR_LETTER, ['d'] = CHAR_LETTER,
  ['e'] = CHAR_LETTER, ['f'] = CHAR_LETTER, ['g'] = CHAR_LETTER, ['h'] = CHAR_LETTER,
  ['i'] = CHAR_LETTER, ['j'] = CHAR_LETTER, ['k'] = CHAR_LETTER, ['l'] = CHAR_LETTER,
  ['m'] = CHAR_LETTER, ['n'] = CHAR_LETTER, ['o'] = CHAR_LETTER, ['p'] = CHAR_LETTER,
  ['q'] = CHAR_LETTER, ['r'] = CHAR_LETTER, ['s'] = CHAR_LETTER, ['t'] = CHAR_LETTER,
  ['u'] = CHAR_LETTER, ['v'] = CHAR_LETTER, ['w'] = CHAR_LETTER, ['x'] = CHAR_LETTER,
  ['y'] = CHAR_LETTER, ['z'] = CHAR_LETTER,
  ['\''] = CHAR_APOSTROPHE,
  ['-'] = CHAR_HYPHEN,
  ['.'] = CHAR_NUMBER_SEP, [','] = CHAR_NUMBER_SEP,
};

/* The scripts written without spaces between words, where each
 * character is taken as a word: a dictionary-free, predictable choice. */
static inline gboolean
is_ideograph (gunichar c)
{
  return (c >= 0x2e80 && c <= 0x2fdf) ||    /* CJK and Kangxi radicals */
         c == 0x3005 || c == 0x3007 ||      /* 々 〇 */
         (c >= 0x3041 && c <= 0x309f) ||    /* hiragana */
         (c >= 0x30a1 && c <= 0x30fa) ||    /* katakana */
         (c >= 0x3400 && c <= 0x4dbf) ||    /* extension A */
         (c >= 0x4e00 && c <= 0x9fff) ||    /* unified ideographs */
         (c >= 0xf900 && c <= 0xfaff) ||    /* compatibility ideographs */
         (c >= 0x20000 && c <= 0x3134f);    /* extensions B to G */
}

/* The class of a character beyond ASCII. */
static CharClass
classify_wide (gunichar c)
{
  switch (c)
    {
    case 0x2019: case 0x02bc:
      return CHAR_APOSTROPHE;
    case 0x2010: case 0x2011:
      return CHAR_HYPHEN;
    case 0x00ad: case 0x200c: case 0x200d:
      /* soft hyphen and the zero-width joiners belong to the word */
      return CHAR_MARK;
    default:
      break;
    }

  if (c >= 0x2e80 && is_ideograph (c))
    return CHAR_IDEOGRAPH;

  switch (g_unichar_type (c))
    {
    case G_UNICODE_DECIMAL_NUMBER:
      return CHAR_DIGIT;
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      return CHAR_LETTER;
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return CHAR_MARK;
    default:
      return CHAR_OTHER;
    }
}

gsize
_nf_text_decode_char (const char *p,
                      gunichar   *out)
{
  const guchar *s = (const guchar *) p;
  gunichar c;
  gsize length, i;

  if (s[0] < 0x80)
    {
      *out = s[0];
      return 1;
    }

  if (s[0] >= 0xc2 && s[0] <= 0xdf)
    {
      c = s[0] & 0x1f;
      length = 2;
    }
  else if (s[0] >= 0xe0 && s[0] <= 0xef)
    {
      c = s[0] & 0x0f;
      length = 3;
    }
  else if (s[0] >= 0xf0 && s[0] <= 0xf4)
    {
      c = s[0] & 0x07;
      length = 4;
    }
  else
    goto invalid;

  /* a NUL is not a continuation byte, so this stops at the end */
  for (i = 1; i < length; i++)
    {
      if ((s[i] & 0xc0) != 0x80)
        goto invalid;
      c = (c << 6) | (s[i] & 0x3f);
    }

  /* overlong forms, surrogates and beyond U+10FFFF */
  if ((length == 3 && c < 0x800) || (length == 4 && c < 0x10000) ||
      (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
    goto invalid;

  *out = c;
  return length;

invalid:
  *out = 0xfffd;
  return 1;
}

/* Only a byte scan: the stemmers and the stopword lookup call it on every
 * word, and most words have no combining mark, so they skip
 * g_utf8_normalize() and its copy. */
gboolean
_nf_text_has_combining_marks (const char *word)
{
  const guchar *p;

  for (p = (const guchar *) word; *p != '\0'; p++)
    {
      if (*p == 0xcc || *p == 0xcd)
        return TRUE;
    }

  return FALSE;
}

/* Reads the character at @p: its class, and how many bytes it takes. */
static inline CharClass
read_char (const char *p,
           gsize      *length)
{
  gunichar c;

  if ((guchar) *p < 0x80)
    {
      *length = 1;
      return ascii_class[(guchar) *p];
    }

  *length = _nf_text_decode_char (p, &c);
  return classify_wide (c);
}

/* The words before an apostrophe that French and Italian elide
 * ("l'État", "qu'il", "dell'Unione", "c'è"): they end their own token. */
static const char * const elisions[] = {
  "c", "d", "j", "l", "m", "n", "s", "t", "qu",
  "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
  "all", "dall", "dell", "nell", "sull", "coll", "un", "quell", "quest",
  "com", "anch", "sant", "bell", "cent",
};

/* Whether the @length bytes at @word, followed by an apostrophe, are an
 * elided article, pronoun or preposition. */
static gboolean
is_elision (const char *word,
            gsize       length)
{
  gsize i;

  if (length > 6)
    return FALSE;

  for (i = 0; i < G_N_ELEMENTS (elisions); i++)
    {
      if (strlen (elisions[i]) == length &&
          g_ascii_strncasecmp (word, elisions[i], length) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Whether @p, just after an apostrophe, is a lone "s": "Dell's" and
 * "Bell's" are English possessives, not elisions. */
static gboolean
is_possessive_s (const char *p)
{
  gsize length;

  if (*p != 's' && *p != 'S')
    return FALSE;

  switch (read_char (p + 1, &length))
    {
    case CHAR_LETTER:
    case CHAR_DIGIT:
    case CHAR_MARK:
      return FALSE;
    default:
      return TRUE;
    }
}

/* Finds the end of the word of letters and digits starting at @start,
 * taking in marks, inner apostrophes and hyphens, and the separators of
 * numbers. */
static const char *
find_word_end (const char *start)
{
  const char *p = start;
  gboolean after_digit = FALSE;
  gboolean joined = FALSE;

  for (;;)
    {
      gsize length, next_length;
      CharClass class = read_char (p, &length);
      CharClass next;

      switch (class)
        {
        case CHAR_LETTER:
          after_digit = FALSE;
          p += length;
          continue;
        case CHAR_DIGIT:
          after_digit = TRUE;
          p += length;
          continue;
        case CHAR_MARK:
          p += length;
          continue;
        case CHAR_APOSTROPHE:
        case CHAR_HYPHEN:
        case CHAR_NUMBER_SEP:
          if (p == start)
            return p;
          next = read_char (p + length, &next_length);
          if (class == CHAR_NUMBER_SEP && !(after_digit && next == CHAR_DIGIT))
            return p;
          if (next != CHAR_LETTER && next != CHAR_DIGIT)
            return p;
          if (class == CHAR_APOSTROPHE && !joined && is_elision (start, p - start) &&
              !is_possessive_s (p + length))
            return p + length;
          joined = TRUE;
          p += length;
          continue;
        case CHAR_OTHER:
        case CHAR_IDEOGRAPH:
        default:
          return p;
        }
    }
}

/* Skips the marks that follow an ideograph (variation selectors…). */
static const char *
skip_marks (const char *p)
{
  gsize length;

  while (*p != '\0' && read_char (p, &length) == CHAR_MARK)
    p += length;

  return p;
}

/**
 * nf_text_next_word:
 * @text: a NUL-terminated UTF-8 text
 * @cursor: (inout): where to look from, in bytes: 0 for the first word;
 *   moved past the word found
 * @start: (out) (optional): where the word starts, in bytes
 * @end: (out) (optional): where the word ends, in bytes, exclusive
 *
 * Finds the next word of @text, the way [func@Nf.text_tokenize] does,
 * without allocating: the fast path for C code that walks many words.
 *
 * A word is a run of letters, digits and combining marks.  An apostrophe
 * or hyphen between two letters or digits stays inside it ("don't",
 * "aujourd'hui", "state-of-the-art"), and so do `.` and `,` between two
 * digits ("3.5", "1,000", "12.03.2026").
 *
 * French and Italian elisions end their own word, apostrophe kept, so
 * that the next word is found as itself and the elision is a stopword:
 * "l'État" is "l'" and "État", "dell'Unione" is "dell'" and "Unione".
 * The elisions known are c', d', j', l', m', n', s', t', qu', jusqu',
 * lorsqu', puisqu', all', dall', dell', nell', sull', un', quell', quest'
 * and a few more, in any case, not before a lone "s" ("Dell's" is one
 * word).
 *
 * Each Han, hiragana and katakana character is a word of its own, as
 * those scripts put no spaces between words (Hangul does, and is read
 * like other scripts).  Punctuation, symbols and emoji are not words.
 * Invalid UTF-8 bytes separate words.
 *
 * ```c
 * gsize cursor = 0, start, end;
 *
 * while (nf_text_next_word (text, &cursor, &start, &end))
 *   g_print ("%.*s\n", (int) (end - start), text + start);
 * ```
 *
 * Returns: %TRUE if a word was found, %FALSE at the end of the text
 */
gboolean
nf_text_next_word (const char *text,
                   gsize      *cursor,
                   gsize      *start,
                   gsize      *end)
{
  const char *p, *word_end;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (cursor != NULL, FALSE);

  p = text + *cursor;

  for (;;)
    {
      gsize length;
      CharClass class;

      if (*p == '\0')
        {
          *cursor = p - text;
          return FALSE;
        }

      class = read_char (p, &length);
      if (class == CHAR_LETTER || class == CHAR_DIGIT)
        {
          word_end = find_word_end (p);
          break;
        }
      if (class == CHAR_IDEOGRAPH)
        {
          word_end = skip_marks (p + length);
          break;
        }
      p += length;
    }

  if (start != NULL)
    *start = p - text;
  if (end != NULL)
    *end = word_end - text;
  *cursor = word_end - text;

  return TRUE;
}

/* Counts the code points of the @length bytes at @p, an invalid byte
 * counting one, as in _nf_text_decode_char(). */
static guint
count_chars (const char *p,
             gsize       length)
{
  const char *end = p + length;
  guint count = 0;

  while (p < end)
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        p++;
      else
        p += _nf_text_decode_char (p, &c);
      count++;
    }

  return count;
}

/**
 * nf_text_tokenize:
 * @text: a UTF-8 text
 *
 * Splits @text into its words, with where each is in code points.  What
 * a word is, is told at [func@Nf.text_next_word].
 *
 * Returns: (transfer container) (element-type NfToken): the words, in order
 */
GPtrArray *
nf_text_tokenize (const char *text)
{
  GPtrArray *tokens;
  gsize cursor = 0, start, end, counted = 0;
  guint offset = 0;

  g_return_val_if_fail (text != NULL, NULL);

  tokens = g_ptr_array_new_with_free_func (g_object_unref);

  while (nf_text_next_word (text, &cursor, &start, &end))
    {
      guint word_start, word_end;
      NfToken *token;

      /* count incrementally: each byte is looked at once */
      offset += count_chars (text + counted, start - counted);
      word_start = offset;
      word_end = word_start + count_chars (text + start, end - start);
      offset = word_end;
      counted = end;

      token = g_object_new (NF_TYPE_TOKEN, NULL);
      token->text = g_strndup (text + start, end - start);
      token->start = word_start;
      token->end = word_end;
      g_ptr_array_add (tokens, token);
    }

  return tokens;
}

/**
 * nf_text_offset_to_utf16:
 * @text: a UTF-8 text
 * @offset: an offset in @text, in code points
 *
 * Turns a code-point offset, as in [class@Nf.Token] and
 * [class@Nf.Sentence], into an offset in UTF-16 code units, as JavaScript
 * strings count: a code point above U+FFFF (most emoji) counts two.
 * An offset past the end of @text counts as the end.
 *
 * Returns: the offset in UTF-16 code units
 */
guint
nf_text_offset_to_utf16 (const char *text,
                         guint       offset)
{
  const char *p = text;
  guint units = 0, i;

  g_return_val_if_fail (text != NULL, 0);

  for (i = 0; i < offset && *p != '\0'; i++)
    {
      gunichar c;

      p += _nf_text_decode_char (p, &c);
      units += c > 0xffff ? 2 : 1;
    }

  return units;
}

/**
 * nf_text_offset_from_utf16:
 * @text: a UTF-8 text
 * @utf16_offset: an offset in @text, in UTF-16 code units
 *
 * Turns an offset in UTF-16 code units (a JavaScript string index) into
 * an offset in code points: the reverse of
 * [func@Nf.text_offset_to_utf16].  An offset that falls between the two
 * halves of a surrogate pair gives the code point they encode; one past
 * the end of @text counts as the end.
 *
 * Returns: the offset in code points
 */
guint
nf_text_offset_from_utf16 (const char *text,
                           guint       utf16_offset)
{
  const char *p = text;
  guint units = 0, chars = 0;

  g_return_val_if_fail (text != NULL, 0);

  while (*p != '\0')
    {
      gunichar c;
      gsize length = _nf_text_decode_char (p, &c);
      guint width = c > 0xffff ? 2 : 1;

      if (units + width > utf16_offset)
        break;
      units += width;
      chars++;
      p += length;
    }

  return chars;
}
