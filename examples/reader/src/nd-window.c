/* nd-window.c: the News Digest main window
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Layout (libadwaita 1.2: no AdwToolbarView, AdwBanner or AdwSpinner):
 *
 *   AdwApplicationWindow
 *   └ AdwToastOverlay                  errors and "cancelled" as toasts
 *     └ GtkBox
 *       ├ AdwHeaderBar                 open menu, title, main menu
 *       ├ GtkBox.address-bar           entry, Feed toggle, Digest, Cancel
 *       ├ GtkProgressBar               while a run goes on
 *       ├ GtkLabel.status-line         what ran, how many, how it ended
 *       └ GtkStack                     AdwStatusPage | scrolled cards
 *                                      (GtkListBox of NdArticleRow, then
 *                                      the failed documents, never hidden)
 *
 * The window owns at most one NdDigest and one GCancellable at a time.
 * Everything the digest emits arrives on the main context, so handlers
 * change widgets directly; the pipeline's threads never touch GTK.
 */
#include "nd-window.h"
#include "nd-article-row.h"
#include "nd-chip-box.h"
#include "nd-tag-chip.h"

#include <glib/gi18n.h>
#include <string.h>

/* How often the progress bar pulses while the number of documents is not
 * known (a feed, a folder): PROGRESS messages come only twice a second. */
#define PULSE_INTERVAL_MS 120

struct _NdWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toasts;
  AdwWindowTitle       *title;
  GtkEntry             *address;
  GtkToggleButton      *feed_toggle;
  GtkButton            *digest_button;
  GtkButton            *cancel_button;
  GtkProgressBar       *progress;
  GtkLabel             *status;
  GtkStack             *stack;
  GtkListBox           *articles;
  GtkExpander          *failures_expander;
  GtkListBox           *failures;

  NdDigest             *digest;
  GCancellable         *cancellable;
  guint                 n_articles;
  guint                 n_failed;
  guint                 n_expected;   /* 0: unknown, pulse */
  guint                 pulse_id;
  gulong                feed_toggled_id;
  gboolean              feed_chosen;  /* the user set the toggle */
};

enum { SIGNAL_ARTICLE_SHOWN, SIGNAL_RUN_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (NdWindow, nd_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_toast (NdWindow   *self,
            const char *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static gboolean
pulse_cb (gpointer user_data)
{
  NdWindow *self = user_data;

  gtk_progress_bar_pulse (self->progress);
  return G_SOURCE_CONTINUE;
}

static void
stop_pulsing (NdWindow *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static void
set_running (NdWindow *self,
             gboolean  running)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), running);
  if (!running)
    stop_pulsing (self);
  else if (self->n_expected == 0 && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (PULSE_INTERVAL_MS, pulse_cb, self);
}

static void
update_progress (NdWindow *self,
                 guint64   done,
                 guint64   failed)
{
  g_autofree char *text = NULL;

  /* Translators: progress bar text while articles are processed */
  /* Counts as guint: xgettext cannot read G_GUINT64_FORMAT in a msgid,
   * and one window shows far fewer than 4 billion documents. */
  text = g_strdup_printf (ngettext ("%u document done, %u failed",
                                    "%u documents done, %u failed",
                                    (gulong) done),
                          (guint) done, (guint) failed);
  gtk_progress_bar_set_text (self->progress, text);
  if (self->n_expected > 0)
    gtk_progress_bar_set_fraction (self->progress,
                                   MIN (1.0, (double) (done + failed) / self->n_expected));
}

/* Digest signals: all on the main context ---------------------------------- */

static void
on_article (NdDigest   *digest,
            NfDocument *document,
            NdWindow   *self)
{
  GtkWidget *row = nd_article_row_new (document);

  gtk_list_box_append (self->articles, row);
  gtk_stack_set_visible_child_name (self->stack, "articles");
  self->n_articles++;
  update_progress (self, self->n_articles, self->n_failed);
  g_signal_emit (self, signals[SIGNAL_ARTICLE_SHOWN], 0, row);
}

static GtkWidget *
make_failure_row (const char *id,
                  const char *message)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *what = gtk_label_new (id);
  GtkWidget *why = gtk_label_new (message);

  gtk_widget_add_css_class (box, "failure");
  gtk_label_set_xalign (GTK_LABEL (what), 0.0);
  gtk_label_set_wrap (GTK_LABEL (what), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (what), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (what), TRUE);
  gtk_widget_add_css_class (what, "heading");
  gtk_label_set_xalign (GTK_LABEL (why), 0.0);
  gtk_label_set_wrap (GTK_LABEL (why), TRUE);
  gtk_widget_add_css_class (why, "error");
  gtk_box_append (GTK_BOX (box), what);
  gtk_box_append (GTK_BOX (box), why);
  return box;
}

static void
on_failure (NdDigest   *digest,
            const char *id,
            const char *message,
            NdWindow   *self)
{
  g_autofree char *label = NULL;

  self->n_failed++;
  gtk_list_box_append (self->failures, make_failure_row (id, message));
  /* Translators: heading of the list of documents that failed */
  label = g_strdup_printf (ngettext ("%u document failed", "%u documents failed", self->n_failed),
                           self->n_failed);
  gtk_expander_set_label (self->failures_expander, label);
  update_progress (self, self->n_articles, self->n_failed);
  gtk_widget_set_visible (GTK_WIDGET (self->failures_expander), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "articles");
}

static void
on_progress (NdDigest *digest,
             guint64   done,
             guint64   failed,
             NdWindow *self)
{
  /* PROGRESS comes twice a second; the cards may already be ahead of it. */
  update_progress (self, MAX (done, self->n_articles), MAX (failed, self->n_failed));
}

static void
set_status_finished (NdWindow     *self,
                     const GError *error)
{
  g_autofree char *counts = NULL;
  g_autofree char *text = NULL;

  /* Translators: the status line after a run: "7 articles, 1 failed" */
  counts = g_strdup_printf (ngettext ("%u article, %u failed", "%u articles, %u failed",
                                      self->n_articles),
                            self->n_articles, self->n_failed);
  if (error == NULL)
    text = g_strdup_printf (_("Done: %s."), counts);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    text = g_strdup_printf (_("Cancelled: %s."), counts);
  else
    text = g_strdup_printf (_("Stopped by an error: %s (%s)."), error->message, counts);
  gtk_label_set_text (self->status, text);
}

static void
on_run_finished (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(NdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = nd_digest_run_finish (ND_DIGEST (source), result, &error);

  /* A run that was replaced by a newer one says nothing any more. */
  if (ND_DIGEST (source) != self->digest)
    return;

  set_running (self, FALSE);
  set_status_finished (self, error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, _("Cancelled"));
  else if (error != NULL)
    show_toast (self, error->message);
  else if (self->n_articles == 0 && self->n_failed == 0)
    show_toast (self, _("No articles found there"));

  g_clear_object (&self->cancellable);
  g_signal_emit (self, signals[SIGNAL_RUN_FINISHED], 0, ok);
}

/* Starting a run ------------------------------------------------------------ */

static void
clear_results (NdWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->articles))) != NULL)
    gtk_list_box_remove (self->articles, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->failures))) != NULL)
    gtk_list_box_remove (self->failures, child);
  gtk_widget_set_visible (GTK_WIDGET (self->failures_expander), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  self->n_articles = 0;
  self->n_failed = 0;
}

static void
forget_digest (NdWindow *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->digest != NULL)
    g_signal_handlers_disconnect_by_data (self->digest, self);
  g_clear_object (&self->digest);
  stop_pulsing (self);
}

void
nd_window_open (NdWindow     *self,
                NdSourceKind  kind,
                const char   *location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdDigest) digest = NULL;

  g_return_if_fail (ND_IS_WINDOW (self));
  g_return_if_fail (location != NULL);

  forget_digest (self);
  clear_results (self);

  digest = nd_digest_new (kind, location, &error);
  if (digest == NULL)
    {
      gtk_label_set_text (self->status, error->message);
      show_toast (self, error->message);
      g_signal_emit (self, signals[SIGNAL_RUN_FINISHED], 0, FALSE);
      return;
    }

  self->digest = g_steal_pointer (&digest);
  self->cancellable = g_cancellable_new ();
  /* One page, or one file, is one document; feeds and folders say how many
   * only as they go. */
  self->n_expected = (kind == ND_SOURCE_PAGE
                      || (kind == ND_SOURCE_FILE && !g_file_test (location, G_FILE_TEST_IS_DIR)))
                     ? 1 : 0;
  g_signal_connect (self->digest, "article", G_CALLBACK (on_article), self);
  g_signal_connect (self->digest, "failure", G_CALLBACK (on_failure), self);
  g_signal_connect (self->digest, "progress", G_CALLBACK (on_progress), self);

  adw_window_title_set_subtitle (self->title, location);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status), nd_digest_get_launch_line (self->digest));
  gtk_label_set_text (self->status, _("Reading…"));
  gtk_progress_bar_set_fraction (self->progress, 0.0);
  update_progress (self, 0, 0);
  set_running (self, TRUE);

  nd_digest_run_async (self->digest, self->cancellable, on_run_finished, g_object_ref (self));
}

static gboolean
looks_like_feed (const char *location)
{
  g_autofree char *lower = g_ascii_strdown (location, -1);
  static const char * const endings[] = { ".rss", ".atom", ".xml", ".opml", "/rss", "/feed",
                                          "/feed/", "/atom", "/rss/", ".rdf" };

  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    if (g_str_has_suffix (lower, endings[i]))
      return TRUE;
  return strstr (lower, "/feeds/") != NULL || strstr (lower, "format=rss") != NULL;
}

void
nd_window_open_file (NdWindow *self,
                     GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);

  g_return_if_fail (ND_IS_WINDOW (self));

  if (path == NULL)
    {
      show_toast (self, _("Only local files can be opened"));
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->address), path);
  nd_window_open (self, looks_like_feed (path) ? ND_SOURCE_FEED : ND_SOURCE_FILE, path);
}

gboolean
nd_window_is_running (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), FALSE);

  return self->cancellable != NULL;
}

void
nd_window_cancel (NdWindow *self)
{
  g_return_if_fail (ND_IS_WINDOW (self));

  if (self->cancellable != NULL)
    {
      gtk_label_set_text (self->status, _("Cancelling…"));
      g_cancellable_cancel (self->cancellable);
    }
}

guint
nd_window_get_n_failed (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), 0);

  return self->n_failed;
}

/* The address bar ----------------------------------------------------------- */

/* Page or feed? A toggle, set for the user when the address looks like a
 * feed (…/feed, .rss, .xml) and left alone once they click it. We do not
 * try the address as a feed first and fall back to a page: that downloads
 * every page twice, and feedsrc reports a page that is no feed as a failed
 * document, which this window lists rather than hides, so the fallback would
 * show a failure for every ordinary page. */
static void
on_address_changed (GtkEditable *editable,
                    NdWindow    *self)
{
  const char *text = gtk_editable_get_text (editable);

  if (self->feed_chosen)
    return;
  g_signal_handler_block (self->feed_toggle, self->feed_toggled_id);
  gtk_toggle_button_set_active (self->feed_toggle, looks_like_feed (text));
  g_signal_handler_unblock (self->feed_toggle, self->feed_toggled_id);
}

static void
on_feed_toggled (GtkToggleButton *toggle,
                 NdWindow        *self)
{
  self->feed_chosen = TRUE;
}

static void
digest_address (NdWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address))));
  gboolean feed = gtk_toggle_button_get_active (self->feed_toggle);
  g_autofree char *scheme = NULL;
  g_autofree char *location = NULL;

  if (*text == '\0')
    {
      show_toast (self, _("Paste the address of a page or a feed first"));
      return;
    }

  scheme = g_uri_parse_scheme (text);
  if (g_strcmp0 (scheme, "file") == 0)
    location = g_filename_from_uri (text, NULL, NULL);
  else if (scheme == NULL && g_file_test (text, G_FILE_TEST_EXISTS))
    location = g_strdup (text);

  if (location != NULL)
    nd_window_open (self, feed ? ND_SOURCE_FEED : ND_SOURCE_FILE, location);
  else
    {
      /* "example.org/news" means the web, not a file that is not there. */
      g_autofree char *uri = scheme != NULL ? g_strdup (text) : g_strconcat ("https://", text, NULL);
      nd_window_open (self, feed ? ND_SOURCE_FEED : ND_SOURCE_PAGE, uri);
    }
}

/* Actions ------------------------------------------------------------------- */

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     NdWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      nd_window_open_file (self, file);
    }
  g_object_unref (chooser);
}

/* GtkFileChooserNative: GTK 4.8 has no GtkFileDialog. Through the portal
 * when there is one, so it works in a Flatpak sandbox too. */
static void
choose (NdWindow             *self,
        GtkFileChooserAction  action,
        const char           *title)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, _("_Open"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  choose (ND_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Open an Article or a Feed"));
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose (ND_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("Open a Folder of Articles"));
}

static void
digest_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  digest_address (ND_WINDOW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  nd_window_cancel (ND_WINDOW (widget));
}

/* Building the window --------------------------------------------------------- */

static GtkWidget *
build_header (NdWindow *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *open_button = gtk_button_new_from_icon_name ("document-open-symbolic");
  g_autoptr(GMenu) menu = g_menu_new ();

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("News Digest"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (open_button), "win.open-file");
  gtk_widget_set_tooltip_text (open_button, _("Open an article or a feed file"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), open_button);

  g_menu_append (menu, _("Open _File…"), "win.open-file");
  g_menu_append (menu, _("Open F_older…"), "win.open-folder");
  g_menu_append (menu, _("_About News Digest"), "app.about");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "open-menu-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (menu_button, _("Main menu"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), menu_button);

  return header;
}

static GtkWidget *
build_address_bar (NdWindow *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_add_css_class (bar, "address-bar");

  self->address = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->address), TRUE);
  gtk_entry_set_placeholder_text (self->address, _("Paste the address of a page or a feed"));
  gtk_entry_set_input_purpose (self->address, GTK_INPUT_PURPOSE_URL);
  gtk_entry_set_activates_default (self->address, TRUE);
  g_signal_connect (self->address, "changed", G_CALLBACK (on_address_changed), self);

  self->feed_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Feed")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->feed_toggle),
                               _("Read the address as a feed and digest every article it lists"));
  self->feed_toggled_id = g_signal_connect (self->feed_toggle, "toggled",
                                            G_CALLBACK (on_feed_toggled), self);

  self->digest_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Digest")));
  gtk_widget_add_css_class (GTK_WIDGET (self->digest_button), "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->digest_button), "win.digest");

  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), "win.cancel");
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);

  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->address));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->feed_toggle));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->digest_button));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->cancel_button));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->digest_button));
  return bar;
}

/* What the chips' colours mean, as chips themselves. */
static GtkWidget *
build_legend (void)
{
  static const char * const legend_kinds[] = {
    NF_TAG_KIND_TOPIC, NF_TAG_KIND_PERSON, NF_TAG_KIND_ORGANIZATION, NF_TAG_KIND_PLACE,
    NF_TAG_KIND_MISC, NF_TAG_KIND_KEYWORD, NF_TAG_KIND_SOURCE,
  };
  GtkWidget *legend = nd_chip_box_new (6);

  gtk_widget_add_css_class (legend, "legend");
  for (guint i = 0; i < G_N_ELEMENTS (legend_kinds); i++)
    {
      g_autoptr(NfTag) tag = nf_tag_new (legend_kinds[i],
                                         nd_tag_chip_kind_label (legend_kinds[i]));
      nd_chip_box_append (ND_CHIP_BOX (legend), nd_tag_chip_new (tag));
    }
  return legend;
}

static GtkWidget *
build_results (NdWindow *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  self->articles = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->articles, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->articles), "article-list");

  self->failures = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->failures, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->failures), "boxed-list");
  self->failures_expander = GTK_EXPANDER (gtk_expander_new (NULL));
  gtk_expander_set_expanded (self->failures_expander, TRUE);
  gtk_expander_set_child (self->failures_expander, GTK_WIDGET (self->failures));
  gtk_widget_add_css_class (GTK_WIDGET (self->failures_expander), "failures");
  gtk_widget_set_visible (GTK_WIDGET (self->failures_expander), FALSE);

  gtk_box_append (GTK_BOX (box), build_legend ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->failures_expander));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->articles));
  gtk_widget_add_css_class (box, "results");
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 860);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}

static GtkWidget *
build_empty_page (void)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "x-office-document-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("No Articles Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("Paste the address of a news page or a feed above, "
                                     "or open a saved article or a folder of them."));
  return page;
}

static void
nd_window_build (NdWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), build_header (self));
  gtk_box_append (GTK_BOX (box), build_address_bar (self));

  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_progress_bar_set_pulse_step (self->progress, 0.05);
  gtk_widget_add_css_class (GTK_WIDGET (self->progress), "digest-progress");
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress));

  self->status = GTK_LABEL (gtk_label_new (_("Ready.")));
  gtk_label_set_xalign (self->status, 0.0);
  gtk_label_set_ellipsize (self->status, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "status-line");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, build_empty_page (), "empty");
  gtk_stack_add_named (self->stack, build_results (self), "articles");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, box);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), GTK_WIDGET (self->toasts));
}

static void
nd_window_dispose (GObject *object)
{
  NdWindow *self = ND_WINDOW (object);

  forget_digest (self);

  G_OBJECT_CLASS (nd_window_parent_class)->dispose (object);
}

static void
nd_window_class_init (NdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_window_dispose;

  gtk_widget_class_install_action (widget_class, "win.open-file", NULL, open_file_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.digest", NULL, digest_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-file", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);

  /* An article card was added to the list (for --self-test). */
  signals[SIGNAL_ARTICLE_SHOWN] =
    g_signal_new ("article-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ND_TYPE_ARTICLE_ROW);
  /* A run ended; TRUE when it was not cancelled and had no error. */
  signals[SIGNAL_RUN_FINISHED] =
    g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
nd_window_init (NdWindow *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("News Digest"));
  gtk_window_set_default_size (GTK_WINDOW (self), 900, 780);
  nd_window_build (self);
}

NdWindow *
nd_window_new (AdwApplication *application)
{
  return g_object_new (ND_TYPE_WINDOW, "application", application, NULL);
}
