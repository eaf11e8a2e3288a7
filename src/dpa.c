// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device memory reservations (DPA): which endpoint decoder and which part
 * of the device's memory the next region gets, and the lowest host
 * address the next decoders may decode.  Endpoint decoders map DPA, and
 * every decoder HPA, in decoder order (CXL 3.1 8.2.4.20), so both follow
 * from what is committed and what is reserved.
 *
 * Locking: a device's reservations are under its cxl_accel_dev lock.
 *
 * The exported calls are documented in include/cxl_accel.h.
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

int cxl_accel_set_capacity(struct cxl_accel_dev *cxlad, u64 capacity)
{
	int rc = 0;

	if (!cxlad) {
		pr_err("%s() called with a NULL handle\n", __func__);
		return -EINVAL;
	}
	if (!IS_ALIGNED(capacity, CXL_SPEC_HDM_GRANULE)) {
		cxl_accel_err(cxlad->pdev, "capacity %#llx is not a multiple of 256 MiB\n",
			      capacity);
		return -EINVAL;
	}
	mutex_lock(&cxlad->lock);
	if (!list_empty(&cxlad->dpas)) {
		cxl_accel_err(cxlad->pdev, "capacity cannot change while DPA is reserved\n");
		rc = -EBUSY;
	} else {
		cxlad->capacity = capacity;
	}
	mutex_unlock(&cxlad->lock);
	return rc;
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_set_capacity, CXL_ACCEL_NS);

/*
 * The most a region with region flags @rf could get: the largest free,
 * 256 MiB aligned extent of a window the device can use.  The exported
 * cxl_accel_get_hpa_freespace() of each API version checks its arguments
 * and calls this.
 */
int cxl_accel_hpa_freespace(struct cxl_accel_dev *cxlad, unsigned long rf,
			    resource_size_t *max)
{
	const struct cxl_accel_hop *hb;
	struct cxl_accel_space space = { };
	u64 floor;
	int rc;

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
		cxl_accel_err(cxlad->pdev, "cannot read which endpoint decoders are committed (%d)\n",
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

/*
 * Reserve the next endpoint decoder and @size bytes of the device's
 * memory above everything in use (endpoint decoders map DPA in decoder
 * order, any gap being the next decoder's DPA Skip); the exported
 * cxl_accel_request_dpa() of each API version calls this.
 */
struct cxl_accel_dpa *cxl_accel_dpa_request(struct cxl_accel_dev *cxlad,
					    resource_size_t size)
{
	struct cxl_accel_dpa *dpa;
	unsigned int decoder;
	u64 used_end, base, skip;
	int rc;

	if (!pci_is_enabled(cxlad->pdev)) {
		cxl_accel_err(cxlad->pdev, "no DPA for a device that is not enabled: was its driver unbound?\n");
		return ERR_PTR(-ENODEV);
	}
	if (!size || !IS_ALIGNED(size, CXL_SPEC_HDM_GRANULE)) {
		cxl_accel_err(cxlad->pdev, "region size %#llx is not a multiple of 256 MiB\n",
			      (u64)size);
		return ERR_PTR(-EINVAL);
	}
	dpa = kzalloc(sizeof(*dpa), GFP_KERNEL);
	if (!dpa)
		return ERR_PTR(-ENOMEM);
	mutex_lock(&cxlad->lock);
	if (READ_ONCE(cxlad->resetting)) {
		cxl_accel_err(cxlad->pdev, "no device memory reserved while a reset of the device is under way\n");
		rc = -EBUSY;
		goto out;
	}
	rc = dpa_next(cxlad, &decoder, &used_end);
	if (rc)
		goto out;
	if (decoder >= cxlad->hdm.count) {
		cxl_accel_err(cxlad->pdev, "all %u endpoint decoders are in use\n",
			      cxlad->hdm.count);
		rc = -ENOSPC;
		goto out;
	}
	rc = cxl_lib_dpa_next(cxlad->capacity, used_end, size,
			      CXL_SPEC_HDM_GRANULE, &base, &skip);
	if (rc) {
		cxl_accel_err(cxlad->pdev, "device memory: %#llx bytes wanted, %#llx of %#llx in use\n",
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

void cxl_accel_dpa_free_locked(struct cxl_accel_dpa *dpa)
{
	lockdep_assert_held(&dpa->cxlad->lock);
	list_del(&dpa->node);
	atomic_dec(&cxl_accel_nr_dpas);
}

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
		cxl_accel_err(cxlad->pdev, "DPA [%#llx-%#llx] is in use or not the last reservation\n",
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
