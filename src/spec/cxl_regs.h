/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CXL register definitions: DVSECs in configuration space, the component
 * register block and its CXL.cache/CXL.mem capabilities, and the HDM
 * decoder capability structure.
 *
 * Sections are those of CXL 2.0; where CXL 3.x numbers a section
 * differently it is cited as well (as "r3.1").  Each mask is named after
 * the spec field it covers and is used with FIELD_GET()/FIELD_PREP().
 *
 * The prefix CXL_SPEC_ is ours alone: mainline keeps growing its own CXL
 * names in headers that the module's glue includes next to this one
 * (PCI_DVSEC_CXL_* and CXL_DVSEC_RANGE_MAX in uapi/linux/pci_regs.h since
 * 6.18, CXL_REGLOC_RBI_* in <cxl/pci.h>, ACPI_CEDT_* from ACPICA), so no
 * name here may collide with them.
 */
#ifndef CXL_ACCEL_SPEC_CXL_REGS_H
#define CXL_ACCEL_SPEC_CXL_REGS_H

#include <linux/bits.h>
#include <linux/sizes.h>

/*
 * PCIe extended capabilities (PCIe r6.0 7.6.3) and the Designated
 * Vendor-Specific Extended Capability (PCIe r6.0 7.9.6).
 */
#define CXL_SPEC_ECAP_START		0x100
#define CXL_SPEC_ECAP_HDR_ID		GENMASK(15, 0)
#define CXL_SPEC_ECAP_HDR_VERSION	GENMASK(19, 16)
#define CXL_SPEC_ECAP_HDR_NEXT		GENMASK(31, 20)
/* The two low bits of Next Capability Offset are reserved: mask them. */
#define CXL_SPEC_ECAP_NEXT_RSVD		GENMASK(1, 0)
#define CXL_SPEC_ECAP_ID_DVSEC		0x0023

#define CXL_SPEC_DVSEC_HDR1		0x04
#define CXL_SPEC_DVSEC_HDR1_VENDOR_ID	GENMASK(15, 0)
#define CXL_SPEC_DVSEC_HDR1_REVISION	GENMASK(19, 16)
#define CXL_SPEC_DVSEC_HDR1_LENGTH	GENMASK(31, 20)
#define CXL_SPEC_DVSEC_HDR2		0x08
#define CXL_SPEC_DVSEC_HDR2_ID		GENMASK(15, 0)
/* Capability header, DVSEC Header 1 and 2: the smallest possible DVSEC. */
#define CXL_SPEC_DVSEC_HDR_LEN		0x0a

/* CXL 2.0 8.1.1 (r3.1 Table 8-2): DVSEC ID assignment */
#define CXL_SPEC_DVSEC_VENDOR_ID	0x1e98
#define CXL_SPEC_DVSEC_DEVICE		0x0000
#define CXL_SPEC_DVSEC_FUNC_MAP		0x0002
#define CXL_SPEC_DVSEC_PORT_EXT		0x0003
#define CXL_SPEC_DVSEC_PORT_GPF		0x0004
#define CXL_SPEC_DVSEC_DEVICE_GPF	0x0005
#define CXL_SPEC_DVSEC_FLEXBUS		0x0007
#define CXL_SPEC_DVSEC_REGLOC		0x0008
#define CXL_SPEC_DVSEC_MLD		0x0009
#define CXL_SPEC_DVSEC_TEST		0x000a

/*
 * CXL 2.0 8.1.3: PCIe DVSEC for CXL Devices.  Revision 1 (CXL 2.0) is
 * 0x38 bytes; revision 2 (CXL 3.0) and 3 (CXL 3.1) add Capability3 and
 * are 0x3c.
 */
#define CXL_SPEC_DEV_LEN_REV1			0x38
#define CXL_SPEC_DEV_LEN_REV2			0x3c

/* 8.1.3.1 DVSEC CXL Capability */
#define CXL_SPEC_DEV_CAP			0x0a
#define CXL_SPEC_DEV_CAP_CACHE_CAPABLE		BIT(0)
#define CXL_SPEC_DEV_CAP_IO_CAPABLE		BIT(1)
#define CXL_SPEC_DEV_CAP_MEM_CAPABLE		BIT(2)
#define CXL_SPEC_DEV_CAP_MEM_HWINIT_MODE	BIT(3)
#define CXL_SPEC_DEV_CAP_HDM_COUNT		GENMASK(5, 4)
#define CXL_SPEC_DEV_CAP_CACHE_WBI_CAPABLE	BIT(6)
#define CXL_SPEC_DEV_CAP_CXL_RESET_CAPABLE	BIT(7)
#define CXL_SPEC_DEV_CAP_CXL_RESET_TIMEOUT	GENMASK(10, 8)
#define CXL_SPEC_DEV_CAP_CXL_RESET_MEM_CLR	BIT(11)
/* r3.1: TSP Capable */
#define CXL_SPEC_DEV_CAP_TSP_CAPABLE		BIT(12)
#define CXL_SPEC_DEV_CAP_MLD			BIT(13)
#define CXL_SPEC_DEV_CAP_VIRAL_CAPABLE		BIT(14)
#define CXL_SPEC_DEV_CAP_PM_INIT_REPORTING	BIT(15)

/* 8.1.3.2 DVSEC CXL Control */
#define CXL_SPEC_DEV_CTRL			0x0c
#define CXL_SPEC_DEV_CTRL_CACHE_ENABLE		BIT(0)
#define CXL_SPEC_DEV_CTRL_IO_ENABLE		BIT(1)
#define CXL_SPEC_DEV_CTRL_MEM_ENABLE		BIT(2)
#define CXL_SPEC_DEV_CTRL_CACHE_SF_COVERAGE	GENMASK(7, 3)
#define CXL_SPEC_DEV_CTRL_CACHE_SF_GRANULARITY	GENMASK(10, 8)
#define CXL_SPEC_DEV_CTRL_CACHE_CLEAN_EVICTION	BIT(11)
/* r3.1: Direct P2P Mem Enable */
#define CXL_SPEC_DEV_CTRL_DIRECT_P2P_MEM_ENABLE	BIT(12)
#define CXL_SPEC_DEV_CTRL_VIRAL_ENABLE		BIT(14)

/* 8.1.3.3 DVSEC CXL Status; Viral_Status is RW1CS */
#define CXL_SPEC_DEV_STATUS			0x0e
#define CXL_SPEC_DEV_STATUS_VIRAL		BIT(14)

/* 8.1.3.4 DVSEC CXL Control2 */
#define CXL_SPEC_DEV_CTRL2			0x10
#define CXL_SPEC_DEV_CTRL2_DISABLE_CACHING	BIT(0)
#define CXL_SPEC_DEV_CTRL2_INIT_CACHE_WBI	BIT(1)
#define CXL_SPEC_DEV_CTRL2_INIT_CXL_RESET	BIT(2)
#define CXL_SPEC_DEV_CTRL2_CXL_RESET_MEM_CLR	BIT(3)
/* r3.1: Desired Volatile HDM State after Hot Reset */
#define CXL_SPEC_DEV_CTRL2_HDM_STATE_HOT_RESET	BIT(4)

/* 8.1.3.5 DVSEC CXL Status2 */
#define CXL_SPEC_DEV_STATUS2			0x12
#define CXL_SPEC_DEV_STATUS2_CACHE_INVALID	BIT(0)
#define CXL_SPEC_DEV_STATUS2_CXL_RESET_COMPLETE	BIT(1)
#define CXL_SPEC_DEV_STATUS2_CXL_RESET_ERROR	BIT(2)
/* r3.1: Volatile HDM Preservation Error */
#define CXL_SPEC_DEV_STATUS2_HDM_PRESERVE_ERROR	BIT(3)
#define CXL_SPEC_DEV_STATUS2_PM_INIT_COMPLETE	BIT(15)

/* 8.1.3.6 DVSEC CXL Lock: CONFIG_LOCK freezes the RWL registers */
#define CXL_SPEC_DEV_LOCK			0x14
#define CXL_SPEC_DEV_LOCK_CONFIG_LOCK		BIT(0)

/* 8.1.3.7 DVSEC CXL Capability2 */
#define CXL_SPEC_DEV_CAP2			0x16
#define CXL_SPEC_DEV_CAP2_CACHE_SIZE_UNIT	GENMASK(3, 0)
/* r3.1: Fallback Capability, Modified Completion Capable, No Clean WB */
#define CXL_SPEC_DEV_CAP2_FALLBACK		GENMASK(5, 4)
#define CXL_SPEC_DEV_CAP2_MODIFIED_COMPLETION	BIT(6)
#define CXL_SPEC_DEV_CAP2_NO_CLEAN_WRITEBACK	BIT(7)
#define CXL_SPEC_DEV_CAP2_CACHE_SIZE		GENMASK(15, 8)

/* 8.1.3.8.1-8.1.3.8.8 DVSEC CXL Range 1 and 2 registers (i = 0, 1) */
#define CXL_SPEC_DEV_RANGES			2
#define CXL_SPEC_DEV_RANGE_SIZE_HIGH(i)		(0x18 + (i) * 0x10)
#define CXL_SPEC_DEV_RANGE_SIZE_LOW(i)		(0x1c + (i) * 0x10)
#define CXL_SPEC_DEV_RANGE_BASE_HIGH(i)		(0x20 + (i) * 0x10)
#define CXL_SPEC_DEV_RANGE_BASE_LOW(i)		(0x24 + (i) * 0x10)
/* 8.1.3.8.2 DVSEC CXL Range 1 Size Low (8.1.3.8.6 for Range 2) */
#define CXL_SPEC_DEV_RANGE_MEM_INFO_VALID	BIT(0)
#define CXL_SPEC_DEV_RANGE_MEM_ACTIVE		BIT(1)
#define CXL_SPEC_DEV_RANGE_MEDIA_TYPE		GENMASK(4, 2)
#define CXL_SPEC_DEV_RANGE_MEMORY_CLASS		GENMASK(7, 5)
#define CXL_SPEC_DEV_RANGE_DESIRED_INTERLEAVE	GENMASK(12, 8)
#define CXL_SPEC_DEV_RANGE_MEM_ACTIVE_TIMEOUT	GENMASK(15, 13)
/* r3.2 8.1.3.8.2: Memory_Active_Degraded */
#define CXL_SPEC_DEV_RANGE_MEM_ACTIVE_DEGRADED	BIT(16)
#define CXL_SPEC_DEV_RANGE_MEM_SIZE_LOW		GENMASK(31, 28)
/* 8.1.3.8.4 DVSEC CXL Range 1 Base Low (8.1.3.8.8 for Range 2) */
#define CXL_SPEC_DEV_RANGE_MEM_BASE_LOW		GENMASK(31, 28)

/* Media_Type and Memory_Class encodings (8.1.3.8.2) */
#define CXL_SPEC_DEV_MEDIA_VOLATILE		0
#define CXL_SPEC_DEV_MEDIA_NONVOLATILE		1
#define CXL_SPEC_DEV_MEDIA_CDAT			2
#define CXL_SPEC_DEV_CLASS_MEMORY		0
#define CXL_SPEC_DEV_CLASS_STORAGE		1
#define CXL_SPEC_DEV_CLASS_CDAT			2

/* Memory_Active_Timeout: 4^n seconds, n = 0..4; 5-7 reserved */
#define CXL_SPEC_DEV_MEM_ACTIVE_TIMEOUT_MAX	4
/* Memory_Info_Valid must be set within 1 second of reset (8.1.3.8.2) */
#define CXL_SPEC_DEV_MEM_INFO_VALID_TIMEOUT_US	1000000

/* r3.1 8.1.3.9 DVSEC CXL Capability3 (revision 2 and later) */
#define CXL_SPEC_DEV_CAP3			0x38
#define CXL_SPEC_DEV_CAP3_HDM_COLD_RESET	BIT(0)
#define CXL_SPEC_DEV_CAP3_HDM_WARM_RESET	BIT(1)
#define CXL_SPEC_DEV_CAP3_HDM_HOT_RESET		BIT(2)
#define CXL_SPEC_DEV_CAP3_HDM_HOT_RESET_CONFIG	BIT(3)
#define CXL_SPEC_DEV_CAP3_DIRECT_P2P_MEM	BIT(4)

/* CXL 2.0 8.1.4: Non-CXL Function Map DVSEC */
#define CXL_SPEC_FUNC_MAP_LEN			0x2c
#define CXL_SPEC_FUNC_MAP_REG(i)		(0x0c + (i) * 4)
#define CXL_SPEC_FUNC_MAP_REGS			8

/* CXL 2.0 8.1.5: CXL Extensions DVSEC for Ports */
#define CXL_SPEC_PORT_EXT_LEN			0x28
#define CXL_SPEC_PORT_EXT_STATUS		0x0a
#define CXL_SPEC_PORT_EXT_STATUS_PM_INIT_DONE	BIT(0)
#define CXL_SPEC_PORT_EXT_STATUS_VIRAL		BIT(14)
#define CXL_SPEC_PORT_EXT_CTRL			0x0c
#define CXL_SPEC_PORT_EXT_CTRL_UNMASK_SBR	BIT(0)
#define CXL_SPEC_PORT_EXT_CTRL_UNMASK_LINK_DIS	BIT(1)
#define CXL_SPEC_PORT_EXT_CTRL_ALT_MEM_ID_SPACE	BIT(2)
#define CXL_SPEC_PORT_EXT_CTRL_ALT_BME		BIT(3)
#define CXL_SPEC_PORT_EXT_CTRL_VIRAL_ENABLE	BIT(14)
/* Alternate Bus Base (7:0) and Alternate Bus Limit (15:8) share a word */
#define CXL_SPEC_PORT_EXT_ALT_BUS		0x0e
#define CXL_SPEC_PORT_EXT_ALT_BUS_BASE		GENMASK(7, 0)
#define CXL_SPEC_PORT_EXT_ALT_BUS_LIMIT		GENMASK(15, 8)
#define CXL_SPEC_PORT_EXT_ALT_MEM_BASE		0x10
#define CXL_SPEC_PORT_EXT_ALT_MEM_LIMIT		0x12
#define CXL_SPEC_PORT_EXT_ALT_PREF_BASE		0x14
#define CXL_SPEC_PORT_EXT_ALT_PREF_LIMIT	0x16
#define CXL_SPEC_PORT_EXT_ALT_PREF_BASE_HIGH	0x18
#define CXL_SPEC_PORT_EXT_ALT_PREF_LIMIT_HIGH	0x1c
#define CXL_SPEC_PORT_EXT_RCRB_BASE		0x20
#define CXL_SPEC_PORT_EXT_RCRB_ENABLE		BIT(0)
#define CXL_SPEC_PORT_EXT_RCRB_BASE_LOW		GENMASK(31, 13)
#define CXL_SPEC_PORT_EXT_RCRB_BASE_HIGH	0x24

/* CXL 2.0 8.1.6: GPF DVSEC for CXL Ports */
#define CXL_SPEC_PORT_GPF_LEN			0x10
#define CXL_SPEC_PORT_GPF_PHASE1_CTRL		0x0c
#define CXL_SPEC_PORT_GPF_PHASE2_CTRL		0x0e
#define CXL_SPEC_PORT_GPF_TIMEOUT_BASE		GENMASK(3, 0)
#define CXL_SPEC_PORT_GPF_TIMEOUT_SCALE		GENMASK(11, 8)

/* CXL 2.0 8.1.7: GPF DVSEC for CXL Devices */
#define CXL_SPEC_DEV_GPF_LEN			0x10
#define CXL_SPEC_DEV_GPF_PHASE2_DURATION	0x0a
#define CXL_SPEC_DEV_GPF_TIME_BASE		GENMASK(3, 0)
#define CXL_SPEC_DEV_GPF_TIME_SCALE		GENMASK(11, 8)
#define CXL_SPEC_DEV_GPF_PHASE2_POWER		0x0c
/* Time scale encodings shared by both GPF DVSECs: 1 us * 10^n, n = 0..7 */
#define CXL_SPEC_GPF_SCALE_MAX			7

/*
 * CXL 2.0 8.1.8 / 8.2.1.3: PCIe DVSEC for Flex Bus Port.  Revision 0
 * (CXL 1.1) is 0x10 bytes, revision 1 (CXL 2.0) 0x14, revision 2
 * (CXL 3.0 and later) 0x20.
 */
#define CXL_SPEC_FLEXBUS_LEN_REV0		0x10
#define CXL_SPEC_FLEXBUS_LEN_REV1		0x14
#define CXL_SPEC_FLEXBUS_LEN_REV2		0x20
#define CXL_SPEC_FLEXBUS_CAP			0x0a
#define CXL_SPEC_FLEXBUS_CTRL			0x0c
#define CXL_SPEC_FLEXBUS_STATUS			0x0e
/* The low bits mean the same in Capability, Control and Status. */
#define CXL_SPEC_FLEXBUS_CACHE			BIT(0)
#define CXL_SPEC_FLEXBUS_IO			BIT(1)
#define CXL_SPEC_FLEXBUS_MEM			BIT(2)
/* Control and Status only */
#define CXL_SPEC_FLEXBUS_SYNC_HDR_BYPASS	BIT(3)
#define CXL_SPEC_FLEXBUS_DRIFT_BUFFER		BIT(4)
/* CXL2p0_Capable/Enable/Enabled; r3.1: CXL 68B Flit and VH */
#define CXL_SPEC_FLEXBUS_68B_FLIT_VH		BIT(5)
#define CXL_SPEC_FLEXBUS_MLD			BIT(6)
/* Control only */
#define CXL_SPEC_FLEXBUS_CTRL_DISABLE_RCD	BIT(7)
#define CXL_SPEC_FLEXBUS_CTRL_RETIMER1		BIT(8)
#define CXL_SPEC_FLEXBUS_CTRL_RETIMER2		BIT(9)
/* r3.1: Latency-Optimized 256B Flit and PBR Flit */
#define CXL_SPEC_FLEXBUS_256B_FLIT		BIT(13)
#define CXL_SPEC_FLEXBUS_PBR_FLIT		BIT(14)
/* Revision 1 and later */
#define CXL_SPEC_FLEXBUS_MOD_TS_DATA		0x10
#define CXL_SPEC_FLEXBUS_MOD_TS_DATA_RECEIVED	GENMASK(23, 0)
/* Revision 2 and later */
#define CXL_SPEC_FLEXBUS_CAP2			0x14
#define CXL_SPEC_FLEXBUS_CTRL2			0x18
#define CXL_SPEC_FLEXBUS_STATUS2		0x1c

/* CXL 2.0 8.1.9: Register Locator DVSEC */
#define CXL_SPEC_REGLOC_BLOCK1			0x0c
#define CXL_SPEC_REGLOC_ENTRY_LEN		8
/* 8.1.9.1 Register Offset Low and High */
#define CXL_SPEC_REGLOC_LOW_BIR			GENMASK(2, 0)
#define CXL_SPEC_REGLOC_LOW_BLOCK_ID		GENMASK(15, 8)
#define CXL_SPEC_REGLOC_LOW_OFFSET_LOW		GENMASK(31, 16)
/* Register Block Offset is 64 KiB aligned: Low holds bits 31:16 */
#define CXL_SPEC_REGLOC_OFFSET_LOW		GENMASK_ULL(31, 16)
#define CXL_SPEC_REGLOC_OFFSET_HIGH		GENMASK_ULL(63, 32)
/* BARs 0-5 (BIR = BAR Indicator Register) */
#define CXL_SPEC_NUM_BARS			6

/* CXL 2.0 8.1.10: MLD DVSEC */
#define CXL_SPEC_MLD_LEN			0x10
#define CXL_SPEC_MLD_NUM_LD			0x0a
#define CXL_SPEC_MLD_LD_ID_HOT_RESET		0x0c
#define CXL_SPEC_MLD_MAX_LD			16

/*
 * CXL 2.0 8.2.4 (r3.1 8.2.3 Table 8-21): the component register
 * block is 64 KiB; its CXL.cache and CXL.mem registers are the second
 * 4 KiB.
 */
#define CXL_SPEC_COMP_BLOCK_SIZE		SZ_64K
#define CXL_SPEC_COMP_CM_OFFSET			0x1000
#define CXL_SPEC_COMP_CM_SIZE			0x1000

/* CXL 2.0 8.2.5.1 (r3.1 8.2.4.1): CXL Capability Header */
#define CXL_SPEC_CM_CAP_HDR_ID			GENMASK(15, 0)
#define CXL_SPEC_CM_CAP_HDR_VERSION		GENMASK(19, 16)
#define CXL_SPEC_CM_CAP_HDR_CACHE_MEM_VERSION	GENMASK(23, 20)
#define CXL_SPEC_CM_CAP_HDR_ARRAY_SIZE		GENMASK(31, 24)
/* CXL 2.0 8.2.5.2-8.2.5.8 (r3.1 8.2.4.2-8.2.4.16): per-capability header */
#define CXL_SPEC_CM_CAP_ID			GENMASK(15, 0)
#define CXL_SPEC_CM_CAP_VERSION			GENMASK(19, 16)
#define CXL_SPEC_CM_CAP_POINTER			GENMASK(31, 20)

/* CXL 2.0 8.2.5 (r3.1 8.2.4 Table 8-22): CXL_Capability_ID */
#define CXL_SPEC_CM_CAP_NULL			0x0000
#define CXL_SPEC_CM_CAP_CAPABILITY		0x0001
#define CXL_SPEC_CM_CAP_RAS			0x0002
#define CXL_SPEC_CM_CAP_SECURITY		0x0003
#define CXL_SPEC_CM_CAP_LINK			0x0004
#define CXL_SPEC_CM_CAP_HDM			0x0005
#define CXL_SPEC_CM_CAP_EXT_SECURITY		0x0006
#define CXL_SPEC_CM_CAP_IDE			0x0007
#define CXL_SPEC_CM_CAP_SNOOP_FILTER		0x0008
/* CXL 3.0 and later */
#define CXL_SPEC_CM_CAP_TIMEOUT_ISOLATION	0x0009
#define CXL_SPEC_CM_CAP_CM_EXT_REGS		0x000a
#define CXL_SPEC_CM_CAP_BI_ROUTE_TABLE		0x000b
#define CXL_SPEC_CM_CAP_BI_DECODER		0x000c
#define CXL_SPEC_CM_CAP_CACHE_ID_ROUTE_TABLE	0x000d
#define CXL_SPEC_CM_CAP_CACHE_ID_DECODER	0x000e
#define CXL_SPEC_CM_CAP_EXT_HDM			0x000f
/* CXL 3.1 */
#define CXL_SPEC_CM_CAP_EXT_METADATA		0x0010

/*
 * CXL 2.0 8.2.5.12 (r3.1 8.2.4.20): CXL HDM Decoder Capability Structure.
 * Offsets are from the start of the structure.
 */
/* 8.2.5.12.1 HDM Decoder Capability Register */
#define CXL_SPEC_HDM_CAP			0x00
#define CXL_SPEC_HDM_CAP_DECODER_COUNT		GENMASK(3, 0)
#define CXL_SPEC_HDM_CAP_TARGET_COUNT		GENMASK(7, 4)
#define CXL_SPEC_HDM_CAP_A11TO8_INTERLEAVE	BIT(8)
#define CXL_SPEC_HDM_CAP_A14TO12_INTERLEAVE	BIT(9)
#define CXL_SPEC_HDM_CAP_POISON_ON_DECODE_ERR	BIT(10)
/* CXL 3.0 and later */
#define CXL_SPEC_HDM_CAP_3_6_12_WAY		BIT(11)
#define CXL_SPEC_HDM_CAP_16_WAY			BIT(12)
#define CXL_SPEC_HDM_CAP_UIO			BIT(13)
#define CXL_SPEC_HDM_CAP_UIO_DECODER_COUNT	GENMASK(19, 16)
#define CXL_SPEC_HDM_CAP_MEMDATA_NXM		BIT(20)

/* 8.2.5.12.2 HDM Decoder Global Control Register */
#define CXL_SPEC_HDM_GLOBAL_CTRL		0x04
#define CXL_SPEC_HDM_GLOBAL_CTRL_POISON_ENABLE	BIT(0)
#define CXL_SPEC_HDM_GLOBAL_CTRL_HDM_ENABLE	BIT(1)

/* 8.2.5.12.3-8.2.5.12.11: Decoder n registers, n = 0..count-1 */
#define CXL_SPEC_HDM_DEC_BASE_LOW(n)		(0x10 + (n) * 0x20)
#define CXL_SPEC_HDM_DEC_BASE_HIGH(n)		(0x14 + (n) * 0x20)
#define CXL_SPEC_HDM_DEC_SIZE_LOW(n)		(0x18 + (n) * 0x20)
#define CXL_SPEC_HDM_DEC_SIZE_HIGH(n)		(0x1c + (n) * 0x20)
#define CXL_SPEC_HDM_DEC_CTRL(n)		(0x20 + (n) * 0x20)
/* Target List Low/High on ports, DPA Skip Low/High on devices */
#define CXL_SPEC_HDM_DEC_TL_LOW(n)		(0x24 + (n) * 0x20)
#define CXL_SPEC_HDM_DEC_TL_HIGH(n)		(0x28 + (n) * 0x20)
#define CXL_SPEC_HDM_DEC_SKIP_LOW(n)		(0x24 + (n) * 0x20)
#define CXL_SPEC_HDM_DEC_SKIP_HIGH(n)		(0x28 + (n) * 0x20)
#define CXL_SPEC_HDM_SIZE(count)		(0x10 + (count) * 0x20)

/* Memory Base Low, Memory Size Low, DPA Skip Low: bits 31:28 */
#define CXL_SPEC_HDM_DEC_LOW_28			GENMASK(31, 28)

/* 8.2.5.12.7 Decoder n Control */
#define CXL_SPEC_HDM_DEC_CTRL_IG		GENMASK(3, 0)
#define CXL_SPEC_HDM_DEC_CTRL_IW		GENMASK(7, 4)
#define CXL_SPEC_HDM_DEC_CTRL_LOCK_ON_COMMIT	BIT(8)
#define CXL_SPEC_HDM_DEC_CTRL_COMMIT		BIT(9)
#define CXL_SPEC_HDM_DEC_CTRL_COMMITTED		BIT(10)
#define CXL_SPEC_HDM_DEC_CTRL_ERR_NOT_COMMITTED	BIT(11)
/*
 * Target Device Type (CXL 2.0): 0 = Type 2 device, 1 = Type 3 device.
 * r3.1 calls it Target Range Type: 0 = device coherent (HDM-D/HDM-DB),
 * 1 = host-only coherent (HDM-H).
 */
#define CXL_SPEC_HDM_DEC_CTRL_HOSTONLY		BIT(12)
/* CXL 3.0 and later */
#define CXL_SPEC_HDM_DEC_CTRL_BI		BIT(13)
#define CXL_SPEC_HDM_DEC_CTRL_UIO		BIT(14)
#define CXL_SPEC_HDM_DEC_CTRL_UIG		GENMASK(19, 16)
#define CXL_SPEC_HDM_DEC_CTRL_UIW		GENMASK(23, 20)
#define CXL_SPEC_HDM_DEC_CTRL_ISP		GENMASK(27, 24)

/* 8.2.5.12.8/9 Target List Low/High: Target Port Identifier per way */
#define CXL_SPEC_HDM_DEC_TL_WAY0		GENMASK(7, 0)
#define CXL_SPEC_HDM_DEC_TL_WAY1		GENMASK(15, 8)
#define CXL_SPEC_HDM_DEC_TL_WAY2		GENMASK(23, 16)
#define CXL_SPEC_HDM_DEC_TL_WAY3		GENMASK(31, 24)
#define CXL_SPEC_HDM_DEC_TL_WAY4		GENMASK(7, 0)
#define CXL_SPEC_HDM_DEC_TL_WAY5		GENMASK(15, 8)
#define CXL_SPEC_HDM_DEC_TL_WAY6		GENMASK(23, 16)
#define CXL_SPEC_HDM_DEC_TL_WAY7		GENMASK(31, 24)
#define CXL_SPEC_HDM_MAX_TARGETS		8

/*
 * CXL 2.0 8.2.5.12.20 (Committing Decoder Programming): a decoder not
 * committed within 10 ms of Commit being set may be treated as failed.
 */
#define CXL_SPEC_HDM_COMMIT_TIMEOUT_US		10000
/* HDM base, size and DPA skip are in units of 256 MiB */
#define CXL_SPEC_HDM_GRANULE			SZ_256M

/* The halves of a 64-bit value split over a High and a Low register */
#define CXL_SPEC_HIGH_DWORD			GENMASK_ULL(63, 32)
#define CXL_SPEC_LOW_DWORD			GENMASK_ULL(31, 0)

#endif /* CXL_ACCEL_SPEC_CXL_REGS_H */
