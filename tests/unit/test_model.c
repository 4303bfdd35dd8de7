/* test_model.c — the rules of src/core/model.c that are not plain data:
 * when a project reached a stage, that stage dates never go backwards
 * (DOMAIN.md §3), and the measure table's keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/model.h"
#include "fixture.h"

static void test_reached(void **state)
{
	struct project p;

	(void)state;
	project_init(&p);
	assert_int_equal(project_reached(&p, STAGE_SIGNED), DAY_NONE);
	/* completed without a start date: started, on its completion date */
	p.stage_on[STAGE_COMPLETED] = fx_day(2024, 5, 10);
	p.stage_on[STAGE_PRODUCTION] = fx_day(2024, 6, 1);
	assert_int_equal(project_reached(&p, STAGE_SIGNED), fx_day(2024, 5, 10));
	assert_int_equal(project_reached(&p, STAGE_STARTED), fx_day(2024, 5, 10));
	assert_int_equal(project_reached(&p, STAGE_PRODUCTION), fx_day(2024, 6, 1));
	assert_int_equal(project_reached(&p, STAGE_CAPACITY), DAY_NONE);
}

static void test_stages_never_go_backwards(void **state)
{
	struct project p;
	enum stage bad = STAGE__MAX;

	(void)state;
	project_init(&p);
	assert_int_equal(project_stages_ordered(&p, &bad), 1);
	/* the same day for several stages is in order */
	p.stage_on[STAGE_SIGNED] = fx_day(2024, 3, 1);
	p.stage_on[STAGE_FILED] = fx_day(2024, 3, 1);
	p.stage_on[STAGE_STARTED] = fx_day(2024, 3, 1);
	assert_int_equal(project_stages_ordered(&p, &bad), 1);
	assert_int_equal(bad, STAGE__MAX); /* untouched */
	/* signed after the start, with no filing date between: the stage named
	 * is the one whose date is later than a later stage's */
	p.stage_on[STAGE_FILED] = DAY_NONE;
	p.stage_on[STAGE_STARTED] = fx_day(2024, 2, 29);
	assert_int_equal(project_stages_ordered(&p, &bad), 0);
	assert_int_equal(bad, STAGE_SIGNED);
	assert_int_equal(project_stages_ordered(&p, NULL), 0);
	/* the last two stages are checked too */
	project_init(&p);
	p.stage_on[STAGE_PRODUCTION] = fx_day(2024, 5, 2);
	p.stage_on[STAGE_CAPACITY] = fx_day(2024, 5, 1);
	assert_int_equal(project_stages_ordered(&p, &bad), 0);
	assert_int_equal(bad, STAGE_PRODUCTION);
	p.stage_on[STAGE_CAPACITY] = fx_day(2024, 5, 2);
	assert_int_equal(project_stages_ordered(&p, &bad), 1);
}

static void test_measure_keys(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < MEASURE__MAX; i++) {
		assert_int_equal(measure_from_key(measure_info[i].key), i);
		assert_int_equal(measure_from_key(measure_info[i].label_zh), i);
	}
	assert_int_equal(measure_from_key("filing_rate"), M_FILING_RATE);
	assert_int_equal(measure_from_key("签约项目备案率"), M_FILING_RATE);
	assert_int_equal(measure_from_key("industrial_funds_capital_yuan"),
			 M_INDUSTRIAL_FUNDS_CAPITAL);
	assert_int_equal(measure_from_key("filing rate"), -1);
	assert_int_equal(measure_from_key(""), -1);
}

/* DOMAIN.md §3 "What counts", every status both ways. */
static void test_which_reports_count(void **state)
{
	(void)state;
	assert_int_equal(report_status_counts("submitted", 0), 1);
	assert_int_equal(report_status_counts("verified", 0), 1);
	assert_int_equal(report_status_counts("draft", 0), 0);
	assert_int_equal(report_status_counts("returned", 0), 0);
	assert_int_equal(report_status_counts("submitted", 1), 1);
	assert_int_equal(report_status_counts("verified", 1), 1);
	assert_int_equal(report_status_counts("draft", 1), 1);    /* the office's preview */
	assert_int_equal(report_status_counts("returned", 1), 0); /* never */
	assert_int_equal(report_status_counts("Submitted", 1), 0); /* unknown: never */
	assert_int_equal(report_status_counts("", 1), 0);
	assert_int_equal(report_status_counts(NULL, 1), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_which_reports_count),
		cmocka_unit_test(test_reached),
		cmocka_unit_test(test_stages_never_go_backwards),
		cmocka_unit_test(test_measure_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
