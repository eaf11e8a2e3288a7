// SPDX-License-Identifier: GPL-2.0-only
/*
 * A test-only driver that calls cxl_accel's exported API the wrong way,
 * and concurrently, and checks each answer against the kernel-doc of
 * include/cxl_accel.h.  Like cxl_accel_test it matches no device by ID:
 * the guest test hands it QEMU's cxl-type3 device through
 * driver_override.  The cases need one device with 256 MiB of memory
 * and a CXL window larger than that and smaller than 8 GiB.
 *
 * /sys/kernel/debug/cxl_accel_misuse/ctl takes one case per write,
 * "NAME [N]", and .../results then holds one line per check of that
 * case: "CASE/CHECK ok DETAIL" or "CASE/CHECK fail DETAIL".  The cases:
 *	null		every exported function that takes a handle, given NULL
 *	sizes		zero, unaligned, beyond the device, beyond the window
 *	flags		unknown region and mapping flags
 *	unmap		unmap of addresses that were never mapped
 *	cross		objects used against their owner or another handle
 *	race-threads N	two threads requesting and releasing regions
 *	lost-setup	a region with a notifier that misbehaves (the guest
 *			then removes the CXL root)
 *	lost-check	what the notifier did, and map after the loss
 *	race-port-start	a thread requesting and releasing regions while
 *	race-port-stop	the guest removes the CXL root in between
 *	race-unbind-start	the same while the guest unbinds this driver
 *	race-unbind-stop
 *	after-unbind	calls through a handle whose device was unbound;
 *			drops the reference this module keeps to it
 *	hold, release	a normal region, for the final checks
 *
 * The module keeps a reference of its own to the device's handle from
 * probe until after-unbind, so that calls after the unbind go to a live
 * object: without it they would be a use-after-free of the caller's, not
 * something an API can answer.
 */

#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/random.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait.h>

#include <cxl_accel.h>

#define MISUSE_BUF	SZ_16K
#define MISUSE_ERRS	8
#define VOL		CXL_ACCEL_REGION_VOLATILE

/* How many times each answer came, per kind of answer. */
struct tally {
	int rc[MISUSE_ERRS];
	unsigned long n[MISUSE_ERRS];
	unsigned int nr;
	unsigned long overflow;
};

struct misuse_thread {
	struct task_struct *task;
	struct completion done;
	unsigned int id;
	unsigned int iters;
	/* requests' answers; [1]: race-unbind, after the device was disabled */
	struct tally req[2];
	/* maps' answers */
	struct tally map;
	unsigned long mismatches;
	/* race-port: notifiers called, and regions told more than once */
	atomic_t lost;
	atomic_t twice;
};

/* The lost case's region and what its notifier did. */
struct lost_ctx {
	struct cxl_accel_region *r;
	void *va;
	atomic_t calls;
	atomic_t inner;
	atomic_t other;
	wait_queue_head_t wq;
};

static struct {
	/* serialises cases, results and the fields below */
	struct mutex lock;
	struct pci_dev *pdev;
	struct cxl_accel_dev *cxlad;
	u64 capacity;
	bool disabled;
	const char *name;
	char *buf;
	size_t len;
	struct dentry *dir;
	struct misuse_thread thr[2];
	unsigned int nr_thr;
	struct lost_ctx lost;
	struct cxl_accel_region *held;
	void *held_va;
} ms;

static __printf(3, 4) void report(bool pass, const char *check,
				  const char *fmt, ...)
{
	va_list ap;

	ms.len += scnprintf(ms.buf + ms.len, MISUSE_BUF - ms.len, "%s/%s %s ",
			    ms.name, check, pass ? "ok" : "fail");
	va_start(ap, fmt);
	ms.len += vscnprintf(ms.buf + ms.len, MISUSE_BUF - ms.len, fmt, ap);
	va_end(ap);
	ms.len += scnprintf(ms.buf + ms.len, MISUSE_BUF - ms.len, "\n");
}

static void expect_rc(const char *check, int got, int want)
{
	report(got == want, check, "got %d want %d", got, want);
}

/* An errno from a pointer: 0 for an object, 1 for NULL. */
static long ptr_rc(const void *p)
{
	if (!p)
		return 1;
	return IS_ERR(p) ? PTR_ERR(p) : 0;
}

/* @r must be ERR_PTR(@want); a region given anyway is put back. */
static void expect_region(const char *check, struct cxl_accel_region *r,
			  int want)
{
	report(ptr_rc(r) == want, check, "got %ld want %d", ptr_rc(r), want);
	if (!IS_ERR_OR_NULL(r))
		cxl_accel_region_put(r);
}

static void expect_dpa(const char *check, struct cxl_accel_dpa *dpa, int want)
{
	report(ptr_rc(dpa) == want, check, "got %ld want %d", ptr_rc(dpa), want);
	if (!IS_ERR_OR_NULL(dpa))
		cxl_accel_dpa_free(dpa);
}

/* A region that must be granted; NULL (reported) if it was not. */
static struct cxl_accel_region *must_request(const char *check,
					     struct cxl_accel_dev *cxlad)
{
	struct cxl_accel_region *r;

	r = cxl_accel_region_request(cxlad, SZ_256M, 0, VOL);
	report(!IS_ERR_OR_NULL(r), check, "got %ld want 0", ptr_rc(r));
	return IS_ERR_OR_NULL(r) ? NULL : r;
}

static void tally(struct tally *t, int rc)
{
	unsigned int i;

	for (i = 0; i < t->nr; i++) {
		if (t->rc[i] == rc) {
			t->n[i]++;
			return;
		}
	}
	if (t->nr == MISUSE_ERRS) {
		t->overflow++;
		return;
	}
	t->rc[t->nr] = rc;
	t->n[t->nr++] = 1;
}

static unsigned long tally_of(const struct tally *t, int rc)
{
	unsigned int i;

	for (i = 0; i < t->nr; i++)
		if (t->rc[i] == rc)
			return t->n[i];
	return 0;
}

static unsigned long tally_total(const struct tally *t)
{
	unsigned long n = t->overflow;
	unsigned int i;

	for (i = 0; i < t->nr; i++)
		n += t->n[i];
	return n;
}

/* Every answer in @t is one of @ok[]; DETAIL lists them all. */
static void expect_answers(const char *check, const struct tally *t,
			   const int *ok, unsigned int nr_ok)
{
	char detail[160];
	size_t len = 0;
	bool pass = !t->overflow;
	unsigned int i, j;

	for (i = 0; i < t->nr; i++) {
		for (j = 0; j < nr_ok && ok[j] != t->rc[i]; j++)
			;
		if (j == nr_ok)
			pass = false;
		len += scnprintf(detail + len, sizeof(detail) - len, "%s%d x%lu",
				 i ? ", " : "", t->rc[i], t->n[i]);
	}
	report(pass, check, "answers: %s", t->nr ? detail : "none");
}

/* The word each thread writes at its offset of the region. */
static u64 pattern(unsigned int id, unsigned long n)
{
	return 0xc0de000000000000ull | (u64)id << 32 | (u32)n;
}

/*
 * Request a region and use it the way a driver does; only memory the
 * device really has is written (capacities above it are pretend).
 */
static struct cxl_accel_region *thread_request(struct misuse_thread *t,
					       struct tally *req)
{
	struct cxl_accel_region *r;
	struct range dpa;
	u64 *va;

	r = cxl_accel_region_request(ms.cxlad, SZ_256M, 0, VOL);
	tally(req, ptr_rc(r));
	if (IS_ERR_OR_NULL(r))
		return NULL;
	va = cxl_accel_region_map(r, CXL_ACCEL_MAP_WB);
	tally(&t->map, ptr_rc(va));
	if (IS_ERR_OR_NULL(va))
		return r;
	cxl_accel_region_dpa(r, &dpa);
	if (dpa.end < ms.capacity) {
		WRITE_ONCE(va[t->id], pattern(t->id, t->req[0].nr));
		if (READ_ONCE(va[t->id]) != pattern(t->id, t->req[0].nr))
			t->mismatches++;
	}
	cxl_accel_region_unmap(r, va);
	return r;
}

static int race_threads_fn(void *data)
{
	struct misuse_thread *t = data;
	struct cxl_accel_region *r;
	unsigned int i;

	for (i = 0; i < t->iters && !kthread_should_stop(); i++) {
		r = thread_request(t, &t->req[0]);
		cxl_accel_region_put(r);
		cond_resched();
	}
	complete(&t->done);
	return 0;
}

static void race_port_lost(struct cxl_accel_region *r, void *data)
{
	struct misuse_thread *t = data;

	/* the thread stops listening before it puts: this is its region */
	atomic_inc(&t->lost);
}

/*
 * Regions held for a few milliseconds each, released while the guest
 * takes the CXL root away; the notifier is cleared before each put, as
 * the kernel-doc asks.
 */
static int race_port_fn(void *data)
{
	struct misuse_thread *t = data;
	struct cxl_accel_region *r;
	int before;

	while (!kthread_should_stop()) {
		r = cxl_accel_region_request(ms.cxlad, SZ_256M, 0, VOL);
		tally(&t->req[0], ptr_rc(r));
		if (IS_ERR_OR_NULL(r)) {
			usleep_range(1000, 2000);
			continue;
		}
		before = atomic_read(&t->lost);
		cxl_accel_region_set_notify(r, race_port_lost, t);
		usleep_range(1000, 1000 + get_random_u32() % 8000);
		cxl_accel_region_set_notify(r, NULL, NULL);
		if (atomic_read(&t->lost) > before + 1)
			atomic_inc(&t->twice);
		cxl_accel_region_put(r);
	}
	complete(&t->done);
	return 0;
}

/* Requests while the guest unbinds this driver, sorted by when they began. */
static int race_unbind_fn(void *data)
{
	struct misuse_thread *t = data;
	struct cxl_accel_region *r;
	bool after;

	while (!kthread_should_stop()) {
		after = READ_ONCE(ms.disabled);
		r = thread_request(t, &t->req[after]);
		cxl_accel_region_put(r);
		if (!r)
			usleep_range(1000, 2000);
		cond_resched();
	}
	complete(&t->done);
	return 0;
}

static int threads_start(int (*fn)(void *data), unsigned int nr,
			 unsigned int iters)
{
	struct misuse_thread *t;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		t = &ms.thr[i];
		memset(t, 0, sizeof(*t));
		init_completion(&t->done);
		t->id = i;
		t->iters = iters;
		t->task = kthread_run(fn, t, "cxl_misuse%u", i);
		if (IS_ERR(t->task)) {
			report(false, "thread", "kthread_run: %ld", PTR_ERR(t->task));
			t->task = NULL;
			return -ENOMEM;
		}
		get_task_struct(t->task);
		ms.nr_thr = i + 1;
	}
	return 0;
}

static void threads_stop(void)
{
	struct misuse_thread *t;
	unsigned int i;

	for (i = 0; i < ms.nr_thr; i++) {
		t = &ms.thr[i];
		if (t->task) {
			kthread_stop(t->task);
			put_task_struct(t->task);
			t->task = NULL;
		}
	}
	ms.nr_thr = 0;
}

/*
 * Set a pretend capacity back to what the device has: regions released
 * while a higher one lived may be parked and freed a moment later.
 */
static int restore_capacity(void)
{
	int rc, i;

	for (i = 0; i < 100; i++) {
		rc = cxl_accel_set_capacity(ms.cxlad, ms.capacity);
		if (rc != -EBUSY)
			break;
		msleep(100);
	}
	return rc;
}

/* ---- the cases ---- */

static void misuse_dummy_lost(struct cxl_accel_region *r, void *data)
{
}

/* NULL for every handle. */
static int case_null(const char *arg)
{
	struct cxl_accel_info info;
	struct cxl_accel_dev *cxlad;
	resource_size_t max;
	struct range rg;
	long rc;

	cxlad = cxl_accel_probe(NULL);
	report(ptr_rc(cxlad) == -EINVAL, "probe", "got %ld want %d",
	       ptr_rc(cxlad), -EINVAL);
	if (!IS_ERR_OR_NULL(cxlad))
		cxl_accel_dev_put(cxlad);
	cxlad = devm_cxl_accel_probe(NULL);
	report(ptr_rc(cxlad) == -EINVAL, "devm-probe", "got %ld want %d",
	       ptr_rc(cxlad), -EINVAL);
	report(!cxl_accel_dev_get(NULL), "dev-get", "got %ld want NULL (1)",
	       ptr_rc(cxl_accel_dev_get(NULL)));
	cxl_accel_dev_put(NULL);
	cxl_accel_dev_put(ERR_PTR(-ENODEV));
	report(true, "dev-put", "NULL and ERR_PTR ignored");

	memset(&info, 0xa5, sizeof(info));
	cxl_accel_get_info(NULL, &info);
	report(!info.capacity && !info.nr_decoders, "get-info",
	       "capacity %#llx decoders %u want 0 0", info.capacity,
	       info.nr_decoders);
	cxl_accel_get_info(ms.cxlad, NULL);
	report(true, "get-info-no-info", "returned");
	expect_rc("set-capacity", cxl_accel_set_capacity(NULL, SZ_256M), -EINVAL);
	expect_rc("freespace", cxl_accel_get_hpa_freespace(NULL, VOL, &max),
		  -EINVAL);
	expect_rc("freespace-no-max",
		  cxl_accel_get_hpa_freespace(ms.cxlad, VOL, NULL), -EINVAL);
	expect_dpa("request-dpa", cxl_accel_request_dpa(NULL, SZ_256M), -EINVAL);
	rc = cxl_accel_dpa_free(NULL) ?: cxl_accel_dpa_free(ERR_PTR(-ENOSPC));
	expect_rc("dpa-free", rc, 0);
	expect_region("create-region", cxl_accel_create_region(NULL, 0, VOL),
		      -EINVAL);
	expect_region("region-request",
		      cxl_accel_region_request(NULL, SZ_256M, 0, VOL), -EINVAL);
	expect_region("devm-region-request-no-cxlad",
		      devm_cxl_accel_region_request(&ms.pdev->dev, NULL,
						    SZ_256M, 0, VOL), -EINVAL);
	expect_region("devm-region-request-no-dev",
		      devm_cxl_accel_region_request(NULL, ms.cxlad, SZ_256M,
						    0, VOL), -EINVAL);
	expect_region("region-adopt", cxl_accel_region_adopt(NULL, VOL), -EINVAL);
	expect_region("devm-region-adopt-no-cxlad",
		      devm_cxl_accel_region_adopt(&ms.pdev->dev, NULL, VOL),
		      -EINVAL);
	expect_region("devm-region-adopt-no-dev",
		      devm_cxl_accel_region_adopt(NULL, ms.cxlad, VOL), -EINVAL);
	report(!cxl_accel_region_get(NULL), "region-get", "got %ld want NULL (1)",
	       ptr_rc(cxl_accel_region_get(NULL)));
	cxl_accel_region_put(NULL);
	cxl_accel_region_put(ERR_PTR(-ENXIO));
	report(true, "region-put", "NULL and ERR_PTR ignored");
	memset(&rg, 0xa5, sizeof(rg));
	cxl_accel_region_range(NULL, &rg);
	report(!range_len(&rg), "range", "%#llx-%#llx want an empty range",
	       rg.start, rg.end);
	memset(&rg, 0xa5, sizeof(rg));
	cxl_accel_region_dpa(NULL, &rg);
	report(!range_len(&rg), "dpa", "%#llx-%#llx want an empty range",
	       rg.start, rg.end);
	rc = ptr_rc(cxl_accel_region_map(NULL, CXL_ACCEL_MAP_WB));
	report(rc == -EINVAL, "map", "got %ld want %d", rc, -EINVAL);
	cxl_accel_region_unmap(NULL, &info);
	report(true, "unmap", "returned");
	cxl_accel_region_set_notify(NULL, misuse_dummy_lost, NULL);
	report(true, "set-notify", "returned");
	return 0;
}

static int case_sizes(const char *arg)
{
	const u64 huge = ALIGN_DOWN(U64_MAX, SZ_256M);
	struct cxl_accel_dpa *dpa;
	struct cxl_accel_region *r;

	expect_dpa("dpa-0", cxl_accel_request_dpa(ms.cxlad, 0), -EINVAL);
	expect_dpa("dpa-128m", cxl_accel_request_dpa(ms.cxlad, SZ_128M), -EINVAL);
	expect_dpa("dpa-256m+4k",
		   cxl_accel_request_dpa(ms.cxlad, SZ_256M + SZ_4K), -EINVAL);
	expect_region("request-0", cxl_accel_region_request(ms.cxlad, 0, 0, VOL),
		      -EINVAL);
	expect_region("request-384m",
		      cxl_accel_region_request(ms.cxlad, SZ_256M + SZ_128M, 0,
					       VOL), -EINVAL);
	expect_region("request-beyond-device",
		      cxl_accel_region_request(ms.cxlad, ms.capacity + SZ_256M,
					       0, VOL), -ENOSPC);
	expect_region("request-2^64-256m",
		      cxl_accel_region_request(ms.cxlad, huge, 0, VOL), -ENOSPC);
	expect_rc("capacity-unaligned",
		  cxl_accel_set_capacity(ms.cxlad, SZ_256M + SZ_1M), -EINVAL);
	/*
	 * The window is larger than the device: only a pretend capacity
	 * lets a request get as far as the window.
	 */
	expect_rc("capacity-16g", cxl_accel_set_capacity(ms.cxlad, SZ_16G), 0);
	expect_region("request-beyond-window",
		      cxl_accel_region_request(ms.cxlad, SZ_8G, 0, VOL), -ENOSPC);
	expect_rc("capacity-2^64-256m", cxl_accel_set_capacity(ms.cxlad, huge), 0);
	expect_region("request-2^64-256m-beyond-window",
		      cxl_accel_region_request(ms.cxlad, huge, 0, VOL), -ENOSPC);
	dpa = cxl_accel_request_dpa(ms.cxlad, SZ_256M);
	report(!IS_ERR_OR_NULL(dpa), "dpa-256m", "got %ld want 0", ptr_rc(dpa));
	if (IS_ERR_OR_NULL(dpa))
		return 0;
	expect_rc("capacity-while-reserved",
		  cxl_accel_set_capacity(ms.cxlad, ms.capacity), -EBUSY);
	expect_region("align-3", cxl_accel_create_region(dpa, 3, VOL), -EINVAL);
	expect_region("align-128m", cxl_accel_create_region(dpa, SZ_128M, VOL),
		      -EINVAL);
	expect_region("align-2^63",
		      cxl_accel_create_region(dpa, 1ull << 63, VOL), -ENOSPC);
	expect_rc("dpa-free", cxl_accel_dpa_free(dpa), 0);
	expect_rc("capacity-restored", restore_capacity(), 0);
	/* the device's whole memory, its size exactly: a positive control */
	r = must_request("request-capacity", ms.cxlad);
	cxl_accel_region_put(r);
	return 0;
}

static int case_flags(const char *arg)
{
	struct cxl_accel_region *r;
	resource_size_t max = 0;
	void *va;
	long rc;

	expect_region("request-0", cxl_accel_region_request(ms.cxlad, SZ_256M, 0, 0),
		      -EINVAL);
	expect_region("request-unknown",
		      cxl_accel_region_request(ms.cxlad, SZ_256M, 0,
					       VOL | BIT(20)), -EINVAL);
	expect_region("request-all-bits",
		      cxl_accel_region_request(ms.cxlad, SZ_256M, 0, ~0ul),
		      -EINVAL);
	expect_region("adopt-unknown",
		      cxl_accel_region_adopt(ms.cxlad, VOL | BIT(20)), -EINVAL);
	expect_region("adopt-lock",
		      cxl_accel_region_adopt(ms.cxlad,
					     VOL | CXL_ACCEL_REGION_LOCK), -EINVAL);
	expect_rc("freespace-unknown",
		  cxl_accel_get_hpa_freespace(ms.cxlad, VOL | BIT(20), &max),
		  -EINVAL);
	expect_rc("freespace-0", cxl_accel_get_hpa_freespace(ms.cxlad, 0, &max),
		  -EOPNOTSUPP);
	rc = cxl_accel_get_hpa_freespace(ms.cxlad, VOL, &max);
	report(!rc && max >= SZ_256M, "freespace", "got %ld, %#llx bytes", rc,
	       (u64)max);
	r = must_request("request", ms.cxlad);
	if (!r)
		return 0;
	va = cxl_accel_region_map(r, BIT(7));
	report(ptr_rc(va) == -EINVAL, "map-unknown", "got %ld want %d",
	       ptr_rc(va), -EINVAL);
	if (!IS_ERR_OR_NULL(va))
		cxl_accel_region_unmap(r, va);
	va = cxl_accel_region_map(r, CXL_ACCEL_MAP_WC);
	report(!IS_ERR_OR_NULL(va), "map-wc", "got %ld want 0", ptr_rc(va));
	if (!IS_ERR_OR_NULL(va))
		cxl_accel_region_unmap(r, va);
	cxl_accel_region_put(r);
	return 0;
}

/*
 * Addresses that were never mapped, or are no longer: each is refused
 * with one line (the guest counts them: five) and the real mappings
 * survive.  Two regions, the second on pretend capacity (never written):
 * one region's mapping cannot be undone through the other.  The lower
 * region is put first, so its release waits (parked) for the upper one.
 */
static int case_unmap(const char *arg)
{
	const u64 word = 0x5a5a5a5a12345678ull;
	struct cxl_accel_region *r, *r2;
	u64 *va, *va2, local = 0;

	expect_rc("capacity-512m", cxl_accel_set_capacity(ms.cxlad, SZ_512M), 0);
	r = must_request("request", ms.cxlad);
	r2 = must_request("request-second", ms.cxlad);
	if (!r || !r2)
		goto out;
	va = cxl_accel_region_map(r, CXL_ACCEL_MAP_WB);
	report(!IS_ERR_OR_NULL(va), "map", "got %ld want 0", ptr_rc(va));
	va2 = cxl_accel_region_map(r2, CXL_ACCEL_MAP_WB);
	report(!IS_ERR_OR_NULL(va2), "map-second", "got %ld want 0",
	       ptr_rc(va2));
	if (IS_ERR_OR_NULL(va) || IS_ERR_OR_NULL(va2))
		goto out;
	WRITE_ONCE(va[0], word);
	cxl_accel_region_unmap(r, va + SZ_4K / sizeof(*va));
	cxl_accel_region_unmap(r, NULL);
	cxl_accel_region_unmap(r, &local);
	cxl_accel_region_unmap(r, va2);
	report(READ_ONCE(va[0]) == word, "mapping-survives", "read %#llx",
	       READ_ONCE(va[0]));
	cxl_accel_region_unmap(r, va);
	cxl_accel_region_unmap(r, va);
	cxl_accel_region_unmap(r2, va2);
	va = cxl_accel_region_map(r, CXL_ACCEL_MAP_WB);
	report(!IS_ERR_OR_NULL(va) && READ_ONCE(va[0]) == word, "map-again",
	       "got %ld, read %#llx", ptr_rc(va),
	       IS_ERR_OR_NULL(va) ? 0 : READ_ONCE(va[0]));
	if (!IS_ERR_OR_NULL(va))
		cxl_accel_region_unmap(r, va);
out:
	cxl_accel_region_put(r);
	cxl_accel_region_put(r2);
	expect_rc("capacity-restored", restore_capacity(), 0);
	return 0;
}

/*
 * Objects used against their owner, or through another handle.  The API
 * cannot express a region or reservation of one device released through
 * another device's handle: cxl_accel_region_put(), cxl_accel_dpa_free()
 * and cxl_accel_create_region() take the object alone, and it knows its
 * device.  The nearest things: a reservation used after a region took
 * it, reservations used out of order, and a second handle for the same
 * function (what a second instance of a driver would hold), which must
 * see what the first one committed and never hand out the same decoder
 * or memory.
 */
static int case_cross(const char *arg)
{
	struct cxl_accel_region *r, *rb;
	struct cxl_accel_dpa *d, *d2;
	struct cxl_accel_dev *b;

	d = cxl_accel_request_dpa(ms.cxlad, SZ_256M);
	report(!IS_ERR_OR_NULL(d), "dpa", "got %ld want 0", ptr_rc(d));
	if (IS_ERR_OR_NULL(d))
		return 0;
	r = cxl_accel_create_region(d, 0, VOL);
	report(!IS_ERR_OR_NULL(r), "create", "got %ld want 0", ptr_rc(r));
	if (IS_ERR_OR_NULL(r)) {
		cxl_accel_dpa_free(d);
		return 0;
	}
	expect_rc("dpa-free-owned", cxl_accel_dpa_free(d), -EBUSY);
	expect_region("create-again", cxl_accel_create_region(d, 0, VOL),
		      -EINVAL);

	b = cxl_accel_probe(ms.pdev);
	report(!IS_ERR_OR_NULL(b), "second-handle", "got %ld want 0",
	       ptr_rc(b));
	if (!IS_ERR_OR_NULL(b)) {
		expect_region("second-handle-request",
			      cxl_accel_region_request(b, SZ_256M, 0, VOL),
			      -ENOSPC);
		expect_dpa("second-handle-dpa",
			   cxl_accel_request_dpa(b, SZ_256M), -ENOSPC);
	}
	/* @d goes with the region */
	cxl_accel_region_put(r);
	if (!IS_ERR_OR_NULL(b)) {
		rb = must_request("second-handle-after-release", b);
		expect_region("first-handle-while-second-holds",
			      cxl_accel_region_request(ms.cxlad, SZ_256M, 0, VOL),
			      -ENOSPC);
		cxl_accel_region_put(rb);
		cxl_accel_dev_put(b);
	}

	expect_rc("capacity-512m", cxl_accel_set_capacity(ms.cxlad, SZ_512M), 0);
	d = cxl_accel_request_dpa(ms.cxlad, SZ_256M);
	d2 = cxl_accel_request_dpa(ms.cxlad, SZ_256M);
	report(!IS_ERR_OR_NULL(d) && !IS_ERR_OR_NULL(d2), "two-dpas",
	       "got %ld %ld want 0 0", ptr_rc(d), ptr_rc(d2));
	if (!IS_ERR_OR_NULL(d) && !IS_ERR_OR_NULL(d2)) {
		expect_rc("dpa-free-not-last", cxl_accel_dpa_free(d), -EBUSY);
		expect_region("create-not-next",
			      cxl_accel_create_region(d2, 0, VOL), -EINVAL);
		expect_rc("dpa-free-last", cxl_accel_dpa_free(d2), 0);
		d2 = NULL;
		expect_rc("dpa-free-first", cxl_accel_dpa_free(d), 0);
		d = NULL;
	}
	cxl_accel_dpa_free(d2);
	cxl_accel_dpa_free(d);
	expect_rc("capacity-restored", restore_capacity(), 0);
	return 0;
}

/*
 * Two threads requesting, mapping, writing and releasing 256 MiB regions
 * on one device, on a pretend capacity of 1 GiB so that both can hold
 * one at a time: each request is granted or finds no room left (-ENOSPC:
 * released regions wait, parked, for the work that resets them, with
 * their decoders).  -EINVAL is a known defect, allowed here so that it is
 * counted rather than flaky: a region released between a request's
 * reservation and its create leaves the reservation above the next
 * decoder to commit, and the create fails as "not the next to commit".
 */
static int case_race_threads(const char *arg)
{
	static const int ok_req[] = { 0, -ENOSPC, -EINVAL };
	static const int ok_map[] = { 0 };
	struct cxl_accel_region *r;
	struct misuse_thread *t;
	unsigned int iters = 20, i;
	char check[32];

	if (arg && kstrtouint(arg, 0, &iters))
		return -EINVAL;
	expect_rc("capacity-1g", cxl_accel_set_capacity(ms.cxlad, SZ_1G), 0);
	if (!threads_start(race_threads_fn, 2, iters)) {
		for (i = 0; i < ms.nr_thr; i++)
			wait_for_completion(&ms.thr[i].done);
	}
	for (i = 0; i < ms.nr_thr; i++) {
		t = &ms.thr[i];
		snprintf(check, sizeof(check), "thread%u-requests", i);
		expect_answers(check, &t->req[0], ok_req, ARRAY_SIZE(ok_req));
		snprintf(check, sizeof(check), "thread%u-granted", i);
		report(tally_of(&t->req[0], 0), check, "%lu of %u",
		       tally_of(&t->req[0], 0), iters);
		snprintf(check, sizeof(check), "thread%u-maps", i);
		expect_answers(check, &t->map, ok_map, ARRAY_SIZE(ok_map));
		snprintf(check, sizeof(check), "thread%u-data", i);
		report(!t->mismatches, check, "%lu words read back wrong",
		       t->mismatches);
	}
	threads_stop();
	expect_rc("capacity-restored", restore_capacity(), 0);
	r = must_request("request-after", ms.cxlad);
	cxl_accel_region_put(r);
	return 0;
}

static void lost_other(struct cxl_accel_region *r, void *data)
{
	struct lost_ctx *lc = data;

	atomic_inc(&lc->other);
}

/*
 * The notifier misbehaves first: it tries to stop listening and to
 * install another notifier, from inside itself, which the kernel-doc
 * forbids (both are refused with a line each; the guest counts them).
 * Then it does what the kernel-doc asks: unmap, and put the driver's
 * reference.  The case holds a second reference, for map after the loss.
 */
static void lost_fn(struct cxl_accel_region *r, void *data)
{
	struct lost_ctx *lc = data;

	cxl_accel_region_set_notify(r, NULL, NULL);
	cxl_accel_region_set_notify(r, lost_other, lc);
	atomic_inc(&lc->inner);
	if (lc->va)
		cxl_accel_region_unmap(r, lc->va);
	lc->va = NULL;
	atomic_inc(&lc->calls);
	cxl_accel_region_put(r);
	wake_up(&lc->wq);
}

static int case_lost_setup(const char *arg)
{
	struct lost_ctx *lc = &ms.lost;

	if (lc->r) {
		report(false, "fresh", "a region of an earlier lost-setup is held");
		return 0;
	}
	memset(lc, 0, sizeof(*lc));
	init_waitqueue_head(&lc->wq);
	lc->r = must_request("request", ms.cxlad);
	if (!lc->r)
		return 0;
	report(cxl_accel_region_get(lc->r) == lc->r, "get", "a second reference");
	lc->va = cxl_accel_region_map(lc->r, CXL_ACCEL_MAP_WB);
	report(!IS_ERR_OR_NULL(lc->va), "map", "got %ld want 0", ptr_rc(lc->va));
	if (IS_ERR_OR_NULL(lc->va))
		lc->va = NULL;
	cxl_accel_region_set_notify(lc->r, lost_fn, lc);
	report(!atomic_read(&lc->calls), "not-lost-yet", "%d notifier calls",
	       atomic_read(&lc->calls));
	return 0;
}

static int case_lost_check(const char *arg)
{
	struct lost_ctx *lc = &ms.lost;
	void *va;

	if (!lc->r) {
		report(false, "setup", "no region from lost-setup");
		return 0;
	}
	wait_event_timeout(lc->wq, atomic_read(&lc->calls), 20 * HZ);
	report(atomic_read(&lc->calls) == 1, "notified-once", "%d calls",
	       atomic_read(&lc->calls));
	report(atomic_read(&lc->inner) == 1, "set-notify-inside-returned",
	       "%d of 1", atomic_read(&lc->inner));
	report(!atomic_read(&lc->other), "other-notifier-not-called",
	       "%d calls", atomic_read(&lc->other));
	va = cxl_accel_region_map(lc->r, CXL_ACCEL_MAP_WB);
	report(ptr_rc(va) == -ENXIO, "map-after-loss", "got %ld want %d",
	       ptr_rc(va), -ENXIO);
	if (!IS_ERR_OR_NULL(va))
		cxl_accel_region_unmap(lc->r, va);
	cxl_accel_region_set_notify(lc->r, NULL, NULL);
	cxl_accel_region_put(lc->r);
	lc->r = NULL;
	return 0;
}

static int case_race_port_start(const char *arg)
{
	report(!threads_start(race_port_fn, 1, 0), "started", "one thread");
	return 0;
}

/*
 * While the CXL root is away a request is refused with -ENODEV where
 * cxl_accel keeps the CXL core's view (6.2 and later).  While it is going
 * away, the region the thread just put may still be held by the work that
 * revokes it (until that has told the driver): a request then finds the
 * device memory in use, -ENOSPC (seen on the debug kernel, once in a few
 * runs).  Everything else is granted.
 */
static int case_race_port_stop(const char *arg)
{
	static const int ok[] = { 0, -ENODEV, -ENOSPC };
	struct misuse_thread *t = &ms.thr[0];

	if (!ms.nr_thr) {
		report(false, "running", "race-port-start first");
		return 0;
	}
	threads_stop();
	expect_answers("requests", &t->req[0], ok, ARRAY_SIZE(ok));
	report(tally_of(&t->req[0], 0), "granted", "%lu regions, %d lost",
	       tally_of(&t->req[0], 0), atomic_read(&t->lost));
	report(!atomic_read(&t->twice), "told-once", "%d regions told twice",
	       atomic_read(&t->twice));
	return 0;
}

static int case_race_unbind_start(const char *arg)
{
	report(!threads_start(race_unbind_fn, 1, 0), "started", "one thread");
	return 0;
}

/*
 * Requests that began before this driver's device was disabled are
 * granted, or refused if the unbind got there first; those that began
 * after are refused with -ENODEV.
 */
static int case_race_unbind_stop(const char *arg)
{
	static const int ok_before[] = { 0, -ENODEV };
	static const int ok_after[] = { -ENODEV };
	struct misuse_thread *t = &ms.thr[0];

	if (!ms.nr_thr) {
		report(false, "running", "race-unbind-start first");
		return 0;
	}
	threads_stop();
	expect_answers("before", &t->req[0], ok_before, ARRAY_SIZE(ok_before));
	report(tally_of(&t->req[0], 0), "granted-before", "%lu regions",
	       tally_of(&t->req[0], 0));
	expect_answers("after", &t->req[1], ok_after, ARRAY_SIZE(ok_after));
	report(tally_total(&t->req[1]), "ran-after",
	       "%lu requests after the unbind", tally_total(&t->req[1]));
	return 0;
}

/* Calls through the handle whose device was unbound; then drop it. */
static int case_after_unbind(const char *arg)
{
	struct cxl_accel_region *r;
	struct cxl_accel_info info;

	if (ms.pdev) {
		report(false, "unbound", "the device is still bound");
		return 0;
	}
	cxl_accel_get_info(ms.cxlad, &info);
	report(info.capacity == ms.capacity, "get-info", "capacity %#llx",
	       info.capacity);
	expect_dpa("request-dpa", cxl_accel_request_dpa(ms.cxlad, SZ_256M),
		   -ENODEV);
	expect_region("region-request",
		      cxl_accel_region_request(ms.cxlad, SZ_256M, 0, VOL),
		      -ENODEV);
	r = cxl_accel_region_adopt(ms.cxlad, VOL);
	report(IS_ERR(r), "adopt", "got %ld want an errno", ptr_rc(r));
	if (!IS_ERR_OR_NULL(r))
		cxl_accel_region_put(r);
	cxl_accel_dev_put(ms.cxlad);
	ms.cxlad = NULL;
	return 0;
}

/* A normal region, held until "release": the guest looks at it meanwhile. */
static int case_hold(const char *arg)
{
	u64 *va;

	if (ms.held) {
		report(false, "fresh", "a region is held already");
		return 0;
	}
	ms.held = must_request("request", ms.cxlad);
	if (!ms.held)
		return 0;
	va = cxl_accel_region_map(ms.held, CXL_ACCEL_MAP_WB);
	report(!IS_ERR_OR_NULL(va), "map", "got %ld want 0", ptr_rc(va));
	if (IS_ERR_OR_NULL(va))
		return 0;
	ms.held_va = va;
	WRITE_ONCE(va[1], 0x600dcafe);
	report(READ_ONCE(va[1]) == 0x600dcafe, "data", "read %#llx",
	       READ_ONCE(va[1]));
	return 0;
}

static int case_release(const char *arg)
{
	report(ms.held, "held", "a region from hold");
	if (ms.held_va)
		cxl_accel_region_unmap(ms.held, ms.held_va);
	cxl_accel_region_put(ms.held);
	ms.held = NULL;
	ms.held_va = NULL;
	return 0;
}

/* What a case needs: the device bound to this driver, our handle. */
#define NEED_BOUND	BIT(0)
#define NEED_HANDLE	BIT(1)

static const struct misuse_case {
	const char *name;
	int (*fn)(const char *arg);
	unsigned int needs;
} misuse_cases[] = {
	{ "null", case_null, NEED_BOUND | NEED_HANDLE },
	{ "sizes", case_sizes, NEED_HANDLE },
	{ "flags", case_flags, NEED_HANDLE },
	{ "unmap", case_unmap, NEED_HANDLE },
	{ "cross", case_cross, NEED_BOUND | NEED_HANDLE },
	{ "race-threads", case_race_threads, NEED_HANDLE },
	{ "lost-setup", case_lost_setup, NEED_HANDLE },
	{ "lost-check", case_lost_check, 0 },
	{ "race-port-start", case_race_port_start, NEED_HANDLE },
	{ "race-port-stop", case_race_port_stop, 0 },
	{ "race-unbind-start", case_race_unbind_start, NEED_BOUND | NEED_HANDLE },
	{ "race-unbind-stop", case_race_unbind_stop, 0 },
	{ "after-unbind", case_after_unbind, NEED_HANDLE },
	{ "hold", case_hold, NEED_HANDLE },
	{ "release", case_release, 0 },
};

static ssize_t ctl_write(struct file *file, const char __user *ubuf,
			 size_t len, loff_t *ppos)
{
	const struct misuse_case *c = NULL;
	char *buf, *name, *arg;
	unsigned int i;
	int rc = -EINVAL;

	if (len > 64)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, len);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	arg = strim(buf);
	name = strsep(&arg, " ");
	for (i = 0; i < ARRAY_SIZE(misuse_cases); i++)
		if (!strcmp(name, misuse_cases[i].name))
			c = &misuse_cases[i];
	if (c) {
		mutex_lock(&ms.lock);
		ms.len = 0;
		ms.buf[0] = 0;
		ms.name = c->name;
		if ((c->needs & NEED_BOUND) && !ms.pdev)
			report(false, "bound", "the device is not bound to %s",
			       KBUILD_MODNAME);
		else if ((c->needs & NEED_HANDLE) && !ms.cxlad)
			report(false, "handle", "no handle held");
		else
			rc = c->fn(arg);
		mutex_unlock(&ms.lock);
	}
	kfree(buf);
	return rc ?: len;
}

static const struct file_operations ctl_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = ctl_write,
};

static int results_show(struct seq_file *s, void *unused)
{
	mutex_lock(&ms.lock);
	seq_puts(s, ms.buf);
	mutex_unlock(&ms.lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(results);

/* Runs after pcim's disable of the device on unbind: added before it. */
static void misuse_disabled(void *unused)
{
	WRITE_ONCE(ms.disabled, true);
}

static int misuse_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct cxl_accel_dev *cxlad;
	struct cxl_accel_info info;
	int rc;

	mutex_lock(&ms.lock);
	rc = ms.pdev ? -EBUSY : 0;
	WRITE_ONCE(ms.disabled, false);
	mutex_unlock(&ms.lock);
	if (rc)
		return rc;
	rc = devm_add_action(&pdev->dev, misuse_disabled, NULL);
	if (rc)
		return rc;
	rc = pcim_enable_device(pdev);
	if (rc)
		return rc;
	cxlad = devm_cxl_accel_probe(pdev);
	if (IS_ERR(cxlad))
		return dev_err_probe(&pdev->dev, PTR_ERR(cxlad),
				     "not a usable CXL accelerator\n");
	cxl_accel_get_info(cxlad, &info);
	pci_info(pdev, "misuse tests on %llu MiB, %u HDM decoders\n",
		 info.capacity >> 20, info.nr_decoders);
	mutex_lock(&ms.lock);
	/* a reference an earlier binding left behind */
	cxl_accel_dev_put(ms.cxlad);
	ms.cxlad = cxl_accel_dev_get(cxlad);
	ms.capacity = info.capacity;
	ms.pdev = pdev;
	mutex_unlock(&ms.lock);
	return 0;
}

static void misuse_remove(struct pci_dev *pdev)
{
	mutex_lock(&ms.lock);
	ms.pdev = NULL;
	mutex_unlock(&ms.lock);
}

static struct pci_driver misuse_driver = {
	.name = KBUILD_MODNAME,
	.probe = misuse_probe,
	.remove = misuse_remove,
};

static int __init misuse_init(void)
{
	int rc;

	mutex_init(&ms.lock);
	ms.buf = kzalloc(MISUSE_BUF, GFP_KERNEL);
	if (!ms.buf)
		return -ENOMEM;
	ms.dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("ctl", 0200, ms.dir, NULL, &ctl_fops);
	debugfs_create_file("results", 0400, ms.dir, NULL, &results_fops);
	rc = pci_register_driver(&misuse_driver);
	if (rc) {
		debugfs_remove_recursive(ms.dir);
		kfree(ms.buf);
	}
	return rc;
}

static void __exit misuse_exit(void)
{
	pci_unregister_driver(&misuse_driver);
	debugfs_remove_recursive(ms.dir);
	mutex_lock(&ms.lock);
	threads_stop();
	if (ms.held_va)
		cxl_accel_region_unmap(ms.held, ms.held_va);
	cxl_accel_region_put(ms.held);
	if (ms.lost.r) {
		cxl_accel_region_set_notify(ms.lost.r, NULL, NULL);
		cxl_accel_region_put(ms.lost.r);
	}
	cxl_accel_dev_put(ms.cxlad);
	mutex_unlock(&ms.lock);
	kfree(ms.buf);
}

module_init(misuse_init);
module_exit(misuse_exit);

MODULE_DESCRIPTION("Calls cxl_accel's API the wrong way, and concurrently, for the tests");
MODULE_LICENSE("GPL");
CXL_ACCEL_IMPORT_NS();
