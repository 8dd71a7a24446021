/* nf-debug.h: logging by category and level, GStreamer style (NF_DEBUG=clean:5,*:2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include <glib-object.h>
#include "nf-version-macros.h"

G_BEGIN_DECLS

/**
 * NfDebugLevel:
 * @NF_LEVEL_NONE: nothing is logged
 * @NF_LEVEL_ERROR: failures that stop something
 * @NF_LEVEL_WARNING: failures that something recovers from
 * @NF_LEVEL_FIXME: known shortcomings being hit
 * @NF_LEVEL_INFO: rare, notable events
 * @NF_LEVEL_DEBUG: a handful of lines a document
 * @NF_LEVEL_LOG: many lines a document
 * @NF_LEVEL_TRACE: everything
 *
 * Logging levels, as `NF_DEBUG` names them by number.
 */
typedef enum {
  NF_LEVEL_NONE = 0,
  NF_LEVEL_ERROR,
  NF_LEVEL_WARNING,
  NF_LEVEL_FIXME,
  NF_LEVEL_INFO,
  NF_LEVEL_DEBUG,
  NF_LEVEL_LOG,
  NF_LEVEL_TRACE,
} NfDebugLevel;

/**
 * NfDebugCategory: (skip)
 * @threshold: the highest level logged
 * @name: the category's name, as used in `NF_DEBUG`
 * @description: what the category covers
 *
 * A named logging category. Categories live as long as the process.
 */
typedef struct {
  volatile int threshold;
  const char  *name;
  const char  *description;
} NfDebugCategory;

NF_AVAILABLE_IN_ALL
NfDebugCategory *nf_debug_category_get      (const char       *name,
                                             const char       *description);
NF_AVAILABLE_IN_ALL
void             nf_debug_set_threshold_from_string (const char *spec,
                                             gboolean          reset);
NF_AVAILABLE_IN_ALL
void             nf_debug_log               (NfDebugCategory *category,
                                             NfDebugLevel      level,
                                             const char       *file,
                                             const char       *function,
                                             int               line,
                                             gpointer          object,
                                             const char       *format,
                                             ...) G_GNUC_PRINTF (7, 8);
NF_AVAILABLE_IN_ALL
GPtrArray       *nf_debug_get_category_names (void);
NF_AVAILABLE_IN_ALL
void             nf_debug_message           (const char       *category,
                                             NfDebugLevel      level,
                                             const char       *message);

/**
 * NF_DEBUG_CATEGORY_STATIC:
 * @var: the variable name
 *
 * Declares a file-local debug category.
 */
#define NF_DEBUG_CATEGORY_STATIC(var) static NfDebugCategory *var = NULL

/**
 * NF_DEBUG_CATEGORY_INIT:
 * @var: a variable declared with %NF_DEBUG_CATEGORY_STATIC
 * @name: the category's name
 * @description: what it covers
 *
 * Creates the category (or finds it) and applies `NF_DEBUG` to it.
 */
#define NF_DEBUG_CATEGORY_INIT(var, name, description) \
  G_STMT_START { if ((var) == NULL) (var) = nf_debug_category_get ((name), (description)); } G_STMT_END

/**
 * NF_CAT_LEVEL_LOG:
 * @cat: a #NfDebugCategory pointer
 * @level: a #NfDebugLevel
 * @object: (nullable): the object the line is about
 * @...: printf() format and arguments
 *
 * Logs one line when @cat is enabled at @level; costs one comparison otherwise.
 */
#define NF_CAT_LEVEL_LOG(cat, level, object, ...) G_STMT_START {                 \
    if (G_UNLIKELY ((cat) != NULL && (int) (level) <= (cat)->threshold))         \
      nf_debug_log ((cat), (level), __FILE__, G_STRFUNC, __LINE__, (object),     \
                    __VA_ARGS__);                                               \
  } G_STMT_END

/**
 * NF_CAT_ERROR:
 * @cat: a category
 * @...: printf() format and arguments
 *
 * Logs at %NF_LEVEL_ERROR.
 */
#define NF_CAT_ERROR(cat, ...)   NF_CAT_LEVEL_LOG (cat, NF_LEVEL_ERROR, NULL, __VA_ARGS__)
/**
 * NF_CAT_WARNING:
 * @cat: a category
 * @...: printf() format and arguments
 *
 * Logs at %NF_LEVEL_WARNING.
 */
#define NF_CAT_WARNING(cat, ...) NF_CAT_LEVEL_LOG (cat, NF_LEVEL_WARNING, NULL, __VA_ARGS__)
/**
 * NF_CAT_INFO:
 * @cat: a category
 * @...: printf() format and arguments
 *
 * Logs at %NF_LEVEL_INFO.
 */
#define NF_CAT_INFO(cat, ...)    NF_CAT_LEVEL_LOG (cat, NF_LEVEL_INFO, NULL, __VA_ARGS__)
/**
 * NF_CAT_DEBUG:
 * @cat: a category
 * @...: printf() format and arguments
 *
 * Logs at %NF_LEVEL_DEBUG.
 */
#define NF_CAT_DEBUG(cat, ...)   NF_CAT_LEVEL_LOG (cat, NF_LEVEL_DEBUG, NULL, __VA_ARGS__)
/**
 * NF_CAT_LOG:
 * @cat: a category
 * @...: printf() format and arguments
 *
 * Logs at %NF_LEVEL_LOG.
 */
#define NF_CAT_LOG(cat, ...)     NF_CAT_LEVEL_LOG (cat, NF_LEVEL_LOG, NULL, __VA_ARGS__)
/**
 * NF_CAT_TRACE:
 * @cat: a category
 * @...: printf() format and arguments
 *
 * Logs at %NF_LEVEL_TRACE.
 */
#define NF_CAT_TRACE(cat, ...)   NF_CAT_LEVEL_LOG (cat, NF_LEVEL_TRACE, NULL, __VA_ARGS__)

G_END_DECLS
