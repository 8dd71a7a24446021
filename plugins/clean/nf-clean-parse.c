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

/**
 * nf_clean_parse_html:
 * @content: the page, UTF-8
 * @name: what to call the page in messages (its id)
 * @uri: (nullable): the page's address, the base of its relative links
 * @max_size: the largest page, in bytes, that is parsed
 * @truncated: (out): set to whether the parser stopped at its depth limit
 * @error: where a refused page is reported
 *
 * Returns: (transfer full) (nullable): the tree, or %NULL with @error set
 *   (%NF_ELEMENT_ERROR_TOO_LARGE, %NF_ELEMENT_ERROR_EMPTY)
 */
htmlDocPtr
nf_clean_parse_html (GBytes      *content,
                     const char  *name,
                     const char  *uri,
                     gsize        max_size,
                     gboolean    *truncated,
                     GError     **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (content, &size);
  htmlParserCtxtPtr context;
  htmlDocPtr doc;

  if (size > max_size || size > G_MAXINT)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_TOO_LARGE,
                   "%s is too large to clean: %" G_GSIZE_FORMAT " bytes, max-size is %" G_GSIZE_FORMAT,
                   name, size, max_size);
      return NULL;
    }
  if (size == 0)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_EMPTY,
                   "no article found in %s: the page is empty", name);
      return NULL;
    }

  context = htmlNewParserCtxt ();
  if (context == NULL)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FAILED,
                   "%s: could not create an HTML parser", name);
      return NULL;
    }
  doc = htmlCtxtReadMemory (context, data, (int) size, uri, "UTF-8", PARSE_OPTIONS);
  *truncated = stopped_by_depth (context);
  if (doc == NULL)
    g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_EMPTY,
                 "no article found in %s: the page holds no markup", name);
  htmlFreeParserCtxt (context);
  return doc;
}
