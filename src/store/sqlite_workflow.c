/* sqlite_workflow.c — the report workflow's reads and status transitions. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_workflow.h"
#include "util/xalloc.h"

void report_row_release(struct report_row *rr)
{
	report_release(&rr->r);
	free(rr->return_reason);
	free(rr->submitted_by);
	free(rr->submitted_at);
	free(rr->verified_by);
	free(rr->verified_at);
	memset(rr, 0, sizeof(*rr));
}

/* The columns of REPORT_ROW_COLS (sqlite.c). */
static void col_row(struct dbq *s, struct report_row *rr)
{
	const char *status = dbq_text(s, 6);
	int k;

	memset(rr, 0, sizeof(*rr));
	rr->r.project_id = dbq_i64(s, 0);
	rr->r.month = col_month(s, 1);
	rr->r.invest = col_amount(s, 2);
	rr->r.output = col_amount(s, 3);
	rr->r.progress = col_str(s, 4);
	rr->r.problems = col_str(s, 5);
	rr->r.status = REPORT_SUBMITTED;
	for (k = 0; status && k < REPORT_STATUS__MAX; k++)
		if (!strcmp(status, report_status_keys[k]))
			rr->r.status = (enum report_status)k;
	rr->r.version = dbq_i64(s, 7);
	rr->return_reason = col_str(s, 8);
	rr->submitted_by = col_str(s, 9);
	rr->submitted_at = col_str(s, 10);
	rr->verified_by = col_str(s, 11);
	rr->verified_at = col_str(s, 12);
}

enum bl_err store_report_get(struct store *st, int64_t project_id, bl_month month,
			     struct report_row *out)
{
	struct dbq *s = stmt_get(st, ST_REPORT_ROW_GET);
	enum bl_err rc = BL_OK;
	int step;

	memset(out, 0, sizeof(*out));
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, project_id);
	bind_month(s, 2, month);
	step = dbq_step(s);
	if (step == DB_ROW)
		col_row(s, out);
	else if (step == DB_DONE)
		rc = store_fail(st, BL_ENOTFOUND, "no report for that month");
	else
		rc = db_fail(st, "read report");
	dbq_reset(s);
	return rc;
}

enum bl_err store_reports_month(struct store *st, bl_month month,
				int (*fn)(void *ctx, const struct report_row *rr), void *ctx)
{
	struct dbq *s = stmt_get(st, ST_REPORT_ROWS_MONTH);
	struct report_row rr;
	enum bl_err rc = BL_OK;
	int stop = 0;

	if (!s)
		return BL_EDB;
	bind_month(s, 1, month);
	while (!stop && rows_next(st, s, "read reports", &rc)) {
		col_row(s, &rr);
		stop = fn(ctx, &rr);
		report_row_release(&rr);
	}
	dbq_reset(s);
	return rc;
}

static void stamp(struct buf *b, const char *name, const char *v)
{
	buf_addf(b, ",\"%s\":", name);
	if (v)
		buf_add_json_str(b, v);
	else
		buf_adds(b, "null");
}

/* The audit form of a report with its workflow stamps: report_json's members,
 * then return_reason, submitted_by/at and verified_by/at as stored. */
static void report_row_json(struct buf *b, const struct report_row *rr)
{
	report_json(b, &rr->r);
	buf_truncate(b, b->len - 1);
	stamp(b, "return_reason", rr->return_reason);
	stamp(b, "submitted_by", rr->submitted_by);
	stamp(b, "submitted_at", rr->submitted_at);
	stamp(b, "verified_by", rr->verified_by);
	stamp(b, "verified_at", rr->verified_at);
	buf_addch(b, '}');
}

enum bl_err store_report_transition(struct store *st, int64_t project_id, bl_month month,
				    unsigned from_mask, enum report_status to, const char *by,
				    const char *reason)
{
	struct report_row old, now_row;
	struct buf before = BUF_INIT, after = BUF_INIT, key = BUF_INIT;
	struct dbq *s;
	char now[32], mon[8];
	enum bl_err rc;

	memset(&now_row, 0, sizeof(now_row));
	rc = store_report_get(st, project_id, month, &old);
	if (rc)
		return rc;
	if (!(from_mask & (1u << old.r.status))) {
		rc = store_fail(st, BL_ECONFLICT, "the report is %s; it cannot become %s",
				report_status_keys[old.r.status], report_status_keys[to]);
		goto out;
	}
	s = stmt_get(st, to == REPORT_VERIFIED ? ST_REPORT_VERIFY
			 : to == REPORT_SUBMITTED ? ST_REPORT_SUBMIT : ST_REPORT_RETURN);
	if (!s) {
		rc = BL_EDB;
		goto out;
	}
	store_now_text(now);
	dbq_bind_i64(s, 1, project_id);
	bind_month(s, 2, month);
	bind_str(s, 3, report_status_keys[to]);
	bind_str(s, 4, by);
	bind_str(s, 5, now);
	if (to == REPORT_RETURNED)
		bind_str(s, 6, reason);
	rc = step_done(st, s, "change report status");
	if (rc)
		goto out;
	/* What changed, stamps included, before and after as stored, so that
	 * verify can rebuild the row from the trail. */
	rc = store_report_get(st, project_id, month, &now_row);
	if (rc)
		goto out;
	report_row_json(&before, &old);
	report_row_json(&after, &now_row);
	audit_json_diff(before.s, after.s, &st->diff_before, &st->diff_after);
	period_key(st, &key, project_id, month_format(month, mon));
	rc = audit_append(st, report_status_keys[to], "report", key.s, st->diff_before.s,
			  st->diff_after.s);
out:
	report_row_release(&old);
	report_row_release(&now_row);
	buf_release(&before);
	buf_release(&after);
	buf_release(&key);
	return rc;
}

enum bl_err store_target_delete(struct store *st, int64_t id)
{
	struct dbq *s = stmt_get(st, ST_TARGET_GET);
	struct buf key = BUF_INIT, before = BUF_INIT;
	enum bl_err rc = BL_OK;

	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, id);
	if (dbq_step(s) != DB_ROW) {
		dbq_reset(s);
		return store_fail(st, BL_ENOTFOUND, "no target %lld", (long long)id);
	}
	buf_addf(&before, "{\"id\":%lld,\"year\":%d,\"measure\":", (long long)id,
		 (int)dbq_i64(s, 0));
	buf_add_json_str(&before, dbq_text(s, 1));
	buf_adds(&before, ",\"tier\":");
	buf_add_json_str(&before, dbq_text(s, 2));
	buf_addf(&before, ",\"section_id\":%lld,\"department_id\":%lld,\"industrial\":%d,"
		 "\"due\":\"%s\",\"value\":%lld}", (long long)dbq_i64(s, 3),
		 (long long)dbq_i64(s, 4), (int)dbq_i64(s, 5),
		 dbq_text(s, 6), (long long)dbq_i64(s, 7));
	dbq_reset(s);
	s = stmt_get(st, ST_TARGET_DELETE);
	if (!s) {
		rc = BL_EDB;
		goto out;
	}
	dbq_bind_i64(s, 1, id);
	rc = step_done(st, s, "delete target");
	if (rc)
		goto out;
	buf_addf(&key, "%lld", (long long)id);
	rc = audit_append(st, "delete", "target", key.s, before.s, NULL);
out:
	buf_release(&key);
	buf_release(&before);
	return rc;
}
