/* sqlite_verify.c — reading the audit trail back, verifying the database (file
 * integrity, foreign keys, the whole hash chain, its anchors outside the file,
 * and every row against the trail), and online backup. verify's statements
 * run once per `ballast verify` and are prepared here, not in the statement
 * table: they would only hold memory in every server connection. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_accounts.h"
#include "util/xalloc.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

static const char *text(struct dbq *s, int i)
{
	return dbq_text(s, i);
}

int64_t store_generation(struct store *st)
{
	struct dbq *s = stmt_get(st, ST_AUDIT_MAX);
	int64_t gen = -1;

	if (!s)
		return -1;
	if (dbq_step(s) == DB_ROW)
		gen = dbq_i64(s, 0);
	dbq_reset(s);
	return gen;
}

const char *store_anchor_path(const struct store *st)
{
	return st->anchor_path;
}

/* A problem: counted, and a sentence to the caller. */
static void problem(struct verify_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct verify_report *r, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	r->problems++;
	if (r->problem)
		r->problem(r->ctx, b.s);
	buf_release(&b);
}

static void check_file(struct store *st, struct verify_report *r)
{
	struct dbq *s = NULL;
	const char *t;

	/* PostgreSQL checks its pages (and enforces every foreign key) itself;
	 * SQLite is asked. */
	if (store_is_pg(st))
		return;
	if (!(s = db_prepare(st->db, "PRAGMA integrity_check")) ||
	    dbq_step(s) != DB_ROW) {
		problem(r, "the file cannot be checked: %s", db_errmsg(st->db));
		dbq_finalize(s);
		return;
	}
	t = text(s, 0);
	if (!t || strcmp(t, "ok"))
		problem(r, "the file is damaged: %s", t ? t : "unknown");
	dbq_finalize(s);
	s = NULL;
	if (!(s = db_prepare(st->db, "PRAGMA foreign_key_check")))
		return;
	while (dbq_step(s) == DB_ROW)
		problem(r, "table %s row %lld refers to a missing %s row", text(s, 0),
			(long long)dbq_i64(s, 1), text(s, 2));
	dbq_finalize(s);
}

/* The chain entry by entry, up to its first broken entry. */
static void check_chain(struct store *st, struct verify_report *r)
{
	struct dbq *s = NULL;
	char prev[65], hash[65];
	int64_t expect = 1;
	int step;

	memcpy(prev, GENESIS, sizeof(prev));
	if (!(s = db_prepare(st->db, "SELECT id, at, actor, action, entity, entity_key, before,"
			       " after, prev_hash, hash FROM audit ORDER BY id"))) {
		problem(r, "the audit trail cannot be read (%s): it was dropped or damaged",
			db_errmsg(st->db));
		return;
	}
	while ((step = dbq_step(s)) == DB_ROW) {
		int64_t id = dbq_i64(s, 0);
		const char *fields[7];
		char stored_prev[65], stored[65];
		int i;

		for (i = 0; i < 7; i++)
			fields[i] = text(s, 1 + i);
		audit_hash_col(s, 8, stored_prev);
		audit_hash_col(s, 9, stored);
		if (id != expect) {
			problem(r, "audit entry %lld is missing (the next is %lld)", (long long)expect,
				(long long)id);
			break;
		}
		if (strcmp(stored_prev, prev)) {
			problem(r, "audit entry %lld does not follow entry %lld: the chain is broken "
				"there", (long long)id, (long long)id - 1);
			break;
		}
		audit_entry_hash(prev, id, fields, hash);
		if (strcmp(stored, hash)) {
			problem(r, "audit entry %lld (%s %s %s) was changed after it was written: its "
				"hash does not match", (long long)id, fields[2] ? fields[2] : "",
				fields[3] ? fields[3] : "", fields[4] ? fields[4] : "");
			break;
		}
		memcpy(prev, hash, sizeof(prev));
		expect++;
		r->entries++;
	}
	if (step != DB_ROW && step != DB_DONE)
		problem(r, "the audit trail cannot be read: %s", db_errmsg(st->db));
	dbq_finalize(s);
}

/* The stored hash of entry id into hash; 0, or -1 when there is no such entry. */
static int stored_hash(struct store *st, int64_t id, char hash[65])
{
	struct dbq *s = NULL;
	int rc = -1;

	if (!(s = db_prepare(st->db, "SELECT hash FROM audit WHERE id = ?1")))
		return -1;
	dbq_bind_i64(s, 1, id);
	if (dbq_step(s) == DB_ROW)
		rc = audit_hash_col(s, 0, hash);
	dbq_finalize(s);
	return rc;
}

/* The anchor log against the chain as stored. own: the log every commit
 * appends to, whose last line must be the trail's head; else a copy or a
 * note of the caller's, taken at some time, which later entries may follow. */
/* Every anchor of the log at path matched: the entries after the last one
 * are a problem of the log this database keeps (own), a note otherwise. */
static void check_anchor_tail(const char *path, int own, int pending_head,
			      struct verify_report *r)
{
	struct buf msg = BUF_INIT;

	/* pending_head: the last commit's line was not written (the process was
	 * killed between its commit and the line): its pending line names the head. */
	if (r->head_id <= r->anchored_id || pending_head)
		return;
	if (own) {
		problem(r, "audit entries %lld to %lld are not in the anchor log %s: written behind "
			"ballast's back, or by a ballast that could not append to the log",
			(long long)r->anchored_id + 1, (long long)r->head_id, path);
	} else if (r->note) {
		buf_addf(&msg, "audit entries %lld to %lld were written after the last anchor of %s",
			 (long long)r->anchored_id + 1, (long long)r->head_id, path);
		r->note(r->ctx, msg.s);
	}
	buf_release(&msg);
}

static void check_anchors(struct store *st, const char *path, int own, struct verify_report *r)
{
	struct anchor *a = NULL;
	struct buf err = BUF_INIT;
	char hash[65];
	int64_t good = 0;
	size_t n = 0, i, k;
	int pending_head = 0;
	enum bl_err rc;

	r->anchored_id = -1;
	if (!path && store_is_pg(st)) {
		/* Kept for PostgreSQL only where $BALLAST_ANCHOR says
		 * (docs/postgresql.md): without, the chain is checked, its end
		 * against nothing outside the database. */
		if (r->head_id && r->note)
			r->note(r->ctx, "no anchor log ($BALLAST_ANCHOR names none): a rewrite of the "
				"whole audit chain by the database's owner would not be seen");
		return;
	}
	if (!path) {
		if (r->head_id)
			problem(r, "the database is not a file: its audit trail has no anchor log");
		return;
	}
	rc = anchor_load(path, &a, &n, &err);
	if (rc == BL_ENOTFOUND) {
		if (r->head_id)
			problem(r, "no anchor log at %s: the end of the audit trail cannot be checked "
				"(keep the log with the database, or give --anchor FILE)", path);
		goto out;
	}
	if (rc) {
		problem(r, "%s", err.s);
		goto out;
	}
	/* Pending lines aside: they are checked only for the trail's tail. */
	for (i = 0, k = 0; i < n; i++)
		if (a[i].pending)
			pending_head |= a[i].id == r->head_id && !stored_hash(st, a[i].id, hash) &&
					!strcmp(hash, a[i].hash);
		else
			a[k++] = a[i];
	n = k;
	r->anchors = (int64_t)n;
	r->anchored_id = n ? a[n - 1].id : 0;
	for (i = 0; i < n; i++) {
		if (i && a[i].id == a[i - 1].id && strcmp(a[i].hash, a[i - 1].hash)) {
			problem(r, "%s records audit entry %lld twice, with different hashes: the log "
				"was edited", path, (long long)a[i].id);
			break;
		}
		if (a[i].id == 0)
			continue; /* a new database's first line: the empty trail */
		if (a[i].id > r->head_id) {
			/* Named by the last anchor: how far the trail went. */
			problem(r, "%s records audit entry %lld (%.16s…), but the trail ends at entry "
				"%lld: entries %lld to %lld were deleted, or the trail replaced", path,
				(long long)a[n - 1].id, a[n - 1].hash, (long long)r->head_id,
				(long long)r->head_id + 1, (long long)a[n - 1].id);
			break;
		}
		if (stored_hash(st, a[i].id, hash)) {
			problem(r, "audit entry %lld, which %s records, is missing", (long long)a[i].id,
				path);
			break;
		}
		if (strcmp(hash, a[i].hash)) {
			problem(r, "audit entry %lld differs from %s (anchored %.16s…, stored %.16s…): "
				"the trail was rewritten after entry %lld and at or before entry %lld",
				(long long)a[i].id, path, a[i].hash, hash, (long long)good,
				(long long)a[i].id);
			break;
		}
		good = a[i].id;
	}
	if (i == n)
		check_anchor_tail(path, own, pending_head, r);
out:
	free(a);
	buf_release(&err);
}

/* A JSON value as it appears in a problem: at most about 120 bytes. */
static void shown(struct buf *b, const char *v)
{
	size_t n = strlen(v), cut = 120;

	if (n <= cut + 10) {
		buf_adds(b, v);
		return;
	}
	while (cut && ((unsigned char)v[cut] & 0xc0) == 0x80)
		cut--;
	buf_add(b, v, cut);
	buf_addf(b, "… (%zu bytes)", n);
}

static void diff_problem(void *ctx, const struct reconcile_diff *d)
{
	struct verify_report *r = ctx;
	struct buf b = BUF_INIT;
	size_t i;

	if (d->sentence) {
		problem(r, "%s", d->sentence);
	} else if (!d->stored) {
		problem(r, "%s %s: audited (entry %lld), but the row is missing", d->table, d->key,
			(long long)d->entry);
	} else if (!d->audited && d->deleted) {
		problem(r, "%s %s: the audit trail deleted it (entry %lld), yet the row is stored",
			d->table, d->key, (long long)d->entry);
	} else if (!d->audited) {
		problem(r, "%s %s: the row has no audit entry: it was written behind ballast's back",
			d->table, d->key);
	}
	for (i = 0; d->stored && d->audited && i < d->n_fields; i++) {
		buf_reset(&b);
		buf_addf(&b, "%s %s: %s: audited ", d->table, d->key, d->field[i]);
		shown(&b, d->field_audited[i]);
		buf_adds(&b, ", stored ");
		shown(&b, d->field_stored[i]);
		problem(r, "%s", b.s);
	}
	buf_release(&b);
}

static void note_fwd(void *ctx, const char *sentence)
{
	struct verify_report *r = ctx;

	if (r->note)
		r->note(r->ctx, sentence);
}

enum bl_err store_verify(struct store *st, const char *anchor_path, struct verify_report *r)
{
	enum bl_err rc;

	r->problems = r->entries = r->rows = r->anchors = 0;
	r->head_id = 0;
	r->anchored_id = -1;
	memcpy(r->head_hash, GENESIS, sizeof(r->head_hash));
	/* One read transaction: everything is checked against one state of the file. */
	if (db_exec(st->db, "BEGIN"))
		return db_fail(st, "begin");
	check_file(st, r);
	check_chain(st, r);
	if (store_audit_head(st, &r->head_id, r->head_hash)) {
		r->head_id = 0;
		memcpy(r->head_hash, GENESIS, sizeof(r->head_hash));
	}
	check_anchors(st, anchor_path ? anchor_path : st->anchor_path, !anchor_path, r);
	rc = reconcile(st, diff_problem, note_fwd, r, &r->rows);
	db_exec(st->db, "COMMIT");
	return rc;
}

/* The last audit entry (id, hash) of a backup's copy; id 0 and the genesis
 * hash when the trail is empty. BL_EDB when the audit table cannot be read.
 * Prepared here: the copy is a bare connection, without a statement table. */
static enum bl_err copy_head(struct db *db, int64_t *id, char hash[65])
{
	struct dbq *s = NULL;
	enum bl_err rc = BL_OK;
	int step;

	*id = 0;
	memcpy(hash, AUDIT_GENESIS, 65);
	if (!(s = db_prepare(db, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")))
		return BL_EDB;
	step = dbq_step(s);
	if (step == DB_ROW) {
		*id = dbq_i64(s, 0);
		audit_hash_col(s, 1, hash);
	} else if (step != DB_DONE) {
		rc = BL_EDB;
	}
	dbq_finalize(s);
	return rc;
}

enum bl_err store_backup(struct store *st, const char *path)
{
	struct buf tmp = BUF_INIT;
	struct db *dst = NULL;
	sqlite3_backup *b;
	char why[256];
	enum bl_err rc = BL_OK;
	char hash[65];
	int64_t head;
	int step;

	/* SQLite's online backup of its file: a PostgreSQL database is not one
	 * (docs/postgresql.md). */
	if (store_is_pg(st))
		return store_fail(st, BL_EINVAL, "%s", "backup copies a SQLite database file; for "
				  "PostgreSQL use pg_dump, or ballast copy --to FILE.db");
	buf_addf(&tmp, "%s.tmp", path);
	remove(tmp.s);
	if (db_open(tmp.s, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &dst, why, sizeof(why))) {
		rc = store_fail(st, BL_EIO, "%s: %s", tmp.s, why);
		goto out;
	}
	b = sqlite3_backup_init(db_sqlite(dst), "main", db_sqlite(st->db), "main");
	if (!b) {
		rc = store_fail(st, BL_EIO, "backup: %s", db_errmsg(dst));
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
		rc = store_fail(st, BL_EIO, "backup: %s", db_errmsg(dst));
		goto out;
	}
	/* The copy is a standalone file: no WAL beside it. */
	db_exec(dst, "PRAGMA journal_mode = DELETE");
	if (copy_head(dst, &head, hash)) {
		rc = store_fail(st, BL_EIO, "backup: the copy's audit trail cannot be read");
		goto out;
	}
	db_close(dst);
	dst = NULL;
	if (rename(tmp.s, path)) {
		rc = store_fail(st, BL_EIO, "%s: cannot rename the copy into place", path);
		goto out;
	}
	/* Its anchors: the source's up to the copy's head, and that head. */
	buf_reset(&tmp);
	buf_addf(&tmp, "%s.anchor", path);
	rc = anchor_copy(st, tmp.s, head, hash);
out:
	db_close(dst);
	if (rc)
		remove(tmp.s);
	buf_release(&tmp);
	return rc;
}
