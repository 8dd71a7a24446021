/* nd-self-test.h: --self-test: open an article, screenshot the window, exit
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nd-window.h"

G_BEGIN_DECLS

#define ND_TYPE_SELF_TEST (nd_self_test_get_type ())

G_DECLARE_FINAL_TYPE (NdSelfTest, nd_self_test, ND, SELF_TEST, GObject)

NdSelfTest *nd_self_test_new          (NdWindow   *window,
                                       const char *screenshot_path);
void        nd_self_test_start        (NdSelfTest *self,
                                       GFile      *file);
int         nd_self_test_get_status   (NdSelfTest *self);

G_END_DECLS
