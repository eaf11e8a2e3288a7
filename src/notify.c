// SPDX-License-Identifier: GPL-2.0-only
/*
 * Telling vendor drivers when a region is lost for a reason they did not
 * ask for, and retrying parked regions when the CXL bus changes.
 *
 * Bus notifiers are called from the code that adds or removes a device,
 * which may hold the CXL core's port locks; region code takes those
 * inside a device's cxl_accel lock.  So the notifiers take only the
 * registry's own lock, which nobody holds while taking another, mark the
 * affected regions revoked and leave the call to the driver to a work
 * item.  The region itself (decoders, claim) stays until the driver puts
 * its last reference.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/pci.h>
#include <linux/sched.h>
#include <linux/workqueue.h>

#include "compat/cxl_core.h"
#include "cxl_accel_trace.h"
#include "internal.h"

/* regions the vendor drivers hold, and those waiting to be told */
static DEFINE_MUTEX(registry_lock);
static LIST_HEAD(registry);
static LIST_HEAD(revoke_queue);

/*
 * A driver's notifier under way, on its caller's stack, listed under
 * registry_lock: cxl_accel_region_set_notify() from inside a notifier
 * would wait for notify_lock, which its caller holds, so it is refused.
 */
struct notify_call {
	struct list_head node;
	struct task_struct *task;
};

static LIST_HEAD(notify_calls);

static bool in_notifier(void)
{
	struct notify_call *call;

	lockdep_assert_held(&registry_lock);
	list_for_each_entry(call, &notify_calls, node)
		if (call->task == current)
			return true;
	return false;
}

/* What one call of a region's notifiers runs, read under registry_lock. */
struct notify_fns {
	cxl_accel_region_state_fn state_fn;
	void *state_data;
	cxl_accel_region_lost_fn lost_fn;
	void *lost_data;
};

/*
 * Run @fns for @r with @state (the lost notifier only for a loss), on
 * the caller's stack, listed as a notifier under way; with the region's
 * notify_lock held, so that clearing a notifier can wait for a call under
 * way.  The caller holds a reference of its own for the whole call: a
 * lost notifier drops the driver's, which may be the last one but for
 * ours, and notify_lock lives in the region.
 */
static void notify_run(struct cxl_accel_region *r, enum cxl_accel_state state,
		       const struct notify_fns *fns)
{
	struct notify_call call = { .task = current };

	lockdep_assert_held(&r->notify_lock);
	if (!fns->state_fn && !fns->lost_fn)
		return;
	mutex_lock(&registry_lock);
	list_add(&call.node, &notify_calls);
	mutex_unlock(&registry_lock);
	if (fns->state_fn)
		fns->state_fn(r, state, fns->state_data);
	if (fns->lost_fn)
		fns->lost_fn(r, fns->lost_data);
	mutex_lock(&registry_lock);
	list_del(&call.node);
	mutex_unlock(&registry_lock);
}

/* Tell the region's notifiers of its loss, once. */
static void region_notify(struct cxl_accel_region *r)
{
	struct notify_fns fns = {};

	mutex_lock(&r->notify_lock);
	mutex_lock(&registry_lock);
	if ((r->lost || r->state_fn) &&
	    !test_and_set_bit(CXL_ACCEL_REGION_NOTIFIED, &r->state)) {
		fns.state_fn = r->state_fn;
		fns.state_data = r->state_data;
		fns.lost_fn = r->lost;
		fns.lost_data = r->lost_data;
	}
	mutex_unlock(&registry_lock);
	notify_run(r, CXL_ACCEL_STATE_LOST, &fns);
	mutex_unlock(&r->notify_lock);
}

/*
 * Tell the region's state notifier, if any, of @state, on the caller's
 * stack (reset.c: the driver's reset handler).  The caller holds a
 * reference and none of cxl_accel's locks.
 */
void cxl_accel_region_tell(struct cxl_accel_region *r,
			   enum cxl_accel_state state)
{
	struct notify_fns fns = {};

	mutex_lock(&r->notify_lock);
	mutex_lock(&registry_lock);
	fns.state_fn = r->state_fn;
	fns.state_data = r->state_data;
	mutex_unlock(&registry_lock);
	notify_run(r, state, &fns);
	mutex_unlock(&r->notify_lock);
}

static void region_trace_lost(struct cxl_accel_region *r)
{
	trace_cxl_accel_region_state(r->cxlad->pdev, r->name, r->hpa, r->size,
				     "lost");
}

static void revoke_work_fn(struct work_struct *work)
{
	struct cxl_accel_region *r;

	for (;;) {
		mutex_lock(&registry_lock);
		r = list_first_entry_or_null(&revoke_queue,
					     struct cxl_accel_region, revoke);
		if (r)
			list_del_init(&r->revoke);
		mutex_unlock(&registry_lock);
		if (!r)
			return;
		if (!test_and_set_bit(CXL_ACCEL_REGION_LOGGED, &r->state))
			pci_warn(r->cxlad->pdev, "region [%#llx-%#llx] lost: its CXL path is going away\n",
				 r->hpa, r->hpa + r->size - 1);
		region_notify(r);
		cxl_accel_region_put(r);
	}
}

static DECLARE_WORK(revoke_work, revoke_work_fn);

/*
 * A region joins the registry, with its device's lock held.  One
 * published while a reset of its device is under way is suspended with
 * the others (cxl_accel_registry_suspend()): its decoders may have been
 * committed before the reset reached them, and cxl_accel_reset_done()
 * reads them back.
 */
void cxl_accel_registry_add(struct cxl_accel_region *r)
{
	lockdep_assert_held(&r->cxlad->lock);
	INIT_LIST_HEAD(&r->revoke);
	mutex_init(&r->notify_lock);
	mutex_lock(&registry_lock);
	if (r->cxlad->resetting)
		set_bit(CXL_ACCEL_REGION_SUSPENDED, &r->state);
	list_add_tail(&r->active, &registry);
	mutex_unlock(&registry_lock);
}

/* From the region's release: nothing holds a reference, so it is queued nowhere. */
void cxl_accel_registry_del(struct cxl_accel_region *r)
{
	mutex_lock(&registry_lock);
	list_del_init(&r->active);
	mutex_unlock(&registry_lock);
	mutex_destroy(&r->notify_lock);
}

/*
 * A reset of @cxlad begins: every region of it not revoked, and every one
 * it publishes until cxl_accel_registry_reset_over(), is suspended.
 *
 * Only registry_lock is taken here, never the device's lock: the PCI core
 * calls a driver's error handlers with pci_bus_sem held, the CXL core's
 * port probe takes pci_bus_sem under a port lock, and region code takes
 * the port locks inside the device's lock.
 *
 * Return: how many regions were suspended, each with a reference in
 * *@out (an array to kfree()), or -ENOMEM: suspended all the same, with
 * no reference taken.
 */
int cxl_accel_registry_suspend(struct cxl_accel_dev *cxlad,
			       struct cxl_accel_region ***out)
{
	struct cxl_accel_region **rs, *r;
	int n = 0;

	mutex_lock(&registry_lock);
	WRITE_ONCE(cxlad->resetting, true);
	list_for_each_entry(r, &registry, active)
		if (r->cxlad == cxlad &&
		    !test_bit(CXL_ACCEL_REGION_REVOKED, &r->state)) {
			set_bit(CXL_ACCEL_REGION_SUSPENDED, &r->state);
			trace_cxl_accel_region_state(cxlad->pdev, r->name, r->hpa,
						     r->size, "suspended");
			n++;
		}
	rs = kcalloc(max(n, 1), sizeof(*rs), GFP_KERNEL);
	if (!rs) {
		mutex_unlock(&registry_lock);
		return -ENOMEM;
	}
	n = 0;
	list_for_each_entry(r, &registry, active)
		if (r->cxlad == cxlad &&
		    test_bit(CXL_ACCEL_REGION_SUSPENDED, &r->state) &&
		    kref_get_unless_zero(&r->kref))
			rs[n++] = r;
	mutex_unlock(&registry_lock);
	*out = rs;
	return n;
}

/*
 * The reset of @cxlad is over: the regions in @rs (@n of them) are not
 * suspended any more, and new ones are not either.  With the device's
 * lock held, so that no region is published between the two.
 */
void cxl_accel_registry_reset_over(struct cxl_accel_dev *cxlad,
				   struct cxl_accel_region **rs, int n)
{
	int i;

	lockdep_assert_held(&cxlad->lock);
	mutex_lock(&registry_lock);
	for (i = 0; i < n; i++)
		clear_bit(CXL_ACCEL_REGION_SUSPENDED, &rs[i]->state);
	WRITE_ONCE(cxlad->resetting, false);
	mutex_unlock(&registry_lock);
}

/*
 * Set the region's notifier.  A region lost before it was set is told
 * from the work item, as any other (API 4), or, for a driver built
 * against API 3, synchronously before this returns, as API 3 promised.
 */
void cxl_accel_registry_set_notify(struct cxl_accel_region *r,
				   cxl_accel_region_lost_fn fn, void *data,
				   bool sync)
{
	bool queued = false;

	mutex_lock(&registry_lock);
	if (in_notifier()) {
		mutex_unlock(&registry_lock);
		cxl_accel_err(r->cxlad->pdev, "region [%#llx-%#llx]: cxl_accel_region_set_notify() from inside a notifier is refused\n",
			      r->hpa, r->hpa + r->size - 1);
		return;
	}
	r->lost = fn;
	r->lost_data = data;
	/*
	 * Lost before anyone was listening, and not on the queue any more:
	 * queue it again, with a reference of its own for the work item
	 * (the caller's keeps @r alive until here, but @fn is meant to drop
	 * that one).
	 */
	if (fn && !sync && test_bit(CXL_ACCEL_REGION_REVOKED, &r->state) &&
	    !test_bit(CXL_ACCEL_REGION_NOTIFIED, &r->state) &&
	    list_empty(&r->revoke)) {
		kref_get(&r->kref);
		list_add_tail(&r->revoke, &revoke_queue);
		queued = true;
	}
	mutex_unlock(&registry_lock);
	if (queued) {
		schedule_work(&revoke_work);
	} else if (!fn) {
		/* wait for a call of the previous notifier under way */
		mutex_lock(&r->notify_lock);
		mutex_unlock(&r->notify_lock);
	} else if (sync && test_bit(CXL_ACCEL_REGION_REVOKED, &r->state)) {
		kref_get(&r->kref);
		region_notify(r);
		cxl_accel_region_put(r);
	}
}

/*
 * Set the region's state notifier.  It is told of a loss with the lost
 * notifier, from the work item: set after the loss, only if the lost
 * notifier is still to be told.
 * NULL waits for a call under way, as for the lost notifier.
 */
void cxl_accel_registry_set_state_notify(struct cxl_accel_region *r,
					 cxl_accel_region_state_fn fn,
					 void *data)
{
	mutex_lock(&registry_lock);
	if (in_notifier()) {
		mutex_unlock(&registry_lock);
		cxl_accel_err(r->cxlad->pdev, "region [%#llx-%#llx]: cxl_accel_region_set_state_notify() from inside a notifier is refused\n",
			      r->hpa, r->hpa + r->size - 1);
		return;
	}
	r->state_fn = fn;
	r->state_data = data;
	mutex_unlock(&registry_lock);
	if (!fn) {
		mutex_lock(&r->notify_lock);
		mutex_unlock(&r->notify_lock);
	}
}

/*
 * The devm release of a region: no notifier any more, and none under
 * way, so that the driver may free what it passed as data.  From inside
 * that notifier (the driver unbinding itself from it) there is nothing
 * to wait for but the caller.
 */
void cxl_accel_registry_quiesce(struct cxl_accel_region *r)
{
	bool inside;

	mutex_lock(&registry_lock);
	inside = in_notifier();
	r->lost = NULL;
	r->lost_data = NULL;
	r->state_fn = NULL;
	r->state_data = NULL;
	mutex_unlock(&registry_lock);
	if (!inside) {
		mutex_lock(&r->notify_lock);
		mutex_unlock(&r->notify_lock);
	}
}

/*
 * A region that will not come back (reset.c: a failed restore), for a
 * reason logged by the caller: revoked, and its notifiers told from the
 * work item.  One whose last reference is gone is being released
 * already: nobody is left to tell.
 */
void cxl_accel_region_lose(struct cxl_accel_region *r)
{
	bool queued = false;

	mutex_lock(&registry_lock);
	if (!test_bit(CXL_ACCEL_REGION_REVOKED, &r->state) &&
	    kref_get_unless_zero(&r->kref)) {
		set_bit(CXL_ACCEL_REGION_REVOKED, &r->state);
		set_bit(CXL_ACCEL_REGION_LOGGED, &r->state);
		region_trace_lost(r);
		list_add_tail(&r->revoke, &revoke_queue);
		queued = true;
	}
	mutex_unlock(&registry_lock);
	if (queued)
		schedule_work(&revoke_work);
}

/* Revoke every region for which @affected(region, @dev) holds. */
static void revoke_matching(struct device *dev,
			    bool (*affected)(struct cxl_accel_region *r,
					     struct device *dev))
{
	struct cxl_accel_region *r;
	bool queued = false;

	mutex_lock(&registry_lock);
	list_for_each_entry(r, &registry, active) {
		if (test_bit(CXL_ACCEL_REGION_REVOKED, &r->state) ||
		    !affected(r, dev))
			continue;
		/*
		 * A region whose last reference is gone stays listed until
		 * its release reaches cxl_accel_registry_del(): it is being
		 * torn down already, there is nobody left to tell.
		 */
		if (!kref_get_unless_zero(&r->kref))
			continue;
		set_bit(CXL_ACCEL_REGION_REVOKED, &r->state);
		region_trace_lost(r);
		list_add_tail(&r->revoke, &revoke_queue);
		queued = true;
	}
	mutex_unlock(&registry_lock);
	if (queued)
		schedule_work(&revoke_work);
}

/* The CXL root (cxl_acpi going away) or a port on the region's path. */
static bool cxl_port_affects(struct cxl_accel_region *r, struct device *dev)
{
	return !strncmp(dev_name(dev), "root", 4) ||
	       cxl_accel_core_port_is_hop(r->cxlad, dev);
}

static int cxl_bus_event(struct notifier_block *nb, unsigned long action,
			 void *data)
{
	struct device *dev = data;

	switch (action) {
	case BUS_NOTIFY_DEL_DEVICE:
		if (is_cxl_port(dev))
			revoke_matching(dev, cxl_port_affects);
		break;
	case BUS_NOTIFY_REMOVED_DEVICE:
	case BUS_NOTIFY_UNBOUND_DRIVER:
		/* decoders above a parked region may just have been freed */
		cxl_accel_region_retry_parked();
		break;
	}
	return NOTIFY_DONE;
}

/* A PCI switch port or root port on the region's path. */
static bool pci_port_affects(struct cxl_accel_region *r, struct device *dev)
{
	const struct cxl_accel_path *path = &r->cxlad->path;
	unsigned int i;

	for (i = 0; i < path->nr; i++)
		if ((path->hop[i].port && dev == &path->hop[i].port->dev) ||
		    dev == &path->hop[i].dport->dev)
			return true;
	return false;
}

static int pci_bus_event(struct notifier_block *nb, unsigned long action,
			 void *data)
{
	if (action == BUS_NOTIFY_DEL_DEVICE)
		revoke_matching(data, pci_port_affects);
	return NOTIFY_DONE;
}

static struct notifier_block cxl_nb = { .notifier_call = cxl_bus_event };
static struct notifier_block pci_nb = { .notifier_call = pci_bus_event };

int cxl_accel_notify_init(void)
{
	int rc;

	rc = bus_register_notifier(cxl_accel_cxl_bus(), &cxl_nb);
	if (rc)
		return rc;
	rc = bus_register_notifier(&pci_bus_type, &pci_nb);
	if (rc)
		bus_unregister_notifier(cxl_accel_cxl_bus(), &cxl_nb);
	return rc;
}

void cxl_accel_notify_exit(void)
{
	bus_unregister_notifier(&pci_bus_type, &pci_nb);
	bus_unregister_notifier(cxl_accel_cxl_bus(), &cxl_nb);
	flush_work(&revoke_work);
}
