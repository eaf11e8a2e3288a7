/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * API 3's prototypes, for api3.c alone: include/cxl_accel.h maps these
 * names to API 4's _v4 calls, so they are unmapped first.  Nothing else
 * may include this after the public header.
 */
#ifndef CXL_ACCEL_API3_H
#define CXL_ACCEL_API3_H

#undef cxl_accel_get_hpa_freespace
#undef cxl_accel_request_dpa
#undef cxl_accel_create_region
#undef cxl_accel_region_request
#undef devm_cxl_accel_region_request
#undef cxl_accel_region_adopt
#undef devm_cxl_accel_region_adopt
#undef cxl_accel_region_map
#undef cxl_accel_region_set_notify

int cxl_accel_get_hpa_freespace(struct cxl_accel_dev *cxlad,
				unsigned long flags, resource_size_t *max);
struct cxl_accel_dpa *cxl_accel_request_dpa(struct cxl_accel_dev *cxlad,
					    resource_size_t size);
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
void *cxl_accel_region_map(struct cxl_accel_region *r, unsigned long flags);
void cxl_accel_region_set_notify(struct cxl_accel_region *r,
				 cxl_accel_region_lost_fn fn, void *data);

#endif /* CXL_ACCEL_API3_H */
