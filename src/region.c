// SPDX-License-Identifier: GPL-2.0-only
/*
 * Private regions: device memory reserved (DPA), host address space taken
 * from a CXL window (HPA), the decoders programmed from the device up to
 * its host bridge, and a refcounted handle for the vendor driver.
 *
 * Order of work, as the spec and the kernel's own region commit want it:
 * claim the HPA, commit the endpoint's decoder and then each port's on
 * the way up, and invalidate CPU caches for the range before anything
 * uses it (no line cached from before the decode may survive).  Release
 * invalidates first, while the range still decodes, so that dirty lines
 * reach the device, then resets the decoders from the host bridge down
 * and gives the HPA back.  Any failure unwinds what was done.  A range is
 * given back only once every decoder that decoded it reads back reset;
 * a decoder that cannot be reset keeps the range claimed (reported), so
 * that nothing else is ever placed where hardware still decodes.
 *
 * Locking: a device's DPA reservations and regions are under its
 * cxl_accel_dev lock; the CXL core's port locks (core.c) are taken inside
 * it while decoders are programmed or reset.  Regions that cannot be
 * released yet (see core.c) wait on the parked list, under parked_lock,
 * and hold a module reference so that cxl_accel cannot be unloaded.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpufeature.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/memregion.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include <cxl_accel.h>

#include "compat/compat.h"
#include "internal.h"
#include "lib/freespace.h"
#include "spec/interleave.h"

#ifdef CXL_ACCEL_HAVE_MEMREGION_INVALIDATE
MODULE_IMPORT_NS(CXL_ACCEL_NS_DEVMEM);
#endif

static LIST_HEAD(parked);
static DEFINE_MUTEX(parked_lock);
static void unpark_work_fn(struct work_struct *work);
static DECLARE_WORK(unpark_work, unpark_work_fn);

/* live objects, for the leak checks of the tests (debugfs "stats") */
atomic_t cxl_accel_nr_regions = ATOMIC_INIT(0);
atomic_t cxl_accel_nr_dpas = ATOMIC_INIT(0);
atomic_t cxl_accel_nr_maps = ATOMIC_INIT(0);

/*
 * Drop stale CPU cache lines for a range whose decode changes, as the CXL
 * core does around its own region commit and reset.
 */
static int invalidate_caches(struct pci_dev *pdev, u64 start, u64 size,
			     bool check_only)
{
	if (!check_only)
		pci_dbg(pdev, "invalidating CPU caches for [%#llx-%#llx]\n",
			start, start + size - 1);
#if defined(CXL_ACCEL_HAVE_MEMREGION_INVALIDATE_RANGE)
	if (!cpu_cache_has_invalidate_memregion())
		goto cannot;
	return check_only ? 0 : cpu_cache_invalidate_memregion(start, size);
#elif defined(CXL_ACCEL_HAVE_MEMREGION_INVALIDATE_DESC)
	if (!cpu_cache_has_invalidate_memregion())
		goto cannot;
	return check_only ? 0 : cpu_cache_invalidate_memregion(IORES_DESC_CXL);
#elif defined(CXL_ACCEL_HAVE_WBINVD_ON_ALL_CPUS)
	/*
	 * 6.1 has no cpu_cache_invalidate_memregion(); later kernels do this
	 * on x86, and refuse under a hypervisor, which may not honour it.
	 */
	if (boot_cpu_has(X86_FEATURE_HYPERVISOR))
		goto cannot;
	if (!check_only)
		wbinvd_on_all_cpus();
	return 0;
#else
	goto cannot;
#endif
cannot:
	pci_err(pdev, "this platform cannot invalidate CPU caches for a new CXL decode (running under a hypervisor?)\n");
	return -ENXIO;
}

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

static int hpa_floor(struct cxl_accel_dev *cxlad, u64 *floor);

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
 * Return: 0, -EINVAL if @capacity is not a multiple of 256 MiB, -EBUSY if
 * DPA is already reserved.
 */
int cxl_accel_set_capacity(struct cxl_accel_dev *cxlad, u64 capacity)
{
	int rc = 0;

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
 * Return: 0, or the error cxl_accel_create_region() would fail with for
 * lack of a window (-ENODEV, -EOPNOTSUPP, -EBUSY, -ENOSPC).
 */
int cxl_accel_get_hpa_freespace(struct cxl_accel_dev *cxlad,
				unsigned long flags, resource_size_t *max)
{
	const struct cxl_accel_hop *hb = &cxlad->path.hop[cxlad->path.nr - 1];
	struct cxl_accel_space space = { };
	u64 floor;
	int rc;

	if (!(flags & CXL_ACCEL_REGION_VOLATILE))
		return -EOPNOTSUPP;
	mutex_lock(&cxlad->lock);
	rc = hpa_floor(cxlad, &floor);
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

	rc = cxl_accel_hdm_committed(&cxlad->hdm, &n);
	if (rc)
		return rc;
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
 * Return: the reservation; ERR_PTR(-EINVAL) for a bad size, -ENOSPC if
 * the device has no free decoder or not enough memory left, -ENOMEM.
 */
struct cxl_accel_dpa *cxl_accel_request_dpa(struct cxl_accel_dev *cxlad,
					    resource_size_t size)
{
	struct cxl_accel_dpa *dpa;
	unsigned int decoder;
	u64 used_end, base, skip;
	int rc;

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

static void dpa_free_locked(struct cxl_accel_dpa *dpa)
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
		dpa_free_locked(dpa);
	}
	mutex_unlock(&cxlad->lock);
	if (!rc) {
		cxl_accel_dev_put(cxlad);
		kfree(dpa);
	}
	return rc;
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_dpa_free, CXL_ACCEL_NS);

/* The interleave granularity to program for a 1-way region of @w. */
static unsigned int region_granularity(const struct cxl_spec_cfmws *w)
{
	u8 eig;

	return cxl_spec_granularity_to_eig(w->granularity, &eig) ? 256 :
								     w->granularity;
}

/*
 * The lowest HPA the new decoders may decode: above whatever each of
 * them has committed below it (decoders commit in HPA order).
 */
static int hpa_floor(struct cxl_accel_dev *cxlad, u64 *floor)
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

/*
 * Reset the region's decoder on hop @i (its own registers, reported as
 * that component's) and tell the core.  Return: 0, or the error of the
 * reset; the decoder may still decode then.
 */
static int hop_reset(struct cxl_accel_region *r,
		     const struct cxl_accel_core_view *v, int i)
{
	struct cxl_accel_hop *hop = &r->cxlad->path.hop[i];
	int rc;

	rc = cxl_spec_hdm_reset(&hop->hdm, r->hop_decoder[i], &hop->env);
	if (rc)
		return rc;
	pci_dbg(r->cxlad->pdev, "hop %d decoder %d reset\n", i,
		r->hop_decoder[i]);
	cxl_accel_core_reset(v, i, r->hop_decoder[i]);
	r->hop_decoder[i] = -1;
	return 0;
}

static int endpoint_reset(struct cxl_accel_region *r)
{
	struct cxl_accel_dev *cxlad = r->cxlad;
	int rc;

	rc = cxl_spec_hdm_reset(&cxlad->hdm, r->dpa->decoder, &cxlad->env);
	if (!rc)
		pci_dbg(cxlad->pdev, "endpoint decoder %u reset\n",
			r->dpa->decoder);
	return rc;
}

/*
 * Reset what commit_path() committed on hops below @top (not @top) and
 * the endpoint's decoder, on a failed request.  Return: 0 if every one
 * of them reads back reset, else the first error (each is logged).
 */
static int uncommit_path(struct cxl_accel_region *r,
			 const struct cxl_accel_core_view *v, int top)
{
	int i, rc, err = 0;

	for (i = top - 1; i >= 0; i--) {
		if (r->hop_decoder[i] < 0)
			continue;
		rc = hop_reset(r, v, i);
		if (rc && !err)
			err = rc;
	}
	rc = endpoint_reset(r);
	return err ?: rc;
}

/*
 * Whether any decoder of @r may still decode its range: a hop decoder not
 * reset, or the endpoint's still committed (or unreadable).
 */
static bool region_decodes(struct cxl_accel_region *r)
{
	unsigned int n;
	int i;

	for (i = 0; i < CXL_ACCEL_MAX_HOPS; i++)
		if (r->hop_decoder[i] >= 0)
			return true;
	return cxl_accel_hdm_committed(&r->cxlad->hdm, &n) ||
	       n > r->dpa->decoder;
}

/* Commit the endpoint's decoder, then every port's on the way up. */
static int commit_path(struct cxl_accel_region *r,
		       const struct cxl_accel_core_view *v)
{
	struct cxl_accel_dev *cxlad = r->cxlad;
	struct cxl_spec_hdm_decoder_cfg cfg = {
		.base = r->hpa,
		.size = r->size,
		.ways = 1,
		.granularity = r->granularity,
		.hostonly = false,	/* device coherent: HDM-D(B) */
		.lock_on_commit = r->lock,
		.dpa_skip = r->dpa->skip,
	};
	unsigned int n;
	int i, rc;

	rc = cxl_spec_hdm_commit(&cxlad->hdm, r->dpa->decoder, &cfg, &cxlad->env);
	if (rc) {
		pci_err(cxlad->pdev, "endpoint decoder %u did not commit (%d)\n",
			r->dpa->decoder, rc);
		return rc;
	}
	/*
	 * Lock On Commit only where the region is alone: the endpoint's
	 * decoder.  A switch's or host bridge's decoders serve every device
	 * below that port, and the CXL core's regions too; a locked one
	 * would be lost to all of them until the component is reset.
	 */
	cfg.lock_on_commit = false;
	for (i = 0; i < cxlad->path.nr; i++) {
		struct cxl_accel_hop *hop = &cxlad->path.hop[i];

		if (!hop->has_hdm)
			continue;
		rc = cxl_accel_hdm_committed(&hop->hdm, &n);
		if (!rc && n >= hop->hdm.count)
			rc = -ENOSPC;
		if (!rc) {
			memset(cfg.targets, 0, sizeof(cfg.targets));
			cfg.targets[0] = hop->target;
			rc = cxl_spec_hdm_commit(&hop->hdm, n, &cfg, &hop->env);
		}
		if (rc) {
			pci_err(cxlad->pdev, "hop %d (%s): no decoder committed (%d)\n",
				i, hop->kind == CXL_ACCEL_HOP_SWITCH ?
				pci_name(hop->port) : "host bridge", rc);
			uncommit_path(r, v, i);
			return rc;
		}
		r->hop_decoder[i] = n;
		rc = cxl_accel_core_committed(cxlad, v, i, n, &cfg);
		if (rc) {
			uncommit_path(r, v, i + 1);
			return rc;
		}
	}
	return 0;
}

/*
 * Refuse to take over a device that firmware left decoding through its
 * DVSEC ranges.
 *
 * Switching such a device to HDM decoding (cxl_accel_enable_device())
 * would silently break firmware's mapping; see
 * cxl_spec_hdm_dvsec_decoding().  cxl_accel does not turn DVSEC range
 * mappings into regions.  Only a request needs asking: adoption picks a
 * committed HDM decoder, which rules DVSEC range decoding out.
 *
 * Return: 0, -EBUSY (one line says why), or the error of a register read.
 */
static int check_dvsec_decoding(struct cxl_accel_dev *cxlad)
{
	bool mem_enabled, dvsec;
	int rc;

	rc = cxl_spec_dvsec_mem_enabled(&cxlad->cfg, &cxlad->dev_dvsec,
					&mem_enabled);
	if (!rc)
		rc = cxl_spec_hdm_dvsec_decoding(&cxlad->hdm, mem_enabled, &dvsec);
	if (rc) {
		pci_err(cxlad->pdev, "cannot read how the device decodes CXL.mem (%d)\n",
			rc);
		return rc;
	}
	if (dvsec) {
		pci_err(cxlad->pdev, "firmware left the device decoding CXL.mem through its DVSEC ranges (Mem_Enable set, HDM Decoder Enable clear, no HDM decoder committed): switching it to HDM decoders would break that mapping, refused\n");
		return -EBUSY;
	}
	return 0;
}

/* The device's endpoint decodes with its HDM decoders and CXL.mem is on. */
int cxl_accel_enable_device(struct cxl_accel_dev *cxlad)
{
	int rc;

	rc = cxl_spec_hdm_enable(&cxlad->hdm, &cxlad->env);
	if (!rc)
		rc = cxl_spec_dvsec_set_mem_enable(&cxlad->cfg, &cxlad->env,
						   &cxlad->dev_dvsec, true);
	if (rc)
		pci_err(cxlad->pdev, "cannot enable HDM decoding and CXL.mem (%d)\n",
			rc);
	return rc;
}

/* A new region joins its device; with the device's lock held. */
void cxl_accel_region_publish(struct cxl_accel_region *r)
{
	lockdep_assert_held(&r->cxlad->lock);
	r->dpa->region = r;
	cxl_accel_dev_get(r->cxlad);
	list_add_tail(&r->node, &r->cxlad->regions);
	atomic_inc(&cxl_accel_nr_regions);
}

/* With the device's lock held; the device outlives it (callers hold a reference). */
static void region_free(struct cxl_accel_region *r)
{
	struct cxl_accel_dev *cxlad = r->cxlad;

	lockdep_assert_held(&cxlad->lock);
	dpa_free_locked(r->dpa);
	kfree(r->dpa);
	/* the reservation's reference and the region's */
	cxl_accel_dev_put(cxlad);
	cxl_accel_dev_put(cxlad);
	atomic_dec(&cxl_accel_nr_regions);
	kfree(r);
}

/**
 * cxl_accel_create_region() - a private region on reserved device memory
 * @dpa: from cxl_accel_request_dpa(); the region owns it from now on
 * @align: alignment of the region's HPA, a power of two; 0 means 256 MiB
 * @flags: CXL_ACCEL_REGION_VOLATILE, and optionally
 *	CXL_ACCEL_REGION_LARGEST to take the window with the most free space
 *	rather than the first one where it fits, CXL_ACCEL_REGION_KEEP to
 *	leave the decoders committed and the range claimed when the region
 *	is released (the next load adopts it with cxl_accel_region_adopt()),
 *	CXL_ACCEL_REGION_LOCK to commit the endpoint's decoder with Lock On
 *	Commit as well (implies KEEP; nothing resets it then until the device
 *	is reset, and a request that fails after it committed leaves it
 *	committed with the range claimed).  Switch and host bridge decoders
 *	serve other devices and the CXL core too, and are never locked.
 *
 * Finds host address space for @dpa in a CXL window that targets the
 * device's host bridge and allows device-coherent volatile memory (one
 * device: the window must not be interleaved), claims it as a busy,
 * exclusive, IORES_DESC_RESERVED child of that "CXL Window" in iomem,
 * invalidates CPU caches for it, and commits the device's endpoint
 * decoder and the decoders of every switch and of the host bridge above
 * it (none where they pass everything through).  Where the kernel's CXL
 * core tracks those decoders, its view is kept true (see core.c); where
 * that cannot be done safely, the request is refused.
 *
 * @dpa must be the device's lowest reservation without a region:
 * decoders commit in order.
 *
 * Context: process context, may sleep.  Takes the device's lock and the
 * CXL core's port locks of the path.
 * Return: a reference to the region, to drop with cxl_accel_region_put();
 * ERR_PTR() of -EINVAL (bad flags or alignment, @dpa not next), -ENODEV,
 * -EOPNOTSUPP, -EBUSY or -ENOSPC (no usable window, the path is in use
 * by the CXL core in a way cxl_accel cannot share, or firmware left the
 * device decoding through its DVSEC ranges), -ENXIO (caches cannot
 * be invalidated), -ETIMEDOUT (the device's memory did not become
 * active in the time it advertises), or an error of the hardware.  On failure @dpa is still
 * the caller's.
 */
struct cxl_accel_region *cxl_accel_create_region(struct cxl_accel_dpa *dpa,
						 resource_size_t align,
						 unsigned long flags)
{
	struct cxl_accel_dev *cxlad = dpa->cxlad;
	struct pci_dev *pdev = cxlad->pdev;
	struct cxl_accel_core_view *v = NULL;
	struct cxl_accel_region *r;
	struct cxl_accel_space space = { };
	struct cxl_accel_dpa *first;
	unsigned int n, i;
	u64 floor;
	int rc;

	if (!align)
		align = SZ_256M;
	if (!(flags & CXL_ACCEL_REGION_VOLATILE) ||
	    flags & ~(CXL_ACCEL_REGION_VOLATILE | CXL_ACCEL_REGION_LARGEST |
		      CXL_ACCEL_REGION_KEEP | CXL_ACCEL_REGION_LOCK)) {
		pci_err(pdev, "region flags %#lx: only volatile regions are supported\n",
			flags);
		return ERR_PTR(-EINVAL);
	}
	if (!is_power_of_2(align) || align < SZ_256M) {
		pci_err(pdev, "region alignment %#llx: must be a power of two of at least 256 MiB\n",
			(u64)align);
		return ERR_PTR(-EINVAL);
	}
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
	rc = -EINVAL;
	list_for_each_entry(first, &cxlad->dpas, node)
		if (!first->region)
			break;
	if (list_entry_is_head(first, &cxlad->dpas, node) || first != dpa ||
	    cxl_accel_hdm_committed(&cxlad->hdm, &n) || n != dpa->decoder) {
		pci_err(pdev, "DPA reservation for decoder %u is not the next to commit\n",
			dpa->decoder);
		goto err_unlock;
	}
	rc = invalidate_caches(pdev, 0, 0, true);
	if (!rc)
		rc = check_dvsec_decoding(cxlad);
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
	rc = hpa_floor(cxlad, &floor);
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
					    flags & CXL_ACCEL_REGION_LARGEST,
					    &space);
		if (rc)
			goto err_core;
		rc = cxl_accel_claim(pdev, &space.window, space.start,
				     dpa->size, false, &r->res,
				     &space.avoid[space.nr_avoid]);
	} while (rc == -EAGAIN && ++space.nr_avoid < CXL_ACCEL_MAX_AVOID);
	if (rc == -EAGAIN) {
		pci_err(pdev, "no usable CXL window: %u ranges of the CXL core's regions in the way\n",
			space.nr_avoid);
		rc = -ENOSPC;
	}
	if (rc)
		goto err_core;

	kref_init(&r->kref);
	INIT_LIST_HEAD(&r->maps);
	r->cxlad = cxlad;
	r->dpa = dpa;
	r->window = space.window;
	r->hpa = space.start;
	r->size = dpa->size;
	r->granularity = region_granularity(&space.window);
	r->lock = flags & CXL_ACCEL_REGION_LOCK;
	r->keep = r->lock || flags & CXL_ACCEL_REGION_KEEP;
	for (i = 0; i < CXL_ACCEL_MAX_HOPS; i++)
		r->hop_decoder[i] = -1;

	rc = commit_path(r, v);
	if (!rc) {
		rc = cxl_accel_enable_device(cxlad);
		/* nothing has used the range yet: drop what was cached before */
		if (!rc)
			rc = invalidate_caches(pdev, r->hpa, r->size, false);
		if (rc)
			uncommit_path(r, v, cxlad->path.nr);
	}
	if (rc)
		goto err_unclaim;

	cxl_accel_region_publish(r);
	/*
	 * Listed for the bus notifiers before the port locks go: a port of
	 * the path removed from now on finds the region and revokes it.
	 */
	cxl_accel_registry_add(r);
	cxl_accel_core_unlock(v);
	mutex_unlock(&cxlad->lock);
	kfree(v);
	pci_info(pdev, "region [%#llx-%#llx] (DPA %#llx, decoder %u) in CXL window %#llx%s\n",
		 r->hpa, r->hpa + r->size - 1, dpa->base, dpa->decoder,
		 space.window.base, r->lock ? ", locked" : r->keep ? ", kept" : "");
	return r;

err_unclaim:
	/*
	 * The range goes back only if no decoder decodes it any more: one
	 * that could not be reset (Lock On Commit, a component that stopped
	 * answering) keeps it claimed, as a kept claim, so that nothing else
	 * is ever placed there.
	 */
	if (region_decodes(r)) {
		pci_err(pdev, "request failed with decoders of [%#llx-%#llx] left committed: the range stays claimed\n",
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
	kfree(v);
	kfree(r);
	return ERR_PTR(rc);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_create_region, CXL_ACCEL_NS);

/**
 * cxl_accel_region_request() - reserve device memory and create a region
 *	on it in one call
 * @cxlad: the device
 * @size: bytes, a multiple of 256 MiB
 * @align: as for cxl_accel_create_region()
 * @flags: as for cxl_accel_create_region()
 *
 * cxl_accel_request_dpa() then cxl_accel_create_region(); on failure the
 * reservation is given back.
 *
 * Context: process context, may sleep.
 * Return: as cxl_accel_create_region() or cxl_accel_request_dpa().
 */
struct cxl_accel_region *cxl_accel_region_request(struct cxl_accel_dev *cxlad,
						  resource_size_t size,
						  resource_size_t align,
						  unsigned long flags)
{
	struct cxl_accel_region *r;
	struct cxl_accel_dpa *dpa;

	dpa = cxl_accel_request_dpa(cxlad, size);
	if (IS_ERR(dpa))
		return ERR_CAST(dpa);
	r = cxl_accel_create_region(dpa, align, flags);
	if (IS_ERR(r))
		cxl_accel_dpa_free(dpa);
	return r;
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_request, CXL_ACCEL_NS);

/*
 * Reset a region's decoders, from the host bridge down, if every one of
 * them may be reset now: on each hop the core's state allows it and ours
 * is the top committed decoder.  Otherwise touch nothing.
 */
static bool region_uncommit(struct cxl_accel_region *r,
			    const struct cxl_accel_core_view *v)
{
	struct cxl_accel_dev *cxlad = r->cxlad;
	unsigned int n;
	int i;

	if (cxl_accel_hdm_committed(&cxlad->hdm, &n) || n != r->dpa->decoder + 1)
		return false;
	for (i = 0; i < cxlad->path.nr; i++) {
		if (r->hop_decoder[i] < 0)
			continue;
		if (!cxl_accel_core_may_reset(v, i) ||
		    cxl_accel_hdm_committed(&cxlad->path.hop[i].hdm, &n) ||
		    n != r->hop_decoder[i] + 1)
			return false;
	}
	/*
	 * Write dirty lines back while the range still decodes to the
	 * device; after the reset they would go nowhere.
	 */
	invalidate_caches(cxlad->pdev, r->hpa, r->size, false);
	for (i = cxlad->path.nr - 1; i >= 0; i--) {
		if (r->hop_decoder[i] >= 0 && hop_reset(r, v, i))
			return false;
	}
	return !endpoint_reset(r);
}

/*
 * Tear a region down if it can be; with the device's lock held.
 * Return: true if it is gone (and freed).
 */
static bool region_teardown(struct cxl_accel_region *r)
{
	struct cxl_accel_dev *cxlad = r->cxlad;
	struct cxl_accel_core_view *v;
	bool done = false;

	lockdep_assert_held(&cxlad->lock);
	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (!v)
		return false;
	if (!cxl_accel_core_lock(cxlad, v, true)) {
		done = region_uncommit(r, v);
		cxl_accel_core_unlock(v);
	}
	kfree(v);
	if (!done)
		return false;
	cxl_accel_unclaim(r->res);
	list_del(&r->node);
	pci_info(cxlad->pdev, "region [%#llx-%#llx] released\n", r->hpa,
		 r->hpa + r->size - 1);
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
	region_free(r);
}

static void cxl_accel_region_release(struct kref *kref)
{
	struct cxl_accel_region *r = container_of(kref, struct cxl_accel_region,
						  kref);
	struct cxl_accel_dev *cxlad = cxl_accel_dev_get(r->cxlad);
	struct cxl_accel_map *m, *tmp;

	cxl_accel_registry_del(r);
	mutex_lock(&cxlad->lock);
	list_for_each_entry_safe(m, tmp, &r->maps, node) {
		pci_warn(cxlad->pdev, "region [%#llx-%#llx] released while still mapped\n",
			 r->hpa, r->hpa + r->size - 1);
		memunmap(m->addr);
		list_del(&m->node);
		kfree(m);
		atomic_dec(&cxl_accel_nr_maps);
	}
	if (r->keep) {
		region_keep(r);
		mutex_unlock(&cxlad->lock);
		cxl_accel_dev_put(cxlad);
		return;
	}
	if (region_teardown(r)) {
		mutex_unlock(&cxlad->lock);
		cxl_accel_dev_put(cxlad);
		/* a lower region may have waited for this one */
		schedule_work(&unpark_work);
		return;
	}
	/*
	 * Parked: its decoders are not the top of a port (the core, or
	 * another region, committed above them) or the core has endpoints
	 * below a port it shares.  Keep everything committed and claimed,
	 * which is what the core sees, and try again when the CXL bus changes.
	 */
	list_del(&r->node);
	mutex_unlock(&cxlad->lock);
	pci_info(cxlad->pdev, "region [%#llx-%#llx] parked: its decoders cannot be reset yet\n",
		 r->hpa, r->hpa + r->size - 1);
	__module_get(THIS_MODULE);
	mutex_lock(&parked_lock);
	list_add_tail(&r->node, &parked);
	mutex_unlock(&parked_lock);
	cxl_accel_dev_put(cxlad);
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
			if (region_teardown(r)) {
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

/**
 * cxl_accel_region_get() - take another reference to a region
 * @r: the region
 *
 * Context: any.
 * Return: @r.
 */
struct cxl_accel_region *cxl_accel_region_get(struct cxl_accel_region *r)
{
	kref_get(&r->kref);
	return r;
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_get, CXL_ACCEL_NS);

/**
 * cxl_accel_region_put() - drop a reference to a region
 * @r: the region; NULL or an error pointer is ignored
 *
 * The last reference unmaps what is still mapped (with a warning), resets
 * the region's decoders from the host bridge down, invalidates CPU caches
 * for its range and gives the range and the device memory back.  If the
 * decoders cannot be reset yet (see core.c), the region is parked and
 * released as soon as they can.  A region created with
 * CXL_ACCEL_REGION_KEEP or _LOCK, and an adopted one, is never reset: its
 * decoders stay committed and its range claimed (and the CXL core keeps
 * what it has of a region handed to it, see cxl_accel_region_adopt(),
 * until the driver unbinds).
 *
 * Context: process context, may sleep.
 */
void cxl_accel_region_put(struct cxl_accel_region *r)
{
	if (!IS_ERR_OR_NULL(r))
		kref_put(&r->kref, cxl_accel_region_release);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_put, CXL_ACCEL_NS);

static void devm_region_put(void *r)
{
	cxl_accel_region_put(r);
}

/**
 * devm_cxl_accel_region_request() - cxl_accel_region_request() for the
 *	lifetime of a driver's device
 * @dev: the device the region goes with (usually the PCI device's)
 * @cxlad: the CXL accelerator
 * @size: as for cxl_accel_region_request()
 * @align: as for cxl_accel_region_request()
 * @flags: as for cxl_accel_region_request()
 *
 * Context: process context, may sleep.
 * Return: the region (do not put it), or an ERR_PTR() as
 * cxl_accel_region_request().
 */
struct cxl_accel_region *
devm_cxl_accel_region_request(struct device *dev, struct cxl_accel_dev *cxlad,
			      resource_size_t size, resource_size_t align,
			      unsigned long flags)
{
	struct cxl_accel_region *r;
	int rc;

	r = cxl_accel_region_request(cxlad, size, align, flags);
	if (IS_ERR(r))
		return r;
	rc = devm_add_action_or_reset(dev, devm_region_put, r);
	return rc ? ERR_PTR(rc) : r;
}
EXPORT_SYMBOL_NS_GPL(devm_cxl_accel_region_request, CXL_ACCEL_NS);

/**
 * cxl_accel_region_range() - the host physical address range of a region
 * @r: the region
 * @hpa: filled in, both ends inclusive
 *
 * Context: any.
 */
void cxl_accel_region_range(const struct cxl_accel_region *r,
			    struct range *hpa)
{
	*hpa = (struct range) { .start = r->hpa, .end = r->hpa + r->size - 1 };
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_range, CXL_ACCEL_NS);

/**
 * cxl_accel_region_dpa() - the device physical address range of a region
 * @r: the region
 * @dpa: filled in, both ends inclusive
 *
 * Context: any.
 */
void cxl_accel_region_dpa(const struct cxl_accel_region *r, struct range *dpa)
{
	*dpa = (struct range) {
		.start = r->dpa->base, .end = r->dpa->base + r->size - 1,
	};
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_dpa, CXL_ACCEL_NS);

/**
 * cxl_accel_region_map() - map a region into the kernel
 * @r: the region
 * @flags: CXL_ACCEL_MAP_WB (default: write-back, coherent device memory)
 *	or CXL_ACCEL_MAP_WC (write-combining)
 *
 * Context: process context, may sleep.
 * Return: the mapping, to undo with cxl_accel_region_unmap();
 * ERR_PTR(-ENXIO) if the region was revoked (see
 * cxl_accel_region_set_notify()), ERR_PTR(-ENOMEM) if it cannot be mapped.
 */
void *cxl_accel_region_map(struct cxl_accel_region *r, unsigned long flags)
{
	struct cxl_accel_dev *cxlad = r->cxlad;
	struct cxl_accel_map *m;
	void *addr = ERR_PTR(-ENXIO);

	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return ERR_PTR(-ENOMEM);
	mutex_lock(&cxlad->lock);
	if (!test_bit(CXL_ACCEL_REGION_REVOKED, &r->state)) {
		addr = memremap(r->hpa, r->size, flags & CXL_ACCEL_MAP_WC ?
				MEMREMAP_WC : MEMREMAP_WB);
		if (!addr)
			addr = ERR_PTR(-ENOMEM);
	}
	if (!IS_ERR(addr)) {
		m->addr = addr;
		list_add(&m->node, &r->maps);
		atomic_inc(&cxl_accel_nr_maps);
	}
	mutex_unlock(&cxlad->lock);
	if (IS_ERR(addr)) {
		pci_err(cxlad->pdev, "cannot map region [%#llx-%#llx]%s\n", r->hpa,
			r->hpa + r->size - 1,
			PTR_ERR(addr) == -ENXIO ? ": it was revoked" : "");
		kfree(m);
	}
	return addr;
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_map, CXL_ACCEL_NS);

/**
 * cxl_accel_region_unmap() - undo cxl_accel_region_map()
 * @r: the region
 * @addr: what cxl_accel_region_map() returned
 *
 * Context: process context, may sleep.
 */
void cxl_accel_region_unmap(struct cxl_accel_region *r, void *addr)
{
	struct cxl_accel_dev *cxlad = r->cxlad;
	struct cxl_accel_map *m;

	mutex_lock(&cxlad->lock);
	list_for_each_entry(m, &r->maps, node) {
		if (m->addr == addr) {
			memunmap(addr);
			list_del(&m->node);
			kfree(m);
			atomic_dec(&cxl_accel_nr_maps);
			break;
		}
	}
	mutex_unlock(&cxlad->lock);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_unmap, CXL_ACCEL_NS);

/**
 * cxl_accel_region_set_notify() - be told before a region goes away for a
 *	reason the driver did not ask for
 * @r: the region
 * @fn: called from a work item when the CXL core's root or host bridge
 *	port, or a PCI port on the region's path, is being removed; it must
 *	stop using the region (unmap it) and then drop its reference: with
 *	cxl_accel_region_put(), or, for a region from a devm_ request, by
 *	letting devm do it when the driver unbinds.  The decoders and the
 *	claim stay until the last reference goes.  NULL to stop being told.
 * @data: passed to @fn
 *
 * The region is revoked when it is lost: from then on
 * cxl_accel_region_map() fails with -ENXIO.  If it was lost before @fn was
 * set, @fn is called before this returns.  Setting NULL waits for a call
 * of the previous @fn that is under way, so that its @data may be freed
 * afterwards; so this must not be called from @fn itself, nor with a lock
 * held that @fn takes.
 *
 * Context: process context, may sleep.
 */
void cxl_accel_region_set_notify(struct cxl_accel_region *r,
				 cxl_accel_region_lost_fn fn, void *data)
{
	cxl_accel_registry_set_notify(r, fn, data);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_set_notify, CXL_ACCEL_NS);

