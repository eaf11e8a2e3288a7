/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A DOE mailbox of the accelerator function, as each kernel offers one
 * (src/compat/doe.c): the PCI core's own from 6.5 on, one created on the
 * function on 6.1.
 */
#ifndef CXL_ACCEL_COMPAT_DOE_H
#define CXL_ACCEL_COMPAT_DOE_H

#include <linux/pci.h>
#include <linux/types.h>

struct pci_doe_mb;

struct pci_doe_mb *cxl_accel_doe_find(struct pci_dev *pdev, u16 vendor,
				      u8 type, const char **why);
int cxl_accel_doe_exchange(struct pci_doe_mb *mb, u16 vendor, u8 type,
			   const __le32 *req, size_t req_sz, __le32 *rsp,
			   size_t rsp_sz);

#endif /* CXL_ACCEL_COMPAT_DOE_H */
