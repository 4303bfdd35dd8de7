/* test_inbox.c — unit tests of src/core/inbox.c (待办): which entries a user
 * has on a day and in which order, by hand. The whole inbox of each role
 * over the binary is tests/integration/test_items.py's; here its edges:
 * an item due in exactly INBOX_DUE_DAYS (3) days and in 4; several overdue
 * and due items (more days late first, fewer days left first, then the
 * project's ref); the office's answered items and level-4 items; returned
 * reports in the last three months and not before; the office's submitted
 * reports counted per month, and the window's ends; last month's missing
 * reports on the 5th (not yet) and the 6th, in January (December of the year
 * before) and February (the year's first bit), for a project started on the
 * month's last day and the day after; whose items, projects and red lights
 * each role has (sections, departments, leaders with and without linked
 * projects, the office); two entries the sort must swap.
 *
 * Units: district 1, section S1 (2), section S2 (3), departments G1 (4) and
 * G2 (5). Projects of the year 2024: 10 "A" and 11 "B" of S1, 12 "C" of S2,
 * each started 2023-01-01, none with a report. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/inbox.h"
#include "fixture.h"
#include "util/xalloc.h"

static struct item_book book;
static struct dataset ds;
static struct warning_settings ws;
/* A leader's linked projects, ascending (inbox_input's leader_projects). */
static const int64_t *links;
static size_t n_links;

static void item(int64_t id, size_t project, const char *title, enum item_status st, int level,
		 bl_day deadline)
{
	struct item_entry *e;
	struct item_state s = { st, level, deadline, deadline };

	book.v = xrealloc(book.v, (book.n + 1) * sizeof(*book.v));
	e = &book.v[book.n++];
	memset(e, 0, sizeof(*e));
	item_init(&e->it);
	e->it.id = id;
	e->it.project_id = book.projects[project].id;
	e->it.title = xstrdup(title);
	e->it.owner_id = book.projects[project].section_id;
	e->it.status = st;
	e->it.level = level;
	e->p = &book.projects[project];
	item_track_add(&e->track, fx_day(2024, 1, 1), &s);
}

static int setup(void **state)
{
	static const char *const refs[] = { "A", "B", "C" };
	static const int64_t section[] = { 2, 2, 3 };
	size_t k;

	(void)state;
	memset(&book, 0, sizeof(book));
	memset(&ds, 0, sizeof(ds));
	links = NULL;
	n_links = 0;
	ds.year = 2024;
	fx_unit(&ds, 1, "D", "区", UNIT_DISTRICT, 0);
	fx_unit(&ds, 2, "S1", "S1", UNIT_SECTION, 1);
	fx_unit(&ds, 3, "S2", "S2", UNIT_SECTION, 1);
	fx_unit(&ds, 4, "G1", "G1", UNIT_DEPARTMENT, 1);
	fx_unit(&ds, 5, "G2", "G2", UNIT_DEPARTMENT, 1);
	dataset_index(&ds);
	fx_unit(&book.units, 1, "D", "区", UNIT_DISTRICT, 0);
	fx_unit(&book.units, 2, "S1", "S1", UNIT_SECTION, 1);
	fx_unit(&book.units, 3, "S2", "S2", UNIT_SECTION, 1);
	fx_unit(&book.units, 4, "G1", "G1", UNIT_DEPARTMENT, 1);
	fx_unit(&book.units, 5, "G2", "G2", UNIT_DEPARTMENT, 1);
	dataset_index(&book.units);
	book.projects = xcalloc(3, sizeof(*book.projects));
	book.n_projects = 3;
	for (k = 0; k < 3; k++) {
		struct project *p = fx_project(&ds, refs[k], section[k], 0, 0, NULL,
					       TIER_BIT(TIER_DISTRICT), AMOUNT_NONE);

		p->id = 10 + (int64_t)k;
		p->stage_on[STAGE_STARTED] = fx_day(2023, 1, 1);
		ds.listings[k].project_id = p->id;
		project_copy(&book.projects[k], p);
	}
	warning_settings_defaults(&ws);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	item_book_release(&book);
	dataset_release(&ds);
	return 0;
}

/* The inbox of a on today as "kind ref month count days" lines. */
static const char *inbox_of(const struct actor *a, bl_day today, const struct inbox_report *r,
			    size_t n_r)
{
	static char out[1024];
	struct inbox_input in = { a, links, n_links, today, &book, &ds, &ws, r, n_r };
	struct inbox ib;
	char mon[8];
	size_t i, len = 0;

	inbox_build(&in, &ib);
	out[0] = '\0';
	for (i = 0; i < ib.n; i++) {
		const struct inbox_entry *e = &ib.v[i];

		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s %s %s %zu %lld",
					i ? "; " : "", inbox_kind_keys[e->kind],
					e->p && e->p->ref ? e->p->ref : "-",
					e->month == MONTH_NONE ? "-" : month_format(e->month, mon),
					e->count, (long long)e->days);
	}
	inbox_release(&ib);
	return out;
}

/* Items of S1 on 2024-06-10: overdue by 1 (A) and by 9 (B); due in 3 days
 * (B) and in 0 (A, the deadline today) and 4 (A, not yet due); S2's C in 1
 * day is not S1's (and May's reports, owed since the 6th). Level-4 and
 * answered items are the office's. */
static void test_items_due_and_overdue(void **state)
{
	struct actor s1 = { .role = ROLE_SECTION, .unit_id = 2 };
	struct actor s2 = { .role = ROLE_SECTION, .unit_id = 3 };
	struct actor coord = { .role = ROLE_COORDINATOR };
	struct actor auditor = { .role = ROLE_AUDITOR };

	(void)state;
	item(1, 0, "a1", IS_OPEN, 1, fx_day(2024, 6, 9));
	item(2, 1, "b1", IS_OPEN, 2, fx_day(2024, 6, 1));
	item(3, 1, "b2", IS_OPEN, 1, fx_day(2024, 6, 13));
	item(4, 0, "a2", IS_OPEN, 1, fx_day(2024, 6, 10));
	item(5, 0, "a3", IS_OPEN, 1, fx_day(2024, 6, 14));
	item(6, 2, "c1", IS_OPEN, 1, fx_day(2024, 6, 11));
	item(7, 2, "c2", IS_ANSWERED, 2, fx_day(2024, 6, 30));
	item(8, 2, "c3", IS_OPEN, 4, fx_day(2024, 6, 8));
	item(10, 2, "c4", IS_OPEN, 3, fx_day(2024, 6, 8)); /* level 3: not the office's */
	item(9, 0, "a4", IS_OPEN, 1, fx_day(2024, 6, 13)); /* due in 3, like B's */
	assert_string_equal(inbox_of(&s1, fx_day(2024, 6, 10), NULL, 0),
			    "item_overdue B - 0 9; item_overdue A - 0 1; item_due A - 0 0; "
			    "item_due A - 0 3; item_due B - 0 3; reports_missing - 2024-05 2 0");
	/* S2: the answered item is pending but 20 days from its deadline */
	assert_string_equal(inbox_of(&s2, fx_day(2024, 6, 10), NULL, 0),
			    "item_overdue C - 0 2; item_overdue C - 0 2; item_due C - 0 1; "
			    "reports_missing - 2024-05 1 0");
	assert_string_equal(inbox_of(&coord, fx_day(2024, 6, 10), NULL, 0),
			    "item_overdue C - 0 2; item_answered C - 0 0");
	assert_string_equal(inbox_of(&auditor, fx_day(2024, 6, 10), NULL, 0), "");
}

/* Two entries that come out of the item list in the wrong order are sorted:
 * the office's answered item on A (deadline 06-01) comes before the level-4
 * item on B (06-05, 5 days late) by deadline, but an overdue item is more
 * urgent than an answer waiting. */
static void test_two_entries_sorted(void **state)
{
	struct actor coord = { .role = ROLE_COORDINATOR };

	(void)state;
	item(1, 0, "a1", IS_ANSWERED, 1, fx_day(2024, 6, 1));
	item(2, 1, "b1", IS_OPEN, 4, fx_day(2024, 6, 5));
	assert_string_equal(inbox_of(&coord, fx_day(2024, 6, 10), NULL, 0),
			    "item_overdue B - 0 5; item_answered A - 0 0");
}

/* Reports, as of 2024-06-20 (the window 04 … 06): A returned in April and
 * in June, B returned in March (before the window); submitted: A in May,
 * B and C in June, C in March. */
static void test_reports(void **state)
{
	static const struct inbox_report r[] = {
		{ 10, 0, REPORT_RETURNED }, { 10, 0, REPORT_RETURNED }, { 11, 0, REPORT_RETURNED },
		{ 10, 0, REPORT_SUBMITTED }, { 11, 0, REPORT_SUBMITTED },
		{ 12, 0, REPORT_SUBMITTED }, { 12, 0, REPORT_SUBMITTED }, { 99, 0, REPORT_RETURNED },
	};
	static const int month[] = { 4, 6, 3, 5, 6, 6, 3, 6 };
	struct inbox_report v[8];
	struct actor s1 = { .role = ROLE_SECTION, .unit_id = 2 };
	struct actor s2 = { .role = ROLE_SECTION, .unit_id = 3 };
	struct actor coord = { .role = ROLE_COORDINATOR };
	size_t i;

	(void)state;
	for (i = 0; i < 8; i++) {
		v[i] = r[i];
		v[i].month = month_from_ym(2024, month[i]);
	}
	/* every May report is missing for S1's A and B and S2's C (started 2023) */
	assert_string_equal(inbox_of(&s1, fx_day(2024, 6, 20), v, 8),
			    "report_returned A 2024-04 1 0; report_returned A 2024-06 1 0; "
			    "reports_missing - 2024-05 2 0");
	assert_string_equal(inbox_of(&s2, fx_day(2024, 6, 20), v, 8),
			    "reports_missing - 2024-05 1 0");
	assert_string_equal(inbox_of(&coord, fx_day(2024, 6, 20), v, 8),
			    "reports_to_verify - 2024-05 1 0; reports_to_verify - 2024-06 2 0");
}

/* Last month's reports are owed after the 5th: none on 06-05, on 06-06
 * May's; a project that reported May owes nothing; in January the month
 * owed is December of the year before (the second year's bits). */
static void test_missing_reports_days(void **state)
{
	struct actor s1 = { .role = ROLE_SECTION, .unit_id = 2 };

	(void)state;
	assert_string_equal(inbox_of(&s1, fx_day(2024, 6, 5), NULL, 0), "");
	assert_string_equal(inbox_of(&s1, fx_day(2024, 6, 6), NULL, 0),
			    "reports_missing - 2024-05 2 0");
	ds.reports[0].reported = 1u << 4; /* A reported May */
	assert_string_equal(inbox_of(&s1, fx_day(2024, 6, 6), NULL, 0),
			    "reports_missing - 2024-05 1 0");
	assert_string_equal(inbox_of(&s1, fx_day(2024, 1, 6), NULL, 0),
			    "reports_missing - 2023-12 2 0");
	ds.reports[1].reported = 1u << 23; /* B reported December 2023 */
	assert_string_equal(inbox_of(&s1, fx_day(2024, 1, 6), NULL, 0),
			    "reports_missing - 2023-12 1 0");
	/* a project started after the owed month owes nothing */
	ds.projects[0].stage_on[STAGE_STARTED] = fx_day(2024, 1, 1);
	assert_string_equal(inbox_of(&s1, fx_day(2024, 1, 6), NULL, 0), "");
}

/* A project turned red in the last seven days, with its red reasons: C
 * (of S2) not started, planned 05-05, every report in: on 06-10 its start
 * is 36 days late (red), on 06-03 29 (yellow); on 06-12, 38, and on 06-05
 * 31: red both days, not new. */
static void test_new_red_text(void **state)
{
	struct actor s2 = { .role = ROLE_SECTION, .unit_id = 3 };
	struct inbox_input in = { &s2, NULL, 0, fx_day(2024, 6, 10), &book, &ds, &ws, NULL, 0 };
	struct inbox ib;

	(void)state;
	ds.projects[2].stage_on[STAGE_STARTED] = DAY_NONE;
	ds.projects[2].planned_start = fx_day(2024, 5, 5);
	ds.reports[2].reported = 0xffffffu;
	inbox_build(&in, &ib);
	assert_int_equal(ib.n, 1);
	assert_int_equal(ib.v[0].kind, IB_NEW_RED);
	assert_int_equal(ib.counts[IB_NEW_RED], 1);
	assert_string_equal(ib.v[0].p->ref, "C");
	assert_string_equal(ib.v[0].text, "C 亮红灯：计划2024-05-05开工，已逾期36天未开工");
	inbox_release(&ib);
	assert_string_equal(inbox_of(&s2, fx_day(2024, 6, 12), NULL, 0), "");
}

/* The first project of the dataset turning red, its reason the first
 * warning of the day: A (of S1), as C in test_new_red_text; S1 also owes
 * May's report of B. */
static void test_new_red_first_project(void **state)
{
	struct actor s1 = { .role = ROLE_SECTION, .unit_id = 2 };
	struct inbox_input in = { &s1, NULL, 0, fx_day(2024, 6, 10), &book, &ds, &ws, NULL, 0 };
	struct inbox ib;

	(void)state;
	ds.projects[0].stage_on[STAGE_STARTED] = DAY_NONE;
	ds.projects[0].planned_start = fx_day(2024, 5, 5);
	ds.reports[0].reported = 0xffffffu;
	inbox_build(&in, &ib);
	assert_int_equal(ib.n, 2);
	assert_int_equal(ib.v[0].kind, IB_REPORTS_MISSING);
	assert_int_equal(ib.v[0].count, 1);
	assert_int_equal(ib.v[1].kind, IB_NEW_RED);
	assert_string_equal(ib.v[1].p->ref, "A");
	assert_string_equal(ib.v[1].text, "A 亮红灯：计划2024-05-05开工，已逾期36天未开工");
	inbox_release(&ib);
}

/* Whose is what, on 2024-06-10, each item overdue: i1 on C (S2's) owned by
 * S1, level 1, 1 day late; i2 on B owned by S1, level 2, 2 days; i3 on C
 * owned by G1, level 3, 3 days; i4 on A, level 4, 4 days. B and C are G1's
 * projects (department); C turns red (as in test_new_red_text). By hand:
 * S1 has i4, i2 (its projects) and i1 (its item on S2's project), May's
 * reports of A and B; S2 has i3 and i1 (its project) and C's red; G1 sees
 * i1, i2 and i3 (its projects or its item) but has only i3 (what it owns)
 * and C's red; G2 has nothing; a leader without linked projects has the
 * items at level 3 or 4 (i4, i3) and every project's red; one linked to C
 * alone has i3 and C's red; one linked to A and B has i4 and no red; the
 * admin has the level-4 item and every red. */
static void test_whose_is_what(void **state)
{
	static const int64_t to_c[] = { 12 }, to_ab[] = { 10, 11 };
	struct actor s1 = { .role = ROLE_SECTION, .unit_id = 2 };
	struct actor s2 = { .role = ROLE_SECTION, .unit_id = 3 };
	struct actor g1 = { .role = ROLE_DEPARTMENT, .unit_id = 4 };
	struct actor g2 = { .role = ROLE_DEPARTMENT, .unit_id = 5 };
	struct actor leader = { .role = ROLE_LEADER };
	struct actor admin = { .role = ROLE_ADMIN };
	bl_day today = fx_day(2024, 6, 10);

	(void)state;
	ds.projects[1].department_id = book.projects[1].department_id = 4;
	ds.projects[2].department_id = book.projects[2].department_id = 4;
	ds.projects[2].stage_on[STAGE_STARTED] = DAY_NONE;
	ds.projects[2].planned_start = fx_day(2024, 5, 5);
	ds.reports[2].reported = 0xffffffu;
	item(1, 2, "i1", IS_OPEN, 1, fx_day(2024, 6, 9));
	book.v[0].it.owner_id = 2;
	item(2, 1, "i2", IS_OPEN, 2, fx_day(2024, 6, 8));
	item(3, 2, "i3", IS_OPEN, 3, fx_day(2024, 6, 7));
	book.v[2].it.owner_id = 4;
	item(4, 0, "i4", IS_OPEN, 4, fx_day(2024, 6, 6));
	assert_string_equal(inbox_of(&s1, today, NULL, 0),
			    "item_overdue A - 0 4; item_overdue B - 0 2; item_overdue C - 0 1; "
			    "reports_missing - 2024-05 2 0");
	assert_string_equal(inbox_of(&s2, today, NULL, 0),
			    "item_overdue C - 0 3; item_overdue C - 0 1; new_red C - 0 0");
	assert_string_equal(inbox_of(&g1, today, NULL, 0),
			    "item_overdue C - 0 3; new_red C - 0 0");
	assert_string_equal(inbox_of(&g2, today, NULL, 0), "");
	assert_string_equal(inbox_of(&leader, today, NULL, 0),
			    "item_overdue A - 0 4; item_overdue C - 0 3; new_red C - 0 0");
	links = to_c;
	n_links = 1;
	assert_string_equal(inbox_of(&leader, today, NULL, 0),
			    "item_overdue C - 0 3; new_red C - 0 0");
	links = to_ab;
	n_links = 2;
	assert_string_equal(inbox_of(&leader, today, NULL, 0), "item_overdue A - 0 4");
	assert_string_equal(inbox_of(&admin, today, NULL, 0),
			    "item_overdue A - 0 4; new_red C - 0 0");
}

/* The window's ends: as of 2024-06-20 it is April to June, so A's report
 * returned for July, C's submitted for July and a report of project 5 (no
 * project of the dataset, below every id) count nowhere; A's returned June
 * report does, and so does C's submitted April report (the first month). */
static void test_reports_window_ends(void **state)
{
	struct inbox_report r[] = {
		{ 10, 0, REPORT_RETURNED }, { 12, 0, REPORT_SUBMITTED },
		{ 5, 0, REPORT_RETURNED }, { 10, 0, REPORT_RETURNED },
		{ 12, 0, REPORT_SUBMITTED },
	};
	struct actor s1 = { .role = ROLE_SECTION, .unit_id = 2 };
	struct actor coord = { .role = ROLE_COORDINATOR };

	(void)state;
	r[0].month = r[1].month = month_from_ym(2024, 7);
	r[2].month = r[3].month = month_from_ym(2024, 6);
	r[4].month = month_from_ym(2024, 4);
	ds.reports[0].reported = ds.reports[1].reported = 1u << 4; /* May's are in */
	assert_string_equal(inbox_of(&s1, fx_day(2024, 6, 20), r, 5),
			    "report_returned A 2024-06 1 0");
	assert_string_equal(inbox_of(&coord, fx_day(2024, 6, 20), r, 5),
			    "reports_to_verify - 2024-04 1 0");
}

/* Who owes last month's report: a project started on the month's last day
 * owes it, one started the day after does not; in February, January's (the
 * year's first bit). */
static void test_missing_reports_start_day(void **state)
{
	struct actor s1 = { .role = ROLE_SECTION, .unit_id = 2 };

	(void)state;
	assert_string_equal(inbox_of(&s1, fx_day(2024, 2, 6), NULL, 0),
			    "reports_missing - 2024-01 2 0");
	ds.reports[1].reported = 1u; /* B reported January */
	assert_string_equal(inbox_of(&s1, fx_day(2024, 2, 6), NULL, 0),
			    "reports_missing - 2024-01 1 0");
	ds.projects[0].stage_on[STAGE_STARTED] = fx_day(2024, 5, 31);
	ds.projects[1].stage_on[STAGE_STARTED] = fx_day(2024, 6, 1);
	assert_string_equal(inbox_of(&s1, fx_day(2024, 6, 6), NULL, 0),
			    "reports_missing - 2024-05 1 0");
}

/* inbox_release leaves an empty inbox, which may be released again. */
static void test_release_leaves_it_empty(void **state)
{
	struct actor coord = { .role = ROLE_COORDINATOR };
	struct inbox_input in = { &coord, NULL, 0, fx_day(2024, 6, 10), &book, &ds, &ws, NULL, 0 };
	struct inbox ib;

	(void)state;
	item(1, 0, "a1", IS_ANSWERED, 1, fx_day(2024, 6, 30));
	inbox_build(&in, &ib);
	assert_int_equal(ib.n, 1);
	inbox_release(&ib);
	assert_int_equal(ib.n, 0);
	assert_null(ib.v);
	assert_int_equal(ib.counts[IB_ITEM_ANSWERED], 0);
	inbox_release(&ib);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_items_due_and_overdue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_entries_sorted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reports, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_reports_days, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_red_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_red_first_project, setup, teardown),
		cmocka_unit_test_setup_teardown(test_whose_is_what, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reports_window_ends, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_reports_start_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_release_leaves_it_empty, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
