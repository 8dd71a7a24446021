/* test-ner.c: the entity recogniser of the tag plugin
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The tokenizer on raw and pre-tokenized text; a tiny model trained here
 * from sentences written for this test (data/ner-mini.train); the model
 * committed in plugins/tag/models on an invented sentence; and model
 * files that are not models.
 */
#include "nf-ner-private.h"

#include <glib/gstdio.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------------- */

/* The tokens of @text as one string, separated by '|'. */
static char *
tokens_joined (const char *text)
{
  g_autoptr(GArray) tokens = nf_ner_tokenize (text);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < tokens->len; i++)
    {
      NfNerToken *t = &g_array_index (tokens, NfNerToken, i);
      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, t->text);
    }
  return g_string_free (out, FALSE);
}

/* The mentions of @text as "KIND:text@start-end" separated by ' '. */
static char *
mentions_string (NfNerModel *model,
                 const char *text)
{
  static const char *kinds[] = { "PER", "LOC", "ORG", "MISC" };
  g_autoptr(GArray) mentions = nf_ner_model_find (model, text);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < mentions->len; i++)
    {
      NfNerMention *m = &g_array_index (mentions, NfNerMention, i);
      const char *a = g_utf8_offset_to_pointer (text, m->start);
      const char *b = g_utf8_offset_to_pointer (text, m->end);

      g_assert_cmpuint (m->start, <, m->end);
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s:%.*s@%u-%u", kinds[m->kind],
                              (int) (b - a), a, m->start, m->end);
    }
  return g_string_free (out, FALSE);
}

/* A temporary folder for the test's files. */
static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("nf-test-ner-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes the files of a temporary folder, then the folder. */
static void
remove_temp_dir (char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
  g_free (dir);
}

/* Trains the tiny model of data/ner-mini.train into @path. */
static void
train_mini (const char *path)
{
  g_autofree char *train = g_build_filename (g_getenv ("NF_TEST_SRCDIR"), "tag", "data",
                                             "ner-mini.train", NULL);
  NfNerTrainOptions options = { 10, 1, 16, FALSE };
  g_autoptr(GError) error = NULL;

  g_assert_true (nf_ner_train (train, path, &options, &error));
  g_assert_no_error (error);
}

/* ---- tokens ------------------------------------------------------------------- */

static void
test_tokens_raw (void)
{
  struct { const char *text, *tokens; } cases[] = {
    { "Mr. Smith's car (the U.S. one) didn't stop.",
      "Mr.|Smith|'s|car|(|the|U.S.|one|)|did|n't|stop|." },
    { "\"We won,\" said J. Doe of Acme Inc.",
      "\"|We|won|,|\"|said|J.|Doe|of|Acme|Inc." },
    { "Wait... what? A well-known O'Neill fan's 1996-08-22 note.",
      "Wait|...|what|?|A|well-known|O'Neill|fan|'s|1996-08-22|note|." },
    { "“Yes,” she said; 1,200 people came.",
      "“|Yes|,|”|she|said|;|1,200|people|came|." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = tokens_joined (cases[i].text);
      g_assert_cmpstr (got, ==, cases[i].tokens);
    }
}

static void
test_tokens_pretokenized (void)
{
  const char *text = "U.S. officials ( Reuters ) said Smith 's team does n't play '96 - it 's over .";
  g_autofree char *got = tokens_joined (text);
  g_autofree char *expected = g_strjoinv ("|", (char **) (const char *[]) {
    "U.S.", "officials", "(", "Reuters", ")", "said", "Smith", "'s", "team", "does",
    "n't", "play", "'96", "-", "it", "'s", "over", ".", NULL });

  g_assert_cmpstr (got, ==, expected);
}

static void
test_tokens_offsets (void)
{
  g_autoptr(GArray) tokens = nf_ner_tokenize ("Zürich café, déjà vu.\nNext line. Then more.");
  struct { const char *text; guint start, end; gboolean first; } expected[] = {
    { "Zürich", 0, 6, TRUE }, { "café", 7, 11, FALSE }, { ",", 11, 12, FALSE },
    { "déjà", 13, 17, FALSE }, { "vu", 18, 20, FALSE }, { ".", 20, 21, FALSE },
    { "Next", 22, 26, TRUE }, { "line", 27, 31, FALSE }, { ".", 31, 32, FALSE },
    { "Then", 33, 37, TRUE }, { "more", 38, 42, FALSE }, { ".", 42, 43, FALSE },
  };

  g_assert_cmpuint (tokens->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < tokens->len; i++)
    {
      NfNerToken *t = &g_array_index (tokens, NfNerToken, i);
      g_assert_cmpstr (t->text, ==, expected[i].text);
      g_assert_cmpuint (t->start, ==, expected[i].start);
      g_assert_cmpuint (t->end, ==, expected[i].end);
      g_assert_cmpint (t->sentence_start, ==, expected[i].first);
    }
}

/* ---- a tiny model ---------------------------------------------------------------- */

static void
test_mini_model (void)
{
  char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "mini.nfm", NULL);
  g_autofree char *again = g_build_filename (dir, "mini-again.nfm", NULL);
  g_autofree char *a = NULL, *b = NULL;
  gsize la, lb;
  g_autoptr(GError) error = NULL;
  g_autoptr(NfNerModel) model = NULL;
  g_autofree char *found = NULL;

  train_mini (path);
  train_mini (again);
  /* deterministic: the same data and seed give the same bytes */
  g_assert_true (g_file_get_contents (path, &a, &la, NULL));
  g_assert_true (g_file_get_contents (again, &b, &lb, NULL));
  g_assert_cmpmem (a, la, b, lb);

  model = nf_ner_model_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  found = mentions_string (model,
    "Anna Berglund , the chief executive of Nordvik Shipping , said on Monday "
    "that the company would open an office in Rotterdam .");
  g_assert_cmpstr (found, ==,
    "PER:Anna Berglund@0-13 ORG:Nordvik Shipping@39-55 LOC:Rotterdam@114-123");
  remove_temp_dir (dir);
}

static void
test_mini_model_no_text (void)
{
  char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "mini.nfm", NULL);
  g_autoptr(NfNerModel) model = NULL;
  g_autoptr(GArray) none = NULL, spaces = NULL;

  train_mini (path);
  model = nf_ner_model_load (path, NULL);
  g_assert_nonnull (model);
  none = nf_ner_model_find (model, "");
  spaces = nf_ner_model_find (model, " \n\t ");
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (spaces->len, ==, 0);
  remove_temp_dir (dir);
}

static void
test_train_errors (void)
{
  char *dir = make_temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing.train", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.train", NULL);
  g_autofree char *out = g_build_filename (dir, "out.nfm", NULL);
  NfNerTrainOptions options = { 1, 1, 16, FALSE };
  g_autoptr(GError) error = NULL;

  g_assert_false (nf_ner_train (missing, out, &options, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (empty, "-DOCSTART- -X- -X- O\n\n", -1, NULL));
  g_assert_false (nf_ner_train (empty, out, &options, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_true (g_str_has_suffix (error->message, ": no sentences"));
  remove_temp_dir (dir);
}

/* ---- files that are not models ------------------------------------------------------ */

/* Loads @path and checks the error ends with @why. */
static void
assert_load_fails (const char *path,
                   const char *why)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfNerModel) model = nf_ner_model_load (path, &error);
  g_autofree char *expected = g_strdup_printf ("%s is not a valid entity model: %s", path, why);

  g_assert_null (model);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_bad_model_files (void)
{
  char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "mini.nfm", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.nfm", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.nfm", NULL);
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;
  g_autoptr(NfNerModel) model = NULL;

  train_mini (path);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));

  g_assert_true (g_file_set_contents (bad, "hello, I am not a model", -1, NULL));
  assert_load_fails (bad, "no model header");

  g_assert_true (g_file_set_contents (bad, data, 20, NULL));
  assert_load_fails (bad, "no model header");

  g_assert_true (g_file_set_contents (bad, data, length - 100, NULL));
  assert_load_fails (bad, "the file is truncated");

  data[length / 2] ^= 0x40;
  g_assert_true (g_file_set_contents (bad, data, length, NULL));
  assert_load_fails (bad, "checksum mismatch (corrupt file)");
  data[length / 2] ^= 0x40;

  data[8] = 99;
  g_assert_true (g_file_set_contents (bad, data, length, NULL));
  assert_load_fails (bad, "unsupported version");

  model = nf_ner_model_load (missing, &error);
  g_assert_null (model);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  remove_temp_dir (dir);
}

/* ---- the committed model -------------------------------------------------------------- */

static void
test_default_model (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfNerModel) model = NULL;
  g_autofree char *found = NULL, *after_accents = NULL;

  if (!g_file_test (NF_TEST_NER_MODEL, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the default model is not in the source tree");
      return;
    }
  model = nf_ner_model_load (NF_TEST_NER_MODEL, &error);
  g_assert_no_error (error);

  found = mentions_string (model,
    "Foreign Minister Sergei Lavrov flew back to Moscow on Tuesday after two days of talks.");
  g_assert_cmpstr (found, ==, "PER:Sergei Lavrov@17-30 LOC:Moscow@44-50");

  /* code points, not bytes, after accented letters */
  after_accents = mentions_string (model,
    "After the café meeting in Zürich, Sergei Lavrov returned to Moscow.");
  g_assert_cmpstr (after_accents, ==,
    "LOC:Zürich@26-32 PER:Sergei Lavrov@34-47 LOC:Moscow@60-66");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ner/tokens/raw", test_tokens_raw);
  g_test_add_func ("/ner/tokens/pretokenized", test_tokens_pretokenized);
  g_test_add_func ("/ner/tokens/offsets", test_tokens_offsets);
  g_test_add_func ("/ner/train/mini", test_mini_model);
  g_test_add_func ("/ner/train/no-text", test_mini_model_no_text);
  g_test_add_func ("/ner/train/errors", test_train_errors);
  g_test_add_func ("/ner/model/bad-files", test_bad_model_files);
  g_test_add_func ("/ner/model/default", test_default_model);

  return g_test_run ();
}
