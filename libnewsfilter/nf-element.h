/* nf-element.h: the base class of every element
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

/**
 * NfElementFlags:
 * @NF_ELEMENT_FLAG_NONE: no flag: the element may run on any thread, many documents at once
 * @NF_ELEMENT_FLAG_MAIN_CONTEXT: the element's virtual functions must run on the main
 *   context the pipeline was started from (GJS elements, elements touching GTK)
 * @NF_ELEMENT_FLAG_SERIAL: the element handles one document at a time (it keeps state
 *   that is not thread-safe); documents still run in parallel in the other elements
 * @NF_ELEMENT_FLAG_SEES_FAILED: the element also receives documents that failed
 *   earlier in the pipeline (by default they go past it untouched)
 *
 * How the pipeline may schedule an element's work.
 */
typedef enum /*< flags >*/ {
  NF_ELEMENT_FLAG_NONE         = 0,
  NF_ELEMENT_FLAG_MAIN_CONTEXT = 1 << 0,
  NF_ELEMENT_FLAG_SERIAL       = 1 << 1,
  NF_ELEMENT_FLAG_SEES_FAILED  = 1 << 2,
} NfElementFlags;

/**
 * NF_ELEMENT_METADATA_LONGNAME:
 *
 * The metadata key of an element's human readable name.
 */
#define NF_ELEMENT_METADATA_LONGNAME    "long-name"
/**
 * NF_ELEMENT_METADATA_KLASS:
 *
 * The metadata key of an element's classification, like `Filter/Summarize`.
 */
#define NF_ELEMENT_METADATA_KLASS       "klass"
/**
 * NF_ELEMENT_METADATA_DESCRIPTION:
 *
 * The metadata key of an element's one-sentence description.
 */
#define NF_ELEMENT_METADATA_DESCRIPTION "description"
/**
 * NF_ELEMENT_METADATA_AUTHOR:
 *
 * The metadata key of an element's author.
 */
#define NF_ELEMENT_METADATA_AUTHOR      "author"

#define NF_TYPE_ELEMENT (nf_element_get_type ())

NF_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (NfElement, nf_element, NF, ELEMENT, GObject)

/**
 * NfElementClass:
 * @parent_class: the parent class
 * @start: prepares the element before the first document (open files, load
 *   models); runs on the thread that starts the pipeline
 * @stop: releases what @start took and flushes outputs after the last document
 *
 * The class structure of [class@Nf.Element]. Elements derive from
 * [class@Nf.Source], [class@Nf.Filter] or [class@Nf.Sink], never from
 * #NfElement directly.
 */
struct _NfElementClass
{
  GObjectClass parent_class;

  gboolean (*start) (NfElement  *self,
                     GError    **error);
  gboolean (*stop)  (NfElement  *self,
                     GError    **error);

  /*< private >*/
  gpointer _nf_reserved[12];
};

NF_AVAILABLE_IN_ALL
const char     *nf_element_get_name           (NfElement       *self);
NF_AVAILABLE_IN_ALL
void            nf_element_set_name           (NfElement       *self,
                                               const char      *name);
NF_AVAILABLE_IN_ALL
char           *nf_element_get_path           (NfElement       *self);
NF_AVAILABLE_IN_ALL
NfPipeline     *nf_element_get_pipeline       (NfElement       *self);
NF_AVAILABLE_IN_ALL
NfElementFactory *nf_element_get_factory      (NfElement       *self);
NF_AVAILABLE_IN_ALL
NfElementFlags  nf_element_get_flags          (NfElement       *self);
NF_AVAILABLE_IN_ALL
void            nf_element_set_flags          (NfElement       *self,
                                               NfElementFlags   flags);

NF_AVAILABLE_IN_ALL
gboolean        nf_element_push               (NfElement       *self,
                                               NfDocument      *document);

NF_AVAILABLE_IN_ALL
void            nf_element_hold               (NfElement       *self,
                                               NfDocument      *document);
NF_AVAILABLE_IN_ALL
void            nf_element_release            (NfElement       *self,
                                               NfDocument      *document);
NF_AVAILABLE_IN_ALL
GCancellable   *nf_element_get_cancellable    (NfElement       *self);
NF_AVAILABLE_IN_ALL
void            nf_element_request_in_flight  (NfElement       *self,
                                               guint            documents);
NF_AVAILABLE_IN_ALL
guint           nf_element_get_requested_in_flight (NfElement  *self);

NF_AVAILABLE_IN_ALL
gboolean        nf_element_link               (NfElement       *self,
                                               NfElement       *dest,
                                               GError         **error);
NF_AVAILABLE_IN_ALL
gboolean        nf_element_link_many         (NfElement       *first,
                                               GError         **error,
                                               ...) G_GNUC_NULL_TERMINATED;
NF_AVAILABLE_IN_ALL
NfElement      *nf_element_get_upstream       (NfElement       *self);
NF_AVAILABLE_IN_ALL
GPtrArray      *nf_element_get_downstream     (NfElement       *self);

NF_AVAILABLE_IN_ALL
void            nf_element_get_statistics     (NfElement       *self,
                                               guint64         *documents_in,
                                               guint64         *documents_out,
                                               guint64         *failures,
                                               guint64         *time_ns);

NF_AVAILABLE_IN_ALL
void            nf_element_post_error         (NfElement       *self,
                                               const GError    *error,
                                               const char      *debug);
NF_AVAILABLE_IN_ALL
void            nf_element_post_error_full    (NfElement       *self,
                                               GQuark           domain,
                                               int              code,
                                               const char      *file,
                                               const char      *function,
                                               int              line,
                                               const char      *format,
                                               ...) G_GNUC_PRINTF (7, 8);
NF_AVAILABLE_IN_ALL
void            nf_element_post_warning       (NfElement       *self,
                                               NfDocument      *document,
                                               const GError    *error);
NF_AVAILABLE_IN_ALL
void            nf_element_fail_document      (NfElement       *self,
                                               NfDocument      *document,
                                               const GError    *error);
NF_AVAILABLE_IN_ALL
void            nf_element_invoke             (NfElement       *self,
                                               GSourceFunc      function,
                                               gpointer         data,
                                               GDestroyNotify   notify);

/**
 * NF_ELEMENT_POST_ERROR:
 * @element: the element that failed
 * @domain: a #GQuark error domain
 * @code: an error code of @domain
 * @...: a printf() format and its arguments, the message
 *
 * Posts a pipeline-stopping ERROR on the bus, recording the source file,
 * function and line in the message's debug text, as `GST_ELEMENT_ERROR` does.
 */
#define NF_ELEMENT_POST_ERROR(element, domain, code, ...) \
  nf_element_post_error_full (NF_ELEMENT (element), domain, code, \
                              __FILE__, G_STRFUNC, __LINE__, __VA_ARGS__)

NF_AVAILABLE_IN_ALL
void            nf_element_class_set_metadata (NfElementClass  *klass,
                                               const char      *long_name,
                                               const char      *classification,
                                               const char      *description,
                                               const char      *author);
NF_AVAILABLE_IN_ALL
const char     *nf_element_class_get_metadata (NfElementClass  *klass,
                                               const char      *key);
NF_AVAILABLE_IN_ALL
void            nf_element_class_set_flags    (NfElementClass  *klass,
                                               NfElementFlags   flags);

G_END_DECLS
