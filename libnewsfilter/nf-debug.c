/* nf-debug.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "newsfilter.h"
