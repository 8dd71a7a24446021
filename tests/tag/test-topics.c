/* test-topics.c: the topic classifier and its training tool
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Trains a small model with tools/nf-train-topics on texts written for
 * these tests (data/topics-mini.jsonl: food, science, sport), classifies
 * new texts with it and with the committed English model, and checks what
 * a damaged model file does.
 */
#include <string.h>

#include <sys/wait.h>

#include <glib/gstdio.h>

#include "nf-tagger-private.h"

typedef struct
{
  char *dir;          /* a temporary folder, removed afterwards */
  char *mini_model;   /* the model trained on topics-mini.jsonl */
} Fixture;

/* ---- helpers ----------------------------------------------------------- */

/* A file of the source tree, below tests/. */
static char *
source_path (const char *relative)
{
  const char *srcdir = g_getenv ("NF_TEST_SRCDIR");

  if (srcdir == NULL)
    return NULL;
  return g_build_filename (srcdir, relative, NULL);
}

/* The training tool of this build: tools/ beside tests/. */
static char *
tool_path (void)
{
  const char *builddir = g_getenv ("NF_TEST_BUILDDIR");

  if (builddir != NULL)
    return g_build_filename (builddir, "..", "tools", "nf-train-topics", NULL);
  return g_test_build_filename (G_TEST_BUILT, "..", "..", "tools", "nf-train-topics", NULL);
}

/* Runs the training tool with @args (NULL-terminated); its output in @out
 * and @err, its exit status returned. */
static int
run_tool (const char * const *args,
          char              **out,
          char              **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  int status;

  g_ptr_array_add (argv, tool_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* Removes the files of a flat folder, then the folder. */
static void
remove_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
  g_rmdir (path);
}

/* Makes a temporary folder and trains the mini model into it. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *data = source_path ("tag/data/topics-mini.jsonl");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-topics-XXXXXX", &error);
  g_assert_no_error (error);
  if (data == NULL)
    return;

  fixture->mini_model = g_build_filename (fixture->dir, "mini.nfm", NULL);
  g_assert_cmpint (run_tool ((const char *[]) { "--data", data, "--output", fixture->mini_model,
                                                 "--seed", "7", NULL }, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
}

/* Removes the temporary folder. */
static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->mini_model);
}

/* Skips the test when the source tree is not known. */
static gboolean
need_sources (Fixture *fixture)
{
  if (fixture->mini_model == NULL)
    {
      g_test_skip ("NF_TEST_SRCDIR is not set");
      return FALSE;
    }
  return TRUE;
}

/* Checks @scores has @n_labels labels, each once, best first, summing to 1. */
static void
assert_well_formed (GArray *scores,
                    guint   n_labels)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  double sum = 0;

  g_assert_cmpuint (scores->len, ==, n_labels);
  for (guint i = 0; i < scores->len; i++)
    {
      NfTopicScore *score = &g_array_index (scores, NfTopicScore, i);

      g_assert_true (g_hash_table_add (seen, (gpointer) score->label));
      g_assert_cmpfloat (score->score, >=, 0.0);
      g_assert_cmpfloat (score->score, <=, 1.0);
      if (i > 0)
        g_assert_cmpfloat (score->score, <=, g_array_index (scores, NfTopicScore, i - 1).score);
      sum += score->score;
    }
  g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-9);
}

/* The best label of @text for @model. */
static char *
best_label (NfTopicModel *model,
            const char   *text,
            const char   *title)
{
  g_autoptr (GArray) scores = nf_topic_model_classify (model, text, title);

  return g_strdup (g_array_index (scores, NfTopicScore, 0).label);
}

/* ---- the tool ---------------------------------------------------------- */

/* The tool reports its figures on the held-back fifth and by
 * cross-validation, and says what the model written was trained on. */
static void
test_tool_report (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *data = source_path ("tag/data/topics-mini.jsonl");
  g_autofree char *output = NULL;
  g_autofree char *out = NULL, *err = NULL;

  if (!need_sources (fixture))
    return;

  output = g_build_filename (fixture->dir, "report.nfm", NULL);
  g_assert_cmpint (run_tool ((const char *[]) { "--data", data, "--output", output, NULL },
                             &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "30 records, 3 labels: food 10 science 10 sport 10; "
                                        "language en, stems\n"));
  g_assert_nonnull (strstr (out, "\nheld-back fifth: accuracy "));
  g_assert_nonnull (strstr (out, "right), trained on the other 24 records\n"));
  g_assert_nonnull (strstr (out, "\n5-fold cross-validation on those 24: accuracy "));
  g_assert_nonnull (strstr (out, "\nmodel: trained on all 30 records, "));
  g_assert_nonnull (strstr (out, "\nsha256: "));
  g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
}

/* The same data and seed give the same model, byte for byte. */
static void
test_tool_deterministic (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *data = source_path ("tag/data/topics-mini.jsonl");
  g_autofree char *again = NULL, *out = NULL, *err = NULL;
  g_autofree char *first = NULL, *second = NULL;
  gsize first_size, second_size;

  if (!need_sources (fixture))
    return;

  again = g_build_filename (fixture->dir, "again.nfm", NULL);
  g_assert_cmpint (run_tool ((const char *[]) { "--data", data, "--output", again,
                                                 "--seed", "7", NULL }, &out, &err), ==, 0);
  g_assert_true (g_file_get_contents (fixture->mini_model, &first, &first_size, NULL));
  g_assert_true (g_file_get_contents (again, &second, &second_size, NULL));
  g_assert_cmpmem (first, first_size, second, second_size);
}

/* Bad command lines and bad data are refused with a message that says
 * what is wrong, and no model is written. */
static void
test_tool_errors (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.jsonl", NULL);
  g_autofree char *output = g_build_filename (fixture->dir, "bad.nfm", NULL);
  g_autofree char *expected = NULL;
  char *out = NULL, *err = NULL;

  g_assert_cmpint (run_tool ((const char *[]) { "--output", output, NULL }, &out, &err), ==, 1);
  g_assert_cmpstr (err, ==, "nf-train-topics: --data and --output are required\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (bad,
    "{\"topic\": \"food\", \"text\": \"Bake the bread.\"}\n"
    "\n"
    "{\"label\": \"food\", \"text\": \"Boil the rice.\"}\n", -1, NULL));
  g_assert_cmpint (run_tool ((const char *[]) { "--data", bad, "--output", output, NULL },
                             &out, &err), ==, 1);
  expected = g_strdup_printf ("nf-train-topics: %s:3: no string “topic”\n", bad);
  g_assert_cmpstr (err, ==, expected);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* with --label-field the same file is valid, but far too small */
  g_clear_pointer (&expected, g_free);
  g_assert_true (g_file_set_contents (bad,
    "{\"label\": \"food\", \"text\": \"Bake the bread.\"}\n"
    "{\"label\": \"sport\", \"text\": \"Win the match.\"}\n", -1, NULL));
  g_assert_cmpint (run_tool ((const char *[]) { "--data", bad, "--output", output,
                                                 "--label-field", "label", NULL },
                             &out, &err), ==, 1);
  expected = g_strdup_printf ("nf-train-topics: %s: 2 records with 2 labels; "
                              "training needs 10 records and two labels at least\n", bad);
  g_assert_cmpstr (err, ==, expected);
  g_free (out);
  g_free (err);

  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

/* ---- classifying ------------------------------------------------------- */

/* A model trained on the mini set tells its three topics apart in texts
 * it never saw, and its scores are well formed. */
static void
test_mini_model (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr (NfTopicModel) model = NULL;
  g_autoptr (GError) error = NULL;
  static const struct {
    const char *title;
    const char *text;
    const char *topic;
  } cases[] = {
    { "Late goal wins the derby",
      "A striker scored in the final minute and the team won the league match. "
      "The coach thanked the fans and the goalkeeper.", "sport" },
    { NULL,
      "Researchers in the laboratory used a telescope to study a distant star. "
      "The scientists published the experiment in a journal.", "science" },
    { "Grandmother's apple pie",
      "Mix flour, butter and sugar, fill the pastry with apples and bake it in the "
      "oven. Serve with cream.", "food" },
  };

  if (!need_sources (fixture))
    return;

  model = nf_topic_model_load (fixture->mini_model, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GArray) scores = nf_topic_model_classify (model, cases[i].text, cases[i].title);

      assert_well_formed (scores, 3);
      g_assert_cmpstr (g_array_index (scores, NfTopicScore, 0).label, ==, cases[i].topic);
      g_assert_cmpfloat (g_array_index (scores, NfTopicScore, 0).score, >, 0.5);
    }
}

/* The title counts: a neutral text goes where its title points. */
static void
test_title_counts (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr (NfTopicModel) model = NULL;
  g_autoptr (GError) error = NULL;
  const char *text = "It happened on Tuesday, and everybody talked about it for days.";
  g_autofree char *sport = NULL, *food = NULL;

  if (!need_sources (fixture))
    return;

  model = nf_topic_model_load (fixture->mini_model, &error);
  g_assert_no_error (error);

  sport = best_label (model, text, "The striker scores in the cup final");
  food = best_label (model, text, "A soup of onions and potatoes");
  g_assert_cmpstr (sport, ==, "sport");
  g_assert_cmpstr (food, ==, "food");
}

/* A text without a word still gets every label, summing to 1. */
static void
test_empty_text (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr (NfTopicModel) model = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) scores = NULL;

  if (!need_sources (fixture))
    return;

  model = nf_topic_model_load (fixture->mini_model, &error);
  g_assert_no_error (error);

  scores = nf_topic_model_classify (model, "", NULL);
  assert_well_formed (scores, 3);
  g_clear_pointer (&scores, g_array_unref);
  scores = nf_topic_model_classify (model, "… 1984 — !", "");
  assert_well_formed (scores, 3);
}

/* The committed English model loads and knows sport when it reads it. */
static void
test_default_model (void)
{
  g_autofree char *path = source_path ("../plugins/tag/models/topics-en.nfm");
  g_autoptr (NfTopicModel) model = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) scores = NULL;
  const char *text =
    "The visitors took the lead after ten minutes when their captain headed in a corner, "
    "but the home side equalised before half-time with a free kick. In the second half "
    "the manager brought on two young forwards, and one of them scored the winner in "
    "injury time. The victory lifts the club to third in the table, two points behind "
    "the leaders, with six games of the season left to play.";

  if (path == NULL)
    {
      g_test_skip ("NF_TEST_SRCDIR is not set");
      return;
    }

  model = nf_topic_model_load (path, &error);
  g_assert_no_error (error);

  scores = nf_topic_model_classify (model, text, "Late winner lifts the club to third");
  assert_well_formed (scores, 5);
  g_assert_cmpstr (g_array_index (scores, NfTopicScore, 0).label, ==, "sport");
  g_assert_cmpfloat (g_array_index (scores, NfTopicScore, 0).score, >, 0.5);
}

/* One model serves many threads at once, with the same answers. */
static gpointer
classify_in_thread (gpointer data)
{
  NfTopicModel *model = data;
  char *best = NULL;

  for (guint i = 0; i < 50; i++)
    {
      g_free (best);
      best = best_label (model, "The chef bakes bread and serves soup with cheese.", NULL);
    }
  return best;
}

/* Classifies from four threads at once. */
static void
test_threads (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr (NfTopicModel) model = NULL;
  g_autoptr (GError) error = NULL;
  GThread *threads[4];

  if (!need_sources (fixture))
    return;

  model = nf_topic_model_load (fixture->mini_model, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("classify", classify_in_thread, model);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autofree char *best = g_thread_join (threads[i]);

      g_assert_cmpstr (best, ==, "food");
    }
}

/* ---- damaged files ----------------------------------------------------- */

/* Loads @contents of @size bytes from a file and expects a format error
 * whose message holds @why. */
static void
assert_refused (Fixture    *fixture,
                const char *contents,
                gsize       size,
                const char *why)
{
  g_autofree char *path = g_build_filename (fixture->dir, "damaged.nfm", NULL);
  g_autofree char *expected = NULL;
  g_autoptr (GError) error = NULL;
  NfTopicModel *model;

  g_assert_true (g_file_set_contents (path, contents, size, NULL));
  model = nf_topic_model_load (path, &error);
  g_assert_null (model);
  g_assert_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT);
  expected = g_strdup_printf ("“%s” is not a usable topic model: %s", path, why);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Files that are not models, or damaged ones, give a clear error. */
static void
test_damaged (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *contents = NULL;
  g_autofree char *missing = NULL;
  g_autoptr (GError) error = NULL;
  gsize size;

  if (!need_sources (fixture))
    return;

  assert_refused (fixture, "{\"not\": \"a model\"}\n", 18,
                  "not a model file written by nf-train-topics");
  assert_refused (fixture, "", 0, "not a model file written by nf-train-topics");

  g_assert_true (g_file_get_contents (fixture->mini_model, &contents, &size, NULL));

  /* cut short */
  {
    g_autofree char *why = g_strdup_printf ("%" G_GSIZE_FORMAT " bytes where its header asks for %"
                                            G_GSIZE_FORMAT " (truncated or damaged)",
                                            size - 100, size);
    assert_refused (fixture, contents, size - 100, why);
  }

  /* one weight changed */
  contents[size - 10] ^= 0x40;
  assert_refused (fixture, contents, size, "its checksum does not match (damaged)");
  contents[size - 10] ^= 0x40;

  /* a later version of the format */
  contents[8] = 9;
  assert_refused (fixture, contents, size, "format version 9, this build reads version 1");

  missing = g_build_filename (fixture->dir, "missing.nfm", NULL);
  g_assert_null (nf_topic_model_load (missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_true (g_str_has_prefix (error->message, "Cannot load the topic model: "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/topics/tool/report", test_tool_report);
  ADD ("/topics/tool/deterministic", test_tool_deterministic);
  ADD ("/topics/tool/errors", test_tool_errors);
  ADD ("/topics/classify/mini-model", test_mini_model);
  ADD ("/topics/classify/title", test_title_counts);
  ADD ("/topics/classify/empty", test_empty_text);
  ADD ("/topics/classify/threads", test_threads);
  ADD ("/topics/load/damaged", test_damaged);
  g_test_add_func ("/topics/default-model", test_default_model);

  return g_test_run ();
}
