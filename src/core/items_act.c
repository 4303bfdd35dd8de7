/* items_act.c — what an action by hand makes of an item (items.h
 * item_next): the step of the timeline and the item's new state. Who may act
 * is core/workflow.c's question, asked before. */
#include "core/items.h"

#include <stdlib.h>
#include <string.h>

#include "core/workflow.h"
#include "util/xalloc.h"

void item_change_init(struct item_change *c, bl_day on)
{
	memset(c, 0, sizeof(*c));
	c->on = on;
	c->category = -1;
	c->deadline = DAY_NONE;
}

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

static int same_text(const char *a, const char *b)
{
	return (!a || !*a) ? (!b || !*b) : (b && !strcmp(a, b));
}

/* An edit: the fields given into next; 0 when one of them changed. */
static int edit(struct item *next, const struct item_change *c)
{
	int changed = 0;

	if (c->title && !same_text(c->title, next->title)) {
		free(next->title);
		next->title = xstrdup(c->title);
		changed = 1;
	}
	if (c->detail && !same_text(c->detail, next->detail)) {
		free(next->detail);
		next->detail = dup_or_null(c->detail);
		changed = 1;
	}
	if (c->category >= 0 && c->category < IC__MAX &&
	    (enum item_category)c->category != next->category) {
		next->category = (enum item_category)c->category;
		changed = 1;
	}
	if (c->owner_id && c->owner_id != next->owner_id) {
		next->owner_id = c->owner_id;
		changed = 1;
	}
	if (c->deadline != DAY_NONE && c->deadline != next->deadline) {
		next->deadline = next->level_deadline = c->deadline;
		changed = 1;
	}
	return changed ? 0 : -1;
}

static const enum item_step_kind kind_of[WA__MAX] = {
	[WA_SAVE] = IK_EDIT, [WA_REPLY] = IK_REPLY, [WA_ANSWER] = IK_ANSWER,
	[WA_RESOLVE] = IK_RESOLVE, [WA_CLOSE] = IK_CLOSE, [WA_REOPEN] = IK_REOPEN,
	[WA_ESCALATE] = IK_ESCALATE, [WA_IMPORT] = IK_IMPORT,
};

/* The state after act, into next (its status already to's). A deadline
 * this act sets may not lie before its day; one an edit leaves as it was
 * may (an overdue item's title or owner can still be corrected). */
static const char *state_after(struct item *next, int act, const struct item_change *c,
			       const struct item_settings *is, const char **field)
{
	bl_day was = next->deadline;

	if (act == WA_ESCALATE) {
		if (next->level >= ITEM_LEVEL_MAX) {
			*field = "level";
			return "the item is at level 4 (区协调会) already";
		}
		next->level++;
	}
	if (act == WA_ESCALATE || act == WA_REOPEN)
		next->level_deadline = c->deadline != DAY_NONE ? c->deadline
				       : item_deadline_for(c->on, next->level, is);
	if (act == WA_REOPEN)
		next->deadline = next->level_deadline;
	if (act == WA_SAVE && edit(next, c)) {
		*field = NULL;
		return "nothing to change";
	}
	if ((act == WA_SAVE ? next->deadline != was : act == WA_ESCALATE || act == WA_REOPEN) &&
	    (act == WA_ESCALATE ? next->level_deadline : next->deadline) < c->on) {
		*field = "deadline";
		return "the deadline is before the day it is set";
	}
	return NULL;
}

const char *item_next(const struct item *it, int act, int to, const struct item_change *c,
		      const struct item_settings *is, struct item *next, struct item_step *step,
		      const char **field)
{
	const char *why, *ignored;

	if (!field)
		field = &ignored;
	*field = NULL;
	if (act < 0 || act >= WA__MAX || act == WA_SUBMIT || act == WA_VERIFY ||
	    act == WA_RETURN) {
		*field = NULL;
		return "not an action on an item";
	}
	if (c->on == DAY_NONE) {
		*field = "on";
		return "the day is missing";
	}
	if (it->last_on != DAY_NONE && c->on < it->last_on) {
		*field = "on";
		return "the day is before the item's last step";
	}
	item_copy(next, it);
	if (to >= 0 && to < IS__MAX)
		next->status = (enum item_status)to;
	why = state_after(next, act, c, is, field);
	if (why) {
		item_release(next);
		return why;
	}
	next->last_on = c->on;
	memset(step, 0, sizeof(*step));
	step->item_id = it->id;
	step->kind = kind_of[act];
	step->on = c->on;
	step->body = dup_or_null(c->text);
	step->attachment = dup_or_null(c->attachment);
	step->after = item_current(next);
	return NULL;
}
