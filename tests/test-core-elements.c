/* test-core-elements.c: the elements of the core plugin, appsrc and appsink
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <newsfilter.h>
#include "test-temp-dir.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <glib/gstdio.h>

/* ---- Helpers ---- */

static char *
fixture_path (const char *first,
              ...)
{
  const char *srcdir = g_getenv ("NF_TEST_SRCDIR");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_assert_nonnull (srcdir);
  g_ptr_array_add (parts, (gpointer) srcdir);
  g_ptr_array_add (parts, (gpointer) "data");
  g_ptr_array_add (parts, (gpointer) "core");
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}


static NfElement *
make_element (const char *factory,
              const char *first_property,
              ...)
{
  g_autoptr(GError) error = NULL;
  NfElement *element = nf_element_factory_make (factory, NULL, &error);
  va_list args;

  g_assert_no_error (error);
  g_assert_nonnull (element);

  va_start (args, first_property);
  if (first_property != NULL)
    g_object_set_valist (G_OBJECT (element), first_property, args);
  va_end (args);

  return element;
}

/* A pipeline under test with what its bus and its appsink said. */
typedef struct {
  NfPipeline *pipeline;
  NfElement  *sink;         /* the appsink at the end, if any */
  GPtrArray  *warnings;     /* NfMessage */
  GPtrArray  *errors;       /* NfMessage */
  GPtrArray  *signalled;    /* ids, in new-document order */
  guint       n_eos;
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
    case NF_MESSAGE_EOS:
      harness->n_eos++;
      break;
    default:
      break;
    }
}

static void
on_new_document (NfAppSink  *sink,
                 NfDocument *document,
                 Harness    *harness)
{
  g_ptr_array_add (harness->signalled, g_strdup (nf_document_get_id (document)));
}

static void
harness_watch (Harness *harness)
{
  harness->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_message_unref);
  harness->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) nf_message_unref);
  harness->signalled = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (nf_pipeline_get_bus (harness->pipeline), "message",
                    G_CALLBACK (on_message), harness);
  if (harness->sink != NULL && NF_IS_APP_SINK (harness->sink))
    g_signal_connect (harness->sink, "new-document", G_CALLBACK (on_new_document), harness);
}

/* Adds @first and the elements after it (NULL-terminated, transfer full) to
 * a new pipeline and links them in a chain. */
static Harness *
harness_new_chain (NfElement *first,
                   ...)
{
  g_autoptr(GError) error = NULL;
  Harness *harness = g_new0 (Harness, 1);
  NfElement *previous = NULL;
  va_list args;

  harness->pipeline = nf_pipeline_new (NULL);

  va_start (args, first);
  for (NfElement *element = first; element != NULL; element = va_arg (args, NfElement *))
    {
      nf_pipeline_add (harness->pipeline, element, &error);
      g_assert_no_error (error);
      if (previous != NULL)
        {
          nf_element_link (previous, element, &error);
          g_assert_no_error (error);
        }
      previous = element;
      g_object_unref (element);
    }
  va_end (args);

  if (previous != NULL && NF_IS_APP_SINK (previous))
    harness->sink = previous;

  harness_watch (harness);
  return harness;
}

static Harness *
harness_new_launch (const char *description)
{
  g_autoptr(GError) error = NULL;
  Harness *harness = g_new0 (Harness, 1);

  harness->pipeline = nf_parse_launch (description, &error);
  g_assert_no_error (error);
  g_assert_nonnull (harness->pipeline);
  harness->sink = nf_pipeline_get_by_name (harness->pipeline, "out");
  harness_watch (harness);
  return harness;
}

static void
harness_free (Harness *harness)
{
  g_signal_handlers_disconnect_by_data (nf_pipeline_get_bus (harness->pipeline), harness);
  if (harness->sink != NULL)
    g_signal_handlers_disconnect_by_data (harness->sink, harness);
  g_clear_object (&harness->pipeline);
  g_ptr_array_unref (harness->warnings);
  g_ptr_array_unref (harness->errors);
  g_ptr_array_unref (harness->signalled);
  g_free (harness);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Harness, harness_free)

static gboolean
harness_run (Harness  *harness,
             GError  **error)
{
  return nf_pipeline_run (harness->pipeline, NULL, error);
}

static void
harness_run_ok (Harness *harness)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (harness_run (harness, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (harness->errors->len, ==, 0);
}

/* Everything the appsink queued, oldest first. */
static GPtrArray *
harness_pull_all (Harness *harness)
{
  GPtrArray *documents = g_ptr_array_new_with_free_func (g_object_unref);
  NfDocument *document;

  g_assert_nonnull (harness->sink);
  while ((document = nf_app_sink_pull_document (NF_APP_SINK (harness->sink))) != NULL)
    g_ptr_array_add (documents, document);

  return documents;
}

static void
assert_ids (GPtrArray          *documents,
            const char * const *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GString) want = g_string_new (NULL);

  /* Compared as one string so that a failure shows the whole list. */
  for (guint i = 0; i < documents->len; i++)
    g_string_append_printf (got, "%s\n", nf_document_get_id (g_ptr_array_index (documents, i)));
  for (guint i = 0; expected[i] != NULL; i++)
    g_string_append_printf (want, "%s\n", expected[i]);

  g_assert_cmpstr (got->str, ==, want->str);
}

static NfDocument *
find_document (GPtrArray  *documents,
               const char *id)
{
  for (guint i = 0; i < documents->len; i++)
    if (g_strcmp0 (nf_document_get_id (g_ptr_array_index (documents, i)), id) == 0)
      return g_ptr_array_index (documents, i);

  g_error ("no document %s", id);
  return NULL;
}

static char *
content_string (NfDocument *document)
{
  GBytes *content = nf_document_get_content (document);
  gsize size;
  const char *data;

  g_assert_nonnull (content);
  data = g_bytes_get_data (content, &size);
  return g_strndup (data, size);
}

/* Runs filesrc with @location (and more properties) into an appsink. */
static Harness *
run_filesrc (const char *location,
             const char *first_property,
             ...)
{
  NfElement *src = make_element ("filesrc", "location", location, NULL);
  Harness *harness;
  va_list args;

  va_start (args, first_property);
  if (first_property != NULL)
    g_object_set_valist (G_OBJECT (src), first_property, args);
  va_end (args);

  harness = harness_new_chain (src, make_element ("appsink", "emit-signals", FALSE, NULL), NULL);
  return harness;
}

/* ---- Registry ---- */

static void
test_registry_elements (void)
{
  static const char * const names[] = {
    "filesrc", "jsonsink", "textsink", "tee", "identity",
    "fakesrc", "fakesink", "appsrc", "appsink",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NfElement) element = nf_element_factory_make (names[i], NULL, &error);
      g_autofree GParamSpec **pspecs = NULL;
      guint n_pspecs;

      g_assert_no_error (error);
      g_assert_nonnull (element);

      g_assert_nonnull (nf_element_class_get_metadata (NF_ELEMENT_GET_CLASS (element),
                                                       NF_ELEMENT_METADATA_LONGNAME));
      g_assert_nonnull (nf_element_class_get_metadata (NF_ELEMENT_GET_CLASS (element),
                                                       NF_ELEMENT_METADATA_DESCRIPTION));
      g_assert_nonnull (nf_element_class_get_metadata (NF_ELEMENT_GET_CLASS (element),
                                                       NF_ELEMENT_METADATA_KLASS));

      /* nf-inspect prints every property's blurb. */
      pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (element), &n_pspecs);
      for (guint j = 0; j < n_pspecs; j++)
        {
          const char *blurb = g_param_spec_get_blurb (pspecs[j]);

          g_assert_nonnull (blurb);
          g_assert_cmpstr (blurb, !=, "");
          g_assert_cmpstr (blurb, !=, g_param_spec_get_name (pspecs[j]));
        }
    }

  /* appsrc and appsink are library types, so bindings can call their methods. */
  g_assert_true (g_type_is_a (nf_element_factory_get_element_type (nf_element_factory_find ("appsrc")),
                              NF_TYPE_APP_SRC));
  g_assert_true (g_type_is_a (nf_element_factory_get_element_type (nf_element_factory_find ("appsink")),
                              NF_TYPE_APP_SINK));
}

/* ---- filesrc ---- */

static void
test_filesrc_tree (void)
{
  static const char * const expected[] = {
    "a", "b", "business/001", "business/002",
    "rec-1", "feeds/records.jsonl:2", "feeds/records.jsonl:4", "rec-4",
    "zz/deep/deeper/c",
    NULL
  };
  g_autofree char *tree = fixture_path ("tree", NULL);
  g_autoptr(Harness) harness = run_filesrc (tree, NULL);
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *alpha = NULL;
  g_autofree char *b_uri = NULL;
  g_autofree char *b_path = NULL;
  NfDocument *document;
  const GError *error;

  harness_run_ok (harness);
  documents = harness_pull_all (harness);
  assert_ids (documents, expected);

  /* HTML: UTF-8 content, no text yet */
  document = find_document (documents, "a");
  g_assert_false (nf_document_has_error (document));
  g_assert_cmpstr (nf_document_get_content_type (document), ==, "text/html; charset=utf-8");
  alpha = content_string (document);
  g_assert_nonnull (strstr (alpha, "Alpha story, with an é."));
  g_assert_null (nf_document_get_text (document));
  g_assert_true (g_str_has_prefix (nf_document_get_uri (document), "file:///"));
  g_assert_true (g_str_has_suffix (nf_document_get_uri (document), "/tree/a.html"));

  /* text: content and text, line ends normalised */
  document = find_document (documents, "b");
  g_assert_cmpstr (nf_document_get_content_type (document), ==, "text/plain; charset=utf-8");
  g_assert_cmpstr (nf_document_get_text (document), ==,
                   "Bravo line one.\nBravo line two.\n\nSecond paragraph.\n");
  b_path = g_build_filename (tree, "b.txt", NULL);
  b_uri = g_filename_to_uri (b_path, NULL, NULL);
  g_assert_cmpstr (nf_document_get_uri (document), ==, b_uri);

  document = find_document (documents, "business/002");
  g_assert_cmpstr (nf_document_get_content_type (document), ==, "text/html; charset=utf-8");
  document = find_document (documents, "zz/deep/deeper/c");
  g_assert_cmpstr (nf_document_get_text (document), ==, "Deep down.\n");

  /* JSON Lines: records keep their fields and uri, get FILE:LINE ids */
  document = find_document (documents, "rec-1");
  g_assert_false (nf_document_has_error (document));
  g_assert_cmpstr (nf_document_get_title (document), ==, "First record");
  g_assert_cmpstr (nf_document_get_uri (document), ==, "https://example.org/1");
  document = find_document (documents, "feeds/records.jsonl:2");
  g_assert_false (nf_document_has_error (document));
  g_assert_cmpstr (nf_document_get_title (document), ==, "A record without an id");
  document = find_document (documents, "rec-4");
  g_assert_cmpstr (nf_document_get_text (document), ==, "Fourth record.");

  /* the malformed line fails alone, and says where it is */
  document = find_document (documents, "feeds/records.jsonl:4");
  error = nf_document_get_error (document);
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT);
  g_assert_true (g_str_has_prefix (error->message, "feeds/records.jsonl:4: "));
  g_assert_cmpuint (harness->warnings->len, ==, 1);
  g_assert_cmpstr (nf_message_get_document_id (g_ptr_array_index (harness->warnings, 0)), ==,
                   "feeds/records.jsonl:4");
}

static void
test_filesrc_pattern (void)
{
  static const char * const expected[] = { "b", "business/002", NULL };
  g_autofree char *tree = fixture_path ("tree", NULL);
  /* Globs match case-insensitively, spaces around them do not count. */
  g_autoptr(Harness) harness = run_filesrc (tree, "pattern", "*.htm; *.TXT", NULL);
  g_autoptr(GPtrArray) documents = NULL;

  harness_run_ok (harness);
  documents = harness_pull_all (harness);
  assert_ids (documents, expected);
}

static void
test_filesrc_not_recursive (void)
{
  static const char * const expected[] = { "a", "b", NULL };
  g_autofree char *tree = fixture_path ("tree", NULL);
  g_autoptr(Harness) harness = run_filesrc (tree, "recursive", FALSE, NULL);
  g_autoptr(GPtrArray) documents = NULL;

  harness_run_ok (harness);
  documents = harness_pull_all (harness);
  assert_ids (documents, expected);
}

static void
test_filesrc_single_file (void)
{
  static const char * const expected[] = { "002", NULL };
  g_autofree char *file = fixture_path ("tree", "business", "002.htm", NULL);
  g_autoptr(Harness) harness = run_filesrc (file, "pattern", "*.nothing", NULL);
  g_autoptr(GPtrArray) documents = NULL;

  harness_run_ok (harness);
  documents = harness_pull_all (harness);
  assert_ids (documents, expected);
}

static void
test_filesrc_forced_format (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ("nf-core");
  g_autofree char *path = temp_dir_write (dir, "page.dat", "<p>Tagged</p>", -1);
  g_autoptr(Harness) as_text = run_filesrc (path, "format", 2 /* text */, NULL);
  g_autoptr(Harness) sniffed = run_filesrc (path, NULL);
  g_autoptr(GPtrArray) documents = NULL;

  harness_run_ok (as_text);
  documents = harness_pull_all (as_text);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpstr (nf_document_get_text (g_ptr_array_index (documents, 0)), ==, "<p>Tagged</p>");
  g_clear_pointer (&documents, g_ptr_array_unref);

  /* An unknown extension: the first character decides. */
  harness_run_ok (sniffed);
  documents = harness_pull_all (sniffed);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpstr (nf_document_get_id (g_ptr_array_index (documents, 0)), ==, "page");
  g_assert_cmpstr (nf_document_get_content_type (g_ptr_array_index (documents, 0)), ==,
                   "text/html; charset=utf-8");
  g_assert_null (nf_document_get_text (g_ptr_array_index (documents, 0)));
}

static void
test_filesrc_windows_1251 (void)
{
  const char *utf8 =
    "<html><head><meta charset=\"windows-1251\"><title>Новости</title></head>"
    "<body><p>Привет, мир! Экономика растёт.</p></body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(TempDir) dir = temp_dir_new ("nf-core");
  g_autofree char *cp1251 = NULL;
  g_autofree char *path = NULL;
  g_autofree char *content = NULL;
  g_autoptr(Harness) harness = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  gsize length;
  NfDocument *document;

  cp1251 = g_convert (utf8, -1, "WINDOWS-1251", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  g_assert_false (g_utf8_validate (cp1251, length, NULL));
  path = temp_dir_write (dir, "ru.html", cp1251, length);

  harness = run_filesrc (dir->path, NULL);
  harness_run_ok (harness);
  documents = harness_pull_all (harness);
  g_assert_cmpuint (documents->len, ==, 1);
  document = g_ptr_array_index (documents, 0);

  g_assert_cmpstr (nf_document_get_id (document), ==, "ru");
  g_assert_false (nf_document_has_error (document));
  content = content_string (document);
  g_assert_true (g_utf8_validate (content, -1, NULL));
  g_assert_nonnull (strstr (content, "<title>Новости</title>"));
  g_assert_nonnull (strstr (content, "Привет, мир! Экономика растёт."));
  g_assert_cmpint (g_ascii_strcasecmp (nf_document_get_meta_string (document, "filesrc.charset"),
                                       "windows-1251"), ==, 0);
}

static void
test_filesrc_max_size (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ("nf-core");
  g_autofree char *big_html = g_strnfill (2000, 'x');
  g_autofree char *big = temp_dir_write (dir, "big.html", big_html, -1);
  g_autofree char *small = temp_dir_write (dir, "small.txt", "Small enough.", -1);
  g_autoptr(Harness) harness = run_filesrc (dir->path, "max-size", (guint64) 1000, NULL);
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *src_path = NULL;
  NfDocument *document;
  const GError *error;

  harness_run_ok (harness);
  documents = harness_pull_all (harness);
  g_assert_cmpuint (documents->len, ==, 2);
  src_path = nf_element_get_path (nf_element_get_upstream (harness->sink));

  document = find_document (documents, "big");
  error = nf_document_get_error (document);
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, big));
  g_assert_null (nf_document_get_content (document));
  g_assert_cmpstr (nf_document_get_error_element (document), ==, src_path);

  document = find_document (documents, "small");
  g_assert_false (nf_document_has_error (document));
  g_assert_cmpstr (nf_document_get_text (document), ==, "Small enough.");

  g_assert_cmpuint (harness->warnings->len, ==, 1);
  g_assert_error (nf_message_get_error (g_ptr_array_index (harness->warnings, 0)),
                  NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_TOO_LARGE);
}

static void
test_filesrc_long_json_line (void)
{
  static const char * const expected[] = { "short", "lines.jsonl:2", "last", NULL };
  g_autoptr(TempDir) dir = temp_dir_new ("nf-core");
  g_autofree char *padding = g_strnfill (500, 'x');
  g_autofree char *data = g_strdup_printf ("{\"id\": \"short\"}\n"
                                           "{\"id\": \"long\", \"text\": \"%s\"}\n"
                                           "{\"id\": \"last\"}", padding);
  g_autofree char *path = temp_dir_write (dir, "lines.jsonl", data, -1);
  g_autoptr(Harness) harness = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  const GError *error;

  /* JSON Lines are streamed: max-size bounds each line, not the file. */
  harness = run_filesrc (dir->path, "max-size", (guint64) 100, NULL);
  harness_run_ok (harness);
  documents = harness_pull_all (harness);
  assert_ids (documents, expected);

  error = nf_document_get_error (g_ptr_array_index (documents, 1));
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "lines.jsonl:2: "));
  g_assert_false (nf_document_has_error (g_ptr_array_index (documents, 2)));
}

static void
test_filesrc_symlink_loop (void)
{
  static const char * const expected[] = { "a", NULL };
  g_autoptr(TempDir) dir = temp_dir_new ("nf-core");
  g_autofree char *file = temp_dir_write (dir, "a.txt", "Only once.", -1);
  g_autofree char *link = g_build_filename (dir->path, "loop", NULL);
  g_autoptr(Harness) harness = NULL;
  g_autoptr(GPtrArray) documents = NULL;

  /* loop -> the directory itself: walked once, not forever */
  g_assert_cmpint (symlink (".", link), ==, 0);
  harness = run_filesrc (dir->path, NULL);
  harness_run_ok (harness);
  documents = harness_pull_all (harness);
  assert_ids (documents, expected);
}

static void
test_filesrc_binary (void)
{
  static const guint8 junk[] = {
    0x7f, 'E', 'L', 'F', 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x03, 0x00, 0x3e, 0x00, 0x01, 0x00, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x01,
    0x90, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00,
  };
  g_autoptr(TempDir) dir = temp_dir_new ("nf-core");
  g_autofree char *path = temp_dir_write (dir, "junk.html", (const char *) junk, sizeof junk);
  g_autoptr(Harness) harness = run_filesrc (dir->path, NULL);
  g_autoptr(GPtrArray) documents = NULL;
  NfDocument *document;

  harness_run_ok (harness);
  documents = harness_pull_all (harness);
  g_assert_cmpuint (documents->len, ==, 1);
  document = g_ptr_array_index (documents, 0);
  g_assert_cmpstr (nf_document_get_id (document), ==, "junk");
  g_assert_error (nf_document_get_error (document), NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_DECODE);
  g_assert_nonnull (strstr (nf_document_get_error (document)->message, path));
  g_assert_cmpuint (harness->warnings->len, ==, 1);
}

static void
test_filesrc_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Harness) harness = run_filesrc ("/nonexistent/nf-core-test/articles", NULL);
  const GError *posted;

  g_assert_false (harness_run (harness, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent/nf-core-test/articles"));

  g_assert_cmpuint (harness->errors->len, ==, 1);
  posted = nf_message_get_error (g_ptr_array_index (harness->errors, 0));
  g_assert_error (posted, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (posted->message, "/nonexistent/nf-core-test/articles"));
}

static void
test_filesrc_stdin (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ("nf-core");
  g_autofree char *path = temp_dir_write (dir, "input",
                                          "  {\"id\": \"from-stdin\", \"title\": \"Piped\"}\n"
                                          "{\"text\": \"no id\"}\n", -1);
  static const char * const expected[] = { "from-stdin", "stdin:2", NULL };
  g_autoptr(Harness) harness = run_filesrc ("-", NULL);
  g_autoptr(GPtrArray) documents = NULL;
  int saved_stdin = dup (STDIN_FILENO);
  int fd = g_open (path, O_RDONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (dup2 (fd, STDIN_FILENO), ==, STDIN_FILENO);
  close (fd);

  harness_run_ok (harness);

  dup2 (saved_stdin, STDIN_FILENO);
  close (saved_stdin);

  documents = harness_pull_all (harness);
  assert_ids (documents, expected);
  g_assert_cmpstr (nf_document_get_title (g_ptr_array_index (documents, 0)), ==, "Piped");
}

/* ---- jsonsink ---- */

static void
test_jsonsink_lines (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ("nf-core");
  g_autofree char *out = g_build_filename (dir->path, "out.jsonl", NULL);
  g_autoptr(NfDocument) one = nf_document_new ("one");
  g_autoptr(NfDocument) two = nf_document_new ("two");
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *line_one = NULL;
  g_autofree char *line_two = NULL;
  NfElement *src = make_element ("appsrc", NULL);
  g_autoptr(Harness) harness = harness_new_chain (g_object_ref (src),
                                                  make_element ("jsonsink", "location", out, NULL),
                                                  NULL);

  nf_document_set_title (one, "First");
  nf_document_set_text (two, "Body \"quoted\"\nline");
  g_assert_true (nf_app_src_push_document (NF_APP_SRC (src), one));
  g_assert_true (nf_app_src_push_document (NF_APP_SRC (src), two));
  nf_app_src_end_of_stream (NF_APP_SRC (src));
  g_object_unref (src);

  harness_run_ok (harness);

  g_file_get_contents (out, &written, NULL, &error);
  g_assert_no_error (error);

  line_one = nf_document_to_json_string (one, FALSE);
  line_two = nf_document_to_json_string (two, FALSE);
  expected = g_strdup_printf ("%s\n%s\n", line_one, line_two);
  g_assert_cmpstr (written, ==, expected);
  g_assert_cmpstr (written, ==,
                   "{\"id\":\"one\",\"title\":\"First\"}\n"
                   "{\"id\":\"two\",\"text\":\"Body \\\"quoted\\\"\\nline\"}\n");
}

static void
test_jsonsink_dev_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Harness) harness = NULL;
  const GError *posted;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }

  harness = harness_new_chain (make_element ("fakesrc", "num-documents", (guint64) 10, NULL),
                               make_element ("jsonsink", "location", "/dev/full", NULL),
                               NULL);
  g_assert_false (harness_run (harness, &error));
  g_assert_nonnull (error);

  g_assert_cmpuint (harness->errors->len, ==, 1);
  posted = nf_message_get_error (g_ptr_array_index (harness->errors, 0));
  g_assert_error (posted, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_WRITE);
  g_assert_nonnull (strstr (posted->message, "/dev/full"));
  g_assert_nonnull (strstr (posted->message, g_strerror (ENOSPC)));
}

static void
test_jsonsink_not_a_directory (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ("nf-core");
  g_autofree char *file = temp_dir_write (dir, "plain", "a regular file", -1);
  g_autofree char *out = g_build_filename (file, "out.jsonl", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(Harness) harness = NULL;
  const GError *posted;

  harness = harness_new_chain (make_element ("fakesrc", NULL),
                               make_element ("jsonsink", "location", out, NULL),
                               NULL);
  g_assert_false (harness_run (harness, &error));
  g_assert_nonnull (error);

  g_assert_cmpuint (harness->errors->len, ==, 1);
  posted = nf_message_get_error (g_ptr_array_index (harness->errors, 0));
  g_assert_error (posted, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_OPEN_WRITE);
  g_assert_nonnull (strstr (posted->message, out));
  g_assert_nonnull (strstr (posted->message, g_strerror (ENOTDIR)));
}

/* ---- textsink ---- */

static NfDocument *
make_digest_document (void)
{
  NfDocument *document = nf_document_new ("world/1");
  static const struct { const char *kind, *text; } tags[] = {
    { NF_TAG_KIND_PERSON,  "Ada Lovelace" },
    { NF_TAG_KIND_PLACE,   "Oslo" },
    { NF_TAG_KIND_KEYWORD, "export controls" },
    { NF_TAG_KIND_PERSON,  "Charles Babbage" },
    { NF_TAG_KIND_SOURCE,  "Foreign Ministry briefing" },
    { NF_TAG_KIND_KEYWORD, "trade" },
  };
  g_autoptr(NfSentence) first = nf_sentence_new ("Ministers met in Oslo on Tuesday.", 0, 33, 0.9);
  g_autoptr(NfSentence) second = nf_sentence_new ("They agreed on export controls.", 35, 66, 0.8);

  nf_document_set_title (document, "Ministers meet in Oslo");
  nf_document_set_site_name (document, "Example News");
  nf_document_set_uri (document, "https://example.org/world/1");
  nf_document_set_published (document, "2026-11-27T10:00:00Z");
  nf_document_set_text (document, "Ministers met in Oslo on Tuesday.\n\nThey agreed on export controls.");
  nf_document_add_summary (document, first);
  nf_document_add_summary (document, second);
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_autoptr(NfTag) tag = nf_tag_new (tags[i].kind, tags[i].text);
      nf_document_add_tag (document, tag);
    }

  return document;
}

static void
test_textsink_digest (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ("nf-core");
  g_autofree char *out = g_build_filename (dir->path, "digest.txt", NULL);
  g_autoptr(NfDocument) full = make_digest_document ();
  g_autoptr(NfDocument) bare = nf_document_new ("world/2");
  g_autoptr(NfDocument) failed = nf_document_new ("world/3");
  g_autoptr(GError) not_found = g_error_new_literal (NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_NOT_FOUND,
                                                     "HTTP 404 Not Found");
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  NfElement *src = make_element ("appsrc", NULL);
  g_autoptr(Harness) harness = harness_new_chain (g_object_ref (src),
                                                  make_element ("textsink", "location", out, NULL),
                                                  NULL);

  nf_document_set_text (bare, "A short text\n\nin two   paragraphs.");
  nf_document_set_error (failed, not_found);

  nf_app_src_push_document (NF_APP_SRC (src), full);
  nf_app_src_push_document (NF_APP_SRC (src), bare);
  nf_app_src_push_document (NF_APP_SRC (src), failed);
  nf_app_src_end_of_stream (NF_APP_SRC (src));
  g_object_unref (src);

  harness_run_ok (harness);

  g_file_get_contents (out, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==,
                   "Ministers meet in Oslo\n"
                   "Example News · https://example.org/world/1 · 2026-11-27T10:00:00Z\n"
                   "  • Ministers met in Oslo on Tuesday.\n"
                   "  • They agreed on export controls.\n"
                   "people: Ada Lovelace, Charles Babbage\n"
                   "places: Oslo\n"
                   "keywords: export controls, trade\n"
                   "sources: Foreign Ministry briefing\n"
                   "\n"
                   "world/2\n"
                   "  A short text in two paragraphs.\n"
                   "\n"
                   "✗ world/3: HTTP 404 Not Found\n");
}

static void
test_textsink_excerpt (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ("nf-core");
  g_autofree char *out = g_build_filename (dir->path, "digest.txt", NULL);
  g_autoptr(Harness) harness = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_auto(GStrv) lines = NULL;

  /* fakesrc's text is longer than the excerpt: it is cut at a word, with "…" */
  harness = harness_new_chain (make_element ("fakesrc", "num-documents", (guint64) 1,
                                             "text-size", 1000, NULL),
                               make_element ("textsink", "location", out, NULL),
                               NULL);
  harness_run_ok (harness);

  g_file_get_contents (out, &written, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (written, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[0], ==, "fake/0000001");
  g_assert_true (g_str_has_prefix (lines[1], "  "));
  g_assert_true (g_str_has_suffix (lines[1], "…"));
  g_assert_cmpuint (g_utf8_strlen (lines[1], -1), <=, 2 + 300 + 1);
  g_assert_cmpuint (g_utf8_strlen (lines[1], -1), >=, 2 + 150);
  g_assert_cmpstr (lines[2], ==, "");
}

/* ---- tee, identity, fakesrc, fakesink ---- */

static void
test_tee_branches (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPipeline) pipeline = nf_pipeline_new (NULL);
  NfElement *src = make_element ("fakesrc", "num-documents", (guint64) 50, NULL);
  NfElement *tee = make_element ("tee", NULL);
  NfElement *left = make_element ("appsink", "emit-signals", FALSE, NULL);
  NfElement *right = make_element ("fakesink", NULL);
  g_autoptr(Harness) harness = g_new0 (Harness, 1);
  g_autoptr(GPtrArray) documents = NULL;
  guint64 count = 0;

  harness->pipeline = g_object_ref (pipeline);
  harness->sink = left;
  nf_pipeline_add (pipeline, src, &error);
  g_assert_no_error (error);
  nf_pipeline_add (pipeline, tee, &error);
  g_assert_no_error (error);
  nf_pipeline_add (pipeline, left, &error);
  g_assert_no_error (error);
  nf_pipeline_add (pipeline, right, &error);
  g_assert_no_error (error);
  g_assert_true (nf_element_link (src, tee, &error));
  g_assert_true (nf_element_link (tee, left, &error));
  g_assert_true (nf_element_link (tee, right, &error));
  g_assert_no_error (error);
  g_object_unref (src);
  g_object_unref (tee);
  g_object_unref (left);
  g_object_unref (right);
  harness_watch (harness);

  harness_run_ok (harness);

  documents = harness_pull_all (harness);
  g_assert_cmpuint (documents->len, ==, 50);
  g_assert_cmpstr (nf_document_get_id (g_ptr_array_index (documents, 0)), ==, "fake/0000001");
  g_assert_cmpstr (nf_document_get_id (g_ptr_array_index (documents, 49)), ==, "fake/0000050");
  g_object_get (right, "count", &count, NULL);
  g_assert_cmpuint (count, ==, 50);
}

static void
test_identity_fail_every (void)
{
  NfElement *identity = make_element ("identity", "fail-every", 3, NULL);
  g_autoptr(Harness) harness =
    harness_new_chain (make_element ("fakesrc", "num-documents", (guint64) 10, NULL),
                       identity,
                       make_element ("appsink", NULL),
                       NULL);
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *identity_path = NULL;
  guint n_failed = 0;

  /* One thread: "every third" is then the third, sixth and ninth document. */
  nf_pipeline_set_threads (harness->pipeline, 1);
  harness_run_ok (harness);

  documents = harness_pull_all (harness);
  g_assert_cmpuint (documents->len, ==, 10);
  g_assert_cmpuint (harness->signalled->len, ==, 10);
  identity_path = nf_element_get_path (identity);

  for (guint i = 0; i < documents->len; i++)
    {
      NfDocument *document = g_ptr_array_index (documents, i);
      g_autofree char *message = NULL;

      if ((i + 1) % 3 != 0)
        {
          g_assert_false (nf_document_has_error (document));
          continue;
        }

      n_failed++;
      message = g_strdup_printf ("failing document %s on purpose (fail-every=3)",
                                 nf_document_get_id (document));
      g_assert_error (nf_document_get_error (document), NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FAILED);
      g_assert_cmpstr (nf_document_get_error (document)->message, ==, message);
      g_assert_cmpstr (nf_document_get_error_element (document), ==, identity_path);
    }

  g_assert_cmpuint (n_failed, ==, 3);
  g_assert_cmpuint (harness->warnings->len, ==, 3);
  g_assert_cmpstr (nf_message_get_document_id (g_ptr_array_index (harness->warnings, 0)), ==,
                   "fake/0000003");
  g_assert_cmpstr (nf_message_get_source_path (g_ptr_array_index (harness->warnings, 0)), ==,
                   identity_path);
  g_assert_error (nf_message_get_error (g_ptr_array_index (harness->warnings, 2)),
                  NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FAILED);
}

static void
test_identity_copies_and_drops (void)
{
  static const char * const expected[] = {
    "fake/0000001", "fake/0000001#2", "fake/0000001#3",
    "fake/0000003", "fake/0000003#2", "fake/0000003#3",
    NULL
  };
  g_autoptr(Harness) harness =
    harness_new_chain (make_element ("fakesrc", "num-documents", (guint64) 4, NULL),
                       make_element ("identity", "copies", 3, "drop-every", 2, NULL),
                       make_element ("appsink", "emit-signals", FALSE, NULL),
                       NULL);
  g_autoptr(GPtrArray) documents = NULL;

  nf_pipeline_set_threads (harness->pipeline, 1);
  harness_run_ok (harness);
  documents = harness_pull_all (harness);
  assert_ids (documents, expected);
  g_assert_cmpstr (nf_document_get_text (g_ptr_array_index (documents, 1)), ==,
                   nf_document_get_text (g_ptr_array_index (documents, 0)));
  g_assert_cmpuint (harness->warnings->len, ==, 0);
}

static void
test_fakesrc_fakesink (void)
{
  g_autoptr(Harness) harness =
    harness_new_launch ("fakesrc num-documents=1000 text-size=10 ! identity ! fakesink name=out");
  guint64 count = 0;

  harness_run_ok (harness);
  g_object_get (harness->sink, "count", &count, NULL);
  g_assert_cmpuint (count, ==, 1000);
  g_assert_cmpuint (harness->n_eos, ==, 1);
}

static void
test_fakesrc_documents (void)
{
  g_autoptr(Harness) harness =
    harness_new_chain (make_element ("fakesrc", "num-documents", (guint64) 3, "text-size", 200,
                                     "id-prefix", "gen", NULL),
                       make_element ("appsink", "emit-signals", FALSE, NULL),
                       NULL);
  static const char * const expected[] = { "gen/0000001", "gen/0000002", "gen/0000003", NULL };
  g_autoptr(GPtrArray) documents = NULL;
  const char *text;

  harness_run_ok (harness);
  documents = harness_pull_all (harness);
  assert_ids (documents, expected);
  text = nf_document_get_text (g_ptr_array_index (documents, 2));
  g_assert_cmpuint (strlen (text), ==, 200);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_ascii_isupper (text[0]));
}

/* ---- appsrc, appsink ---- */

static void
test_app_round_trip (void)
{
  static const char * const expected[] = { "d1", "d2", "appsrc:3", "d4", "d5", NULL };
  NfElement *src = make_element ("appsrc", NULL);
  g_autoptr(Harness) harness = harness_new_chain (g_object_ref (src),
                                                  make_element ("appsink", NULL),
                                                  NULL);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(NfDocument) late = nf_document_new ("late");

  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("d%u", i);
      g_autoptr(NfDocument) document = nf_document_new (i == 3 ? NULL : id);

      g_assert_true (nf_app_src_push_document (NF_APP_SRC (src), document));
    }
  g_assert_cmpuint (nf_app_src_get_n_queued (NF_APP_SRC (src)), ==, 5);
  nf_app_src_end_of_stream (NF_APP_SRC (src));
  g_assert_false (nf_app_src_push_document (NF_APP_SRC (src), late));

  harness_run_ok (harness);

  /* every signal arrived before the run returned, in order */
  g_assert_cmpuint (harness->signalled->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (g_ptr_array_index (harness->signalled, i), ==, expected[i]);

  g_assert_cmpuint (nf_app_sink_get_n_queued (NF_APP_SINK (harness->sink)), ==, 5);
  documents = harness_pull_all (harness);
  assert_ids (documents, expected);
  g_assert_null (nf_app_sink_pull_document (NF_APP_SINK (harness->sink)));
  g_object_unref (src);
}

typedef struct {
  NfAppSrc *src;
  guint     n;
} Feeder;

static gpointer
feed_documents (gpointer data)
{
  Feeder *feeder = data;

  for (guint i = 1; i <= feeder->n; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%04u", i);
      g_autoptr(NfDocument) document = nf_document_new (id);

      g_assert_true (nf_app_src_push_document (feeder->src, document));
      /* the bound holds while the pipeline drains the queue */
      g_assert_cmpuint (nf_app_src_get_n_queued (feeder->src), <=, 2);
    }
  nf_app_src_end_of_stream (feeder->src);
  return NULL;
}

static void
test_app_src_threaded_bounded (void)
{
  NfElement *src = make_element ("appsrc", "max-queued", 2, NULL);
  g_autoptr(Harness) harness = harness_new_chain (g_object_ref (src),
                                                  make_element ("appsink", "emit-signals", FALSE, NULL),
                                                  NULL);
  Feeder feeder = { NF_APP_SRC (src), 200 };
  g_autoptr(GPtrArray) documents = NULL;
  GThread *thread = g_thread_new ("feeder", feed_documents, &feeder);

  harness_run_ok (harness);
  g_thread_join (thread);

  documents = harness_pull_all (harness);
  g_assert_cmpuint (documents->len, ==, 200);
  for (guint i = 0; i < documents->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%04u", i + 1);
      g_assert_cmpstr (nf_document_get_id (g_ptr_array_index (documents, i)), ==, id);
    }
  g_object_unref (src);
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_app_src_cancel (void)
{
  /* An appsrc that never gets end-of-stream still stops on cancellation. */
  NfElement *src = make_element ("appsrc", NULL);
  g_autoptr(Harness) harness = harness_new_chain (g_object_ref (src),
                                                  make_element ("fakesink", NULL),
                                                  NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(NfDocument) document = nf_document_new ("only");
  g_autoptr(GError) error = NULL;

  nf_app_src_push_document (NF_APP_SRC (src), document);
  g_timeout_add (100, cancel_soon, cancellable);
  nf_pipeline_run (harness->pipeline, cancellable, &error);
  /* How the pipeline reports the cancellation is its business; it returned. */
  g_assert_false (nf_app_src_push_document (NF_APP_SRC (src), document));
  g_object_unref (src);
}

static void
test_app_sink_max_queued (void)
{
  NfElement *src = make_element ("fakesrc", "num-documents", (guint64) 10, NULL);
  g_autoptr(Harness) harness = harness_new_chain (src,
                                                  make_element ("appsink", "max-queued", 3, NULL),
                                                  NULL);
  static const char * const expected[] = { "fake/0000008", "fake/0000009", "fake/0000010", NULL };
  g_autoptr(GPtrArray) documents = NULL;

  harness_run_ok (harness);
  /* the signal announced all ten; the queue kept the newest three */
  g_assert_cmpuint (harness->signalled->len, ==, 10);
  documents = harness_pull_all (harness);
  assert_ids (documents, expected);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();

  g_test_add_func ("/core/registry/elements", test_registry_elements);

  g_test_add_func ("/core/filesrc/tree", test_filesrc_tree);
  g_test_add_func ("/core/filesrc/pattern", test_filesrc_pattern);
  g_test_add_func ("/core/filesrc/not-recursive", test_filesrc_not_recursive);
  g_test_add_func ("/core/filesrc/single-file", test_filesrc_single_file);
  g_test_add_func ("/core/filesrc/forced-format", test_filesrc_forced_format);
  g_test_add_func ("/core/filesrc/windows-1251", test_filesrc_windows_1251);
  g_test_add_func ("/core/filesrc/max-size", test_filesrc_max_size);
  g_test_add_func ("/core/filesrc/long-json-line", test_filesrc_long_json_line);
  g_test_add_func ("/core/filesrc/symlink-loop", test_filesrc_symlink_loop);
  g_test_add_func ("/core/filesrc/binary", test_filesrc_binary);
  g_test_add_func ("/core/filesrc/missing", test_filesrc_missing);
  g_test_add_func ("/core/filesrc/stdin", test_filesrc_stdin);

  g_test_add_func ("/core/jsonsink/lines", test_jsonsink_lines);
  g_test_add_func ("/core/jsonsink/dev-full", test_jsonsink_dev_full);
  g_test_add_func ("/core/jsonsink/not-a-directory", test_jsonsink_not_a_directory);

  g_test_add_func ("/core/textsink/digest", test_textsink_digest);
  g_test_add_func ("/core/textsink/excerpt", test_textsink_excerpt);

  g_test_add_func ("/core/tee/branches", test_tee_branches);
  g_test_add_func ("/core/identity/fail-every", test_identity_fail_every);
  g_test_add_func ("/core/identity/copies-and-drops", test_identity_copies_and_drops);
  g_test_add_func ("/core/fakesrc/fakesink", test_fakesrc_fakesink);
  g_test_add_func ("/core/fakesrc/documents", test_fakesrc_documents);

  g_test_add_func ("/core/app/round-trip", test_app_round_trip);
  g_test_add_func ("/core/app/threaded-bounded", test_app_src_threaded_bounded);
  g_test_add_func ("/core/app/cancel", test_app_src_cancel);
  g_test_add_func ("/core/appsink/max-queued", test_app_sink_max_queued);

  return g_test_run ();
}
