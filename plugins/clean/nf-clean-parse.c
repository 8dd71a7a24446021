/* nf-clean-parse.c: a page's bytes into a libxml2 tree, within bounds
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libxml2's HTML parser recovers from nearly any markup. What it cannot be
 * trusted with is size (a 200 MB page becomes gigabytes of tree), so pages
 * above the element's max-size are refused before parsing, and depth: past
 * 256 nested elements the parser stops (which also keeps every later walk
 * of the tree bounded). What was read up to there is kept, and the caller
 * is told, so a page whose article was cut off says why.
 *
 * Nor are the bytes trusted to be UTF-8. The sources (filesrc, fetch)
 * decode pages and say `charset=utf-8`; content that does not say so, or
 * says so but is not, goes through nf_decode_text() first, like the
 * sources' pages do, so that invalid UTF-8 never reaches the tree, the
 * text or the JSON record, and bytes that are not text at all fail the
 * document instead of becoming a page of replacement characters.
 */
#include "nf-clean-private.h"

#include <string.h>
#include <libxml/parserInternals.h>

#define PARSE_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                       HTML_PARSE_NONET | HTML_PARSE_NOBLANKS)


/* libxml2 gives up on a tree deeper than its xmlParserMaxDepth with this
 * fatal error. */
static gboolean
stopped_by_depth (htmlParserCtxtPtr context)
{
  const char *message = context->lastError.message;

  return context->lastError.code == XML_ERR_INTERNAL_ERROR &&
         message != NULL && strstr (message, "Excessive depth") != NULL;
}

/* The charset parameter of a media type (`text/html; Charset="UTF-8"`),
 * as the name of the encoding it stands for, or %NULL when there is none
 * or it names no known encoding. */
static char *
declared_charset (const char *content_type)
{
  g_auto(GStrv) parameters = NULL;
  const char *start;

  if (content_type == NULL || (start = strchr (content_type, ';')) == NULL)
    return NULL;
  parameters = g_strsplit (start + 1, ";", -1);
  for (guint i = 0; parameters[i] != NULL; i++)
    {
      char *parameter = g_strstrip (parameters[i]);
      char *value;

      if (g_ascii_strncasecmp (parameter, "charset", strlen ("charset")) != 0)
        continue;
      value = g_strstrip (parameter + strlen ("charset"));
      if (*value != '=')
        continue;
      value = g_strstrip (value + 1);
      g_strdelimit (value, "\"'", ' ');
      return nf_charset_normalize_label (g_strstrip (value));
    }
  return NULL;
}

/* Whether the content can go to the parser as it is: it says it is UTF-8,
 * and is, without NULs (which would cut libxml2's strings short). */
static gboolean
is_declared_valid_utf8 (const char *data,
                        gsize       size,
                        const char *content_type)
{
  g_autofree char *charset = declared_charset (content_type);

  return g_strcmp0 (charset, "utf-8") == 0 &&
         g_utf8_validate_len (data, size, NULL);
}

/* The page as UTF-8 text: the content itself when it is already that,
 * else decoded as filesrc and fetch decode pages (BOM, declared charset,
 * <meta>, UTF-8, detection, windows-1252). @decoded keeps a decoded copy
 * alive. Fails with %NF_ELEMENT_ERROR_DECODE on bytes that are not text. */
static const char *
page_as_utf8 (const char  *data,
              gsize        size,
              const char  *content_type,
              const char  *name,
              char       **decoded,
              gsize       *text_size,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *text_size = size;
  if (is_declared_valid_utf8 (data, size, content_type))
    return data;

  *decoded = nf_decode_text ((const guint8 *) data, size, NULL, content_type,
                             NULL, NULL, &local_error);
  if (*decoded == NULL)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_DECODE,
                   "%s: cannot be read as text: %s", name, local_error->message);
      return NULL;
    }
  *text_size = strlen (*decoded);
  return *decoded;
}

/* Refuses pages whose size alone rules them out: above max-size (before
 * anything else is done with them, so a huge page fails at once), above
 * what libxml2 takes in one call, or empty. */
static gboolean
check_size (gsize        size,
            const char  *name,
            gsize        max_size,
            GError     **error)
{
  if (size > max_size || size > G_MAXINT)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_TOO_LARGE,
                   "%s is too large to clean: %" G_GSIZE_FORMAT " bytes, max-size is %" G_GSIZE_FORMAT,
                   name, size, MIN (max_size, (gsize) G_MAXINT));
      return FALSE;
    }
  if (size == 0)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_EMPTY,
                   "no article found in %s: the page is empty", name);
      return FALSE;
    }
  return TRUE;
}

/* Whether @text holds nothing but white space (it stops at the first
 * other byte, which on a real page is its first). */
static gboolean
is_blank (const char *text,
          gsize       size)
{
  for (gsize i = 0; i < size; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

/* Parses UTF-8 markup, telling whether libxml2 stopped at its depth limit. */
static htmlDocPtr
parse_utf8 (const char  *text,
            gsize        size,
            const char  *name,
            const char  *uri,
            gboolean    *truncated,
            GError     **error)
{
  htmlParserCtxtPtr context;
  htmlDocPtr doc;

  *truncated = FALSE;
  if (size > G_MAXINT)
    {
      /* decoding a legacy charset can make the text up to three times
       * the bytes it came from */
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_TOO_LARGE,
                   "%s is too large to clean: %" G_GSIZE_FORMAT " bytes once decoded",
                   name, size);
      return NULL;
    }
  context = htmlNewParserCtxt ();
  if (context == NULL)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FAILED,
                   "%s: could not create an HTML parser", name);
      return NULL;
    }
  doc = htmlCtxtReadMemory (context, text, (int) size, uri, "UTF-8", PARSE_OPTIONS);
  *truncated = stopped_by_depth (context);
  if (doc == NULL)
    g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_EMPTY,
                 "no article found in %s: the page holds no markup", name);
  htmlFreeParserCtxt (context);
  return doc;
}

/**
 * nf_clean_parse_page:
 * @content: the page's bytes
 * @content_type: (nullable): their media type, as `text/html; charset=koi8-r`;
 *   content that does not say `charset=utf-8` is decoded first
 * @name: what to call the page in messages (its id)
 * @uri: (nullable): the page's address, the base of its relative links
 * @max_size: the largest page, in bytes, that is parsed
 * @truncated: (out): set to whether the parser stopped at its depth limit
 * @error: where a refused page is reported
 *
 * Returns: (transfer full) (nullable): the tree, or %NULL with @error set
 *   (%NF_ELEMENT_ERROR_TOO_LARGE, %NF_ELEMENT_ERROR_EMPTY,
 *   %NF_ELEMENT_ERROR_DECODE for bytes that are not text)
 */
htmlDocPtr
nf_clean_parse_page (GBytes      *content,
                     const char  *content_type,
                     const char  *name,
                     const char  *uri,
                     gsize        max_size,
                     gboolean    *truncated,
                     GError     **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (content, &size);
  g_autofree char *decoded = NULL;
  const char *text;
  gsize text_size;

  *truncated = FALSE;
  if (!check_size (size, name, max_size, error))
    return NULL;
  text = page_as_utf8 (data, size, content_type, name, &decoded, &text_size, error);
  if (text == NULL)
    return NULL;
  if (is_blank (text, text_size))
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_EMPTY,
                   "no article found in %s: the page is blank (white space only)", name);
      return NULL;
    }
  return parse_utf8 (text, text_size, name, uri, truncated, error);
}
