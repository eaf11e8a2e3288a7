/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Building firmware tables byte by byte for the parser tests (the CEDT,
 * the CDAT): both are a header followed by structures that start with
 * Type (one byte), a reserved byte and Length (two bytes, little endian).
 */
#ifndef CXL_ACCEL_UT_TABLES_H
#define CXL_ACCEL_UT_TABLES_H

#include <linux/types.h>

/**
 * struct tb - a table under construction
 * @b: its bytes
 * @len: bytes used so far
 */
struct tb {
	u8 b[8192];
	u32 len;
};

/* @n bytes of @v at @off, little endian */
void put(struct tb *t, u32 off, u64 v, unsigned int n);
/* A structure of @type and Length @len appended, zeroed but for those; its offset */
u32 tb_sub(struct tb *t, u8 type, u16 len);
/* Length (4 bytes at @len_off) set to @t->len, the checksum byte at @sum_off set */
void tb_seal(struct tb *t, u32 len_off, u32 sum_off);

#endif
