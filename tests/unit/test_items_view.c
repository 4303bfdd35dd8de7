/* test_items_view.c — unit tests of src/core/items_view.c: the item list as
 * of a day (DOMAIN.md §7 督查督办), every filter alone, the order (pending
 * first, then the earliest deadline, then the id), the counts (pending,
 * overdue, overdue per level), days late and days left, the row rule, and the
 * lookups by id — over a book of seven items written out here by hand; and
 * the book read from a real store (test_book_load), whose reads then fail one
 * by one.
 *
 * Units: district 1; section S1 (2) with street S11 (3); section S2 (4);
 * department G (5). Projects: 10 "2024-001" 甲厂 of S11 and G; 11 "2024-002"
 * 乙路 of S2. Items, as of 2024-06-30:
 *   1 P10 用地指标 land     owner 3  open      level 1  deadline 06-29  1 day late
 *   2 P10 电力扩容 energy   owner 5  answered  level 3  deadline 07-05  5 days left
 *   3 P11 资金到位 funds    owner 4  resolved  level 2  deadline 06-10
 *   4 P11 审批手续 approval owner 4  open, level 1 on 06-01 and 4 from 06-15,
 *                                              deadline 06-20  10 days late
 *   5 P11 征拆     demolition        raised 07-01: not yet on 06-30
 *   6 P10 用地复核 land     owner 3  open      level 2  deadline 06-29  1 day late
 *   7 P10 已关闭   other    owner 3  closed    level 1  deadline 05-01 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/items_view.h"
#include "fixture.h"
#include "store_fixture.h"
#include "util/xalloc.h"

static struct item_book book;

static void item(int64_t id, size_t project, const char *title, enum item_category c,
		 int64_t owner)
{
	struct item_entry *e;

	book.v = xrealloc(book.v, (book.n + 1) * sizeof(*book.v));
	e = &book.v[book.n++];
	memset(e, 0, sizeof(*e));
	item_init(&e->it);
	e->it.id = id;
	e->it.project_id = book.projects[project].id;
	e->it.title = xstrdup(title);
	e->it.category = c;
	e->it.owner_id = owner;
	e->p = &book.projects[project];
}

static void at(bl_day on, enum item_status st, int level, bl_day deadline)
{
	struct item_state s = { st, level, deadline, deadline };

	item_track_add(&book.v[book.n - 1].track, on, &s);
}

static int setup(void **state)
{
	static const char *const refs[] = { "2024-001", "2024-002" };
	static const char *const names[] = { "甲厂", "乙路" };
	size_t k;

	(void)state;
	memset(&book, 0, sizeof(book));
	fx_unit(&book.units, 1, "D", "区", UNIT_DISTRICT, 0);
	fx_unit(&book.units, 2, "S1", "S1", UNIT_SECTION, 1);
	fx_unit(&book.units, 3, "S11", "S11", UNIT_STREET, 2);
	fx_unit(&book.units, 4, "S2", "S2", UNIT_SECTION, 1);
	fx_unit(&book.units, 5, "G", "G", UNIT_DEPARTMENT, 1);
	dataset_index(&book.units);
	book.projects = xcalloc(2, sizeof(*book.projects));
	book.n_projects = 2;
	for (k = 0; k < 2; k++) {
		project_init(&book.projects[k]);
		book.projects[k].id = 10 + (int64_t)k;
		book.projects[k].ref = xstrdup(refs[k]);
		book.projects[k].name = xstrdup(names[k]);
	}
	book.projects[0].section_id = 3;
	book.projects[0].department_id = 5;
	book.projects[1].section_id = 4;
	item(1, 0, "用地指标", IC_LAND, 3);
	at(fx_day(2024, 6, 1), IS_OPEN, 1, fx_day(2024, 6, 29));
	item(2, 0, "电力扩容", IC_ENERGY, 5);
	at(fx_day(2024, 6, 1), IS_OPEN, 3, fx_day(2024, 7, 5));
	at(fx_day(2024, 6, 28), IS_ANSWERED, 3, fx_day(2024, 7, 5));
	item(3, 1, "资金到位", IC_FUNDS, 4);
	at(fx_day(2024, 5, 1), IS_OPEN, 2, fx_day(2024, 6, 10));
	at(fx_day(2024, 6, 5), IS_RESOLVED, 2, fx_day(2024, 6, 10));
	item(4, 1, "审批手续", IC_APPROVAL, 4);
	at(fx_day(2024, 6, 1), IS_OPEN, 1, fx_day(2024, 6, 20));
	at(fx_day(2024, 6, 15), IS_OPEN, 4, fx_day(2024, 6, 20));
	item(5, 1, "征拆", IC_DEMOLITION, 4);
	at(fx_day(2024, 7, 1), IS_OPEN, 1, fx_day(2024, 7, 16));
	item(6, 0, "用地复核", IC_LAND, 3);
	at(fx_day(2024, 6, 2), IS_OPEN, 2, fx_day(2024, 6, 29));
	item(7, 0, "已关闭", IC_OTHER, 3);
	at(fx_day(2024, 4, 1), IS_OPEN, 1, fx_day(2024, 5, 1));
	at(fx_day(2024, 4, 20), IS_CLOSED, 1, fx_day(2024, 5, 1));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	item_book_release(&book);
	/* a released book is an empty one */
	assert_null(book.v);
	assert_int_equal(book.n, 0);
	assert_null(book.projects);
	assert_int_equal(book.n_projects, 0);
	assert_int_equal(book.units.n_units, 0);
	return 0;
}

/* The ids of sel in order, as "4 1 6 2". */
static const char *ids(const struct item_selection *sel)
{
	static char out[128];
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < sel->n; i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%lld", i ? " " : "",
					(long long)sel->v[i].e->it.id);
	return out;
}

static const char *select_ids(const struct item_query *q, const struct actor *a)
{
	struct item_selection sel;
	const char *s;

	item_select(&book, q, a, &sel);
	s = ids(&sel);
	item_selection_release(&sel);
	return s;
}

static void test_all_in_order_with_counts(void **state)
{
	struct item_query q;
	struct item_selection sel;
	size_t l;

	(void)state;
	item_query_init(&q, fx_day(2024, 6, 30));
	item_select(&book, &q, NULL, &sel);
	assert_string_equal(ids(&sel), "4 1 6 2 7 3");
	assert_int_equal(sel.pending, 4);
	assert_int_equal(sel.overdue, 3);
	for (l = 0; l <= ITEM_LEVEL_MAX; l++)
		assert_int_equal(sel.by_level[l], l == 1 || l == 2 || l == 4 ? 1 : 0);
	/* 4: level 4, 10 days late; 1: 1 day; 2: 5 days left; 3: done */
	assert_int_equal(sel.v[0].s.level, 4);
	assert_true(sel.v[0].overdue);
	assert_int_equal(sel.v[0].days_late, 10);
	assert_int_equal(sel.v[0].days_left, 0);
	assert_int_equal(sel.v[1].days_late, 1);
	assert_int_equal(sel.v[1].days_left, 0);
	assert_false(sel.v[3].overdue);
	assert_int_equal(sel.v[3].s.status, IS_ANSWERED);
	assert_int_equal(sel.v[3].days_left, 5);
	assert_int_equal(sel.v[3].days_late, 0);
	assert_false(sel.v[5].overdue);
	assert_int_equal(sel.v[5].days_left, 0);
	assert_int_equal(sel.v[5].days_late, 0);
	item_selection_release(&sel);
	assert_null(sel.v);
	assert_int_equal(sel.n, 0);

	/* 06-29, the deadline day of 1 and 6: not late, 0 days left; 4 was at
	 * level 4 from 06-15 */
	item_query_init(&q, fx_day(2024, 6, 29));
	item_select(&book, &q, NULL, &sel);
	assert_string_equal(ids(&sel), "4 1 6 2 7 3");
	assert_int_equal(sel.overdue, 1);
	assert_int_equal(sel.by_level[4], 1);
	assert_false(sel.v[1].overdue);
	assert_int_equal(sel.v[1].days_left, 0);
	assert_int_equal(sel.v[3].days_left, 6);
	assert_int_equal(sel.v[3].s.status, IS_ANSWERED);
	item_selection_release(&sel);

	/* 06-14: item 4 at level 1, not late yet; 2 open; 3 resolved */
	item_query_init(&q, fx_day(2024, 6, 14));
	item_select(&book, &q, NULL, &sel);
	assert_string_equal(ids(&sel), "4 1 6 2 7 3");
	assert_int_equal(sel.v[0].s.level, 1);
	assert_int_equal(sel.v[0].days_left, 6);
	assert_int_equal(sel.pending, 4);
	assert_int_equal(sel.overdue, 0);
	item_selection_release(&sel);

	/* before anything was raised: none */
	item_query_init(&q, fx_day(2024, 3, 31));
	item_select(&book, &q, NULL, &sel);
	assert_int_equal(sel.n, 0);
	assert_int_equal(sel.pending, 0);
	item_selection_release(&sel);
	/* 07-01: item 5 too, after the other pending ones by its deadline */
	item_query_init(&q, fx_day(2024, 7, 1));
	assert_string_equal(select_ids(&q, NULL), "4 1 6 2 5 7 3");
}

static void test_each_filter(void **state)
{
	struct item_query q;

	(void)state;
	item_query_init(&q, fx_day(2024, 6, 30));
	q.overdue = 1;
	assert_string_equal(select_ids(&q, NULL), "4 1 6");
	item_query_init(&q, fx_day(2024, 6, 30));
	q.level = 2;
	assert_string_equal(select_ids(&q, NULL), "6 3");
	q.level = 4;
	assert_string_equal(select_ids(&q, NULL), "4");
	q.level = 1; /* the lowest level is a level: 1 pending, 7 closed */
	assert_string_equal(select_ids(&q, NULL), "1 7");
	q.level = 0; /* none given */
	assert_string_equal(select_ids(&q, NULL), "4 1 6 2 7 3");
	item_query_init(&q, fx_day(2024, 6, 30));
	q.category = IC_LAND;
	assert_string_equal(select_ids(&q, NULL), "1 6");
	q.category = 0; /* the first category is a category */
	assert_string_equal(select_ids(&q, NULL), "1 6");
	q.category = IC_OTHER;
	assert_string_equal(select_ids(&q, NULL), "7");
	item_query_init(&q, fx_day(2024, 6, 30));
	q.state = IS__MAX; /* pending */
	assert_string_equal(select_ids(&q, NULL), "4 1 6 2");
	q.state = IS_OPEN;
	assert_string_equal(select_ids(&q, NULL), "4 1 6");
	q.state = IS_ANSWERED;
	assert_string_equal(select_ids(&q, NULL), "2");
	q.state = IS_CLOSED;
	assert_string_equal(select_ids(&q, NULL), "7");
	item_query_init(&q, fx_day(2024, 6, 30));
	q.owner_id = 4;
	assert_string_equal(select_ids(&q, NULL), "4 3");
	item_query_init(&q, fx_day(2024, 6, 30));
	q.section_id = 2; /* S1's subtree holds S11 */
	assert_string_equal(select_ids(&q, NULL), "1 6 2 7");
	q.section_id = 4;
	assert_string_equal(select_ids(&q, NULL), "4 3");
	item_query_init(&q, fx_day(2024, 6, 30));
	q.department_id = 5;
	assert_string_equal(select_ids(&q, NULL), "1 6 2 7");
	item_query_init(&q, fx_day(2024, 6, 30));
	q.project_id = 11;
	assert_string_equal(select_ids(&q, NULL), "4 3");
	item_query_init(&q, fx_day(2024, 6, 30));
	q.q = "乙路"; /* the project's name */
	assert_string_equal(select_ids(&q, NULL), "4 3");
	q.q = "2024-001"; /* its ref */
	assert_string_equal(select_ids(&q, NULL), "1 6 2 7");
	q.q = "复核"; /* the title */
	assert_string_equal(select_ids(&q, NULL), "6");
	q.q = "用地";
	assert_string_equal(select_ids(&q, NULL), "1 6");
	q.q = "";
	assert_string_equal(select_ids(&q, NULL), "4 1 6 2 7 3");
	q.q = "无此";
	assert_string_equal(select_ids(&q, NULL), "");
	/* two filters at once */
	item_query_init(&q, fx_day(2024, 6, 30));
	q.overdue = 1;
	q.category = IC_LAND;
	q.level = 2;
	assert_string_equal(select_ids(&q, NULL), "6");
}

/* The row rule (core/access.c): a section sees its subtree's projects'
 * items; the office every item. */
static void test_row_rule(void **state)
{
	struct actor s2 = { .role = ROLE_SECTION, .unit_id = 4 };
	struct actor coord = { .role = ROLE_COORDINATOR };
	struct item_query q;

	(void)state;
	item_query_init(&q, fx_day(2024, 6, 30));
	assert_string_equal(select_ids(&q, &s2), "4 3");
	assert_string_equal(select_ids(&q, &coord), "4 1 6 2 7 3");
}

static void test_lookups(void **state)
{
	int64_t id;

	(void)state;
	for (id = 1; id <= 7; id++)
		assert_int_equal(item_book_find(&book, id)->it.id, id);
	assert_null(item_book_find(&book, 0));
	assert_null(item_book_find(&book, 8));
	assert_string_equal(item_book_project(&book, 10)->ref, "2024-001");
	assert_string_equal(item_book_project(&book, 11)->ref, "2024-002");
	assert_null(item_book_project(&book, 9));
	assert_null(item_book_project(&book, 12));
}

/* Both lookups are binary searches: over books of 0 to 9 items and projects
 * with the ids 2, 4, … 2n (each array exactly n long, so that a look one
 * past its end is caught by the sanitizers), every id present is found at
 * its place and every id absent — 0, each odd id up to 2n + 1 — is not. */
static void test_lookups_every_size(void **state)
{
	struct item_book b;
	size_t n, k;
	int64_t id;

	(void)state;
	for (n = 0; n <= 9; n++) {
		memset(&b, 0, sizeof(b));
		b.n = b.n_projects = n;
		b.v = n ? xcalloc(n, sizeof(*b.v)) : NULL;
		b.projects = n ? xcalloc(n, sizeof(*b.projects)) : NULL;
		for (k = 0; k < n; k++)
			b.v[k].it.id = b.projects[k].id = 2 * (int64_t)(k + 1);
		for (k = 0; k < n; k++) {
			id = 2 * (int64_t)(k + 1);
			if (item_book_find(&b, id) != &b.v[k])
				fail_msg("%zu items: item %lld not found", n, (long long)id);
			if (item_book_project(&b, id) != &b.projects[k])
				fail_msg("%zu projects: project %lld not found", n, (long long)id);
		}
		for (id = 0; id <= 2 * (int64_t)n + 1; id += id ? 2 : 1) {
			if (item_book_find(&b, id))
				fail_msg("%zu items: item %lld found", n, (long long)id);
			if (item_book_project(&b, id))
				fail_msg("%zu projects: project %lld found", n, (long long)id);
		}
		free(b.v);
		free(b.projects);
	}
}

/* The book read from a real store (item_book_load): units D and S1, projects
 * P1 (1) and P2 (2) of S1; item 1 of P1 raised 06-01 (level 1, 办结时限
 * 06-30), item 2 of a project 99 that is not there and item 3 of P2 raised
 * 06-02, and a step of an item 77 that is not there either (both written
 * past the foreign keys): items 1 and 3 are read, each with its project and
 * its track, item 2 and the stray step are left out. Then each read failing
 * in turn (its table gone; for the items a column that cannot be computed,
 * so that the read of their projects still works): the store's error and an
 * empty book. */
static void stored_items(struct sf *f)
{
	int64_t d, s, p1, p2;

	assert_int_equal(store_begin(f->st), BL_OK);
	d = sf_unit(f, "D", "区", UNIT_DISTRICT, 0);
	s = sf_unit(f, "S1", "甲街道", UNIT_SECTION, d);
	p1 = sf_project(f, "P1", s, 0);
	p2 = sf_project(f, "P2", s, 0);
	assert_int_equal(sf_item(f, p1, s, "用地指标", 1, IS_OPEN, fx_day(2024, 6, 1),
				 fx_day(2024, 6, 30), fx_day(2024, 6, 15)), 1);
	assert_int_equal(store_commit(f->st), BL_OK);
	sf_sql(f, "INSERT INTO items (id, project_id, title, category, owner_id, level, raised_on,"
		  " deadline, level_deadline, status, source, raised_by, last_on) VALUES (2, 99,"
		  " '无主', 'other', 2, 1, '2024-06-01', '2024-06-30', '2024-06-15', 'open',"
		  " 'direct', 'test', '2024-06-01');"
		  "INSERT INTO item_steps (item_id, kind, on_day, at, actor, status, level, deadline,"
		  " level_deadline) VALUES (2, 'raise', '2024-06-01', '2024-06-01T00:00:00Z',"
		  " 'test', 'open', 1, '2024-06-30', '2024-06-15'), (77, 'raise', '2024-06-01',"
		  " '2024-06-01T00:00:00Z', 'test', 'open', 1, '2024-06-30', '2024-06-15')");
	assert_int_equal(store_begin(f->st), BL_OK);
	assert_int_equal(sf_item(f, p2, s, "电力扩容", 2, IS_OPEN, fx_day(2024, 6, 2),
				 fx_day(2024, 7, 5), fx_day(2024, 6, 20)), 3);
	assert_int_equal(store_commit(f->st), BL_OK);
}

static void test_book_load(void **state)
{
	static const struct { const char *sql, *msg; } faults[] = {
		{ "ALTER TABLE units RENAME TO units_gone", "read units: no such table: units" },
		{ "ALTER TABLE projects RENAME TO projects_gone", "prepare: no such table: projects" },
		{ "ALTER TABLE items RENAME TO items_t;"
		  "CREATE VIEW items AS SELECT id, project_id, title, detail, category, owner_id,"
		  " abs(-9223372036854775807 - 1) AS level, raised_on, deadline, level_deadline,"
		  " status, source, source_ref, raised_by, last_on, version FROM items_t",
		  "read items: integer overflow" },
		{ "ALTER TABLE item_steps RENAME TO item_steps_gone",
		  "prepare: no such table: item_steps" },
	};
	struct item_state st;
	struct item_book b;
	struct sf f;
	size_t i;

	(void)state;
	sf_open(&f, "test_items_view");
	stored_items(&f);
	assert_int_equal(item_book_load(f.st, &b), BL_OK);
	assert_int_equal(b.units.n_units, 2);
	assert_int_equal(b.n_projects, 2);
	assert_int_equal(b.n, 2);
	assert_int_equal(b.v[0].it.id, 1);
	assert_string_equal(b.v[0].p->ref, "P1");
	assert_int_equal(b.v[1].it.id, 3);
	assert_string_equal(b.v[1].p->ref, "P2");
	assert_ptr_equal(item_book_find(&b, 3), &b.v[1]);
	assert_null(item_book_find(&b, 2));
	assert_int_equal(item_track_at(&b.v[0].track, fx_day(2024, 5, 31), &st), 0);
	assert_int_equal(item_track_at(&b.v[0].track, fx_day(2024, 6, 1), &st), 1);
	assert_int_equal(st.status, IS_OPEN);
	assert_int_equal(st.level, 1);
	assert_int_equal(st.deadline, fx_day(2024, 6, 30));
	assert_int_equal(item_track_at(&b.v[1].track, fx_day(2024, 6, 2), &st), 1);
	assert_int_equal(st.level, 2);
	assert_int_equal(st.level_deadline, fx_day(2024, 6, 20));
	item_book_release(&b);
	sf_close(&f);
	for (i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		sf_open(&f, "test_items_view");
		stored_items(&f);
		sf_sql(&f, faults[i].sql);
		memset(&b, 0xff, sizeof(b));
		assert_int_equal(item_book_load(f.st, &b), BL_EDB);
		assert_string_equal(store_errmsg(f.st), faults[i].msg);
		assert_int_equal(b.units.n_units, 0);
		assert_null(b.units.units);
		assert_int_equal(b.n_projects, 0);
		assert_null(b.projects);
		assert_int_equal(b.n, 0);
		assert_null(b.v);
		sf_close(&f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_all_in_order_with_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_row_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lookups, setup, teardown),
		cmocka_unit_test(test_lookups_every_size),
		cmocka_unit_test(test_book_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
