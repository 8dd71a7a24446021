/* nf-types.h: forward declarations shared by the public headers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(NF_INSIDE) && !defined(NF_COMPILATION)
# error "Only <newsfilter.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _NfDocument       NfDocument;
typedef struct _NfTag            NfTag;
typedef struct _NfSentence       NfSentence;
typedef struct _NfElement        NfElement;
typedef struct _NfSource         NfSource;
typedef struct _NfFilter         NfFilter;
typedef struct _NfSink           NfSink;
typedef struct _NfElementFactory NfElementFactory;
typedef struct _NfPlugin         NfPlugin;
typedef struct _NfRegistry       NfRegistry;
typedef struct _NfPipeline       NfPipeline;
typedef struct _NfBus            NfBus;
typedef struct _NfMessage        NfMessage;

G_END_DECLS
