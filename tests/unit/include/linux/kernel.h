/* SPDX-License-Identifier: GPL-2.0-only */
/* Host stand-in for the parts of <linux/kernel.h> the spec layer uses. */
#ifndef UT_LINUX_KERNEL_H
#define UT_LINUX_KERNEL_H

#include <linux/types.h>
/* snprintf(), which <linux/kernel.h> declares in the kernel */
#include <stdio.h>

#define U32_MAX			((u32)~0U)
#define U64_MAX			((u64)~0ULL)
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define upper_32_bits(n)	((u32)(((u64)(n)) >> 32))
#define lower_32_bits(n)	((u32)((n) & 0xffffffffu))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define ALIGN(x, a)		(((x) + ((__typeof__(x))(a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define min(a, b)		((a) < (b) ? (a) : (b))
#define max(a, b)		((a) > (b) ? (a) : (b))
#define min_t(t, a, b)		((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b)		((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define fallthrough		__attribute__((__fallthrough__))
#define __must_check		__attribute__((warn_unused_result))
#define __printf(a, b)		__attribute__((format(printf, a, b)))

#endif
