/* nf-charset.c: the one place where bytes become text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <string.h>

#include <uchardet.h>

#include "newsfilter.h"
#include "nf-document-private.h"

/**
 * nf_charset_error_quark:
 *
 * The error domain of [error@Nf.CharsetError].
 *
 * Returns: the `nf-charset-error` quark
 */
G_DEFINE_QUARK (nf-charset-error-quark, nf_charset_error)

/* HTML5 prescans 1024 bytes; pages with long <head> preambles (inline
 * scripts, many <link>s) put the meta later, so we look a little further. */
#define SNIFF_LIMIT 4096
/* how much of the input the binary test looks at */
#define BINARY_PROBE 8192
/* how much of the input the statistical detector is fed */
#define DETECT_LIMIT (16 * 1024)

#define REPLACEMENT_UTF8 "\xef\xbf\xbd"

/* ------------------------------------------------------------------ */
/* Labels                                                              */
/* ------------------------------------------------------------------ */

/* The labels of the WHATWG Encoding Standard for the encodings news sites
 * use, mapped to the encoding's name.  As the standard says, ISO-8859-1 and
 * ASCII mean windows-1252, GB2312 and GBK mean GB18030. */
typedef struct {
  const char *label;
  const char *name;
} CharsetLabel;

static const CharsetLabel charset_labels[] = {
  /* UTF-8 */
  { "unicode-1-1-utf-8", "utf-8" }, { "unicode11utf8", "utf-8" },
  { "unicode20utf8", "utf-8" }, { "utf-8", "utf-8" }, { "utf8", "utf-8" },
  { "x-unicode20utf8", "utf-8" },
  /* legacy single-byte */
  { "866", "ibm866" }, { "cp866", "ibm866" }, { "csibm866", "ibm866" },
  { "ibm866", "ibm866" },
  { "csisolatin2", "iso-8859-2" }, { "iso-8859-2", "iso-8859-2" },
  { "iso-ir-101", "iso-8859-2" }, { "iso8859-2", "iso-8859-2" },
  { "iso88592", "iso-8859-2" }, { "iso_8859-2", "iso-8859-2" },
  { "iso_8859-2:1987", "iso-8859-2" }, { "l2", "iso-8859-2" },
  { "latin2", "iso-8859-2" },
  { "csisolatin3", "iso-8859-3" }, { "iso-8859-3", "iso-8859-3" },
  { "iso-ir-109", "iso-8859-3" }, { "iso8859-3", "iso-8859-3" },
  { "iso88593", "iso-8859-3" }, { "iso_8859-3", "iso-8859-3" },
  { "iso_8859-3:1988", "iso-8859-3" }, { "l3", "iso-8859-3" },
  { "latin3", "iso-8859-3" },
  { "csisolatin4", "iso-8859-4" }, { "iso-8859-4", "iso-8859-4" },
  { "iso-ir-110", "iso-8859-4" }, { "iso8859-4", "iso-8859-4" },
  { "iso88594", "iso-8859-4" }, { "iso_8859-4", "iso-8859-4" },
  { "iso_8859-4:1988", "iso-8859-4" }, { "l4", "iso-8859-4" },
  { "latin4", "iso-8859-4" },
  { "csisolatincyrillic", "iso-8859-5" }, { "cyrillic", "iso-8859-5" },
  { "iso-8859-5", "iso-8859-5" }, { "iso-ir-144", "iso-8859-5" },
  { "iso8859-5", "iso-8859-5" }, { "iso88595", "iso-8859-5" },
  { "iso_8859-5", "iso-8859-5" }, { "iso_8859-5:1988", "iso-8859-5" },
  { "arabic", "iso-8859-6" }, { "asmo-708", "iso-8859-6" },
  { "csiso88596e", "iso-8859-6" }, { "csiso88596i", "iso-8859-6" },
  { "csisolatinarabic", "iso-8859-6" }, { "ecma-114", "iso-8859-6" },
  { "iso-8859-6", "iso-8859-6" }, { "iso-8859-6-e", "iso-8859-6" },
  { "iso-8859-6-i", "iso-8859-6" }, { "iso-ir-127", "iso-8859-6" },
  { "iso8859-6", "iso-8859-6" }, { "iso88596", "iso-8859-6" },
  { "iso_8859-6", "iso-8859-6" }, { "iso_8859-6:1987", "iso-8859-6" },
  { "csisolatingreek", "iso-8859-7" }, { "ecma-118", "iso-8859-7" },
  { "elot_928", "iso-8859-7" }, { "greek", "iso-8859-7" },
  { "greek8", "iso-8859-7" }, { "iso-8859-7", "iso-8859-7" },
  { "iso-ir-126", "iso-8859-7" }, { "iso8859-7", "iso-8859-7" },
  { "iso88597", "iso-8859-7" }, { "iso_8859-7", "iso-8859-7" },
  { "iso_8859-7:1987", "iso-8859-7" }, { "sun_eu_greek", "iso-8859-7" },
  { "csiso88598e", "iso-8859-8" }, { "csisolatinhebrew", "iso-8859-8" },
  { "hebrew", "iso-8859-8" }, { "iso-8859-8", "iso-8859-8" },
  { "iso-8859-8-e", "iso-8859-8" }, { "iso-ir-138", "iso-8859-8" },
  { "iso8859-8", "iso-8859-8" }, { "iso88598", "iso-8859-8" },
  { "iso_8859-8", "iso-8859-8" }, { "iso_8859-8:1988", "iso-8859-8" },
  { "visual", "iso-8859-8" },
  { "csiso88598i", "iso-8859-8-i" }, { "iso-8859-8-i", "iso-8859-8-i" },
  { "logical", "iso-8859-8-i" },
  { "csisolatin6", "iso-8859-10" }, { "iso-8859-10", "iso-8859-10" },
  { "iso-ir-157", "iso-8859-10" }, { "iso8859-10", "iso-8859-10" },
  { "iso885910", "iso-8859-10" }, { "l6", "iso-8859-10" },
  { "latin6", "iso-8859-10" },
  { "iso-8859-13", "iso-8859-13" }, { "iso8859-13", "iso-8859-13" },
  { "iso885913", "iso-8859-13" },
  { "iso-8859-14", "iso-8859-14" }, { "iso8859-14", "iso-8859-14" },
  { "iso885914", "iso-8859-14" },
  { "csisolatin9", "iso-8859-15" }, { "iso-8859-15", "iso-8859-15" },
  { "iso8859-15", "iso-8859-15" }, { "iso885915", "iso-8859-15" },
  { "iso_8859-15", "iso-8859-15" }, { "l9", "iso-8859-15" },
  { "iso-8859-16", "iso-8859-16" },
  { "cskoi8r", "koi8-r" }, { "koi", "koi8-r" }, { "koi8", "koi8-r" },
  { "koi8-r", "koi8-r" }, { "koi8_r", "koi8-r" },
  { "koi8-ru", "koi8-u" }, { "koi8-u", "koi8-u" },
  { "csmacintosh", "macintosh" }, { "mac", "macintosh" },
  { "macintosh", "macintosh" }, { "x-mac-roman", "macintosh" },
  { "dos-874", "windows-874" }, { "iso-8859-11", "windows-874" },
  { "iso8859-11", "windows-874" }, { "iso885911", "windows-874" },
  { "tis-620", "windows-874" }, { "windows-874", "windows-874" },
  { "cp1250", "windows-1250" }, { "windows-1250", "windows-1250" },
  { "x-cp1250", "windows-1250" },
  { "cp1251", "windows-1251" }, { "windows-1251", "windows-1251" },
  { "x-cp1251", "windows-1251" },
  { "ansi_x3.4-1968", "windows-1252" }, { "ascii", "windows-1252" },
  { "cp1252", "windows-1252" }, { "cp819", "windows-1252" },
  { "csisolatin1", "windows-1252" }, { "ibm819", "windows-1252" },
  { "iso-8859-1", "windows-1252" }, { "iso-ir-100", "windows-1252" },
  { "iso8859-1", "windows-1252" }, { "iso88591", "windows-1252" },
  { "iso_8859-1", "windows-1252" }, { "iso_8859-1:1987", "windows-1252" },
  { "l1", "windows-1252" }, { "latin1", "windows-1252" },
  { "us-ascii", "windows-1252" }, { "windows-1252", "windows-1252" },
  { "x-cp1252", "windows-1252" },
  { "cp1253", "windows-1253" }, { "windows-1253", "windows-1253" },
  { "x-cp1253", "windows-1253" },
  { "cp1254", "windows-1254" }, { "csisolatin5", "windows-1254" },
  { "iso-8859-9", "windows-1254" }, { "iso-ir-148", "windows-1254" },
  { "iso8859-9", "windows-1254" }, { "iso88599", "windows-1254" },
  { "iso_8859-9", "windows-1254" }, { "iso_8859-9:1989", "windows-1254" },
  { "l5", "windows-1254" }, { "latin5", "windows-1254" },
  { "windows-1254", "windows-1254" }, { "x-cp1254", "windows-1254" },
  { "cp1255", "windows-1255" }, { "windows-1255", "windows-1255" },
  { "x-cp1255", "windows-1255" },
  { "cp1256", "windows-1256" }, { "windows-1256", "windows-1256" },
  { "x-cp1256", "windows-1256" },
  { "cp1257", "windows-1257" }, { "windows-1257", "windows-1257" },
  { "x-cp1257", "windows-1257" },
  { "cp1258", "windows-1258" }, { "windows-1258", "windows-1258" },
  { "x-cp1258", "windows-1258" },
  { "x-mac-cyrillic", "x-mac-cyrillic" }, { "x-mac-ukrainian", "x-mac-cyrillic" },
  { "mac-cyrillic", "x-mac-cyrillic" },
  /* legacy multi-byte */
  { "chinese", "gb18030" }, { "csgb2312", "gb18030" },
  { "csiso58gb231280", "gb18030" }, { "gb2312", "gb18030" },
  { "gb_2312", "gb18030" }, { "gb_2312-80", "gb18030" }, { "gbk", "gb18030" },
  { "iso-ir-58", "gb18030" }, { "x-gbk", "gb18030" }, { "gb18030", "gb18030" },
  { "big5", "big5" }, { "big5-hkscs", "big5" }, { "cn-big5", "big5" },
  { "csbig5", "big5" }, { "x-x-big5", "big5" },
  { "cseucpkdfmtjapanese", "euc-jp" }, { "euc-jp", "euc-jp" },
  { "x-euc-jp", "euc-jp" },
  { "csiso2022jp", "iso-2022-jp" }, { "iso-2022-jp", "iso-2022-jp" },
  { "csshiftjis", "shift_jis" }, { "ms932", "shift_jis" },
  { "ms_kanji", "shift_jis" }, { "shift-jis", "shift_jis" },
  { "shift_jis", "shift_jis" }, { "sjis", "shift_jis" },
  { "windows-31j", "shift_jis" }, { "x-sjis", "shift_jis" },
  { "cp932", "shift_jis" },
  { "cseuckr", "euc-kr" }, { "csksc56011987", "euc-kr" },
  { "euc-kr", "euc-kr" }, { "iso-ir-149", "euc-kr" }, { "korean", "euc-kr" },
  { "ks_c_5601-1987", "euc-kr" }, { "ks_c_5601-1989", "euc-kr" },
  { "ksc5601", "euc-kr" }, { "ksc_5601", "euc-kr" }, { "windows-949", "euc-kr" },
  { "cp949", "euc-kr" },
  /* UTF-16 */
  { "unicodefffe", "utf-16be" }, { "utf-16be", "utf-16be" },
  { "csunicode", "utf-16le" }, { "iso-10646-ucs-2", "utf-16le" },
  { "ucs-2", "utf-16le" }, { "unicode", "utf-16le" },
  { "unicodefeff", "utf-16le" }, { "utf-16", "utf-16le" },
  { "utf-16le", "utf-16le" },
  /* a user-defined charset is in practice windows-1252 (HTML5 prescan) */
  { "x-user-defined", "windows-1252" },
};

/* Where glibc's iconv names the encoding differently, or the WHATWG
 * encoding is a superset of the one its name suggests. */
static const CharsetLabel iconv_names[] = {
  { "shift_jis", "CP932" },
  { "euc-kr", "CP949" },
  { "big5", "BIG5-HKSCS" },
  { "iso-8859-8-i", "ISO-8859-8" },
  { "x-mac-cyrillic", "MAC-CYRILLIC" },
};

static GHashTable *
get_label_table (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new (g_str_hash, g_str_equal);

      for (gsize i = 0; i < G_N_ELEMENTS (charset_labels); i++)
        g_hash_table_insert (t, (gpointer) charset_labels[i].label,
                             (gpointer) charset_labels[i].name);

      g_once_init_leave (&table, t);
    }

  return table;
}

static inline gboolean
is_html_space (guint8 c)
{
  return c == 0x09 || c == 0x0a || c == 0x0c || c == 0x0d || c == 0x20;
}

static const char *
lookup_label (const char *label,
              gsize       length)
{
  char buffer[64];

  /* labels are compared without surrounding whitespace and quotes */
  while (length > 0 && (is_html_space (*label) || *label == '"' || *label == '\''))
    {
      label++;
      length--;
    }
  while (length > 0 && (is_html_space (label[length - 1]) || label[length - 1] == '"' ||
                        label[length - 1] == '\''))
    length--;

  if (length == 0 || length >= sizeof buffer)
    return NULL;

  for (gsize i = 0; i < length; i++)
    buffer[i] = g_ascii_tolower (label[i]);
  buffer[length] = '\0';

  return g_hash_table_lookup (get_label_table (), buffer);
}

/**
 * nf_charset_normalize_label:
 * @label: a charset label, as found in an HTTP header or a `<meta>` tag
 *
 * Maps a charset label to the name of the encoding it stands for, following
 * the label table of the WHATWG Encoding Standard: case and surrounding
 * whitespace do not matter, `latin1`, `iso-8859-1` and `us-ascii` mean
 * `windows-1252`, `gb2312` and `gbk` mean `gb18030`, `sjis` means
 * `shift_jis`, `utf-16` means `utf-16le`.
 *
 * Returns: (transfer full) (nullable): the encoding's lower-case name, as
 *   `windows-1251`, or %NULL if @label names no encoding this library knows
 */
char *
nf_charset_normalize_label (const char *label)
{
  g_return_val_if_fail (label != NULL, NULL);

  return g_strdup (lookup_label (label, strlen (label)));
}

static const char *
iconv_name_for (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (iconv_names); i++)
    if (strcmp (iconv_names[i].label, name) == 0)
      return iconv_names[i].name;

  return name;
}

static gboolean
is_utf16 (const char *name)
{
  return g_str_has_prefix (name, "utf-16");
}

/* ------------------------------------------------------------------ */
/* The HTML5 prescan                                                   */
/* ------------------------------------------------------------------ */

typedef struct {
  const guint8 *data;
  gsize         pos;
  gsize         end;
} Scanner;

static inline gboolean
scanner_has (const Scanner *s,
             gsize          count)
{
  return s->pos + count <= s->end;
}

static gboolean
scanner_looking_at (const Scanner *s,
                    const char    *ascii_lower)
{
  gsize n = strlen (ascii_lower);

  if (!scanner_has (s, n))
    return FALSE;

  for (gsize i = 0; i < n; i++)
    if (g_ascii_tolower (s->data[s->pos + i]) != (guint8) ascii_lower[i])
      return FALSE;

  return TRUE;
}

/* Moves to the first byte of @needle at or after the current position.
 * Returns FALSE (and moves to the end) if there is none. */
static gboolean
scanner_find (Scanner    *s,
              const char *needle)
{
  gsize n = strlen (needle);

  while (scanner_has (s, n))
    {
      if (memcmp (s->data + s->pos, needle, n) == 0)
        return TRUE;
      s->pos++;
    }

  s->pos = s->end;
  return FALSE;
}

static void
append_lower (GString *string,
              guint8   c)
{
  g_string_append_c (string, g_ascii_tolower (c));
}

/* "Get an attribute" of the HTML5 prescan.  Leaves the scanner on the
 * byte after the attribute; returns FALSE at '>' or the end of the data. */
static gboolean
get_attribute (Scanner *s,
               GString *name,
               GString *value)
{
  guint8 c;

  g_string_truncate (name, 0);
  g_string_truncate (value, 0);

  while (s->pos < s->end && (is_html_space (s->data[s->pos]) || s->data[s->pos] == '/'))
    s->pos++;
  if (s->pos >= s->end || s->data[s->pos] == '>')
    return FALSE;

  /* the name */
  for (;;)
    {
      if (s->pos >= s->end)
        return FALSE;
      c = s->data[s->pos];
      if (c == '=' && name->len > 0)
        {
          s->pos++;
          goto value;
        }
      if (is_html_space (c))
        break;
      if (c == '/' || c == '>')
        return TRUE;
      append_lower (name, c);
      s->pos++;
    }

  /* spaces between the name and a possible '=' */
  while (s->pos < s->end && is_html_space (s->data[s->pos]))
    s->pos++;
  if (s->pos >= s->end)
    return FALSE;
  if (s->data[s->pos] != '=')
    return TRUE;
  s->pos++;

value:
  while (s->pos < s->end && is_html_space (s->data[s->pos]))
    s->pos++;
  if (s->pos >= s->end)
    return FALSE;

  c = s->data[s->pos];
  if (c == '"' || c == '\'')
    {
      guint8 quote = c;

      for (s->pos++; s->pos < s->end; s->pos++)
        {
          if (s->data[s->pos] == quote)
            {
              s->pos++;
              return TRUE;
            }
          append_lower (value, s->data[s->pos]);
        }
      return FALSE;
    }
  if (c == '>')
    return TRUE;

  for (; s->pos < s->end; s->pos++)
    {
      c = s->data[s->pos];
      if (is_html_space (c) || c == '>')
        return TRUE;
      append_lower (value, c);
    }

  return FALSE;
}

/* "Extract a character encoding from a meta element" (the content
 * attribute of http-equiv): `text/html; charset=koi8-r`.  @content is
 * lower case already. */
static const char *
charset_from_content (const char *content,
                      gsize      *out_length)
{
  const char *p = content;

  while ((p = strstr (p, "charset")) != NULL)
    {
      p += strlen ("charset");
      while (is_html_space (*p))
        p++;
      if (*p != '=')
        continue;
      p++;
      while (is_html_space (*p))
        p++;

      if (*p == '"' || *p == '\'')
        {
          const char *close = strchr (p + 1, *p);

          if (close == NULL)
            return NULL;
          *out_length = close - (p + 1);
          return p + 1;
        }
      else
        {
          gsize n = 0;

          while (p[n] != '\0' && !is_html_space (p[n]) && p[n] != ';')
            n++;
          if (n == 0)
            return NULL;
          *out_length = n;
          return p;
        }
    }

  return NULL;
}

/* A declaration inside the document cannot be UTF-16: reading it at all
 * proves the bytes are ASCII-compatible (HTML5 says so for <meta>). */
static const char *
fix_in_document_charset (const char *name)
{
  if (name != NULL && is_utf16 (name))
    return "utf-8";
  return name;
}

/* One <meta ...> tag; the scanner is after "<meta" and its space or '/'. */
static const char *
prescan_meta (Scanner *s,
              GString *name,
              GString *value)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  gboolean got_pragma = FALSE;
  int need_pragma = -1;           /* -1 unknown, 0 no, 1 yes */
  const char *charset = NULL;

  while (get_attribute (s, name, value))
    {
      gboolean duplicate = FALSE;

      for (guint i = 0; i < seen->len && !duplicate; i++)
        duplicate = strcmp (g_ptr_array_index (seen, i), name->str) == 0;
      if (duplicate)
        continue;
      g_ptr_array_add (seen, g_strdup (name->str));

      if (strcmp (name->str, "http-equiv") == 0)
        {
          if (strcmp (value->str, "content-type") == 0)
            got_pragma = TRUE;
        }
      else if (strcmp (name->str, "content") == 0)
        {
          const char *label;
          gsize length;

          if (charset == NULL &&
              (label = charset_from_content (value->str, &length)) != NULL)
            {
              charset = lookup_label (label, length);
              need_pragma = 1;
            }
        }
      else if (strcmp (name->str, "charset") == 0)
        {
          charset = lookup_label (value->str, value->len);
          need_pragma = 0;
        }
    }

  if (need_pragma == -1 || (need_pragma == 1 && !got_pragma))
    return NULL;

  return fix_in_document_charset (charset);
}

/* `<?xml version="1.0" encoding="windows-1251"?>` at the very start */
static const char *
prescan_xml_declaration (const guint8 *data,
                         gsize         length)
{
  Scanner s = { data, 0, length };
  gsize decl_end;

  while (s.pos < s.end && is_html_space (data[s.pos]))
    s.pos++;
  if (!scanner_looking_at (&s, "<?xml") || !scanner_has (&s, 6) ||
      !is_html_space (data[s.pos + 5]))
    return NULL;
  s.pos += 6;

  {
    Scanner probe = s;

    if (!scanner_find (&probe, "?>"))
      return NULL;
    decl_end = probe.pos;
  }
  s.end = decl_end;

  while (s.pos < s.end)
    {
      if (scanner_looking_at (&s, "encoding"))
        {
          guint8 quote;
          gsize start;

          s.pos += strlen ("encoding");
          while (s.pos < s.end && is_html_space (data[s.pos]))
            s.pos++;
          if (s.pos >= s.end || data[s.pos] != '=')
            continue;
          s.pos++;
          while (s.pos < s.end && is_html_space (data[s.pos]))
            s.pos++;
          if (s.pos >= s.end || (data[s.pos] != '"' && data[s.pos] != '\''))
            return NULL;
          quote = data[s.pos++];
          start = s.pos;
          while (s.pos < s.end && data[s.pos] != quote)
            s.pos++;
          if (s.pos >= s.end)
            return NULL;
          return fix_in_document_charset (lookup_label ((const char *) data + start,
                                                        s.pos - start));
        }
      s.pos++;
    }

  return NULL;
}

static const char *
prescan (const guint8 *data,
         gsize         length)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GString) value = g_string_new (NULL);
  Scanner s = { data, 0, MIN (length, SNIFF_LIMIT) };
  const char *charset;

  if ((charset = prescan_xml_declaration (data, s.end)) != NULL)
    return charset;

  while (s.pos < s.end)
    {
      if (data[s.pos] != '<')
        {
          /* jump to the next tag at memchr speed */
          const guint8 *next = memchr (data + s.pos, '<', s.end - s.pos);

          if (next == NULL)
            break;
          s.pos = next - data;
        }

      if (scanner_looking_at (&s, "<!--"))
        {
          /* the comment ends at the first "-->", which may share its
           * dashes with the opening "<!--" ("<!-->") */
          s.pos += 2;
          if (!scanner_find (&s, "-->"))
            break;
          s.pos += 3;
          continue;
        }
      else if (scanner_looking_at (&s, "<meta") && scanner_has (&s, 6) &&
               (is_html_space (data[s.pos + 5]) || data[s.pos + 5] == '/'))
        {
          s.pos += 6;
          if ((charset = prescan_meta (&s, name, value)) != NULL)
            return charset;
        }
      else if (scanner_has (&s, 2) &&
               (g_ascii_isalpha (data[s.pos + 1]) ||
                (data[s.pos + 1] == '/' && scanner_has (&s, 3) &&
                 g_ascii_isalpha (data[s.pos + 2]))))
        {
          /* any other tag: skip its name and attributes, whose values
           * may hold a '<' or a fake "<meta" */
          s.pos++;
          while (s.pos < s.end && !is_html_space (data[s.pos]) && data[s.pos] != '>')
            s.pos++;
          while (get_attribute (&s, name, value))
            ;
        }
      else if (scanner_looking_at (&s, "<!") || scanner_looking_at (&s, "</") ||
               scanner_looking_at (&s, "<?"))
        {
          if (!scanner_find (&s, ">"))
            break;
        }
      s.pos++;
    }

  return NULL;
}

/**
 * nf_charset_sniff_meta:
 * @data: (array length=length) (element-type guint8): the start of an HTML
 *   or XML document
 * @length: the length of @data
 *
 * Looks for a charset declared inside a document, the way HTML5's "prescan"
 * does, in its first 4096 bytes: `<meta charset="…">`, or
 * `<meta http-equiv="Content-Type" content="text/html; charset=…">` with
 * the attributes in any order, quoted or not, in any case; comments and the
 * attribute values of other tags are skipped.  An XML declaration
 * (`<?xml version="1.0" encoding="…"?>`) at the start counts too.
 *
 * A declared UTF-16 means UTF-8: a document whose markup could be read as
 * ASCII is not UTF-16.  Labels that name no known encoding are skipped.
 *
 * Returns: (transfer full) (nullable): the encoding's name, as
 *   [func@Nf.charset_normalize_label] gives it, or %NULL if none is declared
 */
char *
nf_charset_sniff_meta (const guint8 *data,
                       gsize         length)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    return NULL;

  return g_strdup (prescan (data, length));
}

/* ------------------------------------------------------------------ */
/* Decoding                                                            */
/* ------------------------------------------------------------------ */

static gboolean
check_not_binary (const guint8 *data,
                  gsize         length,
                  GError      **error)
{
  gsize probe = MIN (length, BINARY_PROBE);
  gsize controls = 0;

  if (probe == 0)
    return TRUE;

  if (memchr (data, '\0', probe) != NULL)
    {
      g_set_error (error, NF_CHARSET_ERROR, NF_CHARSET_ERROR_BINARY,
                   "looks like binary data, not text (NUL bytes in the first %" G_GSIZE_FORMAT ")",
                   probe);
      return FALSE;
    }

  for (gsize i = 0; i < probe; i++)
    {
      guint8 c = data[i];

      /* tab, newline, form feed, carriage return, and ESC (ISO-2022) */
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b)
        controls++;
    }

  if (controls * 10 > probe)
    {
      g_set_error (error, NF_CHARSET_ERROR, NF_CHARSET_ERROR_BINARY,
                   "looks like binary data, not text (%u%% control bytes in the first %" G_GSIZE_FORMAT ")",
                   (guint) (controls * 100 / probe), probe);
      return FALSE;
    }

  return TRUE;
}

/* How many bytes from @p, an invalid sequence, make one U+FFFD: the
 * "maximal subpart" of the Unicode standard (and WHATWG's decoder), so
 * that a multi-byte character cut short is one U+FFFD, not one a byte. */
static gsize
invalid_sequence_length (const guint8 *p,
                         const guint8 *end)
{
  guint8 lead = p[0];
  guint8 low = 0x80, high = 0xbf;
  gsize needed, length = 1;

  if (lead >= 0xc2 && lead <= 0xdf)
    needed = 1;
  else if (lead >= 0xe0 && lead <= 0xef)
    needed = 2;
  else if (lead >= 0xf0 && lead <= 0xf4)
    needed = 3;
  else
    return 1;

  /* the second byte's range excludes overlong forms and surrogates */
  if (lead == 0xe0)
    low = 0xa0;
  else if (lead == 0xed)
    high = 0x9f;
  else if (lead == 0xf0)
    low = 0x90;
  else if (lead == 0xf4)
    high = 0x8f;

  while (length <= needed && p + length < end &&
         p[length] >= low && p[length] <= high)
    {
      length++;
      low = 0x80;
      high = 0xbf;
    }

  /* a complete sequence would have been valid; never swallow one */
  return length > needed ? 1 : length;
}

#define ASCII_HIGH_BITS G_GUINT64_CONSTANT (0x8080808080808080)
#define ASCII_ONES      G_GUINT64_CONSTANT (0x0101010101010101)

/* TRUE when the eight bytes are ASCII and none is NUL. */
static inline gboolean
word_is_plain_ascii (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, sizeof v);
  return ((v & ASCII_HIGH_BITS) | ((v - ASCII_ONES) & ~v & ASCII_HIGH_BITS)) == 0;
}

gboolean
_nf_utf8_validate (const char  *string,
                   gssize       length,
                   const char **end)
{
  const guint8 *p = (const guint8 *) string;
  const guint8 *stop;

  if (length < 0)
    length = strlen (string);
  stop = p + length;

  while (p < stop)
    {
      const guint8 *span_end;
      const char *valid_end;

      while (p + 8 <= stop && word_is_plain_ascii (p))
        p += 8;
      if (p >= stop)
        break;

      /* Hand the next stretch, up to 64 bytes ending on a character
       * boundary, to GLib's validator, which knows every rule. */
      span_end = MIN (p + 64, stop);
      while (span_end < stop && (*span_end & 0xc0) == 0x80)
        span_end++;
      if (!g_utf8_validate ((const char *) p, span_end - p, &valid_end))
        {
          p = (const guint8 *) valid_end;
          break;
        }
      p = span_end;
    }

  if (end != NULL)
    *end = (const char *) p;
  return p == stop;
}

static char *
repair_utf8 (const guint8 *data,
             gsize         length)
{
  GString *out = g_string_sized_new (length + 16);
  const char *p = (const char *) data;
  const char *end = p + length;

  while (p < end)
    {
      const char *valid_end;

      _nf_utf8_validate (p, end - p, &valid_end);
      g_string_append_len (out, p, valid_end - p);
      p = valid_end;
      if (p < end)
        {
          g_string_append (out, REPLACEMENT_UTF8);
          p += invalid_sequence_length ((const guint8 *) p, (const guint8 *) end);
        }
    }

  return g_string_free (out, FALSE);
}

/* Copies UTF-8 that may be invalid or hold NULs, replacing every bad
 * sequence and every NUL with U+FFFD.  Documents repair the strings they
 * are given with it too, so that a string reads the same whichever way
 * it came in. */
char *
_nf_utf8_make_valid (const char *string,
                     gssize      length)
{
  const guint8 *data = (const guint8 *) string;

  if (length < 0)
    length = strlen (string);

  return repair_utf8 (data, length);
}

static char *
decode_utf8 (const guint8 *data,
             gsize         length)
{
  /* the common case: one validation pass (which also rejects NULs) and a copy */
  if (_nf_utf8_validate ((const char *) data, length, NULL))
    return g_strndup ((const char *) data, length);

  return repair_utf8 (data, length);
}

/* windows-1252 is the fallback for everything undeclared, so it is decoded
 * here rather than through iconv: faster, and it cannot be missing. */
static const gunichar windows_1252_high[32] = {
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
  0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
};

static char *
decode_windows_1252 (const guint8 *data,
                     gsize         length)
{
  /* every byte becomes at most 3 bytes of UTF-8 */
  char *out = g_malloc (length * 3 + 1);
  char *o = out;

  for (gsize i = 0; i < length; i++)
    {
      guint8 c = data[i];

      if (c == 0)
        {
          memcpy (o, REPLACEMENT_UTF8, 3);
          o += 3;
        }
      else if (c < 0x80)
        *o++ = c;
      else if (c < 0xa0)
        o += g_unichar_to_utf8 (windows_1252_high[c - 0x80], o);
      else
        o += g_unichar_to_utf8 (c, o);
    }
  *o = '\0';

  return g_realloc (out, o - out + 1);
}

/* Replaces the NULs that a conversion let through (iconv passes them on). */
static char *
replace_nuls (char  *text,
              gsize  length)
{
  GString *out;

  if (memchr (text, '\0', length) == NULL)
    return text;

  out = g_string_sized_new (length + 16);
  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\0')
        g_string_append (out, REPLACEMENT_UTF8);
      else
        g_string_append_c (out, text[i]);
    }
  g_free (text);

  return g_string_free (out, FALSE);
}

static void
grow_output (char  **out,
             gsize  *capacity,
             char  **o,
             gsize  *o_left)
{
  gsize used = *o - *out;

  *capacity = *capacity * 2 + 16;
  *out = g_realloc (*out, *capacity);
  *o = *out + used;
  *o_left = *capacity - used - 1;   /* room for the final NUL */
}

static void
append_replacement (char  **out,
                    gsize  *capacity,
                    char  **o,
                    gsize  *o_left)
{
  while (*o_left < 3)
    grow_output (out, capacity, o, o_left);
  memcpy (*o, REPLACEMENT_UTF8, 3);
  *o += 3;
  *o_left -= 3;
}

static char *
decode_with_iconv (const guint8 *data,
                   gsize         length,
                   const char   *name,
                   GError      **error)
{
  const char *iconv_name = iconv_name_for (name);
  GIConv cd;
  char *in = (char *) data;
  gsize in_left = length;
  gsize capacity = length * 2 + 16;
  char *out = g_malloc (capacity);
  char *o = out;
  gsize o_left = capacity - 1;

  cd = g_iconv_open ("UTF-8", iconv_name);
  if (cd == (GIConv) -1)
    {
      g_free (out);
      g_set_error (error, NF_CHARSET_ERROR, NF_CHARSET_ERROR_UNSUPPORTED,
                   "cannot convert from charset “%s” to UTF-8 on this system", name);
      return NULL;
    }

  while (in_left > 0)
    {
      if (g_iconv (cd, &in, &in_left, &o, &o_left) != (gsize) -1)
        continue;

      switch (errno)
        {
        case E2BIG:
          grow_output (&out, &capacity, &o, &o_left);
          break;

        case EINVAL:
          /* a sequence cut short by the end of the data */
          append_replacement (&out, &capacity, &o, &o_left);
          in_left = 0;
          break;

        case EILSEQ:
        default:
          /* invalid or unconvertible: skip one byte, so that the loop
           * always moves on */
          append_replacement (&out, &capacity, &o, &o_left);
          in++;
          in_left--;
          break;
        }
    }

  /* return stateful encodings (ISO-2022-JP) to their initial state */
  while (g_iconv (cd, NULL, NULL, &o, &o_left) == (gsize) -1 && errno == E2BIG)
    grow_output (&out, &capacity, &o, &o_left);

  g_iconv_close (cd);
  *o = '\0';

  return replace_nuls (out, o - out);
}

static char *
decode_as (const guint8 *data,
           gsize         length,
           const char   *name,
           GError      **error)
{
  if (strcmp (name, "utf-8") == 0)
    return decode_utf8 (data, length);
  if (strcmp (name, "windows-1252") == 0)
    return decode_windows_1252 (data, length);

  return decode_with_iconv (data, length, name, error);
}

static const char *
sniff_bom (const guint8 *data,
           gsize         length,
           gsize        *bom_length)
{
  if (length >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf)
    {
      *bom_length = 3;
      return "utf-8";
    }
  if (length >= 2 && data[0] == 0xff && data[1] == 0xfe)
    {
      *bom_length = 2;
      return "utf-16le";
    }
  if (length >= 2 && data[0] == 0xfe && data[1] == 0xff)
    {
      *bom_length = 2;
      return "utf-16be";
    }

  *bom_length = 0;
  return NULL;
}

static gboolean
content_type_is_markup (const char *content_type)
{
  g_autofree char *lower = g_ascii_strdown (content_type, -1);
  char *semicolon = strchr (lower, ';');

  if (semicolon != NULL)
    *semicolon = '\0';

  return strstr (lower, "html") != NULL || strstr (lower, "xml") != NULL;
}

static gboolean
looks_like_markup (const guint8 *data,
                   gsize         length)
{
  gsize i = 0;

  while (i < length && i < SNIFF_LIMIT && is_html_space (data[i]))
    i++;

  return i < length && data[i] == '<';
}

/* The charset parameter of a Content-Type header: `text/html; charset=koi8-r` */
static const char *
charset_from_content_type (const char *content_type,
                           gsize      *out_length)
{
  g_autofree char *lower = g_ascii_strdown (content_type, -1);
  const char *parameters = strchr (lower, ';');
  const char *label;

  if (parameters == NULL)
    return NULL;

  label = charset_from_content (parameters, out_length);
  if (label == NULL)
    return NULL;

  return content_type + (label - lower);
}

static const char *
detect_charset (const guint8 *data,
                gsize         length)
{
  uchardet_t detector = uchardet_new ();
  const char *result = NULL;
  const char *guess;

  if (uchardet_handle_data (detector, (const char *) data, MIN (length, DETECT_LIMIT)) == 0)
    {
      uchardet_data_end (detector);
      guess = uchardet_get_charset (detector);

      /* uchardet answers "" when it is not sure */
      if (guess != NULL && *guess != '\0')
        {
          result = lookup_label (guess, strlen (guess));

          if (result == NULL)
            {
              /* a charset the WHATWG table leaves out (IBM855, EUC-TW…):
               * keep it if iconv can convert it */
              g_autofree char *lower = g_ascii_strdown (guess, -1);
              GIConv cd = g_iconv_open ("UTF-8", guess);

              if (cd != (GIConv) -1)
                {
                  g_iconv_close (cd);
                  result = g_intern_string (lower);
                }
            }
        }
    }

  uchardet_delete (detector);

  return result;
}

/**
 * nf_decode_text:
 * @data: (array length=length) (element-type guint8) (nullable): the bytes
 * @length: the length of @data
 * @declared_charset: (nullable): the charset the bytes came with, as the
 *   `charset` parameter of an HTTP `Content-Type` header
 * @content_type: (nullable): the media type of the bytes, as `text/html`
 * @out_charset: (out) (optional) (transfer full): the name of the charset
 *   used, as `windows-1251`
 * @out_source: (out) (optional): where that charset was found
 * @error: return location for a #GError
 *
 * Turns bytes into UTF-8 text: the one routine every element that reads
 * bytes uses.  The charset is the first of:
 *
 * 1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
 * 2. @declared_charset, or else a `charset` parameter of @content_type;
 * 3. for HTML and XML (by @content_type, or when it is %NULL, by the bytes
 *    starting with `<`), a declaration in the document, found by
 *    [func@Nf.charset_sniff_meta];
 * 4. UTF-8, if the bytes are valid UTF-8;
 * 5. statistical detection (uchardet), if it is sure;
 * 6. windows-1252.
 *
 * Labels name charsets as [func@Nf.charset_normalize_label] reads them; an
 * unknown label is skipped, not an error.
 *
 * Bad bytes never fail the conversion: every invalid or unconvertible
 * sequence, and every NUL, becomes U+FFFD REPLACEMENT CHARACTER, so the
 * result is always valid UTF-8 without NULs.  What fails is data that is
 * not text at all: if the first 8192 bytes (after a byte order mark) hold
 * a NUL or more than 10% control bytes other than tab, newline, carriage
 * return, form feed and escape, the function fails with
 * %NF_CHARSET_ERROR_BINARY.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL with @error set
 */
char *
nf_decode_text (const guint8     *data,
                gsize             length,
                const char       *declared_charset,
                const char       *content_type,
                char            **out_charset,
                NfCharsetSource  *out_source,
                GError          **error)
{
  const char *charset = NULL;
  NfCharsetSource source = NF_CHARSET_SOURCE_DEFAULT;
  gsize bom_length;
  char *text;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == 0)
    {
      charset = "utf-8";
      source = NF_CHARSET_SOURCE_DETECTED;
      text = g_strdup ("");
      goto out;
    }

  if ((charset = sniff_bom (data, length, &bom_length)) != NULL)
    {
      source = NF_CHARSET_SOURCE_BOM;
      data += bom_length;
      length -= bom_length;
    }

  if (charset == NULL && declared_charset != NULL)
    {
      if ((charset = lookup_label (declared_charset, strlen (declared_charset))) != NULL)
        source = NF_CHARSET_SOURCE_DECLARED;
    }
  if (charset == NULL && content_type != NULL)
    {
      const char *label;
      gsize label_length;

      if ((label = charset_from_content_type (content_type, &label_length)) != NULL &&
          (charset = lookup_label (label, label_length)) != NULL)
        source = NF_CHARSET_SOURCE_DECLARED;
    }

  /* UTF-16 text is full of NULs and control bytes by nature */
  if (charset == NULL || !is_utf16 (charset))
    {
      if (!check_not_binary (data, length, error))
        return NULL;
    }

  if (charset == NULL &&
      (content_type != NULL ? content_type_is_markup (content_type)
                            : looks_like_markup (data, length)))
    {
      if ((charset = prescan (data, length)) != NULL)
        source = NF_CHARSET_SOURCE_META;
    }

  if (charset == NULL && _nf_utf8_validate ((const char *) data, length, NULL))
    {
      charset = "utf-8";
      source = NF_CHARSET_SOURCE_DETECTED;
      text = g_strndup ((const char *) data, length);
      goto out;
    }

  if (charset == NULL && (charset = detect_charset (data, length)) != NULL)
    source = NF_CHARSET_SOURCE_DETECTED;

  if (charset == NULL)
    {
      charset = "windows-1252";
      source = NF_CHARSET_SOURCE_DEFAULT;
    }

  text = decode_as (data, length, charset, error);
  if (text == NULL)
    return NULL;

out:
  if (out_charset != NULL)
    *out_charset = g_strdup (charset);
  if (out_source != NULL)
    *out_source = source;

  return text;
}

/**
 * nf_decode_bytes:
 * @bytes: the bytes
 * @declared_charset: (nullable): the charset the bytes came with, as the
 *   `charset` parameter of an HTTP `Content-Type` header
 * @content_type: (nullable): the media type of the bytes, as `text/html`
 * @out_charset: (out) (optional) (transfer full): the name of the charset used
 * @error: return location for a #GError
 *
 * Turns a #GBytes into UTF-8 text; see [func@Nf.decode_text].
 *
 * Returns: (transfer full) (nullable): the text, or %NULL with @error set
 */
char *
nf_decode_bytes (GBytes      *bytes,
                 const char  *declared_charset,
                 const char  *content_type,
                 char       **out_charset,
                 GError     **error)
{
  gsize length;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);

  return nf_decode_text (data, length, declared_charset, content_type,
                         out_charset, NULL, error);
}
