/* nf-clean-date.c: the dates of a page, as ISO 8601
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Two readers. nf_clean_normalize_date() reads the machine dates of
 * metadata (JSON-LD, <meta>, <time datetime>): "2026-03-12T09:30:00+01:00"
 * and its variants become UTC. nf_clean_parse_written_date() reads a date
 * as a page writes it for people, in a byline or a date line, in many
 * languages and scripts ("12 March 2026", "12. März 2026", "2026年3月12日"),
 * for pages that give no machine date: only the day, as its zone is unknown.
 */
#include "nf-clean-meta-private.h"

#include <string.h>

/* ---- machine dates ---- */

/* Reads @n ASCII digits at *@p into *@out and moves past them. */
static gboolean
read_digits (const char **p,
             guint        n,
             int         *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = value;
  return TRUE;
}

/* Reads a UTC offset ("Z", "+01:00", "+0100", "+01", " UTC", " GMT") into
 * seconds east of UTC; an empty string is UTC too. */
static gboolean
read_offset (const char *p,
             int        *seconds)
{
  int sign, hours, minutes = 0;

  while (*p == ' ')
    p++;
  *seconds = 0;
  if (*p == '\0' || g_ascii_strcasecmp (p, "Z") == 0 ||
      g_ascii_strcasecmp (p, "UTC") == 0 || g_ascii_strcasecmp (p, "GMT") == 0)
    return TRUE;
  if (g_ascii_strncasecmp (p, "UTC", 3) == 0 || g_ascii_strncasecmp (p, "GMT", 3) == 0)
    p += 3;
  if (*p != '+' && *p != '-')
    return FALSE;
  sign = *p == '-' ? -1 : 1;
  p++;
  if (!read_digits (&p, 2, &hours))
    return FALSE;
  if (*p == ':')
    p++;
  if (*p != '\0' && !read_digits (&p, 2, &minutes))
    return FALSE;
  if (*p != '\0' || hours > 14 || minutes > 59)
    return FALSE;
  *seconds = sign * (hours * 3600 + minutes * 60);
  return TRUE;
}

/* Reads a valid "YYYY-MM-DD" or "YYYY/MM/DD" of 1900 or later at *@p
 * and moves past it. */
static gboolean
read_calendar_day (const char **p,
                   int         *year,
                   int         *month,
                   int         *day)
{
  char sep;

  if (!read_digits (p, 4, year) || (**p != '-' && **p != '/'))
    return FALSE;
  sep = *(*p)++;
  if (!read_digits (p, 2, month) || *(*p)++ != sep || !read_digits (p, 2, day))
    return FALSE;
  return *year >= 1900 && g_date_valid_dmy (*day, *month, *year);
}

/* Reads "HH:MM", seconds and their fractions optional, at *@p and moves
 * past it. Only the syntax is checked: the ranges are the caller's. */
static gboolean
read_time_of_day (const char **p,
                  int         *hour,
                  int         *minute,
                  int         *second)
{
  if (!read_digits (p, 2, hour) || *(*p)++ != ':' || !read_digits (p, 2, minute))
    return FALSE;
  if (**p != ':')
    return TRUE;
  (*p)++;
  if (!read_digits (p, 2, second))
    return FALSE;
  if (**p == '.' || **p == ',')
    for ((*p)++; g_ascii_isdigit (**p); (*p)++)
      ;
  return TRUE;
}

/* The moment given by a local date and time and its offset, in UTC, as
 * "YYYY-MM-DDTHH:MM:SSZ"; a leap second counts as the second before it. */
static char *
format_utc (int year,
            int month,
            int day,
            int hour,
            int minute,
            int second,
            int offset)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (offset);
  g_autoptr(GDateTime) local = g_date_time_new (zone, year, month, day, hour, minute, MIN (second, 59));
  g_autoptr(GDateTime) utc = local != NULL ? g_date_time_to_utc (local) : NULL;

  return utc != NULL ? g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/**
 * nf_clean_normalize_date:
 * @value: a date as a page writes it in its metadata
 *
 * Reads "YYYY-MM-DD" (or with slashes), optionally followed by a time
 * ("T" or a space, then HH:MM, seconds and fractions optional) and a UTC
 * offset. A date with a time becomes ISO 8601 in UTC,
 * "YYYY-MM-DDTHH:MM:SSZ"; a bare date stays a date, "YYYY-MM-DD". A time
 * without an offset is taken as UTC.
 *
 * Returns: (transfer full) (nullable): the date, or %NULL for what is not one
 */
char *
nf_clean_normalize_date (const char *value)
{
  g_autofree char *trimmed = NULL;
  const char *p;
  int year, month, day, hour = 0, minute = 0, second = 0, offset;

  if (value == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (value));
  p = trimmed;
  if (!read_calendar_day (&p, &year, &month, &day))
    return NULL;
  if (*p == '\0')
    return g_strdup_printf ("%04d-%02d-%02d", year, month, day);

  if (*p != 'T' && *p != 't' && *p != ' ')
    return NULL;
  p++;
  if (!read_time_of_day (&p, &hour, &minute, &second))
    return NULL;
  if (hour > 23 || minute > 59 || second > 60 || !read_offset (p, &offset))
    return NULL;
  return format_utc (year, month, day, hour, minute, second, offset);
}

/* ---- dates written out ---- */

/* Month names as pages write them in a date line, lower-cased, by
 * language; a prefix of three letters or more also matches ("Sept.",
 * "janv."). Index 0 is January. */
static const char * const month_names[][12] = {
  { "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december" },
  { "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember" },
  { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre" },
  { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre" },
  { "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre" },
  { "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro" },
  { "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december" },
  { "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря" },
};

/* The month (1–12) a word names, or 0. */
static int
month_of_word (const char *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  glong len = g_utf8_strlen (lower, -1);

  if (len < 3)
    return 0;
  for (guint l = 0; l < G_N_ELEMENTS (month_names); l++)
    for (int m = 0; m < 12; m++)
      {
        const char *name = month_names[l][m];
        if (strcmp (lower, name) == 0 ||
            (len >= 3 && len < g_utf8_strlen (name, -1) && strncmp (name, lower, strlen (lower)) == 0))
          return m + 1;
      }
  return 0;
}

/* A number or a word of a date line. */
typedef struct
{
  gboolean  is_number;
  int       number;
  guint     digits;
  int       month;         /* for a word: the month it names, or 0 */
  gunichar  after;         /* the first character after the token */
} DateToken;

/* Chinese, Japanese and Korean dates mark their parts with a character
 * after each number (年月日, 년월일): such characters separate, as
 * punctuation does, and are remembered as what follows the number. */
static gboolean
is_date_mark (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  return script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HANGUL ||
         script == G_UNICODE_SCRIPT_HIRAGANA || script == G_UNICODE_SCRIPT_KATAKANA;
}

/* Whether @c is a letter of a word (a date mark is not). */
static gboolean
is_word_letter (gunichar c)
{
  return g_unichar_isalpha (c) && !is_date_mark (c);
}

/* Reads the ASCII number at @p into @token (its value capped at nine
 * digits); returns what follows it. */
static const char *
read_number_token (const char *p,
                   DateToken  *token)
{
  token->is_number = TRUE;
  for (; g_ascii_isdigit (*p) && token->digits < 9; p++, token->digits++)
    token->number = token->number * 10 + (*p - '0');
  while (g_ascii_isdigit (*p))
    p++;
  return p;
}

/* Reads the word at @p into @token, with the month it names; returns
 * what follows it. */
static const char *
read_word_token (const char *p,
                 DateToken  *token)
{
  const char *start = p;
  g_autofree char *word = NULL;

  while (*p != '\0' && is_word_letter (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  word = g_strndup (start, p - start);
  token->month = month_of_word (word);
  return p;
}

/* Cuts @text into numbers and words (letters), remembering the character
 * that follows each. */
static GArray *
date_tokens (const char *text)
{
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (DateToken));
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      DateToken token = { 0, };

      if (g_unichar_isdigit (c) && c < 128)
        p = read_number_token (p, &token);
      else if (is_word_letter (c))
        p = read_word_token (p, &token);
      else
        {
          p = g_utf8_next_char (p);
          continue;
        }
      token.after = g_utf8_get_char (p);
      g_array_append_val (tokens, token);
    }
  return tokens;
}

/* Whether a number is a year of the news era. */
static gboolean
is_year (const DateToken *t)
{
  return t->is_number && t->digits == 4 && t->number >= 1900 && t->number <= 2100;
}

/* Whether a number can be the day of a month. */
static gboolean
is_day (const DateToken *t)
{
  return t->is_number && t->digits <= 2 && t->number >= 1 && t->number <= 31;
}

/* For a day at @i: the month named after it and the year after that,
 * each possibly after one short word ("12 de marzo de 2026"). */
static int
month_after_day (const DateToken *t,
                 guint            n,
                 guint            i,
                 int             *year)
{
  guint j = i + 1, k;

  if (j < n && !t[j].is_number && t[j].month == 0)
    j++;
  if (j >= n || t[j].month == 0)
    return 0;
  k = j + 1;
  if (k < n && !t[k].is_number && t[k].month == 0)
    k++;
  if (k >= n || !is_year (&t[k]))
    return 0;
  *year = t[k].number;
  return t[j].month;
}

/* Whether the year at @t is followed by what separates it from the month:
 * "-", "/", 年 or 년. */
static gboolean
ends_year (const DateToken *t)
{
  return t->after == '-' || t->after == '/' || t->after == 0x5E74 /* 年 */ || t->after == 0xB144 /* 년 */;
}

/* Reads the date that starts at token @i, in any of the orders pages
 * write: year-month-day, day.month.year, day month-name year, month-name
 * day year. Leaves @year 0 when none starts there. */
static void
read_date_at (const DateToken *t,
              guint            n,
              guint            i,
              int             *year,
              int             *month,
              int             *day)
{
  if (i + 2 < n && is_year (&t[i]) && t[i + 1].is_number && is_day (&t[i + 2]) && ends_year (&t[i]))
    *year = t[i].number, *month = t[i + 1].number, *day = t[i + 2].number;
  else if (i + 2 < n && is_day (&t[i]) && t[i + 1].is_number && t[i + 1].digits <= 2 &&
           is_year (&t[i + 2]) && t[i].after == '.' && t[i + 1].after == '.')
    *day = t[i].number, *month = t[i + 1].number, *year = t[i + 2].number;
  else if (is_day (&t[i]) && (*month = month_after_day (t, n, i, year)) > 0)
    *day = t[i].number;   /* "12 March 2026", "12 de marzo de 2026" */
  else if (i + 2 < n && t[i].month > 0 && is_day (&t[i + 1]) && is_year (&t[i + 2]))
    *month = t[i].month, *day = t[i + 1].number, *year = t[i + 2].number;
}

/**
 * nf_clean_parse_written_date:
 * @text: a byline, a date line or the text of a <time> without datetime
 *
 * Finds a date written out: "12 March 2026", "March 12, 2026", "12. März
 * 2026", "12 de marzo de 2026", "12 марта 2026", "2026年3月12日", "2026년 3월
 * 12일", "12.03.2026", "2026-03-12". Only the day is read; the time of day
 * is left out because its zone is unknown.
 *
 * Returns: (transfer full) (nullable): "YYYY-MM-DD", or %NULL
 */
char *
nf_clean_parse_written_date (const char *text)
{
  g_autoptr(GArray) tokens = date_tokens (text);
  DateToken *t = (DateToken *) tokens->data;
  guint n = tokens->len;

  for (guint i = 0; i < n; i++)
    {
      int year = 0, month = 0, day = 0;

      read_date_at (t, n, i, &year, &month, &day);
      if (year > 0 && month >= 1 && month <= 12 && g_date_valid_dmy (day, month, year))
        return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
    }
  return NULL;
}
