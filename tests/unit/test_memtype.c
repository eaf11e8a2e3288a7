// SPDX-License-Identifier: GPL-2.0-only
/*
 * The memory type policy: what each answer of the device's CDAT means for
 * a private region, and when firmware's memory map disagrees with it.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/types.h>
#include <string.h>

#include "harness.h"
#include "lib/memtype.h"
#include "spec/cdat.h"

#define DPA	0x10000000ull
#define LEN	0x10000000ull

static int decide(bool have, int rc, u8 type, enum cxl_lib_memtype *mt,
		  char *why)
{
	struct cxl_lib_memtype_facts f = {
		.have_cdat = have, .rc = rc, .type = type, .dpa = DPA,
		.len = LEN,
	};

	why[0] = '\0';
	return cxl_lib_memtype_decide(&f, mt, why, CXL_LIB_MEMTYPE_WHY);
}

UT_TEST(memtype_reserved_or_unstated_is_mapped)
{
	char why[CXL_LIB_MEMTYPE_WHY];
	enum cxl_lib_memtype mt;

	UT_EQ(decide(true, 0, CXL_SPEC_DSEMTS_RESERVED, &mt, why), 0);
	UT_EQ(mt, CXL_LIB_MEMTYPE_RESERVED);
	/* DSEMTS covers only part of it, as Reserved: the rest is unstated */
	UT_EQ(decide(true, -ERANGE, CXL_SPEC_DSEMTS_RESERVED, &mt, why), 0);
	UT_EQ(mt, CXL_LIB_MEMTYPE_RESERVED);
	UT_EQ(decide(true, -ENOENT, 0xff, &mt, why), 0);
	UT_EQ(mt, CXL_LIB_MEMTYPE_UNSTATED);
	/* no CDAT (or one refused): whatever rc says is not looked at */
	UT_EQ(decide(false, -EINVAL, CXL_SPEC_DSEMTS_CONVENTIONAL, &mt, why), 0);
	UT_EQ(mt, CXL_LIB_MEMTYPE_UNSTATED);
	UT_STR(why, "");
}

UT_TEST(memtype_memory_for_the_os_is_refused)
{
	char why[CXL_LIB_MEMTYPE_WHY];
	enum cxl_lib_memtype mt;

	UT_EQ(decide(true, 0, CXL_SPEC_DSEMTS_SOFT_RESERVED, &mt, why),
	      -EOPNOTSUPP);
	UT_EQ(mt, CXL_LIB_MEMTYPE_SOFT_RESERVED);
	UT_STR(why,
	       "its CDAT asks for DPA [0x10000000-0x1fffffff] to be EfiConventionalMemory with EFI_MEMORY_SP (DSEMTS), memory for the OS; cxl_accel maps only Reserved memory");
	UT_EQ(decide(true, 0, CXL_SPEC_DSEMTS_CONVENTIONAL, &mt, why),
	      -EOPNOTSUPP);
	UT_EQ(mt, CXL_LIB_MEMTYPE_CONVENTIONAL);
	UT_STR(why,
	       "its CDAT asks for DPA [0x10000000-0x1fffffff] to be EfiConventionalMemory (DSEMTS), memory for the OS; cxl_accel maps only Reserved memory");
	/* partly covered, as memory for the OS: still refused */
	UT_EQ(decide(true, -ERANGE, CXL_SPEC_DSEMTS_SOFT_RESERVED, &mt, why),
	      -EOPNOTSUPP);
	UT_EQ(mt, CXL_LIB_MEMTYPE_SOFT_RESERVED);
}

UT_TEST(memtype_mixed_or_reserved_values_are_refused)
{
	char why[CXL_LIB_MEMTYPE_WHY];
	enum cxl_lib_memtype mt;

	UT_EQ(decide(true, -EINVAL, 0, &mt, why), -EOPNOTSUPP);
	UT_EQ(mt, CXL_LIB_MEMTYPE_MIXED);
	UT_STR(why,
	       "its CDAT gives DPA [0x10000000-0x1fffffff] more than one EFI memory type (DSEMTS)");
	UT_EQ(decide(true, 0, 3, &mt, why), -EOPNOTSUPP);
	UT_EQ(mt, CXL_LIB_MEMTYPE_UNKNOWN);
	UT_STR(why,
	       "its CDAT gives DPA [0x10000000-0x1fffffff] the reserved EFI memory type 3 (DSEMTS)");
}

/* The longest reason, with every number at its widest, is not cut */
UT_TEST(memtype_longest_reason_fits)
{
	struct cxl_lib_memtype_facts f = {
		.have_cdat = true, .type = CXL_SPEC_DSEMTS_SOFT_RESERVED,
		.dpa = 0xf000000000000000ull, .len = 0x0fffffffffffffffull,
	};
	char why[CXL_LIB_MEMTYPE_WHY];
	enum cxl_lib_memtype mt;

	UT_EQ(cxl_lib_memtype_decide(&f, &mt, why, sizeof(why)), -EOPNOTSUPP);
	UT_ASSERT(strlen(why) < sizeof(why) - 1);
	UT_ASSERT(strstr(why, "maps only Reserved memory"));
}

UT_TEST(memtype_firmware_agreement)
{
	static const struct {
		enum cxl_lib_memtype mt;
		enum cxl_lib_fw_type fw;
		bool agrees;
	} cases[] = {
		/* a map that says nothing cannot disagree */
		{ CXL_LIB_MEMTYPE_RESERVED, CXL_LIB_FW_NONE, true },
		{ CXL_LIB_MEMTYPE_SOFT_RESERVED, CXL_LIB_FW_NONE, true },
		/* nor can a device that says nothing */
		{ CXL_LIB_MEMTYPE_UNSTATED, CXL_LIB_FW_SOFT_RESERVED, true },
		{ CXL_LIB_MEMTYPE_UNSTATED, CXL_LIB_FW_SYSTEM_RAM, true },
		{ CXL_LIB_MEMTYPE_RESERVED, CXL_LIB_FW_RESERVED, true },
		{ CXL_LIB_MEMTYPE_SOFT_RESERVED, CXL_LIB_FW_SOFT_RESERVED, true },
		{ CXL_LIB_MEMTYPE_CONVENTIONAL, CXL_LIB_FW_SYSTEM_RAM, true },
		/* Soft Reserved or System RAM where the device says Reserved */
		{ CXL_LIB_MEMTYPE_RESERVED, CXL_LIB_FW_SOFT_RESERVED, false },
		{ CXL_LIB_MEMTYPE_RESERVED, CXL_LIB_FW_SYSTEM_RAM, false },
		/* and the reverse */
		{ CXL_LIB_MEMTYPE_SOFT_RESERVED, CXL_LIB_FW_RESERVED, false },
		{ CXL_LIB_MEMTYPE_CONVENTIONAL, CXL_LIB_FW_RESERVED, false },
		{ CXL_LIB_MEMTYPE_CONVENTIONAL, CXL_LIB_FW_SOFT_RESERVED, false },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		UT_EQ(cxl_lib_memtype_fw_agrees(cases[i].mt, cases[i].fw),
		      cases[i].agrees);
	UT_STR(cxl_lib_fw_type_name(CXL_LIB_FW_SOFT_RESERVED), "Soft Reserved");
	UT_STR(cxl_lib_memtype_name(CXL_LIB_MEMTYPE_RESERVED),
	       "EfiReservedMemoryType");
}
