/* changes_store.c — the issued plan's rules (changes.c) and workflows
 * (workflow.c) run against the store: issuing a year, proposing and deciding
 * a change request, and guarding the direct edits of an issued year. One
 * place for the server and the CLI, each act one transaction. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/changes.h"
#include "store/store_changes.h"
#include "util/xalloc.h"

const char *const change_outcome_keys[CO__MAX] = {
	"ok", "forbidden", "not_found", "invalid", "reason_required", "wrong_status",
	"plan_issued", "plan_open", "change_pending", "stale", "store",
};

static void set(struct change_result *res, enum change_outcome o, const char *field,
		const char *zh, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Set res to outcome o with an English sentence (printf) and its Chinese. */
static void set(struct change_result *res, enum change_outcome o, const char *field,
		const char *zh, const char *fmt, ...)
{
	va_list ap;

	res->outcome = o;
	res->field = field;
	va_start(ap, fmt);
	vsnprintf(res->msg, sizeof(res->msg), fmt, ap);
	va_end(ap);
	snprintf(res->msg_zh, sizeof(res->msg_zh), "%s", zh ? zh : "");
}

static void result_init(struct change_result *res)
{
	memset(res, 0, sizeof(*res));
}

static void store_failed(struct store *st, enum bl_err rc, struct change_result *res)
{
	res->rc = rc;
	set(res, CO_STORE, NULL, "数据库错误", "%s", store_errmsg(st));
}

/* ---- issuing ---- */

static int count_listing(void *ctx, const char *ref, const struct listing *l)
{
	(void)ref;
	(void)l;
	(*(size_t *)ctx)++;
	return 0;
}

void plan_issue_year(struct store *st, int year, struct plan_issue *out,
		     struct change_result *res)
{
	struct plan_issue pi;
	size_t listed = 0;
	enum bl_err rc;

	result_init(res);
	memset(&pi, 0, sizeof(pi));
	res->year = year;
	rc = store_begin(st);
	if (!rc)
		rc = store_listings_each(st, year, count_listing, &listed);
	if (rc) {
		store_failed(st, rc, res);
		goto out;
	}
	if (!listed) {
		set(res, CO_INVALID, "year", "该年度没有列入清单的项目，无计划可下达",
		    "no project is listed in %d: there is no plan to issue", year);
		goto out;
	}
	rc = store_plan_issue(st, year, &pi);
	if (rc == BL_ECONFLICT) {
		set(res, CO_PLAN_ISSUED, "year", NULL, "the %d plan was issued already, at %s by %s",
		    year, pi.issued_at, pi.issued_by);
		snprintf(res->msg_zh, sizeof(res->msg_zh), "%d年计划已于 %s 由 %s 下达", year,
			 pi.issued_at, pi.issued_by);
		goto out;
	}
	if (!rc)
		rc = store_commit(st);
	if (rc)
		store_failed(st, rc, res);
out:
	store_rollback(st); /* nothing to undo after a commit */
	if (out)
		*out = pi;
	else
		plan_issue_release(&pi);
}

/* ---- the unit tree, for how a caller stands to a project ---- */

static enum bl_err units_load(struct store *st, struct dataset *ds)
{
	enum bl_err rc;

	memset(ds, 0, sizeof(*ds));
	rc = store_units(st, &ds->units, &ds->n_units);
	if (!rc)
		dataset_index(ds);
	return rc;
}

/* The workflow's refusal of q as an outcome; CO_OK when it allows it. */
static enum change_outcome refusal(enum wf_outcome o, struct change_result *res,
				   const char *verb)
{
	switch (o) {
	case WFO_OK:
		return CO_OK;
	case WFO_UNSEEN:
		set(res, CO_NOT_FOUND, NULL, "未找到", "not found");
		break;
	case WFO_NEED_REASON:
		set(res, CO_NEED_REASON, "reason", "须填写理由（1至2000字）",
		    "a reason of 1 to 2000 characters is required");
		break;
	case WFO_FORBIDDEN:
		set(res, CO_FORBIDDEN, NULL, "您的角色无权进行此操作", "your role may not %s this",
		    verb);
		break;
	default:
		set(res, CO_WRONG_STATUS, NULL, "当前状态下不能进行此操作",
		    "not allowed from the request's current status");
		break;
	}
	return res->outcome;
}

/* ---- pending requests that already carry a field ---- */

struct overlap {
	const struct change_request *cr;
	int64_t id;
	unsigned fields;
};

static int find_overlap(void *ctx, const struct change_request *p)
{
	struct overlap *o = ctx;
	unsigned mine = o->cr->fields & CF_DATES & p->fields;

	if (p->year == o->cr->year)
		mine |= o->cr->fields & CF_PLAN_LISTING & p->fields;
	if (!mine || p->id == o->cr->id)
		return 0;
	o->id = p->id;
	o->fields = mine;
	return 1;
}

/* CO_CHANGE_PENDING (0 returned: none) when a pending request of cr's project
 * has one of cr's fields: a project date in any year, a listing field in
 * cr's year. */
static int pending_overlap(struct store *st, const struct change_request *cr,
			   struct change_result *res)
{
	struct change_filter f = { CR_PENDING, cr->project_id, 0 };
	struct overlap o = { cr, 0, 0 };
	char keys[256];
	enum bl_err rc;

	rc = store_changes_each(st, &f, find_overlap, &o);
	if (!o.id && rc) {
		store_failed(st, rc, res);
		return -1;
	}
	if (!o.id)
		return 0;
	change_fields_text(o.fields, 0, keys, sizeof(keys));
	res->fields = o.fields;
	res->other = o.id;
	set(res, CO_CHANGE_PENDING, change_field_keys[__builtin_ctz(o.fields)], NULL,
	    "change request %lld, still pending, already proposes %s: wait for its decision "
	    "or withdraw it", (long long)o.id, keys);
	change_fields_text(o.fields, 1, keys, sizeof(keys));
	snprintf(res->msg_zh, sizeof(res->msg_zh), "第%lld号变更申请（待审核）已包含%s，"
		 "请待其审核或撤回后再提出", (long long)o.id, keys);
	return -1;
}

/* ---- proposing ---- */

/* The year of cr (given, or the project's lock year) and its issue: 0, or
 * -1 with CO_PLAN_OPEN or CO_STORE in res. *lock gets the lock year. */
static int issued_year(struct store *st, const struct project *p, struct change_request *cr,
		       int *lock, struct change_result *res)
{
	struct plan_issue pi;
	enum bl_err rc;

	rc = store_project_lock_year(st, p->id, lock);
	if (rc) {
		store_failed(st, rc, res);
		return -1;
	}
	if (!cr->year)
		cr->year = *lock;
	res->year = cr->year;
	rc = cr->year ? store_plan_issue_get(st, cr->year, &pi) : BL_ENOTFOUND;
	plan_issue_release(&pi);
	if (rc == BL_ENOTFOUND && cr->year) {
		set(res, CO_PLAN_OPEN, "year", NULL, "the %d plan is not issued: edit it directly",
		    cr->year);
		snprintf(res->msg_zh, sizeof(res->msg_zh), "%d年计划尚未下达，请直接修改", cr->year);
		return -1;
	}
	if (rc == BL_ENOTFOUND || (!*lock && (cr->fields & CF_DATES))) {
		set(res, CO_PLAN_OPEN, "year", "该项目不在已下达的年度计划中，其日期请直接修改",
		    "%s is on no issued year's list: edit its dates directly", p->ref);
		return -1;
	}
	if (rc) {
		store_failed(st, rc, res);
		return -1;
	}
	return 0;
}

/* The official values of cr's project and year into cr->from, the fields
 * that change into cr->fields, and whether the result is valid. 0, or -1
 * with the outcome in res. */
static int proposal_values(struct store *st, const struct project *p,
			   struct change_request *cr, struct change_result *res)
{
	struct project after;
	struct listing l;
	const char *why, *zh, *field;
	enum bl_err rc;
	int listed;

	memset(&l, 0, sizeof(l));
	rc = store_listing_get(st, p->id, cr->year, &l);
	listed = rc == BL_OK;
	if (rc && rc != BL_ENOTFOUND) {
		store_failed(st, rc, res);
		return -1;
	}
	if (!listed) {
		l.project_id = p->id;
		l.year = cr->year;
		l.annual_plan = AMOUNT_NONE;
	}
	change_values_of(p, listed ? &l : NULL, &cr->from);
	cr->fields &= change_values_diff(&cr->from, &cr->to);
	if (!cr->fields) {
		set(res, CO_INVALID, "changes", "所提变更与现值相同，没有可变更的内容",
		    "the proposed values are the official ones: nothing to change");
		return -1;
	}
	project_copy(&after, p);
	change_apply(cr, &after, &l);
	why = change_problem(&after, &l, cr->fields, &zh, &field);
	project_release(&after);
	if (why) {
		set(res, CO_INVALID, field, zh, "%s", why);
		return -1;
	}
	return 0;
}

/* Everything of a proposal but the transaction; 0 when it may be stored. */
static int proposal_check(struct store *st, const struct actor *a, const struct project *p,
			  struct change_request *cr, struct change_result *res)
{
	struct dataset units;
	struct wf_request q;
	enum bl_err rc;
	int kind, lock;

	kind = change_kind_of(cr->fields);
	if (kind < 0) {
		set(res, CO_INVALID, "changes", "一项申请只能变更计划字段或填报实际日期，不能两者兼有",
		    "a request changes plan fields or enters actual dates, not both, and at least "
		    "one field");
		return -1;
	}
	cr->kind = (enum change_kind)kind;
	rc = units_load(st, &units);
	if (rc) {
		store_failed(st, rc, res);
		return -1;
	}
	q = (struct wf_request){ change_workflow(cr->kind), WF_NONE, WA_PROPOSE, a->role,
				 workflow_report_sight(a, &units, p), cr->reason };
	dataset_release(&units);
	if (refusal(workflow_decide(&q, NULL, NULL), res, "propose") != CO_OK)
		return -1;
	cr->project_id = p->id;
	if (issued_year(st, p, cr, &lock, res) || proposal_values(st, p, cr, res) ||
	    pending_overlap(st, cr, res))
		return -1;
	return 0;
}

void change_propose(struct store *st, const struct actor *a, const char *ref,
		    struct change_request *cr, struct change_result *res)
{
	struct project p;
	enum bl_err rc;

	result_init(res);
	project_init(&p);
	rc = store_begin(st);
	if (rc) {
		store_failed(st, rc, res);
		return;
	}
	rc = store_project_by_ref(st, ref, &p);
	if (rc == BL_ENOTFOUND) {
		set(res, CO_NOT_FOUND, "ref", "未找到该项目", "no project %s", ref);
		goto out;
	}
	if (!rc && !proposal_check(st, a, &p, cr, res)) {
		rc = store_change_insert(st, cr);
		if (!rc)
			rc = store_commit(st);
	}
	if (rc)
		store_failed(st, rc, res);
	if (!rc && res->outcome == CO_OK) {
		free(cr->ref);
		free(cr->project_name);
		cr->ref = xstrdup(p.ref);
		cr->project_name = xstrdup(p.name);
		cr->section_id = p.section_id;
		cr->department_id = p.department_id;
	}
out:
	store_rollback(st);
	project_release(&p);
}

/* ---- deciding ---- */

/* Write cr's proposed values to its project and listing, unless an official
 * value is no longer cr's from (CO_STALE) or the result is not valid. */
static int approve_write(struct store *st, const struct change_request *cr,
			 struct change_result *res)
{
	struct change_values now;
	struct project p;
	struct listing l;
	const char *why, *zh, *field;
	char keys[256];
	unsigned stale;
	enum bl_err rc;
	int listed;

	project_init(&p);
	memset(&l, 0, sizeof(l));
	rc = store_project_by_ref(st, cr->ref, &p);
	if (!rc) {
		rc = store_listing_get(st, p.id, cr->year, &l);
		listed = rc == BL_OK;
		if (rc == BL_ENOTFOUND)
			rc = BL_OK;
	}
	if (rc) {
		store_failed(st, rc, res);
		goto fail;
	}
	if (!listed) {
		l.project_id = p.id;
		l.year = cr->year;
		l.annual_plan = AMOUNT_NONE;
	}
	change_values_of(&p, listed ? &l : NULL, &now);
	stale = change_values_diff(&now, &cr->from) & cr->fields;
	if (stale) {
		change_fields_text(stale, 0, keys, sizeof(keys));
		res->fields = stale;
		set(res, CO_STALE, change_field_keys[__builtin_ctz(stale)],
		    "申请提出后该值已被修改，请驳回本申请后重新提出",
		    "%s changed since the request was proposed: reject it and propose again", keys);
		goto fail;
	}
	change_apply(cr, &p, &l);
	why = change_problem(&p, &l, cr->fields, &zh, &field);
	if (why) {
		set(res, CO_INVALID, field, zh, "%s", why);
		goto fail;
	}
	rc = cr->fields & CF_DATES ? store_project_put(st, &p) : BL_OK;
	if (!rc && (cr->fields & CF_PLAN_LISTING))
		rc = store_listing_put(st, &l);
	if (rc)
		store_failed(st, rc, res);
fail:
	project_release(&p);
	return res->outcome == CO_OK ? 0 : -1;
}

/* Ask the table about act on cr by a; 0 with *to set when it may go on. */
static int decide_check(struct store *st, const struct actor *a, const struct change_request *cr,
			enum wf_action act, const char *reason, int *to,
			struct change_result *res)
{
	static const char *const verbs[WA__MAX] = {
		[WA_APPROVE] = "approve", [WA_REJECT] = "reject", [WA_WITHDRAW] = "withdraw",
	};
	struct dataset units;
	struct project p;
	struct wf_request q;
	enum bl_err rc;

	project_init(&p);
	rc = units_load(st, &units);
	if (!rc) {
		/* The project as access.c reads it: its section and department. */
		p.section_id = cr->section_id;
		p.department_id = cr->department_id;
		q = (struct wf_request){ change_workflow(cr->kind), (int)cr->status, act, a->role,
					 workflow_report_sight(a, &units, &p), reason };
		refusal(workflow_decide(&q, to, NULL), res, verbs[act] ? verbs[act] : "decide");
	} else {
		store_failed(st, rc, res);
	}
	dataset_release(&units);
	return res->outcome == CO_OK ? 0 : -1;
}

void change_decide(struct store *st, const struct actor *a, int64_t id, enum wf_action act,
		   const char *reason, struct change_request *out, struct change_result *res)
{
	struct change_request cr;
	enum bl_err rc;
	int to = WF_UNCHANGED;

	result_init(res);
	change_request_init(&cr);
	rc = store_begin(st);
	if (!rc)
		rc = store_change_get(st, id, &cr);
	if (rc == BL_ENOTFOUND) {
		set(res, CO_NOT_FOUND, NULL, "未找到该变更申请", "no change request %lld",
		    (long long)id);
		goto out;
	}
	if (rc) {
		store_failed(st, rc, res);
		goto out;
	}
	if (decide_check(st, a, &cr, act, reason, &to, res) ||
	    (act == WA_APPROVE && approve_write(st, &cr, res)))
		goto out;
	rc = store_change_decide(st, id, WF_BIT(cr.status), (enum change_status)to,
				 wf_action_keys[act], act == WA_REJECT ? reason : NULL);
	if (!rc)
		rc = store_commit(st);
	if (rc)
		store_failed(st, rc, res);
out:
	store_rollback(st);
	if (out && res->outcome != CO_NOT_FOUND) {
		change_request_release(&cr);
		if (store_change_get(st, id, out))
			change_request_init(out);
	}
	change_request_release(&cr);
}

/* ---- guarding the direct edits ---- */

static void refuse_issued(struct change_result *res, int year, unsigned fields)
{
	char keys[256], labels[256];

	change_fields_text(fields, 0, keys, sizeof(keys));
	change_fields_text(fields, 1, labels, sizeof(labels));
	res->fields = fields;
	res->year = year;
	set(res, CO_PLAN_ISSUED, change_field_keys[__builtin_ctz(fields)], NULL,
	    "the %d plan is issued: %s may change only by an approved change request "
	    "(POST /api/v1/change-requests)", year, keys);
	snprintf(res->msg_zh, sizeof(res->msg_zh), "%d年计划已下达，%s只能通过变更申请修改，"
		 "经项目办批准后生效", year, labels);
}

/* The pending request of the actual dates in pe, into *cr; 0 or -1. */
static int pending_actual(struct store *st, const struct actor *a, const struct dataset *units,
			  const struct project *old, struct project *edited, int lock,
			  const char *reason, struct change_request *cr,
			  struct change_result *res)
{
	struct wf_request q = { WF_ACTUAL, WF_NONE, WA_PROPOSE, a->role,
				workflow_report_sight(a, units, old), reason };
	struct project after;
	const char *why, *zh, *field;
	enum bl_err rc;

	if (refusal(workflow_decide(&q, NULL, NULL), res, "enter") != CO_OK)
		return -1;
	cr->project_id = old->id;
	cr->year = lock;
	cr->kind = CK_ACTUAL;
	change_values_of(old, NULL, &cr->from);
	change_values_of(edited, NULL, &cr->to);
	free(cr->reason);
	cr->reason = reason && *reason ? xstrdup(reason) : NULL;
	if (pending_overlap(st, cr, res))
		return -1;
	project_copy(&after, old);
	change_apply(cr, &after, NULL);
	why = change_problem(&after, NULL, cr->fields, &zh, &field);
	project_release(&after);
	if (why) {
		set(res, CO_INVALID, field, zh, "%s", why);
		return -1;
	}
	/* The project keeps its official dates until the office confirms. */
	change_values_put(&cr->from, cr->fields, edited, NULL);
	rc = store_change_insert(st, cr);
	if (rc) {
		store_failed(st, rc, res);
		return -1;
	}
	free(cr->ref);
	free(cr->project_name);
	cr->ref = xstrdup(old->ref);
	cr->project_name = xstrdup(old->name);
	cr->section_id = old->section_id;
	cr->department_id = old->department_id;
	return 0;
}

void plan_guard_project(struct store *st, const struct actor *a, const struct dataset *units,
			const struct project *old, struct project *edited, const char *reason,
			struct change_request *pending, struct change_result *res)
{
	struct plan_edit pe;
	enum bl_err rc;
	int lock;

	result_init(res);
	change_request_init(pending);
	rc = store_project_lock_year(st, old->id, &lock);
	if (rc) {
		store_failed(st, rc, res);
		return;
	}
	plan_edit_check(a->role, lock, old, edited, &pe);
	if (pe.refused) {
		refuse_issued(res, lock, pe.refused);
		return;
	}
	if (!pe.pending)
		return;
	pending->fields = pe.pending;
	pending_actual(st, a, units, old, edited, lock, reason, pending, res);
}

void plan_guard_listing(struct store *st, const struct listing *old,
			const struct listing *edited, struct change_result *res)
{
	struct plan_issue pi;
	unsigned diff;
	enum bl_err rc;

	result_init(res);
	diff = listing_plan_diff(old, edited);
	if (!diff)
		return;
	rc = store_plan_issue_get(st, edited->year, &pi);
	plan_issue_release(&pi);
	if (rc == BL_OK)
		refuse_issued(res, edited->year, diff);
	else if (rc != BL_ENOTFOUND)
		store_failed(st, rc, res);
}
