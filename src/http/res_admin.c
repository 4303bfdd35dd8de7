/* res_admin.c — /api/v1/units (everyone), /users (admins; one account is
 * res_users.c) and /audit (admins and auditors, filterable by entity and key). */
#include <stdlib.h>
#include <string.h>

#include "http/list_out.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/json_audit.h"
#include "store/store_accounts.h"
#include "util/secret.h"

void h_units_list(struct http_req *rq, struct http_resp *rs)
{
	struct dataset units;
	json_t *items = json_array();
	size_t i;

	if (load_units(rq, rs, &units)) {
		json_decref(items);
		return;
	}
	for (i = 0; i < units.n_units; i++) {
		const struct unit *u = &units.units[i];
		const struct unit *parent = u->parent_id ? dataset_unit(&units, u->parent_id) : NULL;

		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:o, s:I}", "code", u->code,
			"name", u->name, "kind", unit_kind_keys[u->kind], "kind_label",
			unit_kind_labels[u->kind], "parent",
			parent ? json_string(parent->code) : json_null(), "id", (json_int_t)u->id));
	}
	resp_json(rs, 200, json_pack("{s:o}", "items", items));
	dataset_release(&units);
}

static int add_user(void *ctx, const struct user *u)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:I, s:o, s:b, s:I}", "id",
		(json_int_t)u->id, "username", u->username, "role", role_keys[u->role], "unit_id",
		(json_int_t)u->unit_id, "display_name",
		u->display_name ? json_string(u->display_name) : json_null(), "disabled",
		u->disabled, "version", (json_int_t)u->version));
	return 0;
}

void h_users_list(struct http_req *rq, struct http_resp *rs)
{
	json_t *items = json_array();

	if (store_users_each(rq->st, add_user, items)) {
		json_decref(items);
		resp_store_error(rs, rq->st, BL_EDB);
		return;
	}
	resp_json(rs, 200, json_pack("{s:o}", "items", items));
}

/* 409 exists, naming the user name that is taken. */
static void user_exists(struct http_resp *rs, const char *name)
{
	struct buf en = BUF_INIT, zh = BUF_INIT;

	buf_addf(&en, "a user named %s exists already; choose another user name", name);
	buf_addf(&zh, "用户名 %s 已存在，请换一个用户名", name);
	resp_fail(rs, HE_EXISTS, en.s, zh.s, "username");
	buf_release(&en);
	buf_release(&zh);
}

/* POST /users {username, password, role, unit (code), display_name}: the
 * password passes the rule of core/password.h (400 invalid, field password);
 * a taken name is 409 exists (field username). */
void h_users_create(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs);
	const char *name, *pw, *role, *unit;
	char hash[SECRET_HASH_MAX];
	const struct unit *found = NULL;
	enum password_problem problem;
	struct dataset units;
	struct user u;
	enum bl_err rc;
	size_t i;
	int r;

	if (!body)
		return;
	memset(&u, 0, sizeof(u));
	memset(&units, 0, sizeof(units));
	name = json_string_value(json_object_get(body, "username"));
	pw = json_string_value(json_object_get(body, "password"));
	role = json_string_value(json_object_get(body, "role"));
	unit = json_string_value(json_object_get(body, "unit"));
	r = role ? role_from_key(role) : -1;
	if (!name || !*name || strlen(name) > 64 || strpbrk(name, " \t\r\n:/")) {
		resp_bad_request(rs, "username", "a user name of at most 64 characters, no spaces");
		goto out;
	}
	if (!pw) {
		resp_bad_request(rs, "password", "the initial password is required");
		goto out;
	}
	problem = password_problem(pw, name);
	if (problem) {
		resp_weak_password(rs, problem, "password");
		goto out;
	}
	if (r < 0 || (role_needs_unit((enum role)r) && !unit)) {
		resp_bad_request(rs, r < 0 ? "role" : "unit",
				 "a role (section and department users need a unit)");
		goto out;
	}
	if (unit) {
		if (load_units(rq, rs, &units))
			goto out;
		for (i = 0; i < units.n_units; i++)
			if (!strcmp(units.units[i].code, unit))
				found = &units.units[i];
		if (!found) {
			resp_bad_request(rs, "unit", "no unit has this code");
			goto out;
		}
		if (!role_unit_fits((enum role)r, found->kind)) {
			resp_fail(rs, HE_INVALID, "a section user belongs to a section or street, a "
				  "department user to a department",
				  "板块用户须属于板块或街道，部门用户须属于部门", "unit");
			goto out;
		}
		u.unit_id = found->id;
	}
	u.username = (char *)name;
	u.role = (enum role)r;
	u.display_name = (char *)json_string_value(json_object_get(body, "display_name"));
	if (secret_password_hash(pw, hash)) {
		resp_fail(rs, HE_INTERNAL, "cannot hash the password", "服务器内部错误", NULL);
		goto out;
	}
	rc = store_begin(rq->st);
	if (!rc)
		rc = store_user_add(rq->st, &u, hash);
	if (rc == BL_ECONFLICT) {
		/* The one unique key of users is the name (store_user_add). */
		store_rollback(rq->st);
		user_exists(rs, name);
	} else if (!http_finish(rq, rs, rc)) {
		resp_json(rs, 201, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)u.id, "username",
					     name, "role", role_keys[u.role]));
	}
out:
	dataset_release(&units);
	json_decref(body);
}

/* The most entries an audit spreadsheet holds (the newest). */
#define AUDIT_XLSX_MAX 200000

void h_audit_list(struct http_req *rq, struct http_resp *rs)
{
	static const struct list_param audit_params[] = {
		{ "entity", "对象" }, { "key", "编号" },
	};
	struct scope_query q;
	json_t *items;
	int64_t limit, offset;
	int xlsx;

	if (http_list_format(rq, rs, &xlsx) || http_scope_query(rq, rs, SP_PAGING, &q) ||
	    http_paging(rs, &q, 100, 1000, &limit, &offset))
		return;
	if (xlsx) {
		/* Every entry the filters select, newest first, up to what a
		 * sheet holds comfortably. */
		limit = AUDIT_XLSX_MAX;
		offset = 0;
	}
	items = json_array();
	if (store_audit_each(rq->st, req_query(rq, "entity"), req_query(rq, "key"), limit, offset,
			     json_audit_add, items)) {
		json_decref(items);
		resp_store_error(rs, rq->st, BL_EDB);
		return;
	}
	if (xlsx)
		http_answer_xlsx(rq, rs, LK_AUDIT, items, NULL, audit_params, 2);
	else
		resp_json(rs, 200, json_pack("{s:I, s:I, s:o}", "limit", (json_int_t)limit,
					     "offset", (json_int_t)offset, "items", items));
}
