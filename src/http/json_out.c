/* json_out.c — projects to and from JSON for the API. */
#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/codes.h"
#include "core/progress.h"
#include "http/json_out.h"
#include "http/json_rows.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/json_measures.h"
#include "io/parse.h"
#include "util/xalloc.h"

static json_t *amount_json(int64_t v)
{
	return v == AMOUNT_NONE ? json_null() : json_integer((json_int_t)v);
}

/* The text json_rows.c wrote into b (released), as a jansson value: one
 * writer of a project's members for the list's text and these values. */
static json_t *parsed(struct buf *b)
{
	json_t *j = b->err ? NULL : json_loadb(b->s, b->len, 0, NULL);

	buf_release(b);
	if (!j)
		abort(); /* the text is ours: only a bug gets here */
	return j;
}

json_t *api_listing_json(const char *ref, const struct listing *l)
{
	json_t *tiers = json_array(), *months = json_null();
	int t, m;

	for (t = 0; t < TIER__MAX; t++)
		if (l->tiers & TIER_BIT(t))
			json_array_append_new(tiers, json_string(tier_keys[t]));
	if (l->has_month_plan) {
		months = json_array();
		for (m = 0; m < 12; m++)
			json_array_append_new(months, json_integer((json_int_t)l->month_plan[m]));
	}
	return json_pack("{s:s*, s:i, s:o, s:o, s:o, s:I}", "ref", ref, "year", l->year,
			 "tiers", tiers, "annual_plan_yuan", amount_json(l->annual_plan),
			 "month_plan_yuan", months, "version", (json_int_t)l->version);
}

json_t *api_project_json(const struct dataset *ds, size_t i, enum light light, int editable,
			 bl_day asof)
{
	struct buf b = BUF_INIT;

	api_project_text(&b, ds, i, light, editable, asof);
	return parsed(&b);
}

/* The project's fields (and with stages, its stages as of asof). */
static json_t *project_fields(const struct dataset *units, const struct project *p, int stages,
			      bl_day asof)
{
	struct buf b = BUF_INIT;

	api_project_fields_text(&b, units, p, stages, asof);
	buf_addch(&b, '}');
	return parsed(&b);
}

json_t *api_project_stored(const struct dataset *units, const struct project *p)
{
	return project_fields(units, p, 0, DAY_NONE);
}

void api_project_unlisted(struct http_req *rq, struct http_resp *rs, const char *ref,
			  bl_day asof)
{
	const struct project *p = snapshot_project(http_snapshot(rq), ref);
	struct dataset units;
	json_t *j;

	if (!p || load_units(rq, rs, &units)) {
		if (!p)
			resp_not_found(rs, ref);
		return;
	}
	if (!access_project_visible(&rq->actor, &units, p)) {
		resp_not_found(rs, ref);
	} else {
		j = project_fields(&units, p, 1, asof);
		json_object_set_new(j, "listing", json_null());
		json_object_set_new(j, "light", json_null());
		json_object_set_new(j, "editable",
				    json_boolean(access_project_editable(&rq->actor, &units, p)));
		json_object_set_new(j, "warnings", json_array());
		json_object_set_new(j, "plan_locked_year", api_lock_year(rq, p->id));
		resp_json(rs, 200, j);
	}
	dataset_release(&units);
}

json_t *api_project_monthly(const struct dataset *ds, size_t i)
{
	const struct listing *l = &ds->listings[i];
	const struct year_reports *yr = &ds->reports[i];
	json_t *a = json_array();
	int64_t plan_cum = 0, inv_cum = 0;
	int m;

	for (m = 0; m < 12; m++) {
		int64_t plan = 0;

		plan = listing_plan_through(l, m + 1) - listing_plan_through(l, m);
		amount_add(&plan_cum, plan);
		amount_add(&inv_cum, yr->invest[m]);
		json_array_append_new(a, json_pack("{s:i, s:b, s:I, s:I, s:I, s:I, s:I}", "month",
			m + 1, "reported", (yr->reported >> m) & 1u, "invest_yuan",
			(json_int_t)yr->invest[m], "output_yuan", (json_int_t)yr->output[m],
			"plan_yuan", (json_int_t)plan, "invest_cum_yuan", (json_int_t)inv_cum,
			"plan_cum_yuan", (json_int_t)plan_cum));
	}
	return a;
}

/* ---- from JSON ---- */

struct jfield {
	const char *key;
	enum { JF_TEXT, JF_CODE, JF_DAY, JF_YUAN, JF_DEC4, JF_LNG, JF_LAT } type;
	size_t off;
};

#define OFF(f) offsetof(struct project, f)
static const struct jfield jfields[] = {
	{ "name", JF_TEXT, OFF(name) }, { "leader", JF_TEXT, OFF(leader) },
	{ "company", JF_TEXT, OFF(company) }, { "industry", JF_TEXT, OFF(industry) },
	{ "commando", JF_TEXT, OFF(commando) }, { "code", JF_CODE, OFF(code) },
	{ "uscc", JF_CODE, OFF(uscc) },
	{ "total_investment_yuan", JF_YUAN, OFF(total_investment) },
	{ "capacity_yuan", JF_YUAN, OFF(capacity) },
	{ "land_mu", JF_DEC4, OFF(land_mu) }, { "energy_tce", JF_DEC4, OFF(energy_tce) },
	{ "planned_start", JF_DAY, OFF(planned_start) },
	{ "planned_completion", JF_DAY, OFF(planned_completion) },
	{ "planned_production", JF_DAY, OFF(planned_production) },
	{ "signed_on", JF_DAY, OFF(stage_on[STAGE_SIGNED]) },
	{ "filed_on", JF_DAY, OFF(stage_on[STAGE_FILED]) },
	{ "started_on", JF_DAY, OFF(stage_on[STAGE_STARTED]) },
	{ "completed_on", JF_DAY, OFF(stage_on[STAGE_COMPLETED]) },
	{ "production_on", JF_DAY, OFF(stage_on[STAGE_PRODUCTION]) },
	{ "capacity_on", JF_DAY, OFF(stage_on[STAGE_CAPACITY]) },
	{ "land_on", JF_DAY, OFF(land_on) }, { "permit_on", JF_DAY, OFF(permit_on) },
	{ "lng", JF_LNG, OFF(lng) }, { "lat", JF_LAT, OFF(lat) }, /* ui14: the map */
	{ "landed_on", JF_DAY, OFF(landed_on) },
};
#define AT(p, type, off) ((type *)((char *)(p) + (off)))

static int bad(struct http_resp *rs, const char *field, const char *msg, const char *zh)
{
	resp_fail(rs, HE_INVALID, msg, zh, field);
	return -1;
}

static int apply_field(struct http_resp *rs, const struct jfield *f, json_t *v, struct project *p)
{
	const char *s = json_string_value(v);
	const char *why;

	if (json_is_null(v)) {
		switch (f->type) {
		case JF_TEXT: case JF_CODE:
			free(*AT(p, char *, f->off));
			*AT(p, char *, f->off) = NULL;
			break;
		case JF_DAY: *AT(p, bl_day, f->off) = DAY_NONE; break;
		case JF_LNG: case JF_LAT: *AT(p, int64_t, f->off) = COORD_NONE; break;
		default: *AT(p, int64_t, f->off) = AMOUNT_NONE; break;
		}
		return 0;
	}
	switch (f->type) {
	case JF_TEXT:
	case JF_CODE:
		if (!s || strlen(s) > (f->type == JF_CODE ? 64 : 2000))
			return bad(rs, f->key, "a text of limited length", "文本格式或长度有误");
		free(*AT(p, char *, f->off));
		*AT(p, char *, f->off) = xstrdup(s);
		return 0;
	case JF_DAY:
		if (!s || parse_day(s, AT(p, bl_day, f->off)))
			return bad(rs, f->key, "not a date (YYYY-MM-DD)", "日期格式有误");
		return 0;
	case JF_YUAN:
		if (!json_is_integer(v))
			return bad(rs, f->key, "an amount in whole yuan, not negative",
				   "金额须为非负整数（元）");
		why = amount_problem((int64_t)json_integer_value(v));
		if (why)
			return bad(rs, f->key, why, "金额须在0至10^15元之间");
		*AT(p, int64_t, f->off) = (int64_t)json_integer_value(v);
		return 0;
	case JF_DEC4:
		why = s ? parse_decimal(s, 4, AT(p, int64_t, f->off)) : "not a decimal string";
		if (!why && *AT(p, int64_t, f->off) < 0)
			why = "must not be negative";
		else if (!why && *AT(p, int64_t, f->off) > AMOUNT_MAX)
			why = "out of range"; /* the bound of amounts, model.h */
		if (why)
			return bad(rs, f->key, why, "数值格式有误");
		return 0;
	case JF_LNG:
	case JF_LAT:
		why = s ? parse_decimal(s, 6, AT(p, int64_t, f->off)) : "not a decimal string";
		if (!why)
			why = coord_problem(*AT(p, int64_t, f->off), f->type == JF_LAT);
		if (why)
			return bad(rs, f->key, why, f->type == JF_LAT ? "纬度须为-90至90之间的数，最多6位小数"
				   : "经度须为-180至180之间的数，最多6位小数");
		return 0;
	}
	return 0;
}

static int64_t unit_by_code(const struct dataset *ds, json_t *v, unsigned kinds)
{
	const char *code = json_string_value(v);
	size_t i;

	if (json_is_object(v))
		code = json_string_value(json_object_get(v, "code"));
	for (i = 0; code && i < ds->n_units; i++)
		if (!strcmp(ds->units[i].code, code) && (kinds & (1u << ds->units[i].kind)))
			return ds->units[i].id;
	return 0;
}

static int apply_special(struct http_resp *rs, json_t *body, const struct dataset *units,
			 struct project *p)
{
	json_t *v;
	int a;

	v = json_object_get(body, "section");
	if (v) {
		p->section_id = unit_by_code(units, v, (1u << UNIT_SECTION) | (1u << UNIT_STREET));
		if (!p->section_id)
			return bad(rs, "section", "no section or street has this code",
				   "所属板块不存在");
	}
	v = json_object_get(body, "department");
	if (v) {
		p->department_id = json_is_null(v) ? 0 : unit_by_code(units, v, 1u << UNIT_DEPARTMENT);
		if (!json_is_null(v) && !p->department_id)
			return bad(rs, "department", "no department has this code", "责任部门不存在");
	}
	v = json_object_get(body, "industrial");
	if (v) {
		if (!json_is_boolean(v))
			return bad(rs, "industrial", "true or false", "须为是或否");
		p->industrial = json_is_true(v);
	}
	v = json_object_get(body, "attracted_by");
	if (v) {
		p->attracted_by = ATTRACTED_NONE;
		for (a = 1; json_is_string(v) && a < ATTRACTED__MAX; a++)
			if (!strcmp(json_string_value(v), attracted_keys[a]))
				p->attracted_by = (enum attracted)a;
		if (!json_is_null(v) && p->attracted_by == ATTRACTED_NONE)
			return bad(rs, "attracted_by", "district or street", "招商主体须为区级或街道");
	}
	return 0;
}

int api_project_from_json(struct http_resp *rs, json_t *body, const struct dataset *units,
		      struct project *p)
{
	enum stage badk;
	size_t i;

	for (i = 0; i < sizeof(jfields) / sizeof(jfields[0]); i++) {
		json_t *v = json_object_get(body, jfields[i].key);

		if (v && apply_field(rs, &jfields[i], v, p))
			return -1;
	}
	if (apply_special(rs, body, units, p))
		return -1;
	if (!p->name || !*p->name)
		return bad(rs, "name", "a project needs a name", "项目名称不能为空");
	if (!project_stages_ordered(p, &badk)) {
		char key[24];

		snprintf(key, sizeof(key), "%s_on", stage_keys[badk]);
		return bad(rs, key, "this stage's date is later than a later stage's: stage dates "
			   "never go backwards", "阶段日期不能倒序（如开工日期晚于竣工日期）");
	}
	return 0;
}

/* The version an If-Match header names: 1, "1" or W/"1", digits only; -1
 * when it is anything else ("5junk" is not 5). */
static int64_t if_match_version(const char *h)
{
	size_t n, quoted = 0;
	int64_t v = 0;

	if (!strncmp(h, "W/", 2))
		h += 2;
	if (*h == '"') {
		quoted = 1;
		h++;
	}
	n = strspn(h, "0123456789");
	if (!n || n > 18 || strcmp(h + n, quoted ? "\"" : ""))
		return -1;
	while (n--)
		v = v * 10 + (*h++ - '0');
	return v;
}

int version_check(struct http_req *rq, struct http_resp *rs, json_t *body, int64_t stored,
		  json_t *current)
{
	const char *h = req_header(rq, "If-Match");
	json_t *v = json_object_get(body, "version");
	int64_t given = -1;

	if (h) {
		given = if_match_version(h);
		if (given < 0) {
			json_decref(current);
			resp_fail(rs, HE_INVALID, "If-Match names a version: a whole number",
				   "If-Match 须为版本号（整数）", "version");
			return -1;
		}
	} else if (json_is_integer(v)) {
		given = (int64_t)json_integer_value(v);
	}
	if (given == stored) {
		json_decref(current);
		return 0;
	}
	if (given < 0) {
		json_decref(current);
		resp_fail(rs, HE_VERSION_REQUIRED,
			   "an edit names the version it changes (If-Match or \"version\")",
			   "修改须带上版本号", "version");
		return -1;
	}
	resp_stale(rs, current);
	return -1;
}

void resp_stale(struct http_resp *rs, json_t *current)
{
	resp_fail_doc(rs, HE_STALE, json_pack("{s:o, s:o}", "error",
					      http_error_json(HE_STALE, NULL, NULL, "version"),
					      "current", current));
}
