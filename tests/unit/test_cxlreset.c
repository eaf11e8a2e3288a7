// SPDX-License-Identifier: GPL-2.0-only
/*
 * CXL Reset of a device on virtual time: capabilities, the cache
 * write-back before it, completion, error, timeout.
 */
#include <linux/bitfield.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/types.h>

#include "harness.h"
#include "sim_cfg.h"
#include "sim_env.h"
#include "spec/cxl_regs.h"
#include "spec/cxlreset.h"

#define MS	1000ULL

static struct sim_cfg cfg;
static struct sim_env env;
static struct cxl_spec_dev_dvsec dev;

#define CAP_RESET(code)	(CXL_SPEC_DEV_CAP_CXL_RESET_CAPABLE |		\
			 FIELD_PREP(CXL_SPEC_DEV_CAP_CXL_RESET_TIMEOUT, code))
#define DISABLE		CXL_SPEC_DEV_CTRL2_DISABLE_CACHING
#define WBI		CXL_SPEC_DEV_CTRL2_INIT_CACHE_WBI
#define INIT		CXL_SPEC_DEV_CTRL2_INIT_CXL_RESET
#define MEMCLR		CXL_SPEC_DEV_CTRL2_CXL_RESET_MEM_CLR

/*
 * A device whose DVSEC CXL Capability has @cap_bits besides Mem_Capable
 * and one HDM range (@cache: Cache_Capable too), completing a CXL Reset
 * @reset_us and a cache write-back @wbi_us after they are initiated.
 */
static void setup(u16 cap_bits, bool cache, u64 reset_us, u64 wbi_us)
{
	struct cxl_spec_dvsec_list list;
	unsigned int d = SIM_DEV_DVSEC;
	u16 cap = 0x401c | cap_bits | (cache ? CXL_SPEC_DEV_CAP_CACHE_CAPABLE : 0);

	sim_env_init(&env);
	sim_cfg_build_type2(&cfg);
	sim_cfg_put16(&cfg, d + CXL_SPEC_DEV_CAP, cap);
	sim_cfg_writable16(&cfg, d + CXL_SPEC_DEV_CTRL2, DISABLE, 0);
	UT_EQ(cxl_spec_dvsec_scan(&cfg.ops, &env.env, &list), 0);
	UT_EQ(cxl_spec_dvsec_read_device(&cfg.ops, &env.env, &list, &dev), 0);
	cfg.clock = &env;
	cfg.reset = (struct sim_reset_model) {
		.on = true, .reset_us = reset_us, .wbi_us = wbi_us,
		.reset_at_us = SIM_NEVER, .wbi_at_us = SIM_NEVER,
	};
}

static int reset(bool mem_clr)
{
	return cxl_spec_cxl_reset(&cfg.ops, &env.env, &dev, mem_clr);
}

UT_TEST(cxlreset_timeout_every_encoding)
{
	static const u64 want[] = { 10 * MS, 100 * MS, 1000 * MS, 10000 * MS,
				    100000 * MS };
	unsigned int code;
	u64 us;

	for (code = 0; code < ARRAY_SIZE(want); code++) {
		UT_EQ(cxl_spec_cxl_reset_timeout_us(code, &us), 0);
		UT_EQ(us, want[code]);
	}
	for (code = 5; code <= 7; code++)
		UT_EQ(cxl_spec_cxl_reset_timeout_us(code, &us), -EINVAL);
}

UT_TEST(cxlreset_caps_read_from_the_device)
{
	struct cxl_spec_cxl_reset_caps caps;

	setup(CAP_RESET(2) | CXL_SPEC_DEV_CAP_CXL_RESET_MEM_CLR |
	      CXL_SPEC_DEV_CAP_CACHE_WBI_CAPABLE, true, 0, 0);
	UT_EQ(cxl_spec_cxl_reset_caps(&cfg.ops, &env.env, &dev, &caps), 0);
	UT_ASSERT(caps.capable && caps.mem_clr && caps.cache_wbi);
	UT_EQ(caps.timeout_us, 1000 * MS);
}

UT_TEST(cxlreset_not_capable_is_refused_untouched)
{
	setup(0, false, 0, 0);
	UT_EQ(reset(false), -EOPNOTSUPP);
	UT_EQ(cfg.reset.ctrl2_writes, 0);
	UT_EQ(env.nr_reports, 1);
}

UT_TEST(cxlreset_mem_clr_without_the_capability_is_refused)
{
	setup(CAP_RESET(0), false, 1 * MS, 0);
	UT_EQ(reset(true), -EOPNOTSUPP);
	UT_EQ(cfg.reset.ctrl2_writes, 0);
	UT_EQ(env.nr_reports, 1);
}

UT_TEST(cxlreset_reserved_timeout_is_refused)
{
	setup(CXL_SPEC_DEV_CAP_CXL_RESET_CAPABLE |
	      FIELD_PREP(CXL_SPEC_DEV_CAP_CXL_RESET_TIMEOUT, 5), false, 0, 0);
	UT_EQ(reset(false), -EINVAL);
	UT_EQ(cfg.reset.ctrl2_writes, 0);
	UT_EQ(env.nr_reports, 1);
}

UT_TEST(cxlreset_waits_for_complete)
{
	u64 start;

	setup(CAP_RESET(1), false, 30 * MS, 0);
	start = env.now_us;
	UT_EQ(reset(false), 0);
	UT_EQ(cfg.reset.initiated, 1);
	UT_ASSERT(!cfg.reset.mem_clr);
	UT_EQ(cfg.reset.ctrl2_writes, 1);
	UT_EQ(cfg.reset.ctrl2_log[0], INIT);
	UT_ASSERT(env.now_us - start >= 30 * MS);
	UT_ASSERT(env.now_us - start < 100 * MS);
	UT_EQ(env.nr_reports, 0);
}

UT_TEST(cxlreset_mem_clr_is_asked_for)
{
	setup(CAP_RESET(0) | CXL_SPEC_DEV_CAP_CXL_RESET_MEM_CLR, false, 1 * MS, 0);
	UT_EQ(reset(true), 0);
	UT_ASSERT(cfg.reset.mem_clr);
	UT_EQ(cfg.reset.ctrl2_log[0], INIT | MEMCLR);
}

UT_TEST(cxlreset_error_is_eio)
{
	setup(CAP_RESET(0), false, 2 * MS, 0);
	cfg.reset.error = true;
	UT_EQ(reset(false), -EIO);
	UT_EQ(env.nr_reports, 1);
}

UT_TEST(cxlreset_never_completing_times_out_at_the_advertised_time)
{
	u64 start;

	setup(CAP_RESET(1), false, SIM_NEVER, 0);
	start = env.now_us;
	UT_EQ(reset(false), -ETIMEDOUT);
	UT_ASSERT(env.now_us - start >= 100 * MS);
	UT_ASSERT(env.now_us - start < 110 * MS);
	UT_EQ(env.nr_reports, 1);
}

UT_TEST(cxlreset_frozen_clock_is_bounded)
{
	setup(CAP_RESET(4), false, SIM_NEVER, 0);
	env.frozen = true;
	UT_EQ(reset(false), -ETIMEDOUT);
	UT_ASSERT(env.sleeps <= 100000);
}

UT_TEST(cxlreset_all_ones_is_gone)
{
	setup(CAP_RESET(0), false, 1 * MS, 0);
	cfg.reset.on = false;
	sim_cfg_put16(&cfg, SIM_DEV_DVSEC + CXL_SPEC_DEV_STATUS2, 0xffff);
	UT_EQ(reset(false), -ENXIO);
}

UT_TEST(cxlreset_cache_written_back_first_and_caching_back_after)
{
	setup(CAP_RESET(1) | CXL_SPEC_DEV_CAP_CACHE_WBI_CAPABLE, true,
	      5 * MS, 3 * MS);
	UT_EQ(reset(false), 0);
	UT_EQ(cfg.reset.ctrl2_writes, 4);
	UT_EQ(cfg.reset.ctrl2_log[0], DISABLE);
	UT_EQ(cfg.reset.ctrl2_log[1], DISABLE | WBI);
	UT_EQ(cfg.reset.ctrl2_log[2], DISABLE | INIT);
	UT_EQ(cfg.reset.ctrl2_log[3], 0);
	UT_EQ(env.nr_reports, 0);
}

UT_TEST(cxlreset_cache_without_write_back_is_reported_and_dropped)
{
	setup(CAP_RESET(1), true, 5 * MS, 0);
	UT_EQ(reset(false), 0);
	UT_EQ(cfg.reset.ctrl2_writes, 3);
	UT_EQ(cfg.reset.ctrl2_log[0], DISABLE);
	UT_EQ(cfg.reset.ctrl2_log[1], DISABLE | INIT);
	UT_EQ(cfg.reset.ctrl2_log[2], 0);
	UT_EQ(env.nr_reports, 1);
}

UT_TEST(cxlreset_write_back_that_never_ends_resets_nothing)
{
	setup(CAP_RESET(1) | CXL_SPEC_DEV_CAP_CACHE_WBI_CAPABLE, true,
	      5 * MS, SIM_NEVER);
	UT_EQ(reset(false), -ETIMEDOUT);
	UT_EQ(cfg.reset.initiated, 0);
	/* caching is enabled again */
	UT_EQ(cfg.reset.ctrl2_log[cfg.reset.ctrl2_writes - 1], 0);
	UT_EQ(env.nr_reports, 1);
}

UT_TEST(cxlreset_caching_disabled_before_stays_disabled)
{
	setup(CAP_RESET(1) | CXL_SPEC_DEV_CAP_CACHE_WBI_CAPABLE, true,
	      5 * MS, 1 * MS);
	sim_cfg_put16(&cfg, SIM_DEV_DVSEC + CXL_SPEC_DEV_CTRL2, DISABLE);
	UT_EQ(reset(false), 0);
	UT_EQ(cfg.reset.ctrl2_log[cfg.reset.ctrl2_writes - 1], DISABLE | INIT);
}
