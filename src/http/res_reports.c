/* res_reports.c — /api/v1/reports: the monthly report workflow (月度填报).
 * A section user fills its projects' reports for a month (saved as drafts),
 * submits them; a coordinator verifies (核实) or returns them with a reason.
 * A verified report changes only by a coordinator's amendment, which the
 * audit trail keeps with the old values. Who may do what from which status is
 * core/workflow.c's table; these handlers ask it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/workflow.h"
#include "http/json_out.h"
#include "http/json_reports.h"
#include "http/list_out.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/parse.h"
#include "io/problem_codes.h"
#include "store/store_workflow.h"
#include "util/xalloc.h"


/* The report's JSON (the one form, json_reports.c's). */
static json_t *row_json(const struct report_row *rr)
{
	const struct month_row m = { 0, 1, { rr->r.invest, rr->r.output, rr->r.version,
		rr->r.status, rr->r.progress, rr->r.problems, rr->return_reason,
		rr->submitted_by, rr->submitted_at, rr->verified_by, rr->verified_at } };

	return month_row_report_json(&m);
}

/* A report of status st ("missing": none) is not reported (未报送, DOMAIN.md
 * §3): none, a draft, or a returned report; only submitted and verified
 * ones count. */
static int not_reported(const char *st)
{
	return !strcmp(st, "missing") || !strcmp(st, report_status_keys[REPORT_DRAFT]) ||
	       !strcmp(st, report_status_keys[REPORT_RETURNED]);
}

/* 1 when a row whose status is st ("missing": no report) passes the list's
 * status filter want (scope_query.status; -1: every row). */
static int status_selected(int want, const char *st)
{
	if (want < 0)
		return 1;
	if (want == STATUS_NOT_REPORTED)
		return not_reported(st) != 0;
	return !strcmp(st, scope_params[SP_STATUS].keys[want]);
}

/* The list's rows: the visible projects of ds in q's scope, each with its
 * report of month from the snapshot, that pass the status filter; counts
 * into n_missing and n_not_reported. Caller frees. */
static struct month_row *month_rows(struct http_req *rq, const struct dataset *ds,
				    const struct scope_query *q, bl_month month, size_t *n,
				    size_t *n_missing, size_t *n_not_reported)
{
	const struct snapshot *snap = http_snapshot(rq);
	struct month_row *rows = xcalloc(ds->n_projects + 1, sizeof(*rows));
	size_t i;

	*n = *n_missing = *n_not_reported = 0;
	for (i = 0; i < ds->n_projects; i++) {
		const struct project *p = &ds->projects[i];
		struct month_row *row = &rows[*n];
		const char *st;

		if (!access_project_visible(&rq->actor, ds, p) || !scope_matches(ds, &q->sc, i))
			continue;
		row->i = i;
		row->has = !snapshot_report(snap, p->id, month, &row->r);
		st = month_row_status(row);
		if (!status_selected(q->status, st))
			continue;
		*n_missing += !row->has;
		*n_not_reported += not_reported(st) != 0;
		(*n)++;
	}
	return rows;
}

/* The row's project members before its report: ref, name, section,
 * section_name, annual_plan_yuan, editable. */
static void row_head_text(struct buf *b, struct http_req *rq, const struct dataset *ds,
			  const struct month_row *row)
{
	const struct project *p = &ds->projects[row->i];
	const struct unit *u = dataset_unit(ds, p->section_id);
	int64_t plan = ds->listings[row->i].annual_plan;

	buf_adds(b, "{\"ref\":");
	json_str_jansson(b, p->ref);
	buf_adds(b, ",\"name\":");
	json_str_jansson(b, p->name);
	buf_adds(b, ",\"section\":");
	json_str_jansson(b, u ? u->code : "");
	buf_adds(b, ",\"section_name\":");
	json_str_jansson(b, u ? u->name : "");
	buf_adds(b, ",\"annual_plan_yuan\":");
	if (plan == AMOUNT_NONE)
		buf_adds(b, "null");
	else
		buf_add_int(b, plan);
	buf_adds(b, access_project_editable(&rq->actor, ds, p) ? ",\"editable\":true"
							       : ",\"editable\":false");
}

static json_t *list_row_json(struct http_req *rq, const struct dataset *ds,
			     const struct month_row *row)
{
	const struct project *p = &ds->projects[row->i];
	const struct unit *u = dataset_unit(ds, p->section_id);

	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:b, s:o}", "ref", p->ref, "name", p->name,
			 "section", u ? u->code : "", "section_name", u ? u->name : "",
			 "annual_plan_yuan", ds->listings[row->i].annual_plan == AMOUNT_NONE ?
			 json_null() : json_integer((json_int_t)ds->listings[row->i].annual_plan),
			 "editable", access_project_editable(&rq->actor, ds, p),
			 "report", month_row_report_json(row));
}

/* The answer {"month", "total", "missing", "not_reported", "items"} as
 * text, byte for byte what json_dumps of the same jansson document gives. */
static void month_text(struct http_req *rq, struct http_resp *rs, const struct dataset *ds,
		       bl_month month, const struct month_row *rows, size_t n,
		       size_t n_missing, size_t n_not_reported)
{
	struct buf b = BUF_INIT, was = rs->body;
	char mon[8];
	size_t k;

	buf_adds(&b, "{\"month\":");
	json_str_jansson(&b, month_format(month, mon));
	buf_adds(&b, ",\"total\":");
	buf_add_int(&b, (int64_t)n);
	buf_adds(&b, ",\"missing\":");
	buf_add_int(&b, (int64_t)n_missing);
	buf_adds(&b, ",\"not_reported\":");
	buf_add_int(&b, (int64_t)n_not_reported);
	buf_adds(&b, ",\"items\":[");
	for (k = 0; k < n; k++) {
		if (k)
			buf_addch(&b, ',');
		row_head_text(&b, rq, ds, &rows[k]);
		buf_adds(&b, ",\"report\":");
		month_row_report_text(&b, &rows[k]);
		buf_addch(&b, '}');
	}
	buf_adds(&b, "]}");
	rs->status = 200;
	rs->content_type = "application/json; charset=utf-8";
	rs->body = b; /* no copy; the old body is released */
	buf_release(&was);
}

/* GET /reports?month=YYYY-MM[&section=][&status=missing|draft|…|not_reported]:
 * every visible project listed that year with its report for the month (null:
 * not yet). "missing" counts the projects without a report; "not_reported"
 * those whose report does not count (none, draft or returned). From the
 * snapshot, as every read. */
void h_reports_list(struct http_req *rq, struct http_resp *rs)
{
	struct warning_list wl = { 0 };
	struct month_row *rows;
	struct scope_query q;
	struct dataset ds;
	bl_month month;
	size_t i, n, n_missing, n_not_reported;
	int xlsx;

	if (http_list_format(rq, rs, &xlsx) ||
	    http_scope_query(rq, rs, SP_PERIOD | SP_FILTERS | SP_BIT(SP_MONTH) | SP_BIT(SP_STATUS),
			     &q) ||
	    http_require(rs, &q, SP_MONTH))
		return;
	month = q.month;
	if (load_year(rq, rs, month_year(month), &ds))
		return;
	q.sc.year = ds.year; /* the month's list, whatever year says */
	if (http_scope_resolve(rs, &ds, &q) || http_scope_lights(rq, rs, &ds, &q, &wl))
		goto out;
	rows = month_rows(rq, &ds, &q, month, &n, &n_missing, &n_not_reported);
	if (xlsx) {
		json_t *items = json_array();

		for (i = 0; i < n; i++)
			json_array_append_new(items, list_row_json(rq, &ds, &rows[i]));
		http_answer_xlsx(rq, rs, LK_REPORTS, items, NULL, NULL, 0);
	} else {
		month_text(rq, rs, &ds, month, rows, n, n_missing, n_not_reported);
	}
	free(rows);
out:
	warning_list_release(&wl);
	dataset_release(&ds);
}

/* The project of ref into *p and how the caller stands to its reports; 404
 * (and -1) when there is no such project. Whether the caller may act, and a
 * project the caller cannot see, are the workflow table's to answer. */
static int report_project(struct http_req *rq, struct http_resp *rs, const char *ref,
			  struct project *p, enum wf_sight *sight)
{
	struct dataset units;

	if (store_project_by_ref(rq->st, ref, p)) {
		resp_not_found(rs, ref);
		return -1;
	}
	if (load_units(rq, rs, &units)) {
		project_release(p);
		return -1;
	}
	*sight = workflow_report_sight(&rq->actor, &units, p);
	dataset_release(&units);
	return 0;
}

/* The answer to q refused with o, about the report of ref. */
static void refuse(struct http_resp *rs, const struct wf_request *q, enum wf_outcome o,
		   const char *ref)
{
	const struct workflow_def *d = workflow_def(q->wf);
	const char *act = wf_action_keys[q->act];
	char msg[160], zh[160];

	switch (o) {
	case WFO_FORBIDDEN:
		snprintf(msg, sizeof(msg), "your role may not %s reports", act);
		resp_fail(rs, HE_FORBIDDEN, msg, "您的角色无权执行此操作", NULL);
		break;
	case WFO_UNSEEN:
		resp_not_found(rs, ref);
		break;
	case WFO_NEED_REASON:
		resp_fail(rs, HE_INVALID, "returning a report needs a reason of 1-2000 "
			   "characters", "退回须填写原因（1至2000字）", "reason");
		break;
	case WFO_LOCKED:
		resp_fail(rs, HE_LOCKED, "the report is submitted or verified; ask the "
			   "project office to return it", "月报已提交或已核实，如需修改请联系项目办退回",
			   "status");
		break;
	default: /* WFO_WRONG_STATUS (a batch skips what a single act refuses) */
		if (q->from == WF_NONE) {
			snprintf(msg, sizeof(msg), "there is no report of that month to %s", act);
			snprintf(zh, sizeof(zh), "该月尚无月报");
		} else {
			snprintf(msg, sizeof(msg), "the report is %s; %s does not apply to it",
				 d->status_keys[q->from], act);
			snprintf(zh, sizeof(zh), "月报当前为“%s”，不能执行此操作",
				 d->status_labels[q->from]);
		}
		resp_fail(rs, HE_WRONG_STATUS, msg, zh, "status");
		break;
	}
}

static void ask_init(struct wf_request *q, const struct http_req *rq, enum wf_action act,
		     enum wf_sight sight)
{
	memset(q, 0, sizeof(*q));
	q->wf = WF_REPORT;
	q->from = WF_NONE;
	q->act = act;
	q->role = rq->actor.role;
	q->sight = sight;
}

static int money_field(struct http_resp *rs, json_t *body, const char *key, int64_t *out)
{
	json_t *v = json_object_get(body, key);

	if (!v)
		return 0;
	if (json_is_null(v)) {
		*out = AMOUNT_NONE;
		return 0;
	}
	if (!json_is_integer(v) || amount_problem((int64_t)json_integer_value(v))) {
		resp_fail(rs, HE_INVALID, "an amount in whole yuan from 0 to 10^15",
			   "金额须为0至10^15元的整数", key);
		return -1;
	}
	*out = (int64_t)json_integer_value(v);
	return 0;
}

/* The Chinese of an amount's problem (io/parse.h, core/model.c amount_problem),
 * by its code (io/problem_codes.h). */
static const char *amount_problem_zh(const struct problem_code *pc, char *tmp, size_t cap)
{
	if (!strcmp(pc->code, "decimals")) {
		snprintf(tmp, cap, "小数位超过%.2s位", pc->n ? pc->params[0].value : "4");
		return tmp;
	}
	if (!strcmp(pc->code, "thousands_sep"))
		return "千位分隔符位置错误";
	if (!strcmp(pc->code, "negative"))
		return "不能为负数";
	if (!strcmp(pc->code, "money_range"))
		return "超出范围（最多100000000000万元）";
	return "不是数字";
}

/* An amount as the grid sends it: text in 万元 (key, e.g. "invest"), read
 * exactly as an import cell is (full-width digits, thousands commas, at most
 * 4 decimals: io/parse.c), or whole yuan (yuan_key, "invest_yuan"); blank or
 * null clears it. A bad text appends its error (naming key, with the
 * importer's reason) to errors and returns -1, so that every amount of a row
 * is judged at once; a bad yuan amount sets the 400 on rs and returns -2. */
static int amount_field(struct http_resp *rs, json_t *body, const char *key,
			const char *yuan_key, const char *label_zh, int64_t *out, json_t *errors)
{
	json_t *v = json_object_get(body, key);
	struct problem_code pc;
	char msg[256], zh[256], tmp[32];
	const char *s, *why;
	int64_t yuan;

	if (!v)
		return money_field(rs, body, yuan_key, out) ? -2 : 0;
	s = json_string_value(v);
	why = s ? parse_wanyuan(s, &yuan) : json_is_null(v) ? "empty" : "not a number";
	if (why && !strcmp(why, "empty")) { /* blank: spaces of any width */
		yuan = AMOUNT_NONE;
		why = NULL;
	} else if (!why) {
		why = amount_problem(yuan);
	}
	if (json_object_get(body, yuan_key)) {
		snprintf(msg, sizeof(msg), "give %s or %s, not both", key, yuan_key);
		json_array_append_new(errors, http_error_json(HE_INVALID, msg, "金额只能填写一种形式",
							      key));
		return -1;
	}
	if (why) {
		problem_code(why, &pc);
		snprintf(msg, sizeof(msg), "%s \"%.64s\": %s (万元, at most 4 decimals)", key,
			 s ? s : "", why);
		snprintf(zh, sizeof(zh), "%s“%.64s”：%s（万元，最多4位小数）", label_zh, s ? s : "",
			 amount_problem_zh(&pc, tmp, sizeof(tmp)));
		json_array_append_new(errors, http_error_json(HE_INVALID, msg, zh, key));
		return -1;
	}
	*out = yuan;
	return 0;
}

/* The amounts of a report's body into r: 0, or -1 with the 400 set — the
 * first bad amount as the error, and every one in "errors". */
static int report_amounts(struct http_resp *rs, json_t *body, struct report *r)
{
	json_t *errors = json_array();
	int a, b;

	a = amount_field(rs, body, "invest", "invest_yuan", "本月完成投资", &r->invest, errors);
	b = a == -2 ? 0 : amount_field(rs, body, "output", "output_yuan", "本月产值", &r->output,
					errors);
	if (a == -2 || b == -2) {
		json_decref(errors);
		return -1;
	}
	if (!json_array_size(errors)) {
		json_decref(errors);
		return 0;
	}
	resp_fail_doc(rs, HE_INVALID, json_pack("{s:O, s:o}", "error", json_array_get(errors, 0),
						"errors", errors));
	return -1;
}

static int text_field(struct http_resp *rs, json_t *body, const char *key, char **out)
{
	json_t *v = json_object_get(body, key);

	if (!v)
		return 0;
	if (!json_is_null(v) && (!json_is_string(v) || strlen(json_string_value(v)) > 2000)) {
		resp_fail(rs, HE_INVALID, "a text of at most 2000 bytes", "文本过长", key);
		return -1;
	}
	free(*out);
	*out = json_is_null(v) ? NULL : xstrdup(json_string_value(v));
	return 0;
}

/* Begin a report write: the transaction, the project of the path (404/403
 * as report_project says) and its report of month into *row (*found 0 when
 * there is none). -1 with the error set. */
static int begin_report(struct http_req *rq, struct http_resp *rs, bl_month month,
			struct project *p, enum wf_sight *sight, struct report_row *row,
			int *found)
{
	enum bl_err rc;

	*found = 0;
	if (http_begin(rq, rs) || report_project(rq, rs, rq->captures[0], p, sight))
		return -1;
	rc = store_report_get(rq->st, p->id, month, row);
	if (rc && rc != BL_ENOTFOUND) {
		resp_store_error(rs, rq->st, rc);
		return -1;
	}
	*found = rc == BL_OK;
	return 0;
}

/* PUT /reports/:ref/:month {invest_yuan | invest, output_yuan | output, progress,
 * problems, version}: amounts in whole yuan, or as the text typed in 万元
 * The workflow table decides (a save), then the version is checked; read,
 * check and write in one transaction (no lost update). */
void h_reports_put(struct http_req *rq, struct http_resp *rs)
{
	struct wf_request q;
	struct report_row old;
	struct report r;
	struct project p;
	enum wf_sight sight;
	enum wf_outcome o;
	json_t *body;
	bl_month month;
	enum bl_err rc;
	int found = 0, to;

	memset(&r, 0, sizeof(r));
	memset(&old, 0, sizeof(old));
	project_init(&p);
	if (http_month(rs, rq->captures[1], &month))
		return;
	body = req_json(rq, rs);
	if (!body)
		return;
	if (begin_report(rq, rs, month, &p, &sight, &old, &found))
		goto out;
	ask_init(&q, rq, WA_SAVE, sight);
	if (found)
		q.from = (int)old.r.status;
	o = workflow_decide(&q, &to, NULL);
	if (o != WFO_OK) {
		refuse(rs, &q, o, rq->captures[0]);
		goto out;
	}
	r.project_id = p.id;
	r.month = month;
	r.invest = r.output = AMOUNT_NONE;
	r.status = (enum report_status)(to == WF_UNCHANGED ? (int)old.r.status : to);
	if (found) {
		/* A PUT without a version means "create": someone else did first. */
		if (!req_header(rq, "If-Match") && !json_object_get(body, "version")) {
			resp_stale(rs, row_json(&old));
			goto out;
		}
		if (version_check(rq, rs, body, old.r.version, row_json(&old)))
			goto out;
		r.invest = old.r.invest;
		r.output = old.r.output;
		r.progress = old.r.progress ? xstrdup(old.r.progress) : NULL;
		r.problems = old.r.problems ? xstrdup(old.r.problems) : NULL;
	}
	if (report_amounts(rs, body, &r) || text_field(rs, body, "progress", &r.progress) ||
	    text_field(rs, body, "problems", &r.problems))
		goto out;
	rc = store_report_put(rq->st, &r);
	if (!http_finish(rq, rs, rc)) {
		struct report_row now;

		if (store_report_get(rq->st, p.id, month, &now) == BL_OK) {
			resp_json(rs, found ? 200 : 201, row_json(&now));
			report_row_release(&now);
		}
	}
out:
	store_rollback(rq->st); /* nothing to undo after http_finish */
	report_release(&r);
	if (found)
		report_row_release(&old);
	project_release(&p);
	json_decref(body);
}

/* POST /reports/submit {"month": "2024-06", "refs": [...]}: submit the month's
 * reports of the caller's projects (or of refs) that the workflow table lets
 * the caller submit; it skips the others (DOMAIN.md §3), and those it would
 * submit but that lack an amount (report_incomplete), which it lists as
 * "incomplete" with the field and why. */
void h_reports_submit(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs), *refs, *done, *incomplete;
	struct wf_request q;
	struct dataset ds;
	bl_month month;
	size_t i;
	enum bl_err rc = BL_OK;

	if (!body)
		return;
	if (http_month(rs, json_string_value(json_object_get(body, "month")), &month))
		goto out_body;
	ask_init(&q, rq, WA_SUBMIT, WF_SEEN);
	if (!workflow_role_may(WF_REPORT, WA_SUBMIT, rq->actor.role)) {
		refuse(rs, &q, WFO_FORBIDDEN, NULL);
		goto out_body;
	}
	refs = json_object_get(body, "refs");
	if (load_year(rq, rs, month_year(month), &ds))
		goto out_body;
	done = json_array();
	incomplete = json_array();
	rc = store_begin(rq->st);
	for (i = 0; !rc && i < ds.n_projects; i++) {
		const struct project *p = &ds.projects[i];
		struct report_row rr;
		enum bl_err got;
		size_t k;
		int named = !json_is_array(refs), to;

		for (k = 0; !named && k < json_array_size(refs); k++)
			named = !strcmp(json_string_value(json_array_get(refs, k)) ?
					json_string_value(json_array_get(refs, k)) : "", p->ref);
		if (!named)
			continue;
		got = store_report_get(rq->st, p->id, month, &rr);
		if (got && got != BL_ENOTFOUND) {
			rc = got;
			break;
		}
		ask_init(&q, rq, WA_SUBMIT, workflow_report_sight(&rq->actor, &ds, p));
		if (!got)
			q.from = (int)rr.r.status;
		if (workflow_decide(&q, &to, NULL) != WFO_OK) {
			/* skipped, as the table says */
		} else if (!got && report_incomplete(&rr.r)) {
			/* a blank amount is not submitted: the section fills it first */
			json_array_append_new(incomplete, json_pack("{s:s, s:s, s:s, s:s}", "ref",
				p->ref, "field", report_incomplete(&rr.r), "message",
				"this month's investment is blank; fill it in (0 if none)",
				"message_zh", "本月完成投资未填写（没有投资请填 0）"));
		} else {
			rc = store_report_transition(rq->st, p->id, month,
						     workflow_from_mask(WF_REPORT, WA_SUBMIT, q.role,
									q.sight, to),
						     (enum report_status)to, rq->actor_name, NULL);
			json_array_append_new(done, json_string(p->ref));
		}
		if (!got)
			report_row_release(&rr);
	}
	if (http_finish(rq, rs, rc)) {
		json_decref(done);
		json_decref(incomplete);
	} else {
		resp_json(rs, 200, json_pack("{s:I, s:o, s:o}", "submitted",
					     (json_int_t)json_array_size(done), "refs", done,
					     "incomplete", incomplete));
	}
	dataset_release(&ds);
out_body:
	json_decref(body);
}

/* POST /reports/:ref/:month/verify and /return {reason}: act as the table
 * says, in one transaction with the read of the report's status. */
static void review(struct http_req *rq, struct http_resp *rs, enum wf_action act)
{
	struct wf_request q;
	struct report_row now;
	struct project p;
	enum wf_sight sight;
	enum wf_outcome o;
	json_t *body = NULL;
	bl_month month;
	enum bl_err rc;
	int to, found;

	project_init(&p);
	if (http_month(rs, rq->captures[1], &month))
		return;
	if (act == WA_RETURN) {
		body = req_json(rq, rs);
		if (!body)
			return;
	}
	if (begin_report(rq, rs, month, &p, &sight, &now, &found))
		goto out;
	ask_init(&q, rq, act, sight);
	q.reason = json_string_value(json_object_get(body, "reason"));
	if (found) {
		q.from = (int)now.r.status;
		report_row_release(&now);
	}
	o = workflow_decide(&q, &to, NULL);
	if (o != WFO_OK) {
		refuse(rs, &q, o, rq->captures[0]);
		goto out;
	}
	rc = store_report_transition(rq->st, p.id, month,
				     workflow_from_mask(WF_REPORT, act, q.role, sight, to),
				     (enum report_status)to, rq->actor_name, q.reason);
	if (!http_finish(rq, rs, rc) && store_report_get(rq->st, p.id, month, &now) == BL_OK) {
		resp_json(rs, 200, row_json(&now));
		report_row_release(&now);
	}
out:
	store_rollback(rq->st); /* nothing to undo after http_finish */
	project_release(&p);
	json_decref(body);
}

void h_reports_verify(struct http_req *rq, struct http_resp *rs)
{
	review(rq, rs, WA_VERIFY);
}

void h_reports_return(struct http_req *rq, struct http_resp *rs)
{
	review(rq, rs, WA_RETURN);
}
