/* res_sharing.c — /api/v1/taxes, /api/v1/ledger (and its rules) and
 * /api/v1/funds: revenue sharing (招商共享) and the industrial fund registry
 * (产业基金), DOMAIN.md §7. Rows of taxes and ledger lines are those of the
 * projects the caller sees (a street its own subtree); rule and fund writes
 * are the coordinators' (core/access.c), each one transaction, audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/json_out.h"
#include "http/list_out.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/json_sharing.h"
#include "io/parse.h"
#include "store/store_sharing.h"
#include "util/xalloc.h"

struct seen {
	const struct actor *a;
	const struct dataset *units;
};

static int visible(void *ctx, const struct project *p)
{
	const struct seen *s = ctx;

	return access_project_visible(s->a, s->units, p);
}

static int load(struct http_req *rq, struct http_resp *rs, struct sharing_data *d)
{
	enum bl_err rc = store_load_sharing(rq->st, d);

	if (rc)
		resp_store_error(rs, rq->st, rc);
	return rc ? -1 : 0;
}

/* GET /taxes[?year=Y]: the tax records of the projects the caller sees. */
void h_taxes_list(struct http_req *rq, struct http_resp *rs)
{
	struct sharing_data d;
	struct scope_query q;
	struct seen s = { &rq->actor, NULL };

	if (http_scope_query(rq, rs, SP_BIT(SP_YEAR), &q) || load(rq, rs, &d))
		return;
	s.units = &d.units;
	resp_json(rs, 200, taxes_json(&d, q.given & SP_BIT(SP_YEAR) ? q.sc.year : 0, visible,
				      &s));
	sharing_data_release(&d);
}

/* The ledger's rows for Excel: its lines, then a 合计 row of the totals. */
static json_t *ledger_rows(json_t *doc)
{
	json_t *rows = json_deep_copy(json_object_get(doc, "items"));
	json_t *t = json_object_get(doc, "totals");

	json_array_append_new(rows, json_pack("{s:s, s:O, s:O, s:O}", "ref", "合计",
					      "tax", json_object_get(t, "tax"),
					      "street_share", json_object_get(t, "street"),
					      "district_share", json_object_get(t, "district")));
	return rows;
}

/* GET /ledger[?year=Y][&street=CODE][&format=xlsx]: the ledger lines of the
 * projects the caller sees, with their totals. */
void h_ledger(struct http_req *rq, struct http_resp *rs)
{
	struct ledger_filter f = { 0 };
	struct sharing_data d;
	struct scope_query q;
	struct scope_error err;
	struct seen s = { &rq->actor, NULL };
	struct ledger l;
	json_t *doc;
	int xlsx;

	if (http_list_format(rq, rs, &xlsx) ||
	    http_scope_query(rq, rs, SP_BIT(SP_YEAR) | SP_BIT(SP_STREET), &q) || load(rq, rs, &d))
		return;
	s.units = &d.units;
	if (scope_query_resolve(&q, &d.units, &err)) {
		resp_fail(rs, HE_INVALID, err.msg, err.msg_zh, "street");
		goto out;
	}
	f.year = q.given & SP_BIT(SP_YEAR) ? q.sc.year : 0;
	f.street = q.street_id;
	f.visible = visible;
	f.ctx = &s;
	if (ledger_build(&d, &f, &l)) {
		resp_fail(rs, HE_INVALID, "a total exceeds the largest amount", "合计超出金额上限",
			  NULL);
		goto out;
	}
	doc = ledger_json(&d, &l, f.year, q.street_code);
	if (xlsx) {
		http_answer_xlsx(rq, rs, LK_LEDGER, ledger_rows(doc), NULL, NULL, 0);
		json_decref(doc);
	} else {
		resp_json(rs, 200, doc);
	}
	ledger_release(&l);
out:
	sharing_data_release(&d);
}

/* GET /ledger/rules: the stored rules, then the built-in defaults. */
void h_ledger_rules(struct http_req *rq, struct http_resp *rs)
{
	struct sharing_data d;
	json_t *arr = json_array();
	size_t i;

	if (load(rq, rs, &d)) {
		json_decref(arr);
		return;
	}
	for (i = 0; i < d.n_rules; i++)
		json_array_append_new(arr, sharing_rule_json(&d.units, &d.rules[i]));
	for (i = 0; i < SHARING_N_DEFAULTS; i++)
		json_array_append_new(arr, sharing_rule_json(&d.units, &sharing_defaults[i]));
	resp_json(rs, 200, json_pack("{s:I, s:o}", "total", (json_int_t)json_array_size(arr),
				     "items", arr));
	sharing_data_release(&d);
}

/* An optional whole number field into *out (0 when absent or null); -1
 * after a 400. */
static int int_field(struct http_resp *rs, json_t *body, const char *k, int *out)
{
	json_t *v = json_object_get(body, k);

	*out = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 9999) {
		resp_fail(rs, HE_INVALID, "a whole number", "须为整数", k);
		return -1;
	}
	*out = (int)json_integer_value(v);
	return 0;
}

/* The rule of body into *r (id and version kept); -1 after a 400. */
static int rule_from_json(struct http_resp *rs, const struct dataset *units, json_t *body,
			  struct sharing_rule *r)
{
	const char *name = json_string_value(json_object_get(body, "name"));
	const char *att = json_string_value(json_object_get(body, "attracted_by"));
	const char *in = json_string_value(json_object_get(body, "landed_in"));
	const char *why;
	int pm;

	free(r->name);
	r->name = name && *name && strlen(name) <= 200 ? xstrdup(name) : NULL;
	r->attracted_by = att && !strcmp(att, "street") ? ATTRACTED_STREET
		: !att || !strcmp(att, "district") ? ATTRACTED_DISTRICT : ATTRACTED_NONE;
	r->landed_in = 0;
	if (in && *in) {
		const struct unit *u = dataset_find_unit(units, in);

		if (!u || u->kind == UNIT_DEPARTMENT) {
			resp_fail(rs, HE_INVALID, "landed_in: no street or section has this code",
				  "落户单位不存在", "landed_in");
			return -1;
		}
		r->landed_in = u->id;
	}
	if (int_field(rs, body, "nth_from", &r->nth_from) ||
	    int_field(rs, body, "nth_to", &r->nth_to) ||
	    int_field(rs, body, "valid_from", &r->valid_from) ||
	    int_field(rs, body, "valid_to", &r->valid_to) ||
	    int_field(rs, body, "street_permille", &pm))
		return -1;
	r->street_permille = json_object_get(body, "street_permille") ? pm : -1;
	why = sharing_rule_problem(r);
	if (why) {
		resp_fail(rs, HE_INVALID, why, "分成规则不符合要求", NULL);
		return -1;
	}
	return 0;
}

/* POST /ledger/rules (a new rule) and PUT /ledger/rules/:id (its version
 * required): {name, attracted_by, landed_in, nth_from, nth_to, valid_from,
 * valid_to, street_permille}. A rule names the tax years it applies to, so a
 * change for later years is a new rule with valid_from. */
static void rule_write(struct http_req *rq, struct http_resp *rs, int64_t id)
{
	json_t *body = req_json(rq, rs);
	struct dataset units;
	struct sharing_rule r, old;
	enum bl_err rc;

	if (!body)
		return;
	sharing_rule_init(&r);
	sharing_rule_init(&old);
	if (load_units(rq, rs, &units))
		goto out_body;
	rc = store_begin(rq->st);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	if (id) {
		rc = store_sharing_rule_get(rq->st, id, &old);
		if (rc == BL_ENOTFOUND) {
			store_rollback(rq->st);
			resp_not_found(rs, "sharing rule");
			goto out;
		}
		if (rc || version_check(rq, rs, body, old.version, sharing_rule_json(&units, &old))) {
			if (rc)
				resp_store_error(rs, rq->st, rc);
			store_rollback(rq->st);
			goto out;
		}
		r.id = id;
		r.version = old.version;
	}
	if (rule_from_json(rs, &units, body, &r)) {
		store_rollback(rq->st);
		goto out;
	}
	rc = store_sharing_rule_put(rq->st, &r);
	if (!http_finish(rq, rs, rc))
		resp_json(rs, id ? 200 : 201, sharing_rule_json(&units, &r));
out:
	dataset_release(&units);
out_body:
	sharing_rule_release(&r);
	sharing_rule_release(&old);
	json_decref(body);
}

void h_ledger_rule_create(struct http_req *rq, struct http_resp *rs)
{
	rule_write(rq, rs, 0);
}

void h_ledger_rule_update(struct http_req *rq, struct http_resp *rs)
{
	int64_t id;

	if (parse_int(rq->captures[0], &id) || id <= 0) {
		resp_not_found(rs, "sharing rule");
		return;
	}
	rule_write(rq, rs, id);
}

/* GET /funds[?year=Y]: the registry (every fund, or those registered in Y,
 * with the year's count and capital). */
void h_funds_list(struct http_req *rq, struct http_resp *rs)
{
	struct dataset units;
	struct scope_query q;
	struct fund *f;
	size_t n;
	enum bl_err rc;
	json_t *doc;
	int xlsx;

	if (http_list_format(rq, rs, &xlsx) || http_scope_query(rq, rs, SP_BIT(SP_YEAR), &q) ||
	    load_units(rq, rs, &units))
		return;
	rc = store_funds(rq->st, &f, &n);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		dataset_release(&units);
		return;
	}
	doc = funds_json(&units, f, n, q.given & SP_BIT(SP_YEAR) ? q.sc.year : 0);
	if (xlsx) {
		http_answer_xlsx(rq, rs, LK_FUNDS, json_incref(json_object_get(doc, "items")), NULL,
				 NULL, 0);
		json_decref(doc);
	} else {
		resp_json(rs, 200, doc);
	}
	funds_free(f, n);
	dataset_release(&units);
}

/* The fund of body into *f; -1 after a 400. */
static int fund_from_json(struct http_resp *rs, const struct dataset *units, json_t *body,
			  struct fund *f)
{
	const char *name = json_string_value(json_object_get(body, "name"));
	const char *on = json_string_value(json_object_get(body, "registered_on"));
	const char *by = json_string_value(json_object_get(body, "brought_by"));
	const char *manager = json_string_value(json_object_get(body, "manager"));
	const char *focus = json_string_value(json_object_get(body, "focus"));
	json_t *cap = json_object_get(body, "capital");

	if (!name || !*name || strlen(name) > 200) {
		resp_fail(rs, HE_INVALID, "name: required, at most 200 bytes", "基金名称必填",
			  "name");
		return -1;
	}
	if (!json_is_integer(cap) || amount_problem((int64_t)json_integer_value(cap))) {
		resp_fail(rs, HE_INVALID, "capital: whole yuan from 0 to 10^15",
			  "注册资本须为整数元", "capital");
		return -1;
	}
	if (!on || parse_day(on, &f->registered_on)) {
		resp_fail(rs, HE_INVALID, "registered_on: a day (YYYY-MM-DD)", "注册日期有误",
			  "registered_on");
		return -1;
	}
	if (by && *by) {
		const struct unit *u = dataset_find_unit(units, by);

		if (!u) {
			resp_fail(rs, HE_INVALID, "brought_by: no unit has this code or name",
				  "引进单位不存在", "brought_by");
			return -1;
		}
		f->brought_by = u->id;
	}
	f->name = xstrdup(name);
	f->manager = manager && *manager ? xstrdup(manager) : NULL;
	f->focus = focus && *focus ? xstrdup(focus) : NULL;
	f->capital = (int64_t)json_integer_value(cap);
	return 0;
}

/* POST /funds {name, manager, capital (yuan), registered_on, focus,
 * brought_by}: registers a fund, or (with the stored version) changes the
 * fund of that name. */
void h_funds_put(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs);
	struct dataset units;
	struct fund f, *all = NULL;
	size_t n = 0, i;
	enum bl_err rc;

	if (!body)
		return;
	fund_init(&f);
	if (load_units(rq, rs, &units))
		goto out_body;
	if (fund_from_json(rs, &units, body, &f))
		goto out;
	rc = store_begin(rq->st);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		goto out;
	}
	rc = store_funds(rq->st, &all, &n);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		store_rollback(rq->st);
		goto out;
	}
	for (i = 0; i < n && strcmp(all[i].name, f.name); i++)
		;
	if (i < n && version_check(rq, rs, body, all[i].version, fund_json(&units, &all[i]))) {
		store_rollback(rq->st);
		goto out;
	}
	rc = store_fund_put(rq->st, &f);
	if (!http_finish(rq, rs, rc))
		resp_json(rs, i < n ? 200 : 201, fund_json(&units, &f));
out:
	funds_free(all, n);
	dataset_release(&units);
out_body:
	fund_release(&f);
	json_decref(body);
}
