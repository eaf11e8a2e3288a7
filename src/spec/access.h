/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The accessor interface of the spec layer.
 *
 * Everything under src/spec/ is compiled into the module and into the host
 * unit tests, so it never touches a pci_dev, an __iomem pointer, a clock or
 * printk directly.  It is handed these three instead:
 *
 *  - struct cxl_spec_cfg: the PCI configuration space of one function.
 *    16-bit accessors exist because DVSEC control and status registers
 *    share a dword and status bits are RW1C: a 32-bit read-modify-write of
 *    the control register would clear pending status bits.
 *  - struct cxl_spec_mmio: one mapped register block.  The spec code checks
 *    every offset against @size before calling the accessor, so an
 *    implementation may simply add the offset to its mapping.
 *  - struct cxl_spec_env: time and reporting.  Every wait is bounded by
 *    now_us() and by a poll count, so a simulator can run on virtual time
 *    and a frozen clock still cannot hang us.  The spec code reports
 *    through cxl_spec_report(), which hands a va_list to vreport().
 *
 * All callbacks are mandatory.  Callers must be able to sleep.
 */
#ifndef CXL_ACCEL_SPEC_ACCESS_H
#define CXL_ACCEL_SPEC_ACCESS_H

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/stdarg.h>
#include <linux/types.h>

/* PCIe extended configuration space of one function, in bytes. */
#define CXL_SPEC_CFG_SIZE	0x1000

/**
 * struct cxl_spec_cfg - configuration space accessors of one PCI function
 * @ctx: passed back to every callback
 * @read16: read the 16-bit register at @off (2-byte aligned)
 * @read32: read the 32-bit register at @off (4-byte aligned)
 * @write16: write the 16-bit register at @off (2-byte aligned)
 * @write32: write the 32-bit register at @off (4-byte aligned)
 *
 * Each returns 0 or a negative errno.  Offsets are below CXL_SPEC_CFG_SIZE
 * and aligned; the inline wrappers below guarantee it.
 */
struct cxl_spec_cfg {
	void *ctx;
	int (*read16)(void *ctx, unsigned int off, u16 *val);
	int (*read32)(void *ctx, unsigned int off, u32 *val);
	int (*write16)(void *ctx, unsigned int off, u16 val);
	int (*write32)(void *ctx, unsigned int off, u32 val);
};

/**
 * struct cxl_spec_mmio - one mapped register block
 * @ctx: passed back to every callback
 * @size: bytes mapped; no access reaches at or beyond it
 * @read32: read the 32-bit register at byte offset @off
 * @write32: write the 32-bit register at byte offset @off
 *
 * MMIO cannot fail the way config cycles can; a register of a device that
 * is gone reads as all ones, and the spec code checks for that where a
 * register cannot legitimately be all ones.
 */
struct cxl_spec_mmio {
	void *ctx;
	u32 size;
	u32 (*read32)(void *ctx, u32 off);
	void (*write32)(void *ctx, u32 off, u32 val);
};

/**
 * struct cxl_spec_env - time and reporting
 * @ctx: passed back to every callback
 * @sleep_us: sleep for about @us microseconds (may sleep longer)
 * @now_us: a monotonic clock in microseconds
 * @vreport: print one line (@fmt has no trailing newline) about malformed
 *	or untrusted hardware or firmware content, or about a failed
 *	operation
 * @vnote: print one line about content that breaks a rule of the spec in
 *	a way that is worked around (a structure ignored, another used),
 *	which is nothing a reader needs to act on; NULL to use @vreport
 */
struct cxl_spec_env {
	void *ctx;
	void (*sleep_us)(void *ctx, unsigned int us);
	u64 (*now_us)(void *ctx);
	void (*vreport)(void *ctx, const char *fmt, va_list args) __printf(2, 0);
	void (*vnote)(void *ctx, const char *fmt, va_list args) __printf(2, 0);
};

__printf(2, 3) void cxl_spec_report(const struct cxl_spec_env *env,
				    const char *fmt, ...);
__printf(2, 3) void cxl_spec_note(const struct cxl_spec_env *env,
				  const char *fmt, ...);

static inline bool cxl_spec_cfg_ok(unsigned int off, unsigned int width)
{
	return off < CXL_SPEC_CFG_SIZE && CXL_SPEC_CFG_SIZE - off >= width &&
	       !(off & (width - 1));
}

static inline int cxl_spec_cfg_read16(const struct cxl_spec_cfg *cfg,
				      unsigned int off, u16 *val)
{
	if (!cxl_spec_cfg_ok(off, 2))
		return -EINVAL;
	return cfg->read16(cfg->ctx, off, val);
}

static inline int cxl_spec_cfg_read32(const struct cxl_spec_cfg *cfg,
				      unsigned int off, u32 *val)
{
	if (!cxl_spec_cfg_ok(off, 4))
		return -EINVAL;
	return cfg->read32(cfg->ctx, off, val);
}

static inline int cxl_spec_cfg_write16(const struct cxl_spec_cfg *cfg,
				       unsigned int off, u16 val)
{
	if (!cxl_spec_cfg_ok(off, 2))
		return -EINVAL;
	return cfg->write16(cfg->ctx, off, val);
}

static inline int cxl_spec_cfg_write32(const struct cxl_spec_cfg *cfg,
				       unsigned int off, u32 val)
{
	if (!cxl_spec_cfg_ok(off, 4))
		return -EINVAL;
	return cfg->write32(cfg->ctx, off, val);
}

static inline bool cxl_spec_mmio_ok(const struct cxl_spec_mmio *mmio, u32 off)
{
	return off < mmio->size && mmio->size - off >= 4 && !(off & 3);
}

static inline int cxl_spec_mmio_read32(const struct cxl_spec_mmio *mmio,
				       u32 off, u32 *val)
{
	if (!cxl_spec_mmio_ok(mmio, off))
		return -EINVAL;
	*val = mmio->read32(mmio->ctx, off);
	return 0;
}

static inline int cxl_spec_mmio_write32(const struct cxl_spec_mmio *mmio,
					u32 off, u32 val)
{
	if (!cxl_spec_mmio_ok(mmio, off))
		return -EINVAL;
	mmio->write32(mmio->ctx, off, val);
	return 0;
}

#endif /* CXL_ACCEL_SPEC_ACCESS_H */
