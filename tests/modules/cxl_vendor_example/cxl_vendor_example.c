// SPDX-License-Identifier: GPL-2.0-only
/*
 * The smallest driver that builds and loads against cxl_accel: it includes
 * the public header, imports the CXL_ACCEL namespace with the header's
 * macro and says which API version it was loaded with.  It needs no
 * version check of its own: the header makes it need cxl_accel_api_6,
 * which a cxl_accel older than API 6 does not export, so such a
 * cxl_accel refuses to load it ("Unknown symbol cxl_accel_api_6").
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

#include <cxl_accel.h>

static int __init cxl_vendor_example_init(void)
{
	pr_info("cxl_accel API version %u, built for %u\n",
		cxl_accel_api_version(), CXL_ACCEL_API_VERSION);
	return 0;
}

static void __exit cxl_vendor_example_exit(void)
{
}

module_init(cxl_vendor_example_init);
module_exit(cxl_vendor_example_exit);

MODULE_DESCRIPTION("Example vendor driver built against cxl_accel");
MODULE_LICENSE("GPL");
CXL_ACCEL_IMPORT_NS();
