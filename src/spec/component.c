// SPDX-License-Identifier: GPL-2.0-only
/*
 * The CXL.cache and CXL.mem capability array (see component.h).
 */
#include <linux/bitfield.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>

#include "component.h"

const char *cxl_spec_comp_cap_name(u16 id)
{
	switch (id) {
	case CXL_SPEC_CM_CAP_CAPABILITY:
		return "CXL Capability";
	case CXL_SPEC_CM_CAP_RAS:
		return "RAS";
	case CXL_SPEC_CM_CAP_SECURITY:
		return "Security";
	case CXL_SPEC_CM_CAP_LINK:
		return "Link";
	case CXL_SPEC_CM_CAP_HDM:
		return "HDM Decoder";
	case CXL_SPEC_CM_CAP_EXT_SECURITY:
		return "Extended Security";
	case CXL_SPEC_CM_CAP_IDE:
		return "IDE";
	case CXL_SPEC_CM_CAP_SNOOP_FILTER:
		return "Snoop Filter";
	case CXL_SPEC_CM_CAP_TIMEOUT_ISOLATION:
		return "Timeout and Isolation";
	case CXL_SPEC_CM_CAP_CM_EXT_REGS:
		return "CXL.cachemem Extended Register";
	case CXL_SPEC_CM_CAP_BI_ROUTE_TABLE:
		return "BI Route Table";
	case CXL_SPEC_CM_CAP_BI_DECODER:
		return "BI Decoder";
	case CXL_SPEC_CM_CAP_CACHE_ID_ROUTE_TABLE:
		return "Cache ID Route Table";
	case CXL_SPEC_CM_CAP_CACHE_ID_DECODER:
		return "Cache ID Decoder";
	case CXL_SPEC_CM_CAP_EXT_HDM:
		return "Extended HDM Decoder";
	case CXL_SPEC_CM_CAP_EXT_METADATA:
		return "Extended Metadata";
	default:
		return "unknown";
	}
}

/**
 * cxl_spec_comp_parse - read the capability array of a component block
 * @mmio: the component register block; at least its first 8 KiB mapped
 * @env: for reports
 * @comp: filled in
 *
 * Entries with CXL_Capability_ID 0 are placeholders and skipped.  An entry
 * whose pointer is misaligned or points into the array, a second entry
 * with an ID already seen, and entries beyond CXL_SPEC_COMP_MAX_CAPS are
 * reported and left out.
 *
 * Return: 0, -EINVAL if less than the CXL.cache/CXL.mem range is mapped,
 * or -ENODEV if the range does not start with a CXL Capability Header.
 */
int cxl_spec_comp_parse(const struct cxl_spec_mmio *mmio,
			const struct cxl_spec_env *env,
			struct cxl_spec_comp *comp)
{
	u32 hdr, entry, ptr, array_end;
	unsigned int i, j;
	u16 id;
	int rc;

	memset(comp, 0, sizeof(*comp));
	if (mmio->size < CXL_SPEC_COMP_CM_OFFSET + CXL_SPEC_COMP_CM_SIZE) {
		cxl_spec_report(env, "component registers: only %#x bytes mapped",
				mmio->size);
		return -EINVAL;
	}
	rc = cxl_spec_mmio_read32(mmio, CXL_SPEC_COMP_CM_OFFSET, &hdr);
	if (rc)
		return rc;
	if (FIELD_GET(CXL_SPEC_CM_CAP_HDR_ID, hdr) != CXL_SPEC_CM_CAP_CAPABILITY ||
	    !FIELD_GET(CXL_SPEC_CM_CAP_HDR_VERSION, hdr)) {
		cxl_spec_report(env, "component registers: no CXL Capability Header (%#x)",
				hdr);
		return -ENODEV;
	}
	comp->cap_version = FIELD_GET(CXL_SPEC_CM_CAP_HDR_VERSION, hdr);
	comp->cachemem_version = FIELD_GET(CXL_SPEC_CM_CAP_HDR_CACHE_MEM_VERSION, hdr);
	comp->array_size = FIELD_GET(CXL_SPEC_CM_CAP_HDR_ARRAY_SIZE, hdr);
	/* The header and Array_Size entries of 4 bytes each */
	array_end = (comp->array_size + 1) * 4;

	for (i = 1; i <= comp->array_size; i++) {
		rc = cxl_spec_mmio_read32(mmio, CXL_SPEC_COMP_CM_OFFSET + i * 4, &entry);
		if (rc)
			return rc;
		id = FIELD_GET(CXL_SPEC_CM_CAP_ID, entry);
		ptr = FIELD_GET(CXL_SPEC_CM_CAP_POINTER, entry);
		if (id == CXL_SPEC_CM_CAP_NULL)
			continue;
		if (ptr < array_end || ptr & 3) {
			cxl_spec_report(env, "component registers: capability %#x: bad pointer %#x",
					id, ptr);
			continue;
		}
		for (j = 0; j < comp->nr; j++)
			if (comp->cap[j].id == id)
				break;
		if (j < comp->nr) {
			cxl_spec_report(env, "component registers: capability %#x twice, %#x used",
					id, comp->cap[j].offset);
			continue;
		}
		if (comp->nr == CXL_SPEC_COMP_MAX_CAPS) {
			cxl_spec_report(env, "component registers: over %u capabilities",
					CXL_SPEC_COMP_MAX_CAPS);
			break;
		}
		comp->cap[comp->nr].id = id;
		comp->cap[comp->nr].version = FIELD_GET(CXL_SPEC_CM_CAP_VERSION, entry);
		comp->cap[comp->nr].offset = CXL_SPEC_COMP_CM_OFFSET + ptr;
		comp->nr++;
	}
	return 0;
}

/**
 * cxl_spec_comp_find - a capability by ID
 * @comp: from cxl_spec_comp_parse()
 * @id: CXL_Capability_ID
 * @min_version: the lowest CXL_Capability_Version the caller understands
 *
 * Return: the capability, or NULL.
 */
const struct cxl_spec_comp_cap *
cxl_spec_comp_find(const struct cxl_spec_comp *comp, u16 id, u8 min_version)
{
	unsigned int i;

	for (i = 0; i < comp->nr; i++)
		if (comp->cap[i].id == id && comp->cap[i].version >= min_version)
			return &comp->cap[i];
	return NULL;
}
