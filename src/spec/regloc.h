/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Register Locator DVSEC (CXL 2.0 8.1.9): where a function's register
 * blocks are, by BAR and offset.
 *
 * Every entry is recorded with a state.  Only entries in state
 * CXL_SPEC_REGBLOCK_OK are returned by cxl_spec_regloc_find(); the others
 * are kept so that a debug view can show them, and were reported once.
 */
#ifndef CXL_ACCEL_SPEC_REGLOC_H
#define CXL_ACCEL_SPEC_REGLOC_H

#include <linux/types.h>

#include "access.h"
#include "dvsec.h"

/* CXL 2.0 8.1.9.1 (r3.1 8.1.9.1): Register Block Identifier */
#define CXL_SPEC_RBI_EMPTY		0x00
#define CXL_SPEC_RBI_COMPONENT		0x01
#define CXL_SPEC_RBI_BAR_VIRT_ACL	0x02
#define CXL_SPEC_RBI_MEMDEV		0x03
/* CXL 3.0 and later: CPMU registers, one block per CPMU instance */
#define CXL_SPEC_RBI_CPMU		0x04
#define CXL_SPEC_RBI_VENDOR		0xff

/* More register blocks than one function can meaningfully have */
#define CXL_SPEC_REGLOC_MAX		16

enum cxl_spec_regblock_state {
	CXL_SPEC_REGBLOCK_OK,
	/* a Register Block Identifier this code does not know */
	CXL_SPEC_REGBLOCK_UNKNOWN,
	/* BIR does not name BAR 0-5, or that BAR is not implemented */
	CXL_SPEC_REGBLOCK_BAD_BIR,
	/* the block does not fit in its BAR */
	CXL_SPEC_REGBLOCK_BEYOND_BAR,
	/* a second component or memory device block */
	CXL_SPEC_REGBLOCK_DUPLICATE,
	/* starts inside another block */
	CXL_SPEC_REGBLOCK_OVERLAP,
};

/**
 * struct cxl_spec_regblock - one Register Locator entry
 * @entry: its index in the DVSEC, from 0
 * @id: Register Block Identifier
 * @bir: Register BIR, the BAR number
 * @offset: Register Block Offset within the BAR
 * @size: bytes to map: 64 KiB for component registers, the rest of the BAR
 *	for other blocks (their extent is described inside them)
 * @state: CXL_SPEC_REGBLOCK_OK or why the entry must not be used
 */
struct cxl_spec_regblock {
	u8 entry;
	u8 id;
	u8 bir;
	u64 offset;
	u64 size;
	enum cxl_spec_regblock_state state;
};

/**
 * struct cxl_spec_regloc - the register blocks of a function
 * @offset: of the Register Locator DVSEC in configuration space
 * @block: non-empty entries in DVSEC order
 * @nr: entries in @block
 */
struct cxl_spec_regloc {
	u16 offset;
	struct cxl_spec_regblock block[CXL_SPEC_REGLOC_MAX];
	unsigned int nr;
};

int cxl_spec_regloc_read(const struct cxl_spec_cfg *cfg,
			 const struct cxl_spec_env *env,
			 const struct cxl_spec_dvsec_list *list,
			 const u64 bar_size[CXL_SPEC_NUM_BARS],
			 struct cxl_spec_regloc *regloc);
const struct cxl_spec_regblock *
cxl_spec_regloc_find(const struct cxl_spec_regloc *regloc, u8 id,
		     unsigned int instance);
const char *cxl_spec_regblock_name(u8 id);

#endif /* CXL_ACCEL_SPEC_REGLOC_H */
