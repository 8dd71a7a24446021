/* nf-clean-names.c: author names out of a byline
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Bylines and author metadata hold more than names: "By Jane Doe and John
 * Roe | 3 March", "Von: A und B, Reuters", "Jane Doe, Senior Correspondent
 * (jane@example.org)", "김철수 기자". A byline is cut into lines at bars,
 * bullets and dashes, its leading word ("By", "Von", "Автор:", "作者") is
 * dropped, and each line is cut into parts at commas and joining words
 * ("and", "und", "et", "и"). A part is kept when it is no role, desk,
 * address, affiliation or site name; when the byline is what the page
 * shows (rather than metadata, which is trusted more) it must also look
 * like a person's name. The words are those of pages in many languages;
 * no rule names a site.
 */
#include "nf-clean-meta-private.h"

#include <string.h>

/* A visible author name longer than this is a sentence or a bio, not a name. */
#define MAX_NAME_CHARS 80
/* At most this many names come from one byline. */
#define MAX_BYLINE_NAMES 8

/* Words a byline starts with before the names, lower-cased, longest
 * first: "By", "Von", "Par", "Por", "Di", "Door", "Av", "Af", "Автор"… */
static const char * const byline_prefixes[] = {
  "written by", "text by", "words by", "story by", "reporting by", "reported by",
  "posted by", "published by", "ein beitrag von", "text von", "texte de", "texto de",
  "a cura di", "un articolo di", "by", "von", "par", "por", "di", "door", "av", "af",
  "authors", "author", "autorin", "autoren", "autor", "autore", "auteure", "auteur", "auteurs",
  "text", "texte", "texto", "tekst", "авторы", "автор", "текст", "作者", "文", "撰文", "글",
  NULL
};
/* Role words after a name: Korean and Japanese bylines put them last. */
static const char * const byline_suffixes[] = {
  "기자", "특파원", "記者", "特派員", "记者", "特派记者", NULL
};
/* Words that make a part of a byline a role or a desk, not a person. */
static const char * const role_words[] = {
  "writer", "writers", "editor", "editors", "correspondent", "correspondents", "reporter",
  "reporters", "staff", "contributor", "contributors", "contributing", "columnist", "journalist",
  "photographer", "desk", "redakteur", "redakteurin", "redaktion", "korrespondent",
  "korrespondentin", "rédacteur", "rédactrice", "rédaction", "journaliste", "correspondant",
  "correspondante", "redactor", "redactora", "redacción", "periodista", "corresponsal",
  "giornalista", "redattore", "redazione", "corrispondente", "verslaggever", "redacteur",
  "redactie", "редактор", "редакция", "корреспондент", "журналист", "журналистка",
  "обозреватель", NULL
};
/* Words of page furniture that sit in or next to bylines. */
static const char * const furniture_words[] = {
  "follow", "more", "share", "email", "e-mail", "mail", "twitter", "facebook", "linkedin",
  "instagram", "contact", "view", "profile", "posts", "articles", "stories", "read",
  "updated", "published", "posted", "subscribe", "see", "all", "latest", "min", "bio",
  "comments", "comment", NULL
};
/* Small words inside names that are written lower-case. */
static const char * const name_particles[] = {
  "van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "dos", "das", "la",
  "le", "ten", "ter", "bin", "ibn", "al", "el", "zu", "y", "e", "st", NULL
};
/* Words joining two names, in the languages of pages. */
static const char * const name_joins[] = {
  "and", "&", "und", "et", "y", "e", "en", "og", "och", "i", "и", "ja", "és", "ve", NULL
};
/* What separates the lines or pieces of a byline. */
static const char * const byline_breaks[] = {
  " | ", "|", "•", "·", " — ", " – ", " - ", " / ", "\t", NULL
};
/* Commas (Latin, CJK and full-width) and semicolons, which end a part
 * inside a word. */
static const char * const name_commas[] = {
  ",", ";", "\xe3\x80\x81" /* 、 */, "\xef\xbc\x8c" /* ， */, NULL
};

/* ---- words ---- */

/* Whether @word, case ignored, is one of @table. */
static gboolean
word_in (const char         *word,
         const char * const *table)
{
  g_autofree char *folded = g_utf8_strdown (word, -1);

  return g_strv_contains (table, folded);
}

/* Whether any word of @part is one of @table. */
static gboolean
any_word_in (const char         *part,
             const char * const *table)
{
  g_auto(GStrv) words = g_strsplit_set (part, " -", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && word_in (words[i], table))
      return TRUE;
  return FALSE;
}

/* Whether @text, spaces around it aside, is a single word. */
static gboolean
is_one_word (const char *text)
{
  while (*text == ' ')
    text++;
  for (; *text != '\0'; text++)
    if (*text == ' ' && text[1] != ' ' && text[1] != '\0')
      return FALSE;
  return TRUE;
}

/* Whether @word joins two names. One-letter joins ("y", "e", "i") only
 * in lower case: in upper case they are initials. */
static gboolean
is_join (const char *word)
{
  if (g_utf8_strlen (word, -1) == 1 && !g_unichar_islower (g_utf8_get_char (word)) &&
      strcmp (word, "&") != 0)
    return FALSE;
  return word_in (word, name_joins);
}

/* Whether @word is written in a script with upper and lower case. */
static gboolean
is_cased_word (const char *word)
{
  gunichar first = g_utf8_get_char (word);

  return g_unichar_isupper (first) || g_unichar_islower (first);
}

/* ---- the byline's leading words ---- */

/* Where the names start when @text begins with the byline word @prefix
 * ("By ", "Von: ", "作者"), or %NULL when it does not. */
static const char *
after_prefix_word (const char *text,
                   const char *prefix)
{
  glong chars = g_utf8_strlen (prefix, -1);
  const char *end = g_utf8_offset_to_pointer (text, MIN (chars, g_utf8_strlen (text, -1)));
  g_autofree char *head = g_utf8_strdown (text, end - text);
  gunichar next = g_utf8_get_char (end);

  if (strcmp (head, prefix) != 0)
    return NULL;
  /* "Di Maio", "Von Trier": a short word before a single name may
   * be part of it; "Von Jane Doe", "Von: Jane" is a byline */
  if (next == ' ' && strcmp (prefix, "by") != 0 && strchr (prefix, ' ') == NULL &&
      g_utf8_strlen (prefix, -1) <= 4 && is_one_word (end))
    return NULL;
  if (next != 0 && next != ' ' && next != ':' && next != 0xFF1A /* ： */ &&
      !(next > 127 && g_unichar_get_script (next) == G_UNICODE_SCRIPT_HAN))
    return NULL;
  while (*end == ' ' || *end == ':')
    end++;
  if (g_str_has_prefix (end, "\xef\xbc\x9a"))
    end += 3;
  return end;
}

/* Where the names start when a "by" is one of the first three words
 * ("Analysis by Jane Doe"), or %NULL. */
static const char *
after_inner_by (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", 5);
  const char *p = text;

  for (guint i = 0; words[i] != NULL && i < 3; i++)
    {
      p += strlen (words[i]) + 1;
      if (i > 0 && g_ascii_strcasecmp (words[i], "by") == 0 && words[i + 1] != NULL)
        return p;
    }
  return NULL;
}

/* @text without a leading byline word ("By ", "Von: ", "Автор: "), and
 * without the words before a "by" in its first three words ("Analysis
 * by"). Returns a pointer into @text. */
static const char *
skip_byline_prefix (const char *text)
{
  const char *names;

  for (guint i = 0; byline_prefixes[i] != NULL; i++)
    if ((names = after_prefix_word (text, byline_prefixes[i])) != NULL)
      return names;
  names = after_inner_by (text);
  return names != NULL ? names : text;
}

/* ---- one name ---- */

/* Drops parenthesised asides ("(Reuters)", "(jane@example.org)"). */
static char *
without_parentheses (const char *text)
{
  GString *out = g_string_new (NULL);
  int depth = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '(' || *p == '[')
        depth++;
      else if ((*p == ')' || *p == ']') && depth > 0)
        depth--;
      else if (depth == 0)
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The punctuation bylines put around names, and white space. */
static const char name_trim[] = " \t.,;:-|/\"'«»“”‘’·•–—*";

/* Whether the character between @start and @end is one name_trim holds. */
static gboolean
is_trimmed_char (const char *start,
                 const char *end)
{
  g_autofree char *c = g_strndup (start, end - start);

  return strstr (name_trim, c) != NULL;
}

/* Whether the full stop at @dot ends an initial ("Jane Q."): a capital
 * letter before it that starts the text or a word. */
static gboolean
ends_initial (const char *start,
              const char *dot)
{
  const char *letter;

  if (*dot != '.' || dot - start < 1)
    return FALSE;
  letter = g_utf8_prev_char (dot);
  return g_unichar_isupper (g_utf8_get_char (letter)) &&
         (dot - start == 1 || *g_utf8_prev_char (letter) == ' ');
}

/* Trims spaces and the punctuation bylines put around names, keeping the
 * full stop of a final initial. */
static char *
trim_name (const char *text)
{
  g_autofree char *collapsed = nf_clean_collapse_space (text);
  const char *start = collapsed;
  const char *end = collapsed + strlen (collapsed);

  while (start < end && is_trimmed_char (start, g_utf8_next_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_trimmed_char (prev, end) || ends_initial (start, prev))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

/* Drops the role a Korean or Japanese byline puts after the name
 * ("김철수 기자"), in place. */
static void
drop_role_suffix (char *name)
{
  for (guint k = 0; byline_suffixes[k] != NULL; k++)
    if (g_str_has_suffix (name, byline_suffixes[k]) && strlen (name) > strlen (byline_suffixes[k]))
      {
        name[strlen (name) - strlen (byline_suffixes[k])] = '\0';
        g_strchomp (name);
      }
}

/* Whether @part reads as a person's name on the page: a few words, no
 * digits, each capitalised in scripts with case (particles aside). */
static gboolean
looks_like_name (const char *part)
{
  g_auto(GStrv) words = g_strsplit (part, " ", -1);
  gboolean has_letter = FALSE;

  if (g_strv_length (words) > 6 || g_utf8_strlen (part, -1) > MAX_NAME_CHARS)
    return FALSE;
  for (const char *p = part; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isdigit (c) || c == '!' || c == '?' || c == ':' || c == '=' || c == '#')
        return FALSE;
      has_letter |= g_unichar_isalpha (c);
    }
  if (!has_letter || any_word_in (part, furniture_words))
    return FALSE;
  for (guint i = 0; words[i] != NULL; i++)
    {
      gunichar first = g_utf8_get_char (words[i]);
      if (g_unichar_islower (first) && (i == 0 || !word_in (words[i], name_particles)))
        return FALSE;
    }
  return TRUE;
}

/* Whether @part is, or is part of, the site's name ("Jane Doe, Business
 * Insider" on Business Insider Deutschland). */
static gboolean
names_site (const char *part,
            const char *site_name)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (site_name == NULL)
    return FALSE;
  a = g_utf8_casefold (part, -1);
  b = g_utf8_casefold (site_name, -1);
  return strstr (b, a) != NULL || strstr (a, b) != NULL;
}

/* Whether @part is an address: mail, web or a path. */
static gboolean
is_address (const char *part)
{
  g_autofree char *lower = g_ascii_strdown (part, -1);

  return strchr (part, '@') != NULL || strchr (part, '/') != NULL ||
         strstr (lower, "http") != NULL || strstr (lower, "www.") != NULL || strstr (lower, ".com") != NULL;
}

/* Whether the part of a byline cut at a comma or a joining word is a
 * name to keep. @after_comma: whether a comma came before it, where a
 * single word is an affiliation or a degree ("Reuters", "PhD"). */
static gboolean
keep_part (const char *part,
           gboolean    after_comma,
           const char *site_name,
           gboolean    visible)
{
  if (*part == '\0' || is_address (part))
    return FALSE;
  if (any_word_in (part, role_words))
    return FALSE;
  if (after_comma && strchr (part, ' ') == NULL && is_cased_word (part))
    return FALSE;
  if (after_comma && names_site (part, site_name))
    return FALSE;
  return !visible || looks_like_name (part);
}

/* Adds @name to @out unless it is there already (case ignored). */
static void
add_name (GPtrArray  *out,
          const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (guint i = 0; i < out->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (g_ptr_array_index (out, i), -1);
      if (strcmp (other, folded) == 0)
        return;
    }
  g_ptr_array_add (out, nf_clean_nfc (name));
}

/* ---- one line ---- */

/* The first comma of @word, or %NULL. */
static const char *
find_comma (const char *word)
{
  const char *comma = NULL;

  for (guint k = 0; name_commas[k] != NULL && comma == NULL; k++)
    comma = strstr (word, name_commas[k]);
  return comma;
}

/* What follows the comma at @comma inside its word. */
static const char *
after_comma (const char *comma)
{
  return comma + (*comma == ',' || *comma == ';' ? 1 : 3);
}

/* Adds the part of a byline gathered so far to @out when it is a name. */
static void
add_part (const char *part,
          gboolean    follows_comma,
          const char *site_name,
          gboolean    visible,
          GPtrArray  *out)
{
  g_autofree char *name = trim_name (part);

  drop_role_suffix (name);
  if (keep_part (name, follows_comma, site_name, visible) && out->len < MAX_BYLINE_NAMES)
    add_name (out, name);
}

/* Cuts one line of a byline into names at commas and joining words and
 * adds those that pass keep_part(). Returns how many it added. */
static guint
add_line_names (const char *line,
                const char *site_name,
                gboolean    visible,
                GPtrArray  *out)
{
  g_auto(GStrv) words = g_strsplit (line, " ", -1);
  g_autoptr(GString) part = g_string_new (NULL);
  gboolean follows_comma = FALSE;
  guint before = out->len;

  for (guint i = 0; ; i++)
    {
      const char *word = words[i];
      gboolean join = word != NULL && i > 0 && is_join (word);
      const char *comma = NULL;

      if (word != NULL && !join)
        {
          comma = find_comma (word);
          if (part->len > 0)
            g_string_append_c (part, ' ');
          g_string_append_len (part, word, comma != NULL ? comma - word : (gssize) strlen (word));
        }
      if (word == NULL || join || comma != NULL)
        {
          add_part (part->str, follows_comma, site_name, visible, out);
          g_string_truncate (part, 0);
          follows_comma = comma != NULL;
          /* what follows the comma inside the word starts the next part */
          if (comma != NULL)
            g_string_append (part, after_comma (comma));
        }
      if (word == NULL)
        break;
    }
  return out->len - before;
}

/* ---- a byline ---- */

/* @text cut into lines at the bars, bullets and dashes between pieces. */
static GStrv
byline_lines (const char *text)
{
  g_autofree char *plain = without_parentheses (text);
  g_autoptr(GString) marked = g_string_new (plain);

  for (guint i = 0; byline_breaks[i] != NULL; i++)
    g_string_replace (marked, byline_breaks[i], "\n", 0);
  return g_strsplit (marked->str, "\n", -1);
}

/**
 * nf_clean_add_byline_names:
 * @text: a byline or an author value of metadata
 * @site_name: (nullable): the site's name, which is no author
 * @visible: whether @text is what the page shows (each name must then
 *   look like one; metadata is trusted more)
 * @out: (element-type utf8): the names found so far, added to
 *
 * Reads the names in a byline ("By Jane Doe and John Roe | 3 March",
 * "Von A und B", "Jane Doe, Reuters") into @out, leaving out those it
 * holds already. Lines and pieces separated by bars, bullets and dashes
 * are tried in turn; the first one with names gives them.
 */
void
nf_clean_add_byline_names (const char *text,
                           const char *site_name,
                           gboolean    visible,
                           GPtrArray  *out)
{
  g_auto(GStrv) lines = byline_lines (text);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = nf_clean_collapse_space (lines[i]);
      const char *names = skip_byline_prefix (line);

      if (*names != '\0' && add_line_names (names, site_name, visible, out) > 0)
        return;
    }
}
