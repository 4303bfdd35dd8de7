/* test_measures.c — DOMAIN.md §4 on a hand-built year: every rate, count and
 * amount checked against values worked out by hand, every filter and every
 * breakdown, plus a 20,000-project city for speed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core/measures.h"
#include "fixture.h"
#include "util/xalloc.h"

#define PROV TIER_BIT(TIER_PROVINCE)
#define CITY TIER_BIT(TIER_CITY)
#define DIST TIER_BIT(TIER_DISTRICT)

/* Units: city 1 → district 2 → sections S01 (3, with street S01A = 4), S02
 * (5); departments G01 (6), G02 (7); district 8 → section S03 (9). Six
 * projects of 2024, see the comments. */
static int setup(void **state)
{
	struct dataset *ds = xcalloc(1, sizeof(*ds));
	struct project *p;

	ds->year = 2024;
	fx_unit(ds, 1, "C", "市", UNIT_CITY, 0);
	fx_unit(ds, 2, "D1", "一区", UNIT_DISTRICT, 1);
	fx_unit(ds, 5, "S02", "太科办", UNIT_SECTION, 2);
	fx_unit(ds, 3, "S01", "空港经开区", UNIT_SECTION, 2);
	fx_unit(ds, 4, "S01A", "硕放街道", UNIT_STREET, 3);
	fx_unit(ds, 7, "G02", "工信", UNIT_DEPARTMENT, 2);
	fx_unit(ds, 6, "G01", "发改", UNIT_DEPARTMENT, 2);
	fx_unit(ds, 8, "D2", "二区", UNIT_DISTRICT, 1);
	fx_unit(ds, 9, "S03", "二区板块", UNIT_SECTION, 8);
	dataset_index(ds);

	/* p0: continuing (started 2023), province + city, 10M a month. */
	p = fx_project(ds, "P0", 3, 6, 1, "新能源", PROV | CITY, 100000000);
	p->stage_on[STAGE_SIGNED] = fx_day(2023, 5, 1);
	p->stage_on[STAGE_FILED] = fx_day(2023, 8, 1);
	p->stage_on[STAGE_STARTED] = fx_day(2023, 10, 1);
	p->planned_start = fx_day(2023, 9, 1);
	p->land_on = fx_day(2023, 7, 1);
	for (int m = 1; m <= 12; m++)
		fx_report(ds, 0, m, 10000000);
	ds->reports[0].reported |= 0xfffu << 12; /* last year's reports: not money here */

	/* p1: in the street under S01; completed but no start date recorded;
	 * a plan of 1234.5678 万元; a July report (after the as-of month). */
	p = fx_project(ds, "P1", 4, 7, 1, "新能源", CITY, 12345678);
	p->stage_on[STAGE_SIGNED] = fx_day(2024, 1, 10);
	p->stage_on[STAGE_FILED] = fx_day(2024, 2, 1);
	p->stage_on[STAGE_COMPLETED] = fx_day(2024, 5, 10);
	p->planned_start = fx_day(2024, 3, 1);
	p->land_on = fx_day(2024, 4, 20);
	fx_report(ds, 1, 3, 1000000);
	fx_report(ds, 1, 7, 5000000);

	/* p2: signed only, planned start exactly on D, no plan, no department. */
	p = fx_project(ds, "P2", 5, 0, 0, NULL, DIST, AMOUNT_NONE);
	p->stage_on[STAGE_SIGNED] = fx_day(2024, 2, 1);
	p->planned_start = fx_day(2024, 6, 30);

	/* p3: district + province; started, completed, in production; capacity
	 * after D. */
	p = fx_project(ds, "P3", 5, 6, 1, "生物医药", DIST | PROV, 50000000);
	p->stage_on[STAGE_SIGNED] = fx_day(2024, 1, 5);
	p->stage_on[STAGE_FILED] = fx_day(2024, 1, 20);
	p->stage_on[STAGE_STARTED] = fx_day(2024, 3, 15);
	p->stage_on[STAGE_COMPLETED] = fx_day(2024, 6, 1);
	p->stage_on[STAGE_PRODUCTION] = fx_day(2024, 6, 20);
	p->stage_on[STAGE_CAPACITY] = fx_day(2024, 7, 15);
	p->planned_start = fx_day(2024, 4, 1);
	p->land_on = fx_day(2024, 3, 1);
	fx_report(ds, 3, 2, 2000000);
	fx_report(ds, 3, 4, 3000000);

	/* p4: the other district; filed, starts after D (planned after D). */
	p = fx_project(ds, "P4", 9, 0, 0, "", CITY, 20000000);
	p->stage_on[STAGE_SIGNED] = fx_day(2024, 3, 1);
	p->stage_on[STAGE_FILED] = fx_day(2024, 4, 1);
	p->stage_on[STAGE_STARTED] = fx_day(2024, 7, 10);
	p->planned_start = fx_day(2024, 7, 1);
	p->land_on = fx_day(2024, 5, 1);
	fx_report(ds, 4, 5, 700000);

	/* p5: only a start date (so signed and filed are reached then), plan 0. */
	p = fx_project(ds, "P5", 3, 7, 0, "生物医药", DIST, 0);
	p->stage_on[STAGE_STARTED] = fx_day(2024, 2, 1);
	p->land_on = fx_day(2024, 1, 31);
	fx_report(ds, 5, 1, 500000);

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

#define RATIO(r, n, d) do { \
	assert_int_equal((r).num, (n)); \
	assert_int_equal((r).den, (d)); \
} while (0)

static void compute(const struct dataset *ds, struct scope *sc, struct measures *m)
{
	measures_compute(ds, sc, m);
}

static void test_whole_year(void **state)
{
	struct dataset *ds = *state;
	struct measures m;
	struct scope sc;

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	compute(ds, &sc, &m);
	assert_int_equal(m.projects, 6);
	RATIO(m.filing_rate, 5, 6);
	RATIO(m.start_rate_of_filed, 4, 5);
	/* started p0 60M + p1 1M (not July) + p3 5M + p5 0.5M over their plans */
	RATIO(m.investment_completion, 66500000, 162345678);
	RATIO(m.production_rate, 1, 2);
	RATIO(m.capacity_rate, 0, 1);
	RATIO(m.start_rate, 4, 6);
	/* p0 (continuing) excluded; p1, p2 (planned on D), p3 due; p2 not started */
	RATIO(m.due_start_attainment, 2, 3);
	assert_int_equal(m.new_starts, 3);
	assert_int_equal(m.completions, 2);
	assert_int_equal(m.investment_yuan, 67200000);
	assert_int_equal(m.annual_plan_yuan, 182345678);
	/* land-to-start of the new starts: p5 1, p3 14, p1 20 */
	assert_int_equal(m.land_to_start_count, 3);
	assert_int_equal(m.land_to_start_median_x2, 28);
	assert_int_equal(m.land_to_start_max, 20);
}

static void test_day_before_boundaries(void **state)
{
	struct dataset *ds = *state;
	struct measures m;
	struct scope sc;

	/* 06-19: p2's planned start is not yet due; p3 not in production yet */
	scope_init(&sc, 2024, fx_day(2024, 6, 19));
	compute(ds, &sc, &m);
	RATIO(m.due_start_attainment, 2, 2);
	RATIO(m.production_rate, 0, 2);
	RATIO(m.capacity_rate, 0, 0);
	/* 05-09: p1 not yet started (its completion date is its start) */
	scope_init(&sc, 2024, fx_day(2024, 5, 9));
	compute(ds, &sc, &m);
	RATIO(m.start_rate, 3, 6);
	assert_int_equal(m.new_starts, 2);
	assert_int_equal(m.completions, 0);
	/* 05-10: it is */
	scope_init(&sc, 2024, fx_day(2024, 5, 10));
	compute(ds, &sc, &m);
	RATIO(m.start_rate, 4, 6);
	assert_int_equal(m.completions, 1);
}

static void test_months_counted(void **state)
{
	struct dataset *ds = *state;
	struct measures m;
	struct scope sc;

	/* a later year: all twelve months, July's report included */
	scope_init(&sc, 2024, fx_day(2025, 2, 1));
	compute(ds, &sc, &m);
	assert_int_equal(m.investment_yuan, 120000000 + 6000000 + 5000000 + 700000 + 500000);
	/* an earlier year: no months; nothing reached in 2024 */
	scope_init(&sc, 2024, fx_day(2023, 12, 31));
	compute(ds, &sc, &m);
	assert_int_equal(m.investment_yuan, 0);
	RATIO(m.start_rate, 1, 6);
	assert_int_equal(m.new_starts, 0);
	/* the first day of the year counts January */
	scope_init(&sc, 2024, fx_day(2024, 1, 1));
	compute(ds, &sc, &m);
	assert_int_equal(m.investment_yuan, 10000000 + 500000);
	/* a year the dataset does not hold: P is empty, every rate undefined */
	scope_init(&sc, 2023, fx_day(2023, 12, 31));
	compute(ds, &sc, &m);
	assert_int_equal(m.projects, 0);
	RATIO(m.filing_rate, 0, 0);
	RATIO(m.start_rate, 0, 0);
	RATIO(m.investment_completion, 0, 0);
}

static void test_filters(void **state)
{
	struct dataset *ds = *state;
	struct measures m;
	struct scope sc;

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	sc.tier = TIER_PROVINCE;
	compute(ds, &sc, &m);
	assert_int_equal(m.projects, 2);
	RATIO(m.start_rate, 2, 2);
	RATIO(m.due_start_attainment, 1, 1);
	RATIO(m.investment_completion, 65000000, 150000000);

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	sc.section_id = 3; /* S01 with its street */
	compute(ds, &sc, &m);
	assert_int_equal(m.projects, 3);
	assert_int_equal(m.investment_yuan, 61500000);
	/* land-to-start p1 20, p5 1: the median of two is 10.5 */
	assert_int_equal(m.land_to_start_count, 2);
	assert_int_equal(m.land_to_start_median_x2, 21);
	assert_int_equal(m.land_to_start_max, 20);

	sc.section_id = 4; /* the street alone */
	compute(ds, &sc, &m);
	assert_int_equal(m.projects, 1);
	RATIO(m.investment_completion, 1000000, 12345678);

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	sc.department_id = 6;
	compute(ds, &sc, &m);
	assert_int_equal(m.projects, 2);
	assert_int_equal(m.annual_plan_yuan, 150000000);

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	sc.industrial_only = 1;
	compute(ds, &sc, &m);
	assert_int_equal(m.projects, 3);
	RATIO(m.start_rate, 3, 3);
	assert_int_equal(m.new_starts, 2);

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	sc.industrial_only = 1;
	sc.tier = TIER_CITY;
	sc.section_id = 2;
	compute(ds, &sc, &m);
	assert_int_equal(m.projects, 2); /* p0, p1 */
}

static void test_zero_denominators(void **state)
{
	struct dataset *ds = *state;
	struct measures m;
	struct scope sc;
	struct ratio r;
	char text[16];

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	sc.section_id = 8; /* the other district: p4 only, not yet started */
	compute(ds, &sc, &m);
	assert_int_equal(m.projects, 1);
	RATIO(m.filing_rate, 1, 1);
	RATIO(m.start_rate_of_filed, 0, 1);
	RATIO(m.investment_completion, 0, 0);
	RATIO(m.production_rate, 0, 0);
	RATIO(m.capacity_rate, 0, 0);
	RATIO(m.due_start_attainment, 0, 0);
	assert_int_equal(m.investment_yuan, 700000);
	assert_int_equal(m.land_to_start_count, 0);
	assert_int_equal(m.land_to_start_median_x2, 0);
	assert_string_equal(ratio_format_pct(m.production_rate, text, sizeof(text)), "—");
	assert_string_equal(ratio_format_pct(m.start_rate_of_filed, text, sizeof(text)), "0.0%");
	assert_int_equal(measure_value(&m, M_CAPACITY_RATE, &r, NULL), 0);
	assert_int_equal(r.den, 0);
}

static void test_measure_value(void **state)
{
	struct dataset *ds = *state;
	struct measures m;
	struct scope sc;
	struct ratio r;
	int64_t a;

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	compute(ds, &sc, &m);
	assert_int_equal(measure_value(&m, M_FILING_RATE, &r, &a), 0);
	RATIO(r, 5, 6);
	assert_int_equal(measure_value(&m, M_START_RATE_OF_FILED, &r, &a), 0);
	RATIO(r, 4, 5);
	assert_int_equal(measure_value(&m, M_INVESTMENT_COMPLETION, &r, &a), 0);
	RATIO(r, 66500000, 162345678);
	assert_int_equal(measure_value(&m, M_PRODUCTION_RATE, &r, &a), 0);
	RATIO(r, 1, 2);
	assert_int_equal(measure_value(&m, M_CAPACITY_RATE, &r, &a), 0);
	RATIO(r, 0, 1);
	assert_int_equal(measure_value(&m, M_START_RATE, &r, &a), 0);
	RATIO(r, 4, 6);
	assert_int_equal(measure_value(&m, M_DUE_START_ATTAINMENT, &r, &a), 0);
	RATIO(r, 2, 3);
	assert_int_equal(measure_value(&m, M_NEW_STARTS, &r, &a), 0);
	assert_int_equal(a, 3);
	assert_int_equal(measure_value(&m, M_COMPLETIONS, &r, &a), 0);
	assert_int_equal(a, 2);
	assert_int_equal(measure_value(&m, M_INVESTMENT, &r, &a), 0);
	assert_int_equal(a, 67200000);
	assert_int_equal(measure_value(&m, M_ANNUAL_PLAN, NULL, &a), 0);
	assert_int_equal(a, 182345678);
	/* the other output is cleared: a count has an undefined rate, a rate no amount */
	r.num = r.den = 7;
	assert_int_equal(measure_value(&m, M_NEW_STARTS, &r, &a), 0);
	RATIO(r, 0, 0);
	a = 7;
	assert_int_equal(measure_value(&m, M_FILING_RATE, &r, &a), 0);
	assert_int_equal(a, 0);
	assert_int_equal(measure_value(&m, M_FIXED_ASSET_INVESTMENT, &r, &a), -1);
	assert_int_equal(measure_value(&m, M_INDUSTRIAL_FUNDS, &r, &a), -1);
}

static void test_formatting(void **state)
{
	struct ratio r = { 8, 9 };
	char text[32];

	(void)state;
	assert_string_equal(money_format_wan(12345678, text, sizeof(text)), "1,234.5678");
	assert_string_equal(money_format_wan(20000000, text, sizeof(text)), "2,000");
	assert_string_equal(money_format_wan(12345000, text, sizeof(text)), "1,234.5");
	assert_string_equal(money_format_wan(1523000000, text, sizeof(text)), "152,300");
	assert_string_equal(money_format_wan(-5000, text, sizeof(text)), "-0.5");
	assert_string_equal(money_format_wan(0, text, sizeof(text)), "0");
	assert_string_equal(money_format_wan(1, text, sizeof(text)), "0.0001");
	assert_string_equal(money_format_wan(INT64_MIN, text, sizeof(text)),
			    "-922,337,203,685,477.5808");
	assert_string_equal(ratio_format_pct(r, text, sizeof(text)), "88.9%");
	assert_int_equal(ratio_scaled(r, 10000), 8889);
	r.num = 7, r.den = 8;
	assert_int_equal(ratio_scaled(r, 10000), 8750);
	r.num = 1, r.den = 3;
	assert_int_equal(ratio_scaled(r, 10000), 3333);
	r.num = 2, r.den = 3;
	assert_int_equal(ratio_scaled(r, 10000), 6667);
	r.num = 1523000000, r.den = 3100000000;
	assert_int_equal(ratio_scaled(r, 10000), 4913);
	r.num = 1, r.den = 0;
	assert_int_equal(ratio_scaled(r, 10000), 0);
	for (int i = 0; i < BY__MAX; i++)
		assert_int_equal(breakdown_from_key(breakdown_keys[i]), i);
	assert_int_equal(breakdown_from_key("none"), BY_NONE);
	assert_int_equal(breakdown_from_key("industry"), BY_INDUSTRY);
	assert_int_equal(breakdown_from_key("section"), BY_SECTION);
	assert_int_equal(breakdown_from_key("nope"), -1);
}

static void test_by_tier(void **state)
{
	struct dataset *ds = *state;
	struct breakdown_rows b;
	struct scope sc;

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	measures_breakdown(ds, &sc, BY_TIER, &b);
	assert_int_equal(b.n, 3);
	assert_string_equal(b.rows[0].key, "province");
	assert_string_equal(b.rows[0].name, "省重大项目");
	assert_int_equal(b.rows[0].m.projects, 2);
	assert_string_equal(b.rows[1].key, "city");
	assert_int_equal(b.rows[1].m.projects, 3); /* p0 appears in two tiers */
	RATIO(b.rows[1].m.start_rate, 2, 3);
	assert_string_equal(b.rows[2].key, "district");
	assert_int_equal(b.rows[2].m.projects, 3);
	RATIO(b.rows[2].m.start_rate, 2, 3);
	breakdown_rows_release(&b);

	sc.tier = TIER_CITY;
	measures_breakdown(ds, &sc, BY_TIER, &b);
	assert_int_equal(b.n, 1);
	assert_string_equal(b.rows[0].key, "city");
	assert_int_equal(b.rows[0].m.projects, 3);
	breakdown_rows_release(&b);
	assert_null(b.rows);
}

static void test_by_section(void **state)
{
	struct dataset *ds = *state;
	struct breakdown_rows b;
	struct scope sc;

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	measures_breakdown(ds, &sc, BY_SECTION, &b);
	assert_int_equal(b.n, 4);
	assert_string_equal(b.rows[0].key, "S01");
	assert_string_equal(b.rows[0].name, "空港经开区");
	assert_int_equal(b.rows[0].unit_id, 3);
	assert_int_equal(b.rows[0].m.projects, 3); /* p0, p5 and p1 in the street */
	assert_int_equal(b.rows[0].m.investment_yuan, 61500000);
	assert_int_equal(b.rows[0].m.land_to_start_median_x2, 21);
	assert_string_equal(b.rows[1].key, "S01A");
	assert_int_equal(b.rows[1].m.projects, 1);
	assert_string_equal(b.rows[2].key, "S02");
	assert_int_equal(b.rows[2].m.projects, 2);
	RATIO(b.rows[2].m.filing_rate, 1, 2);
	assert_string_equal(b.rows[3].key, "S03");
	assert_int_equal(b.rows[3].m.projects, 1);
	breakdown_rows_release(&b);

	sc.section_id = 2; /* district D1: its sections and street only */
	measures_breakdown(ds, &sc, BY_SECTION, &b);
	assert_int_equal(b.n, 3);
	assert_string_equal(b.rows[2].key, "S02");
	breakdown_rows_release(&b);

	sc.section_id = 3;
	sc.industrial_only = 1;
	measures_breakdown(ds, &sc, BY_SECTION, &b);
	assert_int_equal(b.n, 2);
	assert_int_equal(b.rows[0].m.projects, 2); /* p0, p1; p5 is not industrial */
	assert_int_equal(b.rows[1].m.projects, 1);
	breakdown_rows_release(&b);
}

static void test_by_department(void **state)
{
	struct dataset *ds = *state;
	struct breakdown_rows b;
	struct scope sc;

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	measures_breakdown(ds, &sc, BY_DEPARTMENT, &b);
	assert_int_equal(b.n, 3);
	assert_string_equal(b.rows[0].key, "G01");
	assert_string_equal(b.rows[0].name, "发改");
	assert_int_equal(b.rows[0].m.projects, 2);
	assert_string_equal(b.rows[1].key, "G02");
	assert_int_equal(b.rows[1].m.projects, 2);
	RATIO(b.rows[1].m.investment_completion, 1500000, 12345678);
	assert_string_equal(b.rows[2].key, "");
	assert_string_equal(b.rows[2].name, "未指定");
	assert_int_equal(b.rows[2].m.projects, 2);
	breakdown_rows_release(&b);

	/* industrial only: every industrial project has a department */
	sc.industrial_only = 1;
	measures_breakdown(ds, &sc, BY_DEPARTMENT, &b);
	assert_int_equal(b.n, 2);
	assert_int_equal(b.rows[1].m.projects, 1);
	breakdown_rows_release(&b);

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	sc.department_id = 7;
	measures_breakdown(ds, &sc, BY_DEPARTMENT, &b);
	assert_int_equal(b.n, 1);
	assert_string_equal(b.rows[0].key, "G02");
	breakdown_rows_release(&b);
}

static void test_by_month(void **state)
{
	struct dataset *ds = *state;
	struct breakdown_rows b;
	struct scope sc;

	scope_init(&sc, 2024, fx_day(2024, 6, 15));
	measures_breakdown(ds, &sc, BY_MONTH, &b);
	assert_int_equal(b.n, 6);
	assert_string_equal(b.rows[0].key, "2024-01");
	assert_string_equal(b.rows[0].name, "1月");
	assert_int_equal(b.rows[0].asof, fx_day(2024, 1, 31));
	RATIO(b.rows[0].m.start_rate, 1, 6);
	assert_int_equal(b.rows[0].m.investment_yuan, 10500000);
	assert_string_equal(b.rows[2].key, "2024-03");
	RATIO(b.rows[2].m.start_rate, 3, 6);
	assert_int_equal(b.rows[2].m.investment_yuan, 33500000);
	assert_int_equal(b.rows[5].asof, fx_day(2024, 6, 15));
	RATIO(b.rows[5].m.start_rate, 4, 6);
	assert_int_equal(b.rows[5].m.completions, 2);
	breakdown_rows_release(&b);

	scope_init(&sc, 2024, fx_day(2025, 1, 10));
	measures_breakdown(ds, &sc, BY_MONTH, &b);
	assert_int_equal(b.n, 12);
	assert_string_equal(b.rows[11].key, "2024-12");
	assert_int_equal(b.rows[11].asof, fx_day(2024, 12, 31));
	breakdown_rows_release(&b);

	scope_init(&sc, 2024, fx_day(2023, 12, 31));
	measures_breakdown(ds, &sc, BY_MONTH, &b);
	assert_int_equal(b.n, 0);
	breakdown_rows_release(&b);
}

static void test_by_industry_and_none(void **state)
{
	struct dataset *ds = *state;
	struct breakdown_rows b;
	struct measures m;
	struct scope sc;

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	measures_breakdown(ds, &sc, BY_INDUSTRY, &b);
	assert_int_equal(b.n, 3);
	assert_string_equal(b.rows[0].key, "新能源");
	assert_int_equal(b.rows[0].m.projects, 2);
	assert_string_equal(b.rows[1].key, "生物医药");
	assert_int_equal(b.rows[1].m.projects, 2);
	assert_string_equal(b.rows[2].key, "");
	assert_string_equal(b.rows[2].name, "未分类");
	assert_int_equal(b.rows[2].m.projects, 2); /* NULL and "" alike */
	breakdown_rows_release(&b);

	/* every project in scope has an industry: no 未分类 row */
	sc.industrial_only = 1;
	measures_breakdown(ds, &sc, BY_INDUSTRY, &b);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.rows[0].key, "新能源");
	assert_int_equal(b.rows[0].m.projects, 2);
	assert_string_equal(b.rows[1].key, "生物医药");
	assert_int_equal(b.rows[1].m.projects, 1);
	breakdown_rows_release(&b);
	sc.industrial_only = 0;

	measures_breakdown(ds, &sc, BY_NONE, &b);
	measures_compute(ds, &sc, &m);
	assert_int_equal(b.n, 1);
	assert_memory_equal(&b.rows[0].m, &m, sizeof(m));
	breakdown_rows_release(&b);
}

/* ---- the boundaries of DOMAIN.md §4, one project per edge ----
 *
 * Units, in this order on purpose (the first unit is a department, a section's
 * parent is not loaded): D01 (5), district D (1), S01 (2), D02 (6), and S09 (9)
 * whose parent 99 is absent. Five projects of 2024, all district tier:
 *   E0 new start on 1 January: signed 2023-11-01, filed 2023-12-01, started
 *      2024-01-01, land acquired the same day (拿地即开工, 0 days), planned
 *      start 2024-01-01; plan 1,200 万; reports Jan 100 万, Feb 200 万, Dec 400 万.
 *   E1 continuing (续建) since 31 December: signed 2023-01-01, filed 2023-06-01,
 *      started 2023-12-31, completed 2024-01-01; planned 2023-12-01, land
 *      2023-06-30; plan 600 万; report Jan 50 万.
 *   E2 signed on 29 February 2024, filed 2024-06-30, planned start 2024-06-30,
 *      not started; no plan.
 *   E3 signed 2024-01-31, filed 2024-02-01, started 2024-02-29, completed
 *      2024-06-30; no land date, no planned start; plan 300 万; report Mar 30 万.
 *   E4 started 2022-05-01, completed 2023-12-31, in production 2024-01-31, at
 *      capacity 2024-12-31; its department is a section's id; report Jun 10 万.
 * Every expectation below was worked out by hand from these dates. */
static int setup_edges(void **state)
{
	struct dataset *ds = xcalloc(1, sizeof(*ds));
	struct project *p;

	ds->year = 2024;
	fx_unit(ds, 5, "D01", "发改", UNIT_DEPARTMENT, 1);
	fx_unit(ds, 1, "D", "区", UNIT_DISTRICT, 0);
	fx_unit(ds, 2, "S01", "空港经开区", UNIT_SECTION, 1);
	fx_unit(ds, 6, "D02", "工信", UNIT_DEPARTMENT, 1);
	fx_unit(ds, 9, "S09", "飞地板块", UNIT_SECTION, 99);
	dataset_index(ds);

	p = fx_project(ds, "E0", 2, 5, 1, "生物医药", DIST, 12000000);
	p->stage_on[STAGE_SIGNED] = fx_day(2023, 11, 1);
	p->stage_on[STAGE_FILED] = fx_day(2023, 12, 1);
	p->stage_on[STAGE_STARTED] = fx_day(2024, 1, 1);
	p->land_on = fx_day(2024, 1, 1);
	p->planned_start = fx_day(2024, 1, 1);
	fx_report(ds, 0, 1, 1000000);
	fx_report(ds, 0, 2, 2000000);
	fx_report(ds, 0, 12, 4000000);

	p = fx_project(ds, "E1", 2, 6, 1, "新能源", DIST, 6000000);
	p->stage_on[STAGE_SIGNED] = fx_day(2023, 1, 1);
	p->stage_on[STAGE_FILED] = fx_day(2023, 6, 1);
	p->stage_on[STAGE_STARTED] = fx_day(2023, 12, 31);
	p->stage_on[STAGE_COMPLETED] = fx_day(2024, 1, 1);
	p->planned_start = fx_day(2023, 12, 1);
	p->land_on = fx_day(2023, 6, 30);
	fx_report(ds, 1, 1, 500000);

	p = fx_project(ds, "E2", 9, 0, 0, NULL, DIST, AMOUNT_NONE);
	p->stage_on[STAGE_SIGNED] = fx_day(2024, 2, 29);
	p->stage_on[STAGE_FILED] = fx_day(2024, 6, 30);
	p->planned_start = fx_day(2024, 6, 30);

	p = fx_project(ds, "E3", 2, 0, 0, "生物医药", DIST, 3000000);
	p->stage_on[STAGE_SIGNED] = fx_day(2024, 1, 31);
	p->stage_on[STAGE_FILED] = fx_day(2024, 2, 1);
	p->stage_on[STAGE_STARTED] = fx_day(2024, 2, 29);
	p->stage_on[STAGE_COMPLETED] = fx_day(2024, 6, 30);
	fx_report(ds, 3, 3, 300000);

	p = fx_project(ds, "E4", 9, 2, 0, "", DIST, AMOUNT_NONE);
	p->stage_on[STAGE_SIGNED] = fx_day(2022, 3, 1);
	p->stage_on[STAGE_FILED] = fx_day(2022, 4, 1);
	p->stage_on[STAGE_STARTED] = fx_day(2022, 5, 1);
	p->stage_on[STAGE_COMPLETED] = fx_day(2023, 12, 31);
	p->stage_on[STAGE_PRODUCTION] = fx_day(2024, 1, 31);
	p->stage_on[STAGE_CAPACITY] = fx_day(2024, 12, 31);
	fx_report(ds, 4, 6, 100000);

	*state = ds;
	return 0;
}

static void at(const struct dataset *ds, int y, int mo, int d, struct measures *m)
{
	struct scope sc;

	scope_init(&sc, 2024, fx_day(y, mo, d));
	measures_compute(ds, &sc, m);
	assert_int_equal(m->projects, 5);
	assert_int_equal(m->annual_plan_yuan, 21000000);
}

/* 31 December of the year before: E1 started that very day (so it is
 * started, and continuing), E4 completed that day; no month of 2024 counts. */
static void test_edge_day_before_the_year(void **state)
{
	struct measures m;

	at(*state, 2023, 12, 31, &m);
	RATIO(m.filing_rate, 3, 3);
	RATIO(m.start_rate_of_filed, 2, 3);
	RATIO(m.start_rate, 2, 5);
	RATIO(m.investment_completion, 0, 6000000);
	RATIO(m.production_rate, 0, 1);
	RATIO(m.capacity_rate, 0, 0);
	RATIO(m.due_start_attainment, 0, 0);
	assert_int_equal(m.new_starts, 0);
	assert_int_equal(m.completions, 0);
	assert_int_equal(m.investment_yuan, 0);
	assert_int_equal(m.land_to_start_count, 0);

	/* a month earlier still: no month counts either (not January) */
	at(*state, 2023, 11, 30, &m);
	RATIO(m.filing_rate, 2, 3);
	RATIO(m.start_rate_of_filed, 1, 2);
	assert_int_equal(m.investment_yuan, 0);
}

/* 1 January: E0 started on the first day of the year is a new start (the
 * fault #20 names), due that day and started; E1 (started 31 December) is
 * not new; E1's completion on 1 January counts; land-to-start 0 days. */
static void test_edge_first_day_of_the_year(void **state)
{
	struct measures m;

	at(*state, 2024, 1, 1, &m);
	RATIO(m.filing_rate, 3, 3);
	RATIO(m.start_rate_of_filed, 3, 3);
	RATIO(m.start_rate, 3, 5);
	RATIO(m.investment_completion, 1500000, 18000000);
	RATIO(m.production_rate, 0, 2);
	RATIO(m.capacity_rate, 0, 0);
	RATIO(m.due_start_attainment, 1, 1);
	assert_int_equal(m.new_starts, 1);
	assert_int_equal(m.completions, 1);
	assert_int_equal(m.investment_yuan, 1500000);
	assert_int_equal(m.land_to_start_count, 1);
	assert_int_equal(m.land_to_start_median_x2, 0);
	assert_int_equal(m.land_to_start_max, 0);
}

/* The last day of January: E4 in production and E3 signed that day. */
static void test_edge_last_day_of_january(void **state)
{
	struct measures m;

	at(*state, 2024, 1, 30, &m);
	RATIO(m.filing_rate, 3, 3);
	RATIO(m.production_rate, 0, 2);
	RATIO(m.capacity_rate, 0, 0);
	at(*state, 2024, 1, 31, &m);
	RATIO(m.filing_rate, 3, 4);
	RATIO(m.production_rate, 1, 2);
	RATIO(m.capacity_rate, 0, 1);
	assert_int_equal(m.investment_yuan, 1500000);
}

/* 29 February 2024: E2 signed and E3 started on the leap day; February's
 * reports count; E3 has no land date, so it is not in land-to-start. */
static void test_edge_leap_day(void **state)
{
	struct measures m;

	at(*state, 2024, 2, 28, &m);
	RATIO(m.filing_rate, 4, 4);
	RATIO(m.start_rate_of_filed, 3, 4);
	RATIO(m.start_rate, 3, 5);
	RATIO(m.investment_completion, 3500000, 18000000);
	assert_int_equal(m.new_starts, 1);
	assert_int_equal(m.investment_yuan, 3500000);

	at(*state, 2024, 2, 29, &m);
	RATIO(m.filing_rate, 4, 5);
	RATIO(m.start_rate_of_filed, 4, 4);
	RATIO(m.start_rate, 4, 5);
	RATIO(m.investment_completion, 3500000, 21000000);
	RATIO(m.production_rate, 1, 2);
	RATIO(m.capacity_rate, 0, 1);
	RATIO(m.due_start_attainment, 1, 1);
	assert_int_equal(m.new_starts, 2);
	assert_int_equal(m.completions, 1);
	assert_int_equal(m.investment_yuan, 3500000);
	assert_int_equal(m.land_to_start_count, 1);
	assert_int_equal(m.land_to_start_max, 0);
}

/* 30 June, the as-of day of the half year: E2 filed and due to start that
 * day (not started), E3 completed that day. */
static void test_edge_as_of_day_itself(void **state)
{
	struct measures m;

	at(*state, 2024, 6, 29, &m);
	RATIO(m.filing_rate, 4, 5);
	RATIO(m.start_rate_of_filed, 4, 4);
	RATIO(m.production_rate, 1, 2);
	RATIO(m.due_start_attainment, 1, 1);
	assert_int_equal(m.completions, 1);

	at(*state, 2024, 6, 30, &m);
	RATIO(m.filing_rate, 5, 5);
	RATIO(m.start_rate_of_filed, 4, 5);
	RATIO(m.start_rate, 4, 5);
	RATIO(m.investment_completion, 3900000, 21000000);
	RATIO(m.production_rate, 1, 3);
	RATIO(m.capacity_rate, 0, 1);
	RATIO(m.due_start_attainment, 1, 2);
	assert_int_equal(m.new_starts, 2);
	assert_int_equal(m.completions, 2);
	assert_int_equal(m.investment_yuan, 3900000);
}

/* 31 December: E4 at capacity that day; December's report counts from the
 * first day of December; a later year counts all twelve months. */
static void test_edge_last_day_of_the_year(void **state)
{
	struct measures m;

	at(*state, 2024, 12, 30, &m);
	RATIO(m.capacity_rate, 0, 1);
	assert_int_equal(m.investment_yuan, 7900000);
	at(*state, 2024, 12, 31, &m);
	RATIO(m.capacity_rate, 1, 1);
	RATIO(m.investment_completion, 7900000, 21000000);
	assert_int_equal(m.investment_yuan, 7900000);
	at(*state, 2025, 1, 1, &m);
	assert_int_equal(m.investment_yuan, 7900000);
	assert_int_equal(m.new_starts, 2);
}

/* The breakdowns on the edge units: the first unit is a department, a
 * project's department is a section (未指定), a section's parent is absent,
 * industries out of order. Rows that are not units carry unit_id 0. */
static void test_edge_breakdowns(void **state)
{
	struct dataset *ds = *state;
	struct breakdown_rows b;
	struct scope sc;
	size_t i;

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	measures_breakdown(ds, &sc, BY_DEPARTMENT, &b);
	assert_int_equal(b.n, 3);
	assert_string_equal(b.rows[0].key, "D01");
	assert_int_equal(b.rows[0].unit_id, 5);
	assert_int_equal(b.rows[0].m.projects, 1);
	assert_string_equal(b.rows[1].key, "D02");
	assert_int_equal(b.rows[1].unit_id, 6);
	assert_int_equal(b.rows[1].m.projects, 1);
	assert_string_equal(b.rows[2].key, "");
	assert_string_equal(b.rows[2].name, "未指定");
	assert_int_equal(b.rows[2].unit_id, 0);
	assert_int_equal(b.rows[2].m.projects, 3); /* E2, E3 none; E4 a section */
	breakdown_rows_release(&b);
	assert_int_equal(b.n, 0);
	assert_null(b.rows);

	measures_breakdown(ds, &sc, BY_SECTION, &b);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.rows[0].key, "S01");
	assert_int_equal(b.rows[0].m.projects, 3);
	assert_string_equal(b.rows[1].key, "S09");
	assert_int_equal(b.rows[1].unit_id, 9);
	assert_int_equal(b.rows[1].m.projects, 2); /* its parent 99 is not loaded */
	breakdown_rows_release(&b);

	measures_breakdown(ds, &sc, BY_INDUSTRY, &b);
	assert_int_equal(b.n, 3);
	assert_string_equal(b.rows[0].key, "新能源");
	assert_int_equal(b.rows[0].m.projects, 1);
	assert_string_equal(b.rows[1].key, "生物医药");
	assert_int_equal(b.rows[1].m.projects, 2); /* E0 and E3, not adjacent */
	assert_int_equal(b.rows[1].m.new_starts, 2);
	assert_string_equal(b.rows[2].name, "未分类");
	assert_int_equal(b.rows[2].m.projects, 2);
	for (i = 0; i < b.n; i++)
		assert_int_equal(b.rows[i].unit_id, 0);
	breakdown_rows_release(&b);

	measures_breakdown(ds, &sc, BY_TIER, &b);
	assert_int_equal(b.n, 3);
	assert_int_equal(b.rows[0].m.projects, 0);
	assert_int_equal(b.rows[2].m.projects, 5);
	for (i = 0; i < b.n; i++)
		assert_int_equal(b.rows[i].unit_id, 0);
	breakdown_rows_release(&b);

	scope_init(&sc, 2024, fx_day(2024, 2, 29));
	measures_breakdown(ds, &sc, BY_MONTH, &b);
	assert_int_equal(b.n, 2);
	assert_int_equal(b.rows[0].asof, fx_day(2024, 1, 31));
	RATIO(b.rows[0].m.start_rate, 3, 5);
	assert_int_equal(b.rows[1].asof, fx_day(2024, 2, 29));
	RATIO(b.rows[1].m.start_rate, 4, 5);
	assert_int_equal(b.rows[0].unit_id, 0);
	assert_int_equal(b.rows[1].unit_id, 0);
	breakdown_rows_release(&b);

	/* BY_NONE keeps the scope's filters */
	sc.industrial_only = 1;
	measures_breakdown(ds, &sc, BY_NONE, &b);
	assert_int_equal(b.n, 1);
	assert_string_equal(b.rows[0].name, "全部");
	assert_int_equal(b.rows[0].unit_id, 0);
	assert_int_equal(b.rows[0].m.projects, 2);
	breakdown_rows_release(&b);
}

/* The median of land-to-start days for odd and even counts above two. */
static void test_land_to_start_median(void **state)
{
	static const int days[] = { 20, 1, 3, 10, 2 }; /* sorted: 1 2 3 10 20 */
	struct dataset ds;
	struct measures m;
	struct scope sc;
	size_t i;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	ds.year = 2024;
	fx_unit(&ds, 1, "S", "板块", UNIT_SECTION, 0);
	dataset_index(&ds);
	scope_init(&sc, 2024, fx_day(2024, 12, 31));
	for (i = 0; i < 5; i++) {
		struct project *p = fx_project(&ds, "L", 1, 0, 0, NULL, DIST, 0);

		p->stage_on[STAGE_STARTED] = fx_day(2024, 3, 1);
		p->land_on = fx_day(2024, 3, 1) - days[i];
		measures_compute(&ds, &sc, &m);
		assert_int_equal(m.land_to_start_count, (int64_t)i + 1);
	}
	/* five: the middle one, 3 */
	assert_int_equal(m.land_to_start_median_x2, 6);
	assert_int_equal(m.land_to_start_max, 20);
	/* four (1 2 10 20 without the 3): (2 + 10) / 2 */
	ds.projects[2].land_on = DAY_NONE;
	measures_compute(&ds, &sc, &m);
	assert_int_equal(m.land_to_start_count, 4);
	assert_int_equal(m.land_to_start_median_x2, 12);
	dataset_release(&ds);
}

/* Negative amounts (a correction) and negative rates round and print
 * symmetrically, half away from zero. */
static void test_negative_values(void **state)
{
	struct ratio r;
	char text[32];

	(void)state;
	r.num = -1, r.den = 2;
	assert_int_equal(ratio_scaled(r, 1), -1);
	r.num = 1, r.den = 2;
	assert_int_equal(ratio_scaled(r, 1), 1);
	r.num = 1, r.den = -1;
	assert_int_equal(ratio_scaled(r, 10000), -10000);
	r.num = 1, r.den = -3;
	assert_int_equal(ratio_scaled(r, 10000), -3333);
	r.num = -1, r.den = -3;
	assert_int_equal(ratio_scaled(r, 10000), 3333);
	r.num = -2, r.den = 3;
	assert_int_equal(ratio_scaled(r, 10000), -6667);
	r.num = 0, r.den = -7;
	assert_int_equal(ratio_scaled(r, 10000), 0);
	r.num = -1, r.den = 3;
	assert_string_equal(ratio_format_pct(r, text, sizeof(text)), "-33.3%");
	r.num = -1, r.den = 2000; /* -0.05 %: rounds away from zero to -0.1 % */
	assert_string_equal(ratio_format_pct(r, text, sizeof(text)), "-0.1%");
	r.num = -1, r.den = 20001; /* rounds to zero: no minus sign */
	assert_string_equal(ratio_format_pct(r, text, sizeof(text)), "0.0%");
	r.num = -1234, r.den = 1000;
	assert_string_equal(ratio_format_pct(r, text, sizeof(text)), "-123.4%");
	assert_string_equal(money_format_wan(-1, text, sizeof(text)), "-0.0001");
	assert_string_equal(money_format_wan(-12345678, text, sizeof(text)), "-1,234.5678");
}

/* The plan to date (序时计划) of the projects in scope: each listing's annual
 * plan × 6 / 12 by June, rounded down; none for an absent plan. By 2024-06-30:
 * p0 5000万, p1 617.2839万, p2 none, p3 2500万, p4 1000万, p5 0. */
static void test_plan_to_date(void **state)
{
	struct dataset *ds = *state;
	struct scope sc;

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	assert_int_equal(measures_plan_to_date(ds, &sc), 50000000 + 6172839 + 25000000 + 10000000);
	sc.section_id = 5; /* S02: p2, p3 */
	assert_int_equal(measures_plan_to_date(ds, &sc), 25000000);
	sc.section_id = 3; /* S01 and its street: p0, p1, p5 */
	assert_int_equal(measures_plan_to_date(ds, &sc), 50000000 + 6172839);
	sc.section_id = 0;
	sc.asof = fx_day(2023, 12, 31); /* before the year: nothing planned yet */
	assert_int_equal(measures_plan_to_date(ds, &sc), 0);
	sc.asof = fx_day(2024, 1, 1); /* January: 1/12 */
	assert_int_equal(measures_plan_to_date(ds, &sc), 8333333 + 1028806 + 4166666 + 1666666);
	/* a sum past INT64_MAX saturates (bad stored data must not wrap) */
	ds->listings[0].annual_plan = INT64_MAX;
	ds->listings[3].annual_plan = INT64_MAX;
	sc.asof = fx_day(2024, 12, 31);
	assert_int_equal(measures_plan_to_date(ds, &sc), INT64_MAX);
}

/* A listing's tiers beyond the three (bad stored data) put the project in no
 * further row. */
static void test_by_tier_stray_bit(void **state)
{
	struct dataset *ds = *state;
	struct breakdown_rows b;
	struct scope sc;

	ds->listings[4].tiers |= 1u << TIER__MAX;
	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	measures_breakdown(ds, &sc, BY_TIER, &b);
	assert_int_equal(b.n, 3);
	assert_int_equal(b.rows[0].m.projects, 2);
	assert_int_equal(b.rows[1].m.projects, 3);
	assert_int_equal(b.rows[2].m.projects, 3);
	breakdown_rows_release(&b);
}

/* By section, a project counts in the row of every section on its way up,
 * for at most 64 levels (the guard against a cycle in bad data): sections
 * U1 (the root) … U66, each under the one before, one project in U66. */
static void test_by_section_depth_bound(void **state)
{
	struct dataset ds;
	struct breakdown_rows b;
	struct scope sc;
	char code[16];
	int k;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	ds.year = 2024;
	for (k = 1; k <= 66; k++) {
		snprintf(code, sizeof(code), "U%02d", k);
		fx_unit(&ds, k, code, code, UNIT_SECTION, k - 1);
	}
	dataset_index(&ds);
	fx_project(&ds, "P", 66, 0, 0, NULL, DIST, 0);
	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	measures_breakdown(&ds, &sc, BY_SECTION, &b);
	assert_int_equal(b.n, 66);
	for (k = 1; k <= 66; k++) {
		assert_int_equal(b.rows[k - 1].unit_id, k);
		/* U66 is the first step, U3 the 64th */
		assert_int_equal(b.rows[k - 1].m.projects, k >= 3 ? 1 : 0);
	}
	breakdown_rows_release(&b);
	dataset_release(&ds);
}

/* A city: 10 districts × 6 sections, 20,000 projects. */
static void test_speed(void **state)
{
	struct dataset ds;
	struct breakdown_rows b;
	struct scope sc;
	struct timespec t0, t1;
	double ms;
	int64_t id = 2, total = 0;
	char code[32];
	int d, s;
	size_t i;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	ds.year = 2024;
	fx_unit(&ds, 1, "C", "市", UNIT_CITY, 0);
	for (d = 0; d < 10; d++) {
		int64_t did = id++;

		snprintf(code, sizeof(code), "D%02d", d);
		fx_unit(&ds, did, code, code, UNIT_DISTRICT, 1);
		for (s = 0; s < 6; s++) {
			snprintf(code, sizeof(code), "D%02dS%d", d, s);
			fx_unit(&ds, id++, code, code, UNIT_SECTION, did);
		}
	}
	dataset_index(&ds);
	for (i = 0; i < 20000; i++) {
		struct project *p = fx_project(&ds, "X", 3 + (int64_t)(i % 10) * 7 + (int64_t)(i % 6),
						0, (int)(i % 2), NULL, DIST, 1000000);

		p->stage_on[STAGE_STARTED] = fx_day(2024, 1 + (int)(i % 12), 1);
		p->land_on = fx_day(2023, 12, 1);
		fx_report(&ds, i, 1, 1000);
	}
	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	measures_breakdown(&ds, &sc, BY_SECTION, &b);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	assert_int_equal(b.n, 60);
	for (i = 0; i < b.n; i++)
		total += b.rows[i].m.projects;
	assert_int_equal(total, 20000);
	/* The time is printed, never asserted: goals live in `make bench`. */
	print_message("by section, 20000 projects: %.1f ms\n", ms);
	breakdown_rows_release(&b);
	dataset_release(&ds);
}

/* The fixture's arrays cut to their length, so that AddressSanitizer sees a
 * read past the last project or unit (fx_* allocate ahead). */
static void exact_size(struct dataset *ds)
{
	size_t n = ds->n_projects ? ds->n_projects : 1;

	ds->projects = xrealloc(ds->projects, n * sizeof(*ds->projects));
	ds->listings = xrealloc(ds->listings, n * sizeof(*ds->listings));
	ds->reports = xrealloc(ds->reports, n * sizeof(*ds->reports));
	ds->units = xrealloc(ds->units, (ds->n_units ? ds->n_units : 1) * sizeof(*ds->units));
}

/* Section rows at the edges: the first unit of the array a section with a
 * project (its row is found like any other), a project without a section
 * and one whose section is not loaded (in the total, in no row). */
static void test_section_rows_edges(void **state)
{
	struct breakdown_rows b;
	struct dataset ds;
	struct measures m;
	struct scope sc;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	ds.year = 2024;
	fx_unit(&ds, 3, "S00", "首板块", UNIT_SECTION, 1);
	fx_unit(&ds, 1, "D", "区", UNIT_DISTRICT, 0);
	fx_unit(&ds, 2, "S01", "二板块", UNIT_SECTION, 1);
	fx_project(&ds, "P0", 3, 0, 0, NULL, DIST, 100);
	fx_project(&ds, "P1", 0, 0, 0, NULL, DIST, 200);
	fx_project(&ds, "P2", 77, 0, 0, NULL, DIST, 400);
	fx_project(&ds, "P3", 2, 0, 0, NULL, DIST, 800);
	exact_size(&ds);
	dataset_index(&ds);
	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	memset(&m, 0x5a, sizeof(m));
	measures_compute_by(&ds, &sc, BY_SECTION, &m, &b);
	assert_int_equal(m.projects, 4);
	assert_int_equal(m.annual_plan_yuan, 1500);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.rows[0].key, "S00");
	assert_int_equal(b.rows[0].m.projects, 1);
	assert_int_equal(b.rows[0].m.annual_plan_yuan, 100);
	assert_string_equal(b.rows[1].key, "S01");
	assert_int_equal(b.rows[1].m.annual_plan_yuan, 800);
	breakdown_rows_release(&b);
	dataset_release(&ds);
}

/* The plan to date of every month at once (the by-month rows' pace), by hand:
 * A 1,200 yuan a year without a month plan (×n/12, rounded down), B with
 * one (100 in January, 500 in June), C outside the section. */
static void test_plan_by_month(void **state)
{
	struct dataset ds;
	struct scope sc;
	int64_t out[13];

	(void)state;
	memset(&ds, 0, sizeof(ds));
	ds.year = 2024;
	fx_unit(&ds, 1, "S01", "甲", UNIT_SECTION, 0);
	fx_unit(&ds, 2, "S02", "乙", UNIT_SECTION, 0);
	fx_project(&ds, "A", 1, 0, 0, NULL, TIER_BIT(TIER_CITY), 1200);
	fx_project(&ds, "B", 1, 0, 0, NULL, TIER_BIT(TIER_CITY), 600);
	ds.listings[1].has_month_plan = 1;
	ds.listings[1].month_plan[0] = 100;
	ds.listings[1].month_plan[5] = 500;
	fx_project(&ds, "C", 2, 0, 0, NULL, TIER_BIT(TIER_CITY), 999999);
	exact_size(&ds);
	dataset_index(&ds);
	scope_init(&sc, 2024, day_from_ymd(2024, 6, 30));
	sc.section_id = 1;
	measures_plan_by_month(&ds, &sc, out);
	assert_int_equal(out[0], 0);
	/* and measures_compute_by is measures_compute and measures_breakdown */
	{
		struct breakdown_rows rows, again;
		struct measures m, m2;
		size_t r;
		int by;

		for (by = 0; by < BY__MAX; by++) {
			memset(&m, 0x5a, sizeof(m)); /* every member written */
			measures_compute_by(&ds, &sc, (enum breakdown)by, &m, &rows);
			measures_compute(&ds, &sc, &m2);
			assert_memory_equal(&m, &m2, sizeof(m));
			if (by == BY_NONE) {
				assert_int_equal(rows.n, 0);
				continue;
			}
			measures_breakdown(&ds, &sc, (enum breakdown)by, &again);
			assert_int_equal(rows.n, again.n);
			for (r = 0; r < rows.n; r++) {
				assert_string_equal(rows.rows[r].key, again.rows[r].key);
				assert_memory_equal(&rows.rows[r].m, &again.rows[r].m, sizeof(m));
			}
			breakdown_rows_release(&rows);
			breakdown_rows_release(&again);
		}
	}
	assert_int_equal(out[1], 100 + 100);
	assert_int_equal(out[5], 500 + 100);
	assert_int_equal(out[6], 600 + 600);
	assert_int_equal(out[7], 0); /* after the as-of month: no row */
	sc.asof = day_from_ymd(2024, 12, 31);
	measures_plan_by_month(&ds, &sc, out);
	assert_int_equal(out[7], 700 + 600);
	assert_int_equal(out[12], 1200 + 600);
	/* a filter on the stages is judged as of each row's day: A started on
	 * 15 May counts from May's row on, B never */
	ds.projects[0].stage_on[STAGE_STARTED] = day_from_ymd(2024, 5, 15);
	sc.reached = STAGE_STARTED;
	measures_plan_by_month(&ds, &sc, out);
	assert_int_equal(out[4], 0);
	assert_int_equal(out[5], 500);
	assert_int_equal(out[12], 1200);
	dataset_release(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_whole_year, setup, teardown),
		cmocka_unit_test_setup_teardown(test_day_before_boundaries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_months_counted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zero_denominators, setup, teardown),
		cmocka_unit_test_setup_teardown(test_measure_value, setup, teardown),
		cmocka_unit_test(test_formatting),
		cmocka_unit_test_setup_teardown(test_by_tier, setup, teardown),
		cmocka_unit_test_setup_teardown(test_by_section, setup, teardown),
		cmocka_unit_test_setup_teardown(test_by_department, setup, teardown),
		cmocka_unit_test_setup_teardown(test_by_month, setup, teardown),
		cmocka_unit_test_setup_teardown(test_by_industry_and_none, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edge_day_before_the_year, setup_edges, teardown),
		cmocka_unit_test_setup_teardown(test_edge_first_day_of_the_year, setup_edges,
						teardown),
		cmocka_unit_test_setup_teardown(test_edge_last_day_of_january, setup_edges, teardown),
		cmocka_unit_test_setup_teardown(test_edge_leap_day, setup_edges, teardown),
		cmocka_unit_test_setup_teardown(test_edge_as_of_day_itself, setup_edges, teardown),
		cmocka_unit_test_setup_teardown(test_edge_last_day_of_the_year, setup_edges, teardown),
		cmocka_unit_test_setup_teardown(test_edge_breakdowns, setup_edges, teardown),
		cmocka_unit_test(test_land_to_start_median),
		cmocka_unit_test(test_negative_values),
		cmocka_unit_test(test_plan_by_month),
		cmocka_unit_test(test_section_rows_edges),
		cmocka_unit_test_setup_teardown(test_plan_to_date, setup, teardown),
		cmocka_unit_test_setup_teardown(test_by_tier_stray_bit, setup, teardown),
		cmocka_unit_test(test_by_section_depth_bound),
		cmocka_unit_test(test_speed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
