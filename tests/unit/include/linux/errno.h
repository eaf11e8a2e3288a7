/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-in for <linux/errno.h>: Linux user space has the same numbers.
 * They come from <asm/errno.h>, as in the uapi header this one shadows:
 * going through <errno.h> would not work, because glibc's <errno.h>
 * includes <linux/errno.h> and so this (already included) file again.
 */
#ifndef UT_LINUX_ERRNO_H
#define UT_LINUX_ERRNO_H

#include <asm/errno.h>

#endif
