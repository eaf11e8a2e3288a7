// SPDX-License-Identifier: GPL-2.0-only
/*
 * Building firmware tables for the parser tests (see tables.h).
 */
#include "tables.h"

void put(struct tb *t, u32 off, u64 v, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		t->b[off + i] = v >> (8 * i);
}

u32 tb_sub(struct tb *t, u8 type, u16 len)
{
	u32 off = t->len;

	t->b[off] = type;
	put(t, off + 2, len, 2);
	t->len += len;
	return off;
}

void tb_seal(struct tb *t, u32 len_off, u32 sum_off)
{
	u8 sum = 0;
	u32 i;

	put(t, len_off, t->len, 4);
	t->b[sum_off] = 0;
	for (i = 0; i < t->len; i++)
		sum += t->b[i];
	t->b[sum_off] = -sum;
}
