// SPDX-License-Identifier: GPL-2.0-only
/*
 * Adopting decoders that are committed already: by firmware, or by an
 * earlier load of cxl_accel that was told to keep a region
 * (CXL_ACCEL_REGION_KEEP or _LOCK).
 *
 * Nothing is written to a decoder.  The path is read from the hardware and
 * checked link by link, and each broken link is refused with one log line:
 *  - the endpoint decoder decodes one way (one device, no interleave) and
 *    its DPA lies inside the device's capacity;
 *  - its HPA lies inside a CXL window that targets the device's host
 *    bridge and may hold device-coherent volatile memory (window.c);
 *  - every switch and host bridge with HDM decoders has a committed
 *    decoder covering that HPA that routes it, one way, to the downstream
 *    port on the path;
 *  - where the CXL core tracks a hop, its objects say what the hardware
 *    says (core.c); without the layouts to check that (6.1), such a hop is
 *    refused;
 *  - nothing else holds part of the range: a busy reservation of exactly
 *    the range (a claim an earlier load kept, or firmware's) is taken
 *    over, anything else is refused.
 * The range is then claimed the same private way as a created region's,
 * the device's HDM decoding and CXL.mem are switched on if firmware left
 * them off, and on kernels with the mainline Type-2 attach API the region
 * is handed to the CXL core (mainline.c).  No CPU caches are invalidated:
 * nothing changes how the range decodes.  An adopted region is never
 * reset: its last put leaves the decoders committed and the range
 * claimed, for the next load to adopt again.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/overflow.h>
#include <linux/pci.h>
#include <linux/slab.h>

#include <cxl_accel.h>

#include "compat/compat.h"
#include "cxl_accel_trace.h"
#include "fault.h"
#include "internal.h"

/* What adoption reads of the path, too big for the stack. */
struct adopt_ctx {
	struct cxl_accel_core_view view;
	struct cxl_spec_hdm_decoder ep;
	struct cxl_spec_hdm_decoder hop[CXL_ACCEL_MAX_HOPS];
	char what[40];
	char why_not[128];
};

/* The lowest committed endpoint decoder that no reservation of ours uses. */
static int adopt_pick(struct cxl_accel_dev *cxlad, unsigned int *id)
{
	struct cxl_accel_dpa *d;
	unsigned int n, i;
	bool used;
	int rc;

	rc = cxl_accel_hdm_committed(&cxlad->hdm, &n);
	if (rc) {
		cxl_accel_err(cxlad->pdev, "adopt: cannot read the endpoint decoders (%d)\n", rc);
		return rc;
	}
	for (i = 0; i < n; i++) {
		used = false;
		list_for_each_entry(d, &cxlad->dpas, node)
			used |= d->decoder == i;
		if (!used) {
			*id = i;
			return 0;
		}
	}
	cxl_accel_err(cxlad->pdev, "adopt: no committed endpoint decoder left to adopt (%u committed, all in use)\n",
		      n);
	return -ENOENT;
}

/* Endpoint decoder @id: one way, with its DPA inside the capacity. */
static int adopt_endpoint(struct cxl_accel_dev *cxlad, unsigned int id,
			  struct cxl_spec_hdm_decoder *dec,
			  struct cxl_accel_dpa *dpa)
{
	struct pci_dev *pdev = cxlad->pdev;
	u64 end;
	int rc;

	rc = cxl_accel_fault(CXL_ACCEL_FAULT_ADOPT_READ) ?:
	     cxl_spec_hdm_decoder_read(&cxlad->hdm, id, dec);
	if (rc) {
		cxl_accel_err(pdev, "adopt: cannot read endpoint decoder %u (%d)\n", id, rc);
		return rc;
	}
	if (dec->ways != 1) {
		cxl_accel_err(pdev, "adopt: endpoint decoder %u interleaves (IW %#x): only a 1-way decoder can be adopted\n",
			      id, dec->eiw);
		return -EOPNOTSUPP;
	}
	if (!dec->size) {
		cxl_accel_err(pdev, "adopt: endpoint decoder %u is committed with size 0\n", id);
		return -EINVAL;
	}
	rc = cxl_spec_hdm_dpa_range(&cxlad->hdm, id, &cxlad->env, &dpa->base,
				    &dpa->size);
	if (rc) {
		cxl_accel_err(pdev, "adopt: endpoint decoder %u: its DPA cannot be worked out (%d)\n",
			      id, rc);
		return rc;
	}
	/* firmware's values: base + size may wrap */
	if (check_add_overflow(dpa->base, dpa->size, &end)) {
		cxl_accel_err(pdev, "adopt: endpoint decoder %u: DPA base %#llx + size %#llx wraps around\n",
			      id, dpa->base, dpa->size);
		return -ERANGE;
	}
	if (end > cxlad->capacity) {
		cxl_accel_err(pdev, "adopt: endpoint decoder %u: DPA [%#llx-%#llx] is beyond the device's %#llx bytes\n",
			      id, dpa->base, end - 1, cxlad->capacity);
		return -ERANGE;
	}
	if (check_add_overflow(dec->base, dec->size - 1, &end)) {
		cxl_accel_err(pdev, "adopt: endpoint decoder %u: HPA base %#llx + size %#llx wraps around\n",
			      id, dec->base, dec->size);
		return -ERANGE;
	}
	dpa->decoder = id;
	dpa->skip = dec->dpa_skip;
	return 0;
}

/*
 * Hop @i: a committed decoder covering [@hpa, @hpa + @size) that routes
 * it to the downstream port on the path; its index in *@id (-1 for a hop
 * without HDM decoders).
 */
static int adopt_hop(struct cxl_accel_dev *cxlad, unsigned int i, u64 hpa,
		     u64 size, struct cxl_spec_hdm_decoder *dec, int *id)
{
	const struct cxl_accel_hop *hop = &cxlad->path.hop[i];
	struct pci_dev *pdev = cxlad->pdev;
	/* adopt_endpoint() checked that this does not wrap */
	u64 end = hpa + size - 1, dec_end;
	unsigned int n, j;
	char name[48];
	int rc;

	*id = -1;
	if (!hop->has_hdm)
		return 0;
	cxl_accel_hop_name(hop, name, sizeof(name));
	rc = cxl_accel_hdm_committed(&hop->hdm, &n);
	for (j = 0; !rc && j < n; j++) {
		rc = cxl_spec_hdm_decoder_read(&hop->hdm, j, dec);
		if (rc)
			break;
		if (!dec->size || check_add_overflow(dec->base, dec->size - 1,
						     &dec_end)) {
			cxl_accel_err(pdev, "adopt: hop %u (%s): decoder %u: base %#llx + size %#llx wraps around or is empty\n",
				      i, name, j, dec->base, dec->size);
			return -ERANGE;
		}
		if (dec->base <= hpa && end <= dec_end)
			break;
	}
	if (rc) {
		cxl_accel_err(pdev, "adopt: hop %u (%s): cannot read its decoders (%d)\n",
			      i, name, rc);
		return rc;
	}
	if (j == n) {
		cxl_accel_err(pdev, "adopt: hop %u (%s): no committed decoder covers HPA [%#llx-%#llx]\n",
			      i, name, hpa, end);
		return -ENXIO;
	}
	if (dec->ways != 1) {
		cxl_accel_err(pdev, "adopt: hop %u (%s): decoder %u interleaves HPA [%#llx-%#llx] (IW %#x); it must route it to %s (port %u) alone\n",
			      i, name, j, hpa, end, dec->eiw, pci_name(hop->dport),
			      hop->target);
		return -ENXIO;
	}
	if (dec->targets[0] != hop->target) {
		cxl_accel_err(pdev, "adopt: hop %u (%s): decoder %u routes HPA [%#llx-%#llx] to port %u, not to %s (port %u) on the path\n",
			      i, name, j, hpa, end, dec->targets[0], pci_name(hop->dport),
			      hop->target);
		return -ENXIO;
	}
	*id = j;
	return 0;
}

/*
 * Check the whole path of endpoint decoder @id, with the core's port locks
 * held; every broken link is logged.  Fills @r and @dpa.
 * Return: 0, or the error of the first broken link.
 */
static int adopt_validate(struct cxl_accel_dev *cxlad, unsigned int id,
			  struct adopt_ctx *ctx, struct cxl_accel_region *r,
			  struct cxl_accel_dpa *dpa)
{
	const struct cxl_accel_path *path = &cxlad->path;
	enum cxl_lib_memtype mt;
	int err, rc;
	unsigned int i;

	err = adopt_endpoint(cxlad, id, &ctx->ep, dpa);
	if (err)
		return err;
	r->hpa = ctx->ep.base;
	r->size = ctx->ep.size;
	r->granularity = ctx->ep.granularity;
	r->lock = ctx->ep.lock_on_commit;
	snprintf(ctx->what, sizeof(ctx->what), "adopt: endpoint decoder %u", id);
	err = cxl_accel_window_of(cxlad->pdev, path->hop[path->nr - 1].uid,
				  r->hpa, r->size, ctx->what, &r->window);
	/* firmware decoded it: its memory map must agree with the device */
	if (!err)
		err = cxl_accel_memtype_check(cxlad, dpa->base, dpa->size, &mt);
	if (!err)
		cxl_accel_memtype_fw_range(cxlad, mt, r->hpa, r->size);
	for (i = 0; i < path->nr; i++) {
		rc = adopt_hop(cxlad, i, r->hpa, r->size, &ctx->hop[i],
			       &r->hop_decoder[i]);
		if (!rc && r->hop_decoder[i] >= 0)
			rc = cxl_accel_core_may_adopt(cxlad, &ctx->view, i,
						      r->hop_decoder[i],
						      &ctx->hop[i]);
		if (!err)
			err = rc;
	}
	return err;
}

/*
 * Why the CXL core could not assemble its own region from the validated
 * path of endpoint decoder @id (see mainline.c), or NULL if it can.
 */
static const char *handoff_refused(struct cxl_accel_dev *cxlad,
				   unsigned int id, struct adopt_ctx *ctx,
				   const struct cxl_accel_region *r)
{
	const struct cxl_accel_path *path = &cxlad->path;
	const struct cxl_spec_hdm_decoder *dec;
	char name[48];
	unsigned int i;

	if (id || !list_empty(&cxlad->regions))
		return "the CXL core attaches the device's first region, and this is not it";
	for (i = 0; i < path->nr; i++) {
		cxl_accel_hop_name(&path->hop[i], name, sizeof(name));
		dec = &ctx->hop[i];
		if (!path->hop[i].has_hdm)
			snprintf(ctx->why_not, sizeof(ctx->why_not),
				 "the CXL core cannot assemble a region through %s, which has no HDM decoders",
				 name);
		else if (dec->base != r->hpa || dec->size != r->size)
			snprintf(ctx->why_not, sizeof(ctx->why_not),
				 "%s decodes [%#llx-%#llx], and the CXL core needs exactly the region's range there",
				 name, dec->base, dec->base + dec->size - 1);
		else
			continue;
		return ctx->why_not;
	}
	return NULL;
}

/*
 * Adopt the device's lowest committed endpoint decoder that no region of
 * this load uses (see the top of this file): the exported
 * cxl_accel_region_adopt() of each API version checks its arguments and
 * calls this.  Region flags @rf: only CXL_ACCEL_RF_KEEP, and adopted
 * regions are kept anyway.
 */
struct cxl_accel_region *cxl_accel_adopt(struct cxl_accel_dev *cxlad,
					 unsigned long rf)
{
	struct cxl_accel_region *r;
	struct cxl_accel_dpa *dpa;
	struct adopt_ctx *ctx;
	struct pci_dev *pdev;
	const char *why_not;
	unsigned int id;
	int rc;

	pdev = cxlad->pdev;
	rc = cxl_accel_mem_wait_active(cxlad);
	if (rc)
		return ERR_PTR(rc);
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	dpa = kzalloc(sizeof(*dpa), GFP_KERNEL);
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!r || !dpa || !ctx) {
		rc = -ENOMEM;
		goto err_free;
	}

	for (id = 0; id < CXL_ACCEL_MAX_HOPS; id++)
		r->hop_decoder[id] = -1;
	mutex_lock(&cxlad->lock);
	if (READ_ONCE(cxlad->resetting)) {
		cxl_accel_err(cxlad->pdev, "nothing adopted while a reset of the device is under way\n");
		rc = -EBUSY;
		goto err_unlock;
	}
	rc = adopt_pick(cxlad, &id);
	if (rc)
		goto err_unlock;
	rc = cxl_accel_core_lock(cxlad, &ctx->view, false);
	if (rc)
		goto err_unlock;
	rc = adopt_validate(cxlad, id, ctx, r, dpa);
	if (!rc)
		rc = cxl_accel_claim(pdev, &ctx->view, &r->window, r->hpa,
				     r->size, true, &r->res, NULL);
	/*
	 * On failure of the enable, logged: the decoders decode the range
	 * whatever happens, so the claim stays, like a kept one, for a later
	 * adoption.
	 */
	if (!rc)
		rc = cxl_accel_enable_device(cxlad);
	if (rc) {
		if (r->res)
			cxl_accel_claim_keep(r->res);
		cxl_accel_core_unlock(&ctx->view);
		goto err_unlock;
	}
	why_not = handoff_refused(cxlad, id, ctx, r);

	kref_init(&r->kref);
	INIT_LIST_HEAD(&r->maps);
	mutex_init(&r->maps_lock);
	r->cxlad = cxlad;
	r->dpa = dpa;
	r->keep = true;
	r->adopted = true;
	cxl_accel_sysfs_name_region(r);
	/*
	 * Listed for the bus notifiers before the port locks go: a port of
	 * the path removed from now on finds the region and revokes it.
	 */
	cxl_accel_registry_add(r);
	cxl_accel_core_unlock(&ctx->view);
	dpa->cxlad = cxl_accel_dev_get(cxlad);
	cxl_accel_dpa_insert(dpa);
	cxl_accel_mainline_attach(r, why_not);
	cxl_accel_region_publish(r);
	pci_info(pdev, "adopted region [%#llx-%#llx] (DPA %#llx, decoder %u) in CXL window %#llx%s%s%s\n",
		 r->hpa, r->hpa + r->size - 1, dpa->base, dpa->decoder,
		 r->window.base, r->lock ? ", locked" : "",
		 r->handed ? ", the CXL core's as " : "",
		 r->handed ? cxlad->core.memdev : "");
	mutex_unlock(&cxlad->lock);
	trace_cxl_accel_region_request(pdev, r->name, r->hpa, r->size,
				       "adopted", 0);
	kfree(ctx);
	return r;

err_unlock:
	mutex_unlock(&cxlad->lock);
err_free:
	trace_cxl_accel_region_request(pdev, "(none)", r ? r->hpa : 0,
				       r ? r->size : 0, "adopted", rc);
	kfree(ctx);
	kfree(dpa);
	kfree(r);
	return ERR_PTR(rc);
}
