/* fuzz_params.c — libFuzzer target for the query parameters of the HTTP API
 * (src/http/params.c: the project filters, year/asof, paging, and the
 * handlers' own keys: by, format, kind, month). The input is a query string
 * ("year=2024&tier=city"), split and %-decoded as libmicrohttpd does
 * (MHD_http_unescape). This file stands in for server.c (the Makefile links
 * this target without it): req_query answers from the parsed input.
 * Checked: a refusal is a 400 whose JSON names a parameter; an acceptance
 * leaves every field in its documented range; the filter then runs over a
 * small fixed district without trouble. */
#include <microhttpd.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/measures.h"
#include "http/params.h"
#include "http/server.h"
#include "io/import.h"
#include "io/parse.h"
#include "report/render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 64

static char *arg_key[MAX_ARGS], *arg_val[MAX_ARGS];
static size_t n_args;

/* ---- what server.c would provide ---- */

const char *req_query(const struct http_req *rq, const char *key)
{
	size_t i;

	(void)rq;
	for (i = 0; i < n_args; i++)
		if (!strcmp(arg_key[i], key))
			return arg_val[i];
	return NULL;
}

void req_query_key(const struct http_req *rq, struct buf *out)
{
	size_t i;

	(void)rq;
	for (i = 0; i < n_args; i++)
		buf_addf(out, "&%s=%s", arg_key[i], arg_val[i] ? arg_val[i] : "");
}

const char *req_header(const struct http_req *rq, const char *key)
{
	(void)rq;
	(void)key;
	return NULL;
}

int64_t http_generation(struct http_req *rq)
{
	(void)rq;
	return -1;
}

int http_cache_get(struct http_server *srv, const char *key, int64_t gen, struct buf *out)
{
	(void)srv, (void)key, (void)gen, (void)out;
	return 0;
}

void http_cache_put(struct http_server *srv, const char *key, int64_t gen, const char *body,
		    size_t len)
{
	(void)srv, (void)key, (void)gen, (void)body, (void)len;
}

int http_render_begin(struct http_server *srv)
{
	(void)srv;
	return -1;
}

void http_render_end(struct http_server *srv)
{
	(void)srv;
}

int server_run(const struct server_options *opt)
{
	(void)opt;
	return -1;
}

/* The server's snapshot of the data (server.c): the parameters never reach
 * it (the checks below resolve against their own small district). */
const struct snapshot *http_snapshot(struct http_req *rq)
{
	(void)rq;
	return NULL;
}

void http_after_write(struct http_req *rq)
{
	(void)rq;
}

/* ---- a small district: city > district > S01 > S11, and a department ---- */

static struct unit units[] = {
	{ 1, (char *)"C", (char *)"市", UNIT_CITY, 0, 1 },
	{ 2, (char *)"D", (char *)"区", UNIT_DISTRICT, 1, 1 },
	{ 3, (char *)"S01", (char *)"甲板块", UNIT_SECTION, 2, 1 },
	{ 4, (char *)"S11", (char *)"甲街道", UNIT_STREET, 3, 1 },
	{ 5, (char *)"D01", (char *)"发改委", UNIT_DEPARTMENT, 2, 1 },
};
#define N_UNITS (sizeof(units) / sizeof(units[0]))
#define N_PROJECTS 3

static struct dataset ds;
static struct project projects[N_PROJECTS];
static struct listing listings[N_PROJECTS];
static struct year_reports reports[N_PROJECTS];

static void district_init(void)
{
	static const char *const refs[N_PROJECTS] = { "2024-001", "2024-002", "P3" };
	static const char *const names[N_PROJECTS] = { "甲项目", "乙项目", "丙" };
	size_t i;

	if (ds.units)
		return;
	for (i = 0; i < N_PROJECTS; i++) {
		struct project *p = &projects[i];

		project_init(p);
		p->id = (int64_t)i + 1;
		p->ref = (char *)refs[i];
		p->name = (char *)names[i];
		p->industry = i ? (char *)"集成电路" : NULL;
		p->industrial = (int)(i & 1);
		p->section_id = i == 2 ? 4 : 3;
		p->department_id = i == 1 ? 5 : 0;
		p->planned_start = day_from_ymd(2024, 3, 1);
		p->stage_on[STAGE_SIGNED] = day_from_ymd(2023, 11, 20);
		if (i) {
			p->stage_on[STAGE_FILED] = day_from_ymd(2024, 1, 5);
			p->stage_on[STAGE_STARTED] = day_from_ymd(2024, 4, 1 + (int)i);
		}
		listings[i].project_id = p->id;
		listings[i].year = 2024;
		listings[i].tiers = TIER_BIT(TIER_DISTRICT) | (i ? TIER_BIT(TIER_CITY) : 0u);
		listings[i].annual_plan = 1000000 * (int64_t)(i + 1);
	}
	ds.year = 2024;
	ds.units = units;
	ds.n_units = N_UNITS;
	ds.projects = projects;
	ds.listings = listings;
	ds.reports = reports;
	ds.n_projects = N_PROJECTS;
	dataset_index(&ds);
}

/* ---- the input as a query string ---- */

static void args_release(void)
{
	size_t i;

	for (i = 0; i < n_args; i++) {
		free(arg_key[i]);
		free(arg_val[i]);
	}
	n_args = 0;
}

static char *dup_unescaped(const uint8_t *s, size_t n)
{
	char *out = malloc(n + 1);

	if (!out)
		abort();
	memcpy(out, s, n);
	out[n] = '\0';
	MHD_http_unescape(out);
	return out;
}

static void args_parse(const uint8_t *data, size_t size)
{
	size_t start = 0, i;

	for (i = 0; i <= size && n_args < MAX_ARGS; i++) {
		const uint8_t *eq;

		if (i < size && data[i] != '&')
			continue;
		if (i > start) {
			eq = memchr(data + start, '=', i - start);
			if (eq) {
				arg_key[n_args] = dup_unescaped(data + start, (size_t)(eq - data - start));
				arg_val[n_args] = dup_unescaped(eq + 1, (size_t)(data + i - eq - 1));
			} else {
				arg_key[n_args] = dup_unescaped(data + start, i - start);
				arg_val[n_args] = NULL;
			}
			n_args++;
		}
		start = i + 1;
	}
}

/* ---- the checks ---- */

static const char *const param_names[] = {
	"year", "asof", "industrial", "tier", "light", "stage", "reached", "not_reached",
	"due_start", "reached_from", "section", "department", "q", "limit", "offset",
	"kind", "industry", "by", "min", /* the parameter table's (io/scope_params.c) */
};

/* A refusal: status 400, a JSON error naming a known parameter. */
static void check_refusal(struct http_resp *rs)
{
	json_t *j, *field;
	size_t i;
	int known = 0;

	if (rs->status != 400)
		abort();
	j = json_loadb(rs->body.s, rs->body.len, 0, NULL);
	field = json_object_get(json_object_get(j, "error"), "field");
	for (i = 0; json_is_string(field) && i < sizeof(param_names) / sizeof(param_names[0]); i++)
		known |= !strcmp(json_string_value(field), param_names[i]);
	if (!known)
		abort();
	json_decref(j);
}

static void check_day_ok(bl_day d)
{
	int y, m, dd;

	if (d == DAY_NONE)
		abort();
	day_to_ymd(d, &y, &m, &dd);
	if (!date_valid(y, m, dd))
		abort();
}

static void reset(struct http_resp *rs)
{
	buf_release(&rs->body);
	memset(rs, 0, sizeof(*rs));
	rs->status = 200;
}

/* The parameter table (io/scope_params.c) as the API reads it: every field
 * in its range, the units resolved or refused, then every project matched. */
static void check_filter(struct http_req *rq, struct http_resp *rs)
{
	const struct scope *f;
	struct scope_query q;
	size_t i;

	if (http_scope_query(rq, rs, SP_PERIOD | SP_FILTERS | SP_BIT(SP_MIN) | SP_BIT(SP_BY),
			     &q)) {
		check_refusal(rs);
		return;
	}
	f = &q.sc;
	if (rs->status != 200 || f->year < 1900 || f->year > 2999 || f->tier < TIER_ANY ||
	    f->tier >= TIER__MAX || f->light < -1 || f->light >= LIGHT__MAX || f->stage < -1 ||
	    f->stage > STAGE__MAX || f->reached < -1 || f->reached >= STAGE__MAX ||
	    f->not_reached < -1 || f->not_reached >= STAGE__MAX ||
	    (f->industrial_only != 0 && f->industrial_only != 1) ||
	    (f->due_start != 0 && f->due_start != 1) || q.by < 0 || q.by >= BY__MAX ||
	    q.min < 0 || q.min >= LIGHT__MAX)
		abort();
	check_day_ok(f->asof);
	if (f->reached_from != DAY_NONE) {
		check_day_ok(f->reached_from);
		if (f->reached < 0)
			abort();
	}
	if (http_scope_resolve(rs, &ds, &q)) {
		check_refusal(rs);
		return;
	}
	if ((f->section_code && *f->section_code && !f->section_id) ||
	    (f->department_code && *f->department_code && !f->department_id))
		abort();
	q.sc.lights = NULL; /* every project green: the light filter still runs */
	q.sc.year = ds.year;
	for (i = 0; i < ds.n_projects; i++)
		scope_matches(&ds, &q.sc, i);
}

static void check_paging(struct http_req *rq, struct http_resp *rs)
{
	struct scope_query q;
	int64_t limit, offset;

	if (http_scope_query(rq, rs, SP_PAGING, &q) ||
	    http_paging(rs, &q, 50, 1000, &limit, &offset)) {
		check_refusal(rs);
		return;
	}
	if (limit < 1 || limit > 1000 || offset < 0)
		abort();
}

static void check_year_asof(struct http_req *rq, struct http_resp *rs)
{
	struct scope_query q;

	if (http_scope_query(rq, rs, SP_PERIOD, &q)) {
		check_refusal(rs);
		return;
	}
	if (q.sc.year < 1900 || q.sc.year > 2999)
		abort();
	check_day_ok(q.sc.asof);
}

static void check_keys(struct http_req *rq)
{
	const char *s;
	bl_month mo;
	int k;

	s = req_query(rq, "by");
	k = s ? breakdown_from_key(s) : 0;
	if (k < -1 || k >= BY__MAX)
		abort();
	s = req_query(rq, "format");
	k = s ? render_format_from_key(s) : 0;
	if (k < -1 || k >= RENDER__MAX)
		abort();
	s = req_query(rq, "kind");
	k = s ? import_kind_from_key(s) : 0;
	if (k < -1 || k >= FILE_KIND__MAX)
		abort();
	s = req_query(rq, "month");
	if (s && !parse_month(s, &mo) && (month_year(mo) < 1900 || month_year(mo) > 2999))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_req rq;
	struct http_resp rs;

	if (size > 8192)
		return 0;
	district_init();
	args_parse(data, size);
	memset(&rq, 0, sizeof(rq));
	rq.method = "GET";
	rq.path = "/api/v1/projects";
	memset(&rs, 0, sizeof(rs));
	rs.status = 200;
	check_filter(&rq, &rs);
	reset(&rs);
	check_paging(&rq, &rs);
	reset(&rs);
	check_year_asof(&rq, &rs);
	reset(&rs);
	check_keys(&rq);
	args_release();
	return 0;
}
