/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Coherent Device Attribute Table (CDAT specification r1.03), as a
 * CXL device or switch serves it through its DOE mailbox (Table Access,
 * CXL r3.0 8.1.11): memory ranges (DSMAS), their latency and bandwidth
 * (DSLBIS), the EFI memory type the device asks firmware to give each
 * range (DSEMTS), and a switch's port-to-port latency and bandwidth
 * (SSLBIS).
 *
 * cxl_spec_cdat_parse() checks the table once and reports each problem
 * in one line; the accessors then walk it again, quietly, and hand out
 * only structures that passed.  A table with a wrong checksum or a
 * Length that does not fit is refused whole, as the kernel's CXL core
 * refuses it: nothing in it can be trusted to say what the memory is.
 * Inside a table whose header is sound, a malformed structure is
 * skipped, a structure of an unknown type is skipped, and a Length that
 * cannot be followed ends the walk.  The table bytes are the caller's
 * and must outlive the struct cxl_spec_cdat.
 *
 * Multi-byte fields are little endian and may be unaligned; they are
 * assembled byte by byte.
 */
#ifndef CXL_ACCEL_SPEC_CDAT_H
#define CXL_ACCEL_SPEC_CDAT_H

#include <linux/bits.h>
#include <linux/types.h>

#include "access.h"

/* CDAT header: Length, Revision, Checksum, Reserved, Sequence */
#define CXL_SPEC_CDAT_HDR_LEN		16

/* CDAT structure types */
#define CXL_SPEC_CDAT_DSMAS		0
#define CXL_SPEC_CDAT_DSLBIS		1
#define CXL_SPEC_CDAT_DSMSCIS		2
#define CXL_SPEC_CDAT_DSIS		3
#define CXL_SPEC_CDAT_DSEMTS		4
#define CXL_SPEC_CDAT_SSLBIS		5

/* DSMAS Flags */
#define CXL_SPEC_DSMAS_NONVOLATILE	BIT(2)
#define CXL_SPEC_DSMAS_SHAREABLE	BIT(3)
#define CXL_SPEC_DSMAS_READONLY		BIT(6)

/* DSLBIS and SSLBIS Data Type (the HMAT's) */
#define CXL_SPEC_HMAT_ACCESS_LATENCY	0
#define CXL_SPEC_HMAT_READ_LATENCY	1
#define CXL_SPEC_HMAT_WRITE_LATENCY	2
#define CXL_SPEC_HMAT_ACCESS_BANDWIDTH	3
#define CXL_SPEC_HMAT_READ_BANDWIDTH	4
#define CXL_SPEC_HMAT_WRITE_BANDWIDTH	5

/* DSEMTS EFI Memory Type and Attribute */
#define CXL_SPEC_DSEMTS_CONVENTIONAL	0	/* EfiConventionalMemory */
#define CXL_SPEC_DSEMTS_SOFT_RESERVED	1	/* ... with EFI_MEMORY_SP */
#define CXL_SPEC_DSEMTS_RESERVED	2	/* EfiReservedMemoryType */

#define CXL_SPEC_SSLBIS_MAX_ENTRIES	64
/* structures checked in one table; a device has a handful */
#define CXL_SPEC_CDAT_MAX_STRUCTS	256

/**
 * struct cxl_spec_cdat - a checked CDAT
 * @table: the table bytes (the caller's)
 * @len: Length from the header
 * @revision: Revision from the header
 * @sequence: Sequence from the header (changes when the table does)
 * @nr_dsmas: well-formed DSMAS structures
 * @nr_dslbis: well-formed DSLBIS structures
 * @nr_dsemts: well-formed DSEMTS structures
 * @nr_sslbis: well-formed SSLBIS structures
 * @nr_other: well-formed structures this parser does not hand out
 *	(DSMSCIS, DSIS)
 * @nr_unknown: structures of an unknown type, skipped
 * @nr_bad: structures skipped as malformed
 * @truncated: a structure's Length made the rest unreachable
 */
struct cxl_spec_cdat {
	const u8 *table;
	u32 len;
	u8 revision;
	u32 sequence;
	unsigned int nr_dsmas;
	unsigned int nr_dslbis;
	unsigned int nr_dsemts;
	unsigned int nr_sslbis;
	unsigned int nr_other;
	unsigned int nr_unknown;
	unsigned int nr_bad;
	bool truncated;
};

/**
 * struct cxl_spec_dsmas - Device Scoped Memory Affinity Structure
 * @offset: of the structure in the table
 * @handle: DSMAD Handle, which DSLBIS and DSEMTS refer to
 * @flags: CXL_SPEC_DSMAS_*
 * @dpa_base: DPA Base
 * @dpa_length: DPA Length, not 0
 */
struct cxl_spec_dsmas {
	u32 offset;
	u8 handle;
	u8 flags;
	u64 dpa_base;
	u64 dpa_length;
};

/**
 * struct cxl_spec_dslbis - Device Scoped Latency and Bandwidth Information
 *	Structure
 * @offset: of the structure in the table
 * @handle: the DSMAS it describes
 * @flags: the HMAT's Flags (memory hierarchy)
 * @data_type: CXL_SPEC_HMAT_*
 * @base_unit: Entry Base Unit
 * @entry: the three entries; each times @base_unit is the value
 *	(picoseconds, or MB/s)
 */
struct cxl_spec_dslbis {
	u32 offset;
	u8 handle;
	u8 flags;
	u8 data_type;
	u64 base_unit;
	u16 entry[3];
};

/**
 * struct cxl_spec_dsemts - Device Scoped EFI Memory Type Structure
 * @offset: of the structure in the table
 * @handle: the DSMAS whose range it is part of
 * @type: CXL_SPEC_DSEMTS_*
 * @dpa_offset: DPA Offset, from the DSMAS's DPA Base
 * @dpa_length: DPA Length, not 0, inside the DSMAS's range
 */
struct cxl_spec_dsemts {
	u32 offset;
	u8 handle;
	u8 type;
	u64 dpa_offset;
	u64 dpa_length;
};

/**
 * struct cxl_spec_sslbis - Switch Scoped Latency and Bandwidth Information
 *	Structure
 * @offset: of the structure in the table
 * @data_type: CXL_SPEC_HMAT_*
 * @base_unit: Entry Base Unit
 * @nr: entries that follow, at most CXL_SPEC_SSLBIS_MAX_ENTRIES
 * @entry: Port X ID, Port Y ID and the value (times @base_unit)
 */
struct cxl_spec_sslbis {
	u32 offset;
	u8 data_type;
	u64 base_unit;
	unsigned int nr;
	struct {
		u16 port_x;
		u16 port_y;
		u16 value;
	} entry[CXL_SPEC_SSLBIS_MAX_ENTRIES];
};

int cxl_spec_cdat_parse(struct cxl_spec_cdat *cdat, const void *table,
			size_t len, const struct cxl_spec_env *env);
int cxl_spec_cdat_dsmas(const struct cxl_spec_cdat *cdat, unsigned int i,
			struct cxl_spec_dsmas *dsmas);
int cxl_spec_cdat_dslbis(const struct cxl_spec_cdat *cdat, unsigned int i,
			 struct cxl_spec_dslbis *dslbis);
int cxl_spec_cdat_dsemts(const struct cxl_spec_cdat *cdat, unsigned int i,
			 struct cxl_spec_dsemts *dsemts);
int cxl_spec_cdat_sslbis(const struct cxl_spec_cdat *cdat, unsigned int i,
			 struct cxl_spec_sslbis *sslbis);
int cxl_spec_cdat_find_dsmas(const struct cxl_spec_cdat *cdat, u8 handle,
			     struct cxl_spec_dsmas *dsmas);
int cxl_spec_cdat_memtype(const struct cxl_spec_cdat *cdat, u64 dpa,
			  u64 len, u8 *type);
const char *cxl_spec_dsemts_name(u8 type);

#endif /* CXL_ACCEL_SPEC_CDAT_H */
