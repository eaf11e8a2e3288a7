// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Register Locator DVSEC: entries decoded, placed in their BARs, and
 * every malformed entry reported and kept out of reach.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sizes.h>
#include <linux/types.h>

#include "harness.h"
#include "sim_cfg.h"
#include "sim_env.h"
#include "spec/regloc.h"

static struct sim_cfg cfg;
static struct sim_env env;
static struct cxl_spec_dvsec_list list;
static struct cxl_spec_regloc regloc;

/* BAR 0 and BAR 2 are 64-bit memory BARs; 1 and 3 are their upper halves. */
static const u64 bars[CXL_SPEC_NUM_BARS] = {
	[0] = 0x20000, [2] = 0x400000000ull, [4] = SZ_64K,
};

static int read_regloc(const struct sim_regblock *b, unsigned int n)
{
	sim_env_init(&env);
	sim_cfg_init(&cfg);
	sim_cfg_add_regloc(&cfg, 0x100, b, n);
	if (cxl_spec_dvsec_scan(&cfg.ops, &env.env, &list))
		return -1;
	return cxl_spec_regloc_read(&cfg.ops, &env.env, &list, bars, &regloc);
}

UT_TEST(regloc_decodes_bir_id_and_64bit_offset)
{
	static const struct sim_regblock b[] = {
		{ .bir = 0, .id = CXL_SPEC_RBI_COMPONENT, .offset = 0 },
		{ .bir = 2, .id = CXL_SPEC_RBI_MEMDEV, .offset = 0x300010000ull },
		{ .bir = 4, .id = CXL_SPEC_RBI_CPMU, .offset = 0 },
		{ .bir = 2, .id = CXL_SPEC_RBI_CPMU, .offset = 0x10000 },
		{ .bir = 0, .id = CXL_SPEC_RBI_VENDOR, .offset = 0x10000 },
	};
	const struct cxl_spec_regblock *r;

	UT_EQ(read_regloc(b, ARRAY_SIZE(b)), 0);
	UT_EQ(regloc.offset, 0x100);
	UT_EQ(regloc.nr, 5);
	UT_EQ(env.nr_reports, 0);

	r = cxl_spec_regloc_find(&regloc, CXL_SPEC_RBI_COMPONENT, 0);
	UT_ASSERT(r && r->bir == 0 && r->offset == 0 && r->size == SZ_64K);
	r = cxl_spec_regloc_find(&regloc, CXL_SPEC_RBI_MEMDEV, 0);
	UT_ASSERT(r);
	UT_EQ(r->bir, 2);
	UT_EQ(r->offset, 0x300010000ull);
	UT_EQ(r->size, 0x400000000ull - 0x300010000ull);
	UT_EQ(r->entry, 1);
	/* Several CPMUs are normal; they are found by instance. */
	UT_EQ(cxl_spec_regloc_find(&regloc, CXL_SPEC_RBI_CPMU, 0)->bir, 4);
	UT_EQ(cxl_spec_regloc_find(&regloc, CXL_SPEC_RBI_CPMU, 1)->bir, 2);
	UT_ASSERT(!cxl_spec_regloc_find(&regloc, CXL_SPEC_RBI_CPMU, 2));
	UT_ASSERT(cxl_spec_regloc_find(&regloc, CXL_SPEC_RBI_VENDOR, 0));
	UT_ASSERT(!cxl_spec_regloc_find(&regloc, CXL_SPEC_RBI_BAR_VIRT_ACL, 0));
	UT_STR(cxl_spec_regblock_name(CXL_SPEC_RBI_MEMDEV), "CXL memory device registers");
}

UT_TEST(regloc_skips_empty_entries)
{
	static const struct sim_regblock b[] = {
		{ .id = CXL_SPEC_RBI_EMPTY },
		{ .bir = 0, .id = CXL_SPEC_RBI_COMPONENT, .offset = 0x10000 },
		{ .id = CXL_SPEC_RBI_EMPTY },
	};

	UT_EQ(read_regloc(b, ARRAY_SIZE(b)), 0);
	UT_EQ(regloc.nr, 1);
	UT_EQ(regloc.block[0].entry, 1);
	UT_EQ(regloc.block[0].state, CXL_SPEC_REGBLOCK_OK);
}

UT_TEST(regloc_bad_bir_is_reported_and_unusable)
{
	static const struct sim_regblock b[] = {
		{ .bir = 6, .id = CXL_SPEC_RBI_COMPONENT },
		{ .bir = 7, .id = CXL_SPEC_RBI_MEMDEV },
		/* the upper half of 64-bit BAR 0 */
		{ .bir = 1, .id = CXL_SPEC_RBI_CPMU },
	};
	unsigned int i;

	UT_EQ(read_regloc(b, ARRAY_SIZE(b)), 0);
	UT_EQ(regloc.nr, 3);
	for (i = 0; i < 3; i++)
		UT_EQ(regloc.block[i].state, CXL_SPEC_REGBLOCK_BAD_BIR);
	UT_EQ(env.nr_reports, 3);
	UT_ASSERT(sim_env_reported(&env, "no BAR 7"));
	UT_ASSERT(!cxl_spec_regloc_find(&regloc, CXL_SPEC_RBI_COMPONENT, 0));
	UT_ASSERT(!cxl_spec_regloc_find(&regloc, CXL_SPEC_RBI_MEMDEV, 0));
}

UT_TEST(regloc_block_beyond_its_bar_is_unusable)
{
	static const struct sim_regblock b[] = {
		/* BAR 0 is 128 KiB: a component block at 128 KiB is outside */
		{ .bir = 0, .id = CXL_SPEC_RBI_COMPONENT, .offset = 0x20000 },
		/* BAR 4 is 64 KiB: a memdev block at 64 KiB is outside */
		{ .bir = 4, .id = CXL_SPEC_RBI_MEMDEV, .offset = 0x10000 },
		/* an offset that wraps a 64-bit add */
		{ .bir = 2, .id = CXL_SPEC_RBI_CPMU, .offset = 0xffffffffffff0000ull },
	};

	UT_EQ(read_regloc(b, ARRAY_SIZE(b)), 0);
	UT_EQ(regloc.block[0].state, CXL_SPEC_REGBLOCK_BEYOND_BAR);
	UT_EQ(regloc.block[1].state, CXL_SPEC_REGBLOCK_BEYOND_BAR);
	UT_EQ(regloc.block[2].state, CXL_SPEC_REGBLOCK_BEYOND_BAR);
	UT_EQ(regloc.block[2].offset, 0xffffffffffff0000ull);
	UT_EQ(env.nr_reports, 3);
	UT_ASSERT(sim_env_reported(&env, "offset 0x20000 beyond BAR 0"));
}

UT_TEST(regloc_component_block_must_fit_whole)
{
	static const struct sim_regblock b[] = {
		{ .bir = 0, .id = CXL_SPEC_RBI_COMPONENT, .offset = 0x10000 },
	};
	u64 small[CXL_SPEC_NUM_BARS] = { [0] = 0x18000 };

	UT_EQ(read_regloc(b, 1), 0);
	UT_EQ(regloc.block[0].state, CXL_SPEC_REGBLOCK_OK);
	/* Only half of the 64 KiB block would be inside the BAR. */
	UT_EQ(cxl_spec_regloc_read(&cfg.ops, &env.env, &list, small, &regloc), 0);
	UT_EQ(regloc.block[0].state, CXL_SPEC_REGBLOCK_BEYOND_BAR);
}

UT_TEST(regloc_duplicate_component_and_memdev_keep_the_first)
{
	static const struct sim_regblock b[] = {
		{ .bir = 0, .id = CXL_SPEC_RBI_COMPONENT, .offset = 0 },
		{ .bir = 2, .id = CXL_SPEC_RBI_MEMDEV, .offset = 0 },
		{ .bir = 0, .id = CXL_SPEC_RBI_COMPONENT, .offset = 0x10000 },
		{ .bir = 2, .id = CXL_SPEC_RBI_MEMDEV, .offset = 0x10000 },
	};

	UT_EQ(read_regloc(b, ARRAY_SIZE(b)), 0);
	UT_EQ(regloc.block[0].state, CXL_SPEC_REGBLOCK_OK);
	UT_EQ(regloc.block[1].state, CXL_SPEC_REGBLOCK_OK);
	UT_EQ(regloc.block[2].state, CXL_SPEC_REGBLOCK_DUPLICATE);
	UT_EQ(regloc.block[3].state, CXL_SPEC_REGBLOCK_DUPLICATE);
	UT_EQ(cxl_spec_regloc_find(&regloc, CXL_SPEC_RBI_COMPONENT, 0)->offset, 0);
	UT_ASSERT(!cxl_spec_regloc_find(&regloc, CXL_SPEC_RBI_COMPONENT, 1));
	UT_EQ(env.nr_reports, 2);
	UT_ASSERT(sim_env_reported(&env, "entry 0 used"));
}

UT_TEST(regloc_blocks_at_the_same_place_overlap)
{
	static const struct sim_regblock b[] = {
		{ .bir = 0, .id = CXL_SPEC_RBI_COMPONENT, .offset = 0x10000 },
		{ .bir = 0, .id = CXL_SPEC_RBI_MEMDEV, .offset = 0x10000 },
		{ .bir = 2, .id = CXL_SPEC_RBI_CPMU, .offset = 0x10000 },
	};

	UT_EQ(read_regloc(b, ARRAY_SIZE(b)), 0);
	UT_EQ(regloc.block[0].state, CXL_SPEC_REGBLOCK_OK);
	UT_EQ(regloc.block[1].state, CXL_SPEC_REGBLOCK_OVERLAP);
	UT_EQ(regloc.block[2].state, CXL_SPEC_REGBLOCK_OK);
	UT_ASSERT(sim_env_reported(&env, "overlaps entry 0"));
}

UT_TEST(regloc_unknown_id_is_kept_as_unknown)
{
	static const struct sim_regblock b[] = {
		{ .bir = 0, .id = 0x42, .offset = 0x10000 },
		{ .bir = 0, .id = CXL_SPEC_RBI_COMPONENT, .offset = 0 },
	};

	UT_EQ(read_regloc(b, ARRAY_SIZE(b)), 0);
	UT_EQ(regloc.nr, 2);
	UT_EQ(regloc.block[0].state, CXL_SPEC_REGBLOCK_UNKNOWN);
	UT_EQ(regloc.block[0].id, 0x42);
	UT_EQ(regloc.block[0].offset, 0x10000);
	UT_ASSERT(!cxl_spec_regloc_find(&regloc, 0x42, 0));
	UT_ASSERT(sim_env_reported(&env, "unknown block ID 0x42"));
	UT_EQ(regloc.block[1].state, CXL_SPEC_REGBLOCK_OK);
}

UT_TEST(regloc_too_many_entries_are_cut)
{
	struct sim_regblock b[20];
	unsigned int i;

	for (i = 0; i < 20; i++)
		b[i] = (struct sim_regblock){ .bir = 2, .id = CXL_SPEC_RBI_CPMU,
					      .offset = 0x10000ull * i };
	UT_EQ(read_regloc(b, 20), 0);
	UT_EQ(regloc.nr, CXL_SPEC_REGLOC_MAX);
	UT_ASSERT(sim_env_reported(&env, "over 16 blocks"));
}

UT_TEST(regloc_length_not_whole_entries_is_invalid)
{
	static const struct sim_regblock b[] = {
		{ .bir = 0, .id = CXL_SPEC_RBI_COMPONENT, .offset = 0 },
	};

	sim_env_init(&env);
	sim_cfg_init(&cfg);
	sim_cfg_add_regloc(&cfg, 0x100, b, 1);
	/* 0xc + 8 + 4: half an entry too many */
	sim_cfg_put32(&cfg, 0x104, 0x01801e98);
	UT_EQ(cxl_spec_dvsec_scan(&cfg.ops, &env.env, &list), 0);
	UT_ASSERT(!list.dvsec[0].valid);
	UT_ASSERT(sim_env_reported(&env, "not 0xc plus whole 8-byte entries"));
	UT_EQ(cxl_spec_regloc_read(&cfg.ops, &env.env, &list, bars, &regloc), -ENODEV);
}

UT_TEST(regloc_qemu_type3_layout)
{
	struct cxl_spec_dvsec_list l;
	u64 bar0[CXL_SPEC_NUM_BARS] = { [0] = SZ_64K * 4 };

	sim_env_init(&env);
	sim_cfg_build_type2(&cfg);
	UT_EQ(cxl_spec_dvsec_scan(&cfg.ops, &env.env, &l), 0);
	UT_EQ(cxl_spec_regloc_read(&cfg.ops, &env.env, &l, bar0, &regloc), 0);
	UT_EQ(regloc.nr, 2);
	UT_EQ(cxl_spec_regloc_find(&regloc, CXL_SPEC_RBI_COMPONENT, 0)->offset, 0);
	UT_EQ(cxl_spec_regloc_find(&regloc, CXL_SPEC_RBI_MEMDEV, 0)->offset, 0x10000);
	UT_EQ(cxl_spec_regloc_find(&regloc, CXL_SPEC_RBI_MEMDEV, 0)->size, 0x30000);
	UT_EQ(env.nr_reports, 0);
}
