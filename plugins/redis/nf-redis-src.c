/* nf-redis-src.c: reads documents from a Redis Stream through a consumer group
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfRedisSrc:
 *
 * `redissrc` is the source of a worker pipeline: it reads the entries that
 * `redissink` appended to a Redis Stream through a consumer group, so that
 * any number of workers, on any machines, share the work, each entry going
 * to one of them.
 *
 * ```
 * nf-launch redissrc host=redis.example group=newsfilter ! clean ! summarize ! tag ! sqlitesink location=news.db
 * ```
 *
 * An entry is acknowledged (`XACK`) only once every sink of the pipeline
 * has committed what came of it, failed documents included. Entries a dead
 * worker left pending are taken over by the living ones after
 * [property@NfRedisSrc:claim-idle] milliseconds (`XAUTOCLAIM`), and a
 * worker restarted under the same [property@NfRedisSrc:consumer] name
 * first finishes its own pending entries. Delivery is therefore
 * at-least-once: an entry whose worker died after its sinks committed but
 * before the acknowledgement is processed again, which idempotent sinks
 * such as `sqlitesink` absorb.
 *
 * The group is created when missing, reading the stream from its start.
 * An entry whose `doc` field is not a document record comes out as a
 * failed document (its id is STREAM:ENTRY-ID) instead of being dropped.
 * With [property@NfRedisSrc:idle-exit] the source ends once the stream has
 * been quiet that long and nothing is left to claim or to acknowledge, so
 * a batch of workers can run to completion.
 */
#include "nf-redis-elements.h"
#include "nf-redis-connection.h"

#include <string.h>
#include <unistd.h>

NF_DEBUG_CATEGORY_STATIC (redis_src_debug);

#define DEFAULT_GROUP      "newsfilter"
#define DEFAULT_CLAIM_IDLE 60000
#define DEFAULT_BLOCK      1000
#define DEFAULT_COUNT      32
#define IO_TIMEOUT         30000  /* ms a reply may take beyond a BLOCK */

struct _NfRedisSrc
{
  NfSource           parent_instance;

  NfRedisSettings    settings;
  char              *group;
  char              *consumer;
  guint              claim_idle;
  guint              block;
  guint              count;
  guint              idle_exit;

  /* While running: the reader belongs to the source thread; acknowledging
   * happens on the delivering thread, on a connection of its own since
   * the reader may be blocked in XREADGROUP. */
  char              *consumer_name;
  NfRedisConnection *reader;
  NfRedisConnection *acker;
  GMutex             ack_lock;   /* the acker */
  GMutex             lock;       /* in_flight */
  GHashTable        *in_flight;  /* entry ids pushed and not yet done */
};

enum {
  PROP_0,
  PROP_FIRST_COMMON,
  PROP_GROUP = PROP_FIRST_COMMON + NF_REDIS_N_PROPS,
  PROP_CONSUMER,
  PROP_CLAIM_IDLE,
  PROP_BLOCK,
  PROP_COUNT,
  PROP_IDLE_EXIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NfRedisSrc, nf_redis_src, NF_TYPE_SOURCE)

/* The key under which a pushed document keeps its stream entry id. */
static GQuark
entry_id_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("nf-redis-entry-id");
  return quark;
}

/* Where the reading stands in one run of generate(). */
typedef enum {
  PHASE_OURS,  /* re-reading the entries pending on this consumer */
  PHASE_NEW    /* reading entries never delivered to the group */
} Phase;

typedef struct {
  NfRedisSrc   *self;
  GCancellable *cancellable;
  Phase         phase;
  char         *cursor;          /* last of our pending entries read */
  char         *claim_cursor;    /* where XAUTOCLAIM goes on */
  guint         generation;      /* of the reader when last looked at */
  gint64        last_new_us;     /* when an entry last came */
  gint64        last_touch_us;   /* when our entries were last claimed again */
  gboolean      stopped;         /* the pipeline stops: push no more */
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->cursor, g_free);
  g_clear_pointer (&run->claim_cursor, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* ---- Entries in flight ---- */

static void
in_flight_add (NfRedisSrc *self,
               const char *id)
{
  g_mutex_lock (&self->lock);
  g_hash_table_add (self->in_flight, g_strdup (id));
  g_mutex_unlock (&self->lock);
}

static void
in_flight_remove (NfRedisSrc *self,
                  const char *id)
{
  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->in_flight, id);
  g_mutex_unlock (&self->lock);
}

static gboolean
in_flight_contains (NfRedisSrc *self,
                    const char *id)
{
  gboolean found;

  g_mutex_lock (&self->lock);
  found = g_hash_table_contains (self->in_flight, id);
  g_mutex_unlock (&self->lock);
  return found;
}

static guint
in_flight_count (NfRedisSrc *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = g_hash_table_size (self->in_flight);
  g_mutex_unlock (&self->lock);
  return n;
}

/* ---- Commands ---- */

/* Runs a command on the reader, with the run's cancellable. */
static redisReply *
reader_run (Run                *run,
            const char *const  *argv,
            GError            **error)
{
  return nf_redis_connection_run (run->self->reader, argv, run->cancellable, error);
}

/* Creates the group (from the stream's first entry, and the stream with
 * it) unless it exists. */
static gboolean
ensure_group (Run     *run,
              GError **error)
{
  NfRedisSrc *self = run->self;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(redisReply) reply = NULL;

  reply = reader_run (run, (const char *[]) { "XGROUP", "CREATE", self->settings.stream, self->group,
                                              "0", "MKSTREAM", NULL }, &local_error);
  if (reply == NULL && !strstr (local_error->message, "BUSYGROUP"))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Acknowledges entries the source will not push (deleted from the stream):
 * they would otherwise stay pending for ever. */
static void
acknowledge_gone (Run        *run,
                  const char *id)
{
  NfRedisSrc *self = run->self;
  g_autoptr(redisReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  NF_CAT_WARNING (redis_src_debug, "%s: entry %s of stream %s was deleted before it was processed",
                  nf_element_get_name (NF_ELEMENT (self)), id, self->settings.stream);
  reply = reader_run (run, (const char *[]) { "XACK", self->settings.stream, self->group, id, NULL }, &error);
}

/* Keeps our in-flight entries from looking abandoned: claiming them again
 * (XCLAIM … 0 JUSTID) resets their idle time, so other workers do not take
 * over entries that are merely waiting for a commit. */
static gboolean
touch_in_flight (Run     *run,
                 GError **error)
{
  NfRedisSrc *self = run->self;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(redisReply) reply = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  run->last_touch_us = g_get_monotonic_time ();

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->in_flight);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, g_strdup (key));
  g_mutex_unlock (&self->lock);

  if (ids->len == 0)
    return TRUE;

  g_ptr_array_add (argv, "XCLAIM");
  g_ptr_array_add (argv, self->settings.stream);
  g_ptr_array_add (argv, self->group);
  g_ptr_array_add (argv, self->consumer_name);
  g_ptr_array_add (argv, "0");
  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (ids, i));
  g_ptr_array_add (argv, "JUSTID");
  g_ptr_array_add (argv, NULL);

  reply = reader_run (run, (const char *const *) argv->pdata, error);
  return reply != NULL;
}

/* ---- Entries to documents ---- */

/* The document of an entry whose record cannot be read: it still goes
 * through the pipeline, failed, so that the loss shows in the results. */
static NfDocument *
failed_document (NfRedisSrc *self,
                 const char *entry_id,
                 const char *format,
                 ...) G_GNUC_PRINTF (3, 4);

static NfDocument *
failed_document (NfRedisSrc *self,
                 const char *entry_id,
                 const char *format,
                 ...)
{
  g_autofree char *document_id = g_strdup_printf ("%s:%s", self->settings.stream, entry_id);
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  NfDocument *document = nf_document_new (document_id);
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  error = g_error_new (NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
                       "Redis stream “%s”, entry %s: %s", self->settings.stream, entry_id, reason);
  nf_element_fail_document (NF_ELEMENT (self), document, error);
  return document;
}

/* The document an entry [id, [field, value, …]] carries in its doc field. */
static NfDocument *
document_from_fields (NfRedisSrc       *self,
                      const char       *entry_id,
                      const redisReply *fields)
{
  g_autoptr(GError) error = NULL;
  NfDocument *document;

  for (size_t i = 0; i + 1 < fields->elements; i += 2)
    {
      const redisReply *name = fields->element[i];
      const redisReply *value = fields->element[i + 1];

      if (name->type != REDIS_REPLY_STRING || strcmp (name->str, "doc") != 0)
        continue;
      if (value->type != REDIS_REPLY_STRING)
        return failed_document (self, entry_id, "the doc field is not a string");

      document = nf_document_new_from_json_string (value->str, (gssize) value->len, &error);
      if (document == NULL)
        return failed_document (self, entry_id, "the doc field is not a document record: %s",
                                error != NULL ? error->message : "unknown reason");
      return document;
    }

  return failed_document (self, entry_id, "no doc field (an entry not written by redissink?)");
}

/* Pushes the document of one entry, unless it is already in flight here.
 * Returns FALSE once the pipeline stops; counts what it pushed in *@pushed. */
static gboolean
push_entry (Run              *run,
            const redisReply *entry,
            guint            *pushed)
{
  NfRedisSrc *self = run->self;
  g_autoptr(NfDocument) document = NULL;
  const char *id;

  if (entry->type != REDIS_REPLY_ARRAY || entry->elements < 2 || entry->element[0]->type != REDIS_REPLY_STRING)
    return TRUE;

  id = entry->element[0]->str;
  if (in_flight_contains (self, id))
    return TRUE;
  if (entry->element[1]->type != REDIS_REPLY_ARRAY)
    {
      /* [id, nil]: pending, but deleted from the stream since. */
      acknowledge_gone (run, id);
      return TRUE;
    }

  document = document_from_fields (self, id, entry->element[1]);
  g_object_set_qdata_full (G_OBJECT (document), entry_id_quark (), g_strdup (id), g_free);
  in_flight_add (self, id);
  (*pushed)++;

  if (!nf_element_push (NF_ELEMENT (self), document))
    {
      run->stopped = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* The entries of an XREADGROUP reply (nil when BLOCK timed out, else
 * [[stream, [entry, …]]]), or NULL. */
static const redisReply *
read_reply_entries (const redisReply *reply)
{
  const redisReply *stream;

  if (reply->type != REDIS_REPLY_ARRAY || reply->elements == 0)
    return NULL;
  stream = reply->element[0];
  if (stream->type != REDIS_REPLY_ARRAY || stream->elements < 2 || stream->element[1]->type != REDIS_REPLY_ARRAY)
    return NULL;
  return stream->element[1];
}

/* XREADGROUP from @start (">" for new entries, an id for our pending
 * ones), blocking only for new entries. Recreates a group that vanished
 * (a server restarted without its data). */
static redisReply *
read_group (Run         *run,
            const char  *start,
            GError     **error)
{
  NfRedisSrc *self = run->self;
  g_autofree char *count = g_strdup_printf ("%u", MAX (self->count, 1));
  g_autofree char *block = g_strdup_printf ("%u", self->block);
  g_autoptr(GError) local_error = NULL;
  gboolean blocking = strcmp (start, ">") == 0;
  const char *argv[] = {
    "XREADGROUP", "GROUP", self->group, self->consumer_name, "COUNT", count,
    blocking ? "BLOCK" : "STREAMS", blocking ? block : self->settings.stream,
    blocking ? "STREAMS" : start, blocking ? self->settings.stream : NULL,
    blocking ? start : NULL, NULL
  };
  redisReply *reply = reader_run (run, argv, &local_error);

  if (reply == NULL && strstr (local_error->message, "NOGROUP") != NULL)
    {
      g_clear_error (&local_error);
      if (!ensure_group (run, error))
        return NULL;
      reply = reader_run (run, argv, error);
    }
  else if (reply == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return reply;
}

/* Pushes every entry of a read; returns how many were pushed in *@pushed
 * and, in *@last, the id of the last entry seen. FALSE once stopping. */
static gboolean
push_entries (Run              *run,
              const redisReply *entries,
              guint            *pushed,
              guint            *seen,
              char            **last)
{
  for (size_t i = 0; entries != NULL && i < entries->elements; i++)
    {
      const redisReply *entry = entries->element[i];

      (*seen)++;
      if (last != NULL && entry->type == REDIS_REPLY_ARRAY && entry->elements > 0
          && entry->element[0]->type == REDIS_REPLY_STRING)
        {
          g_free (*last);
          *last = g_strdup (entry->element[0]->str);
        }
      if (!push_entry (run, entry, pushed))
        return FALSE;
    }
  return TRUE;
}

/* Reads on through the entries pending on this consumer (a restarted
 * worker's, or those whose reply a lost connection swallowed); once none
 * is left, goes on to new entries. */
static gboolean
read_ours (Run     *run,
           GError **error)
{
  g_autoptr(redisReply) reply = read_group (run, run->cursor, error);
  guint pushed = 0, seen = 0;

  if (reply == NULL)
    return FALSE;
  if (!push_entries (run, read_reply_entries (reply), &pushed, &seen, &run->cursor))
    return TRUE;
  if (seen == 0)
    run->phase = PHASE_NEW;
  return TRUE;
}

/* Takes over entries idle for claim-idle ms on other consumers (dead
 * workers); returns in *@pushed how many it pushed. Entries deleted from
 * the stream meanwhile are in the reply's third element in Redis 7 (and
 * already out of the pending list); in Redis 6.2 they come as [id, nil]
 * and push_entry() acknowledges them. */
static gboolean
claim_abandoned (Run     *run,
                 guint   *pushed,
                 GError **error)
{
  NfRedisSrc *self = run->self;
  g_autofree char *idle = g_strdup_printf ("%u", self->claim_idle);
  g_autofree char *count = g_strdup_printf ("%u", MAX (self->count, 1));

  do
    {
      g_autoptr(redisReply) reply = NULL;
      guint seen = 0;

      reply = reader_run (run, (const char *[]) { "XAUTOCLAIM", self->settings.stream, self->group,
                                                  self->consumer_name, idle, run->claim_cursor,
                                                  "COUNT", count, NULL }, error);
      if (reply == NULL)
        return FALSE;
      if (reply->type != REDIS_REPLY_ARRAY || reply->elements < 2 || reply->element[0]->type != REDIS_REPLY_STRING)
        break;

      g_free (run->claim_cursor);
      run->claim_cursor = g_strdup (reply->element[0]->str);
      if (reply->elements >= 3 && reply->element[2]->type == REDIS_REPLY_ARRAY && reply->element[2]->elements > 0)
        NF_CAT_INFO (redis_src_debug, "%s: %zu claimed entries of stream %s were deleted before they were processed",
                     nf_element_get_name (NF_ELEMENT (self)), reply->element[2]->elements, self->settings.stream);
      if (!push_entries (run, reply->element[1], pushed, &seen, NULL))
        return TRUE;
    }
  while (*pushed == 0 && strcmp (run->claim_cursor, "0-0") != 0);

  return TRUE;
}

/* Whether any entry is pending on this consumer. */
static gboolean
has_pending (Run       *run,
             gboolean  *pending,
             GError   **error)
{
  NfRedisSrc *self = run->self;
  g_autoptr(redisReply) reply = NULL;

  reply = reader_run (run, (const char *[]) { "XPENDING", self->settings.stream, self->group,
                                              "-", "+", "1", self->consumer_name, NULL }, error);
  if (reply == NULL)
    return FALSE;
  *pending = reply->type == REDIS_REPLY_ARRAY && reply->elements > 0;
  return TRUE;
}

/* Nothing new came: claims abandoned entries, and tells in *@done
 * whether the run may end (idle-exit reached with nothing left). */
static gboolean
handle_quiet (Run       *run,
              gboolean  *done,
              GError   **error)
{
  NfRedisSrc *self = run->self;
  guint pushed = 0;
  gboolean pending = FALSE;

  *done = FALSE;
  if (self->claim_idle > 0)
    {
      if (!claim_abandoned (run, &pushed, error))
        return FALSE;
      if (pushed > 0)
        {
          run->last_new_us = g_get_monotonic_time ();
          return TRUE;
        }
    }

  if (self->idle_exit == 0 || g_get_monotonic_time () - run->last_new_us < (gint64) self->idle_exit * 1000)
    return TRUE;

  if (!has_pending (run, &pending, error))
    return FALSE;
  if (!pending)
    *done = TRUE;
  else if (in_flight_count (self) == 0)
    {
      /* Pending here but in flight nowhere: an acknowledgement was lost. */
      run->phase = PHASE_OURS;
      g_free (run->cursor);
      run->cursor = g_strdup ("0");
    }
  return TRUE;
}

/* Reads entries never delivered to the group, waiting up to block ms. */
static gboolean
read_new (Run       *run,
          gboolean  *done,
          GError   **error)
{
  g_autoptr(redisReply) reply = read_group (run, ">", error);
  guint pushed = 0, seen = 0;

  *done = FALSE;
  if (reply == NULL)
    return FALSE;
  if (!push_entries (run, read_reply_entries (reply), &pushed, &seen, NULL))
    return TRUE;
  if (seen > 0)
    {
      run->last_new_us = g_get_monotonic_time ();
      return TRUE;
    }
  return handle_quiet (run, done, error);
}

/* After a reconnect a reply may have been lost with entries in it: they
 * are pending on us, so read ours again from the start. */
static void
check_reconnected (Run *run)
{
  guint generation = nf_redis_connection_get_generation (run->self->reader);

  if (generation == run->generation)
    return;
  run->generation = generation;
  run->phase = PHASE_OURS;
  g_free (run->cursor);
  run->cursor = g_strdup ("0");
}

/* The consumer name: the property, or HOSTNAME-PID. */
static char *
make_consumer_name (NfRedisSrc *self)
{
  if (self->consumer != NULL && *self->consumer != '\0')
    return g_strdup (self->consumer);
  return g_strdup_printf ("%s-%d", g_get_host_name (), (int) getpid ());
}

/* Connects both connections and makes sure the group exists. */
static gboolean
prepare (Run     *run,
         GError **error)
{
  NfRedisSrc *self = run->self;

  if (self->settings.stream == NULL || *self->settings.stream == '\0'
      || self->group == NULL || *self->group == '\0')
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                   "%s: a stream and a group must be set", nf_element_get_name (NF_ELEMENT (self)));
      return FALSE;
    }

  g_free (self->consumer_name);
  self->consumer_name = make_consumer_name (self);
  self->reader = nf_redis_connection_new (&self->settings, self->block + IO_TIMEOUT, NF_ELEMENT_ERROR_READ);
  g_mutex_lock (&self->ack_lock);
  self->acker = nf_redis_connection_new (&self->settings, IO_TIMEOUT, NF_ELEMENT_ERROR_READ);
  g_mutex_unlock (&self->ack_lock);

  if (!nf_redis_connection_open (self->reader, run->cancellable, error))
    return FALSE;
  run->generation = nf_redis_connection_get_generation (self->reader);
  return ensure_group (run, error);
}

static gboolean
nf_redis_src_generate (NfSource      *source,
                       GCancellable  *cancellable,
                       GError       **error)
{
  NfRedisSrc *self = NF_REDIS_SRC (source);
  g_auto(Run) run = { self, cancellable, PHASE_OURS, g_strdup ("0"), g_strdup ("0-0"), 0, 0, 0, FALSE };
  g_autoptr(GError) local_error = NULL;

  if (!prepare (&run, &local_error))
    goto failed;

  run.last_new_us = run.last_touch_us = g_get_monotonic_time ();
  while (!run.stopped && !g_cancellable_is_cancelled (cancellable))
    {
      gboolean done = FALSE;

      check_reconnected (&run);
      if (self->claim_idle > 0
          && g_get_monotonic_time () - run.last_touch_us >= (gint64) self->claim_idle * 1000 / 3
          && !touch_in_flight (&run, &local_error))
        goto failed;

      if (run.phase == PHASE_OURS)
        {
          if (!read_ours (&run, &local_error))
            goto failed;
        }
      else if (!read_new (&run, &done, &local_error))
        goto failed;
      if (done)
        break;
    }
  return TRUE;

failed:
  /* A stop asked for while waiting for the server is no failure. */
  if (nf_redis_error_is_cancelled (local_error))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Acknowledges the entry once every sink committed its results: only then
 * may Redis forget it. A run that was stopped acknowledges nothing more. */
static void
nf_redis_src_document_done (NfSource   *source,
                            NfDocument *document,
                            gboolean    failed)
{
  NfRedisSrc *self = NF_REDIS_SRC (source);
  const char *id = g_object_get_qdata (G_OBJECT (document), entry_id_quark ());
  GCancellable *cancellable = nf_element_get_cancellable (NF_ELEMENT (self));
  g_autoptr(redisReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (id == NULL)
    return;

  g_mutex_lock (&self->ack_lock);
  if (self->acker != NULL && !g_cancellable_is_cancelled (cancellable))
    reply = nf_redis_connection_run (self->acker,
                                     (const char *[]) { "XACK", self->settings.stream, self->group, id, NULL },
                                     cancellable, &error);
  g_mutex_unlock (&self->ack_lock);
  in_flight_remove (self, id);

  if (error != NULL && !nf_redis_error_is_cancelled (error))
    nf_element_post_error (NF_ELEMENT (self), error, NULL);
}

/* Closes both connections once the run is over. */
static gboolean
nf_redis_src_stop (NfElement  *element,
                   GError    **error)
{
  NfRedisSrc *self = NF_REDIS_SRC (element);

  g_clear_pointer (&self->reader, nf_redis_connection_free);
  g_mutex_lock (&self->ack_lock);
  g_clear_pointer (&self->acker, nf_redis_connection_free);
  g_mutex_unlock (&self->ack_lock);
  g_mutex_lock (&self->lock);
  g_hash_table_remove_all (self->in_flight);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static void
nf_redis_src_finalize (GObject *object)
{
  NfRedisSrc *self = NF_REDIS_SRC (object);

  g_clear_pointer (&self->reader, nf_redis_connection_free);
  g_clear_pointer (&self->acker, nf_redis_connection_free);
  g_hash_table_unref (self->in_flight);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->ack_lock);
  g_free (self->consumer_name);
  g_free (self->group);
  g_free (self->consumer);
  nf_redis_settings_clear (&self->settings);

  G_OBJECT_CLASS (nf_redis_src_parent_class)->finalize (object);
}

static void
nf_redis_src_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NfRedisSrc *self = NF_REDIS_SRC (object);

  if (prop_id >= PROP_FIRST_COMMON && prop_id < PROP_FIRST_COMMON + NF_REDIS_N_PROPS)
    {
      nf_redis_settings_get_property (&self->settings, prop_id - PROP_FIRST_COMMON, value);
      return;
    }

  switch (prop_id)
    {
    case PROP_GROUP:
      g_value_set_string (value, self->group);
      break;
    case PROP_CONSUMER:
      g_value_set_string (value, self->consumer);
      break;
    case PROP_CLAIM_IDLE:
      g_value_set_uint (value, self->claim_idle);
      break;
    case PROP_BLOCK:
      g_value_set_uint (value, self->block);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    case PROP_IDLE_EXIT:
      g_value_set_uint (value, self->idle_exit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_redis_src_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  NfRedisSrc *self = NF_REDIS_SRC (object);

  if (prop_id >= PROP_FIRST_COMMON && prop_id < PROP_FIRST_COMMON + NF_REDIS_N_PROPS)
    {
      nf_redis_settings_set_property (&self->settings, object, prop_id - PROP_FIRST_COMMON, value, pspec);
      return;
    }

  switch (prop_id)
    {
    case PROP_GROUP:
      nf_property_update_string (object, &self->group, value, pspec);
      break;
    case PROP_CONSUMER:
      nf_property_update_string (object, &self->consumer, value, pspec);
      break;
    case PROP_CLAIM_IDLE:
      nf_property_update_uint (object, &self->claim_idle, value, pspec);
      break;
    case PROP_BLOCK:
      nf_property_update_uint (object, &self->block, value, pspec);
      break;
    case PROP_COUNT:
      nf_property_update_uint (object, &self->count, value, pspec);
      break;
    case PROP_IDLE_EXIT:
      nf_property_update_uint (object, &self->idle_exit, value, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_redis_src_class_init (NfRedisSrcClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfSourceClass *source_class = NF_SOURCE_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = nf_redis_src_finalize;
  object_class->get_property = nf_redis_src_get_property;
  object_class->set_property = nf_redis_src_set_property;
  element_class->stop = nf_redis_src_stop;
  source_class->generate = nf_redis_src_generate;
  source_class->document_done = nf_redis_src_document_done;

  nf_redis_settings_install (properties + PROP_FIRST_COMMON);

  /**
   * NfRedisSrc:group:
   *
   * The consumer group the workers share; created (reading the stream from
   * its start) when missing.
   */
  properties[PROP_GROUP] =
    g_param_spec_string ("group", "Group",
                         "Consumer group the workers share (created when missing)",
                         DEFAULT_GROUP, flags);

  /**
   * NfRedisSrc:consumer:
   *
   * This worker's name in the group. A worker restarted under the same
   * name first finishes the entries it had pending. Unset: HOSTNAME-PID.
   */
  properties[PROP_CONSUMER] =
    g_param_spec_string ("consumer", "Consumer",
                         "This worker's name in the group; a stable name lets a restarted worker finish its entries (default HOSTNAME-PID)",
                         NULL, flags);

  /**
   * NfRedisSrc:claim-idle:
   *
   * Milliseconds after which an entry pending on another consumer counts
   * as abandoned and is taken over (XAUTOCLAIM). It should exceed the time
   * a document may take through the pipeline. 0 never claims.
   */
  properties[PROP_CLAIM_IDLE] =
    g_param_spec_uint ("claim-idle", "Claim idle",
                       "Milliseconds after which entries pending on another worker are taken over (0: never)",
                       0, G_MAXUINT, DEFAULT_CLAIM_IDLE, flags);

  /**
   * NfRedisSrc:block:
   *
   * Milliseconds one read waits for new entries (XREADGROUP BLOCK); the
   * source notices a stop request between two reads.
   */
  properties[PROP_BLOCK] =
    g_param_spec_uint ("block", "Block",
                       "Milliseconds one read waits for new entries (XREADGROUP BLOCK)",
                       1, 600000, DEFAULT_BLOCK, flags);

  /**
   * NfRedisSrc:count:
   *
   * Entries asked for in one read.
   */
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", "Count",
                       "Entries asked for in one read",
                       1, 100000, DEFAULT_COUNT, flags);

  /**
   * NfRedisSrc:idle-exit:
   *
   * Milliseconds without a new entry after which the source ends, once
   * nothing is left to claim and nothing of its own is pending. 0 runs
   * for ever.
   */
  properties[PROP_IDLE_EXIT] =
    g_param_spec_uint ("idle-exit", "Idle exit",
                       "End after this many quiet milliseconds with nothing left to claim or acknowledge (0: run for ever)",
                       0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  nf_element_class_set_metadata (element_class,
                                 "Redis Stream source",
                                 "Source/Network",
                                 "Reads documents from a Redis Stream through a consumer group, acknowledging each once it is stored",
                                 "libnewsfilter authors");

  NF_DEBUG_CATEGORY_INIT (redis_src_debug, "redissrc", "the redissrc element");
}

static void
nf_redis_src_init (NfRedisSrc *self)
{
  nf_redis_settings_init (&self->settings);
  self->group = g_strdup (DEFAULT_GROUP);
  self->claim_idle = DEFAULT_CLAIM_IDLE;
  self->block = DEFAULT_BLOCK;
  self->count = DEFAULT_COUNT;
  g_mutex_init (&self->lock);
  g_mutex_init (&self->ack_lock);
  self->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
