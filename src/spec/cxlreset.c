// SPDX-License-Identifier: GPL-2.0-only
/*
 * CXL Reset of a device (see cxlreset.h).
 */
#include <linux/bitfield.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/types.h>

#include "access.h"
#include "cxl_regs.h"
#include "cxlreset.h"
#include "poll.h"

#define CXL_RESET_POLL_US	1000

/* CXL Reset Timeout: 10 ms times 10^code up to 4; 5-7 are reserved */
#define CXL_RESET_TIMEOUT_MAX	4

/**
 * cxl_spec_cxl_reset_timeout_us - decode CXL Reset Timeout
 * @code: the field: 0-4 mean 10 ms, 100 ms, 1 s, 10 s, 100 s; 5-7 are
 *	reserved
 * @us: microseconds
 *
 * Return: 0, or -EINVAL for a reserved encoding.
 */
int cxl_spec_cxl_reset_timeout_us(u8 code, u64 *us)
{
	u64 t = 10000;
	unsigned int i;

	if (code > CXL_RESET_TIMEOUT_MAX)
		return -EINVAL;
	for (i = 0; i < code; i++)
		t *= 10;
	*us = t;
	return 0;
}

/**
 * cxl_spec_cxl_reset_caps - read what the device offers of CXL Reset
 * @cfg: configuration space of the device
 * @env: for reports
 * @dev: from cxl_spec_dvsec_read_device()
 * @caps: filled in
 *
 * DVSEC CXL Capability is read again rather than taken from @dev: it is
 * read-only, but a reset is rare and the read costs nothing next to it.
 *
 * Return: 0; -EINVAL (reported) if the device is CXL Reset Capable with a
 * reserved CXL Reset Timeout; or the error of the configuration read.
 */
int cxl_spec_cxl_reset_caps(const struct cxl_spec_cfg *cfg,
			    const struct cxl_spec_env *env,
			    const struct cxl_spec_dev_dvsec *dev,
			    struct cxl_spec_cxl_reset_caps *caps)
{
	u16 cap;
	u8 code;
	int rc;

	rc = cxl_spec_cfg_read16(cfg, dev->offset + CXL_SPEC_DEV_CAP, &cap);
	if (rc)
		return rc;
	*caps = (struct cxl_spec_cxl_reset_caps) {
		.capable = cap & CXL_SPEC_DEV_CAP_CXL_RESET_CAPABLE,
		.mem_clr = cap & CXL_SPEC_DEV_CAP_CXL_RESET_MEM_CLR,
		.cache_wbi = cap & CXL_SPEC_DEV_CAP_CACHE_WBI_CAPABLE,
	};
	if (!caps->capable)
		return 0;
	code = FIELD_GET(CXL_SPEC_DEV_CAP_CXL_RESET_TIMEOUT, cap);
	if (cxl_spec_cxl_reset_timeout_us(code, &caps->timeout_us)) {
		cxl_spec_report(env, "CXL device DVSEC: reserved CXL Reset Timeout %u",
				code);
		return -EINVAL;
	}
	return 0;
}

/*
 * Wait until Status2 has one of @bits set, for up to @timeout_us; @what
 * names the wait in the report of a timeout.  Return: 0 with *@status2,
 * -ETIMEDOUT, -ENXIO if the device reads all ones, or a read's error.
 */
static int status2_wait(const struct cxl_spec_cfg *cfg,
			const struct cxl_spec_env *env, unsigned int off,
			u16 bits, u64 timeout_us, const char *what,
			u16 *status2)
{
	struct cxl_spec_deadline dl;
	int rc;

	cxl_spec_deadline_start(&dl, env, timeout_us, CXL_RESET_POLL_US);
	for (;;) {
		rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_DEV_STATUS2, status2);
		if (rc)
			return rc;
		if (*status2 == 0xffff) {
			cxl_spec_report(env, "CXL device DVSEC: Status2 reads all ones");
			return -ENXIO;
		}
		if (*status2 & bits)
			return 0;
		if (cxl_spec_deadline_expired(&dl, env)) {
			cxl_spec_report(env, "CXL device DVSEC: %s not done after %llu us",
					what, timeout_us);
			return -ETIMEDOUT;
		}
		env->sleep_us(env->ctx, CXL_RESET_POLL_US);
	}
}

/*
 * A device that caches host memory: caching off, its cache written back
 * and invalidated.  The spec gives the write-back no time limit; the
 * reset's own bounds it here.
 */
static int cache_flush(const struct cxl_spec_cfg *cfg,
		       const struct cxl_spec_env *env, unsigned int off,
		       const struct cxl_spec_cxl_reset_caps *caps, u16 *ctrl2)
{
	u16 status2;
	int rc;

	*ctrl2 |= CXL_SPEC_DEV_CTRL2_DISABLE_CACHING;
	rc = cxl_spec_cfg_write16(cfg, off + CXL_SPEC_DEV_CTRL2, *ctrl2);
	if (rc)
		return rc;
	if (!caps->cache_wbi) {
		cxl_spec_report(env, "CXL device DVSEC: no cache write-back: the cache is dropped");
		return 0;
	}
	rc = cxl_spec_cfg_write16(cfg, off + CXL_SPEC_DEV_CTRL2,
				  *ctrl2 | CXL_SPEC_DEV_CTRL2_INIT_CACHE_WBI);
	if (!rc)
		rc = status2_wait(cfg, env, off, CXL_SPEC_DEV_STATUS2_CACHE_INVALID,
				  caps->timeout_us, "cache write-back", &status2);
	return rc;
}

/**
 * cxl_spec_cxl_reset - CXL Reset of a device, and wait for it
 * @cfg: configuration space of the device
 * @env: for time and reports
 * @dev: from cxl_spec_dvsec_read_device()
 * @mem_clr: ask the device to clear or randomise its volatile memory
 *
 * The caller has stopped every use of the device's memory and of its
 * decoders: the reset takes them away.  A device with Cache_Capable has
 * caching disabled and its cache written back and invalidated first, and
 * caching enabled again after the reset whatever its outcome.  Every
 * failure is reported, in one line that names the cause.
 *
 * Return: 0 once the device reports CXL Reset Complete; -EOPNOTSUPP if
 * it is not CXL Reset Capable, or not Mem Clr Capable and @mem_clr is
 * set; -EIO if it reports CXL Reset Error; -ETIMEDOUT if it reports
 * neither within its CXL Reset Timeout (or its cache write-back did not
 * end within that); -ENXIO if it reads all ones; -EINVAL for a reserved
 * timeout; or the error of a configuration access.
 */
int cxl_spec_cxl_reset(const struct cxl_spec_cfg *cfg,
		       const struct cxl_spec_env *env,
		       const struct cxl_spec_dev_dvsec *dev, bool mem_clr)
{
	struct cxl_spec_cxl_reset_caps caps;
	unsigned int off = dev->offset;
	u16 ctrl2, status2;
	bool caching_off;
	int rc, rc2;

	rc = cxl_spec_cxl_reset_caps(cfg, env, dev, &caps);
	if (rc)
		return rc;
	if (!caps.capable || (mem_clr && !caps.mem_clr)) {
		cxl_spec_report(env, "CXL device DVSEC: no CXL Reset%s",
				caps.capable ? " with Mem Clr" : "");
		return -EOPNOTSUPP;
	}
	rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_DEV_CTRL2, &ctrl2);
	if (rc)
		return rc;
	/* the one-shot bits read 0; keep only what is a setting */
	ctrl2 &= ~(CXL_SPEC_DEV_CTRL2_INIT_CACHE_WBI |
		   CXL_SPEC_DEV_CTRL2_INIT_CXL_RESET |
		   CXL_SPEC_DEV_CTRL2_CXL_RESET_MEM_CLR);
	/* caching is enabled again after the reset only if it was before */
	caching_off = ctrl2 & CXL_SPEC_DEV_CTRL2_DISABLE_CACHING;
	if (dev->cache_capable) {
		rc = cache_flush(cfg, env, off, &caps, &ctrl2);
		if (rc)
			goto out;
	}
	rc = cxl_spec_cfg_write16(cfg, off + CXL_SPEC_DEV_CTRL2,
				  ctrl2 | CXL_SPEC_DEV_CTRL2_INIT_CXL_RESET |
				  (mem_clr ? CXL_SPEC_DEV_CTRL2_CXL_RESET_MEM_CLR : 0));
	if (!rc)
		rc = status2_wait(cfg, env, off,
				  CXL_SPEC_DEV_STATUS2_CXL_RESET_COMPLETE |
				  CXL_SPEC_DEV_STATUS2_CXL_RESET_ERROR,
				  caps.timeout_us, "CXL Reset", &status2);
	if (!rc && status2 & CXL_SPEC_DEV_STATUS2_CXL_RESET_ERROR) {
		cxl_spec_report(env, "CXL device DVSEC: CXL Reset Error");
		rc = -EIO;
	}
out:
	if (!caching_off && ctrl2 & CXL_SPEC_DEV_CTRL2_DISABLE_CACHING) {
		rc2 = cxl_spec_cfg_write16(cfg, off + CXL_SPEC_DEV_CTRL2,
					   ctrl2 & ~CXL_SPEC_DEV_CTRL2_DISABLE_CACHING);
		rc = rc ?: rc2;
	}
	return rc;
}
