/* nf-value.h: property values to and from strings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include <glib-object.h>
#include "nf-version-macros.h"
#include "nf-types.h"

G_BEGIN_DECLS

NF_AVAILABLE_IN_ALL
gboolean  nf_value_from_string                (GValue       *value,
                                               GParamSpec   *pspec,
                                               const char   *string,
                                               GError      **error);
NF_AVAILABLE_IN_ALL
char     *nf_value_to_string                  (const GValue *value);
NF_AVAILABLE_IN_ALL
gboolean  nf_element_set_property_from_string (NfElement    *self,
                                               const char   *property,
                                               const char   *value,
                                               GError      **error);
NF_AVAILABLE_IN_ALL
char     *nf_param_spec_describe_type         (GParamSpec   *pspec);

NF_AVAILABLE_IN_ALL
gboolean  nf_property_update_string           (GObject      *object,
                                               char        **field,
                                               const GValue *value,
                                               GParamSpec   *pspec);
NF_AVAILABLE_IN_ALL
gboolean  nf_property_update_uint             (GObject      *object,
                                               guint        *field,
                                               const GValue *value,
                                               GParamSpec   *pspec);
NF_AVAILABLE_IN_ALL
gboolean  nf_property_update_double           (GObject      *object,
                                               double       *field,
                                               const GValue *value,
                                               GParamSpec   *pspec);
NF_AVAILABLE_IN_ALL
gboolean  nf_property_update_uint64           (GObject      *object,
                                               guint64      *field,
                                               const GValue *value,
                                               GParamSpec   *pspec);
NF_AVAILABLE_IN_ALL
gboolean  nf_property_update_boolean          (GObject      *object,
                                               gboolean     *field,
                                               const GValue *value,
                                               GParamSpec   *pspec);

G_END_DECLS
