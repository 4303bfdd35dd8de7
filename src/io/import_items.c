/* import_items.c — the items file (INTERFACES.md "Next contracts", items):
 * supervision items upserted by (ref, title, raised_on). A new item is raised
 * on its raised_on at its level and deadline; a status other than open is a
 * second step on resolved_on (else today). A stored item that the row changes
 * gets one import step with its new state, today (or on resolved_on when the
 * row settles it), never before its last step. The importer acts as the
 * project office (core/workflow.c, WF_ITEM import). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/workflow.h"
#include "io/import_int.h"
#include "io/parse.h"
#include "io/scope_params.h"
#include "store/store_items.h"
#include "util/xalloc.h"

#define UNIT_KINDS_ANY ((1u << UNIT_KIND__MAX) - 1)

/* A choice cell: its index by key or label (from), def when blank, -1 after a
 * problem. */
static int choice(struct importer *im, int def_col, int (*from_text)(const char *), int def,
		  const char *allowed)
{
	const char *s = imp_cell(im, def_col);
	char *t = NULL;
	int v;

	if (!s)
		return def;
	if (imp_text(im, def_col, CODE_MAX, &t))
		return -1;
	v = from_text(t);
	if (v < 0)
		imp_problem(im, def_col, t, "not one of %s", allowed);
	free(t);
	return v;
}

/* The title: one line of 1–200 characters. */
static void read_title(struct importer *im, struct item *it)
{
	const char *why;

	if (imp_text(im, IT_TITLE, TEXT_MAX, &it->title) || !it->title)
		return;
	why = item_text_problem(it->title, ITEM_TITLE_MAX, 1);
	if (why)
		imp_problem(im, IT_TITLE, it->title, "%s", why);
}

/* The days of a row, checked against each other and today. */
static void check_days(struct importer *im, const struct itrow *r)
{
	bl_day today = scope_today();
	char d[11];

	if (r->it.raised_on != DAY_NONE && r->it.raised_on > today)
		imp_problem(im, IT_RAISED_ON, day_format(r->it.raised_on, d), "after today");
	if (r->it.deadline != DAY_NONE && r->it.raised_on != DAY_NONE &&
	    r->it.deadline < r->it.raised_on)
		imp_problem(im, IT_DEADLINE, day_format(r->it.deadline, d), "before raised_on");
	if (r->resolved_on == DAY_NONE)
		return;
	if (item_pending(r->it.status))
		imp_problem(im, IT_RESOLVED_ON, day_format(r->resolved_on, d),
			    "given for an item that is not resolved or closed");
	else if (r->it.raised_on != DAY_NONE && r->resolved_on < r->it.raised_on)
		imp_problem(im, IT_RESOLVED_ON, day_format(r->resolved_on, d), "before raised_on");
	else if (r->resolved_on > today)
		imp_problem(im, IT_RESOLVED_ON, day_format(r->resolved_on, d), "after today");
}

void imp_row_item(struct importer *im)
{
	struct itrow r;
	char *ref = NULL, key[600], day[11];
	size_t before = im->nproblems;
	int v;

	item_init(&r.it);
	r.resolved_on = DAY_NONE;
	r.row = im->row;
	imp_need(im, IT_REF);
	imp_need(im, IT_TITLE);
	imp_need(im, IT_RAISED_ON);
	imp_text(im, IT_REF, CODE_MAX, &ref);
	read_title(im, &r.it);
	v = choice(im, IT_CATEGORY, item_category_from_text, IC_OTHER,
		   "用地, 用能, 资金, 审批, 征拆, 其他 (land, energy, funds, approval, demolition, other)");
	r.it.category = v < 0 ? IC_OTHER : (enum item_category)v;
	v = choice(im, IT_LEVEL, item_level_from_text, ITEM_LEVEL_MIN,
		   "1, 2, 3, 4 (板块协调, 部门协调, 区领导协调, 区协调会)");
	r.it.level = v < 0 ? ITEM_LEVEL_MIN : v;
	v = choice(im, IT_STATUS, item_status_from_text, IS_OPEN,
		   "未办结, 已答复, 已办结, 已关闭 (open, answered, resolved, closed)");
	r.it.status = v < 0 ? IS_OPEN : (enum item_status)v;
	imp_unit(im, IT_OWNER, UNIT_KINDS_ANY, &r.it.owner_id);
	imp_day(im, IT_RAISED_ON, &r.it.raised_on);
	imp_day(im, IT_DEADLINE, &r.it.deadline);
	imp_day(im, IT_RESOLVED_ON, &r.resolved_on);
	imp_text(im, IT_DETAIL, TEXT_MAX, &r.it.detail);
	check_days(im, &r);
	if (ref) {
		r.it.project_id = imp_project_id(im, ref);
		if (!r.it.project_id)
			imp_problem(im, IT_REF, ref, "no project has this ref (import projects first)");
	}
	if (im->nproblems == before) {
		snprintf(key, sizeof(key), "%lld\x1f%s\x1f%s", (long long)r.it.project_id,
			 r.it.title, day_format(r.it.raised_on, day));
		imp_once(im, IT_TITLE, key, r.it.title);
	}
	if (im->nproblems > before) {
		free(ref);
		item_release(&r.it);
		return;
	}
	r.ref = ref;
	im->cur.item = r; /* written at once, in the import's transaction */
	im->have_row = 1;
}

/* The row's defaults that need the database: the owner (the project's
 * section) and the deadline (the level's days from raised_on). */
static enum bl_err complete(struct importer *im, struct itrow *r)
{
	struct item_settings is;
	struct project p;
	enum bl_err rc;

	if (!r->it.owner_id) {
		rc = store_project_by_ref(im->st, r->ref, &p);
		if (rc)
			return rc;
		r->it.owner_id = p.section_id;
		project_release(&p);
	}
	if (r->it.deadline == DAY_NONE) {
		if (item_settings_load(im->st, &is, NULL, NULL) < 0)
			item_settings_defaults(&is);
		r->it.deadline = item_deadline_for(r->it.raised_on, r->it.level, &is);
	}
	r->it.level_deadline = r->it.deadline;
	return BL_OK;
}

static void step_init(struct item_step *s, enum item_step_kind kind, bl_day on,
		      const struct item *it)
{
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->on = on;
	s->after = item_current(it);
}

/* The day a step of the import takes effect: when is given, else today;
 * never before the item's last step. */
static bl_day step_day(bl_day when, bl_day last_on)
{
	bl_day d = when != DAY_NONE ? when : scope_today();

	return last_on != DAY_NONE && d < last_on ? last_on : d;
}

static int same_text(const char *a, const char *b)
{
	return !a ? !b : (b && !strcmp(a, b));
}

static enum bl_err write_new(struct importer *im, struct itrow *r)
{
	struct item_step step;
	enum item_status status = r->it.status;
	enum bl_err rc;

	r->it.source = ISRC_IMPORT;
	r->it.status = IS_OPEN;
	step_init(&step, IK_RAISE, r->it.raised_on, &r->it);
	rc = store_item_insert(im->st, &r->it, &step);
	item_step_release(&step);
	if (rc || status == IS_OPEN)
		return rc;
	r->it.status = status;
	step_init(&step, IK_IMPORT, step_day(r->resolved_on, r->it.raised_on), &r->it);
	rc = store_item_step(im->st, &r->it, &step);
	item_step_release(&step);
	return rc;
}

enum bl_err imp_write_item(struct importer *im, enum store_put *how)
{
	struct itrow *r = &im->cur.item;
	struct item old, next;
	struct item_step step;
	enum bl_err rc;
	int64_t id;

	*how = PUT_UNCHANGED;
	rc = complete(im, r);
	if (rc)
		return rc;
	rc = store_item_find(im->st, r->it.project_id, r->it.title, r->it.raised_on, &id);
	if (rc == BL_ENOTFOUND) {
		*how = PUT_INSERTED;
		return write_new(im, r);
	}
	if (rc)
		return rc;
	rc = store_item_get(im->st, id, &old);
	if (rc)
		return rc;
	if (old.category == r->it.category && old.owner_id == r->it.owner_id &&
	    old.level == r->it.level && old.deadline == r->it.deadline &&
	    old.status == r->it.status && same_text(old.detail, r->it.detail)) {
		item_release(&old);
		return BL_OK;
	}
	*how = PUT_UPDATED;
	item_copy(&next, &old);
	next.category = r->it.category;
	next.owner_id = r->it.owner_id;
	next.level = r->it.level;
	if (next.deadline != r->it.deadline)
		next.deadline = next.level_deadline = r->it.deadline;
	next.status = r->it.status;
	free(next.detail);
	next.detail = r->it.detail ? xstrdup(r->it.detail) : NULL;
	/* A row that settles the item takes effect on resolved_on; other
	 * changes today. */
	step_init(&step, IK_IMPORT, step_day(next.status != old.status && !item_pending(next.status)
					     ? r->resolved_on : DAY_NONE, old.last_on), &next);
	rc = store_item_step(im->st, &next, &step);
	item_step_release(&step);
	item_release(&next);
	item_release(&old);
	return rc;
}

void imp_item_release(struct importer *im)
{
	item_release(&im->cur.item.it);
	free(im->cur.item.ref);
}
