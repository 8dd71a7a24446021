/* test-keyphrases.c: the keyphrase extractor on invented stories
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "nf-tagger-private.h"

static const char export_story[] =
  "Export controls on chips tightened\n"
  "The government tightened export controls on advanced chips on Monday. "
  "Chip makers said the export controls would cut their sales abroad. "
  "Under the new export control rules, every shipment of advanced chips "
  "needs a licence. Trade lawyers expect more export controls next year, "
  "and chip makers are lobbying against them.";

/* The index of the phrase whose normalized form is @normalized, or -1. */
static int
find_normalized (GPtrArray  *phrases,
                 const char *normalized)
{
  for (guint i = 0; i < phrases->len; i++)
    {
      NfKeyphrase *k = g_ptr_array_index (phrases, i);

      if (g_strcmp0 (k->normalized, normalized) == 0)
        return i;
    }
  return -1;
}

/* Whether some phrase reads @text, in any case. */
static gboolean
has_text (GPtrArray  *phrases,
          const char *text)
{
  for (guint i = 0; i < phrases->len; i++)
    {
      NfKeyphrase *k = g_ptr_array_index (phrases, i);

      if (g_ascii_strcasecmp (k->text, text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Checks what holds of every result: scores in (0, 1], the best 1, best
 * first, no normalized form twice, and each mention a stretch of @text that
 * reads the phrase's words. */
static void
check_well_formed (GPtrArray  *phrases,
                   const char *text)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < phrases->len; i++)
    {
      NfKeyphrase *k = g_ptr_array_index (phrases, i);

      g_assert_cmpfloat (k->score, >, 0.0);
      g_assert_cmpfloat (k->score, <=, 1.0);
      if (i == 0)
        g_assert_cmpfloat (k->score, ==, 1.0);
      else
        g_assert_cmpfloat (k->score, <=,
                           ((NfKeyphrase *) g_ptr_array_index (phrases, i - 1))->score);
      g_assert_false (g_hash_table_contains (seen, k->normalized));
      g_hash_table_add (seen, k->normalized);

      g_assert_nonnull (k->mentions);
      g_assert_cmpuint (k->mentions->len, >=, 2);
      g_assert_cmpuint (k->mentions->len % 2, ==, 0);
      for (guint m = 0; m < k->mentions->len; m += 2)
        {
          guint start = g_array_index (k->mentions, guint, m);
          guint end = g_array_index (k->mentions, guint, m + 1);
          const char *from = g_utf8_offset_to_pointer (text, start);
          const char *to = g_utf8_offset_to_pointer (text, end);
          g_autofree char *written = g_strndup (from, to - from);
          g_autofree char *lower = g_utf8_casefold (written, -1);
          g_autofree char *expected = g_utf8_casefold (k->text, -1);

          g_assert_cmpuint (start, <, end);
          g_assert_cmpuint (end, <=, g_utf8_strlen (text, -1));
          /* the same words, perhaps in another case or inflection: the
           * first letter at least agrees */
          g_assert_cmpint (g_utf8_get_char (lower), ==, g_utf8_get_char (expected));
        }
    }
}

/* "export controls" is found, as one phrase, before "export" alone. */
static void
test_multi_word (void)
{
  g_autoptr(GPtrArray) phrases = nf_keyphrases_extract (export_story, NULL, "en", 10, NULL);
  int controls;

  check_well_formed (phrases, export_story);
  controls = find_normalized (phrases, "export control");
  g_assert_cmpint (controls, >=, 0);
  g_assert_cmpint (controls, <, 3);
  g_assert_cmpstr (((NfKeyphrase *) g_ptr_array_index (phrases, controls))->text, ==,
                   "export controls");
  g_assert_true (has_text (phrases, "advanced chips"));
  g_assert_true (has_text (phrases, "chip makers"));
}

/* With the part-of-speech model the English phrases are noun phrases:
 * "export controls" still leads, and no verb is part of a phrase. */
static void
test_noun_phrases (void)
{
  g_autofree char *dir = g_path_get_dirname (NF_TEST_NER_MODEL);
  g_autofree char *path = g_build_filename (dir, "pos-en.nfm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPosModel) pos = NULL;
  g_autoptr(GPtrArray) phrases = NULL;
  int controls;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no committed part-of-speech model");
      return;
    }
  pos = nf_pos_model_load (path, &error);
  g_assert_no_error (error);
  phrases = nf_keyphrases_extract (export_story, NULL, "en", 10, pos);
  check_well_formed (phrases, export_story);
  for (guint i = 0; i < phrases->len; i++)
    g_test_message ("%s", ((NfKeyphrase *) g_ptr_array_index (phrases, i))->text);
  controls = find_normalized (phrases, "export control");
  g_assert_cmpint (controls, >=, 0);
  g_assert_cmpint (controls, <, 3);
  g_assert_cmpstr (((NfKeyphrase *) g_ptr_array_index (phrases, controls))->text, ==,
                   "export controls");
  g_assert_true (has_text (phrases, "chips"));
  g_assert_true (has_text (phrases, "chip makers"));
  g_assert_true (has_text (phrases, "new export control rules"));
  /* the verbs stay out ("advanced" is a verb as often as not) */
  for (guint i = 0; i < phrases->len; i++)
    {
      const char *text = ((NfKeyphrase *) g_ptr_array_index (phrases, i))->text;

      g_assert_null (strstr (text, "tightened"));
      g_assert_null (strstr (text, "said"));
      g_assert_null (strstr (text, "needs"));
    }
}

/* "export control" and "export controls" are one phrase, written the way
 * the text writes it most, with all its mentions. */
static void
test_dedup_by_stem (void)
{
  g_autoptr(GPtrArray) phrases = nf_keyphrases_extract (export_story, NULL, "en", 10, NULL);
  NfKeyphrase *k;
  guint n = 0;

  for (guint i = 0; i < phrases->len; i++)
    {
      k = g_ptr_array_index (phrases, i);
      if (g_str_has_prefix (k->normalized, "export control"))
        n += strcmp (k->normalized, "export control") == 0;
    }
  g_assert_cmpuint (n, ==, 1);
  k = g_ptr_array_index (phrases, find_normalized (phrases, "export control"));
  /* the headline's "Export controls", three "export controls", one
   * "export control" */
  g_assert_cmpuint (k->mentions->len / 2, ==, 5);
  g_assert_cmpuint (g_array_index (k->mentions, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (k->mentions, guint, 1), ==, strlen ("Export controls"));
}

/* No more phrases than asked; 0 asks for none. */
static void
test_max (void)
{
  for (guint max = 0; max <= 4; max++)
    {
      g_autoptr(GPtrArray) phrases = nf_keyphrases_extract (export_story, "Chips", "en", max, NULL);

      g_assert_cmpuint (phrases->len, ==, max);
      check_well_formed (phrases, export_story);
    }
}

/* Offsets count code points, not bytes: after "Zürich" and an emoji the
 * mentions still point at the words. */
static void
test_offsets_non_ascii (void)
{
  const char *text =
    "In Zürich 🙂 the glacier museum is open again. Visitors of the glacier "
    "museum were pleased with the café. The glacier museum is by the lake.";
  g_autoptr(GPtrArray) phrases = nf_keyphrases_extract (text, NULL, "en", 5, NULL);
  int museum = find_normalized (phrases, "glacier museum");
  NfKeyphrase *k;

  g_assert_cmpint (museum, >=, 0);
  check_well_formed (phrases, text);
  k = g_ptr_array_index (phrases, museum);
  g_assert_cmpstr (k->text, ==, "glacier museum");
  g_assert_cmpuint (k->mentions->len, ==, 6);
  /* "In Zürich 🙂 the " is 16 code points (19 bytes) */
  g_assert_cmpuint (g_array_index (k->mentions, guint, 0), ==, 16);
  g_assert_cmpuint (g_array_index (k->mentions, guint, 1), ==, 30);
  /* after "é", too: the third mention */
  g_assert_cmpuint (g_array_index (k->mentions, guint, 4), ==, 109);
}

/* A German story: stopwords and stems of German, a compound found. */
static void
test_german (void)
{
  const char *text =
    "Die Stadtwerke erhöhen die Strompreise\n"
    "Die Stadtwerke Münster erhöhen zum Januar die Strompreise. Die neuen "
    "Strompreise treffen vor allem Familien. Der Stadtrat will die "
    "Stadtwerke nun zu einem Sozialtarif verpflichten. Ein Sozialtarif "
    "gibt es in Münster bisher nicht.";
  g_autoptr(GPtrArray) phrases = nf_keyphrases_extract (text, NULL, "de", 5, NULL);

  check_well_formed (phrases, text);
  g_assert_cmpuint (phrases->len, ==, 5);
  g_assert_true (has_text (phrases, "Strompreise"));
  g_assert_true (has_text (phrases, "Stadtwerke"));
  for (guint i = 0; i < phrases->len; i++)
    {
      NfKeyphrase *k = g_ptr_array_index (phrases, i);

      g_assert_false (nf_text_is_stopword ("de", k->text));
      g_assert_null (strstr (k->text, " die "));
    }
}

/* A Russian story, its language left to be detected. */
static void
test_russian (void)
{
  const char *text =
    "Городской парк закрыли на ремонт\n"
    "Городской парк закрыли на ремонт до лета. В городском парке заменят "
    "дорожки и фонари. Жители просят сохранить старые деревья в "
    "городском парке.";
  g_autoptr(GPtrArray) phrases = nf_keyphrases_extract (text, NULL, NULL, 5, NULL);

  check_well_formed (phrases, text);
  g_assert_nonnull (strstr (((NfKeyphrase *) g_ptr_array_index (phrases, 0))->text, "арк"));
  g_assert_true (has_text (phrases, "Городской парк") || has_text (phrases, "городском парке"));
  for (guint i = 0; i < phrases->len; i++)
    g_assert_false (nf_text_is_stopword ("ru", ((NfKeyphrase *) g_ptr_array_index (phrases, i))->text));
}

/* Texts with nothing to say: no phrase, or the one word there is. */
static void
test_degenerate (void)
{
  const char *texts[] = { "", "   \n\n", "the of and", "1990 2024 42", ".,;!?", "\xff\xfe broken" };
  g_autoptr(GPtrArray) one = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) phrases = nf_keyphrases_extract (texts[i], "", i < 2 ? NULL : "en", 10, NULL);

      g_assert_nonnull (phrases);
      if (i < G_N_ELEMENTS (texts) - 1)
        g_assert_cmpuint (phrases->len, ==, 0);
    }

  one = nf_keyphrases_extract ("Lighthouses", NULL, "en", 10, NULL);
  g_assert_cmpuint (one->len, ==, 1);
  check_well_formed (one, "Lighthouses");
  g_assert_cmpstr (((NfKeyphrase *) g_ptr_array_index (one, 0))->text, ==, "Lighthouses");
}

/* Many threads at once get the same answer as one alone. */
static gpointer
extract_in_thread (gpointer data)
{
  g_autoptr(GPtrArray) phrases = nf_keyphrases_extract (export_story, NULL, "en", 10, NULL);

  return g_strdup (((NfKeyphrase *) g_ptr_array_index (phrases, 0))->normalized);
}

static void
test_threads (void)
{
  g_autoptr(GPtrArray) alone = nf_keyphrases_extract (export_story, NULL, "en", 10, NULL);
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("keyphrases", extract_in_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autofree char *best = g_thread_join (threads[i]);

      g_assert_cmpstr (best, ==, ((NfKeyphrase *) g_ptr_array_index (alone, 0))->normalized);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keyphrases/multi-word", test_multi_word);
  g_test_add_func ("/keyphrases/noun-phrases", test_noun_phrases);
  g_test_add_func ("/keyphrases/dedup-by-stem", test_dedup_by_stem);
  g_test_add_func ("/keyphrases/max", test_max);
  g_test_add_func ("/keyphrases/offsets-non-ascii", test_offsets_non_ascii);
  g_test_add_func ("/keyphrases/german", test_german);
  g_test_add_func ("/keyphrases/russian", test_russian);
  g_test_add_func ("/keyphrases/degenerate", test_degenerate);
  g_test_add_func ("/keyphrases/threads", test_threads);

  return g_test_run ();
}
