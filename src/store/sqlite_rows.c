/* sqlite_rows.c — the one audited write of a row kept by id (row_write,
 * row_delete: the statement, the version re-checked by its WHERE, the audit
 * entry with the row's forms read back through sqlite_forms.c's tables, so
 * the trail says what verify rebuilds) and the one reader of a statement's
 * rows into an array (rows_read), with their small column helpers. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/xalloc.h"

enum bl_err row_form(struct store *st, const char *entity, int64_t id, struct buf *b)
{
	const struct form_table *t = form_table_of(entity);
	sqlite3_stmt *s = t ? form_stmt(st, t, FQ_IDS) : NULL;
	json_t *j;
	int step;

	buf_reset(b);
	if (!s)
		return BL_EDB;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, id);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		j = form_row(t, s);
		form_text(b, j);
		json_decref(j);
		buf_reset(&st->key);
		buf_adds(&st->key, (const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_reset(s);
	if (step == SQLITE_ROW)
		return BL_OK;
	return step == SQLITE_DONE ? store_fail(st, BL_ENOTFOUND, "no %s %lld", entity, (long long)id)
				   : db_fail(st, entity);
}

/* Step statement q of row_write's savepoint, when on. */
static enum bl_err row_savepoint(struct store *st, int on, enum stmt_id q)
{
	sqlite3_stmt *s = on ? stmt_get(st, q) : NULL;

	return !on ? BL_OK : s ? step_done(st, s, "savepoint") : BL_EDB;
}

enum bl_err row_write(struct store *st, const struct row_kind *k, const void *row, int64_t *id,
		      int64_t *version)
{
	int update = *id != 0, keep = update && (k->flags & ROW_KEEP_SAME), same;
	const char *before = NULL, *after;
	sqlite3_stmt *s;
	char what[64];
	enum bl_err rc = BL_OK;

	st->last_put = PUT_UNCHANGED;
	snprintf(what, sizeof(what), "%s %s", update ? "update" : "insert", k->name);
	if (update)
		rc = row_form(st, k->entity, *id, &st->before);
	s = rc ? NULL : stmt_get(st, update ? k->update : k->insert);
	if (!rc)
		rc = s ? row_savepoint(st, keep, ST_SAVEPOINT) : BL_EDB;
	if (rc)
		return rc;
	k->bind(s, row, update);
	rc = step_done(st, s, what);
	if (!rc && update && sqlite3_changes(st->db) != 1)
		rc = store_fail(st, BL_ECONFLICT, "stale: %s %lld was changed by someone else",
				k->name, (long long)*id);
	if (!rc && !update)
		*id = sqlite3_last_insert_rowid(st->db);
	if (!rc)
		rc = row_form(st, k->entity, *id, &st->after);
	same = !rc && keep && !strcmp(st->before.s, st->after.s);
	if (row_savepoint(st, same, ST_ROLLBACK_TO) || row_savepoint(st, keep, ST_RELEASE))
		rc = rc ? rc : BL_EDB;
	if (rc || same)
		return rc;
	if (version)
		*version = update ? *version + 1 : 1;
	after = st->after.s;
	if (update && (k->flags & ROW_DIFF)) {
		audit_json_diff(st->before.s, st->after.s, &st->diff_before, &st->diff_after);
		before = st->diff_before.s;
		after = st->diff_after.s;
	} else if (update) {
		before = st->before.s;
	}
	st->last_put = update ? PUT_UPDATED : PUT_INSERTED;
	return audit_append(st, update ? "update" : "insert", k->entity, st->key.s, before, after);
}

enum bl_err row_delete(struct store *st, const char *entity, enum stmt_id del, int64_t id)
{
	sqlite3_stmt *s = stmt_get(st, del);
	enum bl_err rc = s ? row_form(st, entity, id, &st->before) : BL_EDB;

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
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

enum bl_err rows_read(struct store *st, sqlite3_stmt *s, const char *what, size_t size,
		      void (*col)(sqlite3_stmt *s, void *row), void **out, size_t *n)
{
	size_t alloc = 0;
	int step;

	*out = NULL;
	*n = 0;
	if (!s)
		return BL_EDB;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		xgrow(out, &alloc, *n + 1, size);
		col(s, (char *)*out + (*n)++ * size);
	}
	sqlite3_reset(s);
	return step == SQLITE_DONE ? BL_OK : db_fail(st, what);
}

int col_key(sqlite3_stmt *s, int i, const char *const *keys, int n, int def)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	int k;

	for (k = 0; v && k < n; k++)
		if (!strcmp(v, keys[k]))
			return k;
	return def;
}
