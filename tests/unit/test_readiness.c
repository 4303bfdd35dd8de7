/* test_readiness.c — what a month lacks before it is issued (core/readiness.c,
 * issue #14 item 8), over a hand-built district for June 2024, and the
 * comparison of a live contest round with the issued one.
 *
 * By hand: sections S1 (id 10) and S2 (id 20); projects (refs sort as listed)
 *   P1 S1 started 2024-06-30 (the month's last day: owes June), no report
 *   P2 S1 started 2024-07-01 (the day after: owes nothing), no report
 *   P3 S1 started 2023-01-01, June report a draft     → missing (draft)
 *   P4 S2 started 2024-03-01, June report returned    → missing (returned)
 *   P5 S2 started 2024-03-01, June report submitted   → unverified
 *   P6 S2 completed 2024-05-20 (so started), verified → nothing
 *   P7 S2 not started, a report submitted anyway      → owes nothing
 * pending change requests: #7 of P4, #3 of P1, #9 of project id 99 (not
 * listed in 2024: counted, in no section).
 * So listed 7, owed 5 (P1, P3, P4, P5, P6); missing P1 (none), P3, P4;
 * unverified P5; pending 3, by ref: #9 (no ref: first), #3 P1, #7 P4.
 * S1: owed 2 (P1, P3), missing 2, unverified 0, pending 1;
 * S2: owed 3 (P4, P5, P6), missing 1, unverified 1, pending 1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/readiness.h"
#include "fixture.h"

static void district(struct dataset *ds)
{
	memset(ds, 0, sizeof(*ds));
	ds->year = 2024;
	fx_unit(ds, 10, "S1", "甲板块", UNIT_SECTION, 0);
	fx_unit(ds, 20, "S2", "乙街道", UNIT_STREET, 0);
	dataset_index(ds);
	fx_project(ds, "P1", 10, 0, 1, NULL, TIER_BIT(TIER_DISTRICT), 0)
		->stage_on[STAGE_STARTED] = fx_day(2024, 6, 30);
	fx_project(ds, "P2", 10, 0, 1, NULL, TIER_BIT(TIER_DISTRICT), 0)
		->stage_on[STAGE_STARTED] = fx_day(2024, 7, 1);
	fx_project(ds, "P3", 10, 0, 1, NULL, TIER_BIT(TIER_DISTRICT), 0)
		->stage_on[STAGE_STARTED] = fx_day(2023, 1, 1);
	fx_project(ds, "P4", 20, 0, 1, NULL, TIER_BIT(TIER_DISTRICT), 0)
		->stage_on[STAGE_STARTED] = fx_day(2024, 3, 1);
	fx_project(ds, "P5", 20, 0, 1, NULL, TIER_BIT(TIER_DISTRICT), 0)
		->stage_on[STAGE_STARTED] = fx_day(2024, 3, 1);
	fx_project(ds, "P6", 20, 0, 1, NULL, TIER_BIT(TIER_DISTRICT), 0)
		->stage_on[STAGE_COMPLETED] = fx_day(2024, 5, 20);
	fx_project(ds, "P7", 20, 0, 1, NULL, TIER_BIT(TIER_DISTRICT), 0);
}

static void test_june(void **state)
{
	static const struct readiness_report reports[] = {
		{ 3, REPORT_DRAFT }, { 4, REPORT_RETURNED }, { 5, REPORT_SUBMITTED },
		{ 6, REPORT_VERIFIED }, { 7, REPORT_SUBMITTED },
	};
	static const struct readiness_change changes[] = { { 7, 4 }, { 3, 1 }, { 9, 99 } };
	struct readiness_input in = { NULL, 0, reports, 5, changes, 3 };
	struct readiness r;
	struct dataset ds;

	(void)state;
	district(&ds);
	in.ds = &ds;
	in.month = month_from_ym(2024, 6);
	readiness_compute(&in, &r);
	assert_int_equal(r.listed, 7);
	assert_int_equal(r.owed, 5);
	assert_int_equal(r.counts[RD_MISSING], 3);
	assert_int_equal(r.counts[RD_UNVERIFIED], 1);
	assert_int_equal(r.counts[RD_PENDING], 3);
	assert_false(readiness_clear(&r));
	assert_int_equal(r.n_rows, 7);
	/* missing by ref, then unverified, then pending by ref ("" first), id */
	assert_string_equal(r.rows[0].ref, "P1");
	assert_int_equal(r.rows[0].status, REPORT_STATUS__MAX);
	assert_string_equal(r.rows[1].ref, "P3");
	assert_int_equal(r.rows[1].status, REPORT_DRAFT);
	assert_string_equal(r.rows[2].ref, "P4");
	assert_int_equal(r.rows[2].status, REPORT_RETURNED);
	assert_int_equal(r.rows[3].kind, RD_UNVERIFIED);
	assert_string_equal(r.rows[3].ref, "P5");
	assert_int_equal(r.rows[4].kind, RD_PENDING);
	assert_string_equal(r.rows[4].ref, "");
	assert_int_equal(r.rows[4].change_id, 9);
	assert_true(r.rows[4].project == (size_t)-1);
	assert_string_equal(r.rows[5].ref, "P1");
	assert_int_equal(r.rows[5].change_id, 3);
	assert_string_equal(r.rows[6].ref, "P4");
	assert_int_equal(r.rows[6].change_id, 7);
	assert_int_equal(r.n_sections, 2);
	assert_string_equal(r.sections[0].code, "S1");
	assert_int_equal(r.sections[0].owed, 2);
	assert_int_equal(r.sections[0].missing, 2);
	assert_int_equal(r.sections[0].unverified, 0);
	assert_int_equal(r.sections[0].pending, 1);
	assert_string_equal(r.sections[1].code, "S2");
	assert_int_equal(r.sections[1].owed, 3);
	assert_int_equal(r.sections[1].missing, 1);
	assert_int_equal(r.sections[1].unverified, 1);
	assert_int_equal(r.sections[1].pending, 1);
	readiness_release(&r);

	/* July: P2 (started 07-01) owes too; nothing reported, nothing pending */
	in.month = month_from_ym(2024, 7);
	in.n_reports = in.n_changes = 0;
	readiness_compute(&in, &r);
	assert_int_equal(r.owed, 6);
	assert_int_equal(r.counts[RD_MISSING], 6);
	assert_int_equal(r.counts[RD_UNVERIFIED], 0);
	readiness_release(&r);

	/* January 2024: P3 only (started 2023); with its report verified, clear */
	{
		static const struct readiness_report jan[] = { { 3, REPORT_VERIFIED } };

		in.month = month_from_ym(2024, 1);
		in.reports = jan;
		in.n_reports = 1;
		readiness_compute(&in, &r);
		assert_int_equal(r.owed, 1);
		assert_true(readiness_clear(&r));
		assert_int_equal(r.n_rows, 0);
		readiness_release(&r);
	}
	dataset_release(&ds);
}

static void test_round_differs(void **state)
{
	struct contest_entry a[2], b[2];
	struct contest_round live = { 0 }, issued = { 0 };

	(void)state;
	memset(a, 0, sizeof(a));
	a[0].code = "S1", a[0].ranked = 1, a[0].rank = 1, a[0].score = 3000;
	a[1].code = "S2", a[1].ranked = 1, a[1].rank = 2, a[1].score = 1833;
	memcpy(b, a, sizeof(a));
	live.entries = a, live.n = 2;
	issued.entries = b, issued.n = 2;
	assert_false(contest_round_differs(&live, &issued));
	/* the same entries in another order are the same round */
	b[0] = a[1], b[1] = a[0];
	assert_false(contest_round_differs(&live, &issued));
	b[0].score = 1834; /* one hundredth of a point */
	assert_true(contest_round_differs(&live, &issued));
	b[0].score = 1833, b[0].rank = 1;
	assert_true(contest_round_differs(&live, &issued));
	b[0].rank = 2, b[0].ranked = 0;
	assert_true(contest_round_differs(&live, &issued));
	b[0].ranked = 1, b[0].code = "S3";
	assert_true(contest_round_differs(&live, &issued));
	issued.n = 1;
	assert_true(contest_round_differs(&live, &issued));
	/* unranked on both sides: the score does not count */
	memcpy(b, a, sizeof(a));
	issued.n = 2;
	a[1].ranked = b[1].ranked = 0, a[1].rank = b[1].rank = 0, b[1].score = 7;
	assert_false(contest_round_differs(&live, &issued));
}

/* Nine sections (more than the first allocation holds), one project each,
 * all started in 2023 and none reported in January 2024: nine missing rows
 * by ref, nine section rows by code, each owing 1 and missing 1. Two
 * pending changes of the same project sort by their id (#8 before #12,
 * whatever the order handed in). The result released twice is empty. */
static void test_many_sections(void **state)
{
	static const struct readiness_change changes[] = { { 12, 101 }, { 8, 101 } };
	struct readiness_input in = { NULL, 0, NULL, 0, changes, 2 };
	struct readiness r;
	struct dataset ds;
	char code[16], ref[16];
	int i;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	ds.year = 2024;
	for (i = 9; i >= 1; i--) {
		snprintf(code, sizeof(code), "S%d", i);
		fx_unit(&ds, 10 * i, code, code, UNIT_SECTION, 0);
	}
	dataset_index(&ds);
	for (i = 9; i >= 1; i--) {
		snprintf(ref, sizeof(ref), "P%d", i);
		fx_project(&ds, ref, 10 * i, 0, 1, NULL, TIER_BIT(TIER_DISTRICT), 0)
			->stage_on[STAGE_STARTED] = fx_day(2023, 12, 31);
		ds.projects[ds.n_projects - 1].id = 100 + i;
	}
	in.ds = &ds;
	in.month = month_from_ym(2024, 1);
	readiness_compute(&in, &r);
	assert_int_equal(r.listed, 9);
	assert_int_equal(r.owed, 9);
	assert_int_equal(r.counts[RD_MISSING], 9);
	assert_int_equal(r.counts[RD_PENDING], 2);
	assert_int_equal(r.n_rows, 11);
	for (i = 0; i < 9; i++) {
		snprintf(ref, sizeof(ref), "P%d", i + 1);
		assert_int_equal(r.rows[i].kind, RD_MISSING);
		assert_string_equal(r.rows[i].ref, ref);
		snprintf(code, sizeof(code), "S%d", i + 1);
		assert_string_equal(r.sections[i].code, code);
		assert_int_equal(r.sections[i].owed, 1);
		assert_int_equal(r.sections[i].missing, 1);
		assert_int_equal(r.sections[i].pending, i == 0 ? 2 : 0);
	}
	assert_int_equal(r.n_sections, 9);
	assert_string_equal(r.rows[9].ref, "P1");
	assert_int_equal(r.rows[9].change_id, 8);
	assert_string_equal(r.rows[10].ref, "P1");
	assert_int_equal(r.rows[10].change_id, 12);
	assert_false(readiness_clear(&r));
	readiness_release(&r);
	assert_null(r.rows);
	assert_int_equal(r.n_rows, 0);
	assert_null(r.sections);
	assert_int_equal(r.n_sections, 0);
	readiness_release(&r);
	/* missing reports only: not clear */
	in.n_changes = 0;
	readiness_compute(&in, &r);
	assert_int_equal(r.counts[RD_MISSING], 9);
	assert_int_equal(r.counts[RD_PENDING], 0);
	assert_int_equal(readiness_clear(&r), 0);
	readiness_release(&r);
	/* pending changes only: not clear */
	in.n_changes = 2;
	in.month = month_from_ym(2023, 11); /* nothing started yet */
	readiness_compute(&in, &r);
	assert_int_equal(r.owed, 0);
	assert_int_equal(r.counts[RD_PENDING], 2);
	assert_int_equal(readiness_clear(&r), 0);
	readiness_release(&r);
	dataset_release(&ds);
}

/* A section ranked in the issued round and missing from a live round of
 * one: the rounds differ (answered 1, as the header says). */
static void test_round_sizes(void **state)
{
	struct contest_entry a[2];
	struct contest_round live = { 0 }, issued = { 0 };

	(void)state;
	memset(a, 0, sizeof(a));
	a[0].code = "S1", a[0].ranked = 1, a[0].rank = 1, a[0].score = 3000;
	a[1].code = "S2", a[1].ranked = 1, a[1].rank = 2, a[1].score = 1833;
	live.entries = issued.entries = a;
	live.n = 1;
	issued.n = 2;
	assert_int_equal(contest_round_differs(&live, &issued), 1);
	live.n = 2;
	assert_int_equal(contest_round_differs(&live, &issued), 0);
	issued.n = 1;
	assert_int_equal(contest_round_differs(&live, &issued), 1);
	live.n = issued.n = 0;
	assert_int_equal(contest_round_differs(&live, &issued), 0);
	/* the same sizes, one rank changed: 1 as well */
	{
		struct contest_entry b[2];

		memcpy(b, a, sizeof(b));
		b[1].rank = 3;
		issued.entries = b;
		live.n = issued.n = 2;
		assert_int_equal(contest_round_differs(&live, &issued), 1);
		b[1].rank = 2;
		b[1].code = "S9"; /* S2 missing from the issued round */
		assert_int_equal(contest_round_differs(&live, &issued), 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_june),
		cmocka_unit_test(test_round_differs),
		cmocka_unit_test(test_many_sections),
		cmocka_unit_test(test_round_sizes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
