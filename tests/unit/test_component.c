// SPDX-License-Identifier: GPL-2.0-only
/*
 * The CXL.cache/CXL.mem capability array of a simulated component block.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/types.h>

#include "harness.h"
#include "sim_comp.h"
#include "sim_env.h"
#include "spec/component.h"

static struct sim_comp comp;
static struct sim_env env;
static struct cxl_spec_comp caps;

UT_TEST(comp_parses_qemu_layout_and_finds_by_id_and_version)
{
	const struct cxl_spec_comp_cap *c;

	sim_env_init(&env);
	sim_comp_build_qemu(&comp, 0);
	UT_EQ(cxl_spec_comp_parse(&comp.mmio, &env.env, &caps), 0);
	UT_EQ(caps.cap_version, 1);
	UT_EQ(caps.cachemem_version, 1);
	UT_EQ(caps.array_size, 3);
	UT_EQ(caps.nr, 3);
	c = cxl_spec_comp_find(&caps, CXL_SPEC_CM_CAP_HDM, 1);
	UT_ASSERT(c);
	UT_EQ(c->offset, SIM_QEMU_HDM);
	UT_EQ(c->version, 3);
	UT_EQ(cxl_spec_comp_find(&caps, CXL_SPEC_CM_CAP_RAS, 2)->offset, 0x1080);
	UT_EQ(cxl_spec_comp_find(&caps, CXL_SPEC_CM_CAP_LINK, 1)->offset, 0x10d8);
	/* Version too old for the caller, or absent */
	UT_ASSERT(!cxl_spec_comp_find(&caps, CXL_SPEC_CM_CAP_HDM, 4));
	UT_ASSERT(!cxl_spec_comp_find(&caps, CXL_SPEC_CM_CAP_IDE, 1));
	UT_STR(cxl_spec_comp_cap_name(CXL_SPEC_CM_CAP_HDM), "HDM Decoder");
	UT_STR(cxl_spec_comp_cap_name(CXL_SPEC_CM_CAP_CACHE_ID_DECODER), "Cache ID Decoder");
	UT_EQ(env.nr_reports, 0);
}

UT_TEST(comp_without_capability_header_is_enodev)
{
	sim_env_init(&env);
	sim_comp_init(&comp);
	UT_EQ(cxl_spec_comp_parse(&comp.mmio, &env.env, &caps), -ENODEV);
	sim_comp_put(&comp, 0x1000, 0x03000002);	/* ID 2 is RAS, not a header */
	UT_EQ(cxl_spec_comp_parse(&comp.mmio, &env.env, &caps), -ENODEV);
	UT_EQ(caps.nr, 0);
	UT_EQ(env.nr_reports, 2);
}

UT_TEST(comp_needs_the_cachemem_range_mapped)
{
	sim_env_init(&env);
	sim_comp_build_qemu(&comp, 0);
	comp.mmio.size = 0x1800;
	UT_EQ(cxl_spec_comp_parse(&comp.mmio, &env.env, &caps), -EINVAL);
	UT_EQ(comp.reads, 0);
	UT_ASSERT(sim_env_reported(&env, "only 0x1800 bytes mapped"));
}

UT_TEST(comp_bad_pointers_duplicates_and_nulls)
{
	const u32 entries[] = {
		sim_comp_cap(CXL_SPEC_CM_CAP_NULL, 0, 0),
		/* into the array itself (header + 6 entries = 0x1c bytes) */
		sim_comp_cap(CXL_SPEC_CM_CAP_RAS, 2, 0x10),
		/* not dword aligned */
		sim_comp_cap(CXL_SPEC_CM_CAP_LINK, 2, 0x102),
		sim_comp_cap(CXL_SPEC_CM_CAP_HDM, 1, 0x200),
		sim_comp_cap(CXL_SPEC_CM_CAP_HDM, 3, 0x400),
		sim_comp_cap(CXL_SPEC_CM_CAP_SNOOP_FILTER, 1, 0x1c),
	};

	sim_env_init(&env);
	sim_comp_init(&comp);
	sim_comp_caps(&comp, entries, ARRAY_SIZE(entries));
	UT_EQ(cxl_spec_comp_parse(&comp.mmio, &env.env, &caps), 0);
	UT_EQ(caps.nr, 2);
	UT_EQ(cxl_spec_comp_find(&caps, CXL_SPEC_CM_CAP_HDM, 0)->offset, 0x1200);
	UT_EQ(cxl_spec_comp_find(&caps, CXL_SPEC_CM_CAP_SNOOP_FILTER, 0)->offset, 0x101c);
	UT_ASSERT(!cxl_spec_comp_find(&caps, CXL_SPEC_CM_CAP_RAS, 0));
	UT_ASSERT(!cxl_spec_comp_find(&caps, CXL_SPEC_CM_CAP_LINK, 0));
	UT_EQ(env.nr_reports, 3);
	UT_ASSERT(sim_env_reported(&env, "capability 0x2: bad pointer 0x10"));
	UT_ASSERT(sim_env_reported(&env, "capability 0x4: bad pointer 0x102"));
	UT_ASSERT(sim_env_reported(&env, "capability 0x5 twice, 0x1200 used"));
}

UT_TEST(comp_array_larger_than_the_table_is_cut)
{
	u32 entries[40];
	unsigned int i;

	for (i = 0; i < 40; i++)
		entries[i] = sim_comp_cap(0x100 + i, 1, 0x400 + 4 * i);
	sim_env_init(&env);
	sim_comp_init(&comp);
	sim_comp_caps(&comp, entries, 40);
	UT_EQ(cxl_spec_comp_parse(&comp.mmio, &env.env, &caps), 0);
	UT_EQ(caps.nr, CXL_SPEC_COMP_MAX_CAPS);
	UT_EQ(caps.cap[31].id, 0x100 + 31);
	UT_ASSERT(sim_env_reported(&env, "over 32 capabilities"));
}

UT_TEST(mmio_wrappers_refuse_out_of_range_and_misaligned)
{
	u32 v;

	sim_comp_init(&comp);
	comp.mmio.size = 0x2000;
	UT_EQ(cxl_spec_mmio_read32(&comp.mmio, 0x2000, &v), -EINVAL);
	UT_EQ(cxl_spec_mmio_read32(&comp.mmio, 0x1ffe, &v), -EINVAL);
	UT_EQ(cxl_spec_mmio_read32(&comp.mmio, 0x1002, &v), -EINVAL);
	UT_EQ(cxl_spec_mmio_read32(&comp.mmio, 0xfffffffc, &v), -EINVAL);
	UT_EQ(cxl_spec_mmio_write32(&comp.mmio, 0x2000, 1), -EINVAL);
	UT_EQ(comp.reads + comp.writes, 0);
	UT_EQ(cxl_spec_mmio_read32(&comp.mmio, 0x1ffc, &v), 0);
	UT_EQ(comp.reads, 1);
}
