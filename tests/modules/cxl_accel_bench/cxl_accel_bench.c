// SPDX-License-Identifier: GPL-2.0-only
/*
 * make bench's consumer of cxl_accel (tests/bench): it times what a vendor
 * driver does with a region, and the same accesses through a mapping it
 * makes itself of the same host physical range, the reference a driver
 * without cxl_accel would use.  Like cxl_accel_test it matches no device
 * by ID: the guest takes a device over with driver_override.
 *
 * /sys/kernel/debug/cxl_accel_bench/now reads ktime_get_ns(): the clock the
 * guest scripts time sysfs writes with (the kernel's own region creation),
 * the one this module times with.
 *
 * /sys/kernel/debug/cxl_accel_bench/<pci address>/ctl takes one command per
 * write, and .../result holds the last one's lines:
 *	setup SIZE		cxl_accel_region_request() and
 *				cxl_accel_region_map(): "setup rc= request_ns=
 *				map_ns=" (the region is kept for the next
 *				commands)
 *	release			unmap and put it (if data dropped the
 *				mapping, just put it): "release rc= ns="
 *	data wb|wc BYTES	BYTES at the region's start, through
 *				cxl_accel_region_map() (view "region") and
 *				through memremap() of the same range (view
 *				"raw"), each view in turn: sequential 64-bit
 *				writes, reads, a copy of the first half to the
 *				second, and dependent loads along a random
 *				cycle of 64-byte lines ("chase"), one line
 *				"data MODE VIEW OP BYTES NS" each (for chase,
 *				BYTES is the number of loads); setup's
 *				mapping is dropped first (x86 PAT allows
 *				no WC mapping beside a WB one)
 */

#include <linux/debugfs.h>
#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include <cxl_accel.h>

#define RESULT_BUF	1024
#define LINE		64

struct bench_dev {
	struct pci_dev *pdev;
	struct cxl_accel_dev *cxlad;
	/* serialises commands, the region and the result */
	struct mutex lock;
	struct cxl_accel_region *r;
	void *va;
	char *result;
	size_t len;
	struct dentry *dir;
};

static struct dentry *bench_root;

static __printf(2, 3) void result_add(struct bench_dev *bd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bd->len += vscnprintf(bd->result + bd->len, RESULT_BUF - bd->len, fmt, ap);
	va_end(ap);
}

static void bench_release(struct bench_dev *bd)
{
	if (bd->va)
		cxl_accel_region_unmap(bd->r, bd->va);
	bd->va = NULL;
	cxl_accel_region_put(bd->r);
	bd->r = NULL;
}

static int bench_setup(struct bench_dev *bd, u64 size)
{
	struct cxl_accel_region *r;
	u64 t0, t1, t2;
	void *va;

	if (bd->r)
		return -EBUSY;
	t0 = ktime_get_ns();
	r = cxl_accel_region_request(bd->cxlad, CXL_ACCEL_MODE_RAM, size, 0);
	t1 = ktime_get_ns();
	if (IS_ERR(r))
		return PTR_ERR(r);
	va = cxl_accel_region_map(r, 0);
	t2 = ktime_get_ns();
	if (IS_ERR(va)) {
		cxl_accel_region_put(r);
		return PTR_ERR(va);
	}
	bd->r = r;
	bd->va = va;
	result_add(bd, "setup rc=0 request_ns=%llu map_ns=%llu\n", t1 - t0,
		   t2 - t1);
	return 0;
}

/*
 * Under TCG a pass over 64 MiB of emulated CXL memory takes seconds (a
 * copy, tens of seconds): each pass yields the CPU every CHUNK bytes, or
 * the soft-lockup watchdog fires (seen: memcpy() of 32 MiB, 22 s).
 */
#define CHUNK		SZ_1M

/* The four passes over one view; the compiler may drop none of them. */
static void bench_view(struct bench_dev *bd, const char *mode,
		       const char *view, void *va, u64 bytes)
{
	u64 *w = va, n = bytes / 8, lines = bytes / LINE, i, t0, sum = 0;
	u64 at = 0, off, len;

	t0 = ktime_get_ns();
	for (i = 0; i < n; i++) {
		WRITE_ONCE(w[i], i);
		if (!(i % (CHUNK / 8)))
			cond_resched();
	}
	result_add(bd, "data %s %s write %llu %llu\n", mode, view, bytes,
		   ktime_get_ns() - t0);

	t0 = ktime_get_ns();
	for (i = 0; i < n; i++) {
		sum += READ_ONCE(w[i]);
		if (!(i % (CHUNK / 8)))
			cond_resched();
	}
	result_add(bd, "data %s %s read %llu %llu\n", mode, view, bytes,
		   ktime_get_ns() - t0);

	t0 = ktime_get_ns();
	for (off = 0; off < bytes / 2; off += len) {
		len = min_t(u64, CHUNK, bytes / 2 - off);
		memcpy(va + bytes / 2 + off, va + off, len);
		cond_resched();
	}
	result_add(bd, "data %s %s copy %llu %llu\n", mode, view, bytes / 2,
		   ktime_get_ns() - t0);

	/*
	 * Each line's first word the index of the next line, in one random
	 * cycle through them all (Sattolo's shuffle of the identity): every
	 * load waits for the one before it, and the order defeats any
	 * prefetcher.
	 */
	for (i = 0; i < lines; i++)
		WRITE_ONCE(w[i * (LINE / 8)], i);
	for (i = lines - 1; i > 0; i--) {
		u64 j = get_random_u32_below(i), a, b;

		a = READ_ONCE(w[i * (LINE / 8)]);
		b = READ_ONCE(w[j * (LINE / 8)]);
		WRITE_ONCE(w[i * (LINE / 8)], b);
		WRITE_ONCE(w[j * (LINE / 8)], a);
		if (!(i % (CHUNK / LINE)))
			cond_resched();
	}
	t0 = ktime_get_ns();
	for (i = 0; i < lines; i++) {
		at = READ_ONCE(w[at * (LINE / 8)]);
		if (!(i % (CHUNK / LINE)))
			cond_resched();
	}
	result_add(bd, "data %s %s chase %llu %llu\n", mode, view, lines,
		   ktime_get_ns() - t0);
	/* keeps the loops: a sum and a position nobody else reads */
	result_add(bd, "sink %s %s %llx\n", mode, view, sum ^ at);
}

static int bench_data(struct bench_dev *bd, bool wc, u64 bytes)
{
	const char *mode = wc ? "wc" : "wb";
	struct range hpa;
	void *region, *raw;

	if (!bd->r)
		return -ENOENT;
	cxl_accel_region_range(bd->r, &hpa);
	if (!bytes || bytes % (2 * LINE) || bytes > range_len(&hpa))
		return -EINVAL;
	/* x86 PAT refuses a WC mapping of a range mapped WB: setup's goes */
	if (bd->va)
		cxl_accel_region_unmap(bd->r, bd->va);
	bd->va = NULL;
	region = cxl_accel_region_map(bd->r, wc ? CXL_ACCEL_MAP_WC : 0);
	if (IS_ERR(region))
		return PTR_ERR(region);
	raw = memremap(hpa.start, bytes, wc ? MEMREMAP_WC : MEMREMAP_WB);
	if (raw) {
		bench_view(bd, mode, "region", region, bytes);
		bench_view(bd, mode, "raw", raw, bytes);
		memunmap(raw);
	}
	cxl_accel_region_unmap(bd->r, region);
	return raw ? 0 : -ENOMEM;
}

static int bench_cmd(struct bench_dev *bd, char *cmd)
{
	char *argv[4];
	int argc = 0, rc;
	u64 t0, v;
	char *p;

	while ((p = strsep(&cmd, " \t\n")) && argc < ARRAY_SIZE(argv))
		if (*p)
			argv[argc++] = p;
	if (!argc)
		return -EINVAL;
	if (!strcmp(argv[0], "setup") && argc == 2) {
		rc = kstrtou64(argv[1], 0, &v);
		return rc ?: bench_setup(bd, v);
	}
	if (!strcmp(argv[0], "release") && argc == 1) {
		if (!bd->r)
			return -ENOENT;
		t0 = ktime_get_ns();
		bench_release(bd);
		result_add(bd, "release rc=0 ns=%llu\n", ktime_get_ns() - t0);
		return 0;
	}
	if (!strcmp(argv[0], "data") && argc == 3 &&
	    (!strcmp(argv[1], "wb") || !strcmp(argv[1], "wc"))) {
		rc = kstrtou64(argv[2], 0, &v);
		return rc ?: bench_data(bd, !strcmp(argv[1], "wc"), v);
	}
	return -EINVAL;
}

static ssize_t ctl_write(struct file *file, const char __user *ubuf,
			 size_t len, loff_t *ppos)
{
	struct bench_dev *bd = file->private_data;
	char *buf;
	int rc;

	buf = memdup_user_nul(ubuf, min_t(size_t, len, 128));
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	mutex_lock(&bd->lock);
	bd->len = 0;
	bd->result[0] = '\0';
	rc = bench_cmd(bd, buf);
	if (rc)
		result_add(bd, "rc=%d\n", rc);
	mutex_unlock(&bd->lock);
	kfree(buf);
	return rc ?: len;
}

static const struct file_operations ctl_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = ctl_write,
};

static int result_show(struct seq_file *s, void *unused)
{
	struct bench_dev *bd = s->private;

	mutex_lock(&bd->lock);
	seq_puts(s, bd->result);
	mutex_unlock(&bd->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(result);

static int now_show(struct seq_file *s, void *unused)
{
	seq_printf(s, "%llu\n", ktime_get_ns());
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(now);

static void bench_teardown(void *data)
{
	struct bench_dev *bd = data;

	debugfs_remove_recursive(bd->dir);
	mutex_lock(&bd->lock);
	if (bd->r)
		bench_release(bd);
	mutex_unlock(&bd->lock);
}

static int cxl_accel_bench_probe(struct pci_dev *pdev,
				 const struct pci_device_id *id)
{
	struct bench_dev *bd;
	int rc;

	rc = pcim_enable_device(pdev);
	if (rc)
		return rc;
	bd = devm_kzalloc(&pdev->dev, sizeof(*bd), GFP_KERNEL);
	if (!bd)
		return -ENOMEM;
	bd->result = devm_kzalloc(&pdev->dev, RESULT_BUF, GFP_KERNEL);
	if (!bd->result)
		return -ENOMEM;
	bd->pdev = pdev;
	mutex_init(&bd->lock);
	bd->cxlad = devm_cxl_accel_probe(pdev);
	if (IS_ERR(bd->cxlad))
		return dev_err_probe(&pdev->dev, PTR_ERR(bd->cxlad),
				     "not a usable CXL accelerator\n");
	bd->dir = debugfs_create_dir(pci_name(pdev), bench_root);
	debugfs_create_file("ctl", 0200, bd->dir, bd, &ctl_fops);
	debugfs_create_file("result", 0400, bd->dir, bd, &result_fops);
	pci_set_drvdata(pdev, bd);
	return devm_add_action_or_reset(&pdev->dev, bench_teardown, bd);
}

static struct pci_driver cxl_accel_bench_driver = {
	.name = "cxl_accel_bench",
	.probe = cxl_accel_bench_probe,
};

static int __init cxl_accel_bench_init(void)
{
	int rc;

	bench_root = debugfs_create_dir("cxl_accel_bench", NULL);
	debugfs_create_file("now", 0400, bench_root, NULL, &now_fops);
	rc = pci_register_driver(&cxl_accel_bench_driver);
	if (rc)
		debugfs_remove_recursive(bench_root);
	return rc;
}

static void __exit cxl_accel_bench_exit(void)
{
	pci_unregister_driver(&cxl_accel_bench_driver);
	debugfs_remove_recursive(bench_root);
}

module_init(cxl_accel_bench_init);
module_exit(cxl_accel_bench_exit);

MODULE_DESCRIPTION("make bench's consumer of cxl_accel");
MODULE_LICENSE("GPL");
CXL_ACCEL_IMPORT_NS();
