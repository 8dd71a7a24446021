/* nf-summarize-quality.c: sentences a summary should not show
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A summary is read without the article around it. A sentence that opens
 * with "He", "However" or "Dies" points at something the reader has not
 * seen; a headline, a caption or a dateline left in the text is not a
 * sentence; a widget line ("Read more", "Get a summary") or a photo credit
 * ("JANE DOE / AGENCY") is not the story. Such sentences are flagged and
 * ranked after every sentence without a flag, so they are picked only
 * when nothing better exists.
 */
#include "nf-summarize-private.h"

#include <string.h>

/* A sentence needs this many words to carry a piece of the story. */
#define MIN_WORDS 5

/* Words that make a sentence lean on the one before it, by language. */
typedef struct
{
  const char         *language;
  const char * const *words;
} Openers;

static const char * const en_openers[] = {
  "he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "this", "these",
  "those", "that", "such", "but", "however", "also", "meanwhile", "then", "so", "and", "or",
  "yet", "still", "moreover", "furthermore", "besides", "thus", "therefore", "instead",
  "nevertheless", "otherwise", "likewise", "similarly", "later", "afterwards", NULL
};
static const char * const de_openers[] = {
  "er", "sie", "es", "ihm", "ihn", "ihr", "ihre", "sein", "seine", "dies", "diese", "dieser",
  "dieses", "das", "aber", "doch", "jedoch", "auch", "dann", "deshalb", "daher", "darum",
  "trotzdem", "außerdem", "zudem", "dabei", "danach", "dennoch", "und", "oder", NULL
};
static const char * const fr_openers[] = {
  "il", "elle", "ils", "elles", "ce", "cette", "ces", "cela", "ça", "mais", "cependant",
  "pourtant", "aussi", "ensuite", "donc", "alors", "puis", "et", "ou", "toutefois",
  "néanmoins", "lui", "leur", "leurs", "son", "sa", "ses", NULL
};
static const char * const es_openers[] = {
  "él", "ella", "ellos", "ellas", "este", "esta", "estos", "estas", "eso", "esa", "esto",
  "pero", "sin", "también", "luego", "además", "así", "entonces", "y", "o", "su", "sus",
  "sino", "aunque", NULL
};
static const char * const it_openers[] = {
  "lui", "lei", "loro", "questo", "questa", "questi", "queste", "ciò", "ma", "però",
  "tuttavia", "anche", "poi", "inoltre", "quindi", "e", "o", "suo", "sua", "suoi", NULL
};
static const char * const pt_openers[] = {
  "ele", "ela", "eles", "elas", "este", "esta", "isso", "isto", "mas", "porém", "também",
  "depois", "além", "assim", "então", "e", "ou", "seu", "sua", "contudo", NULL
};
static const char * const nl_openers[] = {
  "hij", "zij", "ze", "het", "dit", "deze", "dat", "die", "maar", "echter", "ook", "dan",
  "daarom", "bovendien", "toch", "en", "of", "zijn", "haar", "hun", NULL
};
static const char * const ru_openers[] = {
  "он", "она", "оно", "они", "его", "её", "ее", "их", "это", "этот", "эта", "эти", "но",
  "однако", "также", "тоже", "затем", "поэтому", "и", "а", "или", "кроме", "тем", NULL
};
static const char * const uk_openers[] = {
  "він", "вона", "воно", "вони", "його", "її", "їх", "це", "цей", "ця", "ці", "але",
  "однак", "проте", "також", "теж", "потім", "тому", "і", "й", "а", "або", NULL
};
static const char * const pl_openers[] = {
  "on", "ona", "ono", "oni", "one", "jego", "jej", "ich", "to", "ten", "ta", "te", "ale",
  "jednak", "także", "też", "potem", "dlatego", "i", "a", "lub", "albo", NULL
};
static const char * const tr_openers[] = {
  "o", "bu", "şu", "onlar", "onun", "bunun", "ancak", "fakat", "ama", "ayrıca", "sonra",
  "ve", "veya", "yine", "bununla", NULL
};
static const char * const sv_openers[] = {
  "han", "hon", "den", "det", "de", "hans", "hennes", "deras", "detta", "denna", "dessa",
  "men", "dock", "också", "sedan", "därför", "och", "eller", NULL
};

static const Openers openers[] = {
  { "en", en_openers }, { "de", de_openers }, { "fr", fr_openers }, { "es", es_openers },
  { "it", it_openers }, { "pt", pt_openers }, { "nl", nl_openers }, { "ru", ru_openers },
  { "uk", uk_openers }, { "pl", pl_openers }, { "tr", tr_openers }, { "sv", sv_openers },
};

/* Site widgets and media labels that end up inside the text, compared
 * with the start of a lower-cased sentence. */
static const char * const widget_openings[] = {
  "read more", "click here", "no time to read", "get a summary", "sign up", "subscribe",
  "advertisement", "share this", "related:", "photo:", "video:", "watch:", "listen:",
  "foto:", "vídeo:", "en vídeo", "bild:", "фото:", "видео:", "lesen sie auch", "mehr zum thema",
  "lire aussi", "à lire aussi", "leer más", "lee también", "leggi anche", "leia também",
  "lees ook", "czytaj też", "читайте также", "читайте також", "läs också", "ayrıca bakınız",
  "previous article", "next article", NULL
};

static gboolean
word_in (const char         *word,
         const char * const *table)
{
  for (guint i = 0; table[i] != NULL; i++)
    if (strcmp (word, table[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_dangling_opener (const char *first_word,
                    const char *language)
{
  if (first_word == NULL || language == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (openers); i++)
    if (strncmp (language, openers[i].language, 2) == 0)
      return word_in (first_word, openers[i].words);
  return FALSE;
}

/* Whether the sentence ends as a sentence does: a full stop, question or
 * exclamation mark, ellipsis, or one of them inside closing quotes. */
static gboolean
ends_as_sentence (const char *sentence)
{
  const char *end = sentence + strlen (sentence);

  while (end > sentence)
    {
      const char *prev = g_utf8_find_prev_char (sentence, end);
      gunichar c = g_utf8_get_char (prev);

      if (c == '"' || c == '\'' || c == ')' || c == 0x201D || c == 0x2019 || c == 0x00BB ||
          c == 0x00AB || c == 0x201C || c == 0x300D || g_unichar_isspace (c))
        {
          end = prev;
          continue;
        }
      return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 ||
             c == 0xFF01 || c == 0xFF1F || c == ';' || c == ':';
    }
  return FALSE;
}

/* A photo credit: two or more words in capitals joined by a slash
 * ("JANE DOE / AGENCY"), as captions carry them. */
static gboolean
has_photo_credit (const char *sentence)
{
  const char *slash = strstr (sentence, " / ");
  guint capitals = 0;

  if (slash == NULL)
    return FALSE;
  for (const char *p = sentence; p < slash; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isupper (c))
        capitals++;
      else if (g_unichar_islower (c))
        capitals = 0;
    }
  return capitals >= 6;
}

static gboolean
is_widget (const char *sentence)
{
  g_autofree char *head = g_utf8_strdown (sentence, MIN (strlen (sentence), 40));

  for (guint i = 0; widget_openings[i] != NULL; i++)
    if (g_str_has_prefix (head, widget_openings[i]))
      return TRUE;
  return FALSE;
}

/**
 * nf_summarize_judge:
 * @sentence: a sentence
 * @n_words: its words
 * @first_word: (nullable): its first word, lower-cased
 * @language: (nullable): the text's language
 *
 * Returns: what keeps @sentence out of a summary while a better one exists
 */
NfSummarizeFlags
nf_summarize_judge (const char *sentence,
                    guint       n_words,
                    const char *first_word,
                    const char *language)
{
  NfSummarizeFlags flags = NF_SUMMARIZE_FLAG_NONE;

  if (has_photo_credit (sentence))
    flags |= NF_SUMMARIZE_FLAG_BOILERPLATE | NF_SUMMARIZE_FLAG_CREDIT;
  if (is_widget (sentence))
    flags |= NF_SUMMARIZE_FLAG_BOILERPLATE;
  if (!ends_as_sentence (sentence))
    flags |= NF_SUMMARIZE_FLAG_FRAGMENT;
  if (n_words < MIN_WORDS)
    flags |= NF_SUMMARIZE_FLAG_SHORT;
  if (is_dangling_opener (first_word, language))
    flags |= NF_SUMMARIZE_FLAG_DANGLING;
  return flags;
}
