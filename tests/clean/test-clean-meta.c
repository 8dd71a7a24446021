/* test-clean-meta.c: the metadata clean reads, source by source
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One invented page per source of metadata (JSON-LD, Open Graph, <meta>,
 * <time>, the visible byline in several languages), pages where sources
 * disagree, and bylines and dates written in the ways pages write them.
 */
#include "clean-test-util.h"

#include <string.h>

/* The document's authors joined with ";", or "" for none. */
static char *
joined_authors (NfDocument *doc)
{
  const char * const *authors = nf_document_get_authors (doc);

  return authors != NULL ? g_strjoinv (";", (char **) authors) : g_strdup ("");
}

static void
assert_authors (NfDocument *doc,
                const char *expected)
{
  g_autofree char *authors = joined_authors (doc);

  g_assert_cmpstr (authors, ==, expected);
}

/* JSON-LD in a @graph: the article's type is an array, authors are a
 * reference to a Person, a Person and a Person with only a URL, the
 * publisher is a reference; JSON-LD wins over Open Graph, <meta> and the
 * byline, and the article over the WebPage and WebSite. */
static void
test_meta_json_ld_graph (void)
{
  g_autoptr(NfDocument) doc = clean_test_file ("meta-graph.html", NULL);

  g_assert_null (nf_document_get_error (doc));
  g_assert_cmpstr (nf_document_get_title (doc), ==, "Lake level falls to a ten-year low");
  assert_authors (doc, "Ines Varga;Tomás Ribeiro");
  g_assert_cmpstr (nf_document_get_published (doc), ==, "2026-04-09T07:30:00Z");
  g_assert_cmpstr (nf_document_get_modified (doc), ==, "2026-04-09T14:45:00Z");
  g_assert_cmpstr (nf_document_get_site_name (doc), ==, "The Lakeside Ledger");
  g_assert_cmpstr (nf_document_get_language (doc), ==, "pt");
  g_assert_cmpstr (nf_document_get_canonical_uri (doc), ==, "https://ledger.example/news/lake-level");
  g_assert_cmpstr (nf_document_get_image (doc), ==, "https://ledger.example/img/lake.jpg");
  g_assert_null (nf_document_get_description (doc));
}

/* Open Graph alone: the site's name leaves the title, a URL given as
 * article:author is no name, and Open Graph wins over the byline. */
static void
test_meta_open_graph (void)
{
  g_autoptr(NfDocument) doc = clean_test_file ("meta-og.html", NULL);

  g_assert_cmpstr (nf_document_get_title (doc), ==, "Bridge repairs finish a month early");
  assert_authors (doc, "Kalle Virtanen");
  g_assert_cmpstr (nf_document_get_published (doc), ==, "2026-02-01T23:05:00Z");
  g_assert_cmpstr (nf_document_get_modified (doc), ==, "2026-02-02T09:00:00Z");
  g_assert_cmpstr (nf_document_get_site_name (doc), ==, "Riverside Post");
  g_assert_cmpstr (nf_document_get_language (doc), ==, "en");
  g_assert_cmpstr (nf_document_get_canonical_uri (doc), ==, "https://riverside.example/2026/bridge");
  g_assert_cmpstr (nf_document_get_image (doc), ==, "https://riverside.example/bridge.jpg");
  g_assert_cmpstr (nf_document_get_description (doc), ==, "The old bridge reopens to cars.");
}

/* Plain <meta> and <link>: "By A and B" becomes two names, the date with
 * an offset after a space is read, the <title> loses the site's name. */
static void
test_meta_tags (void)
{
  g_autoptr(NfDocument) doc = clean_test_file ("meta-tags.html", NULL);

  g_assert_cmpstr (nf_document_get_title (doc), ==, "Town hall gets a solar roof");
  assert_authors (doc, "Rosa Delgado;Omar Haddad");
  g_assert_cmpstr (nf_document_get_published (doc), ==, "2026-06-15T13:20:00Z");
  g_assert_null (nf_document_get_modified (doc));
  g_assert_cmpstr (nf_document_get_site_name (doc), ==, "Valley Gazette");
  g_assert_cmpstr (nf_document_get_language (doc), ==, "es");
  g_assert_cmpstr (nf_document_get_canonical_uri (doc), ==, "https://gazette.example/solar-roof");
  g_assert_cmpstr (nf_document_get_description (doc), ==, "Panels cover the whole roof.");
}

/* <time> alone: the one in the article's header, not the sidebar's; an
 * "updated" one is the modified date; the <h1> is the title. */
static void
test_meta_time (void)
{
  g_autoptr(NfDocument) doc = clean_test_file ("meta-time.html", NULL);

  g_assert_cmpstr (nf_document_get_title (doc), ==, "Night market returns to the old port");
  g_assert_cmpstr (nf_document_get_published (doc), ==, "2026-07-31T21:00:00Z");
  g_assert_cmpstr (nf_document_get_modified (doc), ==, "2026-08-01T03:30:00Z");
  assert_authors (doc, "");
}

/* An English byline: two linked names, their role and the date after a
 * bar dropped; the bio box and the sidebar's byline are not read. */
static void
test_meta_byline_english (void)
{
  g_autoptr(NfDocument) doc = clean_test_file ("meta-byline-en.html", NULL);

  assert_authors (doc, "Jane Doe;John Roe");
  g_assert_cmpstr (nf_document_get_published (doc), ==, "2026-03-12");
  g_assert_cmpstr (nf_document_get_title (doc), ==, "Wind farm plan approved");
}

static void
test_meta_byline_german (void)
{
  g_autoptr(NfDocument) doc = clean_test_file ("meta-byline-de.html", NULL);

  assert_authors (doc, "Anna Müller;Jörg Weiß");
  g_assert_cmpstr (nf_document_get_published (doc), ==, "2026-03-12");
  g_assert_cmpstr (nf_document_get_language (doc), ==, "de");
}

/* Microdata: each itemprop=author gives its itemprop=name. */
static void
test_meta_byline_french (void)
{
  g_autoptr(NfDocument) doc = clean_test_file ("meta-byline-fr.html", NULL);

  assert_authors (doc, "Claire Dubois;Luc Martin");
  g_assert_cmpstr (nf_document_get_language (doc), ==, "fr");
}

/* rel=author links in a Cyrillic byline, a date written in Russian. */
static void
test_meta_byline_cyrillic (void)
{
  g_autoptr(NfDocument) doc = clean_test_file ("meta-byline-ru.html", NULL);

  assert_authors (doc, "Ирина Соколова;Павел Орлов");
  g_assert_cmpstr (nf_document_get_published (doc), ==, "2026-04-03");
  g_assert_cmpstr (nf_document_get_title (doc), ==, "Новый мост через реку");
}

static void
test_meta_byline_hcard (void)
{
  g_autoptr(NfDocument) doc = clean_test_file ("meta-hcard.html", NULL);

  assert_authors (doc, "Sam Okafor");
}

/* An author box (picture, description, "More from this author"), an
 * about-the-author note, a commenter's hCard and a sidebar byline: none
 * of them names the story's author. */
static void
test_meta_bio_is_not_a_byline (void)
{
  g_autoptr(NfDocument) doc = clean_test_file ("meta-bio.html", NULL);

  g_assert_null (nf_document_get_error (doc));
  assert_authors (doc, "");
  g_assert_null (nf_document_get_published (doc));
}

#define ARTICLE "<p>The council met on Tuesday evening and agreed the new budget for the coming year.</p>"

/* Bylines as pages write them, and the names they give. */
static void
test_meta_byline_forms (void)
{
  static const struct { const char *byline, *authors; } cases[] = {
    { "<div class=\"byline\">By Jane Doe | Updated 3 March 2026</div>", "Jane Doe" },
    { "<p class=\"byline\">Jane Doe, Reuters</p>", "Jane Doe" },
    { "<p class=\"byline\">BY JANE DOE AND JOHN ROE</p>", "JANE DOE;JOHN ROE" },
    { "<p class=\"author\">Por María José García y Luis Pérez</p>", "María José García;Luis Pérez" },
    { "<p class=\"author\">Di Marco Bianchi e Giulia Neri</p>", "Marco Bianchi;Giulia Neri" },
    { "<p class=\"byline\">Door Pieter de Vries en Anke Jansen</p>", "Pieter de Vries;Anke Jansen" },
    { "<p class=\"byline\">Av Lars Nilsson och Eva Berg</p>", "Lars Nilsson;Eva Berg" },
    { "<p class=\"byline\">Af Mette Holm og Søren Dahl</p>", "Mette Holm;Søren Dahl" },
    { "<p class=\"byline\">Von: Jan Kowalski</p>", "Jan Kowalski" },
    { "<p class=\"byline\">Di Maio</p>", "Di Maio" },
    { "<span class=\"byline\">홍길동 기자</span>", "홍길동" },
    { "<div class=\"author\">Analysis by Sam Lee, Senior Correspondent</div>", "Sam Lee" },
    { "<p class=\"byline\">By Ilana Ortiz, MS, RDN</p>", "Ilana Ortiz" },
    { "<p class=\"byline\">By Jane Q. Public &amp; John E. Smith</p>", "Jane Q. Public;John E. Smith" },
    { "<p class=\"byline\">By Jane Doe (jane@paper.example)</p>", "Jane Doe" },
    { "<div class=\"author-name\">Jane Doe</div><div class=\"author-bio\">Jane Doe writes about towns.</div>", "Jane Doe" },
    { "<a rel=\"author\" href=\"https://x.example/jane\">Follow Jane on Twitter</a>", "" },
    { "<div class=\"byline\">By <a href=\"mailto:x@y.example\">x@y.example</a></div>", "" },
    { "<div class=\"author\">Jane writes about towns and their people.</div>", "" },
    { "<div class=\"byline\">Staff writer</div>", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = g_strdup_printf ("<html><head><meta charset=\"utf-8\"></head><body><div class=\"story\">%s" ARTICLE "</div></body></html>",
                                               cases[i].byline);
      g_autoptr(NfDocument) doc = clean_test_html (html, -1, NULL);

      g_test_message ("%s", cases[i].byline);
      assert_authors (doc, cases[i].authors);
    }
}

/* Machine dates (article:published_time) as pages write them. */
static void
test_meta_date_forms (void)
{
  static const struct { const char *value, *published; } cases[] = {
    { "2026-11-27T10:00:00Z", "2026-11-27T10:00:00Z" },
    { "2026-11-27T10:00:00+01:00", "2026-11-27T09:00:00Z" },
    { "2026-11-27T10:00:00-0330", "2026-11-27T13:30:00Z" },
    { "2026-11-27T23:30:00-02", "2026-11-28T01:30:00Z" },
    { "2026-11-27T10:00:00.250Z", "2026-11-27T10:00:00Z" },
    { "2026-11-27T10:00", "2026-11-27T10:00:00Z" },
    { "2026-11-27 10:00:00", "2026-11-27T10:00:00Z" },
    { "2026-11-27 10:00:00 UTC", "2026-11-27T10:00:00Z" },
    { "2026/11/27", "2026-11-27" },
    { "2026-11-27", "2026-11-27" },
    { "2026-02-30", NULL },
    { "27.11.2026", NULL },
    { "yesterday", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html =
        g_strdup_printf ("<html><head><meta property=\"article:published_time\" content=\"%s\"></head>"
                         "<body><div class=\"story\">" ARTICLE "</div></body></html>", cases[i].value);
      g_autoptr(NfDocument) doc = clean_test_html (html, -1, NULL);

      g_test_message ("%s", cases[i].value);
      g_assert_cmpstr (nf_document_get_published (doc), ==, cases[i].published);
    }
}

/* Dates written out in a page's date line, in several languages. */
static void
test_meta_written_dates (void)
{
  static const struct { const char *line, *published; } cases[] = {
    { "Published 12 March 2026, 10:45", "2026-03-12" },
    { "March 12, 2026 at 10:45 am", "2026-03-12" },
    { "Sept. 3, 2026", "2026-09-03" },
    { "12. März 2026", "2026-03-12" },
    { "12.03.2026 um 10:45 Uhr", "2026-03-12" },
    { "le 12 mars 2026", "2026-03-12" },
    { "12 de marzo de 2026", "2026-03-12" },
    { "12 марта 2026 г.", "2026-03-12" },
    { "2026年3月12日 10時45分", "2026-03-12" },
    { "2026년 3월 12일", "2026-03-12" },
    { "3 min read", NULL },
    { "31 February 2026", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html =
        g_strdup_printf ("<html><head><meta charset=\"utf-8\"></head><body><div class=\"story\"><span class=\"date\">%s</span>" ARTICLE "</div></body></html>",
                         cases[i].line);
      g_autoptr(NfDocument) doc = clean_test_html (html, -1, NULL);

      g_test_message ("%s", cases[i].line);
      g_assert_cmpstr (nf_document_get_published (doc), ==, cases[i].published);
    }
}

/* The site's name leaves a <title> at its end or its start, and a title
 * that is only the site's name gives way to the <h1>. */
static void
test_meta_title_forms (void)
{
  static const struct { const char *head, *body, *title; } cases[] = {
    { "<title>Dam opens | Delta News</title><meta property=\"og:site_name\" content=\"Delta News\">", "", "Dam opens" },
    { "<title>Delta News — Dam opens</title><meta property=\"og:site_name\" content=\"Delta News\">", "", "Dam opens" },
    { "<title>Dam opens - Politics - Delta News</title><meta property=\"og:site_name\" content=\"Delta News\">", "", "Dam opens - Politics" },
    { "<title>Delta News</title><meta property=\"og:site_name\" content=\"Delta News\">", "<h1>Dam opens at last</h1>", "Dam opens at last" },
    { "<title>Dam opens - a long wait ends</title>", "", "Dam opens - a long wait ends" },
    { "<title>Dam opens: what it means | Delta</title>", "<h1>Dam opens: what it means</h1>", "Dam opens: what it means" },
    { "<link rel=\"canonical\" href=\"https://deltanews.example/dam\"><title>Dam opens | DeltaNews.example</title>", "", "Dam opens" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html =
        g_strdup_printf ("<html><head><meta charset=\"utf-8\">%s</head><body>%s<div class=\"story\">" ARTICLE "</div></body></html>",
                         cases[i].head, cases[i].body);
      g_autoptr(NfDocument) doc = clean_test_html (html, -1, NULL);

      g_test_message ("%s", cases[i].head);
      g_assert_cmpstr (nf_document_get_title (doc), ==, cases[i].title);
    }
}

/* Metadata authors are cleaned like a byline, but trusted: a byline word
 * and a role go, a single-word author stays. */
static void
test_meta_author_cleanup (void)
{
  static const struct { const char *head, *authors; } cases[] = {
    { "<meta name=\"author\" content=\"By KIM PARK, AP Science Writer\">", "KIM PARK" },
    { "<meta name=\"author\" content=\"Charlie Wood, Delta Insider\"><meta property=\"og:site_name\" content=\"Delta Insider Europe\">", "Charlie Wood" },
    { "<meta name=\"author\" content=\"newsdesk\">", "newsdesk" },
    { "<meta property=\"article:author\" content=\"https://www.facebook.example/deltanews\">", "" },
    { "<meta property=\"article:author\" content=\"https://www.facebook.example/deltanews\"><meta name=\"dc.creator\" content=\"Ola Nordmann\">", "Ola Nordmann" },
    { "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":\"Jane Doe and John Roe\"}</script>", "Jane Doe;John Roe" },
    { "<script type=\"application/ld+json\">{\"@type\":\"BlogPosting\",\"author\":{\"@type\":\"Person\",\"url\":\"https://x.example/a\"}}</script>"
      "<meta name=\"author\" content=\"Ana Lima\">", "Ana Lima" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html =
        g_strdup_printf ("<html><head><meta charset=\"utf-8\">%s</head><body><div class=\"story\">" ARTICLE "</div></body></html>",
                         cases[i].head);
      g_autoptr(NfDocument) doc = clean_test_html (html, -1, NULL);

      g_test_message ("%s", cases[i].head);
      assert_authors (doc, cases[i].authors);
    }
}

/* Markup nested far deeper than any byline walk could recurse. */
static void
test_meta_deep_nesting (void)
{
  g_autoptr(GString) html = g_string_new ("<html><body>");
  g_autoptr(NfDocument) doc = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append (html, "<div class=\"author-wrap\">");
  g_string_append (html, "<span class=\"byline\">By Dana Deep</span>" ARTICLE);
  for (guint i = 0; i < 200; i++)
    g_string_append (html, "</div>");
  g_string_append (html, "</body></html>");
  doc = clean_test_html (html->str, html->len, NULL);
  assert_authors (doc, "Dana Deep");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();

  g_test_add_func ("/clean/meta/json-ld-graph", test_meta_json_ld_graph);
  g_test_add_func ("/clean/meta/open-graph", test_meta_open_graph);
  g_test_add_func ("/clean/meta/meta-tags", test_meta_tags);
  g_test_add_func ("/clean/meta/time", test_meta_time);
  g_test_add_func ("/clean/meta/byline/english", test_meta_byline_english);
  g_test_add_func ("/clean/meta/byline/german", test_meta_byline_german);
  g_test_add_func ("/clean/meta/byline/french", test_meta_byline_french);
  g_test_add_func ("/clean/meta/byline/cyrillic", test_meta_byline_cyrillic);
  g_test_add_func ("/clean/meta/byline/hcard", test_meta_byline_hcard);
  g_test_add_func ("/clean/meta/byline/bio", test_meta_bio_is_not_a_byline);
  g_test_add_func ("/clean/meta/byline/forms", test_meta_byline_forms);
  g_test_add_func ("/clean/meta/byline/deep", test_meta_deep_nesting);
  g_test_add_func ("/clean/meta/dates/machine", test_meta_date_forms);
  g_test_add_func ("/clean/meta/dates/written", test_meta_written_dates);
  g_test_add_func ("/clean/meta/title", test_meta_title_forms);
  g_test_add_func ("/clean/meta/authors/metadata", test_meta_author_cleanup);

  return g_test_run ();
}
