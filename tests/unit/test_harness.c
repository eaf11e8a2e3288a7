// SPDX-License-Identifier: GPL-2.0-only
/*
 * The harness checks itself: the stand-in bitfield helpers behave like the
 * kernel's on the masks the spec layer uses.
 */
#include <linux/bitfield.h>
#include <linux/types.h>

#include "harness.h"

UT_TEST(field_get_and_prep_round_trip)
{
	u32 mask = GENMASK(7, 4);

	UT_EQ(FIELD_GET(mask, 0xabcd1234u), 0x3);
	UT_EQ(FIELD_PREP(mask, 0xa), 0xa0);
	UT_EQ(FIELD_PREP(mask, 0x1f), 0xf0);
	UT_ASSERT(FIELD_FIT(mask, 0xf));
	UT_ASSERT(!FIELD_FIT(mask, 0x10));
	UT_EQ(GENMASK_ULL(63, 28), 0xfffffffff0000000ull);
}
