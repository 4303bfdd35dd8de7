/* fuzz_json_body.c — libFuzzer target for JSON request bodies: req_json (the
 * nesting check before jansson, src/http/resp.c) and the project decoder
 * api_project_from_json (src/http/json_out.c), the widest body the API reads.
 * Checked: a refused body is a 400 "bad_json" error document; an accepted one
 * is an object no deeper than the limit; the decoder either names a bad field
 * in a 400 or leaves a project that satisfies the model (a name, ordered
 * stage dates, known units of the right kinds, no negative amounts). The
 * body's "changes" go through a change request's decoder
 * (change_values_from_json, src/io/json_changes.c): it names a field or reads
 * only fields a request may carry, with amounts in range and real tiers. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/json_out.h"
#include "io/json_changes.h"
#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define DEPTH_MAX 32 /* resp.c's JSON_DEPTH_MAX */

static struct unit units[] = {
	{ 1, (char *)"C", (char *)"市", UNIT_CITY, 0, 1 },
	{ 2, (char *)"D", (char *)"区", UNIT_DISTRICT, 1, 1 },
	{ 3, (char *)"S01", (char *)"甲板块", UNIT_SECTION, 2, 1 },
	{ 4, (char *)"S11", (char *)"甲街道", UNIT_STREET, 3, 1 },
	{ 5, (char *)"D01", (char *)"发改委", UNIT_DEPARTMENT, 2, 1 },
};
static struct dataset ds;

static int depth_of(json_t *j)
{
	int max = 0, d;
	const char *key;
	json_t *v;
	size_t i;

	if (json_is_object(j)) {
		json_object_foreach(j, key, v) {
			d = depth_of(v);
			if (d > max)
				max = d;
		}
		return max + 1;
	}
	if (json_is_array(j)) {
		json_array_foreach(j, i, v) {
			d = depth_of(v);
			if (d > max)
				max = d;
		}
		return max + 1;
	}
	return 0;
}

static json_t *error_of(struct http_resp *rs)
{
	json_t *doc = json_loadb(rs->body.s, rs->body.len, 0, NULL);
	json_t *e = json_incref(json_object_get(doc, "error"));

	json_decref(doc);
	if (rs->status != 400 || !json_is_object(e) ||
	    !json_is_string(json_object_get(e, "code")) ||
	    !json_is_string(json_object_get(e, "message")))
		abort();
	return e;
}

static int unit_kind_is(int64_t id, unsigned kinds)
{
	const struct unit *u = dataset_unit(&ds, id);

	return u && (kinds & (1u << u->kind));
}

static void check_project(const struct project *p)
{
	static const size_t text_max = 2000, code_max = 64;

	if (!p->name || !*p->name || strlen(p->name) > text_max ||
	    !project_stages_ordered(p, NULL))
		abort();
	if (p->code && strlen(p->code) > code_max)
		abort();
	if (p->section_id &&
	    !unit_kind_is(p->section_id, (1u << UNIT_SECTION) | (1u << UNIT_STREET)))
		abort();
	if (p->department_id && !unit_kind_is(p->department_id, 1u << UNIT_DEPARTMENT))
		abort();
	if ((p->total_investment < 0 && p->total_investment != AMOUNT_NONE) ||
	    (p->capacity < 0 && p->capacity != AMOUNT_NONE) ||
	    (p->land_mu < 0 && p->land_mu != AMOUNT_NONE) ||
	    (p->energy_tce < 0 && p->energy_tce != AMOUNT_NONE))
		abort();
	if (p->industrial != 0 && p->industrial != 1)
		abort();
	if ((unsigned)p->attracted_by >= ATTRACTED__MAX)
		abort();
}

/* A change request's proposed values from body's "changes". */
static void decode_changes(json_t *body)
{
	struct change_values to;
	const char *why, *field;
	unsigned fields = 99;
	int k;

	change_values_init(&to);
	why = change_values_from_json(json_object_get(body, "changes"), &fields, &to, &field);
	if (why) {
		if (!field || !*why)
			abort(); /* a refusal names its field and says why */
		return;
	}
	if (!fields || (fields & ~(CF_PLAN | CF_ACTUAL)) || field)
		abort();
	if ((fields & CF_BIT(CF_TIERS)) && (to.tiers & ~((1u << TIER__MAX) - 1)))
		abort();
	if ((fields & CF_BIT(CF_ANNUAL_PLAN)) && to.annual_plan != AMOUNT_NONE &&
	    amount_problem(to.annual_plan))
		abort();
	for (k = 0; (fields & CF_BIT(CF_MONTH_PLAN)) && to.has_month_plan && k < 12; k++)
		if (amount_problem(to.month_plan[k]))
			abort();
}

/* Decode body over p (a new or an existing project) and check the result. */
static void decode(json_t *body, struct project *p)
{
	struct http_resp rs;
	json_t *e;

	memset(&rs, 0, sizeof(rs));
	rs.status = 200;
	if (api_project_from_json(&rs, body, &ds, p)) {
		e = error_of(&rs);
		if (!json_is_string(json_object_get(e, "field")))
			abort(); /* a bad body names its field */
		json_decref(e);
	} else {
		if (rs.body.len)
			abort();
		check_project(p);
	}
	buf_release(&rs.body);
	project_release(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_req rq;
	struct http_resp rs;
	struct project p;
	json_t *body, *e;

	if (!ds.unit_by_id) {
		ds.units = units;
		ds.n_units = sizeof(units) / sizeof(units[0]);
		dataset_index(&ds);
	}
	memset(&rq, 0, sizeof(rq));
	rq.body = size ? (const char *)data : NULL;
	rq.body_len = size;
	memset(&rs, 0, sizeof(rs));
	rs.status = 200;
	body = req_json(&rq, &rs);
	if (!body) {
		e = error_of(&rs);
		if (strcmp(json_string_value(json_object_get(e, "code")), "bad_json"))
			abort();
		json_decref(e);
		buf_release(&rs.body);
		return 0;
	}
	if (!json_is_object(body) || rs.body.len || depth_of(body) > DEPTH_MAX)
		abort();
	project_init(&p);
	decode(body, &p);
	decode_changes(body);
	/* An existing project: the fields already set are changed or kept. */
	project_init(&p);
	p.ref = xstrdup("2024-001");
	p.name = xstrdup("甲项目");
	p.section_id = 3;
	p.department_id = 5;
	p.total_investment = 100000000;
	p.stage_on[STAGE_SIGNED] = day_from_ymd(2024, 1, 2);
	p.stage_on[STAGE_STARTED] = day_from_ymd(2024, 3, 4);
	decode(body, &p);
	json_decref(body);
	buf_release(&rs.body);
	return 0;
}
