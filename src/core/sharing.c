/* sharing.c — DOMAIN.md §7 revenue sharing: the landing year, the rule that
 * applies to a year, the split in integer yuan (remainder to the district) and
 * the ledger with its overflow-checked totals. No SQL, no formats. */
#include "core/sharing.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void sharing_rule_init(struct sharing_rule *r)
{
	memset(r, 0, sizeof(*r));
	r->attracted_by = ATTRACTED_DISTRICT;
}

void sharing_rule_release(struct sharing_rule *r)
{
	free(r->name);
	sharing_rule_init(r);
}

const struct sharing_rule sharing_defaults[SHARING_N_DEFAULTS] = {
	{ .id = -1, .name = (char *)"默认：落户第1–6年 税收全归街道", .attracted_by = ATTRACTED_DISTRICT,
	  .nth_from = 1, .nth_to = SHARING_DEFAULT_YEARS, .street_permille = 1000 },
	{ .id = -2, .name = (char *)"默认：落户第7年起 区:街道=1:4", .attracted_by = ATTRACTED_DISTRICT,
	  .nth_from = SHARING_DEFAULT_YEARS + 1, .street_permille = SHARING_DEFAULT_LATER_PERMILLE },
};

static int year_ok(int y)
{
	return y == 0 || (y >= SHARING_YEAR_MIN && y <= SHARING_YEAR_MAX);
}

const char *sharing_rule_problem(const struct sharing_rule *r)
{
	if (!r->name || !r->name[0])
		return "a rule needs a name";
	if (r->attracted_by != ATTRACTED_DISTRICT && r->attracted_by != ATTRACTED_STREET)
		return "attracted_by must be district or street";
	if (r->nth_from < 1 || r->nth_from > SHARING_NTH_MAX)
		return "nth_from must be a landing year from 1 to 99";
	if (r->nth_to != 0 && (r->nth_to < r->nth_from || r->nth_to > SHARING_NTH_MAX))
		return "nth_to must be empty or a landing year from nth_from to 99";
	if (!year_ok(r->valid_from) || !year_ok(r->valid_to))
		return "valid_from and valid_to must be empty or years from 2000 to 2099";
	if (r->valid_from && r->valid_to && r->valid_to < r->valid_from)
		return "valid_to must not come before valid_from";
	if (r->street_permille < 0 || r->street_permille > 1000)
		return "street_permille must be from 0 to 1000";
	return NULL;
}

bl_day sharing_landed_on(const struct project *p)
{
	if (p->landed_on != DAY_NONE)
		return p->landed_on;
	return project_reached(p, STAGE_SIGNED);
}

int sharing_year_no(const struct project *p, int year)
{
	bl_day l = sharing_landed_on(p);
	int y0;

	if (l == DAY_NONE)
		return 0;
	y0 = day_year(l);
	return year < y0 ? 0 : year - y0 + 1;
}

void sharing_split(int64_t tax, int street_permille, int64_t *street, int64_t *district)
{
	/* tax <= AMOUNT_MAX (10^15) and permille <= 1000: the product fits. */
	*street = (int64_t)((__int128)tax * street_permille / 1000);
	*district = tax - *street;
}

void sharing_data_release(struct sharing_data *d)
{
	size_t i;

	dataset_release(&d->units);
	for (i = 0; i < d->n_projects; i++)
		project_release(&d->projects[i]);
	free(d->projects);
	for (i = 0; i < d->n_rules; i++)
		sharing_rule_release(&d->rules[i]);
	free(d->rules);
	free(d->taxes);
	memset(d, 0, sizeof(*d));
}

const struct project *sharing_project(const struct sharing_data *d, int64_t id)
{
	size_t lo = 0, hi = d->n_projects;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->projects[mid].id == id)
			return &d->projects[mid];
		if (d->projects[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int rule_applies(const struct sharing_data *d, const struct sharing_rule *r,
			const struct project *p, int year, int n)
{
	if (r->attracted_by != p->attracted_by)
		return 0;
	if (r->landed_in && !dataset_in_subtree(&d->units, p->section_id, r->landed_in))
		return 0;
	if (n < r->nth_from || (r->nth_to && n > r->nth_to))
		return 0;
	if ((r->valid_from && year < r->valid_from) || (r->valid_to && year > r->valid_to))
		return 0;
	return 1;
}

/* The depth of unit id in d's tree (0: none). */
static int unit_depth(const struct sharing_data *d, int64_t id)
{
	int depth = 0;

	while (id && depth < 64) {
		const struct unit *u = dataset_unit(&d->units, id);

		if (!u)
			break;
		depth++;
		id = u->parent_id;
	}
	return depth;
}

/* 1 when a takes precedence over b (sharing_rule_for). */
static int rule_before(const struct sharing_data *d, const struct sharing_rule *a,
		       const struct sharing_rule *b)
{
	int da, db;

	if ((a->id < 0) != (b->id < 0))
		return a->id > 0;
	if (a->valid_from != b->valid_from)
		return a->valid_from > b->valid_from;
	da = unit_depth(d, a->landed_in);
	db = unit_depth(d, b->landed_in);
	if (da != db)
		return da > db;
	return a->id > b->id;
}

const struct sharing_rule *sharing_rule_for(const struct sharing_data *d,
					    const struct project *p, int year)
{
	const struct sharing_rule *best = NULL;
	int n = sharing_year_no(p, year);
	size_t i;

	if (n < 1)
		return NULL;
	for (i = 0; i < d->n_rules + SHARING_N_DEFAULTS; i++) {
		const struct sharing_rule *r = i < d->n_rules ? &d->rules[i]
							      : &sharing_defaults[i - d->n_rules];

		if (rule_applies(d, r, p, year, n) && (!best || rule_before(d, r, best)))
			best = r;
	}
	return best;
}

static int line_cmp(const void *a, const void *b)
{
	const struct ledger_line *x = a, *y = b;
	int c;

	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	if (x->street_id != y->street_id)
		return x->street_id < y->street_id ? -1 : 1;
	c = strcmp(x->project->ref, y->project->ref);
	return c;
}

void ledger_release(struct ledger *l)
{
	free(l->lines);
	memset(l, 0, sizeof(*l));
}

/* 1 when tax record t passes f (its project p). */
static int passes(const struct sharing_data *d, const struct ledger_filter *f,
		  const struct tax_record *t, const struct project *p)
{
	if (f->year && t->year != f->year)
		return 0;
	if (f->street && !dataset_in_subtree(&d->units, p->section_id, f->street))
		return 0;
	return !f->visible || f->visible(f->ctx, p);
}

int ledger_build(const struct sharing_data *d, const struct ledger_filter *f, struct ledger *out)
{
	size_t i, alloc = 0;
	int bad = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < d->n_taxes; i++) {
		const struct tax_record *t = &d->taxes[i];
		const struct project *p = sharing_project(d, t->project_id);
		const struct sharing_rule *r;
		struct ledger_line *ln;

		if (!p || !passes(d, f, t, p))
			continue;
		r = sharing_rule_for(d, p, t->year);
		if (!r) {
			out->unshared++;
			continue;
		}
		XGROW(out->lines, alloc, out->n + 1);
		ln = &out->lines[out->n++];
		ln->project = p;
		ln->street_id = p->section_id;
		ln->year = t->year;
		ln->year_no = sharing_year_no(p, t->year);
		ln->landed_on = sharing_landed_on(p);
		ln->tax = t->tax;
		ln->rule = r;
		sharing_split(t->tax, r->street_permille, &ln->street, &ln->district);
		bad |= amount_add(&out->tax, ln->tax);
		bad |= amount_add(&out->street, ln->street);
		bad |= amount_add(&out->district, ln->district);
	}
	if (bad) {
		ledger_release(out);
		return -1;
	}
	if (out->n > 1)
		qsort(out->lines, out->n, sizeof(out->lines[0]), line_cmp);
	return 0;
}

void fund_init(struct fund *f)
{
	memset(f, 0, sizeof(*f));
	f->capital = AMOUNT_NONE;
	f->registered_on = DAY_NONE;
}

void fund_release(struct fund *f)
{
	free(f->name);
	free(f->manager);
	free(f->focus);
	fund_init(f);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void fund_copy(struct fund *dst, const struct fund *src)
{
	*dst = *src;
	dst->name = dup_or_null(src->name);
	dst->manager = dup_or_null(src->manager);
	dst->focus = dup_or_null(src->focus);
}
