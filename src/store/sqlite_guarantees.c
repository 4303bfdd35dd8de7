/* sqlite_guarantees.c — element guarantees (supplies) and demolition task
 * books (tasks, progress reports) in SQLite (store_guarantees.h): reads of
 * every row, and upserts by natural key through put_audited. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_guarantees.h"
#include "util/xalloc.h"

/* ---- supplies ---- */

/* The columns of SUPPLY_COLS (sqlite.c). */
static void col_supply(struct dbq *s, void *row)
{
	struct supply *r = row;
	char *doc;

	supply_init(r);
	r->id = dbq_i64(s, 0);
	r->project_id = dbq_i64(s, 1);
	r->year = (int)dbq_i64(s, 2);
	r->element = (enum element)col_key(s, 3, element_keys, EL__MAX, 0);
	r->kind = (enum supply_kind)col_key(s, 4, supply_kind_keys, SK__MAX, 0);
	r->on = col_day(s, 5);
	r->amount = dbq_i64(s, 6);
	doc = col_str(s, 7);
	if (doc && !*doc) {
		free(doc);
		doc = NULL;
	}
	r->doc_no = doc;
	r->version = dbq_i64(s, 8);
}

enum bl_err store_supplies(struct store *st, struct supply **out, size_t *n)
{
	return rows_read(st, stmt_get(st, ST_SUPPLIES), "read supplies", sizeof(**out), col_supply,
			 (void **)out, n);
}

static void col_supply_project(struct dbq *s, void *row)
{
	struct project *p = row;

	project_init(p);
	p->id = dbq_i64(s, 0);
	p->ref = col_str(s, 1);
	p->name = col_str(s, 2);
	p->section_id = col_id(s, 3);
	p->department_id = col_id(s, 4);
	p->stage_on[STAGE_SIGNED] = col_day(s, 5);
}

enum bl_err store_supply_projects(struct store *st, struct project **out, size_t *n)
{
	return rows_read(st, stmt_get(st, ST_SUPPLY_PROJECTS), "read the supplies' projects",
			 sizeof(**out), col_supply_project, (void **)out, n);
}

enum bl_err store_supply_find(struct store *st, const struct supply *key, struct supply *out)
{
	int need = key->kind == SK_NEED;
	struct dbq *s = stmt_get(st, need ? ST_SUPPLY_FIND_NEED : ST_SUPPLY_FIND_EVENT);
	enum bl_err rc = BL_OK;
	int step;

	supply_init(out);
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, key->project_id);
	dbq_bind_i64(s, 2, key->year);
	bind_str(s, 3, element_keys[key->element]);
	if (!need) {
		bind_str(s, 4, supply_kind_keys[key->kind]);
		bind_day(s, 5, key->on);
		bind_str(s, 6, key->doc_no ? key->doc_no : "");
	}
	step = dbq_step(s);
	if (step == DB_ROW)
		col_supply(s, out);
	else
		rc = step == DB_DONE ? BL_ENOTFOUND : db_fail(st, "read supply");
	dbq_reset(s);
	return rc;
}

/* ST_SUPPLY_INSERT: ?1 project … ?7 doc no; ST_SUPPLY_UPDATE: ?1 id, ?2 on,
 * ?3 amount, ?4 doc no, ?5 the stored version. */
static void supply_bind(struct dbq *s, void *row, int update)
{
	const struct supply *r = row;

	if (update) {
		dbq_bind_i64(s, 1, r->id);
		bind_day(s, 2, r->on);
		dbq_bind_i64(s, 3, r->amount);
		bind_str(s, 4, r->doc_no ? r->doc_no : "");
		dbq_bind_i64(s, 5, r->version);
		return;
	}
	dbq_bind_i64(s, 1, r->project_id);
	dbq_bind_i64(s, 2, r->year);
	bind_str(s, 3, element_keys[r->element]);
	bind_str(s, 4, supply_kind_keys[r->kind]);
	bind_day(s, 5, r->on);
	dbq_bind_i64(s, 6, r->amount);
	bind_str(s, 7, r->doc_no ? r->doc_no : "");
}

static const struct put_ops supply_kind = {
	.entity = "supply", .name = "supply", .insert = ST_SUPPLY_INSERT,
	.update = ST_SUPPLY_UPDATE, .bind = supply_bind, .flags = PUT_KEEP_SAME | PUT_DIFF,
};

/* Take the stored row's id and version (found: rc BL_OK) into *id and *version
 * for put_audited's update, or 0 for its insert. */
static enum bl_err take_stored(enum bl_err rc, int64_t old_id, int64_t old_version, int64_t *id,
			       int64_t *version)
{
	*id = rc ? 0 : old_id;
	if (!rc)
		*version = old_version;
	return rc == BL_ENOTFOUND ? BL_OK : rc;
}

enum bl_err store_supply_put(struct store *st, struct supply *s)
{
	struct supply old;
	enum bl_err rc = store_supply_find(st, s, &old);

	rc = take_stored(rc, old.id, old.version, &s->id, &s->version);
	supply_release(&old);
	return rc ? rc : put_audited(st, &supply_kind, s, &s->id, &s->version);
}

/* ---- demolition tasks ---- */

/* The columns of DEMO_TASK_COLS (sqlite.c). */
static void col_task(struct dbq *s, void *row)
{
	struct demolition_task *t = row;

	demolition_task_init(t);
	t->id = dbq_i64(s, 0);
	t->section_id = dbq_i64(s, 1);
	t->year = (int)dbq_i64(s, 2);
	t->name = col_str(s, 3);
	t->measure = (enum demolition_measure)col_key(s, 4, demolition_measure_keys, DM__MAX,
							   0);
	t->quantity = dbq_i64(s, 5);
	t->due = col_day(s, 6);
	t->version = dbq_i64(s, 7);
}

enum bl_err store_demolition_tasks(struct store *st, struct demolition_task **out, size_t *n)
{
	return rows_read(st, stmt_get(st, ST_DEMO_TASKS), "read demolition tasks", sizeof(**out),
			 col_task, (void **)out, n);
}

static void col_report(struct dbq *s, void *row)
{
	struct demolition_report *r = row;

	r->id = dbq_i64(s, 0);
	r->task_id = dbq_i64(s, 1);
	r->on = col_day(s, 2);
	r->done = dbq_i64(s, 3);
	r->version = dbq_i64(s, 4);
}

enum bl_err store_demolition_reports(struct store *st, struct demolition_report **out,
				     size_t *n)
{
	return rows_read(st, stmt_get(st, ST_DEMO_REPORTS), "read demolition reports",
			 sizeof(**out), col_report, (void **)out, n);
}

enum bl_err store_demolition_book(struct store *st, struct demolition_book *b)
{
	enum bl_err rc;

	memset(b, 0, sizeof(*b));
	rc = store_demolition_tasks(st, &b->tasks, &b->n_tasks);
	if (!rc)
		rc = store_demolition_reports(st, &b->reports, &b->n_reports);
	if (rc)
		demolition_book_release(b);
	return rc;
}

/* ST_DEMO_TASK_INSERT: ?1 section … ?6 due; ST_DEMO_TASK_UPDATE: ?1 id, ?2
 * measure, ?3 quantity, ?4 due, ?5 the stored version. */
static void task_bind(struct dbq *s, void *row, int update)
{
	const struct demolition_task *t = row;

	if (update) {
		dbq_bind_i64(s, 1, t->id);
		bind_str(s, 2, demolition_measure_keys[t->measure]);
		dbq_bind_i64(s, 3, t->quantity);
		bind_day(s, 4, t->due);
		dbq_bind_i64(s, 5, t->version);
		return;
	}
	dbq_bind_i64(s, 1, t->section_id);
	dbq_bind_i64(s, 2, t->year);
	bind_str(s, 3, t->name);
	bind_str(s, 4, demolition_measure_keys[t->measure]);
	dbq_bind_i64(s, 5, t->quantity);
	bind_day(s, 6, t->due);
}

static const struct put_ops task_kind = {
	.entity = "demolition_task", .name = "demolition task", .insert = ST_DEMO_TASK_INSERT,
	.update = ST_DEMO_TASK_UPDATE, .bind = task_bind, .flags = PUT_KEEP_SAME | PUT_DIFF,
};

enum bl_err store_demolition_task_put(struct store *st, struct demolition_task *t)
{
	struct dbq *s = stmt_get(st, ST_DEMO_TASK_FIND);
	struct demolition_task old;
	enum bl_err rc = BL_ENOTFOUND;
	int step;

	if (!s)
		return BL_EDB;
	demolition_task_init(&old);
	dbq_bind_i64(s, 1, t->section_id);
	dbq_bind_i64(s, 2, t->year);
	bind_str(s, 3, t->name);
	step = dbq_step(s);
	if (step == DB_ROW) {
		col_task(s, &old);
		rc = BL_OK;
	} else if (step != DB_DONE) {
		rc = db_fail(st, "read demolition task");
	}
	dbq_reset(s);
	rc = take_stored(rc, old.id, old.version, &t->id, &t->version);
	demolition_task_release(&old);
	return rc ? rc : put_audited(st, &task_kind, t, &t->id, &t->version);
}

/* ---- demolition progress reports ---- */

/* ST_DEMO_REPORT_INSERT: ?1 task, ?2 on, ?3 done; ST_DEMO_REPORT_UPDATE: ?1
 * id, ?2 done, ?3 the stored version. */
static void dreport_bind(struct dbq *s, void *row, int update)
{
	const struct demolition_report *r = row;

	if (update) {
		dbq_bind_i64(s, 1, r->id);
		dbq_bind_i64(s, 2, r->done);
		dbq_bind_i64(s, 3, r->version);
		return;
	}
	dbq_bind_i64(s, 1, r->task_id);
	bind_day(s, 2, r->on);
	dbq_bind_i64(s, 3, r->done);
}

static const struct put_ops dreport_kind = {
	.entity = "demolition_report", .name = "demolition report",
	.insert = ST_DEMO_REPORT_INSERT, .update = ST_DEMO_REPORT_UPDATE,
	.bind = dreport_bind, .flags = PUT_KEEP_SAME | PUT_DIFF,
};

enum bl_err store_demolition_report_find(struct store *st, int64_t task_id, bl_day on,
					 struct demolition_report *out)
{
	struct dbq *s = stmt_get(st, ST_DEMO_REPORT_FIND);
	enum bl_err rc = BL_OK;
	int step;

	memset(out, 0, sizeof(*out));
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, task_id);
	bind_day(s, 2, on);
	step = dbq_step(s);
	if (step == DB_ROW)
		col_report(s, out);
	else
		rc = step == DB_DONE ? BL_ENOTFOUND : db_fail(st, "read demolition report");
	dbq_reset(s);
	return rc;
}

enum bl_err store_demolition_report_put(struct store *st, struct demolition_report *r)
{
	struct demolition_report old;
	enum bl_err rc = store_demolition_report_find(st, r->task_id, r->on, &old);

	rc = take_stored(rc, old.id, old.version, &r->id, &r->version);
	return rc ? rc : put_audited(st, &dreport_kind, r, &r->id, &r->version);
}
