/* db_copy.c — PostgreSQL's COPY under db.h, for an import's first load (issue
 * #17 item 6): the steps of one INSERT statement become the lines of one
 * streamed `COPY … FROM STDIN` instead of a round trip each. The COPY is
 * opened at the first queued row and closed before any other statement runs
 * on the connection, so every statement sees the rows queued before it, as
 * with the INSERTs. Row ids are numbered here from the table's sequence (one
 * nextval, one setval at the end), the values the INSERTs would have drawn. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/db_int.h"
#include "util/xalloc.h"

/* Bytes gathered before they go to libpq (which sends them on). */
#define COPY_CHUNK (256 * 1024)

struct db_copy {
	struct dbq *q;        /* the INSERT whose steps are queued */
	char *copy_sql;       /* COPY table (id, cols…) FROM STDIN */
	char *seq;            /* pg_get_serial_sequence('table', 'id') */
	int64_t next_id;      /* the next row's id; 0: not drawn yet */
	int64_t rows;         /* rows queued */
	int *param;           /* each column's parameter, from 1 */
	int n_cols;
	size_t param_alloc;
	int open;             /* a COPY is in progress on the connection */
	int queued_last;      /* the connection's last step was a queued row */
	char *buf;            /* lines not yet handed to libpq */
	size_t len, cap;
};

/* ---- the INSERT's text, read ---- */

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t')
		p++;
	return p;
}

/* Whether p starts with word (case as written in the store). */
static const char *word(const char *p, const char *w)
{
	size_t n = strlen(w);

	p = skip_ws(p);
	return strncmp(p, w, n) ? NULL : p + n;
}

/* From "INSERT INTO t (cols) VALUES (?k, …) [ON CONFLICT (…) DO NOTHING]",
 * the COPY statement with id_col first, the sequence expression, and each
 * column's parameter; -1 when sql is not of that form (a value that is not a
 * numbered parameter of the statement). */
static int copy_texts(const char *sql, int n_params, const char *id_col, struct db_copy *c)
{
	const char *p = word(sql, "INSERT INTO"), *table, *cols, *e;
	if (!p)
		return -1;
	table = skip_ws(p);
	for (p = table; *p && *p != ' ' && *p != '('; p++)
		;
	size_t table_n = (size_t)(p - table);
	p = skip_ws(p);
	if (*p != '(' || !(e = strchr(p, ')')))
		return -1;
	cols = p + 1;
	size_t cols_n = (size_t)(e - cols);
	if (!(p = word(e + 1, "VALUES")) || *(p = skip_ws(p)) != '(')
		return -1;
	for (p++;; p++) {
		char *end;
		long k;
		p = skip_ws(p);
		if (*p != '?' || (k = strtol(p + 1, &end, 10)) < 1 || k > n_params)
			return -1;
		XGROW(c->param, c->param_alloc, (size_t)c->n_cols + 1);
		c->param[c->n_cols++] = (int)k;
		p = skip_ws(end);
		if (*p == ')')
			break;
		if (*p != ',')
			return -1;
	}
	p = skip_ws(p + 1);
	if (*p && (!word(p, "ON CONFLICT") || !strstr(p, "DO NOTHING") || strstr(p, "DO UPDATE")))
		return -1;
	size_t n = table_n + cols_n + (id_col ? strlen(id_col) : 0) + 64;
	c->copy_sql = xmalloc(n);
	snprintf(c->copy_sql, n, "COPY %.*s (%s%s%.*s) FROM STDIN", (int)table_n, table,
		 id_col ? id_col : "", id_col ? ", " : "", (int)cols_n, cols);
	if (id_col) {
		c->seq = xmalloc(n);
		snprintf(c->seq, n, "pg_get_serial_sequence('%.*s', '%s')", (int)table_n, table,
			 id_col);
	}
	return 0;
}

/* ---- lines ---- */

static void put(struct db_copy *c, const char *s, size_t n)
{
	XGROW(c->buf, c->cap, c->len + n + 1);
	memcpy(c->buf + c->len, s, n);
	c->len += n;
}

/* One value in COPY's text format: \N for NULL, a backslash before the
 * delimiter, line breaks and itself; bytea as \\x and hex. */
static void put_value(struct db_copy *c, const char *v, int len, int binary)
{
	static const char hex[] = "0123456789abcdef";

	if (!v) {
		put(c, "\\N", 2);
		return;
	}
	if (binary) {
		put(c, "\\\\x", 3);
		for (int i = 0; i < len; i++) {
			char h[2] = { hex[(unsigned char)v[i] >> 4], hex[(unsigned char)v[i] & 15] };
			put(c, h, 2);
		}
		return;
	}
	for (int i = 0; i < len; i++) {
		const char *esc = v[i] == '\\' ? "\\\\" : v[i] == '\t' ? "\\t" : v[i] == '\n' ? "\\n"
				: v[i] == '\r' ? "\\r" : NULL;
		if (esc)
			put(c, esc, 2);
		else
			put(c, v + i, 1);
	}
}

/* Hand the gathered lines to libpq; 0 or -1 (pg_fail). */
static int hand_over(struct db *db)
{
	struct db_copy *c = db->copy;

	if (c->len && PQputCopyData(db->pg, c->buf, (int)c->len) != 1) {
		pg_fail(db, NULL);
		return -1;
	}
	c->len = 0;
	return 0;
}

/* Run a one-value query (the sequence's); 0 and *v, or -1 (pg_fail). */
static int one_value(struct db *db, const char *sql, int64_t *v)
{
	PGresult *res = PQexec(db->pg, sql);
	int ok = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;

	if (ok)
		*v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	else
		pg_fail(db, res);
	PQclear(res);
	return ok ? 0 : -1;
}

int pg_copy_step(struct dbq *q)
{
	struct db *db = q->db;
	struct db_copy *c = db->copy;
	char id[24];

	if (!c || c->q != q)
		return -2;
	if (c->seq && !c->next_id) {
		char sql[300];
		snprintf(sql, sizeof(sql), "SELECT nextval(%s)", c->seq);
		if (one_value(db, sql, &c->next_id))
			return DB_ERROR;
	}
	if (!c->open) {
		PGresult *res = PQexec(db->pg, c->copy_sql);
		int ok = PQresultStatus(res) == PGRES_COPY_IN;
		if (!ok)
			pg_fail(db, res);
		PQclear(res);
		if (!ok)
			return DB_ERROR;
		c->open = 1;
	}
	if (c->seq)
		put(c, id, (size_t)snprintf(id, sizeof(id), "%lld\t", (long long)c->next_id));
	for (int i = 0; i < c->n_cols; i++) {
		int k = c->param[i] - 1;
		if (i)
			put(c, "\t", 1);
		put_value(c, q->vals[k], q->lens[k], q->fmts[k]);
	}
	put(c, "\n", 1);
	if (c->len >= COPY_CHUNK && hand_over(db))
		return DB_ERROR;
	c->next_id += c->seq != NULL;
	c->rows++;
	c->queued_last = 1;
	db->changes = 1;
	db->fault = DBF_NONE;
	return DB_DONE;
}

/* End the COPY in progress: its rows are in the table, or -1 (pg_fail). */
static int copy_close(struct db *db, const char *abort_why)
{
	struct db_copy *c = db->copy;
	int rc = abort_why ? 0 : hand_over(db);
	PGresult *res;

	c->open = 0;
	c->len = 0;
	if (PQputCopyEnd(db->pg, rc ? "the client failed" : abort_why) != 1 && !rc && !abort_why) {
		pg_fail(db, NULL);
		rc = -1;
	}
	while ((res = PQgetResult(db->pg))) {
		if (!rc && !abort_why && PQresultStatus(res) != PGRES_COMMAND_OK) {
			pg_fail(db, res);
			rc = -1;
		}
		PQclear(res);
	}
	return rc;
}

void pg_copy_free(struct db *db)
{
	struct db_copy *c = db->copy;

	if (!c)
		return;
	if (c->open)
		copy_close(db, "discarded");
	free(c->copy_sql);
	free(c->seq);
	free(c->buf);
	free(c->param);
	free(c);
	db->copy = NULL;
}

int pg_copy_before(struct db *db, const char *sql)
{
	struct db_copy *c = db->copy;

	if (!c)
		return 0;
	c->queued_last = 0;
	if (sql && !strncmp(sql, "ROLLBACK", 8) && strncmp(sql, "ROLLBACK TO", 11)) {
		pg_copy_free(db); /* the rows go with the transaction */
		return 0;
	}
	if (sql && (!strncmp(sql, "COMMIT", 6) || !strncmp(sql, "END", 3)))
		return db_copy_end(db);
	return c->open ? copy_close(db, NULL) : 0;
}

int pg_copy_last_id(struct db *db, int64_t *id)
{
	if (!db->copy || !db->copy->queued_last || !db->copy->seq)
		return 0;
	*id = db->copy->next_id - 1;
	return 1;
}

/* ---- db.h ---- */

int db_copy_begin(struct db *db, struct dbq *insert, const char *insert_sql, const char *id_col)
{
	struct db_copy *c;

	if (db->kind != DB_PG || !insert || insert->direct || db->copy)
		return -1;
	c = xcalloc(1, sizeof(*c));
	if (copy_texts(insert_sql, insert->n_params, id_col, c)) {
		free(c->copy_sql);
		free(c->seq);
		free(c->param);
		free(c);
		return -1;
	}
	c->q = insert;
	db->copy = c;
	return 0;
}

int db_copy_end(struct db *db)
{
	struct db_copy *c = db->copy;
	int rc;

	if (!c)
		return 0;
	c->queued_last = 0;
	rc = c->open ? copy_close(db, NULL) : 0;
	if (!rc && c->rows && c->seq) {
		/* The sequence where the INSERTs would have left it. */
		char sql[340];
		int64_t v;
		snprintf(sql, sizeof(sql), "SELECT setval(%s, %lld)", c->seq,
			 (long long)(c->next_id - 1));
		rc = one_value(db, sql, &v);
	}
	pg_copy_free(db);
	return rc;
}
