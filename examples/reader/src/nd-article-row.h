/* nd-article-row.h: one article as a card in the window's list
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <newsfilter.h>

G_BEGIN_DECLS

#define ND_TYPE_ARTICLE_ROW (nd_article_row_get_type ())

G_DECLARE_FINAL_TYPE (NdArticleRow, nd_article_row, ND, ARTICLE_ROW, GtkListBoxRow)

GtkWidget  *nd_article_row_new             (NfDocument   *document);
NfDocument *nd_article_row_get_document    (NdArticleRow *self);
char       *nd_article_row_format_source   (NfDocument   *document);
char       *nd_article_row_format_date     (const char   *iso8601);

G_END_DECLS
