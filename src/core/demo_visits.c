/* demo_visits.c — the demo district's teams and visits (demo_visits.h), and
 * the supervision visits of each window, chosen from the schedule the stored
 * demo gives (so that the schedule's rule, not a guess, picks them). */
#include "core/demo_visits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_visits.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define TEN_YI INT64_C(1000000000)

static const char *const people[] = {
	"张建国", "李卫东", "王海燕", "赵志强", "陈晓梅", "刘振华", "周立新", "吴国平",
	"孙丽娟", "朱建军", "胡明亮", "郭文彬",
};
#define N_PEOPLE (sizeof(people) / sizeof(people[0]))

static const char *const findings[] = {
	"施工现场有序推进，主体结构按计划施工，未发现新问题。",
	"施工用电增容尚未完成，已请供电公司对接，建议纳入督办。",
	"周边道路施工影响材料进场，需协调交警部门错峰通行。",
	"建设单位反映审图进度偏慢，突击队已联系审图中心加快办理。",
	"现场劳务用工紧张，已协调街道人力资源服务站对接。",
	"设备采购合同已签订，预计下月进场安装。",
};
#define N_FINDINGS (sizeof(findings) / sizeof(findings[0]))

/* 1 when project i is hard: a site visit raised an item on it, or it is
 * filed, not started by asof, with a total investment of 10 亿 or more. */
static int hard(const struct demo_data *d, size_t i, bl_day asof)
{
	const struct project *p = &d->projects[i];
	bl_day filed = project_reached(p, STAGE_FILED), started = project_reached(p, STAGE_STARTED);
	size_t k;

	for (k = 0; k < d->n_items; k++)
		if (d->items[k].it.project_id == p->id && d->items[k].it.source == ISRC_VISIT)
			return 1;
	return p->total_investment != AMOUNT_NONE && p->total_investment >= TEN_YI &&
	       filed != DAY_NONE && filed <= asof && (started == DAY_NONE || started > asof);
}

static struct visit *add_visit(struct demo_visits *out, size_t *alloc, int64_t project,
			       bl_day on, enum visit_kind kind, const char *who, const char *found)
{
	struct visit *v;

	if (out->n_visits == *alloc) {
		*alloc = *alloc ? 2 * *alloc : 64;
		out->visits = xrealloc(out->visits, *alloc * sizeof(*out->visits));
	}
	v = &out->visits[out->n_visits++];
	visit_init(v);
	v->project_id = project;
	v->on = on;
	v->kind = kind;
	v->who = xstrdup(who);
	v->findings = found ? xstrdup(found) : NULL;
	return v;
}

static void add_team(struct demo_visits *out, const struct project *p, size_t k)
{
	struct buf b = BUF_INIT;
	struct team *t;

	out->teams = xrealloc(out->teams, (out->n_teams + 1) * sizeof(*out->teams));
	t = &out->teams[out->n_teams++];
	team_init(t);
	t->project_id = p->id;
	buf_addf(&b, "%s党员突击队", p->ref ? p->ref : "");
	t->name = xstrdup(b.s);
	buf_reset(&b);
	buf_addf(&b, "%s\n%s\n%s", people[(3 * k) % N_PEOPLE], people[(3 * k + 1) % N_PEOPLE],
		 people[(3 * k + 2) % N_PEOPLE]);
	t->members = xstrdup(b.s);
	buf_release(&b);
}

/* The supervision visits the demo's visit items came from (their day). */
static void item_visits(const struct demo_data *d, bl_day asof, struct demo_visits *out,
			size_t *alloc)
{
	size_t k;

	for (k = 0; k < d->n_items; k++) {
		const struct item *it = &d->items[k].it;

		if (it->source == ISRC_VISIT && it->raised_on <= asof)
			add_visit(out, alloc, it->project_id, it->raised_on, VK_SUPERVISION,
				  "区发改委项目办、区住建局", it->detail);
	}
}

static int by_day(const void *a, const void *b)
{
	const struct visit *x = a, *y = b;

	if (x->on != y->on)
		return x->on < y->on ? -1 : 1;
	return x->project_id < y->project_id ? -1 : x->project_id > y->project_id;
}

void demo_visits_generate(const struct demo_data *d, bl_day asof, struct demo_visits *out)
{
	size_t i, k = 0, alloc = 0;
	int m, y = day_year(asof);
	char who[128];

	memset(out, 0, sizeof(*out));
	item_visits(d, asof, out, &alloc);
	for (i = 0; i < d->n_projects; i++) {
		const struct project *p = &d->projects[i];

		if (!hard(d, i, asof))
			continue;
		add_team(out, p, k);
		snprintf(who, sizeof(who), "突击队：%s、%s", people[(3 * k) % N_PEOPLE],
			 people[(3 * k + 1) % N_PEOPLE]);
		for (m = 2; m <= 12; m++) { /* a commando visit on the 8th of each month */
			bl_day on = day_from_ymd(y, m, 8);

			if (on <= asof)
				add_visit(out, &alloc, p->id, on, VK_COMMANDO, who,
					  findings[(k + (size_t)m) % N_FINDINGS]);
		}
		k++;
	}
	if (out->n_visits > 1)
		qsort(out->visits, out->n_visits, sizeof(*out->visits), by_day);
}

void demo_visits_release(struct demo_visits *v)
{
	size_t i;

	for (i = 0; i < v->n_teams; i++)
		team_release(&v->teams[i]);
	for (i = 0; i < v->n_visits; i++)
		visit_release(&v->visits[i]);
	free(v->teams);
	free(v->visits);
	memset(v, 0, sizeof(*v));
}

/* ---- the supervision visits of each window ---- */

/* One window's: two of every three projects on its schedule, in order, that
 * no visit marks yet, visited on day on. */
static enum bl_err supervise_window(struct store *st, bl_day from, bl_day on, size_t *n)
{
	struct schedule_settings ss;
	struct warning_settings ws;
	struct schedule s;
	struct dataset ds;
	struct visit v;
	enum bl_err rc;
	size_t i;

	schedule_settings_defaults(&ss);
	warning_settings_defaults(&ws);
	rc = store_load_dataset_for(st, day_year(from), day_month(from), DS_ALL, &ds);
	if (rc)
		return rc;
	rc = schedule_compute(st, &ds, &ws, &ss, from, &s);
	for (i = 0; !rc && i < s.n; i++) {
		if (s.v[i].visits || i % 3 == 2)
			continue;
		visit_init(&v);
		v.project_id = ds.projects[s.v[i].project].id;
		v.on = on;
		v.kind = VK_SUPERVISION;
		v.who = xstrdup("区领导、区发改委项目办");
		v.findings = xstrdup(findings[i % N_FINDINGS]);
		rc = store_visit_insert(st, &v);
		visit_release(&v);
		*n += !rc;
	}
	schedule_release(&s);
	dataset_release(&ds);
	return rc;
}

enum bl_err demo_visits_supervise(struct store *st, bl_day asof, size_t *n)
{
	int y = day_year(asof), m;
	enum bl_err rc = BL_OK;

	*n = 0;
	for (m = 1; m <= 11 && !rc; m += 2) {
		bl_day on = day_from_ymd(y, m + 1, 10);

		if (on > asof)
			break;
		rc = store_begin(st);
		if (!rc)
			rc = supervise_window(st, day_from_ymd(y, m, 1), on, n);
		if (!rc)
			rc = store_commit(st);
		else
			store_rollback(st);
	}
	return rc;
}
