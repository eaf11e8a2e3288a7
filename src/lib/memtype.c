// SPDX-License-Identifier: GPL-2.0-only
/*
 * The memory type policy (see memtype.h).
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/types.h>

#include "memtype.h"
#include "spec/cdat.h"

/**
 * cxl_lib_memtype_decide() - whether cxl_accel may map a range privately,
 *	by what the device's CDAT asks of it
 * @f: the facts
 * @mt: what the device asks, always set
 * @why: on refusal, the reason for the log
 * @len: bytes at @why, CXL_LIB_MEMTYPE_WHY for the longest
 *
 * Reserved, or nothing said, is what cxl_accel provides.  A range that
 * DSEMTS covers only in part takes the type of the part it covers (the
 * rest is unstated).  Conventional memory, with or without EFI_MEMORY_SP,
 * is the device asking for the operating system to use it: refused, as
 * are a range of mixed types and a type the specification reserves.
 *
 * Return: 0, or -EOPNOTSUPP with @why set.
 */
int cxl_lib_memtype_decide(const struct cxl_lib_memtype_facts *f,
			   enum cxl_lib_memtype *mt, char *why, size_t len)
{
	*mt = CXL_LIB_MEMTYPE_UNSTATED;
	if (!f->have_cdat || f->rc == -ENOENT)
		return 0;
	if (f->rc && f->rc != -ERANGE) {
		*mt = CXL_LIB_MEMTYPE_MIXED;
		snprintf(why, len,
			 "its CDAT gives DPA [%#llx-%#llx] more than one EFI memory type (DSEMTS)",
			 f->dpa, f->dpa + f->len - 1);
		return -EOPNOTSUPP;
	}
	switch (f->type) {
	case CXL_SPEC_DSEMTS_RESERVED:
		*mt = CXL_LIB_MEMTYPE_RESERVED;
		return 0;
	case CXL_SPEC_DSEMTS_SOFT_RESERVED:
		*mt = CXL_LIB_MEMTYPE_SOFT_RESERVED;
		break;
	case CXL_SPEC_DSEMTS_CONVENTIONAL:
		*mt = CXL_LIB_MEMTYPE_CONVENTIONAL;
		break;
	default:
		*mt = CXL_LIB_MEMTYPE_UNKNOWN;
		snprintf(why, len,
			 "its CDAT gives DPA [%#llx-%#llx] the reserved EFI memory type %u (DSEMTS)",
			 f->dpa, f->dpa + f->len - 1, f->type);
		return -EOPNOTSUPP;
	}
	snprintf(why, len,
		 "its CDAT asks for DPA [%#llx-%#llx] to be %s (DSEMTS), memory for the OS; cxl_accel maps only Reserved memory",
		 f->dpa, f->dpa + f->len - 1, cxl_lib_memtype_name(*mt));
	return -EOPNOTSUPP;
}

/**
 * cxl_lib_memtype_fw_agrees() - whether firmware's memory map agrees with
 *	what the device asks
 * @mt: from cxl_lib_memtype_decide()
 * @fw: what the memory map says of the host range
 *
 * A device that says nothing, or a map that says nothing, cannot
 * disagree.  Otherwise the map must give the range the type the device
 * asks for: Reserved for Reserved, Soft Reserved for EFI_MEMORY_SP,
 * System RAM for conventional memory.
 *
 * Return: false if they disagree.
 */
bool cxl_lib_memtype_fw_agrees(enum cxl_lib_memtype mt,
			       enum cxl_lib_fw_type fw)
{
	switch (mt) {
	case CXL_LIB_MEMTYPE_RESERVED:
		return fw == CXL_LIB_FW_NONE || fw == CXL_LIB_FW_RESERVED;
	case CXL_LIB_MEMTYPE_SOFT_RESERVED:
		return fw == CXL_LIB_FW_NONE || fw == CXL_LIB_FW_SOFT_RESERVED;
	case CXL_LIB_MEMTYPE_CONVENTIONAL:
		return fw == CXL_LIB_FW_NONE || fw == CXL_LIB_FW_SYSTEM_RAM;
	default:
		return true;
	}
}

/* The EFI name of what the device asks, for messages. */
const char *cxl_lib_memtype_name(enum cxl_lib_memtype mt)
{
	switch (mt) {
	case CXL_LIB_MEMTYPE_UNSTATED:
		return "unstated (Reserved)";
	case CXL_LIB_MEMTYPE_RESERVED:
		return cxl_spec_dsemts_name(CXL_SPEC_DSEMTS_RESERVED);
	case CXL_LIB_MEMTYPE_SOFT_RESERVED:
		return cxl_spec_dsemts_name(CXL_SPEC_DSEMTS_SOFT_RESERVED);
	case CXL_LIB_MEMTYPE_CONVENTIONAL:
		return cxl_spec_dsemts_name(CXL_SPEC_DSEMTS_CONVENTIONAL);
	case CXL_LIB_MEMTYPE_MIXED:
		return "mixed";
	default:
		return "a reserved type";
	}
}

/* What the memory map calls a range, for messages. */
const char *cxl_lib_fw_type_name(enum cxl_lib_fw_type fw)
{
	switch (fw) {
	case CXL_LIB_FW_RESERVED:
		return "Reserved";
	case CXL_LIB_FW_SOFT_RESERVED:
		return "Soft Reserved";
	case CXL_LIB_FW_SYSTEM_RAM:
		return "System RAM";
	default:
		return "nothing";
	}
}
