/* audit_batch.c — the rows an import inserts, audited as one entry. Between
 * store_batch_begin and store_batch_end a put that inserts a row of a kind
 * that is never deleted (enum batch_part) does not append an entry of its
 * own: the batch keeps, per kind, the id range of its rows (consecutive: one
 * writer in one transaction, and nothing deleted) and digests of their audit
 * forms; the end appends one entry, action "import", whose after names the
 * ranges and their digests, and stores the digest of every 64 rows in
 * audit_chunks, so that verify can say which rows changed. Changed rows are
 * audited one by one as always. The digests (docs/security.md):
 *   row   = BLAKE2b-128 of the row's audit form (the JSON an insert entry holds)
 *   chunk = BLAKE2b-128 of the row digests of 64 consecutive rows (the last: fewer)
 *   part  = BLAKE2b-256 of its chunk digests, in order (in the entry, hex). */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/xalloc.h"

const char *const batch_part_entity[BP__MAX] = {
	[BP_UNIT] = "unit", [BP_PROJECT] = "project", [BP_LISTING] = "listing",
	[BP_REPORT] = "report", [BP_INDICATOR] = "indicator",
};

/* The rows of one kind. */
struct batch_rows {
	int64_t first, last, n;
	crypto_generichash_state chunk; /* the open chunk's hash */
	unsigned in_chunk;              /* rows in it */
	unsigned char *digests;         /* the closed chunks' digests, BATCH_DIGEST each */
	size_t n_chunks, alloc;
};

struct batch {
	char *entity, *name;
	struct batch_rows rows[BP__MAX];
	char **index_sql;        /* indexes dropped at the start, built at the end (and
				  * foreign keys, for a COPY: copy_begin) */
	size_t n_index;
	int first_load;          /* the table was empty */
	int copying;             /* PostgreSQL: 1 + the part whose rows go by COPY, or 0 */
	char *analyze;           /* PostgreSQL's COPY: ANALYZE the table at the end */
};

/* PostgreSQL: the kinds whose first load goes by COPY (db_copy_begin), by the
 * INSERT their puts run. Their puts run no other statement per row (a
 * project's leader links wait for the end of the rows: imp_leaders_later). */
static const struct {
	enum batch_part part;
	enum stmt_id insert;
} copied[] = {
	{ BP_PROJECT, ST_PROJECT_INSERT },
	{ BP_LISTING, ST_LISTING_INSERT },
	{ BP_REPORT, ST_REPORT_INSERT },
};

/* The foreign keys of a table a COPY loads, dropped and added again at the
 * end (as pg_restore does): one check of all rows by a join, rather than a
 * query per row (three fifths of the COPY's time; bench/README.md). Dropping
 * one locks the table it refers to (projects) until the commit: a first load
 * is an instance being set up (docs/postgresql.md). */
#define FKEYS_PG "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint" \
	" WHERE conrelid = CAST(?1 AS regclass) AND contype = 'f'"

static enum bl_err defer_fkeys(struct store *st, struct batch *bt, const char *table)
{
	struct dbq *s = db_prepare(st->db, FKEYS_PG);
	struct buf drop = BUF_INIT, add = BUF_INIT;
	enum bl_err rc = BL_OK;

	if (!s)
		return db_fail(st, "read the foreign keys");
	bind_str(s, 1, table);
	while (dbq_step(s) == DB_ROW) {
		buf_reset(&add);
		buf_addf(&add, "ALTER TABLE %s ADD CONSTRAINT \"%s\" %s", table, dbq_text(s, 0),
			 dbq_text(s, 1));
		bt->index_sql = xrealloc(bt->index_sql, (bt->n_index + 1) * sizeof(*bt->index_sql));
		bt->index_sql[bt->n_index++] = xstrdup(add.s);
		buf_addf(&drop, "ALTER TABLE %s DROP CONSTRAINT \"%s\";", table, dbq_text(s, 0));
	}
	dbq_finalize(s);
	if (drop.len && db_exec(st->db, drop.s))
		rc = db_fail(st, "drop a foreign key for the import");
	buf_release(&drop);
	buf_release(&add);
	return rc;
}

/* A first load of an empty table on PostgreSQL: lock the table against other
 * writers (ids drawn from its sequence by no one else: db_copy_end sets it),
 * defer its foreign keys, and queue the kind's INSERTs into a COPY. A row
 * another writer committed since this transaction's snapshot fails the
 * import (a serialization failure or a repeated key), never a wrong table. */
static enum bl_err copy_begin(struct store *st, struct batch *bt, enum batch_part part,
			      const char *table)
{
	struct buf sql = BUF_INIT;
	enum bl_err rc = BL_OK;

	for (size_t i = 0; i < sizeof(copied) / sizeof(*copied); i++) {
		struct dbq *s;

		if (copied[i].part != part)
			continue;
		buf_addf(&sql, "LOCK TABLE %s IN EXCLUSIVE MODE", table);
		if (db_exec(st->db, sql.s))
			rc = db_fail(st, "lock the table for the import");
		else if ((rc = defer_fkeys(st, bt, table)))
			;
		else if (!(s = stmt_get(st, copied[i].insert)))
			rc = BL_EDB;
		else if (db_copy_begin(st->db, s, stmt_text(copied[i].insert), "id"))
			rc = store_fail(st, BL_EDB, "internal: no COPY for the %s rows", table);
		else {
			/* The planner's statistics of a table loaded at once, as
			 * after pg_restore: else its first queries are planned blind. */
			buf_reset(&sql);
			buf_addf(&sql, "ANALYZE %s", table);
			bt->analyze = xstrdup(sql.s);
			bt->copying = 1 + (int)part;
		}
		break;
	}
	buf_release(&sql);
	return rc;
}

/* An import into an empty table (a first load) builds the table's secondary
 * indexes once after its rows, rather than entry by entry as each row comes:
 * a sort instead of a random insert per row (about a fifth of the reports'
 * load; bench/README.md). Unique indexes stay: they find repeated rows. The
 * statements are the indexes' own, as the catalog keeps them, run like a
 * migration's; a rollback puts the indexes back. */
#define INDEXES_SQLITE "SELECT name, sql FROM sqlite_master WHERE type = 'index'" \
	" AND tbl_name = ?1 AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
#define INDEXES_PG "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname =" \
	" current_schema() AND tablename = ?1 AND indexdef NOT LIKE 'CREATE UNIQUE%'"

static enum bl_err defer_indexes(struct store *st, struct batch *bt, const char *table,
				 enum batch_part part)
{
	struct dbq *s = NULL;
	struct buf sql = BUF_INIT, drop = BUF_INIT;
	enum bl_err rc = BL_OK;
	int empty = 0;

	buf_addf(&sql, "SELECT NOT EXISTS (SELECT 1 FROM %s)", table);
	if ((s = db_prepare(st->db, sql.s)) && dbq_step(s) == DB_ROW)
		empty = (int)dbq_i64(s, 0);
	dbq_finalize(s);
	s = NULL;
	bt->first_load = empty;
	if (!empty || !(s = db_prepare(st->db, store_is_pg(st) ? INDEXES_PG : INDEXES_SQLITE)))
		goto out;
	bind_str(s, 1, table);
	while (dbq_step(s) == DB_ROW) {
		/* Names first: the schema does not change under a reading statement. */
		bt->index_sql = xrealloc(bt->index_sql, (bt->n_index + 1) * sizeof(*bt->index_sql));
		bt->index_sql[bt->n_index++] = xstrdup(dbq_text(s, 1));
		buf_addf(&drop, "DROP INDEX \"%s\";", dbq_text(s, 0));
	}
	dbq_finalize(s);
	s = NULL;
	if (drop.len && db_exec(st->db, drop.s))
		rc = db_fail(st, "drop an index for the import");
	if (!rc && store_is_pg(st))
		rc = copy_begin(st, bt, part, table);
out:
	dbq_finalize(s);
	buf_release(&sql);
	buf_release(&drop);
	return rc;
}

/* Build the indexes defer_indexes dropped, add the keys defer_fkeys did. */
static enum bl_err build_indexes(struct store *st, struct batch *bt)
{
	size_t i;

	for (i = 0; i < bt->n_index; i++)
		if (db_exec(st->db, bt->index_sql[i]))
			return db_fail(st, "build an index or key after the import");
	return BL_OK;
}

enum bl_err store_batch_begin(struct store *st, const char *entity, const char *name)
{
	const struct form_table *t;
	struct dbq *s;

	if (!st->in_txn)
		return store_fail(st, BL_EDB, "internal: a batch outside a transaction");
	batch_discard(st);
	if (!store_is_pg(st)) { /* SQLite's page cache; PostgreSQL's is the server's */
		s = stmt_get(st, ST_CACHE_IMPORT);
		if (!s || step_done(st, s, "set the page cache"))
			return BL_EDB;
		st->cache_big = 1;
	}

	st->batch = xcalloc(1, sizeof(*st->batch));
	st->batch->entity = xstrdup(entity);
	st->batch->name = xstrdup(name);
	t = form_table_of(entity);
	return t && t->part != BP_NONE ? defer_indexes(st, st->batch, t->table, t->part) : BL_OK;
}

static void chunk_close(struct batch_rows *r)
{
	if (!r->in_chunk)
		return;
	XGROW(r->digests, r->alloc, (r->n_chunks + 1) * BATCH_DIGEST);
	crypto_generichash_final(&r->chunk, r->digests + r->n_chunks * BATCH_DIGEST, BATCH_DIGEST);
	r->n_chunks++;
	r->in_chunk = 0;
}

enum bl_err batch_add(struct store *st, enum batch_part part, int64_t rowid,
		      const struct buf *after)
{
	struct batch_rows *r = &st->batch->rows[part];
	unsigned char d[BATCH_DIGEST];

	if (r->n && rowid != r->last + 1)
		return store_fail(st, BL_EDB, "internal: the %s rows of one import are not "
				  "consecutive (%lld after %lld)", batch_part_entity[part],
				  (long long)rowid, (long long)r->last);
	if (!r->n)
		r->first = rowid;
	r->last = rowid;
	r->n++;
	crypto_generichash(d, sizeof(d), (const unsigned char *)after->s, after->len, NULL, 0);
	if (!r->in_chunk)
		crypto_generichash_init(&r->chunk, NULL, 0, BATCH_DIGEST);
	crypto_generichash_update(&r->chunk, d, sizeof(d));
	if (++r->in_chunk == BATCH_CHUNK)
		chunk_close(r);
	return BL_OK;
}

/* The chunk digests of r as rows of audit_chunks for entry id. */
static enum bl_err write_chunks(struct store *st, int64_t id, enum batch_part part)
{
	const struct batch_rows *r = &st->batch->rows[part];
	enum bl_err rc = BL_OK;
	size_t k;

	/* PostgreSQL: by COPY (one per import, not one INSERT per 64 rows). */
	struct dbq *s = r->n_chunks > 1 ? stmt_get(st, ST_CHUNK_INSERT) : NULL;
	int copy = s && !db_copy_begin(st->db, s, stmt_text(ST_CHUNK_INSERT), NULL);

	for (k = 0; k < r->n_chunks && !rc; k++) {
		s = stmt_get(st, ST_CHUNK_INSERT);
		if (!s)
			return BL_EDB;
		dbq_bind_i64(s, 1, id);
		bind_str(s, 2, batch_part_entity[part]);
		dbq_bind_i64(s, 3, (int64_t)k);
		dbq_bind_blob_kept(s, 4, r->digests + k * BATCH_DIGEST, BATCH_DIGEST);
		rc = step_done(st, s, "write audit chunk");
	}
	if (copy && db_copy_end(st->db) && !rc)
		rc = db_fail(st, "copy the audit chunks");
	return rc;
}

/* The entry's after: the file, its counts, and each kind's range and digest. */
static void batch_json(struct buf *b, const struct batch *bt, const struct batch_counts *c)
{
	unsigned char d[32];
	char hex[65];
	int k, first = 1;

	buf_adds(b, "{\"file\":");
	buf_add_json_str(b, bt->name);
	buf_addf(b, ",\"rows\":%zu,\"inserted\":%zu,\"updated\":%zu,\"unchanged\":%zu,"
		 "\"chunk\":%d,\"parts\":[", c->rows, c->inserted, c->updated, c->unchanged,
		 BATCH_CHUNK);
	for (k = 1; k < BP__MAX; k++) {
		const struct batch_rows *r = &bt->rows[k];

		if (!r->n)
			continue;
		crypto_generichash(d, sizeof(d), r->digests, r->n_chunks * BATCH_DIGEST, NULL, 0);
		sodium_bin2hex(hex, sizeof(hex), d, sizeof(d));
		buf_addf(b, "%s{\"entity\":\"%s\",\"first\":%lld,\"last\":%lld,\"rows\":%lld,"
			 "\"digest\":\"%s\"}", first ? "" : ",", batch_part_entity[k],
			 (long long)r->first, (long long)r->last, (long long)r->n, hex);
		first = 0;
	}
	buf_adds(b, "]}");
}

enum bl_err store_batch_end(struct store *st, const struct batch_counts *c)
{
	struct batch *bt = st->batch;
	struct buf after = BUF_INIT;
	enum bl_err rc = BL_OK;
	int64_t any = 0;
	int k;

	if (!bt)
		return store_fail(st, BL_EDB, "internal: no batch to end");
	if (db_copy_end(st->db)) /* the COPY's rows, before the indexes are built */
		rc = db_fail(st, "copy the rows");
	if (!rc)
		rc = build_indexes(st, bt);
	if (!rc && bt->analyze && db_exec(st->db, bt->analyze))
		rc = db_fail(st, "analyze the loaded table");
	for (k = 1; k < BP__MAX; k++) {
		chunk_close(&bt->rows[k]);
		any += bt->rows[k].n;
	}
	if (any && !rc) {
		/* The chunks name the entry about to be appended. */
		rc = audit_load_head(st);
		for (k = 1; k < BP__MAX && !rc; k++)
			rc = write_chunks(st, st->audit_last_id + 1, (enum batch_part)k);
		if (!rc) {
			batch_json(&after, bt, c);
			rc = audit_append(st, "import", bt->entity, bt->name, NULL, after.s);
		}
	}
	buf_release(&after);
	batch_discard(st);
	return rc;
}

int batch_inserted(const struct store *st, enum batch_part part, int64_t id)
{
	const struct batch_rows *r = st->batch ? &st->batch->rows[part] : NULL;

	return r && r->n && id >= r->first && id <= r->last;
}

int batch_copying(const struct store *st, enum batch_part part)
{
	return st->batch && st->batch->copying == 1 + (int)part;
}

int store_batch_first_load(const struct store *st)
{
	return st->batch && st->batch->first_load;
}

void batch_discard(struct store *st)
{
	int k;

	if (!st->batch)
		return;

	for (k = 0; k < BP__MAX; k++)
		free(st->batch->rows[k].digests);
	for (k = 0; k < (int)st->batch->n_index; k++)
		free(st->batch->index_sql[k]);
	free(st->batch->index_sql);
	free(st->batch->analyze);
	free(st->batch->entity);
	free(st->batch->name);
	free(st->batch);
	st->batch = NULL;
}
