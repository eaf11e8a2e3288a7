// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Coherent Device Attribute Table (see cdat.h).
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <linux/types.h>

#include "cdat.h"
#include "le.h"

/* CDAT header (CDAT r1.03 table 1) */
#define HDR_LENGTH		0
#define HDR_REVISION		4
#define HDR_SEQUENCE		12

/* Every structure starts with Type, Reserved, Length (table 2). */
#define SUB_TYPE		0
#define SUB_LENGTH		2
#define SUB_HDR_LEN		4

/* DSMAS (table 3) */
#define DSMAS_HANDLE		4
#define DSMAS_FLAGS		5
#define DSMAS_DPA_BASE		8
#define DSMAS_DPA_LENGTH	16
#define DSMAS_LEN		24

/* DSLBIS (table 4) */
#define DSLBIS_HANDLE		4
#define DSLBIS_FLAGS		5
#define DSLBIS_DATA_TYPE	6
#define DSLBIS_BASE_UNIT	8
#define DSLBIS_ENTRY		16
#define DSLBIS_LEN		24

/* DSMSCIS (table 5) and DSIS (table 6): checked for length only */
#define DSMSCIS_LEN		20
#define DSIS_LEN		8

/* DSEMTS (table 7) */
#define DSEMTS_HANDLE		4
#define DSEMTS_TYPE		5
#define DSEMTS_DPA_OFFSET	8
#define DSEMTS_DPA_LENGTH	16
#define DSEMTS_LEN		24

/* SSLBIS (table 8): a header, then entries of 8 bytes (table 9) */
#define SSLBIS_DATA_TYPE	4
#define SSLBIS_BASE_UNIT	8
#define SSLBIS_HDR_LEN		16
#define SSLBIS_ENTRY_LEN	8

struct cdat_sub {
	u32 off;
	u8 type;
	u16 len;
	const u8 *p;
};

/*
 * The structure at *off, or false at the end of the table or at a Length
 * that cannot be followed (then the table is marked truncated on the
 * checking pass).
 */
static bool cdat_next(struct cxl_spec_cdat *cdat,
		      const struct cxl_spec_env *env, u32 *off,
		      struct cdat_sub *sub)
{
	u32 left;

	if (*off >= cdat->len)
		return false;
	left = cdat->len - *off;
	if (left < SUB_HDR_LEN) {
		cxl_spec_report(env, "CDAT: %u stray bytes at %#x", left, *off);
		if (env)
			cdat->truncated = true;
		return false;
	}
	sub->off = *off;
	sub->p = cdat->table + *off;
	sub->type = sub->p[SUB_TYPE];
	sub->len = cxl_spec_le16(sub->p + SUB_LENGTH);
	if (sub->len < SUB_HDR_LEN || sub->len > left) {
		cxl_spec_report(env, "CDAT: type %u at %#x: bad Length %u, rest ignored",
				sub->type, *off, sub->len);
		if (env)
			cdat->truncated = true;
		return false;
	}
	*off += sub->len;
	return true;
}

static void get_dsmas(const struct cdat_sub *s, struct cxl_spec_dsmas *d)
{
	d->offset = s->off;
	d->handle = s->p[DSMAS_HANDLE];
	d->flags = s->p[DSMAS_FLAGS];
	d->dpa_base = cxl_spec_le64(s->p + DSMAS_DPA_BASE);
	d->dpa_length = cxl_spec_le64(s->p + DSMAS_DPA_LENGTH);
}

static void get_dsemts(const struct cdat_sub *s, struct cxl_spec_dsemts *d)
{
	d->offset = s->off;
	d->handle = s->p[DSEMTS_HANDLE];
	d->type = s->p[DSEMTS_TYPE];
	d->dpa_offset = cxl_spec_le64(s->p + DSEMTS_DPA_OFFSET);
	d->dpa_length = cxl_spec_le64(s->p + DSEMTS_DPA_LENGTH);
}

static bool sub_ok(const struct cxl_spec_cdat *cdat,
		   const struct cxl_spec_env *env, const struct cdat_sub *s);

/* The first well-formed DSMAS with @handle, before @before (0: anywhere). */
static bool dsmas_by_handle(const struct cxl_spec_cdat *cdat, u8 handle,
			    u32 before, struct cxl_spec_dsmas *d)
{
	struct cxl_spec_cdat c = *cdat;
	struct cdat_sub s;
	u32 off = CXL_SPEC_CDAT_HDR_LEN;

	while (cdat_next(&c, NULL, &off, &s) && (!before || s.off < before)) {
		if (s.type != CXL_SPEC_CDAT_DSMAS || s.len != DSMAS_LEN ||
		    s.p[DSMAS_HANDLE] != handle || !sub_ok(cdat, NULL, &s))
			continue;
		get_dsmas(&s, d);
		return true;
	}
	return false;
}

static bool dsmas_ok(const struct cxl_spec_cdat *cdat,
		     const struct cxl_spec_env *env, const struct cdat_sub *s)
{
	struct cxl_spec_dsmas d, first;
	u64 end;

	get_dsmas(s, &d);
	if (!d.dpa_length || check_add_overflow(d.dpa_base, d.dpa_length - 1, &end)) {
		cxl_spec_report(env,
				"CDAT: DSMAS at %#x (handle %u): DPA range %#llx+%#llx is empty or wraps",
				s->off, d.handle, d.dpa_base, d.dpa_length);
		return false;
	}
	if (dsmas_by_handle(cdat, d.handle, s->off, &first)) {
		cxl_spec_report(env, "CDAT: DSMAS at %#x: handle %u already at %#x",
				s->off, d.handle, first.offset);
		return false;
	}
	return true;
}

static bool dslbis_ok(const struct cxl_spec_cdat *cdat,
		      const struct cxl_spec_env *env, const struct cdat_sub *s)
{
	struct cxl_spec_dsmas d;
	u8 handle = s->p[DSLBIS_HANDLE];
	u8 type = s->p[DSLBIS_DATA_TYPE];

	if (type > CXL_SPEC_HMAT_WRITE_BANDWIDTH) {
		cxl_spec_report(env, "CDAT: DSLBIS at %#x: unknown Data Type %u",
				s->off, type);
		return false;
	}
	if (!dsmas_by_handle(cdat, handle, 0, &d)) {
		cxl_spec_report(env, "CDAT: DSLBIS at %#x: no DSMAS with handle %u",
				s->off, handle);
		return false;
	}
	return true;
}

/*
 * Whether DSEMTS @s is sound on its own: a known type, a DSMAS, a
 * non-empty range inside it.
 */
static bool dsemts_alone_ok(const struct cxl_spec_cdat *cdat,
			    const struct cxl_spec_env *env,
			    const struct cdat_sub *s, struct cxl_spec_dsemts *e)
{
	struct cxl_spec_dsmas d;
	u64 end;

	get_dsemts(s, e);
	if (e->type > CXL_SPEC_DSEMTS_RESERVED) {
		cxl_spec_report(env,
				"CDAT: DSEMTS at %#x: reserved EFI Memory Type and Attribute %u",
				s->off, e->type);
		return false;
	}
	if (!dsmas_by_handle(cdat, e->handle, 0, &d)) {
		cxl_spec_report(env, "CDAT: DSEMTS at %#x: no DSMAS with handle %u",
				s->off, e->handle);
		return false;
	}
	if (!e->dpa_length ||
	    check_add_overflow(e->dpa_offset, e->dpa_length, &end) ||
	    end > d.dpa_length) {
		cxl_spec_report(env,
				"CDAT: DSEMTS at %#x: DPA offset %#llx+%#llx is not inside DSMAS %u (%#llx bytes)",
				s->off, e->dpa_offset, e->dpa_length, e->handle,
				d.dpa_length);
		return false;
	}
	return true;
}

/*
 * A DSEMTS is well formed if it is sound on its own and overlaps no other
 * sound one: where two overlap, the table contradicts itself about that
 * memory, and neither is believed.
 */
static bool dsemts_ok(const struct cxl_spec_cdat *cdat,
		      const struct cxl_spec_env *env, const struct cdat_sub *s)
{
	struct cxl_spec_cdat c = *cdat;
	struct cxl_spec_dsemts e, o;
	struct cdat_sub t;
	u32 off = CXL_SPEC_CDAT_HDR_LEN;

	if (!dsemts_alone_ok(cdat, env, s, &e))
		return false;
	while (cdat_next(&c, NULL, &off, &t)) {
		if (t.off == s->off || t.type != CXL_SPEC_CDAT_DSEMTS ||
		    t.len != DSEMTS_LEN || !dsemts_alone_ok(cdat, NULL, &t, &o) ||
		    o.handle != e.handle)
			continue;
		if (o.dpa_offset < e.dpa_offset + e.dpa_length &&
		    e.dpa_offset < o.dpa_offset + o.dpa_length) {
			cxl_spec_report(env,
					"CDAT: DSEMTS at %#x overlaps the one at %#x: neither is used",
					s->off, t.off);
			return false;
		}
	}
	return true;
}

static bool sslbis_ok(const struct cxl_spec_cdat *cdat,
		      const struct cxl_spec_env *env, const struct cdat_sub *s)
{
	u8 type = s->p[SSLBIS_DATA_TYPE];

	if ((s->len - SSLBIS_HDR_LEN) / SSLBIS_ENTRY_LEN >
	    CXL_SPEC_SSLBIS_MAX_ENTRIES) {
		cxl_spec_report(env, "CDAT: SSLBIS at %#x: more than %u entries",
				s->off, CXL_SPEC_SSLBIS_MAX_ENTRIES);
		return false;
	}
	if (type > CXL_SPEC_HMAT_WRITE_BANDWIDTH) {
		cxl_spec_report(env, "CDAT: SSLBIS at %#x: unknown Data Type %u",
				s->off, type);
		return false;
	}
	return true;
}

/* The Length a structure of @type must have; 0 for SSLBIS, -1 if unknown. */
static int sub_len(u8 type)
{
	switch (type) {
	case CXL_SPEC_CDAT_DSMAS:
		return DSMAS_LEN;
	case CXL_SPEC_CDAT_DSLBIS:
		return DSLBIS_LEN;
	case CXL_SPEC_CDAT_DSMSCIS:
		return DSMSCIS_LEN;
	case CXL_SPEC_CDAT_DSIS:
		return DSIS_LEN;
	case CXL_SPEC_CDAT_DSEMTS:
		return DSEMTS_LEN;
	case CXL_SPEC_CDAT_SSLBIS:
		return 0;
	default:
		return -1;
	}
}

/* Whether structure @s is well formed; reports why not if @env. */
static bool sub_ok(const struct cxl_spec_cdat *cdat,
		   const struct cxl_spec_env *env, const struct cdat_sub *s)
{
	int want = sub_len(s->type);

	if (want < 0)
		return false;
	if (want ? s->len != want :
		   s->len < SSLBIS_HDR_LEN ||
		   (s->len - SSLBIS_HDR_LEN) % SSLBIS_ENTRY_LEN) {
		cxl_spec_report(env, "CDAT: type %u at %#x: Length %u, not that of its type",
				s->type, s->off, s->len);
		return false;
	}
	switch (s->type) {
	case CXL_SPEC_CDAT_DSMAS:
		return dsmas_ok(cdat, env, s);
	case CXL_SPEC_CDAT_DSLBIS:
		return dslbis_ok(cdat, env, s);
	case CXL_SPEC_CDAT_DSEMTS:
		return dsemts_ok(cdat, env, s);
	case CXL_SPEC_CDAT_SSLBIS:
		return sslbis_ok(cdat, env, s);
	default:
		return true;
	}
}

/**
 * cxl_spec_cdat_parse() - check a CDAT and count what it holds
 * @cdat: filled in; usable with the accessors only if this returns 0
 * @table: the table, as read through the DOE mailbox
 * @len: bytes at @table (at least the table's Length)
 * @env: reports each problem in one line
 *
 * Return: 0 if the header is sound (malformed structures are then only
 * skipped), -EINVAL if the table is too short for its header, its
 * Length does not fit @len, or its checksum is wrong.
 */
int cxl_spec_cdat_parse(struct cxl_spec_cdat *cdat, const void *table,
			size_t len, const struct cxl_spec_env *env)
{
	const u8 *t = table;
	struct cdat_sub s;
	u32 off, i;
	u8 sum = 0;

	memset(cdat, 0, sizeof(*cdat));
	if (len < CXL_SPEC_CDAT_HDR_LEN) {
		cxl_spec_report(env, "CDAT: %zu bytes, shorter than its header", len);
		return -EINVAL;
	}
	cdat->len = cxl_spec_le32(t + HDR_LENGTH);
	if (cdat->len < CXL_SPEC_CDAT_HDR_LEN || cdat->len > len) {
		cxl_spec_report(env, "CDAT: Length %u, table has %zu bytes",
				cdat->len, len);
		cdat->len = 0;
		return -EINVAL;
	}
	for (i = 0; i < cdat->len; i++)
		sum += t[i];
	if (sum) {
		cxl_spec_report(env, "CDAT: bad checksum (the bytes sum to %#x): table refused",
				sum);
		cdat->len = 0;
		return -EINVAL;
	}
	cdat->table = t;
	cdat->revision = t[HDR_REVISION];
	cdat->sequence = cxl_spec_le32(t + HDR_SEQUENCE);

	off = CXL_SPEC_CDAT_HDR_LEN;
	for (i = 0; cdat_next(cdat, env, &off, &s); i++) {
		/* the checks compare structures pairwise: bound their number */
		if (i == CXL_SPEC_CDAT_MAX_STRUCTS) {
			cxl_spec_report(env,
					"CDAT: more than %u structures, the rest at %#x ignored",
					CXL_SPEC_CDAT_MAX_STRUCTS, s.off);
			cdat->len = s.off;
			cdat->truncated = true;
			break;
		}
		if (sub_len(s.type) < 0) {
			cxl_spec_report(env, "CDAT: unknown type %u at %#x, skipped",
					s.type, s.off);
			cdat->nr_unknown++;
			continue;
		}
		if (!sub_ok(cdat, env, &s)) {
			cdat->nr_bad++;
			continue;
		}
		switch (s.type) {
		case CXL_SPEC_CDAT_DSMAS:
			cdat->nr_dsmas++;
			break;
		case CXL_SPEC_CDAT_DSLBIS:
			cdat->nr_dslbis++;
			break;
		case CXL_SPEC_CDAT_DSEMTS:
			cdat->nr_dsemts++;
			break;
		case CXL_SPEC_CDAT_SSLBIS:
			cdat->nr_sslbis++;
			break;
		default:
			cdat->nr_other++;
			break;
		}
	}
	return 0;
}

/* The @i-th well-formed structure of @type. */
static int cdat_find(const struct cxl_spec_cdat *cdat, u8 type,
		     unsigned int i, struct cdat_sub *s)
{
	struct cxl_spec_cdat c = *cdat;
	u32 off = CXL_SPEC_CDAT_HDR_LEN;

	if (!cdat->table)
		return -ENOENT;
	while (cdat_next(&c, NULL, &off, s))
		if (s->type == type && sub_ok(cdat, NULL, s) && !i--)
			return 0;
	return -ENOENT;
}

/**
 * cxl_spec_cdat_dsmas() - the @i-th well-formed DSMAS
 * @cdat: parsed
 * @i: from 0
 * @dsmas: filled in
 *
 * Return: 0, or -ENOENT.
 */
int cxl_spec_cdat_dsmas(const struct cxl_spec_cdat *cdat, unsigned int i,
			struct cxl_spec_dsmas *dsmas)
{
	struct cdat_sub s;
	int rc = cdat_find(cdat, CXL_SPEC_CDAT_DSMAS, i, &s);

	if (!rc)
		get_dsmas(&s, dsmas);
	return rc;
}

/**
 * cxl_spec_cdat_dslbis() - the @i-th well-formed DSLBIS
 * @cdat: parsed
 * @i: from 0
 * @dslbis: filled in
 *
 * Return: 0, or -ENOENT.
 */
int cxl_spec_cdat_dslbis(const struct cxl_spec_cdat *cdat, unsigned int i,
			 struct cxl_spec_dslbis *dslbis)
{
	struct cdat_sub s;
	int rc = cdat_find(cdat, CXL_SPEC_CDAT_DSLBIS, i, &s);
	int k;

	if (rc)
		return rc;
	dslbis->offset = s.off;
	dslbis->handle = s.p[DSLBIS_HANDLE];
	dslbis->flags = s.p[DSLBIS_FLAGS];
	dslbis->data_type = s.p[DSLBIS_DATA_TYPE];
	dslbis->base_unit = cxl_spec_le64(s.p + DSLBIS_BASE_UNIT);
	for (k = 0; k < 3; k++)
		dslbis->entry[k] = cxl_spec_le16(s.p + DSLBIS_ENTRY + 2 * k);
	return 0;
}

/**
 * cxl_spec_cdat_dsemts() - the @i-th well-formed DSEMTS
 * @cdat: parsed
 * @i: from 0
 * @dsemts: filled in
 *
 * Return: 0, or -ENOENT.
 */
int cxl_spec_cdat_dsemts(const struct cxl_spec_cdat *cdat, unsigned int i,
			 struct cxl_spec_dsemts *dsemts)
{
	struct cdat_sub s;
	int rc = cdat_find(cdat, CXL_SPEC_CDAT_DSEMTS, i, &s);

	if (!rc)
		get_dsemts(&s, dsemts);
	return rc;
}

/**
 * cxl_spec_cdat_sslbis() - the @i-th well-formed SSLBIS
 * @cdat: parsed
 * @i: from 0
 * @sslbis: filled in
 *
 * Return: 0, or -ENOENT.
 */
int cxl_spec_cdat_sslbis(const struct cxl_spec_cdat *cdat, unsigned int i,
			 struct cxl_spec_sslbis *sslbis)
{
	struct cdat_sub s;
	int rc = cdat_find(cdat, CXL_SPEC_CDAT_SSLBIS, i, &s);
	unsigned int k;
	const u8 *e;

	if (rc)
		return rc;
	sslbis->offset = s.off;
	sslbis->data_type = s.p[SSLBIS_DATA_TYPE];
	sslbis->base_unit = cxl_spec_le64(s.p + SSLBIS_BASE_UNIT);
	sslbis->nr = (s.len - SSLBIS_HDR_LEN) / SSLBIS_ENTRY_LEN;
	for (k = 0; k < sslbis->nr; k++) {
		e = s.p + SSLBIS_HDR_LEN + SSLBIS_ENTRY_LEN * k;
		sslbis->entry[k].port_x = cxl_spec_le16(e);
		sslbis->entry[k].port_y = cxl_spec_le16(e + 2);
		sslbis->entry[k].value = cxl_spec_le16(e + 4);
	}
	return 0;
}

/**
 * cxl_spec_cdat_find_dsmas() - the well-formed DSMAS with @handle
 * @cdat: parsed
 * @handle: DSMAD Handle
 * @dsmas: filled in
 *
 * Return: 0, or -ENOENT.
 */
int cxl_spec_cdat_find_dsmas(const struct cxl_spec_cdat *cdat, u8 handle,
			     struct cxl_spec_dsmas *dsmas)
{
	if (!cdat->table || !dsmas_by_handle(cdat, handle, 0, dsmas))
		return -ENOENT;
	return 0;
}

/**
 * cxl_spec_cdat_memtype() - the EFI memory type the device asks for a
 *	DPA range
 * @cdat: parsed
 * @dpa: start of the range
 * @len: bytes, not 0
 * @type: the type (CXL_SPEC_DSEMTS_*) if this returns 0, or of the parts
 *	covered if it returns -ERANGE
 *
 * Return: 0 if DSEMTS structures of one type cover the whole range,
 * -ENOENT if none covers any of it, -ERANGE if structures of one type
 * cover only part of it, -EINVAL if they give parts of it different
 * types.
 */
int cxl_spec_cdat_memtype(const struct cxl_spec_cdat *cdat, u64 dpa,
			  u64 len, u8 *type)
{
	struct cxl_spec_dsemts e;
	struct cxl_spec_dsmas d;
	u64 covered = 0, s, end;
	unsigned int i;
	int found = -1;

	if (!len || check_add_overflow(dpa, len, &end))
		return -EINVAL;
	for (i = 0; !cxl_spec_cdat_dsemts(cdat, i, &e); i++) {
		if (cxl_spec_cdat_find_dsmas(cdat, e.handle, &d))
			continue;
		s = max(dpa, d.dpa_base + e.dpa_offset);
		if (min(end, d.dpa_base + e.dpa_offset + e.dpa_length) <= s)
			continue;
		if (found >= 0 && found != e.type)
			return -EINVAL;
		found = e.type;
		covered += min(end, d.dpa_base + e.dpa_offset + e.dpa_length) - s;
	}
	if (found < 0)
		return -ENOENT;
	*type = found;
	return covered == len ? 0 : -ERANGE;
}

/* The EFI name of a DSEMTS type, for messages. */
const char *cxl_spec_dsemts_name(u8 type)
{
	switch (type) {
	case CXL_SPEC_DSEMTS_CONVENTIONAL:
		return "EfiConventionalMemory";
	case CXL_SPEC_DSEMTS_SOFT_RESERVED:
		return "EfiConventionalMemory with EFI_MEMORY_SP";
	case CXL_SPEC_DSEMTS_RESERVED:
		return "EfiReservedMemoryType";
	default:
		return "reserved type";
	}
}
