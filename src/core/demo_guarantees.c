/* demo_guarantees.c — the demo district's element guarantees (要素保障) and
 * demolition task books (征拆任务书), DOMAIN.md §7: each new project's land,
 * energy and funding needs for the year with the supplies that met them (land
 * granted on its 拿地 day; energy approved some weeks after the need, never
 * for some late projects, which then wait long enough to be yellow; loans and
 * bonds), and a task book per section with month-end progress at the
 * section's own pace. Drawn from the whole year, then cut at asof. */
#include "core/demo_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define S_GUARANTEE 7 /* the project's stream for its needs and supplies */
#define STREAM_DEMOLITION 3

struct rows {
	struct demo_data *d;
	size_t alloc;
	bl_day asof;
	int doc_no;
};

static void add(struct rows *r, size_t i, enum element e, enum supply_kind k, bl_day on,
		int64_t amount, const char *doc_fmt)
{
	struct supply *s;
	char doc[64];

	if (on != DAY_NONE && on > r->asof)
		return; /* not known yet */
	if (amount <= 0)
		return;
	XGROW(r->d->supplies, r->alloc, r->d->n_supplies + 1);
	s = &r->d->supplies[r->d->n_supplies++];
	supply_init(s);
	s->project_id = (int64_t)i + 1;
	s->year = DEMO_YEAR;
	s->element = e;
	s->kind = k;
	s->on = on;
	s->amount = amount;
	if (doc_fmt) {
		snprintf(doc, sizeof(doc), doc_fmt, DEMO_YEAR, ++r->doc_no);
		s->doc_no = xstrdup(doc);
	}
}

/* A new project's needs and supplies (continuing ones got theirs before). */
static void project_rows(struct gen *g, struct rows *r, size_t i)
{
	const struct plan *p = &g->plans[i];
	bl_day y0 = day_from_ymd(DEMO_YEAR, 1, 1), y1 = day_from_ymd(DEMO_YEAR, 12, 31);
	bl_day need = p->on[STAGE_SIGNED] + 30, approval;
	struct rng rng;
	int64_t fund;

	if (!p->is_new || p->size == SIZE_UPGRADE)
		return;
	demo_rng_init(&rng, g->seed, STREAM(i, S_GUARANTEE));
	/* land and energy are needed some four months before the planned start */
	if (need < p->planned_start - 120)
		need = p->planned_start - 120;
	if (need < y0)
		need = y0;
	if (p->land > 0 && (p->land_on == DAY_NONE || p->land_on >= y0)) {
		add(r, i, EL_LAND, SK_NEED, need, p->land, NULL);
		if (p->land_on != DAY_NONE && p->land_on <= y1)
			add(r, i, EL_LAND, SK_LAND_GRANT, p->land_on, p->land, "锡自然资供〔%d〕%d号");
	}
	if (p->energy != AMOUNT_NONE && p->energy > 0) {
		add(r, i, EL_ENERGY, SK_NEED, need, p->energy, NULL);
		approval = need + (bl_day)demo_rng_range(&rng, 20, 150);
		if ((p->fate == F_FAIL || p->fate == F_LATE_BIG) && demo_rng_chance(&rng, 600))
			approval = DAY_NONE; /* still waiting at the year's end */
		if (approval != DAY_NONE && approval <= y1)
			add(r, i, EL_ENERGY, SK_ENERGY_APPROVAL, approval, p->energy,
			    "锡发改能审〔%d〕%d号");
	}
	if (p->total_wan < 30000)
		return;
	fund = p->annual_wan * demo_rng_range(&rng, 30, 50) / 100 / 100 * 100 * WAN;
	add(r, i, EL_FUNDING, SK_NEED, need, fund, NULL);
	if (p->planned_start + 30 <= y1)
		add(r, i, EL_FUNDING, SK_LOAN, p->planned_start + 30, fund / WAN * 60 / 100 * WAN,
		    "贷字〔%d〕%d号");
	if (demo_rng_chance(&rng, 350) && p->planned_start + 90 <= y1)
		add(r, i, EL_FUNDING, SK_BOND, p->planned_start + 90, fund / WAN * 40 / 100 * WAN,
		    "专项债〔%d〕%d号");
}

/* The task books: per section an area to clear by 06-30 or 09-30 and
 * households to relocate by 12-31, reported at each month's end through
 * asof at the section's pace (its quality; the weakest fall behind). */
static void demolition_books(struct gen *g)
{
	static const char *const area_names[] = { "片区征收", "道路红线拆迁", "厂房腾退" };
	struct demo_data *d = g->out;
	size_t talloc = 0, ralloc = 0;
	struct rng rng;
	int s, k, m;

	demo_rng_init(&rng, g->seed, STREAM_DEMOLITION);
	for (s = 0; s < DEMO_N_SECTIONS; s++) {
		for (k = 0; k < 2; k++) {
			struct demolition_task *t;
			char name[128];
			int pace = demo_sections[s].quality + (int)demo_rng_range(&rng, -80, 60);

			XGROW(d->dtasks, talloc, d->n_dtasks + 1);
			t = &d->dtasks[d->n_dtasks++];
			demolition_task_init(t);
			t->id = (int64_t)d->n_dtasks;
			t->section_id = SECTION_ID(s);
			t->year = DEMO_YEAR;
			snprintf(name, sizeof(name), "%s%s", k ? "居民搬迁安置" :
				 area_names[demo_rng_range(&rng, 0, 2)], k ? "" : "（一期）");
			t->name = xstrdup(name);
			t->measure = k ? DM_HOUSEHOLDS : DM_AREA;
			t->quantity = k ? demo_rng_range(&rng, 2, 12) * 10
					: demo_rng_range(&rng, 2, 8) * 10000;
			t->due = k ? day_from_ymd(DEMO_YEAR, 12, 31) :
				 day_from_ymd(DEMO_YEAR, demo_rng_chance(&rng, 500) ? 6 : 9, 30);
			for (m = 1; m <= 12; m++) {
				bl_day end = day_add(day_from_ymd(DEMO_YEAR, m == 12 ? 12 : m + 1,
								  m == 12 ? 31 : 1), m == 12 ? 0 : -1);
				int64_t total = t->due - day_from_ymd(DEMO_YEAR, 1, 1);
				int64_t done = t->quantity * pace / 1000 *
					       (end - day_from_ymd(DEMO_YEAR, 1, 1)) / total;
				struct demolition_report *rep;

				if (end > g->asof || end > t->due)
					break;
				XGROW(d->dreports, ralloc, d->n_dreports + 1);
				rep = &d->dreports[d->n_dreports++];
				memset(rep, 0, sizeof(*rep));
				rep->task_id = t->id;
				rep->on = end;
				rep->done = done > t->quantity ? t->quantity : done;
			}
		}
	}
}

/* h-demotarget: each section's area task book as a target (征拆面积, its
 * quantity by its due date), judged like every target from the reports. */
static void demolition_targets(struct demo_data *d)
{
	size_t i;

	d->targets = xrealloc(d->targets, (d->n_targets + d->n_dtasks + 1) * sizeof(*d->targets));
	for (i = 0; i < d->n_dtasks; i++) {
		const struct demolition_task *k = &d->dtasks[i];
		struct target *t;

		if (k->measure != DM_AREA)
			continue;
		t = &d->targets[d->n_targets++];
		memset(t, 0, sizeof(*t));
		t->year = k->year;
		t->measure = M_DEMOLITION_AREA;
		t->tier = TIER_ANY;
		t->section_id = k->section_id;
		t->due = k->due;
		t->value = k->quantity;
	}
}

void demo_gen_guarantees(struct gen *g)
{
	struct rows r = { g->out, 0, g->asof, 0 };
	size_t i;

	for (i = 0; i < g->n; i++)
		project_rows(g, &r, i);
	demolition_books(g);
	demolition_targets(g->out);
}

void demo_guarantees_release(struct demo_data *d)
{
	size_t i;

	for (i = 0; i < d->n_supplies; i++)
		supply_release(&d->supplies[i]);
	for (i = 0; i < d->n_dtasks; i++)
		demolition_task_release(&d->dtasks[i]);
	free(d->supplies);
	free(d->dtasks);
	free(d->dreports);
}
