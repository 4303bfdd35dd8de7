/* test_notify.c — unit tests of src/core/notify.c: which events a group-chat
 * robot is told of on 2024-06-30, a window of NOTIFY_RECENT_DAYS = 7 days
 * (06-24 … 06-30, both included), with each key and sentence written out by
 * hand: an item moved up a level on a day of the window (not before it, not
 * after today, not a step that keeps or lowers the level); an item whose
 * first overdue day (deadline + 1) lies in the window and that is still
 * pending at the end of today; a project red today whose red spell began in
 * the window (one red on each of the 8 days 06-23 … 06-30 is not new). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/notify.h"
#include "fixture.h"
#include "util/xalloc.h"

static struct project proj = { .id = 1 };
static char ref1[] = "2024-001", name1[] = "甲项目", ref2[] = "R", name2[] = "N";

/* Item id titled title of project proj, raised 05-01, with no point yet. */
static struct item_entry *entry(struct item_book *b, int64_t id, const char *title)
{
	struct item_entry *e;

	b->v = xrealloc(b->v, (b->n + 1) * sizeof(*b->v));
	e = &b->v[b->n++];
	memset(e, 0, sizeof(*e));
	item_init(&e->it);
	e->it.id = id;
	e->it.title = xstrdup(title);
	e->p = &proj;
	return e;
}

static void at(struct item_entry *e, bl_day on, enum item_status st, int level, bl_day deadline,
	       bl_day level_deadline)
{
	struct item_state s = { st, level, deadline, level_deadline };

	item_track_add(&e->track, on, &s);
}

static void book_release(struct item_book *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		item_release(&b->v[i].it);
		item_track_release(&b->v[i].track);
	}
	free(b->v);
}

static void test_item_events(void **state)
{
	struct item_book b;
	struct notify_list out;
	struct item_entry *e;
	int d;

	(void)state;
	memset(&b, 0, sizeof(b));
	memset(&out, 0, sizeof(out));
	proj.ref = ref1;
	proj.name = name1;
	/* 1: up on 06-23 (before the window), 06-24 (its first day) and 06-30
	 * (today); overdue since 05-17, long before the window */
	e = entry(&b, 1, "用地指标未落实");
	at(e, fx_day(2024, 5, 1), IS_OPEN, 1, fx_day(2024, 5, 16), fx_day(2024, 5, 16));
	at(e, fx_day(2024, 6, 23), IS_OPEN, 2, fx_day(2024, 5, 16), fx_day(2024, 6, 23));
	at(e, fx_day(2024, 6, 24), IS_OPEN, 3, fx_day(2024, 5, 16), fx_day(2024, 7, 4));
	at(e, fx_day(2024, 6, 25), IS_ANSWERED, 3, fx_day(2024, 5, 16), fx_day(2024, 7, 4));
	at(e, fx_day(2024, 6, 30), IS_ANSWERED, 4, fx_day(2024, 5, 16), fx_day(2024, 7, 30));
	/* 2: deadline 06-23, overdue from 06-24, the window's first day */
	e = entry(&b, 2, "施工许可");
	at(e, fx_day(2024, 6, 1), IS_OPEN, 1, fx_day(2024, 6, 23), fx_day(2024, 6, 23));
	/* 3: deadline 06-22, overdue from 06-23: before the window */
	e = entry(&b, 3, "电力");
	at(e, fx_day(2024, 6, 1), IS_OPEN, 1, fx_day(2024, 6, 22), fx_day(2024, 6, 22));
	/* 4: deadline 06-29, overdue from today; raised again at level 1 after
	 * level 2 (a lower level is no escalation); a step tomorrow is not yet */
	e = entry(&b, 4, "资金");
	at(e, fx_day(2024, 6, 1), IS_OPEN, 2, fx_day(2024, 6, 20), fx_day(2024, 6, 20));
	at(e, fx_day(2024, 6, 26), IS_OPEN, 1, fx_day(2024, 6, 29), fx_day(2024, 6, 29));
	at(e, fx_day(2024, 7, 1), IS_OPEN, 2, fx_day(2024, 6, 29), fx_day(2024, 7, 11));
	/* 5: deadline 06-28, resolved 06-29: not overdue today */
	e = entry(&b, 5, "征拆");
	at(e, fx_day(2024, 6, 1), IS_OPEN, 1, fx_day(2024, 6, 28), fx_day(2024, 6, 28));
	at(e, fx_day(2024, 6, 29), IS_RESOLVED, 1, fx_day(2024, 6, 28), fx_day(2024, 6, 28));
	/* 6: deadline today: not overdue yet */
	e = entry(&b, 6, "审批");
	at(e, fx_day(2024, 6, 1), IS_OPEN, 1, fx_day(2024, 6, 30), fx_day(2024, 6, 30));
	/* 7: eight steps at level 1 (replies), a full timeline: nothing */
	e = entry(&b, 7, "八步");
	for (d = 1; d <= 8; d++)
		at(e, fx_day(2024, 6, 22 + d), IS_OPEN, 1, fx_day(2024, 12, 31),
		   fx_day(2024, 12, 31));

	notify_events(&b, fx_day(2024, 6, 30), &out);
	assert_int_equal(out.n, 4);
	assert_int_equal(out.v[0].kind, NK_ITEM_ESCALATED);
	assert_string_equal(out.v[0].key, "item_escalated:1:3:2024-06-24");
	assert_string_equal(out.v[0].text,
			    "项目2024-001（甲项目）督办事项「用地指标未落实」已由第2级（部门协调）"
			    "升至第3级（区领导协调），本级时限2024-07-04（2024-06-24升级）。");
	assert_int_equal(out.v[1].kind, NK_ITEM_ESCALATED);
	assert_string_equal(out.v[1].key, "item_escalated:1:4:2024-06-30");
	assert_string_equal(out.v[1].text,
			    "项目2024-001（甲项目）督办事项「用地指标未落实」已由第3级（区领导协调）"
			    "升至第4级（区协调会），本级时限2024-07-30（2024-06-30升级）。");
	assert_int_equal(out.v[2].kind, NK_ITEM_OVERDUE);
	assert_string_equal(out.v[2].key, "item_overdue:2:2024-06-23");
	assert_string_equal(out.v[2].text,
			    "项目2024-001（甲项目）督办事项「施工许可」办结时限2024-06-23已过，逾期未办结。");
	assert_int_equal(out.v[3].kind, NK_ITEM_OVERDUE);
	assert_string_equal(out.v[3].key, "item_overdue:4:2024-06-29");
	assert_string_equal(out.v[3].text,
			    "项目2024-001（甲项目）督办事项「资金」办结时限2024-06-29已过，逾期未办结。");
	/* appended, not replaced: a second call doubles the list */
	notify_events(&b, fx_day(2024, 6, 30), &out);
	assert_int_equal(out.n, 8);
	assert_string_equal(out.v[7].key, "item_overdue:4:2024-06-29");
	notify_list_release(&out);
	assert_null(out.v);
	assert_int_equal(out.n, 0);
	/* a week later nothing of these is new */
	notify_events(&b, fx_day(2024, 7, 8), &out);
	assert_int_equal(out.n, 0);
	notify_list_release(&out);
	/* on 06-24 (window 06-18 … 06-24): item 1 up on 06-23 and 06-24; items
	 * 2, 3 and 4 (deadline then 06-20) overdue from 06-24, 06-23, 06-21;
	 * item 2 of no project and without a title */
	b.v[1].p = NULL;
	free(b.v[1].it.title);
	b.v[1].it.title = NULL;
	notify_events(&b, fx_day(2024, 6, 24), &out);
	assert_int_equal(out.n, 5);
	assert_string_equal(out.v[0].key, "item_escalated:1:2:2024-06-23");
	assert_string_equal(out.v[1].key, "item_escalated:1:3:2024-06-24");
	assert_string_equal(out.v[2].key, "item_overdue:2:2024-06-23");
	assert_string_equal(out.v[2].text, "项目（）督办事项「」办结时限2024-06-23已过，逾期未办结。");
	assert_string_equal(out.v[3].key, "item_overdue:3:2024-06-22");
	assert_string_equal(out.v[4].key, "item_overdue:4:2024-06-20");
	notify_list_release(&out);
	book_release(&b);
	assert_string_equal(notify_kind_keys[NK_NEW_RED], "new_red");
}

/* 17 events: the list grows past its first 16 and keeps each. */
static void test_many_events(void **state)
{
	struct item_book b;
	struct notify_list out;
	char key[96];
	int64_t id;

	(void)state;
	memset(&b, 0, sizeof(b));
	memset(&out, 0, sizeof(out));
	proj.ref = ref2;
	proj.name = name2;
	for (id = 1; id <= 17; id++)
		at(entry(&b, id, "x"), fx_day(2024, 6, 1), IS_OPEN, 1, fx_day(2024, 6, 29),
		   fx_day(2024, 6, 29));
	notify_events(&b, fx_day(2024, 6, 30), &out);
	assert_int_equal(out.n, 17);
	for (id = 1; id <= 17; id++) {
		snprintf(key, sizeof(key), "item_overdue:%lld:2024-06-29", (long long)id);
		assert_string_equal(out.v[id - 1].key, key);
	}
	notify_list_release(&out);
	book_release(&b);
}

/* Projects whose start is overdue (red past 30 days late, the default):
 * red from planned start + 31. Today 06-30:
 *   A planned 05-27: red from 06-27, new (key day 06-27)
 *   B planned 05-24: red from 06-24, the window's first day: new
 *   C planned 05-23: red from 06-23, each of the 8 days: not new
 *   D … H planned 06-15: 15 days late, yellow: nothing */
static void test_new_red(void **state)
{
	struct dataset ds;
	struct warning_settings ws;
	struct notify_list out;
	static const int planned[] = { 27, 24, 23 };
	static const char *const refs[] = { "A", "B", "C" };
	struct project *p;
	size_t i;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	memset(&out, 0, sizeof(out));
	ds.year = 2024;
	fx_unit(&ds, 1, "S01", "S01", UNIT_SECTION, 0);
	dataset_index(&ds);
	for (i = 0; i < 3; i++) {
		p = fx_project(&ds, refs[i], 1, 0, 0, NULL, TIER_BIT(TIER_DISTRICT), AMOUNT_NONE);
		p->planned_start = fx_day(2024, 5, planned[i]);
		ds.reports[i].reported = 0xffffffu;
	}
	/* D … H yellow: eight warnings in all, a full array of them */
	for (i = 3; i < 8; i++) {
		char ref[2] = { (char)('A' + i), '\0' };

		p = fx_project(&ds, ref, 1, 0, 0, NULL, TIER_BIT(TIER_DISTRICT), AMOUNT_NONE);
		p->planned_start = fx_day(2024, 6, 15);
		ds.reports[i].reported = 0xffffffu;
	}
	warning_settings_defaults(&ws);

	notify_new_red(&ds, &ws, fx_day(2024, 6, 30), &out);
	assert_int_equal(out.n, 2);
	assert_int_equal(out.v[0].kind, NK_NEW_RED);
	assert_string_equal(out.v[0].key, "new_red:A:2024-06-27");
	assert_string_equal(out.v[0].text, "项目A（A）亮红灯：计划2024-05-27开工，已逾期34天未开工");
	assert_string_equal(out.v[1].key, "new_red:B:2024-06-24");
	assert_string_equal(out.v[1].text, "项目B（B）亮红灯：计划2024-05-24开工，已逾期37天未开工");
	notify_list_release(&out);
	/* on 06-27 A is red its first day: the spell begins today */
	notify_new_red(&ds, &ws, fx_day(2024, 6, 27), &out);
	assert_int_equal(out.n, 3);
	assert_string_equal(out.v[0].key, "new_red:A:2024-06-27");
	assert_string_equal(out.v[0].text, "项目A（A）亮红灯：计划2024-05-27开工，已逾期31天未开工");
	assert_string_equal(out.v[1].key, "new_red:B:2024-06-24");
	assert_string_equal(out.v[2].key, "new_red:C:2024-06-23");
	notify_list_release(&out);
	dataset_release(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_item_events),
		cmocka_unit_test(test_many_events),
		cmocka_unit_test(test_new_red),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
