// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fault injection for the tests (see fault.h); built into test builds only.
 *
 * debugfs cxl_accel/fault takes one command per write:
 *
 *   STEP ERRNO [NTH]        the NTH time (default 1) STEP is reached from
 *                           now on, it fails with -ERRNO; once
 *   commit_error [NTH]      the NTH decoder commit from now on answers
 *                           Error Not Committed (the registers read so
 *                           until Commit is cleared)
 *   commit_timeout [NTH]    ...never answers (Committed stays clear)
 *   all_ones [NTH [COUNT]]  once the NTH decoder commit from now on is
 *                           written, the next COUNT reads (default 1) of
 *                           any component register return all ones, as
 *                           from a device that dropped off the link
 *   mem_inactive            Memory_Active reads clear until "off"
 *   gone                    the device has dropped off the link (surprise
 *                           removal): until "off", its presence check
 *                           fails and, once that was asked, its
 *                           component registers read all ones
 *   core_desync [NTH]       the NTH write of the CXL core's decoder
 *                           objects for a commit from now on writes a
 *                           wrong start (what a layout whose meaning
 *                           changed would do), for the check after it
 *   off                     disarm
 *   retry                   try the parked regions again now
 *   pause POINT MS          the next time POINT is reached (released:
 *                           a region's last reference has gone, before it
 *                           leaves the registry; returned: a new region
 *                           has let go of its locks and is not yet
 *                           returned; claiming: a claim of a whole
 *                           window, between its probe and the claim
 *                           itself), it sleeps MS milliseconds, so that
 *                           a test can act inside that race window
 *
 * and reads back what is armed, how often its point was reached and
 * whether it fired, so that a test can tell an injected failure from a
 * point that was never reached.  One fault at a time, for the whole
 * module: the guest tests drive one device.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/error-injection.h>
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "fault.h"
#include "internal.h"
#include "spec/cxl_regs.h"

enum fault_kind {
	FAULT_NONE,
	FAULT_STEP,
	FAULT_COMMIT_ERROR,
	FAULT_COMMIT_TIMEOUT,
	FAULT_ALL_ONES,
	FAULT_MEM_INACTIVE,
	FAULT_GONE,
	FAULT_PAUSE,
	FAULT_CXL_RESET,
	FAULT_CXL_RESET_ERROR,
	FAULT_UNTESTED_LAYOUT,
	FAULT_CORE_DESYNC,
};

static const char *const kind_name[] = {
	[FAULT_NONE] = "off",
	[FAULT_STEP] = "step",
	[FAULT_COMMIT_ERROR] = "commit_error",
	[FAULT_COMMIT_TIMEOUT] = "commit_timeout",
	[FAULT_ALL_ONES] = "all_ones",
	[FAULT_MEM_INACTIVE] = "mem_inactive",
	[FAULT_GONE] = "gone",
	[FAULT_PAUSE] = "pause",
	[FAULT_CXL_RESET] = "cxl_reset",
	[FAULT_CXL_RESET_ERROR] = "cxl_reset_error",
	[FAULT_UNTESTED_LAYOUT] = "untested_layout",
	[FAULT_CORE_DESYNC] = "core_desync",
};

static const char *const pause_name[CXL_ACCEL_PAUSE_NR_POINTS] = {
	[CXL_ACCEL_PAUSE_RELEASED] = "released",
	[CXL_ACCEL_PAUSE_RETURNED] = "returned",
	[CXL_ACCEL_PAUSE_CLAIMING] = "claiming",
};

static const char *const step_name[CXL_ACCEL_FAULT_NR_STEPS] = {
	[CXL_ACCEL_FAULT_PROBE_DVSEC] = "probe_dvsec",
	[CXL_ACCEL_FAULT_PROBE_REGS] = "probe_regs",
	[CXL_ACCEL_FAULT_PROBE_PATH] = "probe_path",
	[CXL_ACCEL_FAULT_DPA] = "dpa",
	[CXL_ACCEL_FAULT_MEM_ACTIVE] = "mem_active",
	[CXL_ACCEL_FAULT_WINDOW] = "window",
	[CXL_ACCEL_FAULT_CLAIM] = "claim",
	[CXL_ACCEL_FAULT_COMMIT] = "commit",
	[CXL_ACCEL_FAULT_CORE] = "core",
	[CXL_ACCEL_FAULT_ENABLE] = "enable",
	[CXL_ACCEL_FAULT_INVALIDATE] = "invalidate",
	[CXL_ACCEL_FAULT_PUBLISH] = "publish",
	[CXL_ACCEL_FAULT_ADOPT_READ] = "adopt_read",
	[CXL_ACCEL_FAULT_RELEASE] = "release",
	[CXL_ACCEL_FAULT_HANDOFF] = "handoff",
};

/*
 * The armed fault.  A spinlock: the register hooks run inside
 * mutex-protected register sequences and must not sleep or nest.
 */
static DEFINE_SPINLOCK(fault_lock);
static struct {
	enum fault_kind kind;
	unsigned int step;
	int err;
	unsigned int nth;
	unsigned int count;
	unsigned int hits;
	unsigned int fired;
	/*
	 * the decoder whose commit is being faked (commit_*), or the
	 * component registers of the device that is gone
	 */
	const struct cxl_accel_mmio *m;
	u32 ctrl;
	/* all_ones: reads left to spoil once it fired */
	unsigned int left;
	/* mem_inactive, cxl_reset: the device and its DVSEC for CXL Devices */
	struct pci_dev *pdev;
	u16 dvsec;
	/* cxl_reset: the endpoint's component registers and decoders */
	const struct cxl_accel_mmio *ep;
	unsigned int nr;
	bool initiated;
} fault;

static int fault_step(enum cxl_accel_fault_step step)
{
	int rc = 0;

	spin_lock(&fault_lock);
	if (fault.kind == FAULT_STEP && fault.step == step &&
	    ++fault.hits == fault.nth) {
		fault.fired++;
		rc = fault.err;
	}
	spin_unlock(&fault_lock);
	return rc;
}

/*
 * One hook per step, each a function of its own: noinline and listed for
 * error injection, so that fail_function can make it return an error on
 * a kernel that has it (cxl_accel_fault_<step> in its inject file).
 */
static noinline int cxl_accel_fault_probe_dvsec(void)
{
	return fault_step(CXL_ACCEL_FAULT_PROBE_DVSEC);
}
ALLOW_ERROR_INJECTION(cxl_accel_fault_probe_dvsec, ERRNO);

static noinline int cxl_accel_fault_probe_regs(void)
{
	return fault_step(CXL_ACCEL_FAULT_PROBE_REGS);
}
ALLOW_ERROR_INJECTION(cxl_accel_fault_probe_regs, ERRNO);

static noinline int cxl_accel_fault_probe_path(void)
{
	return fault_step(CXL_ACCEL_FAULT_PROBE_PATH);
}
ALLOW_ERROR_INJECTION(cxl_accel_fault_probe_path, ERRNO);

static noinline int cxl_accel_fault_dpa(void)
{
	return fault_step(CXL_ACCEL_FAULT_DPA);
}
ALLOW_ERROR_INJECTION(cxl_accel_fault_dpa, ERRNO);

static noinline int cxl_accel_fault_mem_active(void)
{
	return fault_step(CXL_ACCEL_FAULT_MEM_ACTIVE);
}
ALLOW_ERROR_INJECTION(cxl_accel_fault_mem_active, ERRNO);

static noinline int cxl_accel_fault_window(void)
{
	return fault_step(CXL_ACCEL_FAULT_WINDOW);
}
ALLOW_ERROR_INJECTION(cxl_accel_fault_window, ERRNO);

static noinline int cxl_accel_fault_claim(void)
{
	return fault_step(CXL_ACCEL_FAULT_CLAIM);
}
ALLOW_ERROR_INJECTION(cxl_accel_fault_claim, ERRNO);

static noinline int cxl_accel_fault_commit(void)
{
	return fault_step(CXL_ACCEL_FAULT_COMMIT);
}
ALLOW_ERROR_INJECTION(cxl_accel_fault_commit, ERRNO);

static noinline int cxl_accel_fault_core(void)
{
	return fault_step(CXL_ACCEL_FAULT_CORE);
}
ALLOW_ERROR_INJECTION(cxl_accel_fault_core, ERRNO);

static noinline int cxl_accel_fault_enable(void)
{
	return fault_step(CXL_ACCEL_FAULT_ENABLE);
}
ALLOW_ERROR_INJECTION(cxl_accel_fault_enable, ERRNO);

static noinline int cxl_accel_fault_invalidate(void)
{
	return fault_step(CXL_ACCEL_FAULT_INVALIDATE);
}
ALLOW_ERROR_INJECTION(cxl_accel_fault_invalidate, ERRNO);

static noinline int cxl_accel_fault_publish(void)
{
	return fault_step(CXL_ACCEL_FAULT_PUBLISH);
}
ALLOW_ERROR_INJECTION(cxl_accel_fault_publish, ERRNO);

static noinline int cxl_accel_fault_adopt_read(void)
{
	return fault_step(CXL_ACCEL_FAULT_ADOPT_READ);
}
ALLOW_ERROR_INJECTION(cxl_accel_fault_adopt_read, ERRNO);

static noinline int cxl_accel_fault_release(void)
{
	return fault_step(CXL_ACCEL_FAULT_RELEASE);
}
ALLOW_ERROR_INJECTION(cxl_accel_fault_release, ERRNO);

static noinline int cxl_accel_fault_handoff(void)
{
	return fault_step(CXL_ACCEL_FAULT_HANDOFF);
}
ALLOW_ERROR_INJECTION(cxl_accel_fault_handoff, ERRNO);

static int (*const fault_hook[CXL_ACCEL_FAULT_NR_STEPS])(void) = {
	[CXL_ACCEL_FAULT_PROBE_DVSEC] = cxl_accel_fault_probe_dvsec,
	[CXL_ACCEL_FAULT_PROBE_REGS] = cxl_accel_fault_probe_regs,
	[CXL_ACCEL_FAULT_PROBE_PATH] = cxl_accel_fault_probe_path,
	[CXL_ACCEL_FAULT_DPA] = cxl_accel_fault_dpa,
	[CXL_ACCEL_FAULT_MEM_ACTIVE] = cxl_accel_fault_mem_active,
	[CXL_ACCEL_FAULT_WINDOW] = cxl_accel_fault_window,
	[CXL_ACCEL_FAULT_CLAIM] = cxl_accel_fault_claim,
	[CXL_ACCEL_FAULT_COMMIT] = cxl_accel_fault_commit,
	[CXL_ACCEL_FAULT_CORE] = cxl_accel_fault_core,
	[CXL_ACCEL_FAULT_ENABLE] = cxl_accel_fault_enable,
	[CXL_ACCEL_FAULT_INVALIDATE] = cxl_accel_fault_invalidate,
	[CXL_ACCEL_FAULT_PUBLISH] = cxl_accel_fault_publish,
	[CXL_ACCEL_FAULT_ADOPT_READ] = cxl_accel_fault_adopt_read,
	[CXL_ACCEL_FAULT_RELEASE] = cxl_accel_fault_release,
	[CXL_ACCEL_FAULT_HANDOFF] = cxl_accel_fault_handoff,
};

int cxl_accel_fault(enum cxl_accel_fault_step step)
{
	return fault_hook[step]();
}

void cxl_accel_fault_pause(enum cxl_accel_pause_point point)
{
	unsigned int ms = 0;

	spin_lock(&fault_lock);
	if (fault.kind == FAULT_PAUSE && fault.step == point && !fault.fired) {
		fault.hits++;
		fault.fired = 1;
		ms = fault.count;
	}
	spin_unlock(&fault_lock);
	if (ms) {
		pr_info("fault: pausing %u ms at \"%s\"\n", ms, pause_name[point]);
		msleep(ms);
	}
}

void cxl_accel_fault_note_hdm(struct cxl_accel_mmio *m, u32 offset)
{
	m->hdm = offset;
}

/* Whether @off of @m is an HDM decoder's control register. */
static bool is_decoder_ctrl(const struct cxl_accel_mmio *m, u32 off)
{
	return m->hdm && off >= m->hdm + CXL_SPEC_HDM_DEC_CTRL(0) &&
	       (off - m->hdm - CXL_SPEC_HDM_DEC_CTRL(0)) %
	       (CXL_SPEC_HDM_DEC_CTRL(1) - CXL_SPEC_HDM_DEC_CTRL(0)) == 0;
}

u32 cxl_accel_fault_mmio_read(const struct cxl_accel_mmio *m, u32 off, u32 val)
{
	spin_lock(&fault_lock);
	switch (fault.kind) {
	case FAULT_COMMIT_ERROR:
	case FAULT_COMMIT_TIMEOUT:
		if (fault.m == m && fault.ctrl == off) {
			val &= ~CXL_SPEC_HDM_DEC_CTRL_COMMITTED;
			if (fault.kind == FAULT_COMMIT_ERROR)
				val |= CXL_SPEC_HDM_DEC_CTRL_ERR_NOT_COMMITTED;
		}
		break;
	case FAULT_ALL_ONES:
		if (fault.fired && fault.left) {
			fault.left--;
			val = ~0U;
		}
		break;
	case FAULT_GONE:
		if (fault.m == m)
			val = ~0U;
		break;
	default:
		break;
	}
	spin_unlock(&fault_lock);
	return val;
}

void cxl_accel_fault_mmio_write(const struct cxl_accel_mmio *m, u32 off,
				u32 val)
{
	if (!is_decoder_ctrl(m, off))
		return;
	spin_lock(&fault_lock);
	if (fault.kind == FAULT_ALL_ONES && val & CXL_SPEC_HDM_DEC_CTRL_COMMIT &&
	    !fault.fired && ++fault.hits == fault.nth) {
		/* the component drops off the link as it is told to commit */
		fault.fired = 1;
		fault.left = fault.count;
	} else if (fault.kind == FAULT_COMMIT_ERROR ||
		   fault.kind == FAULT_COMMIT_TIMEOUT) {
		if (val & CXL_SPEC_HDM_DEC_CTRL_COMMIT) {
			if (!fault.m && ++fault.hits == fault.nth) {
				fault.fired++;
				fault.m = m;
				fault.ctrl = off;
			}
		} else if (fault.m == m && fault.ctrl == off) {
			/* Commit cleared: the component forgets the error */
			fault.m = NULL;
		}
	}
	spin_unlock(&fault_lock);
}

bool cxl_accel_fault_gone(const struct cxl_accel_mmio *m)
{
	bool gone;

	spin_lock(&fault_lock);
	gone = fault.kind == FAULT_GONE;
	if (gone) {
		fault.hits++;
		fault.fired = 1;
		fault.m = m;
	}
	spin_unlock(&fault_lock);
	return gone;
}

void cxl_accel_fault_watch_mem_active(struct pci_dev *pdev, u16 dvsec)
{
	spin_lock(&fault_lock);
	if (fault.kind == FAULT_MEM_INACTIVE && !fault.pdev) {
		fault.pdev = pdev;
		fault.dvsec = dvsec;
	}
	spin_unlock(&fault_lock);
}

u32 cxl_accel_fault_cfg_read32(struct pci_dev *pdev, unsigned int off, u32 val)
{
	spin_lock(&fault_lock);
	if (fault.kind == FAULT_MEM_INACTIVE && fault.pdev == pdev &&
	    (off == fault.dvsec + CXL_SPEC_DEV_RANGE_SIZE_LOW(0) ||
	     off == fault.dvsec + CXL_SPEC_DEV_RANGE_SIZE_LOW(1))) {
		fault.hits++;
		fault.fired = 1;
		val &= ~CXL_SPEC_DEV_RANGE_MEM_ACTIVE;
	}
	spin_unlock(&fault_lock);
	return val;
}

static bool is_cxl_reset(void)
{
	return fault.kind == FAULT_CXL_RESET ||
	       fault.kind == FAULT_CXL_RESET_ERROR;
}

void cxl_accel_fault_watch_cxl_reset(struct pci_dev *pdev, u16 dvsec,
				     const struct cxl_accel_mmio *m,
				     unsigned int nr)
{
	spin_lock(&fault_lock);
	if (is_cxl_reset() && !fault.pdev) {
		fault.pdev = pdev;
		fault.dvsec = dvsec;
		fault.ep = m;
		fault.nr = nr;
	}
	spin_unlock(&fault_lock);
}

/*
 * The device under an emulated CXL Reset: CXL Reset Capable with a
 * 10 ms timeout, no Mem Clr; Status2 tells the outcome once it was
 * initiated.
 */
u16 cxl_accel_fault_cfg_read16(struct pci_dev *pdev, unsigned int off,
			       u16 val)
{
	spin_lock(&fault_lock);
	if (is_cxl_reset() && fault.pdev == pdev) {
		if (off == fault.dvsec + CXL_SPEC_DEV_CAP) {
			val |= CXL_SPEC_DEV_CAP_CXL_RESET_CAPABLE;
			val &= ~(CXL_SPEC_DEV_CAP_CXL_RESET_TIMEOUT |
				 CXL_SPEC_DEV_CAP_CXL_RESET_MEM_CLR);
		} else if (off == fault.dvsec + CXL_SPEC_DEV_STATUS2) {
			val &= ~(CXL_SPEC_DEV_STATUS2_CXL_RESET_COMPLETE |
				 CXL_SPEC_DEV_STATUS2_CXL_RESET_ERROR);
			if (fault.initiated)
				val |= fault.kind == FAULT_CXL_RESET_ERROR ?
				       CXL_SPEC_DEV_STATUS2_CXL_RESET_ERROR :
				       CXL_SPEC_DEV_STATUS2_CXL_RESET_COMPLETE;
		}
	}
	spin_unlock(&fault_lock);
	return val;
}

/*
 * Initiate CXL Reset: what the reset does to CXL.mem that QEMU can be
 * made to do is to uncommit the endpoint's decoders (a CXL Reset resets
 * them, HDM Decoder Enable and Mem_Enable too); an erroring one resets
 * nothing here.
 */
void cxl_accel_fault_cfg_write16(struct pci_dev *pdev, unsigned int off,
				 u16 val)
{
	void __iomem *ctrl;
	unsigned int i;
	u32 v;

	spin_lock(&fault_lock);
	if (is_cxl_reset() && fault.pdev == pdev &&
	    off == fault.dvsec + CXL_SPEC_DEV_CTRL2 &&
	    val & CXL_SPEC_DEV_CTRL2_INIT_CXL_RESET &&
	    ++fault.hits == fault.nth) {
		fault.initiated = true;
		fault.fired = 1;
		for (i = 0; fault.kind == FAULT_CXL_RESET && i < fault.nr; i++) {
			ctrl = fault.ep->base + fault.ep->hdm +
			       CXL_SPEC_HDM_DEC_CTRL(i);
			v = readl(ctrl);
			if (v & CXL_SPEC_HDM_DEC_CTRL_COMMITTED)
				writel(v & ~CXL_SPEC_HDM_DEC_CTRL_COMMIT, ctrl);
		}
	}
	spin_unlock(&fault_lock);
}

void cxl_accel_fault_cxl_reset_hold(void)
{
	unsigned int ms = 0;

	spin_lock(&fault_lock);
	if (fault.kind == FAULT_CXL_RESET && fault.initiated && fault.count > 1)
		ms = fault.count;
	spin_unlock(&fault_lock);
	if (ms) {
		pr_info("fault: holding the restore after the emulated CXL Reset for %u ms\n",
			ms);
		msleep(ms);
	}
}

bool cxl_accel_fault_untested_layout(void)
{
	bool on;

	spin_lock(&fault_lock);
	on = fault.kind == FAULT_UNTESTED_LAYOUT;
	if (on) {
		fault.hits++;
		fault.fired = 1;
	}
	spin_unlock(&fault_lock);
	return on;
}

static int fault_show(struct seq_file *s, void *unused)
{
	unsigned int i;

	spin_lock(&fault_lock);
	if (fault.kind == FAULT_STEP)
		seq_printf(s, "armed=%s err=%d", step_name[fault.step],
			   fault.err);
	else if (fault.kind == FAULT_PAUSE)
		seq_printf(s, "armed=pause point=%s ms=%u",
			   pause_name[fault.step], fault.count);
	else
		seq_printf(s, "armed=%s", kind_name[fault.kind]);
	seq_printf(s, " nth=%u hits=%u fired=%u\n", fault.nth, fault.hits,
		   fault.fired);
	spin_unlock(&fault_lock);
	seq_puts(s, "steps:");
	for (i = 0; i < CXL_ACCEL_FAULT_NR_STEPS; i++)
		seq_printf(s, " %s", step_name[i]);
	seq_putc(s, '\n');
	return 0;
}

static int fault_open(struct inode *inode, struct file *file)
{
	return single_open(file, fault_show, NULL);
}

static int fault_arm(char *cmd)
{
	char *argv[4];
	unsigned int argc = 0, nth = 1, count = 1, i;
	enum fault_kind kind = FAULT_NONE;
	int err = 0, step = -1;
	char *word;

	while ((word = strsep(&cmd, " \t\n")) && argc < ARRAY_SIZE(argv))
		if (*word)
			argv[argc++] = word;
	if (!argc)
		return -EINVAL;
	if (!strcmp(argv[0], "retry")) {
		cxl_accel_region_retry_parked();
		return 0;
	}
	if (!strcmp(argv[0], "pause")) {
		/* pause POINT MS */
		for (i = 0; i < CXL_ACCEL_PAUSE_NR_POINTS; i++)
			if (argc == 3 && !strcmp(argv[1], pause_name[i]))
				step = i;
		if (step < 0 || kstrtouint(argv[2], 0, &count) || !count ||
		    count > 60000)
			return -EINVAL;
		kind = FAULT_PAUSE;
		goto arm;
	}
	for (i = FAULT_NONE; i < ARRAY_SIZE(kind_name); i++)
		if (i != FAULT_STEP && i != FAULT_PAUSE &&
		    !strcmp(argv[0], kind_name[i]))
			kind = i;
	for (i = 0; i < CXL_ACCEL_FAULT_NR_STEPS; i++)
		if (!strcmp(argv[0], step_name[i]))
			step = i;
	if (step >= 0) {
		/* STEP ERRNO [NTH] */
		if (argc < 2 || kstrtoint(argv[1], 0, &err) || err >= 0 ||
		    err < -MAX_ERRNO)
			return -EINVAL;
		kind = FAULT_STEP;
		if (argc > 2 && kstrtouint(argv[2], 0, &nth))
			return -EINVAL;
	} else {
		/* KIND [NTH [COUNT]], or off */
		if (kind == FAULT_NONE && strcmp(argv[0], "off"))
			return -EINVAL;
		if (argc > 1 && kstrtouint(argv[1], 0, &nth))
			return -EINVAL;
		if (argc > 2 && kstrtouint(argv[2], 0, &count))
			return -EINVAL;
	}
	if (!nth || !count)
		return -EINVAL;
arm:
	spin_lock(&fault_lock);
	memset(&fault, 0, sizeof(fault));
	fault.kind = kind;
	fault.step = step < 0 ? 0 : step;
	fault.err = err;
	fault.nth = nth;
	fault.count = count;
	spin_unlock(&fault_lock);
	return 0;
}

static ssize_t fault_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	char *buf;
	int rc;

	if (len > 64)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, len);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	rc = fault_arm(buf);
	kfree(buf);
	if (rc)
		pr_warn("fault: cannot parse the command (%d)\n", rc);
	return rc ?: len;
}

static const struct file_operations fault_fops = {
	.owner = THIS_MODULE,
	.open = fault_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = fault_write,
};

/* Goes away with @root, the module's debugfs directory. */
void cxl_accel_fault_init(struct dentry *root)
{
	debugfs_create_file("fault", 0600, root, NULL, &fault_fops);
	pr_info("built for tests: fault injection through debugfs %s/fault\n",
		KBUILD_MODNAME);
}

bool cxl_accel_fault_core_desync(void)
{
	bool on;

	spin_lock(&fault_lock);
	on = fault.kind == FAULT_CORE_DESYNC && !fault.fired &&
	     ++fault.hits == fault.nth;
	if (on)
		fault.fired = 1;
	spin_unlock(&fault_lock);
	return on;
}
