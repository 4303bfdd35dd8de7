/* copy.c — `ballast copy` (issue #17): a ballast database copied into a new
 * one of either backend, rows with their ids, in one transaction, then
 * checked equal (copy_check.c) and verified. The source is a bare
 * connection read in one snapshot (never store_open's, which would migrate
 * it); the target is a store, made with its backend's schema. Only db.h's
 * API: each statement is built from the catalogs (copy_catalog.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/copy_int.h"
#include "store/pg.h"
#include "store/sqlite_int.h"
#include "store/store_accounts.h"
#include "util/xalloc.h"

/* Rows per INSERT into PostgreSQL (one round trip each), as parameters:
 * about this many per statement. SQLite takes one row per INSERT. */
#define PG_BATCH_PARAMS 6000
#define PG_BATCH_ROWS 500
/* Fewer when the rows held pass this many bytes (bulletins' files). */
#define PG_BATCH_BYTES (8u << 20)

void store_describe(struct buf *b, const char *target)
{
	const char *scheme = strstr(target, "://"), *d = strstr(target, "dbname="), *e = NULL;

	if (!db_target_is_pg(target)) {
		buf_adds(b, target);
		return;
	}
	if (d) {
		d += 7;
		e = d + strcspn(d, " ");
	} else if (scheme) {
		/* postgres://user@host/NAME?options */
		d = strchr(scheme + 3, '/');
		if (d) {
			d++;
			e = d + strcspn(d, "?");
		}
	}
	if (d && e > d)
		buf_addf(b, "PostgreSQL database %.*s", (int)(e - d), d);
	else
		buf_adds(b, "the PostgreSQL database");
}

/* ---- the source ---- */

static int64_t query_int(struct db *db, const char *sql)
{
	struct dbq *q = db_prepare(db, sql);
	int64_t v = -1;

	if (q && dbq_step(q) == DB_ROW && !dbq_is_null(q, 0))
		v = dbq_i64(q, 0);
	dbq_finalize(q);
	return v;
}

/* The source's schema version: this ballast's, or a sentence. */
static enum bl_err source_version(struct copy *c, const char *name)
{
	int pg = c->src.pg, want = pg ? pg_schema_version() : store_schema_version();
	int64_t v;

	if (pg && query_int(c->src.db, "SELECT count(*) FROM pg_tables WHERE schemaname ="
			    " current_schema() AND tablename = 'ballast_schema'") != 1)
		v = 0;
	else
		v = query_int(c->src.db, pg ? "SELECT version FROM ballast_schema"
					    : "PRAGMA user_version");
	if (v < 0)
		return copy_fail(c, BL_EDB, "%s: cannot read its schema version: %s", name,
				 db_errmsg(c->src.db));
	if (v == 0)
		return copy_fail(c, BL_ENOTFOUND, "%s is not a ballast database", name);
	if (v > want)
		return copy_fail(c, BL_EVERSION, "%s has schema version %lld, newer than this "
				 "ballast understands (%d); use a newer ballast", name,
				 (long long)v, want);
	if (v < want)
		return copy_fail(c, BL_EVERSION, "%s has schema version %lld, older than this "
				 "ballast's %d; copy never changes its source: upgrade it first "
				 "(any ballast command that opens it does, e.g. 'ballast verify "
				 "--db' with it; back it up before), then copy", name,
				 (long long)v, want);
	return BL_OK;
}

/* Open the source read-only, in one snapshot that lasts until it is closed. */
static enum bl_err open_source(struct copy *c, const char *name)
{
	struct stat sb;
	char why[512];

	c->src.pg = db_target_is_pg(c->from);
	if (!c->src.pg && stat(c->from, &sb))
		return copy_fail(c, BL_ENOTFOUND, "no database at %s (%s)", name,
				 strerror(errno));
	if (db_open(c->from, SQLITE_OPEN_READONLY, &c->src.db, why, sizeof(why)))
		return copy_fail(c, c->src.pg ? BL_EDB : BL_ENOTFOUND, "cannot open %s: %s",
				 name, why);
	if (db_exec(c->src.db, c->src.pg ? "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
					 : "BEGIN"))
		return copy_fail(c, BL_EDB, "%s: cannot begin reading: %s", name,
				 db_errmsg(c->src.db));
	return source_version(c, name);
}

/* ---- the target: new, or empty ---- */

/* Whether any table of db holds a row; its name in *table (caller frees).
 * -1 when it cannot be read. */
static int holds_rows(struct db *db, int pg, char **table)
{
	struct dbq *q = db_prepare(db, pg ? COPY_TABLES_PG : COPY_TABLES_SQLITE);
	struct buf sql = BUF_INIT;
	int step = DB_ERROR, held = 0;

	*table = NULL;
	while (q && !held && (step = dbq_step(q)) == DB_ROW) {
		buf_reset(&sql);
		buf_addf(&sql, "SELECT count(*) FROM (SELECT 1 FROM \"%s\" LIMIT 1) AS t",
			 dbq_text(q, 0));
		held = query_int(db, sql.s) != 0;
		if (held)
			*table = xstrdup(dbq_text(q, 0));
	}
	dbq_finalize(q);
	buf_release(&sql);
	return held ? 1 : step == DB_DONE ? 0 : -1;
}

#define ONLY_EMPTY "copy writes only a new SQLite file or an empty database, and wrote nothing"

/* The target must hold no row: a SQLite path that does not exist (*fresh
 * set), or a database whose tables are all empty (ballast's, as init or a
 * copy that failed or was killed leaves them; none at all). */
static enum bl_err check_target(struct copy *c, const char *name, int *fresh)
{
	int pg = db_target_is_pg(c->to), held;
	char why[512], *table = NULL;
	struct db *db = NULL;
	struct stat sb;

	*fresh = 0;
	if (!pg && (!*c->to || !strcmp(c->to, ":memory:") || !strncmp(c->to, "file:", 5)))
		return copy_fail(c, BL_EINVAL, "copy writes a SQLite file by its path, not %s",
				 *c->to ? c->to : "an empty name");
	if (!pg && stat(c->to, &sb)) {
		*fresh = 1;
		return BL_OK;
	}
	if (db_open(c->to, pg ? 0 : SQLITE_OPEN_READONLY, &db, why, sizeof(why)))
		return copy_fail(c, BL_EDB, "cannot open %s: %s", name, why);
	held = holds_rows(db, pg, &table);
	if (held < 0)
		copy_fail(c, pg ? BL_EDB : BL_EINVAL, "%s cannot be read as a database (%s); "
			  ONLY_EMPTY, name, db_errmsg(db));
	else if (held)
		copy_fail(c, BL_EINVAL, "%s is not empty (table %s holds rows); " ONLY_EMPTY,
			  name, table);
	free(table);
	db_close(db);
	return !held ? BL_OK : held < 0 && pg ? BL_EDB : BL_EINVAL;
}

/* ---- rows ---- */

/* Rows read from the source and held for one INSERT: their values, a text's
 * or blob's bytes in one buffer (the value's i is their offset there). */
struct batch {
	size_t rows, cap, n_cols;
	struct copy_value *v;
	struct buf bytes;
	struct dbq *full;       /* INSERT of cap rows */
};

static struct dbq *insert_query(struct db *db, const struct copy_table *t, size_t rows)
{
	struct buf sql = BUF_INIT;
	struct dbq *q;

	buf_addf(&sql, "INSERT INTO \"%s\" (", t->name);
	for (size_t i = 0; i < t->n_cols; i++)
		buf_addf(&sql, "%s\"%s\"", i ? ", " : "", t->cols[i]);
	buf_adds(&sql, ") VALUES ");
	for (size_t r = 0; r < rows; r++) {
		buf_adds(&sql, r ? ", (" : "(");
		for (size_t i = 0; i < t->n_cols; i++)
			buf_adds(&sql, i ? ", ?" : "?");
		buf_adds(&sql, ")");
	}
	q = db_prepare(db, sql.s);
	buf_release(&sql);
	return q;
}

/* Value v into parameter p of q, as the target's column type needs: a text
 * into bytea as its bytes; PostgreSQL's bytea of an old hex hash into
 * SQLite's TEXT column as the text it was (copy_hex_hash). */
static void bind_value(const struct copy *c, struct dbq *q, int p, const struct copy_value *v,
		       enum copy_type to)
{
	switch (v->type) {
	case DBT_INTEGER:
		dbq_bind_i64(q, p, v->i);
		break;
	case DBT_TEXT:
		if (to == CT_BLOB)
			dbq_bind_blob_kept(q, p, v->p, v->n);
		else
			dbq_bind_text_kept(q, p, v->p, (int)v->n);
		break;
	case DBT_BLOB:
		if (to == CT_TEXT && c->src.pg && !c->dst.pg && copy_hex_hash(v->p, v->n))
			dbq_bind_text_kept(q, p, v->p, (int)v->n);
		else
			dbq_bind_blob_kept(q, p, v->p, v->n);
		break;
	default:
		dbq_bind_null(q, p);
		break;
	}
}

/* Hold the current row of the source's q. -1 for a value copy cannot carry
 * (a float: ballast's schema has none). */
static int batch_hold(struct batch *b, struct dbq *q)
{
	struct copy_value *row = &b->v[b->rows * b->n_cols];

	for (size_t i = 0; i < b->n_cols; i++) {
		copy_value_get(q, (int)i, &row[i]);
		if (row[i].type == DBT_FLOAT)
			return -1;
		if (row[i].type == DBT_TEXT || row[i].type == DBT_BLOB) {
			int64_t at = (int64_t)b->bytes.len;

			buf_add(&b->bytes, row[i].p, row[i].n);
			row[i].i = at;
		}
	}
	b->rows++;
	return 0;
}

/* Write the held rows (with q, of exactly that many rows) and forget them. */
static int batch_write(const struct copy *c, const struct copy_table *t, struct batch *b,
		       struct dbq *q)
{
	int step;

	if (b->bytes.err)
		return -1;
	for (size_t r = 0; r < b->rows; r++)
		for (size_t i = 0; i < b->n_cols; i++) {
			struct copy_value v = b->v[r * b->n_cols + i];

			if (v.type == DBT_TEXT || v.type == DBT_BLOB)
				v.p = b->bytes.s + v.i;
			bind_value(c, q, (int)(r * b->n_cols + i + 1), &v, t->dst_type[i]);
		}
	step = dbq_step(q);
	dbq_reset(q);
	b->rows = 0;
	buf_reset(&b->bytes);
	return step == DB_DONE ? 0 : -1;
}

/* Write the held rows, fewer than a full batch, with an INSERT of their number. */
static int batch_write_some(const struct copy *c, const struct copy_table *t, struct batch *b)
{
	struct dbq *q = insert_query(c->dst.db, t, b->rows);
	int bad = !q || batch_write(c, t, b, q);

	dbq_finalize(q);
	return bad;
}

static void progress(struct copy *c, const struct copy_table *t, int done)
{
	if (c->r->progress)
		c->r->progress(c->r->ctx, t->name, t->rows, done);
}

/* Every row of t, read in key order, written with its values as they are. */
static enum bl_err copy_table(struct copy *c, struct copy_table *t)
{
	struct batch b = { .n_cols = t->n_cols, .cap = 1 };
	struct copy_cursor k = { 0 };
	enum bl_err rc = BL_OK;
	int step, bad = 0;

	if (c->dst.pg)
		b.cap = t->n_cols * PG_BATCH_ROWS > PG_BATCH_PARAMS ? PG_BATCH_PARAMS / t->n_cols
								   : PG_BATCH_ROWS;
	b.v = xcalloc(b.cap * b.n_cols, sizeof(*b.v));
	buf_init(&b.bytes, 0);
	if (copy_cursor_open(&k, &c->src, t, t->src_type) ||
	    !(b.full = insert_query(c->dst.db, t, b.cap))) {
		rc = copy_fail(c, BL_EDB, "cannot copy %s: %s", t->name,
			       db_errmsg(k.first ? c->dst.db : c->src.db));
		goto out;
	}
	while (!bad && (step = copy_cursor_step(&k)) == DB_ROW) {
		if (batch_hold(&b, k.cur)) {
			rc = copy_fail(c, BL_EINVAL, "%s holds a floating-point value, which "
				       "ballast's schema has none of", t->name);
			goto out;
		}
		if (b.rows == b.cap)
			bad = batch_write(c, t, &b, b.full);
		else if (b.bytes.len >= PG_BATCH_BYTES)
			bad = batch_write_some(c, t, &b);
		if (++t->rows % COPY_PROGRESS_ROWS == 0)
			progress(c, t, 0);
	}
	if (!bad && step != DB_DONE) {
		rc = copy_fail(c, BL_EDB, "cannot read %s: %s", t->name, db_errmsg(c->src.db));
		goto out;
	}
	if (!bad && b.rows)
		bad = batch_write_some(c, t, &b);
	if (bad)
		rc = copy_fail(c, BL_EDB, "cannot write %s: %s", t->name, db_errmsg(c->dst.db));
	else
		progress(c, t, 1);
out:
	copy_cursor_close(&k);
	dbq_finalize(b.full);
	buf_release(&b.bytes);
	free(b.v);
	return rc;
}

/* ---- the one transaction ---- */

/* PostgreSQL's identity sequences past the copied ids, so that the next
 * insert does not collide (an empty table's starts at 1). */
static enum bl_err move_sequences(struct copy *c)
{
	struct buf sql = BUF_INIT;
	enum bl_err rc = BL_OK;

	for (size_t i = 0; i < c->n && !rc; i++)
		for (size_t j = 0; j < c->t[i].n_ident && !rc; j++) {
			const char *t = c->t[i].name, *col = c->t[i].ident[j];

			buf_reset(&sql);
			buf_addf(&sql, "SELECT setval(pg_get_serial_sequence('%s', '%s'),"
				 " COALESCE((SELECT MAX(\"%s\") FROM \"%s\"), 0) + 1, false)",
				 t, col, col, t);
			if (query_int(c->dst.db, sql.s) < 0)
				rc = copy_fail(c, BL_EDB, "cannot move the sequence of %s.%s: %s",
					       t, col, db_errmsg(c->dst.db));
		}
	buf_release(&sql);
	return rc;
}

/* Every table, in one transaction on the target that first checks again,
 * inside it, that the target holds no row. */
static enum bl_err copy_all(struct copy *c, const char *name)
{
	struct db *db = c->dst.db;
	enum bl_err rc = BL_OK;
	char *table = NULL;
	int held = 0;

	if (db_exec(db, c->dst.pg ? "BEGIN" : "BEGIN IMMEDIATE"))
		return copy_fail(c, BL_EDB, "%s: cannot begin: %s", name, db_errmsg(db));
	/* SQLite checks a table's references to itself (units.parent_id) at
	 * the commit; PostgreSQL at the end of each INSERT of a batch. */
	if (!c->dst.pg && db_exec(db, "PRAGMA defer_foreign_keys = ON"))
		rc = copy_fail(c, BL_EDB, "%s: %s", name, db_errmsg(db));
	for (size_t i = 0; i < c->n && !rc && !held; i++) {
		struct buf sql = BUF_INIT;

		buf_addf(&sql, "SELECT count(*) FROM (SELECT 1 FROM \"%s\" LIMIT 1) AS t",
			 c->t[i].name);
		held = query_int(db, sql.s) != 0;
		if (held)
			table = c->t[i].name;
		buf_release(&sql);
	}
	if (held)
		rc = copy_fail(c, BL_EINVAL, "%s is not empty (table %s holds rows); " ONLY_EMPTY,
			       name, table);
	for (size_t i = 0; i < c->n && !rc; i++) {
		rc = copy_table(c, &c->t[i]);
		c->r->rows += c->t[i].rows;
	}
	if (!rc && c->dst.pg)
		rc = move_sequences(c);
	if (!rc && db_exec(db, "COMMIT"))
		rc = copy_fail(c, BL_EDB, "%s: the copy cannot commit: %s", name, db_errmsg(db));
	if (rc)
		db_exec(db, "ROLLBACK");
	else
		c->r->tables = c->n;
	return rc;
}

/* ---- the audit chain ---- */

/* The source's last audit entry, in its snapshot. */
static enum bl_err source_head(struct copy *c, int64_t *id, char hash[65])
{
	struct dbq *q = db_prepare(c->src.db, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
	int step = q ? dbq_step(q) : DB_ERROR;

	*id = 0;
	memcpy(hash, AUDIT_GENESIS, 65);
	if (step == DB_ROW) {
		*id = dbq_i64(q, 0);
		if (audit_hash_col(q, 1, hash))
			step = DB_ERROR;
	}
	dbq_finalize(q);
	if (step == DB_ERROR)
		return copy_fail(c, BL_EDB, "cannot read the source's audit head: %s",
				 db_errmsg(c->src.db));
	return BL_OK;
}

static void note(struct copy *c, const char *sentence)
{
	if (c->r->note)
		c->r->note(c->r->ctx, sentence);
}

/* The target's anchor log: the source's anchors up to the copied head (a
 * SQLite source's log beside it, a PostgreSQL source's $BALLAST_ANCHOR),
 * then the head. */
static enum bl_err anchor_target(struct copy *c, struct store *dst, int64_t id, const char *hash)
{
	struct buf from = BUF_INIT, comment = BUF_INIT;
	enum bl_err rc;
	struct stat sb;

	if (!c->src.pg)
		buf_addf(&from, "%s.anchor", c->from);
	else if (anchor_pg_path())
		buf_adds(&from, anchor_pg_path());
	if (!from.s || stat(from.s, &sb)) {
		buf_addf(&comment, "copied (ballast copy) from a database without an anchor log "
			 "at entry %lld: the trail before this line was not anchored", (long long)id);
		note(c, c->src.pg ? "the source is PostgreSQL without an anchor log ($BALLAST_ANCHOR "
		     "names none): the copy's anchor log starts at the copied head"
		     : "the source has no anchor log: the copy's starts at the copied head");
	} else {
		buf_addf(&comment, "copied (ballast copy) from %s up to entry %lld",
			 c->src.pg ? from.s : c->from, (long long)id);
	}
	rc = anchor_copy_from(dst, from.s, dst->anchor_path, id, hash, comment.s);
	if (rc)
		copy_fail(c, rc, "%s", store_errmsg(dst));
	buf_release(&from);
	buf_release(&comment);
	return rc;
}

/* ---- the check ---- */

struct verified {
	struct copy *c;
	struct buf first;   /* the first problem */
	int64_t n;
};

static void on_problem(void *ctx, const char *sentence)
{
	struct verified *v = ctx;

	if (!v->n++)
		buf_adds(&v->first, sentence);
}

static void on_note(void *ctx, const char *sentence)
{
	note(((struct verified *)ctx)->c, sentence);
}

/* ballast verify on the copy, and its head against the source's. */
static enum bl_err verify_target(struct copy *c, struct store *dst, int64_t id, const char *hash)
{
	struct verified v = { .c = c, .first = BUF_INIT };
	struct verify_report r = { .problem = on_problem, .note = on_note, .ctx = &v };
	enum bl_err rc = BL_OK;

	if (store_verify(dst, NULL, &r))
		rc = copy_fail(c, BL_EDB, "the copy cannot be verified: %s", store_errmsg(dst));
	else if (r.problems)
		rc = copy_fail(c, BL_ECONFLICT, "the copy does not verify: %lld problem%s, the "
			       "first: %s ('ballast verify' on the source says whether it has "
			       "them too)", (long long)r.problems, r.problems == 1 ? "" : "s",
			       v.first.s);
	else if (r.head_id != id || strcmp(r.head_hash, hash))
		rc = copy_fail(c, BL_ECONFLICT, "the copy's audit head (entry %lld %s) is not "
			       "the source's (entry %lld %s)", (long long)r.head_id, r.head_hash,
			       (long long)id, hash);
	c->r->entries = r.entries;
	c->r->problems = r.problems;
	buf_release(&v.first);
	return rc;
}

/* A SQLite target this copy made, and what SQLite and the anchor log put
 * beside it, removed after a failure. */
static void remove_target(const char *path)
{
	static const char *const beside[] = { "", "-wal", "-shm", "-journal", ".anchor" };
	struct buf p = BUF_INIT;

	for (size_t i = 0; i < sizeof(beside) / sizeof(*beside); i++) {
		buf_reset(&p);
		buf_addf(&p, "%s%s", path, beside[i]);
		unlink(p.s);
	}
	buf_release(&p);
}

/* Copy into the target store dst, then its anchor log; BL_OK once committed. */
static enum bl_err copy_into(struct copy *c, struct store *dst, const char *name)
{
	enum bl_err rc;

	c->dst.db = dst->db;
	c->dst.pg = store_is_pg(dst);
	rc = copy_catalog(c);
	if (!rc)
		rc = copy_all(c, name);
	if (!rc)
		rc = source_head(c, &c->r->head_id, c->r->head_hash);
	if (!rc && dst->anchor_path)
		rc = anchor_target(c, dst, c->r->head_id, c->r->head_hash);
	return rc;
}

enum bl_err store_copy(const char *from, const char *to, struct copy_report *r, struct buf *err)
{
	struct copy c = { .from = from, .to = to, .r = r, .err = err };
	struct buf src = BUF_INIT, dst_name = BUF_INIT;
	struct store *dst = NULL;
	int made = 0;
	enum bl_err rc;

	r->tables = 0;
	r->rows = r->head_id = r->entries = r->problems = 0;
	memcpy(r->head_hash, AUDIT_GENESIS, 65);
	store_describe(&src, from);
	store_describe(&dst_name, to);
	/* $BALLAST_ANCHOR names one log: two PostgreSQL databases cannot share
	 * it (each would find the other's heads in it), and the target's new
	 * log would replace the source's. */
	if (db_target_is_pg(from) && db_target_is_pg(to) && anchor_pg_path()) {
		rc = copy_fail(&c, BL_EINVAL, "$BALLAST_ANCHOR names one anchor log (%s), but %s "
			       "and %s are two PostgreSQL databases: copy without it, then give "
			       "the copy's servers a log of their own", anchor_pg_path(),
			       src.s, dst_name.s);
		goto out;
	}
	rc = open_source(&c, src.s);
	if (!rc)
		rc = check_target(&c, dst_name.s, &made);
	if (rc)
		goto out;
	rc = store_open(to, STORE_CREATE, &dst, err);
	if (!rc)
		rc = copy_into(&c, dst, dst_name.s);
	if (rc)
		goto out;
	/* Committed: a difference found now leaves the copy for the user to see. */
	made = 0;
	/* The copy read in one state too (nobody else should write it yet). */
	if (db_exec(dst->db, "BEGIN")) {
		rc = copy_fail(&c, BL_EDB, "%s: cannot begin reading: %s", dst_name.s,
			       db_errmsg(dst->db));
		goto out;
	}
	rc = copy_compare(&c);
	db_exec(dst->db, "COMMIT");
	if (!rc)
		rc = verify_target(&c, dst, r->head_id, r->head_hash);
out:
	store_close(dst);
	if (rc && made)
		remove_target(to);
	copy_tables_free(&c);
	db_close(c.src.db);
	buf_release(&src);
	buf_release(&dst_name);
	return rc;
}
