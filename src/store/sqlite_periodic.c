/* sqlite_periodic.c — rows that belong to a period: monthly reports, targets,
 * indicator values; and the settings. Each put goes through put_audited
 * (sqlite_entities.c): an unchanged row is not rewritten, a changed one is audited. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/xalloc.h"

/* ---- monthly reports ---- */

static void col_report(struct dbq *s, int b, struct report *r)
{
	const char *status = dbq_text(s, b + 6);
	int k;

	memset(r, 0, sizeof(*r));
	r->project_id = dbq_i64(s, b + 0);
	r->month = col_month(s, b + 1);
	r->invest = col_amount(s, b + 2);
	r->output = col_amount(s, b + 3);
	r->progress = col_str(s, b + 4);
	r->problems = col_str(s, b + 5);
	r->status = REPORT_SUBMITTED;
	for (k = 0; status && k < REPORT_STATUS__MAX; k++)
		if (!strcmp(status, report_status_keys[k]))
			r->status = (enum report_status)k;
	r->version = dbq_i64(s, b + 7);
}

struct report_put {
	struct report *r, old;
	enum report_status asked; /* may be REPORT_STATUS_KEEP */
};

/* A new report asked to keep its status is submitted. */
static void report_put_bind(struct dbq *s, void *p, int update)
{
	const struct report *r = ((struct report_put *)p)->r;

	(void)update;
	dbq_bind_i64(s, 1, r->project_id);
	bind_month(s, 2, r->month);
	bind_amount(s, 3, r->invest);
	bind_amount(s, 4, r->output);
	bind_str(s, 5, r->progress);
	bind_str(s, 6, r->problems);
	bind_str(s, 7, report_status_keys[r->status == REPORT_STATUS_KEEP ? REPORT_SUBMITTED
										: r->status]);
}

static enum bl_err report_get(struct store *st, void *p)
{
	struct report_put *rp = p;
	struct dbq *s = stmt_get(st, ST_REPORT_GET);
	enum bl_err rc = BL_OK;
	int step;

	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, rp->r->project_id);
	bind_month(s, 2, rp->r->month);
	step = dbq_step(s);
	if (step == DB_ROW) {
		col_report(s, 0, &rp->old);
		if (rp->asked == REPORT_STATUS_KEEP)
			rp->r->status = rp->old.status;
	} else {
		rc = step == DB_DONE ? BL_ENOTFOUND : db_fail(st, "read report");
	}
	dbq_reset(s);
	return rc;
}

static void report_put_json(struct buf *b, void *p, int stored)
{
	struct report_put *rp = p;

	report_json(b, stored ? &rp->old : rp->r);
}

static void report_done(struct store *st, void *p, enum store_put how, struct buf *key)
{
	struct report_put *rp = p;
	char month[8];

	if (rp->r->status == REPORT_STATUS_KEEP)
		rp->r->status = REPORT_SUBMITTED;
	rp->r->version = put_version(how, rp->old.version);
	if (key)
		period_key(st, key, rp->r->project_id, month_format(rp->r->month, month));
}

/* A changed report asked to keep its status keeps a draft or a submitted one;
 * a verified or returned one is submitted again. */
static int report_amend(void *p)
{
	struct report_put *rp = p;

	if (rp->asked != REPORT_STATUS_KEEP || rp->r->status == REPORT_DRAFT ||
	    rp->r->status == REPORT_SUBMITTED)
		return 0;
	rp->r->status = REPORT_SUBMITTED;
	return 1;
}

static const struct put_ops report_ops = {
	.entity = "report", .name = "report", .flags = PUT_DIFF,
	.insert = ST_REPORT_INSERT, .update = ST_REPORT_UPDATE, .guess = PK_REPORT,
	.get = report_get, .bind = report_put_bind, .json = report_put_json,
	.done = report_done, .amend = report_amend, .batch = BP_REPORT,
};

enum bl_err store_report_put(struct store *st, struct report *r)
{
	struct report_put rp = { .r = r, .asked = r->status };
	enum bl_err rc = put_audited(st, &report_ops, &rp, NULL, NULL);

	report_release(&rp.old);
	return rc;
}

enum bl_err store_reports_each(struct store *st,
			       int (*fn)(void *ctx, const char *ref, const struct report *r),
			       void *ctx)
{
	struct dbq *s = stmt_get(st, ST_REPORTS);
	struct report r;
	enum bl_err rc = BL_OK;
	int stop = 0;

	while (!stop && rows_next(st, s, "read reports", &rc)) {
		col_report(s, 1, &r);
		stop = fn(ctx, dbq_text(s, 0), &r);
		report_release(&r);
	}
	dbq_reset(s);
	return stop ? store_fail(st, BL_EINVAL, "stopped") : rc;
}

/* ---- targets ---- */

static const char *tier_text(int tier)
{
	return tier == TIER_ANY ? "" : tier_keys[tier];
}

static int tier_parse(const char *s)
{
	int t;

	for (t = 0; s && t < TIER__MAX; t++)
		if (!strcmp(s, tier_keys[t]))
			return t;
	return TIER_ANY;
}

static void bind_target_key(struct dbq *s, const struct target *t)
{
	char due[11];

	dbq_bind_i64(s, 1, t->year);
	bind_str(s, 2, measure_info[t->measure].key);
	bind_str(s, 3, tier_text(t->tier));
	dbq_bind_i64(s, 4, t->section_id);
	dbq_bind_i64(s, 5, t->department_id);
	dbq_bind_i64(s, 6, t->industrial != 0);
	dbq_bind_text(s, 7, day_format(t->due, due), -1);
}

struct target_put {
	struct target *t, old;
};

/* The stored target of t's key: old is t with the stored id, value, version. */
static enum bl_err target_get(struct store *st, void *p)
{
	struct target_put *tp = p;
	struct dbq *s = stmt_get(st, ST_TARGET_FIND);
	enum bl_err rc = BL_OK;
	int step;

	if (!s)
		return BL_EDB;
	bind_target_key(s, tp->t);
	step = dbq_step(s);
	tp->old = *tp->t;
	if (step == DB_ROW) {
		tp->old.id = dbq_i64(s, 0);
		tp->old.value = dbq_i64(s, 1);
		tp->old.version = dbq_i64(s, 2);
		tp->t->id = tp->old.id;
	} else {
		rc = step == DB_DONE ? BL_ENOTFOUND : db_fail(st, "read target");
	}
	dbq_reset(s);
	return rc;
}

/* ST_TARGET_INSERT: the key and ?8 value; ST_TARGET_UPDATE: ?1 id, ?2 value. */
static void target_bind(struct dbq *s, void *p, int update)
{
	const struct target *t = ((struct target_put *)p)->t;

	if (update) {
		dbq_bind_i64(s, 1, t->id);
		dbq_bind_i64(s, 2, t->value);
	} else {
		bind_target_key(s, t);
		dbq_bind_i64(s, 8, t->value);
	}
}

static void target_put_json(struct buf *b, void *p, int stored)
{
	struct target_put *tp = p;

	target_json(b, stored ? &tp->old : tp->t);
}

static void target_done(struct store *st, void *p, enum store_put how, struct buf *key)
{
	struct target_put *tp = p;

	if (how == PUT_INSERTED)
		tp->t->id = db_last_id(st->db);
	tp->t->version = put_version(how, tp->old.version);
	if (key)
		buf_addf(key, "%lld", (long long)tp->t->id);
}

static const struct put_ops target_ops = {
	.entity = "target", .name = "target", .flags = PUT_DIFF,
	.insert = ST_TARGET_INSERT, .update = ST_TARGET_UPDATE,
	.get = target_get, .bind = target_bind, .json = target_put_json, .done = target_done,
};

enum bl_err store_target_put(struct store *st, struct target *t)
{
	struct target_put tp = { .t = t };

	return put_audited(st, &target_ops, &tp, NULL, NULL);
}

enum bl_err store_targets(struct store *st, int year, struct target **out, size_t *n)
{
	struct dbq *s = stmt_get(st, ST_TARGETS_YEAR);
	struct target *arr = NULL;
	size_t len = 0, alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, year);
	while ((rc = dbq_step(s)) == DB_ROW) {
		int m = measure_from_key(dbq_text(s, 2));
		struct target *t;

		if (m < 0)
			continue; /* a measure this binary does not know */
		XGROW(arr, alloc, len + 1);
		t = &arr[len++];
		t->id = dbq_i64(s, 0);
		t->year = (int)dbq_i64(s, 1);
		t->measure = (enum measure_key)m;
		t->tier = tier_parse(dbq_text(s, 3));
		t->section_id = dbq_i64(s, 4);
		t->department_id = dbq_i64(s, 5);
		t->industrial = (int)dbq_i64(s, 6);
		t->due = col_day(s, 7);
		t->value = dbq_i64(s, 8);
		t->version = dbq_i64(s, 9);
	}
	dbq_reset(s);
	if (rc != DB_DONE) {
		free(arr);
		return db_fail(st, "read targets");
	}
	*out = arr;
	*n = len;
	return BL_OK;
}

/* ---- indicators ---- */

/* The audit JSON of an indicator entry. */
static void indicator_json(struct buf *b, const struct indicator_entry *e)
{
	buf_addf(b, "{\"value\":%lld,\"source\":", (long long)e->v.value);
	if (e->source)
		buf_add_json_str(b, e->source);
	else
		buf_adds(b, "null");
	buf_adds(b, ",\"note\":");
	if (e->note)
		buf_add_json_str(b, e->note);
	else
		buf_adds(b, "null");
	buf_addch(b, '}');
}

/* The entry of one row whose columns start at base: value, source, note,
 * version (strings copied). */
static void col_indicator(struct dbq *s, int base, struct indicator_entry *e)
{
	e->v.value = dbq_i64(s, base);
	e->source = col_str(s, base + 1);
	e->note = col_str(s, base + 2);
	e->version = dbq_i64(s, base + 3);
}

enum bl_err store_indicator_get(struct store *st, enum measure_key m, int64_t unit_id,
				bl_month month, struct indicator_entry *out)
{
	struct dbq *s = stmt_get(st, ST_INDICATOR_GET);
	int step;

	memset(out, 0, sizeof(*out));
	out->v.measure = m;
	out->v.unit_id = unit_id;
	out->v.month = month;
	if (!s)
		return BL_EDB;
	bind_str(s, 1, measure_info[m].key);
	dbq_bind_i64(s, 2, unit_id);
	bind_month(s, 3, month);
	step = dbq_step(s);
	if (step == DB_ROW)
		col_indicator(s, 0, out);
	dbq_reset(s);
	if (step == DB_ROW)
		return BL_OK;
	if (step != DB_DONE)
		return db_fail(st, "read indicator");
	return store_fail(st, BL_ENOTFOUND, "no such indicator value");
}

struct indicator_put {
	struct indicator_entry *e, old;
};

static enum bl_err indicator_get(struct store *st, void *p)
{
	struct indicator_put *ip = p;
	const struct indicator_entry *e = ip->e;

	return store_indicator_get(st, e->v.measure, e->v.unit_id, e->v.month, &ip->old);
}

static void indicator_bind(struct dbq *s, void *p, int update)
{
	const struct indicator_entry *e = ((struct indicator_put *)p)->e;

	(void)update;
	bind_str(s, 1, measure_info[e->v.measure].key);
	dbq_bind_i64(s, 2, e->v.unit_id);
	bind_month(s, 3, e->v.month);
	dbq_bind_i64(s, 4, e->v.value);
	bind_str(s, 5, e->source);
	bind_str(s, 6, e->note);
}

static void indicator_put_json(struct buf *b, void *p, int stored)
{
	struct indicator_put *ip = p;

	indicator_json(b, stored ? &ip->old : ip->e);
}

static void indicator_done(struct store *st, void *p, enum store_put how, struct buf *key)
{
	struct indicator_put *ip = p;
	const struct indicator_entry *e = ip->e;
	char month[8];

	(void)st;
	ip->e->version = put_version(how, ip->old.version);
	if (key)
		buf_addf(key, "%s/%lld/%s", measure_info[e->v.measure].key,
			 (long long)e->v.unit_id, month_format(e->v.month, month));
}

static const struct put_ops indicator_ops = {
	.entity = "indicator", .name = "indicator", .flags = PUT_DIFF,
	.insert = ST_INDICATOR_INSERT, .update = ST_INDICATOR_UPDATE,
	.get = indicator_get, .bind = indicator_bind, .json = indicator_put_json,
	.done = indicator_done, .batch = BP_INDICATOR,
};

enum bl_err store_indicator_put(struct store *st, struct indicator_entry *e)
{
	struct indicator_put ip = { .e = e };
	enum bl_err rc = put_audited(st, &indicator_ops, &ip, NULL, NULL);

	indicator_entry_release(&ip.old);
	return rc;
}

enum bl_err store_indicators_each(struct store *st, int year,
				  int (*fn)(void *ctx, const struct indicator_entry *e),
				  void *ctx)
{
	struct dbq *s = stmt_get(st, ST_INDICATORS_EACH);
	struct indicator_entry e;
	enum bl_err rc = BL_OK;
	int stop = 0;

	if (!s)
		return BL_EDB;
	if (year) {
		bind_month(s, 1, month_from_ym(year, 1));
		bind_month(s, 2, month_from_ym(year, 12));
	}
	while (!stop && rows_next(st, s, "read indicators", &rc)) {
		int m = measure_from_key(dbq_text(s, 0));

		if (m < 0 || !measure_info[m].indicator)
			continue; /* a measure this binary does not know */
		memset(&e, 0, sizeof(e));
		e.v.measure = (enum measure_key)m;
		e.v.unit_id = dbq_i64(s, 1);
		e.v.month = col_month(s, 2);
		col_indicator(s, 3, &e);
		stop = fn(ctx, &e);
		indicator_entry_release(&e);
	}
	dbq_reset(s);
	return stop ? store_fail(st, BL_EINVAL, "stopped") : rc;
}

/* ---- settings ---- */

enum bl_err store_setting_get(struct store *st, const char *key, char **out)
{
	struct dbq *s = stmt_get(st, ST_SETTING_GET);
	int rc;

	*out = NULL;
	if (!s)
		return BL_EDB;
	bind_str(s, 1, key);
	rc = dbq_step(s);
	if (rc == DB_ROW)
		*out = col_str(s, 0);
	dbq_reset(s);
	if (rc == DB_ROW)
		return BL_OK;
	if (rc != DB_DONE)
		return db_fail(st, "read setting");
	return store_fail(st, BL_ENOTFOUND, "setting %s is not set", key);
}

struct setting_put {
	const char *key, *value;
	char *old;
};

static enum bl_err setting_get(struct store *st, void *p)
{
	struct setting_put *sp = p;

	return store_setting_get(st, sp->key, &sp->old);
}

static void setting_bind(struct dbq *s, void *p, int update)
{
	struct setting_put *sp = p;

	(void)update;
	bind_str(s, 1, sp->key);
	bind_str(s, 2, sp->value);
}

/* The audit form of a setting's value: {"value":"..."}. */
static void setting_json(struct buf *b, const char *value)
{
	buf_adds(b, "{\"value\":");
	buf_add_json_str(b, value);
	buf_addch(b, '}');
}

static void setting_put_json(struct buf *b, void *p, int stored)
{
	struct setting_put *sp = p;

	setting_json(b, stored ? sp->old : sp->value);
}

static void setting_done(struct store *st, void *p, enum store_put how, struct buf *key)
{
	(void)st;
	(void)how;
	if (key)
		buf_adds(key, ((struct setting_put *)p)->key);
}

static const struct put_ops setting_ops = {
	.entity = "setting", .name = "setting", .flags = PUT_DIFF,
	.insert = ST_SETTING_PUT, .update = ST_SETTING_PUT,
	.get = setting_get, .bind = setting_bind, .json = setting_put_json, .done = setting_done,
};

enum bl_err store_setting_set(struct store *st, const char *key, const char *value)
{
	struct setting_put sp = { .key = key, .value = value };
	enum bl_err rc = put_audited(st, &setting_ops, &sp, NULL, NULL);

	free(sp.old);
	return rc;
}

enum bl_err store_setting_delete(struct store *st, const char *key)
{
	struct buf before = BUF_INIT;
	struct dbq *s;
	char *old = NULL;
	enum bl_err rc;

	rc = store_setting_get(st, key, &old);
	if (rc == BL_ENOTFOUND) {
		st->last_put = PUT_UNCHANGED;
		return BL_OK;
	}
	if (rc)
		return rc;
	s = stmt_get(st, ST_SETTING_DELETE);
	if (!s) {
		rc = BL_EDB;
		goto out;
	}
	bind_str(s, 1, key);
	rc = step_done(st, s, "delete setting");
	if (rc)
		goto out;
	setting_json(&before, old);
	rc = audit_append(st, "delete", "setting", key, before.s, NULL);
out:
	free(old);
	buf_release(&before);
	return rc;
}

enum bl_err store_settings_each(struct store *st,
				int (*fn)(void *ctx, const char *key, const char *value),
				void *ctx)
{
	struct dbq *s = stmt_get(st, ST_SETTINGS);
	enum bl_err rc = BL_OK;
	int stop = 0;

	while (!stop && rows_next(st, s, "read settings", &rc))
		stop = fn(ctx, dbq_text(s, 0),
			  dbq_text(s, 1));
	dbq_reset(s);
	return stop ? store_fail(st, BL_EINVAL, "stopped") : rc;
}
