/* test-feeds.c: URL normalisation, the feed parser, the feed state and the
 * feedsrc element
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <newsfilter.h>
#include "test-temp-dir.h"

#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "test-temp-dir.h"
#include "nf-url.h"
#include "nf-feed-parser.h"
#include "nf-feed-state.h"
#include "nf-fetch-error.h"
#include "test-http-server.h"

/* ---- Helpers ---- */

static char *
fixture_path (const char *name)
{
  const char *srcdir = g_getenv ("NF_TEST_SRCDIR");

  g_assert_nonnull (srcdir);
  return g_build_filename (srcdir, "soup", "feeds", name, NULL);
}

static GBytes *
fixture_bytes (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static NfFeed *
parse_fixture (const char  *name,
               const char  *url,
               GError     **error)
{
  g_autoptr(GBytes) bytes = fixture_bytes (name);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  return nf_feed_parse (data, length, url, NULL, error);
}

static NfFeed *
parse_string (const char  *text,
              const char  *url,
              GError     **error)
{
  return nf_feed_parse ((const guint8 *) text, strlen (text), url, NULL, error);
}

static NfFeedEntry *
entry_at (NfFeed *feed,
          guint   index)
{
  g_assert_cmpuint (index, <, feed->entries->len);
  return g_ptr_array_index (feed->entries, index);
}

/* Authors joined with "|", so a failure shows them all. */
static char *
join_authors (GPtrArray *authors)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < authors->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", (char *) g_ptr_array_index (authors, i));
  return g_string_free (out, FALSE);
}

static void
assert_authors (GPtrArray  *authors,
                const char *expected)
{
  g_autofree char *joined = join_authors (authors);

  g_assert_cmpstr (joined, ==, expected);
}


/* ---- URLs ---- */

static const struct {
  const char *input;
  const char *expected;   /* NULL: not an http(s) URL */
} normalize_cases[] = {
  /* scheme and host case */
  { "HTTP://Example.COM/a", "http://example.com/a" },
  { "hTTpS://WWW.Example.Org/Path/To", "https://www.example.org/Path/To" },
  /* empty path */
  { "http://example.com", "http://example.com/" },
  { "http://example.com?x=1", "http://example.com/?x=1" },
  /* default ports */
  { "http://example.com:80/a", "http://example.com/a" },
  { "https://example.com:443/a", "https://example.com/a" },
  { "http://example.com:8080/a", "http://example.com:8080/a" },
  { "https://example.com:80/a", "https://example.com:80/a" },
  { "http://example.com:443/a", "http://example.com:443/a" },
  /* fragment */
  { "http://example.com/a#frag", "http://example.com/a" },
  { "http://example.com/a?b=1#frag", "http://example.com/a?b=1" },
  /* tracking parameters */
  { "http://example.com/a?utm_source=x&utm_medium=y", "http://example.com/a" },
  { "http://example.com/a?id=3&utm_campaign=z&page=2", "http://example.com/a?id=3&page=2" },
  { "http://example.com/a?UTM_Source=x&b=1", "http://example.com/a?b=1" },
  { "http://example.com/a?fbclid=IwAR0abc", "http://example.com/a" },
  { "http://example.com/a?gclid=x&dclid=y&msclkid=z", "http://example.com/a" },
  { "http://example.com/a?mc_cid=1&mc_eid=2&keep=3", "http://example.com/a?keep=3" },
  { "http://example.com/a?yclid=1&_hsenc=2&_hsmi=3", "http://example.com/a" },
  { "http://example.com/a?igshid=1&ref_src=twsrc", "http://example.com/a" },
  { "http://example.com/a?_ga=1&x=1", "http://example.com/a?x=1" },
  { "http://example.com/a?utm_source=x#frag", "http://example.com/a" },
  /* other parameters stay, in their order */
  { "http://example.com/a?b=2&a=1", "http://example.com/a?b=2&a=1" },
  { "http://example.com/a?ref=home", "http://example.com/a?ref=home" },
  { "http://example.com/a?", "http://example.com/a" },
  { "http://example.com/a?x=1&&y=2", "http://example.com/a?x=1&y=2" },
  { "http://example.com/a?q=a+b&r=%20", "http://example.com/a?q=a+b&r=%20" },
  /* percent-encoding */
  { "http://example.com/%7Euser/%41bc", "http://example.com/~user/Abc" },
  { "http://example.com/a%2fb", "http://example.com/a%2Fb" },
  { "http://example.com/a%e2%82%ac", "http://example.com/a%E2%82%AC" },
  { "http://example.com/a?q=%7e%2d", "http://example.com/a?q=~-" },
  { "http://example.com/a b", "http://example.com/a%20b" },
  { "http://example.com/caf\xc3\xa9", "http://example.com/caf%C3%A9" },
  /* dot segments */
  { "http://example.com/a/./b/../c", "http://example.com/a/c" },
  { "http://example.com/../a", "http://example.com/a" },
  { "http://example.com/a/b/..", "http://example.com/a/" },
  /* hosts */
  { "https://b\xc3\xbc" "cher.example/x", "https://xn--bcher-kva.example/x" },
  { "http://EXAMPLE.com./a", "http://example.com/a" },
  { "http://[2001:DB8::1]:80/a", "http://[2001:db8::1]/a" },
  { "http://192.168.0.1:8080", "http://192.168.0.1:8080/" },
  { "http://user:pw@example.com/", "http://user:pw@example.com/" },
  /* white space around */
  { "  https://example.com/a\n", "https://example.com/a" },
  /* not http(s) URLs */
  { "ftp://example.com/a", NULL },
  { "mailto:someone@example.com", NULL },
  { "file:///etc/passwd", NULL },
  { "/relative/path", NULL },
  { "example.com/a", NULL },
  { "", NULL },
  { "http:///nohost", NULL },
  { "http://exa mple.com/", NULL },
};

static void
test_url_normalize (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (normalize_cases), >=, 30);

  for (guint i = 0; i < G_N_ELEMENTS (normalize_cases); i++)
    {
      g_autofree char *got = nf_url_normalize (normalize_cases[i].input);

      g_test_message ("%s", normalize_cases[i].input);
      g_assert_cmpstr (got, ==, normalize_cases[i].expected);

      /* Normalising twice changes nothing. */
      if (got != NULL)
        {
          g_autofree char *again = nf_url_normalize (got);

          g_assert_cmpstr (again, ==, got);
          g_assert_true (nf_url_is_http (got));
        }
    }

  g_assert_null (nf_url_normalize (NULL));
}

static void
test_url_resolve (void)
{
  static const struct {
    const char *base;
    const char *reference;
    const char *expected;
  } cases[] = {
    { "https://a.example/b/c.xml", "d.html", "https://a.example/b/d.html" },
    { "https://a.example/b/c.xml", "/d", "https://a.example/d" },
    { "https://a.example/b/c.xml", "//cdn.example/x", "https://cdn.example/x" },
    { "https://a.example/b/c.xml", "https://z.example/", "https://z.example/" },
    { "https://a.example/b/c/", "../up", "https://a.example/b/up" },
    { "https://a.example/b/c", "?q=1", "https://a.example/b/c?q=1" },
    { "https://a.example/b/c", "#f", "https://a.example/b/c#f" },
    { "https://a.example/b/c", "  d\n ", "https://a.example/b/d" },
    { NULL, "https://z.example/", "https://z.example/" },
    { NULL, "rel/x", "rel/x" },
    { "not a url", "rel/x", "rel/x" },
    { "https://a.example/b", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = nf_url_resolve (cases[i].base, cases[i].reference);

      g_test_message ("%s + %s", cases[i].base, cases[i].reference);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_url_is_http (void)
{
  g_assert_true (nf_url_is_http ("http://a.example"));
  g_assert_true (nf_url_is_http ("HTTPS://a.example/b?c"));
  g_assert_false (nf_url_is_http ("ftp://a.example/"));
  g_assert_false (nf_url_is_http ("file:///tmp/x"));
  g_assert_false (nf_url_is_http ("/tmp/x"));
  g_assert_false (nf_url_is_http ("http://"));
  g_assert_false (nf_url_is_http (""));
  g_assert_false (nf_url_is_http (NULL));
}

/* ---- Dates ---- */

static void
test_dates (void)
{
  static const struct {
    const char *input;
    const char *expected;
  } cases[] = {
    /* RFC 822 and its variants */
    { "Tue, 03 Nov 2026 08:30:00 +0100", "2026-11-03T07:30:00Z" },
    { "Mon, 2 Nov 2026 17:05:00 EST", "2026-11-02T22:05:00Z" },
    { "Mon, 02 Nov 2026 17:05:00 EDT", "2026-11-02T21:05:00Z" },
    { "02 Nov 2026 17:05 PDT", "2026-11-03T00:05:00Z" },
    { "Mon, 02 Nov 2026 10:00:00 PST", "2026-11-02T18:00:00Z" },
    { "Mon, 02 Nov 2026 10:00:00 CST", "2026-11-02T16:00:00Z" },
    { "Mon, 02 Nov 2026 10:00:00 MDT", "2026-11-02T16:00:00Z" },
    { "Mon, 02 Nov 26 10:00:00 GMT", "2026-11-02T10:00:00Z" },
    { "Monday, 02 November 2026 10:00:00 +05:30", "2026-11-02T04:30:00Z" },
    { "Mon, 02 Nov 2026 10:00:00", "2026-11-02T10:00:00Z" },
    { "Mon, 02 Nov 2026", "2026-11-02T00:00:00Z" },
    { "Mon Nov  2 10:00:00 2026", "2026-11-02T10:00:00Z" },
    { "Mon, 02 Nov 2026 10:00:00 UT", "2026-11-02T10:00:00Z" },
    { "Mon, 02 Nov 2026 10:00:00 Z", "2026-11-02T10:00:00Z" },
    { "Mon, 02 Nov 2026 10:00:00 +0000 (UTC)", "2026-11-02T10:00:00Z" },
    { "Mon, 02 Nov 2026 10:00:00 GMT+2", "2026-11-02T08:00:00Z" },
    { "Mon, 02 Nov 2026 10:00:00 -07:00", "2026-11-02T17:00:00Z" },
    { "Thu, 31 Dec 2026 23:30:00 -0100", "2027-01-01T00:30:00Z" },
    { "Thu, 29 Feb 2024 12:00:00 CET", "2024-02-29T11:00:00Z" },
    { "Wed, 02 Sept 2026 10:00:00 BST", "2026-09-02T09:00:00Z" },
    { "Wed, 02 Sep. 2026 10:00:00.250 GMT", "2026-09-02T10:00:00Z" },
    { "mon, 02 nov 2026 10:00:00 gmt", "2026-11-02T10:00:00Z" },
    { "  Mon, 02 Nov 2026 10:00:00 GMT \n", "2026-11-02T10:00:00Z" },
    /* RFC 3339 / ISO 8601 */
    { "2026-11-02T10:00:00Z", "2026-11-02T10:00:00Z" },
    { "2026-11-02T10:00:00.123+02:00", "2026-11-02T08:00:00Z" },
    { "2026-11-02t10:00:00z", "2026-11-02T10:00:00Z" },
    { "2026-11-02 10:00:00", "2026-11-02T10:00:00Z" },
    { "2026-11-02T10:00Z", "2026-11-02T10:00:00Z" },
    { "2026-11-02", "2026-11-02T00:00:00Z" },
    /* not dates */
    { "", NULL },
    { "yesterday", NULL },
    { "Mon, 31 Feb 2026 10:00:00 GMT", NULL },
    { "Mon, 02 Foo 2026 10:00:00 GMT", NULL },
    { "Mon, 02 Nov 2026 25:00:00 GMT", NULL },
    { "2026-13-01T00:00:00Z", NULL },
    { "10:00:00", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = nf_feed_parse_date (cases[i].input);

      g_test_message ("[%s]", cases[i].input);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }

  g_assert_null (nf_feed_parse_date (NULL));
}

/* ---- Formats ---- */

static void
test_parse_rss2 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfFeed) feed = parse_fixture ("rss2.xml", "https://gazette.example.org/feed.xml", &error);
  NfFeedEntry *entry;

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  g_assert_cmpint (feed->format, ==, NF_FEED_FORMAT_RSS);
  g_assert_cmpstr (feed->title, ==, "The Example Gazette");
  g_assert_cmpstr (feed->link, ==, "https://gazette.example.org/");
  g_assert_null (feed->warning);
  g_assert_cmpuint (feed->entries->len, ==, 3);
  g_assert_cmpuint (feed->feeds->len, ==, 0);

  entry = entry_at (feed, 0);
  g_assert_cmpstr (entry->id, ==, "gazette-1001");
  g_assert_cmpstr (entry->link, ==, "https://Gazette.Example.org:443/city/bridge-reopens?utm_source=rss&utm_medium=feed#top");
  g_assert_cmpstr (entry->title, ==, "Harbour bridge reopens after repairs");
  g_assert_cmpstr (entry->published, ==, "2026-11-03T07:30:00Z");
  g_assert_null (entry->updated);
  assert_authors (entry->authors, "Mira Okafor|Tomas Lind");
  g_assert_cmpstr (entry->summary, ==, "<p>The bridge is <b>open</b> again &amp; traffic flows.</p>");
  g_assert_cmpstr (entry->content, ==, "<p>The harbour bridge reopened on Tuesday.</p><p>Repairs took six weeks.</p>");

  entry = entry_at (feed, 1);
  g_assert_cmpstr (entry->id, ==, "https://gazette.example.org/politics/budget-vote");
  /* A relative link, resolved against the feed's URL. */
  g_assert_cmpstr (entry->link, ==, "https://gazette.example.org/politics/budget-vote");
  g_assert_cmpstr (entry->title, ==, "Council votes on the budget");
  g_assert_cmpstr (entry->published, ==, "2026-11-02T22:05:00Z");
  assert_authors (entry->authors, "Ada Brennan");
  g_assert_cmpstr (entry->summary, ==, "Councillors vote 7 to 4 in favour.");
  g_assert_null (entry->content);

  /* No link: the permalink guid stands for it. */
  entry = entry_at (feed, 2);
  g_assert_cmpstr (entry->id, ==, "https://gazette.example.org/weather/mild-week");
  g_assert_cmpstr (entry->link, ==, "https://gazette.example.org/weather/mild-week");
  g_assert_cmpstr (entry->published, ==, "2026-11-01T06:00:00Z");
  assert_authors (entry->authors, "");
}

static void
test_parse_rdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfFeed) feed = parse_fixture ("rdf.xml", "https://valley.example.net/rss", &error);
  NfFeedEntry *entry;

  g_assert_no_error (error);
  g_assert_cmpint (feed->format, ==, NF_FEED_FORMAT_RDF);
  g_assert_cmpstr (feed->title, ==, "Valley Courier");
  g_assert_cmpstr (feed->link, ==, "https://valley.example.net/");
  g_assert_cmpuint (feed->entries->len, ==, 2);

  entry = entry_at (feed, 0);
  g_assert_cmpstr (entry->id, ==, "https://valley.example.net/news/mill");
  g_assert_cmpstr (entry->link, ==, "https://valley.example.net/news/mill");
  g_assert_cmpstr (entry->title, ==, "Old mill becomes a library");
  g_assert_cmpstr (entry->published, ==, "2026-10-30T07:15:00Z");
  assert_authors (entry->authors, "Petra Vogel");
  g_assert_cmpstr (entry->summary, ==, "The restored mill opens its doors to readers.");
  g_assert_null (entry->content);

  entry = entry_at (feed, 1);
  g_assert_cmpstr (entry->id, ==, "https://valley.example.net/news/school");
  g_assert_cmpstr (entry->title, ==, "School wins robotics prize");
  g_assert_cmpstr (entry->published, ==, "2026-10-29T00:00:00Z");
  assert_authors (entry->authors, "");
}

static void
test_parse_atom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfFeed) feed = parse_fixture ("atom.xml", "https://feeds.example.com/lab.atom", &error);
  NfFeedEntry *entry;

  g_assert_no_error (error);
  g_assert_cmpint (feed->format, ==, NF_FEED_FORMAT_ATOM);
  g_assert_cmpstr (feed->title, ==, "Notes from the Lab");
  /* xml:base on <feed> wins over the URL the feed came from. */
  g_assert_cmpstr (feed->link, ==, "https://atoms.example.com/blog/");
  g_assert_cmpuint (feed->entries->len, ==, 3);

  entry = entry_at (feed, 0);
  g_assert_cmpstr (entry->id, ==, "tag:atoms.example.com,2026:1");
  g_assert_cmpstr (entry->link, ==, "https://atoms.example.com/blog/posts/cooling.html");
  g_assert_cmpstr (entry->title, ==, "Cooling quantum chips");
  g_assert_cmpstr (entry->published, ==, "2026-11-05T09:00:00Z");
  g_assert_cmpstr (entry->updated, ==, "2026-11-05T11:30:00Z");
  assert_authors (entry->authors, "Ines Duarte");
  g_assert_cmpstr (entry->summary, ==, "A short note on cold chips.");
  g_assert_cmpstr (entry->content, ==, "<p>Chips run <b>colder</b>.</p>");

  /* xml:base on the entry, relative to the feed's. */
  entry = entry_at (feed, 1);
  g_assert_cmpstr (entry->link, ==, "https://atoms.example.com/archive/2026/noise");
  g_assert_cmpstr (entry->title, ==, "Measuring noise");
  g_assert_null (entry->published);
  g_assert_cmpstr (entry->updated, ==, "2026-11-04T08:00:00Z");
  /* No author of its own: the feed's. */
  assert_authors (entry->authors, "Lab Team");
  g_assert_cmpstr (entry->summary, ==, "<p>Noise &amp; signal.</p>");
  g_assert_cmpstr (entry->content, ==, "<p>We measured the noise floor.</p>");

  /* Text content is escaped to be HTML. */
  entry = entry_at (feed, 2);
  g_assert_cmpstr (entry->link, ==, "https://other.example.com/x?id=7&fbclid=abc");
  g_assert_cmpstr (entry->published, ==, "2026-11-04T07:59:59Z");
  g_assert_null (entry->summary);
  g_assert_cmpstr (entry->content, ==, "Less than 3 &lt; 4 is true.");
}

static void
test_parse_json_feed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfFeed) feed = parse_fixture ("jsonfeed.json", "https://almanac.example.org/feed.json", &error);
  NfFeedEntry *entry;

  g_assert_no_error (error);
  g_assert_cmpint (feed->format, ==, NF_FEED_FORMAT_JSON);
  g_assert_cmpstr (feed->title, ==, "Pocket Almanac");
  g_assert_cmpstr (feed->link, ==, "https://almanac.example.org/");
  g_assert_cmpuint (feed->entries->len, ==, 2);

  entry = entry_at (feed, 0);
  g_assert_cmpstr (entry->id, ==, "alm-1");
  g_assert_cmpstr (entry->link, ==, "https://almanac.example.org/tides");
  g_assert_cmpstr (entry->title, ==, "Spring tides this weekend");
  g_assert_cmpstr (entry->published, ==, "2026-11-06T12:00:00Z");
  g_assert_cmpstr (entry->updated, ==, "2026-11-06T09:00:00Z");
  assert_authors (entry->authors, "Kai Moreno|Lena Park");
  g_assert_cmpstr (entry->summary, ==, "High water &amp; strong currents.");
  g_assert_cmpstr (entry->content, ==, "<p>Expect <em>high</em> water.</p>");

  entry = entry_at (feed, 1);
  g_assert_cmpstr (entry->id, ==, "42");
  g_assert_cmpstr (entry->link, ==, "https://almanac.example.org/moon");
  g_assert_cmpstr (entry->published, ==, "2026-11-05T12:00:00Z");
  assert_authors (entry->authors, "Almanac Staff");
  g_assert_cmpstr (entry->summary, ==, "The moon is full at 21:00.");
  g_assert_cmpstr (entry->content, ==, "The moon is full at 21:00.");
}

static void
test_parse_opml (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfFeed) feed = parse_fixture ("feeds.opml", "https://lists.example.org/mine.opml", &error);

  g_assert_no_error (error);
  g_assert_cmpint (feed->format, ==, NF_FEED_FORMAT_OPML);
  g_assert_cmpstr (feed->title, ==, "My subscriptions");
  g_assert_cmpuint (feed->entries->len, ==, 0);
  g_assert_cmpuint (feed->feeds->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (feed->feeds, 0), ==, "https://one.example.org/rss.xml");
  g_assert_cmpstr (g_ptr_array_index (feed->feeds, 1), ==, "https://atoms.example.com/blog/atom.xml");
  g_assert_cmpstr (g_ptr_array_index (feed->feeds, 2), ==, "https://deep.example.org/feed");
  g_assert_cmpstr (g_ptr_array_index (feed->feeds, 3), ==, "https://lists.example.org/rel/feed.xml");
}

static void
test_parse_not_a_feed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfFeed) feed = NULL;

  feed = parse_string ("<html><body><p>Hello</p></body></html>", "https://x.example/page", &error);
  g_assert_null (feed);
  g_assert_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED);
  g_assert_cmpstr (error->message, ==,
                   "feed https://x.example/page: not a feed: the root element is <html>, "
                   "not <rss>, <rdf:RDF>, <feed> or <opml>");
  g_clear_error (&error);

  feed = parse_string ("  \n ", "https://x.example/empty", &error);
  g_assert_null (feed);
  g_assert_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED);
  g_assert_cmpstr (error->message, ==, "feed https://x.example/empty: not a feed: the document is empty");
  g_clear_error (&error);

  feed = parse_string ("{\"title\": \"no version\"}", "https://x.example/f.json", &error);
  g_assert_null (feed);
  g_assert_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED);
  g_assert_true (g_str_has_prefix (error->message, "feed https://x.example/f.json: not a feed: JSON without a version"));
  g_clear_error (&error);

  feed = parse_string ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [", "f.json", &error);
  g_assert_null (feed);
  g_assert_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED);
  g_assert_true (g_str_has_prefix (error->message, "feed f.json: not valid JSON: "));
  g_clear_error (&error);

  /* json-glib recurses: deep nesting is refused before it parses. */
  {
    g_autoptr(GString) deep = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1\", \"x\": ");

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    feed = parse_string (deep->str, "deep.json", &error);
    g_assert_null (feed);
    g_assert_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED);
    g_assert_cmpstr (error->message, ==, "feed deep.json: refused: JSON nested more than 64 levels deep");
    g_clear_error (&error);
  }

  /* An empty but well-formed feed is a feed with nothing in it. */
  feed = parse_string ("<rss version=\"2.0\"><channel><title>Quiet</title></channel></rss>", "q.xml", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feed->entries->len, ==, 0);
  g_assert_cmpstr (feed->title, ==, "Quiet");
}

static void
test_parse_malformed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfFeed) feed = parse_fixture ("malformed.xml", "https://broken.example.org/rss", &error);

  g_assert_null (feed);
  g_assert_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED);
  g_assert_true (g_str_has_prefix (error->message, "feed https://broken.example.org/rss: not well-formed XML: line 4: "));
}

static void
test_parse_recoverable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfFeed) feed = parse_fixture ("recoverable.xml", "https://salt.example.org/rss", &error);

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  g_assert_cmpuint (feed->entries->len, ==, 2);
  g_assert_cmpstr (entry_at (feed, 0)->link, ==, "https://salt.example.org/fish-chips");
  g_assert_cmpstr (entry_at (feed, 1)->title, ==, "Second story");
  g_assert_nonnull (feed->warning);
  g_assert_true (g_str_has_prefix (feed->warning, "feed https://salt.example.org/rss: not well-formed XML (line 4: "));
  g_assert_true (g_str_has_suffix (feed->warning, "; read in recovery mode"));
}

static void
assert_no_field_contains (NfFeed     *feed,
                          const char *needle)
{
  g_assert_null (feed->title != NULL ? strstr (feed->title, needle) : NULL);
  for (guint i = 0; i < feed->entries->len; i++)
    {
      NfFeedEntry *entry = entry_at (feed, i);
      const char *fields[] = { entry->id, entry->link, entry->title, entry->summary, entry->content };

      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        g_assert_null (fields[j] != NULL ? strstr (fields[j], needle) : NULL);
    }
}

static void
test_parse_billion_laughs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfFeed) feed = NULL;
  gint64 start = g_get_monotonic_time ();

  feed = parse_fixture ("billion-laughs.xml", "https://laughs.example.org/rss", &error);

  /* Refused outright, quickly (a billion "lol"s would take gigabytes). */
  g_assert_null (feed);
  g_assert_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED);
  g_assert_true (g_str_has_prefix (error->message, "feed https://laughs.example.org/rss: refused: "));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);

  /* And in little memory: the whole test process stays small. */
  {
    struct rusage usage;

    g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
    g_assert_cmpint (usage.ru_maxrss, <, 256 * 1024);   /* KiB */
  }
}

static void
test_parse_entity_bound (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfFeed) feed = NULL;
  g_autoptr(GString) doc = g_string_new ("<!DOCTYPE rss [ <!ENTITY big \"");

  /* A small entity is fine (and expanded); one past the bound is not. */
  feed = parse_string ("<!DOCTYPE rss [ <!ENTITY co \"Example &amp; Co\"> ]>"
                       "<rss><channel><item><title>By &co;</title><link>https://e.example/1</link>"
                       "</item></channel></rss>", "small.xml", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (entry_at (feed, 0)->title, ==, "By Example & Co");
  g_clear_pointer (&feed, nf_feed_free);

  for (guint i = 0; i < NF_FEED_MAX_ENTITY_EXPANSION / 8 + 1; i++)
    g_string_append (doc, "12345678");
  g_string_append (doc, "\"> ]><rss><channel><item><title>&big;</title></item></channel></rss>");
  feed = parse_string (doc->str, "big.xml", &error);
  g_assert_null (feed);
  g_assert_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED);
  g_assert_cmpstr (error->message, ==,
                   "feed big.xml: refused: its DTD declares entities that expand to more than 65536 bytes");
  g_clear_error (&error);

  /* The quadratic blowup: an entity under the bound, referenced many
   * times. */
  g_string_assign (doc, "<!DOCTYPE rss [ <!ENTITY x \"");
  for (guint i = 0; i < 40000 / 8; i++)
    g_string_append (doc, "xxxxxxxx");
  g_string_append (doc, "\"> ]><rss><channel><item><link>https://q.example/1</link><title>");
  for (guint i = 0; i < 200; i++)
    g_string_append (doc, "&x;");
  g_string_append (doc, "</title></item></channel></rss>");
  {
    gint64 start = g_get_monotonic_time ();

    feed = parse_string (doc->str, "quadratic.xml", &error);
    g_assert_null (feed);
    g_assert_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED);
    g_assert_true (g_str_has_prefix (error->message, "feed quadratic.xml: refused: "));
    g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
    g_clear_error (&error);
  }

  /* Entities that refer to each other in a loop. */
  feed = parse_string ("<!DOCTYPE rss [ <!ENTITY a \"&b;\"> <!ENTITY b \"&a;\"> ]>"
                       "<rss><channel><item><title>&a;</title></item></channel></rss>", "loop.xml", &error);
  g_assert_null (feed);
  g_assert_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED);
}

static void
test_parse_external_entity (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfFeed) feed = parse_fixture ("xxe.xml", "https://xxe.example.org/rss", &error);
  g_autoptr(NfFeed) dtd_feed = NULL;

  /* Parsed, with the external entities left empty. */
  g_assert_no_error (error);
  g_assert_cmpuint (feed->entries->len, ==, 1);
  g_assert_cmpstr (entry_at (feed, 0)->title, ==, "Leak here");
  g_assert_cmpstr (feed->title, ==, "Curious");
  assert_no_field_contains (feed, "root:");
  assert_no_field_contains (feed, "/bin/");

  /* An external DTD is not loaded either (no network, no file). */
  dtd_feed = parse_string ("<?xml version=\"1.0\"?>\n"
                           "<!DOCTYPE rss SYSTEM \"file:///etc/passwd\">\n"
                           "<rss><channel><item><title>T</title><link>https://d.example/1</link></item></channel></rss>",
                           "dtd.xml", &error);
  if (dtd_feed != NULL)
    {
      g_assert_no_error (error);
      g_assert_cmpstr (entry_at (dtd_feed, 0)->title, ==, "T");
      assert_no_field_contains (dtd_feed, "root:");
    }
  else
    g_assert_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED);
}

static void
test_html_to_text (void)
{
  g_autofree char *a = nf_feed_html_to_text ("<p>The bridge is <b>open</b> again &amp; traffic flows.</p>");
  g_autofree char *b = nf_feed_html_to_text ("  plain\n text  ");
  g_autofree char *c = nf_feed_html_to_text ("<p>One</p><p>Two<br>Three</p><script>var x = 1;</script>");
  g_autofree char *d = nf_feed_html_to_text ("<p> </p>");

  g_assert_cmpstr (a, ==, "The bridge is open again & traffic flows.");
  g_assert_cmpstr (b, ==, "plain text");
  g_assert_cmpstr (c, ==, "One Two Three");
  g_assert_null (d);
  g_assert_null (nf_feed_html_to_text (NULL));
}

/* ---- State ---- */

static void
test_state_roundtrip (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ("nf-feeds");
  g_autofree char *path = g_build_filename (dir->path, "state", NULL);
  g_autoptr(NfFeedState) state = nf_feed_state_new (0);
  g_autoptr(NfFeedState) loaded = nf_feed_state_new (0);
  g_autoptr(GError) error = NULL;

  /* A state file that does not exist yet is an empty state. */
  g_assert_true (nf_feed_state_load (state, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nf_feed_state_get_size (state), ==, 0);

  g_assert_true (nf_feed_state_add (state, "https://a.example/1", 1000));
  g_assert_true (nf_feed_state_add (state, "feed.xml#guid\twith tab\nand newline", 2000));
  g_assert_true (nf_feed_state_add (state, "https://a.example/caf\xc3\xa9", 3000));
  g_assert_false (nf_feed_state_add (state, "https://a.example/1", 4000));
  g_assert_cmpint (nf_feed_state_get_first_seen (state, "https://a.example/1"), ==, 1000);
  g_assert_true (nf_feed_state_is_dirty (state));

  g_assert_true (nf_feed_state_save (state, path, &error));
  g_assert_no_error (error);
  g_assert_false (nf_feed_state_is_dirty (state));

  g_assert_true (nf_feed_state_load (loaded, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nf_feed_state_get_size (loaded), ==, 3);
  g_assert_true (nf_feed_state_contains (loaded, "https://a.example/1"));
  g_assert_true (nf_feed_state_contains (loaded, "feed.xml#guid\twith tab\nand newline"));
  g_assert_true (nf_feed_state_contains (loaded, "https://a.example/caf\xc3\xa9"));
  g_assert_cmpint (nf_feed_state_get_first_seen (loaded, "feed.xml#guid\twith tab\nand newline"), ==, 2000);
  g_assert_false (nf_feed_state_contains (loaded, "https://a.example/2"));

  {
    g_autofree char *contents = NULL;

    g_file_get_contents (path, &contents, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (contents, ==,
                     "# libnewsfilter feedsrc state 1\n"
                     "1000\thttps://a.example/1\n"
                     "2000\tfeed.xml#guid\\twith tab\\nand newline\n"
                     "3000\thttps://a.example/caf\xc3\xa9\n");
  }
}

static void
test_state_bounded (void)
{
  g_autoptr(NfFeedState) state = nf_feed_state_new (3);

  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);

      g_assert_true (nf_feed_state_add (state, key, i));
    }

  /* The oldest went. */
  g_assert_cmpuint (nf_feed_state_get_size (state), ==, 3);
  g_assert_false (nf_feed_state_contains (state, "k1"));
  g_assert_false (nf_feed_state_contains (state, "k2"));
  g_assert_true (nf_feed_state_contains (state, "k3"));
  g_assert_true (nf_feed_state_contains (state, "k5"));
}

static void
test_state_errors (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ("nf-feeds");
  g_autofree char *other = temp_dir_write (dir, "notes.txt", "my precious notes\n", -1);
  g_autofree char *under_file = g_build_filename (other, "state", NULL);
  g_autoptr(NfFeedState) state = nf_feed_state_new (0);
  g_autoptr(GError) error = NULL;

  /* Not a state file: refused, so that it is not overwritten. */
  g_assert_false (nf_feed_state_load (state, other, &error));
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "not a feedsrc state file"));
  g_clear_error (&error);

  /* A path under a regular file cannot be written (ENOTDIR, even as root). */
  nf_feed_state_add (state, "k", 1);
  g_assert_false (nf_feed_state_save (state, under_file, &error));
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_OPEN_WRITE);
  g_assert_true (g_str_has_prefix (error->message, under_file));
}

/* ---- feedsrc ---- */

typedef struct {
  NfPipeline *pipeline;
  NfElement  *sink;
  GPtrArray  *warnings;   /* NfMessage */
  GPtrArray  *errors;     /* NfMessage */
} Harness;

static void
on_message (NfBus     *bus,
            NfMessage *message,
            Harness   *harness)
{
  switch (nf_message_get_message_type (message))
    {
    case NF_MESSAGE_WARNING:
      g_ptr_array_add (harness->warnings, nf_message_ref (message));
      break;
    case NF_MESSAGE_ERROR:
      g_ptr_array_add (harness->errors, nf_message_ref (message));
      break;
    default:
      break;
    }
}

/* "feedsrc location=LOCATION PROPERTIES ! appsink name=out" */
static Harness *
harness_new (const char *location,
             const char *properties)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = nf_launch_quote (location);
  g_autofree char *description = g_strdup_printf ("feedsrc location=%s %s ! appsink name=out",
                                                  quoted, properties != NULL ? properties : "");
  Harness *harness = g_new0 (Harness, 1);

  harness->pipeline = nf_parse_launch (description, &error);
  g_assert_no_error (error);
  harness->sink = nf_pipeline_get_by_name (harness->pipeline, "out");
  g_assert_nonnull (harness->sink);
  harness->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_message_unref);
  harness->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_message_unref);
  g_signal_connect (nf_pipeline_get_bus (harness->pipeline), "message", G_CALLBACK (on_message), harness);
  return harness;
}

static void
harness_free (Harness *harness)
{
  g_signal_handlers_disconnect_by_data (nf_pipeline_get_bus (harness->pipeline), harness);
  g_clear_object (&harness->pipeline);
  g_ptr_array_unref (harness->warnings);
  g_ptr_array_unref (harness->errors);
  g_free (harness);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Harness, harness_free)

static GPtrArray *
harness_pull_all (Harness *harness)
{
  GPtrArray *documents = g_ptr_array_new_with_free_func (g_object_unref);
  NfDocument *document;

  while ((document = nf_app_sink_pull_document (NF_APP_SINK (harness->sink))) != NULL)
    g_ptr_array_add (documents, document);
  return documents;
}

/* Runs to the end and returns what came out. */
static GPtrArray *
harness_run_ok (Harness *harness)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nf_pipeline_run (harness->pipeline, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (harness->errors->len, ==, 0);
  return harness_pull_all (harness);
}

static void
assert_ids (GPtrArray  *documents,
            const char *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < documents->len; i++)
    g_string_append_printf (got, "%s\n", nf_document_get_id (g_ptr_array_index (documents, i)));
  g_assert_cmpstr (got->str, ==, expected);
}

static NfDocument *
document_at (GPtrArray *documents,
             guint      index)
{
  g_assert_cmpuint (index, <, documents->len);
  return g_ptr_array_index (documents, index);
}

static const char feed_a[] =
  "<?xml version=\"1.0\"?>\n"
  "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>\n"
  "<title>News A</title><link>https://news.example.org/</link>\n"
  "%s"
  "<item><title>First from A</title>\n"
  "  <link>https://news.example.org/a1?utm_source=feed&amp;utm_medium=rss</link>\n"
  "  <guid isPermaLink=\"false\">a-1</guid>\n"
  "  <pubDate>Tue, 03 Nov 2026 08:30:00 +0100</pubDate>\n"
  "  <dc:creator>Mira Okafor</dc:creator>\n"
  "  <description>&lt;p&gt;Short &amp;amp; sweet.&lt;/p&gt;</description>\n"
  "  <content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">&lt;p&gt;The full story.&lt;/p&gt;</content:encoded>\n"
  "</item>\n"
  "<item><title>Shared story</title><link>https://news.example.org/shared</link></item>\n"
  "</channel></rss>\n";

static const char feed_a_extra[] =
  "<item><title>Newest from A</title><link>https://news.example.org/a3</link></item>\n";

static const char feed_b[] =
  "<?xml version=\"1.0\"?>\n"
  "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>News B</title>\n"
  "<entry><title>First from B</title><link href=\"https://other.example.org/b1\"/><id>b-1</id>\n"
  "  <updated>2026-11-04T08:00:00Z</updated><summary>Only a summary.</summary></entry>\n"
  "<entry><title>Shared again</title><link href=\"HTTPS://NEWS.example.org:443/shared#comments\"/><id>b-2</id></entry>\n"
  "<entry><title>Third from B</title><link href=\"https://other.example.org/b3\"/><id>b-3</id></entry>\n"
  "</feed>\n";

static char *
write_feed_a (TempDir  *dir,
              gboolean  with_extra)
{
  g_autofree char *text = g_strdup_printf (feed_a, with_extra ? feed_a_extra : "");

  return temp_dir_write (dir, "a.xml", text, -1);
}

static void
test_feedsrc_list (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ("nf-feeds");
  g_autofree char *a = write_feed_a (dir, FALSE);
  g_autofree char *b = temp_dir_write (dir, "b.xml", feed_b, -1);
  g_autofree char *list = temp_dir_write (dir, "feeds.txt", "# my feeds\n\na.xml\n   b.xml  \n", -1);
  g_autoptr(Harness) harness = harness_new (list, NULL);
  g_autoptr(GPtrArray) documents = harness_run_ok (harness);
  NfDocument *document;
  GBytes *content;

  /* The shared story comes once, from the first feed that has it. */
  assert_ids (documents,
              "https://news.example.org/a1\n"
              "https://news.example.org/shared\n"
              "https://other.example.org/b1\n"
              "https://other.example.org/b3\n");
  g_assert_cmpuint (harness->warnings->len, ==, 0);

  document = document_at (documents, 0);
  g_assert_false (nf_document_has_error (document));
  g_assert_cmpstr (nf_document_get_uri (document), ==,
                   "https://news.example.org/a1?utm_source=feed&utm_medium=rss");
  g_assert_cmpstr (nf_document_get_title (document), ==, "First from A");
  g_assert_cmpstr (nf_document_get_published (document), ==, "2026-11-03T07:30:00Z");
  g_assert_cmpstr (nf_document_get_authors (document)[0], ==, "Mira Okafor");
  g_assert_null (nf_document_get_authors (document)[1]);
  g_assert_cmpstr (nf_document_get_description (document), ==, "Short & sweet.");
  g_assert_cmpstr (nf_document_get_content_type (document), ==, "text/html; charset=utf-8");
  content = nf_document_get_content (document);
  g_assert_cmpmem (g_bytes_get_data (content, NULL), g_bytes_get_size (content),
                   "<p>The full story.</p>", strlen ("<p>The full story.</p>"));
  g_assert_cmpstr (nf_document_get_meta_string (document, "feed.title"), ==, "News A");
  g_assert_cmpstr (nf_document_get_meta_string (document, "feed.url"), ==, "a.xml");
  g_assert_cmpstr (nf_document_get_meta_string (document, "feed.guid"), ==, "a-1");
  g_assert_null (nf_document_get_text (document));

  /* No content: the summary is the content. No guid: no feed.guid. */
  document = document_at (documents, 2);
  g_assert_cmpstr (nf_document_get_published (document), ==, "2026-11-04T08:00:00Z");
  g_assert_cmpstr (nf_document_get_modified (document), ==, "2026-11-04T08:00:00Z");
  g_assert_cmpstr (nf_document_get_description (document), ==, "Only a summary.");
  content = nf_document_get_content (document);
  g_assert_cmpmem (g_bytes_get_data (content, NULL), g_bytes_get_size (content),
                   "Only a summary.", strlen ("Only a summary."));
  g_assert_cmpstr (nf_document_get_meta_string (document, "feed.title"), ==, "News B");
  g_assert_cmpstr (nf_document_get_meta_string (document, "feed.guid"), ==, "b-1");

  document = document_at (documents, 1);
  g_assert_null (nf_document_get_meta_string (document, "feed.guid"));
  g_assert_null (nf_document_get_published (document));
  g_assert_null (nf_document_get_content (document));
}

static void
test_feedsrc_single_file (void)
{
  g_autofree char *path = fixture_path ("rss2.xml");
  g_autoptr(Harness) harness = harness_new (path, NULL);
  g_autoptr(GPtrArray) documents = harness_run_ok (harness);

  /* A local feed's relative links cannot be resolved: they stay as written,
   * and such an entry is known by its guid. */
  assert_ids (documents,
              "https://gazette.example.org/city/bridge-reopens\n"
              "https://gazette.example.org/politics/budget-vote\n"
              "https://gazette.example.org/weather/mild-week\n");
  g_assert_cmpstr (nf_document_get_uri (document_at (documents, 1)), ==, "/politics/budget-vote");
  g_assert_cmpstr (nf_document_get_authors (document_at (documents, 0))[1], ==, "Tomas Lind");
}

static void
test_feedsrc_state (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ("nf-feeds");
  g_autofree char *a = write_feed_a (dir, FALSE);
  g_autofree char *b = temp_dir_write (dir, "b.xml", feed_b, -1);
  g_autofree char *list = temp_dir_write (dir, "feeds.txt", "a.xml\nb.xml\n", -1);
  g_autofree char *state = g_build_filename (dir->path, "seen.state", NULL);
  g_autofree char *quoted_state = nf_launch_quote (state);
  g_autofree char *properties = g_strdup_printf ("state=%s", quoted_state);

  {
    g_autoptr(Harness) harness = harness_new (list, properties);
    g_autoptr(GPtrArray) documents = harness_run_ok (harness);

    g_assert_cmpuint (documents->len, ==, 4);
    g_assert_true (g_file_test (state, G_FILE_TEST_IS_REGULAR));
  }

  /* Nothing new: nothing out. */
  {
    g_autoptr(Harness) harness = harness_new (list, properties);
    g_autoptr(GPtrArray) documents = harness_run_ok (harness);

    assert_ids (documents, "");
  }

  /* One entry added: only that one. */
  g_free (write_feed_a (dir, TRUE));
  {
    g_autoptr(Harness) harness = harness_new (list, properties);
    g_autoptr(GPtrArray) documents = harness_run_ok (harness);

    assert_ids (documents, "https://news.example.org/a3\n");
    g_assert_cmpstr (nf_document_get_title (document_at (documents, 0)), ==, "Newest from A");
  }

  /* Without the state, everything again. */
  {
    g_autoptr(Harness) harness = harness_new (list, NULL);
    g_autoptr(GPtrArray) documents = harness_run_ok (harness);

    g_assert_cmpuint (documents->len, ==, 5);
  }
}

static void
test_feedsrc_failing_feed (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ("nf-feeds");
  g_autofree char *a = write_feed_a (dir, FALSE);
  g_autofree char *b = temp_dir_write (dir, "b.xml", feed_b, -1);
  g_autofree char *bad = temp_dir_write (dir, "bad.xml", "<rss><channel><title>x</title>\n<item>&&&\n", -1);
  g_autofree char *list = temp_dir_write (dir, "feeds.txt", "a.xml\nmissing.xml\nbad.xml\nb.xml\n", -1);
  g_autoptr(Harness) harness = harness_new (list, NULL);
  g_autoptr(GPtrArray) documents = harness_run_ok (harness);
  NfDocument *document;
  const GError *error;

  assert_ids (documents,
              "https://news.example.org/a1\n"
              "https://news.example.org/shared\n"
              "missing.xml\n"
              "bad.xml\n"
              "https://other.example.org/b1\n"
              "https://other.example.org/b3\n");

  document = document_at (documents, 2);
  error = nf_document_get_error (document);
  g_assert_nonnull (error);
  g_assert_error ((GError *) error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_suffix (error->message, "missing.xml: no such file"));
  g_assert_cmpstr (nf_document_get_meta_string (document, "feed.url"), ==, "missing.xml");

  document = document_at (documents, 3);
  error = nf_document_get_error (document);
  g_assert_nonnull (error);
  g_assert_error ((GError *) error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED);
  g_assert_nonnull (strstr (error->message, "bad.xml: not well-formed XML: line "));

  /* One WARNING per failed feed, naming its document. */
  g_assert_cmpuint (harness->warnings->len, ==, 2);
  g_assert_cmpstr (nf_message_get_document_id (g_ptr_array_index (harness->warnings, 0)), ==, "missing.xml");
  g_assert_cmpstr (nf_message_get_document_id (g_ptr_array_index (harness->warnings, 1)), ==, "bad.xml");
}

static void
test_feedsrc_opml_file (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ("nf-feeds");
  g_autofree char *a = write_feed_a (dir, FALSE);
  g_autofree char *b = temp_dir_write (dir, "b.xml", feed_b, -1);
  g_autofree char *opml = temp_dir_write (dir, "list.opml",
    "<opml version=\"2.0\"><body>\n"
    "<outline text=\"folder\"><outline text=\"B\" xmlUrl=\"b.xml\"/></outline>\n"
    "<outline text=\"A\" xmlUrl=\"a.xml\"/>\n"
    "</body></opml>\n", -1);
  g_autoptr(Harness) harness = harness_new (opml, NULL);
  g_autoptr(GPtrArray) documents = harness_run_ok (harness);

  /* In the list's order: B first, then A without the story B had. */
  assert_ids (documents,
              "https://other.example.org/b1\n"
              "https://news.example.org/shared\n"
              "https://other.example.org/b3\n"
              "https://news.example.org/a1\n");
  g_assert_cmpstr (nf_document_get_meta_string (document_at (documents, 1), "feed.title"), ==, "News B");
}

static void
test_feedsrc_missing_location (void)
{
  g_autoptr(Harness) harness = harness_new ("/nonexistent/feeds.txt", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (nf_pipeline_run (harness->pipeline, NULL, &error));
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "/nonexistent/feeds.txt: no such file");
}

static void
test_feedsrc_unsupported_scheme (void)
{
  g_autoptr(Harness) harness = harness_new ("ftp://ftp.example.org/feed.xml", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (nf_pipeline_run (harness->pipeline, NULL, &error));
  g_assert_error (error, NF_FETCH_ERROR, NF_FETCH_ERROR_UNSUPPORTED_SCHEME);
  g_assert_cmpstr (error->message, ==, "ftp://ftp.example.org/feed.xml: not an http or https URL, nor a file");
}

/* Polling: the second poll brings only what was added. */
typedef struct {
  TempDir      *dir;
  GCancellable *cancellable;
  GMainLoop    *loop;
  GPtrArray    *ids;
  gboolean      finished;
  GError       *error;
} PollTest;

static void
on_poll_document (NfAppSink  *sink,
                  NfDocument *document,
                  PollTest   *test)
{
  g_ptr_array_add (test->ids, g_strdup (nf_document_get_id (document)));

  /* After the first poll's two entries, a new one appears. */
  if (test->ids->len == 2)
    g_free (write_feed_a (test->dir, TRUE));
  else if (test->ids->len == 3)
    g_cancellable_cancel (test->cancellable);
}

static void
on_poll_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PollTest *test = user_data;

  nf_pipeline_run_finish (NF_PIPELINE (object), result, &test->error);
  test->finished = TRUE;
  g_main_loop_quit (test->loop);
}

static gboolean
on_poll_timeout (gpointer user_data)
{
  PollTest *test = user_data;

  g_cancellable_cancel (test->cancellable);
  return G_SOURCE_REMOVE;
}

static void
test_feedsrc_interval (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ("nf-feeds");
  g_autofree char *a = write_feed_a (dir, FALSE);
  g_autoptr(Harness) harness = harness_new (a, "interval=1");
  PollTest test = { dir, g_cancellable_new (), g_main_loop_new (NULL, FALSE),
                    g_ptr_array_new_with_free_func (g_free), FALSE, NULL };
  gint64 start = g_get_monotonic_time ();
  guint guard;

  g_signal_connect (harness->sink, "new-document", G_CALLBACK (on_poll_document), &test);
  guard = g_timeout_add_seconds (20, on_poll_timeout, &test);
  nf_pipeline_run_async (harness->pipeline, test.cancellable, on_poll_done, &test);
  g_main_loop_run (test.loop);
  g_source_remove (guard);

  g_assert_true (test.finished);
  g_assert_cmpuint (test.ids->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (test.ids, 0), ==, "https://news.example.org/a1");
  g_assert_cmpstr (g_ptr_array_index (test.ids, 1), ==, "https://news.example.org/shared");
  g_assert_cmpstr (g_ptr_array_index (test.ids, 2), ==, "https://news.example.org/a3");
  /* The second poll came after the interval, and the cancel ended the wait. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC - 100000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 15 * G_USEC_PER_SEC);
  if (test.error != NULL)
    g_assert_error (test.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_signal_handlers_disconnect_by_data (harness->sink, &test);
  g_clear_error (&test.error);
  g_object_unref (test.cancellable);
  g_main_loop_unref (test.loop);
  g_ptr_array_unref (test.ids);
}

/* ---- feedsrc over HTTP ---- */

static const char http_feed[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
  "<rss version=\"2.0\"><channel><title>Served</title><link>/</link>\n"
  "<item><title>Relative</title><link>/stories/one?utm_campaign=x</link><guid>s-1</guid>\n"
  "  <pubDate>Wed, 04 Nov 2026 12:00:00 GMT</pubDate></item>\n"
  "<item><title>Shared story</title><link>https://news.example.org/shared</link></item>\n"
  "</channel></rss>\n";

static void
test_feedsrc_http_feed (void)
{
  g_autoptr(TestHttpServer) server = test_http_server_new ();
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *agent = NULL;
  g_autofree char *expected_uri = NULL;
  g_autoptr(Harness) harness = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  NfDocument *document;

  test_http_server_add_text (server, "/feeds/news.xml", 200, "application/rss+xml", http_feed);
  url = test_http_server_url (server, "/feeds/news.xml");
  harness = harness_new (url, "user-agent=\"FeedTest/1.0\" timeout=5000");
  documents = harness_run_ok (harness);

  /* Relative links resolve against the feed's URL. */
  expected = g_strdup_printf ("%s/stories/one\nhttps://news.example.org/shared\n",
                              test_http_server_get_base_url (server));
  assert_ids (documents, expected);
  document = document_at (documents, 0);
  expected_uri = g_strdup_printf ("%s/stories/one?utm_campaign=x", test_http_server_get_base_url (server));
  g_assert_cmpstr (nf_document_get_uri (document), ==, expected_uri);
  g_assert_cmpstr (nf_document_get_published (document), ==, "2026-11-04T12:00:00Z");
  g_assert_cmpstr (nf_document_get_meta_string (document, "feed.url"), ==, url);
  g_assert_cmpstr (nf_document_get_meta_string (document, "feed.title"), ==, "Served");

  g_assert_cmpuint (test_http_server_get_hits (server, "/feeds/news.xml"), ==, 1);
  agent = test_http_server_get_last_header (server, "/feeds/news.xml", "User-Agent");
  g_assert_cmpstr (agent, ==, "FeedTest/1.0");
}

static void
test_feedsrc_http_opml (void)
{
  g_autoptr(TestHttpServer) server = test_http_server_new ();
  g_autofree char *opml_url = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *a_body = g_strdup_printf (feed_a, "");
  g_autoptr(Harness) harness = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  const char *base;
  NfDocument *document;
  const GError *error;

  test_http_server_add_text (server, "/lists/mine.opml", 200, "text/x-opml",
    "<?xml version=\"1.0\"?>\n<opml version=\"1.0\"><head><title>Mine</title></head><body>\n"
    "<outline text=\"A\" xmlUrl=\"a.xml\"/>\n"
    "<outline text=\"folder\">\n"
    "  <outline text=\"gone\" xmlUrl=\"/feeds/gone.xml\"/>\n"
    "  <outline text=\"page\" xmlUrl=\"/feeds/page.html\"/>\n"
    "</outline>\n"
    "<outline text=\"B\" xmlUrl=\"/feeds/b.atom\"/>\n"
    "</body></opml>\n");
  test_http_server_add_text (server, "/lists/a.xml", 200, "application/rss+xml", a_body);
  test_http_server_add_text (server, "/feeds/b.atom", 200, "application/atom+xml", feed_b);
  test_http_server_add_text (server, "/feeds/gone.xml", 404, "text/html", "<h1>Not Found</h1>");
  test_http_server_add_text (server, "/feeds/page.html", 200, "text/html",
                             "<!DOCTYPE html><html><body><p>Not a feed</p></body></html>");

  opml_url = test_http_server_url (server, "/lists/mine.opml");
  harness = harness_new (opml_url, NULL);
  documents = harness_run_ok (harness);
  base = test_http_server_get_base_url (server);

  /* Feeds in the list's order; the two that fail are one document each. */
  expected = g_strdup_printf ("https://news.example.org/a1\n"
                              "https://news.example.org/shared\n"
                              "%s/feeds/gone.xml\n"
                              "%s/feeds/page.html\n"
                              "https://other.example.org/b1\n"
                              "https://other.example.org/b3\n", base, base);
  assert_ids (documents, expected);

  document = document_at (documents, 2);
  error = nf_document_get_error (document);
  g_assert_nonnull (error);
  g_assert_error ((GError *) error, NF_FETCH_ERROR, NF_FETCH_ERROR_HTTP_STATUS);
  g_assert_cmpuint (nf_document_get_http_status (document), ==, 404);

  document = document_at (documents, 3);
  error = nf_document_get_error (document);
  g_assert_nonnull (error);
  g_assert_error ((GError *) error, NF_FETCH_ERROR, NF_FETCH_ERROR_FEED);
  g_assert_nonnull (strstr (error->message, "not a feed: the root element is <html>"));

  g_assert_cmpuint (harness->warnings->len, ==, 2);
  g_assert_cmpuint (test_http_server_get_hits (server, "/lists/mine.opml"), ==, 1);
  g_assert_cmpuint (test_http_server_get_hits (server, "/feeds/b.atom"), ==, 1);
}

static void
test_feedsrc_http_charset (void)
{
  /* No XML declaration: the HTTP header's charset decides. "Новости" in
   * windows-1251. */
  static const char body[] =
    "<rss version=\"2.0\"><channel><title>\xcd\xee\xe2\xee\xf1\xf2\xe8</title>"
    "<item><title>\xcd\xee\xe2\xee\xf1\xf2\xe8 1</title><link>https://ru.example.org/1</link></item>"
    "</channel></rss>";
  g_autoptr(TestHttpServer) server = test_http_server_new ();
  g_autofree char *url = NULL;
  g_autoptr(Harness) harness = NULL;
  g_autoptr(GPtrArray) documents = NULL;

  test_http_server_add_text (server, "/ru.xml", 200, "application/rss+xml; charset=windows-1251", body);
  url = test_http_server_url (server, "/ru.xml");
  harness = harness_new (url, NULL);
  documents = harness_run_ok (harness);

  assert_ids (documents, "https://ru.example.org/1\n");
  g_assert_cmpstr (nf_document_get_title (document_at (documents, 0)), ==,
                   "\xd0\x9d\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x81\xd1\x82\xd0\xb8 1");
  g_assert_cmpstr (nf_document_get_meta_string (document_at (documents, 0), "feed.title"), ==,
                   "\xd0\x9d\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x81\xd1\x82\xd0\xb8");
}

static void
test_feedsrc_http_private_refused (void)
{
  g_autoptr(TestHttpServer) server = test_http_server_new ();
  g_autofree char *url = NULL;
  g_autofree char *id = NULL;
  g_autoptr(Harness) harness = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  const GError *error;

  test_http_server_add_text (server, "/feed.xml", 200, "application/rss+xml", http_feed);
  url = test_http_server_url (server, "/feed.xml");
  harness = harness_new (url, "allow-private=false");
  documents = harness_run_ok (harness);

  /* The feed is one failed document; its id is the feed's URL. */
  id = nf_url_normalize (url);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpstr (nf_document_get_id (document_at (documents, 0)), ==, id);
  error = nf_document_get_error (document_at (documents, 0));
  g_assert_nonnull (error);
  g_assert_error ((GError *) error, NF_FETCH_ERROR, NF_FETCH_ERROR_FORBIDDEN_ADDRESS);
  g_assert_cmpuint (harness->warnings->len, ==, 1);
  g_assert_cmpuint (test_http_server_get_hits (server, "/feed.xml"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();

  g_test_add_func ("/url/normalize", test_url_normalize);
  g_test_add_func ("/url/resolve", test_url_resolve);
  g_test_add_func ("/url/is-http", test_url_is_http);
  g_test_add_func ("/feed/dates", test_dates);
  g_test_add_func ("/feed/rss2", test_parse_rss2);
  g_test_add_func ("/feed/rdf", test_parse_rdf);
  g_test_add_func ("/feed/atom", test_parse_atom);
  g_test_add_func ("/feed/json-feed", test_parse_json_feed);
  g_test_add_func ("/feed/opml", test_parse_opml);
  g_test_add_func ("/feed/not-a-feed", test_parse_not_a_feed);
  g_test_add_func ("/feed/malformed", test_parse_malformed);
  g_test_add_func ("/feed/recoverable", test_parse_recoverable);
  g_test_add_func ("/feed/billion-laughs", test_parse_billion_laughs);
  g_test_add_func ("/feed/entity-bound", test_parse_entity_bound);
  g_test_add_func ("/feed/external-entity", test_parse_external_entity);
  g_test_add_func ("/feed/html-to-text", test_html_to_text);
  g_test_add_func ("/state/roundtrip", test_state_roundtrip);
  g_test_add_func ("/state/bounded", test_state_bounded);
  g_test_add_func ("/state/errors", test_state_errors);
  g_test_add_func ("/feedsrc/list", test_feedsrc_list);
  g_test_add_func ("/feedsrc/single-file", test_feedsrc_single_file);
  g_test_add_func ("/feedsrc/state", test_feedsrc_state);
  g_test_add_func ("/feedsrc/failing-feed", test_feedsrc_failing_feed);
  g_test_add_func ("/feedsrc/opml-file", test_feedsrc_opml_file);
  g_test_add_func ("/feedsrc/missing-location", test_feedsrc_missing_location);
  g_test_add_func ("/feedsrc/unsupported-scheme", test_feedsrc_unsupported_scheme);
  g_test_add_func ("/feedsrc/interval", test_feedsrc_interval);
  g_test_add_func ("/feedsrc/http-feed", test_feedsrc_http_feed);
  g_test_add_func ("/feedsrc/http-opml", test_feedsrc_http_opml);
  g_test_add_func ("/feedsrc/http-charset", test_feedsrc_http_charset);
  g_test_add_func ("/feedsrc/http-private-refused", test_feedsrc_http_private_refused);

  return g_test_run ();
}
