/* test_guarantees.c — core/guarantees.c and core/demolition.c on hand-built
 * rows: need against supplied per project, section and district, the waiting
 * days and the yellow bit at the threshold's exact day, what a row may be;
 * a demolition task judged by the targets' rule (target_pace_judge) at the
 * edges of its pace and due date; the book (core/guarantees_view.c) by hand,
 * and read from a real store whose reads fail one by one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/demolition.h"
#include "core/guarantees.h"
#include "core/guarantees_view.h"
#include "core/targets.h"
#include "fixture.h"
#include "store/store_guarantees.h"
#include "store_fixture.h"
#include "util/buf.h"

static bl_day D(int y, int m, int d)
{
	return day_from_ymd(y, m, d);
}

static struct supply row(int64_t project, int year, enum element e, enum supply_kind k,
			 bl_day on, int64_t amount)
{
	struct supply s;

	supply_init(&s);
	s.project_id = project;
	s.year = year;
	s.element = e;
	s.kind = k;
	s.on = on;
	s.amount = amount;
	return s;
}

/* Projects 11 (section 2, signed 2024-02-10), 12 (section 2), 13 (section 3,
 * signed 2023-05-01). */
static void projects(struct project p[3])
{
	int i;

	for (i = 0; i < 3; i++)
		project_init(&p[i]);
	p[0].id = 11, p[0].section_id = 2, p[0].stage_on[STAGE_SIGNED] = D(2024, 2, 10);
	p[1].id = 12, p[1].section_id = 2;
	p[2].id = 13, p[2].section_id = 3, p[2].stage_on[STAGE_SIGNED] = D(2023, 5, 1);
}

static void test_sums_and_waits(void **state)
{
	struct project p[3];
	struct supply rows[] = {
		row(11, 2024, EL_LAND, SK_NEED, DAY_NONE, 1000000),          /* 100 亩 */
		row(11, 2024, EL_LAND, SK_LAND_GRANT, D(2024, 5, 1), 400000), /* 40 亩 */
		row(11, 2024, EL_LAND, SK_LAND_GRANT, D(2024, 7, 1), 600000), /* after asof */
		row(11, 2024, EL_FUNDING, SK_NEED, DAY_NONE, 50000000),
		row(11, 2024, EL_FUNDING, SK_LOAN, D(2024, 3, 1), 20000000),
		row(12, 2024, EL_ENERGY, SK_NEED, D(2024, 3, 1), 25000),      /* 2.5 吨 */
		row(12, 2024, EL_ENERGY, SK_ENERGY_APPROVAL, D(2024, 3, 5), 25000),
		row(13, 2024, EL_ENERGY, SK_NEED, DAY_NONE, 70000),
		row(13, 2023, EL_LAND, SK_NEED, DAY_NONE, 990000),            /* another year */
		row(99, 2024, EL_LAND, SK_NEED, DAY_NONE, 5),                 /* not given */
	};
	struct guarantee_input in = { p, 3, rows, sizeof(rows) / sizeof(rows[0]), 2024,
				      D(2024, 6, 30), 90 };
	struct guarantees g;
	struct buf why = BUF_INIT;

	(void)state;
	projects(p);
	guarantees_compute(&in, &g);
	assert_int_equal(g.n, 3);
	assert_int_equal(g.lines[0].project, 0);
	assert_int_equal(g.lines[0].el[EL_LAND].need, 1000000);
	assert_int_equal(g.lines[0].el[EL_LAND].supplied, 400000);
	assert_int_equal(g.lines[0].el[EL_FUNDING].supplied, 20000000);
	/* since the signing date 02-10 (later than 01-01): 141 days to 06-30 */
	assert_int_equal(g.lines[0].since[EL_LAND], D(2024, 2, 10));
	assert_int_equal(g.lines[0].waited[EL_LAND], 141);
	assert_int_equal(g.lines[0].waited[EL_FUNDING], -1); /* funding never waits */
	assert_int_equal(g.lines[0].yellow, 1u << EL_LAND);
	/* met: no wait */
	assert_int_equal(g.lines[1].waited[EL_ENERGY], -1);
	assert_int_equal(g.lines[1].yellow, 0);
	/* signed in 2023: its 2024 need waits from 01-01, 181 days */
	assert_int_equal(g.lines[2].since[EL_ENERGY], D(2024, 1, 1));
	assert_int_equal(g.lines[2].waited[EL_ENERGY], 181);
	assert_int_equal(g.lines[2].el[EL_LAND].need, 0);
	assert_int_equal(g.n_sections, 2);
	assert_int_equal(g.sections[0].unit_id, 2);
	assert_int_equal(g.sections[0].n_projects, 2);
	assert_int_equal(g.sections[0].n_waiting, 1);
	assert_int_equal(g.sections[0].el[EL_ENERGY].need, 25000);
	assert_int_equal(g.sections[1].el[EL_ENERGY].need, 70000);
	assert_int_equal(g.district.el[EL_ENERGY].need, 95000);
	assert_int_equal(g.district.el[EL_ENERGY].supplied, 25000);
	assert_int_equal(g.district.el[EL_LAND].need, 1000000);
	assert_int_equal(g.district.n_waiting, 2);
	assert_false(g.overflow);
	guarantee_wait_reason(&g.lines[2], EL_ENERGY, 90, &why);
	assert_string_equal(why.s, "用能需求 7 吨标煤，已供 0 吨标煤，自 2024-01-01 起已等待 181 天"
				   "（超过 90 天）");
	buf_release(&why);
	guarantees_release(&g);
}

/* The yellow bit from since + wait_days + 1 on; none before since. */
static void test_wait_threshold_exact_day(void **state)
{
	struct project p[3];
	struct supply rows[] = { row(12, 2024, EL_LAND, SK_NEED, D(2024, 4, 1), 10000) };
	struct guarantee_input in = { p, 3, rows, 1, 2024, D(2024, 6, 30), 90 };
	struct guarantees g;

	(void)state;
	projects(p);
	in.asof = D(2024, 6, 30); /* 04-01 + 90 */
	guarantees_compute(&in, &g);
	assert_int_equal(g.lines[0].waited[EL_LAND], 90);
	assert_int_equal(g.lines[0].yellow, 0);
	guarantees_release(&g);
	in.asof = D(2024, 7, 1);
	guarantees_compute(&in, &g);
	assert_int_equal(g.lines[0].waited[EL_LAND], 91);
	assert_int_equal(g.lines[0].yellow, 1u << EL_LAND);
	guarantees_release(&g);
	in.asof = D(2024, 3, 31); /* before its need date */
	guarantees_compute(&in, &g);
	assert_int_equal(g.lines[0].waited[EL_LAND], -1);
	guarantees_release(&g);
	in.wait_days = 0;
	in.asof = D(2024, 4, 2);
	guarantees_compute(&in, &g);
	assert_int_equal(g.lines[0].yellow, 1u << EL_LAND);
	guarantees_release(&g);
}

static void test_overflow_is_said(void **state)
{
	struct project p[3];
	struct supply rows[] = {
		row(11, 2024, EL_FUNDING, SK_NEED, DAY_NONE, INT64_MAX - 1),
		row(12, 2024, EL_FUNDING, SK_NEED, DAY_NONE, INT64_MAX - 1),
	};
	struct guarantee_input in = { p, 3, rows, 2, 2024, D(2024, 6, 30), 90 };
	struct guarantees g;

	(void)state;
	projects(p);
	guarantees_compute(&in, &g);
	assert_true(g.overflow);
	assert_int_equal(g.district.el[EL_FUNDING].need, INT64_MAX);
	guarantees_release(&g);
}

static void test_rows_and_texts(void **state)
{
	struct supply s = row(1, 2024, EL_LAND, SK_LAND_GRANT, D(2024, 1, 1), 1);
	char t[32];

	(void)state;
	assert_null(supply_problem(&s));
	s.element = EL_ENERGY;
	assert_string_equal(supply_problem(&s), "the kind does not supply this element");
	s.kind = SK_OTHER;
	assert_null(supply_problem(&s));
	s.on = D(2023, 12, 31);
	assert_string_equal(supply_problem(&s), "a supply dated before its year");
	s.on = DAY_NONE;
	assert_string_equal(supply_problem(&s), "a supply needs its date");
	s.kind = SK_NEED;
	assert_null(supply_problem(&s));
	s.amount = -1;
	assert_non_null(supply_problem(&s));
	assert_int_equal(element_from_text("用地"), EL_LAND);
	assert_int_equal(element_from_text("能耗"), EL_ENERGY);
	assert_int_equal(element_from_text("funding"), EL_FUNDING);
	assert_int_equal(element_from_text("水"), -1);
	assert_int_equal(supply_kind_from_text("专项债"), SK_BOND);
	assert_int_equal(supply_kind_from_text("bond"), SK_BOND);
	assert_int_equal(supply_kind_from_text("x"), -1);
	assert_string_equal(element_amount_text(EL_LAND, 1205000, t), "120.5");
	assert_string_equal(element_amount_text(EL_LAND, 1, t), "0.0001");
	assert_string_equal(element_amount_text(EL_FUNDING, -10000, t), "-1");
	assert_string_equal(element_amount_text(EL_FUNDING, 0, t), "0");
	assert_string_equal(element_amount_text(EL_FUNDING, INT64_MIN, t),
			    "-922337203685477.5808");
}

/* What a row may be, rule by rule: the year 2000–2100; an element and a kind
 * each in their lists; each kind supplies its own element (供地批复 land,
 * 能评批复 energy, 贷款/专项债/财政资金 funding, 其他 any). */
static void test_row_rules(void **state)
{
	struct supply s = row(1, 2000, EL_FUNDING, SK_BOND, D(2000, 1, 1), 1);
	int e, k, days = 7;
	char t[32];

	(void)state;
	assert_null(supply_problem(&s));
	s.year = 1999;
	assert_string_equal(supply_problem(&s), "a year from 2000 to 2100");
	s.year = 2100;
	s.on = D(2100, 1, 1);
	assert_null(supply_problem(&s));
	s.year = 2101;
	assert_string_equal(supply_problem(&s), "a year from 2000 to 2100");
	s.year = 2100;
	s.element = EL__MAX;
	assert_string_equal(supply_problem(&s), "not an element or a kind");
	s.element = EL_FUNDING;
	s.kind = SK__MAX;
	assert_string_equal(supply_problem(&s), "not an element or a kind");
	s.kind = SK_NEED;
	s.element = (enum element)-1;
	assert_string_equal(supply_problem(&s), "not an element or a kind");
	/* each kind × element, by hand */
	for (k = SK_LAND_GRANT; k < SK__MAX; k++)
		for (e = 0; e < EL__MAX; e++) {
			int ok = k == SK_OTHER || (k == SK_LAND_GRANT && e == EL_LAND) ||
				 (k == SK_ENERGY_APPROVAL && e == EL_ENERGY) ||
				 ((k == SK_LOAN || k == SK_BOND || k == SK_FISCAL) &&
				  e == EL_FUNDING);

			s.kind = (enum supply_kind)k;
			s.element = (enum element)e;
			if (ok)
				assert_null(supply_problem(&s));
			else
				assert_string_equal(supply_problem(&s),
						    "the kind does not supply this element");
		}
	/* a need has no date and any element */
	s.kind = SK_NEED;
	s.on = DAY_NONE;
	for (e = 0; e < EL__MAX; e++) {
		s.element = (enum element)e;
		assert_null(supply_problem(&s));
	}
	assert_int_equal(element_from_text("土地"), EL_LAND);
	assert_int_equal(element_from_text("funds"), EL_FUNDING);
	assert_int_equal(element_from_text("资金"), EL_FUNDING);
	assert_int_equal(element_from_text("energy"), EL_ENERGY);
	assert_int_equal(element_from_text(NULL), -1);
	assert_int_equal(supply_kind_from_text(NULL), -1);
	assert_int_equal(supply_kind_from_text("need"), SK_NEED);
	assert_int_equal(supply_kind_from_text("其他"), SK_OTHER);
	/* the smallest amounts either side of 0 */
	assert_string_equal(element_amount_text(EL_LAND, -1, t), "-0.0001");
	assert_string_equal(element_amount_text(EL_LAND, -12345, t), "-1.2345");
	assert_string_equal(element_amount_text(EL_LAND, 10001, t), "1.0001");
	/* the setting: 0 … 3650 days */
	assert_null(guarantees_wait_days_parse("30", &days));
	assert_int_equal(days, 30);
	assert_null(guarantees_wait_days_parse("0", &days));
	assert_int_equal(days, 0);
	assert_null(guarantees_wait_days_parse("3650", &days));
	assert_int_equal(days, 3650);
	assert_non_null(guarantees_wait_days_parse("3651", &days));
	assert_non_null(guarantees_wait_days_parse("-1", &days));
	assert_int_equal(days, 3650);
}

/* A task of 12000 ㎡ over 2024-01-01 … 09-30 (273 days), reports 03-31 2000
 * and 06-30 7000; 30 households due 12-31 (365 days). */
static void test_demolition_status(void **state)
{
	struct demolition_task t;
	struct demolition_report r[] = {
		{ 1, 7, D(2024, 3, 31), 2000, 1 }, { 2, 7, D(2024, 6, 30), 7000, 1 },
		{ 3, 8, D(2024, 6, 15), 15, 1 }, { 4, 9, D(2024, 2, 1), 999, 1 },
	};
	struct demolition_eval e;

	(void)state;
	demolition_task_init(&t);
	t.id = 7, t.year = 2024, t.quantity = 12000, t.due = D(2024, 9, 30);
	demolition_evaluate(&t, r, 4, D(2024, 6, 30), &e);
	assert_int_equal(e.done, 7000);
	assert_int_equal(e.expected, 7956); /* 12000 × 181 / 273 = 7956.04 */
	assert_int_equal(e.status, TS_AT_RISK);
	/* 06-29: the report of 03-31 counts; 2000 × 273 < 12000 × 180 */
	demolition_evaluate(&t, r, 4, D(2024, 6, 29), &e);
	assert_int_equal(e.done, 2000);
	assert_int_equal(e.reported_on, D(2024, 3, 31));
	assert_int_equal(e.status, TS_AT_RISK);
	/* 01-01: nothing elapsed, nothing owed: on track with 0 done */
	demolition_evaluate(&t, r, 4, D(2024, 1, 1), &e);
	assert_int_equal(e.has_report, 0);
	assert_int_equal(e.expected, 0);
	assert_int_equal(e.status, TS_ON_TRACK);
	/* due passed short: missed; the figure is the one at the due date */
	demolition_evaluate(&t, r, 4, D(2024, 12, 31), &e);
	assert_int_equal(e.judged_on, D(2024, 9, 30));
	assert_int_equal(e.status, TS_MISSED);
	/* reaching the task early: met */
	t.quantity = 7000;
	demolition_evaluate(&t, r, 4, D(2024, 6, 30), &e);
	assert_int_equal(e.status, TS_MET);
	/* households: 15 of 30, pace round(30 × 181 / 365) = 15: on track at
	 * the boundary 15 × 365 = 5475 >= 30 × 181 = 5430 */
	t.id = 8, t.quantity = 30, t.due = D(2024, 12, 31), t.measure = DM_HOUSEHOLDS;
	demolition_evaluate(&t, r, 4, D(2024, 6, 30), &e);
	assert_int_equal(e.expected, 15);
	assert_int_equal(e.status, TS_ON_TRACK);
	/* 15 × 365 = 5475 < 30 × 183 = 5490 on 07-02 */
	demolition_evaluate(&t, r, 4, D(2024, 7, 2), &e);
	assert_int_equal(e.status, TS_AT_RISK);
	/* 07-01: 15 × 365 = 5475 >= 30 × 182 = 5460 */
	demolition_evaluate(&t, r, 4, D(2024, 7, 1), &e);
	assert_int_equal(e.status, TS_ON_TRACK);
}

static void test_demolition_rows(void **state)
{
	struct demolition_task t;
	struct demolition_report r = { 0, 1, DAY_NONE, 5, 0 };

	(void)state;
	demolition_task_init(&t);
	t.name = (char *)"征收";
	t.year = 2024, t.quantity = 1, t.due = D(2024, 1, 2);
	assert_null(demolition_task_problem(&t));
	t.due = D(2024, 1, 1);
	assert_string_equal(demolition_task_problem(&t), "due before its year has begun");
	t.due = D(2024, 1, 2);
	t.quantity = 0;
	assert_string_equal(demolition_task_problem(&t), "a quantity from 1 to 1000000000");
	t.quantity = 1;
	assert_string_equal(demolition_report_problem(&t, &r), "a report needs its date");
	r.on = D(2023, 12, 31);
	assert_string_equal(demolition_report_problem(&t, &r), "a report dated before the task's year");
	r.on = D(2024, 1, 1);
	assert_null(demolition_report_problem(&t, &r));
	r.done = -1;
	assert_string_equal(demolition_report_problem(&t, &r), "done from 0 to 1000000000");
	assert_int_equal(demolition_measure_from_text("户"), DM_HOUSEHOLDS);
	assert_int_equal(demolition_measure_from_text("平方米"), DM_AREA);
	assert_int_equal(demolition_measure_from_text("㎡"), DM_AREA);
	assert_int_equal(demolition_measure_from_text("亩"), -1);
}

/* The book by hand (core/guarantees_view.c): district 1 with sections 2
 * (S1) and 3 (S2), street 4 (S21) under S2. Projects 11 (S1, department 7),
 * 12 (S21, department 8), 13 (S2, department 7), each needing 1 亩 of land in
 * 2024. Tasks of 10 ㎡, in this order: 3 S2 "b" due 12-31, 2 S21 "0" due
 * 06-30, 1 S1 "a" due 06-30 (2's name sorts first and it comes first: the
 * section decides), 4 S2 "a" due 12-31, 5 S1 "a" of 2023, 6 S2 "c" due 12-31.
 * No report. */
static void book(struct guarantee_book *b)
{
	static const struct { int64_t id, section; int year; const char *name; int m, d; } tk[6] = {
		{ 3, 3, 2024, "b", 12, 31 }, { 2, 4, 2024, "0", 6, 30 }, { 1, 2, 2024, "a", 6, 30 },
		{ 4, 3, 2024, "a", 12, 31 }, { 5, 2, 2023, "a", 12, 31 }, { 6, 3, 2024, "c", 12, 31 },
	};
	static const int64_t pid[3] = { 11, 12, 13 }, psec[3] = { 2, 4, 3 }, pdept[3] = { 7, 8, 7 };
	size_t i;

	memset(b, 0, sizeof(*b));
	fx_unit(&b->units, 1, "D", "区", UNIT_DISTRICT, 0);
	fx_unit(&b->units, 2, "S1", "甲", UNIT_SECTION, 1);
	fx_unit(&b->units, 3, "S2", "乙", UNIT_SECTION, 1);
	fx_unit(&b->units, 4, "S21", "丙", UNIT_STREET, 3);
	dataset_index(&b->units);
	b->projects = xcalloc(3, sizeof(*b->projects));
	b->rows = xcalloc(3, sizeof(*b->rows));
	b->n_projects = b->n_rows = 3;
	for (i = 0; i < 3; i++) {
		project_init(&b->projects[i]);
		b->projects[i].id = pid[i];
		b->projects[i].ref = xstrdup(i == 0 ? "P1" : i == 1 ? "P2" : "P3");
		b->projects[i].section_id = psec[i];
		b->projects[i].department_id = pdept[i];
		b->rows[i] = row(pid[i], 2024, EL_LAND, SK_NEED, D(2024, 1, 1), 10000);
		b->rows[i].doc_no = xstrdup("锡供〔2024〕1号"); /* freed with the book */
	}
	b->tasks = xcalloc(6, sizeof(*b->tasks));
	b->n_tasks = 6;
	for (i = 0; i < 6; i++) {
		demolition_task_init(&b->tasks[i]);
		b->tasks[i].id = tk[i].id;
		b->tasks[i].section_id = tk[i].section;
		b->tasks[i].year = tk[i].year;
		b->tasks[i].name = xstrdup(tk[i].name);
		b->tasks[i].measure = DM_AREA;
		b->tasks[i].quantity = 10;
		b->tasks[i].due = D(tk[i].year, tk[i].m, tk[i].d);
	}
	b->wait_days = 90;
}

static void ids_are(const struct demolition_board *d, size_t n, const int64_t *want)
{
	size_t i;

	assert_int_equal(d->n, n);
	for (i = 0; i < n; i++)
		assert_int_equal(d->v[i].t->id, want[i]);
}

/* The board: the year's tasks by due day, then section id, then name (the
 * book lists them in another order: due day, section and name each decide
 * once); a
 * section's subtree; the caller's rows; the count per status. */
static void test_demolition_board(void **state)
{
	static const int64_t all[5] = { 1, 2, 4, 3, 6 }, s2[4] = { 2, 4, 3, 6 }, s1[1] = { 1 };
	struct actor sec1 = { 9, "s1", ROLE_SECTION, 2 };
	struct guarantee_query q = { 2024, 0, 0, 0 };
	struct demolition_board d;
	struct guarantee_book b;

	(void)state;
	book(&b);
	q.asof = D(2024, 1, 1); /* nothing elapsed: every task on track */
	demolition_board_make(&b, &q, NULL, &d);
	ids_are(&d, 5, all);
	assert_int_equal(d.by_status[TS_ON_TRACK], 5);
	assert_int_equal(d.by_status[TS_MISSED], 0);
	demolition_board_release(&d);
	assert_null(d.v);
	assert_int_equal(d.n, 0);
	/* 07-01: tasks 1 and 2 due 06-30 passed with nothing done: missed; the
	 * others behind a pace of 10 × 182 / 366 > 0: at risk */
	q.asof = D(2024, 7, 1);
	demolition_board_make(&b, &q, NULL, &d);
	ids_are(&d, 5, all);
	assert_int_equal(d.by_status[TS_MISSED], 2);
	assert_int_equal(d.by_status[TS_AT_RISK], 3);
	assert_int_equal(d.by_status[TS_ON_TRACK], 0);
	assert_int_equal(d.by_status[TS_MET], 0);
	demolition_board_release(&d);
	q.section_id = 3;
	demolition_board_make(&b, &q, NULL, &d);
	ids_are(&d, 4, s2);
	demolition_board_release(&d);
	q.section_id = 0;
	demolition_board_make(&b, &q, &sec1, &d);
	ids_are(&d, 1, s1);
	demolition_board_release(&d);
	q.year = 2023;
	demolition_board_make(&b, &q, NULL, &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].t->id, 5);
	demolition_board_release(&d);
	assert_ptr_equal(guarantee_book_task(&b, 3), &b.tasks[0]);
	assert_ptr_equal(guarantee_book_task(&b, 1), &b.tasks[2]);
	assert_ptr_equal(guarantee_book_task(&b, 2), &b.tasks[1]);
	assert_ptr_equal(guarantee_book_task(&b, 5), &b.tasks[4]);
	assert_ptr_equal(guarantee_book_task(&b, 6), &b.tasks[5]);
	assert_null(guarantee_book_task(&b, 7));
	guarantee_book_release(&b);
	assert_int_equal(b.n_tasks, 0);
	assert_null(b.tasks);
}

/* The supplies view: the caller's rows, a section's subtree, a department,
 * and both filters at once; each kept project has its line. */
static void test_supply_view(void **state)
{
	struct actor sec1 = { 9, "s1", ROLE_SECTION, 2 }, sec2 = { 10, "s2", ROLE_SECTION, 3 };
	struct guarantee_query q = { 2024, 0, 0, 0 };
	struct guarantee_view v;
	struct guarantee_book b;

	(void)state;
	book(&b);
	q.asof = D(2024, 6, 30);
	guarantee_view_make(&b, &q, NULL, &v);
	assert_int_equal(v.n_projects, 3);
	assert_int_equal(v.g.n, 3);
	assert_int_equal(v.g.district.el[EL_LAND].need, 30000);
	assert_int_equal(v.g.district.n_waiting, 3); /* 181 days > 90 */
	guarantee_view_release(&v);
	assert_null(v.projects);
	guarantee_view_make(&b, &q, &sec1, &v);
	assert_int_equal(v.n_projects, 1);
	assert_int_equal(v.projects[0].id, 11);
	guarantee_view_release(&v);
	guarantee_view_make(&b, &q, &sec2, &v);
	assert_int_equal(v.n_projects, 2);
	assert_int_equal(v.projects[0].id, 12);
	assert_int_equal(v.projects[1].id, 13);
	guarantee_view_release(&v);
	q.section_id = 4;
	guarantee_view_make(&b, &q, NULL, &v);
	assert_int_equal(v.n_projects, 1);
	assert_int_equal(v.projects[0].id, 12);
	assert_int_equal(v.g.n, 1);
	guarantee_view_release(&v);
	q.section_id = 0;
	q.department_id = 7;
	guarantee_view_make(&b, &q, NULL, &v);
	assert_int_equal(v.n_projects, 2);
	assert_int_equal(v.projects[0].id, 11);
	assert_int_equal(v.projects[1].id, 13);
	guarantee_view_release(&v);
	q.section_id = 3;
	guarantee_view_make(&b, &q, NULL, &v);
	assert_int_equal(v.n_projects, 1);
	assert_int_equal(v.projects[0].id, 13);
	assert_int_equal(v.g.district.el[EL_LAND].need, 10000);
	guarantee_view_release(&v);
	guarantee_book_release(&b);
	assert_int_equal(b.n_projects, 0);
	assert_int_equal(b.n_rows, 0);
}

/* The book read from a real store (guarantee_book_load): units D and S1,
 * project P1 of S1 needing 10000 m² of land in 2024, S1's task "东片" of 100
 * ㎡ due 12-31 with 40 done on 06-30. Then each read failing in turn (its
 * table gone, or for the supplies a column that cannot be computed, so that
 * the read of their projects before it still works): the store's error and
 * an empty book, whatever the reads after it would give. */
static void stored_book(struct sf *f)
{
	struct supply need = row(0, 2024, EL_LAND, SK_NEED, DAY_NONE, 10000);
	struct demolition_task t;
	struct demolition_report r = { 0, 0, D(2024, 6, 30), 40, 0 };
	int64_t d, s;

	assert_int_equal(store_begin(f->st), BL_OK);
	d = sf_unit(f, "D", "区", UNIT_DISTRICT, 0);
	s = sf_unit(f, "S1", "甲街道", UNIT_SECTION, d);
	need.project_id = sf_project(f, "P1", s, 0);
	assert_int_equal(store_supply_put(f->st, &need), BL_OK);
	demolition_task_init(&t);
	t.section_id = s;
	t.year = 2024;
	t.name = xstrdup("东片");
	t.measure = DM_AREA;
	t.quantity = 100;
	t.due = D(2024, 12, 31);
	assert_int_equal(store_demolition_task_put(f->st, &t), BL_OK);
	r.task_id = t.id;
	assert_int_equal(store_demolition_report_put(f->st, &r), BL_OK);
	demolition_task_release(&t);
	supply_release(&need);
	assert_int_equal(store_commit(f->st), BL_OK);
}

static void test_book_load(void **state)
{
	static const struct { const char *sql, *msg; } faults[] = {
		{ "ALTER TABLE units RENAME TO units_gone", "read units: no such table: units" },
		{ "ALTER TABLE projects RENAME TO projects_gone", "prepare: no such table: projects" },
		{ "ALTER TABLE supplies RENAME TO supplies_t;"
		  "CREATE VIEW supplies AS SELECT id, project_id, year, element, kind, on_day,"
		  " abs(-9223372036854775807 - 1) AS amount, doc_no, version FROM supplies_t",
		  "read supplies: integer overflow" },
		{ "ALTER TABLE demolition_tasks RENAME TO demolition_tasks_gone",
		  "prepare: no such table: demolition_tasks" },
		{ "ALTER TABLE demolition_reports RENAME TO demolition_reports_gone",
		  "prepare: no such table: demolition_reports" },
	};
	struct guarantee_book b;
	struct sf f;
	size_t i;

	(void)state;
	sf_open(&f, "test_guarantees");
	stored_book(&f);
	assert_int_equal(guarantee_book_load(f.st, &b), BL_OK);
	assert_int_equal(b.units.n_units, 2);
	assert_int_equal(b.n_projects, 1);
	assert_string_equal(b.projects[0].ref, "P1");
	assert_int_equal(b.n_rows, 1);
	assert_int_equal(b.rows[0].amount, 10000);
	assert_int_equal(b.n_tasks, 1);
	assert_string_equal(b.tasks[0].name, "东片");
	assert_int_equal(b.n_reports, 1);
	assert_int_equal(b.reports[0].done, 40);
	assert_int_equal(b.wait_days, 90);
	guarantee_book_release(&b);
	sf_close(&f);
	for (i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		sf_open(&f, "test_guarantees");
		stored_book(&f);
		sf_sql(&f, faults[i].sql);
		memset(&b, 0xff, sizeof(b));
		assert_int_equal(guarantee_book_load(f.st, &b), BL_EDB);
		assert_string_equal(store_errmsg(f.st), faults[i].msg);
		assert_int_equal(b.units.n_units, 0);
		assert_null(b.units.units);
		assert_int_equal(b.n_projects, 0);
		assert_null(b.projects);
		assert_int_equal(b.n_rows, 0);
		assert_null(b.rows);
		assert_int_equal(b.n_tasks, 0);
		assert_null(b.tasks);
		assert_int_equal(b.n_reports, 0);
		assert_null(b.reports);
		assert_int_equal(b.wait_days, 0);
		sf_close(&f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sums_and_waits),
		cmocka_unit_test(test_wait_threshold_exact_day),
		cmocka_unit_test(test_overflow_is_said),
		cmocka_unit_test(test_rows_and_texts),
		cmocka_unit_test(test_row_rules),
		cmocka_unit_test(test_demolition_board),
		cmocka_unit_test(test_supply_view),
		cmocka_unit_test(test_demolition_status),
		cmocka_unit_test(test_demolition_rows),
		cmocka_unit_test(test_book_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
