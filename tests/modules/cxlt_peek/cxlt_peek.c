// SPDX-License-Identifier: GPL-2.0-only
/*
 * A test-only reader of device registers by physical address, so that the
 * guest tests can check what the hardware decodes through a path that
 * shares nothing with cxl_accel.
 *
 * busybox devmem does the same through /dev/mem, but the kernel refuses
 * /dev/mem on ranges a driver has requested (the CXL core requests the
 * ports' component registers, cxl_accel the device's) unless the guest
 * boots with iomem=relaxed, and that would void the tests' check that the
 * region itself is out of /dev/mem's reach.
 *
 * /sys/kernel/debug/cxlt_peek/addr	the physical address (write it)
 * /sys/kernel/debug/cxlt_peek/u32	the 32-bit register there (read it)
 *
 * Reading only, 32 bits, aligned, and never RAM: it is a tool for MMIO.
 */

#include <linux/debugfs.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/module.h>

static struct dentry *peek_dir;
static u64 peek_addr;

static int peek_u32_get(void *data, u64 *val)
{
	void __iomem *va;

	if (peek_addr & 3)
		return -EINVAL;
	/* ioremap() of RAM warns: refuse it first, quietly */
	if (region_intersects(peek_addr, 4, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT)
		return -EINVAL;
	va = ioremap(peek_addr, 4);
	if (!va)
		return -ENOMEM;
	*val = readl(va);
	iounmap(va);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(peek_u32_fops, peek_u32_get, NULL, "0x%08llx\n");

static int __init cxlt_peek_init(void)
{
	peek_dir = debugfs_create_dir("cxlt_peek", NULL);
	debugfs_create_x64("addr", 0600, peek_dir, &peek_addr);
	debugfs_create_file_unsafe("u32", 0400, peek_dir, NULL, &peek_u32_fops);
	return 0;
}
module_init(cxlt_peek_init);

static void __exit cxlt_peek_exit(void)
{
	debugfs_remove_recursive(peek_dir);
}
module_exit(cxlt_peek_exit);

MODULE_DESCRIPTION("Test-only MMIO register reader for cxl_accel's guest tests");
MODULE_LICENSE("GPL");
