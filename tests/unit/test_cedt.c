// SPDX-License-Identifier: GPL-2.0-only
/*
 * CEDT parsing: the tables QEMU 10.0 builds (captured from guests; iasl's
 * decoding is in the .dsl files next to the .bin ones in the reference
 * spike) and synthetic tables with every kind of malformed subtable.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sizes.h>
#include <linux/types.h>
#include <string.h>

#include "harness.h"
#include "sim_env.h"
#include "tables.h"
#include "spec/cedt.h"

/* QEMU: one host bridge (UID 0xc), one 4 GiB window at 0x110000000 */
static const u8 qemu_1hb[] = {
	0x43, 0x45, 0x44, 0x54, 0x6c, 0x00, 0x00, 0x00, 0x01, 0x83, 0x42, 0x4f,
	0x43, 0x48, 0x53, 0x20, 0x42, 0x58, 0x50, 0x43, 0x20, 0x20, 0x20, 0x20,
	0x01, 0x00, 0x00, 0x00, 0x42, 0x58, 0x50, 0x43, 0x01, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x20, 0x00, 0x0c, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x28, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x01, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x0f, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x00, 0x00,
};

/* QEMU: host bridges 0xde and 0xc, one window interleaved 2 ways at 4 KiB */
static const u8 qemu_2hb[] = {
	0x43, 0x45, 0x44, 0x54, 0x90, 0x00, 0x00, 0x00, 0x01, 0x76, 0x42, 0x4f,
	0x43, 0x48, 0x53, 0x20, 0x42, 0x58, 0x50, 0x43, 0x20, 0x20, 0x20, 0x20,
	0x01, 0x00, 0x00, 0x00, 0x42, 0x58, 0x50, 0x43, 0x01, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x20, 0x00, 0xde, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x20, 0x00,
	0x0c, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00,
	0x0f, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x00, 0x00, 0xde, 0x00, 0x00, 0x00,
};

static struct sim_env env;
static struct cxl_spec_cedt cedt;

static void tb_init(struct tb *t)
{
	memset(t, 0, sizeof(*t));
	memcpy(t->b, "CEDT", 4);
	t->b[8] = 1;
	t->len = CXL_SPEC_CEDT_HDR_LEN;
}

static u32 tb_chbs(struct tb *t, u32 uid, u32 version, u64 base, u64 len)
{
	u32 off = tb_sub(t, CXL_SPEC_CEDT_CHBS, 0x20);

	put(t, off + 4, uid, 4);
	put(t, off + 8, version, 4);
	put(t, off + 16, base, 8);
	put(t, off + 24, len, 8);
	return off;
}

static u32 tb_cfmws(struct tb *t, u64 base, u64 size, u8 eniw, u8 arith,
		    u32 hbig, u16 restrictions, const u32 *targets,
		    unsigned int n)
{
	u32 off = tb_sub(t, CXL_SPEC_CEDT_CFMWS, 36 + 4 * n);
	unsigned int i;

	put(t, off + 8, base, 8);
	put(t, off + 16, size, 8);
	t->b[off + 24] = eniw;
	t->b[off + 25] = arith;
	put(t, off + 28, hbig, 4);
	put(t, off + 32, restrictions, 2);
	put(t, off + 34, 7, 2);
	for (i = 0; i < n; i++)
		put(t, off + 36 + 4 * i, targets[i], 4);
	return off;
}

/* A one-way window for host bridge 1, all uses allowed */
static u32 tb_window(struct tb *t, u64 base, u64 size)
{
	static const u32 hb1 = 1;

	return tb_cfmws(t, base, size, 0, 0, 0, 0xf, &hb1, 1);
}

static u32 tb_cxims(struct tb *t, u8 hbig, u8 nib, const u64 *maps)
{
	u32 off = tb_sub(t, CXL_SPEC_CEDT_CXIMS, 8 + 8 * nib);
	unsigned int i;

	t->b[off + 6] = hbig;
	t->b[off + 7] = nib;
	for (i = 0; i < nib; i++)
		put(t, off + 8 + 8 * i, maps[i], 8);
	return off;
}

/* Sets Length and a correct checksum, then parses. */
static int tb_parse(struct tb *t)
{
	tb_seal(t, 4, 9);
	sim_env_init(&env);
	return cxl_spec_cedt_parse(&cedt, t->b, t->len, &env.env);
}

UT_TEST(cedt_qemu_single_host_bridge)
{
	struct cxl_spec_chbs hb;
	struct cxl_spec_cfmws w;

	sim_env_init(&env);
	UT_EQ(cxl_spec_cedt_parse(&cedt, qemu_1hb, sizeof(qemu_1hb), &env.env), 0);
	UT_EQ(env.nr_reports, 0);
	UT_EQ(cedt.len, 0x6c);
	UT_EQ(cedt.revision, 1);
	UT_EQ(cedt.nr_chbs, 1);
	UT_EQ(cedt.nr_cfmws, 1);
	UT_EQ(cedt.nr_cxims, 0);
	UT_EQ(cedt.nr_bad, 0);
	UT_ASSERT(!cedt.truncated);

	UT_EQ(cxl_spec_cedt_chbs(&cedt, 0, &hb), 0);
	UT_EQ(hb.offset, 0x24);
	UT_EQ(hb.uid, 0xc);
	UT_EQ(hb.cxl_version, CXL_SPEC_CHBS_CXL20);
	UT_EQ(hb.base, 0x100000000ull);
	UT_EQ(hb.length, 0x10000);
	UT_EQ(cxl_spec_cedt_chbs(&cedt, 1, &hb), -ENOENT);

	UT_EQ(cxl_spec_cedt_cfmws(&cedt, 0, &w), 0);
	UT_EQ(w.offset, 0x44);
	UT_EQ(w.base, 0x110000000ull);
	UT_EQ(w.size, SZ_4G);
	UT_EQ(w.eniw, 0);
	UT_EQ(w.ways, 1);
	UT_EQ(w.arithmetic, CXL_SPEC_CFMWS_MODULO);
	UT_EQ(w.hbig, 0);
	UT_EQ(w.granularity, 256);
	UT_EQ(w.restrictions, 0xf);
	UT_EQ(w.qtg_id, 0);
	UT_EQ(w.targets[0], 0xc);
	UT_ASSERT(cxl_spec_cfmws_allows_devmem_volatile(&w));
	UT_EQ(cxl_spec_cfmws_target_pos(&w, 0xc), 0);
	UT_EQ(cxl_spec_cfmws_target_pos(&w, 0xde), -ENOENT);
	UT_EQ(cxl_spec_cedt_cfmws(&cedt, 1, &w), -ENOENT);

	UT_EQ(cxl_spec_cedt_find_chbs(&cedt, 0xc, &hb), 0);
	UT_EQ(hb.base, 0x100000000ull);
	UT_EQ(cxl_spec_cedt_find_chbs(&cedt, 5, &hb), -ENOENT);
}

UT_TEST(cedt_qemu_two_host_bridges_interleaved)
{
	struct cxl_spec_chbs hb;
	struct cxl_spec_cfmws w;

	sim_env_init(&env);
	UT_EQ(cxl_spec_cedt_parse(&cedt, qemu_2hb, sizeof(qemu_2hb), &env.env), 0);
	UT_EQ(env.nr_reports, 0);
	UT_EQ(cedt.nr_chbs, 2);
	UT_EQ(cedt.nr_cfmws, 1);
	UT_EQ(cxl_spec_cedt_find_chbs(&cedt, 0xde, &hb), 0);
	UT_EQ(hb.base, 0x100000000ull);
	UT_EQ(cxl_spec_cedt_find_chbs(&cedt, 0xc, &hb), 0);
	UT_EQ(hb.base, 0x100010000ull);
	UT_EQ(hb.offset, 0x44);

	UT_EQ(cxl_spec_cedt_cfmws(&cedt, 0, &w), 0);
	UT_EQ(w.eniw, 1);
	UT_EQ(w.ways, 2);
	UT_EQ(w.hbig, 4);
	UT_EQ(w.granularity, 4096);
	UT_EQ(w.size, SZ_4G);
	UT_EQ(w.targets[0], 0xc);
	UT_EQ(w.targets[1], 0xde);
	UT_EQ(cxl_spec_cfmws_target_pos(&w, 0xc), 0);
	UT_EQ(cxl_spec_cfmws_target_pos(&w, 0xde), 1);
}

UT_TEST(cedt_window_restrictions)
{
	struct cxl_spec_cfmws w = { .restrictions = CXL_SPEC_CFMWS_HOSTONLY |
						    CXL_SPEC_CFMWS_VOLATILE };

	UT_ASSERT(!cxl_spec_cfmws_allows_devmem_volatile(&w));
	UT_ASSERT(cxl_spec_cfmws_allows(&w, CXL_SPEC_CFMWS_HOSTONLY));
	UT_ASSERT(!cxl_spec_cfmws_allows(&w, CXL_SPEC_CFMWS_HOSTONLY |
					 CXL_SPEC_CFMWS_PMEM));
	w.restrictions = CXL_SPEC_CFMWS_DEVMEM;
	UT_ASSERT(!cxl_spec_cfmws_allows_devmem_volatile(&w));
	w.restrictions = CXL_SPEC_CFMWS_DEVMEM | CXL_SPEC_CFMWS_VOLATILE |
			 CXL_SPEC_CFMWS_FIXED_CONFIG;
	UT_ASSERT(cxl_spec_cfmws_allows_devmem_volatile(&w));
	UT_ASSERT(cxl_spec_cfmws_allows(&w, 0));
}

UT_TEST(cedt_unusable_table_headers)
{
	u8 t[sizeof(qemu_1hb)];
	struct cxl_spec_cfmws w;

	sim_env_init(&env);
	memcpy(t, qemu_1hb, sizeof(t));
	memcpy(t, "APIC", 4);
	UT_EQ(cxl_spec_cedt_parse(&cedt, t, sizeof(t), &env.env), -EINVAL);
	UT_EQ(cxl_spec_cedt_cfmws(&cedt, 0, &w), -ENOENT);
	UT_EQ(cxl_spec_cedt_parse(&cedt, qemu_1hb, 35, &env.env), -EINVAL);
	/* Length says more than there is */
	UT_EQ(cxl_spec_cedt_parse(&cedt, qemu_1hb, sizeof(qemu_1hb) - 1, &env.env),
	      -EINVAL);
	memcpy(t, qemu_1hb, sizeof(t));
	t[4] = 20;
	UT_EQ(cxl_spec_cedt_parse(&cedt, t, sizeof(t), &env.env), -EINVAL);
	UT_EQ(env.nr_reports, 4);
	UT_ASSERT(sim_env_reported(&env, "Length 108, table has 107 bytes"));
	/* A longer buffer than the table is fine: Length rules. */
	UT_EQ(cxl_spec_cedt_parse(&cedt, qemu_2hb, sizeof(qemu_2hb), &env.env), 0);
}

UT_TEST(cedt_bad_checksum_is_reported_and_the_table_used)
{
	u8 t[sizeof(qemu_1hb)];

	sim_env_init(&env);
	memcpy(t, qemu_1hb, sizeof(t));
	t[9] ^= 0x10;
	UT_EQ(cxl_spec_cedt_parse(&cedt, t, sizeof(t), &env.env), 0);
	UT_EQ(env.nr_reports, 1);
	UT_ASSERT(sim_env_reported(&env, "bad checksum"));
	UT_EQ(cedt.nr_cfmws, 1);
}

UT_TEST(cedt_zero_record_length_ends_the_walk)
{
	struct tb t;
	struct cxl_spec_chbs hb;

	tb_init(&t);
	tb_chbs(&t, 1, 1, 0x100000000ull, SZ_64K);
	tb_sub(&t, CXL_SPEC_CEDT_CHBS, 0x20);
	put(&t, t.len - 0x20 + 2, 0, 2);
	tb_chbs(&t, 2, 1, 0x100010000ull, SZ_64K);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cedt.nr_chbs, 1);
	UT_ASSERT(cedt.truncated);
	UT_ASSERT(sim_env_reported(&env, "bad Record Length 0"));
	UT_EQ(cxl_spec_cedt_find_chbs(&cedt, 2, &hb), -ENOENT);
}

UT_TEST(cedt_record_past_the_end_ends_the_walk)
{
	struct tb t;
	u32 off;

	tb_init(&t);
	tb_chbs(&t, 1, 1, 0x100000000ull, SZ_64K);
	off = tb_chbs(&t, 2, 1, 0x100010000ull, SZ_64K);
	put(&t, off + 2, 0x40, 2);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cedt.nr_chbs, 1);
	UT_ASSERT(cedt.truncated);
	UT_EQ(env.nr_reports, 1);
}

UT_TEST(cedt_stray_bytes_at_the_end)
{
	struct tb t;

	tb_init(&t);
	tb_chbs(&t, 1, 1, 0x100000000ull, SZ_64K);
	t.len += 3;
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cedt.nr_chbs, 1);
	UT_ASSERT(cedt.truncated);
	UT_ASSERT(sim_env_reported(&env, "3 stray bytes"));
}

UT_TEST(cedt_malformed_host_bridges_are_skipped)
{
	struct tb t;
	struct cxl_spec_chbs hb;
	u32 off;

	tb_init(&t);
	off = tb_chbs(&t, 1, 1, 0x100000000ull, SZ_64K);
	put(&t, off + 2, 0x18, 2);	/* short: the rest follows right after */
	t.len = off + 0x18;
	tb_chbs(&t, 2, 2, 0x100000000ull, SZ_64K);	/* CXL Version 2 */
	tb_chbs(&t, 3, 1, 0x100000000ull, SZ_4K);	/* CHBCR < 64 KiB */
	tb_chbs(&t, 4, 1, 0, SZ_64K);			/* no base */
	tb_chbs(&t, 5, 1, 0xffffffffffff8000ull, SZ_64K);	/* wraps */
	tb_chbs(&t, 6, 0, 0xfed00000ull, SZ_8K);	/* an RCH's RCRB: fine */
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cedt.nr_bad, 5);
	UT_EQ(cedt.nr_chbs, 1);
	UT_EQ(env.nr_reports, 5);
	UT_ASSERT(!cedt.truncated);
	UT_EQ(cxl_spec_cedt_chbs(&cedt, 0, &hb), 0);
	UT_EQ(hb.uid, 6);
	UT_EQ(hb.cxl_version, CXL_SPEC_CHBS_CXL11);
	UT_ASSERT(sim_env_reported(&env, "unknown CXL Version 2"));
}

UT_TEST(cedt_duplicate_host_bridge_uid_keeps_the_first)
{
	struct tb t;
	struct cxl_spec_chbs hb;

	tb_init(&t);
	tb_chbs(&t, 7, 1, 0x100000000ull, SZ_64K);
	tb_chbs(&t, 7, 1, 0x200000000ull, SZ_64K);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cedt.nr_chbs, 1);
	UT_EQ(cedt.nr_bad, 1);
	UT_EQ(cxl_spec_cedt_find_chbs(&cedt, 7, &hb), 0);
	UT_EQ(hb.base, 0x100000000ull);
	UT_ASSERT(sim_env_reported(&env, "UID 0x7 is the CHBS's at 0x24"));
}

UT_TEST(cedt_malformed_windows_are_skipped)
{
	static const u32 two[] = { 1, 2 }, dup[] = { 1, 2, 1, 3 };
	struct tb t;
	u32 off;

	tb_init(&t);
	/* too short for its 2 targets */
	off = tb_cfmws(&t, 0x1000000000ull, SZ_1G, 1, 0, 0, 0xf, two, 2);
	put(&t, off + 2, 36 + 4, 2);
	t.len = off + 40;
	tb_cfmws(&t, 0x1100000000ull, SZ_1G, 5, 0, 0, 0xf, two, 2);	/* ENIW 5 */
	tb_cfmws(&t, 0x1200000000ull, SZ_1G, 0, 0, 7, 0xf, two, 1);	/* HBIG 7 */
	tb_cfmws(&t, 0x1300000000ull, SZ_1G, 0, 2, 0, 0xf, two, 1);	/* arith 2 */
	tb_cfmws(&t, 0x1400000000ull + SZ_1M, SZ_1G, 0, 0, 0, 0xf, two, 1);
	tb_cfmws(&t, 0x1500000000ull, 0, 0, 0, 0, 0xf, two, 1);	/* size 0 */
	tb_cfmws(&t, 0x1600000000ull, SZ_256M, 1, 0, 0, 0xf, two, 2);	/* < 2 x 256M */
	tb_cfmws(&t, 0xfffffffff0000000ull, SZ_1G, 0, 0, 0, 0xf, two, 1);
	tb_cfmws(&t, 0x1700000000ull, SZ_4G, 2, 0, 0, 0xf, dup, 4);	/* dup target */
	tb_cfmws(&t, 0x1800000000ull, SZ_1G, 0, 0, 0x100, 0xf, two, 1);	/* HBIG > 255 */
	tb_window(&t, 0x1900000000ull, SZ_1G);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cedt.nr_bad, 10);
	UT_EQ(cedt.nr_cfmws, 1);
	UT_EQ(env.nr_reports, 10);
	UT_ASSERT(!cedt.truncated);
	UT_ASSERT(sim_env_reported(&env, "reserved ENIW 5"));
	UT_ASSERT(sim_env_reported(&env, "reserved HBIG 7"));
	UT_ASSERT(sim_env_reported(&env, "reserved Interleave Arithmetic 2"));
	UT_ASSERT(sim_env_reported(&env, "UID 0x1 is target 0 and 2"));
}

UT_TEST(cedt_overlapping_windows_keep_the_first)
{
	struct tb t;
	struct cxl_spec_cfmws w;

	tb_init(&t);
	tb_window(&t, 0x100000000ull, SZ_4G);
	tb_window(&t, 0x1c0000000ull, SZ_2G);		/* overlaps the first */
	tb_window(&t, 0x240000000ull, SZ_1G);		/* touches: fine */
	tb_window(&t, 0x0c0000000ull, SZ_1G + SZ_256M);	/* overlaps from below */
	/*
	 * Overlaps only the second, itself skipped: firmware disagrees with
	 * itself about that range, so nothing there is trusted.
	 */
	tb_window(&t, 0x200000000ull, SZ_256M);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cedt.nr_cfmws, 2);
	UT_EQ(cedt.nr_bad, 3);
	UT_EQ(cxl_spec_cedt_cfmws(&cedt, 1, &w), 0);
	UT_EQ(w.base, 0x240000000ull);
	UT_EQ(cxl_spec_cedt_cfmws(&cedt, 2, &w), -ENOENT);
	UT_ASSERT(sim_env_reported(&env, "overlaps the CFMWS at 0x24"));
}

UT_TEST(cedt_xor_windows_need_a_matching_cxims)
{
	static const u32 two[] = { 1, 2 };
	static const u64 maps[] = { 0x100100, 0x200200 };
	struct tb t;
	struct cxl_spec_cxims x;

	/* No CXIMS at all */
	tb_init(&t);
	tb_cfmws(&t, SZ_4G, SZ_2G, 1, CXL_SPEC_CFMWS_XOR, 1, 0xf, two, 2);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cedt.nr_cfmws, 0);
	UT_ASSERT(sim_env_reported(&env, "XOR, but no CXIMS for HBIG 1"));

	/* A CXIMS for another granularity, then one without maps */
	tb_init(&t);
	tb_cfmws(&t, SZ_4G, SZ_2G, 1, CXL_SPEC_CFMWS_XOR, 1, 0xf, two, 2);
	tb_cxims(&t, 0, 1, maps);
	tb_cxims(&t, 1, 0, maps);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cedt.nr_cfmws, 0);
	UT_EQ(cedt.nr_cxims, 2);

	/* The right one, after the window in table order */
	tb_init(&t);
	tb_cfmws(&t, SZ_4G, SZ_2G, 1, CXL_SPEC_CFMWS_XOR, 1, 0xf, two, 2);
	tb_cxims(&t, 1, 2, maps);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cedt.nr_cfmws, 1);
	UT_EQ(env.nr_reports, 0);
	UT_EQ(cxl_spec_cedt_find_cxims(&cedt, 1, &x), 0);
	UT_EQ(x.granularity, 512);
	UT_EQ(x.nr_xormaps, 2);
	UT_EQ(x.xormap[0], 0x100100);
	UT_EQ(x.xormap[1], 0x200200);
	UT_EQ(cxl_spec_cedt_find_cxims(&cedt, 0, &x), -ENOENT);

	/* One way needs no XOR maps. */
	tb_init(&t);
	tb_cfmws(&t, SZ_4G, SZ_1G, 0, CXL_SPEC_CFMWS_XOR, 1, 0xf, two, 1);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cedt.nr_cfmws, 1);
}

UT_TEST(cedt_malformed_cxims_are_skipped)
{
	static const u64 maps[5] = { 1, 2, 3, 4, 5 };
	struct tb t;
	struct cxl_spec_cxims x;
	u32 off;

	tb_init(&t);
	tb_cxims(&t, 0, 5, maps);		/* more than 4 maps */
	tb_cxims(&t, 7, 1, maps);		/* HBIG 7 */
	off = tb_cxims(&t, 2, 2, maps);
	put(&t, off + 2, 16, 2);		/* 2 maps in 16 bytes */
	t.len = off + 16;
	tb_cxims(&t, 3, 4, maps);
	tb_cxims(&t, 3, 1, maps);		/* a second for HBIG 3 */
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cedt.nr_cxims, 1);
	UT_EQ(cedt.nr_bad, 4);
	UT_EQ(cxl_spec_cedt_cxims(&cedt, 0, &x), 0);
	UT_EQ(x.hbig, 3);
	UT_EQ(x.nr_xormaps, 4);
	UT_EQ(x.xormap[3], 4);
	UT_ASSERT(sim_env_reported(&env, "HBIG 3 is the CXIMS's at"));
}

UT_TEST(cedt_other_structure_types_are_skipped_quietly)
{
	struct tb t;

	tb_init(&t);
	tb_sub(&t, CXL_SPEC_CEDT_RDPAS, 0x10);
	tb_sub(&t, 0x7f, 0x0c);
	tb_chbs(&t, 1, 1, 0x100000000ull, SZ_64K);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(env.nr_reports, 0);
	UT_EQ(cedt.nr_chbs, 1);
	UT_EQ(cedt.nr_bad, 0);
	UT_ASSERT(!cedt.truncated);
}

UT_TEST(cedt_3_6_12_and_16_way_windows)
{
	static const u32 hb[16] = {
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
	};
	struct tb t;
	struct cxl_spec_cfmws w;

	tb_init(&t);
	tb_cfmws(&t, 0x1000000000ull, 0x30000000, 8, 0, 0, 0xf, hb, 3);
	tb_cfmws(&t, 0x2000000000ull, 0x60000000, 9, 0, 0, 0xf, hb, 6);
	tb_cfmws(&t, 0x3000000000ull, 0xc0000000, 10, 0, 6, 0xf, hb, 12);
	tb_cfmws(&t, 0x4000000000ull, SZ_4G, 4, 0, 0, 0xf, hb, 16);
	/* 3 ways of a 1 GiB window: not a multiple of 768 MiB */
	tb_cfmws(&t, 0x5000000000ull, SZ_1G, 8, 0, 0, 0xf, hb, 3);
	UT_EQ(tb_parse(&t), 0);
	UT_EQ(cedt.nr_cfmws, 4);
	UT_EQ(cedt.nr_bad, 1);
	UT_EQ(cxl_spec_cedt_cfmws(&cedt, 2, &w), 0);
	UT_EQ(w.ways, 12);
	UT_EQ(w.granularity, 16384);
	UT_EQ(w.targets[11], 12);
	UT_EQ(cxl_spec_cfmws_target_pos(&w, 12), 11);
	UT_EQ(cxl_spec_cfmws_target_pos(&w, 13), -ENOENT);
	UT_EQ(cxl_spec_cedt_cfmws(&cedt, 3, &w), 0);
	UT_EQ(w.ways, 16);
	UT_EQ(cxl_spec_cfmws_target_pos(&w, 16), 15);
	UT_EQ(cxl_spec_cedt_cfmws(&cedt, 4, &w), -ENOENT);
}
