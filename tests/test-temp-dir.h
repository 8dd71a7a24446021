/* test-temp-dir.h: a temporary directory for tests, removed (one level
 * deep) when freed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *path;
} TempDir;

TempDir *temp_dir_new   (const char *prefix);
char    *temp_dir_write (TempDir    *dir,
                         const char *name,
                         const char *data,
                         gssize      length);
void     temp_dir_free  (TempDir    *dir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TempDir, temp_dir_free)

G_END_DECLS
