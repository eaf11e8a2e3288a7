/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the kernel-side files of cxl_accel share.  Vendor drivers see only
 * include/cxl_accel.h; everything here is private to the module.
 */
#ifndef CXL_ACCEL_INTERNAL_H
#define CXL_ACCEL_INTERNAL_H

#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include "spec/cedt.h"
#include "spec/component.h"
#include "spec/dvsec.h"
#include "spec/hdm.h"
#include "spec/regloc.h"

struct dentry;
struct device;
struct pci_dev;
struct resource;

/*
 * accessors.c: the spec layer's accessors on real hardware.
 *
 * struct cxl_accel_mmio is one ioremap()ed register block; its embedded
 * struct cxl_spec_mmio points back at it, so the __iomem pointer never
 * leaves this file's callbacks.
 */
struct cxl_accel_mmio {
	struct cxl_spec_mmio mmio;
	void __iomem *base;
	resource_size_t phys;
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
 * @debugfs: its directory under the module's debugfs root
 */
struct cxl_accel_dev {
	struct kref kref;
	struct pci_dev *pdev;
	/* serialises register access through cfg, comp and hdm */
	struct mutex lock;
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
	struct dentry *debugfs;
};

int cxl_accel_path_discover(struct cxl_accel_dev *cxlad);
void cxl_accel_path_release(struct cxl_accel_dev *cxlad);

/*
 * window.c: CXL fixed memory windows and claims in them.
 *
 * struct cxl_accel_space - where a range can go
 * @window: the CFMWS
 * @start: the placement found (the window's base for a pure query)
 * @avail: the window's largest free extent, bytes
 */
struct cxl_accel_space {
	struct cxl_spec_cfmws window;
	u64 start;
	u64 avail;
};

int cxl_accel_cedt_init(void);
void cxl_accel_cedt_exit(void);
int cxl_accel_host_bridge_chbs(u32 uid, struct cxl_spec_chbs *chbs);
int cxl_accel_window_space(struct pci_dev *pdev, u32 hb_uid, u64 size,
			   u64 align, bool largest,
			   struct cxl_accel_space *out);
int cxl_accel_claim(struct pci_dev *pdev, const struct cxl_spec_cfmws *w,
		    u64 start, u64 size, struct resource **res);
void cxl_accel_unclaim(struct resource *res);

/* debugfs.c */
void cxl_accel_debugfs_init(void);
void cxl_accel_debugfs_exit(void);
void cxl_accel_debugfs_add_dev(struct cxl_accel_dev *cxlad);
void cxl_accel_debugfs_remove_dev(struct cxl_accel_dev *cxlad);

#endif /* CXL_ACCEL_INTERNAL_H */
