/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CXL DVSECs of one PCI function: finding them and reading them.
 *
 * cxl_spec_dvsec_scan() walks the extended capability list once and
 * records every DVSEC with the CXL vendor ID, checking its length against
 * the minimum the spec gives for its ID and revision.  The readers below
 * take that list, not an offset: they find the DVSEC themselves and only
 * ever use one that passed the checks, so an invalid DVSEC cannot be read
 * by accident.  Problems are reported through env->report, one line each.
 */
#ifndef CXL_ACCEL_SPEC_DVSEC_H
#define CXL_ACCEL_SPEC_DVSEC_H

#include <linux/types.h>

#include "access.h"
#include "cxl_regs.h"

/* More CXL DVSECs than one function can meaningfully have */
#define CXL_SPEC_DVSEC_MAX	16

/**
 * struct cxl_spec_dvsec - one CXL DVSEC as found in configuration space
 * @offset: of its extended capability header
 * @id: DVSEC ID
 * @rev: DVSEC Revision
 * @len: DVSEC Length, in bytes from the capability header
 * @valid: fits in configuration space, long enough for @id and @rev, and
 *	the first of its ID; only valid DVSECs are ever read
 */
struct cxl_spec_dvsec {
	u16 offset;
	u16 id;
	u8 rev;
	u16 len;
	bool valid;
};

/**
 * struct cxl_spec_dvsec_list - the CXL DVSECs of one function
 * @dvsec: in capability-list order
 * @nr: entries in @dvsec
 * @chain_broken: the capability list ended in a loop or a bad pointer, or
 *	had more CXL DVSECs than fit; what was found before is kept
 */
struct cxl_spec_dvsec_list {
	struct cxl_spec_dvsec dvsec[CXL_SPEC_DVSEC_MAX];
	unsigned int nr;
	bool chain_broken;
};

int cxl_spec_dvsec_scan(const struct cxl_spec_cfg *cfg,
			const struct cxl_spec_env *env,
			struct cxl_spec_dvsec_list *list);
const struct cxl_spec_dvsec *
cxl_spec_dvsec_find(const struct cxl_spec_dvsec_list *list, u16 id);
const char *cxl_spec_dvsec_name(u16 id);

/**
 * struct cxl_spec_dev_range - one DVSEC CXL Range (CXL 2.0 8.1.3.8)
 * @size: Memory_Size, bytes
 * @base: Memory_Base, bytes
 * @size_low: the raw Range Size Low register
 * @info_valid: Memory_Info_Valid
 * @active: Memory_Active
 * @active_degraded: Memory_Active_Degraded (r3.2)
 * @media_type: Media_Type, CXL_SPEC_DEV_MEDIA_*
 * @memory_class: Memory_Class, CXL_SPEC_DEV_CLASS_*
 * @desired_interleave: Desired_Interleave, raw encoding
 * @active_timeout: Memory_Active_Timeout, raw encoding
 */
struct cxl_spec_dev_range {
	u64 size;
	u64 base;
	u32 size_low;
	bool info_valid;
	bool active;
	bool active_degraded;
	u8 media_type;
	u8 memory_class;
	u8 desired_interleave;
	u8 active_timeout;
};

/**
 * struct cxl_spec_dev_dvsec - PCIe DVSEC for CXL Devices (CXL 2.0 8.1.3)
 * @offset: of the DVSEC in configuration space
 * @rev: DVSEC Revision
 * @cap: DVSEC CXL Capability, raw
 * @ctrl: DVSEC CXL Control, raw
 * @status: DVSEC CXL Status, raw
 * @ctrl2: DVSEC CXL Control2, raw
 * @status2: DVSEC CXL Status2, raw
 * @lock: DVSEC CXL Lock, raw
 * @cap2: DVSEC CXL Capability2, raw
 * @cap3: DVSEC CXL Capability3, raw (revision 2 and later, else 0)
 * @cache_capable: Cache_Capable
 * @io_capable: IO_Capable
 * @mem_capable: Mem_Capable
 * @mem_hwinit: Mem_HwInit_Mode: memory is initialised by the device
 * @mld: Multiple Logical Device
 * @viral_capable: Viral_Capable
 * @mem_enabled: Mem_Enable in Control
 * @config_locked: CONFIG_LOCK in Lock
 * @hdm_count: HDM_Count, 0-2; the reserved encoding 3 is reported and
 *	read as 0, so no range of such a device is ever used
 * @range: the first @hdm_count entries are read; the rest are zero
 */
struct cxl_spec_dev_dvsec {
	u16 offset;
	u8 rev;
	u16 cap;
	u16 ctrl;
	u16 status;
	u16 ctrl2;
	u16 status2;
	u16 lock;
	u16 cap2;
	u16 cap3;
	bool cache_capable;
	bool io_capable;
	bool mem_capable;
	bool mem_hwinit;
	bool mld;
	bool viral_capable;
	bool mem_enabled;
	bool config_locked;
	unsigned int hdm_count;
	struct cxl_spec_dev_range range[CXL_SPEC_DEV_RANGES];
};

int cxl_spec_dvsec_read_device(const struct cxl_spec_cfg *cfg,
			       const struct cxl_spec_env *env,
			       const struct cxl_spec_dvsec_list *list,
			       struct cxl_spec_dev_dvsec *dev);
int cxl_spec_dvsec_set_mem_enable(const struct cxl_spec_cfg *cfg,
				  const struct cxl_spec_env *env,
				  struct cxl_spec_dev_dvsec *dev, bool enable);
int cxl_spec_dvsec_mem_enabled(const struct cxl_spec_cfg *cfg,
			       const struct cxl_spec_dev_dvsec *dev,
			       bool *enabled);
int cxl_spec_dev_desired_interleave(u8 code, unsigned int *granularity);

/**
 * struct cxl_spec_port_ext_dvsec - CXL Extensions DVSEC for Ports
 *	(CXL 2.0 8.1.5)
 * @offset: of the DVSEC in configuration space
 * @status: CXL Port Extension Status, raw
 * @ctrl: Port Control Extensions, raw
 * @alt_bus_base: Alternate Bus Base
 * @alt_bus_limit: Alternate Bus Limit
 * @alt_mem_base: Alternate Memory Base, raw
 * @alt_mem_limit: Alternate Memory Limit, raw
 * @alt_pref_base: Alternate Prefetchable Memory Base, raw
 * @alt_pref_limit: Alternate Prefetchable Memory Limit, raw
 * @alt_pref_base_high: Alternate Prefetchable Base High, raw
 * @alt_pref_limit_high: Alternate Prefetchable Limit High, raw
 * @rcrb_enabled: CXL RCRB Enable
 * @rcrb_base: CXL RCRB Base Address
 */
struct cxl_spec_port_ext_dvsec {
	u16 offset;
	u16 status;
	u16 ctrl;
	u8 alt_bus_base;
	u8 alt_bus_limit;
	u16 alt_mem_base;
	u16 alt_mem_limit;
	u16 alt_pref_base;
	u16 alt_pref_limit;
	u32 alt_pref_base_high;
	u32 alt_pref_limit_high;
	bool rcrb_enabled;
	u64 rcrb_base;
};

int cxl_spec_dvsec_read_port_ext(const struct cxl_spec_cfg *cfg,
				 const struct cxl_spec_env *env,
				 const struct cxl_spec_dvsec_list *list,
				 struct cxl_spec_port_ext_dvsec *ext);

/**
 * struct cxl_spec_gpf_dvsec - GPF DVSEC for CXL Ports (CXL 2.0 8.1.6) or
 *	for CXL Devices (8.1.7)
 * @offset: of the DVSEC in configuration space
 * @port: true for the port DVSEC, false for the device DVSEC
 * @phase1_timeout_us: port: GPF Phase 1 timeout, microseconds
 * @phase2_timeout_us: port: GPF Phase 2 timeout; device: GPF Phase 2
 *	duration, microseconds
 * @phase2_power_mw: device: GPF Phase 2 active power, milliwatts
 *
 * A reserved time scale makes the reader fail with -EINVAL.
 */
struct cxl_spec_gpf_dvsec {
	u16 offset;
	bool port;
	u64 phase1_timeout_us;
	u64 phase2_timeout_us;
	u32 phase2_power_mw;
};

int cxl_spec_dvsec_read_port_gpf(const struct cxl_spec_cfg *cfg,
				 const struct cxl_spec_env *env,
				 const struct cxl_spec_dvsec_list *list,
				 struct cxl_spec_gpf_dvsec *gpf);
int cxl_spec_dvsec_read_dev_gpf(const struct cxl_spec_cfg *cfg,
				const struct cxl_spec_env *env,
				const struct cxl_spec_dvsec_list *list,
				struct cxl_spec_gpf_dvsec *gpf);
int cxl_spec_gpf_time_us(u8 base, u8 scale, u64 *us);

/**
 * struct cxl_spec_flexbus_dvsec - PCIe DVSEC for Flex Bus Port
 *	(CXL 2.0 8.2.1.3)
 * @offset: of the DVSEC in configuration space
 * @rev: DVSEC Revision
 * @cap: Flex Bus Port Capability, raw
 * @ctrl: Flex Bus Port Control, raw
 * @status: Flex Bus Port Status, raw
 * @mod_ts_data: Received Flex Bus Data Phase1 (revision 1 and later)
 * @cap2: Flex Bus Port Capability2 (revision 2 and later)
 * @ctrl2: Flex Bus Port Control2 (revision 2 and later)
 * @status2: Flex Bus Port Status2 (revision 2 and later)
 */
struct cxl_spec_flexbus_dvsec {
	u16 offset;
	u8 rev;
	u16 cap;
	u16 ctrl;
	u16 status;
	u32 mod_ts_data;
	u32 cap2;
	u32 ctrl2;
	u32 status2;
};

int cxl_spec_dvsec_read_flexbus(const struct cxl_spec_cfg *cfg,
				const struct cxl_spec_env *env,
				const struct cxl_spec_dvsec_list *list,
				struct cxl_spec_flexbus_dvsec *fb);

/**
 * struct cxl_spec_mld_dvsec - MLD DVSEC (CXL 2.0 8.1.10)
 * @offset: of the DVSEC in configuration space
 * @num_ld: Number of LD Supported, 1-16
 * @ld_id_hot_reset: LD-ID Hot Reset Vector, raw
 */
struct cxl_spec_mld_dvsec {
	u16 offset;
	u16 num_ld;
	u16 ld_id_hot_reset;
};

int cxl_spec_dvsec_read_mld(const struct cxl_spec_cfg *cfg,
			    const struct cxl_spec_env *env,
			    const struct cxl_spec_dvsec_list *list,
			    struct cxl_spec_mld_dvsec *mld);

/**
 * struct cxl_spec_func_map_dvsec - Non-CXL Function Map DVSEC
 *	(CXL 2.0 8.1.4)
 * @offset: of the DVSEC in configuration space
 * @map: Non-CXL Function Map Register 0-7; bit n of register r set means
 *	function (or ARI function) 32 * r + n does not take part in CXL
 */
struct cxl_spec_func_map_dvsec {
	u16 offset;
	u32 map[CXL_SPEC_FUNC_MAP_REGS];
};

int cxl_spec_dvsec_read_func_map(const struct cxl_spec_cfg *cfg,
				 const struct cxl_spec_env *env,
				 const struct cxl_spec_dvsec_list *list,
				 struct cxl_spec_func_map_dvsec *map);

#endif /* CXL_ACCEL_SPEC_DVSEC_H */
