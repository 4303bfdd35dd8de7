/* export.c — export mirrors import: units, projects, listings, reports,
 * indicators or supervision items written with exactly the columns import reads (src/io/columns.c),
 * as CSV or XLSX, so that export then import is lossless in either format. One function
 * serves `ballast export` and GET /api/v1/export/:kind; it returns an error
 * code and a sentence, and prints nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/columns.h"
#include "io/export.h"
#include "io/parse.h"
#include "io/xlsx_write.h"
#include "store/store_guarantees.h"
#include "store/store_funds.h"
#include "store/store_items.h"
#include "store/store_leads.h"
#include "store/store_sharing.h"
#include "util/tmpfile.h"
#include "util/xalloc.h"

/* The most columns a file kind has (the projects file's 33 today). */
#define MAX_COLS 48
_Static_assert(P__MAX <= MAX_COLS, "a file kind with more columns than an XLSX export holds");

struct exporter {
	struct store *st;
	struct buf line;      /* CSV: the line being built */
	FILE *out;            /* CSV: written here, or */
	struct buf *mem;      /* appended here */
	struct xlsx_writer *xw; /* XLSX: cells go here instead */
	struct xw_col xcols[MAX_COLS];
	size_t col;           /* the next column of the current row */
	int write_failed;     /* a CSV line could not be written */
	int zh;               /* Chinese labels and 是/否 */
	const struct column *cols;
	size_t ncols;
	struct unit *units;
	size_t n_units;
};

/* A kind of file is one row of `kinds` (below; and its columns in
 * columns.c): its sheet's name and how its rows are written; NULL for a kind
 * that is not exported (targets are set one by one, not exported). */
struct kind_ops {
	const char *sheet;
	enum bl_err (*each)(struct exporter *ex);
};
static const struct kind_ops kinds[FILE_KIND__MAX];

static const char *unit_code(const struct exporter *ex, int64_t id)
{
	size_t lo = 0, hi = ex->n_units;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ex->units[mid].id == id)
			return ex->units[mid].code;
		if (ex->units[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return "";
}

/* ---- cells, in CSV or XLSX ---- */

/* CSV: the separator before every cell but the first. */
static void csv_sep(struct exporter *ex)
{
	if (ex->col)
		buf_addch(&ex->line, ',');
}

static void put_text(struct exporter *ex, const char *s)
{
	if (ex->xw) {
		xw_text(ex->xw, ex->col, s);
	} else {
		csv_sep(ex);
		buf_add_csv_field(&ex->line, s ? s : "");
	}
	ex->col++;
}

static void put_money(struct exporter *ex, int64_t v)
{
	if (ex->xw) {
		xw_yuan(ex->xw, ex->col, v);
	} else {
		csv_sep(ex);
		if (v != AMOUNT_NONE)
			format_wanyuan(&ex->line, v);
	}
	ex->col++;
}

static void put_dec4(struct exporter *ex, int64_t v)
{
	if (ex->xw) {
		if (v != AMOUNT_NONE)
			xw_num(ex->xw, ex->col, (double)v / 10000.0);
	} else {
		csv_sep(ex);
		if (v != AMOUNT_NONE)
			format_decimal(&ex->line, v, 4);
	}
	ex->col++;
}

static void put_coord(struct exporter *ex, int64_t v)
{
	if (ex->xw) {
		if (v != COORD_NONE)
			xw_num(ex->xw, ex->col, (double)v / 1000000.0);
	} else {
		csv_sep(ex);
		if (v != COORD_NONE)
			format_decimal(&ex->line, v, 6);
	}
	ex->col++;
}

static void put_day(struct exporter *ex, bl_day d)
{
	char tmp[11];

	if (ex->xw) {
		xw_day(ex->xw, ex->col++, d);
		return;
	}
	put_text(ex, day_format(d, tmp));
}

static void put_month(struct exporter *ex, bl_month m)
{
	char tmp[8];

	if (ex->xw) {
		xw_month(ex->xw, ex->col++, m);
		return;
	}
	put_text(ex, month_format(m, tmp));
}

static void put_int(struct exporter *ex, int64_t v)
{
	if (ex->xw) {
		xw_num(ex->xw, ex->col, (double)v);
	} else {
		csv_sep(ex);
		buf_addf(&ex->line, "%lld", (long long)v);
	}
	ex->col++;
}

/* End the row: a CSV line is written out; 0 or -1 on a write error. */
static int end_row(struct exporter *ex)
{
	ex->col = 0;
	if (ex->xw) {
		xw_row(ex->xw);
		return 0;
	}
	buf_adds(&ex->line, "\r\n");
	if (ex->mem)
		buf_add(ex->mem, ex->line.s, ex->line.len);
	if (ex->line.err || (ex->mem && ex->mem->err) ||
	    (!ex->mem && fwrite(ex->line.s, 1, ex->line.len, ex->out) != ex->line.len)) {
		ex->write_failed = 1;
		return -1;
	}
	buf_reset(&ex->line);
	return 0;
}

static enum xw_type xw_type_of(enum col_type t)
{
	switch (t) {
	case CT_MONEY: return XW_WANYUAN;
	case CT_DEC4: return XW_DEC4;
	case CT_COORD: return XW_NUMBER;
	case CT_DATE: return XW_DATE;
	case CT_MONTH: return XW_MONTH;
	case CT_YEAR: case CT_INT: return XW_INT;
	case CT_CODE: case CT_UNIT: case CT_BOOL: case CT_TIERS: case CT_UNIT_KIND:
	case CT_ATTRACTED: return XW_CODE;
	default: return XW_TEXT;
	}
}

static int header(struct exporter *ex, enum file_kind kind)
{
	size_t i;

	if (ex->xw) {
		if (ex->ncols > MAX_COLS)
			return -1; /* never a silently narrower file */
		for (i = 0; i < ex->ncols; i++) {
			ex->xcols[i].header = ex->zh ? ex->cols[i].label : ex->cols[i].key;
			ex->xcols[i].type = xw_type_of(ex->cols[i].type);
			ex->xcols[i].width = 0;
		}
		xw_sheet(ex->xw, ex->zh ? kinds[kind].sheet : file_kind_keys[kind], ex->xcols, i);
		return 0;
	}
	for (i = 0; i < ex->ncols; i++)
		put_text(ex, ex->zh ? ex->cols[i].label : ex->cols[i].key);
	return end_row(ex);
}

static void tiers_text(struct buf *b, unsigned tiers, int zh)
{
	int t, n = 0;

	for (t = 0; t < TIER__MAX; t++)
		if (tiers & TIER_BIT(t))
			buf_addf(b, "%s%s", n++ ? (zh ? "、" : ";") : "",
				 zh ? tier_labels[t] : tier_keys[t]);
}

static int put_unit(struct exporter *ex, const struct unit *u)
{
	put_text(ex, u->code);
	put_text(ex, u->name);
	put_text(ex, ex->zh ? unit_kind_labels[u->kind] : unit_kind_keys[u->kind]);
	put_text(ex, u->parent_id ? unit_code(ex, u->parent_id) : "");
	return end_row(ex);
}

static int put_project(void *ctx, const struct project *p)
{
	struct exporter *ex = ctx;
	int k;

	put_text(ex, p->ref);
	put_text(ex, p->name);
	put_text(ex, unit_code(ex, p->section_id));
	put_text(ex, p->department_id ? unit_code(ex, p->department_id) : "");
	put_text(ex, p->leader);
	put_text(ex, p->code);
	put_text(ex, p->company);
	put_text(ex, p->uscc);
	put_text(ex, ex->zh ? (p->industrial ? "是" : "否") : (p->industrial ? "yes" : "no"));
	put_text(ex, p->industry);
	put_text(ex, ex->zh ? attracted_labels[p->attracted_by] : attracted_keys[p->attracted_by]);
	put_money(ex, p->total_investment);
	put_money(ex, p->capacity);
	put_dec4(ex, p->land_mu);
	put_dec4(ex, p->energy_tce);
	put_day(ex, p->planned_start);
	put_day(ex, p->planned_completion);
	put_day(ex, p->planned_production);
	for (k = 0; k < STAGE__MAX; k++)
		put_day(ex, p->stage_on[k]);
	put_day(ex, p->land_on);
	put_day(ex, p->permit_on);
	put_text(ex, p->commando);
	put_coord(ex, p->lng);
	put_coord(ex, p->lat);
	put_day(ex, p->landed_on);
	put_text(ex, NULL); /* year, tiers, annual_plan: in the listings file */
	put_text(ex, NULL);
	put_text(ex, NULL);
	return end_row(ex);
}

static int put_listing(void *ctx, const char *ref, const struct listing *l)
{
	struct exporter *ex = ctx;
	struct buf tiers = BUF_INIT;
	int m;

	put_text(ex, ref);
	put_int(ex, l->year);
	tiers_text(&tiers, l->tiers, ex->zh);
	put_text(ex, tiers.s);
	buf_release(&tiers);
	put_money(ex, l->annual_plan);
	for (m = 0; m < 12; m++)
		put_money(ex, l->has_month_plan ? l->month_plan[m] : AMOUNT_NONE);
	return end_row(ex);
}

static int put_report(void *ctx, const char *ref, const struct report *r)
{
	struct exporter *ex = ctx;

	put_text(ex, ref);
	put_month(ex, r->month);
	put_money(ex, r->invest);
	put_money(ex, r->output);
	put_text(ex, r->progress);
	put_text(ex, r->problems);
	return end_row(ex);
}

/* An indicator's figure as import reads it back: 万元, a percent ("6.5"), or
 * a count. */
static void put_figure(struct exporter *ex, enum measure_key m, int64_t v)
{
	if (measure_info[m].kind == MK_MONEY) {
		put_money(ex, v);
	} else if (measure_info[m].kind == MK_RATE) {
		if (ex->xw) {
			xw_num(ex->xw, ex->col++, (double)v / 100.0);
		} else {
			csv_sep(ex);
			format_decimal(&ex->line, v, 2);
			ex->col++;
		}
	} else {
		put_int(ex, v);
	}
}

static int put_indicator(void *ctx, const struct indicator_entry *e)
{
	struct exporter *ex = ctx;

	put_text(ex, ex->zh ? measure_info[e->v.measure].label_zh
			    : measure_info[e->v.measure].key);
	put_month(ex, e->v.month);
	put_text(ex, e->v.unit_id ? unit_code(ex, e->v.unit_id) : "");
	put_figure(ex, e->v.measure, e->v.value);
	put_text(ex, e->source);
	put_text(ex, e->note);
	return end_row(ex);
}

/* Supervision items: the projects' refs by id, then each item as import
 * reads it back (resolved_on: the day a settled item was settled). */
struct item_refs {
	struct exporter *ex;
	int64_t *ids;
	char **refs;
	size_t n, alloc;
};

static int take_ref(void *ctx, const struct project *p)
{
	struct item_refs *r = ctx;

	if (r->n == r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 64;
		r->ids = xrealloc(r->ids, r->alloc * sizeof(*r->ids));
		r->refs = xrealloc(r->refs, r->alloc * sizeof(*r->refs));
	}
	r->ids[r->n] = p->id;
	r->refs[r->n++] = xstrdup(p->ref ? p->ref : "");
	return 0;
}

static const char *ref_of(const struct item_refs *r, int64_t id)
{
	size_t lo = 0, hi = r->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->ids[mid] == id)
			return r->refs[mid];
		if (r->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return "";
}

static int put_item(void *ctx, const struct item *it)
{
	struct item_refs *r = ctx;
	struct exporter *ex = r->ex;

	put_text(ex, ref_of(r, it->project_id));
	put_text(ex, it->title);
	put_text(ex, ex->zh ? item_category_labels[it->category] : item_category_keys[it->category]);
	put_text(ex, unit_code(ex, it->owner_id));
	put_text(ex, item_level_keys[it->level >= ITEM_LEVEL_MIN && it->level <= ITEM_LEVEL_MAX ?
				     it->level : ITEM_LEVEL_MIN]);
	put_day(ex, it->raised_on);
	put_day(ex, it->deadline);
	put_text(ex, ex->zh ? item_status_labels[it->status] : item_status_keys[it->status]);
	put_day(ex, item_pending(it->status) ? DAY_NONE : it->last_on);
	put_text(ex, it->detail);
	return end_row(ex);
}

static enum bl_err each_item(struct exporter *ex)
{
	struct item_refs r = { ex, NULL, NULL, 0, 0 };
	enum bl_err rc = store_item_projects(ex->st, take_ref, &r);
	size_t i;

	if (!rc)
		rc = store_items_each(ex->st, put_item, &r);
	for (i = 0; i < r.n; i++)
		free(r.refs[i]);
	free(r.refs);
	free(r.ids);
	return rc;
}

/* Fund applications (h-funds): as import reads them back, the payments as
 * their total and the last one's day; policies by name. */
struct app_ctx {
	struct item_refs refs;
	struct policy *pol;
	size_t n_pol;
};

static int take_policy(void *ctx, const struct policy *p)
{
	struct app_ctx *c = ctx;

	c->pol = xrealloc(c->pol, (c->n_pol + 1) * sizeof(*c->pol));
	c->pol[c->n_pol] = *p;
	c->pol[c->n_pol++].name = xstrdup(p->name ? p->name : "");
	return 0;
}

static int put_application(void *ctx, const struct application *a)
{
	struct app_ctx *c = ctx;
	struct exporter *ex = c->refs.ex;
	int64_t paid = 0;
	size_t i;

	for (i = 0; i < a->n_payments; i++)
		amount_add(&paid, a->payments[i].yuan);
	put_text(ex, a->company);
	put_text(ex, a->uscc);
	put_text(ex, a->project_id ? ref_of(&c->refs, a->project_id) : "");
	for (i = 0; i < c->n_pol && c->pol[i].id != a->policy_id; i++)
		;
	put_text(ex, i < c->n_pol ? c->pol[i].name : "");
	put_money(ex, a->amount);
	put_day(ex, a->applied_on);
	put_day(ex, a->verified_on);
	put_day(ex, a->consulted_on);
	put_money(ex, a->consulted_on != DAY_NONE ? a->approved : AMOUNT_NONE);
	put_day(ex, a->n_payments ? a->payments[a->n_payments - 1].on : DAY_NONE);
	put_money(ex, a->n_payments ? paid : AMOUNT_NONE);
	put_day(ex, a->rejected_on);
	put_text(ex, a->reason);
	return end_row(ex);
}

struct id_ref {
	int64_t id;
	char *ref;
};

static int cmp_id_ref(const void *a, const void *b)
{
	const struct id_ref *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* The refs come by ref; ref_of wants them by id. */
static void sort_refs(struct item_refs *r)
{
	struct id_ref *v = xmalloc((r->n ? r->n : 1) * sizeof(*v));
	size_t i;

	for (i = 0; i < r->n; i++)
		v[i] = (struct id_ref){ r->ids[i], r->refs[i] };
	qsort(v, r->n, sizeof(*v), cmp_id_ref);
	for (i = 0; i < r->n; i++) {
		r->ids[i] = v[i].id;
		r->refs[i] = v[i].ref;
	}
	free(v);
}

static enum bl_err each_application(struct exporter *ex)
{
	struct app_ctx c = { { ex, NULL, NULL, 0, 0 }, NULL, 0 };
	enum bl_err rc = store_projects_each(ex->st, take_ref, &c.refs);
	size_t i;

	sort_refs(&c.refs);
	if (!rc)
		rc = store_policies_each(ex->st, take_policy, &c);
	if (!rc)
		rc = store_applications_each(ex->st, put_application, &c);
	for (i = 0; i < c.refs.n; i++)
		free(c.refs.refs[i]);
	free(c.refs.refs);
	free(c.refs.ids);
	for (i = 0; i < c.n_pol; i++)
		policy_release(&c.pol[i]);
	free(c.pol);
	return rc;
}

static int put_workday(void *ctx, const struct workcal_day *d)
{
	struct exporter *ex = ctx;

	put_day(ex, d->day);
	put_text(ex, ex->zh ? workcal_kind_labels[d->kind] : workcal_kind_keys[d->kind]);
	put_text(ex, d->name);
	return end_row(ex);
}

static enum bl_err each_workday(struct exporter *ex)
{
	return store_workdays_each(ex->st, put_workday, ex);
}

/* h-leads: the lead pool, each lead as import reads it back. */
static int put_lead(void *ctx, const struct lead *l)
{
	struct exporter *ex = ctx;

	put_text(ex, l->company);
	put_text(ex, l->uscc);
	put_text(ex, l->industry);
	put_money(ex, l->amount);
	put_text(ex, l->source);
	put_text(ex, unit_code(ex, l->found_by));
	put_text(ex, unit_code(ex, l->followed_by));
	put_text(ex, ex->zh ? lead_stage_labels[l->stage] : lead_stage_keys[l->stage]);
	put_day(ex, l->found_on);
	put_day(ex, l->signed_on);
	put_text(ex, l->reason);
	put_text(ex, l->project_ref);
	return end_row(ex);
}

static enum bl_err each_lead(struct exporter *ex)
{
	return store_leads_each(ex->st, put_lead, ex);
}

static enum bl_err each_unit(struct exporter *ex)
{
	size_t i;

	for (i = 0; i < ex->n_units; i++)
		if (put_unit(ex, &ex->units[i]))
			return BL_EIO;
	return BL_OK;
}

static enum bl_err each_project(struct exporter *ex)
{
	return store_projects_each(ex->st, put_project, ex);
}

static enum bl_err each_listing(struct exporter *ex)
{
	return store_listings_each(ex->st, 0, put_listing, ex);
}

static enum bl_err each_report(struct exporter *ex)
{
	return store_reports_each(ex->st, put_report, ex);
}

static enum bl_err each_indicator(struct exporter *ex)
{
	return store_indicators_each(ex->st, 0, put_indicator, ex);
}

/* Element needs and supplies, as import reads them back: by project ref. */
static enum bl_err each_supply(struct exporter *ex)
{
	struct project *ps = NULL;
	struct supply *rows = NULL;
	size_t np = 0, n = 0, i, j;
	enum bl_err rc = store_supply_projects(ex->st, &ps, &np);

	if (!rc)
		rc = store_supplies(ex->st, &rows, &n);
	for (i = 0; !rc && i < np; i++)
		for (j = 0; !rc && j < n; j++) {
			const struct supply *r = &rows[j];

			if (r->project_id != ps[i].id)
				continue;
			put_text(ex, ps[i].ref);
			put_int(ex, r->year);
			put_text(ex, ex->zh ? element_labels[r->element] : element_keys[r->element]);
			put_text(ex, ex->zh ? supply_kind_labels[r->kind] : supply_kind_keys[r->kind]);
			put_day(ex, r->on);
			put_dec4(ex, r->amount);
			put_text(ex, r->doc_no);
			if (end_row(ex))
				rc = BL_EIO;
		}
	for (i = 0; i < n; i++)
		supply_release(&rows[i]);
	for (i = 0; i < np; i++)
		project_release(&ps[i]);
	free(rows);
	free(ps);
	return rc;
}

/* One demolition row: the task and, when r is given, a report of it. */
static int put_demolition(struct exporter *ex, const struct demolition_task *t,
			  const struct demolition_report *r)
{
	put_text(ex, unit_code(ex, t->section_id));
	put_int(ex, t->year);
	put_text(ex, t->name);
	put_text(ex, ex->zh ? demolition_measure_labels[t->measure] :
		 demolition_measure_keys[t->measure]);
	put_int(ex, t->quantity);
	put_day(ex, t->due);
	put_day(ex, r ? r->on : DAY_NONE);
	if (r)
		put_int(ex, r->done);
	else
		put_text(ex, "");
	return end_row(ex);
}

/* Demolition task books: a row per progress report, with its task; a task
 * without reports has one row of its own. */
static enum bl_err each_demolition(struct exporter *ex)
{
	struct demolition_task *ts = NULL;
	struct demolition_report *rs = NULL;
	size_t nt = 0, nr = 0, i, j;
	enum bl_err rc = store_demolition_tasks(ex->st, &ts, &nt);

	if (!rc)
		rc = store_demolition_reports(ex->st, &rs, &nr);
	for (i = 0; !rc && i < nt; i++) {
		int any = 0;

		for (j = 0; !rc && j < nr; j++)
			if (rs[j].task_id == ts[i].id) {
				any = 1;
				if (put_demolition(ex, &ts[i], &rs[j]))
					rc = BL_EIO;
			}
		if (!rc && !any && put_demolition(ex, &ts[i], NULL))
			rc = BL_EIO;
	}
	for (i = 0; i < nt; i++)
		demolition_task_release(&ts[i]);
	free(ts);
	free(rs);
	return rc;
}

/* Revenue sharing: every tax record as import reads it (ref, year, tax). */
static enum bl_err each_tax(struct exporter *ex)
{
	struct sharing_data d;
	enum bl_err rc = store_load_sharing(ex->st, &d);
	size_t i;

	for (i = 0; !rc && i < d.n_taxes; i++) {
		const struct project *p = sharing_project(&d, d.taxes[i].project_id);

		put_text(ex, p ? p->ref : "");
		put_int(ex, d.taxes[i].year);
		put_money(ex, d.taxes[i].tax);
		if (end_row(ex))
			rc = BL_EIO;
	}
	sharing_data_release(&d);
	return rc;
}

/* The industrial fund registry, by registration date then name. */
static enum bl_err each_fund(struct exporter *ex)
{
	struct fund *f;
	size_t i, n;
	enum bl_err rc = store_funds(ex->st, &f, &n);

	for (i = 0; !rc && i < n; i++) {
		put_text(ex, f[i].name);
		put_text(ex, f[i].manager);
		put_money(ex, f[i].capital);
		put_day(ex, f[i].registered_on);
		put_text(ex, f[i].focus);
		put_text(ex, f[i].brought_by ? unit_code(ex, f[i].brought_by) : "");
		if (end_row(ex))
			rc = BL_EIO;
	}
	funds_free(f, n);
	return rc;
}

static const struct kind_ops kinds[FILE_KIND__MAX] = {
	[FILE_UNITS] = { "单位", each_unit },
	[FILE_PROJECTS] = { "项目", each_project },
	[FILE_LISTINGS] = { "年度清单", each_listing },
	[FILE_REPORTS] = { "月报", each_report },
	[FILE_TARGETS] = { "目标", NULL },
	[FILE_INDICATORS] = { "指标数据", each_indicator },
	[FILE_ITEMS] = { "督办事项", each_item },
	[FILE_SUPPLIES] = { "要素保障", each_supply },
	[FILE_DEMOLITION] = { "征拆任务书", each_demolition },
	[FILE_APPLICATIONS] = { "政策兑现", each_application }, /* h-funds */
	[FILE_CALENDAR] = { "工作日历", each_workday },
	[FILE_LEADS] = { "招商线索", each_lead }, /* h-leads */
	[FILE_TAXES] = { "税收", each_tax },
	[FILE_FUNDS] = { "产业基金", each_fund },
};

static enum bl_err export_kind(struct exporter *ex, enum file_kind kind)
{
	if ((unsigned)kind >= FILE_KIND__MAX || !kinds[kind].each)
		return BL_EINVAL;
	ex->cols = file_columns(kind, &ex->ncols);
	if (header(ex, kind))
		return BL_EIO;
	return kinds[kind].each(ex);
}

/* Write the export of rq->kind with ex set up for its output. */
static enum bl_err export_rows(struct exporter *ex, const struct export_request *rq,
			       struct buf *err)
{
	enum bl_err rc = export_kind(ex, rq->kind);

	if (ex->write_failed)
		rc = BL_EIO;
	if (rc == BL_EIO && err && !err->len)
		buf_addf(err, "cannot write the export");
	else if (rc && err && !err->len)
		buf_addf(err, "%s", store_errmsg(ex->st));
	return rc;
}

/* XLSX: a workbook at path (the caller's, or a private temporary file). */
static enum bl_err export_xlsx(struct exporter *ex, const struct export_request *rq,
			       const char *path, struct buf *err)
{
	enum bl_err rc = xw_open(path, &ex->xw, err);

	if (rc)
		return rc;
	rc = export_rows(ex, rq, err);
	if (xw_close(ex->xw, rc ? NULL : err) && !rc)
		rc = BL_EIO;
	ex->xw = NULL;
	return rc;
}

enum bl_err export_run(struct store *st, const struct export_request *rq, struct buf *err)
{
	struct buf tmp = BUF_INIT;
	struct exporter ex;
	enum bl_err rc;
	int fd;

	if ((unsigned)rq->kind >= FILE_KIND__MAX || !kinds[rq->kind].each) {
		if (err)
			buf_addf(err, "export units, projects, listings, reports, indicators, items, "
					 "supplies, demolition, applications, calendar, leads, taxes or funds");
		return BL_EINVAL;
	}
	memset(&ex, 0, sizeof(ex));
	buf_init(&ex.line, 0);
	ex.zh = rq->zh;
	ex.st = st;
	ex.out = rq->fp;
	ex.mem = rq->mem;
	rc = store_units(st, &ex.units, &ex.n_units);
	if (rc) {
		if (err)
			buf_addf(err, "%s", store_errmsg(st));
		return rc;
	}
	if (!rq->xlsx) {
		if (rq->bom) {
			buf_adds(&ex.line, "\xef\xbb\xbf");
			ex.col = 0;
		}
		rc = export_rows(&ex, rq, err);
	} else if (rq->xlsx_path) {
		rc = export_xlsx(&ex, rq, rq->xlsx_path, err);
	} else {
		fd = tmpfile_private("export", &tmp, err);
		rc = fd < 0 ? BL_EIO : BL_OK;
		if (fd >= 0)
			close(fd);
		if (!rc)
			rc = export_xlsx(&ex, rq, tmp.s, err);
		if (!rc)
			rc = file_slurp(tmp.s, rq->mem, rq->max, err);
		if (fd >= 0)
			unlink(tmp.s);
	}
	units_free(ex.units, ex.n_units);
	buf_release(&ex.line);
	buf_release(&tmp);
	return rc;
}
