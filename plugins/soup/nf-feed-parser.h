/* nf-feed-parser.h: RSS, Atom, JSON Feed and OPML documents read into
 * entries (plugin-internal)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  NF_FEED_FORMAT_UNKNOWN,
  NF_FEED_FORMAT_RSS,        /* RSS 0.9x / 2.0: <rss><channel><item> */
  NF_FEED_FORMAT_RDF,        /* RSS 1.0 (and 0.90): <rdf:RDF> with <item>s beside <channel> */
  NF_FEED_FORMAT_ATOM,       /* Atom 1.0 (0.3 read alike): <feed><entry> */
  NF_FEED_FORMAT_JSON,       /* JSON Feed 1.0 / 1.1 */
  NF_FEED_FORMAT_OPML,       /* a list of feeds: <opml><body><outline xmlUrl=…> */
} NfFeedFormat;

/* One article of a feed. Strings are UTF-8 and NULL when the feed says
 * nothing; dates are ISO 8601 in UTC ("2026-11-27T10:00:00Z"). */
typedef struct {
  char      *id;         /* guid, atom:id, rdf:about, JSON id */
  char      *link;       /* absolute: resolved against xml:base and the feed URL */
  char      *title;      /* plain text */
  char      *published;
  char      *updated;
  GPtrArray *authors;    /* (element-type utf8), never NULL */
  char      *summary;    /* description / summary / content_text, as the feed has it (often HTML) */
  char      *content;    /* content:encoded / atom content / content_html, as HTML */
} NfFeedEntry;

typedef struct {
  NfFeedFormat  format;
  char         *title;     /* the feed's own title */
  char         *link;      /* the site it belongs to (absolute) */
  GPtrArray    *entries;   /* (element-type NfFeedEntry), in document order */
  GPtrArray    *feeds;     /* OPML only: (element-type utf8) absolute feed URLs, in document order */
  char         *warning;   /* (nullable) the document was broken and read in recovery mode: why */
} NfFeed;

/* Entity expansion a document's internal DTD may declare at most, in bytes
 * of text, before the document is refused. */
#define NF_FEED_MAX_ENTITY_EXPANSION (64 * 1024)

/* Reads @data as a feed or an OPML list, telling which from the content.
 * @feed_url (nullable) names the document in messages and is the base of
 * relative links; @charset (nullable) is the HTTP header's, used only when
 * the XML says nothing of its encoding. Fails with NF_FETCH_ERROR_FEED. */
NfFeed      *nf_feed_parse              (const guint8  *data,
                                         gsize          length,
                                         const char    *feed_url,
                                         const char    *charset,
                                         GError       **error);
void         nf_feed_free               (NfFeed        *feed);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfFeed, nf_feed_free)

void         nf_feed_entry_free         (NfFeedEntry   *entry);

const char  *nf_feed_format_to_string   (NfFeedFormat   format);

/* RFC 822 / RFC 1123 dates as RSS writes them, with their common
 * deviations, and RFC 3339 / ISO 8601 dates: the instant in UTC as
 * "YYYY-MM-DDTHH:MM:SSZ", or NULL. */
char        *nf_feed_parse_date         (const char    *text);

/* The text of an HTML fragment: tags dropped, entities decoded, white
 * space collapsed to single spaces. NULL for NULL or blank input. */
char        *nf_feed_html_to_text       (const char    *html);

G_END_DECLS
