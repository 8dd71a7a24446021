/* nf-clean-text.c: line-level cleaning, shared by HTML and plain-text input
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-clean-private.h"

#include <string.h>

/* Site widgets and navigation that survive as lines of their own. They are
 * compared with whole lines (lower-cased, trailing punctuation removed), so
 * an article sentence that merely contains the words is kept. Widgets are
 * written in the site's language, hence the several languages. */
static const char * const furniture_lines[] = {
  "no time to read", "get a summary", "show summary", "summarize this article",
  "keine zeit zum lesen", "zusammenfassung anzeigen",
  "pas le temps de lire", "obtenir un résumé", "¿no tienes tiempo para leer", "obtener un resumen",
  "share", "share this", "share this article", "share on x", "share on twitter",
  "share on facebook", "share on linkedin", "share on whatsapp", "share via email",
  "share by email", "email", "copy link", "link kopieren", "teilen", "artikel teilen",
  "advertisement", "advertising", "sponsored", "anzeige", "werbung", "publicité", "publicidad",
  "related stories", "related articles", "related", "more stories", "read more", "read next",
  "das könnte sie auch interessieren", "mehr zum thema", "weiterlesen",
  "previous article", "next article", "previous", "next", "previous post", "next post",
  "vorheriger artikel", "nächster artikel", "article précédent", "article suivant",
  "artículo anterior", "artículo siguiente",
  "subscribe", "sign up", "subscribe to our newsletter", "newsletter",
  "comments", "leave a comment", "leave a reply", "kommentare", "print", "drucken",
  "back to top", "nach oben", "skip to content", "skip to main content", "menu", "menü",
  NULL
};

/* Lines after which the next line is the title of another story. */
static const char * const story_link_lines[] = {
  "previous article", "next article", "previous", "next", "previous post", "next post",
  "vorheriger artikel", "nächster artikel", "article précédent", "article suivant",
  "artículo anterior", "artículo siguiente", "read next", "read more",
  NULL
};

/* Collapses runs of white space (including no-break spaces) into one
 * space and trims both ends. */
char *
nf_clean_collapse_space (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean pending_space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x200B || c == 0xFEFF)
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* @text in Unicode normal form C. Text whose every character is below
 * U+0300 (no byte from 0xCC up) holds no combining mark and nothing to
 * compose, so it is copied as it is: most pages need no normaliser. */
char *
nf_clean_nfc (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p >= 0xCC)
      return g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  return g_strdup (text);
}

/* Lower-cases @line and strips trailing punctuation and spaces, for
 * comparison with the tables above. */
static char *
line_key (const char *line)
{
  char *key = g_utf8_strdown (line, -1);
  gsize len = strlen (key);

  while (len > 0 && strchr (" \t?!.:…»>›→|-", key[len - 1]) != NULL)
    key[--len] = '\0';
  /* "…" and "→" are multi-byte: strip their bytes too */
  while (len >= 3 && (g_str_has_suffix (key, "…") || g_str_has_suffix (key, "→")))
    {
      len -= 3;
      key[len] = '\0';
      while (len > 0 && key[len - 1] == ' ')
        key[--len] = '\0';
    }
  {
    char *start = key;
    while (*start == ' ' || *start == '<' || *start == '\xc2')
      {
        if (*start == '\xc2' && (guchar) start[1] == 0xab)   /* « */
          start += 2;
        else if (*start == '\xc2')
          break;
        else
          start++;
      }
    if (start != key)
      memmove (key, start, strlen (start) + 1);
  }
  return key;
}

static gboolean
key_in (const char         *key,
        const char * const *table)
{
  for (guint i = 0; table[i] != NULL; i++)
    if (strcmp (key, table[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
nf_clean_is_furniture_line (const char *line)
{
  g_autofree char *key = NULL;

  if (strlen (line) > 80)
    return FALSE;
  key = line_key (line);
  if (*key == '\0')
    return TRUE;
  if (key_in (key, furniture_lines))
    return TRUE;
  /* "Share on X", "Share on Facebook"… in any combination */
  if (g_str_has_prefix (key, "share on ") || g_str_has_prefix (key, "teilen auf "))
    return TRUE;
  return FALSE;
}

static gboolean
is_story_link_line (const char *line)
{
  g_autofree char *key = NULL;

  if (strlen (line) > 40)
    return FALSE;
  key = line_key (line);
  return key_in (key, story_link_lines);
}

/* The labels that open a bracketed editorial note: "[Source: …]". A note
 * without a colon is recognised by its first words. */
static gboolean
is_editorial_note (const char *inner)
{
  const char *colon = strchr (inner, ':');

  if (colon != NULL && colon - inner <= 30 && colon > inner)
    {
      /* a label is one to three words starting with a letter */
      guint spaces = 0;
      for (const char *p = inner; p < colon; p++)
        if (*p == ' ')
          spaces++;
      return spaces <= 2 && g_unichar_isalpha (g_utf8_get_char (inner));
    }
  return g_str_has_prefix (inner, "Statement attributed") ||
         g_str_has_prefix (inner, "Aussage von") ||
         g_str_has_prefix (inner, "Attributed to");
}

/* Openings of a note that names who said something; the speaker follows,
 * up to the first clause ("… and confirmed by the club"). */
static const char * const attribution_openings[] = {
  "Statement attributed to ", "Attributed to ", "Aussage von ", "Déclaration attribuée à ",
  "Declaración atribuida a ", NULL
};
static const char * const clause_breaks[] = {
  " and ", ", ", " und ", " et ", " y ", " at ", " in ", " bei ", NULL
};

/* The speaker an attribution note names, or %NULL. */
static char *
speaker_of (const char *note)
{
  for (guint i = 0; attribution_openings[i] != NULL; i++)
    if (g_str_has_prefix (note, attribution_openings[i]))
      {
        const char *speaker = note + strlen (attribution_openings[i]);
        const char *end = speaker + strlen (speaker);

        for (guint j = 0; clause_breaks[j] != NULL; j++)
          {
            const char *cut = strstr (speaker, clause_breaks[j]);
            if (cut != NULL && cut < end)
              end = cut;
          }
        return end > speaker ? g_strstrip (g_strndup (speaker, end - speaker)) : NULL;
      }
  return NULL;
}

/* A `source` tag for the note @inner ("Source: X" gives X; an attribution
 * keeps its words and names its speaker). */
static void
add_source_tag (NfDocument *document,
                const char *inner)
{
  const char *colon = strchr (inner, ':');
  const char *value = inner;
  g_autofree char *text = NULL;
  g_autofree char *speaker = NULL;
  g_autoptr(NfTag) tag = NULL;

  if (colon != NULL && colon - inner <= 30)
    value = colon + 1;
  text = g_strstrip (g_strdup (value));
  if (*text == '\0')
    return;
  tag = nf_tag_new (NF_TAG_KIND_SOURCE, text);
  speaker = speaker_of (text);
  if (speaker != NULL && *speaker != '\0')
    nf_tag_set_speaker (tag, speaker);
  nf_document_add_tag (document, tag);
}

/* Moves bracketed editorial notes out of @paragraph into source tags. */
static char *
take_notes (const char *paragraph,
            NfDocument *document)
{
  GString *out = g_string_sized_new (strlen (paragraph));
  const char *p = paragraph;

  while (*p != '\0')
    {
      const char *open = strchr (p, '[');
      const char *close = open != NULL ? strchr (open, ']') : NULL;
      g_autofree char *inner = NULL;

      if (open == NULL || close == NULL)
        {
          g_string_append (out, p);
          break;
        }

      inner = g_strndup (open + 1, close - open - 1);
      if (strchr (inner, '[') != NULL || !is_editorial_note (inner))
        {
          g_string_append_len (out, p, open + 1 - p);
          p = open + 1;
          continue;
        }

      g_string_append_len (out, p, open - p);
      add_source_tag (document, inner);
      p = close + 1;
    }

  {
    char *result = nf_clean_collapse_space (out->str);
    g_string_free (out, TRUE);
    return result;
  }
}

/* The markup of a kept block, NFC like its text; %NULL when the block
 * has none, or when its text lost notes the markup still holds. */
static char *
kept_markup (const NfCleanBlock *block,
             gboolean            notes_taken)
{
  if (block->markup == NULL || notes_taken)
    return NULL;
  return nf_clean_nfc (block->markup);
}

/* A paragraph this long that comes again is a repeat, not a refrain. */
#define REPEAT_MIN_BYTES 40

/* Normalises, filters and joins the paragraphs of an article: furniture
 * lines go, a "Previous/Next Article" line goes with the story title after
 * it, a paragraph said twice is kept once (a consecutive repeat whatever
 * its length; a long one wherever it comes again: galleries and
 * lightboxes repeat the same caption). Blocks are judged by their plain
 * text whatever the @format; the ones kept are written in it
 * (nf-clean-render.c). */
char *
nf_clean_finish_paragraphs (GPtrArray     *blocks,
                            NfDocument    *document,
                            gboolean       move_notes,
                            NfCleanFormat  format)
{
  GString *out = g_string_new (NULL);
  NfCleanRenderer *renderer = NULL;
  const char *title = nf_document_get_title (document);
  g_autofree char *previous = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean skip_next = FALSE;

  if (format != NF_CLEAN_FORMAT_TEXT)
    renderer = nf_clean_renderer_new (format);

  for (guint i = 0; i < blocks->len; i++)
    {
      NfCleanBlock *block = g_ptr_array_index (blocks, i);
      g_autofree char *spaced = nf_clean_collapse_space (block->text);
      g_autofree char *text = nf_clean_nfc (spaced);
      gboolean notes_taken = FALSE;

      if (text == NULL || *text == '\0')
        continue;
      if (skip_next)
        {
          skip_next = FALSE;
          if (strlen (text) < 200 && !nf_clean_is_furniture_line (text))
            continue;
        }
      if (is_story_link_line (text))
        {
          skip_next = TRUE;
          continue;
        }
      if (nf_clean_is_furniture_line (text))
        continue;
      if (title != NULL && previous == NULL && strcmp (text, title) == 0)
        continue;
      if (move_notes)
        {
          char *kept = take_notes (text, document);
          notes_taken = strcmp (kept, text) != 0;
          g_free (text);
          text = kept;
          if (*text == '\0')
            continue;
        }
      if (previous != NULL && strcmp (previous, text) == 0)
        continue;
      if (strlen (text) >= REPEAT_MIN_BYTES && !g_hash_table_add (seen, g_strdup (text)))
        continue;

      if (renderer != NULL)
        {
          g_autofree char *markup = kept_markup (block, notes_taken);
          nf_clean_renderer_add (renderer, block, text, markup);
        }
      else
        {
          if (out->len > 0)
            g_string_append (out, "\n\n");
          g_string_append (out, text);
        }
      g_free (previous);
      previous = g_steal_pointer (&text);
    }

  if (renderer != NULL)
    {
      g_string_free (out, TRUE);
      return nf_clean_renderer_finish (renderer);
    }
  return g_string_free (out, FALSE);
}

/* Splits plain text into paragraphs at blank lines. Within a paragraph,
 * furniture lines ("Get a summary") are dropped one by one and the lines
 * left are joined; a story-link line and the line after it become
 * paragraphs of their own, for nf_clean_finish_paragraphs() to drop. */
static void
add_paragraph (GPtrArray *blocks,
               char      *text)
{
  NfCleanBlock *block = g_new0 (NfCleanBlock, 1);

  block->kind = NF_CLEAN_BLOCK_PARAGRAPH;
  block->text = text;
  g_ptr_array_add (blocks, block);
}

GPtrArray *
nf_clean_split_plain_text (const char *text)
{
  GPtrArray *paragraphs = g_ptr_array_new_with_free_func (nf_clean_block_free);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *current = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = nf_clean_collapse_space (lines[i]);
      gboolean link = *line != '\0' && is_story_link_line (line);

      if (*line == '\0' || link)
        {
          if (current->len > 0)
            add_paragraph (paragraphs, g_strdup (current->str));
          g_string_truncate (current, 0);
          if (link)
            add_paragraph (paragraphs, g_steal_pointer (&line));
          continue;
        }
      if (nf_clean_is_furniture_line (line))
        continue;
      if (current->len > 0)
        g_string_append_c (current, ' ');
      g_string_append (current, line);
    }
  if (current->len > 0)
    add_paragraph (paragraphs, g_strdup (current->str));
  g_string_free (current, TRUE);

  return paragraphs;
}
