// SPDX-License-Identifier: GPL-2.0-only
/*
 * The CXL path of a device: every component between it and its host
 * bridge that decodes host physical addresses, with the registers that
 * hold its HDM decoders.
 *
 * Going up from the device, each PCIe downstream port (a switch's
 * downstream port or a root port) is a target in the decoder above it,
 * identified by the Port Number in its Link Capabilities (CXL 2.0
 * 8.2.5.12.8).  Above a switch downstream port is the switch's upstream
 * port, whose component registers (found through its Register Locator
 * DVSEC) hold the switch's HDM decoders.  Above a root port is the host
 * bridge, an ACPI0016 device whose _UID names its CHBS in the CEDT, which
 * gives the host bridge's component registers (CHBCR).  A host bridge or
 * switch without an HDM decoder capability routes everything to its only
 * downstream port ("passthrough"); there is nothing to program there.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/acpi.h>
#include <linux/bitfield.h>
#include <linux/pci.h>
#include <linux/slab.h>

#include "fault.h"
#include "internal.h"

/* Port Number of a downstream port: PCIe Link Capabilities 31:24 */
static int port_number(struct pci_dev *dport, u8 *nr)
{
	u32 lnkcap;
	int rc;

	rc = pcie_capability_read_dword(dport, PCI_EXP_LNKCAP, &lnkcap);
	if (rc)
		return pcibios_err_to_errno(rc);
	*nr = FIELD_GET(PCI_EXP_LNKCAP_PN, lnkcap);
	return 0;
}

/* The capability array and, if there is one, the HDM decoder capability. */
static int hop_init_regs(struct cxl_accel_hop *hop)
{
	const struct cxl_spec_comp_cap *cap;
	int rc;

	rc = cxl_spec_comp_parse(&hop->comp.mmio, &hop->env, &hop->caps);
	if (rc)
		return rc;
	cap = cxl_spec_comp_find(&hop->caps, CXL_SPEC_CM_CAP_HDM, 1);
	if (!cap)
		return 0;
	rc = cxl_spec_hdm_init(&hop->hdm, &hop->comp.mmio, cap->offset, false,
			       &hop->env);
	if (rc)
		return rc;
	cxl_accel_fault_note_hdm(&hop->comp, cap->offset);
	hop->has_hdm = true;
	return 0;
}

static int switch_hop(struct cxl_accel_dev *cxlad, struct cxl_accel_hop *hop,
		      struct pci_dev *usp)
{
	struct cxl_spec_dvsec_list *dvsecs;
	const struct cxl_spec_regblock *blk;
	struct cxl_spec_regloc *regloc;
	u64 bar_size[CXL_SPEC_NUM_BARS];
	struct cxl_spec_cfg cfg;
	int i, rc;

	hop->kind = CXL_ACCEL_HOP_SWITCH;
	hop->port = pci_dev_get(usp);
	cxl_accel_env_init(&hop->env, &usp->dev);
	cxl_accel_cfg_init(&cfg, usp);
	dvsecs = kzalloc(sizeof(*dvsecs), GFP_KERNEL);
	regloc = kzalloc(sizeof(*regloc), GFP_KERNEL);
	rc = -ENOMEM;
	if (!dvsecs || !regloc)
		goto out;
	for (i = 0; i < CXL_SPEC_NUM_BARS; i++)
		bar_size[i] = pci_resource_flags(usp, i) & IORESOURCE_MEM ?
			      pci_resource_len(usp, i) : 0;
	rc = cxl_spec_dvsec_scan(&cfg, &hop->env, dvsecs);
	if (!rc)
		rc = cxl_spec_regloc_read(&cfg, &hop->env, dvsecs, bar_size, regloc);
	if (rc) {
		cxl_accel_err(cxlad->pdev, "switch upstream port %s: no usable Register Locator (%d)\n",
			      pci_name(usp), rc);
		goto out;
	}
	blk = cxl_spec_regloc_find(regloc, CXL_SPEC_RBI_COMPONENT, 0);
	if (!blk) {
		cxl_accel_err(cxlad->pdev, "switch upstream port %s: no component registers\n",
			      pci_name(usp));
		rc = -ENODEV;
		goto out;
	}
	rc = cxl_accel_fault(CXL_ACCEL_FAULT_PROBE_PATH) ?:
	     cxl_accel_mmio_map(&hop->comp,
				pci_resource_start(usp, blk->bir) + blk->offset,
				blk->size);
	if (!rc)
		rc = hop_init_regs(hop);
	if (rc)
		cxl_accel_err(cxlad->pdev, "switch upstream port %s: unusable component registers (%d)\n",
			      pci_name(usp), rc);
out:
	kfree(regloc);
	kfree(dvsecs);
	return rc;
}

static int host_bridge_uid(struct pci_dev *pdev, u32 *uid)
{
	struct pci_host_bridge *bridge = pci_find_host_bridge(pdev->bus);
	struct acpi_device *adev = bridge ? ACPI_COMPANION(&bridge->dev) : NULL;
	const char *s;

	if (!adev || strcmp(acpi_device_hid(adev), "ACPI0016")) {
		cxl_accel_err(pdev, "its host bridge is not a CXL host bridge (ACPI0016)\n");
		return -ENODEV;
	}
	s = acpi_device_uid(adev);
	if (!s || kstrtou32(s, 0, uid)) {
		cxl_accel_err(pdev, "its CXL host bridge has no numeric _UID\n");
		return -ENODEV;
	}
	return 0;
}

static int host_bridge_hop(struct cxl_accel_dev *cxlad,
			   struct cxl_accel_hop *hop)
{
	struct cxl_spec_chbs chbs;
	int rc;

	hop->kind = CXL_ACCEL_HOP_HOST_BRIDGE;
	cxl_accel_env_init(&hop->env, &cxlad->pdev->dev);
	rc = host_bridge_uid(cxlad->pdev, &hop->uid);
	if (rc)
		return rc;
	rc = cxl_accel_host_bridge_chbs(hop->uid, &chbs);
	if (rc) {
		cxl_accel_err(cxlad->pdev, "the CEDT has no CHBS for host bridge UID %u\n",
			      hop->uid);
		return rc;
	}
	if (chbs.cxl_version != CXL_SPEC_CHBS_CXL20) {
		cxl_accel_err(cxlad->pdev, "host bridge UID %u is a restricted CXL host (CXL 1.1): not supported\n",
			      hop->uid);
		return -EOPNOTSUPP;
	}
	rc = cxl_accel_fault(CXL_ACCEL_FAULT_PROBE_PATH) ?:
	     cxl_accel_mmio_map(&hop->comp, chbs.base,
				min_t(u64, chbs.length, CXL_SPEC_COMP_BLOCK_SIZE));
	if (!rc)
		rc = hop_init_regs(hop);
	if (rc)
		cxl_accel_err(cxlad->pdev, "host bridge UID %u: unusable component registers at %#llx (%d)\n",
			      hop->uid, chbs.base, rc);
	return rc;
}

/**
 * cxl_accel_path_discover() - find the decoders between a device and its
 *	host bridge
 * @cxlad: the device
 *
 * Fills cxlad->path: hop 0 is the nearest switch (or the host bridge),
 * the last hop is the host bridge.  Each hop's registers are mapped, not
 * requested: the CXL core maps them too.
 *
 * Context: process context, may sleep.
 * Return: 0, -ENODEV for a path that is not CXL as far as its host bridge,
 * -EOPNOTSUPP for a restricted CXL host, -E2BIG for more switch levels
 * than CXL_ACCEL_MAX_HOPS allows, -ENOMEM.
 */
int cxl_accel_path_discover(struct cxl_accel_dev *cxlad)
{
	struct cxl_accel_path *path = &cxlad->path;
	struct pci_dev *dev = cxlad->pdev, *dport;
	struct cxl_accel_hop *hop;
	int rc;

	for (;;) {
		if (path->nr == CXL_ACCEL_MAX_HOPS) {
			cxl_accel_err(cxlad->pdev, "more than %d CXL switch levels\n",
				      CXL_ACCEL_MAX_HOPS - 1);
			return -E2BIG;
		}
		dport = pci_upstream_bridge(dev);
		if (!dport || !pci_is_pcie(dport)) {
			cxl_accel_err(cxlad->pdev, "%s has no PCIe port above it\n",
				      pci_name(dev));
			return -ENODEV;
		}
		hop = &path->hop[path->nr++];
		hop->dport = pci_dev_get(dport);
		rc = port_number(dport, &hop->target);
		if (rc)
			return rc;
		switch (pci_pcie_type(dport)) {
		case PCI_EXP_TYPE_ROOT_PORT:
			return host_bridge_hop(cxlad, hop);
		case PCI_EXP_TYPE_DOWNSTREAM:
			dev = pci_upstream_bridge(dport);
			if (!dev || pci_pcie_type(dev) != PCI_EXP_TYPE_UPSTREAM) {
				cxl_accel_err(cxlad->pdev, "switch downstream port %s has no upstream port\n",
					      pci_name(dport));
				return -ENODEV;
			}
			rc = switch_hop(cxlad, hop, dev);
			if (rc)
				return rc;
			break;
		default:
			cxl_accel_err(cxlad->pdev, "%s is neither a root port nor a switch downstream port\n",
				      pci_name(dport));
			return -ENODEV;
		}
	}
}

/**
 * cxl_accel_path_release() - undo cxl_accel_path_discover()
 * @cxlad: the device
 *
 * Context: process context.
 */
void cxl_accel_path_release(struct cxl_accel_dev *cxlad)
{
	struct cxl_accel_path *path = &cxlad->path;
	unsigned int i;

	for (i = 0; i < path->nr; i++) {
		cxl_accel_mmio_unmap(&path->hop[i].comp);
		pci_dev_put(path->hop[i].port);
		pci_dev_put(path->hop[i].dport);
	}
	path->nr = 0;
}

/*
 * A hop as sysfs and the trace events name it, one word: a switch's
 * upstream port ("0000:0d:00.0"), or "host-bridge" (a path has one).
 */
const char *cxl_accel_hop_id(const struct cxl_accel_hop *hop)
{
	return hop->kind == CXL_ACCEL_HOP_SWITCH ? pci_name(hop->port) :
						   "host-bridge";
}

/* "switch 0000:0d:00.0" or "host bridge UID 0", for messages. */
void cxl_accel_hop_name(const struct cxl_accel_hop *hop, char *buf, size_t len)
{
	if (hop->kind == CXL_ACCEL_HOP_SWITCH)
		snprintf(buf, len, "switch %s", pci_name(hop->port));
	else
		snprintf(buf, len, "host bridge UID %u", hop->uid);
}
