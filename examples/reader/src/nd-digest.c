/* nd-digest.c: one run of a News Digest pipeline
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Builds `SOURCE ! clean ! summarize ! tag ! appsink` and runs it with
 * nf_pipeline_run_async(). Everything this object emits arrives on the main
 * context the run was started from: the appsink's "new-document" signal and
 * the bus's "message" signal are both delivered there by the library, so the
 * window can touch widgets in its handlers without any locking.
 *
 * Signals:
 * - "article" (NfDocument): a document that went through every element;
 * - "failure" (id, message): a document that failed, once per document,
 *   whether we heard of it first by a bus WARNING or by the failed document
 *   itself reaching the appsink;
 * - "progress" (done, failed): from the bus's PROGRESS messages.
 */
#include "nd-digest.h"

#include <glib/gi18n.h>

struct _NdDigest
{
  GObject       parent_instance;

  NdSourceKind  kind;
  char         *launch_line;
  NfPipeline   *pipeline;
  GHashTable   *failed_ids;   /* so a failure is listed once */
};

enum { SIGNAL_ARTICLE, SIGNAL_FAILURE, SIGNAL_PROGRESS, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (NdDigest, nd_digest, G_TYPE_OBJECT)

static void
nd_digest_finalize (GObject *object)
{
  NdDigest *self = ND_DIGEST (object);

  g_clear_object (&self->pipeline);
  g_clear_pointer (&self->launch_line, g_free);
  g_clear_pointer (&self->failed_ids, g_hash_table_unref);

  G_OBJECT_CLASS (nd_digest_parent_class)->finalize (object);
}

static void
nd_digest_class_init (NdDigestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_digest_finalize;

  signals[SIGNAL_ARTICLE] =
    g_signal_new ("article", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, NF_TYPE_DOCUMENT);
  signals[SIGNAL_FAILURE] =
    g_signal_new ("failure", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_UINT64);
}

static void
nd_digest_init (NdDigest *self)
{
  self->failed_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
report_failure (NdDigest   *self,
                const char *id,
                const char *message)
{
  if (id == NULL)
    id = _("(unknown document)");
  if (!g_hash_table_add (self->failed_ids, g_strdup (id)))
    return;
  g_signal_emit (self, signals[SIGNAL_FAILURE], 0, id, message);
}

/* Runs on the main context (the library delivers appsink signals there). */
static void
on_new_document (NfAppSink  *sink,
                 NfDocument *document,
                 NdDigest   *self)
{
  const GError *error = nf_document_get_error (document);

  if (error != NULL)
    report_failure (self, nf_document_get_id (document), error->message);
  else
    g_signal_emit (self, signals[SIGNAL_ARTICLE], 0, document);
}

static void
on_bus_message (NfBus     *bus,
                NfMessage *message,
                NdDigest  *self)
{
  guint64 done = 0, failed = 0;

  switch (nf_message_get_message_type (message))
    {
    case NF_MESSAGE_PROGRESS:
      nf_message_get_progress (message, &done, &failed, NULL);
      g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, done, failed);
      break;

    case NF_MESSAGE_WARNING:
      report_failure (self, nf_message_get_document_id (message),
                      nf_message_get_error (message)->message);
      break;

    default:
      /* ERROR ends the run: nf_pipeline_run_finish() returns it. */
      break;
    }
}

static const char *
source_for_kind (NdSourceKind kind)
{
  switch (kind)
    {
    case ND_SOURCE_PAGE: return "fetchsrc";
    /* feedsrc makes one document per entry, with the entry's link as its
     * uri; fetch downloads the full article behind it. */
    case ND_SOURCE_FEED: return "feedsrc";
    case ND_SOURCE_FILE:
    default:             return "filesrc";
    }
}

NdDigest *
nd_digest_new (NdSourceKind   kind,
               const char    *location,
               GError       **error)
{
  g_autoptr(NdDigest) self = g_object_new (ND_TYPE_DIGEST, NULL);
  g_autofree char *quoted = nf_launch_quote (location);
  NfElement *sink;

  self->kind = kind;
  self->launch_line = g_strdup_printf ("%s location=%s %s! clean ! summarize ! tag "
                                       "! appsink name=out",
                                       source_for_kind (kind), quoted,
                                       kind == ND_SOURCE_FEED ? "! fetch " : "");
  self->pipeline = nf_parse_launch (self->launch_line, error);
  if (self->pipeline == NULL)
    return NULL;

  sink = nf_pipeline_get_by_name (self->pipeline, "out");
  g_signal_connect_object (sink, "new-document", G_CALLBACK (on_new_document), self, 0);
  g_signal_connect_object (nf_pipeline_get_bus (self->pipeline), "message",
                           G_CALLBACK (on_bus_message), self, 0);

  return g_steal_pointer (&self);
}

const char *
nd_digest_get_launch_line (NdDigest *self)
{
  g_return_val_if_fail (ND_IS_DIGEST (self), NULL);

  return self->launch_line;
}

NdSourceKind
nd_digest_get_kind (NdDigest *self)
{
  g_return_val_if_fail (ND_IS_DIGEST (self), ND_SOURCE_FILE);

  return self->kind;
}

static void
on_pipeline_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (nf_pipeline_run_finish (NF_PIPELINE (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* The pipeline's own threads do the work; this returns at once and the
 * callback runs on the caller's main context after the last document. */
void
nd_digest_run_async (NdDigest            *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ND_IS_DIGEST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_digest_run_async);
  nf_pipeline_run_async (self->pipeline, cancellable, on_pipeline_done, task);
}

gboolean
nd_digest_run_finish (NdDigest      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
