/* nf-url.c: URLs as the soup plugin compares them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-url.h"

#include <string.h>

/* GUri keeps components as written (ENCODED) and is lenient about what
 * real feeds contain (RELAXED: spaces, raw UTF-8, stray whitespace). */
#define URI_PARSE_FLAGS (G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED)

/* Query parameters that only say where a click came from: two URLs that
 * differ in them name the same article. Compared case-insensitively. */
static const char * const tracking_parameters[] = {
  "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid",
  "mc_cid", "mc_eid", "yclid", "_hsenc", "_hsmi", "__hssc", "__hstc",
  "__hsfp", "hsctatracking", "igshid", "ref_src", "ref_url", "mkt_tok",
  "_ga", "_gl", "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv",
  "twclid", "ttclid", "wickedid", "srsltid",
};

static gboolean
is_unreserved (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/* Bytes that may stand as they are in a path or query: unreserved,
 * sub-delims, ":", "@", "/", "?" and "%" (checked separately). */
static gboolean
is_allowed_literal (guchar c)
{
  return is_unreserved (c) || strchr ("!$&'()*+,;=:@/?", c) != NULL;
}

/* Rewrites percent-encoding the one way: escapes of unreserved characters
 * decoded, other escapes in upper case, a "%" that starts no escape and
 * bytes that may not appear raw (spaces, controls, UTF-8) escaped. */
static void
append_normalized_escapes (GString    *out,
                           const char *text,
                           gssize      length)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + (length < 0 ? strlen (text) : (gsize) length);

  for (; p < end; p++)
    {
      if (*p == '%' && end - p >= 3 && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          guchar decoded = (g_ascii_xdigit_value (p[1]) << 4) | g_ascii_xdigit_value (p[2]);

          if (is_unreserved (decoded))
            g_string_append_c (out, decoded);
          else
            g_string_append_printf (out, "%%%02X", decoded);
          p += 2;
        }
      else if (*p != '%' && is_allowed_literal (*p))
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}

static gboolean
is_tracking_parameter (const char *parameter,
                       gsize       length)
{
  g_autofree char *name = NULL;
  const char *equals = memchr (parameter, '=', length);
  gsize name_length = equals != NULL ? (gsize) (equals - parameter) : length;

  name = g_ascii_strdown (parameter, name_length);
  if (g_str_has_prefix (name, "utm_"))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (tracking_parameters); i++)
    if (strcmp (name, tracking_parameters[i]) == 0)
      return TRUE;

  return FALSE;
}

/* The query without tracking or empty parameters; NULL when none is left. */
static char *
normalize_query (const char *query)
{
  GString *out = g_string_new (NULL);
  const char *p = query;

  while (*p != '\0')
    {
      const char *amp = strchr (p, '&');
      gsize length = amp != NULL ? (gsize) (amp - p) : strlen (p);

      if (length > 0 && !is_tracking_parameter (p, length))
        {
          if (out->len > 0)
            g_string_append_c (out, '&');
          append_normalized_escapes (out, p, length);
        }

      if (amp == NULL)
        break;
      p = amp + 1;
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* RFC 3986 section 5.2.4. GUri does it already when parsing leniently;
 * doing it again costs little and keeps the result true to its promise
 * whatever GUri version runs. */
static char *
remove_dot_segments (const char *path)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new ();
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  gboolean trailing_slash = FALSE;
  GString *out;

  /* parts[0] is "" for an absolute path. */
  for (guint i = 1; parts[i] != NULL; i++)
    {
      const char *segment = parts[i];
      gboolean last = parts[i + 1] == NULL;

      if (strcmp (segment, ".") == 0)
        trailing_slash = last;
      else if (strcmp (segment, "..") == 0)
        {
          if (segments->len > 0)
            g_ptr_array_remove_index (segments, segments->len - 1);
          trailing_slash = last;
        }
      else
        {
          g_ptr_array_add (segments, (gpointer) segment);
          trailing_slash = FALSE;
        }
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < segments->len; i++)
    {
      g_string_append_c (out, '/');
      g_string_append (out, g_ptr_array_index (segments, i));
    }
  if (trailing_slash || out->len == 0)
    g_string_append_c (out, '/');

  return g_string_free (out, FALSE);
}

static gboolean
is_valid_host_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_';
}

/* Lower case, IDN to ASCII (punycode), one trailing dot dropped; NULL for
 * what cannot be a host name. IPv6 literals come back in brackets. */
static char *
normalize_host (const char *encoded_host)
{
  g_autofree char *host = g_uri_unescape_string (encoded_host, NULL);
  g_autofree char *ascii = NULL;
  gsize length;

  if (host == NULL || *host == '\0')
    return NULL;

  if (strchr (host, ':') != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (host, -1);

      for (const char *p = lower; *p != '\0'; p++)
        if (!g_ascii_isxdigit (*p) && *p != ':' && *p != '.' && *p != '%')
          return NULL;
      return g_strdup_printf ("[%s]", lower);
    }

  ascii = g_hostname_to_ascii (host);
  if (ascii == NULL)
    return NULL;

  length = strlen (ascii);
  if (length > 1 && ascii[length - 1] == '.')
    ascii[--length] = '\0';

  for (const char *p = ascii; *p != '\0'; p++)
    if (!is_valid_host_char (*p))
      return NULL;

  return g_ascii_strdown (ascii, length);
}

static GUri *
parse_http (const char *url)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (url));
  uri = g_uri_parse (trimmed, URI_PARSE_FLAGS, NULL);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return NULL;
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  return g_steal_pointer (&uri);
}

/**
 * nf_url_normalize:
 * @url: (nullable): a URL as found in a feed or a document
 *
 * The form under which two spellings of one article's URL compare equal.
 * See nf-url.h for the rules.
 *
 * Returns: (transfer full) (nullable): the normalised URL, or %NULL when
 *   @url is not an absolute http or https URL with a host
 */
char *
nf_url_normalize (const char *url)
{
  g_autoptr(GUri) uri = parse_http (url);
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  const char *userinfo;
  int port;
  GString *out;

  if (uri == NULL)
    return NULL;

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = normalize_host (g_uri_get_host (uri));
  if (host == NULL)
    return NULL;

  port = g_uri_get_port (uri);
  if ((port == 80 && strcmp (scheme, "http") == 0)
      || (port == 443 && strcmp (scheme, "https") == 0))
    port = -1;

  {
    g_autoptr(GString) escaped = g_string_new (NULL);

    append_normalized_escapes (escaped, g_uri_get_path (uri), -1);
    path = remove_dot_segments (escaped->str);
  }

  if (g_uri_get_query (uri) != NULL)
    query = normalize_query (g_uri_get_query (uri));

  out = g_string_new (scheme);
  g_string_append (out, "://");
  userinfo = g_uri_get_userinfo (uri);
  if (userinfo != NULL && *userinfo != '\0')
    {
      append_normalized_escapes (out, userinfo, -1);
      g_string_append_c (out, '@');
    }
  g_string_append (out, host);
  if (port > 0)
    g_string_append_printf (out, ":%d", port);
  g_string_append (out, path);
  if (query != NULL)
    {
      g_string_append_c (out, '?');
      g_string_append (out, query);
    }

  return g_string_free (out, FALSE);
}

/**
 * nf_url_resolve:
 * @base: (nullable): the URL of the document the reference is in
 * @reference: (nullable): a link, maybe relative
 *
 * Resolves a link as a browser would (RFC 3986), after trimming the white
 * space feeds often wrap links in.
 *
 * Returns: (transfer full) (nullable): the absolute URL; @reference itself
 *   (trimmed) when it cannot be resolved; %NULL for an empty reference
 */
char *
nf_url_resolve (const char *base,
                const char *reference)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *trimmed_base = NULL;
  char *resolved;

  if (reference == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (reference));
  if (*trimmed == '\0')
    return base != NULL ? g_strstrip (g_strdup (base)) : NULL;

  if (base == NULL || *base == '\0')
    return g_steal_pointer (&trimmed);

  trimmed_base = g_strstrip (g_strdup (base));
  resolved = g_uri_resolve_relative (trimmed_base, trimmed, URI_PARSE_FLAGS, NULL);
  if (resolved == NULL)
    return g_steal_pointer (&trimmed);

  return resolved;
}

/**
 * nf_url_is_http:
 * @url: (nullable): a string
 *
 * Returns: whether @url is an absolute http or https URL with a host
 */
gboolean
nf_url_is_http (const char *url)
{
  g_autoptr(GUri) uri = parse_http (url);

  return uri != NULL;
}
