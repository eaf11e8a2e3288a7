// SPDX-License-Identifier: GPL-2.0-only
/*
 * Probing a vendor driver's PCI function as a CXL accelerator: its CXL
 * DVSECs, its register blocks, its component registers and its HDM
 * decoders.  No memory is set up here.
 *
 * The exported calls are documented in include/cxl_accel.h.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/err.h>
#include <linux/pci.h>
#include <linux/slab.h>

#include <cxl_accel.h>

#include "compat/compat.h"
#include "fault.h"
#include "internal.h"
#include "spec/memactive.h"

/*
 * The spec layer walks the capability list itself so that the same code
 * runs in the unit tests; where the kernel has its own DVSEC lookup, the
 * two must agree on where the device DVSEC is.
 */
static void check_dvsec_offset(struct cxl_accel_dev *cxlad, u16 ours)
{
#ifdef CXL_ACCEL_HAVE_PCI_FIND_DVSEC_CAPABILITY
	u16 kernel = pci_find_dvsec_capability(cxlad->pdev,
					       CXL_SPEC_DVSEC_VENDOR_ID,
					       CXL_SPEC_DVSEC_DEVICE);

	if (kernel != ours)
		pci_warn(cxlad->pdev, "CXL device DVSEC at %#x, but the PCI core finds it at %#x\n",
			 ours, kernel);
#endif
}

static int map_component_regs(struct cxl_accel_dev *cxlad)
{
	struct pci_dev *pdev = cxlad->pdev;
	const struct cxl_spec_regblock *blk;
	u64 bar_size[CXL_SPEC_NUM_BARS];
	int i, rc;

	for (i = 0; i < CXL_SPEC_NUM_BARS; i++)
		bar_size[i] = pci_resource_flags(pdev, i) & IORESOURCE_MEM ?
			      pci_resource_len(pdev, i) : 0;
	rc = cxl_spec_regloc_read(&cxlad->cfg, &cxlad->env, &cxlad->dvsecs,
				  bar_size, &cxlad->regloc);
	if (rc) {
		cxl_accel_err(pdev, "no usable CXL Register Locator DVSEC (%d)\n", rc);
		return rc;
	}
	blk = cxl_spec_regloc_find(&cxlad->regloc, CXL_SPEC_RBI_COMPONENT, 0);
	if (!blk) {
		cxl_accel_err(pdev, "the Register Locator lists no valid component register block\n");
		return -ENODEV;
	}
	rc = cxl_accel_fault(CXL_ACCEL_FAULT_PROBE_REGS);
	if (!rc)
		rc = cxl_accel_mmio_map(&cxlad->comp,
					pci_resource_start(pdev, blk->bir) +
					blk->offset, blk->size);
	if (rc) {
		cxl_accel_err(pdev, "cannot map the component registers at BAR%u+%#llx\n",
			      blk->bir, blk->offset);
		return rc;
	}
	rc = cxl_spec_comp_parse(&cxlad->comp.mmio, &cxlad->env, &cxlad->caps);
	if (rc)
		cxl_accel_err(pdev, "no CXL capability array in the component registers (%d)\n",
			      rc);
	return rc;
}

static int init_hdm(struct cxl_accel_dev *cxlad)
{
	const struct cxl_spec_comp_cap *cap;
	int rc;

	cap = cxl_spec_comp_find(&cxlad->caps, CXL_SPEC_CM_CAP_HDM, 1);
	if (!cap) {
		cxl_accel_err(cxlad->pdev, "no HDM decoder capability: devices that decode with their DVSEC ranges only are not supported\n");
		return -EOPNOTSUPP;
	}
	rc = cxl_spec_hdm_init(&cxlad->hdm, &cxlad->comp.mmio, cap->offset,
			       true, &cxlad->env);
	if (rc) {
		cxl_accel_err(cxlad->pdev, "unusable HDM decoder capability (%d)\n", rc);
		return rc;
	}
	cxl_accel_fault_note_hdm(&cxlad->comp, cap->offset);
	cxlad->has_hdm = true;
	return 0;
}

static void cxl_accel_dev_release(struct kref *kref)
{
	struct cxl_accel_dev *cxlad = container_of(kref, struct cxl_accel_dev,
						   kref);

	cxl_accel_debugfs_remove_dev(cxlad);
	cxl_accel_sysfs_remove_dev(cxlad);
	cxl_accel_path_release(cxlad);
	cxl_accel_mmio_unmap(&cxlad->comp);
	cxl_accel_cdat_free(cxlad);
	pci_dev_put(cxlad->pdev);
	mutex_destroy(&cxlad->request_lock);
	mutex_destroy(&cxlad->lock);
	kfree(cxlad);
}

struct cxl_accel_dev *cxl_accel_probe(struct pci_dev *pdev)
{
	const struct cxl_spec_dvsec *dvsec;
	struct cxl_accel_info info;
	struct cxl_accel_dev *cxlad;
	int rc;

	if (!pdev) {
		pr_err("%s() called with a NULL device\n", __func__);
		return ERR_PTR(-EINVAL);
	}
	if (!pci_is_enabled(pdev)) {
		cxl_accel_err(pdev, "%s() needs the device enabled first\n", __func__);
		return ERR_PTR(-EINVAL);
	}
	cxlad = kzalloc(sizeof(*cxlad), GFP_KERNEL);
	if (!cxlad)
		return ERR_PTR(-ENOMEM);
	kref_init(&cxlad->kref);
	mutex_init(&cxlad->lock);
	mutex_init(&cxlad->request_lock);
	INIT_LIST_HEAD(&cxlad->dpas);
	INIT_LIST_HEAD(&cxlad->regions);
	INIT_LIST_HEAD(&cxlad->sysfs_node);
	ida_init(&cxlad->region_ida);
	spin_lock_init(&cxlad->refusal_lock);
	cxl_accel_reset_dev_init(cxlad);
	cxlad->pdev = pci_dev_get(pdev);
	cxl_accel_cfg_init(&cxlad->cfg, pdev);
	cxl_accel_env_init(&cxlad->env, &pdev->dev);

	rc = cxl_accel_fault(CXL_ACCEL_FAULT_PROBE_DVSEC) ?:
	     cxl_spec_dvsec_scan(&cxlad->cfg, &cxlad->env, &cxlad->dvsecs);
	if (rc) {
		cxl_accel_err(pdev, "cannot read the PCIe extended capabilities (%d)\n", rc);
		goto err;
	}
	dvsec = cxl_spec_dvsec_find(&cxlad->dvsecs, CXL_SPEC_DVSEC_DEVICE);
	if (!dvsec) {
		cxl_accel_err(pdev, "no valid PCIe DVSEC for CXL Devices: not a CXL device\n");
		rc = -ENODEV;
		goto err;
	}
	check_dvsec_offset(cxlad, dvsec->offset);
	rc = cxl_spec_dvsec_read_device(&cxlad->cfg, &cxlad->env, &cxlad->dvsecs,
					&cxlad->dev_dvsec);
	if (rc) {
		cxl_accel_err(pdev, "cannot read the PCIe DVSEC for CXL Devices (%d)\n", rc);
		goto err;
	}
	if (!cxlad->dev_dvsec.mem_capable) {
		cxl_accel_err(pdev, "the device is not CXL.mem capable\n");
		rc = -ENODEV;
		goto err;
	}
	rc = map_component_regs(cxlad);
	if (rc)
		goto err;
	rc = init_hdm(cxlad);
	if (rc)
		goto err;
	rc = cxl_accel_path_discover(cxlad);
	if (rc)
		goto err;
	cxl_accel_get_info(cxlad, &info);
	cxlad->capacity = info.capacity;
	cxl_accel_cdat_read(cxlad);
	cxl_accel_debugfs_add_dev(cxlad);
	cxl_accel_sysfs_add_dev(cxlad);
	return cxlad;

err:
	cxl_accel_dev_put(cxlad);
	return ERR_PTR(rc);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_probe, CXL_ACCEL_NS);

struct cxl_accel_dev *cxl_accel_dev_get(struct cxl_accel_dev *cxlad)
{
	if (!IS_ERR_OR_NULL(cxlad))
		kref_get(&cxlad->kref);
	return cxlad;
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_dev_get, CXL_ACCEL_NS);

void cxl_accel_dev_put(struct cxl_accel_dev *cxlad)
{
	if (!IS_ERR_OR_NULL(cxlad))
		kref_put(&cxlad->kref, cxl_accel_dev_release);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_dev_put, CXL_ACCEL_NS);

static void devm_cxl_accel_dev_put(void *cxlad)
{
	cxl_accel_dev_put(cxlad);
}

struct cxl_accel_dev *devm_cxl_accel_probe(struct pci_dev *pdev)
{
	struct cxl_accel_dev *cxlad = cxl_accel_probe(pdev);
	int rc;

	if (IS_ERR(cxlad))
		return cxlad;
	rc = devm_add_action_or_reset(&pdev->dev, devm_cxl_accel_dev_put, cxlad);
	return rc ? ERR_PTR(rc) : cxlad;
}
EXPORT_SYMBOL_NS_GPL(devm_cxl_accel_probe, CXL_ACCEL_NS);

/*
 * Wait until each range whose size the device reported is Memory_Active:
 * before that its memory must not be used (CXL 2.0 8.1.3.8.2).  With
 * Mem_HwInit_Mode clear, the driver initialised it before asking for a
 * region.  Ranges the device did not describe (the driver set the
 * capacity itself) are the driver's business.  Only reads config space,
 * so it runs without the device's lock, which it could hold for minutes.
 */
int cxl_accel_mem_wait_active(struct cxl_accel_dev *cxlad)
{
	const struct cxl_spec_dev_dvsec *d = &cxlad->dev_dvsec;
	unsigned int i;
	int rc;

	rc = cxl_accel_fault(CXL_ACCEL_FAULT_MEM_ACTIVE);
	if (rc) {
		cxl_accel_err(cxlad->pdev, "cannot read whether the device's memory is active (%d)\n",
			      rc);
		return rc;
	}
	cxl_accel_fault_watch_mem_active(cxlad->pdev, d->offset);
	for (i = 0; i < CXL_SPEC_DEV_RANGES && i < d->hdm_count; i++) {
		if (!d->range[i].info_valid)
			continue;
		/* a failure has been logged, with its cause, by the wait */
		rc = cxl_spec_mem_active_wait(&cxlad->cfg, &cxlad->env, d, i);
		if (rc)
			return rc;
	}
	return 0;
}

void cxl_accel_get_info(const struct cxl_accel_dev *cxlad,
			struct cxl_accel_info *info)
{
	const struct cxl_spec_dev_dvsec *d;
	int i;

	if (!cxlad || !info) {
		pr_err("%s() called with a NULL %s\n", __func__,
		       cxlad ? "info" : "handle");
		if (info)
			*info = (struct cxl_accel_info) { };
		return;
	}
	d = &cxlad->dev_dvsec;
	*info = (struct cxl_accel_info) {
		.cache_capable = d->cache_capable,
		.mem_hwinit = d->mem_hwinit,
		.hdm_count = d->hdm_count,
		.nr_decoders = cxlad->hdm.count,
	};
	for (i = 0; i < CXL_SPEC_DEV_RANGES && i < d->hdm_count; i++)
		if (d->range[i].info_valid)
			info->capacity += d->range[i].size;
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_get_info, CXL_ACCEL_NS);
