// SPDX-License-Identifier: GPL-2.0-only
/*
 * CDAT parsing: synthetic tables laid out as a CXL memory device serves
 * them (a DSMAS per range with its DSLBIS and DSEMTS), a switch's SSLBIS,
 * and every kind of malformed table and structure.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sizes.h>
#include <linux/types.h>
#include <string.h>

#include "harness.h"
#include "sim_env.h"
#include "tables.h"
#include "spec/cdat.h"

static struct sim_env env;
static struct cxl_spec_cdat cdat;

static void tb_init(struct tb *t)
{
	memset(t, 0, sizeof(*t));
	t->b[4] = 1;			/* Revision */
	put(t, 12, 7, 4);		/* Sequence */
	t->len = CXL_SPEC_CDAT_HDR_LEN;
}

static u32 tb_dsmas(struct tb *t, u8 handle, u8 flags, u64 base, u64 len)
{
	u32 off = tb_sub(t, CXL_SPEC_CDAT_DSMAS, 24);

	t->b[off + 4] = handle;
	t->b[off + 5] = flags;
	put(t, off + 8, base, 8);
	put(t, off + 16, len, 8);
	return off;
}

static u32 tb_dslbis(struct tb *t, u8 handle, u8 type, u64 unit, u16 e0)
{
	u32 off = tb_sub(t, CXL_SPEC_CDAT_DSLBIS, 24);

	t->b[off + 4] = handle;
	t->b[off + 6] = type;
	put(t, off + 8, unit, 8);
	put(t, off + 16, e0, 2);
	return off;
}

static u32 tb_dsemts(struct tb *t, u8 handle, u8 type, u64 off_, u64 len)
{
	u32 off = tb_sub(t, CXL_SPEC_CDAT_DSEMTS, 24);

	t->b[off + 4] = handle;
	t->b[off + 5] = type;
	put(t, off + 8, off_, 8);
	put(t, off + 16, len, 8);
	return off;
}

/* Sets Length and a correct checksum, then parses. */
static int tb_parse(struct tb *t)
{
	tb_seal(t, 0, 5);
	sim_env_init(&env);
	return cxl_spec_cdat_parse(&cdat, t->b, t->len, &env.env);
}

/* A device with one 256 MiB volatile range, as QEMU describes one. */
static void tb_device(struct tb *t, u8 memtype)
{
	tb_init(t);
	tb_dsmas(t, 0, 0, 0, SZ_256M);
	tb_dslbis(t, 0, CXL_SPEC_HMAT_READ_LATENCY, 1000, 150);
	tb_dslbis(t, 0, CXL_SPEC_HMAT_WRITE_LATENCY, 1000, 250);
	tb_dslbis(t, 0, CXL_SPEC_HMAT_READ_BANDWIDTH, 1000, 16);
	tb_dslbis(t, 0, CXL_SPEC_HMAT_WRITE_BANDWIDTH, 1000, 16);
	tb_dsemts(t, 0, memtype, 0, SZ_256M);
}

UT_TEST(cdat_device_table)
{
	struct cxl_spec_dsmas d;
	struct cxl_spec_dslbis l;
	struct cxl_spec_dsemts e;
	struct tb t;
	u8 type = 0xff;

	tb_device(&t, CXL_SPEC_DSEMTS_RESERVED);
	tb_sub(&t, CXL_SPEC_CDAT_DSIS, 8);
	tb_sub(&t, CXL_SPEC_CDAT_DSMSCIS, 20);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(env.nr_reports, 0);
	UT_EQ(cdat.len, t.len);
	UT_EQ(cdat.revision, 1);
	UT_EQ(cdat.sequence, 7);
	UT_EQ(cdat.nr_dsmas, 1);
	UT_EQ(cdat.nr_dslbis, 4);
	UT_EQ(cdat.nr_dsemts, 1);
	UT_EQ(cdat.nr_sslbis, 0);
	UT_EQ(cdat.nr_other, 2);
	UT_EQ(cdat.nr_bad + cdat.nr_unknown, 0);
	UT_ASSERT(!cdat.truncated);

	UT_EQ(cxl_spec_cdat_dsmas(&cdat, 0, &d), 0);
	UT_EQ(d.offset, 16);
	UT_EQ(d.handle, 0);
	UT_EQ(d.dpa_base, 0);
	UT_EQ(d.dpa_length, SZ_256M);
	UT_EQ(cxl_spec_cdat_dsmas(&cdat, 1, &d), -ENOENT);
	UT_EQ(cxl_spec_cdat_dslbis(&cdat, 1, &l), 0);
	UT_EQ(l.data_type, CXL_SPEC_HMAT_WRITE_LATENCY);
	UT_EQ(l.base_unit, 1000);
	UT_EQ(l.entry[0], 250);
	UT_EQ(cxl_spec_cdat_dslbis(&cdat, 4, &l), -ENOENT);
	UT_EQ(cxl_spec_cdat_dsemts(&cdat, 0, &e), 0);
	UT_EQ(e.type, CXL_SPEC_DSEMTS_RESERVED);
	UT_EQ(e.dpa_length, SZ_256M);

	UT_EQ(cxl_spec_cdat_memtype(&cdat, 0, SZ_256M, &type), 0);
	UT_EQ(type, CXL_SPEC_DSEMTS_RESERVED);
	UT_EQ(cxl_spec_cdat_memtype(&cdat, SZ_64M, SZ_64M, &type), 0);
	/* past the range the table describes */
	UT_EQ(cxl_spec_cdat_memtype(&cdat, SZ_128M, SZ_256M, &type), -ERANGE);
	UT_EQ(cxl_spec_cdat_memtype(&cdat, SZ_256M, SZ_256M, &type), -ENOENT);
	UT_EQ(cxl_spec_cdat_memtype(&cdat, 0, 0, &type), -EINVAL);
	UT_STR(cxl_spec_dsemts_name(CXL_SPEC_DSEMTS_SOFT_RESERVED),
	       "EfiConventionalMemory with EFI_MEMORY_SP");
}

UT_TEST(cdat_memtype_across_ranges)
{
	struct tb t;
	u8 type;

	/* two DSMAS, DSEMTS pieces given relative to their own DSMAS */
	tb_init(&t);
	tb_dsmas(&t, 1, 0, 0, SZ_256M);
	tb_dsmas(&t, 2, 0, SZ_256M, SZ_256M);
	tb_dsemts(&t, 1, CXL_SPEC_DSEMTS_RESERVED, 0, SZ_128M);
	tb_dsemts(&t, 1, CXL_SPEC_DSEMTS_RESERVED, SZ_128M, SZ_128M);
	tb_dsemts(&t, 2, CXL_SPEC_DSEMTS_CONVENTIONAL, 0, SZ_256M);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(env.nr_reports, 0);
	UT_EQ(cdat.nr_dsemts, 3);
	UT_EQ(cxl_spec_cdat_memtype(&cdat, 0, SZ_256M, &type), 0);
	UT_EQ(type, CXL_SPEC_DSEMTS_RESERVED);
	UT_EQ(cxl_spec_cdat_memtype(&cdat, SZ_256M, SZ_256M, &type), 0);
	UT_EQ(type, CXL_SPEC_DSEMTS_CONVENTIONAL);
	UT_EQ(cxl_spec_cdat_memtype(&cdat, SZ_128M, SZ_256M, &type), -EINVAL);
}

UT_TEST(cdat_switch_sslbis)
{
	struct cxl_spec_sslbis s;
	struct tb t;
	u32 off;

	tb_init(&t);
	off = tb_sub(&t, CXL_SPEC_CDAT_SSLBIS, 16 + 2 * 8);
	t.b[off + 4] = CXL_SPEC_HMAT_ACCESS_LATENCY;
	put(&t, off + 8, 100, 8);
	put(&t, off + 16, 0x100, 2);	/* the upstream port */
	put(&t, off + 18, 1, 2);
	put(&t, off + 20, 5, 2);
	put(&t, off + 24, 0x100, 2);
	put(&t, off + 26, 2, 2);
	put(&t, off + 28, 7, 2);
	off = tb_sub(&t, CXL_SPEC_CDAT_SSLBIS, 16 + 4);	/* half an entry */
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cdat.nr_sslbis, 1);
	UT_EQ(cdat.nr_bad, 1);
	UT_ASSERT(sim_env_reported(&env, "Length 20, not that of its type"));
	UT_EQ(cxl_spec_cdat_sslbis(&cdat, 0, &s), 0);
	UT_EQ(s.base_unit, 100);
	UT_EQ(s.nr, 2);
	UT_EQ(s.entry[1].port_x, 0x100);
	UT_EQ(s.entry[1].port_y, 2);
	UT_EQ(s.entry[1].value, 7);
	UT_EQ(cxl_spec_cdat_sslbis(&cdat, 1, &s), -ENOENT);
}

UT_TEST(cdat_unusable_headers)
{
	struct cxl_spec_dsmas d;
	struct tb t;

	tb_device(&t, CXL_SPEC_DSEMTS_RESERVED);
	UT_EQ(tb_parse(&t), 0);
	/* a wrong checksum refuses the whole table, as the CXL core does */
	t.b[5] ^= 1;
	UT_EQ(cxl_spec_cdat_parse(&cdat, t.b, t.len, &env.env), -EINVAL);
	UT_ASSERT(sim_env_reported(&env, "bad checksum"));
	UT_EQ(cxl_spec_cdat_dsmas(&cdat, 0, &d), -ENOENT);
	t.b[5] ^= 1;
	/* Length says more than there is, less than a header, or no header */
	UT_EQ(cxl_spec_cdat_parse(&cdat, t.b, t.len - 1, &env.env), -EINVAL);
	UT_ASSERT(sim_env_reported(&env, "table has"));
	put(&t, 0, 12, 4);
	UT_EQ(cxl_spec_cdat_parse(&cdat, t.b, t.len, &env.env), -EINVAL);
	UT_EQ(cxl_spec_cdat_parse(&cdat, t.b, 10, &env.env), -EINVAL);
	UT_ASSERT(sim_env_reported(&env, "shorter than its header"));
	UT_EQ(cxl_spec_cdat_memtype(&cdat, 0, SZ_256M, &(u8){ 0 }), -ENOENT);
}

UT_TEST(cdat_bad_lengths_end_or_skip)
{
	struct tb t;
	u32 off;

	/* a structure shorter than its type: skipped, the walk goes on */
	tb_init(&t);
	off = tb_dsmas(&t, 0, 0, 0, SZ_256M);
	put(&t, off + 2, 20, 2);
	t.len = off + 20;
	tb_dsmas(&t, 1, 0, SZ_256M, SZ_256M);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cdat.nr_bad, 1);
	UT_EQ(cdat.nr_dsmas, 1);
	UT_ASSERT(!cdat.truncated);

	/* Length 0, Length past the end, stray bytes: the walk ends */
	tb_init(&t);
	tb_dsmas(&t, 0, 0, 0, SZ_256M);
	off = tb_sub(&t, CXL_SPEC_CDAT_DSMAS, 24);
	put(&t, off + 2, 0, 2);
	tb_dsmas(&t, 1, 0, SZ_256M, SZ_256M);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cdat.nr_dsmas, 1);
	UT_ASSERT(cdat.truncated);
	UT_ASSERT(sim_env_reported(&env, "bad Length 0"));

	tb_init(&t);
	off = tb_dsmas(&t, 0, 0, 0, SZ_256M);
	put(&t, off + 2, 0x40, 2);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cdat.nr_dsmas, 0);
	UT_ASSERT(cdat.truncated);

	tb_init(&t);
	tb_dsmas(&t, 0, 0, 0, SZ_256M);
	t.len += 3;
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cdat.nr_dsmas, 1);
	UT_ASSERT(sim_env_reported(&env, "3 stray bytes"));
}

UT_TEST(cdat_unknown_types_are_skipped)
{
	struct tb t;

	tb_device(&t, CXL_SPEC_DSEMTS_RESERVED);
	tb_sub(&t, 9, 12);
	tb_dsmas(&t, 1, 0, SZ_256M, SZ_256M);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cdat.nr_unknown, 1);
	UT_EQ(cdat.nr_dsmas, 2);
	UT_ASSERT(sim_env_reported(&env, "unknown type 9"));
}

UT_TEST(cdat_malformed_dsmas_dslbis)
{
	struct cxl_spec_dsmas d;
	struct tb t;

	tb_init(&t);
	tb_dsmas(&t, 0, 0, 0, 0);			/* empty */
	tb_dsmas(&t, 1, 0, ~0ull - SZ_1M, SZ_256M);	/* wraps */
	tb_dsmas(&t, 2, 0, 0, SZ_256M);
	tb_dsmas(&t, 2, 0, SZ_256M, SZ_256M);		/* handle again */
	tb_dslbis(&t, 2, 9, 1, 1);			/* unknown data type */
	tb_dslbis(&t, 3, 0, 1, 1);			/* no such DSMAS */
	tb_dslbis(&t, 2, 0, 1, 1);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cdat.nr_dsmas, 1);
	UT_EQ(cdat.nr_dslbis, 1);
	UT_EQ(cdat.nr_bad, 5);
	UT_ASSERT(sim_env_reported(&env, "is empty or wraps"));
	UT_ASSERT(sim_env_reported(&env, "handle 2 already at 0x40"));
	UT_ASSERT(sim_env_reported(&env, "unknown Data Type 9"));
	UT_ASSERT(sim_env_reported(&env, "DSLBIS at 0x88: no DSMAS with handle 3"));
	UT_EQ(cxl_spec_cdat_find_dsmas(&cdat, 2, &d), 0);
	UT_EQ(d.dpa_base, 0);
	UT_EQ(cxl_spec_cdat_find_dsmas(&cdat, 0, &d), -ENOENT);
}

UT_TEST(cdat_malformed_dsemts)
{
	struct tb t;
	u8 type;

	tb_init(&t);
	tb_dsmas(&t, 0, 0, 0, SZ_256M);
	tb_dsemts(&t, 0, 3, 0, SZ_256M);		/* reserved type */
	tb_dsemts(&t, 5, 2, 0, SZ_256M);		/* no DSMAS */
	tb_dsemts(&t, 0, 2, SZ_128M, SZ_256M);		/* past the DSMAS */
	tb_dsemts(&t, 0, 2, 0, 0);			/* empty */
	tb_dsemts(&t, 0, 2, 0, SZ_128M);
	tb_dsemts(&t, 0, 0, SZ_64M, SZ_128M);		/* overlaps the last */
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cdat.nr_dsemts, 0);
	UT_EQ(cdat.nr_bad, 6);
	UT_ASSERT(sim_env_reported(&env, "reserved EFI Memory Type and Attribute 3"));
	UT_ASSERT(sim_env_reported(&env, "no DSMAS with handle 5"));
	UT_ASSERT(sim_env_reported(&env, "is not inside DSMAS 0"));
	UT_ASSERT(sim_env_reported(&env, "overlaps the one at"));
	/* the table says nothing believable about the memory's type */
	UT_EQ(cxl_spec_cdat_memtype(&cdat, 0, SZ_128M, &type), -ENOENT);
}

UT_TEST(cdat_structure_count_is_bounded)
{
	static struct tb t;
	unsigned int i;

	tb_init(&t);
	for (i = 0; i < CXL_SPEC_CDAT_MAX_STRUCTS + 4; i++)
		tb_sub(&t, CXL_SPEC_CDAT_DSIS, 8);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cdat.nr_other, CXL_SPEC_CDAT_MAX_STRUCTS);
	UT_ASSERT(cdat.truncated);
	UT_ASSERT(sim_env_reported(&env, "more than 256 structures"));
}
