// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device's CDAT, read once at probe through its DOE mailbox with the
 * CXL Table Access protocol (CXL r3.0 8.1.11) and checked by the spec
 * layer (spec/cdat.c).  The table is kept with the device for the memory
 * type policy and shown in debugfs.  A device without a mailbox or a
 * CDAT, or whose table cannot be read or trusted, probes all the same:
 * one line says why, and nothing is kept.
 *
 * Which mailbox, on which kernel, is src/compat/doe.c's business.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitfield.h>
#include <linux/err.h>
#include <linux/pci.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "compat/compat.h"
#include "compat/doe.h"
#include "internal.h"
#include "spec/cdat.h"

/* Table Access (CXL r3.0 8.1.11): DOE data object type 2 of the CXL vendor */
#define TABLE_ACCESS_TYPE		2
/* Read Entry request and response, first dword */
#define TABLE_ACCESS_CODE		GENMASK(7, 0)
#define TABLE_ACCESS_CODE_READ		0
#define TABLE_ACCESS_TABLE_TYPE		GENMASK(15, 8)
#define TABLE_ACCESS_TABLE_CDAT		0
#define TABLE_ACCESS_HANDLE		GENMASK(31, 16)
#define TABLE_ACCESS_LAST		0xffff

/* Far more than any device's table; a Length beyond it is not believed. */
#define CDAT_MAX_LEN			SZ_64K

/*
 * Entry @handle of the CDAT into @rsp (the response's first dword, then
 * the entry); its length in *@len and the next entry's handle in *@next.
 */
static int cdat_entry(struct pci_doe_mb *mb, u16 handle, __le32 *rsp,
		      size_t rsp_sz, size_t *len, u16 *next)
{
	__le32 req = cpu_to_le32(FIELD_PREP(TABLE_ACCESS_CODE, TABLE_ACCESS_CODE_READ) |
				 FIELD_PREP(TABLE_ACCESS_TABLE_TYPE, TABLE_ACCESS_TABLE_CDAT) |
				 FIELD_PREP(TABLE_ACCESS_HANDLE, handle));
	u32 hdr;
	int rc;

	rc = cxl_accel_doe_exchange(mb, PCI_VENDOR_ID_CXL_ACCEL, TABLE_ACCESS_TYPE,
				    &req, sizeof(req), rsp, rsp_sz);
	if (rc < 0)
		return rc;
	if (rc < sizeof(*rsp))
		return -EIO;
	hdr = le32_to_cpu(rsp[0]);
	if (FIELD_GET(TABLE_ACCESS_CODE, hdr) != TABLE_ACCESS_CODE_READ ||
	    FIELD_GET(TABLE_ACCESS_TABLE_TYPE, hdr) != TABLE_ACCESS_TABLE_CDAT)
		return -EPROTO;
	*len = rc - sizeof(*rsp);
	*next = FIELD_GET(TABLE_ACCESS_HANDLE, hdr);
	return 0;
}

/* The whole table, in a buffer of its Length; *@why says what failed. */
static u8 *cdat_fetch(struct pci_doe_mb *mb, u32 *len_out, const char **why,
		      int *err)
{
	__le32 first[1 + CXL_SPEC_CDAT_HDR_LEN / sizeof(__le32)];
	size_t len, off;
	__le32 *rsp = NULL;
	u8 *table = NULL;
	unsigned int n;
	u16 next;
	u32 total;
	int rc;

	*why = "the header entry could not be read";
	rc = cdat_entry(mb, 0, first, sizeof(first), &len, &next);
	if (rc)
		goto err;
	*why = "the header entry is too short";
	rc = -EIO;
	if (len < CXL_SPEC_CDAT_HDR_LEN)
		goto err;
	total = le32_to_cpu(first[1]);
	*why = "its Length is out of bounds";
	if (total < CXL_SPEC_CDAT_HDR_LEN || total > CDAT_MAX_LEN)
		goto err;
	rc = -ENOMEM;
	*why = "no memory for it";
	table = kvzalloc(total, GFP_KERNEL);
	rsp = kvmalloc(total + sizeof(*rsp), GFP_KERNEL);
	if (!table || !rsp)
		goto err;
	memcpy(table, &first[1], CXL_SPEC_CDAT_HDR_LEN);
	off = CXL_SPEC_CDAT_HDR_LEN;
	for (n = 0; next != TABLE_ACCESS_LAST; n++) {
		*why = "more entries than its Length holds";
		rc = -EIO;
		if (n >= CXL_SPEC_CDAT_MAX_STRUCTS)
			goto err;
		*why = "an entry could not be read";
		rc = cdat_entry(mb, next, rsp, total + sizeof(*rsp), &len, &next);
		if (rc)
			goto err;
		*why = "its entries are longer than its Length";
		rc = -EIO;
		if (len > total - off)
			goto err;
		memcpy(table + off, &rsp[1], len);
		off += len;
	}
	*why = "its entries are shorter than its Length";
	if (off != total)
		goto err;
	kvfree(rsp);
	*len_out = total;
	return table;

err:
	kvfree(rsp);
	kvfree(table);
	*err = rc;
	return NULL;
}

/**
 * cxl_accel_cdat_read() - read and check the device's CDAT
 * @cxlad: the device, being probed, its capacity known
 *
 * Never fails the probe: a device without a usable CDAT is logged in one
 * line and keeps none (@cxlad->cdat_buf NULL).
 *
 * Context: process context, may sleep (DOE exchanges); from
 * cxl_accel_probe(), under the vendor driver's binding.
 */
void cxl_accel_cdat_read(struct cxl_accel_dev *cxlad)
{
	struct pci_dev *pdev = cxlad->pdev;
	struct pci_doe_mb *mb;
	const char *why, *type;
	u32 len = 0;
	u8 memtype;
	u8 *table;
	int rc = 0;

	mb = cxl_accel_doe_find(pdev, PCI_VENDOR_ID_CXL_ACCEL, TABLE_ACCESS_TYPE,
				&why);
	if (IS_ERR(mb)) {
		pci_info(pdev, "no CDAT: %s\n", why);
		return;
	}
	table = cdat_fetch(mb, &len, &why, &rc);
	if (!table) {
		pci_warn(pdev, "no CDAT: %s (%d)\n", why, rc);
		return;
	}
	/* the spec layer reports each problem through the device's env */
	rc = cxl_spec_cdat_parse(&cxlad->cdat, table, len, &cxlad->env);
	if (rc) {
		kvfree(table);
		pci_warn(pdev, "CDAT of %u bytes refused (%d)\n", len, rc);
		return;
	}
	cxlad->cdat_buf = table;
	rc = cxl_spec_cdat_memtype(&cxlad->cdat, 0, cxlad->capacity, &memtype);
	type = !rc ? cxl_spec_dsemts_name(memtype) :
	       rc == -ENOENT ? "no DSEMTS" :
	       rc == -ERANGE ? "DSEMTS for part of it" : "DSEMTS of mixed types";
	pci_info(pdev, "CDAT: %u bytes, %u DSMAS, %u DSLBIS, %u DSEMTS, %u skipped; its memory: %s\n",
		 len, cxlad->cdat.nr_dsmas, cxlad->cdat.nr_dslbis,
		 cxlad->cdat.nr_dsemts, cxlad->cdat.nr_bad + cxlad->cdat.nr_unknown,
		 type);
}

/* Before the device is freed. */
void cxl_accel_cdat_free(struct cxl_accel_dev *cxlad)
{
	kvfree(cxlad->cdat_buf);
	cxlad->cdat_buf = NULL;
}
