/* test-pos.c: the tag plugin's part-of-speech tagger
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A tiny model trained on an invented file, the committed English model
 * on an invented sentence, and a corrupt model file.
 */
#include "nf-tagger-private.h"

#include <glib/gstdio.h>
#include <string.h>

/* The committed model, beside the entity model the build names. */
static char *
committed_model_path (void)
{
  g_autofree char *dir = g_path_get_dirname (NF_TEST_NER_MODEL);

  return g_build_filename (dir, "pos-en.nfm", NULL);
}

/* The tags of @text as letters: N A V D O, one per token. */
static char *
tag_letters (NfPosModel *model,
             const char *text)
{
  g_autoptr(GArray) tokens = nf_pos_model_tag (model, text);
  GString *letters = g_string_new (NULL);

  for (guint i = 0; i < tokens->len; i++)
    g_string_append_c (letters, "NAVDO"[g_array_index (tokens, NfPosToken, i).tag]);
  return g_string_free (letters, FALSE);
}

/* Penn tags fold into the coarse ones. */
static void
test_penn (void)
{
  g_assert_cmpint (nf_pos_tag_from_penn ("NNPS"), ==, NF_POS_NOUN);
  g_assert_cmpint (nf_pos_tag_from_penn ("JJR"), ==, NF_POS_ADJ);
  g_assert_cmpint (nf_pos_tag_from_penn ("VBZ"), ==, NF_POS_VERB);
  g_assert_cmpint (nf_pos_tag_from_penn ("MD"), ==, NF_POS_VERB);
  g_assert_cmpint (nf_pos_tag_from_penn ("CD"), ==, NF_POS_NUM);
  g_assert_cmpint (nf_pos_tag_from_penn ("DT"), ==, NF_POS_OTHER);
}

/* A model trained on three invented sentences tags them back, with
 * offsets in code points; training twice writes the same bytes. */
static void
test_mini_model (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-pos-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "mini.nfm", NULL);
  g_autofree char *again = g_build_filename (dir, "again.nfm", NULL);
  g_autofree char *train = g_build_filename (g_getenv ("NF_TEST_SRCDIR"), "tag", "data",
                                            "pos-mini.train", NULL);
  g_autofree char *a = NULL, *b = NULL, *letters = NULL;
  gsize a_len, b_len;
  NfPosTrainOptions options = { 10, 1, 12, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPosModel) model = NULL;
  g_autoptr(GArray) tokens = NULL;

  g_assert_true (nf_pos_train (train, path, &options, &error));
  g_assert_no_error (error);
  g_assert_true (nf_pos_train (train, again, &options, &error));
  g_assert_true (g_file_get_contents (path, &a, &a_len, NULL));
  g_assert_true (g_file_get_contents (again, &b, &b_len, NULL));
  g_assert_cmpuint (a_len, ==, 32 + 2 * 4096);
  g_assert_true (a_len == b_len && memcmp (a, b, a_len) == 0);

  model = nf_pos_model_load (path, &error);
  g_assert_no_error (error);
  letters = tag_letters (model, "The harbour keeper painted the old lighthouse.");
  g_assert_cmpstr (letters, ==, "ONNVOANO");
  tokens = nf_pos_model_tag (model, "Marta repaired the blue boat.");
  g_assert_cmpuint (tokens->len, ==, 6);
  g_assert_cmpuint (g_array_index (tokens, NfPosToken, 4).start, ==, 24);
  g_assert_cmpuint (g_array_index (tokens, NfPosToken, 4).end, ==, 28);
  g_assert_cmpint (g_array_index (tokens, NfPosToken, 4).tag, ==, NF_POS_NOUN);

  g_unlink (path);
  g_unlink (again);
  g_rmdir (dir);
}

/* The committed model tags an invented sentence: nouns, verbs, adjectives
 * and numbers. */
static void
test_committed_model (void)
{
  g_autofree char *path = committed_model_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPosModel) model = NULL;
  g_autofree char *letters = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no committed part-of-speech model");
      return;
    }
  model = nf_pos_model_load (path, &error);
  g_assert_no_error (error);
  /* The  new  lighthouse keeper  repaired three wooden boats in  Bergen . */
  letters = tag_letters (model,
                         "The new lighthouse keeper repaired three wooden boats in Bergen.");
  g_assert_cmpstr (letters, ==, "OANNVDANONO");
}

/* A truncated or altered file is refused with a message saying why. */
static void
test_corrupt (void)
{
  g_autofree char *path = committed_model_path ();
  g_autofree char *dir = g_dir_make_tmp ("test-pos-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.nfm", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  NfPosModel *model;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, NULL))
    {
      g_test_skip ("no committed part-of-speech model");
      return;
    }
  data[length / 2] ^= 0x55;
  g_assert_true (g_file_set_contents (bad, data, length, NULL));
  model = nf_pos_model_load (bad, &error);
  g_assert_null (model);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_nonnull (strstr (error->message, "checksum mismatch"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (bad, data, length - 2, NULL));
  model = nf_pos_model_load (bad, &error);
  g_assert_null (model);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_nonnull (strstr (error->message, "truncated"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (bad, "NFNERMDL not this", -1, NULL));
  model = nf_pos_model_load (bad, &error);
  g_assert_null (model);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);

  g_unlink (bad);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pos/penn", test_penn);
  g_test_add_func ("/pos/mini-model", test_mini_model);
  g_test_add_func ("/pos/committed-model", test_committed_model);
  g_test_add_func ("/pos/corrupt", test_corrupt);
  return g_test_run ();
}
