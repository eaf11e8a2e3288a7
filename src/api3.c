// SPDX-License-Identifier: GPL-2.0-only
/*
 * API 3's link names, kept with API 3's behaviour for drivers built
 * against it (include/cxl_accel.h, "Versioning"): the required
 * CXL_ACCEL_REGION_VOLATILE flag (bit 0), an HPA alignment argument (0
 * meaning 256 MiB), unsigned long flags, and a lost notifier that runs
 * before cxl_accel_region_set_notify() returns when the region was lost
 * already.  What API 3's header documented still holds for them.
 *
 * The header maps these names to the _v4 calls for drivers built with
 * it; here they are the API 3 functions themselves.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/err.h>
#include <linux/pci.h>
#include <linux/sizes.h>

#include <cxl_accel.h>

#include "api3.h"
#include "internal.h"

/* API 3's region flags; the others are CXL_ACCEL_RF_*'s bits */
#define API3_VOLATILE	BIT(0)
#define API3_MAP_WC	BIT(0)

/* API 3's checks: VOLATILE required, @allowed besides it. */
static int api3_flags(struct cxl_accel_dev *cxlad, const char *call,
		      unsigned long flags, unsigned long allowed,
		      unsigned long *rf)
{
	if (!(flags & API3_VOLATILE) || flags & ~(API3_VOLATILE | allowed)) {
		cxl_accel_err(cxlad->pdev, "%s(): region flags %#lx: only volatile regions are supported\n",
			      call, flags);
		return -EINVAL;
	}
	*rf = flags & ~API3_VOLATILE;
	return 0;
}

/* 0 meant 256 MiB */
static resource_size_t api3_align(resource_size_t align)
{
	return align ?: SZ_256M;
}

int cxl_accel_get_hpa_freespace(struct cxl_accel_dev *cxlad,
				unsigned long flags, resource_size_t *max)
{
	if (!cxlad || !max) {
		pr_err("%s() called with a NULL %s\n", __func__,
		       cxlad ? "max" : "handle");
		return -EINVAL;
	}
	if (flags & ~(API3_VOLATILE | CXL_ACCEL_RF_ALL)) {
		cxl_accel_err(cxlad->pdev, "free space: unknown region flags %#lx\n",
			      flags);
		return -EINVAL;
	}
	if (!(flags & API3_VOLATILE))
		return -EOPNOTSUPP;
	return cxl_accel_hpa_freespace(cxlad, flags & ~API3_VOLATILE, max);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_get_hpa_freespace, CXL_ACCEL_NS);

struct cxl_accel_dpa *cxl_accel_request_dpa(struct cxl_accel_dev *cxlad,
					    resource_size_t size)
{
	if (!cxlad) {
		pr_err("%s() called with a NULL handle\n", __func__);
		return ERR_PTR(-EINVAL);
	}
	return cxl_accel_dpa_request(cxlad, size);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_request_dpa, CXL_ACCEL_NS);

struct cxl_accel_region *cxl_accel_create_region(struct cxl_accel_dpa *dpa,
						 resource_size_t align,
						 unsigned long flags)
{
	unsigned long rf;
	int rc;

	if (!dpa) {
		pr_err("%s() called with a NULL reservation\n", __func__);
		return ERR_PTR(-EINVAL);
	}
	rc = api3_flags(dpa->cxlad, __func__, flags, CXL_ACCEL_RF_ALL, &rf);
	return rc ? ERR_PTR(rc) :
		    cxl_accel_region_create(dpa, api3_align(align), rf);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_create_region, CXL_ACCEL_NS);

struct cxl_accel_region *cxl_accel_region_request(struct cxl_accel_dev *cxlad,
						  resource_size_t size,
						  resource_size_t align,
						  unsigned long flags)
{
	unsigned long rf;
	int rc;

	if (!cxlad) {
		pr_err("%s() called with a NULL handle\n", __func__);
		return ERR_PTR(-EINVAL);
	}
	rc = api3_flags(cxlad, __func__, flags, CXL_ACCEL_RF_ALL, &rf);
	return rc ? ERR_PTR(rc) :
		    cxl_accel_region_new(cxlad, size, api3_align(align), rf);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_request, CXL_ACCEL_NS);

struct cxl_accel_region *
devm_cxl_accel_region_request(struct device *dev, struct cxl_accel_dev *cxlad,
			      resource_size_t size, resource_size_t align,
			      unsigned long flags)
{
	if (!dev) {
		pr_err("%s() called with a NULL device\n", __func__);
		return ERR_PTR(-EINVAL);
	}
	return cxl_accel_devm_region(dev, cxl_accel_region_request(cxlad, size,
								   align, flags));
}
EXPORT_SYMBOL_NS_GPL(devm_cxl_accel_region_request, CXL_ACCEL_NS);

struct cxl_accel_region *cxl_accel_region_adopt(struct cxl_accel_dev *cxlad,
						unsigned long flags)
{
	unsigned long rf;
	int rc;

	if (!cxlad) {
		pr_err("%s() called with a NULL handle\n", __func__);
		return ERR_PTR(-EINVAL);
	}
	rc = api3_flags(cxlad, __func__, flags, CXL_ACCEL_RF_KEEP, &rf);
	return rc ? ERR_PTR(rc) : cxl_accel_adopt(cxlad, rf);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_adopt, CXL_ACCEL_NS);

struct cxl_accel_region *
devm_cxl_accel_region_adopt(struct device *dev, struct cxl_accel_dev *cxlad,
			    unsigned long flags)
{
	if (!dev) {
		pr_err("%s() called with a NULL device\n", __func__);
		return ERR_PTR(-EINVAL);
	}
	return cxl_accel_devm_region(dev, cxl_accel_region_adopt(cxlad, flags));
}
EXPORT_SYMBOL_NS_GPL(devm_cxl_accel_region_adopt, CXL_ACCEL_NS);

void *cxl_accel_region_map(struct cxl_accel_region *r, unsigned long flags)
{
	if (!r) {
		pr_err("%s() called with a NULL region\n", __func__);
		return ERR_PTR(-EINVAL);
	}
	if (flags & ~API3_MAP_WC) {
		cxl_accel_err(r->cxlad->pdev, "%s(): unknown mapping flags %#lx\n",
			      __func__, flags);
		return ERR_PTR(-EINVAL);
	}
	return cxl_accel_map(r, flags & API3_MAP_WC);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_map, CXL_ACCEL_NS);

void cxl_accel_region_set_notify(struct cxl_accel_region *r,
				 cxl_accel_region_lost_fn fn, void *data)
{
	if (!r) {
		pr_err("%s() called with a NULL region\n", __func__);
		return;
	}
	cxl_accel_registry_set_notify(r, fn, data, true);
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_region_set_notify, CXL_ACCEL_NS);
