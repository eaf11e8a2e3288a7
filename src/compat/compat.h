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
#include <linux/pci.h>

#include "cxl_accel_config.h"

/*
 * Symbol namespaces are a bare token up to 6.12 and a string literal from
 * 6.13.  Up to 6.12, EXPORT_SYMBOL_NS_GPL() and MODULE_IMPORT_NS() expand
 * their argument before stringifying it, so naming each namespace with a
 * macro gives one spelling for every kernel:
 *	EXPORT_SYMBOL_NS_GPL(sym, CXL_ACCEL_NS);
 *	MODULE_IMPORT_NS(CXL_ACCEL_NS_CXL);
 */
/* cpu_cache_invalidate_memregion(), in either form (namespace DEVMEM) */
#if defined(CXL_ACCEL_HAVE_MEMREGION_INVALIDATE_RANGE) || \
	defined(CXL_ACCEL_HAVE_MEMREGION_INVALIDATE_DESC)
#define CXL_ACCEL_HAVE_MEMREGION_INVALIDATE 1
#endif

/* The CXL consortium's PCI vendor ID, which CXL DVSECs carry */
#define PCI_VENDOR_ID_CXL_ACCEL	0x1e98

#ifdef CXL_ACCEL_HAVE_NS_BARE_TOKEN
#define CXL_ACCEL_NS		CXL_ACCEL
#define CXL_ACCEL_NS_CXL	CXL
#define CXL_ACCEL_NS_DEVMEM	DEVMEM
#else
#define CXL_ACCEL_NS		"CXL_ACCEL"
#define CXL_ACCEL_NS_CXL	"CXL"
#define CXL_ACCEL_NS_DEVMEM	"DEVMEM"
#endif

/*
 * The offset of a function's CXL DVSEC @id, 0 if none.  The spec layer has
 * its own, validating walk; this is the quick lookup for other functions.
 */
static inline u16 cxl_accel_find_dvsec(struct pci_dev *pdev, u16 id)
{
#ifdef CXL_ACCEL_HAVE_PCI_FIND_DVSEC_CAPABILITY
	return pci_find_dvsec_capability(pdev, PCI_VENDOR_ID_CXL_ACCEL, id);
#else
	u16 pos = 0;
	u32 hdr1, hdr2;

	while ((pos = pci_find_next_ext_capability(pdev, pos, PCI_EXT_CAP_ID_DVSEC))) {
		if (pci_read_config_dword(pdev, pos + PCI_DVSEC_HEADER1, &hdr1) ||
		    pci_read_config_dword(pdev, pos + PCI_DVSEC_HEADER2, &hdr2))
			return 0;
		if (PCI_DVSEC_HEADER1_VID(hdr1) == PCI_VENDOR_ID_CXL_ACCEL &&
		    PCI_DVSEC_HEADER2_ID(hdr2) == id)
			return pos;
	}
	return 0;
#endif
}

#endif /* CXL_ACCEL_COMPAT_H */
