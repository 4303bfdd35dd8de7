/* list_out.c — lists as JSON or XLSX (list_out.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http/list_out.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/scope_params.h"

#define LIST_XLSX_MAX ((size_t)256 << 20)

static const char *const XLSX_MIME =
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

int http_list_format(struct http_req *rq, struct http_resp *rs, int *xlsx)
{
	const char *f = req_query(rq, "format");

	*xlsx = f && !strcmp(f, "xlsx");
	if (f && *f && !*xlsx && strcmp(f, "json")) {
		resp_fail(rs, HE_INVALID, "format is json or xlsx", "格式应为 json 或 xlsx",
			  "format");
		return -1;
	}
	return 0;
}

static void pair(json_t *a, const char *label, const char *value)
{
	json_array_append_new(a, json_pack("[s, s]", label, value));
}

/* The 条件 sheet: who, when, the period in effect and what was asked. */
static json_t *caption(struct http_req *rq, const struct scope_query *period,
		       const struct list_param *extra, size_t n_extra)
{
	json_t *a = json_array();
	struct buf who = BUF_INIT;
	char now[32], day[11];
	time_t t = time(NULL);
	struct tm tm;
	size_t i;
	int p;

	buf_addf(&who, "%s（%s）", rq->actor.username ? rq->actor.username : "",
		 (unsigned)rq->actor.role < ROLE__MAX ? role_labels[rq->actor.role] : "");
	pair(a, "导出人", who.s);
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%d %H:%M:%S UTC", &tm);
	pair(a, "导出时间", now);
	if (period) {
		snprintf(day, sizeof(day), "%d", period->sc.year);
		pair(a, scope_params[SP_YEAR].label, day);
		pair(a, scope_params[SP_ASOF].label, day_format(period->sc.asof, day));
	}
	for (p = 0; p < SP__MAX; p++) {
		const char *v;

		if (p == SP_LIMIT || p == SP_OFFSET || (period && (p == SP_YEAR || p == SP_ASOF)))
			continue;
		v = req_query(rq, scope_params[p].key);
		if (!v || !*v)
			v = req_query(rq, scope_params[p].label);
		if (v && *v)
			pair(a, scope_params[p].label, v);
	}
	for (i = 0; i < n_extra; i++) {
		const char *v = req_query(rq, extra[i].key);

		if (v && *v)
			pair(a, extra[i].label, v);
	}
	buf_release(&who);
	return a;
}

void http_answer_xlsx(struct http_req *rq, struct http_resp *rs, enum list_kind k,
		      json_t *items, const struct scope_query *period,
		      const struct list_param *extra, size_t n_extra)
{
	json_t *cap = caption(rq, period, extra, n_extra);
	struct buf err = BUF_INIT, d = BUF_INIT;

	buf_reset(&rs->body);
	if (list_xlsx(k, items, cap, &rs->body, LIST_XLSX_MAX, &err)) {
		buf_reset(&rs->body);
		resp_fail(rs, HE_INTERNAL, err.len ? err.s : "cannot write the spreadsheet",
			  "无法生成表格文件", NULL);
	} else {
		rs->status = 200;
		rs->content_type = XLSX_MIME;
		buf_addf(&d, "attachment; filename=\"ballast-%s.xlsx\"", list_kind_keys[k]);
		rs->disposition = buf_detach(&d, NULL);
	}
	json_decref(items);
	json_decref(cap);
	buf_release(&err);
}
