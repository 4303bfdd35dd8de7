/* sqlite_periodic.c — rows that belong to a period: monthly reports, targets,
 * indicator values; and the settings. Same rule as sqlite_entities.c: an
 * unchanged row is not rewritten, a changed one is audited. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/xalloc.h"

/* ---- monthly reports ---- */

static void col_report(sqlite3_stmt *s, int b, struct report *r)
{
	const char *status = (const char *)sqlite3_column_text(s, b + 6);
	int k;

	memset(r, 0, sizeof(*r));
	r->project_id = sqlite3_column_int64(s, b + 0);
	r->month = col_month(s, b + 1);
	r->invest = col_amount(s, b + 2);
	r->output = col_amount(s, b + 3);
	r->progress = col_str(s, b + 4);
	r->problems = col_str(s, b + 5);
	r->status = REPORT_SUBMITTED;
	for (k = 0; status && k < REPORT_STATUS__MAX; k++)
		if (!strcmp(status, report_status_keys[k]))
			r->status = (enum report_status)k;
	r->version = sqlite3_column_int64(s, b + 7);
}

static void bind_report(sqlite3_stmt *s, const struct report *r)
{
	sqlite3_bind_int64(s, 1, r->project_id);
	bind_month(s, 2, r->month);
	bind_amount(s, 3, r->invest);
	bind_amount(s, 4, r->output);
	bind_str(s, 5, r->progress);
	bind_str(s, 6, r->problems);
	bind_str(s, 7, report_status_keys[r->status]);
}

/* The stored report (r->project_id, r->month) into *old (caller releases with
 * report_release) and *found = 1; *found = 0 when there is none. */
static enum bl_err report_get(struct store *st, const struct report *r, struct report *old,
			      int *found)
{
	sqlite3_stmt *s = stmt_get(st, ST_REPORT_GET);
	int step;

	*found = 0;
	if (!s)
		return BL_EDB;
	sqlite3_bind_int64(s, 1, r->project_id);
	bind_month(s, 2, r->month);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		col_report(s, 0, old);
		*found = 1;
	}
	sqlite3_reset(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return db_fail(st, "read report");
	return BL_OK;
}

enum bl_err store_report_put(struct store *st, struct report *r)
{
	struct report old;
	struct buf *before = &st->before, *after = &st->after, *key = &st->key;
	enum report_status status = r->status; /* may be REPORT_STATUS_KEEP */
	sqlite3_stmt *s;
	enum bl_err rc;
	char month[8];
	int found = 0, inserted = 0;

	buf_reset(before);
	buf_reset(after);
	buf_reset(key);
	if (!st->insert_first[PK_REPORT]) {
		rc = report_get(st, r, &old, &found);
		if (rc)
			return rc;
	}
	if (!found) {
		if (status == REPORT_STATUS_KEEP)
			r->status = REPORT_SUBMITTED;
		s = stmt_get(st, ST_REPORT_INSERT);
		if (!s)
			return BL_EDB;
		bind_report(s, r);
		rc = step_done(st, s, "insert report");
		if (rc)
			return rc;
		inserted = sqlite3_changes(st->db) == 1;
		st->insert_first[PK_REPORT] = (unsigned char)inserted;
		if (inserted) {
			r->version = 1;
			report_json(after, r);
			period_key(st, key, r->project_id, month_format(r->month, month));
			return audit_append(st, "insert", "report", key->s, NULL, after->s);
		}
		r->status = status;
		rc = report_get(st, r, &old, &found);
		if (rc)
			return rc;
		if (!found)
			return store_fail(st, BL_EDB, "internal: a report neither inserted nor found");
	}
	if (status == REPORT_STATUS_KEEP)
		r->status = old.status;
	report_json(after, r);
	report_json(before, &old);
	if (!strcmp(before->s, after->s)) {
		st->last_put = PUT_UNCHANGED;
		r->version = old.version;
		rc = BL_OK;
		goto out;
	}
	if (status == REPORT_STATUS_KEEP && r->status != REPORT_DRAFT &&
	    r->status != REPORT_SUBMITTED) {
		r->status = REPORT_SUBMITTED;
		buf_reset(after);
		report_json(after, r);
	}
	s = stmt_get(st, ST_REPORT_UPDATE);
	if (!s) {
		rc = BL_EDB;
		goto out;
	}
	bind_report(s, r);
	rc = step_done(st, s, "update report");
	if (rc)
		goto out;
	r->version = old.version + 1;
	period_key(st, key, r->project_id, month_format(r->month, month));
	rc = audit_append(st, "update", "report", key->s, before->s, after->s);
out:
	report_release(&old);
	return rc;
}

enum bl_err store_reports_each(struct store *st,
			       int (*fn)(void *ctx, const char *ref, const struct report *r),
			       void *ctx)
{
	sqlite3_stmt *s = stmt_get(st, ST_REPORTS);
	struct report r;
	int rc, stop = 0;

	if (!s)
		return BL_EDB;
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		col_report(s, 1, &r);
		stop = fn(ctx, (const char *)sqlite3_column_text(s, 0), &r);
		report_release(&r);
	}
	sqlite3_reset(s);
	if (stop)
		return store_fail(st, BL_EINVAL, "stopped");
	if (rc != SQLITE_DONE)
		return db_fail(st, "read reports");
	return BL_OK;
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

static void bind_target_key(sqlite3_stmt *s, const struct target *t)
{
	char due[11];

	sqlite3_bind_int(s, 1, t->year);
	bind_str(s, 2, measure_info[t->measure].key);
	bind_str(s, 3, tier_text(t->tier));
	sqlite3_bind_int64(s, 4, t->section_id);
	sqlite3_bind_int64(s, 5, t->department_id);
	sqlite3_bind_int(s, 6, t->industrial != 0);
	sqlite3_bind_text(s, 7, day_format(t->due, due), -1, SQLITE_TRANSIENT);
}

enum bl_err store_target_put(struct store *st, struct target *t)
{
	sqlite3_stmt *s = stmt_get(st, ST_TARGET_FIND);
	struct target old;
	struct buf before = BUF_INIT, after = BUF_INIT, key = BUF_INIT;
	enum bl_err rc = BL_OK;
	int found, step;

	if (!s)
		return BL_EDB;
	bind_target_key(s, t);
	step = sqlite3_step(s);
	found = step == SQLITE_ROW;
	old = *t;
	if (found) {
		old.id = sqlite3_column_int64(s, 0);
		old.value = sqlite3_column_int64(s, 1);
		old.version = sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	if (!found && step != SQLITE_DONE)
		return db_fail(st, "read target");
	if (found) {
		t->id = old.id;
		if (old.value == t->value) {
			st->last_put = PUT_UNCHANGED;
			t->version = old.version;
			return BL_OK;
		}
		s = stmt_get(st, ST_TARGET_UPDATE);
		if (!s)
			return BL_EDB;
		sqlite3_bind_int64(s, 1, t->id);
		sqlite3_bind_int64(s, 2, t->value);
		rc = step_done(st, s, "update target");
		t->version = old.version + 1;
		target_json(&before, &old);
	} else {
		s = stmt_get(st, ST_TARGET_INSERT);
		if (!s)
			return BL_EDB;
		bind_target_key(s, t);
		sqlite3_bind_int64(s, 8, t->value);
		rc = step_done(st, s, "insert target");
		t->id = sqlite3_last_insert_rowid(st->db);
		t->version = 1;
	}
	if (rc)
		goto out;
	target_json(&after, t);
	buf_addf(&key, "%lld", (long long)t->id);
	rc = audit_append(st, found ? "update" : "insert", "target", key.s,
			  found ? before.s : NULL, after.s);
out:
	buf_release(&before);
	buf_release(&after);
	buf_release(&key);
	return rc;
}

enum bl_err store_targets(struct store *st, int year, struct target **out, size_t *n)
{
	sqlite3_stmt *s = stmt_get(st, ST_TARGETS_YEAR);
	struct target *arr = NULL;
	size_t len = 0, alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return BL_EDB;
	sqlite3_bind_int(s, 1, year);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int m = measure_from_key((const char *)sqlite3_column_text(s, 2));
		struct target *t;

		if (m < 0)
			continue; /* a measure this binary does not know */
		XGROW(arr, alloc, len + 1);
		t = &arr[len++];
		t->id = sqlite3_column_int64(s, 0);
		t->year = sqlite3_column_int(s, 1);
		t->measure = (enum measure_key)m;
		t->tier = tier_parse((const char *)sqlite3_column_text(s, 3));
		t->section_id = sqlite3_column_int64(s, 4);
		t->department_id = sqlite3_column_int64(s, 5);
		t->industrial = sqlite3_column_int(s, 6);
		t->due = col_day(s, 7);
		t->value = sqlite3_column_int64(s, 8);
		t->version = sqlite3_column_int64(s, 9);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
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

static int same_text(const char *a, const char *b)
{
	return a ? b && !strcmp(a, b) : !b;
}

/* The entry of one row whose columns start at base: value, source, note,
 * version (strings copied). */
static void col_indicator(sqlite3_stmt *s, int base, struct indicator_entry *e)
{
	e->v.value = sqlite3_column_int64(s, base);
	e->source = col_str(s, base + 1);
	e->note = col_str(s, base + 2);
	e->version = sqlite3_column_int64(s, base + 3);
}

enum bl_err store_indicator_get(struct store *st, enum measure_key m, int64_t unit_id,
				bl_month month, struct indicator_entry *out)
{
	sqlite3_stmt *s = stmt_get(st, ST_INDICATOR_GET);
	int step;

	memset(out, 0, sizeof(*out));
	out->v.measure = m;
	out->v.unit_id = unit_id;
	out->v.month = month;
	if (!s)
		return BL_EDB;
	bind_str(s, 1, measure_info[m].key);
	sqlite3_bind_int64(s, 2, unit_id);
	bind_month(s, 3, month);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		col_indicator(s, 0, out);
	sqlite3_reset(s);
	if (step == SQLITE_ROW)
		return BL_OK;
	if (step != SQLITE_DONE)
		return db_fail(st, "read indicator");
	return store_fail(st, BL_ENOTFOUND, "no such indicator value");
}

enum bl_err store_indicator_put(struct store *st, struct indicator_entry *e)
{
	struct buf before = BUF_INIT, after = BUF_INIT, key = BUF_INIT;
	struct indicator_entry old;
	sqlite3_stmt *s;
	enum bl_err rc;
	char month[8];
	int found;

	rc = store_indicator_get(st, e->v.measure, e->v.unit_id, e->v.month, &old);
	if (rc && rc != BL_ENOTFOUND)
		return rc;
	found = rc == BL_OK;
	if (found && old.v.value == e->v.value && same_text(old.source, e->source) &&
	    same_text(old.note, e->note)) {
		st->last_put = PUT_UNCHANGED;
		e->version = old.version;
		rc = BL_OK;
		goto out;
	}
	s = stmt_get(st, found ? ST_INDICATOR_UPDATE : ST_INDICATOR_INSERT);
	if (!s) {
		rc = BL_EDB;
		goto out;
	}
	bind_str(s, 1, measure_info[e->v.measure].key);
	sqlite3_bind_int64(s, 2, e->v.unit_id);
	bind_month(s, 3, e->v.month);
	sqlite3_bind_int64(s, 4, e->v.value);
	bind_str(s, 5, e->source);
	bind_str(s, 6, e->note);
	rc = step_done(st, s, "write indicator");
	if (rc)
		goto out;
	st->last_put = found ? PUT_UPDATED : PUT_INSERTED;
	e->version = found ? old.version + 1 : 1;
	buf_addf(&key, "%s/%lld/%s", measure_info[e->v.measure].key, (long long)e->v.unit_id,
		 month_format(e->v.month, month));
	if (found)
		indicator_json(&before, &old);
	indicator_json(&after, e);
	rc = audit_append(st, found ? "update" : "insert", "indicator", key.s,
			  found ? before.s : NULL, after.s);
out:
	indicator_entry_release(&old);
	buf_release(&before);
	buf_release(&after);
	buf_release(&key);
	return rc;
}

enum bl_err store_indicators_each(struct store *st, int year,
				  int (*fn)(void *ctx, const struct indicator_entry *e),
				  void *ctx)
{
	sqlite3_stmt *s = stmt_get(st, ST_INDICATORS_EACH);
	struct indicator_entry e;
	int rc, stop = 0;

	if (!s)
		return BL_EDB;
	if (year) {
		bind_month(s, 1, month_from_ym(year, 1));
		bind_month(s, 2, month_from_ym(year, 12));
	}
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int m = measure_from_key((const char *)sqlite3_column_text(s, 0));

		if (m < M_FIRST_INDICATOR)
			continue; /* a measure this binary does not know */
		memset(&e, 0, sizeof(e));
		e.v.measure = (enum measure_key)m;
		e.v.unit_id = sqlite3_column_int64(s, 1);
		e.v.month = col_month(s, 2);
		col_indicator(s, 3, &e);
		stop = fn(ctx, &e);
		indicator_entry_release(&e);
	}
	sqlite3_reset(s);
	if (stop)
		return store_fail(st, BL_EINVAL, "stopped");
	if (rc != SQLITE_DONE)
		return db_fail(st, "read indicators");
	return BL_OK;
}

/* ---- settings ---- */

enum bl_err store_setting_get(struct store *st, const char *key, char **out)
{
	sqlite3_stmt *s = stmt_get(st, ST_SETTING_GET);
	int rc;

	*out = NULL;
	if (!s)
		return BL_EDB;
	bind_str(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = col_str(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return BL_OK;
	if (rc != SQLITE_DONE)
		return db_fail(st, "read setting");
	return store_fail(st, BL_ENOTFOUND, "setting %s is not set", key);
}

enum bl_err store_setting_set(struct store *st, const char *key, const char *value)
{
	struct buf before = BUF_INIT, after = BUF_INIT;
	char *old = NULL;
	sqlite3_stmt *s;
	enum bl_err rc;

	rc = store_setting_get(st, key, &old);
	if (rc && rc != BL_ENOTFOUND)
		return rc;
	if (old && !strcmp(old, value)) {
		st->last_put = PUT_UNCHANGED;
		free(old);
		return BL_OK;
	}
	s = stmt_get(st, ST_SETTING_PUT);
	if (!s) {
		rc = BL_EDB;
		goto out;
	}
	bind_str(s, 1, key);
	bind_str(s, 2, value);
	rc = step_done(st, s, "write setting");
	if (rc)
		goto out;
	if (old) {
		buf_adds(&before, "{\"value\":");
		buf_add_json_str(&before, old);
		buf_addch(&before, '}');
	}
	buf_adds(&after, "{\"value\":");
	buf_add_json_str(&after, value);
	buf_addch(&after, '}');
	rc = audit_append(st, old ? "update" : "insert", "setting", key, old ? before.s : NULL,
			  after.s);
out:
	free(old);
	buf_release(&before);
	buf_release(&after);
	return rc;
}

enum bl_err store_setting_delete(struct store *st, const char *key)
{
	struct buf before = BUF_INIT;
	sqlite3_stmt *s;
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
	buf_adds(&before, "{\"value\":");
	buf_add_json_str(&before, old);
	buf_addch(&before, '}');
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
	sqlite3_stmt *s = stmt_get(st, ST_SETTINGS);
	int rc, stop = 0;

	if (!s)
		return BL_EDB;
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW)
		stop = fn(ctx, (const char *)sqlite3_column_text(s, 0),
			  (const char *)sqlite3_column_text(s, 1));
	sqlite3_reset(s);
	if (stop)
		return store_fail(st, BL_EINVAL, "stopped");
	if (rc != SQLITE_DONE)
		return db_fail(st, "read settings");
	return BL_OK;
}
