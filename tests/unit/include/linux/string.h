/* SPDX-License-Identifier: GPL-2.0-only */
/* Host stand-in for <linux/string.h>. */
#ifndef UT_LINUX_STRING_H
#define UT_LINUX_STRING_H

#include <string.h>

#endif
