/* sqlite_audit_read.c — the audit trail read back, newest first, as a list of
 * changes: an import's entry (audit_batch.c) is followed by one "insert"
 * entry, with the import's id, for every row it inserted, holding the row as
 * the import wrote it — its audit form now, with what later entries changed
 * put back from their befores — so that every change shows with its before
 * and after, however it was stored. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_accounts.h"
#include "util/xalloc.h"

/* One part of an import: the rows of one kind it inserted. */
struct import_part {
	const struct form_table *t;
	int64_t first, last;
};

/* An import entry. */
struct import_entry {
	int64_t id;
	char *at, *actor, *entity, *key, *after;
	struct import_part *parts;
	size_t n_parts;
};

struct reader {
	struct store *st;
	const char *entity, *key; /* the filters, or NULL */
	int64_t skip, left;       /* entries still to skip, and to hand out */
	int (*fn)(void *, const struct audit_entry *);
	void *ctx;
	int stop;                 /* fn asked to stop */
	struct buf text;          /* a row's after */
};

static void import_parts(struct import_entry *ie, const char *after)
{
	json_t *a = after ? json_loads(after, 0, NULL) : NULL, *p;
	size_t i;

	json_array_foreach(json_object_get(a, "parts"), i, p) {
		const struct form_table *t = form_table_of(json_string_value(json_object_get(p,
											 "entity")));

		if (!t || t->part == BP_NONE)
			continue;
		ie->parts = xrealloc(ie->parts, (ie->n_parts + 1) * sizeof(*ie->parts));
		ie->parts[ie->n_parts].t = t;
		ie->parts[ie->n_parts].first = json_integer_value(json_object_get(p, "first"));
		ie->parts[ie->n_parts].last = json_integer_value(json_object_get(p, "last"));
		ie->n_parts++;
	}
	json_decref(a);
}

/* Every import entry, newest first, into *out (free with imports_free). */
static enum bl_err imports_load(struct store *st, struct import_entry **out, size_t *n)
{
	struct dbq *s = stmt_get(st, ST_AUDIT_IMPORTS);
	size_t alloc = 0;
	enum bl_err rc;

	*out = NULL;
	*n = 0;
	while (rows_next(st, s, "read audit trail", &rc)) {
		struct import_entry *ie;

		XGROW(*out, alloc, *n + 1);
		ie = &(*out)[(*n)++];
		memset(ie, 0, sizeof(*ie));
		ie->id = dbq_i64(s, 0);
		ie->at = col_str(s, 1);
		ie->actor = col_str(s, 2);
		ie->entity = col_str(s, 3);
		ie->key = col_str(s, 4);
		ie->after = col_str(s, 5);
		import_parts(ie, ie->after);
	}
	return rc;
}

static void imports_free(struct import_entry *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(a[i].at);
		free(a[i].actor);
		free(a[i].entity);
		free(a[i].key);
		free(a[i].after);
		free(a[i].parts);
	}
	free(a);
}

/* Hand e to the caller unless it is skipped; 0 to go on. */
static int give(struct reader *rd, const struct audit_entry *e)
{
	if (rd->skip > 0) {
		rd->skip--;
		return 0;
	}
	if (rd->left-- <= 0 || rd->fn(rd->ctx, e)) {
		rd->stop = 1;
		return 1;
	}
	return 0;
}

/* The befores of the entries of (entity, key) after entry id, the first of
 * each field (a new object). */
static json_t *later_befores(struct store *st, const char *entity, const char *key, int64_t id)
{
	struct dbq *s = stmt_get(st, ST_AUDIT_LATER);
	json_t *back = json_object(), *b, *v;
	const char *k;

	if (!s)
		return back;
	bind_str(s, 1, entity);
	bind_str(s, 2, key);
	dbq_bind_i64(s, 3, id);
	while (dbq_step(s) == DB_ROW) {
		const char *text = dbq_text(s, 0);

		b = text ? json_loads(text, JSON_DISABLE_EOF_CHECK, NULL) : NULL;
		json_object_foreach(b, k, v)
			if (!json_object_get(back, k))
				json_object_set(back, k, v);
		json_decref(b);
	}
	dbq_reset(s);
	return back;
}

/* The row s is on (a form statement's), as import ie wrote it. */
static int give_row(struct reader *rd, const struct import_entry *ie, const struct form_table *t,
		    struct dbq *s)
{
	const char *key = dbq_text(s, 0);
	json_t *stored = form_row(t, s), *back = later_befores(rd->st, t->entity, key, ie->id), *x;
	struct audit_entry e;
	int stop;

	x = form_as_written(t, stored, back);
	buf_reset(&rd->text);
	form_text(&rd->text, x);
	e.id = ie->id;
	e.at = ie->at;
	e.actor = ie->actor;
	e.action = "insert";
	e.entity = t->entity;
	e.key = key;
	e.before = NULL;
	e.after = rd->text.s;
	stop = give(rd, &e);
	json_decref(stored);
	json_decref(back);
	json_decref(x);
	return stop;
}

/* The rows of part p of ie, from the skip-th on; whole parts are skipped
 * by their count. */
static enum bl_err give_part(struct reader *rd, const struct import_entry *ie,
			     const struct import_part *p)
{
	int64_t n = p->last - p->first + 1;
	struct dbq *s;

	if (rd->key) {
		s = form_stmt(rd->st, p->t, FQ_BY_KEY);
		if (!s || form_bind_key(p->t, s, rd->key))
			return s ? BL_OK : BL_EDB;
	} else {
		if (rd->skip >= n) {
			rd->skip -= n;
			return BL_OK;
		}
		s = form_stmt(rd->st, p->t, FQ_IDS);
		if (!s)
			return BL_EDB;
		dbq_bind_i64(s, 1, p->first + rd->skip);
		dbq_bind_i64(s, 2, p->last);
		rd->skip = 0;
	}
	while (!rd->stop && dbq_step(s) == DB_ROW) {
		int64_t id = dbq_i64(s, 1);

		if (id >= p->first && id <= p->last)
			give_row(rd, ie, p->t, s);
	}
	dbq_reset(s);
	return BL_OK;
}

/* An import's entry, then its rows that pass the filters. */
static enum bl_err give_import(struct reader *rd, const struct import_entry *ie)
{
	struct audit_entry e;
	enum bl_err rc = BL_OK;
	size_t i;

	if ((!rd->entity || !strcmp(rd->entity, ie->entity)) && (!rd->key || !strcmp(rd->key, ie->key))) {
		e.id = ie->id;
		e.at = ie->at;
		e.actor = ie->actor;
		e.action = "import";
		e.entity = ie->entity;
		e.key = ie->key;
		e.before = NULL;
		e.after = ie->after;
		if (give(rd, &e))
			return BL_OK;
	}
	for (i = 0; i < ie->n_parts && !rc && !rd->stop; i++)
		if (!rd->entity || !strcmp(rd->entity, ie->parts[i].t->entity))
			rc = give_part(rd, ie, &ie->parts[i]);
	return rc;
}

static const char *text(struct dbq *s, int i)
{
	return dbq_text(s, i);
}

/* The entries of one row each, with the imports between them by id. */
static enum bl_err merge(struct reader *rd, const struct import_entry *imp, size_t n_imp)
{
	struct dbq *s = stmt_get(rd->st, ST_AUDIT_EACH);
	struct audit_entry e;
	enum bl_err rc = BL_OK;
	size_t i = 0;
	int step = DB_ROW;

	if (!s)
		return BL_EDB;
	bind_str(s, 1, rd->entity);
	bind_str(s, 2, rd->key);
	while (!rc && !rd->stop && (step = dbq_step(s)) == DB_ROW) {
		e.id = dbq_i64(s, 0);
		for (; i < n_imp && imp[i].id > e.id && !rc && !rd->stop; i++)
			rc = give_import(rd, &imp[i]);
		if (rc || rd->stop)
			break;
		e.at = text(s, 1);
		e.actor = text(s, 2);
		e.action = text(s, 3);
		e.entity = text(s, 4);
		e.key = text(s, 5);
		e.before = text(s, 6);
		e.after = text(s, 7);
		give(rd, &e);
	}
	if (!rc && step != DB_ROW && step != DB_DONE)
		rc = db_fail(rd->st, "read audit trail");
	dbq_reset(s);
	for (; i < n_imp && !rc && !rd->stop; i++)
		rc = give_import(rd, &imp[i]);
	return rc;
}

enum bl_err store_audit_each(struct store *st, const char *entity, const char *key,
			     int64_t limit, int64_t offset,
			     int (*fn)(void *ctx, const struct audit_entry *e), void *ctx)
{
	struct reader rd = { st, entity, key, offset, limit, fn, ctx, 0, BUF_INIT };
	struct import_entry *imp = NULL;
	size_t n_imp = 0;
	enum bl_err rc;

	rc = imports_load(st, &imp, &n_imp);
	if (!rc)
		rc = merge(&rd, imp, n_imp);
	imports_free(imp, n_imp);
	buf_release(&rd.text);
	return rc;
}
