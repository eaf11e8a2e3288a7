// SPDX-License-Identifier: GPL-2.0-only
/*
 * HDM decoders over a simulated register file: capability decoding,
 * decoder state, commit (with its timeout, Error Not Committed and order
 * rules), reset (order, locks, timeout), global enable and DPA ranges.
 */
#include <linux/bitfield.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sizes.h>
#include <linux/types.h>

#include "harness.h"
#include "sim_comp.h"
#include "sim_env.h"
#include "spec/hdm.h"

#define PORT_HDM	0x1200
#define A_BITS		(CXL_SPEC_HDM_CAP_A11TO8_INTERLEAVE | \
			 CXL_SPEC_HDM_CAP_A14TO12_INTERLEAVE)

static struct sim_comp comp;
static struct sim_env env;
static struct cxl_spec_hdm hdm;

/* QEMU's type 3 endpoint: 4 decoders, DPA skip instead of targets. */
static void ep_setup(u32 extra_cap)
{
	sim_env_init(&env);
	sim_comp_build_qemu(&comp, extra_cap);
	UT_EQ(cxl_spec_hdm_init(&hdm, &comp.mmio, SIM_QEMU_HDM, true, &env.env), 0);
}

/* A switch or host bridge port with @code decoders of @targets targets. */
static void port_setup(u8 code, unsigned int targets, u32 cap)
{
	sim_env_init(&env);
	sim_comp_init(&comp);
	sim_comp_add_hdm(&comp, PORT_HDM, code,
			 FIELD_PREP(CXL_SPEC_HDM_CAP_TARGET_COUNT, targets) | cap);
	UT_EQ(cxl_spec_hdm_init(&hdm, &comp.mmio, PORT_HDM, false, &env.env), 0);
}

static struct cxl_spec_hdm_decoder_cfg one_way(u64 base, u64 size)
{
	return (struct cxl_spec_hdm_decoder_cfg){
		.base = base, .size = size, .ways = 1, .granularity = 256,
	};
}

static u32 reg(u32 r)
{
	return sim_comp_hdm(&comp, r);
}

static int commit(unsigned int n, const struct cxl_spec_hdm_decoder_cfg *cfg)
{
	return cxl_spec_hdm_commit(&hdm, n, cfg, &env.env);
}

static int reset(unsigned int n)
{
	return cxl_spec_hdm_reset(&hdm, n, &env.env);
}

static enum cxl_spec_hdm_state state(unsigned int n)
{
	struct cxl_spec_hdm_decoder dec;

	if (cxl_spec_hdm_decoder_read(&hdm, n, &dec))
		return -1;
	return dec.state;
}

/* Stale, uncommitted values a failed commit must put back. */
static void stale_regs(unsigned int n)
{
	sim_comp_put(&comp, comp.hdm + CXL_SPEC_HDM_DEC_BASE_LOW(n), 0x50000000);
	sim_comp_put(&comp, comp.hdm + CXL_SPEC_HDM_DEC_SIZE_LOW(n), 0x10000000);
	sim_comp_put(&comp, comp.hdm + CXL_SPEC_HDM_DEC_SKIP_LOW(n), 0x70000000);
	sim_comp_put(&comp, comp.hdm + CXL_SPEC_HDM_DEC_CTRL(n), 0x12);
}

static void check_stale_regs(unsigned int n)
{
	UT_EQ(reg(CXL_SPEC_HDM_DEC_BASE_LOW(n)), 0x50000000);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_BASE_HIGH(n)), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_SIZE_LOW(n)), 0x10000000);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_SIZE_HIGH(n)), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_SKIP_LOW(n)), 0x70000000);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_CTRL(n)), 0x12);
}

/* The registers that say what a decoder maps, as decoder 0's offsets. */
static const u32 mapping_regs[] = {
	CXL_SPEC_HDM_DEC_BASE_LOW(0), CXL_SPEC_HDM_DEC_BASE_HIGH(0),
	CXL_SPEC_HDM_DEC_SIZE_LOW(0), CXL_SPEC_HDM_DEC_SIZE_HIGH(0),
	CXL_SPEC_HDM_DEC_TL_LOW(0), CXL_SPEC_HDM_DEC_TL_HIGH(0),
};

static bool is_mapping(u32 r)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mapping_regs); i++)
		if (r == mapping_regs[i])
			return true;
	return false;
}

/* The first logged write to decoder @n's register @r at or after @from. */
static int log_next(unsigned int n, u32 r, unsigned int from)
{
	unsigned int i;

	for (i = from; i < comp.nr_log && i < SIM_COMP_LOG_MAX; i++)
		if (comp.log[i].dec == n && comp.log[i].reg == r)
			return i;
	return -1;
}

/* The first logged control write to decoder @n that sets Commit. */
static int log_commit(unsigned int n)
{
	int i = 0;

	while ((i = log_next(n, CXL_SPEC_HDM_DEC_CTRL(0), i)) >= 0) {
		if (comp.log[i].val & CXL_SPEC_HDM_DEC_CTRL_COMMIT)
			return i;
		i++;
	}
	return -1;
}

/*
 * Whether no base, size or target list (DPA skip) register of decoder @n
 * was written while Commit was set, @commit telling whether it was when
 * the log starts.  A decoder may start decoding, or go on decoding, as
 * soon as Commit is set, and may ignore such writes: on commit the control
 * register must be written last, on reset first.
 */
static bool no_mapping_write_under_commit(unsigned int n, bool commit)
{
	const struct sim_comp_write *w;
	unsigned int i;
	bool ok = true;

	if (!UT_ASSERT(comp.nr_log <= SIM_COMP_LOG_MAX))
		return false;
	for (i = 0; i < comp.nr_log; i++) {
		w = &comp.log[i];
		if (w->dec != n)
			continue;
		if (w->reg == CXL_SPEC_HDM_DEC_CTRL(0)) {
			commit = w->val & CXL_SPEC_HDM_DEC_CTRL_COMMIT;
		} else if (commit && is_mapping(w->reg)) {
			ut_diag("write %u: decoder %u register %#x with Commit set",
				i, n, w->reg);
			ok = false;
		}
	}
	if (!ok)
		sim_comp_log_dump(&comp);
	return ok;
}

/*
 * Decoder @n was committed last in the log: every one of its base, size
 * and target list registers was written before Commit was set, nothing
 * after, and no other decoder was touched.
 */
static void check_control_last(unsigned int n)
{
	int set = log_commit(n), first;
	unsigned int i;

	UT_ASSERT(no_mapping_write_under_commit(n, false));
	if (!UT_ASSERT(set >= 0))
		return;
	for (i = 0; i < ARRAY_SIZE(mapping_regs); i++) {
		first = log_next(n, mapping_regs[i], 0);
		if (!UT_ASSERT(first >= 0 && first < set))
			ut_diag("register %#x of decoder %u", mapping_regs[i], n);
	}
	for (i = 0; i < comp.nr_log && i < SIM_COMP_LOG_MAX; i++)
		UT_EQ(comp.log[i].dec, n);
	UT_EQ(comp.committed_writes, 0);
}

UT_TEST(hdm_decoder_count_every_encoding)
{
	static const unsigned int want[] = {
		1, 2, 4, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32,
	};
	unsigned int count, code;

	for (code = 0; code < ARRAY_SIZE(want); code++) {
		count = 0;
		UT_EQ(cxl_spec_hdm_decoder_count(code, &count), 0);
		UT_EQ(count, want[code]);
	}
	for (code = 0xd; code <= 0xff; code++)
		UT_EQ(cxl_spec_hdm_decoder_count(code, &count), -EINVAL);
}

UT_TEST(hdm_init_every_decoder_count_encoding)
{
	u8 code;

	for (code = 0; code <= 0xc; code++) {
		sim_env_init(&env);
		sim_comp_init(&comp);
		sim_comp_add_hdm(&comp, 0x1100, code, 0);
		UT_EQ(cxl_spec_hdm_init(&hdm, &comp.mmio, 0x1100, true, &env.env), 0);
		UT_EQ(hdm.count, comp.nr_dec);
	}
	UT_EQ(hdm.count, 32);
	for (code = 0xd; code <= 0xf; code++) {
		sim_comp_add_hdm(&comp, 0x1100, code, 0);
		UT_EQ(cxl_spec_hdm_init(&hdm, &comp.mmio, 0x1100, true, &env.env),
		      -EINVAL);
	}
	UT_ASSERT(sim_env_reported(&env, "reserved Decoder Count 0xf"));
}

UT_TEST(hdm_init_decodes_capability_bits)
{
	port_setup(3, 8, A_BITS | CXL_SPEC_HDM_CAP_POISON_ON_DECODE_ERR |
		   CXL_SPEC_HDM_CAP_3_6_12_WAY | CXL_SPEC_HDM_CAP_16_WAY |
		   CXL_SPEC_HDM_CAP_UIO |
		   FIELD_PREP(CXL_SPEC_HDM_CAP_UIO_DECODER_COUNT, 3));
	UT_EQ(hdm.count, 6);
	UT_EQ(hdm.target_count, 8);
	UT_ASSERT(!hdm.endpoint);
	UT_ASSERT(hdm.a11to8 && hdm.a14to12);
	UT_ASSERT(hdm.poison_on_decode_err);
	UT_ASSERT(hdm.iw_3_6_12 && hdm.iw_16 && hdm.uio);
	UT_EQ(hdm.uio_count, 3);

	ep_setup(0);
	UT_EQ(hdm.count, 4);
	UT_ASSERT(hdm.endpoint);
	UT_ASSERT(!hdm.iw_3_6_12 && !hdm.iw_16 && !hdm.poison_on_decode_err);
	UT_EQ(env.nr_reports, 0);
}

UT_TEST(hdm_init_decoders_must_fit)
{
	sim_env_init(&env);
	sim_comp_init(&comp);
	/* 32 decoders need 0x410 bytes: past the end of the 4 KiB range */
	sim_comp_add_hdm(&comp, 0x1c00, 0xc, 0);
	UT_EQ(cxl_spec_hdm_init(&hdm, &comp.mmio, 0x1c00, true, &env.env), -EINVAL);
	UT_ASSERT(sim_env_reported(&env, "32 decoders do not fit"));

	/* 4 decoders at 0x1128 need 0x90 bytes; only 0x1140 mapped */
	sim_comp_build_qemu(&comp, 0);
	comp.mmio.size = 0x1140;
	UT_EQ(cxl_spec_hdm_init(&hdm, &comp.mmio, SIM_QEMU_HDM, true, &env.env),
	      -EINVAL);
	/* The capability itself outside the mapping */
	UT_EQ(cxl_spec_hdm_init(&hdm, &comp.mmio, 0x2000, true, &env.env), -EINVAL);
	UT_ASSERT(sim_env_reported(&env, "beyond 0x1140 bytes mapped"));
}

UT_TEST(hdm_init_port_target_count_reserved)
{
	static const unsigned int bad[] = { 0, 3, 5, 6, 7, 9, 12, 15 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		sim_env_init(&env);
		sim_comp_init(&comp);
		sim_comp_add_hdm(&comp, PORT_HDM, 1,
				 FIELD_PREP(CXL_SPEC_HDM_CAP_TARGET_COUNT, bad[i]));
		UT_EQ(cxl_spec_hdm_init(&hdm, &comp.mmio, PORT_HDM, false, &env.env),
		      -EINVAL);
		UT_ASSERT(sim_env_reported(&env, "reserved Target Count"));
		/* Target Count means nothing on an endpoint. */
		UT_EQ(cxl_spec_hdm_init(&hdm, &comp.mmio, PORT_HDM, true, &env.env), 0);
	}
}

UT_TEST(hdm_init_all_ones_is_enxio)
{
	sim_env_init(&env);
	sim_comp_build_qemu(&comp, 0);
	comp.gone = true;
	UT_EQ(cxl_spec_hdm_init(&hdm, &comp.mmio, SIM_QEMU_HDM, true, &env.env), -ENXIO);
}

UT_TEST(hdm_read_firmware_committed_locked_decoder)
{
	struct cxl_spec_hdm_decoder dec;

	ep_setup(0);
	/* 1 GiB at 4 GiB, 2 ways of 1 KiB, HDM-H, locked, DPA skip 512 MiB */
	sim_comp_fw_commit(&comp, 0, 0x100000000ull, SZ_1G,
			   CXL_SPEC_HDM_DEC_CTRL_LOCK_ON_COMMIT |
			   CXL_SPEC_HDM_DEC_CTRL_HOSTONLY |
			   FIELD_PREP(CXL_SPEC_HDM_DEC_CTRL_IG, 2) |
			   FIELD_PREP(CXL_SPEC_HDM_DEC_CTRL_IW, 1));
	sim_comp_put(&comp, comp.hdm + CXL_SPEC_HDM_DEC_SKIP_LOW(0), 0x2000000f);
	sim_comp_put(&comp, comp.hdm + CXL_SPEC_HDM_DEC_SKIP_HIGH(0), 0x1);
	UT_EQ(cxl_spec_hdm_decoder_read(&hdm, 0, &dec), 0);
	UT_EQ(dec.index, 0);
	UT_EQ(dec.base, 0x100000000ull);
	UT_EQ(dec.size, SZ_1G);
	UT_EQ(dec.granularity, 1024);
	UT_EQ(dec.ways, 2);
	UT_ASSERT(dec.lock_on_commit && dec.commit && dec.committed);
	UT_ASSERT(!dec.err_not_committed);
	UT_ASSERT(dec.hostonly);
	UT_ASSERT(!dec.bi && !dec.uio);
	/* Reserved DPA Skip Low bits are masked */
	UT_EQ(dec.dpa_skip, 0x120000000ull);
	UT_EQ(dec.state, CXL_SPEC_HDM_LOCKED);
	UT_STR(cxl_spec_hdm_state_name(dec.state), "locked");
	UT_EQ(state(1), CXL_SPEC_HDM_FREE);
	UT_EQ(cxl_spec_hdm_decoder_read(&hdm, 4, &dec), -EINVAL);
}

UT_TEST(hdm_read_port_target_list_and_reserved_interleave)
{
	struct cxl_spec_hdm_decoder dec;
	unsigned int i;

	port_setup(1, 8, A_BITS);
	sim_comp_put(&comp, PORT_HDM + CXL_SPEC_HDM_DEC_TL_LOW(1), 0x04030201);
	sim_comp_put(&comp, PORT_HDM + CXL_SPEC_HDM_DEC_TL_HIGH(1), 0x08070605);
	sim_comp_put(&comp, PORT_HDM + CXL_SPEC_HDM_DEC_CTRL(1), 0xf7);
	UT_EQ(cxl_spec_hdm_decoder_read(&hdm, 1, &dec), 0);
	for (i = 0; i < 8; i++)
		UT_EQ(dec.targets[i], i + 1);
	UT_EQ(dec.dpa_skip, 0);
	UT_EQ(dec.eig, 7);
	UT_EQ(dec.eiw, 0xf);
	UT_EQ(dec.granularity, 0);
	UT_EQ(dec.ways, 0);
	UT_EQ(dec.state, CXL_SPEC_HDM_FREE);
}

UT_TEST(hdm_commit_endpoint_programs_every_register)
{
	struct cxl_spec_hdm_decoder_cfg cfg = one_way(0x110000000ull, SZ_1G);

	ep_setup(0);
	cfg.dpa_skip = SZ_256M;
	UT_EQ(commit(0, &cfg), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_BASE_LOW(0)), 0x10000000);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_BASE_HIGH(0)), 0x1);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_SIZE_LOW(0)), 0x40000000);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_SIZE_HIGH(0)), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_SKIP_LOW(0)), 0x10000000);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_SKIP_HIGH(0)), 0);
	/* IG 0, IW 0, device coherent, Commit and Committed, nothing else */
	UT_EQ(reg(CXL_SPEC_HDM_DEC_CTRL(0)),
	      CXL_SPEC_HDM_DEC_CTRL_COMMIT | CXL_SPEC_HDM_DEC_CTRL_COMMITTED);
	UT_EQ(state(0), CXL_SPEC_HDM_COMMITTED);
	UT_EQ(env.nr_reports, 0);
	UT_EQ(env.sleeps, 0);
}

UT_TEST(hdm_commit_encodes_interleave_and_target_type)
{
	struct cxl_spec_hdm_decoder_cfg cfg = {
		.base = 0x200000000ull, .size = SZ_4G, .ways = 4,
		.granularity = 2048, .hostonly = true,
	};

	ep_setup(0);
	UT_EQ(commit(0, &cfg), 0);
	UT_EQ(FIELD_GET(CXL_SPEC_HDM_DEC_CTRL_IG, reg(CXL_SPEC_HDM_DEC_CTRL(0))), 3);
	UT_EQ(FIELD_GET(CXL_SPEC_HDM_DEC_CTRL_IW, reg(CXL_SPEC_HDM_DEC_CTRL(0))), 2);
	UT_ASSERT(reg(CXL_SPEC_HDM_DEC_CTRL(0)) & CXL_SPEC_HDM_DEC_CTRL_HOSTONLY);
	UT_ASSERT(!(reg(CXL_SPEC_HDM_DEC_CTRL(0)) & CXL_SPEC_HDM_DEC_CTRL_LOCK_ON_COMMIT));
	UT_EQ(reg(CXL_SPEC_HDM_DEC_SIZE_HIGH(0)), 1);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_SIZE_LOW(0)), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_BASE_HIGH(0)), 2);
}

UT_TEST(hdm_commit_port_writes_the_target_list)
{
	struct cxl_spec_hdm_decoder_cfg cfg = {
		.base = SZ_4G, .size = 0x200000000ull, .ways = 8,
		.granularity = 256, .targets = { 1, 2, 3, 4, 5, 6, 7, 8 },
	};

	port_setup(1, 8, A_BITS);
	UT_EQ(commit(0, &cfg), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_TL_LOW(0)), 0x04030201);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_TL_HIGH(0)), 0x08070605);
	UT_EQ(FIELD_GET(CXL_SPEC_HDM_DEC_CTRL_IW, reg(CXL_SPEC_HDM_DEC_CTRL(0))), 3);

	/* Ways past @ways are not decoded and written as 0. */
	cfg = (struct cxl_spec_hdm_decoder_cfg){
		.base = 0x400000000ull, .size = SZ_1G, .ways = 2,
		.granularity = 4096, .targets = { 9, 10, 11, 12, 13, 14, 15, 16 },
	};
	UT_EQ(commit(1, &cfg), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_TL_LOW(1)), 0x00000a09);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_TL_HIGH(1)), 0);
	UT_EQ(env.nr_reports, 0);
}

UT_TEST(hdm_commit_waits_for_committed)
{
	struct cxl_spec_hdm_decoder_cfg cfg = one_way(0, SZ_256M);
	u64 t0;

	ep_setup(0);
	comp.dec[0].polls = 5;
	t0 = env.now_us;
	UT_EQ(commit(0, &cfg), 0);
	UT_EQ(env.sleeps, 4);
	UT_EQ(env.now_us - t0, 400);
	UT_EQ(state(0), CXL_SPEC_HDM_COMMITTED);
}

UT_TEST(hdm_commit_timeout_clears_commit_and_restores)
{
	struct cxl_spec_hdm_decoder_cfg cfg = one_way(SZ_1G, SZ_1G);
	u64 t0;

	ep_setup(0);
	stale_regs(0);
	comp.dec[0].mode = SIM_COMMIT_NEVER;
	t0 = env.now_us;
	UT_EQ(commit(0, &cfg), -ETIMEDOUT);
	/* Bounded: twice the spec's 10 ms, give or take one poll */
	UT_ASSERT(env.now_us - t0 >= 20000);
	UT_ASSERT(env.now_us - t0 <= 20100);
	check_stale_regs(0);
	UT_EQ(state(0), CXL_SPEC_HDM_FREE);
	UT_EQ(env.nr_reports, 1);
	UT_ASSERT(sim_env_reported(&env, "HDM decoder 0: not committed after 20000 us"));
}

UT_TEST(hdm_commit_timeout_with_a_frozen_clock_is_bounded)
{
	struct cxl_spec_hdm_decoder_cfg cfg = one_way(0, SZ_256M);

	ep_setup(0);
	env.frozen = true;
	comp.dec[0].mode = SIM_COMMIT_NEVER;
	UT_EQ(commit(0, &cfg), -ETIMEDOUT);
	UT_EQ(env.sleeps, 200);
	UT_EQ(state(0), CXL_SPEC_HDM_FREE);
}

UT_TEST(hdm_commit_error_not_committed_clears_commit_and_restores)
{
	struct cxl_spec_hdm_decoder_cfg cfg = one_way(SZ_1G, SZ_1G);

	ep_setup(0);
	stale_regs(0);
	comp.dec[0].mode = SIM_COMMIT_ERROR;
	UT_EQ(commit(0, &cfg), -EIO);
	check_stale_regs(0);
	UT_ASSERT(!(reg(CXL_SPEC_HDM_DEC_CTRL(0)) & CXL_SPEC_HDM_DEC_CTRL_ERR_NOT_COMMITTED));
	UT_EQ(env.sleeps, 0);
	UT_ASSERT(sim_env_reported(&env, "Error Not Committed"));
}

UT_TEST(hdm_commit_error_after_some_polls)
{
	struct cxl_spec_hdm_decoder_cfg cfg = one_way(SZ_1G, SZ_1G);

	ep_setup(0);
	comp.dec[0].mode = SIM_COMMIT_ERROR;
	comp.dec[0].polls = 3;
	UT_EQ(commit(0, &cfg), -EIO);
	UT_EQ(env.sleeps, 2);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_CTRL(0)), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_BASE_LOW(0)), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_SIZE_LOW(0)), 0);
}

UT_TEST(hdm_commit_component_vanishing_is_enxio)
{
	struct cxl_spec_hdm_decoder_cfg cfg = one_way(SZ_1G, SZ_1G);
	unsigned int reads;

	ep_setup(0);
	comp.dec[0].mode = SIM_COMMIT_NEVER;
	reads = comp.reads;
	/* checks read 4 controls x 7 registers, then 7 saved + 7 verified */
	comp.gone_at_read = reads + 4 * 7 + 7 + 7 + 2;
	UT_EQ(commit(0, &cfg), -ENXIO);
	UT_ASSERT(sim_env_reported(&env, "control reads all ones"));

	ep_setup(0);
	comp.gone = true;
	UT_EQ(commit(0, &cfg), -ENXIO);
	UT_EQ(reset(0), -ENXIO);
}

UT_TEST(hdm_commit_out_of_order_is_refused_without_writes)
{
	struct cxl_spec_hdm_decoder_cfg cfg = one_way(SZ_4G, SZ_1G);

	ep_setup(0);
	UT_EQ(commit(1, &cfg), -EINVAL);
	UT_EQ(comp.writes, 0);
	UT_ASSERT(sim_env_reported(&env, "decoder 0 not committed yet"));
}

UT_TEST(hdm_commit_must_start_at_or_above_the_previous_end)
{
	struct cxl_spec_hdm_decoder_cfg cfg = one_way(SZ_4G, SZ_1G);
	unsigned int writes;

	ep_setup(0);
	UT_EQ(commit(0, &cfg), 0);
	writes = comp.writes;
	cfg = one_way(SZ_4G + SZ_512M, SZ_1G);
	UT_EQ(commit(1, &cfg), -EINVAL);
	UT_EQ(comp.writes, writes);
	cfg = one_way(SZ_4G - SZ_1G, SZ_256M);
	UT_EQ(commit(1, &cfg), -EINVAL);
	/* Touching the end is fine. */
	cfg = one_way(SZ_4G + SZ_1G, SZ_1G);
	UT_EQ(commit(1, &cfg), 0);
	UT_EQ(env.nr_reports, 2);
}

UT_TEST(hdm_commit_of_a_busy_decoder_is_ebusy)
{
	struct cxl_spec_hdm_decoder_cfg cfg = one_way(0, SZ_1G);

	ep_setup(0);
	UT_EQ(commit(0, &cfg), 0);
	UT_EQ(commit(0, &cfg), -EBUSY);
	UT_ASSERT(sim_env_reported(&env, "HDM decoder 0 is committed, not free"));

	/* Commit set without Committed: a commit pending or failed */
	ep_setup(0);
	sim_comp_put(&comp, comp.hdm + CXL_SPEC_HDM_DEC_CTRL(0),
		     CXL_SPEC_HDM_DEC_CTRL_COMMIT);
	UT_EQ(state(0), CXL_SPEC_HDM_ERROR);
	UT_EQ(commit(0, &cfg), -EBUSY);

	/* Firmware committed a decoder above: the order is broken */
	ep_setup(0);
	sim_comp_fw_commit(&comp, 2, SZ_4G, SZ_1G, 0);
	UT_EQ(commit(0, &cfg), -EBUSY);
	UT_ASSERT(sim_env_reported(&env, "decoder 2 above is committed"));
	UT_EQ(comp.writes, 0);
}

UT_TEST(hdm_commit_rejects_invalid_configurations_before_writing)
{
	static const struct {
		unsigned int n;
		struct cxl_spec_hdm_decoder_cfg cfg;
	} bad[] = {
		{ 0, { .base = SZ_1G + SZ_1M, .size = SZ_1G, .ways = 1, .granularity = 256 } },
		{ 0, { .base = SZ_1G, .size = SZ_1G + SZ_64K, .ways = 1, .granularity = 256 } },
		{ 0, { .base = SZ_1G, .size = 0, .ways = 1, .granularity = 256 } },
		{ 0, { .base = 0xfffffffff0000000ull, .size = SZ_512M, .ways = 1,
		       .granularity = 256 } },
		{ 0, { .base = SZ_1G, .size = SZ_1G, .ways = 5, .granularity = 256 } },
		{ 0, { .base = SZ_1G, .size = SZ_1G, .ways = 0, .granularity = 256 } },
		{ 0, { .base = SZ_1G, .size = SZ_1G, .ways = 1, .granularity = 300 } },
		{ 0, { .base = SZ_1G, .size = SZ_1G, .ways = 1, .granularity = 32768 } },
		/* 3/6/12 and 16 ways without the capability */
		{ 0, { .base = SZ_1G, .size = 0x30000000, .ways = 3, .granularity = 256 } },
		{ 0, { .base = SZ_1G, .size = SZ_4G, .ways = 16, .granularity = 256 } },
		/* 2 ways need a multiple of 512 MiB */
		{ 0, { .base = SZ_1G, .size = 0x30000000, .ways = 2, .granularity = 256 } },
		{ 0, { .base = SZ_1G, .size = SZ_1G, .ways = 1, .granularity = 256,
		       .dpa_skip = SZ_1M } },
		{ 4, { .base = SZ_1G, .size = SZ_1G, .ways = 1, .granularity = 256 } },
	};
	unsigned int i;

	ep_setup(0);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		if (!UT_EQ(commit(bad[i].n, &bad[i].cfg), -EINVAL))
			ut_diag("case %u", i);
	}
	UT_EQ(comp.writes, 0);
	UT_EQ(env.nr_reports, ARRAY_SIZE(bad));
	UT_EQ(state(0), CXL_SPEC_HDM_FREE);
}

UT_TEST(hdm_commit_3_6_12_and_16_ways_with_the_capability)
{
	struct cxl_spec_hdm_decoder_cfg cfg = {
		.base = 0, .size = 0x30000000, .ways = 3, .granularity = 256,
	};

	ep_setup(CXL_SPEC_HDM_CAP_3_6_12_WAY | CXL_SPEC_HDM_CAP_16_WAY);
	UT_EQ(commit(0, &cfg), 0);
	UT_EQ(FIELD_GET(CXL_SPEC_HDM_DEC_CTRL_IW, reg(CXL_SPEC_HDM_DEC_CTRL(0))), 8);
	cfg = (struct cxl_spec_hdm_decoder_cfg){
		.base = 0x30000000, .size = 0x60000000, .ways = 6, .granularity = 512,
	};
	UT_EQ(commit(1, &cfg), 0);
	UT_EQ(FIELD_GET(CXL_SPEC_HDM_DEC_CTRL_IW, reg(CXL_SPEC_HDM_DEC_CTRL(1))), 9);
	UT_EQ(FIELD_GET(CXL_SPEC_HDM_DEC_CTRL_IG, reg(CXL_SPEC_HDM_DEC_CTRL(1))), 1);
	cfg = (struct cxl_spec_hdm_decoder_cfg){
		.base = 0xc0000000, .size = 0xc0000000, .ways = 12, .granularity = 256,
	};
	UT_EQ(commit(2, &cfg), 0);
	UT_EQ(FIELD_GET(CXL_SPEC_HDM_DEC_CTRL_IW, reg(CXL_SPEC_HDM_DEC_CTRL(2))), 10);
	cfg = (struct cxl_spec_hdm_decoder_cfg){
		.base = 0x200000000ull, .size = SZ_4G, .ways = 16, .granularity = 256,
	};
	UT_EQ(commit(3, &cfg), 0);
	UT_EQ(FIELD_GET(CXL_SPEC_HDM_DEC_CTRL_IW, reg(CXL_SPEC_HDM_DEC_CTRL(3))), 4);
	UT_EQ(env.nr_reports, 0);
}

UT_TEST(hdm_commit_needs_the_address_bits_it_interleaves_on)
{
	struct cxl_spec_hdm_decoder_cfg cfg = {
		.base = 0, .size = SZ_1G, .ways = 2, .granularity = 4096,
	};

	/* No A14to12: 2 ways at 4 KiB select on bit 12 */
	sim_env_init(&env);
	sim_comp_init(&comp);
	sim_comp_add_hdm(&comp, 0x1100, 1, CXL_SPEC_HDM_CAP_A11TO8_INTERLEAVE);
	UT_EQ(cxl_spec_hdm_init(&hdm, &comp.mmio, 0x1100, true, &env.env), 0);
	UT_EQ(commit(0, &cfg), -EINVAL);
	UT_ASSERT(sim_env_reported(&env, "cannot interleave on bits 0x1000"));
	/* 4 ways at 2 KiB: bits 11 and 12 */
	cfg.ways = 4;
	cfg.granularity = 2048;
	UT_EQ(commit(0, &cfg), -EINVAL);
	/* 2 ways at 2 KiB: bit 11 only */
	cfg.ways = 2;
	UT_EQ(commit(0, &cfg), 0);

	/* No A11to8: 2 ways at 256 bytes select on bit 8 */
	sim_comp_add_hdm(&comp, 0x1100, 1, CXL_SPEC_HDM_CAP_A14TO12_INTERLEAVE);
	UT_EQ(cxl_spec_hdm_init(&hdm, &comp.mmio, 0x1100, true, &env.env), 0);
	sim_comp_put(&comp, 0x1100 + CXL_SPEC_HDM_DEC_CTRL(0), 0);
	cfg.granularity = 256;
	UT_EQ(commit(0, &cfg), -EINVAL);
	/* 1 way selects on nothing */
	cfg.ways = 1;
	UT_EQ(commit(0, &cfg), 0);
}

UT_TEST(hdm_commit_port_ways_limited_by_target_count)
{
	struct cxl_spec_hdm_decoder_cfg cfg = {
		.base = 0, .size = SZ_1G, .ways = 4, .granularity = 256,
	};

	port_setup(1, 2, A_BITS);
	UT_EQ(commit(0, &cfg), -EINVAL);
	UT_ASSERT(sim_env_reported(&env, "4 ways exceed Target Count 2"));
	cfg.ways = 2;
	UT_EQ(commit(0, &cfg), 0);
}

UT_TEST(hdm_commit_into_locked_registers_fails_cleanly)
{
	struct cxl_spec_hdm_decoder_cfg cfg = one_way(SZ_1G, SZ_1G);

	ep_setup(0);
	comp.locked = true;
	UT_EQ(commit(0, &cfg), -EIO);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_CTRL(0)), 0);
	UT_EQ(state(0), CXL_SPEC_HDM_FREE);
	UT_ASSERT(sim_env_reported(&env, "registers ignore writes"));
}

UT_TEST(hdm_lock_on_commit_makes_a_decoder_unresettable)
{
	struct cxl_spec_hdm_decoder_cfg cfg = one_way(SZ_1G, SZ_1G);
	unsigned int writes;

	ep_setup(0);
	cfg.lock_on_commit = true;
	UT_EQ(commit(0, &cfg), 0);
	UT_EQ(state(0), CXL_SPEC_HDM_LOCKED);
	writes = comp.writes;
	UT_EQ(reset(0), -EPERM);
	UT_EQ(comp.writes, writes);
	UT_ASSERT(sim_env_reported(&env, "Lock On Commit"));
}

UT_TEST(hdm_locked_decoder_ignores_writes_in_the_simulator)
{
	struct cxl_spec_hdm_decoder_cfg cfg = one_way(SZ_1G, SZ_1G);

	ep_setup(0);
	cfg.lock_on_commit = true;
	UT_EQ(commit(0, &cfg), 0);
	comp.mmio.write32(&comp, comp.hdm + CXL_SPEC_HDM_DEC_BASE_LOW(0), 0);
	comp.mmio.write32(&comp, comp.hdm + CXL_SPEC_HDM_DEC_CTRL(0), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_BASE_LOW(0)), 0x40000000);
	UT_EQ(state(0), CXL_SPEC_HDM_LOCKED);
}

UT_TEST(hdm_reset_the_highest_committed_decoder)
{
	struct cxl_spec_hdm_decoder_cfg cfg0 = one_way(SZ_1G, SZ_1G);
	struct cxl_spec_hdm_decoder_cfg cfg1 = one_way(SZ_4G, SZ_1G);

	ep_setup(0);
	cfg1.dpa_skip = SZ_256M;
	UT_EQ(commit(0, &cfg0), 0);
	UT_EQ(commit(1, &cfg1), 0);
	UT_EQ(reset(1), 0);
	UT_EQ(state(1), CXL_SPEC_HDM_FREE);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_CTRL(1)), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_BASE_LOW(1)), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_BASE_HIGH(1)), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_SIZE_LOW(1)), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_SKIP_LOW(1)), 0);
	UT_EQ(state(0), CXL_SPEC_HDM_COMMITTED);
	UT_EQ(reset(0), 0);
	UT_EQ(state(0), CXL_SPEC_HDM_FREE);
	UT_EQ(env.nr_reports, 0);
}

UT_TEST(hdm_reset_out_of_order_is_refused)
{
	struct cxl_spec_hdm_decoder_cfg cfg0 = one_way(SZ_1G, SZ_1G);
	struct cxl_spec_hdm_decoder_cfg cfg1 = one_way(SZ_4G, SZ_1G);
	unsigned int writes;

	ep_setup(0);
	UT_EQ(commit(0, &cfg0), 0);
	UT_EQ(commit(1, &cfg1), 0);
	writes = comp.writes;
	UT_EQ(reset(0), -EBUSY);
	UT_EQ(comp.writes, writes);
	UT_EQ(state(0), CXL_SPEC_HDM_COMMITTED);
	UT_ASSERT(sim_env_reported(&env, "decoder 1 above is committed"));
}

UT_TEST(hdm_reset_times_out_if_committed_stays)
{
	struct cxl_spec_hdm_decoder_cfg cfg = one_way(SZ_1G, SZ_1G);
	u64 t0;

	ep_setup(0);
	UT_EQ(commit(0, &cfg), 0);
	comp.dec[0].sticky = true;
	t0 = env.now_us;
	UT_EQ(reset(0), -ETIMEDOUT);
	UT_ASSERT(env.now_us - t0 >= 20000 && env.now_us - t0 <= 20100);
	UT_ASSERT(sim_env_reported(&env, "still committed after"));
	/* The registers are left for a later attempt, not half cleared. */
	UT_EQ(reg(CXL_SPEC_HDM_DEC_BASE_LOW(0)), 0x40000000);
	/*
	 * The simulator ignores writes to a committed decoder's base and
	 * size, so the value above alone does not prove they were not
	 * written: the counter does.
	 */
	UT_EQ(comp.committed_writes, 0);
}

UT_TEST(hdm_reset_of_a_free_decoder_does_nothing)
{
	ep_setup(0);
	stale_regs(0);
	UT_EQ(reset(0), 0);
	UT_EQ(comp.writes, 0);
	check_stale_regs(0);
	UT_EQ(reset(4), -EINVAL);
}

UT_TEST(hdm_reset_clears_a_failed_commit)
{
	ep_setup(0);
	sim_comp_put(&comp, comp.hdm + CXL_SPEC_HDM_DEC_CTRL(0),
		     CXL_SPEC_HDM_DEC_CTRL_COMMIT |
		     CXL_SPEC_HDM_DEC_CTRL_ERR_NOT_COMMITTED);
	sim_comp_put(&comp, comp.hdm + CXL_SPEC_HDM_DEC_BASE_LOW(0), 0x30000000);
	UT_EQ(state(0), CXL_SPEC_HDM_ERROR);
	UT_EQ(reset(0), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_CTRL(0)), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_BASE_LOW(0)), 0);
	UT_EQ(state(0), CXL_SPEC_HDM_FREE);
}

UT_TEST(hdm_reset_of_a_firmware_decoder_when_not_locked)
{
	ep_setup(0);
	sim_comp_fw_commit(&comp, 0, SZ_4G, SZ_1G, 0);
	UT_EQ(state(0), CXL_SPEC_HDM_COMMITTED);
	UT_EQ(reset(0), 0);
	UT_EQ(state(0), CXL_SPEC_HDM_FREE);
}

UT_TEST(hdm_reset_under_config_lock_is_eperm)
{
	ep_setup(0);
	sim_comp_fw_commit(&comp, 0, SZ_4G, SZ_1G, 0);
	comp.locked = true;
	UT_EQ(reset(0), -EPERM);
	UT_EQ(state(0), CXL_SPEC_HDM_COMMITTED);
	UT_ASSERT(sim_env_reported(&env, "Commit stuck, registers locked"));
}

UT_TEST(hdm_enable_sets_hdm_decoder_enable_once)
{
	bool on = true;
	unsigned int writes;

	ep_setup(0);
	UT_EQ(cxl_spec_hdm_enabled(&hdm, &on), 0);
	UT_ASSERT(!on);
	UT_EQ(cxl_spec_hdm_enable(&hdm, &env.env), 0);
	UT_EQ(reg(CXL_SPEC_HDM_GLOBAL_CTRL), CXL_SPEC_HDM_GLOBAL_CTRL_HDM_ENABLE);
	UT_EQ(cxl_spec_hdm_enabled(&hdm, &on), 0);
	UT_ASSERT(on);
	writes = comp.writes;
	UT_EQ(cxl_spec_hdm_enable(&hdm, &env.env), 0);
	UT_EQ(comp.writes, writes);
}

UT_TEST(hdm_enable_keeps_other_global_bits)
{
	ep_setup(0);
	sim_comp_put(&comp, comp.hdm + CXL_SPEC_HDM_GLOBAL_CTRL,
		     CXL_SPEC_HDM_GLOBAL_CTRL_POISON_ENABLE);
	UT_EQ(cxl_spec_hdm_enable(&hdm, &env.env), 0);
	UT_EQ(reg(CXL_SPEC_HDM_GLOBAL_CTRL),
	      CXL_SPEC_HDM_GLOBAL_CTRL_POISON_ENABLE |
	      CXL_SPEC_HDM_GLOBAL_CTRL_HDM_ENABLE);
}

UT_TEST(hdm_enable_that_does_not_stick)
{
	ep_setup(0);
	comp.enable_ro = true;
	UT_EQ(cxl_spec_hdm_enable(&hdm, &env.env), -EIO);
	UT_ASSERT(sim_env_reported(&env, "HDM Decoder Enable does not stick"));

	/* Ports may hardwire it to 0: not an error there. */
	port_setup(1, 1, A_BITS);
	comp.enable_ro = true;
	UT_EQ(cxl_spec_hdm_enable(&hdm, &env.env), 0);
	UT_EQ(env.nr_reports, 0);
}

UT_TEST(hdm_dpa_ranges_follow_skips_and_ways)
{
	struct cxl_spec_hdm_decoder_cfg cfg0 = one_way(SZ_4G, SZ_1G);
	struct cxl_spec_hdm_decoder_cfg cfg1 = {
		.base = 0x200000000ull, .size = 0x80000000, .ways = 2,
		.granularity = 256, .dpa_skip = SZ_512M,
	};
	u64 base, size;

	ep_setup(0);
	cfg0.dpa_skip = SZ_256M;
	UT_EQ(commit(0, &cfg0), 0);
	UT_EQ(cxl_spec_hdm_dpa_range(&hdm, 0, &env.env, &base, &size), 0);
	UT_EQ(base, SZ_256M);
	UT_EQ(size, SZ_1G);
	UT_EQ(commit(1, &cfg1), 0);
	UT_EQ(cxl_spec_hdm_dpa_range(&hdm, 1, &env.env, &base, &size), 0);
	UT_EQ(base, SZ_256M + SZ_1G + SZ_512M);
	UT_EQ(size, SZ_1G);
	/* Decoder 3 cannot: decoder 2 below it is not committed. */
	UT_EQ(cxl_spec_hdm_dpa_range(&hdm, 3, &env.env, &base, &size), -EINVAL);
	UT_EQ(cxl_spec_hdm_dpa_range(&hdm, 4, &env.env, &base, &size), -EINVAL);

	port_setup(1, 1, A_BITS);
	UT_EQ(cxl_spec_hdm_dpa_range(&hdm, 0, &env.env, &base, &size), -EINVAL);
}

UT_TEST(hdm_dpa_range_rejects_a_reserved_ways_encoding)
{
	u64 base, size;

	ep_setup(0);
	sim_comp_fw_commit(&comp, 0, SZ_4G, SZ_1G,
			   FIELD_PREP(CXL_SPEC_HDM_DEC_CTRL_IW, 5));
	UT_EQ(cxl_spec_hdm_dpa_range(&hdm, 0, &env.env, &base, &size), -EINVAL);
	UT_ASSERT(sim_env_reported(&env, "reserved IW 0x5"));
}

/*
 * Firmware's DPA Skip can put a decoder's DPA end past 2^64: base + size
 * must not wrap to a small number that then passes a capacity check
 * (issue 12, item 12).
 */
UT_TEST(hdm_dpa_range_refuses_an_end_past_2_64)
{
	u64 base = 0, size = 0;

	ep_setup(0);
	sim_comp_fw_commit(&comp, 0, SZ_4G, SZ_256M, 0);
	sim_comp_put(&comp, comp.hdm + CXL_SPEC_HDM_DEC_SKIP_LOW(0), 0xf0000000);
	sim_comp_put(&comp, comp.hdm + CXL_SPEC_HDM_DEC_SKIP_HIGH(0), 0xffffffff);
	UT_EQ(cxl_spec_hdm_dpa_range(&hdm, 0, &env.env, &base, &size), -EINVAL);
	UT_ASSERT(sim_env_reported(&env, "overflows"));

	/* the same skip one granule lower ends exactly at 2^64 - 256 MiB */
	sim_comp_put(&comp, comp.hdm + CXL_SPEC_HDM_DEC_SKIP_LOW(0), 0xe0000000);
	UT_EQ(cxl_spec_hdm_dpa_range(&hdm, 0, &env.env, &base, &size), 0);
	UT_EQ(base, 0xffffffffe0000000ull);
	UT_EQ(size, SZ_256M);
}

/*
 * Mem_Enable set, HDM Decoder Enable clear, nothing committed: firmware
 * relies on the DVSEC ranges (issue 12, item 5).  Any one of the three
 * conditions not met means HDM decoding is ours to switch on.
 */
UT_TEST(hdm_dvsec_decoding_needs_all_three_conditions)
{
	bool dvsec = true;

	ep_setup(0);
	UT_EQ(cxl_spec_hdm_dvsec_decoding(&hdm, false, &dvsec), 0);
	UT_ASSERT(!dvsec);
	UT_EQ(cxl_spec_hdm_dvsec_decoding(&hdm, true, &dvsec), 0);
	UT_ASSERT(dvsec);

	/* HDM Decoder Enable set: the device decodes with its decoders */
	sim_comp_put(&comp, comp.hdm + CXL_SPEC_HDM_GLOBAL_CTRL,
		     CXL_SPEC_HDM_GLOBAL_CTRL_HDM_ENABLE);
	UT_EQ(cxl_spec_hdm_dvsec_decoding(&hdm, true, &dvsec), 0);
	UT_ASSERT(!dvsec);

	/* enable clear again, but firmware committed decoder 2 */
	sim_comp_put(&comp, comp.hdm + CXL_SPEC_HDM_GLOBAL_CTRL, 0);
	sim_comp_fw_commit(&comp, 2, SZ_4G, SZ_256M, 0);
	UT_EQ(cxl_spec_hdm_dvsec_decoding(&hdm, true, &dvsec), 0);
	UT_ASSERT(!dvsec);
}

UT_TEST(hdm_commit_all_then_reset_all_in_reverse)
{
	struct cxl_spec_hdm_decoder_cfg cfg;
	unsigned int n;

	ep_setup(0);
	UT_EQ(cxl_spec_hdm_enable(&hdm, &env.env), 0);
	for (n = 0; n < 4; n++) {
		cfg = one_way(SZ_4G + n * (u64)SZ_1G, SZ_1G);
		comp.dec[n].polls = n;
		comp.dec[n].uncommit_polls = n;
		UT_EQ(commit(n, &cfg), 0);
	}
	for (n = 0; n < 4; n++)
		UT_EQ(state(n), CXL_SPEC_HDM_COMMITTED);
	for (n = 4; n-- > 0;)
		UT_EQ(reset(n), 0);
	for (n = 0; n < 4; n++) {
		UT_EQ(state(n), CXL_SPEC_HDM_FREE);
		UT_EQ(reg(CXL_SPEC_HDM_DEC_BASE_HIGH(n)), 0);
	}
	UT_EQ(env.nr_reports, 0);
	UT_EQ(comp.committed_writes, 0);
}

/*
 * The simulator holds software to the rule the tests below rely on: a
 * committed decoder, locked or not, takes no base, size or target write,
 * and counts each one; its control register still takes Commit cleared.
 */
UT_TEST(hdm_committed_decoder_ignores_mapping_writes_in_the_simulator)
{
	ep_setup(0);
	sim_comp_fw_commit(&comp, 0, SZ_4G, SZ_1G, 0);
	comp.mmio.write32(&comp, comp.hdm + CXL_SPEC_HDM_DEC_BASE_LOW(0), 0);
	comp.mmio.write32(&comp, comp.hdm + CXL_SPEC_HDM_DEC_SKIP_HIGH(0), 1);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_BASE_HIGH(0)), 1);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_SKIP_HIGH(0)), 0);
	UT_EQ(comp.committed_writes, 2);
	UT_EQ(comp.nr_log, 2);
	UT_ASSERT(comp.log[1].ignored);
	UT_EQ(comp.log[1].reg, CXL_SPEC_HDM_DEC_SKIP_HIGH(0));

	/* Once Committed drops, the same write is taken. */
	comp.dec[0].uncommit_polls = 2;
	comp.mmio.write32(&comp, comp.hdm + CXL_SPEC_HDM_DEC_CTRL(0), 0);
	UT_EQ(state(0), CXL_SPEC_HDM_COMMITTED);
	comp.mmio.write32(&comp, comp.hdm + CXL_SPEC_HDM_DEC_BASE_HIGH(0), 2);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_BASE_HIGH(0)), 1);
	UT_EQ(state(0), CXL_SPEC_HDM_FREE);
	comp.mmio.write32(&comp, comp.hdm + CXL_SPEC_HDM_DEC_BASE_HIGH(0), 2);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_BASE_HIGH(0)), 2);
	UT_EQ(comp.committed_writes, 3);
	UT_ASSERT(!comp.log[comp.nr_log - 1].ignored);

	/* A Lock On Commit decoder's writes count the same way. */
	ep_setup(0);
	sim_comp_fw_commit(&comp, 1, SZ_4G, SZ_1G,
			   CXL_SPEC_HDM_DEC_CTRL_LOCK_ON_COMMIT);
	comp.mmio.write32(&comp, comp.hdm + CXL_SPEC_HDM_DEC_SIZE_LOW(1), 0);
	comp.mmio.write32(&comp, comp.hdm + CXL_SPEC_HDM_DEC_CTRL(1), 0);
	UT_EQ(comp.committed_writes, 1);
	UT_EQ(state(1), CXL_SPEC_HDM_LOCKED);
}

/*
 * Commit set last: a component may decode, and may stop taking base,
 * size and target writes, from the moment Commit is set.  With polls the
 * simulator would still take writes made after Commit, so only the write
 * order shows a commit that sets it first.
 */
UT_TEST(hdm_commit_writes_control_last)
{
	struct cxl_spec_hdm_decoder_cfg cfg0 = one_way(0x110000000ull, SZ_1G);
	struct cxl_spec_hdm_decoder_cfg cfg1 = one_way(0x300000000ull, SZ_512M);
	unsigned int polls;

	for (polls = 0; polls <= 3; polls += 3) {
		ep_setup(0);
		comp.dec[0].polls = polls;
		comp.dec[1].polls = polls;
		cfg0.dpa_skip = SZ_256M;
		UT_EQ(commit(0, &cfg0), 0);
		check_control_last(0);

		sim_comp_log_clear(&comp);
		cfg1.dpa_skip = 0x100000000ull;
		UT_EQ(commit(1, &cfg1), 0);
		check_control_last(1);
		UT_EQ(state(1), CXL_SPEC_HDM_COMMITTED);
		UT_EQ(reg(CXL_SPEC_HDM_DEC_SKIP_HIGH(1)), 1);
	}
}

UT_TEST(hdm_commit_port_writes_control_last)
{
	struct cxl_spec_hdm_decoder_cfg cfg = {
		.base = 0x500000000ull, .size = 0x200000000ull, .ways = 8,
		.granularity = 512, .targets = { 8, 7, 6, 5, 4, 3, 2, 1 },
	};

	port_setup(1, 8, A_BITS);
	comp.dec[0].polls = 2;
	UT_EQ(commit(0, &cfg), 0);
	check_control_last(0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_TL_HIGH(0)), 0x01020304);
}

/*
 * A failed commit puts the old values back only after clearing Commit:
 * a component that answered late could otherwise take half of them.
 */
UT_TEST(hdm_commit_failure_clears_commit_before_restoring)
{
	static const enum sim_commit modes[] = {
		SIM_COMMIT_ERROR, SIM_COMMIT_NEVER,
	};
	struct cxl_spec_hdm_decoder_cfg cfg = one_way(SZ_1G, SZ_1G);
	unsigned int i;
	int set;

	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		ep_setup(0);
		stale_regs(0);
		comp.dec[0].mode = modes[i];
		UT_ASSERT(commit(0, &cfg) < 0);
		check_stale_regs(0);
		set = log_commit(0);
		UT_ASSERT(set >= 0);
		/* the restore did write base and size back, after Commit */
		UT_ASSERT(log_next(0, CXL_SPEC_HDM_DEC_BASE_LOW(0), set + 1) > set);
		UT_ASSERT(no_mapping_write_under_commit(0, false));
		UT_EQ(comp.committed_writes, 0);
	}
}

/*
 * A control read of all ones while the decoder commits (a link glitch)
 * fails the commit with -ENXIO, but the decoder did commit: the restore
 * must wait until Committed drops after clearing Commit, or the old
 * values it writes back are ignored and the decoder keeps the new ones.
 */
UT_TEST(hdm_commit_glitch_restores_after_the_decoder_lets_go)
{
	struct cxl_spec_hdm_decoder_cfg cfg = one_way(SZ_1G, SZ_1G);

	ep_setup(0);
	stale_regs(0);
	comp.dec[0].glitch = true;
	comp.dec[0].uncommit_polls = 3;
	UT_EQ(commit(0, &cfg), -ENXIO);
	UT_ASSERT(sim_env_reported(&env, "control reads all ones"));
	UT_EQ(comp.committed_writes, 0);
	check_stale_regs(0);
	UT_EQ(state(0), CXL_SPEC_HDM_FREE);
}

/*
 * Reset clears Commit first and touches base and size only once the
 * component has let go: here Committed drops three control reads after
 * Commit is cleared, and a write before that would be ignored.
 */
UT_TEST(hdm_reset_clears_commit_before_base_and_size)
{
	struct cxl_spec_hdm_decoder_cfg cfg0 = one_way(SZ_1G, SZ_1G);
	struct cxl_spec_hdm_decoder_cfg cfg1 = one_way(SZ_4G, SZ_1G);
	unsigned int sleeps;
	int clear;

	ep_setup(0);
	cfg1.dpa_skip = SZ_256M;
	UT_EQ(commit(0, &cfg0), 0);
	UT_EQ(commit(1, &cfg1), 0);
	comp.dec[1].uncommit_polls = 3;
	sim_comp_log_clear(&comp);
	sleeps = env.sleeps;
	UT_EQ(reset(1), 0);
	UT_EQ(env.sleeps - sleeps, 2);
	UT_ASSERT(no_mapping_write_under_commit(1, true));
	/* Commit cleared by the first write to the decoder */
	clear = log_next(1, CXL_SPEC_HDM_DEC_CTRL(0), 0);
	UT_EQ(clear, 0);
	UT_ASSERT(!(comp.log[0].val & CXL_SPEC_HDM_DEC_CTRL_COMMIT));
	UT_EQ(comp.committed_writes, 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_BASE_LOW(1)), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_BASE_HIGH(1)), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_SIZE_LOW(1)), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_SKIP_LOW(1)), 0);
	UT_EQ(reg(CXL_SPEC_HDM_DEC_CTRL(1)), 0);
	UT_EQ(state(1), CXL_SPEC_HDM_FREE);
	/* decoder 0 untouched */
	UT_EQ(log_next(0, CXL_SPEC_HDM_DEC_CTRL(0), 0), -1);
	UT_EQ(state(0), CXL_SPEC_HDM_COMMITTED);
	UT_EQ(env.nr_reports, 0);
}
