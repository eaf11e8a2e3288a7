// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device memory reservations (DPA): which endpoint decoder and which part
 * of the device's memory the next region gets, and the lowest host
 * address the next decoders may decode.  Endpoint decoders map DPA, and
 * every decoder HPA, in decoder order (CXL 3.1 8.2.4.20), so both follow
 * from what is committed and what is reserved.
 *
 * Locking: a device's reservations are under its cxl_accel_dev lock.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/pci.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include <cxl_accel.h>

#include "fault.h"
#include "internal.h"
#include "lib/freespace.h"

/* live reservations, for the leak checks of the tests (debugfs "stats") */
atomic_t cxl_accel_nr_dpas = ATOMIC_INIT(0);

/* Decoders 0..n-1 committed: n. */
int cxl_accel_hdm_committed(const struct cxl_spec_hdm *hdm, unsigned int *n)
{
	struct cxl_spec_hdm_decoder dec;
	unsigned int i;
	int rc;

	for (i = 0; i < hdm->count; i++) {
		rc = cxl_spec_hdm_decoder_read(hdm, i, &dec);
		if (rc)
			return rc;
		if (!dec.committed)
			break;
	}
	*n = i;
	return 0;
}

/* The end of the HPA the top committed decoder decodes, or 0. */
static int committed_hpa_end(const struct cxl_spec_hdm *hdm, u64 *end)
{
	struct cxl_spec_hdm_decoder dec;
	unsigned int n;
	int rc;

	*end = 0;
	rc = cxl_accel_hdm_committed(hdm, &n);
	if (rc || !n)
		return rc;
	rc = cxl_spec_hdm_decoder_read(hdm, n - 1, &dec);
	if (!rc)
		*end = dec.base + dec.size;
	return rc;
}

/*
 * The lowest HPA the new decoders may decode: above whatever each of
 * them has committed below it (decoders commit in HPA order).
 */
int cxl_accel_hpa_floor(struct cxl_accel_dev *cxlad, u64 *floor)
{
	u64 end;
	int i, rc;

	rc = committed_hpa_end(&cxlad->hdm, floor);
	for (i = 0; !rc && i < cxlad->path.nr; i++) {
		if (!cxlad->path.hop[i].has_hdm)
			continue;
		rc = committed_hpa_end(&cxlad->path.hop[i].hdm, &end);
		*floor = max(*floor, end);
	}
	return rc;
}

/**
 * cxl_accel_set_capacity() - tell cxl_accel how much memory the device has
 * @cxlad: the device
 * @capacity: bytes, a multiple of 256 MiB
 *
 * For devices whose DVSEC ranges do not describe their memory (the driver
 * knows better); otherwise the capacity comes from the ranges whose
 * Memory_Info_Valid is set.
 *
 * Context: process context, may sleep.
 * Return: 0, -EINVAL if @cxlad is NULL or @capacity is not a multiple of
 * 256 MiB, -EBUSY if DPA is already reserved.
 */
int cxl_accel_set_capacity(struct cxl_accel_dev *cxlad, u64 capacity)
{
	int rc = 0;

	if (!cxlad) {
		pr_err("%s() called with a NULL handle\n", __func__);
		return -EINVAL;
	}
	if (!IS_ALIGNED(capacity, CXL_SPEC_HDM_GRANULE)) {
		pci_err(cxlad->pdev, "capacity %#llx is not a multiple of 256 MiB\n",
			capacity);
		return -EINVAL;
	}
	mutex_lock(&cxlad->lock);
	if (!list_empty(&cxlad->dpas)) {
		pci_err(cxlad->pdev, "capacity cannot change while DPA is reserved\n");
		rc = -EBUSY;
	} else {
		cxlad->capacity = capacity;
	}
	mutex_unlock(&cxlad->lock);
	return rc;
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_set_capacity, CXL_ACCEL_NS);

/**
 * cxl_accel_get_hpa_freespace() - the largest region the device could get
 * @cxlad: the device
 * @flags: CXL_ACCEL_REGION_* flags the region would be created with
 * @max: bytes of the largest free, 256 MiB aligned extent in a window
 *	usable by this device
 *
 * Like the upstream proposal's cxl_get_hpa_freespace(): it looks at every
 * window the device could use (see cxl_accel_create_region()) and reports
 * the most it could get.  Nothing is reserved.
 *
 * Context: process context, may sleep.
 * Return: 0, -EINVAL if @cxlad or @max is NULL or @flags has a bit no
 * CXL_ACCEL_REGION_* flag defines, -EOPNOTSUPP without
 * CXL_ACCEL_REGION_VOLATILE, or the error cxl_accel_create_region()
 * would fail with for lack of a window (-ENODEV, -EOPNOTSUPP, -EBUSY,
 * -ENOSPC).
 */
int cxl_accel_get_hpa_freespace(struct cxl_accel_dev *cxlad,
				unsigned long flags, resource_size_t *max)
{
	const struct cxl_accel_hop *hb;
	struct cxl_accel_space space = { };
	u64 floor;
	int rc;

	if (!cxlad || !max) {
		pr_err("%s() called with a NULL %s\n", __func__,
		       cxlad ? "max" : "handle");
		return -EINVAL;
	}
	if (flags & ~(CXL_ACCEL_REGION_VOLATILE | CXL_ACCEL_REGION_LARGEST |
		      CXL_ACCEL_REGION_KEEP | CXL_ACCEL_REGION_LOCK)) {
		pci_err(cxlad->pdev, "free space: unknown region flags %#lx\n",
			flags);
		return -EINVAL;
	}
	if (!(flags & CXL_ACCEL_REGION_VOLATILE))
		return -EOPNOTSUPP;
	hb = &cxlad->path.hop[cxlad->path.nr - 1];
	mutex_lock(&cxlad->lock);
	rc = cxl_accel_hpa_floor(cxlad, &floor);
	if (!rc)
		rc = cxl_accel_window_space(cxlad->pdev, hb->uid, 0, SZ_256M,
					    floor, true, &space);
	mutex_unlock(&cxlad->lock);
	if (!rc)
		*max = space.avail;
	return rc;
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_get_hpa_freespace, CXL_ACCEL_NS);

/*
 * Where the device's next DPA reservation starts, and its decoder: above
 * every committed decoder (this load's, one an earlier load kept, or
 * firmware's, adopted or not) and every reservation.
 */
static int dpa_next(struct cxl_accel_dev *cxlad, unsigned int *decoder,
		    u64 *used_end)
{
	struct cxl_accel_dpa *last;
	u64 base, size;
	unsigned int n;
	int rc;

	rc = cxl_accel_fault(CXL_ACCEL_FAULT_DPA) ?: cxl_accel_hdm_committed(&cxlad->hdm, &n);
	if (rc) {
		pci_err(cxlad->pdev, "cannot read which endpoint decoders are committed (%d)\n",
			rc);
		return rc;
	}
	*decoder = n;
	*used_end = 0;
	if (n) {
		rc = cxl_spec_hdm_dpa_range(&cxlad->hdm, n - 1, &cxlad->env,
					    &base, &size);
		if (rc)
			return rc;
		*used_end = base + size;
	}
	if (!list_empty(&cxlad->dpas)) {
		last = list_last_entry(&cxlad->dpas, struct cxl_accel_dpa, node);
		*decoder = max(*decoder, last->decoder + 1);
		*used_end = max(*used_end, last->base + last->size);
	}
	return 0;
}

/* A reservation joins its device's list, in decoder order; with its lock. */
void cxl_accel_dpa_insert(struct cxl_accel_dpa *dpa)
{
	struct cxl_accel_dev *cxlad = dpa->cxlad;
	struct cxl_accel_dpa *d;

	lockdep_assert_held(&cxlad->lock);
	list_for_each_entry(d, &cxlad->dpas, node)
		if (d->decoder > dpa->decoder)
			break;
	/* before @d, or at the end if no reservation is above */
	list_add_tail(&dpa->node, &d->node);
	atomic_inc(&cxl_accel_nr_dpas);
}

/**
 * cxl_accel_request_dpa() - reserve device memory for a region
 * @cxlad: the device
 * @size: bytes, a multiple of 256 MiB
 *
 * Like the upstream proposal's cxl_request_dpa(): reserves the next
 * endpoint decoder and @size bytes of the device's memory above
 * everything in use (endpoint decoders map DPA in decoder order, any gap
 * being the next decoder's DPA Skip).  Pass it to cxl_accel_create_region()
 * or give it back with cxl_accel_dpa_free().
 *
 * Context: process context, may sleep.
 * Return: the reservation; ERR_PTR(-EINVAL) for a NULL @cxlad or a bad
 * size, -ENODEV if the device is no longer enabled (its driver unbound),
 * -ENOSPC if the device has no free decoder or not enough memory left,
 * -ENOMEM.
 */
struct cxl_accel_dpa *cxl_accel_request_dpa(struct cxl_accel_dev *cxlad,
					    resource_size_t size)
{
	struct cxl_accel_dpa *dpa;
	unsigned int decoder;
	u64 used_end, base, skip;
	int rc;

	if (!cxlad) {
		pr_err("%s() called with a NULL handle\n", __func__);
		return ERR_PTR(-EINVAL);
	}
	if (!pci_is_enabled(cxlad->pdev)) {
		pci_err(cxlad->pdev, "no DPA for a device that is not enabled: was its driver unbound?\n");
		return ERR_PTR(-ENODEV);
	}
	if (!size || !IS_ALIGNED(size, CXL_SPEC_HDM_GRANULE)) {
		pci_err(cxlad->pdev, "region size %#llx is not a multiple of 256 MiB\n",
			(u64)size);
		return ERR_PTR(-EINVAL);
	}
	dpa = kzalloc(sizeof(*dpa), GFP_KERNEL);
	if (!dpa)
		return ERR_PTR(-ENOMEM);
	mutex_lock(&cxlad->lock);
	rc = dpa_next(cxlad, &decoder, &used_end);
	if (rc)
		goto out;
	if (decoder >= cxlad->hdm.count) {
		pci_err(cxlad->pdev, "all %u endpoint decoders are in use\n",
			cxlad->hdm.count);
		rc = -ENOSPC;
		goto out;
	}
	rc = cxl_lib_dpa_next(cxlad->capacity, used_end, size,
			      CXL_SPEC_HDM_GRANULE, &base, &skip);
	if (rc) {
		pci_err(cxlad->pdev, "device memory: %#llx bytes wanted, %#llx of %#llx in use\n",
			(u64)size, used_end, cxlad->capacity);
		rc = -ENOSPC;
		goto out;
	}
	dpa->cxlad = cxl_accel_dev_get(cxlad);
	dpa->decoder = decoder;
	dpa->base = base;
	dpa->skip = skip;
	dpa->size = size;
	cxl_accel_dpa_insert(dpa);
out:
	mutex_unlock(&cxlad->lock);
	if (rc) {
		kfree(dpa);
		return ERR_PTR(rc);
	}
	return dpa;
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_request_dpa, CXL_ACCEL_NS);

void cxl_accel_dpa_free_locked(struct cxl_accel_dpa *dpa)
{
	lockdep_assert_held(&dpa->cxlad->lock);
	list_del(&dpa->node);
	atomic_dec(&cxl_accel_nr_dpas);
}

/**
 * cxl_accel_dpa_free() - give back a DPA reservation no region uses
 * @dpa: from cxl_accel_request_dpa(); NULL or an error pointer is ignored
 *
 * Only the device's last reservation can be given back while others
 * remain: endpoint decoders map DPA in order.
 *
 * Context: process context, may sleep.
 * Return: 0, -EBUSY if a region uses it or a later reservation exists.
 */
int cxl_accel_dpa_free(struct cxl_accel_dpa *dpa)
{
	struct cxl_accel_dev *cxlad;
	int rc = 0;

	if (IS_ERR_OR_NULL(dpa))
		return 0;
	cxlad = dpa->cxlad;
	mutex_lock(&cxlad->lock);
	if (dpa->region ||
	    !list_is_last(&dpa->node, &cxlad->dpas)) {
		pci_err(cxlad->pdev, "DPA [%#llx-%#llx] is in use or not the last reservation\n",
			dpa->base, dpa->base + dpa->size - 1);
		rc = -EBUSY;
	} else {
		cxl_accel_dpa_free_locked(dpa);
	}
	mutex_unlock(&cxlad->lock);
	if (!rc) {
		cxl_accel_dev_put(cxlad);
		kfree(dpa);
	}
	return rc;
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_dpa_free, CXL_ACCEL_NS);
