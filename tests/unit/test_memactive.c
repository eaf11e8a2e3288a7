// SPDX-License-Identifier: GPL-2.0-only
/*
 * Waiting for Memory_Info_Valid and Memory_Active on virtual time.
 */
#include <linux/bitfield.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/types.h>

#include "harness.h"
#include "sim_cfg.h"
#include "sim_env.h"
#include "spec/cxl_regs.h"
#include "spec/memactive.h"

#define SEC	1000000ULL

static struct sim_cfg cfg;
static struct sim_env env;
static struct cxl_spec_dev_dvsec dev;

/*
 * A Type 2 device whose Range 1 advertises Memory_Active_Timeout @code
 * and becomes valid and active at the given times after now.
 */
static void setup(u8 code, u64 valid_after, u64 active_after)
{
	struct cxl_spec_dvsec_list list;
	unsigned int off = SIM_DEV_DVSEC + CXL_SPEC_DEV_RANGE_SIZE_LOW(0);

	sim_env_init(&env);
	sim_cfg_build_type2(&cfg);
	sim_cfg_put32(&cfg, off, FIELD_PREP(CXL_SPEC_DEV_RANGE_MEM_ACTIVE_TIMEOUT, code));
	UT_EQ(cxl_spec_dvsec_scan(&cfg.ops, &env.env, &list), 0);
	UT_EQ(cxl_spec_dvsec_read_device(&cfg.ops, &env.env, &list, &dev), 0);
	cfg.clock = &env;
	cfg.range[0].on = true;
	cfg.range[0].valid_at_us = valid_after == SIM_NEVER ? SIM_NEVER :
				   env.now_us + valid_after;
	cfg.range[0].active_at_us = active_after == SIM_NEVER ? SIM_NEVER :
				    env.now_us + active_after;
}

static int wait_range(unsigned int range)
{
	return cxl_spec_mem_active_wait(&cfg.ops, &env.env, &dev, range);
}

UT_TEST(memactive_timeout_every_encoding)
{
	static const u64 want[] = { 1 * SEC, 4 * SEC, 16 * SEC, 64 * SEC, 256 * SEC };
	unsigned int code;
	u64 us;

	for (code = 0; code < ARRAY_SIZE(want); code++) {
		UT_EQ(cxl_spec_mem_active_timeout_us(code, &us), 0);
		UT_EQ(us, want[code]);
	}
	for (code = 5; code <= 7; code++)
		UT_EQ(cxl_spec_mem_active_timeout_us(code, &us), -EINVAL);
}

UT_TEST(memactive_already_active_returns_at_once)
{
	setup(0, 0, 0);
	UT_EQ(wait_range(0), 0);
	UT_EQ(env.sleeps, 0);
	UT_EQ(env.nr_reports, 0);
}

UT_TEST(memactive_waits_for_valid_then_active)
{
	u64 t0;

	setup(1, 300000, 2 * SEC);
	t0 = env.now_us;
	UT_EQ(wait_range(0), 0);
	UT_ASSERT(env.now_us - t0 >= 2 * SEC);
	UT_ASSERT(env.now_us - t0 < 2 * SEC + 100000);
	UT_EQ(env.nr_reports, 0);
}

UT_TEST(memactive_info_valid_never_set)
{
	u64 t0;

	setup(4, SIM_NEVER, SIM_NEVER);
	t0 = env.now_us;
	UT_EQ(wait_range(0), -ETIMEDOUT);
	UT_EQ(env.now_us - t0, 1 * SEC);
	UT_ASSERT(sim_env_reported(&env, "no Memory_Info_Valid after 1000000 us"));
}

UT_TEST(memactive_active_never_set_uses_the_advertised_timeout)
{
	static const u64 timeout[] = { 1, 4, 16, 64, 256 };
	unsigned int code;
	u64 t0;

	for (code = 0; code < ARRAY_SIZE(timeout); code++) {
		setup(code, 0, SIM_NEVER);
		t0 = env.now_us;
		UT_EQ(wait_range(0), -ETIMEDOUT);
		UT_EQ(env.now_us - t0, timeout[code] * SEC);
		UT_EQ(env.nr_reports, 1);
		UT_ASSERT(sim_env_reported(&env, "not Memory_Active after"));
	}
}

UT_TEST(memactive_active_just_at_the_deadline_counts)
{
	setup(0, 0, 1 * SEC);
	UT_EQ(wait_range(0), 0);
}

UT_TEST(memactive_reserved_timeout_is_rejected)
{
	u8 code;

	for (code = 5; code <= 7; code++) {
		setup(code, 0, SIM_NEVER);
		UT_EQ(wait_range(0), -EINVAL);
		UT_EQ(env.sleeps, 0);
		UT_ASSERT(sim_env_reported(&env, "Memory_Active_Timeout"));
	}
}

UT_TEST(memactive_frozen_clock_is_bounded)
{
	setup(2, 0, SIM_NEVER);
	env.frozen = true;
	UT_EQ(wait_range(0), -ETIMEDOUT);
	/* 16 s at one poll per 100 ms */
	UT_EQ(env.sleeps, 160);

	setup(0, SIM_NEVER, SIM_NEVER);
	env.frozen = true;
	UT_EQ(wait_range(0), -ETIMEDOUT);
	/* 1 s at one poll per 10 ms */
	UT_EQ(env.sleeps, 100);
}

UT_TEST(memactive_range_the_device_does_not_have)
{
	unsigned int reads;

	setup(0, 0, 0);
	reads = cfg.reads;
	UT_EQ(wait_range(1), -EINVAL);
	UT_EQ(cfg.reads, reads);
	UT_ASSERT(sim_env_reported(&env, "the device has 1 HDM ranges"));
}

UT_TEST(memactive_degraded_is_reported_but_usable)
{
	setup(0, 0, 0);
	cfg.range[0].on = false;
	sim_cfg_put32(&cfg, SIM_DEV_DVSEC + CXL_SPEC_DEV_RANGE_SIZE_LOW(0),
		      CXL_SPEC_DEV_RANGE_MEM_INFO_VALID | CXL_SPEC_DEV_RANGE_MEM_ACTIVE |
		      CXL_SPEC_DEV_RANGE_MEM_ACTIVE_DEGRADED);
	UT_EQ(wait_range(0), 0);
	UT_EQ(env.nr_reports, 1);
	UT_ASSERT(sim_env_reported(&env, "Memory_Active_Degraded"));
}

UT_TEST(memactive_device_gone_or_read_failing)
{
	setup(0, 0, SIM_NEVER);
	cfg.range[0].on = false;
	sim_cfg_put32(&cfg, SIM_DEV_DVSEC + CXL_SPEC_DEV_RANGE_SIZE_LOW(0), ~0u);
	UT_EQ(wait_range(0), -ENXIO);
	UT_EQ(env.nr_reports, 1);
	UT_ASSERT(sim_env_reported(&env, "Range Size Low reads as all ones"));

	setup(0, 0, SIM_NEVER);
	cfg.fail_at = SIM_DEV_DVSEC + CXL_SPEC_DEV_RANGE_SIZE_LOW(0);
	UT_EQ(wait_range(0), -EIO);
	UT_EQ(env.nr_reports, 1);
	UT_ASSERT(sim_env_reported(&env, "reading Range Size Low failed (-5)"));
}

UT_TEST(memactive_second_range)
{
	struct cxl_spec_dvsec_list list;

	setup(0, 0, 0);
	sim_cfg_put16(&cfg, SIM_DEV_DVSEC + CXL_SPEC_DEV_CAP, 0x0024);
	UT_EQ(cxl_spec_dvsec_scan(&cfg.ops, &env.env, &list), 0);
	UT_EQ(cxl_spec_dvsec_read_device(&cfg.ops, &env.env, &list, &dev), 0);
	UT_EQ(dev.hdm_count, 2);
	cfg.range[1].on = true;
	cfg.range[1].valid_at_us = env.now_us + 50000;
	cfg.range[1].active_at_us = env.now_us + 500000;
	UT_EQ(wait_range(1), 0);
	UT_ASSERT(env.now_us >= cfg.range[1].active_at_us);
}
