/* nd-application.h: the News Digest application
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ND_APPLICATION_ID "org.libnewsfilter.NewsDigest"

#define ND_TYPE_APPLICATION (nd_application_get_type ())

G_DECLARE_FINAL_TYPE (NdApplication, nd_application, ND, APPLICATION, AdwApplication)

NdApplication *nd_application_new              (void);
int            nd_application_get_exit_status  (NdApplication *self);

G_END_DECLS
