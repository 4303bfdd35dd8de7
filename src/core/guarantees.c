/* guarantees.c — DOMAIN.md §7 要素保障: need against supplied per project,
 * section and district, and who waits on land or energy, in exact integers
 * (land and energy in ten-thousandths of 亩 and 吨标煤, funding in yuan). */
#include "core/guarantees.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/settings.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/xalloc.h"

const char *const element_keys[EL__MAX] = { "land", "energy", "funding" };
const char *const element_labels[EL__MAX] = { "用地", "用能", "资金" };
const char *const element_units[EL__MAX] = { "亩", "吨标煤", "万元" };

const char *const supply_kind_keys[SK__MAX] = {
	"need", "land_grant", "energy_approval", "loan", "bond", "fiscal", "other",
};
const char *const supply_kind_labels[SK__MAX] = {
	"需求", "供地批复", "能评批复", "贷款", "专项债", "财政资金", "其他",
};

static int text_index(const char *s, const char *const *a, const char *const *b, int n)
{
	int i;

	for (i = 0; s && i < n; i++)
		if (!strcmp(s, a[i]) || !strcmp(s, b[i]))
			return i;
	return -1;
}

int element_from_text(const char *s)
{
	int i = text_index(s, element_keys, element_labels, EL__MAX);

	if (i >= 0 || !s)
		return i;
	if (!strcmp(s, "土地"))
		return EL_LAND;
	if (!strcmp(s, "能耗"))
		return EL_ENERGY;
	if (!strcmp(s, "funds"))
		return EL_FUNDING;
	return -1;
}

int supply_kind_from_text(const char *s)
{
	return text_index(s, supply_kind_keys, supply_kind_labels, SK__MAX);
}

void supply_init(struct supply *s)
{
	memset(s, 0, sizeof(*s));
	s->on = DAY_NONE;
}

void supply_release(struct supply *s)
{
	free(s->doc_no);
	supply_init(s);
}

const char *supply_problem(const struct supply *s)
{
	const char *why = amount_problem(s->amount);

	if (why)
		return why;
	if (s->year < 2000 || s->year > 2100)
		return "a year from 2000 to 2100";
	if ((unsigned)s->element >= EL__MAX || (unsigned)s->kind >= SK__MAX)
		return "not an element or a kind";
	if (s->kind == SK_NEED)
		return NULL;
	if (s->on == DAY_NONE)
		return "a supply needs its date";
	if (s->on < day_from_ymd(s->year, 1, 1))
		return "a supply dated before its year";
	if ((s->kind == SK_LAND_GRANT && s->element != EL_LAND) ||
	    (s->kind == SK_ENERGY_APPROVAL && s->element != EL_ENERGY) ||
	    ((s->kind == SK_LOAN || s->kind == SK_BOND || s->kind == SK_FISCAL) &&
	     s->element != EL_FUNDING))
		return "the kind does not supply this element";
	return NULL;
}

/* The index of project id among in's projects; -1 when not given. */
static long project_index(const struct guarantee_input *in, int64_t id)
{
	size_t i;

	for (i = 0; i < in->n_projects; i++)
		if (in->projects[i].id == id)
			return (long)i;
	return -1;
}

/* Per project index, the line it has (or -1), and the lines in project order. */
static void build_lines(const struct guarantee_input *in, struct guarantees *out, long *line_of)
{
	size_t i;
	int e;

	for (i = 0; i < in->n_rows; i++) {
		const struct supply *r = &in->rows[i];
		long p = r->year == in->year ? project_index(in, r->project_id) : -1;

		if (p >= 0 && line_of[p] < 0)
			line_of[p] = 0;
	}
	for (i = 0; i < in->n_projects; i++) {
		struct guarantee_line *l;

		if (line_of[i] < 0)
			continue;
		line_of[i] = (long)out->n;
		l = &out->lines[out->n++];
		memset(l, 0, sizeof(*l));
		l->project = i;
		for (e = 0; e < EL__MAX; e++) {
			l->since[e] = DAY_NONE;
			l->waited[e] = -1;
		}
	}
}

/* Sum the year's rows into the lines. */
static void add_rows(const struct guarantee_input *in, struct guarantees *out,
		     const long *line_of)
{
	size_t i;

	for (i = 0; i < in->n_rows; i++) {
		const struct supply *r = &in->rows[i];
		long p = r->year == in->year ? project_index(in, r->project_id) : -1;
		struct guarantee_line *l;

		if (p < 0 || (unsigned)r->element >= EL__MAX)
			continue;
		l = &out->lines[line_of[p]];
		if (r->kind == SK_NEED) {
			l->el[r->element].need = r->amount;
			l->since[r->element] = r->on;
		} else if (r->on != DAY_NONE && r->on <= in->asof) {
			out->overflow |= amount_add(&l->el[r->element].supplied, r->amount) < 0;
		}
	}
}

/* The waiting days and yellow bits of line l. */
static void judge_waits(const struct guarantee_input *in, struct guarantee_line *l)
{
	const struct project *p = &in->projects[l->project];
	int e;

	for (e = 0; e < EL__MAX; e++) {
		bl_day since = l->since[e];

		if (l->el[e].need <= 0) {
			l->since[e] = DAY_NONE;
			continue;
		}
		if (since == DAY_NONE) {
			/* A year's need waits from the year's start at the earliest. */
			since = day_from_ymd(in->year, 1, 1);
			if (p->stage_on[STAGE_SIGNED] != DAY_NONE && p->stage_on[STAGE_SIGNED] > since)
				since = p->stage_on[STAGE_SIGNED];
		}
		l->since[e] = since;
		if (e == EL_FUNDING || l->el[e].supplied >= l->el[e].need || in->asof < since)
			continue;
		l->waited[e] = (int64_t)in->asof - since;
		if (l->waited[e] > in->wait_days)
			l->yellow |= 1u << e;
	}
}

static void add_total(struct guarantees *g, struct guarantee_total *t,
		      const struct guarantee_line *l)
{
	int e;

	for (e = 0; e < EL__MAX; e++) {
		g->overflow |= amount_add(&t->el[e].need, l->el[e].need) < 0;
		g->overflow |= amount_add(&t->el[e].supplied, l->el[e].supplied) < 0;
	}
	t->n_projects++;
	if (l->yellow)
		t->n_waiting++;
}

static int by_unit(const void *a, const void *b)
{
	const struct guarantee_total *x = a, *y = b;

	return (x->unit_id > y->unit_id) - (x->unit_id < y->unit_id);
}

/* The section totals, by section id, and the district's. */
static void sum_sections(const struct guarantee_input *in, struct guarantees *g)
{
	size_t i, k;

	g->sections = xcalloc(g->n ? g->n : 1, sizeof(*g->sections));
	for (i = 0; i < g->n; i++) {
		int64_t sec = in->projects[g->lines[i].project].section_id;

		for (k = 0; k < g->n_sections && g->sections[k].unit_id != sec; k++)
			;
		if (k == g->n_sections)
			g->sections[g->n_sections++].unit_id = sec;
		add_total(g, &g->sections[k], &g->lines[i]);
		add_total(g, &g->district, &g->lines[i]);
	}
	qsort(g->sections, g->n_sections, sizeof(*g->sections), by_unit);
}

void guarantees_compute(const struct guarantee_input *in, struct guarantees *out)
{
	long *line_of = xmalloc((in->n_projects ? in->n_projects : 1) * sizeof(*line_of));
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < in->n_projects; i++)
		line_of[i] = -1;
	out->lines = xcalloc(in->n_projects ? in->n_projects : 1, sizeof(*out->lines));
	build_lines(in, out, line_of);
	add_rows(in, out, line_of);
	for (i = 0; i < out->n; i++)
		judge_waits(in, &out->lines[i]);
	sum_sections(in, out);
	free(line_of);
}

const struct guarantee_line **guarantee_lines_of(const struct dataset *ds, bl_day asof,
						 int wait_days, struct guarantees *g)
{
	struct guarantee_input in = { ds->projects, ds->n_projects, ds->supplies, ds->n_supplies,
				      ds->year, asof, wait_days };
	const struct guarantee_line **at = xcalloc(ds->n_projects ? ds->n_projects : 1,
						   sizeof(*at));
	size_t i;

	guarantees_compute(&in, g);
	for (i = 0; i < g->n; i++)
		at[g->lines[i].project] = &g->lines[i];
	return at;
}

void guarantees_release(struct guarantees *g)
{
	free(g->lines);
	free(g->sections);
	memset(g, 0, sizeof(*g));
}

char *element_amount_text(enum element el, int64_t v, char out[static 32])
{
	uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;
	unsigned frac = (unsigned)(mag % 10000);
	int len = snprintf(out, 32, "%s%llu", v < 0 ? "-" : "",
			   (unsigned long long)(mag / 10000));

	(void)el; /* every element is kept in ten-thousandths of its shown unit */
	if (frac) {
		len += snprintf(out + len, 32 - (size_t)len, ".%04u", frac);
		while (out[len - 1] == '0')
			out[--len] = '\0';
	}
	return out;
}

void guarantee_wait_reason(const struct guarantee_line *l, enum element el, int wait_days,
			   struct buf *out)
{
	char need[32], got[32], day[11];

	buf_reset(out);
	buf_addf(out, "%s需求 %s %s，已供 %s %s，自 %s 起已等待 %lld 天（超过 %d 天）",
		 element_labels[el], element_amount_text(el, l->el[el].need, need),
		 element_units[el], element_amount_text(el, l->el[el].supplied, got),
		 element_units[el], day_format(l->since[el], day), (long long)l->waited[el],
		 wait_days);
}

const char *guarantees_wait_days_parse(const char *value, int *days)
{
	const struct setting_def *d = setting_find("guarantees.wait_days");
	const char *why = d ? setting_check(d, value) : "no such setting";

	if (!why)
		*days = (int)strtol(value, NULL, 10); /* checked: 0 … 3650 */
	return why;
}

int guarantees_wait_days_load(struct store *st)
{
	char *v = NULL;
	int days = GUARANTEE_WAIT_DAYS_DEFAULT;

	if (!store_setting_get(st, "guarantees.wait_days", &v) && v)
		(void)guarantees_wait_days_parse(v, &days); /* a bad value: the default */
	free(v);
	return days;
}
