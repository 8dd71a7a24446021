/* nf-core-output.c: the buffered output file shared by jsonsink and textsink
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-core-output.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>

/* Big enough that a million small records cost a few thousand system calls. */
#define FLUSH_THRESHOLD (64 * 1024)

struct _NfCoreOutput
{
  char    *location;     /* as the user wrote it, for messages */
  int      fd;
  gboolean owns_fd;      /* FALSE for standard output */
  gboolean flush_always; /* a terminal shows each document as it comes */
  GString *buffer;
};

static const char *
describe_location (const char *location)
{
  return g_strcmp0 (location, "-") == 0 ? "standard output" : location;
}

/* Opens @location ("-" is standard output) for writing, truncating an
 * existing file. A plain open() rather than g_file_replace(): replace refuses
 * character devices such as /dev/null or /dev/stdout, which are fair outputs. */
NfCoreOutput *
nf_core_output_open (const char  *location,
                     GError     **error)
{
  g_autoptr(NfCoreOutput) self = g_new0 (NfCoreOutput, 1);

  if (location == NULL || *location == '\0')
    {
      g_set_error_literal (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                           "no output location set");
      return NULL;
    }

  self->location = g_strdup (location);
  self->buffer = g_string_sized_new (FLUSH_THRESHOLD + 4096);

  if (g_strcmp0 (location, "-") == 0)
    {
      self->fd = STDOUT_FILENO;
      self->owns_fd = FALSE;
    }
  else
    {
      self->fd = g_open (location, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
      if (self->fd < 0)
        {
          int saved_errno = errno;

          g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_OPEN_WRITE,
                       "could not open %s for writing: %s",
                       location, g_strerror (saved_errno));
          return NULL;
        }
      self->owns_fd = TRUE;
    }

  self->flush_always = isatty (self->fd);

  return g_steal_pointer (&self);
}

static gboolean
flush_buffer (NfCoreOutput  *self,
              GError       **error)
{
  gsize done = 0;

  while (done < self->buffer->len)
    {
      gssize n = write (self->fd, self->buffer->str + done, self->buffer->len - done);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;

          g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_WRITE,
                       "could not write to %s: %s",
                       describe_location (self->location), g_strerror (saved_errno));
          g_string_truncate (self->buffer, 0);
          return FALSE;
        }

      done += n;
    }

  g_string_truncate (self->buffer, 0);
  return TRUE;
}

gboolean
nf_core_output_write (NfCoreOutput  *self,
                      const char    *data,
                      gssize         length,
                      GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->fd >= 0, FALSE);

  g_string_append_len (self->buffer, data, length);

  if (self->buffer->len >= FLUSH_THRESHOLD || self->flush_always)
    return flush_buffer (self, error);

  return TRUE;
}

/* Hands what is gathered to the system now. */
gboolean
nf_core_output_flush (NfCoreOutput  *self,
                      GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->fd < 0 || flush_buffer (self, error);
}

/* Writes what is left and closes the file; close() can be the first to
 * report a failed write (NFS, quotas), so its result counts too. */
gboolean
nf_core_output_close (NfCoreOutput  *self,
                      GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->fd < 0)
    return TRUE;

  ok = flush_buffer (self, error);

  if (self->owns_fd)
    {
      if (close (self->fd) != 0 && ok)
        {
          int saved_errno = errno;

          g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_WRITE,
                       "could not write to %s: %s",
                       describe_location (self->location), g_strerror (saved_errno));
          ok = FALSE;
        }
    }

  self->fd = -1;
  return ok;
}

void
nf_core_output_free (NfCoreOutput *self)
{
  if (self == NULL)
    return;

  if (self->owns_fd && self->fd >= 0)
    close (self->fd);

  g_free (self->location);
  if (self->buffer != NULL)
    g_string_free (self->buffer, TRUE);
  g_free (self);
}
