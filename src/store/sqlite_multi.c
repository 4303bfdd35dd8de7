/* sqlite_multi.c — the failed-login rows, the daily jobs' lock and the
 * conflict bookkeeping of store_multi.h, on both backends. */
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "store/sqlite_int.h"
#include "store/store_multi.h"

enum bl_err store_login_key_get(struct store *st, const char *key_hash, struct login_key *out)
{
	struct dbq *s = stmt_get(st, ST_LOGIN_KEY_GET);
	enum bl_err rc = BL_OK;
	int step;

	memset(out, 0, sizeof(*out));
	if (!s)
		return BL_EDB;
	bind_str(s, 1, key_hash);
	step = dbq_step(s);
	if (step == DB_ROW) {
		out->fails = dbq_i64(s, 0);
		out->mark = dbq_i64(s, 1);
		out->until = dbq_i64(s, 2);
	} else if (step != DB_DONE) {
		rc = db_fail(st, "read failed logins");
	}
	dbq_reset(s);
	return rc;
}

enum bl_err store_login_key_put(struct store *st, const char *key_hash,
				const struct login_key *k, int64_t expires)
{
	struct dbq *s = stmt_get(st, ST_LOGIN_KEY_PUT);

	if (!s)
		return BL_EDB;
	bind_str(s, 1, key_hash);
	dbq_bind_i64(s, 2, k->fails);
	dbq_bind_i64(s, 3, k->mark);
	dbq_bind_i64(s, 4, k->until);
	dbq_bind_i64(s, 5, expires);
	return step_done(st, s, "count a failed login");
}

enum bl_err store_login_key_delete(struct store *st, const char *key_hash)
{
	struct dbq *s = stmt_get(st, ST_LOGIN_KEY_DELETE);

	if (!s)
		return BL_EDB;
	bind_str(s, 1, key_hash);
	return step_done(st, s, "forget failed logins");
}

enum bl_err store_login_keys_prune(struct store *st, int64_t now)
{
	struct dbq *s = stmt_get(st, ST_LOGIN_KEYS_PRUNE);

	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, now);
	return step_done(st, s, "drop spent failed logins");
}

/* The advisory lock's key: the first 8 bytes of BLAKE2b of "ballast job " and
 * name, the same in every process (PostgreSQL's key space is the cluster's:
 * the prefix keeps clear of another program's keys). */
static int64_t job_key(const char *name)
{
	unsigned char h[crypto_generichash_BYTES_MIN];
	crypto_generichash_state gs;
	int64_t key;

	crypto_generichash_init(&gs, NULL, 0, sizeof(h));
	crypto_generichash_update(&gs, (const unsigned char *)"ballast job ", 12);
	crypto_generichash_update(&gs, (const unsigned char *)name, strlen(name));
	crypto_generichash_final(&gs, h, sizeof(h));
	memcpy(&key, h, sizeof(key));
	return key;
}

/* Run an advisory-lock statement on the lock of name; its boolean answer,
 * or -1. */
static int lock_call(struct store *st, enum stmt_id id, const char *name)
{
	struct dbq *s = stmt_get(st, id);
	int step, got = -1;
	const char *v;

	if (!s)
		return -1;
	dbq_bind_i64(s, 1, job_key(name));
	step = dbq_step(s);
	if (step == DB_ROW) {
		/* PostgreSQL's boolean as text: "t" or "f" */
		v = dbq_text(s, 0);
		got = v && (*v == 't' || *v == '1');
	} else {
		db_fail(st, id == ST_JOB_UNLOCK ? "let go of a lock" : "take a lock");
	}
	dbq_reset(s);
	return got;
}

int store_job_lock(struct store *st, const char *name)
{
	if (!store_is_pg(st))
		return 1;
	return lock_call(st, ST_JOB_LOCK, name);
}

void store_job_unlock(struct store *st, const char *name)
{
	if (store_is_pg(st))
		lock_call(st, ST_JOB_UNLOCK, name);
}

/* The write lock's name (a key of its own beside the jobs'). The audit trail
 * is one hash chain, so its writes are one sequence whatever the number of
 * servers: under SERIALIZABLE alone, every two writes at once read the same
 * head of the chain and PostgreSQL refused one of them (7 writers on one
 * server: a write in ten failed, some past 4 runs). Queued on this lock
 * instead, each transaction starts after the last commit. */
#define WRITE_LOCK "the write transaction"
#define WRITE_WAIT_MS 5000 /* SQLite's busy timeout */

enum bl_err store_write_lock(struct store *st)
{
	struct timespec pause = { 0, 0 };
	int64_t waited = 0, step = 1;
	int got;

	if (!store_is_pg(st) || st->write_locked)
		return BL_OK;
	for (;;) {
		got = lock_call(st, ST_JOB_LOCK, WRITE_LOCK);
		if (got < 0)
			return BL_EDB;
		if (got) {
			st->write_locked = 1;
			return BL_OK;
		}
		if (waited >= WRITE_WAIT_MS)
			return store_fail(st, BL_EBUSY, "another write has held the database for "
					  "%d s", WRITE_WAIT_MS / 1000);
		pause.tv_nsec = (long)step * 1000000;
		nanosleep(&pause, NULL);
		waited += step;
		if (step < 16)
			step *= 2;
	}
}

void store_write_unlock(struct store *st)
{
	if (!st->write_locked)
		return;
	st->write_locked = 0;
	lock_call(st, ST_JOB_UNLOCK, WRITE_LOCK);
}

uint64_t store_commits(const struct store *st)
{
	return st->commits;
}

int store_conflicted(const struct store *st)
{
	return st->conflicted;
}
