/* nf-train-pos.c: trains the tag plugin's part-of-speech tagger
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   nf-train-pos --train eng.train --output pos-en.nfm [--epochs N] [--seed S] [--bits B]
 *
 * Deterministic: the same file, epochs, seed and size give the same model,
 * byte for byte.  It prints the training accuracy of each epoch and the
 * accuracy on every tenth sentence of the file, held back while training
 * a first model; the model written is trained on every sentence.
 */
#include "nf-tagger-private.h"

#include <locale.h>

/* Parses the command line and trains. */
int
main (int    argc,
      char **argv)
{
  g_autofree char *train = NULL, *output = NULL;
  int epochs = 6, seed = 1, bits = 20;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  GOptionEntry entries[] = {
    { "train", 0, 0, G_OPTION_ARG_FILENAME, &train, "CoNLL-2003 style training file (word, POS, ...)", "PATH" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "model to write", "PATH" },
    { "epochs", 0, 0, G_OPTION_ARG_INT, &epochs, "passes over the data (6)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "seed of the sentence order (1)", "S" },
    { "bits", 0, 0, G_OPTION_ARG_INT, &bits, "log2 of the weight table's size (20)", "B" },
    { NULL }
  };
  NfPosTrainOptions options;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("- train the part-of-speech tagger of the tag plugin");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("nf-train-pos: %s\n", error->message);
      return 2;
    }
  if (train == NULL || output == NULL || epochs < 1 || bits < 10 || bits > 24)
    {
      g_printerr ("usage: nf-train-pos --train PATH --output MODEL [--epochs N] [--seed S] [--bits B]\n");
      return 2;
    }
  options = (NfPosTrainOptions) { (guint) epochs, (guint) seed, (guint) bits, TRUE };
  if (!nf_pos_train (train, output, &options, &error))
    {
      g_printerr ("nf-train-pos: %s\n", error->message);
      return 1;
    }
  return 0;
}
