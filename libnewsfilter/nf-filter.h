/* nf-filter.h: elements that take one document and pass on zero or more
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include "nf-element.h"

G_BEGIN_DECLS

#define NF_TYPE_FILTER (nf_filter_get_type ())

NF_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (NfFilter, nf_filter, NF, FILTER, NfElement)

/**
 * NfFilterClass:
 * @parent_class: the parent class
 * @process: works on one document and passes on what comes of it with
 *   nf_element_push(): the same document (the usual case), none (it is
 *   dropped on purpose) or several. Returning %FALSE with @error set fails
 *   the document: it goes on to the sinks with its `error` field set and a
 *   WARNING is posted. Runs on any worker thread, many documents at once,
 *   unless the element's flags say otherwise. The default implementation
 *   pushes the document unchanged.
 *
 * The class structure of [class@Nf.Filter].
 */
struct _NfFilterClass
{
  NfElementClass parent_class;

  gboolean (*process) (NfFilter    *self,
                       NfDocument  *document,
                       GError     **error);

  /*< private >*/
  gpointer _nf_reserved[8];
};

G_END_DECLS
