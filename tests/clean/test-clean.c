/* test-clean.c: the clean element on pages written for these tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "clean-test-util.h"

static void
test_clean_semantic_text (void)
{
  g_autoptr(NfDocument) doc = clean_test_file ("semantic.html", NULL);

  g_assert_null (nf_document_get_error (doc));
  g_assert_cmpstr (nf_document_get_text (doc), ==,
    "The ferry between the harbour and the northern island resumed service on Monday after three weeks of storm damage repairs.\n\n"
    "Repairs took longer than planned\n\n"
    "Engineers replaced two mooring posts and a section of the landing ramp, the operator said in a statement on Sunday.\n\n"
    "Weekday sailings every hour\n\n"
    "Weekend sailings every two hours\n\n"
    "We are glad to have our islanders connected again, said the harbour master.\n\n"
    "The repaired landing ramp on Monday morning.\n\n"
    "Route Crossing\n\n"
    "Harbour to North Island 40 minutes\n\n"
    "Tickets bought for cancelled sailings will be refunded until the end of March, the operator added.");
}

static void
test_clean_json_ld_metadata (void)
{
  g_autoptr(NfDocument) doc = clean_test_file ("semantic.html", NULL);
  const char * const *authors = nf_document_get_authors (doc);

  g_assert_cmpstr (nf_document_get_title (doc), ==, "Ferry line reopens after winter storms");
  g_assert_nonnull (authors);
  g_assert_cmpstr (authors[0], ==, "Ada Fenwick");
  g_assert_cmpstr (authors[1], ==, "Bo Lindahl");
  g_assert_null (authors[2]);
  g_assert_cmpstr (nf_document_get_published (doc), ==, "2026-03-02T08:15:00Z");
  g_assert_cmpstr (nf_document_get_modified (doc), ==, "2026-03-02T12:00:00Z");
  g_assert_cmpstr (nf_document_get_site_name (doc), ==, "The Quay Courier");
  g_assert_cmpstr (nf_document_get_language (doc), ==, "en");
  g_assert_cmpstr (nf_document_get_canonical_uri (doc), ==, "https://quay.example/news/ferry-reopens");
  g_assert_cmpstr (nf_document_get_image (doc), ==, "https://quay.example/img/ferry.jpg");
  g_assert_cmpstr (nf_document_get_description (doc), ==, "The island ferry runs again.");
}

static void
test_clean_open_graph_metadata (void)
{
  g_autoptr(NfDocument) doc = clean_test_file ("metaonly.html", NULL);
  const char * const *authors = nf_document_get_authors (doc);

  g_assert_cmpstr (nf_document_get_title (doc), ==, "Library extends its opening hours");
  g_assert_cmpstr (nf_document_get_site_name (doc), ==, "Town Notes");
  g_assert_cmpstr (nf_document_get_published (doc), ==, "2026-05-04T12:00:00Z");
  g_assert_null (nf_document_get_modified (doc));
  g_assert_cmpstr (nf_document_get_language (doc), ==, "fr");
  g_assert_nonnull (authors);
  g_assert_cmpstr (authors[0], ==, "Mina Osei");
  g_assert_null (authors[1]);
  g_assert_cmpstr (nf_document_get_text (doc), ==,
    "The town library will stay open until nine in the evening on weekdays from next month, the council said.\n\n"
    "The longer hours are paid for by a grant from the regional culture fund, which covers two years.");
}

static void
test_clean_time_and_title (void)
{
  g_autoptr(NfDocument) doc = clean_test_file ("timeonly.html", NULL);

  g_assert_cmpstr (nf_document_get_title (doc), ==, "Harbour festival draws record crowd");
  g_assert_cmpstr (nf_document_get_published (doc), ==, "2026-07-12T18:30:00Z");
  g_assert_cmpstr (nf_document_get_text (doc), ==,
    "More than forty thousand people visited the harbour festival over the weekend, the organisers said.");
}

static void
test_clean_no_article (void)
{
  g_autoptr(NfDocument) doc = clean_test_file ("noarticle.html", NULL);
  const GError *error = nf_document_get_error (doc);

  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "no article found in noarticle");
}

static void
test_clean_plain_text (void)
{
  g_autoptr(NfDocument) doc = clean_test_file ("plain.txt", NULL);
  GPtrArray *tags = nf_document_get_tags (doc);

  g_assert_null (nf_document_get_error (doc));
  g_assert_cmpstr (nf_document_get_title (doc), ==, "Gulls return to the old pier");
  g_assert_cmpstr (nf_document_get_text (doc), ==,
    "The colony of gulls that left the old pier two years ago has returned, volunteers counted on Saturday.\n\n"
    "The council will keep the pier closed to visitors until the chicks have fledged.");
  g_assert_cmpuint (tags->len, ==, 2);
  g_assert_cmpstr (nf_tag_get_kind (g_ptr_array_index (tags, 0)), ==, NF_TAG_KIND_SOURCE);
  g_assert_cmpstr (nf_tag_get_text (g_ptr_array_index (tags, 0)), ==, "Pier Birdwatch volunteers");
  g_assert_cmpstr (nf_tag_get_text (g_ptr_array_index (tags, 1)), ==, "council statement");
}

static void
test_clean_nfc (void)
{
  g_autoptr(NfDocument) doc = clean_test_file ("nfd.txt", NULL);

  g_assert_cmpstr (nf_document_get_text (doc), ==,
    "Caf\xc3\xa9 owners welcome the new market square, which opens on Friday with twenty stalls.");
}

/* Bracketed notes in an HTML page leave the body for source tags too, and
 * an attribution names its speaker. */
static void
test_clean_html_notes (void)
{
  g_autoptr(NfDocument) doc = clean_test_html (
    "<html><body><article><h1>Bridge closes for repairs</h1>"
    "<p>The old swing bridge will close for six weeks from Monday while its gears are replaced. "
    "[Source: harbour authority notice]</p>"
    "<p>\u201cWe have waited long enough for this work,\u201d said the harbour master, Ines Calder. "
    "[Statement attributed to Calder and confirmed by the authority]</p>"
    "</article></body></html>", -1, NULL);
  g_autoptr(NfDocument) kept = clean_test_html (
    "<html><body><article><p>The old swing bridge will close for six weeks from Monday. "
    "[Source: harbour authority notice]</p></article></body></html>", -1, "source-notes=false");
  GPtrArray *tags = nf_document_get_tags (doc);

  g_assert_cmpstr (nf_document_get_text (doc), ==,
    "The old swing bridge will close for six weeks from Monday while its gears are replaced.\n\n"
    "\u201cWe have waited long enough for this work,\u201d said the harbour master, Ines Calder.");
  g_assert_cmpuint (tags->len, ==, 2);
  g_assert_cmpstr (nf_tag_get_text (g_ptr_array_index (tags, 0)), ==, "harbour authority notice");
  g_assert_null (nf_tag_get_speaker (g_ptr_array_index (tags, 0)));
  g_assert_cmpstr (nf_tag_get_text (g_ptr_array_index (tags, 1)), ==,
                   "Statement attributed to Calder and confirmed by the authority");
  g_assert_cmpstr (nf_tag_get_speaker (g_ptr_array_index (tags, 1)), ==, "Calder");

  g_assert_cmpstr (nf_document_get_text (kept), ==,
    "The old swing bridge will close for six weeks from Monday. [Source: harbour authority notice]");
  g_assert_cmpuint (nf_document_get_tags (kept)->len, ==, 0);
}

/* A name that opens a hover card of links keeps the paragraph's words and
 * loses the card. */
static void
test_clean_link_cluster (void)
{
  g_autoptr(NfDocument) doc = clean_test_html (
    "<html><body><article>"
    "<p>The harbour board chair <span class=\"person\"><a href=\"/people/mara-lind\">Mara Lind</a>"
    "<span class=\"card\"><a href=\"/a/1\">Harbour board votes to extend the night ferry service to the islands</a> "
    "<a href=\"/a/2\">New pier opens after three years of delays and rising costs</a></span></span> "
    "said the vote on Tuesday would settle the question of the night ferry for a decade.</p>"
    "<p>The ferry company welcomed the decision and said it would hire twelve new crew members before the summer.</p>"
    "</article></body></html>", -1, NULL);

  g_assert_cmpstr (nf_document_get_text (doc), ==,
    "The harbour board chair Mara Lind said the vote on Tuesday would settle the question of the night ferry for a decade.\n\n"
    "The ferry company welcomed the decision and said it would hire twelve new crew members before the summer.");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();

  g_test_add_func ("/clean/html/text", test_clean_semantic_text);
  g_test_add_func ("/clean/html/json-ld", test_clean_json_ld_metadata);
  g_test_add_func ("/clean/html/open-graph", test_clean_open_graph_metadata);
  g_test_add_func ("/clean/html/time", test_clean_time_and_title);
  g_test_add_func ("/clean/html/no-article", test_clean_no_article);
  g_test_add_func ("/clean/plain/furniture-and-notes", test_clean_plain_text);
  g_test_add_func ("/clean/plain/nfc", test_clean_nfc);
  g_test_add_func ("/clean/html/notes", test_clean_html_notes);
  g_test_add_func ("/clean/html/link-cluster", test_clean_link_cluster);

  return g_test_run ();
}
