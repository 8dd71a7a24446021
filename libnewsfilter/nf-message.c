/* nf-message.c: what a running pipeline tells its application
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-private.h"

/**
 * NfMessage:
 *
 * A message posted on a pipeline's [class@Nf.Bus]: an ERROR that stops the
 * pipeline, a WARNING about one failed document, EOS, PROGRESS or INFO.
 *
 * Messages are immutable and reference counted.
 */
struct _NfMessage
{
  gatomicrefcount ref_count;
  NfMessageType   type;
  char           *source_path;
  GError         *error;
  char           *debug;
  char           *document_id;
  char           *text;
  guint64         done;
  guint64         failed;
  gint64          elapsed_us;
  gint64          timestamp;
};

G_DEFINE_BOXED_TYPE (NfMessage, nf_message, nf_message_ref, nf_message_unref)

static NfMessage *
message_new (NfMessageType type,
             const char   *source_path)
{
  NfMessage *self = g_new0 (NfMessage, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->type = type;
  self->source_path = g_strdup (source_path);
  self->timestamp = g_get_monotonic_time ();
  return self;
}

/**
 * nf_message_new_error:
 * @source_path: (nullable): the path of the element that failed, like `/pipeline0/jsonsink0`
 * @error: what went wrong
 * @debug: (nullable): details for developers (file, function, line)
 *
 * Creates an ERROR message: the pipeline stops.
 *
 * Returns: (transfer full): the message
 */
NfMessage *
nf_message_new_error (const char   *source_path,
                      const GError *error,
                      const char   *debug)
{
  NfMessage *self;

  g_return_val_if_fail (error != NULL, NULL);

  self = message_new (NF_MESSAGE_ERROR, source_path);
  self->error = g_error_copy (error);
  self->debug = g_strdup (debug);
  return self;
}

/**
 * nf_message_new_warning:
 * @source_path: (nullable): the path of the element where the document failed
 * @document_id: (nullable): the id of the document that failed
 * @error: why it failed
 *
 * Creates a WARNING message: one document failed and the pipeline goes on.
 *
 * Returns: (transfer full): the message
 */
NfMessage *
nf_message_new_warning (const char   *source_path,
                        const char   *document_id,
                        const GError *error)
{
  NfMessage *self;

  g_return_val_if_fail (error != NULL, NULL);

  self = message_new (NF_MESSAGE_WARNING, source_path);
  self->error = g_error_copy (error);
  self->document_id = g_strdup (document_id);
  return self;
}

/**
 * nf_message_new_eos:
 * @source_path: (nullable): the path of the pipeline
 *
 * Creates an EOS message: every document has reached the sinks.
 *
 * Returns: (transfer full): the message
 */
NfMessage *
nf_message_new_eos (const char *source_path)
{
  return message_new (NF_MESSAGE_EOS, source_path);
}

/**
 * nf_message_new_progress:
 * @source_path: (nullable): the path of the pipeline
 * @done: documents that have reached the sinks
 * @failed: how many of those failed
 * @elapsed_us: microseconds since the pipeline started
 *
 * Creates a PROGRESS message.
 *
 * Returns: (transfer full): the message
 */
NfMessage *
nf_message_new_progress (const char *source_path,
                         guint64     done,
                         guint64     failed,
                         gint64      elapsed_us)
{
  NfMessage *self = message_new (NF_MESSAGE_PROGRESS, source_path);

  self->done = done;
  self->failed = failed;
  self->elapsed_us = elapsed_us;
  return self;
}

/**
 * nf_message_new_info:
 * @source_path: (nullable): the path of the element that speaks
 * @text: what it says
 *
 * Creates an INFO message.
 *
 * Returns: (transfer full): the message
 */
NfMessage *
nf_message_new_info (const char *source_path,
                     const char *text)
{
  NfMessage *self = message_new (NF_MESSAGE_INFO, source_path);

  self->text = g_strdup (text);
  return self;
}

/**
 * nf_message_ref:
 * @self: a message
 *
 * Takes a reference.
 *
 * Returns: (transfer full): @self
 */
NfMessage *
nf_message_ref (NfMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * nf_message_unref:
 * @self: (transfer full): a message
 *
 * Drops a reference, freeing the message with the last one.
 */
void
nf_message_unref (NfMessage *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->source_path);
  g_clear_error (&self->error);
  g_free (self->debug);
  g_free (self->document_id);
  g_free (self->text);
  g_free (self);
}

/**
 * nf_message_get_message_type:
 * @self: a message
 *
 * Gives the kind of the message.
 *
 * Returns: the type
 */
NfMessageType
nf_message_get_message_type (NfMessage *self)
{
  return self->type;
}

/**
 * nf_message_get_source_path:
 * @self: a message
 *
 * Gives the path of the element or pipeline that posted the message.
 *
 * Returns: (nullable): a path like `/pipeline0/fetch0`
 */
const char *
nf_message_get_source_path (NfMessage *self)
{
  return self->source_path;
}

/**
 * nf_message_get_error:
 * @self: a message
 *
 * Gives the error of an ERROR or WARNING message.
 *
 * Returns: (nullable) (transfer none): the error
 */
const GError *
nf_message_get_error (NfMessage *self)
{
  return self->error;
}

/**
 * nf_message_get_debug:
 * @self: a message
 *
 * Gives the developer details of an ERROR message.
 *
 * Returns: (nullable): the debug text
 */
const char *
nf_message_get_debug (NfMessage *self)
{
  return self->debug;
}

/**
 * nf_message_get_document_id:
 * @self: a message
 *
 * Gives the id of the document a WARNING is about.
 *
 * Returns: (nullable): the id
 */
const char *
nf_message_get_document_id (NfMessage *self)
{
  return self->document_id;
}

/**
 * nf_message_get_text:
 * @self: a message
 *
 * Gives the text of an INFO message.
 *
 * Returns: (nullable): the text
 */
const char *
nf_message_get_text (NfMessage *self)
{
  return self->text;
}

/**
 * nf_message_get_progress:
 * @self: a PROGRESS message
 * @done: (out) (optional): documents that reached the sinks
 * @failed: (out) (optional): how many of them failed
 * @elapsed_us: (out) (optional): microseconds since the start
 *
 * Reads a PROGRESS message.
 */
void
nf_message_get_progress (NfMessage *self,
                         guint64   *done,
                         guint64   *failed,
                         gint64    *elapsed_us)
{
  if (done)
    *done = self->done;
  if (failed)
    *failed = self->failed;
  if (elapsed_us)
    *elapsed_us = self->elapsed_us;
}

/**
 * nf_message_get_timestamp:
 * @self: a message
 *
 * Gives the time the message was created.
 *
 * Returns: the g_get_monotonic_time() at creation
 */
gint64
nf_message_get_timestamp (NfMessage *self)
{
  return self->timestamp;
}

/**
 * nf_message_to_string:
 * @self: a message
 *
 * Formats the message for a log or a terminal.
 *
 * Returns: (transfer full): a line like `WARNING /pipeline0/fetch0: doc-7: HTTP 404`
 */
char *
nf_message_to_string (NfMessage *self)
{
  const char *path = self->source_path ? self->source_path : "";

  switch (self->type)
    {
    case NF_MESSAGE_ERROR:
      return g_strdup_printf ("ERROR %s: %s", path, self->error->message);
    case NF_MESSAGE_WARNING:
      return g_strdup_printf ("WARNING %s: %s: %s", path,
                              self->document_id ? self->document_id : "(no id)",
                              self->error->message);
    case NF_MESSAGE_EOS:
      return g_strdup_printf ("EOS %s", path);
    case NF_MESSAGE_PROGRESS:
      return g_strdup_printf ("PROGRESS %s: %" G_GUINT64_FORMAT " done, %"
                              G_GUINT64_FORMAT " failed, %.2f s", path,
                              self->done, self->failed, self->elapsed_us / 1e6);
    case NF_MESSAGE_INFO:
    default:
      return g_strdup_printf ("INFO %s: %s", path, self->text ? self->text : "");
    }
}
