/* auth.c — sessions, CSRF, bearer tokens, the checking of logins (throttled
 * by throttle.c), and the /api/v1/session resource (log in, who am I, log out,
 * change my password). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/district.h"
#include "http/auth.h"
#include "http/routes.h"
#include "http/throttle.h"
#include "http/throttle_db.h"
#include "store/store_accounts.h"
#include "util/secret.h"
#include "util/xalloc.h"

/* 16,384 keys of 40 bytes: 640 KiB, room for the failures of a few hundred
 * spraying addresses within the throttle's window (docs/security.md). This
 * process's table is a first check only: the database's counts, which every
 * server on it shares, decide (throttle_db.h). */
#define THROTTLE_SLOTS 16384

/* Set once by auth_init before the server's threads start; read-only after. */
static struct throttle *login_throttle;
/* The hash a login of a missing or disabled account is checked against, so
 * that it takes as long as a real one and does not tell the account exists. */
static char dummy_hash[SECRET_HASH_MAX];

int auth_init(void)
{
	char pw[TOKEN_TEXT];

	secret_token(pw);
	if (secret_password_hash(pw, dummy_hash))
		return -1;
	login_throttle = throttle_new(THROTTLE_SLOTS);
	return 0;
}

void auth_release(void)
{
	throttle_free(login_throttle);
	login_throttle = NULL;
}

/* Milliseconds on a clock that never jumps, for the throttle. */
static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- identifying the caller ---- */

static void set_actor(struct http_req *rq, struct user *u)
{
	rq->username = u->username;
	u->username = NULL;
	rq->actor.user_id = u->id;
	rq->actor.username = rq->username;
	rq->actor.role = u->role;
	rq->actor.unit_id = u->unit_id;
	rq->authed = 1;
}

/* The session token from the Cookie header into out; 0 when found. */
static int session_cookie(const struct http_req *rq, char out[TOKEN_TEXT])
{
	const char *c = req_header(rq, "Cookie");
	const char *p;
	size_t n = strlen(SESSION_COOKIE);

	for (p = c; p && *p; ) {
		while (*p == ' ' || *p == ';')
			p++;
		if (!strncmp(p, SESSION_COOKIE, n) && p[n] == '=') {
			size_t len = strcspn(p + n + 1, ";");

			if (len + 1 > TOKEN_TEXT)
				return -1;
			memcpy(out, p + n + 1, len);
			out[len] = '\0';
			return 0;
		}
		p = strchr(p, ';');
	}
	return -1;
}

static void unauthenticated(struct http_resp *rs)
{
	resp_fail(rs, HE_UNAUTHENTICATED, "log in first (or send a bearer token)",
		   "请先登录", NULL);
}

int auth_identify(struct http_req *rq, int *via_token, struct http_resp *rs)
{
	const char *h = req_header(rq, "Authorization");
	char token[TOKEN_TEXT], hash[TOKEN_HASH_TEXT];
	struct user u;

	*via_token = 0;
	if (h && !strncmp(h, "Bearer ", 7)) {
		if (strlen(h + 7) + 1 > TOKEN_TEXT) {
			unauthenticated(rs);
			return -1;
		}
		secret_token_hash(h + 7, hash);
		if (store_token_get(rq->st, hash, &u)) {
			unauthenticated(rs);
			return -1;
		}
		*via_token = 1;
		set_actor(rq, &u);
		user_release(&u);
		return 0;
	}
	if (session_cookie(rq, token)) {
		unauthenticated(rs);
		return -1;
	}
	secret_token_hash(token, hash);
	if (store_session_get(rq->st, hash, (int64_t)time(NULL), &u, &rq->csrf)) {
		unauthenticated(rs);
		return -1;
	}
	rq->session_hash = xstrdup(hash);
	set_actor(rq, &u);
	user_release(&u);
	return 0;
}

int auth_check_csrf(struct http_req *rq, struct http_resp *rs)
{
	const char *h = req_header(rq, "X-CSRF-Token");

	if (h && rq->csrf && secret_equal(h, rq->csrf))
		return 0;
	resp_fail(rs, HE_CSRF, "a write needs the X-CSRF-Token of the session",
		   "缺少或错误的 CSRF 令牌，请刷新页面", NULL);
	return -1;
}

/* ---- /api/v1/session ---- */

/* What role r may do, from core/access.c's matrix: {"reports": ["read",
 * "write", "verify"], …}, resources it may do nothing with left out. The UI
 * offers what this says and keeps no matrix of its own. */
static json_t *may_json(enum role r)
{
	json_t *may = json_object();
	int res, act;

	for (res = 0; res < RES__MAX; res++) {
		json_t *acts = json_array();

		for (act = 0; act < ACT__MAX; act++)
			if (access_allows(r, (enum resource)res, (enum action)act))
				json_array_append_new(acts, json_string(action_keys[act]));
		if (json_array_size(acts))
			json_object_set_new(may, resource_keys[res], acts);
		else
			json_decref(acts);
	}
	return may;
}

/* Every role with whether it is bound to a unit, for the account forms. */
static json_t *roles_json(void)
{
	json_t *roles = json_array();
	int r;

	for (r = 0; r < ROLE__MAX; r++)
		json_array_append_new(roles, json_pack("{s:s, s:s, s:b}", "key", role_keys[r],
			"label", role_labels[r], "needs_unit", role_needs_unit((enum role)r)));
	return roles;
}

static json_t *user_json(struct http_req *rq, const char *csrf)
{
	struct dataset units;
	json_t *unit = json_null(), *district = json_null();
	size_t i;

	memset(&units, 0, sizeof(units));
	if (rq->actor.unit_id && !store_units(rq->st, &units.units, &units.n_units)) {
		dataset_index(&units);
		for (i = 0; i < units.n_units; i++)
			if (units.units[i].id == rq->actor.unit_id) {
				const struct unit *u = &units.units[i];

				json_decref(unit);
				unit = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)u->id,
						 "code", u->code, "name", u->name,
						 "kind", unit_kind_keys[u->kind]);
			}
		/* district1: the district the user is bound to (core/access.c
		 * access_district_pick), so the UI shows no district picker */
		if (district_of_unit(&units, rq->actor.unit_id))
			district = json_string(dataset_unit_code(&units,
				district_of_unit(&units, rq->actor.unit_id), ""));
	}
	dataset_release(&units);
	return json_pack("{s:{s:I, s:s, s:s, s:s, s:o, s:o, s:o}, s:o, s:s?}", "user", "id",
			 (json_int_t)rq->actor.user_id, "username", rq->actor.username, "role",
			 role_keys[rq->actor.role], "role_label", role_labels[rq->actor.role],
			 "unit", unit, "district", district, "may", may_json(rq->actor.role),
			 "roles", roles_json(), "csrf", csrf);
}

/* 429 with the wait in whole seconds, in the message and in Retry-After. */
static void too_many(struct http_resp *rs, int64_t wait_ms)
{
	long long secs = (wait_ms + 999) / 1000;
	char msg[128];

	snprintf(msg, sizeof(msg), "too many failed logins; try again in %lld seconds", secs);
	resp_fail(rs, HE_THROTTLED, msg, "登录失败次数过多，请稍后再试", NULL);
	snprintf(rs->header_text, sizeof(rs->header_text), "%lld", secs);
	if (rs->n_headers < HTTP_MAX_HEADERS) {
		rs->headers[rs->n_headers].name = "Retry-After";
		rs->headers[rs->n_headers].value = rs->header_text;
		rs->n_headers++;
	}
}

/* How long a login of account from the caller's address must wait into
 * *wait: this process's table first (no query while it refuses), then the
 * counts every server shares. -1 after answering a store failure. */
static int login_wait(struct http_req *rq, struct http_resp *rs, const char *account,
		      int64_t *wait)
{
	enum bl_err rc;

	*wait = throttle_wait(login_throttle, account, rq->client, now_ms());
	if (*wait)
		return 0;
	rc = throttle_db_wait(rq->st, account, rq->client, throttle_db_now(), wait);
	if (!rc)
		return 0;
	resp_store_error(rs, rq->st, rc);
	return -1;
}

/* A wrong password of account: counted in the database, then in this
 * process's table; *wait is the table's answer (throttle_fail: non-zero only
 * when it is full of waiting keys). -1 after answering a store failure
 * (nothing counted: 503 busy when another server counted the same key at
 * once, which the server runs again). */
static int login_failed(struct http_req *rq, struct http_resp *rs, const char *account,
			int64_t *wait)
{
	enum bl_err rc = throttle_db_fail(rq->st, account, rq->client, throttle_db_now());

	if (rc) {
		resp_store_error(rs, rq->st, rc);
		return -1;
	}
	*wait = throttle_fail(login_throttle, account, rq->client, now_ms());
	return 0;
}

/* A right password: the pair's failures forgotten in both. */
static int login_passed(struct http_req *rq, struct http_resp *rs, const char *account)
{
	enum bl_err rc = throttle_db_success(rq->st, account, rq->client);

	if (rc) {
		resp_store_error(rs, rq->st, rc);
		return -1;
	}
	throttle_success(login_throttle, account, rq->client);
	return 0;
}

/* Check the credentials of body; 0 and *u on success, else the error is set.
 * A missing or disabled account costs the same password check as a real one. */
static int check_login(struct http_req *rq, struct http_resp *rs, json_t *body, struct user *u)
{
	const char *name = json_string_value(json_object_get(body, "username"));
	const char *pw = json_string_value(json_object_get(body, "password"));
	char *hash = NULL;
	int64_t wait;
	int ok;

	if (!name || !pw || strlen(name) > 64 || strlen(pw) > 256) {
		resp_bad_request(rs, "username", "username and password are required");
		return -1;
	}
	if (login_wait(rq, rs, name, &wait))
		return -1;
	if (wait) {
		too_many(rs, wait);
		return -1;
	}
	if (!store_user_by_name(rq->st, name, u, &hash) && !u->disabled) {
		ok = secret_password_check(hash, pw);
	} else {
		secret_password_check(dummy_hash, pw);
		ok = 0;
	}
	free(hash);
	if (!ok) {
		user_release(u);
		if (login_failed(rq, rs, name, &wait))
			return -1;
		if (wait)
			too_many(rs, wait);
		else
			resp_fail(rs, HE_BAD_CREDENTIALS, "wrong username or password",
				   "用户名或密码错误", NULL);
		return -1;
	}
	if (login_passed(rq, rs, name)) {
		user_release(u);
		return -1;
	}
	return 0;
}

void h_session_login(struct http_req *rq, struct http_resp *rs)
{
	char token[TOKEN_TEXT], hash[TOKEN_HASH_TEXT], csrf[TOKEN_TEXT];
	struct buf cookie = BUF_INIT;
	json_t *body = req_json(rq, rs);
	struct user u;
	const char *proto;

	if (!body)
		return;
	if (check_login(rq, rs, body, &u))
		goto out;
	secret_token(token);
	secret_token(csrf);
	secret_token_hash(token, hash);
	if (store_begin(rq->st) ||
	    store_session_add(rq->st, u.id, hash, csrf, (int64_t)time(NULL) + SESSION_SECONDS) ||
	    store_commit(rq->st)) {
		store_rollback(rq->st);
		resp_store_error(rs, rq->st, BL_EDB);
		user_release(&u);
		goto out;
	}
	set_actor(rq, &u);
	user_release(&u);
	proto = req_header(rq, "X-Forwarded-Proto");
	buf_addf(&cookie, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", SESSION_COOKIE,
		 token, SESSION_SECONDS, proto && !strcmp(proto, "https") ? "; Secure" : "");
	rs->set_cookie = buf_detach(&cookie, NULL);
	resp_json(rs, 200, user_json(rq, csrf));
out:
	json_decref(body);
}

void h_session_get(struct http_req *rq, struct http_resp *rs)
{
	resp_json(rs, 200, user_json(rq, rq->csrf));
}

void h_session_logout(struct http_req *rq, struct http_resp *rs)
{
	if (rq->session_hash) {
		if (store_begin(rq->st) || store_session_delete(rq->st, rq->session_hash) ||
		    store_commit(rq->st)) {
			store_rollback(rq->st);
			resp_store_error(rs, rq->st, BL_EDB);
			return;
		}
	}
	rs->set_cookie = xstrdup(SESSION_COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	resp_json(rs, 200, json_pack("{s:b}", "ok", 1));
}

/* POST /session/password {old, new}: any logged-in user changes their own
 * password. The new one must pass the rule (400 invalid, field new) before the
 * old one is checked; a wrong old one is 400 invalid, field old — not 401,
 * which would end the page's session — and counts as a failed login for the
 * throttle (429 once it waits). The user's other sessions end; this one stays. */
void h_session_password(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs);
	const char *old_pw, *new_pw;
	char *stored = NULL, hash[SECRET_HASH_MAX];
	enum password_problem problem;
	struct user u;
	int64_t wait, ended = 0;
	enum bl_err rc;
	int ok;

	if (!body)
		return;
	memset(&u, 0, sizeof(u));
	old_pw = json_string_value(json_object_get(body, "old"));
	new_pw = json_string_value(json_object_get(body, "new"));
	if (!old_pw || strlen(old_pw) > PASSWORD_MAX) {
		resp_fail(rs, HE_INVALID, "old: the current password is required",
			  "请输入当前密码", "old");
		goto out;
	}
	if (!new_pw) {
		resp_fail(rs, HE_INVALID, "new: the new password is required", "请输入新密码",
			  "new");
		goto out;
	}
	problem = password_problem(new_pw, rq->actor.username);
	if (problem) {
		resp_weak_password(rs, problem, "new");
		goto out;
	}
	if (login_wait(rq, rs, rq->actor.username, &wait))
		goto out;
	if (wait) {
		too_many(rs, wait);
		goto out;
	}
	if (store_user_by_name(rq->st, rq->actor.username, &u, &stored)) {
		resp_store_error(rs, rq->st, BL_EDB);
		goto out;
	}
	ok = secret_password_check(stored, old_pw);
	free(stored);
	if (!ok) {
		if (login_failed(rq, rs, rq->actor.username, &wait))
			goto out;
		if (wait)
			too_many(rs, wait);
		else
			resp_fail(rs, HE_INVALID, "old: the current password is wrong",
				  "当前密码不正确", "old");
		goto out;
	}
	if (login_passed(rq, rs, rq->actor.username))
		goto out;
	if (secret_password_hash(new_pw, hash)) {
		resp_fail(rs, HE_INTERNAL, "cannot hash the password", NULL, NULL);
		goto out;
	}
	rc = store_begin(rq->st);
	if (!rc)
		rc = store_user_set_password(rq->st, &u, hash);
	if (!rc)
		rc = store_user_sessions_end(rq->st, u.id, rq->session_hash, &ended);
	if (http_finish(rq, rs, rc))
		goto out;
	resp_json(rs, 200, json_pack("{s:b, s:I}", "ok", 1, "sessions_ended", (json_int_t)ended));
out:
	user_release(&u);
	json_decref(body);
}

void h_healthz(struct http_req *rq, struct http_resp *rs)
{
	(void)rq;
	resp_json(rs, 200, json_pack("{s:s}", "status", "ok"));
}
