/* test_model.c — the rules of src/core/model.c that are not plain data:
 * when a project reached a stage, that stage dates never go backwards
 * (DOMAIN.md §3), the measure table (keys, kinds, which are indicators, how a
 * target on each stands: DOMAIN.md §4–§5), and the unit index of a dataset
 * (lookups, subtrees, finding a unit by code or name). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/model.h"
#include "util/xalloc.h"
#include "fixture.h"

static void test_reached(void **state)
{
	struct project p;

	(void)state;
	project_init(&p);
	assert_int_equal(project_reached(&p, STAGE_SIGNED), DAY_NONE);
	/* completed without a start date: started, on its completion date */
	p.stage_on[STAGE_COMPLETED] = fx_day(2024, 5, 10);
	p.stage_on[STAGE_PRODUCTION] = fx_day(2024, 6, 1);
	assert_int_equal(project_reached(&p, STAGE_SIGNED), fx_day(2024, 5, 10));
	assert_int_equal(project_reached(&p, STAGE_STARTED), fx_day(2024, 5, 10));
	assert_int_equal(project_reached(&p, STAGE_PRODUCTION), fx_day(2024, 6, 1));
	assert_int_equal(project_reached(&p, STAGE_CAPACITY), DAY_NONE);
}

static void test_stages_never_go_backwards(void **state)
{
	struct project p;
	enum stage bad = STAGE__MAX;

	(void)state;
	project_init(&p);
	assert_int_equal(project_stages_ordered(&p, &bad), 1);
	/* the same day for several stages is in order */
	p.stage_on[STAGE_SIGNED] = fx_day(2024, 3, 1);
	p.stage_on[STAGE_FILED] = fx_day(2024, 3, 1);
	p.stage_on[STAGE_STARTED] = fx_day(2024, 3, 1);
	assert_int_equal(project_stages_ordered(&p, &bad), 1);
	assert_int_equal(bad, STAGE__MAX); /* untouched */
	/* signed after the start, with no filing date between: the stage named
	 * is the one whose date is later than a later stage's */
	p.stage_on[STAGE_FILED] = DAY_NONE;
	p.stage_on[STAGE_STARTED] = fx_day(2024, 2, 29);
	assert_int_equal(project_stages_ordered(&p, &bad), 0);
	assert_int_equal(bad, STAGE_SIGNED);
	assert_int_equal(project_stages_ordered(&p, NULL), 0);
	/* the last two stages are checked too */
	project_init(&p);
	p.stage_on[STAGE_PRODUCTION] = fx_day(2024, 5, 2);
	p.stage_on[STAGE_CAPACITY] = fx_day(2024, 5, 1);
	assert_int_equal(project_stages_ordered(&p, &bad), 0);
	assert_int_equal(bad, STAGE_PRODUCTION);
	p.stage_on[STAGE_CAPACITY] = fx_day(2024, 5, 2);
	assert_int_equal(project_stages_ordered(&p, &bad), 1);
}

static void test_measure_keys(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < MEASURE__MAX; i++) {
		assert_int_equal(measure_from_key(measure_info[i].key), i);
		assert_int_equal(measure_from_key(measure_info[i].label_zh), i);
	}
	assert_int_equal(measure_from_key("filing_rate"), M_FILING_RATE);
	assert_int_equal(measure_from_key("签约项目备案率"), M_FILING_RATE);
	assert_int_equal(measure_from_key("industrial_funds_capital_yuan"),
			 M_INDUSTRIAL_FUNDS_CAPITAL);
	assert_int_equal(measure_from_key("filing rate"), -1);
	assert_int_equal(measure_from_key(""), -1);
}

/* DOMAIN.md §3 "What counts", every status both ways. */
static void test_which_reports_count(void **state)
{
	(void)state;
	assert_int_equal(report_status_counts("submitted", 0), 1);
	assert_int_equal(report_status_counts("verified", 0), 1);
	assert_int_equal(report_status_counts("draft", 0), 0);
	assert_int_equal(report_status_counts("returned", 0), 0);
	assert_int_equal(report_status_counts("submitted", 1), 1);
	assert_int_equal(report_status_counts("verified", 1), 1);
	assert_int_equal(report_status_counts("draft", 1), 1);    /* the office's preview */
	assert_int_equal(report_status_counts("returned", 1), 0); /* never */
	assert_int_equal(report_status_counts("Submitted", 1), 0); /* unknown: never */
	assert_int_equal(report_status_counts("", 1), 0);
	assert_int_equal(report_status_counts(NULL, 1), 0);
}

/* The measure table as DOMAIN.md §4 and §5 define it, written out by hand:
 * the §4 rates are shares, counted and summed measures grow, the annual plan
 * (a stock) and the value-added growth rate (a rate that can fall) are levels;
 * the statistics bureau's figures and the fund registry are indicators,
 * entered as series, not computed. */
static void test_measure_table(void **state)
{
	static const struct {
		int m;
		enum measure_kind kind;
		int indicator;
		enum measure_course course;
	} want[] = {
		{ M_FILING_RATE, MK_RATE, 0, MC_SHARE },
		{ M_START_RATE_OF_FILED, MK_RATE, 0, MC_SHARE },
		{ M_INVESTMENT_COMPLETION, MK_RATE, 0, MC_SHARE },
		{ M_PRODUCTION_RATE, MK_RATE, 0, MC_SHARE },
		{ M_CAPACITY_RATE, MK_RATE, 0, MC_SHARE },
		{ M_START_RATE, MK_RATE, 0, MC_SHARE },
		{ M_DUE_START_ATTAINMENT, MK_RATE, 0, MC_SHARE },
		{ M_NEW_STARTS, MK_COUNT, 0, MC_CUMULATIVE },
		{ M_COMPLETIONS, MK_COUNT, 0, MC_CUMULATIVE },
		{ M_INVESTMENT, MK_MONEY, 0, MC_CUMULATIVE },
		{ M_ANNUAL_PLAN, MK_MONEY, 0, MC_LEVEL },
		{ M_FIXED_ASSET_INVESTMENT, MK_MONEY, 1, MC_CUMULATIVE },
		{ M_INDUSTRIAL_INVESTMENT, MK_MONEY, 1, MC_CUMULATIVE },
		{ M_INDUSTRIAL_VALUE_ADDED_GROWTH, MK_RATE, 1, MC_LEVEL },
		{ M_INDUSTRIAL_FUNDS, MK_COUNT, 1, MC_CUMULATIVE },
		{ M_INDUSTRIAL_FUNDS_CAPITAL, MK_MONEY, 1, MC_CUMULATIVE },
		/* h-demotarget: computed from the demolition task books */
		{ M_DEMOLITION_AREA, MK_COUNT, 0, MC_CUMULATIVE },
		{ M_DEMOLITION_HOUSEHOLDS, MK_COUNT, 0, MC_CUMULATIVE },
	};
	size_t i;

	(void)state;
	assert_int_equal(sizeof(want) / sizeof(want[0]), MEASURE__MAX);
	for (i = 0; i < MEASURE__MAX; i++) {
		const struct measure_info *mi = &measure_info[want[i].m];

		assert_int_equal(want[i].m, (int)i);
		assert_int_equal(mi->kind, want[i].kind);
		assert_int_equal(mi->indicator, want[i].indicator);
		assert_int_equal(mi->course, want[i].course);
		/* the indicators run from M_FIRST_INDICATOR to the demolition
		 * measures (h-demotarget) */
		assert_int_equal(mi->indicator,
				 i >= M_FIRST_INDICATOR && i < M_DEMOLITION_AREA);
	}
}

/* A city 1 with district 2; sections 3 and 4 under it, street 5 under 3;
 * department 6 under 2; unit 7's parent 99 is not in the dataset. Added out
 * of id order, so that the index has to sort them. */
static void small_tree(struct dataset *ds)
{
	memset(ds, 0, sizeof(*ds));
	ds->year = 2024;
	fx_unit(ds, 5, "S11", "硕放", UNIT_STREET, 3);
	fx_unit(ds, 2, "D", "新吴区", UNIT_DISTRICT, 1);
	fx_unit(ds, 7, "X", "孤儿", UNIT_SECTION, 99);
	fx_unit(ds, 3, "S1", "空港", UNIT_SECTION, 2);
	fx_unit(ds, 1, "C", "无锡市", UNIT_CITY, 0);
	fx_unit(ds, 6, "F", "同名", UNIT_DEPARTMENT, 2);
	fx_unit(ds, 4, "S2", "同名", UNIT_SECTION, 2);
	dataset_index(ds);
}

static void test_unit_index(void **state)
{
	struct dataset ds;
	int64_t id;

	(void)state;
	small_tree(&ds);
	for (id = 1; id <= 7; id++) {
		assert_non_null(dataset_unit(&ds, id));
		assert_int_equal(dataset_unit(&ds, id)->id, id);
	}
	assert_null(dataset_unit(&ds, 0));
	assert_null(dataset_unit(&ds, 8));
	assert_null(dataset_unit(&ds, 99));
	assert_null(dataset_unit(&ds, -1));
	assert_string_equal(dataset_unit_code(&ds, 3, "-"), "S1");
	assert_string_equal(dataset_unit_name(&ds, 3, "-"), "空港");
	assert_string_equal(dataset_unit_code(&ds, 0, "-"), "-");
	assert_string_equal(dataset_unit_name(&ds, 99, "none"), "none");
	free(ds.units[0].code);
	ds.units[0].code = NULL; /* unit 5 without a code or a name */
	free(ds.units[0].name);
	ds.units[0].name = NULL;
	assert_string_equal(dataset_unit_code(&ds, 5, "-"), "-");
	assert_string_equal(dataset_unit_name(&ds, 5, "-"), "-");
	dataset_release(&ds);
	assert_null(ds.units);
	assert_int_equal(ds.n_units, 0);
	/* an empty dataset, indexed or not: no unit at all */
	memset(&ds, 0, sizeof(ds));
	assert_null(dataset_unit(&ds, 1));
	dataset_index(&ds);
	assert_null(dataset_unit(&ds, 1));
	dataset_release(&ds);
}

static void test_subtree(void **state)
{
	struct dataset ds;

	(void)state;
	small_tree(&ds);
	assert_int_equal(dataset_in_subtree(&ds, 5, 5), 1); /* the root itself */
	assert_int_equal(dataset_in_subtree(&ds, 5, 3), 1);
	assert_int_equal(dataset_in_subtree(&ds, 5, 2), 1);
	assert_int_equal(dataset_in_subtree(&ds, 5, 1), 1);
	assert_int_equal(dataset_in_subtree(&ds, 5, 4), 0); /* a sibling's */
	assert_int_equal(dataset_in_subtree(&ds, 3, 5), 0); /* not upwards */
	assert_int_equal(dataset_in_subtree(&ds, 6, 2), 1);
	/* no unit (0) lies in a subtree nor roots one */
	assert_int_equal(dataset_in_subtree(&ds, 0, 2), 0);
	assert_int_equal(dataset_in_subtree(&ds, 5, 0), 0);
	/* a parent missing from the dataset ends the walk */
	assert_int_equal(dataset_in_subtree(&ds, 7, 7), 1);
	assert_int_equal(dataset_in_subtree(&ds, 7, 2), 0);
	assert_int_equal(dataset_in_subtree(&ds, 99, 2), 0);
	dataset_release(&ds);
}

/* The walk up is bounded at 64 levels, so that a cycle in bad data ends:
 * unit k's parent is k − 1, unit 1 is the root, unit 100's parent is 101 and
 * 101's is 100. */
static void test_subtree_depth(void **state)
{
	struct dataset ds;
	char code[16];
	int k;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	for (k = 1; k <= 66; k++) {
		snprintf(code, sizeof(code), "U%d", k);
		fx_unit(&ds, k, code, code, UNIT_SECTION, k - 1);
	}
	fx_unit(&ds, 100, "A", "A", UNIT_SECTION, 101);
	fx_unit(&ds, 101, "B", "B", UNIT_SECTION, 100);
	dataset_index(&ds);
	assert_int_equal(dataset_in_subtree(&ds, 64, 1), 1); /* 63 steps up */
	assert_int_equal(dataset_in_subtree(&ds, 65, 2), 1);
	assert_int_equal(dataset_in_subtree(&ds, 65, 1), 0); /* 64 steps: past the bound */
	assert_int_equal(dataset_in_subtree(&ds, 66, 1), 0);
	assert_int_equal(dataset_in_subtree(&ds, 100, 101), 1);
	assert_int_equal(dataset_in_subtree(&ds, 100, 1), 0); /* the cycle ends */
	dataset_release(&ds);
}

static void test_find_unit(void **state)
{
	struct dataset ds;

	(void)state;
	small_tree(&ds);
	assert_int_equal(dataset_find_unit(&ds, "S1")->id, 3);
	assert_int_equal(dataset_find_unit(&ds, "S11")->id, 5); /* the first unit */
	assert_int_equal(dataset_find_unit(&ds, "S2")->id, 4);  /* the last */
	assert_int_equal(dataset_find_unit(&ds, "空港")->id, 3); /* a unique name */
	assert_int_equal(dataset_find_unit(&ds, "无锡市")->id, 1);
	assert_null(dataset_find_unit(&ds, "同名"));             /* two units: neither */
	assert_null(dataset_find_unit(&ds, "nope"));
	/* a code wins over another unit's name */
	free(ds.units[1].name);
	ds.units[1].name = xstrdup("S1"); /* district 2 named like section 3's code */
	assert_int_equal(dataset_find_unit(&ds, "S1")->id, 3);
	dataset_release(&ds);
}

/* A copy owns its strings; a released project is an initialised one. */
static void test_project_copy_release(void **state)
{
	struct project a, b;
	int k;

	(void)state;
	project_init(&a);
	assert_int_equal(a.total_investment, AMOUNT_NONE);
	assert_int_equal(a.capacity, AMOUNT_NONE);
	assert_int_equal(a.land_mu, AMOUNT_NONE);
	assert_int_equal(a.energy_tce, AMOUNT_NONE);
	assert_int_equal(a.planned_start, DAY_NONE);
	assert_int_equal(a.planned_completion, DAY_NONE);
	assert_int_equal(a.planned_production, DAY_NONE);
	assert_int_equal(a.land_on, DAY_NONE);
	assert_int_equal(a.permit_on, DAY_NONE);
	for (k = 0; k < STAGE__MAX; k++)
		assert_int_equal(a.stage_on[k], DAY_NONE);
	assert_int_equal(a.id, 0);
	assert_null(a.ref);
	a.id = 9;
	a.ref = xstrdup("R1");
	a.name = xstrdup("N");
	a.uscc = xstrdup("U");
	a.stage_on[STAGE_FILED] = fx_day(2024, 1, 1);
	project_copy(&b, &a);
	assert_int_equal(b.id, 9);
	assert_string_equal(b.ref, "R1");
	assert_ptr_not_equal(b.ref, a.ref);
	assert_string_equal(b.uscc, "U");
	assert_null(b.code);
	assert_int_equal(b.stage_on[STAGE_FILED], fx_day(2024, 1, 1));
	project_release(&a);
	assert_null(a.ref);
	assert_int_equal(a.id, 0);
	assert_int_equal(a.stage_on[STAGE_FILED], DAY_NONE);
	assert_string_equal(b.name, "N"); /* still its own */
	project_release(&b);
}

/* Lookups are the same whatever the ids: one unit; sparse ids (far apart,
 * one negative, as no store writes but a caller may build); dense ids up to
 * the largest, and nothing one past it. */
static void test_unit_lookup_any_ids(void **state)
{
	struct dataset ds;
	int64_t id;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	fx_unit(&ds, 9, "A", "甲", UNIT_SECTION, 0);
	dataset_index(&ds);
	assert_int_equal(dataset_unit(&ds, 9)->id, 9);
	assert_null(dataset_unit(&ds, 8));
	assert_null(dataset_unit(&ds, 10));
	dataset_release(&ds);

	memset(&ds, 0, sizeof(ds));
	fx_unit(&ds, 100000, "B", "乙", UNIT_SECTION, 0);
	fx_unit(&ds, -3, "N", "负", UNIT_SECTION, 0);
	fx_unit(&ds, 5, "C", "丙", UNIT_STREET, 100000);
	dataset_index(&ds);
	assert_int_equal(dataset_unit(&ds, 100000)->id, 100000);
	assert_int_equal(dataset_unit(&ds, -3)->id, -3);
	assert_int_equal(dataset_unit(&ds, 5)->id, 5);
	assert_null(dataset_unit(&ds, 4));
	assert_null(dataset_unit(&ds, 99999));
	assert_null(dataset_unit(&ds, 100001));
	assert_int_equal(dataset_in_subtree(&ds, 5, 100000), 1);
	dataset_release(&ds);

	/* 40 units with ids 1 … 40 and one with id 200 */
	memset(&ds, 0, sizeof(ds));
	for (id = 40; id >= 1; id--)
		fx_unit(&ds, id, "U", "U", UNIT_SECTION, 0);
	fx_unit(&ds, 200, "Z", "Z", UNIT_SECTION, 0);
	dataset_index(&ds);
	for (id = 1; id <= 40; id++)
		assert_int_equal(dataset_unit(&ds, id)->id, id);
	assert_int_equal(dataset_unit(&ds, 200)->id, 200);
	assert_null(dataset_unit(&ds, 0));
	assert_null(dataset_unit(&ds, 41));
	assert_null(dataset_unit(&ds, 199));
	assert_null(dataset_unit(&ds, 201));
	dataset_release(&ds);
}

/* A borrowed dataset (the server's snapshot's arrays) is only forgotten:
 * the owner's units stay readable, and the owner frees them once. */
static void test_release_borrowed(void **state)
{
	struct dataset owner, view;

	(void)state;
	small_tree(&owner);
	view = owner;
	view.borrowed = 1;
	dataset_release(&view);
	assert_null(view.units);
	assert_int_equal(view.n_units, 0);
	assert_int_equal(view.borrowed, 0);
	assert_string_equal(dataset_unit(&owner, 3)->name, "空港");
	dataset_release(&owner);
}

/* Coordinates in millionths of a degree: a latitude from −90 to 90, a
 * longitude from −180 to 180, both ends included. */
static void test_coordinate_bounds(void **state)
{
	static const char lat_bad[] = "out of range: a latitude is from -90 to 90";
	static const char lng_bad[] = "out of range: a longitude is from -180 to 180";

	(void)state;
	assert_null(coord_problem(0, 1));
	assert_null(coord_problem(90000000, 1));
	assert_null(coord_problem(-90000000, 1));
	assert_string_equal(coord_problem(90000001, 1), lat_bad);
	assert_string_equal(coord_problem(-90000001, 1), lat_bad);
	assert_null(coord_problem(90000001, 0)); /* a longitude may be 90.000001 */
	assert_null(coord_problem(180000000, 0));
	assert_null(coord_problem(-180000000, 0));
	assert_string_equal(coord_problem(180000001, 0), lng_bad);
	assert_string_equal(coord_problem(-180000001, 0), lng_bad);
	assert_string_equal(coord_problem(120000000, 1), lat_bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_which_reports_count),
		cmocka_unit_test(test_reached),
		cmocka_unit_test(test_stages_never_go_backwards),
		cmocka_unit_test(test_measure_keys),
		cmocka_unit_test(test_measure_table),
		cmocka_unit_test(test_unit_index),
		cmocka_unit_test(test_subtree),
		cmocka_unit_test(test_subtree_depth),
		cmocka_unit_test(test_find_unit),
		cmocka_unit_test(test_project_copy_release),
		cmocka_unit_test(test_unit_lookup_any_ids),
		cmocka_unit_test(test_release_borrowed),
		cmocka_unit_test(test_coordinate_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
