/* nf-tagger-entities.c: mentions merged into one tag per entity
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The model finds mentions; an editor tags entities. Mentions that name
 * the same entity become one tag:
 *
 *  - the same words of the same kind, whatever the case ("LAVROV",
 *    "Lavrov"; but "Washington" the place stays apart from "Washington"
 *    the person, and a dateline's "NEW YORK" from the team);
 *  - a person's surname or first name alone, once the full name has been
 *    seen ("Sergei Lavrov" … "Lavrov");
 *  - an acronym and the words it abbreviates, when both are in the text
 *    ("United States" … "U.S."; "European Union" … "EU").
 *
 * The tag's text is the fullest form, its kind that of its mentions, and
 * its score its salience: how often it is mentioned, how early,
 * and whether the title names it.
 */
#include "nf-tagger-element.h"

#include <string.h>

/* Salience: mentions count most, then how early the first one is. */
#define WEIGHT_FREQUENCY 0.5
#define WEIGHT_POSITION 0.3
#define WEIGHT_TITLE 0.2

typedef struct
{
  char    *text;          /* the fullest form */
  char    *key;           /* casefolded text */
  guint    n_words;
  guint    kind_counts[4];
  GArray  *mentions;      /* NfNerMention */
  gboolean in_title;
  guint    first_start;
} Entity;

static void
entity_free (gpointer data)
{
  Entity *entity = data;

  g_free (entity->text);
  g_free (entity->key);
  g_array_unref (entity->mentions);
  g_free (entity);
}

static const char * const kind_names[] = {
  NF_TAG_KIND_PERSON, NF_TAG_KIND_PLACE, NF_TAG_KIND_ORGANIZATION, NF_TAG_KIND_MISC
};

static guint
count_words (const char *text)
{
  gsize cursor = 0, start, end;
  guint n = 0;

  while (nf_text_next_word (text, &cursor, &start, &end))
    n++;
  return n;
}

/* The capital letters of @text when it is an acronym ("U.S." → "US",
 * "EU" → "EU"), else %NULL. */
static char *
acronym_letters (const char *text)
{
  GString *letters = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isupper (c))
        g_string_append_unichar (letters, c);
      else if (c != '.')
        {
          g_string_free (letters, TRUE);
          return NULL;
        }
    }
  if (letters->len < 2)
    {
      g_string_free (letters, TRUE);
      return NULL;
    }
  return g_string_free (letters, FALSE);
}

/* The initials of the capitalised words of @text ("United States" → "US",
 * "European Union" → "EU"); %NULL for a single word. */
static char *
initials (const char *text)
{
  GString *letters = g_string_new (NULL);
  gsize cursor = 0, start, end;
  guint words = 0;

  while (nf_text_next_word (text, &cursor, &start, &end))
    {
      gunichar c = g_utf8_get_char (text + start);

      words++;
      if (g_unichar_isupper (c))
        g_string_append_unichar (letters, c);
    }
  if (words < 2 || letters->len < 2)
    {
      g_string_free (letters, TRUE);
      return NULL;
    }
  return g_string_free (letters, FALSE);
}

/* Whether @part is one word of @whole ("Lavrov" in "Sergei Lavrov"). */
static gboolean
is_word_of (const char *part,
            const char *whole)
{
  gsize cursor = 0, start, end;
  gsize length = strlen (part);

  while (nf_text_next_word (whole, &cursor, &start, &end))
    if (end - start == length && strncmp (whole + start, part, length) == 0)
      return TRUE;
  return FALSE;
}

static void
add_mention (Entity             *entity,
             const NfNerMention *mention)
{
  g_array_append_val (entity->mentions, *mention);
  entity->kind_counts[mention->kind]++;
  entity->first_start = MIN (entity->first_start, mention->start);
}

/* Groups mentions with the same words (case aside) and the same kind.
 * Mentions come in text order, so one pointer walks the text once. */
static GPtrArray *
group_same_words (const char *text,
                  GArray     *mentions)
{
  GPtrArray *entities = g_ptr_array_new_with_free_func (entity_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *cursor = text;
  guint cursor_offset = 0;

  for (guint i = 0; i < mentions->len; i++)
    {
      const NfNerMention *mention = &g_array_index (mentions, NfNerMention, i);
      const char *from, *to;
      g_autofree char *surface = NULL;
      g_autofree char *key = NULL;
      Entity *entity;

      if (mention->start < cursor_offset)
        {
          cursor = text;
          cursor_offset = 0;
        }
      from = g_utf8_offset_to_pointer (cursor, mention->start - cursor_offset);
      to = g_utf8_offset_to_pointer (from, mention->end - mention->start);
      cursor = from;
      cursor_offset = mention->start;
      surface = g_strndup (from, to - from);
      {
        g_autofree char *folded = g_utf8_casefold (surface, -1);
        key = g_strdup_printf ("%u:%s", mention->kind, folded);
      }
      entity = g_hash_table_lookup (by_key, key);

      if (entity == NULL)
        {
          entity = g_new0 (Entity, 1);
          entity->text = g_strdup (surface);
          entity->key = g_utf8_casefold (surface, -1);
          g_hash_table_insert (by_key, g_steal_pointer (&key), entity);
          entity->n_words = count_words (surface);
          entity->mentions = g_array_new (FALSE, FALSE, sizeof (NfNerMention));
          entity->first_start = G_MAXUINT;
          g_ptr_array_add (entities, entity);
        }
      add_mention (entity, mention);
    }
  return entities;
}

static guint
main_kind (const Entity *entity)
{
  guint best = 0;

  for (guint k = 1; k < G_N_ELEMENTS (entity->kind_counts); k++)
    if (entity->kind_counts[k] > entity->kind_counts[best])
      best = k;
  return best;
}

/* Moves @from's mentions into @into and drops @from. */
static void
merge_into (GPtrArray *entities,
            Entity    *into,
            Entity    *from)
{
  for (guint m = 0; m < from->mentions->len; m++)
    add_mention (into, &g_array_index (from->mentions, NfNerMention, m));
  g_ptr_array_remove (entities, from);
}

/* The entity a short form belongs to: the one full name (of the same kind)
 * that holds it as a word, or whose initials it spells. %NULL when none,
 * or when several could (then the text does not make it clear). */
static Entity *
fuller_form (GPtrArray *entities,
             Entity    *short_form)
{
  g_autofree char *acronym = acronym_letters (short_form->text);
  Entity *found = NULL;

  for (guint i = 0; i < entities->len; i++)
    {
      Entity *full = g_ptr_array_index (entities, i);
      gboolean matches;

      if (full == short_form || full->n_words <= short_form->n_words ||
          main_kind (full) != main_kind (short_form))
        continue;
      if (acronym != NULL)
        {
          g_autofree char *full_initials = initials (full->text);
          matches = full_initials != NULL && strcmp (full_initials, acronym) == 0;
        }
      else
        matches = short_form->n_words == 1 && main_kind (short_form) == NF_NER_PERSON &&
                  main_kind (full) == NF_NER_PERSON && is_word_of (short_form->text, full->text);
      if (!matches)
        continue;
      if (found != NULL)
        return NULL;
      found = full;
    }
  return found;
}

static void
merge_short_forms (GPtrArray *entities)
{
  gboolean merged = TRUE;

  while (merged)
    {
      merged = FALSE;
      for (guint i = 0; i < entities->len && !merged; i++)
        {
          Entity *entity = g_ptr_array_index (entities, i);
          Entity *full = fuller_form (entities, entity);

          if (full != NULL)
            {
              merge_into (entities, full, entity);
              merged = TRUE;
            }
        }
    }
}

static int
by_start (gconstpointer a,
          gconstpointer b)
{
  const NfNerMention *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

static double
salience (const Entity *entity,
          guint         most_mentions,
          guint         text_length)
{
  double frequency = (double) entity->mentions->len / MAX (most_mentions, 1);
  double position = text_length > 0 ? 1.0 - (double) entity->first_start / text_length : 1.0;

  return WEIGHT_FREQUENCY * frequency + WEIGHT_POSITION * position +
         WEIGHT_TITLE * (entity->in_title ? 1.0 : 0.0);
}

/**
 * nf_tagger_add_entities:
 * @document: the document the mentions were found in
 * @mentions: (element-type NfNerMention): the mentions, in order
 * @min_score: tags scoring below this are not added
 *
 * Adds one tag per entity, with every mention of it.
 */
void
nf_tagger_add_entities (NfDocument *document,
                        GArray     *mentions,
                        double      min_score)
{
  const char *text = nf_document_get_text (document);
  g_autoptr(GPtrArray) entities = group_same_words (text, mentions);
  guint most_mentions = 0;
  guint text_length = g_utf8_strlen (text, -1);
  const char *title = nf_document_get_title (document);
  g_autofree char *folded_title = title != NULL ? g_utf8_casefold (title, -1) : NULL;

  merge_short_forms (entities);
  for (guint i = 0; i < entities->len; i++)
    {
      Entity *entity = g_ptr_array_index (entities, i);

      most_mentions = MAX (most_mentions, entity->mentions->len);
      /* keys are casefolded too */
      entity->in_title = folded_title != NULL && strstr (folded_title, entity->key) != NULL;
    }

  for (guint i = 0; i < entities->len; i++)
    {
      Entity *entity = g_ptr_array_index (entities, i);
      double score = salience (entity, most_mentions, text_length);
      g_autoptr(NfTag) tag = NULL;

      if (score < min_score)
        continue;
      tag = nf_tag_new (kind_names[main_kind (entity)], entity->text);
      nf_tag_set_normalized (tag, entity->key);
      nf_tag_set_score (tag, score);
      g_array_sort (entity->mentions, by_start);
      for (guint m = 0; m < entity->mentions->len; m++)
        {
          const NfNerMention *mention = &g_array_index (entity->mentions, NfNerMention, m);
          nf_tag_add_mention (tag, mention->start, mention->end);
        }
      nf_document_add_tag (document, tag);
    }
}
