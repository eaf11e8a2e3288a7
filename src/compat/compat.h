/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel compatibility for cxl_accel.
 *
 * Every difference between the kernels we support is decided by a feature
 * probe (conftest.sh) whose result is in the generated cxl_accel_config.h;
 * this header turns those results into one spelling the rest of the
 * sources use.  Nothing here compares kernel version numbers.
 */
#ifndef CXL_ACCEL_COMPAT_H
#define CXL_ACCEL_COMPAT_H

#include <linux/module.h>

#include "cxl_accel_config.h"

/*
 * Symbol namespaces are a bare token up to 6.12 and a string literal from
 * 6.13.  Up to 6.12, EXPORT_SYMBOL_NS_GPL() and MODULE_IMPORT_NS() expand
 * their argument before stringifying it, so naming each namespace with a
 * macro gives one spelling for every kernel:
 *	EXPORT_SYMBOL_NS_GPL(sym, CXL_ACCEL_NS);
 *	MODULE_IMPORT_NS(CXL_ACCEL_NS_CXL);
 */
#ifdef CXL_ACCEL_HAVE_NS_BARE_TOKEN
#define CXL_ACCEL_NS		CXL_ACCEL
#define CXL_ACCEL_NS_CXL	CXL
#else
#define CXL_ACCEL_NS		"CXL_ACCEL"
#define CXL_ACCEL_NS_CXL	"CXL"
#endif

#endif /* CXL_ACCEL_COMPAT_H */
