/* SPDX-License-Identifier: GPL-2.0-only */
/* Host stand-in for <linux/log2.h>. */
#ifndef UT_LINUX_LOG2_H
#define UT_LINUX_LOG2_H

#include <linux/types.h>

static inline bool is_power_of_2(unsigned long n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

#define ilog2(n)	(63 - __builtin_clzll((unsigned long long)(n)))

#endif
