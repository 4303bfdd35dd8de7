/* import.c — the importer: read a CSV, XLSX or XLS file of units, projects,
 * listings, reports, targets or indicators (INTERFACES.md "Files"; the format is
 * recognised by content, io/table.h), check every row (import_rows.c), and
 * write all of them in one transaction or none. Every problem of the file is
 * reported as FILE:ROW: column (label): value: reason, ROW being the sheet's
 * row number, and to the caller's callback piece by piece. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/import.h"
#include "io/import_int.h"
#include "io/parse.h"
#include "io/table.h"
#include "core/workflow.h"
#include "util/xalloc.h"

/* ---- problems ---- */

/* FILE:ROW: column (label): value: — or FILE: for the file as a whole (row 0). */
static void add_line_prefix(struct importer *im, int def, const char *value)
{
	if (im->row)
		buf_addf(&im->out, "%s:%zu: ", im->file, im->row);
	else
		buf_addf(&im->out, "%s: ", im->file);
	if (def >= 0)
		buf_addf(&im->out, "%s (%s): ", im->cols[def].key, im->cols[def].label);
	if (value)
		buf_addf(&im->out, "%s: ", value);
}

/* Hand one problem or warning to the caller and, within the cap, to the text. */
static void report(struct importer *im, int def, const char *value, const char *message,
		   int warning)
{
	struct import_problem p;

	if (im->req->on_problem) {
		p.row = im->row;
		p.column = def >= 0 ? im->cols[def].key : NULL;
		p.label = def >= 0 ? im->cols[def].label : NULL;
		p.value = value;
		p.message = message;
		p.warning = warning;
		im->req->on_problem(im->req->ctx, &p);
	}
	if (im->nlines++ >= IMPORT_MAX_LINES)
		return;
	add_line_prefix(im, def, value);
	buf_addf(&im->out, "%s%s\n", warning ? "warning: " : "", message);
}

void imp_problem(struct importer *im, int def, const char *value, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	im->nproblems++;
	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	report(im, def, value, msg.s, 0);
	buf_release(&msg);
}

void imp_warning(struct importer *im, int def, const char *value, const char *reason)
{
	im->nwarnings++;
	report(im, def, value, reason, 1);
}

/* ---- cells ---- */

int imp_present(const struct importer *im, int def)
{
	return im->col[def] >= 0;
}

static int blank(const char *s)
{
	while (*s) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if (!strncmp(s, "\xe3\x80\x80", 3))
			s += 3;
		else
			return 0;
	}
	return 1;
}

const char *imp_cell(const struct importer *im, int def)
{
	int c = im->col[def];

	if (c < 0 || (size_t)c >= im->ncells || blank(im->cells[c]))
		return NULL;
	return im->csv ? csv_field_unguard(im->cells[c]) : im->cells[c];
}

/* s without leading and trailing ASCII white space, as a new string. */
static char *trimmed(const char *s)
{
	const char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		e--;
	return xstrndup(s, (size_t)(e - s));
}

int imp_text(struct importer *im, int def, size_t max, char **out)
{
	const char *s = imp_cell(im, def);
	const unsigned char *p;

	*out = NULL;
	if (!s)
		return 0;
	if (strlen(s) > max) {
		imp_problem(im, def, NULL, "longer than %zu bytes", max);
		return -1;
	}
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 && *p != '\t' && (max == CODE_MAX || (*p != '\n' && *p != '\r'))) {
			imp_problem(im, def, s, "holds a control character or line break");
			return -1;
		}
	}
	*out = trimmed(s);
	return 0;
}

#define TYPED_READER(fn, type, none, call)                                 \
	int fn(struct importer *im, int def, type *out)                    \
	{                                                                  \
		const char *s = imp_cell(im, def);                         \
		const char *why;                                           \
		*out = none;                                               \
		if (!s)                                                    \
			return 0;                                          \
		why = call;                                                \
		if (why) {                                                 \
			imp_problem(im, def, s, "%s", why);                \
			return -1;                                         \
		}                                                          \
		return 0;                                                  \
	}

TYPED_READER(imp_day, bl_day, DAY_NONE, parse_day(s, out))
TYPED_READER(imp_bool, int, 0, parse_bool(s, out))
TYPED_READER(imp_tiers, unsigned, 0, parse_tiers(s, out))

/* Every amount lies in 0 … AMOUNT_MAX (core/model.h amount_problem). */
static int in_bounds(struct importer *im, int def, const char *s, int64_t *v)
{
	const char *why = amount_problem(*v);

	if (why) {
		*v = AMOUNT_NONE;
		imp_problem(im, def, s, "%s", why);
		return -1;
	}
	return 0;
}

int imp_money(struct importer *im, int def, int64_t *out)
{
	const char *s = imp_cell(im, def);
	const char *why;

	*out = AMOUNT_NONE;
	if (!s)
		return 0;
	why = parse_wanyuan(s, out);
	if (why) {
		*out = AMOUNT_NONE;
		imp_problem(im, def, s, "%s", why);
		return -1;
	}
	return in_bounds(im, def, s, out);
}

int imp_dec4(struct importer *im, int def, int64_t *out)
{
	const char *s = imp_cell(im, def);
	const char *why;

	*out = AMOUNT_NONE;
	if (!s)
		return 0;
	why = parse_decimal(s, 4, out);
	if (why) {
		*out = AMOUNT_NONE;
		imp_problem(im, def, s, "%s", why);
		return -1;
	}
	if (*out > AMOUNT_MAX) {
		*out = AMOUNT_NONE;
		imp_problem(im, def, s, "out of range: more than 100000000000");
		return -1;
	}
	return in_bounds(im, def, s, out);
}

int imp_coord(struct importer *im, int def, int lat, int64_t *out)
{
	const char *s = imp_cell(im, def);
	const char *why;

	*out = COORD_NONE;
	if (!s)
		return 0;
	why = parse_decimal(s, 6, out);
	if (!why)
		why = coord_problem(*out, lat);
	if (why) {
		*out = COORD_NONE;
		imp_problem(im, def, s, "%s", why);
		return -1;
	}
	return 0;
}

int imp_year(struct importer *im, int def, int *out)
{
	const char *s = imp_cell(im, def);
	int64_t v;

	*out = 0;
	if (!s)
		return 0;
	if (parse_int(s, &v) || v < 1900 || v > 2999) {
		imp_problem(im, def, s, "not a year");
		return -1;
	}
	*out = (int)v;
	return 0;
}

int imp_unit(struct importer *im, int def, unsigned kinds, int64_t *out)
{
	const char *s = imp_cell(im, def);
	char *t;
	int64_t i = -1;
	int rc = 0;

	*out = 0;
	if (!s)
		return 0;
	t = trimmed(s);
	if (!strmap_get(&im->unit_code, t, &i) && !strmap_get(&im->unit_name, t, &i)) {
		imp_problem(im, def, t, "no unit has this code or name");
		rc = -1;
	} else if (i < 0) {
		imp_problem(im, def, t, "several units have this name; use the unit code");
		rc = -1;
	} else if (!(kinds & (1u << im->units[i].kind))) {
		imp_problem(im, def, t, "is a %s (%s), not the kind of unit this column takes",
			    unit_kind_keys[im->units[i].kind], unit_kind_labels[im->units[i].kind]);
		rc = -1;
	} else {
		*out = im->units[i].id;
	}
	free(t);
	return rc;
}

/* ---- reading the file ---- */

static int map_header(struct importer *im)
{
	size_t i;
	int k;

	for (k = 0; k < (int)im->ncols; k++)
		im->col[k] = -1;
	for (i = 0; i < im->ncells; i++) {
		k = column_match(im->cols, im->ncols, im->cells[i]);
		if (k < 0) {
			if (blank(im->cells[i]))
				continue;
			if (!im->ignore_unknown)
				imp_problem(im, -1, im->cells[i], "unknown column (see 'ballast "
					    "import --help'; --ignore-unknown skips it)");
			continue;
		}
		if (im->col[k] >= 0) {
			imp_problem(im, k, NULL, "the column appears twice");
			continue;
		}
		im->col[k] = (int)i;
	}
	for (k = 0; k < (int)im->ncols; k++)
		if (im->cols[k].required && im->col[k] < 0)
			imp_problem(im, k, NULL, "required column is missing");
	return im->nproblems ? -1 : 0;
}

/* A kind of file is one row of `kinds` (below; plus its columns in columns.c
 * and its row parser in import_rows.c): how a row is parsed and written (NULL:
 * units, written in parent order by write_units), the entity its rows are
 * audited as, and the resource it writes, for the permission check. */
struct tally { size_t n[3]; };
struct kind_ops {
	void (*parse)(struct importer *im);
	enum bl_err (*write)(struct importer *im, struct tally *t);
	const char *entity;
	enum resource res;
};
static const struct kind_ops kinds[FILE_KIND__MAX];

static int all_blank(char **cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!blank(cells[i]))
			return 0;
	return 1;
}

/* Write the row just parsed, as long as the file has had no problem (after
 * one the import is rolled back, and only its problems still matter). */
static void take_row(struct importer *im, struct tally *t)
{
	enum bl_err rc;

	if (!im->have_row)
		return;
	im->n++;
	/* DOMAIN.md §3: an issued plan changes by change request only; every
	 * row is checked, also after a problem, so that all are reported. */
	if (im->kind == FILE_PROJECTS || im->kind == FILE_LISTINGS)
		imp_check_plan_row(im);
	if (!im->nproblems && kinds[im->kind].write) {
		rc = kinds[im->kind].write(im, t);
		if (rc)
			imp_problem(im, -1, NULL, "%s", store_errmsg(im->st));
	}
	imp_release_row(im);
	if (im->req->progress && im->n % 100000 == 0)
		fprintf(stderr, "\r%s: %zu rows…", im->file, im->n);
}

static int read_file(struct importer *im, struct tally *tally)
{
	struct table_options opt = { im->sheet, im->max_rows };
	struct table_reader *t = NULL;
	struct buf err = BUF_INIT;
	enum bl_err rc;
	int header = 1;

	im->row = 0;
	rc = table_reader_open(im->path, &opt, &t, &err);
	if (rc) {
		imp_problem(im, -1, NULL, "%s", err.len ? err.s : bl_strerror(rc));
		goto out;
	}
	im->csv = table_reader_format(t) == TABLE_CSV;
	for (;;) {
		buf_reset(&err);
		rc = table_reader_next(t, &im->cells, &im->ncells, &err);
		im->row = table_reader_row(t);
		if (rc == BL_ENOTFOUND)
			break;
		if (rc) {
			imp_problem(im, -1, NULL, "%s", err.len ? err.s : bl_strerror(rc));
			if (header)
				goto out; /* without its header the rest cannot be read */
			continue;
		}
		if (all_blank(im->cells, im->ncells))
			continue;
		if (header) { /* the first non-empty row */
			header = 0;
			if (map_header(im))
				goto out;
			continue;
		}
		kinds[im->kind].parse(im);
		take_row(im, tally);
	}
	if (im->req->progress && im->n >= 100000)
		fprintf(stderr, "\r\033[K");
	im->row = 0;
	if (header && !im->nproblems)
		imp_problem(im, -1, NULL, "the file is empty: no header row");
	if (im->kind == FILE_UNITS)
		imp_finish_units(im);
out:
	im->cells = NULL;
	im->ncells = 0;
	table_reader_close(t);
	buf_release(&err);
	return im->nproblems ? -1 : 0;
}

static int load_units(struct importer *im)
{
	size_t i;

	if (store_units(im->st, &im->units, &im->n_units)) {
		imp_problem(im, -1, NULL, "%s", store_errmsg(im->st));
		return -1;
	}
	for (i = 0; i < im->n_units; i++) {
		int64_t prev;

		strmap_put(&im->unit_code, im->units[i].code, (int64_t)i);
		if (strmap_get(&im->unit_name, im->units[i].name, &prev))
			strmap_put(&im->unit_name, im->units[i].name, -1);
		else
			strmap_put(&im->unit_name, im->units[i].name, (int64_t)i);
	}
	return 0;
}

/* ---- the kinds: one row of operations each ---- */

static enum bl_err count(struct importer *im, struct tally *t, enum bl_err rc)
{
	if (!rc)
		t->n[store_last_put(im->st)]++;
	return rc;
}

static enum bl_err write_project(struct importer *im, struct tally *t)
{
	struct prow *r = &im->cur.project;
	enum bl_err rc = count(im, t, store_project_put(im->st, &r->p));

	if (!rc && r->set_leaders)
		rc = imp_write_leaders(im, r);
	if (rc || !r->has_listing)
		return rc;
	r->l.project_id = r->p.id; /* its listing's figures are not counted apart */
	return store_listing_put(im->st, &r->l);
}

static enum bl_err write_listing(struct importer *im, struct tally *t)
{
	return count(im, t, store_listing_put(im->st, &im->cur.listing.l));
}

static enum bl_err write_report(struct importer *im, struct tally *t)
{
	return count(im, t, store_report_put(im->st, &im->cur.report.r));
}

static enum bl_err write_target(struct importer *im, struct tally *t)
{
	return count(im, t, store_target_put(im->st, &im->cur.target.t));
}

static enum bl_err write_indicator(struct importer *im, struct tally *t)
{
	return count(im, t, store_indicator_put(im->st, &im->cur.indicator.e));
}

static enum bl_err write_item(struct importer *im, struct tally *t)
{
	enum store_put how = PUT_UNCHANGED;
	enum bl_err rc = imp_write_item(im, &how);

	if (!rc)
		t->n[how]++;
	return rc;
}

/* Element guarantees and demolition task books (import_guarantees.c). */
static enum bl_err write_supply(struct importer *im, struct tally *t)
{
	enum store_put how = PUT_UNCHANGED;
	enum bl_err rc = imp_write_supply(im, &how);

	if (!rc)
		t->n[how]++;
	return rc;
}

static enum bl_err write_application(struct importer *im, struct tally *t)
{
	enum store_put how = PUT_UNCHANGED;
	enum bl_err rc = imp_write_application(im, &how);

	if (!rc)
		t->n[how]++;
	return rc;
}

static enum bl_err write_demolition(struct importer *im, struct tally *t)
{
	enum store_put how = PUT_UNCHANGED;
	enum bl_err rc = imp_write_demolition(im, &how);

	if (!rc)
		t->n[how]++;
	return rc;
}

static enum bl_err write_calendar(struct importer *im, struct tally *t)
{
	enum store_put how = PUT_UNCHANGED;
	enum bl_err rc = imp_write_calendar(im, &how);

	if (!rc)
		t->n[how]++;
	return rc;
}

static enum bl_err write_lead(struct importer *im, struct tally *t)
{
	enum store_put how = PUT_UNCHANGED;
	enum bl_err rc = imp_write_lead(im, &how);

	if (!rc)
		t->n[how]++;
	return rc;
}

static enum bl_err write_tax(struct importer *im, struct tally *t)
{
	return count(im, t, imp_write_tax(im));
}

static enum bl_err write_fund(struct importer *im, struct tally *t)
{
	return count(im, t, imp_write_fund(im));
}

static const struct kind_ops kinds[FILE_KIND__MAX] = {
	[FILE_UNITS] = { imp_row_unit, NULL, "unit", RES_UNITS },
	[FILE_PROJECTS] = { imp_row_project, write_project, "project", RES_PROJECTS },
	[FILE_LISTINGS] = { imp_row_listing, write_listing, "listing", RES_LISTINGS },
	[FILE_REPORTS] = { imp_row_report, write_report, "report", RES_REPORTS },
	[FILE_TARGETS] = { imp_row_target, write_target, "target", RES_TARGETS },
	[FILE_INDICATORS] = { imp_row_indicator, write_indicator, "indicator", RES_INDICATORS },
	[FILE_ITEMS] = { imp_row_item, write_item, "item", RES_ITEMS },
	[FILE_SUPPLIES] = { imp_row_supply, write_supply, "supply", RES_SUPPLIES },
	[FILE_DEMOLITION] = { imp_row_demolition, write_demolition, "demolition task",
			      RES_DEMOLITION },
	[FILE_APPLICATIONS] = { imp_row_application, write_application, "application",
				RES_APPLICATIONS }, /* h-funds */
	[FILE_CALENDAR] = { imp_row_calendar, write_calendar, "workday", RES_CALENDAR },
	[FILE_LEADS] = { imp_row_lead, write_lead, "lead", RES_LEADS }, /* h-leads */
	/* revenue sharing and industrial funds */
	[FILE_TAXES] = { imp_row_tax, write_tax, "tax", RES_TAXES },
	[FILE_FUNDS] = { imp_row_fund, write_fund, "fund", RES_FUNDS },
};

/* Units go parents first: a unit is written once its parent has an id. */
static enum bl_err write_units(struct importer *im, struct tally *t)
{
	size_t i, left = im->n;
	int progress = 1;

	while (left && progress) {
		progress = 0;
		for (i = 0; i < im->n; i++) {
			struct urow *u = &im->unitrows[i];
			int64_t idx;
			enum bl_err rc;

			if (u->done)
				continue;
			if (u->parent) {
				if (!strmap_get(&im->unit_code, u->parent, &idx) || idx < 0)
					continue; /* its parent comes later in this file */
				u->u.parent_id = idx >= (int64_t)im->n_units ?
					im->unitrows[idx - (int64_t)im->n_units].u.id :
					im->units[idx].id;
				if (!u->u.parent_id)
					continue;
			}
			rc = store_unit_put(im->st, &u->u);
			if (rc) {
				im->row = u->row;
				return rc;
			}
			t->n[store_last_put(im->st)]++;
			u->done = 1;
			left--;
			progress = 1;
		}
	}
	return BL_OK;
}

static int ref_add(void *ctx, const char *ref, int64_t id)
{
	strmap_put(&((struct importer *)ctx)->refs, ref, id);
	return 0;
}

/* A first load of reports or listings reads every project's id at once: a
 * lookup between two rows would end the COPY they go by on PostgreSQL
 * (store_batch_first_load), and one query is cheaper than one per project
 * anyway. */
static enum bl_err refs_preload(struct importer *im)
{
	enum bl_err rc;

	if ((im->kind != FILE_REPORTS && im->kind != FILE_LISTINGS) ||
	    !store_batch_first_load(im->st))
		return BL_OK;
	rc = store_project_refs_each(im->st, ref_add, im);
	im->refs_all = !rc;
	return rc;
}

/* The import's transaction, begun before the file is read: rows are written
 * as they are read, and every lookup sees the same state as the writes. */
static int begin(struct importer *im)
{
	enum bl_err rc = store_begin(im->st);

	if (!rc) {
		rc = store_batch_begin(im->st, kinds[im->kind].entity, im->file);
		if (!rc)
			rc = refs_preload(im);
		if (rc)
			store_rollback(im->st);
	}
	if (rc) {
		imp_problem(im, -1, NULL, "%s", store_errmsg(im->st));
		return -1;
	}
	return 0;
}

/* After the file: roll back on any problem or for a dry run; else write the
 * units, the import's audit entry, and commit. */
static int finish(struct importer *im, int dry_run, struct tally *t)
{
	struct batch_counts c;
	enum bl_err rc = BL_OK;

	if (im->nproblems) {
		store_rollback(im->st);
		return -1;
	}
	if (im->kind == FILE_UNITS)
		rc = write_units(im, t);
	if (im->kind == FILE_PROJECTS)
		rc = imp_leaders_later(im);
	if (!rc && dry_run) {
		store_rollback(im->st);
		return 0;
	}
	c.rows = im->n;
	c.inserted = t->n[PUT_INSERTED];
	c.updated = t->n[PUT_UPDATED];
	c.unchanged = t->n[PUT_UNCHANGED];
	if (!rc)
		rc = store_batch_end(im->st, &c);
	if (!rc)
		rc = store_commit(im->st);
	if (rc) {
		imp_problem(im, -1, NULL, "%s", store_errmsg(im->st));
		store_rollback(im->st);
		return -1;
	}
	return 0;
}

static void importer_release(struct importer *im)
{
	size_t i;

	imp_release_row(im);
	for (i = 0; im->unitrows && i < im->n; i++) {
		free(im->unitrows[i].u.code);
		free(im->unitrows[i].u.name);
		free(im->unitrows[i].parent);
	}
	free(im->unitrows);
	keyset_release(&im->seen_ids);
	units_free(im->units, im->n_units);
	strmap_release(&im->unit_code);
	strmap_release(&im->unit_name);
	strmap_release(&im->seen);
	strmap_release(&im->refs);
	free(im->later);
	leader_accounts_free(im->leaders, im->n_leaders);
	buf_release(&im->out);
}

/* DOMAIN.md §1 (core/access.c): may the request's actor import this kind?
 * The importer writes reports as verified, acting as the project office, so
 * it takes both the import right and the right to write the kind. */
static int import_allowed(struct importer *im)
{
	const struct actor *a = im->req->actor;
	enum role r;

	if (!a)
		return 1; /* the machine's operator */
	r = a->role;
	if (access_allows(r, RES_IMPORT, ACT_WRITE) &&
	    access_allows(r, kinds[im->kind].res, ACT_WRITE))
		return 1;
	imp_problem(im, -1, NULL, "user:%s (role %s, %s) may not import %s",
		    a->username ? a->username : "?",
		    (unsigned)r < ROLE__MAX ? role_keys[r] : "none",
		    (unsigned)r < ROLE__MAX ? role_labels[r] : "无",
		    file_kind_keys[im->kind]);
	return 0;
}

int import_kind_from_key(const char *s)
{
	int k;

	for (k = 0; k < FILE_KIND__MAX; k++)
		if (!strcmp(s, file_kind_keys[k]))
			return k;
	return -1;
}

int import_run(struct store *st, const struct import_request *rq, struct import_result *res,
	       struct buf *text)
{
	struct importer im;
	struct tally t = { { 0, 0, 0 } };
	int rc = -1;

	memset(&im, 0, sizeof(im));
	memset(res, 0, sizeof(*res));
	buf_init(&im.out, 0);
	im.req = rq;
	im.file = rq->name ? rq->name : rq->path;
	im.path = rq->path;
	im.kind = rq->kind;
	im.sheet = rq->sheet;
	im.max_rows = rq->max_rows;
	im.ignore_unknown = rq->ignore_unknown;
	im.cols = file_columns(im.kind, &im.ncols);
	if (im.ncols > sizeof(im.col) / sizeof(im.col[0]))
		abort(); /* a kind with more columns than the importer maps */
	im.st = st;
	/* The importer acts as the project office (DOMAIN.md §3): what its import
	 * does to a report is the workflow table's, whatever the stored status. */
	im.report_status = workflow_to_from_any(WF_REPORT, WA_IMPORT, ROLE_COORDINATOR);
	if (!import_allowed(&im)) {
		res->forbidden = 1;
	} else if (!load_units(&im) && !begin(&im)) {
		read_file(&im, &t);
		if (!finish(&im, rq->dry_run, &t))
			rc = 0;
	}
	res->rows = im.n;
	res->inserted = t.n[PUT_INSERTED];
	res->updated = t.n[PUT_UPDATED];
	res->unchanged = t.n[PUT_UNCHANGED];
	res->problems = im.nproblems;
	res->warnings = im.nwarnings;
	res->lines_dropped = im.nlines > IMPORT_MAX_LINES ? im.nlines - IMPORT_MAX_LINES : 0;
	if (text)
		buf_add(text, im.out.s, im.out.len);
	importer_release(&im);
	return rc;
}
