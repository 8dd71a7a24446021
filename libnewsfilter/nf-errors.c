/* nf-errors.c: error domains shared by elements and the framework
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "newsfilter.h"
#include "nf-private.h"

G_DEFINE_QUARK (nf-element-error-quark, nf_element_error)
G_DEFINE_QUARK (nf-plugin-error-quark, nf_plugin_error)
G_DEFINE_QUARK (nf-pipeline-error-quark, nf_pipeline_error)

/* domain quark → GType of the domain's code enum.  Written rarely (library
 * start-up, plugin loading), read for every failed record a sink writes, from
 * any thread: a reader-writer lock keeps the readers apart from the writers. */
static GRWLock     domains_lock;
static GHashTable *domains;

#define QUARK_SUFFIX "-quark"

static void
register_domain_unlocked (GQuark domain,
                          GType  code_enum)
{
  g_hash_table_insert (domains, GUINT_TO_POINTER (domain), (gpointer) code_enum);
}

static void
ensure_builtin_domains (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_rw_lock_writer_lock (&domains_lock);
      if (domains == NULL)
        domains = g_hash_table_new (NULL, NULL);
      register_domain_unlocked (NF_ELEMENT_ERROR, NF_TYPE_ELEMENT_ERROR);
      register_domain_unlocked (NF_PLUGIN_ERROR, NF_TYPE_PLUGIN_ERROR);
      register_domain_unlocked (NF_PIPELINE_ERROR, NF_TYPE_PIPELINE_ERROR);
      register_domain_unlocked (NF_PARSE_ERROR, NF_TYPE_PARSE_ERROR);
      register_domain_unlocked (NF_CHARSET_ERROR, NF_TYPE_CHARSET_ERROR);
      register_domain_unlocked (G_IO_ERROR, G_TYPE_IO_ERROR_ENUM);
      register_domain_unlocked (JSON_PARSER_ERROR, JSON_TYPE_PARSER_ERROR);
      g_rw_lock_writer_unlock (&domains_lock);

      g_once_init_leave (&initialized, 1);
    }
}

/*< private >
 * _nf_errors_init:
 *
 * Registers the error domains of the library and of GIO and json-glib with
 * their code enums, so that records name codes by their nicks.  Called by
 * nf_init(); the lookup functions call it too, so that they work before it.
 */
void
_nf_errors_init (void)
{
  ensure_builtin_domains ();
}

static GType
lookup_code_enum (GQuark domain)
{
  GType type;

  ensure_builtin_domains ();

  g_rw_lock_reader_lock (&domains_lock);
  type = (GType) g_hash_table_lookup (domains, GUINT_TO_POINTER (domain));
  g_rw_lock_reader_unlock (&domains_lock);

  return type;
}

/**
 * nf_error_register_domain:
 * @domain: an error domain
 * @code_enum: the enum #GType of the domain's codes
 *
 * Tells libnewsfilter which enum holds the codes of @domain, so that
 * [func@Nf.error_code_to_string] and the JSON record can name codes by their
 * nicks (`"too-large"`) instead of numbers.
 *
 * Plugins call this from their init function for the error domains they
 * define.  Registering a domain again replaces its enum.  This function is
 * thread-safe.
 */
void
nf_error_register_domain (GQuark domain,
                          GType  code_enum)
{
  g_return_if_fail (domain != 0);
  g_return_if_fail (G_TYPE_IS_ENUM (code_enum));

  ensure_builtin_domains ();

  /* Create the class now, outside the lock and once, so that readers
   * can use g_type_class_peek() without racing on class creation. */
  g_type_class_ref (code_enum);

  g_rw_lock_writer_lock (&domains_lock);
  register_domain_unlocked (domain, code_enum);
  g_rw_lock_writer_unlock (&domains_lock);
}

/**
 * nf_error_domain_to_string:
 * @domain: an error domain
 *
 * Names an error domain the way the JSON record does: its quark string
 * without the `-quark` suffix, as `nf-element-error` or `g-io-error`.
 *
 * Returns: (transfer full): the name of @domain
 */
char *
nf_error_domain_to_string (GQuark domain)
{
  const char *name = g_quark_to_string (domain);
  gsize length;

  if (name == NULL)
    return g_strdup ("unknown-error");

  length = strlen (name);
  if (g_str_has_suffix (name, QUARK_SUFFIX))
    length -= strlen (QUARK_SUFFIX);

  return g_strndup (name, length);
}

/**
 * nf_error_code_to_string:
 * @domain: an error domain
 * @code: a code of @domain
 *
 * Names an error code the way the JSON record does: the nick of its value in
 * the domain's registered enum (as `too-large`), or the number in decimal if
 * the domain has no registered enum or the enum has no such value.
 *
 * Returns: (transfer full): the name of @code
 */
char *
nf_error_code_to_string (GQuark domain,
                         int    code)
{
  GType type = lookup_code_enum (domain);

  if (type != G_TYPE_INVALID)
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
      GEnumValue *value = g_enum_get_value (enum_class, code);

      if (value != NULL)
        return g_strdup (value->value_nick);
    }

  return g_strdup_printf ("%d", code);
}

/**
 * nf_error_domain_from_string:
 * @name: the name of an error domain, as `nf-element-error`
 *
 * Finds the error domain that [func@Nf.error_domain_to_string] names @name.
 * The full quark string (`nf-element-error-quark`) is accepted too.
 *
 * Only domains whose quark exists already are found: an unknown name returns
 * 0 and creates nothing.
 *
 * Returns: the domain, or 0 if there is none of that name
 */
GQuark
nf_error_domain_from_string (const char *name)
{
  g_autofree char *quark_name = NULL;

  g_return_val_if_fail (name != NULL, 0);

  ensure_builtin_domains ();

  if (g_str_has_suffix (name, QUARK_SUFFIX))
    return g_quark_try_string (name);

  quark_name = g_strconcat (name, QUARK_SUFFIX, NULL);
  return g_quark_try_string (quark_name);
}

static gboolean
parse_decimal (const char *string,
               int        *out)
{
  char *end = NULL;
  gint64 value;

  if (*string == '\0')
    return FALSE;

  value = g_ascii_strtoll (string, &end, 10);
  if (*end != '\0' || value < G_MININT || value > G_MAXINT)
    return FALSE;

  *out = (int) value;
  return TRUE;
}

/**
 * nf_error_code_from_string:
 * @domain: an error domain
 * @nick: the name of a code, as [func@Nf.error_code_to_string] writes it
 *
 * Finds the error code that @nick names in @domain: a nick or full name of
 * a value of the domain's registered enum, or a decimal number.
 *
 * Returns: the code, or -1 if @nick names no code of @domain
 */
int
nf_error_code_from_string (GQuark      domain,
                           const char *nick)
{
  GType type;
  int code;

  g_return_val_if_fail (nick != NULL, -1);

  type = lookup_code_enum (domain);
  if (type != G_TYPE_INVALID)
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
      GEnumValue *value = g_enum_get_value_by_nick (enum_class, nick);

      if (value == NULL)
        value = g_enum_get_value_by_name (enum_class, nick);
      if (value != NULL)
        return value->value;
    }

  if (parse_decimal (nick, &code))
    return code;

  return -1;
}
