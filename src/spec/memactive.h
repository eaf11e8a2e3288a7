/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Waiting for a CXL device's memory to become usable (CXL 2.0 8.1.3.8.2).
 *
 * After reset a device sets Memory_Info_Valid within 1 second, and then
 * Memory_Active within the Memory_Active_Timeout it advertises in the same
 * register (1, 4, 16, 64 or 256 seconds).  Until Memory_Active is set the
 * range must not be used.  With Mem_HwInit_Mode clear the device relies on
 * its driver to initialise the memory first.
 */
#ifndef CXL_ACCEL_SPEC_MEMACTIVE_H
#define CXL_ACCEL_SPEC_MEMACTIVE_H

#include <linux/types.h>

#include "access.h"
#include "dvsec.h"

int cxl_spec_mem_active_timeout_us(u8 code, u64 *us);
int cxl_spec_mem_active_wait(const struct cxl_spec_cfg *cfg,
			     const struct cxl_spec_env *env,
			     const struct cxl_spec_dev_dvsec *dev,
			     unsigned int range);

#endif /* CXL_ACCEL_SPEC_MEMACTIVE_H */
