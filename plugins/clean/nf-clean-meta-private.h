/* nf-clean-meta-private.h: the pieces of the metadata reader
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * nf_clean_meta_read() (nf-clean-meta.c) gathers what a page says of
 * itself and keeps, for each field, what the most trusted source says.
 * The readers it leans on have files of their own: dates written out
 * (nf-clean-date.c), JSON-LD (nf-clean-jsonld.c), author names
 * (nf-clean-names.c) and the headline without the site's name
 * (nf-clean-title.c). nf_clean_meta_read() and nf_clean_normalize_date()
 * are declared in nf-clean-private.h.
 */
#pragma once

#include "nf-clean-private.h"

G_BEGIN_DECLS

/* The fields of a page's metadata found so far. Sources are read in
 * order of trust, and each offers its values: a field keeps the first. */
typedef struct
{
  char      *title, *published, *modified, *language, *site_name;
  char      *canonical_uri, *image, *description;
  char      *website_name;   /* a JSON-LD WebSite's name: after the publisher and og:site_name */
  GPtrArray *authors;        /* (element-type utf8) raw author strings, cleaned at the end */
} NfCleanPageMeta;

/* nf-clean-meta.c: a field takes the first value offered */
void       nf_clean_meta_offer          (char            **field,
                                         const char       *value);
void       nf_clean_meta_offer_date     (char            **field,
                                         const char       *value);

/* nf-clean-date.c: a date written out for people ("12 March 2026") */
char      *nf_clean_parse_written_date  (const char       *text);

/* nf-clean-jsonld.c: the page's application/ld+json scripts */
void       nf_clean_jsonld_read         (GPtrArray        *scripts,
                                         NfCleanPageMeta  *m);

/* nf-clean-names.c: author names out of a byline or author metadata */
void       nf_clean_add_byline_names    (const char       *text,
                                         const char       *site_name,
                                         gboolean          visible,
                                         GPtrArray        *out);

/* nf-clean-title.c: the headline without the site's name */
char      *nf_clean_host_label          (const char       *uri);
void       nf_clean_offer_meta_title    (NfCleanPageMeta  *m,
                                         const char       *value,
                                         const char       *host);
void       nf_clean_offer_page_title    (NfCleanPageMeta  *m,
                                         const char       *page_title,
                                         const char       *h1,
                                         const char       *host);

G_END_DECLS
