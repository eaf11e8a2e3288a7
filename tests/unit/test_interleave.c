// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interleave ways and granularity encodings: every valid value both ways,
 * and invalid inputs rejected.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/types.h>

#include "harness.h"
#include "spec/interleave.h"

static const struct {
	unsigned int ways;
	u8 eiw;
} ways_table[] = {
	{ 1, 0 }, { 2, 1 }, { 4, 2 }, { 8, 3 }, { 16, 4 },
	{ 3, 8 }, { 6, 9 }, { 12, 10 },
};

UT_TEST(interleave_ways_encode_every_valid)
{
	unsigned int i;
	u8 eiw;

	for (i = 0; i < ARRAY_SIZE(ways_table); i++) {
		eiw = 0xff;
		UT_EQ(cxl_spec_ways_to_eiw(ways_table[i].ways, &eiw), 0);
		UT_EQ(eiw, ways_table[i].eiw);
	}
}

UT_TEST(interleave_ways_decode_every_valid)
{
	unsigned int i, ways;

	for (i = 0; i < ARRAY_SIZE(ways_table); i++) {
		ways = 0;
		UT_EQ(cxl_spec_eiw_to_ways(ways_table[i].eiw, &ways), 0);
		UT_EQ(ways, ways_table[i].ways);
	}
}

UT_TEST(interleave_ways_encode_rejects_invalid)
{
	static const unsigned int bad[] = {
		0, 5, 7, 9, 10, 11, 13, 14, 15, 17, 18, 24, 32, 48, 64, 96,
		0x80000000u, ~0u,
	};
	unsigned int i;
	u8 eiw = 0x5a;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		UT_EQ(cxl_spec_ways_to_eiw(bad[i], &eiw), -EINVAL);
		UT_EQ(eiw, 0x5a);
	}
}

UT_TEST(interleave_ways_decode_rejects_reserved)
{
	unsigned int ways = 77, code;

	for (code = 0; code <= 0xff; code++) {
		if (code <= 4 || (code >= 8 && code <= 10))
			continue;
		UT_EQ(cxl_spec_eiw_to_ways(code, &ways), -EINVAL);
	}
	UT_EQ(ways, 77);
}

UT_TEST(interleave_granularity_round_trip_every_valid)
{
	unsigned int g, back;
	u8 eig, want = 0;

	for (g = 256; g <= 16384; g *= 2, want++) {
		eig = 0xff;
		UT_EQ(cxl_spec_granularity_to_eig(g, &eig), 0);
		UT_EQ(eig, want);
		UT_EQ(cxl_spec_eig_to_granularity(eig, &back), 0);
		UT_EQ(back, g);
	}
	UT_EQ(want, 7);
}

UT_TEST(interleave_granularity_encode_rejects_invalid)
{
	static const unsigned int bad[] = {
		0, 1, 2, 64, 128, 255, 257, 384, 768, 1000, 3072, 12288,
		32768, 65536, 0x80000000u, ~0u,
	};
	unsigned int i;
	u8 eig = 0x5a;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		UT_EQ(cxl_spec_granularity_to_eig(bad[i], &eig), -EINVAL);
	UT_EQ(eig, 0x5a);
}

UT_TEST(interleave_granularity_decode_rejects_reserved)
{
	unsigned int g = 77, code;

	for (code = 7; code <= 0xff; code++)
		UT_EQ(cxl_spec_eig_to_granularity(code, &g), -EINVAL);
	UT_EQ(g, 77);
}
