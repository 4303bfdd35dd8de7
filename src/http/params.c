/* params.c — shared query parameters and data loading for the resources. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http/params.h"
#include "io/parse.h"
#include "util/xalloc.h"

const char *const stage_filter_keys[STAGE__MAX + 1] = {
	"reserve", "signed", "filed", "started", "completed", "production", "capacity",
};

bl_day params_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int parse_year_asof(struct http_req *rq, struct http_resp *rs, int *year, bl_day *asof)
{
	const char *y = req_query(rq, "year"), *a = req_query(rq, "asof");
	bl_day now = params_today();
	int64_t v;

	*asof = DAY_NONE;
	if (a && parse_day(a, asof)) {
		resp_bad_request(rs, "asof", "asof is not a date (YYYY-MM-DD)");
		return -1;
	}
	if (y) {
		if (parse_int(y, &v) || v < 1900 || v > 2999) {
			resp_bad_request(rs, "year", "year is not a year");
			return -1;
		}
		*year = (int)v;
	} else {
		*year = day_year(*asof != DAY_NONE ? *asof : now);
	}
	if (*asof == DAY_NONE)
		*asof = day_year(now) == *year ? now : day_from_ymd(*year, 12, 31);
	return 0;
}

static int parse_bool_param(struct http_req *rq, struct http_resp *rs, const char *key, int *out)
{
	const char *s = req_query(rq, key);

	*out = 0;
	if (s && *s && parse_bool(s, out)) {
		resp_bad_request(rs, key, "not a yes/no value");
		return -1;
	}
	return 0;
}

static int find_key(const char *s, const char *const *keys, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, keys[i]))
			return i;
	return -1;
}

/* reached / not_reached: a stage key (not "reserve"), or absent (-1). */
static int parse_stage_param(struct http_req *rq, struct http_resp *rs, const char *key,
			     int *out)
{
	const char *s = req_query(rq, key);

	*out = -1;
	if (!s || !*s)
		return 0;
	*out = find_key(s, stage_keys, STAGE__MAX);
	if (*out < 0) {
		resp_bad_request(rs, key, "a stage: signed, filed, started, completed, production "
				 "or capacity");
		return -1;
	}
	return 0;
}

int parse_project_filter(struct http_req *rq, struct http_resp *rs, struct project_filter *f)
{
	const char *tier = req_query(rq, "tier"), *light = req_query(rq, "light");
	const char *stage = req_query(rq, "stage");

	memset(f, 0, sizeof(*f));
	if (parse_year_asof(rq, rs, &f->year, &f->asof) ||
	    parse_bool_param(rq, rs, "industrial", &f->industrial_only))
		return -1;
	f->tier = TIER_ANY;
	if (tier && *tier) {
		f->tier = find_key(tier, tier_keys, TIER__MAX);
		if (f->tier < 0) {
			resp_bad_request(rs, "tier", "tier is one of province, city, district");
			return -1;
		}
	}
	f->light = -1;
	if (light && *light) {
		f->light = find_key(light, light_keys, LIGHT__MAX);
		if (f->light < 0) {
			resp_bad_request(rs, "light", "light is one of green, yellow, red");
			return -1;
		}
	}
	f->stage = -1;
	if (stage && *stage) {
		f->stage = find_key(stage, stage_filter_keys, STAGE__MAX + 1);
		if (f->stage < 0) {
			resp_bad_request(rs, "stage", "stage is one of reserve, signed, filed, started, "
					 "completed, production, capacity");
			return -1;
		}
	}
	if (parse_stage_param(rq, rs, "reached", &f->reached) ||
	    parse_stage_param(rq, rs, "not_reached", &f->not_reached) ||
	    parse_bool_param(rq, rs, "due_start", &f->due_start))
		return -1;
	f->reached_from = DAY_NONE;
	if (req_query(rq, "reached_from") && *req_query(rq, "reached_from")) {
		if (parse_day(req_query(rq, "reached_from"), &f->reached_from)) {
			resp_bad_request(rs, "reached_from", "reached_from is a date (YYYY-MM-DD)");
			return -1;
		}
		if (f->reached < 0) {
			resp_bad_request(rs, "reached_from", "reached_from needs reached=STAGE");
			return -1;
		}
	}
	f->section = req_query(rq, "section");
	f->department = req_query(rq, "department");
	f->q = req_query(rq, "q");
	f->industry = req_query(rq, "industry");
	if ((f->q && strlen(f->q) > 200) || (f->industry && strlen(f->industry) > 200)) {
		resp_bad_request(rs, "q", "the search text is too long");
		return -1;
	}
	return 0;
}

static int64_t unit_id_of(const struct dataset *ds, const char *code)
{
	size_t i;

	for (i = 0; i < ds->n_units; i++)
		if (!strcmp(ds->units[i].code, code))
			return ds->units[i].id;
	return 0;
}

int filter_resolve(struct http_resp *rs, const struct dataset *ds, struct project_filter *f)
{
	if (f->section && *f->section) {
		f->section_id = unit_id_of(ds, f->section);
		if (!f->section_id) {
			resp_bad_request(rs, "section", "no unit has this code");
			return -1;
		}
	}
	if (f->department && *f->department) {
		f->department_id = unit_id_of(ds, f->department);
		if (!f->department_id) {
			resp_bad_request(rs, "department", "no unit has this code");
			return -1;
		}
	}
	return 0;
}

int project_stage_at(const struct project *p, bl_day asof)
{
	int k;

	for (k = STAGE__MAX - 1; k >= 0; k--)
		if (project_reached(p, (enum stage)k) <= asof)
			return k + 1;
	return 0;
}

static int contains(const char *hay, const char *needle)
{
	return hay && strstr(hay, needle);
}

int filter_project(const struct project_filter *f, const struct dataset *ds, size_t i)
{
	const struct project *p = &ds->projects[i];

	if (f->tier != TIER_ANY && !(ds->listings[i].tiers & TIER_BIT(f->tier)))
		return 0;
	if (f->section_id && !dataset_in_subtree(ds, p->section_id, f->section_id))
		return 0;
	if (f->department_id && p->department_id != f->department_id)
		return 0;
	if (f->industrial_only && !p->industrial)
		return 0;
	if (f->stage >= 0 && project_stage_at(p, f->asof) != f->stage)
		return 0;
	if (f->reached >= 0) {
		bl_day d = project_reached(p, (enum stage)f->reached);

		if (d > f->asof || (f->reached_from != DAY_NONE && d < f->reached_from))
			return 0;
	}
	if (f->not_reached >= 0 && project_reached(p, (enum stage)f->not_reached) <= f->asof)
		return 0;
	/* DOMAIN.md §4 应开尽开: planned start by D, over projects not started before Y. */
	if (f->due_start && (p->planned_start > f->asof ||
			     project_reached(p, STAGE_STARTED) < day_from_ymd(f->year, 1, 1)))
		return 0;
	if (f->industry && *f->industry && (!p->industry || strcmp(p->industry, f->industry)))
		return 0;
	if (f->q && *f->q && !contains(p->ref, f->q) && !contains(p->name, f->q) &&
	    !contains(p->company, f->q) && !contains(p->code, f->q))
		return 0;
	return 1;
}

int parse_paging(struct http_req *rq, struct http_resp *rs, int64_t def, int64_t max,
		 int64_t *limit, int64_t *offset)
{
	const char *l = req_query(rq, "limit"), *o = req_query(rq, "offset");

	*limit = def;
	*offset = 0;
	if (l && (parse_int(l, limit) || *limit < 1 || *limit > max)) {
		char msg[64];

		snprintf(msg, sizeof(msg), "limit is a number from 1 to %lld", (long long)max);
		resp_bad_request(rs, "limit", msg);
		return -1;
	}
	if (o && (parse_int(o, offset) || *offset < 0)) {
		resp_bad_request(rs, "offset", "offset is a number from 0");
		return -1;
	}
	return 0;
}

int load_year(struct http_req *rq, struct http_resp *rs, int year, struct dataset *ds)
{
	enum bl_err rc = store_load_dataset(rq->st, year, ds);

	if (rc) {
		resp_store_error(rs, rq->st, rc);
		return -1;
	}
	return 0;
}

int load_year_for(struct http_req *rq, struct http_resp *rs, int year, bl_month through,
		  unsigned parts, struct dataset *ds)
{
	enum bl_err rc = store_load_dataset_for(rq->st, year, through, parts, ds);

	if (rc) {
		resp_store_error(rs, rq->st, rc);
		return -1;
	}
	return 0;
}

int load_units(struct http_req *rq, struct http_resp *rs, struct dataset *ds)
{
	enum bl_err rc;

	memset(ds, 0, sizeof(*ds));
	rc = store_units(rq->st, &ds->units, &ds->n_units);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		return -1;
	}
	dataset_index(ds);
	return 0;
}

int http_warning_settings(struct http_req *rq, struct warning_settings *ws)
{
	return warning_settings_load(rq->st, ws, NULL, NULL);
}

int http_cached(struct http_req *rq, struct http_resp *rs, struct buf *key, int per_user,
		int64_t *gen)
{
	char today[11];

	buf_adds(key, rq->path);
	req_query_key(rq, key);
	/* Without asof an answer is as of today. */
	buf_addf(key, "|%s", day_format(params_today(), today));
	if (per_user)
		buf_addf(key, "|%d|%lld", (int)rq->actor.role, (long long)rq->actor.unit_id);
	*gen = http_generation(rq);
	if (!http_cache_get(rq->srv, key->s, *gen, &rs->body))
		return 0;
	rs->status = 200;
	rs->content_type = "application/json; charset=utf-8";
	return 1;
}

void http_answer(struct http_req *rq, struct http_resp *rs, struct buf *key, int64_t gen,
		 json_t *doc)
{
	resp_json(rs, 200, doc);
	http_cache_put(rq->srv, key->s, gen, rs->body.s, rs->body.len);
}
