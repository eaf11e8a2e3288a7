/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cxl-accel: the user-space view of the cxl_accel module (sysfs), the
 * platform's CXL windows (ACPI CEDT) and the memory map (/proc/iomem).
 *
 * The CEDT parser and the window choice are the module's own pure code
 * (src/spec/, src/lib/), compiled for user space with the stand-ins for
 * the kernel headers in tests/unit/include.
 */
#ifndef CXL_ACCEL_TOOL_H
#define CXL_ACCEL_TOOL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

#include <linux/kernel.h>
#include <linux/types.h>

#include "lib/window_pick.h"
#include "pcinames.h"
#include "spec/cedt.h"

/* Exit codes (see cxl-accel.8, EXIT STATUS) */
#define EXIT_OK		0
#define EXIT_USAGE	1
#define EXIT_NOENT	2
#define EXIT_PERM	3
#define EXIT_FAIL	4

#define CLASS_DIR	"/sys/class/cxl_accel"
#define PCI_DIR		"/sys/bus/pci/devices"
#define CEDT_PATH	"/sys/firmware/acpi/tables/CEDT"
#define IOMEM_PATH	"/proc/iomem"

/* util.c */
extern const char *sysroot;

__printf(1, 2) void error(const char *fmt, ...);
__printf(1, 2) void warn(const char *fmt, ...);
int exit_code(int rc);
__printf(3, 4)
int sys_path(char *buf, size_t len, const char *fmt, ...);
int read_text(const char *abs, char *buf, size_t len);
__printf(3, 4)
int sys_text(char *buf, size_t len, const char *fmt, ...);
__printf(3, 4)
int sys_u64(u64 *val, int base, const char *fmt, ...);
int read_binary(const char *abs, u8 **data, size_t *len);
__printf(3, 4)
int sys_link_name(char *buf, size_t len, const char *fmt, ...);
const char *human_size(u64 bytes, char *buf, size_t len);
int pci_normalize(const char *in, char *out, size_t len);
int pci_host_bridge_uid(const char *pci, u32 *uid);
void print_json(struct json_object *o);
const char *pci_name(const char *pci, char *buf, size_t len);
/* the spec layer's sleep and clock: nothing it parses here waits */
void env_no_sleep(void *ctx, unsigned int us);
u64 env_no_clock(void *ctx);

/* list.c */
int accel_names(char ***names, unsigned int *nr);
void free_names(char **names, unsigned int nr);
struct json_object *accel_json(const char *name);
int cmd_list(int argc, char **argv);

/* windows.c */
struct platform {
	u8 *cedt_buf;
	size_t cedt_len;
	struct cxl_spec_cedt cedt;
	struct cxl_lib_window *win;
	char (*iomem_name)[64];
	unsigned int nr;
	bool take_sr;		/* cxl_accel.take_soft_reserved, read once */
};

struct verdict {
	bool targets;
	bool qualifies;
	int rc;
	u64 start;
	u64 wanted;
	char why[CXL_LIB_WINDOW_WHY + 64];
};

int platform_load(struct platform *p, bool quiet);
void platform_free(struct platform *p);
void window_verdict(const struct platform *p, unsigned int i, u32 hb_uid,
		    u64 capacity, struct verdict *v);
u64 window_largest_free(const struct platform *p, unsigned int i);
void window_print_head(const struct platform *p, unsigned int i,
		       const char *indent);
struct json_object *window_json(const struct platform *p, unsigned int i);
struct json_object *device_windows_json(const struct platform *p,
					u32 hb_uid, u64 capacity);
void device_windows_print(const struct platform *p, u32 hb_uid,
			  u64 capacity, const char *indent);
int cmd_windows(int argc, char **argv);

/* explain.c */
int cmd_explain(int argc, char **argv);

/* cxl-accel.c */
__printf(2, 3)
void usage_error(const char *cmd, const char *fmt, ...);

#endif /* CXL_ACCEL_TOOL_H */
