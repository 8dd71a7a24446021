/* test-tagger.c: the tag element — entities merged, sources, kinds, odd texts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Entity tests use the default model committed with the plugin
 * (NF_TEST_NER_MODEL); they are skipped when a build leaves it out.
 */
#include <newsfilter.h>

#include <string.h>

/* Runs one document through `appsrc ! tag PROPERTIES ! appsink`. */
static NfDocument *
run_tag (NfDocument *input,
         const char *properties)
{
  g_autofree char *description =
    g_strdup_printf ("appsrc name=in ! tag %s ! appsink name=out emit-signals=false", properties);
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPipeline) pipeline = nf_parse_launch (description, &error);
  NfElement *src, *sink;
  NfDocument *document;

  g_assert_no_error (error);
  src = nf_pipeline_get_by_name (pipeline, "in");
  g_assert_true (nf_app_src_push_document (NF_APP_SRC (src), input));
  nf_app_src_end_of_stream (NF_APP_SRC (src));
  nf_pipeline_run (pipeline, NULL, &error);
  g_assert_no_error (error);
  sink = nf_pipeline_get_by_name (pipeline, "out");
  document = nf_app_sink_pull_document (NF_APP_SINK (sink));
  g_assert_nonnull (document);
  return document;
}

static NfDocument *
tag_text (const char *text,
          const char *language,
          const char *properties)
{
  g_autoptr(NfDocument) input = nf_document_new ("story");

  nf_document_set_text (input, text);
  if (language != NULL)
    nf_document_set_language (input, language);
  return run_tag (input, properties);
}

static gboolean
have_ner_model (void)
{
  if (!NF_TEST_DEFAULT_MODELS || !g_file_test (NF_TEST_NER_MODEL, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the default entity model is not built");
      return FALSE;
    }
  return TRUE;
}

/* The tag of @kind whose text is @text, or %NULL. */
static NfTag *
find_tag (NfDocument *document,
          const char *kind,
          const char *text)
{
  GPtrArray *tags = nf_document_get_tags (document);

  for (guint i = 0; i < tags->len; i++)
    {
      NfTag *tag = g_ptr_array_index (tags, i);
      if (strcmp (nf_tag_get_kind (tag), kind) == 0 && strcmp (nf_tag_get_text (tag), text) == 0)
        return tag;
    }
  return NULL;
}

static guint
count_kind (NfDocument *document,
            const char *kind)
{
  g_autoptr(GPtrArray) tags = nf_document_get_tags_by_kind (document, kind);
  return tags->len;
}

/* The code points [start, end) of @text. */
static char *
slice (const char *text,
       guint       start,
       guint       end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);
  const char *to = g_utf8_offset_to_pointer (text, end);
  return g_strndup (from, to - from);
}

/* Every mention of every tag is where its words are. */
static void
assert_mentions_match (NfDocument *document)
{
  GPtrArray *tags = nf_document_get_tags (document);
  const char *text = nf_document_get_text (document);

  for (guint i = 0; i < tags->len; i++)
    {
      NfTag *tag = g_ptr_array_index (tags, i);
      for (guint m = 0; m < nf_tag_get_n_mentions (tag); m++)
        {
          guint start, end;
          g_autofree char *words = NULL;

          g_assert_true (nf_tag_get_mention (tag, m, &start, &end));
          g_assert_cmpuint (start, <, end);
          g_assert_cmpuint (end, <=, g_utf8_strlen (text, -1));
          words = slice (text, start, end);
          g_assert_cmpuint (strlen (words), >, 0);
        }
    }
}

static void
test_sources_credits (void)
{
  const char *text =
    "The trade talks will resume in Geneva next week, according to Reuters. "
    "\"We are ready to sign,\" said Anna Berg, the Swedish foreign minister. "
    "A spokesperson said the text was not final. "
    "In a statement, Lindqvist said the ministry would publish it.";
  g_autoptr(NfDocument) doc = tag_text (text, "en", "kinds=sources");
  NfTag *reuters = find_tag (doc, NF_TAG_KIND_SOURCE, "Reuters");
  NfTag *berg = find_tag (doc, NF_TAG_KIND_SOURCE, "Anna Berg");
  NfTag *lindqvist = find_tag (doc, NF_TAG_KIND_SOURCE, "Lindqvist");
  NfTag *spokesperson = find_tag (doc, NF_TAG_KIND_SOURCE, "spokesperson");
  guint start, end;
  g_autofree char *words = NULL;

  g_assert_nonnull (reuters);
  g_assert_null (nf_tag_get_speaker (reuters));
  g_assert_nonnull (berg);
  g_assert_cmpstr (nf_tag_get_speaker (berg), ==, "Anna Berg");
  g_assert_nonnull (lindqvist);
  g_assert_cmpstr (nf_tag_get_speaker (lindqvist), ==, "Lindqvist");
  g_assert_nonnull (spokesperson);
  g_assert_true (nf_tag_get_mention (berg, 0, &start, &end));
  words = slice (text, start, end);
  g_assert_cmpstr (words, ==, "Anna Berg");
  g_assert_cmpuint (count_kind (doc, NF_TAG_KIND_SOURCE), ==, 4);
  g_assert_cmpuint (count_kind (doc, NF_TAG_KIND_PERSON), ==, 0);
  g_assert_cmpuint (count_kind (doc, NF_TAG_KIND_KEYWORD), ==, 0);
}

/* Speakers are names: no pronoun after an opening quote, no titles in
 * front, and the connectors of an organisation's name kept. */
static void
test_sources_speakers (void)
{
  const char *text =
    "Prices will rise again, Chief Executive Helen Marsh said on Monday. "
    "\u201cWe said it would happen,\u201d she added. "
    "\u201cThey told us nothing,\u201d the union said. "
    "The Bank of England said inflation would fall. "
    "The Minister said nothing more. "
    "Asked about the cuts, Foreign Minister Tomas Varga said no decision had been made.";
  g_autoptr(NfDocument) doc = tag_text (text, "en", "kinds=sources");
  NfTag *marsh = find_tag (doc, NF_TAG_KIND_SOURCE, "Helen Marsh");
  NfTag *bank = find_tag (doc, NF_TAG_KIND_SOURCE, "Bank of England");
  NfTag *minister = find_tag (doc, NF_TAG_KIND_SOURCE, "Minister");
  NfTag *varga = find_tag (doc, NF_TAG_KIND_SOURCE, "Tomas Varga");
  guint start, end;
  g_autofree char *words = NULL;

  g_assert_nonnull (marsh);
  g_assert_cmpstr (nf_tag_get_speaker (marsh), ==, "Helen Marsh");
  g_assert_true (nf_tag_get_mention (marsh, 0, &start, &end));
  words = slice (text, start, end);
  g_assert_cmpstr (words, ==, "Helen Marsh");
  g_assert_nonnull (bank);
  g_assert_nonnull (varga);
  g_assert_cmpstr (nf_tag_get_speaker (varga), ==, "Tomas Varga");
  g_assert_nonnull (minister);
  g_assert_null (nf_tag_get_speaker (minister));
  g_assert_null (find_tag (doc, NF_TAG_KIND_SOURCE, "We"));
  g_assert_null (find_tag (doc, NF_TAG_KIND_SOURCE, "They"));
  g_assert_null (find_tag (doc, NF_TAG_KIND_SOURCE, "England"));
  g_assert_null (find_tag (doc, NF_TAG_KIND_SOURCE, "Chief Executive Helen Marsh"));
  g_assert_cmpuint (count_kind (doc, NF_TAG_KIND_SOURCE), ==, 4);
  assert_mentions_match (doc);
}

/* A source clean made from a bracketed note is kept and not doubled. */
static void
test_sources_merge_with_notes (void)
{
  g_autoptr(NfDocument) input = nf_document_new ("story");
  g_autoptr(NfTag) note = nf_tag_new (NF_TAG_KIND_SOURCE, "Statement attributed to Anna Berg");
  g_autoptr(NfDocument) doc = NULL;
  NfTag *kept;

  nf_tag_set_speaker (note, "Anna Berg");
  nf_document_add_tag (input, note);
  nf_document_set_text (input, "\"We are ready to sign,\" said Anna Berg on Friday in Geneva.");
  doc = run_tag (input, "kinds=sources");

  g_assert_cmpuint (count_kind (doc, NF_TAG_KIND_SOURCE), ==, 1);
  kept = find_tag (doc, NF_TAG_KIND_SOURCE, "Statement attributed to Anna Berg");
  g_assert_nonnull (kept);
  g_assert_cmpuint (nf_tag_get_n_mentions (kept), ==, 1);
}

static void
test_entities_merged (void)
{
  const char *text =
    "Russian Foreign Minister Sergei Lavrov arrived in Washington on Monday for talks with "
    "officials of the United States. Lavrov said Moscow wanted the sanctions lifted. "
    "The U.S. government did not comment, and Lavrov left for Moscow on Tuesday.";
  g_autoptr(NfDocument) doc = NULL;
  NfTag *lavrov;

  if (!have_ner_model ())
    return;
  doc = tag_text (text, "en", "kinds=entities");
  lavrov = find_tag (doc, NF_TAG_KIND_PERSON, "Sergei Lavrov");
  g_assert_nonnull (lavrov);
  /* the title is not part of the name, and "Lavrov" joins the full name */
  g_assert_null (find_tag (doc, NF_TAG_KIND_PERSON, "Foreign Minister Sergei Lavrov"));
  g_assert_null (find_tag (doc, NF_TAG_KIND_PERSON, "Lavrov"));
  g_assert_cmpuint (nf_tag_get_n_mentions (lavrov), ==, 3);
  g_assert_nonnull (find_tag (doc, NF_TAG_KIND_PLACE, "Moscow"));
  g_assert_cmpuint (nf_tag_get_n_mentions (find_tag (doc, NF_TAG_KIND_PLACE, "Moscow")), ==, 2);
  assert_mentions_match (doc);
  g_assert_cmpfloat (nf_tag_get_score (lavrov), >, 0.0);
  g_assert_cmpfloat (nf_tag_get_score (lavrov), <=, 1.0);
}

/* Offsets count code points, also after non-ASCII letters. */
static void
test_entities_offsets_after_non_ascii (void)
{
  const char *text = "Café owners in Zürich welcomed the decision, and Angela Merkel visited Zürich on Friday.";
  g_autoptr(NfDocument) doc = NULL;
  NfTag *merkel;
  guint start, end;
  g_autofree char *words = NULL;

  if (!have_ner_model ())
    return;
  doc = tag_text (text, "en", "kinds=entities");
  merkel = find_tag (doc, NF_TAG_KIND_PERSON, "Angela Merkel");
  g_assert_nonnull (merkel);
  g_assert_true (nf_tag_get_mention (merkel, 0, &start, &end));
  words = slice (text, start, end);
  g_assert_cmpstr (words, ==, "Angela Merkel");
  assert_mentions_match (doc);
}

/* The entity model is English: another language gets no entity tags and
 * a note saying why. */
static void
test_entities_other_language (void)
{
  g_autoptr(NfDocument) doc = NULL;

  if (!have_ner_model ())
    return;
  doc = tag_text ("Bundeskanzlerin Angela Merkel ist am Montag nach Paris gereist, um mit dem "
                  "französischen Präsidenten über den Haushalt zu sprechen.", "de", "kinds=entities");
  g_assert_cmpuint (count_kind (doc, NF_TAG_KIND_PERSON), ==, 0);
  g_assert_cmpstr (nf_document_get_meta_string (doc, "tag.entities"), ==,
                   "no entity model for language \"de\"; the model is English");
}

static void
test_keywords_kind (void)
{
  g_autoptr(NfDocument) doc = tag_text (
    "Twelve countries agreed on common export controls for battery recycling machines. "
    "The export controls cover shredders and furnaces. Export controls had stalled the talks for two years, "
    "and the battery recycling industry welcomed the deal.", "en", "kinds=keywords max-keywords=3");
  g_autoptr(GPtrArray) keywords = nf_document_get_tags_by_kind (doc, NF_TAG_KIND_KEYWORD);

  g_assert_cmpuint (keywords->len, >=, 1);
  g_assert_cmpuint (keywords->len, <=, 3);
  g_assert_cmpuint (count_kind (doc, NF_TAG_KIND_SOURCE), ==, 0);
  for (guint i = 0; i < keywords->len; i++)
    {
      double score = nf_tag_get_score (g_ptr_array_index (keywords, i));
      g_assert_cmpfloat (score, >, 0.0);
      g_assert_cmpfloat (score, <=, 1.0);
    }
  assert_mentions_match (doc);
}

static void
test_empty_and_one_word (void)
{
  g_autoptr(NfDocument) empty = tag_text ("", NULL, "");
  g_autoptr(NfDocument) one = tag_text ("Budget", NULL, "");
  g_autoptr(NfDocument) no_text_input = nf_document_new ("nothing");
  g_autoptr(NfDocument) no_text = run_tag (no_text_input, "");

  g_assert_cmpuint (nf_document_get_tags (empty)->len, ==, 0);
  g_assert_null (nf_document_get_error (one));
  g_assert_cmpuint (count_kind (one, NF_TAG_KIND_PERSON), ==, 0);
  g_assert_cmpuint (count_kind (one, NF_TAG_KIND_SOURCE), ==, 0);
  assert_mentions_match (one);
  g_assert_null (nf_document_get_error (no_text));
  g_assert_cmpuint (nf_document_get_tags (no_text)->len, ==, 0);
}

static void
test_bad_model_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPipeline) pipeline =
    nf_parse_launch ("fakesrc num-documents=1 ! tag ner-model=/nonexistent/ner.nfm ! fakesink", &error);

  g_assert_no_error (error);
  g_assert_false (nf_pipeline_run (pipeline, NULL, &error));
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS);
  g_assert_nonnull (strstr (error->message, "/nonexistent/ner.nfm"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();

  g_test_add_func ("/tag/sources/credits", test_sources_credits);
  g_test_add_func ("/tag/sources/merge-with-notes", test_sources_merge_with_notes);
  g_test_add_func ("/tag/sources/speakers", test_sources_speakers);
  g_test_add_func ("/tag/entities/merged", test_entities_merged);
  g_test_add_func ("/tag/entities/offsets-after-non-ascii", test_entities_offsets_after_non_ascii);
  g_test_add_func ("/tag/entities/other-language", test_entities_other_language);
  g_test_add_func ("/tag/keywords/kind", test_keywords_kind);
  g_test_add_func ("/tag/odd/empty-and-one-word", test_empty_and_one_word);
  g_test_add_func ("/tag/model/bad-path", test_bad_model_path);

  return g_test_run ();
}
