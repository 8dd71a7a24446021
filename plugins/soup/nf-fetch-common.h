/* nf-fetch-common.h: what `fetch` and `fetchsrc` share — their download
 * properties and the step from an HTTP response to a document
 * (plugin-internal)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <newsfilter.h>
#include "nf-http-client.h"

G_BEGIN_DECLS

/* The download properties, numbered from 0; an element installs them from
 * its own first free property id. */
typedef enum {
  NF_FETCH_PROP_MAX_CONNECTIONS,
  NF_FETCH_PROP_PER_HOST,
  NF_FETCH_PROP_TIMEOUT,
  NF_FETCH_PROP_RETRIES,
  NF_FETCH_PROP_MAX_REDIRECTS,
  NF_FETCH_PROP_MAX_SIZE,
  NF_FETCH_PROP_USER_AGENT,
  NF_FETCH_PROP_ALLOW_PRIVATE,
  NF_FETCH_PROP_TLS_VERIFY,
  NF_FETCH_PROP_RESPECT_ROBOTS,
  NF_FETCH_PROP_PER_HOST_DELAY,
  NF_FETCH_PROP_CACHE_DIR,
  NF_FETCH_N_PROPS
} NfFetchProp;

#define NF_FETCH_DEFAULT_USER_AGENT "libnewsfilter/" NF_VERSION_S

typedef struct {
  guint     max_connections;
  guint     per_host;
  guint     timeout_ms;
  guint     retries;
  guint     max_redirects;
  guint64   max_size;
  char     *user_agent;
  gboolean  allow_private;
  gboolean  tls_verify;
  gboolean  respect_robots;
  guint     per_host_delay_ms;
  char     *cache_dir;
} NfFetchSettings;

void      nf_fetch_settings_init         (NfFetchSettings *settings);
void      nf_fetch_settings_clear        (NfFetchSettings *settings);
void      nf_fetch_settings_to_options   (const NfFetchSettings *settings,
                                          NfHttpOptions         *options);

/* Installs the download properties as ids first_id … first_id + NF_FETCH_N_PROPS - 1. */
void      nf_fetch_install_properties    (GObjectClass    *klass,
                                          guint            first_id);

/* TRUE when @prop_id (the element's id) was one of ours. */
gboolean  nf_fetch_settings_set_property (NfFetchSettings *settings,
                                          GObject         *object,
                                          guint            first_id,
                                          guint            prop_id,
                                          const GValue    *value,
                                          GParamSpec      *pspec);
gboolean  nf_fetch_settings_get_property (const NfFetchSettings *settings,
                                          guint            first_id,
                                          guint            prop_id,
                                          GValue          *value);

/* Fills @document from a successful response: the body as UTF-8 content and
 * the fetch.* meta fields. FALSE with NF_FETCH_ERROR_NOT_TEXT or _DECODE. */
gboolean  nf_fetch_apply_response        (NfDocument      *document,
                                          NfHttpResponse  *response,
                                          GError         **error);

/* Marks @document failed with @error (and the HTTP status when there was one). */
void      nf_fetch_fail_document         (NfElement            *element,
                                          NfDocument           *document,
                                          const NfHttpResponse *response,
                                          const GError         *error);

gboolean  nf_fetch_is_text_type          (const char *media_type);

G_END_DECLS
