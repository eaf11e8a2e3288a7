/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fault injection for the tests: every step of probe, region request,
 * adoption, release and the hand-off to the CXL core can be made to fail
 * in a guest, so that the real unwind code runs.
 *
 * Only test builds have it ("make CXL_ACCEL_FAULT_INJECT=y", as
 * tests/lib/kbuild.sh builds); in every other build cxl_accel_fault()
 * is the constant 0 and the register hooks are empty, so production
 * modules carry none of it.
 *
 * Two mechanisms reach the same points:
 *
 *  - Each step has a hook function, cxl_accel_fault_<step>(), marked
 *    ALLOW_ERROR_INJECTION(): on a kernel with CONFIG_FAIL_FUNCTION (the
 *    debug guest kernel) the kernel's own fail_function overrides its
 *    return value.
 *  - On kernels without it, the hook itself fails when the test armed it
 *    through debugfs (cxl_accel/fault, see fault.c).
 *
 * Faults that QEMU cannot produce (Error Not Committed, a commit that
 * never completes, memory that never becomes active, a component that
 * reads all ones) are injected below the spec layer, in the register
 * accessors (accessors.c), so that the spec code and its callers see
 * them as they would see real hardware.  So is what QEMU's cxl-type3
 * does not offer: CXL Reset ("cxl_reset [NTH [MS]]" makes the device
 * CXL Reset Capable, and its reset resets the endpoint's HDM decoders
 * in QEMU and completes, after which cxl_accel_cxl_reset() waits MS
 * before it restores, so that a test can read the decoders reset;
 * "cxl_reset_error" reports CXL Reset Error instead and resets nothing).
 * And a kernel the tests did not run against: "untested_layout" makes
 * src/core.c treat the core's layout as untested, and "core_desync"
 * makes its write of the core's objects wrong, as a layout whose meaning
 * changed would.
 */
#ifndef CXL_ACCEL_FAULT_H
#define CXL_ACCEL_FAULT_H

#include <linux/types.h>

struct cxl_accel_mmio;
struct dentry;
struct pci_dev;

/* The steps, in the order a probe, a request and a release meet them. */
enum cxl_accel_fault_step {
	CXL_ACCEL_FAULT_PROBE_DVSEC,		/* reading the function's DVSECs */
	CXL_ACCEL_FAULT_PROBE_REGS,		/* mapping its component registers */
	CXL_ACCEL_FAULT_PROBE_PATH,		/* mapping a switch's or host bridge's */
	CXL_ACCEL_FAULT_DPA,			/* reading what the endpoint has committed */
	CXL_ACCEL_FAULT_MEM_ACTIVE,		/* waiting for Memory_Active */
	CXL_ACCEL_FAULT_WINDOW,			/* choosing a CXL window */
	CXL_ACCEL_FAULT_CLAIM,			/* claiming the range in iomem */
	CXL_ACCEL_FAULT_COMMIT,			/* committing a decoder: endpoint, then hops */
	CXL_ACCEL_FAULT_CORE,			/* telling the CXL core about a hop's decoder */
	CXL_ACCEL_FAULT_ENABLE,			/* HDM decoding and CXL.mem on */
	CXL_ACCEL_FAULT_INVALIDATE,		/* CPU cache invalidation for the range */
	CXL_ACCEL_FAULT_PUBLISH,		/* the region joining its device */
	CXL_ACCEL_FAULT_ADOPT_READ,		/* reading the committed decoder to adopt */
	CXL_ACCEL_FAULT_RELEASE,		/* resetting the decoders on release */
	CXL_ACCEL_FAULT_HANDOFF,		/* handing an adopted region to the CXL core */
	CXL_ACCEL_FAULT_NR_STEPS
};

/*
 * Points where a test can hold a race window open (debugfs "pause"): the
 * caller sleeps there once, while the test removes a port, say.
 */
enum cxl_accel_pause_point {
	/* a region's last reference is gone; it is still in the registry */
	CXL_ACCEL_PAUSE_RELEASED,
	/* a new region, its locks let go, not yet returned to the driver */
	CXL_ACCEL_PAUSE_RETURNED,
	/* a claim of a whole window, between its probe and the claim */
	CXL_ACCEL_PAUSE_CLAIMING,
	CXL_ACCEL_PAUSE_NR_POINTS
};

#ifdef CXL_ACCEL_FAULT_INJECT

/* 0, or the error the test wants @step to fail with */
int cxl_accel_fault(enum cxl_accel_fault_step step);
u32 cxl_accel_fault_mmio_read(const struct cxl_accel_mmio *m, u32 off,
			      u32 val);
void cxl_accel_fault_mmio_write(const struct cxl_accel_mmio *m, u32 off,
				u32 val);
u32 cxl_accel_fault_cfg_read32(struct pci_dev *pdev, unsigned int off,
			       u32 val);
void cxl_accel_fault_watch_mem_active(struct pci_dev *pdev, u16 dvsec);
u16 cxl_accel_fault_cfg_read16(struct pci_dev *pdev, unsigned int off,
			       u16 val);
void cxl_accel_fault_cfg_write16(struct pci_dev *pdev, unsigned int off,
				 u16 val);
/* the device whose CXL Reset a test emulates: @nr endpoint decoders in @m */
void cxl_accel_fault_watch_cxl_reset(struct pci_dev *pdev, u16 dvsec,
				     const struct cxl_accel_mmio *m,
				     unsigned int nr);
/* after an emulated CXL Reset: wait as long as the test asked; may sleep */
void cxl_accel_fault_cxl_reset_hold(void);
/* "untested_layout": the core's layout is treated as untested */
bool cxl_accel_fault_untested_layout(void);
/* "core_desync": whether this write of the core's objects goes wrong */
bool cxl_accel_fault_core_desync(void);
/* whether the test says the device whose registers @m maps is gone */
bool cxl_accel_fault_gone(const struct cxl_accel_mmio *m);
void cxl_accel_fault_note_hdm(struct cxl_accel_mmio *m, u32 offset);
void cxl_accel_fault_init(struct dentry *root);
/* sleep here if the test armed a pause at @point; may sleep */
void cxl_accel_fault_pause(enum cxl_accel_pause_point point);

#else

static inline int cxl_accel_fault(enum cxl_accel_fault_step step)
{
	return 0;
}

static inline u32 cxl_accel_fault_mmio_read(const struct cxl_accel_mmio *m,
					    u32 off, u32 val)
{
	return val;
}

static inline void cxl_accel_fault_mmio_write(const struct cxl_accel_mmio *m,
					      u32 off, u32 val)
{
}

static inline u32 cxl_accel_fault_cfg_read32(struct pci_dev *pdev,
					     unsigned int off, u32 val)
{
	return val;
}

static inline void cxl_accel_fault_watch_mem_active(struct pci_dev *pdev,
						    u16 dvsec)
{
}

static inline u16 cxl_accel_fault_cfg_read16(struct pci_dev *pdev,
					     unsigned int off, u16 val)
{
	return val;
}

static inline void cxl_accel_fault_cfg_write16(struct pci_dev *pdev,
					       unsigned int off, u16 val)
{
}

static inline void
cxl_accel_fault_watch_cxl_reset(struct pci_dev *pdev, u16 dvsec,
				const struct cxl_accel_mmio *m, unsigned int nr)
{
}

static inline void cxl_accel_fault_cxl_reset_hold(void)
{
}

static inline bool cxl_accel_fault_untested_layout(void)
{
	return false;
}

static inline bool cxl_accel_fault_core_desync(void)
{
	return false;
}

static inline bool cxl_accel_fault_gone(const struct cxl_accel_mmio *m)
{
	return false;
}

static inline void cxl_accel_fault_note_hdm(struct cxl_accel_mmio *m,
					    u32 offset)
{
}

static inline void cxl_accel_fault_init(struct dentry *root)
{
}

static inline void cxl_accel_fault_pause(enum cxl_accel_pause_point point)
{
}

#endif /* CXL_ACCEL_FAULT_INJECT */

#endif /* CXL_ACCEL_FAULT_H */
