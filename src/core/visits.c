/* visits.c — commando teams and site visits (visits.h): their kinds, the
 * checks of their fields, and the bimonthly on-site supervision schedule
 * (双月现场督办, DOMAIN.md §7) with its settings. */
#include "core/visits.h"

#include <stdlib.h>
#include <string.h>

#include "core/items.h"
#include "core/settings.h"
#include "util/xalloc.h"

const char *const visit_kind_keys[VK__MAX] = { "commando", "supervision", "other" };
const char *const visit_kind_labels[VK__MAX] = { "突击队走访", "双月现场督办", "其他走访" };

int visit_kind_from_text(const char *s)
{
	int k;

	for (k = 0; s && k < VK__MAX; k++)
		if (!strcmp(s, visit_kind_keys[k]) || !strcmp(s, visit_kind_labels[k]))
			return k;
	return -1;
}

void visit_init(struct visit *v)
{
	memset(v, 0, sizeof(*v));
	v->on = DAY_NONE;
	v->kind = VK_COMMANDO;
}

void visit_release(struct visit *v)
{
	free(v->who);
	free(v->findings);
	free(v->recorded_by);
	free(v->recorded_at);
	visit_init(v);
}

void team_init(struct team *t)
{
	memset(t, 0, sizeof(*t));
}

void team_release(struct team *t)
{
	free(t->name);
	free(t->members);
	team_init(t);
}

const char *visit_check(const struct visit *v, bl_day today, const char **field)
{
	const char *why;

	*field = "on";
	if (v->on == DAY_NONE)
		return "a visit's day is needed";
	if (v->on > today)
		return "a visit is not recorded before its day";
	*field = "kind";
	if ((unsigned)v->kind >= VK__MAX)
		return "not one of commando, supervision, other";
	*field = "who";
	if (!v->who)
		return "who visited is needed";
	why = item_text_problem(v->who, VISIT_WHO_MAX, 1);
	if (why)
		return why;
	*field = "findings";
	if (v->findings && (why = item_text_problem(v->findings, VISIT_FINDINGS_MAX, 0)))
		return why;
	*field = NULL;
	return NULL;
}

/* NULL when every line of s is a member's name of at most 100 characters. */
static const char *members_problem(const char *s)
{
	const char *line = s, *nl;
	char one[512];
	size_t n;

	while (*line) {
		nl = strchr(line, '\n');
		n = nl ? (size_t)(nl - line) : strlen(line);
		if (n >= sizeof(one))
			return "a member's name is longer than 100 characters";
		memcpy(one, line, n);
		one[n] = '\0';
		if (n && item_text_problem(one, TEAM_NAME_MAX, 1))
			return "a member's name is longer than 100 characters or holds a control "
			       "character";
		line += n + (nl ? 1 : 0);
	}
	return NULL;
}

const char *team_check(const struct team *t, const char **field)
{
	const char *why;

	*field = "name";
	if (!t->name)
		return "the team's name is needed";
	why = item_text_problem(t->name, TEAM_NAME_MAX, 1);
	if (why)
		return why;
	*field = "members";
	if (t->members && *t->members &&
	    ((why = item_text_problem(t->members, TEAM_MEMBERS_MAX, 0)) ||
	     (why = members_problem(t->members))))
		return why;
	*field = NULL;
	return NULL;
}

/* ---- the schedule's settings ---- */

void schedule_settings_defaults(struct schedule_settings *ss)
{
	ss->even = 0;
	ss->threshold = 1000000000; /* 10 亿 */
}

int schedule_setting_is_ours(const char *key)
{
	return !strcmp(key, "supervision.months") || !strcmp(key, "supervision.threshold_yuan");
}

const char *schedule_settings_set(struct schedule_settings *ss, const char *key,
				  const char *value)
{
	const struct setting_def *d = schedule_setting_is_ours(key) ? setting_find(key) : NULL;
	const char *why;

	if (!d)
		return "unknown supervision setting";
	why = setting_check(d, value);
	if (why)
		return why;
	if (d->type == SETTING_CHOICE)
		ss->even = !strcmp(value, "even");
	else
		ss->threshold = strtoll(value, NULL, 10); /* checked digits, in range */
	return NULL;
}

/* ---- the schedule ---- */

void schedule_window(bl_day d, const struct schedule_settings *ss, bl_day *from, bl_day *to)
{
	bl_month m = day_month(d);
	int odd = month_of_year(m) % 2;

	/* A window opens in a month whose parity is the setting's; a day of the
	 * other month belongs to the window opened the month before. */
	if (odd == ss->even)
		m = month_add(m, -1);
	*from = month_first_day(m);
	*to = month_last_day(month_add(m, 1));
}

/* Section code, then ref (the codes and refs the entries borrow). */
static int entry_cmp(const void *a, const void *b)
{
	const struct schedule_entry *x = a, *y = b;
	int c = strcmp(x->section_code, y->section_code);

	return c ? c : strcmp(x->ref, y->ref);
}

/* The entry of project_id in s, or NULL. */
static struct schedule_entry *entry_of(const struct dataset *ds, struct schedule *s,
				       int64_t project_id)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (ds->projects[s->v[i].project].id == project_id)
			return &s->v[i];
	return NULL;
}

void schedule_build(const struct dataset *ds, const enum light *lights,
		    const struct schedule_settings *ss, bl_day asof, const struct visit *visits,
		    size_t n_visits, struct schedule *out)
{
	struct schedule_entry *e;
	size_t i;

	memset(out, 0, sizeof(*out));
	schedule_window(asof, ss, &out->from, &out->to);
	out->v = xcalloc(ds->n_projects ? ds->n_projects : 1, sizeof(*out->v));
	for (i = 0; i < ds->n_projects; i++) {
		const struct project *p = &ds->projects[i];
		bl_day filed = project_reached(p, STAGE_FILED);
		bl_day started = project_reached(p, STAGE_STARTED);
		int fns = filed != DAY_NONE && filed <= out->from &&
			  (started == DAY_NONE || started > out->from);
		int red = lights[i] == LIGHT_RED;

		if (p->total_investment == AMOUNT_NONE || p->total_investment < ss->threshold ||
		    (!fns && !red))
			continue;
		e = &out->v[out->n++];
		e->project = i;
		e->filed_not_started = fns;
		e->red = red;
		e->visited_on = DAY_NONE;
		e->section_code = dataset_unit_code(ds, p->section_id, "");
		e->ref = p->ref ? p->ref : "";
	}
	qsort(out->v, out->n, sizeof(*out->v), entry_cmp);
	for (i = 0; i < n_visits; i++) {
		const struct visit *v = &visits[i];

		if (v->kind != VK_SUPERVISION || v->on < out->from || v->on > out->to)
			continue;
		e = entry_of(ds, out, v->project_id);
		if (!e)
			continue;
		if (!e->visits++)
			out->visited++;
		if (e->visited_on == DAY_NONE || v->on < e->visited_on ||
		    (v->on == e->visited_on && v->id < e->visit_id)) {
			e->visited_on = v->on;
			e->visit_id = v->id;
		}
	}
}

void schedule_release(struct schedule *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

void schedule_keep(struct schedule *s, int (*keep)(void *ctx, size_t project), void *ctx)
{
	size_t i, n = 0;

	s->visited = 0;
	for (i = 0; i < s->n; i++) {
		if (!keep(ctx, s->v[i].project))
			continue;
		s->v[n] = s->v[i];
		s->visited += s->v[n].visits > 0;
		n++;
	}
	s->n = n;
}
