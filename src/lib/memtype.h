/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The memory type policy: what the device's CDAT asks a range of its
 * memory to be (DSEMTS, "Device Scoped EFI Memory Type Structure"), and
 * whether firmware's memory map agrees.  Pure code, compiled into the
 * module and into the host unit tests; the kernel glue (memtype.c) reads
 * the table and the memory map into the facts below.
 *
 * cxl_accel maps a device's memory for its driver alone: what EFI calls
 * Reserved memory (EfiReservedMemoryType), never general purpose memory
 * and never Soft Reserved (EfiConventionalMemory with EFI_MEMORY_SP),
 * which the kernel gives to device-dax and kmem.  An accelerator's CDAT
 * says so with DSEMTS type 2; a device that asks for either of the other
 * types means its memory for the operating system, and cxl_accel does not
 * take it.  A device that says nothing (no CDAT, a table that cannot be
 * trusted, or no DSEMTS for the range) gets Reserved, the only thing
 * cxl_accel provides.
 */
#ifndef CXL_ACCEL_LIB_MEMTYPE_H
#define CXL_ACCEL_LIB_MEMTYPE_H

#include <linux/types.h>

/* Room for the longest reason, with its numbers */
#define CXL_LIB_MEMTYPE_WHY	192

/* What the device asks for a range, as far as cxl_accel cares */
enum cxl_lib_memtype {
	/* no CDAT, or no DSEMTS covers any of the range */
	CXL_LIB_MEMTYPE_UNSTATED,
	/* EfiReservedMemoryType (for the parts DSEMTS covers) */
	CXL_LIB_MEMTYPE_RESERVED,
	/* EfiConventionalMemory with EFI_MEMORY_SP */
	CXL_LIB_MEMTYPE_SOFT_RESERVED,
	/* EfiConventionalMemory */
	CXL_LIB_MEMTYPE_CONVENTIONAL,
	/* DSEMTS gives parts of the range different types */
	CXL_LIB_MEMTYPE_MIXED,
	/* a type value the CDAT specification reserves */
	CXL_LIB_MEMTYPE_UNKNOWN,
};

/* What firmware's memory map says of a host physical range */
enum cxl_lib_fw_type {
	/* nothing: the range is not in the memory map */
	CXL_LIB_FW_NONE,
	CXL_LIB_FW_RESERVED,
	CXL_LIB_FW_SOFT_RESERVED,
	CXL_LIB_FW_SYSTEM_RAM,
};

/**
 * struct cxl_lib_memtype_facts - what the device's CDAT says of a range
 * @have_cdat: the device has a CDAT cxl_accel could read and trust
 * @rc: cxl_spec_cdat_memtype()'s answer for the range
 * @type: with @rc 0 or -ERANGE, the DSEMTS type of what it covers
 * @dpa: the range's first DPA, for the message
 * @len: the range's length, for the message
 */
struct cxl_lib_memtype_facts {
	bool have_cdat;
	int rc;
	u8 type;
	u64 dpa;
	u64 len;
};

int cxl_lib_memtype_decide(const struct cxl_lib_memtype_facts *f,
			   enum cxl_lib_memtype *mt, char *why, size_t len);
bool cxl_lib_memtype_fw_agrees(enum cxl_lib_memtype mt,
			       enum cxl_lib_fw_type fw);
const char *cxl_lib_memtype_name(enum cxl_lib_memtype mt);
const char *cxl_lib_fw_type_name(enum cxl_lib_fw_type fw);

#endif /* CXL_ACCEL_LIB_MEMTYPE_H */
