/* test_items.c — unit tests of src/core/items.c and items_act.c: the state on a
 * day from the timeline, overdue and days late on the exact days, escalation
 * one level at a time with the level's days over simulated months (levels and
 * deadlines computed by hand below), the step an action by hand makes, and
 * the texts an item is made from. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/items.h"
#include "core/workflow.h"
#include "util/xalloc.h"

static bl_day D(int y, int m, int d)
{
	return day_from_ymd(y, m, d);
}

static struct item_state S(enum item_status st, int level, bl_day deadline)
{
	struct item_state s = { st, level, deadline, deadline };

	return s;
}

static void test_vocabularies(void **state)
{
	(void)state;
	assert_string_equal(item_category_keys[IC_DEMOLITION], "demolition");
	assert_string_equal(item_category_labels[IC_DEMOLITION], "征拆");
	assert_string_equal(item_status_labels[IS_OPEN], "未办结");
	assert_string_equal(item_status_labels[IS_RESOLVED], "已办结");
	assert_string_equal(item_level_labels[4], "区协调会");
	assert_int_equal(item_category_from_text("用能"), IC_ENERGY);
	assert_int_equal(item_category_from_text("funds"), IC_FUNDS);
	assert_int_equal(item_category_from_text("Funds"), -1);
	assert_int_equal(item_status_from_text("已办结"), IS_RESOLVED);
	assert_int_equal(item_status_from_text("closed"), IS_CLOSED);
	assert_int_equal(item_level_from_text("3"), 3);
	assert_int_equal(item_level_from_text("区领导协调"), 3);
	assert_int_equal(item_level_from_text("0"), -1);
	assert_int_equal(item_level_from_text("5"), -1);
	assert_int_equal(item_level_from_text(""), -1);
	assert_int_equal(item_level_from_text(NULL), -1);
}

/* DOMAIN.md §6: overdue is pending after the deadline day; the deadline day
 * itself is still in time. */
static void test_overdue_on_the_exact_day(void **state)
{
	struct item_state open = S(IS_OPEN, 1, D(2024, 5, 31));
	struct item_state answered = S(IS_ANSWERED, 2, D(2024, 5, 31));
	struct item_state resolved = S(IS_RESOLVED, 2, D(2024, 5, 31));
	struct item_state closed = S(IS_CLOSED, 2, D(2024, 5, 31));

	(void)state;
	assert_false(item_overdue(&open, D(2024, 5, 31)));
	assert_true(item_overdue(&open, D(2024, 6, 1)));
	assert_int_equal(item_days_late(&open, D(2024, 6, 1)), 1);
	assert_int_equal(item_days_late(&open, D(2024, 6, 30)), 30);
	assert_int_equal(item_days_late(&open, D(2024, 5, 31)), 0);
	assert_true(item_overdue(&answered, D(2024, 6, 1)));
	assert_false(item_overdue(&resolved, D(2024, 12, 31)));
	assert_false(item_overdue(&closed, D(2024, 12, 31)));
	assert_int_equal(item_days_late(&resolved, D(2024, 12, 31)), 0);
	assert_true(item_pending(IS_OPEN) && item_pending(IS_ANSWERED));
	assert_false(item_pending(IS_RESOLVED) || item_pending(IS_CLOSED));
}

static void test_settings(void **state)
{
	struct item_settings is;

	(void)state;
	item_settings_defaults(&is);
	assert_int_equal(is.days[1], 15);
	assert_int_equal(is.days[2], 10);
	assert_int_equal(is.days[3], 10);
	assert_int_equal(is.days[4], 30);
	assert_true(item_setting_is_ours("items.days.level3"));
	assert_false(item_setting_is_ours("items.days.level5"));
	assert_false(item_setting_is_ours("warn.start_overdue.red_days"));
	assert_null(item_settings_set(&is, "items.days.level2", "7"));
	assert_int_equal(is.days[2], 7);
	assert_string_equal(item_settings_set(&is, "items.days.level2", "0"), "out of range (1 to 365)");
	assert_string_equal(item_settings_set(&is, "items.days.level2", "x"), "not a whole number");
	assert_string_equal(item_settings_set(&is, "items.nope", "3"), "unknown item setting");
	assert_int_equal(is.days[2], 7);
	assert_int_equal(item_deadline_for(D(2024, 4, 1), 1, &is), D(2024, 4, 16));
	assert_int_equal(item_deadline_for(D(2024, 4, 1), 2, &is), D(2024, 4, 8));
}

/* An item raised 2024-03-01 at level 1 with the default days (15, 10, 10,
 * 30) and nobody solving it, the escalation run every day through June.
 * By hand:
 *   raised 03-01, deadline 03-16 (03-01 + 15), its level's deadline the same
 *   03-17 past it: level 2, level deadline 03-27 (03-17 + 10)
 *   03-28: level 3, level deadline 04-07 (03-28 + 10)
 *   04-08: level 4, level deadline 05-08 (04-08 + 30)
 *   then no further; overdue since 03-17 against its deadline 03-16:
 *   06-30 is 106 days late (15 + 30 + 31 + 30). */
static void test_escalation_over_simulated_months(void **state)
{
	struct item_settings is;
	struct item_state s, to;
	struct {
		bl_day on;
		int level;
		bl_day deadline;
	} want[] = {
		{ D(2024, 3, 17), 2, D(2024, 3, 27) },
		{ D(2024, 3, 28), 3, D(2024, 4, 7) },
		{ D(2024, 4, 8), 4, D(2024, 5, 8) },
	};
	size_t k = 0;
	bl_day d;

	(void)state;
	item_settings_defaults(&is);
	s = S(IS_OPEN, 1, item_deadline_for(D(2024, 3, 1), 1, &is));
	assert_int_equal(s.deadline, D(2024, 3, 16));
	for (d = D(2024, 3, 1); d <= D(2024, 6, 30); d = day_add(d, 1)) {
		if (!item_escalation(&s, d, &is, &to))
			continue;
		assert_true(k < sizeof(want) / sizeof(want[0]));
		assert_int_equal(d, want[k].on);
		assert_int_equal(to.level, want[k].level);
		assert_int_equal(to.level_deadline, want[k].deadline);
		assert_int_equal(to.deadline, D(2024, 3, 16)); /* 办结时限 stays */
		assert_int_equal(to.status, IS_OPEN);
		/* idempotent for the day: the new deadline lies after it */
		assert_false(item_escalation(&to, d, &is, &s));
		s = to;
		k++;
	}
	assert_int_equal(k, 3);
	assert_int_equal(s.level, 4);
	assert_false(item_overdue(&s, D(2024, 3, 16)));
	assert_true(item_overdue(&s, D(2024, 3, 17)));
	assert_true(item_overdue(&s, D(2024, 6, 30)));
	assert_int_equal(item_days_late(&s, D(2024, 6, 30)), 106);
}

/* A run after a long gap moves one level only, from the day it runs; an
 * answered item still escalates (it is not resolved); a resolved one stays. */
static void test_escalation_one_level_per_run(void **state)
{
	struct item_settings is;
	struct item_state s = S(IS_OPEN, 1, D(2024, 1, 31)), to;

	(void)state;
	item_settings_defaults(&is);
	assert_true(item_escalation(&s, D(2024, 6, 30), &is, &to));
	assert_int_equal(to.level, 2);
	assert_int_equal(to.level_deadline, D(2024, 7, 10));
	assert_int_equal(to.deadline, D(2024, 1, 31));
	s = S(IS_ANSWERED, 3, D(2024, 6, 1));
	assert_true(item_escalation(&s, D(2024, 6, 2), &is, &to));
	assert_int_equal(to.level, 4);
	assert_int_equal(to.status, IS_ANSWERED);
	assert_int_equal(to.level_deadline, D(2024, 7, 2));
	s = S(IS_RESOLVED, 1, D(2024, 1, 31));
	assert_false(item_escalation(&s, D(2024, 6, 30), &is, &to));
	s = S(IS_CLOSED, 1, D(2024, 1, 31));
	assert_false(item_escalation(&s, D(2024, 6, 30), &is, &to));
	s = S(IS_OPEN, 1, D(2024, 6, 30));
	assert_false(item_escalation(&s, D(2024, 6, 30), &is, &to)); /* the deadline day */
}

/* The state on a day is the last point on or before it. */
static void test_track_at(void **state)
{
	struct item_track t;
	struct item_state s = S(IS_OPEN, 1, D(2024, 5, 15)), got;

	(void)state;
	memset(&t, 0, sizeof(t));
	item_track_add(&t, D(2024, 4, 30), &s);
	s = S(IS_OPEN, 2, D(2024, 5, 26));
	item_track_add(&t, D(2024, 5, 16), &s);
	s = S(IS_RESOLVED, 2, D(2024, 5, 26));
	item_track_add(&t, D(2024, 5, 20), &s);
	assert_false(item_track_at(&t, D(2024, 4, 29), &got));
	assert_true(item_track_at(&t, D(2024, 4, 30), &got));
	assert_int_equal(got.level, 1);
	assert_true(item_track_at(&t, D(2024, 5, 19), &got));
	assert_int_equal(got.level, 2);
	assert_int_equal(got.status, IS_OPEN);
	assert_true(item_track_at(&t, D(2024, 12, 31), &got));
	assert_int_equal(got.status, IS_RESOLVED);
	item_track_release(&t);
}

static void item_fixture(struct item *it)
{
	item_init(it);
	it->id = 7;
	it->project_id = 3;
	it->title = xstrdup("用地指标未落实");
	it->owner_id = 2;
	it->level = 2;
	it->raised_on = D(2024, 4, 1);
	it->deadline = it->level_deadline = D(2024, 5, 10);
	it->status = IS_OPEN;
	it->last_on = D(2024, 4, 20);
	it->version = 3;
}

/* What each action by hand makes: the step and the state after it. */
static void test_next(void **state)
{
	struct item_settings is;
	struct item_change ch;
	struct item it, next;
	struct item_step step;
	const char *field;

	(void)state;
	item_settings_defaults(&is);
	item_fixture(&it);
	item_change_init(&ch, D(2024, 5, 2));
	ch.text = "已与资规分局对接";
	ch.attachment = "对接会议纪要（OA 2024-118）";
	assert_null(item_next(&it, WA_REPLY, WF_UNCHANGED, &ch, &is, &next, &step, &field));
	assert_int_equal(step.kind, IK_REPLY);
	assert_int_equal(step.on, D(2024, 5, 2));
	assert_string_equal(step.body, "已与资规分局对接");
	assert_string_equal(step.attachment, "对接会议纪要（OA 2024-118）");
	assert_int_equal(step.after.status, IS_OPEN);
	assert_int_equal(next.last_on, D(2024, 5, 2));
	item_release(&next);
	item_step_release(&step);

	/* escalated by hand on 05-02: level 3, its level's deadline 05-02 + 10
	 * days, its own deadline as it was */
	assert_null(item_next(&it, WA_ESCALATE, WF_UNCHANGED, &ch, &is, &next, &step, &field));
	assert_int_equal(next.level, 3);
	assert_int_equal(next.level_deadline, D(2024, 5, 12));
	assert_int_equal(next.deadline, D(2024, 5, 10));
	assert_int_equal(step.after.level_deadline, D(2024, 5, 12));
	assert_int_equal(step.kind, IK_ESCALATE);
	item_release(&next);
	item_step_release(&step);

	/* reopened with a deadline given */
	it.status = IS_RESOLVED;
	ch.deadline = D(2024, 6, 30);
	assert_null(item_next(&it, WA_REOPEN, IS_OPEN, &ch, &is, &next, &step, &field));
	assert_int_equal(next.status, IS_OPEN);
	assert_int_equal(next.deadline, D(2024, 6, 30));
	assert_int_equal(next.level_deadline, D(2024, 6, 30));
	item_release(&next);
	item_step_release(&step);

	/* a deadline before the step's day; a day before the last step */
	ch.deadline = D(2024, 5, 1);
	assert_string_equal(item_next(&it, WA_REOPEN, IS_OPEN, &ch, &is, &next, &step, &field),
			    "the deadline is before the day it is set");
	assert_string_equal(field, "deadline");
	item_change_init(&ch, D(2024, 4, 19));
	ch.text = "x";
	assert_string_equal(item_next(&it, WA_REPLY, WF_UNCHANGED, &ch, &is, &next, &step, &field),
			    "the day is before the item's last step");
	assert_string_equal(field, "on");

	/* level 4 escalates no further; an edit must change something */
	it.status = IS_OPEN;
	it.level = 4;
	item_change_init(&ch, D(2024, 5, 2));
	assert_string_equal(item_next(&it, WA_ESCALATE, WF_UNCHANGED, &ch, &is, &next, &step,
				      &field), "the item is at level 4 (区协调会) already");
	assert_string_equal(field, "level");
	ch.title = "用地指标未落实";
	assert_string_equal(item_next(&it, WA_SAVE, WF_UNCHANGED, &ch, &is, &next, &step, &field),
			    "nothing to change");
	ch.title = "用地指标尚未落实";
	ch.category = IC_LAND;
	assert_null(item_next(&it, WA_SAVE, WF_UNCHANGED, &ch, &is, &next, &step, &field));
	assert_string_equal(next.title, "用地指标尚未落实");
	assert_int_equal(next.category, IC_LAND);
	assert_int_equal(step.kind, IK_EDIT);
	assert_int_equal(next.version, 3); /* the store advances it */
	item_release(&next);
	item_step_release(&step);
	item_release(&it);
}

/* An edit (save) of the fixture on 05-02, one field at a time: it changes
 * what it names, and "nothing to change" when every field given is as it is
 * (a detail "" is no detail). */
static const char *edit_one(const struct item *it, const struct item_change *ch,
			    struct item *next)
{
	struct item_settings is;
	struct item_step step;
	const char *field = "?", *why;

	item_settings_defaults(&is);
	why = item_next(it, WA_SAVE, WF_UNCHANGED, ch, &is, next, &step, &field);
	if (!why) {
		assert_int_equal(step.kind, IK_EDIT);
		item_step_release(&step);
		assert_null(field);
	}
	return why;
}

static void test_edit_each_field(void **state)
{
	struct item_change ch;
	struct item it, next;

	(void)state;
	item_fixture(&it);
	/* the detail: none → one; "" when none: nothing; "" when one: cleared */
	item_change_init(&ch, D(2024, 5, 2));
	ch.detail = "新说明";
	assert_null(edit_one(&it, &ch, &next));
	assert_string_equal(next.detail, "新说明");
	assert_string_equal(next.title, "用地指标未落实");
	item_release(&next);
	ch.detail = "";
	assert_string_equal(edit_one(&it, &ch, &next), "nothing to change");
	it.detail = xstrdup("旧说明");
	assert_null(edit_one(&it, &ch, &next));
	assert_null(next.detail);
	item_release(&next);
	ch.detail = "旧说明";
	assert_string_equal(edit_one(&it, &ch, &next), "nothing to change");
	/* the category: not given (-1), out of range, the same: nothing */
	item_change_init(&ch, D(2024, 5, 2));
	assert_string_equal(edit_one(&it, &ch, &next), "nothing to change");
	ch.category = IC__MAX;
	assert_string_equal(edit_one(&it, &ch, &next), "nothing to change");
	ch.category = (int)it.category;
	assert_string_equal(edit_one(&it, &ch, &next), "nothing to change");
	ch.category = IC_DEMOLITION;
	assert_null(edit_one(&it, &ch, &next));
	assert_int_equal(next.category, IC_DEMOLITION);
	assert_int_equal(next.owner_id, 2);
	item_release(&next);
	/* the owner: 0 is not given; the same: nothing; another: it */
	item_change_init(&ch, D(2024, 5, 2));
	ch.owner_id = 2;
	assert_string_equal(edit_one(&it, &ch, &next), "nothing to change");
	ch.owner_id = 5;
	assert_null(edit_one(&it, &ch, &next));
	assert_int_equal(next.owner_id, 5);
	assert_int_equal(next.deadline, D(2024, 5, 10));
	item_release(&next);
	/* the deadline: the same: nothing; another sets the level's too; the
	 * day of the edit itself is allowed, the day before it is not */
	item_change_init(&ch, D(2024, 5, 2));
	ch.deadline = D(2024, 5, 10);
	assert_string_equal(edit_one(&it, &ch, &next), "nothing to change");
	ch.deadline = D(2024, 5, 2);
	assert_null(edit_one(&it, &ch, &next));
	assert_int_equal(next.deadline, D(2024, 5, 2));
	assert_int_equal(next.level_deadline, D(2024, 5, 2));
	assert_int_equal(next.level, 2);
	item_release(&next);
	ch.deadline = D(2024, 5, 1);
	assert_string_equal(edit_one(&it, &ch, &next), "the deadline is before the day it is set");
	/* an edit that changes nothing but lies after a stale deadline is fine:
	 * only a deadline it sets is checked against its day */
	item_change_init(&ch, D(2024, 6, 1));
	ch.title = "新标题";
	assert_null(edit_one(&it, &ch, &next));
	assert_string_equal(next.title, "新标题");
	assert_int_equal(next.deadline, D(2024, 5, 10));
	item_release(&next);
	item_release(&it);
}

/* Which actions apply, the day of a step, the status it takes, and the step
 * each action writes. */
static void test_next_actions_and_days(void **state)
{
	static const struct {
		enum wf_action act;
		enum item_step_kind kind;
	} kinds[] = {
		{ WA_REPLY, IK_REPLY }, { WA_ANSWER, IK_ANSWER }, { WA_RESOLVE, IK_RESOLVE },
		{ WA_CLOSE, IK_CLOSE }, { WA_IMPORT, IK_IMPORT },
	};
	static const int not_ours[] = { -1, WA_SUBMIT, WA_VERIFY, WA_RETURN, WA__MAX };
	struct item_settings is;
	struct item_change ch;
	struct item it, next;
	struct item_step step;
	const char *field;
	size_t i;

	(void)state;
	item_settings_defaults(&is);
	item_fixture(&it);
	item_change_init(&ch, D(2024, 4, 20)); /* the last step's day itself */
	ch.text = "";
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		field = "?";
		assert_null(item_next(&it, kinds[i].act, IS_ANSWERED, &ch, &is, &next, &step,
				      &field));
		assert_null(field);
		assert_int_equal(step.kind, kinds[i].kind);
		assert_int_equal(step.item_id, 7);
		assert_int_equal(step.id, 0);
		assert_null(step.at);
		assert_null(step.actor);
		assert_null(step.body); /* "" is no text */
		assert_null(step.attachment);
		assert_int_equal(step.after.status, IS_ANSWERED);
		assert_int_equal(step.after.level, 2);
		assert_int_equal(step.after.deadline, D(2024, 5, 10));
		assert_int_equal(next.status, IS_ANSWERED);
		assert_int_equal(next.last_on, D(2024, 4, 20));
		item_release(&next);
		item_step_release(&step);
	}
	/* a to-status outside the item's (past the last, −1, unchanged) keeps
	 * its status */
	assert_null(item_next(&it, WA_REPLY, IS__MAX, &ch, &is, &next, &step, NULL));
	assert_int_equal(next.status, IS_OPEN);
	item_release(&next);
	item_step_release(&step);
	assert_null(item_next(&it, WA_REPLY, -1, &ch, &is, &next, &step, NULL));
	assert_int_equal(next.status, IS_OPEN);
	assert_int_equal(step.after.status, IS_OPEN);
	item_release(&next);
	item_step_release(&step);
	assert_null(item_next(&it, WA_REPLY, WF_UNCHANGED, &ch, &is, &next, &step, NULL));
	assert_int_equal(next.status, IS_OPEN);
	item_release(&next);
	item_step_release(&step);
	assert_null(item_next(&it, WA_RESOLVE, IS_OPEN, &ch, &is, &next, &step, NULL));
	assert_int_equal(next.status, IS_OPEN); /* status 0 is a status */
	item_release(&next);
	item_step_release(&step);
	for (i = 0; i < sizeof(not_ours) / sizeof(not_ours[0]); i++) {
		field = "?";
		assert_string_equal(item_next(&it, not_ours[i], IS_OPEN, &ch, &is, &next, &step,
					      &field), "not an action on an item");
		assert_null(field);
	}
	ch.on = DAY_NONE;
	assert_string_equal(item_next(&it, WA_REPLY, WF_UNCHANGED, &ch, &is, &next, &step,
				      &field), "the day is missing");
	assert_string_equal(field, "on");
	/* an item with no step yet takes any day */
	it.last_on = DAY_NONE;
	ch.on = D(2024, 1, 1);
	assert_null(item_next(&it, WA_REPLY, WF_UNCHANGED, &ch, &is, &next, &step, &field));
	item_release(&next);
	item_step_release(&step);
	item_release(&it);
}

/* Escalate and reopen: the level's deadline given, or the level's days
 * from the day; a given one before the day is refused, on the day taken. */
static void test_escalate_reopen_deadlines(void **state)
{
	struct item_settings is;
	struct item_change ch;
	struct item it, next;
	struct item_step step;
	const char *field;

	(void)state;
	item_settings_defaults(&is);
	item_fixture(&it);
	it.level = 1;
	item_change_init(&ch, D(2024, 5, 2));
	assert_null(item_next(&it, WA_ESCALATE, WF_UNCHANGED, &ch, &is, &next, &step, &field));
	assert_int_equal(next.level, 2);
	assert_int_equal(next.level_deadline, D(2024, 5, 12)); /* level 2: 10 days */
	assert_int_equal(next.deadline, D(2024, 5, 10));
	item_release(&next);
	item_step_release(&step);
	ch.deadline = D(2024, 5, 2);
	assert_null(item_next(&it, WA_ESCALATE, WF_UNCHANGED, &ch, &is, &next, &step, &field));
	assert_int_equal(next.level_deadline, D(2024, 5, 2));
	assert_int_equal(next.deadline, D(2024, 5, 10)); /* its own deadline stays */
	item_release(&next);
	item_step_release(&step);
	ch.deadline = D(2024, 5, 1);
	assert_string_equal(item_next(&it, WA_ESCALATE, WF_UNCHANGED, &ch, &is, &next, &step,
				      &field), "the deadline is before the day it is set");
	assert_string_equal(field, "deadline");
	/* level 3 → 4 is the last step up */
	it.level = 3;
	item_change_init(&ch, D(2024, 5, 2));
	assert_null(item_next(&it, WA_ESCALATE, WF_UNCHANGED, &ch, &is, &next, &step, &field));
	assert_int_equal(next.level, 4);
	assert_int_equal(next.level_deadline, D(2024, 6, 1)); /* level 4: 30 days */
	item_release(&next);
	item_step_release(&step);
	/* reopened without a deadline: its level's days from the day, both */
	it.level = 2;
	it.status = IS_CLOSED;
	assert_null(item_next(&it, WA_REOPEN, IS_OPEN, &ch, &is, &next, &step, &field));
	assert_int_equal(next.status, IS_OPEN);
	assert_int_equal(next.level, 2);
	assert_int_equal(next.deadline, D(2024, 5, 12));
	assert_int_equal(next.level_deadline, D(2024, 5, 12));
	assert_int_equal(step.kind, IK_REOPEN);
	item_release(&next);
	item_step_release(&step);
	/* a reply changes neither deadline, whatever a deadline given says */
	it.status = IS_OPEN;
	ch.deadline = D(2024, 4, 25);
	assert_null(item_next(&it, WA_REPLY, WF_UNCHANGED, &ch, &is, &next, &step, &field));
	assert_int_equal(next.deadline, D(2024, 5, 10));
	assert_int_equal(next.level_deadline, D(2024, 5, 10));
	assert_int_equal(next.level, 2);
	item_release(&next);
	item_step_release(&step);
	item_release(&it);
}

static void test_texts(void **state)
{
	char *t;

	(void)state;
	t = item_title_from_text("  地块尚未摘牌，影响开工。另需协调电力。");
	assert_string_equal(t, "地块尚未摘牌，影响开工");
	free(t);
	t = item_title_from_text("\n\n施工许可办理中\n桩基队伍已进场");
	assert_string_equal(t, "施工许可办理中");
	free(t);
	t = item_title_from_text("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
				 "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
				 "多出来的字");
	assert_string_equal(t, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
			       "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十…");
	free(t);
	assert_null(item_title_from_text("   \n  "));
	assert_null(item_title_from_text(NULL));
	assert_int_equal(item_guess_category("地块尚未摘牌，用地指标未落实"), IC_LAND);
	assert_int_equal(item_guess_category("施工许可手续办理缓慢，资金未到位"), IC_APPROVAL);
	assert_int_equal(item_guess_category("资金未到位，施工许可手续办理缓慢"), IC_FUNDS);
	assert_int_equal(item_guess_category("拆迁户未签约"), IC_DEMOLITION);
	assert_int_equal(item_guess_category("天气原因"), IC_OTHER);
	assert_null(item_text_problem("用地", ITEM_TITLE_MAX, 1));
	assert_string_equal(item_text_problem("", ITEM_TITLE_MAX, 1), "empty");
	assert_string_equal(item_text_problem("   ", ITEM_TITLE_MAX, 1), "empty");
	assert_string_equal(item_text_problem("a\nb", ITEM_TITLE_MAX, 1),
			    "holds a control character or line break");
	assert_null(item_text_problem("a\nb", ITEM_TEXT_MAX, 0));
	assert_string_equal(item_text_problem("a\x01", ITEM_TEXT_MAX, 0), "holds a control character");
	assert_string_equal(item_text_problem("\xc0\xaf", ITEM_TEXT_MAX, 0), "not valid UTF-8");
	assert_string_equal(item_text_problem(NULL, ITEM_TEXT_MAX, 0), "missing");
}

/* 200 characters, not bytes: 200 Chinese characters are 600 bytes. */
static void test_title_length_in_characters(void **state)
{
	char t[700];
	int i;

	(void)state;
	for (i = 0; i < 200; i++)
		memcpy(t + 3 * i, "项", 3);
	t[600] = '\0';
	assert_null(item_text_problem(t, ITEM_TITLE_MAX, 1));
	memcpy(t + 600, "项", 4);
	assert_string_equal(item_text_problem(t, ITEM_TITLE_MAX, 1), "longer than 200 characters");
}

/* Which texts are valid UTF-8 (RFC 3629): each range's first and last code
 * point is one character; an overlong form, a surrogate, a code point past
 * U+10FFFF, a stray continuation byte, a cut or a broken sequence is not. */
static void test_text_utf8(void **state)
{
	static const char *const valid[] = {
		"\xc2\x80", "\xdf\xbf",                  /* U+0080, U+07FF */
		"\xe0\xa0\x80", "\xed\x9f\xbf",          /* U+0800, U+D7FF */
		"\xee\x80\x80", "\xef\xbf\xbf",          /* U+E000, U+FFFF */
		"\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf",  /* U+10000, U+10FFFF */
	};
	static const char *const invalid[] = {
		"\xc0\x80", "\xc1\xbf",                  /* overlong 2 bytes */
		"\xe0\x9f\xbf",                          /* overlong 3 bytes (U+07FF) */
		"\xed\xa0\x80", "\xed\xbf\xbf",          /* surrogates U+D800, U+DFFF */
		"\xf0\x8f\xbf\xbf",                      /* overlong 4 bytes (U+FFFF) */
		"\xf4\x90\x80\x80",                      /* U+110000 */
		"\xf5\x80\x80\x80", "\xff",              /* no such lead byte */
		"\x80", "\xbf",                          /* a continuation alone */
		"\xc2", "\xe4\xb8", "\xf0\x9f\x98",      /* cut short */
		"\xc2\x41", "\xe4\x41\xb8", "\xf0\x9f\x98\x41", /* broken */
	};
	char buf[16];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		/* "a", the character, "b": three characters */
		snprintf(buf, sizeof(buf), "a%sb", valid[i]);
		assert_null(item_text_problem(buf, 3, 0));
		assert_string_equal(item_text_problem(buf, 2, 0), "longer than 2000 characters");
	}
	for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		snprintf(buf, sizeof(buf), "a%s", invalid[i]);
		assert_string_equal(item_text_problem(buf, ITEM_TEXT_MAX, 0), "not valid UTF-8");
	}
}

/* Control characters: none on one line; a text of several lines may hold a
 * tab, a line feed and a carriage return, no other (0x01–0x1f, 0x7f). */
static void test_text_controls(void **state)
{
	(void)state;
	assert_null(item_text_problem("a\tb\r\nc", ITEM_TEXT_MAX, 0));
	assert_string_equal(item_text_problem("a\tb", ITEM_TITLE_MAX, 1),
			    "holds a control character or line break");
	assert_string_equal(item_text_problem("a\rb", ITEM_TITLE_MAX, 1),
			    "holds a control character or line break");
	assert_string_equal(item_text_problem("a\x1f", ITEM_TEXT_MAX, 0),
			    "holds a control character");
	assert_string_equal(item_text_problem("a\x7f", ITEM_TEXT_MAX, 0),
			    "holds a control character");
	assert_string_equal(item_text_problem("a\x7f", ITEM_TITLE_MAX, 1),
			    "holds a control character or line break");
	assert_null(item_text_problem("a ~", ITEM_TITLE_MAX, 1)); /* 0x20 and 0x7e */
	assert_null(item_text_problem("\xc2\x80", ITEM_TITLE_MAX, 1)); /* U+0080 is text */
	assert_string_equal(item_text_problem("\t\n", ITEM_TEXT_MAX, 0), "empty");
	assert_null(item_text_problem("　", ITEM_TITLE_MAX, 1)); /* U+3000 is visible here */
}

/* The limits in characters and their messages: a title 200, an attachment
 * note 500, any other text 2000. */
static void test_text_limits(void **state)
{
	char t[2100];

	(void)state;
	memset(t, 'x', 501);
	t[500] = '\0';
	assert_null(item_text_problem(t, ITEM_ATTACHMENT_MAX, 0));
	t[500] = 'x';
	t[501] = '\0';
	assert_string_equal(item_text_problem(t, ITEM_ATTACHMENT_MAX, 0),
			    "longer than 500 characters");
	memset(t, 'x', 2001);
	t[2000] = '\0';
	assert_null(item_text_problem(t, ITEM_TEXT_MAX, 0));
	t[2000] = 'x';
	t[2001] = '\0';
	assert_string_equal(item_text_problem(t, ITEM_TEXT_MAX, 0),
			    "longer than 2000 characters");
}

/* 60 characters of "项" then s, as a title. */
static char *title_after_60(const char *s)
{
	char t[256];
	int i;

	for (i = 0; i < 60; i++)
		memcpy(t + 3 * i, "项", 3);
	snprintf(t + 180, sizeof(t) - 180, "%s", s);
	return item_title_from_text(t);
}

/* A title from a text: its first sentence (up to "。", "；", ";", a line
 * break), at most 60 characters with "…" only when the sentence goes on;
 * leading blanks (U+3000 too) and trailing spaces and tabs dropped. */
static void test_title_from_text_edges(void **state)
{
	char sixty[200], *t;
	int i;

	(void)state;
	for (i = 0; i < 60; i++)
		memcpy(sixty + 3 * i, "项", 3);
	sixty[180] = '\0';
	t = title_after_60("");
	assert_string_equal(t, sixty); /* exactly 60: no "…" */
	free(t);
	t = title_after_60("。后文");
	assert_string_equal(t, sixty); /* the sentence ends there */
	free(t);
	t = title_after_60("；后文");
	assert_string_equal(t, sixty);
	free(t);
	t = title_after_60(";x");
	assert_string_equal(t, sixty);
	free(t);
	t = title_after_60("\nx");
	assert_string_equal(t, sixty);
	free(t);
	t = title_after_60("多");
	assert_non_null(t);
	assert_int_equal(strlen(t), 183);
	assert_memory_equal(t, sixty, 180);
	assert_string_equal(t + 180, "…");
	free(t);
	t = item_title_from_text("\xe3\x80\x80\xe3\x80\x80 \t用地;其余");
	assert_string_equal(t, "用地");
	free(t);
	t = item_title_from_text("用地 \t\t \r下一行");
	assert_string_equal(t, "用地");
	free(t);
	t = item_title_from_text("用\t地\x01后");
	assert_string_equal(t, "用\t地");
	free(t);
	t = item_title_from_text("ab\xff" "cd");
	assert_string_equal(t, "ab"); /* up to a byte that is no character */
	free(t);
	t = item_title_from_text("a");
	assert_string_equal(t, "a");
	free(t);
	assert_null(item_title_from_text(""));
	assert_null(item_title_from_text("。后文"));
}

/* The words a category is guessed from, each alone, and the first in the
 * text wins. */
static void test_guess_category_words(void **state)
{
	static const struct {
		const char *text;
		enum item_category c;
	} cases[] = {
		{ "土地", IC_LAND }, { "能耗", IC_ENERGY }, { "用能", IC_ENERGY },
		{ "用电", IC_ENERGY }, { "电力", IC_ENERGY }, { "融资", IC_FUNDS },
		{ "贷款", IC_FUNDS }, { "审批", IC_APPROVAL }, { "备案", IC_APPROVAL },
		{ "征收", IC_DEMOLITION }, { "征拆", IC_DEMOLITION },
		{ "征拆后用地", IC_DEMOLITION }, { "用地要征拆", IC_LAND },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(item_guess_category(cases[i].text), cases[i].c);
	assert_int_equal(item_guess_category(NULL), IC_OTHER);
	assert_int_equal(item_guess_category(""), IC_OTHER);
}

/* Settings at their ends: 1 and 365 days are taken, 0 and 366 refused;
 * each level's key sets that level only; level 0 has no key. */
static void test_settings_edges(void **state)
{
	struct item_settings is;

	(void)state;
	item_settings_defaults(&is);
	assert_int_equal(is.days[0], 0);
	assert_null(item_settings_set(&is, "items.days.level1", "1"));
	assert_null(item_settings_set(&is, "items.days.level4", "365"));
	assert_string_equal(item_settings_set(&is, "items.days.level3", "366"),
			    "out of range (1 to 365)");
	assert_string_equal(item_settings_set(&is, "items.days.level3", ""), "not a whole number");
	assert_string_equal(item_settings_set(&is, "", "5"), "unknown item setting");
	assert_false(item_setting_is_ours(""));
	assert_true(item_setting_is_ours("items.days.level1"));
	assert_true(item_setting_is_ours("items.days.level4"));
	assert_int_equal(is.days[1], 1);
	assert_int_equal(is.days[2], 10);
	assert_int_equal(is.days[3], 10);
	assert_int_equal(is.days[4], 365);
	/* a level outside 1–4 takes the nearest level's days */
	assert_int_equal(item_deadline_for(D(2024, 2, 28), 0, &is), D(2024, 2, 29));
	assert_int_equal(item_deadline_for(D(2024, 2, 28), 9, &is), D(2025, 2, 27));
	assert_int_equal(item_status_from_text("open"), IS_OPEN);
	assert_int_equal(item_status_from_text("未办结"), IS_OPEN);
	assert_int_equal(item_status_from_text("已关闭"), IS_CLOSED);
	assert_int_equal(item_status_from_text("nope"), -1);
	assert_int_equal(item_level_from_text("1"), 1);
	assert_int_equal(item_level_from_text("4"), 4);
	assert_int_equal(item_level_from_text("区协调会"), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vocabularies),
		cmocka_unit_test(test_overdue_on_the_exact_day),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_escalation_over_simulated_months),
		cmocka_unit_test(test_escalation_one_level_per_run),
		cmocka_unit_test(test_track_at),
		cmocka_unit_test(test_next),
		cmocka_unit_test(test_edit_each_field),
		cmocka_unit_test(test_next_actions_and_days),
		cmocka_unit_test(test_escalate_reopen_deadlines),
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_title_length_in_characters),
		cmocka_unit_test(test_text_utf8),
		cmocka_unit_test(test_text_controls),
		cmocka_unit_test(test_text_limits),
		cmocka_unit_test(test_title_from_text_edges),
		cmocka_unit_test(test_guess_category_words),
		cmocka_unit_test(test_settings_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
