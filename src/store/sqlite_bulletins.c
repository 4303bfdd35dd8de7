/* sqlite_bulletins.c — the SQLite side of store_bulletins.h: issued bulletins
 * (three frozen blobs per month) and the contest's rounds. Every write is
 * audited, a bulletin by the hashes of its blobs, not the blobs. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_bulletins.h"
#include "util/xalloc.h"

const char *const bulletin_blob_keys[BLOB__MAX] = { "html", "pdf", "xlsx" };

void bulletin_record_release(struct bulletin_record *r)
{
	int k;

	free(r->issued_at);
	free(r->issued_by);
	free(r->reason);
	for (k = 0; k < BLOB__MAX; k++)
		free(r->blob[k]);
	memset(r, 0, sizeof(*r));
}

void round_record_release(struct round_record *r)
{
	free(r->computed_at);
	free(r->weights);
	free(r->result);
	memset(r, 0, sizeof(*r));
}

/* ---- bulletins ---- */

/* The columns of BULLETIN_COLS (sqlite.c). */
static void col_bulletin(struct dbq *s, struct bulletin_record *r)
{
	int k;

	memset(r, 0, sizeof(*r));
	r->month = col_month(s, 0);
	r->issue_no = (int)dbq_i64(s, 1);
	r->issued_at = col_str(s, 2);
	r->issued_by = col_str(s, 3);
	for (k = 0; k < BLOB__MAX; k++)
		r->len[k] = (size_t)dbq_i64(s, 4 + k);
	r->version = (int)dbq_i64(s, 7);
	r->reason = col_str(s, 8);
	r->district_id = dbq_i64(s, 9);
}

static void col_blob(struct dbq *s, int i, struct bulletin_record *r, int k)
{
	const void *p = dbq_blob(s, i);
	int n = dbq_bytes(s, i);

	if (!p)
		return;
	r->blob[k] = xmalloc((size_t)n + 1);
	memcpy(r->blob[k], p, (size_t)n);
	r->len[k] = (size_t)n;
}

enum bl_err store_bulletin_get_version(struct store *st, int64_t district_id, bl_month month,
				       int version, unsigned blobs, struct bulletin_record *out)
{
	struct dbq *s = stmt_get(st, ST_BULLETIN_GET);
	enum bl_err rc;
	int step, k;

	memset(out, 0, sizeof(*out));
	if (!s)
		return BL_EDB;
	bind_month(s, 1, month);
	for (k = 0; k < BLOB__MAX; k++)
		dbq_bind_i64(s, 2 + k, (blobs >> k) & 1u);
	dbq_bind_i64(s, 5, version);
	dbq_bind_i64(s, 6, district_id);
	step = dbq_step(s);
	if (step == DB_ROW) {
		col_bulletin(s, out);
		for (k = 0; k < BLOB__MAX; k++)
			col_blob(s, 10 + k, out, k);
		rc = BL_OK;
	} else if (step == DB_DONE) {
		char m[8];

		if (version)
			rc = store_fail(st, BL_ENOTFOUND, "the bulletin of %s has no version %d",
					month_format(month, m), version);
		else
			rc = store_fail(st, BL_ENOTFOUND, "the bulletin of %s was never issued",
					month_format(month, m));
	} else {
		rc = db_fail(st, "read bulletin");
	}
	dbq_reset(s);
	return rc;
}

enum bl_err store_bulletin_get(struct store *st, int64_t district_id, bl_month month,
			       unsigned blobs, struct bulletin_record *out)
{
	return store_bulletin_get_version(st, district_id, month, 0, blobs, out);
}

/* "7/" for district 7, "" for the instance's own (the keys written before
 * districts, kept as they were: sqlite_forms.c builds the same in SQL). */
static void district_prefix(int64_t district_id, char out[24])
{
	if (district_id > 0)
		snprintf(out, 24, "%lld/", (long long)district_id);
	else
		out[0] = 0;
}

void bulletin_audit_key(int64_t district_id, bl_month month, int version, char out[48])
{
	char m[8], d[24];

	month_format(month, m);
	district_prefix(district_id, d);
	if (version > 1)
		snprintf(out, 48, "%s%s/v%d", d, m, version);
	else
		snprintf(out, 48, "%s%s", d, m);
}

static void sha256_hex(const unsigned char *p, size_t n, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, p ? p : (const unsigned char *)"", n);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

void bulletin_audit_json(struct buf *b, const struct bulletin_record *r, const char *const sha[BLOB__MAX])
{
	char m[8], hex[65];
	int k;

	buf_adds(b, "{\"month\":");
	buf_add_json_str(b, month_format(r->month, m));
	buf_addf(b, ",\"version\":%d,\"reason\":", r->version);
	if (r->reason)
		buf_add_json_str(b, r->reason);
	else
		buf_adds(b, "null");
	buf_addf(b, ",\"issue_no\":%d,\"issued_at\":", r->issue_no);
	buf_add_json_str(b, r->issued_at ? r->issued_at : "");
	buf_adds(b, ",\"issued_by\":");
	buf_add_json_str(b, r->issued_by ? r->issued_by : "");
	for (k = 0; k < BLOB__MAX; k++) {
		if (!sha)
			sha256_hex(r->blob[k], r->len[k], hex);
		buf_addf(b, ",\"%s\":{\"bytes\":%zu,\"sha256\":\"%s\"}", bulletin_blob_keys[k],
			 r->len[k], sha ? sha[k] : hex);
	}
	buf_addch(b, '}');
}

/* The length of UTF-8 text in characters (bytes that do not continue one). */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

enum bl_err store_bulletin_put(struct store *st, const struct bulletin_record *r, int replace,
			       int *version)
{
	struct bulletin_record old, rec;
	struct buf after = BUF_INIT;
	struct dbq *s;
	enum bl_err rc;
	char m[8], key[48];
	int k, found;

	if (version)
		*version = 0;
	month_format(r->month, m);
	for (k = 0; k < BLOB__MAX; k++)
		if (!r->blob[k])
			return store_fail(st, BL_EINVAL, "bulletin %s: the %s rendering is missing", m,
					  bulletin_blob_keys[k]);
	rc = store_bulletin_get(st, r->district_id, r->month, 0, &old);
	if (rc && rc != BL_ENOTFOUND)
		return rc;
	found = rc == BL_OK;
	rc = BL_OK;
	if (found && !replace) {
		rc = store_fail(st, BL_ECONFLICT, "the bulletin of %s was issued already "
				"(第%d期, %s by %s)", m, old.issue_no, old.issued_at, old.issued_by);
		goto out;
	}
	if (found && (!r->reason || !*r->reason || utf8_chars(r->reason) > 2000)) {
		rc = store_fail(st, BL_EINVAL, "a re-issue of the bulletin of %s needs a reason "
				"of 1 to 2000 characters", m);
		goto out;
	}
	rec = *r;
	rec.version = found ? old.version + 1 : 1;
	rec.reason = found ? r->reason : NULL;
	s = stmt_get(st, ST_BULLETIN_INSERT);
	if (!s) {
		rc = BL_EDB;
		goto out;
	}
	bind_month(s, 1, rec.month);
	dbq_bind_i64(s, 2, rec.version);
	bind_str(s, 3, rec.reason);
	dbq_bind_i64(s, 4, rec.issue_no);
	bind_str(s, 5, rec.issued_at);
	bind_str(s, 6, rec.issued_by);
	for (k = 0; k < BLOB__MAX; k++)
		dbq_bind_blob_kept(s, 7 + k, rec.blob[k], rec.len[k]);
	dbq_bind_i64(s, 10, rec.district_id);
	rc = step_done(st, s, found ? "reissue bulletin" : "issue bulletin");
	if (rc)
		goto out;
	bulletin_audit_json(&after, &rec, NULL);
	bulletin_audit_key(rec.district_id, rec.month, rec.version, key);
	rc = audit_append(st, found ? "reissue" : "issue", "bulletin", key, NULL, after.s);
	if (!rc && version)
		*version = rec.version;
out:
	bulletin_record_release(&old);
	buf_release(&after);
	return rc;
}

enum bl_err store_bulletins_each(struct store *st,
				 int (*fn)(void *ctx, const struct bulletin_record *r), void *ctx)
{
	struct bulletin_record r;
	struct dbq *s = stmt_get(st, ST_BULLETINS);
	enum bl_err rc = BL_OK;
	int stop = 0;

	while (!stop && rows_next(st, s, "read bulletins", &rc)) {
		col_bulletin(s, &r);
		stop = fn(ctx, &r);
		bulletin_record_release(&r);
	}
	dbq_reset(s);
	return stop ? BL_EINVAL : rc;
}

/* ---- contest rounds ---- */

static void col_round(struct dbq *s, struct round_record *r)
{
	r->month = col_month(s, 0);
	r->computed_at = col_str(s, 1);
	r->weights = col_str(s, 2);
	r->result = col_str(s, 3);
	r->district_id = dbq_i64(s, 4);
}

enum bl_err store_round_get(struct store *st, int64_t district_id, bl_month month,
			    struct round_record *out)
{
	struct dbq *s = stmt_get(st, ST_ROUND_GET);
	enum bl_err rc = BL_OK;
	int step;

	memset(out, 0, sizeof(*out));
	if (!s)
		return BL_EDB;
	bind_month(s, 1, month);
	dbq_bind_i64(s, 2, district_id);
	step = dbq_step(s);
	if (step == DB_ROW) {
		col_round(s, out);
	} else if (step == DB_DONE) {
		char m[8];

		rc = store_fail(st, BL_ENOTFOUND, "no contest round is stored for %s",
				month_format(month, m));
	} else {
		rc = db_fail(st, "read ranking round");
	}
	dbq_reset(s);
	return rc;
}

/* The audit form of a round; weights and result are JSON texts already. */
static void round_audit_json(struct buf *b, const struct round_record *r)
{
	buf_adds(b, "{\"computed_at\":");
	buf_add_json_str(b, r->computed_at ? r->computed_at : "");
	buf_addf(b, ",\"weights\":%s,\"result\":%s}", r->weights, r->result);
}

struct round_put {
	const struct round_record *r;
	struct round_record old;
};

static enum bl_err round_get(struct store *st, void *p)
{
	struct round_put *rp = p;

	return store_round_get(st, rp->r->district_id, rp->r->month, &rp->old);
}

static void round_bind(struct dbq *s, void *p, int update)
{
	const struct round_record *r = ((struct round_put *)p)->r;

	(void)update;
	bind_month(s, 1, r->month);
	bind_str(s, 2, r->computed_at);
	bind_str(s, 3, r->weights);
	bind_str(s, 4, r->result);
	dbq_bind_i64(s, 5, r->district_id);
}

static void round_put_json(struct buf *b, void *p, int stored)
{
	struct round_put *rp = p;

	round_audit_json(b, stored ? &rp->old : rp->r);
}

static void round_done(struct store *st, void *p, enum store_put how, struct buf *key)
{
	const struct round_record *r = ((struct round_put *)p)->r;
	char m[8], d[24];

	(void)st;
	(void)how;
	district_prefix(r->district_id, d);
	if (key)
		buf_addf(key, "%s%s", d, month_format(r->month, m));
}

/* A round computed again with the same weights and result is unchanged,
 * whenever it was computed. */
static int round_same(void *p)
{
	struct round_put *rp = p;

	return rp->old.weights && rp->old.result && !strcmp(rp->old.weights, rp->r->weights) &&
	       !strcmp(rp->old.result, rp->r->result);
}

static const struct put_ops round_ops = {
	.entity = "ranking_round", .name = "ranking round", .flags = PUT_DIFF,
	.insert = ST_ROUND_INSERT, .update = ST_ROUND_UPDATE,
	.get = round_get, .bind = round_bind, .json = round_put_json, .done = round_done,
	.same = round_same,
};

enum bl_err store_round_put(struct store *st, const struct round_record *r)
{
	struct round_put rp = { .r = r };
	enum bl_err rc = put_audited(st, &round_ops, &rp, NULL, NULL);

	round_record_release(&rp.old);
	return rc;
}

enum bl_err store_rounds_each(struct store *st,
			      int (*fn)(void *ctx, const struct round_record *r), void *ctx)
{
	struct round_record r;
	struct dbq *s = stmt_get(st, ST_ROUNDS);
	enum bl_err rc = BL_OK;
	int stop = 0;

	while (!stop && rows_next(st, s, "read ranking rounds", &rc)) {
		memset(&r, 0, sizeof(r));
		col_round(s, &r);
		stop = fn(ctx, &r);
		round_record_release(&r);
	}
	dbq_reset(s);
	return stop ? BL_EINVAL : rc;
}
