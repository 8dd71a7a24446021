/* nf-private.h: glue between the framework's classes, not installed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "newsfilter.h"

G_BEGIN_DECLS

/* nf-document.c: the job (one source document and all that comes of it)
 * a document belongs to while it travels through a pipeline. */
gpointer     _nf_document_get_job       (NfDocument *document);
void         _nf_document_set_job       (NfDocument *document,
                                         gpointer    job);

/* nf-errors.c: registers the library's own error domains with their enums */
void         _nf_errors_init            (void);

/* nf-debug.c: reads NF_DEBUG */
void         _nf_debug_init             (void);

G_END_DECLS

G_BEGIN_DECLS

/* nf-element.c: what the pipeline and scheduler need of elements */
void         _nf_element_set_pipeline   (NfElement        *element,
                                         NfPipeline       *pipeline);
void         _nf_element_set_factory    (NfElement        *element,
                                         NfElementFactory *factory);
void         _nf_element_set_scheduler  (NfElement        *element,
                                         gpointer          scheduler);
void         _nf_element_reset_statistics (NfElement      *element);
gboolean     _nf_element_start          (NfElement        *element,
                                         GError          **error);
gboolean     _nf_element_stop           (NfElement        *element,
                                         GError          **error);
void         _nf_element_push_downstream (NfElement       *element,
                                         NfDocument       *document,
                                         gpointer          job);
gboolean     _nf_element_render         (NfElement        *sink,
                                         NfDocument       *document,
                                         GError          **error);
gboolean     _nf_element_commit         (NfElement        *sink,
                                         GError          **error);
gboolean     _nf_element_has_document   (NfElement        *sink,
                                         const char       *id);
const char  *_nf_element_get_factory_name (NfElement      *element);

/* nf-element-factory.c */
NfElementFactory *_nf_element_factory_new_lazy (NfPlugin  *plugin,
                                         const char       *name);

/* nf-plugin.c */
NfPlugin    *_nf_plugin_new_from_key_file (const char     *path,
                                         GError          **error);
NfPlugin    *_nf_plugin_new_failed      (const char       *path,
                                         const GError     *error);
const char  *_nf_plugin_get_module_path (NfPlugin         *plugin);

/* nf-registry.c */
void         _nf_registry_add_factory   (NfRegistry       *registry,
                                         NfElementFactory *factory);

G_END_DECLS
