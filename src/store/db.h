/* db.h — one SQL connection interface over SQLite (a file) and PostgreSQL
 * (libpq), for the store's two backends (issue #17). The store writes each
 * statement once, in the dialect both accept, with numbered parameters (`?1`,
 * or `?` counted from 1); db_prepare gives PostgreSQL its own text (`$1`).
 * Statements are stepped the way SQLite steps them: bind, step until DB_DONE,
 * reset. Private to src/store. */
#ifndef BL_DB_H
#define BL_DB_H

#include <stddef.h>
#include <stdint.h>

enum db_kind { DB_SQLITE, DB_PG };

/* What a step gives. */
enum { DB_ERROR = -1, DB_DONE = 0, DB_ROW = 1 };

/* The kind of the last failure (db_fault). */
enum db_fault {
	DBF_NONE,
	DBF_CONSTRAINT, /* a unique, check, not-null or foreign-key rule (SQLite CONSTRAINT, PG 23xxx) */
	DBF_BUSY,       /* another writer: SQLite BUSY/LOCKED, PG serialization failure or deadlock */
	DBF_OTHER,
};

struct db;
struct dbq;

/* Whether target names a PostgreSQL database: a postgres:// or postgresql://
 * URL, or a libpq connection string (starting "keyword=": "host=… dbname=…").
 * Anything else is a SQLite file's path or "file:" URI. */
int db_target_is_pg(const char *target);

/* Open target (flags: SQLite's open flags for a file; ignored for
 * PostgreSQL). 0 and *out set, or -1 with *out NULL and err (cap bytes)
 * saying why. */
int db_open(const char *target, int flags, struct db **out, char *err, size_t cap);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);
/* The SQLite handle of a SQLite connection (NULL for PostgreSQL): for what
 * only SQLite has (pragmas, the backup API). */
struct sqlite3 *db_sqlite(struct db *db);

/* Run sql (one statement or, for SQLite, several; no parameters). 0, or -1
 * and db_errmsg says why. */
int db_exec(struct db *db, const char *sql);
/* Prepare sql; NULL on failure (db_errmsg). A kept statement lives as long
 * as the connection (SQLite's hint for its memory). */
struct dbq *db_prepare(struct db *db, const char *sql);
struct dbq *db_prepare_kept(struct db *db, const char *sql);
void dbq_finalize(struct dbq *q);

/* Every dbq_ function takes a NULL statement (a failed prepare) as SQLite's
 * do: a step fails, the rest do nothing or read NULL.
 * Parameters count from 1. A text of n < 0 bytes is up to its NUL; a NULL
 * text binds SQL NULL. */
void dbq_bind_i64(struct dbq *q, int i, int64_t v);
void dbq_bind_text(struct dbq *q, int i, const char *v, int n);
void dbq_bind_blob(struct dbq *q, int i, const void *v, size_t n);
void dbq_bind_null(struct dbq *q, int i);
/* The same without a copy where the backend allows: the caller keeps v
 * unchanged until q is reset. */
void dbq_bind_text_kept(struct dbq *q, int i, const char *v, int n);
void dbq_bind_blob_kept(struct dbq *q, int i, const void *v, size_t n);

/* DB_ROW, DB_DONE or DB_ERROR (db_errmsg, db_fault). */
int dbq_step(struct dbq *q);
/* Ready to run again, bindings kept. */
void dbq_reset(struct dbq *q);
/* Every binding back to NULL. */
void dbq_clear(struct dbq *q);
/* PostgreSQL: read q's answer n rows at a time through a cursor when q runs
 * inside a transaction, rather than whole (db_cursor.c: the server's snapshot
 * of a province is gigabytes as one answer). Other statements may still run
 * between two steps. SQLite, which reads row by row anyway, and q run outside
 * a transaction: no change. */
void dbq_chunked(struct dbq *q, int n);

/* The current row's columns, from 0. A text or blob stays valid until the
 * next step or reset of q. */
enum db_type { DBT_NULL, DBT_INTEGER, DBT_FLOAT, DBT_TEXT, DBT_BLOB };
int dbq_columns(struct dbq *q);
enum db_type dbq_type(struct dbq *q, int col);
int dbq_is_null(struct dbq *q, int col);
int64_t dbq_i64(struct dbq *q, int col);           /* NULL → 0 */
double dbq_double(struct dbq *q, int col);
const char *dbq_text(struct dbq *q, int col);      /* NULL → NULL */
/* A blob's bytes (NULL for NULL or no bytes) and a text's or blob's size. */
const void *dbq_blob(struct dbq *q, int col);
int dbq_bytes(struct dbq *q, int col);

/* Rows the last INSERT, UPDATE or DELETE changed. */
int64_t db_changes(struct db *db);
/* The id the last INSERT gave its row (PostgreSQL: the session's last
 * sequence value, lastval()); 0 when none. */
int64_t db_last_id(struct db *db);
const char *db_errmsg(struct db *db);
enum db_fault db_fault(struct db *db);

/* PostgreSQL's COPY for a first load (issue #17 item 6). After db_copy_begin,
 * a step of insert (prepared from insert_sql: "INSERT INTO t (cols) VALUES
 * (?k, …)", each value a parameter, optionally "ON CONFLICT (…) DO
 * NOTHING") runs nothing: its
 * row becomes a line of one streamed `COPY t (id_col, cols) FROM STDIN`, with
 * the next value of id_col's sequence as its id (db_last_id gives it,
 * db_changes 1); with id_col NULL, `COPY t (cols)` and no ids. The COPY ends before any other statement runs on db, so that
 * statement sees the rows; a failure there (a repeated key: no DO NOTHING
 * here) fails that statement. db_copy_end ends it and sets the sequence
 * where the INSERTs would have left it; ROLLBACK drops the rows, COMMIT ends
 * the copy first. For a table the transaction has locked and found empty.
 * 0, or -1 and nothing changed: SQLite (whose INSERTs are as fast), a
 * statement not of that form, or a copy already on. */
int db_copy_begin(struct db *db, struct dbq *insert, const char *insert_sql, const char *id_col);
/* 0 (also with no copy on), or -1 and db_errmsg says why. */
int db_copy_end(struct db *db);

/* PostgreSQL's text of a statement written for SQLite (`?N` and `?` → `$N`,
 * outside quotes); the caller frees it. For the tests. */
char *db_pg_text(const char *sql, int *n_params);

#endif
