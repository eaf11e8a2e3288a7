// SPDX-License-Identifier: GPL-2.0-only
/*
 * A test-only driver that uses cxl_accel's public API the way a vendor
 * driver would.  It matches no device by ID: the guest tests hand it
 * QEMU's cxl-type3 device through driver_override before cxl_pci can
 * bind it.
 */

#include <linux/module.h>
#include <linux/pci.h>

#include <cxl_accel.h>

static int cxl_accel_test_probe(struct pci_dev *pdev,
				const struct pci_device_id *id)
{
	struct cxl_accel_dev *cxlad;
	struct cxl_accel_info info;
	int rc;

	rc = pcim_enable_device(pdev);
	if (rc)
		return rc;
	cxlad = devm_cxl_accel_probe(pdev);
	if (IS_ERR(cxlad))
		return dev_err_probe(&pdev->dev, PTR_ERR(cxlad),
				     "not a usable CXL accelerator\n");
	cxl_accel_get_info(cxlad, &info);
	pci_info(pdev, "CXL accelerator: %llu MiB, %u HDM decoders\n",
		 info.capacity >> 20, info.nr_decoders);
	pci_set_drvdata(pdev, cxlad);
	return 0;
}

static struct pci_driver cxl_accel_test_driver = {
	.name = "cxl_accel_test",
	.probe = cxl_accel_test_probe,
};
module_pci_driver(cxl_accel_test_driver);

MODULE_DESCRIPTION("Test consumer of cxl_accel");
MODULE_LICENSE("GPL");
CXL_ACCEL_IMPORT_NS();
