/* nf-feed-state.h: the entries a feedsrc has emitted, remembered across
 * runs (plugin-internal)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many keys a state keeps unless told otherwise; past it the oldest go. */
#define NF_FEED_STATE_DEFAULT_MAX_KEYS 100000

typedef struct _NfFeedState NfFeedState;

NfFeedState *nf_feed_state_new        (guint          max_keys);
void         nf_feed_state_free       (NfFeedState   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NfFeedState, nf_feed_state_free)

/* Reads @path into the state; a file that does not exist is an empty state.
 * Fails with NF_ELEMENT_ERROR_OPEN_READ, or NF_ELEMENT_ERROR_FORMAT for a
 * file that is not a feedsrc state. */
gboolean     nf_feed_state_load       (NfFeedState   *self,
                                       const char    *path,
                                       GError       **error);

/* Writes the state to @path atomically (a temporary file renamed over it).
 * Fails with NF_ELEMENT_ERROR_OPEN_WRITE. */
gboolean     nf_feed_state_save       (NfFeedState   *self,
                                       const char    *path,
                                       GError       **error);

gboolean     nf_feed_state_contains   (NfFeedState   *self,
                                       const char    *key);

/* Remembers @key as first seen at @first_seen (seconds since the epoch).
 * Returns FALSE when it was known already (its time is left alone). */
gboolean     nf_feed_state_add        (NfFeedState   *self,
                                       const char    *key,
                                       gint64         first_seen);

/* When @key was first seen, or -1. */
gint64       nf_feed_state_get_first_seen (NfFeedState *self,
                                       const char    *key);

guint        nf_feed_state_get_size   (NfFeedState   *self);

/* Whether keys were added since the last load or save. */
gboolean     nf_feed_state_is_dirty   (NfFeedState   *self);

G_END_DECLS
