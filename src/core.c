// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sharing decoders with the kernel's CXL core.
 *
 * A host bridge or a switch on the accelerator's path may also carry the
 * path of a Type-3 memory device managed by cxl_pci.  The CXL core keeps
 * its own objects for those decoders (a cxl_port per component, a
 * cxl_switch_decoder per decoder, port->commit_end) and allocates the
 * decoder at commit_end + 1 for its next region (6.12 and later; 6.1 takes
 * the first decoder without a region and ignores whether it is committed).
 * It reads the hardware only when it enumerates a port, never again.  Its
 * region lock is not exported on any kernel we support, so cxl_accel
 * cannot take it; what it can take is a port's device lock.
 *
 * Why that is enough (6.12 and later).  Every path by which the core
 * writes a port's decoder registers or objects runs either under that
 * port's device lock (probe, decoder enumeration, dport add) or in region
 * code that reaches the port through a region whose endpoint sits below
 * it.  Endpoints and child ports are added and removed only under the
 * port's device lock.  So while we hold a port's lock and it has no child
 * cxl_port, nobody else can write its decoders, and nobody can start to.
 * Under that lock cxl_accel:
 *  - programs a port the core has not enumerated (no cxl_port yet, or a
 *    7.x port whose decoders are set up lazily): when the core enumerates
 *    it later, it finds our decoder committed and treats it like one that
 *    firmware committed - shown truthfully, never allocated, never reset;
 *  - programs a port the core has enumerated and then brings the core's
 *    objects to the state its enumeration would have produced had our
 *    decoder been committed then (layouts from the target's BTF, see
 *    conftest.sh); and undoes both on release;
 *  - refuses a port with endpoints below it ("Type-3 first", below).  A
 *    region whose decoders are no longer the top of such a port when it
 *    is released is parked (kept committed and claimed, the core's view
 *    still true) and released later.
 *
 * Why a port with endpoints below it is refused (read in 6.12.95, 7.2.13
 * and 7.3-rc7; the same on all three).  There the core's region code
 * changes the port's decoders holding only its region lock
 * (cxl_region_rwsem, cxl_rwsem.region in 7.x), which no kernel exports
 * and no export holds around a callback; root's writes to a region's
 * sysfs files take no port or endpoint device lock:
 *  - targetN: cxl_port_attach_region() -> match_free_decoder() reads
 *    commit_end and takes decoder commit_end + 1; cxl_port_setup_targets()
 *    then writes its range, interleave and targets;
 *  - commit: cxl_decoder_commit() programs the registers and increments
 *    commit_end (and skips a decoder already marked enabled: a decoder of
 *    ours taken that way would leave a Type-3 region "committed" while
 *    the hardware routes its range to the accelerator);
 *  - uncommit, an empty targetN, delete_region: cxl_decoder_reset() and
 *    cxl_port_commit_reap() reset registers and move commit_end back, and
 *    the detach path clears the decoder's region and range.
 * A committed, stable region of the core's does not close the window: a
 * new one may take free DPA of any endpoint below at any time.  Endpoint
 * probe and removal hold the endpoint's and its parent port's locks, so
 * locking every port and endpoint below would exclude those, but never
 * the sysfs paths above; a read-modify-write of commit_end racing one of
 * them tears it.  No kernel offers an export that does this for us:
 * 7.2's and 7.3's devm_cxl_probe_mem() adopts only a region firmware
 * committed, and allocates no HPA and programs no hop.  So the request is
 * refused with a line that says how to proceed: unbind the Type-3 devices
 * below the port (which tears down their regions), program, rebind.
 *
 * Every write of the core's objects is checked at once through what the
 * core itself shows user space (src/core_view.c); where the two differ,
 * the write is undone and the request refused.
 *
 * Lock order, outermost first (lockdep checks it on the debug kernel):
 *  1. the vendor's PCI device lock (its probe or remove), if held;
 *  2. parked_lock (park.c), then a device's cxlad->lock;
 *  3. the device lock of cxl_acpi's platform device (core_root());
 *  4. the core's port device locks, host bridge first, then each switch
 *     below it: the driver core's parent-before-child order, which is
 *     also how the core nests them (6.12's cxl_detach_ep() takes a
 *     parent port's lock, then the child's);
 *  5. the core's region lock, for reading, taken by its own show methods
 *     during the check (src/core_view.c): the core takes it inside a
 *     port's device lock too (6.12's decoder_populate_targets(), for
 *     writing, asserts the port's lock first);
 *  6. leaves, held for a few lines and never around anything else:
 *     claims_lock (window.c), the registry's lock (notify.c), a region's
 *     maps_lock, the fault injection's spinlock.
 * Apart: a region's notify_lock (notify.c) is held around the vendor's
 * notifier callback, which may take the vendor's own locks (rtnl for a
 * netdev) and call back into cxl_accel; it is taken with none of 2-5
 * held (from a work item, or the driver's own call).
 * The functions below that need 3 and 4 assert them.
 *
 * Without the layouts (6.1's headers carry no BTF) the core's objects are
 * never touched and only what the core can never model with HDM decoders
 * is programmed: a host bridge the core treats as passthrough, and a
 * switch with no other CXL.mem function below it (so no cxl_port will
 * ever exist for it).  On 6.1 that is also the only safe choice, since
 * its allocator would reuse any decoder we committed on a port it tracks.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/range.h>
#include <linux/xarray.h>

#include "compat/compat.h"
#include "fault.h"
#include "internal.h"

#include "compat/cxl_core.h"

/*
 * 6.12 and later allocate a port's decoders at commit_end + 1 and export
 * cxl_port_commit_reap(); 6.1 does neither.
 */
#ifdef CXL_ACCEL_HAVE_EXPORT_CXL_PORT_COMMIT_REAP
#define CORE_ALLOCATES_BY_COMMIT_END	true
#else
#define CORE_ALLOCATES_BY_COMMIT_END	false
#endif

/* drivers/cxl/cxl.h, the same on 6.1 to 7.3; checked at run time below */
#define CORE_DECODER_F_LOCK	BIT(4)
#define CORE_DECODER_F_ENABLE	BIT(5)

#ifdef CXL_ACCEL_HAVE_CORE_LAYOUT
#define CORE_HAVE_LAYOUT	true
/* a member of one of the core's objects, at the offset BTF gave */
#define CORE_MEMBER(obj, type, s, m)	\
	((type *)((u8 *)(obj) + CXL_ACCEL_OFF_##s##__##m))

static void core_layout_checks(void)
{
	/* the BTF we read is the kernel whose headers we compile against */
	BUILD_BUG_ON(sizeof(struct device) != CXL_ACCEL_SIZE_CXL_PORT__DEV);
	BUILD_BUG_ON(sizeof(struct device *) != CXL_ACCEL_SIZE_CXL_PORT__UPORT_DEV);
	BUILD_BUG_ON(sizeof(struct xarray) != CXL_ACCEL_SIZE_CXL_PORT__DPORTS);
	BUILD_BUG_ON(sizeof(int) != CXL_ACCEL_SIZE_CXL_PORT__COMMIT_END);
	BUILD_BUG_ON(CXL_ACCEL_OFF_CXL_DECODER__DEV);
	BUILD_BUG_ON(sizeof(int) != CXL_ACCEL_SIZE_CXL_DECODER__ID);
	BUILD_BUG_ON(sizeof(struct range) != CXL_ACCEL_SIZE_CXL_DECODER__HPA_RANGE);
	BUILD_BUG_ON(sizeof(int) != CXL_ACCEL_SIZE_CXL_DECODER__INTERLEAVE_WAYS);
	BUILD_BUG_ON(sizeof(int) != CXL_ACCEL_SIZE_CXL_DECODER__INTERLEAVE_GRANULARITY);
	BUILD_BUG_ON(sizeof(int) != CXL_ACCEL_SIZE_CXL_DECODER__TARGET_TYPE);
	BUILD_BUG_ON(sizeof(unsigned long) != CXL_ACCEL_SIZE_CXL_DECODER__FLAGS);
	BUILD_BUG_ON(CXL_ACCEL_OFF_CXL_SWITCH_DECODER__CXLD);
	BUILD_BUG_ON(sizeof(int) != CXL_ACCEL_SIZE_CXL_SWITCH_DECODER__NR_TARGETS);
	BUILD_BUG_ON(sizeof(int) != CXL_ACCEL_SIZE_CXL_DPORT__PORT_ID);
#ifdef CXL_ACCEL_OFF_CXL_DECODER__TARGET_MAP
	BUILD_BUG_ON(sizeof(u32) > CXL_ACCEL_SIZE_CXL_DECODER__TARGET_MAP);
#endif
}

static struct device *core_port_uport(struct cxl_port *port)
{
	return *CORE_MEMBER(port, struct device *, CXL_PORT, UPORT_DEV);
}

static int *core_port_commit_end(struct cxl_port *port)
{
	return CORE_MEMBER(port, int, CXL_PORT, COMMIT_END);
}
#else
#define CORE_HAVE_LAYOUT	false

static void core_layout_checks(void)
{
}
#endif

/* What cxl_accel_core_lock() took is still held. */
static void core_assert_locked(const struct cxl_accel_core_view *v)
{
	unsigned int i;

	if (v->root)
		device_lock_assert(v->root);
	for (i = 0; i < v->nr_locked; i++)
		device_lock_assert(v->locked[i]);
}

/* The CXL core's root decoders carry F_ENABLE; if not, its flags moved. */
static int core_root_flags(struct device *dev, void *found)
{
#ifdef CXL_ACCEL_HAVE_CORE_LAYOUT
	unsigned long flags;

	if (!is_root_decoder(dev))
		return 0;
	/* a root decoder embeds its switch decoder, which embeds the decoder */
	flags = *CORE_MEMBER(to_cxl_switch_decoder(dev), unsigned long,
			     CXL_DECODER, FLAGS);
	*(int *)found = flags & CORE_DECODER_F_ENABLE ? 1 : -1;
	return 1;
#else
	return 0;
#endif
}

static int core_flags_check(void)
{
	int found = 0;

	if (!CORE_HAVE_LAYOUT)
		return 0;
	bus_for_each_dev(cxl_accel_cxl_bus(), NULL, &found, core_root_flags);
	if (found < 0) {
		pr_err("unknown CXL core flag layout: root decoders lack F_ENABLE\n");
		return -EOPNOTSUPP;
	}
	return 0;
}

/*
 * Sharing a port the core tracks writes the core's objects (its decoder
 * and commit_end), which is safe only if they mean what cxl_accel thinks:
 * BTF gives the offsets, but not whether a new member must agree with the
 * hardware too.  So that is done only on a core whose fingerprint the
 * guest tests ran against (src/compat/tested-layouts, written by
 * conftest.sh), or where the administrator accepts the risk.
 */
static bool allow_untested_core_layout;
module_param(allow_untested_core_layout, bool, 0444);
MODULE_PARM_DESC(allow_untested_core_layout,
		 "share CXL ports with a CXL core whose object layout cxl_accel was not tested with (taints the kernel)");

#ifdef CXL_ACCEL_CORE_LAYOUT_TESTED
#define CORE_LAYOUT_TESTED	true
#else
#define CORE_LAYOUT_TESTED	false
#endif

static bool core_layout_trusted(void)
{
	return (CORE_LAYOUT_TESTED && !cxl_accel_fault_untested_layout()) ||
	       allow_untested_core_layout;
}

/* At load: say what the parameter does here, and taint if it overrides. */
void cxl_accel_core_init(void)
{
	if (!allow_untested_core_layout)
		return;
	if (CORE_HAVE_LAYOUT && !CORE_LAYOUT_TESTED) {
		pr_warn("allow_untested_core_layout: sharing ports with a CXL core whose layout (fingerprint %s) was not tested\n",
			CXL_ACCEL_CORE_FINGERPRINT);
		add_taint(TAINT_USER, LOCKDEP_STILL_OK);
	} else {
		pr_info("allow_untested_core_layout: nothing to allow on this kernel (fingerprint %s)\n",
			CXL_ACCEL_CORE_FINGERPRINT);
	}
}

struct core_match {
	struct device *a;
	struct device *b;
};

static int core_match_uport(struct device *dev, const void *data)
{
#ifdef CXL_ACCEL_HAVE_CORE_LAYOUT
	const struct core_match *m = data;
	struct device *uport;

	if (!is_cxl_port(dev))
		return 0;
	uport = core_port_uport(to_cxl_port(dev));
	return uport && (uport == m->a || uport == m->b);
#else
	return 0;
#endif
}

/* The devices the core may call a host bridge port's uport. */
static void core_hb_devices(struct cxl_accel_dev *cxlad, struct core_match *m)
{
	struct pci_host_bridge *bridge = pci_find_host_bridge(cxlad->pdev->bus);
	struct acpi_device *adev = ACPI_COMPANION(&bridge->dev);

	/* 6.12 and later name the bridge, 6.1 its ACPI companion */
	m->a = &bridge->dev;
	m->b = adev ? &adev->dev : NULL;
}

/* The core's port for a hop, referenced; NULL if it has none. */
static struct device *core_find_port(struct cxl_accel_dev *cxlad,
				     const struct cxl_accel_hop *hop)
{
	struct core_match m = { };

	if (hop->kind == CXL_ACCEL_HOP_SWITCH)
		m.a = &hop->port->dev;
	else
		core_hb_devices(cxlad, &m);
	return bus_find_device(cxl_accel_cxl_bus(), NULL, &m, core_match_uport);
}

static int core_is_port(struct device *dev, void *unused)
{
	return is_cxl_port(dev);
}

static int core_count_decoder(struct device *dev, void *count)
{
	if (is_switch_decoder(dev) && !is_root_decoder(dev))
		(*(unsigned int *)count)++;
	return 0;
}

/* Another CXL.mem function than @self below @bridge? */
struct other_mem {
	struct pci_dev *self;
	struct pci_dev *found;
};

static int find_other_mem(struct pci_dev *pdev, void *data)
{
	struct other_mem *o = data;
	u16 dvsec, cap;

	if (pdev == o->self)
		return 0;
	dvsec = cxl_accel_find_dvsec(pdev, CXL_SPEC_DVSEC_DEVICE);
	if (!dvsec || pci_read_config_word(pdev, dvsec + CXL_SPEC_DEV_CAP, &cap) ||
	    !(cap & CXL_SPEC_DEV_CAP_MEM_CAPABLE))
		return 0;
	o->found = pdev;
	return 1;
}

static struct pci_dev *other_mem_below(struct pci_dev *self,
				       struct pci_dev *bridge)
{
	struct other_mem o = { .self = self };

	if (bridge->subordinate)
		pci_walk_bus(bridge->subordinate, find_other_mem, &o);
	return o.found;
}

/* CXL root ports of the device's host bridge, as 6.1 counts its dports */
static int count_root_port(struct pci_dev *pdev, void *count)
{
	if (pci_is_pcie(pdev) && pci_pcie_type(pdev) == PCI_EXP_TYPE_ROOT_PORT &&
	    cxl_accel_find_dvsec(pdev, CXL_SPEC_DVSEC_PORT_EXT))
		(*(unsigned int *)count)++;
	return 0;
}

/*
 * Classify one hop.  With the layouts, by the core's own objects; without,
 * by what the core could ever do with the hop.
 */
static void core_classify(struct cxl_accel_dev *cxlad,
			  struct cxl_accel_core_view *v, unsigned int i)
{
	const struct cxl_accel_hop *hop = &cxlad->path.hop[i];
	struct device *port = v->port[i];
	unsigned int n = 0;
	struct pci_dev *other;

	if (!hop->has_hdm) {
		v->state[i] = CXL_ACCEL_CORE_PASSTHROUGH;
		return;
	}
	if (CORE_HAVE_LAYOUT) {
		if (!port) {
			v->state[i] = CXL_ACCEL_CORE_UNTRACKED;
		} else if (device_for_each_child(port, NULL, core_is_port)) {
			v->state[i] = CXL_ACCEL_CORE_BUSY;
		} else {
			device_for_each_child(port, &n, core_count_decoder);
			v->state[i] = n ? CXL_ACCEL_CORE_TRACKED :
					  CXL_ACCEL_CORE_UNTRACKED;
		}
		return;
	}
	if (hop->kind == CXL_ACCEL_HOP_HOST_BRIDGE) {
		if (!CORE_ALLOCATES_BY_COMMIT_END) {
			/* 6.1 models a one-root-port host bridge as passthrough */
			pci_walk_bus(hop->dport->bus, count_root_port, &n);
			if (n == 1) {
				v->state[i] = CXL_ACCEL_CORE_UNTRACKED;
				return;
			}
		}
		snprintf(v->why[i], sizeof(v->why[i]),
			 "the CXL core tracks the decoders of host bridge UID %u",
			 hop->uid);
		v->state[i] = CXL_ACCEL_CORE_UNKNOWN;
		return;
	}
	other = other_mem_below(cxlad->pdev, hop->port);
	if (other) {
		snprintf(v->why[i], sizeof(v->why[i]),
			 "the CXL core will track switch %s once %s attaches",
			 pci_name(hop->port), pci_name(other));
		v->state[i] = CXL_ACCEL_CORE_UNKNOWN;
		return;
	}
	v->state[i] = CXL_ACCEL_CORE_UNTRACKED;
}

/*
 * The platform device cxl_acpi binds to (ACPI0017), referenced, or NULL.
 * Unbinding cxl_acpi takes its device lock first, and only then removes
 * the ports and frees the CXL windows it published in iomem: while the
 * lock is held, a window found in iomem stays (every kernel; 6.1 has no
 * port locks for cxl_accel to take).
 */
static struct device *core_root(void)
{
	struct acpi_device *adev;
	struct device *dev;

	adev = acpi_dev_get_first_match_dev("ACPI0017", NULL, -1);
	if (!adev)
		return NULL;
	dev = bus_find_device_by_acpi_dev(&platform_bus_type, adev);
	acpi_dev_put(adev);
	return dev;
}

/**
 * cxl_accel_core_lock() - take the CXL core's port locks for a device's
 *	path and see what the core knows of each hop
 * @cxlad: the device
 * @v: filled in; release with cxl_accel_core_unlock()
 * @release: for resetting decoders rather than programming them
 *
 * Locks are taken from the top down, as the core and the driver core
 * take them: the device cxl_acpi binds to (which keeps the CXL windows in
 * iomem, see core_root()), then the ports from the host bridge down.
 * With the layouts, programming needs the host bridge's port (cxl_acpi
 * bound): its lock is what keeps a switch port from appearing below it.
 * A release may go ahead without: with no root port the core tracks
 * nothing on the path.
 *
 * Context: process context, may sleep; holds device locks until unlock.
 * Return: 0, -ENODEV if cxl_acpi has not created the host bridge's port,
 * or -EOPNOTSUPP if the core's flag layout is not what we expect.
 */
int cxl_accel_core_lock(struct cxl_accel_dev *cxlad,
			struct cxl_accel_core_view *v, bool release)
{
	struct cxl_accel_path *path = &cxlad->path;
	int i, rc;

	lockdep_assert_held(&cxlad->lock);
	memset(v, 0, sizeof(*v));
	core_layout_checks();
	rc = core_flags_check();
	if (rc)
		return rc;
	v->root = core_root();
	if (v->root)
		device_lock(v->root);
	if (CORE_HAVE_LAYOUT) {
		for (i = 0; i < path->nr; i++)
			v->port[i] = core_find_port(cxlad, &path->hop[i]);
		if (!v->port[path->nr - 1] && !release) {
			cxl_accel_err(cxlad->pdev, "the CXL core has no port for host bridge UID %u: is cxl_acpi loaded?\n",
				      path->hop[path->nr - 1].uid);
			cxl_accel_core_unlock(v);
			return -ENODEV;
		}
	}
	for (i = path->nr - 1; i >= 0; i--) {
		if (v->port[i]) {
			device_lock(v->port[i]);
			v->locked[v->nr_locked++] = v->port[i];
		}
	}
	for (i = 0; i < path->nr; i++)
		core_classify(cxlad, v, i);
	return 0;
}

void cxl_accel_core_unlock(struct cxl_accel_core_view *v)
{
	unsigned int i;

	while (v->nr_locked)
		device_unlock(v->locked[--v->nr_locked]);
	for (i = 0; i < CXL_ACCEL_MAX_HOPS; i++) {
		put_device(v->port[i]);
		v->port[i] = NULL;
	}
	if (v->root) {
		device_unlock(v->root);
		put_device(v->root);
		v->root = NULL;
	}
}

static const char *core_port_name(const struct cxl_accel_core_view *v,
				  unsigned int i)
{
	return v->port[i] ? dev_name(v->port[i]) : "(none)";
}

/**
 * cxl_accel_core_may_program() - whether a hop's decoders may be programmed
 * @cxlad: the device
 * @v: from cxl_accel_core_lock()
 * @i: the hop
 *
 * Context: with @v's locks held.
 * Return: 0, or -EBUSY with one error line naming the hop and the reason.
 */
int cxl_accel_core_may_program(struct cxl_accel_dev *cxlad,
			       const struct cxl_accel_core_view *v,
			       unsigned int i)
{
	const struct cxl_accel_hop *hop = &cxlad->path.hop[i];
	const char *what = hop->kind == CXL_ACCEL_HOP_SWITCH ? "switch" : "host bridge";

	core_assert_locked(v);
	switch (v->state[i]) {
	case CXL_ACCEL_CORE_PASSTHROUGH:
	case CXL_ACCEL_CORE_UNTRACKED:
		return 0;
	case CXL_ACCEL_CORE_TRACKED:
		if (core_layout_trusted())
			return 0;
		cxl_accel_err(cxlad->pdev, "%s %s: CXL port %s is shared with the CXL core, whose object layout on this kernel (fingerprint %s) cxl_accel was not tested with: refused (allow_untested_core_layout=1 accepts the risk)\n",
			      what, hop->port ? pci_name(hop->port) : pci_name(hop->dport),
			      core_port_name(v, i), CXL_ACCEL_CORE_FINGERPRINT);
		return -EBUSY;
	case CXL_ACCEL_CORE_BUSY:
		cxl_accel_err(cxlad->pdev, "%s %s: CXL port %s has endpoints attached below it; cxl_accel cannot program its decoders without the CXL core's region lock (bind the accelerator first, or detach those memdevs)\n",
			      what, hop->port ? pci_name(hop->port) : pci_name(hop->dport),
			      core_port_name(v, i));
		return -EBUSY;
	case CXL_ACCEL_CORE_UNKNOWN:
		cxl_accel_err(cxlad->pdev, "%s: %s, and this cxl_accel build cannot share decoders with it (no layout of the core's objects for this kernel)\n",
			      what, v->why[i]);
		return -EBUSY;
	}
	return -EBUSY;
}

/* Whether a hop's decoders may be reset now (else the region is parked). */
bool cxl_accel_core_may_reset(const struct cxl_accel_core_view *v,
			      unsigned int i)
{
	core_assert_locked(v);
	return v->state[i] != CXL_ACCEL_CORE_BUSY &&
	       v->state[i] != CXL_ACCEL_CORE_UNKNOWN;
}

#ifdef CXL_ACCEL_HAVE_CORE_LAYOUT
struct core_decoder_match {
	int id;
	struct device *dev;
};

static int core_match_decoder(struct device *dev, void *data)
{
	struct core_decoder_match *m = data;

	if (!is_switch_decoder(dev) || is_root_decoder(dev) ||
	    *CORE_MEMBER(dev, int, CXL_DECODER, ID) != m->id)
		return 0;
	m->dev = dev;
	return 1;
}

static void *core_dport_by_id(struct cxl_port *port, int port_id)
{
	struct xarray *dports = CORE_MEMBER(port, struct xarray, CXL_PORT, DPORTS);
	unsigned long index;
	void *dport;

	xa_for_each(dports, index, dport)
		if (*CORE_MEMBER(dport, int, CXL_DPORT, PORT_ID) == port_id)
			return dport;
	return NULL;
}

/* The members of a decoder object and its port that cxl_accel writes. */
struct core_members {
	struct range *hpa;
	int *ways;
	int *granularity;
	int *type;
	u32 *map;		/* NULL where the core has no target map */
	void **target0;		/* NULL where the decoder has no targets */
	unsigned long *flags;
	int *commit_end;
};

/* Their values, to put back what a failed check found wrong. */
struct core_values {
	struct range hpa;
	int ways;
	int granularity;
	int type;
	u32 map;
	void *target0;
	unsigned long flags;
	int commit_end;
};

static void core_members(struct cxl_port *port, struct cxl_switch_decoder *cxlsd,
			 struct core_members *m)
{
	*m = (struct core_members) {
		.hpa = CORE_MEMBER(cxlsd, struct range, CXL_DECODER, HPA_RANGE),
		.ways = CORE_MEMBER(cxlsd, int, CXL_DECODER, INTERLEAVE_WAYS),
		.granularity = CORE_MEMBER(cxlsd, int, CXL_DECODER,
					   INTERLEAVE_GRANULARITY),
		.type = CORE_MEMBER(cxlsd, int, CXL_DECODER, TARGET_TYPE),
		.flags = CORE_MEMBER(cxlsd, unsigned long, CXL_DECODER, FLAGS),
		.commit_end = core_port_commit_end(port),
	};
#ifdef CXL_ACCEL_OFF_CXL_DECODER__TARGET_MAP
	m->map = CORE_MEMBER(cxlsd, u32, CXL_DECODER, TARGET_MAP);
#endif
	if (*CORE_MEMBER(cxlsd, int, CXL_SWITCH_DECODER, NR_TARGETS) > 0)
		m->target0 = CORE_MEMBER(cxlsd, void *, CXL_SWITCH_DECODER, TARGET);
}

static void core_values_get(const struct core_members *m, struct core_values *val)
{
	*val = (struct core_values) {
		.hpa = *m->hpa,
		.ways = *m->ways,
		.granularity = *m->granularity,
		.type = *m->type,
		.map = m->map ? *m->map : 0,
		.target0 = m->target0 ? *m->target0 : NULL,
		.flags = *m->flags,
		.commit_end = *m->commit_end,
	};
}

static void core_values_put(const struct core_members *m,
			    const struct core_values *val)
{
	*m->hpa = val->hpa;
	*m->ways = val->ways;
	*m->granularity = val->granularity;
	*m->type = val->type;
	if (m->map)
		*m->map = val->map;
	if (m->target0)
		*m->target0 = val->target0;
	*m->flags = val->flags;
	*m->commit_end = val->commit_end;
}

/*
 * Set the core's decoder object @id of port @pdev as its enumeration
 * would have left it for what is now in the hardware, then read the
 * core's view back and compare it with the hardware (src/core_view.c).
 * If they differ, the object is put back as it was.
 */
static int core_set_decoder(struct cxl_accel_dev *cxlad, unsigned int i,
			    struct device *pdev, int id, bool committed,
			    const struct cxl_spec_hdm_decoder_cfg *cfg)
{
	struct core_decoder_match match = { .id = id };
	struct cxl_port *port = to_cxl_port(pdev);
	struct core_values before;
	struct core_members m;
	int rc;

	device_lock_assert(pdev);
	device_for_each_child(pdev, &match, core_match_decoder);
	if (!match.dev)
		return -ENODEV;
	core_members(port, to_cxl_switch_decoder(match.dev), &m);
	core_values_get(&m, &before);
	if (committed) {
		u64 base = cfg->base;

		/* a test's deliberate desync: what the check must catch */
		if (cxl_accel_fault_core_desync())
			base += cfg->size;
		*m.hpa = (struct range) { base, base + cfg->size - 1 };
		*m.ways = cfg->ways;
		*m.granularity = cfg->granularity;
		*m.type = cfg->hostonly ? CXL_ACCEL_CXL_DECODER_HOSTONLYMEM :
					  CXL_ACCEL_CXL_DECODER_DEVMEM;
		if (m.map)
			*m.map = cfg->targets[0];
		if (m.target0)
			*m.target0 = core_dport_by_id(port, cfg->targets[0]);
		*m.flags |= CORE_DECODER_F_ENABLE |
			    (cfg->lock_on_commit ? CORE_DECODER_F_LOCK : 0);
		*m.commit_end = id;
	} else {
		*m.hpa = (struct range) { 0, -1 };
		*m.type = CXL_ACCEL_CXL_DECODER_HOSTONLYMEM;
		*m.flags &= ~(CORE_DECODER_F_ENABLE | CORE_DECODER_F_LOCK);
		*m.commit_end = id - 1;
	}
	rc = cxl_accel_core_check(cxlad, pdev, i, id,
				  committed ? "commit" : "reset");
	if (rc) {
		core_values_put(&m, &before);
		cxl_accel_err(cxlad->pdev, "CXL port %s: its decoder %d object is put back as it was\n",
			      dev_name(pdev), id);
	}
	return rc;
}

/* Why the core's object for decoder @id of port @pdev disagrees with @dec. */
static bool core_disagrees(struct device *pdev, int id,
			   const struct cxl_spec_hdm_decoder *dec, char *why,
			   size_t len)
{
	struct core_decoder_match m = { .id = id };
	struct cxl_switch_decoder *cxlsd;
	struct range *hpa;
	int commit_end;

	device_for_each_child(pdev, &m, core_match_decoder);
	if (!m.dev) {
		snprintf(why, len, "it has no decoder %d", id);
		return true;
	}
	cxlsd = to_cxl_switch_decoder(m.dev);
	hpa = CORE_MEMBER(cxlsd, struct range, CXL_DECODER, HPA_RANGE);
	commit_end = *core_port_commit_end(to_cxl_port(pdev));
	if (!(*CORE_MEMBER(cxlsd, unsigned long, CXL_DECODER, FLAGS) &
	      CORE_DECODER_F_ENABLE))
		snprintf(why, len, "%s is not enabled there", dev_name(m.dev));
	else if (hpa->start != dec->base || hpa->end != dec->base + dec->size - 1)
		snprintf(why, len, "%s decodes [%#llx-%#llx] there, [%#llx-%#llx] in the hardware",
			 dev_name(m.dev), hpa->start, hpa->end, dec->base,
			 dec->base + dec->size - 1);
	else if (commit_end < id)
		snprintf(why, len, "its commit_end is %d, below decoder %d",
			 commit_end, id);
	else
		return false;
	return true;
}
#else
static bool core_disagrees(struct device *pdev, int id,
			   const struct cxl_spec_hdm_decoder *dec, char *why,
			   size_t len)
{
	snprintf(why, len, "this build has no layout of its objects");
	return true;
}
#endif

/**
 * cxl_accel_core_may_adopt() - whether a hop's committed decoder may be
 *	adopted as it is
 * @cxlad: the device
 * @v: from cxl_accel_core_lock()
 * @i: the hop
 * @id: the decoder
 * @dec: what the hardware says of it
 *
 * Adopting writes nothing.  Where the core does not track the hop, it
 * reads the decoder as committed when it enumerates the port; where it
 * does, its objects must already say what the hardware says (enabled,
 * the same range, within commit_end), else one of the two is wrong and
 * cxl_accel cannot tell which.  Without the layouts (6.1), a hop the core
 * tracks is refused, as for programming.
 *
 * Context: with @v's locks held.
 * Return: 0, or -EBUSY with one error line naming the hop and the reason.
 */
int cxl_accel_core_may_adopt(struct cxl_accel_dev *cxlad,
			     const struct cxl_accel_core_view *v, unsigned int i,
			     int id, const struct cxl_spec_hdm_decoder *dec)
{
	char name[48], why[128];

	core_assert_locked(v);
	cxl_accel_hop_name(&cxlad->path.hop[i], name, sizeof(name));
	switch (v->state[i]) {
	case CXL_ACCEL_CORE_PASSTHROUGH:
	case CXL_ACCEL_CORE_UNTRACKED:
		return 0;
	case CXL_ACCEL_CORE_TRACKED:
	case CXL_ACCEL_CORE_BUSY:
		if (!core_disagrees(v->port[i], id, dec, why, sizeof(why)))
			return 0;
		cxl_accel_err(cxlad->pdev, "adopt: hop %u (%s): core view of %s disagrees with the hardware: %s\n",
			      i, name, core_port_name(v, i), why);
		return -EBUSY;
	case CXL_ACCEL_CORE_UNKNOWN:
		cxl_accel_err(cxlad->pdev, "adopt: hop %u (%s): %s, and this cxl_accel build cannot check the core's view of it (no layout of the core's objects for this kernel)\n",
			      i, name, v->why[i]);
		return -EBUSY;
	}
	return -EBUSY;
}

/**
 * cxl_accel_core_committed() - tell the core's objects about a decoder we
 *	committed on a hop it tracks
 * @cxlad: the device
 * @v: from cxl_accel_core_lock()
 * @i: the hop
 * @id: the decoder
 * @cfg: what was committed
 *
 * Nothing to do on a hop the core does not track: it will read the
 * hardware when it enumerates the port.
 *
 * The core's view is then read back and compared with the hardware
 * (src/core_view.c); if they differ, the object is put back as it was
 * and the caller resets the decoder.
 *
 * Context: with @v's locks held.
 * Return: 0, -ENODEV if the core has no object for that decoder, or -EIO
 * (logged with both views) if its view differs from the hardware.
 */
int cxl_accel_core_committed(struct cxl_accel_dev *cxlad,
			     const struct cxl_accel_core_view *v, unsigned int i,
			     int id, const struct cxl_spec_hdm_decoder_cfg *cfg)
{
#ifdef CXL_ACCEL_HAVE_CORE_LAYOUT
	int rc;

	core_assert_locked(v);
	if (v->state[i] != CXL_ACCEL_CORE_TRACKED)
		return 0;
	rc = cxl_accel_fault(CXL_ACCEL_FAULT_CORE);
	if (rc) {
		cxl_accel_err(cxlad->pdev, "CXL port %s: failed to record our commit in its decoder %d (%d)\n",
			      dev_name(v->port[i]), id, rc);
		return rc;
	}
	rc = core_set_decoder(cxlad, i, v->port[i], id, true, cfg);
	if (rc == -ENODEV)
		cxl_accel_err(cxlad->pdev, "CXL port %s has no decoder %d to record our commit in\n",
			      dev_name(v->port[i]), id);
	return rc;
#else
	return 0;
#endif
}

/**
 * cxl_accel_core_reset() - tell the core's objects a decoder we committed
 *	on a hop it tracks is reset
 * @cxlad: the device
 * @v: from cxl_accel_core_lock()
 * @i: the hop
 * @id: the decoder
 *
 * Context: with @v's locks held.
 * Return: 0, or an error (logged) if the core's view of the decoder does
 * not read back reset: the caller keeps the region's claim then.
 */
int cxl_accel_core_reset(struct cxl_accel_dev *cxlad,
			 const struct cxl_accel_core_view *v, unsigned int i,
			 int id)
{
	core_assert_locked(v);
#ifdef CXL_ACCEL_HAVE_CORE_LAYOUT
	if (v->state[i] == CXL_ACCEL_CORE_TRACKED)
		return core_set_decoder(cxlad, i, v->port[i], id, false, NULL);
#endif
	return 0;
}

/**
 * cxl_accel_core_port_is_hop() - whether a CXL core port is one of the
 *	device's hops
 * @cxlad: the device
 * @port_dev: a cxl_port's device
 *
 * Always false without the layouts: the port's component is unknown.
 *
 * Context: any.
 * Return: true if @port_dev's component is that of one of @cxlad's hops.
 */
bool cxl_accel_core_port_is_hop(struct cxl_accel_dev *cxlad,
				struct device *port_dev)
{
#ifdef CXL_ACCEL_HAVE_CORE_LAYOUT
	struct device *uport = core_port_uport(to_cxl_port(port_dev));
	unsigned int i;

	for (i = 0; i < cxlad->path.nr; i++) {
		const struct cxl_accel_hop *hop = &cxlad->path.hop[i];
		struct core_match m = { };

		if (hop->kind == CXL_ACCEL_HOP_SWITCH) {
			if (uport == &hop->port->dev)
				return true;
			continue;
		}
		core_hb_devices(cxlad, &m);
		if (uport == m.a || uport == m.b)
			return true;
	}
#endif
	return false;
}

const char *cxl_accel_core_state_name(enum cxl_accel_core_state state)
{
	switch (state) {
	case CXL_ACCEL_CORE_PASSTHROUGH:
		return "passthrough";
	case CXL_ACCEL_CORE_UNTRACKED:
		return "untracked";
	case CXL_ACCEL_CORE_TRACKED:
		return "tracked";
	case CXL_ACCEL_CORE_BUSY:
		return "busy";
	case CXL_ACCEL_CORE_UNKNOWN:
		return "unknown";
	}
	return "?";
}
