// SPDX-License-Identifier: GPL-2.0-only
/*
 * The choice of a CXL window (see window_pick.h).
 *
 * A window qualifies for a device if it targets the device's host bridge,
 * its restrictions allow device-coherent (Type 2) volatile memory, it does
 * not interleave (one device cannot honour a window that interleaves host
 * bridges), no System RAM range overlaps it, and no Soft Reserved range
 * does either, unless the administrator lets cxl_accel take over such a
 * range and nothing (device-dax, kmem) holds part of it.  What is
 * in use in it is the busy resources, the CXL core's regions the caller
 * learnt of (they are not busy), and everything below the HPA floor.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/overflow.h>
#include <linux/types.h>

#include "window_pick.h"

/**
 * cxl_lib_window_overlap_why() - whether an overlap refuses a window
 * @o: what overlaps it
 * @take_sr: Soft Reserved that nothing holds may be taken over
 * @why: the reason, for the log, if it does
 * @len: bytes at @why
 *
 * Return: 0 if nothing forbidden overlaps the window, else -EBUSY.
 */
int cxl_lib_window_overlap_why(const struct cxl_lib_overlap *o, bool take_sr,
			       char *why, size_t len)
{
	switch (o->kind) {
	case CXL_LIB_OVERLAP_SOFT_RESERVED:
		if (o->in_use) {
			snprintf(why, len, "%s [%#llx-%#llx] overlaps it: %s [%#llx-%#llx] in it",
				 "Soft Reserved", o->at.start, o->at.end,
				 "device-dax or kmem holds", o->held.start,
				 o->held.end);
			return -EBUSY;
		}
		if (take_sr)
			return 0;
		snprintf(why, len, "%s [%#llx-%#llx] overlaps it: %s",
			 "Soft Reserved", o->at.start, o->at.end,
			 "dax_hmem owns EFI_MEMORY_SP ranges (cxl_accel.take_soft_reserved=1 takes them)");
		return -EBUSY;
	case CXL_LIB_OVERLAP_SYSTEM_RAM:
		snprintf(why, len, "%s [%#llx-%#llx] overlaps it: %s",
			 "System RAM", o->at.start, o->at.end,
			 "the kernel already uses that memory");
		return -EBUSY;
	default:
		return 0;
	}
}

/* Mark @r in use in @w, if there is room. */
static int add_busy(struct cxl_lib_window *w, struct cxl_lib_range r)
{
	if (w->nr_busy >= CXL_LIB_MAX_BUSY)
		return -E2BIG;
	w->busy[w->nr_busy++] = r;
	return 0;
}

/* What is in use in @w besides its busy resources. */
static int add_in_use(struct cxl_lib_window *w,
		      const struct cxl_lib_window_req *req,
		      const struct cxl_lib_range *win)
{
	unsigned int i;
	int rc;

	if (w->busy_overflow)
		return -E2BIG;
	for (i = 0; i < req->nr_avoid; i++) {
		if (req->avoid[i].end < win->start ||
		    req->avoid[i].start > win->end)
			continue;
		rc = add_busy(w, req->avoid[i]);
		if (rc)
			return rc;
	}
	/* decoders commit in HPA order: nothing below what is committed */
	if (req->floor > win->start)
		return add_busy(w, (struct cxl_lib_range) {
				win->start, min(req->floor - 1, win->end) });
	return 0;
}

/*
 * Whether window @w can hold @req, where (@w->start), and its largest free
 * extent (@w->avail).  On failure @w->why says why.
 */
static int window_check(struct cxl_lib_window *w,
			const struct cxl_lib_window_req *req)
{
	const struct cxl_spec_cfmws *c = &w->cfmws;
	struct cxl_lib_range win = { c->base, c->base + c->size - 1 };
	int rc;

	if (!cxl_spec_cfmws_allows_devmem_volatile(c)) {
		snprintf(w->why, sizeof(w->why),
			 "restrictions %#x exclude device-coherent volatile memory",
			 c->restrictions);
		return -EOPNOTSUPP;
	}
	if (c->ways != 1) {
		snprintf(w->why, sizeof(w->why),
			 "interleaves %u host bridges; one device needs a 1-way window",
			 c->ways);
		return -EOPNOTSUPP;
	}
	rc = cxl_lib_window_overlap_why(&w->overlap, req->take_sr, w->why,
					sizeof(w->why));
	if (rc)
		return rc;
	rc = add_in_use(w, req, &win) ?:
	     cxl_lib_freespace_max(&win, w->busy, w->nr_busy, req->align,
				   &w->avail);
	if (rc) {
		snprintf(w->why, sizeof(w->why), "more than %u ranges in use",
			 CXL_LIB_MAX_BUSY);
		return rc;
	}
	if (!req->size) {
		w->start = win.start;
		return 0;
	}
	rc = cxl_lib_freespace_find(&win, w->busy, w->nr_busy, req->size,
				    req->align,
				    req->largest ? CXL_LIB_LARGEST : CXL_LIB_FIRST_FIT,
				    &w->start);
	if (rc)
		snprintf(w->why, sizeof(w->why),
			 "%#llx bytes free in one piece, %#llx wanted",
			 w->avail, req->size);
	return rc;
}

/**
 * cxl_lib_window_pick() - choose a window for a device's range
 * @win: the platform's windows in CEDT order, with their facts; each gets
 *	its verdict (see struct cxl_lib_window)
 * @nr: entries of @win
 * @req: the request
 * @pick: on success the chosen window; on failure other than -ENODEV the
 *	last window refused, whose @why is the reason to log
 *
 * First fit takes the first window that qualifies and has room, and looks
 * no further; with @req->largest every window is looked at and the one
 * with the largest free extent wins (the first of equals).  A window that
 * does not target @req->hb_uid is not a candidate at all.
 *
 * Return: 0; -ENODEV if no window targets the host bridge; otherwise the
 * error of the last window refused: -EOPNOTSUPP (restrictions, or
 * interleaved), -EBUSY (System RAM overlaps it, or Soft Reserved that
 * may not be taken over), -E2BIG
 * (more than CXL_LIB_MAX_BUSY ranges in use), -ENOSPC (no room).
 */
int cxl_lib_window_pick(struct cxl_lib_window *win, unsigned int nr,
			const struct cxl_lib_window_req *req,
			unsigned int *pick)
{
	bool found = false;
	int rc = -ENODEV;
	unsigned int i;
	u64 best = 0;

	for (i = 0; i < nr; i++) {
		struct cxl_lib_window *w = &win[i];

		if (cxl_spec_cfmws_target_pos(&w->cfmws, req->hb_uid) < 0)
			continue;
		w->checked = true;
		w->rc = window_check(w, req);
		if (w->rc) {
			/* the last refusal is the one reported */
			if (!found) {
				rc = w->rc;
				*pick = i;
			}
			continue;
		}
		if (!found || (req->largest && w->avail > best)) {
			*pick = i;
			best = w->avail;
			found = true;
			rc = 0;
		}
		if (!req->largest)
			break;
	}
	return rc;
}

/**
 * cxl_lib_window_of() - whether a committed range may stay where it is
 * @win: the platform's windows in CEDT order with their overlap facts
 *	(their busy ranges are not looked at, nor changed)
 * @nr: entries of @win
 * @hb_uid: _UID of the device's host bridge
 * @start: first HPA of the range
 * @size: bytes
 * @take_sr: Soft Reserved that nothing holds may be taken over
 * @idx: the window that contains the range, if there is one
 * @why: on failure, the reason for the log: what follows "HPA " there
 * @len: bytes at @why, CXL_LIB_WINDOW_OF_WHY for the longest reason
 *
 * For adopting decoders that are committed already (firmware's, or a
 * kept region's): the range must lie in one window, that window must
 * target the device's host bridge, allow device-coherent volatile memory
 * and not interleave host bridges (the range is one device's), and no
 * System RAM range may overlap it, nor Soft Reserved unless @take_sr and
 * nothing holds part of it.
 *
 * Return: 0; -ERANGE if @size is 0 or the range wraps past 2^64; -ENXIO if
 * no window contains the whole range, or the one that does not target
 * @hb_uid; -EOPNOTSUPP if its restrictions or its interleave exclude the
 * range; -EBUSY if System RAM, or Soft Reserved that may not be taken
 * over, overlaps it.
 */
int cxl_lib_window_of(const struct cxl_lib_window *win, unsigned int nr,
		      u32 hb_uid, u64 start, u64 size, bool take_sr,
		      unsigned int *idx, char *why, size_t len)
{
	const struct cxl_spec_cfmws *c;
	char but[CXL_LIB_WINDOW_WHY], overlap[CXL_LIB_WINDOW_WHY - 4] = "";
	unsigned int i;
	u64 end;
	int rc;

	/* firmware's values: base + size may wrap */
	if (!size || check_add_overflow(start, size - 1, &end)) {
		snprintf(why, len, "base %#llx + size %#llx wraps around or is empty",
			 start, size);
		return -ERANGE;
	}
	for (i = 0; i < nr; i++) {
		c = &win[i].cfmws;
		if (start >= c->base && end <= c->base + c->size - 1)
			break;
	}
	if (i == nr) {
		snprintf(why, len, "[%#llx-%#llx] is outside every CXL window",
			 start, end);
		return -ENXIO;
	}
	*idx = i;
	if (cxl_spec_cfmws_target_pos(c, hb_uid) < 0) {
		snprintf(but, sizeof(but),
			 "which does not target host bridge UID %u", hb_uid);
		rc = -ENXIO;
	} else if (!cxl_spec_cfmws_allows_devmem_volatile(c)) {
		snprintf(but, sizeof(but),
			 "but its restrictions %#x exclude device-coherent volatile memory",
			 c->restrictions);
		rc = -EOPNOTSUPP;
	} else if (c->ways != 1) {
		snprintf(but, sizeof(but),
			 "but it interleaves %u host bridges, and one device decodes the range",
			 c->ways);
		rc = -EOPNOTSUPP;
	} else {
		/* the reason the window search logs too */
		rc = cxl_lib_window_overlap_why(&win[i].overlap, take_sr,
						overlap, sizeof(overlap));
		snprintf(but, sizeof(but), "but %s", overlap);
	}
	if (rc)
		snprintf(why, len, "[%#llx-%#llx] is in CXL window [%#llx-%#llx], %s",
			 start, end, c->base, c->base + c->size - 1, but);
	return rc;
}
