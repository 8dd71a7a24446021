/* nd-chip-box.c: lays out tag chips left to right, wrapping like text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * GtkFlowBox lines its children up in columns of equal width, which turns
 * short chips into wide bars; libadwaita 1.2 has no AdwWrapBox. This widget
 * gives each child its natural width (up to the whole line) and starts a new
 * line when the next one does not fit.
 */
#include "nd-chip-box.h"

struct _NdChipBox
{
  GtkWidget  parent_instance;

  guint      spacing;
};

G_DEFINE_FINAL_TYPE (NdChipBox, nd_chip_box, GTK_TYPE_WIDGET)

/* Walks the children as they would be laid out in @width; when @allocate
 * is set, allocates them. Returns the height used. */
static int
layout (NdChipBox *self,
        int        width,
        gboolean   allocate)
{
  int x = 0, y = 0, line_height = 0;
  int spacing = self->spacing;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_width, child_height;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &child_width, NULL, NULL);
      child_width = MIN (child_width, width);
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, NULL, &child_height,
                          NULL, NULL);

      if (x > 0 && x + child_width > width)
        {
          x = 0;
          y += line_height + spacing;
          line_height = 0;
        }
      if (allocate)
        gtk_widget_size_allocate (child,
                                  &(GtkAllocation) { x, y, child_width, child_height }, -1);
      x += child_width + spacing;
      line_height = MAX (line_height, child_height);
    }
  return y + line_height;
}

static void
nd_chip_box_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  NdChipBox *self = ND_CHIP_BOX (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* At least the widest chip's minimum; ideally all on one line. */
      int min = 0, nat = 0, n = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min, child_nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          min = MAX (min, child_min);
          nat += child_nat + (n++ > 0 ? self->spacing : 0);
        }
      *minimum = min;
      *natural = nat;
    }
  else
    {
      int height = layout (self, for_size < 0 ? G_MAXINT / 2 : for_size, FALSE);
      *minimum = *natural = height;
    }
}

static void
nd_chip_box_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  layout (ND_CHIP_BOX (widget), width, TRUE);
}

static GtkSizeRequestMode
nd_chip_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
nd_chip_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (nd_chip_box_parent_class)->dispose (object);
}

static void
nd_chip_box_class_init (NdChipBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_chip_box_dispose;
  widget_class->measure = nd_chip_box_measure;
  widget_class->size_allocate = nd_chip_box_size_allocate;
  widget_class->get_request_mode = nd_chip_box_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "chipbox");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
nd_chip_box_init (NdChipBox *self)
{
}

GtkWidget *
nd_chip_box_new (guint spacing)
{
  NdChipBox *self = g_object_new (ND_TYPE_CHIP_BOX, NULL);

  self->spacing = spacing;
  return GTK_WIDGET (self);
}

void
nd_chip_box_append (NdChipBox *self,
                    GtkWidget *child)
{
  g_return_if_fail (ND_IS_CHIP_BOX (self));
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}
