/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The choice of a CXL fixed memory window (CFMWS) for a device's private
 * range, and where in it the range goes.  Pure code: compiled into the
 * module and into the host unit tests.  The kernel glue (window.c) reads
 * the memory map (iomem) into the plain facts below; everything decided
 * from them is here.
 */
#ifndef CXL_ACCEL_LIB_WINDOW_PICK_H
#define CXL_ACCEL_LIB_WINDOW_PICK_H

#include <linux/types.h>

#include "freespace.h"
#include "spec/cedt.h"

/* Room for the longest reason of a refusal, with its numbers */
#define CXL_LIB_WINDOW_WHY	160
/* ... and for cxl_lib_window_of()'s, which names the range and window too */
#define CXL_LIB_WINDOW_OF_WHY	(CXL_LIB_WINDOW_WHY + 128)

/*
 * What overlaps a window that private device memory must keep out of, or
 * may take over only on request.  System RAM is looked for first: a window
 * with System RAM in it is never used, whatever else is in it.
 */
enum cxl_lib_overlap_kind {
	CXL_LIB_OVERLAP_NONE,
	/*
	 * EFI_MEMORY_SP: dax_hmem turns it into device-dax, kmem into RAM.
	 * Refused, unless the administrator lets cxl_accel take it over
	 * (cxl_accel.take_soft_reserved) and nothing holds part of it.
	 */
	CXL_LIB_OVERLAP_SOFT_RESERVED,
	/* the platform or kmem onlined part of the window */
	CXL_LIB_OVERLAP_SYSTEM_RAM,
};

/**
 * struct cxl_lib_overlap - the first forbidden range found in a window
 * @kind: what it is, CXL_LIB_OVERLAP_NONE if there is none
 * @at: the range, for the log
 * @in_use: with a Soft Reserved @kind, something holds part of it: a busy
 *	range that is not a Reserved claim (a device-dax instance, kmem)
 * @held: if @in_use, the first such range
 */
struct cxl_lib_overlap {
	enum cxl_lib_overlap_kind kind;
	struct cxl_lib_range at;
	bool in_use;
	struct cxl_lib_range held;
};

/**
 * struct cxl_lib_window - one window of the platform and what the memory
 *	map says about it; the pick fills in its verdict
 * @cfmws: the window, as the CEDT parser returned it
 * @overlap: a Soft Reserved or System RAM range inside it
 * @busy: the busy resources inside it; the pick appends the requester's
 *	avoid ranges and the HPA floor here, so there is room for
 *	CXL_LIB_MAX_BUSY in all
 * @nr_busy: entries of @busy
 * @busy_overflow: the memory map had more than CXL_LIB_MAX_BUSY busy
 *	resources there
 * @checked: the pick looked at this window (it targets the host bridge
 *	and no earlier window was taken first-fit)
 * @rc: if @checked, 0 if the window can hold the request, or why not
 * @why: if @rc, the reason, for the log
 * @start: if !@rc, where the range goes (the window's base for a query)
 * @avail: if !@rc, the window's largest free extent in bytes
 */
struct cxl_lib_window {
	struct cxl_spec_cfmws cfmws;
	struct cxl_lib_overlap overlap;
	struct cxl_lib_range busy[CXL_LIB_MAX_BUSY];
	unsigned int nr_busy;
	bool busy_overflow;
	bool checked;
	int rc;
	char why[CXL_LIB_WINDOW_WHY];
	u64 start;
	u64 avail;
};

/**
 * struct cxl_lib_window_req - what a device asks of a window
 * @hb_uid: _UID of the device's host bridge
 * @size: bytes wanted; 0 only asks for the largest free extent
 * @align: alignment of the start, a power of two
 * @floor: the range must start at or above this address (decoders on the
 *	path commit in HPA order)
 * @largest: the window with the largest free extent, at the start of that
 *	extent, instead of the first window and the lowest address that fits
 * @take_sr: a Soft Reserved range that nothing holds does not refuse
 *	the window (cxl_accel.take_soft_reserved)
 * @avoid: ranges in use that the busy resources do not show (the CXL
 *	core's regions are not busy)
 * @nr_avoid: entries of @avoid
 */
struct cxl_lib_window_req {
	u32 hb_uid;
	u64 size;
	u64 align;
	u64 floor;
	bool largest;
	bool take_sr;
	const struct cxl_lib_range *avoid;
	unsigned int nr_avoid;
};

int cxl_lib_window_overlap_why(const struct cxl_lib_overlap *o, bool take_sr,
			       char *why, size_t len);
int cxl_lib_window_pick(struct cxl_lib_window *win, unsigned int nr,
			const struct cxl_lib_window_req *req,
			unsigned int *pick);
int cxl_lib_window_of(const struct cxl_lib_window *win, unsigned int nr,
		      u32 hb_uid, u64 start, u64 size, bool take_sr,
		      unsigned int *idx, char *why, size_t len);

#endif /* CXL_ACCEL_LIB_WINDOW_PICK_H */
