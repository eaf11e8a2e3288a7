/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A simulated PCI configuration space of one function.
 *
 * 4 KiB of little-endian bytes with, per bit, whether software may write
 * it and whether writing 1 clears it (RW1C), as hardware does.  Bits can
 * also be made lockable (RWL): while CONFIG_LOCK of the DVSEC CXL Lock
 * register at @lock_off is set they ignore writes, and so does CONFIG_LOCK
 * itself, which makes that bit write-once (RWO) until reset.  Builders
 * chain extended capabilities and DVSECs, including broken chains.  The
 * Range Size Low registers of the device DVSEC can follow a time model
 * (Memory_Info_Valid and Memory_Active from given virtual times), and any
 * one offset can be made to fail with -EIO.
 */
#ifndef CXL_ACCEL_UT_SIM_CFG_H
#define CXL_ACCEL_UT_SIM_CFG_H

#include <linux/types.h>

#include "sim_env.h"
#include "spec/access.h"

#define SIM_NEVER	(~0ULL)

struct sim_range_model {
	bool on;
	u64 valid_at_us;	/* Memory_Info_Valid from then on */
	u64 active_at_us;	/* Memory_Active from then on */
};

/*
 * CXL Reset and cache write-back of the device DVSEC, on virtual time:
 * Initiate CXL Reset written 1 makes CXL Reset Complete (or, with @error,
 * CXL Reset Error) read set @reset_us later; Initiate Cache Write Back
 * and Invalidation makes Cache Invalid read set @wbi_us later.  SIM_NEVER:
 * never.  What software wrote to Control2 is recorded in @ctrl2_log.
 */
struct sim_reset_model {
	bool on;
	bool error;
	u64 reset_us;
	u64 wbi_us;
	u64 reset_at_us;	/* SIM_NEVER until initiated */
	u64 wbi_at_us;
	unsigned int initiated;
	bool mem_clr;
	u16 ctrl2_log[8];
	unsigned int ctrl2_writes;
};

struct sim_cfg {
	u8 mem[CXL_SPEC_CFG_SIZE];
	u8 rw[CXL_SPEC_CFG_SIZE];
	u8 w1c[CXL_SPEC_CFG_SIZE];
	u8 rwl[CXL_SPEC_CFG_SIZE];	/* frozen while CONFIG_LOCK is set */
	unsigned int lock_off;	/* the DVSEC CXL Lock register, 0: none */
	unsigned int locked_writes;	/* writes that hit frozen bits */
	int fail_at;		/* accesses at this offset fail, -1: none */
	unsigned int reads;
	unsigned int writes;
	unsigned int last_cap;	/* 0: no capability yet */
	const struct sim_env *clock;
	unsigned int dev_dvsec;	/* where the Range Size Low model applies */
	struct sim_range_model range[2];
	struct sim_reset_model reset;
	struct cxl_spec_cfg ops;
};

void sim_cfg_init(struct sim_cfg *s);
void sim_cfg_put16(struct sim_cfg *s, unsigned int off, u16 val);
void sim_cfg_put32(struct sim_cfg *s, unsigned int off, u32 val);
u16 sim_cfg_get16(const struct sim_cfg *s, unsigned int off);
u32 sim_cfg_get32(const struct sim_cfg *s, unsigned int off);
void sim_cfg_writable16(struct sim_cfg *s, unsigned int off, u16 rw, u16 w1c);
void sim_cfg_writable32(struct sim_cfg *s, unsigned int off, u32 rw, u32 w1c);
/* Of the writable bits, those CONFIG_LOCK freezes. */
void sim_cfg_lockable16(struct sim_cfg *s, unsigned int off, u16 rwl);
void sim_cfg_lockable32(struct sim_cfg *s, unsigned int off, u32 rwl);

/* Appends a capability header at @off to the chain. */
void sim_cfg_add_cap(struct sim_cfg *s, unsigned int off, u16 id, u8 ver);
void sim_cfg_set_next(struct sim_cfg *s, unsigned int off, unsigned int next);
/* Appends a DVSEC: capability header plus DVSEC Header 1 and 2. */
void sim_cfg_add_dvsec(struct sim_cfg *s, unsigned int off, u16 vendor,
		       u16 id, u8 rev, u16 len);

/* A register locator entry for sim_cfg_add_regloc(). */
struct sim_regblock {
	u8 bir;
	u8 id;
	u64 offset;
};

void sim_cfg_add_regloc(struct sim_cfg *s, unsigned int off,
			const struct sim_regblock *b, unsigned int n);

/*
 * A device like QEMU's cxl-type3 and a Type 2 accelerator: AER at 0x100,
 * the device DVSEC (revision 3) at 0x150, a register locator with a
 * component block (BAR 0 at 0) and a memory device block (BAR 0 at
 * 0x10000) at 0x190, GPF for devices at 0x1b4 and Flex Bus at 0x1c4.
 * The device DVSEC's CONFIG_LOCK freezes the RWL bits of DVSEC CXL
 * Control, both ranges' Base registers and itself.
 */
#define SIM_DEV_DVSEC	0x150
#define SIM_DEV_REGLOC	0x190
#define SIM_DEV_GPF	0x1b4
#define SIM_DEV_FLEXBUS	0x1c4
void sim_cfg_build_type2(struct sim_cfg *s);

#endif
