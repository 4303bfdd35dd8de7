/* sqlite_items.c — supervision items and their steps (store_items.h): reads,
 * the insert of an item with its first step, and the append of a step with
 * the row's new state, version re-checked and both audited. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_items.h"
#include "util/xalloc.h"

/* The columns of ITEM_COLS (sqlite.c). */
static void col_item(struct dbq *s, struct item *it)
{
	item_init(it);
	it->id = dbq_i64(s, 0);
	it->project_id = dbq_i64(s, 1);
	it->title = col_str(s, 2);
	it->detail = col_str(s, 3);
	it->category = (enum item_category)col_key(s, 4, item_category_keys, IC__MAX,
							   IC_OTHER);
	it->owner_id = col_id(s, 5);
	it->level = (int)dbq_i64(s, 6);
	it->raised_on = col_day(s, 7);
	it->deadline = col_day(s, 8);
	it->status = (enum item_status)col_key(s, 9, item_status_keys, IS__MAX, IS_OPEN);
	it->source = (enum item_source)col_key(s, 10, item_source_keys, ISRC__MAX,
						       ISRC_DIRECT);
	it->source_ref = col_str(s, 11);
	it->raised_by = col_str(s, 12);
	it->last_on = col_day(s, 13);
	it->version = dbq_i64(s, 14);
	it->level_deadline = col_day(s, 15);
}

/* The columns of ITEM_STEP_COLS (sqlite.c). */
static void col_step(struct dbq *s, struct item_step *st)
{
	memset(st, 0, sizeof(*st));
	st->id = dbq_i64(s, 0);
	st->item_id = dbq_i64(s, 1);
	st->kind = (enum item_step_kind)col_key(s, 2, item_step_keys, IK__MAX, IK_REPLY);
	st->on = col_day(s, 3);
	st->at = col_str(s, 4);
	st->actor = col_str(s, 5);
	st->body = col_str(s, 6);
	st->attachment = col_str(s, 7);
	st->after.status = (enum item_status)col_key(s, 8, item_status_keys, IS__MAX,
							     IS_OPEN);
	st->after.level = (int)dbq_i64(s, 9);
	st->after.deadline = col_day(s, 10);
	st->after.level_deadline = col_day(s, 11);
}

enum bl_err store_item_get(struct store *st, int64_t id, struct item *out)
{
	struct dbq *s = stmt_get(st, ST_ITEM_GET);
	enum bl_err rc = BL_OK;
	int step;

	item_init(out);
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, id);
	step = dbq_step(s);
	if (step == DB_ROW)
		col_item(s, out);
	else if (step == DB_DONE)
		rc = store_fail(st, BL_ENOTFOUND, "no item %lld", (long long)id);
	else
		rc = db_fail(st, "read item");
	dbq_reset(s);
	return rc;
}

enum bl_err store_items_each(struct store *st, int (*fn)(void *ctx, const struct item *it),
			     void *ctx)
{
	struct dbq *s = stmt_get(st, ST_ITEMS);
	struct item it;
	int stop = 0;
	enum bl_err rc = BL_OK;

	while (!stop && rows_next(st, s, "read items", &rc)) {
		col_item(s, &it);
		stop = fn(ctx, &it);
		item_release(&it);
	}
	dbq_reset(s);
	return rc;
}

enum bl_err store_item_find(struct store *st, int64_t project_id, const char *title,
			    bl_day raised_on, int64_t *id)
{
	struct dbq *s = stmt_get(st, ST_ITEM_FIND);
	enum bl_err rc = BL_OK;
	int step;

	*id = 0;
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, project_id);
	bind_str(s, 2, title);
	bind_day(s, 3, raised_on);
	step = dbq_step(s);
	if (step == DB_ROW)
		*id = dbq_i64(s, 0);
	else if (step == DB_DONE)
		rc = BL_ENOTFOUND;
	else
		rc = db_fail(st, "find item");
	dbq_reset(s);
	return rc;
}

enum bl_err store_item_steps(struct store *st, int64_t item_id,
			     int (*fn)(void *ctx, const struct item_step *s), void *ctx)
{
	struct dbq *s = stmt_get(st, item_id ? ST_ITEM_STEPS : ST_ITEM_STEPS_ALL);
	struct item_step one;
	int stop = 0;
	enum bl_err rc = BL_OK;

	if (!s)
		return BL_EDB;
	if (item_id)
		dbq_bind_i64(s, 1, item_id);
	while (!stop && rows_next(st, s, "read item steps", &rc)) {
		col_step(s, &one);
		stop = fn(ctx, &one);
		item_step_release(&one);
	}
	dbq_reset(s);
	return rc;
}

/* The columns of ST_ITEM_PROJECT(S) into p. */
static void col_brief(struct dbq *s, struct project *p)
{
	project_init(p);
	p->id = dbq_i64(s, 0);
	p->ref = col_str(s, 1);
	p->name = col_str(s, 2);
	p->leader = col_str(s, 3);
	p->section_id = col_id(s, 4);
	p->department_id = col_id(s, 5);
}

enum bl_err store_item_project(struct store *st, int64_t id, struct project *out)
{
	struct dbq *s = stmt_get(st, ST_ITEM_PROJECT);
	enum bl_err rc = BL_OK;
	int step;

	project_init(out);
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, id);
	step = dbq_step(s);
	if (step == DB_ROW)
		col_brief(s, out);
	else if (step == DB_DONE)
		rc = store_fail(st, BL_ENOTFOUND, "no project %lld", (long long)id);
	else
		rc = db_fail(st, "read project");
	dbq_reset(s);
	return rc;
}

enum bl_err store_item_projects(struct store *st,
				int (*fn)(void *ctx, const struct project *p), void *ctx)
{
	struct dbq *s = stmt_get(st, ST_ITEM_PROJECTS);
	struct project p;
	int stop = 0;
	enum bl_err rc = BL_OK;

	while (!stop && rows_next(st, s, "read the items' projects", &rc)) {
		col_brief(s, &p);
		stop = fn(ctx, &p);
		project_release(&p);
	}
	dbq_reset(s);
	return rc;
}

/* ---- writes (the audit forms: sqlite_forms.c item_fields, item_step_fields) ---- */

/* ST_ITEM_STEP_INSERT: ?1 item … ?11 level deadline. */
static void step_bind(struct dbq *s, void *row, int update)
{
	const struct item_step *step = row;

	(void)update;
	dbq_bind_i64(s, 1, step->item_id);
	bind_str(s, 2, item_step_keys[step->kind]);
	bind_day(s, 3, step->on);
	bind_str(s, 4, step->at);
	bind_str(s, 5, step->actor);
	bind_str(s, 6, step->body);
	bind_str(s, 7, step->attachment);
	bind_str(s, 8, item_status_keys[step->after.status]);
	dbq_bind_i64(s, 9, step->after.level);
	bind_day(s, 10, step->after.deadline);
	bind_day(s, 11, step->after.level_deadline);
}

static const struct put_ops step_kind = {
	.entity = "item_step", .name = "item step", .insert = ST_ITEM_STEP_INSERT,
	.update = ST_ITEM_STEP_INSERT, .bind = step_bind,
};

/* ST_ITEM_INSERT: ?1 project … ?14 level deadline; ST_ITEM_UPDATE: ?1 id, the
 * fields a step changes, ?10 the version re-checked. */
static void item_bind(struct dbq *s, void *row, int update)
{
	const struct item *it = row;

	if (update) {
		dbq_bind_i64(s, 1, it->id);
		bind_str(s, 2, it->title);
		bind_str(s, 3, it->detail);
		bind_str(s, 4, item_category_keys[it->category]);
		dbq_bind_i64(s, 5, it->owner_id);
		dbq_bind_i64(s, 6, it->level);
		bind_day(s, 7, it->deadline);
		bind_str(s, 8, item_status_keys[it->status]);
		bind_day(s, 9, it->last_on);
		dbq_bind_i64(s, 10, it->version);
		bind_day(s, 11, it->level_deadline);
		return;
	}
	dbq_bind_i64(s, 1, it->project_id);
	bind_str(s, 2, it->title);
	bind_str(s, 3, it->detail);
	bind_str(s, 4, item_category_keys[it->category]);
	dbq_bind_i64(s, 5, it->owner_id);
	dbq_bind_i64(s, 6, it->level);
	bind_day(s, 7, it->raised_on);
	bind_day(s, 8, it->deadline);
	bind_str(s, 9, item_status_keys[it->status]);
	bind_str(s, 10, item_source_keys[it->source]);
	bind_str(s, 11, it->source_ref);
	bind_str(s, 12, it->raised_by);
	bind_day(s, 13, it->last_on);
	bind_day(s, 14, it->level_deadline);
}

static const struct put_ops item_kind = {
	.entity = "item", .name = "item", .insert = ST_ITEM_INSERT,
	.update = ST_ITEM_UPDATE, .bind = item_bind, .flags = PUT_KEEP_SAME,
};

static enum bl_err insert_step(struct store *st, struct item_step *step)
{
	row_stamp(st, &step->at, &step->actor);
	step->id = 0;
	return put_audited(st, &step_kind, step, &step->id, NULL);
}

/* The row's state fields from the step that leaves it. */
static void take_state(struct item *it, const struct item_step *step)
{
	it->status = step->after.status;
	it->level = step->after.level;
	it->deadline = step->after.deadline;
	it->level_deadline = step->after.level_deadline;
	it->last_on = step->on;
}

enum bl_err store_item_insert(struct store *st, struct item *it, struct item_step *step)
{
	enum bl_err rc;

	take_state(it, step);
	if (!it->raised_by)
		it->raised_by = xstrdup(st->actor ? st->actor : "ballast");
	it->id = 0;
	rc = put_audited(st, &item_kind, it, &it->id, &it->version);
	if (rc)
		return rc;
	step->item_id = it->id;
	return insert_step(st, step);
}

enum bl_err store_item_step(struct store *st, struct item *it, struct item_step *step)
{
	enum store_put how;
	struct item old;
	char day[11];
	enum bl_err rc;

	st->last_put = PUT_UNCHANGED;
	rc = store_item_get(st, it->id, &old);
	if (rc)
		return rc;
	if (old.version != it->version) {
		rc = store_fail(st, BL_ECONFLICT, "stale: item %lld is at version %lld, not %lld",
				(long long)it->id, (long long)old.version, (long long)it->version);
		goto out;
	}
	if (old.last_on != DAY_NONE && step->on < old.last_on) {
		rc = store_fail(st, BL_EINVAL, "a step of item %lld cannot come before its last "
				"step (%s)", (long long)it->id, day_format(old.last_on, day));
		goto out;
	}
	take_state(it, step);
	/* The raise's facts stay as they were. */
	it->project_id = old.project_id;
	it->raised_on = old.raised_on;
	it->source = old.source;
	free(it->source_ref);
	it->source_ref = old.source_ref ? xstrdup(old.source_ref) : NULL;
	free(it->raised_by);
	it->raised_by = old.raised_by ? xstrdup(old.raised_by) : NULL;
	rc = put_audited(st, &item_kind, it, &it->id, &it->version);
	if (rc)
		goto out;
	how = st->last_put;
	step->item_id = it->id;
	rc = insert_step(st, step);
	st->last_put = how;
out:
	item_release(&old);
	return rc;
}
