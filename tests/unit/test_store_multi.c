/* test_store_multi.c — unit tests of what several servers on one database
 * share (src/store/sqlite_multi.c, store_multi.h): the failed-login rows
 * (kept, replaced, forgotten, pruned) on SQLite and PostgreSQL; the daily
 * jobs' lock (always granted on SQLite; on PostgreSQL held by one connection
 * at a time and let go by unlock or by closing); PostgreSQL's one writer at a
 * time; and a write that another program's committed write makes PostgreSQL
 * refuse, which the store reports as BL_EBUSY with store_conflicted set and
 * nothing committed.
 * PostgreSQL is $BALLAST_TEST_PG's cluster (`make unit` starts one). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/db.h"
#include "store/store.h"
#include "store/store_multi.h"
#include "util/buf.h"
#include "util/secret.h"

static struct store *open_or_fail(const char *target)
{
	struct buf err = BUF_INIT;
	struct store *st = NULL;

	if (store_open(target, STORE_CREATE, &st, &err))
		fail_msg("cannot open %s: %s", target, err.s ? err.s : "?");
	buf_release(&err);
	return st;
}

static const char *pg_target(void)
{
	const char *t = getenv("BALLAST_TEST_PG");

	if (!t || !*t) {
		print_message("skipped: BALLAST_TEST_PG is not set (make unit runs this test "
			      "through tests/pg/cluster.sh, which starts a PostgreSQL cluster)\n");
		skip();
	}
	return t;
}

static void put(struct store *st, const char *key, int64_t fails, int64_t until,
		int64_t expires)
{
	struct login_key k = { fails, 1000, until };

	assert_int_equal(store_begin(st), BL_OK);
	assert_int_equal(store_login_key_put(st, key, &k, expires), BL_OK);
	assert_int_equal(store_commit(st), BL_OK);
}

static void expect(struct store *st, const char *key, int64_t fails, int64_t mark,
		   int64_t until)
{
	struct login_key k;

	assert_int_equal(store_login_key_get(st, key, &k), BL_OK);
	assert_int_equal(k.fails, fails);
	assert_int_equal(k.mark, mark);
	assert_int_equal(k.until, until);
}

/* The rows of two keys: written, replaced, one forgotten, the spent pruned. */
static void login_rows(struct store *st)
{
	const char *a = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", *b = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

	assert_int_equal(store_begin(st), BL_OK);
	assert_int_equal(store_login_key_delete(st, a), BL_OK);
	assert_int_equal(store_login_key_delete(st, b), BL_OK);
	assert_int_equal(store_commit(st), BL_OK);
	expect(st, a, 0, 0, 0);                        /* none: zeros */
	put(st, a, 1, 0, 5000);
	put(st, a, 6, 90000, 200000);                  /* the same key: replaced */
	put(st, b, 2, 0, 7000);
	expect(st, a, 6, 1000, 90000);
	expect(st, b, 2, 1000, 0);
	assert_int_equal(store_begin(st), BL_OK);
	assert_int_equal(store_login_keys_prune(st, 7000), BL_OK);   /* b's expires */
	assert_int_equal(store_commit(st), BL_OK);
	expect(st, a, 6, 1000, 90000);
	expect(st, b, 0, 0, 0);
	assert_int_equal(store_begin(st), BL_OK);
	assert_int_equal(store_login_key_delete(st, a), BL_OK);
	assert_int_equal(store_commit(st), BL_OK);
	expect(st, a, 0, 0, 0);
}

static void test_sqlite(void **state)
{
	char path[] = "/tmp/ballast-test-multi-XXXXXX";
	char more[64];
	struct store *st;
	uint64_t commits;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	st = open_or_fail(path);
	commits = store_commits(st);
	login_rows(st);
	assert_int_equal(store_commits(st), commits + 6);
	/* one file is one machine: granted, also twice */
	assert_int_equal(store_job_lock(st, "escalate"), 1);
	assert_int_equal(store_job_lock(st, "escalate"), 1);
	store_job_unlock(st, "escalate");
	assert_int_equal(store_conflicted(st), 0);
	store_close(st);
	unlink(path);
	snprintf(more, sizeof(more), "%s-wal", path);
	unlink(more);
	snprintf(more, sizeof(more), "%s-shm", path);
	unlink(more);
	snprintf(more, sizeof(more), "%s.anchor", path);
	unlink(more);
}

static void test_postgres_rows_and_lock(void **state)
{
	const char *target = pg_target();
	struct store *a = open_or_fail(target), *b = open_or_fail(target);

	(void)state;
	login_rows(a);
	/* one holder at a time, per job name */
	assert_int_equal(store_job_lock(a, "escalate"), 1);
	assert_int_equal(store_job_lock(b, "escalate"), 0);
	assert_int_equal(store_job_lock(b, "webhook"), 1);
	assert_int_equal(store_job_lock(a, "webhook"), 0);
	store_job_unlock(a, "escalate");
	assert_int_equal(store_job_lock(b, "escalate"), 1);
	/* a connection that ends lets go of its locks */
	store_close(b);
	b = open_or_fail(target);
	assert_int_equal(store_job_lock(a, "escalate"), 1);
	assert_int_equal(store_job_lock(a, "webhook"), 1);
	store_job_unlock(a, "escalate");
	store_job_unlock(a, "webhook");
	store_close(a);
	store_close(b);
}

/* One writer at a time: b's transaction waits for a's and, past 5 s (SQLite's
 * busy timeout), is refused BL_EBUSY; once a commits, b's starts
 * after a's commit and reads what a wrote. */
static void test_postgres_one_writer(void **state)
{
	const char *target = pg_target(), *key = "dddddddddddddddddddddddddddddddd";
	struct store *a = open_or_fail(target), *b = open_or_fail(target);
	struct login_key k = { 4, 1000, 0 };

	(void)state;
	assert_int_equal(store_begin(a), BL_OK);
	assert_int_equal(store_login_key_put(a, key, &k, 1), BL_OK);
	assert_int_equal(store_begin(b), BL_EBUSY);
	assert_int_equal(store_conflicted(b), 0);   /* waited: not run again at once */
	assert_non_null(strstr(store_errmsg(b), "another write"));
	store_rollback(b);
	assert_int_equal(store_commit(a), BL_OK);
	assert_int_equal(store_begin(b), BL_OK);
	expect(b, key, 4, 1000, 0);
	store_rollback(b);
	/* a rollback lets go of it too */
	assert_int_equal(store_begin(b), BL_OK);
	store_rollback(b);
	assert_int_equal(store_begin(a), BL_OK);
	store_rollback(a);
	store_close(a);
	store_close(b);
}

/* a reads a row in its SERIALIZABLE transaction; a writer that is not a
 * store (psql, another program) changes it meanwhile; a's write of the row is
 * refused: BL_EBUSY, conflicted, nothing committed, and the same write run
 * again afresh goes through. */
static void test_postgres_conflict(void **state)
{
	const char *target = pg_target(), *key = "cccccccccccccccccccccccccccccccc";
	struct store *a = open_or_fail(target);
	struct login_key k = { 1, 1000, 0 };
	struct db *other;
	char err[256];
	uint64_t commits;

	(void)state;
	assert_int_equal(db_open(target, 0, &other, err, sizeof(err)), 0);
	put(a, key, 1, 0, 1);
	commits = store_commits(a);
	assert_int_equal(store_begin(a), BL_OK);
	assert_int_equal(store_conflicted(a), 0);
	expect(a, key, 1, 1000, 0);
	assert_int_equal(db_exec(other, "UPDATE login_failures SET fails = 2 WHERE key_hash = "
				 "'cccccccccccccccccccccccccccccccc'"), 0);
	k.fails = 2;
	assert_int_equal(store_login_key_put(a, key, &k, 1), BL_EBUSY);
	assert_int_equal(store_conflicted(a), 1);
	store_rollback(a);
	assert_int_equal(store_commits(a), commits);
	/* again: a new transaction sees the other's row and writes */
	assert_int_equal(store_begin(a), BL_OK);
	assert_int_equal(store_conflicted(a), 0);
	expect(a, key, 2, 1000, 0);
	k.fails = 3;
	assert_int_equal(store_login_key_put(a, key, &k, 1), BL_OK);
	assert_int_equal(store_commit(a), BL_OK);
	assert_int_equal(store_commits(a), commits + 1);
	db_close(other);
	expect(a, key, 3, 1000, 0);
	store_close(a);
}

static int setup(void **state)
{
	(void)state;
	return secret_init();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sqlite),
		cmocka_unit_test(test_postgres_rows_and_lock),
		cmocka_unit_test(test_postgres_one_writer),
		cmocka_unit_test(test_postgres_conflict),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
