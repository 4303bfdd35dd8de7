/* sqlite_verify.c — reading the audit trail back, verifying the database (file
 * integrity, foreign keys, and the whole hash chain), and online backup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_accounts.h"
#include "util/xalloc.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

static const char *text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

enum bl_err store_audit_each(struct store *st, const char *entity, const char *key,
			     int64_t limit, int64_t offset,
			     int (*fn)(void *ctx, const struct audit_entry *e), void *ctx)
{
	sqlite3_stmt *s = NULL;
	struct audit_entry e;
	enum bl_err rc = BL_OK;
	int step, stop = 0;

	if (sqlite3_prepare_v2(st->db,
			       "SELECT id, at, actor, action, entity, entity_key, before, after"
			       " FROM audit WHERE (?1 IS NULL OR entity = ?1)"
			       " AND (?2 IS NULL OR entity_key = ?2)"
			       " ORDER BY id DESC LIMIT ?3 OFFSET ?4", -1, &s, NULL))
		return db_fail(st, "prepare");
	bind_str(s, 1, entity);
	bind_str(s, 2, key);
	sqlite3_bind_int64(s, 3, limit);
	sqlite3_bind_int64(s, 4, offset);
	while (!stop && (step = sqlite3_step(s)) == SQLITE_ROW) {
		e.id = sqlite3_column_int64(s, 0);
		e.at = text(s, 1);
		e.actor = text(s, 2);
		e.action = text(s, 3);
		e.entity = text(s, 4);
		e.key = text(s, 5);
		e.before = text(s, 6);
		e.after = text(s, 7);
		stop = fn(ctx, &e);
	}
	if (!stop && step != SQLITE_DONE)
		rc = db_fail(st, "read audit trail");
	sqlite3_finalize(s);
	return rc;
}

int64_t store_generation(struct store *st)
{
	sqlite3_stmt *s = NULL;
	int64_t gen = -1;

	if (sqlite3_prepare_v2(st->db, "SELECT max(id) FROM audit", -1, &s, NULL))
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		gen = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return gen;
}

static enum bl_err check_file(struct store *st)
{
	sqlite3_stmt *s = NULL;
	enum bl_err rc = BL_OK;
	const char *r;

	if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &s, NULL))
		return db_fail(st, "integrity check");
	if (sqlite3_step(s) != SQLITE_ROW) {
		rc = db_fail(st, "integrity check");
		goto out;
	}
	r = text(s, 0);
	if (!r || strcmp(r, "ok"))
		rc = store_fail(st, BL_EDB, "the file is damaged: %s", r ? r : "unknown");
	sqlite3_finalize(s);
	s = NULL;
	if (rc)
		return rc;
	if (sqlite3_prepare_v2(st->db, "PRAGMA foreign_key_check", -1, &s, NULL))
		return db_fail(st, "foreign key check");
	if (sqlite3_step(s) == SQLITE_ROW)
		rc = store_fail(st, BL_EDB, "table %s row %lld refers to a missing %s row",
				text(s, 0), (long long)sqlite3_column_int64(s, 1), text(s, 2));
out:
	sqlite3_finalize(s);
	return rc;
}

static enum bl_err check_chain(struct store *st, int64_t *entries)
{
	sqlite3_stmt *s = NULL;
	char prev[65], hash[65];
	enum bl_err rc = BL_OK;
	int64_t expect = 1, n = 0;
	int step;

	memcpy(prev, GENESIS, sizeof(prev));
	if (sqlite3_prepare_v2(st->db, "SELECT id, at, actor, action, entity, entity_key, before,"
			       " after, prev_hash, hash FROM audit ORDER BY id", -1, &s, NULL))
		return db_fail(st, "read audit trail");
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		const char *fields[7];
		int i;

		for (i = 0; i < 7; i++)
			fields[i] = text(s, 1 + i);
		if (id != expect) {
			rc = store_fail(st, BL_EDB, "audit entry %lld is missing (the next is %lld)",
					(long long)expect, (long long)id);
			break;
		}
		if (!text(s, 8) || strcmp(text(s, 8), prev)) {
			rc = store_fail(st, BL_EDB, "audit entry %lld does not follow entry %lld: "
					"the chain is broken there", (long long)id, (long long)id - 1);
			break;
		}
		audit_entry_hash(prev, id, fields, hash);
		if (!text(s, 9) || strcmp(text(s, 9), hash)) {
			rc = store_fail(st, BL_EDB, "audit entry %lld (%s %s %s) was changed after it "
					"was written: its hash does not match", (long long)id,
					fields[2] ? fields[2] : "", fields[3] ? fields[3] : "",
					fields[4] ? fields[4] : "");
			break;
		}
		memcpy(prev, hash, sizeof(prev));
		expect++;
		n++;
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(st, "read audit trail");
	sqlite3_finalize(s);
	if (entries)
		*entries = n;
	return rc;
}

enum bl_err store_verify(struct store *st, int64_t *entries)
{
	enum bl_err rc;

	if (entries)
		*entries = 0;
	/* One read transaction: the chain is checked against one state of the file. */
	if (sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL))
		return db_fail(st, "begin");
	rc = check_file(st);
	if (!rc)
		rc = check_chain(st, entries);
	sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

enum bl_err store_backup(struct store *st, const char *path)
{
	struct buf tmp = BUF_INIT;
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	enum bl_err rc = BL_OK;
	int step;

	buf_addf(&tmp, "%s.tmp", path);
	remove(tmp.s);
	if (sqlite3_open_v2(tmp.s, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)) {
		rc = store_fail(st, BL_EIO, "%s: %s", tmp.s,
				dst ? sqlite3_errmsg(dst) : "cannot open");
		goto out;
	}
	b = sqlite3_backup_init(dst, "main", st->db, "main");
	if (!b) {
		rc = store_fail(st, BL_EIO, "backup: %s", sqlite3_errmsg(dst));
		goto out;
	}
	/* Copy in steps so writers are not held off for long; a step that sees
	 * the source change restarts, which the loop absorbs. */
	do {
		step = sqlite3_backup_step(b, 256);
		if (step == SQLITE_BUSY || step == SQLITE_LOCKED)
			sqlite3_sleep(10);
	} while (step == SQLITE_OK || step == SQLITE_BUSY || step == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (step != SQLITE_DONE) {
		rc = store_fail(st, BL_EIO, "backup: %s", sqlite3_errmsg(dst));
		goto out;
	}
	/* The copy is a standalone file: no WAL beside it. */
	sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	sqlite3_close(dst);
	dst = NULL;
	if (rename(tmp.s, path))
		rc = store_fail(st, BL_EIO, "%s: cannot rename the copy into place", path);
out:
	if (dst)
		sqlite3_close(dst);
	if (rc)
		remove(tmp.s);
	buf_release(&tmp);
	return rc;
}
