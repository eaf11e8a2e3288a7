// SPDX-License-Identifier: GPL-2.0-only
/*
 * The smallest driver that builds and loads against cxl_accel: it includes
 * the public header, imports the CXL_ACCEL namespace with the header's
 * macro and checks the API version of the cxl_accel it was loaded with.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

#include <cxl_accel.h>

static int __init cxl_vendor_example_init(void)
{
	unsigned int v = cxl_accel_api_version();

	if (v < CXL_ACCEL_API_VERSION) {
		pr_err("cxl_accel API version %u, built for %u or later\n",
		       v, CXL_ACCEL_API_VERSION);
		return -EINVAL;
	}
	pr_info("cxl_accel API version %u\n", v);
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
