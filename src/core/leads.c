/* leads.c — the lead pool's vocabulary and rules (leads.h): stages and log
 * kinds, who a signed lead's project is attributed to, the duplicate-company
 * rule, the field checks, and the 双招双引 counts per unit and period. */
#include "core/leads.h"

#include <stdlib.h>
#include <string.h>

#include "core/sharing.h"
#include "util/xalloc.h"

const char *const lead_stage_keys[LS__MAX] = { "lead", "talks", "intent", "signed", "dropped" };
const char *const lead_stage_labels[LS__MAX] = { "线索", "洽谈", "意向", "签约", "放弃" };
const char *const lead_log_keys[LK__MAX] = {
	"found", "note", "visit", "stage", "sign", "drop", "import",
};
const char *const lead_log_labels[LK__MAX] = {
	"登记", "备注", "走访", "阶段", "签约", "放弃", "导入",
};

static int index_of(const char *s, const char *const *keys, const char *const *labels, int n)
{
	int i;

	for (i = 0; s && i < n; i++)
		if (!strcmp(s, keys[i]) || !strcmp(s, labels[i]))
			return i;
	return -1;
}

int lead_stage_from_text(const char *s)
{
	return index_of(s, lead_stage_keys, lead_stage_labels, LS__MAX);
}

int lead_log_kind_from_text(const char *s)
{
	return index_of(s, lead_log_keys, lead_log_labels, LK__MAX);
}

void lead_init(struct lead *l)
{
	memset(l, 0, sizeof(*l));
	l->amount = AMOUNT_NONE;
	l->stage = LS_LEAD;
	l->found_on = l->signed_on = l->last_on = DAY_NONE;
}

void lead_release(struct lead *l)
{
	free(l->company);
	free(l->uscc);
	free(l->industry);
	free(l->source);
	free(l->reason);
	free(l->project_ref);
	lead_init(l);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void lead_copy(struct lead *dst, const struct lead *src)
{
	*dst = *src;
	dst->company = dup_or_null(src->company);
	dst->uscc = dup_or_null(src->uscc);
	dst->industry = dup_or_null(src->industry);
	dst->source = dup_or_null(src->source);
	dst->reason = dup_or_null(src->reason);
	dst->project_ref = dup_or_null(src->project_ref);
}

void lead_log_release(struct lead_log *g)
{
	free(g->at);
	free(g->actor);
	free(g->body);
	memset(g, 0, sizeof(*g));
}

enum attracted lead_attracted_by(enum unit_kind k)
{
	return k == UNIT_SECTION || k == UNIT_STREET ? ATTRACTED_STREET : ATTRACTED_DISTRICT;
}

/* The next character of s that is not a space (ASCII or U+3000), or s's end. */
static const char *skip_spaces(const char *s)
{
	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (!strncmp(s, "\xE3\x80\x80", 3))
			s += 3;
		else
			return s;
	}
}

/* Names compared without their spaces, ASCII case ignored. */
static int same_name(const char *a, const char *b)
{
	for (;;) {
		a = skip_spaces(a);
		b = skip_spaces(b);
		if (!*a || !*b)
			return !*a && !*b;
		if ((*a | (*a >= 'A' && *a <= 'Z' ? 0x20 : 0)) !=
		    (*b | (*b >= 'A' && *b <= 'Z' ? 0x20 : 0)))
			return 0;
		a++;
		b++;
	}
}

int lead_same_company(const struct lead *a, const struct lead *b)
{
	if (a->uscc && b->uscc && *a->uscc && !strcmp(a->uscc, b->uscc))
		return 1;
	return a->company && b->company && same_name(a->company, b->company);
}

const char *lead_text_problem(const char *s, size_t max, int one_line)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t chars = 0;

	if (!s || !*s)
		return "must not be empty";
	while (*p) {
		size_t n = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 :
			   (*p >> 3) == 30 ? 4 : 0;
		size_t i;

		if (!n)
			return "not valid UTF-8";
		for (i = 1; i < n; i++)
			if ((p[i] & 0xC0) != 0x80)
				return "not valid UTF-8";
		if (n == 1 && *p < 0x20 && (one_line || (*p != '\n' && *p != '\r' && *p != '\t')))
			return one_line ? "must be one line" : "has a control character";
		p += n;
		chars++;
	}
	return chars > max ? "too long" : NULL;
}

const char *lead_check(const struct lead *l, const struct dataset *ds, const char **field)
{
	const struct unit *u;
	const char *why;

	*field = "company";
	why = lead_text_problem(l->company, LEAD_COMPANY_MAX, 1);
	if (why)
		return why;
	*field = "uscc";
	if (l->uscc && strlen(l->uscc) != 18)
		return "a unified social credit code has 18 characters";
	*field = "amount";
	if (l->amount != AMOUNT_NONE && amount_problem(l->amount))
		return amount_problem(l->amount);
	*field = "found_by";
	if (!l->found_by || !dataset_unit(ds, l->found_by))
		return "the unit that found the lead is required";
	*field = "followed_by";
	u = l->followed_by ? dataset_unit(ds, l->followed_by) : NULL;
	if (!u)
		return "the unit following the lead is required";
	if (u->kind != UNIT_SECTION && u->kind != UNIT_STREET)
		return "the unit following a lead is a section or a street (it becomes the "
		       "project's section)";
	*field = NULL;
	return NULL;
}

int lead_period_has(const struct lead_period *p, bl_day d)
{
	if (d == DAY_NONE || day_year(d) != p->year)
		return 0;
	return !p->month || month_of_year(day_month(d)) == p->month;
}

int64_t lead_funds_brought(const struct fund_value *f, size_t n, int64_t unit_id,
			   const struct lead_period *p)
{
	int64_t count = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (unit_id && f[i].brought_by == unit_id && lead_period_has(p, f[i].registered_on))
			count++;
	return count;
}

void lead_project(const struct lead *l, enum unit_kind k, const char *ref, const char *name,
		  int industrial, bl_day on, struct project *p)
{
	project_init(p);
	p->ref = xstrdup(ref);
	p->name = xstrdup(name ? name : l->company);
	p->company = dup_or_null(l->company);
	p->uscc = dup_or_null(l->uscc);
	p->industry = dup_or_null(l->industry);
	p->section_id = l->followed_by;
	p->industrial = industrial ? 1 : 0;
	p->attracted_by = lead_attracted_by(k);
	p->total_investment = l->amount;
	p->stage_on[STAGE_SIGNED] = on;
}

static int counted_unit(const struct unit *u)
{
	return u->kind == UNIT_DISTRICT || u->kind == UNIT_SECTION || u->kind == UNIT_STREET;
}

/* Adds lead l to row c (of unit c->unit_id) for period p. -1 on overflow. */
static int count_lead(struct lead_count *c, const struct lead *l, const struct lead_period *p)
{
	if (l->found_by == c->unit_id && lead_period_has(p, l->found_on))
		c->found++;
	if (l->stage == LS_SIGNED && l->followed_by == c->unit_id &&
	    lead_period_has(p, l->signed_on)) {
		c->signed_n++;
		if (l->amount != AMOUNT_NONE && amount_add(&c->signed_yuan, l->amount))
			return -1;
	}
	return 0;
}

int lead_counts(const struct dataset *ds, const struct lead_inputs *in,
		const struct lead_period *p, struct lead_count **out, size_t *n_out)
{
	struct lead_count *rows = xcalloc(ds->n_units ? ds->n_units : 1, sizeof(*rows));
	size_t i, j, n = 0;

	for (i = 0; i < ds->n_units; i++) {
		struct lead_count *c = &rows[n];

		if (!counted_unit(&ds->units[i]))
			continue;
		c->unit_id = ds->units[i].id;
		for (j = 0; j < in->n_leads; j++)
			if (count_lead(c, &in->leads[j], p))
				goto overflow;
		for (j = 0; j < in->n_talents; j++)
			if (in->talents[j].unit_id == c->unit_id &&
			    lead_period_has(p, month_first_day(in->talents[j].month)) &&
			    amount_add(&c->talents, in->talents[j].count))
				goto overflow;
		c->funds = lead_funds_brought(in->funds, in->n_funds, c->unit_id, p);
		n++;
	}
	*out = rows;
	*n_out = n;
	return 0;
overflow:
	free(rows);
	*out = NULL;
	*n_out = 0;
	return -1;
}
