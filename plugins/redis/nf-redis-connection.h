/* nf-redis-connection.h: what redissink and redissrc share, not installed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <newsfilter.h>
#include <hiredis/hiredis.h>

G_BEGIN_DECLS

/* The properties every element of the plugin has, in this order, from the
 * element's first property id on. */
typedef enum {
  NF_REDIS_PROP_HOST,
  NF_REDIS_PROP_PORT,
  NF_REDIS_PROP_PASSWORD,
  NF_REDIS_PROP_PASSWORD_FILE,
  NF_REDIS_PROP_USER,
  NF_REDIS_PROP_STREAM,
  NF_REDIS_PROP_RECONNECT_TIMEOUT,
  NF_REDIS_N_PROPS
} NfRedisProp;

/* Where the server is and how to log in: the values of the common properties. */
typedef struct {
  char  *host;
  guint  port;
  char  *password;
  char  *password_file;      /* read at connection, when password is unset */
  char  *user;
  char  *stream;
  guint  reconnect_timeout;  /* ms */
} NfRedisSettings;

void      nf_redis_settings_init            (NfRedisSettings  *settings);
void      nf_redis_settings_clear           (NfRedisSettings  *settings);
void      nf_redis_settings_install         (GParamSpec      **pspecs);
void      nf_redis_settings_get_property    (NfRedisSettings  *settings,
                                             NfRedisProp       prop,
                                             GValue           *value);
void      nf_redis_settings_set_property    (NfRedisSettings  *settings,
                                             GObject          *object,
                                             NfRedisProp       prop,
                                             const GValue     *value,
                                             GParamSpec       *pspec);

typedef struct _NfRedisConnection NfRedisConnection;

NfRedisConnection *nf_redis_connection_new  (const NfRedisSettings *settings,
                                             guint             io_timeout_ms,
                                             int               error_code);
void      nf_redis_connection_free          (NfRedisConnection *self);
const char *nf_redis_connection_get_address (NfRedisConnection *self);
guint     nf_redis_connection_get_generation (NfRedisConnection *self);
gboolean  nf_redis_connection_open          (NfRedisConnection *self,
                                             GCancellable     *cancellable,
                                             GError          **error);
redisReply *nf_redis_connection_run         (NfRedisConnection *self,
                                             const char *const *argv,
                                             GCancellable     *cancellable,
                                             GError          **error);
gboolean  nf_redis_connection_run_batch     (NfRedisConnection *self,
                                             GPtrArray        *commands,
                                             GCancellable     *cancellable,
                                             GError          **error);

gboolean  nf_redis_error_is_cancelled       (const GError     *error);
int       nf_redis_compare_ids              (const char       *a,
                                             const char       *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfRedisConnection, nf_redis_connection_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (redisReply, freeReplyObject)

G_END_DECLS
