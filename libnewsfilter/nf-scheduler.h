/* nf-scheduler.h: how one run of a pipeline moves documents (private)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nf-private.h"

G_BEGIN_DECLS

typedef struct _NfScheduler NfScheduler;
typedef struct _NfJob NfJob;

/* A job is one document a source pushed and everything that comes of it on
 * its way to the sinks. Jobs run in parallel; their outputs reach each sink
 * in the order the source pushed them. */

NfScheduler *_nf_scheduler_new            (NfPipeline     *pipeline,
                                           NfSource       *source,
                                           GPtrArray      *sinks,
                                           guint           threads,
                                           guint           max_in_flight,
                                           GMainContext   *context,
                                           GCancellable   *cancellable);
void         _nf_scheduler_free           (NfScheduler    *self);
void         _nf_scheduler_start          (NfScheduler    *self,
                                           GSourceFunc     on_finished,
                                           gpointer        data);
gboolean     _nf_scheduler_submit         (NfScheduler    *self,
                                           NfDocument     *document);
void         _nf_scheduler_fail           (NfScheduler    *self,
                                           NfElement      *element,
                                           const GError   *error,
                                           const char     *debug);
gboolean     _nf_scheduler_is_stopping    (NfScheduler    *self);
GMainContext *_nf_scheduler_get_context   (NfScheduler    *self);
const GError *_nf_scheduler_get_error     (NfScheduler    *self);
guint64      _nf_scheduler_get_n_done     (NfScheduler    *self);
guint64      _nf_scheduler_get_n_failed   (NfScheduler    *self);
guint        _nf_scheduler_get_peak_in_flight (NfScheduler *self);

GCancellable *_nf_scheduler_get_cancellable (NfScheduler   *self);
void         _nf_scheduler_continue       (NfScheduler    *self,
                                           NfJob          *job,
                                           NfElement      *from,
                                           NfDocument     *document);

NfJob       *_nf_job_get_current          (void);
void         _nf_job_hold                 (NfJob          *job);
void         _nf_job_release              (NfJob          *job);
void         _nf_job_set_current          (NfJob          *job);
NfScheduler *_nf_job_get_scheduler        (NfJob          *job);
void         _nf_job_add_output           (NfJob          *job,
                                           NfSink         *sink,
                                           NfDocument     *document);
void         _nf_job_mark_failed          (NfJob          *job);

G_END_DECLS
