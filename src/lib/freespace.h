/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Free-space arithmetic for host physical address windows and device
 * physical address space.  Pure code: compiled into the module and into
 * the host unit tests.
 *
 * Ranges are inclusive at both ends, like the kernel's struct range and
 * struct resource, so a range can end at U64_MAX and "end + 1" is never
 * computed where it could overflow.
 */
#ifndef CXL_ACCEL_LIB_FREESPACE_H
#define CXL_ACCEL_LIB_FREESPACE_H

#include <linux/types.h>

/* More busy ranges than one window or device can meaningfully hold */
#define CXL_LIB_MAX_BUSY	64

struct cxl_lib_range {
	u64 start;
	u64 end;
};

enum cxl_lib_fit {
	/* the lowest address that fits */
	CXL_LIB_FIRST_FIT,
	/* the start of the largest free extent, if the request fits there */
	CXL_LIB_LARGEST,
};

int cxl_lib_freespace_find(const struct cxl_lib_range *win,
			   const struct cxl_lib_range *busy, unsigned int nr,
			   u64 size, u64 align, enum cxl_lib_fit fit,
			   u64 *start);
int cxl_lib_freespace_max(const struct cxl_lib_range *win,
			  const struct cxl_lib_range *busy, unsigned int nr,
			  u64 align, u64 *max);
int cxl_lib_dpa_next(u64 capacity, u64 used_end, u64 size, u64 align,
		     u64 *base, u64 *skip);

#endif /* CXL_ACCEL_LIB_FREESPACE_H */
