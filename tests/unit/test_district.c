/* test_district.c — one instance, many districts (src/core/district.c and
 * access.c's district rules, issue #17 item 5): the district of a unit, the
 * key a district's rows are stored under, one district's view of a dataset,
 * and which district an act of each kind of caller is of. The city: C (1);
 * districts DA (2: sections A1 4, A2 5 with a street A21 8 under A2) and DB
 * (3: section B1 6, department G 7 under DB). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/access.h"
#include "core/district.h"
#include "core/items.h"
#include "fixture.h"

static void city(struct dataset *ds)
{
	memset(ds, 0, sizeof(*ds));
	ds->year = 2024;
	fx_unit(ds, 1, "C", "市", UNIT_CITY, 0);
	fx_unit(ds, 2, "DA", "甲区", UNIT_DISTRICT, 1);
	fx_unit(ds, 3, "DB", "乙区", UNIT_DISTRICT, 1);
	fx_unit(ds, 4, "A1", "甲一", UNIT_SECTION, 2);
	fx_unit(ds, 5, "A2", "甲二", UNIT_SECTION, 2);
	fx_unit(ds, 6, "B1", "乙一", UNIT_SECTION, 3);
	fx_unit(ds, 7, "G", "发改", UNIT_DEPARTMENT, 3);
	fx_unit(ds, 8, "A21", "甲二一", UNIT_STREET, 5);
	fx_project(ds, "PA1", 4, 0, 1, NULL, TIER_BIT(TIER_DISTRICT), 100);
	fx_project(ds, "PB1", 6, 7, 1, NULL, TIER_BIT(TIER_DISTRICT), 200);
	fx_project(ds, "PA2", 8, 0, 1, NULL, TIER_BIT(TIER_DISTRICT), 300);
	dataset_index(ds);
}

static void test_district_of_unit(void **state)
{
	struct dataset ds;

	(void)state;
	city(&ds);
	assert_int_equal(district_of_unit(&ds, 2), 2);  /* a district is its own */
	assert_int_equal(district_of_unit(&ds, 8), 2);  /* a street under A2 */
	assert_int_equal(district_of_unit(&ds, 7), 3);  /* a department under DB */
	assert_int_equal(district_of_unit(&ds, 1), 0);  /* the city lies in none */
	assert_int_equal(district_of_unit(&ds, 0), 0);  /* no unit */
	assert_int_equal(district_of_unit(&ds, 99), 0); /* no such unit */
	assert_int_equal(district_count(&ds), 2);
	assert_int_equal(district_key(&ds, 3), 3);
	dataset_release(&ds);
}

static void test_one_district_keys_nothing(void **state)
{
	struct actor city_coord = { .role = ROLE_COORDINATOR, .unit_id = 1 };
	struct dataset ds;
	int64_t key = -1;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	fx_unit(&ds, 1, "C", "市", UNIT_CITY, 0);
	fx_unit(&ds, 2, "DA", "甲区", UNIT_DISTRICT, 1);
	fx_unit(&ds, 3, "A1", "甲一", UNIT_SECTION, 2);
	dataset_index(&ds);
	assert_int_equal(district_key(&ds, 2), 0);
	assert_int_equal(access_district_pick(&city_coord, &ds, 0, &key), DISTRICT_OK);
	assert_int_equal(key, 0);
	assert_int_equal(access_district_pick(&city_coord, &ds, 2, &key), DISTRICT_OK);
	assert_int_equal(key, 0);
	assert_true(access_district_visible(&city_coord, &ds, 0));
	dataset_release(&ds);
}

static void test_who_picks_which_district(void **state)
{
	struct actor city_coord = { .role = ROLE_COORDINATOR, .unit_id = 1 };
	struct actor admin = { .role = ROLE_ADMIN };
	struct actor a_coord = { .role = ROLE_COORDINATOR, .unit_id = 2 };
	struct actor a_street = { .role = ROLE_SECTION, .unit_id = 8 };
	struct actor b_dept = { .role = ROLE_DEPARTMENT, .unit_id = 7 };
	struct dataset ds;
	int64_t key = -1;

	(void)state;
	city(&ds);
	assert_int_equal(access_district_pick(&city_coord, &ds, 0, &key), DISTRICT_REQUIRED);
	assert_int_equal(key, 0);
	assert_int_equal(access_district_pick(&admin, &ds, 0, &key), DISTRICT_REQUIRED);
	assert_int_equal(access_district_pick(&city_coord, &ds, 3, &key), DISTRICT_OK);
	assert_int_equal(key, 3);
	assert_int_equal(access_district_pick(&a_coord, &ds, 0, &key), DISTRICT_OK);
	assert_int_equal(key, 2);
	assert_int_equal(access_district_pick(&a_coord, &ds, 2, &key), DISTRICT_OK);
	assert_int_equal(key, 2);
	assert_int_equal(access_district_pick(&a_coord, &ds, 3, &key), DISTRICT_HIDDEN);
	assert_int_equal(key, 0);
	assert_int_equal(access_district_pick(&a_street, &ds, 0, &key), DISTRICT_OK);
	assert_int_equal(key, 2);
	assert_int_equal(access_district_pick(&b_dept, &ds, 2, &key), DISTRICT_HIDDEN);
	/* lists: a bound caller its own district's rows; the others every one,
	 * the instance's own (0) included */
	assert_true(access_district_visible(&a_coord, &ds, 2));
	assert_false(access_district_visible(&a_coord, &ds, 3));
	assert_false(access_district_visible(&a_coord, &ds, 0));
	assert_true(access_district_visible(&city_coord, &ds, 3));
	assert_true(access_district_visible(&city_coord, &ds, 0));
	dataset_release(&ds);
}

static void test_a_districts_view(void **state)
{
	struct dataset ds, v;
	struct item_track items[2];
	struct lead_signing sg[2] = { { 5, 0, 1000 }, { 6, 0, 2000 } };
	struct target tg[3] = { { .id = 1, .section_id = 0 }, { .id = 2, .section_id = 3 },
				{ .id = 3, .section_id = 5 } };

	(void)state;
	city(&ds);
	memset(items, 0, sizeof(items));
	items[0].id = 10;
	items[0].project = 1; /* PB1 */
	items[1].id = 11;
	items[1].project = 2; /* PA2: index 1 in DA's view */
	ds.items = items;
	ds.n_items = 2;
	ds.signings = sg;
	ds.n_signings = 2;
	ds.targets = tg;
	ds.n_targets = 3;
	district_view(&ds, 2, &v);
	/* units: DA's subtree and its ancestors, in order; not DB's */
	assert_int_equal(v.n_units, 5);
	assert_string_equal(v.units[0].code, "C");
	assert_string_equal(v.units[1].code, "DA");
	assert_string_equal(v.units[4].code, "A21");
	assert_null(dataset_unit(&v, 6));
	assert_non_null(dataset_unit(&v, 8));
	/* projects with their listings, in order */
	assert_int_equal(v.n_projects, 2);
	assert_string_equal(v.projects[0].ref, "PA1");
	assert_string_equal(v.projects[1].ref, "PA2");
	assert_int_equal(v.listings[1].annual_plan, 300);
	/* the items of its projects, their index the view's */
	assert_int_equal(v.n_items, 1);
	assert_int_equal(v.items[0].id, 11);
	assert_int_equal(v.items[0].project, 1);
	/* signings its units follow; targets of no unit or of its subtree */
	assert_int_equal(v.n_signings, 1);
	assert_int_equal(v.signings[0].amount, 1000);
	assert_int_equal(v.n_targets, 2);
	assert_int_equal(v.targets[0].id, 1);
	assert_int_equal(v.targets[1].id, 3);
	district_view_release(&v);
	ds.items = NULL;
	ds.n_items = 0;
	ds.signings = NULL;
	ds.n_signings = 0;
	ds.targets = NULL;
	ds.n_targets = 0;
	dataset_release(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_district_of_unit),
		cmocka_unit_test(test_one_district_keys_nothing),
		cmocka_unit_test(test_who_picks_which_district),
		cmocka_unit_test(test_a_districts_view),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
