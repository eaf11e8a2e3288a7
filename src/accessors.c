// SPDX-License-Identifier: GPL-2.0-only
/*
 * The spec layer's accessors (src/spec/access.h) on real hardware: PCI
 * configuration cycles, ioremap()ed register blocks, fsleep() and ktime,
 * and dev_warn() for reports (dev_info() for quirks that are worked
 * around).  The spec layer has already checked every offset against the
 * block's size and alignment.
 */

#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/pci.h>

#include "fault.h"
#include "internal.h"

atomic64_t cxl_accel_reg_accesses = ATOMIC64_INIT(0);

static int cfg_read16(void *ctx, unsigned int off, u16 *val)
{
	int rc = pcibios_err_to_errno(pci_read_config_word(ctx, off, val));

	atomic64_inc(&cxl_accel_reg_accesses);
	if (!rc)
		*val = cxl_accel_fault_cfg_read16(ctx, off, *val);
	return rc;
}

static int cfg_read32(void *ctx, unsigned int off, u32 *val)
{
	int rc = pcibios_err_to_errno(pci_read_config_dword(ctx, off, val));

	atomic64_inc(&cxl_accel_reg_accesses);
	if (!rc)
		*val = cxl_accel_fault_cfg_read32(ctx, off, *val);
	return rc;
}

static int cfg_write16(void *ctx, unsigned int off, u16 val)
{
	atomic64_inc(&cxl_accel_reg_accesses);
	cxl_accel_fault_cfg_write16(ctx, off, val);
	return pcibios_err_to_errno(pci_write_config_word(ctx, off, val));
}

static int cfg_write32(void *ctx, unsigned int off, u32 val)
{
	atomic64_inc(&cxl_accel_reg_accesses);
	return pcibios_err_to_errno(pci_write_config_dword(ctx, off, val));
}

void cxl_accel_cfg_init(struct cxl_spec_cfg *cfg, struct pci_dev *pdev)
{
	*cfg = (struct cxl_spec_cfg) {
		.ctx = pdev,
		.read16 = cfg_read16,
		.read32 = cfg_read32,
		.write16 = cfg_write16,
		.write32 = cfg_write32,
	};
}

static u32 mmio_read32(void *ctx, u32 off)
{
	struct cxl_accel_mmio *m = ctx;

	atomic64_inc(&cxl_accel_reg_accesses);
	return cxl_accel_fault_mmio_read(m, off, readl(m->base + off));
}

static void mmio_write32(void *ctx, u32 off, u32 val)
{
	struct cxl_accel_mmio *m = ctx;

	atomic64_inc(&cxl_accel_reg_accesses);
	cxl_accel_fault_mmio_write(m, off, val);
	writel(val, m->base + off);
}

/**
 * cxl_accel_mmio_map() - map a register block for the spec layer
 * @m: filled in
 * @phys: physical address of the block
 * @size: bytes to map
 *
 * The block is not requested: it sits inside a BAR that belongs to the
 * vendor driver (or, for a host bridge, to the platform), which may well
 * have requested the whole BAR itself.
 *
 * Context: process.
 * Return: 0 or -ENOMEM.
 */
int cxl_accel_mmio_map(struct cxl_accel_mmio *m, resource_size_t phys,
		       u32 size)
{
	m->base = ioremap(phys, size);
	if (!m->base)
		return -ENOMEM;
	m->phys = phys;
	m->mmio = (struct cxl_spec_mmio) {
		.ctx = m,
		.size = size,
		.read32 = mmio_read32,
		.write32 = mmio_write32,
	};
	return 0;
}

void cxl_accel_mmio_unmap(struct cxl_accel_mmio *m)
{
	if (m->base)
		iounmap(m->base);
	m->base = NULL;
}

atomic64_t cxl_accel_wait_ns = ATOMIC64_INIT(0);

static void env_sleep_us(void *ctx, unsigned int us)
{
	u64 t0 = ktime_get_ns();

	fsleep(us);
	atomic64_add(ktime_get_ns() - t0, &cxl_accel_wait_ns);
}

static u64 env_now_us(void *ctx)
{
	return ktime_to_us(ktime_get());
}

/*
 * One line about what the hardware or firmware presented: a warning, or,
 * for a quirk that is worked around, an info line.
 */
static __printf(3, 0) void env_print(struct device *dev, bool note,
				     const char *fmt, va_list args)
{
	struct va_format vaf = { .fmt = fmt };
	va_list ap;

	/* a va_list parameter is a pointer on x86-64: %pV needs the object */
	va_copy(ap, args);
	vaf.va = &ap;
	if (note)
		dev_info(dev, "%pV\n", &vaf);
	else
		dev_warn(dev, "%pV\n", &vaf);
	va_end(ap);
}

static __printf(2, 0) void env_vreport(void *ctx, const char *fmt, va_list args)
{
	env_print(ctx, false, fmt, args);
}

static __printf(2, 0) void env_vnote(void *ctx, const char *fmt, va_list args)
{
	env_print(ctx, true, fmt, args);
}

void cxl_accel_env_init(struct cxl_spec_env *env, struct device *dev)
{
	*env = (struct cxl_spec_env) {
		.ctx = dev,
		.sleep_us = env_sleep_us,
		.now_us = env_now_us,
		.vreport = env_vreport,
		.vnote = env_vnote,
	};
}
