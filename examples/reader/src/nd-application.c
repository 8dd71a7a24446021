/* nd-application.c: the News Digest application
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Parses the command line (files to open, --self-test FILE, --screenshot
 * PATH), loads the stylesheet, initialises libnewsfilter and opens the
 * window. The library needs nothing else from the application: pipelines
 * run on their own threads and report back on the main context.
 */
#include "config.h"
#include "nd-application.h"
#include "nd-window.h"
#include "nd-self-test.h"

#include <glib/gi18n.h>
#include <newsfilter.h>

struct _NdApplication
{
  AdwApplication  parent_instance;

  char           *self_test_file;
  char           *screenshot_path;
  NdSelfTest     *self_test;
};

G_DEFINE_FINAL_TYPE (NdApplication, nd_application, ADW_TYPE_APPLICATION)

static NdWindow *
get_window (NdApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (nd_window_new (ADW_APPLICATION (self)));
  return ND_WINDOW (window);
}

static void
start_self_test (NdApplication *self,
                 NdWindow      *window)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (self->self_test_file);

  self->self_test = nd_self_test_new (window, self->screenshot_path != NULL
                                              ? self->screenshot_path
                                              : "reader-self-test.png");
  nd_self_test_start (self->self_test, file);
}

static void
nd_application_activate (GApplication *application)
{
  NdApplication *self = ND_APPLICATION (application);
  NdWindow *window = get_window (self);

  gtk_window_present (GTK_WINDOW (window));
  if (self->self_test_file != NULL && self->self_test == NULL)
    start_self_test (self, window);
}

static void
nd_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  NdWindow *window = get_window (ND_APPLICATION (application));

  gtk_window_present (GTK_WINDOW (window));
  /* One window shows one run: the first file given wins. */
  if (n_files > 0)
    nd_window_open_file (window, files[0]);
}

static int
nd_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  NdApplication *self = ND_APPLICATION (application);

  g_variant_dict_lookup (options, "self-test", "^ay", &self->self_test_file);
  g_variant_dict_lookup (options, "screenshot", "^ay", &self->screenshot_path);
  if (self->screenshot_path != NULL && self->self_test_file == NULL)
    {
      g_printerr ("%s\n", _("--screenshot needs --self-test"));
      return 2;
    }
  /* A self-test must not hand its work to a News Digest already running. */
  if (self->self_test_file != NULL)
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
  return -1;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  GtkWidget *about = adw_about_window_new ();

  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), _("News Digest"));
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), ND_APPLICATION_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), _("The libnewsfilter developers"));
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _("Summaries and tags of news articles, made by libnewsfilter "
                                   "(clean ! summarize ! tag)."));
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_LGPL_2_1);
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (app));
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* The cards' and chips' look. AdwApplication would also pick up a resource
 * named style.css by itself; loading our own file through a GtkCssProvider
 * keeps it visible where it happens. */
static void
load_stylesheet (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/org/libnewsfilter/NewsDigest/digest.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
nd_application_startup (GApplication *application)
{
  static const GActionEntry actions[] = {
    { .name = "about", .activate = about_action },
    { .name = "quit", .activate = quit_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (nd_application_parent_class)->startup (application);

  nf_init ();
  load_stylesheet ();
  g_action_map_add_action_entries (G_ACTION_MAP (application), actions,
                                   G_N_ELEMENTS (actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
}

static void
nd_application_finalize (GObject *object)
{
  NdApplication *self = ND_APPLICATION (object);

  g_clear_object (&self->self_test);
  g_free (self->self_test_file);
  g_free (self->screenshot_path);

  G_OBJECT_CLASS (nd_application_parent_class)->finalize (object);
}

static void
nd_application_class_init (NdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = nd_application_finalize;
  app_class->startup = nd_application_startup;
  app_class->activate = nd_application_activate;
  app_class->open = nd_application_open;
  app_class->handle_local_options = nd_application_handle_local_options;
}

static void
nd_application_init (NdApplication *self)
{
  static const GOptionEntry options[] = {
    { "self-test", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open FILE, save a screenshot once its summary is shown, print what was shown and quit"),
      N_("FILE") },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Where --self-test saves the screenshot (default: reader-self-test.png)"),
      N_("PATH") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

NdApplication *
nd_application_new (void)
{
  return g_object_new (ND_TYPE_APPLICATION,
                       "application-id", ND_APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/libnewsfilter/NewsDigest",
                       NULL);
}

int
nd_application_get_exit_status (NdApplication *self)
{
  g_return_val_if_fail (ND_IS_APPLICATION (self), 1);

  return self->self_test != NULL ? nd_self_test_get_status (self->self_test) : 0;
}
