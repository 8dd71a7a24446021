/* main.c: News Digest, a GTK 4 + libadwaita reader built on libnewsfilter
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"
#include "nd-application.h"

#include <glib/gi18n.h>
#include <locale.h>

int
main (int    argc,
      char **argv)
{
  g_autoptr(NdApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = nd_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  /* --self-test reports its verdict through the exit status. */
  if (status == 0)
    status = nd_application_get_exit_status (app);
  return status;
}
