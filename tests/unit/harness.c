// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host unit-test runner: runs every registered UT_TEST (or those whose
 * name contains one of the command-line arguments) and prints TAP.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static struct ut_case *cases, **tail = &cases;
static bool current_failed;

void ut_register(struct ut_case *c)
{
	*tail = c;
	tail = &c->next;
}

void ut_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

bool ut_check(bool ok, const char *file, int line, const char *expr)
{
	if (!ok) {
		ut_diag("%s:%d: check failed: %s", file, line, expr);
		current_failed = true;
	}
	return ok;
}

bool ut_check_eq(uint64_t got, uint64_t want, const char *file, int line,
		 const char *got_expr, const char *want_expr)
{
	if (got == want)
		return true;
	ut_diag("%s:%d: %s == %s", file, line, got_expr, want_expr);
	ut_diag("  got  %#llx (%lld)", (unsigned long long)got, (long long)got);
	ut_diag("  want %#llx (%lld)", (unsigned long long)want, (long long)want);
	current_failed = true;
	return false;
}

bool ut_check_str(const char *got, const char *want, const char *file,
		  int line, const char *got_expr)
{
	if (got && want && !strcmp(got, want))
		return true;
	ut_diag("%s:%d: %s", file, line, got_expr);
	ut_diag("  got  \"%s\"", got ? got : "(null)");
	ut_diag("  want \"%s\"", want ? want : "(null)");
	current_failed = true;
	return false;
}

static bool selected(const struct ut_case *c, int argc, char **argv)
{
	int i;

	if (argc < 2)
		return true;
	for (i = 1; i < argc; i++)
		if (strstr(c->name, argv[i]))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	unsigned int n = 0, failed = 0;
	struct ut_case *c;
	const char *base;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (c = cases; c; c = c->next) {
		if (!selected(c, argc, argv))
			continue;
		current_failed = false;
		c->fn();
		n++;
		base = strrchr(c->file, '/');
		base = base ? base + 1 : c->file;
		printf("%sok %u - %s: %s\n", current_failed ? "not " : "", n,
		       base, c->name);
		failed += current_failed;
	}
	printf("1..%u\n", n);
	printf("%u passed, %u failed\n", n - failed, failed);
	return failed ? 1 : 0;
}
