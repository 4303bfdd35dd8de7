/* res_lists.c — named project lists (tags, core/leaders.h) over HTTP:
 * GET /lists, GET /lists/:id, and the office's POST /lists, PUT /lists/:id
 * (versioned) and DELETE /lists/:id. A list filters every project list,
 * the measures and the warnings by its name (?list=NAME, io/scope_params.c). */
#include <stdlib.h>
#include <string.h>

#include "http/json_out.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/parse.h"
#include "store/store_items.h"
#include "store/store_leaders.h"
#include "util/xalloc.h"

/* The most projects a list holds. */
#define LIST_PROJECTS_MAX 100000

static int add_list(void *ctx, int64_t id, const char *name, int64_t version, int64_t members)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:I, s:I}", "id", (json_int_t)id, "name",
					     name, "version", (json_int_t)version, "projects",
					     (json_int_t)members));
	return 0;
}

/* GET /lists: every list by name with its project count. */
void h_lists_list(struct http_req *rq, struct http_resp *rs)
{
	json_t *items = json_array();

	if (store_lists_each(rq->st, add_list, items)) {
		json_decref(items);
		resp_store_error(rs, rq->st, BL_EDB);
		return;
	}
	resp_json(rs, 200, json_pack("{s:I, s:I, s:I, s:o}", "total",
				     (json_int_t)json_array_size(items), "limit",
				     (json_int_t)json_array_size(items), "offset", (json_int_t)0,
				     "items", items));
}

static json_t *list_json(struct http_req *rq, const struct project_list *l)
{
	json_t *projects = json_array();
	struct project p;
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (store_item_project(rq->st, l->project_ids[i], &p))
			continue;
		json_array_append_new(projects, json_pack("{s:s, s:s}", "ref", p.ref, "name",
							  p.name ? p.name : ""));
		project_release(&p);
	}
	return json_pack("{s:I, s:s, s:I, s:I, s:o}", "id", (json_int_t)l->id, "name", l->name,
			 "version", (json_int_t)l->version, "total", (json_int_t)l->n, "projects",
			 projects);
}

/* The list of the path's id into *l; a 404 and -1 when none. */
static int list_of_path(struct http_req *rq, struct http_resp *rs, struct project_list *l)
{
	int64_t id;
	enum bl_err rc;

	project_list_init(l);
	if (parse_int(rq->captures[0], &id) || id <= 0) {
		resp_not_found(rs, rq->captures[0]);
		return -1;
	}
	rc = store_list_by_id(rq->st, id, l);
	if (rc) {
		project_list_release(l);
		if (rc == BL_ENOTFOUND)
			resp_not_found(rs, rq->captures[0]);
		else
			resp_store_error(rs, rq->st, rc);
		return -1;
	}
	return 0;
}

/* GET /lists/:id: the list with its projects (ref, name). */
void h_lists_get(struct http_req *rq, struct http_resp *rs)
{
	struct project_list l;

	if (list_of_path(rq, rs, &l))
		return;
	resp_json(rs, 200, list_json(rq, &l));
	project_list_release(&l);
}

/* The body's name (when given or required) and projects (refs) into l. */
static int list_from_json(struct http_req *rq, struct http_resp *rs, json_t *body,
			  int need_name, struct project_list *l)
{
	json_t *name = json_object_get(body, "name"), *refs = json_object_get(body, "projects"), *v;
	const char *why, *zh;
	size_t i;

	if (name || need_name) {
		why = project_list_name_check(json_string_value(name), &zh);
		if (why) {
			resp_fail(rs, HE_INVALID, why, zh, "name");
			return -1;
		}
		free(l->name);
		l->name = xstrdup(json_string_value(name));
	}
	if (!json_is_array(refs) || json_array_size(refs) > LIST_PROJECTS_MAX) {
		resp_fail(rs, HE_INVALID, "projects: a list of project refs",
			  "projects：应为项目编号的列表", "projects");
		return -1;
	}
	free(l->project_ids);
	l->project_ids = xcalloc(json_array_size(refs) + 1, sizeof(*l->project_ids));
	l->n = 0;
	json_array_foreach(refs, i, v) {
		if (!json_is_string(v) ||
		    store_project_id(rq->st, json_string_value(v), &l->project_ids[l->n])) {
			resp_fail(rs, HE_INVALID, "projects: no project has this ref",
				  "projects：没有此编号的项目", "projects");
			return -1;
		}
		l->n++;
	}
	project_list_normalise(l);
	return 0;
}

/* POST /lists {name, projects: [ref…]} */
void h_lists_create(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs);
	struct project_list l;
	enum bl_err rc;

	project_list_init(&l);
	if (!body || list_from_json(rq, rs, body, 1, &l))
		goto out;
	rc = store_begin(rq->st);
	if (!rc)
		rc = store_list_put(rq->st, &l);
	if (rc == BL_ECONFLICT) {
		store_rollback(rq->st);
		resp_fail(rs, HE_EXISTS, "a list has this name already", "已有同名项目清单", "name");
		goto out;
	}
	if (!http_finish(rq, rs, rc))
		resp_json(rs, 201, list_json(rq, &l));
out:
	project_list_release(&l);
	json_decref(body);
}

/* The version an edit names (If-Match or "version"); a 428 and -1 without. */
static int edit_version(struct http_req *rq, struct http_resp *rs, json_t *body,
			int64_t *version)
{
	const char *h = req_header(rq, "If-Match");
	json_t *v = json_object_get(body, "version");

	*version = h ? strtoll(h + (*h == '"'), NULL, 10) : json_is_integer(v)
		   ? (int64_t)json_integer_value(v) : -1;
	if (*version > 0)
		return 0;
	resp_fail(rs, HE_VERSION_REQUIRED, NULL, NULL, "version");
	return -1;
}

/* Finish an edit of a list: 409 stale or exists, else the store's answer. */
static int list_edit_done(struct http_req *rq, struct http_resp *rs, enum bl_err rc,
			  int renamed)
{
	if (rc != BL_ECONFLICT)
		return http_finish(rq, rs, rc);
	store_rollback(rq->st);
	if (renamed && strncmp(store_errmsg(rq->st), "stale", 5))
		resp_fail(rs, HE_EXISTS, "a list has this name already", "已有同名项目清单", "name");
	else
		resp_fail(rs, HE_STALE, "stale: the list changed since you read it",
			  "项目清单已被他人修改，请刷新后重试", "version");
	return -1;
}

/* PUT /lists/:id {name?, projects, version}: rename and set the projects. */
void h_lists_put(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs);
	struct project_list l;
	enum bl_err rc;

	project_list_init(&l);
	if (!body || list_of_path(rq, rs, &l))
		goto out;
	if (list_from_json(rq, rs, body, 0, &l) || edit_version(rq, rs, body, &l.version))
		goto out;
	rc = store_begin(rq->st);
	if (!rc)
		rc = store_list_put(rq->st, &l);
	if (!list_edit_done(rq, rs, rc, json_object_get(body, "name") != NULL))
		resp_json(rs, 200, list_json(rq, &l));
out:
	project_list_release(&l);
	json_decref(body);
}

/* DELETE /lists/:id (If-Match or ?version=) */
void h_lists_delete(struct http_req *rq, struct http_resp *rs)
{
	const char *qv = req_query(rq, "version");
	struct project_list l;
	int64_t version = -1;
	enum bl_err rc;

	if (list_of_path(rq, rs, &l))
		return;
	if (req_header(rq, "If-Match") || !qv) {
		if (edit_version(rq, rs, NULL, &version))
			goto out;
	} else if (parse_int(qv, &version) || version <= 0) {
		resp_fail(rs, HE_INVALID, "version: a whole number", "version：应为整数", "version");
		goto out;
	}
	rc = store_begin(rq->st);
	if (!rc)
		rc = store_list_delete(rq->st, l.id, version);
	if (!list_edit_done(rq, rs, rc, 0))
		resp_json(rs, 200, json_pack("{s:I, s:s}", "id", (json_int_t)l.id, "name", l.name));
out:
	project_list_release(&l);
}
