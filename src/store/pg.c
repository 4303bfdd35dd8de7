/* pg.c — opening a PostgreSQL database as a store (issue #17): the schema
 * version and its migrations. The store's statements are the same text as for
 * SQLite (db.h translates their parameters); this file holds what only
 * PostgreSQL needs. The schema version lives in a one-row table,
 * ballast_schema, where SQLite keeps PRAGMA user_version. */
#include <stdio.h>
#include <string.h>

#include "store/migrations.h"
#include "store/pg.h"
#include "store/sqlite_int.h"
#include "util/buf.h"

#define APPLICATION "ballast"
/* pg_advisory_xact_lock's key for migrating: two servers starting at once on
 * a new database migrate it once. ("bala" as in SQLite's application_id.) */
#define MIGRATE_LOCK "1650551905"

int pg_schema_version(void)
{
	return pg_migrations[n_pg_migrations - 1].to;
}

static enum bl_err exec(struct store *st, const char *sql, const char *what)
{
	if (db_exec(st->db, sql))
		return store_fail(st, BL_EDB, "%s: %s", what, db_errmsg(st->db));
	return BL_OK;
}

/* How many tables the current schema of db holds, and whether one is
 * ballast_schema; -1 when that cannot be read. */
static int64_t pg_tables(struct db *db, int *ours)
{
	struct dbq *q = db_prepare(db, "SELECT count(*), count(*) FILTER (WHERE tablename ="
				   " 'ballast_schema') FROM pg_tables WHERE schemaname ="
				   " current_schema()");
	int64_t n = -1;

	*ours = 0;
	if (q && dbq_step(q) == DB_ROW) {
		n = dbq_i64(q, 0);
		*ours = dbq_i64(q, 1) > 0;
	}
	dbq_finalize(q);
	return n;
}

/* The database's schema version in *v: 0 for one without ballast's tables.
 * Not for a database of another program or one that cannot be read. */
static enum bl_err schema_version(struct store *st, const char *target, int *v)
{
	/* Both counts in one statement, one snapshot: counted apart, another
	 * process's first migration committing between them made its tables
	 * look like another program's. */
	int has;
	int64_t tables = pg_tables(st->db, &has);
	enum bl_err rc = BL_EDB;
	struct dbq *q;

	*v = 0;
	if (tables < 0)
		return store_fail(st, BL_EDB, "cannot read the schema version: %s",
				  db_errmsg(st->db));
	if (!has) {
		if (tables > 0)
			return store_fail(st, BL_EINVAL, "%s holds tables of another program (no "
					  "ballast_schema table); use an empty database", target);
		return BL_OK;
	}
	q = db_prepare(st->db, "SELECT version, application FROM ballast_schema");
	if (q && dbq_step(q) == DB_ROW) {
		const char *app = dbq_text(q, 1);

		rc = BL_OK;
		*v = (int)dbq_i64(q, 0);
		if (strcmp(app ? app : "", APPLICATION))
			rc = store_fail(st, BL_EINVAL, "%s is a database of another program",
					target);
	} else {
		store_fail(st, BL_EDB, "cannot read the schema version: %s", db_errmsg(st->db));
	}
	dbq_finalize(q);
	return rc;
}

/* Bring the database from schema version from to the newest, in one
 * transaction. Another process may have migrated it while this one waited
 * for the lock: the version is read again under it. */
static enum bl_err migrate(struct store *st, const char *target)
{
	struct buf sql = BUF_INIT;
	enum bl_err rc;
	int i, v;

	rc = exec(st, "BEGIN", "migrate");
	if (!rc)
		rc = exec(st, "SELECT pg_advisory_xact_lock(" MIGRATE_LOCK ")", "migrate");
	if (rc)
		goto out;
	rc = schema_version(st, target, &v);
	if (rc)
		goto out;
	if (!v)
		rc = exec(st, "CREATE TABLE ballast_schema (version BIGINT NOT NULL,"
			  " application TEXT NOT NULL); INSERT INTO ballast_schema"
			  " VALUES (0, '" APPLICATION "')", "migrate");
	for (i = 0; !rc && i < n_pg_migrations; i++) {
		/* The baseline only on a new database: it is a whole schema. */
		if (pg_migrations[i].to <= v || (i == 0 && v))
			continue;
		rc = exec(st, pg_migrations[i].sql, "migration");
	}
	if (rc)
		goto out;
	buf_addf(&sql, "UPDATE ballast_schema SET version = %d", pg_schema_version());
	rc = exec(st, sql.s, "migrate");
	if (!rc)
		rc = exec(st, "COMMIT", "migrate");
	/* A new database starts its anchor log afresh, as a SQLite file does. */
	if (!rc && !v && st->anchor_path)
		rc = anchor_start(st, st->anchor_path, 0, AUDIT_GENESIS, "a new database");
out:
	if (rc)
		db_exec(st->db, "ROLLBACK");
	buf_release(&sql);
	return rc;
}

/* pg_store_open with the database as messages name it (store_describe). */
static enum bl_err open_named(struct store *st, const char *target, enum store_mode mode)
{
	int newest = pg_schema_version();
	enum bl_err rc;
	int v;

	/* Timestamps are written by ballast as text; nothing depends on the
	 * session's zone or date style but the text of a date column. */
	if (exec(st, "SET client_min_messages = warning; SET DateStyle = 'ISO, YMD'",
		 "configure"))
		return BL_EDB;
	rc = schema_version(st, target, &v);
	if (rc)
		return rc;
	rc = schema_admissible(st, target, v, newest, mode);
	if (rc)
		return rc;
	if (v > 0 && v < pg_migrations[0].to)
		return store_fail(st, BL_EVERSION, "the database has schema version %d, older "
				  "than PostgreSQL's first (%d)", v, pg_migrations[0].to);
	if (v < newest)
		return migrate(st, target);
	return BL_OK;
}

enum bl_err pg_store_open(struct store *st, const char *target, enum store_mode mode)
{
	struct buf name = BUF_INIT;
	enum bl_err rc;

	store_describe(&name, target); /* a connection string may hold a password */
	rc = open_named(st, name.s, mode);
	buf_release(&name);
	return rc;
}

/* ---- a database made afresh (ballast demo --force) ---- */


int pg_exists(const char *target)
{
	struct db *db = NULL;
	char why[512];
	int ours = 0;

	if (db_open(target, 0, &db, why, sizeof(why)))
		return 0; /* the open that follows says why */
	if (pg_tables(db, &ours) < 0)
		ours = 0;
	db_close(db);
	return ours;
}

/* Every table of ballast's database dropped in one transaction (with them
 * their identity sequences): what deleting a SQLite file is. A database
 * holding tables of another program is left alone. */
enum bl_err pg_remove(const char *target, struct buf *err)
{
	struct db *db = NULL;
	char why[512];
	int ours = 0;
	int64_t n;
	enum bl_err rc = BL_OK;

	if (db_open(target, 0, &db, why, sizeof(why))) {
		buf_addf(err, "cannot connect: %s", why);
		return BL_EDB;
	}
	n = pg_tables(db, &ours);
	if (n < 0) {
		buf_addf(err, "cannot read its tables: %s", db_errmsg(db));
		rc = BL_EDB;
	} else if (n > 0 && !ours) {
		buf_addf(err, "holds tables of another program (no ballast_schema table); "
			 "not removed");
		rc = BL_EINVAL;
	} else if (n > 0 &&
		   db_exec(db, "SET client_min_messages = warning; BEGIN; DO $$ DECLARE t text;"
			   " BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE schemaname ="
			   " current_schema() LOOP EXECUTE format('DROP TABLE IF EXISTS %I"
			   " CASCADE', t); END LOOP; END $$; COMMIT")) {
		buf_addf(err, "cannot drop its tables: %s", db_errmsg(db));
		db_exec(db, "ROLLBACK");
		rc = BL_EDB;
	}
	db_close(db);
	return rc;
}
