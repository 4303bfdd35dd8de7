/* demo_plan.c — the demo's issued plan and its change requests: chosen from
 * the generated district (the first project of a section that fits), written
 * through core's rules and workflows as the accounts `make run` creates
 * would (user:coord, user:s01, …), so the trail reads as a real one. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/demo_plan.h"
#include "core/changes.h"
#include "store/store_changes.h"
#include "util/xalloc.h"

/* One request the demo makes. */
struct demo_change {
	const char *section;   /* the section to take a project of first; NULL: any */
	enum change_field field;
	int days;              /* the proposed date: the official one + days, or
	                        * (actual) asof - days */
	const char *reason;
	enum wf_action decision; /* WA_APPROVE, WA_REJECT, or WA__MAX: pending */
	const char *why;       /* the rejection's reason */
};

static const struct demo_change changes[] = {
	{ "S01", CF_PLANNED_PRODUCTION, 92, "进口光刻设备清关延迟约三个月，投产时间相应顺延",
	  WA_APPROVE, NULL },
	{ "S02", CF_PLANNED_START, 61, "受地块征收进度影响，开工时间拟顺延两个月", WA_REJECT,
	  "征收已列入区级协调事项，开工节点不变，请按计划推进" },
	{ "S03", CF_PLANNED_COMPLETION, 120, "追加二期厂房建设内容，竣工时间相应顺延", WA__MAX,
	  NULL },
	{ NULL, CF_STARTED_ON, 5, "已举行开工仪式，桩基施工中（附开工报告）", WA__MAX, NULL },
};

/* Does project p fit change c as of asof: its start date to move is not
 * reached, its other date to move lies after asof, or (an actual start) it is
 * filed and due to start but not started? */
static int fits(const struct project *p, const struct demo_change *c, bl_day asof)
{
	bl_day filed = p->stage_on[STAGE_FILED];

	if (c->field == CF_STARTED_ON)
		return p->stage_on[STAGE_STARTED] == DAY_NONE && filed != DAY_NONE &&
		       filed <= day_add(asof, -c->days) && p->planned_start != DAY_NONE &&
		       p->planned_start <= asof && project_reached(p, STAGE_COMPLETED) == DAY_NONE;
	if (c->field == CF_PLANNED_START) /* not started: a red light to move away */
		return p->planned_start != DAY_NONE && project_reached(p, STAGE_STARTED) > asof;
	if (c->field == CF_PLANNED_COMPLETION)
		return p->planned_completion != DAY_NONE && p->planned_completion > asof;
	return p->planned_production != DAY_NONE && p->planned_production > asof;
}

/* The first project of d not taken that fits c, in section (NULL: any);
 * -1 when none. */
static long pick_in(const struct demo_data *d, const struct demo_change *c, const char *section,
		    bl_day asof, const long *taken, size_t n_taken)
{
	size_t i, k;

	for (i = 0; i < d->n_projects; i++) {
		const struct project *p = &d->projects[i];
		const struct unit *u = &d->units[p->section_id - 1];

		for (k = 0; k < n_taken && taken[k] != (long)i; k++)
			;
		if (k == n_taken && (!section || !strcmp(u->code, section)) && fits(p, c, asof))
			return (long)i;
	}
	return -1;
}

/* The first that fits c in its section, else in any. */
static long pick(const struct demo_data *d, const struct demo_change *c, bl_day asof,
		 const long *taken, size_t n_taken)
{
	long i = pick_in(d, c, c->section, asof, taken, n_taken);

	return i >= 0 || !c->section ? i : pick_in(d, c, NULL, asof, taken, n_taken);
}

static int one(struct store *st, const struct demo_data *d, const int64_t *unit, long i,
	       const struct demo_change *c, bl_day asof)
{
	const struct project *p = &d->projects[i];
	const struct unit *u = &d->units[p->section_id - 1];
	struct actor section = { 0, "s01", ROLE_SECTION, unit[p->section_id - 1] };
	struct actor office = { 0, "coord", ROLE_COORDINATOR, 0 };
	struct change_request cr;
	struct change_result res;
	char who[16];

	change_request_init(&cr);
	cr.year = DEMO_YEAR;
	cr.fields = CF_BIT(c->field);
	change_values_of(p, NULL, &cr.to);
	cr.to.day[c->field] = c->field == CF_STARTED_ON ? day_add(asof, -c->days)
						      : day_add(cr.to.day[c->field], c->days);
	cr.reason = xstrdup(c->reason);
	snprintf(who, sizeof(who), "user:s%s", u->code + 1);
	section.username = who + 5;
	store_set_actor(st, who);
	change_propose(st, &section, p->ref, &cr, &res);
	if (!res.outcome && c->decision != WA__MAX) {
		store_set_actor(st, "user:coord");
		change_decide(st, &office, cr.id, c->decision, c->why, NULL, &res);
	}
	change_request_release(&cr);
	if (res.outcome)
		cli_error("demo", "%s: %s", p->ref, res.msg);
	return res.outcome ? -1 : 0;
}

int demo_plan_write(struct store *st, const struct demo_data *d, const int64_t *unit,
		    bl_day asof)
{
	struct change_result res;
	long taken[sizeof(changes) / sizeof(changes[0])];
	size_t k, n = 0;

	store_set_actor(st, "user:coord");
	plan_issue_year(st, DEMO_YEAR, NULL, &res);
	if (res.outcome) {
		cli_error("demo", "%s", res.msg);
		return -1;
	}
	for (k = 0; k < sizeof(changes) / sizeof(changes[0]); k++) {
		long i = pick(d, &changes[k], asof, taken, n);

		if (i < 0)
			continue;
		taken[n++] = i;
		if (one(st, d, unit, i, &changes[k], asof))
			return -1;
	}
	return 0;
}
