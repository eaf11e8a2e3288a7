// SPDX-License-Identifier: GPL-2.0-only
/*
 * Free-space arithmetic (see freespace.h).
 *
 * The gaps of a window are walked in address order: a gap runs from the
 * first free address after everything seen so far to the address before
 * the start of the next busy range (clipped to the window).  Both ends
 * of a gap are inclusive.  (An earlier upstream proposal computed the gap
 * before a busy range as ending at its start, one byte into it; here the
 * last free byte is start - 1.)
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/types.h>

#include "freespace.h"

/* Each busy range well formed, and not more of them than we allow. */
static int check_busy(const struct cxl_lib_range *busy, unsigned int nr)
{
	unsigned int i;

	if (nr > CXL_LIB_MAX_BUSY)
		return -E2BIG;
	for (i = 0; i < nr; i++)
		if (busy[i].start > busy[i].end)
			return -EINVAL;
	return 0;
}

/*
 * Of the busy ranges that reach @from or beyond inside @win, the one that
 * starts lowest, clipped to @win; false if there is none.  A scan per gap
 * rather than a sorted copy: a copy of CXL_LIB_MAX_BUSY ranges would take
 * a kilobyte of kernel stack, and there are only a handful.
 */
static bool next_busy(const struct cxl_lib_range *win,
		      const struct cxl_lib_range *busy, unsigned int nr,
		      u64 from, struct cxl_lib_range *out)
{
	bool found = false;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		if (busy[i].end < from || busy[i].start > win->end)
			continue;
		if (!found || busy[i].start < out->start) {
			*out = busy[i];
			found = true;
		}
	}
	if (found) {
		out->start = max(out->start, win->start);
		out->end = min(out->end, win->end);
	}
	return found;
}

/*
 * The usable part of gap [start, end] for @align: its aligned start and
 * length, or false if no aligned byte is in it.
 */
static bool gap_usable(u64 start, u64 end, u64 align, u64 *astart, u64 *len)
{
	u64 a = ALIGN_DOWN(start, align);

	if (a < start) {
		if (a > U64_MAX - align)
			return false;
		a += align;
	}
	if (a > end)
		return false;
	*astart = a;
	*len = end - a + 1;	/* 0 means the full 2^64: not a real window */
	return true;
}

/*
 * Walk the gaps of @win between the ranges of @busy in address order and
 * call @fn(gap start, gap end) on each until it returns true.
 */
static void walk_gaps(const struct cxl_lib_range *win,
		      const struct cxl_lib_range *busy, unsigned int nr,
		      bool (*fn)(void *ctx, u64 start, u64 end), void *ctx)
{
	u64 next = win->start;	/* first address not yet known busy */
	struct cxl_lib_range r;

	while (next_busy(win, busy, nr, next, &r)) {
		if (r.start > next && fn(ctx, next, r.start - 1))
			return;
		/* r.end >= next: every pass moves on, or ends the walk */
		if (r.end == win->end)
			return;
		next = r.end + 1;
	}
	fn(ctx, next, win->end);
}

struct fit_ctx {
	u64 size;
	u64 align;
	enum cxl_lib_fit fit;
	bool found;
	u64 start;
	u64 best_len;
};

static bool fit_gap(void *p, u64 start, u64 end)
{
	struct fit_ctx *c = p;
	u64 a, len;

	if (!gap_usable(start, end, c->align, &a, &len))
		return false;
	if (c->fit == CXL_LIB_FIRST_FIT) {
		if (len && len < c->size)
			return false;
		c->found = true;
		c->start = a;
		return true;
	}
	if (!c->found || len > c->best_len) {
		c->found = true;
		c->start = a;
		c->best_len = len;
	}
	return false;
}

static bool valid_args(const struct cxl_lib_range *win, u64 align)
{
	return win->start <= win->end && is_power_of_2(align);
}

/**
 * cxl_lib_freespace_find() - place @size bytes in a window
 * @win: the window
 * @busy: ranges already taken, in any order; they may overlap each other
 *	and extend beyond @win
 * @nr: entries in @busy
 * @size: bytes wanted, not 0
 * @align: alignment of the start address, a power of two
 * @fit: CXL_LIB_FIRST_FIT or CXL_LIB_LARGEST
 * @start: where the range starts, on success
 *
 * Return: 0; -EINVAL for an empty request, a reversed range or an
 * alignment that is not a power of two; -E2BIG for more than
 * CXL_LIB_MAX_BUSY busy ranges; -ENOSPC if it does not fit (with
 * CXL_LIB_LARGEST: not in the largest free extent).
 */
int cxl_lib_freespace_find(const struct cxl_lib_range *win,
			   const struct cxl_lib_range *busy, unsigned int nr,
			   u64 size, u64 align, enum cxl_lib_fit fit,
			   u64 *start)
{
	struct fit_ctx c = { .size = size, .align = align, .fit = fit };
	int rc;

	if (!size || !valid_args(win, align))
		return -EINVAL;
	rc = check_busy(busy, nr);
	if (rc)
		return rc;
	walk_gaps(win, busy, nr, fit_gap, &c);
	if (!c.found)
		return -ENOSPC;
	if (fit == CXL_LIB_LARGEST && c.best_len && c.best_len < size)
		return -ENOSPC;
	*start = c.start;
	return 0;
}

static bool max_gap(void *p, u64 start, u64 end)
{
	struct fit_ctx *c = p;
	u64 a, len;

	if (gap_usable(start, end, c->align, &a, &len) && len > c->best_len)
		c->best_len = len;
	return false;
}

/**
 * cxl_lib_freespace_max() - the largest aligned free extent of a window
 * @win: the window
 * @busy: ranges already taken, as for cxl_lib_freespace_find()
 * @nr: entries in @busy
 * @align: alignment of the extent's start, a power of two
 * @max: its length in bytes, 0 if nothing is free
 *
 * Return: 0, -EINVAL or -E2BIG as cxl_lib_freespace_find().
 */
int cxl_lib_freespace_max(const struct cxl_lib_range *win,
			  const struct cxl_lib_range *busy, unsigned int nr,
			  u64 align, u64 *max)
{
	struct fit_ctx c = { .align = align };
	int rc;

	if (!valid_args(win, align))
		return -EINVAL;
	rc = check_busy(busy, nr);
	if (rc)
		return rc;
	walk_gaps(win, busy, nr, max_gap, &c);
	*max = c.best_len;
	return 0;
}

/**
 * cxl_lib_dpa_next() - the device address range of the next endpoint
 *	decoder
 * @capacity: bytes of device memory
 * @used_end: bytes of DPA the device's lower decoders already use
 *	(DPA skip included): the next decoder's range starts at or above it
 * @size: bytes wanted
 * @align: alignment of the range's base, a power of two (256 MiB: the
 *	unit of DPA Skip and decoder size)
 * @base: its first DPA
 * @skip: the DPA Skip to program: bytes between @used_end and @base
 *
 * Endpoint decoders translate consecutive DPA in decoder order, each
 * starting where the previous one ends plus its DPA Skip (CXL 2.0
 * 8.2.5.12.11), so a new range can only go above everything in use.
 *
 * Return: 0; -EINVAL for a zero size, a size or alignment that is not
 * usable; -ENOSPC if it does not fit below @capacity.
 */
int cxl_lib_dpa_next(u64 capacity, u64 used_end, u64 size, u64 align,
		     u64 *base, u64 *skip)
{
	u64 b;

	if (!size || !is_power_of_2(align) || size & (align - 1))
		return -EINVAL;
	b = ALIGN_DOWN(used_end, align);
	if (b < used_end) {
		if (b > U64_MAX - align)
			return -ENOSPC;
		b += align;
	}
	if (b > capacity || capacity - b < size)
		return -ENOSPC;
	*base = b;
	*skip = b - used_end;
	return 0;
}
