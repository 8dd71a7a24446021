/* nf-fetch-error.h: why a download failed (plugin soup)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <newsfilter.h>

G_BEGIN_DECLS

#define NF_FETCH_ERROR (nf_fetch_error_quark ())

/* Codes of the `nf-fetch-error` domain. Their nicks are what the JSON
 * record's error.code says ("http-status", "timeout"…). */
typedef enum {
  NF_FETCH_ERROR_INVALID_URI,          /* not a URI, or no host */
  NF_FETCH_ERROR_UNSUPPORTED_SCHEME,   /* not http or https */
  NF_FETCH_ERROR_HTTP_STATUS,          /* 4xx/5xx after retries; http_status is set */
  NF_FETCH_ERROR_RESOLVE,              /* DNS failure */
  NF_FETCH_ERROR_CONNECT,              /* refused, unreachable, reset before a response */
  NF_FETCH_ERROR_TIMEOUT,              /* no complete answer within `timeout` */
  NF_FETCH_ERROR_TOO_LARGE,            /* body larger than `max-size` (transfer stopped) */
  NF_FETCH_ERROR_TOO_MANY_REDIRECTS,   /* more than `max-redirects`, or a loop */
  NF_FETCH_ERROR_REDIRECT_REFUSED,     /* a redirect to another scheme (file:, ftp:, data:…) */
  NF_FETCH_ERROR_FORBIDDEN_ADDRESS,    /* allow-private=false and the peer is loopback/private */
  NF_FETCH_ERROR_ROBOTS,               /* robots.txt disallows the path */
  NF_FETCH_ERROR_NOT_TEXT,             /* a content type that is not text (image/png, application/pdf…) */
  NF_FETCH_ERROR_DECODE,               /* body bytes that are not text */
  NF_FETCH_ERROR_TRUNCATED,            /* the connection dropped in the middle of the body */
  NF_FETCH_ERROR_TLS,                  /* certificate or handshake failure */
  NF_FETCH_ERROR_FEED,                 /* a feed that cannot be parsed */
} NfFetchError;

GQuark nf_fetch_error_quark (void);
GType  nf_fetch_error_get_type (void);
#define NF_TYPE_FETCH_ERROR (nf_fetch_error_get_type ())

G_END_DECLS
