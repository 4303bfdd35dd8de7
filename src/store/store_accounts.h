/* store_accounts.h — accounts, sessions and API tokens, the audit trail as read
 * back, the integrity check and online backup. Part of the storage interface
 * (store.h); tokens are stored only as hashes (util/secret.h). */
#ifndef BL_STORE_ACCOUNTS_H
#define BL_STORE_ACCOUNTS_H

#include "core/access.h"
#include "store/store.h"

struct user {
	int64_t id;
	char *username;
	enum role role;
	int64_t unit_id;     /* 0 when none */
	char *display_name;  /* may be NULL */
	int disabled;
	int64_t version;
};
void user_release(struct user *u);

/* Insert a user (u->id, u->version set); BL_ECONFLICT when the name is taken.
 * Audited without the hash. */
enum bl_err store_user_add(struct store *st, struct user *u, const char *password_hash);
/* Change role, unit, display name, disabled, and the password when
 * password_hash is not NULL; u->version must be the stored version
 * (BL_ECONFLICT otherwise). */
enum bl_err store_user_update(struct store *st, struct user *u, const char *password_hash);
/* The user by name or id into *out (release with user_release); the stored
 * password hash into *hash when hash is not NULL (caller frees).
 * BL_ENOTFOUND when none. */
enum bl_err store_user_by_name(struct store *st, const char *name, struct user *out,
			       char **hash);
enum bl_err store_user_by_id(struct store *st, int64_t id, struct user *out);
enum bl_err store_users_each(struct store *st,
			     int (*fn)(void *ctx, const struct user *u), void *ctx);

/* Sessions: stored by token hash, with the CSRF token and an expiry (unix
 * seconds). Not audited (they are not the district's data). */
enum bl_err store_session_add(struct store *st, int64_t user_id, const char *token_hash,
			      const char *csrf, int64_t expires);
/* The user of a live session, and its CSRF token (caller frees *csrf).
 * BL_ENOTFOUND when none or expired (now in unix seconds). */
enum bl_err store_session_get(struct store *st, const char *token_hash, int64_t now,
			      struct user *out, char **csrf);
enum bl_err store_session_delete(struct store *st, const char *token_hash);
/* API tokens (audited: who got a token, not the token). */
enum bl_err store_token_add(struct store *st, int64_t user_id, const char *token_hash);
enum bl_err store_token_get(struct store *st, const char *token_hash, struct user *out);

/* ---- account maintenance (issue #14; sqlite_account_admin.c) ---- */

/* Set u's password hash and advance its version (u->version is updated).
 * Audited as action "password" on entity user (key: the user name) with the
 * account's audit form before and after — the hash only as its fingerprint,
 * never itself; the actor tells a reset by an administrator from a change by
 * the user. Inside store_begin. */
enum bl_err store_user_set_password(struct store *st, struct user *u, const char *hash);
/* End the sessions of user_id but the one whose token hash is keep (NULL: all
 * of them); *ended (may be NULL) gets how many. Not audited on its own: the
 * change that ends them (disable, role, password, revoke) is. */
enum bl_err store_user_sessions_end(struct store *st, int64_t user_id, const char *keep,
				    int64_t *ended);
/* The number of live sessions of user_id (now in unix seconds) into *n. */
enum bl_err store_user_sessions_live(struct store *st, int64_t user_id, int64_t now,
				     int64_t *n);

/* One API token as listed: never its secret nor its hash. */
struct api_token_info {
	int64_t id;
	const char *created_at;   /* "2024-07-05T02:30:00Z" */
	const char *last_used_at; /* NULL: not recorded */
	int revoked;
};
/* The tokens of user_id, oldest first; fn's strings live for the call. A
 * non-zero return of fn stops the walk. */
enum bl_err store_user_tokens_each(struct store *st, int64_t user_id,
				   int (*fn)(void *ctx, const struct api_token_info *t),
				   void *ctx);

/* What store_user_revoke ends. */
struct revoke_req {
	int sessions;     /* end every session */
	int all_tokens;   /* revoke every token */
	int64_t token_id; /* revoke this token (> 0); BL_ENOTFOUND when it is not u's */
};
struct revoke_result {
	int64_t sessions; /* sessions ended */
	int64_t tokens;   /* tokens revoked (a revoked one again is not counted) */
};
/* End sessions and revoke tokens of u as req says, into *out. Audited as
 * action "revoke" on entity user (key: the user name) with what was ended
 * ({"sessions": n, "tokens": [ids]}). Inside store_begin. */
enum bl_err store_user_revoke(struct store *st, const struct user *u,
			      const struct revoke_req *req, struct revoke_result *out);

/* One audit entry as read back. */
struct audit_entry {
	int64_t id;
	const char *at, *actor, *action, *entity, *key, *before, *after;
};
/* Entries newest first, optionally only of entity (and key), paged: offset
 * entries skipped, at most limit handed to fn (which stops the walk by
 * returning non-zero). An import's entry (action "import", key the file's
 * name, after its counts and digests) is followed by one entry for each row
 * it inserted (the import's id, action "insert", the row's entity and key,
 * before NULL, after the row as the import wrote it); with entity or key,
 * only those that match.
 * The entry's texts are valid during the call. */
enum bl_err store_audit_each(struct store *st, const char *entity, const char *key,
			     int64_t limit, int64_t offset,
			     int (*fn)(void *ctx, const struct audit_entry *e), void *ctx);

/* The write generation: a number that changes whenever any data changes
 * (the last audit entry's id, since every write appends one), for caches.
 * -1 on error. */
int64_t store_generation(struct store *st);

/* What store_verify found. The caller sets problem and note (may be NULL)
 * and ctx; the rest is filled. */
struct verify_report {
	void (*problem)(void *ctx, const char *sentence); /* each problem found */
	void (*note)(void *ctx, const char *sentence);    /* what was not checked */
	void *ctx;
	int64_t problems;       /* 0: sound */
	int64_t entries;        /* audit entries chained */
	int64_t head_id;        /* the trail's last entry; 0 when it is empty */
	char head_hash[65];     /* its hash */
	int64_t rows;           /* rows compared with the trail */
	int64_t anchors;        /* anchors checked */
	int64_t anchored_id;    /* the last anchor's entry; -1 without an anchor log */
};

/* Check everything that can be checked (DOMAIN.md §9, docs/security.md
 * "Tamper evidence"), one state of the file:
 *  - the file (SQLite's integrity check and foreign keys);
 *  - the audit chain, entry by entry (the first broken entry is named);
 *  - the anchor log at anchor_path (NULL: store_anchor_path()): every head it
 *    records must be in the chain with that hash — so deleting the last
 *    entries, dropping the trail or rewriting it with recomputed hashes
 *    shows — and, for the store's own log, the chain must not go beyond its
 *    last line (a copy kept elsewhere may be older: later entries are a note);
 *  - every row of every table ballast keeps against the audit trail's last
 *    value of its (entity, key), naming the table, the key and each field
 *    that differs, rows with no entry and audited rows that are missing.
 * Each problem goes to r->problem as one sentence. BL_OK when the check ran
 * (sound when r->problems is 0); otherwise the failure in store_errmsg(). */
enum bl_err store_verify(struct store *st, const char *anchor_path, struct verify_report *r);

/* The audit trail's last entry: *id (0 when the trail is empty) and its hash
 * (64 hex digits; the genesis hash of zeros for an empty trail). */
enum bl_err store_audit_head(struct store *st, int64_t *id, char hash[65]);

/* The anchor log this store appends the audit chain's head to after every
 * commit that wrote audit entries: the database's path + ".anchor"; NULL for
 * a database that is not a file. */
const char *store_anchor_path(const struct store *st);
/* A consistent copy of the database at path (online backup; the source may be
 * in use). The copy is written to path.tmp and renamed into place; its anchor
 * log (path.anchor) holds the source's anchors up to the copy's last audit
 * entry, and that entry. */
enum bl_err store_backup(struct store *st, const char *path);

#endif
