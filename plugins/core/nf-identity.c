/* nf-identity.c: passes documents on, optionally slowing, failing or multiplying them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfIdentity:
 *
 * `identity` passes documents on unchanged. Its properties turn it into a
 * test helper: it can sleep for each document, fail or drop every Nth one,
 * push several copies of each, or print each document's id.
 *
 * "Every Nth" counts documents in the order they reach the element, which is
 * the input order only when the pipeline runs one thread (`-j 1`).
 */
#include "nf-core-elements.h"

NF_DEBUG_CATEGORY_STATIC (identity_debug);

struct _NfIdentity
{
  NfFilter parent_instance;

  guint    sleep_us;
  guint    fail_every;
  guint    drop_every;
  guint    copies;
  gboolean silent;

  guint64  n_seen;     /* atomic, counts for fail-every and drop-every */
};

enum {
  PROP_0,
  PROP_SLEEP_US,
  PROP_FAIL_EVERY,
  PROP_DROP_EVERY,
  PROP_COPIES,
  PROP_SILENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NfIdentity, nf_identity, NF_TYPE_FILTER)

static gboolean
nf_identity_start (NfElement  *element,
                   GError    **error)
{
  NfIdentity *self = NF_IDENTITY (element);

  __atomic_store_n (&self->n_seen, 0, __ATOMIC_RELAXED);
  return TRUE;
}

/* Pushes @document followed by copies-1 copies with ids "ID#2", "ID#3"…
 * The copies are made before anything is pushed: once pushed, the document
 * belongs to the elements downstream, which may be changing it already. */
static void
push_copies (NfIdentity *self,
             NfDocument *document)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);
  const char *id = nf_document_get_id (document);

  for (guint i = 2; i <= self->copies; i++)
    {
      NfDocument *copy = nf_document_copy (document);
      g_autofree char *copy_id = g_strdup_printf ("%s#%u", id != NULL ? id : "", i);

      nf_document_set_id (copy, copy_id);
      g_ptr_array_add (copies, copy);
    }

  if (!nf_element_push (NF_ELEMENT (self), document))
    return;

  for (guint i = 0; i < copies->len; i++)
    if (!nf_element_push (NF_ELEMENT (self), g_ptr_array_index (copies, i)))
      return;
}

static gboolean
nf_identity_process_slowly (NfIdentity  *self,
                            NfDocument  *document,
                            GError     **error)
{
  const char *name = nf_element_get_name (NF_ELEMENT (self));
  const char *id = nf_document_get_id (document);
  guint64 n = 0;

  if (self->sleep_us > 0)
    g_usleep (self->sleep_us);

  if (!self->silent)
    g_printerr ("%s: %s\n", name, id != NULL ? id : "(no id)");

  if (self->fail_every > 0 || self->drop_every > 0)
    n = __atomic_add_fetch (&self->n_seen, 1, __ATOMIC_RELAXED);

  if (self->fail_every > 0 && n % self->fail_every == 0)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FAILED,
                   "failing document %s on purpose (fail-every=%u)",
                   id != NULL ? id : "(no id)", self->fail_every);
      return FALSE;
    }

  if (self->drop_every > 0 && n % self->drop_every == 0)
    {
      NF_CAT_DEBUG (identity_debug, "%s: dropping %s (drop-every=%u)",
                    name, id, self->drop_every);
      return TRUE;
    }

  push_copies (self, document);
  return TRUE;
}

static gboolean
nf_identity_process (NfFilter    *filter,
                     NfDocument  *document,
                     GError     **error)
{
  /* A plain cast, not NF_IDENTITY(): benchmarks push millions of documents
   * through chains of identities, and the default path must cost no more
   * than the push itself. */
  NfIdentity *self = (NfIdentity *) filter;

  if (G_LIKELY (self->sleep_us == 0 && self->fail_every == 0 && self->drop_every == 0 &&
                self->copies <= 1 && self->silent))
    {
      nf_element_push ((NfElement *) filter, document);
      return TRUE;
    }

  return nf_identity_process_slowly (self, document, error);
}

static void
nf_identity_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NfIdentity *self = NF_IDENTITY (object);

  switch (prop_id)
    {
    case PROP_SLEEP_US:
      g_value_set_uint (value, self->sleep_us);
      break;
    case PROP_FAIL_EVERY:
      g_value_set_uint (value, self->fail_every);
      break;
    case PROP_DROP_EVERY:
      g_value_set_uint (value, self->drop_every);
      break;
    case PROP_COPIES:
      g_value_set_uint (value, self->copies);
      break;
    case PROP_SILENT:
      g_value_set_boolean (value, self->silent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_identity_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NfIdentity *self = NF_IDENTITY (object);

  switch (prop_id)
    {
    case PROP_SLEEP_US:
      nf_property_update_uint (object, &self->sleep_us, value, pspec);
      break;
    case PROP_FAIL_EVERY:
      nf_property_update_uint (object, &self->fail_every, value, pspec);
      break;
    case PROP_DROP_EVERY:
      nf_property_update_uint (object, &self->drop_every, value, pspec);
      break;
    case PROP_COPIES:
      nf_property_update_uint (object, &self->copies, value, pspec);
      break;
    case PROP_SILENT:
      nf_property_update_boolean (object, &self->silent, value, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_identity_class_init (NfIdentityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfFilterClass *filter_class = NF_FILTER_CLASS (klass);

  object_class->get_property = nf_identity_get_property;
  object_class->set_property = nf_identity_set_property;

  element_class->start = nf_identity_start;
  filter_class->process = nf_identity_process;

  /**
   * NfIdentity:sleep-us:
   *
   * How long to sleep for each document, in microseconds, to stand in for
   * a slow element.
   */
  properties[PROP_SLEEP_US] =
    g_param_spec_uint ("sleep-us", "Sleep (µs)",
                       "Microseconds to sleep for each document (0: none)",
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfIdentity:fail-every:
   *
   * Fails every Nth document with %NF_ELEMENT_ERROR_FAILED; 0 never.
   */
  properties[PROP_FAIL_EVERY] =
    g_param_spec_uint ("fail-every", "Fail every",
                       "Fail every Nth document on purpose (0: never)",
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfIdentity:drop-every:
   *
   * Drops every Nth document (passes nothing on for it); 0 never. A document
   * that is both failed and dropped is failed.
   */
  properties[PROP_DROP_EVERY] =
    g_param_spec_uint ("drop-every", "Drop every",
                       "Drop every Nth document (0: never)",
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfIdentity:copies:
   *
   * How many documents to push for each one received: the document itself
   * and copies whose ids get the suffixes `#2`, `#3`…
   */
  properties[PROP_COPIES] =
    g_param_spec_uint ("copies", "Copies",
                       "Documents to push for each one received (copies get ids ending in #2, #3…)",
                       1, 1000000, 1,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfIdentity:silent:
   *
   * When %FALSE, prints a line `NAME: ID` on standard error for each document.
   */
  properties[PROP_SILENT] =
    g_param_spec_boolean ("silent", "Silent",
                          "Do not print a line on standard error for each document",
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  nf_element_class_set_metadata (element_class,
                                 "Identity",
                                 "Generic",
                                 "Passes documents on unchanged; can also delay, fail, drop or multiply them for tests",
                                 "libnewsfilter authors");

  NF_DEBUG_CATEGORY_INIT (identity_debug, "identity", "the identity element");
}

static void
nf_identity_init (NfIdentity *self)
{
  self->copies = 1;
  self->silent = TRUE;
}
