/* res_users.c — one account, for administrators (issue #14): GET and PATCH
 * /api/v1/users/:name (disable or enable, role and unit, display name, a
 * password reset) and DELETE /api/v1/users/:name/sessions (end its sessions,
 * revoke its API tokens). A change that alters who the account is or what it
 * may do ends its sessions in the same transaction, so that the next request
 * of an open session is 401. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/json_out.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/parse.h"
#include "store/store_accounts.h"
#include "util/secret.h"

static int add_token(void *ctx, const struct api_token_info *t)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:o, s:b}", "id", (json_int_t)t->id,
		"created_at", t->created_at, "last_used_at",
		t->last_used_at ? json_string(t->last_used_at) : json_null(), "revoked", t->revoked));
	return 0;
}

/* The account as GET answers it: the fields of the list, the unit's code, the
 * live sessions and the API tokens (never a secret). NULL on a store error. */
static json_t *user_doc(struct http_req *rq, const struct dataset *units, const struct user *u)
{
	json_t *tokens = json_array();
	int64_t live;

	if (store_user_sessions_live(rq->st, u->id, (int64_t)time(NULL), &live) ||
	    store_user_tokens_each(rq->st, u->id, add_token, tokens)) {
		json_decref(tokens);
		return NULL;
	}
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:o, s:o, s:b, s:I, s:I, s:o}",
		"id", (json_int_t)u->id, "username", u->username, "role", role_keys[u->role],
		"role_label", role_labels[u->role], "unit_id", (json_int_t)u->unit_id,
		"unit", u->unit_id ? json_string(dataset_unit_code(units, u->unit_id, ""))
				   : json_null(),
		"display_name", u->display_name ? json_string(u->display_name) : json_null(),
		"disabled", u->disabled, "version", (json_int_t)u->version,
		"sessions", (json_int_t)live, "tokens", tokens);
}

static void no_such_user(struct http_resp *rs, const char *name)
{
	struct buf en = BUF_INIT, zh = BUF_INIT;

	buf_addf(&en, "no user is named %s", name);
	buf_addf(&zh, "没有名为 %s 的用户", name);
	resp_fail(rs, HE_NOT_FOUND, en.s, zh.s, "name");
	buf_release(&en);
	buf_release(&zh);
}

void h_users_get(struct http_req *rq, struct http_resp *rs)
{
	struct dataset units;
	struct user u;
	json_t *doc;

	if (store_user_by_name(rq->st, rq->captures[0], &u, NULL)) {
		no_such_user(rs, rq->captures[0]);
		return;
	}
	memset(&units, 0, sizeof(units));
	if (!load_units(rq, rs, &units)) {
		doc = user_doc(rq, &units, &u);
		if (doc)
			resp_json(rs, 200, doc);
		else
			resp_store_error(rs, rq->st, BL_EDB);
	}
	dataset_release(&units);
	user_release(&u);
}

/* user_doc for a 409's "current": never NULL. */
static json_t *current_doc(struct http_req *rq, const struct dataset *units,
			   const struct user *u)
{
	json_t *doc = user_doc(rq, units, u);

	return doc ? doc : json_object();
}

/* 1 when a and b (either may be NULL) are not the same text. */
static int texts_differ(const char *a, const char *b)
{
	if (!a || !b)
		return a != b;
	return strcmp(a, b) != 0;
}

/* What a PATCH asks, read and checked before the transaction. */
struct user_patch {
	json_t *disabled, *role, *unit, *display_name, *password; /* borrowed; NULL: absent */
	int new_role;        /* enum role when role is given */
	int64_t unit_id;     /* when unit is given: 0 for null */
	char hash[SECRET_HASH_MAX]; /* when password is given */
};

/* Read body into *p; -1 with a 400 set when a field is malformed. */
static int patch_read(struct http_req *rq, struct http_resp *rs, json_t *body,
		      const struct dataset *units, struct user_patch *p)
{
	const char *code, *pw;
	enum password_problem problem;
	size_t i;

	p->disabled = json_object_get(body, "disabled");
	p->role = json_object_get(body, "role");
	p->unit = json_object_get(body, "unit");
	p->display_name = json_object_get(body, "display_name");
	p->password = json_object_get(body, "password");
	if (!p->disabled && !p->role && !p->unit && !p->display_name && !p->password) {
		resp_fail(rs, HE_INVALID, "nothing to change: give disabled, role, unit, "
			  "display_name or password", "没有要修改的内容", NULL);
		return -1;
	}
	if (p->disabled && !json_is_boolean(p->disabled)) {
		resp_bad_request(rs, "disabled", "disabled is true or false");
		return -1;
	}
	if (p->role) {
		p->new_role = json_is_string(p->role) ? role_from_key(json_string_value(p->role))
						      : -1;
		if (p->new_role < 0) {
			resp_bad_request(rs, "role", "role is one of admin, coordinator, section, "
					 "department, leader, auditor");
			return -1;
		}
	}
	if (p->unit && !json_is_null(p->unit)) {
		code = json_string_value(p->unit);
		for (i = 0; code && i < units->n_units; i++)
			if (!strcmp(units->units[i].code, code))
				p->unit_id = units->units[i].id;
		if (!p->unit_id) {
			resp_fail(rs, HE_INVALID, "no unit has this code", "没有该代码的单位",
				  "unit");
			return -1;
		}
	}
	if (p->display_name && !json_is_null(p->display_name) &&
	    (!json_is_string(p->display_name) || json_string_length(p->display_name) > 200)) {
		resp_bad_request(rs, "display_name", "a name of at most 200 bytes, or null");
		return -1;
	}
	if (p->password) {
		pw = json_string_value(p->password);
		if (!pw) {
			resp_bad_request(rs, "password", "the new password, as a string");
			return -1;
		}
		problem = password_problem(pw, rq->captures[0]);
		if (problem) {
			resp_weak_password(rs, problem, "password");
			return -1;
		}
		if (secret_password_hash(pw, p->hash)) {
			resp_fail(rs, HE_INTERNAL, "cannot hash the password", NULL, NULL);
			return -1;
		}
	}
	return 0;
}

/* Apply p to u (read in the transaction). -1 with the error set when the
 * result is not a valid account: a section or department user without a
 * fitting unit. */
static int patch_apply(struct http_resp *rs, const struct dataset *units,
		       const struct user_patch *p, struct user *u)
{
	const struct unit *unit;

	if (p->disabled)
		u->disabled = json_is_true(p->disabled);
	if (p->role) {
		/* A new role keeps the unit when it fits; a role without one drops it. */
		if ((enum role)p->new_role != u->role && !p->unit && !role_needs_unit((enum role)p->new_role))
			u->unit_id = 0;
		u->role = (enum role)p->new_role;
	}
	if (p->unit)
		u->unit_id = p->unit_id;
	if (p->display_name)
		u->display_name = json_is_null(p->display_name) ? NULL
			: (char *)json_string_value(p->display_name);
	unit = u->unit_id ? dataset_unit(units, u->unit_id) : NULL;
	if (role_needs_unit(u->role) && !unit) {
		resp_fail(rs, HE_INVALID, "section and department users need a unit (its code)",
			  "板块和部门用户须指定所属单位", "unit");
		return -1;
	}
	if (unit && !role_unit_fits(u->role, unit->kind)) {
		resp_fail(rs, HE_INVALID, "a section user belongs to a section or street, a "
			  "department user to a department", "板块用户须属于板块或街道，部门用户须属于部门",
			  "unit");
		return -1;
	}
	return 0;
}

/* PATCH /users/:name {disabled, role, unit, display_name, password, version?}.
 * The version (If-Match or "version") is optional here: these are settings of
 * an account, not edits of its content; when given it is checked (409). */
void h_users_patch(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs), *doc;
	struct user_patch p;
	struct dataset units;
	struct user u, old;
	char *display = NULL;
	int64_t ended = 0;
	enum bl_err rc;
	int changed, ends;

	if (!body)
		return;
	memset(&p, 0, sizeof(p));
	memset(&u, 0, sizeof(u));
	memset(&old, 0, sizeof(old));
	memset(&units, 0, sizeof(units));
	if (load_units(rq, rs, &units))
		goto out;
	if (patch_read(rq, rs, body, &units, &p))
		goto out;
	if (http_begin(rq, rs))
		goto out;
	if (store_user_by_name(rq->st, rq->captures[0], &u, NULL)) {
		store_rollback(rq->st);
		no_such_user(rs, rq->captures[0]);
		goto out;
	}
	display = u.display_name;
	if ((req_header(rq, "If-Match") || json_object_get(body, "version")) &&
	    version_check(rq, rs, body, u.version, current_doc(rq, &units, &u))) {
		store_rollback(rq->st);
		goto out;
	}
	if (u.id == rq->actor.user_id && (p.disabled || p.role || p.unit || p.password)) {
		store_rollback(rq->st);
		resp_fail(rs, HE_FORBIDDEN, "you cannot disable, re-role or reset your own account: "
			  "change your password with POST /api/v1/session/password, and ask "
			  "another administrator for the rest",
			  "不能停用、改变角色或重置自己的账号；修改自己的密码请用“修改密码”，其余请另一位管理员操作",
			  NULL);
		goto out;
	}
	old = u;
	if (patch_apply(rs, &units, &p, &u)) {
		store_rollback(rq->st);
		goto out;
	}
	changed = u.disabled != old.disabled || u.role != old.role || u.unit_id != old.unit_id ||
		  texts_differ(u.display_name, display);
	ends = (u.disabled && !old.disabled) || u.role != old.role || u.unit_id != old.unit_id ||
	       p.password;
	rc = changed ? store_user_update(rq->st, &u, NULL) : BL_OK;
	if (!rc && p.password)
		rc = store_user_set_password(rq->st, &u, p.hash);
	if (!rc && ends)
		rc = store_user_sessions_end(rq->st, u.id, NULL, &ended);
	if (http_finish(rq, rs, rc))
		goto out;
	doc = user_doc(rq, &units, &u);
	if (!doc) {
		resp_store_error(rs, rq->st, BL_EDB);
		goto out;
	}
	json_object_set_new(doc, "sessions_ended", json_integer(ended));
	resp_json(rs, 200, doc);
out:
	/* u's strings: the username and, unless replaced by the body's, the
	 * display name it was read with. */
	u.display_name = display;
	user_release(&u);
	dataset_release(&units);
	json_decref(body);
}

/* DELETE /users/:name/sessions[?token=ID|?all=1]: end every session; or
 * revoke one API token (sessions untouched); or, with all, the sessions and
 * every token. Answers what was ended. */
void h_users_revoke(struct http_req *rq, struct http_resp *rs)
{
	const char *token = req_query(rq, "token"), *all = req_query(rq, "all");
	struct revoke_req req;
	struct revoke_result res;
	struct user u;
	enum bl_err rc;

	memset(&req, 0, sizeof(req));
	if (token) {
		req.token_id = parse_id(token);
		if (req.token_id < 0) {
			resp_bad_request(rs, "token", "token names an API token by its id");
			return;
		}
	}
	if (all) {
		if (!strcmp(all, "1") || !strcmp(all, "true") || !strcmp(all, "yes")) {
			req.all_tokens = 1;
		} else if (strcmp(all, "0") && strcmp(all, "false") && strcmp(all, "no")) {
			resp_bad_request(rs, "all", "all is 1 or 0");
			return;
		}
	}
	if (req.token_id && req.all_tokens) {
		resp_bad_request(rs, "token", "token or all, not both");
		return;
	}
	req.sessions = !req.token_id;
	if (http_begin(rq, rs))
		return;
	if (store_user_by_name(rq->st, rq->captures[0], &u, NULL)) {
		store_rollback(rq->st);
		no_such_user(rs, rq->captures[0]);
		return;
	}
	rc = store_user_revoke(rq->st, &u, &req, &res);
	if (rc == BL_ENOTFOUND) {
		store_rollback(rq->st);
		resp_fail(rs, HE_NOT_FOUND, store_errmsg(rq->st), "该用户没有这个 API 令牌", "token");
	} else if (!http_finish(rq, rs, rc)) {
		resp_json(rs, 200, json_pack("{s:s, s:I, s:I}", "username", u.username, "sessions",
					     (json_int_t)res.sessions, "tokens", (json_int_t)res.tokens));
	}
	user_release(&u);
}
