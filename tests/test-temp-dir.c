/* test-temp-dir.c: a temporary directory for tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-temp-dir.h"

#include <glib/gstdio.h>

/* @prefix names the test ("nf-core"): the directory is PREFIX-XXXXXX. */
TempDir *
temp_dir_new (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  TempDir *dir = g_new0 (TempDir, 1);

  dir->path = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  return dir;
}

/* Writes @length bytes of @data (-1: up to the NUL) to @name in @dir and
 * returns the file's path. */
char *
temp_dir_write (TempDir    *dir,
                const char *name,
                const char *data,
                gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir->path, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

void
temp_dir_free (TempDir *dir)
{
  GDir *d = g_dir_open (dir->path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir->path, name, NULL);
      g_unlink (path);
    }
  g_clear_pointer (&d, g_dir_close);
  g_rmdir (dir->path);
  g_free (dir->path);
  g_free (dir);
}
