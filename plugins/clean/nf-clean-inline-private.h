/* nf-clean-inline-private.h: the inline markup of blocks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The block cutter (nf-clean-blocks.c) tells an NfCleanMarkup what its walk
 * meets inside a block (text, links, emphasis, code, table cells,
 * preformatted text) and gets each block's inline markup back when the
 * block ends. It makes one only for the Markdown and HTML formats.
 */
#pragma once

#include "nf-clean-private.h"

G_BEGIN_DECLS

/* The markup of the block being cut, in the output format. */
typedef struct _NfCleanMarkup NfCleanMarkup;

NfCleanMarkup *nf_clean_markup_new          (xmlNode       *root,
                                             NfCleanFormat  format);
void           nf_clean_markup_free         (NfCleanMarkup *markup);

void           nf_clean_markup_add_text     (NfCleanMarkup *markup,
                                             const char    *text);
gboolean       nf_clean_markup_is_inline_element (xmlNode  *node);
void           nf_clean_markup_push_inline  (NfCleanMarkup *markup,
                                             xmlNode       *element);
void           nf_clean_markup_pop_inline   (NfCleanMarkup *markup);
void           nf_clean_markup_enter_cell   (NfCleanMarkup *markup,
                                             xmlNode       *cell);
void           nf_clean_markup_leave_cell   (NfCleanMarkup *markup,
                                             xmlNode       *cell);
void           nf_clean_markup_enter_pre    (NfCleanMarkup *markup);
void           nf_clean_markup_leave_pre    (NfCleanMarkup *markup);
void           nf_clean_markup_end_block    (NfCleanMarkup *markup,
                                             NfCleanBlock  *block);

G_END_DECLS
