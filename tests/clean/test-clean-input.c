/* test-clean-input.c: clean on bad input, on pages in legacy charsets, and
 * on site furniture around an article
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Bad input (an empty page, 100 000 nested tags, 200 MB of markup, binary
 * bytes) must end as a per-document error or an empty body with a warning:
 * never a crash, a hang or memory past a bound. The huge and deep pages are
 * made here at run time, never stored as files.
 */
#include "clean-test-util.h"

#include <string.h>

/* Pages whose input is held in memory must still be done well within the
 * test's time-out, under a sanitizer too. */
#define FAST_SECONDS 20.0

/* The process's peak resident set size in KiB ("VmHWM"). */
static guint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10) : 0;
}

/* Runs `appsrc ! clean PROPERTIES ! appsink` on one document with the
 * id "page" holding @length bytes of @data as content of @content_type:
 * clean_test_html() with a content type of the test's choosing. */
static NfDocument *
clean_content (const char *data,
               gsize       length,
               const char *content_type,
               const char *clean_properties)
{
  g_autofree char *description =
    g_strdup_printf ("appsrc name=in ! clean %s ! appsink name=out emit-signals=false",
                     clean_properties != NULL ? clean_properties : "");
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPipeline) pipeline = nf_parse_launch (description, &error);
  g_autoptr(NfDocument) input = nf_document_new ("page");
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  NfDocument *document;

  g_assert_no_error (error);
  nf_document_set_content (input, bytes, content_type);
  g_assert_true (nf_app_src_push_document (NF_APP_SRC (nf_pipeline_get_by_name (pipeline, "in")), input));
  nf_app_src_end_of_stream (NF_APP_SRC (nf_pipeline_get_by_name (pipeline, "in")));
  nf_pipeline_run (pipeline, NULL, &error);
  g_assert_no_error (error);
  document = nf_app_sink_pull_document (NF_APP_SINK (nf_pipeline_get_by_name (pipeline, "out")));
  g_assert_nonnull (document);
  return document;
}

/* A fixture's bytes, as they are on disk. */
static GBytes *
read_fixture (const char *name)
{
  const char *srcdir = g_getenv ("NF_TEST_SRCDIR");
  g_autofree char *path = g_build_filename (srcdir != NULL ? srcdir : ".", "clean", "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

/* A fixture pushed as content of @content_type, bytes untouched. */
static NfDocument *
clean_fixture_as (const char *name,
                  const char *content_type)
{
  g_autoptr(GBytes) bytes = read_fixture (name);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return clean_content (data, length, content_type, NULL);
}

/* Every document that comes out is valid UTF-8, whatever went in. */
static void
assert_valid_output (NfDocument *doc)
{
  const GError *error = nf_document_get_error (doc);
  g_autofree char *json = nf_document_to_json_string (doc, FALSE);

  if (nf_document_get_text (doc) != NULL)
    g_assert_true (g_utf8_validate (nf_document_get_text (doc), -1, NULL));
  if (nf_document_get_title (doc) != NULL)
    g_assert_true (g_utf8_validate (nf_document_get_title (doc), -1, NULL));
  if (error != NULL)
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_true (g_utf8_validate (json, -1, NULL));
}

static void
assert_error (NfDocument *doc,
              int         code,
              const char *message)
{
  const GError *error = nf_document_get_error (doc);

  g_assert_error (error, NF_ELEMENT_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_null (nf_document_get_text (doc));
  assert_valid_output (doc);
}

/* ---- bad input ---- */

static void
test_input_empty (void)
{
  g_autoptr(NfDocument) doc = clean_test_html ("", 0, NULL);

  assert_error (doc, NF_ELEMENT_ERROR_EMPTY, "no article found in page: the page is empty");
}

static void
test_input_whitespace_only (void)
{
  g_autoptr(NfDocument) doc = clean_test_html (" \n\t \r\n   \n", -1, NULL);

  assert_error (doc, NF_ELEMENT_ERROR_EMPTY, "no article found in page: the page is blank (white space only)");
}

static void
test_input_no_article (void)
{
  const char *html =
    "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    "<ul><li><a href='/a'>Weather</a></li><li><a href='/b'>Traffic</a></li></ul>"
    "<footer>Contact</footer></body></html>";
  g_autoptr(NfDocument) doc = clean_test_html (html, -1, NULL);

  assert_error (doc, NF_ELEMENT_ERROR_EMPTY, "no article found in page");
}

/* "<div>" × @depth around @inner, closed again: @depth levels of markup. */
static char *
nested_page (const char *before,
             const char *tag,
             guint       depth,
             const char *inner)
{
  GString *page = g_string_new ("<html><body>");

  g_string_append (page, before);
  for (guint i = 0; i < depth; i++)
    g_string_append_printf (page, "<%s>", tag);
  g_string_append (page, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append_printf (page, "</%s>", tag);
  g_string_append (page, "</body></html>");
  return g_string_free (page, FALSE);
}

#define ARTICLE_P1 "The river ferry will run every twenty minutes this summer, twice as often as last year, the operator said."
#define ARTICLE_P2 "Two new boats bought from a yard on the coast will join the fleet in June after their trials."

/* An article below 100 000 levels of <div>: the parser stops at its depth
 * limit before the text, and the document fails saying why. */
static void
test_input_deep_nesting (void)
{
  g_autofree char *page = nested_page ("", "div", 100000, "<p>" ARTICLE_P1 "</p><p>" ARTICLE_P2 "</p>");
  gint64 start = g_get_monotonic_time ();
  g_autoptr(NfDocument) doc = clean_test_html (page, -1, NULL);

  g_assert_cmpfloat ((g_get_monotonic_time () - start) / 1e6, <, FAST_SECONDS);
  assert_error (doc, NF_ELEMENT_ERROR_FORMAT,
                "no article found in page: its markup nests deeper than 256 elements, where the parser stops");
}

/* The article first, then 100 000 nested inline tags: the article is
 * kept, and what lies past the depth limit is lost (with a warning). */
static void
test_input_deep_nesting_after_article (void)
{
  g_autofree char *page = nested_page ("<article><p>" ARTICLE_P1 "</p><p>" ARTICLE_P2 "</p></article>",
                                       "span", 100000, "deep text");
  gint64 start = g_get_monotonic_time ();
  g_autoptr(NfDocument) doc = clean_test_html (page, -1, NULL);

  g_assert_cmpfloat ((g_get_monotonic_time () - start) / 1e6, <, FAST_SECONDS);
  g_assert_no_error (nf_document_get_error (doc));
  g_assert_cmpstr (nf_document_get_text (doc), ==, ARTICLE_P1 "\n\n" ARTICLE_P2);
  assert_valid_output (doc);
}

/* 100 000 unclosed <div>s and <p>s after an article: recovery must not
 * become quadratic or deep. */
static void
test_input_unclosed_tags (void)
{
  GString *page = g_string_new ("<html><body><article><p>" ARTICLE_P1 "</p><p>" ARTICLE_P2 "</p></article>");
  gint64 start = g_get_monotonic_time ();
  g_autoptr(NfDocument) doc = NULL;

  for (guint i = 0; i < 50000; i++)
    g_string_append (page, "<div><p>x");
  doc = clean_test_html (page->str, page->len, NULL);
  g_string_free (page, TRUE);

  g_assert_cmpfloat ((g_get_monotonic_time () - start) / 1e6, <, FAST_SECONDS);
  g_assert_no_error (nf_document_get_error (doc));
  g_assert_cmpstr (nf_document_get_text (doc), ==, ARTICLE_P1 "\n\n" ARTICLE_P2);
}

/* 200 MB of markup fails at once, without a tree: well within time, and
 * with the memory of the page itself (held twice: here, and in the
 * document), not the gigabytes its tree would take. */
static void
test_input_200_mb (void)
{
  const gsize size = 200 * 1024 * 1024;
  const char chunk[] = "<p>Lorem ipsum dolor sit amet, the same paragraph again.</p>\n";
  char *page = g_malloc (size + 1);
  guint64 rss_before = peak_rss_kib ();
  gint64 start;
  g_autoptr(NfDocument) doc = NULL;

  for (gsize i = 0; i < size; i += sizeof chunk - 1)
    memcpy (page + i, chunk, MIN (sizeof chunk - 1, size - i));
  page[size] = '\0';

  start = g_get_monotonic_time ();
  doc = clean_test_html (page, size, NULL);
  g_assert_cmpfloat ((g_get_monotonic_time () - start) / 1e6, <, FAST_SECONDS);
  g_free (page);

  assert_error (doc, NF_ELEMENT_ERROR_TOO_LARGE,
                "page is too large to clean: 209715200 bytes, max-size is 33554432");
  g_test_message ("peak RSS %" G_GUINT64_FORMAT " KiB before, %" G_GUINT64_FORMAT " KiB after",
                  rss_before, peak_rss_kib ());
  g_assert_cmpuint (peak_rss_kib (), <, rss_before + 3 * size / 1024);
}

/* A page of @size bytes, an article followed by padding in a comment. */
static char *
page_of_size (gsize size)
{
  const char *head = "<html><body><article><p>" ARTICLE_P1 "</p><p>" ARTICLE_P2 "</p></article><!--";
  const char *tail = "--></body></html>";
  char *page = g_malloc (size + 1);

  g_assert_cmpuint (size, >, strlen (head) + strlen (tail));
  memset (page, 'x', size);
  memcpy (page, head, strlen (head));
  memcpy (page + size - strlen (tail), tail, strlen (tail));
  page[size] = '\0';
  return page;
}

static void
test_input_max_size (void)
{
  g_autofree char *small = page_of_size (2048);
  g_autofree char *large = page_of_size (2049);
  g_autoptr(NfDocument) kept = clean_test_html (small, -1, "max-size=2048");
  g_autoptr(NfDocument) refused = clean_test_html (large, -1, "max-size=2048");

  g_assert_no_error (nf_document_get_error (kept));
  g_assert_cmpstr (nf_document_get_text (kept), ==, ARTICLE_P1 "\n\n" ARTICLE_P2);
  assert_error (refused, NF_ELEMENT_ERROR_TOO_LARGE,
                "page is too large to clean: 2049 bytes, max-size is 2048");
}

static void
test_input_nul_bytes (void)
{
  const char page[] = "<html><body><article><p>" ARTICLE_P1 "\0\0\0</p><p>" ARTICLE_P2 "</p></article></body></html>";
  g_autoptr(NfDocument) undeclared = clean_test_html (page, sizeof page - 1, NULL);
  g_autoptr(NfDocument) declared = clean_content (page, sizeof page - 1, "text/html; charset=utf-8", NULL);
  g_autofree char *message =
    g_strdup_printf ("page: cannot be read as text: looks like binary data, not text (NUL bytes in the first %zu)",
                     sizeof page - 1);

  assert_error (undeclared, NF_ELEMENT_ERROR_DECODE, message);
  assert_error (declared, NF_ELEMENT_ERROR_DECODE, message);
}

/* Random bytes (a fixed seed: the same bytes every run). */
static void
test_input_random_binary (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autofree guint8 *bytes = g_malloc (65536);
  g_autoptr(NfDocument) doc = NULL;

  for (gsize i = 0; i < 65536; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);
  doc = clean_test_html ((const char *) bytes, 65536, NULL);

  g_assert_error (nf_document_get_error (doc), NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_DECODE);
  g_assert_true (g_str_has_prefix (nf_document_get_error (doc)->message,
                                   "page: cannot be read as text: looks like binary data, not text"));
  assert_valid_output (doc);
}

/* Control bytes but no NUL: still not text. */
static void
test_input_control_bytes (void)
{
  g_autofree char *bytes = g_malloc (4096);
  g_autoptr(NfDocument) doc = NULL;

  for (gsize i = 0; i < 4096; i++)
    bytes[i] = (char) (i % 2 ? 'a' + i % 26 : 1 + i % 8);
  doc = clean_test_html (bytes, 4096, NULL);

  assert_error (doc, NF_ELEMENT_ERROR_DECODE,
                "page: cannot be read as text: looks like binary data, not text (50% control bytes in the first 4096)");
}

/* ---- charsets ---- */

#define CAFE_P1 "Le caf\xc3\xa9 du port a f\xc3\xaat\xc3\xa9 ses cent ans samedi, avec un \xc2\xab bal des p\xc3\xaa" \
                "cheurs \xc2\xbb sur le quai et un g\xc3\xa2teau de trois \xc3\xa9tages."
#define CAFE_P2 "\xe2\x80\x9cIci, rien n\xe2\x80\x99" "a chang\xc3\xa9 depuis 1926, sauf le prix du caf\xc3\xa9\xe2\x80\x9d, " \
                "s\xe2\x80\x99" "amuse la patronne, qui le vend toujours 1,20 \xe2\x82\xac au comptoir."
#define CAFE_TITLE "Le caf\xc3\xa9 du port f\xc3\xaate ses cent ans"

static void
assert_cafe_article (NfDocument *doc)
{
  g_assert_no_error (nf_document_get_error (doc));
  g_assert_cmpstr (nf_document_get_title (doc), ==, CAFE_TITLE);
  g_assert_cmpstr (nf_document_get_text (doc), ==, CAFE_P1 "\n\n" CAFE_P2);
  assert_valid_output (doc);
}

static void
test_charset_windows_1252_declared (void)
{
  g_autoptr(NfDocument) doc = clean_fixture_as ("input-cp1252.html", "text/html; charset=windows-1252");

  assert_cafe_article (doc);
}

/* ISO-8859-1 means windows-1252 on the web: the curly quotes and the
 * euro sign come out right. */
static void
test_charset_iso_8859_1_declared (void)
{
  g_autoptr(NfDocument) doc = clean_fixture_as ("input-cp1252.html", "text/html; charset=\"ISO-8859-1\"");

  assert_cafe_article (doc);
}

/* No charset anywhere: detection, or windows-1252. */
static void
test_charset_undeclared (void)
{
  g_autoptr(NfDocument) doc = clean_fixture_as ("input-cp1252.html", "text/html");

  assert_cafe_article (doc);
}

#define MILL_P1 "Die B\xc3\xa4" "ckerei Gr\xc3\xb6\xc3\x9fl \xc3\xbc" "bernimmt die alte M\xc3\xbchle am Fluss und will dort " \
                "ab dem Fr\xc3\xbchjahr wieder Mehl aus der Region mahlen."
#define MILL_P2 "F\xc3\xbcr den Umbau rechnet der B\xc3\xa4" "ckermeister mit Kosten von etwa 400 000 Euro; die Stadt " \
                "gibt einen Zuschuss von 50 000 Euro."

/* The charset in a <meta http-equiv> of a page whose content type has none. */
static void
test_charset_meta (void)
{
  g_autoptr(NfDocument) doc = clean_fixture_as ("input-latin1-meta.html", "text/html");

  g_assert_no_error (nf_document_get_error (doc));
  g_assert_cmpstr (nf_document_get_title (doc), ==, "B\xc3\xa4" "ckerei \xc3\xbc" "bernimmt die alte M\xc3\xbchle");
  g_assert_cmpstr (nf_document_get_text (doc), ==, MILL_P1 "\n\n" MILL_P2);
  assert_valid_output (doc);
}

/* A page filesrc or fetch already decoded says charset=utf-8, and its
 * <meta> still names the charset it came in: it is not decoded twice. */
static void
test_charset_utf8_declared_over_meta (void)
{
  const char *page =
    "<html><head><meta charset=\"windows-1252\"></head><body><article>"
    "<p>" MILL_P1 "</p><p>" MILL_P2 "</p></article></body></html>";
  g_autoptr(NfDocument) doc = clean_content (page, strlen (page), "text/html; charset=UTF-8", NULL);

  g_assert_no_error (nf_document_get_error (doc));
  g_assert_cmpstr (nf_document_get_text (doc), ==, MILL_P1 "\n\n" MILL_P2);
}

#define HARBOUR_JA_TITLE "\xe6\xb8\xaf\xe3\x81\xae\xe6\x9c\x9d\xe5\xb8\x82\xe3\x81\x8c\xe4\xb8\x89\xe5\xb9\xb4\xe3\x81\xb6\xe3\x82\x8a\xe3\x81\xab\xe5\x86\x8d\xe9\x96\x8b"

/* The Japanese fixture's text, read from its Shift_JIS bytes through
 * iconv, independently of the library. */
static void
expected_shift_jis_text (char **title,
                         char **text)
{
  g_autoptr(GBytes) bytes = read_fixture ("input-shift-jis.html");
  gsize length;
  g_autofree char *utf8 = g_convert (g_bytes_get_data (bytes, &length), g_bytes_get_size (bytes),
                                     "UTF-8", "SHIFT_JIS", NULL, NULL, NULL);
  g_auto(GStrv) paragraphs = NULL;
  const char *start = strstr (utf8, "<p>");

  g_assert_nonnull (start);
  paragraphs = g_strsplit (start, "</p>", -1);
  *title = g_strdup (HARBOUR_JA_TITLE);
  *text = g_strconcat (g_strstrip (paragraphs[0]) + 3, "\n\n", g_strstrip (paragraphs[1]) + 3, NULL);
}

static void
test_charset_shift_jis (gconstpointer content_type)
{
  g_autoptr(NfDocument) doc = clean_fixture_as ("input-shift-jis.html", content_type);
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  expected_shift_jis_text (&title, &text);
  g_assert_no_error (nf_document_get_error (doc));
  g_assert_cmpstr (nf_document_get_title (doc), ==, title);
  g_assert_cmpstr (nf_document_get_text (doc), ==, text);
  assert_valid_output (doc);
}

/* Bytes that are not UTF-8 in a page that says it is: each bad sequence
 * becomes U+FFFD, the rest is kept. */
static void
test_charset_invalid_utf8 (gconstpointer content_type)
{
  const char *page =
    "<html><body><article><p>The mayor\xff\xfe said the \xe2\x82 new bridge will open in May, "
    "two months later than planned.</p><p>" ARTICLE_P2 "</p></article></body></html>";
  g_autoptr(NfDocument) doc = clean_content (page, strlen (page), content_type, NULL);

  g_assert_no_error (nf_document_get_error (doc));
  assert_valid_output (doc);
  if (strstr (content_type, "utf-8") != NULL)
    g_assert_cmpstr (nf_document_get_text (doc), ==,
                     "The mayor\xef\xbf\xbd\xef\xbf\xbd said the \xef\xbf\xbd new bridge will open in May, "
                     "two months later than planned.\n\n" ARTICLE_P2);
}

/* ---- plain text shaped like the seeds ---- */

static void
test_plain_seed_shape (void)
{
  const char *text =
    "Tram line to the airport gets the go-ahead\n"
    "\n"
    "No time to read?\n"
    "Get a summary\n"
    "\n"
    "The regional parliament approved the   tram extension to the airport on Thursday,\tending a debate "
    "that lasted almost ten years. [Source: regional parliament vote record]\n"
    "\n"
    "Construction is due to start next spring, and the first trams could run in 2029, the transport "
    "minister told reporters. \xe2\x80\x9cIt is the biggest project this region has seen,\xe2\x80\x9d she said. "
    "[Attribution: transport minister\xe2\x80\x99s press conference]\n"
    "\n"
    "Opponents, among them the owner of the Cafe\xcc\x81 Nord by the terminal, say the money would be "
    "better spent on \xe2\x80\x98real\xe2\x80\x99 buses for villages with no service at all. "
    "[Context: debate in the regional parliament]\n"
    "\n"
    "The airport\xe2\x80\x99s operator welcomed the decision and said it would pay a fifth of the cost. "
    "[Statement attributed to the airport operator\xe2\x80\x99s chief executive]\n"
    "\n"
    "No time to read?\n"
    "Get a summary\n"
    "Previous Article\n"
    "\n"
    "Ferry timetable changes for the winter season\n"
    "\n"
    "Next Article\n"
    "\n"
    "Cyclists ask for safer crossings on the ring road";
  g_autoptr(NfDocument) doc = clean_test_text (text, NULL);
  GPtrArray *tags = nf_document_get_tags (doc);
  const char * const sources[] = {
    "regional parliament vote record",
    "transport minister\xe2\x80\x99s press conference",
    "debate in the regional parliament",
    "Statement attributed to the airport operator\xe2\x80\x99s chief executive",
  };

  g_assert_no_error (nf_document_get_error (doc));
  g_assert_cmpstr (nf_document_get_title (doc), ==, "Tram line to the airport gets the go-ahead");
  g_assert_cmpstr (nf_document_get_text (doc), ==,
    "The regional parliament approved the tram extension to the airport on Thursday, ending a debate "
    "that lasted almost ten years.\n\n"
    "Construction is due to start next spring, and the first trams could run in 2029, the transport "
    "minister told reporters. \xe2\x80\x9cIt is the biggest project this region has seen,\xe2\x80\x9d she said.\n\n"
    "Opponents, among them the owner of the Caf\xc3\xa9 Nord by the terminal, say the money would be "
    "better spent on \xe2\x80\x98real\xe2\x80\x99 buses for villages with no service at all.\n\n"
    "The airport\xe2\x80\x99s operator welcomed the decision and said it would pay a fifth of the cost.");
  g_assert_nonnull (tags);
  g_assert_cmpuint (tags->len, ==, G_N_ELEMENTS (sources));
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_assert_cmpstr (nf_tag_get_kind (g_ptr_array_index (tags, i)), ==, NF_TAG_KIND_SOURCE);
      g_assert_cmpstr (nf_tag_get_text (g_ptr_array_index (tags, i)), ==, sources[i]);
    }
}

/* With source-notes=false the notes stay in the text, furniture still goes. */
static void
test_plain_notes_kept (void)
{
  const char *text =
    "Harbour fees go up\n\n"
    "Get a summary\n\n"
    "Harbour fees for visiting yachts will rise by a tenth next season. [Source: harbour office]\n\n"
    "Previous Article\n\nMarina opens a second pontoon";
  g_autoptr(NfDocument) doc = clean_test_text (text, "source-notes=false");
  GPtrArray *tags = nf_document_get_tags (doc);

  g_assert_cmpstr (nf_document_get_title (doc), ==, "Harbour fees go up");
  g_assert_cmpstr (nf_document_get_text (doc), ==,
                   "Harbour fees for visiting yachts will rise by a tenth next season. [Source: harbour office]");
  g_assert_true (tags == NULL || tags->len == 0);
}

/* ---- HTML furniture around a real article ---- */

typedef struct
{
  const char *file;
  const char *title;
  const char *text;
} FurnitureCase;

static const FurnitureCase furniture_cases[] = {
  { "input-furniture-nav.html", "Night buses return to the valley towns",
    "Night buses will run again between the three valley towns from the first weekend of October, the regional transport board said on Thursday.\n\n"
    "The service was cut four years ago when passenger numbers fell, but a survey of shift workers at the hospital and the food plants showed strong demand.\n\n"
    "Buses will leave the main square every forty minutes between midnight and five in the morning on Fridays and Saturdays." },
  { "input-furniture-cookies.html", "Stadtwerke senken den Gaspreis",
    "Die Stadtwerke senken den Gaspreis f\xc3\xbcr Haushaltskunden zum ersten Januar um gut zw\xc3\xb6lf Prozent, wie das Unternehmen am Dienstag mitteilte.\n\n"
    "Grund seien die gesunkenen Einkaufspreise an der B\xc3\xb6rse, sagte der Gesch\xc3\xa4" "ftsf\xc3\xbchrer. Ein Haushalt mit durchschnittlichem Verbrauch spare damit rund zweihundert Euro im Jahr.\n\n"
    "Die neuen Preise gelten automatisch, Kundinnen und Kunden m\xc3\xbcssen nichts unternehmen." },
  { "input-furniture-paywall.html", "Le march\xc3\xa9 couvert rouvre ses portes",
    "Apr\xc3\xa8s dix-huit mois de travaux, le march\xc3\xa9 couvert du centre-ville a rouvert samedi matin avec quarante-deux commer\xc3\xa7" "ants.\n\n"
    "La toiture en verre a \xc3\xa9t\xc3\xa9 enti\xc3\xa8rement remplac\xc3\xa9" "e et les all\xc3\xa9" "es ont \xc3\xa9t\xc3\xa9 \xc3\xa9largies pour faciliter le passage des poussettes et des fauteuils roulants.\n\n"
    "Le maire a annonc\xc3\xa9 que le march\xc3\xa9 serait d\xc3\xa9sormais ouvert aussi le dimanche matin pendant l'\xc3\xa9t\xc3\xa9." },
  { "input-furniture-share.html", "Lighthouse keeper's cottage to become a museum",
    "The cottage at the foot of the old lighthouse will open as a small museum next spring, the heritage trust said on Friday.\n\n"
    "Volunteers have catalogued more than three hundred objects left by the last keeper, including logbooks, lamps and a brass telescope.\n\n"
    "Entry will be free for children, and the trust hopes to run guided walks to the lighthouse at weekends." },
  { "input-furniture-comments.html", "El ayuntamiento planta mil \xc3\xa1rboles en el barrio norte",
    "El ayuntamiento ha plantado mil \xc3\xa1rboles en las calles del barrio norte durante el \xc3\xbaltimo mes, seg\xc3\xban inform\xc3\xb3 el lunes la concejal\xc3\xad" "a de medio ambiente.\n\n"
    "Las especies elegidas resisten bien el calor y necesitan poca agua, explic\xc3\xb3 la concejala, que espera que las calles sean hasta tres grados m\xc3\xa1s frescas en verano.\n\n"
    "Los vecinos podr\xc3\xa1n apadrinar un \xc3\xa1rbol y encargarse de regarlo durante los dos primeros a\xc3\xb1os." },
  { "input-furniture-related.html", "Rowing club wins its first national title",
    "The town's rowing club won its first national title on Sunday, beating the defending champions by less than a second in the final of the eights.\n\n"
    "The crew trained on the river every morning at six through the winter, their coach said, often breaking ice at the landing stage.\n\n"
    "A reception for the rowers will be held at the town hall on Wednesday evening." },
  { "input-furniture-readmore.html", "Freibad \xc3\xb6" "ffnet zwei Wochen fr\xc3\xbcher",
    "Wegen des warmen Fr\xc3\xbchlings \xc3\xb6" "ffnet das Freibad an der Au bereits am ersten Mai, zwei Wochen fr\xc3\xbcher als geplant, teilte die Stadt am Montag mit.\n\n"
    "Das Wasser im gro\xc3\x9f" "en Becken hat nach Angaben der B\xc3\xa4" "derbetriebe schon jetzt angenehme einundzwanzig Grad.\n\n"
    "Die Preise f\xc3\xbcr Tageskarten und Saisonkarten bleiben gegen\xc3\xbc" "ber dem Vorjahr unver\xc3\xa4ndert." },
  { "input-furniture-prevnext.html", "Orchard harvest is the best in a decade",
    "Fruit growers in the hills expect the best apple harvest in ten years after a mild spring without late frosts, their association said on Tuesday.\n\n"
    "Pickers from the town and from abroad have been hired for six weeks, and the cider press will run at night for the first time." },
  { "input-furniture-author.html", "Nieuwe fietsbrug over de haven geopend",
    "De nieuwe fietsbrug over de binnenhaven is zaterdag geopend door de wethouder van verkeer, na twee jaar bouwen en een half jaar vertraging.\n\n"
    "Fietsers besparen met de brug ruim tien minuten op de route tussen het station en de nieuwe wijk aan de overkant van het water.\n\n"
    "De brug kan openen voor zeilboten en is 's nachts verlicht met lampen die alleen aangaan als er iemand aankomt." },
  { "input-furniture-ads.html", "Il teatro comunale riapre dopo il restauro",
    "Il teatro comunale riapre al pubblico venerd\xc3\xac sera, dopo due anni di restauro degli affreschi e delle poltrone della platea.\n\n"
    "Il primo spettacolo sar\xc3\xa0 un concerto dell'orchestra cittadina, con biglietti a prezzo ridotto per gli studenti e gli abitanti del quartiere.\n\n"
    "La stagione prevede venti spettacoli tra prosa, musica e danza, fino alla fine di maggio." },
  { "input-furniture-summary.html", "Harbour crane dismantled after sixty years",
    "The old harbour crane, a landmark of the waterfront for sixty years, was taken down piece by piece over the weekend.\n\n"
    "Parts of the crane will be kept by the maritime museum, which plans to rebuild the driver's cabin in its courtyard." },
  { "input-structure.html", "What the new recycling rules mean for you",
    "From the first of June, households in the district will sort their waste into five bins instead of three, the council confirmed on Wednesday.\n\n"
    "Which bin is which\n\n"
    "Blue for paper and card\n\n"
    "Green for glass\n\n"
    "Brown for food and garden waste\n\n"
    "Collections will alternate weekly, with food waste picked up every week.\n\n"
    "How to get the new bins\n\n"
    "Order them online or by phone\n\n"
    "Put them out on the next collection day\n\n"
    "Most people already sort their waste carefully, this just makes it easier, said the head of the waste department.\n\n"
    "Bin Collection\n\n"
    "Food waste Weekly\n\n"
    "Glass Every four weeks\n\n"
    "The five new bins will be delivered in May.\n\n"
    "Residents who need help carrying bins can ask for an assisted collection." },
};

static void
test_furniture (gconstpointer data)
{
  const FurnitureCase *expected = data;
  g_autoptr(NfDocument) doc = clean_test_file (expected->file, NULL);

  g_assert_no_error (nf_document_get_error (doc));
  g_assert_cmpstr (nf_document_get_text (doc), ==, expected->text);
  g_assert_cmpstr (nf_document_get_title (doc), ==, expected->title);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();

  g_test_add_func ("/clean/input/empty", test_input_empty);
  g_test_add_func ("/clean/input/whitespace-only", test_input_whitespace_only);
  g_test_add_func ("/clean/input/no-article", test_input_no_article);
  g_test_add_func ("/clean/input/deep-nesting", test_input_deep_nesting);
  g_test_add_func ("/clean/input/deep-nesting-after-article", test_input_deep_nesting_after_article);
  g_test_add_func ("/clean/input/unclosed-tags", test_input_unclosed_tags);
  g_test_add_func ("/clean/input/200-mb", test_input_200_mb);
  g_test_add_func ("/clean/input/max-size", test_input_max_size);
  g_test_add_func ("/clean/input/nul-bytes", test_input_nul_bytes);
  g_test_add_func ("/clean/input/random-binary", test_input_random_binary);
  g_test_add_func ("/clean/input/control-bytes", test_input_control_bytes);

  g_test_add_func ("/clean/charset/windows-1252", test_charset_windows_1252_declared);
  g_test_add_func ("/clean/charset/iso-8859-1", test_charset_iso_8859_1_declared);
  g_test_add_func ("/clean/charset/undeclared", test_charset_undeclared);
  g_test_add_func ("/clean/charset/meta", test_charset_meta);
  g_test_add_func ("/clean/charset/utf-8-over-meta", test_charset_utf8_declared_over_meta);
  g_test_add_data_func ("/clean/charset/shift-jis-declared", "text/html; charset=Shift_JIS", test_charset_shift_jis);
  g_test_add_data_func ("/clean/charset/shift-jis-detected", "text/html", test_charset_shift_jis);
  g_test_add_data_func ("/clean/charset/invalid-utf-8-declared", "text/html; charset=utf-8", test_charset_invalid_utf8);
  g_test_add_data_func ("/clean/charset/invalid-utf-8-undeclared", "text/html", test_charset_invalid_utf8);

  g_test_add_func ("/clean/plain/seed-shape", test_plain_seed_shape);
  g_test_add_func ("/clean/plain/notes-kept", test_plain_notes_kept);

  for (guint i = 0; i < G_N_ELEMENTS (furniture_cases); i++)
    {
      g_autofree char *name = g_strndup (furniture_cases[i].file + strlen ("input-"),
                                         strlen (furniture_cases[i].file) - strlen ("input-") - strlen (".html"));
      g_autofree char *path = g_strconcat ("/clean/html/", name, NULL);

      g_test_add_data_func (path, &furniture_cases[i], test_furniture);
    }

  return g_test_run ();
}
