/* nf-plugin.h: a loadable module of element factories
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include <gmodule.h>
#include "nf-version-macros.h"
#include "nf-version.h"
#include "nf-types.h"

G_BEGIN_DECLS

#define NF_TYPE_PLUGIN (nf_plugin_get_type ())

NF_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (NfPlugin, nf_plugin, NF, PLUGIN, GObject)

/**
 * NfPluginInitFunc:
 * @plugin: the plugin being loaded
 * @error: return location for a #GError
 *
 * A plugin's entry point: registers its element factories with
 * nf_element_register().
 *
 * Returns: %TRUE on success
 */
typedef gboolean (*NfPluginInitFunc) (NfPlugin  *plugin,
                                      GError   **error);

/**
 * NfPluginDescriptor:
 * @api_major: the major API version the plugin was built against
 * @api_minor: the minor API version the plugin was built against
 * @name: the plugin's name, as in its `.plugin` file
 * @description: a sentence saying what the plugin provides
 * @version: the plugin's version
 * @license: the plugin's license, an SPDX identifier
 * @init: the function that registers the plugin's elements
 *
 * What a plugin module exports under the symbol `nf_plugin_descriptor`;
 * define it with %NF_PLUGIN_DEFINE.
 */
typedef struct {
  guint             api_major;
  guint             api_minor;
  const char       *name;
  const char       *description;
  const char       *version;
  const char       *license;
  NfPluginInitFunc  init;
  /*< private >*/
  gpointer          _nf_reserved[4];
} NfPluginDescriptor;

/**
 * NF_PLUGIN_DEFINE:
 * @name: the plugin's name (a string)
 * @description: what it provides (a string)
 * @init: its #NfPluginInitFunc
 * @version: its version (a string)
 * @license: its SPDX license identifier (a string)
 *
 * Exports the descriptor of a plugin module.
 */
#define NF_PLUGIN_DEFINE(name, description, init, version, license)    \
  G_MODULE_EXPORT const NfPluginDescriptor nf_plugin_descriptor = {    \
    NF_MAJOR_VERSION, NF_MINOR_VERSION, name, description, version,    \
    license, init, { NULL, }                                           \
  };

NF_AVAILABLE_IN_ALL
const char   *nf_plugin_get_name          (NfPlugin   *self);
NF_AVAILABLE_IN_ALL
const char   *nf_plugin_get_description   (NfPlugin   *self);
NF_AVAILABLE_IN_ALL
const char   *nf_plugin_get_filename      (NfPlugin   *self);
NF_AVAILABLE_IN_ALL
const char   *nf_plugin_get_version       (NfPlugin   *self);
NF_AVAILABLE_IN_ALL
const char   *nf_plugin_get_license       (NfPlugin   *self);
NF_AVAILABLE_IN_ALL
const char * const *nf_plugin_get_element_names (NfPlugin *self);
NF_AVAILABLE_IN_ALL
gboolean      nf_plugin_is_loaded         (NfPlugin   *self);
NF_AVAILABLE_IN_ALL
gboolean      nf_plugin_load              (NfPlugin   *self,
                                           GError    **error);
NF_AVAILABLE_IN_ALL
const GError *nf_plugin_get_load_error    (NfPlugin   *self);

G_END_DECLS
