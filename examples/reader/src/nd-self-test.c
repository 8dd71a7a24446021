/* nd-self-test.c: --self-test: open an article, screenshot the window, exit
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Drives the real window the way a person would: opens the file, waits for
 * the first card that has a summary, lets GTK draw a few frames so the card
 * is laid out and painted, renders the window to a PNG with the window's own
 * renderer, prints what the card shows and quits. Whatever goes wrong (no
 * article within SELF_TEST_TIMEOUT_S, the run ends without one, the PNG
 * cannot be written) ends the application with status 1 and a message on
 * stderr.
 */
#include "nd-self-test.h"
#include "nd-article-row.h"

#include <glib/gi18n.h>
#include <stdio.h>

#define SELF_TEST_TIMEOUT_S   60
/* Frames drawn after the card is added: one to lay it out, one to paint
 * it, one to spare for the flow box of chips settling its line breaks. */
#define FRAMES_BEFORE_CAPTURE 3

struct _NdSelfTest
{
  GObject       parent_instance;

  NdWindow     *window;
  char         *screenshot_path;
  NdArticleRow *row;            /* the card to report on */
  guint         frames;
  guint         timeout_id;
  gboolean      captured;
  gboolean      finished;
  int           status;
};

G_DEFINE_FINAL_TYPE (NdSelfTest, nd_self_test, G_TYPE_OBJECT)

static void
nd_self_test_finalize (GObject *object)
{
  NdSelfTest *self = ND_SELF_TEST (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->row);
  g_clear_object (&self->window);
  g_free (self->screenshot_path);

  G_OBJECT_CLASS (nd_self_test_parent_class)->finalize (object);
}

static void
nd_self_test_class_init (NdSelfTestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nd_self_test_finalize;
}

static void
nd_self_test_init (NdSelfTest *self)
{
  self->status = 1;
}

static void
finish (NdSelfTest *self,
        int         status,
        const char *failure)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self->window)));

  if (self->finished)
    return;
  self->finished = TRUE;
  self->status = status;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (failure != NULL)
    g_printerr ("self-test failed: %s\n", failure);
  g_application_quit (app);
}

static gboolean
save_screenshot (NdSelfTest  *self,
                 int         *width,
                 int         *height,
                 GError     **error)
{
  GtkWidget *widget = GTK_WIDGET (self->window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;

  *width = gtk_widget_get_width (widget);
  *height = gtk_widget_get_height (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), *width, *height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL || renderer == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the window drew nothing");
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  if (!gdk_texture_save_to_png (texture, self->screenshot_path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write %s",
                   self->screenshot_path);
      return FALSE;
    }
  return TRUE;
}

static void
report (NdSelfTest *self,
        int         width,
        int         height)
{
  NfDocument *document = nd_article_row_get_document (self->row);
  GPtrArray *summary = nf_document_get_summary (document);
  GPtrArray *tags = nf_document_get_tags (document);

  /* Machine-readable on purpose: tests/reader-self-test.py reads it. */
  printf ("title: %s\n", nf_document_get_title (document));
  printf ("summary-sentences: %u\n", summary != NULL ? summary->len : 0);
  printf ("tags: %u\n", tags != NULL ? tags->len : 0);
  printf ("failed: %u\n", nd_window_get_n_failed (self->window));
  printf ("screenshot: %s %dx%d\n", self->screenshot_path, width, height);
  fflush (stdout);
}

static gboolean
capture_tick (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  NdSelfTest *self = user_data;
  g_autoptr(GError) error = NULL;
  int width, height;

  if (++self->frames < FRAMES_BEFORE_CAPTURE)
    return G_SOURCE_CONTINUE;

  self->captured = TRUE;
  if (!save_screenshot (self, &width, &height, &error))
    {
      finish (self, 1, error->message);
      return G_SOURCE_REMOVE;
    }
  report (self, width, height);

  /* Quit once the run is over, so the pipeline's threads end cleanly. */
  if (nd_window_is_running (self->window))
    nd_window_cancel (self->window);
  else
    finish (self, 0, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_article_shown (NdWindow     *window,
                  NdArticleRow *row,
                  NdSelfTest   *self)
{
  GPtrArray *summary = nf_document_get_summary (nd_article_row_get_document (row));

  if (self->row != NULL || summary == NULL || summary->len == 0)
    return;
  self->row = g_object_ref (row);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), capture_tick, self, NULL);
}

static void
on_run_finished (NdWindow   *window,
                 gboolean    ok,
                 NdSelfTest *self)
{
  if (self->captured)
    finish (self, 0, NULL);
  else if (self->row == NULL)
    finish (self, 1, "the run ended without an article with a summary");
  /* else: the capture is a frame or two away and finishes the test. */
}

static gboolean
on_timeout (gpointer user_data)
{
  NdSelfTest *self = user_data;

  self->timeout_id = 0;
  finish (self, 1, "no article with a summary was shown within "
                   G_STRINGIFY (SELF_TEST_TIMEOUT_S) " seconds");
  return G_SOURCE_REMOVE;
}

NdSelfTest *
nd_self_test_new (NdWindow   *window,
                  const char *screenshot_path)
{
  NdSelfTest *self = g_object_new (ND_TYPE_SELF_TEST, NULL);

  self->window = g_object_ref (window);
  self->screenshot_path = g_strdup (screenshot_path);
  g_signal_connect_object (window, "article-shown", G_CALLBACK (on_article_shown), self, 0);
  g_signal_connect_object (window, "run-finished", G_CALLBACK (on_run_finished), self, 0);
  return self;
}

void
nd_self_test_start (NdSelfTest *self,
                    GFile      *file)
{
  g_return_if_fail (ND_IS_SELF_TEST (self));

  self->timeout_id = g_timeout_add_seconds (SELF_TEST_TIMEOUT_S, on_timeout, self);
  nd_window_open_file (self->window, file);
}

int
nd_self_test_get_status (NdSelfTest *self)
{
  g_return_val_if_fail (ND_IS_SELF_TEST (self), 1);

  return self->status;
}
