/* copy_catalog.c — the tables ballast copy moves, as the two catalogs give
 * them: the source's tables and columns, each column's type on either side,
 * the key rows are read in, the target's foreign keys (the order tables are
 * written in) and identity columns (whose sequences follow the copied ids).
 * The catalog queries are each backend's own; the rest is backend-neutral. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/copy_int.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define COLUMNS_SQLITE "SELECT name, upper(type), pk, 0 FROM pragma_table_info(?1) ORDER BY cid"
#define COLUMNS_PG "SELECT c.column_name, c.data_type, COALESCE((SELECT k.ordinal_position" \
	" FROM information_schema.table_constraints p JOIN information_schema.key_column_usage k" \
	" ON k.constraint_name = p.constraint_name AND k.table_schema = p.table_schema" \
	" AND k.table_name = p.table_name WHERE p.constraint_type = 'PRIMARY KEY'" \
	" AND p.table_schema = c.table_schema AND p.table_name = c.table_name" \
	" AND k.column_name = c.column_name), 0)," \
	" CASE WHEN c.is_identity = 'YES' THEN 1 ELSE 0 END" \
	" FROM information_schema.columns c WHERE c.table_schema = current_schema()" \
	" AND c.table_name = ?1 ORDER BY c.ordinal_position"
#define REFS_SQLITE "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)"
#define REFS_PG "SELECT DISTINCT f.relname FROM pg_constraint k" \
	" JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class f ON f.oid = k.confrelid" \
	" JOIN pg_namespace n ON n.oid = t.relnamespace WHERE k.contype = 'f'" \
	" AND n.nspname = current_schema() AND t.relname = ?1"

enum bl_err copy_fail(struct copy *c, enum bl_err rc, const char *fmt, ...)
{
	va_list ap;

	buf_reset(c->err);
	va_start(ap, fmt);
	buf_vaddf(c->err, fmt, ap);
	va_end(ap);
	return rc;
}

int copy_hex_hash(const void *p, size_t n)
{
	const unsigned char *s = p;

	if (n != 64 || !p)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* A name copy writes into SQL as a quoted identifier: lower-case letters,
 * digits and underscores (all of ballast's), so quoting needs no escape. */
static int plain_name(const char *s)
{
	if (!s || !*s || (*s >= '0' && *s <= '9'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* One side's columns of a table. */
struct col {
	char *name;
	enum copy_type type;
	int pk;         /* the position in the primary key, from 1; 0: not in it */
	int ident;      /* an identity column (PostgreSQL) */
};
struct cols {
	size_t n, alloc;
	struct col *c;
};

static void cols_release(struct cols *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->c[i].name);
	free(k->c);
	memset(k, 0, sizeof(*k));
}

static enum copy_type type_of(const char *t)
{
	static const struct { const char *name; enum copy_type type; } types[] = {
		{ "INTEGER", CT_INT }, { "TEXT", CT_TEXT }, { "BLOB", CT_BLOB },
		{ "bigint", CT_INT }, { "integer", CT_INT }, { "smallint", CT_INT },
		{ "text", CT_TEXT }, { "bytea", CT_BLOB },
	};

	for (size_t i = 0; t && i < sizeof(types) / sizeof(*types); i++)
		if (!strcmp(t, types[i].name))
			return types[i].type;
	return CT_OTHER;
}

static void cols_add(struct cols *k, const char *name, enum copy_type type, int pk, int ident)
{
	XGROW(k->c, k->alloc, k->n + 1);
	k->c[k->n++] = (struct col){ xstrdup(name), type, pk, ident };
}

static long cols_find(const struct cols *k, const char *name)
{
	for (size_t i = 0; i < k->n; i++)
		if (!strcmp(k->c[i].name, name))
			return (long)i;
	return -1;
}

/* SQLite's rowid, where it is not a column's alias: PostgreSQL's tables keep
 * it as a column named rowid (pg_schema.c), and ballast reads it (settings,
 * workdays). A WITHOUT ROWID table has none. */
static void sqlite_rowid(const struct copy_side *s, const char *table, struct cols *k)
{
	struct buf sql = BUF_INIT;
	struct dbq *q;
	size_t n_pk = 0;
	long alias = -1;

	for (size_t i = 0; i < k->n; i++)
		if (k->c[i].pk) {
			n_pk++;
			alias = (long)i;
		}
	if (n_pk == 1 && k->c[alias].type == CT_INT)
		return;
	buf_addf(&sql, "SELECT rowid FROM \"%s\" LIMIT 0", table);
	q = db_prepare(s->db, sql.s);
	if (q)
		cols_add(k, "rowid", CT_INT, 0, 0);
	dbq_finalize(q);
	buf_release(&sql);
}

/* The columns of table on side s into *k. -1 when the catalog cannot be read. */
static int read_cols(const struct copy_side *s, const char *table, struct cols *k)
{
	struct dbq *q = db_prepare(s->db, s->pg ? COLUMNS_PG : COLUMNS_SQLITE);
	int step;

	memset(k, 0, sizeof(*k));
	if (!q)
		return -1;
	dbq_bind_text(q, 1, table, -1);
	while ((step = dbq_step(q)) == DB_ROW)
		cols_add(k, dbq_text(q, 0), type_of(dbq_text(q, 1)), (int)dbq_i64(q, 2),
			 (int)dbq_i64(q, 3));
	dbq_finalize(q);
	if (step != DB_DONE)
		return -1;
	if (!s->pg)
		sqlite_rowid(s, table, k);
	return 0;
}

/* Column 0 of every row of sql (one text parameter, may be NULL) appended to
 * *out. -1 when it fails. */
static int read_names(const struct copy_side *s, const char *sql, const char *arg, char ***out,
		      size_t *n)
{
	struct dbq *q = db_prepare(s->db, sql);
	size_t alloc = *n;
	int step;

	if (!q)
		return -1;
	if (arg)
		dbq_bind_text(q, 1, arg, -1);
	while ((step = dbq_step(q)) == DB_ROW) {
		XGROW(*out, alloc, *n + 1);
		(*out)[(*n)++] = xstrdup(dbq_text(q, 0) ? dbq_text(q, 0) : "");
	}
	dbq_finalize(q);
	return step == DB_DONE ? 0 : -1;
}

static void names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* The key rows are read in: rowid where both sides have it (an integer in
 * the same order on both, whatever their collations), else the source's
 * primary key. */
static int choose_key(struct copy_table *t, const struct cols *src)
{
	long r = -1;
	int most = 0;

	for (size_t i = 0; i < t->n_cols; i++)
		if (!strcmp(t->cols[i], "rowid"))
			r = (long)i;
	t->key = xcalloc(src->n + 1, sizeof(*t->key));
	if (r >= 0) {
		t->key[t->n_key++] = (size_t)r;
		return 0;
	}
	for (size_t i = 0; i < src->n; i++)
		if (src->c[i].pk > most)
			most = src->c[i].pk;
	for (int p = 1; p <= most; p++)
		for (size_t i = 0; i < src->n; i++)
			if (src->c[i].pk == p)
				t->key[t->n_key++] = i;
	return t->n_key ? 0 : -1;
}

/* table as both sides have it into *t: the same columns, or BL_EINVAL. */
static enum bl_err read_table(struct copy *c, const char *name, struct copy_table *t)
{
	struct cols src, dst;
	enum bl_err rc = BL_OK;

	t->name = xstrdup(name);
	if (read_cols(&c->src, name, &src) | read_cols(&c->dst, name, &dst)) {
		rc = copy_fail(c, BL_EDB, "cannot read the columns of %s", name);
		goto out;
	}
	if (!dst.n) {
		rc = copy_fail(c, BL_EINVAL, "the source's table %s is not in the target's schema",
			       name);
		goto out;
	}
	t->cols = xcalloc(src.n + 1, sizeof(*t->cols));
	t->src_type = xcalloc(src.n + 1, sizeof(*t->src_type));
	t->dst_type = xcalloc(src.n + 1, sizeof(*t->dst_type));
	for (size_t i = 0; i < src.n; i++) {
		const char *col = src.c[i].name;
		long j = cols_find(&dst, col);

		if (j < 0 || !plain_name(col)) {
			rc = copy_fail(c, BL_EINVAL, "column %s.%s is not in the target's schema",
				       name, col);
			goto out;
		}
		t->cols[t->n_cols] = xstrdup(col);
		t->src_type[t->n_cols] = src.c[i].type;
		t->dst_type[t->n_cols++] = dst.c[j].type;
		if (dst.c[j].ident) {
			t->ident = xrealloc(t->ident, (t->n_ident + 1) * sizeof(*t->ident));
			t->ident[t->n_ident++] = xstrdup(col);
		}
	}
	for (size_t j = 0; j < dst.n; j++)
		if (cols_find(&src, dst.c[j].name) < 0) {
			rc = copy_fail(c, BL_EINVAL, "column %s.%s of the target is not in the "
				       "source", name, dst.c[j].name);
			goto out;
		}
	if (choose_key(t, &src))
		rc = copy_fail(c, BL_EINVAL, "table %s has no primary key to copy it by", name);
out:
	cols_release(&src);
	cols_release(&dst);
	return rc;
}

/* Drop t's references to itself (units.parent_id): its rows go in key
 * order, and each backend checks them at the end of the statement (SQLite:
 * the transaction, copy.c). */
static void drop_self_refs(struct copy_table *t)
{
	size_t k = 0;

	for (size_t i = 0; i < t->n_refs; i++) {
		if (!strcmp(t->refs[i], t->name))
			free(t->refs[i]);
		else
			t->refs[k++] = t->refs[i];
	}
	t->n_refs = k;
}

enum bl_err copy_catalog(struct copy *c)
{
	char **src = NULL, **dst = NULL;
	size_t n_src = 0, n_dst = 0, alloc = 0;
	enum bl_err rc = BL_OK;

	if (read_names(&c->src, c->src.pg ? COPY_TABLES_PG : COPY_TABLES_SQLITE, NULL, &src, &n_src) ||
	    read_names(&c->dst, c->dst.pg ? COPY_TABLES_PG : COPY_TABLES_SQLITE, NULL, &dst, &n_dst)) {
		rc = copy_fail(c, BL_EDB, "cannot read the list of tables");
		goto out;
	}
	for (size_t i = 0; i < n_dst; i++) {
		size_t j = 0;

		while (j < n_src && strcmp(src[j], dst[i]))
			j++;
		if (j == n_src) {
			rc = copy_fail(c, BL_EINVAL, "the target's table %s is not in the source",
				       dst[i]);
			goto out;
		}
	}
	for (size_t i = 0; i < n_src && !rc; i++) {
		struct copy_table *t;

		if (!plain_name(src[i])) {
			rc = copy_fail(c, BL_EINVAL, "table \"%s\" is not one of ballast's", src[i]);
			break;
		}
		XGROW(c->t, alloc, c->n + 1);
		t = &c->t[c->n++];
		memset(t, 0, sizeof(*t));
		rc = read_table(c, src[i], t);
		if (!rc && read_names(&c->dst, c->dst.pg ? REFS_PG : REFS_SQLITE, t->name,
				      &t->refs, &t->n_refs))
			rc = copy_fail(c, BL_EDB, "cannot read the foreign keys of %s", t->name);
		drop_self_refs(t);
	}
	if (!rc && copy_order(c->t, c->n))
		rc = copy_fail(c, BL_EINVAL, "the tables' foreign keys form a cycle: no order "
			       "to copy them in");
out:
	names_free(src, n_src);
	names_free(dst, n_dst);
	return rc;
}

void copy_tables_free(struct copy *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct copy_table *t = &c->t[i];

		free(t->name);
		names_free(t->cols, t->n_cols);
		free(t->src_type);
		free(t->dst_type);
		free(t->key);
		names_free(t->refs, t->n_refs);
		names_free(t->ident, t->n_ident);
	}
	free(c->t);
	c->t = NULL;
	c->n = 0;
}

/* Whether every table t refers to is among the first `placed` of all. */
static int refs_placed(const struct copy_table *t, const struct copy_table *all, size_t placed)
{
	for (size_t r = 0; r < t->n_refs; r++) {
		size_t j = 0;

		while (j < placed && strcmp(all[j].name, t->refs[r]))
			j++;
		if (j == placed)
			return 0;
	}
	return 1;
}

int copy_order(struct copy_table *t, size_t n)
{
	size_t placed = 0;

	/* Each round moves the first table whose references are all placed to
	 * the end of the placed ones: the given order where it can be kept. */
	while (placed < n) {
		size_t i = placed;

		while (i < n && !refs_placed(&t[i], t, placed))
			i++;
		if (i == n)
			return -1;
		struct copy_table pick = t[i];
		memmove(&t[placed + 1], &t[placed], (i - placed) * sizeof(*t));
		t[placed++] = pick;
	}
	return 0;
}
