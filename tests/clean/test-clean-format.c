/* test-clean-format.c: the format property of clean (text, markdown, html)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "clean-test-util.h"

#include <string.h>

#define PAGE_URI "https://allotments.example/news/2026/seed-library"

/* Runs `appsrc ! clean PROPERTIES ! appsink` on an HTML page with the
 * address @uri (which relative links resolve against). */
static NfDocument *
clean_page (const char *html,
            const char *uri,
            const char *clean_properties)
{
  g_autofree char *description =
    g_strdup_printf ("appsrc name=in ! clean %s ! appsink name=out emit-signals=false",
                     clean_properties);
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPipeline) pipeline = nf_parse_launch (description, &error);
  g_autoptr(NfDocument) input = nf_document_new ("page");
  g_autoptr(GBytes) bytes = g_bytes_new (html, strlen (html));
  NfDocument *document;

  g_assert_no_error (error);
  nf_document_set_content (input, bytes, "text/html; charset=utf-8");
  if (uri != NULL)
    nf_document_set_uri (input, uri);
  g_assert_true (nf_app_src_push_document (NF_APP_SRC (nf_pipeline_get_by_name (pipeline, "in")), input));
  nf_app_src_end_of_stream (NF_APP_SRC (nf_pipeline_get_by_name (pipeline, "in")));
  nf_pipeline_run (pipeline, NULL, &error);
  g_assert_no_error (error);
  document = nf_app_sink_pull_document (NF_APP_SINK (nf_pipeline_get_by_name (pipeline, "out")));
  g_assert_nonnull (document);
  g_assert_null (nf_document_get_error (document));
  return document;
}

/* The fixture @name under tests/clean/data, cleaned as if fetched from
 * PAGE_URI. */
static NfDocument *
clean_fixture (const char *name,
               const char *clean_properties)
{
  const char *srcdir = g_getenv ("NF_TEST_SRCDIR");
  g_autofree char *path = g_build_filename (srcdir != NULL ? srcdir : ".", "clean", "data", name, NULL);
  g_autofree char *html = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &html, NULL, &error);
  g_assert_no_error (error);
  return clean_page (html, PAGE_URI, clean_properties);
}

static void
test_format_article_text (void)
{
  g_autoptr(NfDocument) doc = clean_fixture ("format-article.html", "format=text");
  g_autoptr(NfDocument) plain = clean_fixture ("format-article.html", "");

  g_assert_cmpstr (nf_document_get_text (doc), ==,
    "The allotment society on Mill Lane has opened a seed library where members borrow seeds in spring and return seeds from their own harvest in autumn.\n\n"
    "How borrowing works\n\n"
    "Members pick up to five packets a season, the secretary said on Tuesday at the annual meeting.\n\n"
    "Choose packets from the spring drawer\n\n"
    "Write them in the ledger\n\n"
    "Name and plot number\n\n"
    "Variety borrowed\n\n"
    "Return fresh seed by the end of October\n\n"
    "A seed kept is a season saved, as our oldest member likes to say.\n\n"
    "Crop Packets\n\n"
    "Runner beans 40\n\n"
    "Tomatoes 25\n\n"
    "The seed drawers in the society's shed.\n\n"
    "Opening hours: Saturday 9-12 Sunday 10-12\n\n"
    "The library is open to members only,\n\n"
    "and new members can join at the shed.");
  g_assert_cmpstr (nf_document_get_text (plain), ==, nf_document_get_text (doc));
}

static void
test_format_article_markdown (void)
{
  g_autoptr(NfDocument) doc = clean_fixture ("format-article.html", "format=markdown");

  g_assert_cmpstr (nf_document_get_title (doc), ==, "Allotment society opens a seed library");
  g_assert_cmpstr (nf_document_get_text (doc), ==,
    "The allotment society on Mill Lane has opened a [seed library](https://allotments.example/garden/seed-library) "
    "where members *borrow* seeds in spring and return seeds from their **own harvest** in autumn.\n\n"
    "## How borrowing works\n\n"
    "Members pick up to five packets a season, the secretary said on Tuesday at the "
    "[annual meeting](https://allotments.example/meeting).\n\n"
    "1. Choose packets from the *spring* drawer\n"
    "2. Write them in the ledger\n"
    "   - Name and plot number\n"
    "   - Variety borrowed\n"
    "3. Return fresh seed by the end of October\n\n"
    "> A seed kept is a season saved, as our oldest member likes to say.\n\n"
    "| Crop | Packets |\n"
    "| --- | --- |\n"
    "| Runner beans | 40 |\n"
    "| Tomatoes | 25 |\n\n"
    "The seed drawers in the society's shed.\n\n"
    "```\n"
    "Opening hours:\n"
    "  Saturday  9-12\n"
    "  Sunday   10-12\n"
    "```\n\n"
    "The library is open to members only,  \n"
    "and new members can join at the shed.");
}

static void
test_format_article_html (void)
{
  g_autoptr(NfDocument) doc = clean_fixture ("format-article.html", "format=html");

  g_assert_cmpstr (nf_document_get_text (doc), ==,
    "<p>The allotment society on Mill Lane has opened a <a href=\"https://allotments.example/garden/seed-library\">seed library</a> "
    "where members <em>borrow</em> seeds in spring and return seeds from their <strong>own harvest</strong> in autumn.</p>\n"
    "<h2>How borrowing works</h2>\n"
    "<p>Members pick up to five packets a season, the secretary said on Tuesday at the "
    "<a href=\"https://allotments.example/meeting\">annual meeting</a>.</p>\n"
    "<ol>\n"
    "<li>Choose packets from the <em>spring</em> drawer</li>\n"
    "<li>Write them in the ledger\n"
    "<ul>\n"
    "<li>Name and plot number</li>\n"
    "<li>Variety borrowed</li>\n"
    "</ul>\n"
    "</li>\n"
    "<li>Return fresh seed by the end of October</li>\n"
    "</ol>\n"
    "<blockquote>\n"
    "<p>A seed kept is a season saved, as our oldest member likes to say.</p>\n"
    "</blockquote>\n"
    "<table>\n"
    "<tr><th>Crop</th><th>Packets</th></tr>\n"
    "<tr><td>Runner beans</td><td>40</td></tr>\n"
    "<tr><td>Tomatoes</td><td>25</td></tr>\n"
    "</table>\n"
    "<figure><figcaption>The seed drawers in the society's shed.</figcaption></figure>\n"
    "<pre>Opening hours:\n"
    "  Saturday  9-12\n"
    "  Sunday   10-12</pre>\n"
    "<p>The library is open to members only,<br>and new members can join at the shed.</p>");
}

/* A page that tries everything a reader must not run. */
static const char hostile_page[] =
  "<html><head><title>Pond survey</title><style>p { display: none }</style>"
  "<script>steal()</script></head><body><article>"
  "<h1>Pond survey</h1>"
  "<p style=\"color: red\" onclick=\"steal()\">Volunteers counted <a href=\"javascript:steal()\">forty newts</a> "
  "in the village pond, <a href=\" JaVa&#x09;Script:steal()\">more</a> than last year.</p>"
  "<p class=\"x\" onmouseover=\"steal()\">The survey found <a href=\"data:text/html,&lt;script&gt;steal()&lt;/script&gt;\">frogs</a> "
  "and <a href=\"vbscript:msgbox\">toads</a> near the reeds <img src=\"x\" onerror=\"steal()\"> as well.</p>"
  "<iframe src=\"https://evil.example/\">Your browser does not show frames.</iframe>"
  "<script>document.write('steal')</script>"
  "<p>The next survey, <a href=\"https://pond.example/survey?a=1&amp;b=2\" onclick=\"steal()\" style=\"x\">open to all</a>, "
  "is in May &lt;script&gt; &amp; \"quoted\".</p>"
  "</article></body></html>";

static void
test_format_html_is_safe (void)
{
  g_autoptr(NfDocument) doc = clean_page (hostile_page, "https://pond.example/news/survey", "format=html");
  const char *text = nf_document_get_text (doc);
  g_autofree char *lower = g_ascii_strdown (text, -1);

  g_assert_null (strstr (lower, "<script"));
  g_assert_null (strstr (lower, "<style"));
  g_assert_null (strstr (lower, "<iframe"));
  g_assert_null (strstr (lower, "<img"));
  g_assert_null (strstr (lower, "javascript:"));
  g_assert_null (strstr (lower, "vbscript:"));
  g_assert_null (strstr (lower, "data:"));
  g_assert_null (strstr (lower, "style="));
  g_assert_null (strstr (lower, "class="));
  g_assert_null (strstr (lower, "onclick="));
  g_assert_null (strstr (lower, "onerror="));
  g_assert_null (strstr (lower, "onmouseover="));
  g_assert_null (strstr (lower, "steal()"));
  g_assert_cmpstr (text, ==,
    "<p>Volunteers counted forty newts in the village pond, more than last year.</p>\n"
    "<p>The survey found frogs and toads near the reeds as well.</p>\n"
    "<p>The next survey, <a href=\"https://pond.example/survey?a=1&amp;b=2\">open to all</a>, "
    "is in May &lt;script&gt; &amp; &quot;quoted&quot;.</p>");
}

static void
test_format_markdown_escapes (void)
{
  static const char page[] =
    "<html><body><article>"
    "<p>Prices rose by 5*2 percent at the *market* stall_one, [said] the <code>a`b</code> sign # here.</p>"
    "<p>- not a list item, though the market manager wrote it on the board that way.</p>"
    "<p>1. not a numbered item either, the treasurer said of the note on the door.</p>"
    "<p>A <em> spaced </em>word and a <a href=\"/x\"><img src=\"y\"></a>link around an image.</p>"
    "</article></body></html>";
  g_autoptr(NfDocument) doc = clean_page (page, "https://market.example/a/b", "format=markdown");

  g_assert_cmpstr (nf_document_get_text (doc), ==,
    "Prices rose by 5\\*2 percent at the \\*market\\* stall\\_one, \\[said\\] the `` a`b `` sign \\# here.\n\n"
    "\\- not a list item, though the market manager wrote it on the board that way.\n\n"
    "1\\. not a numbered item either, the treasurer said of the note on the door.\n\n"
    "A *spaced* word and a link around an image.");
}

static void
test_format_plain_text_input (void)
{
  static const char text[] =
    "Ducks at the mill pond\n\n"
    "The ducks of the mill pond were counted on Sunday: 42 <adults> & *many* ducklings.\n\n"
    "- Next count: in June, the warden said.";
  g_autoptr(NfDocument) md = clean_test_text (text, "format=markdown");
  g_autoptr(NfDocument) html = clean_test_text (text, "format=html");
  g_autoptr(NfDocument) plain = clean_test_text (text, "format=text");

  g_assert_cmpstr (nf_document_get_title (md), ==, "Ducks at the mill pond");
  g_assert_cmpstr (nf_document_get_text (plain), ==,
    "The ducks of the mill pond were counted on Sunday: 42 <adults> & *many* ducklings.\n\n"
    "- Next count: in June, the warden said.");
  g_assert_cmpstr (nf_document_get_text (md), ==,
    "The ducks of the mill pond were counted on Sunday: 42 \\<adults\\> & \\*many\\* ducklings.\n\n"
    "\\- Next count: in June, the warden said.");
  g_assert_cmpstr (nf_document_get_text (html), ==,
    "<p>The ducks of the mill pond were counted on Sunday: 42 &lt;adults&gt; &amp; *many* ducklings.</p>\n"
    "<p>- Next count: in June, the warden said.</p>");
}

/* Pieces of one element cut by <br> or by paragraphs of one list item are
 * joined again; two <br> make a new paragraph; tables and lists keep their
 * quote; a fence is longer than the backticks it holds; <base href> is
 * the base of relative links; only http, https and mailto links stay. */
static void
test_format_markdown_structure (void)
{
  static const char page[] =
    "<html><head><base href=\"https://base.example/dir/\"></head><body><article>"
    "<p>First paragraph of the edge page, long enough to count as prose for sure.</p>"
    "<ul><li>Item one<br>second line of item one</li><li><p>Para A in item</p><p>Para B in item</p></li></ul>"
    "<table><tr><td>Layout cell with a long text that goes on<br><br>and a second paragraph in the layout cell.</td></tr></table>"
    "<table><tr><td>a|b and some more text in the cell</td><td><a href=\"x(1).html\">paren link</a></td></tr></table>"
    "<blockquote><table><tr><th>Q</th></tr><tr><td>in quote</td></tr></table><ul><li>quoted item</li></ul></blockquote>"
    "<pre>has ``` fence\nand <b>bold</b> &amp; more</pre>"
    "<p>Mail <a href=\"mailto:desk@news.example\">the desk</a> or <a href=\"ftp://x.example/f\">ftp</a> "
    "or <a href=\"#top\">top</a>; <sub>2</sub> and <sup>3</sup>.</p>"
    "<p><strong>Bold <em>and italic</em></strong> <em><em>double</em></em> <code>x*y</code></p>"
    "</article></body></html>";
  g_autoptr(NfDocument) doc = clean_page (page, "https://page.example/a", "format=markdown");

  g_assert_cmpstr (nf_document_get_text (doc), ==,
    "First paragraph of the edge page, long enough to count as prose for sure.\n\n"
    "- Item one  \n"
    "  second line of item one\n"
    "- Para A in item  \n"
    "  Para B in item\n\n"
    "Layout cell with a long text that goes on\n\n"
    "and a second paragraph in the layout cell.\n\n"
    "| a\\|b and some more text in the cell | [paren link](https://base.example/dir/x%281%29.html) |\n"
    "| --- | --- |\n\n"
    "> | Q |\n"
    "> | --- |\n"
    "> | in quote |\n"
    ">\n"
    "> - quoted item\n\n"
    "````\n"
    "has ``` fence\n"
    "and bold & more\n"
    "````\n\n"
    "Mail [the desk](mailto:desk@news.example) or ftp or [top](https://base.example/dir/#top); 2 and 3.\n\n"
    "**Bold *and italic*** *double* `x*y`");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();

  g_test_add_func ("/clean/format/text", test_format_article_text);
  g_test_add_func ("/clean/format/markdown", test_format_article_markdown);
  g_test_add_func ("/clean/format/html", test_format_article_html);
  g_test_add_func ("/clean/format/html-safe", test_format_html_is_safe);
  g_test_add_func ("/clean/format/markdown-escapes", test_format_markdown_escapes);
  g_test_add_func ("/clean/format/markdown-structure", test_format_markdown_structure);
  g_test_add_func ("/clean/format/plain-text-input", test_format_plain_text_input);

  return g_test_run ();
}
