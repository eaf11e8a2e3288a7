// SPDX-License-Identifier: GPL-2.0-only
/*
 * Handing an adopted region to the kernel's CXL core, where the kernel has
 * the mainline Type-2 attach API, so that the core's own objects (a
 * memdev, its endpoint port, a region) describe the device and user space
 * sees it in /sys/bus/cxl.
 *
 * Which kernels take which path, and why:
 *  - 7.3 and later: devm_cxl_dev_state_create(), cxl_pci_setup_regs()
 *    from <cxl/pci.h>, cxl_set_capacity() and devm_cxl_probe_mem(), the
 *    sequence of mainline's sfc driver.
 *  - 7.2: the same API without cxl_set_capacity() and <cxl/pci.h>: the
 *    capacity is set with cxl_dpa_setup(), which 7.2 exports, on a struct
 *    cxl_dpa_info laid out from the kernel's BTF (conftest.sh), and
 *    cxl_pci_setup_regs() is declared by compat/cxl_type2.h.
 *  - 6.1 and 6.12 have no such API: an adopted region stays cxl_accel's
 *    own and the core never hears of the device (the stubs at the end).
 * Only adopted regions are handed over, never created ones: the API
 * assembles a region only from decoders the core read as committed when
 * it enumerated the ports (it has no way to be told of a decoder committed
 * later, which is what programming does on 6.12 and later; handing such a
 * path over fails and leaves an orphan region behind, memo E4b).
 * Adoption checks what the core needs first (adopt.c): every hop has HDM
 * decoders (the core matches each port's decoder to the region by its
 * range, which a passthrough port has not got) whose decoder has exactly
 * the region's range, and is a port the core has not enumerated yet or
 * whose objects already agree with the hardware; the region is the
 * device's first (the core attaches the lowest one) and cxl_accel has no
 * other.  Once per binding of the vendor's driver: the first hand-off
 * makes the core enumerate all of the device's endpoint decoders.
 *
 * devm_cxl_probe_mem() lives in cxl_mem.  It is looked up with
 * symbol_get() (after asking for cxl_mem to be loaded) rather than
 * linked, so that cxl_accel itself loads without cxl_mem, as on 6.x; where
 * cxl_mem cannot be loaded, the region stays cxl_accel's own.
 *
 * What the core creates is devm-managed on the vendor's PCI device, in a
 * devres group of its own, released on a failure here (the region then
 * stays cxl_accel's own) or when the vendor's driver unbinds: the core's
 * memdev cannot go earlier without taking the driver's binding with it
 * (see cxl_accel_mainline_attach()).  So the core keeps its memdev and
 * region past the region's last put, until the unbind.  It treats the
 * region as locked (its memdev has an attach method) and never resets its
 * decoders, which suits a region cxl_accel never resets either.  While
 * the core's region exists, our claim nests under its resource in iomem
 * rather than directly under the CXL window: a deliberate exception to
 * "a child of the window" (the window is still its ancestor, and the
 * claim is still busy, exclusive and reserved).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/kmod.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/range.h>
#include <linux/string.h>

#include "compat/compat.h"
#include "fault.h"
#include "internal.h"

#include "compat/cxl_core.h"

#ifdef CXL_ACCEL_HAVE_MAINLINE_ATTACH
#include "compat/cxl_type2.h"

/* What the core allocates for the device: its state comes first. */
struct handoff_state {
	struct cxl_dev_state cxlds;
};

/*
 * The first resource of a hand-off's devres group, so released last: it
 * holds cxl_mem (whose devm_cxl_probe_mem() made the memdev) and the
 * device until the group goes, and then says so.  No lock: it runs either
 * under the device's lock (a failed hand-off, before anything was
 * recorded) or when the vendor's driver unbinds.
 */
struct handoff_devres {
	struct cxl_accel_dev *cxlad;
	void *group;
};

static void handoff_devres_release(struct device *dev, void *res)
{
	struct handoff_devres *hd = res;

	if (READ_ONCE(hd->cxlad->core.group) == hd->group)
		WRITE_ONCE(hd->cxlad->core.group, NULL);
	cxl_accel_dev_put(hd->cxlad);
	symbol_put(devm_cxl_probe_mem);
}

static int set_capacity(struct cxl_dev_state *cxlds, u64 capacity)
{
#ifdef CXL_ACCEL_HAVE_CXL_SET_CAPACITY
	return cxl_set_capacity(cxlds, capacity);
#else
	/* 7.2: one RAM partition over the device, as 7.3's cxl_set_capacity() */
	u64 info[DIV_ROUND_UP(CXL_ACCEL_SIZEOF_CXL_DPA_INFO, sizeof(u64))] = { };
	u8 *base = (u8 *)info;
	u8 *part = base + CXL_ACCEL_OFF_CXL_DPA_INFO__PART;

	BUILD_BUG_ON(sizeof(u64) != CXL_ACCEL_SIZE_CXL_DPA_INFO__SIZE);
	BUILD_BUG_ON(sizeof(int) != CXL_ACCEL_SIZE_CXL_DPA_INFO__NR_PARTITIONS);
	BUILD_BUG_ON(sizeof(struct range) != CXL_ACCEL_SIZE_CXL_DPA_PART_INFO__RANGE);
	BUILD_BUG_ON(sizeof(enum cxl_partition_mode) !=
		     CXL_ACCEL_SIZE_CXL_DPA_PART_INFO__MODE);
	BUILD_BUG_ON(CXL_ACCEL_OFF_CXL_DPA_INFO__PART +
		     CXL_ACCEL_OFF_CXL_DPA_PART_INFO__MODE +
		     sizeof(enum cxl_partition_mode) > sizeof(info));
	BUILD_BUG_ON(CXL_ACCEL_OFF_CXL_DPA_INFO__NR_PARTITIONS + sizeof(int) >
		     sizeof(info));

	*(u64 *)(base + CXL_ACCEL_OFF_CXL_DPA_INFO__SIZE) = capacity;
	*(struct range *)(part + CXL_ACCEL_OFF_CXL_DPA_PART_INFO__RANGE) =
		(struct range) { 0, capacity - 1 };
	*(enum cxl_partition_mode *)(part + CXL_ACCEL_OFF_CXL_DPA_PART_INFO__MODE) =
		CXL_PARTMODE_RAM;
	*(int *)(base + CXL_ACCEL_OFF_CXL_DPA_INFO__NR_PARTITIONS) = 1;
	return cxl_dpa_setup(cxlds, (const struct cxl_dpa_info *)info);
#endif
}

/* The memdev the core made: a child of the PCI device on the CXL bus. */
static int is_memdev(struct device *dev, const void *unused)
{
	return dev->bus == cxl_accel_cxl_bus() && !strncmp(dev_name(dev), "mem", 3);
}

/*
 * The core's region for @r, referenced: the resource the core inserted
 * over our claim bears its name ("regionN").  Read right after the hand-off,
 * while the memdev the core just made holds the region, and before anyone
 * else can ask the core to delete it.
 */
static struct device *core_region(struct cxl_accel_region *r)
{
	struct resource *parent = r->res ? r->res->parent : NULL;
	char name[32];

	if (!parent || !parent->name || strncmp(parent->name, "region", 6))
		return NULL;
	strscpy(name, parent->name, sizeof(name));
	return bus_find_device_by_name(cxl_accel_cxl_bus(), NULL, name);
}

/*
 * The sysfs links between the core's memdev and cxl_accel's objects go
 * before the memdev: a resource of the hand-off's group added after the
 * memdev's, so released before them (devres runs a group backwards).
 */
static void handoff_unlink(void *data)
{
	cxl_accel_sysfs_unlink_core(data);
}

/* What the core made, kept for the links (sysfs.c); with the device's lock held. */
static void handoff_record(struct cxl_accel_region *r, struct device *memdev)
{
	struct cxl_accel_dev *cxlad = r->cxlad;

	lockdep_assert_held(&cxlad->lock);
	/* a hand-off of an earlier binding of the driver */
	put_device(cxlad->core.memdev_dev);
	put_device(cxlad->core.region_dev);
	cxlad->core.memdev_dev = memdev;
	cxlad->core.region_dev = core_region(r);
	strscpy(cxlad->core.memdev, memdev ? dev_name(memdev) : "memdev",
		sizeof(cxlad->core.memdev));
}

/* devm_cxl_probe_mem(), with cxl_mem held; NULL if cxl_mem is not there. */
static typeof(devm_cxl_probe_mem) *get_probe_mem(void)
{
	typeof(devm_cxl_probe_mem) *probe_mem;

	probe_mem = symbol_get(devm_cxl_probe_mem);
	if (!probe_mem && !request_module("cxl_mem"))
		probe_mem = symbol_get(devm_cxl_probe_mem);
	return probe_mem;
}

/**
 * cxl_accel_mainline_attach() - hand an adopted region to the CXL core
 * @r: the region, validated and claimed
 * @why_not: NULL if the core can assemble a region from the path as it
 *	is (adopt.c), else why it cannot
 *
 * The core's memdev lives until the vendor's driver unbinds, not until
 * the region's last put: when it goes, the core detaches the memdev's
 * parent device, which would unbind the vendor's driver under its feet
 * (drivers/cxl/core/memdev.c, detach_memdev()).  For the same reason a
 * hand-off that fails after devm_cxl_probe_mem() made the memdev ends the
 * binding too; the checks of adopt.c are there so that it does not fail.
 * The region stays cxl_accel's own wherever the hand-off does not happen;
 * one line says why.
 *
 * Context: process context, may sleep; with the device's lock held (the
 * core takes its port locks inside it, as core.c does).
 */
void cxl_accel_mainline_attach(struct cxl_accel_region *r, const char *why_not)
{
	typeof(devm_cxl_probe_mem) *probe_mem;
	struct cxl_accel_dev *cxlad = r->cxlad;
	struct pci_dev *pdev = cxlad->pdev;
	struct device *dev = &pdev->dev;
	u64 end = r->hpa + r->size - 1;
	struct cxl_memdev *cxlmd = NULL;
	struct handoff_devres *hd;
	struct handoff_state *st;
	struct range hpa;
	const char *why;
	void *group;
	int rc;

	lockdep_assert_held(&cxlad->lock);
	if (READ_ONCE(cxlad->core.group)) {
		r->handed = cxlad->core.decoder == r->dpa->decoder;
		if (r->handed)
			pci_info(pdev, "adopt: region [%#llx-%#llx] is still the CXL core's, as %s\n",
				 r->hpa, end, cxlad->core.memdev);
		else
			pci_info(pdev, "adopt: the CXL core has the device as %s, with another region: region [%#llx-%#llx] stays cxl_accel's own\n",
				 cxlad->core.memdev, r->hpa, end);
		return;
	}
	if (why_not) {
		pci_info(pdev, "adopt: region [%#llx-%#llx] stays cxl_accel's own: %s\n",
			 r->hpa, end, why_not);
		return;
	}
	probe_mem = get_probe_mem();
	if (!probe_mem) {
		pci_info(pdev, "adopt: region [%#llx-%#llx] stays cxl_accel's own: cxl_mem is not loaded (load it to hand the region to the CXL core)\n",
			 r->hpa, end);
		return;
	}
	group = devres_open_group(dev, NULL, GFP_KERNEL);
	hd = devres_alloc(handoff_devres_release, sizeof(*hd), GFP_KERNEL);
	if (!group || !hd) {
		devres_free(hd);
		if (group)
			devres_release_group(dev, group);
		symbol_put(devm_cxl_probe_mem);
		pci_warn(pdev, "adopt: no memory to hand region [%#llx-%#llx] to the CXL core; it stays cxl_accel's own\n",
			 r->hpa, end);
		return;
	}
	/* from here on the group's release puts cxl_mem and the device */
	hd->cxlad = cxl_accel_dev_get(cxlad);
	hd->group = group;
	devres_add(dev, hd);

	rc = -ENOMEM;
	why = "no memory for the core's device state";
	st = devm_cxl_dev_state_create(dev, CXL_DEVTYPE_DEVMEM, pci_get_dsn(pdev),
				       cxlad->dev_dvsec.offset,
				       struct handoff_state, cxlds, false);
	if (!st)
		goto err;
	why = "the core finds no component registers";
	rc = cxl_pci_setup_regs(pdev, CXL_REGLOC_RBI_COMPONENT,
				&st->cxlds.reg_map);
	if (rc)
		goto err;
	/* no mailbox to ask: the memory is ready, it decodes already */
	st->cxlds.media_ready = true;
	why = "the core refuses the device's capacity";
	rc = cxl_accel_fault(CXL_ACCEL_FAULT_HANDOFF) ?:
	     set_capacity(&st->cxlds, cxlad->capacity);
	if (rc)
		goto err;
	why = "devm_cxl_probe_mem() attached no region";
	cxlmd = probe_mem(&st->cxlds, &hpa);
	if (IS_ERR(cxlmd)) {
		rc = PTR_ERR(cxlmd);
		goto err;
	}
	why = "the core attached another range";
	rc = -ENXIO;
	if (hpa.start != r->hpa || hpa.end != end)
		goto err;
	handoff_record(r, device_find_child(dev, NULL, is_memdev));
	cxl_accel_sysfs_link_core(cxlad);
	if (devm_add_action_or_reset(dev, handoff_unlink, cxlad))
		pci_warn(pdev, "adopt: %s: its sysfs links to cxl_accel are gone already (no memory)\n",
			 cxlad->core.memdev);
	devres_close_group(dev, group);
	cxlad->core.decoder = r->dpa->decoder;
	WRITE_ONCE(cxlad->core.group, group);
	r->handed = true;
	return;

err:
	devres_release_group(dev, group);
	pci_warn(pdev, "adopt: cannot hand region [%#llx-%#llx] to the CXL core: %s (%d); it stays cxl_accel's own%s\n",
		 r->hpa, end, why, rc,
		 cxlmd ? ", and the core may unbind the driver now" : "");
}
#else
void cxl_accel_mainline_attach(struct cxl_accel_region *r, const char *why_not)
{
	pci_info(r->cxlad->pdev, "adopt: this kernel has no mainline Type-2 attach API: region [%#llx-%#llx] stays cxl_accel's own\n",
		 r->hpa, r->hpa + r->size - 1);
}
#endif
