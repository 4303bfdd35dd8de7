/* sqlite_leads.c — the lead pool and its log (store_leads.h): reads, the
 * insert of a lead with its first log entry, the append of an entry with the
 * row's new state (version re-checked), and the talents units report; each
 * write audited (put_audited, sqlite_rows.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_leads.h"
#include "util/xalloc.h"

/* The columns of LEAD_COLS (sqlite.c). */
static void col_lead(struct dbq *s, struct lead *l)
{
	lead_init(l);
	l->id = dbq_i64(s, 0);
	l->company = col_str(s, 1);
	l->uscc = col_str(s, 2);
	l->industry = col_str(s, 3);
	l->amount = col_amount(s, 4);
	l->source = col_str(s, 5);
	l->found_by = col_id(s, 6);
	l->followed_by = col_id(s, 7);
	l->stage = (enum lead_stage)col_key(s, 8, lead_stage_keys, LS__MAX, LS_LEAD);
	l->reason = col_str(s, 9);
	l->found_on = col_day(s, 10);
	l->signed_on = col_day(s, 11);
	l->project_id = col_id(s, 12);
	l->last_on = col_day(s, 13);
	l->version = dbq_i64(s, 14);
	l->project_ref = col_str(s, 15);
}

static void col_log(struct dbq *s, struct lead_log *g)
{
	memset(g, 0, sizeof(*g));
	g->id = dbq_i64(s, 0);
	g->lead_id = dbq_i64(s, 1);
	g->kind = (enum lead_log_kind)col_key(s, 2, lead_log_keys, LK__MAX, LK_NOTE);
	g->on = col_day(s, 3);
	g->at = col_str(s, 4);
	g->actor = col_str(s, 5);
	g->body = col_str(s, 6);
	g->stage = (enum lead_stage)col_key(s, 7, lead_stage_keys, LS__MAX, LS_LEAD);
}

enum bl_err store_lead_get(struct store *st, int64_t id, struct lead *out)
{
	struct dbq *s = stmt_get(st, ST_LEAD_GET);
	enum bl_err rc = BL_OK;
	int step;

	lead_init(out);
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, id);
	step = dbq_step(s);
	if (step == DB_ROW)
		col_lead(s, out);
	else if (step == DB_DONE)
		rc = store_fail(st, BL_ENOTFOUND, "no lead %lld", (long long)id);
	else
		rc = db_fail(st, "read lead");
	dbq_reset(s);
	return rc;
}

enum bl_err store_leads_each(struct store *st, int (*fn)(void *ctx, const struct lead *l),
			     void *ctx)
{
	struct dbq *s = stmt_get(st, ST_LEADS);
	struct lead l;
	int stop = 0;
	enum bl_err rc = BL_OK;

	while (!stop && rows_next(st, s, "read leads", &rc)) {
		col_lead(s, &l);
		stop = fn(ctx, &l);
		lead_release(&l);
	}
	dbq_reset(s);
	return rc;
}

enum bl_err store_lead_log(struct store *st, int64_t lead_id,
			   int (*fn)(void *ctx, const struct lead_log *g), void *ctx)
{
	struct dbq *s = stmt_get(st, ST_LEAD_LOG);
	struct lead_log g;
	int stop = 0;
	enum bl_err rc = BL_OK;

	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, lead_id);
	while (!stop && rows_next(st, s, "read the lead's log", &rc)) {
		col_log(s, &g);
		stop = fn(ctx, &g);
		lead_log_release(&g);
	}
	dbq_reset(s);
	return rc;
}

/* ---- writes (the audit forms: sqlite_forms.c lead_fields, lead_log_fields) ---- */

/* ST_LEAD_LOG_INSERT: ?1 lead … ?7 stage. */
static void log_bind(struct dbq *s, void *row, int update)
{
	const struct lead_log *g = row;

	(void)update;
	dbq_bind_i64(s, 1, g->lead_id);
	bind_str(s, 2, lead_log_keys[g->kind]);
	bind_day(s, 3, g->on);
	bind_str(s, 4, g->at);
	bind_str(s, 5, g->actor);
	bind_str(s, 6, g->body);
	bind_str(s, 7, lead_stage_keys[g->stage]);
}

static const struct put_ops log_kind = {
	.entity = "lead_log", .name = "lead log", .insert = ST_LEAD_LOG_INSERT,
	.update = ST_LEAD_LOG_INSERT, .bind = log_bind,
};

/* ST_LEAD_INSERT: the fields from ?1; ST_LEAD_UPDATE: ?1 id, the fields from
 * ?2, ?15 the version re-checked. */
static void lead_bind(struct dbq *s, void *row, int update)
{
	const struct lead *l = row;
	int first = update ? 2 : 1;

	if (update) {
		dbq_bind_i64(s, 1, l->id);
		dbq_bind_i64(s, 15, l->version);
	}
	bind_str(s, first, l->company);
	bind_str(s, first + 1, l->uscc);
	bind_str(s, first + 2, l->industry);
	bind_amount(s, first + 3, l->amount);
	bind_str(s, first + 4, l->source);
	dbq_bind_i64(s, first + 5, l->found_by);
	dbq_bind_i64(s, first + 6, l->followed_by);
	bind_str(s, first + 7, lead_stage_keys[l->stage]);
	bind_str(s, first + 8, l->reason);
	bind_day(s, first + 9, l->found_on);
	bind_day(s, first + 10, l->signed_on);
	bind_id(s, first + 11, l->project_id);
	bind_day(s, first + 12, l->last_on);
}

static const struct put_ops lead_kind = {
	.entity = "lead", .name = "lead", .insert = ST_LEAD_INSERT,
	.update = ST_LEAD_UPDATE, .bind = lead_bind, .flags = PUT_KEEP_SAME,
};

static enum bl_err insert_log(struct store *st, struct lead_log *g)
{
	row_stamp(st, &g->at, &g->actor);
	g->id = 0;
	return put_audited(st, &log_kind, g, &g->id, NULL);
}

enum bl_err store_lead_insert(struct store *st, struct lead *l, struct lead_log *g)
{
	enum bl_err rc;

	l->stage = g->stage;
	l->last_on = g->on;
	l->id = 0;
	rc = put_audited(st, &lead_kind, l, &l->id, &l->version);
	if (rc)
		return rc;
	g->lead_id = l->id;
	return insert_log(st, g);
}

enum bl_err store_lead_step(struct store *st, struct lead *l, struct lead_log *g)
{
	enum store_put how;
	struct lead old;
	enum bl_err rc;

	st->last_put = PUT_UNCHANGED;
	rc = store_lead_get(st, l->id, &old);
	if (rc)
		return rc;
	if (old.version != l->version) {
		rc = store_fail(st, BL_ECONFLICT, "stale: lead %lld is at version %lld, not %lld",
				(long long)l->id, (long long)old.version, (long long)l->version);
		goto out;
	}
	l->stage = g->stage;
	if (old.last_on == DAY_NONE || g->on > old.last_on)
		l->last_on = g->on;
	else
		l->last_on = old.last_on;
	rc = put_audited(st, &lead_kind, l, &l->id, &l->version);
	if (rc)
		goto out;
	how = st->last_put;
	g->lead_id = l->id;
	rc = insert_log(st, g);
	st->last_put = how;
out:
	lead_release(&old);
	return rc;
}

/* ---- the signed leads the contest reads (h-talent) ---- */

static void col_signing(struct dbq *s, void *row)
{
	struct lead_signing *x = row;

	x->followed_by = dbq_i64(s, 0);
	x->signed_on = col_day(s, 1);
	x->amount = col_amount(s, 2);
}

enum bl_err store_lead_signings(struct store *st, struct lead_signing **out, size_t *n)
{
	enum bl_err rc = rows_read(st, stmt_get(st, ST_LEAD_SIGNINGS), "read signed leads",
				   sizeof(**out), col_signing, (void **)out, n);

	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* ---- talents (人才/团队) reported per unit and month ---- */

static void col_talent(struct dbq *s, void *row)
{
	struct talent_count *t = row;

	t->unit_id = dbq_i64(s, 0);
	t->month = col_month(s, 1);
	t->count = dbq_i64(s, 2);
}

enum bl_err store_talents(struct store *st, struct talent_count **out, size_t *n)
{
	return rows_read(st, stmt_get(st, ST_TALENTS), "read talent counts", sizeof(**out),
			 col_talent, (void **)out, n);
}

enum bl_err store_talent_put(struct store *st, const struct talent_count *t)
{
	struct dbq *g = stmt_get(st, ST_TALENT_GET), *w;
	char before[40], after[40], month[8];
	int step, found;
	int64_t old = 0;
	enum bl_err rc;

	st->last_put = PUT_UNCHANGED;
	if (!g)
		return BL_EDB;
	dbq_bind_i64(g, 1, t->unit_id);
	bind_month(g, 2, t->month);
	step = dbq_step(g);
	found = step == DB_ROW;
	if (found)
		old = dbq_i64(g, 0);
	dbq_reset(g);
	if (step != DB_ROW && step != DB_DONE)
		return db_fail(st, "read talent count");
	if (found && old == t->count)
		return BL_OK;
	w = stmt_get(st, found ? ST_TALENT_UPDATE : ST_TALENT_INSERT);
	if (!w)
		return BL_EDB;
	dbq_bind_i64(w, 1, t->unit_id);
	bind_month(w, 2, t->month);
	dbq_bind_i64(w, 3, t->count);
	rc = step_done(st, w, "write talent count");
	if (rc)
		return rc;
	snprintf(before, sizeof(before), "{\"count\":%lld}", (long long)old);
	snprintf(after, sizeof(after), "{\"count\":%lld}", (long long)t->count);
	buf_reset(&st->key);
	buf_addf(&st->key, "%lld/%s", (long long)t->unit_id, month_format(t->month, month));
	rc = audit_append(st, found ? "update" : "insert", "talent_count", st->key.s,
			  found ? before : NULL, after);
	st->last_put = found ? PUT_UPDATED : PUT_INSERTED;
	return rc;
}
