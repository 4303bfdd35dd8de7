/* sqlite_visits.c — commando teams, site visits and the webhook outbox
 * (store_visits.h): reads, the audited insert of a visit and put of a team
 * (version re-checked), and the outbox's unaudited delivery state. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_visits.h"
#include "util/xalloc.h"

/* The columns of VISIT_COLS (sqlite.c). */
static void col_visit(sqlite3_stmt *s, struct visit *v)
{
	visit_init(v);
	v->id = sqlite3_column_int64(s, 0);
	v->project_id = sqlite3_column_int64(s, 1);
	v->on = col_day(s, 2);
	v->kind = visit_kind_from_text((const char *)sqlite3_column_text(s, 3)) < 0 ? VK_OTHER :
		(enum visit_kind)visit_kind_from_text((const char *)sqlite3_column_text(s, 3));
	v->who = col_str(s, 4);
	v->findings = col_str(s, 5);
	v->recorded_by = col_str(s, 6);
	v->recorded_at = col_str(s, 7);
	v->version = sqlite3_column_int64(s, 8);
}

enum bl_err store_visits_each(struct store *st, int64_t project_id,
			      int (*fn)(void *ctx, const struct visit *v), void *ctx)
{
	sqlite3_stmt *s = stmt_get(st, project_id ? ST_VISITS : ST_VISITS_ALL);
	struct visit v;
	int step, stop = 0;
	enum bl_err rc = BL_OK;

	if (!s)
		return BL_EDB;
	if (project_id)
		sqlite3_bind_int64(s, 1, project_id);
	while (!stop && (step = sqlite3_step(s)) == SQLITE_ROW) {
		col_visit(s, &v);
		stop = fn(ctx, &v);
		visit_release(&v);
	}
	if (!stop && step != SQLITE_DONE)
		rc = db_fail(st, "read visits");
	sqlite3_reset(s);
	return rc;
}

enum bl_err store_visit_get(struct store *st, int64_t id, struct visit *out)
{
	sqlite3_stmt *s = stmt_get(st, ST_VISIT_GET);
	enum bl_err rc = BL_OK;
	int step;

	visit_init(out);
	if (!s)
		return BL_EDB;
	sqlite3_bind_int64(s, 1, id);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		col_visit(s, out);
	else if (step == SQLITE_DONE)
		rc = store_fail(st, BL_ENOTFOUND, "no visit %lld", (long long)id);
	else
		rc = db_fail(st, "read visit");
	sqlite3_reset(s);
	return rc;
}

/* ---- the audit forms (sqlite_forms.c rebuilds them from the rows) ---- */

static void j_str(struct buf *b, const char *k, const char *v)
{
	buf_addf(b, ",\"%s\":", k);
	if (v)
		buf_add_json_str(b, v);
	else
		buf_adds(b, "null");
}

static void visit_json(struct buf *b, const struct visit *v)
{
	char day[11];

	buf_reset(b);
	buf_addf(b, "{\"id\":%lld,\"project_id\":%lld", (long long)v->id,
		 (long long)v->project_id);
	j_str(b, "on", day_format(v->on, day));
	j_str(b, "kind", visit_kind_keys[v->kind]);
	j_str(b, "who", v->who);
	j_str(b, "findings", v->findings);
	j_str(b, "recorded_by", v->recorded_by);
	j_str(b, "recorded_at", v->recorded_at);
	buf_addch(b, '}');
}

static void team_json(struct buf *b, const struct team *t)
{
	buf_reset(b);
	buf_addf(b, "{\"id\":%lld,\"project_id\":%lld", (long long)t->id,
		 (long long)t->project_id);
	j_str(b, "name", t->name);
	j_str(b, "members", t->members);
	buf_addch(b, '}');
}

static void id_key(struct buf *key, int64_t id)
{
	buf_reset(key);
	buf_addf(key, "%lld", (long long)id);
}

enum bl_err store_visit_insert(struct store *st, struct visit *v)
{
	sqlite3_stmt *s = stmt_get(st, ST_VISIT_INSERT);
	char now[32];
	enum bl_err rc;

	st->last_put = PUT_UNCHANGED;
	if (!s)
		return BL_EDB;
	store_now_text(now);
	free(v->recorded_at);
	v->recorded_at = xstrdup(now);
	free(v->recorded_by);
	v->recorded_by = xstrdup(st->actor ? st->actor : "ballast");
	sqlite3_bind_int64(s, 1, v->project_id);
	bind_day(s, 2, v->on);
	bind_str(s, 3, visit_kind_keys[v->kind]);
	bind_str(s, 4, v->who);
	bind_str(s, 5, v->findings);
	bind_str(s, 6, v->recorded_by);
	bind_str(s, 7, v->recorded_at);
	rc = step_done(st, s, "insert visit");
	if (rc)
		return rc;
	v->id = sqlite3_last_insert_rowid(st->db);
	v->version = 1;
	visit_json(&st->after, v);
	id_key(&st->key, v->id);
	rc = audit_append(st, "insert", "visit", st->key.s, NULL, st->after.s);
	if (!rc)
		st->last_put = PUT_INSERTED;
	return rc;
}

/* ---- teams ---- */

static void col_team(sqlite3_stmt *s, struct team *t)
{
	team_init(t);
	t->id = sqlite3_column_int64(s, 0);
	t->project_id = sqlite3_column_int64(s, 1);
	t->name = col_str(s, 2);
	t->members = col_str(s, 3);
	t->version = sqlite3_column_int64(s, 4);
}

enum bl_err store_team_get(struct store *st, int64_t project_id, struct team *out)
{
	sqlite3_stmt *s = stmt_get(st, ST_TEAM_GET);
	enum bl_err rc = BL_OK;
	int step;

	team_init(out);
	if (!s)
		return BL_EDB;
	sqlite3_bind_int64(s, 1, project_id);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		col_team(s, out);
	else if (step == SQLITE_DONE)
		rc = BL_ENOTFOUND;
	else
		rc = db_fail(st, "read team");
	sqlite3_reset(s);
	return rc;
}

enum bl_err store_teams_each(struct store *st, int (*fn)(void *ctx, const struct team *t),
			     void *ctx)
{
	sqlite3_stmt *s = stmt_get(st, ST_TEAMS);
	struct team t;
	int step, stop = 0;
	enum bl_err rc = BL_OK;

	if (!s)
		return BL_EDB;
	while (!stop && (step = sqlite3_step(s)) == SQLITE_ROW) {
		col_team(s, &t);
		stop = fn(ctx, &t);
		team_release(&t);
	}
	if (!stop && step != SQLITE_DONE)
		rc = db_fail(st, "read teams");
	sqlite3_reset(s);
	return rc;
}

static enum bl_err team_update(struct store *st, struct team *t, const struct team *old)
{
	sqlite3_stmt *s;
	enum bl_err rc;

	team_json(&st->before, old);
	team_json(&st->after, t);
	if (!strcmp(st->before.s, st->after.s))
		return BL_OK;
	s = stmt_get(st, ST_TEAM_UPDATE);
	if (!s)
		return BL_EDB;
	sqlite3_bind_int64(s, 1, t->id);
	bind_str(s, 2, t->name);
	bind_str(s, 3, t->members);
	sqlite3_bind_int64(s, 4, t->version);
	rc = step_done(st, s, "update team");
	if (rc)
		return rc;
	if (sqlite3_changes(st->db) != 1)
		return store_fail(st, BL_ECONFLICT, "stale: the team was changed by someone else");
	t->version++;
	id_key(&st->key, t->id);
	st->last_put = PUT_UPDATED;
	return audit_append(st, "update", "team", st->key.s, st->before.s, st->after.s);
}

enum bl_err store_team_put(struct store *st, struct team *t)
{
	sqlite3_stmt *s;
	struct team old;
	enum bl_err rc;

	st->last_put = PUT_UNCHANGED;
	rc = store_team_get(st, t->project_id, &old);
	if (!rc) {
		if (old.version != t->version)
			rc = store_fail(st, BL_ECONFLICT, "stale: the team is at version %lld, not %lld",
					(long long)old.version, (long long)t->version);
		else {
			t->id = old.id;
			rc = team_update(st, t, &old);
		}
		team_release(&old);
		return rc;
	}
	if (rc != BL_ENOTFOUND)
		return rc;
	if (t->version)
		return store_fail(st, BL_ECONFLICT, "stale: the project has no team any more");
	s = stmt_get(st, ST_TEAM_INSERT);
	if (!s)
		return BL_EDB;
	sqlite3_bind_int64(s, 1, t->project_id);
	bind_str(s, 2, t->name);
	bind_str(s, 3, t->members);
	rc = step_done(st, s, "insert team");
	if (rc)
		return rc;
	t->id = sqlite3_last_insert_rowid(st->db);
	t->version = 1;
	team_json(&st->after, t);
	id_key(&st->key, t->id);
	st->last_put = PUT_INSERTED;
	return audit_append(st, "insert", "team", st->key.s, NULL, st->after.s);
}

/* ---- the webhook outbox ---- */

enum bl_err store_outbox_add(struct store *st, const char *key, const char *text, int *added)
{
	sqlite3_stmt *s = stmt_get(st, ST_OUTBOX_ADD);
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
		*added = sqlite3_changes(st->db) == 1;
	return rc;
}

enum bl_err store_outbox_next(struct store *st, int64_t now, int64_t *id, char **text,
			      int *attempts)
{
	sqlite3_stmt *s = stmt_get(st, ST_OUTBOX_NEXT);
	enum bl_err rc = BL_OK;
	int step;

	*text = NULL;
	if (!s)
		return BL_EDB;
	sqlite3_bind_int64(s, 1, now);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		*text = col_str(s, 1);
		*attempts = sqlite3_column_int(s, 2);
	} else if (step == SQLITE_DONE) {
		rc = BL_ENOTFOUND;
	} else {
		rc = db_fail(st, "read the outbox");
	}
	sqlite3_reset(s);
	return rc;
}

enum bl_err store_outbox_sent(struct store *st, int64_t id)
{
	sqlite3_stmt *s = stmt_get(st, ST_OUTBOX_SENT);
	char now[32];

	if (!s)
		return BL_EDB;
	store_now_text(now);
	sqlite3_bind_int64(s, 1, id);
	bind_str(s, 2, now);
	return step_done(st, s, "mark a notification sent");
}

enum bl_err store_outbox_failed(struct store *st, int64_t id, int64_t next_at, const char *why)
{
	sqlite3_stmt *s = stmt_get(st, ST_OUTBOX_FAILED);

	if (!s)
		return BL_EDB;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, next_at);
	bind_str(s, 3, why);
	return step_done(st, s, "record a failed notification");
}
