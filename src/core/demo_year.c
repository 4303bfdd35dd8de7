/* demo_year.c — the demo year's monthly data: each started project's reports
 * (月度填报) through the as-of month, the 2024 targets with the sections' task
 * books (任务书), and the statistics bureau's indicator series (DOMAIN.md §3, §5).
 * Every month is drawn the same whatever asof is; asof only stops the series. */
#include "core/demo_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Year-to-date share of the year's investment, permille (统计局 series). */
static const int64_t ytd_curve[12] = { 55, 118, 215, 300, 392, 495, 578, 662, 748, 833,
				       915, 1000 };

static int64_t wan_to_yuan(int64_t wan)
{
	return wan * WAN;
}

/* ---- monthly reports ---- */

/* 本月完成投资 in 万元: the month's plan at the project's pace; a late starter's
 * first report catches up part of what it planned for the months before. */
static int64_t month_invest(const struct plan *p, int k, int first_k, struct rng *r)
{
	int64_t u = demo_rng_range(r, 800, 1200), base = p->month_wan[k];
	int j;

	if (k == first_k && p->is_new) {
		for (base = 0, j = 0; j <= k; j++)
			base += p->month_wan[j];
		if (k > p->start_month - 1)
			base = base * demo_rng_range(r, 550, 850) / 1000;
	}
	if (base == 0) /* started ahead of its planned month */
		base = p->annual_wan * 20 / 1000;
	return base * p->perf / 1000 * u / 1000;
}

/* 本月产值 in yuan once in production, ramping up to the capacity; else absent. */
static int64_t month_output(const struct plan *p, bl_day when, bl_month mo, struct rng *r)
{
	int64_t u = demo_rng_range(r, 850, 1150), ramp;
	bl_day prod = p->on[STAGE_PRODUCTION];

	if (p->industry == DI_INFRA || prod > when)
		return AMOUNT_NONE;
	if (p->on[STAGE_CAPACITY] <= when) {
		ramp = 1000;
	} else {
		ramp = 300 + 100 * (int64_t)(mo - day_month(prod));
		if (ramp > 900)
			ramp = 900;
	}
	return wan_to_yuan(p->capacity_wan * ramp / 12000 * u / 1000);
}

/* 形象进度 on day when, from the stage reached and the share of the build done. */
static void progress(const struct plan *p, bl_day when, char *out, size_t size)
{
	bl_day s = p->on[STAGE_STARTED], c = p->on[STAGE_COMPLETED];
	const char *const *table = p->industry == DI_INFRA ? demo_progress_infra
				 : p->size == SIZE_UPGRADE ? demo_progress_upgrade
							   : demo_progress_build;
	int dec, floors;

	if (p->on[STAGE_CAPACITY] <= when)
		snprintf(out, size, "已达产，产能全面释放");
	else if (p->on[STAGE_PRODUCTION] <= when)
		snprintf(out, size, "已投产，产能逐步释放");
	else if (c <= when)
		snprintf(out, size, "%s", p->industry == DI_INFRA ? "已竣工，交付使用"
								  : "已竣工，生产设备调试中");
	else if (p->stalled)
		snprintf(out, size, "施工进度缓慢，现场作业人员不足");
	else {
		dec = (int)((int64_t)(when - s) * 10 / (c - s));
		dec = dec < 0 ? 0 : dec > 9 ? 9 : dec;
		floors = 1 + (when - s) / 45;
		floors = floors > 12 ? 12 : floors;
		if (table == demo_progress_build && (dec == 3 || dec == 4))
			snprintf(out, size, "主体结构施工至%d层", floors);
		else
			snprintf(out, size, "%s", table[dec]);
	}
}

/* Weaker sections report problems more often; a stalled or much-delayed
 * project carries one from its first report on. */
void demo_problem_episode(const struct gen *g, size_t i, int first_k, struct episode *e)
{
	const struct plan *p = &g->plans[i];
	int chance = 150 + 1050 - demo_sections[p->section].quality;
	struct rng r;
	int hit;

	demo_rng_init(&r, g->seed, STREAM(i, S_PROBLEMS));
	hit = demo_rng_chance(&r, chance);
	e->from = (int)demo_rng_range(&r, first_k, 11);
	e->to = e->from + (int)demo_rng_range(&r, 0, 2);
	e->text = demo_problems[demo_rng_range(&r, 0, (int64_t)demo_n_problems - 1)];
	if (p->stalled) {
		e->from = first_k;
		e->to = 11;
		e->text = "建设单位融资进度滞后";
	} else if (p->fate == F_LATE_BIG) {
		e->from = first_k;
		e->to = first_k + 2;
		e->text = demo_problems[demo_rng_range(&r, 0, 2)];
	} else if (!hit) {
		e->text = NULL;
	}
}

static struct report *new_report(struct demo_data *d, size_t *alloc)
{
	struct report *r;

	XGROW(d->reports, *alloc, d->n_reports + 1);
	r = &d->reports[d->n_reports++];
	memset(r, 0, sizeof(*r));
	return r;
}

static void project_reports(struct gen *g, size_t i, bl_month first, bl_month last,
			    size_t *alloc)
{
	const struct plan *p = &g->plans[i];
	bl_month jan = month_from_ym(DEMO_YEAR, 1), now = day_month(g->asof), mo;
	struct episode ep;
	struct rng r;
	char buf[128];

	demo_rng_init(&r, g->seed, STREAM(i, S_REPORTS));
	demo_problem_episode(g, i, first - jan, &ep);
	for (mo = first; mo <= last; mo++) {
		bl_day end = month_last_day(mo), when = end < g->asof ? end : g->asof;
		struct report *rep = new_report(g->out, alloc);
		int k = mo - jan;

		rep->project_id = (int64_t)i + 1;
		rep->month = mo;
		rep->invest = wan_to_yuan(month_invest(p, k, first - jan, &r));
		rep->output = month_output(p, when, mo, &r);
		progress(p, when, buf, sizeof(buf));
		rep->progress = xstrdup(buf);
		if (ep.text && k >= ep.from && k <= ep.to)
			rep->problems = xstrdup(ep.text);
		rep->status = mo < now ? REPORT_VERIFIED : REPORT_SUBMITTED;
	}
}

/* A continuing project's last two reports of the year before (Nov, Dec), so
 * that an as-of date in January or February finds last month's report where
 * it should be (DOMAIN.md §6, report missing). Drawn from a stream of their
 * own, so the year's reports are the same with or without them. */
static void last_year_reports(struct gen *g, size_t i, size_t *alloc)
{
	const struct plan *p = &g->plans[i];
	bl_month jan = month_from_ym(DEMO_YEAR, 1), mo;
	struct rng r;
	char buf[128];

	demo_rng_init(&r, g->seed, STREAM(i, S_LAST_YEAR));
	for (mo = jan - 2; mo < jan; mo++) {
		struct report *rep;

		if (day_month(p->on[STAGE_STARTED]) > mo)
			continue;
		rep = new_report(g->out, alloc);
		rep->project_id = (int64_t)i + 1;
		rep->month = mo;
		rep->invest = wan_to_yuan(p->annual_wan * p->perf / 1000 *
					  demo_rng_range(&r, 700, 1100) / 12000);
		progress(p, month_last_day(mo), buf, sizeof(buf));
		rep->progress = xstrdup(buf);
		rep->status = REPORT_VERIFIED;
	}
}

/* DOMAIN.md §3, shown: each stalled project has filled in the last month it
 * owes but not submitted it. The draft counts nowhere: its month is still
 * reported missing (the warning says a draft is there) and its investment
 * is only in the project office's preview with drafts. No draw: the rest of
 * the demo is the same with or without it. */
static void stalled_draft(struct gen *g, size_t i, bl_month first, size_t *alloc)
{
	const struct plan *p = &g->plans[i];
	bl_month jan = month_from_ym(DEMO_YEAR, 1), mo = day_month(g->asof) - 1;
	struct report *rep;
	char buf[128];

	if (mo < first || mo < jan)
		return;
	rep = new_report(g->out, alloc);
	rep->project_id = (int64_t)i + 1;
	rep->month = mo;
	rep->invest = wan_to_yuan(p->month_wan[mo - jan] * p->perf / 1000);
	progress(p, month_last_day(mo), buf, sizeof(buf));
	rep->progress = xstrdup(buf);
	rep->problems = xstrdup("建设单位融资进度滞后");
	rep->status = REPORT_DRAFT;
}

void demo_gen_reports(struct gen *g)
{
	bl_month jan = month_from_ym(DEMO_YEAR, 1), now = day_month(g->asof);
	size_t alloc = 0, i;

	for (i = 0; i < g->n; i++) {
		const struct plan *p = &g->plans[i];
		bl_month first, last = now;

		if (p->stalled) /* the first misses two months' reports, the second one */
			last = now - (p->stalled == 1 ? 3 : 2);
		if (p->on[STAGE_STARTED] > g->asof)
			continue;
		first = day_month(p->on[STAGE_STARTED]);
		if (first < jan) {
			first = jan;
			last_year_reports(g, i, &alloc);
		}
		project_reports(g, i, first, last, &alloc);
		if (p->stalled)
			stalled_draft(g, i, first, &alloc);
	}
}

/* ---- targets (目标任务书, DOMAIN.md §5) ---- */

struct target_spec {
	enum measure_key measure;
	int tier, industrial, month, day;
	int64_t value;
};

/* The seed's 2024 targets; rates in ten-thousandths, money in yuan. */
static const struct target_spec target_specs[] = {
	{ M_START_RATE, TIER_PROVINCE, 0, 3, 31, 10000 },
	{ M_NEW_STARTS, TIER_PROVINCE, 0, 3, 31, 4 },
	{ M_DUE_START_ATTAINMENT, TIER_CITY, 0, 3, 31, 10000 },
	{ M_START_RATE, TIER_DISTRICT, 0, 3, 31, 3000 },
	{ M_START_RATE, TIER_PROVINCE, 0, 6, 30, 8500 },
	{ M_START_RATE, TIER_CITY, 1, 6, 30, 7500 },
	{ M_START_RATE, TIER_ANY, 0, 9, 30, 10000 },
	{ M_FIXED_ASSET_INVESTMENT, TIER_ANY, 0, 12, 31, 84000000000 },
	{ M_INDUSTRIAL_INVESTMENT, TIER_ANY, 0, 12, 31, 41600000000 },
	{ M_ANNUAL_PLAN, TIER_ANY, 1, 12, 31, 45000000000 },
	{ M_NEW_STARTS, TIER_ANY, 0, 12, 31, 70 },
	{ M_COMPLETIONS, TIER_ANY, 0, 12, 31, 46 },
	{ M_INDUSTRIAL_VALUE_ADDED_GROWTH, TIER_ANY, 0, 12, 31, 600 },
	{ M_INDUSTRIAL_FUNDS, TIER_ANY, 0, 12, 31, 50 },
	{ M_INDUSTRIAL_FUNDS_CAPITAL, TIER_ANY, 0, 12, 31, 10000000000 },
};
#define N_TARGET_SPECS (sizeof(target_specs) / sizeof(target_specs[0]))
#define DISTRICT_NEW_STARTS 70

static void add_target(struct demo_data *d, const struct target_spec *s, int64_t section)
{
	struct target *t = &d->targets[d->n_targets++];

	memset(t, 0, sizeof(*t));
	t->year = DEMO_YEAR;
	t->measure = s->measure;
	t->tier = s->tier;
	t->section_id = section;
	t->industrial = s->industrial;
	t->due = day_from_ymd(DEMO_YEAR, s->month, s->day);
	t->value = s->value;
}

/* The district's targets, then its 70 new starts split into the sections' task
 * books in proportion to the new starts each has planned. */
void demo_gen_targets(struct gen *g)
{
	struct demo_data *d = g->out;
	int64_t planned[DEMO_N_SECTIONS] = { 0 }, book[DEMO_N_SECTIONS];
	struct target_spec s = { M_NEW_STARTS, TIER_ANY, 0, 12, 31, 0 };
	size_t i;

	d->targets = xcalloc(N_TARGET_SPECS + DEMO_N_SECTIONS, sizeof(*d->targets));
	for (i = 0; i < N_TARGET_SPECS; i++)
		add_target(d, &target_specs[i], 0);
	for (i = 0; i < g->n; i++)
		if (g->plans[i].is_new)
			planned[g->plans[i].section]++;
	demo_apportion(planned, DEMO_N_SECTIONS, DISTRICT_NEW_STARTS, book);
	for (i = 0; i < DEMO_N_SECTIONS; i++) {
		s.value = book[i];
		add_target(d, &s, SECTION_ID(i));
	}
}

/* ---- indicators entered from the statistics bureau (DOMAIN.md §5) ---- */

static void add_indicator(struct demo_data *d, enum measure_key m, bl_month mo, int64_t v)
{
	struct indicator_value *iv = &d->indicators[d->n_indicators++];

	iv->measure = m;
	iv->unit_id = 0;
	iv->month = mo;
	iv->value = v;
}

/* Year-to-date figures for each month through asof's: fixed-asset and
 * industrial investment on the usual curve towards a year a little above or
 * below the target, value-added growth settling near 6 %, funds counted up. */
void demo_gen_indicators(struct gen *g)
{
	struct demo_data *d = g->out;
	int last = month_of_year(day_month(g->asof)), m;
	int64_t fai, ind, iva_end, funds = 0, capital = 0;
	struct rng r;

	demo_rng_init(&r, g->seed, STREAM_INDICATORS);
	fai = 84000000 * demo_rng_range(&r, 985, 1040); /* yuan: 840 亿 × permille */
	ind = 41600000 * demo_rng_range(&r, 975, 1050);
	iva_end = demo_rng_range(&r, 560, 680);
	d->indicators = xcalloc(5 * 12, sizeof(*d->indicators));
	for (m = 0; m < 12; m++) {
		bl_month mo = month_from_ym(DEMO_YEAR, m + 1);
		int64_t iva = iva_end + (760 - iva_end) * (11 - m) / 11 + demo_rng_range(&r, -40, 40);
		int64_t jitter = m < 11 ? demo_rng_range(&r, -8, 8) : 0;
		int64_t inc = demo_rng_range(&r, 2, 7);

		funds += inc;
		capital += wan_to_yuan(inc * demo_rng_range(&r, 15000, 30000));
		if (m >= last)
			continue;
		add_indicator(d, M_FIXED_ASSET_INVESTMENT, mo,
			      fai / WAN * ytd_curve[m] / 1000 * WAN);
		add_indicator(d, M_INDUSTRIAL_INVESTMENT, mo,
			      ind / WAN * (ytd_curve[m] + jitter) / 1000 * WAN);
		add_indicator(d, M_INDUSTRIAL_VALUE_ADDED_GROWTH, mo, iva);
		add_indicator(d, M_INDUSTRIAL_FUNDS, mo, funds);
		add_indicator(d, M_INDUSTRIAL_FUNDS_CAPITAL, mo, capital);
	}
}
