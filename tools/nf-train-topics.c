/* nf-train-topics.c: trains a topic model of the tag plugin
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   nf-train-topics --data articles.jsonl --output topics-en.nfm
 *
 * reads labelled JSON Lines (one object a line, with a label, a text and
 * optionally a title), sets a fixed fifth of the records aside, trains a
 * model on the other four fifths and reports its accuracy on the fifth set
 * aside; runs a 5-fold cross-validation on those four fifths and reports
 * the mean accuracy and its standard deviation; then trains the model it
 * writes on all the records, so the figures above are those of a model
 * trained on 80% of the data and tested on texts it never saw.
 *
 * The model is a multinomial logistic regression over the features of
 * plugins/tag/nf-topic-features.c, trained by stochastic gradient descent
 * with an L2 penalty.  Everything is deterministic: the same data and
 * --seed give the same figures and a byte-identical model.
 */
#include <locale.h>
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "nf-tagger-private.h"
#include "nf-topic-private.h"

/* Training settings: chosen by cross-validation on the BBC set, and sound
 * for any set of news texts (the features have unit norm). */
#define TITLE_WEIGHT    2.0      /* a title word counts twice */
#define MIN_DOCUMENTS   2u       /* a feature must occur in this many training texts */
#define EPOCHS          30u
#define LEARNING_RATE   0.5
#define L2_PENALTY      1e-5
#define N_FOLDS         5

typedef struct
{
  char   *text;
  char   *title;
  guint   label;      /* index in Options.labels */
  GArray *features;   /* NfTopicFeature */
} Record;

typedef struct
{
  char      *data_path;
  char      *output_path;
  char      *label_field;
  char      *text_field;
  char      *title_field;
  char      *language;
  gint64     seed;
  gboolean   bigrams;
  GPtrArray *labels;     /* sorted label names */
} Options;

/* Frees a record. */
static void
record_free (gpointer data)
{
  Record *record = data;

  g_free (record->text);
  g_free (record->title);
  g_clear_pointer (&record->features, g_array_unref);
  g_free (record);
}

/* ---- reading --------------------------------------------------------- */

/* The string member @field of @object, or NULL. */
static const char *
get_string (JsonObject *object,
            const char *field)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Parses line @number of the data into a record with its label name in
 * @label; NULL with @error set when the line is not a labelled text. */
static Record *
parse_record (const Options  *options,
              const char     *line,
              guint           number,
              char          **label,
              GError        **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;
  const char *text, *title, *name;
  Record *record;

  if (!json_parser_load_from_data (parser, line, -1, error))
    {
      g_prefix_error (error, "%s:%u: ", options->data_path, number);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
                   "%s:%u: not a JSON object", options->data_path, number);
      return NULL;
    }

  object = json_node_get_object (root);
  name = get_string (object, options->label_field);
  text = get_string (object, options->text_field);
  title = get_string (object, options->title_field);
  if (name == NULL || name[0] == '\0' || text == NULL)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
                   "%s:%u: no string “%s”", options->data_path, number,
                   text == NULL ? options->text_field : options->label_field);
      return NULL;
    }

  record = g_new0 (Record, 1);
  record->text = g_strdup (text);
  record->title = g_strdup (title);
  *label = g_strdup (name);
  return record;
}

/* Orders two elements of an array of strings. */
static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Reads the records of the data file, and the sorted set of their labels
 * into @options->labels. */
static GPtrArray *
read_records (Options  *options,
              GError  **error)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func (record_free);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) label_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents (options->data_path, &contents, NULL, error))
    return NULL;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *label = NULL;
      Record *record;

      if (g_strstrip (lines[i])[0] == '\0')
        continue;
      record = parse_record (options, lines[i], i + 1, &label, error);
      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
      g_ptr_array_add (names, label);
      g_hash_table_add (label_index, label);
    }

  /* labels by name, so that the model does not depend on the data's order */
  options->labels = g_ptr_array_new_with_free_func (g_free);
  {
    g_autofree gpointer *keys = g_hash_table_get_keys_as_array (label_index, NULL);
    guint n = g_hash_table_size (label_index);

    g_qsort_with_data (keys, n, sizeof (gpointer), compare_names, NULL);
    for (guint i = 0; i < n; i++)
      g_ptr_array_add (options->labels, g_strdup (keys[i]));
  }

  for (guint i = 0; i < records->len; i++)
    {
      Record *record = records->pdata[i];

      g_ptr_array_find_with_equal_func (options->labels, names->pdata[i],
                                        g_str_equal, &record->label);
    }
  return g_steal_pointer (&records);
}

/* The language most of the first texts are written in, or NULL. */
static const char *
detect_language (GPtrArray *records)
{
  g_autoptr (GHashTable) votes = g_hash_table_new (g_str_hash, g_str_equal);
  const char *best = NULL;
  guint best_votes = 0;

  for (guint i = 0; i < MIN (records->len, 200); i++)
    {
      Record *record = records->pdata[i];
      const char *language = nf_text_detect_language (record->text, NULL);
      guint n;

      if (language == NULL)
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (votes, language)) + 1;
      g_hash_table_insert (votes, (gpointer) language, GUINT_TO_POINTER (n));
      if (n > best_votes)
        best = language, best_votes = n;
    }
  return best;
}

/* ---- training -------------------------------------------------------- */

/* A model being trained: float weights, features numbered densely. */
typedef struct
{
  guint      n_labels;
  GArray    *hashes;    /* guint32, increasing: the features kept */
  GArray    *idf;       /* float, of each feature kept */
  float     *weights;   /* n_features × n_labels */
  float     *bias;
} Trained;

/* Frees a trained model. */
static void
trained_free (Trained *trained)
{
  g_array_unref (trained->hashes);
  g_array_unref (trained->idf);
  g_free (trained->weights);
  g_free (trained->bias);
  g_free (trained);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Trained, trained_free)

/* Compares two guint32. */
static int
compare_u32 (gconstpointer a,
             gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* The features found in at least MIN_DOCUMENTS of the @n records at
 * @subset, by hash, increasing, into @model; their dense numbers in
 * @numbers; their idf, log ((1 + n) / (1 + documents)) + 1 (smoothed, so
 * that a feature in every text still counts a little). */
static void
choose_features (Trained     *model,
                 GPtrArray   *records,
                 const guint *subset,
                 guint        n,
                 GHashTable  *numbers)
{
  g_autoptr (GHashTable) counts = g_hash_table_new (NULL, NULL);
  GArray *hashes = g_array_new (FALSE, FALSE, sizeof (guint32));
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < n; i++)
    {
      GArray *features = ((Record *) records->pdata[subset[i]])->features;

      for (guint j = 0; j < features->len; j++)
        {
          gpointer hash = GUINT_TO_POINTER (g_array_index (features, NfTopicFeature, j).hash);
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, hash));

          g_hash_table_insert (counts, hash, GUINT_TO_POINTER (count + 1));
        }
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) >= MIN_DOCUMENTS)
      {
        guint32 hash = GPOINTER_TO_UINT (key);

        g_array_append_val (hashes, hash);
      }
  g_array_sort (hashes, compare_u32);

  /* numbered from 1, so that 0 (NULL) means "not kept" */
  model->idf = g_array_sized_new (FALSE, FALSE, sizeof (float), hashes->len);
  for (guint i = 0; i < hashes->len; i++)
    {
      gpointer hash = GUINT_TO_POINTER (g_array_index (hashes, guint32, i));
      guint documents = GPOINTER_TO_UINT (g_hash_table_lookup (counts, hash));
      float idf = log ((1.0 + n) / (1.0 + documents)) + 1.0;

      g_hash_table_insert (numbers, hash, GUINT_TO_POINTER (i + 1));
      g_array_append_val (model->idf, idf);
    }
  model->hashes = hashes;
}

/* The kept features of @record: pairs of a dense number and a value. */
typedef struct
{
  guint index;
  float value;
} Entry;

/* The features of @record among @numbers, as entries, with the values
 * the classifier computes: times their idf, then scaled to a unit norm. */
static GArray *
record_entries (Trained    *model,
                Record     *record,
                GHashTable *numbers)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  double norm = 0;

  for (guint i = 0; i < record->features->len; i++)
    {
      NfTopicFeature *feature = &g_array_index (record->features, NfTopicFeature, i);
      guint number = GPOINTER_TO_UINT (g_hash_table_lookup (numbers,
                                                            GUINT_TO_POINTER (feature->hash)));

      if (number != 0)
        {
          Entry entry = { number - 1, feature->value * g_array_index (model->idf, float, number - 1) };

          norm += entry.value * entry.value;
          g_array_append_val (entries, entry);
        }
    }

  norm = sqrt (norm);
  for (guint i = 0; i < entries->len; i++)
    g_array_index (entries, Entry, i).value /= norm;
  return entries;
}

/* One step of gradient descent on one record: the softmax's gradient
 * (probabilities minus the truth) times the record's features.  The
 * weights are @scale × @weights, so that the L2 penalty shrinks them all
 * by changing @scale alone. */
static void
descend (Trained *model,
         GArray  *entries,
         guint    label,
         double   rate,
         double   scale,
         double  *linear)
{
  guint n_labels = model->n_labels;
  double top = -G_MAXDOUBLE, sum = 0;

  for (guint l = 0; l < n_labels; l++)
    linear[l] = model->bias[l];
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);
      const float *weights = model->weights + (gsize) entry->index * n_labels;

      for (guint l = 0; l < n_labels; l++)
        linear[l] += scale * entry->value * weights[l];
    }

  for (guint l = 0; l < n_labels; l++)
    top = MAX (top, linear[l]);
  for (guint l = 0; l < n_labels; l++)
    sum += (linear[l] = exp (linear[l] - top));

  for (guint l = 0; l < n_labels; l++)
    {
      double gradient = linear[l] / sum - (l == label ? 1.0 : 0.0);

      model->bias[l] -= rate * gradient;
      for (guint i = 0; i < entries->len; i++)
        {
          Entry *entry = &g_array_index (entries, Entry, i);

          model->weights[(gsize) entry->index * n_labels + l] -= rate * gradient * entry->value / scale;
        }
    }
}

/* Trains a model on the @n records at @subset. */
static Trained *
train (const Options *options,
       GPtrArray     *records,
       const guint   *subset,
       guint          n)
{
  g_autoptr (GHashTable) numbers = g_hash_table_new (NULL, NULL);
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr (GRand) rand = g_rand_new_with_seed ((guint32) options->seed);
  g_autofree guint *order = g_new (guint, n);   /* positions in @subset */
  g_autofree double *linear = NULL;
  Trained *model = g_new0 (Trained, 1);
  gsize n_weights;
  double scale = 1.0;
  guint64 step = 0;

  model->n_labels = options->labels->len;
  choose_features (model, records, subset, n, numbers);
  n_weights = (gsize) model->hashes->len * model->n_labels;
  model->weights = g_new0 (float, n_weights);
  model->bias = g_new0 (float, model->n_labels);
  linear = g_new (double, model->n_labels);

  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (entries, record_entries (model, records->pdata[subset[i]], numbers));
      order[i] = i;
    }

  for (guint epoch = 0; epoch < EPOCHS; epoch++)
    {
      /* a new order each epoch (Fisher-Yates) */
      for (guint i = n - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (rand, 0, i + 1), swap = order[i];

          order[i] = order[j], order[j] = swap;
        }

      for (guint i = 0; i < n; i++)
        {
          double rate = LEARNING_RATE / (1.0 + LEARNING_RATE * L2_PENALTY * step++);
          Record *record = records->pdata[subset[order[i]]];

          scale *= 1.0 - rate * L2_PENALTY;
          descend (model, entries->pdata[order[i]], record->label, rate, scale, linear);

          if (scale < 1e-3)
            {
              for (gsize k = 0; k < n_weights; k++)
                model->weights[k] *= scale;
              scale = 1.0;
            }
        }
    }

  for (gsize k = 0; k < n_weights; k++)
    model->weights[k] *= scale;
  return model;
}

/* The model file's bytes for @trained. */
static GBytes *
serialize (const Options *options,
           Trained       *trained)
{
  NfTopicModelSpec spec = {
    .language = options->language,
    .flags = options->bigrams ? NF_TOPIC_FEATURE_BIGRAMS : 0,
    .title_weight = TITLE_WEIGHT,
    .n_labels = trained->n_labels,
    .labels = (const char * const *) options->labels->pdata,
    .bias = trained->bias,
    .n_features = trained->hashes->len,
    .hashes = (const guint32 *) trained->hashes->data,
    .idf = (const float *) trained->idf->data,
    .weights = trained->weights,
  };

  return nf_topic_model_serialize (&spec);
}

/* ---- evaluating ------------------------------------------------------ */

/* How many of the @n records at @subset the model trained on the @n_train
 * at @train_subset labels right, through the classifier the element runs
 * (model file and all). */
static guint
count_correct (const Options *options,
               GPtrArray     *records,
               const guint   *train_subset,
               guint          n_train,
               const guint   *subset,
               guint          n,
               guint         *per_label_right,
               guint         *per_label_total)
{
  g_autoptr (Trained) trained = train (options, records, train_subset, n_train);
  g_autoptr (GBytes) bytes = serialize (options, trained);
  g_autoptr (GError) error = NULL;
  g_autoptr (NfTopicModel) model = nf_topic_model_new_from_bytes (bytes, "(trained)", &error);
  guint correct = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      Record *record = records->pdata[subset[i]];
      g_autoptr (GArray) scores = nf_topic_model_classify (model, record->text, record->title);
      const char *best = g_array_index (scores, NfTopicScore, 0).label;
      gboolean right = strcmp (best, options->labels->pdata[record->label]) == 0;

      correct += right;
      if (per_label_total != NULL)
        {
          per_label_total[record->label]++;
          per_label_right[record->label] += right;
        }
    }
  return correct;
}

/* Splits @pool into @n_folds folds by position and returns the accuracy
 * of each fold, trained on the others. */
static GArray *
cross_validate (const Options *options,
                GPtrArray     *records,
                const guint   *pool,
                guint          n)
{
  GArray *accuracies = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint fold = 0; fold < N_FOLDS; fold++)
    {
      g_autofree guint *train_subset = g_new (guint, n);
      g_autofree guint *test_subset = g_new (guint, n);
      guint n_train = 0, n_test = 0;
      double accuracy;

      for (guint i = 0; i < n; i++)
        if (i % N_FOLDS == fold)
          test_subset[n_test++] = pool[i];
        else
          train_subset[n_train++] = pool[i];

      accuracy = (double) count_correct (options, records, train_subset, n_train,
                                         test_subset, n_test, NULL, NULL) / n_test;
      g_array_append_val (accuracies, accuracy);
    }
  return accuracies;
}

/* ---- the tool -------------------------------------------------------- */

/* The record numbers in a seeded random order: position i % 5 == 0 is the
 * held-back fifth, the rest the training pool, both in that order. */
static void
split (const Options *options,
       guint          n,
       GArray        *held_out,
       GArray        *pool)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed ((guint32) options->seed);
  g_autofree guint *order = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = n - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1), swap = order[i];

      order[i] = order[j], order[j] = swap;
    }

  for (guint i = 0; i < n; i++)
    g_array_append_val (i % 5 == 0 ? held_out : pool, order[i]);
}

/* Prints how many records each label has. */
static void
print_labels (const Options *options,
              GPtrArray     *records)
{
  g_autofree guint *counts = g_new0 (guint, options->labels->len);

  for (guint i = 0; i < records->len; i++)
    counts[((Record *) records->pdata[i])->label]++;

  g_print ("%u records, %u labels:", records->len, options->labels->len);
  for (guint i = 0; i < options->labels->len; i++)
    g_print (" %s %u", (char *) options->labels->pdata[i], counts[i]);
  g_print ("; language %s, %s\n", options->language,
           options->bigrams ? "stems and pairs of stems" : "stems");
}

/* Evaluates on the held-back fifth and by cross-validation, and prints
 * the figures. */
static void
evaluate (const Options *options,
          GPtrArray     *records)
{
  g_autoptr (GArray) held_out = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) pool = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) accuracies = NULL;
  g_autofree guint *right = g_new0 (guint, options->labels->len);
  g_autofree guint *total = g_new0 (guint, options->labels->len);
  double mean = 0, variance = 0;
  guint correct;

  split (options, records->len, held_out, pool);

  correct = count_correct (options, records, (guint *) pool->data, pool->len,
                           (guint *) held_out->data, held_out->len, right, total);
  g_print ("held-back fifth: accuracy %.2f%% (%u of %u right), trained on the other %u records\n",
           100.0 * correct / held_out->len, correct, held_out->len, pool->len);
  for (guint i = 0; i < options->labels->len; i++)
    g_print ("  %-16s %u of %u\n", (char *) options->labels->pdata[i], right[i], total[i]);

  accuracies = cross_validate (options, records, (guint *) pool->data, pool->len);
  for (guint i = 0; i < accuracies->len; i++)
    mean += g_array_index (accuracies, double, i) / accuracies->len;
  for (guint i = 0; i < accuracies->len; i++)
    variance += pow (g_array_index (accuracies, double, i) - mean, 2) / (accuracies->len - 1);
  g_print ("5-fold cross-validation on those %u: accuracy %.2f%% ± %.2f (folds:",
           pool->len, 100.0 * mean, 100.0 * sqrt (variance));
  for (guint i = 0; i < accuracies->len; i++)
    g_print (" %.2f", 100.0 * g_array_index (accuracies, double, i));
  g_print (")\n");
}

/* Trains on all the records and writes the model. */
static gboolean
write_final_model (const Options  *options,
                   GPtrArray      *records,
                   GError        **error)
{
  g_autofree guint *all = g_new (guint, records->len);
  g_autoptr (Trained) trained = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *checksum = NULL;
  gsize size;
  gconstpointer data;

  for (guint i = 0; i < records->len; i++)
    all[i] = i;
  trained = train (options, records, all, records->len);
  bytes = serialize (options, trained);
  data = g_bytes_get_data (bytes, &size);

  if (!g_file_set_contents (options->output_path, data, size, error))
    return FALSE;

  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_print ("model: trained on all %u records, %u features, %" G_GSIZE_FORMAT
           " bytes, written to %s\nsha256: %s\n", records->len, trained->hashes->len,
           size, options->output_path, checksum);
  return TRUE;
}

/* Parses the command line into @options. */
static gboolean
parse_options (Options   *options,
               int       *argc,
               char    ***argv,
               GError   **error)
{
  const GOptionEntry entries[] = {
    { "data", 'd', 0, G_OPTION_ARG_FILENAME, &options->data_path,
      "Labelled texts, one JSON object a line", "PATH.jsonl" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output_path,
      "Where to write the model", "MODEL.nfm" },
    { "label-field", 0, 0, G_OPTION_ARG_STRING, &options->label_field,
      "The member holding the label (default: topic)", "NAME" },
    { "text-field", 0, 0, G_OPTION_ARG_STRING, &options->text_field,
      "The member holding the text (default: text)", "NAME" },
    { "title-field", 0, 0, G_OPTION_ARG_STRING, &options->title_field,
      "The member holding the title, if any (default: title)", "NAME" },
    { "language", 'l', 0, G_OPTION_ARG_STRING, &options->language,
      "The texts' language (default: detected)", "CODE" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &options->seed,
      "Seed of the held-back fifth and of the training order (default: 1)", "S" },
    { "bigrams", 0, 0, G_OPTION_ARG_NONE, &options->bigrams,
      "Also use pairs of stems as features (a larger model)", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("— train a topic model of the tag element");

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Sets a fixed fifth of the records aside, trains on the rest and reports the\n"
    "accuracy on that fifth, then a 5-fold cross-validation on the rest; the model\n"
    "written is then trained on all the records.");
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  if (options->data_path == NULL || options->output_path == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "--data and --output are required");
      return FALSE;
    }
  if (options->label_field == NULL)
    options->label_field = g_strdup ("topic");
  if (options->text_field == NULL)
    options->text_field = g_strdup ("text");
  if (options->title_field == NULL)
    options->title_field = g_strdup ("title");
  return TRUE;
}

/* Checks there is enough data, and settles the language. */
static gboolean
check_data (Options    *options,
            GPtrArray  *records,
            GError    **error)
{
  if (records->len < 2 * N_FOLDS || options->labels->len < 2)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_EMPTY,
                   "%s: %u records with %u labels; training needs %u records and two labels at least",
                   options->data_path, records->len, options->labels->len, 2 * N_FOLDS);
      return FALSE;
    }

  if (options->language == NULL)
    {
      const char *language = detect_language (records);

      if (language == NULL || !nf_stemmer_has_language (language))
        {
          g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                       "%s: cannot tell the texts' language: say it with --language",
                       options->data_path);
          return FALSE;
        }
      options->language = g_strdup (language);
    }
  else if (!nf_stemmer_has_language (options->language))
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                   "no stemmer for the language “%s”", options->language);
      return FALSE;
    }
  return TRUE;
}

/* Computes the features of every record once. */
static void
extract_features (const Options *options,
                  GPtrArray     *records)
{
  g_autoptr (NfStemmer) stemmer = nf_stemmer_new (options->language, NULL);

  for (guint i = 0; i < records->len; i++)
    {
      Record *record = records->pdata[i];

      record->features = nf_topic_features_extract (stemmer, options->language,
                                                    record->text, record->title,
                                                    TITLE_WEIGHT,
                                                    options->bigrams ? NF_TOPIC_FEATURE_BIGRAMS : 0);
    }
}

/* Frees what the options hold. */
static void
options_clear (Options *options)
{
  g_free (options->data_path);
  g_free (options->output_path);
  g_free (options->label_field);
  g_free (options->text_field);
  g_free (options->title_field);
  g_free (options->language);
  g_clear_pointer (&options->labels, g_ptr_array_unref);
}

/* Reads, evaluates, trains and writes; FALSE with @error set on failure. */
static gboolean
run (Options  *options,
     int      *argc,
     char   ***argv,
     GError  **error)
{
  g_autoptr (GPtrArray) records = NULL;

  if (!parse_options (options, argc, argv, error)
      || (records = read_records (options, error)) == NULL
      || !check_data (options, records, error))
    return FALSE;

  extract_features (options, records);
  print_labels (options, records);
  evaluate (options, records);
  return write_final_model (options, records, error);
}

/* Runs the tool. */
int
main (int   argc,
      char *argv[])
{
  Options options = { .seed = 1 };
  g_autoptr (GError) error = NULL;
  gboolean ok;

  setlocale (LC_ALL, "");

  ok = run (&options, &argc, &argv, &error);
  options_clear (&options);
  if (!ok)
    {
      g_printerr ("nf-train-topics: %s\n", error->message);
      return 1;
    }
  return 0;
}
