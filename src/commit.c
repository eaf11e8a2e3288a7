// SPDX-License-Identifier: GPL-2.0-only
/*
 * Programming a region's decoders along its path, and undoing it.
 *
 * Order of work, as the spec and the kernel's own region commit want it:
 * commit the endpoint's decoder and then each port's on the way up, and
 * invalidate CPU caches for the range before anything uses it (no line
 * cached from before the decode may survive).  Release invalidates first,
 * while the range still decodes, so that dirty lines reach the device,
 * then resets the decoders from the host bridge down.  Every function
 * here is called with the device's lock and the CXL core's port locks of
 * the path held (core.c).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpufeature.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/ktime.h>
#include <linux/memregion.h>
#include <linux/module.h>
#include <linux/pci.h>

#include "compat/compat.h"
#include "cxl_accel_trace.h"
#include "fault.h"
#include "internal.h"

#ifdef CXL_ACCEL_HAVE_MEMREGION_INVALIDATE
MODULE_IMPORT_NS(CXL_ACCEL_NS_DEVMEM);
#endif

/*
 * Drop stale CPU cache lines for a range whose decode changes, as the CXL
 * core does around its own region commit and reset.
 */
int cxl_accel_invalidate_caches(struct pci_dev *pdev, u64 start, u64 size,
				bool check_only)
{
	int rc;

#if defined(CXL_ACCEL_HAVE_MEMREGION_INVALIDATE_RANGE) || \
	defined(CXL_ACCEL_HAVE_MEMREGION_INVALIDATE_DESC)
	if (!cpu_cache_has_invalidate_memregion())
		goto cannot;
#elif defined(CXL_ACCEL_HAVE_WBINVD_ON_ALL_CPUS)
	/*
	 * 6.1 has no cpu_cache_invalidate_memregion(); later kernels do this
	 * on x86, and refuse under a hypervisor, which may not honour it.
	 */
	if (boot_cpu_has(X86_FEATURE_HYPERVISOR))
		goto cannot;
#else
	goto cannot;
#endif
	if (check_only)
		return 0;
	pci_dbg(pdev, "invalidating CPU caches for [%#llx-%#llx]\n",
		start, start + size - 1);
	rc = cxl_accel_fault(CXL_ACCEL_FAULT_INVALIDATE);
	if (!rc) {
		u64 t0 = ktime_get_ns();

#if defined(CXL_ACCEL_HAVE_MEMREGION_INVALIDATE_RANGE)
		rc = cpu_cache_invalidate_memregion(start, size);
#elif defined(CXL_ACCEL_HAVE_MEMREGION_INVALIDATE_DESC)
		rc = cpu_cache_invalidate_memregion(IORES_DESC_CXL);
#elif defined(CXL_ACCEL_HAVE_WBINVD_ON_ALL_CPUS)
		wbinvd_on_all_cpus();
#endif
		atomic64_add(ktime_get_ns() - t0, &cxl_accel_wait_ns);
	}
	if (rc)
		cxl_accel_err(pdev, "cannot invalidate CPU caches for [%#llx-%#llx] (%d)\n",
			      start, start + size - 1, rc);
	return rc;

cannot:
	cxl_accel_err(pdev, "this platform cannot invalidate CPU caches for a new CXL decode (running under a hypervisor?)\n");
	return -ENXIO;
}

/*
 * Reset the region's decoder on hop @i (its own registers, reported as
 * that component's) and tell the core.  Return: 0, or the error of the
 * reset (the decoder may still decode then), or that of the core's view
 * not reading back reset (src/core_view.c): the region keeps its claim.
 */
static int hop_reset(struct cxl_accel_region *r,
		     const struct cxl_accel_core_view *v, int i)
{
	struct cxl_accel_hop *hop = &r->cxlad->path.hop[i];
	int rc;

	rc = cxl_spec_hdm_reset(&hop->hdm, r->hop_decoder[i], &hop->env);
	trace_cxl_accel_decoder_reset(r->cxlad->pdev, r->name, cxl_accel_hop_id(hop),
				      r->hop_decoder[i], r->hpa, r->size, rc);
	if (rc)
		return rc;
	pci_dbg(r->cxlad->pdev, "hop %d decoder %d reset\n", i,
		r->hop_decoder[i]);
	rc = cxl_accel_core_reset(r->cxlad, v, i, r->hop_decoder[i]);
	if (rc)
		return rc;
	r->hop_decoder[i] = -1;
	return 0;
}

static int endpoint_reset(struct cxl_accel_region *r)
{
	struct cxl_accel_dev *cxlad = r->cxlad;
	int rc;

	rc = cxl_spec_hdm_reset(&cxlad->hdm, r->dpa->decoder, &cxlad->env);
	trace_cxl_accel_decoder_reset(cxlad->pdev, r->name, "endpoint",
				      r->dpa->decoder, r->hpa, r->size, rc);
	if (!rc)
		pci_dbg(cxlad->pdev, "endpoint decoder %u reset\n",
			r->dpa->decoder);
	return rc;
}

/*
 * Reset what cxl_accel_path_commit() committed on hops below @top (not @top) and
 * the endpoint's decoder, on a failed request.  Return: 0 if every one
 * of them reads back reset, else the first error (each is logged).
 */
int cxl_accel_path_uncommit(struct cxl_accel_region *r,
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
bool cxl_accel_region_decodes(struct cxl_accel_region *r)
{
	unsigned int n;
	int i;

	if (test_bit(CXL_ACCEL_REGION_UNCOMMITTED, &r->state))
		return false;
	for (i = 0; i < CXL_ACCEL_MAX_HOPS; i++)
		if (r->hop_decoder[i] >= 0)
			return true;
	return cxl_accel_hdm_committed(&r->cxlad->hdm, &n) ||
	       n > r->dpa->decoder;
}

/*
 * What the endpoint's decoder of @r holds; a port's is the same with its
 * target and without Lock On Commit (see cxl_accel_path_commit()).
 */
void cxl_accel_region_cfg(const struct cxl_accel_region *r,
			  struct cxl_spec_hdm_decoder_cfg *cfg)
{
	*cfg = (struct cxl_spec_hdm_decoder_cfg) {
		.base = r->hpa,
		.size = r->size,
		.ways = 1,
		.granularity = r->granularity,
		.hostonly = false,	/* device coherent: HDM-D(B) */
		.lock_on_commit = r->lock,
		.dpa_skip = r->dpa->skip,
	};
}

/* Commit the endpoint's decoder, then every port's on the way up. */
int cxl_accel_path_commit(struct cxl_accel_region *r,
			  const struct cxl_accel_core_view *v)
{
	struct cxl_accel_dev *cxlad = r->cxlad;
	struct cxl_spec_hdm_decoder_cfg cfg;
	unsigned int n;
	int i, rc;

	cxl_accel_region_cfg(r, &cfg);
	rc = cxl_accel_fault(CXL_ACCEL_FAULT_COMMIT) ?:
	     cxl_spec_hdm_commit(&cxlad->hdm, r->dpa->decoder, &cfg, &cxlad->env);
	trace_cxl_accel_decoder_commit(cxlad->pdev, r->name, "endpoint",
				       r->dpa->decoder, r->hpa, r->size, rc);
	if (rc) {
		cxl_accel_err(cxlad->pdev, "endpoint decoder %u did not commit (%d)\n",
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
			rc = cxl_accel_fault(CXL_ACCEL_FAULT_COMMIT) ?:
			     cxl_spec_hdm_commit(&hop->hdm, n, &cfg, &hop->env);
		}
		trace_cxl_accel_decoder_commit(cxlad->pdev, r->name,
					       cxl_accel_hop_id(hop), n, r->hpa,
					       r->size, rc);
		if (rc) {
			cxl_accel_err(cxlad->pdev, "hop %d (%s): no decoder committed (%d)\n",
				      i, hop->kind == CXL_ACCEL_HOP_SWITCH ?
				      pci_name(hop->port) : "host bridge", rc);
			cxl_accel_path_uncommit(r, v, i);
			return rc;
		}
		r->hop_decoder[i] = n;
		rc = cxl_accel_core_committed(cxlad, v, i, n, &cfg);
		if (rc) {
			cxl_accel_path_uncommit(r, v, i + 1);
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
int cxl_accel_check_dvsec_decoding(struct cxl_accel_dev *cxlad)
{
	bool mem_enabled, dvsec;
	int rc;

	rc = cxl_spec_dvsec_mem_enabled(&cxlad->cfg, &cxlad->dev_dvsec,
					&mem_enabled);
	if (!rc)
		rc = cxl_spec_hdm_dvsec_decoding(&cxlad->hdm, mem_enabled, &dvsec);
	if (rc) {
		cxl_accel_err(cxlad->pdev, "cannot read how the device decodes CXL.mem (%d)\n",
			      rc);
		return rc;
	}
	if (dvsec) {
		cxl_accel_err(cxlad->pdev, "firmware left the device decoding CXL.mem through its DVSEC ranges (Mem_Enable set, HDM Decoder Enable clear, no HDM decoder committed): switching it to HDM decoders would break that mapping, refused\n");
		return -EBUSY;
	}
	return 0;
}

/* The device's endpoint decodes with its HDM decoders and CXL.mem is on. */
int cxl_accel_enable_device(struct cxl_accel_dev *cxlad)
{
	int rc;

	rc = cxl_accel_fault(CXL_ACCEL_FAULT_ENABLE) ?:
	     cxl_spec_hdm_enable(&cxlad->hdm, &cxlad->env);
	if (!rc)
		rc = cxl_spec_dvsec_set_mem_enable(&cxlad->cfg, &cxlad->env,
						   &cxlad->dev_dvsec, true);
	if (rc)
		cxl_accel_err(cxlad->pdev, "cannot enable HDM decoding and CXL.mem (%d)\n",
			      rc);
	return rc;
}

/*
 * Whether the device has gone: surprise removal or link down.  Its
 * registers read all ones then, and its decoders decode nothing, so they
 * need no reset; nor may its mapped registers be written again, since a
 * device plugged into the slot later may sit behind them.
 * pci_device_is_present() reads the Vendor ID, as the PCI core does.
 */
static bool endpoint_gone(struct cxl_accel_dev *cxlad)
{
	return cxl_accel_fault_gone(&cxlad->comp) ||
	       !pci_device_is_present(cxlad->pdev);
}

/*
 * Reset a region's decoders, from the host bridge down, if every one of
 * them may be reset now: on each hop the core's state allows it and ours
 * is the top committed decoder.  Otherwise touch nothing.  The decoder of
 * an endpoint that has gone is left alone; those of the ports above it,
 * which would still route the range to the empty link, are reset.
 */
bool cxl_accel_region_uncommit(struct cxl_accel_region *r,
			       const struct cxl_accel_core_view *v)
{
	struct cxl_accel_dev *cxlad = r->cxlad;
	unsigned int n;
	bool gone;
	int i, rc;

	rc = cxl_accel_fault(CXL_ACCEL_FAULT_RELEASE);
	if (rc) {
		pci_warn(cxlad->pdev, "region [%#llx-%#llx]: cannot read its decoders for the reset (%d)\n",
			 r->hpa, r->hpa + r->size - 1, rc);
		return false;
	}
	/* after a reset, a failed restore has reset them all (reset.c) */
	if (test_bit(CXL_ACCEL_REGION_UNCOMMITTED, &r->state))
		return true;
	gone = endpoint_gone(cxlad);
	if (!gone && (cxl_accel_hdm_committed(&cxlad->hdm, &n) ||
		      n != r->dpa->decoder + 1))
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
	 * device; after the reset they would go nowhere.  For a device that
	 * has gone they are dropped on the way, but none may stay cached
	 * for when the range is claimed again.
	 */
	cxl_accel_invalidate_caches(cxlad->pdev, r->hpa, r->size, false);
	for (i = cxlad->path.nr - 1; i >= 0; i--) {
		if (r->hop_decoder[i] >= 0 && hop_reset(r, v, i))
			return false;
	}
	if (gone) {
		pci_info(cxlad->pdev, "region [%#llx-%#llx]: the device has gone, its decoder %u is left as it is; the path's are reset\n",
			 r->hpa, r->hpa + r->size - 1, r->dpa->decoder);
		return true;
	}
	return !endpoint_reset(r);
}
