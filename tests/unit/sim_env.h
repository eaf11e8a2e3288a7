/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A simulated struct cxl_spec_env: a virtual clock that sleep_us()
 * advances (or that stands still, to prove waits are bounded by their
 * poll counts too) and a log of every report.
 */
#ifndef CXL_ACCEL_UT_SIM_ENV_H
#define CXL_ACCEL_UT_SIM_ENV_H

#include <linux/types.h>

#include "spec/access.h"

#define SIM_ENV_MAX_REPORTS	32
#define SIM_ENV_REPORT_LEN	200

struct sim_env {
	u64 now_us;
	bool frozen;		/* sleep_us() does not advance now_us */
	unsigned int sleeps;
	u64 slept_us;
	unsigned int nr_reports;
	char report[SIM_ENV_MAX_REPORTS][SIM_ENV_REPORT_LEN];
	struct cxl_spec_env env;
};

void sim_env_init(struct sim_env *s);
/* Whether some report contains @substr. */
bool sim_env_reported(const struct sim_env *s, const char *substr);
/* Print every report as a TAP diagnostic. */
void sim_env_dump(const struct sim_env *s);

#endif
