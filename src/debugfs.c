// SPDX-License-Identifier: GPL-2.0-only
/*
 * debugfs: /sys/kernel/debug/cxl_accel/<pci address>/state shows, for each
 * probed device, everything the probe found and every decoder's current
 * state, one "name: key=value ..." line per item, so that people can read
 * it and tests can parse it.  Registers are read afresh on every read.
 * .../cxl_accel/windows lists the CXL windows of the CEDT.
 */

#include <linux/debugfs.h>
#include <linux/pci.h>
#include <linux/seq_file.h>

#include "fault.h"
#include "internal.h"

static struct dentry *cxl_accel_debugfs_root;

static const char *regblock_state_name(enum cxl_spec_regblock_state state)
{
	switch (state) {
	case CXL_SPEC_REGBLOCK_OK:
		return "ok";
	case CXL_SPEC_REGBLOCK_UNKNOWN:
		return "unknown-id";
	case CXL_SPEC_REGBLOCK_BAD_BIR:
		return "bad-bir";
	case CXL_SPEC_REGBLOCK_BEYOND_BAR:
		return "beyond-bar";
	case CXL_SPEC_REGBLOCK_DUPLICATE:
		return "duplicate";
	case CXL_SPEC_REGBLOCK_OVERLAP:
		return "overlap";
	}
	return "?";
}

static void show_dvsecs(struct seq_file *s, struct cxl_accel_dev *cxlad)
{
	const struct cxl_spec_dev_dvsec *d = &cxlad->dev_dvsec;
	struct cxl_spec_flexbus_dvsec fb;
	struct cxl_spec_gpf_dvsec gpf;
	unsigned int i;

	for (i = 0; i < cxlad->dvsecs.nr; i++) {
		const struct cxl_spec_dvsec *v = &cxlad->dvsecs.dvsec[i];

		seq_printf(s, "dvsec%u: offset=%#x id=%#x rev=%u len=%#x valid=%d name=\"%s\"\n",
			   i, v->offset, v->id, v->rev, v->len, v->valid,
			   cxl_spec_dvsec_name(v->id));
	}
	seq_printf(s, "device: offset=%#x rev=%u cap=%#06x cache=%d io=%d mem=%d mem_hwinit=%d hdm_count=%u viral=%d mld=%d\n",
		   d->offset, d->rev, d->cap, d->cache_capable, d->io_capable,
		   d->mem_capable, d->mem_hwinit, d->hdm_count, d->viral_capable,
		   d->mld);
	seq_printf(s, "device_ctrl: ctrl=%#06x status=%#06x ctrl2=%#06x status2=%#06x lock=%#06x cap2=%#06x mem_enabled=%d config_locked=%d\n",
		   d->ctrl, d->status, d->ctrl2, d->status2, d->lock, d->cap2,
		   d->mem_enabled, d->config_locked);
	for (i = 0; i < CXL_SPEC_DEV_RANGES; i++) {
		const struct cxl_spec_dev_range *r = &d->range[i];

		seq_printf(s, "range%u: size=%#llx base=%#llx info_valid=%d active=%d media_type=%u memory_class=%u desired_interleave=%u active_timeout=%u\n",
			   i + 1, r->size, r->base, r->info_valid, r->active,
			   r->media_type, r->memory_class, r->desired_interleave,
			   r->active_timeout);
	}
	if (!cxl_spec_dvsec_read_flexbus(&cxlad->cfg, &cxlad->env,
					 &cxlad->dvsecs, &fb))
		seq_printf(s, "flexbus: offset=%#x rev=%u cap=%#06x ctrl=%#06x status=%#06x\n",
			   fb.offset, fb.rev, fb.cap, fb.ctrl, fb.status);
	if (!cxl_spec_dvsec_read_dev_gpf(&cxlad->cfg, &cxlad->env,
					 &cxlad->dvsecs, &gpf))
		seq_printf(s, "gpf: offset=%#x phase2_timeout_us=%llu phase2_power_mw=%u\n",
			   gpf.offset, gpf.phase2_timeout_us, gpf.phase2_power_mw);
}

static void show_regblocks(struct seq_file *s, struct cxl_accel_dev *cxlad)
{
	const struct cxl_spec_comp *c = &cxlad->caps;
	unsigned int i;

	seq_printf(s, "regloc: offset=%#x blocks=%u\n", cxlad->regloc.offset,
		   cxlad->regloc.nr);
	for (i = 0; i < cxlad->regloc.nr; i++) {
		const struct cxl_spec_regblock *b = &cxlad->regloc.block[i];

		seq_printf(s, "regblock%u: id=%u bir=%u offset=%#llx size=%#llx state=%s name=\"%s\"\n",
			   b->entry, b->id, b->bir, b->offset, b->size,
			   regblock_state_name(b->state),
			   cxl_spec_regblock_name(b->id));
	}
	seq_printf(s, "component: phys=%pa size=%#x cap_version=%u cachemem_version=%u caps=%u\n",
		   &cxlad->comp.phys, cxlad->comp.mmio.size, c->cap_version,
		   c->cachemem_version, c->nr);
	for (i = 0; i < c->nr; i++)
		seq_printf(s, "cap%u: id=%#x version=%u offset=%#x name=\"%s\"\n",
			   i, c->cap[i].id, c->cap[i].version, c->cap[i].offset,
			   cxl_spec_comp_cap_name(c->cap[i].id));
}

static void show_decoders(struct seq_file *s, const char *who,
			  const struct cxl_spec_hdm *h)
{
	struct cxl_spec_hdm_decoder dec;
	bool enabled = false;
	unsigned int n, t;

	cxl_spec_hdm_enabled(h, &enabled);
	seq_printf(s, "%shdm: offset=%#x cap=%#x decoders=%u target_count=%u a11to8=%d a14to12=%d poison=%d iw_3_6_12=%d iw_16=%d enabled=%d\n",
		   who, h->offset, h->cap, h->count, h->target_count, h->a11to8,
		   h->a14to12, h->poison_on_decode_err, h->iw_3_6_12, h->iw_16,
		   enabled);
	for (n = 0; n < h->count; n++) {
		if (cxl_spec_hdm_decoder_read(h, n, &dec)) {
			seq_printf(s, "%sdecoder%u: unreadable\n", who, n);
			continue;
		}
		seq_printf(s, "%sdecoder%u: state=%s base=%#llx size=%#llx ways=%u granularity=%u ctrl=%#x lock_on_commit=%d commit=%d committed=%d error=%d hostonly=%d",
			   who, n, cxl_spec_hdm_state_name(dec.state), dec.base,
			   dec.size, dec.ways, dec.granularity, dec.ctrl,
			   dec.lock_on_commit, dec.commit, dec.committed,
			   dec.err_not_committed, dec.hostonly);
		if (h->endpoint) {
			seq_printf(s, " dpa_skip=%#llx\n", dec.dpa_skip);
			continue;
		}
		seq_puts(s, " targets=");
		for (t = 0; t < max(dec.ways, 1U) && t < CXL_SPEC_HDM_MAX_TARGETS; t++)
			seq_printf(s, "%s%u", t ? "," : "", dec.targets[t]);
		seq_putc(s, '\n');
	}
}

static void show_path(struct seq_file *s, struct cxl_accel_dev *cxlad)
{
	char who[16];
	unsigned int i;

	for (i = 0; i < cxlad->path.nr; i++) {
		const struct cxl_accel_hop *hop = &cxlad->path.hop[i];

		if (hop->kind == CXL_ACCEL_HOP_HOST_BRIDGE)
			seq_printf(s, "hop%u: kind=host-bridge uid=%u dport=%s target=%u comp=%pa hdm=%d\n",
				   i, hop->uid, pci_name(hop->dport), hop->target,
				   &hop->comp.phys, hop->has_hdm);
		else
			seq_printf(s, "hop%u: kind=switch port=%s dport=%s target=%u comp=%pa hdm=%d\n",
				   i, pci_name(hop->port), pci_name(hop->dport),
				   hop->target, &hop->comp.phys, hop->has_hdm);
		if (hop->has_hdm) {
			snprintf(who, sizeof(who), "hop%u.", i);
			show_decoders(s, who, &hop->hdm);
		}
	}
}

static void show_regions(struct seq_file *s, struct cxl_accel_dev *cxlad)
{
	struct cxl_accel_region *r;
	struct cxl_accel_dpa *d;
	unsigned int i;

	seq_printf(s, "capacity: %#llx\n", cxlad->capacity);
	list_for_each_entry(d, &cxlad->dpas, node)
		seq_printf(s, "dpa: decoder=%u base=%#llx size=%#llx skip=%#llx region=%d\n",
			   d->decoder, d->base, d->size, d->skip, !!d->region);
	list_for_each_entry(r, &cxlad->regions, node) {
		seq_printf(s, "region: hpa=%#llx size=%#llx dpa=%#llx decoder=%u window=%#llx revoked=%d keep=%d lock=%d adopted=%d core=%s hops=",
			   r->hpa, r->size, r->dpa->base, r->dpa->decoder,
			   r->window.base,
			   test_bit(CXL_ACCEL_REGION_REVOKED, &r->state),
			   r->keep, r->lock, r->adopted,
			   r->handed ? cxlad->core.memdev : "-");
		for (i = 0; i < cxlad->path.nr; i++)
			seq_printf(s, "%s%d", i ? "," : "", r->hop_decoder[i]);
		seq_putc(s, '\n');
		if (r->setup_ns)
			seq_printf(s, "timing: hpa=%#llx setup_ns=%llu wait_ns=%llu accesses=%llu\n",
				   r->hpa, r->setup_ns, r->setup_wait_ns,
				   r->setup_accesses);
	}
}

/* The CDAT as the spec layer read it: one line per structure it kept. */
static void show_cdat(struct seq_file *s, struct cxl_accel_dev *cxlad)
{
	const struct cxl_spec_cdat *c = &cxlad->cdat;
	struct cxl_spec_dslbis l;
	struct cxl_spec_dsemts e;
	struct cxl_spec_dsmas d;
	unsigned int i;

	seq_printf(s, "memtype: %s\n", cxl_accel_memtype_of_device(cxlad));
	if (!cxlad->cdat_buf) {
		seq_puts(s, "cdat: none\n");
		return;
	}
	seq_printf(s, "cdat: length=%u revision=%u sequence=%u dsmas=%u dslbis=%u dsemts=%u sslbis=%u other=%u bad=%u unknown=%u\n",
		   c->len, c->revision, c->sequence, c->nr_dsmas, c->nr_dslbis,
		   c->nr_dsemts, c->nr_sslbis, c->nr_other, c->nr_bad,
		   c->nr_unknown);
	for (i = 0; !cxl_spec_cdat_dsmas(c, i, &d); i++)
		seq_printf(s, "cdat dsmas: handle=%u flags=%#x dpa=%#llx length=%#llx\n",
			   d.handle, d.flags, d.dpa_base, d.dpa_length);
	for (i = 0; !cxl_spec_cdat_dslbis(c, i, &l); i++)
		seq_printf(s, "cdat dslbis: handle=%u type=%u unit=%llu entry=%u\n",
			   l.handle, l.data_type, l.base_unit, l.entry[0]);
	for (i = 0; !cxl_spec_cdat_dsemts(c, i, &e); i++)
		seq_printf(s, "cdat dsemts: handle=%u type=%u offset=%#llx length=%#llx\n",
			   e.handle, e.type, e.dpa_offset, e.dpa_length);
}

static int state_show(struct seq_file *s, void *unused)
{
	struct cxl_accel_dev *cxlad = s->private;

	mutex_lock(&cxlad->lock);
	seq_printf(s, "pci: %s vendor=%#06x device=%#06x\n", pci_name(cxlad->pdev),
		   cxlad->pdev->vendor, cxlad->pdev->device);
	show_dvsecs(s, cxlad);
	show_regblocks(s, cxlad);
	if (cxlad->has_hdm)
		show_decoders(s, "", &cxlad->hdm);
	show_path(s, cxlad);
	show_cdat(s, cxlad);
	show_regions(s, cxlad);
	mutex_unlock(&cxlad->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(state);

void cxl_accel_debugfs_add_dev(struct cxl_accel_dev *cxlad)
{
	cxlad->debugfs = debugfs_create_dir(pci_name(cxlad->pdev),
					    cxl_accel_debugfs_root);
	debugfs_create_file("state", 0400, cxlad->debugfs, cxlad, &state_fops);
}

void cxl_accel_debugfs_remove_dev(struct cxl_accel_dev *cxlad)
{
	debugfs_remove_recursive(cxlad->debugfs);
	cxlad->debugfs = NULL;
}

/* Live objects of the whole module, for leak checks. */
static int stats_show(struct seq_file *s, void *unused)
{
	seq_printf(s, "regions=%d dpas=%d maps=%d parked=%u\n",
		   atomic_read(&cxl_accel_nr_regions),
		   atomic_read(&cxl_accel_nr_dpas),
		   atomic_read(&cxl_accel_nr_maps), cxl_accel_nr_parked());
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

/* The platform's CXL windows, as cxl_accel read them from the CEDT. */
static int windows_show(struct seq_file *s, void *unused)
{
	cxl_accel_windows_show(s);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(windows);

void cxl_accel_debugfs_init(void)
{
	cxl_accel_debugfs_root = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("stats", 0400, cxl_accel_debugfs_root, NULL,
			    &stats_fops);
	debugfs_create_file("windows", 0400, cxl_accel_debugfs_root, NULL,
			    &windows_fops);
	cxl_accel_fault_init(cxl_accel_debugfs_root);
}

void cxl_accel_debugfs_exit(void)
{
	debugfs_remove_recursive(cxl_accel_debugfs_root);
}
