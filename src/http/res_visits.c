/* res_visits.c — /api/v1/visits, /api/v1/teams/:ref and /api/v1/schedule
 * (issue #13 items 4, 5): site visits (走访, 现场督办) with their findings, a
 * project's commando team (党员突击队), and the bimonthly on-site supervision
 * schedule (双月现场督办). Rows as their projects (core/access.c): a section
 * user records visits and keeps teams on its own projects, the office on
 * all; the others read. Items raised from a visit are POST /items with
 * "from_visit": {"id"} (res_items.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/items.h"
#include "http/json_out.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/json_visits.h"
#include "io/parse.h"
#include "store/store_accounts.h"
#include "store/store_items.h"
#include "store/store_visits.h"
#include "util/xalloc.h"

#define LIST_LIMIT 100
#define LIST_MAX 1000

/* A project by its ref, as the caller may see it: *p (release with
 * project_release) and units (indexed). -1 after a 404 or a 500. */
static int project_seen(struct http_req *rq, struct http_resp *rs, const char *ref,
			struct project *p, struct dataset *units)
{
	enum bl_err rc;

	project_init(p);
	memset(units, 0, sizeof(*units));
	rc = store_project_by_ref(rq->st, ref, p);
	if (rc == BL_ENOTFOUND) {
		resp_not_found(rs, ref);
		return -1;
	}
	if (!rc)
		rc = store_units(rq->st, &units->units, &units->n_units);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		return -1;
	}
	dataset_index(units);
	if (!access_project_visible(&rq->actor, units, p)) {
		resp_not_found(rs, ref);
		return -1;
	}
	return 0;
}

/* ---- GET /visits ---- */

struct list_ctx {
	struct http_req *rq;
	const struct dataset *units;
	int64_t project_id;      /* 0: any */
	int64_t section_id;      /* 0: any */
	json_t *rows;
	enum bl_err rc;
};

static int add_visit(void *ctx, const struct visit *v)
{
	struct list_ctx *c = ctx;
	struct project p;

	if (c->project_id && v->project_id != c->project_id)
		return 0;
	c->rc = store_item_project(c->rq->st, v->project_id, &p);
	if (c->rc)
		return 1;
	if (access_project_visible(&c->rq->actor, c->units, &p) &&
	    (!c->section_id || dataset_in_subtree(c->units, p.section_id, c->section_id)))
		json_array_append_new(c->rows, visit_json(v, &p));
	project_release(&p);
	return 0;
}

/* GET /visits?ref=&section=&limit=&offset=: the visits the caller may see,
 * the latest first. */
void h_visits_list(struct http_req *rq, struct http_resp *rs)
{
	struct list_ctx c = { rq, NULL, 0, 0, NULL, BL_OK };
	struct scope_query q;
	struct dataset units;
	struct project p;
	int64_t limit, offset;
	size_t i, n;
	json_t *page;

	memset(&units, 0, sizeof(units));
	if (http_scope_query(rq, rs, SP_BIT(SP_REF) | SP_BIT(SP_SECTION) | SP_PAGING, &q) ||
	    http_paging(rs, &q, LIST_LIMIT, LIST_MAX, &limit, &offset))
		return;
	if (q.ref) {
		if (project_seen(rq, rs, q.ref, &p, &units))
			goto out;
		c.project_id = p.id;
		project_release(&p);
	} else if (load_units(rq, rs, &units)) {
		return;
	}
	if (http_scope_resolve(rs, &units, &q))
		goto out;
	c.units = &units;
	c.section_id = q.sc.section_id;
	c.rows = json_array();
	if (store_visits_each(rq->st, c.project_id, add_visit, &c) || c.rc) {
		json_decref(c.rows);
		resp_store_error(rs, rq->st, BL_EDB);
		goto out;
	}
	n = json_array_size(c.rows);
	page = json_array();
	for (i = 0; i < n; i++) /* the latest first */
		if (i >= (size_t)offset && i < (size_t)(offset + limit))
			json_array_append(page, json_array_get(c.rows, n - 1 - i));
	json_decref(c.rows);
	resp_json(rs, 200, json_pack("{s:I, s:I, s:I, s:o}", "total", (json_int_t)n, "limit",
				     (json_int_t)limit, "offset", (json_int_t)offset, "items", page));
out:
	dataset_release(&units);
}

/* ---- POST /visits ---- */

/* A text member of body into *out (absent or null: untouched); -1 after a
 * 400. */
static int text_member(struct http_resp *rs, json_t *body, const char *key, char **out)
{
	json_t *v = json_object_get(body, key);

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		resp_fail(rs, HE_INVALID, "not a text", "须为文字", key);
		return -1;
	}
	free(*out);
	*out = *json_string_value(v) ? xstrdup(json_string_value(v)) : NULL;
	return 0;
}

/* The visit's fields from body; -1 after a 400. */
static int visit_from_json(struct http_resp *rs, json_t *body, struct visit *v)
{
	json_t *kind = json_object_get(body, "kind"), *on = json_object_get(body, "on");
	const char *why, *field;
	char msg[200];

	v->on = scope_today();
	if (on && !json_is_null(on) &&
	    (!json_is_string(on) || parse_day(json_string_value(on), &v->on))) {
		resp_fail(rs, HE_INVALID, "a date such as 2024-06-30", "须为日期，如 2024-06-30",
			  "on");
		return -1;
	}
	if (kind && !json_is_null(kind)) {
		int k = json_is_string(kind) ? visit_kind_from_text(json_string_value(kind)) : -1;

		if (k < 0) {
			resp_fail(rs, HE_INVALID, "one of commando, supervision, other",
				  "走访类型应为突击队走访、双月现场督办或其他走访", "kind");
			return -1;
		}
		v->kind = (enum visit_kind)k;
	}
	if (text_member(rs, body, "who", &v->who) ||
	    text_member(rs, body, "findings", &v->findings))
		return -1;
	why = visit_check(v, scope_today(), &field);
	if (why) {
		snprintf(msg, sizeof(msg), "%s: %s", field, why);
		resp_fail(rs, HE_INVALID, msg, "走访记录不完整或不符合要求（日期不晚于今天，走访人员必填）",
			  field);
		return -1;
	}
	return 0;
}

/* POST /visits {ref, on, kind, who, findings}: 201 with the visit. */
void h_visits_create(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs), *ref;
	struct dataset units;
	struct project p;
	struct visit v;
	enum bl_err rc;

	visit_init(&v);
	project_init(&p);
	memset(&units, 0, sizeof(units));
	if (!body)
		return;
	ref = json_object_get(body, "ref");
	if (!json_is_string(ref) || !*json_string_value(ref)) {
		resp_fail(rs, HE_INVALID, "ref: the project's ref is needed", "须给出项目编号", "ref");
		goto out;
	}
	if (visit_from_json(rs, body, &v))
		goto out;
	rc = store_begin(rq->st);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	if (project_seen(rq, rs, json_string_value(ref), &p, &units))
		goto out;
	v.project_id = p.id;
	rc = store_visit_insert(rq->st, &v);
	if (http_finish(rq, rs, rc))
		goto out;
	resp_json(rs, 201, visit_json(&v, &p));
out:
	store_rollback(rq->st); /* nothing to undo after http_finish */
	visit_release(&v);
	project_release(&p);
	dataset_release(&units);
	json_decref(body);
}

/* ---- GET /visits/:id ---- */

struct raised_ctx {
	const char *source_ref;  /* "visit:ID" */
	const char *day;         /* the visit's day */
	int64_t project_id;
	json_t *items;
};

/* An item raised from this visit: named by its id ("visit:ID"), or raised
 * from a site visit of the same project on the visit's day (an item raised
 * with "from_visit": {"on"} before the visit was recorded, the demo's). */
static int add_raised(void *ctx, const struct item *it)
{
	struct raised_ctx *c = ctx;
	char day[11];

	if (it->source == ISRC_VISIT && it->source_ref &&
	    (!strcmp(it->source_ref, c->source_ref) ||
	     (it->project_id == c->project_id && !strcmp(it->source_ref, c->day))))
		json_array_append_new(c->items, json_pack("{s:I, s:s?, s:s, s:s, s:i, s:s}",
			"id", (json_int_t)it->id, "title", it->title, "status",
			item_status_keys[it->status], "status_label", item_status_labels[it->status],
			"level", it->level, "deadline", day_format(it->deadline, day)));
	return 0;
}

/* GET /visits/:id: the visit and the items raised from it. */
void h_visits_get(struct http_req *rq, struct http_resp *rs)
{
	struct raised_ctx c = { NULL, NULL, 0, NULL };
	char on[11];
	struct dataset units;
	struct project p;
	struct visit v;
	char key[32];
	int64_t id;
	json_t *doc;
	enum bl_err rc;

	visit_init(&v);
	project_init(&p);
	memset(&units, 0, sizeof(units));
	if (parse_int(rq->captures[0], &id) || id <= 0 || store_visit_get(rq->st, id, &v)) {
		resp_not_found(rs, rq->captures[0]);
		goto out;
	}
	rc = store_item_project(rq->st, v.project_id, &p);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	if (load_units(rq, rs, &units))
		goto out;
	if (!access_project_visible(&rq->actor, &units, &p)) {
		resp_not_found(rs, rq->captures[0]);
		goto out;
	}
	snprintf(key, sizeof(key), "visit:%lld", (long long)v.id);
	c.source_ref = key;
	c.day = day_format(v.on, on);
	c.project_id = v.project_id;
	c.items = json_array();
	if (store_items_each(rq->st, add_raised, &c)) {
		json_decref(c.items);
		resp_store_error(rs, rq->st, BL_EDB);
		goto out;
	}
	doc = visit_json(&v, &p);
	json_object_set_new(doc, "items", c.items);
	resp_json(rs, 200, doc);
out:
	visit_release(&v);
	project_release(&p);
	dataset_release(&units);
}

/* ---- GET and PUT /teams/:ref ---- */

static int is_account(void *ctx, const char *name)
{
	struct user u;
	int found = !store_user_by_name(ctx, name, &u, NULL);

	if (found)
		user_release(&u);
	return found;
}

static json_t *team_doc(struct http_req *rq, const struct project *p, const struct team *t)
{
	return json_pack("{s:s?, s:s?, s:o}", "ref", p->ref, "project_name", p->name, "team",
			 team_json(t, is_account, rq->st));
}

/* GET /teams/:ref: {"ref", "project_name", "team": {…} or null}. */
void h_teams_get(struct http_req *rq, struct http_resp *rs)
{
	struct dataset units;
	struct project p;
	struct team t;
	enum bl_err rc;

	team_init(&t);
	if (!project_seen(rq, rs, rq->captures[0], &p, &units)) {
		rc = store_team_get(rq->st, p.id, &t);
		if (rc && rc != BL_ENOTFOUND)
			resp_store_error(rs, rq->st, rc);
		else
			resp_json(rs, 200, team_doc(rq, &p, rc ? NULL : &t));
	}
	team_release(&t);
	project_release(&p);
	dataset_release(&units);
}

/* The members: an array of names, or a text with one a line; -1 after a
 * 400. */
static int members_from_json(struct http_resp *rs, json_t *v, struct team *t)
{
	struct buf b;
	size_t i;
	json_t *m;

	if (!v || json_is_null(v))
		return 0;
	if (json_is_string(v)) {
		t->members = *json_string_value(v) ? xstrdup(json_string_value(v)) : NULL;
		return 0;
	}
	if (!json_is_array(v))
		goto bad;
	buf_init(&b, 0);
	json_array_foreach(v, i, m) {
		if (!json_is_string(m) || strchr(json_string_value(m), '\n')) {
			buf_release(&b);
			goto bad;
		}
		if (b.len)
			buf_addch(&b, '\n');
		buf_adds(&b, json_string_value(m));
	}
	t->members = b.len ? xstrdup(b.s) : NULL;
	buf_release(&b);
	return 0;
bad:
	resp_fail(rs, HE_INVALID, "members: an array of names (an account's username or a "
		  "free name)", "队员应为姓名列表（账号用户名或姓名）", "members");
	return -1;
}

/* PUT /teams/:ref {name, members, version}: the team made or changed (a
 * change names the version it changes, in If-Match or "version": 409 stale
 * with the current team, 428 without; a new team needs none). 200 with the
 * team. */
void h_teams_put(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs);
	struct dataset units;
	struct project p;
	struct team t, old;
	const char *why, *field;
	char msg[200];
	enum bl_err rc;

	team_init(&t);
	team_init(&old);
	project_init(&p);
	memset(&units, 0, sizeof(units));
	if (!body)
		return;
	if (text_member(rs, body, "name", &t.name) ||
	    members_from_json(rs, json_object_get(body, "members"), &t))
		goto out;
	why = team_check(&t, &field);
	if (why) {
		snprintf(msg, sizeof(msg), "%s: %s", field, why);
		resp_fail(rs, HE_INVALID, msg, "突击队名称必填（不超过100字），队员每行一人", field);
		goto out;
	}
	rc = store_begin(rq->st);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	if (project_seen(rq, rs, rq->captures[0], &p, &units))
		goto out;
	t.project_id = p.id;
	rc = store_team_get(rq->st, p.id, &old);
	if (rc && rc != BL_ENOTFOUND) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	/* A change names the version it changes; a new team none. */
	if (!rc && version_check(rq, rs, body, old.version, team_doc(rq, &p, &old)))
		goto out;
	t.version = rc ? 0 : old.version;
	rc = store_team_put(rq->st, &t);
	if (http_finish(rq, rs, rc))
		goto out;
	resp_json(rs, 200, team_doc(rq, &p, &t));
out:
	store_rollback(rq->st);
	team_release(&old);
	team_release(&t);
	project_release(&p);
	dataset_release(&units);
	json_decref(body);
}

/* ---- GET /schedule ---- */

struct keep_ctx {
	const struct actor *a;
	const struct dataset *ds;
	int64_t section_id;
};

static int keep_seen(void *ctx, size_t i)
{
	struct keep_ctx *k = ctx;
	const struct project *p = &k->ds->projects[i];

	return access_project_visible(k->a, k->ds, p) &&
	       (!k->section_id || dataset_in_subtree(k->ds, p->section_id, k->section_id));
}

/* GET /schedule?asof=&section=: the bimonthly on-site supervision schedule
 * of the window holding asof (today by default), grouped by section, each
 * project visited or not. */
void h_schedule(struct http_req *rq, struct http_resp *rs)
{
	struct schedule_settings ss;
	struct warning_settings ws;
	struct schedule sched;
	struct scope_query q;
	struct keep_ctx k;
	struct dataset ds;
	bl_day asof, from, to;

	memset(&sched, 0, sizeof(sched));
	if (http_scope_query(rq, rs, SP_BIT(SP_ASOF) | SP_BIT(SP_SECTION), &q))
		return;
	asof = q.given & SP_BIT(SP_ASOF) ? q.sc.asof : scope_today();
	schedule_settings_load(rq->st, &ss);
	schedule_window(asof, &ss, &from, &to);
	if (load_year_for(rq, rs, day_year(from), day_month(from), DS_ALL, &ds))
		return;
	if (http_scope_resolve(rs, &ds, &q) || http_warning_settings(rq, rs, &ws))
		goto out;
	if (schedule_compute(rq->st, &ds, &ws, &ss, asof, &sched)) {
		resp_store_error(rs, rq->st, BL_EDB);
		goto out;
	}
	k.a = &rq->actor;
	k.ds = &ds;
	k.section_id = q.sc.section_id;
	schedule_keep(&sched, keep_seen, &k);
	resp_json(rs, 200, schedule_json(&ds, &sched, &ss, asof));
out:
	schedule_release(&sched);
	dataset_release(&ds);
}
