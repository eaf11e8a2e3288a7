/* SPDX-License-Identifier: GPL-2.0-only */
/* Host stand-in for <linux/stdarg.h> (the kernel's since 5.15). */
#ifndef UT_LINUX_STDARG_H
#define UT_LINUX_STDARG_H

#include <stdarg.h>

#endif
