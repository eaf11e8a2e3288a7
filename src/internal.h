/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the kernel-side files of cxl_accel share.  Vendor drivers see only
 * include/cxl_accel.h; everything here is private to the module.
 */
#ifndef CXL_ACCEL_INTERNAL_H
#define CXL_ACCEL_INTERNAL_H

#include <linux/atomic.h>
#include <linux/idr.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include <cxl_accel.h>

/* every file that exports needs CXL_ACCEL_NS spelt for its kernel */
#include "compat/compat.h"
#include "lib/freespace.h"
#include "lib/memtype.h"
#include "lib/window_pick.h"
#include "spec/cdat.h"
#include "spec/cedt.h"
#include "spec/component.h"
#include "spec/dvsec.h"
#include "spec/hdm.h"
#include "spec/regloc.h"

struct dentry;
struct device;
struct pci_dev;
struct resource;
struct seq_file;

/*
 * accessors.c: the spec layer's accessors on real hardware.
 *
 * struct cxl_accel_mmio is one ioremap()ed register block; its embedded
 * struct cxl_spec_mmio points back at it, so the __iomem pointer never
 * leaves this file's callbacks.
 */
/*
 * Nanoseconds the module has spent waiting on hardware: the spec layer's
 * sleeps while it polls (decoder commit, Memory_Active) and CPU cache
 * invalidation.  Module-wide, so a request's share is its delta while no
 * other device's request runs (how make bench runs them).
 */
extern atomic64_t cxl_accel_wait_ns;
/*
 * Configuration and component register accesses made through the spec
 * layer, module-wide, counted the same way: what a region costs in
 * register traffic, the same on any machine (emulated ones make each
 * access slow).
 */
extern atomic64_t cxl_accel_reg_accesses;

struct cxl_accel_mmio {
	struct cxl_spec_mmio mmio;
	void __iomem *base;
	resource_size_t phys;
#ifdef CXL_ACCEL_FAULT_INJECT
	/* where the HDM decoder capability is, for register faults */
	u32 hdm;
#endif
};

void cxl_accel_cfg_init(struct cxl_spec_cfg *cfg, struct pci_dev *pdev);
void cxl_accel_env_init(struct cxl_spec_env *env, struct device *dev);
int cxl_accel_mmio_map(struct cxl_accel_mmio *m, resource_size_t phys,
		       u32 size);
void cxl_accel_mmio_unmap(struct cxl_accel_mmio *m);

/*
 * topology.c: the decoders between a device and its host bridge.
 */
#define CXL_ACCEL_MAX_HOPS	8

enum cxl_accel_hop_kind {
	CXL_ACCEL_HOP_SWITCH,
	CXL_ACCEL_HOP_HOST_BRIDGE,
};

/**
 * struct cxl_accel_hop - one decoding component on the path to a device
 * @kind: a switch (its upstream port) or the host bridge
 * @port: the switch's upstream port; NULL for the host bridge
 * @dport: the downstream port (switch downstream port or root port) below
 *	this component on the path; a reference is held
 * @target: @dport's Port Number: its Target Port Identifier in decoders
 * @uid: the host bridge's ACPI _UID
 * @env: reports on the component (or, for a host bridge, on the device)
 * @comp: its mapped component registers
 * @caps: the CXL.cache/mem capabilities in @comp
 * @hdm: its HDM decoder capability, if @has_hdm
 * @has_hdm: false for a passthrough component: nothing to program
 */
struct cxl_accel_hop {
	enum cxl_accel_hop_kind kind;
	struct pci_dev *port;
	struct pci_dev *dport;
	u8 target;
	u32 uid;
	struct cxl_spec_env env;
	struct cxl_accel_mmio comp;
	struct cxl_spec_comp caps;
	struct cxl_spec_hdm hdm;
	bool has_hdm;
};

/**
 * struct cxl_accel_path - the decoding components above a device
 * @hop: nearest first; the last one is the host bridge
 * @nr: hops found
 */
struct cxl_accel_path {
	struct cxl_accel_hop hop[CXL_ACCEL_MAX_HOPS];
	unsigned int nr;
};

/**
 * struct cxl_accel_handoff - a device handed to the kernel's CXL core with
 *	one of its adopted regions (mainline.c), for as long as the vendor's
 *	driver stays bound
 * @group: the devres group on the vendor's device that holds the core's
 *	memdev and what it needs; NULL while nothing is handed over
 * @decoder: the endpoint decoder whose region the core attached
 * @memdev: the memdev's name, for messages
 * @memdev_dev: the memdev, referenced until the device is freed, for the
 *	sysfs links between it and cxl_accel's objects (sysfs.c)
 * @region_dev: the core's region, referenced likewise; NULL if it was not
 *	found
 */
struct cxl_accel_handoff {
	void *group;
	unsigned int decoder;
	char memdev[16];
	struct device *memdev_dev;
	struct device *region_dev;
};

/*
 * The handles a driver holds are opaque to it: their layout is kept from
 * genksyms (CONFIG_MODVERSIONS), or every change of it would change the
 * CRC of each export that takes one, and a driver built against an
 * earlier cxl_accel would be refused although nothing it can see
 * changed.  tests/build checks that the CRCs do not move.
 */
#ifndef __GENKSYMS__
/**
 * struct cxl_accel_dev - one PCI function probed as a CXL accelerator
 * @kref: held by the vendor driver (cxl_accel_probe()) and by every region
 * @pdev: the function; a reference is held
 * @lock: serialises register access: the spec layer has no locks of its own
 * @cfg: its configuration space
 * @env: sleep, clock and reports on @pdev's device
 * @dvsecs: every CXL DVSEC found, validated
 * @dev_dvsec: the PCIe DVSEC for CXL Devices
 * @regloc: the register blocks of the Register Locator DVSEC
 * @comp: the mapped component register block
 * @caps: the CXL.cache/mem capabilities found in @comp
 * @hdm: the endpoint HDM decoder capability, if @has_hdm
 * @has_hdm: the device has HDM decoders (else it decodes with its DVSEC
 *	ranges only, which cxl_accel does not support)
 * @path: the switches and host bridge above it
 * @capacity: bytes of device memory (DVSEC ranges, or the driver's word)
 * @cdat_buf: the device's CDAT as read at probe (cdat.c), NULL if none
 * @cdat: @cdat_buf checked; fixed once probed
 * @fw_mismatch: bit 0 set once firmware's memory map was found to
 *	disagree with @cdat and said so (memtype.c)
 * @dpas: its DPA reservations, in endpoint decoder order
 * @regions: its live regions
 * @core: its hand-off to the CXL core, under @lock
 * @debugfs: its directory under the module's debugfs root
 * @request_lock: serialises cxl_accel_region_request()'s reservation and
 *	region; taken before @lock and the CXL core's port locks
 * @resetting: between cxl_accel_reset_prepare() and cxl_accel_reset_done():
 *	no new region; set under notify.c's registry lock only (the PCI core
 *	calls the error handlers with pci_bus_sem held), cleared under it and
 *	@lock, read under either
 * @restore_work: cxl_accel_slot_reset()'s restore, holding a reference
 * @suspend_handled: its driver restores its regions after system sleep
 *	(cxl_accel_enable_suspend()); under @lock
 * @sysfs: its object in /sys/class/cxl_accel (sysfs.c), or NULL
 * @sysfs_id: the N of its name, cxl_accelN
 * @sysfs_node: on sysfs.c's list of devices with an object
 * @region_ida: the M of its regions' names, cxl_accelN.M
 * @refusal_lock: a leaf lock for @refusal
 * @refusal: the last error logged about it (cxl_accel_err())
 */
struct cxl_accel_dev {
	struct kref kref;
	struct pci_dev *pdev;
	/* serialises register access through cfg, comp and hdm */
	struct mutex lock;
	struct mutex request_lock;	/* see @request_lock above */
	struct cxl_spec_cfg cfg;
	struct cxl_spec_env env;
	struct cxl_spec_dvsec_list dvsecs;
	struct cxl_spec_dev_dvsec dev_dvsec;
	struct cxl_spec_regloc regloc;
	struct cxl_accel_mmio comp;
	struct cxl_spec_comp caps;
	struct cxl_spec_hdm hdm;
	bool has_hdm;
	struct cxl_accel_path path;
	u64 capacity;
	u8 *cdat_buf;
	struct cxl_spec_cdat cdat;
	unsigned long fw_mismatch;
	struct list_head dpas;
	struct list_head regions;
	struct cxl_accel_handoff core;
	struct dentry *debugfs;
	bool resetting;
	struct work_struct restore_work;
	bool suspend_handled;
	struct device *sysfs;
	int sysfs_id;
	struct list_head sysfs_node;
	struct ida region_ida;
	spinlock_t refusal_lock;	/* see @refusal_lock above */
	char refusal[256];
};

/**
 * struct cxl_accel_dpa - device memory reserved for a region
 * @cxlad: the device; a reference is held
 * @node: in @cxlad->dpas
 * @decoder: the endpoint decoder that will map it
 * @base: first DPA
 * @skip: DPA Skip of @decoder: bytes between the previous range and @base
 * @size: bytes
 * @region: the region using it, once there is one
 */
struct cxl_accel_dpa {
	struct cxl_accel_dev *cxlad;
	struct list_head node;
	unsigned int decoder;
	u64 base;
	u64 skip;
	u64 size;
	struct cxl_accel_region *region;
};

/* A kernel mapping of a region, undone at the latest when it is released. */
struct cxl_accel_map {
	struct list_head node;
	void *addr;
};

/* bits of struct cxl_accel_region.state */
#define CXL_ACCEL_REGION_REVOKED	0
/* its notifier was called */
#define CXL_ACCEL_REGION_NOTIFIED	1
/* its loss was logged */
#define CXL_ACCEL_REGION_LOGGED		2
/* a reset of its device is under way (reset.c) */
#define CXL_ACCEL_REGION_SUSPENDED	3
/* none of its decoders is committed any more: a failed restore reset them */
#define CXL_ACCEL_REGION_UNCOMMITTED	4
/* restored after a reset, and not suspended since */
#define CXL_ACCEL_REGION_RESTORED	5
/* released but kept committed and claimed (park.c) */
#define CXL_ACCEL_REGION_PARKED		6

/**
 * struct cxl_accel_region - a private region
 * @kref: the vendor driver's references
 * @cxlad: the device; a reference is held
 * @node: in @cxlad->regions, or on the parked list
 * @active: in the registry of notify.c while referenced
 * @revoke: on notify.c's queue of regions to tell about their loss
 * @dpa: the device memory it maps
 * @window: the CFMWS it is in
 * @res: the claim in the window
 * @hpa: first host physical address
 * @size: bytes
 * @granularity: interleave granularity programmed (1 way: no effect)
 * @hop_decoder: the decoder it uses at each hop, -1 where none
 * @keep: its last put leaves the decoders committed and the range claimed
 *	(CXL_ACCEL_REGION_KEEP or _LOCK, or adopted)
 * @lock: committed with Lock On Commit
 * @adopted: adopted rather than programmed by this load
 * @handed: the CXL core has it too (the device's @core)
 * @state: CXL_ACCEL_REGION_* bits
 * @maps: kernel mappings (struct cxl_accel_map), under @maps_lock
 * @maps_lock: taken inside any other lock and around nothing but
 *	memremap() and memunmap(), so that a driver may map and unmap
 *	under its own locks (RTNL, which its error handlers take under the
 *	PCI core's pci_bus_sem)
 * @lost: the driver's notifier, under notify.c's lock
 * @lost_data: its argument
 * @state_fn: the driver's state notifier, under notify.c's lock
 * @state_data: its argument
 * @blocks_suspend: it holds one cxl_mem_active_inc() (suspend.c)
 * @sysfs: its object in /sys/class/cxl_accel (sysfs.c), or NULL
 * @sysfs_id: the M of its name, or negative if it has none
 * @name: the name of its object, cxl_accelN.M, for the trace events
 * @notify_lock: held while the driver's notifier runs; notify.c's
 *	registry_lock nests inside
 * @setup_ns: how long cxl_accel_region_request() took to make it, 0 for
 *	a region made otherwise (debugfs, for make bench)
 * @setup_wait_ns: the part of @setup_ns spent waiting on the hardware
 *	(cxl_accel_wait_ns)
 * @setup_accesses: register accesses it took (cxl_accel_reg_accesses)
 */
struct cxl_accel_region {
	struct kref kref;
	struct cxl_accel_dev *cxlad;
	struct list_head node;
	struct list_head active;
	struct list_head revoke;
	struct cxl_accel_dpa *dpa;
	struct cxl_spec_cfmws window;
	struct resource *res;
	u64 hpa;
	u64 size;
	unsigned int granularity;
	int hop_decoder[CXL_ACCEL_MAX_HOPS];
	bool keep;
	bool lock;
	bool adopted;
	bool handed;
	unsigned long state;
	struct list_head maps;
	struct mutex maps_lock;	/* see @maps_lock above */
	struct mutex notify_lock;	/* see @notify_lock above */
	cxl_accel_region_lost_fn lost;
	void *lost_data;
	cxl_accel_region_state_fn state_fn;
	void *state_data;
	bool blocks_suspend;
	struct device *sysfs;
	int sysfs_id;
	char name[24];
	u64 setup_ns;
	u64 setup_wait_ns;
	u64 setup_accesses;
};
#endif /* __GENKSYMS__ */

/* device.c */
int cxl_accel_mem_wait_active(struct cxl_accel_dev *cxlad);

/* dpa.c: device memory reservations, and where new decoders may decode */
extern atomic_t cxl_accel_nr_dpas;
int cxl_accel_hdm_committed(const struct cxl_spec_hdm *hdm, unsigned int *n);
int cxl_accel_hpa_floor(struct cxl_accel_dev *cxlad, u64 *floor);
void cxl_accel_dpa_insert(struct cxl_accel_dpa *dpa);
void cxl_accel_dpa_free_locked(struct cxl_accel_dpa *dpa);

/* commit.c: programming and resetting a region's path */
struct cxl_accel_core_view;
int cxl_accel_invalidate_caches(struct pci_dev *pdev, u64 start, u64 size,
				bool check_only);
int cxl_accel_check_dvsec_decoding(struct cxl_accel_dev *cxlad);
int cxl_accel_enable_device(struct cxl_accel_dev *cxlad);
int cxl_accel_path_commit(struct cxl_accel_region *r,
			  const struct cxl_accel_core_view *v);
int cxl_accel_path_uncommit(struct cxl_accel_region *r,
			    const struct cxl_accel_core_view *v, int top);
bool cxl_accel_region_decodes(struct cxl_accel_region *r);
bool cxl_accel_region_uncommit(struct cxl_accel_region *r,
			       const struct cxl_accel_core_view *v);
void cxl_accel_region_cfg(const struct cxl_accel_region *r,
			  struct cxl_spec_hdm_decoder_cfg *cfg);

/* region.c: the region handle and its lifetime */
extern atomic_t cxl_accel_nr_regions;
extern atomic_t cxl_accel_nr_maps;
void cxl_accel_region_publish(struct cxl_accel_region *r);
bool cxl_accel_region_teardown(struct cxl_accel_region *r);

/*
 * The calls behind the exported ones of every API version (api.c,
 * api3.c): those check and translate their own arguments, these take the
 * region flags as CXL_ACCEL_RF_* bits, the same bits as API 4's
 * cxl_accel_region_flags_t.
 */
#define CXL_ACCEL_RF_LARGEST	BIT(1)
#define CXL_ACCEL_RF_KEEP	BIT(2)
#define CXL_ACCEL_RF_LOCK	BIT(3)
#define CXL_ACCEL_RF_ALL	(CXL_ACCEL_RF_LARGEST | CXL_ACCEL_RF_KEEP | \
				 CXL_ACCEL_RF_LOCK)
int cxl_accel_hpa_freespace(struct cxl_accel_dev *cxlad, unsigned long rf,
			    resource_size_t *max);
struct cxl_accel_dpa *cxl_accel_dpa_request(struct cxl_accel_dev *cxlad,
					    resource_size_t size);
struct cxl_accel_region *cxl_accel_region_create(struct cxl_accel_dpa *dpa,
						 resource_size_t align,
						 unsigned long rf);
struct cxl_accel_region *cxl_accel_region_new(struct cxl_accel_dev *cxlad,
					      resource_size_t size,
					      resource_size_t align,
					      unsigned long rf);
struct cxl_accel_region *cxl_accel_adopt(struct cxl_accel_dev *cxlad,
					 unsigned long rf);
struct cxl_accel_region *cxl_accel_devm_region(struct device *dev,
					       struct cxl_accel_region *r);
void *cxl_accel_map(struct cxl_accel_region *r, bool wc);

/* park.c: released regions whose decoders cannot be reset yet */
void cxl_accel_region_park(struct cxl_accel_region *r);
void cxl_accel_region_retry_parked(void);
unsigned int cxl_accel_nr_parked(void);
void cxl_accel_region_exit(void);

/* notify.c */
int cxl_accel_notify_init(void);
void cxl_accel_notify_exit(void);
void cxl_accel_registry_add(struct cxl_accel_region *r);
void cxl_accel_registry_del(struct cxl_accel_region *r);
int cxl_accel_registry_suspend(struct cxl_accel_dev *cxlad,
			       struct cxl_accel_region ***out);
void cxl_accel_registry_reset_over(struct cxl_accel_dev *cxlad,
				   struct cxl_accel_region **rs, int n);
void cxl_accel_registry_set_notify(struct cxl_accel_region *r,
				   cxl_accel_region_lost_fn fn, void *data,
				   bool sync);
void cxl_accel_registry_quiesce(struct cxl_accel_region *r);
void cxl_accel_registry_set_state_notify(struct cxl_accel_region *r,
					 cxl_accel_region_state_fn fn,
					 void *data);
/* reset.c: regions across a reset of their device */
int cxl_accel_reset_init(void);
void cxl_accel_reset_exit(void);
void cxl_accel_reset_dev_init(struct cxl_accel_dev *cxlad);

void cxl_accel_region_tell(struct cxl_accel_region *r,
			   enum cxl_accel_state state);
void cxl_accel_region_lose(struct cxl_accel_region *r);

/* sysfs.c: /sys/class/cxl_accel, and each device's last refusal */
int cxl_accel_sysfs_init(void);
void cxl_accel_sysfs_exit(void);
void cxl_accel_sysfs_add_dev(struct cxl_accel_dev *cxlad);
void cxl_accel_sysfs_remove_dev(struct cxl_accel_dev *cxlad);
void cxl_accel_sysfs_add_region(struct cxl_accel_region *r);
void cxl_accel_sysfs_remove_region(struct cxl_accel_region *r);
void cxl_accel_sysfs_name_region(struct cxl_accel_region *r);
void cxl_accel_sysfs_unname_region(struct cxl_accel_region *r);
void cxl_accel_cdat_read(struct cxl_accel_dev *cxlad);
void cxl_accel_cdat_free(struct cxl_accel_dev *cxlad);

/* memtype.c: the memory type policy (CDAT DSEMTS, the memory map) */
int cxl_accel_memtype_check(struct cxl_accel_dev *cxlad, u64 dpa, u64 len,
			    enum cxl_lib_memtype *mt);
enum cxl_lib_fw_type cxl_accel_fw_type(u64 start, u64 end,
				       struct cxl_lib_range *at);
bool cxl_accel_memtype_fw(struct cxl_accel_dev *cxlad, enum cxl_lib_memtype mt,
			  enum cxl_lib_fw_type fw, const struct cxl_lib_range *at);
void cxl_accel_memtype_fw_overlap(struct cxl_accel_dev *cxlad,
				  enum cxl_lib_memtype mt,
				  const struct cxl_lib_overlap *o);
void cxl_accel_memtype_fw_range(struct cxl_accel_dev *cxlad,
				enum cxl_lib_memtype mt, u64 start, u64 size);
const char *cxl_accel_memtype_of_device(struct cxl_accel_dev *cxlad);
void cxl_accel_sysfs_link_core(struct cxl_accel_dev *cxlad);
void cxl_accel_sysfs_unlink_core(struct cxl_accel_dev *cxlad);
__printf(2, 3) void cxl_accel_err(struct pci_dev *pdev, const char *fmt, ...);

/* suspend.c: no system suspend while a region we programmed is live */
void cxl_accel_suspend_block(struct cxl_accel_region *r);
void cxl_accel_suspend_unblock(struct cxl_accel_region *r);

int cxl_accel_path_discover(struct cxl_accel_dev *cxlad);
void cxl_accel_path_release(struct cxl_accel_dev *cxlad);
void cxl_accel_hop_name(const struct cxl_accel_hop *hop, char *buf, size_t len);
const char *cxl_accel_hop_id(const struct cxl_accel_hop *hop);

/*
 * core.c: what the kernel's CXL core knows of each hop, and keeping its
 * view true.  See the comment at the top of core.c.
 */
enum cxl_accel_core_state {
	/* no HDM decoders: nothing to program */
	CXL_ACCEL_CORE_PASSTHROUGH,
	/* the core does not track these decoders (yet) */
	CXL_ACCEL_CORE_UNTRACKED,
	/* it tracks them, and nothing is attached below the port */
	CXL_ACCEL_CORE_TRACKED,
	/* it tracks them and has endpoints below the port: hands off */
	CXL_ACCEL_CORE_BUSY,
	/* it tracks or will track them, and this build cannot share */
	CXL_ACCEL_CORE_UNKNOWN,
};

/**
 * struct cxl_accel_core_view - the core's view of a path, with its locks
 * @root: the device cxl_acpi binds to (ACPI0017), referenced and locked
 *	before the ports, or NULL if the platform has none
 * @port: the core's cxl_port device of each hop, referenced, or NULL
 * @state: what the core knows of each hop
 * @why: for CXL_ACCEL_CORE_UNKNOWN, the reason, for the log
 * @locked: the port devices locked, host bridge first
 * @nr_locked: entries in @locked
 */
struct cxl_accel_core_view {
	struct device *root;
	struct device *port[CXL_ACCEL_MAX_HOPS];
	enum cxl_accel_core_state state[CXL_ACCEL_MAX_HOPS];
	char why[CXL_ACCEL_MAX_HOPS][96];
	struct device *locked[CXL_ACCEL_MAX_HOPS];
	unsigned int nr_locked;
};

void cxl_accel_core_init(void);
int cxl_accel_core_lock(struct cxl_accel_dev *cxlad,
			struct cxl_accel_core_view *v, bool release);
void cxl_accel_core_unlock(struct cxl_accel_core_view *v);
int cxl_accel_core_may_program(struct cxl_accel_dev *cxlad,
			       const struct cxl_accel_core_view *v,
			       unsigned int i);
bool cxl_accel_core_may_reset(const struct cxl_accel_core_view *v,
			      unsigned int i);
int cxl_accel_core_may_adopt(struct cxl_accel_dev *cxlad,
			     const struct cxl_accel_core_view *v, unsigned int i,
			     int id, const struct cxl_spec_hdm_decoder *dec);
int cxl_accel_core_committed(struct cxl_accel_dev *cxlad,
			     const struct cxl_accel_core_view *v, unsigned int i,
			     int id, const struct cxl_spec_hdm_decoder_cfg *cfg);
int cxl_accel_core_reset(struct cxl_accel_dev *cxlad,
			 const struct cxl_accel_core_view *v, unsigned int i,
			 int id);

/* core_view.c */
int cxl_accel_core_check(struct cxl_accel_dev *cxlad, struct device *port,
			 unsigned int i, int id, const char *after);
const char *cxl_accel_core_state_name(enum cxl_accel_core_state state);
bool cxl_accel_core_port_is_hop(struct cxl_accel_dev *cxlad,
				struct device *port_dev);

/*
 * window.c: CXL fixed memory windows and claims in them.
 *
 * struct cxl_accel_space - where a range can go
 * @window: the CFMWS
 * @start: the placement found (the window's base for a pure query)
 * @avail: the window's largest free extent, bytes
 * @avoid: ranges in use that the busy resources do not show (the CXL
 *	core's regions are not busy), learnt from claims that nested in
 *	them; the caller zeroes it, cxl_accel_window_space() honours it
 * @nr_avoid: how many
 * @overlap: what the memory map has in the chosen window, or in the one
 *	refused last
 */
#define CXL_ACCEL_MAX_AVOID	8
struct cxl_accel_space {
	struct cxl_spec_cfmws window;
	u64 start;
	u64 avail;
	struct cxl_lib_range avoid[CXL_ACCEL_MAX_AVOID];
	unsigned int nr_avoid;
	struct cxl_lib_overlap overlap;
};

int cxl_accel_cedt_init(void);
void cxl_accel_cedt_exit(void);
int cxl_accel_host_bridge_chbs(u32 uid, struct cxl_spec_chbs *chbs);
int cxl_accel_window_space(struct pci_dev *pdev, u32 hb_uid, u64 size,
			   u64 align, u64 floor, bool largest,
			   struct cxl_accel_space *out);
int cxl_accel_window_of(struct pci_dev *pdev, u32 hb_uid, u64 start, u64 size,
			const char *what, struct cxl_spec_cfmws *out);
int cxl_accel_claim(struct pci_dev *pdev, const struct cxl_accel_core_view *v,
		    const struct cxl_spec_cfmws *w, u64 start, u64 size,
		    bool takeover, struct resource **res,
		    struct cxl_lib_range *in_use);
void cxl_accel_unclaim(struct resource *res);
void cxl_accel_claim_keep(struct resource *res);
void cxl_accel_windows_show(struct seq_file *s);
bool cxl_accel_iomem_first(unsigned long desc, unsigned long flags, u64 start,
			   u64 end, struct cxl_lib_range *at);

/* mainline.c: handing adopted regions to the CXL core (7.2 and later) */
void cxl_accel_mainline_attach(struct cxl_accel_region *r, const char *why_not);

/* debugfs.c */
void cxl_accel_debugfs_init(void);
void cxl_accel_debugfs_exit(void);
void cxl_accel_debugfs_add_dev(struct cxl_accel_dev *cxlad);
void cxl_accel_debugfs_remove_dev(struct cxl_accel_dev *cxlad);

#endif /* CXL_ACCEL_INTERNAL_H */
