// SPDX-License-Identifier: GPL-2.0-only
/*
 * The choice of a CXL window: which CFMWS qualifies and why one is
 * refused (with the reason the log shows), how busy resources, the CXL
 * core's regions and the HPA floor combine, and first fit against the
 * largest free extent across windows.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/types.h>
#include <string.h>

#include "harness.h"
#include "lib/window_pick.h"

#define M256	0x10000000ull
#define G1	0x40000000ull
#define BASE_A	0x110000000ull
#define BASE_B	0x210000000ull
#define HB	0xc
#define OTHER_HB 0xde

/* Big enough for any test, and too big for the stack of a sanitised build */
static struct cxl_lib_window win[3];

static struct cxl_lib_range rng(u64 start, u64 size)
{
	return (struct cxl_lib_range){ .start = start, .end = start + size - 1 };
}

/* A window that qualifies for HB: 1-way, device-coherent volatile. */
static struct cxl_lib_window *window(unsigned int i, u64 base, u64 size)
{
	struct cxl_lib_window *w = &win[i];

	memset(w, 0, sizeof(*w));
	w->cfmws.base = base;
	w->cfmws.size = size;
	w->cfmws.ways = 1;
	w->cfmws.restrictions = CXL_SPEC_CFMWS_DEVMEM | CXL_SPEC_CFMWS_VOLATILE;
	w->cfmws.targets[0] = HB;
	return w;
}

static void busy(struct cxl_lib_window *w, struct cxl_lib_range r)
{
	w->busy[w->nr_busy++] = r;
}

static struct cxl_lib_window_req req(u64 size, bool largest)
{
	return (struct cxl_lib_window_req){
		.hb_uid = HB, .size = size, .align = M256, .largest = largest,
	};
}

UT_TEST(window_pick_empty_window_first_fit_is_its_base)
{
	struct cxl_lib_window_req r = req(M256, false);
	unsigned int pick = 9;

	window(0, BASE_A, 4 * G1);
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), 0);
	UT_EQ(pick, 0);
	UT_EQ(win[0].start, BASE_A);
	UT_EQ(win[0].avail, 4 * G1);
	UT_ASSERT(win[0].checked);
}

/* Size 0 asks only for the largest extent; the start is the window base */
UT_TEST(window_pick_query_reports_the_largest_extent)
{
	struct cxl_lib_window_req r = req(0, true);
	unsigned int pick = 9;

	busy(window(0, BASE_A, 4 * G1), rng(BASE_A + G1, M256));
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), 0);
	UT_EQ(pick, 0);
	UT_EQ(win[0].start, BASE_A);
	UT_EQ(win[0].avail, 3 * G1 - M256);
}

UT_TEST(window_pick_no_window_for_the_host_bridge_is_enodev)
{
	struct cxl_lib_window_req r = req(M256, false);
	unsigned int pick = 9;

	window(0, BASE_A, G1)->cfmws.targets[0] = OTHER_HB;
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), -ENODEV);
	UT_ASSERT(!win[0].checked);
	UT_EQ(pick, 9);
	UT_EQ(cxl_lib_window_pick(win, 0, &r, &pick), -ENODEV);
}

/* Host-only coherent (Type 3) windows, and persistent-only ones */
UT_TEST(window_pick_refuses_restrictions_without_devmem_volatile)
{
	struct cxl_lib_window_req r = req(M256, false);
	unsigned int pick = 9;

	window(0, BASE_A, G1)->cfmws.restrictions =
		CXL_SPEC_CFMWS_HOSTONLY | CXL_SPEC_CFMWS_VOLATILE;
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), -EOPNOTSUPP);
	UT_EQ(pick, 0);
	UT_STR(win[0].why,
	       "restrictions 0x6 exclude device-coherent volatile memory");

	window(0, BASE_A, G1)->cfmws.restrictions =
		CXL_SPEC_CFMWS_DEVMEM | CXL_SPEC_CFMWS_PMEM;
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), -EOPNOTSUPP);
	UT_STR(win[0].why,
	       "restrictions 0x9 exclude device-coherent volatile memory");
}

UT_TEST(window_pick_refuses_an_interleaved_window)
{
	struct cxl_lib_window_req r = req(M256, false);
	struct cxl_lib_window *w = window(0, BASE_A, 2 * G1);
	unsigned int pick = 9;

	w->cfmws.ways = 2;
	w->cfmws.targets[0] = OTHER_HB;
	w->cfmws.targets[1] = HB;
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), -EOPNOTSUPP);
	UT_ASSERT(w->checked);
	UT_STR(w->why,
	       "interleaves 2 host bridges; one device needs a 1-way window");
}

UT_TEST(window_pick_refuses_soft_reserved_and_system_ram)
{
	struct cxl_lib_window_req r = req(M256, false);
	struct cxl_lib_window *w = window(0, BASE_A, G1);
	unsigned int pick = 9;

	w->overlap.kind = CXL_LIB_OVERLAP_SOFT_RESERVED;
	w->overlap.at = rng(BASE_A, G1);
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), -EBUSY);
	UT_STR(w->why,
	       "Soft Reserved [0x110000000-0x14fffffff] overlaps it: dax_hmem owns EFI_MEMORY_SP ranges (cxl_accel.take_soft_reserved=1 takes them)");

	w = window(0, BASE_A, G1);
	w->overlap.kind = CXL_LIB_OVERLAP_SYSTEM_RAM;
	w->overlap.at = rng(BASE_A + M256, M256);
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), -EBUSY);
	UT_STR(w->why,
	       "System RAM [0x120000000-0x12fffffff] overlaps it: the kernel already uses that memory");
}

UT_TEST(window_pick_overlap_why_nothing_is_no_refusal)
{
	struct cxl_lib_overlap o = { .kind = CXL_LIB_OVERLAP_NONE };
	char why[CXL_LIB_WINDOW_WHY] = "";

	UT_EQ(cxl_lib_window_overlap_why(&o, false, why, sizeof(why)), 0);
	UT_STR(why, "");
}

UT_TEST(window_pick_skips_a_busy_range_at_the_base)
{
	struct cxl_lib_window_req r = req(M256, false);
	unsigned int pick = 9;

	busy(window(0, BASE_A, G1), rng(BASE_A, M256));
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), 0);
	UT_EQ(win[0].start, BASE_A + M256);
	UT_EQ(win[0].avail, 3 * M256);
}

/* Decoders commit in HPA order: nothing goes below the floor */
UT_TEST(window_pick_starts_at_the_floor)
{
	struct cxl_lib_window_req r = req(M256, false);
	unsigned int pick = 9;

	window(0, BASE_A, G1);
	r.floor = BASE_A + 2 * M256;
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), 0);
	UT_EQ(win[0].start, BASE_A + 2 * M256);
	UT_EQ(win[0].avail, 2 * M256);
	/* the floor is one more busy range, appended to the window's */
	UT_EQ(win[0].nr_busy, 1);

	/* a floor at the window's base takes nothing away */
	window(0, BASE_A, G1);
	r.floor = BASE_A;
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), 0);
	UT_EQ(win[0].start, BASE_A);
	UT_EQ(win[0].nr_busy, 0);
}

/* An unaligned floor rounds up; a busy range across it pushes further */
UT_TEST(window_pick_busy_across_the_floor)
{
	struct cxl_lib_window_req r = req(M256, false);
	unsigned int pick = 9;

	window(0, BASE_A, G1);
	r.floor = BASE_A + M256 + 0x1000;
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), 0);
	UT_EQ(win[0].start, BASE_A + 2 * M256);

	busy(window(0, BASE_A, G1), rng(BASE_A + M256, 2 * M256));
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), 0);
	UT_EQ(win[0].start, BASE_A + 3 * M256);
	UT_EQ(win[0].avail, M256);
}

UT_TEST(window_pick_floor_above_the_window_leaves_nothing)
{
	struct cxl_lib_window_req r = req(0, true);
	unsigned int pick = 9;

	window(0, BASE_A, G1);
	r.floor = BASE_B;
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), 0);
	UT_EQ(win[0].avail, 0);

	r = req(M256, false);
	r.floor = BASE_B;
	window(0, BASE_A, G1);
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), -ENOSPC);
	UT_EQ(pick, 0);
	/* (the kernel prints 0 as "0x0" for %#llx, the C library as "0") */
	UT_ASSERT(strstr(win[0].why,
			 " bytes free in one piece, 0x10000000 wanted"));
}

/* The CXL core's regions are not busy: the caller names them to avoid */
UT_TEST(window_pick_avoids_a_cxl_core_region)
{
	struct cxl_lib_range avoid[] = {
		rng(BASE_B, G1),		/* another window's: ignored */
		rng(BASE_A, 2 * M256),
	};
	struct cxl_lib_window_req r = req(M256, false);
	unsigned int pick = 9;

	window(0, BASE_A, G1);
	r.avoid = avoid;
	r.nr_avoid = ARRAY_SIZE(avoid);
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), 0);
	UT_EQ(win[0].start, BASE_A + 2 * M256);
	UT_EQ(win[0].avail, 2 * M256);
	UT_EQ(win[0].nr_busy, 1);
}

UT_TEST(window_pick_full_window_is_enospc_with_what_is_free)
{
	struct cxl_lib_window_req r = req(2 * M256, false);
	unsigned int pick = 9;

	/* 256 MiB free twice, never 512 MiB in one piece */
	busy(window(0, BASE_A, G1), rng(BASE_A, M256));
	busy(&win[0], rng(BASE_A + 2 * M256, M256));
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), -ENOSPC);
	UT_STR(win[0].why,
	       "0x10000000 bytes free in one piece, 0x20000000 wanted");
}

/*
 * A request bigger than the largest extent is refused with "largest",
 * though first fit would not find room either: same answer, same reason.
 */
UT_TEST(window_pick_largest_does_not_fit_is_enospc)
{
	struct cxl_lib_window_req r = req(2 * G1, true);
	unsigned int pick = 9;

	window(0, BASE_A, G1);
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), -ENOSPC);
	UT_STR(win[0].why,
	       "0x40000000 bytes free in one piece, 0x80000000 wanted");
}

/*
 * Window A: 1 GiB, half busy, B: 2 GiB, empty.  First fit takes A and
 * does not look at B; "largest" looks at both and takes B.
 */
UT_TEST(window_pick_first_fit_against_largest_across_two_windows)
{
	struct cxl_lib_window_req r = req(M256, false);
	unsigned int pick = 9;

	busy(window(0, BASE_A, G1), rng(BASE_A, 2 * M256));
	window(1, BASE_B, 2 * G1);
	UT_EQ(cxl_lib_window_pick(win, 2, &r, &pick), 0);
	UT_EQ(pick, 0);
	UT_EQ(win[0].start, BASE_A + 2 * M256);
	UT_ASSERT(!win[1].checked);

	r = req(M256, true);
	busy(window(0, BASE_A, G1), rng(BASE_A, 2 * M256));
	window(1, BASE_B, 2 * G1);
	UT_EQ(cxl_lib_window_pick(win, 2, &r, &pick), 0);
	UT_EQ(pick, 1);
	UT_EQ(win[1].start, BASE_B);
	UT_EQ(win[1].avail, 2 * G1);
	UT_ASSERT(win[0].checked && !win[0].rc);
}

/* Of two windows with as much room, "largest" keeps the first */
UT_TEST(window_pick_largest_tie_keeps_the_first)
{
	struct cxl_lib_window_req r = req(M256, true);
	unsigned int pick = 9;

	window(0, BASE_A, G1);
	window(1, BASE_B, G1);
	UT_EQ(cxl_lib_window_pick(win, 2, &r, &pick), 0);
	UT_EQ(pick, 0);
}

/* "largest" places at the start of the largest extent, not the lowest */
UT_TEST(window_pick_largest_places_in_the_largest_extent)
{
	struct cxl_lib_window_req r = req(M256, true);
	unsigned int pick = 9;

	busy(window(0, BASE_A, 2 * G1), rng(BASE_A + M256, M256));
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), 0);
	UT_EQ(win[0].start, BASE_A + 2 * M256);
	UT_EQ(win[0].avail, 2 * G1 - 2 * M256);
}

/* First fit moves on past a refused window, and past one without room */
UT_TEST(window_pick_first_fit_skips_refused_and_full_windows)
{
	struct cxl_lib_window_req r = req(M256, false);
	unsigned int pick = 9;

	window(0, BASE_A, G1)->cfmws.targets[0] = OTHER_HB;
	busy(window(1, BASE_A + G1, G1), rng(BASE_A + G1, G1));
	window(2, BASE_B, G1);
	UT_EQ(cxl_lib_window_pick(win, 3, &r, &pick), 0);
	UT_EQ(pick, 2);
	UT_ASSERT(!win[0].checked);
	UT_EQ(win[1].rc, -ENOSPC);
	UT_EQ(win[2].start, BASE_B);
}

/* With no window left, the last refusal is what the error line reports */
UT_TEST(window_pick_reports_the_last_refusal)
{
	struct cxl_lib_window_req r = req(M256, true);
	struct cxl_lib_window *w;
	unsigned int pick = 9;

	w = window(0, BASE_A, G1);
	w->cfmws.ways = 2;
	w->cfmws.targets[1] = OTHER_HB;
	window(1, BASE_B, G1)->overlap.kind = CXL_LIB_OVERLAP_SYSTEM_RAM;
	UT_EQ(cxl_lib_window_pick(win, 2, &r, &pick), -EBUSY);
	UT_EQ(pick, 1);
	UT_EQ(win[0].rc, -EOPNOTSUPP);

	/* once one qualifies, a later refusal does not change the choice */
	window(0, BASE_A, G1);
	window(1, BASE_B, G1)->overlap.kind = CXL_LIB_OVERLAP_SYSTEM_RAM;
	UT_EQ(cxl_lib_window_pick(win, 2, &r, &pick), 0);
	UT_EQ(pick, 0);
	UT_EQ(win[1].rc, -EBUSY);
}

UT_TEST(window_pick_too_many_ranges_is_e2big)
{
	struct cxl_lib_range avoid[] = { rng(BASE_A, M256) };
	struct cxl_lib_window_req r = req(M256, false);
	struct cxl_lib_window *w;
	unsigned int pick = 9, i;

	/* the memory map had more busy resources than fit */
	w = window(0, BASE_A, 4 * G1);
	w->busy_overflow = true;
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), -E2BIG);
	UT_STR(w->why, "more than 64 ranges in use");

	/* exactly CXL_LIB_MAX_BUSY busy ranges still work */
	w = window(0, BASE_A, 4 * G1);
	for (i = 0; i < CXL_LIB_MAX_BUSY; i++)
		busy(w, rng(BASE_A + i * 0x1000, 0x1000));
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), 0);
	UT_EQ(w->start, BASE_A + M256);

	/* but an avoided region, or the floor, on top of them does not */
	w->nr_busy = CXL_LIB_MAX_BUSY;
	r.avoid = avoid;
	r.nr_avoid = 1;
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), -E2BIG);
	UT_STR(w->why, "more than 64 ranges in use");
	w->nr_busy = CXL_LIB_MAX_BUSY;
	r.nr_avoid = 0;
	r.floor = BASE_A + M256;
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), -E2BIG);
}

/*
 * Adoption: a range that decoders already decode may stay only in a
 * window that may hold it; the reason follows "HPA " in the log.
 */
/* The first 256 MiB of window A, as the reasons name it */
#define IN_A "[0x110000000-0x11fffffff] is in CXL window [0x110000000-0x14fffffff], "
/* Soft Reserved over the last 256 MiB of window A */
#define SR_A4 "Soft Reserved [0x140000000-0x14fffffff] overlaps it: "

UT_TEST(window_of_accepts_a_range_in_a_qualifying_window)
{
	char why[CXL_LIB_WINDOW_OF_WHY] = "";
	unsigned int idx = 9;

	window(0, BASE_A, G1)->cfmws.targets[0] = OTHER_HB;
	window(1, BASE_B, G1);
	/* the whole window is a range too; busy ranges do not matter here */
	busy(&win[1], rng(BASE_B, G1));
	UT_EQ(cxl_lib_window_of(win, 2, HB, BASE_B, G1, false, &idx, why,
				sizeof(why)), 0);
	UT_EQ(idx, 1);
	UT_EQ(cxl_lib_window_of(win, 2, HB, BASE_B + M256, M256, false, &idx, why,
				sizeof(why)), 0);
	UT_EQ(idx, 1);
	UT_EQ(win[1].nr_busy, 1);
}

UT_TEST(window_of_refuses_an_empty_or_wrapping_range)
{
	char why[CXL_LIB_WINDOW_OF_WHY] = "";
	unsigned int idx = 9;

	window(0, BASE_A, G1);
	UT_EQ(cxl_lib_window_of(win, 1, HB, BASE_A, 0, false, &idx, why, sizeof(why)),
	      -ERANGE);
	/* (the kernel prints this 0 as "0x0") */
	UT_STR(why, "base 0x110000000 + size 0 wraps around or is empty");
	UT_EQ(cxl_lib_window_of(win, 1, HB, 0xfffffffff0000000ull, 2 * M256,
				false, &idx, why, sizeof(why)), -ERANGE);
	UT_STR(why, "base 0xfffffffff0000000 + size 0x20000000 wraps around or is empty");
	/* ending exactly at 2^64 - 1 does not wrap: it is just outside */
	UT_EQ(cxl_lib_window_of(win, 1, HB, 0xfffffffff0000000ull, M256,
				false, &idx, why, sizeof(why)), -ENXIO);
	UT_EQ(idx, 9);
}

UT_TEST(window_of_refuses_a_range_outside_every_window)
{
	char why[CXL_LIB_WINDOW_OF_WHY] = "";
	unsigned int idx = 9;

	window(0, BASE_A, G1);
	window(1, BASE_A + G1, G1);
	/* straddling two adjacent windows is in neither */
	UT_EQ(cxl_lib_window_of(win, 2, HB, BASE_A + G1 - M256, 2 * M256,
				false, &idx, why, sizeof(why)), -ENXIO);
	UT_STR(why, "[0x140000000-0x15fffffff] is outside every CXL window");
	UT_EQ(cxl_lib_window_of(win, 0, HB, BASE_A, M256, false, &idx, why,
				sizeof(why)), -ENXIO);
}

UT_TEST(window_of_refuses_a_window_of_another_host_bridge)
{
	char why[CXL_LIB_WINDOW_OF_WHY] = "";
	unsigned int idx = 9;

	window(0, BASE_A, G1)->cfmws.targets[0] = OTHER_HB;
	UT_EQ(cxl_lib_window_of(win, 1, HB, BASE_A, M256, false, &idx, why,
				sizeof(why)), -ENXIO);
	UT_STR(why, IN_A "which does not target host bridge UID 12");
}

UT_TEST(window_of_refuses_restrictions_interleave_and_overlaps)
{
	char why[CXL_LIB_WINDOW_OF_WHY] = "";
	struct cxl_lib_window *w;
	unsigned int idx = 9;

	window(0, BASE_A, G1)->cfmws.restrictions = CXL_SPEC_CFMWS_HOSTONLY |
						    CXL_SPEC_CFMWS_VOLATILE;
	UT_EQ(cxl_lib_window_of(win, 1, HB, BASE_A, M256, false, &idx, why,
				sizeof(why)), -EOPNOTSUPP);
	UT_STR(why, IN_A "but its restrictions 0x6 exclude device-coherent volatile memory");

	w = window(0, BASE_A, G1);
	w->cfmws.ways = 2;
	w->cfmws.targets[1] = OTHER_HB;
	UT_EQ(cxl_lib_window_of(win, 1, HB, BASE_A, M256, false, &idx, why,
				sizeof(why)), -EOPNOTSUPP);
	UT_STR(why, IN_A "but it interleaves 2 host bridges, and one device decodes the range");

	w = window(0, BASE_A, G1);
	w->overlap.kind = CXL_LIB_OVERLAP_SOFT_RESERVED;
	w->overlap.at = rng(BASE_A + 3 * M256, M256);
	UT_EQ(cxl_lib_window_of(win, 1, HB, BASE_A, M256, false, &idx, why,
				sizeof(why)), -EBUSY);
	UT_STR(why, IN_A "but " SR_A4
	       "dax_hmem owns EFI_MEMORY_SP ranges (cxl_accel.take_soft_reserved=1 takes them)");
	/* taken over when asked, unless something holds part of it */
	UT_EQ(cxl_lib_window_of(win, 1, HB, BASE_A, M256, true, &idx, why,
				sizeof(why)), 0);
	w->overlap.in_use = true;
	w->overlap.held = rng(BASE_A + 3 * M256, M256 / 2);
	UT_EQ(cxl_lib_window_of(win, 1, HB, BASE_A, M256, true, &idx, why,
				sizeof(why)), -EBUSY);
	UT_STR(why, IN_A "but " SR_A4 "device-dax or kmem holds [0x140000000-0x147ffffff] in it");
}

UT_TEST(window_pick_takes_soft_reserved_only_when_asked_and_free)
{
	struct cxl_lib_window_req r = req(M256, false);
	struct cxl_lib_window *w = window(0, BASE_A, G1);
	unsigned int pick = 9;

	w->overlap.kind = CXL_LIB_OVERLAP_SOFT_RESERVED;
	w->overlap.at = rng(BASE_A, M256);
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), -EBUSY);
	/* asked: the Soft Reserved range is free space like any other */
	w = window(0, BASE_A, G1);
	w->overlap.kind = CXL_LIB_OVERLAP_SOFT_RESERVED;
	w->overlap.at = rng(BASE_A, M256);
	r.take_sr = true;
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), 0);
	UT_EQ(pick, 0);
	UT_EQ(w->start, BASE_A);
	/* something holds part of it: refused, with the range it holds */
	w = window(0, BASE_A, G1);
	w->overlap.kind = CXL_LIB_OVERLAP_SOFT_RESERVED;
	w->overlap.at = rng(BASE_A, M256);
	w->overlap.in_use = true;
	w->overlap.held = rng(BASE_A, M256);
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), -EBUSY);
	UT_STR(w->why,
	       "Soft Reserved [0x110000000-0x11fffffff] overlaps it: device-dax or kmem holds [0x110000000-0x11fffffff] in it");
	/* System RAM is never taken, asked or not */
	w = window(0, BASE_A, G1);
	w->overlap.kind = CXL_LIB_OVERLAP_SYSTEM_RAM;
	w->overlap.at = rng(BASE_A, M256);
	UT_EQ(cxl_lib_window_pick(win, 1, &r, &pick), -EBUSY);
	UT_STR(w->why,
	       "System RAM [0x110000000-0x11fffffff] overlaps it: the kernel already uses that memory");
}

/* The longest reason, with every number at its widest, is not cut */
UT_TEST(window_of_longest_reason_fits)
{
	char why[CXL_LIB_WINDOW_OF_WHY] = "";
	struct cxl_lib_window *w;
	unsigned int idx = 9;

	w = window(0, 0xf000000000000000ull, 0x0fffffffffffffffull);
	w->overlap.kind = CXL_LIB_OVERLAP_SOFT_RESERVED;
	w->overlap.at = rng(0xf000000000000000ull, 0x0fffffffffffffffull);
	UT_EQ(cxl_lib_window_of(win, 1, HB, 0xf100000000000000ull, M256, false, &idx,
				why, sizeof(why)), -EBUSY);
	UT_ASSERT(strlen(why) < sizeof(why) - 1);
	UT_ASSERT(strstr(why, "dax_hmem owns EFI_MEMORY_SP ranges"));
}
