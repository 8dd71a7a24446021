/* test-value.c: property values to and from strings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include <newsfilter.h>

/* G_DEFINE_*_TYPE define these without a prototype */
GType test_method_get_type (void);
GType test_option_get_type (void);
GType test_bit_get_type (void);
GType test_point_get_type (void);
GType test_element_get_type (void);


typedef enum {
  TEST_METHOD_LEAD = 0,
  TEST_METHOD_TEXTRANK = 1,
  TEST_METHOD_LEXRANK = 5,
} TestMethod;

G_DEFINE_ENUM_TYPE (TestMethod, test_method,
  G_DEFINE_ENUM_VALUE (TEST_METHOD_LEAD, "lead"),
  G_DEFINE_ENUM_VALUE (TEST_METHOD_TEXTRANK, "textrank"),
  G_DEFINE_ENUM_VALUE (TEST_METHOD_LEXRANK, "lexrank"))

typedef enum {
  TEST_OPTION_NONE   = 0,
  TEST_OPTION_TRIM   = 1 << 0,
  TEST_OPTION_LOWER  = 1 << 1,
  TEST_OPTION_ASCII  = 1 << 3,
} TestOption;

G_DEFINE_FLAGS_TYPE (TestOption, test_option,
  G_DEFINE_ENUM_VALUE (TEST_OPTION_NONE, "none"),
  G_DEFINE_ENUM_VALUE (TEST_OPTION_TRIM, "trim"),
  G_DEFINE_ENUM_VALUE (TEST_OPTION_LOWER, "lower"),
  G_DEFINE_ENUM_VALUE (TEST_OPTION_ASCII, "ascii"))

typedef enum {
  TEST_BIT_A = 1 << 0,
  TEST_BIT_B = 1 << 1,
} TestBit;

G_DEFINE_FLAGS_TYPE (TestBit, test_bit,
  G_DEFINE_ENUM_VALUE (TEST_BIT_A, "a"),
  G_DEFINE_ENUM_VALUE (TEST_BIT_B, "b"))

/* A boxed type GLib can convert from and to a string, for the fallback to
 * g_value_transform(). */
typedef struct { int x, y; } TestPoint;

static TestPoint *
test_point_copy (const TestPoint *point)
{
  return g_memdup2 (point, sizeof *point);
}

G_DEFINE_BOXED_TYPE (TestPoint, test_point, test_point_copy, g_free)

static void
point_from_string (const GValue *src, GValue *dest)
{
  TestPoint point = { 0, 0 };

  if (sscanf (g_value_get_string (src), "%d:%d", &point.x, &point.y) == 2)
    g_value_set_boxed (dest, &point);
}

static void
point_to_string (const GValue *src, GValue *dest)
{
  const TestPoint *point = g_value_get_boxed (src);

  g_value_take_string (dest, point ? g_strdup_printf ("%d:%d", point->x, point->y) : NULL);
}

/* pspecs of every type, made once */
static GParamSpec *ps_string, *ps_string_def, *ps_bool, *ps_bool_true, *ps_char, *ps_uchar;
static GParamSpec *ps_int, *ps_uint, *ps_long, *ps_ulong, *ps_int64, *ps_uint64;
static GParamSpec *ps_float, *ps_double, *ps_enum, *ps_flags, *ps_bits, *ps_strv;
static GParamSpec *ps_unichar, *ps_point, *ps_object, *ps_size;

static void
make_pspecs (void)
{
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  ps_string = g_param_spec_string ("text", NULL, NULL, NULL, rw);
  ps_string_def = g_param_spec_string ("label", NULL, NULL, "hello", rw);
  ps_bool = g_param_spec_boolean ("enabled", NULL, NULL, FALSE, rw);
  ps_bool_true = g_param_spec_boolean ("verbose", NULL, NULL, TRUE, rw);
  ps_char = g_param_spec_char ("quote", NULL, NULL, G_MININT8, G_MAXINT8, '"', rw);
  ps_uchar = g_param_spec_uchar ("byte", NULL, NULL, 0, 200, 7, rw);
  ps_int = g_param_spec_int ("level", NULL, NULL, -10, 10, 0, rw);
  ps_uint = g_param_spec_uint ("threads", NULL, NULL, 0, 64, 0, rw);
  ps_long = g_param_spec_long ("offset", NULL, NULL, G_MINLONG, G_MAXLONG, 0, rw);
  ps_ulong = g_param_spec_ulong ("count", NULL, NULL, 0, G_MAXULONG, 0, rw);
  ps_int64 = g_param_spec_int64 ("big", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
  ps_uint64 = g_param_spec_uint64 ("max-size", NULL, NULL, 0, G_MAXUINT64, 0, rw);
  ps_size = g_param_spec_uint64 ("limit", NULL, NULL, 1024, 1024 * 1024, 4096, rw);
  ps_float = g_param_spec_float ("scale", NULL, NULL, -1, 1, 0.5f, rw);
  ps_double = g_param_spec_double ("ratio", NULL, NULL, 0, 1, 0.25, rw);
  ps_enum = g_param_spec_enum ("mode", NULL, NULL, test_method_get_type (), TEST_METHOD_LEAD, rw);
  ps_flags = g_param_spec_flags ("options", NULL, NULL, test_option_get_type (),
                                 TEST_OPTION_TRIM | TEST_OPTION_LOWER, rw);
  ps_bits = g_param_spec_flags ("bits", NULL, NULL, test_bit_get_type (), 0, rw);
  ps_strv = g_param_spec_boxed ("words", NULL, NULL, G_TYPE_STRV, rw);
  ps_unichar = g_param_spec_unichar ("mark", NULL, NULL, 0x00B6, rw);
  ps_point = g_param_spec_boxed ("point", NULL, NULL, test_point_get_type (), rw);
  ps_object = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, rw);

  g_value_register_transform_func (G_TYPE_STRING, test_point_get_type (), point_from_string);
  g_value_register_transform_func (test_point_get_type (), G_TYPE_STRING, point_to_string);
}

/* Converts @string for @pspec and checks what nf_value_to_string() makes of
 * the result, and that it reads back to the same value. */
static void
assert_converts (GParamSpec *pspec,
                 const char *string,
                 const char *expected)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) again = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_test_message ("%s=%s", pspec->name, string);
  g_assert_true (nf_value_from_string (&value, pspec, string, &error));
  g_assert_no_error (error);
  g_assert_true (G_VALUE_HOLDS (&value, pspec->value_type));

  text = nf_value_to_string (&value);
  g_assert_cmpstr (text, ==, expected);

  g_assert_true (nf_value_from_string (&again, pspec, text, &error));
  g_assert_no_error (error);
  if (G_VALUE_HOLDS (&value, G_TYPE_STRV))  /* boxed values compare by pointer */
    g_assert_true (g_strv_equal (g_value_get_boxed (&value), g_value_get_boxed (&again)));
  else
    g_assert_cmpint (g_param_values_cmp (pspec, &value, &again), ==, 0);
}

static void
assert_refuses (GParamSpec *pspec,
                const char *string,
                const char *message)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_test_message ("%s=%s", pspec->name, string);
  g_assert_false (nf_value_from_string (&value, pspec, string, &error));
  g_assert_error (error, NF_PARSE_ERROR, NF_PARSE_ERROR_BAD_VALUE);
  g_assert_cmpstr (error->message, ==, message);
}

static void
assert_to_string (const GValue *value,
                  const char   *expected)
{
  g_autofree char *text = nf_value_to_string (value);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_string (void)
{
  assert_converts (ps_string, "hello", "hello");
  assert_converts (ps_string, "", "");
  assert_converts (ps_string, "a b \"c\" \\ ünï", "a b \"c\" \\ ünï");
  assert_converts (ps_string_def, "12", "12");
}

static void
test_boolean (void)
{
  static const char * const truths[] = { "true", "TRUE", "True", "yes", "YES", "on", "1", NULL };
  static const char * const lies[] = { "false", "FALSE", "no", "No", "off", "0", NULL };

  for (guint i = 0; truths[i] != NULL; i++)
    assert_converts (ps_bool, truths[i], "true");
  for (guint i = 0; lies[i] != NULL; i++)
    assert_converts (ps_bool, lies[i], "false");

  assert_refuses (ps_bool, "maybe",
                  "“maybe” is not a boolean for property “enabled” (use true or false)");
  assert_refuses (ps_bool, "", "“” is not a boolean for property “enabled” (use true or false)");
  assert_refuses (ps_bool, "2", "“2” is not a boolean for property “enabled” (use true or false)");
  assert_refuses (ps_bool, "truth", "“truth” is not a boolean for property “enabled” (use true or false)");
}

static void
test_char (void)
{
  assert_converts (ps_char, "-128", "-128");
  assert_converts (ps_char, "127", "127");
  assert_converts (ps_char, "0", "0");
  assert_converts (ps_char, "x", "120");
  assert_converts (ps_char, ";", "59");
  assert_converts (ps_char, "0x41", "65");
  assert_refuses (ps_char, "128", "value “128” is out of range for property “quote” (-128 to 127)");
  assert_refuses (ps_char, "-129", "value “-129” is out of range for property “quote” (-128 to 127)");
  assert_refuses (ps_char, "ab", "“ab” is not a character or an integer for property “quote”");
  assert_refuses (ps_char, "é", "“é” is not a character or an integer for property “quote”");

  assert_converts (ps_uchar, "0", "0");
  assert_converts (ps_uchar, "200", "200");
  assert_converts (ps_uchar, "A", "65");
  assert_refuses (ps_uchar, "201", "value “201” is out of range for property “byte” (0 to 200)");
  assert_refuses (ps_uchar, "-1", "value “-1” is out of range for property “byte” (0 to 200)");
  assert_refuses (ps_uchar, "", "“” is not a character or an integer for property “byte”");

  assert_converts (ps_unichar, "é", "233");
  assert_converts (ps_unichar, "€", "8364");
  assert_converts (ps_unichar, "1114111", "1114111");
  assert_refuses (ps_unichar, "1114112", "value “1114112” is out of range for property “mark” (0 to 1114111)");
  assert_refuses (ps_unichar, "éé", "“éé” is not a character or an integer for property “mark”");
}

static void
test_int (void)
{
  assert_converts (ps_int, "-10", "-10");
  assert_converts (ps_int, "10", "10");
  assert_converts (ps_int, "+3", "3");
  assert_converts (ps_int, "-0", "0");
  assert_converts (ps_int, "0xA", "10");
  assert_converts (ps_int, "-0x0a", "-10");
  assert_converts (ps_int, "007", "7");
  assert_refuses (ps_int, "11", "value “11” is out of range for property “level” (-10 to 10)");
  assert_refuses (ps_int, "-11", "value “-11” is out of range for property “level” (-10 to 10)");
  assert_refuses (ps_int, "1k", "value “1k” is out of range for property “level” (-10 to 10)");
  assert_refuses (ps_int, "99999999999999999999999",
                  "value “99999999999999999999999” is out of range for property “level” (-10 to 10)");
  assert_refuses (ps_int, "abc", "“abc” is not an integer for property “level”");
  assert_refuses (ps_int, "", "“” is not an integer for property “level”");
  assert_refuses (ps_int, "1.5", "“1.5” is not an integer for property “level”");
  assert_refuses (ps_int, " 1", "“ 1” is not an integer for property “level”");
  assert_refuses (ps_int, "0x", "“0x” is not an integer for property “level”");
  assert_refuses (ps_int, "--1", "“--1” is not an integer for property “level”");
  assert_refuses (ps_int, "5kk", "“5kk” is not an integer for property “level”");

  assert_converts (ps_uint, "0", "0");
  assert_converts (ps_uint, "64", "64");
  assert_converts (ps_uint, "0x40", "64");
  assert_refuses (ps_uint, "65", "value “65” is out of range for property “threads” (0 to 64)");
  assert_refuses (ps_uint, "-3", "value “-3” is out of range for property “threads” (0 to 64)");
  assert_refuses (ps_uint, "four", "“four” is not an integer for property “threads”");
}

static void
test_long (void)
{
  g_autofree char *min = g_strdup_printf ("%ld", G_MINLONG);
  g_autofree char *max = g_strdup_printf ("%ld", G_MAXLONG);
  g_autofree char *umax = g_strdup_printf ("%lu", G_MAXULONG);
  g_autofree char *message = NULL;

  assert_converts (ps_long, min, min);
  assert_converts (ps_long, max, max);
  assert_converts (ps_long, "-1M", "-1048576");
  message = g_strdup_printf ("value “9223372036854775808” is out of range for property “offset” (%s to %s)",
                             min, max);
  if (sizeof (long) == 8)
    assert_refuses (ps_long, "9223372036854775808", message);
  assert_refuses (ps_long, "x1", "“x1” is not an integer for property “offset”");

  assert_converts (ps_ulong, "0", "0");
  assert_converts (ps_ulong, umax, umax);
  assert_converts (ps_ulong, "3G", "3221225472");
  g_clear_pointer (&message, g_free);
  message = g_strdup_printf ("value “-1” is out of range for property “count” (0 to %s)", umax);
  assert_refuses (ps_ulong, "-1", message);
}

static void
test_int64 (void)
{
  assert_converts (ps_int64, "-9223372036854775808", "-9223372036854775808");
  assert_converts (ps_int64, "9223372036854775807", "9223372036854775807");
  assert_converts (ps_int64, "0x7fffffffffffffff", "9223372036854775807");
  assert_converts (ps_int64, "-8G", "-8589934592");
  assert_refuses (ps_int64, "9223372036854775808",
                  "value “9223372036854775808” is out of range for property “big” "
                  "(-9223372036854775808 to 9223372036854775807)");
  assert_refuses (ps_int64, "-9223372036854775809",
                  "value “-9223372036854775809” is out of range for property “big” "
                  "(-9223372036854775808 to 9223372036854775807)");
  assert_refuses (ps_int64, "8589934592G",
                  "value “8589934592G” is out of range for property “big” "
                  "(-9223372036854775808 to 9223372036854775807)");

  assert_converts (ps_uint64, "0", "0");
  assert_converts (ps_uint64, "18446744073709551615", "18446744073709551615");
  assert_converts (ps_uint64, "0xffffffffffffffff", "18446744073709551615");
  assert_refuses (ps_uint64, "18446744073709551616",
                  "value “18446744073709551616” is out of range for property “max-size” "
                  "(0 to 18446744073709551615)");
  assert_refuses (ps_uint64, "-1",
                  "value “-1” is out of range for property “max-size” (0 to 18446744073709551615)");
}

static void
test_size_suffixes (void)
{
  assert_converts (ps_uint64, "1k", "1024");
  assert_converts (ps_uint64, "1K", "1024");
  assert_converts (ps_uint64, "64M", "67108864");
  assert_converts (ps_uint64, "2G", "2147483648");
  assert_converts (ps_uint64, "0x10k", "16384");
  assert_converts (ps_uint64, "16777215G", "18014397435740160");
  assert_refuses (ps_uint64, "17179869184G",
                  "value “17179869184G” is out of range for property “max-size” "
                  "(0 to 18446744073709551615)");
  assert_refuses (ps_uint64, "1T", "“1T” is not an integer for property “max-size”");
  assert_refuses (ps_uint64, "1m", "“1m” is not an integer for property “max-size”");
  assert_refuses (ps_uint64, "k", "“k” is not an integer for property “max-size”");

  /* the pspec's range applies after the suffix */
  assert_converts (ps_size, "1k", "1024");
  assert_converts (ps_size, "1M", "1048576");
  assert_refuses (ps_size, "1023", "value “1023” is out of range for property “limit” (1024 to 1048576)");
  assert_refuses (ps_size, "1025k", "value “1025k” is out of range for property “limit” (1024 to 1048576)");
}

static void
test_float (void)
{
  assert_converts (ps_float, "0.5", "0.5");
  assert_converts (ps_float, "-1", "-1");
  assert_converts (ps_float, "1", "1");
  assert_converts (ps_float, "0.1", "0.1");
  assert_converts (ps_float, "1e-3", "0.001");
  assert_converts (ps_float, ".25", "0.25");
  assert_refuses (ps_float, "1.0001", "value “1.0001” is out of range for property “scale” (-1 to 1)");
  assert_refuses (ps_float, "-2", "value “-2” is out of range for property “scale” (-1 to 1)");
  assert_refuses (ps_float, "inf", "value “inf” is out of range for property “scale” (-1 to 1)");
  assert_refuses (ps_float, "nan", "“nan” is not a number for property “scale”");
  assert_refuses (ps_float, "0,5", "“0,5” is not a number for property “scale”");
  assert_refuses (ps_float, "", "“” is not a number for property “scale”");

  assert_converts (ps_double, "0", "0");
  assert_converts (ps_double, "1", "1");
  assert_converts (ps_double, "0.1", "0.1");
  assert_converts (ps_double, "0.333333333333333314829616256247", "0.3333333333333333");
  assert_converts (ps_double, "2.5e-1", "0.25");
  assert_refuses (ps_double, "1.5", "value “1.5” is out of range for property “ratio” (0 to 1)");
  assert_refuses (ps_double, "-0.001", "value “-0.001” is out of range for property “ratio” (0 to 1)");
  assert_refuses (ps_double, "half", "“half” is not a number for property “ratio”");
  assert_refuses (ps_double, "1.2.3", "“1.2.3” is not a number for property “ratio”");
}

static void
test_enum (void)
{
  assert_converts (ps_enum, "lead", "lead");
  assert_converts (ps_enum, "textrank", "textrank");
  assert_converts (ps_enum, "TEST_METHOD_LEXRANK", "lexrank");
  assert_converts (ps_enum, "5", "lexrank");
  assert_converts (ps_enum, "0", "lead");
  assert_refuses (ps_enum, "fast",
                  "“fast” is not a valid value for property “mode”; valid values: lead, textrank, lexrank");
  assert_refuses (ps_enum, "2",
                  "“2” is not a valid value for property “mode”; valid values: lead, textrank, lexrank");
  assert_refuses (ps_enum, "Lead",
                  "“Lead” is not a valid value for property “mode”; valid values: lead, textrank, lexrank");
  assert_refuses (ps_enum, "",
                  "“” is not a valid value for property “mode”; valid values: lead, textrank, lexrank");
}

static void
test_flags (void)
{
  g_auto(GValue) value = G_VALUE_INIT;

  assert_converts (ps_flags, "trim", "trim");
  assert_converts (ps_flags, "trim+lower", "trim+lower");
  assert_converts (ps_flags, "lower+trim", "trim+lower");
  assert_converts (ps_flags, "lower|ascii", "lower+ascii");
  assert_converts (ps_flags, "TEST_OPTION_ASCII+trim", "trim+ascii");
  assert_converts (ps_flags, "8", "ascii");
  assert_converts (ps_flags, "3", "trim+lower");
  assert_converts (ps_flags, "0x3+ascii", "trim+lower+ascii");
  assert_converts (ps_flags, "none", "none");
  assert_converts (ps_flags, "0", "none");
  assert_converts (ps_flags, "", "none");
  assert_converts (ps_flags, "trim + lower", "trim+lower");
  assert_refuses (ps_flags, "trim+fold",
                  "“fold” is not a valid flag for property “options”; valid flags: none, trim, lower, ascii");
  assert_refuses (ps_flags, "4",
                  "“4” is not a valid flag for property “options”; valid flags: none, trim, lower, ascii");
  assert_refuses (ps_flags, "trim++lower",
                  "“” is not a valid flag for property “options”; valid flags: none, trim, lower, ascii");

  /* a flags type without a zero value writes 0 as a number */
  assert_converts (ps_bits, "0", "0");
  assert_converts (ps_bits, "a+b", "a+b");

  /* bits no value names are written as a number */
  g_value_init (&value, test_bit_get_type ());
  g_value_set_flags (&value, TEST_BIT_A | 16);
  assert_to_string (&value, "a+16");
}

static void
test_strv (void)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *text = NULL;
  const char *items[] = { "plain", "with, comma", "with \"quotes\"", "back\\slash", " padded ", "", NULL };

  assert_converts (ps_strv, "a,b,c", "a,b,c");
  assert_converts (ps_strv, "a, b ,c", "a,b,c");
  assert_converts (ps_strv, "one", "one");
  assert_converts (ps_strv, "\"a,b\",c", "\"a,b\",c");
  assert_converts (ps_strv, "a\\,b,c", "\"a,b\",c");
  assert_converts (ps_strv, "\" x \"", "\" x \"");
  assert_converts (ps_strv, "\"say \\\"hi\\\"\"", "\"say \\\"hi\\\"\"");
  assert_converts (ps_strv, "a,", "a,\"\"");
  assert_converts (ps_strv, "\"\"", "\"\"");
  assert_converts (ps_strv, "", "");
  assert_converts (ps_strv, "x y,z", "x y,z");
  assert_refuses (ps_strv, "a,\"b",
                  "unterminated quoted item in the list “a,\"b” for property “words”");
  assert_refuses (ps_strv, "\"a\"b",
                  "“\"a\"b” is not a valid list for property “words”: a comma must follow a quoted item");

  /* items as they are parsed */
  g_assert_true (nf_value_from_string (&value, ps_strv, "\"a,b\", c\\,d ,\"e\\\\f\"", NULL));
  g_assert_cmpstrv (g_value_get_boxed (&value), ((const char *[]) { "a,b", "c,d", "e\\f", NULL }));
  g_value_unset (&value);

  /* any list survives a round trip */
  g_value_init (&value, G_TYPE_STRV);
  g_value_set_boxed (&value, items);
  text = nf_value_to_string (&value);
  g_assert_cmpstr (text, ==, "plain,\"with, comma\",\"with \\\"quotes\\\"\",\"back\\\\slash\",\" padded \",\"\"");
  g_value_unset (&value);
  g_assert_true (nf_value_from_string (&value, ps_strv, text, NULL));
  g_assert_cmpstrv (g_value_get_boxed (&value), items);
  g_value_unset (&value);

  /* NULL is the empty list */
  g_value_init (&value, G_TYPE_STRV);
  assert_to_string (&value, "");
}

static void
test_transformable (void)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  const TestPoint *point;

  g_assert_true (nf_value_from_string (&value, ps_point, "3:4", &error));
  g_assert_no_error (error);
  point = g_value_get_boxed (&value);
  g_assert_nonnull (point);
  g_assert_cmpint (point->x, ==, 3);
  g_assert_cmpint (point->y, ==, 4);
  assert_to_string (&value, "3:4");
  g_value_unset (&value);

  assert_refuses (ps_object, "/tmp/x",
                  "cannot convert “/tmp/x” to a value of type “GFile” for property “file”");
}

static void
test_without_pspec (void)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  /* the value's type and its full range */
  g_value_init (&value, G_TYPE_INT);
  g_assert_true (nf_value_from_string (&value, NULL, "-2147483648", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_value_get_int (&value), ==, G_MININT);
  g_assert_false (nf_value_from_string (&value, NULL, "2147483648", &error));
  g_assert_error (error, NF_PARSE_ERROR, NF_PARSE_ERROR_BAD_VALUE);
  g_assert_cmpstr (error->message, ==, "value “2147483648” is out of range (-2147483648 to 2147483647)");
  g_clear_error (&error);
  g_value_unset (&value);

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_assert_false (nf_value_from_string (&value, NULL, "maybe", &error));
  g_assert_cmpstr (error->message, ==, "“maybe” is not a boolean (use true or false)");
  g_clear_error (&error);
  g_value_unset (&value);

  g_value_init (&value, test_method_get_type ());
  g_assert_false (nf_value_from_string (&value, NULL, "fast", &error));
  g_assert_cmpstr (error->message, ==, "“fast” is not a valid value; valid values: lead, textrank, lexrank");
  g_clear_error (&error);
  g_value_unset (&value);

  /* an initialized value of the pspec's type is fine too */
  g_value_init (&value, G_TYPE_UINT);
  g_assert_true (nf_value_from_string (&value, ps_uint, "12", &error));
  g_assert_cmpuint (g_value_get_uint (&value), ==, 12);
}

static void
test_to_string (void)
{
  g_auto(GValue) v = G_VALUE_INIT;

#define CHECK(TYPE, SETTER, ARG, EXPECTED) G_STMT_START { \
    g_value_init (&v, TYPE); SETTER (&v, ARG); \
    assert_to_string (&v, EXPECTED); \
    g_value_unset (&v); } G_STMT_END

  CHECK (G_TYPE_STRING, g_value_set_string, "x y", "x y");
  CHECK (G_TYPE_STRING, g_value_set_string, NULL, "");
  CHECK (G_TYPE_BOOLEAN, g_value_set_boolean, TRUE, "true");
  CHECK (G_TYPE_BOOLEAN, g_value_set_boolean, FALSE, "false");
  CHECK (G_TYPE_CHAR, g_value_set_schar, -5, "-5");
  CHECK (G_TYPE_UCHAR, g_value_set_uchar, 250, "250");
  CHECK (G_TYPE_INT, g_value_set_int, G_MININT, "-2147483648");
  CHECK (G_TYPE_UINT, g_value_set_uint, G_MAXUINT, "4294967295");
  CHECK (G_TYPE_LONG, g_value_set_long, -7, "-7");
  CHECK (G_TYPE_ULONG, g_value_set_ulong, 7, "7");
  CHECK (G_TYPE_INT64, g_value_set_int64, G_MININT64, "-9223372036854775808");
  CHECK (G_TYPE_UINT64, g_value_set_uint64, G_MAXUINT64, "18446744073709551615");
  CHECK (G_TYPE_FLOAT, g_value_set_float, 0.1f, "0.1");
  CHECK (G_TYPE_FLOAT, g_value_set_float, 3.0f, "3");
  CHECK (G_TYPE_DOUBLE, g_value_set_double, 0.1, "0.1");
  CHECK (G_TYPE_DOUBLE, g_value_set_double, 1e300, "1e+300");
  CHECK (G_TYPE_DOUBLE, g_value_set_double, -2.5, "-2.5");
  CHECK (test_method_get_type (), g_value_set_enum, TEST_METHOD_TEXTRANK, "textrank");
  CHECK (test_method_get_type (), g_value_set_enum, 3, "3");
  CHECK (test_option_get_type (), g_value_set_flags, TEST_OPTION_LOWER | TEST_OPTION_ASCII, "lower+ascii");
  CHECK (test_option_get_type (), g_value_set_flags, 0, "none");
#undef CHECK
}

static void
test_describe (void)
{
  static const struct { GParamSpec **pspec; const char *expected; } cases[] = {
    { &ps_string, "String. Default: null" },
    { &ps_string_def, "String. Default: “hello”" },
    { &ps_bool, "Boolean. Default: false" },
    { &ps_bool_true, "Boolean. Default: true" },
    { &ps_char, "Character. Range: -128 - 127 Default: 34" },
    { &ps_uchar, "Unsigned Character. Range: 0 - 200 Default: 7" },
    { &ps_int, "Integer. Range: -10 - 10 Default: 0" },
    { &ps_uint, "Unsigned Integer. Range: 0 - 64 Default: 0" },
    { &ps_int64, "Integer64. Range: -9223372036854775808 - 9223372036854775807 Default: 0" },
    { &ps_uint64, "Unsigned Integer64. Range: 0 - 18446744073709551615 Default: 0" },
    { &ps_size, "Unsigned Integer64. Range: 1024 - 1048576 Default: 4096" },
    { &ps_float, "Float. Range: -1 - 1 Default: 0.5" },
    { &ps_double, "Double. Range: 0 - 1 Default: 0.25" },
    { &ps_enum, "Enum “TestMethod” Default: 0, “lead”" },
    { &ps_flags, "Flags “TestOption” Default: 0x00000003, “trim+lower”" },
    { &ps_strv, "List of strings. Default: null" },
    { &ps_unichar, "Unicode Character. Default: “¶”" },
    { &ps_point, "Boxed pointer of type “TestPoint”" },
    { &ps_object, "Object of type “GFile”" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = nf_param_spec_describe_type (*cases[i].pspec);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* ---- on an element ------------------------------------------------------- */

typedef struct {
  NfFilter parent;
  guint threads;
  TestMethod mode;
  int seed;
} TestElement;
typedef struct { NfFilterClass parent_class; } TestElementClass;
G_DEFINE_TYPE (TestElement, test_element, NF_TYPE_FILTER)

static void
test_element_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  TestElement *self = (TestElement *) object;

  switch (id)
    {
    case 1: self->threads = g_value_get_uint (value); break;
    case 2: self->mode = g_value_get_enum (value); break;
    case 4: self->seed = g_value_get_int (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
test_element_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  TestElement *self = (TestElement *) object;

  switch (id)
    {
    case 1: g_value_set_uint (value, self->threads); break;
    case 2: g_value_set_enum (value, self->mode); break;
    case 3: g_value_set_uint (value, 42); break;
    case 4: g_value_set_int (value, self->seed); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
test_element_class_init (TestElementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->set_property = test_element_set_property;
  object_class->get_property = test_element_get_property;
  g_object_class_install_property (object_class, 1,
    g_param_spec_uint ("threads", "Threads", "Worker threads", 0, 64, 0, rw));
  g_object_class_install_property (object_class, 2,
    g_param_spec_enum ("mode", "Mode", "Method", test_method_get_type (), TEST_METHOD_LEAD, rw));
  g_object_class_install_property (object_class, 3,
    g_param_spec_uint ("documents-seen", "Documents seen", "Read-only", 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, 4,
    g_param_spec_int ("seed", "Seed", "Construct-only", 0, 100, 0, rw | G_PARAM_CONSTRUCT_ONLY));
  nf_element_class_set_metadata (NF_ELEMENT_CLASS (klass), "Value test element",
                                 "Filter/Test", "Has a few properties", "tests");
}

static void
test_element_init (TestElement *self)
{
}

static void
test_element_properties (void)
{
  g_autoptr(NfElement) e = g_object_new (test_element_get_type (), NULL);
  TestElement *element = (TestElement *) e;
  g_autoptr(GError) error = NULL;

  nf_element_set_name (e, "identity0");

  g_assert_true (nf_element_set_property_from_string (e, "threads", "0x10", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (element->threads, ==, 16);
  g_assert_true (nf_element_set_property_from_string (e, "mode", "lexrank", &error));
  g_assert_cmpint (element->mode, ==, TEST_METHOD_LEXRANK);
  g_assert_true (nf_element_set_property_from_string (e, "name", "renamed", &error));
  g_assert_cmpstr (nf_element_get_name (e), ==, "renamed");
  nf_element_set_name (e, "identity0");

  g_assert_false (nf_element_set_property_from_string (e, "threads", "-3", &error));
  g_assert_error (error, NF_PARSE_ERROR, NF_PARSE_ERROR_BAD_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "value “-3” is out of range for property “threads” of “identity0” (0 to 64)");
  g_assert_cmpuint (element->threads, ==, 16);
  g_clear_error (&error);

  g_assert_false (nf_element_set_property_from_string (e, "mode", "fast", &error));
  g_assert_error (error, NF_PARSE_ERROR, NF_PARSE_ERROR_BAD_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "“fast” is not a valid value for property “mode” of “identity0”; "
                   "valid values: lead, textrank, lexrank");
  g_clear_error (&error);

  g_assert_false (nf_element_set_property_from_string (e, "thraeds", "1", &error));
  g_assert_error (error, NF_PARSE_ERROR, NF_PARSE_ERROR_NO_SUCH_PROPERTY);
  g_assert_cmpstr (error->message, ==, "element “identity0” has no property “thraeds”; did you mean “threads”?");
  g_clear_error (&error);

  g_assert_false (nf_element_set_property_from_string (e, "qqqqqqqqqq", "1", &error));
  g_assert_error (error, NF_PARSE_ERROR, NF_PARSE_ERROR_NO_SUCH_PROPERTY);
  g_assert_cmpstr (error->message, ==, "element “identity0” has no property “qqqqqqqqqq”");
  g_clear_error (&error);

  g_assert_false (nf_element_set_property_from_string (e, "documents-seen", "1", &error));
  g_assert_error (error, NF_PARSE_ERROR, NF_PARSE_ERROR_NOT_WRITABLE);
  g_assert_cmpstr (error->message, ==, "property “documents-seen” of “identity0” is read-only");
  g_clear_error (&error);

  g_assert_false (nf_element_set_property_from_string (e, "seed", "1", &error));
  g_assert_error (error, NF_PARSE_ERROR, NF_PARSE_ERROR_NOT_WRITABLE);
  g_assert_cmpstr (error->message, ==,
                   "property “seed” of “identity0” can only be set when the element is created");
  g_clear_error (&error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();
  make_pspecs ();

  g_test_add_func ("/value/string", test_string);
  g_test_add_func ("/value/boolean", test_boolean);
  g_test_add_func ("/value/char", test_char);
  g_test_add_func ("/value/int", test_int);
  g_test_add_func ("/value/long", test_long);
  g_test_add_func ("/value/int64", test_int64);
  g_test_add_func ("/value/size-suffixes", test_size_suffixes);
  g_test_add_func ("/value/float", test_float);
  g_test_add_func ("/value/enum", test_enum);
  g_test_add_func ("/value/flags", test_flags);
  g_test_add_func ("/value/strv", test_strv);
  g_test_add_func ("/value/transformable", test_transformable);
  g_test_add_func ("/value/without-pspec", test_without_pspec);
  g_test_add_func ("/value/to-string", test_to_string);
  g_test_add_func ("/value/describe", test_describe);
  g_test_add_func ("/value/element-properties", test_element_properties);

  return g_test_run ();
}
