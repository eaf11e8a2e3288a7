// SPDX-License-Identifier: GPL-2.0-only
/*
 * What an administrator sees: /sys/class/cxl_accel (ABI in
 * src/ABI/sysfs-class-cxl_accel).
 *
 * One object per probed accelerator function, "cxl_accelN", with a
 * "pci_device" link to the function, and one per region, "cxl_accelN.M",
 * below its device's object.  Both are class devices without a bus
 * parent: a region may outlive its function's presence (a parked region
 * after a surprise removal), and a link that dangles then is better than
 * a directory left under a removed device.
 *
 * On 7.2 and later, where an adopted region is handed to the CXL core
 * (mainline.c), the device's object and the core's memdev link to each
 * other ("cxl_memdev", "cxl_accel"), and the region's object links to the
 * core's memdev and region ("cxl_memdev", "cxl_region").
 *
 * Lifetimes: a device's object goes with its struct cxl_accel_dev, a
 * region's with its struct cxl_accel_region, both removed before they
 * are freed.  device_unregister() waits for the show methods under way,
 * and it is called with the device's lock held (region_free()), so no
 * show method takes any lock of cxl_accel's: what they read is fixed
 * once the object exists, bits of the region's atomic state, or a
 * configuration register read live.  The last refusal's text has its
 * own spinlock, a leaf.
 *
 * Host physical addresses are root-only (0400), as the CXL core shows a
 * decoder's start; the rest is readable by everyone, and nothing here
 * maps or reads the memory itself.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/idr.h>
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "cxl_accel_trace.h"
#include "internal.h"
#include "spec/cxl_regs.h"

static struct class cxl_accel_class = {
	.name = "cxl_accel",
};

static DEFINE_IDA(dev_ida);

/* every device with an object, to note refusals by PCI function */
static LIST_HEAD(devs);
static DEFINE_SPINLOCK(devs_lock);

/* --- the device's object ------------------------------------------------ */

static struct cxl_accel_dev *to_cxlad(struct device *dev)
{
	return dev_get_drvdata(dev);
}

static ssize_t serial_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%#llx\n", pci_get_dsn(to_cxlad(dev)->pdev));
}
static DEVICE_ATTR_RO(serial);

static ssize_t capacity_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "%#llx\n", to_cxlad(dev)->capacity);
}
static DEVICE_ATTR_RO(capacity);

static ssize_t hdm_decoders_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	struct cxl_accel_dev *cxlad = to_cxlad(dev);

	return sysfs_emit(buf, "%u\n", cxlad->has_hdm ? cxlad->hdm.count : 0);
}
static DEVICE_ATTR_RO(hdm_decoders);

static ssize_t cache_capable_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", to_cxlad(dev)->dev_dvsec.cache_capable);
}
static DEVICE_ATTR_RO(cache_capable);

static ssize_t mem_hwinit_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", to_cxlad(dev)->dev_dvsec.mem_hwinit);
}
static DEVICE_ATTR_RO(mem_hwinit);

/* Read live: the function's Memory_Info_Valid and Memory_Active. */
static ssize_t media_state_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	struct cxl_accel_dev *cxlad = to_cxlad(dev);
	u32 lo;

	if (pci_read_config_dword(cxlad->pdev, cxlad->dev_dvsec.offset +
				  CXL_SPEC_DEV_RANGE_SIZE_LOW(0), &lo) ||
	    lo == ~0U)
		return sysfs_emit(buf, "unreachable\n");
	if (!(lo & CXL_SPEC_DEV_RANGE_MEM_INFO_VALID))
		return sysfs_emit(buf, "info-invalid\n");
	return sysfs_emit(buf, "%s\n", lo & CXL_SPEC_DEV_RANGE_MEM_ACTIVE ?
			  "active" : "inactive");
}
static DEVICE_ATTR_RO(media_state);

/* What the device's CDAT asks all its memory to be (memtype.c). */
static ssize_t memory_type_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", cxl_accel_memtype_of_device(to_cxlad(dev)));
}
static DEVICE_ATTR_RO(memory_type);

static ssize_t api_version_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", CXL_ACCEL_API_VERSION);
}
static DEVICE_ATTR_RO(api_version);

/* The components above the function, nearest first. */
static ssize_t path_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	const struct cxl_accel_path *path = &to_cxlad(dev)->path;
	unsigned int i;
	int n = 0;

	for (i = 0; i < path->nr; i++)
		n += sysfs_emit_at(buf, n, "%s%s", i ? " " : "",
				   cxl_accel_hop_id(&path->hop[i]));
	return n + sysfs_emit_at(buf, n, "\n");
}
static DEVICE_ATTR_RO(path);

static ssize_t last_refusal_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	struct cxl_accel_dev *cxlad = to_cxlad(dev);
	ssize_t n;

	spin_lock(&cxlad->refusal_lock);
	n = sysfs_emit(buf, "%s\n", cxlad->refusal);
	spin_unlock(&cxlad->refusal_lock);
	return n;
}
static DEVICE_ATTR_ADMIN_RO(last_refusal);

static struct attribute *dev_attrs[] = {
	&dev_attr_serial.attr,
	&dev_attr_capacity.attr,
	&dev_attr_hdm_decoders.attr,
	&dev_attr_cache_capable.attr,
	&dev_attr_mem_hwinit.attr,
	&dev_attr_memory_type.attr,
	&dev_attr_media_state.attr,
	&dev_attr_api_version.attr,
	&dev_attr_path.attr,
	&dev_attr_last_refusal.attr,
	NULL,
};

static const struct attribute_group dev_group = {
	.attrs = dev_attrs,
};

static const struct attribute_group *dev_groups[] = {
	&dev_group,
	NULL,
};

/**
 * cxl_accel_sysfs_add_dev() - publish a probed function's object
 * @cxlad: the device, fully probed
 *
 * A failure is logged and leaves the device without an object: it works
 * as before, and the administrator is told.
 *
 * Context: process context.
 */
void cxl_accel_sysfs_add_dev(struct cxl_accel_dev *cxlad)
{
	struct device *dev;
	int id, rc;

	id = ida_alloc(&dev_ida, GFP_KERNEL);
	if (id < 0) {
		pci_warn(cxlad->pdev, "no sysfs object (%d)\n", id);
		return;
	}
	dev = device_create_with_groups(&cxl_accel_class, NULL, MKDEV(0, 0),
					cxlad, dev_groups, "cxl_accel%d", id);
	if (IS_ERR(dev)) {
		pci_warn(cxlad->pdev, "no sysfs object (%ld)\n", PTR_ERR(dev));
		ida_free(&dev_ida, id);
		return;
	}
	rc = sysfs_create_link(&dev->kobj, &cxlad->pdev->dev.kobj, "pci_device");
	if (rc)
		pci_warn(cxlad->pdev, "%s: no pci_device link (%d)\n",
			 dev_name(dev), rc);
	cxlad->sysfs_id = id;
	cxlad->sysfs = dev;
	spin_lock(&devs_lock);
	list_add_tail(&cxlad->sysfs_node, &devs);
	spin_unlock(&devs_lock);
	pci_info(cxlad->pdev, "%s\n", dev_name(dev));
}

/**
 * cxl_accel_sysfs_link_core() - link the device's object and the memdev the
 *	CXL core made for it both ways
 * @cxlad: the device, just handed to the core (mainline.c)
 *
 * "cxl_memdev" in our object, "cxl_accel" in the memdev's directory: an
 * administrator (or a RAS tool holding a memdev's name from a CXL event)
 * goes from one to the other.  The memdev's link is removed before the
 * memdev goes (cxl_accel_sysfs_unlink_core()); ours may then dangle until
 * the driver unbinds, as a link to a removed device does.
 *
 * Context: process context; with the device's lock held.
 */
void cxl_accel_sysfs_link_core(struct cxl_accel_dev *cxlad)
{
	struct device *md = cxlad->core.memdev_dev;
	int rc;

	lockdep_assert_held(&cxlad->lock);
	if (!cxlad->sysfs || !md)
		return;
	rc = sysfs_create_link(&cxlad->sysfs->kobj, &md->kobj, "cxl_memdev") ?:
	     sysfs_create_link(&md->kobj, &cxlad->sysfs->kobj, "cxl_accel");
	if (rc)
		pci_warn(cxlad->pdev, "%s: no sysfs link with %s (%d)\n",
			 dev_name(cxlad->sysfs), dev_name(md), rc);
}

/**
 * cxl_accel_sysfs_unlink_core() - remove the memdev's link to our object
 * @cxlad: the device
 *
 * Context: process context, while the memdev is still registered: the
 * hand-off's devres group runs it before the memdev's removal.  No lock of
 * cxl_accel's: the vendor's driver is unbinding and requests nothing more.
 */
void cxl_accel_sysfs_unlink_core(struct cxl_accel_dev *cxlad)
{
	struct device *md = cxlad->core.memdev_dev;

	if (md)
		sysfs_remove_link(&md->kobj, "cxl_accel");
	if (cxlad->sysfs)
		sysfs_remove_link(&cxlad->sysfs->kobj, "cxl_memdev");
}

/* Before the device is freed; its regions' objects have gone. */
void cxl_accel_sysfs_remove_dev(struct cxl_accel_dev *cxlad)
{
	put_device(cxlad->core.memdev_dev);
	put_device(cxlad->core.region_dev);
	cxlad->core.memdev_dev = NULL;
	cxlad->core.region_dev = NULL;
	if (cxlad->sysfs) {
		spin_lock(&devs_lock);
		list_del(&cxlad->sysfs_node);
		spin_unlock(&devs_lock);
		sysfs_remove_link(&cxlad->sysfs->kobj, "pci_device");
		device_unregister(cxlad->sysfs);
		cxlad->sysfs = NULL;
		ida_free(&dev_ida, cxlad->sysfs_id);
	}
	ida_destroy(&cxlad->region_ida);
}

/**
 * cxl_accel_err() - log an error about a function, and keep it as the
 *	function's last refusal for its sysfs object
 * @pdev: the function, or a component on its path
 * @fmt: the message, as for pci_err()
 *
 * Only a function cxl_accel has an object for keeps it; a message about
 * a switch or root port is logged only.
 *
 * Context: any; takes a leaf spinlock.
 */
void cxl_accel_err(struct pci_dev *pdev, const char *fmt, ...)
{
	struct cxl_accel_dev *cxlad;
	char msg[sizeof(cxlad->refusal)];
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	/* the log line whole; the copy kept may be cut short */
	pci_err(pdev, "%pV", &vaf);
	va_end(args);
	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	strim(msg);
	trace_cxl_accel_error(pdev, msg);
	spin_lock(&devs_lock);
	list_for_each_entry(cxlad, &devs, sysfs_node) {
		if (cxlad->pdev != pdev)
			continue;
		spin_lock(&cxlad->refusal_lock);
		strscpy(cxlad->refusal, msg, sizeof(cxlad->refusal));
		spin_unlock(&cxlad->refusal_lock);
	}
	spin_unlock(&devs_lock);
}

/* --- a region's object -------------------------------------------------- */

static struct cxl_accel_region *to_region(struct device *dev)
{
	return dev_get_drvdata(dev);
}

static ssize_t hpa_start_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%#llx\n", to_region(dev)->hpa);
}
static DEVICE_ATTR_ADMIN_RO(hpa_start);

static ssize_t size_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%#llx\n", to_region(dev)->size);
}
static DEVICE_ATTR_RO(size);

static ssize_t dpa_start_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%#llx\n", to_region(dev)->dpa->base);
}
static DEVICE_ATTR_RO(dpa_start);

static ssize_t window_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	const struct cxl_spec_cfmws *w = &to_region(dev)->window;

	return sysfs_emit(buf, "%#llx-%#llx\n", w->base, w->base + w->size - 1);
}
static DEVICE_ATTR_ADMIN_RO(window);

/*
 * The decoder of every component, from the endpoint up:
 * "endpoint=N" then "BDF=N" per switch and "host-bridge=N", "-" for a
 * component with no decoder of the region's (passthrough, or reset).
 */
static ssize_t decoders_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	struct cxl_accel_region *r = to_region(dev);
	const struct cxl_accel_path *path = &r->cxlad->path;
	unsigned int i;
	int n, d;

	n = sysfs_emit(buf, "endpoint=%u", r->dpa->decoder);
	for (i = 0; i < path->nr; i++) {
		d = READ_ONCE(r->hop_decoder[i]);
		n += sysfs_emit_at(buf, n, " %s=", cxl_accel_hop_id(&path->hop[i]));
		n += d < 0 ? sysfs_emit_at(buf, n, "-") :
			     sysfs_emit_at(buf, n, "%d", d);
	}
	return n + sysfs_emit_at(buf, n, "\n");
}
static DEVICE_ATTR_RO(decoders);

static ssize_t interleave_ways_show(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "1\n");
}
static DEVICE_ATTR_RO(interleave_ways);

static ssize_t interleave_granularity_show(struct device *dev,
					   struct device_attribute *attr,
					   char *buf)
{
	return sysfs_emit(buf, "%u\n", to_region(dev)->granularity);
}
static DEVICE_ATTR_RO(interleave_granularity);

static ssize_t state_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	const unsigned long *state = &to_region(dev)->state;
	const char *s = "active";

	if (test_bit(CXL_ACCEL_REGION_REVOKED, state))
		s = "lost";
	else if (test_bit(CXL_ACCEL_REGION_PARKED, state))
		s = "parked";
	else if (test_bit(CXL_ACCEL_REGION_SUSPENDED, state))
		s = "suspended";
	else if (test_bit(CXL_ACCEL_REGION_RESTORED, state))
		s = "restored";
	return sysfs_emit(buf, "%s\n", s);
}
static DEVICE_ATTR_RO(state);

/* How it came and how it goes: fixed once it exists. */
static ssize_t flags_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct cxl_accel_region *r = to_region(dev);
	int n = 0;

	n += sysfs_emit_at(buf, n, "%s", r->adopted ? "adopted" : "programmed");
	if (r->lock)
		n += sysfs_emit_at(buf, n, " locked");
	else if (r->keep)
		n += sysfs_emit_at(buf, n, " kept");
	if (r->handed)
		n += sysfs_emit_at(buf, n, " handed");
	return n + sysfs_emit_at(buf, n, "\n");
}
static DEVICE_ATTR_RO(flags);

static struct attribute *region_attrs[] = {
	&dev_attr_hpa_start.attr,
	&dev_attr_size.attr,
	&dev_attr_dpa_start.attr,
	&dev_attr_window.attr,
	&dev_attr_decoders.attr,
	&dev_attr_interleave_ways.attr,
	&dev_attr_interleave_granularity.attr,
	&dev_attr_state.attr,
	&dev_attr_flags.attr,
	NULL,
};

static const struct attribute_group region_group = {
	.attrs = region_attrs,
};

static const struct attribute_group *region_groups[] = {
	&region_group,
	NULL,
};

/**
 * cxl_accel_sysfs_name_region() - name a region before it is committed
 * @r: the region, with its device set
 *
 * The name (cxl_accelN.M) is its sysfs object's, taken before the object
 * exists so that the trace events of its commit already carry it.
 * Without a device object, or without an id, it is "(no object)".
 *
 * Context: process context.
 */
void cxl_accel_sysfs_name_region(struct cxl_accel_region *r)
{
	struct cxl_accel_dev *cxlad = r->cxlad;

	r->sysfs_id = cxlad->sysfs ? ida_alloc(&cxlad->region_ida, GFP_KERNEL) :
				     -ENODEV;
	if (r->sysfs_id < 0)
		strscpy(r->name, "(no object)", sizeof(r->name));
	else
		snprintf(r->name, sizeof(r->name), "%s.%d",
			 dev_name(cxlad->sysfs), r->sysfs_id);
}

/* Give a name back that no object took (a request that failed). */
void cxl_accel_sysfs_unname_region(struct cxl_accel_region *r)
{
	if (r->name[0] && r->sysfs_id >= 0)
		ida_free(&r->cxlad->region_ida, r->sysfs_id);
	r->name[0] = '\0';
}

/*
 * A region the CXL core has too (7.2 and later): links to the core's
 * memdev and region.  They dangle if the core's objects go first (the
 * driver's unbind, or the region deleted through the core's sysfs).
 */
static void link_core_region(struct cxl_accel_region *r)
{
	struct cxl_accel_handoff *core = &r->cxlad->core;
	int rc = 0;

	lockdep_assert_held(&r->cxlad->lock);
	if (core->memdev_dev)
		rc = sysfs_create_link(&r->sysfs->kobj, &core->memdev_dev->kobj,
				       "cxl_memdev");
	if (!rc && core->region_dev)
		rc = sysfs_create_link(&r->sysfs->kobj, &core->region_dev->kobj,
				       "cxl_region");
	if (rc || !core->region_dev)
		pci_warn(r->cxlad->pdev, "%s: no sysfs link with the CXL core's %s (%d)\n",
			 r->name, core->region_dev ? "objects" : "region (not found)", rc);
}

/**
 * cxl_accel_sysfs_add_region() - publish a new region's object
 * @r: the region, named, committed and joining its device
 *
 * A failure is logged and leaves the region without an object.
 *
 * Context: process context.
 */
void cxl_accel_sysfs_add_region(struct cxl_accel_region *r)
{
	struct cxl_accel_dev *cxlad = r->cxlad;
	struct device *dev;

	if (r->sysfs_id < 0)
		return;
	dev = device_create_with_groups(&cxl_accel_class, cxlad->sysfs,
					MKDEV(0, 0), r, region_groups, "%s",
					r->name);
	if (IS_ERR(dev)) {
		pci_warn(cxlad->pdev, "region [%#llx-%#llx]: no sysfs object %s (%ld)\n",
			 r->hpa, r->hpa + r->size - 1, r->name, PTR_ERR(dev));
		return;
	}
	r->sysfs = dev;
	if (r->handed)
		link_core_region(r);
}

/* Before the region is freed: its object, then its name. */
void cxl_accel_sysfs_remove_region(struct cxl_accel_region *r)
{
	if (r->sysfs) {
		sysfs_remove_link(&r->sysfs->kobj, "cxl_memdev");
		sysfs_remove_link(&r->sysfs->kobj, "cxl_region");
		device_unregister(r->sysfs);
	}
	r->sysfs = NULL;
	cxl_accel_sysfs_unname_region(r);
}

int cxl_accel_sysfs_init(void)
{
	return class_register(&cxl_accel_class);
}

void cxl_accel_sysfs_exit(void)
{
	class_unregister(&cxl_accel_class);
}
