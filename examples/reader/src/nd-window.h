/* nd-window.h: the News Digest main window
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <adwaita.h>
#include "nd-digest.h"

G_BEGIN_DECLS

#define ND_TYPE_WINDOW (nd_window_get_type ())

G_DECLARE_FINAL_TYPE (NdWindow, nd_window, ND, WINDOW, AdwApplicationWindow)

NdWindow *nd_window_new         (AdwApplication *application);
void      nd_window_open        (NdWindow       *self,
                                 NdSourceKind    kind,
                                 const char     *location);
void      nd_window_open_file   (NdWindow       *self,
                                 GFile          *file);
gboolean  nd_window_is_running  (NdWindow       *self);
void      nd_window_cancel      (NdWindow       *self);
guint     nd_window_get_n_failed (NdWindow      *self);

G_END_DECLS
