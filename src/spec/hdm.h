/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HDM decoders (CXL 2.0 8.2.5.12, r3.1 8.2.4.20): reading, programming,
 * committing and resetting them.
 *
 * The rules the spec sets and this code keeps:
 *  - base, size and DPA skip are multiples of 256 MiB, and an interleaved
 *    decoder's size is a multiple of ways x 256 MiB;
 *  - decoders commit in index order: decoder n only after n - 1 is
 *    committed and ends at or below n's base;
 *  - they are reset in the opposite order, the highest committed first;
 *  - a decoder committed with Lock On Commit is never reset (-EPERM): it
 *    can only be adopted, as can any decoder firmware left committed;
 *  - COMMIT is followed by a bounded wait for COMMITTED; Error Not
 *    Committed or a timeout clears COMMIT, restores the registers as they
 *    were and fails, so nothing is left half programmed.
 *
 * struct cxl_spec_hdm_decoder_cfg is checked completely before the first
 * register write.  Every failure is reported in one line.
 *
 * A device decodes with its HDM decoders only while HDM Decoder Enable is
 * set (cxl_spec_hdm_enable()); committing does not set it.
 */
#ifndef CXL_ACCEL_SPEC_HDM_H
#define CXL_ACCEL_SPEC_HDM_H

#include <linux/types.h>

#include "access.h"
#include "cxl_regs.h"

/* The most decoders the Decoder Count field can describe (CXL 3.0) */
#define CXL_SPEC_HDM_MAX_DECODERS	32

/**
 * struct cxl_spec_hdm - one HDM Decoder Capability structure
 * @mmio: the component register block that holds it
 * @offset: of the structure within @mmio
 * @endpoint: a device's decoders (DPA Skip) rather than a port's (Target
 *	List)
 * @cap: HDM Decoder Capability register, raw
 * @count: decoders, decoded from Decoder Count
 * @target_count: Target Count; ports only, 1, 2, 4 or 8
 * @a11to8: A11to8 Interleave Capable
 * @a14to12: A14to12 Interleave Capable
 * @poison_on_decode_err: Poison On Decode Error Capability
 * @iw_3_6_12: 3, 6, 12 Way Interleave Capable (CXL 3.0)
 * @iw_16: 16 Way Interleave Capable (CXL 3.0)
 * @uio: UIO Capable (CXL 3.0)
 * @uio_count: UIO Capable Decoder Count (CXL 3.0)
 */
struct cxl_spec_hdm {
	const struct cxl_spec_mmio *mmio;
	u32 offset;
	bool endpoint;
	u32 cap;
	unsigned int count;
	unsigned int target_count;
	bool a11to8;
	bool a14to12;
	bool poison_on_decode_err;
	bool iw_3_6_12;
	bool iw_16;
	bool uio;
	unsigned int uio_count;
};

int cxl_spec_hdm_init(struct cxl_spec_hdm *hdm,
		      const struct cxl_spec_mmio *mmio, u32 offset,
		      bool endpoint, const struct cxl_spec_env *env);
int cxl_spec_hdm_decoder_count(u8 code, unsigned int *count);

enum cxl_spec_hdm_state {
	/* not committed: may be programmed and committed */
	CXL_SPEC_HDM_FREE,
	/* committed, by us or by firmware: adopt it, or reset it in order */
	CXL_SPEC_HDM_COMMITTED,
	/* committed with Lock On Commit: adopt it, never reset it */
	CXL_SPEC_HDM_LOCKED,
	/* Commit set without Committed: a commit pending or failed */
	CXL_SPEC_HDM_ERROR,
};

/**
 * struct cxl_spec_hdm_decoder - the state of one decoder
 * @index: decoder number
 * @base: Memory Base, HPA
 * @size: Memory Size
 * @ctrl: Decoder Control, raw
 * @eig: IG field
 * @eiw: IW field
 * @granularity: interleave granularity in bytes, 0 if @eig is reserved
 * @ways: interleave ways, 0 if @eiw is reserved
 * @lock_on_commit: Lock On Commit
 * @commit: Commit
 * @committed: Committed
 * @err_not_committed: Error Not Committed
 * @hostonly: Target Range Type: host-only coherent (HDM-H, a Type 3
 *	device); clear for device coherent (HDM-D or HDM-DB, a Type 2 device)
 * @bi: BI: HDM-DB (CXL 3.0)
 * @uio: UIO (CXL 3.0)
 * @targets: port decoders: Target Port Identifier of each way
 * @dpa_skip: endpoint decoders: DPA Skip
 * @state: what may be done with the decoder
 */
struct cxl_spec_hdm_decoder {
	unsigned int index;
	u64 base;
	u64 size;
	u32 ctrl;
	u8 eig;
	u8 eiw;
	unsigned int granularity;
	unsigned int ways;
	bool lock_on_commit;
	bool commit;
	bool committed;
	bool err_not_committed;
	bool hostonly;
	bool bi;
	bool uio;
	u8 targets[CXL_SPEC_HDM_MAX_TARGETS];
	u64 dpa_skip;
	enum cxl_spec_hdm_state state;
};

int cxl_spec_hdm_decoder_read(const struct cxl_spec_hdm *hdm, unsigned int n,
			      struct cxl_spec_hdm_decoder *dec);
const char *cxl_spec_hdm_state_name(enum cxl_spec_hdm_state state);

/**
 * struct cxl_spec_hdm_decoder_cfg - what to program into one decoder
 * @base: HPA base, a multiple of 256 MiB
 * @size: bytes, a non-zero multiple of @ways x 256 MiB
 * @ways: interleave ways: 1, 2, 4, 8, 16, 3, 6 or 12, as the component
 *	supports; on a port at most its Target Count
 * @granularity: interleave granularity, bytes: 256 .. 16384
 * @hostonly: true for host-only coherent memory (HDM-H), false for device
 *	coherent memory (HDM-D/HDM-DB), which is what a Type 2 device uses
 * @lock_on_commit: set Lock On Commit: nothing can reset the decoder
 *	until the component is reset
 * @targets: port decoders: the Target Port Identifier of each of the
 *	first @ways ways; ignored for endpoints
 * @dpa_skip: endpoint decoders: DPA to skip before this decoder's DPA
 *	range, a multiple of 256 MiB; ignored for ports
 */
struct cxl_spec_hdm_decoder_cfg {
	u64 base;
	u64 size;
	unsigned int ways;
	unsigned int granularity;
	bool hostonly;
	bool lock_on_commit;
	u8 targets[CXL_SPEC_HDM_MAX_TARGETS];
	u64 dpa_skip;
};

int cxl_spec_hdm_commit(const struct cxl_spec_hdm *hdm, unsigned int n,
			const struct cxl_spec_hdm_decoder_cfg *cfg,
			const struct cxl_spec_env *env);
int cxl_spec_hdm_reset(const struct cxl_spec_hdm *hdm, unsigned int n,
		       const struct cxl_spec_env *env);
int cxl_spec_hdm_enable(const struct cxl_spec_hdm *hdm,
			const struct cxl_spec_env *env);
int cxl_spec_hdm_enabled(const struct cxl_spec_hdm *hdm, bool *enabled);
int cxl_spec_hdm_dvsec_decoding(const struct cxl_spec_hdm *hdm,
				bool mem_enabled, bool *dvsec);
int cxl_spec_hdm_dpa_range(const struct cxl_spec_hdm *hdm, unsigned int n,
			   const struct cxl_spec_env *env, u64 *dpa_base,
			   u64 *dpa_size);

#endif /* CXL_ACCEL_SPEC_HDM_H */
