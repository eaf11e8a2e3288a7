/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cxl_accel: the API a CXL Type-2 accelerator's driver calls.
 *
 * Everything here is exported in the symbol namespace CXL_ACCEL; a driver
 * imports it once with CXL_ACCEL_IMPORT_NS() and builds against the
 * Module.symvers that DKMS keeps for cxl_accel (see README.md, "Building a
 * driver against cxl_accel").
 *
 * Calls a driver gets wrong are refused, not warned about: a NULL handle
 * (or NULL @dev, @info, @max) costs one "<function>() called with a NULL
 * ..." error line in the kernel log and the function's error answer:
 * -EINVAL, ERR_PTR(-EINVAL), or, for a function that returns nothing,
 * nothing (what it fills in is zeroed or an empty range).  The _get()s
 * pass NULL and error pointers through and the _put()s and
 * cxl_accel_dpa_free() ignore them, silently, as get_device() and
 * put_device() do.  Unknown flag bits are -EINVAL.  A handle used after
 * its last reference was dropped cannot be detected.
 */
#ifndef CXL_ACCEL_H
#define CXL_ACCEL_H

#include <linux/bits.h>
#include <linux/module.h>
#include <linux/range.h>
#include <linux/types.h>

struct device;
struct pci_dev;

/*
 * The API version of this header.  Raised when something is added; a
 * driver built against version N runs with any cxl_accel whose
 * cxl_accel_api_version() is N or higher.
 */
#define CXL_ACCEL_API_VERSION	3

/*
 * CXL_ACCEL_IMPORT_NS - import the CXL_ACCEL symbol namespace.
 *
 * MODULE_IMPORT_NS() takes a bare token up to 6.12 and a string literal
 * from 6.13, and a driver built out of tree cannot probe for which.  Both
 * spellings end as the same "import_ns=CXL_ACCEL" entry in .modinfo, which
 * is what modpost and the module loader read, so this writes that entry
 * directly and works on every kernel.
 */
#define CXL_ACCEL_IMPORT_NS()	MODULE_INFO(import_ns, "CXL_ACCEL")

/**
 * cxl_accel_api_version() - the API version of the loaded cxl_accel
 *
 * Context: any.
 * Return: the CXL_ACCEL_API_VERSION cxl_accel was built with.
 */
unsigned int cxl_accel_api_version(void);

/*
 * One PCI function probed as a CXL accelerator.  Opaque; refcounted: the
 * probe returns a reference, regions hold their own.
 */
struct cxl_accel_dev;

struct cxl_accel_dev *cxl_accel_probe(struct pci_dev *pdev);
struct cxl_accel_dev *devm_cxl_accel_probe(struct pci_dev *pdev);
struct cxl_accel_dev *cxl_accel_dev_get(struct cxl_accel_dev *cxlad);
void cxl_accel_dev_put(struct cxl_accel_dev *cxlad);

/**
 * struct cxl_accel_info - what cxl_accel_probe() found
 * @capacity: bytes of device memory, from the DVSEC ranges whose
 *	Memory_Info_Valid is set
 * @hdm_count: HDM_Count of the PCIe DVSEC for CXL Devices (1 or 2 ranges)
 * @nr_decoders: HDM decoders of the device's HDM decoder capability
 * @cache_capable: Cache_Capable: the device does CXL.cache too
 * @mem_hwinit: Mem_HwInit_Mode: the device initialises its memory itself
 */
struct cxl_accel_info {
	u64 capacity;
	unsigned int hdm_count;
	unsigned int nr_decoders;
	bool cache_capable;
	bool mem_hwinit;
};

void cxl_accel_get_info(const struct cxl_accel_dev *cxlad,
			struct cxl_accel_info *info);
int cxl_accel_set_capacity(struct cxl_accel_dev *cxlad, u64 capacity);

/*
 * Regions.  The names follow the upstream Type-2 proposal
 * (cxl_get_hpa_freespace(), cxl_request_dpa(), cxl_create_region(),
 * cxl_dpa_free()) with a cxl_accel_ prefix, so that moving to mainline
 * later is a rename more than a rewrite.
 */
struct cxl_accel_dpa;
struct cxl_accel_region;

/*
 * Region flags.  KEEP and LOCK (API version 2): the last put leaves the
 * region's decoders committed and its host address range claimed, so that
 * the next load of the driver adopts it (cxl_accel_region_adopt()); LOCK
 * also commits the device's own (endpoint) decoder with Lock On Commit, so
 * that nothing can reset it until the device is reset.  The decoders of
 * switches and host bridges are shared with other devices and are never
 * locked.
 */
#define CXL_ACCEL_REGION_VOLATILE	BIT(0)	/* required: volatile memory */
#define CXL_ACCEL_REGION_LARGEST	BIT(1)	/* the window with most room */
#define CXL_ACCEL_REGION_KEEP		BIT(2)	/* stay committed on release */
#define CXL_ACCEL_REGION_LOCK		BIT(3)	/* Lock On Commit; implies KEEP */

/* Mapping flags */
#define CXL_ACCEL_MAP_WB		0	/* write-back (default) */
#define CXL_ACCEL_MAP_WC		BIT(0)	/* write-combining */

int cxl_accel_get_hpa_freespace(struct cxl_accel_dev *cxlad,
				unsigned long flags, resource_size_t *max);
struct cxl_accel_dpa *cxl_accel_request_dpa(struct cxl_accel_dev *cxlad,
					    resource_size_t size);
int cxl_accel_dpa_free(struct cxl_accel_dpa *dpa);
struct cxl_accel_region *cxl_accel_create_region(struct cxl_accel_dpa *dpa,
						 resource_size_t align,
						 unsigned long flags);
struct cxl_accel_region *cxl_accel_region_request(struct cxl_accel_dev *cxlad,
						  resource_size_t size,
						  resource_size_t align,
						  unsigned long flags);
struct cxl_accel_region *
devm_cxl_accel_region_request(struct device *dev, struct cxl_accel_dev *cxlad,
			      resource_size_t size, resource_size_t align,
			      unsigned long flags);
struct cxl_accel_region *cxl_accel_region_adopt(struct cxl_accel_dev *cxlad,
						unsigned long flags);
struct cxl_accel_region *
devm_cxl_accel_region_adopt(struct device *dev, struct cxl_accel_dev *cxlad,
			    unsigned long flags);
struct cxl_accel_region *cxl_accel_region_get(struct cxl_accel_region *r);
void cxl_accel_region_put(struct cxl_accel_region *r);
void cxl_accel_region_range(const struct cxl_accel_region *r,
			    struct range *hpa);
void cxl_accel_region_dpa(const struct cxl_accel_region *r, struct range *dpa);
void *cxl_accel_region_map(struct cxl_accel_region *r, unsigned long flags);
void cxl_accel_region_unmap(struct cxl_accel_region *r, void *addr);

typedef void (*cxl_accel_region_lost_fn)(struct cxl_accel_region *r,
					 void *data);
void cxl_accel_region_set_notify(struct cxl_accel_region *r,
				 cxl_accel_region_lost_fn fn, void *data);

#endif /* CXL_ACCEL_H */
