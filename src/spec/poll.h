/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bounded polling for the spec layer.
 *
 * A wait ends when the clock says the timeout has passed or when the
 * number of polls that fit into the timeout has been used up, whichever
 * comes first: a clock that stands still (or a simulator's virtual clock
 * nobody advances) cannot turn a wait into a hang.
 *
 *	cxl_spec_deadline_start(&dl, env, timeout_us, interval_us);
 *	for (;;) {
 *		read the register; if done, break;
 *		if (cxl_spec_deadline_expired(&dl, env))
 *			return -ETIMEDOUT;
 *		env->sleep_us(env->ctx, interval_us);
 *	}
 *
 * The register is read once more after the last sleep, so a condition
 * that becomes true just at the deadline still counts.
 */
#ifndef CXL_ACCEL_SPEC_POLL_H
#define CXL_ACCEL_SPEC_POLL_H

#include <linux/kernel.h>
#include <linux/types.h>

#include "access.h"

struct cxl_spec_deadline {
	u64 start_us;
	u64 timeout_us;
	u64 polls_left;
};

static inline void cxl_spec_deadline_start(struct cxl_spec_deadline *dl,
					   const struct cxl_spec_env *env,
					   u64 timeout_us, u32 interval_us)
{
	dl->start_us = env->now_us(env->ctx);
	dl->timeout_us = timeout_us;
	dl->polls_left = DIV_ROUND_UP(timeout_us, interval_us);
}

/* Elapsed microseconds since the start; a clock that went back counts 0. */
static inline u64 cxl_spec_deadline_elapsed(const struct cxl_spec_deadline *dl,
					    const struct cxl_spec_env *env)
{
	u64 now = env->now_us(env->ctx);

	return now > dl->start_us ? now - dl->start_us : 0;
}

static inline bool cxl_spec_deadline_expired(struct cxl_spec_deadline *dl,
					     const struct cxl_spec_env *env)
{
	if (!dl->polls_left)
		return true;
	dl->polls_left--;
	return cxl_spec_deadline_elapsed(dl, env) >= dl->timeout_us;
}

#endif /* CXL_ACCEL_SPEC_POLL_H */
