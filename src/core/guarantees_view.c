/* guarantees_view.c — the book of supplies and demolition tasks, and its
 * views under a query and the caller's row rules (guarantees_view.h). */
#include "core/guarantees_view.h"

#include <stdlib.h>
#include <string.h>

#include "core/targets.h"
#include "store/store_guarantees.h"
#include "util/xalloc.h"

enum bl_err guarantee_book_load(struct store *st, struct guarantee_book *b)
{
	enum bl_err rc;

	memset(b, 0, sizeof(*b));
	rc = store_units(st, &b->units.units, &b->units.n_units);
	if (!rc)
		rc = store_supply_projects(st, &b->projects, &b->n_projects);
	if (!rc)
		rc = store_supplies(st, &b->rows, &b->n_rows);
	if (!rc)
		rc = store_demolition_tasks(st, &b->tasks, &b->n_tasks);
	if (!rc)
		rc = store_demolition_reports(st, &b->reports, &b->n_reports);
	if (rc) {
		guarantee_book_release(b);
		return rc;
	}
	dataset_index(&b->units);
	b->wait_days = guarantees_wait_days_load(st);
	return BL_OK;
}

void guarantee_book_release(struct guarantee_book *b)
{
	size_t i;

	for (i = 0; i < b->n_projects; i++)
		project_release(&b->projects[i]);
	for (i = 0; i < b->n_rows; i++)
		supply_release(&b->rows[i]);
	for (i = 0; i < b->n_tasks; i++)
		demolition_task_release(&b->tasks[i]);
	free(b->projects);
	free(b->rows);
	free(b->tasks);
	free(b->reports);
	dataset_release(&b->units);
	memset(b, 0, sizeof(*b));
}

void guarantee_view_make(const struct guarantee_book *b, const struct guarantee_query *q,
			 const struct actor *a, struct guarantee_view *out)
{
	struct guarantee_input in;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->projects = xcalloc(b->n_projects ? b->n_projects : 1, sizeof(*out->projects));
	for (i = 0; i < b->n_projects; i++) {
		const struct project *p = &b->projects[i];

		if (a && !access_project_visible(a, &b->units, p))
			continue;
		if (q->section_id && !dataset_in_subtree(&b->units, p->section_id, q->section_id))
			continue;
		if (q->department_id && p->department_id != q->department_id)
			continue;
		out->projects[out->n_projects++] = *p;
	}
	in.projects = out->projects;
	in.n_projects = out->n_projects;
	in.rows = b->rows;
	in.n_rows = b->n_rows;
	in.year = q->year;
	in.asof = q->asof;
	in.wait_days = b->wait_days;
	guarantees_compute(&in, &out->g);
}

void guarantee_view_release(struct guarantee_view *v)
{
	free(v->projects); /* shallow copies: the book owns their strings */
	guarantees_release(&v->g);
	memset(v, 0, sizeof(*v));
}

static int by_due(const void *x, const void *y)
{
	const struct demolition_task *a = ((const struct demolition_line *)x)->t;
	const struct demolition_task *b = ((const struct demolition_line *)y)->t;

	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	if (a->section_id != b->section_id)
		return a->section_id < b->section_id ? -1 : 1;
	return strcmp(a->name ? a->name : "", b->name ? b->name : "");
}

void demolition_board_make(const struct guarantee_book *b, const struct guarantee_query *q,
			   const struct actor *a, struct demolition_board *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->v = xcalloc(b->n_tasks ? b->n_tasks : 1, sizeof(*out->v));
	for (i = 0; i < b->n_tasks; i++) {
		const struct demolition_task *t = &b->tasks[i];
		struct demolition_line *l;

		if (t->year != q->year || (a && !access_demolition_visible(a, &b->units, t->section_id)))
			continue;
		if (q->section_id && !dataset_in_subtree(&b->units, t->section_id, q->section_id))
			continue;
		l = &out->v[out->n++];
		l->t = t;
		demolition_evaluate(t, b->reports, b->n_reports, q->asof, &l->e);
		if ((unsigned)l->e.status < TS__MAX)
			out->by_status[l->e.status]++;
	}
	qsort(out->v, out->n, sizeof(*out->v), by_due);
}

void demolition_board_release(struct demolition_board *d)
{
	free(d->v);
	memset(d, 0, sizeof(*d));
}

const struct demolition_task *guarantee_book_task(const struct guarantee_book *b, int64_t id)
{
	size_t i;

	for (i = 0; i < b->n_tasks; i++)
		if (b->tasks[i].id == id)
			return &b->tasks[i];
	return NULL;
}
