/* sqlite_guarantees.c — element guarantees (supplies) and demolition task
 * books (tasks, progress reports) in SQLite (store_guarantees.h): reads of
 * every row, and upserts by natural key through put_audited. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_guarantees.h"
#include "util/xalloc.h"

static int key_of(const unsigned char *s, const char *const *keys, int n)
{
	int i;

	for (i = 0; s && i < n; i++)
		if (!strcmp((const char *)s, keys[i]))
			return i;
	return 0; /* the CHECK constraints keep other values out */
}

static void j_day(struct buf *b, const char *k, bl_day d)
{
	char day[11];

	buf_addf(b, ",\"%s\":", k);
	if (d == DAY_NONE)
		buf_adds(b, "null");
	else
		buf_addf(b, "\"%s\"", day_format(d, day));
}

/* ---- supplies ---- */

/* The columns of SUPPLY_COLS (sqlite.c). */
static void col_supply(sqlite3_stmt *s, struct supply *r)
{
	char *doc;

	supply_init(r);
	r->id = sqlite3_column_int64(s, 0);
	r->project_id = sqlite3_column_int64(s, 1);
	r->year = sqlite3_column_int(s, 2);
	r->element = (enum element)key_of(sqlite3_column_text(s, 3), element_keys, EL__MAX);
	r->kind = (enum supply_kind)key_of(sqlite3_column_text(s, 4), supply_kind_keys, SK__MAX);
	r->on = col_day(s, 5);
	r->amount = sqlite3_column_int64(s, 6);
	doc = col_str(s, 7);
	if (doc && !*doc) {
		free(doc);
		doc = NULL;
	}
	r->doc_no = doc;
	r->version = sqlite3_column_int64(s, 8);
}

enum bl_err store_supplies(struct store *st, struct supply **out, size_t *n)
{
	sqlite3_stmt *s = stmt_get(st, ST_SUPPLIES);
	size_t alloc = 0;
	int step;

	*out = NULL;
	*n = 0;
	if (!s)
		return BL_EDB;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		XGROW(*out, alloc, *n + 1);
		col_supply(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	return step == SQLITE_DONE ? BL_OK : db_fail(st, "read supplies");
}

enum bl_err store_supply_projects(struct store *st, struct project **out, size_t *n)
{
	sqlite3_stmt *s = stmt_get(st, ST_SUPPLY_PROJECTS);
	size_t alloc = 0;
	int step;

	*out = NULL;
	*n = 0;
	if (!s)
		return BL_EDB;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct project *p;

		XGROW(*out, alloc, *n + 1);
		p = &(*out)[(*n)++];
		project_init(p);
		p->id = sqlite3_column_int64(s, 0);
		p->ref = col_str(s, 1);
		p->name = col_str(s, 2);
		p->section_id = col_id(s, 3);
		p->department_id = col_id(s, 4);
		p->stage_on[STAGE_SIGNED] = col_day(s, 5);
	}
	sqlite3_reset(s);
	return step == SQLITE_DONE ? BL_OK : db_fail(st, "read the supplies' projects");
}

struct supply_put {
	struct supply *s, old;
};

static void supply_json(struct buf *b, const struct supply *r)
{
	buf_addf(b, "{\"id\":%lld,\"project_id\":%lld,\"year\":%d,\"element\":\"%s\","
		 "\"kind\":\"%s\"", (long long)r->id, (long long)r->project_id, r->year,
		 element_keys[r->element], supply_kind_keys[r->kind]);
	j_day(b, "on", r->on);
	buf_addf(b, ",\"amount\":%lld,\"doc_no\":", (long long)r->amount);
	buf_add_json_str(b, r->doc_no ? r->doc_no : "");
	buf_addch(b, '}');
}

static enum bl_err supply_get(struct store *st, void *p)
{
	struct supply_put *sp = p;
	const struct supply *r = sp->s;
	int need = r->kind == SK_NEED;
	sqlite3_stmt *s = stmt_get(st, need ? ST_SUPPLY_FIND_NEED : ST_SUPPLY_FIND_EVENT);
	enum bl_err rc = BL_OK;
	int step;

	if (!s)
		return BL_EDB;
	sqlite3_bind_int64(s, 1, r->project_id);
	sqlite3_bind_int(s, 2, r->year);
	bind_str(s, 3, element_keys[r->element]);
	if (!need) {
		bind_str(s, 4, supply_kind_keys[r->kind]);
		bind_day(s, 5, r->on);
		bind_str(s, 6, r->doc_no ? r->doc_no : "");
	}
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		supply_release(&sp->old);
		col_supply(s, &sp->old);
		sp->s->id = sp->old.id;
	} else {
		rc = step == SQLITE_DONE ? BL_ENOTFOUND : db_fail(st, "read supply");
	}
	sqlite3_reset(s);
	return rc;
}

static void supply_bind(sqlite3_stmt *s, void *p, int update)
{
	struct supply_put *sp = p;
	const struct supply *r = sp->s;

	if (update) {
		sqlite3_bind_int64(s, 1, sp->old.id);
		bind_day(s, 2, r->on);
		sqlite3_bind_int64(s, 3, r->amount);
		bind_str(s, 4, r->doc_no ? r->doc_no : "");
		sqlite3_bind_int64(s, 5, sp->old.version);
		return;
	}
	sqlite3_bind_int64(s, 1, r->project_id);
	sqlite3_bind_int(s, 2, r->year);
	bind_str(s, 3, element_keys[r->element]);
	bind_str(s, 4, supply_kind_keys[r->kind]);
	bind_day(s, 5, r->on);
	sqlite3_bind_int64(s, 6, r->amount);
	bind_str(s, 7, r->doc_no ? r->doc_no : "");
}

static void supply_put_json(struct buf *b, void *p, int stored)
{
	struct supply_put *sp = p;

	supply_json(b, stored ? &sp->old : sp->s);
}

static void supply_done(struct store *st, void *p, enum store_put how, struct buf *key)
{
	struct supply_put *sp = p;

	if (how == PUT_INSERTED)
		sp->s->id = sqlite3_last_insert_rowid(st->db);
	sp->s->version = put_version(how, sp->old.version);
	if (key)
		buf_addf(key, "%lld", (long long)sp->s->id);
}

static const struct put_ops supply_ops = {
	.entity = "supply", .what = { "insert supply", "update supply" },
	.insert = ST_SUPPLY_INSERT, .update = ST_SUPPLY_UPDATE, .guess = -1,
	.get = supply_get, .bind = supply_bind, .json = supply_put_json, .done = supply_done,
};

enum bl_err store_supply_find(struct store *st, const struct supply *key, struct supply *out)
{
	struct supply copy = *key;
	struct supply_put sp = { .s = &copy };
	enum bl_err rc;

	supply_init(&sp.old);
	rc = supply_get(st, &sp);
	*out = sp.old; /* the stored row, or an empty one */
	return rc;
}

enum bl_err store_supply_put(struct store *st, struct supply *s)
{
	struct supply_put sp = { .s = s };
	enum bl_err rc;

	supply_init(&sp.old);
	rc = put_audited(st, &supply_ops, &sp);
	supply_release(&sp.old);
	return rc;
}

/* ---- demolition tasks ---- */

/* The columns of DEMO_TASK_COLS (sqlite.c). */
static void col_task(sqlite3_stmt *s, struct demolition_task *t)
{
	demolition_task_init(t);
	t->id = sqlite3_column_int64(s, 0);
	t->section_id = sqlite3_column_int64(s, 1);
	t->year = sqlite3_column_int(s, 2);
	t->name = col_str(s, 3);
	t->measure = (enum demolition_measure)key_of(sqlite3_column_text(s, 4),
						     demolition_measure_keys, DM__MAX);
	t->quantity = sqlite3_column_int64(s, 5);
	t->due = col_day(s, 6);
	t->version = sqlite3_column_int64(s, 7);
}

enum bl_err store_demolition_tasks(struct store *st, struct demolition_task **out, size_t *n)
{
	sqlite3_stmt *s = stmt_get(st, ST_DEMO_TASKS);
	size_t alloc = 0;
	int step;

	*out = NULL;
	*n = 0;
	if (!s)
		return BL_EDB;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		XGROW(*out, alloc, *n + 1);
		col_task(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	return step == SQLITE_DONE ? BL_OK : db_fail(st, "read demolition tasks");
}

static void col_report(sqlite3_stmt *s, struct demolition_report *r)
{
	r->id = sqlite3_column_int64(s, 0);
	r->task_id = sqlite3_column_int64(s, 1);
	r->on = col_day(s, 2);
	r->done = sqlite3_column_int64(s, 3);
	r->version = sqlite3_column_int64(s, 4);
}

enum bl_err store_demolition_reports(struct store *st, struct demolition_report **out,
				     size_t *n)
{
	sqlite3_stmt *s = stmt_get(st, ST_DEMO_REPORTS);
	size_t alloc = 0;
	int step;

	*out = NULL;
	*n = 0;
	if (!s)
		return BL_EDB;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		XGROW(*out, alloc, *n + 1);
		col_report(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	return step == SQLITE_DONE ? BL_OK : db_fail(st, "read demolition reports");
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

struct task_put {
	struct demolition_task *t, old;
};

static void task_json(struct buf *b, const struct demolition_task *t)
{
	buf_addf(b, "{\"id\":%lld,\"section_id\":%lld,\"year\":%d,\"name\":", (long long)t->id,
		 (long long)t->section_id, t->year);
	buf_add_json_str(b, t->name ? t->name : "");
	buf_addf(b, ",\"measure\":\"%s\",\"quantity\":%lld", demolition_measure_keys[t->measure],
		 (long long)t->quantity);
	j_day(b, "due", t->due);
	buf_addch(b, '}');
}

static enum bl_err task_get(struct store *st, void *p)
{
	struct task_put *tp = p;
	sqlite3_stmt *s = stmt_get(st, ST_DEMO_TASK_FIND);
	enum bl_err rc = BL_OK;
	int step;

	if (!s)
		return BL_EDB;
	sqlite3_bind_int64(s, 1, tp->t->section_id);
	sqlite3_bind_int(s, 2, tp->t->year);
	bind_str(s, 3, tp->t->name);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		demolition_task_release(&tp->old);
		col_task(s, &tp->old);
		tp->t->id = tp->old.id;
	} else {
		rc = step == SQLITE_DONE ? BL_ENOTFOUND : db_fail(st, "read demolition task");
	}
	sqlite3_reset(s);
	return rc;
}

static void task_bind(sqlite3_stmt *s, void *p, int update)
{
	struct task_put *tp = p;
	const struct demolition_task *t = tp->t;

	if (update) {
		sqlite3_bind_int64(s, 1, tp->old.id);
		bind_str(s, 2, demolition_measure_keys[t->measure]);
		sqlite3_bind_int64(s, 3, t->quantity);
		bind_day(s, 4, t->due);
		sqlite3_bind_int64(s, 5, tp->old.version);
		return;
	}
	sqlite3_bind_int64(s, 1, t->section_id);
	sqlite3_bind_int(s, 2, t->year);
	bind_str(s, 3, t->name);
	bind_str(s, 4, demolition_measure_keys[t->measure]);
	sqlite3_bind_int64(s, 5, t->quantity);
	bind_day(s, 6, t->due);
}

static void task_put_json(struct buf *b, void *p, int stored)
{
	struct task_put *tp = p;

	task_json(b, stored ? &tp->old : tp->t);
}

static void task_done(struct store *st, void *p, enum store_put how, struct buf *key)
{
	struct task_put *tp = p;

	if (how == PUT_INSERTED)
		tp->t->id = sqlite3_last_insert_rowid(st->db);
	tp->t->version = put_version(how, tp->old.version);
	if (key)
		buf_addf(key, "%lld", (long long)tp->t->id);
}

static const struct put_ops task_ops = {
	.entity = "demolition_task", .what = { "insert demolition task", "update demolition task" },
	.insert = ST_DEMO_TASK_INSERT, .update = ST_DEMO_TASK_UPDATE, .guess = -1,
	.get = task_get, .bind = task_bind, .json = task_put_json, .done = task_done,
};

enum bl_err store_demolition_task_put(struct store *st, struct demolition_task *t)
{
	struct task_put tp = { .t = t };
	enum bl_err rc;

	demolition_task_init(&tp.old);
	rc = put_audited(st, &task_ops, &tp);
	demolition_task_release(&tp.old);
	return rc;
}

/* ---- demolition progress reports ---- */

struct report_put {
	struct demolition_report *r, old;
};

static void dreport_json(struct buf *b, const struct demolition_report *r)
{
	buf_addf(b, "{\"id\":%lld,\"task_id\":%lld", (long long)r->id, (long long)r->task_id);
	j_day(b, "on", r->on);
	buf_addf(b, ",\"done\":%lld}", (long long)r->done);
}

static enum bl_err dreport_get(struct store *st, void *p)
{
	struct report_put *rp = p;
	sqlite3_stmt *s = stmt_get(st, ST_DEMO_REPORT_FIND);
	enum bl_err rc = BL_OK;
	int step;

	if (!s)
		return BL_EDB;
	sqlite3_bind_int64(s, 1, rp->r->task_id);
	bind_day(s, 2, rp->r->on);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		col_report(s, &rp->old);
		rp->r->id = rp->old.id;
	} else {
		rc = step == SQLITE_DONE ? BL_ENOTFOUND : db_fail(st, "read demolition report");
	}
	sqlite3_reset(s);
	return rc;
}

static void dreport_bind(sqlite3_stmt *s, void *p, int update)
{
	struct report_put *rp = p;

	if (update) {
		sqlite3_bind_int64(s, 1, rp->old.id);
		sqlite3_bind_int64(s, 2, rp->r->done);
		sqlite3_bind_int64(s, 3, rp->old.version);
		return;
	}
	sqlite3_bind_int64(s, 1, rp->r->task_id);
	bind_day(s, 2, rp->r->on);
	sqlite3_bind_int64(s, 3, rp->r->done);
}

static void dreport_put_json(struct buf *b, void *p, int stored)
{
	struct report_put *rp = p;

	dreport_json(b, stored ? &rp->old : rp->r);
}

static void dreport_done(struct store *st, void *p, enum store_put how, struct buf *key)
{
	struct report_put *rp = p;

	if (how == PUT_INSERTED)
		rp->r->id = sqlite3_last_insert_rowid(st->db);
	rp->r->version = put_version(how, rp->old.version);
	if (key)
		buf_addf(key, "%lld", (long long)rp->r->id);
}

static const struct put_ops dreport_ops = {
	.entity = "demolition_report",
	.what = { "insert demolition report", "update demolition report" },
	.insert = ST_DEMO_REPORT_INSERT, .update = ST_DEMO_REPORT_UPDATE, .guess = -1,
	.get = dreport_get, .bind = dreport_bind, .json = dreport_put_json, .done = dreport_done,
};

enum bl_err store_demolition_report_find(struct store *st, int64_t task_id, bl_day on,
					 struct demolition_report *out)
{
	struct demolition_report key = { .task_id = task_id, .on = on };
	struct report_put rp = { .r = &key };
	enum bl_err rc;

	memset(&rp.old, 0, sizeof(rp.old));
	rc = dreport_get(st, &rp);
	*out = rp.old;
	return rc;
}

enum bl_err store_demolition_report_put(struct store *st, struct demolition_report *r)
{
	struct report_put rp = { .r = r };

	memset(&rp.old, 0, sizeof(rp.old));
	return put_audited(st, &dreport_ops, &rp);
}
