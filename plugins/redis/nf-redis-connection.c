/* nf-redis-connection.c: the connection redissink and redissrc share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * Both elements talk to one Redis server through a blocking hiredis context
 * that this file owns: it connects and logs in (AUTH password, or AUTH user
 * password for an ACL user), and when the connection is lost it connects
 * again with a growing pause between attempts, for at most the element's
 * reconnect-timeout, before giving up with an error that names host:port.
 * A server that is still loading its data after a restart (LOADING) is
 * waited for the same way. Commands are sent again after a reconnect: the
 * callers are built for at-least-once delivery, so a repeated XADD or XACK
 * costs at most a duplicate that the sinks downstream absorb.
 *
 * The common properties (host, port, password, user, stream,
 * reconnect-timeout) are declared here too, so both elements describe them
 * in the same words.
 */
#include "nf-redis-connection.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_HOST              "127.0.0.1"
#define DEFAULT_PORT              6379
#define DEFAULT_STREAM            "newsfilter"
#define DEFAULT_RECONNECT_TIMEOUT 30000

#define CONNECT_TIMEOUT_MS 2000
#define FIRST_PAUSE_MS     50
#define LONGEST_PAUSE_MS   2000
#define PAUSE_SLICE_MS     20

struct _NfRedisConnection
{
  char         *host;
  guint         port;
  char         *password;
  char         *password_file;   /* read on the first open, when password is unset */
  char         *user;
  char         *address;            /* "host:port", for messages */
  guint         reconnect_timeout;  /* ms */
  guint         io_timeout;         /* ms */
  int           error_code;         /* NF_ELEMENT_ERROR_* for failures */
  redisContext *context;            /* NULL while disconnected */
  guint         generation;         /* how many times it (re)connected */
};

/* How one attempt to connect ended. */
typedef enum {
  ATTEMPT_CONNECTED,
  ATTEMPT_RETRY,   /* the server is not there (yet): try again */
  ATTEMPT_FATAL    /* it answered no (bad password): trying again is useless */
} Attempt;

/* ---- The common properties ---- */

/* Sets the defaults of the common properties. */
void
nf_redis_settings_init (NfRedisSettings *settings)
{
  settings->host = g_strdup (DEFAULT_HOST);
  settings->port = DEFAULT_PORT;
  settings->password = NULL;
  settings->password_file = NULL;
  settings->user = NULL;
  settings->stream = g_strdup (DEFAULT_STREAM);
  settings->reconnect_timeout = DEFAULT_RECONNECT_TIMEOUT;
}

/* Frees the strings of @settings. */
void
nf_redis_settings_clear (NfRedisSettings *settings)
{
  g_clear_pointer (&settings->host, g_free);
  g_clear_pointer (&settings->password, g_free);
  g_clear_pointer (&settings->password_file, g_free);
  g_clear_pointer (&settings->user, g_free);
  g_clear_pointer (&settings->stream, g_free);
}

/* Fills @pspecs[0 .. NF_REDIS_N_PROPS - 1] with the common properties, for
 * the element to install with its own. */
void
nf_redis_settings_install (GParamSpec **pspecs)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  pspecs[NF_REDIS_PROP_HOST] =
    g_param_spec_string ("host", "Host",
                         "Host name or address of the Redis server (no TLS: tunnel it, see docs/workers.md)",
                         DEFAULT_HOST, flags);
  pspecs[NF_REDIS_PROP_PORT] =
    g_param_spec_uint ("port", "Port",
                       "TCP port of the Redis server",
                       1, 65535, DEFAULT_PORT, flags);
  pspecs[NF_REDIS_PROP_PASSWORD] =
    g_param_spec_string ("password", "Password",
                         "Password sent with AUTH after connecting (none: no AUTH)",
                         NULL, flags);
  pspecs[NF_REDIS_PROP_PASSWORD_FILE] =
    g_param_spec_string ("password-file", "Password file",
                         "File holding the password (its first line), so that it stays out of the process list",
                         NULL, flags);
  pspecs[NF_REDIS_PROP_USER] =
    g_param_spec_string ("user", "User",
                         "ACL user name: AUTH user password instead of AUTH password (needs password)",
                         NULL, flags);
  pspecs[NF_REDIS_PROP_STREAM] =
    g_param_spec_string ("stream", "Stream",
                         "Key of the Redis Stream the documents go through",
                         DEFAULT_STREAM, flags);
  pspecs[NF_REDIS_PROP_RECONNECT_TIMEOUT] =
    g_param_spec_uint ("reconnect-timeout", "Reconnect timeout",
                       "Milliseconds to keep trying to reach the server before the pipeline fails",
                       0, G_MAXUINT, DEFAULT_RECONNECT_TIMEOUT, flags);
}

/* Reads one common property into @value. */
void
nf_redis_settings_get_property (NfRedisSettings *settings,
                                NfRedisProp      prop,
                                GValue          *value)
{
  switch (prop)
    {
    case NF_REDIS_PROP_HOST:
      g_value_set_string (value, settings->host);
      break;
    case NF_REDIS_PROP_PORT:
      g_value_set_uint (value, settings->port);
      break;
    case NF_REDIS_PROP_PASSWORD:
      g_value_set_string (value, settings->password);
      break;
    case NF_REDIS_PROP_PASSWORD_FILE:
      g_value_set_string (value, settings->password_file);
      break;
    case NF_REDIS_PROP_USER:
      g_value_set_string (value, settings->user);
      break;
    case NF_REDIS_PROP_STREAM:
      g_value_set_string (value, settings->stream);
      break;
    case NF_REDIS_PROP_RECONNECT_TIMEOUT:
      g_value_set_uint (value, settings->reconnect_timeout);
      break;
    case NF_REDIS_N_PROPS:
    default:
      g_assert_not_reached ();
    }
}

/* Sets one common property from @value, notifying @object on a change. */
void
nf_redis_settings_set_property (NfRedisSettings *settings,
                                GObject         *object,
                                NfRedisProp      prop,
                                const GValue    *value,
                                GParamSpec      *pspec)
{
  switch (prop)
    {
    case NF_REDIS_PROP_HOST:
      nf_property_update_string (object, &settings->host, value, pspec);
      break;
    case NF_REDIS_PROP_PORT:
      nf_property_update_uint (object, &settings->port, value, pspec);
      break;
    case NF_REDIS_PROP_PASSWORD:
      nf_property_update_string (object, &settings->password, value, pspec);
      break;
    case NF_REDIS_PROP_PASSWORD_FILE:
      nf_property_update_string (object, &settings->password_file, value, pspec);
      break;
    case NF_REDIS_PROP_USER:
      nf_property_update_string (object, &settings->user, value, pspec);
      break;
    case NF_REDIS_PROP_STREAM:
      nf_property_update_string (object, &settings->stream, value, pspec);
      break;
    case NF_REDIS_PROP_RECONNECT_TIMEOUT:
      nf_property_update_uint (object, &settings->reconnect_timeout, value, pspec);
      break;
    case NF_REDIS_N_PROPS:
    default:
      g_assert_not_reached ();
    }
}

/* ---- Small helpers ---- */

/* Whether @error says the pipeline is stopping, not that Redis failed. */
gboolean
nf_redis_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Splits a stream entry id "MS-SEQ" into its two numbers ("5" is 5-0). */
static void
parse_id (const char *id,
          guint64    *ms,
          guint64    *seq)
{
  char *end = NULL;

  *ms = g_ascii_strtoull (id, &end, 10);
  *seq = (end != NULL && *end == '-') ? g_ascii_strtoull (end + 1, NULL, 10) : 0;
}

/* Orders two stream entry ids as Redis does: by time, then by sequence. */
int
nf_redis_compare_ids (const char *a,
                      const char *b)
{
  guint64 a_ms, a_seq, b_ms, b_seq;

  parse_id (a, &a_ms, &a_seq);
  parse_id (b, &b_ms, &b_seq);
  if (a_ms != b_ms)
    return a_ms < b_ms ? -1 : 1;
  if (a_seq != b_seq)
    return a_seq < b_seq ? -1 : 1;
  return 0;
}

static gboolean
set_cancelled (GCancellable  *cancellable,
               GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Sleeps @ms in short slices so that a stopping pipeline is not kept
 * waiting; returns FALSE (with @error set) once @cancellable is cancelled. */
static gboolean
pause_unless_cancelled (guint          ms,
                        GCancellable  *cancellable,
                        GError       **error)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (set_cancelled (cancellable, error))
        return FALSE;
      g_usleep (PAUSE_SLICE_MS * 1000);
    }
  return !set_cancelled (cancellable, error);
}

/* Whether a Redis error reply means "try again shortly" rather than a
 * mistake: a restarted server replays its append-only file first. */
static gboolean
is_transient_reply (const redisReply *reply)
{
  return reply->type == REDIS_REPLY_ERROR
      && (g_str_has_prefix (reply->str, "LOADING") || g_str_has_prefix (reply->str, "BUSY ")
          || g_str_has_prefix (reply->str, "TRYAGAIN"));
}

/* ---- The connection ---- */

/* A disconnected connection to the server named by @settings. Reads and
 * writes give up after @io_timeout_ms (so a BLOCKing read must ask for a
 * longer one); failures carry @error_code of NF_ELEMENT_ERROR. */
NfRedisConnection *
nf_redis_connection_new (const NfRedisSettings *settings,
                         guint                  io_timeout_ms,
                         int                    error_code)
{
  NfRedisConnection *self = g_new0 (NfRedisConnection, 1);

  self->host = g_strdup (settings->host != NULL && *settings->host != '\0' ? settings->host : DEFAULT_HOST);
  self->port = settings->port;
  self->password = g_strdup (settings->password);
  self->password_file = g_strdup (settings->password_file);
  self->user = g_strdup (settings->user);
  self->reconnect_timeout = settings->reconnect_timeout;
  self->io_timeout = io_timeout_ms;
  self->error_code = error_code;
  /* An IPv6 address is bracketed so that the port stays readable. */
  self->address = strchr (self->host, ':') != NULL
    ? g_strdup_printf ("[%s]:%u", self->host, self->port)
    : g_strdup_printf ("%s:%u", self->host, self->port);
  return self;
}

static void
disconnect (NfRedisConnection *self)
{
  g_clear_pointer (&self->context, redisFree);
}

/* Closes the connection and frees @self. */
void
nf_redis_connection_free (NfRedisConnection *self)
{
  if (self == NULL)
    return;
  disconnect (self);
  g_free (self->host);
  g_free (self->password);
  g_free (self->password_file);
  g_free (self->user);
  g_free (self->address);
  g_free (self);
}

/* "host:port", as messages name the server. */
const char *
nf_redis_connection_get_address (NfRedisConnection *self)
{
  return self->address;
}

/* Grows each time the connection is made again: a caller that sees it
 * change knows replies may have been lost on the way (redissrc then reads
 * its pending entries again). */
guint
nf_redis_connection_get_generation (NfRedisConnection *self)
{
  return self->generation;
}

static struct timeval
timeval_from_ms (guint ms)
{
  struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };
  return tv;
}

/* Logs in on a fresh context; a refusal is final (ATTEMPT_FATAL). */
static Attempt
authenticate (NfRedisConnection  *self,
              GString            *why)
{
  g_autoptr(redisReply) reply = NULL;

  if (self->password == NULL || *self->password == '\0')
    return ATTEMPT_CONNECTED;

  if (self->user != NULL && *self->user != '\0')
    reply = redisCommand (self->context, "AUTH %s %s", self->user, self->password);
  else
    reply = redisCommand (self->context, "AUTH %s", self->password);

  if (reply == NULL)
    {
      g_string_assign (why, self->context->errstr);
      return ATTEMPT_RETRY;
    }
  if (is_transient_reply (reply))
    {
      g_string_assign (why, reply->str);
      return ATTEMPT_RETRY;
    }
  if (reply->type == REDIS_REPLY_ERROR)
    {
      g_string_printf (why, "AUTH failed: %s", reply->str);
      return ATTEMPT_FATAL;
    }
  return ATTEMPT_CONNECTED;
}

/* One attempt to connect and log in; @why says what went wrong. */
static Attempt
try_connect (NfRedisConnection *self,
             GString           *why)
{
  struct timeval connect_tv = timeval_from_ms (MIN (CONNECT_TIMEOUT_MS, MAX (self->reconnect_timeout, 100)));
  struct timeval io_tv = timeval_from_ms (self->io_timeout);
  Attempt attempt;

  disconnect (self);
  self->context = redisConnectWithTimeout (self->host, (int) self->port, connect_tv);
  if (self->context == NULL)
    {
      g_string_assign (why, "out of memory");
      return ATTEMPT_RETRY;
    }
  if (self->context->err != 0)
    {
      g_string_assign (why, self->context->errstr);
      disconnect (self);
      return ATTEMPT_RETRY;
    }
  redisSetTimeout (self->context, io_tv);
  redisEnableKeepAlive (self->context);

  attempt = authenticate (self, why);
  if (attempt != ATTEMPT_CONNECTED)
    disconnect (self);
  else
    self->generation++;
  return attempt;
}

/* Connects unless connected, trying again with growing pauses until
 * @deadline (monotonic µs). @lost says whether a working connection was
 * lost, for the message. */
static gboolean
connect_until (NfRedisConnection  *self,
               gint64              deadline,
               const char         *lost,
               GCancellable       *cancellable,
               GError            **error)
{
  g_autoptr(GString) why = g_string_new (lost);
  guint pause = FIRST_PAUSE_MS;

  if (self->context != NULL)
    return TRUE;

  for (;;)
    {
      gint64 left;

      if (set_cancelled (cancellable, error))
        return FALSE;

      switch (try_connect (self, why))
        {
        case ATTEMPT_CONNECTED:
          return TRUE;
        case ATTEMPT_FATAL:
          g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                       "Redis at %s: %s", self->address, why->str);
          return FALSE;
        case ATTEMPT_RETRY:
        default:
          break;
        }

      left = (deadline - g_get_monotonic_time ()) / 1000;
      if (left <= 0)
        {
          g_set_error (error, NF_ELEMENT_ERROR, self->error_code,
                       "Redis at %s: %s: %s (gave up after %u ms)", self->address,
                       lost != NULL ? "connection lost and not back" : "cannot connect",
                       why->str, self->reconnect_timeout);
          return FALSE;
        }
      if (!pause_unless_cancelled (MIN ((gint64) pause, left), cancellable, error))
        return FALSE;
      pause = MIN (pause * 2, LONGEST_PAUSE_MS);
    }
}

static gint64
deadline_from_now (NfRedisConnection *self)
{
  return g_get_monotonic_time () + (gint64) self->reconnect_timeout * 1000;
}

/* Reads the password from password-file (its first line, without the line
 * end) unless a password was given. */
static gboolean
read_password_file (NfRedisConnection  *self,
                    GError            **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;

  if (self->password_file == NULL || *self->password_file == '\0' ||
      (self->password != NULL && *self->password != '\0'))
    return TRUE;
  if (!g_file_get_contents (self->password_file, &contents, NULL, &local_error))
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                   "could not read the password for Redis at %s: %s", self->address, local_error->message);
      return FALSE;
    }
  contents[strcspn (contents, "\r\n")] = '\0';
  if (*contents == '\0')
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                   "the password file %s for Redis at %s is empty", self->password_file, self->address);
      return FALSE;
    }
  g_free (self->password);
  self->password = g_steal_pointer (&contents);
  return TRUE;
}

/* Connects (and logs in), trying for at most reconnect-timeout ms. */
gboolean
nf_redis_connection_open (NfRedisConnection  *self,
                          GCancellable       *cancellable,
                          GError            **error)
{
  if (!read_password_file (self, error))
    return FALSE;
  return connect_until (self, deadline_from_now (self), NULL, cancellable, error);
}

/* A Redis error reply to @command as a GError naming the server. */
static void
set_reply_error (NfRedisConnection  *self,
                 const char         *command,
                 const redisReply   *reply,
                 GError            **error)
{
  g_set_error (error, NF_ELEMENT_ERROR, self->error_code,
               "Redis at %s: %s failed: %s", self->address, command, reply->str);
}

/* Runs one command (@argv, NULL-terminated, each argument a string without
 * NUL bytes) and returns its reply. A lost connection is made again and the
 * command sent again, for at most reconnect-timeout ms; an error reply
 * becomes @error (its text holds Redis' own, BUSYGROUP and the like). */
redisReply *
nf_redis_connection_run (NfRedisConnection  *self,
                         const char *const  *argv,
                         GCancellable       *cancellable,
                         GError            **error)
{
  guint argc = g_strv_length ((char **) argv);
  g_autofree size_t *lengths = g_new (size_t, argc);
  g_autofree char *lost = NULL;
  gint64 deadline = 0;
  guint pause = FIRST_PAUSE_MS;

  for (guint i = 0; i < argc; i++)
    lengths[i] = strlen (argv[i]);

  for (;;)
    {
      redisReply *reply;

      if (deadline == 0)
        {
          if (!nf_redis_connection_open (self, cancellable, error))
            return NULL;
        }
      else if (!connect_until (self, deadline, lost, cancellable, error))
        return NULL;

      reply = redisCommandArgv (self->context, (int) argc, (const char **) argv, lengths);
      if (reply == NULL)
        {
          /* The context is unusable after an I/O error: connect again. */
          g_free (lost);
          lost = g_strdup (self->context->errstr[0] != '\0' ? self->context->errstr : "connection closed");
          disconnect (self);
          if (deadline == 0)
            deadline = deadline_from_now (self);
          continue;
        }
      if (is_transient_reply (reply))
        {
          g_free (lost);
          lost = g_strdup (reply->str);
          freeReplyObject (reply);
          if (deadline == 0)
            deadline = deadline_from_now (self);
          if (g_get_monotonic_time () >= deadline)
            {
              g_set_error (error, NF_ELEMENT_ERROR, self->error_code,
                           "Redis at %s: %s: %s (gave up after %u ms)", self->address,
                           argv[0], lost, self->reconnect_timeout);
              return NULL;
            }
          if (!pause_unless_cancelled (pause, cancellable, error))
            return NULL;
          pause = MIN (pause * 2, LONGEST_PAUSE_MS);
          continue;
        }
      if (reply->type == REDIS_REPLY_ERROR)
        {
          set_reply_error (self, argv[0], reply, error);
          freeReplyObject (reply);
          return NULL;
        }
      return reply;
    }
}

/* Sends every command of @commands (GStrv each) at once and reads all the
 * replies: one round trip for a batch instead of one per command. When the
 * connection is lost half way the whole batch is sent again, so some
 * commands may run twice (at-least-once). */
gboolean
nf_redis_connection_run_batch (NfRedisConnection  *self,
                               GPtrArray          *commands,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_autofree char *lost = NULL;
  gint64 deadline = 0;
  guint pause = FIRST_PAUSE_MS;

  if (commands->len == 0)
    return TRUE;

  for (;;)
    {
      g_autofree char *failure = NULL;
      gboolean transient = FALSE;
      gboolean io_error = FALSE;

      if (deadline == 0)
        {
          if (!nf_redis_connection_open (self, cancellable, error))
            return FALSE;
        }
      else if (!connect_until (self, deadline, lost, cancellable, error))
        return FALSE;

      for (guint i = 0; i < commands->len; i++)
        {
          char **argv = g_ptr_array_index (commands, i);
          guint argc = g_strv_length (argv);
          g_autofree size_t *lengths = g_new (size_t, argc);

          for (guint j = 0; j < argc; j++)
            lengths[j] = strlen (argv[j]);
          if (redisAppendCommandArgv (self->context, (int) argc, (const char **) argv, lengths) != REDIS_OK)
            {
              io_error = TRUE;
              break;
            }
        }

      for (guint i = 0; !io_error && i < commands->len; i++)
        {
          void *data = NULL;
          g_autoptr(redisReply) reply = NULL;

          if (redisGetReply (self->context, &data) != REDIS_OK)
            {
              io_error = TRUE;
              break;
            }
          reply = data;
          if (is_transient_reply (reply))
            transient = TRUE;
          else if (reply->type == REDIS_REPLY_ERROR && failure == NULL)
            failure = g_strdup_printf ("Redis at %s: %s failed: %s", self->address,
                                       ((char **) g_ptr_array_index (commands, i))[0], reply->str);
        }

      if (!io_error && !transient)
        {
          if (failure != NULL)
            {
              g_set_error_literal (error, NF_ELEMENT_ERROR, self->error_code, failure);
              return FALSE;
            }
          return TRUE;
        }

      g_free (lost);
      lost = g_strdup (io_error ? (self->context->errstr[0] != '\0' ? self->context->errstr : "connection closed")
                                : "the server is loading its data");
      if (io_error)
        disconnect (self);
      if (deadline == 0)
        deadline = deadline_from_now (self);
      if (transient && !io_error)
        {
          if (g_get_monotonic_time () >= deadline)
            {
              g_set_error (error, NF_ELEMENT_ERROR, self->error_code,
                           "Redis at %s: %s (gave up after %u ms)", self->address, lost,
                           self->reconnect_timeout);
              return FALSE;
            }
          if (!pause_unless_cancelled (pause, cancellable, error))
            return FALSE;
          pause = MIN (pause * 2, LONGEST_PAUSE_MS);
        }
    }
}
