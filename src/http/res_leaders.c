/* res_leaders.c — leader linkage (领导挂钩, core/leaders.h) over HTTP:
 * GET /leaders (the leader accounts and how many projects each has),
 * GET /leaders/:name/projects (a leader's page, core/leader_page.h),
 * POST /leaders/:name/visit (the leader marks the page seen) and
 * PUT /projects/:ref/leaders (the office links and unlinks; versioned with
 * the project). */
#include <stdlib.h>
#include <string.h>

#include "core/leader_page.h"
#include "http/json_out.h"
#include "http/params.h"
#include "http/routes.h"
#include "store/store_accounts.h"
#include "store/store_items.h"
#include "store/store_leaders.h"
#include "util/buf.h"
#include "util/xalloc.h"

static json_t *text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static int add_leader(void *ctx, const struct leader_link *l)
{
	json_array_append_new(ctx, json_pack("{s:s, s:o}", "username", l->username,
					     "display_name", text_or_null(l->display_name)));
	return 0;
}

json_t *api_project_leaders(struct http_req *rq, int64_t project_id)
{
	json_t *a = json_array();

	store_leader_links(rq->st, project_id, 0, add_leader, a);
	return a;
}

/* The leader account named by the path (its username); a 404 and -1 when it
 * is none (or not a leader), a 403 when the caller may not read its page. */
static int leader_of_path(struct http_req *rq, struct http_resp *rs, struct user *u)
{
	enum bl_err rc = store_user_by_name(rq->st, rq->captures[0], u, NULL);

	if (rc == BL_ENOTFOUND || (!rc && u->role != ROLE_LEADER)) {
		if (!rc)
			user_release(u);
		resp_fail(rs, HE_NOT_FOUND, "no leader account has this name",
			  "没有此名称的区领导账号", "name");
		return -1;
	}
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		return -1;
	}
	if (!access_leader_page(&rq->actor, u->id)) {
		user_release(u);
		resp_fail(rs, HE_FORBIDDEN, "a leader reads their own page only",
			  "区领导只能查看本人的挂钩项目", NULL);
		return -1;
	}
	return 0;
}

struct count_ctx { int64_t user_id; int64_t n; };

static int count_links(void *ctx, const struct leader_link *l)
{
	struct count_ctx *c = ctx;

	c->n += l->user_id == c->user_id;
	return 0;
}

/* GET /leaders: every leader account (a leader: itself) with its projects. */
void h_leaders_list(struct http_req *rq, struct http_resp *rs)
{
	struct leader_account *v = NULL;
	json_t *items = json_array();
	size_t n = 0, i;

	if (store_leader_accounts(rq->st, &v, &n)) {
		json_decref(items);
		resp_store_error(rs, rq->st, BL_EDB);
		return;
	}
	for (i = 0; i < n; i++) {
		struct count_ctx c = { v[i].id, 0 };

		if (rq->actor.role == ROLE_LEADER && rq->actor.user_id != v[i].id)
			continue;
		store_leader_links(rq->st, 0, v[i].id, count_links, &c);
		json_array_append_new(items, json_pack("{s:s, s:o, s:I}", "username",
			v[i].username, "display_name", text_or_null(v[i].display_name),
			"projects", (json_int_t)c.n));
	}
	leader_accounts_free(v, n);
	resp_json(rs, 200, json_pack("{s:I, s:I, s:I, s:o}", "total",
				     (json_int_t)json_array_size(items), "limit",
				     (json_int_t)json_array_size(items), "offset", (json_int_t)0,
				     "items", items));
}

/* The page's inputs read from the store: the linked projects and the changes
 * since the last visit (only those of the linked projects). */
struct page_data {
	struct project *projects;
	size_t n;
	struct leader_change_ref *changes;
	size_t n_changes, alloc;
	struct leader_visit visit;
	int visited;
	int64_t head;
};

static int take_change(void *ctx, const char *entity, const char *ref)
{
	struct page_data *d = ctx;
	int change = leader_change_of_entity(entity);
	size_t i;

	for (i = 0; ref && change >= 0 && i < d->n; i++) {
		if (strcmp(d->projects[i].ref, ref))
			continue;
		XGROW(d->changes, d->alloc, d->n_changes + 1);
		d->changes[d->n_changes].ref = d->projects[i].ref;
		d->changes[d->n_changes++].change = change;
		break;
	}
	return 0;
}

static enum bl_err page_data_load(struct store *st, int64_t user_id, struct page_data *d)
{
	int64_t *ids = NULL;
	char hash[65];
	enum bl_err rc = store_leader_project_ids(st, user_id, &ids, &d->n);
	size_t i;

	d->projects = xcalloc(d->n + 1, sizeof(*d->projects));
	for (i = 0; !rc && i < d->n; i++)
		rc = store_item_project(st, ids[i], &d->projects[i]);
	free(ids);
	if (!rc)
		rc = store_audit_head(st, &d->head, hash);
	if (!rc) {
		rc = store_leader_visit_get(st, user_id, &d->visit);
		d->visited = rc == BL_OK;
		if (rc == BL_ENOTFOUND)
			rc = BL_OK;
	}
	if (!rc && d->visited)
		rc = store_changes_after(st, d->visit.audit_id, take_change, d);
	return rc;
}

static void page_data_release(struct page_data *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		project_release(&d->projects[i]);
	free(d->projects);
	free(d->changes);
}

static json_t *light_or_null(int light)
{
	return light >= 0 ? json_string(light_keys[light]) : json_null();
}

static json_t *row_json(const struct dataset *ds, const struct leader_row *r)
{
	const struct unit *u = dataset_unit(ds, r->p->section_id);
	json_t *changes = json_array(), *o;
	int k;

	for (k = 0; k < LC__MAX; k++)
		if (r->changes & (1u << k))
			json_array_append_new(changes, json_string(leader_change_keys[k]));
	o = json_pack("{s:s, s:s, s:o, s:b, s:o, s:o, s:I, s:I, s:o}", "ref", r->p->ref, "name",
		      r->p->name ? r->p->name : "", "section",
		      u ? json_pack("{s:s, s:s}", "code", u->code, "name", u->name) : json_null(),
		      "listed", r->index >= 0, "light", light_or_null(r->light), "light_before",
		      light_or_null(r->light_before), "open_items", (json_int_t)r->open_items,
		      "overdue_items", (json_int_t)r->overdue_items, "changes", changes);
	return o;
}

static json_t *page_json(const struct user *u, bl_day asof, const struct page_data *d,
			 const struct dataset *ds, const struct leader_page *pg)
{
	json_t *items = json_array(), *visit = json_null(), *lights = json_object();
	char day[11], seen[11];
	size_t i;
	int k;

	for (i = 0; i < pg->n; i++)
		json_array_append_new(items, row_json(ds, &pg->v[i]));
	for (k = 0; k < LIGHT__MAX; k++)
		json_object_set_new(lights, light_keys[k], json_integer((json_int_t)pg->by_light[k]));
	if (d->visited)
		visit = json_pack("{s:I, s:s, s:s}", "audit_id", (json_int_t)d->visit.audit_id,
				  "seen_on", day_format(d->visit.seen_on, seen), "seen_at",
				  d->visit.seen_at);
	return json_pack("{s:{s:s, s:o}, s:s, s:o, s:I, s:I, s:I, s:o, s:I, s:I, s:o}",
			 "leader", "username", u->username, "display_name",
			 text_or_null(u->display_name), "asof", day_format(asof, day),
			 "last_visit", visit, "head", (json_int_t)d->head, "total",
			 (json_int_t)pg->n, "changed", (json_int_t)pg->changed, "lights", lights,
			 "open_items", (json_int_t)pg->open_items, "overdue_items",
			 (json_int_t)pg->overdue_items, "items", items);
}

/* GET /leaders/:name/projects[?asof=D]: the leader's page as of D (today). */
void h_leaders_page(struct http_req *rq, struct http_resp *rs)
{
	struct leader_page_input in;
	struct warning_settings ws;
	struct page_data d;
	struct leader_page pg;
	struct scope_query q;
	struct item_book b;
	struct dataset ds;
	struct user u;
	bl_day asof;

	if (http_scope_query(rq, rs, SP_BIT(SP_ASOF), &q) || leader_of_path(rq, rs, &u))
		return;
	asof = q.given & SP_BIT(SP_ASOF) ? q.sc.asof : scope_today();
	memset(&d, 0, sizeof(d));
	if (page_data_load(rq->st, u.id, &d) || item_book_load(rq->st, &b)) {
		resp_store_error(rs, rq->st, BL_EDB);
		goto out;
	}
	if (load_year(rq, rs, day_year(asof), &ds))
		goto out_items;
	if (http_warning_settings(rq, rs, &ws)) {
		dataset_release(&ds);
		goto out_items;
	}
	memset(&in, 0, sizeof(in));
	in.ds = &ds;
	in.ws = &ws;
	in.asof = asof;
	in.seen_on = d.visited ? d.visit.seen_on : DAY_NONE;
	in.projects = d.projects;
	in.n_projects = d.n;
	in.items = &b;
	in.changes = d.changes;
	in.n_changes = d.n_changes;
	leader_page_build(&in, &pg);
	resp_json(rs, 200, page_json(&u, asof, &d, &ds, &pg));
	leader_page_release(&pg);
	dataset_release(&ds);
out_items:
	item_book_release(&b);
out:
	page_data_release(&d);
	user_release(&u);
}

/* POST /leaders/:name/visit {seen, asof}: the leader marks the page as seen
 * up to audit entry seen (the page's head; default: the trail's head now), as
 * of asof (default today). Only the leader themself. */
void h_leaders_visit(struct http_req *rq, struct http_resp *rs)
{
	json_t *body, *seen;
	struct scope_query q;
	struct user u;
	int64_t head = 0, mark;
	char hash[65];
	bl_day asof;
	enum bl_err rc;

	if (http_scope_query(rq, rs, SP_BIT(SP_ASOF), &q) || leader_of_path(rq, rs, &u))
		return;
	body = req_json(rq, rs);
	if (!body)
		goto out;
	if (rq->actor.user_id != u.id) {
		resp_fail(rs, HE_FORBIDDEN, "only the leader marks their own page seen",
			  "只有区领导本人可以标记已阅", NULL);
		goto out;
	}
	asof = q.given & SP_BIT(SP_ASOF) ? q.sc.asof : scope_today();
	rc = store_begin(rq->st);
	if (!rc)
		rc = store_audit_head(rq->st, &head, hash);
	seen = json_object_get(body, "seen");
	mark = json_is_integer(seen) ? (int64_t)json_integer_value(seen) : head;
	if (!rc && (mark < 0 || mark > head)) {
		store_rollback(rq->st);
		resp_fail(rs, HE_INVALID, "seen: not an audit entry of this trail (0 … its head)",
			  "seen：不是审计记录编号", "seen");
		goto out;
	}
	if (!rc)
		rc = store_leader_visit_put(rq->st, u.id, mark, asof);
	if (!http_finish(rq, rs, rc))
		resp_json(rs, 200, json_pack("{s:I}", "seen", (json_int_t)mark));
out:
	json_decref(body);
	user_release(&u);
}

/* Answer the first name of pk that named no leader account, or several:
 * 422 unknown_leader or ambiguous_leader naming it, on field. */
static void pick_fail(struct http_resp *rs, const struct leader_pick *pk, const char *field)
{
	struct buf en = BUF_INIT, zh = BUF_INIT;

	if (pk->bad_why == LEADER_AMBIGUOUS) {
		buf_addf(&en, "%s: several leader accounts have the name \"%s\"; give the "
			 "username; nothing was written", field, pk->bad);
		buf_addf(&zh, "挂钩领导：多个区领导账号名为“%s”，请填写用户名，未写入", pk->bad);
	} else {
		buf_addf(&en, "%s: no leader account has the username or name \"%s\"; nothing "
			 "was written", field, pk->bad);
		buf_addf(&zh, "挂钩领导：“%s”不是区领导账号的用户名或姓名，未写入", pk->bad);
	}
	resp_fail(rs, pk->bad_why == LEADER_AMBIGUOUS ? HE_AMBIGUOUS_LEADER : HE_UNKNOWN_LEADER,
		  en.s, zh.s, field);
	buf_release(&en);
	buf_release(&zh);
}

int api_leaders_pick(struct http_req *rq, struct http_resp *rs, const char *const *names,
		     size_t n, const char *text, const char *field, struct leader_pick *pk)
{
	struct leader_account *acc = NULL;
	size_t n_acc = 0;
	int rc;

	memset(pk, 0, sizeof(*pk));
	if (store_leader_accounts(rq->st, &acc, &n_acc)) {
		resp_store_error(rs, rq->st, BL_EDB);
		return -1;
	}
	rc = names ? leader_names_pick(acc, n_acc, names, n, pk, NULL, NULL)
		   : leader_text_pick(acc, n_acc, text, pk, NULL, NULL);
	leader_accounts_free(acc, n_acc);
	if (rc == -2)
		resp_fail(rs, HE_INVALID, "at most 16 leaders", "挂钩领导至多16人", field);
	else if (rc)
		pick_fail(rs, pk, field);
	if (rc)
		leader_pick_release(pk);
	return rc ? -1 : 0;
}

/* A project's linked accounts' ids, as read. */
struct link_ids {
	int64_t *ids;
	size_t n, alloc;
};

static int take_link(void *ctx, const struct leader_link *l)
{
	struct link_ids *k = ctx;

	XGROW(k->ids, k->alloc, k->n + 1);
	k->ids[k->n++] = l->user_id;
	return 0;
}

int api_project_leader_field(struct http_req *rq, struct http_resp *rs, json_t *body,
			     struct project *p, int found, struct leader_pick *pk, int *given)
{
	struct link_ids now = { NULL, 0, 0 };
	int same;

	memset(pk, 0, sizeof(*pk));
	*given = json_object_get(body, "leader") != NULL;
	if (!*given)
		return 0;
	if (api_leaders_pick(rq, rs, NULL, 0, p->leader, "leader", pk))
		return -1;
	if (found && store_leader_links(rq->st, p->id, 0, take_link, &now)) {
		free(now.ids);
		leader_pick_release(pk);
		resp_store_error(rs, rq->st, BL_EDB);
		return -1;
	}
	same = leader_pick_same(pk, now.ids, now.n);
	free(now.ids);
	if (!same && !access_allows(rq->actor.role, RES_LEADERS, ACT_WRITE)) {
		leader_pick_release(pk);
		resp_fail(rs, HE_FORBIDDEN, "leader: only the project office links a project's "
			  "leaders", "只有项目办可以设置挂钩领导", "leader");
		return -1;
	}
	free(p->leader);
	p->leader = pk->text ? xstrdup(pk->text) : NULL;
	return 0;
}

/* PUT /projects/:ref/leaders {leaders: [name…], version}: the project's
 * leaders become exactly these (an empty list unlinks every one); the
 * project's 挂钩领导 text follows and its version moves on. */
void h_project_leaders_put(struct http_req *rq, struct http_resp *rs)
{
	const char *names[LEADER_NAMES_MAX];
	const char *h = req_header(rq, "If-Match");
	json_t *body = req_json(rq, rs), *a, *v;
	struct leader_pick pk;
	int64_t version = -1, next = 0;
	struct project p;
	size_t i;
	enum bl_err rc;

	project_init(&p);
	memset(&pk, 0, sizeof(pk));
	if (!body)
		goto out;
	a = json_object_get(body, "leaders");
	if (!json_is_array(a) || json_array_size(a) > LEADER_NAMES_MAX) {
		resp_fail(rs, HE_INVALID, "leaders: a list of at most 16 leader accounts",
			  "leaders：至多16个区领导账号的列表", "leaders");
		goto out;
	}
	json_array_foreach(a, i, v) {
		if (!json_is_string(v)) {
			resp_fail(rs, HE_INVALID, "leaders: each a leader's username or name",
				  "leaders：每项须为区领导的用户名或姓名", "leaders");
			goto out;
		}
		names[i] = json_string_value(v);
	}
	if (api_leaders_pick(rq, rs, names, json_array_size(a), NULL, "leaders", &pk))
		goto out;
	v = json_object_get(body, "version");
	version = h ? strtoll(h + (*h == '"'), NULL, 10) : json_is_integer(v)
		  ? (int64_t)json_integer_value(v) : -1;
	if (version <= 0) {
		resp_fail(rs, HE_VERSION_REQUIRED, NULL, NULL, "version");
		goto out;
	}
	rc = store_begin(rq->st);
	if (!rc)
		rc = store_project_by_ref(rq->st, rq->captures[0], &p);
	if (rc == BL_ENOTFOUND) {
		store_rollback(rq->st);
		resp_not_found(rs, rq->captures[0]);
		goto out;
	}
	if (!rc && p.version != version) {
		store_rollback(rq->st);
		resp_fail(rs, HE_STALE, "stale: the project changed since you read it",
			  "项目已被他人修改，请刷新后重试", "version");
		goto out;
	}
	if (!rc)
		rc = store_project_leaders_set(rq->st, p.id, pk.ids, pk.n, pk.text ? pk.text : "",
					       version, &next);
	if (!http_finish(rq, rs, rc)) {
		json_t *j = json_pack("{s:s, s:I, s:o, s:o}", "ref", p.ref, "version",
				      (json_int_t)next, "leader", text_or_null(pk.text), "leaders",
				      api_project_leaders(rq, p.id));

		resp_json(rs, 200, j);
	}
out:
	leader_pick_release(&pk);
	project_release(&p);
	json_decref(body);
}
