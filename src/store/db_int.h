/* db_int.h — the connection and statement structs db.c and db_copy.c share
 * (db_copy.c: PostgreSQL's COPY for a first load). Private to those two. */
#ifndef BL_DB_INT_H
#define BL_DB_INT_H

#include <libpq-fe.h>
#include <sqlite3.h>

#include "store/db.h"

struct db_copy;

struct db {
	enum db_kind kind;
	sqlite3 *lite;
	PGconn *pg;
	unsigned next_name;   /* PostgreSQL: the next statement's name */
	int64_t changes;      /* PostgreSQL: rows the last command changed */
	enum db_fault fault;  /* PostgreSQL: the last failure's kind */
	char *err;            /* PostgreSQL: the last failure's text */
	char *cause;          /* PostgreSQL: the last failure but "transaction aborted" */
	enum db_fault cause_fault;
	struct db_copy *copy; /* PostgreSQL: the COPY of a first load (db_copy.c), or NULL */
	unsigned txn;         /* PostgreSQL: counts the transactions begun (a cursor's) */
	int64_t last_id;      /* PostgreSQL: the id the last INSERT … RETURNING gave, */
	int has_last_id;      /* when it gave one (else db_last_id asks lastval()) */
};

struct dbq {
	struct db *db;
	sqlite3_stmt *lite;
	/* PostgreSQL */
	char name[16];
	char *direct;         /* a statement run unprepared (transaction control) */
	int n_params;
	int returning;        /* an INSERT given "RETURNING <identity column>" */
	char *text;           /* the statement as PostgreSQL runs it, */
	Oid *types;           /* with its parameters' types: a cursor's (db_cursor.c) */
	int chunk;            /* dbq_chunked's rows a fetch, 0: the whole answer */
	int cursor;           /* the answer is a cursor's, open in transaction cursor_txn */
	unsigned cursor_txn;
	char **vals;          /* each parameter's text (or bytes), NULL: SQL NULL */
	int *lens, *fmts;
	PGresult *res;        /* the answer while its rows are read */
	int row, n_rows;      /* the current row; -1 before the first */
	unsigned char *blob;  /* dbq_blob's decoded bytea */
	size_t blob_n;
	int blob_col;         /* the column it is of; -1: none */
};

/* Record res's failure (or the connection's, res NULL) as db's last. */
void pg_fail(struct db *db, const PGresult *res);

/* db_copy.c: whether q's step is queued into the open COPY (and queue it:
 * DB_DONE, or DB_ERROR); -2 when q is not the copied insert. */
int pg_copy_step(struct dbq *q);
/* Before any other statement: send the queued rows; 0, or -1 (pg_fail).
 * sql is the statement about to run (NULL: not a direct one): a ROLLBACK
 * drops the queue instead, a COMMIT ends the copy first. */
int pg_copy_before(struct db *db, const char *sql);
/* The id of the row the connection's last step queued: 1 and *id, or 0. */
int pg_copy_last_id(struct db *db, int64_t *id);
/* With the connection. */
void pg_copy_free(struct db *db);

/* db_cursor.c: whether q runs as a cursor (dbq_chunked, inside a
 * transaction); run it so, its first chunk as q's answer (DB_ROW or
 * DB_ERROR); the next chunk; close it (if its transaction is still on). */
int pg_cursor_wanted(const struct dbq *q);
int pg_cursor_run(struct dbq *q);
int pg_cursor_fetch(struct dbq *q);
void pg_cursor_close(struct dbq *q);

#endif
