/* res_indicators.c — /api/v1/indicators: the statistics bureau's figures
 * (固定资产投资, 工业投资, 规上工业增加值增速, 产业基金; DOMAIN.md §5) that ballast
 * does not compute. Everyone reads the series; the project office enters a
 * month's figures in one transaction, each change audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/targets.h"
#include "http/json_out.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/parse.h"
#include "util/xalloc.h"

static const char *const kind_keys[] = { "rate", "count", "money" };

static const char *code_of(const struct dataset *units, int64_t id)
{
	const struct unit *u = id ? dataset_unit(units, id) : NULL;

	return u && u->code ? u->code : NULL;
}

/* A figure as JSON: a rate as a fraction (0.065 for 6.5 %), a count, yuan. */
static json_t *figure_json(enum measure_key m, int64_t v)
{
	if (measure_info[m].kind == MK_RATE)
		return json_real((double)v / 10000.0);
	return json_integer(v);
}

static json_t *entry_json(const struct dataset *units, const struct indicator_entry *e)
{
	const struct unit *u = e->v.unit_id ? dataset_unit(units, e->v.unit_id) : NULL;
	char mon[8];

	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:I}",
		"indicator", measure_info[e->v.measure].key,
		"label", measure_info[e->v.measure].label_zh,
		"kind", kind_keys[measure_info[e->v.measure].kind],
		"month", month_format(e->v.month, mon),
		"unit", u && u->code ? json_string(u->code) : json_null(),
		"unit_name", u && u->name ? json_string(u->name) : json_null(),
		"value", figure_json(e->v.measure, e->v.value),
		"source", e->source ? json_string(e->source) : json_null(),
		"note", e->note ? json_string(e->note) : json_null(),
		"version", (json_int_t)e->version);
}

struct list_ctx {
	const struct dataset *units;
	int64_t unit_id;  /* -1: every unit */
	int measure;      /* -1: every indicator */
	int64_t limit, offset, total;
	json_t *items;
};

static int add_entry(void *ctx, const struct indicator_entry *e)
{
	struct list_ctx *c = ctx;

	if ((c->unit_id >= 0 && e->v.unit_id != c->unit_id) ||
	    (c->measure >= 0 && (int)e->v.measure != c->measure))
		return 0;
	if (c->total >= c->offset && c->total < c->offset + c->limit)
		json_array_append_new(c->items, entry_json(c->units, e));
	c->total++;
	return 0;
}

/* The unit of code: a city, district, section or street (what a target's
 * scope may be); 0 for NULL or "". -1 (a 400 set) when there is no such unit. */
static int unit_param(struct http_resp *rs, const struct dataset *units, const char *code,
		      int64_t *out)
{
	size_t i;

	*out = 0;
	if (!code || !*code)
		return 0;
	for (i = 0; i < units->n_units; i++) {
		const struct unit *u = &units->units[i];

		if (strcmp(u->code, code) || u->kind == UNIT_DEPARTMENT)
			continue;
		*out = u->id;
		return 0;
	}
	resp_bad_request(rs, "unit", "unit is the code of a section, street or district, or "
			 "empty for the whole district");
	return -1;
}

/* The indicator named s (key or Chinese label), or -1. */
static int indicator_of(const char *s)
{
	int m = s ? measure_from_key(s) : -1;

	return m >= 0 && measure_info[m].indicator ? m : -1;
}

/* GET /indicators?year=Y[&unit=CODE][&indicator=KEY][&limit=&offset=]: the
 * entered figures of year Y (default: this year), by month, unit, indicator;
 * "indicators" lists every indicator with its kind, for a form. */
void h_indicators_list(struct http_req *rq, struct http_resp *rs)
{
	struct list_ctx c;
	struct dataset units;
	struct scope_query q;
	const char *unit = req_query(rq, "unit"), *ind = req_query(rq, "indicator");
	json_t *kinds;
	int year, m;

	memset(&c, 0, sizeof(c));
	if (http_scope_query(rq, rs, SP_PERIOD | SP_PAGING, &q))
		return;
	year = q.sc.year;
	if (http_paging(rs, &q, 1000, 10000, &c.limit, &c.offset) || load_units(rq, rs, &units))
		return;
	c.units = &units;
	c.unit_id = -1;
	c.measure = -1;
	if (unit && unit_param(rs, &units, unit, &c.unit_id))
		goto out;
	if (ind && *ind) {
		c.measure = indicator_of(ind);
		if (c.measure < 0) {
			resp_bad_request(rs, "indicator", "not an indicator key");
			goto out;
		}
	}
	c.items = json_array();
	if (store_indicators_each(rq->st, year, add_entry, &c)) {
		json_decref(c.items);
		resp_store_error(rs, rq->st, BL_EDB);
		goto out;
	}
	kinds = json_array();
	for (m = M_FIRST_INDICATOR; m < MEASURE__MAX; m++)
		if (measure_info[m].indicator)
			json_array_append_new(kinds, json_pack("{s:s, s:s, s:s}", "key",
				measure_info[m].key, "label", measure_info[m].label_zh, "kind",
				kind_keys[measure_info[m].kind]));
	resp_json(rs, 200, json_pack("{s:i, s:I, s:I, s:I, s:o, s:o}", "year", year,
				     "total", (json_int_t)c.total, "limit", (json_int_t)c.limit,
				     "offset", (json_int_t)c.offset, "indicators", kinds,
				     "items", c.items));
out:
	dataset_release(&units);
}

/* An item's figure in the indicator's units: whole yuan, a whole count, or a
 * rate as a fraction (0.065) or a percent string ("6.5" or "6.5%", as the
 * bureau writes it). NULL, or a reason. */
static const char *figure_from_json(json_t *v, enum measure_key m, int64_t *out)
{
	const char *why;

	if (measure_info[m].kind != MK_RATE) {
		if (!json_is_integer(v))
			return measure_info[m].kind == MK_MONEY ? "an amount in whole yuan"
								: "a whole number";
		*out = (int64_t)json_integer_value(v);
	} else if (json_is_string(v)) {
		why = parse_percent(json_string_value(v), out);
		if (why)
			return why;
	} else if (json_is_number(v)) {
		char tmp[64];

		if (json_number_value(v) < -1.0 || json_number_value(v) > 1.0)
			return "a rate as a fraction (0.065) or a percent string (\"6.5%\")";
		snprintf(tmp, sizeof(tmp), "%.4f", json_number_value(v));
		why = parse_rate(tmp, out);
		if (why)
			return why;
	} else {
		return "a rate as a fraction (0.065) or a percent string (\"6.5%\")";
	}
	return target_value_problem(m, *out);
}

static int text_of(struct http_resp *rs, json_t *v, const char *field, char **out)
{
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v) || strlen(json_string_value(v)) > 2000) {
		resp_fail(rs, HE_INVALID, "a text of at most 2000 bytes", "文本过长", field);
		return -1;
	}
	free(*out);
	*out = *json_string_value(v) ? xstrdup(json_string_value(v)) : NULL;
	return 0;
}

/* One item of a PUT into *e (month and unit already set); -1 after a 400. */
static int item_from_json(struct http_resp *rs, json_t *item, json_t *source,
			  struct indicator_entry *e)
{
	const char *why;
	int m = indicator_of(json_string_value(json_object_get(item, "indicator")));

	if (!json_is_object(item) || m < 0) {
		resp_bad_request(rs, "indicator", "each item names an indicator: "
				 "fixed_asset_investment_yuan, industrial_investment_yuan, "
				 "industrial_value_added_growth, industrial_funds, "
				 "industrial_funds_capital_yuan");
		return -1;
	}
	e->v.measure = (enum measure_key)m;
	why = figure_from_json(json_object_get(item, "value"), e->v.measure, &e->v.value);
	if (why) {
		char msg[160];

		snprintf(msg, sizeof(msg), "%s: %s", measure_info[m].key, why);
		resp_fail(rs, HE_INVALID, msg, "数值不符合要求", "value");
		return -1;
	}
	if (text_of(rs, json_object_get(item, "source") ? json_object_get(item, "source") : source,
		    "source", &e->source) ||
	    text_of(rs, json_object_get(item, "note"), "note", &e->note))
		return -1;
	return 0;
}

/* PUT /indicators {"month": "2024-06", "unit": null | "S01", "source": "区统计局",
 * "items": [{"indicator", "value", "note", "source", "version"}]}: a month's
 * figures, all or none, in one transaction. An item replacing a stored figure
 * carries its version (409 stale with the stored one otherwise). */
void h_indicators_put(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs), *items, *item, *out;
	struct dataset units;
	bl_month month;
	int64_t unit_id;
	enum bl_err rc = BL_OK;
	size_t i;

	if (!body)
		return;
	memset(&units, 0, sizeof(units));
	if (parse_month(json_string_value(json_object_get(body, "month")) ?
			json_string_value(json_object_get(body, "month")) : "", &month)) {
		resp_bad_request(rs, "month", "month is YYYY-MM");
		goto out_body;
	}
	items = json_object_get(body, "items");
	if (!json_is_array(items) || !json_array_size(items) || json_array_size(items) > 100) {
		resp_bad_request(rs, "items", "items: a list of 1 to 100 figures");
		goto out_body;
	}
	if (load_units(rq, rs, &units) ||
	    unit_param(rs, &units, json_string_value(json_object_get(body, "unit")), &unit_id))
		goto out_body;
	if (http_begin(rq, rs))
		goto out_body;
	out = json_array();
	json_array_foreach(items, i, item) {
		struct indicator_entry e, old;
		enum bl_err got;
		json_t *ver = json_object_get(item, "version");

		memset(&e, 0, sizeof(e));
		e.v.month = month;
		e.v.unit_id = unit_id;
		if (item_from_json(rs, item, json_object_get(body, "source"), &e)) {
			indicator_entry_release(&e);
			goto fail;
		}
		got = store_indicator_get(rq->st, e.v.measure, unit_id, month, &old);
		if (got && got != BL_ENOTFOUND) {
			resp_store_error(rs, rq->st, got);
			indicator_entry_release(&e);
			goto fail;
		}
		/* No lost update: replacing a figure names the version it replaces. */
		if ((!got && (!json_is_integer(ver) || json_integer_value(ver) != old.version)) ||
		    (got && ver && !json_is_null(ver) && json_integer_value(ver) != 0)) {
			resp_stale(rs, got ? json_null() : entry_json(&units, &old));
			indicator_entry_release(&old);
			indicator_entry_release(&e);
			goto fail;
		}
		indicator_entry_release(&old);
		rc = store_indicator_put(rq->st, &e);
		if (!rc)
			json_array_append_new(out, entry_json(&units, &e));
		indicator_entry_release(&e);
		if (rc)
			break;
	}
	if (!http_finish(rq, rs, rc)) {
		char mon[8];
		const char *code = code_of(&units, unit_id);

		resp_json(rs, 200, json_pack("{s:s, s:o, s:o}", "month", month_format(month, mon),
					     "unit", code ? json_string(code) : json_null(),
					     "items", out));
	} else {
		json_decref(out);
	}
	goto out_body;
fail:
	json_decref(out);
	store_rollback(rq->st);
out_body:
	dataset_release(&units);
	json_decref(body);
}
