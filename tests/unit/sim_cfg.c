// SPDX-License-Identifier: GPL-2.0-only
/*
 * A simulated PCI configuration space (see sim_cfg.h).
 */
#include <linux/bitfield.h>
#include <string.h>

#include "sim_cfg.h"
#include "spec/cxl_regs.h"

/*
 * The RWL bits of DVSEC CXL Control (CXL 2.0 8.1.3.2; r3.1 adds Direct
 * P2P Mem Enable); IO_Enable is RO and the rest reserved.
 */
#define DEV_CTRL_RWL	(CXL_SPEC_DEV_CTRL_CACHE_ENABLE |		\
			 CXL_SPEC_DEV_CTRL_MEM_ENABLE |			\
			 CXL_SPEC_DEV_CTRL_CACHE_SF_COVERAGE |		\
			 CXL_SPEC_DEV_CTRL_CACHE_SF_GRANULARITY |	\
			 CXL_SPEC_DEV_CTRL_CACHE_CLEAN_EVICTION |	\
			 CXL_SPEC_DEV_CTRL_DIRECT_P2P_MEM_ENABLE |	\
			 CXL_SPEC_DEV_CTRL_VIRAL_ENABLE)

static u32 get_bytes(const struct sim_cfg *s, unsigned int off, unsigned int n)
{
	u32 v = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		v |= (u32)s->mem[off + i] << (8 * i);
	return v;
}

static void put_bytes(u8 *where, unsigned int off, unsigned int n, u32 v)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		where[off + i] = v >> (8 * i);
}

void sim_cfg_put16(struct sim_cfg *s, unsigned int off, u16 val)
{
	put_bytes(s->mem, off, 2, val);
}

void sim_cfg_put32(struct sim_cfg *s, unsigned int off, u32 val)
{
	put_bytes(s->mem, off, 4, val);
}

u16 sim_cfg_get16(const struct sim_cfg *s, unsigned int off)
{
	return get_bytes(s, off, 2);
}

u32 sim_cfg_get32(const struct sim_cfg *s, unsigned int off)
{
	return get_bytes(s, off, 4);
}

void sim_cfg_writable16(struct sim_cfg *s, unsigned int off, u16 rw, u16 w1c)
{
	put_bytes(s->rw, off, 2, rw);
	put_bytes(s->w1c, off, 2, w1c);
}

void sim_cfg_writable32(struct sim_cfg *s, unsigned int off, u32 rw, u32 w1c)
{
	put_bytes(s->rw, off, 4, rw);
	put_bytes(s->w1c, off, 4, w1c);
}

void sim_cfg_lockable16(struct sim_cfg *s, unsigned int off, u16 rwl)
{
	put_bytes(s->rwl, off, 2, rwl);
}

void sim_cfg_lockable32(struct sim_cfg *s, unsigned int off, u32 rwl)
{
	put_bytes(s->rwl, off, 4, rwl);
}

static bool config_locked(const struct sim_cfg *s)
{
	return s->lock_off &&
	       (s->mem[s->lock_off] & CXL_SPEC_DEV_LOCK_CONFIG_LOCK);
}

/* Status2 of the device DVSEC follows the reset model, if on. */
static u32 reset_model(const struct sim_cfg *s, unsigned int off, u32 v)
{
	const struct sim_reset_model *m = &s->reset;
	u64 now;

	if (!m->on || !s->clock || off != s->dev_dvsec + CXL_SPEC_DEV_STATUS2)
		return v;
	now = s->clock->now_us;
	v &= ~(CXL_SPEC_DEV_STATUS2_CACHE_INVALID |
	       CXL_SPEC_DEV_STATUS2_CXL_RESET_COMPLETE |
	       CXL_SPEC_DEV_STATUS2_CXL_RESET_ERROR);
	if (m->wbi_at_us != SIM_NEVER && now >= m->wbi_at_us)
		v |= CXL_SPEC_DEV_STATUS2_CACHE_INVALID;
	if (m->reset_at_us != SIM_NEVER && now >= m->reset_at_us)
		v |= m->error ? CXL_SPEC_DEV_STATUS2_CXL_RESET_ERROR :
				CXL_SPEC_DEV_STATUS2_CXL_RESET_COMPLETE;
	return v;
}

/* A write to Control2 of the device DVSEC starts what it initiates. */
static void reset_model_write(struct sim_cfg *s, unsigned int off, u32 val)
{
	struct sim_reset_model *m = &s->reset;
	u64 now;

	if (!m->on || !s->clock || off != s->dev_dvsec + CXL_SPEC_DEV_CTRL2)
		return;
	now = s->clock->now_us;
	if (m->ctrl2_writes < ARRAY_SIZE(m->ctrl2_log))
		m->ctrl2_log[m->ctrl2_writes] = val;
	m->ctrl2_writes++;
	if (val & CXL_SPEC_DEV_CTRL2_INIT_CACHE_WBI)
		m->wbi_at_us = m->wbi_us == SIM_NEVER ? SIM_NEVER : now + m->wbi_us;
	if (val & CXL_SPEC_DEV_CTRL2_INIT_CXL_RESET) {
		m->initiated++;
		m->mem_clr = val & CXL_SPEC_DEV_CTRL2_CXL_RESET_MEM_CLR;
		m->reset_at_us = m->reset_us == SIM_NEVER ? SIM_NEVER :
				 now + m->reset_us;
	}
}

/* Range Size Low of the device DVSEC follows the time model, if on. */
static u32 model(const struct sim_cfg *s, unsigned int off, u32 v)
{
	unsigned int i;

	for (i = 0; i < 2; i++) {
		const struct sim_range_model *m = &s->range[i];

		if (!m->on || !s->clock ||
		    off != s->dev_dvsec + CXL_SPEC_DEV_RANGE_SIZE_LOW(i))
			continue;
		v &= ~(CXL_SPEC_DEV_RANGE_MEM_INFO_VALID |
		       CXL_SPEC_DEV_RANGE_MEM_ACTIVE);
		if (s->clock->now_us >= m->valid_at_us)
			v |= CXL_SPEC_DEV_RANGE_MEM_INFO_VALID;
		if (s->clock->now_us >= m->active_at_us)
			v |= CXL_SPEC_DEV_RANGE_MEM_ACTIVE;
	}
	return reset_model(s, off, v);
}

static int sim_read(void *ctx, unsigned int off, unsigned int n, u32 *val)
{
	struct sim_cfg *s = ctx;

	s->reads++;
	if ((int)off == s->fail_at)
		return -EIO;
	*val = model(s, off, get_bytes(s, off, n));
	return 0;
}

static int sim_write(void *ctx, unsigned int off, unsigned int n, u32 val)
{
	struct sim_cfg *s = ctx;
	bool locked, hit = false;
	unsigned int i;
	u8 b, rw;

	s->writes++;
	if ((int)off == s->fail_at)
		return -EIO;
	/* Decided before the write: setting CONFIG_LOCK takes effect after. */
	locked = config_locked(s);
	for (i = 0; i < n; i++) {
		b = val >> (8 * i);
		rw = s->rw[off + i];
		if (locked && (rw & s->rwl[off + i])) {
			rw &= ~s->rwl[off + i];
			hit = true;
		}
		s->mem[off + i] = (s->mem[off + i] & ~rw) | (b & rw);
		s->mem[off + i] &= ~(b & s->w1c[off + i]);
	}
	if (hit)
		s->locked_writes++;
	reset_model_write(s, off, val);
	return 0;
}

static int sim_read16(void *ctx, unsigned int off, u16 *val)
{
	u32 v;
	int rc = sim_read(ctx, off, 2, &v);

	*val = v;
	return rc;
}

static int sim_read32(void *ctx, unsigned int off, u32 *val)
{
	return sim_read(ctx, off, 4, val);
}

static int sim_write16(void *ctx, unsigned int off, u16 val)
{
	return sim_write(ctx, off, 2, val);
}

static int sim_write32(void *ctx, unsigned int off, u32 val)
{
	return sim_write(ctx, off, 4, val);
}

void sim_cfg_init(struct sim_cfg *s)
{
	memset(s, 0, sizeof(*s));
	s->fail_at = -1;
	s->ops.ctx = s;
	s->ops.read16 = sim_read16;
	s->ops.read32 = sim_read32;
	s->ops.write16 = sim_write16;
	s->ops.write32 = sim_write32;
}

void sim_cfg_set_next(struct sim_cfg *s, unsigned int off, unsigned int next)
{
	u32 hdr = sim_cfg_get32(s, off);

	hdr &= ~CXL_SPEC_ECAP_HDR_NEXT;
	hdr |= FIELD_PREP(CXL_SPEC_ECAP_HDR_NEXT, next);
	sim_cfg_put32(s, off, hdr);
}

void sim_cfg_add_cap(struct sim_cfg *s, unsigned int off, u16 id, u8 ver)
{
	sim_cfg_put32(s, off, FIELD_PREP(CXL_SPEC_ECAP_HDR_ID, id) |
			      FIELD_PREP(CXL_SPEC_ECAP_HDR_VERSION, ver));
	if (s->last_cap)
		sim_cfg_set_next(s, s->last_cap, off);
	s->last_cap = off;
}

void sim_cfg_add_dvsec(struct sim_cfg *s, unsigned int off, u16 vendor,
		       u16 id, u8 rev, u16 len)
{
	sim_cfg_add_cap(s, off, CXL_SPEC_ECAP_ID_DVSEC, 1);
	sim_cfg_put32(s, off + CXL_SPEC_DVSEC_HDR1,
		      FIELD_PREP(CXL_SPEC_DVSEC_HDR1_VENDOR_ID, vendor) |
		      FIELD_PREP(CXL_SPEC_DVSEC_HDR1_REVISION, rev) |
		      FIELD_PREP(CXL_SPEC_DVSEC_HDR1_LENGTH, len));
	sim_cfg_put16(s, off + CXL_SPEC_DVSEC_HDR2, id);
}

void sim_cfg_add_regloc(struct sim_cfg *s, unsigned int off,
			const struct sim_regblock *b, unsigned int n)
{
	unsigned int i, e;

	sim_cfg_add_dvsec(s, off, CXL_SPEC_DVSEC_VENDOR_ID, CXL_SPEC_DVSEC_REGLOC,
			  0, CXL_SPEC_REGLOC_BLOCK1 + 8 * n);
	for (i = 0; i < n; i++) {
		e = off + CXL_SPEC_REGLOC_BLOCK1 + 8 * i;
		sim_cfg_put32(s, e, FIELD_PREP(CXL_SPEC_REGLOC_LOW_BIR, b[i].bir) |
				    FIELD_PREP(CXL_SPEC_REGLOC_LOW_BLOCK_ID, b[i].id) |
				    (u32)(b[i].offset & CXL_SPEC_REGLOC_OFFSET_LOW));
		sim_cfg_put32(s, e + 4, b[i].offset >> 32);
	}
}

void sim_cfg_build_type2(struct sim_cfg *s)
{
	static const struct sim_regblock blocks[] = {
		{ .bir = 0, .id = 0x01, .offset = 0 },
		{ .bir = 0, .id = 0x03, .offset = 0x10000 },
		{ .bir = 0, .id = 0x00, .offset = 0 },
	};
	unsigned int d = SIM_DEV_DVSEC, i;

	sim_cfg_init(s);
	/* AER, not ours: the walk must step over it. */
	sim_cfg_add_cap(s, 0x100, 0x0001, 2);
	sim_cfg_add_dvsec(s, d, CXL_SPEC_DVSEC_VENDOR_ID, CXL_SPEC_DVSEC_DEVICE,
			  3, CXL_SPEC_DEV_LEN_REV2);
	/* Cache + Mem capable, HwInit, one HDM range, viral: a Type 2 */
	sim_cfg_put16(s, d + CXL_SPEC_DEV_CAP, 0x401d);
	sim_cfg_put16(s, d + CXL_SPEC_DEV_CTRL, 0x0002);
	sim_cfg_writable16(s, d + CXL_SPEC_DEV_CTRL, 0x5fff, 0);
	sim_cfg_writable16(s, d + CXL_SPEC_DEV_STATUS, 0, CXL_SPEC_DEV_STATUS_VIRAL);
	sim_cfg_writable16(s, d + CXL_SPEC_DEV_LOCK, CXL_SPEC_DEV_LOCK_CONFIG_LOCK, 0);
	sim_cfg_lockable16(s, d + CXL_SPEC_DEV_CTRL, DEV_CTRL_RWL);
	/* CONFIG_LOCK freezes itself too: write-once until reset */
	sim_cfg_lockable16(s, d + CXL_SPEC_DEV_LOCK, CXL_SPEC_DEV_LOCK_CONFIG_LOCK);
	for (i = 0; i < CXL_SPEC_DEV_RANGES; i++) {
		sim_cfg_writable32(s, d + CXL_SPEC_DEV_RANGE_BASE_HIGH(i), ~0U, 0);
		sim_cfg_lockable32(s, d + CXL_SPEC_DEV_RANGE_BASE_HIGH(i), ~0U);
		sim_cfg_writable32(s, d + CXL_SPEC_DEV_RANGE_BASE_LOW(i),
				   CXL_SPEC_DEV_RANGE_MEM_BASE_LOW, 0);
		sim_cfg_lockable32(s, d + CXL_SPEC_DEV_RANGE_BASE_LOW(i),
				   CXL_SPEC_DEV_RANGE_MEM_BASE_LOW);
	}
	s->lock_off = d + CXL_SPEC_DEV_LOCK;
	/* Range 1: 4 GiB valid and active, CDAT media/class, 1 s timeout */
	sim_cfg_put32(s, d + CXL_SPEC_DEV_RANGE_SIZE_HIGH(0), 0x1);
	sim_cfg_put32(s, d + CXL_SPEC_DEV_RANGE_SIZE_LOW(0), 0x0000004b);
	sim_cfg_add_regloc(s, SIM_DEV_REGLOC, blocks, 3);
	sim_cfg_add_dvsec(s, SIM_DEV_GPF, CXL_SPEC_DVSEC_VENDOR_ID,
			  CXL_SPEC_DVSEC_DEVICE_GPF, 0, CXL_SPEC_DEV_GPF_LEN);
	sim_cfg_add_dvsec(s, SIM_DEV_FLEXBUS, CXL_SPEC_DVSEC_VENDOR_ID,
			  CXL_SPEC_DVSEC_FLEXBUS, 2, CXL_SPEC_FLEXBUS_LEN_REV2);
	s->dev_dvsec = d;
}
