// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl_accel: CXL Type-2 accelerator support for stock distribution kernels.
 *
 * Module entry points.  Vendor drivers call in through the functions
 * declared in include/cxl_accel.h; the module itself only sets up its
 * debugfs root.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

#include <cxl_accel.h>

#include "compat/compat.h"
#include "internal.h"

/* What src/core.c may do with the CXL core's objects on this kernel. */
#if !defined(CXL_ACCEL_HAVE_CORE_LAYOUT)
#define CORE_LAYOUT_STATE	"export CRCs only: no port the core tracks is shared"
#elif defined(CXL_ACCEL_CORE_LAYOUT_TESTED)
#define CORE_LAYOUT_STATE	"tested"
#else
#define CORE_LAYOUT_STATE	"not tested: no port the core tracks is shared"
#endif

unsigned int cxl_accel_api_version(void)
{
	return CXL_ACCEL_API_VERSION;
}
EXPORT_SYMBOL_NS_GPL(cxl_accel_api_version, CXL_ACCEL_NS);

static int __init cxl_accel_init(void)
{
	int rc;

	rc = cxl_accel_cedt_init();
	if (rc)
		return rc;
	rc = cxl_accel_reset_init();
	if (rc)
		goto err_cedt;
	rc = cxl_accel_sysfs_init();
	if (rc)
		goto err_reset;
	rc = cxl_accel_notify_init();
	if (rc)
		goto err_sysfs;
	cxl_accel_debugfs_init();
	cxl_accel_core_init();
	pr_info("version %s for %s (%d CXL core exports, core layout %s, %s)\n",
		CXL_ACCEL_VERSION, CXL_ACCEL_KERNELRELEASE,
		CXL_ACCEL_CXL_NS_EXPORTS, CXL_ACCEL_CORE_FINGERPRINT,
		CORE_LAYOUT_STATE);
	return 0;

err_sysfs:
	cxl_accel_sysfs_exit();
err_reset:
	cxl_accel_reset_exit();
err_cedt:
	cxl_accel_cedt_exit();
	return rc;
}

static void __exit cxl_accel_exit(void)
{
	cxl_accel_debugfs_exit();
	cxl_accel_notify_exit();
	/* the parked regions, and with them the last devices and objects */
	cxl_accel_region_exit();
	cxl_accel_sysfs_exit();
	cxl_accel_reset_exit();
	cxl_accel_cedt_exit();
}

module_init(cxl_accel_init);
module_exit(cxl_accel_exit);

MODULE_DESCRIPTION("CXL Type-2 accelerator memory regions for vendor drivers");
MODULE_LICENSE("GPL");
MODULE_VERSION(CXL_ACCEL_VERSION);
MODULE_IMPORT_NS(CXL_ACCEL_NS_CXL);
