// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DVSEC walk over simulated configuration space, good and broken
 * chains, and the readers of each CXL DVSEC.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/types.h>

#include "harness.h"
#include "sim_cfg.h"
#include "sim_env.h"
#include "spec/cxl_regs.h"
#include "spec/dvsec.h"

static struct sim_cfg cfg;
static struct sim_env env;
static struct cxl_spec_dvsec_list list;

static void setup_type2(void)
{
	sim_env_init(&env);
	sim_cfg_build_type2(&cfg);
}

static int scan(void)
{
	return cxl_spec_dvsec_scan(&cfg.ops, &env.env, &list);
}

UT_TEST(dvsec_scan_finds_every_cxl_dvsec_past_other_caps)
{
	setup_type2();
	UT_EQ(scan(), 0);
	UT_EQ(list.nr, 4);
	UT_ASSERT(!list.chain_broken);
	UT_EQ(list.dvsec[0].offset, SIM_DEV_DVSEC);
	UT_EQ(list.dvsec[0].id, CXL_SPEC_DVSEC_DEVICE);
	UT_EQ(list.dvsec[0].rev, 3);
	UT_EQ(list.dvsec[0].len, 0x3c);
	UT_EQ(list.dvsec[1].offset, SIM_DEV_REGLOC);
	UT_EQ(list.dvsec[1].id, CXL_SPEC_DVSEC_REGLOC);
	UT_EQ(list.dvsec[1].len, 0x24);
	UT_EQ(list.dvsec[2].id, CXL_SPEC_DVSEC_DEVICE_GPF);
	UT_EQ(list.dvsec[3].id, CXL_SPEC_DVSEC_FLEXBUS);
	UT_EQ(list.dvsec[3].rev, 2);
	for (unsigned int i = 0; i < list.nr; i++)
		UT_ASSERT(list.dvsec[i].valid);
	UT_EQ(env.nr_reports, 0);
	UT_EQ(cxl_spec_dvsec_find(&list, CXL_SPEC_DVSEC_FLEXBUS)->offset,
	      SIM_DEV_FLEXBUS);
	UT_ASSERT(!cxl_spec_dvsec_find(&list, CXL_SPEC_DVSEC_MLD));
	UT_STR(cxl_spec_dvsec_name(CXL_SPEC_DVSEC_REGLOC), "Register Locator DVSEC");
}

UT_TEST(dvsec_scan_ignores_other_vendors)
{
	sim_env_init(&env);
	sim_cfg_init(&cfg);
	/* Intel's vendor ID with CXL-looking IDs: not ours. */
	sim_cfg_add_dvsec(&cfg, 0x100, 0x8086, CXL_SPEC_DVSEC_DEVICE, 1, 0x38);
	sim_cfg_add_dvsec(&cfg, 0x200, CXL_SPEC_DVSEC_VENDOR_ID,
			  CXL_SPEC_DVSEC_MLD, 0, 0x10);
	UT_EQ(scan(), 0);
	UT_EQ(list.nr, 1);
	UT_EQ(list.dvsec[0].offset, 0x200);
	UT_EQ(env.nr_reports, 0);
}

UT_TEST(dvsec_scan_of_empty_extended_space)
{
	sim_env_init(&env);
	sim_cfg_init(&cfg);
	UT_EQ(scan(), 0);
	UT_EQ(list.nr, 0);
	UT_ASSERT(!list.chain_broken);
	UT_EQ(env.nr_reports, 0);
	UT_EQ(cfg.reads, 1);
}

UT_TEST(dvsec_scan_all_ones_is_enxio)
{
	sim_env_init(&env);
	sim_cfg_init(&cfg);
	sim_cfg_put32(&cfg, 0x100, ~0u);
	UT_EQ(scan(), -ENXIO);
	UT_ASSERT(sim_env_reported(&env, "all ones"));
}

UT_TEST(dvsec_scan_stops_at_a_loop)
{
	setup_type2();
	/* Flex Bus points back at the register locator. */
	sim_cfg_set_next(&cfg, SIM_DEV_FLEXBUS, SIM_DEV_REGLOC);
	UT_EQ(scan(), 0);
	UT_ASSERT(list.chain_broken);
	UT_EQ(list.nr, 4);
	UT_EQ(env.nr_reports, 1);
	UT_ASSERT(sim_env_reported(&env, "loops back to 0x190"));
}

UT_TEST(dvsec_scan_stops_at_a_self_loop)
{
	sim_env_init(&env);
	sim_cfg_init(&cfg);
	sim_cfg_add_cap(&cfg, 0x100, 0x0001, 1);
	sim_cfg_set_next(&cfg, 0x100, 0x100);
	UT_EQ(scan(), 0);
	UT_ASSERT(list.chain_broken);
	UT_EQ(list.nr, 0);
	UT_EQ(cfg.reads, 1);
}

UT_TEST(dvsec_scan_stops_at_a_pointer_below_0x100)
{
	setup_type2();
	sim_cfg_set_next(&cfg, SIM_DEV_REGLOC, 0x40);
	UT_EQ(scan(), 0);
	UT_ASSERT(list.chain_broken);
	UT_EQ(list.nr, 2);
	UT_ASSERT(sim_env_reported(&env, "next 0x40 < 0x100"));
}

UT_TEST(dvsec_scan_masks_reserved_pointer_bits)
{
	sim_env_init(&env);
	sim_cfg_init(&cfg);
	sim_cfg_add_cap(&cfg, 0x100, 0x0001, 1);
	sim_cfg_add_dvsec(&cfg, 0x200, CXL_SPEC_DVSEC_VENDOR_ID,
			  CXL_SPEC_DVSEC_PORT_GPF, 0, 0x10);
	sim_cfg_set_next(&cfg, 0x100, 0x203);
	UT_EQ(scan(), 0);
	UT_EQ(list.nr, 1);
	UT_EQ(list.dvsec[0].offset, 0x200);
	UT_ASSERT(list.dvsec[0].valid);
}

UT_TEST(dvsec_scan_is_bounded_on_a_long_chain)
{
	unsigned int off;

	sim_env_init(&env);
	sim_cfg_init(&cfg);
	/* Every dword a capability, the last pointing back to the first. */
	for (off = 0x100; off < 0x1000; off += 4)
		sim_cfg_add_cap(&cfg, off, 0x000b, 1);
	sim_cfg_set_next(&cfg, 0xffc, 0x100);
	UT_EQ(scan(), 0);
	UT_ASSERT(list.chain_broken);
	UT_EQ(cfg.reads, (0x1000 - 0x100) / 4);
}

UT_TEST(dvsec_short_or_oversized_lengths_are_invalid)
{
	sim_env_init(&env);
	sim_cfg_init(&cfg);
	/* Revision 3 needs 0x3c bytes. */
	sim_cfg_add_dvsec(&cfg, 0x100, CXL_SPEC_DVSEC_VENDOR_ID,
			  CXL_SPEC_DVSEC_DEVICE, 3, 0x38);
	/* Shorter than its own header */
	sim_cfg_add_dvsec(&cfg, 0x200, CXL_SPEC_DVSEC_VENDOR_ID,
			  CXL_SPEC_DVSEC_PORT_EXT, 0, 0x8);
	/* Runs past the end of configuration space */
	sim_cfg_add_dvsec(&cfg, 0xff0, CXL_SPEC_DVSEC_VENDOR_ID,
			  CXL_SPEC_DVSEC_MLD, 0, 0x14);
	UT_EQ(scan(), 0);
	UT_EQ(list.nr, 3);
	UT_ASSERT(!list.dvsec[0].valid);
	UT_ASSERT(!list.dvsec[1].valid);
	UT_ASSERT(!list.dvsec[2].valid);
	UT_EQ(env.nr_reports, 3);
	UT_ASSERT(sim_env_reported(&env, "revision 3 needs length 0x3c or more, has 0x38"));
	UT_ASSERT(sim_env_reported(&env, "runs past 4 KiB"));
	UT_ASSERT(!cxl_spec_dvsec_find(&list, CXL_SPEC_DVSEC_DEVICE));
}

UT_TEST(dvsec_length_overlapping_next_capability_is_invalid)
{
	sim_env_init(&env);
	sim_cfg_init(&cfg);
	sim_cfg_add_dvsec(&cfg, 0x100, CXL_SPEC_DVSEC_VENDOR_ID,
			  CXL_SPEC_DVSEC_PORT_EXT, 0, 0x40);
	sim_cfg_add_cap(&cfg, 0x120, 0x0001, 1);
	UT_EQ(scan(), 0);
	UT_ASSERT(!list.dvsec[0].valid);
	UT_ASSERT(sim_env_reported(&env, "overlaps the next capability at 0x120"));
}

UT_TEST(dvsec_flexbus_length_depends_on_revision)
{
	sim_env_init(&env);
	sim_cfg_init(&cfg);
	sim_cfg_add_dvsec(&cfg, 0x100, CXL_SPEC_DVSEC_VENDOR_ID,
			  CXL_SPEC_DVSEC_FLEXBUS, 1, 0x14);
	UT_EQ(scan(), 0);
	UT_ASSERT(list.dvsec[0].valid);

	sim_cfg_init(&cfg);
	sim_cfg_add_dvsec(&cfg, 0x100, CXL_SPEC_DVSEC_VENDOR_ID,
			  CXL_SPEC_DVSEC_FLEXBUS, 2, 0x14);
	UT_EQ(scan(), 0);
	UT_ASSERT(!list.dvsec[0].valid);
	UT_ASSERT(sim_env_reported(&env, "revision 2 needs length 0x20"));
}

UT_TEST(dvsec_duplicate_id_keeps_the_first)
{
	sim_env_init(&env);
	sim_cfg_init(&cfg);
	sim_cfg_add_dvsec(&cfg, 0x100, CXL_SPEC_DVSEC_VENDOR_ID,
			  CXL_SPEC_DVSEC_PORT_GPF, 0, 0x10);
	sim_cfg_add_dvsec(&cfg, 0x180, CXL_SPEC_DVSEC_VENDOR_ID,
			  CXL_SPEC_DVSEC_PORT_GPF, 0, 0x10);
	UT_EQ(scan(), 0);
	UT_ASSERT(list.dvsec[0].valid);
	UT_ASSERT(!list.dvsec[1].valid);
	UT_EQ(cxl_spec_dvsec_find(&list, CXL_SPEC_DVSEC_PORT_GPF)->offset, 0x100);
	UT_ASSERT(sim_env_reported(&env, "the one at 0x100 is used"));
}

UT_TEST(dvsec_unknown_id_is_reported_and_unusable)
{
	sim_env_init(&env);
	sim_cfg_init(&cfg);
	sim_cfg_add_dvsec(&cfg, 0x100, CXL_SPEC_DVSEC_VENDOR_ID, 0x0042, 0, 0x20);
	sim_cfg_add_dvsec(&cfg, 0x180, CXL_SPEC_DVSEC_VENDOR_ID,
			  CXL_SPEC_DVSEC_TEST, 0, 0x22);
	UT_EQ(scan(), 0);
	UT_EQ(list.nr, 2);
	UT_ASSERT(!list.dvsec[0].valid);
	UT_ASSERT(list.dvsec[1].valid);
	UT_ASSERT(sim_env_reported(&env, "unknown CXL DVSEC ID 0x42"));
}

UT_TEST(dvsec_config_read_error_propagates)
{
	setup_type2();
	cfg.fail_at = SIM_DEV_REGLOC + CXL_SPEC_DVSEC_HDR1;
	UT_EQ(scan(), -EIO);
}

UT_TEST(dvsec_read_device_decodes_a_type2)
{
	struct cxl_spec_dev_dvsec dev;
	unsigned int ig;

	setup_type2();
	UT_EQ(scan(), 0);
	UT_EQ(cxl_spec_dvsec_read_device(&cfg.ops, &env.env, &list, &dev), 0);
	UT_EQ(dev.offset, SIM_DEV_DVSEC);
	UT_EQ(dev.rev, 3);
	UT_EQ(dev.cap, 0x401d);
	UT_ASSERT(dev.cache_capable);
	UT_ASSERT(!dev.io_capable);
	UT_ASSERT(dev.mem_capable);
	UT_ASSERT(dev.mem_hwinit);
	UT_ASSERT(dev.viral_capable);
	UT_ASSERT(!dev.mld);
	UT_ASSERT(!dev.mem_enabled);
	UT_ASSERT(!dev.config_locked);
	UT_EQ(dev.hdm_count, 1);
	UT_EQ(dev.range[0].size, 0x100000000ull);
	UT_EQ(dev.range[0].base, 0);
	UT_ASSERT(dev.range[0].info_valid);
	UT_ASSERT(dev.range[0].active);
	UT_ASSERT(!dev.range[0].active_degraded);
	UT_EQ(dev.range[0].media_type, CXL_SPEC_DEV_MEDIA_CDAT);
	UT_EQ(dev.range[0].memory_class, CXL_SPEC_DEV_CLASS_CDAT);
	UT_EQ(dev.range[0].active_timeout, 0);
	UT_EQ(cxl_spec_dev_desired_interleave(dev.range[0].desired_interleave, &ig), 0);
	UT_EQ(ig, 0);
	/* Range 2 is not read: HDM_Count is 1. */
	UT_EQ(dev.range[1].size_low, 0);
	UT_EQ(env.nr_reports, 0);
}

UT_TEST(dvsec_read_device_two_ranges_and_fields)
{
	struct cxl_spec_dev_dvsec dev;
	unsigned int d = SIM_DEV_DVSEC;

	setup_type2();
	sim_cfg_put16(&cfg, d + CXL_SPEC_DEV_CAP, 0x2026);	/* io, mem, 2 ranges, MLD */
	sim_cfg_put16(&cfg, d + CXL_SPEC_DEV_CTRL, 0x0006);
	sim_cfg_put16(&cfg, d + CXL_SPEC_DEV_LOCK, 0x0001);
	sim_cfg_put16(&cfg, d + CXL_SPEC_DEV_CAP3, 0x0005);
	sim_cfg_put32(&cfg, d + CXL_SPEC_DEV_RANGE_SIZE_HIGH(1), 0x2);
	/* 10 GiB, valid, active, degraded, desired 4 KiB, timeout 64 s */
	sim_cfg_put32(&cfg, d + CXL_SPEC_DEV_RANGE_SIZE_LOW(1), 0x80016203);
	sim_cfg_put32(&cfg, d + CXL_SPEC_DEV_RANGE_BASE_HIGH(1), 0x4);
	sim_cfg_put32(&cfg, d + CXL_SPEC_DEV_RANGE_BASE_LOW(1), 0x3fffffff);
	UT_EQ(scan(), 0);
	UT_EQ(cxl_spec_dvsec_read_device(&cfg.ops, &env.env, &list, &dev), 0);
	UT_EQ(dev.hdm_count, 2);
	UT_ASSERT(dev.mld);
	UT_ASSERT(dev.io_capable);
	UT_ASSERT(!dev.cache_capable);
	UT_ASSERT(dev.mem_enabled);
	UT_ASSERT(dev.config_locked);
	UT_EQ(dev.cap3, 0x0005);
	UT_EQ(dev.range[1].size, 0x280000000ull);
	/* Base Low bits 27:0 are reserved and must not leak in. */
	UT_EQ(dev.range[1].base, 0x430000000ull);
	UT_ASSERT(dev.range[1].active_degraded);
	UT_EQ(dev.range[1].desired_interleave, 2);
	UT_EQ(dev.range[1].active_timeout, 3);
	UT_EQ(dev.range[1].media_type, CXL_SPEC_DEV_MEDIA_VOLATILE);
	UT_EQ(env.nr_reports, 0);
}

UT_TEST(dvsec_read_device_reserved_hdm_count_uses_no_range)
{
	struct cxl_spec_dev_dvsec dev;

	setup_type2();
	sim_cfg_put16(&cfg, SIM_DEV_DVSEC + CXL_SPEC_DEV_CAP, 0x0034);
	UT_EQ(scan(), 0);
	UT_EQ(cxl_spec_dvsec_read_device(&cfg.ops, &env.env, &list, &dev), 0);
	UT_EQ(dev.hdm_count, 0);
	UT_EQ(dev.range[0].size, 0);
	UT_ASSERT(sim_env_reported(&env, "reserved HDM_Count 3"));
}

UT_TEST(dvsec_read_device_reports_mem_capable_without_ranges)
{
	struct cxl_spec_dev_dvsec dev;

	setup_type2();
	sim_cfg_put16(&cfg, SIM_DEV_DVSEC + CXL_SPEC_DEV_CAP, 0x0004);
	UT_EQ(scan(), 0);
	UT_EQ(cxl_spec_dvsec_read_device(&cfg.ops, &env.env, &list, &dev), 0);
	UT_EQ(dev.hdm_count, 0);
	UT_ASSERT(sim_env_reported(&env, "Mem_Capable with HDM_Count 0"));
}

UT_TEST(dvsec_read_device_reports_reserved_range_fields)
{
	struct cxl_spec_dev_dvsec dev;

	setup_type2();
	/* valid, Desired_Interleave 0x10, Memory_Active_Timeout 7 */
	sim_cfg_put32(&cfg, SIM_DEV_DVSEC + CXL_SPEC_DEV_RANGE_SIZE_LOW(0), 0xf000f001);
	UT_EQ(scan(), 0);
	UT_EQ(cxl_spec_dvsec_read_device(&cfg.ops, &env.env, &list, &dev), 0);
	UT_EQ(env.nr_reports, 2);
	UT_ASSERT(sim_env_reported(&env, "reserved Desired_Interleave 0x10"));
	UT_ASSERT(sim_env_reported(&env, "reserved Memory_Active_Timeout 7"));
	UT_EQ(dev.range[0].size, 0x1f0000000ull);
}

UT_TEST(dvsec_read_device_absent_or_invalid_is_enodev)
{
	struct cxl_spec_dev_dvsec dev;

	setup_type2();
	/* Revision 3 with a revision 1 length: invalid, so not readable. */
	sim_cfg_put32(&cfg, SIM_DEV_DVSEC + CXL_SPEC_DVSEC_HDR1, 0x03831e98);
	UT_EQ(scan(), 0);
	UT_EQ(cxl_spec_dvsec_read_device(&cfg.ops, &env.env, &list, &dev), -ENODEV);
}

UT_TEST(dvsec_desired_interleave_every_encoding)
{
	static const unsigned int want[] = {
		0, 256, 4096, 512, 1024, 2048, 8192, 16384,
	};
	unsigned int code, g;

	for (code = 0; code < ARRAY_SIZE(want); code++) {
		UT_EQ(cxl_spec_dev_desired_interleave(code, &g), 0);
		UT_EQ(g, want[code]);
	}
	for (code = 8; code < 32; code++)
		UT_EQ(cxl_spec_dev_desired_interleave(code, &g), -EINVAL);
}

UT_TEST(dvsec_set_mem_enable_writes_16_bits_and_keeps_status)
{
	struct cxl_spec_dev_dvsec dev;
	unsigned int d = SIM_DEV_DVSEC;

	setup_type2();
	/* A pending Viral_Status (RW1C) a 32-bit write would wipe out */
	sim_cfg_put16(&cfg, d + CXL_SPEC_DEV_STATUS, CXL_SPEC_DEV_STATUS_VIRAL);
	UT_EQ(scan(), 0);
	UT_EQ(cxl_spec_dvsec_read_device(&cfg.ops, &env.env, &list, &dev), 0);
	UT_EQ(cxl_spec_dvsec_set_mem_enable(&cfg.ops, &env.env, &dev, true), 0);
	UT_EQ(sim_cfg_get16(&cfg, d + CXL_SPEC_DEV_CTRL), 0x0006);
	UT_EQ(sim_cfg_get16(&cfg, d + CXL_SPEC_DEV_STATUS), CXL_SPEC_DEV_STATUS_VIRAL);
	UT_ASSERT(dev.mem_enabled);
	UT_EQ(cfg.writes, 1);
	/* Already set: no write */
	UT_EQ(cxl_spec_dvsec_set_mem_enable(&cfg.ops, &env.env, &dev, true), 0);
	UT_EQ(cfg.writes, 1);
	UT_EQ(cxl_spec_dvsec_set_mem_enable(&cfg.ops, &env.env, &dev, false), 0);
	UT_EQ(sim_cfg_get16(&cfg, d + CXL_SPEC_DEV_CTRL), 0x0002);
	UT_ASSERT(!dev.mem_enabled);
}

UT_TEST(dvsec_set_mem_enable_refused_under_config_lock)
{
	struct cxl_spec_dev_dvsec dev;

	setup_type2();
	sim_cfg_put16(&cfg, SIM_DEV_DVSEC + CXL_SPEC_DEV_LOCK, 1);
	UT_EQ(scan(), 0);
	UT_EQ(cxl_spec_dvsec_read_device(&cfg.ops, &env.env, &list, &dev), 0);
	UT_EQ(cxl_spec_dvsec_set_mem_enable(&cfg.ops, &env.env, &dev, true), -EPERM);
	UT_EQ(cfg.writes, 0);
	UT_ASSERT(sim_env_reported(&env, "CONFIG_LOCK"));
}

/*
 * The simulator's CONFIG_LOCK (CXL 2.0 8.1.3.6) is write-once and, once
 * set, freezes the RWL bits of Control and the range Base registers;
 * Status (RW1C) is not lockable and still clears.
 */
UT_TEST(dvsec_config_lock_freezes_control_and_ranges_in_the_simulator)
{
	const struct cxl_spec_cfg *ops = &cfg.ops;
	unsigned int d = SIM_DEV_DVSEC;

	setup_type2();
	sim_cfg_put16(&cfg, d + CXL_SPEC_DEV_STATUS, CXL_SPEC_DEV_STATUS_VIRAL);
	/* Unlocked: base and Mem_Enable take, and the lock can be set */
	UT_EQ(cxl_spec_cfg_write32(ops, d + CXL_SPEC_DEV_RANGE_BASE_HIGH(0), 0x2), 0);
	UT_EQ(cxl_spec_cfg_write32(ops, d + CXL_SPEC_DEV_RANGE_BASE_LOW(0),
				   0x3fffffff), 0);
	UT_EQ(sim_cfg_get32(&cfg, d + CXL_SPEC_DEV_RANGE_BASE_LOW(0)), 0x30000000);
	UT_EQ(cxl_spec_cfg_write16(ops, d + CXL_SPEC_DEV_CTRL, 0x0006), 0);
	UT_EQ(cxl_spec_cfg_write16(ops, d + CXL_SPEC_DEV_LOCK, 0x0001), 0);
	UT_EQ(sim_cfg_get16(&cfg, d + CXL_SPEC_DEV_LOCK), 0x0001);
	UT_EQ(cfg.locked_writes, 0);

	/* Locked: none of these take, each is counted */
	UT_EQ(cxl_spec_cfg_write16(ops, d + CXL_SPEC_DEV_LOCK, 0), 0);
	UT_EQ(cxl_spec_cfg_write32(ops, d + CXL_SPEC_DEV_RANGE_BASE_HIGH(0), 0x5), 0);
	UT_EQ(cxl_spec_cfg_write32(ops, d + CXL_SPEC_DEV_RANGE_BASE_LOW(1),
				   0x70000000), 0);
	UT_EQ(cxl_spec_cfg_write16(ops, d + CXL_SPEC_DEV_CTRL, 0x0002), 0);
	UT_EQ(cfg.locked_writes, 4);
	UT_EQ(sim_cfg_get16(&cfg, d + CXL_SPEC_DEV_LOCK), 0x0001);
	UT_EQ(sim_cfg_get32(&cfg, d + CXL_SPEC_DEV_RANGE_BASE_HIGH(0)), 0x2);
	UT_EQ(sim_cfg_get32(&cfg, d + CXL_SPEC_DEV_RANGE_BASE_LOW(1)), 0);
	UT_EQ(sim_cfg_get16(&cfg, d + CXL_SPEC_DEV_CTRL), 0x0006);

	UT_EQ(cxl_spec_cfg_write16(ops, d + CXL_SPEC_DEV_STATUS,
				   CXL_SPEC_DEV_STATUS_VIRAL), 0);
	UT_EQ(sim_cfg_get16(&cfg, d + CXL_SPEC_DEV_STATUS), 0);
	UT_EQ(cfg.locked_writes, 4);
}

/*
 * Firmware may set CONFIG_LOCK after we read the DVSEC: the code must
 * look at the lock as it is now and say so, not write into a locked
 * register and find out from a value that did not stick.
 */
UT_TEST(dvsec_set_mem_enable_reports_a_lock_set_after_the_read)
{
	struct cxl_spec_dev_dvsec dev;
	unsigned int d = SIM_DEV_DVSEC;
	bool on = true;

	setup_type2();
	UT_EQ(scan(), 0);
	UT_EQ(cxl_spec_dvsec_read_device(&cfg.ops, &env.env, &list, &dev), 0);
	UT_ASSERT(!dev.config_locked);
	UT_EQ(cxl_spec_cfg_write16(&cfg.ops, d + CXL_SPEC_DEV_LOCK,
				   CXL_SPEC_DEV_LOCK_CONFIG_LOCK), 0);
	cfg.writes = 0;

	UT_EQ(cxl_spec_dvsec_set_mem_enable(&cfg.ops, &env.env, &dev, true), -EPERM);
	UT_ASSERT(sim_env_reported(&env, "CONFIG_LOCK"));
	UT_EQ(cfg.locked_writes, 0);
	UT_EQ(cfg.writes, 0);
	UT_ASSERT(!dev.mem_enabled);
	UT_EQ(cxl_spec_dvsec_mem_enabled(&cfg.ops, &dev, &on), 0);
	UT_ASSERT(!on);

	/* Locked with Mem_Enable set: clearing it is refused the same way. */
	setup_type2();
	sim_cfg_put16(&cfg, d + CXL_SPEC_DEV_CTRL, 0x0006);
	UT_EQ(scan(), 0);
	UT_EQ(cxl_spec_dvsec_read_device(&cfg.ops, &env.env, &list, &dev), 0);
	UT_EQ(cxl_spec_cfg_write16(&cfg.ops, d + CXL_SPEC_DEV_LOCK,
				   CXL_SPEC_DEV_LOCK_CONFIG_LOCK), 0);
	UT_EQ(cxl_spec_dvsec_set_mem_enable(&cfg.ops, &env.env, &dev, false), -EPERM);
	UT_EQ(cfg.locked_writes, 0);
	UT_EQ(sim_cfg_get16(&cfg, d + CXL_SPEC_DEV_CTRL), 0x0006);
	UT_ASSERT(dev.mem_enabled);
	/* Asking for what is already there needs no write and is no error. */
	UT_EQ(cxl_spec_dvsec_set_mem_enable(&cfg.ops, &env.env, &dev, true), 0);
	UT_EQ(cfg.locked_writes, 0);
}

UT_TEST(dvsec_set_mem_enable_detects_a_bit_that_does_not_stick)
{
	struct cxl_spec_dev_dvsec dev;

	setup_type2();
	sim_cfg_writable16(&cfg, SIM_DEV_DVSEC + CXL_SPEC_DEV_CTRL, 0, 0);
	UT_EQ(scan(), 0);
	UT_EQ(cxl_spec_dvsec_read_device(&cfg.ops, &env.env, &list, &dev), 0);
	UT_EQ(cxl_spec_dvsec_set_mem_enable(&cfg.ops, &env.env, &dev, true), -EIO);
	UT_ASSERT(!dev.mem_enabled);
}

UT_TEST(dvsec_read_port_ext)
{
	struct cxl_spec_port_ext_dvsec ext;

	sim_env_init(&env);
	sim_cfg_init(&cfg);
	sim_cfg_add_dvsec(&cfg, 0x100, CXL_SPEC_DVSEC_VENDOR_ID,
			  CXL_SPEC_DVSEC_PORT_EXT, 0, 0x28);
	sim_cfg_put16(&cfg, 0x10a, 0x0001);
	sim_cfg_put16(&cfg, 0x10c, 0x4005);
	sim_cfg_put16(&cfg, 0x10e, 0x0a05);
	sim_cfg_put16(&cfg, 0x110, 0xc010);
	sim_cfg_put16(&cfg, 0x112, 0xc0f0);
	sim_cfg_put32(&cfg, 0x118, 0x12);
	sim_cfg_put32(&cfg, 0x120, 0xfed1e001);
	sim_cfg_put32(&cfg, 0x124, 0x1);
	UT_EQ(scan(), 0);
	UT_EQ(cxl_spec_dvsec_read_port_ext(&cfg.ops, &env.env, &list, &ext), 0);
	UT_EQ(ext.status, 1);
	UT_EQ(ext.ctrl, 0x4005);
	UT_EQ(ext.alt_bus_base, 0x05);
	UT_EQ(ext.alt_bus_limit, 0x0a);
	UT_EQ(ext.alt_mem_base, 0xc010);
	UT_EQ(ext.alt_mem_limit, 0xc0f0);
	UT_EQ(ext.alt_pref_base_high, 0x12);
	UT_ASSERT(ext.rcrb_enabled);
	UT_EQ(ext.rcrb_base, 0x1fed1e000ull);
}

UT_TEST(dvsec_read_gpf_port_and_device)
{
	struct cxl_spec_gpf_dvsec gpf;

	setup_type2();
	sim_cfg_put16(&cfg, SIM_DEV_GPF + CXL_SPEC_DEV_GPF_PHASE2_DURATION, 0x0407);
	sim_cfg_put32(&cfg, SIM_DEV_GPF + CXL_SPEC_DEV_GPF_PHASE2_POWER, 1500);
	sim_cfg_add_dvsec(&cfg, 0x300, CXL_SPEC_DVSEC_VENDOR_ID,
			  CXL_SPEC_DVSEC_PORT_GPF, 0, 0x10);
	sim_cfg_put16(&cfg, 0x30c, 0x0302);	/* 2 x 1 ms */
	sim_cfg_put16(&cfg, 0x30e, 0x0609);	/* 9 x 1 s */
	UT_EQ(scan(), 0);
	UT_EQ(cxl_spec_dvsec_read_dev_gpf(&cfg.ops, &env.env, &list, &gpf), 0);
	UT_ASSERT(!gpf.port);
	UT_EQ(gpf.phase2_timeout_us, 70000);	/* 7 x 10 ms */
	UT_EQ(gpf.phase2_power_mw, 1500);
	UT_EQ(cxl_spec_dvsec_read_port_gpf(&cfg.ops, &env.env, &list, &gpf), 0);
	UT_ASSERT(gpf.port);
	UT_EQ(gpf.phase1_timeout_us, 2000);
	UT_EQ(gpf.phase2_timeout_us, 9000000);

	sim_cfg_put16(&cfg, 0x30e, 0x0801);	/* scale 8 is reserved */
	UT_EQ(cxl_spec_dvsec_read_port_gpf(&cfg.ops, &env.env, &list, &gpf), -EINVAL);
	UT_ASSERT(sim_env_reported(&env, "GPF Phase 2 Timeout scale 8 is reserved"));
}

UT_TEST(dvsec_gpf_time_every_scale)
{
	u64 us, want = 3;
	u8 scale;

	for (scale = 0; scale <= 7; scale++, want *= 10) {
		UT_EQ(cxl_spec_gpf_time_us(3, scale, &us), 0);
		UT_EQ(us, want);
	}
	UT_EQ(cxl_spec_gpf_time_us(3, 8, &us), -EINVAL);
	UT_EQ(cxl_spec_gpf_time_us(3, 15, &us), -EINVAL);
	UT_EQ(cxl_spec_gpf_time_us(16, 0, &us), -EINVAL);
}

UT_TEST(dvsec_read_flexbus_by_revision)
{
	struct cxl_spec_flexbus_dvsec fb;
	unsigned int f = SIM_DEV_FLEXBUS;

	setup_type2();
	sim_cfg_put16(&cfg, f + CXL_SPEC_FLEXBUS_CAP, 0x6027);
	sim_cfg_put16(&cfg, f + CXL_SPEC_FLEXBUS_CTRL, 0x0025);
	sim_cfg_put16(&cfg, f + CXL_SPEC_FLEXBUS_STATUS, 0x0025);
	sim_cfg_put32(&cfg, f + CXL_SPEC_FLEXBUS_MOD_TS_DATA, 0xabcdef);
	sim_cfg_put32(&cfg, f + CXL_SPEC_FLEXBUS_CAP2, 1);
	sim_cfg_put32(&cfg, f + CXL_SPEC_FLEXBUS_STATUS2, 3);
	UT_EQ(scan(), 0);
	UT_EQ(cxl_spec_dvsec_read_flexbus(&cfg.ops, &env.env, &list, &fb), 0);
	UT_EQ(fb.rev, 2);
	UT_EQ(fb.cap, 0x6027);
	UT_ASSERT(fb.status & CXL_SPEC_FLEXBUS_MEM);
	UT_ASSERT(fb.status & CXL_SPEC_FLEXBUS_68B_FLIT_VH);
	UT_EQ(fb.mod_ts_data, 0xabcdef);
	UT_EQ(fb.cap2, 1);
	UT_EQ(fb.status2, 3);

	/* Revision 1: no Capability2 and later, even if bytes are there */
	sim_cfg_put32(&cfg, f + CXL_SPEC_DVSEC_HDR1, 0x02011e98);
	UT_EQ(scan(), 0);
	UT_EQ(cxl_spec_dvsec_read_flexbus(&cfg.ops, &env.env, &list, &fb), 0);
	UT_EQ(fb.rev, 1);
	UT_EQ(fb.mod_ts_data, 0xabcdef);
	UT_EQ(fb.cap2, 0);
	UT_EQ(fb.status2, 0);
}

UT_TEST(dvsec_read_mld_checks_the_ld_count)
{
	struct cxl_spec_mld_dvsec mld;

	sim_env_init(&env);
	sim_cfg_init(&cfg);
	sim_cfg_add_dvsec(&cfg, 0x100, CXL_SPEC_DVSEC_VENDOR_ID,
			  CXL_SPEC_DVSEC_MLD, 0, 0x10);
	sim_cfg_put16(&cfg, 0x10a, 16);
	sim_cfg_put16(&cfg, 0x10c, 0x8001);
	UT_EQ(scan(), 0);
	UT_EQ(cxl_spec_dvsec_read_mld(&cfg.ops, &env.env, &list, &mld), 0);
	UT_EQ(mld.num_ld, 16);
	UT_EQ(mld.ld_id_hot_reset, 0x8001);

	sim_cfg_put16(&cfg, 0x10a, 17);
	UT_EQ(cxl_spec_dvsec_read_mld(&cfg.ops, &env.env, &list, &mld), -EINVAL);
	sim_cfg_put16(&cfg, 0x10a, 0);
	UT_EQ(cxl_spec_dvsec_read_mld(&cfg.ops, &env.env, &list, &mld), -EINVAL);
	UT_EQ(env.nr_reports, 2);
}

UT_TEST(dvsec_read_func_map)
{
	struct cxl_spec_func_map_dvsec map;
	unsigned int i;

	sim_env_init(&env);
	sim_cfg_init(&cfg);
	sim_cfg_add_dvsec(&cfg, 0x100, CXL_SPEC_DVSEC_VENDOR_ID,
			  CXL_SPEC_DVSEC_FUNC_MAP, 0, 0x2c);
	for (i = 0; i < 8; i++)
		sim_cfg_put32(&cfg, 0x10c + 4 * i, 0x11111111 * i);
	UT_EQ(scan(), 0);
	UT_EQ(cxl_spec_dvsec_read_func_map(&cfg.ops, &env.env, &list, &map), 0);
	for (i = 0; i < 8; i++)
		UT_EQ(map.map[i], 0x11111111 * i);
	UT_EQ(cxl_spec_dvsec_read_mld(&cfg.ops, &env.env, &list,
				      &(struct cxl_spec_mld_dvsec){ 0 }), -ENODEV);
}

UT_TEST(cfg_wrappers_refuse_misaligned_or_out_of_range)
{
	u32 v32;
	u16 v16;

	sim_cfg_init(&cfg);
	UT_EQ(cxl_spec_cfg_read32(&cfg.ops, 0x102, &v32), -EINVAL);
	UT_EQ(cxl_spec_cfg_read16(&cfg.ops, 0x101, &v16), -EINVAL);
	UT_EQ(cxl_spec_cfg_read32(&cfg.ops, 0x1000, &v32), -EINVAL);
	UT_EQ(cxl_spec_cfg_write16(&cfg.ops, 0xfff, 0), -EINVAL);
	UT_EQ(cxl_spec_cfg_write32(&cfg.ops, 0xffe, 0), -EINVAL);
	UT_EQ(cxl_spec_cfg_read32(&cfg.ops, 0xffc, &v32), 0);
	UT_EQ(cxl_spec_cfg_read16(&cfg.ops, 0xffe, &v16), 0);
	UT_EQ(cfg.reads, 2);
	UT_EQ(cfg.writes, 0);
}
