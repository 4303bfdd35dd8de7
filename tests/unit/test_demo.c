/* test_demo.c — the demo district generator (src/core/demo.c): deterministic,
 * the seed's list sizes and totals (DOMAIN.md §5), consistent stage dates and
 * plans, valid credit codes, and a plausible picture at the half year. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/demo.h"

static bl_day day(int y, int m, int d)
{
	return day_from_ymd(y, m, d);
}

static int str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

static int projects_equal(const struct project *a, const struct project *b)
{
	int k;

	if (!str_eq(a->ref, b->ref) || !str_eq(a->name, b->name) || !str_eq(a->code, b->code) ||
	    !str_eq(a->company, b->company) || !str_eq(a->uscc, b->uscc) ||
	    !str_eq(a->leader, b->leader) || !str_eq(a->industry, b->industry) ||
	    !str_eq(a->commando, b->commando))
		return 0;
	if (a->id != b->id || a->section_id != b->section_id ||
	    a->department_id != b->department_id || a->industrial != b->industrial ||
	    a->attracted_by != b->attracted_by || a->total_investment != b->total_investment ||
	    a->capacity != b->capacity || a->land_mu != b->land_mu ||
	    a->energy_tce != b->energy_tce || a->planned_start != b->planned_start ||
	    a->planned_completion != b->planned_completion ||
	    a->planned_production != b->planned_production || a->land_on != b->land_on ||
	    a->permit_on != b->permit_on)
		return 0;
	for (k = 0; k < STAGE__MAX; k++)
		if (a->stage_on[k] != b->stage_on[k])
			return 0;
	return 1;
}

static int listings_equal(const struct listing *a, const struct listing *b)
{
	int m;

	if (a->project_id != b->project_id || a->year != b->year || a->tiers != b->tiers ||
	    a->annual_plan != b->annual_plan || a->has_month_plan != b->has_month_plan)
		return 0;
	for (m = 0; m < 12; m++)
		if (a->month_plan[m] != b->month_plan[m])
			return 0;
	return 1;
}

static int reports_equal(const struct report *a, const struct report *b)
{
	return a->project_id == b->project_id && a->month == b->month &&
	       a->invest == b->invest && a->output == b->output && a->status == b->status &&
	       str_eq(a->progress, b->progress) && str_eq(a->problems, b->problems);
}

static int targets_equal(const struct target *a, const struct target *b)
{
	return a->year == b->year && a->measure == b->measure && a->tier == b->tier &&
	       a->section_id == b->section_id && a->department_id == b->department_id &&
	       a->industrial == b->industrial && a->due == b->due && a->value == b->value;
}

static int data_equal(const struct demo_data *a, const struct demo_data *b)
{
	size_t i;

	if (a->n_units != b->n_units || a->n_projects != b->n_projects ||
	    a->n_listings != b->n_listings || a->n_reports != b->n_reports ||
	    a->n_targets != b->n_targets || a->n_indicators != b->n_indicators)
		return 0;
	for (i = 0; i < a->n_units; i++)
		if (a->units[i].id != b->units[i].id || a->units[i].kind != b->units[i].kind ||
		    a->units[i].parent_id != b->units[i].parent_id ||
		    !str_eq(a->units[i].code, b->units[i].code) ||
		    !str_eq(a->units[i].name, b->units[i].name))
			return 0;
	for (i = 0; i < a->n_projects; i++)
		if (!projects_equal(&a->projects[i], &b->projects[i]))
			return 0;
	for (i = 0; i < a->n_listings; i++)
		if (!listings_equal(&a->listings[i], &b->listings[i]))
			return 0;
	for (i = 0; i < a->n_reports; i++)
		if (!reports_equal(&a->reports[i], &b->reports[i]))
			return 0;
	for (i = 0; i < a->n_targets; i++)
		if (!targets_equal(&a->targets[i], &b->targets[i]))
			return 0;
	for (i = 0; i < a->n_indicators; i++)
		if (a->indicators[i].measure != b->indicators[i].measure ||
		    a->indicators[i].unit_id != b->indicators[i].unit_id ||
		    a->indicators[i].month != b->indicators[i].month ||
		    a->indicators[i].value != b->indicators[i].value)
			return 0;
	return 1;
}

static void test_same_seed_same_data(void **state)
{
	struct demo_data a, b, c;

	(void)state;
	demo_generate(1, day(2024, 12, 31), &a);
	demo_generate(1, day(2024, 12, 31), &b);
	demo_generate(2, day(2024, 12, 31), &c);
	assert_true(data_equal(&a, &b));
	assert_false(data_equal(&a, &c));
	demo_data_release(&a);
	demo_data_release(&b);
	demo_data_release(&c);
}

/* asof hides the future and changes nothing else: June is December cut. */
static void test_june_is_december_cut(void **state)
{
	bl_day june = day(2024, 6, 30);
	struct demo_data jun, dec;
	size_t i;
	int k;

	(void)state;
	demo_generate(7, june, &jun);
	demo_generate(7, day(2024, 12, 31), &dec);
	assert_int_equal(jun.n_projects, dec.n_projects);
	for (i = 0; i < jun.n_projects; i++) {
		assert_string_equal(jun.projects[i].name, dec.projects[i].name);
		assert_true(listings_equal(&jun.listings[i], &dec.listings[i]));
		for (k = 0; k < STAGE__MAX; k++) {
			bl_day d = dec.projects[i].stage_on[k];

			assert_int_equal(jun.projects[i].stage_on[k], d <= june ? d : DAY_NONE);
		}
	}
	assert_true(jun.n_reports < dec.n_reports);
	demo_data_release(&jun);
	demo_data_release(&dec);
}

/* The supervision items too: June's are December's raised by 06-30, their
 * timelines cut there; and June has overdue items at more than one level. */
static void test_june_items_are_december_cut(void **state)
{
	bl_day june = day(2024, 6, 30);
	struct demo_data jun, dec;
	size_t i, j, k, n_dec = 0, levels = 0;
	unsigned seen = 0;

	(void)state;
	demo_generate(1, june, &jun);
	demo_generate(1, day(2024, 12, 31), &dec);
	for (j = 0; j < dec.n_items; j++)
		n_dec += dec.items[j].it.raised_on <= june;
	assert_int_equal(jun.n_items, n_dec);
	assert_true(jun.n_items >= 15);
	for (i = 0; i < jun.n_items; i++) {
		const struct demo_item *a = &jun.items[i], *b = NULL;
		struct item_state s = item_current(&a->it);

		for (j = 0; j < dec.n_items && !b; j++)
			if (dec.items[j].it.project_id == a->it.project_id &&
			    !strcmp(dec.items[j].it.title, a->it.title) &&
			    dec.items[j].it.raised_on == a->it.raised_on)
				b = &dec.items[j];
		assert_non_null(b);
		assert_true(a->n_steps <= b->n_steps);
		for (k = 0; k < b->n_steps; k++) {
			if (b->steps[k].on > june) {
				assert_int_equal(k, a->n_steps);
				break;
			}
			assert_int_equal(a->steps[k].kind, b->steps[k].kind);
			assert_int_equal(a->steps[k].on, b->steps[k].on);
			assert_int_equal(a->steps[k].after.level, b->steps[k].after.level);
		}
		assert_int_equal(a->steps[0].kind, IK_RAISE);
		assert_int_equal(a->it.last_on, a->steps[a->n_steps - 1].on);
		if (item_overdue(&s, june) && !(seen & (1u << s.level))) {
			seen |= 1u << s.level;
			levels++;
		}
	}
	assert_true(levels >= 2);
	demo_data_release(&jun);
	demo_data_release(&dec);
}

static void test_units(void **state)
{
	struct demo_data d;
	size_t i, sections = 0, departments = 0;

	(void)state;
	demo_generate(1, day(2024, 12, 31), &d);
	assert_int_equal(d.n_units, 13);
	assert_string_equal(d.units[0].code, "3202");
	assert_string_equal(d.units[0].name, "无锡市");
	assert_string_equal(d.units[1].code, "320214");
	assert_int_equal(d.units[1].parent_id, 1);
	for (i = 0; i < d.n_units; i++) {
		assert_int_equal(d.units[i].id, (int64_t)i + 1);
		/* parents come first */
		assert_true(d.units[i].parent_id < d.units[i].id);
		if (d.units[i].kind == UNIT_SECTION || d.units[i].kind == UNIT_STREET)
			sections++;
		if (d.units[i].kind == UNIT_DEPARTMENT)
			departments++;
	}
	assert_int_equal(sections, 6);
	assert_int_equal(departments, 5);
	assert_string_equal(d.units[2].name, "空港经开区(硕放街道)");
	demo_data_release(&d);
}

static void test_tier_counts(void **state)
{
	struct demo_data d;
	size_t i;
	int n[TIER__MAX] = { 0 }, t;

	(void)state;
	demo_generate(1, day(2024, 12, 31), &d);
	assert_int_equal(d.n_listings, d.n_projects);
	assert_true(d.n_projects >= 156 && d.n_projects <= 170);
	for (i = 0; i < d.n_listings; i++) {
		assert_int_equal(d.listings[i].year, 2024);
		assert_int_equal(d.listings[i].project_id, (int64_t)i + 1);
		for (t = 0; t < TIER__MAX; t++)
			if (d.listings[i].tiers & TIER_BIT(t))
				n[t]++;
		/* DOMAIN.md §5: the district list is of industrial projects */
		if (d.listings[i].tiers & TIER_BIT(TIER_DISTRICT))
			assert_true(d.projects[i].industrial);
	}
	assert_int_equal(n[TIER_PROVINCE], 9);
	assert_int_equal(n[TIER_CITY], 52);
	assert_int_equal(n[TIER_DISTRICT], 156);
	demo_data_release(&d);
}

static void check_dates(const struct demo_data *d, bl_day asof)
{
	size_t i;
	int k;

	for (i = 0; i < d->n_projects; i++) {
		const struct project *p = &d->projects[i];
		bl_day started = p->stage_on[STAGE_STARTED];

		assert_true(project_stages_ordered(p, NULL));
		for (k = 0; k < STAGE__MAX; k++)
			assert_true(p->stage_on[k] == DAY_NONE || p->stage_on[k] <= asof);
		assert_true(p->land_on == DAY_NONE || p->land_on <= asof);
		assert_true(p->permit_on == DAY_NONE || p->permit_on <= asof);
		/* every listed project was signed; a permit lies between filing and start */
		assert_true(p->stage_on[STAGE_SIGNED] != DAY_NONE);
		if (p->permit_on != DAY_NONE) {
			assert_true(p->stage_on[STAGE_FILED] <= p->permit_on);
			assert_true(started == DAY_NONE || p->permit_on <= started);
		}
		if (started != DAY_NONE && p->land_on != DAY_NONE)
			assert_true(p->land_on <= started);
		assert_true(p->planned_start != DAY_NONE);
		assert_true(p->planned_start < p->planned_completion);
		/* a project code is given at filing */
		assert_int_equal(p->code != NULL, p->stage_on[STAGE_FILED] != DAY_NONE);
		if (p->code)
			assert_int_equal(strlen(p->code), 24);
	}
}

static void test_stage_dates(void **state)
{
	static const int asof[][3] = { { 2024, 3, 31 }, { 2024, 6, 30 }, { 2024, 12, 31 } };
	uint64_t seed;
	size_t a;

	(void)state;
	for (seed = 1; seed <= 3; seed++)
		for (a = 0; a < sizeof(asof) / sizeof(asof[0]); a++) {
			struct demo_data d;
			bl_day D = day(asof[a][0], asof[a][1], asof[a][2]);

			demo_generate(seed, D, &d);
			check_dates(&d, D);
			demo_data_release(&d);
		}
}

static void test_plans(void **state)
{
	struct demo_data d;
	int64_t industrial = 0;
	size_t i, with_months = 0;
	int m;

	(void)state;
	demo_generate(1, day(2024, 12, 31), &d);
	for (i = 0; i < d.n_listings; i++) {
		const struct listing *l = &d.listings[i];
		int64_t sum = 0;

		assert_true(l->annual_plan > 0);
		assert_true(l->annual_plan <= d.projects[i].total_investment);
		if (d.projects[i].industrial)
			industrial += l->annual_plan;
		if (!l->has_month_plan)
			continue;
		with_months++;
		for (m = 0; m < 12; m++) {
			assert_true(l->month_plan[m] >= 0);
			sum += l->month_plan[m];
		}
		assert_int_equal(sum, l->annual_plan);
	}
	assert_true(industrial >= 43000000000 && industrial <= 47000000000);
	/* about half have a month-by-month plan */
	assert_true(with_months * 10 >= d.n_listings * 4 && with_months * 10 <= d.n_listings * 6);
	demo_data_release(&d);
}

/* GB 32100-2015, written out again here rather than borrowed from demo.c. */
static int uscc_valid(const char *s)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	int sum = 0, w = 1, i, check;

	if (!s || strlen(s) != 18)
		return 0;
	for (i = 0; i < 18; i++)
		if (!s[i] || !strchr(alphabet, s[i]))
			return 0;
	for (i = 0; i < 17; i++) {
		sum += (int)(strchr(alphabet, s[i]) - alphabet) * w;
		w = w * 3 % 31;
	}
	check = 31 - sum % 31;
	if (check == 31)
		check = 0;
	return s[17] == alphabet[check];
}

static void test_uscc(void **state)
{
	struct demo_data d;
	size_t i;

	(void)state;
	assert_true(uscc_valid("91350100M000100Y43")); /* a published example */
	assert_false(uscc_valid("91350100M000100Y44"));
	demo_generate(3, day(2024, 12, 31), &d);
	for (i = 0; i < d.n_projects; i++)
		assert_true(uscc_valid(d.projects[i].uscc));
	demo_data_release(&d);
}

static void test_targets(void **state)
{
	struct demo_data d;
	int64_t books = 0;
	size_t i, n_books = 0;
	int district_new_starts = 0, capital = 0;

	(void)state;
	demo_generate(1, day(2024, 12, 31), &d);
	for (i = 0; i < d.n_targets; i++) {
		const struct target *t = &d.targets[i];

		assert_int_equal(t->year, 2024);
		if (t->measure == M_NEW_STARTS && t->section_id != 0) {
			books += t->value;
			n_books++;
		}
		if (t->measure == M_NEW_STARTS && t->section_id == 0 && t->tier == TIER_ANY &&
		    t->value == 70 && t->due == day(2024, 12, 31))
			district_new_starts = 1;
		if (t->measure == M_INDUSTRIAL_FUNDS_CAPITAL && t->value == 10000000000)
			capital = 1;
	}
	assert_int_equal(n_books, 6);
	assert_int_equal(books, 70);
	/* h-demotarget: one demolition target per section (6), each its area
	 * task book's quantity by its due date */
	{
		size_t k, j, n_area = 0, n_targets = 0;

		for (k = 0; k < d.n_targets; k++)
			n_targets += d.targets[k].measure == M_DEMOLITION_AREA;
		for (j = 0; j < d.n_dtasks; j++) {
			size_t n = 0;

			if (d.dtasks[j].measure != DM_AREA)
				continue;
			n_area++;
			for (k = 0; k < d.n_targets; k++) {
				const struct target *t = &d.targets[k];

				if (t->measure != M_DEMOLITION_AREA ||
				    t->section_id != d.dtasks[j].section_id)
					continue;
				n++;
				assert_int_equal(t->value, d.dtasks[j].quantity);
				assert_int_equal(t->due, d.dtasks[j].due);
			}
			assert_int_equal(n, 1);
		}
		assert_int_equal(n_area, 6);
		assert_int_equal(n_targets, 6);
	}
	assert_true(district_new_starts);
	assert_true(capital);
	demo_data_release(&d);
}

static void test_half_year(void **state)
{
	bl_day june = day(2024, 6, 30);
	uint64_t seed;

	(void)state;
	for (seed = 1; seed <= 10; seed++) {
		struct demo_data d;
		size_t i;
		int started = 0, dist = 0, dist_started = 0;

		demo_generate(seed, june, &d);
		for (i = 0; i < d.n_projects; i++) {
			int s = project_reached(&d.projects[i], STAGE_STARTED) <= june;

			if (d.listings[i].tiers & TIER_BIT(TIER_PROVINCE))
				started += s;
			if (d.listings[i].tiers & TIER_BIT(TIER_DISTRICT)) {
				dist++;
				dist_started += s;
			}
		}
		assert_in_range(started, 7, 9);
		/* district start rate near 70 % */
		assert_in_range(dist_started * 100 / dist, 60, 82);
		demo_data_release(&d);
	}
}

static void test_reports(void **state)
{
	bl_day june = day(2024, 6, 30);
	struct demo_data d;
	size_t i, last_year = 0, drafts = 0;

	(void)state;
	demo_generate(1, june, &d);
	assert_true(d.n_reports > 0);
	for (i = 0; i < d.n_reports; i++) {
		const struct report *r = &d.reports[i];
		const struct project *p = &d.projects[r->project_id - 1];

		assert_true(r->project_id >= 1 && (size_t)r->project_id <= d.n_projects);
		assert_true(p->stage_on[STAGE_STARTED] <= month_last_day(r->month));
		/* continuing projects also report November and December 2023 */
		assert_true(r->month >= month_from_ym(2023, 11) && r->month <= day_month(june));
		last_year += r->month < month_from_ym(2024, 1);
		assert_true(r->invest >= 0);
		assert_non_null(r->progress);
		/* the two stalled projects' drafts of May, the last month they owe */
		if (r->status == REPORT_DRAFT) {
			drafts++;
			assert_int_equal(r->month, month_from_ym(2024, 5));
			assert_non_null(r->problems);
		} else {
			assert_int_equal(r->status, r->month < day_month(june) ? REPORT_VERIFIED
									       : REPORT_SUBMITTED);
		}
		if (i > 0 && d.reports[i - 1].project_id == r->project_id)
			assert_true(d.reports[i - 1].month < r->month);
	}
	assert_true(last_year > 0);
	assert_int_equal(drafts, 2);
	for (i = 0; i < d.n_indicators; i++) {
		assert_int_equal(d.indicators[i].unit_id, 0);
		assert_true(d.indicators[i].month <= day_month(june));
	}
	assert_int_equal(d.n_indicators, 5 * 6);
	demo_data_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_seed_same_data),
		cmocka_unit_test(test_june_is_december_cut),
		cmocka_unit_test(test_june_items_are_december_cut),
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_tier_counts),
		cmocka_unit_test(test_stage_dates),
		cmocka_unit_test(test_plans),
		cmocka_unit_test(test_uscc),
		cmocka_unit_test(test_targets),
		cmocka_unit_test(test_half_year),
		cmocka_unit_test(test_reports),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
