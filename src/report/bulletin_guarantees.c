/* bulletin_guarantees.c — the bulletin's 要素保障 section (DOMAIN.md §7, §8):
 * each section's land, energy and funding need against what was supplied by
 * the month's end, and the projects waiting on land or energy past the
 * setting guarantees.wait_days, each with its sentence (core/guarantees.c).
 * The figures are core's (guarantees_view.c), over every project. */
#include <stdio.h>
#include <string.h>

#include "report/bulletin.h"
#include "util/buf.h"

void bulletin_guarantees_build(struct bulletin *b, const struct guarantee_book *gb)
{
	struct guarantee_query q;

	memset(&b->guarantees, 0, sizeof(b->guarantees));
	b->gbook = gb;
	if (!gb)
		return;
	memset(&q, 0, sizeof(q));
	q.year = b->year;
	q.asof = b->asof;
	q.section_id = b->district_id; /* district1: one district's */
	guarantee_view_make(gb, &q, NULL, &b->guarantees);
}

void bulletin_guarantees_release(struct bulletin *b)
{
	guarantee_view_release(&b->guarantees);
	b->gbook = NULL;
}

/* One row: name, projects, then need / supplied / gap of each element. Land
 * and energy are in ten-thousandths of their unit, as money in yuan: the
 * money cell writes each in its unit with up to 4 decimals, exactly. */
static void figure_row(struct doc_table *t, const char *name, const struct guarantee_total *g)
{
	struct cell *c = table_row(t);
	int e;

	cell_text(&c[0], name);
	cell_count(&c[1], (int64_t)g->n_projects);
	for (e = 0; e < EL__MAX; e++) {
		cell_money(&c[2 + 3 * e], g->el[e].need);
		cell_money(&c[3 + 3 * e], g->el[e].supplied);
		cell_money(&c[4 + 3 * e], g->el[e].need - g->el[e].supplied);
	}
	cell_count(&c[11], (int64_t)g->n_waiting);
	if (g->n_waiting)
		c[11].style = CS_RED;
}

static void waiting_table(const struct bulletin *b, struct doc *d, int table_no)
{
	static const char *const heads[] = { "序号", "所属板块", "项目名称", "要素", "等待天数",
					     "情况" };
	static const int widths[] = { 2, 5, 7, 2, 3, 12 };
	const struct guarantee_view *v = &b->guarantees;
	struct buf cap = BUF_INIT, why = BUF_INIT;
	struct doc_table *t;
	size_t i, n = 0;
	int e;

	buf_addf(&cap, "表%d  要素保障等待超期项目", table_no);
	t = doc_table(d, cap.s, "要素等待", 6, heads, widths);
	for (i = 0; i < v->g.n; i++) {
		const struct guarantee_line *l = &v->g.lines[i];
		const struct project *p = &v->projects[l->project];

		for (e = 0; e < EL__MAX; e++) {
			struct cell *c;

			if (!(l->yellow & (1u << e)))
				continue;
			c = table_row(t);
			cell_count(&c[0], (int64_t)++n);
			cell_text(&c[1], dataset_unit_name(&b->gbook->units, p->section_id, "—"));
			cell_text(&c[2], p->name);
			cell_text(&c[3], element_labels[e]);
			cell_count(&c[4], l->waited[e]);
			c[4].style = CS_RED;
			guarantee_wait_reason(l, (enum element)e, b->gbook->wait_days, &why);
			cell_text(&c[5], why.s);
		}
	}
	table_empty(t, "截至月底无等待用地、用能超过时限的项目。");
	buf_release(&cap);
	buf_release(&why);
}

void bulletin_guarantees_doc(const struct bulletin *b, struct doc *d, int h2_no, int table_no)
{
	static const char *const numerals[] = { "一", "二", "三", "四", "五", "六", "七", "八",
						"九", "十" };
	static const char *const heads[] = { "板块", "项目数", "用地需求（亩）", "用地已供",
					     "用地缺口", "用能需求（吨标煤）", "用能已供", "用能缺口",
					     "资金需求（万元）", "资金已供", "资金缺口", "等待超期" };
	static const int widths[] = { 5, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2 };
	const struct guarantee_view *v = &b->guarantees;
	struct buf cap = BUF_INIT, note = BUF_INIT;
	struct doc_table *t;
	size_t i;

	if (!b->gbook)
		return;
	doc_text(d, BLK_H2, "（%s）要素保障", numerals[h2_no >= 1 && h2_no <= 10 ? h2_no - 1 : 9]);
	buf_addf(&cap, "表%d  要素保障分板块情况", table_no);
	t = doc_table(d, cap.s, "要素保障", 12, heads, widths);
	for (i = 0; i < v->g.n_sections; i++)
		figure_row(t, dataset_unit_name(&b->gbook->units, v->g.sections[i].unit_id, "—"),
			   &v->g.sections[i]);
	if (v->g.n_sections)
		figure_row(t, "合计", &v->g.district);
	table_empty(t, "本年度尚未登记要素需求。");
	if (v->g.n) {
		buf_addf(&note, "截至%d月底，%zu个项目登记了%d年度要素需求，其中用地或用能需求未满足、"
			 "等待超过%d天的项目%zu个（黄灯）。", b->n_months, v->g.n, b->year,
			 b->gbook->wait_days, v->g.district.n_waiting);
		table_note(t, note.s);
	}
	waiting_table(b, d, table_no + 1);
	buf_release(&cap);
	buf_release(&note);
}
