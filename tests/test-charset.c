/* test-charset.c: bytes to text (nf_decode_text and its helpers)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <newsfilter.h>

/* Fixtures are byte strings written with escapes, so that the test shows
 * exactly which bytes go in. */

typedef struct {
  char            *text;
  char            *charset;
  NfCharsetSource  source;
  GError          *error;
} Decoded;

static void
decoded_clear (Decoded *d)
{
  g_free (d->text);
  g_free (d->charset);
  g_clear_error (&d->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Decoded, decoded_clear)

static void
decode (Decoded    *d,
        const char *data,
        gsize       length,
        const char *declared,
        const char *content_type)
{
  memset (d, 0, sizeof *d);
  d->source = (NfCharsetSource) -1;
  d->text = nf_decode_text ((const guint8 *) data, length, declared, content_type,
                            &d->charset, &d->source, &d->error);
}

/* decode a string literal, without its terminating NUL */
#define DECODE(d, literal, declared, content_type) \
  decode ((d), (literal), sizeof (literal) - 1, (declared), (content_type))

static void
assert_decoded (Decoded         *d,
                const char      *text,
                const char      *charset,
                NfCharsetSource  source)
{
  g_assert_no_error (d->error);
  g_assert_nonnull (d->text);
  g_assert_true (g_utf8_validate (d->text, -1, NULL));
  g_assert_cmpstr (d->text, ==, text);
  g_assert_cmpstr (d->charset, ==, charset);
  g_assert_cmpint (d->source, ==, source);
}

/* "Привет, мир!" in windows-1251 */
#define HELLO_1251 "\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0!"
#define HELLO_RU   "Привет, мир!"

static void
test_meta_charset_windows_1251 (void)
{
  g_auto(Decoded) d;

  DECODE (&d,
          "<!DOCTYPE html>\n<html><head><meta charset=\"windows-1251\">"
          "<title>" HELLO_1251 "</title></head></html>",
          NULL, "text/html");
  assert_decoded (&d,
                  "<!DOCTYPE html>\n<html><head><meta charset=\"windows-1251\">"
                  "<title>" HELLO_RU "</title></head></html>",
                  "windows-1251", NF_CHARSET_SOURCE_META);
}

static void
test_meta_without_content_type (void)
{
  g_auto(Decoded) d;

  /* no content type: the leading '<' says markup */
  DECODE (&d, "  \n<html><meta charset=windows-1251><p>" HELLO_1251, NULL, NULL);
  assert_decoded (&d, "  \n<html><meta charset=windows-1251><p>" HELLO_RU,
                  "windows-1251", NF_CHARSET_SOURCE_META);
}

static void
test_http_equiv_iso_8859_2 (void)
{
  g_auto(Decoded) d;

  /* "Zażółć gęślą jaźń" in ISO-8859-2; content before http-equiv,
   * upper case, an unquoted value */
  DECODE (&d,
          "<HTML><HEAD><META CONTENT=\"text/html; charset=ISO-8859-2\" "
          "HTTP-EQUIV=Content-Type></HEAD><BODY>"
          "Za\xbf\xf3\xb3\xe6 g\xea\xb6l\xb1 ja\xbc\xf1</BODY></HTML>",
          NULL, "text/html");
  assert_decoded (&d,
                  "<HTML><HEAD><META CONTENT=\"text/html; charset=ISO-8859-2\" "
                  "HTTP-EQUIV=Content-Type></HEAD><BODY>"
                  "Zażółć gęślą jaźń</BODY></HTML>",
                  "iso-8859-2", NF_CHARSET_SOURCE_META);
}

static void
test_declared_shift_jis (void)
{
  g_auto(Decoded) d;

  /* "日本語のニュース" in Shift_JIS, known only from the HTTP header */
  DECODE (&d, "\x93\xfa\x96\x7b\x8c\xea\x82\xcc\x83\x6a\x83\x85\x81\x5b\x83\x58",
          "Shift_JIS", "text/plain");
  assert_decoded (&d, "日本語のニュース", "shift_jis", NF_CHARSET_SOURCE_DECLARED);
}

static void
test_declared_in_content_type (void)
{
  g_auto(Decoded) d;

  DECODE (&d, HELLO_1251, NULL, "text/plain; charset=\"windows-1251\"");
  assert_decoded (&d, HELLO_RU, "windows-1251", NF_CHARSET_SOURCE_DECLARED);
}

static void
test_declared_beats_meta (void)
{
  g_auto(Decoded) d;

  /* "Привет" in KOI8-R */
  DECODE (&d, "<meta charset=\"windows-1251\"><p>\xf0\xd2\xc9\xd7\xc5\xd4", "koi8-r", "text/html");
  assert_decoded (&d, "<meta charset=\"windows-1251\"><p>Привет", "koi8-r",
                  NF_CHARSET_SOURCE_DECLARED);
}

static void
test_unknown_declared_label_ignored (void)
{
  g_auto(Decoded) d;

  DECODE (&d, "Grüße", "x-no-such-charset", NULL);
  assert_decoded (&d, "Grüße", "utf-8", NF_CHARSET_SOURCE_DETECTED);
}

static void
test_utf8_bom (void)
{
  g_auto(Decoded) d;

  /* the BOM wins over a declared charset, and is not part of the text */
  DECODE (&d, "\xef\xbb\xbf" "Caf\xc3\xa9", "windows-1252", "text/plain");
  assert_decoded (&d, "Café", "utf-8", NF_CHARSET_SOURCE_BOM);
}

static void
test_utf16le_bom (void)
{
  g_auto(Decoded) d;

  /* "Hi, мир 😀" in UTF-16LE: NULs and all, yet text */
  DECODE (&d, "\xff\xfe" "H\0i\0,\0 \0\x3c\x04\x38\x04\x40\x04 \0\x3d\xd8\x00\xde", NULL, NULL);
  assert_decoded (&d, "Hi, мир 😀", "utf-16le", NF_CHARSET_SOURCE_BOM);
}

static void
test_utf16be_bom (void)
{
  g_auto(Decoded) d;

  DECODE (&d, "\xfe\xff" "\0O\0k\x04\x3a", NULL, NULL);
  assert_decoded (&d, "Okк", "utf-16be", NF_CHARSET_SOURCE_BOM);
}

static void
test_plain_utf8 (void)
{
  g_auto(Decoded) d;

  DECODE (&d, "Grüße aus Köln — Привет 😀\n", NULL, NULL);
  assert_decoded (&d, "Grüße aus Köln — Привет 😀\n", "utf-8", NF_CHARSET_SOURCE_DETECTED);
}

static void
test_undeclared_latin1 (void)
{
  g_auto(Decoded) d;

  /* French in ISO-8859-1 and no declaration: uchardet finds a Latin
   * charset, whose label means windows-1252 */
  DECODE (&d, "Le caf\xe9 est tr\xe8s bon, d\xe9j\xe0 l'\xe9t\xe9.", NULL, "text/plain");
  assert_decoded (&d, "Le café est très bon, déjà l'été.", "windows-1252",
                  NF_CHARSET_SOURCE_DETECTED);
}

static void
test_undeclared_windows_1251 (void)
{
  g_auto(Decoded) d;

  /* "Вчера в Москве прошла встреча министров иностранных дел." */
  DECODE (&d,
          "\xc2\xf7\xe5\xf0\xe0 \xe2 \xcc\xee\xf1\xea\xe2\xe5 \xef\xf0\xee\xf8\xeb\xe0 "
          "\xe2\xf1\xf2\xf0\xe5\xf7\xe0 \xec\xe8\xed\xe8\xf1\xf2\xf0\xee\xe2 "
          "\xe8\xed\xee\xf1\xf2\xf0\xe0\xed\xed\xfb\xf5 \xe4\xe5\xeb.",
          NULL, NULL);
  assert_decoded (&d, "Вчера в Москве прошла встреча министров иностранных дел.",
                  "windows-1251", NF_CHARSET_SOURCE_DETECTED);
}

static void
test_default_windows_1252 (void)
{
  g_auto(Decoded) d;

  /* three letters are too little for the detector to say anything:
   * windows-1252 is assumed */
  DECODE (&d, "\xe4\xf6\xfc", NULL, "text/plain");
  assert_decoded (&d, "äöü", "windows-1252", NF_CHARSET_SOURCE_DEFAULT);

  /* curly quotes are windows-1252's own, and the detector knows them */
  decoded_clear (&d);
  DECODE (&d, "\x93" "a" "\x94", NULL, "text/plain");
  assert_decoded (&d, "“a”", "windows-1252", NF_CHARSET_SOURCE_DETECTED);
}

static void
test_windows_1252_table (void)
{
  g_auto(Decoded) d;

  /* every byte of windows-1252 but the five it leaves undefined */
  DECODE (&d, "\x80\x82\x85\x8c\x99\x9f\xa0\xa9\xff \x81", "latin1", NULL);
  assert_decoded (&d, "€‚…Œ™Ÿ\u00a0©ÿ \ufffd", "windows-1252", NF_CHARSET_SOURCE_DECLARED);
}

static void
test_invalid_utf8_replaced (void)
{
  g_auto(Decoded) d;

  /* a stray byte, a truncated 3-byte character (one U+FFFD, as WHATWG
   * says), an overlong form and a surrogate (one U+FFFD a byte) */
  DECODE (&d, "ab\xff" "cd\xe2\x82" "e\xc0\xaf" "f\xed\xa0\x80" "g\xe2\x82", "utf-8", NULL);
  assert_decoded (&d, "ab\ufffd" "cd\ufffd" "e\ufffd\ufffd" "f\ufffd\ufffd\ufffd" "g\ufffd",
                  "utf-8", NF_CHARSET_SOURCE_DECLARED);
}

static void
test_invalid_multibyte_replaced (void)
{
  g_auto(Decoded) d;

  /* Shift_JIS: an unassigned lead byte and a character cut by the end */
  DECODE (&d, "\x93\xfa\xa0\x96\x7b\x93", "sjis", NULL);
  g_assert_no_error (d.error);
  g_assert_true (g_utf8_validate (d.text, -1, NULL));
  g_assert_true (g_str_has_prefix (d.text, "日"));
  g_assert_true (g_str_has_suffix (d.text, "本\ufffd"));
}

static void
test_iso_2022_jp (void)
{
  g_auto(Decoded) d;

  /* a stateful encoding using ESC, which is no sign of binary data */
  DECODE (&d, "\x1b$BF|K\\8l\x1b(B news", "iso-2022-jp", NULL);
  assert_decoded (&d, "日本語 news", "iso-2022-jp", NF_CHARSET_SOURCE_DECLARED);
}

static void
test_binary_nul (void)
{
  g_auto(Decoded) d;

  DECODE (&d, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", NULL, NULL);
  g_assert_null (d.text);
  g_assert_error (d.error, NF_CHARSET_ERROR, NF_CHARSET_ERROR_BINARY);
  g_assert_cmpstr (d.error->message, ==,
                   "looks like binary data, not text (NUL bytes in the first 16)");
}

static void
test_binary_controls (void)
{
  g_auto(Decoded) d;
  char data[100];

  /* 37 control bytes in 100, none of them NUL */
  memset (data, 'x', sizeof data);
  for (guint i = 0; i < 37; i++)
    data[i * 2] = (char) (1 + i % 8);

  decode (&d, data, sizeof data, NULL, NULL);
  g_assert_null (d.text);
  g_assert_error (d.error, NF_CHARSET_ERROR, NF_CHARSET_ERROR_BINARY);
  g_assert_cmpstr (d.error->message, ==,
                   "looks like binary data, not text (37% control bytes in the first 100)");
}

static void
test_few_controls_are_text (void)
{
  g_auto(Decoded) d;

  /* tab, newline, carriage return, form feed are text; so are a few
   * stray controls (here 1 in 20) */
  DECODE (&d, "a\tb\r\nc\fd\x01" "efghijklm", NULL, NULL);
  assert_decoded (&d, "a\tb\r\nc\fd\x01" "efghijklm", "utf-8", NF_CHARSET_SOURCE_DETECTED);
}

static void
test_nul_after_probe_replaced (void)
{
  g_auto(Decoded) d;
  GString *data = g_string_new (NULL);

  /* a NUL beyond the first 8192 bytes does not make binary data, and
   * does not reach the text */
  for (guint i = 0; i < 1000; i++)
    g_string_append (data, "0123456789");
  g_string_append_len (data, "a\0b", 3);

  decode (&d, data->str, data->len, NULL, NULL);
  g_assert_no_error (d.error);
  g_assert_cmpuint (strlen (d.text), ==, 10000 + 5);
  g_assert_true (g_str_has_suffix (d.text, "a\ufffd" "b"));
  g_string_free (data, TRUE);
}

static void
test_empty (void)
{
  g_auto(Decoded) d;

  decode (&d, "", 0, NULL, NULL);
  assert_decoded (&d, "", "utf-8", NF_CHARSET_SOURCE_DETECTED);

  decoded_clear (&d);
  decode (&d, NULL, 0, "windows-1251", "text/html");
  g_assert_no_error (d.error);
  g_assert_cmpstr (d.text, ==, "");
}

static void
test_meta_after_fake_in_comment (void)
{
  g_auto(Decoded) d;

  /* a commented-out meta, and one inside another tag's attribute value,
   * do not count */
  DECODE (&d,
          "<html><head><!-- <meta charset=\"koi8-r\"> -->"
          "<link title='<meta charset=koi8-u>' href=x>"
          "<meta charset=\"windows-1251\"></head><body>" HELLO_1251,
          NULL, "text/html");
  assert_decoded (&d,
                  "<html><head><!-- <meta charset=\"koi8-r\"> -->"
                  "<link title='<meta charset=koi8-u>' href=x>"
                  "<meta charset=\"windows-1251\"></head><body>" HELLO_RU,
                  "windows-1251", NF_CHARSET_SOURCE_META);
}

static void
test_meta_utf16_means_utf8 (void)
{
  g_auto(Decoded) d;

  DECODE (&d, "<meta charset=\"utf-16\"><p>Köln", NULL, "text/html");
  assert_decoded (&d, "<meta charset=\"utf-16\"><p>Köln", "utf-8", NF_CHARSET_SOURCE_META);
}

static void
test_meta_ignored_for_plain_text (void)
{
  g_auto(Decoded) d;

  /* text/plain is not sniffed: valid UTF-8 stays UTF-8 */
  DECODE (&d, "<meta charset=\"windows-1251\"> Köln", NULL, "text/plain");
  assert_decoded (&d, "<meta charset=\"windows-1251\"> Köln", "utf-8",
                  NF_CHARSET_SOURCE_DETECTED);
}

static void
test_xml_declaration (void)
{
  g_auto(Decoded) d;

  DECODE (&d, "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><title>" HELLO_1251,
          NULL, "application/rss+xml");
  assert_decoded (&d, "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><title>" HELLO_RU,
                  "windows-1251", NF_CHARSET_SOURCE_META);
}

static void
test_decode_bytes (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (HELLO_1251, sizeof HELLO_1251 - 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *charset = NULL;
  g_autofree char *text = NULL;

  text = nf_decode_bytes (bytes, "cp1251", NULL, &charset, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, HELLO_RU);
  g_assert_cmpstr (charset, ==, "windows-1251");
}

static GBytes *
read_fixture (const char *name)
{
  const char *srcdir = g_getenv ("NF_TEST_SRCDIR");
  g_autofree char *path = g_build_filename (srcdir != NULL ? srcdir : ".", "data", "charset",
                                            name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
test_page_fixture (void)
{
  /* a whole page: a commented-out meta, 2 KiB of <head> before the real
   * http-equiv declaration (past HTML5's 1024 bytes, within our 4096) */
  g_autoptr(GBytes) page = read_fixture ("windows-1251-page.html");
  g_autoptr(GBytes) expected = read_fixture ("windows-1251-page.utf8.html");
  g_autoptr(GError) error = NULL;
  g_autofree char *charset = NULL;
  g_autofree char *text = nf_decode_bytes (page, NULL, "text/html", &charset, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (charset, ==, "windows-1251");
  g_assert_cmpstr (text, ==, g_bytes_get_data (expected, NULL));
}

typedef struct {
  const char *label;
  const char *name;
} LabelCase;

static void
test_normalize_label (void)
{
  static const LabelCase cases[] = {
    { "latin1", "windows-1252" },
    { "ISO-8859-1", "windows-1252" },
    { "iso_8859-1:1987", "windows-1252" },
    { "us-ascii", "windows-1252" },
    { "ASCII", "windows-1252" },
    { "windows-1252", "windows-1252" },
    { "  Windows-1251 ", "windows-1251" },
    { "cp1251", "windows-1251" },
    { "\"koi8-r\"", "koi8-r" },
    { "KOI8-U", "koi8-u" },
    { "iso-8859-2", "iso-8859-2" },
    { "latin2", "iso-8859-2" },
    { "iso-8859-9", "windows-1254" },
    { "iso-8859-15", "iso-8859-15" },
    { "Shift_JIS", "shift_jis" },
    { "sjis", "shift_jis" },
    { "x-sjis", "shift_jis" },
    { "windows-31j", "shift_jis" },
    { "EUC-JP", "euc-jp" },
    { "iso-2022-jp", "iso-2022-jp" },
    { "gb2312", "gb18030" },
    { "GBK", "gb18030" },
    { "gb18030", "gb18030" },
    { "big5", "big5" },
    { "euc-kr", "euc-kr" },
    { "ks_c_5601-1987", "euc-kr" },
    { "utf-8", "utf-8" },
    { "UTF8", "utf-8" },
    { "utf-16", "utf-16le" },
    { "utf-16be", "utf-16be" },
    { "x-user-defined", "windows-1252" },
    { "tis-620", "windows-874" },
    { "no-such-charset", NULL },
    { "utf-7", NULL },
    { "", NULL },
    { "   ", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = nf_charset_normalize_label (cases[i].label);

      g_test_message ("label “%s”", cases[i].label);
      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static void
test_sniff_meta_table (void)
{
  static const LabelCase cases[] = {
    { "<meta charset=utf-8>", "utf-8" },
    { "<meta charset='KOI8-R'/>", "koi8-r" },
    { "<meta\tcharset = \"big5\" >", "big5" },
    { "<meta/charset=euc-jp>", "euc-jp" },
    { "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">", "windows-1251" },
    { "<META CONTENT='text/html;charset=koi8-r' HTTP-EQUIV='content-type'>", "koi8-r" },
    { "<meta content=\"text/html; charset = 'iso-8859-2'\" http-equiv=content-type>", "iso-8859-2" },
    /* content without http-equiv does not count */
    { "<meta content=\"text/html; charset=windows-1251\">", NULL },
    { "<meta http-equiv=\"Content-Type\" content=\"text/html\">", NULL },
    /* an unknown label is skipped, the next meta is used */
    { "<meta charset=\"bogus\"><meta charset=\"gbk\">", "gb18030" },
    /* the first of two charset attributes counts */
    { "<meta charset=\"koi8-u\" charset=\"koi8-r\">", "koi8-u" },
    { "<meta charset=\"utf-16le\">", "utf-8" },
    { "<!-- <meta charset=koi8-r> --><meta charset=iso-8859-5>", "iso-8859-5" },
    { "<!--><meta charset=koi8-r>", "koi8-r" },
    { "<!-- unterminated <meta charset=koi8-r>", NULL },
    { "<metadata charset=koi8-r>", NULL },
    { "<div data-x=\"<meta charset=koi8-r>\"><meta charset=latin1>", "windows-1252" },
    { "<?xml version='1.0' encoding='ISO-8859-2'?><feed/>", "iso-8859-2" },
    { "\n <?xml version=\"1.0\" encoding=\"utf-16\"?>", "utf-8" },
    { "<?xml version=\"1.0\"?><html><meta charset=koi8-r>", "koi8-r" },
    { "<p>no declaration</p>", NULL },
    { "", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = nf_charset_sniff_meta ((const guint8 *) cases[i].label,
                                                     strlen (cases[i].label));

      g_test_message ("markup “%s”", cases[i].label);
      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static void
test_sniff_meta_limit (void)
{
  GString *page = g_string_new ("<html><head>");
  g_autofree char *early = NULL;
  g_autofree char *late = NULL;

  /* the meta is looked for in the first 4096 bytes only */
  while (page->len < 4000)
    g_string_append (page, "<link rel=stylesheet href=style.css>\n");
  g_string_append (page, "<meta charset=koi8-r>");
  early = nf_charset_sniff_meta ((const guint8 *) page->str, page->len);
  g_assert_cmpstr (early, ==, "koi8-r");

  g_string_insert (page, 12, "<script>/* a long preamble */</script>\n");
  while (page->len < 4200)
    g_string_insert (page, 12, "<link rel=icon href=icon.png>\n");
  late = nf_charset_sniff_meta ((const guint8 *) page->str, page->len);
  g_assert_null (late);

  g_string_free (page, TRUE);
}

static void
test_garbage_never_fails (void)
{
  /* random bytes, declared in every charset family: never an error other
   * than BINARY, always valid UTF-8 without NULs */
  static const char * const charsets[] = {
    NULL, "utf-8", "windows-1251", "shift_jis", "euc-jp", "iso-2022-jp", "gb18030",
    "big5", "euc-kr", "utf-16le", "utf-16be", "koi8-r",
  };
  GRand *rand = g_rand_new_with_seed (42);
  guint8 data[2048];

  for (gsize c = 0; c < G_N_ELEMENTS (charsets); c++)
    for (guint round = 0; round < 5; round++)
      {
        g_auto(Decoded) d;

        for (gsize i = 0; i < sizeof data; i++)
          {
            guint32 r = g_rand_int (rand);

            /* mostly high bytes, few controls, so that most of it is "text" */
            data[i] = r % 8 == 0 ? 0x20 + r % 0x60 : 0x80 + (r >> 8) % 0x80;
          }

        decode (&d, (const char *) data, sizeof data, charsets[c], NULL);
        g_assert_no_error (d.error);
        g_assert_nonnull (d.text);
        g_assert_true (g_utf8_validate (d.text, -1, NULL));
      }

  g_rand_free (rand);
}

/* The validator checks eight ASCII bytes at a time and hands the rest to
 * GLib in stretches: a bad byte must be found wherever it falls, before,
 * inside or across those words and stretches. */
static void
test_bad_byte_at_every_position (void)
{
  for (guint length = 1; length < 150; length += 7)
    for (guint bad = 0; bad < length; bad++)
      {
        g_autoptr(GString) input = g_string_new (NULL);
        g_autoptr(GString) expected = g_string_new (NULL);
        g_autofree char *text = NULL;
        g_autoptr(GError) error = NULL;

        for (guint i = 0; i < length; i++)
          {
            /* a mix of ASCII and two-byte letters (é) */
            if (i == bad)
              {
                g_string_append_c (input, '\xff');
                g_string_append (expected, "\xef\xbf\xbd");
              }
            else if (i % 11 == 5)
              {
                g_string_append (input, "\xc3\xa9");
                g_string_append (expected, "\xc3\xa9");
              }
            else
              {
                g_string_append_c (input, 'a' + i % 26);
                g_string_append_c (expected, 'a' + i % 26);
              }
          }
        text = nf_decode_text ((const guint8 *) input->str, input->len, "utf-8", "text/plain",
                               NULL, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (text, ==, expected->str);
      }
}

static void
test_truncated_sequence_at_end (void)
{
  /* 70 ASCII bytes, then the first two bytes of a three-byte character */
  g_autoptr(GString) input = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < 70; i++)
    g_string_append_c (input, 'x');
  g_string_append (input, "\xe2\x82");
  text = nf_decode_text ((const guint8 *) input->str, input->len, "utf-8", NULL, NULL, NULL, NULL);
  g_assert_true (g_str_has_suffix (text, "x\xef\xbf\xbd"));
  g_assert_cmpuint (strlen (text), ==, 73);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();

  g_test_add_func ("/charset/meta/windows-1251", test_meta_charset_windows_1251);
  g_test_add_func ("/charset/meta/no-content-type", test_meta_without_content_type);
  g_test_add_func ("/charset/meta/http-equiv-iso-8859-2", test_http_equiv_iso_8859_2);
  g_test_add_func ("/charset/meta/after-fake-in-comment", test_meta_after_fake_in_comment);
  g_test_add_func ("/charset/meta/utf-16-means-utf-8", test_meta_utf16_means_utf8);
  g_test_add_func ("/charset/meta/not-for-plain-text", test_meta_ignored_for_plain_text);
  g_test_add_func ("/charset/meta/xml-declaration", test_xml_declaration);
  g_test_add_func ("/charset/declared/shift-jis", test_declared_shift_jis);
  g_test_add_func ("/charset/declared/content-type-parameter", test_declared_in_content_type);
  g_test_add_func ("/charset/declared/beats-meta", test_declared_beats_meta);
  g_test_add_func ("/charset/declared/unknown-label-ignored", test_unknown_declared_label_ignored);
  g_test_add_func ("/charset/declared/iso-2022-jp", test_iso_2022_jp);
  g_test_add_func ("/charset/bom/utf-8", test_utf8_bom);
  g_test_add_func ("/charset/bom/utf-16le", test_utf16le_bom);
  g_test_add_func ("/charset/bom/utf-16be", test_utf16be_bom);
  g_test_add_func ("/charset/detect/plain-utf-8", test_plain_utf8);
  g_test_add_func ("/charset/detect/latin1", test_undeclared_latin1);
  g_test_add_func ("/charset/detect/windows-1251", test_undeclared_windows_1251);
  g_test_add_func ("/charset/detect/default-windows-1252", test_default_windows_1252);
  g_test_add_func ("/charset/windows-1252-table", test_windows_1252_table);
  g_test_add_func ("/charset/invalid/utf-8", test_invalid_utf8_replaced);
  g_test_add_func ("/charset/invalid/multibyte", test_invalid_multibyte_replaced);
  g_test_add_func ("/charset/invalid/random-bytes", test_garbage_never_fails);
  g_test_add_func ("/charset/binary/nul", test_binary_nul);
  g_test_add_func ("/charset/binary/controls", test_binary_controls);
  g_test_add_func ("/charset/binary/few-controls-are-text", test_few_controls_are_text);
  g_test_add_func ("/charset/nul-after-probe", test_nul_after_probe_replaced);
  g_test_add_func ("/charset/empty", test_empty);
  g_test_add_func ("/charset/decode-bytes", test_decode_bytes);
  g_test_add_func ("/charset/page-fixture", test_page_fixture);
  g_test_add_func ("/charset/normalize-label", test_normalize_label);
  g_test_add_func ("/charset/sniff-meta/table", test_sniff_meta_table);
  g_test_add_func ("/charset/sniff-meta/limit", test_sniff_meta_limit);

  g_test_add_func ("/charset/utf8/bad-byte-everywhere", test_bad_byte_at_every_position);
  g_test_add_func ("/charset/utf8/truncated-at-end", test_truncated_sequence_at_end);
  return g_test_run ();
}
