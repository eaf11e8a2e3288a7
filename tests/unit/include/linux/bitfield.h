/* SPDX-License-Identifier: GPL-2.0-only */
/* Host stand-in for <linux/bitfield.h>: the same semantics, no build checks. */
#ifndef UT_LINUX_BITFIELD_H
#define UT_LINUX_BITFIELD_H

#include <linux/bits.h>

#define __ut_shift(mask)	__builtin_ctzll(mask)
#define FIELD_GET(mask, reg)	\
	((__typeof__(mask))(((reg) & (mask)) >> __ut_shift(mask)))
#define FIELD_PREP(mask, val)	\
	((__typeof__(mask))(((__typeof__(mask))(val) << __ut_shift(mask)) & (mask)))
#define FIELD_FIT(mask, val)	\
	(!((((__typeof__(mask))(val)) << __ut_shift(mask)) & ~(mask)))
#define FIELD_MAX(mask)		((mask) >> __ut_shift(mask))

#endif
