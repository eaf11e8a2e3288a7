// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parked regions: released by their last user, but with decoders that
 * cannot be reset yet (see core.c and cxl_accel_region_uncommit()).  They
 * keep their decoders committed and their range claimed, and hold a
 * module reference so that cxl_accel cannot be unloaded under them; every
 * change on the CXL bus, and every release, tries them again.
 *
 * Locking: parked_lock, then a region's device lock.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/workqueue.h>

#include "cxl_accel_trace.h"
#include "internal.h"

static LIST_HEAD(parked);
static DEFINE_MUTEX(parked_lock);
static void unpark_work_fn(struct work_struct *work);
static DECLARE_WORK(unpark_work, unpark_work_fn);

/*
 * Keep a region whose decoders cannot be reset yet: everything stays
 * committed and claimed, which is what the CXL core sees, and the release
 * is tried again when the CXL bus changes.  Its device's lock is not held;
 * the region is on no device list.
 */
void cxl_accel_region_park(struct cxl_accel_region *r)
{
	pci_info(r->cxlad->pdev, "region [%#llx-%#llx] parked: its decoders cannot be reset yet\n",
		 r->hpa, r->hpa + r->size - 1);
	trace_cxl_accel_region_state(r->cxlad->pdev, r->name, r->hpa, r->size,
				     "parked");
	__module_get(THIS_MODULE);
	set_bit(CXL_ACCEL_REGION_PARKED, &r->state);
	mutex_lock(&parked_lock);
	list_add_tail(&r->node, &parked);
	mutex_unlock(&parked_lock);
}

static void unpark_work_fn(struct work_struct *work)
{
	struct cxl_accel_region *r, *tmp;
	unsigned int released = 0;
	bool progress;
	LIST_HEAD(todo);

	mutex_lock(&parked_lock);
	do {
		progress = false;
		list_splice_init(&parked, &todo);
		list_for_each_entry_safe(r, tmp, &todo, node) {
			struct cxl_accel_dev *cxlad = cxl_accel_dev_get(r->cxlad);

			mutex_lock(&cxlad->lock);
			list_move_tail(&r->node, &cxlad->regions);
			if (cxl_accel_region_teardown(r)) {
				released++;
				progress = true;
			} else {
				list_move_tail(&r->node, &parked);
			}
			mutex_unlock(&cxlad->lock);
			cxl_accel_dev_put(cxlad);
		}
	} while (progress && !list_empty(&parked));
	mutex_unlock(&parked_lock);
	/* the last thing this work does: module_exit() flushes it */
	while (released--)
		module_put(THIS_MODULE);
}

/* Called by the bus notifiers when something on the CXL bus went away. */
void cxl_accel_region_retry_parked(void)
{
	schedule_work(&unpark_work);
}

unsigned int cxl_accel_nr_parked(void)
{
	struct cxl_accel_region *r;
	unsigned int n = 0;

	mutex_lock(&parked_lock);
	list_for_each_entry(r, &parked, node)
		n++;
	mutex_unlock(&parked_lock);
	return n;
}

void cxl_accel_region_exit(void)
{
	/* nothing is parked: every parked region holds a module reference */
	flush_work(&unpark_work);
}
