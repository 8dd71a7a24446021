/* nf-pipeline.h: elements linked into a running whole
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include <gio/gio.h>
#include "nf-version-macros.h"
#include "nf-types.h"

G_BEGIN_DECLS

#define NF_TYPE_PIPELINE (nf_pipeline_get_type ())

NF_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (NfPipeline, nf_pipeline, NF, PIPELINE, GObject)

NF_AVAILABLE_IN_ALL
NfPipeline   *nf_pipeline_new               (const char          *name);
NF_AVAILABLE_IN_ALL
const char   *nf_pipeline_get_name          (NfPipeline          *self);
NF_AVAILABLE_IN_ALL
gboolean      nf_pipeline_add               (NfPipeline          *self,
                                             NfElement           *element,
                                             GError             **error);
NF_AVAILABLE_IN_ALL
GPtrArray    *nf_pipeline_get_elements      (NfPipeline          *self);
NF_AVAILABLE_IN_ALL
NfElement    *nf_pipeline_get_by_name       (NfPipeline          *self,
                                             const char          *name);
NF_AVAILABLE_IN_ALL
NfBus        *nf_pipeline_get_bus           (NfPipeline          *self);

NF_AVAILABLE_IN_ALL
guint         nf_pipeline_get_threads       (NfPipeline          *self);
NF_AVAILABLE_IN_ALL
void          nf_pipeline_set_threads       (NfPipeline          *self,
                                             guint                threads);
NF_AVAILABLE_IN_ALL
guint         nf_pipeline_get_max_in_flight (NfPipeline          *self);
NF_AVAILABLE_IN_ALL
void          nf_pipeline_set_max_in_flight (NfPipeline          *self,
                                             guint                max_in_flight);

NF_AVAILABLE_IN_ALL
gboolean      nf_pipeline_run               (NfPipeline          *self,
                                             GCancellable        *cancellable,
                                             GError             **error);
NF_AVAILABLE_IN_ALL
void          nf_pipeline_run_async         (NfPipeline          *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
NF_AVAILABLE_IN_ALL
gboolean      nf_pipeline_run_finish        (NfPipeline          *self,
                                             GAsyncResult        *result,
                                             GError             **error);
NF_AVAILABLE_IN_ALL
gboolean      nf_pipeline_is_running        (NfPipeline          *self);

NF_AVAILABLE_IN_ALL
guint64       nf_pipeline_get_n_done        (NfPipeline          *self);
NF_AVAILABLE_IN_ALL
guint64       nf_pipeline_get_n_failed      (NfPipeline          *self);
NF_AVAILABLE_IN_ALL
guint         nf_pipeline_get_peak_in_flight (NfPipeline         *self);

NF_AVAILABLE_IN_ALL
char         *nf_pipeline_to_launch_string  (NfPipeline          *self);

NF_AVAILABLE_IN_ALL
char         *nf_pipeline_to_dot            (NfPipeline          *self);

G_END_DECLS
