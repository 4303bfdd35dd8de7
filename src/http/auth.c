/* auth.c — sessions, CSRF, bearer tokens and login throttling, and the
 * /api/v1/session resource (log in, who am I, log out). */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http/auth.h"
#include "http/routes.h"
#include "store/store_accounts.h"
#include "util/secret.h"
#include "util/xalloc.h"

#define THROTTLE_SLOTS 1024
#define THROTTLE_WINDOW 900     /* seconds */
#define THROTTLE_USER_MAX 5     /* failed logins per account per window */
#define THROTTLE_ADDR_MAX 20    /* failed logins per address per window */

/* Failed logins per key ("u:NAME" / "a:ADDR") in a fixed window. Process
 * state: a restart forgets it, which only ever lets a user in sooner. */
struct throttle_slot {
	char key[96];
	int failures;
	time_t since;
};
static struct throttle_slot throttle[THROTTLE_SLOTS];
static pthread_mutex_t throttle_lock = PTHREAD_MUTEX_INITIALIZER;

static struct throttle_slot *throttle_slot(const char *key, time_t now)
{
	struct throttle_slot *oldest = &throttle[0];
	size_t i;

	for (i = 0; i < THROTTLE_SLOTS; i++) {
		if (!strcmp(throttle[i].key, key)) {
			if (now - throttle[i].since >= THROTTLE_WINDOW) {
				throttle[i].failures = 0;
				throttle[i].since = now;
			}
			return &throttle[i];
		}
		if (throttle[i].since < oldest->since)
			oldest = &throttle[i];
	}
	snprintf(oldest->key, sizeof(oldest->key), "%s", key);
	oldest->failures = 0;
	oldest->since = now;
	return oldest;
}

/* Seconds to wait when key is over max, else 0; with fail, count a failure. */
static long throttle_check(const char *prefix, const char *who, int max, int fail)
{
	char key[96];
	time_t now = time(NULL);
	struct throttle_slot *s;
	long wait = 0;

	snprintf(key, sizeof(key), "%s%s", prefix, who);
	pthread_mutex_lock(&throttle_lock);
	s = throttle_slot(key, now);
	if (fail)
		s->failures++;
	if (s->failures >= max)
		wait = (long)(THROTTLE_WINDOW - (now - s->since));
	pthread_mutex_unlock(&throttle_lock);
	return wait > 0 ? wait : 0;
}

static void throttle_clear(const char *prefix, const char *who)
{
	char key[96];
	size_t i;

	snprintf(key, sizeof(key), "%s%s", prefix, who);
	pthread_mutex_lock(&throttle_lock);
	for (i = 0; i < THROTTLE_SLOTS; i++)
		if (!strcmp(throttle[i].key, key))
			throttle[i].failures = 0;
	pthread_mutex_unlock(&throttle_lock);
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
	resp_error(rs, 401, "unauthenticated", "log in first (or send a bearer token)",
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
	resp_error(rs, 403, "csrf", "a write needs the X-CSRF-Token of the session",
		   "缺少或错误的 CSRF 令牌，请刷新页面", NULL);
	return -1;
}

/* ---- /api/v1/session ---- */

static json_t *user_json(struct http_req *rq, const char *csrf)
{
	struct unit *units = NULL;
	json_t *unit = json_null();
	size_t n = 0, i;

	if (rq->actor.unit_id && !store_units(rq->st, &units, &n)) {
		for (i = 0; i < n; i++)
			if (units[i].id == rq->actor.unit_id) {
				json_decref(unit);
				unit = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)units[i].id,
						 "code", units[i].code, "name", units[i].name,
						 "kind", unit_kind_keys[units[i].kind]);
			}
		units_free(units, n);
	}
	return json_pack("{s:{s:I, s:s, s:s, s:s, s:o}, s:s?}", "user", "id",
			 (json_int_t)rq->actor.user_id, "username", rq->actor.username, "role",
			 role_keys[rq->actor.role], "role_label", role_labels[rq->actor.role],
			 "unit", unit, "csrf", csrf);
}

static void too_many(struct http_resp *rs, long wait)
{
	char msg[128];

	snprintf(msg, sizeof(msg), "too many failed logins; try again in %ld seconds", wait);
	resp_error(rs, 429, "throttled", msg, "登录失败次数过多，请稍后再试", NULL);
}

/* Check the credentials of body; 0 and *u on success, else the error is set. */
static int check_login(struct http_req *rq, struct http_resp *rs, json_t *body, struct user *u)
{
	const char *name = json_string_value(json_object_get(body, "username"));
	const char *pw = json_string_value(json_object_get(body, "password"));
	char *hash = NULL;
	long wait;
	int ok;

	if (!name || !pw || strlen(name) > 64 || strlen(pw) > 256) {
		resp_bad_request(rs, "username", "username and password are required");
		return -1;
	}
	wait = throttle_check("a:", rq->client, THROTTLE_ADDR_MAX, 0);
	if (!wait)
		wait = throttle_check("u:", name, THROTTLE_USER_MAX, 0);
	if (wait) {
		too_many(rs, wait);
		return -1;
	}
	ok = !store_user_by_name(rq->st, name, u, &hash) && !u->disabled &&
	     secret_password_check(hash, pw);
	free(hash);
	if (!ok) {
		user_release(u);
		throttle_check("a:", rq->client, THROTTLE_ADDR_MAX, 1);
		throttle_check("u:", name, THROTTLE_USER_MAX, 1);
		resp_error(rs, 401, "bad_credentials", "wrong username or password",
			   "用户名或密码错误", NULL);
		return -1;
	}
	throttle_clear("u:", name);
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

void h_healthz(struct http_req *rq, struct http_resp *rs)
{
	(void)rq;
	resp_json(rs, 200, json_pack("{s:s}", "status", "ok"));
}
