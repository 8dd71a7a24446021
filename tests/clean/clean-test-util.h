/* clean-test-util.h: running the clean element in the clean tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <newsfilter.h>

G_BEGIN_DECLS

NfDocument *clean_test_file   (const char *name,
                               const char *clean_properties);
NfDocument *clean_test_html   (const char *html,
                               gssize      length,
                               const char *clean_properties);
NfDocument *clean_test_text   (const char *text,
                               const char *clean_properties);

G_END_DECLS
