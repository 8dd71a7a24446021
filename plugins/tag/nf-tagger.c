/* nf-tagger.c: the tag element
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfTagger:
 *
 * `tag` adds to each document the tags a news editor would put on it:
 *
 * - `person`, `place`, `organization` and `misc`: named entities found by
 *   a statistical model (an averaged perceptron trained on CoNLL-2003 by
 *   `nf-train-ner`), every mention with its code-point offsets, the
 *   mentions of one entity merged into one tag ("Sergei Lavrov", "Lavrov";
 *   "U.S.", "United States") and scored by salience: how often, how early,
 *   and whether the title names it. The model is English: for a text in
 *   another language the element makes no entity tags and says so in the
 *   document's meta (`tag.entities`);
 * - `keyword`: the story's best phrases (`max-keywords`), multi-word where
 *   people would write them so, deduplicated by stem, scored 0–1;
 * - `topic`: the topics of a classifier (`nf-train-topics`; the default
 *   model knows business, entertainment, politics, sport and tech): the
 *   best one, and any other above `topic-threshold`;
 * - `source`: who is quoted or credited ("a spokesperson said",
 *   "according to Reuters"), with the `speaker` when the text names one,
 *   merged with the source tags that `clean` made from bracketed notes.
 *
 * `kinds` chooses which of these to make; `min-score` drops weaker tags.
 * Tags already on the document are kept, never doubled, and the text is
 * never changed.
 */
/* dladdr() finds the folder of this module, where its models are */
#define _GNU_SOURCE
#include "nf-tagger-element.h"

#include <dlfcn.h>
#include <string.h>

NF_DEBUG_CATEGORY_STATIC (tag_debug);

#define DEFAULT_MAX_KEYWORDS 10
#define DEFAULT_TOPIC_THRESHOLD 0.3
#define DEFAULT_NER_MODEL "ner-en.nfm"
#define DEFAULT_TOPIC_MODEL "topics-en.nfm"
#define DEFAULT_POS_MODEL "pos-en.nfm"

struct _NfTagger
{
  NfFilter       parent_instance;

  NfTaggerKinds  kinds;
  guint          max_keywords;
  double         min_score;
  double         topic_threshold;
  char          *ner_model_path;
  char          *topic_model_path;
  char          *pos_model_path;

  NfNerModel    *ner_model;      /* loaded in start(), read-only while running */
  NfTopicModel  *topic_model;
  NfPosModel    *pos_model;      /* English keyphrases are noun phrases with it */
  char          *missing_ner;    /* why there are no entity tags, when so */
  char          *missing_topics;
  char          *missing_pos;    /* why keyphrases are found without it, when so */
};

enum {
  PROP_0,
  PROP_KINDS,
  PROP_MAX_KEYWORDS,
  PROP_MIN_SCORE,
  PROP_TOPIC_THRESHOLD,
  PROP_NER_MODEL,
  PROP_TOPIC_MODEL,
  PROP_POS_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FLAGS_TYPE (NfTaggerKinds, nf_tagger_kinds,
  G_DEFINE_ENUM_VALUE (NF_TAGGER_KINDS_ENTITIES, "entities"),
  G_DEFINE_ENUM_VALUE (NF_TAGGER_KINDS_KEYWORDS, "keywords"),
  G_DEFINE_ENUM_VALUE (NF_TAGGER_KINDS_TOPICS, "topics"),
  G_DEFINE_ENUM_VALUE (NF_TAGGER_KINDS_SOURCES, "sources"))

G_DEFINE_FINAL_TYPE (NfTagger, nf_tagger, NF_TYPE_FILTER)

/* Where the default models are: beside this module (the build tree and a
 * plugin folder on NF_PLUGIN_PATH), in its tag-models/ subfolder, or in the
 * installed folder. %NULL when none holds @name. */
static char *
find_default_model (const char *name)
{
  Dl_info info;
  g_autofree char *module_dir = NULL;

  if (dladdr ((void *) nf_tagger_get_type, &info) != 0 && info.dli_fname != NULL)
    module_dir = g_path_get_dirname (info.dli_fname);
  if (module_dir != NULL)
    {
      char *beside = g_build_filename (module_dir, name, NULL);
      char *sub = g_build_filename (module_dir, "tag-models", name, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_REGULAR))
        {
          g_free (sub);
          return beside;
        }
      g_free (beside);
      if (g_file_test (sub, G_FILE_TEST_IS_REGULAR))
        return sub;
      g_free (sub);
    }
  {
    char *installed = g_build_filename (NF_TAG_MODEL_DIR, name, NULL);

    if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
      return installed;
    g_free (installed);
  }
  return NULL;
}

/* Loads the model at @given, or the default @name. A missing default is
 * not an error (the build may leave the models out): @missing says why. */
static gpointer
load_model (NfTagger     *self,
            const char   *given,
            const char   *name,
            gpointer    (*load) (const char *, GError **),
            char        **missing,
            GError      **error)
{
  g_autofree char *path = given != NULL ? g_strdup (given) : find_default_model (name);
  g_autoptr(GError) local_error = NULL;
  gpointer model;

  if (path == NULL)
    {
      *missing = g_strdup_printf ("no %s installed (built with -Ddefault_models=false?)", name);
      NF_CAT_WARNING (tag_debug, "%s: %s", nf_element_get_name (NF_ELEMENT (self)), *missing);
      return NULL;
    }
  model = load (path, &local_error);
  if (model == NULL)
    g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                 "%s: cannot load the model %s: %s",
                 nf_element_get_name (NF_ELEMENT (self)), path, local_error->message);
  return model;
}

static void
unload_models (NfTagger *self)
{
  g_clear_pointer (&self->ner_model, nf_ner_model_free);
  g_clear_pointer (&self->topic_model, nf_topic_model_free);
  g_clear_pointer (&self->missing_ner, g_free);
  g_clear_pointer (&self->missing_topics, g_free);
  g_clear_pointer (&self->pos_model, nf_pos_model_free);
  g_clear_pointer (&self->missing_pos, g_free);
}

static gboolean
nf_tagger_start (NfElement  *element,
                 GError    **error)
{
  NfTagger *self = NF_TAGGER (element);

  unload_models (self);
  if (self->kinds & NF_TAGGER_KINDS_ENTITIES)
    {
      self->ner_model = load_model (self, self->ner_model_path, DEFAULT_NER_MODEL,
                                    (gpointer (*) (const char *, GError **)) nf_ner_model_load,
                                    &self->missing_ner, error);
      if (self->ner_model == NULL && self->missing_ner == NULL)
        return FALSE;
    }
  if (self->kinds & NF_TAGGER_KINDS_TOPICS)
    {
      self->topic_model = load_model (self, self->topic_model_path, DEFAULT_TOPIC_MODEL,
                                      (gpointer (*) (const char *, GError **)) nf_topic_model_load,
                                      &self->missing_topics, error);
      if (self->topic_model == NULL && self->missing_topics == NULL)
        return FALSE;
    }
  if (self->kinds & NF_TAGGER_KINDS_KEYWORDS)
    {
      self->pos_model = load_model (self, self->pos_model_path, DEFAULT_POS_MODEL,
                                    (gpointer (*) (const char *, GError **)) nf_pos_model_load,
                                    &self->missing_pos, error);
      if (self->pos_model == NULL && self->missing_pos == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
nf_tagger_stop (NfElement  *element,
                GError    **error)
{
  unload_models (NF_TAGGER (element));
  return TRUE;
}

/* The text's tokens, cut on first need: the entity model and the
 * part-of-speech tagger read the same ones. */
static GArray *
shared_tokens (GArray     **tokens,
               const char  *text)
{
  if (*tokens == NULL)
    *tokens = nf_ner_tokenize (text);
  return *tokens;
}

/* The entity model reads English; for another language it stays silent
 * rather than guess, and the document says why. */
static void
tag_entities (NfTagger    *self,
              NfDocument  *document,
              const char  *text,
              const char  *language,
              GArray     **tokens)
{
  g_autoptr(GArray) mentions = NULL;

  if (self->ner_model == NULL)
    {
      nf_document_set_meta_string (document, "tag.entities", self->missing_ner);
      return;
    }
  if (language != NULL && strcmp (language, "en") != 0)
    {
      g_autofree char *note = g_strdup_printf ("no entity model for language \"%s\"; the model is English",
                                               language);
      nf_document_set_meta_string (document, "tag.entities", note);
      return;
    }
  mentions = nf_ner_model_find_in_tokens (self->ner_model, shared_tokens (tokens, text));
  nf_tagger_add_entities (document, mentions, self->min_score);
}

static void
tag_keywords (NfTagger    *self,
              NfDocument  *document,
              const char  *text,
              const char  *language,
              GArray     **tokens)
{
  g_autoptr(GArray) pos_tokens = NULL;
  g_autoptr(GPtrArray) phrases = NULL;

  if (self->pos_model != NULL && g_strcmp0 (language, "en") == 0)
    pos_tokens = nf_pos_model_tag_tokens (self->pos_model, shared_tokens (tokens, text));
  phrases = nf_keyphrases_extract_tagged (text, nf_document_get_title (document), language,
                                          self->max_keywords, pos_tokens);

  if (self->missing_pos != NULL && g_strcmp0 (language, "en") == 0)
    nf_document_set_meta_string (document, "tag.keywords", self->missing_pos);

  for (guint i = 0; i < phrases->len; i++)
    {
      NfKeyphrase *phrase = g_ptr_array_index (phrases, i);
      g_autoptr(NfTag) tag = NULL;

      if (phrase->score < self->min_score)
        continue;
      tag = nf_tag_new (NF_TAG_KIND_KEYWORD, phrase->text);
      nf_tag_set_normalized (tag, phrase->normalized);
      nf_tag_set_score (tag, phrase->score);
      for (guint m = 0; m + 1 < phrase->mentions->len; m += 2)
        nf_tag_add_mention (tag, g_array_index (phrase->mentions, guint, m),
                            g_array_index (phrase->mentions, guint, m + 1));
      nf_document_add_tag (document, tag);
    }
}

/* The best topic, and every other above the threshold. */
static void
tag_topics (NfTagger   *self,
            NfDocument *document,
            const char *text)
{
  g_autoptr(GArray) scores = NULL;

  if (self->topic_model == NULL)
    {
      nf_document_set_meta_string (document, "tag.topics", self->missing_topics);
      return;
    }
  scores = nf_topic_model_classify (self->topic_model, text, nf_document_get_title (document));
  for (guint i = 0; i < scores->len; i++)
    {
      NfTopicScore *topic = &g_array_index (scores, NfTopicScore, i);
      g_autoptr(NfTag) tag = NULL;

      if (i > 0 && (topic->score < self->topic_threshold || topic->score < self->min_score))
        break;
      tag = nf_tag_new (NF_TAG_KIND_TOPIC, topic->label);
      nf_tag_set_normalized (tag, topic->label);
      nf_tag_set_score (tag, topic->score);
      nf_document_add_tag (document, tag);
    }
}

static gboolean
nf_tagger_process (NfFilter    *filter,
                   NfDocument  *document,
                   GError     **error)
{
  NfTagger *self = NF_TAGGER (filter);
  const char *text = nf_document_get_text (document);

  if (text != NULL && *text != '\0')
    {
      const char *language = nf_document_get_language (document);
      g_autoptr(GArray) tokens = NULL;

      if (language == NULL)
        language = nf_text_detect_language (text, NULL);
      if (self->kinds & NF_TAGGER_KINDS_ENTITIES)
        tag_entities (self, document, text, language, &tokens);
      if (self->kinds & NF_TAGGER_KINDS_KEYWORDS)
        tag_keywords (self, document, text, language, &tokens);
      if (self->kinds & NF_TAGGER_KINDS_TOPICS)
        tag_topics (self, document, text);
      if (self->kinds & NF_TAGGER_KINDS_SOURCES)
        nf_tagger_add_sources (document, self->min_score);
      NF_CAT_DEBUG (tag_debug, "%s: %u tags", nf_document_get_id (document),
                    nf_document_get_tags (document)->len);
    }
  nf_element_push (NF_ELEMENT (self), document);
  return TRUE;
}

static void
nf_tagger_finalize (GObject *object)
{
  NfTagger *self = NF_TAGGER (object);

  unload_models (self);
  g_free (self->ner_model_path);
  g_free (self->topic_model_path);
  g_free (self->pos_model_path);
  G_OBJECT_CLASS (nf_tagger_parent_class)->finalize (object);
}

static void
nf_tagger_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NfTagger *self = NF_TAGGER (object);

  switch (prop_id)
    {
    case PROP_KINDS:
      g_value_set_flags (value, self->kinds);
      break;
    case PROP_MAX_KEYWORDS:
      g_value_set_uint (value, self->max_keywords);
      break;
    case PROP_MIN_SCORE:
      g_value_set_double (value, self->min_score);
      break;
    case PROP_TOPIC_THRESHOLD:
      g_value_set_double (value, self->topic_threshold);
      break;
    case PROP_NER_MODEL:
      g_value_set_string (value, self->ner_model_path);
      break;
    case PROP_TOPIC_MODEL:
      g_value_set_string (value, self->topic_model_path);
      break;
    case PROP_POS_MODEL:
      g_value_set_string (value, self->pos_model_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_tagger_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  NfTagger *self = NF_TAGGER (object);

  switch (prop_id)
    {
    case PROP_KINDS:
      if (self->kinds != g_value_get_flags (value))
        {
          self->kinds = g_value_get_flags (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_MAX_KEYWORDS:
      nf_property_update_uint (object, &self->max_keywords, value, pspec);
      break;
    case PROP_MIN_SCORE:
      nf_property_update_double (object, &self->min_score, value, pspec);
      break;
    case PROP_TOPIC_THRESHOLD:
      nf_property_update_double (object, &self->topic_threshold, value, pspec);
      break;
    case PROP_NER_MODEL:
      nf_property_update_string (object, &self->ner_model_path, value, pspec);
      break;
    case PROP_TOPIC_MODEL:
      nf_property_update_string (object, &self->topic_model_path, value, pspec);
      break;
    case PROP_POS_MODEL:
      nf_property_update_string (object, &self->pos_model_path, value, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_model_properties (GObjectClass *object_class)
{
  /**
   * NfTagger:ner-model:
   *
   * The entity model file (written by `nf-train-ner`); the default model
   * installed with the plugin when unset.
   */
  properties[PROP_NER_MODEL] =
    g_param_spec_string ("ner-model", "Entity model",
                         "Entity model file from nf-train-ner (default: the installed English model)",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfTagger:topic-model:
   *
   * The topic model file (written by `nf-train-topics`); the default model
   * installed with the plugin when unset.
   */
  properties[PROP_TOPIC_MODEL] =
    g_param_spec_string ("topic-model", "Topic model",
                         "Topic model file from nf-train-topics (default: the installed BBC model)",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfTagger:pos-model:
   *
   * The part-of-speech model file (written by `nf-train-pos`) with which
   * English keyphrases are noun phrases; the default model installed with
   * the plugin when unset.  Without one, keyphrases are runs of words
   * that are not stopwords, as in other languages.
   */
  properties[PROP_POS_MODEL] =
    g_param_spec_string ("pos-model", "Part-of-speech model",
                         "Part-of-speech model file from nf-train-pos, for English keyphrases (default: the installed English model)",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static void
nf_tagger_class_init (NfTaggerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfFilterClass *filter_class = NF_FILTER_CLASS (klass);

  object_class->finalize = nf_tagger_finalize;
  object_class->get_property = nf_tagger_get_property;
  object_class->set_property = nf_tagger_set_property;
  element_class->start = nf_tagger_start;
  element_class->stop = nf_tagger_stop;
  filter_class->process = nf_tagger_process;

  /**
   * NfTagger:kinds:
   *
   * Which tags to make: `entities`, `keywords`, `topics`, `sources`, joined
   * with `+` in a launch string.
   */
  properties[PROP_KINDS] =
    g_param_spec_flags ("kinds", "Kinds",
                        "Which tags to make: entities, keywords, topics, sources (joined with +)",
                        NF_TYPE_TAGGER_KINDS, NF_TAGGER_KINDS_ALL,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfTagger:max-keywords:
   *
   * How many keyphrases to tag at most.
   */
  properties[PROP_MAX_KEYWORDS] =
    g_param_spec_uint ("max-keywords", "Maximum keywords",
                       "Keyphrases to tag at most",
                       0, 1000, DEFAULT_MAX_KEYWORDS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfTagger:min-score:
   *
   * Tags scoring below this (0–1) are not made.
   */
  properties[PROP_MIN_SCORE] =
    g_param_spec_double ("min-score", "Minimum score",
                         "Tags scoring below this (0-1) are not made",
                         0.0, 1.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfTagger:topic-threshold:
   *
   * Besides the best topic, every topic scoring at least this is tagged.
   */
  properties[PROP_TOPIC_THRESHOLD] =
    g_param_spec_double ("topic-threshold", "Topic threshold",
                         "Besides the best topic, tag every topic scoring at least this",
                         0.0, 1.0, DEFAULT_TOPIC_THRESHOLD,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  install_model_properties (object_class);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  nf_element_class_set_metadata (element_class,
                                 "Tagger",
                                 "Filter/Tag",
                                 "Tags people, places, organizations, keyphrases, topics and sources of a story",
                                 "libnewsfilter authors");

  NF_DEBUG_CATEGORY_INIT (tag_debug, "tag", "the tagger");
}

static void
nf_tagger_init (NfTagger *self)
{
  self->kinds = NF_TAGGER_KINDS_ALL;
  self->max_keywords = DEFAULT_MAX_KEYWORDS;
  self->topic_threshold = DEFAULT_TOPIC_THRESHOLD;
}
