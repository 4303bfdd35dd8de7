/* items_view.h — supervision items as lists show them: every item with its
 * project and its history (the "book", read from the store once), and a
 * selection of them as of a day under filters and the caller's row rules
 * (access.c). `ballast items`, GET /api/v1/items, the inbox and the project
 * page read it; the state shown (status, level, deadline) is each item's as of
 * the day, its title, category and owner as they are now. */
#ifndef BL_ITEMS_VIEW_H
#define BL_ITEMS_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "core/access.h"
#include "core/items.h"
#include "core/model.h"
#include "store/store.h"

struct item_entry {
	struct item it;          /* as stored now */
	const struct project *p; /* its project (id, ref, name, leader, section_id,
	                          * department_id), in the book */
	struct item_track track; /* its states, step by step */
};

struct item_book {
	struct dataset units;    /* every unit, indexed (units only) */
	struct project *projects; /* the projects that have items, by id */
	size_t n_projects;
	struct item_entry *v;    /* by id */
	size_t n, alloc;
};

/* Read every item, its project and its steps, and the units, into *b (in one
 * read). Release with item_book_release. BL_OK or the store's error. */
enum bl_err item_book_load(struct store *st, struct item_book *b);
void item_book_release(struct item_book *b);
/* The entry of item id, or NULL. */
const struct item_entry *item_book_find(const struct item_book *b, int64_t id);
/* The project of id in the book, or NULL. */
const struct project *item_book_project(const struct item_book *b, int64_t id);

/* What a list asks. */
struct item_query {
	bl_day asof;            /* the day the states are of */
	int overdue;            /* 1: only items overdue at asof */
	int level;              /* 1–4; -1: any */
	int category;           /* enum item_category; -1: any */
	int state;              /* enum item_status, or 4 = pending (open or answered); -1: any */
	int64_t owner_id;       /* 0: any */
	int64_t section_id;     /* the project's section subtree; 0: any */
	int64_t department_id;  /* the project's responsible department; 0: any */
	int64_t project_id;     /* 0: any */
	const char *q;          /* in the title or the project's ref or name; NULL: any */
};
void item_query_init(struct item_query *q, bl_day asof);

/* One item of a selection, as of the query's day. */
struct item_seen {
	const struct item_entry *e;
	struct item_state s;
	int overdue;
	int64_t days_late;  /* 0 when not overdue */
	int64_t days_left;  /* deadline − asof when pending and not overdue, else 0 */
};

struct item_selection {
	struct item_seen *v;    /* by deadline (the most urgent first), then id */
	size_t n;
	size_t pending, overdue; /* among those selected */
	size_t by_level[ITEM_LEVEL_MAX + 1]; /* overdue items per level */
};

/* The items of b raised by q->asof that a (NULL: no row rule) may see and
 * that q selects, into *out (release with item_selection_release). */
void item_select(const struct item_book *b, const struct item_query *q, const struct actor *a,
		 struct item_selection *out);
void item_selection_release(struct item_selection *s);

#endif
