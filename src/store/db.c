/* db.c — db.h over SQLite (forwarding to its statements) and over libpq.
 *
 * PostgreSQL: a statement is prepared once per connection under its own name
 * (PQprepare, parameter types inferred by the server); a step after binding
 * runs it (PQexecPrepared) and keeps the whole answer, then hands out its rows
 * one by one. So another statement may run while one's rows are being read,
 * as SQLite allows. Values travel as text, blobs in binary. */
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/db.h"
#include "store/db_int.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* PostgreSQL's type ids (pg_type.h, stable since 7.x). */
enum { OID_BOOL = 16, OID_BYTEA = 17, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23, OID_TEXT = 25,
       OID_FLOAT4 = 700, OID_FLOAT8 = 701, OID_NUMERIC = 1700 };

/* A small decimal number at s (up to four digits); 0 when none. */
static int atoi_bounded(const char *s)
{
	int v = 0;

	for (int i = 0; i < 4 && s[i] >= '0' && s[i] <= '9'; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int db_target_is_pg(const char *target)
{
	const char *p = target;

	if (!target)
		return 0;
	if (!strncmp(target, "postgres://", 11) || !strncmp(target, "postgresql://", 13))
		return 1;
	/* A libpq connection string starts with a keyword and "=" ("host=…");
	 * SQLite's URIs start "file:". */
	while (*p == ' ')
		p++;
	while ((*p >= 'a' && *p <= 'z') || *p == '_')
		p++;
	while (*p == ' ')
		p++;
	return p > target && *p == '=' && strncmp(target, "file:", 5);
}

/* ---- the PostgreSQL text of a statement ---- */

char *db_pg_text(const char *sql, int *n_params)
{
	/* SQLite's write transaction: PostgreSQL's strictest, whose conflicts
	 * fail with DBF_BUSY for the caller to retry. */
	if (!strcmp(sql, "BEGIN IMMEDIATE"))
		sql = "BEGIN ISOLATION LEVEL SERIALIZABLE";
	/* SQLite's read transaction, one snapshot for all its statements:
	 * PostgreSQL's READ COMMITTED would give each statement its own. */
	else if (!strcmp(sql, "BEGIN DEFERRED"))
		sql = "BEGIN ISOLATION LEVEL REPEATABLE READ";
	size_t n = strlen(sql);
	/* "?" becomes at most "$1000": five bytes more per byte */
	char *out = xmalloc(n * 6 + 1), *o = out;
	int next = 1, max = 0;
	char quote = 0;

	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			*o++ = *p;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			quote = *p;
			*o++ = *p;
			continue;
		}
		if (*p != '?') {
			*o++ = *p;
			continue;
		}
		int k = 0;
		while (p[1] >= '0' && p[1] <= '9' && k < 1000)
			k = k * 10 + (*++p - '0');
		if (!k)
			k = next;
		next = k + 1;
		if (k > max)
			max = k;
		o += snprintf(o, 8, "$%d", k);
	}
	*o = 0;
	if (n_params)
		*n_params = max;
	return out;
}

/* ---- connections ---- */

static void pg_quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

void pg_fail(struct db *db, const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	/* The primary message alone: one line, as SQLite's are (it goes into
	 * sentences such as verify's problems); BALLAST_PG_TRACE prints all. */
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	if (!msg || !*msg)
		msg = res ? PQresultErrorMessage(res) : PQerrorMessage(db->pg);
	/* A statement after a failed one in a transaction fails for that one
	 * (25P02): the fault is the first failure's (a serialization failure
	 * stays one, so the write is run again), and so is the message. */
	if (state && !strcmp(state, "25P02") && db->cause) {
		free(db->err);
		db->err = xstrdup(db->cause);
		db->fault = db->cause_fault;
		return;
	}

	free(db->err);
	db->err = xstrdup(msg && *msg ? msg : "PostgreSQL failed");
	for (char *e = db->err + strlen(db->err); e > db->err && (e[-1] == '\n' || e[-1] == ' ');)
		*--e = 0;
	if (state && !strncmp(state, "23", 2))
		db->fault = DBF_CONSTRAINT;
	else if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01")))
		db->fault = DBF_BUSY;
	else
		db->fault = DBF_OTHER;
	free(db->cause);
	db->cause = xstrdup(db->err);
	db->cause_fault = db->fault;
}

int db_open(const char *target, int flags, struct db **out, char *err, size_t cap)
{
	struct db *db = xcalloc(1, sizeof(*db));

	*out = NULL;
	if (db_target_is_pg(target)) {
		db->kind = DB_PG;
		db->pg = PQconnectdb(target);
		if (PQstatus(db->pg) != CONNECTION_OK) {
			snprintf(err, cap, "%s", PQerrorMessage(db->pg));
			PQfinish(db->pg);
			free(db);
			return -1;
		}
		/* Notices (such as "there is no transaction in progress") are
		 * not the caller's output. */
		PQsetNoticeProcessor(db->pg, pg_quiet, NULL);
		*out = db;
		return 0;
	}
	db->kind = DB_SQLITE;
	if (sqlite3_open_v2(target, &db->lite, flags, NULL) != SQLITE_OK) {
		snprintf(err, cap, "%s", db->lite ? sqlite3_errmsg(db->lite) : "out of memory");
		sqlite3_close(db->lite);
		free(db);
		return -1;
	}
	*out = db;
	return 0;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	if (db->kind == DB_PG) {
		pg_copy_free(db);
		PQfinish(db->pg);
	}
	else
		sqlite3_close(db->lite);
	free(db->err);
	free(db->cause);
	free(db);
}

enum db_kind db_kind(const struct db *db)
{
	return db->kind;
}

struct sqlite3 *db_sqlite(struct db *db)
{
	return db->kind == DB_SQLITE ? db->lite : NULL;
}

/* Before statement sql runs (NULL: a prepared one): end a COPY in progress
 * (db_copy.c), and count a transaction begun, which a cursor belongs to
 * (db_cursor.c). 0, or -1 (pg_fail). */
static int pg_before(struct db *db, const char *sql)
{
	if (pg_copy_before(db, sql))
		return -1;
	if (sql && !strncmp(sql, "BEGIN", 5))
		db->txn++;
	return 0;
}

int db_exec(struct db *db, const char *sql)
{
	if (db->kind == DB_SQLITE)
		return sqlite3_exec(db->lite, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	if (pg_before(db, sql))
		return -1;
	PGresult *res = PQexec(db->pg, sql);
	ExecStatusType s = PQresultStatus(res);
	int rc = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ? 0 : -1;

	if (rc)
		pg_fail(db, res);
	else
		db->fault = DBF_NONE;
	PQclear(res);
	return rc;
}

/* ---- statements ---- */

/* Whether PostgreSQL takes sql only unprepared: transaction control. */
static int pg_direct(const char *sql)
{
	static const char *const verbs[] = { "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "END" };

	for (size_t i = 0; i < sizeof(verbs) / sizeof(*verbs); i++) {
		size_t n = strlen(verbs[i]);
		if (!strncmp(sql, verbs[i], n) && (sql[n] == 0 || sql[n] == ' ' || sql[n] == ';'))
			return 1;
	}
	return 0;
}

/* The parameter a "could not determine data type of parameter $N" names. */
static int pg_param_named(const PGresult *res)
{
	const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	const char *d = msg ? strrchr(msg, '$') : NULL;

	return d ? atoi_bounded(d + 1) : 0;
}

/* Run sql for its effect only (savepoints). */
static void pg_simple(PGconn *pg, const char *sql)
{
	PQclear(PQexec(pg, sql));
}

/* Prepare text as name. SQLite takes a parameter of any type where
 * PostgreSQL must know it: in "?1 IS NULL OR x = ?1", or one a statement
 * does not use (an insert sharing its binding with an update). Such a
 * parameter is declared bigint, and text when bigint does not fit. */
static int pg_prepare_typed(struct db *db, const char *name, const char *text, int n,
			    Oid **types_out)
{
	Oid *types = xcalloc((size_t)n + 1, sizeof(*types));
	int last = 0, ok = 0;
	/* A failed prepare inside a transaction would abort it: each try
	 * runs under a savepoint there. */
	int guard = PQtransactionStatus(db->pg) == PQTRANS_INTRANS;

	for (int tries = 0; tries <= 2 * n + 1; tries++) {
		if (guard)
			pg_simple(db->pg, "SAVEPOINT bl_prepare");
		PGresult *res = PQprepare(db->pg, name, text, n, types);
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		int k;

		if (guard)
			pg_simple(db->pg, PQresultStatus(res) == PGRES_COMMAND_OK ?
				  "RELEASE SAVEPOINT bl_prepare" :
				  "ROLLBACK TO SAVEPOINT bl_prepare; RELEASE SAVEPOINT bl_prepare");
		if (PQresultStatus(res) == PGRES_COMMAND_OK) {
			PQclear(res);
			ok = 1;
			break;
		}
		if (state && (!strcmp(state, "42P18") || !strcmp(state, "42P08")) &&
		    (k = pg_param_named(res)) >= 1 && k <= n &&
		    !types[k - 1]) {
			types[k - 1] = OID_INT8;
			last = k;
		} else if (state && (!strcmp(state, "42883") || !strcmp(state, "42804")) && last &&
			   types[last - 1] == OID_INT8) {
			types[last - 1] = OID_TEXT;
		} else {
			pg_fail(db, res);
			if (getenv("BALLAST_PG_TRACE")) /* for whoever ports a statement */
				fprintf(stderr, "ballast: PostgreSQL refused: %s\n  %s\n",
					PQresultErrorMessage(res), text);
			PQclear(res);
			break;
		}
		PQclear(res);
	}
	if (ok)
		*types_out = types;
	else
		free(types);
	return ok;
}

/* Whether the column list at p ("(a, b, …)") names col. */
static int names_column(const char *p, const char *col)
{
	size_t n = strlen(col);

	while (*p == ' ')
		p++;
	if (*p != '(')
		return 0;
	for (p++; *p && *p != ')';) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t k = strcspn(p, " ,)");
		if (k == n && !strncmp(p, col, n))
			return 1;
		p += k;
	}
	return 0;
}

/* An INSERT into a table with an identity column answers its row's id
 * ("RETURNING id"), which db_last_id then gives without another round trip
 * (SELECT lastval() was one more per inserted row: a tenth of the demo's).
 * text is replaced by the longer one; 1 when it was. The table's identity
 * column is looked up in the catalogue once per prepared statement. */
static int pg_returning(struct db *db, char **text)
{
	const char *p = *text;
	char table[64];
	size_t n = 0;

	if (strncasecmp(p, "INSERT INTO ", 12) || strstr(p, "RETURNING"))
		return 0;
	for (p += 12; *p == ' '; p++)
		;
	while (n + 1 < sizeof(table) && ((*p >= 'a' && *p <= 'z') || *p == '_' ||
					 (*p >= '0' && *p <= '9')))
		table[n++] = *p++;
	table[n] = 0;
	if (!n || *p != ' ')
		return 0;
	const char *params[1] = { table };
	PGresult *res = PQexecParams(db->pg,
		"SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) "
		"AND attidentity <> '' AND attnum > 0 AND NOT attisdropped", 1, NULL,
		params, NULL, NULL, 0);
	int ok = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;

	/* An insert naming the column itself (the audit trail's, an import's
	 * COPY ids) draws nothing from the sequence: lastval() would not change,
	 * and neither does db_last_id. */
	if (ok && names_column(p, PQgetvalue(res, 0, 0)))
		ok = 0;
	if (ok) {
		struct buf b = BUF_INIT;
		size_t len = strlen(*text);

		while (len && ((*text)[len - 1] == ' ' || (*text)[len - 1] == ';'))
			len--;
		buf_addf(&b, "%.*s RETURNING %s", (int)len, *text, PQgetvalue(res, 0, 0));
		free(*text);
		*text = buf_detach(&b, NULL);
	}
	PQclear(res);
	return ok;
}

static struct dbq *prepare(struct db *db, const char *sql, unsigned flags)
{
	struct dbq *q = xcalloc(1, sizeof(*q));

	q->db = db;
	q->blob_col = -1;
	if (db->kind == DB_SQLITE) {
		if (sqlite3_prepare_v3(db->lite, sql, -1, flags, &q->lite, NULL) != SQLITE_OK) {
			free(q);
			return NULL;
		}
		return q;
	}
	if (pg_copy_before(db, NULL)) {
		free(q);
		return NULL;
	}
	char *text = db_pg_text(sql, &q->n_params);
	if (pg_direct(text)) {
		/* PostgreSQL prepares no transaction control: run as written. */
		q->direct = text;
		return q;
	}
	snprintf(q->name, sizeof(q->name), "q%u", db->next_name++);
	q->returning = pg_returning(db, &text);
	int ok = pg_prepare_typed(db, q->name, text, q->n_params, &q->types);
	if (!ok) {
		free(text);
		free(q);
		return NULL;
	}
	q->text = text;
	q->vals = xcalloc((size_t)q->n_params + 1, sizeof(*q->vals));
	q->lens = xcalloc((size_t)q->n_params + 1, sizeof(*q->lens));
	q->fmts = xcalloc((size_t)q->n_params + 1, sizeof(*q->fmts));
	q->row = -1;
	return q;
}

struct dbq *db_prepare(struct db *db, const char *sql)
{
	return prepare(db, sql, 0);
}

struct dbq *db_prepare_kept(struct db *db, const char *sql)
{
	return prepare(db, sql, SQLITE_PREPARE_PERSISTENT);
}

static void pg_answer_drop(struct dbq *q)
{
	pg_cursor_close(q);
	PQclear(q->res);
	q->res = NULL;
	q->row = -1;
	q->n_rows = 0;
	PQfreemem(q->blob);
	q->blob = NULL;
	q->blob_col = -1;
}

void dbq_clear(struct dbq *q)
{
	if (!q)
		return;
	if (q->lite) {
		sqlite3_clear_bindings(q->lite);
		return;
	}
	for (int i = 0; i < q->n_params; i++) {
		free(q->vals[i]);
		q->vals[i] = NULL;
		q->lens[i] = q->fmts[i] = 0;
	}
}

void dbq_finalize(struct dbq *q)
{
	if (!q)
		return;
	if (q->lite) {
		sqlite3_finalize(q->lite);
	} else if (q->direct) {
		pg_answer_drop(q);
		free(q->direct);
	} else {
		pg_answer_drop(q);
		dbq_clear(q);
		free(q->text);
		free(q->types);
		free(q->vals);
		free(q->lens);
		free(q->fmts);
		/* The server forgets the statement with its connection; a
		 * statement finalized before that is deallocated now. */
		char sql[40];
		snprintf(sql, sizeof(sql), "DEALLOCATE %s", q->name);
		if (!pg_copy_before(q->db, NULL))
			PQclear(PQexec(q->db->pg, sql));
	}
	free(q);
}

/* Parameter i (from 1) of q as bytes, copied. */
static void pg_bind(struct dbq *q, int i, const void *v, size_t n, int binary)
{
	if (i < 1 || i > q->n_params)
		return;
	free(q->vals[i - 1]);
	q->vals[i - 1] = NULL;
	if (v) {
		q->vals[i - 1] = xmalloc(n + 1);
		memcpy(q->vals[i - 1], v, n);
		q->vals[i - 1][n] = 0;
	}
	q->lens[i - 1] = (int)n;
	q->fmts[i - 1] = binary;
}

void dbq_bind_i64(struct dbq *q, int i, int64_t v)
{
	if (!q)
		return;
	char t[24];

	if (q->lite) {
		sqlite3_bind_int64(q->lite, i, v);
		return;
	}
	pg_bind(q, i, t, (size_t)snprintf(t, sizeof(t), "%lld", (long long)v), 0);
}

void dbq_bind_text(struct dbq *q, int i, const char *v, int n)
{
	if (!q)
		return;
	if (q->lite) {
		sqlite3_bind_text(q->lite, i, v, n, SQLITE_TRANSIENT);
		return;
	}
	size_t len = v ? (n < 0 ? strlen(v) : (size_t)n) : 0;

	if (v && !utf8_valid(v, len)) {
		/* PostgreSQL refuses text that is not UTF-8 (SQLSTATE 22021) where
		 * SQLite keeps the bytes. No stored text is anything but UTF-8 (the
		 * inputs are checked or converted), so such a value can only be a
		 * key or filter from a URL, which matches nothing on SQLite: with
		 * its bad bytes as U+FFFD it matches nothing here too. */
		struct buf b = BUF_INIT;

		utf8_clean(&b, v, len);
		pg_bind(q, i, b.s, b.len, 0);
		buf_release(&b);
		return;
	}
	pg_bind(q, i, v, len, 0);
}

void dbq_bind_blob(struct dbq *q, int i, const void *v, size_t n)
{
	if (!q)
		return;
	if (q->lite) {
		sqlite3_bind_blob64(q->lite, i, v, n, SQLITE_TRANSIENT);
		return;
	}
	pg_bind(q, i, v ? v : "", n, 1);
}

void dbq_bind_text_kept(struct dbq *q, int i, const char *v, int n)
{
	if (!q)
		return;
	if (q->lite)
		sqlite3_bind_text(q->lite, i, v, n, SQLITE_STATIC);
	else
		dbq_bind_text(q, i, v, n);
}

void dbq_bind_blob_kept(struct dbq *q, int i, const void *v, size_t n)
{
	if (!q)
		return;
	if (q->lite)
		sqlite3_bind_blob64(q->lite, i, v, n, SQLITE_STATIC);
	else
		dbq_bind_blob(q, i, v, n);
}

void dbq_bind_null(struct dbq *q, int i)
{
	if (!q)
		return;
	if (q->lite) {
		sqlite3_bind_null(q->lite, i);
		return;
	}
	pg_bind(q, i, NULL, 0, 0);
}

static int pg_run(struct dbq *q)
{
	struct db *db = q->db;

	if (pg_before(db, q->direct))
		return DB_ERROR;
	if (pg_cursor_wanted(q))
		return pg_cursor_run(q);
	PGresult *res = q->direct ? PQexec(db->pg, q->direct)
				  : PQexecPrepared(db->pg, q->name, q->n_params,
						   (const char *const *)q->vals, q->lens, q->fmts, 0);
	ExecStatusType s = PQresultStatus(res);

	if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
		pg_fail(db, res);
		PQclear(res);
		return DB_ERROR;
	}
	db->fault = DBF_NONE;
	const char *changed = PQcmdTuples(res);
	if (changed && *changed)
		db->changes = strtoll(changed, NULL, 10);
	q->res = res;
	q->n_rows = s == PGRES_TUPLES_OK ? PQntuples(res) : 0;
	q->row = -1;
	if (q->returning) {
		/* the caller sees an INSERT: no row, the id for db_last_id */
		db->has_last_id = q->n_rows == 1;
		if (db->has_last_id)
			db->last_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		q->n_rows = 0;
	}
	return DB_ROW;
}

int dbq_step(struct dbq *q)
{
	if (!q)
		return DB_ERROR;
	if (q->lite) {
		int rc = sqlite3_step(q->lite);
		return rc == SQLITE_ROW ? DB_ROW : rc == SQLITE_DONE ? DB_DONE : DB_ERROR;
	}
	if (!q->res) {
		int queued = pg_copy_step(q);
		if (queued != -2)
			return queued;
	}
	if (!q->res && pg_run(q) == DB_ERROR)
		return DB_ERROR;
	PQfreemem(q->blob);
	q->blob = NULL;
	q->blob_col = -1;
	if (q->row + 1 >= q->n_rows && q->cursor && pg_cursor_fetch(q) == DB_ERROR)
		return DB_ERROR;
	if (q->row + 1 < q->n_rows) {
		q->row++;
		return DB_ROW;
	}
	q->row = q->n_rows;
	return DB_DONE;
}

void dbq_reset(struct dbq *q)
{
	if (!q)
		return;
	if (q->lite)
		sqlite3_reset(q->lite);
	else
		pg_answer_drop(q);
}

/* ---- columns ---- */

static int pg_has(struct dbq *q, int col)
{
	return q->res && q->row >= 0 && q->row < q->n_rows && col >= 0 && col < PQnfields(q->res);
}

int dbq_columns(struct dbq *q)
{
	if (!q)
		return 0;
	if (q->lite)
		return sqlite3_column_count(q->lite);
	return q->res ? PQnfields(q->res) : 0;
}


enum db_type dbq_type(struct dbq *q, int col)
{
	if (!q)
		return DBT_NULL;
	if (q->lite) {
		switch (sqlite3_column_type(q->lite, col)) {
		case SQLITE_INTEGER: return DBT_INTEGER;
		case SQLITE_FLOAT: return DBT_FLOAT;
		case SQLITE_TEXT: return DBT_TEXT;
		case SQLITE_BLOB: return DBT_BLOB;
		default: return DBT_NULL;
		}
	}
	if (!pg_has(q, col) || PQgetisnull(q->res, q->row, col))
		return DBT_NULL;
	switch (PQftype(q->res, col)) {
	case OID_BOOL: case OID_INT2: case OID_INT4: case OID_INT8: return DBT_INTEGER;
	case OID_FLOAT4: case OID_FLOAT8: case OID_NUMERIC: return DBT_FLOAT;
	case OID_BYTEA: return DBT_BLOB;
	default: return DBT_TEXT;
	}
}

int dbq_is_null(struct dbq *q, int col)
{
	if (!q)
		return 1;
	if (q->lite)
		return sqlite3_column_type(q->lite, col) == SQLITE_NULL;
	return !pg_has(q, col) || PQgetisnull(q->res, q->row, col);
}

int64_t dbq_i64(struct dbq *q, int col)
{
	if (!q)
		return 0;
	if (q->lite)
		return sqlite3_column_int64(q->lite, col);
	if (dbq_is_null(q, col))
		return 0;
	const char *v = PQgetvalue(q->res, q->row, col);
	/* A boolean answers t or f. */
	return *v == 't' ? 1 : *v == 'f' ? 0 : strtoll(v, NULL, 10);
}

double dbq_double(struct dbq *q, int col)
{
	if (!q)
		return 0;
	if (q->lite)
		return sqlite3_column_double(q->lite, col);
	return dbq_is_null(q, col) ? 0 : strtod(PQgetvalue(q->res, q->row, col), NULL);
}

const char *dbq_text(struct dbq *q, int col)
{
	if (!q)
		return NULL;
	if (q->lite)
		return (const char *)sqlite3_column_text(q->lite, col);
	return dbq_is_null(q, col) ? NULL : PQgetvalue(q->res, q->row, col);
}

/* A bytea column decoded, once per row. */
static const void *pg_blob(struct dbq *q, int col)
{
	/* A text read as a blob is its bytes, as SQLite gives them (the audit
	 * form's digest of a text column, sqlite_forms.c blob_digest). */
	if (dbq_type(q, col) == DBT_TEXT)
		return PQgetvalue(q->res, q->row, col);
	if (dbq_type(q, col) != DBT_BLOB)
		return NULL;
	if (q->blob_col != col) {
		PQfreemem(q->blob);
		q->blob = PQunescapeBytea((const unsigned char *)PQgetvalue(q->res, q->row, col),
					  &q->blob_n);
		q->blob_col = q->blob ? col : -1;
	}
	return q->blob;
}

const void *dbq_blob(struct dbq *q, int col)
{
	if (!q)
		return NULL;
	if (q->lite)
		return sqlite3_column_blob(q->lite, col);
	return pg_blob(q, col);
}

int dbq_bytes(struct dbq *q, int col)
{
	if (!q)
		return 0;
	if (q->lite)
		return sqlite3_column_bytes(q->lite, col);
	if (dbq_is_null(q, col))
		return 0;
	if (dbq_type(q, col) == DBT_BLOB)
		return pg_blob(q, col) ? (int)q->blob_n : 0;
	return PQgetlength(q->res, q->row, col);
}

/* ---- the connection's state ---- */

int64_t db_changes(struct db *db)
{
	return db->kind == DB_SQLITE ? sqlite3_changes(db->lite) : db->changes;
}

int64_t db_last_id(struct db *db)
{
	if (db->kind == DB_SQLITE)
		return sqlite3_last_insert_rowid(db->lite);
	int64_t queued;
	if (pg_copy_last_id(db, &queued))
		return queued;
	if (db->has_last_id)
		return db->last_id;
	if (pg_copy_before(db, NULL))
		return 0;
	PGresult *res = PQexec(db->pg, "SELECT lastval()");
	int64_t id = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1
			     ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;

	PQclear(res);
	return id;
}

const char *db_errmsg(struct db *db)
{
	if (db->kind == DB_SQLITE)
		return sqlite3_errmsg(db->lite);
	return db->err ? db->err : "no error";
}

enum db_fault db_fault(struct db *db)
{
	if (db->kind == DB_PG)
		return db->fault;
	switch (sqlite3_errcode(db->lite) & 0xff) {
	case SQLITE_OK: case SQLITE_ROW: case SQLITE_DONE:
		return DBF_NONE;
	case SQLITE_CONSTRAINT:
		return DBF_CONSTRAINT;
	case SQLITE_BUSY: case SQLITE_LOCKED:
		return DBF_BUSY;
	default:
		return DBF_OTHER;
	}
}
