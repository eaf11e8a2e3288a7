// SPDX-License-Identifier: GPL-2.0-only
/*
 * No system suspend or hibernation while a region cxl_accel programmed is
 * live, unless its driver restores it.
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
 * A driver whose dev_pm_ops suspend and restore the regions as around a
 * reset (cxl_accel_reset_prepare(), cxl_accel_reset_done()) says so with
 * cxl_accel_enable_suspend(): its device's regions stop counting.  Only
 * the driver can: its .resume is the first code to run after the PCI
 * core restored the function's config space and before anything uses
 * the memory, which is private to it.
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
	if (r->cxlad->suspend_handled)
		return;
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

void cxl_accel_enable_suspend(struct cxl_accel_dev *cxlad)
{
	struct cxl_accel_region *r;

	if (!cxlad) {
		pr_err("%s() called with a NULL handle\n", __func__);
		return;
	}
	mutex_lock(&cxlad->lock);
	if (!cxlad->suspend_handled)
		pci_info(cxlad->pdev, "the driver restores its regions after system sleep: they do not refuse it\n");
	cxlad->suspend_handled = true;
	list_for_each_entry(r, &cxlad->regions, node)
		cxl_accel_suspend_unblock(r);
	mutex_unlock(&cxlad->lock);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_enable_suspend, CXL_ACCEL_NS);
