// SPDX-License-Identifier: GPL-2.0-only
/*
 * HDM decoders (see hdm.h).
 */
#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <linux/types.h>

#include "hdm.h"
#include "interleave.h"
#include "poll.h"

/*
 * The spec gives hardware 10 ms from Commit to Committed (or Error Not
 * Committed).  We measure from our own write with a clock that may tick
 * coarsely and sleeps that may overrun, so we wait twice that before
 * giving up; clearing Commit gets the same allowance.
 */
#define HDM_COMMIT_WAIT_US	(2 * CXL_SPEC_HDM_COMMIT_TIMEOUT_US)
#define HDM_POLL_US		100

/* The registers of one decoder, as saved before and restored after. */
struct hdm_regs {
	u32 base_lo;
	u32 base_hi;
	u32 size_lo;
	u32 size_hi;
	u32 ctrl;
	u32 tl_lo;
	u32 tl_hi;
};

static int hdm_read(const struct cxl_spec_hdm *hdm, u32 reg, u32 *val)
{
	return cxl_spec_mmio_read32(hdm->mmio, hdm->offset + reg, val);
}

static int hdm_write(const struct cxl_spec_hdm *hdm, u32 reg, u32 val)
{
	return cxl_spec_mmio_write32(hdm->mmio, hdm->offset + reg, val);
}

/**
 * cxl_spec_hdm_decoder_count - decode the Decoder Count field
 * @code: Decoder Count
 * @count: decoders
 *
 * 0 means 1 decoder, 1-8 mean 2, 4, ... 16, and 9-0xc (CXL 3.0) mean 20,
 * 24, 28 and 32.
 *
 * Return: 0, or -EINVAL for a reserved encoding.
 */
int cxl_spec_hdm_decoder_count(u8 code, unsigned int *count)
{
	if (code == 0)
		*count = 1;
	else if (code <= 8)
		*count = code * 2;
	else if (code <= 0xc)
		*count = (code - 4) * 4;
	else
		return -EINVAL;
	return 0;
}

/**
 * cxl_spec_hdm_init - read an HDM Decoder Capability structure
 * @hdm: filled in
 * @mmio: the component register block
 * @offset: of the structure in @mmio, from cxl_spec_comp_find()
 * @endpoint: true for a device's decoders, false for a port's
 * @env: for reports
 *
 * Return: 0, -ENXIO if the capability reads as all ones, or -EINVAL if
 * Decoder Count or Target Count is reserved or the decoders do not fit in
 * the CXL.cache/CXL.mem range or in @mmio.
 */
int cxl_spec_hdm_init(struct cxl_spec_hdm *hdm,
		      const struct cxl_spec_mmio *mmio, u32 offset,
		      bool endpoint, const struct cxl_spec_env *env)
{
	u32 cap, end, cm_end = CXL_SPEC_COMP_CM_OFFSET + CXL_SPEC_COMP_CM_SIZE;
	u8 code;
	int rc;

	memset(hdm, 0, sizeof(*hdm));
	hdm->mmio = mmio;
	hdm->offset = offset;
	hdm->endpoint = endpoint;

	rc = hdm_read(hdm, CXL_SPEC_HDM_CAP, &cap);
	if (rc) {
		cxl_spec_report(env, "HDM capability at %#x: beyond %#x bytes mapped",
				offset, mmio->size);
		return rc;
	}
	if (cap == ~0U) {
		cxl_spec_report(env, "HDM capability at %#x reads as all ones",
				offset);
		return -ENXIO;
	}
	hdm->cap = cap;
	code = FIELD_GET(CXL_SPEC_HDM_CAP_DECODER_COUNT, cap);
	if (cxl_spec_hdm_decoder_count(code, &hdm->count)) {
		cxl_spec_report(env, "HDM capability at %#x: reserved Decoder Count %#x",
				offset, code);
		return -EINVAL;
	}
	if (check_add_overflow(offset, (u32)CXL_SPEC_HDM_SIZE(hdm->count), &end) ||
	    end > mmio->size ||
	    (offset >= CXL_SPEC_COMP_CM_OFFSET && offset < cm_end && end > cm_end)) {
		cxl_spec_report(env, "HDM capability at %#x: %u decoders do not fit",
				offset, hdm->count);
		return -EINVAL;
	}

	hdm->target_count = FIELD_GET(CXL_SPEC_HDM_CAP_TARGET_COUNT, cap);
	if (!endpoint && (!is_power_of_2(hdm->target_count) ||
			  hdm->target_count > CXL_SPEC_HDM_MAX_TARGETS)) {
		cxl_spec_report(env, "HDM capability at %#x: reserved Target Count %u",
				offset, hdm->target_count);
		return -EINVAL;
	}
	hdm->a11to8 = cap & CXL_SPEC_HDM_CAP_A11TO8_INTERLEAVE;
	hdm->a14to12 = cap & CXL_SPEC_HDM_CAP_A14TO12_INTERLEAVE;
	hdm->poison_on_decode_err = cap & CXL_SPEC_HDM_CAP_POISON_ON_DECODE_ERR;
	hdm->iw_3_6_12 = cap & CXL_SPEC_HDM_CAP_3_6_12_WAY;
	hdm->iw_16 = cap & CXL_SPEC_HDM_CAP_16_WAY;
	hdm->uio = cap & CXL_SPEC_HDM_CAP_UIO;
	hdm->uio_count = FIELD_GET(CXL_SPEC_HDM_CAP_UIO_DECODER_COUNT, cap);
	return 0;
}

const char *cxl_spec_hdm_state_name(enum cxl_spec_hdm_state state)
{
	switch (state) {
	case CXL_SPEC_HDM_FREE:
		return "free";
	case CXL_SPEC_HDM_COMMITTED:
		return "committed";
	case CXL_SPEC_HDM_LOCKED:
		return "locked";
	case CXL_SPEC_HDM_ERROR:
		return "commit error";
	}
	return "?";
}

static int hdm_regs_read(const struct cxl_spec_hdm *hdm, unsigned int n,
			 struct hdm_regs *r)
{
	int rc;

	rc = hdm_read(hdm, CXL_SPEC_HDM_DEC_BASE_LOW(n), &r->base_lo);
	if (!rc)
		rc = hdm_read(hdm, CXL_SPEC_HDM_DEC_BASE_HIGH(n), &r->base_hi);
	if (!rc)
		rc = hdm_read(hdm, CXL_SPEC_HDM_DEC_SIZE_LOW(n), &r->size_lo);
	if (!rc)
		rc = hdm_read(hdm, CXL_SPEC_HDM_DEC_SIZE_HIGH(n), &r->size_hi);
	if (!rc)
		rc = hdm_read(hdm, CXL_SPEC_HDM_DEC_CTRL(n), &r->ctrl);
	if (!rc)
		rc = hdm_read(hdm, CXL_SPEC_HDM_DEC_TL_LOW(n), &r->tl_lo);
	if (!rc)
		rc = hdm_read(hdm, CXL_SPEC_HDM_DEC_TL_HIGH(n), &r->tl_hi);
	return rc;
}

/* Everything but Control, which is written last and alone. */
static int hdm_regs_write(const struct cxl_spec_hdm *hdm, unsigned int n,
			  const struct hdm_regs *r)
{
	int rc;

	rc = hdm_write(hdm, CXL_SPEC_HDM_DEC_BASE_LOW(n), r->base_lo);
	if (!rc)
		rc = hdm_write(hdm, CXL_SPEC_HDM_DEC_BASE_HIGH(n), r->base_hi);
	if (!rc)
		rc = hdm_write(hdm, CXL_SPEC_HDM_DEC_SIZE_LOW(n), r->size_lo);
	if (!rc)
		rc = hdm_write(hdm, CXL_SPEC_HDM_DEC_SIZE_HIGH(n), r->size_hi);
	if (!rc)
		rc = hdm_write(hdm, CXL_SPEC_HDM_DEC_TL_LOW(n), r->tl_lo);
	if (!rc)
		rc = hdm_write(hdm, CXL_SPEC_HDM_DEC_TL_HIGH(n), r->tl_hi);
	return rc;
}

static u64 hdm_u64(u32 hi, u32 lo)
{
	return FIELD_PREP(CXL_SPEC_HIGH_DWORD, hi) | (lo & CXL_SPEC_HDM_DEC_LOW_28);
}

static void hdm_decode(const struct cxl_spec_hdm *hdm, unsigned int n,
		       const struct hdm_regs *r, struct cxl_spec_hdm_decoder *dec)
{
	u32 ctrl = r->ctrl;

	memset(dec, 0, sizeof(*dec));
	dec->index = n;
	dec->base = hdm_u64(r->base_hi, r->base_lo);
	dec->size = hdm_u64(r->size_hi, r->size_lo);
	dec->ctrl = ctrl;
	dec->eig = FIELD_GET(CXL_SPEC_HDM_DEC_CTRL_IG, ctrl);
	dec->eiw = FIELD_GET(CXL_SPEC_HDM_DEC_CTRL_IW, ctrl);
	if (cxl_spec_eig_to_granularity(dec->eig, &dec->granularity))
		dec->granularity = 0;
	if (cxl_spec_eiw_to_ways(dec->eiw, &dec->ways))
		dec->ways = 0;
	dec->lock_on_commit = ctrl & CXL_SPEC_HDM_DEC_CTRL_LOCK_ON_COMMIT;
	dec->commit = ctrl & CXL_SPEC_HDM_DEC_CTRL_COMMIT;
	dec->committed = ctrl & CXL_SPEC_HDM_DEC_CTRL_COMMITTED;
	dec->err_not_committed = ctrl & CXL_SPEC_HDM_DEC_CTRL_ERR_NOT_COMMITTED;
	dec->hostonly = ctrl & CXL_SPEC_HDM_DEC_CTRL_HOSTONLY;
	dec->bi = ctrl & CXL_SPEC_HDM_DEC_CTRL_BI;
	dec->uio = ctrl & CXL_SPEC_HDM_DEC_CTRL_UIO;

	if (hdm->endpoint) {
		dec->dpa_skip = hdm_u64(r->tl_hi, r->tl_lo);
	} else {
		dec->targets[0] = FIELD_GET(CXL_SPEC_HDM_DEC_TL_WAY0, r->tl_lo);
		dec->targets[1] = FIELD_GET(CXL_SPEC_HDM_DEC_TL_WAY1, r->tl_lo);
		dec->targets[2] = FIELD_GET(CXL_SPEC_HDM_DEC_TL_WAY2, r->tl_lo);
		dec->targets[3] = FIELD_GET(CXL_SPEC_HDM_DEC_TL_WAY3, r->tl_lo);
		dec->targets[4] = FIELD_GET(CXL_SPEC_HDM_DEC_TL_WAY4, r->tl_hi);
		dec->targets[5] = FIELD_GET(CXL_SPEC_HDM_DEC_TL_WAY5, r->tl_hi);
		dec->targets[6] = FIELD_GET(CXL_SPEC_HDM_DEC_TL_WAY6, r->tl_hi);
		dec->targets[7] = FIELD_GET(CXL_SPEC_HDM_DEC_TL_WAY7, r->tl_hi);
	}

	if (dec->committed)
		dec->state = dec->lock_on_commit ? CXL_SPEC_HDM_LOCKED :
						   CXL_SPEC_HDM_COMMITTED;
	else if (dec->commit)
		dec->state = CXL_SPEC_HDM_ERROR;
	else
		dec->state = CXL_SPEC_HDM_FREE;
}

/**
 * cxl_spec_hdm_decoder_read - read the state of one decoder
 * @hdm: from cxl_spec_hdm_init()
 * @n: decoder number
 * @dec: filled in
 *
 * Return: 0, -EINVAL if there is no decoder @n, or -ENXIO if its control
 * register reads as all ones (the component is gone).
 */
int cxl_spec_hdm_decoder_read(const struct cxl_spec_hdm *hdm, unsigned int n,
			      struct cxl_spec_hdm_decoder *dec)
{
	struct hdm_regs r;
	int rc;

	if (n >= hdm->count)
		return -EINVAL;
	rc = hdm_regs_read(hdm, n, &r);
	if (rc)
		return rc;
	if (r.ctrl == ~0U)
		return -ENXIO;
	hdm_decode(hdm, n, &r, dec);
	return 0;
}

/* The address bits this component can select interleave targets with. */
static u32 hdm_interleave_bits(const struct cxl_spec_hdm *hdm)
{
	return (hdm->a11to8 ? GENMASK(11, 8) : 0) |
	       (hdm->a14to12 ? GENMASK(14, 12) : 0);
}

/*
 * Checks everything about @cfg that does not need the hardware's current
 * state, and encodes its interleave.
 */
static int hdm_check_cfg(const struct cxl_spec_hdm *hdm, unsigned int n,
			 const struct cxl_spec_hdm_decoder_cfg *cfg,
			 const struct cxl_spec_env *env, u8 *eiw, u8 *eig)
{
	unsigned int pow2_ways;
	u64 end, granule, rem;
	u32 bits;

	if (n >= hdm->count) {
		cxl_spec_report(env, "HDM decoder %u: only %u decoders", n, hdm->count);
		return -EINVAL;
	}
	if (cxl_spec_ways_to_eiw(cfg->ways, eiw) ||
	    cxl_spec_granularity_to_eig(cfg->granularity, eig)) {
		cxl_spec_report(env, "HDM decoder %u: %u ways of %u bytes is invalid",
				n, cfg->ways, cfg->granularity);
		return -EINVAL;
	}
	if ((cfg->ways % 3 == 0 && !hdm->iw_3_6_12) ||
	    (cfg->ways == 16 && !hdm->iw_16)) {
		cxl_spec_report(env, "HDM decoder %u: %u ways not supported",
				n, cfg->ways);
		return -EINVAL;
	}
	/* The power-of-two factor of the ways selects address bits. */
	pow2_ways = cfg->ways % 3 ? cfg->ways : cfg->ways / 3;
	if (pow2_ways > 1) {
		bits = GENMASK(ilog2(cfg->granularity) + ilog2(pow2_ways) - 1,
			       ilog2(cfg->granularity));
		if (bits & ~hdm_interleave_bits(hdm)) {
			cxl_spec_report(env, "HDM decoder %u: cannot interleave on bits %#x",
					n, bits);
			return -EINVAL;
		}
	}
	if (!hdm->endpoint && cfg->ways > hdm->target_count) {
		cxl_spec_report(env, "HDM decoder %u: %u ways exceed Target Count %u",
				n, cfg->ways, hdm->target_count);
		return -EINVAL;
	}

	/* A multiple of ways x 256 MiB is a multiple of 256 MiB as well. */
	granule = (u64)CXL_SPEC_HDM_GRANULE * cfg->ways;
	div64_u64_rem(cfg->size, granule, &rem);
	if (!IS_ALIGNED(cfg->base, CXL_SPEC_HDM_GRANULE) || !cfg->size || rem) {
		cxl_spec_report(env, "HDM decoder %u: base %#llx size %#llx misaligned, %u ways",
				n, cfg->base, cfg->size, cfg->ways);
		return -EINVAL;
	}
	if (check_add_overflow(cfg->base, cfg->size, &end)) {
		cxl_spec_report(env, "HDM decoder %u: base %#llx size %#llx wraps",
				n, cfg->base, cfg->size);
		return -EINVAL;
	}
	if (hdm->endpoint && !IS_ALIGNED(cfg->dpa_skip, CXL_SPEC_HDM_GRANULE)) {
		cxl_spec_report(env, "HDM decoder %u: DPA skip %#llx not 256 MiB aligned",
				n, cfg->dpa_skip);
		return -EINVAL;
	}
	return 0;
}

/* Checks the decoder against the state of its neighbours. */
static int hdm_check_order(const struct cxl_spec_hdm *hdm, unsigned int n,
			   const struct cxl_spec_hdm_decoder_cfg *cfg,
			   const struct cxl_spec_env *env)
{
	struct cxl_spec_hdm_decoder dec;
	unsigned int m;
	u64 end;
	int rc;

	rc = cxl_spec_hdm_decoder_read(hdm, n, &dec);
	if (rc)
		return rc;
	if (dec.state != CXL_SPEC_HDM_FREE) {
		cxl_spec_report(env, "HDM decoder %u is %s, not free",
				n, cxl_spec_hdm_state_name(dec.state));
		return -EBUSY;
	}
	if (n > 0) {
		rc = cxl_spec_hdm_decoder_read(hdm, n - 1, &dec);
		if (rc)
			return rc;
		if (!dec.committed) {
			cxl_spec_report(env, "HDM decoder %u: decoder %u not committed yet",
					n, n - 1);
			return -EINVAL;
		}
		if (check_add_overflow(dec.base, dec.size, &end) ||
		    end > cfg->base) {
			cxl_spec_report(env, "HDM decoder %u: base %#llx < end of %u",
					n, cfg->base, n - 1);
			return -EINVAL;
		}
	}
	for (m = n + 1; m < hdm->count; m++) {
		rc = cxl_spec_hdm_decoder_read(hdm, m, &dec);
		if (rc)
			return rc;
		if (dec.state != CXL_SPEC_HDM_FREE) {
			cxl_spec_report(env, "HDM decoder %u: decoder %u above is %s",
					n, m, cxl_spec_hdm_state_name(dec.state));
			return -EBUSY;
		}
	}
	return 0;
}

static void hdm_cfg_to_regs(const struct cxl_spec_hdm *hdm,
			    const struct cxl_spec_hdm_decoder_cfg *cfg,
			    struct hdm_regs *r)
{
	u8 t[CXL_SPEC_HDM_MAX_TARGETS] = { 0 };
	unsigned int i;

	r->base_lo = lower_32_bits(cfg->base) & CXL_SPEC_HDM_DEC_LOW_28;
	r->base_hi = upper_32_bits(cfg->base);
	r->size_lo = lower_32_bits(cfg->size) & CXL_SPEC_HDM_DEC_LOW_28;
	r->size_hi = upper_32_bits(cfg->size);
	if (hdm->endpoint) {
		r->tl_lo = lower_32_bits(cfg->dpa_skip) & CXL_SPEC_HDM_DEC_LOW_28;
		r->tl_hi = upper_32_bits(cfg->dpa_skip);
		return;
	}
	/* Ways beyond @ways are not decoded; keep them zero. */
	for (i = 0; i < cfg->ways && i < CXL_SPEC_HDM_MAX_TARGETS; i++)
		t[i] = cfg->targets[i];
	r->tl_lo = FIELD_PREP(CXL_SPEC_HDM_DEC_TL_WAY0, t[0]) |
		   FIELD_PREP(CXL_SPEC_HDM_DEC_TL_WAY1, t[1]) |
		   FIELD_PREP(CXL_SPEC_HDM_DEC_TL_WAY2, t[2]) |
		   FIELD_PREP(CXL_SPEC_HDM_DEC_TL_WAY3, t[3]);
	r->tl_hi = FIELD_PREP(CXL_SPEC_HDM_DEC_TL_WAY4, t[4]) |
		   FIELD_PREP(CXL_SPEC_HDM_DEC_TL_WAY5, t[5]) |
		   FIELD_PREP(CXL_SPEC_HDM_DEC_TL_WAY6, t[6]) |
		   FIELD_PREP(CXL_SPEC_HDM_DEC_TL_WAY7, t[7]);
}

static bool hdm_regs_match(const struct cxl_spec_hdm *hdm,
			   const struct hdm_regs *want, const struct hdm_regs *got)
{
	u32 tl_lo_mask = hdm->endpoint ? CXL_SPEC_HDM_DEC_LOW_28 : ~0U;

	return (got->base_lo & CXL_SPEC_HDM_DEC_LOW_28) == want->base_lo &&
	       got->base_hi == want->base_hi &&
	       (got->size_lo & CXL_SPEC_HDM_DEC_LOW_28) == want->size_lo &&
	       got->size_hi == want->size_hi &&
	       (got->tl_lo & tl_lo_mask) == want->tl_lo &&
	       got->tl_hi == want->tl_hi;
}

/*
 * Waits for the decoder to answer a change of Commit: after it was set,
 * for Committed (or Error Not Committed); after it was cleared
 * (@committing false), for Committed to drop (a Commit that stays set
 * means the registers are locked).
 */
static int hdm_await(const struct cxl_spec_hdm *hdm, unsigned int n,
		     bool committing, const struct cxl_spec_env *env)
{
	struct cxl_spec_deadline dl;
	u32 ctrl;
	int rc;

	cxl_spec_deadline_start(&dl, env, HDM_COMMIT_WAIT_US, HDM_POLL_US);
	for (;;) {
		rc = hdm_read(hdm, CXL_SPEC_HDM_DEC_CTRL(n), &ctrl);
		if (rc)
			return rc;
		if (ctrl == ~0U) {
			cxl_spec_report(env, "HDM decoder %u: control reads all ones", n);
			return -ENXIO;
		}
		if (committing && (ctrl & CXL_SPEC_HDM_DEC_CTRL_ERR_NOT_COMMITTED)) {
			cxl_spec_report(env, "HDM decoder %u: Error Not Committed", n);
			return -EIO;
		}
		if (!committing && (ctrl & CXL_SPEC_HDM_DEC_CTRL_COMMIT)) {
			cxl_spec_report(env, "HDM decoder %u: Commit stuck, registers locked",
					n);
			return -EPERM;
		}
		if (!!(ctrl & CXL_SPEC_HDM_DEC_CTRL_COMMITTED) == committing)
			return 0;
		if (cxl_spec_deadline_expired(&dl, env)) {
			cxl_spec_report(env, "HDM decoder %u: %s after %llu us", n,
					committing ? "not committed" : "still committed",
					cxl_spec_deadline_elapsed(&dl, env));
			return -ETIMEDOUT;
		}
		env->sleep_us(env->ctx, HDM_POLL_US);
	}
}

/*
 * Undo a failed commit: Commit off first, then, once the decoder has let
 * go, the old register values.  A commit that failed on a control read of
 * all ones may have gone through: a committed decoder ignores writes to
 * its base, size and target registers, so they are written only after
 * Committed drops.  If it does not, they are left alone (the wait said
 * why); with Commit clear the decoder decodes nothing once it lets go.
 */
static void hdm_restore(const struct cxl_spec_hdm *hdm, unsigned int n,
			const struct hdm_regs *saved, u32 ctrl,
			const struct cxl_spec_env *env)
{
	if (hdm_write(hdm, CXL_SPEC_HDM_DEC_CTRL(n),
		      ctrl & ~CXL_SPEC_HDM_DEC_CTRL_COMMIT) ||
	    hdm_await(hdm, n, false, env))
		return;
	hdm_regs_write(hdm, n, saved);
	hdm_write(hdm, CXL_SPEC_HDM_DEC_CTRL(n),
		  saved->ctrl & ~CXL_SPEC_HDM_DEC_CTRL_COMMIT);
}

/**
 * cxl_spec_hdm_commit - program and commit one decoder
 * @hdm: from cxl_spec_hdm_init()
 * @n: decoder number; decoders 0 .. n - 1 must be committed, n and above
 *	not
 * @cfg: what to program
 * @env: for time and reports
 *
 * Return: 0 once the decoder is committed; -EINVAL for a @cfg the spec or
 * the component does not allow or that breaks the commit order; -EBUSY if
 * decoder @n or one above it is not free; -EIO if the registers did not
 * take the values or the component answered Error Not Committed;
 * -ETIMEDOUT if it did not answer; -ENXIO if it is gone.  On every failure
 * after the first write, Commit is cleared and the decoder's registers
 * are restored.
 */
int cxl_spec_hdm_commit(const struct cxl_spec_hdm *hdm, unsigned int n,
			const struct cxl_spec_hdm_decoder_cfg *cfg,
			const struct cxl_spec_env *env)
{
	struct hdm_regs saved, want, got;
	u8 eiw, eig;
	u32 ctrl;
	int rc;

	rc = hdm_check_cfg(hdm, n, cfg, env, &eiw, &eig);
	if (rc)
		return rc;
	rc = hdm_check_order(hdm, n, cfg, env);
	if (rc)
		return rc;
	rc = hdm_regs_read(hdm, n, &saved);
	if (rc)
		return rc;

	hdm_cfg_to_regs(hdm, cfg, &want);
	rc = hdm_regs_write(hdm, n, &want);
	if (!rc)
		rc = hdm_regs_read(hdm, n, &got);
	if (rc)
		return rc;
	if (!hdm_regs_match(hdm, &want, &got)) {
		cxl_spec_report(env, "HDM decoder %u: registers ignore writes (locked?)",
				n);
		hdm_restore(hdm, n, &saved, saved.ctrl, env);
		return -EIO;
	}

	ctrl = FIELD_PREP(CXL_SPEC_HDM_DEC_CTRL_IG, eig) |
	       FIELD_PREP(CXL_SPEC_HDM_DEC_CTRL_IW, eiw) |
	       (cfg->lock_on_commit ? CXL_SPEC_HDM_DEC_CTRL_LOCK_ON_COMMIT : 0) |
	       (cfg->hostonly ? CXL_SPEC_HDM_DEC_CTRL_HOSTONLY : 0) |
	       CXL_SPEC_HDM_DEC_CTRL_COMMIT;
	rc = hdm_write(hdm, CXL_SPEC_HDM_DEC_CTRL(n), ctrl);
	if (!rc)
		rc = hdm_await(hdm, n, true, env);
	if (rc) {
		hdm_restore(hdm, n, &saved, ctrl, env);
		return rc;
	}
	return 0;
}

/**
 * cxl_spec_hdm_reset - uncommit one decoder and clear its registers
 * @hdm: from cxl_spec_hdm_init()
 * @n: decoder number; no decoder above it may be committed
 * @env: for time and reports
 *
 * A free decoder is left as it is.  A decoder in CXL_SPEC_HDM_ERROR state
 * gets Commit cleared and its registers zeroed.
 *
 * Return: 0; -EPERM if the decoder is locked (Lock On Commit, or its
 * registers ignore writes); -EBUSY if a decoder above it is committed;
 * -ETIMEDOUT if Committed did not drop; -EINVAL if there is no decoder
 * @n; -ENXIO if the component is gone.
 */
int cxl_spec_hdm_reset(const struct cxl_spec_hdm *hdm, unsigned int n,
		       const struct cxl_spec_env *env)
{
	static const struct hdm_regs zero;
	struct cxl_spec_hdm_decoder dec, above;
	unsigned int m;
	int rc;

	rc = cxl_spec_hdm_decoder_read(hdm, n, &dec);
	if (rc) {
		cxl_spec_report(env, "HDM decoder %u: cannot be read (%d)", n, rc);
		return rc;
	}
	if (dec.state == CXL_SPEC_HDM_FREE)
		return 0;
	if (dec.state == CXL_SPEC_HDM_LOCKED) {
		cxl_spec_report(env, "HDM decoder %u: Lock On Commit, adopt it", n);
		return -EPERM;
	}
	for (m = n + 1; m < hdm->count; m++) {
		rc = cxl_spec_hdm_decoder_read(hdm, m, &above);
		if (rc)
			return rc;
		if (above.committed) {
			cxl_spec_report(env, "HDM decoder %u: decoder %u above is committed",
					n, m);
			return -EBUSY;
		}
	}

	rc = hdm_write(hdm, CXL_SPEC_HDM_DEC_CTRL(n),
		       dec.ctrl & ~CXL_SPEC_HDM_DEC_CTRL_COMMIT);
	if (!rc)
		rc = hdm_await(hdm, n, false, env);
	if (!rc)
		rc = hdm_regs_write(hdm, n, &zero);
	if (!rc)
		rc = hdm_write(hdm, CXL_SPEC_HDM_DEC_CTRL(n), 0);
	return rc;
}

/**
 * cxl_spec_hdm_enabled - read HDM Decoder Enable
 * @hdm: from cxl_spec_hdm_init()
 * @enabled: its value
 *
 * Return: 0, or -EINVAL if the register is not mapped.
 */
int cxl_spec_hdm_enabled(const struct cxl_spec_hdm *hdm, bool *enabled)
{
	u32 gctrl;
	int rc;

	rc = hdm_read(hdm, CXL_SPEC_HDM_GLOBAL_CTRL, &gctrl);
	if (rc)
		return rc;
	*enabled = gctrl & CXL_SPEC_HDM_GLOBAL_CTRL_HDM_ENABLE;
	return 0;
}

/**
 * cxl_spec_hdm_dvsec_decoding - whether a device decodes with its DVSEC
 *	ranges rather than its HDM decoders
 * @hdm: the device's HDM decoder capability (an endpoint's)
 * @mem_enabled: Mem_Enable of its PCIe DVSEC for CXL Devices, read now
 * @dvsec: true if it does
 *
 * A device decodes CXL.mem through the ranges of its PCIe DVSEC for CXL
 * Devices while Mem_Enable is set and HDM Decoder Enable is not (CXL 2.0
 * 8.1.3.8, 8.2.5.12.2).  Firmware that set it up that way and committed no
 * HDM decoder relies on those ranges; setting HDM Decoder Enable would
 * move the device to decoders that map nothing.  A committed HDM decoder
 * means firmware chose HDM decoders, whatever the enable bit says now.
 * (The kernel's CXL core draws the same line before emulating decoders
 * from the DVSEC ranges.)
 *
 * Return: 0, or the error of a register read.
 */
int cxl_spec_hdm_dvsec_decoding(const struct cxl_spec_hdm *hdm,
				bool mem_enabled, bool *dvsec)
{
	struct cxl_spec_hdm_decoder dec;
	bool enabled;
	unsigned int n;
	int rc;

	*dvsec = false;
	if (!mem_enabled)
		return 0;
	rc = cxl_spec_hdm_enabled(hdm, &enabled);
	if (rc || enabled)
		return rc;
	for (n = 0; n < hdm->count; n++) {
		rc = cxl_spec_hdm_decoder_read(hdm, n, &dec);
		if (rc)
			return rc;
		if (dec.committed)
			return 0;
	}
	*dvsec = true;
	return 0;
}

/**
 * cxl_spec_hdm_enable - set HDM Decoder Enable in the global control
 * @hdm: from cxl_spec_hdm_init()
 * @env: for reports
 *
 * A device decodes CXL.mem with its DVSEC ranges until this bit is set;
 * ports may hardwire it to 0, so only a device is checked to keep it.
 * Whether to switch a device away from DVSEC range decoding is the
 * caller's decision.
 *
 * Return: 0, or -EIO if a device does not keep the bit set.
 */
int cxl_spec_hdm_enable(const struct cxl_spec_hdm *hdm,
			const struct cxl_spec_env *env)
{
	u32 gctrl;
	int rc;

	rc = hdm_read(hdm, CXL_SPEC_HDM_GLOBAL_CTRL, &gctrl);
	if (rc)
		return rc;
	if (gctrl & CXL_SPEC_HDM_GLOBAL_CTRL_HDM_ENABLE)
		return 0;
	rc = hdm_write(hdm, CXL_SPEC_HDM_GLOBAL_CTRL,
		       gctrl | CXL_SPEC_HDM_GLOBAL_CTRL_HDM_ENABLE);
	if (rc || !hdm->endpoint)
		return rc;
	rc = hdm_read(hdm, CXL_SPEC_HDM_GLOBAL_CTRL, &gctrl);
	if (rc)
		return rc;
	if (!(gctrl & CXL_SPEC_HDM_GLOBAL_CTRL_HDM_ENABLE)) {
		cxl_spec_report(env, "HDM Decoder Enable does not stick (%#x)", gctrl);
		return -EIO;
	}
	return 0;
}

/**
 * cxl_spec_hdm_dpa_range - the device physical addresses a decoder maps
 * @hdm: from cxl_spec_hdm_init(), an endpoint's
 * @n: decoder number; decoders below it must be committed
 * @env: for reports
 * @dpa_base: first DPA of decoder @n
 * @dpa_size: bytes of DPA decoder @n maps
 *
 * Decoder n's DPA starts where decoder n - 1's ends plus n's DPA Skip;
 * each decoder maps its HPA size divided by its interleave ways.
 *
 * Return: 0, or -EINVAL if @hdm is a port's, there is no decoder @n, a
 * decoder below it is not committed or a decoder has reserved ways.
 */
int cxl_spec_hdm_dpa_range(const struct cxl_spec_hdm *hdm, unsigned int n,
			   const struct cxl_spec_env *env, u64 *dpa_base,
			   u64 *dpa_size)
{
	struct cxl_spec_hdm_decoder dec;
	unsigned int m;
	u64 dpa = 0, len;
	int rc;

	if (!hdm->endpoint || n >= hdm->count)
		return -EINVAL;
	for (m = 0; m <= n; m++) {
		rc = cxl_spec_hdm_decoder_read(hdm, m, &dec);
		if (rc)
			return rc;
		if (m < n && !dec.committed) {
			cxl_spec_report(env, "HDM decoder %u: decoder %u not committed",
					n, m);
			return -EINVAL;
		}
		if (!dec.ways) {
			cxl_spec_report(env, "HDM decoder %u: reserved IW %#x", m, dec.eiw);
			return -EINVAL;
		}
		len = div_u64(dec.size, dec.ways);
		if (check_add_overflow(dpa, dec.dpa_skip, &dpa) ||
		    (m < n && check_add_overflow(dpa, len, &dpa))) {
			cxl_spec_report(env, "HDM decoder %u: DPA overflows at decoder %u",
					n, m);
			return -EINVAL;
		}
		if (m == n) {
			*dpa_base = dpa;
			*dpa_size = len;
		}
	}
	/* firmware's skip can put the end past 2^64 */
	if (check_add_overflow(*dpa_base, *dpa_size, &dpa)) {
		cxl_spec_report(env, "HDM decoder %u: DPA base %#llx + size %#llx overflows",
				n, *dpa_base, *dpa_size);
		return -EINVAL;
	}
	return 0;
}
