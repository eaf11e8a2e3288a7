// SPDX-License-Identifier: GPL-2.0-only
/*
 * The memory type policy in the kernel: what the device's CDAT asks of
 * the DPA range a region maps (lib/memtype.c decides), and what firmware's
 * memory map says of the host range it goes to.  When the two disagree,
 * firmware is named in one line and the kernel is tainted with
 * TAINT_FIRMWARE_WORKAROUND, once per device: cxl_accel acts on the
 * device's word, or refuses, and either way the platform's memory map is
 * wrong for this device.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/panic.h>
#include <linux/pci.h>

#include "internal.h"
#include "lib/memtype.h"

/* What the device's CDAT asks of a DPA range, decided by lib/memtype.c. */
static int memtype_decide(struct cxl_accel_dev *cxlad, u64 dpa, u64 len,
			  enum cxl_lib_memtype *mt, char *why)
{
	struct cxl_lib_memtype_facts f = {
		.have_cdat = cxlad->cdat_buf && len, .dpa = dpa, .len = len,
	};

	if (f.have_cdat)
		f.rc = cxl_spec_cdat_memtype(&cxlad->cdat, dpa, len, &f.type);
	return cxl_lib_memtype_decide(&f, mt, why, CXL_LIB_MEMTYPE_WHY);
}

/**
 * cxl_accel_memtype_check() - may a DPA range of the device be mapped as
 *	private Reserved memory, by its CDAT
 * @cxlad: the device
 * @dpa: first DPA of the range
 * @len: bytes, not 0
 * @mt: what the device asks for it, always set
 *
 * One error line says why a range is refused.
 *
 * Context: any; reads only what probe fixed (@cxlad->cdat).
 * Return: 0, or -EOPNOTSUPP.
 */
int cxl_accel_memtype_check(struct cxl_accel_dev *cxlad, u64 dpa, u64 len,
			    enum cxl_lib_memtype *mt)
{
	char why[CXL_LIB_MEMTYPE_WHY];
	int rc;

	rc = memtype_decide(cxlad, dpa, len, mt, why);
	if (rc)
		cxl_accel_err(cxlad->pdev, "memory type: %s\n", why);
	return rc;
}

/**
 * cxl_accel_fw_type() - what firmware's memory map says of a host range
 * @start: first address
 * @end: last address
 * @at: the first range of that type found in it
 *
 * System RAM first (including what kmem added), then Soft Reserved, then
 * Reserved (the E820 or EFI reservations; a claim of cxl_accel is Reserved
 * too, which agrees with a device that asks for Reserved).
 *
 * Context: process context.
 * Return: the type, CXL_LIB_FW_NONE if none of them is there.
 */
enum cxl_lib_fw_type cxl_accel_fw_type(u64 start, u64 end,
				       struct cxl_lib_range *at)
{
	if (cxl_accel_iomem_first(IORES_DESC_NONE, IORESOURCE_SYSTEM_RAM, start,
				  end, at))
		return CXL_LIB_FW_SYSTEM_RAM;
	if (cxl_accel_iomem_first(IORES_DESC_SOFT_RESERVED, IORESOURCE_MEM,
				  start, end, at))
		return CXL_LIB_FW_SOFT_RESERVED;
	if (cxl_accel_iomem_first(IORES_DESC_RESERVED, IORESOURCE_MEM, start,
				  end, at))
		return CXL_LIB_FW_RESERVED;
	return CXL_LIB_FW_NONE;
}

/**
 * cxl_accel_memtype_fw() - compare firmware's memory map with the device
 * @cxlad: the device
 * @mt: what the device asks, from cxl_accel_memtype_check()
 * @fw: what the memory map says of @at
 * @at: the host range concerned
 *
 * A disagreement is logged once per device, naming firmware, and taints
 * the kernel with TAINT_FIRMWARE_WORKAROUND.
 *
 * Context: any.
 * Return: true if they agree.
 */
bool cxl_accel_memtype_fw(struct cxl_accel_dev *cxlad, enum cxl_lib_memtype mt,
			  enum cxl_lib_fw_type fw, const struct cxl_lib_range *at)
{
	if (cxl_lib_memtype_fw_agrees(mt, fw))
		return true;
	if (!test_and_set_bit(0, &cxlad->fw_mismatch)) {
		pci_warn(cxlad->pdev, FW_BUG
			 "the memory map gives [%#llx-%#llx] as %s, but the device's CDAT asks for %s\n",
			 at->start, at->end, cxl_lib_fw_type_name(fw),
			 cxl_lib_memtype_name(mt));
		add_taint(TAINT_FIRMWARE_WORKAROUND, LOCKDEP_STILL_OK);
	}
	return false;
}

/**
 * cxl_accel_memtype_fw_overlap() - compare what refused a window with the
 *	device (see cxl_accel_memtype_fw())
 * @cxlad: the device
 * @mt: what the device asks
 * @o: what overlaps the window
 *
 * Context: any.
 */
void cxl_accel_memtype_fw_overlap(struct cxl_accel_dev *cxlad,
				  enum cxl_lib_memtype mt,
				  const struct cxl_lib_overlap *o)
{
	if (o->kind == CXL_LIB_OVERLAP_SYSTEM_RAM)
		cxl_accel_memtype_fw(cxlad, mt, CXL_LIB_FW_SYSTEM_RAM, &o->at);
	else if (o->kind == CXL_LIB_OVERLAP_SOFT_RESERVED)
		cxl_accel_memtype_fw(cxlad, mt, CXL_LIB_FW_SOFT_RESERVED, &o->at);
}

/**
 * cxl_accel_memtype_fw_range() - compare what the memory map says of a
 *	host range with the device (see cxl_accel_memtype_fw())
 * @cxlad: the device
 * @mt: what the device asks
 * @start: first address
 * @size: bytes, not 0
 *
 * Context: process context.
 */
void cxl_accel_memtype_fw_range(struct cxl_accel_dev *cxlad,
				enum cxl_lib_memtype mt, u64 start, u64 size)
{
	struct cxl_lib_range at = { start, start + size - 1 };
	enum cxl_lib_fw_type fw;

	fw = cxl_accel_fw_type(start, start + size - 1, &at);
	cxl_accel_memtype_fw(cxlad, mt, fw, &at);
}

/**
 * cxl_accel_memtype_of_device() - what the device's CDAT asks for all its
 *	memory, as one word (sysfs memory_type, debugfs)
 * @cxlad: the device, probed
 *
 * Context: any.
 * Return: "reserved", "unstated", "soft-reserved", "conventional",
 * "mixed" or "unknown".
 */
const char *cxl_accel_memtype_of_device(struct cxl_accel_dev *cxlad)
{
	static const char *const words[] = {
		[CXL_LIB_MEMTYPE_UNSTATED] = "unstated",
		[CXL_LIB_MEMTYPE_RESERVED] = "reserved",
		[CXL_LIB_MEMTYPE_SOFT_RESERVED] = "soft-reserved",
		[CXL_LIB_MEMTYPE_CONVENTIONAL] = "conventional",
		[CXL_LIB_MEMTYPE_MIXED] = "mixed",
		[CXL_LIB_MEMTYPE_UNKNOWN] = "unknown",
	};
	char why[CXL_LIB_MEMTYPE_WHY];
	enum cxl_lib_memtype mt;

	memtype_decide(cxlad, 0, cxlad->capacity, &mt, why);
	return mt < ARRAY_SIZE(words) ? words[mt] : "unknown";
}
