/* nf-value-private.h: what the launch parser shares with nf-value.c, not installed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "newsfilter.h"

G_BEGIN_DECLS

/* nf_value_from_string() whose messages also name the element that owns
 * @pspec (@owner, nullable), as the launch parser and
 * nf_element_set_property_from_string() want them. */
gboolean     _nf_value_from_string_for     (GValue       *value,
                                            GParamSpec   *pspec,
                                            const char   *string,
                                            const char   *owner,
                                            GError      **error);

/* Whether values of @pspec can be written by nf_value_to_string() and read
 * back by nf_value_from_string(). */
gboolean     _nf_param_spec_is_parsable    (GParamSpec   *pspec);

G_END_DECLS
