/* newsfilter.h: the one header applications include
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#define NF_INSIDE
# include "nf-version-macros.h"
# include "nf-version.h"
# include "nf-types.h"
# include "nf-enums.h"
# include "nf-init.h"
# include "nf-debug.h"
# include "nf-errors.h"
# include "nf-charset.h"
# include "nf-tag.h"
# include "nf-sentence.h"
# include "nf-document.h"
# include "nf-message.h"
# include "nf-bus.h"
# include "nf-element.h"
# include "nf-source.h"
# include "nf-filter.h"
# include "nf-sink.h"
# include "nf-app-src.h"
# include "nf-app-sink.h"
# include "nf-element-factory.h"
# include "nf-plugin.h"
# include "nf-registry.h"
# include "nf-pipeline.h"
# include "nf-parse.h"
# include "nf-value.h"
# include "nf-text.h"
# include "nf-token.h"
# include "nf-stemmer.h"
#undef NF_INSIDE
