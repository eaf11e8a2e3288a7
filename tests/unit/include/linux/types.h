/* SPDX-License-Identifier: GPL-2.0-only */
/* Host stand-in for <linux/types.h>, for the spec layer's unit tests. */
#ifndef UT_LINUX_TYPES_H
#define UT_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* As in the kernel: u64 is unsigned long long, so "%llx" fits both. */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;
typedef u64 phys_addr_t;
typedef u64 resource_size_t;

#endif
