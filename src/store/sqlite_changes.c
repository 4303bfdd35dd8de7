/* sqlite_changes.c — the SQLite side of store_changes.h: the issued years and
 * the change requests, whose proposed values are kept as a JSON text of
 * {"field": [from, to], …} (the keys of core/changes.h). Every write is
 * audited with the row's whole form, as verify rebuilds it. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_changes.h"
#include "util/xalloc.h"

void plan_issue_release(struct plan_issue *pi)
{
	free(pi->issued_at);
	free(pi->issued_by);
	memset(pi, 0, sizeof(*pi));
}

void plan_issues_free(struct plan_issue *a, size_t n)
{
	size_t i;

	for (i = 0; a && i < n; i++)
		plan_issue_release(&a[i]);
	free(a);
}

static void col_issue(struct dbq *s, void *row)
{
	struct plan_issue *pi = row;

	pi->year = (int)dbq_i64(s, 0);
	pi->issued_at = col_str(s, 1);
	pi->issued_by = col_str(s, 2);
}

enum bl_err store_plan_issue_get(struct store *st, int year, struct plan_issue *out)
{
	struct dbq *s = stmt_get(st, ST_PLAN_ISSUE_GET);
	enum bl_err rc = BL_OK;
	int step;

	memset(out, 0, sizeof(*out));
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, year);
	step = dbq_step(s);
	if (step == DB_ROW)
		col_issue(s, out);
	else if (step == DB_DONE)
		rc = store_fail(st, BL_ENOTFOUND, "the %d plan is not issued", year);
	else
		rc = db_fail(st, "read plan issue");
	dbq_reset(s);
	return rc;
}

/* The audit form of an issue. */
static void issue_json(struct buf *b, const struct plan_issue *pi)
{
	buf_addf(b, "{\"year\":%d,\"issued_at\":", pi->year);
	buf_add_json_str(b, pi->issued_at);
	buf_adds(b, ",\"issued_by\":");
	buf_add_json_str(b, pi->issued_by);
	buf_addch(b, '}');
}

enum bl_err store_plan_issue(struct store *st, int year, struct plan_issue *out)
{
	struct plan_issue pi;
	struct buf after = BUF_INIT, key = BUF_INIT;
	struct dbq *s;
	char now[32];
	enum bl_err rc;

	rc = store_plan_issue_get(st, year, &pi);
	if (rc == BL_OK) {
		rc = store_fail(st, BL_ECONFLICT, "the %d plan was issued at %s by %s", year,
				pi.issued_at, pi.issued_by);
		goto out;
	}
	if (rc != BL_ENOTFOUND)
		goto out;
	s = stmt_get(st, ST_PLAN_ISSUE_INSERT);
	if (!s) {
		rc = BL_EDB;
		goto out;
	}
	store_now_text(now);
	pi.year = year;
	pi.issued_at = xstrdup(now);
	pi.issued_by = xstrdup(st->actor ? st->actor : "unknown");
	dbq_bind_i64(s, 1, year);
	bind_str(s, 2, pi.issued_at);
	bind_str(s, 3, pi.issued_by);
	rc = step_done(st, s, "issue plan");
	if (rc)
		goto out;
	issue_json(&after, &pi);
	buf_addf(&key, "%d", year);
	rc = audit_append(st, "issue", "plan", key.s, NULL, after.s);
out:
	if (out) {
		*out = pi;
		memset(&pi, 0, sizeof(pi));
	}
	plan_issue_release(&pi);
	buf_release(&after);
	buf_release(&key);
	return rc;
}

enum bl_err store_plan_issues(struct store *st, struct plan_issue **out, size_t *n)
{
	return rows_read(st, stmt_get(st, ST_PLAN_ISSUES), "read plan issues", sizeof(**out),
			 col_issue, (void **)out, n);
}

enum bl_err store_project_lock_year(struct store *st, int64_t project_id, int *year)
{
	struct dbq *s = stmt_get(st, ST_PROJECT_LOCK_YEAR);
	enum bl_err rc = BL_OK;

	*year = 0;
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, project_id);
	if (dbq_step(s) == DB_ROW)
		*year = (int)dbq_i64(s, 0); /* NULL (none) reads as 0 */
	else
		rc = db_fail(st, "read plan lock");
	dbq_reset(s);
	return rc;
}

/* ---- the changes as JSON ---- */

static void value_json(struct buf *b, const struct change_values *v, enum change_field f)
{
	char tmp[11];
	int k;

	if (CF_DATES & CF_BIT(f)) {
		if (v->day[f] == DAY_NONE)
			buf_adds(b, "null");
		else
			buf_addf(b, "\"%s\"", day_format(v->day[f], tmp));
	} else if (f == CF_TIERS) {
		const char *sep = "";

		buf_addch(b, '[');
		for (k = 0; k < TIER__MAX; k++)
			if (v->tiers & TIER_BIT(k)) {
				buf_addf(b, "%s\"%s\"", sep, tier_keys[k]);
				sep = ",";
			}
		buf_addch(b, ']');
	} else if (f == CF_ANNUAL_PLAN) {
		if (v->annual_plan == AMOUNT_NONE)
			buf_adds(b, "null");
		else
			buf_addf(b, "%lld", (long long)v->annual_plan);
	} else if (!v->has_month_plan) {
		buf_adds(b, "null");
	} else {
		for (k = 0; k < 12; k++)
			buf_addf(b, "%c%lld", k ? ',' : '[', (long long)v->month_plan[k]);
		buf_addch(b, ']');
	}
}

/* {"field": [from, to], …} of cr's fields, in field order. */
static void changes_json(struct buf *b, const struct change_request *cr)
{
	int f, first = 1;

	buf_addch(b, '{');
	for (f = 0; f < CF__MAX; f++) {
		if (!(cr->fields & CF_BIT(f)))
			continue;
		buf_addf(b, "%s\"%s\":[", first ? "" : ",", change_field_keys[f]);
		value_json(b, &cr->from, (enum change_field)f);
		buf_addch(b, ',');
		value_json(b, &cr->to, (enum change_field)f);
		buf_addch(b, ']');
		first = 0;
	}
	buf_addch(b, '}');
}

/* One value of field f from JSON; -1 when it is not one. */
static int value_parse(json_t *j, enum change_field f, struct change_values *v)
{
	size_t i;
	int k;

	if (CF_DATES & CF_BIT(f)) {
		v->day[f] = DAY_NONE;
		return json_is_null(j) ? 0
			: !json_is_string(j) || day_parse_iso(json_string_value(j), &v->day[f]) ? -1 : 0;
	}
	if (f == CF_TIERS) {
		v->tiers = 0;
		for (i = 0; json_is_array(j) && i < json_array_size(j); i++)
			for (k = 0; k < TIER__MAX; k++)
				if (json_is_string(json_array_get(j, i)) &&
				    !strcmp(json_string_value(json_array_get(j, i)), tier_keys[k]))
					v->tiers |= TIER_BIT(k);
		return json_is_array(j) ? 0 : -1;
	}
	if (f == CF_ANNUAL_PLAN) {
		v->annual_plan = json_is_integer(j) ? (int64_t)json_integer_value(j) : AMOUNT_NONE;
		return json_is_integer(j) || json_is_null(j) ? 0 : -1;
	}
	v->has_month_plan = json_is_array(j) && json_array_size(j) == 12;
	for (k = 0; v->has_month_plan && k < 12; k++)
		v->month_plan[k] = (int64_t)json_integer_value(json_array_get(j, (size_t)k));
	return v->has_month_plan || json_is_null(j) ? 0 : -1;
}

/* The fields and values of the stored text into cr. A text that is not what
 * changes_json writes gives what can be read of it. */
static void changes_parse(const char *text, struct change_request *cr)
{
	json_t *o = text ? json_loads(text, 0, NULL) : NULL, *v;
	const char *k;
	int f;

	json_object_foreach(o, k, v) {
		f = change_field_from_key(k);
		if (f < 0 || !json_is_array(v) || json_array_size(v) != 2)
			continue;
		if (!value_parse(json_array_get(v, 0), (enum change_field)f, &cr->from) &&
		    !value_parse(json_array_get(v, 1), (enum change_field)f, &cr->to))
			cr->fields |= CF_BIT(f);
	}
	json_decref(o);
}

/* The columns of CHANGE_COLS (sqlite.c). */
static void col_change(struct dbq *s, struct change_request *cr)
{
	const char *kind = dbq_text(s, 6);
	const char *status = dbq_text(s, 9);
	int k;

	change_request_init(cr);
	cr->id = dbq_i64(s, 0);
	cr->project_id = dbq_i64(s, 1);
	cr->ref = col_str(s, 2);
	cr->section_id = col_id(s, 3);
	cr->department_id = col_id(s, 4);
	cr->year = (int)dbq_i64(s, 5);
	cr->kind = kind && !strcmp(kind, change_kind_keys[CK_ACTUAL]) ? CK_ACTUAL : CK_PLAN;
	changes_parse(dbq_text(s, 7), cr);
	cr->reason = col_str(s, 8);
	k = status ? change_status_from_key(status) : -1;
	cr->status = k < 0 ? CR_PENDING : (enum change_status)k;
	cr->proposed_by = col_str(s, 10);
	cr->proposed_at = col_str(s, 11);
	cr->decided_by = col_str(s, 12);
	cr->decided_at = col_str(s, 13);
	cr->decision_reason = col_str(s, 14);
	cr->version = dbq_i64(s, 15);
	cr->project_name = col_str(s, 16);
}

enum bl_err store_change_get(struct store *st, int64_t id, struct change_request *out)
{
	struct dbq *s = stmt_get(st, ST_CHANGE_GET);
	enum bl_err rc = BL_OK;
	int step;

	change_request_init(out);
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, id);
	step = dbq_step(s);
	if (step == DB_ROW)
		col_change(s, out);
	else if (step == DB_DONE)
		rc = store_fail(st, BL_ENOTFOUND, "no change request %lld", (long long)id);
	else
		rc = db_fail(st, "read change request");
	dbq_reset(s);
	return rc;
}

enum bl_err store_change_insert(struct store *st, struct change_request *cr)
{
	struct dbq *s = stmt_get(st, ST_CHANGE_INSERT);
	struct buf text = BUF_INIT;
	struct change_request now;
	char at[32];
	enum bl_err rc;

	change_request_init(&now);
	if (!s)
		return BL_EDB;
	changes_json(&text, cr);
	store_now_text(at);
	dbq_bind_i64(s, 1, cr->project_id);
	dbq_bind_i64(s, 2, cr->year);
	bind_str(s, 3, change_kind_keys[cr->kind]);
	bind_str(s, 4, text.s);
	bind_str(s, 5, cr->reason);
	bind_str(s, 6, st->actor ? st->actor : "unknown");
	bind_str(s, 7, at);
	rc = step_done(st, s, "insert change request");
	if (rc)
		goto out;
	rc = store_change_get(st, db_last_id(st->db), &now);
	if (!rc)
		rc = row_form(st, "change_request", now.id, &st->after);
	if (!rc)
		rc = audit_append(st, "propose", "change_request", st->key.s, NULL, st->after.s);
	if (rc)
		goto out;
	cr->id = now.id;
	cr->status = now.status;
	cr->version = now.version;
	free(cr->proposed_by);
	free(cr->proposed_at);
	cr->proposed_by = now.proposed_by;
	cr->proposed_at = now.proposed_at;
	now.proposed_by = now.proposed_at = NULL;
out:
	change_request_release(&now);
	buf_release(&text);
	return rc;
}

enum bl_err store_changes_each(struct store *st, const struct change_filter *f,
			       int (*fn)(void *ctx, const struct change_request *cr), void *ctx)
{
	struct dbq *s = stmt_get(st, ST_CHANGES);
	struct change_request cr;
	enum bl_err rc = BL_OK;
	int stop = 0;

	if (!s)
		return BL_EDB;
	if (f->status >= 0 && f->status < CR_STATUS__MAX)
		bind_str(s, 1, change_status_keys[f->status]);
	bind_id(s, 2, f->project_id);
	if (f->year)
		dbq_bind_i64(s, 3, f->year);
	while (!stop && rows_next(st, s, "read change requests", &rc)) {
		col_change(s, &cr);
		stop = fn(ctx, &cr);
		change_request_release(&cr);
	}
	dbq_reset(s);
	return stop ? store_fail(st, BL_EINVAL, "stopped") : rc;
}

enum bl_err store_change_decide(struct store *st, int64_t id, unsigned from_mask,
				enum change_status to, const char *action, const char *reason)
{
	struct change_request old;
	struct dbq *s = stmt_get(st, ST_CHANGE_DECIDE);
	char at[32];
	enum bl_err rc = s ? store_change_get(st, id, &old) : BL_EDB;

	if (rc)
		return rc;
	if (!(from_mask & (1u << old.status)))
		rc = store_fail(st, BL_ECONFLICT, "the change request is %s; it cannot become %s",
				change_status_keys[old.status], change_status_keys[to]);
	change_request_release(&old);
	if (!rc)
		rc = row_form(st, "change_request", id, &st->before);
	if (rc)
		return rc;
	store_now_text(at);
	dbq_bind_i64(s, 1, id);
	bind_str(s, 2, change_status_keys[to]);
	bind_str(s, 3, st->actor ? st->actor : "unknown");
	bind_str(s, 4, at);
	bind_str(s, 5, reason);
	rc = step_done(st, s, "decide change request");
	if (!rc)
		rc = row_form(st, "change_request", id, &st->after);
	if (rc)
		return rc;
	/* The entry holds what the decision changed, as every update's does. */
	audit_json_diff(st->before.s, st->after.s, &st->diff_before, &st->diff_after);
	return audit_append(st, action, "change_request", st->key.s, st->diff_before.s,
			    st->diff_after.s);
}
