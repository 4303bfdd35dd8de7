/* copy_check.c — reading a table in key order on either backend, and the
 * check that a copy equals its source: every table, row by row in the same
 * order, value by value (integers as integers, texts and blobs as bytes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/copy_int.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* ---- values ---- */

void copy_value_get(struct dbq *q, int col, struct copy_value *v)
{
	memset(v, 0, sizeof(*v));
	v->type = dbq_type(q, col);
	switch (v->type) {
	case DBT_INTEGER:
		v->i = dbq_i64(q, col);
		break;
	case DBT_TEXT:
		v->p = dbq_text(q, col);
		v->n = (size_t)dbq_bytes(q, col);
		break;
	case DBT_BLOB:
		v->p = dbq_blob(q, col);
		v->n = (size_t)dbq_bytes(q, col);
		break;
	default:
		break;
	}
	if ((v->type == DBT_TEXT || v->type == DBT_BLOB) && !v->p)
		v->p = "";
}

int copy_value_equal(const struct copy_value *a, const struct copy_value *b, int strict)
{
	int bytes_a = a->type == DBT_TEXT || a->type == DBT_BLOB;
	int bytes_b = b->type == DBT_TEXT || b->type == DBT_BLOB;

	if (bytes_a && bytes_b)
		return (!strict || a->type == b->type) && a->n == b->n &&
		       !memcmp(a->p, b->p, a->n);
	if (a->type != b->type)
		return 0;
	/* A float never reaches here from ballast's schema: compared as
	 * unequal rather than approximately. */
	return a->type == DBT_NULL || (a->type == DBT_INTEGER && a->i == b->i);
}

/* ---- a table in key order ---- */

/* SELECT every column of t in key order (texts by their bytes on both
 * backends: PostgreSQL's "C" collation is SQLite's BINARY), after the key
 * bound as parameters when after is set, at most page rows (0: all). */
static struct dbq *page_query(const struct copy_side *s, const struct copy_table *t,
			      const enum copy_type *types, int after, int64_t page)
{
	struct buf sql = BUF_INIT, key = BUF_INIT;
	struct dbq *q;

	for (size_t i = 0; i < t->n_key; i++) {
		size_t c = t->key[i];

		buf_addf(&key, "%s\"%s\"", i ? ", " : "", t->cols[c]);
		if (types[c] == CT_TEXT)
			buf_adds(&key, s->pg ? " COLLATE \"C\"" : " COLLATE BINARY");
	}
	buf_adds(&sql, "SELECT ");
	for (size_t i = 0; i < t->n_cols; i++)
		buf_addf(&sql, "%s\"%s\"", i ? ", " : "", t->cols[i]);
	buf_addf(&sql, " FROM \"%s\"", t->name);
	if (after) {
		buf_addf(&sql, " WHERE (%s) > (", key.s);
		for (size_t i = 0; i < t->n_key; i++)
			buf_addf(&sql, "%s?%zu", i ? ", " : "", i + 1);
		buf_adds(&sql, ")");
	}
	buf_addf(&sql, " ORDER BY %s", key.s);
	if (page)
		buf_addf(&sql, " LIMIT %lld", (long long)page);
	q = db_prepare(s->db, sql.s);
	buf_release(&sql);
	buf_release(&key);
	return q;
}

int copy_cursor_open(struct copy_cursor *k, const struct copy_side *side,
		     const struct copy_table *t, const enum copy_type *types)
{
	memset(k, 0, sizeof(*k));
	k->side = side;
	k->t = t;
	/* SQLite steps through one statement's rows without holding them. */
	k->page = side->pg ? COPY_PAGE_ROWS : 0;
	for (size_t i = 0; k->page && i < t->n_cols; i++)
		if (types[i] == CT_BLOB)
			k->page = COPY_PAGE_BLOB_ROWS;
	k->first = page_query(side, t, types, 0, k->page);
	if (k->page)
		k->next = page_query(side, t, types, 1, k->page);
	k->cur = k->first;
	return k->first && (!k->page || k->next) ? 0 : -1;
}

/* The current row's key bound as the next page's parameters. */
static void bind_after(struct copy_cursor *k)
{
	const struct copy_table *t = k->t;
	size_t n = t->n_key;
	struct copy_value *v = xcalloc(n, sizeof(*v));
	char **held = xcalloc(n, sizeof(*held));

	/* Held over the reset of k->cur, which may be k->next itself. */
	for (size_t i = 0; i < n; i++) {
		copy_value_get(k->cur, (int)t->key[i], &v[i]);
		if (v[i].type == DBT_TEXT || v[i].type == DBT_BLOB) {
			held[i] = xmalloc(v[i].n + 1);
			memcpy(held[i], v[i].p, v[i].n);
			held[i][v[i].n] = 0;
		}
	}
	dbq_reset(k->cur);
	for (size_t i = 0; i < n; i++) {
		int p = (int)i + 1;

		if (v[i].type == DBT_INTEGER)
			dbq_bind_i64(k->next, p, v[i].i);
		else if (v[i].type == DBT_TEXT)
			dbq_bind_text(k->next, p, held[i], (int)v[i].n);
		else if (v[i].type == DBT_BLOB)
			dbq_bind_blob(k->next, p, held[i], v[i].n);
		else
			dbq_bind_null(k->next, p);
		free(held[i]);
	}
	free(held);
	free(v);
	k->cur = k->next;
	k->got = 0;
}

int copy_cursor_step(struct copy_cursor *k)
{
	int step;

	if (k->page && k->got == k->page)
		bind_after(k);
	step = dbq_step(k->cur);
	if (step == DB_ROW)
		k->got++;
	return step;
}

void copy_cursor_close(struct copy_cursor *k)
{
	dbq_finalize(k->first);
	dbq_finalize(k->next);
	memset(k, 0, sizeof(*k));
}

/* ---- the comparison ---- */

/* The key of the current row of q, as "id 5" or "entry 3, entity unit". */
static void describe_key(struct buf *b, const struct copy_table *t, struct dbq *q)
{
	for (size_t i = 0; i < t->n_key; i++) {
		struct copy_value v;

		copy_value_get(q, (int)t->key[i], &v);
		buf_addf(b, "%s%s ", i ? ", " : "", t->cols[t->key[i]]);
		if (v.type == DBT_INTEGER)
			buf_addf(b, "%lld", (long long)v.i);
		else if (v.type == DBT_TEXT)
			buf_addf(b, "'%.*s'", (int)(v.n > 60 ? 60 : v.n), (const char *)v.p);
		else
			buf_adds(b, v.type == DBT_NULL ? "NULL" : "(bytes)");
	}
}

/* The first column of the current rows that differs; -1 when none. */
static long row_differs(const struct copy_table *t, struct dbq *a, struct dbq *b, int strict)
{
	for (size_t i = 0; i < t->n_cols; i++) {
		struct copy_value x, y;

		copy_value_get(a, (int)i, &x);
		copy_value_get(b, (int)i, &y);
		if (!copy_value_equal(&x, &y, strict))
			return (long)i;
	}
	return -1;
}

static enum bl_err compare_table(struct copy *c, const struct copy_table *t)
{
	struct copy_cursor s = { 0 }, d = { 0 };
	struct buf key = BUF_INIT;
	int strict = c->src.pg == c->dst.pg, a, b;
	enum bl_err rc = BL_OK;
	int64_t row = 0;
	long col;
	int bad;

	bad = copy_cursor_open(&s, &c->src, t, t->src_type);
	if (bad || copy_cursor_open(&d, &c->dst, t, t->dst_type)) {
		rc = copy_fail(c, BL_EDB, "cannot read %s to compare it: %s", t->name,
			       db_errmsg(bad ? c->src.db : c->dst.db));
		goto out;
	}
	for (;; row++) {
		a = copy_cursor_step(&s);
		b = copy_cursor_step(&d);
		if (a == DB_ERROR || b == DB_ERROR) {
			rc = copy_fail(c, BL_EDB, "cannot read %s to compare it: %s", t->name,
				       db_errmsg(a == DB_ERROR ? c->src.db : c->dst.db));
			break;
		}
		if (a != DB_ROW || b != DB_ROW)
			break;
		col = row_differs(t, s.cur, d.cur, strict);
		if (col >= 0) {
			describe_key(&key, t, s.cur);
			rc = copy_fail(c, BL_ECONFLICT, "%s differs from the source at row %lld "
				       "(%s): column %s", t->name, (long long)row + 1, key.s,
				       t->cols[col]);
			break;
		}
	}
	if (!rc && a != b) {
		describe_key(&key, t, a == DB_ROW ? s.cur : d.cur);
		rc = copy_fail(c, BL_ECONFLICT, "%s has %lld row%s in the %s and more in the %s "
			       "(the first: %s)", t->name, (long long)row, row == 1 ? "" : "s",
			       a == DB_ROW ? "target" : "source", a == DB_ROW ? "source" : "target",
			       key.s);
	}
out:
	copy_cursor_close(&s);
	copy_cursor_close(&d);
	buf_release(&key);
	return rc;
}

enum bl_err copy_compare(struct copy *c)
{
	enum bl_err rc = BL_OK;

	for (size_t i = 0; i < c->n && !rc; i++)
		rc = compare_table(c, &c->t[i]);
	return rc;
}
