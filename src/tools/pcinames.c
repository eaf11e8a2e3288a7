// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl-accel: PCI vendor and device names from libpci's ID database.
 * Apart from the rest, which uses the kernel's u64 (unsigned long long):
 * libpci's headers define their own u64.  Without libpci (the static
 * build) there are no names.
 */
#include <stddef.h>

#ifdef HAVE_LIBPCI
#include <pci/pci.h>
#endif

#include "pcinames.h"

#ifdef HAVE_LIBPCI
static struct pci_access *pacc;

static void pci_quiet(char *msg, ...)
{
	(void)msg;
}

const char *pci_id_name(unsigned int vendor, unsigned int device, char *buf,
			size_t len)
{
	if (!pacc) {
		pacc = pci_alloc();
		if (!pacc)
			return NULL;
		pacc->warning = pci_quiet;
		pacc->debug = pci_quiet;
	}
	return pci_lookup_name(pacc, buf, len,
			       PCI_LOOKUP_VENDOR | PCI_LOOKUP_DEVICE |
			       PCI_LOOKUP_NO_NUMBERS, (int)vendor, (int)device);
}

void pci_names_done(void)
{
	if (pacc)
		pci_cleanup(pacc);
	pacc = NULL;
}
#else
const char *pci_id_name(unsigned int vendor, unsigned int device, char *buf,
			size_t len)
{
	(void)vendor;
	(void)device;
	(void)buf;
	(void)len;
	return NULL;
}

void pci_names_done(void)
{
}
#endif
