/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A simulated component register block with an HDM decoder capability
 * that behaves like hardware:
 *  - setting Commit makes Committed (or Error Not Committed) appear after
 *    a given number of control register reads, or never;
 *  - clearing Commit clears Error Not Committed and, after a given number
 *    of control register reads (or never, if told to stick), Committed;
 *  - a decoder committed with Lock On Commit ignores every write, and a
 *    "locked" block (DVSEC CONFIG_LOCK) ignores writes to all decoders;
 *  - a committed decoder ignores writes to its base, size and target list
 *    (or DPA skip) registers, and counts them in @committed_writes:
 *    software must not change them while the decoder is committed, and
 *    real hardware may ignore such writes or misbehave, so code that gets
 *    away with it here would not everywhere;
 *  - every write to a decoder register is logged, in order, so a test can
 *    check that Commit is set last and cleared first;
 *  - HDM Decoder Enable can be made to read 0 whatever is written;
 *  - a "gone" block reads all ones, from a given read on if asked.
 */
#ifndef CXL_ACCEL_UT_SIM_COMP_H
#define CXL_ACCEL_UT_SIM_COMP_H

#include <linux/types.h>

#include "spec/access.h"
#include "spec/cxl_regs.h"

enum sim_commit {
	SIM_COMMIT_OK,
	SIM_COMMIT_NEVER,
	SIM_COMMIT_ERROR,
};

struct sim_dec {
	enum sim_commit mode;
	unsigned int polls;	/* control reads before the outcome shows */
	unsigned int pending;
	bool sticky;		/* Committed stays when Commit is cleared */
	unsigned int uncommit_polls;	/* control reads until Committed drops */
	unsigned int unpending;
	/*
	 * The first control read after Commit is set returns all ones (a
	 * link glitch) while the decoder commits all the same.
	 */
	bool glitch;
	bool glitch_pending;
};

/* One write to a decoder register, as software made it. */
struct sim_comp_write {
	u8 dec;		/* decoder number */
	u8 reg;		/* decoder 0's offset of it: CXL_SPEC_HDM_DEC_*(0) */
	bool ignored;	/* the simulator did not take it */
	u32 val;
};

/* Enough for a few commits and resets; clear the log before the one tested. */
#define SIM_COMP_LOG_MAX	64

struct sim_comp {
	u32 reg[CXL_SPEC_COMP_BLOCK_SIZE / 4];
	u32 hdm;		/* HDM capability offset, 0: none */
	unsigned int nr_dec;
	bool enable_ro;
	bool locked;
	bool gone;
	unsigned int gone_at_read;	/* becomes gone at this read, 0: never */
	struct sim_dec dec[32];
	unsigned int reads;
	unsigned int writes;
	/* base, size, target list or DPA skip writes to a committed decoder */
	unsigned int committed_writes;
	/* decoder register writes made; the first SIM_COMP_LOG_MAX are kept */
	unsigned int nr_log;
	struct sim_comp_write log[SIM_COMP_LOG_MAX];
	struct cxl_spec_mmio mmio;
};

void sim_comp_init(struct sim_comp *c);
u32 sim_comp_get(const struct sim_comp *c, u32 off);
void sim_comp_put(struct sim_comp *c, u32 off, u32 val);
/* A decoder register, by its CXL_SPEC_HDM_DEC_*(n) offset. */
u32 sim_comp_hdm(const struct sim_comp *c, u32 reg);
/* Starts the write log afresh, to look at one operation only. */
void sim_comp_log_clear(struct sim_comp *c);
/* Prints the write log as TAP diagnostics. */
void sim_comp_log_dump(const struct sim_comp *c);

/* A capability array entry and the CXL Capability Header with @n entries. */
u32 sim_comp_cap(u16 id, u8 version, u32 ptr);
void sim_comp_caps(struct sim_comp *c, const u32 *entries, unsigned int n);
/* An HDM Decoder Capability at @off with Decoder Count @code and @cap bits. */
void sim_comp_add_hdm(struct sim_comp *c, u32 off, u8 code, u32 cap);

/*
 * QEMU's layout: RAS at 0x80, Link at 0xd8 and HDM at 0x128 of the
 * CXL.cache/mem range, 4 decoders, target count 1, A11to8 and A14to12.
 */
#define SIM_QEMU_HDM	(CXL_SPEC_COMP_CM_OFFSET + 0x128)
void sim_comp_build_qemu(struct sim_comp *c, u32 extra_cap);

/* Leaves decoder @n as firmware would: programmed and committed. */
void sim_comp_fw_commit(struct sim_comp *c, unsigned int n, u64 base,
			u64 size, u32 ctrl_extra);

#endif
