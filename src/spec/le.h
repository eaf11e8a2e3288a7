/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Little-endian fields of firmware tables (the CEDT, the CDAT), which may
 * be unaligned: assembled byte by byte, the same in the kernel and in
 * the host unit tests.
 */
#ifndef CXL_ACCEL_SPEC_LE_H
#define CXL_ACCEL_SPEC_LE_H

#include <linux/types.h>

static inline u16 cxl_spec_le16(const u8 *p)
{
	return p[0] | (u16)p[1] << 8;
}

static inline u32 cxl_spec_le32(const u8 *p)
{
	return cxl_spec_le16(p) | (u32)cxl_spec_le16(p + 2) << 16;
}

static inline u64 cxl_spec_le64(const u8 *p)
{
	return cxl_spec_le32(p) | (u64)cxl_spec_le32(p + 4) << 32;
}

#endif /* CXL_ACCEL_SPEC_LE_H */
