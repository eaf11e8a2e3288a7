// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-accel list: the devices and regions of /sys/class/cxl_accel (see
 * src/ABI/sysfs-class-cxl_accel), as a table or as JSON.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cxl-accel.h"

static int name_cmp(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t i = 0;

	/* by prefix, then by number: cxl_accel2 before cxl_accel10 */
	while (x[i] && x[i] == y[i] && !(x[i] >= '0' && x[i] <= '9'))
		i++;
	if (x[i] >= '0' && x[i] <= '9' && y[i] >= '0' && y[i] <= '9') {
		unsigned long a1 = strtoul(x + i, NULL, 10);
		unsigned long b1 = strtoul(y + i, NULL, 10);

		if (a1 != b1)
			return a1 < b1 ? -1 : 1;
	}
	return strcmp(x, y);
}

/*
 * The entries of a directory below the sysroot whose names are @prefix
 * followed by a number, sorted.
 */
static int dir_names(const char *dir, const char *prefix, char ***names,
		     unsigned int *nr)
{
	char path[PATH_MAX], **v = NULL, **bigger;
	unsigned int n = 0, a;
	struct dirent *de;
	char tail;
	int rc;
	DIR *d;

	*names = NULL;
	*nr = 0;
	rc = sys_path(path, sizeof(path), "%s", dir);
	if (rc)
		return rc;
	d = opendir(path);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		size_t pl = strlen(prefix);

		if (strncmp(de->d_name, prefix, pl))
			continue;
		if (sscanf(de->d_name + pl, "%u%c", &a, &tail) != 1)
			continue;
		bigger = realloc(v, (n + 1) * sizeof(*v));
		if (!bigger)
			break;
		v = bigger;
		v[n] = strdup(de->d_name);
		if (!v[n])
			break;
		n++;
	}
	closedir(d);
	qsort(v, n, sizeof(*v), name_cmp);
	*names = v;
	*nr = n;
	return 0;
}

void free_names(char **names, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		free(names[i]);
	free(names);
}

/* The cxl_accelN objects; none (and 0) if the class does not exist. */
int accel_names(char ***names, unsigned int *nr)
{
	int rc = dir_names(CLASS_DIR, "cxl_accel", names, nr);

	return rc == -ENOENT ? 0 : rc;
}

static void add_u64(struct json_object *o, const char *key, int base,
		    const char *fmt, const char *a, const char *b)
{
	u64 v;

	if (!sys_u64(&v, base, fmt, a, b))
		json_object_object_add(o, key, json_object_new_uint64(v));
}

static void add_bool(struct json_object *o, const char *key, const char *fmt,
		     const char *a)
{
	u64 v;

	if (!sys_u64(&v, 10, fmt, a, ""))
		json_object_object_add(o, key, json_object_new_boolean(v != 0));
}

static void add_str(struct json_object *o, const char *key, const char *fmt,
		    const char *a, const char *b)
{
	char buf[1024];

	if (!sys_text(buf, sizeof(buf), fmt, a, b))
		json_object_object_add(o, key, json_object_new_string(buf));
}

/* Words separated by spaces, as an array of strings. */
static void add_words(struct json_object *o, const char *key, const char *fmt,
		      const char *a, const char *b)
{
	char buf[1024], *save, *w;
	struct json_object *arr;

	if (sys_text(buf, sizeof(buf), fmt, a, b))
		return;
	arr = json_object_new_array();
	for (w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save))
		json_object_array_add(arr, json_object_new_string(w));
	json_object_object_add(o, key, arr);
}

/* "endpoint=0 0000:0c:00.0=- host-bridge=1" as [{component, decoder}] */
static void add_decoders(struct json_object *o, const char *dev,
			 const char *reg)
{
	char buf[1024], *save, *w, *eq;
	struct json_object *arr, *d;

	if (sys_text(buf, sizeof(buf), CLASS_DIR "/%s/%s/decoders", dev, reg))
		return;
	arr = json_object_new_array();
	for (w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		d = json_object_new_object();
		eq = strrchr(w, '=');
		if (eq)
			*eq++ = '\0';
		json_object_object_add(d, "component", json_object_new_string(w));
		if (eq && strcmp(eq, "-"))
			json_object_object_add(d, "decoder",
					       json_object_new_uint64(strtoull(eq, NULL, 10)));
		json_object_array_add(arr, d);
	}
	json_object_object_add(o, "decoders", arr);
}

static struct json_object *region_json(const char *dev, const char *reg)
{
	struct json_object *r = json_object_new_object();
	u64 first, last;
	char buf[128];

	json_object_object_add(r, "region", json_object_new_string(reg));
	add_u64(r, "hpa_start", 16, CLASS_DIR "/%s/%s/hpa_start", dev, reg);
	add_u64(r, "size", 16, CLASS_DIR "/%s/%s/size", dev, reg);
	add_u64(r, "dpa_start", 16, CLASS_DIR "/%s/%s/dpa_start", dev, reg);
	if (!sys_text(buf, sizeof(buf), CLASS_DIR "/%s/%s/window", dev, reg) &&
	    sscanf(buf, "%llx-%llx", &first, &last) == 2) {
		json_object_object_add(r, "window_start",
				       json_object_new_uint64(first));
		json_object_object_add(r, "window_end",
				       json_object_new_uint64(last));
	}
	add_decoders(r, dev, reg);
	add_u64(r, "interleave_ways", 10, CLASS_DIR "/%s/%s/interleave_ways",
		dev, reg);
	add_u64(r, "interleave_granularity", 10,
		CLASS_DIR "/%s/%s/interleave_granularity", dev, reg);
	add_str(r, "state", CLASS_DIR "/%s/%s/state", dev, reg);
	add_words(r, "flags", CLASS_DIR "/%s/%s/flags", dev, reg);
	return r;
}

/* One cxl_accelN object, with its regions; NULL if it does not exist. */
struct json_object *accel_json(const char *name)
{
	char path[PATH_MAX], pci[64], buf[256], dir[PATH_MAX], prefix[80];
	struct json_object *d, *regions;
	char **regs;
	unsigned int nr, i;
	struct stat st;
	u32 uid;

	if (sys_path(path, sizeof(path), CLASS_DIR "/%s", name) ||
	    stat(path, &st))
		return NULL;
	d = json_object_new_object();
	json_object_object_add(d, "accel", json_object_new_string(name));
	if (!sys_link_name(pci, sizeof(pci), CLASS_DIR "/%s/pci_device", name)) {
		bool present;

		json_object_object_add(d, "pci", json_object_new_string(pci));
		present = !sys_path(path, sizeof(path), CLASS_DIR "/%s/pci_device",
				    name) && !stat(path, &st);
		json_object_object_add(d, "pci_present",
				       json_object_new_boolean(present));
		if (present) {
			add_u64(d, "vendor_id", 16, PCI_DIR "/%s/vendor%s", pci, "");
			add_u64(d, "device_id", 16, PCI_DIR "/%s/device%s", pci, "");
			if (pci_name(pci, buf, sizeof(buf)))
				json_object_object_add(d, "pci_name",
						       json_object_new_string(buf));
			if (!pci_host_bridge_uid(pci, &uid))
				json_object_object_add(d, "host_bridge_uid",
						       json_object_new_uint64(uid));
		}
	}
	add_u64(d, "serial", 16, CLASS_DIR "/%s/serial%s", name, "");
	add_u64(d, "capacity", 16, CLASS_DIR "/%s/capacity%s", name, "");
	add_u64(d, "hdm_decoders", 10, CLASS_DIR "/%s/hdm_decoders%s", name, "");
	add_bool(d, "cache_capable", CLASS_DIR "/%s/cache_capable%s", name);
	add_bool(d, "mem_hwinit", CLASS_DIR "/%s/mem_hwinit%s", name);
	add_str(d, "media_state", CLASS_DIR "/%s/media_state%s", name, "");
	add_str(d, "memory_type", CLASS_DIR "/%s/memory_type%s", name, "");
	add_u64(d, "api_version", 10, CLASS_DIR "/%s/api_version%s", name, "");
	add_words(d, "path", CLASS_DIR "/%s/path%s", name, "");
	add_str(d, "last_refusal", CLASS_DIR "/%s/last_refusal%s", name, "");

	regions = json_object_new_array();
	snprintf(dir, sizeof(dir), CLASS_DIR "/%s", name);
	snprintf(prefix, sizeof(prefix), "%s.", name);
	if (!dir_names(dir, prefix, &regs, &nr)) {
		for (i = 0; i < nr; i++)
			json_object_array_add(regions, region_json(name, regs[i]));
		free_names(regs, nr);
	}
	json_object_object_add(d, "regions", regions);
	return d;
}

static u64 get_u64(struct json_object *o, const char *key, bool *have)
{
	struct json_object *v;

	*have = json_object_object_get_ex(o, key, &v);
	return *have ? json_object_get_uint64(v) : 0;
}

static const char *get_str(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v))
		return NULL;
	return json_object_get_string(v);
}

/* An array of strings joined by spaces ("-" if absent). */
static const char *get_words(struct json_object *o, const char *key,
			     char *buf, size_t len)
{
	struct json_object *v;
	size_t i, n;

	if (!json_object_object_get_ex(o, key, &v))
		return "-";
	buf[0] = '\0';
	n = json_object_array_length(v);
	for (i = 0; i < n; i++) {
		if (i)
			strncat(buf, " ", len - strlen(buf) - 1);
		strncat(buf, json_object_get_string(json_object_array_get_idx(v, i)),
			len - strlen(buf) - 1);
	}
	return n ? buf : "-";
}

static const char *hex_or_dash(struct json_object *o, const char *key,
			       char *buf, size_t len)
{
	bool have;
	u64 v = get_u64(o, key, &have);

	if (!have)
		return "-";
	snprintf(buf, len, "%#llx", v);
	return buf;
}

static void print_table(struct json_object *devs)
{
	char a[64], b[64], c[64], w[256];
	struct json_object *d, *regs, *r;
	size_t i, j, nr;
	const char *s;

	printf("%-14s %-13s %-12s %-9s %-8s %-7s %s\n", "DEVICE", "PCI",
	       "CAPACITY", "MEDIA", "HB_UID", "REGIONS", "PATH");
	for (i = 0; i < json_object_array_length(devs); i++) {
		d = json_object_array_get_idx(devs, i);
		json_object_object_get_ex(d, "regions", &regs);
		nr = json_object_array_length(regs);
		s = get_str(d, "host_bridge_uid");
		printf("%-14s %-13s %-12s %-9s %-8s %-7zu %s\n",
		       get_str(d, "accel"),
		       get_str(d, "pci") ?: "-",
		       hex_or_dash(d, "capacity", a, sizeof(a)),
		       get_str(d, "media_state") ?: "-", s ?: "-", nr,
		       get_words(d, "path", w, sizeof(w)));
		s = get_str(d, "last_refusal");
		if (s && *s)
			printf("  last refusal: %s\n", s);
		for (j = 0; j < nr; j++) {
			r = json_object_array_get_idx(regs, j);
			printf("  %-14s size %-12s hpa %-14s dpa %-12s %-9s %s\n",
			       get_str(r, "region"),
			       hex_or_dash(r, "size", a, sizeof(a)),
			       hex_or_dash(r, "hpa_start", b, sizeof(b)),
			       hex_or_dash(r, "dpa_start", c, sizeof(c)),
			       get_str(r, "state") ?: "-",
			       get_words(r, "flags", w, sizeof(w)));
		}
	}
}

static const char list_help[] =
	"usage: cxl-accel list [--json] [-v]\n"
	"\n"
	"List the devices cxl_accel probed and their regions\n"
	"(/sys/class/cxl_accel).  Root-only attributes are left out when\n"
	"they cannot be read.\n"
	"\n"
	"  -j, --json      an array of device objects, each with \"regions\"\n"
	"  -v, --verbose   add the CXL windows and their verdict per device\n"
	"                  (needs root: the CEDT and /proc/iomem)\n"
	"  -h, --help      this help\n";

int cmd_list(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct json_object *devs, *d;
	bool json = false, verbose = false, have;
	struct platform plat;
	char **names;
	unsigned int nr, i;
	int c, rc, ret = EXIT_OK, prc = -ENOENT;

	while ((c = getopt_long(argc, argv, "+jvh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
			fputs(list_help, stdout);
			return EXIT_OK;
		default:
			usage_error("list", "unknown option '%s'", argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		usage_error("list", "unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}

	rc = accel_names(&names, &nr);
	if (rc) {
		error("%s%s: %s", sysroot, CLASS_DIR, strerror(-rc));
		return exit_code(rc);
	}
	if (verbose) {
		prc = platform_load(&plat, false);
		if (prc)
			ret = exit_code(prc);
	}
	devs = json_object_new_array();
	for (i = 0; i < nr; i++) {
		d = accel_json(names[i]);
		if (!d)
			continue;
		if (verbose && !prc) {
			u64 uid = get_u64(d, "host_bridge_uid", &have);
			u64 cap = get_u64(d, "capacity", &have);

			if (json_object_object_get_ex(d, "host_bridge_uid", NULL))
				json_object_object_add(d, "windows",
						       device_windows_json(&plat, uid, cap));
		}
		json_object_array_add(devs, d);
	}
	free_names(names, nr);

	if (json) {
		print_json(devs);
	} else {
		print_table(devs);
		if (verbose && !prc) {
			printf("\nCXL windows (ACPI CEDT):\n");
			for (i = 0; i < plat.nr; i++)
				window_print_head(&plat, i, "  ");
			for (i = 0; i < json_object_array_length(devs); i++) {
				d = json_object_array_get_idx(devs, i);
				if (!json_object_object_get_ex(d, "host_bridge_uid", NULL))
					continue;
				printf("\n%s (host bridge UID %llu):\n",
				       get_str(d, "accel"),
				       get_u64(d, "host_bridge_uid", &have));
				device_windows_print(&plat,
						     get_u64(d, "host_bridge_uid", &have),
						     get_u64(d, "capacity", &have),
						     "  ");
			}
		}
	}
	json_object_put(devs);
	if (verbose && !prc)
		platform_free(&plat);
	pci_names_done();
	return ret;
}
