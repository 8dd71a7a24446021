/* test-summarize.c: the summarize element on news texts written for these tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The ranking weights of the `news` method are tuned from time to time, so
 * these tests assert what any sane weighting gives: how many sentences,
 * which ones may never be picked, budgets, order, offsets, and the exact
 * picks of the methods whose picks are defined (lead; the hub sentence of
 * a star-shaped text for the graph methods).
 */
#include <newsfilter.h>

#include <string.h>

static const char * const all_methods[] = { "news", "lead", "textrank", "lexrank" };

/* Fixtures: invented articles, one sentence a line unless said otherwise. */

static const char english_article[] =
  "The city council of Northport approved a new tram line to the harbour district on Tuesday evening. "
  "Construction is expected to start next spring and to cost about 240 million euros.\n\n"
  "Mayor Elena Rask called the decision a turning point for the eastern neighbourhoods. "
  "Shop owners along Quay Street fear months of noise, dust and closed parking spaces.\n\n"
  "A citizens' group has collected four thousand signatures for a quieter construction plan. "
  "The first trams should carry passengers between the station and the ferry terminal in 2029.\n\n"
  "Opposition councillors want an independent audit of the budget before any contract is signed. "
  "Regional transport officials promised a final timetable by the end of the summer.";

static const char german_article[] =
  "Der Stadtrat von Nordheim hat am Dienstag den Bau einer neuen Straßenbahnlinie zum Hafen beschlossen. "
  "Die Bauarbeiten sollen im kommenden Frühjahr beginnen und rund 240 Millionen Euro kosten.\n\n"
  "Bürgermeisterin Elena Rask sprach von einem Wendepunkt für die östlichen Stadtteile. "
  "Viele Ladenbesitzer in der Kaistraße befürchten monatelangen Lärm, Staub und gesperrte Parkplätze.\n\n"
  "Eine Bürgerinitiative hat bereits viertausend Unterschriften für einen leiseren Bauplan gesammelt. "
  "Die ersten Bahnen sollen ab 2029 zwischen dem Bahnhof und dem Fähranleger fahren.";

static const char french_article[] =
  "Le conseil municipal de Nordport a approuvé mardi soir une nouvelle ligne de tramway vers le port. "
  "Les travaux doivent commencer au printemps prochain et coûter environ 240 millions d'euros.\n\n"
  "La maire Elena Rask a parlé d'un tournant pour les quartiers de l'est de la ville. "
  "Les commerçants de la rue du Quai craignent des mois de bruit, de poussière et de places fermées.\n\n"
  "Un collectif d'habitants a déjà réuni quatre mille signatures pour un chantier plus silencieux. "
  "Les premières rames devraient relier la gare et le terminal des ferries en 2029.";

static const char russian_article[] =
  "Городской совет Нордпорта во вторник одобрил строительство новой трамвайной линии к порту. "
  "Работы должны начаться следующей весной и обойтись примерно в 240 миллионов евро.\n\n"
  "Мэр Елена Раск назвала решение поворотным моментом для восточных районов города. "
  "Владельцы магазинов на Набережной улице опасаются многомесячного шума, пыли и закрытых парковок.\n\n"
  "Инициативная группа жителей уже собрала четыре тысячи подписей за более тихий план работ. "
  "Первые трамваи должны связать вокзал и паромный терминал в 2029 году.";

static const char chinese_article[] =
  "北港市议会周二晚间批准了一条通往港口的新有轨电车线路。"
  "工程预计明年春天开工，总投资约二亿四千万欧元。\n\n"
  "市长艾琳娜表示，这一决定是东部街区发展的转折点。"
  "码头街的商户担心施工将带来数月的噪音、灰尘和停车位关闭。\n\n"
  "一个居民团体已经收集了四千个签名，要求采用更安静的施工方案。"
  "首批电车预计于二〇二九年在火车站和渡轮码头之间运行。";

/* Esperanto: a language the toolkit has no rules, stopwords or stemmer for. */
static const char esperanto_article[] =
  "La urba konsilio de Nordhaveno aprobis novan tramlinion al la haveno marde vespere. "
  "La konstruado komenciĝos venontan printempon kaj kostos ĉirkaŭ ducent milionojn da eŭroj.\n\n"
  "La urbestrino Elena Rask nomis la decidon turnopunkto por la orientaj kvartaloj. "
  "Butikistoj laŭ la Kajstrato timas monatojn da bruo, polvo kaj fermitaj parkejoj.\n\n"
  "Civitana grupo jam kolektis kvar mil subskribojn por pli trankvila konstruplano. "
  "La unuaj tramoj veturigos pasaĝerojn inter la stacidomo kaj la pramterminalo en 2029.";

/* An article with everything a summary must leave out: a headline and a
 * dateline without full stops, an opening that leans on what came before,
 * a widget, a caption with a photo credit and a "Read more" line. */
static const char cluttered_headline[] = "Council approves tram line to the harbour";

static const char cluttered_article[] =
  "Council approves tram line to the harbour\n\n"
  "NORTHPORT, 3 March 2026\n\n"
  "However, the vote came only after a long debate that ran well past midnight.\n\n"
  "No time to read? Get a summary\n\n"
  "The city council of Northport approved a new tram line to the harbour district on Tuesday evening. "
  "Construction is expected to start next spring and to cost about 240 million euros.\n\n"
  "Workers lay the first test rails near the old fish market (JANE DOE / NORDPRESS)\n\n"
  "Mayor Elena Rask called the decision a turning point for the eastern neighbourhoods.\n\n"
  "Read more: Why the harbour district is growing faster than the rest of Northport and its tram network.\n\n"
  "Shop owners along Quay Street fear months of noise, dust and closed parking spaces. "
  "A citizens' group has collected four thousand signatures for a quieter construction plan. "
  "The first trams should carry passengers between the station and the ferry terminal in 2029.";

/* The sentences of cluttered_article a summary may use, in order. */
static const char * const cluttered_clean[] = {
  "The city council of Northport approved a new tram line to the harbour district on Tuesday evening.",
  "Construction is expected to start next spring and to cost about 240 million euros.",
  "Mayor Elena Rask called the decision a turning point for the eastern neighbourhoods.",
  "Shop owners along Quay Street fear months of noise, dust and closed parking spaces.",
  "A citizens' group has collected four thousand signatures for a quieter construction plan.",
  "The first trams should carry passengers between the station and the ferry terminal in 2029.",
  NULL
};

/* A star: the fourth sentence shares two words with every other one, and
 * the others share none among themselves. */
static const char star_hub[] =
  "Tram lines, bridge repairs, market stalls, ferry crossings, library hours and stadium lights "
  "shaped this year's budget.";

static const char star_article[] =
  "Northport will extend its tram lines towards the eastern hills.\n\n"
  "Engineers began bridge repairs over the frozen river yesterday.\n\n"
  "Farmers rented new market stalls beside the cathedral square.\n\n"
  "Tram lines, bridge repairs, market stalls, ferry crossings, library hours and stadium lights "
  "shaped this year's budget.\n\n"
  "Storms cancelled several ferry crossings during January weekends.\n\n"
  "Students asked for longer library hours before their examinations.\n\n"
  "Neighbours complained about bright stadium lights after midnight concerts.";

/* Running the element */

/* A document with the id @id and the fields given (%NULL: unset). */
static NfDocument *
make_document (const char *id,
               const char *text,
               const char *language,
               const char *title)
{
  NfDocument *document = nf_document_new (id);

  if (text != NULL)
    nf_document_set_text (document, text);
  if (language != NULL)
    nf_document_set_language (document, language);
  if (title != NULL)
    nf_document_set_title (document, title);
  return document;
}

/* The pipeline `appsrc ! summarize PROPERTIES ! appsink`, parsed. */
static NfPipeline *
summarize_pipeline (const char *properties)
{
  g_autofree char *description =
    g_strdup_printf ("appsrc name=in ! summarize %s ! appsink name=out emit-signals=false",
                     properties != NULL ? properties : "");
  g_autoptr(GError) error = NULL;
  NfPipeline *pipeline = nf_parse_launch (description, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pipeline);
  return pipeline;
}

/* Runs @inputs through summarize; returns the documents that came out, in
 * the order they came. */
static GPtrArray *
run_summarize_all (const char  *properties,
                   NfDocument **inputs,
                   guint        n_inputs)
{
  g_autoptr(NfPipeline) pipeline = summarize_pipeline (properties);
  g_autoptr(GError) error = NULL;
  NfElement *src = nf_pipeline_get_by_name (pipeline, "in");
  NfElement *sink;
  GPtrArray *outputs = g_ptr_array_new_with_free_func (g_object_unref);
  NfDocument *document;
  gboolean ran;

  for (guint i = 0; i < n_inputs; i++)
    g_assert_true (nf_app_src_push_document (NF_APP_SRC (src), inputs[i]));
  nf_app_src_end_of_stream (NF_APP_SRC (src));
  ran = nf_pipeline_run (pipeline, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ran);
  sink = nf_pipeline_get_by_name (pipeline, "out");
  while ((document = nf_app_sink_pull_document (NF_APP_SINK (sink))) != NULL)
    g_ptr_array_add (outputs, document);
  g_assert_cmpuint (outputs->len, ==, n_inputs);
  return outputs;
}

/* Runs one document through summarize and returns it. */
static NfDocument *
run_summarize (const char *properties,
               NfDocument *input)
{
  g_autoptr(GPtrArray) outputs = run_summarize_all (properties, &input, 1);

  return g_object_ref (g_ptr_array_index (outputs, 0));
}

/* Checking a summary */

/* Words of @text, counted as the toolkit counts them. */
static guint
count_words (const char *text)
{
  gsize cursor = 0, start, end;
  guint n = 0;

  while (nf_text_next_word (text, &cursor, &start, &end))
    n++;
  return n;
}

/* Checks that the JSON record holds the same summary as the document. */
static void
check_summary_json (NfDocument *document)
{
  GPtrArray *summary = nf_document_get_summary (document);
  g_autofree char *json = nf_document_to_json_string (document, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (json, &error);
  JsonObject *record;
  JsonArray *sentences;

  g_assert_no_error (error);
  record = json_node_get_object (root);
  if (summary == NULL || summary->len == 0)
    {
      g_assert_false (json_object_has_member (record, "summary"));
      return;
    }
  g_assert_true (json_object_has_member (record, "summary"));
  sentences = json_object_get_array_member (record, "summary");
  g_assert_cmpuint (json_array_get_length (sentences), ==, summary->len);
  for (guint i = 0; i < summary->len; i++)
    {
      NfSentence *sentence = g_ptr_array_index (summary, i);
      JsonObject *object = json_array_get_object_element (sentences, i);

      g_assert_cmpstr (json_object_get_string_member (object, "text"), ==, nf_sentence_get_text (sentence));
      g_assert_cmpint (json_object_get_int_member (object, "start"), ==, nf_sentence_get_start (sentence));
      g_assert_cmpint (json_object_get_int_member (object, "end"), ==, nf_sentence_get_end (sentence));
      g_assert_true (json_object_has_member (object, "score"));
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "score"),
                                      nf_sentence_get_score (sentence), 1e-6);
    }
}

/* Checks what every summary must be: exact stretches of the untouched
 * @original text, in order, without overlap, scores in [0, 1]; and the
 * same in the JSON record. Returns the number of sentences. */
static guint
check_summary (NfDocument *document,
               const char *original)
{
  const char *text = nf_document_get_text (document);
  GPtrArray *summary = nf_document_get_summary (document);
  glong length;
  guint previous_end = 0;

  g_assert_cmpstr (text, ==, original);
  check_summary_json (document);
  if (summary == NULL)
    return 0;
  length = g_utf8_strlen (text, -1);
  for (guint i = 0; i < summary->len; i++)
    {
      NfSentence *sentence = g_ptr_array_index (summary, i);
      guint start = nf_sentence_get_start (sentence);
      guint end = nf_sentence_get_end (sentence);
      const char *from, *to;

      g_assert_cmpuint (start, <, end);
      g_assert_cmpuint (end, <=, length);
      g_assert_cmpuint (start, >=, previous_end);
      previous_end = end;
      from = g_utf8_offset_to_pointer (text, start);
      to = g_utf8_offset_to_pointer (text, end);
      g_assert_cmpuint (strlen (nf_sentence_get_text (sentence)), ==, to - from);
      g_assert_true (strncmp (nf_sentence_get_text (sentence), from, to - from) == 0);
      g_assert_cmpfloat (nf_sentence_get_score (sentence), >=, 0.0);
      g_assert_cmpfloat (nf_sentence_get_score (sentence), <=, 1.0);
    }
  return summary->len;
}

/* The summary's sentences joined with "|", to compare picks in one go. */
static char *
summary_string (NfDocument *document)
{
  GPtrArray *summary = nf_document_get_summary (document);
  GString *joined = g_string_new (NULL);

  for (guint i = 0; summary != NULL && i < summary->len; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? "|" : "",
                            nf_sentence_get_text (g_ptr_array_index (summary, i)));
  return g_string_free (joined, FALSE);
}

static gboolean
in_list (const char         *text,
         const char * const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (text, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Summarizes @text (in @language) with @properties, checks the summary's
 * invariants and returns the document. */
static NfDocument *
summarize_text (const char *text,
                const char *language,
                const char *properties)
{
  g_autoptr(NfDocument) input = make_document ("text", text, language, NULL);
  NfDocument *output = run_summarize (properties, input);

  check_summary (output, text);
  return output;
}

/* How many sentences the summary has (none without a summary). */
static guint
summary_length (NfDocument *document)
{
  GPtrArray *summary = nf_document_get_summary (document);

  return summary != NULL ? summary->len : 0;
}

/* The words of the summary's sentences, counted as the toolkit counts them. */
static guint
summary_words (NfDocument *document)
{
  GPtrArray *summary = nf_document_get_summary (document);
  guint n = 0;

  for (guint i = 0; summary != NULL && i < summary->len; i++)
    n += count_words (nf_sentence_get_text (g_ptr_array_index (summary, i)));
  return n;
}

/* The code points of the summary's sentences. */
static guint
summary_chars (NfDocument *document)
{
  GPtrArray *summary = nf_document_get_summary (document);
  guint n = 0;

  for (guint i = 0; summary != NULL && i < summary->len; i++)
    n += g_utf8_strlen (nf_sentence_get_text (g_ptr_array_index (summary, i)), -1);
  return n;
}

/* Invariants, in every language */

typedef struct
{
  const char *language;
  const char *text;
} Article;

static const Article articles[] = {
  { "en", english_article },
  { "de", german_article },
  { "fr", french_article },
  { "ru", russian_article },
  { "zh", chinese_article },
};

static void
test_summarize_invariants (void)
{
  for (guint a = 0; a < G_N_ELEMENTS (articles); a++)
    for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
      {
        g_autofree char *properties = g_strdup_printf ("method=%s", all_methods[m]);
        g_autoptr(NfDocument) document = summarize_text (articles[a].text, articles[a].language, properties);

        g_test_message ("%s, %s", articles[a].language, all_methods[m]);
        /* three sentences unless another budget is given */
        g_assert_cmpuint (summary_length (document), ==, 3);
        g_assert_cmpstr (nf_document_get_id (document), ==, "text");
        g_assert_cmpstr (nf_document_get_language (document), ==, articles[a].language);
        g_assert_null (nf_document_get_error (document));
      }
}

/* A document's other fields go through unchanged. */
static void
test_summarize_keeps_document (void)
{
  g_autoptr(NfDocument) input = make_document ("world/tram", english_article, "en", "Tram line approved");
  g_autoptr(NfTag) tag = nf_tag_new (NF_TAG_KIND_PLACE, "Northport");
  g_autoptr(NfDocument) output = NULL;

  nf_document_add_tag (input, tag);
  output = run_summarize ("sentences=2", input);
  check_summary (output, english_article);
  g_assert_cmpuint (summary_length (output), ==, 2);
  g_assert_cmpstr (nf_document_get_id (output), ==, "world/tram");
  g_assert_cmpstr (nf_document_get_title (output), ==, "Tram line approved");
  g_assert_cmpuint (nf_document_get_tags (output)->len, ==, 1);
  g_assert_cmpstr (nf_tag_get_text (g_ptr_array_index (nf_document_get_tags (output), 0)), ==, "Northport");
}

/* Summarizing a summarized document again replaces its summary. */
static void
test_summarize_twice (void)
{
  g_autoptr(NfDocument) once = summarize_text (english_article, "en", "sentences=4");
  g_autoptr(NfDocument) twice = run_summarize ("sentences=2", once);

  check_summary (twice, english_article);
  g_assert_cmpuint (summary_length (twice), ==, 2);
}

/* Several documents in one pipeline get the summary each gets alone, in
 * their order. */
static void
test_summarize_many_documents (void)
{
  NfDocument *inputs[G_N_ELEMENTS (articles) * 2];
  g_autoptr(GPtrArray) outputs = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      const Article *article = &articles[i % G_N_ELEMENTS (articles)];
      g_autofree char *id = g_strdup_printf ("doc-%u", i);

      inputs[i] = make_document (id, article->text, article->language, NULL);
    }
  outputs = run_summarize_all ("sentences=2", inputs, G_N_ELEMENTS (inputs));
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      const Article *article = &articles[i % G_N_ELEMENTS (articles)];
      NfDocument *output = g_ptr_array_index (outputs, i);
      g_autofree char *id = g_strdup_printf ("doc-%u", i);
      g_autoptr(NfDocument) alone = summarize_text (article->text, article->language, "sentences=2");
      g_autofree char *expected = summary_string (alone);
      g_autofree char *got = summary_string (output);

      g_assert_cmpstr (nf_document_get_id (output), ==, id);
      check_summary (output, article->text);
      g_assert_cmpstr (got, ==, expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    g_object_unref (inputs[i]);
}

/* Budgets */

/* sentences=N gives N sentences when the text has that many clean ones. */
static void
test_budget_sentences (void)
{
  const guint budgets[] = { 1, 2, 5 };

  for (guint a = 0; a < G_N_ELEMENTS (articles); a++)
    for (guint b = 0; b < G_N_ELEMENTS (budgets); b++)
      {
        g_autofree char *properties = g_strdup_printf ("sentences=%u", budgets[b]);
        g_autoptr(NfDocument) document = summarize_text (articles[a].text, articles[a].language, properties);

        g_test_message ("%s, %s", articles[a].language, properties);
        /* every article has at least six clean sentences */
        g_assert_cmpuint (summary_length (document), ==, budgets[b]);
      }
}

/* More sentences asked for than the text has clean ones: the clean ones,
 * and no boilerplate to fill up. */
static void
test_budget_sentences_more_than_text (void)
{
  const char *text =
    "The harbour ferry will run every hour from Monday, the operator announced.\n\n"
    "Read more: Ferry fares to rise in the spring\n\n"
    "Tickets bought for the cancelled winter sailings will be refunded until March.";
  for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
    {
      g_autofree char *properties = g_strdup_printf ("sentences=5 method=%s", all_methods[m]);
      g_autoptr(NfDocument) document = summarize_text (text, "en", properties);
      g_autofree char *got = summary_string (document);

      g_test_message ("%s", properties);
      g_assert_cmpstr (got, ==, "The harbour ferry will run every hour from Monday, the operator announced.|"
                                "Tickets bought for the cancelled winter sailings will be refunded until March.");
    }
}

/* ratio= bounds the summary's words by a share of the text's. */
static void
test_budget_ratio (void)
{
  for (guint a = 0; a < G_N_ELEMENTS (articles); a++)
    {
      guint text_words = count_words (articles[a].text);
      g_autoptr(NfDocument) third = summarize_text (articles[a].text, articles[a].language, "ratio=0.3");
      g_autoptr(NfDocument) half = summarize_text (articles[a].text, articles[a].language, "ratio=0.5");

      g_test_message ("%s: %u words", articles[a].language, text_words);
      g_assert_cmpuint (summary_length (third), >=, 1);
      if (summary_length (third) > 1)
        g_assert_cmpfloat (summary_words (third), <=, 0.3 * text_words);
      g_assert_cmpfloat (summary_words (half), <=, 0.5 * text_words);
      /* half of a text of sentences of similar length holds at least two */
      g_assert_cmpuint (summary_length (half), >=, 2);
    }
}

/* The words or code points of the text's shortest and longest sentences:
 * a greedy choice under a budget of at least both holds two sentences, and
 * one under less than the two shortest holds one. */
static void
sentence_extremes (const char *text,
                   const char *language,
                   gboolean    in_words,
                   guint      *shortest,
                   guint      *second_shortest,
                   guint      *longest)
{
  g_autoptr(GPtrArray) sentences = nf_text_split_sentences (text, language);

  *shortest = *second_shortest = G_MAXUINT;
  *longest = 0;
  for (guint i = 0; i < sentences->len; i++)
    {
      const char *sentence = nf_sentence_get_text (g_ptr_array_index (sentences, i));
      guint size = in_words ? count_words (sentence) : (guint) g_utf8_strlen (sentence, -1);

      if (size < *shortest)
        {
          *second_shortest = *shortest;
          *shortest = size;
        }
      else if (size < *second_shortest)
        *second_shortest = size;
      *longest = MAX (*longest, size);
    }
}

/* Checks a words= or chars= budget of @budget on every article. */
static void
check_size_budget (gboolean in_words,
                   guint    budget)
{
  for (guint a = 0; a < G_N_ELEMENTS (articles); a++)
    {
      g_autofree char *properties = g_strdup_printf ("%s=%u", in_words ? "words" : "chars", budget);
      g_autoptr(NfDocument) document = summarize_text (articles[a].text, articles[a].language, properties);
      guint used = in_words ? summary_words (document) : summary_chars (document);
      guint shortest, second_shortest, longest;

      sentence_extremes (articles[a].text, articles[a].language, in_words, &shortest, &second_shortest, &longest);
      g_test_message ("%s, %s: sentences of %u to %u, summary of %u in %u sentences",
                      articles[a].language, properties, shortest, longest, used, summary_length (document));
      g_assert_cmpuint (summary_length (document), >=, 1);
      if (summary_length (document) > 1)
        g_assert_cmpuint (used, <=, budget);
      if (longest + shortest <= budget)
        g_assert_cmpuint (summary_length (document), >=, 2);
      if (shortest + second_shortest > budget)
        g_assert_cmpuint (summary_length (document), ==, 1);
    }
}

/* words= bounds the summary's words. */
static void
test_budget_words (void)
{
  check_size_budget (TRUE, 40);
}

/* chars= bounds the summary's code points. */
static void
test_budget_chars (void)
{
  check_size_budget (FALSE, 200);
}

/* A budget smaller than any sentence still gives one sentence. */
static void
test_budget_below_any_sentence (void)
{
  const char * const budgets[] = { "words=3", "chars=10", "ratio=0.01", "words=0", "chars=0", "ratio=0" };

  for (guint a = 0; a < G_N_ELEMENTS (articles); a++)
    for (guint b = 0; b < G_N_ELEMENTS (budgets); b++)
      for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
        {
          g_autofree char *properties = g_strdup_printf ("%s method=%s", budgets[b], all_methods[m]);
          g_autoptr(NfDocument) document = summarize_text (articles[a].text, articles[a].language, properties);

          g_test_message ("%s, %s", articles[a].language, properties);
          g_assert_cmpuint (summary_length (document), ==, 1);
        }
}

/* Two budgets at once is a settings error when the pipeline starts, naming both. */
static void
test_budget_two_at_once (void)
{
  const char * const cases[][3] = {
    { "sentences=2 words=30", "sentences", "words" },
    { "ratio=0.2 chars=100", "ratio", "chars" },
    { "words=30 ratio=0.5", "words", "ratio" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(NfPipeline) pipeline = summarize_pipeline (cases[c][0]);
      g_autoptr(NfDocument) input = make_document ("text", english_article, "en", NULL);
      NfElement *src = nf_pipeline_get_by_name (pipeline, "in");
      NfElement *sink = nf_pipeline_get_by_name (pipeline, "out");
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[c][0]);
      g_assert_true (nf_app_src_push_document (NF_APP_SRC (src), input));
      nf_app_src_end_of_stream (NF_APP_SRC (src));
      g_assert_false (nf_pipeline_run (pipeline, NULL, &error));
      g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS);
      g_assert_nonnull (strstr (error->message, cases[c][1]));
      g_assert_nonnull (strstr (error->message, cases[c][2]));
      g_assert_null (nf_app_sink_pull_document (NF_APP_SINK (sink)));
    }
}

/* Methods */

/* Every method gives the number of sentences asked for. */
static void
test_method_counts (void)
{
  for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
    for (guint n = 1; n <= 6; n++)
      {
        g_autofree char *properties = g_strdup_printf ("method=%s sentences=%u", all_methods[m], n);
        g_autoptr(NfDocument) document = summarize_text (english_article, "en", properties);

        g_test_message ("%s", properties);
        g_assert_cmpuint (summary_length (document), ==, n);
      }
}

/* Lead takes the first sentences, exactly, in every language. */
static void
test_method_lead (void)
{
  for (guint a = 0; a < G_N_ELEMENTS (articles); a++)
    {
      g_autoptr(NfDocument) document = summarize_text (articles[a].text, articles[a].language,
                                                       "method=lead sentences=2");
      g_autoptr(GPtrArray) sentences = nf_text_split_sentences (articles[a].text, articles[a].language);
      GPtrArray *summary = nf_document_get_summary (document);

      g_test_message ("%s", articles[a].language);
      g_assert_cmpuint (summary_length (document), ==, 2);
      for (guint i = 0; i < 2; i++)
        {
          NfSentence *expected = g_ptr_array_index (sentences, i);
          NfSentence *got = g_ptr_array_index (summary, i);

          g_assert_cmpstr (nf_sentence_get_text (got), ==, nf_sentence_get_text (expected));
          g_assert_cmpuint (nf_sentence_get_start (got), ==, nf_sentence_get_start (expected));
          g_assert_cmpuint (nf_sentence_get_end (got), ==, nf_sentence_get_end (expected));
        }
      /* the first sentence is the lead's best */
      g_assert_cmpfloat (nf_sentence_get_score (g_ptr_array_index (summary, 0)), ==, 1.0);
      g_assert_cmpfloat (nf_sentence_get_score (g_ptr_array_index (summary, 1)), <,
                         nf_sentence_get_score (g_ptr_array_index (summary, 0)));
    }
}

/* The first sentences that can stand alone, passing over the clutter. */
static void
test_method_lead_clutter (void)
{
  g_autoptr(NfDocument) input = make_document ("text", cluttered_article, "en", cluttered_headline);
  g_autoptr(NfDocument) document = run_summarize ("method=lead sentences=3", input);
  g_autofree char *got = summary_string (document);
  g_autofree char *expected = g_strjoin ("|", cluttered_clean[0], cluttered_clean[1], cluttered_clean[2], NULL);

  check_summary (document, cluttered_article);
  g_assert_cmpstr (got, ==, expected);
}

/* The graph methods pick the sentence every other one is linked to. */
static void
test_method_graph_hub (void)
{
  const char * const methods[] = { "textrank", "lexrank" };

  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      g_autofree char *properties = g_strdup_printf ("method=%s sentences=1", methods[m]);
      g_autoptr(NfDocument) document = summarize_text (star_article, "en", properties);
      NfSentence *picked;

      g_test_message ("%s", methods[m]);
      g_assert_cmpuint (summary_length (document), ==, 1);
      picked = g_ptr_array_index (nf_document_get_summary (document), 0);
      g_assert_cmpstr (nf_sentence_get_text (picked), ==, star_hub);
      g_assert_cmpfloat (nf_sentence_get_score (picked), ==, 1.0);
    }
}

/* A text saying one thing twice: the repeat is passed over, unless asked. */
static void
test_method_redundancy (void)
{
  const char *text =
    "The harbour ferry will run every hour from Monday, the operator announced.\n\n"
    "The harbour ferry will run every hour from Monday, the operator announced.\n\n"
    "Tickets bought for the cancelled winter sailings will be refunded until March.\n\n"
    "Islanders welcomed the news after three weeks without a regular connection.";
  g_autoptr(NfDocument) avoided = summarize_text (text, "en", "method=lead sentences=2");
  g_autoptr(NfDocument) kept = summarize_text (text, "en", "method=lead sentences=2 avoid-redundancy=false");
  g_autofree char *avoided_string = summary_string (avoided);
  g_autofree char *kept_string = summary_string (kept);

  g_assert_cmpstr (avoided_string, ==,
                   "The harbour ferry will run every hour from Monday, the operator announced.|"
                   "Tickets bought for the cancelled winter sailings will be refunded until March.");
  g_assert_cmpstr (kept_string, ==,
                   "The harbour ferry will run every hour from Monday, the operator announced.|"
                   "The harbour ferry will run every hour from Monday, the operator announced.");
  for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
    {
      g_autofree char *properties = g_strdup_printf ("method=%s sentences=3", all_methods[m]);
      g_autoptr(NfDocument) document = summarize_text (text, "en", properties);
      GPtrArray *summary = nf_document_get_summary (document);

      g_test_message ("%s", properties);
      g_assert_cmpuint (summary->len, ==, 3);
      for (guint i = 1; i < summary->len; i++)
        g_assert_cmpstr (nf_sentence_get_text (g_ptr_array_index (summary, i)), !=,
                         nf_sentence_get_text (g_ptr_array_index (summary, i - 1)));
    }
}

/* Quality */

/* No method picks the headline, dateline, leaning opening, widget, caption
 * or "Read more" while clean sentences are left. */
static void
test_quality_clutter (void)
{
  const guint budgets[] = { 1, 3, 6 };

  for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
    for (guint b = 0; b < G_N_ELEMENTS (budgets); b++)
      {
        g_autofree char *properties = g_strdup_printf ("method=%s sentences=%u", all_methods[m], budgets[b]);
        g_autoptr(NfDocument) input = make_document ("text", cluttered_article, "en", cluttered_headline);
        g_autoptr(NfDocument) document = run_summarize (properties, input);
        GPtrArray *summary = nf_document_get_summary (document);

        g_test_message ("%s", properties);
        check_summary (document, cluttered_article);
        g_assert_cmpuint (summary_length (document), ==, budgets[b]);
        for (guint i = 0; i < summary->len; i++)
          {
            const char *picked = nf_sentence_get_text (g_ptr_array_index (summary, i));

            if (!in_list (picked, cluttered_clean))
              g_test_fail_printf ("%s picked \"%s\"", properties, picked);
          }
      }
}

/* The same without a title, and with the other budgets. */
static void
test_quality_clutter_budgets (void)
{
  const char * const budgets[] = { "words=45", "chars=250", "ratio=0.3" };

  for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
    for (guint b = 0; b < G_N_ELEMENTS (budgets); b++)
      {
        g_autofree char *properties = g_strdup_printf ("method=%s %s", all_methods[m], budgets[b]);
        g_autoptr(NfDocument) document = summarize_text (cluttered_article, "en", properties);
        GPtrArray *summary = nf_document_get_summary (document);

        g_test_message ("%s", properties);
        g_assert_cmpuint (summary_length (document), >=, 1);
        for (guint i = 0; i < summary->len; i++)
          {
            const char *picked = nf_sentence_get_text (g_ptr_array_index (summary, i));

            if (!in_list (picked, cluttered_clean))
              g_test_fail_printf ("%s picked \"%s\"", properties, picked);
          }
      }
}

/* The same clutter in other languages: a headline, an opening that leans
 * on what came before, and a "read more" line with a full stop. */
typedef struct
{
  const char *language;
  const char *headline;
  const char *dangling;
  const char *widget;
  const char *article;
} Clutter;

static const Clutter clutters[] = {
  { "en", "Tram line to the harbour approved",
    "He told reporters that the vote had been the hardest of his long career.",
    "Read more: How the harbour district became the fastest growing part of Northport.",
    english_article },
  { "de", "Stadtrat beschließt Straßenbahn zum Hafen",
    "Er hatte die Pläne schon vor drei Jahren im Wahlkampf angekündigt.",
    "Lesen Sie auch: Warum der Hafen von Nordheim schneller wächst als der Rest der Stadt.",
    german_article },
  { "fr", "Le conseil approuve le tramway du port",
    "Il avait promis ce projet pendant la campagne électorale il y a trois ans.",
    "Lire aussi : Pourquoi le quartier du port grandit plus vite que le reste de Nordport.",
    french_article },
  { "ru", "Совет одобрил трамвай к порту",
    "Он обещал этот проект ещё во время избирательной кампании три года назад.",
    "Читайте также: Почему портовый район растёт быстрее остального города.",
    russian_article },
};

/* No method picks them while the article's own sentences are left. */
static void
test_quality_languages (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (clutters); c++)
    {
      const Clutter *clutter = &clutters[c];
      g_autofree char *text = g_strjoin ("\n\n", clutter->headline, clutter->dangling, clutter->widget,
                                         clutter->article, NULL);
      g_autoptr(GPtrArray) clean = nf_text_split_sentences (clutter->article, clutter->language);

      for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
        {
          g_autofree char *properties = g_strdup_printf ("method=%s sentences=3", all_methods[m]);
          g_autoptr(NfDocument) input = make_document ("text", text, clutter->language, clutter->headline);
          g_autoptr(NfDocument) document = run_summarize (properties, input);
          GPtrArray *summary = nf_document_get_summary (document);

          g_test_message ("%s, %s", clutter->language, properties);
          check_summary (document, text);
          g_assert_cmpuint (summary_length (document), ==, 3);
          for (guint i = 0; i < summary->len; i++)
            {
              const char *picked = nf_sentence_get_text (g_ptr_array_index (summary, i));
              gboolean found = FALSE;

              for (guint k = 0; k < clean->len && !found; k++)
                found = strcmp (picked, nf_sentence_get_text (g_ptr_array_index (clean, k))) == 0;
              if (!found)
                g_test_fail_printf ("%s, %s picked \"%s\"", clutter->language, properties, picked);
              /* lead: the article's first three sentences */
              if (strcmp (all_methods[m], "lead") == 0)
                g_assert_cmpstr (picked, ==, nf_sentence_get_text (g_ptr_array_index (clean, i)));
            }
        }
    }
}

/* A caption is a sentence too, with its full stop: the photo credit after
 * it on the same line is what tells it from the story. */
static void
test_quality_caption_with_credit (void)
{
  const char *text =
    "The city council of Northport approved a new tram line to the harbour district on Tuesday evening.\n\n"
    "Workers lay the first test rails near the old fish market on Tuesday morning. JANE DOE / NORDPRESS\n\n"
    "Construction is expected to start next spring and to cost about 240 million euros.\n\n"
    "Mayor Elena Rask called the decision a turning point for the eastern neighbourhoods.\n\n"
    "Shop owners along Quay Street fear months of noise, dust and closed parking spaces.";
  const char * const clean[] = {
    "The city council of Northport approved a new tram line to the harbour district on Tuesday evening.",
    "Construction is expected to start next spring and to cost about 240 million euros.",
    "Mayor Elena Rask called the decision a turning point for the eastern neighbourhoods.",
    "Shop owners along Quay Street fear months of noise, dust and closed parking spaces.",
    NULL
  };

  for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
    {
      g_autofree char *properties = g_strdup_printf ("method=%s sentences=3", all_methods[m]);
      g_autoptr(NfDocument) document = summarize_text (text, "en", properties);
      GPtrArray *summary = nf_document_get_summary (document);

      g_test_message ("%s", properties);
      g_assert_cmpuint (summary_length (document), ==, 3);
      for (guint i = 0; i < summary->len; i++)
        {
          const char *picked = nf_sentence_get_text (g_ptr_array_index (summary, i));

          if (!in_list (picked, clean))
            g_test_fail_printf ("%s picked \"%s\"", properties, picked);
        }
    }
}

/* A text of nothing but a widget still gets a summary of one sentence. */
static void
test_quality_only_widget (void)
{
  const char * const texts[] = {
    "No time to read? Get a summary",
    "Read more: Tram fares to rise in spring",
  };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
      {
        g_autofree char *properties = g_strdup_printf ("method=%s", all_methods[m]);
        g_autoptr(NfDocument) document = summarize_text (texts[t], "en", properties);

        g_test_message ("\"%s\", %s", texts[t], properties);
        g_assert_cmpuint (summary_length (document), ==, 1);
      }
}

/* Odd texts */

/* A text of one sentence is its own summary, whatever the budget. */
static void
test_text_one_sentence (void)
{
  const char *text = "The harbour ferry will run every hour from Monday, the operator announced.";
  const char * const budgets[] = { "", "sentences=5", "words=2", "chars=5", "ratio=0.1" };

  for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
    for (guint b = 0; b < G_N_ELEMENTS (budgets); b++)
      {
        g_autofree char *properties = g_strdup_printf ("method=%s %s", all_methods[m], budgets[b]);
        g_autoptr(NfDocument) document = summarize_text (text, "en", properties);
        NfSentence *sentence;

        g_test_message ("%s", properties);
        g_assert_cmpuint (summary_length (document), ==, 1);
        sentence = g_ptr_array_index (nf_document_get_summary (document), 0);
        g_assert_cmpstr (nf_sentence_get_text (sentence), ==, text);
        g_assert_cmpuint (nf_sentence_get_start (sentence), ==, 0);
        g_assert_cmpuint (nf_sentence_get_end (sentence), ==, g_utf8_strlen (text, -1));
      }
}

/* Words on and on, with no full stop and no line break: the whole text is
 * the one sentence there is. */
static void
test_text_no_sentence_end (void)
{
  const char *text =
    "  the harbour tram line will open in the spring of 2029 according to the city council "
    "and its planners who expect twelve thousand passengers a day on the new route  ";
  const char *stripped =
    "the harbour tram line will open in the spring of 2029 according to the city council "
    "and its planners who expect twelve thousand passengers a day on the new route";

  for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
    {
      g_autofree char *properties = g_strdup_printf ("method=%s sentences=3", all_methods[m]);
      g_autoptr(NfDocument) document = summarize_text (text, "en", properties);
      NfSentence *sentence;

      g_test_message ("%s", properties);
      g_assert_cmpuint (summary_length (document), ==, 1);
      sentence = g_ptr_array_index (nf_document_get_summary (document), 0);
      g_assert_cmpstr (nf_sentence_get_text (sentence), ==, stripped);
      g_assert_cmpuint (nf_sentence_get_start (sentence), ==, 2);
      g_assert_cmpuint (nf_sentence_get_end (sentence), ==, 2 + g_utf8_strlen (stripped, -1));
    }
}

/* A text of 5 000 sentences, each of different words. */
static char *
long_text (guint n_sentences)
{
  static const char * const who[] = {
    "The mayor", "A ferry captain", "The harbour master", "A shop owner", "The council",
    "A young engineer", "The union", "An old fisherman", "The regional bank", "A teacher", "The museum",
  };
  static const char * const did[] = {
    "opened", "inspected", "criticised", "praised", "repaired", "closed", "visited",
    "painted", "measured", "photographed", "sold", "rebuilt", "insured",
  };
  static const char * const what[] = {
    "the northern pier", "a wooden bridge", "the night market", "the tram depot", "a lighthouse",
    "the ferry ramp", "a grain silo", "the fish hall", "the customs house", "a boat yard",
    "the library roof", "a bus shelter", "the swimming pool", "the old cinema", "a cargo crane",
    "the railway station", "a football pitch",
  };
  static const char * const when[] = {
    "on Monday", "before dawn", "last winter", "after the storm", "during the festival",
    "in early spring", "on Sunday afternoon", "at midnight", "in the rain",
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_sentences; i++)
    g_string_append_printf (text, "%s%s %s %s %s near block %u.", i == 0 ? "" : i % 7 == 0 ? "\n\n" : " ",
                            who[i % G_N_ELEMENTS (who)], did[i % G_N_ELEMENTS (did)],
                            what[i % G_N_ELEMENTS (what)], when[i % G_N_ELEMENTS (when)], i);
  return g_string_free (text, FALSE);
}

/* A long text runs, with every method, and its offsets hold to the end. */
static void
test_text_5000_sentences (void)
{
  g_autofree char *text = long_text (5000);
  g_autoptr(GPtrArray) sentences = nf_text_split_sentences (text, "en");

  g_assert_cmpuint (sentences->len, ==, 5000);
  for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
    {
      g_autofree char *properties = g_strdup_printf ("method=%s sentences=5", all_methods[m]);
      g_autoptr(NfDocument) document = summarize_text (text, "en", properties);

      g_test_message ("%s", properties);
      g_assert_cmpuint (summary_length (document), ==, 5);
    }
  {
    g_autoptr(NfDocument) document = summarize_text (text, "en", "method=lead sentences=5");
    g_autoptr(NfDocument) ratio = summarize_text (text, "en", "ratio=0.1");
    GPtrArray *summary = nf_document_get_summary (document);

    for (guint i = 0; i < 5; i++)
      g_assert_cmpstr (nf_sentence_get_text (g_ptr_array_index (summary, i)), ==,
                       nf_sentence_get_text (g_ptr_array_index (sentences, i)));
    /* a tenth of the words of 5 000 sentences of 10 to 13 words holds more
     * than 350 of them */
    g_test_message ("ratio=0.1: %u sentences, %u of %u words", summary_length (ratio),
                    summary_words (ratio), count_words (text));
    g_assert_cmpfloat (summary_words (ratio), <=, 0.1 * count_words (text));
    g_assert_cmpuint (summary_length (ratio), >, 350);
  }
}

/* Chinese has no spaces: sentences end at 。 and every character is a word. */
static void
test_text_no_spaces (void)
{
  for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
    for (guint n = 1; n <= 3; n++)
      {
        g_autofree char *properties = g_strdup_printf ("method=%s sentences=%u", all_methods[m], n);
        g_autoptr(NfDocument) document = summarize_text (chinese_article, "zh", properties);
        GPtrArray *summary = nf_document_get_summary (document);

        g_test_message ("%s", properties);
        g_assert_cmpuint (summary->len, ==, n);
        for (guint i = 0; i < summary->len; i++)
          g_assert_true (g_str_has_suffix (nf_sentence_get_text (g_ptr_array_index (summary, i)), "。"));
      }
  {
    g_autoptr(NfDocument) lead = summarize_text (chinese_article, "zh", "method=lead sentences=1");
    g_autoptr(NfDocument) chars = summarize_text (chinese_article, "zh", "chars=60");
    NfSentence *first = g_ptr_array_index (nf_document_get_summary (lead), 0);

    g_assert_cmpstr (nf_sentence_get_text (first), ==, "北港市议会周二晚间批准了一条通往港口的新有轨电车线路。");
    g_assert_cmpuint (nf_sentence_get_start (first), ==, 0);
    g_assert_cmpuint (nf_sentence_get_end (first), ==, g_utf8_strlen (nf_sentence_get_text (first), -1));
    g_assert_cmpuint (summary_chars (chars), <=, 60);
    g_assert_cmpuint (summary_length (chars), ==, 2);
  }
}

/* Nothing to summarize: the document goes on without a summary. */
static void
test_text_empty (void)
{
  g_autoptr(NfDocument) empty = make_document ("empty", "", "en", NULL);
  g_autoptr(NfDocument) blank = make_document ("blank", " \n\n \t\n", "en", NULL);
  g_autoptr(NfDocument) none = make_document ("none", NULL, NULL, "A title alone");
  NfDocument *inputs[] = { empty, blank, none };
  g_autoptr(GPtrArray) outputs = run_summarize_all ("method=news", inputs, G_N_ELEMENTS (inputs));
  NfDocument *out_none = g_ptr_array_index (outputs, 2);

  for (guint i = 0; i < outputs->len; i++)
    {
      NfDocument *document = g_ptr_array_index (outputs, i);

      g_assert_cmpstr (nf_document_get_id (document), ==, nf_document_get_id (inputs[i]));
      g_assert_null (nf_document_get_error (document));
      g_assert_cmpuint (summary_length (document), ==, 0);
      check_summary_json (document);
    }
  g_assert_cmpstr (nf_document_get_text (g_ptr_array_index (outputs, 0)), ==, "");
  g_assert_cmpstr (nf_document_get_text (g_ptr_array_index (outputs, 1)), ==, " \n\n \t\n");
  g_assert_null (nf_document_get_text (out_none));
  g_assert_cmpstr (nf_document_get_title (out_none), ==, "A title alone");
}

/* Without a language, the language is detected: the same summary as with it. */
static void
test_text_language_detected (void)
{
  for (guint a = 0; a < G_N_ELEMENTS (articles); a++)
    {
      g_autoptr(NfDocument) known = summarize_text (articles[a].text, articles[a].language, "sentences=2");
      g_autoptr(NfDocument) unknown = summarize_text (articles[a].text, NULL, "sentences=2");
      g_autofree char *expected = summary_string (known);
      g_autofree char *got = summary_string (unknown);

      g_test_message ("%s", articles[a].language);
      g_assert_cmpstr (got, ==, expected);
    }
}

/* A language the toolkit knows nothing about still gets a summary. */
static void
test_text_unknown_language (void)
{
  const char * const languages[] = { NULL, "eo", "xx" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
      {
        g_autofree char *properties = g_strdup_printf ("method=%s sentences=3", all_methods[m]);
        g_autoptr(NfDocument) document = summarize_text (esperanto_article, languages[l], properties);

        g_test_message ("%s, %s", languages[l] != NULL ? languages[l] : "(none)", properties);
        g_assert_cmpuint (summary_length (document), ==, 3);
        if (languages[l] != NULL)
          g_assert_cmpstr (nf_document_get_language (document), ==, languages[l]);
      }
  {
    g_autoptr(NfDocument) lead = summarize_text (esperanto_article, NULL, "method=lead sentences=1");

    g_assert_cmpstr (nf_sentence_get_text (g_ptr_array_index (nf_document_get_summary (lead), 0)), ==,
                     "La urba konsilio de Nordhaveno aprobis novan tramlinion al la haveno marde vespere.");
  }
}

/* Runs the tests; the plugins come from NF_PLUGIN_PATH (the build tree). */
int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();

  g_test_add_func ("/summarize/invariants", test_summarize_invariants);
  g_test_add_func ("/summarize/keeps-document", test_summarize_keeps_document);
  g_test_add_func ("/summarize/twice", test_summarize_twice);
  g_test_add_func ("/summarize/many-documents", test_summarize_many_documents);
  g_test_add_func ("/summarize/budget/sentences", test_budget_sentences);
  g_test_add_func ("/summarize/budget/sentences-more-than-text", test_budget_sentences_more_than_text);
  g_test_add_func ("/summarize/budget/ratio", test_budget_ratio);
  g_test_add_func ("/summarize/budget/words", test_budget_words);
  g_test_add_func ("/summarize/budget/chars", test_budget_chars);
  g_test_add_func ("/summarize/budget/below-any-sentence", test_budget_below_any_sentence);
  g_test_add_func ("/summarize/budget/two-at-once", test_budget_two_at_once);
  g_test_add_func ("/summarize/method/counts", test_method_counts);
  g_test_add_func ("/summarize/method/lead", test_method_lead);
  g_test_add_func ("/summarize/method/lead-clutter", test_method_lead_clutter);
  g_test_add_func ("/summarize/method/graph-hub", test_method_graph_hub);
  g_test_add_func ("/summarize/method/redundancy", test_method_redundancy);
  g_test_add_func ("/summarize/quality/clutter", test_quality_clutter);
  g_test_add_func ("/summarize/quality/clutter-budgets", test_quality_clutter_budgets);
  g_test_add_func ("/summarize/quality/languages", test_quality_languages);
  g_test_add_func ("/summarize/quality/caption-with-credit", test_quality_caption_with_credit);
  g_test_add_func ("/summarize/quality/only-widget", test_quality_only_widget);
  g_test_add_func ("/summarize/text/one-sentence", test_text_one_sentence);
  g_test_add_func ("/summarize/text/no-sentence-end", test_text_no_sentence_end);
  g_test_add_func ("/summarize/text/5000-sentences", test_text_5000_sentences);
  g_test_add_func ("/summarize/text/no-spaces", test_text_no_spaces);
  g_test_add_func ("/summarize/text/empty", test_text_empty);
  g_test_add_func ("/summarize/text/language-detected", test_text_language_detected);
  g_test_add_func ("/summarize/text/unknown-language", test_text_unknown_language);

  return g_test_run ();
}
