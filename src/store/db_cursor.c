/* db_cursor.c — a PostgreSQL answer read a chunk at a time (dbq_chunked).
 *
 * db.c keeps a statement's whole answer, so that another statement may run
 * while its rows are read, as SQLite allows. For the largest reads (the
 * server's snapshot: every report of a province, gigabytes as one libpq
 * answer, and glibc keeps the freed pages) the statement runs instead as a
 * cursor of the transaction it is in — `DECLARE c NO SCROLL CURSOR FOR …`,
 * then `FETCH FORWARD n` as the rows are stepped through — which keeps the
 * same freedom: other statements may run between two fetches. A cursor ends
 * with its transaction; it is closed when the statement is reset within it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_int.h"
#include "util/buf.h"

void dbq_chunked(struct dbq *q, int n)
{
	if (q && !q->lite && !q->direct)
		q->chunk = n > 0 ? n : 0;
}

int pg_cursor_wanted(const struct dbq *q)
{
	return q->chunk && !q->returning && /* (dbq_chunked leaves a direct one whole) */
	       PQtransactionStatus(q->db->pg) == PQTRANS_INTRANS;
}

/* The next chunk of q's cursor as q's answer: DB_ROW (rows or none), or
 * DB_ERROR. */
int pg_cursor_fetch(struct dbq *q)
{
	struct db *db = q->db;
	char sql[64];

	PQclear(q->res);
	q->res = NULL;
	q->row = -1;
	q->n_rows = 0;
	if (pg_copy_before(db, NULL))
		return DB_ERROR;
	snprintf(sql, sizeof(sql), "FETCH FORWARD %d FROM c_%s", q->chunk, q->name);
	PGresult *res = PQexec(db->pg, sql);

	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		pg_fail(db, res);
		PQclear(res);
		q->cursor = 0; /* the transaction is aborted: the cursor with it */
		return DB_ERROR;
	}
	db->fault = DBF_NONE;
	q->res = res;
	q->n_rows = PQntuples(res);
	if (q->n_rows < q->chunk)
		pg_cursor_close(q); /* the last chunk */
	return DB_ROW;
}

int pg_cursor_run(struct dbq *q)
{
	struct db *db = q->db;
	struct buf sql = BUF_INIT;

	buf_addf(&sql, "DECLARE c_%s NO SCROLL CURSOR FOR %s", q->name, q->text);
	PGresult *res = PQexecParams(db->pg, sql.s, q->n_params, q->types,
				     (const char *const *)q->vals, q->lens, q->fmts, 0);

	buf_release(&sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		pg_fail(db, res);
		PQclear(res);
		return DB_ERROR;
	}
	PQclear(res);
	q->cursor = 1;
	q->cursor_txn = db->txn;
	return pg_cursor_fetch(q);
}

void pg_cursor_close(struct dbq *q)
{
	struct db *db = q->db;
	char sql[48];

	if (!q->cursor)
		return;
	q->cursor = 0;
	/* Gone with its transaction: closing it in another would fail, and
	 * abort that one. */
	if (q->cursor_txn != db->txn || PQtransactionStatus(db->pg) != PQTRANS_INTRANS)
		return;
	snprintf(sql, sizeof(sql), "CLOSE c_%s", q->name);
	PQclear(PQexec(db->pg, sql));
}
