/* nf-feed-state.c: the entries a feedsrc has emitted, remembered across runs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-feed-state.h"

#include <errno.h>
#include <string.h>
#include <newsfilter.h>

/* The file is text, one key a line, oldest first:
 *
 *   # libnewsfilter feedsrc state 1
 *   1796032800<TAB>https://example.org/a
 *
 * Keys are escaped as C strings (g_strescape), so a guid with a tab or a
 * newline in it cannot break the format. */
#define STATE_HEADER "# libnewsfilter feedsrc state 1"

typedef struct {
  char   *key;
  gint64  first_seen;
} Item;

struct _NfFeedState
{
  guint       max_keys;
  GQueue      items;     /* Item, oldest first */
  GHashTable *index;     /* key (owned by its Item) → GList link in items */
  gboolean    dirty;
};

static void
item_free (Item *item)
{
  g_free (item->key);
  g_free (item);
}

NfFeedState *
nf_feed_state_new (guint max_keys)
{
  NfFeedState *self = g_new0 (NfFeedState, 1);

  self->max_keys = max_keys > 0 ? max_keys : NF_FEED_STATE_DEFAULT_MAX_KEYS;
  g_queue_init (&self->items);
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

void
nf_feed_state_free (NfFeedState *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->index);
  g_queue_clear_full (&self->items, (GDestroyNotify) item_free);
  g_free (self);
}

static void
drop_oldest (NfFeedState *self)
{
  Item *oldest = g_queue_pop_head (&self->items);

  g_hash_table_remove (self->index, oldest->key);
  item_free (oldest);
}

gboolean
nf_feed_state_contains (NfFeedState *self,
                        const char  *key)
{
  return key != NULL && g_hash_table_contains (self->index, key);
}

gint64
nf_feed_state_get_first_seen (NfFeedState *self,
                              const char  *key)
{
  GList *link = key != NULL ? g_hash_table_lookup (self->index, key) : NULL;

  return link != NULL ? ((Item *) link->data)->first_seen : -1;
}

gboolean
nf_feed_state_add (NfFeedState *self,
                   const char  *key,
                   gint64       first_seen)
{
  Item *item;

  g_return_val_if_fail (key != NULL, FALSE);

  if (g_hash_table_contains (self->index, key))
    return FALSE;

  item = g_new0 (Item, 1);
  item->key = g_strdup (key);
  item->first_seen = first_seen;
  g_queue_push_tail (&self->items, item);
  g_hash_table_insert (self->index, item->key, self->items.tail);

  while (self->items.length > self->max_keys)
    drop_oldest (self);

  self->dirty = TRUE;
  return TRUE;
}

guint
nf_feed_state_get_size (NfFeedState *self)
{
  return self->items.length;
}

gboolean
nf_feed_state_is_dirty (NfFeedState *self)
{
  return self->dirty;
}

/* Non-ASCII bytes stay as they are; only controls, quotes and backslashes
 * are escaped. */
static void
fill_escape_exceptions (char exceptions[129])
{
  for (guint i = 0; i < 128; i++)
    exceptions[i] = (char) (0x80 + i);
  exceptions[128] = '\0';
}

gboolean
nf_feed_state_load (NfFeedState  *self,
                    const char   *path,
                    GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_OPEN_READ,
                   "%s: cannot read the feed state: %s", path, local_error->message);
      return FALSE;
    }

  if (length == 0)
    return TRUE;

  if (!g_str_has_prefix (contents, STATE_HEADER))
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
                   "%s: not a feedsrc state file (it does not start with “%s”); "
                   "refusing to overwrite it", path, STATE_HEADER);
      return FALSE;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char *tab = strchr (lines[i], '\t');
      g_autofree char *key = NULL;
      char *end;
      gint64 first_seen;

      /* A line cut short by a crash before the rename cannot happen (the
       * write is atomic), but a hand-edited file can hold anything. */
      if (tab == NULL || tab[1] == '\0')
        continue;

      *tab = '\0';
      first_seen = g_ascii_strtoll (lines[i], &end, 10);
      if (end == lines[i] || *end != '\0')
        continue;

      key = g_strcompress (tab + 1);
      nf_feed_state_add (self, key, first_seen);
    }

  self->dirty = FALSE;
  return TRUE;
}

gboolean
nf_feed_state_save (NfFeedState  *self,
                    const char   *path,
                    GError      **error)
{
  g_autoptr(GString) out = g_string_new (STATE_HEADER "\n");
  g_autoptr(GError) local_error = NULL;
  char exceptions[129];

  fill_escape_exceptions (exceptions);
  for (GList *link = self->items.head; link != NULL; link = link->next)
    {
      Item *item = link->data;
      g_autofree char *escaped = g_strescape (item->key, exceptions);

      g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%s\n", item->first_seen, escaped);
    }

  if (!g_file_set_contents (path, out->str, out->len, &local_error))
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_OPEN_WRITE,
                   "%s: cannot write the feed state: %s", path, local_error->message);
      return FALSE;
    }

  self->dirty = FALSE;
  return TRUE;
}
