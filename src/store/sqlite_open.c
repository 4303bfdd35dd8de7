/* sqlite_open.c — opening a store (a SQLite file, or PostgreSQL through
 * pg.c), migrating its schema, and closing it. */
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/migrations.h"
#include "store/pg.h"
#include "store/sqlite_int.h"
#include "store/store_accounts.h"
#include "util/xalloc.h"

#define APPLICATION_ID 0x62616c61 /* "bala" */
/* The first schema whose every row verify compares with the audit trail, and
 * whose trail is anchored outside the file (anchor.c): a database upgraded
 * across it is baselined and anchored once (trust on first use). */
#define TAMPER_EVIDENT_SCHEMA 4

/* Every connection. */
#define CONFIGURE_SQL \
	"PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
/* A database being created gets 16 KiB pages rather than SQLite's 4 KiB: a
 * city-scale import takes about 10 % less CPU (fewer page splits, WAL frames
 * and system calls; bench/README.md). It must come before journal_mode; on a
 * database that has pages already it changes nothing. */
#define NEW_DB_SQL "PRAGMA page_size = 16384; "

static enum bl_err exec(struct store *st, const char *sql, const char *what)
{
	if (db_exec(st->db, sql)) {
		store_fail(st, BL_EDB, "%s: %s", what, db_errmsg(st->db));
		return BL_EDB;
	}
	return BL_OK;
}

static int pragma_int(struct store *st, enum stmt_id id)
{
	struct dbq *s = stmt_get(st, id);
	int v = -1;

	if (s && dbq_step(s) == DB_ROW)
		v = (int)dbq_i64(s, 0);
	if (s)
		dbq_reset(s);
	return v;
}

static enum bl_err migrate(struct store *st, int from)
{
	struct buf sql = BUF_INIT;
	enum bl_err rc;
	int v;

	rc = exec(st, "BEGIN IMMEDIATE", "migrate");
	if (rc)
		return rc;
	for (v = from; v < n_migrations; v++) {
		rc = exec(st, migrations[v], "migration");
		if (rc)
			goto out;
	}
	buf_addf(&sql, "PRAGMA user_version = %d; PRAGMA application_id = %d;", n_migrations,
		 APPLICATION_ID);
	rc = exec(st, sql.s, "migrate");
	if (rc)
		goto out;
	rc = exec(st, "COMMIT", "migrate");
out:
	if (rc)
		db_exec(st->db, "ROLLBACK");
	buf_release(&sql);
	return rc;
}

/* Tamper evidence for a database that has just been created or upgraded from
 * schema from: a new database starts its anchor log afresh (an old log at its
 * path belonged to a file that is gone); one upgraded across
 * TAMPER_EVIDENT_SCHEMA gets baseline audit entries for the rows its trail
 * does not give, and its head anchored if it had no log. */
static enum bl_err after_migrate(struct store *st, int from)
{
	struct stat sb;
	char hash[65];
	int64_t id;
	enum bl_err rc;

	if (!st->anchor_path)
		return BL_OK;
	if (from == 0)
		return anchor_start(st, st->anchor_path, 0, AUDIT_GENESIS, "a new database");
	if (from >= TAMPER_EVIDENT_SCHEMA)
		return BL_OK;
	store_set_actor(st, "ballast:upgrade");
	rc = reconcile_baseline(st, NULL);
	free(st->actor);
	st->actor = NULL;
	if (rc || !stat(st->anchor_path, &sb))
		return rc;
	rc = store_audit_head(st, &id, hash);
	if (rc)
		return rc;
	return anchor_start(st, st->anchor_path, id, hash, "anchored on the upgrade to schema 4: "
			    "the trail before this line was not anchored");
}

enum bl_err schema_admissible(struct store *st, const char *name, int version, int newest,
			      enum store_mode mode)
{
	if (version > newest)
		return store_fail(st, BL_EVERSION,
				  "the database has schema version %d, newer than this ballast "
				  "understands (%d); use a newer ballast", version, newest);
	if (version == 0 && mode == STORE_EXISTING)
		return store_fail(st, BL_ENOTFOUND,
				  "%s is not a ballast database (run 'ballast init' first)", name);
	return BL_OK;
}

static enum bl_err check_version(struct store *st, const char *path, enum store_mode mode)
{
	int version = pragma_int(st, ST_USER_VERSION);
	int app = pragma_int(st, ST_APPLICATION_ID);
	enum bl_err rc;

	if (version < 0)
		return store_fail(st, BL_EDB, "cannot read the schema version: %s",
				  db_errmsg(st->db));
	if (app != 0 && app != APPLICATION_ID)
		return store_fail(st, BL_EINVAL, "%s is an SQLite database of another program",
				  path);
	rc = schema_admissible(st, path, version, n_migrations, mode);
	if (rc)
		return rc;
	if (version < n_migrations) {
		rc = migrate(st, version);
		if (!rc)
			rc = after_migrate(st, version);
	}
	return rc;
}

/* Process-wide SQLite settings, made once before SQLite starts (every use of
 * SQLite in ballast begins with store_open). Without memory statistics each
 * of SQLite's allocations skips a global mutex and two counters: about 5 % of
 * the instructions of an import. ballast reads no SQLite memory statistics. */
static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;

static void sqlite_global_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

enum bl_err store_open(const char *path, enum store_mode mode, struct store **out,
		       struct buf *err)
{
	struct store *st = xcalloc(1, sizeof(*st));
	struct stat sb;
	enum bl_err rc;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	char why[512];

	pthread_once(&sqlite_once, sqlite_global_init);
	buf_init(&st->err, 4096);
	buf_init(&st->before, 0);
	buf_init(&st->after, 0);
	buf_init(&st->key, 0);
	buf_init(&st->diff_before, 0);
	buf_init(&st->diff_after, 0);
	buf_init(&st->ref, 0);
	st->path = xstrdup(path);
	/* The anchor log beside a database file; none for an in-memory or URI one;
	 * PostgreSQL's where $BALLAST_ANCHOR says (not a file; docs/postgresql.md). */
	if (db_target_is_pg(path)) {
		if (anchor_pg_path())
			st->anchor_path = xstrdup(anchor_pg_path());
	} else if (*path && strcmp(path, ":memory:") && strncmp(path, "file:", 5)) {
		struct buf a = BUF_INIT;

		buf_addf(&a, "%s.anchor", path);
		st->anchor_path = buf_detach(&a, NULL);
	}
	*out = NULL;
	if (sodium_init() < 0) {
		rc = store_fail(st, BL_EIO, "libsodium cannot initialise");
		goto out;
	}
	if (db_target_is_pg(path)) {
		if (db_open(path, 0, &st->db, why, sizeof(why))) {
			rc = store_fail(st, BL_EDB, "cannot connect: %s", why);
			goto out;
		}
		rc = pg_store_open(st, path, mode);
		goto out;
	}
	if (mode == STORE_CREATE)
		flags |= SQLITE_OPEN_CREATE;
	else if (stat(path, &sb)) {
		rc = store_fail(st, BL_ENOTFOUND, "no database here (%s); create one with "
				"'ballast init' or 'ballast demo'", strerror(errno));
		goto out;
	}
	if (db_open(path, flags, &st->db, why, sizeof(why))) {
		rc = store_fail(st, BL_EDB, "cannot open: %s", why);
		goto out;
	}
	sqlite3_busy_timeout(db_sqlite(st->db), 5000);
	sqlite3_extended_result_codes(db_sqlite(st->db), 1);
	rc = exec(st, mode == STORE_CREATE ? NEW_DB_SQL CONFIGURE_SQL : CONFIGURE_SQL,
		  "configure");
	if (rc) {
		store_fail(st, BL_EDB, "%s is not a usable database: %s", path,
			   db_errmsg(st->db));
		goto out;
	}
	rc = check_version(st, path, mode);
out:
	if (rc) {
		if (err) {
			buf_reset(err);
			buf_adds(err, st->err.s);
		}
		store_close(st);
		return rc;
	}
	*out = st;
	return BL_OK;
}

void store_close(struct store *st)
{
	int i;

	if (!st)
		return;
	for (i = 0; i < ST__MAX; i++)
		dbq_finalize(st->stmts[i]);
	form_stmts_free(st);
	db_close(st->db);
	free(st->actor);
	free(st->path);
	free(st->anchor_path);
	buf_release(&st->err);
	buf_release(&st->before);
	buf_release(&st->after);
	buf_release(&st->key);
	buf_release(&st->diff_before);
	buf_release(&st->diff_after);
	buf_release(&st->ref);
	batch_discard(st);
	free(st);
}

void store_set_actor(struct store *st, const char *actor)
{
	free(st->actor);
	st->actor = xstrdup(actor);
}
