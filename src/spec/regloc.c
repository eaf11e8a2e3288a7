// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Register Locator DVSEC (see regloc.h).
 */
#include <linux/bitfield.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <linux/types.h>

#include "regloc.h"

/* The smallest block: one 64-bit register (a header) must fit. */
#define REGBLOCK_MIN_SIZE	8

const char *cxl_spec_regblock_name(u8 id)
{
	switch (id) {
	case CXL_SPEC_RBI_EMPTY:
		return "empty";
	case CXL_SPEC_RBI_COMPONENT:
		return "component registers";
	case CXL_SPEC_RBI_BAR_VIRT_ACL:
		return "BAR virtualization ACL registers";
	case CXL_SPEC_RBI_MEMDEV:
		return "CXL memory device registers";
	case CXL_SPEC_RBI_CPMU:
		return "CPMU registers";
	case CXL_SPEC_RBI_VENDOR:
		return "vendor-specific registers";
	default:
		return "unknown registers";
	}
}

static bool regblock_known(u8 id)
{
	switch (id) {
	case CXL_SPEC_RBI_COMPONENT:
	case CXL_SPEC_RBI_BAR_VIRT_ACL:
	case CXL_SPEC_RBI_MEMDEV:
	case CXL_SPEC_RBI_CPMU:
	case CXL_SPEC_RBI_VENDOR:
		return true;
	default:
		return false;
	}
}

/* Blocks of which a function has at most one. */
static bool regblock_unique(u8 id)
{
	return id == CXL_SPEC_RBI_COMPONENT || id == CXL_SPEC_RBI_MEMDEV ||
	       id == CXL_SPEC_RBI_BAR_VIRT_ACL;
}

static enum cxl_spec_regblock_state
regblock_check(const struct cxl_spec_env *env,
	       const struct cxl_spec_regloc *regloc,
	       struct cxl_spec_regblock *b, const u64 bar_size[CXL_SPEC_NUM_BARS])
{
	const char *name = cxl_spec_regblock_name(b->id);
	u64 min, end;
	unsigned int i;

	if (b->bir >= CXL_SPEC_NUM_BARS || !bar_size[b->bir]) {
		cxl_spec_report(env, "%s (locator entry %u): no BAR %u",
				name, b->entry, b->bir);
		return CXL_SPEC_REGBLOCK_BAD_BIR;
	}
	min = b->id == CXL_SPEC_RBI_COMPONENT ? CXL_SPEC_COMP_BLOCK_SIZE :
						 REGBLOCK_MIN_SIZE;
	if (check_add_overflow(b->offset, min, &end) || end > bar_size[b->bir]) {
		cxl_spec_report(env, "%s (locator entry %u): offset %#llx beyond BAR %u",
				name, b->entry, b->offset, b->bir);
		return CXL_SPEC_REGBLOCK_BEYOND_BAR;
	}
	b->size = b->id == CXL_SPEC_RBI_COMPONENT ? CXL_SPEC_COMP_BLOCK_SIZE :
						     bar_size[b->bir] - b->offset;

	if (!regblock_known(b->id)) {
		cxl_spec_report(env, "register locator entry %u: unknown block ID %#x",
				b->entry, b->id);
		return CXL_SPEC_REGBLOCK_UNKNOWN;
	}

	for (i = 0; i < regloc->nr; i++) {
		const struct cxl_spec_regblock *o = &regloc->block[i];

		if (o == b || o->state != CXL_SPEC_REGBLOCK_OK)
			continue;
		if (regblock_unique(b->id) && o->id == b->id) {
			cxl_spec_report(env, "%s (locator entry %u): entry %u used",
					name, b->entry, o->entry);
			return CXL_SPEC_REGBLOCK_DUPLICATE;
		}
		/* Blocks are 64 KiB aligned, so they overlap iff they start together. */
		if (o->bir == b->bir && o->offset == b->offset) {
			cxl_spec_report(env, "%s (locator entry %u): overlaps entry %u",
					name, b->entry, o->entry);
			return CXL_SPEC_REGBLOCK_OVERLAP;
		}
	}
	return CXL_SPEC_REGBLOCK_OK;
}

/**
 * cxl_spec_regloc_read - read and check the Register Locator DVSEC
 * @cfg: configuration space of the function
 * @env: for reports
 * @list: from cxl_spec_dvsec_scan()
 * @bar_size: size of each BAR in bytes; 0 for a BAR that is not
 *	implemented, is an I/O BAR, or is the upper half of a 64-bit BAR
 * @regloc: filled in
 *
 * Return: 0, -ENODEV if the function has no valid Register Locator, or
 * the error of a failed configuration read.
 */
int cxl_spec_regloc_read(const struct cxl_spec_cfg *cfg,
			 const struct cxl_spec_env *env,
			 const struct cxl_spec_dvsec_list *list,
			 const u64 bar_size[CXL_SPEC_NUM_BARS],
			 struct cxl_spec_regloc *regloc)
{
	const struct cxl_spec_dvsec *d;
	struct cxl_spec_regblock *b;
	unsigned int i, n, off;
	u32 lo, hi;
	int rc;

	d = cxl_spec_dvsec_find(list, CXL_SPEC_DVSEC_REGLOC);
	if (!d)
		return -ENODEV;

	memset(regloc, 0, sizeof(*regloc));
	regloc->offset = d->offset;
	n = (d->len - CXL_SPEC_REGLOC_BLOCK1) / CXL_SPEC_REGLOC_ENTRY_LEN;
	for (i = 0; i < n; i++) {
		off = d->offset + CXL_SPEC_REGLOC_BLOCK1 + i * CXL_SPEC_REGLOC_ENTRY_LEN;
		rc = cxl_spec_cfg_read32(cfg, off, &lo);
		if (!rc)
			rc = cxl_spec_cfg_read32(cfg, off + 4, &hi);
		if (rc)
			return rc;
		if (FIELD_GET(CXL_SPEC_REGLOC_LOW_BLOCK_ID, lo) == CXL_SPEC_RBI_EMPTY)
			continue;
		if (regloc->nr == CXL_SPEC_REGLOC_MAX) {
			cxl_spec_report(env, "register locator: over %u blocks",
					CXL_SPEC_REGLOC_MAX);
			break;
		}

		b = &regloc->block[regloc->nr++];
		b->entry = i;
		b->id = FIELD_GET(CXL_SPEC_REGLOC_LOW_BLOCK_ID, lo);
		b->bir = FIELD_GET(CXL_SPEC_REGLOC_LOW_BIR, lo);
		b->offset = FIELD_PREP(CXL_SPEC_REGLOC_OFFSET_LOW,
				       FIELD_GET(CXL_SPEC_REGLOC_LOW_OFFSET_LOW, lo)) |
			    FIELD_PREP(CXL_SPEC_REGLOC_OFFSET_HIGH, hi);
		b->state = regblock_check(env, regloc, b, bar_size);
	}
	return 0;
}

/**
 * cxl_spec_regloc_find - a usable register block
 * @regloc: from cxl_spec_regloc_read()
 * @id: Register Block Identifier, CXL_SPEC_RBI_*
 * @instance: 0 for the first block with @id, 1 for the second, ...
 *
 * Return: the block, or NULL if there is no such block in state OK.
 */
const struct cxl_spec_regblock *
cxl_spec_regloc_find(const struct cxl_spec_regloc *regloc, u8 id,
		     unsigned int instance)
{
	unsigned int i;

	for (i = 0; i < regloc->nr; i++) {
		const struct cxl_spec_regblock *b = &regloc->block[i];

		if (b->state != CXL_SPEC_REGBLOCK_OK || b->id != id)
			continue;
		if (!instance--)
			return b;
	}
	return NULL;
}
