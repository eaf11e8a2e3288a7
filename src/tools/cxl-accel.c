// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-accel: list cxl_accel devices and regions, the platform's CXL
 * windows, and explain why a function has or has not got a region.
 * See cxl-accel.8.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cxl-accel.h"

#ifndef CXL_ACCEL_VERSION
#define CXL_ACCEL_VERSION "unknown"
#endif

static const char main_help[] =
	"usage: cxl-accel [--version] [--help] <command> [<args>]\n"
	"\n"
	"commands:\n"
	"  list [--json] [-v]        devices and regions of /sys/class/cxl_accel\n"
	"  windows [--json]          the CEDT's CXL windows and their verdict\n"
	"                            per device (root)\n"
	"  explain <pci address>     why a function has or has not got a region\n"
	"\n"
	"\"cxl-accel <command> --help\" describes a command.\n"
	"Exit status: 0 ok, 1 usage error, 2 no such object, 3 permission\n"
	"denied, 4 other error.  Environment: CXL_ACCEL_SYSROOT prefixes every\n"
	"/sys and /proc path (for tests).\n";

void usage_error(const char *cmd, const char *fmt, ...)
{
	char msg[256];
	va_list args;

	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	error("%s%s%s (see \"cxl-accel %s%s--help\")", cmd ?: "", cmd ? ": " : "",
	      msg, cmd ? cmd : "", cmd ? " " : "");
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int argc, char **argv);
	} cmds[] = {
		{ "list", cmd_list },
		{ "windows", cmd_windows },
		{ "explain", cmd_explain },
	};
	const char *root = getenv("CXL_ACCEL_SYSROOT");
	unsigned int i;

	opterr = 0;
	if (root) {
		/* "/" and "" both mean the real root */
		sysroot = strcmp(root, "/") ? root : "";
	}
	if (argc < 2) {
		usage_error(NULL, "no command");
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		fputs(main_help, stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("cxl-accel %s\n", CXL_ACCEL_VERSION);
		return EXIT_OK;
	}
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		if (!strcmp(argv[1], cmds[i].name)) {
			/* the command's options start after its name */
			optind = 1;
			return cmds[i].fn(argc - 1, argv + 1);
		}
	}
	usage_error(NULL, "unknown command '%s'", argv[1]);
	return EXIT_USAGE;
}
