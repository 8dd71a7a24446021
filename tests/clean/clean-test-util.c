/* clean-test-util.c: running the clean element in the clean tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "clean-test-util.h"

#include <string.h>

/* Runs `SOURCE ! clean PROPERTIES ! appsink` and returns the one document
 * that came out. */
static NfDocument *
run_clean (const char  *source,
           const char  *clean_properties,
           NfDocument  *input)
{
  g_autofree char *description =
    g_strdup_printf ("%s ! clean %s ! appsink name=out emit-signals=false",
                     source, clean_properties != NULL ? clean_properties : "");
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPipeline) pipeline = nf_parse_launch (description, &error);
  NfElement *sink;
  NfDocument *document;

  g_assert_no_error (error);
  if (input != NULL)
    {
      NfElement *src = nf_pipeline_get_by_name (pipeline, "in");
      g_assert_true (nf_app_src_push_document (NF_APP_SRC (src), input));
      nf_app_src_end_of_stream (NF_APP_SRC (src));
    }
  nf_pipeline_run (pipeline, NULL, &error);
  g_assert_no_error (error);
  sink = nf_pipeline_get_by_name (pipeline, "out");
  document = nf_app_sink_pull_document (NF_APP_SINK (sink));
  g_assert_nonnull (document);
  g_assert_null (nf_app_sink_pull_document (NF_APP_SINK (sink)));
  return document;
}

/**
 * clean_test_file:
 * @name: a file under tests/clean/data
 * @clean_properties: (nullable): properties for clean, as in a launch string
 *
 * Returns: (transfer full): the document `filesrc ! clean` made of the file
 */
NfDocument *
clean_test_file (const char *name,
                 const char *clean_properties)
{
  const char *srcdir = g_getenv ("NF_TEST_SRCDIR");
  g_autofree char *path = g_build_filename (srcdir != NULL ? srcdir : ".", "clean", "data", name, NULL);
  g_autofree char *quoted = nf_launch_quote (path);
  g_autofree char *source = g_strdup_printf ("filesrc location=%s", quoted);

  return run_clean (source, clean_properties, NULL);
}

/**
 * clean_test_html:
 * @html: the bytes of a page (need not be text)
 * @length: their length, or -1 when @html is nul-terminated
 * @clean_properties: (nullable): properties for clean
 *
 * Returns: (transfer full): the document clean made of an HTML page with
 *   the id "page", pushed through appsrc
 */
NfDocument *
clean_test_html (const char *html,
                 gssize      length,
                 const char *clean_properties)
{
  g_autoptr(NfDocument) input = nf_document_new ("page");
  g_autoptr(GBytes) bytes = g_bytes_new (html, length < 0 ? strlen (html) : (gsize) length);

  nf_document_set_content (input, bytes, "text/html");
  return run_clean ("appsrc name=in", clean_properties, input);
}

/**
 * clean_test_text:
 * @text: plain text
 * @clean_properties: (nullable): properties for clean
 *
 * Returns: (transfer full): the document clean made of a record with the
 *   id "text" holding @text
 */
NfDocument *
clean_test_text (const char *text,
                 const char *clean_properties)
{
  g_autoptr(NfDocument) input = nf_document_new ("text");

  nf_document_set_text (input, text);
  return run_clean ("appsrc name=in", clean_properties, input);
}
