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

	measures_breakdown(ds, &sc, BY_NONE, &b);
	measures_compute(ds, &sc, &m);
	assert_int_equal(b.n, 1);
	assert_memory_equal(&b.rows[0].m, &m, sizeof(m));
	breakdown_rows_release(&b);
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
		cmocka_unit_test(test_speed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
