/* nf-value.c: property values to and from strings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <string.h>

#include "newsfilter.h"
#include "nf-value-private.h"

/* The text of a launch line is the user interface of every property, so the
 * conversions here accept what a person types (`yes`, `64M`, `lead+textrank`,
 * an enum's nick) and their errors say what was expected. */

static GParamSpec *
resolve_pspec (GParamSpec *pspec)
{
  GParamSpec *target;

  if (pspec == NULL)
    return NULL;
  target = g_param_spec_get_redirect_target (pspec);
  return target != NULL ? target : pspec;
}

/* " for property “p” of “e”", the part of a message that says where */
static char *
describe_target (GParamSpec *pspec,
                 const char *owner)
{
  if (pspec == NULL)
    return g_strdup ("");
  if (owner == NULL)
    return g_strdup_printf (" for property “%s”", pspec->name);
  return g_strdup_printf (" for property “%s” of “%s”", pspec->name, owner);
}

static void
set_bad_value (GError    **error,
               const char *format,
               ...) G_GNUC_PRINTF (2, 3);

static void
set_bad_value (GError    **error,
               const char *format,
               ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    {
      g_assert (*error == NULL);
      *error = g_error_new_valist (NF_PARSE_ERROR, NF_PARSE_ERROR_BAD_VALUE, format, args);
    }
  va_end (args);
}

/* Doubles print with as few digits as still read back to the same value. */
static char *
format_double (double   d,
               gboolean single_precision)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = single_precision ? 6 : 15; precision <= 17; precision++)
    {
      char format[8];
      double back;

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, d);
      back = g_ascii_strtod (buf, NULL);
      if (single_precision ? (float) back == (float) d : back == d)
        break;
    }

  return g_strdup (buf);
}

/* ---- integers ----------------------------------------------------------- */

typedef enum {
  INTEGER_OK,
  INTEGER_SYNTAX,
  INTEGER_OVERFLOW,
} IntegerParse;

/* Decimal or 0x hexadecimal, with an optional sign and a binary size suffix
 * (k/K, M, G: ×1024, ×1024², ×1024³) so that `max-size=64M` reads well. */
static IntegerParse
parse_integer (const char *string,
               gboolean   *negative,
               guint64    *magnitude)
{
  const char *p = string;
  char *end = NULL;
  guint64 value, multiplier = 1;
  guint base = 10;

  *negative = FALSE;
  *magnitude = 0;

  if (*p == '-' || *p == '+')
    *negative = (*p++ == '-');

  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
    {
      base = 16;
      p += 2;
      if (!g_ascii_isxdigit (*p))
        return INTEGER_SYNTAX;
    }
  else if (!g_ascii_isdigit (*p))
    return INTEGER_SYNTAX;

  errno = 0;
  value = g_ascii_strtoull (p, &end, base);
  if (errno == ERANGE)
    return INTEGER_OVERFLOW;

  switch (*end)
    {
    case 'k': case 'K': multiplier = G_GUINT64_CONSTANT (1) << 10; end++; break;
    case 'M':           multiplier = G_GUINT64_CONSTANT (1) << 20; end++; break;
    case 'G':           multiplier = G_GUINT64_CONSTANT (1) << 30; end++; break;
    default: break;
    }
  if (*end != '\0')
    return INTEGER_SYNTAX;

  if (value > G_MAXUINT64 / multiplier)
    return INTEGER_OVERFLOW;

  *magnitude = value * multiplier;
  return INTEGER_OK;
}

/* The range a property of an integer type accepts: its pspec's, or the
 * type's own when there is no pspec (or a pspec of an unexpected class). */
static gboolean
integer_limits (GParamSpec *pspec,
                GType       type,
                gint64     *smin,
                gint64     *smax,
                guint64    *umin,
                guint64    *umax)
{
  *smin = *smax = 0;
  *umin = *umax = 0;

#define SIGNED_LIMITS(IS, CAST, LO, HI) \
  if (pspec != NULL && IS (pspec)) { *smin = CAST (pspec)->minimum; *smax = CAST (pspec)->maximum; } \
  else { *smin = LO; *smax = HI; } \
  return TRUE
#define UNSIGNED_LIMITS(IS, CAST, HI) \
  if (pspec != NULL && IS (pspec)) { *umin = CAST (pspec)->minimum; *umax = CAST (pspec)->maximum; } \
  else { *umin = 0; *umax = HI; } \
  return FALSE

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_CHAR:
      SIGNED_LIMITS (G_IS_PARAM_SPEC_CHAR, G_PARAM_SPEC_CHAR, G_MININT8, G_MAXINT8);
    case G_TYPE_INT:
      SIGNED_LIMITS (G_IS_PARAM_SPEC_INT, G_PARAM_SPEC_INT, G_MININT, G_MAXINT);
    case G_TYPE_LONG:
      SIGNED_LIMITS (G_IS_PARAM_SPEC_LONG, G_PARAM_SPEC_LONG, G_MINLONG, G_MAXLONG);
    case G_TYPE_INT64:
      SIGNED_LIMITS (G_IS_PARAM_SPEC_INT64, G_PARAM_SPEC_INT64, G_MININT64, G_MAXINT64);
    case G_TYPE_UCHAR:
      UNSIGNED_LIMITS (G_IS_PARAM_SPEC_UCHAR, G_PARAM_SPEC_UCHAR, G_MAXUINT8);
    case G_TYPE_UINT:
      if (pspec != NULL && G_IS_PARAM_SPEC_UNICHAR (pspec))
        {
          *umax = 0x10FFFF;
          return FALSE;
        }
      UNSIGNED_LIMITS (G_IS_PARAM_SPEC_UINT, G_PARAM_SPEC_UINT, G_MAXUINT);
    case G_TYPE_ULONG:
      UNSIGNED_LIMITS (G_IS_PARAM_SPEC_ULONG, G_PARAM_SPEC_ULONG, G_MAXULONG);
    case G_TYPE_UINT64:
      UNSIGNED_LIMITS (G_IS_PARAM_SPEC_UINT64, G_PARAM_SPEC_UINT64, G_MAXUINT64);
    default:
      g_assert_not_reached ();
    }

#undef SIGNED_LIMITS
#undef UNSIGNED_LIMITS
}

static void
set_integer (GValue  *value,
             gint64   s,
             guint64  u)
{
  switch (G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value)))
    {
    case G_TYPE_CHAR:   g_value_set_schar (value, (gint8) s); break;
    case G_TYPE_INT:    g_value_set_int (value, (int) s); break;
    case G_TYPE_LONG:   g_value_set_long (value, (long) s); break;
    case G_TYPE_INT64:  g_value_set_int64 (value, s); break;
    case G_TYPE_UCHAR:  g_value_set_uchar (value, (guchar) u); break;
    case G_TYPE_UINT:   g_value_set_uint (value, (guint) u); break;
    case G_TYPE_ULONG:  g_value_set_ulong (value, (gulong) u); break;
    case G_TYPE_UINT64: g_value_set_uint64 (value, u); break;
    default:            g_assert_not_reached ();
    }
}

static gboolean
integer_from_string (GValue      *value,
                     GParamSpec  *pspec,
                     const char  *string,
                     const char  *where,
                     GError     **error)
{
  gint64 smin, smax;
  guint64 umin, umax, magnitude;
  gboolean negative, is_signed, in_range;
  IntegerParse parse;
  g_autofree char *lo = NULL, *hi = NULL;

  is_signed = integer_limits (pspec, G_VALUE_TYPE (value), &smin, &smax, &umin, &umax);
  parse = parse_integer (string, &negative, &magnitude);

  /* A character property also takes the character itself: `quote="` */
  if (parse == INTEGER_SYNTAX)
    {
      GType fundamental = G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value));
      gboolean unichar = pspec != NULL && G_IS_PARAM_SPEC_UNICHAR (pspec);

      if ((fundamental == G_TYPE_CHAR || fundamental == G_TYPE_UCHAR) &&
          string[0] != '\0' && string[1] == '\0' && (guchar) string[0] < 0x80)
        {
          parse = INTEGER_OK;
          negative = FALSE;
          magnitude = (guchar) string[0];
        }
      else if (unichar && string[0] != '\0' &&
               *g_utf8_next_char (string) == '\0')
        {
          parse = INTEGER_OK;
          negative = FALSE;
          magnitude = g_utf8_get_char (string);
        }
    }

  if (parse == INTEGER_SYNTAX)
    {
      GType fundamental = G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value));

      if (fundamental == G_TYPE_CHAR || fundamental == G_TYPE_UCHAR ||
          (pspec != NULL && G_IS_PARAM_SPEC_UNICHAR (pspec)))
        set_bad_value (error, "“%s” is not a character or an integer%s", string, where);
      else
        set_bad_value (error, "“%s” is not an integer%s", string, where);
      return FALSE;
    }

  if (is_signed)
    {
      gint64 s = 0;

      if (parse == INTEGER_OVERFLOW)
        in_range = FALSE;
      else if (negative)
        {
          in_range = magnitude <= (guint64) G_MAXINT64 + 1;
          if (in_range)
            s = magnitude == (guint64) G_MAXINT64 + 1 ? G_MININT64 : -(gint64) magnitude;
        }
      else
        {
          in_range = magnitude <= (guint64) G_MAXINT64;
          s = (gint64) magnitude;
        }
      in_range = in_range && s >= smin && s <= smax;
      if (in_range)
        {
          set_integer (value, s, 0);
          return TRUE;
        }
      lo = g_strdup_printf ("%" G_GINT64_FORMAT, smin);
      hi = g_strdup_printf ("%" G_GINT64_FORMAT, smax);
    }
  else
    {
      in_range = parse == INTEGER_OK && (!negative || magnitude == 0) &&
                 magnitude >= umin && magnitude <= umax;
      if (in_range)
        {
          set_integer (value, 0, magnitude);
          return TRUE;
        }
      lo = g_strdup_printf ("%" G_GUINT64_FORMAT, umin);
      hi = g_strdup_printf ("%" G_GUINT64_FORMAT, umax);
    }

  set_bad_value (error, "value “%s” is out of range%s (%s to %s)", string, where, lo, hi);
  return FALSE;
}

/* ---- floating point ----------------------------------------------------- */

static gboolean
float_from_string (GValue      *value,
                   GParamSpec  *pspec,
                   const char  *string,
                   const char  *where,
                   GError     **error)
{
  gboolean single = G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value)) == G_TYPE_FLOAT;
  double d, min, max;
  char *end = NULL;

  if (single)
    {
      gboolean has = pspec != NULL && G_IS_PARAM_SPEC_FLOAT (pspec);
      min = has ? G_PARAM_SPEC_FLOAT (pspec)->minimum : -G_MAXFLOAT;
      max = has ? G_PARAM_SPEC_FLOAT (pspec)->maximum : G_MAXFLOAT;
    }
  else
    {
      gboolean has = pspec != NULL && G_IS_PARAM_SPEC_DOUBLE (pspec);
      min = has ? G_PARAM_SPEC_DOUBLE (pspec)->minimum : -G_MAXDOUBLE;
      max = has ? G_PARAM_SPEC_DOUBLE (pspec)->maximum : G_MAXDOUBLE;
    }

  errno = 0;
  d = g_ascii_strtod (string, &end);
  if (string[0] == '\0' || g_ascii_isspace (string[0]) || *end != '\0' || d != d)
    {
      set_bad_value (error, "“%s” is not a number%s", string, where);
      return FALSE;
    }

  if (d < min || d > max)
    {
      g_autofree char *lo = format_double (min, single);
      g_autofree char *hi = format_double (max, single);

      set_bad_value (error, "value “%s” is out of range%s (%s to %s)", string, where, lo, hi);
      return FALSE;
    }

  if (single)
    g_value_set_float (value, (float) d);
  else
    g_value_set_double (value, d);
  return TRUE;
}

/* ---- booleans, enums, flags -------------------------------------------- */

static gboolean
boolean_from_string (GValue      *value,
                     const char  *string,
                     const char  *where,
                     GError     **error)
{
  static const char * const truths[] = { "true", "yes", "on", "1", NULL };
  static const char * const lies[] = { "false", "no", "off", "0", NULL };

  for (guint i = 0; truths[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (string, truths[i]) == 0)
        {
          g_value_set_boolean (value, TRUE);
          return TRUE;
        }
      if (g_ascii_strcasecmp (string, lies[i]) == 0)
        {
          g_value_set_boolean (value, FALSE);
          return TRUE;
        }
    }

  set_bad_value (error, "“%s” is not a boolean%s (use true or false)", string, where);
  return FALSE;
}

static char *
list_enum_nicks (GEnumClass *klass)
{
  g_autoptr(GString) nicks = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (nicks, "%s%s", i > 0 ? ", " : "", klass->values[i].value_nick);
  return g_strdup (nicks->str);
}

static gboolean
enum_from_string (GValue      *value,
                  const char  *string,
                  const char  *where,
                  GError     **error)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (G_VALUE_TYPE (value));
  GEnumValue *found;
  gboolean negative;
  guint64 magnitude;

  found = g_enum_get_value_by_nick (klass, string);
  if (found == NULL)
    found = g_enum_get_value_by_name (klass, string);
  if (found == NULL &&
      parse_integer (string, &negative, &magnitude) == INTEGER_OK &&
      magnitude <= G_MAXINT)
    found = g_enum_get_value (klass, negative ? -(int) magnitude : (int) magnitude);

  if (found == NULL)
    {
      g_autofree char *nicks = list_enum_nicks (klass);

      set_bad_value (error, "“%s” is not a valid value%s; valid values: %s", string, where, nicks);
      return FALSE;
    }

  g_value_set_enum (value, found->value);
  return TRUE;
}

static char *
list_flags_nicks (GFlagsClass *klass)
{
  g_autoptr(GString) nicks = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (nicks, "%s%s", i > 0 ? ", " : "", klass->values[i].value_nick);
  return g_strdup (nicks->str);
}

static gboolean
flag_from_word (GFlagsClass *klass,
                const char  *word,
                guint       *flags)
{
  GFlagsValue *found;
  gboolean negative;
  guint64 magnitude;

  found = g_flags_get_value_by_nick (klass, word);
  if (found == NULL)
    found = g_flags_get_value_by_name (klass, word);
  if (found != NULL)
    {
      *flags |= found->value;
      return TRUE;
    }

  if (parse_integer (word, &negative, &magnitude) == INTEGER_OK && !negative &&
      magnitude <= G_MAXUINT && ((guint) magnitude & ~klass->mask) == 0)
    {
      *flags |= (guint) magnitude;
      return TRUE;
    }

  return FALSE;
}

/* `a+b` or `a|b`, each a nick, a name or a number; the empty string is no flag */
static gboolean
flags_from_string (GValue      *value,
                   const char  *string,
                   const char  *where,
                   GError     **error)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (G_VALUE_TYPE (value));
  g_auto(GStrv) words = NULL;
  guint flags = 0;

  if (string[0] != '\0')
    words = g_strsplit_set (string, "+|", -1);

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      const char *word = g_strstrip (words[i]);

      if (!flag_from_word (klass, word, &flags))
        {
          g_autofree char *nicks = list_flags_nicks (klass);

          set_bad_value (error, "“%s” is not a valid flag%s; valid flags: %s",
                         word, where, nicks);
          return FALSE;
        }
    }

  g_value_set_flags (value, flags);
  return TRUE;
}

static char *
flags_to_string (GType type,
                 guint flags)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (type);
  g_autoptr(GString) out = g_string_new (NULL);

  if (flags == 0)
    {
      GFlagsValue *none = g_flags_get_first_value (klass, 0);
      return g_strdup (none != NULL && none->value == 0 ? none->value_nick : "0");
    }

  for (guint i = 0; i < klass->n_values && flags != 0; i++)
    {
      GFlagsValue *v = &klass->values[i];

      if (v->value != 0 && (flags & v->value) == v->value)
        {
          g_string_append_printf (out, "%s%s", out->len > 0 ? "+" : "", v->value_nick);
          flags &= ~v->value;
        }
    }
  if (flags != 0)
    g_string_append_printf (out, "%s%u", out->len > 0 ? "+" : "", flags);

  return g_strdup (out->str);
}

/* ---- lists of strings --------------------------------------------------- */

/* Items separated by commas; an item in double quotes keeps its commas and
 * spaces, a backslash escapes the next character anywhere; spaces around
 * unquoted items are dropped. The empty string is the empty list. */
static gboolean
strv_from_string (GValue      *value,
                  const char  *string,
                  const char  *where,
                  GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  const char *p = string;
  gboolean more = (*string != '\0');

  while (more)
    {
      g_autoptr(GString) item = g_string_new (NULL);

      while (*p == ' ' || *p == '\t')
        p++;

      if (*p == '"')
        {
          p++;
          while (*p != '\0' && *p != '"')
            {
              if (*p == '\\' && p[1] != '\0')
                p++;
              g_string_append_c (item, *p++);
            }
          if (*p != '"')
            {
              set_bad_value (error, "unterminated quoted item in the list “%s”%s", string, where);
              return FALSE;
            }
          p++;
          while (*p == ' ' || *p == '\t')
            p++;
          if (*p != ',' && *p != '\0')
            {
              set_bad_value (error, "“%s” is not a valid list%s: a comma must follow a quoted item",
                             string, where);
              return FALSE;
            }
        }
      else
        {
          gsize keep = 0;

          while (*p != '\0' && *p != ',')
            {
              gboolean escaped = (*p == '\\' && p[1] != '\0');

              if (escaped)
                p++;
              g_string_append_c (item, *p++);
              if (escaped || (item->str[item->len - 1] != ' ' && item->str[item->len - 1] != '\t'))
                keep = item->len;
            }
          g_string_truncate (item, keep);
        }

      g_ptr_array_add (items, g_string_free (g_steal_pointer (&item), FALSE));
      more = (*p == ',');
      if (more)
        p++;
    }

  g_ptr_array_add (items, NULL);
  g_value_take_boxed (value, g_ptr_array_free (g_steal_pointer (&items), FALSE));
  return TRUE;
}

static gboolean
strv_item_needs_quotes (const char *item)
{
  gsize len = strlen (item);

  return len == 0 || strpbrk (item, ",\"\\") != NULL ||
         g_ascii_isspace (item[0]) || g_ascii_isspace (item[len - 1]);
}

static char *
strv_to_string (const char * const *strv)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      const char *item = strv[i];

      if (i > 0)
        g_string_append_c (out, ',');
      if (!strv_item_needs_quotes (item))
        {
          g_string_append (out, item);
          continue;
        }
      g_string_append_c (out, '"');
      for (const char *c = item; *c != '\0'; c++)
        {
          if (*c == '"' || *c == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *c);
        }
      g_string_append_c (out, '"');
    }

  return g_strdup (out->str);
}

/* ---- public API --------------------------------------------------------- */

static gboolean
is_strv_type (GType type)
{
  return g_type_is_a (type, G_TYPE_STRV);
}

gboolean
_nf_value_from_string_for (GValue      *value,
                           GParamSpec  *pspec,
                           const char  *string,
                           const char  *owner,
                           GError     **error)
{
  g_autofree char *where = NULL;
  GType type;

  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (pspec == NULL || G_IS_PARAM_SPEC (pspec), FALSE);
  g_return_val_if_fail (string != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pspec = resolve_pspec (pspec);
  if (G_VALUE_TYPE (value) == G_TYPE_INVALID)
    {
      g_return_val_if_fail (pspec != NULL, FALSE);
      g_value_init (value, pspec->value_type);
    }
  else
    g_return_val_if_fail (pspec == NULL ||
                          g_value_type_compatible (pspec->value_type, G_VALUE_TYPE (value)),
                          FALSE);

  type = G_VALUE_TYPE (value);
  where = describe_target (pspec, owner);

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_STRING:
      g_value_set_string (value, string);
      return TRUE;
    case G_TYPE_BOOLEAN:
      return boolean_from_string (value, string, where, error);
    case G_TYPE_CHAR:
    case G_TYPE_UCHAR:
    case G_TYPE_INT:
    case G_TYPE_UINT:
    case G_TYPE_LONG:
    case G_TYPE_ULONG:
    case G_TYPE_INT64:
    case G_TYPE_UINT64:
      return integer_from_string (value, pspec, string, where, error);
    case G_TYPE_FLOAT:
    case G_TYPE_DOUBLE:
      return float_from_string (value, pspec, string, where, error);
    case G_TYPE_ENUM:
      return enum_from_string (value, string, where, error);
    case G_TYPE_FLAGS:
      return flags_from_string (value, string, where, error);
    default:
      break;
    }

  if (is_strv_type (type))
    return strv_from_string (value, string, where, error);

  if (g_value_type_transformable (G_TYPE_STRING, type))
    {
      g_auto(GValue) text = G_VALUE_INIT;

      g_value_init (&text, G_TYPE_STRING);
      g_value_set_string (&text, string);
      if (g_value_transform (&text, value))
        return TRUE;
    }

  set_bad_value (error, "cannot convert “%s” to a value of type “%s”%s",
                 string, g_type_name (type), where);
  return FALSE;
}

gboolean
_nf_param_spec_is_parsable (GParamSpec *pspec)
{
  GType type = resolve_pspec (pspec)->value_type;

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_STRING: case G_TYPE_BOOLEAN:
    case G_TYPE_CHAR: case G_TYPE_UCHAR: case G_TYPE_INT: case G_TYPE_UINT:
    case G_TYPE_LONG: case G_TYPE_ULONG: case G_TYPE_INT64: case G_TYPE_UINT64:
    case G_TYPE_FLOAT: case G_TYPE_DOUBLE: case G_TYPE_ENUM: case G_TYPE_FLAGS:
      return TRUE;
    default:
      return is_strv_type (type) ||
             (g_value_type_transformable (G_TYPE_STRING, type) &&
              g_value_type_transformable (type, G_TYPE_STRING));
    }
}

/**
 * nf_value_from_string:
 * @value: (out caller-allocates): a #GValue, either initialized to the type
 *   of @pspec or empty (%G_VALUE_INIT), in which case it is initialized to
 *   that type (bindings always pass an empty one, so they need @pspec)
 * @pspec: (nullable): the property the value is for: its type and range are
 *   used and its name appears in error messages; %NULL to convert to the
 *   type @value already holds, with that type's full range
 * @string: the text, as written after `property=` in a launch line (quotes
 *   and backslash escapes of the launch syntax already removed)
 * @error: return location for a #GError, in the %NF_PARSE_ERROR domain
 *
 * Converts text to a property value, the way the launch parser does.
 *
 * - strings are taken as they are;
 * - booleans are `true`, `yes`, `on`, `1` or `false`, `no`, `off`, `0`
 *   (in any case);
 * - integers are decimal or `0x` hexadecimal, optionally followed by a size
 *   suffix `k`/`K`, `M` or `G` (×1024, ×1024², ×1024³); a character property
 *   also takes a single ASCII character, a Unicode character property any
 *   single character;
 * - floating point numbers use a dot as the decimal separator;
 * - enums are named by nick, name or number;
 * - flags are nicks, names or numbers joined by `+` or `|`;
 * - lists of strings (#GStrv) are comma-separated, an item in double quotes
 *   may hold commas, and a backslash escapes the next character;
 * - any other type is converted with g_value_transform() if GLib can.
 *
 * Numbers out of the range of @pspec are refused with
 * %NF_PARSE_ERROR_BAD_VALUE and a message naming the range; so is text that
 * does not fit the type, with a message saying what would.
 *
 * Returns: %TRUE if @value now holds the converted value
 */
gboolean
nf_value_from_string (GValue      *value,
                      GParamSpec  *pspec,
                      const char  *string,
                      GError     **error)
{
  return _nf_value_from_string_for (value, pspec, string, NULL, error);
}

/**
 * nf_value_to_string:
 * @value: a #GValue holding a value of a property
 *
 * Writes a property value as text that nf_value_from_string() reads back to
 * the same value: `true`/`false`, numbers in decimal (floating point ones with
 * as many digits as they need), enums by nick, flags as nicks joined by `+`,
 * lists of strings comma-separated with quotes where needed.
 *
 * The text is not quoted for a launch line: pass it through
 * nf_launch_quote() for that. A %NULL string or list becomes the empty
 * string; a value of a type that cannot be converted is described as
 * g_strdup_value_contents() does.
 *
 * Returns: (transfer full): the text
 */
char *
nf_value_to_string (const GValue *value)
{
  GType type;

  g_return_val_if_fail (G_IS_VALUE (value), NULL);

  type = G_VALUE_TYPE (value);
  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_STRING:
      return g_strdup (g_value_get_string (value) != NULL ? g_value_get_string (value) : "");
    case G_TYPE_BOOLEAN:
      return g_strdup (g_value_get_boolean (value) ? "true" : "false");
    case G_TYPE_CHAR:
      return g_strdup_printf ("%d", g_value_get_schar (value));
    case G_TYPE_UCHAR:
      return g_strdup_printf ("%u", g_value_get_uchar (value));
    case G_TYPE_INT:
      return g_strdup_printf ("%d", g_value_get_int (value));
    case G_TYPE_UINT:
      return g_strdup_printf ("%u", g_value_get_uint (value));
    case G_TYPE_LONG:
      return g_strdup_printf ("%ld", g_value_get_long (value));
    case G_TYPE_ULONG:
      return g_strdup_printf ("%lu", g_value_get_ulong (value));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (value));
    case G_TYPE_UINT64:
      return g_strdup_printf ("%" G_GUINT64_FORMAT, g_value_get_uint64 (value));
    case G_TYPE_FLOAT:
      return format_double (g_value_get_float (value), TRUE);
    case G_TYPE_DOUBLE:
      return format_double (g_value_get_double (value), FALSE);
    case G_TYPE_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (type);
        GEnumValue *v = g_enum_get_value (klass, g_value_get_enum (value));

        if (v != NULL)
          return g_strdup (v->value_nick);
        return g_strdup_printf ("%d", g_value_get_enum (value));
      }
    case G_TYPE_FLAGS:
      return flags_to_string (type, g_value_get_flags (value));
    default:
      break;
    }

  if (is_strv_type (type))
    return strv_to_string (g_value_get_boxed (value));

  if (g_value_type_transformable (type, G_TYPE_STRING))
    {
      g_auto(GValue) text = G_VALUE_INIT;

      g_value_init (&text, G_TYPE_STRING);
      if (g_value_transform (value, &text))
        return g_value_dup_string (&text);
    }

  return g_strdup_value_contents (value);
}

static char *
suggest_property (NfElement  *self,
                  const char *misspelt)
{
  g_autofree GParamSpec **pspecs = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n_pspecs = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    if (pspecs[i]->flags & G_PARAM_WRITABLE)
      g_ptr_array_add (names, (gpointer) pspecs[i]->name);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (self), "name") == NULL)
    g_ptr_array_add (names, (gpointer) "name");
  g_ptr_array_add (names, NULL);

  return nf_suggest_closest (misspelt, (const char * const *) names->pdata);
}

static void
set_no_such_property (NfElement   *self,
                      const char  *property,
                      GError     **error)
{
  g_autofree char *suggestion = suggest_property (self, property);
  const char *name = nf_element_get_name (self);
  g_autofree char *element = name != NULL ? g_strdup_printf ("element “%s”", name)
                                          : g_strdup_printf ("element %s", G_OBJECT_TYPE_NAME (self));

  if (suggestion != NULL)
    g_set_error (error, NF_PARSE_ERROR, NF_PARSE_ERROR_NO_SUCH_PROPERTY,
                 "%s has no property “%s”; did you mean “%s”?", element, property, suggestion);
  else
    g_set_error (error, NF_PARSE_ERROR, NF_PARSE_ERROR_NO_SUCH_PROPERTY,
                 "%s has no property “%s”", element, property);
}

/**
 * nf_element_set_property_from_string:
 * @self: an element
 * @property: the name of one of its properties (`-` and `_` are the same);
 *   `name` sets the element's name
 * @value: the value as text, see nf_value_from_string()
 * @error: return location for a #GError, in the %NF_PARSE_ERROR domain
 *
 * Sets a property of an element from text, as `property=value` in a launch
 * line does. An unknown property fails with
 * %NF_PARSE_ERROR_NO_SUCH_PROPERTY and suggests the closest name; a read-only
 * or construct-only property with %NF_PARSE_ERROR_NOT_WRITABLE; a value that
 * does not fit with %NF_PARSE_ERROR_BAD_VALUE.
 *
 * Returns: %TRUE if the property was set
 */
gboolean
nf_element_set_property_from_string (NfElement   *self,
                                     const char  *property,
                                     const char  *value,
                                     GError     **error)
{
  g_auto(GValue) converted = G_VALUE_INIT;
  GParamSpec *pspec;
  const char *owner;

  g_return_val_if_fail (NF_IS_ELEMENT (self), FALSE);
  g_return_val_if_fail (property != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  owner = nf_element_get_name (self);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), property);
  if (pspec == NULL && g_strcmp0 (property, "name") == 0)
    {
      nf_element_set_name (self, value);
      return TRUE;
    }
  if (pspec == NULL)
    {
      set_no_such_property (self, property, error);
      return FALSE;
    }
  if (!(pspec->flags & G_PARAM_WRITABLE))
    {
      g_set_error (error, NF_PARSE_ERROR, NF_PARSE_ERROR_NOT_WRITABLE,
                   "property “%s” of “%s” is read-only", pspec->name,
                   owner != NULL ? owner : G_OBJECT_TYPE_NAME (self));
      return FALSE;
    }
  if (pspec->flags & G_PARAM_CONSTRUCT_ONLY)
    {
      g_set_error (error, NF_PARSE_ERROR, NF_PARSE_ERROR_NOT_WRITABLE,
                   "property “%s” of “%s” can only be set when the element is created",
                   pspec->name, owner != NULL ? owner : G_OBJECT_TYPE_NAME (self));
      return FALSE;
    }

  if (!_nf_value_from_string_for (&converted, pspec, value, owner, error))
    return FALSE;

  g_object_set_property (G_OBJECT (self), pspec->name, &converted);
  return TRUE;
}

static char *
describe_number_range (const char *kind,
                       GParamSpec *pspec)
{
  g_auto(GValue) lo = G_VALUE_INIT;
  g_auto(GValue) hi = G_VALUE_INIT;
  g_autofree char *lo_text = NULL, *hi_text = NULL, *def_text = NULL;
  gboolean has_range = TRUE;

  g_value_init (&lo, pspec->value_type);
  g_value_init (&hi, pspec->value_type);
  def_text = nf_value_to_string (g_param_spec_get_default_value (pspec));

#define RANGE(IS, CAST, SET) \
  if (IS (pspec)) { SET (&lo, CAST (pspec)->minimum); SET (&hi, CAST (pspec)->maximum); }

  RANGE (G_IS_PARAM_SPEC_CHAR, G_PARAM_SPEC_CHAR, g_value_set_schar)
  else RANGE (G_IS_PARAM_SPEC_UCHAR, G_PARAM_SPEC_UCHAR, g_value_set_uchar)
  else RANGE (G_IS_PARAM_SPEC_INT, G_PARAM_SPEC_INT, g_value_set_int)
  else RANGE (G_IS_PARAM_SPEC_UINT, G_PARAM_SPEC_UINT, g_value_set_uint)
  else RANGE (G_IS_PARAM_SPEC_LONG, G_PARAM_SPEC_LONG, g_value_set_long)
  else RANGE (G_IS_PARAM_SPEC_ULONG, G_PARAM_SPEC_ULONG, g_value_set_ulong)
  else RANGE (G_IS_PARAM_SPEC_INT64, G_PARAM_SPEC_INT64, g_value_set_int64)
  else RANGE (G_IS_PARAM_SPEC_UINT64, G_PARAM_SPEC_UINT64, g_value_set_uint64)
  else RANGE (G_IS_PARAM_SPEC_FLOAT, G_PARAM_SPEC_FLOAT, g_value_set_float)
  else RANGE (G_IS_PARAM_SPEC_DOUBLE, G_PARAM_SPEC_DOUBLE, g_value_set_double)
  else
    has_range = FALSE;
#undef RANGE

  if (!has_range)
    return g_strdup_printf ("%s. Default: %s", kind, def_text);

  lo_text = nf_value_to_string (&lo);
  hi_text = nf_value_to_string (&hi);
  return g_strdup_printf ("%s. Range: %s - %s Default: %s", kind, lo_text, hi_text, def_text);
}

static char *
describe_quoted_default (const char *kind,
                         GParamSpec *pspec)
{
  const GValue *def = g_param_spec_get_default_value (pspec);
  g_autofree char *text = NULL;

  if (G_VALUE_HOLDS_STRING (def) ? g_value_get_string (def) == NULL
                                 : g_value_get_boxed (def) == NULL)
    return g_strdup_printf ("%s. Default: null", kind);
  text = nf_value_to_string (def);
  return g_strdup_printf ("%s. Default: “%s”", kind, text);
}

/**
 * nf_param_spec_describe_type:
 * @pspec: a property's #GParamSpec
 *
 * Describes the type, range and default value of a property in one line, as
 * `nf-inspect` prints it: `Integer. Range: 0 - 64 Default: 0`,
 * `Boolean. Default: false`, `String. Default: null`,
 * `Enum “NfSummarizeMethod” Default: 0, “lead”`,
 * `Flags “NfTagKinds” Default: 0x00000003, “person+place”`.
 *
 * Returns: (transfer full): the description
 */
char *
nf_param_spec_describe_type (GParamSpec *pspec)
{
  const GValue *def;
  GType type;

  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), NULL);

  pspec = resolve_pspec (pspec);
  type = pspec->value_type;
  def = g_param_spec_get_default_value (pspec);

  if (G_IS_PARAM_SPEC_UNICHAR (pspec))
    {
      char buf[8] = { 0 };

      g_unichar_to_utf8 (G_PARAM_SPEC_UNICHAR (pspec)->default_value, buf);
      return g_strdup_printf ("Unicode Character. Default: “%s”", buf);
    }

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_BOOLEAN:
      return g_strdup_printf ("Boolean. Default: %s", g_value_get_boolean (def) ? "true" : "false");
    case G_TYPE_CHAR:   return describe_number_range ("Character", pspec);
    case G_TYPE_UCHAR:  return describe_number_range ("Unsigned Character", pspec);
    case G_TYPE_INT:    return describe_number_range ("Integer", pspec);
    case G_TYPE_UINT:   return describe_number_range ("Unsigned Integer", pspec);
    case G_TYPE_LONG:   return describe_number_range ("Long", pspec);
    case G_TYPE_ULONG:  return describe_number_range ("Unsigned Long", pspec);
    case G_TYPE_INT64:  return describe_number_range ("Integer64", pspec);
    case G_TYPE_UINT64: return describe_number_range ("Unsigned Integer64", pspec);
    case G_TYPE_FLOAT:  return describe_number_range ("Float", pspec);
    case G_TYPE_DOUBLE: return describe_number_range ("Double", pspec);
    case G_TYPE_STRING: return describe_quoted_default ("String", pspec);
    case G_TYPE_ENUM:
      {
        g_autofree char *nick = nf_value_to_string (def);
        return g_strdup_printf ("Enum “%s” Default: %d, “%s”",
                                g_type_name (type), g_value_get_enum (def), nick);
      }
    case G_TYPE_FLAGS:
      {
        g_autofree char *nicks = nf_value_to_string (def);
        return g_strdup_printf ("Flags “%s” Default: 0x%08x, “%s”",
                                g_type_name (type), g_value_get_flags (def), nicks);
      }
    default:
      break;
    }

  if (G_IS_PARAM_SPEC_OBJECT (pspec))
    return g_strdup_printf ("Object of type “%s”", g_type_name (type));

  if (is_strv_type (type))
    return describe_quoted_default ("List of strings", pspec);
  if (G_TYPE_FUNDAMENTAL (type) == G_TYPE_BOXED)
    return g_strdup_printf ("Boxed pointer of type “%s”", g_type_name (type));
  return g_strdup_printf ("Value of type “%s”", g_type_name (type));
}

/* Property setters for element authors: every element's set_property
 * stores a value and notifies only when it changed (the properties are
 * G_PARAM_EXPLICIT_NOTIFY). */

static void
notify_change (GObject    *object,
               GParamSpec *pspec)
{
  if (object != NULL && pspec != NULL)
    g_object_notify_by_pspec (object, pspec);
}

/**
 * nf_property_update_string: (skip)
 * @object: (nullable): the object to notify, or %NULL not to notify
 * @field: where the string is kept
 * @value: a #GValue holding a string
 * @pspec: (nullable): the property
 *
 * Stores a string property's new value in @field and emits
 * #GObject::notify when it differs from the old one: the usual body of a
 * `set_property` case.
 *
 * Returns: %TRUE if the value changed
 */
gboolean
nf_property_update_string (GObject      *object,
                           char        **field,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  const char *string = g_value_get_string (value);

  if (g_strcmp0 (*field, string) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (string);
  notify_change (object, pspec);
  return TRUE;
}

/**
 * nf_property_update_uint: (skip)
 * @object: (nullable): the object to notify, or %NULL not to notify
 * @field: where the number is kept
 * @value: a #GValue holding a guint
 * @pspec: (nullable): the property
 *
 * Stores an unsigned property's new value and notifies when it changed.
 *
 * Returns: %TRUE if the value changed
 */
gboolean
nf_property_update_uint (GObject      *object,
                         guint        *field,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  guint number = g_value_get_uint (value);

  if (*field == number)
    return FALSE;
  *field = number;
  notify_change (object, pspec);
  return TRUE;
}

/**
 * nf_property_update_uint64: (skip)
 * @object: (nullable): the object to notify, or %NULL not to notify
 * @field: where the number is kept
 * @value: a #GValue holding a guint64
 * @pspec: (nullable): the property
 *
 * Stores a 64-bit unsigned property's new value and notifies when it changed.
 *
 * Returns: %TRUE if the value changed
 */
gboolean
nf_property_update_uint64 (GObject      *object,
                           guint64      *field,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  guint64 number = g_value_get_uint64 (value);

  if (*field == number)
    return FALSE;
  *field = number;
  notify_change (object, pspec);
  return TRUE;
}

/**
 * nf_property_update_double: (skip)
 * @object: (nullable): the object to notify, or %NULL not to notify
 * @field: where the number is kept
 * @value: a #GValue holding a double
 * @pspec: (nullable): the property
 *
 * Stores a double property's new value and notifies when it changed.
 *
 * Returns: %TRUE if the value changed
 */
gboolean
nf_property_update_double (GObject      *object,
                           double       *field,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  double number = g_value_get_double (value);

  if (*field == number)
    return FALSE;
  *field = number;
  notify_change (object, pspec);
  return TRUE;
}

/**
 * nf_property_update_boolean: (skip)
 * @object: (nullable): the object to notify, or %NULL not to notify
 * @field: where the flag is kept
 * @value: a #GValue holding a gboolean
 * @pspec: (nullable): the property
 *
 * Stores a boolean property's new value and notifies when it changed.
 *
 * Returns: %TRUE if the value changed
 */
gboolean
nf_property_update_boolean (GObject      *object,
                            gboolean     *field,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  gboolean flag = g_value_get_boolean (value) ? TRUE : FALSE;

  if (*field == flag)
    return FALSE;
  *field = flag;
  notify_change (object, pspec);
  return TRUE;
}
