/* nf-charset.h: the one place where bytes become text
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
 * NF_CHARSET_ERROR:
 *
 * The error domain of [error@Nf.CharsetError].
 */
#define NF_CHARSET_ERROR (nf_charset_error_quark ())

/**
 * NfCharsetError:
 * @NF_CHARSET_ERROR_BINARY: the bytes are not text (control bytes, NULs)
 * @NF_CHARSET_ERROR_UNSUPPORTED: the declared or detected charset cannot be converted
 *
 * Codes of the `nf-charset-error` domain.
 */
typedef enum {
  NF_CHARSET_ERROR_BINARY,
  NF_CHARSET_ERROR_UNSUPPORTED,
} NfCharsetError;

NF_AVAILABLE_IN_ALL
GQuark   nf_charset_error_quark      (void);

/**
 * NfCharsetSource:
 * @NF_CHARSET_SOURCE_BOM: a byte order mark
 * @NF_CHARSET_SOURCE_DECLARED: the charset given by the caller (an HTTP header)
 * @NF_CHARSET_SOURCE_META: a `<meta charset>`, `http-equiv` or XML declaration
 * @NF_CHARSET_SOURCE_DETECTED: statistical detection (valid UTF-8 first)
 * @NF_CHARSET_SOURCE_DEFAULT: nothing was found; windows-1252 was assumed
 *
 * Where [func@Nf.decode_text] found the charset it used.
 */
typedef enum {
  NF_CHARSET_SOURCE_BOM,
  NF_CHARSET_SOURCE_DECLARED,
  NF_CHARSET_SOURCE_META,
  NF_CHARSET_SOURCE_DETECTED,
  NF_CHARSET_SOURCE_DEFAULT,
} NfCharsetSource;

NF_AVAILABLE_IN_ALL
char    *nf_decode_text              (const guint8    *data,
                                      gsize            length,
                                      const char      *declared_charset,
                                      const char      *content_type,
                                      char           **out_charset,
                                      NfCharsetSource *out_source,
                                      GError         **error);
NF_AVAILABLE_IN_ALL
char    *nf_decode_bytes             (GBytes          *bytes,
                                      const char      *declared_charset,
                                      const char      *content_type,
                                      char           **out_charset,
                                      GError         **error);
NF_AVAILABLE_IN_ALL
char    *nf_charset_sniff_meta       (const guint8    *data,
                                      gsize            length);
NF_AVAILABLE_IN_ALL
char    *nf_charset_normalize_label  (const char      *label);

G_END_DECLS
