/* sqlite_account_admin.c — account maintenance for the SQLite backend (issue
 * #14): setting a password, ending a user's sessions, listing and revoking
 * API tokens. Kept apart from sqlite_accounts.c (accounts, logins): these run
 * only when an administrator or the user acts, each inside its caller's
 * transaction, and each change is one audit entry without any secret. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_accounts.h"

enum bl_err store_user_set_password(struct store *st, struct user *u, const char *hash)
{
	struct buf before = BUF_INIT, after = BUF_INIT;
	struct dbq *s = stmt_get(st, ST_USER_SET_PASSWORD);
	enum bl_err rc;

	if (!s)
		return BL_EDB;
	rc = row_form(st, "user", u->id, &before);
	if (rc)
		goto out;
	dbq_bind_i64(s, 1, u->id);
	bind_str(s, 2, hash);
	dbq_bind_i64(s, 3, u->version);
	rc = step_done(st, s, "set password");
	if (rc)
		goto out;
	if (db_changes(st->db) != 1) {
		rc = store_fail(st, BL_ECONFLICT, "user %s was changed by someone else",
				u->username);
		goto out;
	}
	u->version++;
	/* The account's whole audit form before and after, as every user write
	 * keeps it: the new hash's fingerprint is what verify compares (the
	 * actor says who: the user itself, or an administrator's reset). */
	rc = row_form(st, "user", u->id, &after);
	if (!rc)
		rc = audit_append(st, "password", "user", u->username, before.s, after.s);
out:
	buf_release(&before);
	buf_release(&after);
	return rc;
}

enum bl_err store_user_sessions_end(struct store *st, int64_t user_id, const char *keep,
				    int64_t *ended)
{
	struct dbq *s = stmt_get(st, ST_USER_SESSIONS_END);
	enum bl_err rc;

	if (ended)
		*ended = 0;
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, user_id);
	bind_str(s, 2, keep);
	rc = step_done(st, s, "end sessions");
	if (!rc && ended)
		*ended = db_changes(st->db);
	return rc;
}

enum bl_err store_user_sessions_live(struct store *st, int64_t user_id, int64_t now,
				     int64_t *n)
{
	struct dbq *s = stmt_get(st, ST_USER_SESSIONS_LIVE);
	enum bl_err rc = BL_OK;

	*n = 0;
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, user_id);
	dbq_bind_i64(s, 2, now);
	if (dbq_step(s) == DB_ROW)
		*n = dbq_i64(s, 0);
	else
		rc = db_fail(st, "count sessions");
	dbq_reset(s);
	return rc;
}

enum bl_err store_user_tokens_each(struct store *st, int64_t user_id,
				   int (*fn)(void *ctx, const struct api_token_info *t),
				   void *ctx)
{
	struct api_token_info t;
	struct dbq *s = stmt_get(st, ST_USER_TOKENS);
	enum bl_err rc = BL_OK;
	int stop = 0;

	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, user_id);
	while (!stop && rows_next(st, s, "read tokens", &rc)) {
		t.id = dbq_i64(s, 0);
		t.created_at = dbq_text(s, 1);
		t.last_used_at = NULL; /* the schema does not record it */
		t.revoked = (int)dbq_i64(s, 2) != 0;
		stop = fn(ctx, &t);
	}
	dbq_reset(s);
	return rc;
}

/* Revoke u's live tokens (token_id > 0: only that one), appending each id
 * to ids ("1,2"); *n gets how many. */
static enum bl_err revoke_tokens(struct store *st, const struct user *u, int64_t token_id,
				 struct buf *ids, int64_t *n)
{
	struct dbq *s;
	enum bl_err rc = BL_OK;
	int step;

	*n = 0;
	if (token_id > 0) {
		s = stmt_get(st, ST_TOKEN_REVOKED);
		if (!s)
			return BL_EDB;
		dbq_bind_i64(s, 1, token_id);
		dbq_bind_i64(s, 2, u->id);
		step = dbq_step(s);
		if (step == DB_DONE)
			rc = store_fail(st, BL_ENOTFOUND, "user %s has no API token %lld",
					u->username, (long long)token_id);
		else if (step != DB_ROW)
			rc = db_fail(st, "read token");
		dbq_reset(s);
		if (rc)
			return rc;
	}
	s = stmt_get(st, ST_TOKENS_REVOKE);
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, u->id);
	dbq_bind_i64(s, 2, token_id > 0 ? token_id : 0);
	while (rows_next(st, s, "revoke tokens", &rc)) {
		buf_addf(ids, "%s%lld", *n ? "," : "", (long long)dbq_i64(s, 0));
		(*n)++;
	}
	return rc;
}

enum bl_err store_user_revoke(struct store *st, const struct user *u,
			      const struct revoke_req *req, struct revoke_result *out)
{
	struct buf ids = BUF_INIT, after = BUF_INIT;
	enum bl_err rc = BL_OK;

	memset(out, 0, sizeof(*out));
	if (req->sessions)
		rc = store_user_sessions_end(st, u->id, NULL, &out->sessions);
	if (!rc && (req->all_tokens || req->token_id > 0))
		rc = revoke_tokens(st, u, req->all_tokens ? 0 : req->token_id, &ids, &out->tokens);
	if (rc)
		goto out;
	buf_addf(&after, "{\"sessions\":%lld,\"tokens\":[%s]}", (long long)out->sessions, ids.s);
	rc = audit_append(st, "revoke", "user", u->username, NULL, after.s);
out:
	buf_release(&ids);
	buf_release(&after);
	return rc;
}
