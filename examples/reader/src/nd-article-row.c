/* nd-article-row.c: one article as a card in the window's list
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A card shows the title, a line "site · date", the summary sentences as a
 * bulleted list and the tags as chips in a flow box. The row keeps a
 * reference to its document: the appsink hands each document over once.
 */
#include "nd-article-row.h"
#include "nd-chip-box.h"
#include "nd-tag-chip.h"

#include <glib/gi18n.h>

struct _NdArticleRow
{
  GtkListBoxRow  parent_instance;

  NfDocument    *document;
};

G_DEFINE_FINAL_TYPE (NdArticleRow, nd_article_row, GTK_TYPE_LIST_BOX_ROW)

static void
nd_article_row_dispose (GObject *object)
{
  NdArticleRow *self = ND_ARTICLE_ROW (object);

  g_clear_object (&self->document);

  G_OBJECT_CLASS (nd_article_row_parent_class)->dispose (object);
}

static void
nd_article_row_class_init (NdArticleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nd_article_row_dispose;
}

static void
nd_article_row_init (NdArticleRow *self)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "article-row");
}

/* The site's name when the page gives one, else the host it came from,
 * else (a local file) the file's name. */
char *
nd_article_row_format_source (NfDocument *document)
{
  const char *uri = nf_document_get_uri (document);
  g_autoptr(GUri) parsed = NULL;

  if (nf_document_get_site_name (document) != NULL)
    return g_strdup (nf_document_get_site_name (document));
  if (uri == NULL)
    return g_strdup (nf_document_get_id (document));

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed != NULL && g_uri_get_host (parsed) != NULL && *g_uri_get_host (parsed) != '\0')
    {
      const char *host = g_uri_get_host (parsed);
      return g_strdup (g_str_has_prefix (host, "www.") ? host + 4 : host);
    }
  if (parsed != NULL)
    return g_path_get_basename (g_uri_get_path (parsed));
  return g_path_get_basename (uri);
}

/* "27 November 2026, 11:00" in local time; NULL when there is no date or it
 * cannot be read (then the card shows no date rather than a wrong one). */
char *
nd_article_row_format_date (const char *iso8601)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso8601 == NULL)
    return NULL;
  utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (utc == NULL)
    {
      /* A date without a time: read it as midnight UTC. */
      g_autofree char *with_time = g_strconcat (iso8601, "T00:00:00Z", NULL);
      utc = g_date_time_new_from_iso8601 (with_time, NULL);
      if (utc == NULL)
        return NULL;
    }
  local = g_date_time_to_local (utc);
  /* Translators: the published date on a card, see strftime(3) and
   * g_date_time_format() */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
make_byline (NfDocument *document)
{
  g_autofree char *source = nd_article_row_format_source (document);
  g_autofree char *date = nd_article_row_format_date (nf_document_get_published (document));
  g_autofree char *text = NULL;

  if (date != NULL)
    /* Translators: "site name · published date" under an article's title */
    text = g_strdup_printf (_("%s · %s"), source, date);
  else
    text = g_strdup (source);
  return make_label (text, "byline");
}

static GtkWidget *
make_summary (NfDocument *document)
{
  GPtrArray *summary = nf_document_get_summary (document);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (box, "summary");
  for (guint i = 0; summary != NULL && i < summary->len; i++)
    {
      NfSentence *sentence = g_ptr_array_index (summary, i);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *bullet = gtk_label_new ("•");
      GtkWidget *text = make_label (nf_sentence_get_text (sentence), "summary-sentence");

      gtk_widget_set_valign (bullet, GTK_ALIGN_START);
      gtk_widget_add_css_class (bullet, "summary-bullet");
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (line), bullet);
      gtk_box_append (GTK_BOX (line), text);
      gtk_box_append (GTK_BOX (box), line);
    }
  if (summary == NULL || summary->len == 0)
    gtk_box_append (GTK_BOX (box), make_label (_("No summary: the text was too short."),
                                               "dim-label"));
  return box;
}

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  NfTag *ta = *(NfTag **) a;
  NfTag *tb = *(NfTag **) b;
  int by_kind = nd_tag_chip_kind_order (nf_tag_get_kind (ta))
                - nd_tag_chip_kind_order (nf_tag_get_kind (tb));

  if (by_kind != 0)
    return by_kind;
  /* Within a kind, the tagger's order (by score) is kept: g_ptr_array_sort
   * is not stable, so break ties on the score. */
  if (nf_tag_get_score (ta) != nf_tag_get_score (tb))
    return nf_tag_get_score (ta) > nf_tag_get_score (tb) ? -1 : 1;
  return g_utf8_collate (nf_tag_get_text (ta), nf_tag_get_text (tb));
}

static GtkWidget *
make_chips (NfDocument *document)
{
  GPtrArray *tags = nf_document_get_tags (document);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GtkWidget *chips = nd_chip_box_new (6);

  gtk_widget_add_css_class (chips, "tag-chips");
  for (guint i = 0; tags != NULL && i < tags->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (tags, i));
  g_ptr_array_sort (sorted, compare_tags);
  for (guint i = 0; i < sorted->len; i++)
    nd_chip_box_append (ND_CHIP_BOX (chips), nd_tag_chip_new (g_ptr_array_index (sorted, i)));

  return chips;
}

static void
nd_article_row_build (NdArticleRow *self)
{
  NfDocument *document = self->document;
  GPtrArray *tags = nf_document_get_tags (document);
  const char *title = nf_document_get_title (document);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *heading;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "article-card");

  heading = make_label (title != NULL ? title : _("Untitled article"), "title-2");
  gtk_widget_add_css_class (heading, "article-title");
  gtk_box_append (GTK_BOX (card), heading);
  gtk_box_append (GTK_BOX (card), make_byline (document));
  gtk_box_append (GTK_BOX (card), make_summary (document));
  if (tags != NULL && tags->len > 0)
    gtk_box_append (GTK_BOX (card), make_chips (document));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), card);
}

GtkWidget *
nd_article_row_new (NfDocument *document)
{
  NdArticleRow *self;

  g_return_val_if_fail (NF_IS_DOCUMENT (document), NULL);

  self = g_object_new (ND_TYPE_ARTICLE_ROW, NULL);
  self->document = g_object_ref (document);
  nd_article_row_build (self);
  return GTK_WIDGET (self);
}

NfDocument *
nd_article_row_get_document (NdArticleRow *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_ROW (self), NULL);

  return self->document;
}
