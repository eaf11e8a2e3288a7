// SPDX-License-Identifier: GPL-2.0-only
/*
 * Free-space arithmetic: HPA placement in a window and DPA placement on a
 * device, including the edges where an off-by-one hides.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sizes.h>

#include "lib/freespace.h"
#include "harness.h"

#define M256 0x10000000ull
#define WIN_BASE 0x110000000ull

static const struct cxl_lib_range win4g = {
	.start = WIN_BASE, .end = WIN_BASE + 0x100000000ull - 1,
};

static struct cxl_lib_range rng(u64 start, u64 size)
{
	return (struct cxl_lib_range){ .start = start, .end = start + size - 1 };
}

UT_TEST(freespace_empty_window_first_fit_is_its_base)
{
	u64 s = 0;

	UT_EQ(cxl_lib_freespace_find(&win4g, NULL, 0, M256, M256,
				     CXL_LIB_FIRST_FIT, &s), 0);
	UT_EQ(s, WIN_BASE);
}

UT_TEST(freespace_skips_a_busy_range_at_the_base)
{
	struct cxl_lib_range busy[] = { rng(WIN_BASE, M256) };
	u64 s = 0;

	UT_EQ(cxl_lib_freespace_find(&win4g, busy, 1, M256, M256,
				     CXL_LIB_FIRST_FIT, &s), 0);
	UT_EQ(s, WIN_BASE + M256);
}

/*
 * The trap: a gap that ends exactly where the next busy range starts.  A
 * 256 MiB hole between two regions must be found, and a request of 256 MiB
 * plus one page must not be placed in it.
 */
UT_TEST(freespace_exact_hole_between_two_ranges)
{
	struct cxl_lib_range busy[] = {
		rng(WIN_BASE + 2 * M256, M256), rng(WIN_BASE, M256),
	};
	u64 s = 0;

	UT_EQ(cxl_lib_freespace_find(&win4g, busy, 2, M256, M256,
				     CXL_LIB_FIRST_FIT, &s), 0);
	UT_EQ(s, WIN_BASE + M256);
	UT_EQ(cxl_lib_freespace_find(&win4g, busy, 2, 2 * M256, M256,
				     CXL_LIB_FIRST_FIT, &s), 0);
	UT_EQ(s, WIN_BASE + 3 * M256);
	/* byte alignment: one byte more than the hole goes past both ranges */
	UT_EQ(cxl_lib_freespace_find(&win4g, busy, 2, M256 + 1, 1,
				     CXL_LIB_FIRST_FIT, &s), 0);
	UT_EQ(s, WIN_BASE + 3 * M256);
}

UT_TEST(freespace_one_byte_short_does_not_fit)
{
	/* a 256 MiB window that starts 4 KiB past a 256 MiB boundary */
	struct cxl_lib_range w = rng(0x1000, M256);
	u64 s = 0;

	/* an unaligned window start loses its first partial unit */
	UT_EQ(cxl_lib_freespace_find(&w, NULL, 0, M256, M256,
				     CXL_LIB_FIRST_FIT, &s), -ENOSPC);
	UT_EQ(cxl_lib_freespace_find(&w, NULL, 0, M256 - 0x1000, 0x1000,
				     CXL_LIB_FIRST_FIT, &s), 0);
	UT_EQ(s, 0x1000);
	UT_EQ(cxl_lib_freespace_find(&w, NULL, 0, M256 + 1, 1,
				     CXL_LIB_FIRST_FIT, &s), -ENOSPC);
	UT_EQ(cxl_lib_freespace_find(&w, NULL, 0, M256, 1,
				     CXL_LIB_FIRST_FIT, &s), 0);
}

UT_TEST(freespace_full_window_has_no_space)
{
	struct cxl_lib_range busy[] = { win4g };
	u64 s = 0, max = 1;

	UT_EQ(cxl_lib_freespace_find(&win4g, busy, 1, M256, M256,
				     CXL_LIB_FIRST_FIT, &s), -ENOSPC);
	UT_EQ(cxl_lib_freespace_max(&win4g, busy, 1, M256, &max), 0);
	UT_EQ(max, 0);
}

UT_TEST(freespace_busy_beyond_and_overlapping_are_clipped)
{
	struct cxl_lib_range busy[] = {
		rng(0, WIN_BASE + M256),		/* starts below the window */
		rng(WIN_BASE + M256 / 2, M256),		/* overlaps the first */
		rng(WIN_BASE + 0x100000000ull - M256, 4 * M256), /* past the end */
	};
	u64 s = 0, max = 0;

	UT_EQ(cxl_lib_freespace_find(&win4g, busy, 3, M256, M256,
				     CXL_LIB_FIRST_FIT, &s), 0);
	/* the second busy range ends at base + 1.5 x 256 MiB - 1 */
	UT_EQ(s, WIN_BASE + 2 * M256);
	UT_EQ(cxl_lib_freespace_max(&win4g, busy, 3, M256, &max), 0);
	UT_EQ(max, 0x100000000ull - 3 * M256);
}

UT_TEST(freespace_largest_picks_the_largest_extent)
{
	struct cxl_lib_range busy[] = {
		rng(WIN_BASE + M256, M256),
		rng(WIN_BASE + 3 * M256, M256),
	};
	u64 s = 0, max = 0;

	/* free: [0,1) x256M, [2,3), [4,16): the last is the largest */
	UT_EQ(cxl_lib_freespace_find(&win4g, busy, 2, M256, M256,
				     CXL_LIB_LARGEST, &s), 0);
	UT_EQ(s, WIN_BASE + 4 * M256);
	UT_EQ(cxl_lib_freespace_find(&win4g, busy, 2, M256, M256,
				     CXL_LIB_FIRST_FIT, &s), 0);
	UT_EQ(s, WIN_BASE);
	UT_EQ(cxl_lib_freespace_max(&win4g, busy, 2, M256, &max), 0);
	UT_EQ(max, 12 * M256);
	UT_EQ(cxl_lib_freespace_find(&win4g, busy, 2, 13 * M256, M256,
				     CXL_LIB_LARGEST, &s), -ENOSPC);
}

UT_TEST(freespace_window_at_the_top_of_the_address_space)
{
	struct cxl_lib_range w = { .start = U64_MAX - 4 * M256 + 1, .end = U64_MAX };
	struct cxl_lib_range busy[] = { rng(U64_MAX - M256 + 1, M256) };
	u64 s = 0, max = 0;

	UT_EQ(cxl_lib_freespace_find(&w, busy, 1, 3 * M256, M256,
				     CXL_LIB_FIRST_FIT, &s), 0);
	UT_EQ(s, w.start);
	UT_EQ(cxl_lib_freespace_find(&w, busy, 1, 4 * M256, M256,
				     CXL_LIB_FIRST_FIT, &s), -ENOSPC);
	UT_EQ(cxl_lib_freespace_max(&w, busy, 1, M256, &max), 0);
	UT_EQ(max, 3 * M256);
}

UT_TEST(freespace_rejects_bad_arguments)
{
	struct cxl_lib_range rev = { .start = 2, .end = 1 };
	struct cxl_lib_range many[CXL_LIB_MAX_BUSY + 1] = { { 0 } };
	u64 s;

	UT_EQ(cxl_lib_freespace_find(&win4g, NULL, 0, 0, M256,
				     CXL_LIB_FIRST_FIT, &s), -EINVAL);
	UT_EQ(cxl_lib_freespace_find(&win4g, NULL, 0, M256, 3 * M256,
				     CXL_LIB_FIRST_FIT, &s), -EINVAL);
	UT_EQ(cxl_lib_freespace_find(&rev, NULL, 0, 1, 1,
				     CXL_LIB_FIRST_FIT, &s), -EINVAL);
	UT_EQ(cxl_lib_freespace_find(&win4g, &rev, 1, 1, 1,
				     CXL_LIB_FIRST_FIT, &s), -EINVAL);
	UT_EQ(cxl_lib_freespace_find(&win4g, many, CXL_LIB_MAX_BUSY + 1, 1, 1,
				     CXL_LIB_FIRST_FIT, &s), -E2BIG);
}

UT_TEST(dpa_first_range_starts_at_zero)
{
	u64 base = 1, skip = 1;

	UT_EQ(cxl_lib_dpa_next(4 * M256, 0, M256, M256, &base, &skip), 0);
	UT_EQ(base, 0);
	UT_EQ(skip, 0);
}

UT_TEST(dpa_next_range_follows_with_skip)
{
	u64 base = 0, skip = 0;

	/* lower decoders end exactly on a boundary: no skip */
	UT_EQ(cxl_lib_dpa_next(4 * M256, M256, M256, M256, &base, &skip), 0);
	UT_EQ(base, M256);
	UT_EQ(skip, 0);
	/* lower decoders end mid-unit: skip to the next boundary */
	UT_EQ(cxl_lib_dpa_next(4 * M256, M256 + 0x1000, M256, M256, &base, &skip), 0);
	UT_EQ(base, 2 * M256);
	UT_EQ(skip, M256 - 0x1000);
}

UT_TEST(dpa_capacity_is_exact)
{
	u64 base, skip;

	UT_EQ(cxl_lib_dpa_next(M256, 0, M256, M256, &base, &skip), 0);
	UT_EQ(cxl_lib_dpa_next(M256, 0, 2 * M256, M256, &base, &skip), -ENOSPC);
	UT_EQ(cxl_lib_dpa_next(2 * M256, M256, M256, M256, &base, &skip), 0);
	UT_EQ(cxl_lib_dpa_next(2 * M256, M256 + 1, M256, M256, &base, &skip), -ENOSPC);
	UT_EQ(cxl_lib_dpa_next(M256, 0, M256 / 2, M256, &base, &skip), -EINVAL);
	UT_EQ(cxl_lib_dpa_next(M256, 0, 0, M256, &base, &skip), -EINVAL);
	UT_EQ(cxl_lib_dpa_next(U64_MAX, U64_MAX - 1, M256, M256, &base, &skip), -ENOSPC);
}
