// SPDX-License-Identifier: GPL-2.0-only
/*
 * The entry points of API 4 whose arguments differ from API 3's, and
 * API 5's state notifier: each checks what the driver passed, says in
 * one line what is wrong with it, and calls the implementation shared
 * with api3.c.  Their kernel-doc is in include/cxl_accel.h, where the
 * driver reads it.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/err.h>
#include <linux/pci.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include <cxl_accel.h>

#include "internal.h"

/* What a driver of each API needs, so that no older cxl_accel loads it. */
const unsigned int cxl_accel_api_4 = 4;
EXPORT_SYMBOL_NS_GPL(cxl_accel_api_4, CXL_ACCEL_NS);
const unsigned int cxl_accel_api_5 = 5;
EXPORT_SYMBOL_NS_GPL(cxl_accel_api_5, CXL_ACCEL_NS);
const unsigned int cxl_accel_api_6 = 6;
EXPORT_SYMBOL_NS_GPL(cxl_accel_api_6, CXL_ACCEL_NS);

/*
 * The region flags of API 4 as CXL_ACCEL_RF_* bits, or -EINVAL with one
 * line naming the call (a mapping flag, bit 0, is not a region flag).
 */
static int region_flags(struct cxl_accel_dev *cxlad, const char *call,
			enum cxl_accel_mode mode, cxl_accel_region_flags_t flags,
			unsigned long allowed, unsigned long *rf)
{
	unsigned long bits = (__force unsigned long)flags;

	if (mode != CXL_ACCEL_MODE_RAM) {
		cxl_accel_err(cxlad->pdev, "%s(): mode %d: only CXL_ACCEL_MODE_RAM is supported\n",
			      call, mode);
		return -EINVAL;
	}
	if (bits & ~allowed) {
		cxl_accel_err(cxlad->pdev, "%s(): unknown region flags %#lx\n", call,
			      bits & ~allowed);
		return -EINVAL;
	}
	*rf = bits;
	return 0;
}

int cxl_accel_get_hpa_freespace_v4(struct cxl_accel_dev *cxlad,
				   enum cxl_accel_mode mode,
				   cxl_accel_region_flags_t flags,
				   resource_size_t *max)
{
	unsigned long rf;
	int rc;

	if (!cxlad || !max) {
		pr_err("cxl_accel_get_hpa_freespace() called with a NULL %s\n",
		       cxlad ? "max" : "handle");
		return -EINVAL;
	}
	rc = region_flags(cxlad, "cxl_accel_get_hpa_freespace", mode, flags,
			  CXL_ACCEL_RF_ALL, &rf);
	return rc ?: cxl_accel_hpa_freespace(cxlad, rf, max);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_get_hpa_freespace_v4, CXL_ACCEL_NS);

struct cxl_accel_dpa *cxl_accel_request_dpa_v4(struct cxl_accel_dev *cxlad,
					       enum cxl_accel_mode mode,
					       resource_size_t size)
{
	unsigned long rf;
	int rc;

	if (!cxlad) {
		pr_err("cxl_accel_request_dpa() called with a NULL handle\n");
		return ERR_PTR(-EINVAL);
	}
	rc = region_flags(cxlad, "cxl_accel_request_dpa", mode, 0, 0, &rf);
	return rc ? ERR_PTR(rc) : cxl_accel_dpa_request(cxlad, size);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_request_dpa_v4, CXL_ACCEL_NS);

struct cxl_accel_region *
cxl_accel_create_region_v4(struct cxl_accel_dpa *dpa,
			   cxl_accel_region_flags_t flags)
{
	unsigned long rf;
	int rc;

	if (!dpa) {
		pr_err("cxl_accel_create_region() called with a NULL reservation\n");
		return ERR_PTR(-EINVAL);
	}
	rc = region_flags(dpa->cxlad, "cxl_accel_create_region",
			  CXL_ACCEL_MODE_RAM, flags, CXL_ACCEL_RF_ALL, &rf);
	return rc ? ERR_PTR(rc) : cxl_accel_region_create(dpa, SZ_256M, rf);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_create_region_v4, CXL_ACCEL_NS);

struct cxl_accel_region *
cxl_accel_region_request_v4(struct cxl_accel_dev *cxlad,
			    enum cxl_accel_mode mode, resource_size_t size,
			    cxl_accel_region_flags_t flags)
{
	unsigned long rf;
	int rc;

	if (!cxlad) {
		pr_err("cxl_accel_region_request() called with a NULL handle\n");
		return ERR_PTR(-EINVAL);
	}
	rc = region_flags(cxlad, "cxl_accel_region_request", mode, flags,
			  CXL_ACCEL_RF_ALL, &rf);
	return rc ? ERR_PTR(rc) : cxl_accel_region_new(cxlad, size, SZ_256M, rf);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_request_v4, CXL_ACCEL_NS);

struct cxl_accel_region *
devm_cxl_accel_region_request_v4(struct device *dev,
				 struct cxl_accel_dev *cxlad,
				 enum cxl_accel_mode mode, resource_size_t size,
				 cxl_accel_region_flags_t flags)
{
	if (!dev) {
		pr_err("devm_cxl_accel_region_request() called with a NULL device\n");
		return ERR_PTR(-EINVAL);
	}
	return cxl_accel_devm_region(dev, cxl_accel_region_request_v4(cxlad, mode,
								      size, flags));
}
EXPORT_SYMBOL_NS_GPL(devm_cxl_accel_region_request_v4, CXL_ACCEL_NS);

struct cxl_accel_region *
cxl_accel_region_adopt_v4(struct cxl_accel_dev *cxlad,
			  cxl_accel_region_flags_t flags)
{
	unsigned long rf;
	int rc;

	if (!cxlad) {
		pr_err("cxl_accel_region_adopt() called with a NULL handle\n");
		return ERR_PTR(-EINVAL);
	}
	rc = region_flags(cxlad, "cxl_accel_region_adopt", CXL_ACCEL_MODE_RAM,
			  flags, CXL_ACCEL_RF_KEEP, &rf);
	return rc ? ERR_PTR(rc) : cxl_accel_adopt(cxlad, rf);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_adopt_v4, CXL_ACCEL_NS);

struct cxl_accel_region *
devm_cxl_accel_region_adopt_v4(struct device *dev, struct cxl_accel_dev *cxlad,
			       cxl_accel_region_flags_t flags)
{
	if (!dev) {
		pr_err("devm_cxl_accel_region_adopt() called with a NULL device\n");
		return ERR_PTR(-EINVAL);
	}
	return cxl_accel_devm_region(dev, cxl_accel_region_adopt_v4(cxlad, flags));
}
EXPORT_SYMBOL_NS_GPL(devm_cxl_accel_region_adopt_v4, CXL_ACCEL_NS);

/* Only CXL_ACCEL_MAP_WC may be set: a region flag is refused. */
static void *region_map(struct cxl_accel_region *r, const char *call,
			cxl_accel_map_flags_t flags)
{
	unsigned long bits = (__force unsigned long)flags;
	unsigned long wc = (__force unsigned long)CXL_ACCEL_MAP_WC;

	if (!r) {
		pr_err("%s() called with a NULL region\n", call);
		return ERR_PTR(-EINVAL);
	}
	if (bits & ~wc) {
		cxl_accel_err(r->cxlad->pdev, "%s(): unknown mapping flags %#lx\n",
			      call, bits & ~wc);
		return ERR_PTR(-EINVAL);
	}
	return cxl_accel_map(r, bits & wc);
}

void *cxl_accel_region_map_v4(struct cxl_accel_region *r,
			      cxl_accel_map_flags_t flags)
{
	return region_map(r, "cxl_accel_region_map", flags);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_map_v4, CXL_ACCEL_NS);

struct devm_map {
	struct cxl_accel_region *r;
	void *addr;
};

static void devm_unmap(void *data)
{
	struct devm_map *dm = data;

	cxl_accel_region_unmap(dm->r, dm->addr);
	cxl_accel_region_put(dm->r);
	kfree(dm);
}

void *devm_cxl_accel_region_map(struct device *dev, struct cxl_accel_region *r,
				cxl_accel_map_flags_t flags)
{
	struct devm_map *dm;
	void *addr;
	int rc;

	if (!dev) {
		pr_err("%s() called with a NULL device\n", __func__);
		return ERR_PTR(-EINVAL);
	}
	addr = region_map(r, "devm_cxl_accel_region_map", flags);
	if (IS_ERR(addr))
		return addr;
	dm = kmalloc(sizeof(*dm), GFP_KERNEL);
	if (!dm) {
		cxl_accel_region_unmap(r, addr);
		return ERR_PTR(-ENOMEM);
	}
	/* the mapping keeps its region: a put before the unbind cannot free it */
	*dm = (struct devm_map) { .r = cxl_accel_region_get(r), .addr = addr };
	rc = devm_add_action_or_reset(dev, devm_unmap, dm);
	return rc ? ERR_PTR(rc) : addr;
}
EXPORT_SYMBOL_NS_GPL(devm_cxl_accel_region_map, CXL_ACCEL_NS);

void cxl_accel_region_set_notify_v4(struct cxl_accel_region *r,
				    cxl_accel_region_lost_fn fn, void *data)
{
	if (!r) {
		pr_err("cxl_accel_region_set_notify() called with a NULL region\n");
		return;
	}
	cxl_accel_registry_set_notify(r, fn, data, false);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_set_notify_v4, CXL_ACCEL_NS);

void cxl_accel_region_set_state_notify(struct cxl_accel_region *r,
				       cxl_accel_region_state_fn fn,
				       void *data)
{
	if (!r) {
		pr_err("%s() called with a NULL region\n", __func__);
		return;
	}
	cxl_accel_registry_set_state_notify(r, fn, data);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_set_state_notify, CXL_ACCEL_NS);
