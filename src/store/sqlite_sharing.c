/* sqlite_sharing.c — the stored sharing rules, tax records and industrial
 * funds (store_sharing.h): prepared statements of the ST_* table, writes
 * through put_audited (or, for a rule's edit, its version re-checked inside
 * the caller's transaction), and the loader of everything the ledger reads. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_sharing.h"
#include "util/xalloc.h"

static void json_str_or_null(struct buf *b, const char *s)
{
	if (s)
		buf_add_json_str(b, s);
	else
		buf_adds(b, "null");
}

static void json_int_or_null(struct buf *b, int64_t v)
{
	if (v)
		buf_add_int(b, v);
	else
		buf_adds(b, "null");
}

static void bind_int_or_null(sqlite3_stmt *s, int i, int64_t v)
{
	if (v)
		sqlite3_bind_int64(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

/* ---- sharing rules ---- */

/* The audit form (sqlite_forms.c rule_fields). */
static void rule_json(struct buf *b, const struct sharing_rule *r)
{
	buf_addf(b, "{\"id\":%lld,\"name\":", (long long)r->id);
	json_str_or_null(b, r->name);
	buf_adds(b, ",\"attracted_by\":");
	buf_add_json_str(b, attracted_keys[r->attracted_by]);
	buf_addf(b, ",\"landed_in\":%lld,\"nth_from\":%d,\"nth_to\":", (long long)r->landed_in,
		 r->nth_from);
	json_int_or_null(b, r->nth_to);
	buf_adds(b, ",\"valid_from\":");
	json_int_or_null(b, r->valid_from);
	buf_adds(b, ",\"valid_to\":");
	json_int_or_null(b, r->valid_to);
	buf_addf(b, ",\"street_permille\":%d}", r->street_permille);
}

static void col_rule(sqlite3_stmt *s, struct sharing_rule *r)
{
	const char *att = (const char *)sqlite3_column_text(s, 2);

	sharing_rule_init(r);
	r->id = sqlite3_column_int64(s, 0);
	r->name = col_str(s, 1);
	r->attracted_by = att && !strcmp(att, "street") ? ATTRACTED_STREET : ATTRACTED_DISTRICT;
	r->landed_in = col_id(s, 3);
	r->nth_from = sqlite3_column_int(s, 4);
	r->nth_to = sqlite3_column_int(s, 5);
	r->valid_from = sqlite3_column_int(s, 6);
	r->valid_to = sqlite3_column_int(s, 7);
	r->street_permille = sqlite3_column_int(s, 8);
	r->version = sqlite3_column_int64(s, 9);
}

enum bl_err store_sharing_rules(struct store *st, struct sharing_rule **out, size_t *n)
{
	sqlite3_stmt *s = stmt_get(st, ST_RULES);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return BL_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		XGROW(*out, alloc, *n + 1);
		col_rule(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_fail(st, "read sharing rules");
	return BL_OK;
}

enum bl_err store_sharing_rule_get(struct store *st, int64_t id, struct sharing_rule *out)
{
	sqlite3_stmt *s = stmt_get(st, ST_RULE_GET);
	int rc;

	sharing_rule_init(out);
	if (!s)
		return BL_EDB;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		col_rule(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return BL_OK;
	if (rc != SQLITE_DONE)
		return db_fail(st, "read sharing rule");
	return store_fail(st, BL_ENOTFOUND, "no sharing rule %lld", (long long)id);
}

/* ?1 name … ?8 street_permille; the update's ?9 is the id. */
static void bind_rule(sqlite3_stmt *s, const struct sharing_rule *r)
{
	bind_str(s, 1, r->name);
	bind_str(s, 2, attracted_keys[r->attracted_by]);
	bind_id(s, 3, r->landed_in);
	sqlite3_bind_int(s, 4, r->nth_from);
	bind_int_or_null(s, 5, r->nth_to);
	bind_int_or_null(s, 6, r->valid_from);
	bind_int_or_null(s, 7, r->valid_to);
	sqlite3_bind_int(s, 8, r->street_permille);
}

static enum bl_err rule_update(struct store *st, struct sharing_rule *r)
{
	struct sharing_rule old;
	sqlite3_stmt *s;
	enum bl_err rc = store_sharing_rule_get(st, r->id, &old);

	if (rc)
		return rc;
	if (old.version != r->version) {
		rc = store_fail(st, BL_ECONFLICT, "stale: sharing rule %lld was changed by someone "
				"else", (long long)r->id);
		goto out;
	}
	buf_reset(&st->before);
	buf_reset(&st->after);
	rule_json(&st->before, &old);
	rule_json(&st->after, r);
	st->last_put = PUT_UNCHANGED;
	if (!strcmp(st->before.s, st->after.s))
		goto out;
	s = stmt_get(st, ST_RULE_UPDATE);
	rc = s ? BL_OK : BL_EDB;
	if (rc)
		goto out;
	bind_rule(s, r);
	sqlite3_bind_int64(s, 9, r->id);
	rc = step_done(st, s, "update sharing rule");
	if (rc)
		goto out;
	r->version++;
	buf_reset(&st->key);
	buf_addf(&st->key, "%lld", (long long)r->id);
	audit_json_diff(st->before.s, st->after.s, &st->diff_before, &st->diff_after);
	rc = audit_append(st, "update", "sharing_rule", st->key.s, st->diff_before.s,
			  st->diff_after.s);
	st->last_put = PUT_UPDATED;
out:
	sharing_rule_release(&old);
	return rc;
}

enum bl_err store_sharing_rule_put(struct store *st, struct sharing_rule *r)
{
	sqlite3_stmt *s;
	enum bl_err rc;

	if (r->id)
		return rule_update(st, r);
	s = stmt_get(st, ST_RULE_INSERT);
	if (!s)
		return BL_EDB;
	bind_rule(s, r);
	rc = step_done(st, s, "insert sharing rule");
	if (rc)
		return rc;
	r->id = sqlite3_last_insert_rowid(st->db);
	r->version = 1;
	buf_reset(&st->after);
	buf_reset(&st->key);
	rule_json(&st->after, r);
	buf_addf(&st->key, "%lld", (long long)r->id);
	st->last_put = PUT_INSERTED;
	return audit_append(st, "insert", "sharing_rule", st->key.s, NULL, st->after.s);
}

/* ---- tax records ---- */

struct tax_put {
	struct tax_record *t, old;
	const char *ref;
};

static enum bl_err tax_get(struct store *st, void *p)
{
	struct tax_put *tp = p;
	sqlite3_stmt *s = stmt_get(st, ST_TAX_GET);
	enum bl_err rc = BL_OK;
	int step;

	if (!s)
		return BL_EDB;
	sqlite3_bind_int64(s, 1, tp->t->project_id);
	sqlite3_bind_int(s, 2, tp->t->year);
	step = sqlite3_step(s);
	tp->old = *tp->t;
	if (step == SQLITE_ROW) {
		tp->old.id = sqlite3_column_int64(s, 0);
		tp->old.tax = sqlite3_column_int64(s, 1);
		tp->old.version = sqlite3_column_int64(s, 2);
		tp->t->id = tp->old.id;
	} else {
		rc = step == SQLITE_DONE ? BL_ENOTFOUND : db_fail(st, "read tax");
	}
	sqlite3_reset(s);
	return rc;
}

/* Both statements: ?1 project, ?2 year, ?3 tax. */
static void tax_bind(sqlite3_stmt *s, void *p, int update)
{
	const struct tax_record *t = ((struct tax_put *)p)->t;

	(void)update;
	sqlite3_bind_int64(s, 1, t->project_id);
	sqlite3_bind_int(s, 2, t->year);
	sqlite3_bind_int64(s, 3, t->tax);
}

static void tax_json(struct buf *b, void *p, int stored)
{
	struct tax_put *tp = p;
	const struct tax_record *t = stored ? &tp->old : tp->t;

	buf_addf(b, "{\"project_id\":%lld,\"year\":%d,\"tax\":%lld}", (long long)t->project_id,
		 t->year, (long long)t->tax);
}

static void tax_done(struct store *st, void *p, enum store_put how, struct buf *key)
{
	struct tax_put *tp = p;

	if (how == PUT_INSERTED)
		tp->t->id = sqlite3_last_insert_rowid(st->db);
	tp->t->version = put_version(how, tp->old.version);
	if (key)
		buf_addf(key, "%s/%d", tp->ref, tp->t->year);
}

static const struct put_ops tax_ops = {
	.entity = "tax", .what = { "insert tax", "update tax" },
	.insert = ST_TAX_INSERT, .update = ST_TAX_UPDATE, .guess = -1,
	.get = tax_get, .bind = tax_bind, .json = tax_json, .done = tax_done,
};

enum bl_err store_tax_put(struct store *st, struct tax_record *t)
{
	sqlite3_stmt *s = stmt_get(st, ST_PROJECT_REF);
	struct tax_put tp = { .t = t };
	enum bl_err rc;
	char *ref = NULL;
	int step;

	if (!s)
		return BL_EDB;
	sqlite3_bind_int64(s, 1, t->project_id);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		ref = col_str(s, 0);
	sqlite3_reset(s);
	if (!ref)
		return step == SQLITE_DONE ? store_fail(st, BL_ENOTFOUND, "no project %lld",
							(long long)t->project_id)
					   : db_fail(st, "read project");
	tp.ref = ref;
	rc = put_audited(st, &tax_ops, &tp);
	free(ref);
	return rc;
}

enum bl_err store_taxes(struct store *st, struct tax_record **out, size_t *n)
{
	sqlite3_stmt *s = stmt_get(st, ST_TAXES);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return BL_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct tax_record *t;

		XGROW(*out, alloc, *n + 1);
		t = &(*out)[(*n)++];
		t->id = sqlite3_column_int64(s, 0);
		t->project_id = sqlite3_column_int64(s, 1);
		t->year = sqlite3_column_int(s, 2);
		t->tax = sqlite3_column_int64(s, 3);
		t->version = sqlite3_column_int64(s, 4);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_fail(st, "read taxes");
	return BL_OK;
}

/* ---- industrial funds ---- */

struct fund_put {
	struct fund *f, old;
};

static void col_fund(sqlite3_stmt *s, struct fund *f)
{
	fund_init(f);
	f->id = sqlite3_column_int64(s, 0);
	f->name = col_str(s, 1);
	f->manager = col_str(s, 2);
	f->capital = sqlite3_column_int64(s, 3);
	f->registered_on = col_day(s, 4);
	f->focus = col_str(s, 5);
	f->brought_by = col_id(s, 6);
	f->version = sqlite3_column_int64(s, 7);
}

static enum bl_err fund_get(struct store *st, void *p)
{
	struct fund_put *fp = p;
	sqlite3_stmt *s = stmt_get(st, ST_FUND_GET);
	enum bl_err rc = BL_OK;
	int step;

	if (!s)
		return BL_EDB;
	bind_str(s, 1, fp->f->name);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		col_fund(s, &fp->old);
		fp->f->id = fp->old.id;
	} else {
		rc = step == SQLITE_DONE ? BL_ENOTFOUND : db_fail(st, "read fund");
	}
	sqlite3_reset(s);
	return rc;
}

/* ?1 name … ?6 brought_by (both statements; the update keys by name). */
static void fund_bind(sqlite3_stmt *s, void *p, int update)
{
	const struct fund *f = ((struct fund_put *)p)->f;

	(void)update;
	bind_str(s, 1, f->name);
	bind_str(s, 2, f->manager);
	sqlite3_bind_int64(s, 3, f->capital);
	bind_day(s, 4, f->registered_on);
	bind_str(s, 5, f->focus);
	bind_id(s, 6, f->brought_by);
}

static void fund_json(struct buf *b, void *p, int stored)
{
	struct fund_put *fp = p;
	const struct fund *f = stored ? &fp->old : fp->f;
	char day[11];

	buf_addf(b, "{\"id\":%lld,\"name\":", (long long)f->id);
	json_str_or_null(b, f->name);
	buf_adds(b, ",\"manager\":");
	json_str_or_null(b, f->manager);
	buf_addf(b, ",\"capital\":%lld,\"registered_on\":\"%s\",\"focus\":", (long long)f->capital,
		 day_format(f->registered_on, day));
	json_str_or_null(b, f->focus);
	buf_addf(b, ",\"brought_by\":%lld}", (long long)f->brought_by);
}

static void fund_done(struct store *st, void *p, enum store_put how, struct buf *key)
{
	struct fund_put *fp = p;

	if (how == PUT_INSERTED)
		fp->f->id = sqlite3_last_insert_rowid(st->db);
	fp->f->version = put_version(how, fp->old.version);
	if (key)
		buf_adds(key, fp->f->name);
}

static const struct put_ops fund_ops = {
	.entity = "fund", .what = { "insert fund", "update fund" },
	.insert = ST_FUND_INSERT, .update = ST_FUND_UPDATE, .guess = -1,
	.get = fund_get, .bind = fund_bind, .json = fund_json, .done = fund_done,
};

enum bl_err store_fund_put(struct store *st, struct fund *f)
{
	struct fund_put fp = { .f = f };
	enum bl_err rc;

	fund_init(&fp.old);
	rc = put_audited(st, &fund_ops, &fp);
	fund_release(&fp.old);
	return rc;
}

void funds_free(struct fund *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fund_release(&f[i]);
	free(f);
}

enum bl_err store_funds(struct store *st, struct fund **out, size_t *n)
{
	sqlite3_stmt *s = stmt_get(st, ST_FUNDS);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return BL_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		XGROW(*out, alloc, *n + 1);
		col_fund(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_fail(st, "read funds");
	return BL_OK;
}

enum bl_err store_fund_values(struct store *st, int year, struct fund_value **out, size_t *n)
{
	sqlite3_stmt *s = stmt_get(st, ST_FUNDS_RANGE);
	size_t alloc = 0;
	char from[11], to[11];
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return BL_EDB;
	sqlite3_bind_text(s, 1, year ? day_format(day_from_ymd(year, 1, 1), from) : "0000-00-00",
			  -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, year ? day_format(day_from_ymd(year, 12, 31), to) : "9999-99-99",
			  -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct fund_value *f;

		XGROW(*out, alloc, *n + 1);
		f = &(*out)[(*n)++];
		f->registered_on = col_day(s, 0);
		f->capital = sqlite3_column_int64(s, 1);
		f->brought_by = col_id(s, 2);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return db_fail(st, "read funds");
	}
	return BL_OK;
}

enum bl_err store_funds_into_indicators(struct store *st, int year, struct indicator_value **v,
					size_t *nv, size_t *alloc)
{
	struct fund_value *f;
	size_t n;
	enum bl_err rc = store_fund_values(st, year, &f, &n);

	if (!rc)
		funds_as_indicators(f, n, v, nv, alloc);
	free(f);
	return rc;
}

/* ---- the ledger's inputs ---- */

static int project_id_cmp(const void *a, const void *b)
{
	const struct project *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static enum bl_err load_projects(struct store *st, struct sharing_data *d)
{
	sqlite3_stmt *s = stmt_get(st, ST_PROJECTS);
	size_t alloc = 0;
	int rc;

	if (!s)
		return BL_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		XGROW(d->projects, alloc, d->n_projects + 1);
		col_project(s, 0, &d->projects[d->n_projects++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_fail(st, "read projects");
	qsort(d->projects, d->n_projects, sizeof(d->projects[0]), project_id_cmp);
	return BL_OK;
}

enum bl_err store_load_sharing(struct store *st, struct sharing_data *d)
{
	enum bl_err rc;

	memset(d, 0, sizeof(*d));
	rc = store_units(st, &d->units.units, &d->units.n_units);
	if (!rc) {
		dataset_index(&d->units);
		rc = load_projects(st, d);
	}
	if (!rc)
		rc = store_sharing_rules(st, &d->rules, &d->n_rules);
	if (!rc)
		rc = store_taxes(st, &d->taxes, &d->n_taxes);
	if (rc)
		sharing_data_release(d);
	return rc;
}
