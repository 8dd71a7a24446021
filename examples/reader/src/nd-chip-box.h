/* nd-chip-box.h: lays out tag chips left to right, wrapping like text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ND_TYPE_CHIP_BOX (nd_chip_box_get_type ())

G_DECLARE_FINAL_TYPE (NdChipBox, nd_chip_box, ND, CHIP_BOX, GtkWidget)

GtkWidget *nd_chip_box_new     (guint      spacing);
void       nd_chip_box_append  (NdChipBox *self,
                                GtkWidget *child);

G_END_DECLS
