/* nf-bus.h: carries messages from a pipeline's threads to its application
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
#include "nf-message.h"

G_BEGIN_DECLS

#define NF_TYPE_BUS (nf_bus_get_type ())

NF_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (NfBus, nf_bus, NF, BUS, GObject)

NF_AVAILABLE_IN_ALL
NfBus         *nf_bus_new                (void);
NF_AVAILABLE_IN_ALL
void           nf_bus_post               (NfBus        *self,
                                          NfMessage    *message);
NF_AVAILABLE_IN_ALL
void           nf_bus_set_main_context   (NfBus        *self,
                                          GMainContext *context);
NF_AVAILABLE_IN_ALL
GMainContext  *nf_bus_get_main_context   (NfBus        *self);
NF_AVAILABLE_IN_ALL
void           nf_bus_invoke             (NfBus        *self,
                                          GSourceFunc   function,
                                          gpointer      data,
                                          GDestroyNotify notify);
NF_AVAILABLE_IN_ALL
void           nf_bus_flush              (NfBus        *self);

G_END_DECLS
