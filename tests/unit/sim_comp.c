// SPDX-License-Identifier: GPL-2.0-only
/*
 * A simulated component register block (see sim_comp.h).
 */
#include <linux/bitfield.h>
#include <string.h>

#include "harness.h"
#include "sim_comp.h"
#include "spec/hdm.h"

#define CTRL_WRITABLE	(CXL_SPEC_HDM_DEC_CTRL_IG | CXL_SPEC_HDM_DEC_CTRL_IW | \
			 CXL_SPEC_HDM_DEC_CTRL_LOCK_ON_COMMIT |		      \
			 CXL_SPEC_HDM_DEC_CTRL_COMMIT |			      \
			 CXL_SPEC_HDM_DEC_CTRL_HOSTONLY |		      \
			 CXL_SPEC_HDM_DEC_CTRL_BI | CXL_SPEC_HDM_DEC_CTRL_UIO)
/* The last dword of each decoder's 0x20 bytes is reserved. */
#define DEC_RESERVED	0x2c

u32 sim_comp_get(const struct sim_comp *c, u32 off)
{
	return c->reg[off / 4];
}

void sim_comp_put(struct sim_comp *c, u32 off, u32 val)
{
	c->reg[off / 4] = val;
}

u32 sim_comp_hdm(const struct sim_comp *c, u32 reg)
{
	return sim_comp_get(c, c->hdm + reg);
}

/* Which decoder register @off is: decoder in *n, register in *reg. */
static bool dec_reg(const struct sim_comp *c, u32 off, unsigned int *n, u32 *reg)
{
	u32 rel;

	if (!c->hdm || off < c->hdm + 0x10)
		return false;
	rel = off - c->hdm - 0x10;
	*n = rel / 0x20;
	*reg = 0x10 + rel % 0x20;
	return *n < c->nr_dec;
}

static void resolve(struct sim_comp *c, unsigned int n)
{
	u32 off = c->hdm + CXL_SPEC_HDM_DEC_CTRL(n);

	if (c->dec[n].mode == SIM_COMMIT_OK)
		c->reg[off / 4] |= CXL_SPEC_HDM_DEC_CTRL_COMMITTED;
	else if (c->dec[n].mode == SIM_COMMIT_ERROR)
		c->reg[off / 4] |= CXL_SPEC_HDM_DEC_CTRL_ERR_NOT_COMMITTED;
}

static void log_write(struct sim_comp *c, unsigned int n, u32 reg, u32 val,
		      bool ignored)
{
	struct sim_comp_write *w;

	if (c->nr_log < SIM_COMP_LOG_MAX) {
		w = &c->log[c->nr_log];
		w->dec = n;
		w->reg = reg;
		w->ignored = ignored;
		w->val = val;
	}
	c->nr_log++;
}

void sim_comp_log_clear(struct sim_comp *c)
{
	c->nr_log = 0;
	memset(c->log, 0, sizeof(c->log));
}

void sim_comp_log_dump(const struct sim_comp *c)
{
	unsigned int i;

	for (i = 0; i < c->nr_log && i < SIM_COMP_LOG_MAX; i++)
		ut_diag("write %u: decoder %u reg %#x = 0x%08x%s", i,
			c->log[i].dec, c->log[i].reg, c->log[i].val,
			c->log[i].ignored ? " (ignored)" : "");
	if (c->nr_log > SIM_COMP_LOG_MAX)
		ut_diag("%u more writes not logged", c->nr_log - SIM_COMP_LOG_MAX);
}

static u32 sim_read32(void *ctx, u32 off)
{
	struct sim_comp *c = ctx;
	unsigned int n;
	u32 reg;

	c->reads++;
	if (c->gone_at_read && c->reads >= c->gone_at_read)
		c->gone = true;
	if (c->gone)
		return ~0U;
	if (dec_reg(c, off, &n, &reg) && reg == CXL_SPEC_HDM_DEC_CTRL(0)) {
		if (c->dec[n].pending && !--c->dec[n].pending)
			resolve(c, n);
		if (c->dec[n].glitch_pending) {
			c->dec[n].glitch_pending = false;
			return ~0U;
		}
		if (c->dec[n].unpending && !--c->dec[n].unpending)
			c->reg[off / 4] &= ~CXL_SPEC_HDM_DEC_CTRL_COMMITTED;
	}
	return c->reg[off / 4];
}

static void write_ctrl(struct sim_comp *c, unsigned int n, u32 val)
{
	u32 off = c->hdm + CXL_SPEC_HDM_DEC_CTRL(n);
	u32 old = c->reg[off / 4];
	u32 new = (val & CTRL_WRITABLE) |
		  (old & (CXL_SPEC_HDM_DEC_CTRL_COMMITTED |
			  CXL_SPEC_HDM_DEC_CTRL_ERR_NOT_COMMITTED));
	struct sim_dec *d = &c->dec[n];

	if (!(old & CXL_SPEC_HDM_DEC_CTRL_COMMIT) &&
	    (val & CXL_SPEC_HDM_DEC_CTRL_COMMIT)) {
		new &= ~(CXL_SPEC_HDM_DEC_CTRL_COMMITTED |
			 CXL_SPEC_HDM_DEC_CTRL_ERR_NOT_COMMITTED);
		c->reg[off / 4] = new;
		d->pending = d->polls;
		d->unpending = 0;
		d->glitch_pending = d->glitch;
		if (!d->polls)
			resolve(c, n);
		return;
	}
	if ((old & CXL_SPEC_HDM_DEC_CTRL_COMMIT) &&
	    !(val & CXL_SPEC_HDM_DEC_CTRL_COMMIT)) {
		new &= ~CXL_SPEC_HDM_DEC_CTRL_ERR_NOT_COMMITTED;
		d->pending = 0;
		if (!d->sticky && !d->uncommit_polls)
			new &= ~CXL_SPEC_HDM_DEC_CTRL_COMMITTED;
		else if (!d->sticky)
			d->unpending = d->uncommit_polls;
	}
	c->reg[off / 4] = new;
}

static void sim_write32(void *ctx, u32 off, u32 val)
{
	struct sim_comp *c = ctx;
	bool committed, mapping, ignored;
	unsigned int n;
	u32 reg, ctrl;

	c->writes++;
	if (c->hdm && off == c->hdm + CXL_SPEC_HDM_CAP)
		return;
	if (c->hdm && off == c->hdm + CXL_SPEC_HDM_GLOBAL_CTRL) {
		val &= CXL_SPEC_HDM_GLOBAL_CTRL_POISON_ENABLE |
		       CXL_SPEC_HDM_GLOBAL_CTRL_HDM_ENABLE;
		if (c->enable_ro)
			val &= ~CXL_SPEC_HDM_GLOBAL_CTRL_HDM_ENABLE;
		c->reg[off / 4] = val;
		return;
	}
	if (!dec_reg(c, off, &n, &reg)) {
		c->reg[off / 4] = val;
		return;
	}
	ctrl = sim_comp_hdm(c, CXL_SPEC_HDM_DEC_CTRL(n));
	committed = ctrl & CXL_SPEC_HDM_DEC_CTRL_COMMITTED;
	mapping = reg != CXL_SPEC_HDM_DEC_CTRL(0) && reg != DEC_RESERVED;
	/*
	 * Counted whether or not the decoder is also locked: either way the
	 * caller tried to move a range the component is decoding.
	 */
	if (committed && mapping)
		c->committed_writes++;
	ignored = c->locked || (committed && mapping) ||
		  (committed && (ctrl & CXL_SPEC_HDM_DEC_CTRL_LOCK_ON_COMMIT));
	log_write(c, n, reg, val, ignored);
	if (ignored)
		return;
	if (reg == CXL_SPEC_HDM_DEC_CTRL(0)) {
		write_ctrl(c, n, val);
		return;
	}
	/* Bits 27:0 of the Low registers are reserved and read zero. */
	if (reg == CXL_SPEC_HDM_DEC_BASE_LOW(0) || reg == CXL_SPEC_HDM_DEC_SIZE_LOW(0))
		val &= CXL_SPEC_HDM_DEC_LOW_28;
	if (reg == DEC_RESERVED)
		return;
	c->reg[off / 4] = val;
}

void sim_comp_init(struct sim_comp *c)
{
	memset(c, 0, sizeof(*c));
	c->mmio.ctx = c;
	c->mmio.size = CXL_SPEC_COMP_BLOCK_SIZE;
	c->mmio.read32 = sim_read32;
	c->mmio.write32 = sim_write32;
}

u32 sim_comp_cap(u16 id, u8 version, u32 ptr)
{
	return FIELD_PREP(CXL_SPEC_CM_CAP_ID, id) |
	       FIELD_PREP(CXL_SPEC_CM_CAP_VERSION, version) |
	       FIELD_PREP(CXL_SPEC_CM_CAP_POINTER, ptr);
}

void sim_comp_caps(struct sim_comp *c, const u32 *entries, unsigned int n)
{
	unsigned int i;

	sim_comp_put(c, CXL_SPEC_COMP_CM_OFFSET,
		     FIELD_PREP(CXL_SPEC_CM_CAP_HDR_ID, CXL_SPEC_CM_CAP_CAPABILITY) |
		     FIELD_PREP(CXL_SPEC_CM_CAP_HDR_VERSION, 1) |
		     FIELD_PREP(CXL_SPEC_CM_CAP_HDR_CACHE_MEM_VERSION, 1) |
		     FIELD_PREP(CXL_SPEC_CM_CAP_HDR_ARRAY_SIZE, n));
	for (i = 0; i < n; i++)
		sim_comp_put(c, CXL_SPEC_COMP_CM_OFFSET + 4 * (i + 1), entries[i]);
}

void sim_comp_add_hdm(struct sim_comp *c, u32 off, u8 code, u32 cap)
{
	unsigned int count = 0;

	c->hdm = off;
	cxl_spec_hdm_decoder_count(code, &count);
	c->nr_dec = count;
	sim_comp_put(c, off + CXL_SPEC_HDM_CAP,
		     FIELD_PREP(CXL_SPEC_HDM_CAP_DECODER_COUNT, code) | cap);
}

void sim_comp_build_qemu(struct sim_comp *c, u32 extra_cap)
{
	const u32 caps[] = {
		sim_comp_cap(CXL_SPEC_CM_CAP_RAS, 3, 0x80),
		sim_comp_cap(CXL_SPEC_CM_CAP_LINK, 2, 0xd8),
		sim_comp_cap(CXL_SPEC_CM_CAP_HDM, 3, 0x128),
	};

	sim_comp_init(c);
	sim_comp_caps(c, caps, 3);
	sim_comp_add_hdm(c, SIM_QEMU_HDM, 2,
			 FIELD_PREP(CXL_SPEC_HDM_CAP_TARGET_COUNT, 1) |
			 CXL_SPEC_HDM_CAP_A11TO8_INTERLEAVE |
			 CXL_SPEC_HDM_CAP_A14TO12_INTERLEAVE | extra_cap);
}

void sim_comp_fw_commit(struct sim_comp *c, unsigned int n, u64 base,
			u64 size, u32 ctrl_extra)
{
	sim_comp_put(c, c->hdm + CXL_SPEC_HDM_DEC_BASE_LOW(n), (u32)base);
	sim_comp_put(c, c->hdm + CXL_SPEC_HDM_DEC_BASE_HIGH(n), base >> 32);
	sim_comp_put(c, c->hdm + CXL_SPEC_HDM_DEC_SIZE_LOW(n), (u32)size);
	sim_comp_put(c, c->hdm + CXL_SPEC_HDM_DEC_SIZE_HIGH(n), size >> 32);
	sim_comp_put(c, c->hdm + CXL_SPEC_HDM_DEC_CTRL(n),
		     CXL_SPEC_HDM_DEC_CTRL_COMMIT |
		     CXL_SPEC_HDM_DEC_CTRL_COMMITTED | ctrl_extra);
}
