/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cxl_accel: the API a CXL Type-2 accelerator's driver calls (API 6).
 *
 * This header is the whole interface and its documentation: every call
 * below has its kernel-doc here (rendered with scripts/kernel-doc, which
 * `make check-build` runs on it with zero warnings allowed).
 *
 * Building: everything is exported in the symbol namespace CXL_ACCEL; a
 * driver imports it once with CXL_ACCEL_IMPORT_NS() and builds against
 * the Module.symvers that DKMS keeps for cxl_accel (README.md, "Building
 * a driver against cxl_accel").
 *
 * Before probing, the driver enables the function with
 * pcim_enable_device(), not pci_enable_device(): a pci_disable_device()
 * in its remove() would run before devm undoes the regions, and a region
 * must be torn down while the function still decodes.  cxl_accel requests
 * no BAR and maps only the component register block (through the
 * Register Locator DVSEC) with ioremap(), without request_mem_region(),
 * so the driver may pci_request_regions() or request any BAR itself.
 *
 * Errors: every failure is logged once by cxl_accel, under the driver's
 * device and prefixed "cxl_accel: ", with the reason; a driver need not
 * log it again, only pass the error code up.  Calls a driver gets wrong
 * are refused, not warned about: a NULL handle (or NULL @dev, @info,
 * @max) costs one "<function>() called with a NULL ..." line and the
 * function's error answer: -EINVAL, ERR_PTR(-EINVAL), or, for a function
 * that returns nothing, nothing (what it fills in is zeroed or an empty
 * range).  The _get()s pass NULL and error pointers through, and the
 * _put()s and cxl_accel_dpa_free() ignore them, silently, as get_device()
 * and put_device() do.  Unknown flag bits and modes are -EINVAL.  A
 * handle used after its last reference was dropped cannot be detected.
 *
 * Versioning: CXL_ACCEL_API_VERSION is raised whenever the API changes.
 *  - Every module built with this header needs the symbol
 *    cxl_accel_api_6 (see CXL_ACCEL_API_NEEDED below), which only a
 *    cxl_accel of API 6 or later exports: an older cxl_accel refuses to
 *    load it, with one "Unknown symbol cxl_accel_api_6" line, instead of
 *    running it against calls that behave differently.
 *  - A call that changes incompatibly (arguments, return convention,
 *    context of a callback) gets a new link name with the version in it
 *    (cxl_accel_request_dpa_v4()); the name a driver writes stays the
 *    same and this header maps it.  The old link name keeps its old
 *    behaviour, so a driver built against an earlier API keeps loading
 *    and working, as long as that costs little: all of API 3 is kept.
 *  - cxl_accel's internal structures are hidden from the symbol CRCs of
 *    CONFIG_MODVERSIONS, so that a driver built against one cxl_accel
 *    is not refused by the next for a change it cannot see.
 *
 * Changes from API 3: a mode argument (enum cxl_accel_mode) replaces the
 * required CXL_ACCEL_REGION_VOLATILE flag; the alignment argument is
 * gone (regions are 256 MiB aligned, as decoders need); region and
 * mapping flags have their own types, which sparse tells apart, and a
 * region flag passed for a mapping is refused at run time too; the lost
 * notifier always runs from a work item, also when the region was lost
 * before it was set; devm_cxl_accel_region_map(); the devm release of a
 * region waits for its notifier.
 *
 * Changes from API 4 (nothing of API 4 changes; a driver built against it
 * loads and works as before): regions survive a reset of the device
 * (enum cxl_accel_state, cxl_accel_region_set_state_notify(),
 * cxl_accel_reset_prepare() and cxl_accel_reset_done() for a driver's
 * struct pci_error_handlers), and system suspend is refused while a
 * region cxl_accel programmed is live (see cxl_accel_reset_prepare()).
 *
 * Changes from API 5 (nothing of API 5 changes): cxl_accel_slot_reset()
 * for AER recovery's .slot_reset, which restores the regions from a work
 * item and tells the state notifier there, because the PCI core holds a
 * lock across the error handlers that a restore must not nest in.
 * cxl_accel_reset_done() stays for .reset_done.  System suspend and
 * hibernation with live regions, for a driver that restores them from
 * its dev_pm_ops (cxl_accel_enable_suspend()).  cxl_accel_cxl_reset():
 * a CXL Reset of the device through the same suspend and restore.
 */
#ifndef CXL_ACCEL_H
#define CXL_ACCEL_H

#include <linux/bits.h>
#include <linux/compiler.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/range.h>
#include <linux/types.h>

struct device;
struct pci_dev;

/* The API version of this header; see "Versioning" above. */
#define CXL_ACCEL_API_VERSION	6

/* Exported by cxl_accel from API 6 on; nothing reads it. */
extern const unsigned int cxl_accel_api_6;
/* What drivers built against API 4 and 5 need, still exported. */
extern const unsigned int cxl_accel_api_4;
extern const unsigned int cxl_accel_api_5;

/*
 * CXL_ACCEL_API_NEEDED - the reference that makes an older cxl_accel
 * refuse to load a driver built with this header.  Every object file that
 * includes the header carries it; the pointer itself is never used.
 */
static const unsigned int *const cxl_accel_api_needed __used = &cxl_accel_api_6;

/*
 * CXL_ACCEL_IMPORT_NS - import the CXL_ACCEL symbol namespace.
 *
 * MODULE_IMPORT_NS() takes a bare token up to 6.12 and a string literal
 * from 6.13, and a driver built out of tree cannot probe for which.  Both
 * spellings end as the same "import_ns=CXL_ACCEL" entry in .modinfo, which
 * is what modpost and the module loader read, so this writes that entry
 * directly and works on every kernel.
 */
#define CXL_ACCEL_IMPORT_NS()	MODULE_INFO(import_ns, "CXL_ACCEL")

/**
 * cxl_accel_api_version() - the API version of the loaded cxl_accel
 *
 * Context: any.
 * Return: the CXL_ACCEL_API_VERSION cxl_accel was built with.
 */
unsigned int cxl_accel_api_version(void);

/*
 * One PCI function probed as a CXL accelerator.  Opaque; refcounted: the
 * probe returns a reference, regions hold their own.
 */
struct cxl_accel_dev;

/**
 * cxl_accel_probe() - probe a PCI function as a CXL accelerator
 * @pdev: the function, bound to the calling driver and enabled (with
 *	pcim_enable_device(), see the top of this header)
 *
 * Finds the function's CXL DVSECs, its register blocks through the
 * Register Locator DVSEC, maps its component registers and reads its HDM
 * decoder capability, then does the same for every switch and the host
 * bridge above it.  Nothing is programmed and no memory is set up.
 * Malformed DVSECs and register blocks are never used; those the device
 * does not need are noted at info level.
 *
 * Context: process context, may sleep.
 * Return: a reference to the new handle, to be dropped with
 * cxl_accel_dev_put(); ERR_PTR(-EINVAL) if @pdev is NULL or not enabled,
 * -ENODEV if it is not a CXL.mem device, lacks a usable Register Locator
 * or component register block, or is not below a CXL host bridge the
 * CEDT describes, -EOPNOTSUPP if it has no HDM decoders or sits below a
 * restricted CXL host, -ENOMEM, or the error of a failed configuration
 * access.
 */
struct cxl_accel_dev *cxl_accel_probe(struct pci_dev *pdev);

/**
 * devm_cxl_accel_probe() - cxl_accel_probe() for the driver's lifetime
 * @pdev: the function, bound to the calling driver and enabled
 *
 * As cxl_accel_probe(); the reference is dropped when the driver unbinds.
 *
 * Context: process context, may sleep; from the driver's probe().
 * Return: the handle (do not put it), or an ERR_PTR() as cxl_accel_probe().
 */
struct cxl_accel_dev *devm_cxl_accel_probe(struct pci_dev *pdev);

/**
 * cxl_accel_dev_get() - take another reference to a probed device
 * @cxlad: the handle; NULL or an error pointer is passed through
 *
 * Context: any.
 * Return: @cxlad.
 */
struct cxl_accel_dev *cxl_accel_dev_get(struct cxl_accel_dev *cxlad);

/**
 * cxl_accel_dev_put() - drop a reference to a probed device
 * @cxlad: the handle; NULL or an error pointer is ignored
 *
 * The last reference unmaps the registers and removes the debugfs entry.
 *
 * Context: process context, may sleep.
 */
void cxl_accel_dev_put(struct cxl_accel_dev *cxlad);

/**
 * struct cxl_accel_info - what cxl_accel_probe() found
 * @capacity: bytes of device memory, from the DVSEC ranges whose
 *	Memory_Info_Valid is set
 * @hdm_count: HDM_Count of the PCIe DVSEC for CXL Devices (1 or 2 ranges)
 * @nr_decoders: HDM decoders of the device's HDM decoder capability
 * @cache_capable: Cache_Capable: the device does CXL.cache too
 * @mem_hwinit: Mem_HwInit_Mode: the device initialises its memory itself
 */
struct cxl_accel_info {
	u64 capacity;
	unsigned int hdm_count;
	unsigned int nr_decoders;
	bool cache_capable;
	bool mem_hwinit;
};

/**
 * cxl_accel_get_info() - what the probe found
 * @cxlad: the handle
 * @info: filled in; all zero if @cxlad is NULL
 *
 * Context: any.
 */
void cxl_accel_get_info(const struct cxl_accel_dev *cxlad,
			struct cxl_accel_info *info);

/**
 * cxl_accel_set_capacity() - say how much memory the device has
 * @cxlad: the handle
 * @capacity: bytes, a multiple of 256 MiB
 *
 * For a device whose DVSEC ranges do not describe its memory (the driver
 * knows better); otherwise the capacity comes from the ranges whose
 * Memory_Info_Valid is set.
 *
 * Context: process context, may sleep.
 * Return: 0; -EINVAL for a NULL @cxlad or a bad size, -EBUSY while any
 * device memory is reserved.
 */
int cxl_accel_set_capacity(struct cxl_accel_dev *cxlad, u64 capacity);

/*
 * Regions.  The names follow the kernel's Type-2 API (cxl_request_dpa(),
 * cxl_create_region(), cxl_get_hpa_freespace(), cxl_dpa_free()) with a
 * cxl_accel_ prefix, so that moving to mainline later is a rename more
 * than a rewrite.
 */
struct cxl_accel_dpa;
struct cxl_accel_region;

/**
 * enum cxl_accel_mode - what kind of device memory a region maps
 * @CXL_ACCEL_MODE_RAM: volatile memory, the only kind supported.  0 is no
 *	mode, so that a zeroed variable is refused rather than taken as one.
 */
enum cxl_accel_mode {
	CXL_ACCEL_MODE_RAM = 1,
};

/*
 * Region flags: an OR of CXL_ACCEL_REGION_*, or 0.  Its own type, so that
 * sparse reports a mapping flag passed where a region flag belongs.
 */
typedef unsigned int __bitwise cxl_accel_region_flags_t;

/* the window with the most free space, not the first where it fits */
#define CXL_ACCEL_REGION_LARGEST	((__force cxl_accel_region_flags_t)BIT(1))
/*
 * KEEP: the last put leaves the region's decoders committed and its host
 * address range claimed, so that the next load of the driver adopts it
 * (cxl_accel_region_adopt()).  LOCK implies KEEP and also commits the
 * device's own (endpoint) decoder with Lock On Commit, so that nothing
 * can reset it until the device is reset.  Switch and host bridge
 * decoders serve other devices and the CXL core too, and are never
 * locked.
 */
#define CXL_ACCEL_REGION_KEEP		((__force cxl_accel_region_flags_t)BIT(2))
#define CXL_ACCEL_REGION_LOCK		((__force cxl_accel_region_flags_t)BIT(3))

/* Mapping flags: one of these; a type of their own, as region flags. */
typedef unsigned int __bitwise cxl_accel_map_flags_t;

/* write-back: cached, coherent device memory (the usual choice) */
#define CXL_ACCEL_MAP_WB		((__force cxl_accel_map_flags_t)0)
/* write-combining: uncached, stores may be buffered until wmb() */
#define CXL_ACCEL_MAP_WC		((__force cxl_accel_map_flags_t)BIT(0))

/**
 * cxl_accel_get_hpa_freespace() - the largest region the device could get
 * @cxlad: the device
 * @mode: CXL_ACCEL_MODE_RAM
 * @flags: the flags the region would be created with
 * @max: bytes of the largest free, 256 MiB aligned extent in a window
 *	usable by this device
 *
 * Like the kernel's cxl_get_hpa_freespace(): it looks at every window the
 * device could use (see cxl_accel_create_region()) and reports the most
 * it could get.  Nothing is reserved.
 *
 * Context: process context, may sleep.
 * Return: 0; -EINVAL if @cxlad or @max is NULL, or for an unknown @mode
 * or flag; or the error cxl_accel_create_region() would fail with for
 * lack of a window (-ENODEV, -EOPNOTSUPP, -EBUSY, -ENOSPC).
 */
#define cxl_accel_get_hpa_freespace(cxlad, mode, flags, max)		\
	cxl_accel_get_hpa_freespace_v4(cxlad, mode, flags, max)
int cxl_accel_get_hpa_freespace_v4(struct cxl_accel_dev *cxlad,
				   enum cxl_accel_mode mode,
				   cxl_accel_region_flags_t flags,
				   resource_size_t *max);

/**
 * cxl_accel_request_dpa() - reserve device memory for a region
 * @cxlad: the device
 * @mode: CXL_ACCEL_MODE_RAM
 * @size: bytes, a multiple of 256 MiB (SZ_256M)
 *
 * Like the kernel's cxl_request_dpa(): reserves the next endpoint decoder
 * and @size bytes of the device's memory above everything in use
 * (endpoint decoders map DPA in decoder order, any gap being the next
 * decoder's DPA Skip).  Pass it to cxl_accel_create_region() or give it
 * back with cxl_accel_dpa_free().
 *
 * Context: process context, may sleep.
 * Return: the reservation; ERR_PTR(-EINVAL) for a NULL @cxlad, an unknown
 * @mode or a bad size, -ENODEV if the device is no longer enabled (its
 * driver unbound), -ENOSPC if the device has no free decoder or not
 * enough memory left, -ENOMEM.
 */
#define cxl_accel_request_dpa(cxlad, mode, size)			\
	cxl_accel_request_dpa_v4(cxlad, mode, size)
struct cxl_accel_dpa *cxl_accel_request_dpa_v4(struct cxl_accel_dev *cxlad,
					       enum cxl_accel_mode mode,
					       resource_size_t size);

/**
 * cxl_accel_dpa_free() - give back a DPA reservation no region uses
 * @dpa: from cxl_accel_request_dpa(); NULL or an error pointer is ignored
 *
 * Only the device's last reservation can be given back while others
 * remain: endpoint decoders map DPA in order.
 *
 * Context: process context, may sleep.
 * Return: 0, -EBUSY if a region uses it or a later reservation exists.
 */
int cxl_accel_dpa_free(struct cxl_accel_dpa *dpa);

/**
 * cxl_accel_create_region() - a private region on reserved device memory
 * @dpa: from cxl_accel_request_dpa(); the region owns it from now on
 * @flags: 0, or CXL_ACCEL_REGION_LARGEST, CXL_ACCEL_REGION_KEEP,
 *	CXL_ACCEL_REGION_LOCK (see their definitions).  With LOCK, a
 *	request that fails after the endpoint decoder committed leaves it
 *	committed with the range claimed.
 *
 * Finds host address space for @dpa, 256 MiB aligned, in a CXL window
 * that targets the device's host bridge and allows device-coherent
 * volatile memory (one device: the window must not be interleaved),
 * claims it as a busy, exclusive, IORES_DESC_RESERVED child of that "CXL
 * Window" in iomem, invalidates CPU caches for it, and commits the
 * device's endpoint decoder and the decoders of every switch and of the
 * host bridge above it (none where they pass everything through).  Where
 * the kernel's CXL core tracks those decoders, its view is kept true;
 * where that cannot be done safely, the request is refused.  The range
 * never becomes System RAM or a dax device, and on a kernel with strict
 * iomem checks (the default with STRICT_DEVMEM, as in distribution
 * kernels) /dev/mem refuses to map it; booting with iomem=relaxed is an
 * administrator's explicit choice to let root map it.
 *
 * @dpa must be the device's lowest reservation without a region:
 * decoders commit in order.
 *
 * Context: process context, may sleep.  Takes the device's lock and the
 * CXL core's port locks of the path.
 * Return: a reference to the region, to drop with cxl_accel_region_put();
 * ERR_PTR() of -EINVAL (@dpa NULL, unknown flags, @dpa not next), -ENODEV
 * if the device is no longer enabled (its driver unbound), -ENODEV,
 * -EOPNOTSUPP, -EBUSY or -ENOSPC (no usable window, the path is in use
 * by the CXL core in a way cxl_accel cannot share, or firmware left the
 * device decoding through its DVSEC ranges), -ENXIO (caches cannot be
 * invalidated), -ETIMEDOUT (the device's memory did not become active in
 * the time it advertises), or an error of the hardware.  On failure @dpa
 * is still the caller's.
 */
#define cxl_accel_create_region(dpa, flags)				\
	cxl_accel_create_region_v4(dpa, flags)
struct cxl_accel_region *
cxl_accel_create_region_v4(struct cxl_accel_dpa *dpa,
			   cxl_accel_region_flags_t flags);

/**
 * cxl_accel_region_request() - reserve device memory and create a region
 *	on it in one call
 * @cxlad: the device
 * @mode: CXL_ACCEL_MODE_RAM
 * @size: bytes, a multiple of 256 MiB (SZ_256M)
 * @flags: as for cxl_accel_create_region()
 *
 * cxl_accel_request_dpa() then cxl_accel_create_region(); on failure the
 * reservation is given back.  Concurrent calls are serialised; a driver
 * that mixes this call with its own cxl_accel_request_dpa() on the same
 * device must order them itself.
 *
 * Context: process context, may sleep.
 * Return: as cxl_accel_create_region() or cxl_accel_request_dpa().
 */
#define cxl_accel_region_request(cxlad, mode, size, flags)		\
	cxl_accel_region_request_v4(cxlad, mode, size, flags)
struct cxl_accel_region *
cxl_accel_region_request_v4(struct cxl_accel_dev *cxlad,
			    enum cxl_accel_mode mode, resource_size_t size,
			    cxl_accel_region_flags_t flags);

/**
 * devm_cxl_accel_region_request() - cxl_accel_region_request() for the
 *	lifetime of a driver's device
 * @dev: the device the region goes with (usually the PCI device's)
 * @cxlad: the CXL accelerator
 * @mode: as for cxl_accel_region_request()
 * @size: as for cxl_accel_region_request()
 * @flags: as for cxl_accel_region_request()
 *
 * When @dev's driver unbinds, the notifier is cleared (waiting for a call
 * of it under way, see cxl_accel_region_set_notify()) and the reference
 * dropped.
 *
 * Context: process context, may sleep.
 * Return: the region (do not put it), ERR_PTR(-EINVAL) if @dev is NULL,
 * or an ERR_PTR() as cxl_accel_region_request().
 */
#define devm_cxl_accel_region_request(dev, cxlad, mode, size, flags)	\
	devm_cxl_accel_region_request_v4(dev, cxlad, mode, size, flags)
struct cxl_accel_region *
devm_cxl_accel_region_request_v4(struct device *dev,
				 struct cxl_accel_dev *cxlad,
				 enum cxl_accel_mode mode, resource_size_t size,
				 cxl_accel_region_flags_t flags);

/**
 * cxl_accel_region_adopt() - adopt a region whose decoders are committed
 * @cxlad: the device
 * @flags: 0 or CXL_ACCEL_REGION_KEEP (adopted regions are kept anyway)
 *
 * Takes the device's lowest committed endpoint decoder that no region of
 * this load uses, committed by firmware or kept by an earlier load (see
 * CXL_ACCEL_REGION_KEEP), checks the whole path from the hardware (one
 * log line per broken link), claims its range as privately as
 * cxl_accel_create_region() does, and returns it as a region with the
 * same handle API.  Nothing is written to a decoder, and the region is
 * never reset: its last put leaves the decoders committed and the range
 * claimed.  Where the kernel has the mainline Type-2 attach API (7.2 and
 * later), cxl_mem is loaded, and the core can assemble a region from the
 * path, the region is also handed to the CXL core, which then shows the
 * device as a memdev with a locked region until the driver unbinds;
 * otherwise the region stays cxl_accel's own (one line says why).  While
 * the core has the device, it has an endpoint below the device's ports,
 * and cxl_accel programs no other region on that path.
 *
 * Context: process context, may sleep.  Takes the device's lock and the
 * CXL core's port locks of the path.
 * Return: a reference to the region, to drop with cxl_accel_region_put();
 * ERR_PTR() of -EINVAL (unknown flags), -ENOENT (nothing committed to
 * adopt), -EOPNOTSUPP, -ENXIO, -ERANGE or -EBUSY (a broken link, see the
 * log), -ENODEV (cxl_acpi is not loaded), -ENOMEM, or an error of the
 * hardware.
 */
#define cxl_accel_region_adopt(cxlad, flags)				\
	cxl_accel_region_adopt_v4(cxlad, flags)
struct cxl_accel_region *
cxl_accel_region_adopt_v4(struct cxl_accel_dev *cxlad,
			  cxl_accel_region_flags_t flags);

/**
 * devm_cxl_accel_region_adopt() - cxl_accel_region_adopt() for the
 *	lifetime of a driver's device
 * @dev: the device the region goes with (usually the PCI device's)
 * @cxlad: the CXL accelerator
 * @flags: as for cxl_accel_region_adopt()
 *
 * The devm release is that of devm_cxl_accel_region_request().
 *
 * Context: process context, may sleep.
 * Return: the region (do not put it), ERR_PTR(-EINVAL) if @dev is NULL,
 * or an ERR_PTR() as cxl_accel_region_adopt().
 */
#define devm_cxl_accel_region_adopt(dev, cxlad, flags)			\
	devm_cxl_accel_region_adopt_v4(dev, cxlad, flags)
struct cxl_accel_region *
devm_cxl_accel_region_adopt_v4(struct device *dev, struct cxl_accel_dev *cxlad,
			       cxl_accel_region_flags_t flags);

/**
 * cxl_accel_region_get() - take another reference to a region
 * @r: the region; NULL or an error pointer is passed through
 *
 * Context: any.
 * Return: @r.
 */
struct cxl_accel_region *cxl_accel_region_get(struct cxl_accel_region *r);

/**
 * cxl_accel_region_put() - drop a reference to a region
 * @r: the region; NULL or an error pointer is ignored
 *
 * The last reference unmaps what is still mapped (with a warning: unmap
 * first, or use devm_cxl_accel_region_map()), writes back and invalidates
 * CPU caches for the region's range (so that what the CPU wrote reaches
 * the device's memory before nothing decodes it any more), resets the
 * region's decoders from the host bridge down and gives the range and
 * the device memory back.  If the decoders cannot be reset yet (the CXL
 * core or another region committed above them), the region is parked
 * and released as soon as they can.  A region created with
 * CXL_ACCEL_REGION_KEEP or _LOCK, and an adopted one, is never reset:
 * its decoders stay committed and its range claimed.
 *
 * Context: process context, may sleep.
 */
void cxl_accel_region_put(struct cxl_accel_region *r);

/**
 * cxl_accel_region_range() - the host physical address range of a region
 * @r: the region
 * @hpa: filled in, both ends inclusive; empty (range_len() 0) if @r is NULL
 *
 * Context: any.
 */
void cxl_accel_region_range(const struct cxl_accel_region *r,
			    struct range *hpa);

/**
 * cxl_accel_region_dpa() - the device physical address range of a region
 * @r: the region
 * @dpa: filled in, both ends inclusive; empty (range_len() 0) if @r is NULL
 *
 * Context: any.
 */
void cxl_accel_region_dpa(const struct cxl_accel_region *r, struct range *dpa);

/**
 * cxl_accel_region_map() - map a region into the kernel
 * @r: the region
 * @flags: CXL_ACCEL_MAP_WB or CXL_ACCEL_MAP_WC
 *
 * The mapping is memremap()-like, not ioremap()-like: a plain pointer to
 * memory (not __iomem), used with ordinary loads and stores, memcpy() and
 * memset(), never with readl()/writel().  CXL.mem keeps write-back
 * mappings coherent with the device, as for system memory: before telling
 * the device that data is ready (a doorbell write), order the stores
 * with wmb(), as for DMA memory; nothing needs flushing.  A write-combining
 * mapping is not cached; wmb() also pushes out its buffered stores.
 *
 * Context: process context, may sleep.  Takes only a lock of the region
 * that nothing else is taken under, so a driver may hold its own locks
 * (RTNL, say) across it; so may cxl_accel_region_unmap().
 * Return: the mapping, to undo with cxl_accel_region_unmap();
 * ERR_PTR(-EINVAL) if @r is NULL or @flags is not a mapping flag (a
 * region flag is refused), ERR_PTR(-ENXIO) if the region was lost (see
 * cxl_accel_region_set_notify()), ERR_PTR(-ENOMEM) if it cannot be
 * mapped.  Never NULL.
 */
#define cxl_accel_region_map(r, flags) cxl_accel_region_map_v4(r, flags)
void *cxl_accel_region_map_v4(struct cxl_accel_region *r,
			      cxl_accel_map_flags_t flags);

/**
 * devm_cxl_accel_region_map() - cxl_accel_region_map() for the lifetime
 *	of a driver's device
 * @dev: the device the mapping goes with (usually the PCI device's)
 * @r: the region; the mapping holds a reference to it until it is undone
 * @flags: as for cxl_accel_region_map()
 *
 * The mapping is undone when @dev's driver unbinds, before what the
 * driver set up earlier in its probe (devm order), so that no probe error
 * path has to unmap.  Do not pass it to cxl_accel_region_unmap(): the
 * devm release would then find it gone and say so.
 *
 * Context: process context, may sleep.
 * Return: as cxl_accel_region_map(); ERR_PTR(-EINVAL) if @dev is NULL.
 */
void *devm_cxl_accel_region_map(struct device *dev, struct cxl_accel_region *r,
				cxl_accel_map_flags_t flags);

/**
 * cxl_accel_region_unmap() - undo cxl_accel_region_map()
 * @r: the region
 * @addr: what cxl_accel_region_map() returned for @r.  Anything else (an
 *	address inside the mapping, another region's, one already
 *	unmapped) is refused with an error line and changes nothing, so
 *	unmapping twice is safe.
 *
 * Context: process context, may sleep.
 */
void cxl_accel_region_unmap(struct cxl_accel_region *r, void *addr);

/**
 * typedef cxl_accel_region_lost_fn - a driver's lost-region notifier
 * @r: the region that was lost
 * @data: what was passed to cxl_accel_region_set_notify()
 */
typedef void (*cxl_accel_region_lost_fn)(struct cxl_accel_region *r,
					 void *data);

/**
 * cxl_accel_region_set_notify() - be told when a region is lost for a
 *	reason the driver did not ask for
 * @r: the region
 * @fn: called when the CXL core's root or host bridge port, or a PCI port
 *	on the region's path, is being removed; it must stop using the
 *	region (unmap it) and then drop its reference: with
 *	cxl_accel_region_put(), or, for a region from a devm_ request, by
 *	letting devm do it when the driver unbinds.  The decoders and the
 *	claim stay until the last reference goes.  NULL to stop being told.
 * @data: passed to @fn
 *
 * The region is revoked when it is lost: from then on
 * cxl_accel_region_map() fails with -ENXIO.  @fn runs once, always from a
 * work item (system workqueue), never from inside this call, also when the
 * region was lost before @fn was set; it may take any lock the driver
 * takes around this call.  Setting NULL (and the devm release of a
 * region) waits for a call of the previous @fn under way, so that its
 * @data may be freed afterwards; so this must not be called with a lock
 * held that @fn takes, nor from inside a notifier: that is refused with
 * an error line and changes nothing.
 *
 * For a region lost already, @fn may have run, and dropped the reference
 * it was meant to drop, by the time this returns: a driver that lets @fn
 * put its last reference does not touch @r after this call (set the
 * state notifier before this one).
 *
 * Context: process context, may sleep.
 */
#define cxl_accel_region_set_notify(r, fn, data)			\
	cxl_accel_region_set_notify_v4(r, fn, data)
void cxl_accel_region_set_notify_v4(struct cxl_accel_region *r,
				    cxl_accel_region_lost_fn fn, void *data);

/**
 * enum cxl_accel_state - what a region's memory is good for now
 * @CXL_ACCEL_STATE_ACTIVE: usable
 * @CXL_ACCEL_STATE_SUSPENDED: a reset of the device, or of a port on its
 *	path, is under way (cxl_accel_reset_prepare()): the decoders that
 *	route the region may be reset, and an access would be lost or read
 *	poison.  No CPU access and no DMA to the region until it is
 *	restored; its mapping stays, do not use it.
 * @CXL_ACCEL_STATE_RESTORED: told once, when a suspended region is usable
 *	again: same HPA, same DPA, every decoder of its path reads back
 *	committed as it was programmed, the device's memory is active and
 *	CPU caches for the range were invalidated.  The region is then
 *	active.  Whether the device kept the memory's contents across the
 *	reset is the device's business (a CXL Reset may clear them).
 * @CXL_ACCEL_STATE_LOST: the region will not come back; release it.  The
 *	lost notifier (cxl_accel_region_set_notify()) is told too.
 */
enum cxl_accel_state {
	CXL_ACCEL_STATE_ACTIVE = 1,
	CXL_ACCEL_STATE_SUSPENDED,
	CXL_ACCEL_STATE_RESTORED,
	CXL_ACCEL_STATE_LOST,
};

/**
 * cxl_accel_region_state() - a region's state
 * @r: the region
 *
 * Context: any.
 * Return: CXL_ACCEL_STATE_ACTIVE, _SUSPENDED or _LOST; _LOST for a NULL
 * @r.
 */
enum cxl_accel_state cxl_accel_region_state(struct cxl_accel_region *r);

/**
 * typedef cxl_accel_region_state_fn - a driver's region state notifier
 * @r: the region
 * @state: CXL_ACCEL_STATE_SUSPENDED, _RESTORED or _LOST
 * @data: what was passed to cxl_accel_region_set_state_notify()
 */
typedef void (*cxl_accel_region_state_fn)(struct cxl_accel_region *r,
					  enum cxl_accel_state state,
					  void *data);

/**
 * cxl_accel_region_set_state_notify() - be told when a region's state
 *	changes
 * @r: the region
 * @fn: called with CXL_ACCEL_STATE_SUSPENDED from inside
 *	cxl_accel_reset_prepare() and with _RESTORED from inside
 *	cxl_accel_reset_done(), on the caller's stack (the driver's own
 *	reset or error handler), or from a work item after
 *	cxl_accel_slot_reset(), for each region of the device concerned;
 *	with _LOST once, from a work item, whatever the loss (a failed
 *	restore, a port of the path removed), just before the lost
 *	notifier.  From inside a _SUSPENDED or _RESTORED call it must not
 *	call cxl_accel_reset_prepare() or cxl_accel_reset_done() nor drop
 *	a reference.  Calls for one region never overlap, so a driver must
 *	not hold, across the calls that tell on its stack, a lock that its
 *	state or lost notifier takes: a loss told from the work item would
 *	wait for that lock while the call waits for the loss's notifier.
 *	NULL to stop being told.
 * @data: passed to @fn
 *
 * Independent of cxl_accel_region_set_notify(): a driver may set either
 * or both.  Clearing the notifier (and the devm release of the region)
 * waits for a call under way, as cxl_accel_region_set_notify() does.
 *
 * Context: process context, may sleep.
 */
void cxl_accel_region_set_state_notify(struct cxl_accel_region *r,
				       cxl_accel_region_state_fn fn,
				       void *data);

/**
 * cxl_accel_reset_prepare() - the device is about to be reset
 * @cxlad: the device
 *
 * Call it from the driver's &struct pci_error_handlers .reset_prepare
 * (pci_reset_function(), the sysfs "reset" file, a bus reset from a port
 * above) and from .error_detected when it answers
 * PCI_ERS_RESULT_NEED_RESET (a fatal error, DPC), before the reset and
 * after the driver stopped its own DMA.  Every active region of the
 * device becomes suspended, its state notifier is told, and it stays
 * claimed, mapped and referenced; a request or an adoption on the
 * device is refused with -EBUSY until cxl_accel_reset_done() or the
 * restore of cxl_accel_slot_reset() is over.  It takes none of the locks
 * the restore takes, so .error_detected may call it under the PCI core's
 * pci_bus_sem.
 *
 * What a reset does to decoders, per the CXL specification: a Function
 * Level Reset leaves CXL.mem and the HDM decoders alone; a CXL Reset and
 * a secondary bus reset (hot reset, link down, DPC) reset them, and a
 * reset of a switch or host bridge resets that component's decoders,
 * which route the regions of every device below it.  cxl_accel does not
 * assume which one comes: cxl_accel_reset_done() reads every decoder
 * back.
 *
 * Suspend and hibernation are refused (with the CXL core's own
 * cxl_mem_active_inc(), as for its memory devices) while a region that
 * cxl_accel programmed is live, unless the driver restores its regions
 * after system sleep (cxl_accel_enable_suspend()): a resume resets the
 * decoders as a secondary bus reset does.  Adopted regions are
 * firmware's to restore.
 *
 * Context: process context, may sleep; not from a state notifier.
 */
void cxl_accel_reset_prepare(struct cxl_accel_dev *cxlad);

/**
 * cxl_accel_reset_done() - the device's reset is over: restore its regions
 * @cxlad: the device
 *
 * Call it from &struct pci_error_handlers .reset_done, and from
 * .slot_reset after a reset that cxl_accel_reset_prepare() was told of,
 * with the function's config space restored: the PCI core restores it
 * before .reset_done, but AER recovery leaves it to .slot_reset
 * (pci_restore_state() first, as any driver does there).  For each
 * suspended region, in decoder order: the endpoint's decoder and every
 * decoder of its path that reads back reset is committed again as it
 * was (same HPA, same DPA, same decoder), one still committed must read
 * back unchanged; then HDM decoding and CXL.mem are enabled, the memory
 * must become active and CPU caches for the range are invalidated.  A
 * region that comes through is restored (its state notifier is told
 * CXL_ACCEL_STATE_RESTORED); one that does not is lost, with one line
 * that says why: every decoder of it is reset, and its notifiers are told
 * from a work item, as for any loss.
 *
 * Context: process context, may sleep; not from a state notifier.
 * Return: 0 if every suspended region was restored (or there was none),
 * else the error of the first that was lost: -EIO when a decoder holds
 * something else after the reset, -ENODEV when the device has gone, or
 * the error of a register access, commit or wait.  A driver's
 * .slot_reset answers PCI_ERS_RESULT_RECOVERED for 0 and may still
 * recover with its regions lost otherwise.
 */
int cxl_accel_reset_done(struct cxl_accel_dev *cxlad);

/**
 * cxl_accel_slot_reset() - AER recovery reset the link: restore the regions
 * @cxlad: the device
 *
 * Call it from &struct pci_error_handlers .slot_reset, after
 * pci_restore_state(), when .error_detected called
 * cxl_accel_reset_prepare().  The PCI core calls the error handlers with
 * pci_bus_sem held, which the CXL core's port probe takes inside the port
 * locks a restore takes, so the restore of cxl_accel_reset_done() runs
 * from a work item instead, and its outcome reaches the driver through
 * the state notifier only: CXL_ACCEL_STATE_RESTORED for each region that
 * came through, _LOST (and the lost notifier) for each that did not.
 * The regions stay suspended until then, also after .resume: a driver
 * restarts its use of a region when told _RESTORED, not in .resume.  A
 * reset that begins before the work item ran cancels it; the next
 * restore reads every decoder back anyway.
 *
 * Context: process context; any of the driver's error handlers.
 * Return: 0 (the restore is queued), or -EINVAL for a NULL @cxlad.  A
 * driver's .slot_reset answers PCI_ERS_RESULT_RECOVERED for the function
 * itself whatever becomes of its regions.
 */
int cxl_accel_slot_reset(struct cxl_accel_dev *cxlad);

/* cxl_accel_cxl_reset(): ask the device to clear its volatile memory too */
#define CXL_ACCEL_CXL_RESET_MEM_CLR	BIT(0)

/**
 * cxl_accel_cxl_reset() - CXL Reset of the device, its regions restored
 * @cxlad: the device
 * @flags: 0, or CXL_ACCEL_CXL_RESET_MEM_CLR for a reset that also clears
 *	(or randomises) the device's volatile memory, if the device offers
 *	that
 *
 * A CXL Reset (CXL specification, DVSEC CXL Control2) resets the device's
 * CXL.cache and CXL.mem state, its HDM decoders, HDM Decoder Enable and
 * Mem_Enable included, and leaves the link and the function's PCIe
 * configuration alone; switches and the host bridge keep their decoders.
 * This goes through the same path as any reset: the regions are suspended
 * (cxl_accel_reset_prepare(); stop the device's DMA first), a device that
 * caches host memory has caching disabled and its cache written back and
 * invalidated, the reset is initiated and waited for within the CXL Reset
 * Timeout the device advertises, and the regions are restored as by
 * cxl_accel_reset_done().  With CXL_ACCEL_CXL_RESET_MEM_CLR a restored
 * region's contents are what the device made of them.  A reset the
 * device reports as failed (or that does not end in time) loses every
 * region of it: what the device holds then is unknown.
 *
 * Context: process context, may sleep (up to the device's CXL Reset
 * Timeout, 100 s at most); not from a state notifier nor from the error
 * handlers.
 * Return: 0 if the reset completed and every region was restored (or
 * there was none); -EINVAL for a NULL @cxlad or unknown @flags;
 * -EOPNOTSUPP (one line) if the device is not CXL Reset Capable, or not
 * Mem Clr Capable and the flag asks for it, with nothing done; -EIO if
 * the device reported CXL Reset Error, -ETIMEDOUT if it did not finish
 * in time (its regions lost); else cxl_accel_reset_done()'s answer.
 */
int cxl_accel_cxl_reset(struct cxl_accel_dev *cxlad, unsigned int flags);

/**
 * cxl_accel_enable_suspend() - the driver restores its regions after
 *	system sleep
 * @cxlad: the device
 *
 * A region cxl_accel programmed refuses system suspend and hibernation
 * while it is live (see cxl_accel_reset_prepare()).  A driver whose
 * &struct dev_pm_ops call cxl_accel_reset_prepare() on the way down
 * (.suspend, .freeze, .poweroff; DEFINE_SIMPLE_DEV_PM_OPS() sets all
 * three) and cxl_accel_reset_done() on the way up (.resume, .thaw,
 * .restore) calls this once after cxl_accel_probe(): the device's
 * regions, live and to come, stop refusing.  The PCI core has restored
 * the function's config space before .resume; cxl_accel_reset_done()
 * commits every decoder of the path that the resume reset (an S3 resume
 * resets them as a secondary bus reset does), leaves one that kept the
 * region, and loses the region if one holds something else (a
 * hibernation image restored over decoders that firmware programmed).
 * The state notifiers are told as around a reset.
 *
 * Context: process context, may sleep.
 */
void cxl_accel_enable_suspend(struct cxl_accel_dev *cxlad);

#endif /* CXL_ACCEL_H */
