/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CXL Reset (CXL 2.0 9.7 and 8.1.3): a reset of a device's CXL.cache and
 * CXL.mem state, its HDM decoders included, that leaves the link and the
 * function's PCIe configuration alone.  The device advertises it in DVSEC
 * CXL Capability, with the time it may take and whether it can clear or
 * randomise its volatile memory on the way (Mem Clr); software starts it
 * with Initiate CXL Reset in DVSEC CXL Control2 and watches DVSEC CXL
 * Status2 for CXL Reset Complete or CXL Reset Error.  A device that caches
 * host memory has its cache written back and invalidated first (Disable
 * Caching, then Initiate Cache Write Back and Invalidation until Cache
 * Invalid), so that the reset loses no modified line.
 */
#ifndef CXL_ACCEL_SPEC_CXLRESET_H
#define CXL_ACCEL_SPEC_CXLRESET_H

#include <linux/types.h>

#include "access.h"
#include "dvsec.h"

/**
 * struct cxl_spec_cxl_reset_caps - what DVSEC CXL Capability says of it
 * @capable: CXL Reset Capable
 * @mem_clr: CXL Reset Mem Clr Capable
 * @cache_wbi: Cache Writeback and Invalidate Capable
 * @timeout_us: CXL Reset Timeout: how long the reset may take
 */
struct cxl_spec_cxl_reset_caps {
	bool capable;
	bool mem_clr;
	bool cache_wbi;
	u64 timeout_us;
};

int cxl_spec_cxl_reset_timeout_us(u8 code, u64 *us);
int cxl_spec_cxl_reset_caps(const struct cxl_spec_cfg *cfg,
			    const struct cxl_spec_env *env,
			    const struct cxl_spec_dev_dvsec *dev,
			    struct cxl_spec_cxl_reset_caps *caps);
int cxl_spec_cxl_reset(const struct cxl_spec_cfg *cfg,
		       const struct cxl_spec_env *env,
		       const struct cxl_spec_dev_dvsec *dev, bool mem_clr);

#endif /* CXL_ACCEL_SPEC_CXLRESET_H */
