/* sqlite_leaders.c — leader links, named project lists and visit marks
 * (store_leaders.h): reads, and writes that re-check versions inside the
 * caller's transaction and audit every row they add, change or delete. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_accounts.h"
#include "store/store_leaders.h"
#include "util/xalloc.h"

/* ---- writes (the audit forms: sqlite_forms.c, read back from the rows) ---- */

/* A link's or a list member's two ids, as their inserts bind them. */
struct pair {
	int64_t a, b;
};

static void pair_bind(struct dbq *s, void *row, int update)
{
	const struct pair *p = row;

	(void)update;
	dbq_bind_i64(s, 1, p->a);
	dbq_bind_i64(s, 2, p->b);
}

static const struct put_ops link_kind = {
	.entity = "project_leader", .name = "a row", .insert = ST_LEADER_LINK_INSERT,
	.update = ST_LEADER_LINK_INSERT, .bind = pair_bind,
};
static const struct put_ops member_kind = {
	.entity = "project_list_member", .name = "a row", .insert = ST_LIST_MEMBER_INSERT,
	.update = ST_LIST_MEMBER_INSERT, .bind = pair_bind,
};

/* Insert the pair (a, b) of kind k, audited. */
static enum bl_err insert_pair(struct store *st, const struct put_ops *k, int64_t a, int64_t b)
{
	struct pair p = { a, b };
	int64_t id = 0;

	return put_audited(st, k, &p, &id, NULL);
}

/* ---- links ---- */

enum bl_err store_leader_links(struct store *st, int64_t project_id, int64_t user_id,
			       int (*fn)(void *ctx, const struct leader_link *l), void *ctx)
{
	struct dbq *s = stmt_get(st, project_id ? ST_LEADER_LINKS_PROJECT :
				   user_id ? ST_LEADER_LINKS_USER : ST_LEADER_LINKS);
	enum bl_err rc = BL_OK;
	int stop = 0;

	if (!s)
		return BL_EDB;
	if (project_id || user_id)
		dbq_bind_i64(s, 1, project_id ? project_id : user_id);
	while (!stop && rows_next(st, s, "read the leader links", &rc)) {
		struct leader_link l = {
			dbq_i64(s, 0), dbq_i64(s, 1),
			dbq_i64(s, 2), dbq_text(s, 3),
			dbq_text(s, 4),
		};

		if (!project_id || !user_id || l.user_id == user_id) /* both: the pair's */
			stop = fn(ctx, &l);
	}
	dbq_reset(s);
	return rc;
}

struct links { int64_t *id, *user; size_t n, alloc; };

static int collect_link(void *ctx, const struct leader_link *l)
{
	struct links *k = ctx;

	if (k->n == k->alloc) {
		k->alloc = k->alloc ? 2 * k->alloc : 8;
		k->id = xrealloc(k->id, k->alloc * sizeof(*k->id));
		k->user = xrealloc(k->user, k->alloc * sizeof(*k->user));
	}
	k->id[k->n] = l->id;
	k->user[k->n++] = l->user_id;
	return 0;
}

static int collect_project(void *ctx, const struct leader_link *l)
{
	struct links *k = ctx;
	struct leader_link as = { l->id, 0, l->project_id, NULL, NULL };

	return collect_link(k, &as);
}

enum bl_err store_leader_project_ids(struct store *st, int64_t user_id, int64_t **ids,
				     size_t *n)
{
	struct links k = { NULL, NULL, 0, 0 };
	struct project_list l;
	enum bl_err rc = store_leader_links(st, 0, user_id, collect_project, &k);

	free(k.id);
	project_list_init(&l);
	l.project_ids = k.user;
	l.n = k.n;
	project_list_normalise(&l);
	*ids = rc ? (free(l.project_ids), NULL) : l.project_ids;
	*n = rc ? 0 : l.n;
	return rc;
}

struct accounts { struct leader_account *v; size_t n, alloc; };

static int take_account(void *ctx, const struct user *u)
{
	struct accounts *a = ctx;

	if (u->role != ROLE_LEADER || u->disabled)
		return 0;
	XGROW(a->v, a->alloc, a->n + 1);
	a->v[a->n].id = u->id;
	a->v[a->n].username = xstrdup(u->username);
	a->v[a->n].display_name = u->display_name ? xstrdup(u->display_name) : NULL;
	a->n++;
	return 0;
}

enum bl_err store_leader_accounts(struct store *st, struct leader_account **v, size_t *n)
{
	struct accounts a = { NULL, 0, 0 };
	enum bl_err rc = store_users_each(st, take_account, &a);

	*v = a.v;
	*n = a.n;
	return rc;
}

static int has_id(const int64_t *ids, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

/* The project's 挂钩领导 text as ST_PROJECT_LEADER_TEXT binds it. */
struct leader_text {
	int64_t id, stored;
	const char *text;
};

static void leader_text_bind(struct dbq *s, void *row, int update)
{
	const struct leader_text *t = row;

	(void)update;
	dbq_bind_i64(s, 1, t->id);
	bind_str(s, 2, *t->text ? t->text : NULL);
	dbq_bind_i64(s, 3, t->stored);
}

/* An update of the project's row: its entry holds the leader text only. */
static const struct put_ops leader_text_kind = {
	.entity = "project", .name = "the project's leaders", .insert = ST_PROJECT_LEADER_TEXT,
	.update = ST_PROJECT_LEADER_TEXT, .bind = leader_text_bind, .flags = PUT_DIFF,
};

/* The project's 挂钩领导 made text, its version checked (version > 0). */
static enum bl_err set_leader_text(struct store *st, int64_t project_id, const char *text,
				   int64_t version, int64_t *new_version)
{
	struct dbq *s = stmt_get(st, ST_PROJECT_LEADER_GET);
	struct leader_text t = { project_id, 0, text };
	char *old = NULL;
	enum bl_err rc = BL_OK;
	int step;

	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, project_id);
	step = dbq_step(s);
	if (step == DB_ROW) {
		old = col_str(s, 0);
		t.stored = dbq_i64(s, 1);
	}
	dbq_reset(s);
	if (step != DB_ROW)
		return step == DB_DONE ? store_fail(st, BL_ENOTFOUND, "no such project")
					   : db_fail(st, "read a project");
	if (version > 0 && version != t.stored)
		rc = store_fail(st, BL_ECONFLICT, "stale: the project changed (version %lld, not %lld)",
				(long long)t.stored, (long long)version);
	else if (strcmp(old ? old : "", text))
		rc = put_audited(st, &leader_text_kind, &t, &t.id, &t.stored);
	if (!rc && new_version)
		*new_version = t.stored;
	free(old);
	return rc;
}

enum bl_err store_project_leaders_set(struct store *st, int64_t project_id,
				      const int64_t *user_ids, size_t n, const char *text,
				      int64_t version, int64_t *new_version)
{
	struct links k = { NULL, NULL, 0, 0 };
	enum bl_err rc = BL_OK;
	size_t i;

	if (text)
		rc = set_leader_text(st, project_id, text, version, new_version);
	if (!rc && !batch_inserted(st, BP_PROJECT, project_id)) /* a new project has none */
		rc = store_leader_links(st, project_id, 0, collect_link, &k);
	for (i = 0; !rc && i < k.n; i++) {
		if (has_id(user_ids, n, k.user[i]))
			continue;
		rc = row_delete(st, "project_leader", ST_LEADER_LINK_DELETE, k.id[i]);
	}
	for (i = 0; !rc && i < n; i++)
		if (!has_id(k.user, k.n, user_ids[i]) && !has_id(user_ids, i, user_ids[i]))
			rc = insert_pair(st, &link_kind, project_id, user_ids[i]);
	free(k.id);
	free(k.user);
	return rc;
}

/* ---- named lists ---- */

enum bl_err store_lists_each(struct store *st,
			     int (*fn)(void *ctx, int64_t id, const char *name, int64_t version,
				       int64_t members),
			     void *ctx)
{
	struct dbq *s = stmt_get(st, ST_LISTS);
	enum bl_err rc = BL_OK;
	int stop = 0;

	while (!stop && rows_next(st, s, "read the lists", &rc))
		stop = fn(ctx, dbq_i64(s, 0), dbq_text(s, 1),
			  dbq_i64(s, 2), dbq_i64(s, 3));
	dbq_reset(s);
	return rc;
}

/* The members of list_id: their row ids and project ids (ascending). */
static enum bl_err list_members(struct store *st, int64_t list_id, struct links *k)
{
	struct dbq *s = stmt_get(st, ST_LIST_MEMBERS);
	enum bl_err rc = BL_OK;

	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, list_id);
	while (rows_next(st, s, "read a list's members", &rc)) {
		struct leader_link l = { dbq_i64(s, 0), 0, dbq_i64(s, 1),
					 NULL, NULL };

		collect_link(k, &l);
	}
	return rc;
}

enum bl_err store_list_get(struct store *st, const char *name, struct project_list *out)
{
	struct dbq *s = stmt_get(st, ST_LIST_BY_NAME);
	struct links k = { NULL, NULL, 0, 0 };
	enum bl_err rc;
	int step;

	project_list_init(out);
	if (!s)
		return BL_EDB;
	bind_str(s, 1, name);
	step = dbq_step(s);
	if (step == DB_ROW) {
		out->id = dbq_i64(s, 0);
		out->name = col_str(s, 1);
		out->version = dbq_i64(s, 2);
	}
	dbq_reset(s);
	if (step != DB_ROW)
		return step == DB_DONE ? BL_ENOTFOUND : db_fail(st, "read a list");
	rc = list_members(st, out->id, &k);
	free(k.id);
	out->project_ids = k.user;
	out->n = k.n;
	return rc;
}

/* The stored name and version of list id into *name (caller frees) and
 * *version; BL_ENOTFOUND when none. */
static enum bl_err list_head(struct store *st, int64_t id, char **name, int64_t *version)
{
	struct dbq *s = stmt_get(st, ST_LIST_VERSION);
	int step;

	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, id);
	step = dbq_step(s);
	if (step == DB_ROW && name)
		*name = col_str(s, 0);
	if (step == DB_ROW)
		*version = dbq_i64(s, 1);
	dbq_reset(s);
	if (step != DB_ROW)
		return step == DB_DONE ? store_fail(st, BL_ENOTFOUND, "no such list")
					   : db_fail(st, "read a list");
	return BL_OK;
}

enum bl_err store_list_by_id(struct store *st, int64_t id, struct project_list *out)
{
	struct links k = { NULL, NULL, 0, 0 };
	enum bl_err rc;

	project_list_init(out);
	rc = list_head(st, id, &out->name, &out->version);
	if (rc)
		return rc;
	out->id = id;
	rc = list_members(st, id, &k);
	free(k.id);
	out->project_ids = k.user;
	out->n = k.n;
	return rc;
}

/* Insert l, or rename it (audited when the name changes). */
static enum bl_err list_row(struct store *st, struct project_list *l)
{
	struct dbq *s = stmt_get(st, l->id ? ST_LIST_UPDATE : ST_LIST_INSERT);
	int64_t stored = 0, id = l->id;
	enum bl_err rc;

	if (!s)
		return BL_EDB;
	if (id) {
		rc = list_head(st, id, NULL, &stored);
		if (!rc && stored != l->version)
			rc = store_fail(st, BL_ECONFLICT, "stale: the list changed (version %lld,"
					" not %lld)", (long long)stored, (long long)l->version);
		if (!rc)
			rc = row_form(st, "project_list", id, &st->before);
		if (rc)
			return rc;
		dbq_bind_i64(s, 1, id);
		bind_str(s, 2, l->name);
		dbq_bind_i64(s, 3, stored);
	} else {
		bind_str(s, 1, l->name);
	}
	rc = step_done(st, s, "write a list");
	if (rc == BL_ECONFLICT)
		store_fail(st, rc, "a list named %s exists already", l->name);
	if (rc)
		return rc;
	if (!id)
		l->id = db_last_id(st->db);
	l->version = stored + 1;
	rc = row_form(st, "project_list", l->id, &st->after);
	if (!rc && !id)
		rc = audit_append(st, "insert", "project_list", st->key.s, NULL, st->after.s);
	else if (!rc && strcmp(st->before.s, st->after.s))
		rc = audit_append(st, "update", "project_list", st->key.s, st->before.s, st->after.s);
	return rc;
}

/* Make list_id's members ids (n, ascending): delete the others, insert the new. */
static enum bl_err list_set_members(struct store *st, int64_t list_id, const int64_t *ids,
				    size_t n)
{
	struct links k = { NULL, NULL, 0, 0 };
	enum bl_err rc = list_members(st, list_id, &k);
	size_t i;

	for (i = 0; !rc && i < k.n; i++) {
		if (project_ids_have(ids, n, k.user[i]))
			continue;
		rc = row_delete(st, "project_list_member", ST_LIST_MEMBER_DELETE, k.id[i]);
	}
	for (i = 0; !rc && i < n; i++)
		if (!project_ids_have(k.user, k.n, ids[i]))
			rc = insert_pair(st, &member_kind, list_id, ids[i]);
	free(k.id);
	free(k.user);
	return rc;
}

enum bl_err store_list_put(struct store *st, struct project_list *l)
{
	enum bl_err rc = list_row(st, l);

	return rc ? rc : list_set_members(st, l->id, l->project_ids, l->n);
}

enum bl_err store_list_delete(struct store *st, int64_t id, int64_t version)
{
	struct dbq *s = stmt_get(st, ST_LIST_DELETE);
	int64_t stored = 0;
	enum bl_err rc = s ? list_head(st, id, NULL, &stored) : BL_EDB;

	if (!rc && stored != version)
		rc = store_fail(st, BL_ECONFLICT, "stale: the list changed (version %lld, not %lld)",
				(long long)stored, (long long)version);
	if (!rc)
		rc = list_set_members(st, id, NULL, 0);
	if (!rc)
		rc = row_form(st, "project_list", id, &st->before);
	if (rc)
		return rc;
	dbq_bind_i64(s, 1, id);
	dbq_bind_i64(s, 2, stored);
	rc = step_done(st, s, "delete a list");
	return rc ? rc : audit_append(st, "delete", "project_list", st->key.s, st->before.s, NULL);
}

/* ---- the leader page's visits ---- */

enum bl_err store_leader_visit_get(struct store *st, int64_t user_id, struct leader_visit *v)
{
	struct dbq *s = stmt_get(st, ST_LEADER_VISIT_GET);
	int step;

	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, user_id);
	step = dbq_step(s);
	if (step == DB_ROW) {
		const unsigned char *at = (const unsigned char *)dbq_text(s, 2);

		v->audit_id = dbq_i64(s, 0);
		v->seen_on = col_day(s, 1);
		snprintf(v->seen_at, sizeof(v->seen_at), "%s", at ? (const char *)at : "");
	}
	dbq_reset(s);
	if (step != DB_ROW)
		return step == DB_DONE ? BL_ENOTFOUND : db_fail(st, "read a visit");
	return BL_OK;
}

enum bl_err store_leader_visit_put(struct store *st, int64_t user_id, int64_t audit_id,
				   bl_day seen_on)
{
	struct dbq *s;
	struct leader_visit old;
	char now[32];
	enum bl_err had = store_leader_visit_get(st, user_id, &old), rc;

	if (had && had != BL_ENOTFOUND)
		return had;
	s = stmt_get(st, ST_LEADER_VISIT_PUT);
	if (!s)
		return BL_EDB;
	store_now_text(now);
	dbq_bind_i64(s, 1, user_id);
	dbq_bind_i64(s, 2, audit_id);
	bind_day(s, 3, seen_on);
	bind_str(s, 4, now);
	rc = step_done(st, s, "record a visit");
	if (rc)
		return rc;
	rc = row_form(st, "leader_visit", user_id, &st->after);
	return rc ? rc : audit_append(st, had ? "insert" : "update", "leader_visit", st->key.s,
				      NULL, st->after.s);
}

enum bl_err store_changes_after(struct store *st, int64_t after_id,
				int (*fn)(void *ctx, const char *entity, const char *ref),
				void *ctx)
{
	struct dbq *s = stmt_get(st, ST_CHANGES_AFTER);
	enum bl_err rc = BL_OK;
	int stop = 0;

	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, after_id);
	while (!stop && rows_next(st, s, "read the changes", &rc))
		stop = fn(ctx, dbq_text(s, 0),
			  dbq_text(s, 1));
	dbq_reset(s);
	return rc;
}
