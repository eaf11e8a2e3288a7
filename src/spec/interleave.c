// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interleave ways and granularity encodings (see interleave.h).
 */
#include <linux/errno.h>
#include <linux/log2.h>
#include <linux/types.h>

#include "interleave.h"

/* Encodings 8-10 are the power-of-two encodings 0-2 times three. */
#define CXL_SPEC_EIW_X3		8

/**
 * cxl_spec_ways_to_eiw - encode interleave ways
 * @ways: 1, 2, 4, 8, 16, 3, 6 or 12
 * @eiw: the encoding, written only on success
 *
 * Return: 0, or -EINVAL for any other number of ways.
 */
int cxl_spec_ways_to_eiw(unsigned int ways, u8 *eiw)
{
	if (ways && is_power_of_2(ways) && ways <= CXL_SPEC_IW_MAX_WAYS) {
		*eiw = ilog2(ways);
		return 0;
	}
	if (ways && !(ways % 3) && is_power_of_2(ways / 3) && ways / 3 <= 4) {
		*eiw = CXL_SPEC_EIW_X3 + ilog2(ways / 3);
		return 0;
	}
	return -EINVAL;
}

/**
 * cxl_spec_eiw_to_ways - decode interleave ways
 * @eiw: encoded interleave ways
 * @ways: the number of ways, written only on success
 *
 * Return: 0, or -EINVAL for a reserved encoding.
 */
int cxl_spec_eiw_to_ways(u8 eiw, unsigned int *ways)
{
	if (eiw <= ilog2(CXL_SPEC_IW_MAX_WAYS)) {
		*ways = 1U << eiw;
		return 0;
	}
	if (eiw >= CXL_SPEC_EIW_X3 && eiw <= CXL_SPEC_EIW_X3 + 2) {
		*ways = 3U << (eiw - CXL_SPEC_EIW_X3);
		return 0;
	}
	return -EINVAL;
}

/**
 * cxl_spec_granularity_to_eig - encode interleave granularity
 * @granularity: bytes, a power of two from 256 to 16384
 * @eig: the encoding, written only on success
 *
 * Return: 0, or -EINVAL for any other granularity.
 */
int cxl_spec_granularity_to_eig(unsigned int granularity, u8 *eig)
{
	if (!is_power_of_2(granularity) || granularity < CXL_SPEC_IG_MIN ||
	    granularity > CXL_SPEC_IG_MAX)
		return -EINVAL;
	*eig = ilog2(granularity) - ilog2(CXL_SPEC_IG_MIN);
	return 0;
}

/**
 * cxl_spec_eig_to_granularity - decode interleave granularity
 * @eig: encoded interleave granularity
 * @granularity: bytes, written only on success
 *
 * Return: 0, or -EINVAL for a reserved encoding.
 */
int cxl_spec_eig_to_granularity(u8 eig, unsigned int *granularity)
{
	if (eig > ilog2(CXL_SPEC_IG_MAX) - ilog2(CXL_SPEC_IG_MIN))
		return -EINVAL;
	*granularity = CXL_SPEC_IG_MIN << eig;
	return 0;
}
