/* nf-language.c: the toolkit's languages, and telling which one a text is in
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "newsfilter.h"
#include "nf-text-private.h"

/* The order matters: a language's index is its bit in the stopword masks
 * of nf-stopwords.c. */
static const char * const languages[NF_TEXT_N_LANGUAGES + 1] = {
  "en", "de", "fr", "es", "it", "pt", "nl", "ru", "pl", "uk", "tr", "sv",
  NULL
};

enum {
  LANG_EN, LANG_DE, LANG_FR, LANG_ES, LANG_IT, LANG_PT,
  LANG_NL, LANG_RU, LANG_PL, LANG_UK, LANG_TR, LANG_SV,
};

#define BIT(lang) (1u << (lang))
#define CYRILLIC_LANGUAGES (BIT (LANG_RU) | BIT (LANG_UK))
#define LATIN_LANGUAGES ((BIT (NF_TEXT_N_LANGUAGES) - 1) & ~CYRILLIC_LANGUAGES)

/* Language identification reads no further than this: a few hundred
 * words settle it, and the cost stays flat however long the text. */
#define SCAN_LIMIT 3000

/* Fewer words than this, and a text is too short to tell. */
#define MIN_WORDS 5

/* What one distinctive letter is worth next to one stopword. */
#define LETTER_WEIGHT 0.5

int
_nf_text_language_index (const char *language)
{
  char code[3];
  int i;

  if (language == NULL || language[0] == '\0' || language[1] == '\0')
    return -1;
  /* "pt", "pt-BR", "pt_BR" */
  if (language[2] != '\0' && language[2] != '-' && language[2] != '_')
    return -1;

  code[0] = g_ascii_tolower (language[0]);
  code[1] = g_ascii_tolower (language[1]);
  code[2] = '\0';

  for (i = 0; i < NF_TEXT_N_LANGUAGES; i++)
    {
      if (strcmp (code, languages[i]) == 0)
        return i;
    }

  return -1;
}

const char *
_nf_text_language_code (int index)
{
  g_return_val_if_fail (index >= 0 && index < NF_TEXT_N_LANGUAGES, NULL);
  return languages[index];
}

/**
 * nf_text_get_languages:
 *
 * Gets the languages the text toolkit knows: each has stopwords
 * ([func@Nf.text_get_stopwords]), a stemmer ([class@Nf.Stemmer]) and can
 * be told by [func@Nf.text_detect_language].  They are, as ISO 639-1
 * codes: en, de, fr, es, it, pt, nl, ru, pl, uk, tr, sv.
 *
 * Returns: (array zero-terminated=1) (transfer none): the language codes
 */
const char * const *
nf_text_get_languages (void)
{
  return languages;
}

/* What the words read so far say about the language of a text. */
typedef struct {
  guint  latin;            /* words by the script of their first letter */
  guint  cyrillic;
  guint  han;
  guint  kana;
  guint  other;
  double score[NF_TEXT_N_LANGUAGES];
} Evidence;

typedef enum {
  SCRIPT_NONE,
  SCRIPT_LATIN,
  SCRIPT_CYRILLIC,
  SCRIPT_HAN,
  SCRIPT_KANA,
  SCRIPT_OTHER,
} Script;

/* The script of a letter, as far as telling our languages goes. */
static Script
script_of (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalpha (c) ? SCRIPT_LATIN : SCRIPT_NONE;
  if ((c >= 0x00c0 && c <= 0x024f) || (c >= 0x1e00 && c <= 0x1eff))
    return SCRIPT_LATIN;
  if (c >= 0x0400 && c <= 0x052f)
    return SCRIPT_CYRILLIC;
  if (c >= 0x3040 && c <= 0x30ff)
    return SCRIPT_KANA;
  if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0x20000 && c <= 0x3134f))
    return SCRIPT_HAN;
  if (g_unichar_isalpha (c))
    return SCRIPT_OTHER;
  return SCRIPT_NONE;
}

/* The languages a lower-case letter points to: those among ours that
 * write it (0 for the letters all of them, or none of them, use). */
static guint32
languages_of_letter (gunichar c)
{
  switch (c)
    {
    case 0x00df:                                  /* ß */
      return BIT (LANG_DE);
    case 0x00e4:                                  /* ä */
      return BIT (LANG_DE) | BIT (LANG_SV);
    case 0x00f6:                                  /* ö */
      return BIT (LANG_DE) | BIT (LANG_SV) | BIT (LANG_TR);
    case 0x00fc:                                  /* ü */
      return BIT (LANG_DE) | BIT (LANG_TR);
    case 0x00e5:                                  /* å */
      return BIT (LANG_SV);
    case 0x00e7:                                  /* ç */
      return BIT (LANG_FR) | BIT (LANG_PT) | BIT (LANG_TR);
    case 0x015f: case 0x011f: case 0x0131:        /* ş ğ ı */
      return BIT (LANG_TR);
    case 0x0142: case 0x0105: case 0x0119:        /* ł ą ę */
    case 0x015b: case 0x017a: case 0x017c:        /* ś ź ż */
    case 0x0144: case 0x0107:                     /* ń ć */
      return BIT (LANG_PL);
    case 0x00f3:                                  /* ó */
      return BIT (LANG_PL) | BIT (LANG_ES) | BIT (LANG_PT);
    case 0x00f1:                                  /* ñ */
      return BIT (LANG_ES);
    case 0x00e3: case 0x00f5:                     /* ã õ */
      return BIT (LANG_PT);
    case 0x00e1: case 0x00ed: case 0x00fa:        /* á í ú */
      return BIT (LANG_ES) | BIT (LANG_PT);
    case 0x00e9:                                  /* é */
      return BIT (LANG_FR) | BIT (LANG_ES) | BIT (LANG_PT) | BIT (LANG_IT);
    case 0x00e8: case 0x00e0: case 0x00f9:        /* è à ù */
      return BIT (LANG_FR) | BIT (LANG_IT) | BIT (LANG_PT);
    case 0x00ec: case 0x00f2:                     /* ì ò */
      return BIT (LANG_IT);
    case 0x00ea: case 0x00e2: case 0x00f4:        /* ê â ô */
      return BIT (LANG_FR) | BIT (LANG_PT);
    case 0x00ee: case 0x00fb: case 0x00eb:        /* î û ë */
    case 0x00ef: case 0x0153:                     /* ï œ */
      return BIT (LANG_FR);
    case 0x0456: case 0x0457: case 0x0454:        /* і ї є */
    case 0x0491:                                  /* ґ */
      return BIT (LANG_UK);
    case 0x044b: case 0x044d: case 0x044a:        /* ы э ъ */
    case 0x0451:                                  /* ё */
      return BIT (LANG_RU);
    default:
      return 0;
    }
}

/* Adds @weight to the score of each language in @mask. */
static void
add_to_languages (Evidence *evidence,
                  guint32   mask,
                  double    weight)
{
  int i;

  for (i = 0; mask != 0; i++, mask >>= 1)
    {
      if (mask & 1)
        evidence->score[i] += weight;
    }
}

/* Reads the letters of a folded word for the languages they point to. */
static void
weigh_letters (Evidence   *evidence,
               const char *folded)
{
  const char *p = folded;

  while (*p != '\0')
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          /* "ij" is all but only Dutch */
          if (p[0] == 'i' && p[1] == 'j')
            evidence->score[LANG_NL] += LETTER_WEIGHT;
          p++;
          continue;
        }

      p += _nf_text_decode_char (p, &c);
      add_to_languages (evidence, languages_of_letter (c), LETTER_WEIGHT);
    }
}

/* Takes one word of the text into the evidence. */
static void
weigh_word (Evidence   *evidence,
            const char *word,
            gsize       length)
{
  char folded[64];
  gunichar first;
  guint32 mask;

  _nf_text_decode_char (word, &first);

  switch (script_of (first))
    {
    case SCRIPT_LATIN:
      evidence->latin++;
      break;
    case SCRIPT_CYRILLIC:
      evidence->cyrillic++;
      break;
    case SCRIPT_HAN:
      evidence->han++;
      return;
    case SCRIPT_KANA:
      evidence->kana++;
      return;
    case SCRIPT_OTHER:
      evidence->other++;
      return;
    case SCRIPT_NONE:
    default:
      return;   /* numbers */
    }

  if (_nf_text_fold_word (word, length, folded, sizeof folded) == 0)
    return;

  mask = _nf_text_stopword_mask (folded);
  if (mask != 0)
    add_to_languages (evidence, mask, 1.0);

  weigh_letters (evidence, folded);
}

/* The best and second best of the languages in @candidates. */
static int
rank_languages (const Evidence *evidence,
                guint32         candidates,
                double         *best_score,
                double         *second_score)
{
  int i, best = -1;

  *best_score = *second_score = 0.0;

  for (i = 0; i < NF_TEXT_N_LANGUAGES; i++)
    {
      double score = evidence->score[i];

      if (!(candidates & BIT (i)))
        continue;
      if (best < 0 || score > *best_score)
        {
          *second_score = *best_score;
          *best_score = score;
          best = i;
        }
      else if (score > *second_score)
        {
          *second_score = score;
        }
    }

  return best;
}

/* Chinese or Japanese, for a text in the scripts of either: kana are
 * Japanese only. */
static const char *
decide_cjk (const Evidence *evidence,
            double         *confidence)
{
  guint cjk = evidence->han + evidence->kana;

  *confidence = (double) cjk / (cjk + evidence->latin + evidence->cyrillic + evidence->other);

  return evidence->kana * 10 >= cjk ? "ja" : "zh";
}

/* The language among ours that the evidence points to, or NULL. */
static const char *
decide (const Evidence *evidence,
        double         *confidence)
{
  guint letters = evidence->latin + evidence->cyrillic + evidence->other;
  guint cjk = evidence->han + evidence->kana;
  guint32 candidates;
  guint words;
  double best_score, second_score;
  int best;

  *confidence = 0.0;

  if (cjk > letters && cjk >= MIN_WORDS)
    return decide_cjk (evidence, confidence);

  /* the script of most words picks the family */
  if (evidence->latin >= evidence->cyrillic && evidence->latin > evidence->other)
    {
      candidates = LATIN_LANGUAGES;
      words = evidence->latin;
    }
  else if (evidence->cyrillic > evidence->other)
    {
      candidates = CYRILLIC_LANGUAGES;
      words = evidence->cyrillic;
    }
  else
    return NULL;

  if (words < MIN_WORDS)
    return NULL;

  best = rank_languages (evidence, candidates, &best_score, &second_score);

  /* in a text of one of our languages, a third or more of the words are
   * its stopwords; demand far less, but some */
  if (best < 0 || best_score < 2.0 || best_score < 0.1 * words)
    return NULL;

  *confidence = (best_score - second_score) / best_score;
  if (*confidence < 0.05)
    {
      *confidence = 0.0;
      return NULL;
    }

  return languages[best];
}

/**
 * nf_text_detect_language:
 * @text: a UTF-8 text
 * @confidence: (out) (optional): how sure the answer is, from 0 (a guess)
 *   to 1 (no other language came near), 0 when the answer is %NULL
 *
 * Tells which of the toolkit's languages ([func@Nf.text_get_languages])
 * @text is written in.
 *
 * The script comes first: a text in Cyrillic is Russian or Ukrainian,
 * told apart by the letters only one of them writes (і ї є ґ against
 * ы э ъ ё) and by their stopwords.  A text in Latin letters is the
 * language whose stopwords ([func@Nf.text_get_stopwords]) it uses most,
 * with the letters peculiar to some languages (ß å ñ ã ł ş ğ ı, "ij"…)
 * counting for them.  A text mostly in Han characters is "zh", or "ja"
 * when it also uses kana: these two are the only answers outside the
 * toolkit's languages.
 *
 * The answer is %NULL when the text is too short to tell (fewer than five
 * words), uses none of the languages' stopwords, or is in another script.
 * It is reliable from about twenty words.  Only the first few thousand
 * bytes of @text are read, so the cost does not grow with its length.
 * Safe to call from any thread.
 *
 * Returns: (nullable): an ISO 639-1 code, or %NULL when unsure
 */
const char *
nf_text_detect_language (const char *text,
                         double     *confidence)
{
  Evidence evidence = { 0, };
  gsize cursor = 0, start, end;
  double sure;
  const char *language;

  g_return_val_if_fail (text != NULL, NULL);

  while (cursor < SCAN_LIMIT && nf_text_next_word (text, &cursor, &start, &end))
    weigh_word (&evidence, text + start, end - start);

  language = decide (&evidence, &sure);

  if (confidence != NULL)
    *confidence = sure;

  return language;
}
