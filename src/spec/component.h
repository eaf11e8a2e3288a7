/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CXL.cache and CXL.mem capability array of a component register block
 * (CXL 2.0 8.2.5, r3.1 8.2.4).
 *
 * The array starts with the CXL Capability Header at 4 KiB into the block;
 * each following dword names a capability and points at its structure,
 * relative to that 4 KiB range.  cxl_spec_comp_parse() checks every
 * pointer lies within the range and does not point into the array itself.
 */
#ifndef CXL_ACCEL_SPEC_COMPONENT_H
#define CXL_ACCEL_SPEC_COMPONENT_H

#include <linux/types.h>

#include "access.h"
#include "cxl_regs.h"

/* More capabilities than any one component has (16 IDs in CXL 3.1) */
#define CXL_SPEC_COMP_MAX_CAPS	32

/**
 * struct cxl_spec_comp_cap - one capability
 * @id: CXL_Capability_ID, CXL_SPEC_CM_CAP_*
 * @version: CXL_Capability_Version
 * @offset: of its structure from the start of the component block, as
 *	used with the block's struct cxl_spec_mmio
 */
struct cxl_spec_comp_cap {
	u16 id;
	u8 version;
	u32 offset;
};

/**
 * struct cxl_spec_comp - the capabilities of one component register block
 * @cap_version: CXL_Capability_Version of the CXL Capability Header
 * @cachemem_version: CXL_Cache_Mem_Version
 * @array_size: Array_Size, entries following the header
 * @cap: the well-formed capabilities, in array order, first of each ID
 * @nr: entries in @cap
 */
struct cxl_spec_comp {
	u8 cap_version;
	u8 cachemem_version;
	u8 array_size;
	struct cxl_spec_comp_cap cap[CXL_SPEC_COMP_MAX_CAPS];
	unsigned int nr;
};

int cxl_spec_comp_parse(const struct cxl_spec_mmio *mmio,
			const struct cxl_spec_env *env,
			struct cxl_spec_comp *comp);
const struct cxl_spec_comp_cap *
cxl_spec_comp_find(const struct cxl_spec_comp *comp, u16 id, u8 min_version);
const char *cxl_spec_comp_cap_name(u16 id);

#endif /* CXL_ACCEL_SPEC_COMPONENT_H */
