/* copy_int.h — what store_copy's files share: the tables as both catalogs
 * give them (copy_catalog.c), reading a table in key order (copy_check.c) and
 * the copy itself (copy.c). Private to src/store. */
#ifndef BL_COPY_INT_H
#define BL_COPY_INT_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "store/store_copy.h"
#include "util/buf.h"

/* The tables copy moves, by name: SQLite's own and PostgreSQL's
 * ballast_schema (its schema version: each side has its own) aside. */
#define COPY_TABLES_SQLITE "SELECT name FROM sqlite_master WHERE type = 'table'" \
	" AND substr(name, 1, 7) <> 'sqlite_' ORDER BY name"
#define COPY_TABLES_PG "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()" \
	" AND tablename <> 'ballast_schema' ORDER BY tablename"

/* A column's type as its backend declares it. */
enum copy_type {
	CT_OTHER,
	CT_INT,    /* SQLite INTEGER, PostgreSQL bigint */
	CT_TEXT,   /* SQLite TEXT (which may hold a blob: audit hashes), PostgreSQL text */
	CT_BLOB,   /* SQLite BLOB, PostgreSQL bytea */
};

struct copy_table {
	char *name;
	size_t n_cols;
	char **cols;                /* the source's columns, in its order */
	enum copy_type *src_type, *dst_type;
	size_t n_key;
	size_t *key;                /* the order rows are read in: indexes into cols */
	size_t n_refs;
	char **refs;                /* tables the target's foreign keys name, not itself */
	size_t n_ident;
	char **ident;               /* the target's identity columns (PostgreSQL) */
	int64_t rows;               /* copied */
};

struct copy_side {
	struct db *db;
	int pg;
};

struct copy {
	struct copy_side src, dst;
	const char *from, *to;
	struct copy_table *t;       /* in an order the foreign keys allow */
	size_t n;
	struct copy_report *r;
	struct buf *err;
};

/* Set c->err to a sentence; returns rc. */
enum bl_err copy_fail(struct copy *c, enum bl_err rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));


/* Read both catalogs into c->t, in an order the target's foreign keys
 * allow. BL_EINVAL (c->err) when the two schemas differ. */
enum bl_err copy_catalog(struct copy *c);
void copy_tables_free(struct copy *c);

/* Order t[0..n) so that every table comes after the tables it refers to
 * (refs), keeping the given order where the references allow. 0, or -1 when
 * they form a cycle (or name a table not in t). Pure. */
int copy_order(struct copy_table *t, size_t n);

/* Whether n bytes at p are 64 lowercase hex digits: an audit hash from before
 * schema 7, which SQLite keeps as text and PostgreSQL's bytea as those bytes.
 * Pure. */
int copy_hex_hash(const void *p, size_t n);

/* One value read from a statement, borrowed from it until its next step. */
struct copy_value {
	enum db_type type;
	int64_t i;
	const void *p;     /* a text's or blob's bytes (non-NULL, maybe empty) */
	size_t n;
};
void copy_value_get(struct dbq *q, int col, struct copy_value *v);
/* Whether a and b are the same value: the same integer, the same bytes.
 * strict: a text and a blob of the same bytes differ (both sides of one
 * backend); else they are equal (SQLite's hash text vs PostgreSQL's bytea).
 * Pure. */
int copy_value_equal(const struct copy_value *a, const struct copy_value *b, int strict);

/* A table's rows in key order. PostgreSQL's answers are whole: its rows come
 * a page at a time (keyset: the next page after the last key read). */
struct copy_cursor {
	const struct copy_side *side;
	const struct copy_table *t;
	struct dbq *first, *next, *cur;
	int64_t page, got;          /* rows per page (0: one statement), of this page */
};
#define COPY_PAGE_ROWS 2000
/* A table with a blob column (bulletins keep their PDF, HTML and XLSX
 * bytes): fewer rows a page, so that a page stays small in memory. */
#define COPY_PAGE_BLOB_ROWS 20
/* types: t's column types on that side (src_type or dst_type). 0, or -1
 * when a statement cannot be prepared (db_errmsg). */
int copy_cursor_open(struct copy_cursor *k, const struct copy_side *side,
		     const struct copy_table *t, const enum copy_type *types);
/* DB_ROW (the row's columns are k->cur's, in t->cols' order), DB_DONE or
 * DB_ERROR. */
int copy_cursor_step(struct copy_cursor *k);
void copy_cursor_close(struct copy_cursor *k);

/* Every table of the target compared with the source's, row by row in key
 * order and value by value. BL_OK, or BL_ECONFLICT naming the first
 * difference (BL_EDB when a side cannot be read). */
enum bl_err copy_compare(struct copy *c);

#endif
