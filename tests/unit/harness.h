/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small host unit-test harness in plain C.
 *
 *	UT_TEST(decoder_commit_times_out)
 *	{
 *		UT_EQ(hdm_commit(&sim.hdm, 0), -ETIMEDOUT);
 *	}
 *
 * Each UT_TEST is one TAP result; a failed check records file, line and
 * both values and the test goes on, so one run shows every mismatch.
 * The run ends with "1..N" and "N passed, N failed".
 */
#ifndef CXL_ACCEL_UT_HARNESS_H
#define CXL_ACCEL_UT_HARNESS_H

#include <stdbool.h>
#include <stdint.h>

struct ut_case {
	const char *name;
	const char *file;
	void (*fn)(void);
	struct ut_case *next;
};

void ut_register(struct ut_case *c);
bool ut_check(bool ok, const char *file, int line, const char *expr);
bool ut_check_eq(uint64_t got, uint64_t want, const char *file, int line,
		 const char *got_expr, const char *want_expr);
bool ut_check_str(const char *got, const char *want, const char *file,
		  int line, const char *got_expr);
void ut_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define UT_TEST(test)							\
	static void test(void);						\
	static struct ut_case ut_case_##test = {			\
		.name = #test, .file = __FILE__, .fn = test,		\
	};								\
	__attribute__((constructor)) static void ut_register_##test(void) \
	{								\
		ut_register(&ut_case_##test);				\
	}								\
	static void test(void)

/* Each check evaluates to whether it held, so a test can stop early. */
#define UT_ASSERT(cond)	ut_check(!!(cond), __FILE__, __LINE__, #cond)
#define UT_EQ(got, want)						\
	ut_check_eq((uint64_t)(got), (uint64_t)(want), __FILE__, __LINE__, \
		    #got, #want)
#define UT_STR(got, want) ut_check_str((got), (want), __FILE__, __LINE__, #got)

#endif
