/* test_db.c — src/store/db.c, the one connection interface over SQLite and
 * PostgreSQL: the PostgreSQL text of a statement, and the same steps on both
 * backends (bind, step, columns, reset, a second statement run while the
 * first one's rows are read, RETURNING, the changed-row count, a constraint's
 * fault, NULLs, the extremes of a 64-bit integer, Chinese text, a blob with
 * zero bytes); and PostgreSQL's COPY for a first load (db_copy_begin: what a
 * step queues, what the next statement sees, ids, escapes, a rollback, a
 * failure). PostgreSQL is the cluster tests/pg/cluster.sh starts
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

/* The test PostgreSQL ($BALLAST_TEST_PG), open; without one the test is
 * skipped (cmocka prints it as skipped; the message says why, and what of
 * PostgreSQL the test needs). */
static struct db *open_pg(const char *what)
{
	const char *target = getenv("BALLAST_TEST_PG");

	if (!target || !*target) {
		print_message("skipped: BALLAST_TEST_PG is not set (%s; make unit runs this test "
			      "through tests/pg/cluster.sh, which starts a PostgreSQL cluster)\n",
			      what);
		skip();
	}
	return open_or_fail(target);
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
	/* a key that is not UTF-8 (from a URL) matches nothing, on either
	 * backend: PostgreSQL would refuse its bytes, so they go as U+FFFD */
	struct dbq *key = db_prepare(db, "SELECT count(*) FROM t WHERE name = ?1 OR name LIKE ?2");
	static const char *const not_utf8[] = { "\xff\xfe", "\xc0\x80", "\xed\xb3\xbf", "\xe5\xa4",
						 "\xf4\x90\x80\x80", "\xe5\xa4\xaa\xff" };
	assert_non_null(key);
	for (size_t k = 0; k < sizeof(not_utf8) / sizeof(*not_utf8); k++) {
		dbq_bind_text(key, 1, not_utf8[k], -1);
		dbq_bind_text(key, 2, not_utf8[k], -1);
		if (dbq_step(key) != DB_ROW)
			fail_msg("key %zu: %s", k, db_errmsg(db));
		assert_int_equal(dbq_i64(key, 0), 0);
		dbq_reset(key);
	}
	dbq_finalize(key);
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
	struct db *db;

	(void)state;
	db = open_pg("the same steps on PostgreSQL");
	assert_int_equal(db_kind(db), DB_PG);
	assert_null(db_sqlite(db));
	db_exec(db, "DROP TABLE IF EXISTS t");
	same_steps(db, "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
		       "amount BIGINT NOT NULL, note TEXT, data BYTEA)");
	/* a statement after a failed one in a transaction fails with the first
	 * one's fault and message, not "the transaction is aborted" (25P02): a
	 * serialization failure there must stay one, to be retried */
	assert_int_equal(db_exec(db, "BEGIN"), 0);
	assert_int_equal(db_exec(db, "INSERT INTO t (name, amount) VALUES ('太科办', 1)"), -1);
	assert_int_equal(db_fault(db), DBF_CONSTRAINT);
	char first[256];
	snprintf(first, sizeof(first), "%s", db_errmsg(db));
	assert_non_null(strstr(first, "duplicate key"));
	assert_int_equal(db_exec(db, "SELECT 1"), -1);
	assert_int_equal(db_fault(db), DBF_CONSTRAINT);
	assert_string_equal(db_errmsg(db), first);
	assert_int_equal(db_exec(db, "ROLLBACK"), 0);
	run_one(db, "DROP TABLE t");
	db_close(db);

	/* a server that is not there: an error that says so */
	char err[512] = "";
	assert_int_equal(db_open("host=/nonexistent dbname=x connect_timeout=2", 0, &db, err, sizeof(err)), -1);
	assert_null(db);
	assert_non_null(strstr(err, "/nonexistent"));
}

/* Queue one row of c through ins (copy on): its id. */
static int64_t copy_row(struct db *db, struct dbq *ins, const char *name, int64_t amount,
			const char *note, const void *data, size_t n)
{
	dbq_clear(ins);
	dbq_bind_text(ins, 1, name, -1);
	dbq_bind_i64(ins, 2, amount);
	dbq_bind_text(ins, 3, note, -1);
	if (data)
		dbq_bind_blob(ins, 4, data, n);
	assert_int_equal(dbq_step(ins), DB_DONE);
	assert_int_equal(db_changes(db), 1);
	dbq_reset(ins);
	return db_last_id(db);
}

static int64_t count_c(struct db *db)
{
	struct dbq *q = db_prepare(db, "SELECT count(*) FROM c");
	int64_t n;

	assert_int_equal(dbq_step(q), DB_ROW);
	n = dbq_i64(q, 0);
	dbq_finalize(q);
	return n;
}

#define COPY_INSERT "INSERT INTO c (name, amount, note, data) VALUES (?1, ?2, ?3, ?4)" \
	" ON CONFLICT (name) DO NOTHING"

static void copy_steps(struct db *db)
{
	static const unsigned char bytes[4] = { 0, 0xff, '\\', '\t' };
	const char *awkward = "a\tb\\c\nd\re \\N 区";
	struct dbq *ins = db_prepare(db, COPY_INSERT), *odd, *got;

	assert_non_null(ins);
	/* only plain ?1…?N in order, and no DO UPDATE */
	odd = db_prepare(db, "INSERT INTO c (name, amount) VALUES (?1, ?2 + 1)");
	assert_int_equal(db_copy_begin(db, odd, "INSERT INTO c (name, amount) VALUES (?1, ?2 + 1)",
				       "id"), -1);
	dbq_finalize(odd);
	assert_int_equal(db_exec(db, "BEGIN"), 0);
	assert_int_equal(db_copy_begin(db, ins, COPY_INSERT, "id"), 0);
	assert_int_equal(db_copy_begin(db, ins, COPY_INSERT, "id"), -1); /* one at a time */
	assert_int_equal(copy_row(db, ins, "锡山区", INT64_MAX, awkward, bytes, sizeof(bytes)), 1);
	assert_int_equal(copy_row(db, ins, "新吴区", INT64_MIN, NULL, NULL, 0), 2);
	/* another statement sees the rows queued before it; the COPY goes on after */
	assert_int_equal(count_c(db), 2);
	assert_int_equal(copy_row(db, ins, "梁溪区", 0, "", "", 0), 3);
	assert_int_equal(db_copy_end(db), 0);
	/* the sequence is where three INSERTs would have left it */
	run_one(db, "INSERT INTO c (name, amount) VALUES ('惠山区', 7)");
	assert_int_equal(db_last_id(db), 4);
	assert_int_equal(db_exec(db, "COMMIT"), 0);

	got = db_prepare(db, "SELECT id, name, amount, note, data FROM c ORDER BY id");
	assert_int_equal(dbq_step(got), DB_ROW);
	assert_string_equal(dbq_text(got, 1), "锡山区");
	assert_true(dbq_i64(got, 2) == INT64_MAX);
	assert_string_equal(dbq_text(got, 3), awkward);
	assert_int_equal(dbq_bytes(got, 4), sizeof(bytes));
	assert_memory_equal(dbq_blob(got, 4), bytes, sizeof(bytes));
	assert_int_equal(dbq_step(got), DB_ROW);
	assert_true(dbq_i64(got, 2) == INT64_MIN);
	assert_true(dbq_is_null(got, 3));
	assert_true(dbq_is_null(got, 4));
	assert_int_equal(dbq_step(got), DB_ROW);
	assert_false(dbq_is_null(got, 3));
	assert_string_equal(dbq_text(got, 3), "");
	assert_int_equal(dbq_type(got, 4), DBT_BLOB);
	assert_int_equal(dbq_bytes(got, 4), 0);
	dbq_finalize(got);

	/* a rollback drops the queued rows and the copy */
	assert_int_equal(db_exec(db, "BEGIN"), 0);
	assert_int_equal(db_copy_begin(db, ins, COPY_INSERT, "id"), 0);
	assert_int_equal(copy_row(db, ins, "滨湖区", 1, NULL, NULL, 0), 5);
	assert_int_equal(db_exec(db, "ROLLBACK"), 0);
	assert_int_equal(count_c(db), 4);

	/* a repeated key fails the end of the COPY (no DO NOTHING in a COPY) */
	assert_int_equal(db_exec(db, "BEGIN"), 0);
	assert_int_equal(db_copy_begin(db, ins, COPY_INSERT, "id"), 0);
	copy_row(db, ins, "锡山区", 1, NULL, NULL, 0);
	assert_int_equal(db_copy_end(db), -1);
	assert_int_equal(db_fault(db), DBF_CONSTRAINT);
	assert_non_null(strstr(db_errmsg(db), "c_name_key"));
	assert_int_equal(db_exec(db, "ROLLBACK"), 0);

	/* a commit ends the copy first; rows without ids (id_col NULL) */
	assert_int_equal(db_exec(db, "BEGIN"), 0);
	assert_int_equal(db_copy_begin(db, ins, COPY_INSERT, NULL), 0);
	copy_row(db, ins, "宜兴市", 5, NULL, NULL, 0);
	assert_int_equal(db_exec(db, "COMMIT"), 0);
	assert_int_equal(count_c(db), 5);
	dbq_finalize(ins);
}

static void test_copy(void **state)
{
	struct db *db = open_or_fail(":memory:");
	struct dbq *ins;

	(void)state;
	/* SQLite: no COPY, nothing changes */
	run_one(db, "CREATE TABLE c (id INTEGER PRIMARY KEY, name TEXT UNIQUE, amount INTEGER,"
		" note TEXT, data BLOB)");
	ins = db_prepare(db, COPY_INSERT);
	assert_int_equal(db_copy_begin(db, ins, COPY_INSERT, "id"), -1);
	assert_int_equal(db_copy_end(db), 0);
	dbq_finalize(ins);
	db_close(db);
	db = open_pg("PostgreSQL's COPY");
	db_exec(db, "DROP TABLE IF EXISTS c");
	run_one(db, "CREATE TABLE c (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		" name TEXT NOT NULL UNIQUE, amount BIGINT NOT NULL, note TEXT, data BYTEA)");
	copy_steps(db);
	run_one(db, "DROP TABLE c");
	db_close(db);
}

/* The cursors db_cursor.c has open (pg_cursors lists the asking query too). */
#define CURSORS "SELECT count(*) FROM pg_cursors WHERE name LIKE 'c\\_q%'"

static int64_t one_i64(struct db *db, const char *sql)
{
	struct dbq *q = db_prepare(db, sql);
	int64_t v;

	assert_non_null(q);
	assert_int_equal(dbq_step(q), DB_ROW);
	v = dbq_i64(q, 0);
	dbq_finalize(q);
	return v;
}

/* Step q to its end from first (bound to ?1): the rows it gave, checked to
 * run first, first + 1, …; at row `between` another statement runs. */
static int64_t stepped(struct db *db, struct dbq *q, int64_t first, int64_t between)
{
	int64_t n = 0;

	dbq_reset(q);
	dbq_bind_i64(q, 1, first);
	while (dbq_step(q) == DB_ROW) {
		assert_true(dbq_i64(q, 0) == first + n);
		if (++n == between) /* while the cursor is open */
			assert_int_equal(one_i64(db, CURSORS), 1);
	}
	return n;
}

/* dbq_chunked (db_cursor.c): in a transaction the answer comes a chunk at a
 * time through a cursor, other statements running between two steps; outside
 * one, whole; a reset closes the cursor; one its transaction ended is not
 * closed in the next (which that would abort). */
static void test_cursor(void **state)
{
	struct db *db;
	struct dbq *q;

	(void)state;
	db = open_pg("PostgreSQL's cursors");
	db_exec(db, "DROP TABLE IF EXISTS k");
	run_one(db, "CREATE TABLE k (n BIGINT PRIMARY KEY)");
	run_one(db, "INSERT INTO k SELECT generate_series(1, 25)");
	q = db_prepare(db, "SELECT n FROM k WHERE n >= ?1 ORDER BY n");
	dbq_chunked(q, 10);
	assert_int_equal(stepped(db, q, 1, 0), 25); /* no transaction: whole */
	assert_int_equal(db_exec(db, "BEGIN"), 0);
	assert_int_equal(stepped(db, q, 3, 12), 23);  /* 10 + 10 + 3 */
	assert_int_equal(one_i64(db, CURSORS), 0);
	assert_int_equal(stepped(db, q, 16, 5), 10);  /* one full chunk, then none */
	assert_int_equal(stepped(db, q, 26, 0), 0);   /* no rows at all */
	/* a reset half-way closes it; the statement runs again from the start */
	dbq_reset(q);
	dbq_bind_i64(q, 1, 1);
	assert_int_equal(dbq_step(q), DB_ROW);
	assert_int_equal(one_i64(db, CURSORS), 1);
	dbq_reset(q);
	assert_int_equal(one_i64(db, CURSORS), 0);
	assert_int_equal(stepped(db, q, 1, 0), 25);
	/* left open at the commit: gone with it, and not closed in the next */
	dbq_reset(q);
	dbq_bind_i64(q, 1, 1);
	assert_int_equal(dbq_step(q), DB_ROW);
	assert_int_equal(db_exec(db, "COMMIT"), 0);
	assert_int_equal(db_exec(db, "BEGIN"), 0);
	dbq_reset(q);
	assert_int_equal(one_i64(db, "SELECT count(*) FROM k"), 25); /* not aborted */
	assert_int_equal(db_exec(db, "COMMIT"), 0);
	dbq_finalize(q);
	run_one(db, "DROP TABLE k");
	db_close(db);
}

/* db_last_id on PostgreSQL: an INSERT drawing its id from the sequence
 * answers it (RETURNING); one naming its id draws nothing and leaves the last
 * id as lastval() would; a skipped ON CONFLICT insert gives the id it used
 * up, as lastval() does. */
static void test_last_id(void **state)
{
	struct db *db;

	(void)state;
	db = open_pg("PostgreSQL's ids");
	db_exec(db, "DROP TABLE IF EXISTS li");
	run_one(db, "CREATE TABLE li (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		" v TEXT NOT NULL UNIQUE)");
	run_one(db, "INSERT INTO li (v) VALUES ('a')");
	assert_int_equal(db_last_id(db), 1);
	run_one(db, "INSERT INTO li (v) VALUES ('b')");
	assert_int_equal(db_last_id(db), 2);
	run_one(db, "INSERT INTO li (id, v) VALUES (100, 'x')");
	assert_int_equal(db_changes(db), 1);
	assert_int_equal(db_last_id(db), 2);
	run_one(db, "INSERT INTO li (v) VALUES ('a') ON CONFLICT (v) DO NOTHING");
	assert_int_equal(db_changes(db), 0);
	assert_int_equal(db_last_id(db), 3);
	run_one(db, "INSERT INTO li (v) VALUES ('c')");
	assert_int_equal(db_last_id(db), 4);
	run_one(db, "DROP TABLE li");
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pg_text),
		cmocka_unit_test(test_target),
		cmocka_unit_test(test_sqlite),
		cmocka_unit_test(test_postgres),
		cmocka_unit_test(test_copy),
		cmocka_unit_test(test_cursor),
		cmocka_unit_test(test_last_id),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
