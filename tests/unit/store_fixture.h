/* store_fixture.h — a real store in a temporary SQLite file for the unit
 * tests of the core code that reads or writes through the store (escalate.c,
 * funds_act.c, guarantees_view.c, items_view.c), and the faults those tests
 * need: a statement refused by a trigger, a table gone, a column that cannot
 * be computed, a transaction already open. The faults are made through a
 * second connection (sf_sql): the store has no way to break on purpose, and
 * a test must see what the core does when it breaks. */
#ifndef BL_TEST_STORE_FIXTURE_H
#define BL_TEST_STORE_FIXTURE_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "store/store_items.h"
#include "util/xalloc.h"

struct sf {
	char path[80];
	struct store *st;
};

/* The database open now, removed at exit when a failed assertion left it
 * (cmocka goes on with the next test, and exits normally at the end). */
static char sf_open_path[80];

/* Remove the database at path and its companions. */
static inline void sf_unlink(const char *path)
{
	static const char *const more[] = { "-wal", "-shm", ".anchor" };
	char p[96];
	size_t i;

	unlink(path);
	for (i = 0; i < sizeof(more) / sizeof(more[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, more[i]);
		unlink(p);
	}
}

static inline void sf_at_exit(void)
{
	if (sf_open_path[0])
		sf_unlink(sf_open_path);
}

/* A fresh database /tmp/NAME.PID.db at the current schema, its actor
 * "test:store_fixture". */
static inline void sf_open(struct sf *f, const char *name)
{
	static int registered;
	struct buf err = BUF_INIT;

	if (!registered)
		registered = !atexit(sf_at_exit);
	snprintf(f->path, sizeof(f->path), "/tmp/%s.%d.db", name, (int)getpid());
	sf_unlink(f->path);
	snprintf(sf_open_path, sizeof(sf_open_path), "%s", f->path);
	assert_int_equal(store_open(f->path, STORE_CREATE, &f->st, &err), BL_OK);
	buf_release(&err);
	store_set_actor(f->st, "test:store_fixture");
}

/* Close the store and remove the database and its companions. */
static inline void sf_close(struct sf *f)
{
	store_close(f->st);
	f->st = NULL;
	sf_unlink(f->path);
	sf_open_path[0] = '\0';
}

/* Run sql on the database through a connection of its own (the store sees
 * the schema change at its next statement). */
static inline void sf_sql(const struct sf *f, const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
	sqlite3_free(msg);
	sqlite3_close(db);
}

/* Insert a unit; its id. */
static inline int64_t sf_unit(struct sf *f, const char *code, const char *name,
			      enum unit_kind kind, int64_t parent)
{
	struct unit u;

	memset(&u, 0, sizeof(u));
	u.code = (char *)code;
	u.name = (char *)name;
	u.kind = kind;
	u.parent_id = parent;
	assert_int_equal(store_unit_put(f->st, &u), BL_OK);
	return u.id;
}

/* Insert a project of section (department 0: none); its id. */
static inline int64_t sf_project(struct sf *f, const char *ref, int64_t section, int64_t dept)
{
	struct project p;
	int64_t id;

	project_init(&p);
	p.ref = xstrdup(ref);
	p.name = xstrdup(ref);
	p.section_id = section;
	p.department_id = dept;
	assert_int_equal(store_project_put(f->st, &p), BL_OK);
	id = p.id;
	project_release(&p);
	return id;
}

/* Insert an item of project owned by owner, raised on raised (its one step),
 * titled title, of category land, at level in status with deadline (办结时限)
 * and level_deadline (本级时限); its id. */
static inline int64_t sf_item(struct sf *f, int64_t project, int64_t owner, const char *title,
			      int level, enum item_status status, bl_day raised, bl_day deadline,
			      bl_day level_deadline)
{
	struct item it;
	struct item_step step;
	int64_t id;

	item_init(&it);
	memset(&step, 0, sizeof(step));
	it.project_id = project;
	it.title = xstrdup(title);
	it.category = IC_LAND;
	it.owner_id = owner;
	it.level = level;
	it.raised_on = raised;
	it.deadline = deadline;
	it.level_deadline = level_deadline;
	it.status = status;
	it.source = ISRC_DIRECT;
	it.raised_by = xstrdup("test:store_fixture");
	it.last_on = raised;
	step.kind = IK_RAISE;
	step.on = raised;
	step.after = item_current(&it);
	assert_int_equal(store_item_insert(f->st, &it, &step), BL_OK);
	id = it.id;
	item_step_release(&step);
	item_release(&it);
	return id;
}

#endif
