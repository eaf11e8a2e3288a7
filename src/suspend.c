// SPDX-License-Identifier: GPL-2.0-only
/*
 * No system suspend or hibernation while a region cxl_accel programmed is
 * live.
 *
 * A resume from S3 resets the CXL components as a secondary bus reset
 * does (and QEMU's wakeup resets every HDM decoder), while firmware
 * restores only what it programmed itself.  The CXL core refuses suspend
 * for the same reason while one of its memory devices is bound: it counts
 * them with cxl_mem_active_inc(), which the PM core asks before it
 * offers "deep" in /sys/power/mem_sleep, before a suspend to memory and
 * before hibernation.  cxl_accel counts its programmed regions there
 * too.  Adopted regions are firmware's, as the core's committed regions
 * are, and do not count.
 *
 * Re-programming the regions on resume, as cxl_accel_reset_done() does
 * after a reset, is the way to lift this; it needs a resume hook that
 * runs before any driver touches the memory, which no vendor driver
 * callback gives today.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/pci.h>

#include "compat/cxl_core.h"
#include "internal.h"

/* With the device's lock held: a new region, before it is published. */
void cxl_accel_suspend_block(struct cxl_accel_region *r)
{
	lockdep_assert_held(&r->cxlad->lock);
#ifdef CXL_ACCEL_HAVE_EXPORT_CXL_MEM_ACTIVE_INC
	cxl_mem_active_inc();
	r->blocks_suspend = true;
#endif
}

/* With the device's lock held: the region is going. */
void cxl_accel_suspend_unblock(struct cxl_accel_region *r)
{
	lockdep_assert_held(&r->cxlad->lock);
#ifdef CXL_ACCEL_HAVE_EXPORT_CXL_MEM_ACTIVE_INC
	if (r->blocks_suspend)
		cxl_mem_active_dec();
	r->blocks_suspend = false;
#endif
}
