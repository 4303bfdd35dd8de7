/* sqlite_sharing.c — the stored sharing rules, tax records and industrial
 * funds (store_sharing.h): prepared statements of the ST_* table, writes
 * through put_audited (a rule's edit with its version re-checked inside
 * the caller's transaction), and the loader of everything the ledger reads. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_sharing.h"
#include "util/xalloc.h"

static void bind_int_or_null(struct dbq *s, int i, int64_t v)
{
	if (v)
		dbq_bind_i64(s, i, v);
	else
		dbq_bind_null(s, i);
}

/* ---- sharing rules ---- */

static void col_rule(struct dbq *s, void *row)
{
	struct sharing_rule *r = row;
	const char *att = dbq_text(s, 2);

	sharing_rule_init(r);
	r->id = dbq_i64(s, 0);
	r->name = col_str(s, 1);
	r->attracted_by = att && !strcmp(att, "street") ? ATTRACTED_STREET : ATTRACTED_DISTRICT;
	r->landed_in = col_id(s, 3);
	r->nth_from = (int)dbq_i64(s, 4);
	r->nth_to = (int)dbq_i64(s, 5);
	r->valid_from = (int)dbq_i64(s, 6);
	r->valid_to = (int)dbq_i64(s, 7);
	r->street_permille = (int)dbq_i64(s, 8);
	r->version = dbq_i64(s, 9);
}

enum bl_err store_sharing_rules(struct store *st, struct sharing_rule **out, size_t *n)
{
	return rows_read(st, stmt_get(st, ST_RULES), "read sharing rules", sizeof(**out), col_rule,
			 (void **)out, n);
}

enum bl_err store_sharing_rule_get(struct store *st, int64_t id, struct sharing_rule *out)
{
	struct dbq *s = stmt_get(st, ST_RULE_GET);
	int rc;

	sharing_rule_init(out);
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, id);
	rc = dbq_step(s);
	if (rc == DB_ROW)
		col_rule(s, out);
	dbq_reset(s);
	if (rc == DB_ROW)
		return BL_OK;
	if (rc != DB_DONE)
		return db_fail(st, "read sharing rule");
	return store_fail(st, BL_ENOTFOUND, "no sharing rule %lld", (long long)id);
}

/* ?1 name … ?8 street_permille; the update's ?9 is the id. */
static void rule_bind(struct dbq *s, void *row, int update)
{
	const struct sharing_rule *r = row;

	bind_str(s, 1, r->name);
	bind_str(s, 2, attracted_keys[r->attracted_by]);
	bind_id(s, 3, r->landed_in);
	dbq_bind_i64(s, 4, r->nth_from);
	bind_int_or_null(s, 5, r->nth_to);
	bind_int_or_null(s, 6, r->valid_from);
	bind_int_or_null(s, 7, r->valid_to);
	dbq_bind_i64(s, 8, r->street_permille);
	if (update)
		dbq_bind_i64(s, 9, r->id);
}

/* The audit form: sqlite_forms.c rule_fields. */
static const struct put_ops rule_kind = {
	.entity = "sharing_rule", .name = "sharing rule", .insert = ST_RULE_INSERT,
	.update = ST_RULE_UPDATE, .bind = rule_bind, .flags = PUT_KEEP_SAME | PUT_DIFF,
};

enum bl_err store_sharing_rule_put(struct store *st, struct sharing_rule *r)
{
	struct sharing_rule old;
	enum bl_err rc = r->id ? store_sharing_rule_get(st, r->id, &old) : BL_OK;

	if (rc)
		return rc;
	if (r->id && old.version != r->version)
		rc = store_fail(st, BL_ECONFLICT, "stale: sharing rule %lld was changed by someone "
				"else", (long long)r->id);
	if (r->id)
		sharing_rule_release(&old);
	return rc ? rc : put_audited(st, &rule_kind, r, &r->id, &r->version);
}

/* ---- tax records ---- */

/* Both statements: ?1 project, ?2 year, ?3 tax (the update keys by the first two). */
static void tax_bind(struct dbq *s, void *row, int update)
{
	const struct tax_record *t = row;

	(void)update;
	dbq_bind_i64(s, 1, t->project_id);
	dbq_bind_i64(s, 2, t->year);
	dbq_bind_i64(s, 3, t->tax);
}

/* The audit form: sqlite_forms.c tax_fields, keyed "ref/year". */
static const struct put_ops tax_kind = {
	.entity = "tax", .name = "tax", .insert = ST_TAX_INSERT,
	.update = ST_TAX_UPDATE, .bind = tax_bind, .flags = PUT_KEEP_SAME | PUT_DIFF,
};

/* The stored row of t's project and year: t's id and version; 0 when none. */
static enum bl_err tax_find(struct store *st, struct tax_record *t)
{
	struct dbq *s = stmt_get(st, ST_TAX_GET);
	int step;

	t->id = 0;
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, t->project_id);
	dbq_bind_i64(s, 2, t->year);
	step = dbq_step(s);
	if (step == DB_ROW) {
		t->id = dbq_i64(s, 0);
		t->version = dbq_i64(s, 2);
	}
	dbq_reset(s);
	return step == DB_ROW || step == DB_DONE ? BL_OK : db_fail(st, "read tax");
}

enum bl_err store_tax_put(struct store *st, struct tax_record *t)
{
	struct dbq *s = stmt_get(st, ST_PROJECT_REF);
	enum bl_err rc;
	int step;

	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, t->project_id);
	step = dbq_step(s);
	dbq_reset(s);
	if (step != DB_ROW)
		return step == DB_DONE ? store_fail(st, BL_ENOTFOUND, "no project %lld",
							(long long)t->project_id)
					   : db_fail(st, "read project");
	rc = tax_find(st, t);
	return rc ? rc : put_audited(st, &tax_kind, t, &t->id, &t->version);
}

static void col_tax(struct dbq *s, void *row)
{
	struct tax_record *t = row;

	t->id = dbq_i64(s, 0);
	t->project_id = dbq_i64(s, 1);
	t->year = (int)dbq_i64(s, 2);
	t->tax = dbq_i64(s, 3);
	t->version = dbq_i64(s, 4);
}

enum bl_err store_taxes(struct store *st, struct tax_record **out, size_t *n)
{
	return rows_read(st, stmt_get(st, ST_TAXES), "read taxes", sizeof(**out), col_tax,
			 (void **)out, n);
}

/* ---- industrial funds ---- */

static void col_fund(struct dbq *s, void *row)
{
	struct fund *f = row;

	fund_init(f);
	f->id = dbq_i64(s, 0);
	f->name = col_str(s, 1);
	f->manager = col_str(s, 2);
	f->capital = dbq_i64(s, 3);
	f->registered_on = col_day(s, 4);
	f->focus = col_str(s, 5);
	f->brought_by = col_id(s, 6);
	f->version = dbq_i64(s, 7);
}

/* ?1 name … ?6 brought_by (both statements; the update keys by name). */
static void fund_bind(struct dbq *s, void *row, int update)
{
	const struct fund *f = row;

	(void)update;
	bind_str(s, 1, f->name);
	bind_str(s, 2, f->manager);
	dbq_bind_i64(s, 3, f->capital);
	bind_day(s, 4, f->registered_on);
	bind_str(s, 5, f->focus);
	bind_id(s, 6, f->brought_by);
}

/* The audit form: sqlite_forms.c fund_fields, keyed by name. */
static const struct put_ops fund_kind = {
	.entity = "fund", .name = "fund", .insert = ST_FUND_INSERT,
	.update = ST_FUND_UPDATE, .bind = fund_bind, .flags = PUT_KEEP_SAME | PUT_DIFF,
};

enum bl_err store_fund_put(struct store *st, struct fund *f)
{
	struct dbq *s = stmt_get(st, ST_FUND_GET);
	int step;

	if (!s)
		return BL_EDB;
	bind_str(s, 1, f->name);
	step = dbq_step(s);
	f->id = step == DB_ROW ? dbq_i64(s, 0) : 0;
	if (step == DB_ROW)
		f->version = dbq_i64(s, 7);
	dbq_reset(s);
	if (step != DB_ROW && step != DB_DONE)
		return db_fail(st, "read fund");
	return put_audited(st, &fund_kind, f, &f->id, &f->version);
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
	return rows_read(st, stmt_get(st, ST_FUNDS), "read funds", sizeof(**out), col_fund,
			 (void **)out, n);
}

static void col_fund_value(struct dbq *s, void *row)
{
	struct fund_value *f = row;

	f->registered_on = col_day(s, 0);
	f->capital = dbq_i64(s, 1);
	f->brought_by = col_id(s, 2);
}

enum bl_err store_fund_values(struct store *st, int year, struct fund_value **out, size_t *n)
{
	struct dbq *s = stmt_get(st, ST_FUNDS_RANGE);
	char from[11], to[11];
	enum bl_err rc;

	/* Every year: bounds that are days, for PostgreSQL's date column. */
	if (s) {
		/* Every year: bounds that are days, as PostgreSQL's date column
		 * needs (stored days lie in 1900..2999, core/date.c). */
		dbq_bind_text(s, 1, year ? day_format(day_from_ymd(year, 1, 1), from)
					     : "0001-01-01", -1);
		dbq_bind_text(s, 2, year ? day_format(day_from_ymd(year, 12, 31), to)
					     : "9999-12-31", -1);
	}
	rc = rows_read(st, s, "read funds", sizeof(**out), col_fund_value, (void **)out, n);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
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
	struct dbq *s = stmt_get(st, ST_PROJECTS);
	size_t alloc = 0;
	enum bl_err rc;

	while (rows_next(st, s, "read projects", &rc)) {
		XGROW(d->projects, alloc, d->n_projects + 1);
		col_project(s, 0, &d->projects[d->n_projects++]);
	}
	if (rc)
		return rc;
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
