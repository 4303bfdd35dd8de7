/* scoring.c — the section contest of DOMAIN.md §7: shares of each measure,
 * weighted points in hundredths (exact integers), the ranking and the round's
 * roles. The inputs come from measures.c, targets and warnings.c. */
#include "core/scoring.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/targets.h"
#include "util/xalloc.h"

const char *const contest_part_keys[CP__MAX] = {
	"start_rate", "investment_completion", "new_starts", "red_warnings", "overdue_items",
	"signed_investment",
};
const char *const contest_part_labels[CP__MAX] = {
	"开工率", "开工项目投资完成率", "新开工任务完成率", "红灯项目占比", "逾期督办事项项目占比",
	"签约投资占比",
};

static const char *const setting_keys[CP__MAX] = {
	"contest.weight.start_rate",
	"contest.weight.investment_completion",
	"contest.weight.new_starts",
	"contest.weight.red_warnings",
	"contest.weight.overdue_items",
	"contest.weight.signed_investment",
};

#define WEIGHT_LIMIT 1000
#define NAMED_KEY "contest.named"
#define NAMED_DEFAULT 3
#define NAMED_MAX 20

void contest_weights_defaults(struct contest_weights *cw)
{
	cw->w[CP_START_RATE] = 30;
	cw->w[CP_INVESTMENT_COMPLETION] = 30;
	cw->w[CP_NEW_STARTS] = 20;
	cw->w[CP_RED_WARNINGS] = -20;
	cw->w[CP_OVERDUE_ITEMS] = 0;
	cw->w[CP_SIGNED_INVESTMENT] = 0; /* a district chooses to weigh 双招双引 */
	cw->named = NAMED_DEFAULT;
}

static int setting_index(const char *key)
{
	int k;

	for (k = 0; k < CP__MAX; k++)
		if (!strcmp(key, setting_keys[k]))
			return k;
	return -1;
}

int contest_setting_is_ours(const char *key)
{
	return setting_index(key) >= 0 || !strcmp(key, NAMED_KEY);
}

const char *contest_setting_key(enum contest_part k)
{
	return setting_keys[k];
}

const char *contest_weights_set(struct contest_weights *cw, const char *key, const char *value)
{
	int k = setting_index(key), named = !strcmp(key, NAMED_KEY);
	char *end;
	long v;

	if (k < 0 && !named)
		return "unknown contest setting";
	errno = 0;
	v = strtol(value, &end, 10);
	if (!*value || *end || errno)
		return "not a whole number";
	if (named) {
		if (v < 1 || v > NAMED_MAX)
			return "out of range (1 to 20)";
		cw->named = (int)v;
		return NULL;
	}
	if (v < -WEIGHT_LIMIT || v > WEIGHT_LIMIT)
		return "out of range (-1000 to 1000)";
	cw->w[k] = (int)v;
	return NULL;
}

/* ---- scoring ---- */

/* r capped at 1 (num <= den); undefined stays undefined. */
static struct ratio capped(struct ratio r)
{
	if (r.den > 0 && r.num > r.den)
		r.num = r.den;
	if (r.num < 0)
		r.num = 0;
	return r;
}

static void score_entry(struct contest_entry *e, const struct contest_weights *w)
{
	struct ratio task = { e->new_starts, e->task_new_starts };
	struct ratio red = { e->red_projects, e->projects };
	struct ratio over = { e->overdue_item_projects, e->projects };
	struct ratio sign = { e->signed_yuan, e->signed_yuan_all };
	int k;

	/* No task book (-1): undefined; a task book of 0 new starts is met by
	 * definition. */
	if (e->task_new_starts < 0)
		task.den = 0;
	else if (e->task_new_starts == 0)
		task.num = task.den = 1;
	e->share[CP_START_RATE] = capped(e->start_rate);
	e->share[CP_INVESTMENT_COMPLETION] = capped(e->investment_completion);
	e->share[CP_NEW_STARTS] = capped(task);
	e->share[CP_RED_WARNINGS] = capped(red);
	e->share[CP_OVERDUE_ITEMS] = capped(over);
	e->share[CP_SIGNED_INVESTMENT] = capped(sign);
	e->score = 0;
	for (k = 0; k < CP__MAX; k++) {
		/* DOMAIN.md §4: an undefined share counts nothing, it is not 0 % or 100 %
		 * of anything; ratio_scaled() gives 0 for it. */
		e->points[k] = ratio_scaled(e->share[k], (int64_t)w->w[k] * 100);
		amount_add(&e->score, e->points[k]); /* bounded by the weights; checked */
	}
	e->ranked = e->projects > 0;
}

/* Compare start rates a and b exactly: > 0 when a is higher; undefined lowest. */
static int cmp_rate(struct ratio a, struct ratio b)
{
	__int128 x, y;

	if (!a.den || !b.den)
		return (a.den != 0) - (b.den != 0);
	x = (__int128)a.num * b.den;
	y = (__int128)b.num * a.den;
	return (x > y) - (x < y);
}

static int cmp_code(const struct contest_entry *x, const struct contest_entry *y)
{
	return strcmp(x->code ? x->code : "", y->code ? y->code : "");
}

static int cmp_entry(const void *a, const void *b)
{
	const struct contest_entry *x = a, *y = b;
	int c;

	if (x->ranked != y->ranked)
		return y->ranked - x->ranked;
	if (!x->ranked)
		return cmp_code(x, y);
	c = (x->score < y->score) - (x->score > y->score); /* the higher score first */
	if (c)
		return c;
	c = cmp_rate(y->start_rate, x->start_rate);
	if (c)
		return c;
	return cmp_code(x, y);
}

void contest_rank(struct contest_round *r)
{
	size_t i, n_flag, n_talk, named;

	r->n_ranked = 0;
	for (i = 0; i < r->n; i++) {
		score_entry(&r->entries[i], &r->weights);
		r->entries[i].rank = 0;
		r->entries[i].roles = 0;
		if (r->entries[i].ranked)
			r->n_ranked++;
	}
	if (r->n)
		qsort(r->entries, r->n, sizeof(*r->entries), cmp_entry);
	named = r->weights.named > 0 ? (size_t)r->weights.named : NAMED_DEFAULT;
	n_flag = r->n_ranked / 2 > named ? named : r->n_ranked / 2;
	n_talk = n_flag;
	for (i = 0; i < r->n_ranked; i++) {
		struct contest_entry *e = &r->entries[i];

		if (i > 0 && e->score == r->entries[i - 1].score)
			e->rank = r->entries[i - 1].rank;
		else
			e->rank = (int)i + 1;
		/* the leader always carries the red flag, a lone section too */
		if (i == 0)
			e->roles |= CONTEST_LEADER | CONTEST_RED_FLAG;
		if (i < n_flag)
			e->roles |= CONTEST_RED_FLAG;
		if (i >= r->n_ranked - n_talk)
			e->roles |= CONTEST_TALK;
	}
}

/* ---- the month's round over a dataset ---- */

static int is_section(const struct unit *u)
{
	return u && (u->kind == UNIT_SECTION || u->kind == UNIT_STREET);
}

/* 1 when signing g counts in the round of the year of asof: signed from
 * January 1 to asof (the year to date, as the other measures). */
static int signing_counts(const struct lead_signing *g, bl_day asof)
{
	return g->signed_on != DAY_NONE && g->signed_on <= asof &&
	       day_year(g->signed_on) == day_year(asof) && g->amount != AMOUNT_NONE;
}

/* The signed investment of the round (h-talent): each entry's and the
 * district's over ds->signings. Sums saturate (amount_add). */
static void add_signings(const struct dataset *ds, struct contest_round *r)
{
	int64_t all = 0;
	size_t i, j;

	for (j = 0; j < ds->n_signings; j++)
		if (signing_counts(&ds->signings[j], r->asof))
			amount_add(&all, ds->signings[j].amount);
	for (i = 0; i < r->n; i++) {
		struct contest_entry *e = &r->entries[i];

		e->signed_yuan_all = all;
		for (j = 0; j < ds->n_signings; j++)
			if (signing_counts(&ds->signings[j], r->asof) &&
			    dataset_in_subtree(ds, ds->signings[j].followed_by, e->unit_id))
				amount_add(&e->signed_yuan, ds->signings[j].amount);
	}
}

void contest_compute(const struct dataset *ds, bl_month month, const struct warning_settings *ws,
		     const struct contest_weights *cw, struct contest_round *out)
{
	struct warning_list wl;
	struct scope sc;
	unsigned char *red, *over;
	size_t i, j;

	memset(out, 0, sizeof(*out));
	out->month = month;
	out->asof = month_last_day(month);
	out->weights = *cw;
	out->entries = xcalloc(ds->n_units ? ds->n_units : 1, sizeof(*out->entries));
	warnings_compute(ds, ws, out->asof, &wl);
	/* The overdue items are weighed on their own (weight 0 by default), so
	 * that their red light does not move the red-warning part. */
	red = xcalloc(ds->n_projects + 1, 1);
	over = xcalloc(ds->n_projects + 1, 1);
	for (j = 0; j < wl.n; j++) {
		if (wl.items[j].rule == WR_ITEM_OVERDUE)
			over[wl.items[j].project] = 1;
		/* A late fund step is the owning department's, not the section's
		 * (DOMAIN.md §7): it does not cost the section points. */
		else if (wl.items[j].rule == WR_FUND_OVERDUE)
			continue;
		else if (wl.items[j].level == LIGHT_RED)
			red[wl.items[j].project] = 1;
	}
	for (i = 0; i < ds->n_units; i++) {
		const struct unit *u = &ds->units[i];
		struct contest_entry *e;
		struct measures m;

		if (!is_section(u) || is_section(dataset_unit(ds, u->parent_id)))
			continue;
		scope_init(&sc, ds->year, out->asof);
		sc.section_id = u->id;
		measures_compute(ds, &sc, &m);
		e = &out->entries[out->n++];
		e->unit_id = u->id;
		e->code = u->code;
		e->name = u->name;
		e->projects = m.projects;
		e->start_rate = m.start_rate;
		e->investment_completion = m.investment_completion;
		e->new_starts = m.new_starts;
		e->task_new_starts = target_task_book(ds, u->id);
		for (j = 0; j < ds->n_projects; j++) {
			if (!dataset_in_subtree(ds, ds->projects[j].section_id, u->id))
				continue;
			e->red_projects += red[j];
			e->overdue_item_projects += over[j];
		}
	}
	free(red);
	free(over);
	warning_list_release(&wl);
	add_signings(ds, out);
	contest_rank(out);
}

const struct contest_entry *contest_find(const struct contest_round *r, int64_t unit_id)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->entries[i].unit_id == unit_id)
			return &r->entries[i];
	return NULL;
}

void contest_round_release(struct contest_round *r)
{
	free(r->entries);
	memset(r, 0, sizeof(*r));
}
