/* test_db.c — src/store/db.c, the one connection interface over SQLite and
 * PostgreSQL: the PostgreSQL text of a statement, and the same steps on both
 * backends (bind, step, columns, reset, a second statement run while the
 * first one's rows are read, RETURNING, the changed-row count, a constraint's
 * fault, NULLs, the extremes of a 64-bit integer, Chinese text, a blob with
 * zero bytes). PostgreSQL is the cluster tests/pg/cluster.sh starts
 * ($BALLAST_TEST_PG; `make unit` runs this test through it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store/db.h"

static void expect_text(const char *sql, const char *want, int want_n)
{
	int n = -1;
	char *t = db_pg_text(sql, &n);

	assert_string_equal(t, want);
	assert_int_equal(n, want_n);
	free(t);
}

static void test_pg_text(void **state)
{
	(void)state;
	expect_text("SELECT 1", "SELECT 1", 0);
	expect_text("SELECT a FROM t WHERE b = ?1 AND c = ?2", "SELECT a FROM t WHERE b = $1 AND c = $2", 2);
	/* unnumbered ones count from 1, or on from the last number */
	expect_text("INSERT INTO t VALUES (?, ?, ?)", "INSERT INTO t VALUES ($1, $2, $3)", 3);
	expect_text("SELECT ?3, ?", "SELECT $3, $4", 4);
	/* a number used twice is one parameter */
	expect_text("WHERE (?1 IS NULL OR a = ?1) AND b < ?12", "WHERE ($1 IS NULL OR a = $1) AND b < $12", 12);
	/* quoted question marks are text */
	expect_text("SELECT '?1', \"a?\" FROM t WHERE x = ?", "SELECT '?1', \"a?\" FROM t WHERE x = $1", 1);
	expect_text("SELECT 'it''s ?' WHERE y = ?2", "SELECT 'it''s ?' WHERE y = $2", 2);
	/* SQLite's write transaction is PostgreSQL's serializable one */
	expect_text("BEGIN IMMEDIATE", "BEGIN ISOLATION LEVEL SERIALIZABLE", 0);
	expect_text("BEGIN", "BEGIN", 0);
	expect_text("BEGIN DEFERRED", "BEGIN ISOLATION LEVEL REPEATABLE READ", 0);
}

static void test_target(void **state)
{
	(void)state;
	assert_true(db_target_is_pg("postgres://u@h/db"));
	assert_true(db_target_is_pg("postgresql:///ballast?host=/tmp"));
	assert_true(db_target_is_pg("host=/tmp/x dbname=ballast"));
	assert_false(db_target_is_pg("ballast.db"));
	assert_false(db_target_is_pg("/var/lib/ballast/city.db"));
	assert_false(db_target_is_pg(""));
	assert_true(db_target_is_pg("dbname=ballast"));
	assert_false(db_target_is_pg("file:city.db?mode=ro"));
	assert_false(db_target_is_pg("a b=c.db"));
	assert_false(db_target_is_pg("=x"));
	assert_false(db_target_is_pg(NULL));
}

static struct db *open_or_fail(const char *target)
{
	struct db *db = NULL;
	char err[512] = "";

	if (db_open(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &db, err, sizeof(err)))
		fail_msg("open %s: %s", target, err);
	return db;
}

static void run_one(struct db *db, const char *sql)
{
	struct dbq *q = db_prepare(db, sql);

	if (!q)
		fail_msg("prepare %s: %s", sql, db_errmsg(db));
	assert_int_equal(dbq_step(q), DB_DONE);
	dbq_finalize(q);
}

static int64_t insert_row(struct db *db, struct dbq *ins, const char *name, int64_t amount)
{
	int64_t id;

	dbq_clear(ins);
	dbq_bind_text(ins, 1, name, -1);
	dbq_bind_i64(ins, 2, amount);
	assert_int_equal(dbq_step(ins), DB_ROW); /* RETURNING id */
	id = dbq_i64(ins, 0);
	assert_int_equal(dbq_step(ins), DB_DONE);
	assert_int_equal(db_changes(db), 1);
	dbq_reset(ins);
	return id;
}

/* The same steps on either backend; create is the table's DDL in its dialect. */
static void same_steps(struct db *db, const char *create)
{
	static const unsigned char bytes[5] = { 0, 0xff, 0x27, 0x5c, 0 };
	struct dbq *ins, *sel, *upd, *one;
	run_one(db, create);
	ins = db_prepare(db, "INSERT INTO t (name, amount) VALUES (?1, ?2) RETURNING id");
	assert_non_null(ins);
	assert_int_equal(insert_row(db, ins, "空港经开区", INT64_MAX), 1);
	assert_int_equal(insert_row(db, ins, "太科办", INT64_MIN), 2);
	assert_int_equal(insert_row(db, ins, "a'b?", 0), 3);

	/* a second insert of a unique name: a constraint's fault */
	dbq_clear(ins);
	dbq_bind_text(ins, 1, "太科办", -1);
	dbq_bind_i64(ins, 2, 1);
	assert_int_equal(dbq_step(ins), DB_ERROR);
	assert_int_equal(db_fault(db), DBF_CONSTRAINT);
	assert_non_null(strstr(db_errmsg(db), "t"));
	dbq_reset(ins);

	/* NULLs: a text bound NULL, a blob, and reading them */
	upd = db_prepare(db, "UPDATE t SET note = ?2, data = ?3 WHERE id >= ?1");
	assert_non_null(upd);
	dbq_bind_i64(upd, 1, 2);
	dbq_bind_text(upd, 2, NULL, -1);
	dbq_bind_blob(upd, 3, bytes, sizeof(bytes));
	assert_int_equal(dbq_step(upd), DB_DONE);
	assert_int_equal(db_changes(db), 2);
	dbq_finalize(upd);

	/* the rows in order, with another statement run while they are read */
	sel = db_prepare(db, "SELECT id, name, amount, note, data FROM t WHERE amount <= ?1 OR ?1 IS NULL ORDER BY id");
	one = db_prepare(db, "SELECT count(*) FROM t WHERE id <> ?1");
	assert_non_null(sel);
	assert_non_null(one);
	dbq_bind_null(sel, 1);
	for (int64_t want = 1; want <= 3; want++) {
		assert_int_equal(dbq_step(sel), DB_ROW);
		assert_int_equal(dbq_columns(sel), 5);
		assert_int_equal(dbq_i64(sel, 0), want);
		dbq_bind_i64(one, 1, want);
		assert_int_equal(dbq_step(one), DB_ROW);
		assert_int_equal(dbq_i64(one, 0), 2);
		assert_int_equal(dbq_step(one), DB_DONE);
		dbq_reset(one);
		if (want == 1) {
			assert_string_equal(dbq_text(sel, 1), "空港经开区");
			assert_true(dbq_i64(sel, 2) == INT64_MAX);
			assert_true(dbq_is_null(sel, 3));
			assert_null(dbq_text(sel, 3));
			assert_true(dbq_is_null(sel, 4));
			assert_int_equal(dbq_type(sel, 4), DBT_NULL);
			assert_null(dbq_blob(sel, 4));
			assert_int_equal(dbq_bytes(sel, 4), 0);
			assert_int_equal(dbq_type(sel, 0), DBT_INTEGER);
			assert_int_equal(dbq_type(sel, 1), DBT_TEXT);
			assert_int_equal(dbq_bytes(sel, 1), 15); /* five characters of three bytes */
			/* a text read as a blob is its bytes, on both backends */
			assert_memory_equal(dbq_blob(sel, 1), "空港经开区", 15);
		} else {
			assert_string_equal(dbq_text(sel, 1), want == 2 ? "太科办" : "a'b?");
			assert_true(dbq_i64(sel, 2) == (want == 2 ? INT64_MIN : 0));
			assert_true(dbq_is_null(sel, 3));
			assert_int_equal(dbq_type(sel, 4), DBT_BLOB);
			const unsigned char *b = dbq_blob(sel, 4);
			assert_int_equal(dbq_bytes(sel, 4), sizeof(bytes));
			assert_memory_equal(b, bytes, sizeof(bytes));
		}
	}
	assert_int_equal(dbq_step(sel), DB_DONE);

	/* reset keeps the bindings; clear drops them */
	dbq_reset(sel);
	dbq_bind_i64(sel, 1, -1);
	assert_int_equal(dbq_step(sel), DB_ROW);
	assert_int_equal(dbq_i64(sel, 0), 2);
	assert_int_equal(dbq_step(sel), DB_DONE);
	dbq_reset(sel);
	assert_int_equal(dbq_step(sel), DB_ROW);
	assert_int_equal(dbq_i64(sel, 0), 2);
	dbq_reset(sel);
	dbq_clear(sel);
	assert_int_equal(dbq_step(sel), DB_ROW);
	assert_int_equal(dbq_i64(sel, 0), 1);
	dbq_reset(sel);

	/* a transaction rolled back leaves nothing */
	assert_int_equal(db_exec(db, "BEGIN"), 0);
	/* (PostgreSQL's sequence moved on at the failed insert: the id is not asserted) */
	assert_true(insert_row(db, ins, "新加坡科创城", 7) >= 4);
	assert_int_equal(db_exec(db, "ROLLBACK"), 0);
	dbq_bind_i64(one, 1, 0);
	assert_int_equal(dbq_step(one), DB_ROW);
	assert_int_equal(dbq_i64(one, 0), 3);
	dbq_reset(one);

	/* without RETURNING: the id the insert gave, from the connection; a
	 * kept statement, bound without a copy */
	char name[16] = "锡山区";
	struct dbq *ins2 = db_prepare_kept(db, "INSERT INTO t (name, amount) VALUES (?, ?)");
	assert_non_null(ins2);
	dbq_bind_text_kept(ins2, 1, name, -1);
	dbq_bind_i64(ins2, 2, 42);
	assert_int_equal(dbq_step(ins2), DB_DONE);
	int64_t id = db_last_id(db);
	assert_true(id >= 4); /* (SQLite: 4 again after the rollback; PostgreSQL: later) */
	dbq_finalize(ins2);
	struct dbq *got = db_prepare(db, "SELECT name, amount, 1.5 FROM t WHERE id = ?1");
	dbq_bind_i64(got, 1, id);
	assert_int_equal(dbq_step(got), DB_ROW);
	assert_string_equal(dbq_text(got, 0), "锡山区");
	assert_int_equal(dbq_i64(got, 1), 42);
	assert_int_equal(dbq_type(got, 2), DBT_FLOAT);
	assert_true(dbq_double(got, 2) == 1.5);
	dbq_finalize(got);

	/* parameters whose type only SQLite can leave open: tested for NULL
	 * first (a number, a text), and one a statement does not use */
	struct dbq *opt = db_prepare(db, "SELECT count(*) FROM t WHERE (?1 IS NULL OR id = ?1) "
				     "AND (?2 IS NULL OR name = ?2)");
	if (!opt)
		fail_msg("prepare: %s", db_errmsg(db));
	dbq_bind_null(opt, 1);
	dbq_bind_text(opt, 2, "太科办", -1);
	assert_int_equal(dbq_step(opt), DB_ROW);
	assert_int_equal(dbq_i64(opt, 0), 1);
	dbq_reset(opt);
	dbq_bind_i64(opt, 1, 1);
	assert_int_equal(dbq_step(opt), DB_ROW);
	assert_int_equal(dbq_i64(opt, 0), 0); /* id 1 is not 太科办 */
	dbq_finalize(opt);
	struct dbq *unused = db_prepare(db, "UPDATE t SET amount = ?2 WHERE name = ?3");
	assert_non_null(unused);
	dbq_bind_i64(unused, 1, 99);
	dbq_bind_i64(unused, 2, -5);
	dbq_bind_text(unused, 3, "a'b?", -1);
	assert_int_equal(dbq_step(unused), DB_DONE);
	assert_int_equal(db_changes(db), 1);
	dbq_finalize(unused);

	/* a statement first prepared inside a transaction, whose parameter
	 * types PostgreSQL finds only by failed tries, and one that fails to
	 * prepare: the transaction goes on and commits what it did */
	assert_int_equal(db_exec(db, "BEGIN"), 0);
	run_one(db, "UPDATE t SET amount = 7 WHERE amount = 42");
	assert_null(db_prepare(db, "SELECT no_such_column FROM t"));
	struct dbq *late = db_prepare(db, "SELECT count(*) FROM t WHERE (?1 IS NULL OR id = ?1)");
	assert_non_null(late);
	dbq_bind_null(late, 1);
	assert_int_equal(dbq_step(late), DB_ROW);
	assert_int_equal(dbq_i64(late, 0), 4);
	dbq_finalize(late);
	assert_int_equal(db_exec(db, "COMMIT"), 0);
	struct dbq *seven = db_prepare(db, "SELECT count(*) FROM t WHERE amount = 7");
	assert_int_equal(dbq_step(seven), DB_ROW);
	assert_int_equal(dbq_i64(seven, 0), 1);
	dbq_finalize(seven);

	/* transaction control through statements: a savepoint rolled back to */
	struct dbq *tc[4] = { db_prepare(db, "BEGIN IMMEDIATE"), db_prepare(db, "SAVEPOINT sp"),
			      db_prepare(db, "ROLLBACK TO sp"), db_prepare(db, "COMMIT") };
	for (int k = 0; k < 4; k++)
		assert_non_null(tc[k]);
	assert_int_equal(dbq_step(tc[0]), DB_DONE);
	assert_int_equal(dbq_step(tc[1]), DB_DONE);
	run_one(db, "DELETE FROM t WHERE amount = -5");
	assert_int_equal(db_changes(db), 1);
	assert_int_equal(dbq_step(tc[2]), DB_DONE);
	assert_int_equal(dbq_step(tc[3]), DB_DONE);
	for (int k = 0; k < 4; k++)
		dbq_finalize(tc[k]);
	dbq_bind_i64(one, 1, 0);
	assert_int_equal(dbq_step(one), DB_ROW);
	assert_int_equal(dbq_i64(one, 0), 4); /* the delete was undone */
	dbq_reset(one);

	/* a failed statement names its fault; the next one runs */
	assert_int_equal(db_exec(db, "SELECT * FROM no_such_table"), -1);
	assert_int_equal(db_fault(db), DBF_OTHER);
	/* ... in one line that names what failed (it goes into sentences) */
	assert_non_null(strstr(db_errmsg(db), "no_such_table"));
	assert_null(strchr(db_errmsg(db), '\n'));
	assert_null(db_prepare(db, "SELEKT 1"));
	/* what a failed prepare leaves is taken as SQLite takes it */
	dbq_bind_i64(NULL, 1, 1);
	dbq_bind_text(NULL, 1, "x", -1);
	dbq_bind_null(NULL, 1);
	assert_int_equal(dbq_step(NULL), DB_ERROR);
	assert_true(dbq_is_null(NULL, 0));
	assert_null(dbq_text(NULL, 0));
	assert_int_equal(dbq_i64(NULL, 0), 0);
	dbq_reset(NULL);
	dbq_clear(NULL);
	dbq_finalize(NULL);

	dbq_finalize(ins);
	dbq_finalize(sel);
	dbq_finalize(one);
}

static void test_sqlite(void **state)
{
	struct db *db = open_or_fail(":memory:");

	(void)state;
	assert_int_equal(db_kind(db), DB_SQLITE);
	assert_non_null(db_sqlite(db));
	same_steps(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
		       "amount INTEGER NOT NULL, note TEXT, data BLOB)");
	db_close(db);
}

static void test_postgres(void **state)
{
	const char *target = getenv("BALLAST_TEST_PG");
	struct db *db;

	(void)state;
	if (!target || !*target) {
		/* cmocka prints the test as skipped; this says why */
		print_message("skipped: BALLAST_TEST_PG is not set (make unit runs this test "
			      "through tests/pg/cluster.sh, which starts a PostgreSQL cluster)\n");
		skip();
	}
	db = open_or_fail(target);
	assert_int_equal(db_kind(db), DB_PG);
	assert_null(db_sqlite(db));
	db_exec(db, "DROP TABLE IF EXISTS t");
	same_steps(db, "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
		       "amount BIGINT NOT NULL, note TEXT, data BYTEA)");
	run_one(db, "DROP TABLE t");
	db_close(db);

	/* a server that is not there: an error that says so */
	char err[512] = "";
	assert_int_equal(db_open("host=/nonexistent dbname=x connect_timeout=2", 0, &db, err, sizeof(err)), -1);
	assert_null(db);
	assert_non_null(strstr(err, "/nonexistent"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pg_text),
		cmocka_unit_test(test_target),
		cmocka_unit_test(test_sqlite),
		cmocka_unit_test(test_postgres),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
