/* sqlite_accounts.c — accounts, sessions and API tokens for the SQLite backend. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/sqlite_int.h"
#include "store/store_accounts.h"
#include "util/secret.h"
#include "util/xalloc.h"


void user_release(struct user *u)
{
	free(u->username);
	free(u->display_name);
	memset(u, 0, sizeof(*u));
}

void store_now_text(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The columns of USER_COLS (sqlite.c). */
static void col_user(struct dbq *s, struct user *u)
{
	int r = role_from_key(dbq_text(s, 2));

	u->id = dbq_i64(s, 0);
	u->username = col_str(s, 1);
	u->role = r < 0 ? ROLE_LEADER : (enum role)r;
	u->unit_id = col_id(s, 3);
	u->display_name = col_str(s, 4);
	u->disabled = (int)dbq_i64(s, 5);
	u->version = dbq_i64(s, 6);
}

enum bl_err store_user_add(struct store *st, struct user *u, const char *password_hash)
{
	struct dbq *s = stmt_get(st, ST_USER_INSERT);
	struct buf after = BUF_INIT;
	char now[32];
	enum bl_err rc;

	if (!s)
		return BL_EDB;
	store_now_text(now);
	bind_str(s, 1, u->username);
	bind_str(s, 2, role_keys[u->role]);
	bind_id(s, 3, u->unit_id);
	bind_str(s, 4, u->display_name);
	bind_str(s, 5, password_hash);
	dbq_bind_i64(s, 6, u->disabled != 0);
	bind_str(s, 7, now);
	rc = step_done(st, s, "add user");
	if (rc == BL_ECONFLICT)
		store_fail(st, rc, "a user named %s exists already", u->username);
	if (rc)
		goto out;
	u->id = db_last_id(st->db);
	u->version = 1;
	rc = row_form(st, "user", u->id, &after);
	if (!rc)
		rc = audit_append(st, "insert", "user", u->username, NULL, after.s);
out:
	buf_release(&after);
	return rc;
}

enum bl_err store_user_update(struct store *st, struct user *u, const char *password_hash)
{
	struct user old;
	struct buf before = BUF_INIT, after = BUF_INIT;
	struct dbq *s;
	enum bl_err rc;

	rc = store_user_by_id(st, u->id, &old);
	if (rc)
		return rc;
	if (old.version != u->version) {
		rc = store_fail(st, BL_ECONFLICT, "user %s was changed by someone else", old.username);
		goto out;
	}
	rc = row_form(st, "user", u->id, &before);
	if (rc)
		goto out;
	s = stmt_get(st, ST_USER_UPDATE);
	if (!s) {
		rc = BL_EDB;
		goto out;
	}
	dbq_bind_i64(s, 1, u->id);
	bind_str(s, 2, role_keys[u->role]);
	bind_id(s, 3, u->unit_id);
	bind_str(s, 4, u->display_name);
	dbq_bind_i64(s, 5, u->disabled != 0);
	bind_str(s, 6, password_hash);
	rc = step_done(st, s, "update user");
	if (rc)
		goto out;
	u->version = old.version + 1;
	rc = row_form(st, "user", u->id, &after);
	if (!rc)
		rc = audit_append(st, "update", "user", old.username, before.s, after.s);
out:
	user_release(&old);
	buf_release(&before);
	buf_release(&after);
	return rc;
}

/* The user of ST_USER_BY_NAME (text) or ST_USER_BY_ID (id) into out, and the
 * password hash into *hash (may be NULL; caller frees). */
static enum bl_err user_query(struct store *st, enum stmt_id id_stmt, const char *text,
			      int64_t id, struct user *out, char **hash)
{
	struct dbq *s = stmt_get(st, id_stmt);
	enum bl_err rc = BL_OK;
	int step;

	memset(out, 0, sizeof(*out));
	if (hash)
		*hash = NULL;
	if (!s)
		return BL_EDB;
	if (text)
		bind_str(s, 1, text);
	else
		dbq_bind_i64(s, 1, id);
	step = dbq_step(s);
	if (step == DB_ROW) {
		col_user(s, out);
		if (hash)
			*hash = col_str(s, 7);
	} else if (step == DB_DONE) {
		rc = store_fail(st, BL_ENOTFOUND, "no such user");
	} else {
		rc = db_fail(st, "read user");
	}
	dbq_reset(s);
	return rc;
}

enum bl_err store_user_by_name(struct store *st, const char *name, struct user *out,
			       char **hash)
{
	return user_query(st, ST_USER_BY_NAME, name, 0, out, hash);
}

enum bl_err store_user_by_id(struct store *st, int64_t id, struct user *out)
{
	return user_query(st, ST_USER_BY_ID, NULL, id, out, NULL);
}

enum bl_err store_users_each(struct store *st,
			     int (*fn)(void *ctx, const struct user *u), void *ctx)
{
	struct dbq *s = stmt_get(st, ST_USERS);
	struct user u;
	enum bl_err rc = BL_OK;
	int stop = 0;

	while (!stop && rows_next(st, s, "read users", &rc)) {
		col_user(s, &u);
		stop = fn(ctx, &u);
		user_release(&u);
	}
	dbq_reset(s);
	return rc;
}

/* ---- sessions and tokens ---- */

enum bl_err store_session_add(struct store *st, int64_t user_id, const char *token_hash,
			      const char *csrf, int64_t expires)
{
	struct dbq *s = stmt_get(st, ST_SESSION_INSERT);
	char now[32], exp[24];

	if (!s)
		return BL_EDB;
	store_now_text(now);
	snprintf(exp, sizeof(exp), "%lld", (long long)expires);
	dbq_bind_i64(s, 1, user_id);
	bind_str(s, 2, token_hash);
	bind_str(s, 3, csrf);
	bind_str(s, 4, now);
	bind_str(s, 5, exp);
	return step_done(st, s, "add session");
}

enum bl_err store_session_get(struct store *st, const char *token_hash, int64_t now,
			      struct user *out, char **csrf)
{
	struct dbq *s = stmt_get(st, ST_SESSION_GET);
	enum bl_err rc = BL_OK;
	int step;

	memset(out, 0, sizeof(*out));
	*csrf = NULL;
	if (!s)
		return BL_EDB;
	bind_str(s, 1, token_hash);
	step = dbq_step(s);
	if (step == DB_ROW && dbq_i64(s, 8) > now) {
		col_user(s, out);
		*csrf = col_str(s, 7);
	} else if (step == DB_ROW || step == DB_DONE) {
		rc = store_fail(st, BL_ENOTFOUND, "no live session");
	} else {
		rc = db_fail(st, "read session");
	}
	dbq_reset(s);
	return rc;
}

enum bl_err store_session_delete(struct store *st, const char *token_hash)
{
	struct dbq *s = stmt_get(st, ST_SESSION_DELETE);

	if (!s)
		return BL_EDB;
	bind_str(s, 1, token_hash);
	return step_done(st, s, "delete session");
}

enum bl_err store_token_add(struct store *st, int64_t user_id, const char *token_hash)
{
	struct dbq *s = stmt_get(st, ST_TOKEN_INSERT);
	struct buf key = BUF_INIT, after = BUF_INIT;
	char now[32], fp[SECRET_FINGERPRINT_HEX];
	enum bl_err rc;

	if (!s)
		return BL_EDB;
	store_now_text(now);
	dbq_bind_i64(s, 1, user_id);
	bind_str(s, 2, token_hash);
	bind_str(s, 3, now);
	rc = step_done(st, s, "add token");
	if (rc)
		goto out;
	secret_fingerprint(token_hash, fp);
	buf_addf(&key, "%lld", (long long)db_last_id(st->db));
	buf_addf(&after, "{\"user_id\":%lld,\"hash_prefix\":\"%.8s\",\"fingerprint\":\"%s\","
		 "\"created_at\":", (long long)user_id, token_hash, fp);
	buf_add_json_str(&after, now);
	buf_adds(&after, ",\"revoked\":0}");
	rc = audit_append(st, "insert", "api_token", key.s, NULL, after.s);
out:
	buf_release(&key);
	buf_release(&after);
	return rc;
}

enum bl_err store_token_get(struct store *st, const char *token_hash, struct user *out)
{
	struct dbq *s = stmt_get(st, ST_TOKEN_GET);
	enum bl_err rc = BL_OK;
	int step;

	memset(out, 0, sizeof(*out));
	if (!s)
		return BL_EDB;
	bind_str(s, 1, token_hash);
	step = dbq_step(s);
	if (step == DB_ROW)
		col_user(s, out);
	else if (step == DB_DONE)
		rc = store_fail(st, BL_ENOTFOUND, "no such token");
	else
		rc = db_fail(st, "read token");
	dbq_reset(s);
	return rc;
}
