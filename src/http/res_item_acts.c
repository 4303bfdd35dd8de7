/* res_item_acts.c — the steps of a supervision item after it is raised:
 * PATCH /items/:id (the office's edit), POST /items/:id/replies, and the
 * actions answer, resolve, close, reopen and escalate. Each is one
 * transaction: the item read, the workflow table asked (core/workflow.c
 * WF_ITEM), the step made (core/items_act.c) and written with the version
 * re-checked (store_items.h). */
#include <string.h>

#include "http/json_out.h"
#include "http/params.h"
#include "http/res_items_int.h"
#include "http/routes.h"
#include "store/store_items.h"

/* The body, or an empty object when there is none (resolve needs nothing). */
static json_t *body_of(struct http_req *rq, struct http_resp *rs)
{
	if (!rq->body_len)
		return json_object();
	return req_json(rq, rs);
}

/* A day other than today is the office's to give; a 403 and -1 for others. */
static int check_on(struct http_req *rq, struct http_resp *rs, const struct item_ctx *c,
		    const struct item_change *ch, int office)
{
	if (ch->on > c->today) {
		resp_fail(rs, HE_INVALID, "on: a day that has not come", "日期不能晚于今天", "on");
		return -1;
	}
	if (ch->on != c->today && !office) {
		resp_fail(rs, HE_FORBIDDEN, "only the project office records a step on another day",
			  "只有项目办可以补记其他日期的办理情况", "on");
		return -1;
	}
	(void)rq;
	return 0;
}

/* The version, when given (PATCH: always); -1 after a 409 or 428. */
static int check_version(struct http_req *rq, struct http_resp *rs, json_t *body,
			 const struct item_ctx *c, int required)
{
	json_t *current;

	if (!required && !req_header(rq, "If-Match") && !json_object_get(body, "version"))
		return 0;
	current = item_detail_json(rq, rs, c);
	if (!current)
		return -1;
	return version_check(rq, rs, body, c->it.version, current);
}

static void act(struct http_req *rq, struct http_resp *rs, enum wf_action a, int created)
{
	struct wf_request q = { WF_ITEM, WF_NONE, a, rq->actor.role, WF_UNSEEN, NULL };
	struct item_settings is;
	struct item_change ch;
	struct item_step step;
	struct item_ctx c;
	struct item next;
	const char *why, *field = NULL;
	json_t *body = body_of(rq, rs), *doc;
	enum wf_outcome o;
	enum bl_err rc;
	int to, office = (workflow_def(WF_ITEM)->office_roles >> rq->actor.role) & 1u;

	memset(&c, 0, sizeof(c));
	item_init(&c.it);
	item_init(&next);
	project_init(&c.p);
	memset(&step, 0, sizeof(step));
	if (!body)
		return;
	if (http_begin(rq, rs))
		goto out;
	if (item_ctx_load(rq, rs, &c))
		goto out;
	item_change_init(&ch, c.today);
	if (item_change_from_json(rs, body, &c.units, &ch))
		goto out;
	q.from = (int)c.it.status;
	q.sight = c.sight;
	q.reason = ch.text;
	o = workflow_decide(&q, &to, NULL);
	if (o != WFO_OK) {
		item_refuse(rs, &q, o, rq->captures[0]);
		goto out;
	}
	if (check_on(rq, rs, &c, &ch, office) || check_version(rq, rs, body, &c, a == WA_SAVE))
		goto out;
	item_settings_load(rq->st, &is, NULL, NULL);
	why = item_next(&c.it, a, to, &ch, &is, &next, &step, &field);
	if (why) {
		resp_fail(rs, field && !strcmp(field, "level") ? HE_WRONG_STATUS : HE_INVALID, why,
			  field && !strcmp(field, "level") ? "事项已在区协调会层级，不能再升级"
			  : "无法进行此操作", field);
		goto out;
	}
	rc = store_item_step(rq->st, &next, &step);
	if (http_finish(rq, rs, rc))
		goto out;
	item_release(&c.it);
	item_copy(&c.it, &next);
	doc = item_detail_json(rq, rs, &c);
	if (doc)
		resp_json(rs, created ? 201 : 200, doc);
out:
	store_rollback(rq->st); /* nothing to undo after http_finish */
	item_step_release(&step);
	item_release(&next);
	item_ctx_release(&c);
	json_decref(body);
}

/* PATCH /items/:id {version, title, detail, category, owner, deadline, text, on} */
void h_items_patch(struct http_req *rq, struct http_resp *rs)
{
	act(rq, rs, WA_SAVE, 0);
}

/* POST /items/:id/replies {text, attachment, on}: 201. */
void h_items_reply(struct http_req *rq, struct http_resp *rs)
{
	act(rq, rs, WA_REPLY, 1);
}

/* POST /items/:id/answer {text, attachment, on} */
void h_items_answer(struct http_req *rq, struct http_resp *rs)
{
	act(rq, rs, WA_ANSWER, 0);
}

/* POST /items/:id/resolve {text, on} */
void h_items_resolve(struct http_req *rq, struct http_resp *rs)
{
	act(rq, rs, WA_RESOLVE, 0);
}

/* POST /items/:id/close {text, on} */
void h_items_close(struct http_req *rq, struct http_resp *rs)
{
	act(rq, rs, WA_CLOSE, 0);
}

/* POST /items/:id/reopen {text, deadline, on} */
void h_items_reopen(struct http_req *rq, struct http_resp *rs)
{
	act(rq, rs, WA_REOPEN, 0);
}

/* POST /items/:id/escalate {text, deadline, on} */
void h_items_escalate(struct http_req *rq, struct http_resp *rs)
{
	act(rq, rs, WA_ESCALATE, 0);
}
