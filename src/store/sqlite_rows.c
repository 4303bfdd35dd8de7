/* sqlite_rows.c — the one audited write of a row (put_audited: find the stored
 * row, leave it alone when unchanged, insert or update it, then record the
 * entry), the audited delete of a row kept by id (row_delete), and the
 * readers of a statement's rows: into an array (rows_read), or one by one
 * (rows_next, the store's *_each walks), with their small column helpers. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/xalloc.h"

enum bl_err row_form(struct store *st, const char *entity, int64_t id, struct buf *b)
{
	const struct form_table *t = form_table_of(entity);
	struct dbq *s = t ? form_stmt(st, t, FQ_IDS) : NULL;
	json_t *j;
	int step;

	buf_reset(b);
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, id);
	dbq_bind_i64(s, 2, id);
	step = dbq_step(s);
	if (step == DB_ROW) {
		j = form_row(t, s);
		form_text(b, j);
		json_decref(j);
		buf_reset(&st->key);
		buf_adds(&st->key, dbq_text(s, 0));
	}
	dbq_reset(s);
	if (step == DB_ROW)
		return BL_OK;
	return step == DB_DONE ? store_fail(st, BL_ENOTFOUND, "no %s %lld", entity, (long long)id)
				   : db_fail(st, entity);
}

/* ---- the one audited write ---- */

/* Where a put stands: the row is new (to insert), was inserted already (a
 * guess that paid off), is stored (to compare, then update) or unchanged. */
enum put_at { AT_NEW, AT_INSERTED, AT_STORED, AT_SAME };

/* Run ops' insert (update 0) or update statement with p bound; the message
 * names it only on a failure (an import runs a million of them). */
static enum bl_err put_step(struct store *st, const struct put_ops *ops, void *p, int update)
{
	struct dbq *s = stmt_get(st, update ? ops->update : ops->insert);
	char what[64];
	enum bl_err rc = BL_OK;
	int step;

	if (!s)
		return BL_EDB;
	ops->bind(s, p, update);
	step = dbq_step(s);
	if (step != DB_DONE && step != DB_ROW) {
		snprintf(what, sizeof(what), "%s %s", update ? "update" : "insert", ops->name);
		rc = db_fail(st, what);
	}
	dbq_reset(s);
	return rc;
}

/* A kind found by its key (ops->get): look the row up, or, when the last put
 * of the kind inserted (struct store, insert_first), insert first and look it
 * up only when the insert did nothing. */
static enum bl_err find_by_key(struct store *st, const struct put_ops *ops, void *p,
			       enum put_at *at)
{
	/* Not on PostgreSQL: an insert its ON CONFLICT turns into nothing has
	 * used up an id of the table's sequence there, so the rows an import
	 * adds after one would not get the ids they get on SQLite, nor
	 * consecutive ones (audit_batch.c needs them). */
	unsigned char *guess = ops->guess && !store_is_pg(st) ? &st->insert_first[ops->guess]
							    : NULL;
	enum bl_err rc;

	*at = AT_NEW;
	/* A first load by COPY: the table was empty and the importer refuses a
	 * key twice, so there is nothing to find — and a read would end the
	 * COPY, making it one per row (a repeated key still fails the COPY's
	 * unique index, and the import with it). */
	if (ops->batch != BP_NONE && batch_copying(st, ops->batch))
		return BL_OK;
	if (!guess || !*guess) {
		rc = ops->get(st, p);
		if (rc != BL_ENOTFOUND)
			*at = AT_STORED;
		if (rc != BL_ENOTFOUND || !guess)
			return rc == BL_ENOTFOUND ? BL_OK : rc;
	}
	rc = put_step(st, ops, p, 0);
	if (rc)
		return rc;
	*guess = db_changes(st->db) == 1;
	*at = AT_INSERTED;
	if (*guess)
		return BL_OK;
	*at = AT_STORED;
	rc = ops->get(st, p);
	return rc == BL_ENOTFOUND ? store_fail(st, BL_EDB, "internal: a %s neither inserted nor "
					       "found", ops->entity) : rc;
}

/* A kind found by its key, stored: its forms before and after into st->before
 * and st->after; AT_SAME when they say the row is unchanged. */
static void compare_by_key(struct store *st, const struct put_ops *ops, void *p, enum put_at *at)
{
	ops->json(&st->before, p, 1);
	ops->json(&st->after, p, 0);
	if (ops->same ? ops->same(p) : !strcmp(st->before.s, st->after.s)) {
		*at = AT_SAME;
	} else if (ops->amend && ops->amend(p)) {
		buf_reset(&st->after);
		ops->json(&st->after, p, 0);
	}
}

/* Step statement q of a kept-by-id update's savepoint, when on. */
static enum bl_err row_savepoint(struct store *st, int on, enum stmt_id q)
{
	struct dbq *s = on ? stmt_get(st, q) : NULL;

	return !on ? BL_OK : s ? step_done(st, s, "savepoint") : BL_EDB;
}

/* A kind kept by id, after its statement: an update that matched no row was
 * stale; the form as written into st->after (its key into st->key); an update
 * of a PUT_KEEP_SAME kind that changed nothing is undone (AT_SAME). */
static enum bl_err written_by_id(struct store *st, const struct put_ops *ops, int64_t *id,
				 enum put_at *at, enum bl_err rc)
{
	int keep = *at == AT_STORED && (ops->flags & PUT_KEEP_SAME), same;

	if (!rc && *at == AT_STORED && db_changes(st->db) != 1)
		rc = store_fail(st, BL_ECONFLICT, "stale: %s %lld was changed by someone else",
				ops->name, (long long)*id);
	if (!rc && *at == AT_NEW)
		*id = db_last_id(st->db);
	if (!rc)
		rc = row_form(st, ops->entity, *id, &st->after);
	same = !rc && keep && !strcmp(st->before.s, st->after.s);
	if (row_savepoint(st, same, ST_ROLLBACK_TO) || row_savepoint(st, keep, ST_RELEASE))
		rc = rc ? rc : BL_EDB;
	if (same)
		*at = AT_SAME;
	return rc;
}

/* The one place a put's outcome is recorded: st->last_put, and the row's
 * audit entry, or its place in the open import batch. */
static enum bl_err put_record(struct store *st, const struct put_ops *ops, enum store_put how)
{
	const char *before = how == PUT_UPDATED ? st->before.s : NULL, *after = st->after.s;
	enum bl_err rc;

	st->last_put = PUT_UNCHANGED;
	if (how == PUT_UNCHANGED)
		return BL_OK;
	if (how == PUT_INSERTED && st->batch && ops->batch != BP_NONE)
		rc = batch_add(st, ops->batch, db_last_id(st->db), &st->after);
	else if (how == PUT_UPDATED && (ops->flags & PUT_DIFF)) {
		audit_json_diff(before, after, &st->diff_before, &st->diff_after);
		rc = audit_append(st, "update", ops->entity, st->key.s, st->diff_before.s,
				  st->diff_after.s);
	} else {
		rc = audit_append(st, how == PUT_UPDATED ? "update" : "insert", ops->entity,
				  st->key.s, before, after);
	}
	st->last_put = rc ? PUT_UNCHANGED : how;
	return rc;
}

enum bl_err put_audited(struct store *st, const struct put_ops *ops, void *p, int64_t *id,
			int64_t *version)
{
	int keep = id && *id && (ops->flags & PUT_KEEP_SAME), batched;
	enum put_at at = id && *id ? AT_STORED : AT_NEW;
	enum store_put how;
	enum bl_err rc;

	st->last_put = PUT_UNCHANGED;
	buf_reset(&st->before);
	buf_reset(&st->after);
	buf_reset(&st->key);
	rc = !id ? find_by_key(st, ops, p, &at)
	   : *id ? row_form(st, ops->entity, *id, &st->before) : BL_OK;
	if (!rc && !id && at == AT_STORED)
		compare_by_key(st, ops, p, &at);
	if (!rc && (at == AT_NEW || at == AT_STORED)) {
		rc = row_savepoint(st, keep, ST_SAVEPOINT);
		if (!rc) {
			rc = put_step(st, ops, p, at == AT_STORED);
			if (id)
				rc = written_by_id(st, ops, id, &at, rc);
		}
	}
	if (rc)
		return rc;
	how = at == AT_SAME ? PUT_UNCHANGED : at == AT_STORED ? PUT_UPDATED : PUT_INSERTED;
	batched = how == PUT_INSERTED && st->batch && ops->batch != BP_NONE;
	if (!id)
		ops->done(st, p, how, how == PUT_UNCHANGED || batched ? NULL : &st->key);
	if (!id && how == PUT_INSERTED)
		ops->json(&st->after, p, 0);
	if (version && how != PUT_UNCHANGED)
		*version = how == PUT_UPDATED ? *version + 1 : 1;
	return put_record(st, ops, how);
}

enum bl_err row_delete(struct store *st, const char *entity, enum stmt_id del, int64_t id)
{
	struct dbq *s = stmt_get(st, del);
	enum bl_err rc = s ? row_form(st, entity, id, &st->before) : BL_EDB;

	if (rc)
		return rc;
	dbq_bind_i64(s, 1, id);
	rc = step_done(st, s, "delete a row");
	return rc ? rc : audit_append(st, "delete", entity, st->key.s, st->before.s, NULL);
}

void row_stamp(struct store *st, char **at, char **actor)
{
	char now[32];

	store_now_text(now);
	free(*at);
	*at = xstrdup(now);
	free(*actor);
	*actor = xstrdup(st->actor ? st->actor : "ballast");
}

/* ---- reading rows ---- */

enum bl_err rows_read(struct store *st, struct dbq *s, const char *what, size_t size,
		      void (*col)(struct dbq *s, void *row), void **out, size_t *n)
{
	size_t alloc = 0;
	enum bl_err rc;

	*out = NULL;
	*n = 0;
	while (rows_next(st, s, what, &rc)) {
		xgrow(out, &alloc, *n + 1, size);
		col(s, (char *)*out + (*n)++ * size);
	}
	return rc;
}

int rows_next(struct store *st, struct dbq *s, const char *what, enum bl_err *rc)
{
	int step = s ? dbq_step(s) : DB_DONE;

	*rc = s ? BL_OK : BL_EDB;
	if (step == DB_ROW)
		return 1;
	if (step != DB_DONE)
		*rc = db_fail(st, what);
	dbq_reset(s);
	return 0;
}

int col_key(struct dbq *s, int i, const char *const *keys, int n, int def)
{
	const char *v = dbq_text(s, i);
	int k;

	for (k = 0; v && k < n; k++)
		if (!strcmp(v, keys[k]))
			return k;
	return def;
}
