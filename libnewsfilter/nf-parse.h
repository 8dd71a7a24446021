/* nf-parse.h: pipelines from launch strings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include <glib.h>
#include "nf-version-macros.h"
#include "nf-types.h"

G_BEGIN_DECLS

/**
 * NF_PARSE_ERROR:
 *
 * The error domain of [error@Nf.ParseError].
 */
#define NF_PARSE_ERROR (nf_parse_error_quark ())

/**
 * NfParseError:
 * @NF_PARSE_ERROR_SYNTAX: the description is not well formed
 * @NF_PARSE_ERROR_EMPTY: the description (or a part of it) holds no element
 * @NF_PARSE_ERROR_NO_SUCH_ELEMENT: no factory has the element's name
 * @NF_PARSE_ERROR_PLUGIN: the element's plugin failed to load
 * @NF_PARSE_ERROR_NO_SUCH_PROPERTY: the element has no property of that name
 * @NF_PARSE_ERROR_BAD_VALUE: a property value does not fit its type or range
 * @NF_PARSE_ERROR_DUPLICATE_NAME: two elements share a name
 * @NF_PARSE_ERROR_NO_SUCH_REFERENCE: a `name.` reference names no element
 * @NF_PARSE_ERROR_LINK: two elements cannot be linked that way
 * @NF_PARSE_ERROR_NOT_WRITABLE: the property exists but cannot be set: it is
 *   read-only, or can only be set when the element is created
 *
 * Codes of the `nf-parse-error` domain.
 */
typedef enum {
  NF_PARSE_ERROR_SYNTAX,
  NF_PARSE_ERROR_EMPTY,
  NF_PARSE_ERROR_NO_SUCH_ELEMENT,
  NF_PARSE_ERROR_PLUGIN,
  NF_PARSE_ERROR_NO_SUCH_PROPERTY,
  NF_PARSE_ERROR_BAD_VALUE,
  NF_PARSE_ERROR_DUPLICATE_NAME,
  NF_PARSE_ERROR_NO_SUCH_REFERENCE,
  NF_PARSE_ERROR_LINK,
  NF_PARSE_ERROR_NOT_WRITABLE,
} NfParseError;

NF_AVAILABLE_IN_ALL
GQuark       nf_parse_error_quark   (void);

NF_AVAILABLE_IN_ALL
NfPipeline  *nf_parse_launch        (const char         *description,
                                     GError            **error);
NF_AVAILABLE_IN_ALL
NfPipeline  *nf_parse_launch_full   (const char         *description,
                                     guint              *error_column,
                                     GError            **error);
NF_AVAILABLE_IN_ALL
NfPipeline  *nf_parse_launchv       (const char * const *argv,
                                     GError            **error);
NF_AVAILABLE_IN_ALL
char        *nf_launch_quote        (const char         *value);

G_END_DECLS
