/* test_changes.c — unit tests of src/core/changes.c, the issued plan's rules
 * (DOMAIN.md §3): which fields a request carries and of what kind, the values
 * of a project and listing before and after, what a direct edit may still do
 * once its year is issued (by the office, by a section), and when the result
 * of a change would not be valid. Every expectation is written by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/changes.h"
#include "fixture.h"

static void test_keys_and_kinds(void **state)
{
	(void)state;
	assert_int_equal(CF__MAX, 14);
	assert_string_equal(change_field_keys[CF_PLANNED_START], "planned_start");
	assert_string_equal(change_field_keys[CF_ANNUAL_PLAN], "annual_plan_yuan");
	assert_string_equal(change_field_keys[CF_MONTH_PLAN], "month_plan_yuan");
	assert_string_equal(change_field_keys[CF_STARTED_ON], "started_on");
	assert_string_equal(change_field_keys[CF_PERMIT_ON], "permit_on");
	assert_string_equal(change_field_labels[CF_PLANNED_START], "计划开工");
	assert_int_equal(change_field_from_key("planned_start"), CF_PLANNED_START);
	assert_int_equal(change_field_from_key("tiers"), CF_TIERS);
	assert_int_equal(change_field_from_key("land_on"), CF_LAND_ON);
	assert_int_equal(change_field_from_key("name"), -1);
	assert_int_equal(change_status_from_key("pending"), CR_PENDING);
	assert_int_equal(change_status_from_key("withdrawn"), CR_WITHDRAWN);
	assert_int_equal(change_status_from_key("draft"), -1);
	/* the masks: 3 planned dates, 3 listing fields, 8 actual dates */
	assert_int_equal(CF_PLAN_PROJECT, 0x7);
	assert_int_equal(CF_PLAN_LISTING, 0x38);
	assert_int_equal(CF_ACTUAL, 0x3fc0);
	assert_int_equal(CF_DATES, 0x3fc7);
	assert_int_equal(change_kind_of(CF_BIT(CF_PLANNED_START)), CK_PLAN);
	assert_int_equal(change_kind_of(CF_BIT(CF_TIERS) | CF_BIT(CF_PLANNED_COMPLETION)), CK_PLAN);
	assert_int_equal(change_kind_of(CF_BIT(CF_STARTED_ON) | CF_BIT(CF_LAND_ON)), CK_ACTUAL);
	assert_int_equal(change_kind_of(CF_BIT(CF_STARTED_ON) | CF_BIT(CF_PLANNED_START)), -1);
	assert_int_equal(change_kind_of(0), -1);
	assert_int_equal(change_kind_of(1u << CF__MAX), -1);
}

static void fill(struct project *p, struct listing *l)
{
	project_init(p);
	p->id = 7;
	p->ref = xstrdup("2024-131");
	p->name = xstrdup("测试项目");
	p->planned_start = fx_day(2024, 5, 1);
	p->planned_completion = fx_day(2025, 6, 30);
	p->stage_on[STAGE_SIGNED] = fx_day(2023, 11, 2);
	p->stage_on[STAGE_FILED] = fx_day(2024, 1, 15);
	memset(l, 0, sizeof(*l));
	l->project_id = 7;
	l->year = 2024;
	l->tiers = TIER_BIT(TIER_DISTRICT);
	l->annual_plan = 120000000;
}

/* The values of a project and listing, their differences, and writing them. */
static void test_values_diff_and_apply(void **state)
{
	struct change_request cr;
	struct project p;
	struct listing l;
	struct change_values a;

	(void)state;
	fill(&p, &l);
	change_values_of(&p, &l, &a);
	assert_int_equal(a.day[CF_PLANNED_START], fx_day(2024, 5, 1));
	assert_int_equal(a.day[CF_FILED_ON], fx_day(2024, 1, 15));
	assert_int_equal(a.day[CF_STARTED_ON], DAY_NONE);
	assert_int_equal(a.day[CF_PLANNED_PRODUCTION], DAY_NONE);
	assert_int_equal(a.tiers, TIER_BIT(TIER_DISTRICT));
	assert_int_equal(a.annual_plan, 120000000);
	assert_int_equal(a.has_month_plan, 0);
	change_request_init(&cr);
	change_values_of(&p, &l, &cr.from);
	change_values_of(&p, &l, &cr.to);
	assert_int_equal(change_values_diff(&cr.from, &cr.to), 0);
	cr.to.day[CF_PLANNED_START] = fx_day(2024, 7, 15);
	cr.to.annual_plan = 80000000;
	cr.to.day[CF_STARTED_ON] = fx_day(2024, 6, 1);
	assert_int_equal(change_values_diff(&cr.from, &cr.to),
			 CF_BIT(CF_PLANNED_START) | CF_BIT(CF_ANNUAL_PLAN) | CF_BIT(CF_STARTED_ON));
	/* only the request's fields are written */
	cr.fields = CF_BIT(CF_PLANNED_START) | CF_BIT(CF_ANNUAL_PLAN);
	change_apply(&cr, &p, &l);
	assert_int_equal(p.planned_start, fx_day(2024, 7, 15));
	assert_int_equal(p.stage_on[STAGE_STARTED], DAY_NONE);
	assert_int_equal(l.annual_plan, 80000000);
	assert_int_equal(l.tiers, TIER_BIT(TIER_DISTRICT));
	/* tiers and a month plan are written when they are the request's fields,
	 * and only then */
	cr.to.tiers = TIER_BIT(TIER_CITY) | TIER_BIT(TIER_DISTRICT);
	cr.to.has_month_plan = 1;
	cr.to.month_plan[0] = 80000000;
	change_apply(&cr, &p, &l);
	assert_int_equal(l.tiers, TIER_BIT(TIER_DISTRICT));
	assert_int_equal(l.has_month_plan, 0);
	cr.fields = CF_BIT(CF_TIERS) | CF_BIT(CF_MONTH_PLAN);
	change_apply(&cr, &p, &l);
	assert_int_equal(l.tiers, TIER_BIT(TIER_CITY) | TIER_BIT(TIER_DISTRICT));
	assert_int_equal(l.has_month_plan, 1);
	assert_int_equal(l.month_plan[0], 80000000);
	cr.to.has_month_plan = 0;
	cr.to.month_plan[0] = 0;
	/* a month plan differs by its presence and by any month */
	cr.to.has_month_plan = 1;
	cr.to.month_plan[11] = 80000000;
	assert_true(change_values_diff(&cr.from, &cr.to) & CF_BIT(CF_MONTH_PLAN));
	cr.from = cr.to;
	assert_int_equal(change_values_diff(&cr.from, &cr.to), 0);
	cr.to.month_plan[0] = 1;
	assert_int_equal(change_values_diff(&cr.from, &cr.to), CF_BIT(CF_MONTH_PLAN));
	change_request_release(&cr);
	project_release(&p);
}

/* DOMAIN.md §3: once issued, nobody moves a planned date directly; the
 * office's actual dates apply at once, a section's wait for confirmation. */
static void test_plan_edit_check(void **state)
{
	struct project old, ed;
	struct listing l;
	struct plan_edit pe;
	enum role r;

	(void)state;
	fill(&old, &l);
	project_copy(&ed, &old);
	ed.planned_start = fx_day(2024, 7, 15);
	ed.stage_on[STAGE_STARTED] = fx_day(2024, 6, 1);
	ed.permit_on = fx_day(2024, 5, 20);
	free(ed.name);
	ed.name = xstrdup("改名不受限制");
	for (r = 0; r < ROLE__MAX; r++) {
		plan_edit_check(r, 0, &old, &ed, &pe); /* not on an issued list */
		assert_int_equal(pe.refused, 0);
		assert_int_equal(pe.pending, 0);
		plan_edit_check(r, 2024, &old, &ed, &pe);
		assert_int_equal(pe.refused, CF_BIT(CF_PLANNED_START));
		assert_int_equal(pe.pending, r == ROLE_ADMIN || r == ROLE_COORDINATOR ? 0 :
				 CF_BIT(CF_STARTED_ON) | CF_BIT(CF_PERMIT_ON));
	}
	/* the same dates: nothing to refuse, nothing pending */
	plan_edit_check(ROLE_SECTION, 2024, &old, &old, &pe);
	assert_int_equal(pe.refused | pe.pending, 0);
	/* clearing a date is a change too */
	ed.planned_start = old.planned_start;
	ed.stage_on[STAGE_STARTED] = DAY_NONE;
	ed.permit_on = DAY_NONE;
	old.permit_on = fx_day(2024, 3, 1);
	plan_edit_check(ROLE_SECTION, 2024, &old, &ed, &pe);
	assert_int_equal(pe.refused, 0);
	assert_int_equal(pe.pending, CF_BIT(CF_PERMIT_ON));
	project_release(&old);
	project_release(&ed);
}

static void test_listing_plan_diff(void **state)
{
	struct project p;
	struct listing old, l;

	(void)state;
	fill(&p, &old);
	l = old;
	assert_int_equal(listing_plan_diff(&old, &l), 0);
	/* a new listing: every field it has */
	assert_int_equal(listing_plan_diff(NULL, &l), CF_BIT(CF_TIERS) | CF_BIT(CF_ANNUAL_PLAN));
	l.tiers |= TIER_BIT(TIER_CITY);
	assert_int_equal(listing_plan_diff(&old, &l), CF_BIT(CF_TIERS));
	l = old;
	l.has_month_plan = 1;
	l.month_plan[5] = 120000000;
	assert_int_equal(listing_plan_diff(&old, &l), CF_BIT(CF_MONTH_PLAN));
	/* months left over from before a month plan was dropped do not count */
	old.month_plan[3] = 99;
	l = old;
	l.month_plan[3] = 5;
	assert_int_equal(listing_plan_diff(&old, &l), 0);
	project_release(&p);
}

static void test_change_problem(void **state)
{
	const char *zh, *field, *why;
	struct project p;
	struct listing l;
	int m;

	(void)state;
	fill(&p, &l);
	assert_null(change_problem(&p, &l, CF_PLAN | CF_ACTUAL, &zh, &field));
	/* started before it was filed: stage dates never go backwards (the
	 * field named is the earlier stage's, later than a later one's, as the
	 * project edit names it) */
	p.stage_on[STAGE_STARTED] = fx_day(2024, 1, 14);
	why = change_problem(&p, &l, CF_BIT(CF_STARTED_ON), &zh, &field);
	assert_non_null(why);
	assert_string_equal(field, "filed_on");
	assert_string_equal(zh, "阶段日期不能倒序（如开工日期晚于竣工日期）");
	p.stage_on[STAGE_STARTED] = fx_day(2024, 1, 15); /* the same day is in order */
	assert_null(change_problem(&p, &l, CF_BIT(CF_STARTED_ON), &zh, &field));
	/* a listing needs a tier */
	l.tiers = 0;
	why = change_problem(&p, &l, CF_BIT(CF_TIERS), &zh, &field);
	assert_string_equal(why, "a listing needs at least one tier (province, city, district)");
	assert_string_equal(field, "tiers");
	/* not a listing field: the listing is not looked at */
	assert_null(change_problem(&p, &l, CF_BIT(CF_PLANNED_START), &zh, &field));
	l.tiers = TIER_BIT(TIER_CITY);
	/* the month plan adds up to the annual plan, to the yuan */
	l.has_month_plan = 1;
	for (m = 0; m < 12; m++)
		l.month_plan[m] = 10000000;
	assert_null(change_problem(&p, &l, CF_BIT(CF_MONTH_PLAN), &zh, &field));
	l.month_plan[11] = 10000001;
	why = change_problem(&p, &l, CF_BIT(CF_ANNUAL_PLAN), &zh, &field);
	assert_string_equal(why, "the month-by-month plan must add up to the annual plan");
	assert_string_equal(field, "month_plan_yuan");
	assert_string_equal(zh, "分月计划之和须等于年度计划");
	project_release(&p);
}

static void test_fields_text(void **state)
{
	char out[64], tiny[12];

	(void)state;
	change_fields_text(CF_BIT(CF_PLANNED_START) | CF_BIT(CF_ANNUAL_PLAN), 0, out, sizeof(out));
	assert_string_equal(out, "planned_start, annual_plan_yuan");
	change_fields_text(CF_BIT(CF_PLANNED_START) | CF_BIT(CF_ANNUAL_PLAN), 1, out, sizeof(out));
	assert_string_equal(out, "计划开工、年度计划投资");
	change_fields_text(0, 0, out, sizeof(out));
	assert_string_equal(out, "");
	/* no room at all: nothing is written */
	memcpy(tiny, "untouched", 10);
	change_fields_text(CF_BIT(CF_TIERS), 0, tiny, 0);
	assert_string_equal(tiny, "untouched");
	/* too long: whole keys only */
	change_fields_text(CF_BIT(CF_TIERS) | CF_BIT(CF_PLANNED_START), 0, tiny, sizeof(tiny));
	assert_string_equal(tiny, "");
	change_fields_text(CF_BIT(CF_TIERS) | CF_BIT(CF_ANNUAL_PLAN), 0, tiny, sizeof(tiny));
	assert_string_equal(tiny, "tiers");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_and_kinds),
		cmocka_unit_test(test_values_diff_and_apply),
		cmocka_unit_test(test_plan_edit_check),
		cmocka_unit_test(test_listing_plan_diff),
		cmocka_unit_test(test_change_problem),
		cmocka_unit_test(test_fields_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
