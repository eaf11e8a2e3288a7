// SPDX-License-Identifier: GPL-2.0-only
/*
 * A simulated struct cxl_spec_env (see sim_env.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "sim_env.h"

static void sim_sleep_us(void *ctx, unsigned int us)
{
	struct sim_env *s = ctx;

	s->sleeps++;
	s->slept_us += us;
	if (!s->frozen)
		s->now_us += us;
}

static u64 sim_now_us(void *ctx)
{
	struct sim_env *s = ctx;

	return s->now_us;
}

static __printf(2, 0) void sim_vreport(void *ctx, const char *fmt, va_list args)
{
	struct sim_env *s = ctx;

	if (s->nr_reports < SIM_ENV_MAX_REPORTS)
		vsnprintf(s->report[s->nr_reports], SIM_ENV_REPORT_LEN, fmt, args);
	s->nr_reports++;
}

void sim_env_init(struct sim_env *s)
{
	memset(s, 0, sizeof(*s));
	/* Not zero, so that "elapsed since start" is really computed. */
	s->now_us = 1000000;
	s->env.ctx = s;
	s->env.sleep_us = sim_sleep_us;
	s->env.now_us = sim_now_us;
	s->env.vreport = sim_vreport;
}

bool sim_env_reported(const struct sim_env *s, const char *substr)
{
	unsigned int i;

	for (i = 0; i < s->nr_reports && i < SIM_ENV_MAX_REPORTS; i++)
		if (strstr(s->report[i], substr))
			return true;
	return false;
}

void sim_env_dump(const struct sim_env *s)
{
	unsigned int i;

	for (i = 0; i < s->nr_reports && i < SIM_ENV_MAX_REPORTS; i++)
		ut_diag("report: %s", s->report[i]);
}
