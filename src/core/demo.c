/* demo.c — generates the seed's demo district (demo.h): the shape of the year
 * (lists, fates, stage dates, money) from a seeded PRNG. Each project's whole
 * history is drawn independent of asof and only then cut at it. Names are
 * composed in demo_names.c; reports, targets and indicators in demo_year.c. */
#include "core/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/demo_int.h"
#include "core/demo_names.h"
#include "util/xalloc.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- a small PRNG: xoshiro256** seeded by splitmix64 ---- */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* A stream of its own for each (seed, stream): draws in one stream never shift
 * another's, so adding a draw for reports leaves the dates alone. */
void demo_rng_init(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ull);
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t demo_rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

/* Uniform in [lo, hi] (the modulo bias is far below anything visible here). */
int64_t demo_rng_range(struct rng *r, int64_t lo, int64_t hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int64_t)(demo_rng_next(r) % (uint64_t)(hi - lo + 1));
}

int demo_rng_chance(struct rng *r, int permille)
{
	return demo_rng_range(r, 0, 999) < permille;
}

int demo_rng_weighted(struct rng *r, const int *w, int n)
{
	int total = 0, i;
	int64_t x;

	for (i = 0; i < n; i++)
		total += w[i];
	x = demo_rng_range(r, 0, total - 1);
	for (i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

static void shuffle_ints(struct rng *r, int *a, size_t n)
{
	size_t i;

	for (i = n; i > 1; i--) {
		size_t j = (size_t)demo_rng_range(r, 0, (int64_t)i - 1);
		int t = a[i - 1];

		a[i - 1] = a[j];
		a[j] = t;
	}
}

/* ---- integer helpers ---- */

struct rem {
	int64_t frac;
	size_t idx;
};

static int cmp_rem_desc(const void *a, const void *b)
{
	const struct rem *x = a, *y = b;

	if (x->frac != y->frac)
		return x->frac < y->frac ? 1 : -1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/* Split total into n parts proportional to w (w >= 0, some w > 0) by the
 * largest remainder: the parts sum to total exactly. Products w * total must
 * fit in int64 (they do: at most ~10^13 here). */
void demo_apportion(const int64_t *w, size_t n, int64_t total, int64_t *out)
{
	struct rem *rem = xcalloc(n, sizeof(*rem));
	int64_t sum = 0, given = 0;
	size_t i;

	for (i = 0; i < n; i++)
		sum += w[i];
	for (i = 0; i < n; i++) {
		out[i] = w[i] * total / sum;
		rem[i].frac = w[i] * total % sum;
		rem[i].idx = i;
		given += out[i];
	}
	qsort(rem, n, sizeof(*rem), cmp_rem_desc);
	for (i = 0; given < total && i < n; i++, given++)
		out[rem[i].idx]++;
	free(rem);
}

static int64_t round_to(int64_t v, int64_t unit)
{
	return (v + unit / 2) / unit * unit;
}

static bl_day min_day(bl_day a, bl_day b)
{
	return a < b ? a : b;
}

static bl_day max_day(bl_day a, bl_day b)
{
	return a > b ? a : b;
}

static bl_day ymd(int y, int m, int d)
{
	return day_from_ymd(y, m, d);
}

/* ---- the shape of the year ---- */

/* 9 provincial, 52 city and 156 district projects; 164 in all. The provincial
 * ones are 5 continuing and 4 new (DOMAIN.md §5: "4 of them new"). */
static const struct group_layout {
	int n_cont, n_new; /* continuing (started before DEMO_YEAR), planned new starts */
	unsigned tiers;
} layout[G__MAX] = {
	[G_PROVINCE] = { 5, 4, TIER_BIT(TIER_PROVINCE) | TIER_BIT(TIER_CITY) |
			       TIER_BIT(TIER_DISTRICT) },
	[G_CITY] = { 19, 16, TIER_BIT(TIER_CITY) | TIER_BIT(TIER_DISTRICT) },
	[G_INFRA] = { 4, 4, TIER_BIT(TIER_CITY) },
	[G_DISTRICT] = { 56, 56, TIER_BIT(TIER_DISTRICT) },
};

/* Planned start months of the new projects of each group. Five city projects
 * are due in Q1 (the four provincial ones and one more), as the speech says. */
static const int months_province[] = { 1, 2, 3, 3 };
static const int months_city[] = { 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 8, 8, 9, 9 };
static const int months_infra[] = { 4, 6, 8, 9 };
static const int per_month_district[12] = { 1, 3, 5, 5, 6, 6, 10, 11, 9, 0, 0, 0 };

#define N_FAIL 4
#define N_FAIL_FILED 3 /* of which filed long ago (备案未开工) */
#define N_LATE_BIG 5
#define N_LATE_SMALL 20
#define N_STALLED 2
#define N_SLOW_PRODUCTION 2
#define N_DUE_IN_YEAR 44 /* continuing projects planned to complete in the year */

/* Concentrated start days (集中开工), where on-time starts like to land. */
static const int rally_days[][2] = { { 2, 26 }, { 3, 28 }, { 5, 28 }, { 8, 28 } };

/* Relative investment per month of the year (春节 in February). */
static const int64_t season[12] = { 6, 5, 9, 10, 10, 11, 10, 10, 11, 10, 11, 12 };

static void add_unit(struct demo_data *d, const char *code, const char *name,
		     enum unit_kind kind, int64_t parent)
{
	struct unit *u = &d->units[d->n_units++];

	memset(u, 0, sizeof(*u));
	u->id = (int64_t)d->n_units;
	u->code = xstrdup(code);
	u->name = xstrdup(name);
	u->kind = kind;
	u->parent_id = parent;
}

static void gen_units(struct demo_data *d)
{
	int i;

	d->units = xcalloc(2 + DEMO_N_SECTIONS + DD__MAX, sizeof(*d->units));
	add_unit(d, "3202", "无锡市", UNIT_CITY, 0);
	add_unit(d, "320214", "新吴区", UNIT_DISTRICT, UNIT_CITY_ID);
	for (i = 0; i < DEMO_N_SECTIONS; i++)
		add_unit(d, demo_sections[i].code, demo_sections[i].name, demo_sections[i].kind,
			 UNIT_DISTRICT_ID);
	for (i = 0; i < DD__MAX; i++)
		add_unit(d, demo_dept_codes[i], demo_dept_names[i], UNIT_DEPARTMENT,
			 UNIT_DISTRICT_ID);
}

/* ---- layout: groups, sections, industries, planned start months ---- */

static int cmp_plan_section(const void *a, const void *b)
{
	const struct plan *x = a, *y = b;

	if (x->section != y->section)
		return x->section - y->section;
	return (x->order_key > y->order_key) - (x->order_key < y->order_key);
}

static int pick_section(struct rng *r)
{
	int w[DEMO_N_SECTIONS], i;

	for (i = 0; i < DEMO_N_SECTIONS; i++)
		w[i] = demo_sections[i].weight;
	return demo_rng_weighted(r, w, DEMO_N_SECTIONS);
}

/* The planned start months of group gr's new projects, shuffled, into m. */
static size_t start_months(struct rng *r, enum group gr, int *m)
{
	size_t n = 0, i;
	int k, j;

	if (gr == G_PROVINCE)
		for (i = 0; i < COUNT(months_province); i++)
			m[n++] = months_province[i];
	if (gr == G_CITY)
		for (i = 0; i < COUNT(months_city); i++)
			m[n++] = months_city[i];
	if (gr == G_INFRA)
		for (i = 0; i < COUNT(months_infra); i++)
			m[n++] = months_infra[i];
	if (gr == G_DISTRICT)
		for (k = 0; k < 12; k++)
			for (j = 0; j < per_month_district[k]; j++)
				m[n++] = k + 1;
	if (gr != G_PROVINCE) /* the provincial order follows the flagships */
		shuffle_ints(r, m, n);
	return n;
}

/* The provincial projects sit in the strong sections. */
static const int province_sections[DEMO_N_FLAGSHIPS] = { 0, 0, 0, 1, 1, 2, 2, 4, 4 };

static void layout_group(struct gen *g, enum group gr, size_t *at)
{
	const struct group_layout *L = &layout[gr];
	int months[64], secs[DEMO_N_FLAGSHIPS];
	size_t begin = *at, n_months, k;
	int i;

	n_months = start_months(&g->rng, gr, months);
	memcpy(secs, province_sections, sizeof(secs));
	shuffle_ints(&g->rng, secs, DEMO_N_FLAGSHIPS);
	for (i = 0; i < L->n_cont + L->n_new; i++) {
		struct plan *p = &g->plans[(*at)++];

		p->group = gr;
		p->tiers = L->tiers;
		p->is_new = i >= L->n_cont;
		p->fate = p->is_new ? F_ONTIME : F_CONT;
		p->order_key = (int64_t)(demo_rng_next(&g->rng) >> 1);
		p->flagship = gr == G_PROVINCE ? i : -1;
		p->section = gr == G_PROVINCE ? secs[i] : pick_section(&g->rng);
		if (p->is_new)
			p->start_month = months[(size_t)(i - L->n_cont) % n_months];
		if (gr == G_PROVINCE)
			p->industry = demo_flagships[i].industry;
		else if (gr == G_INFRA)
			p->industry = DI_INFRA;
		else
			p->industry = (enum demo_industry)demo_rng_weighted(
				&g->rng, demo_affinity[p->section], DI_INFRA);
	}
	k = *at - begin;
	if (gr != G_PROVINCE)
		qsort(&g->plans[begin], k, sizeof(*g->plans), cmp_plan_section);
}

static void gen_layout(struct gen *g)
{
	size_t at = 0;
	int gr;

	for (gr = 0; gr < G__MAX; gr++)
		g->n += (size_t)(layout[gr].n_cont + layout[gr].n_new);
	g->plans = xcalloc(g->n, sizeof(*g->plans));
	for (gr = 0; gr < G__MAX; gr++)
		layout_group(g, (enum group)gr, &at);
}

/* ---- fates: who starts on time, late, or not at all ---- */

struct keyed {
	int64_t key;
	size_t idx;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->key != y->key)
		return (x->key > y->key) - (x->key < y->key);
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/* The weaker a section, the likelier its new projects slip: rank by quality
 * plus noise and hand out the fates from the bottom. */
static void fates_new(struct gen *g)
{
	struct keyed *k = xcalloc(g->n, sizeof(*k));
	size_t n = 0, i;

	for (i = 0; i < g->n; i++) {
		struct plan *p = &g->plans[i];

		if (!p->is_new || p->group == G_PROVINCE)
			continue;
		k[n].key = demo_sections[p->section].quality + demo_rng_range(&g->rng, -90, 90);
		k[n++].idx = i;
	}
	qsort(k, n, sizeof(*k), cmp_keyed);
	for (i = 0; i < n; i++) {
		enum fate f = F_ONTIME;

		if (i < N_FAIL)
			f = F_FAIL;
		else if (i < N_FAIL + N_LATE_BIG)
			f = F_LATE_BIG;
		else if (i < N_FAIL + N_LATE_BIG + N_LATE_SMALL)
			f = F_LATE_SMALL;
		g->plans[k[i].idx].fate = f;
		g->plans[k[i].idx].long_filed = i < N_FAIL_FILED;
	}
	free(k);
}

/* Apply mark() to up to want projects accepted by ok(), drawn at random. */
static void mark_some(struct gen *g, int want, int (*ok)(const struct plan *),
		      void (*mark)(struct plan *, int nth))
{
	size_t *cand = xcalloc(g->n, sizeof(*cand));
	size_t n = 0, i;

	for (i = 0; i < g->n; i++)
		if (ok(&g->plans[i]))
			cand[n++] = i;
	for (i = 0; i < (size_t)want && n > 0; i++) {
		size_t j = (size_t)demo_rng_range(&g->rng, 0, (int64_t)n - 1);

		mark(&g->plans[cand[j]], (int)i + 1);
		cand[j] = cand[--n];
	}
	free(cand);
}

static void mark_stalled(struct plan *p, int nth)
{
	p->stalled = nth;
}

static void mark_slow(struct plan *p, int nth)
{
	p->slow_production = nth;
}

static int stall_candidate(const struct plan *p)
{
	return p->fate == F_CONT && (p->group == G_CITY || p->group == G_DISTRICT) &&
	       demo_sections[p->section].quality < 900; /* the weak sections */
}

static void mark_due(struct plan *p, int nth)
{
	p->due_in_year = nth;
}

static int due_candidate(const struct plan *p)
{
	return p->fate == F_CONT && !p->stalled;
}

static int slow_candidate(const struct plan *p)
{
	return p->due_in_year && p->industry != DI_INFRA;
}

static void gen_fates(struct gen *g)
{
	size_t i, prov_new[4], n = 0;

	fates_new(g);
	for (i = 0; i < g->n; i++)
		if (g->plans[i].group == G_PROVINCE && g->plans[i].is_new)
			prov_new[n++] = i;
	/* One provincial new start slips past the half year. */
	g->plans[prov_new[demo_rng_range(&g->rng, 0, (int64_t)n - 1)]].fate = F_LATE_BIG;
	mark_some(g, N_STALLED, stall_candidate, mark_stalled);
	mark_some(g, N_DUE_IN_YEAR, due_candidate, mark_due);
	mark_some(g, N_SLOW_PRODUCTION, slow_candidate, mark_slow);
}

/* ---- each project's history, drawn whole ---- */

/* Days from start to completion, by size (upgrade, medium, big); and for
 * infrastructure. */
static const int build_days[3][2] = { { 150, 300 }, { 300, 640 }, { 540, 900 } };
static const int infra_days[2] = { 300, 700 };

static bl_day build_duration(const struct plan *p, struct rng *r)
{
	const int *d = p->industry == DI_INFRA ? infra_days : build_days[p->size];

	return (bl_day)demo_rng_range(r, d[0], d[1]);
}

/* A continuing project: its planned completion first (in the year for the
 * ones due), then a start that far back, within 2022–2023. */
static void timeline_continuing(struct plan *p, struct rng *r)
{
	bl_day start, pc;

	if (p->due_in_year)
		pc = ymd(DEMO_YEAR, 2, 1) + (bl_day)demo_rng_range(r, 0, 320);
	else
		pc = ymd(DEMO_YEAR + 1, 1, 10) + (bl_day)demo_rng_range(r, 0, 600);
	start = pc - build_duration(p, r);
	start = max_day(start, ymd(DEMO_YEAR - 2, 1, 10) + (bl_day)demo_rng_range(r, 0, 60));
	start = min_day(start, ymd(DEMO_YEAR - 1, 12, 20) - (bl_day)demo_rng_range(r, 0, 30));
	p->planned_start = start - (bl_day)demo_rng_range(r, 0, 45);
	p->planned_completion = max_day(pc, start + 120);
	p->on[STAGE_STARTED] = start;
}

/* Snap an on-time start to a nearby concentrated start day, now and then. */
static bl_day rally(struct rng *r, bl_day start)
{
	size_t i;

	for (i = 0; i < COUNT(rally_days); i++) {
		bl_day d = ymd(DEMO_YEAR, rally_days[i][0], rally_days[i][1]);

		if (start >= d - 12 && start <= d + 12 && demo_rng_chance(r, 500))
			return d;
	}
	return start;
}

static void timeline_new(struct plan *p, struct rng *r)
{
	int m = p->start_month, lo = 1, hi = days_in_month(DEMO_YEAR, m);
	int prov = p->group == G_PROVINCE;
	bl_day ps, start;

	if (m == 2)
		lo = 18; /* after the Spring Festival and the speech */
	if (prov) {
		lo = m == 2 ? 19 : 5;
		hi = m == 2 ? 28 : 18;
	}
	ps = ymd(DEMO_YEAR, m, (int)demo_rng_range(r, lo, hi));
	if (p->fate == F_ONTIME)
		start = prov ? ps + (bl_day)demo_rng_range(r, -5, 10)
			     : rally(r, ps + (bl_day)demo_rng_range(r, -7, 12));
	else if (p->fate == F_LATE_SMALL)
		start = ps + (bl_day)demo_rng_range(r, 13, 40);
	else if (p->fate == F_LATE_BIG && prov)
		start = ymd(DEMO_YEAR, 7, 10) + (bl_day)demo_rng_range(r, 0, 50);
	else if (p->fate == F_LATE_BIG)
		start = ps + (bl_day)demo_rng_range(r, 40, 110);
	else
		start = ymd(DEMO_YEAR + 1, 2, 1) + (bl_day)demo_rng_range(r, 0, 240);
	p->planned_start = ps;
	p->planned_completion = ps + build_duration(p, r);
	p->on[STAGE_STARTED] = start;
}

/* Signed, filed, land and permit, before the start (DOMAIN.md §3: permit
 * between filing and start; land before the start). */
static void timeline_before_start(struct plan *p, struct rng *r)
{
	bl_day ps = p->planned_start, start = p->on[STAGE_STARTED], sg, filed, land, lo;
	int fail = p->fate == F_FAIL;
	int lead;

	sg = ps - (bl_day)demo_rng_range(r, fail ? 200 : 90, fail ? 600 : 540);
	/* The year's lists are drawn up from projects signed the year before. */
	sg = min_day(sg, ymd(DEMO_YEAR - 1, 12, 31) - (bl_day)demo_rng_range(r, 0, 90));
	/* A long-filed project that does not start is 备案未开工; a late one is
	 * mostly late in its approvals, so filed shortly before it starts. */
	if (p->long_filed)
		lead = (int)demo_rng_range(r, 100, 300);
	else if (fail || (p->fate == F_LATE_BIG && p->group != G_PROVINCE))
		lead = (int)(ps - start) + (int)demo_rng_range(r, 15, 50);
	else if (p->fate == F_CONT)
		lead = (int)demo_rng_range(r, 20, 120);
	else
		lead = (int)demo_rng_range(r, 20, 75);
	filed = max_day(sg + 7, ps - lead);
	if (p->size == SIZE_UPGRADE)
		land = DAY_NONE;
	else if (p->showcase)
		land = start - (bl_day)demo_rng_range(r, 0, 3);
	else if (fail && demo_rng_chance(r, 400))
		land = start - (bl_day)demo_rng_range(r, 10, 40); /* 用地 not yet in hand */
	else
		land = min_day(max_day(filed + (bl_day)demo_rng_range(r, -40, 90), sg + 5), start - 5);
	lo = land == DAY_NONE ? filed : max_day(filed, land);
	if (p->showcase)
		p->permit_on = land + (bl_day)demo_rng_range(r, 0, start - land);
	else
		p->permit_on = max_day(start - (bl_day)demo_rng_range(r, 0, 25), lo);
	p->on[STAGE_SIGNED] = sg;
	p->on[STAGE_FILED] = filed;
	p->land_on = land;
}

/* Completion, production and capacity: weaker sections slip more. */
static void timeline_after_start(struct plan *p, struct rng *r)
{
	int worst = 1050 - demo_sections[p->section].quality;
	bl_day slip, done;

	slip = (bl_day)demo_rng_range(r, -25, 35);
	slip += (bl_day)demo_rng_range(r, 0, worst > 0 ? worst / 2 : 0);
	if (p->stalled)
		slip += (bl_day)demo_rng_range(r, 200, 400);
	if (p->is_new)
		done = p->on[STAGE_STARTED] + (p->planned_completion - p->planned_start) + slip;
	else
		done = p->planned_completion + slip;
	p->on[STAGE_COMPLETED] = done;
	p->planned_production = DAY_NONE;
	p->on[STAGE_PRODUCTION] = p->on[STAGE_CAPACITY] = DAY_NONE;
	if (p->industry == DI_INFRA)
		return;
	p->planned_production = p->planned_completion + (bl_day)demo_rng_range(r, 30, 90);
	p->on[STAGE_PRODUCTION] = done + (bl_day)(p->slow_production ? demo_rng_range(r, 200, 400)
								  : demo_rng_range(r, 5, 60));
	p->on[STAGE_CAPACITY] = p->on[STAGE_PRODUCTION] + (bl_day)demo_rng_range(r, 90, 540);
}

static void gen_timeline(struct gen *g, size_t i)
{
	struct plan *p = &g->plans[i];
	struct rng r;

	demo_rng_init(&r, g->seed, STREAM(i, S_TIMELINE));
	if (p->group == G_DISTRICT)
		p->size = demo_rng_chance(&r, 200) ? SIZE_UPGRADE : SIZE_MEDIUM;
	else if (p->group == G_INFRA)
		p->size = SIZE_BIG;
	else
		p->size = demo_rng_chance(&r, 100) ? SIZE_UPGRADE : SIZE_BIG;
	p->showcase = p->size != SIZE_UPGRADE && p->fate != F_FAIL &&
		      demo_rng_chance(&r, p->is_new ? 150 : 80);
	p->has_month_plan = p->is_new || demo_rng_chance(&r, 100);
	if (p->is_new)
		timeline_new(p, &r);
	else
		timeline_continuing(p, &r);
	timeline_before_start(p, &r);
	timeline_after_start(p, &r);
}

/* ---- money: total investment, capacity, land, energy, plans ---- */

/* Between lo and lo + span 万元, skewed towards lo, in whole 100 万元. */
static int64_t skewed_wan(struct rng *r, int64_t lo, int64_t span)
{
	int64_t u = demo_rng_range(r, 0, 1000);

	return round_to(lo + span * u * u / 1000000, 100);
}

static void gen_amounts(struct gen *g, size_t i)
{
	static const int64_t range[G__MAX][2] = {
		[G_PROVINCE] = { 300000, 500000 }, [G_CITY] = { 50000, 350000 },
		[G_INFRA] = { 30000, 270000 }, [G_DISTRICT] = { 10000, 140000 },
	};
	struct plan *p = &g->plans[i];
	struct rng r;
	int64_t share;

	demo_rng_init(&r, g->seed, STREAM(i, S_AMOUNTS));
	p->total_wan = skewed_wan(&r, range[p->group][0], range[p->group][1]);
	share = demo_rng_range(&r, p->is_new ? 250 : 220, p->is_new ? 450 : 420);
	if (p->is_new)
		p->annual_wan = p->total_wan * share * (13 - p->start_month) / 12000;
	else
		p->annual_wan = p->total_wan * share / 1000;
	if (p->stalled) /* the first far behind pace, the second behind */
		p->perf = (int)(p->stalled == 1 ? demo_rng_range(&r, 380, 480)
						 : demo_rng_range(&r, 560, 700));
	else
		p->perf = (int)(demo_sections[p->section].perf * demo_rng_range(&r, 900, 1100) / 1000);
	/* 投资强度 of 250–700 万元 per 亩 (infrastructure: 400–1500), in 0.01 亩. */
	if (p->size == SIZE_UPGRADE)
		p->land = 0;
	else if (p->industry == DI_INFRA)
		p->land = round_to(p->total_wan * WAN / demo_rng_range(&r, 400, 1500), 100);
	else
		p->land = round_to(p->total_wan * WAN / demo_rng_range(&r, 250, 700), 100);
	if (p->industry == DI_INFRA) {
		p->energy = AMOUNT_NONE;
		p->capacity_wan = 0;
		return;
	}
	/* 0.01–0.08 吨标煤 per 万元 invested, to 0.1 吨; output 0.7–2.2 × investment. */
	p->energy = round_to(p->total_wan * demo_rng_range(&r, 10, 80) * 10, 1000);
	p->capacity_wan = round_to(p->total_wan * demo_rng_range(&r, 700, 2200) / 1000, 100);
}

/* The district-and-above industrial plans sum to a figure near 450 亿
 * (DOMAIN.md §5); each month plan sums to its annual plan. */
static void gen_plans(struct gen *g)
{
	int64_t *w = xcalloc(g->n, sizeof(*w)), *part = xcalloc(g->n, sizeof(*part));
	int64_t total = 4500000 * demo_rng_range(&g->rng, 990, 1022) / 1000; /* 万元 */
	size_t i, k = 0;

	for (i = 0; i < g->n; i++)
		if (g->plans[i].industry != DI_INFRA)
			w[k++] = g->plans[i].annual_wan;
	demo_apportion(w, k, total, part);
	for (i = 0, k = 0; i < g->n; i++) {
		struct plan *p = &g->plans[i];
		int64_t mw[12];
		int m0 = p->is_new ? p->start_month - 1 : 0, m;

		if (p->industry != DI_INFRA)
			p->annual_wan = part[k++];
		/* Without a month plan a project invests evenly (序时) through the year. */
		for (m = 0; m < 12; m++)
			mw[m] = m < m0 ? 0 : (p->has_month_plan ? season[m] : 10) *
						     (m == m0 && p->is_new ? 1 : 2);
		demo_apportion(mw, 12, p->annual_wan, p->month_wan);
	}
	free(w);
	free(part);
}

/* ---- the whole ---- */

void demo_generate(uint64_t seed, bl_day asof, struct demo_data *out)
{
	bl_day first = ymd(DEMO_YEAR, 1, 1), last = ymd(DEMO_YEAR, 12, 31);
	struct gen g;
	size_t i;

	memset(out, 0, sizeof(*out));
	memset(&g, 0, sizeof(g));
	g.seed = seed;
	g.asof = asof < first ? first : asof > last ? last : asof;
	g.out = out;
	demo_rng_init(&g.rng, seed, STREAM_SHARED);
	gen_units(out);
	gen_layout(&g);
	gen_fates(&g);
	for (i = 0; i < g.n; i++) {
		gen_timeline(&g, i);
		gen_amounts(&g, i);
	}
	gen_plans(&g);
	demo_gen_projects(&g);
	demo_gen_reports(&g);
	demo_gen_targets(&g);
	demo_gen_indicators(&g);
	demo_gen_items(&g);
	demo_gen_guarantees(&g);
	demo_gen_sharing(&g);
	free(g.plans);
}

void demo_data_release(struct demo_data *d)
{
	size_t i;

	for (i = 0; i < d->n_units; i++) {
		free(d->units[i].code);
		free(d->units[i].name);
	}
	for (i = 0; i < d->n_projects; i++)
		project_release(&d->projects[i]);
	for (i = 0; i < d->n_reports; i++)
		report_release(&d->reports[i]);
	free(d->units);
	free(d->projects);
	free(d->listings);
	free(d->reports);
	free(d->targets);
	free(d->indicators);
	demo_items_release(d);
	demo_guarantees_release(d);
	demo_sharing_release(d);
	memset(d, 0, sizeof(*d));
}
