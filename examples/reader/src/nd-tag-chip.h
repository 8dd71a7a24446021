/* nd-tag-chip.h: one tag of an article, drawn as a coloured chip
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <newsfilter.h>

G_BEGIN_DECLS

#define ND_TYPE_TAG_CHIP (nd_tag_chip_get_type ())

G_DECLARE_FINAL_TYPE (NdTagChip, nd_tag_chip, ND, TAG_CHIP, GtkWidget)

GtkWidget  *nd_tag_chip_new            (NfTag      *tag);
NfTag      *nd_tag_chip_get_tag        (NdTagChip  *self);
const char *nd_tag_chip_kind_label     (const char *kind);
int         nd_tag_chip_kind_order     (const char *kind);

G_END_DECLS
