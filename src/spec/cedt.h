/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ACPI CXL Early Discovery Table (CXL 2.0 9.14.1, r3.0 9.17.1): host
 * bridges (CHBS), fixed memory windows (CFMWS) and XOR interleave maps
 * (CXIMS).
 *
 * cxl_spec_cedt_parse() checks the table once, reporting each malformed
 * subtable in one line.  The accessors then walk the table again, quietly,
 * and hand out only subtables that passed: a malformed subtable, a second
 * host bridge with the same UID or CXIMS with the same HBIG, a window
 * overlapping any earlier well-formed window (even one skipped itself: the
 * firmware contradicts itself about that range), and an XOR window without
 * the CXIMS it needs are never returned.  The table bytes are the caller's
 * and must outlive the struct cxl_spec_cedt.
 *
 * Multi-byte fields are little endian and may be unaligned; they are
 * assembled byte by byte.  A wrong checksum is reported and the table
 * used anyway, as ACPICA does.
 */
#ifndef CXL_ACCEL_SPEC_CEDT_H
#define CXL_ACCEL_SPEC_CEDT_H

#include <linux/bits.h>
#include <linux/types.h>

#include "access.h"

/* ACPI table header: Signature, Length, Revision, Checksum, OEM ids ... */
#define CXL_SPEC_CEDT_HDR_LEN		36

/* CXL 2.0 9.14.1 (r3.0 9.17.1): CEDT structure types */
#define CXL_SPEC_CEDT_CHBS		0
#define CXL_SPEC_CEDT_CFMWS		1
#define CXL_SPEC_CEDT_CXIMS		2
#define CXL_SPEC_CEDT_RDPAS		3

/* CHBS CXL Version: what Base points at */
#define CXL_SPEC_CHBS_CXL11		0	/* an RCH's RCRB, 8 KiB */
#define CXL_SPEC_CHBS_CXL20		1	/* a host bridge's CHBCR, 64 KiB */

/* CFMWS Interleave Arithmetic */
#define CXL_SPEC_CFMWS_MODULO		0
#define CXL_SPEC_CFMWS_XOR		1	/* CXL 3.0: needs a CXIMS */

/* CFMWS Window Restrictions */
#define CXL_SPEC_CFMWS_DEVMEM		BIT(0)	/* device coherent (Type 2) */
#define CXL_SPEC_CFMWS_HOSTONLY		BIT(1)	/* host-only coherent (Type 3) */
#define CXL_SPEC_CFMWS_VOLATILE		BIT(2)
#define CXL_SPEC_CFMWS_PMEM		BIT(3)
#define CXL_SPEC_CFMWS_FIXED_CONFIG	BIT(4)
#define CXL_SPEC_CFMWS_BI		BIT(5)	/* CXL 3.1: back-invalidate */

#define CXL_SPEC_CFMWS_MAX_TARGETS	16
#define CXL_SPEC_CXIMS_MAX_MAPS		4

/**
 * struct cxl_spec_cedt - a checked CEDT
 * @table: the table bytes (the caller's)
 * @len: table Length from its header
 * @revision: table Revision
 * @nr_chbs: well-formed host bridge structures
 * @nr_cfmws: well-formed fixed memory windows
 * @nr_cxims: well-formed XOR interleave math structures
 * @nr_bad: subtables skipped as malformed
 * @truncated: a subtable length made the rest of the table unreachable
 */
struct cxl_spec_cedt {
	const u8 *table;
	u32 len;
	u8 revision;
	unsigned int nr_chbs;
	unsigned int nr_cfmws;
	unsigned int nr_cxims;
	unsigned int nr_bad;
	bool truncated;
};

/**
 * struct cxl_spec_chbs - CXL Host Bridge Structure (CXL 2.0 9.14.1.2)
 * @offset: of the subtable in the table
 * @uid: UID of the host bridge's ACPI device (_UID)
 * @cxl_version: CXL_SPEC_CHBS_CXL11 or CXL_SPEC_CHBS_CXL20
 * @base: of the RCRB or the component registers (CHBCR)
 * @length: bytes at @base
 */
struct cxl_spec_chbs {
	u32 offset;
	u32 uid;
	u32 cxl_version;
	u64 base;
	u64 length;
};

/**
 * struct cxl_spec_cfmws - CXL Fixed Memory Window Structure
 *	(CXL 2.0 9.14.1.3)
 * @offset: of the subtable in the table
 * @base: Base HPA, 256 MiB aligned
 * @size: Window Size, a multiple of @ways x 256 MiB
 * @eniw: Encoded Number of Interleave Ways
 * @ways: host bridges the window interleaves across
 * @arithmetic: Interleave Arithmetic, CXL_SPEC_CFMWS_MODULO or _XOR
 * @hbig: Host Bridge Interleave Granularity, encoded
 * @granularity: bytes
 * @restrictions: Window Restrictions, CXL_SPEC_CFMWS_*
 * @qtg_id: QTG ID
 * @targets: Interleave Target List: host bridge UIDs, one per way
 */
struct cxl_spec_cfmws {
	u32 offset;
	u64 base;
	u64 size;
	u8 eniw;
	unsigned int ways;
	u8 arithmetic;
	u32 hbig;
	unsigned int granularity;
	u16 restrictions;
	u16 qtg_id;
	u32 targets[CXL_SPEC_CFMWS_MAX_TARGETS];
};

/**
 * struct cxl_spec_cxims - CXL XOR Interleave Math Structure
 *	(r3.0 9.17.1.4)
 * @offset: of the subtable in the table
 * @hbig: the HBIG of the windows it serves
 * @granularity: bytes
 * @nr_xormaps: Number of Bitmap Entries
 * @xormap: XORMAP List
 */
struct cxl_spec_cxims {
	u32 offset;
	u8 hbig;
	unsigned int granularity;
	u8 nr_xormaps;
	u64 xormap[CXL_SPEC_CXIMS_MAX_MAPS];
};

int cxl_spec_cedt_parse(struct cxl_spec_cedt *cedt, const void *table,
			size_t len, const struct cxl_spec_env *env);
int cxl_spec_cedt_chbs(const struct cxl_spec_cedt *cedt, unsigned int i,
		       struct cxl_spec_chbs *chbs);
int cxl_spec_cedt_cfmws(const struct cxl_spec_cedt *cedt, unsigned int i,
			struct cxl_spec_cfmws *cfmws);
int cxl_spec_cedt_cxims(const struct cxl_spec_cedt *cedt, unsigned int i,
			struct cxl_spec_cxims *cxims);
int cxl_spec_cedt_find_chbs(const struct cxl_spec_cedt *cedt, u32 uid,
			    struct cxl_spec_chbs *chbs);
int cxl_spec_cedt_find_cxims(const struct cxl_spec_cedt *cedt, u8 hbig,
			     struct cxl_spec_cxims *cxims);

bool cxl_spec_cfmws_allows(const struct cxl_spec_cfmws *w, u16 restrictions);
bool cxl_spec_cfmws_allows_devmem_volatile(const struct cxl_spec_cfmws *w);
int cxl_spec_cfmws_target_pos(const struct cxl_spec_cfmws *w, u32 uid);

#endif /* CXL_ACCEL_SPEC_CEDT_H */
