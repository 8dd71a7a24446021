/* nd-tag-chip.c: one tag of an article, drawn as a coloured chip
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * GTK 4.8 and libadwaita 1.2 have no chip widget, and GtkLabel cannot be
 * subclassed, so a chip is a widget holding one label. Its look comes from
 * the stylesheet (style.css): the CSS node is `chip`, with the class
 * `tag-chip` and the tag's kind (`person`, `place`, `organization`,
 * `keyword`, `topic`, `source`, `misc`) as a second class that picks the
 * colour.
 */
#include "nd-tag-chip.h"

#include <glib/gi18n.h>

struct _NdTagChip
{
  GtkWidget  parent_instance;

  NfTag     *tag;
  GtkWidget *label;
};

G_DEFINE_FINAL_TYPE (NdTagChip, nd_tag_chip, GTK_TYPE_WIDGET)

/* Known kinds, in the order chips are shown: what the article is about
 * first, who is quoted last. */
static const struct {
  const char *kind;
  const char *label;
} kinds[] = {
  { NF_TAG_KIND_TOPIC,        N_("Topic") },
  { NF_TAG_KIND_PERSON,       N_("Person") },
  { NF_TAG_KIND_ORGANIZATION, N_("Organization") },
  { NF_TAG_KIND_PLACE,        N_("Place") },
  { NF_TAG_KIND_MISC,         N_("Name") },
  { NF_TAG_KIND_KEYWORD,      N_("Keyword") },
  { NF_TAG_KIND_SOURCE,       N_("Source") },
};

int
nd_tag_chip_kind_order (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].kind) == 0)
      return i;
  return G_N_ELEMENTS (kinds);
}

const char *
nd_tag_chip_kind_label (const char *kind)
{
  int i = nd_tag_chip_kind_order (kind);

  return i < (int) G_N_ELEMENTS (kinds) ? _(kinds[i].label) : kind;
}

static void
nd_tag_chip_dispose (GObject *object)
{
  NdTagChip *self = ND_TAG_CHIP (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);
  g_clear_object (&self->tag);

  G_OBJECT_CLASS (nd_tag_chip_parent_class)->dispose (object);
}

static void
nd_tag_chip_class_init (NdTagChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_tag_chip_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
nd_tag_chip_init (NdTagChip *self)
{
  self->label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (self->label), 32);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "tag-chip");
}

static void
nd_tag_chip_set_tag (NdTagChip *self,
                     NfTag     *tag)
{
  const char *kind = nf_tag_get_kind (tag);
  const char *speaker = nf_tag_get_speaker (tag);
  g_autofree char *tooltip = NULL;

  g_set_object (&self->tag, tag);
  gtk_label_set_text (GTK_LABEL (self->label), nf_tag_get_text (tag));

  /* Unknown kinds (from a custom element) get the neutral look. */
  if (nd_tag_chip_kind_order (kind) < (int) G_N_ELEMENTS (kinds))
    gtk_widget_add_css_class (GTK_WIDGET (self), kind);
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "misc");

  if (speaker != NULL)
    /* Translators: a source tag's tooltip: "Source: the budget office, quoted by: Jane Doe" */
    tooltip = g_strdup_printf (_("%s: %s, quoted by: %s"), nd_tag_chip_kind_label (kind),
                               nf_tag_get_text (tag), speaker);
  else
    tooltip = g_strdup_printf ("%s: %s", nd_tag_chip_kind_label (kind), nf_tag_get_text (tag));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

GtkWidget *
nd_tag_chip_new (NfTag *tag)
{
  NdTagChip *self;

  g_return_val_if_fail (NF_IS_TAG (tag), NULL);

  self = g_object_new (ND_TYPE_TAG_CHIP, NULL);
  nd_tag_chip_set_tag (self, tag);
  return GTK_WIDGET (self);
}

NfTag *
nd_tag_chip_get_tag (NdTagChip *self)
{
  g_return_val_if_fail (ND_IS_TAG_CHIP (self), NULL);

  return self->tag;
}
