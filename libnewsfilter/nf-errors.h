/* nf-errors.h: error domains shared by elements and the framework
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include <glib.h>
#include "nf-version-macros.h"

G_BEGIN_DECLS

/**
 * NF_ELEMENT_ERROR:
 *
 * The error domain of [error@Nf.ElementError], used by elements for
 * per-document failures and pipeline errors alike.
 */
#define NF_ELEMENT_ERROR (nf_element_error_quark ())

/**
 * NfElementError:
 * @NF_ELEMENT_ERROR_FAILED: a failure with no more specific code
 * @NF_ELEMENT_ERROR_SETTINGS: the element's properties do not allow it to run
 * @NF_ELEMENT_ERROR_NOT_FOUND: a file, directory or resource does not exist
 * @NF_ELEMENT_ERROR_OPEN_READ: an input could not be opened for reading
 * @NF_ELEMENT_ERROR_OPEN_WRITE: an output could not be opened for writing
 * @NF_ELEMENT_ERROR_READ: reading an input failed
 * @NF_ELEMENT_ERROR_WRITE: writing an output failed
 * @NF_ELEMENT_ERROR_TOO_LARGE: an input is larger than the element accepts
 * @NF_ELEMENT_ERROR_FORMAT: an input is malformed (bad JSON, bad markup…)
 * @NF_ELEMENT_ERROR_DECODE: the bytes of an input could not be turned into text
 * @NF_ELEMENT_ERROR_EMPTY: an input holds nothing to work on
 * @NF_ELEMENT_ERROR_NO_RESULT: the element ran but reported neither a result nor a reason
 *
 * Codes of the `nf-element-error` domain.
 */
typedef enum {
  NF_ELEMENT_ERROR_FAILED,
  NF_ELEMENT_ERROR_SETTINGS,
  NF_ELEMENT_ERROR_NOT_FOUND,
  NF_ELEMENT_ERROR_OPEN_READ,
  NF_ELEMENT_ERROR_OPEN_WRITE,
  NF_ELEMENT_ERROR_READ,
  NF_ELEMENT_ERROR_WRITE,
  NF_ELEMENT_ERROR_TOO_LARGE,
  NF_ELEMENT_ERROR_FORMAT,
  NF_ELEMENT_ERROR_DECODE,
  NF_ELEMENT_ERROR_EMPTY,
  NF_ELEMENT_ERROR_NO_RESULT,
} NfElementError;

NF_AVAILABLE_IN_ALL
GQuark nf_element_error_quark (void);

/**
 * NF_PLUGIN_ERROR:
 *
 * The error domain of [error@Nf.PluginError].
 */
#define NF_PLUGIN_ERROR (nf_plugin_error_quark ())

/**
 * NfPluginError:
 * @NF_PLUGIN_ERROR_DESCRIPTION: the plugin's `.plugin` key file is missing or invalid
 * @NF_PLUGIN_ERROR_MODULE: the module could not be opened
 * @NF_PLUGIN_ERROR_SYMBOL: the module does not export `nf_plugin_descriptor`
 * @NF_PLUGIN_ERROR_VERSION: the module was built for another libnewsfilter API version
 * @NF_PLUGIN_ERROR_INIT: the plugin's init function failed
 * @NF_PLUGIN_ERROR_MISSING_ELEMENT: the plugin loaded but did not register an element it announced
 *
 * Codes of the `nf-plugin-error` domain.
 */
typedef enum {
  NF_PLUGIN_ERROR_DESCRIPTION,
  NF_PLUGIN_ERROR_MODULE,
  NF_PLUGIN_ERROR_SYMBOL,
  NF_PLUGIN_ERROR_VERSION,
  NF_PLUGIN_ERROR_INIT,
  NF_PLUGIN_ERROR_MISSING_ELEMENT,
} NfPluginError;

NF_AVAILABLE_IN_ALL
GQuark nf_plugin_error_quark (void);

/**
 * NF_PIPELINE_ERROR:
 *
 * The error domain of [error@Nf.PipelineError].
 */
#define NF_PIPELINE_ERROR (nf_pipeline_error_quark ())

/**
 * NfPipelineError:
 * @NF_PIPELINE_ERROR_FAILED: the pipeline stopped because of an error
 * @NF_PIPELINE_ERROR_NO_SOURCE: the pipeline has no source element
 * @NF_PIPELINE_ERROR_TOO_MANY_SOURCES: the pipeline has more than one source element
 * @NF_PIPELINE_ERROR_LINK: two elements cannot be linked the way asked
 * @NF_PIPELINE_ERROR_BUSY: the pipeline is already running
 * @NF_PIPELINE_ERROR_NAME: an element name is already used in the pipeline
 *
 * Codes of the `nf-pipeline-error` domain.
 */
typedef enum {
  NF_PIPELINE_ERROR_FAILED,
  NF_PIPELINE_ERROR_NO_SOURCE,
  NF_PIPELINE_ERROR_TOO_MANY_SOURCES,
  NF_PIPELINE_ERROR_LINK,
  NF_PIPELINE_ERROR_BUSY,
  NF_PIPELINE_ERROR_NAME,
} NfPipelineError;

NF_AVAILABLE_IN_ALL
GQuark nf_pipeline_error_quark (void);

NF_AVAILABLE_IN_ALL
void         nf_error_register_domain  (GQuark      domain,
                                        GType       code_enum);
NF_AVAILABLE_IN_ALL
char        *nf_error_domain_to_string (GQuark      domain);
NF_AVAILABLE_IN_ALL
char        *nf_error_code_to_string   (GQuark      domain,
                                        int         code);
NF_AVAILABLE_IN_ALL
GQuark       nf_error_domain_from_string (const char *name);
NF_AVAILABLE_IN_ALL
int          nf_error_code_from_string (GQuark      domain,
                                        const char *nick);

G_END_DECLS
