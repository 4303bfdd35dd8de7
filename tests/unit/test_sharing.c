/* test_sharing.c — revenue sharing and the fund registry (DOMAIN.md §7,
 * core/sharing.c, core/fund_registry.c), by hand: the landing year numbering, the
 * split in integer yuan with the remainder to the district, the rule that
 * applies (built-in defaults, a stored rule for later tax years only, a
 * street's own rule), the ledger's lines and totals, and the registry as
 * the fund indicators. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/sharing.h"
#include "util/xalloc.h"

static bl_day ymd(int y, int m, int d)
{
	return day_from_ymd(y, m, d);
}

/* Units: 1 district, 2 street S1, 3 street S2 (both under it). Projects: 10
 * district-attracted in S1, landed 2018-05-01; 11 district-attracted in S2,
 * not landed, signed 2024-12-31; 12 street-attracted in S1, signed 2020. */
static void fixture(struct sharing_data *d)
{
	static const char *const codes[3] = { "D", "S1", "S2" };
	size_t i;

	memset(d, 0, sizeof(*d));
	d->units.units = xcalloc(3, sizeof(struct unit));
	d->units.n_units = 3;
	for (i = 0; i < 3; i++) {
		d->units.units[i].id = (int64_t)i + 1;
		d->units.units[i].code = xstrdup(codes[i]);
		d->units.units[i].name = xstrdup(codes[i]);
		d->units.units[i].kind = i ? UNIT_STREET : UNIT_DISTRICT;
		d->units.units[i].parent_id = i ? 1 : 0;
	}
	dataset_index(&d->units);
	d->projects = xcalloc(3, sizeof(struct project));
	d->n_projects = 3;
	for (i = 0; i < 3; i++) {
		project_init(&d->projects[i]);
		d->projects[i].id = 10 + (int64_t)i;
		d->projects[i].ref = xstrdup(i == 0 ? "P1" : i == 1 ? "P2" : "P3");
	}
	d->projects[0].attracted_by = ATTRACTED_DISTRICT;
	d->projects[0].section_id = 2;
	d->projects[0].landed_on = ymd(2018, 5, 1);
	d->projects[0].stage_on[STAGE_SIGNED] = ymd(2021, 3, 1);
	d->projects[1].attracted_by = ATTRACTED_DISTRICT;
	d->projects[1].section_id = 3;
	d->projects[1].stage_on[STAGE_SIGNED] = ymd(2024, 12, 31);
	d->projects[2].attracted_by = ATTRACTED_STREET;
	d->projects[2].section_id = 2;
	d->projects[2].stage_on[STAGE_SIGNED] = ymd(2020, 6, 1);
}

static void add_tax(struct sharing_data *d, int64_t project, int year, int64_t tax)
{
	d->taxes = xrealloc(d->taxes, (d->n_taxes + 1) * sizeof(*d->taxes));
	memset(&d->taxes[d->n_taxes], 0, sizeof(d->taxes[0]));
	d->taxes[d->n_taxes].project_id = project;
	d->taxes[d->n_taxes].year = year;
	d->taxes[d->n_taxes++].tax = tax;
}

static struct sharing_rule *add_rule(struct sharing_data *d, int64_t id, const char *name)
{
	struct sharing_rule *r;

	d->rules = xrealloc(d->rules, (d->n_rules + 1) * sizeof(*d->rules));
	r = &d->rules[d->n_rules++];
	sharing_rule_init(r);
	r->id = id;
	r->name = xstrdup(name);
	return r;
}

/* The built-in rules as DOMAIN.md §7 states them: landing years 1–6 wholly
 * to the street, from year 7 district : street = 1 : 4 (800 ‰), for
 * district-attracted projects; both valid rules. A project looked up below,
 * between and above the ids there are; a released data set is empty. */
static void test_defaults_and_lookups(void **state)
{
	struct sharing_data d;

	(void)state;
	assert_int_equal(sharing_defaults[0].id, -1);
	assert_int_equal(sharing_defaults[0].attracted_by, ATTRACTED_DISTRICT);
	assert_int_equal(sharing_defaults[0].nth_from, 1);
	assert_int_equal(sharing_defaults[0].nth_to, 6);
	assert_int_equal(sharing_defaults[0].street_permille, 1000);
	assert_null(sharing_rule_problem(&sharing_defaults[0]));
	assert_int_equal(sharing_defaults[1].id, -2);
	assert_int_equal(sharing_defaults[1].attracted_by, ATTRACTED_DISTRICT);
	assert_int_equal(sharing_defaults[1].nth_from, 7);
	assert_int_equal(sharing_defaults[1].nth_to, 0);
	assert_int_equal(sharing_defaults[1].street_permille, 800);
	assert_null(sharing_rule_problem(&sharing_defaults[1]));
	fixture(&d);
	add_tax(&d, 10, 2024, 1);
	add_rule(&d, 1, "r");
	assert_null(sharing_project(&d, 9));
	assert_ptr_equal(sharing_project(&d, 10), &d.projects[0]);
	assert_ptr_equal(sharing_project(&d, 11), &d.projects[1]);
	assert_ptr_equal(sharing_project(&d, 12), &d.projects[2]);
	assert_null(sharing_project(&d, 13));
	assert_null(sharing_project(&d, INT64_MAX));
	sharing_data_release(&d);
	assert_null(d.projects);
	assert_int_equal(d.n_projects, 0);
	assert_null(d.rules);
	assert_int_equal(d.n_rules, 0);
	assert_null(d.taxes);
	assert_int_equal(d.n_taxes, 0);
	assert_null(d.units.units);
	assert_int_equal(d.units.n_units, 0);
}

/* Two ledger lines entered out of order come out sorted (2019 before 2024);
 * a fund as fund_init makes it: nothing set, capital and day absent, and a
 * release of it frees nothing. */
static void test_two_lines_and_a_new_fund(void **state)
{
	struct ledger_filter f = { 0 };
	struct sharing_data d;
	struct ledger l;
	struct fund fd;

	(void)state;
	fixture(&d);
	add_tax(&d, 10, 2024, 10);
	add_tax(&d, 10, 2019, 5);
	assert_int_equal(ledger_build(&d, &f, &l), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.lines[0].year, 2019);
	assert_int_equal(l.lines[1].year, 2024);
	ledger_release(&l);
	sharing_data_release(&d);
	fund_init(&fd);
	assert_int_equal(fd.id, 0);
	assert_null(fd.name);
	assert_null(fd.manager);
	assert_null(fd.focus);
	assert_int_equal(fd.capital, AMOUNT_NONE);
	assert_int_equal(fd.registered_on, DAY_NONE);
	assert_int_equal(fd.brought_by, 0);
	assert_int_equal(fd.version, 0);
	fund_release(&fd);
	assert_null(fd.name);
}

/* Year 1 is the calendar year of landing (landed_on, else the signing day). */
static void test_year_numbering(void **state)
{
	struct sharing_data d;
	struct project none;

	(void)state;
	fixture(&d);
	assert_int_equal(sharing_landed_on(&d.projects[0]), ymd(2018, 5, 1));
	assert_int_equal(sharing_year_no(&d.projects[0], 2017), 0);
	assert_int_equal(sharing_year_no(&d.projects[0], 2018), 1);
	assert_int_equal(sharing_year_no(&d.projects[0], 2023), 6);
	assert_int_equal(sharing_year_no(&d.projects[0], 2024), 7);
	/* signed on the year's last day: that whole year is year 1 */
	assert_int_equal(sharing_landed_on(&d.projects[1]), ymd(2024, 12, 31));
	assert_int_equal(sharing_year_no(&d.projects[1], 2024), 1);
	assert_int_equal(sharing_year_no(&d.projects[1], 2023), 0);
	/* a later stage's date stands for signing (DOMAIN.md §3) */
	project_init(&none);
	assert_int_equal(sharing_landed_on(&none), DAY_NONE);
	assert_int_equal(sharing_year_no(&none, 2024), 0);
	none.stage_on[STAGE_STARTED] = ymd(2022, 1, 1);
	assert_int_equal(sharing_year_no(&none, 2024), 3);
	sharing_data_release(&d);
}

static void test_split(void **state)
{
	int64_t s, dist;

	(void)state;
	sharing_split(1000000, 800, &s, &dist);  /* 1 : 4 exactly */
	assert_int_equal(s, 800000);
	assert_int_equal(dist, 200000);
	sharing_split(1, 800, &s, &dist);        /* 0.8 yuan: the 1 yuan goes to the district */
	assert_int_equal(s, 0);
	assert_int_equal(dist, 1);
	sharing_split(12345679, 800, &s, &dist); /* 9,876,543.2 */
	assert_int_equal(s, 9876543);
	assert_int_equal(dist, 2469136);
	sharing_split(7, 1000, &s, &dist);
	assert_int_equal(s, 7);
	assert_int_equal(dist, 0);
	sharing_split(AMOUNT_MAX, 999, &s, &dist);
	assert_int_equal(s, AMOUNT_MAX / 1000 * 999);
	assert_int_equal(s + dist, AMOUNT_MAX);
}

/* The defaults: years 1–6 the street 100 %, from 7 the street 800 ‰. */
static void test_ledger_defaults(void **state)
{
	struct ledger_filter f = { 0 };
	struct sharing_data d;
	struct ledger l;

	(void)state;
	fixture(&d);
	add_tax(&d, 10, 2018, 100);      /* year 1 */
	add_tax(&d, 10, 2023, 6000000);  /* year 6 */
	add_tax(&d, 10, 2024, 12345679); /* year 7 */
	add_tax(&d, 11, 2024, 7);        /* year 1 */
	add_tax(&d, 11, 2023, 5);        /* before landing: no line */
	add_tax(&d, 12, 2024, 9);        /* street-attracted: no line */
	assert_int_equal(ledger_build(&d, &f, &l), 0);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.unshared, 2);
	/* by year, street, ref */
	assert_int_equal(l.lines[0].year, 2018);
	assert_int_equal(l.lines[0].year_no, 1);
	assert_int_equal(l.lines[0].street, 100);
	assert_int_equal(l.lines[0].district, 0);
	assert_int_equal(l.lines[0].rule->id, -1);
	assert_int_equal(l.lines[1].year, 2023);
	assert_int_equal(l.lines[1].year_no, 6);
	assert_int_equal(l.lines[1].street, 6000000);
	assert_int_equal(l.lines[1].district, 0);
	assert_int_equal(l.lines[1].rule->id, -1);
	assert_string_equal(l.lines[2].project->ref, "P1");
	assert_int_equal(l.lines[2].year_no, 7);
	assert_int_equal(l.lines[2].street, 9876543);
	assert_int_equal(l.lines[2].district, 2469136);
	assert_int_equal(l.lines[2].rule->id, -2);
	assert_string_equal(l.lines[2].rule->name, "默认：落户第7年起 区:街道=1:4");
	assert_string_equal(l.lines[3].project->ref, "P2");
	assert_int_equal(l.lines[3].street_id, 3);
	assert_int_equal(l.lines[3].street, 7);
	/* totals = the sums of the rows */
	assert_int_equal(l.tax, 100 + 6000000 + 12345679 + 7);
	assert_int_equal(l.street, 100 + 6000000 + 9876543 + 7);
	assert_int_equal(l.district, 2469136);
	ledger_release(&l);
	/* one year; one street's subtree */
	f.year = 2024;
	assert_int_equal(ledger_build(&d, &f, &l), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.unshared, 1);
	assert_int_equal(l.tax, 12345686);
	assert_int_equal(l.street, 9876550);
	assert_int_equal(l.district, 2469136);
	ledger_release(&l);
	f.year = 0;
	f.street = 3;
	assert_int_equal(ledger_build(&d, &f, &l), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.unshared, 1);
	assert_int_equal(l.tax, 7);
	ledger_release(&l);
	f.street = 1; /* the district: every street under it */
	assert_int_equal(ledger_build(&d, &f, &l), 0);
	assert_int_equal(l.n, 4);
	ledger_release(&l);
	sharing_data_release(&d);
}

/* A rule made for tax years from 2024 changes those years only; a street's
 * own rule beats the built-in one; the remainder goes to the district. */
static void test_rule_for_later_years(void **state)
{
	struct ledger_filter f = { 0 };
	struct sharing_data d;
	struct sharing_rule *r;
	struct ledger l;

	(void)state;
	fixture(&d);
	add_tax(&d, 10, 2023, 6000000);
	add_tax(&d, 10, 2024, 12345679);
	add_tax(&d, 11, 2024, 7);
	r = add_rule(&d, 5, "2024年起 第7年起 街道70%");
	r->nth_from = 7;
	r->valid_from = 2024;
	r->street_permille = 700;
	r = add_rule(&d, 6, "S2 第1–6年 街道90%");
	r->landed_in = 3;
	r->nth_from = 1;
	r->nth_to = 6;
	r->street_permille = 900;
	assert_null(sharing_rule_problem(&d.rules[0]));
	assert_null(sharing_rule_problem(&d.rules[1]));
	assert_int_equal(ledger_build(&d, &f, &l), 0);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.lines[0].year, 2023); /* year 6 of P1: the default, as before */
	assert_int_equal(l.lines[0].rule->id, -1);
	assert_int_equal(l.lines[0].street, 6000000);
	assert_int_equal(l.lines[1].rule->id, 5); /* 8,641,975.3 */
	assert_int_equal(l.lines[1].street, 8641975);
	assert_int_equal(l.lines[1].district, 3703704);
	assert_int_equal(l.lines[2].rule->id, 6); /* 6.3: 1 yuan left to the district */
	assert_int_equal(l.lines[2].street, 6);
	assert_int_equal(l.lines[2].district, 1);
	assert_int_equal(l.district, 3703705);
	assert_int_equal(l.street + l.district, l.tax);
	ledger_release(&l);
	/* closed after 2024: 2025's year 8 is the default's again */
	d.rules[0].valid_to = 2024;
	add_tax(&d, 10, 2025, 10);
	f.year = 2025;
	assert_int_equal(ledger_build(&d, &f, &l), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.lines[0].rule->id, -2);
	assert_int_equal(l.lines[0].street, 8);
	assert_int_equal(l.lines[0].district, 2);
	ledger_release(&l);
	/* 2024 itself, its last year, is still under it */
	f.year = 2024;
	assert_int_equal(ledger_build(&d, &f, &l), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.lines[0].rule->id, 5);
	ledger_release(&l);
	sharing_data_release(&d);
}

static void test_rule_problems(void **state)
{
	struct sharing_rule r;

	(void)state;
	sharing_rule_init(&r);
	assert_string_equal(sharing_rule_problem(&r), "a rule needs a name");
	r.name = xstrdup("x");
	r.nth_from = 0;
	r.street_permille = 800;
	assert_non_null(sharing_rule_problem(&r));
	r.nth_from = 7;
	assert_null(sharing_rule_problem(&r));
	r.nth_to = 6;
	assert_non_null(sharing_rule_problem(&r));
	r.nth_to = 0;
	r.street_permille = 1001;
	assert_non_null(sharing_rule_problem(&r));
	r.street_permille = 1000;
	r.valid_from = 2026;
	r.valid_to = 2025;
	assert_non_null(sharing_rule_problem(&r));
	r.valid_to = 0;
	r.valid_from = 1999;
	assert_non_null(sharing_rule_problem(&r));
	r.valid_from = 2026;
	assert_null(sharing_rule_problem(&r));
	sharing_rule_release(&r);
}

/* Which stored rule wins when several apply (DOMAIN.md §7): the one valid
 * from the later year, then the one for the deeper unit, then the newer
 * (larger id); any stored rule beats a built-in one. P1 (S1) in 2024 is
 * year 7: rule 21 (from 2024, 600 ‰) beats rule 20 (from 2023, 500 ‰) though
 * it is older; rule 22 for S1 (from 2023) beats rule 20 for the whole
 * district; of two equal rules, 24 beats 23. */
static void test_rule_precedence(void **state)
{
	struct sharing_data d;
	struct sharing_rule *r;

	(void)state;
	fixture(&d);
	r = add_rule(&d, 21, "2024年起");
	r->nth_from = 7;
	r->valid_from = 2024;
	r->street_permille = 600;
	r = add_rule(&d, 20, "2023年起");
	r->nth_from = 7;
	r->valid_from = 2023;
	r->street_permille = 500;
	assert_int_equal(sharing_rule_for(&d, &d.projects[0], 2024)->id, 21);
	/* in 2023 (year 6) neither applies: the default of years 1–6 */
	assert_int_equal(sharing_rule_for(&d, &d.projects[0], 2023)->id, -1);
	d.rules[0].valid_from = 2023; /* now equal: the larger id */
	assert_int_equal(sharing_rule_for(&d, &d.projects[0], 2024)->id, 21);
	d.rules[0].id = 19;
	assert_int_equal(sharing_rule_for(&d, &d.projects[0], 2024)->id, 20);
	/* a rule for S1 beats the district's, whatever its id */
	d.rules[0].landed_in = 2;
	d.rules[1].landed_in = 1;
	assert_int_equal(sharing_rule_for(&d, &d.projects[0], 2024)->id, 19);
	/* but not a rule valid from a later year */
	d.rules[1].valid_from = 2024;
	assert_int_equal(sharing_rule_for(&d, &d.projects[0], 2024)->id, 20);
	/* before landing there is no year, so no rule */
	assert_null(sharing_rule_for(&d, &d.projects[0], 2017));
	sharing_data_release(&d);
}

/* The ledger's order is year, then street, then project ref, whatever the
 * order of the tax records: entered 2024 P3, 2024 P1, 2019 P1 (P3 made
 * district-attracted, in S1 as P1). */
static void test_ledger_order(void **state)
{
	struct ledger_filter f = { 0 };
	struct sharing_data d;
	struct ledger l;

	(void)state;
	fixture(&d);
	d.projects[2].attracted_by = ATTRACTED_DISTRICT; /* P3, S1, signed 2020 */
	add_tax(&d, 12, 2024, 30);
	add_tax(&d, 11, 2024, 20); /* P2, S2 */
	add_tax(&d, 10, 2024, 10);
	add_tax(&d, 10, 2019, 5);
	assert_int_equal(ledger_build(&d, &f, &l), 0);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.lines[0].year, 2019);
	assert_int_equal(l.lines[0].tax, 5);
	assert_string_equal(l.lines[1].project->ref, "P1");
	assert_int_equal(l.lines[1].year, 2024);
	assert_string_equal(l.lines[2].project->ref, "P3");
	assert_int_equal(l.lines[2].year_no, 5); /* 2020 is year 1 */
	assert_string_equal(l.lines[3].project->ref, "P2");
	assert_int_equal(l.lines[3].street_id, 3);
	ledger_release(&l);
	/* the other way round: 2019 P1, 2024 P1, 2024 P2, 2024 P3 */
	d.taxes[0].project_id = 10, d.taxes[0].year = 2019;
	d.taxes[1].project_id = 10, d.taxes[1].year = 2024;
	d.taxes[2].project_id = 11;
	d.taxes[3].project_id = 12, d.taxes[3].year = 2024;
	assert_int_equal(ledger_build(&d, &f, &l), 0);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.lines[0].year, 2019);
	assert_string_equal(l.lines[1].project->ref, "P1");
	assert_int_equal(l.lines[1].year, 2024);
	assert_string_equal(l.lines[2].project->ref, "P3");
	assert_string_equal(l.lines[3].project->ref, "P2");
	ledger_release(&l);
	sharing_data_release(&d);
}

/* Bad unit data with a cycle (S1's parent S2, S2's parent S1) does not hang
 * the choice of a rule: the depth stops at its bound of 64 for both units,
 * so two rules for them tie and the newer (31) wins. */
static void test_rule_on_a_unit_cycle(void **state)
{
	struct sharing_data d;
	struct sharing_rule *r;

	(void)state;
	fixture(&d);
	d.units.units[1].parent_id = 3;
	d.units.units[2].parent_id = 2;
	r = add_rule(&d, 30, "S2");
	r->nth_from = 1;
	r->landed_in = 3;
	r = add_rule(&d, 31, "S1");
	r->nth_from = 1;
	r->landed_in = 2;
	assert_int_equal(sharing_rule_for(&d, &d.projects[0], 2024)->id, 31);
	d.rules[0].id = 32;
	assert_int_equal(sharing_rule_for(&d, &d.projects[0], 2024)->id, 32);
	sharing_data_release(&d);
}

/* The depth bound of 64 itself, on a chain of 66 units (1 the district, unit
 * k under k − 1, so unit k is at depth k) with P1 in unit 66. Rules 40 and
 * 41 (the newer) for P1's years from 1: landed in 64 and 63, the deeper 40
 * wins; landed in 65 and 64, both count 64 (the bound) and tie, so the newer
 * 41 wins. */
static void test_rule_depth_bound(void **state)
{
	struct sharing_data d;
	struct sharing_rule *r;
	int64_t k;

	(void)state;
	fixture(&d);
	dataset_release(&d.units);
	d.units.units = xcalloc(66, sizeof(struct unit));
	d.units.n_units = 66;
	for (k = 1; k <= 66; k++) {
		struct unit *u = &d.units.units[k - 1];

		u->id = k;
		u->code = xstrdup("U");
		u->name = xstrdup("U");
		u->kind = k == 1 ? UNIT_DISTRICT : UNIT_STREET;
		u->parent_id = k - 1;
	}
	dataset_index(&d.units);
	d.projects[0].section_id = 66;
	r = add_rule(&d, 40, "64");
	r->nth_from = 1;
	r->landed_in = 64;
	r = add_rule(&d, 41, "63");
	r->nth_from = 1;
	r->landed_in = 63;
	assert_int_equal(sharing_rule_for(&d, &d.projects[0], 2024)->id, 40);
	d.rules[0].landed_in = 65;
	d.rules[1].landed_in = 64;
	assert_int_equal(sharing_rule_for(&d, &d.projects[0], 2024)->id, 41);
	sharing_data_release(&d);
}

/* Bad unit data with a parent that is not there (S1's parent 77): S1's depth
 * counts S1 only, so a rule for S1 (30) still beats one for everywhere (31,
 * the newer). */
static void test_rule_on_a_missing_parent(void **state)
{
	struct sharing_data d;
	struct sharing_rule *r;

	(void)state;
	fixture(&d);
	d.units.units[1].parent_id = 77;
	r = add_rule(&d, 30, "S1");
	r->nth_from = 1;
	r->landed_in = 2;
	r = add_rule(&d, 31, "everywhere");
	r->nth_from = 1;
	assert_int_equal(sharing_rule_for(&d, &d.projects[0], 2024)->id, 30);
	sharing_data_release(&d);
}

/* attracted_by must be district or street: "not recorded" is refused. */
static void test_rule_attracted_by(void **state)
{
	struct sharing_rule r;

	(void)state;
	sharing_rule_init(&r);
	r.name = xstrdup("x");
	r.nth_from = 1;
	assert_null(sharing_rule_problem(&r));
	r.attracted_by = ATTRACTED_NONE;
	assert_string_equal(sharing_rule_problem(&r), "attracted_by must be district or street");
	r.attracted_by = ATTRACTED__MAX;
	assert_string_equal(sharing_rule_problem(&r), "attracted_by must be district or street");
	r.attracted_by = ATTRACTED_STREET;
	assert_null(sharing_rule_problem(&r));
	/* nth_from 1–99, nth_to empty or nth_from–99 */
	r.nth_from = 99;
	assert_null(sharing_rule_problem(&r));
	r.nth_from = 100;
	assert_string_equal(sharing_rule_problem(&r), "nth_from must be a landing year from 1 to 99");
	r.nth_from = 5;
	r.nth_to = 5;
	assert_null(sharing_rule_problem(&r));
	r.nth_to = 99;
	assert_null(sharing_rule_problem(&r));
	r.nth_to = 100;
	assert_string_equal(sharing_rule_problem(&r),
			    "nth_to must be empty or a landing year from nth_from to 99");
	r.nth_to = 0;
	r.valid_from = r.valid_to = 2099;
	assert_null(sharing_rule_problem(&r));
	r.valid_to = 2100;
	assert_string_equal(sharing_rule_problem(&r),
			    "valid_from and valid_to must be empty or years from 2000 to 2099");
	r.valid_from = 0;
	r.valid_to = 2000;
	assert_null(sharing_rule_problem(&r));
	r.street_permille = -1;
	assert_string_equal(sharing_rule_problem(&r), "street_permille must be from 0 to 1000");
	r.street_permille = 0;
	assert_null(sharing_rule_problem(&r));
	sharing_rule_release(&r);
}

/* A sum past the largest number refuses the ledger rather than wrap. */
static void test_ledger_overflow(void **state)
{
	struct ledger_filter f = { 0 };
	struct sharing_data d;
	struct ledger l;

	(void)state;
	fixture(&d);
	add_tax(&d, 10, 2023, INT64_MAX / 2 + 1);
	add_tax(&d, 10, 2024, INT64_MAX / 2 + 1);
	assert_int_equal(ledger_build(&d, &f, &l), -1);
	assert_int_equal(l.n, 0);
	assert_null(l.lines);
	sharing_data_release(&d);
}

/* The registry replaces the entered fund figures of its years only. */
static void test_funds_as_indicators(void **state)
{
	static const struct fund_value f[4] = {
		{ 0, 100, 2 }, { 0, 50, 0 }, { 0, 20, 2 }, { 0, 7, 3 },
	};
	struct fund_value g[4];
	struct indicator_value *v = xcalloc(3, sizeof(*v));
	size_t nv = 3, alloc = 3, i, seen = 0;

	(void)state;
	memcpy(g, f, sizeof(g));
	g[0].registered_on = ymd(2024, 3, 5);
	g[1].registered_on = ymd(2024, 3, 31);
	g[2].registered_on = ymd(2024, 7, 1);
	g[3].registered_on = ymd(2023, 12, 31);
	v[0] = (struct indicator_value){ M_INDUSTRIAL_FUNDS, 0, month_from_ym(2024, 6), 40 };
	v[1] = (struct indicator_value){ M_INDUSTRIAL_FUNDS, 0, month_from_ym(2022, 6), 9 };
	v[2] = (struct indicator_value){ M_FIXED_ASSET_INVESTMENT, 0, month_from_ym(2024, 6), 123 };
	funds_as_indicators(g, 4, &v, &nv, &alloc);
	/* kept 2; 2024: district and S1, 2023: district and S2, 24 values each */
	assert_int_equal(nv, 2 + 4 * 24);
	assert_int_equal(v[0].value, 9);
	assert_int_equal(v[1].measure, M_FIXED_ASSET_INVESTMENT);
	for (i = 2; i < nv; i++) {
		const struct indicator_value *x = &v[i];
		int y = month_year(x->month), m = month_of_year(x->month);
		int64_t want_n, want_c;

		if (y == 2024 && x->unit_id == 0) {
			want_n = m < 3 ? 0 : m < 7 ? 2 : 3;
			want_c = m < 3 ? 0 : m < 7 ? 150 : 170;
		} else if (y == 2024 && x->unit_id == 2) {
			want_n = m < 3 ? 0 : m < 7 ? 1 : 2;
			want_c = m < 3 ? 0 : m < 7 ? 100 : 120;
		} else {
			assert_int_equal(y, 2023);
			assert_true(x->unit_id == 0 || x->unit_id == 3);
			want_n = m == 12;
			want_c = m == 12 ? 7 : 0;
		}
		assert_int_equal(x->value, x->measure == M_INDUSTRIAL_FUNDS ? want_n : want_c);
		seen++;
	}
	assert_int_equal(seen, 96);
	free(v);
}

/* Every year of the registry and every unit that brought a fund in it gets
 * its twelve months, each unit once: 2021-12-31 (S1, 4 yuan), 2022-01-01 (S1,
 * 5), 2022-12-31 (S2, 3). The entered 2021 and 2022 fund values go (2021 has
 * only the first fund), the other indicator stays. Blocks in order: 2021
 * district, 2021 S1, 2022 district, 2022 S1, 2022 S2, each month a pair
 * (count, capital). */
static void test_funds_each_year_and_unit(void **state)
{
	static const struct fund_value base[3] = { { 0, 4, 2 }, { 0, 5, 2 }, { 0, 3, 3 } };
	static const struct { int year; int64_t unit; } blocks[5] = {
		{ 2021, 0 }, { 2021, 2 }, { 2022, 0 }, { 2022, 2 }, { 2022, 3 },
	};
	struct fund_value g[3];
	struct indicator_value *v = xcalloc(3, sizeof(*v));
	size_t nv = 3, alloc = 3, b;

	(void)state;
	memcpy(g, base, sizeof(g));
	g[0].registered_on = ymd(2021, 12, 31);
	g[1].registered_on = ymd(2022, 1, 1);
	g[2].registered_on = ymd(2022, 12, 31);
	v[0] = (struct indicator_value){ M_INDUSTRIAL_FUNDS_CAPITAL, 0, month_from_ym(2021, 6), 99 };
	v[1] = (struct indicator_value){ M_INDUSTRIAL_FUNDS, 0, month_from_ym(2022, 3), 9 };
	v[2] = (struct indicator_value){ M_FIXED_ASSET_INVESTMENT, 0, month_from_ym(2022, 3), 123 };
	funds_as_indicators(g, 3, &v, &nv, &alloc);
	assert_int_equal(nv, 1 + 5 * 24);
	assert_int_equal(v[0].measure, M_FIXED_ASSET_INVESTMENT);
	assert_int_equal(v[0].value, 123);
	for (b = 0; b < 5; b++) {
		int m;

		for (m = 1; m <= 12; m++) {
			const struct indicator_value *n = &v[1 + b * 24 + (size_t)(m - 1) * 2];
			int64_t want_n, want_c;

			if (blocks[b].year == 2021) {
				want_n = m == 12;
				want_c = m == 12 ? 4 : 0;
			} else if (blocks[b].unit == 0) {
				want_n = m < 12 ? 1 : 2;
				want_c = m < 12 ? 5 : 8;
			} else if (blocks[b].unit == 2) {
				want_n = 1;
				want_c = 5;
			} else {
				want_n = m == 12;
				want_c = m == 12 ? 3 : 0;
			}
			assert_int_equal(n[0].measure, M_INDUSTRIAL_FUNDS);
			assert_int_equal(n[1].measure, M_INDUSTRIAL_FUNDS_CAPITAL);
			assert_int_equal(n[0].unit_id, blocks[b].unit);
			assert_int_equal(n[1].unit_id, blocks[b].unit);
			assert_int_equal(n[0].month, month_from_ym(blocks[b].year, m));
			assert_int_equal(n[1].month, month_from_ym(blocks[b].year, m));
			assert_int_equal(n[0].value, want_n);
			assert_int_equal(n[1].value, want_c);
		}
	}
	free(v);
	/* no fund: nothing changes */
	v = NULL;
	nv = alloc = 0;
	funds_as_indicators(g, 0, &v, &nv, &alloc);
	assert_int_equal(nv, 0);
	assert_null(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_year_numbering),
		cmocka_unit_test(test_defaults_and_lookups),
		cmocka_unit_test(test_two_lines_and_a_new_fund),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_ledger_defaults),
		cmocka_unit_test(test_rule_for_later_years),
		cmocka_unit_test(test_rule_problems),
		cmocka_unit_test(test_ledger_overflow),
		cmocka_unit_test(test_rule_precedence),
		cmocka_unit_test(test_ledger_order),
		cmocka_unit_test(test_rule_attracted_by),
		cmocka_unit_test(test_rule_on_a_unit_cycle),
		cmocka_unit_test(test_rule_depth_bound),
		cmocka_unit_test(test_rule_on_a_missing_parent),
		cmocka_unit_test(test_funds_as_indicators),
		cmocka_unit_test(test_funds_each_year_and_unit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
