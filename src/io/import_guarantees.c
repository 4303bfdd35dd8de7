/* import_guarantees.c — the supplies and demolition files (要素保障 and
 * 征拆任务书, DOMAIN.md §7; columns in columns.c): a supplies row is a
 * project's need of an element for a year (kind 需求) or a supply event; a
 * demolition row is a section's task for a year and, with reported_on and
 * done, that day's progress report. Rows upsert by their natural keys
 * (store_guarantees.h), each written at once in the import's transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/import_int.h"
#include "io/parse.h"
#include "store/store_guarantees.h"
#include "util/xalloc.h"

#define SECTION_KINDS ((1u << UNIT_SECTION) | (1u << UNIT_STREET))

/* A choice cell by from_text; def when blank, -1 after a problem. */
static int choice(struct importer *im, int col, int (*from_text)(const char *), int def,
		  const char *allowed)
{
	char *t = NULL;
	int v;

	if (!imp_cell(im, col))
		return def;
	if (imp_text(im, col, CODE_MAX, &t))
		return -1;
	v = from_text(t);
	if (v < 0)
		imp_problem(im, col, t, "not one of %s", allowed);
	free(t);
	return v;
}

/* A whole number 0 … DEMOLITION_QUANTITY_MAX; -1 when blank or after a problem. */
static int64_t whole(struct importer *im, int col)
{
	const char *s = imp_cell(im, col);
	int64_t v;

	if (!s)
		return -1;
	if (parse_int(s, &v) || v < 0 || v > DEMOLITION_QUANTITY_MAX) {
		imp_problem(im, col, s, "not a whole number from 0 to 1000000000");
		return -1;
	}
	return v;
}

void imp_row_supply(struct importer *im)
{
	struct supply *s = &im->cur.supply.s;
	size_t before = im->nproblems;
	char *ref = NULL, key[600], day[11];
	const char *why;
	int v;

	supply_init(s);
	im->cur.supply.row = im->row;
	imp_need(im, SU_REF);
	imp_need(im, SU_YEAR);
	imp_need(im, SU_ELEMENT);
	imp_need(im, SU_KIND);
	imp_need(im, SU_AMOUNT);
	imp_text(im, SU_REF, CODE_MAX, &ref);
	imp_year(im, SU_YEAR, &s->year);
	v = choice(im, SU_ELEMENT, element_from_text, -1, "用地, 用能, 资金 (land, energy, funding)");
	s->element = v < 0 ? EL_LAND : (enum element)v;
	v = choice(im, SU_KIND, supply_kind_from_text, -1,
		   "需求, 供地批复, 能评批复, 贷款, 专项债, 财政资金, 其他 (need, land_grant, "
		   "energy_approval, loan, bond, fiscal, other)");
	s->kind = v < 0 ? SK_NEED : (enum supply_kind)v;
	imp_day(im, SU_ON, &s->on);
	imp_dec4(im, SU_AMOUNT, &s->amount);
	imp_text(im, SU_DOC_NO, 200, &s->doc_no);
	if (ref) {
		s->project_id = imp_project_id(im, ref);
		if (!s->project_id)
			imp_problem(im, SU_REF, ref, "no project has this ref (import projects first)");
	}
	if (im->nproblems == before) {
		why = supply_problem(s);
		if (why)
			imp_problem(im, s->kind == SK_NEED || s->on != DAY_NONE ? SU_KIND : SU_ON,
				    NULL, "%s", why);
	}
	if (im->nproblems == before) {
		if (s->kind == SK_NEED)
			snprintf(key, sizeof(key), "%lld\x1f%d\x1f%d", (long long)s->project_id,
				 s->year, (int)s->element);
		else
			snprintf(key, sizeof(key), "%lld\x1f%d\x1f%d\x1f%d\x1f%s\x1f%s",
				 (long long)s->project_id, s->year, (int)s->element, (int)s->kind,
				 day_format(s->on, day), s->doc_no ? s->doc_no : "");
		imp_once(im, SU_KIND, key, ref);
	}
	free(ref);
	if (im->nproblems > before) {
		supply_release(s);
		return;
	}
	im->have_row = 1;
}

enum bl_err imp_write_supply(struct importer *im, enum store_put *how)
{
	enum bl_err rc = store_supply_put(im->st, &im->cur.supply.s);

	*how = rc ? PUT_UNCHANGED : store_last_put(im->st);
	return rc;
}

void imp_row_demolition(struct importer *im)
{
	struct derow *d = &im->cur.demolition;
	size_t before = im->nproblems;
	char key[600], day[11];
	const char *why;
	int v;

	demolition_task_init(&d->t);
	memset(&d->r, 0, sizeof(d->r));
	d->r.on = DAY_NONE;
	d->has_report = 0;
	d->row = im->row;
	imp_need(im, DE_SECTION);
	imp_need(im, DE_YEAR);
	imp_need(im, DE_TASK);
	imp_need(im, DE_QUANTITY);
	imp_need(im, DE_DUE);
	imp_unit(im, DE_SECTION, SECTION_KINDS, &d->t.section_id);
	imp_year(im, DE_YEAR, &d->t.year);
	imp_text(im, DE_TASK, 200, &d->t.name);
	v = choice(im, DE_MEASURE, demolition_measure_from_text, DM_AREA, "㎡, 户 (area, households)");
	d->t.measure = v < 0 ? DM_AREA : (enum demolition_measure)v;
	d->t.quantity = whole(im, DE_QUANTITY);
	imp_day(im, DE_DUE, &d->t.due);
	imp_day(im, DE_REPORTED_ON, &d->r.on);
	d->r.done = whole(im, DE_DONE);
	if ((d->r.on == DAY_NONE) != (d->r.done < 0) && im->nproblems == before)
		imp_problem(im, d->r.on == DAY_NONE ? DE_REPORTED_ON : DE_DONE, NULL,
			    "reported_on and done go together");
	d->has_report = d->r.on != DAY_NONE && d->r.done >= 0;
	if (im->nproblems == before) {
		why = demolition_task_problem(&d->t);
		if (why)
			imp_problem(im, DE_TASK, d->t.name, "%s", why);
		else if (d->has_report && (why = demolition_report_problem(&d->t, &d->r)))
			imp_problem(im, DE_REPORTED_ON, day_format(d->r.on, day), "%s", why);
	}
	if (im->nproblems == before) {
		snprintf(key, sizeof(key), "%lld\x1f%d\x1f%s\x1f%s", (long long)d->t.section_id,
			 d->t.year, d->t.name, d->has_report ? day_format(d->r.on, day) : "-");
		imp_once(im, DE_TASK, key, d->t.name);
	}
	if (im->nproblems > before) {
		demolition_task_release(&d->t);
		return;
	}
	im->have_row = 1;
}

/* The task first (rows repeat it: the second time it is unchanged), then its
 * report; *how is the report's put when there is one, else the task's. */
enum bl_err imp_write_demolition(struct importer *im, enum store_put *how)
{
	struct derow *d = &im->cur.demolition;
	enum bl_err rc = store_demolition_task_put(im->st, &d->t);

	*how = PUT_UNCHANGED;
	if (rc)
		return rc;
	*how = store_last_put(im->st);
	if (!d->has_report)
		return BL_OK;
	d->r.task_id = d->t.id;
	rc = store_demolition_report_put(im->st, &d->r);
	if (!rc && store_last_put(im->st) != PUT_UNCHANGED)
		*how = store_last_put(im->st);
	return rc;
}
