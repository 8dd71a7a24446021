/* nf-tagger-sources.c: who is quoted or credited
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * News credits its sources in a few fixed turns of phrase: "according to
 * Reuters", "Lavrov said", "said Anna Berg", "a spokesperson for the
 * ministry said", and their kin in other languages ("laut", "selon",
 * "según", "по словам"…). Each credit becomes a `source` tag: its text is
 * the credited name or phrase, and when that is a person's name (two or
 * more capitalised words, or a name next to a speech verb) it is also the
 * tag's `speaker`. Source tags already on the document (clean makes them
 * from bracketed notes) are kept: a credit naming the same source or
 * speaker adds its mention there instead of a second tag.
 */
#include "nf-tagger-element.h"

#include <string.h>

/* A credited name is at most this many words. */
#define MAX_NAME_WORDS 6
#define CREDIT_SCORE 0.8

/* Words after which the credited source follows. */
static const char * const credit_before[] = {
  "according to", "said", "says", "told", "added", "laut", "sagte", "sagt", "nach angaben von",
  "selon", "a déclaré", "a dit", "según", "dijo", "afirmó", "secondo", "ha detto", "segundo",
  "disse", "volgens", "zei", "enligt", "sade", "по словам", "сообщил", "заявил", "сказал",
  "według", "powiedział", "за словами", "заявив", "göre", NULL
};

/* Speech verbs after which... or before which the speaker stands. */
static const char * const speech_after[] = {
  "said", "says", "told", "added", "warned", "explained", "insisted", "stated", "announced",
  "sagte", "sagt", "erklärte", "a déclaré", "a dit", "dijo", "afirmó", "ha detto", "disse",
  "zei", "sade", "сказал", "заявил", "сообщил", "powiedział", "заявив", NULL
};

/* Lower-case words that may sit inside a credited name ("Ministry of
 * Defence", "Banco de España"). */
static const char * const name_connectors[] = {
  "of", "for", "the", "and", "de", "du", "des", "la", "le", "del", "der", "die", "von", "van",
  "di", "da", "do", "y", "et", "und", NULL
};

/* Capitalised words that stand for a speaker but name nobody ("We said"). */
static const char * const pronouns[] = {
  "I", "We", "He", "She", "They", "It", "You", "This", "That", "Er", "Sie", "Wir", "Es", "Il",
  "Elle", "Ils", "Elles", "Nous", "On", "Él", "Ella", "Ellos", "Nosotros", "Lui", "Lei", "Noi",
  "Ele", "Ela", "Hij", "Zij", "Wij", "Han", "Hon", "Vi", "Он", "Она", "Они", "Мы", "Ona",
  "Oni", "My", "Він", "Вона", "Вони", "Ми", NULL
};

/* Articles that open a credited phrase but not a name ("The Minister"). */
static const char * const articles[] = { "the", NULL };

/* Titles and roles written before a name ("Foreign Minister Sergei
 * Lavrov said"): they are not part of the speaker's name. */
static const char * const titles[] = {
  "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "dame", "lord",
  "president", "vice", "prime", "minister", "foreign", "finance", "defence", "defense",
  "interior", "secretary", "senator", "sen.", "rep.", "gov.", "governor", "general", "gen.",
  "judge", "justice", "chancellor", "king", "queen", "prince", "princess", "pope", "coach",
  "manager", "captain", "capt.", "chairman", "chairwoman", "chair", "chief", "executive",
  "officer", "director", "head", "spokesman", "spokeswoman", "spokesperson", "mayor",
  "ambassador", "envoy", "commissioner", "deputy", "premier", "economist", "analyst",
  "professor", "lt.", "col.", "sgt.", "rev.", "bishop", "archbishop", "cardinal", "sheikh",
  "herr", "frau", "monsieur", "madame", "señor", "señora", "präsident", "präsidentin",
  "ministerin", "kanzler", "kanzlerin", "ministre", "président", "présidente", "presidente",
  "ministro", "ministra", "президент", "министр", "премьер-министр", NULL
};

/* Role nouns that make a credit even without a name ("a spokesperson"). */
static const char * const role_nouns[] = {
  "spokesperson", "spokesman", "spokeswoman", "official", "officials", "sources", "source",
  "sprecher", "sprecherin", "porte-parole", "portavoz", "portavoce", "woordvoerder",
  "talesperson", "пресс-секретарь", "rzecznik", NULL
};

typedef struct
{
  gsize start;   /* bytes */
  gsize end;
} Span;

/* Whether the word of @span is in @table (ASCII letters in any case). */
static gboolean
word_in_table (const char         *text,
               const Span         *span,
               const char * const *table)
{
  gsize length = span->end - span->start;

  for (guint i = 0; table[i] != NULL; i++)
    if (strlen (table[i]) == length && g_ascii_strncasecmp (text + span->start, table[i], length) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_capitalised (const char *word)
{
  return g_unichar_isupper (g_utf8_get_char (word));
}

/* The words of @text as byte spans. */
static GArray *
word_spans (const char *text)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  gsize cursor = 0;
  Span span;

  while (nf_text_next_word (text, &cursor, &span.start, &span.end))
    g_array_append_val (spans, span);
  return spans;
}

/* Whether only spaces lie between two words (no comma or full stop: a
 * name does not run across punctuation). */
static gboolean
adjacent (const char *text,
          const Span *a,
          const Span *b)
{
  for (gsize p = a->end; p < b->start; p++)
    if (text[p] != ' ')
      return FALSE;
  return TRUE;
}

/* The run of capitalised words (connectors allowed inside) starting at
 * word @first and going forward; its last word index in *@last. */
static gboolean
name_forward (const char *text,
              GArray     *words,
              guint       first,
              guint      *last)
{
  guint end = first;

  if (first >= words->len || !is_capitalised (text + g_array_index (words, Span, first).start))
    return FALSE;
  for (guint i = first + 1; i < words->len && i - first < MAX_NAME_WORDS; i++)
    {
      Span *word = &g_array_index (words, Span, i);

      if (!adjacent (text, &g_array_index (words, Span, i - 1), word))
        break;
      if (is_capitalised (text + word->start))
        end = i;
      else if (!word_in_table (text, word, name_connectors))
        break;
    }
  *last = end;
  return TRUE;
}

/* Whether the word at byte @start opens a sentence: nothing but white
 * space, or a full stop, question or exclamation mark, a quotation mark
 * (closing one sentence or opening a quoted one) or a dash or colon that
 * opens a quote, before it. */
static gboolean
opens_sentence (const char *text,
                gsize       start)
{
  const char *p = text + start;

  while (p > text)
    {
      const char *prev = g_utf8_find_prev_char (text, p);
      gunichar c = g_utf8_get_char (prev);

      if (g_unichar_isspace (c))
        {
          p = prev;
          continue;
        }
      return c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '\'' ||
             c == 0x201C || c == 0x201D || c == 0x201E || c == 0x2018 || c == 0x2019 ||
             c == 0x00AB || c == 0x00BB || c == 0x2014 || c == 0x2013;
    }
  return TRUE;
}

/* The run of capitalised words ending at word @last, going backward, with
 * connectors inside ("Bank of England said"); none when it is one word
 * that only opens its sentence ("Police said") or a pronoun ("We said"). */
static gboolean
name_backward (const char *text,
               GArray     *words,
               guint       last,
               guint      *first)
{
  Span *spans = (Span *) words->data;
  guint start = last;

  if (!is_capitalised (text + spans[last].start))
    return FALSE;
  for (guint i = last; i > 0 && last - i + 2 <= MAX_NAME_WORDS; i--)
    {
      if (!adjacent (text, &spans[i - 1], &spans[i]))
        break;
      if (is_capitalised (text + spans[i - 1].start))
        start = i - 1;
      else if (!word_in_table (text, &spans[i - 1], name_connectors))
        break;
    }
  if (start == last && (opens_sentence (text, spans[start].start) ||
                        word_in_table (text, &spans[start], pronouns)))
    return FALSE;
  *first = start;
  return TRUE;
}

/* Moves *@first past an English "The" and the titles and roles that open
 * a name (other articles start names: "De Beers", "La Stampa")
 * ("Chief Executive Helen Marsh" → "Helen Marsh"), keeping one word at
 * least.
 *
 * Returns: whether a name is left (not "The Minister": a role) */
static gboolean
skip_titles (const char *text,
             GArray     *words,
             guint      *first,
             guint       last)
{
  Span *spans = (Span *) words->data;

  while (*first < last && (word_in_table (text, &spans[*first], titles) ||
                           word_in_table (text, &spans[*first], articles)))
    (*first)++;
  return !word_in_table (text, &spans[last], titles);
}

/* An ASCII letter in lower case, any other byte as it is (g_ascii_tolower()
 * is a call, and this runs for every word against every table entry). */
static inline char
ascii_fold (char c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* How many words of @phrase (a table entry of one to three words) match
 * the words from @i on; 0 when they do not. Compared in place: this runs
 * for every word of every text. */
static guint
match_phrase (const char *text,
              GArray     *words,
              guint       i,
              const char *phrase)
{
  const char *part = phrase;
  guint n = 0;

  /* nearly every word fails on its first letter: no need to measure */
  if (i >= words->len ||
      ascii_fold (text[g_array_index (words, Span, i).start]) != ascii_fold (phrase[0]))
    return 0;
  while (*part != '\0')
    {
      const char *space = strchr (part, ' ');
      gsize length = space != NULL ? (gsize) (space - part) : strlen (part);
      Span *word;

      if (i + n >= words->len)
        return 0;
      word = &g_array_index (words, Span, i + n);
      if (length != word->end - word->start ||
          g_ascii_strncasecmp (text + word->start, part, length) != 0)
        return 0;
      n++;
      part += length;
      while (*part == ' ')
        part++;
    }
  return n;
}

static guint
match_any (const char         *text,
           GArray             *words,
           guint               i,
           const char * const *table)
{
  for (guint t = 0; table[t] != NULL; t++)
    {
      guint n = match_phrase (text, words, i, table[t]);
      if (n > 0)
        return n;
    }
  return 0;
}

typedef struct
{
  const char *text;
  NfDocument *document;
  double      min_score;
} Credits;

static guint
code_points_before (const char *text,
                    gsize       bytes)
{
  return g_utf8_pointer_to_offset (text, text + bytes);
}

/* Adds the credit of words [@first, @last], or its mention to the source
 * tag that already names it. */
static void
add_credit (Credits *credits,
            GArray  *words,
            guint    first,
            guint    last,
            gboolean is_person)
{
  Span *from = &g_array_index (words, Span, first);
  Span *to = &g_array_index (words, Span, last);
  g_autofree char *name = g_strndup (credits->text + from->start, to->end - from->start);
  guint start = code_points_before (credits->text, from->start);
  guint end = start + g_utf8_strlen (name, -1);
  g_autoptr(GPtrArray) sources = nf_document_get_tags_by_kind (credits->document, NF_TAG_KIND_SOURCE);
  g_autoptr(NfTag) tag = NULL;

  for (guint i = 0; i < sources->len; i++)
    {
      NfTag *known = g_ptr_array_index (sources, i);

      if (g_strcmp0 (nf_tag_get_text (known), name) == 0 ||
          g_strcmp0 (nf_tag_get_speaker (known), name) == 0)
        {
          if (nf_tag_get_n_mentions (known) == 0 || g_strcmp0 (nf_tag_get_text (known), name) == 0)
            nf_tag_add_mention (known, start, end);
          return;
        }
    }
  if (CREDIT_SCORE < credits->min_score)
    return;
  tag = nf_tag_new (NF_TAG_KIND_SOURCE, name);
  nf_tag_set_score (tag, CREDIT_SCORE);
  if (is_person)
    nf_tag_set_speaker (tag, name);
  nf_tag_add_mention (tag, start, end);
  nf_document_add_tag (credits->document, tag);
}

/* A name of two or more capitalised words next to a speech verb is a
 * person's; one word ("Reuters", "Lavrov") may be either, and is left
 * without a speaker unless a speech verb makes it one. */
static void
find_credits_at (Credits *credits,
                 GArray  *words,
                 guint    i)
{
  guint n, first, last;

  n = match_any (credits->text, words, i, credit_before);
  /* the name follows the credit at once: "said. They…" credits nobody */
  if (n > 0 && i + n < words->len &&
      adjacent (credits->text, &g_array_index (words, Span, i + n - 1), &g_array_index (words, Span, i + n)) &&
      !word_in_table (credits->text, &g_array_index (words, Span, i + n), pronouns) &&
      name_forward (credits->text, words, i + n, &last))
    {
      gboolean speech = match_any (credits->text, words, i, speech_after) > 0;
      gboolean named = TRUE;

      first = i + n;
      if (speech)
        named = skip_titles (credits->text, words, &first, last);
      add_credit (credits, words, first, last, speech && named && (last > i + n || first > i + n));
      return;
    }
  n = match_any (credits->text, words, i, speech_after);
  if (n > 0 && i > 0 && adjacent (credits->text, &g_array_index (words, Span, i - 1),
                                   &g_array_index (words, Span, i)))
    {
      Span *before = &g_array_index (words, Span, i - 1);

      if (word_in_table (credits->text, before, role_nouns))
        add_credit (credits, words, i - 1, i - 1, FALSE);
      else if (name_backward (credits->text, words, i - 1, &first))
        {
          gboolean named = skip_titles (credits->text, words, &first, i - 1);

          add_credit (credits, words, first, i - 1, named);
        }
    }
}

/**
 * nf_tagger_add_sources:
 * @document: a document with text
 * @min_score: credits scoring below this are not added
 *
 * Adds a `source` tag for everyone the text quotes or credits.
 */
void
nf_tagger_add_sources (NfDocument *document,
                       double      min_score)
{
  Credits credits = { nf_document_get_text (document), document, min_score };
  g_autoptr(GArray) words = word_spans (credits.text);

  for (guint i = 0; i < words->len; i++)
    find_credits_at (&credits, words, i);
}
