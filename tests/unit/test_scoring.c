/* test_scoring.c — the section contest of DOMAIN.md §7 (core/scoring.c):
 * shares, capped and undefined; weighted points in hundredths; ordering and
 * shared ranks; the roles a round names for 1 to 8 sections; the weights as
 * settings; and a round computed over a hand-built dataset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/funds_view.h"
#include "core/items.h"
#include "core/scoring.h"
#include "util/xalloc.h"

static struct contest_entry entry(const char *code, int64_t projects, int64_t started,
				  int64_t inv, int64_t plan, int64_t ns, int64_t task, int64_t red)
{
	struct contest_entry e;

	memset(&e, 0, sizeof(e));
	e.code = code;
	e.name = code;
	e.unit_id = code[1];
	e.projects = projects;
	e.start_rate = (struct ratio){ started, projects };
	e.investment_completion = (struct ratio){ inv, plan };
	e.new_starts = ns;
	e.task_new_starts = task;
	e.red_projects = red;
	return e;
}

static void round_of(struct contest_round *r, struct contest_entry *e, size_t n)
{
	memset(r, 0, sizeof(*r));
	contest_weights_defaults(&r->weights);
	r->entries = e;
	r->n = n;
	contest_rank(r);
}

static void test_points(void **state)
{
	struct contest_entry e[1];
	struct contest_round r;

	(void)state;
	/* 8/10 started, 50 % invested, 5 of 10 new starts, 1 red of 10:
	 * 30 × 0.8 + 30 × 0.5 + 20 × 0.5 − 20 × 0.1 = 24 + 15 + 10 − 2 = 47 */
	e[0] = entry("A", 10, 8, 500, 1000, 5, 10, 1);
	round_of(&r, e, 1);
	assert_int_equal(e[0].points[CP_START_RATE], 2400);
	assert_int_equal(e[0].points[CP_INVESTMENT_COMPLETION], 1500);
	assert_int_equal(e[0].points[CP_NEW_STARTS], 1000);
	assert_int_equal(e[0].points[CP_RED_WARNINGS], -200);
	assert_int_equal(e[0].score, 4700);
	assert_int_equal(e[0].rank, 1);
	assert_true(e[0].ranked);

	/* thirds round half away from zero: 30 × 1/3 = 10.00, 20 × 2/3 = 13.33,
	 * −20 × 1/3 = −6.67 */
	e[0] = entry("A", 3, 1, 0, 0, 2, 3, 1);
	round_of(&r, e, 1);
	assert_int_equal(e[0].points[CP_START_RATE], 1000);
	assert_int_equal(e[0].points[CP_INVESTMENT_COMPLETION], 0); /* undefined: 0 */
	assert_int_equal(e[0].share[CP_INVESTMENT_COMPLETION].den, 0);
	assert_int_equal(e[0].points[CP_NEW_STARTS], 1333);
	assert_int_equal(e[0].points[CP_RED_WARNINGS], -667);
	assert_int_equal(e[0].score, 1000 + 1333 - 667);
}

static void test_caps_and_task_books(void **state)
{
	struct contest_entry e[1];
	struct contest_round r;

	(void)state;
	/* investment above plan and new starts above the task book are capped */
	e[0] = entry("A", 4, 4, 1500, 1000, 9, 3, 0);
	round_of(&r, e, 1);
	assert_int_equal(e[0].points[CP_INVESTMENT_COMPLETION], 3000);
	assert_int_equal(e[0].points[CP_NEW_STARTS], 2000);
	assert_int_equal(e[0].share[CP_NEW_STARTS].num, 3);
	assert_int_equal(e[0].score, 8000);
	/* no task book: the part is undefined and scores nothing */
	e[0] = entry("A", 4, 4, 1000, 1000, 9, -1, 0);
	round_of(&r, e, 1);
	assert_int_equal(e[0].points[CP_NEW_STARTS], 0);
	assert_int_equal(e[0].share[CP_NEW_STARTS].den, 0);
	/* a task book of 0 counts as met */
	e[0] = entry("A", 4, 4, 1000, 1000, 0, 0, 0);
	round_of(&r, e, 1);
	assert_int_equal(e[0].points[CP_NEW_STARTS], 2000);
	/* a task book of 1, met: 20 points; 5 yuan against a plan of 1 yuan is
	 * capped at 100 %: 30 points */
	e[0] = entry("A", 4, 4, 5, 1, 1, 1, 0);
	round_of(&r, e, 1);
	assert_int_equal(e[0].points[CP_NEW_STARTS], 2000);
	assert_int_equal(e[0].points[CP_INVESTMENT_COMPLETION], 3000);
	assert_int_equal(e[0].share[CP_INVESTMENT_COMPLETION].num, 1);
	assert_int_equal(e[0].share[CP_INVESTMENT_COMPLETION].den, 1);
	/* a share is never below 0: a negative sum (a correction larger than
	 * what was reported) scores 0, not minus points */
	e[0] = entry("A", 4, 4, -1, 1000, 0, 2, 0);
	round_of(&r, e, 1);
	assert_int_equal(e[0].share[CP_INVESTMENT_COMPLETION].num, 0);
	assert_int_equal(e[0].share[CP_INVESTMENT_COMPLETION].den, 1000);
	assert_int_equal(e[0].points[CP_INVESTMENT_COMPLETION], 0);
	e[0] = entry("A", 4, 4, -500, 1000, 0, 2, 0);
	round_of(&r, e, 1);
	assert_int_equal(e[0].share[CP_INVESTMENT_COMPLETION].num, 0);
	assert_int_equal(e[0].score, 3000); /* 30 + 0 + 0 (0 of 2) − 0 */
}

static void test_order_ties_and_unranked(void **state)
{
	struct contest_entry e[5];
	struct contest_round r;

	(void)state;
	e[0] = entry("S5", 0, 0, 0, 0, 0, 3, 0);        /* no projects: unranked */
	e[1] = entry("S1", 10, 5, 0, 0, 0, -1, 0);      /* 15.00, start 50 % */
	e[2] = entry("S2", 4, 4, 0, 100, 0, -1, 2);     /* 30 − 10 = 20.00 */
	e[3] = entry("S3", 2, 1, 0, 0, 0, -1, 0);       /* 15.00, start 50 %, code later */
	e[4] = entry("S4", 5, 2, 0, 0, 0, 2, 0);        /* 12 + 0 + 0 = 12.00 */
	round_of(&r, e, 5);
	assert_int_equal(r.n_ranked, 4);
	assert_string_equal(e[0].code, "S2");
	assert_int_equal(e[0].score, 2000);
	assert_int_equal(e[0].rank, 1);
	assert_string_equal(e[1].code, "S1");
	assert_int_equal(e[1].rank, 2);
	assert_string_equal(e[2].code, "S3");
	assert_int_equal(e[2].rank, 2); /* same score: same rank */
	assert_string_equal(e[3].code, "S4");
	assert_int_equal(e[3].rank, 4);
	assert_string_equal(e[4].code, "S5");
	assert_false(e[4].ranked);
	assert_int_equal(e[4].rank, 0);
	assert_int_equal(e[4].roles, 0);
	/* equal scores: the higher start rate first */
	e[0] = entry("S1", 10, 5, 0, 0, 0, -1, 0);   /* 15.00 at 50 % */
	e[1] = entry("S2", 10, 6, 0, 0, 0, 2, 1);    /* 18 + 0 − 2 = 16.00 */
	e[2] = entry("S3", 5, 3, 0, 0, 0, -1, 1);    /* 18 − 4 = 14.00 */
	e[3] = entry("S0", 20, 10, 0, 0, 0, -1, 0);  /* 15.00 at 50 %, code first */
	round_of(&r, e, 4);
	assert_string_equal(e[0].code, "S2");
	assert_string_equal(e[1].code, "S0");
	assert_string_equal(e[2].code, "S1");
	assert_string_equal(e[3].code, "S3");
	/* equal scores, the higher start rate first although its code is later:
	 * S1 30 × 6/10 − 20 × 1/10 = 16.00; S0 30 × 5/10 + 30 × 1/30 = 16.00 */
	e[0] = entry("S0", 10, 5, 1, 30, 0, -1, 0);
	e[1] = entry("S1", 10, 6, 0, 0, 0, -1, 1);
	round_of(&r, e, 2);
	assert_string_equal(e[0].code, "S1");
	assert_string_equal(e[1].code, "S0");
	assert_int_equal(e[0].score, 1600);
	assert_int_equal(e[1].score, 1600);
	assert_int_equal(e[1].rank, 1); /* the second shares the first's rank */
	assert_int_equal(e[0].roles, CONTEST_LEADER | CONTEST_RED_FLAG);
	assert_int_equal(e[1].roles, CONTEST_TALK);
	/* two entries given worst first are put in order */
	e[0] = entry("S0", 10, 2, 0, 0, 0, -1, 0); /* 6.00 */
	e[1] = entry("S1", 10, 3, 0, 0, 0, -1, 0); /* 9.00 */
	round_of(&r, e, 2);
	assert_string_equal(e[0].code, "S1");
	assert_int_equal(e[0].rank, 1);
	assert_string_equal(e[1].code, "S0");
	assert_int_equal(e[1].rank, 2);
	/* unranked sections are listed by code whatever their score: S0 has no
	 * task book (0 points), S1 a task book of 0 (met: 20 points) */
	e[0] = entry("S1", 0, 0, 0, 0, 0, 0, 0);
	e[1] = entry("S0", 0, 0, 0, 0, 0, -1, 0);
	round_of(&r, e, 2);
	assert_int_equal(r.n_ranked, 0);
	assert_string_equal(e[0].code, "S0");
	assert_string_equal(e[1].code, "S1");
	assert_int_equal(e[1].score, 2000);
	assert_int_equal(e[0].rank + e[1].rank, 0);
	/* an empty round */
	round_of(&r, NULL, 0);
	assert_int_equal(r.n_ranked, 0);
}

/* Between equal scores an undefined start rate comes after a defined one,
 * even 0 %, whichever is given first (contest_rank's contract; a round from
 * contest_compute has a defined start rate for every ranked section). */
static void test_undefined_start_rate_last(void **state)
{
	struct contest_entry e[2];
	struct contest_round r;
	int first;

	(void)state;
	for (first = 0; first < 2; first++) {
		e[first] = entry("S0", 4, 0, 0, 0, 0, -1, 0);
		e[first].start_rate.den = 0;          /* undefined, 0 points */
		e[1 - first] = entry("S1", 4, 0, 0, 0, 0, -1, 0); /* 0 of 4, 0 points */
		round_of(&r, e, 2);
		assert_string_equal(e[0].code, "S1");
		assert_string_equal(e[1].code, "S0");
		assert_int_equal(e[0].score, 0);
		assert_int_equal(e[1].score, 0);
	}
	/* both undefined: by code */
	e[0] = entry("S1", 4, 0, 0, 0, 0, -1, 0);
	e[1] = entry("S0", 4, 0, 0, 0, 0, -1, 0);
	e[0].start_rate.den = e[1].start_rate.den = 0;
	round_of(&r, e, 2);
	assert_string_equal(e[0].code, "S0");
}

/* The roles of a round of n ranked sections with distinct scores, as a
 * string: L leader+flag, F flag, T talk, - nothing. */
static void roles_of(size_t n, char *out)
{
	struct contest_entry e[8];
	struct contest_round r;
	static const char *const codes[8] = { "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8" };
	size_t i;

	for (i = 0; i < n; i++)
		e[i] = entry(codes[i], 100, 100 - (int64_t)i * 10, 0, 0, 0, -1, 0);
	round_of(&r, e, n);
	for (i = 0; i < n; i++) {
		unsigned ro = e[i].roles;

		out[i] = ro & CONTEST_LEADER ? (ro & CONTEST_RED_FLAG ? 'L' : '?')
			 : ro & CONTEST_RED_FLAG ? 'F'
			 : ro & CONTEST_TALK ? 'T' : '-';
		assert_false((ro & CONTEST_RED_FLAG) && (ro & CONTEST_TALK));
	}
	out[n] = '\0';
}

static void test_roles(void **state)
{
	char s[9];

	(void)state;
	roles_of(1, s);
	assert_string_equal(s, "L");
	roles_of(2, s);
	assert_string_equal(s, "LT");
	roles_of(3, s);
	assert_string_equal(s, "L-T");
	roles_of(4, s);
	assert_string_equal(s, "LFTT");
	roles_of(5, s);
	assert_string_equal(s, "LF-TT");
	roles_of(6, s);
	assert_string_equal(s, "LFFTTT");
	roles_of(8, s);
	assert_string_equal(s, "LFF--TTT");
}

/* "contest.named": how many sections get the flag and the talk; 0 counts as
 * the default 3. */
static void test_named(void **state)
{
	struct contest_entry e[8];
	struct contest_round r;
	static const char *const codes[8] = { "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8" };
	unsigned want0[8] = { CONTEST_LEADER | CONTEST_RED_FLAG, CONTEST_RED_FLAG,
			      CONTEST_RED_FLAG, 0, 0, CONTEST_TALK, CONTEST_TALK, CONTEST_TALK };
	unsigned want1[8] = { CONTEST_LEADER | CONTEST_RED_FLAG, 0, 0, 0, 0, 0, 0, CONTEST_TALK };
	size_t i;

	(void)state;
	for (i = 0; i < 8; i++)
		e[i] = entry(codes[i], 100, 100 - (int64_t)i * 10, 0, 0, 0, -1, 0);
	memset(&r, 0, sizeof(r));
	contest_weights_defaults(&r.weights);
	r.weights.named = 0;
	r.entries = e;
	r.n = 8;
	contest_rank(&r);
	for (i = 0; i < 8; i++)
		assert_int_equal(e[i].roles, want0[i]);
	r.weights.named = 1;
	contest_rank(&r);
	for (i = 0; i < 8; i++)
		assert_int_equal(e[i].roles, want1[i]);
}

static void test_weights_settings(void **state)
{
	struct contest_weights w;

	(void)state;
	contest_weights_defaults(&w);
	assert_int_equal(w.w[CP_START_RATE], 30);
	assert_int_equal(w.w[CP_INVESTMENT_COMPLETION], 30);
	assert_int_equal(w.w[CP_NEW_STARTS], 20);
	assert_int_equal(w.w[CP_RED_WARNINGS], -20);
	assert_null(contest_weights_set(&w, "contest.weight.start_rate", "40"));
	assert_int_equal(w.w[CP_START_RATE], 40);
	assert_null(contest_weights_set(&w, "contest.weight.red_warnings", "-5"));
	assert_int_equal(w.w[CP_RED_WARNINGS], -5);
	assert_string_equal(contest_weights_set(&w, "contest.weight.new_starts", "2x"),
			    "not a whole number");
	assert_string_equal(contest_weights_set(&w, "contest.weight.new_starts", ""),
			    "not a whole number");
	assert_non_null(contest_weights_set(&w, "contest.weight.new_starts", "1001"));
	assert_int_equal(w.w[CP_NEW_STARTS], 20);
	assert_non_null(contest_weights_set(&w, "contest.weight.bogus", "1"));
	assert_true(contest_setting_is_ours("contest.weight.investment_completion"));
	assert_false(contest_setting_is_ours("warn.start_overdue.red_days"));
	assert_string_equal(contest_setting_key(CP_NEW_STARTS), "contest.weight.new_starts");
}

/* ---- a round over a dataset ---- */

static void add_unit(struct dataset *ds, int64_t id, const char *code, enum unit_kind kind,
		     int64_t parent)
{
	struct unit *u;

	ds->units = xrealloc(ds->units, (ds->n_units + 1) * sizeof(*ds->units));
	u = &ds->units[ds->n_units++];
	memset(u, 0, sizeof(*u));
	u->id = id;
	u->code = xstrdup(code);
	u->name = xstrdup(code);
	u->kind = kind;
	u->parent_id = parent;
}

static struct project *add_project(struct dataset *ds, int64_t section, int64_t plan)
{
	size_t n = ds->n_projects + 1;
	struct project *p;

	ds->projects = xrealloc(ds->projects, n * sizeof(*ds->projects));
	ds->listings = xrealloc(ds->listings, n * sizeof(*ds->listings));
	ds->reports = xrealloc(ds->reports, n * sizeof(*ds->reports));
	p = &ds->projects[n - 1];
	project_init(p);
	p->id = (int64_t)n;
	p->ref = xstrdup("R");
	p->name = xstrdup("N");
	p->section_id = section;
	memset(&ds->listings[n - 1], 0, sizeof(ds->listings[n - 1]));
	ds->listings[n - 1].project_id = p->id;
	ds->listings[n - 1].year = ds->year;
	ds->listings[n - 1].tiers = TIER_BIT(TIER_DISTRICT);
	ds->listings[n - 1].annual_plan = plan;
	memset(&ds->reports[n - 1], 0, sizeof(ds->reports[n - 1]));
	ds->n_projects = n;
	return p;
}

static void task(struct dataset *ds, int64_t section, int64_t value, bl_day due)
{
	struct target *t;

	ds->targets = xrealloc(ds->targets, (ds->n_targets + 1) * sizeof(*t));
	t = &ds->targets[ds->n_targets++];
	memset(t, 0, sizeof(*t));
	t->year = ds->year;
	t->measure = M_NEW_STARTS;
	t->tier = TIER_ANY;
	t->section_id = section;
	t->due = due;
	t->value = value;
}

/* District 1; sections S1 (2) with street S11 (3) under it, S2 (4), street S3
 * (5) with no projects. Projects: two in S1, one in S11 (counts for S1), one
 * in S2 whose planned start is 60 days past (red). */
static void test_compute(void **state)
{
	struct dataset ds;
	struct warning_settings ws;
	struct contest_weights cw;
	struct contest_round r;
	struct project *p;
	const struct contest_entry *e;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	ds.year = 2024;
	/* (the first unit and the first project count too: S3 and S2's red one) */
	add_unit(&ds, 5, "S3", UNIT_STREET, 1);
	add_unit(&ds, 1, "D1", UNIT_DISTRICT, 0);
	add_unit(&ds, 2, "S1", UNIT_SECTION, 1);
	add_unit(&ds, 3, "S11", UNIT_STREET, 2);
	add_unit(&ds, 4, "S2", UNIT_SECTION, 1);
	dataset_index(&ds);
	p = add_project(&ds, 4, 2000000);
	p->planned_start = day_from_ymd(2024, 5, 1);
	p = add_project(&ds, 2, 1000000);
	p->stage_on[STAGE_STARTED] = day_from_ymd(2024, 2, 1);
	ds.reports[1].invest[0] = 300000;
	ds.reports[1].invest[1] = 300000;
	ds.reports[1].reported = 0x3f;
	p = add_project(&ds, 3, 1000000);
	p->stage_on[STAGE_STARTED] = day_from_ymd(2023, 5, 1);
	ds.reports[2].invest[2] = 400000;
	ds.reports[2].reported = 0x3f;
	p = add_project(&ds, 2, 1000000);
	p->planned_start = day_from_ymd(2024, 9, 1);
	task(&ds, 2, 2, day_from_ymd(2024, 12, 31));
	task(&ds, 2, 1, day_from_ymd(2024, 6, 30)); /* the latest due counts */
	task(&ds, 4, 1, day_from_ymd(2024, 12, 31));
	warning_settings_defaults(&ws);
	contest_weights_defaults(&cw);

	contest_compute(&ds, month_from_ym(2024, 6), &ws, &cw, &r);
	assert_int_equal(r.asof, day_from_ymd(2024, 6, 30));
	assert_int_equal(r.n, 3);          /* S1, S2, S3; not the street S11 under S1 */
	assert_int_equal(r.n_ranked, 2);
	e = &r.entries[0];
	assert_string_equal(e->code, "S1"); /* 20 + 30 × 1 (capped) + 20 × ½ = 60 */
	assert_int_equal(e->projects, 3);
	assert_int_equal(e->start_rate.num, 2);
	assert_int_equal(e->investment_completion.num, 1000000);
	assert_int_equal(e->investment_completion.den, 2000000);
	assert_int_equal(e->new_starts, 1);
	assert_int_equal(e->task_new_starts, 2);
	assert_int_equal(e->red_projects, 0);
	assert_int_equal(e->score, 2000 + 1500 + 1000);
	assert_int_equal(e->roles, CONTEST_LEADER | CONTEST_RED_FLAG);
	e = &r.entries[1];
	assert_string_equal(e->code, "S2"); /* 0 + 0 + 0 − 20 */
	assert_int_equal(e->red_projects, 1);
	assert_int_equal(e->score, -2000);
	assert_int_equal(e->roles, CONTEST_TALK);
	e = contest_find(&r, 5);
	assert_non_null(e);
	assert_false(e->ranked);
	assert_null(contest_find(&r, 3));
	contest_round_release(&r);
	assert_null(r.entries);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.n_ranked, 0);
	assert_int_equal(r.asof, 0);
	dataset_release(&ds);
}

/* 签约投资占比 (h-talent) by hand, round 2024-06 (as of 06-30). Units as in
 * test_compute; one plain project each in S1 and S2. Signed leads:
 *   followed by S11, 2024-03-01, 6,000,000 → S1's subtree
 *   followed by S1,  2024-06-30, 2,000,000 → S1 (the round's day counts)
 *   followed by S2,  2024-01-10, 4,000,000 → S2
 *   followed by S2,  2024-07-01, 9,000,000 → after the round: nowhere
 *   followed by S2,  2023-12-31, 5,000,000 → last year: nowhere
 *   followed by S3,  2024-02-02, no amount  → nowhere
 *   followed by S3,  2024-05-05, 8,000,000 → S3 (unranked, but in the district's)
 * district 20,000,000; S1 8,000,000 (2/5), S2 4,000,000 (1/5).
 * Weight 0: every score 0 as without leads. Weight 50: S1 50 × 2/5 = 20.00,
 * S2 50 × 1/5 = 10.00 points. */
static void test_signed_investment(void **state)
{
	static const struct lead_signing g[] = {
		{ 3, 0, 6000000 }, { 2, 0, 2000000 }, { 4, 0, 4000000 }, { 4, 0, 9000000 },
		{ 4, 0, 5000000 }, { 5, 0, AMOUNT_NONE }, { 5, 0, 8000000 },
	};
	static const int ymd[][3] = { { 2024, 3, 1 }, { 2024, 6, 30 }, { 2024, 1, 10 },
				      { 2024, 7, 1 }, { 2023, 12, 31 }, { 2024, 2, 2 },
				      { 2024, 5, 5 } };
	struct lead_signing v[7];
	struct dataset ds;
	struct warning_settings ws;
	struct contest_weights cw;
	struct contest_round r;
	const struct contest_entry *e;
	size_t i;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	ds.year = 2024;
	add_unit(&ds, 5, "S3", UNIT_STREET, 1);
	add_unit(&ds, 1, "D1", UNIT_DISTRICT, 0);
	add_unit(&ds, 2, "S1", UNIT_SECTION, 1);
	add_unit(&ds, 3, "S11", UNIT_STREET, 2);
	add_unit(&ds, 4, "S2", UNIT_SECTION, 1);
	dataset_index(&ds);
	add_project(&ds, 2, 1000000);
	add_project(&ds, 4, 1000000);
	for (i = 0; i < 7; i++) {
		v[i] = g[i];
		v[i].signed_on = day_from_ymd(ymd[i][0], ymd[i][1], ymd[i][2]);
	}
	ds.signings = v;
	ds.n_signings = 7;
	warning_settings_defaults(&ws);
	contest_weights_defaults(&cw);
	assert_int_equal(cw.w[CP_SIGNED_INVESTMENT], 0);

	contest_compute(&ds, month_from_ym(2024, 6), &ws, &cw, &r);
	e = contest_find(&r, 2);
	assert_int_equal(e->signed_yuan, 8000000);
	assert_int_equal(e->signed_yuan_all, 20000000);
	assert_int_equal(e->share[CP_SIGNED_INVESTMENT].num, 8000000);
	assert_int_equal(e->share[CP_SIGNED_INVESTMENT].den, 20000000);
	assert_int_equal(e->points[CP_SIGNED_INVESTMENT], 0);
	assert_int_equal(e->score, 0);
	e = contest_find(&r, 4);
	assert_int_equal(e->signed_yuan, 4000000);
	assert_int_equal(e->score, 0);
	assert_int_equal(contest_find(&r, 5)->signed_yuan, 8000000);
	contest_round_release(&r);

	assert_null(contest_weights_set(&cw, "contest.weight.signed_investment", "50"));
	contest_compute(&ds, month_from_ym(2024, 6), &ws, &cw, &r);
	assert_string_equal(r.entries[0].code, "S1");
	assert_int_equal(r.entries[0].points[CP_SIGNED_INVESTMENT], 2000);
	assert_int_equal(r.entries[0].score, 2000);
	assert_string_equal(r.entries[1].code, "S2");
	assert_int_equal(r.entries[1].score, 1000);
	contest_round_release(&r);

	/* no signed investment in the district: undefined, 0 points */
	ds.n_signings = 0;
	contest_compute(&ds, month_from_ym(2024, 6), &ws, &cw, &r);
	e = contest_find(&r, 2);
	assert_int_equal(e->share[CP_SIGNED_INVESTMENT].den, 0);
	assert_int_equal(e->score, 0);
	contest_round_release(&r);
	ds.signings = NULL;
	dataset_release(&ds);
}

/* What counts as a red project (DOMAIN.md §7), round 2024-06 (as of 06-30),
 * over two top-level sections and no district (so the round's entries are
 * exactly the units: nothing is written past them). No project has started,
 * been filed or planned a completion, so only these warnings arise:
 *   P1 (S1) planned start 06-20, 10 days late: start_overdue yellow — not red
 *   P2 (S1) an item open since 05-01 with deadline 06-10: item_overdue red —
 *           an overdue-item project, not a red one (weighed on its own)
 *   P3 (S2) an application applied Mon 05-06, 核实 limit 5 working days (no
 *           calendar: weekdays), due 05-13, not verified: fund_overdue red —
 *           the department's, it costs the section nothing
 *   P4 (S2) planned start 05-01, 60 days late: start_overdue red
 * S1: 2 projects, 0 red, 1 with an overdue item; S2: 2, 1 red, 0:
 * −20 × 1/2 = −10.00 points. */
static void test_what_counts_red(void **state)
{
	struct dataset ds;
	struct warning_settings ws;
	struct contest_weights cw;
	struct contest_round r;
	struct item_state open = { IS_OPEN, 1, 0, 0 };
	struct fund_entry fe;
	struct fund_book fb;
	struct policy pol;
	struct project *p;
	struct item_track *t;
	const struct contest_entry *e;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	ds.year = 2024;
	add_unit(&ds, 1, "S1", UNIT_SECTION, 0);
	add_unit(&ds, 2, "S2", UNIT_SECTION, 0);
	dataset_index(&ds);
	p = add_project(&ds, 1, 1000000);
	p->planned_start = day_from_ymd(2024, 6, 20);
	add_project(&ds, 1, 1000000);
	p = add_project(&ds, 2, 1000000);
	p = add_project(&ds, 2, 1000000);
	p->planned_start = day_from_ymd(2024, 5, 1);
	ds.items = xcalloc(1, sizeof(*ds.items));
	ds.n_items = 1;
	t = &ds.items[0];
	t->id = 1;
	t->project = 1;
	t->owner_id = 1;
	t->title = xstrdup("用地指标");
	open.deadline = open.level_deadline = day_from_ymd(2024, 6, 10);
	item_track_add(t, day_from_ymd(2024, 5, 1), &open);
	policy_init(&pol);
	pol.limit[FS_VERIFY] = 5;
	memset(&fb, 0, sizeof(fb));
	memset(&fe, 0, sizeof(fe));
	application_init(&fe.a);
	fe.a.policy_id = 1;
	fe.a.amount = 1000000;
	fe.a.applied_on = day_from_ymd(2024, 5, 6);
	fe.pol = &pol;
	fe.p = &ds.projects[2];
	fb.v = &fe;
	fb.n = 1;
	ds.funds = &fb;
	warning_settings_defaults(&ws);
	contest_weights_defaults(&cw);

	contest_compute(&ds, month_from_ym(2024, 6), &ws, &cw, &r);
	assert_int_equal(r.n, 2);
	e = contest_find(&r, 1);
	assert_int_equal(e->projects, 2);
	assert_int_equal(e->red_projects, 0);
	assert_int_equal(e->overdue_item_projects, 1);
	assert_int_equal(e->points[CP_RED_WARNINGS], 0);
	e = contest_find(&r, 2);
	assert_int_equal(e->projects, 2);
	assert_int_equal(e->red_projects, 1);
	assert_int_equal(e->overdue_item_projects, 0);
	assert_int_equal(e->points[CP_RED_WARNINGS], -1000);
	contest_round_release(&r);
	ds.funds = NULL;
	application_release(&fe.a);
	policy_release(&pol);
	dataset_release(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_points),
		cmocka_unit_test(test_caps_and_task_books),
		cmocka_unit_test(test_order_ties_and_unranked),
		cmocka_unit_test(test_undefined_start_rate_last),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_named),
		cmocka_unit_test(test_weights_settings),
		cmocka_unit_test(test_compute),
		cmocka_unit_test(test_signed_investment),
		cmocka_unit_test(test_what_counts_red),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
