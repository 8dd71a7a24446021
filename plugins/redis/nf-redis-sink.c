/* nf-redis-sink.c: appends documents to a Redis Stream
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfRedisSink:
 *
 * `redissink` appends every document that reaches it, failed ones included,
 * to a Redis Stream as one entry with a single field, `doc`, holding the
 * document's JSON record (`XADD stream * doc RECORD`), with its raw content
 * unless [property@NfRedisSink:include-content] is false. Worker pipelines read
 * the stream back with `redissrc`.
 *
 * ```
 * nf-launch filesrc location=articles/ ! redissink host=redis.example port=6379
 * ```
 *
 * The entries are sent in batches (pipelined) and a batch is complete when
 * the pipeline commits, so a worker that reads with `redissrc` and writes
 * with `redissink` acknowledges its input only once its output is stored.
 *
 * With [property@NfRedisSink:max-length] the stream is capped, but never
 * below an entry a consumer group still needs: every few hundred entries
 * the sink trims with `XTRIM MINID` at the oldest of the max-length newest
 * entries, or lower, at the oldest entry that any group has pending or not
 * yet read. A slow group therefore makes the stream longer than asked,
 * never loses work.
 */
#include "nf-redis-elements.h"
#include "nf-redis-connection.h"

#include <string.h>

NF_DEBUG_CATEGORY_STATIC (redis_sink_debug);

#define BATCH_MAX    1024   /* entries sent in one round trip at most */
#define TRIM_EVERY   256    /* entries added between two trims */
#define TRIM_MAX     1000   /* entries one trim removes at most */
#define IO_TIMEOUT   30000  /* ms a reply may take */

struct _NfRedisSink
{
  NfSink             parent_instance;

  NfRedisSettings    settings;
  guint64            max_length;
  gboolean           include_content;

  NfRedisConnection *connection;
  GPtrArray         *batch;            /* GStrv: XADD commands not yet sent */
  guint              added_since_trim;
};

enum {
  PROP_0,
  PROP_FIRST_COMMON,
  PROP_MAX_LENGTH = PROP_FIRST_COMMON + NF_REDIS_N_PROPS,
  PROP_INCLUDE_CONTENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NfRedisSink, nf_redis_sink, NF_TYPE_SINK)

/* ---- Trimming ---- */

/* The value of @key in a reply that is a flat key/value list (XINFO). */
static const redisReply *
reply_field (const redisReply *map,
             const char       *key)
{
  if (map == NULL || map->type != REDIS_REPLY_ARRAY)
    return NULL;
  for (size_t i = 0; i + 1 < map->elements; i += 2)
    if (map->element[i]->type == REDIS_REPLY_STRING && strcmp (map->element[i]->str, key) == 0)
      return map->element[i + 1];
  return NULL;
}

/* Keeps the lower of *@lowest and @id in *@lowest. */
static void
keep_lowest (char       **lowest,
             const char  *id)
{
  if (*lowest == NULL || nf_redis_compare_ids (id, *lowest) < 0)
    {
      g_free (*lowest);
      *lowest = g_strdup (id);
    }
}

/* Lowers *@floor to the oldest entry @group still needs: its oldest
 * pending entry and the first one it has not been given yet. */
static gboolean
lower_floor_for_group (NfRedisSink       *self,
                       const redisReply  *group,
                       char             **floor,
                       GError           **error)
{
  const char *stream = self->settings.stream;
  const redisReply *name = reply_field (group, "name");
  const redisReply *last = reply_field (group, "last-delivered-id");
  g_autoptr(redisReply) pending = NULL;
  g_autoptr(redisReply) unread = NULL;
  g_autofree char *after = NULL;

  if (name == NULL || name->type != REDIS_REPLY_STRING || last == NULL || last->type != REDIS_REPLY_STRING)
    return TRUE;

  /* XPENDING's summary: count, smallest id, greatest id, consumers. */
  pending = nf_redis_connection_run (self->connection,
                                     (const char *[]) { "XPENDING", stream, name->str, NULL },
                                     NULL, error);
  if (pending == NULL)
    return FALSE;
  if (pending->type == REDIS_REPLY_ARRAY && pending->elements >= 2
      && pending->element[1]->type == REDIS_REPLY_STRING)
    keep_lowest (floor, pending->element[1]->str);

  after = g_strconcat ("(", last->str, NULL);
  unread = nf_redis_connection_run (self->connection,
                                    (const char *[]) { "XRANGE", stream, after, "+", "COUNT", "1", NULL },
                                    NULL, error);
  if (unread == NULL)
    return FALSE;
  if (unread->type == REDIS_REPLY_ARRAY && unread->elements > 0
      && unread->element[0]->type == REDIS_REPLY_ARRAY && unread->element[0]->elements > 0)
    keep_lowest (floor, unread->element[0]->element[0]->str);

  return TRUE;
}

/* The lowest id any consumer group of the stream still needs, in *@floor
 * (left NULL when no group needs any). */
static gboolean
find_group_floor (NfRedisSink  *self,
                  char        **floor,
                  GError      **error)
{
  g_autoptr(redisReply) groups = NULL;

  groups = nf_redis_connection_run (self->connection,
                                    (const char *[]) { "XINFO", "GROUPS", self->settings.stream, NULL },
                                    NULL, error);
  if (groups == NULL)
    return FALSE;

  for (size_t i = 0; groups->type == REDIS_REPLY_ARRAY && i < groups->elements; i++)
    if (!lower_floor_for_group (self, groups->element[i], floor, error))
      return FALSE;
  return TRUE;
}

/* The id of the oldest entry that max-length lets stay, or NULL when the
 * stream is not longer than that. Only the entries to remove are fetched
 * (at most TRIM_MAX per trim: the next trim goes on). */
static gboolean
find_length_cut (NfRedisSink  *self,
                 char        **cut,
                 GError      **error)
{
  const char *stream = self->settings.stream;
  g_autoptr(redisReply) length = NULL;
  g_autoptr(redisReply) oldest = NULL;
  g_autofree char *count = NULL;
  guint64 excess;

  length = nf_redis_connection_run (self->connection, (const char *[]) { "XLEN", stream, NULL },
                                    NULL, error);
  if (length == NULL)
    return FALSE;
  if (length->type != REDIS_REPLY_INTEGER || (guint64) length->integer <= self->max_length)
    return TRUE;

  excess = MIN ((guint64) length->integer - self->max_length, TRIM_MAX);
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, excess + 1);
  oldest = nf_redis_connection_run (self->connection,
                                    (const char *[]) { "XRANGE", stream, "-", "+", "COUNT", count, NULL },
                                    NULL, error);
  if (oldest == NULL)
    return FALSE;
  if (oldest->type == REDIS_REPLY_ARRAY && oldest->elements > 0)
    {
      const redisReply *entry = oldest->element[oldest->elements - 1];

      if (entry->type == REDIS_REPLY_ARRAY && entry->elements > 0 && entry->element[0]->type == REDIS_REPLY_STRING)
        *cut = g_strdup (entry->element[0]->str);
    }
  return TRUE;
}

/* Caps the stream at max-length entries, but never below an entry a
 * consumer group has pending or has not read: XTRIM MINID at the lower of
 * the two. Ids only grow, so an entry read or claimed meanwhile is above
 * the floor found here and stays. */
static gboolean
trim (NfRedisSink  *self,
      GError      **error)
{
  g_autofree char *cut = NULL;
  g_autofree char *floor = NULL;
  g_autoptr(redisReply) trimmed = NULL;

  self->added_since_trim = 0;
  if (!find_length_cut (self, &cut, error))
    return FALSE;
  if (cut == NULL)
    return TRUE;
  if (!find_group_floor (self, &floor, error))
    return FALSE;
  if (floor != NULL)
    keep_lowest (&cut, floor);

  trimmed = nf_redis_connection_run (self->connection,
                                     (const char *[]) { "XTRIM", self->settings.stream, "MINID", cut, NULL },
                                     NULL, error);
  if (trimmed == NULL)
    return FALSE;
  NF_CAT_DEBUG (redis_sink_debug, "%s: trimmed %lld entries below %s",
                nf_element_get_name (NF_ELEMENT (self)), trimmed->integer, cut);
  return TRUE;
}

/* ---- Sending ---- */

/* Sends the batch (one round trip) and trims when enough was added. */
static gboolean
flush (NfRedisSink  *self,
       GError      **error)
{
  GCancellable *cancellable = nf_element_get_cancellable (NF_ELEMENT (self));

  if (self->batch->len > 0)
    {
      if (!nf_redis_connection_run_batch (self->connection, self->batch, cancellable, error))
        return FALSE;
      self->added_since_trim += self->batch->len;
      g_ptr_array_set_size (self->batch, 0);
    }

  if (self->max_length > 0 && self->added_since_trim >= TRIM_EVERY)
    return trim (self, error);
  return TRUE;
}

/* Queues XADD stream * doc RECORD; a full batch is sent at once. */
static gboolean
nf_redis_sink_render (NfSink      *sink,
                      NfDocument  *document,
                      GError     **error)
{
  NfRedisSink *self = NF_REDIS_SINK (sink);
  char **command = g_new (char *, 6);

  command[0] = g_strdup ("XADD");
  command[1] = g_strdup (self->settings.stream);
  command[2] = g_strdup ("*");
  command[3] = g_strdup ("doc");
  command[4] = nf_document_to_json_string (document, self->include_content);
  command[5] = NULL;
  g_ptr_array_add (self->batch, command);

  if (self->batch->len >= BATCH_MAX)
    return flush (self, error);
  return TRUE;
}

/* Makes sure every entry rendered so far is in the stream. */
static gboolean
nf_redis_sink_commit (NfSink  *sink,
                      GError **error)
{
  return flush (NF_REDIS_SINK (sink), error);
}

/* Connects before the first document, so a wrong address or password
 * fails the run at once (after reconnect-timeout for an absent server). */
static gboolean
nf_redis_sink_start (NfElement  *element,
                     GError    **error)
{
  NfRedisSink *self = NF_REDIS_SINK (element);

  if (self->settings.stream == NULL || *self->settings.stream == '\0')
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                   "%s: no stream set", nf_element_get_name (element));
      return FALSE;
    }

  self->connection = nf_redis_connection_new (&self->settings, IO_TIMEOUT, NF_ELEMENT_ERROR_WRITE);
  self->added_since_trim = 0;
  g_ptr_array_set_size (self->batch, 0);
  return nf_redis_connection_open (self->connection, NULL, error);
}

/* Sends what is left, trims a last time and disconnects. */
static gboolean
nf_redis_sink_stop (NfElement  *element,
                    GError    **error)
{
  NfRedisSink *self = NF_REDIS_SINK (element);
  gboolean ok = TRUE;

  if (self->connection != NULL)
    {
      ok = flush (self, error);
      if (ok && self->max_length > 0 && self->added_since_trim > 0)
        ok = trim (self, error);
    }
  g_clear_pointer (&self->connection, nf_redis_connection_free);
  return ok;
}

static void
nf_redis_sink_finalize (GObject *object)
{
  NfRedisSink *self = NF_REDIS_SINK (object);

  g_clear_pointer (&self->connection, nf_redis_connection_free);
  g_ptr_array_unref (self->batch);
  nf_redis_settings_clear (&self->settings);

  G_OBJECT_CLASS (nf_redis_sink_parent_class)->finalize (object);
}

static void
nf_redis_sink_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  NfRedisSink *self = NF_REDIS_SINK (object);

  if (prop_id >= PROP_FIRST_COMMON && prop_id < PROP_FIRST_COMMON + NF_REDIS_N_PROPS)
    nf_redis_settings_get_property (&self->settings, prop_id - PROP_FIRST_COMMON, value);
  else if (prop_id == PROP_MAX_LENGTH)
    g_value_set_uint64 (value, self->max_length);
  else if (prop_id == PROP_INCLUDE_CONTENT)
    g_value_set_boolean (value, self->include_content);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
nf_redis_sink_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  NfRedisSink *self = NF_REDIS_SINK (object);

  if (prop_id >= PROP_FIRST_COMMON && prop_id < PROP_FIRST_COMMON + NF_REDIS_N_PROPS)
    nf_redis_settings_set_property (&self->settings, object, prop_id - PROP_FIRST_COMMON, value, pspec);
  else if (prop_id == PROP_MAX_LENGTH)
    nf_property_update_uint64 (object, &self->max_length, value, pspec);
  else if (prop_id == PROP_INCLUDE_CONTENT)
    nf_property_update_boolean (object, &self->include_content, value, pspec);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
nf_redis_sink_class_init (NfRedisSinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfSinkClass *sink_class = NF_SINK_CLASS (klass);

  object_class->finalize = nf_redis_sink_finalize;
  object_class->get_property = nf_redis_sink_get_property;
  object_class->set_property = nf_redis_sink_set_property;
  element_class->start = nf_redis_sink_start;
  element_class->stop = nf_redis_sink_stop;
  sink_class->render = nf_redis_sink_render;
  sink_class->commit = nf_redis_sink_commit;

  nf_redis_settings_install (properties + PROP_FIRST_COMMON);

  /**
   * NfRedisSink:max-length:
   *
   * Roughly how many entries the stream keeps: every few hundred entries
   * added, older ones are trimmed (`XTRIM MINID`), but never one that a
   * consumer group has pending or not yet read. 0 never trims.
   */
  properties[PROP_MAX_LENGTH] =
    g_param_spec_uint64 ("max-length", "Maximum length",
                         "Entries the stream keeps; older ones no group still needs are trimmed (0: never trim)",
                         0, G_MAXUINT64, 0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfRedisSink:include-content:
   *
   * Whether entries also carry the document's raw content (the fetched
   * page), which workers that run `clean` need. Results of a worker that
   * go on to another stream rarely do: set it to false there.
   */
  properties[PROP_INCLUDE_CONTENT] =
    g_param_spec_boolean ("include-content", "Include content",
                          "Send each document's raw content (fetched pages) too, for workers that clean them",
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  nf_element_class_set_metadata (element_class,
                                 "Redis Stream sink",
                                 "Sink/Network",
                                 "Appends each document's JSON record to a Redis Stream (XADD)",
                                 "libnewsfilter authors");

  NF_DEBUG_CATEGORY_INIT (redis_sink_debug, "redissink", "the redissink element");
}

static void
nf_redis_sink_init (NfRedisSink *self)
{
  nf_redis_settings_init (&self->settings);
  self->include_content = TRUE;
  self->batch = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}
