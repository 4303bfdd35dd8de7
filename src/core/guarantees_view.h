/* guarantees_view.h — element guarantees and demolition task books as lists
 * show them (`ballast supplies`, `ballast demolition`, GET /api/v1/supplies
 * and /api/v1/demolition, the bulletin's 要素保障 section): everything read
 * from the store once (the "book"), then a view for a year, a day, filters
 * and the caller's row rules (access.c). */
#ifndef BL_GUARANTEES_VIEW_H
#define BL_GUARANTEES_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "core/access.h"
#include "core/demolition.h"
#include "core/guarantees.h"
#include "core/model.h"
#include "store/store.h"

struct guarantee_book {
	struct dataset units;            /* every unit, indexed (units only) */
	struct project *projects;        /* the projects that have supplies rows, by ref */
	size_t n_projects;
	struct supply *rows;
	size_t n_rows;
	struct demolition_task *tasks;   /* by year, section, name */
	size_t n_tasks;
	struct demolition_report *reports; /* by task, day */
	size_t n_reports;
	int wait_days;                   /* the setting guarantees.wait_days */
};

/* Read every supplies row, their projects, the demolition tasks and reports,
 * the units and the setting into *b. Release with guarantee_book_release.
 * BL_OK or the store's error. */
enum bl_err guarantee_book_load(struct store *st, struct guarantee_book *b);
void guarantee_book_release(struct guarantee_book *b);

/* What a view asks. */
struct guarantee_query {
	int year;
	bl_day asof;
	int64_t section_id;    /* a section subtree; 0: any */
	int64_t department_id; /* supplies only: the projects' department; 0: any */
};

/* The guarantees of the projects a (NULL: no row rule) sees and q selects. */
struct guarantee_view {
	struct project *projects; /* shallow copies of the book's (strings borrowed) */
	size_t n_projects;
	struct guarantees g;      /* its lines index projects above */
};
void guarantee_view_make(const struct guarantee_book *b, const struct guarantee_query *q,
			 const struct actor *a, struct guarantee_view *out);
void guarantee_view_release(struct guarantee_view *v);

/* A demolition task as judged at the query's day. */
struct demolition_line {
	const struct demolition_task *t; /* in the book */
	struct demolition_eval e;
};
struct demolition_board {
	struct demolition_line *v;       /* the year's tasks a sees, by due, section, name */
	size_t n;
	size_t by_status[4];             /* per enum target_status */
};
void demolition_board_make(const struct guarantee_book *b, const struct guarantee_query *q,
			   const struct actor *a, struct demolition_board *out);
void demolition_board_release(struct demolition_board *d);
/* The task of id in the book, or NULL. */
const struct demolition_task *guarantee_book_task(const struct guarantee_book *b, int64_t id);

#endif
