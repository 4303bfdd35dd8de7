/* json_measures.c — the measures as the JSON of INTERFACES.md "Measures
 * (JSON)": one builder for `ballast measures --format json` and
 * GET /api/v1/measures, so the two cannot drift. It writes the document as
 * compact text (a city's breakdown is thousands of numbers; building them as
 * jansson values first was half the server's time); the CLI reads that text
 * back as a jansson value to print it its way. Numbers are written as jansson
 * writes them (JSON_REAL_PRECISION(15): %.15g, with ".0" on a whole number). */
#include "io/json_measures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/targets.h"
#include "io/json_reports.h"
#include "io/scope_params.h"
#include "store/store.h"
#include "util/xalloc.h"

/* ,"k": (no comma before an object's first member: first is 1 then) */
static void key(struct buf *b, const char *k, int first)
{
	if (!first)
		buf_addch(b, ',');
	buf_add_json_str(b, k);
	buf_addch(b, ':');
}

/* The real v / 10^decimals as jansson writes the double (%.15g, ".0" added
 * to a whole number). For |v| < 10^11 the decimal is exact in 15 digits, so
 * it is written from the integer; beyond, through the double as jansson. */
void json_real_text(struct buf *b, int64_t v, int decimals)
{
	int64_t scale = decimals == 4 ? 10000 : 10, ip, fp;
	char tmp[40];
	int k, j;

	if (v <= -INT64_C(100000000000) || v >= INT64_C(100000000000)) {
		snprintf(tmp, sizeof(tmp), "%.15g", (double)v / (double)scale);
		buf_adds(b, tmp);
		if (!strpbrk(tmp, ".e"))
			buf_adds(b, ".0");
		return;
	}
	if (v < 0) {
		buf_addch(b, '-');
		v = -v;
	}
	ip = v / scale;
	fp = v % scale;
	buf_add_int(b, ip);
	buf_addch(b, '.');
	if (!fp) {
		buf_addch(b, '0');
		return;
	}
	/* the fraction's digits without the trailing zeros */
	for (k = decimals - 1; fp % 10 == 0; k--)
		fp /= 10;
	for (j = k; j >= 0; j--) {
		tmp[j] = (char)('0' + fp % 10);
		fp /= 10;
	}
	buf_add(b, tmp, (size_t)k + 1);
}

void json_ratio_text(struct buf *b, struct ratio r)
{
	buf_adds(b, "{\"num\":");
	buf_add_int(b, r.num);
	buf_adds(b, ",\"den\":");
	buf_add_int(b, r.den);
	buf_adds(b, ",\"value\":");
	if (r.den)
		json_real_text(b, ratio_scaled(r, 10000), 4);
	else
		buf_adds(b, "null");
	buf_addch(b, '}');
}

json_t *ratio_json(struct ratio r)
{
	json_t *o = json_object();

	json_object_set_new(o, "num", json_integer(r.num));
	json_object_set_new(o, "den", json_integer(r.den));
	/* 4 decimals from exact integer rounding; the double only carries it */
	json_object_set_new(o, "value", r.den ? json_real((double)ratio_scaled(r, 10000) / 10000.0)
					      : json_null());
	return o;
}

/* Twice the median days: a whole number, or a half. */
static void half_days_text(struct buf *b, int64_t x2)
{
	if (x2 % 2 == 0)
		buf_add_int(b, x2 / 2);
	else
		json_real_text(b, x2 * 5, 1);
}

/* The "measures" object of one scope or row. */
static void measures_text(struct buf *b, const struct measures *m)
{
	size_t i;

	for (i = 0; i < N_MEASURE_RATES; i++) {
		struct ratio r;

		measure_value(m, measure_rates[i], &r, NULL);
		if (!i)
			buf_addch(b, '{');
		key(b, measure_info[measure_rates[i]].key, !i);
		json_ratio_text(b, r);
	}
	key(b, "new_starts", 0); buf_add_int(b, m->new_starts);
	key(b, "completions", 0); buf_add_int(b, m->completions);
	key(b, "investment_yuan", 0); buf_add_int(b, m->investment_yuan);
	key(b, "annual_plan_yuan", 0); buf_add_int(b, m->annual_plan_yuan);
	key(b, "land_to_start", 0);
	buf_adds(b, "{\"count\":");
	buf_add_int(b, m->land_to_start_count);
	buf_adds(b, ",\"median_days\":");
	if (m->land_to_start_count)
		half_days_text(b, m->land_to_start_median_x2);
	else
		buf_adds(b, "null");
	buf_adds(b, ",\"max_days\":");
	if (m->land_to_start_count)
		buf_add_int(b, m->land_to_start_max);
	else
		buf_adds(b, "null");
	buf_adds(b, "}}");
}

static void str_or_null(struct buf *b, const char *s)
{
	if (s)
		buf_add_json_str(b, s);
	else
		buf_adds(b, "null");
}

static void scope_text(struct buf *b, const struct scope *sc)
{
	char tmp[16];
	int p;

	buf_adds(b, "{\"tier\":");
	str_or_null(b, sc->tier == TIER_ANY ? NULL : tier_keys[sc->tier]);
	key(b, "section", 0); str_or_null(b, sc->section_code);
	key(b, "department", 0); str_or_null(b, sc->department_code);
	key(b, "industrial", 0); buf_adds(b, sc->industrial_only ? "true" : "false");
	/* the lists' filters, only when set */
	for (p = SP_INDUSTRY; p <= SP_Q; p++) {
		const char *v = scope_param_value(sc, (enum scope_param)p, 0, tmp, sizeof(tmp));

		if (v) {
			key(b, scope_params[p].key, 0);
			buf_add_json_str(b, v);
		}
	}
	buf_addch(b, '}');
}

/* The pace (序时) of m: the elapsed share as a ratio, with the investment's
 * completion and the points above or below pace. plan (may be negative: no
 * plan member) is the plan to date, for a month's row. */
static void pace_text(struct buf *b, const struct scope *sc, const struct measures *m,
		      int64_t plan)
{
	struct pace pc;

	measures_pace(sc, m, &pc);
	json_ratio_text(b, pc.elapsed);
	buf_truncate(b, b->len - 1); /* the ratio's } : the pace goes on */
	key(b, "investment", 0);
	json_ratio_text(b, pc.investment);
	key(b, "points", 0);
	if (pc.points == AMOUNT_NONE)
		buf_adds(b, "null");
	else
		json_real_text(b, pc.points, 1);
	if (plan >= 0) {
		key(b, "plan_yuan", 0);
		buf_add_int(b, plan);
	}
	buf_addch(b, '}');
}

/* A jansson value as the document's text (reference stolen). */
static void json_text(struct buf *b, json_t *j)
{
	char *t = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));

	buf_adds(b, t ? t : "null");
	free(t);
	json_decref(j);
}

/* {measure key: the target its figure of sc is compared with} (target_choose),
 * evaluated at sc->asof; measures without one are left out. */
static void targets_text(struct buf *b, const struct dataset *ds, const struct scope *sc)
{
	int k, n = 0;

	buf_addch(b, '{');
	for (k = 0; !scope_is_narrowed(sc) && k < M_FIRST_INDICATOR; k++) {
		const struct target *t = target_choose(ds, sc, (enum measure_key)k);
		struct target_eval ev;

		if (!t)
			continue;
		target_evaluate(ds, t, sc->asof, &ev);
		key(b, measure_info[k].key, !n++);
		json_text(b, target_eval_json(ds, t, &ev));
	}
	buf_addch(b, '}');
}

static void rank_text(struct buf *b, int rank)
{
	if (rank)
		buf_add_int(b, rank);
	else
		buf_adds(b, "null");
}

/* The ranks of a section breakdown's rows as the contest's measures (DOMAIN.md
 * §7): start rate, investment completion and new starts ÷ task book, into
 * rank[3 n] (ratios_rank), with the task books' ratios into task[n] and
 * whether a row has one into has[n]. */
static void rank_sections(const struct dataset *ds, const struct breakdown_rows *b,
			  struct ratio *task, int *has, int *rank)
{
	struct ratio *r = xcalloc(3 * b->n + 1, sizeof(*r));
	size_t i, n = b->n;

	for (i = 0; i < n; i++) {
		int64_t t = target_task_book(ds, b->rows[i].unit_id);

		r[i] = b->rows[i].m.start_rate;
		r[n + i] = b->rows[i].m.investment_completion;
		r[2 * n + i] = (struct ratio){ b->rows[i].m.new_starts, t > 0 ? t : 0 };
		task[i] = r[2 * n + i];
		has[i] = t >= 0;
	}
	ratios_rank(r, n, rank);
	ratios_rank(r + n, n, rank + n);
	ratios_rank(r + 2 * n, n, rank + 2 * n);
	free(r);
}

/* Row i of breakdown b, with what its own scope adds: the pace of a month
 * (plans[]: the plans to date by month), the targets of a tier, section or
 * department, a section's task book and ranks (rank, task, has: rank_sections). */
static void row_text(struct buf *out, const struct dataset *ds, const struct scope *sc,
		     const struct breakdown_rows *b, size_t i, enum breakdown by,
		     const int64_t plans[13], const int *rank, const struct ratio *task,
		     const int *has)
{
	const struct breakdown_row *r = &b->rows[i];
	struct scope rs = *sc;
	char day[11];
	int t, targets = 1;

	buf_adds(out, "{\"key\":");
	buf_add_json_str(out, r->key);
	key(out, "name", 0); buf_add_json_str(out, r->name);
	if (r->asof != sc->asof) {
		key(out, "asof", 0);
		buf_add_json_str(out, day_format(r->asof, day));
	}
	key(out, "projects", 0); buf_add_int(out, r->m.projects);
	key(out, "measures", 0); measures_text(out, &r->m);
	if (by == BY_MONTH) {
		rs.asof = r->asof;
		key(out, "pace", 0);
		pace_text(out, &rs, &r->m, plans[pace_months(rs.year, rs.asof)]);
		targets = 0;
	} else if (by == BY_TIER) {
		for (t = 0; t < TIER__MAX && strcmp(r->key, tier_keys[t]); t++)
			;
		rs.tier = t;
	} else if ((by == BY_SECTION || by == BY_DISTRICT) && r->unit_id) {
		rs.section_id = r->unit_id; /* a district's row: its targets (district1) */
	} else if (by == BY_DEPARTMENT && r->unit_id) {
		rs.department_id = r->unit_id;
	} else {
		targets = 0;
	}
	if (targets) {
		key(out, "targets", 0);
		targets_text(out, ds, &rs);
	}
	if (by == BY_SECTION) {
		key(out, "task_book", 0);
		if (has[i])
			json_ratio_text(out, task[i]);
		else
			buf_adds(out, "null");
		key(out, "rank", 0);
		buf_adds(out, "{\"start_rate\":");
		rank_text(out, rank[i]);
		key(out, "investment_completion", 0); rank_text(out, rank[b->n + i]);
		key(out, "task_book", 0); rank_text(out, rank[2 * b->n + i]);
		buf_addch(out, '}');
	}
	buf_addch(out, '}');
}

void measures_doc_text(struct buf *out, const struct dataset *ds, const struct scope *sc,
		       const struct measures *m, const struct breakdown_rows *b,
		       enum breakdown by)
{
	int64_t plans[13] = { 0 };
	struct ratio *task = NULL;
	int *rank = NULL, *has = NULL;
	char day[11];
	size_t i;

	buf_adds(out, "{\"year\":");
	buf_add_int(out, sc->year);
	key(out, "asof", 0); buf_add_json_str(out, day_format(sc->asof, day));
	key(out, "scope", 0); scope_text(out, sc);
	key(out, "projects", 0); buf_add_int(out, m->projects);
	key(out, "measures", 0); measures_text(out, m);
	key(out, "pace", 0); pace_text(out, sc, m, -1);
	key(out, "targets", 0); targets_text(out, ds, sc);
	if (b) {
		if (by == BY_MONTH) /* each month's plan to date, in one pass */
			measures_plan_by_month(ds, sc, plans);
		if (by == BY_SECTION) {
			task = xcalloc(b->n + 1, sizeof(*task));
			has = xcalloc(b->n + 1, sizeof(*has));
			rank = xcalloc(3 * b->n + 1, sizeof(*rank));
			rank_sections(ds, b, task, has, rank);
		}
		key(out, "breakdown", 0);
		buf_addch(out, '[');
		for (i = 0; i < b->n; i++) {
			if (i)
				buf_addch(out, ',');
			row_text(out, ds, sc, b, i, by, plans, rank, task, has);
		}
		buf_addch(out, ']');
	}
	buf_addch(out, '}');
	free(task);
	free(has);
	free(rank);
}

json_t *measures_doc_json(const struct dataset *ds, const struct scope *sc,
			  const struct measures *m, const struct breakdown_rows *b,
			  enum breakdown by)
{
	struct buf text = BUF_INIT;
	json_t *doc;

	measures_doc_text(&text, ds, sc, m, b, by);
	doc = json_loadb(text.s, text.len, 0, NULL);
	buf_release(&text);
	return doc ? doc : json_object();
}

unsigned measures_doc_parts(const struct scope *sc, enum breakdown by)
{
	return DS_TARGETS | (by == BY_MONTH || (sc->q && *sc->q) ? DS_DETAILS : 0);
}
