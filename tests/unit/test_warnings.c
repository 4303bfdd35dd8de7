/* test_warnings.c — DOMAIN.md §6 rules at their thresholds (the day before,
 * on, and after each), both forms of the investment-lag rule, report missing
 * on the 10th vs the 11th and across January, settings as text, and the
 * sentences with their numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/items.h"
#include "core/scope.h"
#include "core/warnings.h"
#include "fixture.h"
#include "util/xalloc.h"

enum { W_START, W_FILED, W_LAG, W_LAG_MONTHLY, W_COMPLETION, W_REPORT, W_CLEAN };

/* One project per rule (see the enum), each quiet for every other rule:
 *  W_START       planned start 2024-03-01, nothing else
 *  W_FILED       filed 2024-01-01, no planned start
 *  W_LAG         started 01-15, plan 1200万, no month plan, 370万 by June
 *  W_LAG_MONTHLY started 01-15, month plan 200万 × 6 then 0; 600万 by June
 *  W_COMPLETION  started 01-05, planned completion 2024-05-01, no plan
 *  W_REPORT      started 01-10, May not reported
 *  W_CLEAN       started 2023, completed 2023 */
/* A district project of section 1 that has reported every month of both
 * years, so only the rule under test can fire. */
static struct project *add_project(struct dataset *ds, int64_t plan)
{
	struct project *p = fx_project(ds, "R", 1, 0, 0, NULL, TIER_BIT(TIER_DISTRICT), plan);

	ds->reports[ds->n_projects - 1].reported = 0xffffffu;
	return p;
}

static int setup(void **state)
{
	struct dataset *ds = xcalloc(1, sizeof(*ds));
	struct project *p;
	int m;

	ds->year = 2024;
	ds->units = xcalloc(1, sizeof(*ds->units));
	ds->units[0].id = 1;
	ds->units[0].code = xstrdup("S01");
	ds->units[0].name = xstrdup("S01");
	ds->units[0].kind = UNIT_SECTION;
	ds->n_units = 1;
	dataset_index(ds);

	p = add_project(ds, AMOUNT_NONE);
	p->planned_start = fx_day(2024, 3, 1);

	p = add_project(ds, AMOUNT_NONE);
	p->stage_on[STAGE_FILED] = fx_day(2024, 1, 1);

	p = add_project(ds, 12000000);
	p->stage_on[STAGE_STARTED] = fx_day(2024, 1, 15);
	ds->reports[W_LAG].invest[0] = 1000000;
	ds->reports[W_LAG].invest[5] = 2700000;
	ds->reports[W_LAG].invest[6] = 9000000; /* July: after the as-of month */

	p = add_project(ds, 12000000);
	p->stage_on[STAGE_STARTED] = fx_day(2024, 1, 15);
	ds->listings[W_LAG_MONTHLY].has_month_plan = 1;
	for (m = 0; m < 6; m++)
		ds->listings[W_LAG_MONTHLY].month_plan[m] = 2000000;
	ds->reports[W_LAG_MONTHLY].invest[2] = 6000000;

	p = add_project(ds, AMOUNT_NONE);
	p->stage_on[STAGE_STARTED] = fx_day(2024, 1, 5);
	p->planned_completion = fx_day(2024, 5, 1);

	p = add_project(ds, AMOUNT_NONE);
	p->stage_on[STAGE_STARTED] = fx_day(2024, 1, 10);
	ds->reports[W_REPORT].reported &= ~(1u << 4);

	p = add_project(ds, AMOUNT_NONE);
	p->stage_on[STAGE_STARTED] = fx_day(2023, 3, 1);
	p->stage_on[STAGE_COMPLETED] = fx_day(2023, 11, 1);
	p->planned_start = fx_day(2023, 2, 1);
	p->planned_completion = fx_day(2023, 12, 1);
	*state = ds;
	return 0;
}

static int teardown(void **state)
{
	struct dataset *ds = *state;

	dataset_release(ds);
	free(ds);
	return 0;
}

/* The warning of (project, rule) in wl, or NULL. */
static const struct warning *find(const struct warning_list *wl, size_t project,
				  enum warning_rule rule)
{
	size_t i;

	for (i = 0; i < wl->n; i++)
		if (wl->items[i].project == project && wl->items[i].rule == rule)
			return &wl->items[i];
	return NULL;
}

/* The level of (project, rule) at asof under ws; LIGHT_GREEN when none. */
static enum light level_at(const struct dataset *ds, const struct warning_settings *ws,
			   bl_day asof, size_t project, enum warning_rule rule)
{
	struct warning_list wl;
	const struct warning *w;
	enum light lv;

	warnings_compute(ds, ws, asof, &wl);
	w = find(&wl, project, rule);
	lv = w ? w->level : LIGHT_GREEN;
	warning_list_release(&wl);
	return lv;
}

/* The reason of (project, rule) at asof, copied into out. */
static void reason_at(const struct dataset *ds, const struct warning_settings *ws, bl_day asof,
		      size_t project, enum warning_rule rule, char *out, size_t cap)
{
	struct warning_list wl;
	const struct warning *w;

	warnings_compute(ds, ws, asof, &wl);
	w = find(&wl, project, rule);
	assert_non_null(w);
	snprintf(out, cap, "%s", w->reason);
	warning_list_release(&wl);
}

/* The reason of (project, rule) at asof as its code and figures:
 * "code name=value …". */
static void params_at(const struct dataset *ds, const struct warning_settings *ws,
		      bl_day asof, size_t project, enum warning_rule rule, char *out, size_t cap)
{
	struct warning_list wl;
	const struct warning *w;
	size_t i, len;

	warnings_compute(ds, ws, asof, &wl);
	w = find(&wl, project, rule);
	assert_non_null(w);
	snprintf(out, cap, "%s", w->code);
	for (i = 0; i < w->n_params; i++) {
		len = strlen(out);
		snprintf(out + len, cap - len, " %s=%s", w->params[i].name, w->params[i].value);
	}
	warning_list_release(&wl);
}

static void test_start_overdue(void **state)
{
	struct dataset *ds = *state;
	struct warning_settings ws;
	char why[256];

	warning_settings_defaults(&ws);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 3, 1), W_START, WR_START_OVERDUE),
			 LIGHT_GREEN);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 3, 2), W_START, WR_START_OVERDUE),
			 LIGHT_YELLOW);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 3, 31), W_START, WR_START_OVERDUE),
			 LIGHT_YELLOW); /* exactly 30 days late */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 4, 1), W_START, WR_START_OVERDUE),
			 LIGHT_RED); /* 31 */
	reason_at(ds, &ws, fx_day(2024, 4, 15), W_START, WR_START_OVERDUE, why, sizeof(why));
	assert_string_equal(why, "计划2024-03-01开工，已逾期45天未开工");
	params_at(ds, &ws, fx_day(2024, 4, 15), W_START, WR_START_OVERDUE, why, sizeof(why));
	assert_string_equal(why, "start_overdue planned=2024-03-01 days=45");
	/* started (on a later stage's date) after the planned day: no warning */
	ds->projects[W_START].stage_on[STAGE_COMPLETED] = fx_day(2024, 4, 10);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 4, 15), W_START, WR_START_OVERDUE),
			 LIGHT_GREEN);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 4, 9), W_START, WR_START_OVERDUE),
			 LIGHT_RED);
	/* a setting moves the threshold */
	ds->projects[W_START].stage_on[STAGE_COMPLETED] = DAY_NONE;
	assert_null(warning_settings_set(&ws, "warn.start_overdue.red_days", "31"));
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 4, 1), W_START, WR_START_OVERDUE),
			 LIGHT_YELLOW);
}

static void test_filed_not_started(void **state)
{
	struct dataset *ds = *state;
	struct warning_settings ws;
	char why[256];

	warning_settings_defaults(&ws);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 3, 31), W_FILED, WR_FILED_NOT_STARTED),
			 LIGHT_GREEN); /* 90 days */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 4, 1), W_FILED, WR_FILED_NOT_STARTED),
			 LIGHT_YELLOW); /* 91 */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 29), W_FILED, WR_FILED_NOT_STARTED),
			 LIGHT_YELLOW); /* 180 */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 30), W_FILED, WR_FILED_NOT_STARTED),
			 LIGHT_RED); /* 181 */
	reason_at(ds, &ws, fx_day(2024, 4, 1), W_FILED, WR_FILED_NOT_STARTED, why, sizeof(why));
	assert_string_equal(why, "2024-01-01备案，已91天未开工");
	/* not yet filed on the as-of date */
	ds->projects[W_FILED].stage_on[STAGE_FILED] = fx_day(2024, 7, 1);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 30), W_FILED, WR_FILED_NOT_STARTED),
			 LIGHT_GREEN);
}

static void test_investment_lag_ratio(void **state)
{
	struct dataset *ds = *state;
	struct warning_settings ws;
	int64_t *june = &ds->reports[W_LAG].invest[5];
	char why[256];

	warning_settings_defaults(&ws);
	/* June: plan-to-date 1200万 × 6 / 12 = 600万; 370万 done = 61.7 % */
	reason_at(ds, &ws, fx_day(2024, 6, 20), W_LAG, WR_INVESTMENT_LAG, why, sizeof(why));
	assert_string_equal(why, "截至6月完成投资370万元，序时计划600万元，完成61.7%，低于80%");
	params_at(ds, &ws, fx_day(2024, 6, 20), W_LAG, WR_INVESTMENT_LAG, why, sizeof(why));
	assert_string_equal(why, "investment_lag_ratio months=6 invest=370 plan=600 pct=61.7 "
				 "threshold=80");
	*june = 3800000; /* 480万: exactly 80 % */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 20), W_LAG, WR_INVESTMENT_LAG),
			 LIGHT_GREEN);
	*june = 3799999;
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 20), W_LAG, WR_INVESTMENT_LAG),
			 LIGHT_YELLOW);
	*june = 2000000; /* 300万: exactly 50 % */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 20), W_LAG, WR_INVESTMENT_LAG),
			 LIGHT_YELLOW);
	*june = 1999999;
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 20), W_LAG, WR_INVESTMENT_LAG),
			 LIGHT_RED);
	reason_at(ds, &ws, fx_day(2024, 6, 20), W_LAG, WR_INVESTMENT_LAG, why, sizeof(why));
	assert_string_equal(why,
			    "截至6月完成投资299.9999万元，序时计划600万元，完成50.0%，低于50%");
	/* the month plan: 200万 × 6 = 1200万 by June, 600万 done = 50 % */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 1), W_LAG_MONTHLY, WR_INVESTMENT_LAG),
			 LIGHT_YELLOW);
	/* July adds no plan: still 1200万 */
	ds->reports[W_LAG_MONTHLY].invest[6] = 3600000;
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 7, 1), W_LAG_MONTHLY, WR_INVESTMENT_LAG),
			 LIGHT_GREEN);
	/* not started: no lag */
	ds->projects[W_LAG].stage_on[STAGE_STARTED] = fx_day(2024, 6, 21);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 20), W_LAG, WR_INVESTMENT_LAG),
			 LIGHT_GREEN);
}

static void test_investment_lag_points(void **state)
{
	struct dataset *ds = *state;
	struct warning_settings ws;
	int64_t *june = &ds->reports[W_LAG].invest[5];
	char why[512];

	warning_settings_defaults(&ws);
	assert_null(warning_settings_set(&ws, "warn.investment_lag.form", "points"));
	assert_int_equal(ws.lag_form, LAG_POINTS);
	/* pace 50 %; 480万 of 1200万 = 40 %: exactly 10 points below */
	*june = 3800000;
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 20), W_LAG, WR_INVESTMENT_LAG),
			 LIGHT_GREEN);
	*june = 3799999;
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 20), W_LAG, WR_INVESTMENT_LAG),
			 LIGHT_YELLOW);
	*june = 1400000; /* 240万 = 20 %: exactly 30 points */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 20), W_LAG, WR_INVESTMENT_LAG),
			 LIGHT_YELLOW);
	*june = 1399999;
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 20), W_LAG, WR_INVESTMENT_LAG),
			 LIGHT_RED);
	*june = 1000000; /* 200万 = 16.7 %, 33.3 points below */
	reason_at(ds, &ws, fx_day(2024, 6, 20), W_LAG, WR_INVESTMENT_LAG, why, sizeof(why));
	assert_string_equal(why, "截至6月完成投资200万元，占年度计划1,200万元的16.7%，"
				 "序时进度50.0%，低于序时33.3个百分点");
	params_at(ds, &ws, fx_day(2024, 6, 20), W_LAG, WR_INVESTMENT_LAG, why, sizeof(why));
	assert_string_equal(why, "investment_lag_points months=6 invest=200 annual=1,200 "
				 "pct=16.7 pace=50.0 points=33.3");
	/* the month plan: pace 100 % by June, 50 % done: 50 points, red */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 1), W_LAG_MONTHLY, WR_INVESTMENT_LAG),
			 LIGHT_RED);
	/* the ratio form would say yellow for the same project */
	assert_null(warning_settings_set(&ws, "warn.investment_lag.form", "ratio"));
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 1), W_LAG_MONTHLY, WR_INVESTMENT_LAG),
			 LIGHT_YELLOW);
}

static void test_completion_overdue(void **state)
{
	struct dataset *ds = *state;
	struct warning_settings ws;
	char why[256];

	warning_settings_defaults(&ws);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 5, 1), W_COMPLETION, WR_COMPLETION_OVERDUE),
			 LIGHT_GREEN);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 30), W_COMPLETION, WR_COMPLETION_OVERDUE),
			 LIGHT_YELLOW); /* 60 days */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 7, 1), W_COMPLETION, WR_COMPLETION_OVERDUE),
			 LIGHT_RED); /* 61 */
	reason_at(ds, &ws, fx_day(2024, 7, 1), W_COMPLETION, WR_COMPLETION_OVERDUE, why, sizeof(why));
	assert_string_equal(why, "计划2024-05-01竣工，已逾期61天未竣工");
	/* in production counts as completed */
	ds->projects[W_COMPLETION].stage_on[STAGE_PRODUCTION] = fx_day(2024, 6, 1);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 7, 1), W_COMPLETION, WR_COMPLETION_OVERDUE),
			 LIGHT_GREEN);
}

static void test_report_missing(void **state)
{
	struct dataset *ds = *state;
	struct year_reports *r = &ds->reports[W_REPORT];
	struct warning_settings ws;
	char why[256];

	warning_settings_defaults(&ws);
	/* on the 10th April is owed (reported); from the 11th May (missing) */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 10), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_GREEN);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 11), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_YELLOW);
	reason_at(ds, &ws, fx_day(2024, 6, 11), W_REPORT, WR_REPORT_MISSING, why, sizeof(why));
	assert_string_equal(why, "2024年5月月报未报送（截至2024-06-11）");
	params_at(ds, &ws, fx_day(2024, 6, 11), W_REPORT, WR_REPORT_MISSING, why, sizeof(why));
	assert_string_equal(why, "report_missing month=2024-05 asof=2024-06-11");
	/* April missing too: red */
	r->reported &= ~(1u << 3);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 10), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_YELLOW); /* April owed, March reported */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 11), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_RED);
	reason_at(ds, &ws, fx_day(2024, 6, 11), W_REPORT, WR_REPORT_MISSING, why, sizeof(why));
	assert_string_equal(why, "2024年4月、2024年5月月报均未报送（截至2024-06-11）");
	params_at(ds, &ws, fx_day(2024, 6, 11), W_REPORT, WR_REPORT_MISSING, why, sizeof(why));
	assert_string_equal(why, "report_missing_two before=2024-04 month=2024-05 asof=2024-06-11");
	/* started in May: it owes May but not April */
	ds->projects[W_REPORT].stage_on[STAGE_STARTED] = fx_day(2024, 5, 15);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 11), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_YELLOW);
	/* started in June: owes nothing yet */
	ds->projects[W_REPORT].stage_on[STAGE_STARTED] = fx_day(2024, 6, 1);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 11), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_GREEN);
	/* the due day is a setting */
	ds->projects[W_REPORT].stage_on[STAGE_STARTED] = fx_day(2024, 1, 10);
	assert_null(warning_settings_set(&ws, "warn.report_missing.due_day", "15"));
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 15), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_YELLOW); /* April owed, March reported */
}

/* DOMAIN.md §3: a month whose report is a draft or was returned is not
 * reported; the reason says the report is there but does not count. */
static void test_report_missing_draft(void **state)
{
	struct dataset *ds = *state;
	struct year_reports *r = &ds->reports[W_REPORT];
	struct warning_settings ws;
	char why[256];

	warning_settings_defaults(&ws);
	r->uncounted |= 1u << 4; /* May: a draft (the store counts none of it) */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 11), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_YELLOW);
	reason_at(ds, &ws, fx_day(2024, 6, 11), W_REPORT, WR_REPORT_MISSING, why, sizeof(why));
	assert_string_equal(why, "2024年5月月报未报送（截至2024-06-11；2024年5月月报已保存未提交或"
				 "已被退回，不计入）");
	r->reported &= ~(1u << 3); /* April: returned */
	r->uncounted |= 1u << 3;
	reason_at(ds, &ws, fx_day(2024, 6, 11), W_REPORT, WR_REPORT_MISSING, why, sizeof(why));
	assert_string_equal(why, "2024年4月、2024年5月月报均未报送（截至2024-06-11；2024年4月、"
				 "2024年5月月报已保存未提交或已被退回，不计入）");
	params_at(ds, &ws, fx_day(2024, 6, 11), W_REPORT, WR_REPORT_MISSING, why, sizeof(why));
	assert_string_equal(why, "report_missing_two before=2024-04 month=2024-05 "
				 "asof=2024-06-11 uncounted=2024-04,2024-05");
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 11), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_RED);
}

static void test_report_missing_january(void **state)
{
	struct dataset *ds = *state;
	struct year_reports *r = &ds->reports[W_REPORT];
	struct warning_settings ws;
	char why[256];

	warning_settings_defaults(&ws);
	ds->projects[W_REPORT].stage_on[STAGE_STARTED] = fx_day(2023, 6, 1);
	/* last year's November and December missing (bits 12+10, 12+11) */
	r->reported = 0xfffu | (0x3ffu << 12);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 1, 10), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_YELLOW); /* November owed, October there */
	reason_at(ds, &ws, fx_day(2024, 1, 10), W_REPORT, WR_REPORT_MISSING, why, sizeof(why));
	assert_string_equal(why, "2023年11月月报未报送（截至2024-01-10）");
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 1, 11), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_RED);
	reason_at(ds, &ws, fx_day(2024, 1, 11), W_REPORT, WR_REPORT_MISSING, why, sizeof(why));
	assert_string_equal(why, "2023年11月、2023年12月月报均未报送（截至2024-01-11）");
	/* December there, November missing: on the 11th only December is owed */
	r->reported |= 1u << (12 + 11);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 1, 11), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_GREEN);
	/* February 5th: December owed, there */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 2, 5), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_GREEN);
	/* February 11th: January owed (bit 0) */
	r->reported &= ~1u;
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 2, 11), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_YELLOW);
}

static void test_lights(void **state)
{
	struct dataset *ds = *state;
	struct warning_settings ws;
	struct warning_list wl;
	size_t i;

	warning_settings_defaults(&ws);
	/* W_START also late to complete, only a little: red start + yellow completion */
	ds->projects[W_START].planned_completion = fx_day(2024, 4, 20);
	warnings_compute(ds, &ws, fx_day(2024, 5, 1), &wl);
	assert_int_equal(wl.n_lights, 7);
	assert_int_equal(find(&wl, W_START, WR_START_OVERDUE)->level, LIGHT_RED);
	assert_int_equal(find(&wl, W_START, WR_COMPLETION_OVERDUE)->level, LIGHT_YELLOW);
	assert_int_equal(wl.lights[W_START], LIGHT_RED);
	assert_int_equal(wl.lights[W_FILED], LIGHT_YELLOW);
	assert_int_equal(wl.lights[W_CLEAN], LIGHT_GREEN);
	assert_int_equal(wl.lights[W_COMPLETION], LIGHT_GREEN); /* 0 days late */
	for (i = 0; i < wl.n; i++)
		assert_int_not_equal(wl.items[i].project, W_CLEAN);
	for (i = 1; i < wl.n; i++)
		assert_true(wl.items[i - 1].project < wl.items[i].project ||
			    (wl.items[i - 1].project == wl.items[i].project &&
			     wl.items[i - 1].rule < wl.items[i].rule));
	warning_list_release(&wl);
	/* yellow completion alone keeps the light yellow */
	ds->projects[W_START].planned_start = DAY_NONE;
	warnings_compute(ds, &ws, fx_day(2024, 5, 1), &wl);
	assert_int_equal(wl.lights[W_START], LIGHT_YELLOW);
	warning_list_release(&wl);
}

/* The light alone (warnings_lights, warnings_lights_of: the projects' list,
 * no sentence) is the worst of the rules, as the list's: on 05-01 W_START is
 * red (start 61 days late) and yellow (completion 11 days late, a later
 * rule), W_FILED yellow (filed 121 days ago), W_CLEAN green. */
static void test_light_alone(void **state)
{
	struct dataset *ds = *state;
	struct warning_settings ws;
	struct warning_list wl;
	enum light lights[7], two[2];
	static const size_t idx[2] = { W_CLEAN, W_START };
	size_t i;

	warning_settings_defaults(&ws);
	ds->projects[W_START].planned_completion = fx_day(2024, 4, 20);
	warnings_lights(ds, &ws, fx_day(2024, 5, 1), lights);
	assert_int_equal(lights[W_START], LIGHT_RED);
	assert_int_equal(lights[W_FILED], LIGHT_YELLOW);
	assert_int_equal(lights[W_CLEAN], LIGHT_GREEN);
	warnings_compute(ds, &ws, fx_day(2024, 5, 1), &wl);
	for (i = 0; i < 7; i++)
		assert_int_equal(lights[i], wl.lights[i]);
	warning_list_release(&wl);
	warnings_lights_of(ds, &ws, fx_day(2024, 5, 1), idx, 2, two);
	assert_int_equal(two[0], LIGHT_GREEN);
	assert_int_equal(two[1], LIGHT_RED);
	/* W_START 30 days late on 03-31 (yellow), 31 on 04-01 (red) */
	warnings_lights_of(ds, &ws, fx_day(2024, 3, 31), idx, 2, two);
	assert_int_equal(two[1], LIGHT_YELLOW);
	warnings_lights_of(ds, &ws, fx_day(2024, 4, 1), idx, 2, two);
	assert_int_equal(two[1], LIGHT_RED);
	/* the points form of the lag, the light alone: on 06-20 W_LAG is 19.2
	 * points below pace (370万 of 1200万 against 50 %): yellow; W_LAG_MONTHLY
	 * 50 points (600万 of 1200万 against 100 %): red */
	assert_null(warning_settings_set(&ws, "warn.investment_lag.form", "points"));
	warnings_lights(ds, &ws, fx_day(2024, 6, 20), lights);
	assert_int_equal(lights[W_LAG], LIGHT_YELLOW);
	assert_int_equal(lights[W_LAG_MONTHLY], LIGHT_RED);
	assert_int_equal(lights[W_CLEAN], LIGHT_GREEN);
}

/* An item of project W_CLEAN (green otherwise) with the given points. */
static struct item_track *add_item(struct dataset *ds, int64_t id, const char *title)
{
	struct item_track *t;

	ds->items = xrealloc(ds->items, (ds->n_items + 1) * sizeof(*ds->items));
	t = &ds->items[ds->n_items++];
	memset(t, 0, sizeof(*t));
	t->id = id;
	t->project = W_CLEAN;
	t->owner_id = 1;
	t->title = xstrdup(title);
	return t;
}

static void point(struct item_track *t, bl_day on, enum item_status st, int level,
		  bl_day deadline)
{
	struct item_state s = { st, level, deadline, deadline };

	item_track_add(t, on, &s);
}

/* DOMAIN.md §6 督办事项逾期: red from the day after the deadline (办结时限)
 * while the item is pending, escalated or not, as it stood on the day; no
 * yellow. */
static void test_item_overdue(void **state)
{
	struct dataset *ds = *state;
	struct warning_settings ws;
	struct item_track *a, *b;
	char why[512];

	warning_settings_defaults(&ws);
	/* raised 04-01 at level 1, deadline 04-16; escalated 04-17 to level 2
	 * (its level's deadline 04-27, its deadline still 04-16); answered 04-25;
	 * resolved 05-10 */
	a = add_item(ds, 1, "用地指标未落实");
	point(a, fx_day(2024, 4, 1), IS_OPEN, 1, fx_day(2024, 4, 16));
	point(a, fx_day(2024, 4, 17), IS_OPEN, 2, fx_day(2024, 4, 16));
	point(a, fx_day(2024, 4, 25), IS_ANSWERED, 2, fx_day(2024, 4, 16));
	point(a, fx_day(2024, 5, 10), IS_RESOLVED, 2, fx_day(2024, 4, 16));
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 3, 31), W_CLEAN, WR_ITEM_OVERDUE),
			 LIGHT_GREEN); /* not raised yet */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 4, 16), W_CLEAN, WR_ITEM_OVERDUE),
			 LIGHT_GREEN); /* the deadline day */
	/* the day after: red, escalated or not; answered is still pending */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 4, 17), W_CLEAN, WR_ITEM_OVERDUE),
			 LIGHT_RED);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 4, 28), W_CLEAN, WR_ITEM_OVERDUE),
			 LIGHT_RED);
	reason_at(ds, &ws, fx_day(2024, 5, 9), W_CLEAN, WR_ITEM_OVERDUE, why, sizeof(why));
	assert_string_equal(why, "督办事项“用地指标未落实”（第2级·部门协调）办结时限2024-04-16，"
			    "已逾期23天");
	params_at(ds, &ws, fx_day(2024, 5, 9), W_CLEAN, WR_ITEM_OVERDUE, why, sizeof(why));
	assert_string_equal(why, "item_overdue n=1 title=用地指标未落实 level=2 deadline=2024-04-16 "
			    "days=23");
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 5, 10), W_CLEAN, WR_ITEM_OVERDUE),
			 LIGHT_GREEN); /* resolved */
	/* two overdue: the sentence counts them and names the one late longest */
	b = add_item(ds, 2, "施工许可办理缓慢");
	point(b, fx_day(2024, 4, 20), IS_OPEN, 3, fx_day(2024, 5, 5));
	reason_at(ds, &ws, fx_day(2024, 5, 9), W_CLEAN, WR_ITEM_OVERDUE, why, sizeof(why));
	assert_string_equal(why, "2项督办事项逾期未办结，逾期最久的“用地指标未落实”（第2级·部门协调）"
			    "办结时限2024-04-16，已逾期23天");
	params_at(ds, &ws, fx_day(2024, 5, 9), W_CLEAN, WR_ITEM_OVERDUE, why, sizeof(why));
	assert_string_equal(why, "item_overdue_many n=2 title=用地指标未落实 level=2 "
			    "deadline=2024-04-16 days=23");
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 5, 9), W_CLEAN, WR_ITEM_OVERDUE),
			 LIGHT_RED);
	assert_string_equal(warning_rule_keys[WR_ITEM_OVERDUE], "item_overdue");
	assert_string_equal(warning_rule_labels[WR_ITEM_OVERDUE], "督办事项逾期");
}

/* The label of the level of the item late longest: level 4's is 区协调会, the
 * last one; a level outside 1–4 (none is stored: the import and the API
 * refuse it) is named without a label, never read past the labels. */
static void test_item_overdue_level_edges(void **state)
{
	struct dataset *ds = *state;
	struct warning_settings ws;
	struct item_track *t;
	char why[512];

	warning_settings_defaults(&ws);
	t = add_item(ds, 1, "征拆");
	point(t, fx_day(2024, 4, 1), IS_OPEN, 4, fx_day(2024, 4, 16));
	reason_at(ds, &ws, fx_day(2024, 4, 18), W_CLEAN, WR_ITEM_OVERDUE, why, sizeof(why));
	assert_string_equal(why, "督办事项“征拆”（第4级·区协调会）办结时限2024-04-16，已逾期2天");
	item_track_release(&ds->items[--ds->n_items]);
	t = add_item(ds, 2, "征拆");
	point(t, fx_day(2024, 4, 1), IS_OPEN, 5, fx_day(2024, 4, 16));
	reason_at(ds, &ws, fx_day(2024, 4, 18), W_CLEAN, WR_ITEM_OVERDUE, why, sizeof(why));
	assert_string_equal(why, "督办事项“征拆”（第5级·）办结时限2024-04-16，已逾期2天");
}

/* Two items late since the same deadline: the sentence names the first
 * (the dataset's items are in id order), not the later one. */
static void test_item_overdue_tie(void **state)
{
	struct dataset *ds = *state;
	struct warning_settings ws;
	char why[512];

	warning_settings_defaults(&ws);
	point(add_item(ds, 1, "甲事项"), fx_day(2024, 4, 1), IS_OPEN, 1, fx_day(2024, 4, 16));
	point(add_item(ds, 2, "乙事项"), fx_day(2024, 4, 2), IS_OPEN, 2, fx_day(2024, 4, 16));
	reason_at(ds, &ws, fx_day(2024, 4, 18), W_CLEAN, WR_ITEM_OVERDUE, why, sizeof(why));
	assert_string_equal(why, "2项督办事项逾期未办结，逾期最久的“甲事项”（第1级·板块协调）"
			    "办结时限2024-04-16，已逾期2天");
}

/* DOMAIN.md §3: a project has reached every stage before the latest one it
 * has a date for, so one with only its 达产 (the last stage) on 02-01 has
 * started by then: on 05-01 its planned start of 03-01 raises nothing, and
 * its light is green. */
static void test_reached_by_the_last_stage(void **state)
{
	struct dataset *ds = *state;
	struct warning_settings ws;
	enum light lights[7];

	warning_settings_defaults(&ws);
	ds->projects[W_START].stage_on[STAGE_CAPACITY] = fx_day(2024, 2, 1);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 5, 1), W_START, WR_START_OVERDUE),
			 LIGHT_GREEN);
	warnings_lights(ds, &ws, fx_day(2024, 5, 1), lights);
	assert_int_equal(lights[W_START], LIGHT_GREEN);
	ds->projects[W_START].stage_on[STAGE_CAPACITY] = DAY_NONE;
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 5, 1), W_START, WR_START_OVERDUE),
			 LIGHT_RED);
}

/* One project's warnings (warnings_compute_one, a project's page): on 05-01
 * W_START's alone — its start 61 days late, red — and not W_FILED's after it
 * (filed 121 days ago, yellow); every other light green. An index past the
 * projects computes nothing. */
static void test_compute_one(void **state)
{
	struct dataset *ds = *state;
	struct warning_settings ws;
	struct warning_list wl;
	size_t i;

	warning_settings_defaults(&ws);
	warnings_compute_one(ds, &ws, fx_day(2024, 5, 1), W_START, &wl);
	assert_int_equal(wl.n, 1);
	assert_int_equal(wl.items[0].project, W_START);
	assert_int_equal(wl.items[0].rule, WR_START_OVERDUE);
	assert_int_equal(wl.items[0].level, LIGHT_RED);
	assert_int_equal(wl.n_lights, 7);
	for (i = 0; i < 7; i++)
		assert_int_equal(wl.lights[i], i == W_START ? LIGHT_RED : LIGHT_GREEN);
	warning_list_release(&wl);
	warnings_compute_one(ds, &ws, fx_day(2024, 5, 1), W_FILED, &wl);
	assert_int_equal(wl.n, 1);
	assert_int_equal(wl.items[0].rule, WR_FILED_NOT_STARTED);
	assert_int_equal(wl.items[0].level, LIGHT_YELLOW);
	warning_list_release(&wl);
	warnings_compute_one(ds, &ws, fx_day(2024, 5, 1), 7, &wl);
	assert_int_equal(wl.n, 0);
	assert_int_equal(wl.n_lights, 7);
	warning_list_release(&wl);
	/* an item whose project index is past the projects (no loader makes
	 * one) is no project's: no item warning, nothing written past them */
	point(add_item(ds, 9, "无主"), fx_day(2024, 4, 1), IS_OPEN, 1, fx_day(2024, 4, 16));
	ds->items[ds->n_items - 1].project = 7;
	warnings_compute(ds, &ws, fx_day(2024, 5, 1), &wl);
	for (i = 0; i < wl.n; i++)
		assert_int_not_equal(wl.items[i].rule, WR_ITEM_OVERDUE);
	warning_list_release(&wl);
}

/* The title param of W_CLEAN's one overdue item titled title, at 05-09. */
static void title_param(struct dataset *ds, const char *title, char *out, size_t cap)
{
	struct warning_settings ws;
	struct warning_list wl;
	const struct warning *w;
	struct item_track *t;
	size_t i;

	warning_settings_defaults(&ws);
	t = add_item(ds, 9, title);
	point(t, fx_day(2024, 4, 1), IS_OPEN, 1, fx_day(2024, 4, 16));
	warnings_compute(ds, &ws, fx_day(2024, 5, 9), &wl);
	w = find(&wl, W_CLEAN, WR_ITEM_OVERDUE);
	assert_non_null(w);
	out[0] = '\0';
	for (i = 0; i < w->n_params; i++)
		if (!strcmp(w->params[i].name, "title"))
			snprintf(out, cap, "%s", w->params[i].value);
	warning_list_release(&wl);
	item_track_release(&ds->items[--ds->n_items]);
}

/* head, then s n times, then tail, into out (256 bytes). */
static char *repeat(char *out, const char *head, int n, const char *s, const char *tail)
{
	size_t len;
	int k;

	len = (size_t)snprintf(out, 256, "%s", head);
	for (k = 0; k < n; k++)
		len += (size_t)snprintf(out + len, 256 - len, "%s", s);
	snprintf(out + len, 256 - len, "%s", tail);
	return out;
}

/* A figure of a reason holds 63 bytes: a longer title is cut there, back to
 * whole UTF-8 characters (1 to 4 bytes), never through one; a title that
 * fits whole is kept whole. */
static void test_reason_figure_cut_to_whole_characters(void **state)
{
	struct dataset *ds = *state;
	char title[256], want[256], got[128], as[64];

	memset(as, 'a', 62);
	as[62] = '\0';
	title_param(ds, repeat(title, "a", 30, "督", ""), got, sizeof(got));
	assert_string_equal(got, repeat(want, "a", 20, "督", "")); /* 61 bytes */
	title_param(ds, repeat(title, "ab", 30, "督", ""), got, sizeof(got));
	assert_string_equal(got, repeat(want, "ab", 20, "督", "")); /* 62 */
	title_param(ds, repeat(title, "abc", 30, "督", ""), got, sizeof(got));
	assert_string_equal(got, repeat(want, "abc", 20, "督", "")); /* 63: whole */
	/* two bytes, the last lead byte (U+07C0 is DF 80) */
	title_param(ds, repeat(title, as + 1, 1, "\xdf\x80", "b"), got, sizeof(got));
	assert_string_equal(got, repeat(want, as + 1, 1, "\xdf\x80", "")); /* 61 + 2 */
	title_param(ds, repeat(title, as, 1, "é", ""), got, sizeof(got));
	assert_string_equal(got, as); /* 62 + 1 of 2 */
	/* four bytes */
	title_param(ds, repeat(title, as + 3, 1, "😀", "b"), got, sizeof(got));
	assert_string_equal(got, repeat(want, as + 3, 1, "😀", "")); /* 59 + 4 */
	title_param(ds, repeat(title, as + 2, 1, "😀", ""), got, sizeof(got));
	assert_string_equal(got, as + 2); /* 60 + 3 of 4 */
	/* three bytes led by EF, the last lead byte of three (（ is EF BC 88),
	 * and by E0, the first (ก is E0 B8 81) */
	title_param(ds, repeat(title, as + 2, 1, "（", ""), got, sizeof(got));
	assert_string_equal(got, repeat(want, as + 2, 1, "（", "")); /* 60 + 3: whole */
	title_param(ds, repeat(title, as + 1, 1, "ก", ""), got, sizeof(got));
	assert_string_equal(got, as + 1); /* 61 + 2 of 3 */
	title_param(ds, "", got, sizeof(got));
	assert_string_equal(got, "");
}

/* DOMAIN.md §3: a project has reached a stage by D when its date is ≤ D, so a
 * project started (or completed) on the as-of day itself is no longer
 * overdue; and one started on the as-of day is measured for lag. */
static void test_as_of_day_itself(void **state)
{
	struct dataset *ds = *state;
	struct warning_settings ws;

	warning_settings_defaults(&ws);
	ds->projects[W_START].stage_on[STAGE_STARTED] = fx_day(2024, 4, 15);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 4, 15), W_START, WR_START_OVERDUE),
			 LIGHT_GREEN);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 4, 14), W_START, WR_START_OVERDUE),
			 LIGHT_RED); /* 44 days late, the day before */
	ds->projects[W_FILED].stage_on[STAGE_STARTED] = fx_day(2024, 4, 1);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 4, 1), W_FILED, WR_FILED_NOT_STARTED),
			 LIGHT_GREEN);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 3, 31), W_FILED, WR_FILED_NOT_STARTED),
			 LIGHT_GREEN); /* 90 days: not yet */
	ds->projects[W_FILED].stage_on[STAGE_STARTED] = fx_day(2024, 4, 2);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 4, 1), W_FILED, WR_FILED_NOT_STARTED),
			 LIGHT_YELLOW); /* 91 days, started the next day */
	ds->projects[W_COMPLETION].stage_on[STAGE_COMPLETED] = fx_day(2024, 7, 1);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 7, 1), W_COMPLETION, WR_COMPLETION_OVERDUE),
			 LIGHT_GREEN);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 30), W_COMPLETION, WR_COMPLETION_OVERDUE),
			 LIGHT_YELLOW);
	/* started on the as-of day: 370万 of 600万 by June, 61.7 % */
	ds->projects[W_LAG].stage_on[STAGE_STARTED] = fx_day(2024, 6, 20);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 20), W_LAG, WR_INVESTMENT_LAG),
			 LIGHT_YELLOW);
}

/* The first month of the year: 1200万 × 1 / 12 = 100万 by January; 49万 done
 * is 49 %, red. Before the year (pace 0) nothing lags, whatever was done. */
static void test_investment_lag_year_edges(void **state)
{
	struct dataset *ds = *state;
	struct warning_settings ws;
	char why[256];

	warning_settings_defaults(&ws);
	ds->projects[W_LAG].stage_on[STAGE_STARTED] = fx_day(2023, 6, 1);
	ds->reports[W_LAG].invest[0] = 490000;
	reason_at(ds, &ws, fx_day(2024, 1, 1), W_LAG, WR_INVESTMENT_LAG, why, sizeof(why));
	assert_string_equal(why, "截至1月完成投资49万元，序时计划100万元，完成49.0%，低于50%");
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 1, 31), W_LAG, WR_INVESTMENT_LAG),
			 LIGHT_RED);
	assert_int_equal(level_at(ds, &ws, fx_day(2023, 12, 31), W_LAG, WR_INVESTMENT_LAG),
			 LIGHT_GREEN);
	ds->reports[W_LAG].invest[0] = 0;
	assert_int_equal(level_at(ds, &ws, fx_day(2023, 12, 31), W_LAG, WR_INVESTMENT_LAG),
			 LIGHT_GREEN);
	assert_null(warning_settings_set(&ws, "warn.investment_lag.form", "points"));
	assert_int_equal(level_at(ds, &ws, fx_day(2023, 12, 31), W_LAG, WR_INVESTMENT_LAG),
			 LIGHT_GREEN);
	/* nothing in January, 1200万 × 1/12: 8.3 points below pace, under 10 */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 1, 31), W_LAG, WR_INVESTMENT_LAG),
			 LIGHT_GREEN);
	/* … and 16.7 points by February: yellow */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 2, 1), W_LAG, WR_INVESTMENT_LAG),
			 LIGHT_YELLOW);
}

/* The points form divides by the annual plan: the listing's own when it has
 * one, else the sum of its month-by-month plan; with an annual plan of 0
 * there are no points, so no warning (the ratio form still judges).
 * W_LAG_MONTHLY plans 200万 a month for January to June and, here, 1200万 in
 * December; 600万 invested by June against a plan to date of 1200万. */
static void test_investment_lag_points_annual(void **state)
{
	struct dataset *ds = *state;
	struct listing *l = &ds->listings[W_LAG_MONTHLY];
	struct warning_settings ws;
	char why[512];

	warning_settings_defaults(&ws);
	assert_null(warning_settings_set(&ws, "warn.investment_lag.form", "points"));
	l->month_plan[11] = 12000000;
	/* the listing's 1200万: (1200 − 600) ÷ 1200 = 50 points below: red */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 30), W_LAG_MONTHLY, WR_INVESTMENT_LAG),
			 LIGHT_RED);
	/* none given: the months' 2400万, (1200 − 600) ÷ 2400 = 25 points: yellow */
	l->annual_plan = AMOUNT_NONE;
	reason_at(ds, &ws, fx_day(2024, 6, 30), W_LAG_MONTHLY, WR_INVESTMENT_LAG, why, sizeof(why));
	assert_string_equal(why, "截至6月完成投资600万元，占年度计划2,400万元的25.0%，"
				 "序时进度50.0%，低于序时25.0个百分点");
	/* an annual plan of 0: no points */
	l->annual_plan = 0;
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 30), W_LAG_MONTHLY, WR_INVESTMENT_LAG),
			 LIGHT_GREEN);
	/* of 1 yuan: 600万 short is 6 × 10^8 points below: red */
	l->annual_plan = 1;
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 30), W_LAG_MONTHLY, WR_INVESTMENT_LAG),
			 LIGHT_RED);
	/* the ratio form reads the month plan only: 600 of 1200万, 50 %: yellow */
	l->annual_plan = 0;
	assert_null(warning_settings_set(&ws, "warn.investment_lag.form", "ratio"));
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 30), W_LAG_MONTHLY, WR_INVESTMENT_LAG),
			 LIGHT_YELLOW);
}

/* Started on the last day of the owed month: it owes that month; on the last
 * day of the month before: that month too. */
static void test_report_missing_started_month_end(void **state)
{
	struct dataset *ds = *state;
	struct year_reports *r = &ds->reports[W_REPORT];
	struct warning_settings ws;

	warning_settings_defaults(&ws);
	ds->projects[W_REPORT].stage_on[STAGE_STARTED] = fx_day(2024, 5, 31);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 11), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_YELLOW);
	ds->projects[W_REPORT].stage_on[STAGE_STARTED] = fx_day(2024, 6, 1);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 11), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_GREEN);
	r->reported &= ~(1u << 3); /* April missing too */
	ds->projects[W_REPORT].stage_on[STAGE_STARTED] = fx_day(2024, 4, 30);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 11), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_RED);
	ds->projects[W_REPORT].stage_on[STAGE_STARTED] = fx_day(2024, 5, 1);
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 6, 11), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_YELLOW);
}

/* January of the year (bit 0) as a draft; and an as-of day in the year
 * before the dataset's: its previous year's months are not known (taken as
 * reported), the rest as usual. */
static void test_report_missing_bits(void **state)
{
	struct dataset *ds = *state;
	struct year_reports *r = &ds->reports[W_REPORT];
	struct warning_settings ws;
	char why[256];

	warning_settings_defaults(&ws);
	r->reported &= ~1u;
	r->uncounted |= 1u;
	reason_at(ds, &ws, fx_day(2024, 2, 11), W_REPORT, WR_REPORT_MISSING, why, sizeof(why));
	assert_string_equal(why, "2024年1月月报未报送（截至2024-02-11；2024年1月月报已保存未提交或"
				 "已被退回，不计入）");
	/* nothing reported in either year, started in 2022 */
	ds->projects[W_REPORT].stage_on[STAGE_STARTED] = fx_day(2022, 1, 1);
	r->reported = 0;
	r->uncounted = 0;
	/* 2023-02-11: January 2023 owed (the previous year's bit 12), December
	 * 2022 not known */
	reason_at(ds, &ws, fx_day(2023, 2, 11), W_REPORT, WR_REPORT_MISSING, why, sizeof(why));
	assert_string_equal(why, "2023年1月月报未报送（截至2023-02-11）");
	assert_int_equal(level_at(ds, &ws, fx_day(2023, 2, 11), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_YELLOW);
	/* 2023-01-05: November 2022 owed, not known: no warning */
	assert_int_equal(level_at(ds, &ws, fx_day(2023, 1, 5), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_GREEN);
	/* 2024-02-11: January 2024 and December 2023 both missing: red */
	assert_int_equal(level_at(ds, &ws, fx_day(2024, 2, 11), W_REPORT, WR_REPORT_MISSING),
			 LIGHT_RED);
}

struct collected {
	char text[2048];
	size_t n;
};

static int collect(void *ctx, const char *key, const char *value, const char *help)
{
	struct collected *c = ctx;
	size_t len = strlen(c->text);

	assert_non_null(help);
	snprintf(c->text + len, sizeof(c->text) - len, "%s=%s\n", key, value);
	c->n++;
	return 0;
}

static void test_settings(void **state)
{
	struct warning_settings ws, before;
	struct collected c;

	(void)state;
	warning_settings_defaults(&ws);
	memset(&c, 0, sizeof(c));
	warning_settings_each(&ws, collect, &c);
	assert_int_equal(c.n, 13);
	assert_string_equal(c.text,
			    "warn.start_overdue.yellow_days=0\n"
			    "warn.start_overdue.red_days=30\n"
			    "warn.filed_not_started.yellow_days=90\n"
			    "warn.filed_not_started.red_days=180\n"
			    "warn.investment_lag.form=ratio\n"
			    "warn.investment_lag.yellow_pct=80\n"
			    "warn.investment_lag.red_pct=50\n"
			    "warn.investment_lag.yellow_points=10\n"
			    "warn.investment_lag.red_points=30\n"
			    "warn.completion_overdue.yellow_days=0\n"
			    "warn.completion_overdue.red_days=60\n"
			    "warn.report_missing.due_day=10\n"
			    "guarantees.wait_days=90\n");
	before = ws;
	assert_string_equal(warning_settings_set(&ws, "warn.nope", "1"), "unknown warning setting");
	assert_string_equal(warning_settings_set(&ws, "warn.start_overdue.red_days", "3x"),
			    "not a whole number");
	assert_string_equal(warning_settings_set(&ws, "warn.start_overdue.red_days", ""),
			    "not a whole number");
	assert_string_equal(warning_settings_set(&ws, "warn.investment_lag.red_pct", "101"),
			    "out of range");
	assert_string_equal(warning_settings_set(&ws, "warn.report_missing.due_day", "0"),
			    "out of range");
	assert_string_equal(warning_settings_set(&ws, "warn.investment_lag.form", "pct"),
			    "not one of ratio, points");
	assert_memory_equal(&ws, &before, sizeof(ws));
	assert_null(warning_settings_set(&ws, "warn.filed_not_started.red_days", "365"));
	assert_int_equal(ws.filed_not_started_red_days, 365);
	assert_true(warning_setting_is_ours("warn.investment_lag.red_points"));
	assert_false(warning_setting_is_ours("score.weight.start_rate"));
	assert_string_equal(warning_rule_keys[WR_REPORT_MISSING], "report_missing");
	assert_string_equal(warning_rule_labels[WR_START_OVERDUE], "逾期未开工");
	assert_string_equal(warning_rule_labels[WR_FILED_NOT_STARTED], "备案未开工");
	assert_string_equal(warning_rule_labels[WR_INVESTMENT_LAG], "投资滞后");
	assert_string_equal(warning_rule_labels[WR_COMPLETION_OVERDUE], "逾期未竣工");
	assert_string_equal(warning_rule_labels[WR_REPORT_MISSING], "月报缺报");
	assert_string_equal(light_keys[LIGHT_RED], "red");
}

/* ---- choosing and ordering what to show (warnings_view.c) ---- */

static int not_a2(void *ctx, const struct project *p)
{
	(void)ctx;
	return strcmp(p->ref, "A2") != 0;
}

/* The selection as "ref/rule/level …" and "green yellow red" counts. */
static void shown(const struct dataset *ds, const struct warning_list *wl, int64_t section,
		  enum light min, int (*visible)(void *, const struct project *),
		  const char *want, size_t g, size_t y, size_t r)
{
	struct warning_view wv;
	struct scope sc;
	char got[256] = "";
	size_t i, len;

	scope_init(&sc, ds->year, DAY_NONE);
	sc.section_id = section;
	warnings_select(ds, wl, &sc, min, visible, NULL, &wv);
	for (i = 0; i < wv.n; i++) {
		len = strlen(got);
		snprintf(got + len, sizeof(got) - len, "%s%s/%s/%s", i ? " " : "", wv.v[i].p->ref,
			 warning_rule_keys[wv.v[i].w->rule], light_keys[wv.v[i].w->level]);
	}
	assert_string_equal(got, want);
	assert_int_equal(wv.lights[LIGHT_GREEN], g);
	assert_int_equal(wv.lights[LIGHT_YELLOW], y);
	assert_int_equal(wv.lights[LIGHT_RED], r);
	warning_view_release(&wv);
	assert_null(wv.v);
	assert_int_equal(wv.n, 0);
}

/* District 1 → S01 (2) with its street S01A (3), S02 (4). Projects B2 (in the
 * street), A1 (S02), A2 (S01), C3 (S01, green); warnings by hand. Red comes
 * first, then the project ref, then the rule; the lights count every project
 * in view whatever the level asked for. */
static void test_select_and_order(void **state)
{
	static const struct {
		size_t project;
		enum warning_rule rule;
		enum light level;
	} given[] = {
		{ 0, WR_START_OVERDUE, LIGHT_RED }, { 0, WR_INVESTMENT_LAG, LIGHT_YELLOW },
		{ 1, WR_START_OVERDUE, LIGHT_YELLOW },
		/* out of rule order: the order shown is the selection's own */
		{ 2, WR_REPORT_MISSING, LIGHT_RED }, { 2, WR_START_OVERDUE, LIGHT_RED },
	};
	static const enum light lights[] = { LIGHT_RED, LIGHT_YELLOW, LIGHT_RED, LIGHT_GREEN };
	struct dataset ds;
	struct warning_list wl;
	size_t i;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	ds.year = 2024;
	fx_unit(&ds, 1, "D", "区", UNIT_DISTRICT, 0);
	fx_unit(&ds, 2, "S01", "S01", UNIT_SECTION, 1);
	fx_unit(&ds, 3, "S01A", "S01A", UNIT_STREET, 2);
	fx_unit(&ds, 4, "S02", "S02", UNIT_SECTION, 1);
	dataset_index(&ds);
	fx_project(&ds, "B2", 3, 0, 0, NULL, TIER_BIT(TIER_DISTRICT), 0);
	fx_project(&ds, "A1", 4, 0, 0, NULL, TIER_BIT(TIER_DISTRICT), 0);
	fx_project(&ds, "A2", 2, 0, 0, NULL, TIER_BIT(TIER_DISTRICT), 0);
	fx_project(&ds, "C3", 2, 0, 0, NULL, TIER_BIT(TIER_DISTRICT), 0);
	memset(&wl, 0, sizeof(wl));
	wl.n = wl.alloc = sizeof(given) / sizeof(given[0]);
	wl.items = xcalloc(wl.n, sizeof(*wl.items));
	for (i = 0; i < wl.n; i++) {
		wl.items[i].project = given[i].project;
		wl.items[i].rule = given[i].rule;
		wl.items[i].level = given[i].level;
	}
	wl.n_lights = 4;
	wl.lights = xcalloc(4, sizeof(*wl.lights));
	memcpy(wl.lights, lights, sizeof(lights));

	shown(&ds, &wl, 0, LIGHT_YELLOW, NULL,
	      "A2/start_overdue/red A2/report_missing/red B2/start_overdue/red "
	      "A1/start_overdue/yellow B2/investment_lag/yellow", 1, 1, 2);
	shown(&ds, &wl, 0, LIGHT_RED, NULL,
	      "A2/start_overdue/red A2/report_missing/red B2/start_overdue/red", 1, 1, 2);
	/* S01's subtree holds the street's B2 */
	shown(&ds, &wl, 2, LIGHT_YELLOW, NULL,
	      "A2/start_overdue/red A2/report_missing/red B2/start_overdue/red "
	      "B2/investment_lag/yellow", 1, 0, 2);
	shown(&ds, &wl, 4, LIGHT_YELLOW, NULL, "A1/start_overdue/yellow", 0, 1, 0);
	shown(&ds, &wl, 3, LIGHT_RED, NULL, "B2/start_overdue/red", 0, 0, 1);
	/* what the caller may not see is neither listed nor counted */
	shown(&ds, &wl, 0, LIGHT_YELLOW, not_a2,
	      "B2/start_overdue/red A1/start_overdue/yellow B2/investment_lag/yellow", 1, 1, 1);
	/* the same with A2's two warnings in rule order: the same answer */
	wl.items[3].rule = WR_START_OVERDUE;
	wl.items[4].rule = WR_REPORT_MISSING;
	shown(&ds, &wl, 0, LIGHT_YELLOW, NULL,
	      "A2/start_overdue/red A2/report_missing/red B2/start_overdue/red "
	      "A1/start_overdue/yellow B2/investment_lag/yellow", 1, 1, 2);
	shown(&ds, &wl, 0, LIGHT_RED, not_a2, "B2/start_overdue/red", 1, 1, 1);
	{
		/* no scope: every project of the dataset's year */
		struct warning_view wv;

		warnings_select(&ds, &wl, NULL, LIGHT_RED, NULL, NULL, &wv);
		assert_int_equal(wv.n, 3);
		assert_string_equal(wv.v[0].p->ref, "A2");
		assert_int_equal(wv.lights[LIGHT_RED], 2);
		assert_int_equal(wv.lights[LIGHT_GREEN], 1);
		assert_int_equal(wv.counts[LIGHT_YELLOW], 2);
		warning_view_release(&wv);
	}
	warning_list_release(&wl);
	/* no warnings computed (no lights either): nothing shown, nothing counted */
	shown(&ds, &wl, 0, LIGHT_YELLOW, NULL, "", 0, 0, 0);
	dataset_release(&ds);
}

/* Every numeric threshold at its edges: the least and the most accepted, one
 * below and one above refused ("out of range"), the settings untouched then. */
static void test_setting_ranges(void **state)
{
	static const struct {
		const char *key;
		const char *min, *below, *max, *above;
	} edges[] = {
		{ "warn.start_overdue.yellow_days", "0", "-1", "3650", "3651" },
		{ "warn.start_overdue.red_days", "0", "-1", "3650", "3651" },
		{ "warn.filed_not_started.yellow_days", "0", "-1", "3650", "3651" },
		{ "warn.filed_not_started.red_days", "0", "-1", "3650", "3651" },
		{ "warn.investment_lag.yellow_pct", "0", "-1", "100", "101" },
		{ "warn.investment_lag.red_pct", "0", "-1", "100", "101" },
		{ "warn.investment_lag.yellow_points", "0", "-1", "100", "101" },
		{ "warn.investment_lag.red_points", "0", "-1", "100", "101" },
		{ "warn.completion_overdue.yellow_days", "0", "-1", "3650", "3651" },
		{ "warn.completion_overdue.red_days", "0", "-1", "3650", "3651" },
		{ "warn.report_missing.due_day", "1", "0", "28", "29" },
		{ "guarantees.wait_days", "0", "-1", "3650", "3651" }, /* h-wait */
	};
	struct warning_settings ws, kept;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		warning_settings_defaults(&ws);
		assert_null(warning_settings_set(&ws, edges[i].key, edges[i].min));
		assert_null(warning_settings_set(&ws, edges[i].key, edges[i].max));
		kept = ws;
		assert_string_equal(warning_settings_set(&ws, edges[i].key, edges[i].below),
				    "out of range");
		assert_string_equal(warning_settings_set(&ws, edges[i].key, edges[i].above),
				    "out of range");
		assert_memory_equal(&ws, &kept, sizeof(ws));
	}
	/* the values are stored: the last one set of each */
	warning_settings_defaults(&ws);
	assert_null(warning_settings_set(&ws, "warn.start_overdue.yellow_days", "0"));
	assert_null(warning_settings_set(&ws, "warn.report_missing.due_day", "28"));
	assert_null(warning_settings_set(&ws, "warn.investment_lag.red_points", "100"));
	assert_int_equal(ws.start_overdue_yellow_days, 0);
	assert_int_equal(ws.report_due_day, 28);
	assert_int_equal(ws.lag_red_points, 100);
	assert_null(warning_settings_set(&ws, "warn.investment_lag.form", "points"));
	assert_int_equal(ws.lag_form, LAG_POINTS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_start_overdue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filed_not_started, setup, teardown),
		cmocka_unit_test_setup_teardown(test_investment_lag_ratio, setup, teardown),
		cmocka_unit_test_setup_teardown(test_investment_lag_points, setup, teardown),
		cmocka_unit_test_setup_teardown(test_completion_overdue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_missing_draft, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_missing_january, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lights, setup, teardown),
cmocka_unit_test_setup_teardown(test_light_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_item_overdue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_item_overdue_level_edges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_compute_one, setup, teardown),
		cmocka_unit_test_setup_teardown(test_item_overdue_tie, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reached_by_the_last_stage, setup, teardown),
cmocka_unit_test_setup_teardown(test_reason_figure_cut_to_whole_characters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_as_of_day_itself, setup, teardown),
		cmocka_unit_test_setup_teardown(test_investment_lag_year_edges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_investment_lag_points_annual, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_missing_started_month_end, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_report_missing_bits, setup, teardown),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_select_and_order),
		cmocka_unit_test(test_setting_ranges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
