// SPDX-License-Identifier: GPL-2.0-only
/*
 * Regions across a reset of their device: suspended before it, their path
 * committed again after it, or lost.
 *
 * What a reset does to CXL.mem, per the CXL specification: a Function
 * Level Reset leaves the HDM decoders and CXL.mem alone; a CXL Reset and
 * a secondary bus reset (hot reset, link down, DPC) reset the device's
 * decoders, its HDM Decoder Enable and Mem_Enable; a secondary bus reset
 * at a port above a switch resets the switch's decoders too.  The CXL
 * Port Control Extensions DVSEC masks a secondary bus reset at a CXL
 * port until software sets Unmask SBR (the PCI core's "cxl_bus" reset
 * method does, from 6.10).  None of this is assumed here: after the
 * reset every decoder of every suspended region is read back, one that
 * reads reset is committed again as it was, one that still holds the
 * region is left alone, and one that holds anything else loses the
 * region.
 *
 * The driver calls both halves from its own reset and error handlers
 * (struct pci_error_handlers), in the task that resets the device, with
 * none of cxl_accel's locks held; the state notifiers run on that stack.
 * AER recovery calls the error handlers with pci_bus_sem held, and the
 * CXL core's port probe takes pci_bus_sem under a port lock, so what runs
 * there takes no lock that is ever held around a port lock: the suspend
 * takes only the registry's lock (notify.c), and the restore after a
 * link reset (cxl_accel_slot_reset()) runs from a work item.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "compat/compat.h"
#include "cxl_accel_trace.h"
#include "fault.h"
#include "internal.h"
#include "spec/cxlreset.h"

/*
 * The suspended regions of @cxlad, in endpoint decoder order (the order
 * they must be committed in), each with a reference; with the device's
 * lock held.  Return: how many, or -ENOMEM.
 */
static int suspended_regions(struct cxl_accel_dev *cxlad,
			     struct cxl_accel_region ***out)
{
	struct cxl_accel_region **rs;
	struct cxl_accel_dpa *dpa;
	int n = 0;

	lockdep_assert_held(&cxlad->lock);
	list_for_each_entry(dpa, &cxlad->dpas, node)
		n++;
	rs = kcalloc(max(n, 1), sizeof(*rs), GFP_KERNEL);
	if (!rs)
		return -ENOMEM;
	n = 0;
	list_for_each_entry(dpa, &cxlad->dpas, node) {
		struct cxl_accel_region *r = dpa->region;

		if (r && test_bit(CXL_ACCEL_REGION_SUSPENDED, &r->state) &&
		    kref_get_unless_zero(&r->kref))
			rs[n++] = r;
	}
	*out = rs;
	return n;
}

void cxl_accel_reset_prepare(struct cxl_accel_dev *cxlad)
{
	struct cxl_accel_region **rs;
	int i, n;

	if (!cxlad) {
		pr_err("%s() called with a NULL handle\n", __func__);
		return;
	}
	/* a restore still queued from an earlier recovery would race this reset */
	if (cancel_work(&cxlad->restore_work))
		cxl_accel_dev_put(cxlad);
	n = cxl_accel_registry_suspend(cxlad, &rs);
	if (n < 0) {
		/* suspended all the same; only the notifiers are not told */
		cxl_accel_err(cxlad->pdev, "reset: cannot tell the regions' state notifiers (%d)\n",
			      n);
		return;
	}
	if (n)
		pci_info(cxlad->pdev, "reset: %d region%s suspended\n", n,
			 n == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		cxl_accel_region_tell(rs[i], CXL_ACCEL_STATE_SUSPENDED);
		cxl_accel_region_put(rs[i]);
	}
	kfree(rs);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_reset_prepare, CXL_ACCEL_NS);

/*
 * Decoder @n of @hdm after the reset: committed again as @cfg says if it
 * reads reset, left alone if it still holds @cfg's range.  @hop is the
 * hop it belongs to, NULL for the endpoint: it names the decoder in the
 * log line of a failure and in the commit's trace event, as the first
 * commit's (commit.c).  Return: 0, -EIO if it holds anything else, or
 * the error of the read or the commit.
 */
static int decoder_restore(struct cxl_accel_region *r,
			   const struct cxl_spec_hdm *hdm, unsigned int n,
			   const struct cxl_spec_hdm_decoder_cfg *cfg,
			   const struct cxl_spec_env *env,
			   const struct cxl_accel_hop *hop)
{
	struct cxl_spec_hdm_decoder dec;
	char what[32] = "endpoint";
	int rc;

	if (hop)
		cxl_accel_hop_name(hop, what, sizeof(what));
	rc = cxl_spec_hdm_decoder_read(hdm, n, &dec);
	if (!rc && dec.committed) {
		if (dec.base == cfg->base && dec.size == cfg->size &&
		    dec.ways == 1)
			return 0;
		cxl_accel_err(r->cxlad->pdev, "region [%#llx-%#llx] lost in the reset: %s decoder %u holds [%#llx-%#llx] now\n",
			      r->hpa, r->hpa + r->size - 1, what, n, dec.base,
			      dec.base + dec.size - 1);
		return -EEXIST;
	}
	if (!rc) {
		rc = cxl_accel_fault(CXL_ACCEL_FAULT_COMMIT) ?:
		     cxl_spec_hdm_commit(hdm, n, cfg, env);
		trace_cxl_accel_decoder_commit(r->cxlad->pdev, r->name,
					       hop ? cxl_accel_hop_id(hop) : "endpoint",
					       n, r->hpa, r->size, rc);
	}
	if (rc)
		cxl_accel_err(r->cxlad->pdev, "region [%#llx-%#llx] lost in the reset: %s decoder %u did not commit again (%d)\n",
			      r->hpa, r->hpa + r->size - 1, what, n, rc);
	return rc;
}

/*
 * Commit @r's path again, from the endpoint up, as cxl_accel_path_commit()
 * did; with the device's lock and the core's port locks held.
 */
static int region_restore(struct cxl_accel_region *r)
{
	struct cxl_accel_dev *cxlad = r->cxlad;
	struct cxl_spec_hdm_decoder_cfg cfg;
	int i, rc;

	lockdep_assert_held(&cxlad->lock);
	cxl_accel_region_cfg(r, &cfg);
	rc = decoder_restore(r, &cxlad->hdm, r->dpa->decoder, &cfg,
			     &cxlad->env, NULL);
	if (rc)
		return rc == -EEXIST ? -EIO : rc;
	cfg.lock_on_commit = false;
	for (i = 0; i < cxlad->path.nr; i++) {
		struct cxl_accel_hop *hop = &cxlad->path.hop[i];

		if (r->hop_decoder[i] < 0)
			continue;
		memset(cfg.targets, 0, sizeof(cfg.targets));
		cfg.targets[0] = hop->target;
		rc = decoder_restore(r, &hop->hdm, r->hop_decoder[i], &cfg,
				     &hop->env, hop);
		if (rc == -EEXIST) {
			/* not ours any more: the unwind must not reset it */
			r->hop_decoder[i] = -1;
			return -EIO;
		}
		if (rc)
			return rc;
	}
	return 0;
}

/*
 * A region that did not come through: every decoder of it that reads
 * committed is reset, so that it decodes nothing (the release then only
 * gives the range back), and it is lost.
 */
static void region_restore_failed(struct cxl_accel_region *r,
				  const struct cxl_accel_core_view *v)
{
	lockdep_assert_held(&r->cxlad->lock);
	if (!cxl_accel_path_uncommit(r, v, r->cxlad->path.nr))
		set_bit(CXL_ACCEL_REGION_UNCOMMITTED, &r->state);
	cxl_accel_region_lose(r);
}

/*
 * Without memory to go through the regions in order: every suspended one
 * is lost (its decoders are left as the reset left them; its release
 * resets what still decodes).  With the device's lock held.
 */
static void lose_all_suspended(struct cxl_accel_dev *cxlad)
{
	struct cxl_accel_region *r;

	lockdep_assert_held(&cxlad->lock);
	list_for_each_entry(r, &cxlad->regions, node)
		if (test_and_clear_bit(CXL_ACCEL_REGION_SUSPENDED, &r->state))
			cxl_accel_region_lose(r);
}

/*
 * The restore of cxl_accel_reset_done(), on its caller's stack or in
 * cxlad->restore_work; with none of cxl_accel's locks held.  @failed: the
 * reset itself failed with that error, and every suspended region is
 * lost without a register touched.
 */
static int regions_restore(struct cxl_accel_dev *cxlad, int failed)
{
	struct pci_dev *pdev = cxlad->pdev;
	struct cxl_accel_region **rs = NULL;
	struct cxl_accel_core_view *v;
	int i, n, rc, first = 0, *res = NULL;

	v = kzalloc(sizeof(*v), GFP_KERNEL);
	mutex_lock(&cxlad->lock);
	n = suspended_regions(cxlad, &rs);
	if (n > 0)
		res = kcalloc(n, sizeof(*res), GFP_KERNEL);
	if (n < 0 || !v || (n > 0 && !res)) {
		cxl_accel_err(pdev, "reset: no memory to restore the regions: they are lost\n");
		lose_all_suspended(cxlad);
		first = -ENOMEM;
		goto out_unlock;
	}
	if (failed) {
		rc = failed;
	} else if (!pci_device_is_present(pdev)) {
		/* no register of it may be touched again */
		rc = -ENODEV;
		if (n)
			cxl_accel_err(pdev, "reset: the device has gone: its regions are lost\n");
	} else {
		rc = n ? cxl_accel_core_lock(cxlad, v, false) : 0;
	}
	if (rc) {
		for (i = 0; i < n; i++) {
			res[i] = rc;
			cxl_accel_region_lose(rs[i]);
		}
		first = rc;
		goto out_unlock;
	}
	if (!n)
		goto out_unlock;
	rc = -ENOENT;
	for (i = 0; i < n; i++) {
		res[i] = region_restore(rs[i]);
		if (!res[i])
			rc = 0;
	}
	/* CXL.mem back on only for a region that is committed again */
	if (!rc)
		rc = cxl_accel_enable_device(cxlad) ?:
		     cxl_accel_mem_wait_active(cxlad);
	for (i = 0; i < n; i++) {
		if (!res[i])
			res[i] = rc ?: cxl_accel_invalidate_caches(pdev, rs[i]->hpa,
								   rs[i]->size,
								   false);
		if (res[i]) {
			first = first ?: res[i];
			region_restore_failed(rs[i], v);
		}
	}
	cxl_accel_core_unlock(v);

out_unlock:
	cxl_accel_registry_reset_over(cxlad, rs, max(n, 0));
	mutex_unlock(&cxlad->lock);
	for (i = 0; i < n; i++) {
		if (res && !res[i]) {
			pci_info(pdev, "reset: region [%#llx-%#llx] restored\n",
				 rs[i]->hpa, rs[i]->hpa + rs[i]->size - 1);
			set_bit(CXL_ACCEL_REGION_RESTORED, &rs[i]->state);
			trace_cxl_accel_region_state(pdev, rs[i]->name,
						     rs[i]->hpa, rs[i]->size,
						     "restored");
			cxl_accel_region_tell(rs[i], CXL_ACCEL_STATE_RESTORED);
		}
		cxl_accel_region_put(rs[i]);
	}
	kfree(rs);
	kfree(res);
	kfree(v);
	return first;
}

int cxl_accel_reset_done(struct cxl_accel_dev *cxlad)
{
	if (!cxlad) {
		pr_err("%s() called with a NULL handle\n", __func__);
		return -EINVAL;
	}
	return regions_restore(cxlad, 0);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_reset_done, CXL_ACCEL_NS);

int cxl_accel_cxl_reset(struct cxl_accel_dev *cxlad, unsigned int flags)
{
	struct cxl_spec_cxl_reset_caps caps;
	bool mem_clr = flags & CXL_ACCEL_CXL_RESET_MEM_CLR;
	struct pci_dev *pdev;
	int rc;

	if (!cxlad) {
		pr_err("%s() called with a NULL handle\n", __func__);
		return -EINVAL;
	}
	pdev = cxlad->pdev;
	if (flags & ~CXL_ACCEL_CXL_RESET_MEM_CLR) {
		cxl_accel_err(pdev, "CXL Reset: unknown flags %#x\n", flags);
		return -EINVAL;
	}
	cxl_accel_fault_watch_cxl_reset(pdev, cxlad->dev_dvsec.offset,
					&cxlad->comp, cxlad->hdm.count);
	mutex_lock(&cxlad->lock);
	rc = cxl_spec_cxl_reset_caps(&cxlad->cfg, &cxlad->env,
				     &cxlad->dev_dvsec, &caps);
	mutex_unlock(&cxlad->lock);
	if (rc) {
		cxl_accel_err(pdev, "CXL Reset: cannot read the device's capability (%d)\n",
			      rc);
		return rc;
	}
	if (!caps.capable || (mem_clr && !caps.mem_clr)) {
		cxl_accel_err(pdev, "CXL Reset%s: the device does not offer it\n",
			      mem_clr ? " with Mem Clr" : "");
		return -EOPNOTSUPP;
	}

	cxl_accel_reset_prepare(cxlad);
	pci_info(pdev, "CXL Reset%s\n", mem_clr ? " with Mem Clr" : "");
	mutex_lock(&cxlad->lock);
	rc = cxl_spec_cxl_reset(&cxlad->cfg, &cxlad->env, &cxlad->dev_dvsec,
				mem_clr);
	mutex_unlock(&cxlad->lock);
	if (rc) {
		/* what the device holds now is unknown: nothing is restored */
		cxl_accel_err(pdev, "CXL Reset failed (%d): the device's regions are lost\n",
			      rc);
		regions_restore(cxlad, rc);
		return rc;
	}
	cxl_accel_fault_cxl_reset_hold();
	return regions_restore(cxlad, 0);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_cxl_reset, CXL_ACCEL_NS);

static struct workqueue_struct *restore_wq;

static void restore_work_fn(struct work_struct *work)
{
	struct cxl_accel_dev *cxlad = container_of(work, struct cxl_accel_dev,
						   restore_work);

	/* each region's outcome is logged and told to its notifiers */
	regions_restore(cxlad, 0);
	cxl_accel_dev_put(cxlad);
}

void cxl_accel_reset_dev_init(struct cxl_accel_dev *cxlad)
{
	INIT_WORK(&cxlad->restore_work, restore_work_fn);
}

int cxl_accel_slot_reset(struct cxl_accel_dev *cxlad)
{
	if (!cxlad) {
		pr_err("%s() called with a NULL handle\n", __func__);
		return -EINVAL;
	}
	cxl_accel_dev_get(cxlad);
	if (!queue_work(restore_wq, &cxlad->restore_work))
		cxl_accel_dev_put(cxlad);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_slot_reset, CXL_ACCEL_NS);

int cxl_accel_reset_init(void)
{
	restore_wq = alloc_workqueue("cxl_accel_restore", WQ_UNBOUND, 0);
	return restore_wq ? 0 : -ENOMEM;
}

/* After the last vendor driver: waits for a restore still under way. */
void cxl_accel_reset_exit(void)
{
	destroy_workqueue(restore_wq);
}

enum cxl_accel_state cxl_accel_region_state(struct cxl_accel_region *r)
{
	if (!r || test_bit(CXL_ACCEL_REGION_REVOKED, &r->state))
		return CXL_ACCEL_STATE_LOST;
	if (test_bit(CXL_ACCEL_REGION_SUSPENDED, &r->state))
		return CXL_ACCEL_STATE_SUSPENDED;
	return CXL_ACCEL_STATE_ACTIVE;
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_state, CXL_ACCEL_NS);
