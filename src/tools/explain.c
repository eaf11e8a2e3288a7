// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-accel explain: why a PCI function has or has not got a region, in
 * sentences.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cxl-accel.h"
#include "spec/dvsec.h"

/* Configuration space as sysfs gave it, for the spec layer's accessors */
struct cfg_buf {
	const u8 *data;
	size_t len;
};

static int cfg_read16(void *ctx, unsigned int off, u16 *val)
{
	const struct cfg_buf *c = ctx;

	if (off + 2 > c->len)
		return -EIO;
	*val = c->data[off] | (u16)c->data[off + 1] << 8;
	return 0;
}

static int cfg_read32(void *ctx, unsigned int off, u32 *val)
{
	const struct cfg_buf *c = ctx;

	if (off + 4 > c->len)
		return -EIO;
	*val = c->data[off] | (u32)c->data[off + 1] << 8 |
	       (u32)c->data[off + 2] << 16 | (u32)c->data[off + 3] << 24;
	return 0;
}

static int cfg_write16(void *ctx, unsigned int off, u16 val)
{
	(void)ctx;
	(void)off;
	(void)val;
	return -EPERM;
}

static int cfg_write32(void *ctx, unsigned int off, u32 val)
{
	(void)ctx;
	(void)off;
	(void)val;
	return -EPERM;
}

/* The spec layer's reports about a malformed capability list: kept quiet */
static __printf(2, 0) void quiet_vreport(void *ctx, const char *fmt, va_list args)
{
	(void)ctx;
	(void)fmt;
	(void)args;
}

static const struct cxl_spec_env quiet_env = {
	.sleep_us = env_no_sleep,
	.now_us = env_no_clock,
	.vreport = quiet_vreport,
};

static const char *state_meaning(const char *state)
{
	if (!strcmp(state, "active"))
		return "it is usable";
	if (!strcmp(state, "suspended"))
		return "a reset of the function is under way and the memory is unusable";
	if (!strcmp(state, "restored"))
		return "it is active again after a reset";
	if (!strcmp(state, "lost"))
		return "it will not come back; its driver was told to release it";
	if (!strcmp(state, "parked"))
		return "its driver released it but its decoders cannot be reset yet";
	return "an unknown state";
}

static const char *str_of(struct json_object *o, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(o, key, &v) ?
	       json_object_get_string(v) : NULL;
}

static bool u64_of(struct json_object *o, const char *key, u64 *val)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v))
		return false;
	*val = json_object_get_uint64(v);
	return true;
}

/* Sentences about a function cxl_accel probed; the exit code so far. */
static int explain_probed(const char *name, const char *pci, u64 *capacity)
{
	struct json_object *d, *regs, *r, *f;
	char sz[32], flags[256];
	const char *s;
	size_t i, j, nr;
	u64 v, w0, w1;
	int ret = EXIT_OK, rc;
	char buf[1024];

	d = accel_json(name);
	if (!d)
		return EXIT_NOENT;
	printf("%s is probed by cxl_accel as %s", pci, name);
	if (u64_of(d, "api_version", &v))
		printf(" (API version %llu)", v);
	printf(".\n");
	if (json_object_object_get_ex(d, "pci_present", &f) &&
	    !json_object_get_boolean(f)) {
		printf("The PCI function itself is gone; cxl_accel keeps its object ");
		printf("while a region of it is parked.\n");
	}
	if (u64_of(d, "capacity", capacity))
		printf("It has %#llx bytes (%s) of device memory", *capacity,
		       human_size(*capacity, sz, sizeof(sz)));
	if (u64_of(d, "hdm_decoders", &v))
		printf(" and %llu HDM decoder%s", v, v == 1 ? "" : "s");
	s = str_of(d, "media_state");
	if (s)
		printf("; its memory is %s", s);
	printf(".\n");
	if (s && strcmp(s, "active"))
		printf("Its memory is not active, so no region of it can be used until it is.\n");
	s = str_of(d, "memory_type");
	if (s && (!strcmp(s, "reserved") || !strcmp(s, "unstated")))
		printf("Its CDAT asks for its memory to be %s: %s\n",
		       !strcmp(s, "reserved") ? "Reserved (EfiReservedMemoryType)" :
		       "nothing in particular (no CDAT, or no DSEMTS)",
		       "cxl_accel maps it as private Reserved memory.");
	else if (s)
		printf("Its CDAT asks for its memory to be %s: %s\n", s,
		       "cxl_accel refuses memory meant for the OS.");

	json_object_object_get_ex(d, "regions", &regs);
	nr = json_object_array_length(regs);
	if (!nr) {
		printf("It has no region: its vendor driver has not asked for one, ");
		printf("or cxl_accel refused the request.\n");
	}
	for (i = 0; i < nr; i++) {
		r = json_object_array_get_idx(regs, i);
		printf("Region %s:", str_of(r, "region"));
		if (u64_of(r, "size", &v))
			printf(" %#llx bytes", v);
		if (u64_of(r, "hpa_start", &v))
			printf(" at host physical address %#llx", v);
		if (u64_of(r, "window_start", &w0) && u64_of(r, "window_end", &w1))
			printf(" in CXL window [%#llx-%#llx]", w0, w1);
		if (u64_of(r, "dpa_start", &v))
			printf(", from device address %#llx", v);
		s = str_of(r, "state");
		if (s)
			printf("; %s: %s", s, state_meaning(s));
		flags[0] = '\0';
		if (json_object_object_get_ex(r, "flags", &f)) {
			for (j = 0; j < json_object_array_length(f); j++) {
				strncat(flags, j ? ", " : "",
					sizeof(flags) - strlen(flags) - 1);
				strncat(flags,
					json_object_get_string(json_object_array_get_idx(f, j)),
					sizeof(flags) - strlen(flags) - 1);
			}
		}
		if (flags[0])
			printf(" (%s)", flags);
		printf(".\n");
	}

	rc = sys_text(buf, sizeof(buf), CLASS_DIR "/%s/last_refusal", name);
	if (!rc && buf[0]) {
		printf("The last error cxl_accel logged about it: %s\n", buf);
	} else if (!rc) {
		printf("cxl_accel has logged no refusal or failure about it ");
		printf("since it was probed.\n");
	} else if (rc == -EACCES || rc == -EPERM) {
		printf("Its last refusal is readable by root only.\n");
		ret = EXIT_PERM;
	}
	json_object_put(d);
	return ret;
}

static const char not_cxl[] =
	"it is not a CXL device, and cxl_accel has nothing to do with it.";

/* Sentences about a function cxl_accel did not probe. */
static int explain_unprobed(const char *pci, u64 *capacity)
{
	struct cxl_spec_dvsec_list list;
	struct cxl_spec_dev_dvsec dev;
	struct cxl_spec_cfg cfg;
	struct cfg_buf cb;
	char path[PATH_MAX], drv[128], sz[32];
	unsigned int i;
	size_t len;
	u8 *data;
	int rc;

	printf("%s is not probed by cxl_accel: no object in /sys/class/cxl_accel is its.\n",
	       pci);
	if (!sys_link_name(drv, sizeof(drv), PCI_DIR "/%s/driver", pci)) {
		printf("Driver %s is bound to it; cxl_accel manages a function ", drv);
		printf("only when its vendor driver probes it with cxl_accel.\n");
	} else {
		printf("No driver is bound to it; a vendor driver that uses ");
		printf("cxl_accel must bind to it.\n");
	}

	rc = sys_path(path, sizeof(path), PCI_DIR "/%s/config", pci);
	if (!rc)
		rc = read_binary(path, &data, &len);
	if (rc) {
		printf("Its configuration space cannot be read (%s), ", strerror(-rc));
		printf("so whether it is a CXL device is unknown.\n");
		return rc == -EACCES || rc == -EPERM ? EXIT_PERM : EXIT_FAIL;
	}
	/* sysfs gives others the first 64 bytes, root all there are */
	if (len <= 64) {
		free(data);
		printf("Its extended configuration space is readable by root only, ");
		printf("so whether it is a CXL device is unknown.\n");
		return EXIT_PERM;
	}
	if (len <= 0x100) {
		free(data);
		printf("It has no extended configuration space, so no DVSEC for CXL Devices: ");
		printf("%s\n", not_cxl);
		return EXIT_OK;
	}
	cb.data = data;
	cb.len = len;
	cfg = (struct cxl_spec_cfg) { .ctx = &cb, .read16 = cfg_read16,
				      .read32 = cfg_read32,
				      .write16 = cfg_write16,
				      .write32 = cfg_write32 };
	rc = cxl_spec_dvsec_scan(&cfg, &quiet_env, &list);
	if (!rc)
		rc = cxl_spec_dvsec_read_device(&cfg, &quiet_env, &list, &dev);
	free(data);
	if (rc) {
		printf("It has no PCIe DVSEC for CXL Devices (vendor %#x, ID 0): %s\n",
		       CXL_SPEC_DVSEC_VENDOR_ID, not_cxl);
		return EXIT_OK;
	}
	printf("It is a CXL device: DVSEC for CXL Devices at %#x, revision %u; ",
	       dev.offset, dev.rev);
	printf("Cache_Capable %d, Mem_Capable %d, Mem_HwInit_Mode %d, HDM_Count %u.\n",
	       dev.cache_capable, dev.mem_capable, dev.mem_hwinit, dev.hdm_count);
	if (!dev.mem_capable) {
		printf("It is not Mem_Capable: it has no device memory a region could map.\n");
	} else if (!dev.cache_capable) {
		printf("It is not Cache_Capable: a Type 3 memory expander, ");
		printf("the CXL core's cxl_pci drives it, not cxl_accel.\n");
	}
	*capacity = 0;
	for (i = 0; i < dev.hdm_count; i++)
		*capacity += dev.range[i].size;
	if (*capacity)
		printf("Its DVSEC ranges hold %#llx bytes (%s).\n", *capacity,
		       human_size(*capacity, sz, sizeof(sz)));
	return EXIT_OK;
}

static const char explain_help[] =
	"usage: cxl-accel explain <pci address>\n"
	"\n"
	"Say in sentences why the PCI function has or has not got a region:\n"
	"whether cxl_accel probed it (and if not, whether a driver is bound and\n"
	"whether it is a CXL device at all), its regions and their state, the\n"
	"last refusal cxl_accel logged about it, and which CXL windows suit\n"
	"its host bridge.  The address is dddd:bb:dd.f or bb:dd.f.\n"
	"\n"
	"  -h, --help      this help\n";

int cmd_explain(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char pci[32], other[64], path[PATH_MAX], nm[256], **names;
	const char *accel = NULL;
	struct platform plat;
	unsigned int nr = 0, i;
	int c, rc, ret;
	struct stat st;
	u64 capacity = 0;
	bool present;
	u32 uid;

	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(explain_help, stdout);
			return EXIT_OK;
		default:
			usage_error("explain", "unknown option '%s'", argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		usage_error("explain", "expects one PCI address");
		return EXIT_USAGE;
	}
	if (pci_normalize(argv[optind], pci, sizeof(pci))) {
		usage_error("explain", "'%s' is not a PCI address", argv[optind]);
		return EXIT_USAGE;
	}

	rc = accel_names(&names, &nr);
	if (rc) {
		error("%s%s: %s", sysroot, CLASS_DIR, strerror(-rc));
		return exit_code(rc);
	}
	for (i = 0; i < nr && !accel; i++) {
		if (!sys_link_name(other, sizeof(other),
				   CLASS_DIR "/%s/pci_device", names[i]) &&
		    !strcmp(other, pci))
			accel = names[i];
	}
	present = !sys_path(path, sizeof(path), PCI_DIR "/%s", pci) &&
		  !stat(path, &st);
	if (!accel && !present) {
		free_names(names, nr);
		error("no PCI function %s", pci);
		return EXIT_NOENT;
	}
	if (present && pci_name(pci, nm, sizeof(nm)))
		printf("%s: %s\n", pci, nm);

	if (accel)
		ret = explain_probed(accel, pci, &capacity);
	else
		ret = explain_unprobed(pci, &capacity);
	free_names(names, nr);

	if (!present)
		goto out;
	rc = pci_host_bridge_uid(pci, &uid);
	if (rc) {
		printf("Its host bridge's UID is unknown (%s): no window analysis.\n",
		       strerror(-rc));
		goto out;
	}
	printf("It is below the host bridge with UID %u.\n", uid);
	rc = platform_load(&plat, true);
	if (rc == -ENOENT) {
		printf("The platform has no ACPI CEDT, so no CXL window a region could go in.\n");
		goto out;
	}
	if (rc) {
		printf("The CXL windows cannot be analysed: %s.\n", strerror(-rc));
		if (ret == EXIT_OK || exit_code(rc) == EXIT_PERM)
			ret = exit_code(rc);
		goto out;
	}
	if (capacity)
		printf("The CXL windows for a region of %#llx bytes:\n",
		       (capacity + 0xfffffffULL) & ~0xfffffffULL);
	else
		printf("The CXL windows:\n");
	device_windows_print(&plat, uid, capacity, "  ");
	platform_free(&plat);
out:
	pci_names_done();
	return ret;
}
