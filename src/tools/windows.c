// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-accel windows: the CXL fixed memory windows of the ACPI CEDT, what
 * /proc/iomem says about each, and whether each suits each cxl_accel
 * device.  The verdicts are the module's own (src/lib/window_pick.c), from
 * the same facts its kernel glue (src/window.c) gathers: the Soft Reserved
 * or System RAM range overlapping a window and the resources in it.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/sizes.h>

#include "cxl-accel.h"

/* The module takes HPA for a region in 256 MiB steps (see src/window.c). */
#define WINDOW_ALIGN	SZ_256M

struct iomem_res {
	u64 start;
	u64 end;
	int depth;
	int parent;
	char name[64];
};

static __printf(2, 0) void cedt_vreport(void *ctx, const char *fmt, va_list args)
{
	(void)ctx;
	fputs("cxl-accel: warning: ", stderr);
	vfprintf(stderr, fmt, args);
	fputc('\n', stderr);
}

static const struct cxl_spec_env cedt_env = {
	.sleep_us = env_no_sleep,
	.now_us = env_no_clock,
	.vreport = cedt_vreport,
};

/* /proc/iomem as a list of resources with their nesting. */
static int iomem_read(struct iomem_res **out, unsigned int *nr, bool quiet)
{
	char path[PATH_MAX], *text, *line, *save, *colon;
	int stack[32], rc, depth;
	struct iomem_res *res = NULL, *bigger;
	unsigned int n = 0;
	bool all_zero = true;
	size_t len;
	u8 *data;

	rc = sys_path(path, sizeof(path), IOMEM_PATH);
	if (!rc)
		rc = read_binary(path, &data, &len);
	if (rc) {
		if (!quiet)
			error("cannot read %s: %s", path, strerror(-rc));
		return rc;
	}
	text = realloc(data, len + 1);
	if (!text) {
		free(data);
		return -ENOMEM;
	}
	text[len] = '\0';
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		struct iomem_res r = { 0 };

		for (depth = 0; line[depth] == ' '; depth++)
			;
		r.depth = depth / 2;
		colon = strstr(line, " : ");
		if (!colon || sscanf(line + depth, "%llx-%llx", &r.start, &r.end) != 2)
			continue;
		snprintf(r.name, sizeof(r.name), "%s", colon + 3);
		if (r.depth >= (int)ARRAY_SIZE(stack))
			continue;
		stack[r.depth] = n;
		r.parent = r.depth ? stack[r.depth - 1] : -1;
		if (r.start || r.end)
			all_zero = false;
		bigger = realloc(res, (n + 1) * sizeof(*res));
		if (!bigger) {
			free(res);
			free(text);
			return -ENOMEM;
		}
		res = bigger;
		res[n++] = r;
	}
	free(text);
	if (n && all_zero) {
		free(res);
		if (!quiet)
			error("%s shows no addresses: only root sees them", path);
		return -EACCES;
	}
	*out = res;
	*nr = n;
	return 0;
}

static bool contains(const struct iomem_res *r, u64 start, u64 end)
{
	return r->start <= start && r->end >= end;
}

/* Whether @r lies inside res[@anc] (an ancestor in the tree). */
static bool below(const struct iomem_res *res, const struct iomem_res *r,
		  int anc)
{
	int p;

	for (p = r->parent; p >= 0; p = res[p].parent)
		if (p == anc)
			return true;
	return false;
}

/*
 * The facts window_pick needs about window @w, from the memory map, as
 * the module's kernel glue gathers them: System RAM first, then Soft
 * Reserved and what holds part of it.  /proc/iomem shows no busy flag:
 * a device-dax instance ("daxX.Y", which kmem's System RAM nests in) is
 * what holds a Soft Reserved range.
 */
static void window_facts(struct cxl_lib_window *w, char *iomem_name,
			 size_t name_len, const struct iomem_res *res,
			 unsigned int nr)
{
	u64 base = w->cfmws.base, end = w->cfmws.base + w->cfmws.size - 1;
	const struct iomem_res *sr = NULL, *ram = NULL, *r;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		r = &res[i];
		if (r->end < base || r->start > end)
			continue;
		if (!strcmp(r->name, "Soft Reserved")) {
			if (!sr || r->start < sr->start)
				sr = r;
			continue;
		}
		if (!strncmp(r->name, "System RAM", strlen("System RAM"))) {
			if (!ram || r->start < ram->start)
				ram = r;
			continue;
		}
		if (r->start == base && r->end == end &&
		    !strncmp(r->name, "CXL Window", strlen("CXL Window"))) {
			snprintf(iomem_name, name_len, "%s", r->name);
			continue;
		}
		/* the window itself or what contains it */
		if (contains(r, base, end))
			continue;
		/* only the outermost resources inside the window */
		if (r->parent >= 0 && !contains(&res[r->parent], base, end))
			continue;
		if (w->nr_busy == CXL_LIB_MAX_BUSY) {
			w->busy_overflow = true;
			continue;
		}
		w->busy[w->nr_busy].start = max(r->start, base);
		w->busy[w->nr_busy].end = min(r->end, end);
		w->nr_busy++;
	}
	r = ram ?: sr;
	if (!r)
		return;
	w->overlap.kind = ram ? CXL_LIB_OVERLAP_SYSTEM_RAM :
				CXL_LIB_OVERLAP_SOFT_RESERVED;
	w->overlap.at.start = max(r->start, base);
	w->overlap.at.end = min(r->end, end);
	if (ram)
		return;
	for (i = 0; i < nr; i++) {
		if (strncmp(res[i].name, "dax", 3) || !below(res, &res[i], sr - res))
			continue;
		w->overlap.in_use = true;
		w->overlap.held = (struct cxl_lib_range) {
			res[i].start, res[i].end };
		break;
	}
}

/* cxl_accel.take_soft_reserved of the loaded module (N if not loaded). */
static bool sr_takeover_on(void)
{
	char path[PATH_MAX], val[8];

	if (sys_path(path, sizeof(path), "/sys/module/cxl_accel/parameters/take_soft_reserved") ||
	    read_text(path, val, sizeof(val)))
		return false;
	return val[0] == 'Y';
}

/*
 * The CEDT's windows with their facts.  Prints its own error message
 * unless @quiet.
 * Return: 0 or -errno (-EACCES: not root, -ENOENT: no CEDT).
 */
int platform_load(struct platform *p, bool quiet)
{
	char path[PATH_MAX];
	struct iomem_res *res;
	unsigned int i, nr_res;
	int rc;

	memset(p, 0, sizeof(*p));
	rc = sys_path(path, sizeof(path), CEDT_PATH);
	if (!rc)
		rc = read_binary(path, &p->cedt_buf, &p->cedt_len);
	if (quiet && rc)
		goto fail;
	if (rc == -EACCES || rc == -EPERM) {
		error("cannot read %s: %s (root only)", path, strerror(-rc));
		return rc;
	}
	if (rc == -ENOENT) {
		error("%s does not exist: the platform has no CXL windows", path);
		return rc;
	}
	if (rc) {
		error("cannot read %s: %s", path, strerror(-rc));
		return rc;
	}
	rc = cxl_spec_cedt_parse(&p->cedt, p->cedt_buf, p->cedt_len, &cedt_env);
	if (rc) {
		if (!quiet)
			error("%s is not a usable CEDT", path);
		goto fail;
	}
	rc = iomem_read(&res, &nr_res, quiet);
	if (rc)
		goto fail;
	p->nr = p->cedt.nr_cfmws;
	p->win = calloc(p->nr ?: 1, sizeof(*p->win));
	p->iomem_name = calloc(p->nr ?: 1, sizeof(*p->iomem_name));
	if (!p->win || !p->iomem_name) {
		free(res);
		rc = -ENOMEM;
		if (!quiet)
			error("out of memory");
		goto fail;
	}
	for (i = 0; i < p->nr; i++) {
		if (cxl_spec_cedt_cfmws(&p->cedt, i, &p->win[i].cfmws))
			break;
		window_facts(&p->win[i], p->iomem_name[i],
			     sizeof(p->iomem_name[i]), res, nr_res);
	}
	p->nr = i;
	p->take_sr = sr_takeover_on();
	free(res);
	return 0;
fail:
	platform_free(p);
	return rc;
}

void platform_free(struct platform *p)
{
	free(p->cedt_buf);
	free(p->win);
	free(p->iomem_name);
	memset(p, 0, sizeof(*p));
}

/*
 * Whether window @i would hold a region of a device below host bridge
 * @hb_uid with @capacity bytes, as cxl_lib_window_pick() decides it.
 */
void window_verdict(const struct platform *p, unsigned int i, u32 hb_uid,
		    u64 capacity, struct verdict *v)
{
	struct cxl_lib_window *w;
	struct cxl_lib_window_req req = {
		.hb_uid = hb_uid,
		.size = ALIGN(capacity, (u64)WINDOW_ALIGN),
		.align = WINDOW_ALIGN,
		.take_sr = p->take_sr,
	};
	unsigned int pick = 0;

	memset(v, 0, sizeof(*v));
	v->wanted = req.size;
	w = malloc(sizeof(*w));
	if (!w) {
		v->rc = -ENOMEM;
		snprintf(v->why, sizeof(v->why), "out of memory");
		return;
	}
	*w = p->win[i];
	v->rc = cxl_lib_window_pick(w, 1, &req, &pick);
	v->targets = v->rc != -ENODEV;
	if (!v->targets)
		snprintf(v->why, sizeof(v->why),
			 "does not target host bridge UID %u", hb_uid);
	else if (v->rc)
		snprintf(v->why, sizeof(v->why), "%s", w->why);
	else
		v->start = w->start;
	v->qualifies = !v->rc;
	free(w);
}

/* The largest free extent of window @i, 256 MiB aligned (0 if unknown). */
u64 window_largest_free(const struct platform *p, unsigned int i)
{
	const struct cxl_lib_window *w = &p->win[i];
	struct cxl_lib_range r = { w->cfmws.base,
				   w->cfmws.base + w->cfmws.size - 1 };
	u64 max = 0;

	if (w->busy_overflow ||
	    cxl_lib_freespace_max(&r, w->busy, w->nr_busy, WINDOW_ALIGN, &max))
		return 0;
	return max;
}

static const char *const restriction_names[] = {
	"device-coherent", "host-only-coherent", "volatile", "persistent",
	"fixed-config", "back-invalidate",
};

static const char *overlap_name(enum cxl_lib_overlap_kind k)
{
	return k == CXL_LIB_OVERLAP_SOFT_RESERVED ? "Soft Reserved" :
	       k == CXL_LIB_OVERLAP_SYSTEM_RAM ? "System RAM" : "none";
}

void window_print_head(const struct platform *p, unsigned int i,
		       const char *indent)
{
	const struct cxl_lib_window *w = &p->win[i];
	const struct cxl_spec_cfmws *c = &w->cfmws;
	char sz[32], fr[32];
	unsigned int j, n = 0;
	u64 free_max = window_largest_free(p, i);

	printf("%swindow %u: [%#llx-%#llx] %s%s%s%s\n", indent, i, c->base,
	       c->base + c->size - 1, human_size(c->size, sz, sizeof(sz)),
	       p->iomem_name[i][0] ? " (" : "", p->iomem_name[i],
	       p->iomem_name[i][0] ? ")" : "");
	printf("%s  interleave: %u way%s, granularity %u bytes, %s arithmetic; ",
	       indent, c->ways, c->ways == 1 ? "" : "s", c->granularity,
	       c->arithmetic == CXL_SPEC_CFMWS_XOR ? "XOR" : "modulo");
	printf("targets host bridge UID");
	for (j = 0; j < c->ways; j++)
		printf("%s %u", j ? "," : "", c->targets[j]);
	printf("\n%s  restrictions %#x:", indent, c->restrictions);
	for (j = 0; j < ARRAY_SIZE(restriction_names); j++) {
		if (c->restrictions & (1U << j))
			printf("%s %s", n++ ? "," : "", restriction_names[j]);
	}
	printf("%s; QTG %u\n", n ? "" : " none", c->qtg_id);
	if (w->overlap.kind == CXL_LIB_OVERLAP_SOFT_RESERVED)
		printf("%s  overlap: %s [%#llx-%#llx], %s\n", indent,
		       overlap_name(w->overlap.kind), w->overlap.at.start,
		       w->overlap.at.end,
		       w->overlap.in_use ? "held by device-dax or kmem" :
		       p->take_sr ? "taken over (take_soft_reserved)" :
		       "left to dax_hmem (take_soft_reserved=N)");
	else if (w->overlap.kind != CXL_LIB_OVERLAP_NONE)
		printf("%s  overlap: %s [%#llx-%#llx]\n", indent,
		       overlap_name(w->overlap.kind), w->overlap.at.start,
		       w->overlap.at.end);
	else
		printf("%s  overlap: none\n", indent);
	printf("%s  in use: %u range%s%s; largest free extent %#llx (%s)\n",
	       indent, w->nr_busy, w->nr_busy == 1 ? "" : "s",
	       w->busy_overflow ? " and more" : "", free_max,
	       human_size(free_max, fr, sizeof(fr)));
}

static void add_u64(struct json_object *o, const char *key, u64 v)
{
	json_object_object_add(o, key, json_object_new_uint64(v));
}

struct json_object *window_json(const struct platform *p, unsigned int i)
{
	const struct cxl_lib_window *w = &p->win[i];
	const struct cxl_spec_cfmws *c = &w->cfmws;
	struct json_object *o = json_object_new_object(), *a, *r;
	unsigned int j;

	add_u64(o, "window", i);
	if (p->iomem_name[i][0])
		json_object_object_add(o, "iomem_name",
				       json_object_new_string(p->iomem_name[i]));
	add_u64(o, "base", c->base);
	add_u64(o, "size", c->size);
	add_u64(o, "interleave_ways", c->ways);
	add_u64(o, "interleave_granularity", c->granularity);
	json_object_object_add(o, "interleave_arithmetic",
			       json_object_new_string(c->arithmetic == CXL_SPEC_CFMWS_XOR ?
						      "xor" : "modulo"));
	a = json_object_new_array();
	for (j = 0; j < c->ways; j++)
		json_object_array_add(a, json_object_new_uint64(c->targets[j]));
	json_object_object_add(o, "targets", a);
	add_u64(o, "restrictions", c->restrictions);
	a = json_object_new_array();
	for (j = 0; j < ARRAY_SIZE(restriction_names); j++)
		if (c->restrictions & (1U << j))
			json_object_array_add(a, json_object_new_string(restriction_names[j]));
	json_object_object_add(o, "allows", a);
	add_u64(o, "qtg_id", c->qtg_id);
	if (w->overlap.kind != CXL_LIB_OVERLAP_NONE) {
		r = json_object_new_object();
		json_object_object_add(r, "kind",
				       json_object_new_string(w->overlap.kind ==
							      CXL_LIB_OVERLAP_SOFT_RESERVED ?
							      "soft_reserved" : "system_ram"));
		add_u64(r, "start", w->overlap.at.start);
		add_u64(r, "end", w->overlap.at.end);
		json_object_object_add(o, "overlap", r);
	}
	a = json_object_new_array();
	for (j = 0; j < w->nr_busy; j++) {
		r = json_object_new_object();
		add_u64(r, "start", w->busy[j].start);
		add_u64(r, "end", w->busy[j].end);
		json_object_array_add(a, r);
	}
	json_object_object_add(o, "in_use", a);
	if (!w->busy_overflow)
		add_u64(o, "largest_free", window_largest_free(p, i));
	return o;
}

static struct json_object *verdict_json(const struct verdict *v)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "targets_host_bridge",
			       json_object_new_boolean(v->targets));
	json_object_object_add(o, "qualifies",
			       json_object_new_boolean(v->qualifies));
	if (v->wanted)
		add_u64(o, "wanted", v->wanted);
	if (v->qualifies)
		add_u64(o, "start", v->start);
	else
		json_object_object_add(o, "reason", json_object_new_string(v->why));
	return o;
}

/* For each window, the verdict for one device. */
struct json_object *device_windows_json(const struct platform *p,
					u32 hb_uid, u64 capacity)
{
	struct json_object *a = json_object_new_array(), *o;
	struct verdict v;
	unsigned int i;

	for (i = 0; i < p->nr; i++) {
		window_verdict(p, i, hb_uid, capacity, &v);
		o = verdict_json(&v);
		add_u64(o, "window", i);
		add_u64(o, "base", p->win[i].cfmws.base);
		add_u64(o, "size", p->win[i].cfmws.size);
		json_object_array_add(a, o);
	}
	return a;
}

static void verdict_print(const struct platform *p, unsigned int i,
			  const struct verdict *v, const char *indent,
			  const char *who)
{
	const struct cxl_spec_cfmws *c = &p->win[i].cfmws;

	printf("%swindow %u [%#llx-%#llx]%s%s: ", indent, i, c->base,
	       c->base + c->size - 1, who ? " for " : "", who ?: "");
	if (v->qualifies && v->wanted)
		printf("qualifies; a %#llx-byte region would start at %#llx\n",
		       v->wanted, v->start);
	else if (v->qualifies)
		printf("qualifies\n");
	else
		printf("does not qualify: %s\n", v->why);
}

void device_windows_print(const struct platform *p, u32 hb_uid,
			  u64 capacity, const char *indent)
{
	struct verdict v;
	unsigned int i, targeting = 0;

	for (i = 0; i < p->nr; i++) {
		window_verdict(p, i, hb_uid, capacity, &v);
		targeting += v.targets;
		verdict_print(p, i, &v, indent, NULL);
	}
	if (!p->nr)
		printf("%sthe CEDT has no usable CXL window\n", indent);
	else if (!targeting)
		printf("%sno CXL window targets host bridge UID %u\n", indent,
		       hb_uid);
}

struct dev_info {
	char accel[32];
	char pci[64];
	bool have_uid;
	u32 uid;
	u64 capacity;
};

static unsigned int devices_read(struct dev_info **out)
{
	struct json_object *d, *v;
	struct dev_info *devs;
	unsigned int nr, i, n = 0;
	char **names;

	*out = NULL;
	if (accel_names(&names, &nr) || !nr)
		return 0;
	devs = calloc(nr, sizeof(*devs));
	if (!devs) {
		free_names(names, nr);
		return 0;
	}
	for (i = 0; i < nr; i++) {
		d = accel_json(names[i]);
		if (!d)
			continue;
		snprintf(devs[n].accel, sizeof(devs[n].accel), "%s", names[i]);
		if (json_object_object_get_ex(d, "pci", &v))
			snprintf(devs[n].pci, sizeof(devs[n].pci), "%s",
				 json_object_get_string(v));
		if (json_object_object_get_ex(d, "host_bridge_uid", &v)) {
			devs[n].have_uid = true;
			devs[n].uid = json_object_get_uint64(v);
		}
		if (json_object_object_get_ex(d, "capacity", &v))
			devs[n].capacity = json_object_get_uint64(v);
		json_object_put(d);
		n++;
	}
	free_names(names, nr);
	*out = devs;
	return n;
}

static const char windows_help[] =
	"usage: cxl-accel windows [--json]\n"
	"\n"
	"Show every CXL fixed memory window of the ACPI CEDT, what /proc/iomem\n"
	"says about it, and for each cxl_accel device whether the window\n"
	"qualifies for a region of the device's capacity, and if not why.\n"
	"Needs root (the CEDT and the addresses in /proc/iomem).\n"
	"\n"
	"  -j, --json      an array of window objects, each with \"devices\"\n"
	"  -h, --help      this help\n";

int cmd_windows(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct json_object *all, *o, *a, *vo;
	struct dev_info *devs;
	struct platform plat;
	unsigned int nr, i, j;
	struct verdict v;
	bool json = false;
	char who[128];
	int c, rc;

	while ((c = getopt_long(argc, argv, "+jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			fputs(windows_help, stdout);
			return EXIT_OK;
		default:
			usage_error("windows", "unknown option '%s'", argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		usage_error("windows", "unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}
	rc = platform_load(&plat, false);
	if (rc)
		return exit_code(rc);
	nr = devices_read(&devs);

	if (json) {
		all = json_object_new_array();
		for (i = 0; i < plat.nr; i++) {
			o = window_json(&plat, i);
			a = json_object_new_array();
			for (j = 0; j < nr; j++) {
				if (!devs[j].have_uid)
					continue;
				window_verdict(&plat, i, devs[j].uid,
					       devs[j].capacity, &v);
				vo = verdict_json(&v);
				json_object_object_add(vo, "accel",
						       json_object_new_string(devs[j].accel));
				json_object_object_add(vo, "pci",
						       json_object_new_string(devs[j].pci));
				add_u64(vo, "host_bridge_uid", devs[j].uid);
				json_object_array_add(a, vo);
			}
			json_object_object_add(o, "devices", a);
			json_object_array_add(all, o);
		}
		print_json(all);
		json_object_put(all);
	} else {
		if (!plat.nr)
			printf("the CEDT has no usable CXL window\n");
		for (i = 0; i < plat.nr; i++) {
			window_print_head(&plat, i, "");
			for (j = 0; j < nr; j++) {
				if (!devs[j].have_uid) {
					printf("  %s: host bridge unknown\n",
					       devs[j].accel);
					continue;
				}
				window_verdict(&plat, i, devs[j].uid,
					       devs[j].capacity, &v);
				snprintf(who, sizeof(who), "%s (%s, host bridge UID %u)",
					 devs[j].accel, devs[j].pci, devs[j].uid);
				printf("  %s: ", who);
				if (v.qualifies) {
					printf("qualifies; a %#llx-byte region ", v.wanted);
					printf("would start at %#llx\n", v.start);
				} else {
					printf("does not qualify: %s\n", v.why);
				}
			}
		}
	}
	free(devs);
	platform_free(&plat);
	pci_names_done();
	return EXIT_OK;
}
