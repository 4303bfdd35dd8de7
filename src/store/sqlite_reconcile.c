/* sqlite_reconcile.c — every row ballast keeps, compared with the audit trail:
 * the row's audit form (sqlite_forms.c) against the trail replayed per
 * (entity, key), both read in key order and merged. A row an import batch
 * wrote is compared with what later entries say of it, and the rest of it
 * goes to the batch's digests (sqlite_batch_verify.c). What differs goes to
 * verify's report, or, once after an upgrade, becomes a baseline audit entry.
 * Its statements are prepared per pass, not in the statement table: each
 * runs once per verify or upgrade. */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/xalloc.h"

/* ---- the trail replayed ---- */

struct trail {
	struct dbq *s;
	int step;          /* of s: DB_ROW while an entry is pending */
	char *key;         /* the current group's key */
	/* Its value after its last entry: text, when an insert set it and nothing
	 * changed it since (not parsed unless it differs from the row: a million
	 * imported rows are compared as text); else state. Both NULL: none, or
	 * deleted. */
	char *text;
	json_t *state;
	int64_t entry;     /* its last entry */
	int deleted;
};

/* An entry's after as an object. Entries before schema 4 wrote " (password
 * changed)" after a user's JSON: what follows the object is not part of it.
 * Not a JSON object: something that cannot equal any row. */
static json_t *parse_after(const char *after)
{
	json_t *a = json_loads(after, JSON_DISABLE_EOF_CHECK, NULL);

	if (a && json_is_object(a))
		return a;
	json_decref(a);
	return json_pack("{s:s}", "(audited)", after);
}

/* t's value as parsed JSON. */
static void settle(struct trail *t)
{
	if (!t->text)
		return;
	json_decref(t->state);
	t->state = parse_after(t->text);
	free(t->text);
	t->text = NULL;
}

static void trail_clear(struct trail *t)
{
	free(t->text);
	t->text = NULL;
	json_decref(t->state);
	t->state = NULL;
}

/* Replay the next key's entries into t (t->key NULL at the end): an insert
 * (or a baseline) sets the value, an update merges its members over it, a
 * delete clears it. */
static void trail_next(struct trail *t)
{
	free(t->key);
	t->key = NULL;
	trail_clear(t);
	t->entry = 0;
	t->deleted = 0;
	if (t->step != DB_ROW)
		return;
	t->key = xstrdup(dbq_text(t->s, 2));
	do {
		const char *action = dbq_text(t->s, 1);
		const char *after = dbq_text(t->s, 3);

		t->entry = dbq_i64(t->s, 0);
		if (!after || (action && !strcmp(action, "delete"))) {
			trail_clear(t);
			t->deleted = 1;
		} else if ((!t->state && !t->text) ||
			   (action && (!strcmp(action, "insert") || !strcmp(action, "baseline")))) {
			trail_clear(t);
			t->text = xstrdup(after);
			t->deleted = 0;
		} else {
			json_t *a;

			settle(t);
			a = parse_after(after);
			if (json_object_get(a, "(audited)")) {
				json_decref(t->state);
				t->state = a;
			} else {
				json_object_update(t->state, a);
				json_decref(a);
			}
		}
		t->step = dbq_step(t->s);
	} while (t->step == DB_ROW &&
		 !strcmp(dbq_text(t->s, 2), t->key));
}

/* ---- comparing ---- */

static char *dump(const json_t *j)
{
	return j ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER)
		 : xstrdup("null");
}

struct fields_out {
	const char **name;
	char **audited, **stored;
	size_t n, alloc;
};

static void add_field(struct fields_out *f, const char *name, const json_t *a, const json_t *s)
{
	if (f->n == f->alloc) {
		f->alloc = f->alloc ? 2 * f->alloc : 8;
		f->name = xrealloc(f->name, f->alloc * sizeof(*f->name));
		f->audited = xrealloc(f->audited, f->alloc * sizeof(*f->audited));
		f->stored = xrealloc(f->stored, f->alloc * sizeof(*f->stored));
	}
	f->name[f->n] = name;
	f->audited[f->n] = dump(a);
	f->stored[f->n] = dump(s);
	f->n++;
}

static void fields_release(struct fields_out *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->audited[i]);
		free(f->stored[i]);
	}
	free(f->name);
	free(f->audited);
	free(f->stored);
	memset(f, 0, sizeof(*f));
}

static const json_t *member(const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);

	return v ? v : json_null();
}

/* The members where audited and stored differ (a missing member is null):
 * the stored form's in order, then any the trail has that the row does not. */
static void compare(const json_t *audited, const json_t *stored, struct fields_out *f)
{
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)stored, k, v)
		if (!json_equal(member(audited, k), v))
			add_field(f, k, member(audited, k), v);
	json_object_foreach((json_t *)audited, k, v)
		if (!json_object_get(stored, k) && !json_is_null(v))
			add_field(f, k, v, json_null());
}

static void report(const struct form_table *t, const char *key, const json_t *stored,
		   struct trail *tr, void (*fn)(void *, const struct reconcile_diff *), void *ctx)
{
	struct reconcile_diff d;
	struct fields_out f;
	char *st_text = stored ? dump(stored) : NULL, *au_text;

	/* The same text is the same value: nothing to parse. */
	if (st_text && tr && tr->text && !strcmp(st_text, tr->text)) {
		free(st_text);
		return;
	}
	if (tr)
		settle(tr);
	au_text = tr && tr->state ? dump(tr->state) : NULL;
	memset(&d, 0, sizeof(d));
	memset(&f, 0, sizeof(f));
	d.table = t->table;
	d.entity = t->entity;
	d.key = key;
	d.stored = st_text;
	d.audited = au_text;
	d.entry = tr ? tr->entry : 0;
	d.deleted = tr ? tr->deleted : 0;
	if (stored && tr && tr->state) {
		compare(tr->state, stored, &f);
		if (!f.n)
			goto out; /* equal */
		d.n_fields = f.n;
		d.field = f.name;
		d.field_audited = (const char *const *)f.audited;
		d.field_stored = (const char *const *)f.stored;
	}
	fn(ctx, &d);
out:
	fields_release(&f);
	free(st_text);
	free(au_text);
}

static int table_exists(struct store *st, const char *name)
{
	struct dbq *s = NULL;
	int found = 0;

	if ((s = db_prepare(st->db, store_is_pg(st) ?
			    "SELECT 1 FROM pg_tables WHERE schemaname = current_schema()"
			    " AND tablename = ?1" :
			    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1"))) {
		bind_str(s, 1, name);
		found = dbq_step(s) == DB_ROW;
	}
	dbq_finalize(s);
	return found;
}

#define TABLES_SQLITE "SELECT name FROM sqlite_master WHERE type = 'table'" \
	" AND name NOT LIKE 'sqlite_%' ORDER BY name"
#define TABLES_PG "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()" \
	" ORDER BY tablename"
#define COLUMNS_SQLITE "SELECT name FROM pragma_table_info(?1)"
#define COLUMNS_PG "SELECT column_name FROM information_schema.columns WHERE" \
	" table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position"

/* Columns and tables verify does not compare, as notes. */
static void coverage(struct store *st, void (*note)(void *, const char *), void *ctx)
{
	struct dbq *s = NULL, *c = NULL;
	struct buf line = BUF_INIT, word = BUF_INIT;
	size_t i;

	if (!note || !(s = db_prepare(st->db, store_is_pg(st) ? TABLES_PG : TABLES_SQLITE)))
		goto out;
	while (dbq_step(s) == DB_ROW) {
		const char *name = dbq_text(s, 0);
		const struct form_table *t = NULL;

		for (i = 0; i < n_form_tables; i++)
			if (!strcmp(form_tables[i].table, name))
				t = &form_tables[i];
		for (i = 0; form_not_data[i]; i++)
			if (!strcmp(form_not_data[i], name))
				break;
		if (form_not_data[i])
			continue;
		if (!t) {
			buf_reset(&line);
			buf_addf(&line, "table %s is not compared with the audit trail", name);
			note(ctx, line.s);
			continue;
		}
		if (!(c = db_prepare(st->db, store_is_pg(st) ? COLUMNS_PG : COLUMNS_SQLITE)))
			continue;
		bind_str(c, 1, name);
		while (dbq_step(c) == DB_ROW) {
			buf_reset(&word);
			buf_addf(&word, " %s ", dbq_text(c, 0));
			/* PostgreSQL's stand-in for SQLite's rowid (pg_schema.c) */
			if (strstr(t->columns, word.s) || !strcmp(dbq_text(c, 0), "rowid"))
				continue;
			buf_reset(&line);
			buf_addf(&line, "column %s.%s is not compared with the audit trail", name,
				 dbq_text(c, 0));
			note(ctx, line.s);
		}
		dbq_finalize(c);
		c = NULL;
	}
out:
	dbq_finalize(s);
	buf_release(&line);
	buf_release(&word);
}

/* ---- rows an import batch wrote ---- */

/* One table's pass. */
struct pass {
	struct store *st;
	const struct form_table *t;
	void (*fn)(void *, const struct reconcile_diff *);
	void *ctx;
	struct batch_check *bc;  /* the batches that wrote rows of t, or NULL */
	struct dbq *later;     /* a key's entries after its batch */
};

/* What the entries after batch entry of key say: their afters merged into
 * *state (a new object), their befores, first per field, into *back (the
 * row's fields as the batch wrote them, where they changed since). */
static int64_t after_batch(struct pass *ps, const char *key, int64_t entry, json_t **state,
			   json_t **back)
{
	int64_t last = entry;

	*state = json_object();
	*back = json_object();
	dbq_reset(ps->later);
	bind_str(ps->later, 1, ps->t->entity);
	bind_str(ps->later, 2, key);
	dbq_bind_i64(ps->later, 3, entry);
	while (dbq_step(ps->later) == DB_ROW) {
		const char *before = dbq_text(ps->later, 1);
		const char *after = dbq_text(ps->later, 2);
		json_t *b = before ? parse_after(before) : NULL, *v;
		const char *k;

		last = dbq_i64(ps->later, 0);
		json_object_foreach(b, k, v)
			if (!json_object_get(*back, k))
				json_object_set(*back, k, v);
		json_decref(b);
		b = after ? parse_after(after) : json_object();
		json_object_update(*state, b);
		json_decref(b);
	}
	dbq_reset(ps->later);
	return last;
}

/* stored against what the entries after its batch say (audited): a field
 * they do not set is the batch's when the put writes it (the digest checks
 * it), else null. */
static void compare_claimed(const struct form_table *t, const json_t *audited,
			    const json_t *stored, struct fields_out *f)
{
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)stored, k, v) {
		const json_t *a = json_object_get(audited, k);

		if (!a && form_field_is_put(t, k))
			continue;
		if (!json_equal(a ? a : json_null(), v))
			add_field(f, k, a ? a : json_null(), v);
	}
	json_object_foreach((json_t *)audited, k, v)
		if (!json_object_get(stored, k) && !json_is_null(v))
			add_field(f, k, v, json_null());
}

/* A row batch bi wrote: compared with the entries after the batch, and its
 * digest as written handed to the batch's check. grouped: the trail has
 * entries of the key. */
static void claimed_row(struct pass *ps, long bi, int64_t rowid, const char *key,
			const json_t *stored, int grouped)
{
	int64_t entry = batch_check_entry(ps->bc, bi), last = entry;
	json_t *state = NULL, *back = NULL, *x;
	unsigned char d[BATCH_DIGEST];
	struct fields_out f;

	memset(&f, 0, sizeof(f));
	if (grouped)
		last = after_batch(ps, key, entry, &state, &back);
	compare_claimed(ps->t, state, stored, &f);
	if (f.n) {
		struct reconcile_diff rd;
		char *st_text = dump(stored), *au_text = dump(state);

		memset(&rd, 0, sizeof(rd));
		rd.table = ps->t->table;
		rd.entity = ps->t->entity;
		rd.key = key;
		rd.stored = st_text;
		rd.audited = au_text;
		rd.entry = last;
		rd.n_fields = f.n;
		rd.field = f.name;
		rd.field_audited = (const char *const *)f.audited;
		rd.field_stored = (const char *const *)f.stored;
		ps->fn(ps->ctx, &rd);
		free(st_text);
		free(au_text);
	}
	x = form_as_written(ps->t, stored, back);
	form_digest(x, d);
	batch_check_row(ps->bc, bi, rowid, d);
	json_decref(x);
	json_decref(state);
	json_decref(back);
	fields_release(&f);
}

/* ---- one table ---- */

static enum bl_err pass_open(struct pass *ps, struct trail *tr, struct dbq **r)
{
	enum bl_err rc;

	*r = form_stmt(ps->st, ps->t, FQ_ALL);
	if (!*r)
		return BL_EDB;
	/* No audit table (dropped): every row then has no entry. */
	if ((tr->s = db_prepare(ps->st->db, "SELECT id, action, entity_key, after FROM audit"
				" WHERE entity = ?1 AND action <> 'import'"
				" ORDER BY entity_key, id"))) {
		bind_str(tr->s, 1, ps->t->entity);
		tr->step = dbq_step(tr->s);
	} else {
		tr->step = DB_DONE;
	}
	rc = batch_check_load(ps->st, ps->t, ps->fn, ps->ctx, &ps->bc);
	if (!rc && ps->bc &&
	    !(ps->later = db_prepare(ps->st->db, "SELECT id, before, after FROM audit WHERE entity = ?1"
			       " AND entity_key = ?2 AND id > ?3 AND action <> 'import'"
			       " ORDER BY id")))
		rc = db_fail(ps->st, "read audit trail");
	return rc;
}

/* One table: rows and the trail of its entity merged in key order. */
static enum bl_err reconcile_table(struct store *st, const struct form_table *t,
				   void (*fn)(void *, const struct reconcile_diff *), void *ctx,
				   int64_t *rows)
{
	struct pass ps = { st, t, fn, ctx, NULL, NULL };
	struct trail tr;
	struct dbq *r = NULL;
	enum bl_err rc;
	int rstep = DB_DONE;

	memset(&tr, 0, sizeof(tr));
	if (!table_exists(st, t->table))
		return BL_OK; /* a database before the table's migration */
	rc = pass_open(&ps, &tr, &r);
	if (rc)
		goto out;
	trail_next(&tr);
	rstep = dbq_step(r);
	while (rstep == DB_ROW || tr.key) {
		const char *rkey = rstep == DB_ROW ? dbq_text(r, 0) : NULL;
		int cmp = !rkey ? -1 : !tr.key ? 1 : strcmp(tr.key, rkey);
		json_t *stored;
		long bi;

		if (cmp < 0) {
			/* Audited, no row: a difference unless the trail deleted it. */
			if (tr.state || tr.text)
				report(t, tr.key, NULL, &tr, fn, ctx);
			trail_next(&tr);
			continue;
		}
		stored = form_row(t, r);
		(*rows)++;
		bi = batch_check_find(ps.bc, dbq_i64(r, 1));
		if (bi >= 0)
			claimed_row(&ps, bi, dbq_i64(r, 1), rkey, stored, cmp == 0);
		else
			report(t, rkey ? rkey : "", stored, cmp == 0 ? &tr : NULL, fn, ctx);
		json_decref(stored);
		if (cmp == 0)
			trail_next(&tr);
		rstep = dbq_step(r);
	}
	if (rstep != DB_DONE)
		rc = db_fail(st, "read rows");
	else
		batch_check_finish(st, ps.bc, fn, ctx);
out:
	if (r)
		dbq_reset(r);
	free(tr.key);
	trail_clear(&tr);
	dbq_finalize(tr.s);
	dbq_finalize(ps.later);
	batch_check_free(ps.bc);
	return rc;
}

enum bl_err reconcile(struct store *st, void (*fn)(void *ctx, const struct reconcile_diff *d),
		      void (*note)(void *ctx, const char *sentence), void *ctx, int64_t *rows)
{
	enum bl_err rc = BL_OK;
	size_t i;

	*rows = 0;
	for (i = 0; i < n_form_tables && !rc; i++)
		rc = reconcile_table(st, &form_tables[i], fn, ctx, rows);
	if (!rc)
		coverage(st, note, ctx);
	return rc;
}

/* ---- the baseline after an upgrade ---- */

struct pending {
	char *entity, *key, *before, *after;
};

struct baseline {
	struct pending *p;
	size_t n, alloc;
};

static void collect(void *ctx, const struct reconcile_diff *d)
{
	struct baseline *b = ctx;
	struct pending *p;

	if (d->sentence)
		return; /* an import batch's: none before tamper evidence */
	XGROW(b->p, b->alloc, b->n + 1);
	p = &b->p[b->n++];
	p->entity = xstrdup(d->entity);
	p->key = xstrdup(d->key);
	p->before = d->audited ? xstrdup(d->audited) : NULL;
	p->after = d->stored ? xstrdup(d->stored) : NULL;
}

enum bl_err reconcile_baseline(struct store *st, int64_t *n)
{
	struct baseline b = { NULL, 0, 0 };
	enum bl_err rc;
	int64_t rows;
	size_t i;

	if (n)
		*n = 0;
	rc = store_begin(st);
	if (rc)
		return rc;
	/* Collected first, written after: the trail is not appended to while it
	 * is being read. */
	rc = reconcile(st, collect, NULL, &b, &rows);
	for (i = 0; !rc && i < b.n; i++)
		rc = audit_append(st, b.p[i].after ? "baseline" : "delete", b.p[i].entity, b.p[i].key,
				  b.p[i].before, b.p[i].after);
	if (!rc)
		rc = store_commit(st);
	if (rc)
		store_rollback(st);
	else if (n)
		*n = (int64_t)b.n;
	for (i = 0; i < b.n; i++) {
		free(b.p[i].entity);
		free(b.p[i].key);
		free(b.p[i].before);
		free(b.p[i].after);
	}
	free(b.p);
	return rc;
}
