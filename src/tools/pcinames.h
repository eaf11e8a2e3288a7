/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cxl-accel: PCI names (pcinames.c).  Apart from cxl-accel.h, because
 * libpci's headers define a u64 of their own, not the kernel's.
 */
#ifndef CXL_ACCEL_TOOL_PCINAMES_H
#define CXL_ACCEL_TOOL_PCINAMES_H

#include <stddef.h>

const char *pci_id_name(unsigned int vendor, unsigned int device, char *buf,
			size_t len);
void pci_names_done(void);

#endif /* CXL_ACCEL_TOOL_PCINAMES_H */
