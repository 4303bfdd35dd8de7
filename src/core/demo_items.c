/* demo_items.c — the demo district's supervision items (督办事项, DOMAIN.md
 * §7): where they come from (the reports' problems, two site visits, the
 * project office), when they are answered and solved, and each day's
 * escalation under the default days per level, all from the whole year's
 * plans and problem spells, so that an as-of date only cuts the timelines. */
#include "core/demo_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

#define YEAR_END day_from_ymd(DEMO_YEAR, 12, 31)

/* Who owns a problem of a category: the department that solves such things,
 * else the project's section. */
static int64_t owner_of(enum item_category c, int section)
{
	switch (c) {
	case IC_LAND: return DEPT_ID(DD_LAND);
	case IC_ENERGY: return DEPT_ID(DD_NDRC);
	case IC_APPROVAL: return DEPT_ID(DD_HOUSING);
	default: return SECTION_ID(section);
	}
}

/* What a generated item is before its timeline is played. */
struct seed_item {
	size_t project;      /* index into g->plans */
	const char *title, *detail;
	enum item_category category;
	enum item_source source;
	const char *source_ref;
	int64_t owner;
	int level;
	bl_day raised, answered, resolved; /* DAY_NONE: never (in the year) */
};

static void push_step(struct demo_item *di, size_t *alloc, enum item_step_kind kind, bl_day on,
		      const char *body, const struct item_state *after)
{
	struct item_step *s;

	XGROW(di->steps, *alloc, di->n_steps + 1);
	s = &di->steps[di->n_steps++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->on = on;
	s->body = body ? xstrdup(body) : NULL;
	s->after = *after;
}

/* Play the item's days from its raise to the end of the year, keeping the
 * steps on or before asof, into g->out; nothing when raised after asof. */
static void play(struct gen *g, const struct seed_item *si, size_t *alloc)
{
	struct item_settings is;
	struct item_state s, to;
	struct demo_item *di;
	struct buf text = BUF_INIT;
	size_t steps_alloc = 0;
	bl_day d, end = g->asof < YEAR_END ? g->asof : YEAR_END;

	if (si->raised > end)
		return;
	item_settings_defaults(&is);
	XGROW(g->out->items, *alloc, g->out->n_items + 1);
	di = &g->out->items[g->out->n_items++];
	memset(di, 0, sizeof(*di));
	item_init(&di->it);
	di->it.project_id = (int64_t)si->project + 1;
	di->it.title = xstrdup(si->title);
	di->it.detail = si->detail ? xstrdup(si->detail) : NULL;
	di->it.category = si->category;
	di->it.owner_id = si->owner;
	di->it.raised_on = si->raised;
	di->it.source = si->source;
	di->it.source_ref = si->source_ref ? xstrdup(si->source_ref) : NULL;
	s.status = IS_OPEN;
	s.level = si->level;
	s.deadline = s.level_deadline = item_deadline_for(si->raised, si->level, &is);
	push_step(di, &steps_alloc, IK_RAISE, si->raised, NULL, &s);
	for (d = day_add(si->raised, 1); d <= end && item_pending(s.status); d = day_add(d, 1)) {
		if (item_escalation(&s, d, &is, &to)) {
			escalation_text(&text, &s, &to);
			s = to;
			push_step(di, &steps_alloc, IK_ESCALATE, d, text.s, &s);
		}
		if (d == si->answered) {
			s.status = IS_ANSWERED;
			push_step(di, &steps_alloc, IK_ANSWER, d, "问题已协调解决，请项目办核实", &s);
		}
		if (d == si->resolved) {
			s.status = IS_RESOLVED;
			push_step(di, &steps_alloc, IK_RESOLVE, d, "经现场核实，问题已解决", &s);
		}
	}
	di->it.status = s.status;
	di->it.level = s.level;
	di->it.deadline = s.deadline;
	di->it.level_deadline = s.level_deadline;
	di->it.last_on = di->steps[di->n_steps - 1].on;
	buf_release(&text);
}

/* The first day of month index k (0-11) of the year, plus day - 1. */
static bl_day month_day(int k, int day)
{
	return k > 11 ? DAY_NONE : day_from_ymd(DEMO_YEAR, k + 1, day);
}

/* One item per spell of a problem: raised on the 15th of the month after its
 * first report, answered on the 20th of the month the problem has left the
 * reports, resolved four days later; a stalled project's, never. */
static void from_reports(struct gen *g, size_t *alloc)
{
	char month[8];
	size_t i;

	for (i = 0; i < g->n; i++) {
		const struct plan *p = &g->plans[i];
		bl_month first = day_month(p->on[STAGE_STARTED]), jan = month_from_ym(DEMO_YEAR, 1);
		struct seed_item si;
		struct episode e;

		if (p->on[STAGE_STARTED] > YEAR_END)
			continue;
		if (first < jan)
			first = jan;
		demo_problem_episode(g, i, first - jan, &e);
		if (!e.text || e.from >= 11)
			continue;
		memset(&si, 0, sizeof(si));
		si.project = i;
		si.title = si.detail = e.text;
		si.category = item_guess_category(e.text);
		si.source = ISRC_REPORT;
		si.source_ref = month_format(month_from_ym(DEMO_YEAR, e.from + 1), month);
		si.owner = owner_of(si.category, p->section);
		si.level = 1;
		si.raised = month_day(e.from + 1, 15);
		si.answered = p->stalled ? DAY_NONE : month_day(e.to + 1, 20);
		si.resolved = si.answered == DAY_NONE ? DAY_NONE : day_add(si.answered, 4);
		play(g, &si, alloc);
	}
}

/* The April and June site visits (双月现场督办) find projects that have not
 * started on time: their permits go to the housing bureau at level 2; the
 * project office presses a project filed long ago on its section directly.
 * Each is solved three days after the project starts. */
static void from_visits(struct gen *g, size_t *alloc)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		const struct plan *p = &g->plans[i];
		bl_day started = p->on[STAGE_STARTED], planned = p->planned_start;
		struct seed_item si;

		memset(&si, 0, sizeof(si));
		si.project = i;
		si.category = IC_APPROVAL;
		si.source = ISRC_VISIT;
		si.owner = DEPT_ID(DD_HOUSING);
		si.level = 2;
		if (p->long_filed) {
			si.title = "备案已久仍未开工，请板块督促建设单位加快开工准备";
			si.category = IC_OTHER;
			si.source = ISRC_DIRECT;
			si.owner = SECTION_ID(p->section);
			si.level = 1;
			si.raised = day_from_ymd(DEMO_YEAR, 6, 10);
		} else if (planned != DAY_NONE && planned <= day_from_ymd(DEMO_YEAR, 4, 15) &&
			   started > day_from_ymd(DEMO_YEAR, 4, 20)) {
			si.title = "开工前置手续推进缓慢";
			si.detail = "4月双月现场督办：施工图审查和施工许可尚未完成，影响按期开工";
			si.source_ref = "2024-04-20";
			si.raised = day_from_ymd(DEMO_YEAR, 4, 20);
		} else if (planned != DAY_NONE && planned <= day_from_ymd(DEMO_YEAR, 5, 31) &&
			   started > day_from_ymd(DEMO_YEAR, 6, 12)) {
			si.title = "施工许可证尚未取得";
			si.detail = "6月双月现场督办：施工许可证尚未取得，计划开工日期已过";
			si.source_ref = "2024-06-12";
			si.raised = day_from_ymd(DEMO_YEAR, 6, 12);
		} else {
			continue;
		}
		si.resolved = started <= YEAR_END ? day_add(started, 3) : DAY_NONE;
		if (si.resolved != DAY_NONE && si.resolved <= si.raised)
			continue;
		si.detail = si.detail ? si.detail : si.title;
		play(g, &si, alloc);
	}
}

static int cmp_raised(const void *a, const void *b)
{
	const struct demo_item *x = a, *y = b;

	if (x->it.raised_on != y->it.raised_on)
		return x->it.raised_on < y->it.raised_on ? -1 : 1;
	return x->it.project_id < y->it.project_id ? -1 : x->it.project_id > y->it.project_id;
}

void demo_gen_items(struct gen *g)
{
	size_t alloc = 0;

	from_reports(g, &alloc);
	from_visits(g, &alloc);
	if (g->out->n_items > 1)
		qsort(g->out->items, g->out->n_items, sizeof(*g->out->items), cmp_raised);
}

void demo_items_release(struct demo_data *d)
{
	size_t i, k;

	for (i = 0; i < d->n_items; i++) {
		item_release(&d->items[i].it);
		for (k = 0; k < d->items[i].n_steps; k++)
			item_step_release(&d->items[i].steps[k]);
		free(d->items[i].steps);
	}
	free(d->items);
	d->items = NULL;
	d->n_items = 0;
}
