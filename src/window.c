// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host physical address space for private regions: the platform's CXL
 * Fixed Memory Windows (ACPI CEDT CFMWS), choosing one for a device,
 * finding free space in it and claiming that space.
 *
 * The CEDT is read once, at module load, with acpi_get_table() and parsed
 * by the spec layer (so the same parser runs in the unit tests).  The
 * kernel's cxl_acpi publishes each window as an iomem resource "CXL Window
 * N"; a claim is an exclusive, busy child of it with descriptor
 * IORES_DESC_RESERVED, named after the device:
 *  - busy and exclusive: nothing else can be requested over it, and on a
 *    kernel with strict iomem checks (the default with STRICT_DEVMEM, as
 *    in every distribution kernel) /dev/mem refuses to map it.  With
 *    iomem=relaxed the kernel does not treat a busy non-RAM range as
 *    exclusive, so root can map it: that is the administrator's explicit
 *    choice, as for any device's memory, and nothing here works around
 *    it (marking the range System RAM would be worse).  Tests:
 *    region_devmem, region_devmem_relaxed;
 *  - a child of the window: the CXL core's own region allocator only looks
 *    at the window's children, so it places its regions elsewhere (see
 *    ../shared/reference/coexistence-6.12/NOTE.md, fact 4);
 *  - IORES_DESC_RESERVED, never Soft Reserved: dax_hmem and kmem only
 *    consider Soft Reserved and System RAM ranges.
 * A region kept for the next load (CXL_ACCEL_REGION_KEEP, or adopted)
 * leaves its claim linked in iomem after cxl_accel is gone; see
 * cxl_accel_claim() for who frees it.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/acpi.h>
#include <linux/ioport.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/pci.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "compat/compat.h"
#include "fault.h"
#include "internal.h"
#include "lib/freespace.h"
#include "lib/window_pick.h"

/* The CEDT, copied at load; NULL if the platform has none. */
static void *cedt_copy;
static struct cxl_spec_cedt cedt;

static void cedt_vreport(void *ctx, const char *fmt, va_list args)
{
	struct va_format vaf = { .fmt = fmt };
	va_list ap;

	va_copy(ap, args);
	vaf.va = &ap;
	pr_warn("CEDT: %pV\n", &vaf);
	va_end(ap);
}

int cxl_accel_cedt_init(void)
{
	struct cxl_spec_env env = { .vreport = cedt_vreport };
	struct acpi_table_header *hdr;
	acpi_status status;
	int rc;

	status = acpi_get_table(ACPI_SIG_CEDT, 0, &hdr);
	if (ACPI_FAILURE(status)) {
		pr_info("no ACPI CEDT: no CXL memory windows on this platform\n");
		return 0;
	}
	cedt_copy = kmemdup(hdr, hdr->length, GFP_KERNEL);
	acpi_put_table(hdr);
	if (!cedt_copy)
		return -ENOMEM;
	rc = cxl_spec_cedt_parse(&cedt, cedt_copy,
				 ((struct acpi_table_header *)cedt_copy)->length,
				 &env);
	if (rc) {
		pr_warn("CEDT unusable (%d): no CXL memory windows\n", rc);
		kfree(cedt_copy);
		cedt_copy = NULL;
	}
	return 0;
}

void cxl_accel_cedt_exit(void)
{
	kfree(cedt_copy);
	cedt_copy = NULL;
}

/**
 * cxl_accel_host_bridge_chbs() - the CEDT's host bridge structure for @uid
 * @uid: the host bridge's ACPI _UID
 * @chbs: filled in
 *
 * Return: 0, or -ENODEV if the CEDT has no (well-formed) CHBS for @uid.
 */
int cxl_accel_host_bridge_chbs(u32 uid, struct cxl_spec_chbs *chbs)
{
	if (!cedt_copy)
		return -ENODEV;
	return cxl_spec_cedt_find_chbs(&cedt, uid, chbs) ? -ENODEV : 0;
}

/*
 * Soft Reserved (EFI_MEMORY_SP) ranges in a CXL window belong to dax_hmem
 * by default: a window with one is refused.  The administrator may let
 * cxl_accel take such a range over when nothing holds any of it (no
 * device-dax instance, no kmem), for firmware that marks an accelerator's
 * window Soft Reserved although the device asks for Reserved memory.  Set
 * at load only, so that no region sees the policy change halfway.
 */
static bool take_soft_reserved;
module_param(take_soft_reserved, bool, 0444);
MODULE_PARM_DESC(take_soft_reserved,
		 "Use Soft Reserved ranges in CXL windows that no device-dax or kmem user holds (default: refuse such windows)");

/*
 * What overlaps a window that private device memory must keep out of (see
 * enum cxl_lib_overlap_kind): the first System RAM range, else the first
 * Soft Reserved range and the first busy range in it that is not a
 * Reserved claim (cxl_accel's, kept or live, set IORES_DESC_RESERVED; a
 * range requested inside the Soft Reserved one inherits its descriptor).
 */
static int note_range(struct resource *res, void *arg)
{
	*(struct cxl_lib_range *)arg = (struct cxl_lib_range) {
		res->start, res->end };
	return 1;
}

/**
 * cxl_accel_iomem_first() - the first iomem resource of a kind in a range
 * @desc: IORES_DESC_*, or IORES_DESC_NONE for any
 * @flags: the IORESOURCE_* flags it must have
 * @start: first address of the range
 * @end: last address
 * @at: where it is (clipped to the range), if there is one
 *
 * Context: process context.
 * Return: true if there is one.
 */
bool cxl_accel_iomem_first(unsigned long desc, unsigned long flags, u64 start,
			   u64 end, struct cxl_lib_range *at)
{
	return walk_iomem_res_desc(desc, flags, start, end, at, note_range) > 0;
}

static int note_held(struct resource *res, void *arg)
{
	struct cxl_lib_overlap *o = arg;

	if (res->desc == IORES_DESC_RESERVED)
		return 0;
	o->in_use = true;
	o->held = (struct cxl_lib_range) { res->start, res->end };
	return 1;
}

static void window_overlap(const struct cxl_spec_cfmws *w,
			   struct cxl_lib_overlap *o)
{
	u64 end = w->base + w->size - 1;

	*o = (struct cxl_lib_overlap) { .kind = CXL_LIB_OVERLAP_NONE };
	if (cxl_accel_iomem_first(IORES_DESC_NONE, IORESOURCE_SYSTEM_RAM,
				  w->base, end, &o->at)) {
		o->kind = CXL_LIB_OVERLAP_SYSTEM_RAM;
		return;
	}
	if (!cxl_accel_iomem_first(IORES_DESC_SOFT_RESERVED, IORESOURCE_MEM,
				   w->base, end, &o->at))
		return;
	o->kind = CXL_LIB_OVERLAP_SOFT_RESERVED;
	walk_iomem_res_desc(IORES_DESC_NONE, IORESOURCE_MEM | IORESOURCE_BUSY,
			    o->at.start, o->at.end, o, note_held);
}

/*
 * The busy ranges of a window: every busy memory resource inside it, at
 * any depth.  (walk_iomem_res_desc() reports the outermost matching
 * resource and continues after its end, so it must be asked for busy ones
 * only: the window itself, which is not busy, would hide its children.)
 */
static int note_busy(struct resource *res, void *arg)
{
	struct cxl_lib_window *w = arg;

	if (w->nr_busy == CXL_LIB_MAX_BUSY) {
		w->busy_overflow = true;
		return 1;
	}
	w->busy[w->nr_busy].start = res->start;
	w->busy[w->nr_busy].end = res->end;
	w->nr_busy++;
	return 0;
}

/*
 * The CEDT's windows and what the memory map says about each (its busy
 * ranges only if @busy), for the decisions of lib/window_pick.c; in *@nr
 * how many.  A busy list per window makes a kilobyte each, so the array
 * is allocated; kvfree() it.
 */
static struct cxl_lib_window *windows_read(bool busy, unsigned int *nr)
{
	struct cxl_spec_cfmws cfmws;
	struct cxl_lib_window *win;
	unsigned int i, n = 0;

	while (cedt_copy && !cxl_spec_cedt_cfmws(&cedt, n, &cfmws))
		n++;
	win = kvcalloc(max(n, 1U), sizeof(*win), GFP_KERNEL);
	if (!win)
		return NULL;
	for (i = 0; i < n; i++) {
		struct cxl_lib_window *w = &win[i];

		cxl_spec_cedt_cfmws(&cedt, i, &w->cfmws);
		window_overlap(&w->cfmws, &w->overlap);
		if (busy)
			walk_iomem_res_desc(IORES_DESC_NONE,
					    IORESOURCE_MEM | IORESOURCE_BUSY,
					    w->cfmws.base,
					    w->cfmws.base + w->cfmws.size - 1,
					    w, note_busy);
	}
	*nr = n;
	return win;
}

/**
 * cxl_accel_window_space() - free space for a device in the CXL windows
 * @pdev: the device, for messages
 * @hb_uid: _UID of the device's host bridge
 * @size: bytes wanted; 0 only asks for the largest free extent
 * @align: alignment of the start, a power of two, at least 256 MiB
 * @floor: the range must start at or above this address (decoders on the
 *	path commit in HPA order)
 * @largest: pick the window with the largest free extent, and place the
 *	range at the start of that extent, instead of the first window and
 *	the lowest address where it fits
 * @out: the chosen window and placement; its @avoid ranges (zeroed by
 *	the caller, filled by cxl_accel_claim()) count as in use
 *
 * A window qualifies if it targets @hb_uid, its restrictions allow
 * device-coherent (Type 2) volatile memory, it is not interleaved (one
 * device cannot honour a window that interleaves host bridges), and no
 * Soft Reserved or System RAM range overlaps it.  Windows that do not are
 * logged at debug level with the reason; if none remains, one error line
 * gives the reason of the last candidate.  The choice is
 * cxl_lib_window_pick()'s (unit-tested); this reads the memory map for
 * it and logs.
 *
 * Context: process context, may sleep.
 * Return: 0; -ENODEV if the platform has no CEDT or no window for this
 * host bridge; -EOPNOTSUPP if every window for it excludes device-coherent
 * volatile memory or is interleaved; -EBUSY if System RAM or Soft
 * Reserved overlaps it; -ENOSPC if none has @size bytes free; -E2BIG if
 * more than CXL_LIB_MAX_BUSY ranges are in use in it; -ENOMEM.
 */
int cxl_accel_window_space(struct pci_dev *pdev, u32 hb_uid, u64 size,
			   u64 align, u64 floor, bool largest,
			   struct cxl_accel_space *out)
{
	struct cxl_lib_window_req req = {
		.hb_uid = hb_uid, .size = size, .align = align, .floor = floor,
		.largest = largest, .take_sr = take_soft_reserved,
		.avoid = out->avoid, .nr_avoid = out->nr_avoid,
	};
	struct cxl_lib_window *win, *w;
	unsigned int i, n, pick = 0;
	int rc;

	if (!cedt_copy) {
		cxl_accel_err(pdev, "the platform has no usable ACPI CEDT: no CXL memory windows\n");
		return -ENODEV;
	}
	rc = cxl_accel_fault(CXL_ACCEL_FAULT_WINDOW);
	if (rc) {
		cxl_accel_err(pdev, "cannot look for a CXL window (%d)\n", rc);
		return rc;
	}
	win = windows_read(true, &n);
	if (!win)
		return -ENOMEM;
	rc = cxl_lib_window_pick(win, n, &req, &pick);
	for (i = 0; i < n; i++) {
		w = &win[i];
		if (w->checked && w->rc)
			pci_dbg(pdev, "CXL window [%#llx-%#llx]: %s\n",
				w->cfmws.base, w->cfmws.base + w->cfmws.size - 1,
				w->why);
	}
	w = &win[pick];
	out->overlap = w->overlap;
	if (!rc) {
		out->window = w->cfmws;
		out->start = w->start;
		out->avail = w->avail;
	} else if (rc == -ENODEV) {
		cxl_accel_err(pdev, "no CXL window targets its host bridge (UID %u)\n",
			      hb_uid);
	} else {
		cxl_accel_err(pdev, "no usable CXL window: [%#llx-%#llx] %s\n",
			      w->cfmws.base, w->cfmws.base + w->cfmws.size - 1,
			      w->why);
	}
	kvfree(win);
	return rc;
}

/**
 * cxl_accel_window_of() - the CXL window a committed range is in, if it
 *	may hold it
 * @pdev: the device, for messages
 * @hb_uid: _UID of the device's host bridge
 * @start: first address of the range
 * @size: bytes
 * @what: what decodes the range, for messages
 * @out: the window
 *
 * For adopting decoders that are committed already: the window must
 * contain the whole range, target @hb_uid, allow device-coherent volatile
 * memory, not interleave host bridges (the range is one device's), and no
 * Soft Reserved or System RAM range may overlap it.  One error line says
 * which of those fails.  The decision is cxl_lib_window_of()'s
 * (unit-tested); this reads the windows and the memory map for it.
 *
 * Context: process context, may sleep.
 * Return: 0; -ENXIO if no window contains the range, or the window that
 * contains it does not target @hb_uid; -EOPNOTSUPP if its restrictions or
 * its interleave exclude the range; -EBUSY if System RAM or Soft Reserved
 * overlaps it; -ERANGE if @start + @size wraps around or @size is 0;
 * -ENOMEM.
 */
int cxl_accel_window_of(struct pci_dev *pdev, u32 hb_uid, u64 start, u64 size,
			const char *what, struct cxl_spec_cfmws *out)
{
	char why[CXL_LIB_WINDOW_OF_WHY] = "";
	struct cxl_lib_window *win;
	unsigned int n, idx = 0;
	int rc;

	win = windows_read(false, &n);
	if (!win)
		return -ENOMEM;
	rc = cxl_lib_window_of(win, n, hb_uid, start, size, take_soft_reserved,
			       &idx, why, sizeof(why));
	if (rc)
		cxl_accel_err(pdev, "%s: HPA %s\n", what, why);
	else
		*out = win[idx].cfmws;
	kvfree(win);
	return rc;
}

/* debugfs: the windows of the CEDT, one line each. */
void cxl_accel_windows_show(struct seq_file *s)
{
	struct cxl_spec_cfmws w;
	unsigned int t;
	int i;

	for (i = 0; cedt_copy && !cxl_spec_cedt_cfmws(&cedt, i, &w); i++) {
		seq_printf(s, "window%d: base=%#llx size=%#llx ways=%u granularity=%u restrictions=%#x targets=",
			   i, w.base, w.size, w.ways, w.granularity,
			   w.restrictions);
		for (t = 0; t < w.ways && t < CXL_SPEC_CFMWS_MAX_TARGETS; t++)
			seq_printf(s, "%s%u", t ? "," : "", w.targets[t]);
		seq_putc(s, '\n');
	}
}

/*
 * A claim: its resource and its name in one allocation, the resource
 * first.  A claim kept for the next load (CXL_ACCEL_REGION_KEEP, or an
 * adopted region) stays linked in iomem when cxl_accel is unloaded, and
 * the next load frees it with __release_region() when it adopts the
 * range (cxl_accel_claim() with @takeover).  That frees it whole: on every
 * kernel we support (6.1 to 7.3, kernel/resource.c) __release_region()
 * hands the resource it unlinks to free_resource(), which kfree()s any
 * resource that lives in a slab page; this block is a small kmalloc()
 * (far below KMALLOC_MAX_CACHE_SIZE, so always from a slab cache), and
 * kfree() of the resource, its first member, frees the name with it.
 * While it is kept, the iomem tree references it, so kmemleak does not
 * report it.  A claim that goes with its region is unlinked with
 * release_resource() and freed here.
 */
struct claim {
	struct resource res;
	struct list_head live;
	char name[];
};

/*
 * Claims a region object of this load owns (live, parked or not), as
 * opposed to kept ones that only iomem references.  Adoption may take
 * over a kept claim, never a live one: its region would release it
 * again later.  claims_lock is a leaf lock.
 */
static LIST_HEAD(live_claims);
static DEFINE_SPINLOCK(claims_lock);

static bool claim_is_live(u64 start, u64 end)
{
	struct claim *c;
	bool live = false;

	spin_lock(&claims_lock);
	list_for_each_entry(c, &live_claims, live) {
		if (c->res.start == start && c->res.end == end) {
			live = true;
			break;
		}
	}
	spin_unlock(&claims_lock);
	return live;
}

static bool is_window(const struct resource *p, const struct cxl_spec_cfmws *w)
{
	return p->start == w->base && p->end == w->base + w->size - 1 &&
	       p->name && !strncmp(p->name, "CXL Window", strlen("CXL Window"));
}

/*
 * Where __request_region() put @res: 0 if directly in the CXL window @w's
 * resource; -EAGAIN if inside something else in the window that is not
 * busy (the CXL core's region allocates HPA that way, and does not expect
 * anything inside it but its own), with that range in *@in_use; -ENODEV
 * if @w's resource is not above it at all.  @nested allows the second
 * case (adoption of a range the CXL core's region holds, see mainline.c).
 * A Soft Reserved range in between is allowed when take_soft_reserved
 * let the window be chosen with it.
 */
static int claim_place(const struct resource *res,
		       const struct cxl_spec_cfmws *w, bool nested,
		       struct cxl_lib_range *in_use)
{
	const struct resource *p;

	for (p = res->parent; p && p != &iomem_resource; p = p->parent) {
		if (p->flags & IORESOURCE_BUSY)
			return -ENODEV;
		if (is_window(p, w))
			return 0;
		/* checked when the window was chosen: nothing holds any of it */
		if (take_soft_reserved && p->desc == IORES_DESC_SOFT_RESERVED)
			continue;
		if (!nested) {
			*in_use = (struct cxl_lib_range) { p->start, p->end };
			return -EAGAIN;
		}
	}
	return -ENODEV;
}

static int window_published(struct resource *res, void *found)
{
	*(bool *)found = true;
	return 1;
}

/*
 * What holds part of [@start, @end] among the busy resources: nothing,
 * one resource exactly that range with descriptor IORES_DESC_RESERVED (to
 * take over), or something else (@other, for the message).
 */
struct busy_scan {
	u64 start;
	u64 end;
	bool exact;
	bool other;
	struct cxl_lib_range o;
};

static int scan_busy(struct resource *res, void *arg)
{
	struct busy_scan *b = arg;

	/* @res is clipped to the query, one byte wider than the range */
	if (res->end < b->start || res->start > b->end)
		return 0;
	if (res->start == b->start && res->end == b->end &&
	    res->desc == IORES_DESC_RESERVED && !b->exact) {
		b->exact = true;
		return 0;
	}
	b->other = true;
	b->o = (struct cxl_lib_range) { res->start, res->end };
	return 1;
}

/*
 * Put the claim @c in iomem where its holder is, above it, and free the
 * holder: a busy resource of exactly @c's range, the probe that
 * __request_region() placed, or the claim an earlier load kept (or
 * firmware's reservation) that adoption takes over.  insert_resource()
 * finds the place under the resource lock, so no pointer to a resource
 * that cxl_acpi may free meanwhile (the window) is kept across calls,
 * and the holder is given up only once @c sits in its place: a failure
 * leaves the tree as it was.
 *
 * insert_resource() puts a resource above the first one of the same range
 * it meets from the top, busy or not: for a claim of a whole window (or of
 * a CXL core region's whole range) that is the window, not the holder.
 * Then @c is taken out again and -EEXIST says so (claim_fallback()).
 */
/*
 * Take @c out of iomem again, its children (the holder) back to its
 * parent.  remove_resource() leaves the links of the removed resource as
 * they were, and @c may be linked again (claim_fallback()).
 */
static void claim_unlink(struct claim *c)
{
	remove_resource(&c->res);
	c->res.child = NULL;
	c->res.sibling = NULL;
}

static int claim_replace(struct pci_dev *pdev, struct claim *c,
			 const struct cxl_spec_cfmws *w, bool takeover,
			 struct cxl_lib_range *in_use)
{
	u64 start = c->res.start, size = resource_size(&c->res);
	struct resource *below;
	int rc;

	rc = cxl_accel_fault(CXL_ACCEL_FAULT_CLAIM) ?:
		insert_resource(&iomem_resource, &c->res);
	if (rc) {
		cxl_accel_err(pdev, "cannot claim [%#llx-%#llx]: cannot place it in iomem (%d)\n",
			      start, c->res.end, rc);
		return -EBUSY;
	}
	/* the holder, and nothing else, is now beneath the claim */
	below = c->res.child;
	if (!below || below->sibling || below->start != start ||
	    below->end != c->res.end) {
		cxl_accel_err(pdev, "cannot claim [%#llx-%#llx]: taken while it was being claimed\n",
			      start, c->res.end);
		claim_unlink(c);
		return -EBUSY;
	}
	if (!(below->flags & IORESOURCE_BUSY)) {
		claim_unlink(c);
		return -EEXIST;
	}
	rc = claim_place(&c->res, w, takeover, in_use);
	if (rc) {
		claim_unlink(c);
		return rc;
	}
	__release_region(&c->res, start, size);
	return 0;
}

/*
 * The claim of a range that a non-busy resource spans exactly (see
 * claim_replace()): the kept claim, if any, is released first, a probe
 * placed by __request_region(), and @c linked under the probe's parent
 * once the probe is gone.  That parent is the CXL window or a CXL core
 * region in it.  The window cannot go in between: cxl_acpi frees it only
 * when it is unbound, which waits for the lock of its device that the
 * caller holds (cxl_accel_claim()).  A core region can (6.12 and later,
 * where the caller also holds the core's port locks, only by its owner
 * deleting it), and so can the range, to an iomem user that is not
 * cxl_accel (every claim of cxl_accel holds the same lock): then the
 * claim fails, and in adoption the kept claim is gone with the range
 * still decoded.  That is the known limit of this one case (README,
 * Status).
 */
static int claim_fallback(struct pci_dev *pdev, struct claim *c,
			  const struct cxl_spec_cfmws *w, bool takeover,
			  struct resource *probe, struct cxl_lib_range *in_use)
{
	u64 start = c->res.start, size = resource_size(&c->res);
	struct resource *parent;
	int rc;

	if (!probe) {
		/* the kept claim goes before the new one is known to hold */
		__release_region(&iomem_resource, start, size);
		probe = __request_region(&iomem_resource, start, size, c->name,
					 IORESOURCE_EXCLUSIVE);
		if (!probe) {
			cxl_accel_err(pdev, "cannot claim [%#llx-%#llx]: something else holds part of it\n",
				      start, c->res.end);
			return -EBUSY;
		}
	}
	parent = probe->parent;
	rc = claim_place(probe, w, takeover, in_use);
	__release_region(&iomem_resource, start, size);
	if (rc)
		return rc;
	/* a test holds the gap open here: the window must stay (above) */
	cxl_accel_fault_pause(CXL_ACCEL_PAUSE_CLAIMING);
	if (request_resource(parent, &c->res)) {
		cxl_accel_err(pdev, "cannot claim [%#llx-%#llx]: taken while it was being claimed\n",
			      start, c->res.end);
		return -EBUSY;
	}
	return 0;
}

/**
 * cxl_accel_claim() - claim a range of a CXL window as private memory
 * @pdev: the device; the resource is named after it
 * @v: the caller's cxl_accel_core_lock(): the lock of cxl_acpi's device
 *	keeps @w's resource in iomem while it is held (and every claim of
 *	cxl_accel is made under it, one at a time)
 * @w: the window the range is in
 * @start: first address
 * @size: bytes
 * @takeover: the range's decoders are committed already (adoption): a
 *	busy IORES_DESC_RESERVED resource of exactly this range is a claim
 *	an earlier load kept, or firmware's reservation, and is replaced
 * @res: the claimed resource, on success
 * @in_use: with -EAGAIN, the range that is in use (not with @takeover)
 *
 * The claim goes where __request_region() would put it (which checks for
 * overlaps and revokes /dev/mem mappings of the range): a child of the
 * window, or with @takeover of a range the CXL core nests in it.  A new
 * claim that would land inside something else in the window (a CXL core
 * region, which is not busy and so does not stop __request_region()) is
 * not made: the caller looks elsewhere.  A kept claim or reservation that
 * @takeover replaces is released only once the new claim holds its place.
 *
 * Context: process context, may sleep; cxl_acpi's device locked (@v).
 * Return: 0; -EBUSY if anything else holds part of the range; -EAGAIN if
 * a region of the CXL core holds it (*@in_use says where); -ENODEV if
 * the window has no "CXL Window" resource (cxl_acpi is not loaded);
 * -ENOMEM.
 */
int cxl_accel_claim(struct pci_dev *pdev, const struct cxl_accel_core_view *v,
		    const struct cxl_spec_cfmws *w, u64 start, u64 size,
		    bool takeover, struct resource **res,
		    struct cxl_lib_range *in_use)
{
	struct busy_scan b = { .start = start, .end = start + size - 1 };
	struct resource *probe = NULL;
	bool published = false;
	struct claim *c;
	size_t len;
	int rc;

	/* no ACPI0017, no cxl_acpi: no window is published (below) */
	if (v->root)
		device_lock_assert(v->root);
	len = strlen("cxl_accel ") + strlen(pci_name(pdev)) + 1;
	c = kzalloc(struct_size(c, name, len), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	snprintf(c->name, len, "cxl_accel %s", pci_name(pdev));
	c->res = (struct resource) {
		.start = start,
		.end = start + size - 1,
		.name = c->name,
		.flags = IORESOURCE_MEM | IORESOURCE_BUSY | IORESOURCE_EXCLUSIVE,
		/* private device memory: what EFI calls Reserved, never Soft Reserved */
		.desc = IORES_DESC_RESERVED,
	};
	walk_iomem_res_desc(IORES_DESC_CXL, IORESOURCE_MEM, w->base,
			    w->base + w->size - 1, &published, window_published);
	if (!published)
		goto unpublished;
	if (takeover) {
		walk_iomem_res_desc(IORES_DESC_NONE, IORESOURCE_MEM | IORESOURCE_BUSY,
				    start ? start - 1 : 0, b.end + 1, &b, scan_busy);
		if (b.other) {
			cxl_accel_err(pdev, "cannot claim [%#llx-%#llx]: the busy range [%#llx-%#llx] overlaps it\n",
				      start, b.end, b.o.start, b.o.end);
			goto busy;
		}
		if (b.exact && claim_is_live(start, b.end)) {
			cxl_accel_err(pdev, "cannot claim [%#llx-%#llx]: a region of cxl_accel still holds it (released, waiting for its decoders to be reset)\n",
				      start, b.end);
			goto busy;
		}
		if (b.exact)
			pci_info(pdev, "taking over the reservation of [%#llx-%#llx] (kept by an earlier load, or firmware's)\n",
				 start, b.end);
	}
	if (!b.exact) {
		probe = __request_region(&iomem_resource, start, size, c->name,
					 IORESOURCE_EXCLUSIVE);
		if (!probe) {
			cxl_accel_err(pdev, "cannot claim [%#llx-%#llx]: something else holds part of it\n",
				      start, b.end);
			goto busy;
		}
	}
	rc = claim_replace(pdev, c, w, takeover, in_use);
	if (rc == -EEXIST)
		rc = claim_fallback(pdev, c, w, takeover, probe, in_use);
	else if (rc && probe)
		__release_region(&iomem_resource, start, size);
	if (rc) {
		if (rc == -EAGAIN) {
			pci_dbg(pdev, "[%#llx-%#llx] is inside [%#llx-%#llx], which the CXL core uses: looking elsewhere\n",
				start, b.end, in_use->start, in_use->end);
			kfree(c);
			return rc;
		}
		if (rc == -ENODEV)
			goto unpublished;
		goto busy;
	}
	spin_lock(&claims_lock);
	list_add(&c->live, &live_claims);
	spin_unlock(&claims_lock);
	*res = &c->res;
	return 0;

unpublished:
	cxl_accel_err(pdev, "CXL window [%#llx-%#llx] is not published in iomem (is cxl_acpi loaded?)\n",
		      w->base, w->base + w->size - 1);
	kfree(c);
	return -ENODEV;
busy:
	kfree(c);
	return -EBUSY;
}

/**
 * cxl_accel_unclaim() - give a claimed range back to its window
 * @res: from cxl_accel_claim()
 *
 * Context: process context, may sleep.
 */
void cxl_accel_unclaim(struct resource *res)
{
	struct claim *c = container_of(res, struct claim, res);

	spin_lock(&claims_lock);
	list_del(&c->live);
	spin_unlock(&claims_lock);
	release_resource(res);
	kfree(c);
}

/**
 * cxl_accel_claim_keep() - leave a claim in iomem for a later adoption
 * @res: from cxl_accel_claim()
 *
 * The region that owned it goes; the claim stays linked in iomem (see
 * struct claim for who frees it) and may now be taken over.
 *
 * Context: any.
 */
void cxl_accel_claim_keep(struct resource *res)
{
	struct claim *c = container_of(res, struct claim, res);

	spin_lock(&claims_lock);
	list_del_init(&c->live);
	spin_unlock(&claims_lock);
}
