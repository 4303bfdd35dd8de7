/* sqlite_visits.c — commando teams, site visits and the webhook outbox
 * (store_visits.h): reads, the audited insert of a visit and put of a team
 * (version re-checked), and the outbox's unaudited delivery state. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_visits.h"
#include "util/xalloc.h"

/* The columns of VISIT_COLS (sqlite.c). */
static void col_visit(struct dbq *s, struct visit *v)
{
	visit_init(v);
	v->id = dbq_i64(s, 0);
	v->project_id = dbq_i64(s, 1);
	v->on = col_day(s, 2);
	v->kind = visit_kind_from_text(dbq_text(s, 3)) < 0 ? VK_OTHER :
		(enum visit_kind)visit_kind_from_text(dbq_text(s, 3));
	v->who = col_str(s, 4);
	v->findings = col_str(s, 5);
	v->recorded_by = col_str(s, 6);
	v->recorded_at = col_str(s, 7);
	v->version = dbq_i64(s, 8);
}

enum bl_err store_visits_each(struct store *st, int64_t project_id,
			      int (*fn)(void *ctx, const struct visit *v), void *ctx)
{
	struct dbq *s = stmt_get(st, project_id ? ST_VISITS : ST_VISITS_ALL);
	struct visit v;
	int stop = 0;
	enum bl_err rc = BL_OK;

	if (!s)
		return BL_EDB;
	if (project_id)
		dbq_bind_i64(s, 1, project_id);
	while (!stop && rows_next(st, s, "read visits", &rc)) {
		col_visit(s, &v);
		stop = fn(ctx, &v);
		visit_release(&v);
	}
	dbq_reset(s);
	return rc;
}

enum bl_err store_visit_get(struct store *st, int64_t id, struct visit *out)
{
	struct dbq *s = stmt_get(st, ST_VISIT_GET);
	enum bl_err rc = BL_OK;
	int step;

	visit_init(out);
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, id);
	step = dbq_step(s);
	if (step == DB_ROW)
		col_visit(s, out);
	else if (step == DB_DONE)
		rc = store_fail(st, BL_ENOTFOUND, "no visit %lld", (long long)id);
	else
		rc = db_fail(st, "read visit");
	dbq_reset(s);
	return rc;
}

/* ---- writes (the audit forms: sqlite_forms.c visit_fields, team_fields) ---- */

/* ST_VISIT_INSERT: ?1 project … ?7 recorded at. */
static void visit_bind(struct dbq *s, void *row, int update)
{
	const struct visit *v = row;

	(void)update;
	dbq_bind_i64(s, 1, v->project_id);
	bind_day(s, 2, v->on);
	bind_str(s, 3, visit_kind_keys[v->kind]);
	bind_str(s, 4, v->who);
	bind_str(s, 5, v->findings);
	bind_str(s, 6, v->recorded_by);
	bind_str(s, 7, v->recorded_at);
}

static const struct put_ops visit_kind = {
	.entity = "visit", .name = "visit", .insert = ST_VISIT_INSERT,
	.update = ST_VISIT_INSERT, .bind = visit_bind,
};

enum bl_err store_visit_insert(struct store *st, struct visit *v)
{
	row_stamp(st, &v->recorded_at, &v->recorded_by);
	v->id = 0;
	return put_audited(st, &visit_kind, v, &v->id, &v->version);
}

/* ---- teams ---- */

static void col_team(struct dbq *s, struct team *t)
{
	team_init(t);
	t->id = dbq_i64(s, 0);
	t->project_id = dbq_i64(s, 1);
	t->name = col_str(s, 2);
	t->members = col_str(s, 3);
	t->version = dbq_i64(s, 4);
}

enum bl_err store_team_get(struct store *st, int64_t project_id, struct team *out)
{
	struct dbq *s = stmt_get(st, ST_TEAM_GET);
	enum bl_err rc = BL_OK;
	int step;

	team_init(out);
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, project_id);
	step = dbq_step(s);
	if (step == DB_ROW)
		col_team(s, out);
	else if (step == DB_DONE)
		rc = BL_ENOTFOUND;
	else
		rc = db_fail(st, "read team");
	dbq_reset(s);
	return rc;
}

enum bl_err store_teams_each(struct store *st, int (*fn)(void *ctx, const struct team *t),
			     void *ctx)
{
	struct dbq *s = stmt_get(st, ST_TEAMS);
	struct team t;
	int stop = 0;
	enum bl_err rc = BL_OK;

	while (!stop && rows_next(st, s, "read teams", &rc)) {
		col_team(s, &t);
		stop = fn(ctx, &t);
		team_release(&t);
	}
	dbq_reset(s);
	return rc;
}

/* ST_TEAM_INSERT: ?1 project, ?2 name, ?3 members; ST_TEAM_UPDATE: ?1 id, ?2
 * name, ?3 members, ?4 the version re-checked. */
static void team_bind(struct dbq *s, void *row, int update)
{
	const struct team *t = row;

	dbq_bind_i64(s, 1, update ? t->id : t->project_id);
	bind_str(s, 2, t->name);
	bind_str(s, 3, t->members);
	if (update)
		dbq_bind_i64(s, 4, t->version);
}

static const struct put_ops team_kind = {
	.entity = "team", .name = "team", .insert = ST_TEAM_INSERT,
	.update = ST_TEAM_UPDATE, .bind = team_bind, .flags = PUT_KEEP_SAME,
};

enum bl_err store_team_put(struct store *st, struct team *t)
{
	struct team old;
	enum bl_err rc;

	st->last_put = PUT_UNCHANGED;
	rc = store_team_get(st, t->project_id, &old);
	if (!rc) {
		if (old.version != t->version)
			rc = store_fail(st, BL_ECONFLICT, "stale: the team is at version %lld, not %lld",
					(long long)old.version, (long long)t->version);
		else
			t->id = old.id;
		team_release(&old);
	} else if (rc == BL_ENOTFOUND) {
		rc = t->version ? store_fail(st, BL_ECONFLICT, "stale: the project has no team any more")
				: BL_OK;
		t->id = 0;
	}
	return rc ? rc : put_audited(st, &team_kind, t, &t->id, &t->version);
}

/* ---- the webhook outbox ---- */

enum bl_err store_outbox_add(struct store *st, const char *key, const char *text, int *added)
{
	struct dbq *s = stmt_get(st, ST_OUTBOX_ADD);
	char now[32];
	enum bl_err rc;

	*added = 0;
	if (!s)
		return BL_EDB;
	store_now_text(now);
	bind_str(s, 1, key);
	bind_str(s, 2, text);
	bind_str(s, 3, now);
	rc = step_done(st, s, "queue a notification");
	if (!rc)
		*added = db_changes(st->db) == 1;
	return rc;
}

enum bl_err store_outbox_next(struct store *st, int64_t now, int64_t *id, char **text,
			      int *attempts)
{
	struct dbq *s = stmt_get(st, ST_OUTBOX_NEXT);
	enum bl_err rc = BL_OK;
	int step;

	*text = NULL;
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, now);
	step = dbq_step(s);
	if (step == DB_ROW) {
		*id = dbq_i64(s, 0);
		*text = col_str(s, 1);
		*attempts = (int)dbq_i64(s, 2);
	} else if (step == DB_DONE) {
		rc = BL_ENOTFOUND;
	} else {
		rc = db_fail(st, "read the outbox");
	}
	dbq_reset(s);
	return rc;
}

enum bl_err store_outbox_sent(struct store *st, int64_t id)
{
	struct dbq *s = stmt_get(st, ST_OUTBOX_SENT);
	char now[32];

	if (!s)
		return BL_EDB;
	store_now_text(now);
	dbq_bind_i64(s, 1, id);
	bind_str(s, 2, now);
	return step_done(st, s, "mark a notification sent");
}

enum bl_err store_outbox_failed(struct store *st, int64_t id, int64_t next_at, const char *why)
{
	struct dbq *s = stmt_get(st, ST_OUTBOX_FAILED);

	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, id);
	dbq_bind_i64(s, 2, next_at);
	bind_str(s, 3, why);
	return step_done(st, s, "record a failed notification");
}
