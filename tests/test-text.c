/* test-text.c: the words toolkit — tokens, offsets, stopwords, stems, languages
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <newsfilter.h>

/* ------------------------------------------------------------------ */
/* Tokens                                                              */
/* ------------------------------------------------------------------ */

/* The tokens of @text as "word@start-end" joined by spaces: one string
 * to compare shows every difference at once. */
static char *
describe_tokens (const char *text)
{
  g_autoptr (GPtrArray) tokens = nf_text_tokenize (text);
  GString *out = g_string_new (NULL);
  guint i;

  for (i = 0; i < tokens->len; i++)
    {
      NfToken *token = g_ptr_array_index (tokens, i);

      g_string_append_printf (out, "%s%s@%u-%u", i > 0 ? " " : "",
                              nf_token_get_text (token),
                              nf_token_get_start (token),
                              nf_token_get_end (token));
    }

  return g_string_free (out, FALSE);
}

/* Just the words of @text, joined by "|", as nf_text_next_word() finds them. */
static char *
describe_words (const char *text)
{
  GString *out = g_string_new (NULL);
  gsize cursor = 0, start, end;

  while (nf_text_next_word (text, &cursor, &start, &end))
    {
      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append_len (out, text + start, end - start);
    }

  return g_string_free (out, FALSE);
}

static void
test_tokens_basic (void)
{
  g_autofree char *tokens = describe_tokens ("  Hello, world!  ");

  g_assert_cmpstr (tokens, ==, "Hello@2-7 world@9-14");
}

static void
test_tokens_apostrophes (void)
{
  g_autofree char *en = describe_words ("Don't stop: it’s O'Brien's; the players' ball, 'quoted'. Dell's, Nell’s.");
  g_autofree char *fr = describe_words ("L'État, aujourd'hui, qu'il s’en aille jusqu'à l’aube.");
  g_autofree char *it = describe_words ("Dell'Unione, c'è un'altra quest'anno; po' di più.");

  g_assert_cmpstr (en, ==, "Don't|stop|it’s|O'Brien's|the|players|ball|quoted|Dell's|Nell’s");
  /* elisions are their own token, apostrophe kept */
  g_assert_cmpstr (fr, ==, "L'|État|aujourd'hui|qu'|il|s’|en|aille|jusqu'|à|l’|aube");
  g_assert_cmpstr (it, ==, "Dell'|Unione|c'|è|un'|altra|quest'|anno|po|di|più");
}

static void
test_tokens_hyphens (void)
{
  g_autofree char *words = describe_words ("A state-of-the-art, well‐known COVID-19 plan -- or - not; re- and -ing.");

  g_assert_cmpstr (words, ==, "A|state-of-the-art|well‐known|COVID-19|plan|or|not|re|and|ing");
}

static void
test_tokens_numbers (void)
{
  g_autofree char *words = describe_words ("Up 3.5% to 1,000 on 12.03.2026, v2.0 and 7. Then 4,5 or 8.");

  g_assert_cmpstr (words, ==, "Up|3.5|to|1,000|on|12.03.2026|v2.0|and|7|Then|4,5|or|8");
}

static void
test_tokens_cjk (void)
{
  g_autofree char *tokens = describe_tokens ("東京の天気 is 晴れ。한국어 OK");

  /* each Han and kana character is a word; Hangul is written with spaces */
  g_assert_cmpstr (tokens, ==,
                   "東@0-1 京@1-2 の@2-3 天@3-4 気@4-5 is@6-8 晴@9-10 れ@10-11 한국어@12-15 OK@16-18");
}

static void
test_tokens_combining_marks (void)
{
  /* "café" and "naïve" with combining marks, then a lone mark */
  g_autofree char *tokens = describe_tokens ("cafe\xcc\x81 nai\xcc\x88ve \xcc\x81x");

  g_assert_cmpstr (tokens, ==, "cafe\xcc\x81@0-5 nai\xcc\x88ve@6-12 x@14-15");
}

static void
test_tokens_emoji (void)
{
  g_autofree char *tokens = describe_tokens ("I 😀 emoji 👍🏽 and 𝒳yz ok");

  /* emoji are not words; 𝒳 (a mathematical letter beyond the BMP) is */
  g_assert_cmpstr (tokens, ==, "I@0-1 emoji@4-9 and@13-16 𝒳yz@17-20 ok@21-23");
}

static void
test_tokens_invalid_utf8 (void)
{
  g_autofree char *words = describe_words ("ab\xff" "cd \xc3 ef");

  g_assert_cmpstr (words, ==, "ab|cd|ef");
}

static void
test_tokens_empty (void)
{
  g_autoptr (GPtrArray) none = nf_text_tokenize ("");
  g_autoptr (GPtrArray) punctuation = nf_text_tokenize (" ... -- !? ");

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (punctuation->len, ==, 0);
}

static void
test_token_object (void)
{
  g_autoptr (NfToken) token = nf_token_new ("mot", 4, 7);
  g_autofree char *text = NULL;
  guint start, end;

  g_object_get (token, "text", &text, "start", &start, "end", &end, NULL);
  g_assert_cmpstr (text, ==, "mot");
  g_assert_cmpuint (start, ==, 4);
  g_assert_cmpuint (end, ==, 7);
  g_assert_cmpstr (nf_token_get_text (token), ==, "mot");
  g_assert_cmpuint (nf_token_get_start (token), ==, 4);
  g_assert_cmpuint (nf_token_get_end (token), ==, 7);
  g_assert_nonnull (g_param_spec_get_blurb (g_object_class_find_property (G_OBJECT_GET_CLASS (token), "start")));
}

static void
test_next_word_cursor (void)
{
  const char *text = "Ça va? Très-bien.";
  gsize cursor = 0, start = 99, end = 99;

  g_assert_true (nf_text_next_word (text, &cursor, &start, &end));
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 3);       /* "Ça": Ç is two bytes */
  g_assert_cmpuint (cursor, ==, 3);

  g_assert_true (nf_text_next_word (text, &cursor, NULL, NULL));
  g_assert_cmpuint (cursor, ==, 6);    /* after "va" */

  g_assert_true (nf_text_next_word (text, &cursor, &start, &end));
  g_assert_cmpuint (start, ==, 8);
  g_assert_cmpuint (end, ==, 18);      /* "Très-bien" */

  g_assert_false (nf_text_next_word (text, &cursor, &start, &end));
  g_assert_cmpuint (cursor, ==, strlen (text));
  g_assert_false (nf_text_next_word (text, &cursor, &start, &end));
}

static void
test_utf16_offsets (void)
{
  const char *text = "a😀b€𝒳c";   /* code points: a 😀 b € 𝒳 c */
  static const guint utf16[] = { 0, 1, 3, 4, 5, 7, 8 };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (utf16); i++)
    {
      g_assert_cmpuint (nf_text_offset_to_utf16 (text, i), ==, utf16[i]);
      g_assert_cmpuint (nf_text_offset_from_utf16 (text, utf16[i]), ==, i);
    }

  /* past the end: the end */
  g_assert_cmpuint (nf_text_offset_to_utf16 (text, 100), ==, 8);
  g_assert_cmpuint (nf_text_offset_from_utf16 (text, 100), ==, 6);
  /* between the halves of a surrogate pair: that code point */
  g_assert_cmpuint (nf_text_offset_from_utf16 (text, 2), ==, 1);
  g_assert_cmpuint (nf_text_offset_from_utf16 (text, 6), ==, 4);
  g_assert_cmpuint (nf_text_offset_to_utf16 ("", 3), ==, 0);
}

static void
test_utf16_token_offsets (void)
{
  const char *text = "👍🏽 Zoë's 🎉 résumé";
  g_autoptr (GPtrArray) tokens = nf_text_tokenize (text);
  NfToken *last;

  g_assert_cmpuint (tokens->len, ==, 2);
  last = g_ptr_array_index (tokens, 1);
  g_assert_cmpstr (nf_token_get_text (last), ==, "résumé");
  g_assert_cmpuint (nf_token_get_start (last), ==, 11);
  /* in JavaScript: "👍🏽 Zoë's 🎉 résumé".indexOf ("résumé") == 14 */
  g_assert_cmpuint (nf_text_offset_to_utf16 (text, nf_token_get_start (last)), ==, 14);
  g_assert_cmpuint (nf_text_offset_to_utf16 (text, nf_token_get_end (last)), ==, 20);
}

/* ------------------------------------------------------------------ */
/* Stopwords                                                           */
/* ------------------------------------------------------------------ */

static void
test_stopword_lists (void)
{
  const char * const *languages = nf_text_get_languages ();
  guint n;

  g_assert_cmpuint (g_strv_length ((char **) languages), ==, 12);

  for (n = 0; languages[n] != NULL; n++)
    {
      const char * const *words = nf_text_get_stopwords (languages[n]);
      g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      guint count;

      g_assert_nonnull (words);
      for (count = 0; words[count] != NULL; count++)
        {
          g_autofree char *lower = g_utf8_strdown (words[count], -1);
          g_autofree char *nfc = g_utf8_normalize (words[count], -1, G_NORMALIZE_DEFAULT_COMPOSE);

          g_assert_cmpstr (lower, ==, words[count]);
          g_assert_cmpstr (nfc, ==, words[count]);
          g_assert_false (g_hash_table_contains (seen, words[count]));
          g_hash_table_add (seen, (gpointer) words[count]);
          g_assert_true (nf_text_is_stopword (languages[n], words[count]));
        }

      g_test_message ("%s: %u stopwords", languages[n], count);
      g_assert_cmpuint (count, >=, 100);
      g_assert_cmpuint (count, <=, 250);
    }
}

typedef struct {
  const char *language;
  const char *stopwords[6];
  const char *not_stopwords[3];
} StopwordCase;

static void
test_stopwords_by_language (void)
{
  static const StopwordCase cases[] = {
    { "en", { "The", "and", "OF", "wasn't", "themselves", "it’s" }, { "house", "london", "run" } },
    { "de", { "Der", "und", "über", "DASS", "würde", "sich" }, { "haus", "berlin", "laufen" } },
    { "fr", { "Le", "et", "où", "l'", "qu’", "été" }, { "maison", "paris", "courir" } },
    { "es", { "El", "y", "más", "también", "según", "QUE" }, { "casa", "madrid", "correr" } },
    { "it", { "Il", "e", "perché", "dell'", "più", "gli" }, { "casa", "roma", "correre" } },
    { "pt", { "O", "não", "também", "às", "pelo", "você" }, { "casa", "lisboa", "correr" } },
    { "nl", { "De", "het", "een", "zijn", "ook", "wordt" }, { "huis", "amsterdam", "lopen" } },
    { "ru", { "И", "что", "это", "был", "из-за", "ещё" }, { "дом", "москва", "бежать" } },
    { "pl", { "I", "się", "że", "został", "również", "Który" }, { "dom", "warszawa", "biegać" } },
    { "uk", { "І", "що", "це", "її", "також", "Який" }, { "будинок", "київ", "бігти" } },
    { "tr", { "Ve", "bir", "için", "İçin", "değil", "olduğu" }, { "ev", "ankara", "koşmak" } },
    { "sv", { "Och", "att", "är", "på", "för", "någon" }, { "hus", "stockholm", "springa" } },
  };
  guint i, j;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      for (j = 0; j < G_N_ELEMENTS (cases[i].stopwords); j++)
        {
          if (!nf_text_is_stopword (cases[i].language, cases[i].stopwords[j]))
            g_error ("“%s” should be a %s stopword", cases[i].stopwords[j], cases[i].language);
        }
      for (j = 0; j < G_N_ELEMENTS (cases[i].not_stopwords); j++)
        g_assert_false (nf_text_is_stopword (cases[i].language, cases[i].not_stopwords[j]));
    }
}

static void
test_stopwords_edge_cases (void)
{
  /* decomposed "über" */
  g_assert_true (nf_text_is_stopword ("de", "u\xcc\x88" "ber"));
  /* a region is ignored */
  g_assert_true (nf_text_is_stopword ("pt-BR", "não"));
  g_assert_true (nf_text_is_stopword ("EN_gb", "the"));
  /* a list per language */
  g_assert_false (nf_text_is_stopword ("en", "und"));
  g_assert_false (nf_text_is_stopword ("en", ""));
  g_assert_false (nf_text_is_stopword ("en", "a-very-long-word-that-does-not-fit-in-the-fold-buffer-at-all-really"));
  /* no list */
  g_assert_null (nf_text_get_stopwords ("xx"));
  g_assert_null (nf_text_get_stopwords ("eng"));
  g_assert_null (nf_text_get_stopwords (""));
  g_assert_false (nf_text_is_stopword ("ja", "の"));
}

/* ------------------------------------------------------------------ */
/* Stems                                                               */
/* ------------------------------------------------------------------ */

typedef struct {
  const char *language;
  const char *pairs[12];   /* word, stem, word, stem… */
} StemCase;

static const StemCase stem_cases[] = {
  { "en", { "Connections", "connect", "running", "run", "happily", "happili" } },
  { "de", { "Häuser", "haus", "laufen", "lauf", "Kinder", "kind" } },
  { "fr", { "nationales", "national", "continuer", "continu" } },
  { "es", { "corriendo", "corr", "ciudades", "ciudad" } },
  { "it", { "parlando", "parl", "città", "citt" } },
  { "pt", { "cidades", "cidad", "falando", "fal" } },
  { "nl", { "lopen", "lop", "huizen", "huiz" } },
  { "ru", { "книги", "книг", "бежали", "бежа", "Москвы", "москв" } },
  { "tr", { "kitaplar", "kitap", "İstanbul", "istanbul", "IŞIK", "ışık" } },
  { "sv", { "husen", "hus", "flickorna", "flick" } },
  /* the light stemmers */
  { "pl", { "prezydentowi", "prezydent", "Prezydentów", "prezydent", "nowego", "now",
            "pracują", "prac", "wolności", "woln", "dom", "dom" } },
  { "uk", { "книжками", "книжк", "Книжкою", "книжк", "новому", "нов",
            "працювали", "працюв", "повернулася", "поверн", "місто", "міст" } },
};

static void
test_stems (void)
{
  guint i, j;

  for (i = 0; i < G_N_ELEMENTS (stem_cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (NfStemmer) stemmer = nf_stemmer_new (stem_cases[i].language, &error);

      g_assert_no_error (error);
      g_assert_true (NF_IS_STEMMER (stemmer));
      g_assert_cmpstr (nf_stemmer_get_language (stemmer), ==, stem_cases[i].language);

      for (j = 0; j + 1 < G_N_ELEMENTS (stem_cases[i].pairs) && stem_cases[i].pairs[j] != NULL; j += 2)
        {
          g_autofree char *stem = nf_stemmer_stem (stemmer, stem_cases[i].pairs[j]);

          g_assert_cmpstr (stem, ==, stem_cases[i].pairs[j + 1]);
        }
    }
}

/* Polish and Ukrainian: Snowball has no stemmer for them, ours are light
 * ones that bring a word's inflections to one stem. */
static void
test_stems_light (void)
{
  static const char * const polish[] = {
    "prezydent", "prezydenta", "prezydentowi", "prezydentem", "prezydentami",
  };
  static const char * const ukrainian[] = {
    "свобода", "свободи", "свободу", "свободою", "свободі",
  };
  g_autoptr (NfStemmer) pl = nf_stemmer_new ("pl", NULL);
  g_autoptr (NfStemmer) uk = nf_stemmer_new ("uk", NULL);
  guint i;

  g_assert_true (nf_stemmer_has_language ("pl"));
  g_assert_true (nf_stemmer_has_language ("uk"));

  for (i = 0; i < G_N_ELEMENTS (polish); i++)
    {
      g_autofree char *stem = nf_stemmer_stem (pl, polish[i]);
      g_assert_cmpstr (stem, ==, "prezydent");
    }
  for (i = 0; i < G_N_ELEMENTS (ukrainian); i++)
    {
      g_autofree char *stem = nf_stemmer_stem (uk, ukrainian[i]);
      g_assert_cmpstr (stem, ==, "свобод");
    }
}

static void
test_stemmer_languages (void)
{
  const char * const *languages = nf_text_get_languages ();
  g_autoptr (GError) error = NULL;
  g_autoptr (NfStemmer) none = NULL;
  g_autoptr (NfStemmer) region = NULL;
  g_autofree char *stem = NULL;
  guint i;

  for (i = 0; languages[i] != NULL; i++)
    g_assert_true (nf_stemmer_has_language (languages[i]));
  g_assert_false (nf_stemmer_has_language ("xx"));
  g_assert_false (nf_stemmer_has_language ("ja"));

  none = nf_stemmer_new ("xx", &error);
  g_assert_null (none);
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS);
  g_assert_cmpstr (error->message, ==, "No stemmer for language “xx”");

  region = nf_stemmer_new ("en-GB", NULL);
  g_assert_nonnull (region);
  stem = nf_stemmer_stem (region, "Stemming");
  g_assert_cmpstr (stem, ==, "stem");
}

/* ------------------------------------------------------------------ */
/* Languages                                                           */
/* ------------------------------------------------------------------ */

/* One invented paragraph of about forty words per language. */
static const struct {
  const char *language;
  const char *text;
} paragraphs[] = {
  { "en", "The city council met on Tuesday evening to discuss the new budget for the "
          "schools. Several members said that the plan would not be enough, and they asked "
          "the mayor to find more money before the end of the year, when the vote is expected." },
  { "de", "Der Stadtrat hat am Dienstagabend über den neuen Haushalt für die Schulen beraten. "
          "Mehrere Mitglieder sagten, dass der Plan nicht ausreichen werde, und sie forderten "
          "den Bürgermeister auf, noch vor dem Ende des Jahres mehr Geld zu finden, wenn die "
          "Abstimmung erwartet wird." },
  { "fr", "Le conseil municipal s'est réuni mardi soir pour discuter du nouveau budget des "
          "écoles. Plusieurs membres ont dit que le plan ne serait pas suffisant, et ils ont "
          "demandé au maire de trouver plus d'argent avant la fin de l'année, quand le vote "
          "est attendu." },
  { "es", "El ayuntamiento se reunió el martes por la noche para discutir el nuevo presupuesto "
          "de las escuelas. Varios miembros dijeron que el plan no sería suficiente y pidieron "
          "al alcalde que encontrara más dinero antes del final del año, cuando se espera la "
          "votación." },
  { "it", "Il consiglio comunale si è riunito martedì sera per discutere il nuovo bilancio "
          "delle scuole. Diversi membri hanno detto che il piano non sarebbe sufficiente e "
          "hanno chiesto al sindaco di trovare più soldi prima della fine dell'anno, quando è "
          "previsto il voto." },
  { "pt", "A câmara municipal reuniu-se na terça-feira à noite para discutir o novo orçamento "
          "das escolas. Vários membros disseram que o plano não seria suficiente e pediram ao "
          "presidente que encontrasse mais dinheiro antes do fim do ano, quando a votação é "
          "esperada." },
  { "nl", "De gemeenteraad is dinsdagavond bijeengekomen om de nieuwe begroting voor de scholen "
          "te bespreken. Verschillende leden zeiden dat het plan niet genoeg zou zijn, en zij "
          "vroegen de burgemeester om nog voor het einde van het jaar meer geld te vinden, "
          "wanneer de stemming wordt verwacht." },
  { "ru", "Городской совет собрался во вторник вечером, чтобы обсудить новый бюджет для школ. "
          "Несколько депутатов сказали, что этого плана не хватит, и они попросили мэра найти "
          "больше денег до конца года, когда ожидается голосование по этому вопросу." },
  { "pl", "Rada miasta zebrała się we wtorek wieczorem, aby omówić nowy budżet dla szkół. "
          "Kilku radnych powiedziało, że ten plan nie wystarczy, i poprosili burmistrza, żeby "
          "znalazł więcej pieniędzy jeszcze przed końcem roku, kiedy odbędzie się głosowanie." },
  { "uk", "Міська рада зібралася у вівторок увечері, щоб обговорити новий бюджет для шкіл. "
          "Кілька депутатів сказали, що цього плану не вистачить, і вони попросили мера знайти "
          "більше грошей ще до кінця року, коли очікується голосування з цього питання." },
  { "tr", "Belediye meclisi salı akşamı okullar için yeni bütçeyi görüşmek üzere toplandı. "
          "Birkaç üye planın yeterli olmayacağını söyledi ve belediye başkanından oylamanın "
          "beklendiği yıl sonundan önce daha fazla para bulmasını istedi. Bu konu uzun süredir "
          "tartışılıyor ve herkes bir çözüm bekliyor." },
  { "sv", "Kommunfullmäktige samlades på tisdagskvällen för att diskutera den nya budgeten för "
          "skolorna. Flera ledamöter sade att planen inte skulle räcka, och de bad "
          "borgmästaren att hitta mer pengar innan årets slut, när omröstningen väntas äga rum "
          "i salen." },
};

static void
test_detect_paragraphs (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (paragraphs); i++)
    {
      double confidence = -1.0;
      const char *language = nf_text_detect_language (paragraphs[i].text, &confidence);

      g_test_message ("%s: %s, confidence %.2f", paragraphs[i].language,
                      language ? language : "(null)", confidence);
      g_assert_cmpstr (language, ==, paragraphs[i].language);
      g_assert_cmpfloat (confidence, >, 0.2);
      g_assert_cmpfloat (confidence, <=, 1.0);
    }
}

static void
test_detect_unsure (void)
{
  double confidence = -1.0;

  g_assert_null (nf_text_detect_language ("", &confidence));
  g_assert_cmpfloat (confidence, ==, 0.0);
  g_assert_null (nf_text_detect_language ("Hello there", NULL));
  g_assert_null (nf_text_detect_language ("1234 5678 90 12.5 !!!", NULL));
  /* no stopwords of any language */
  g_assert_null (nf_text_detect_language ("Xylophone quantum zebra kumquat blorf wibble", NULL));
  /* Greek: not one of ours */
  g_assert_null (nf_text_detect_language ("Το δημοτικό συμβούλιο συνεδρίασε την Τρίτη το βράδυ "
                                          "για να συζητήσει τον νέο προϋπολογισμό των σχολείων.",
                                          &confidence));
  g_assert_cmpfloat (confidence, ==, 0.0);
}

static void
test_detect_cjk (void)
{
  g_assert_cmpstr (nf_text_detect_language ("市议会星期二晚上开会讨论学校的新预算。", NULL), ==, "zh");
  g_assert_cmpstr (nf_text_detect_language ("市議会は火曜日の夜に学校の新しい予算について話し合った。", NULL), ==, "ja");
}

static void
test_detect_long_text (void)
{
  g_autoptr (GString) text = g_string_new (NULL);
  gint64 begin, elapsed;
  guint i;

  /* only the start of a long text is read: the answer and the time do
   * not depend on what follows */
  for (i = 0; i < 15; i++)
    g_string_append (text, paragraphs[3].text);
  for (i = 0; i < 20000; i++)
    g_string_append (text, " the and of to in is");

  begin = g_get_monotonic_time ();
  g_assert_cmpstr (nf_text_detect_language (text->str, NULL), ==, "es");
  elapsed = g_get_monotonic_time () - begin;
  g_test_message ("%zu bytes in %" G_GINT64_FORMAT " us", text->len, elapsed);
}

/* Detection from several threads at once gives the same answers. */
static gpointer
detect_all (gpointer data)
{
  guint round, i;

  for (round = 0; round < 50; round++)
    for (i = 0; i < G_N_ELEMENTS (paragraphs); i++)
      g_assert_cmpstr (nf_text_detect_language (paragraphs[i].text, NULL), ==,
                       paragraphs[i].language);

  return NULL;
}

static void
test_detect_threads (void)
{
  GThread *threads[4];
  guint i;

  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("detect", detect_all, NULL);
  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();

  g_test_add_func ("/text/tokens/basic", test_tokens_basic);
  g_test_add_func ("/text/tokens/apostrophes", test_tokens_apostrophes);
  g_test_add_func ("/text/tokens/hyphens", test_tokens_hyphens);
  g_test_add_func ("/text/tokens/numbers", test_tokens_numbers);
  g_test_add_func ("/text/tokens/cjk", test_tokens_cjk);
  g_test_add_func ("/text/tokens/combining-marks", test_tokens_combining_marks);
  g_test_add_func ("/text/tokens/emoji", test_tokens_emoji);
  g_test_add_func ("/text/tokens/invalid-utf8", test_tokens_invalid_utf8);
  g_test_add_func ("/text/tokens/empty", test_tokens_empty);
  g_test_add_func ("/text/tokens/object", test_token_object);
  g_test_add_func ("/text/tokens/next-word", test_next_word_cursor);
  g_test_add_func ("/text/utf16/offsets", test_utf16_offsets);
  g_test_add_func ("/text/utf16/tokens", test_utf16_token_offsets);
  g_test_add_func ("/text/stopwords/lists", test_stopword_lists);
  g_test_add_func ("/text/stopwords/by-language", test_stopwords_by_language);
  g_test_add_func ("/text/stopwords/edge-cases", test_stopwords_edge_cases);
  g_test_add_func ("/text/stemmer/stems", test_stems);
  g_test_add_func ("/text/stemmer/light", test_stems_light);
  g_test_add_func ("/text/stemmer/languages", test_stemmer_languages);
  g_test_add_func ("/text/language/paragraphs", test_detect_paragraphs);
  g_test_add_func ("/text/language/unsure", test_detect_unsure);
  g_test_add_func ("/text/language/cjk", test_detect_cjk);
  g_test_add_func ("/text/language/long-text", test_detect_long_text);
  g_test_add_func ("/text/language/threads", test_detect_threads);

  return g_test_run ();
}
