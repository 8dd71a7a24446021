/* nf-train-ner.c: trains and runs the tag plugin's entity recogniser
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   nf-train-ner --train eng.train --output ner-en.nfm [--epochs N] [--seed S]
 *   nf-train-ner --model ner-en.nfm --eval texts.jsonl [--output pred.jsonl]
 *
 * Training is deterministic: the same file, epochs and seed give the same
 * model, byte for byte.  --eval tags the "text" of each JSON line and
 * writes {"id", "tags": [{"kind", "text", "mentions": [{"start", "end"}]}]}
 * lines, the records nf-eval scores, without the tag element.
 */
#include "nf-ner-private.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

static const char * const kind_names[] = { "person", "place", "organization", "misc" };

/* The text of code points [start, end) of @text. */
static char *
substring (const char *text,
           guint       start,
           guint       end)
{
  const char *a = g_utf8_offset_to_pointer (text, start);
  const char *b = g_utf8_offset_to_pointer (a, end - start);

  return g_strndup (a, b - a);
}

/* Writes one record of tags: mentions of the same kind and text together. */
static void
write_record (FILE       *out,
              const char *id,
              const char *text,
              GArray     *mentions)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "tags");
  json_builder_begin_array (b);
  for (guint i = 0; i < mentions->len; i++)
    {
      NfNerMention *m = &g_array_index (mentions, NfNerMention, i);
      g_autofree char *surface = substring (text, m->start, m->end);
      char *key = g_strdup_printf ("%d\x1f%s", m->kind, surface);

      if (!g_hash_table_add (done, key))
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, kind_names[m->kind]);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, surface);
      json_builder_set_member_name (b, "mentions");
      json_builder_begin_array (b);
      for (guint j = i; j < mentions->len; j++)
        {
          NfNerMention *o = &g_array_index (mentions, NfNerMention, j);
          g_autofree char *other = NULL;

          if (o->kind != m->kind || o->end - o->start != m->end - m->start)
            continue;
          other = substring (text, o->start, o->end);
          if (!g_str_equal (other, surface))
            continue;
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "start");
          json_builder_add_int_value (b, o->start);
          json_builder_set_member_name (b, "end");
          json_builder_add_int_value (b, o->end);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  line = json_generator_to_data (gen, NULL);
  fprintf (out, "%s\n", line);
}

/* Tags every line of a JSON Lines file and reports the speed. */
static gboolean
run_eval (const char  *model_path,
          const char  *input,
          const char  *output,
          GError     **error)
{
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(NfNerModel) model = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  double load_ms, tag_s = 0;
  guint docs = 0;
  gsize tokens = 0;
  FILE *out = stdout;

  model = nf_ner_model_load (model_path, error);
  if (model == NULL)
    return FALSE;
  load_ms = g_timer_elapsed (timer, NULL) * 1000;
  if (!g_file_get_contents (input, &contents, NULL, error))
    return FALSE;
  if (output && (out = fopen (output, "w")) == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot write %s", output);
      return FALSE;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint n = 0; lines[n]; n++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GArray) mentions = NULL;
      g_autoptr(GArray) words = NULL;
      JsonObject *obj;
      const char *text, *id;

      if (*g_strstrip (lines[n]) == '\0')
        continue;
      if (!json_parser_load_from_data (parser, lines[n], -1, error))
        {
          g_prefix_error (error, "%s:%u: ", input, n + 1);
          if (out != stdout)
            fclose (out);
          return FALSE;
        }
      obj = json_node_get_object (json_parser_get_root (parser));
      text = json_object_get_string_member_with_default (obj, "text", "");
      id = json_object_get_string_member_with_default (obj, "id", "");
      g_timer_start (timer);
      mentions = nf_ner_model_find (model, text);
      tag_s += g_timer_elapsed (timer, NULL);
      words = nf_ner_tokenize (text);
      tokens += words->len;
      docs++;
      write_record (out, id, text, mentions);
    }
  if (out != stdout)
    fclose (out);
  fprintf (stderr, "model loaded in %.1f ms; tagged %u documents, %" G_GSIZE_FORMAT
           " tokens in %.2f s (%.0f tokens/s, %.1f documents/s)\n",
           load_ms, docs, tokens, tag_s, tokens / MAX (tag_s, 1e-9), docs / MAX (tag_s, 1e-9));
  return TRUE;
}

/* Parses the command line and runs the training or the tagging. */
int
main (int    argc,
      char **argv)
{
  g_autofree char *train = NULL, *output = NULL, *model = NULL, *eval = NULL;
  int epochs = 12, seed = 1, bits = 22;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  GOptionEntry entries[] = {
    { "train", 0, 0, G_OPTION_ARG_FILENAME, &train, "CoNLL-2003 style training file", "PATH" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "model to write (or predictions with --eval)", "PATH" },
    { "epochs", 0, 0, G_OPTION_ARG_INT, &epochs, "passes over the data (12)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "seed of the sentence order (1)", "S" },
    { "bits", 0, 0, G_OPTION_ARG_INT, &bits, "log2 of the weight table's size (22)", "B" },
    { "model", 'm', 0, G_OPTION_ARG_FILENAME, &model, "model to run with --eval", "PATH" },
    { "eval", 0, 0, G_OPTION_ARG_FILENAME, &eval, "tag the texts of a JSON Lines file", "PATH" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("- train or run the entity recogniser of the tag plugin");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("nf-train-ner: %s\n", error->message);
      return 2;
    }
  if (eval)
    {
      if (model == NULL)
        {
          g_printerr ("nf-train-ner: --eval needs --model\n");
          return 2;
        }
      if (!run_eval (model, eval, output, &error))
        {
          g_printerr ("nf-train-ner: %s\n", error->message);
          return 1;
        }
      return 0;
    }
  if (train == NULL || output == NULL || epochs < 1 || bits < 12 || bits > 26)
    {
      g_printerr ("usage: nf-train-ner --train PATH --output MODEL [--epochs N] [--seed S]\n"
                  "       nf-train-ner --model MODEL --eval TEXTS.jsonl [--output PRED.jsonl]\n");
      return 2;
    }
  {
    NfNerTrainOptions options = { (guint) epochs, (guint) seed, (guint) bits, TRUE };

    if (!nf_ner_train (train, output, &options, &error))
      {
        g_printerr ("nf-train-ner: %s\n", error->message);
        return 1;
      }
  }
  return 0;
}
