/* res_reports.c — /api/v1/reports: the monthly report workflow (月度填报).
 * A section user fills its projects' reports for a month (saved as drafts),
 * submits them; a coordinator verifies (核实) or returns them with a reason.
 * A verified report changes only by a coordinator's amendment, which the
 * audit trail keeps with the old values. */
#include <stdlib.h>
#include <string.h>

#include "http/json_out.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/parse.h"
#include "store/store_workflow.h"
#include "util/xalloc.h"

static int parse_month_param(struct http_resp *rs, const char *s, bl_month *out)
{
	if (!s || parse_month(s, out)) {
		resp_bad_request(rs, "month", "month is YYYY-MM");
		return -1;
	}
	return 0;
}

static json_t *amount(int64_t v)
{
	return v == AMOUNT_NONE ? json_null() : json_integer((json_int_t)v);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *row_json(const struct report_row *rr)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:s, s:I, s:o, s:o, s:o, s:o, s:o}",
			 "invest_yuan", amount(rr->r.invest), "output_yuan", amount(rr->r.output),
			 "progress", str_or_null(rr->r.progress), "problems",
			 str_or_null(rr->r.problems), "status", report_status_keys[rr->r.status],
			 "version", (json_int_t)rr->r.version, "return_reason",
			 str_or_null(rr->return_reason), "submitted_by", str_or_null(rr->submitted_by),
			 "submitted_at", str_or_null(rr->submitted_at), "verified_by",
			 str_or_null(rr->verified_by), "verified_at", str_or_null(rr->verified_at));
}

struct month_ctx {
	struct dataset *ds;
	json_t **by_index;   /* report JSON per project index */
};

static int collect(void *ctx, const struct report_row *rr)
{
	struct month_ctx *c = ctx;
	size_t lo = 0, hi = c->ds->n_projects;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->ds->projects[mid].id == rr->r.project_id) {
			c->by_index[mid] = row_json(rr);
			return 0;
		}
		if (c->ds->projects[mid].id < rr->r.project_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* GET /reports?month=YYYY-MM[&section=][&status=missing|draft|…]: every visible
 * project listed that year with its report for the month (null: not yet). */
void h_reports_list(struct http_req *rq, struct http_resp *rs)
{
	struct project_filter f;
	struct month_ctx c;
	struct dataset ds;
	const char *status = req_query(rq, "status");
	json_t *items;
	bl_month month;
	size_t i, n_missing = 0;

	if (parse_month_param(rs, req_query(rq, "month"), &month) ||
	    parse_project_filter(rq, rs, &f) || load_year(rq, rs, month_year(month), &ds))
		return;
	if (filter_resolve(rs, &ds, &f))
		goto out;
	c.ds = &ds;
	c.by_index = xcalloc(ds.n_projects + 1, sizeof(*c.by_index));
	if (store_reports_month(rq->st, month, collect, &c)) {
		resp_store_error(rs, rq->st, BL_EDB);
		goto free_rows;
	}
	items = json_array();
	for (i = 0; i < ds.n_projects; i++) {
		const struct project *p = &ds.projects[i];
		const struct unit *u = dataset_unit(&ds, p->section_id);
		json_t *rep = c.by_index[i] ? c.by_index[i] : json_null();
		const char *st = c.by_index[i] ?
			json_string_value(json_object_get(rep, "status")) : "missing";

		if (!access_project_visible(&rq->actor, &ds, p) || !filter_project(&f, &ds, i) ||
		    (status && *status && strcmp(status, st))) {
			json_decref(rep);
			c.by_index[i] = NULL;
			continue;
		}
		c.by_index[i] = NULL;
		n_missing += !strcmp(st, "missing");
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:b, s:o}",
			"ref", p->ref, "name", p->name, "section", u ? u->code : "",
			"section_name", u ? u->name : "",
			"editable", access_project_editable(&rq->actor, &ds, p), "report", rep));
	}
	resp_json(rs, 200, json_pack("{s:s, s:I, s:I, s:o}", "month", req_query(rq, "month"),
				     "total", (json_int_t)json_array_size(items), "missing",
				     (json_int_t)n_missing, "items", items));
free_rows:
	for (i = 0; i < ds.n_projects; i++)
		json_decref(c.by_index[i]);
	free(c.by_index);
out:
	dataset_release(&ds);
}

/* The project of ref if the caller may write its reports; else an error: 404
 * when the caller cannot see the project (it does not exist for them, as on
 * reads), 403 when they see it but may not change it. */
static int writable_project(struct http_req *rq, struct http_resp *rs, const char *ref,
			    struct project *p, int need_edit)
{
	struct dataset units;
	int visible, ok;

	if (store_project_by_ref(rq->st, ref, p)) {
		resp_not_found(rs, ref);
		return -1;
	}
	if (load_units(rq, rs, &units)) {
		project_release(p);
		return -1;
	}
	visible = access_project_visible(&rq->actor, &units, p);
	ok = need_edit ? access_project_editable(&rq->actor, &units, p) : visible;
	dataset_release(&units);
	if (!visible) {
		project_release(p);
		resp_not_found(rs, ref);
		return -1;
	}
	if (!ok) {
		project_release(p);
		resp_error(rs, 403, "forbidden", "this project is outside your unit",
			   "该项目不属于您的单位", NULL);
		return -1;
	}
	return 0;
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
		resp_error(rs, 400, "invalid", "an amount in whole yuan from 0 to 10^15",
			   "金额须为0至10^15元的整数", key);
		return -1;
	}
	*out = (int64_t)json_integer_value(v);
	return 0;
}

static int text_field(struct http_resp *rs, json_t *body, const char *key, char **out)
{
	json_t *v = json_object_get(body, key);

	if (!v)
		return 0;
	if (!json_is_null(v) && (!json_is_string(v) || strlen(json_string_value(v)) > 2000)) {
		resp_error(rs, 400, "invalid", "a text of at most 2000 bytes", "文本过长", key);
		return -1;
	}
	free(*out);
	*out = json_is_null(v) ? NULL : xstrdup(json_string_value(v));
	return 0;
}

/* PUT /reports/:ref/:month {invest_yuan, output_yuan, progress, problems, version}
 * Read, version check and write in one transaction (no lost update). */
void h_reports_put(struct http_req *rq, struct http_resp *rs)
{
	struct report_row old;
	struct report r;
	struct project p;
	json_t *body;
	bl_month month;
	enum bl_err rc;
	int found = 0, coordinator = access_allows(rq->actor.role, RES_REPORTS, ACT_VERIFY);

	memset(&r, 0, sizeof(r));
	project_init(&p);
	if (parse_month_param(rs, rq->captures[1], &month))
		return;
	body = req_json(rq, rs);
	if (!body)
		return;
	rc = store_begin(rq->st);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	if (writable_project(rq, rs, rq->captures[0], &p, 1))
		goto out;
	r.project_id = p.id;
	r.month = month;
	r.invest = r.output = AMOUNT_NONE;
	r.status = REPORT_DRAFT;
	rc = store_report_get(rq->st, p.id, month, &old);
	if (rc && rc != BL_ENOTFOUND) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	found = rc == BL_OK;
	if (found) {
		/* A PUT without a version means "create": someone else did first. */
		if (!req_header(rq, "If-Match") && !json_object_get(body, "version")) {
			resp_stale(rs, row_json(&old));
			goto out;
		}
		if (version_check(rq, rs, body, old.r.version, row_json(&old)))
			goto out;
		if ((old.r.status == REPORT_SUBMITTED || old.r.status == REPORT_VERIFIED) &&
		    !coordinator) {
			resp_error(rs, 409, "locked", "the report is submitted or verified; ask the "
				   "project office to return it", "月报已提交或已核实，如需修改请联系项目办退回",
				   "status");
			goto out;
		}
		r.invest = old.r.invest;
		r.output = old.r.output;
		r.progress = old.r.progress ? xstrdup(old.r.progress) : NULL;
		r.problems = old.r.problems ? xstrdup(old.r.problems) : NULL;
		/* A coordinator's change keeps the status: an amendment. */
		r.status = coordinator ? old.r.status : REPORT_DRAFT;
	}
	if (money_field(rs, body, "invest_yuan", &r.invest) ||
	    money_field(rs, body, "output_yuan", &r.output) ||
	    text_field(rs, body, "progress", &r.progress) ||
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
 * drafts (and returned reports) of the caller's projects, or of refs. */
void h_reports_submit(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs), *refs, *done;
	struct dataset ds;
	bl_month month;
	size_t i;
	enum bl_err rc = BL_OK;
	unsigned from = (1u << REPORT_DRAFT) | (1u << REPORT_RETURNED);

	if (!body)
		return;
	if (parse_month_param(rs, json_string_value(json_object_get(body, "month")), &month))
		goto out_body;
	refs = json_object_get(body, "refs");
	if (load_year(rq, rs, month_year(month), &ds))
		goto out_body;
	done = json_array();
	rc = store_begin(rq->st);
	for (i = 0; !rc && i < ds.n_projects; i++) {
		const struct project *p = &ds.projects[i];
		struct report_row rr;
		size_t k;
		int named = !json_is_array(refs);

		for (k = 0; !named && k < json_array_size(refs); k++)
			named = !strcmp(json_string_value(json_array_get(refs, k)) ?
					json_string_value(json_array_get(refs, k)) : "", p->ref);
		if (!named || !access_project_editable(&rq->actor, &ds, p) ||
		    store_report_get(rq->st, p->id, month, &rr))
			continue;
		if (from & (1u << rr.r.status)) {
			rc = store_report_transition(rq->st, p->id, month, from, REPORT_SUBMITTED,
						     rq->actor_name, NULL);
			json_array_append_new(done, json_string(p->ref));
		}
		report_row_release(&rr);
	}
	if (http_finish(rq, rs, rc)) {
		json_decref(done);
	} else {
		resp_json(rs, 200, json_pack("{s:I, s:o}", "submitted",
					     (json_int_t)json_array_size(done), "refs", done));
	}
	dataset_release(&ds);
out_body:
	json_decref(body);
}

static void review(struct http_req *rq, struct http_resp *rs, enum report_status to)
{
	struct report_row now;
	struct project p;
	json_t *body = NULL;
	const char *reason = NULL;
	bl_month month;
	enum bl_err rc;

	if (parse_month_param(rs, rq->captures[1], &month))
		return;
	if (to == REPORT_RETURNED) {
		body = req_json(rq, rs);
		if (!body)
			return;
		reason = json_string_value(json_object_get(body, "reason"));
		if (!reason || !*reason || strlen(reason) > 2000) {
			resp_error(rs, 400, "invalid", "returning a report needs a reason",
				   "退回须填写原因", "reason");
			goto out;
		}
	}
	if (writable_project(rq, rs, rq->captures[0], &p, 0))
		goto out;
	rc = store_begin(rq->st);
	if (!rc)
		rc = store_report_transition(rq->st, p.id, month, 1u << REPORT_SUBMITTED, to,
					     rq->actor_name, reason);
	if (http_finish(rq, rs, rc)) {
	} else if (store_report_get(rq->st, p.id, month, &now) == BL_OK) {
		resp_json(rs, 200, row_json(&now));
		report_row_release(&now);
	}
	project_release(&p);
out:
	json_decref(body);
}

void h_reports_verify(struct http_req *rq, struct http_resp *rs)
{
	review(rq, rs, REPORT_VERIFIED);
}

void h_reports_return(struct http_req *rq, struct http_resp *rs)
{
	review(rq, rs, REPORT_RETURNED);
}
