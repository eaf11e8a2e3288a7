/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The mainline Type-2 attach API (7.2 and later), as src/mainline.c uses
 * it, with the pieces 7.2 exports but declares only in the core's private
 * headers.  Included only where conftest.sh found the whole API
 * (CXL_ACCEL_HAVE_MAINLINE_ATTACH).
 */
#ifndef CXL_ACCEL_COMPAT_CXL_TYPE2_H
#define CXL_ACCEL_COMPAT_CXL_TYPE2_H

#include <linux/pci.h>
#include <linux/range.h>

#include "compat.h"

#include <cxl/cxl.h>

#ifdef CXL_ACCEL_HAVE_CXL_PCI_H
#include <cxl/pci.h>
#else
/*
 * 7.2 exports cxl_pci_setup_regs() without a public declaration.  Its
 * type argument is the Register Block Identifier of the Register Locator
 * DVSEC (CXL 2.0 8.1.9.1); only the component registers' is used.
 */
enum cxl_regloc_type {
	CXL_REGLOC_RBI_EMPTY = 0,
	CXL_REGLOC_RBI_COMPONENT = 1,
};

int cxl_pci_setup_regs(struct pci_dev *pdev, enum cxl_regloc_type type,
		       struct cxl_register_map *map);
#endif

#if !defined(CXL_ACCEL_HAVE_CXL_SET_CAPACITY) && !defined(CXL_ACCEL_HAVE_CXL_DPA_SETUP)
/*
 * 7.2 exports cxl_dpa_setup() (in no namespace) without a public
 * declaration; struct cxl_dpa_info stays opaque here and is filled at the
 * offsets conftest.sh read from the kernel's BTF.
 */
struct cxl_dpa_info;

int cxl_dpa_setup(struct cxl_dev_state *cxlds, const struct cxl_dpa_info *info);
#endif

#endif /* CXL_ACCEL_COMPAT_CXL_TYPE2_H */
