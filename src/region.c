// SPDX-License-Identifier: GPL-2.0-only
/*
 * Private regions: device memory reserved (DPA, dpa.c), host address
 * space taken from a CXL window (HPA, window.c), the decoders programmed
 * from the device up to its host bridge (commit.c), and the refcounted
 * handle the vendor driver holds, which is what this file is about.
 *
 * Any failure of a request unwinds what was done.  A range is given back
 * only once every decoder that decoded it reads back reset; a decoder
 * that cannot be reset keeps the range claimed (reported), so that
 * nothing else is ever placed where hardware still decodes.  A region
 * whose decoders cannot be reset yet when it is released is parked
 * (park.c).
 *
 * Locking: a device's DPA reservations and regions are under its
 * cxl_accel_dev lock; the CXL core's port locks (core.c) are taken inside
 * it while decoders are programmed or reset.
 *
 * The exported calls are documented in include/cxl_accel.h.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include <cxl_accel.h>

#include "cxl_accel_trace.h"
#include "fault.h"
#include "internal.h"
#include "spec/interleave.h"

/* live objects, for the leak checks of the tests (debugfs "stats") */
atomic_t cxl_accel_nr_regions = ATOMIC_INIT(0);
atomic_t cxl_accel_nr_maps = ATOMIC_INIT(0);

/* The interleave granularity to program for a 1-way region of @w. */
static unsigned int region_granularity(const struct cxl_spec_cfmws *w)
{
	u8 eig;

	return cxl_spec_granularity_to_eig(w->granularity, &eig) ? 256 :
								     w->granularity;
}

/* A new region joins its device; with the device's lock held. */
void cxl_accel_region_publish(struct cxl_accel_region *r)
{
	lockdep_assert_held(&r->cxlad->lock);
	r->dpa->region = r;
	cxl_accel_dev_get(r->cxlad);
	list_add_tail(&r->node, &r->cxlad->regions);
	atomic_inc(&cxl_accel_nr_regions);
	cxl_accel_sysfs_add_region(r);
}

/* With the device's lock held; the device outlives it (callers hold a reference). */
static void region_free(struct cxl_accel_region *r)
{
	struct cxl_accel_dev *cxlad = r->cxlad;

	lockdep_assert_held(&cxlad->lock);
	cxl_accel_sysfs_remove_region(r);
	cxl_accel_suspend_unblock(r);
	cxl_accel_dpa_free_locked(r->dpa);
	kfree(r->dpa);
	/* the reservation's reference and the region's */
	cxl_accel_dev_put(cxlad);
	cxl_accel_dev_put(cxlad);
	atomic_dec(&cxl_accel_nr_regions);
	mutex_destroy(&r->maps_lock);
	kfree(r);
}

/*
 * A private region on @dpa, with HPA aligned to @align and region flags
 * @rf (CXL_ACCEL_RF_*): the exported cxl_accel_create_region() of each
 * API version checks its arguments and calls this.
 *
 * Finds host address space in a CXL window that targets the device's
 * host bridge and allows device-coherent volatile memory, claims it
 * (window.c), invalidates CPU caches for it and commits the path
 * (commit.c).  On failure @dpa is still the caller's.
 */
struct cxl_accel_region *cxl_accel_region_create(struct cxl_accel_dpa *dpa,
						 resource_size_t align,
						 unsigned long rf)
{
	struct cxl_accel_core_view *v = NULL;
	struct cxl_accel_space space = { };
	struct cxl_accel_region *r;
	struct cxl_accel_dpa *first;
	struct cxl_accel_dev *cxlad;
	enum cxl_lib_memtype mt;
	struct pci_dev *pdev;
	unsigned int n, i;
	u64 floor;
	int rc;

	cxlad = dpa->cxlad;
	pdev = cxlad->pdev;
	if (!is_power_of_2(align) || align < SZ_256M) {
		cxl_accel_err(pdev, "region alignment %#llx: must be a power of two of at least 256 MiB\n",
			      (u64)align);
		return ERR_PTR(-EINVAL);
	}
	if (!pci_is_enabled(pdev)) {
		cxl_accel_err(pdev, "no region for a device that is not enabled: was its driver unbound?\n");
		return ERR_PTR(-ENODEV);
	}
	rc = cxl_accel_memtype_check(cxlad, dpa->base, dpa->size, &mt);
	if (rc)
		return ERR_PTR(rc);
	rc = cxl_accel_mem_wait_active(cxlad);
	if (rc)
		return ERR_PTR(rc);
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (!r || !v) {
		rc = -ENOMEM;
		goto err_free;
	}

	mutex_lock(&cxlad->lock);
	if (READ_ONCE(cxlad->resetting)) {
		cxl_accel_err(pdev, "no region while a reset of the device is under way\n");
		rc = -EBUSY;
		goto err_unlock;
	}
	rc = -EINVAL;
	list_for_each_entry(first, &cxlad->dpas, node)
		if (!first->region)
			break;
	if (list_entry_is_head(first, &cxlad->dpas, node) || first != dpa ||
	    cxl_accel_hdm_committed(&cxlad->hdm, &n) || n != dpa->decoder) {
		cxl_accel_err(pdev, "DPA reservation for decoder %u is not the next to commit\n",
			      dpa->decoder);
		goto err_unlock;
	}
	rc = cxl_accel_invalidate_caches(pdev, 0, 0, true);
	if (!rc)
		rc = cxl_accel_check_dvsec_decoding(cxlad);
	if (rc)
		goto err_unlock;
	rc = cxl_accel_core_lock(cxlad, v, false);
	if (rc)
		goto err_unlock;
	for (i = 0; i < cxlad->path.nr; i++) {
		rc = cxl_accel_core_may_program(cxlad, v, i);
		if (rc)
			goto err_core;
	}
	rc = cxl_accel_hpa_floor(cxlad, &floor);
	if (rc)
		goto err_core;
	/*
	 * The CXL core's regions are not busy, so free space cannot see
	 * them; a claim that lands in one tells where it is, and the search
	 * goes again without it.
	 */
	do {
		rc = cxl_accel_window_space(pdev, cxlad->path.hop[cxlad->path.nr - 1].uid,
					    dpa->size, align, floor,
					    rf & CXL_ACCEL_RF_LARGEST,
					    &space);
		if (rc)
			break;
		rc = cxl_accel_claim(pdev, v, &space.window, space.start,
				     dpa->size, false, &r->res,
				     &space.avoid[space.nr_avoid]);
	} while (rc == -EAGAIN && ++space.nr_avoid < CXL_ACCEL_MAX_AVOID);
	if (rc == -EAGAIN) {
		cxl_accel_err(pdev, "no usable CXL window: %u ranges of the CXL core's regions in the way\n",
			      space.nr_avoid);
		rc = -ENOSPC;
	}
	/* the memory map of the window refused, or of the range claimed */
	if (rc == -EBUSY)
		cxl_accel_memtype_fw_overlap(cxlad, mt, &space.overlap);
	else if (!rc)
		cxl_accel_memtype_fw_range(cxlad, mt, space.start, dpa->size);
	if (rc)
		goto err_core;

	kref_init(&r->kref);
	INIT_LIST_HEAD(&r->maps);
	mutex_init(&r->maps_lock);
	r->cxlad = cxlad;
	r->dpa = dpa;
	r->window = space.window;
	r->hpa = space.start;
	r->size = dpa->size;
	r->granularity = region_granularity(&space.window);
	r->lock = rf & CXL_ACCEL_RF_LOCK;
	r->keep = r->lock || rf & CXL_ACCEL_RF_KEEP;
	for (i = 0; i < CXL_ACCEL_MAX_HOPS; i++)
		r->hop_decoder[i] = -1;
	cxl_accel_sysfs_name_region(r);

	rc = cxl_accel_path_commit(r, v);
	if (!rc) {
		rc = cxl_accel_enable_device(cxlad);
		/* nothing has used the range yet: drop what was cached before */
		if (!rc)
			rc = cxl_accel_invalidate_caches(pdev, r->hpa, r->size, false);
		if (!rc) {
			rc = cxl_accel_fault(CXL_ACCEL_FAULT_PUBLISH);
			if (rc)
				cxl_accel_err(pdev, "region [%#llx-%#llx] cannot be published (%d)\n",
					      r->hpa, r->hpa + r->size - 1, rc);
		}
		if (rc)
			cxl_accel_path_uncommit(r, v, cxlad->path.nr);
	}
	if (rc)
		goto err_unclaim;

	cxl_accel_region_publish(r);
	cxl_accel_suspend_block(r);
	/*
	 * Listed for the bus notifiers before the port locks go: a port of
	 * the path removed from now on finds the region and revokes it.
	 */
	cxl_accel_registry_add(r);
	cxl_accel_core_unlock(v);
	mutex_unlock(&cxlad->lock);
	kfree(v);
	/* a port removed from here on must still reach the driver */
	cxl_accel_fault_pause(CXL_ACCEL_PAUSE_RETURNED);
	pci_info(pdev, "region [%#llx-%#llx] (DPA %#llx, decoder %u) in CXL window %#llx%s\n",
		 r->hpa, r->hpa + r->size - 1, dpa->base, dpa->decoder,
		 space.window.base, r->lock ? ", locked" : r->keep ? ", kept" : "");
	trace_cxl_accel_region_request(pdev, r->name, r->hpa, r->size,
				       "programmed", 0);
	return r;

err_unclaim:
	/*
	 * The range goes back only if no decoder decodes it any more: one
	 * that could not be reset (Lock On Commit, a component that stopped
	 * answering) keeps it claimed, as a kept claim, so that nothing else
	 * is ever placed there.
	 */
	if (cxl_accel_region_decodes(r)) {
		cxl_accel_err(pdev, "request failed with decoders of [%#llx-%#llx] left committed: the range stays claimed\n",
			      r->hpa, r->hpa + r->size - 1);
		cxl_accel_claim_keep(r->res);
	} else {
		cxl_accel_unclaim(r->res);
	}
err_core:
	cxl_accel_core_unlock(v);
err_unlock:
	mutex_unlock(&cxlad->lock);
err_free:
	trace_cxl_accel_region_request(pdev, "(none)", r ? r->hpa : 0,
				       dpa->size, "programmed", rc);
	if (r)
		cxl_accel_sysfs_unname_region(r);
	kfree(v);
	kfree(r);
	return ERR_PTR(rc);
}

/*
 * cxl_accel_dpa_request() then cxl_accel_region_create(), the reservation
 * given back on failure: cxl_accel_region_request() of each API version.
 */
struct cxl_accel_region *cxl_accel_region_new(struct cxl_accel_dev *cxlad,
					      resource_size_t size,
					      resource_size_t align,
					      unsigned long rf)
{
	u64 t0 = ktime_get_ns(), w0 = atomic64_read(&cxl_accel_wait_ns);
	u64 a0 = atomic64_read(&cxl_accel_reg_accesses);
	struct cxl_accel_region *r;
	struct cxl_accel_dpa *dpa;

	/*
	 * Between the reservation and the region, another call's reservation
	 * would take the next decoder: if this create then failed, its
	 * reservation, no longer the last, could not be given back, and every
	 * later create on the device would fail as not the next to commit.
	 */
	mutex_lock(&cxlad->request_lock);
	dpa = cxl_accel_dpa_request(cxlad, size);
	if (IS_ERR(dpa)) {
		r = ERR_CAST(dpa);
	} else {
		r = cxl_accel_region_create(dpa, align, rf);
		if (IS_ERR(r))
			cxl_accel_dpa_free(dpa);
	}
	mutex_unlock(&cxlad->request_lock);
	if (!IS_ERR(r)) {
		r->setup_ns = ktime_get_ns() - t0;
		r->setup_wait_ns = atomic64_read(&cxl_accel_wait_ns) - w0;
		r->setup_accesses = atomic64_read(&cxl_accel_reg_accesses) - a0;
	}
	return r;
}

/*
 * Tear a region down if it can be; with the device's lock held.
 * Return: true if it is gone (and freed).
 */
bool cxl_accel_region_teardown(struct cxl_accel_region *r)
{
	struct cxl_accel_dev *cxlad = r->cxlad;
	struct cxl_accel_core_view *v;
	bool done = false;

	lockdep_assert_held(&cxlad->lock);
	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (!v)
		return false;
	if (!cxl_accel_core_lock(cxlad, v, true)) {
		done = cxl_accel_region_uncommit(r, v);
		cxl_accel_core_unlock(v);
	}
	kfree(v);
	if (!done)
		return false;
	cxl_accel_unclaim(r->res);
	list_del(&r->node);
	pci_info(cxlad->pdev, "region [%#llx-%#llx] released\n", r->hpa,
		 r->hpa + r->size - 1);
	trace_cxl_accel_region_state(cxlad->pdev, r->name, r->hpa, r->size,
				     "released");
	region_free(r);
	return true;
}

/*
 * Let a kept or adopted region go without touching its decoders: they
 * stay committed and its range claimed (the claim stays linked in iomem,
 * see cxl_accel_claim()), for the next load to adopt.  With the device's
 * lock held.
 */
static void region_keep(struct cxl_accel_region *r)
{
	lockdep_assert_held(&r->cxlad->lock);
	list_del(&r->node);
	cxl_accel_claim_keep(r->res);
	pci_info(r->cxlad->pdev, "region [%#llx-%#llx] released; decoder %u stays committed%s and the range claimed, for the next load to adopt\n",
		 r->hpa, r->hpa + r->size - 1, r->dpa->decoder,
		 r->lock ? " and locked" : "");
	trace_cxl_accel_region_state(r->cxlad->pdev, r->name, r->hpa, r->size,
				     "kept");
	region_free(r);
}

static void cxl_accel_region_release(struct kref *kref)
{
	struct cxl_accel_region *r = container_of(kref, struct cxl_accel_region,
						  kref);
	struct cxl_accel_dev *cxlad = cxl_accel_dev_get(r->cxlad);
	struct cxl_accel_map *m, *tmp;

	/* a port removed now must not revoke what nobody holds any more */
	cxl_accel_fault_pause(CXL_ACCEL_PAUSE_RELEASED);
	cxl_accel_registry_del(r);
	mutex_lock(&cxlad->lock);
	mutex_lock(&r->maps_lock);
	list_for_each_entry_safe(m, tmp, &r->maps, node) {
		pci_warn(cxlad->pdev, "region [%#llx-%#llx] released while still mapped\n",
			 r->hpa, r->hpa + r->size - 1);
		memunmap(m->addr);
		list_del(&m->node);
		kfree(m);
		atomic_dec(&cxl_accel_nr_maps);
	}
	mutex_unlock(&r->maps_lock);
	if (r->keep) {
		region_keep(r);
		mutex_unlock(&cxlad->lock);
		cxl_accel_dev_put(cxlad);
		return;
	}
	if (cxl_accel_region_teardown(r)) {
		mutex_unlock(&cxlad->lock);
		cxl_accel_dev_put(cxlad);
		/* a lower region may have waited for this one */
		cxl_accel_region_retry_parked();
		return;
	}
	/*
	 * Its decoders are not the top of a port (the core, or another
	 * region, committed above them) or the core has endpoints below a
	 * port it shares: parked until they can be reset.
	 */
	list_del(&r->node);
	mutex_unlock(&cxlad->lock);
	cxl_accel_region_park(r);
	cxl_accel_dev_put(cxlad);
}

struct cxl_accel_region *cxl_accel_region_get(struct cxl_accel_region *r)
{
	if (!IS_ERR_OR_NULL(r))
		kref_get(&r->kref);
	return r;
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_get, CXL_ACCEL_NS);

void cxl_accel_region_put(struct cxl_accel_region *r)
{
	if (!IS_ERR_OR_NULL(r))
		kref_put(&r->kref, cxl_accel_region_release);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_put, CXL_ACCEL_NS);

static void devm_region_put(void *r)
{
	/* its notifier may use what the driver frees next: wait for it */
	cxl_accel_registry_quiesce(r);
	cxl_accel_region_put(r);
}

/* The region @r (or the error) goes with @dev: dropped when it unbinds. */
struct cxl_accel_region *cxl_accel_devm_region(struct device *dev,
					       struct cxl_accel_region *r)
{
	int rc;

	if (IS_ERR(r))
		return r;
	rc = devm_add_action_or_reset(dev, devm_region_put, r);
	return rc ? ERR_PTR(rc) : r;
}

/*
 * What the range getters fill in for a NULL region: an empty range,
 * range_len() 0.
 */
static const struct range no_range = { .start = 0, .end = U64_MAX };

void cxl_accel_region_range(const struct cxl_accel_region *r,
			    struct range *hpa)
{
	if (!r) {
		pr_err("%s() called with a NULL region\n", __func__);
		*hpa = no_range;
		return;
	}
	*hpa = (struct range) { .start = r->hpa, .end = r->hpa + r->size - 1 };
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_range, CXL_ACCEL_NS);

void cxl_accel_region_dpa(const struct cxl_accel_region *r, struct range *dpa)
{
	if (!r) {
		pr_err("%s() called with a NULL region\n", __func__);
		*dpa = no_range;
		return;
	}
	*dpa = (struct range) {
		.start = r->dpa->base, .end = r->dpa->base + r->size - 1,
	};
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_dpa, CXL_ACCEL_NS);

/*
 * memremap() a region, write-back or write-combining: the exported
 * cxl_accel_region_map() of each API version checks its flags and calls
 * this.
 */
void *cxl_accel_map(struct cxl_accel_region *r, bool wc)
{
	struct cxl_accel_dev *cxlad = r->cxlad;
	struct cxl_accel_map *m;
	void *addr = ERR_PTR(-ENXIO);

	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return ERR_PTR(-ENOMEM);
	mutex_lock(&r->maps_lock);
	if (!test_bit(CXL_ACCEL_REGION_REVOKED, &r->state)) {
		addr = memremap(r->hpa, r->size, wc ? MEMREMAP_WC : MEMREMAP_WB);
		if (!addr)
			addr = ERR_PTR(-ENOMEM);
	}
	if (!IS_ERR(addr)) {
		m->addr = addr;
		list_add(&m->node, &r->maps);
		atomic_inc(&cxl_accel_nr_maps);
	}
	mutex_unlock(&r->maps_lock);
	if (IS_ERR(addr)) {
		cxl_accel_err(cxlad->pdev, "cannot map region [%#llx-%#llx]%s\n", r->hpa,
			      r->hpa + r->size - 1,
			      PTR_ERR(addr) == -ENXIO ? ": it was revoked" : "");
		kfree(m);
	}
	return addr;
}

void cxl_accel_region_unmap(struct cxl_accel_region *r, void *addr)
{
	struct cxl_accel_dev *cxlad;
	struct cxl_accel_map *m;
	bool found = false;

	if (!r) {
		pr_err("%s() called with a NULL region\n", __func__);
		return;
	}
	cxlad = r->cxlad;
	mutex_lock(&r->maps_lock);
	list_for_each_entry(m, &r->maps, node) {
		if (m->addr == addr) {
			memunmap(addr);
			list_del(&m->node);
			kfree(m);
			atomic_dec(&cxl_accel_nr_maps);
			found = true;
			break;
		}
	}
	mutex_unlock(&r->maps_lock);
	if (!found)
		cxl_accel_err(cxlad->pdev, "unmap: %p is not a mapping of region [%#llx-%#llx]\n",
			      addr, r->hpa, r->hpa + r->size - 1);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_unmap, CXL_ACCEL_NS);

