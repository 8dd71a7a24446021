/* test-document.c: documents, tags, sentences, the JSON record, error names
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <newsfilter.h>

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static char *
fixture_path (const char *name)
{
  const char *srcdir = g_getenv ("NF_TEST_SRCDIR");

  if (srcdir == NULL)
    srcdir = ".";

  return g_build_filename (srcdir, "data", "document", name, NULL);
}

static char *
read_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  /* the file ends with a newline; the record does not */
  g_strchomp (contents);
  return contents;
}

static NfDocument *
parse_ok (const char *json)
{
  g_autoptr(GError) error = NULL;
  NfDocument *doc = nf_document_new_from_json_string (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static void
assert_round_trip (const char *json)
{
  g_autoptr(NfDocument) doc = parse_ok (json);
  g_autofree char *written = nf_document_to_json_string (doc, FALSE);

  g_assert_cmpstr (written, ==, json);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* A document with every field of the record set. */
static NfDocument *
make_full_document (void)
{
  static const char * const authors[] = { "Anna Petrova", "John \"JS\" Smith", NULL };
  NfDocument *doc = nf_document_new ("world/2026-11-27-export");
  g_autoptr(NfTag) person = nf_tag_new (NF_TAG_KIND_PERSON, "Sergei Lavrov");
  g_autoptr(NfTag) keyword = nf_tag_new (NF_TAG_KIND_KEYWORD, "export controls");
  g_autoptr(NfTag) source = nf_tag_new (NF_TAG_KIND_SOURCE, "Foreign Ministry briefing");
  g_autoptr(NfSentence) sentence = nf_sentence_new ("Paragraph one 😀.", 0, 16, 0.91);
  g_autoptr(GError) error = g_error_new_literal (NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_TOO_LARGE,
                                                 "input is 12 MB, more than max-size");
  g_autoptr(JsonNode) nested = json_from_string ("{\"a\":[1,true,null,2.5],\"b\":\"x\"}", NULL);

  nf_document_set_uri (doc, "https://example.org/world/export?id=1");
  nf_document_set_canonical_uri (doc, "https://example.org/w/export");
  nf_document_set_title (doc, "Export controls \"tightened\"\tagain");
  nf_document_set_authors (doc, authors);
  nf_document_set_published (doc, "2026-11-27T10:00:00Z");
  nf_document_set_modified (doc, "2026-11-27T12:30:00Z");
  nf_document_set_language (doc, "en");
  nf_document_set_site_name (doc, "Example News");
  nf_document_set_description (doc, "Ministers met.");
  nf_document_set_image (doc, "https://example.org/img.jpg");
  nf_document_set_text (doc, "Paragraph one 😀.\n\nParagraph two \\ with a backslash.");
  nf_document_add_summary (doc, sentence);

  nf_tag_set_normalized (person, "sergei lavrov");
  nf_tag_set_score (person, 0.91);
  nf_tag_add_mention (person, 10, 23);
  nf_tag_add_mention (person, 40, 46);
  nf_document_add_tag (doc, person);
  nf_tag_set_score (keyword, 0.88);
  nf_document_add_tag (doc, keyword);
  nf_tag_set_speaker (source, "Maria Zakharova");
  nf_document_add_tag (doc, source);

  nf_document_set_meta_string (doc, "fetch.etag", "W/\"abc\"");
  nf_document_set_meta_node (doc, "test.nested", nested);

  nf_document_set_error (doc, error);
  nf_document_set_http_status (doc, 413);
  nf_document_set_error_element (doc, "/pipeline0/fetch0");

  return doc;
}

/* ------------------------------------------------------------------ */
/* The document object                                                 */
/* ------------------------------------------------------------------ */

static void
test_new_is_empty (void)
{
  g_autoptr(NfDocument) doc = nf_document_new ("a/1");

  g_assert_cmpstr (nf_document_get_id (doc), ==, "a/1");
  g_assert_null (nf_document_get_uri (doc));
  g_assert_null (nf_document_get_title (doc));
  g_assert_null (nf_document_get_text (doc));
  g_assert_nonnull (nf_document_get_authors (doc));
  g_assert_null (nf_document_get_authors (doc)[0]);
  g_assert_null (nf_document_get_content (doc));
  g_assert_null (nf_document_get_error (doc));
  g_assert_false (nf_document_has_error (doc));
  g_assert_cmpuint (nf_document_get_http_status (doc), ==, 0);

  /* arrays and meta come into being when asked for, empty */
  g_assert_cmpuint (nf_document_get_tags (doc)->len, ==, 0);
  g_assert_cmpuint (nf_document_get_summary (doc)->len, ==, 0);
  g_assert_cmpuint (json_object_get_size (nf_document_get_meta (doc)), ==, 0);
}

typedef struct {
  const char *property;
  void (*set) (NfDocument *, const char *);
  const char * (*get) (NfDocument *);
} StringField;

static void
test_string_setters (void)
{
  static const StringField fields[] = {
    { "id", nf_document_set_id, nf_document_get_id },
    { "uri", nf_document_set_uri, nf_document_get_uri },
    { "canonical-uri", nf_document_set_canonical_uri, nf_document_get_canonical_uri },
    { "title", nf_document_set_title, nf_document_get_title },
    { "published", nf_document_set_published, nf_document_get_published },
    { "modified", nf_document_set_modified, nf_document_get_modified },
    { "language", nf_document_set_language, nf_document_get_language },
    { "site-name", nf_document_set_site_name, nf_document_get_site_name },
    { "description", nf_document_set_description, nf_document_get_description },
    { "image", nf_document_set_image, nf_document_get_image },
    { "text", nf_document_set_text, nf_document_get_text },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(NfDocument) doc = nf_document_new (NULL);
      g_autofree char *value = g_strdup_printf ("value of %s", fields[i].property);
      g_autofree char *detailed = g_strdup_printf ("notify::%s", fields[i].property);
      g_autofree char *from_property = NULL;
      guint notified = 0;

      g_signal_connect (doc, detailed, G_CALLBACK (count_notify), &notified);

      fields[i].set (doc, value);
      g_assert_cmpstr (fields[i].get (doc), ==, value);
      g_object_get (doc, fields[i].property, &from_property, NULL);
      g_assert_cmpstr (from_property, ==, value);
      g_assert_cmpuint (notified, ==, 1);

      /* the same value again: no notification */
      fields[i].set (doc, value);
      g_assert_cmpuint (notified, ==, 1);

      /* through the property */
      g_object_set (doc, fields[i].property, "other", NULL);
      g_assert_cmpstr (fields[i].get (doc), ==, "other");
      g_assert_cmpuint (notified, ==, 2);

      fields[i].set (doc, NULL);
      g_assert_null (fields[i].get (doc));
      g_assert_cmpuint (notified, ==, 3);
    }
}

static void
test_other_properties (void)
{
  static const char * const authors[] = { "A", "B", NULL };
  g_autoptr(NfDocument) doc = nf_document_new (NULL);
  g_autoptr(GBytes) content = g_bytes_new_static ("<p>x</p>", 8);
  g_auto(GStrv) got_authors = NULL;
  g_autoptr(GBytes) got_content = NULL;
  g_autofree char *got_type = NULL;
  g_autofree char *got_element = NULL;
  guint got_status = 0;
  guint notified = 0;

  g_signal_connect (doc, "notify::http-status", G_CALLBACK (count_notify), &notified);

  g_object_set (doc,
                "authors", authors,
                "http-status", 404,
                "error-element", "/pipeline0/fetch0",
                NULL);
  nf_document_set_content (doc, content, "text/html");
  nf_document_set_http_status (doc, 404);
  g_assert_cmpuint (notified, ==, 1);

  g_object_get (doc,
                "authors", &got_authors,
                "content", &got_content,
                "content-type", &got_type,
                "http-status", &got_status,
                "error-element", &got_element,
                NULL);
  g_assert_cmpstrv (got_authors, authors);
  g_assert_true (got_content == content);
  g_assert_cmpstr (got_type, ==, "text/html");
  g_assert_cmpuint (got_status, ==, 404);
  g_assert_cmpstr (got_element, ==, "/pipeline0/fetch0");

  nf_document_add_author (doc, "C");
  g_assert_cmpuint (g_strv_length ((char **) nf_document_get_authors (doc)), ==, 3);
  g_assert_cmpstr (nf_document_get_authors (doc)[2], ==, "C");

  nf_document_set_authors (doc, NULL);
  g_assert_null (nf_document_get_authors (doc)[0]);
}

static void
test_invalid_utf8_repaired (void)
{
  g_autoptr(NfDocument) doc = nf_document_new ("bad\xff" "id");
  g_autoptr(NfTag) tag = nf_tag_new ("person", "Jos\xe9");
  g_autoptr(NfSentence) sentence = nf_sentence_new ("ok\xc3", 0, 3, 1.0);

  g_assert_cmpstr (nf_document_get_id (doc), ==, "bad\ufffd" "id");

  nf_document_set_title (doc, "Caf\xe9 \xe2\x82");
  g_assert_cmpstr (nf_document_get_title (doc), ==, "Caf\ufffd \ufffd");
  g_assert_true (g_utf8_validate (nf_document_get_title (doc), -1, NULL));

  nf_document_take_text (doc, g_strdup ("a\x80" "b"));
  g_assert_cmpstr (nf_document_get_text (doc), ==, "a\ufffd" "b");

  nf_document_add_author (doc, "\xff");
  g_assert_cmpstr (nf_document_get_authors (doc)[0], ==, "\ufffd");

  nf_document_set_meta_string (doc, "k", "v\xfe");
  g_assert_cmpstr (nf_document_get_meta_string (doc, "k"), ==, "v\ufffd");

  g_assert_cmpstr (nf_tag_get_text (tag), ==, "Jos\ufffd");
  g_assert_cmpstr (nf_sentence_get_text (sentence), ==, "ok\ufffd");
}

static void
test_take_text (void)
{
  g_autoptr(NfDocument) doc = nf_document_new (NULL);
  char *text = g_strdup ("taken");

  nf_document_take_text (doc, text);
  /* valid text is taken, not copied */
  g_assert_true (nf_document_get_text (doc) == text);
  nf_document_take_text (doc, NULL);
  g_assert_null (nf_document_get_text (doc));
}

static void
test_copy_is_deep (void)
{
  g_autoptr(NfDocument) doc = make_full_document ();
  g_autoptr(NfDocument) copy = NULL;
  g_autofree char *before = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GBytes) content = g_bytes_new_static ("raw", 3);
  g_autoptr(NfTag) added = nf_tag_new ("misc", "added");
  g_autoptr(NfSentence) sentence = nf_sentence_new ("x", 0, 1, 0.0);

  nf_document_set_content (doc, content, "text/plain");
  before = nf_document_to_json_string (doc, TRUE);

  copy = nf_document_copy (doc);
  copied = nf_document_to_json_string (copy, TRUE);
  g_assert_cmpstr (copied, ==, before);
  g_assert_true (nf_document_get_content (copy) == content);

  /* change everything in the copy */
  nf_document_set_title (copy, "changed");
  nf_document_add_author (copy, "Someone Else");
  nf_tag_set_text (g_ptr_array_index (nf_document_get_tags (copy), 0), "changed");
  nf_tag_add_mention (g_ptr_array_index (nf_document_get_tags (copy), 0), 1, 2);
  nf_document_add_tag (copy, added);
  nf_document_clear_summary (copy);
  nf_document_add_summary (copy, sentence);
  nf_document_set_meta_string (copy, "fetch.etag", "changed");
  json_array_add_int_element (json_object_get_array_member (
      json_node_get_object (nf_document_get_meta_node (copy, "test.nested")), "a"), 99);
  nf_document_set_error (copy, NULL);
  nf_document_set_http_status (copy, 200);

  after = nf_document_to_json_string (doc, TRUE);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (nf_document_has_error (doc));
}

static void
test_tags_by_kind (void)
{
  g_autoptr(NfDocument) doc = nf_document_new (NULL);
  g_autoptr(NfTag) a = nf_tag_new (NF_TAG_KIND_PERSON, "A");
  g_autoptr(NfTag) b = nf_tag_new (NF_TAG_KIND_KEYWORD, "B");
  g_autoptr(NfTag) c = nf_tag_new (NF_TAG_KIND_PERSON, "C");
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) places = NULL;

  nf_document_add_tag (doc, a);
  nf_document_add_tag (doc, b);
  nf_document_add_tag (doc, c);

  people = nf_document_get_tags_by_kind (doc, NF_TAG_KIND_PERSON);
  g_assert_cmpuint (people->len, ==, 2);
  g_assert_true (g_ptr_array_index (people, 0) == a);
  g_assert_true (g_ptr_array_index (people, 1) == c);

  all = nf_document_get_tags_by_kind (doc, NULL);
  g_assert_cmpuint (all->len, ==, 3);

  places = nf_document_get_tags_by_kind (doc, NF_TAG_KIND_PLACE);
  g_assert_cmpuint (places->len, ==, 0);
}

static void
test_meta (void)
{
  g_autoptr(NfDocument) doc = nf_document_new (NULL);
  g_autoptr(JsonNode) number = json_node_init_int (json_node_alloc (), 7);

  g_assert_null (nf_document_get_meta_string (doc, "missing"));
  g_assert_null (nf_document_get_meta_node (doc, "missing"));

  nf_document_set_meta_string (doc, "a.b", "c");
  g_assert_cmpstr (nf_document_get_meta_string (doc, "a.b"), ==, "c");

  nf_document_set_meta_node (doc, "a.n", number);
  /* a copy is stored: changing ours does not change the document's */
  json_node_set_int (number, 8);
  g_assert_cmpint (json_node_get_int (nf_document_get_meta_node (doc, "a.n")), ==, 7);
  /* not a string */
  g_assert_null (nf_document_get_meta_string (doc, "a.n"));

  nf_document_set_meta_string (doc, "a.b", NULL);
  g_assert_null (nf_document_get_meta_node (doc, "a.b"));
  nf_document_set_meta_node (doc, "a.n", NULL);
  g_assert_cmpuint (json_object_get_size (nf_document_get_meta (doc)), ==, 0);
}

static void
test_error (void)
{
  g_autoptr(NfDocument) doc = nf_document_new (NULL);
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "gone");

  nf_document_set_error (doc, error);
  /* the document has its own copy */
  g_clear_error (&error);
  g_assert_true (nf_document_has_error (doc));
  g_assert_error ((GError *) nf_document_get_error (doc), G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (nf_document_get_error (doc)->message, ==, "gone");

  nf_document_set_error (doc, NULL);
  g_assert_false (nf_document_has_error (doc));
}

/* ------------------------------------------------------------------ */
/* Tags and sentences                                                  */
/* ------------------------------------------------------------------ */

static void
test_tag (void)
{
  g_autoptr(NfTag) tag = nf_tag_new (NF_TAG_KIND_PLACE, "Moscow");
  g_autoptr(NfTag) copy = NULL;
  guint start = 0, end = 0;
  guint notified = 0;
  double score = 0;

  g_signal_connect (tag, "notify::score", G_CALLBACK (count_notify), &notified);

  g_assert_false (nf_tag_has_score (tag));
  nf_tag_set_score (tag, 0.0);
  g_assert_true (nf_tag_has_score (tag));
  g_assert_cmpuint (notified, ==, 1);
  nf_tag_set_score (tag, 0.0);
  g_assert_cmpuint (notified, ==, 1);
  g_object_set (tag, "score", 0.5, NULL);
  g_object_get (tag, "score", &score, NULL);
  g_assert_cmpfloat (score, ==, 0.5);
  g_assert_cmpuint (notified, ==, 2);

  g_assert_false (nf_tag_get_mention (tag, 0, &start, &end));
  nf_tag_add_mention (tag, 3, 9);
  g_assert_cmpuint (nf_tag_get_n_mentions (tag), ==, 1);
  g_assert_true (nf_tag_get_mention (tag, 0, &start, &end));
  g_assert_cmpuint (start, ==, 3);
  g_assert_cmpuint (end, ==, 9);

  copy = nf_tag_copy (tag);
  nf_tag_add_mention (copy, 10, 12);
  nf_tag_set_kind (copy, NF_TAG_KIND_ORGANIZATION);
  g_assert_cmpuint (nf_tag_get_n_mentions (tag), ==, 1);
  g_assert_cmpstr (nf_tag_get_kind (tag), ==, NF_TAG_KIND_PLACE);
  g_assert_cmpfloat (nf_tag_get_score (copy), ==, 0.5);
}

static void
test_tag_json (void)
{
  static const char *json =
    "{\"kind\":\"source\",\"text\":\"briefing\",\"normalized\":\"briefing\",\"score\":1.0,"
    "\"speaker\":\"M. Z.\",\"mentions\":[{\"start\":0,\"end\":8}],\"x-extra\":[1,\"two\"]}";
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NfTag) tag = nf_tag_new_from_json (node, &error);
  g_autoptr(JsonNode) written = NULL;
  g_autofree char *text = NULL;
  g_autoptr(NfTag) bare = nf_tag_new (NF_TAG_KIND_KEYWORD, "k");
  g_autoptr(JsonNode) bare_node = nf_tag_to_json (bare);
  g_autofree char *bare_text = json_to_string (bare_node, FALSE);

  g_assert_no_error (error);
  g_assert_cmpstr (nf_tag_get_speaker (tag), ==, "M. Z.");
  written = nf_tag_to_json (tag);
  text = json_to_string (written, FALSE);
  g_assert_cmpstr (text, ==, json);

  /* a tag without a score has no score in its record */
  g_assert_cmpstr (bare_text, ==, "{\"kind\":\"keyword\",\"text\":\"k\"}");
}

static void
test_sentence (void)
{
  g_autoptr(NfSentence) sentence = nf_sentence_new ("One.", 4, 8, 0.25);
  g_autoptr(NfSentence) from_props = g_object_new (NF_TYPE_SENTENCE, "text", "Two.",
                                                   "start", 1, "end", 5, "score", 2.0, NULL);
  g_autoptr(JsonNode) node = nf_sentence_to_json (sentence);
  g_autofree char *json = json_to_string (node, FALSE);
  g_autoptr(JsonNode) string_node = json_from_string ("\"Bare.\"", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NfSentence) bare = nf_sentence_new_from_json (string_node, &error);

  g_assert_cmpstr (nf_sentence_get_text (sentence), ==, "One.");
  g_assert_cmpuint (nf_sentence_get_start (sentence), ==, 4);
  g_assert_cmpuint (nf_sentence_get_end (sentence), ==, 8);
  g_assert_cmpfloat (nf_sentence_get_score (sentence), ==, 0.25);
  g_assert_cmpstr (json, ==, "{\"text\":\"One.\",\"start\":4,\"end\":8,\"score\":0.25}");

  g_assert_cmpstr (nf_sentence_get_text (from_props), ==, "Two.");
  g_assert_cmpuint (nf_sentence_get_end (from_props), ==, 5);

  g_assert_no_error (error);
  g_assert_cmpstr (nf_sentence_get_text (bare), ==, "Bare.");
  g_assert_cmpuint (nf_sentence_get_start (bare), ==, 0);
}

/* ------------------------------------------------------------------ */
/* The JSON record                                                     */
/* ------------------------------------------------------------------ */

static void
test_json_full_record (void)
{
  g_autoptr(NfDocument) doc = make_full_document ();
  g_autofree char *expected = read_fixture ("full-record.json");
  g_autofree char *first = nf_document_to_json_string (doc, FALSE);
  g_autoptr(NfDocument) read_back = NULL;
  g_autofree char *second = NULL;

  g_assert_null (strchr (first, '\n'));
  g_assert_cmpstr (first, ==, expected);

  read_back = parse_ok (first);
  second = nf_document_to_json_string (read_back, FALSE);
  g_assert_cmpstr (second, ==, first);

  /* what was read is what was written */
  g_assert_cmpstr (nf_document_get_title (read_back), ==, "Export controls \"tightened\"\tagain");
  g_assert_cmpstr (nf_document_get_authors (read_back)[1], ==, "John \"JS\" Smith");
  g_assert_cmpuint (nf_document_get_tags (read_back)->len, ==, 3);
  g_assert_cmpuint (nf_document_get_http_status (read_back), ==, 413);
  g_assert_cmpstr (nf_document_get_error_element (read_back), ==, "/pipeline0/fetch0");
  g_assert_error ((GError *) nf_document_get_error (read_back),
                  NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_TOO_LARGE);
}

static void
test_json_field_order (void)
{
  static const char * const order[] = {
    "id", "uri", "canonical_uri", "title", "authors", "published", "modified",
    "language", "site_name", "description", "image", "text", "summary", "tags",
    "meta", "error", "content_type", "content", NULL,
  };
  g_autoptr(NfDocument) doc = make_full_document ();
  g_autoptr(GBytes) content = g_bytes_new_static ("<p>hi</p>", 9);
  g_autoptr(JsonNode) node = NULL;
  GList *members;
  guint i = 0;

  nf_document_set_content (doc, content, "text/html");
  node = nf_document_to_json (doc, TRUE);
  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l != NULL; l = l->next, i++)
    g_assert_cmpstr (l->data, ==, order[i]);
  g_assert_null (order[i]);
  g_list_free (members);
}

static void
test_json_absent_omitted (void)
{
  g_autoptr(NfDocument) doc = nf_document_new ("only-id");
  g_autoptr(NfDocument) nothing = nf_document_new (NULL);
  g_autofree char *json = NULL;
  g_autofree char *empty = NULL;

  /* empty strings, empty arrays and an empty meta are absent values */
  nf_document_set_title (doc, "");
  nf_document_set_text (doc, "");
  nf_document_set_authors (doc, (const char * const[]) { NULL });
  nf_document_get_tags (doc);
  nf_document_get_summary (doc);
  nf_document_get_meta (doc);
  nf_document_set_http_status (doc, 200);   /* written only with an error */

  json = nf_document_to_json_string (doc, TRUE);
  g_assert_cmpstr (json, ==, "{\"id\":\"only-id\"}");

  empty = nf_document_to_json_string (nothing, FALSE);
  g_assert_cmpstr (empty, ==, "{}");
}

static void
test_json_no_id (void)
{
  g_autoptr(NfDocument) doc = parse_ok ("{\"title\":\"Untitled\",\"id\":null}");

  g_assert_null (nf_document_get_id (doc));
  g_assert_cmpstr (nf_document_get_title (doc), ==, "Untitled");
}

static void
test_json_summary_strings (void)
{
  g_autoptr(NfDocument) doc =
    parse_ok ("{\"text\":\"😀 One. Two two.\",\"summary\":[\"Two two.\",\"Not there.\"]}");
  GPtrArray *summary = nf_document_get_summary (doc);
  NfSentence *found, *missing;
  g_autofree char *json = NULL;

  g_assert_cmpuint (summary->len, ==, 2);
  found = g_ptr_array_index (summary, 0);
  missing = g_ptr_array_index (summary, 1);

  /* located in the text, in code points (the emoji counts once) */
  g_assert_cmpstr (nf_sentence_get_text (found), ==, "Two two.");
  g_assert_cmpuint (nf_sentence_get_start (found), ==, 7);
  g_assert_cmpuint (nf_sentence_get_end (found), ==, 15);
  g_assert_cmpfloat (nf_sentence_get_score (found), ==, 0.0);
  g_assert_cmpuint (nf_sentence_get_start (missing), ==, 0);
  g_assert_cmpuint (nf_sentence_get_end (missing), ==, 0);

  json = nf_document_to_json_string (doc, FALSE);
  g_assert_cmpstr (json, ==,
                   "{\"text\":\"😀 One. Two two.\",\"summary\":["
                   "{\"text\":\"Two two.\",\"start\":7,\"end\":15,\"score\":0.0},"
                   "{\"text\":\"Not there.\",\"start\":0,\"end\":0,\"score\":0.0}]}");
}

typedef struct {
  const char *json;
  const char *message;
} BadRecord;

static void
test_json_type_errors (void)
{
  static const BadRecord cases[] = {
    { "{\"title\":[\"a\"]}", "field “title” must be a string, not an array" },
    { "{\"id\":42}", "field “id” must be a string, not a number" },
    { "{\"text\":{}}", "field “text” must be a string, not an object" },
    { "{\"language\":true}", "field “language” must be a string, not a boolean" },
    { "{\"authors\":{\"a\":1}}", "field “authors” must be an array of strings, not an object" },
    { "{\"authors\":[\"a\",1]}", "field “authors[1]” must be a string, not a number" },
    { "{\"summary\":\"x\"}", "field “summary” must be an array, not a string" },
    { "{\"summary\":[3]}", "field “summary[0]” must be an object or a string, not a number" },
    { "{\"summary\":[{\"text\":\"a\",\"start\":-1}]}",
      "field “summary[0].start” must be a non-negative integer, not -1" },
    { "{\"summary\":[{\"text\":\"a\",\"end\":1.5}]}",
      "field “summary[0].end” must be a non-negative integer, not 1.5" },
    { "{\"summary\":[{\"text\":\"a\",\"score\":\"high\"}]}",
      "field “summary[0].score” must be a number, not a string" },
    { "{\"summary\":[{\"score\":1}]}",
      "field “summary[0].text” is missing: a sentence needs a text" },
    { "{\"summary\":[{\"text\":\"a\",\"start\":5,\"end\":2}]}",
      "field “summary[0]” ends (2) before it starts (5)" },
    { "{\"tags\":{}}", "field “tags” must be an array, not an object" },
    { "{\"tags\":[{\"kind\":\"k\",\"text\":\"t\"},\"x\"]}",
      "field “tags[1]” must be an object, not a string" },
    { "{\"tags\":[{\"kind\":\"person\"}]}",
      "field “tags[0].text” is missing: a tag needs a kind and a text" },
    { "{\"tags\":[{\"kind\":[],\"text\":\"t\"}]}",
      "field “tags[0].kind” must be a string, not an array" },
    { "{\"tags\":[{\"kind\":\"k\",\"text\":\"t\",\"score\":\"high\"}]}",
      "field “tags[0].score” must be a number, not a string" },
    { "{\"tags\":[{\"kind\":\"k\",\"text\":\"t\",\"mentions\":{}}]}",
      "field “tags[0].mentions” must be an array, not an object" },
    { "{\"tags\":[{\"kind\":\"k\",\"text\":\"t\",\"mentions\":[[1,2]]}]}",
      "field “tags[0].mentions[0]” must be an object, not an array" },
    { "{\"tags\":[{\"kind\":\"k\",\"text\":\"t\",\"mentions\":[{\"start\":5,\"end\":2}]}]}",
      "field “tags[0].mentions[0]” ends (2) before it starts (5)" },
    { "{\"tags\":[{\"kind\":\"k\",\"text\":\"t\",\"mentions\":[{\"start\":\"0\"}]}]}",
      "field “tags[0].mentions[0].start” must be a non-negative integer, not a string" },
    { "{\"meta\":[]}", "field “meta” must be an object, not an array" },
    { "{\"error\":\"boom\"}", "field “error” must be an object, not a string" },
    { "{\"error\":{\"code\":true}}",
      "field “error.code” must be a string or an integer, not a boolean" },
    { "{\"error\":{\"message\":1}}", "field “error.message” must be a string, not a number" },
    { "{\"error\":{\"http_status\":-404}}",
      "field “error.http_status” must be a non-negative integer, not -404" },
    { "{\"content\":1}", "field “content” must be a string, not a number" },
    { "[1,2]", "a record must be a JSON object, not an array" },
    { "\"just a string\"", "a record must be a JSON object, not a string" },
    { "null", "a record must be a JSON object, not null" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NfDocument) doc = NULL;

      g_test_message ("record %s", cases[i].json);
      doc = nf_document_new_from_json_string (cases[i].json, -1, &error);
      g_assert_null (doc);
      g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_json_syntax_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfDocument) doc = nf_document_new_from_json_string ("{\"id\": ", -1, &error);

  g_assert_null (doc);
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT);
  g_assert_true (g_str_has_prefix (error->message, "invalid JSON: "));
}

static void
test_json_lenient_values (void)
{
  /* nulls are absent values; a single author may be a bare string */
  g_autoptr(NfDocument) doc =
    parse_ok ("{\"id\":\"x\",\"title\":null,\"authors\":\"Jane Doe\",\"tags\":null,\"meta\":null}");
  g_autofree char *json = nf_document_to_json_string (doc, FALSE);

  g_assert_null (nf_document_get_title (doc));
  g_assert_cmpstr (nf_document_get_authors (doc)[0], ==, "Jane Doe");
  g_assert_cmpstr (json, ==, "{\"id\":\"x\",\"authors\":[\"Jane Doe\"]}");
}

static void
test_json_error_object (void)
{
  g_autoptr(NfDocument) doc = nf_document_new ("e");
  g_autoptr(GError) io_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                                    "No such file");
  g_autoptr(GError) custom = g_error_new_literal (g_quark_from_static_string ("my-test-error-quark"),
                                                  7, "custom failure");
  g_autoptr(GError) too_large = g_error_new_literal (NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_TOO_LARGE,
                                                     "12 MB");
  g_autofree char *io_json = NULL;
  g_autofree char *custom_json = NULL;
  g_autofree char *full_json = NULL;

  nf_document_set_error (doc, io_error);
  io_json = nf_document_to_json_string (doc, FALSE);
  g_assert_cmpstr (io_json, ==,
                   "{\"id\":\"e\",\"error\":{\"domain\":\"g-io-error\",\"code\":\"not-found\","
                   "\"message\":\"No such file\"}}");

  /* a domain without a registered enum: the code as a number */
  nf_document_set_error (doc, custom);
  custom_json = nf_document_to_json_string (doc, FALSE);
  g_assert_cmpstr (custom_json, ==,
                   "{\"id\":\"e\",\"error\":{\"domain\":\"my-test-error\",\"code\":7,"
                   "\"message\":\"custom failure\"}}");
  assert_round_trip (custom_json);

  nf_document_set_error (doc, too_large);
  nf_document_set_http_status (doc, 413);
  nf_document_set_error_element (doc, "/pipeline0/filesrc0");
  full_json = nf_document_to_json_string (doc, FALSE);
  g_assert_cmpstr (full_json, ==,
                   "{\"id\":\"e\",\"error\":{\"domain\":\"nf-element-error\",\"code\":\"too-large\","
                   "\"http_status\":413,\"element\":\"/pipeline0/filesrc0\",\"message\":\"12 MB\"}}");
}

static void
test_json_error_unknown_domain (void)
{
  /* a record written by a pipeline that had the fetch plugin loaded */
  static const char *json =
    "{\"id\":\"https://example.org/gone\",\"error\":{\"domain\":\"nf-fetch-error\","
    "\"code\":\"http-status\",\"http_status\":404,\"message\":\"Not Found\"}}";
  g_autoptr(NfDocument) doc = parse_ok (json);
  const GError *error = nf_document_get_error (doc);
  g_autofree char *domain = NULL;

  g_assert_nonnull (error);
  domain = nf_error_domain_to_string (error->domain);
  g_assert_cmpstr (domain, ==, "nf-fetch-error");
  g_assert_cmpstr (error->message, ==, "Not Found");
  g_assert_cmpuint (nf_document_get_http_status (doc), ==, 404);

  /* the code's name survives though its enum is unknown here */
  assert_round_trip (json);
}

static void
test_json_error_codes_read (void)
{
  g_autoptr(NfDocument) by_nick =
    parse_ok ("{\"error\":{\"domain\":\"nf-plugin-error\",\"code\":\"symbol\",\"message\":\"m\"}}");
  g_autoptr(NfDocument) by_number =
    parse_ok ("{\"error\":{\"domain\":\"nf-pipeline-error\",\"code\":3,\"message\":\"m\"}}");
  g_autoptr(NfDocument) no_domain = parse_ok ("{\"error\":{\"message\":\"m\"}}");
  g_autofree char *by_number_json = nf_document_to_json_string (by_number, FALSE);

  g_assert_error ((GError *) nf_document_get_error (by_nick), NF_PLUGIN_ERROR,
                  NF_PLUGIN_ERROR_SYMBOL);
  g_assert_error ((GError *) nf_document_get_error (by_number), NF_PIPELINE_ERROR,
                  NF_PIPELINE_ERROR_LINK);
  /* numbers of known codes are written back as nicks */
  g_assert_cmpstr (by_number_json, ==,
                   "{\"error\":{\"domain\":\"nf-pipeline-error\",\"code\":\"link\",\"message\":\"m\"}}");
  g_assert_error ((GError *) nf_document_get_error (no_domain), NF_ELEMENT_ERROR,
                  NF_ELEMENT_ERROR_FAILED);
}

static void
test_json_unknown_keys_kept (void)
{
  static const char *json =
    "{\"id\":\"x\",\"title\":\"T\",\"tags\":[{\"kind\":\"person\",\"text\":\"A\","
    "\"confidence\":\"high\",\"wikidata\":{\"id\":\"Q1\",\"aliases\":[\"a\",\"b\"]}}],"
    "\"x-custom\":{\"nested\":[1,2.5,true,null,\"s\"]},\"score\":-3}";
  g_autoptr(NfDocument) doc = parse_ok (json);
  g_autoptr(NfDocument) copy = nf_document_copy (doc);
  g_autofree char *copy_json = nf_document_to_json_string (copy, FALSE);

  assert_round_trip (json);
  g_assert_cmpstr (copy_json, ==, json);
}

static void
test_json_content (void)
{
  g_autoptr(NfDocument) doc = nf_document_new ("c");
  g_autoptr(GBytes) content = g_bytes_new_static ("<p>Grüße\n</p>", 15);
  g_autoptr(GBytes) cyrillic = g_bytes_new_static ("<meta charset=windows-1251>\xcf\xf0\xe8", 30);
  g_autofree char *with = NULL;
  g_autofree char *without = NULL;
  g_autofree char *decoded = NULL;
  g_autoptr(NfDocument) read_back = NULL;

  nf_document_set_content (doc, content, "text/html");
  with = nf_document_to_json_string (doc, TRUE);
  without = nf_document_to_json_string (doc, FALSE);
  g_assert_cmpstr (with, ==,
                   "{\"id\":\"c\",\"content_type\":\"text/html\",\"content\":\"<p>Grüße\\n</p>\"}");
  g_assert_cmpstr (without, ==, "{\"id\":\"c\"}");

  read_back = parse_ok (with);
  g_assert_true (g_bytes_equal (nf_document_get_content (read_back), content));
  g_assert_cmpstr (nf_document_get_content_type (read_back), ==, "text/html");

  /* bytes in another charset are written as the text they stand for */
  nf_document_set_content (doc, cyrillic, "text/html");
  decoded = nf_document_to_json_string (doc, TRUE);
  g_assert_cmpstr (decoded, ==,
                   "{\"id\":\"c\",\"content_type\":\"text/html\","
                   "\"content\":\"<meta charset=windows-1251>При\"}");
}

static void
test_json_escapes_and_numbers (void)
{
  g_autoptr(NfDocument) doc = nf_document_new ("\x01\x1f\"\\/\u2028");
  g_autoptr(NfSentence) sentence = nf_sentence_new ("s", 0, 1, 1e-7);
  g_autoptr(NfTag) tag = nf_tag_new ("k", "t");
  g_autoptr(JsonNode) big = json_node_init_int (json_node_alloc (), G_MAXINT64);
  g_autofree char *json = NULL;

  nf_document_add_summary (doc, sentence);
  nf_tag_set_score (tag, 100.0);
  nf_document_add_tag (doc, tag);
  nf_document_set_meta_node (doc, "big", big);

  json = nf_document_to_json_string (doc, FALSE);
  g_assert_cmpstr (json, ==,
                   "{\"id\":\"\\u0001\\u001f\\\"\\\\/\u2028\","
                   "\"summary\":[{\"text\":\"s\",\"start\":0,\"end\":1,\"score\":1e-07}],"
                   "\"tags\":[{\"kind\":\"k\",\"text\":\"t\",\"score\":100.0}],"
                   "\"meta\":{\"big\":9223372036854775807}}");
  assert_round_trip (json);
}

static void
test_json_node_api (void)
{
  g_autoptr(NfDocument) doc = make_full_document ();
  g_autoptr(JsonNode) node = nf_document_to_json (doc, FALSE);
  g_autoptr(NfDocument) from_node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = nf_document_to_json_string (doc, FALSE);
  g_autofree char *b = NULL;

  /* the node is the caller's: changing it leaves the document alone */
  json_object_set_string_member (json_object_get_object_member (json_node_get_object (node), "meta"),
                                 "fetch.etag", "changed");
  g_assert_cmpstr (nf_document_get_meta_string (doc, "fetch.etag"), ==, "W/\"abc\"");

  from_node = nf_document_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nf_document_get_meta_string (from_node, "fetch.etag"), ==, "changed");
  nf_document_set_meta_string (from_node, "fetch.etag", "W/\"abc\"");
  b = nf_document_to_json_string (from_node, FALSE);
  g_assert_cmpstr (a, ==, b);
}

/* ------------------------------------------------------------------ */
/* Offsets                                                             */
/* ------------------------------------------------------------------ */

static void
test_offsets_utf16 (void)
{
  /* "a😀b🇫🇷c": the emoji and each regional indicator are astral */
  const char *text = "a😀b🇫🇷c";

  g_assert_cmpuint (nf_offset_to_utf16 (text, 0), ==, 0);
  g_assert_cmpuint (nf_offset_to_utf16 (text, 1), ==, 1);
  g_assert_cmpuint (nf_offset_to_utf16 (text, 2), ==, 3);
  g_assert_cmpuint (nf_offset_to_utf16 (text, 3), ==, 4);
  g_assert_cmpuint (nf_offset_to_utf16 (text, 4), ==, 6);
  g_assert_cmpuint (nf_offset_to_utf16 (text, 5), ==, 8);
  g_assert_cmpuint (nf_offset_to_utf16 (text, 6), ==, 9);
  /* past the end: the whole length */
  g_assert_cmpuint (nf_offset_to_utf16 (text, 100), ==, 9);
  /* BMP text counts the same either way */
  g_assert_cmpuint (nf_offset_to_utf16 ("Привет", 4), ==, 4);

  g_assert_cmpuint (nf_offset_from_utf16 (text, 0), ==, 0);
  g_assert_cmpuint (nf_offset_from_utf16 (text, 3), ==, 2);
  g_assert_cmpuint (nf_offset_from_utf16 (text, 2), ==, 2);   /* inside the pair */
  g_assert_cmpuint (nf_offset_from_utf16 (text, 9), ==, 6);
  g_assert_cmpuint (nf_offset_from_utf16 (text, 100), ==, 6);
}

/* ------------------------------------------------------------------ */
/* Error names                                                         */
/* ------------------------------------------------------------------ */

static void
check_domain_name (GQuark      domain,
                   const char *name)
{
  g_autofree char *got = nf_error_domain_to_string (domain);

  g_assert_cmpstr (got, ==, name);
  g_assert_cmpuint (nf_error_domain_from_string (name), ==, domain);
}

static void
check_code_name (GQuark      domain,
                 int         code,
                 const char *name)
{
  g_autofree char *got = nf_error_code_to_string (domain, code);

  g_assert_cmpstr (got, ==, name);
  g_assert_cmpint (nf_error_code_from_string (domain, name), ==, code);
}

static void
test_error_names (void)
{
  check_domain_name (NF_ELEMENT_ERROR, "nf-element-error");
  check_domain_name (NF_PLUGIN_ERROR, "nf-plugin-error");
  check_domain_name (NF_PIPELINE_ERROR, "nf-pipeline-error");
  check_domain_name (NF_PARSE_ERROR, "nf-parse-error");
  check_domain_name (NF_CHARSET_ERROR, "nf-charset-error");
  check_domain_name (G_IO_ERROR, "g-io-error");
  check_domain_name (JSON_PARSER_ERROR, "json-parser-error");
  g_assert_cmpuint (nf_error_domain_from_string ("nf-element-error-quark"), ==, NF_ELEMENT_ERROR);
  g_assert_cmpuint (nf_error_domain_from_string ("no-such-domain-error"), ==, 0);

  check_code_name (NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_TOO_LARGE, "too-large");
  check_code_name (NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_NO_RESULT, "no-result");
  check_code_name (NF_PLUGIN_ERROR, NF_PLUGIN_ERROR_MISSING_ELEMENT, "missing-element");
  check_code_name (NF_PIPELINE_ERROR, NF_PIPELINE_ERROR_TOO_MANY_SOURCES, "too-many-sources");
  check_code_name (NF_PARSE_ERROR, NF_PARSE_ERROR_NO_SUCH_ELEMENT, "no-such-element");
  check_code_name (NF_CHARSET_ERROR, NF_CHARSET_ERROR_BINARY, "binary");
  check_code_name (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "permission-denied");
  check_code_name (JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA, "invalid-data");

  /* codes an enum does not have, and domains without an enum, are numbers */
  check_code_name (NF_ELEMENT_ERROR, 999, "999");
  check_code_name (g_quark_from_static_string ("unregistered-error-quark"), 4, "4");

  /* full enum names are accepted too; nonsense is -1 */
  g_assert_cmpint (nf_error_code_from_string (NF_PARSE_ERROR, "NF_PARSE_ERROR_LINK"), ==,
                   NF_PARSE_ERROR_LINK);
  g_assert_cmpint (nf_error_code_from_string (NF_PARSE_ERROR, "no-such-code"), ==, -1);
  g_assert_cmpint (nf_error_code_from_string (NF_PARSE_ERROR, ""), ==, -1);
}

static void
test_error_register_domain (void)
{
  GQuark domain = g_quark_from_static_string ("nf-test-registered-error-quark");
  g_autofree char *before = nf_error_code_to_string (domain, NF_CHARSET_SOURCE_META);
  g_autofree char *after = NULL;

  g_assert_cmpstr (before, ==, "2");

  /* any enum will do for the test */
  nf_error_register_domain (domain, NF_TYPE_CHARSET_SOURCE);
  after = nf_error_code_to_string (domain, NF_CHARSET_SOURCE_META);
  g_assert_cmpstr (after, ==, "meta");
  g_assert_cmpint (nf_error_code_from_string (domain, "detected"), ==, NF_CHARSET_SOURCE_DETECTED);
}

static gpointer
name_codes_in_thread (gpointer data)
{
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *name = nf_error_code_to_string (NF_ELEMENT_ERROR, i % 12);

      g_assert_cmpint (nf_error_code_from_string (NF_ELEMENT_ERROR, name), ==, (int) (i % 12));
    }

  return NULL;
}

static void
test_error_names_threads (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("names", name_codes_in_thread, NULL);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("nf-test-thread-%u-error-quark", i);

      nf_error_register_domain (g_quark_from_string (name), NF_TYPE_ELEMENT_ERROR);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();

  g_test_add_func ("/document/new-is-empty", test_new_is_empty);
  g_test_add_func ("/document/string-setters", test_string_setters);
  g_test_add_func ("/document/other-properties", test_other_properties);
  g_test_add_func ("/document/invalid-utf8-repaired", test_invalid_utf8_repaired);
  g_test_add_func ("/document/take-text", test_take_text);
  g_test_add_func ("/document/copy-is-deep", test_copy_is_deep);
  g_test_add_func ("/document/tags-by-kind", test_tags_by_kind);
  g_test_add_func ("/document/meta", test_meta);
  g_test_add_func ("/document/error", test_error);
  g_test_add_func ("/tag/basics", test_tag);
  g_test_add_func ("/tag/json", test_tag_json);
  g_test_add_func ("/sentence/basics", test_sentence);
  g_test_add_func ("/json/full-record", test_json_full_record);
  g_test_add_func ("/json/field-order", test_json_field_order);
  g_test_add_func ("/json/absent-omitted", test_json_absent_omitted);
  g_test_add_func ("/json/no-id", test_json_no_id);
  g_test_add_func ("/json/summary-strings", test_json_summary_strings);
  g_test_add_func ("/json/type-errors", test_json_type_errors);
  g_test_add_func ("/json/syntax-error", test_json_syntax_error);
  g_test_add_func ("/json/lenient-values", test_json_lenient_values);
  g_test_add_func ("/json/error-object", test_json_error_object);
  g_test_add_func ("/json/error-unknown-domain", test_json_error_unknown_domain);
  g_test_add_func ("/json/error-codes-read", test_json_error_codes_read);
  g_test_add_func ("/json/unknown-keys-kept", test_json_unknown_keys_kept);
  g_test_add_func ("/json/content", test_json_content);
  g_test_add_func ("/json/escapes-and-numbers", test_json_escapes_and_numbers);
  g_test_add_func ("/json/node-api", test_json_node_api);
  g_test_add_func ("/offsets/utf16", test_offsets_utf16);
  g_test_add_func ("/errors/names", test_error_names);
  g_test_add_func ("/errors/register-domain", test_error_register_domain);
  g_test_add_func ("/errors/threads", test_error_names_threads);

  return g_test_run ();
}
