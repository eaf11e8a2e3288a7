// SPDX-License-Identifier: GPL-2.0-only
/*
 * The check after every write of the CXL core's objects (src/core.c).
 *
 * src/core.c writes the core's decoder objects at offsets BTF gave.  That
 * they now say what the hardware says is checked here through what the
 * core itself shows user space, not through those offsets: the core's
 * own sysfs show methods of the decoder (start, size, interleave_ways,
 * locked, target_type, target_list) and of its port
 * (decoders_committed).  Were a member to move or change meaning, the
 * show methods, compiled with the core, would read what the core really
 * holds, and the two views would differ.  They are compared with the
 * decoder registers, read again, not with what cxl_accel meant to write.
 *
 * The objects are found by the core's names, not by the layout: a port
 * "portN" names its decoders "decoderN.M".  The show methods are those of
 * the device's attribute groups; they run here as they would for a read
 * of the file by root.  decoders_committed and target_list take the
 * core's region lock for reading, inside the port's device lock that we
 * hold: the order the core itself uses (port device lock, then region
 * lock, as in its port removal path).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "fault.h"
#include "internal.h"

/* What one decoder looks like, to the core or to the hardware. */
struct view {
	u64 start;
	u64 size;
	int ways;
	int locked;
	int devmem;
	int target;		/* first of the target list, -1 if empty */
	int committed;		/* the port's count of committed decoders */
};

static struct device_attribute *find_attr(const struct attribute_group *const *groups,
					  const char *name)
{
	struct attribute **a;

	for (; groups && *groups; groups++)
		for (a = (*groups)->attrs; a && *a; a++)
			if (!strcmp((*a)->name, name))
				return container_of(*a, struct device_attribute, attr);
	return NULL;
}

/*
 * Run the show method of @dev's attribute @name into @page (a whole page,
 * as sysfs_emit() insists).  Return: 0, -ENOENT if @dev has no such
 * attribute, or the method's error.
 */
static int show(struct device *dev, const char *name, char *page)
{
	struct device_attribute *da;
	ssize_t n;

	da = dev->type ? find_attr(dev->type->groups, name) : NULL;
	if (!da)
		da = find_attr(dev->groups, name);
	if (!da || !da->show)
		return -ENOENT;
	n = da->show(dev, da, page);
	if (n < 0)
		return n;
	page[min_t(ssize_t, n, PAGE_SIZE - 1)] = '\0';
	strim(page);
	return 0;
}

static int show_u64(struct device *dev, const char *name, char *page, u64 *val)
{
	return show(dev, name, page) ?: kstrtoull(page, 0, val);
}

static int show_int(struct device *dev, const char *name, char *page, int *val)
{
	return show(dev, name, page) ?: kstrtoint(page, 0, val);
}

/* The core's view of decoder @id of port @port, as it shows user space. */
static int core_says(struct device *port, int id, struct view *cv, char *page)
{
	struct device *dec;
	unsigned int nr;
	char name[32];
	int rc;

	if (sscanf(dev_name(port), "port%u", &nr) != 1)
		return -EINVAL;
	snprintf(name, sizeof(name), "decoder%u.%d", nr, id);
	dec = device_find_child_by_name(port, name);
	if (!dec)
		return -ENODEV;
	rc = show_u64(dec, "start", page, &cv->start) ?:
	     show_u64(dec, "size", page, &cv->size) ?:
	     show_int(dec, "interleave_ways", page, &cv->ways) ?:
	     show_int(dec, "locked", page, &cv->locked) ?:
	     show(dec, "target_type", page);
	if (!rc) {
		cv->devmem = !strcmp(page, "accelerator");
		rc = show(dec, "target_list", page);
	}
	if (!rc) {
		page[strcspn(page, ",")] = '\0';
		cv->target = -1;
		if (*page)
			rc = kstrtoint(page, 0, &cv->target);
	}
	put_device(dec);
	return rc ?: show_int(port, "decoders_committed", page, &cv->committed);
}

/* The hardware's view of the same decoder, from its registers. */
static int hw_says(const struct cxl_accel_hop *hop, int id, struct view *hv)
{
	struct cxl_spec_hdm_decoder dec;
	unsigned int n;
	int rc;

	rc = cxl_spec_hdm_decoder_read(&hop->hdm, id, &dec) ?:
	     cxl_accel_hdm_committed(&hop->hdm, &n);
	if (rc)
		return rc;
	*hv = (struct view) {
		.start = dec.committed ? dec.base : 0,
		.size = dec.committed ? dec.size : 0,
		.ways = dec.ways,
		.locked = dec.lock_on_commit,
		.devmem = !dec.hostonly,
		.target = dec.targets[0],
		.committed = n,
	};
	return 0;
}

/*
 * Whether the core's view agrees with the hardware's.  Of a decoder that
 * is not committed the core keeps only that: no range, and a count of
 * committed decoders below it.
 */
static bool views_agree(const struct view *cv, const struct view *hv)
{
	if (cv->committed != hv->committed || cv->size != hv->size)
		return false;
	if (!hv->size)
		return true;
	return cv->start == hv->start && cv->ways == hv->ways &&
	       cv->locked == hv->locked && cv->devmem == hv->devmem &&
	       cv->target == hv->target;
}

/**
 * cxl_accel_core_check() - check the core's view of a decoder against the
 *	hardware after cxl_accel wrote the core's objects
 * @cxlad: the device
 * @port: the core's port of hop @i, locked
 * @i: the hop
 * @id: the decoder written
 * @after: what was written ("commit" or "reset"), for the log
 *
 * Context: process context, with @port's device lock held.
 * Return: 0 if both say the same; -EIO, with one error line giving both
 * views, if they differ; or the error of reading either.
 */
int cxl_accel_core_check(struct cxl_accel_dev *cxlad, struct device *port,
			 unsigned int i, int id, const char *after)
{
	const struct cxl_accel_hop *hop = &cxlad->path.hop[i];
	struct view cv = { }, hv = { };
	char *page;
	int rc;

	device_lock_assert(port);
	page = (char *)__get_free_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	rc = core_says(port, id, &cv, page);
	free_page((unsigned long)page);
	if (rc) {
		cxl_accel_err(cxlad->pdev, "%s of hop %u decoder %d: cannot read the CXL core's view of it from %s (%d)\n",
			      after, i, id, dev_name(port), rc);
		return rc;
	}
	rc = hw_says(hop, id, &hv);
	if (rc) {
		cxl_accel_err(cxlad->pdev, "%s of hop %u decoder %d: cannot read its registers (%d)\n",
			      after, i, id, rc);
		return rc;
	}
	if (views_agree(&cv, &hv))
		return 0;
	cxl_accel_err(cxlad->pdev, "%s of hop %u decoder %d: the CXL core's view (%s: start %#llx size %#llx ways %d locked %d %s target %d, %d committed) differs from the hardware's (start %#llx size %#llx ways %d locked %d %s target %d, %d committed)\n",
		      after, i, id, dev_name(port), cv.start, cv.size, cv.ways,
		      cv.locked, cv.devmem ? "accelerator" : "expander", cv.target,
		      cv.committed, hv.start, hv.size, hv.ways, hv.locked,
		      hv.devmem ? "accelerator" : "expander", hv.target, hv.committed);
	return -EIO;
}
