// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-accel: messages, exit codes, and reading sysfs and procfs below
 * $CXL_ACCEL_SYSROOT.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cxl-accel.h"

/* Prefix of every /sys and /proc path: "" unless a test sets it */
const char *sysroot = "";

void error(const char *fmt, ...)
{
	va_list args;

	fputs("cxl-accel: ", stderr);
	va_start(args, fmt);
	vfprintf(stderr, fmt, args);
	va_end(args);
	fputc('\n', stderr);
}

void warn(const char *fmt, ...)
{
	va_list args;

	fputs("cxl-accel: warning: ", stderr);
	va_start(args, fmt);
	vfprintf(stderr, fmt, args);
	va_end(args);
	fputc('\n', stderr);
}

/* The exit code for a negative errno. */
int exit_code(int rc)
{
	switch (rc) {
	case 0:
		return EXIT_OK;
	case -ENOENT:
	case -ENODEV:
	case -ENXIO:
		return EXIT_NOENT;
	case -EACCES:
	case -EPERM:
		return EXIT_PERM;
	default:
		return EXIT_FAIL;
	}
}

static int vsys_path(char *buf, size_t len, const char *fmt, va_list args)
{
	size_t n = strlen(sysroot);
	int m;

	if (n >= len)
		return -ENAMETOOLONG;
	memcpy(buf, sysroot, n);
	m = vsnprintf(buf + n, len - n, fmt, args);
	if (m < 0 || (size_t)m >= len - n)
		return -ENAMETOOLONG;
	return 0;
}

/* @buf = $CXL_ACCEL_SYSROOT followed by the formatted path */
int sys_path(char *buf, size_t len, const char *fmt, ...)
{
	va_list args;
	int rc;

	va_start(args, fmt);
	rc = vsys_path(buf, len, fmt, args);
	va_end(args);
	return rc;
}

/* A small text file, without its trailing newlines: 0 or -errno. */
int read_text(const char *abs, char *buf, size_t len)
{
	ssize_t n;
	size_t got = 0;
	int fd;

	fd = open(abs, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (got < len - 1) {
		n = read(fd, buf + got, len - 1 - got);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			n = -errno;
			close(fd);
			return n;
		}
		if (!n)
			break;
		got += n;
	}
	close(fd);
	buf[got] = '\0';
	while (got && (buf[got - 1] == '\n' || buf[got - 1] == ' '))
		buf[--got] = '\0';
	return 0;
}

int sys_text(char *buf, size_t len, const char *fmt, ...)
{
	char path[PATH_MAX];
	va_list args;
	int rc;

	va_start(args, fmt);
	rc = vsys_path(path, sizeof(path), fmt, args);
	va_end(args);
	return rc ?: read_text(path, buf, len);
}

/* A number in @base (16 accepts a 0x prefix): 0 or -errno. */
int sys_u64(u64 *val, int base, const char *fmt, ...)
{
	char path[PATH_MAX], buf[64], *end;
	va_list args;
	int rc;

	va_start(args, fmt);
	rc = vsys_path(path, sizeof(path), fmt, args);
	va_end(args);
	if (!rc)
		rc = read_text(path, buf, sizeof(buf));
	if (rc)
		return rc;
	errno = 0;
	*val = strtoull(buf, &end, base);
	if (errno || end == buf || *end)
		return -EINVAL;
	return 0;
}

/* A whole binary file (a firmware table): 0 or -errno. */
int read_binary(const char *abs, u8 **data, size_t *len)
{
	size_t size = 4096, got = 0;
	u8 *buf, *bigger;
	ssize_t n;
	int fd, rc;

	fd = open(abs, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	buf = malloc(size);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	for (;;) {
		if (got == size) {
			bigger = realloc(buf, size * 2);
			if (!bigger) {
				rc = -ENOMEM;
				goto fail;
			}
			buf = bigger;
			size *= 2;
		}
		n = read(fd, buf + got, size - got);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = -errno;
			goto fail;
		}
		if (!n)
			break;
		got += n;
	}
	close(fd);
	*data = buf;
	*len = got;
	return 0;
fail:
	close(fd);
	free(buf);
	return rc;
}

/* The last component of a symbolic link's target (it may dangle). */
int sys_link_name(char *buf, size_t len, const char *fmt, ...)
{
	char path[PATH_MAX], target[PATH_MAX], *base;
	va_list args;
	ssize_t n;
	int rc;

	va_start(args, fmt);
	rc = vsys_path(path, sizeof(path), fmt, args);
	va_end(args);
	if (rc)
		return rc;
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (snprintf(buf, len, "%s", base) >= (int)len)
		return -ENAMETOOLONG;
	return 0;
}

const char *human_size(u64 bytes, char *buf, size_t len)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB",
					    "PiB", "EiB" };
	unsigned int i = 0;

	while (i < 6 && bytes >= 1024 && !(bytes & 1023)) {
		bytes >>= 10;
		i++;
	}
	snprintf(buf, len, "%llu %s", bytes, unit[i]);
	return buf;
}

/*
 * A PCI address as sysfs names it, "dddd:bb:dd.f", from that or from
 * "bb:dd.f" (domain 0): 0, or -EINVAL.
 */
int pci_normalize(const char *in, char *out, size_t len)
{
	unsigned int dom = 0, bus, dev, fn;
	char tail;

	if (sscanf(in, "%x:%x:%x.%x%c", &dom, &bus, &dev, &fn, &tail) != 4) {
		dom = 0;
		if (sscanf(in, "%x:%x.%x%c", &bus, &dev, &fn, &tail) != 3)
			return -EINVAL;
	}
	if (dom > 0xffff || bus > 0xff || dev > 0x1f || fn > 7)
		return -EINVAL;
	snprintf(out, len, "%04x:%02x:%02x.%x", dom, bus, dev, fn);
	return 0;
}

/*
 * The _UID of the host bridge above a PCI function: the firmware node of
 * the PCI root bus ("pciDDDD:BB") its sysfs path starts with.
 */
int pci_host_bridge_uid(const char *pci, u32 *uid)
{
	char path[PATH_MAX], real[PATH_MAX], buf[64], *p, *end;
	unsigned long v;
	int rc;

	rc = sys_path(path, sizeof(path), PCI_DIR "/%s", pci);
	if (rc)
		return rc;
	if (!realpath(path, real))
		return -errno;
	p = strstr(real, "/devices/pci");
	if (!p)
		return -ENODEV;
	p += strlen("/devices/");
	end = strchr(p, '/');
	if (end)
		*end = '\0';
	if (strlen(real) + sizeof("/firmware_node/uid") > sizeof(real))
		return -ENAMETOOLONG;
	strcat(real, "/firmware_node/uid");
	rc = read_text(real, buf, sizeof(buf));
	if (rc)
		return rc;
	errno = 0;
	v = strtoul(buf, &end, 10);
	if (errno || end == buf || *end || v > 0xffffffffUL)
		return -EINVAL;
	*uid = v;
	return 0;
}

/* "Vendor Device" from the PCI ID database, if there is one (pcinames.c) */
const char *pci_name(const char *pci, char *buf, size_t len)
{
	u64 vendor, device;

	if (sys_u64(&vendor, 16, PCI_DIR "/%s/vendor", pci) ||
	    sys_u64(&device, 16, PCI_DIR "/%s/device", pci))
		return NULL;
	return pci_id_name(vendor, device, buf, len);
}

/* JSON the way ndctl's cxl list prints it: indented, "/" not escaped. */
void print_json(struct json_object *o)
{
	printf("%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
						     JSON_C_TO_STRING_SPACED |
						     JSON_C_TO_STRING_NOSLASHESCAPE));
}

void env_no_sleep(void *ctx, unsigned int us)
{
	(void)ctx;
	(void)us;
}

u64 env_no_clock(void *ctx)
{
	(void)ctx;
	return 0;
}
