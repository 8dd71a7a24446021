/* nf-stemmer.c: Snowball stemming, by language, and light stemmers for
 * the languages Snowball (libstemmer 2.2) lacks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <libstemmer.h>

#include "newsfilter.h"
#include "nf-text-private.h"

/**
 * NfStemmer:
 *
 * Reduces the words of one language to their stems, so that "connected",
 * "connecting" and "connection" count as one word: "connect".
 *
 * Each language of [func@Nf.text_get_languages] has a stemmer.  Most are
 * the Snowball stemmers (libstemmer); Snowball has none for Polish and
 * Ukrainian, so for those libnewsfilter has light stemmers of its own,
 * which strip the commonest noun, adjective and verb endings (the longest
 * that leaves a stem of three letters or more) and do nothing about the
 * changes inside a stem (Polish "ręka", "ręce").
 *
 * A stemmer is not thread-safe (Snowball's is not): use one per thread.
 *
 * ```c
 * g_autoptr (NfStemmer) stemmer = nf_stemmer_new ("en", &error);
 * g_autofree char *stem = nf_stemmer_stem (stemmer, "Connections");  // "connect"
 * ```
 */

typedef enum {
  BACKEND_SNOWBALL,
  BACKEND_LIGHT_POLISH,
  BACKEND_LIGHT_UKRAINIAN,
} Backend;

struct _NfStemmer
{
  GObject              parent_instance;

  char                *language;      /* as given */
  int                  index;         /* in the toolkit's languages, or -1 */
  Backend              backend;
  struct sb_stemmer   *snowball;
  gboolean             initialized;
};

enum {
  PROP_0,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void nf_stemmer_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NfStemmer, nf_stemmer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      nf_stemmer_initable_iface_init))

/* The Snowball algorithm of each of the toolkit's languages, in the order
 * of nf_text_get_languages (); NULL where libnewsfilter stems itself. */
static const char * const snowball_algorithms[NF_TEXT_N_LANGUAGES] = {
  "english", "german", "french", "spanish", "italian", "portuguese",
  "dutch", "russian", NULL /* pl */, NULL /* uk */, "turkish", "swedish",
};

/* Sets up the stemmer of the language: the GInitable half of
 * nf_stemmer_new(). */
static gboolean
nf_stemmer_initable_init (GInitable     *initable,
                          GCancellable  *cancellable,
                          GError       **error)
{
  NfStemmer *self = NF_STEMMER (initable);
  const char *algorithm;

  if (self->initialized)
    return self->index >= 0;
  self->initialized = TRUE;

  self->index = _nf_text_language_index (self->language);
  if (self->index < 0)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                   "No stemmer for language “%s”",
                   self->language != NULL ? self->language : "(none)");
      return FALSE;
    }

  if (strcmp (_nf_text_language_code (self->index), "pl") == 0)
    {
      self->backend = BACKEND_LIGHT_POLISH;
      return TRUE;
    }
  if (strcmp (_nf_text_language_code (self->index), "uk") == 0)
    {
      self->backend = BACKEND_LIGHT_UKRAINIAN;
      return TRUE;
    }

  algorithm = snowball_algorithms[self->index];
  self->backend = BACKEND_SNOWBALL;
  self->snowball = sb_stemmer_new (algorithm, "UTF_8");
  if (self->snowball == NULL)
    {
      self->index = -1;
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                   "No stemmer for language “%s”: libstemmer lacks “%s”",
                   self->language, algorithm);
      return FALSE;
    }

  return TRUE;
}

static void
nf_stemmer_initable_iface_init (GInitableIface *iface)
{
  iface->init = nf_stemmer_initable_init;
}

static void
nf_stemmer_finalize (GObject *object)
{
  NfStemmer *self = NF_STEMMER (object);

  if (self->snowball != NULL)
    sb_stemmer_delete (self->snowball);
  g_free (self->language);

  G_OBJECT_CLASS (nf_stemmer_parent_class)->finalize (object);
}

static void
nf_stemmer_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  NfStemmer *self = NF_STEMMER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_stemmer_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  NfStemmer *self = NF_STEMMER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      /* construct-only */
      g_free (self->language);
      self->language = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_stemmer_class_init (NfStemmerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nf_stemmer_finalize;
  object_class->get_property = nf_stemmer_get_property;
  object_class->set_property = nf_stemmer_set_property;

  /**
   * NfStemmer:language:
   *
   * The language of the words to stem, an ISO 639-1 code such as "en"
   * (a region, as in "pt-BR", is allowed and ignored).
   */
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", "Language",
                         "The language of the words to stem, an ISO 639-1 code",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nf_stemmer_init (NfStemmer *self)
{
  self->index = -1;
}

/**
 * nf_stemmer_new:
 * @language: an ISO 639-1 language code, such as "en" or "pt-BR"
 * @error: return location for a #GError
 *
 * Creates a stemmer for the words of @language.  Fails with
 * %NF_ELEMENT_ERROR_SETTINGS when there is no stemmer for @language
 * (see [func@Nf.Stemmer.has_language]).
 *
 * Returns: (transfer full): a new stemmer, or %NULL on error
 */
NfStemmer *
nf_stemmer_new (const char  *language,
                GError     **error)
{
  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (NF_TYPE_STEMMER, NULL, error,
                         "language", language,
                         NULL);
}

/**
 * nf_stemmer_get_language:
 * @self: a stemmer
 *
 * Gets the [property@Nf.Stemmer:language] of the stemmer, as given.
 *
 * Returns: the language code
 */
const char *
nf_stemmer_get_language (NfStemmer *self)
{
  g_return_val_if_fail (NF_IS_STEMMER (self), NULL);
  return self->language;
}

/**
 * nf_stemmer_has_language:
 * @language: an ISO 639-1 language code
 *
 * Tells whether there is a stemmer for @language: there is one for each
 * language of [func@Nf.text_get_languages].
 *
 * Returns: %TRUE if [ctor@Nf.Stemmer.new] can make a stemmer for @language
 */
gboolean
nf_stemmer_has_language (const char *language)
{
  g_return_val_if_fail (language != NULL, FALSE);
  return _nf_text_language_index (language) >= 0;
}

/* Lower-cases @word the Turkish way: I is ı and İ is i. */
static char *
turkish_strdown (const char *word)
{
  GString *lower = g_string_sized_new (strlen (word));
  const char *p;

  for (p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 'I')
        c = 0x0131;
      else if (c == 0x0130)
        c = 'i';
      else
        c = g_unichar_tolower (c);
      g_string_append_unichar (lower, c);
    }

  return g_string_free (lower, FALSE);
}

/* @word lower-cased, in NFC, as the stemmers expect it. */
static char *
prepare_word (NfStemmer  *self,
              const char *word)
{
  g_autofree char *composed = NULL;

  if (!g_utf8_validate (word, -1, NULL))
    word = composed = g_utf8_make_valid (word, -1);
  else if (_nf_text_has_combining_marks (word))
    word = composed = g_utf8_normalize (word, -1, G_NORMALIZE_DEFAULT_COMPOSE);

  if (self->index >= 0 && strcmp (_nf_text_language_code (self->index), "tr") == 0)
    return turkish_strdown (word);

  return g_utf8_strdown (word, -1);
}

/**
 * nf_stemmer_stem:
 * @self: a stemmer
 * @word: a word, in any case
 *
 * Stems a word: lower-cases it, then strips its endings, as the stemmer
 * of the language does.  "Connections" is "connect" in English, "Häuser"
 * is "haus" in German.
 *
 * Returns: (transfer full): the stem, lower-case
 */
char *
nf_stemmer_stem (NfStemmer  *self,
                 const char *word)
{
  g_autofree char *lower = NULL;
  const sb_symbol *stem;

  g_return_val_if_fail (NF_IS_STEMMER (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  /* made with g_object_new() and never initialised: do it now */
  if (!self->initialized)
    g_initable_init (G_INITABLE (self), NULL, NULL);

  lower = prepare_word (self, word);

  if (self->index < 0)
    return g_steal_pointer (&lower);

  switch (self->backend)
    {
    case BACKEND_LIGHT_POLISH:
      return _nf_stem_light_polish (lower);
    case BACKEND_LIGHT_UKRAINIAN:
      return _nf_stem_light_ukrainian (lower);
    case BACKEND_SNOWBALL:
    default:
      break;
    }

  stem = sb_stemmer_stem (self->snowball, (const sb_symbol *) lower, strlen (lower));
  if (stem == NULL)   /* out of memory in libstemmer */
    return g_steal_pointer (&lower);

  return g_strndup ((const char *) stem, sb_stemmer_length (self->snowball));
}

/* ------------------------------------------------------------------ */
/* Light stemmers                                                      */
/* ------------------------------------------------------------------ */

/* The shortest stem the light stemmers leave, in letters. */
#define LIGHT_MIN_STEM 3

/* Polish endings: of nouns and adjectives in all cases, of verbs in the
 * infinitive, present and past, and of abstract nouns (-ość) and verbal
 * nouns (-anie, -enie), which would otherwise keep their stem apart. */
static const char * const polish_suffixes[] = {
  /* nouns */
  "a", "ach", "ami", "e", "em", "i", "ia", "iach", "iami", "ie", "iem",
  "ii", "iom", "iu", "ią", "ię", "o", "om", "owi", "u", "y", "ów", "ą", "ę",
  /* adjectives */
  "ego", "ej", "emu", "ich", "iego", "iej", "iemu", "im", "imi", "ych",
  "ym", "ymi", "owa", "owe", "owego", "owej", "owy", "owych", "owym",
  "owymi", "ową",
  /* verbs */
  "acie", "ać", "ali", "ają", "am", "amy", "asz", "ał", "ała", "ało",
  "ały", "ecie", "emy", "esz", "eć", "icie", "ili", "imy", "isz", "ić",
  "ił", "iła", "iło", "iły", "ować", "owali", "owała", "owało", "owały",
  "ował", "uje", "ujecie", "ujemy", "ujesz", "ują", "uję", "ycie", "yli",
  "ymy", "ysz", "yć", "ył", "yła", "yło", "yły",
  /* abstract and verbal nouns */
  "ość", "ości", "ością", "ościach", "ościami", "ościom",
  "anie", "ania", "aniach", "aniami", "aniem", "aniom", "aniu",
  "enie", "enia", "eniach", "eniami", "eniem", "eniom", "eniu",
  NULL
};

/* Ukrainian endings, likewise; the reflexive -ся/-сь goes first. */
static const char * const ukrainian_suffixes[] = {
  /* nouns */
  "а", "ам", "ами", "ах", "е", "ев", "еві", "ей", "ем", "ею", "и", "ів",
  "ові", "ом", "ою", "у", "ь", "ю", "я", "ям", "ями", "ях", "є", "єві",
  "єм", "єю", "і", "ї", "їв", "о",
  /* adjectives */
  "ий", "ій", "им", "ими", "их", "ім", "іми", "іх", "ого", "ої", "ому",
  "ього", "ьому", "ьої",
  /* verbs */
  "ав", "ала", "али", "ало", "аю", "ають", "ає", "аєм", "аємо", "аєте",
  "аєш", "ати", "ать", "ив", "ила", "или", "ило", "имо", "ите", "ити",
  "ить", "иш", "ів", "іла", "іли", "іло", "іти", "ув", "ува", "увала",
  "ували", "увало", "ував", "увати", "ула", "ули", "уло", "ую", "ують",
  "ує", "уємо", "уєте", "уєш", "ути", "уть", "ють", "яти", "ять",
  /* abstract and verbal nouns */
  "ість", "ості", "істю", "остей", "ання", "анням", "анні", "ань",
  "ення", "енням", "енні", "ень", "яння", "янням", "янні",
  NULL
};

/* Strips from @word the longest of @suffixes that leaves at least
 * LIGHT_MIN_STEM letters. */
static char *
strip_longest_suffix (const char         *word,
                      const char * const *suffixes)
{
  gsize length = strlen (word), strip = 0;
  glong letters = g_utf8_strlen (word, -1);
  const char * const *suffix;

  for (suffix = suffixes; *suffix != NULL; suffix++)
    {
      gsize suffix_length = strlen (*suffix);

      if (suffix_length <= strip || suffix_length >= length)
        continue;
      if (memcmp (word + length - suffix_length, *suffix, suffix_length) != 0)
        continue;
      if (letters - g_utf8_strlen (*suffix, -1) < LIGHT_MIN_STEM)
        continue;
      strip = suffix_length;
    }

  return g_strndup (word, length - strip);
}

char *
_nf_stem_light_polish (const char *word)
{
  return strip_longest_suffix (word, polish_suffixes);
}

char *
_nf_stem_light_ukrainian (const char *word)
{
  g_autofree char *active = NULL;
  gsize length = strlen (word);

  /* "повернулася" is "повернула" made reflexive */
  if (length > strlen ("ся") &&
      (g_str_has_suffix (word, "ся") || g_str_has_suffix (word, "сь")) &&
      g_utf8_strlen (word, -1) - 2 >= LIGHT_MIN_STEM + 1)
    {
      active = g_strndup (word, length - strlen ("ся"));
      word = active;
    }

  return strip_longest_suffix (word, ukrainian_suffixes);
}
