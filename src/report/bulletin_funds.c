/* bulletin_funds.c — the bulletin's 政策兑现 section (bulletin_funds.h). */
#include "report/bulletin_funds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/figures.h"
#include "util/buf.h"
#include "util/xalloc.h"

static int cmp_owner(const void *a, const void *b)
{
	const struct fund_owner_row *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return x->owner < y->owner ? -1 : x->owner > y->owner;
}

static void count_owner(struct bulletin_funds *f, const struct fund_seen *v)
{
	size_t k;

	for (k = 0; k < f->n_owners && f->owners[k].owner != v->clock.owner; k++)
		;
	if (k == f->n_owners) {
		f->owners = xrealloc(f->owners, (f->n_owners + 1) * sizeof(*f->owners));
		memset(&f->owners[k], 0, sizeof(f->owners[k]));
		f->owners[k].owner = v->clock.owner;
		f->n_owners++;
	}
	f->owners[k].n++;
	f->owners[k].by_step[v->clock.step]++;
	if (v->clock.late > f->owners[k].max_late)
		f->owners[k].max_late = v->clock.late;
}

void bulletin_funds_build(const struct dataset *ds, int year, bl_day asof,
			  int64_t district_id, struct bulletin_funds *out)
{
	struct fund_selection sel;
	struct fund_query q;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!ds->funds || !ds->funds->n)
		return;
	out->present = 1;
	fund_query_init(&q, asof);
	q.section_id = district_id; /* district1: one district's applications */
	fund_select(ds->funds, &q, NULL, &sel);
	out->overdue = xcalloc(sel.overdue + 1, sizeof(*out->overdue));
	for (i = 0; i < sel.n; i++) {
		const struct fund_seen *v = &sel.v[i];

		if (v->overdue) {
			out->overdue[out->n_overdue++] = *v;
			count_owner(out, v);
		}
		if (day_year(v->e->a.applied_on) != year)
			continue;
		out->applications++;
		out->paid_in_full += v->s.status == FST_PAID;
		out->rejected += v->s.status == FST_REJECTED;
		amount_add(&out->applied, v->e->a.amount);
		if (v->s.status >= FST_CONSULTED && v->s.status != FST_REJECTED)
			amount_add(&out->approved, v->e->a.approved);
		amount_add(&out->paid, v->s.paid);
	}
	if (out->n_owners > 1)
		qsort(out->owners, out->n_owners, sizeof(*out->owners), cmp_owner);
	fund_selection_release(&sel);
}

void bulletin_funds_release(struct bulletin_funds *f)
{
	free(f->overdue);
	free(f->owners);
	memset(f, 0, sizeof(*f));
}

static void paragraph(const struct bulletin_funds *f, const struct dataset *ds, int n_months,
		      struct doc *d)
{
	struct buf b = BUF_INIT;
	size_t k;

	buf_addf(&b, "截至%d月底，今年受理政策兑现申请%zu件，申请金额", n_months, f->applications);
	money_phrase(&b, f->applied);
	buf_adds(&b, "，经会商核定");
	money_phrase(&b, f->approved);
	buf_adds(&b, "，已拨付");
	money_phrase(&b, f->paid);
	buf_addf(&b, "；已全额拨付%zu件，不予支持%zu件。", f->paid_in_full, f->rejected);
	if (!f->n_overdue) {
		buf_adds(&b, "各环节均在时限内办理，无超期未兑现。");
	} else {
		buf_addf(&b, "超期未兑现环节%zu个，其中", f->n_overdue);
		for (k = 0; k < f->n_owners; k++)
			buf_addf(&b, "%s%s%zu个", k ? "、" : "",
				 dataset_unit_name(ds->funds ? &ds->funds->units : ds,
						   f->owners[k].owner, "—"), f->owners[k].n);
		buf_adds(&b, "，请责任单位抓紧办理，确保政策资金按时兑现到位。");
	}
	doc_para_take(d, buf_detach(&b, NULL));
}

static void table_owners(const struct bulletin_funds *f, const struct dataset *units, int no,
			 struct doc *d)
{
	static const char *const heads[] = { "序号", "责任单位", "超期环节", "其中核实", "其中会商",
					     "其中拨付", "最长超期（工作日）" };
	static const int widths[] = { 2, 6, 3, 3, 3, 3, 4 };
	struct doc_table *t;
	char cap[64];
	size_t k;

	snprintf(cap, sizeof(cap), "表%d  政策兑现超期环节（按责任单位）", no);
	t = doc_table(d, cap, "政策兑现责任单位", 7, heads, widths);
	for (k = 0; k < f->n_owners; k++) {
		const struct fund_owner_row *o = &f->owners[k];
		struct cell *c = table_row(t);

		cell_count(&c[0], (int64_t)k + 1);
		cell_text(&c[1], dataset_unit_name(units, o->owner, "—"));
		cell_count(&c[2], (int64_t)o->n);
		cell_count(&c[3], (int64_t)o->by_step[FS_VERIFY]);
		cell_count(&c[4], (int64_t)o->by_step[FS_CONSULT]);
		cell_count(&c[5], (int64_t)o->by_step[FS_PAY]);
		cell_count(&c[6], o->max_late);
		c[2].style = CS_RED;
	}
	table_empty(t, "截至月底无超期未兑现的政策兑现环节。");
}

static void table_steps(const struct bulletin_funds *f, const struct dataset *units, int no,
			struct doc *d)
{
	static const char *const heads[] = { "序号", "企业", "政策", "超期环节", "责任单位",
					     "起算日", "时限（工作日）", "超期（工作日）" };
	static const int widths[] = { 2, 8, 8, 3, 4, 4, 3, 3 };
	struct doc_table *t;
	char cap[64];
	size_t i;

	if (!f->n_overdue)
		return;
	snprintf(cap, sizeof(cap), "表%d  超期未兑现的政策兑现申请", no);
	t = doc_table(d, cap, "超期未兑现", 8, heads, widths);
	for (i = 0; i < f->n_overdue; i++) {
		const struct fund_seen *v = &f->overdue[i];
		struct cell *c = table_row(t);

		cell_count(&c[0], (int64_t)i + 1);
		cell_text(&c[1], v->e->a.company ? v->e->a.company : "");
		cell_text(&c[2], v->e->pol->name);
		cell_text(&c[3], fund_step_labels[v->clock.step]);
		cell_text(&c[4], dataset_unit_name(units, v->clock.owner, "—"));
		cell_date(&c[5], v->clock.since);
		cell_count(&c[6], v->clock.limit);
		cell_count(&c[7], v->clock.late);
		c[7].style = CS_RED;
	}
}

void bulletin_funds_doc(const struct bulletin_funds *f, const struct dataset *ds, int n_months,
			const char *h2, int table_no, struct doc *d)
{
	const struct dataset *units = ds->funds ? &ds->funds->units : ds;

	if (!f->present)
		return;
	doc_text(d, BLK_H2, "%s", h2);
	paragraph(f, ds, n_months, d);
	table_owners(f, units, table_no, d);
	table_steps(f, units, table_no + 1, d);
}
