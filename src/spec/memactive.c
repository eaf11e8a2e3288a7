// SPDX-License-Identifier: GPL-2.0-only
/*
 * Waiting for Memory_Info_Valid and Memory_Active (see memactive.h).
 */
#include <linux/bitfield.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/types.h>

#include "memactive.h"
#include "poll.h"

#define USEC_PER_SECOND		1000000U
#define INFO_VALID_POLL_US	10000
#define ACTIVE_POLL_US		100000

/**
 * cxl_spec_mem_active_timeout_us - decode Memory_Active_Timeout
 * @code: the field: 0-4 mean 4^code seconds, 5-7 are reserved
 * @us: microseconds
 *
 * Return: 0, or -EINVAL for a reserved encoding.
 */
int cxl_spec_mem_active_timeout_us(u8 code, u64 *us)
{
	u64 t = USEC_PER_SECOND;
	unsigned int i;

	if (code > CXL_SPEC_DEV_MEM_ACTIVE_TIMEOUT_MAX)
		return -EINVAL;
	for (i = 0; i < code; i++)
		t *= 4;
	*us = t;
	return 0;
}

static int read_size_low(const struct cxl_spec_cfg *cfg,
			 const struct cxl_spec_env *env, unsigned int off,
			 unsigned int range, u32 *lo)
{
	int rc;

	rc = cxl_spec_cfg_read32(cfg, off, lo);
	if (rc) {
		cxl_spec_report(env, "CXL range %u: reading Range Size Low failed (%d)",
				range + 1, rc);
		return rc;
	}
	if (*lo == ~0U) {
		cxl_spec_report(env, "CXL range %u: Range Size Low reads as all ones",
				range + 1);
		return -ENXIO;
	}
	return 0;
}

/**
 * cxl_spec_mem_active_wait - wait until a DVSEC range is active
 * @cfg: configuration space of the device
 * @env: for time and reports
 * @dev: from cxl_spec_dvsec_read_device()
 * @range: 0 for Range 1, 1 for Range 2; below @dev->hdm_count
 *
 * The timeouts count from this call, not from the reset the spec counts
 * from, so they are an upper bound of what the spec allows.  A range
 * that is active but reports Memory_Active_Degraded is reported and
 * accepted.
 *
 * Every failure is reported, in one line that names the cause.
 *
 * Return: 0 once Memory_Active is set; -ETIMEDOUT if Memory_Info_Valid
 * or Memory_Active did not get set in time; -EINVAL for a range the
 * device does not have or a reserved Memory_Active_Timeout; -ENXIO if
 * the device is gone; or the error of a failed configuration read.
 */
int cxl_spec_mem_active_wait(const struct cxl_spec_cfg *cfg,
			     const struct cxl_spec_env *env,
			     const struct cxl_spec_dev_dvsec *dev,
			     unsigned int range)
{
	struct cxl_spec_deadline dl;
	unsigned int off;
	u64 timeout;
	u8 code;
	u32 lo;
	int rc;

	if (range >= dev->hdm_count) {
		cxl_spec_report(env, "CXL range %u: the device has %u HDM ranges",
				range + 1, dev->hdm_count);
		return -EINVAL;
	}
	off = dev->offset + CXL_SPEC_DEV_RANGE_SIZE_LOW(range);

	cxl_spec_deadline_start(&dl, env, CXL_SPEC_DEV_MEM_INFO_VALID_TIMEOUT_US,
				INFO_VALID_POLL_US);
	for (;;) {
		rc = read_size_low(cfg, env, off, range, &lo);
		if (rc)
			return rc;
		if (lo & CXL_SPEC_DEV_RANGE_MEM_INFO_VALID)
			break;
		if (cxl_spec_deadline_expired(&dl, env)) {
			cxl_spec_report(env, "CXL range %u: no Memory_Info_Valid after %llu us",
					range + 1, cxl_spec_deadline_elapsed(&dl, env));
			return -ETIMEDOUT;
		}
		env->sleep_us(env->ctx, INFO_VALID_POLL_US);
	}

	code = FIELD_GET(CXL_SPEC_DEV_RANGE_MEM_ACTIVE_TIMEOUT, lo);
	if (cxl_spec_mem_active_timeout_us(code, &timeout)) {
		cxl_spec_report(env, "CXL range %u: Memory_Active_Timeout %u is reserved",
				range + 1, code);
		return -EINVAL;
	}

	cxl_spec_deadline_start(&dl, env, timeout, ACTIVE_POLL_US);
	while (!(lo & CXL_SPEC_DEV_RANGE_MEM_ACTIVE)) {
		if (cxl_spec_deadline_expired(&dl, env)) {
			cxl_spec_report(env, "CXL range %u: not Memory_Active after %llu s",
					range + 1,
					div_u64(cxl_spec_deadline_elapsed(&dl, env),
						USEC_PER_SECOND));
			return -ETIMEDOUT;
		}
		env->sleep_us(env->ctx, ACTIVE_POLL_US);
		rc = read_size_low(cfg, env, off, range, &lo);
		if (rc)
			return rc;
	}
	if (lo & CXL_SPEC_DEV_RANGE_MEM_ACTIVE_DEGRADED)
		cxl_spec_report(env, "CXL range %u: Memory_Active_Degraded", range + 1);
	return 0;
}
