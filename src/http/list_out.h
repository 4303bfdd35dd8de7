/* list_out.h — a list route's answer as JSON or, with ?format=xlsx, as the
 * spreadsheet of the same rows (io/list_xlsx.h): the rows the route would
 * answer, so an export holds exactly what the caller sees with the list's
 * filters, every page of it. */
#ifndef BL_LIST_OUT_H
#define BL_LIST_OUT_H

#include <jansson.h>

#include "http/http.h"
#include "io/list_xlsx.h"
#include "io/scope_params.h"

/* ?format= of a list: *xlsx 0 for JSON (absent, "json"), 1 for "xlsx"; a 400
 * naming format and -1 for anything else. */
int http_list_format(struct http_req *rq, struct http_resp *rs, int *xlsx);

/* A parameter of a route's own (not in io/scope_params.c) to write in the
 * spreadsheet's 条件 sheet: its query key and Chinese label. */
struct list_param {
	const char *key, *label;
};

/* Answer items (reference stolen) as the XLSX of kind k, file
 * ballast-<kind>.xlsx. Its 条件 sheet names who took it and when, year and
 * asof when period (the values in effect, given or not), then every scope
 * parameter given in the query and each of extra[0..n_extra) given. A 500
 * when it cannot be written. */
void http_answer_xlsx(struct http_req *rq, struct http_resp *rs, enum list_kind k,
		      json_t *items, const struct scope_query *period,
		      const struct list_param *extra, size_t n_extra);

#endif
