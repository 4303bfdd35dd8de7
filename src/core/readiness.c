/* readiness.c — what a month lacks before it is issued (issue #14 item 8):
 * missing and unverified reports and pending change requests, per section and
 * listed, and whether the live contest round still equals the issued one. */
#include "core/readiness.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

const char *const readiness_kind_keys[RD__MAX] = { "missing", "unverified", "pending_change" };
const char *const readiness_kind_labels[RD__MAX] = { "未报送", "已提交待核实", "变更待审核" };

#define NO_PROJECT ((size_t)-1)

/* The index of project id in ds, else NO_PROJECT. */
static size_t project_index(const struct dataset *ds, int64_t id)
{
	size_t i;

	for (i = 0; i < ds->n_projects; i++)
		if (ds->projects[i].id == id)
			return i;
	return NO_PROJECT;
}

/* The section row of unit id, added when new. */
static struct readiness_section *section_of(const struct dataset *ds, struct readiness *r,
					   size_t *alloc, int64_t id)
{
	size_t i;

	for (i = 0; i < r->n_sections; i++)
		if (r->sections[i].section_id == id)
			return &r->sections[i];
	XGROW(r->sections, *alloc, r->n_sections + 1);
	memset(&r->sections[r->n_sections], 0, sizeof(r->sections[0]));
	r->sections[r->n_sections].section_id = id;
	r->sections[r->n_sections].code = dataset_unit_code(ds, id, "");
	return &r->sections[r->n_sections++];
}

static void add_row(struct readiness *r, size_t *alloc, const struct readiness_row *row)
{
	XGROW(r->rows, *alloc, r->n_rows + 1);
	r->rows[r->n_rows++] = *row;
	r->counts[row->kind]++;
}

/* The status of project id's report in in, or REPORT_STATUS__MAX. */
static enum report_status status_of(const struct readiness_input *in, int64_t id)
{
	size_t i;

	for (i = 0; i < in->n_reports; i++)
		if (in->reports[i].project_id == id)
			return in->reports[i].status;
	return REPORT_STATUS__MAX;
}

static void walk_reports(const struct readiness_input *in, struct readiness *r,
			 size_t *row_alloc, size_t *sec_alloc)
{
	const struct dataset *ds = in->ds;
	bl_day last = month_last_day(in->month);
	size_t i;

	for (i = 0; i < ds->n_projects; i++) {
		const struct project *p = &ds->projects[i];
		struct readiness_section *s = section_of(ds, r, sec_alloc, p->section_id);
		struct readiness_row row = { RD_MISSING, i, p->id, p->ref ? p->ref : "", 0,
					     status_of(in, p->id) };
		bl_day started = project_reached(p, STAGE_STARTED);

		if (started == DAY_NONE || started > last)
			continue;
		r->owed++;
		s->owed++;
		if (row.status == REPORT_VERIFIED)
			continue;
		if (row.status == REPORT_SUBMITTED) {
			row.kind = RD_UNVERIFIED;
			s->unverified++;
		} else {
			s->missing++;
		}
		add_row(r, row_alloc, &row);
	}
}

static int cmp_row(const void *a, const void *b)
{
	const struct readiness_row *x = a, *y = b;
	int c;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	c = strcmp(x->ref, y->ref);
	if (c)
		return c;
	return x->change_id < y->change_id ? -1 : x->change_id > y->change_id;
}

static int cmp_section(const void *a, const void *b)
{
	const struct readiness_section *x = a, *y = b;
	return strcmp(x->code, y->code);
}

void readiness_compute(const struct readiness_input *in, struct readiness *out)
{
	size_t row_alloc = 0, sec_alloc = 0, i;

	memset(out, 0, sizeof(*out));
	out->month = in->month;
	out->listed = in->ds->n_projects;
	walk_reports(in, out, &row_alloc, &sec_alloc);
	for (i = 0; i < in->n_changes; i++) {
		size_t k = project_index(in->ds, in->changes[i].project_id);
		const struct project *p = k == NO_PROJECT ? NULL : &in->ds->projects[k];
		struct readiness_row row = { RD_PENDING, k, in->changes[i].project_id,
					     p && p->ref ? p->ref : "", in->changes[i].id,
					     REPORT_STATUS__MAX };

		if (p)
			section_of(in->ds, out, &sec_alloc, p->section_id)->pending++;
		add_row(out, &row_alloc, &row);
	}
	if (out->n_rows)
		qsort(out->rows, out->n_rows, sizeof(*out->rows), cmp_row);
	if (out->n_sections)
		qsort(out->sections, out->n_sections, sizeof(*out->sections), cmp_section);
}

void readiness_release(struct readiness *r)
{
	free(r->rows);
	free(r->sections);
	memset(r, 0, sizeof(*r));
}

int readiness_clear(const struct readiness *r)
{
	int k;

	for (k = 0; k < RD__MAX; k++)
		if (r->counts[k])
			return 0;
	return 1;
}

static const struct contest_entry *entry_by_code(const struct contest_round *r, const char *code)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->entries[i].code && code && !strcmp(r->entries[i].code, code))
			return &r->entries[i];
	return NULL;
}

int contest_round_differs(const struct contest_round *live, const struct contest_round *issued)
{
	size_t i;

	if (live->n != issued->n)
		return 1;
	for (i = 0; i < live->n; i++) {
		const struct contest_entry *a = &live->entries[i];
		const struct contest_entry *b = entry_by_code(issued, a->code);

		if (!b || a->ranked != b->ranked || a->rank != b->rank ||
		    (a->ranked && a->score != b->score))
			return 1;
	}
	return 0;
}
