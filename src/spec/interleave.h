/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interleave ways and granularity encodings.
 *
 * One encoding serves the HDM decoder control register (IW and IG, CXL 2.0
 * 8.2.5.12.7, r3.1 8.2.4.20.7) and the CEDT CFMWS (ENIW and HBIG, CXL 2.0
 * 9.14.1.3, r3.0 9.17.1.3):
 *
 *	ways:        1  2  4  8  16  3  6  12
 *	encoded:     0  1  2  3   4  8  9  10	(others reserved)
 *
 *	granularity: 256 B << n, n = 0..6 (256 B .. 16 KiB; 7-15 reserved)
 *
 * 16 ways and 3/6/12 ways arrived with CXL 3.0; whether a component
 * supports them is its own capability, checked by the caller.
 */
#ifndef CXL_ACCEL_SPEC_INTERLEAVE_H
#define CXL_ACCEL_SPEC_INTERLEAVE_H

#include <linux/types.h>

#define CXL_SPEC_IW_MAX_WAYS	16
#define CXL_SPEC_IG_MIN		256
#define CXL_SPEC_IG_MAX		16384

int cxl_spec_ways_to_eiw(unsigned int ways, u8 *eiw);
int cxl_spec_eiw_to_ways(u8 eiw, unsigned int *ways);
int cxl_spec_granularity_to_eig(unsigned int granularity, u8 *eig);
int cxl_spec_eig_to_granularity(u8 eig, unsigned int *granularity);

#endif /* CXL_ACCEL_SPEC_INTERLEAVE_H */
