/* SPDX-License-Identifier: GPL-2.0-only */
/* Host stand-in for <linux/errno.h>: Linux user space has the same numbers. */
#ifndef UT_LINUX_ERRNO_H
#define UT_LINUX_ERRNO_H

#include <errno.h>

#endif
