// SPDX-License-Identifier: GPL-2.0-only
/*
 * CXL DVSECs of one PCI function (see dvsec.h).
 */
#include <linux/bitfield.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/types.h>

#include "dvsec.h"

/* Extended capabilities live at dword offsets 0x100..0xffc. */
#define ECAP_SLOTS	(CXL_SPEC_CFG_SIZE / 4)

const char *cxl_spec_dvsec_name(u16 id)
{
	switch (id) {
	case CXL_SPEC_DVSEC_DEVICE:
		return "PCIe DVSEC for CXL Devices";
	case CXL_SPEC_DVSEC_FUNC_MAP:
		return "Non-CXL Function Map DVSEC";
	case CXL_SPEC_DVSEC_PORT_EXT:
		return "CXL Extensions DVSEC for Ports";
	case CXL_SPEC_DVSEC_PORT_GPF:
		return "GPF DVSEC for CXL Ports";
	case CXL_SPEC_DVSEC_DEVICE_GPF:
		return "GPF DVSEC for CXL Devices";
	case CXL_SPEC_DVSEC_FLEXBUS:
		return "PCIe DVSEC for Flex Bus Port";
	case CXL_SPEC_DVSEC_REGLOC:
		return "Register Locator DVSEC";
	case CXL_SPEC_DVSEC_MLD:
		return "MLD DVSEC";
	case CXL_SPEC_DVSEC_TEST:
		return "PCIe DVSEC for Test Capability";
	default:
		return "unknown CXL DVSEC";
	}
}

static bool dvsec_known(u16 id)
{
	switch (id) {
	case CXL_SPEC_DVSEC_DEVICE:
	case CXL_SPEC_DVSEC_FUNC_MAP:
	case CXL_SPEC_DVSEC_PORT_EXT:
	case CXL_SPEC_DVSEC_PORT_GPF:
	case CXL_SPEC_DVSEC_DEVICE_GPF:
	case CXL_SPEC_DVSEC_FLEXBUS:
	case CXL_SPEC_DVSEC_REGLOC:
	case CXL_SPEC_DVSEC_MLD:
	case CXL_SPEC_DVSEC_TEST:
		return true;
	default:
		return false;
	}
}

/*
 * The smallest DVSEC Length the spec allows for an ID and revision.  Later
 * revisions only ever append registers, so an unknown newer revision is
 * held to the newest length we know.
 */
static unsigned int dvsec_min_len(u16 id, u8 rev)
{
	switch (id) {
	case CXL_SPEC_DVSEC_DEVICE:
		return rev >= 2 ? CXL_SPEC_DEV_LEN_REV2 : CXL_SPEC_DEV_LEN_REV1;
	case CXL_SPEC_DVSEC_FUNC_MAP:
		return CXL_SPEC_FUNC_MAP_LEN;
	case CXL_SPEC_DVSEC_PORT_EXT:
		return CXL_SPEC_PORT_EXT_LEN;
	case CXL_SPEC_DVSEC_PORT_GPF:
		return CXL_SPEC_PORT_GPF_LEN;
	case CXL_SPEC_DVSEC_DEVICE_GPF:
		return CXL_SPEC_DEV_GPF_LEN;
	case CXL_SPEC_DVSEC_FLEXBUS:
		if (rev == 0)
			return CXL_SPEC_FLEXBUS_LEN_REV0;
		if (rev == 1)
			return CXL_SPEC_FLEXBUS_LEN_REV1;
		return CXL_SPEC_FLEXBUS_LEN_REV2;
	case CXL_SPEC_DVSEC_REGLOC:
		return CXL_SPEC_REGLOC_BLOCK1;
	case CXL_SPEC_DVSEC_MLD:
		return CXL_SPEC_MLD_LEN;
	default:
		return CXL_SPEC_DVSEC_HDR_LEN;
	}
}

/* Checks one CXL DVSEC on its own and against those found before it. */
static bool dvsec_check(const struct cxl_spec_env *env,
			const struct cxl_spec_dvsec_list *list,
			const struct cxl_spec_dvsec *d, unsigned int next)
{
	const char *name = cxl_spec_dvsec_name(d->id);
	unsigned int i, min = dvsec_min_len(d->id, d->rev);

	if (!dvsec_known(d->id)) {
		cxl_spec_note(env, "DVSEC at %#x: unknown CXL DVSEC ID %#x, ignored",
			      d->offset, d->id);
		return false;
	}
	if (d->len > CXL_SPEC_CFG_SIZE - d->offset) {
		cxl_spec_note(env, "%s at %#x: length %#x runs past 4 KiB",
			      name, d->offset, d->len);
		return false;
	}
	if (next > d->offset && next < d->offset + d->len) {
		cxl_spec_note(env, "%s at %#x: length %#x overlaps the next capability at %#x",
			      name, d->offset, d->len, next);
		return false;
	}
	if (d->len < min) {
		cxl_spec_note(env, "%s at %#x: revision %u needs length %#x or more, has %#x",
			      name, d->offset, d->rev, min, d->len);
		return false;
	}
	if (d->id == CXL_SPEC_DVSEC_REGLOC &&
	    (d->len - CXL_SPEC_REGLOC_BLOCK1) % CXL_SPEC_REGLOC_ENTRY_LEN) {
		cxl_spec_note(env, "%s at %#x: length %#x is not %#x plus whole %u-byte entries",
			      name, d->offset, d->len, CXL_SPEC_REGLOC_BLOCK1,
			      CXL_SPEC_REGLOC_ENTRY_LEN);
		return false;
	}
	for (i = 0; i < list->nr; i++) {
		if (list->dvsec[i].valid && list->dvsec[i].id == d->id) {
			cxl_spec_note(env, "%s at %#x: a second one, the one at %#x is used",
				      name, d->offset, list->dvsec[i].offset);
			return false;
		}
	}
	return true;
}

static int dvsec_record(const struct cxl_spec_cfg *cfg,
			const struct cxl_spec_env *env,
			struct cxl_spec_dvsec_list *list, unsigned int off,
			unsigned int next)
{
	struct cxl_spec_dvsec *d;
	u32 hdr1;
	u16 id;
	int rc;

	rc = cxl_spec_cfg_read32(cfg, off + CXL_SPEC_DVSEC_HDR1, &hdr1);
	if (rc)
		return rc;
	if (FIELD_GET(CXL_SPEC_DVSEC_HDR1_VENDOR_ID, hdr1) !=
	    CXL_SPEC_DVSEC_VENDOR_ID)
		return 0;
	rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_DVSEC_HDR2, &id);
	if (rc)
		return rc;
	if (list->nr == CXL_SPEC_DVSEC_MAX) {
		cxl_spec_note(env, "DVSEC at %#x: more than %u CXL DVSECs, the rest are ignored",
			      off, CXL_SPEC_DVSEC_MAX);
		list->chain_broken = true;
		return 1;
	}

	d = &list->dvsec[list->nr];
	d->offset = off;
	d->id = FIELD_GET(CXL_SPEC_DVSEC_HDR2_ID, id);
	d->rev = FIELD_GET(CXL_SPEC_DVSEC_HDR1_REVISION, hdr1);
	d->len = FIELD_GET(CXL_SPEC_DVSEC_HDR1_LENGTH, hdr1);
	d->valid = dvsec_check(env, list, d, next);
	list->nr++;
	return 0;
}

/**
 * cxl_spec_dvsec_scan - find the CXL DVSECs of a function
 * @cfg: configuration space of the function
 * @env: for reports
 * @list: filled in; only entries with @valid set may be read
 *
 * The walk starts at 0x100 and follows Next Capability Offset.  A loop, a
 * pointer below 0x100 or a header reading as all ones ends it with a
 * report and @list->chain_broken set; what was found before is kept.
 *
 * Return: 0, -ENXIO if the function's extended configuration space reads
 * as all ones, or the error of a failed configuration read.
 */
int cxl_spec_dvsec_scan(const struct cxl_spec_cfg *cfg,
			const struct cxl_spec_env *env,
			struct cxl_spec_dvsec_list *list)
{
	u32 seen[ECAP_SLOTS / 32] = { 0 };
	unsigned int off = CXL_SPEC_ECAP_START, next, slot;
	u32 hdr;
	int rc;

	memset(list, 0, sizeof(*list));
	for (;;) {
		slot = off / 4;
		if (seen[slot / 32] & BIT(slot % 32)) {
			cxl_spec_report(env, "extended capability list loops back to %#x", off);
			list->chain_broken = true;
			return 0;
		}
		seen[slot / 32] |= BIT(slot % 32);

		rc = cxl_spec_cfg_read32(cfg, off, &hdr);
		if (rc)
			return rc;
		if (hdr == ~0U) {
			cxl_spec_report(env, "extended capability at %#x reads as all ones",
					off);
			if (off == CXL_SPEC_ECAP_START)
				return -ENXIO;
			list->chain_broken = true;
			return 0;
		}
		/* An empty header at 0x100 means there are no extended caps. */
		if (!hdr)
			return 0;

		next = FIELD_GET(CXL_SPEC_ECAP_HDR_NEXT, hdr) &
		       ~CXL_SPEC_ECAP_NEXT_RSVD;
		if (FIELD_GET(CXL_SPEC_ECAP_HDR_ID, hdr) == CXL_SPEC_ECAP_ID_DVSEC) {
			rc = dvsec_record(cfg, env, list, off, next);
			if (rc < 0)
				return rc;
			if (rc)
				return 0;
		}
		if (!next)
			return 0;
		if (next < CXL_SPEC_ECAP_START) {
			cxl_spec_report(env, "extended capability at %#x: next %#x < %#x",
					off, next, CXL_SPEC_ECAP_START);
			list->chain_broken = true;
			return 0;
		}
		off = next;
	}
}

/**
 * cxl_spec_dvsec_find - the valid DVSEC with a given ID
 * @list: from cxl_spec_dvsec_scan()
 * @id: DVSEC ID
 *
 * Return: the DVSEC, or NULL if there is no valid one with @id.
 */
const struct cxl_spec_dvsec *
cxl_spec_dvsec_find(const struct cxl_spec_dvsec_list *list, u16 id)
{
	unsigned int i;

	for (i = 0; i < list->nr; i++)
		if (list->dvsec[i].valid && list->dvsec[i].id == id)
			return &list->dvsec[i];
	return NULL;
}

/**
 * cxl_spec_dev_desired_interleave - decode a range's Desired_Interleave
 * @code: the raw field (CXL 2.0 8.1.3.8.2)
 * @granularity: bytes, or 0 for "no interleave"
 *
 * Return: 0, or -EINVAL for a reserved encoding.
 */
int cxl_spec_dev_desired_interleave(u8 code, unsigned int *granularity)
{
	/* Not in size order: 4 KiB was defined first, then the others. */
	static const unsigned int ig[] = {
		0, SZ_256, SZ_4K, SZ_512, SZ_1K, SZ_2K, SZ_8K, SZ_16K,
	};

	if (code >= ARRAY_SIZE(ig))
		return -EINVAL;
	*granularity = ig[code];
	return 0;
}

static int dev_read_range(const struct cxl_spec_cfg *cfg,
			  const struct cxl_spec_env *env,
			  struct cxl_spec_dev_dvsec *dev, unsigned int i)
{
	struct cxl_spec_dev_range *r = &dev->range[i];
	unsigned int off = dev->offset, ig;
	u32 size_hi, base_hi, base_lo;
	int rc;

	rc = cxl_spec_cfg_read32(cfg, off + CXL_SPEC_DEV_RANGE_SIZE_HIGH(i), &size_hi);
	if (!rc)
		rc = cxl_spec_cfg_read32(cfg, off + CXL_SPEC_DEV_RANGE_SIZE_LOW(i),
					 &r->size_low);
	if (!rc)
		rc = cxl_spec_cfg_read32(cfg, off + CXL_SPEC_DEV_RANGE_BASE_HIGH(i),
					 &base_hi);
	if (!rc)
		rc = cxl_spec_cfg_read32(cfg, off + CXL_SPEC_DEV_RANGE_BASE_LOW(i),
					 &base_lo);
	if (rc)
		return rc;

	r->size = FIELD_PREP(CXL_SPEC_HIGH_DWORD, size_hi) |
		  (r->size_low & CXL_SPEC_DEV_RANGE_MEM_SIZE_LOW);
	r->base = FIELD_PREP(CXL_SPEC_HIGH_DWORD, base_hi) |
		  (base_lo & CXL_SPEC_DEV_RANGE_MEM_BASE_LOW);
	r->info_valid = r->size_low & CXL_SPEC_DEV_RANGE_MEM_INFO_VALID;
	r->active = r->size_low & CXL_SPEC_DEV_RANGE_MEM_ACTIVE;
	r->active_degraded = r->size_low & CXL_SPEC_DEV_RANGE_MEM_ACTIVE_DEGRADED;
	r->media_type = FIELD_GET(CXL_SPEC_DEV_RANGE_MEDIA_TYPE, r->size_low);
	r->memory_class = FIELD_GET(CXL_SPEC_DEV_RANGE_MEMORY_CLASS, r->size_low);
	r->desired_interleave = FIELD_GET(CXL_SPEC_DEV_RANGE_DESIRED_INTERLEAVE,
					  r->size_low);
	r->active_timeout = FIELD_GET(CXL_SPEC_DEV_RANGE_MEM_ACTIVE_TIMEOUT,
				      r->size_low);

	/* The fields describe the range only once Memory_Info_Valid is set. */
	if (!r->info_valid)
		return 0;
	if (cxl_spec_dev_desired_interleave(r->desired_interleave, &ig))
		cxl_spec_report(env, "CXL range %u: reserved Desired_Interleave %#x",
				i + 1, r->desired_interleave);
	if (r->active_timeout > CXL_SPEC_DEV_MEM_ACTIVE_TIMEOUT_MAX)
		cxl_spec_report(env, "CXL range %u: reserved Memory_Active_Timeout %u",
				i + 1, r->active_timeout);
	return 0;
}

/**
 * cxl_spec_dvsec_read_device - read the PCIe DVSEC for CXL Devices
 * @cfg: configuration space of the function
 * @env: for reports
 * @list: from cxl_spec_dvsec_scan()
 * @dev: filled in
 *
 * Return: 0, -ENODEV if the function has no valid one, or the error of a
 * failed configuration read.
 */
int cxl_spec_dvsec_read_device(const struct cxl_spec_cfg *cfg,
			       const struct cxl_spec_env *env,
			       const struct cxl_spec_dvsec_list *list,
			       struct cxl_spec_dev_dvsec *dev)
{
	const struct cxl_spec_dvsec *d;
	unsigned int off, i;
	int rc;

	d = cxl_spec_dvsec_find(list, CXL_SPEC_DVSEC_DEVICE);
	if (!d)
		return -ENODEV;

	memset(dev, 0, sizeof(*dev));
	dev->offset = d->offset;
	dev->rev = d->rev;
	off = d->offset;
	rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_DEV_CAP, &dev->cap);
	if (!rc)
		rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_DEV_CTRL, &dev->ctrl);
	if (!rc)
		rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_DEV_STATUS, &dev->status);
	if (!rc)
		rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_DEV_CTRL2, &dev->ctrl2);
	if (!rc)
		rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_DEV_STATUS2, &dev->status2);
	if (!rc)
		rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_DEV_LOCK, &dev->lock);
	if (!rc)
		rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_DEV_CAP2, &dev->cap2);
	if (!rc && d->rev >= 2)
		rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_DEV_CAP3, &dev->cap3);
	if (rc)
		return rc;

	dev->cache_capable = dev->cap & CXL_SPEC_DEV_CAP_CACHE_CAPABLE;
	dev->io_capable = dev->cap & CXL_SPEC_DEV_CAP_IO_CAPABLE;
	dev->mem_capable = dev->cap & CXL_SPEC_DEV_CAP_MEM_CAPABLE;
	dev->mem_hwinit = dev->cap & CXL_SPEC_DEV_CAP_MEM_HWINIT_MODE;
	dev->mld = dev->cap & CXL_SPEC_DEV_CAP_MLD;
	dev->viral_capable = dev->cap & CXL_SPEC_DEV_CAP_VIRAL_CAPABLE;
	dev->mem_enabled = dev->ctrl & CXL_SPEC_DEV_CTRL_MEM_ENABLE;
	dev->config_locked = dev->lock & CXL_SPEC_DEV_LOCK_CONFIG_LOCK;
	dev->hdm_count = FIELD_GET(CXL_SPEC_DEV_CAP_HDM_COUNT, dev->cap);

	if (dev->hdm_count > CXL_SPEC_DEV_RANGES) {
		cxl_spec_report(env, "CXL device DVSEC: reserved HDM_Count %u, no range used",
				dev->hdm_count);
		dev->hdm_count = 0;
	} else if (dev->mem_capable && !dev->hdm_count) {
		cxl_spec_report(env, "CXL device DVSEC: Mem_Capable with HDM_Count 0");
	}

	for (i = 0; i < dev->hdm_count; i++) {
		rc = dev_read_range(cfg, env, dev, i);
		if (rc)
			return rc;
	}
	return 0;
}

/**
 * cxl_spec_dvsec_set_mem_enable - set or clear Mem_Enable
 * @cfg: configuration space of the function
 * @env: for reports
 * @dev: from cxl_spec_dvsec_read_device(); updated
 * @enable: the new value
 *
 * DVSEC CXL Control is written as 16 bits: a 32-bit write would also hit
 * DVSEC CXL Status, whose Viral_Status is write-one-to-clear.
 *
 * Return: 0, -EPERM if CONFIG_LOCK is set, -EIO if the bit did not take,
 * or the error of a failed configuration access.
 */
int cxl_spec_dvsec_set_mem_enable(const struct cxl_spec_cfg *cfg,
				  const struct cxl_spec_env *env,
				  struct cxl_spec_dev_dvsec *dev, bool enable)
{
	unsigned int off = dev->offset;
	u16 lock, ctrl, want;
	int rc;

	rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_DEV_LOCK, &lock);
	if (!rc)
		rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_DEV_CTRL, &ctrl);
	if (rc)
		return rc;

	want = enable ? ctrl | CXL_SPEC_DEV_CTRL_MEM_ENABLE :
			ctrl & ~CXL_SPEC_DEV_CTRL_MEM_ENABLE;
	if (want != ctrl) {
		if (lock & CXL_SPEC_DEV_LOCK_CONFIG_LOCK) {
			cxl_spec_report(env, "CXL device DVSEC: CONFIG_LOCK set, Mem_Enable fixed");
			return -EPERM;
		}
		rc = cxl_spec_cfg_write16(cfg, off + CXL_SPEC_DEV_CTRL, want);
		if (!rc)
			rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_DEV_CTRL, &ctrl);
		if (rc)
			return rc;
		if (ctrl != want) {
			cxl_spec_report(env, "CXL device DVSEC: Control is %#x, written %#x",
					ctrl, want);
			return -EIO;
		}
	}
	dev->ctrl = ctrl;
	dev->mem_enabled = enable;
	return 0;
}

/**
 * cxl_spec_dvsec_mem_enabled - read Mem_Enable as it is now
 * @cfg: configuration space of the device
 * @dev: from cxl_spec_dvsec_read_device()
 * @enabled: Mem_Enable of DVSEC CXL Control
 *
 * Return: 0, or the error of the configuration read.
 */
int cxl_spec_dvsec_mem_enabled(const struct cxl_spec_cfg *cfg,
			       const struct cxl_spec_dev_dvsec *dev,
			       bool *enabled)
{
	u16 ctrl;
	int rc;

	rc = cxl_spec_cfg_read16(cfg, dev->offset + CXL_SPEC_DEV_CTRL, &ctrl);
	if (!rc)
		*enabled = ctrl & CXL_SPEC_DEV_CTRL_MEM_ENABLE;
	return rc;
}

/**
 * cxl_spec_dvsec_read_port_ext - read the CXL Extensions DVSEC for Ports
 * @cfg: configuration space of the port
 * @env: for reports
 * @list: from cxl_spec_dvsec_scan()
 * @ext: filled in
 *
 * Return: 0, -ENODEV if there is no valid one, or the error of a failed
 * configuration read.
 */
int cxl_spec_dvsec_read_port_ext(const struct cxl_spec_cfg *cfg,
				 const struct cxl_spec_env *env,
				 const struct cxl_spec_dvsec_list *list,
				 struct cxl_spec_port_ext_dvsec *ext)
{
	const struct cxl_spec_dvsec *d;
	u32 rcrb_lo, rcrb_hi;
	unsigned int off;
	u16 bus;
	int rc;

	d = cxl_spec_dvsec_find(list, CXL_SPEC_DVSEC_PORT_EXT);
	if (!d)
		return -ENODEV;

	memset(ext, 0, sizeof(*ext));
	ext->offset = d->offset;
	off = d->offset;
	rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_PORT_EXT_STATUS, &ext->status);
	if (!rc)
		rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_PORT_EXT_CTRL, &ext->ctrl);
	if (!rc)
		rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_PORT_EXT_ALT_BUS, &bus);
	if (!rc)
		rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_PORT_EXT_ALT_MEM_BASE,
					 &ext->alt_mem_base);
	if (!rc)
		rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_PORT_EXT_ALT_MEM_LIMIT,
					 &ext->alt_mem_limit);
	if (!rc)
		rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_PORT_EXT_ALT_PREF_BASE,
					 &ext->alt_pref_base);
	if (!rc)
		rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_PORT_EXT_ALT_PREF_LIMIT,
					 &ext->alt_pref_limit);
	if (!rc)
		rc = cxl_spec_cfg_read32(cfg, off + CXL_SPEC_PORT_EXT_ALT_PREF_BASE_HIGH,
					 &ext->alt_pref_base_high);
	if (!rc)
		rc = cxl_spec_cfg_read32(cfg, off + CXL_SPEC_PORT_EXT_ALT_PREF_LIMIT_HIGH,
					 &ext->alt_pref_limit_high);
	if (!rc)
		rc = cxl_spec_cfg_read32(cfg, off + CXL_SPEC_PORT_EXT_RCRB_BASE, &rcrb_lo);
	if (!rc)
		rc = cxl_spec_cfg_read32(cfg, off + CXL_SPEC_PORT_EXT_RCRB_BASE_HIGH,
					 &rcrb_hi);
	if (rc)
		return rc;

	ext->alt_bus_base = FIELD_GET(CXL_SPEC_PORT_EXT_ALT_BUS_BASE, bus);
	ext->alt_bus_limit = FIELD_GET(CXL_SPEC_PORT_EXT_ALT_BUS_LIMIT, bus);
	ext->rcrb_enabled = rcrb_lo & CXL_SPEC_PORT_EXT_RCRB_ENABLE;
	ext->rcrb_base = FIELD_PREP(CXL_SPEC_HIGH_DWORD, rcrb_hi) |
			 (rcrb_lo & CXL_SPEC_PORT_EXT_RCRB_BASE_LOW);
	return 0;
}

/**
 * cxl_spec_gpf_time_us - decode a GPF time base and scale
 * @base: Timeout Base / Time Base, 0-15
 * @scale: Timeout Scale / Time Scale: 1 us times 10^@scale, 0-7
 * @us: microseconds
 *
 * Return: 0, or -EINVAL for a reserved scale or an out-of-range base.
 */
int cxl_spec_gpf_time_us(u8 base, u8 scale, u64 *us)
{
	u64 t = base;
	unsigned int i;

	if (scale > CXL_SPEC_GPF_SCALE_MAX || base > 0xf)
		return -EINVAL;
	for (i = 0; i < scale; i++)
		t *= 10;
	*us = t;
	return 0;
}

static int gpf_decode(const struct cxl_spec_env *env,
		      const struct cxl_spec_gpf_dvsec *gpf, const char *what,
		      u8 base, u8 scale, u64 *us)
{
	if (cxl_spec_gpf_time_us(base, scale, us)) {
		cxl_spec_report(env, "%s at %#x: %s scale %u is reserved",
				cxl_spec_dvsec_name(gpf->port ?
						    CXL_SPEC_DVSEC_PORT_GPF :
						    CXL_SPEC_DVSEC_DEVICE_GPF),
				gpf->offset, what, scale);
		return -EINVAL;
	}
	return 0;
}

/**
 * cxl_spec_dvsec_read_port_gpf - read the GPF DVSEC for CXL Ports
 * @cfg: configuration space of the port
 * @env: for reports
 * @list: from cxl_spec_dvsec_scan()
 * @gpf: filled in
 *
 * Return: 0, -ENODEV if there is no valid one, -EINVAL for a reserved time
 * scale, or the error of a failed configuration read.
 */
int cxl_spec_dvsec_read_port_gpf(const struct cxl_spec_cfg *cfg,
				 const struct cxl_spec_env *env,
				 const struct cxl_spec_dvsec_list *list,
				 struct cxl_spec_gpf_dvsec *gpf)
{
	const struct cxl_spec_dvsec *d;
	u16 p1, p2;
	int rc;

	d = cxl_spec_dvsec_find(list, CXL_SPEC_DVSEC_PORT_GPF);
	if (!d)
		return -ENODEV;

	memset(gpf, 0, sizeof(*gpf));
	gpf->offset = d->offset;
	gpf->port = true;
	rc = cxl_spec_cfg_read16(cfg, d->offset + CXL_SPEC_PORT_GPF_PHASE1_CTRL, &p1);
	if (!rc)
		rc = cxl_spec_cfg_read16(cfg, d->offset + CXL_SPEC_PORT_GPF_PHASE2_CTRL,
					 &p2);
	if (!rc)
		rc = gpf_decode(env, gpf, "GPF Phase 1 Timeout",
				FIELD_GET(CXL_SPEC_PORT_GPF_TIMEOUT_BASE, p1),
				FIELD_GET(CXL_SPEC_PORT_GPF_TIMEOUT_SCALE, p1),
				&gpf->phase1_timeout_us);
	if (!rc)
		rc = gpf_decode(env, gpf, "GPF Phase 2 Timeout",
				FIELD_GET(CXL_SPEC_PORT_GPF_TIMEOUT_BASE, p2),
				FIELD_GET(CXL_SPEC_PORT_GPF_TIMEOUT_SCALE, p2),
				&gpf->phase2_timeout_us);
	return rc;
}

/**
 * cxl_spec_dvsec_read_dev_gpf - read the GPF DVSEC for CXL Devices
 * @cfg: configuration space of the device
 * @env: for reports
 * @list: from cxl_spec_dvsec_scan()
 * @gpf: filled in
 *
 * Return: 0, -ENODEV if there is no valid one, -EINVAL for a reserved time
 * scale, or the error of a failed configuration read.
 */
int cxl_spec_dvsec_read_dev_gpf(const struct cxl_spec_cfg *cfg,
				const struct cxl_spec_env *env,
				const struct cxl_spec_dvsec_list *list,
				struct cxl_spec_gpf_dvsec *gpf)
{
	const struct cxl_spec_dvsec *d;
	u16 dur;
	int rc;

	d = cxl_spec_dvsec_find(list, CXL_SPEC_DVSEC_DEVICE_GPF);
	if (!d)
		return -ENODEV;

	memset(gpf, 0, sizeof(*gpf));
	gpf->offset = d->offset;
	rc = cxl_spec_cfg_read16(cfg, d->offset + CXL_SPEC_DEV_GPF_PHASE2_DURATION,
				 &dur);
	if (!rc)
		rc = cxl_spec_cfg_read32(cfg, d->offset + CXL_SPEC_DEV_GPF_PHASE2_POWER,
					 &gpf->phase2_power_mw);
	if (!rc)
		rc = gpf_decode(env, gpf, "GPF Phase 2 Time",
				FIELD_GET(CXL_SPEC_DEV_GPF_TIME_BASE, dur),
				FIELD_GET(CXL_SPEC_DEV_GPF_TIME_SCALE, dur),
				&gpf->phase2_timeout_us);
	return rc;
}

/**
 * cxl_spec_dvsec_read_flexbus - read the PCIe DVSEC for Flex Bus Port
 * @cfg: configuration space of the port or device
 * @env: for reports
 * @list: from cxl_spec_dvsec_scan()
 * @fb: filled in; registers the revision does not have read as 0
 *
 * Return: 0, -ENODEV if there is no valid one, or the error of a failed
 * configuration read.
 */
int cxl_spec_dvsec_read_flexbus(const struct cxl_spec_cfg *cfg,
				const struct cxl_spec_env *env,
				const struct cxl_spec_dvsec_list *list,
				struct cxl_spec_flexbus_dvsec *fb)
{
	const struct cxl_spec_dvsec *d;
	unsigned int off;
	int rc;

	d = cxl_spec_dvsec_find(list, CXL_SPEC_DVSEC_FLEXBUS);
	if (!d)
		return -ENODEV;

	memset(fb, 0, sizeof(*fb));
	fb->offset = d->offset;
	fb->rev = d->rev;
	off = d->offset;
	rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_FLEXBUS_CAP, &fb->cap);
	if (!rc)
		rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_FLEXBUS_CTRL, &fb->ctrl);
	if (!rc)
		rc = cxl_spec_cfg_read16(cfg, off + CXL_SPEC_FLEXBUS_STATUS, &fb->status);
	if (!rc && d->rev >= 1)
		rc = cxl_spec_cfg_read32(cfg, off + CXL_SPEC_FLEXBUS_MOD_TS_DATA,
					 &fb->mod_ts_data);
	if (!rc && d->rev >= 2)
		rc = cxl_spec_cfg_read32(cfg, off + CXL_SPEC_FLEXBUS_CAP2, &fb->cap2);
	if (!rc && d->rev >= 2)
		rc = cxl_spec_cfg_read32(cfg, off + CXL_SPEC_FLEXBUS_CTRL2, &fb->ctrl2);
	if (!rc && d->rev >= 2)
		rc = cxl_spec_cfg_read32(cfg, off + CXL_SPEC_FLEXBUS_STATUS2,
					 &fb->status2);
	return rc;
}

/**
 * cxl_spec_dvsec_read_mld - read the MLD DVSEC
 * @cfg: configuration space of the device
 * @env: for reports
 * @list: from cxl_spec_dvsec_scan()
 * @mld: filled in
 *
 * Return: 0, -ENODEV if there is no valid one, -EINVAL if Number of LD
 * Supported is not 1-16, or the error of a failed configuration read.
 */
int cxl_spec_dvsec_read_mld(const struct cxl_spec_cfg *cfg,
			    const struct cxl_spec_env *env,
			    const struct cxl_spec_dvsec_list *list,
			    struct cxl_spec_mld_dvsec *mld)
{
	const struct cxl_spec_dvsec *d;
	int rc;

	d = cxl_spec_dvsec_find(list, CXL_SPEC_DVSEC_MLD);
	if (!d)
		return -ENODEV;

	memset(mld, 0, sizeof(*mld));
	mld->offset = d->offset;
	rc = cxl_spec_cfg_read16(cfg, d->offset + CXL_SPEC_MLD_NUM_LD, &mld->num_ld);
	if (!rc)
		rc = cxl_spec_cfg_read16(cfg, d->offset + CXL_SPEC_MLD_LD_ID_HOT_RESET,
					 &mld->ld_id_hot_reset);
	if (rc)
		return rc;
	if (!mld->num_ld || mld->num_ld > CXL_SPEC_MLD_MAX_LD) {
		cxl_spec_report(env, "MLD DVSEC at %#x: Number of LD Supported %u is outside 1-%u",
				d->offset, mld->num_ld, CXL_SPEC_MLD_MAX_LD);
		return -EINVAL;
	}
	return 0;
}

/**
 * cxl_spec_dvsec_read_func_map - read the Non-CXL Function Map DVSEC
 * @cfg: configuration space of the device
 * @env: for reports
 * @list: from cxl_spec_dvsec_scan()
 * @map: filled in
 *
 * Return: 0, -ENODEV if there is no valid one, or the error of a failed
 * configuration read.
 */
int cxl_spec_dvsec_read_func_map(const struct cxl_spec_cfg *cfg,
				 const struct cxl_spec_env *env,
				 const struct cxl_spec_dvsec_list *list,
				 struct cxl_spec_func_map_dvsec *map)
{
	const struct cxl_spec_dvsec *d;
	unsigned int i;
	int rc;

	d = cxl_spec_dvsec_find(list, CXL_SPEC_DVSEC_FUNC_MAP);
	if (!d)
		return -ENODEV;

	memset(map, 0, sizeof(*map));
	map->offset = d->offset;
	for (i = 0; i < CXL_SPEC_FUNC_MAP_REGS; i++) {
		rc = cxl_spec_cfg_read32(cfg, d->offset + CXL_SPEC_FUNC_MAP_REG(i),
					 &map->map[i]);
		if (rc)
			return rc;
	}
	return 0;
}
