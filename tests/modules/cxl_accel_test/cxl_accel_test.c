// SPDX-License-Identifier: GPL-2.0-only
/*
 * A test-only driver that uses cxl_accel's public API the way a vendor
 * driver would.  It matches no device by ID: the guest tests hand it
 * QEMU's cxl-type3 device through driver_override before cxl_pci can
 * bind it.
 *
 * /sys/kernel/debug/cxl_accel_test/<pci address>/ctl takes one command
 * per write:
 *	request SIZE [largest] [keep] [lock]
 *					a region in the next free slot
 *	adopt				adopt committed decoders as a region
 *					in the next free slot
 *	adopt devm			the same with devm_cxl_accel_region_adopt():
 *					not mapped, not listened to, put by
 *					the unbind (release is refused)
 *	release SLOT			unmap and put it
 *	unmap SLOT			drop the mapping, keep the region
 *	unnotify SLOT			stop listening for its loss
 *	notify SLOT			listen again (told from a work
 *					item if it was lost meanwhile)
 *	notify-put SLOT			listen with a notifier that also drops
 *					the slot's reference, as the API's
 *					kernel-doc tells a driver to
 *	fill SLOT OFFSET COUNT SEED	write COUNT 64-bit pattern words
 *	verify SLOT OFFSET COUNT SEED	read them back, count mismatches
 *	freespace			cxl_accel_get_hpa_freespace()
 *	hold SLOT			take a second reference on the slot's
 *					region (cxl_accel_region_get()), kept
 *					after the slot releases it
 *	drop				put that reference
 *	reset-hold 0|1			1: the reset handlers (reset_done,
 *					slot_reset) leave the regions
 *					suspended (the control: decoders
 *					as the reset left them); 0
 *					(default): they restore them
 *	restore				cxl_accel_reset_done() now
 *	cxl-reset [memclr]		cxl_accel_cxl_reset(), with
 *					CXL_ACCEL_CXL_RESET_MEM_CLR for
 *					"memclr"
 *	suspend-ok			cxl_accel_enable_suspend(): the PM
 *					callbacks below restore the regions
 *					after system sleep (reset-hold
 *					applies to them too)
 *	api4				the checks of API 4's own answers
 *					(modes, flag types mixed at run
 *					time, devm mapping), one line each
 *					in .../api4: "CHECK ok|fail DETAIL";
 *					leaves one region mapped with
 *					devm_cxl_accel_region_map(), for
 *					the unbind to undo
 * and .../status says what happened: the last command's result, the
 * largest free space, how many regions were lost (notifications; how
 * many of those ran from a work item, and how many inside the call that
 * set the notifier, on its caller's stack), how many words mismatched, and
 * each slot's region; and the state notifier's calls, oldest first
 * (states=), the resets the PCI core reported (resets=), and the last
 * cxl_accel_reset_done()'s answer (reset_rc=); and AER recovery: the
 * error_detected() calls with the channel state each had (errors=, e.g.
 * "frozen") and how many recoveries resumed (resumed=); system sleep: how
 * many times the PM core suspended and resumed the function (pm=S,R).
 * The pattern is the
 * guest tests' oracle's: word i at OFFSET + 8 i is
 * (SEED + i) mod 2^32 << 32 | (OFFSET + 8 i) mod 2^32.
 */

#include <linux/debugfs.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include <cxl_accel.h>

#define TEST_SLOTS	4

struct test_slot {
	struct cxl_accel_region *r;
	void *va;
	bool devm;	/* the unbind puts it */
};

struct test_dev {
	struct pci_dev *pdev;
	struct cxl_accel_dev *cxlad;
	/* serialises commands and the slots */
	struct mutex lock;
	struct test_slot slot[TEST_SLOTS];
	/* a reference of "hold", not tied to a slot */
	struct cxl_accel_region *held;
	int last_rc;
	resource_size_t freespace;
	unsigned long mismatches;
	atomic_t lost;
	atomic_t lost_work;
	atomic_t lost_in_call;
	/* the task under way in set_notify(), if any */
	struct task_struct *setter;
	/* the state notifier's calls, oldest first */
	spinlock_t states_lock;
	char states[128];
	bool hold_reset;
	int resets;
	int reset_rc;
	/* error_detected()'s channel states, oldest first; resume() calls */
	char errors[64];
	int resumed;
	/* system sleep: the PM core's suspend and resume calls */
	int pm_suspends, pm_resumes;
	/* the api4 command's results */
	char *api4;
	size_t api4_len;
	struct dentry *dir;
};

static struct dentry *test_root;

static u64 pattern(u64 off, u64 i, u64 seed)
{
	return (u64)(u32)(seed + i) << 32 | (u32)(off + 8 * i);
}

/* The region was lost: stop using it, as a vendor driver must. */
static void test_lost(struct cxl_accel_region *r, void *data)
{
	struct test_dev *td = data;
	int i;

	mutex_lock(&td->lock);
	for (i = 0; i < TEST_SLOTS; i++) {
		if (td->slot[i].r == r && td->slot[i].va) {
			cxl_accel_region_unmap(r, td->slot[i].va);
			td->slot[i].va = NULL;
		}
	}
	mutex_unlock(&td->lock);
	/* API 4: always from a work item, never inside set_notify() */
	if (current_work())
		atomic_inc(&td->lost_work);
	if (READ_ONCE(td->setter) == current)
		atomic_inc(&td->lost_in_call);
	atomic_inc(&td->lost);
	pci_info(td->pdev, "region lost\n");
}

/* Region states, as the guest tests read them. */
static const char *const state_names[] = {
	[CXL_ACCEL_STATE_ACTIVE] = "active",
	[CXL_ACCEL_STATE_SUSPENDED] = "suspended",
	[CXL_ACCEL_STATE_RESTORED] = "restored",
	[CXL_ACCEL_STATE_LOST] = "lost",
};

/*
 * The state notifier: recorded only.  A driver stops its DMA and CPU
 * access on "suspended" and resumes on "restored"; this one touches the
 * region only when a command tells it to.
 */
static void test_state(struct cxl_accel_region *r, enum cxl_accel_state state,
		       void *data)
{
	struct test_dev *td = data;
	const char *name = state < ARRAY_SIZE(state_names) && state_names[state] ?
			   state_names[state] : "unknown";

	spin_lock(&td->states_lock);
	if (td->states[0])
		strlcat(td->states, ",", sizeof(td->states));
	strlcat(td->states, name, sizeof(td->states));
	spin_unlock(&td->states_lock);
	pci_info(td->pdev, "region state: %s (cxl_accel_region_state() says %s)\n",
		 name, state_names[cxl_accel_region_state(r)]);
}

/* As test_lost(), and then give the region back: the slot forgets it. */
static void test_lost_put(struct cxl_accel_region *r, void *data)
{
	struct test_dev *td = data;
	int i;

	test_lost(r, data);
	mutex_lock(&td->lock);
	for (i = 0; i < TEST_SLOTS; i++)
		if (td->slot[i].r == r)
			td->slot[i].r = NULL;
	mutex_unlock(&td->lock);
	cxl_accel_region_put(r);
}

/*
 * Called with td->lock held, which the notifiers take: drop it, as
 * clearing the notifier waits for a call under way.  @fn NULL stops
 * listening.
 *
 * The lost notifier is set last: test_lost_put() drops the slot's
 * reference, which may be the last, and for a region lost already it may
 * run before cxl_accel_region_set_notify() returns to us.  @r is not
 * ours to touch after that call.
 */
static void test_set_notify(struct test_dev *td, struct cxl_accel_region *r,
			    cxl_accel_region_lost_fn fn)
{
	mutex_unlock(&td->lock);
	if (fn)
		cxl_accel_region_set_state_notify(r, test_state, td);
	WRITE_ONCE(td->setter, current);
	cxl_accel_region_set_notify(r, fn, fn ? td : NULL);
	WRITE_ONCE(td->setter, NULL);
	if (!fn)
		cxl_accel_region_set_state_notify(r, NULL, NULL);
	mutex_lock(&td->lock);
}

/* The unbind is about to put the devm regions: the slots let go first. */
static void test_forget_devm(void *data)
{
	struct test_dev *td = data;
	int i;

	mutex_lock(&td->lock);
	for (i = 0; i < TEST_SLOTS; i++) {
		if (td->slot[i].devm) {
			td->slot[i].r = NULL;
			td->slot[i].devm = false;
		}
	}
	mutex_unlock(&td->lock);
}

/* A region from cxl_accel_region_request(), or adopted. */
static int test_request(struct test_dev *td, bool adopt, bool devm, u64 size,
			cxl_accel_region_flags_t flags)
{
	struct cxl_accel_region *r;
	int i, rc;

	lockdep_assert_held(&td->lock);
	for (i = 0; i < TEST_SLOTS && td->slot[i].r; i++)
		;
	if (i == TEST_SLOTS)
		return -ENOSPC;
	if (adopt && devm) {
		/*
		 * devm's put runs at the unbind before test_teardown()
		 * (registered earlier), so nothing here may outlive it: no
		 * mapping, no notifier, and the slot forgets the region
		 * (test_forget_devm(), registered after it, runs before it).
		 */
		r = devm_cxl_accel_region_adopt(&td->pdev->dev, td->cxlad, 0);
		if (IS_ERR(r))
			return PTR_ERR(r);
		td->slot[i].r = r;
		td->slot[i].devm = true;
		/* not _or_reset: test_forget_devm() takes td->lock, held here */
		rc = devm_add_action(&td->pdev->dev, test_forget_devm, td);
		if (rc) {
			td->slot[i].r = NULL;
			td->slot[i].devm = false;
		}
		return rc;
	}
	if (adopt)
		r = cxl_accel_region_adopt(td->cxlad, 0);
	else
		r = cxl_accel_region_request(td->cxlad, CXL_ACCEL_MODE_RAM,
					     size, flags);
	if (IS_ERR(r))
		return PTR_ERR(r);
	td->slot[i].va = cxl_accel_region_map(r, CXL_ACCEL_MAP_WB);
	if (IS_ERR(td->slot[i].va)) {
		rc = PTR_ERR(td->slot[i].va);
		td->slot[i].va = NULL;
		cxl_accel_region_put(r);
		return rc;
	}
	td->slot[i].r = r;
	test_set_notify(td, r, test_lost);
	return 0;
}

static void test_release(struct test_dev *td, int i)
{
	struct cxl_accel_region *r = td->slot[i].r;

	td->slot[i].r = NULL;
	if (td->slot[i].va)
		cxl_accel_region_unmap(r, td->slot[i].va);
	td->slot[i].va = NULL;
	test_set_notify(td, r, NULL);
	/* the last put may reset decoders: not under the lock the notifier takes */
	mutex_unlock(&td->lock);
	cxl_accel_region_put(r);
	mutex_lock(&td->lock);
}

/* Put the reference of "hold"; as test_release(), not under td->lock. */
static void test_drop(struct test_dev *td)
{
	struct cxl_accel_region *r = td->held;

	lockdep_assert_held(&td->lock);
	td->held = NULL;
	mutex_unlock(&td->lock);
	cxl_accel_region_put(r);
	mutex_lock(&td->lock);
}

static int test_pattern(struct test_dev *td, int i, u64 off, u64 count,
			u64 seed, bool write)
{
	struct range hpa;
	u64 *p, n;

	if (!td->slot[i].va)
		return -ENXIO;
	cxl_accel_region_range(td->slot[i].r, &hpa);
	if (off % 8 || count > range_len(&hpa) / 8 ||
	    off > range_len(&hpa) - count * 8)
		return -EINVAL;
	p = td->slot[i].va + off;
	td->mismatches = 0;
	for (n = 0; n < count; n++) {
		if (write)
			WRITE_ONCE(p[n], pattern(off, n, seed));
		else if (READ_ONCE(p[n]) != pattern(off, n, seed))
			td->mismatches++;
	}
	return 0;
}

/* The flag words after "request SIZE". */
static int test_flags(char **argv, int argc, cxl_accel_region_flags_t *flags)
{
	int i;

	*flags = 0;
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "largest"))
			*flags |= CXL_ACCEL_REGION_LARGEST;
		else if (!strcmp(argv[i], "keep"))
			*flags |= CXL_ACCEL_REGION_KEEP;
		else if (!strcmp(argv[i], "lock"))
			*flags |= CXL_ACCEL_REGION_LOCK;
		else
			return -EINVAL;
	}
	return 0;
}

#define API4_BUF	SZ_4K

static __printf(4, 5) void api4_report(struct test_dev *td, bool pass,
				       const char *check, const char *fmt, ...)
{
	va_list ap;

	td->api4_len += scnprintf(td->api4 + td->api4_len,
				  API4_BUF - td->api4_len, "%s %s ", check,
				  pass ? "ok" : "fail");
	va_start(ap, fmt);
	td->api4_len += vscnprintf(td->api4 + td->api4_len,
				   API4_BUF - td->api4_len, fmt, ap);
	va_end(ap);
	td->api4_len += scnprintf(td->api4 + td->api4_len,
				  API4_BUF - td->api4_len, "\n");
}

static long api4_rc(const void *p)
{
	return IS_ERR(p) ? PTR_ERR(p) : p ? 0 : 1;
}

/* @p must be ERR_PTR(-EINVAL); what was given anyway goes back. */
static void api4_refused(struct test_dev *td, const char *check, void *p,
			 void (*undo)(void *p))
{
	api4_report(td, api4_rc(p) == -EINVAL, check, "got %ld want %d",
		    api4_rc(p), -EINVAL);
	if (!IS_ERR_OR_NULL(p) && undo)
		undo(p);
}

static void api4_put_region(void *r)
{
	cxl_accel_region_put(r);
}

static void api4_free_dpa(void *d)
{
	cxl_accel_dpa_free(d);
}

/*
 * API 4's answers that API 3 did not give: modes, a flag of one type
 * forced into the other (sparse refuses it at build time; this is the
 * run-time answer), 256 MiB alignment without an argument, and a devm
 * mapping that keeps its region after the driver's put.  With td->lock.
 */
static int test_api4(struct test_dev *td)
{
	cxl_accel_region_flags_t map_as_region =
		(__force cxl_accel_region_flags_t)CXL_ACCEL_MAP_WC;
	cxl_accel_map_flags_t region_as_map =
		(__force cxl_accel_map_flags_t)CXL_ACCEL_REGION_KEEP;
	struct cxl_accel_region *r;
	struct cxl_accel_dpa *dpa;
	resource_size_t max = 0;
	struct range hpa;
	u64 *va;
	int rc;

	lockdep_assert_held(&td->lock);
	td->api4_len = 0;
	td->api4[0] = 0;
	api4_refused(td, "dpa-mode-0",
		     cxl_accel_request_dpa(td->cxlad, 0, SZ_256M), api4_free_dpa);
	api4_refused(td, "dpa-mode-2",
		     cxl_accel_request_dpa(td->cxlad, 2, SZ_256M), api4_free_dpa);
	rc = cxl_accel_get_hpa_freespace(td->cxlad, 0, 0, &max);
	api4_report(td, rc == -EINVAL, "freespace-mode-0", "got %d want %d", rc,
		    -EINVAL);
	rc = cxl_accel_get_hpa_freespace(td->cxlad, CXL_ACCEL_MODE_RAM, 0, &max);
	api4_report(td, !rc && max >= SZ_256M, "freespace", "rc %d max %#llx",
		    rc, (u64)max);
	api4_refused(td, "request-mapping-flag",
		     cxl_accel_region_request(td->cxlad, CXL_ACCEL_MODE_RAM,
					      SZ_256M, map_as_region),
		     api4_put_region);
	api4_refused(td, "adopt-largest",
		     cxl_accel_region_adopt(td->cxlad, CXL_ACCEL_REGION_LARGEST),
		     api4_put_region);
	api4_refused(td, "devm-map-null-device",
		     devm_cxl_accel_region_map(NULL, NULL, CXL_ACCEL_MAP_WB),
		     NULL);

	/* the two-step request, no alignment argument: 256 MiB aligned */
	dpa = cxl_accel_request_dpa(td->cxlad, CXL_ACCEL_MODE_RAM, SZ_256M);
	api4_report(td, !IS_ERR(dpa), "dpa", "%ld", api4_rc(dpa));
	if (IS_ERR(dpa))
		return 0;
	r = cxl_accel_create_region(dpa, 0);
	api4_report(td, !IS_ERR(r), "create-region", "%ld", api4_rc(r));
	if (IS_ERR(r)) {
		cxl_accel_dpa_free(dpa);
		return 0;
	}
	cxl_accel_region_range(r, &hpa);
	api4_report(td, IS_ALIGNED(hpa.start, SZ_256M) && range_len(&hpa) == SZ_256M,
		    "create-region-aligned", "hpa %#llx size %#llx", hpa.start,
		    range_len(&hpa));
	api4_refused(td, "map-region-flag", cxl_accel_region_map(r, region_as_map),
		     NULL);

	/* devm mapping: usable after the driver's own put, undone at unbind */
	va = devm_cxl_accel_region_map(&td->pdev->dev, r, CXL_ACCEL_MAP_WB);
	api4_report(td, !IS_ERR(va), "devm-map", "%ld", api4_rc(va));
	cxl_accel_region_put(r);
	if (IS_ERR(va))
		return 0;
	WRITE_ONCE(va[0], 0x4150493400000000ull | (u32)hpa.start);
	api4_report(td, READ_ONCE(va[0]) == (0x4150493400000000ull | (u32)hpa.start),
		    "devm-map-after-put", "word 0 reads back %#llx",
		    READ_ONCE(va[0]));
	return 0;
}

static int test_command(struct test_dev *td, char *cmd)
{
	char *argv[5] = { };
	cxl_accel_region_flags_t flags;
	u64 a[4] = { };
	int argc = 0, i;

	while (argc < ARRAY_SIZE(argv) && (argv[argc] = strsep(&cmd, " ")))
		if (*argv[argc])
			argc++;
	if (!argc)
		return -EINVAL;
	if (!strcmp(argv[0], "request")) {
		if (argc < 2 || kstrtou64(argv[1], 0, &a[0]) ||
		    test_flags(argv, argc, &flags))
			return -EINVAL;
		return test_request(td, false, false, a[0], flags);
	}
	if (!strcmp(argv[0], "adopt")) {
		if (argc == 2 && !strcmp(argv[1], "devm"))
			return test_request(td, true, true, 0, 0);
		return argc == 1 ? test_request(td, true, false, 0, 0) : -EINVAL;
	}
	for (i = 1; i < argc && i <= ARRAY_SIZE(a); i++)
		if (kstrtou64(argv[i], 0, &a[i - 1]))
			return -EINVAL;
	if (!strcmp(argv[0], "api4"))
		return argc == 1 ? test_api4(td) : -EINVAL;
	if (!strcmp(argv[0], "reset-hold")) {
		if (argc != 2 || a[0] > 1)
			return -EINVAL;
		WRITE_ONCE(td->hold_reset, a[0]);
		return 0;
	}
	if (!strcmp(argv[0], "suspend-ok")) {
		if (argc != 1)
			return -EINVAL;
		cxl_accel_enable_suspend(td->cxlad);
		return 0;
	}
	if (!strcmp(argv[0], "freespace"))
		return cxl_accel_get_hpa_freespace(td->cxlad,
						   CXL_ACCEL_MODE_RAM, 0,
						   &td->freespace);
	if (!strcmp(argv[0], "drop")) {
		if (argc != 1 || !td->held)
			return -EINVAL;
		test_drop(td);
		return 0;
	}
	if (argc < 2 || a[0] >= TEST_SLOTS || !td->slot[a[0]].r)
		return -EINVAL;
	if (!strcmp(argv[0], "hold")) {
		if (td->held)
			return -EBUSY;
		td->held = cxl_accel_region_get(td->slot[a[0]].r);
		return 0;
	}
	if (!strcmp(argv[0], "release")) {
		if (td->slot[a[0]].devm)
			return -EPERM;
		test_release(td, a[0]);
		return 0;
	}
	if (!strcmp(argv[0], "unmap")) {
		if (!td->slot[a[0]].va)
			return -ENXIO;
		cxl_accel_region_unmap(td->slot[a[0]].r, td->slot[a[0]].va);
		td->slot[a[0]].va = NULL;
		return 0;
	}
	if (!strcmp(argv[0], "notify")) {
		test_set_notify(td, td->slot[a[0]].r, test_lost);
		return 0;
	}
	if (!strcmp(argv[0], "unnotify")) {
		test_set_notify(td, td->slot[a[0]].r, NULL);
		return 0;
	}
	if (!strcmp(argv[0], "notify-put")) {
		test_set_notify(td, td->slot[a[0]].r, test_lost_put);
		return 0;
	}
	if (argc != 5)
		return -EINVAL;
	if (!strcmp(argv[0], "fill"))
		return test_pattern(td, a[0], a[1], a[2], a[3], true);
	if (!strcmp(argv[0], "verify"))
		return test_pattern(td, a[0], a[1], a[2], a[3], false);
	return -EINVAL;
}

static ssize_t ctl_write(struct file *file, const char __user *ubuf,
			 size_t len, loff_t *ppos)
{
	struct test_dev *td = file->private_data;
	char *buf, *cmd;
	int rc;

	if (len > 128)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, len);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	cmd = strim(buf);
	/*
	 * The reset calls tell the state notifier on this stack and may
	 * lose a region, whose lost notifier (test_lost()) takes td->lock
	 * while cxl_accel holds the region's notifier lock: as the API says,
	 * they run without a lock the notifiers take.
	 */
	if (!strcmp(cmd, "restore")) {
		rc = cxl_accel_reset_done(td->cxlad);
		WRITE_ONCE(td->reset_rc, rc);
	} else if (!strcmp(cmd, "cxl-reset")) {
		rc = cxl_accel_cxl_reset(td->cxlad, 0);
	} else if (!strcmp(cmd, "cxl-reset memclr")) {
		rc = cxl_accel_cxl_reset(td->cxlad, CXL_ACCEL_CXL_RESET_MEM_CLR);
	} else {
		mutex_lock(&td->lock);
		td->last_rc = test_command(td, cmd);
		mutex_unlock(&td->lock);
		kfree(buf);
		return len;
	}
	mutex_lock(&td->lock);
	td->last_rc = rc;
	mutex_unlock(&td->lock);
	kfree(buf);
	return len;
}

static const struct file_operations ctl_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = ctl_write,
};

static int status_show(struct seq_file *s, void *unused)
{
	struct test_dev *td = s->private;
	struct range hpa, dpa;
	int i;

	mutex_lock(&td->lock);
	seq_printf(s, "rc=%d\nfreespace=%#llx\nlost=%d\nlost_work=%d\nlost_in_call=%d\nmismatches=%lu\nheld=%d\n",
		   td->last_rc, (u64)td->freespace, atomic_read(&td->lost),
		   atomic_read(&td->lost_work), atomic_read(&td->lost_in_call),
		   td->mismatches, !!td->held);
	spin_lock(&td->states_lock);
	seq_printf(s, "states=%s\nresets=%d\nreset_rc=%d\nerrors=%s\nresumed=%d\npm=%d,%d\n",
		   td->states[0] ? td->states : "none", READ_ONCE(td->resets),
		   READ_ONCE(td->reset_rc), td->errors[0] ? td->errors : "none",
		   READ_ONCE(td->resumed), READ_ONCE(td->pm_suspends),
		   READ_ONCE(td->pm_resumes));
	spin_unlock(&td->states_lock);
	for (i = 0; i < TEST_SLOTS; i++) {
		if (!td->slot[i].r)
			continue;
		cxl_accel_region_range(td->slot[i].r, &hpa);
		cxl_accel_region_dpa(td->slot[i].r, &dpa);
		seq_printf(s, "slot%d: hpa=%#llx size=%#llx dpa=%#llx mapped=%d\n",
			   i, hpa.start, range_len(&hpa), dpa.start,
			   !!td->slot[i].va);
	}
	mutex_unlock(&td->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(status);

static int api4_show(struct seq_file *s, void *unused)
{
	struct test_dev *td = s->private;

	mutex_lock(&td->lock);
	seq_puts(s, td->api4);
	mutex_unlock(&td->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(api4);

static void test_teardown(void *data)
{
	struct test_dev *td = data;
	int i;

	debugfs_remove_recursive(td->dir);
	mutex_lock(&td->lock);
	for (i = 0; i < TEST_SLOTS; i++)
		if (td->slot[i].r)
			test_release(td, i);
	if (td->held)
		test_drop(td);
	mutex_unlock(&td->lock);
}

static int cxl_accel_test_probe(struct pci_dev *pdev,
				const struct pci_device_id *id)
{
	struct cxl_accel_info info;
	struct test_dev *td;
	int rc;

	rc = pcim_enable_device(pdev);
	if (rc)
		return rc;
	td = devm_kzalloc(&pdev->dev, sizeof(*td), GFP_KERNEL);
	if (!td)
		return -ENOMEM;
	td->pdev = pdev;
	td->api4 = devm_kzalloc(&pdev->dev, API4_BUF, GFP_KERNEL);
	if (!td->api4)
		return -ENOMEM;
	mutex_init(&td->lock);
	spin_lock_init(&td->states_lock);
	td->cxlad = devm_cxl_accel_probe(pdev);
	if (IS_ERR(td->cxlad))
		return dev_err_probe(&pdev->dev, PTR_ERR(td->cxlad),
				     "not a usable CXL accelerator\n");
	cxl_accel_get_info(td->cxlad, &info);
	pci_info(pdev, "CXL accelerator: %llu MiB, %u HDM decoders\n",
		 info.capacity >> 20, info.nr_decoders);
	td->dir = debugfs_create_dir(pci_name(pdev), test_root);
	debugfs_create_file("ctl", 0200, td->dir, td, &ctl_fops);
	debugfs_create_file("status", 0400, td->dir, td, &status_fops);
	debugfs_create_file("api4", 0400, td->dir, td, &api4_fops);
	pci_set_drvdata(pdev, td);
	/* what slot_reset() restores after an AER recovery's link reset */
	pci_save_state(pdev);
	return devm_add_action_or_reset(&pdev->dev, test_teardown, td);
}

/*
 * A reset of the function (its sysfs "reset", a bus reset from above):
 * the regions are suspended before and restored after, as a vendor
 * driver's handlers would do around their own quiescing.
 */
static void cxl_accel_test_reset_prepare(struct pci_dev *pdev)
{
	struct test_dev *td = pci_get_drvdata(pdev);

	cxl_accel_reset_prepare(td->cxlad);
}

static void cxl_accel_test_reset_done(struct pci_dev *pdev)
{
	struct test_dev *td = pci_get_drvdata(pdev);

	WRITE_ONCE(td->resets, td->resets + 1);
	if (READ_ONCE(td->hold_reset))
		return;
	WRITE_ONCE(td->reset_rc, cxl_accel_reset_done(td->cxlad));
}

/*
 * AER recovery (drivers/pci/pcie/err.c): a fatal error freezes the link,
 * the PCI core resets the link below the port above (a secondary bus
 * reset, which resets the HDM decoders), then slot_reset() and resume().
 * The regions are suspended before that reset and restored after it, as
 * around any other reset.
 */
static pci_ers_result_t
cxl_accel_test_error_detected(struct pci_dev *pdev, pci_channel_state_t state)
{
	struct test_dev *td = pci_get_drvdata(pdev);
	const char *name;
	pci_ers_result_t ret;

	switch (state) {
	case pci_channel_io_normal:
		name = "normal";
		ret = PCI_ERS_RESULT_CAN_RECOVER;
		break;
	case pci_channel_io_frozen:
		name = "frozen";
		cxl_accel_reset_prepare(td->cxlad);
		ret = PCI_ERS_RESULT_NEED_RESET;
		break;
	default:
		name = "failed";
		ret = PCI_ERS_RESULT_DISCONNECT;
		break;
	}
	spin_lock(&td->states_lock);
	if (td->errors[0])
		strlcat(td->errors, ",", sizeof(td->errors));
	strlcat(td->errors, name, sizeof(td->errors));
	spin_unlock(&td->states_lock);
	pci_info(pdev, "error detected, channel %s\n", name);
	return ret;
}

/*
 * The link was reset: config space first (the PCI core leaves it to the
 * driver here), then the regions, from cxl_accel's work item: the state
 * notifier is told "restored" or "lost" from there.  The function itself
 * has recovered either way.
 */
static pci_ers_result_t cxl_accel_test_slot_reset(struct pci_dev *pdev)
{
	struct test_dev *td = pci_get_drvdata(pdev);

	pci_restore_state(pdev);
	/* the restore used up the saved state: save it for the next error */
	pci_save_state(pdev);
	WRITE_ONCE(td->resets, td->resets + 1);
	if (!READ_ONCE(td->hold_reset))
		WRITE_ONCE(td->reset_rc, cxl_accel_slot_reset(td->cxlad));
	return PCI_ERS_RESULT_RECOVERED;
}

static void cxl_accel_test_resume(struct pci_dev *pdev)
{
	struct test_dev *td = pci_get_drvdata(pdev);

	WRITE_ONCE(td->resumed, td->resumed + 1);
}

static const struct pci_error_handlers cxl_accel_test_err = {
	.error_detected = cxl_accel_test_error_detected,
	.slot_reset = cxl_accel_test_slot_reset,
	.resume = cxl_accel_test_resume,
	.reset_prepare = cxl_accel_test_reset_prepare,
	.reset_done = cxl_accel_test_reset_done,
};

/*
 * System sleep: the regions are suspended before it and restored after
 * it, as around a reset (a resume from S3 resets the decoders as a
 * secondary bus reset does).  They refuse system sleep until "suspend-ok"
 * says these callbacks restore them.
 */
static int cxl_accel_test_pm_suspend(struct device *dev)
{
	struct test_dev *td = dev_get_drvdata(dev);

	WRITE_ONCE(td->pm_suspends, td->pm_suspends + 1);
	cxl_accel_reset_prepare(td->cxlad);
	return 0;
}

static int cxl_accel_test_pm_resume(struct device *dev)
{
	struct test_dev *td = dev_get_drvdata(dev);

	WRITE_ONCE(td->pm_resumes, td->pm_resumes + 1);
	if (!READ_ONCE(td->hold_reset))
		WRITE_ONCE(td->reset_rc, cxl_accel_reset_done(td->cxlad));
	return 0;
}

static DEFINE_SIMPLE_DEV_PM_OPS(cxl_accel_test_pm, cxl_accel_test_pm_suspend,
				cxl_accel_test_pm_resume);

static struct pci_driver cxl_accel_test_driver = {
	.name = "cxl_accel_test",
	.probe = cxl_accel_test_probe,
	.err_handler = &cxl_accel_test_err,
	.driver.pm = pm_sleep_ptr(&cxl_accel_test_pm),
};

static int __init cxl_accel_test_init(void)
{
	int rc;

	test_root = debugfs_create_dir("cxl_accel_test", NULL);
	rc = pci_register_driver(&cxl_accel_test_driver);
	if (rc)
		debugfs_remove_recursive(test_root);
	return rc;
}

static void __exit cxl_accel_test_exit(void)
{
	pci_unregister_driver(&cxl_accel_test_driver);
	debugfs_remove_recursive(test_root);
}

module_init(cxl_accel_test_init);
module_exit(cxl_accel_test_exit);

MODULE_DESCRIPTION("Test consumer of cxl_accel");
MODULE_LICENSE("GPL");
CXL_ACCEL_IMPORT_NS();
