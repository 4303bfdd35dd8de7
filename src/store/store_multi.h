/* store_multi.h — what several `ballast serve` processes on one database
 * share beyond the data (issue #17 item 4): the failed-login counts every
 * server reads and writes (table login_failures: login state, not the
 * district's data, so neither audited nor reconciled), a lock that lets one
 * process at a time run a daily job, and what a write's caller needs to try
 * a transaction again that another writer's conflict undid. The rules of the
 * counts are http/throttle.c's; the store keeps the numbers. */
#ifndef BL_STORE_MULTI_H
#define BL_STORE_MULTI_H

#include <stdint.h>

#include "store/store.h"

/* One throttle key's row: failures not yet forgotten, when the count last
 * forgot one, when its wait ends; times in ms since the Unix epoch. */
struct login_key {
	int64_t fails, mark, until;
};

/* The row of key_hash (a key's digest, 32 hex digits) into *out, all zeros
 * when there is none (BL_OK). */
enum bl_err store_login_key_get(struct store *st, const char *key_hash, struct login_key *out);
/* Write the row of key_hash, which says nothing any more from expires on
 * (ms). In the caller's transaction; not audited. */
enum bl_err store_login_key_put(struct store *st, const char *key_hash,
				const struct login_key *k, int64_t expires);
/* Forget key_hash (a successful login's pair). In the caller's transaction. */
enum bl_err store_login_key_delete(struct store *st, const char *key_hash);
/* Drop the rows that say nothing at now (ms). In the caller's transaction. */
enum bl_err store_login_keys_prune(struct store *st, int64_t now);

/* Take the lock of the job name for this connection, without waiting: 1
 * when it is this connection's now (release it with store_job_unlock), 0
 * when another connection holds it, -1 on a failure (store_errmsg). On
 * PostgreSQL a session advisory lock, keyed by a fixed digest of name, so
 * that every process asks for the same one and a process that dies lets
 * go of it; on SQLite always 1: one file is one machine, and a job's own
 * write transaction (BEGIN IMMEDIATE) already runs alone. Outside any
 * transaction. */
int store_job_lock(struct store *st, const char *name);
void store_job_unlock(struct store *st, const char *name);

/* Transactions this connection has committed so far. */
uint64_t store_commits(const struct store *st);
/* 1 when the last failure since store_begin was another writer's conflict
 * (BL_EBUSY from PostgreSQL's serialization failure 40001 or deadlock
 * 40P01), after which the whole transaction, rolled back, may be run again.
 * ballast's own writers queue on the write lock (store_begin) and do not
 * meet; this is for a write from outside (psql, another program) between a
 * transaction's read and its write. A lock waited for past 5 s (SQLite's
 * busy timeout, PostgreSQL's write lock) is BL_EBUSY but not a conflict. */
int store_conflicted(const struct store *st);

#endif
