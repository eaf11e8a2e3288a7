// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reporting for the spec layer: printf-like fronts for env->vreport() and
 * env->vnote().
 */
#include <linux/kernel.h>
#include <linux/stdarg.h>

#include "access.h"

/**
 * cxl_spec_report - report one problem
 * @env: whose vreport() prints it; NULL says nothing (the table parsers'
 *	quiet walks, after the one that reported)
 * @fmt: printf format of one line, without a trailing newline
 */
void cxl_spec_report(const struct cxl_spec_env *env, const char *fmt, ...)
{
	va_list args;

	if (!env)
		return;
	va_start(args, fmt);
	env->vreport(env->ctx, fmt, args);
	va_end(args);
}

/**
 * cxl_spec_note - report a quirk that is worked around
 * @env: whose vnote() (or, without one, vreport()) prints it
 * @fmt: printf format of one line, without a trailing newline
 */
void cxl_spec_note(const struct cxl_spec_env *env, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	if (env->vnote)
		env->vnote(env->ctx, fmt, args);
	else
		env->vreport(env->ctx, fmt, args);
	va_end(args);
}
