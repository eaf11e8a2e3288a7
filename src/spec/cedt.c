// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ACPI CXL Early Discovery Table (see cedt.h).
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/overflow.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/types.h>

#include "cedt.h"
#include "interleave.h"
#include "le.h"

/* ACPI table header fields */
#define HDR_LENGTH		4
#define HDR_REVISION		8

/* Every CEDT structure starts with Type, Reserved, Record Length. */
#define SUB_TYPE		0
#define SUB_LENGTH		2
#define SUB_HDR_LEN		4

/* CHBS (CXL 2.0 9.14.1.2) */
#define CHBS_UID		4
#define CHBS_CXL_VERSION	8
#define CHBS_BASE		16
#define CHBS_LENGTH		24
#define CHBS_LEN		0x20
#define CHBS_RCRB_SIZE		SZ_8K
#define CHBS_CHBCR_SIZE		SZ_64K

/* CFMWS (CXL 2.0 9.14.1.3) */
#define CFMWS_BASE_HPA		8
#define CFMWS_WINDOW_SIZE	16
#define CFMWS_ENIW		24
#define CFMWS_ARITHMETIC	25
#define CFMWS_HBIG		28
#define CFMWS_RESTRICTIONS	32
#define CFMWS_QTG_ID		34
#define CFMWS_TARGETS		36
#define CFMWS_WINDOW_GRANULE	SZ_256M

/* CXIMS (r3.0 9.17.1.4) */
#define CXIMS_HBIG		6
#define CXIMS_NIB		7
#define CXIMS_XORMAPS		8

struct cedt_sub {
	u32 off;
	u8 type;
	u16 len;
	const u8 *p;
};

union cedt_any {
	struct cxl_spec_chbs chbs;
	struct cxl_spec_cfmws cfmws;
	struct cxl_spec_cxims cxims;
};

/*
 * The subtable at *off, or false at the end of the table or at a Record
 * Length that cannot be followed.
 */
static bool cedt_next(const struct cxl_spec_cedt *cedt,
		      const struct cxl_spec_env *env, u32 *off,
		      struct cedt_sub *sub)
{
	u32 left;

	if (*off >= cedt->len)
		return false;
	left = cedt->len - *off;
	if (left < SUB_HDR_LEN) {
		cxl_spec_report(env, "CEDT: %u stray bytes at %#x", left, *off);
		return false;
	}
	sub->off = *off;
	sub->p = cedt->table + *off;
	sub->type = sub->p[SUB_TYPE];
	sub->len = cxl_spec_le16(sub->p + SUB_LENGTH);
	if (sub->len < SUB_HDR_LEN || sub->len > left) {
		cxl_spec_report(env, "CEDT: type %u at %#x: bad Record Length %u, rest ignored",
				sub->type, *off, sub->len);
		return false;
	}
	*off += sub->len;
	return true;
}

static int chbs_decode(const struct cedt_sub *sub,
		       const struct cxl_spec_env *env, struct cxl_spec_chbs *c)
{
	u64 need, end;

	if (sub->len < CHBS_LEN) {
		cxl_spec_report(env, "CEDT CHBS at %#x: Record Length %u, needs %u",
				sub->off, sub->len, CHBS_LEN);
		return -EINVAL;
	}
	memset(c, 0, sizeof(*c));
	c->offset = sub->off;
	c->uid = cxl_spec_le32(sub->p + CHBS_UID);
	c->cxl_version = cxl_spec_le32(sub->p + CHBS_CXL_VERSION);
	c->base = cxl_spec_le64(sub->p + CHBS_BASE);
	c->length = cxl_spec_le64(sub->p + CHBS_LENGTH);

	if (c->cxl_version == CXL_SPEC_CHBS_CXL11) {
		need = CHBS_RCRB_SIZE;
	} else if (c->cxl_version == CXL_SPEC_CHBS_CXL20) {
		need = CHBS_CHBCR_SIZE;
	} else {
		cxl_spec_report(env, "CEDT CHBS at %#x: unknown CXL Version %u",
				sub->off, c->cxl_version);
		return -EINVAL;
	}
	if (!c->base || c->length < need ||
	    check_add_overflow(c->base, c->length, &end)) {
		cxl_spec_report(env, "CEDT CHBS at %#x: bad base %#llx or length %#llx",
				sub->off, c->base, c->length);
		return -EINVAL;
	}
	return 0;
}

static int cfmws_decode(const struct cedt_sub *sub,
			const struct cxl_spec_env *env, struct cxl_spec_cfmws *w)
{
	u64 end, granule, rem;
	unsigned int i, j;

	if (sub->len < CFMWS_TARGETS) {
		cxl_spec_report(env, "CEDT CFMWS at %#x: Record Length %u, needs %u",
				sub->off, sub->len, CFMWS_TARGETS);
		return -EINVAL;
	}
	memset(w, 0, sizeof(*w));
	w->offset = sub->off;
	w->base = cxl_spec_le64(sub->p + CFMWS_BASE_HPA);
	w->size = cxl_spec_le64(sub->p + CFMWS_WINDOW_SIZE);
	w->eniw = sub->p[CFMWS_ENIW];
	w->arithmetic = sub->p[CFMWS_ARITHMETIC];
	w->hbig = cxl_spec_le32(sub->p + CFMWS_HBIG);
	w->restrictions = cxl_spec_le16(sub->p + CFMWS_RESTRICTIONS);
	w->qtg_id = cxl_spec_le16(sub->p + CFMWS_QTG_ID);

	if (cxl_spec_eiw_to_ways(w->eniw, &w->ways)) {
		cxl_spec_report(env, "CEDT CFMWS at %#x: reserved ENIW %u",
				sub->off, w->eniw);
		return -EINVAL;
	}
	if (sub->len < CFMWS_TARGETS + 4 * w->ways) {
		cxl_spec_report(env, "CEDT CFMWS at %#x: Record Length %u < %u targets",
				sub->off, sub->len, w->ways);
		return -EINVAL;
	}
	if ((u8)w->hbig != w->hbig ||
	    cxl_spec_eig_to_granularity(w->hbig, &w->granularity)) {
		cxl_spec_report(env, "CEDT CFMWS at %#x: reserved HBIG %u",
				sub->off, w->hbig);
		return -EINVAL;
	}
	if (w->arithmetic != CXL_SPEC_CFMWS_MODULO &&
	    w->arithmetic != CXL_SPEC_CFMWS_XOR) {
		cxl_spec_report(env, "CEDT CFMWS at %#x: reserved Interleave Arithmetic %u",
				sub->off, w->arithmetic);
		return -EINVAL;
	}
	granule = (u64)CFMWS_WINDOW_GRANULE * w->ways;
	div64_u64_rem(w->size, granule, &rem);
	if (!IS_ALIGNED(w->base, CFMWS_WINDOW_GRANULE) || !w->size || rem ||
	    check_add_overflow(w->base, w->size, &end)) {
		cxl_spec_report(env, "CEDT CFMWS at %#x: base %#llx size %#llx for %u ways",
				sub->off, w->base, w->size, w->ways);
		return -EINVAL;
	}
	for (i = 0; i < w->ways; i++) {
		w->targets[i] = cxl_spec_le32(sub->p + CFMWS_TARGETS + 4 * i);
		for (j = 0; j < i; j++) {
			if (w->targets[j] == w->targets[i]) {
				cxl_spec_report(env,
						"CEDT CFMWS at %#x: UID %#x is target %u and %u",
						sub->off, w->targets[i], j, i);
				return -EINVAL;
			}
		}
	}
	return 0;
}

static int cxims_decode(const struct cedt_sub *sub,
			const struct cxl_spec_env *env, struct cxl_spec_cxims *x)
{
	unsigned int i;

	if (sub->len < CXIMS_XORMAPS) {
		cxl_spec_report(env, "CEDT CXIMS at %#x: Record Length %u, needs %u",
				sub->off, sub->len, CXIMS_XORMAPS);
		return -EINVAL;
	}
	memset(x, 0, sizeof(*x));
	x->offset = sub->off;
	x->hbig = sub->p[CXIMS_HBIG];
	x->nr_xormaps = sub->p[CXIMS_NIB];
	if (cxl_spec_eig_to_granularity(x->hbig, &x->granularity)) {
		cxl_spec_report(env, "CEDT CXIMS at %#x: reserved HBIG %u", sub->off, x->hbig);
		return -EINVAL;
	}
	if (x->nr_xormaps > CXL_SPEC_CXIMS_MAX_MAPS ||
	    sub->len < CXIMS_XORMAPS + 8 * x->nr_xormaps) {
		cxl_spec_report(env, "CEDT CXIMS at %#x: %u XORMAPs in Record Length %u",
				sub->off, x->nr_xormaps, sub->len);
		return -EINVAL;
	}
	for (i = 0; i < x->nr_xormaps; i++)
		x->xormap[i] = cxl_spec_le64(sub->p + CXIMS_XORMAPS + 8 * i);
	return 0;
}

/* Decodes a subtable on its own: 0, -EINVAL, or -ENOENT if not ours. */
static int cedt_decode(const struct cedt_sub *sub,
		       const struct cxl_spec_env *env, union cedt_any *any)
{
	switch (sub->type) {
	case CXL_SPEC_CEDT_CHBS:
		return chbs_decode(sub, env, &any->chbs);
	case CXL_SPEC_CEDT_CFMWS:
		return cfmws_decode(sub, env, &any->cfmws);
	case CXL_SPEC_CEDT_CXIMS:
		return cxims_decode(sub, env, &any->cxims);
	default:
		/* RDPAS and types newer than this code are not needed here. */
		return -ENOENT;
	}
}

/*
 * The first well-formed subtable of @sub's type before @sub that @same
 * says conflicts with it, found quietly.
 */
static bool cedt_conflict(const struct cxl_spec_cedt *cedt,
			  const struct cedt_sub *sub, const union cedt_any *mine,
			  bool (*same)(const union cedt_any *a,
				       const union cedt_any *b),
			  union cedt_any *other)
{
	struct cedt_sub it;
	u32 off = CXL_SPEC_CEDT_HDR_LEN;

	while (cedt_next(cedt, NULL, &off, &it) && it.off < sub->off) {
		if (it.type != sub->type || cedt_decode(&it, NULL, other))
			continue;
		if (same(mine, other))
			return true;
	}
	return false;
}

static bool chbs_same_uid(const union cedt_any *a, const union cedt_any *b)
{
	return a->chbs.uid == b->chbs.uid;
}

static bool cfmws_overlap(const union cedt_any *a, const union cedt_any *b)
{
	return a->cfmws.base < b->cfmws.base + b->cfmws.size &&
	       b->cfmws.base < a->cfmws.base + a->cfmws.size;
}

static bool cxims_same_hbig(const union cedt_any *a, const union cedt_any *b)
{
	return a->cxims.hbig == b->cxims.hbig;
}

/* The CXIMS an XOR window needs: one for its HBIG with enough XORMAPs. */
static bool cfmws_has_cxims(const struct cxl_spec_cedt *cedt,
			    const struct cxl_spec_cfmws *w)
{
	struct cxl_spec_cxims x;
	unsigned int pow2_ways = w->ways % 3 ? w->ways : w->ways / 3;

	if (pow2_ways == 1)
		return true;
	if (cxl_spec_cedt_find_cxims(cedt, w->hbig, &x))
		return false;
	return x.nr_xormaps >= ilog2(pow2_ways);
}

/*
 * Decodes a subtable and checks it against the rest of the table:
 * 0 if it may be used, -EINVAL if not, -ENOENT if it is not one of ours.
 */
static int cedt_check(const struct cxl_spec_cedt *cedt,
		      const struct cedt_sub *sub,
		      const struct cxl_spec_env *env, union cedt_any *any)
{
	union cedt_any other;
	int rc;

	rc = cedt_decode(sub, env, any);
	if (rc)
		return rc;

	switch (sub->type) {
	case CXL_SPEC_CEDT_CHBS:
		if (cedt_conflict(cedt, sub, any, chbs_same_uid, &other)) {
			cxl_spec_report(env, "CEDT CHBS at %#x: UID %#x is the CHBS's at %#x",
					sub->off, any->chbs.uid, other.chbs.offset);
			return -EINVAL;
		}
		break;
	case CXL_SPEC_CEDT_CFMWS:
		if (cedt_conflict(cedt, sub, any, cfmws_overlap, &other)) {
			cxl_spec_report(env, "CEDT CFMWS at %#x: overlaps the CFMWS at %#x",
					sub->off, other.cfmws.offset);
			return -EINVAL;
		}
		if (any->cfmws.arithmetic == CXL_SPEC_CFMWS_XOR &&
		    !cfmws_has_cxims(cedt, &any->cfmws)) {
			cxl_spec_report(env, "CEDT CFMWS at %#x: XOR, but no CXIMS for HBIG %u",
					sub->off, any->cfmws.hbig);
			return -EINVAL;
		}
		break;
	case CXL_SPEC_CEDT_CXIMS:
		if (cedt_conflict(cedt, sub, any, cxims_same_hbig, &other)) {
			cxl_spec_report(env, "CEDT CXIMS at %#x: HBIG %u is the CXIMS's at %#x",
					sub->off, any->cxims.hbig, other.cxims.offset);
			return -EINVAL;
		}
		break;
	}
	return 0;
}

/**
 * cxl_spec_cedt_parse - check a CEDT
 * @cedt: filled in
 * @table: the table, starting with its ACPI header
 * @len: bytes at @table
 * @env: for reports
 *
 * Return: 0 (malformed subtables are reported and counted in @nr_bad),
 * or -EINVAL if the table header itself is unusable.
 */
int cxl_spec_cedt_parse(struct cxl_spec_cedt *cedt, const void *table,
			size_t len, const struct cxl_spec_env *env)
{
	const u8 *p = table;
	union cedt_any any;
	struct cedt_sub sub;
	u32 off, i;
	u8 sum = 0;
	int rc;

	memset(cedt, 0, sizeof(*cedt));
	if (len < CXL_SPEC_CEDT_HDR_LEN || memcmp(p, "CEDT", 4)) {
		cxl_spec_report(env, "CEDT: not a CEDT (%zu bytes)", len);
		return -EINVAL;
	}
	cedt->len = cxl_spec_le32(p + HDR_LENGTH);
	if (cedt->len < CXL_SPEC_CEDT_HDR_LEN || cedt->len > len) {
		cxl_spec_report(env, "CEDT: Length %u, table has %zu bytes",
				cedt->len, len);
		cedt->len = 0;
		return -EINVAL;
	}
	cedt->table = p;
	cedt->revision = p[HDR_REVISION];
	for (i = 0; i < cedt->len; i++)
		sum += p[i];
	if (sum)
		cxl_spec_report(env, "CEDT: bad checksum (sum %#x), table used anyway", sum);

	off = CXL_SPEC_CEDT_HDR_LEN;
	while (cedt_next(cedt, env, &off, &sub)) {
		rc = cedt_check(cedt, &sub, env, &any);
		if (rc == -ENOENT)
			continue;
		if (rc) {
			cedt->nr_bad++;
			continue;
		}
		if (sub.type == CXL_SPEC_CEDT_CHBS)
			cedt->nr_chbs++;
		else if (sub.type == CXL_SPEC_CEDT_CFMWS)
			cedt->nr_cfmws++;
		else
			cedt->nr_cxims++;
	}
	cedt->truncated = off < cedt->len;
	return 0;
}

/* The i-th usable subtable of a type, found quietly. */
static int cedt_get(const struct cxl_spec_cedt *cedt, u8 type, unsigned int i,
		    union cedt_any *any)
{
	struct cedt_sub sub;
	u32 off = CXL_SPEC_CEDT_HDR_LEN;

	if (!cedt->table)
		return -ENOENT;
	while (cedt_next(cedt, NULL, &off, &sub)) {
		if (sub.type != type || cedt_check(cedt, &sub, NULL, any))
			continue;
		if (!i--)
			return 0;
	}
	return -ENOENT;
}

/**
 * cxl_spec_cedt_chbs - the i-th usable CHBS
 * @cedt: from cxl_spec_cedt_parse()
 * @i: 0 .. @cedt->nr_chbs - 1
 * @chbs: filled in
 *
 * Return: 0, or -ENOENT.
 */
int cxl_spec_cedt_chbs(const struct cxl_spec_cedt *cedt, unsigned int i,
		       struct cxl_spec_chbs *chbs)
{
	union cedt_any any;
	int rc;

	rc = cedt_get(cedt, CXL_SPEC_CEDT_CHBS, i, &any);
	if (!rc)
		*chbs = any.chbs;
	return rc;
}

/**
 * cxl_spec_cedt_cfmws - the i-th usable CFMWS
 * @cedt: from cxl_spec_cedt_parse()
 * @i: 0 .. @cedt->nr_cfmws - 1
 * @cfmws: filled in
 *
 * Return: 0, or -ENOENT.
 */
int cxl_spec_cedt_cfmws(const struct cxl_spec_cedt *cedt, unsigned int i,
			struct cxl_spec_cfmws *cfmws)
{
	union cedt_any any;
	int rc;

	rc = cedt_get(cedt, CXL_SPEC_CEDT_CFMWS, i, &any);
	if (!rc)
		*cfmws = any.cfmws;
	return rc;
}

/**
 * cxl_spec_cedt_cxims - the i-th usable CXIMS
 * @cedt: from cxl_spec_cedt_parse()
 * @i: 0 .. @cedt->nr_cxims - 1
 * @cxims: filled in
 *
 * Return: 0, or -ENOENT.
 */
int cxl_spec_cedt_cxims(const struct cxl_spec_cedt *cedt, unsigned int i,
			struct cxl_spec_cxims *cxims)
{
	union cedt_any any;
	int rc;

	rc = cedt_get(cedt, CXL_SPEC_CEDT_CXIMS, i, &any);
	if (!rc)
		*cxims = any.cxims;
	return rc;
}

/**
 * cxl_spec_cedt_find_chbs - the usable CHBS of a host bridge
 * @cedt: from cxl_spec_cedt_parse()
 * @uid: the host bridge's _UID
 * @chbs: filled in
 *
 * Return: 0, or -ENOENT.
 */
int cxl_spec_cedt_find_chbs(const struct cxl_spec_cedt *cedt, u32 uid,
			    struct cxl_spec_chbs *chbs)
{
	unsigned int i;

	for (i = 0; !cxl_spec_cedt_chbs(cedt, i, chbs); i++)
		if (chbs->uid == uid)
			return 0;
	return -ENOENT;
}

/**
 * cxl_spec_cedt_find_cxims - the usable CXIMS for a granularity
 * @cedt: from cxl_spec_cedt_parse()
 * @hbig: encoded Host Bridge Interleave Granularity
 * @cxims: filled in
 *
 * Return: 0, or -ENOENT.
 */
int cxl_spec_cedt_find_cxims(const struct cxl_spec_cedt *cedt, u8 hbig,
			     struct cxl_spec_cxims *cxims)
{
	unsigned int i;

	for (i = 0; !cxl_spec_cedt_cxims(cedt, i, cxims); i++)
		if (cxims->hbig == hbig)
			return 0;
	return -ENOENT;
}

/**
 * cxl_spec_cfmws_allows - whether a window allows every given use
 * @w: the window
 * @restrictions: CXL_SPEC_CFMWS_* bits that must all be set
 *
 * Return: true if all of @restrictions are set in the window.
 */
bool cxl_spec_cfmws_allows(const struct cxl_spec_cfmws *w, u16 restrictions)
{
	return (w->restrictions & restrictions) == restrictions;
}

/**
 * cxl_spec_cfmws_allows_devmem_volatile - may hold a Type 2 device's memory
 * @w: the window
 *
 * Return: true if the window allows device-coherent volatile memory.
 */
bool cxl_spec_cfmws_allows_devmem_volatile(const struct cxl_spec_cfmws *w)
{
	return cxl_spec_cfmws_allows(w, CXL_SPEC_CFMWS_DEVMEM |
					CXL_SPEC_CFMWS_VOLATILE);
}

/**
 * cxl_spec_cfmws_target_pos - where a host bridge is in a window's targets
 * @w: the window
 * @uid: the host bridge's _UID
 *
 * Return: the interleave position, 0 .. ways - 1, or -ENOENT.
 */
int cxl_spec_cfmws_target_pos(const struct cxl_spec_cfmws *w, u32 uid)
{
	unsigned int i;

	for (i = 0; i < w->ways; i++)
		if (w->targets[i] == uid)
			return i;
	return -ENOENT;
}
