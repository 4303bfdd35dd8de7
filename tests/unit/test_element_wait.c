/* test_element_wait.c — the element-wait warning (要素保障等待, rule
 * element_wait, h-wait): a land or energy need short more than
 * guarantees.wait_days is yellow, from the dataset's supplies rows through
 * core/guarantees.c's one rule, on its exact day, with its sentence and
 * figures; the lights of warnings_lights agree with warnings_compute. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/guarantees.h"
#include "core/warnings.h"
#include "fixture.h"
#include "util/xalloc.h"

/* Two projects quiet for every other rule (started and completed in 2023,
 * every month reported):
 *  A (id 1): land need 10 亩 from 2024-03-01, nothing supplied:
 *     03-01 → 05-30 is 30 + 30 = 90 days (green), 05-31 is 91 (yellow).
 *  B (id 2): signed 2024-02-10; land need 5 亩 met on 04-01; energy need
 *     300.5 吨标煤 without a day (so since the signing), 100 supplied 04-20:
 *     02-10 → 05-10 is 29 + 31 + 30 = 90 days, 05-11 is 91. */
static struct supply rows[5];

static struct project *add_quiet(struct dataset *ds, const char *ref)
{
	struct project *p = fx_project(ds, ref, 1, 0, 0, NULL, TIER_BIT(TIER_DISTRICT),
				       AMOUNT_NONE);

	ds->reports[ds->n_projects - 1].reported = 0xffffffu;
	p->stage_on[STAGE_STARTED] = fx_day(2023, 3, 1);
	p->stage_on[STAGE_COMPLETED] = fx_day(2023, 11, 1);
	p->planned_start = fx_day(2023, 2, 1);
	p->planned_completion = fx_day(2023, 12, 1);
	return p;
}

static void row(size_t i, int64_t project, enum element e, enum supply_kind k, bl_day on,
		int64_t amount)
{
	supply_init(&rows[i]);
	rows[i].id = (int64_t)i + 1;
	rows[i].project_id = project;
	rows[i].year = 2024;
	rows[i].element = e;
	rows[i].kind = k;
	rows[i].on = on;
	rows[i].amount = amount;
}

static int setup(void **state)
{
	struct dataset *ds = xcalloc(1, sizeof(*ds));

	ds->year = 2024;
	ds->units = xcalloc(1, sizeof(*ds->units));
	ds->units[0].id = 1;
	ds->units[0].code = xstrdup("S01");
	ds->units[0].name = xstrdup("S01");
	ds->units[0].kind = UNIT_SECTION;
	ds->n_units = 1;
	dataset_index(ds);
	add_quiet(ds, "A");
	add_quiet(ds, "B")->stage_on[STAGE_SIGNED] = fx_day(2024, 2, 10);
	row(0, 1, EL_LAND, SK_NEED, fx_day(2024, 3, 1), 100000);
	row(1, 2, EL_LAND, SK_NEED, DAY_NONE, 50000);
	row(2, 2, EL_LAND, SK_LAND_GRANT, fx_day(2024, 4, 1), 50000);
	row(3, 2, EL_ENERGY, SK_NEED, DAY_NONE, 3005000);
	row(4, 2, EL_ENERGY, SK_ENERGY_APPROVAL, fx_day(2024, 4, 20), 1000000);
	ds->supplies = rows;
	ds->n_supplies = 5;
	*state = ds;
	return 0;
}

static int teardown(void **state)
{
	struct dataset *ds = *state;

	dataset_release(ds); /* the rows are this file's */
	free(ds);
	return 0;
}

/* "ref:level:code name=value …;" of every warning at asof under ws, and the
 * lights of warnings_lights as "A=g B=y". */
static void seen(const struct dataset *ds, const struct warning_settings *ws, bl_day asof,
		 char *out, size_t cap, char *lights, size_t lcap)
{
	struct warning_list wl;
	enum light lv[2];
	size_t i, k, len;

	warnings_compute(ds, ws, asof, &wl);
	out[0] = '\0';
	for (i = 0; i < wl.n; i++) {
		const struct warning *w = &wl.items[i];

		assert_int_equal(w->rule, WR_ELEMENT_WAIT);
		len = strlen(out);
		snprintf(out + len, cap - len, "%s:%s:%s", ds->projects[w->project].ref,
			 light_keys[w->level], w->code);
		for (k = 0; k < w->n_params; k++) {
			len = strlen(out);
			snprintf(out + len, cap - len, " %s=%s", w->params[k].name,
				 w->params[k].value);
		}
		len = strlen(out);
		snprintf(out + len, cap - len, " | %s;", w->reason);
	}
	warnings_lights(ds, ws, asof, lv);
	for (i = 0; i < 2; i++)
		assert_int_equal(lv[i], wl.lights[i]);
	snprintf(lights, lcap, "A=%s B=%s", light_keys[lv[0]], light_keys[lv[1]]);
	warning_list_release(&wl);
}

static void test_on_its_exact_day(void **state)
{
	struct dataset *ds = *state;
	struct warning_settings ws;
	char out[1024], lights[64];

	warning_settings_defaults(&ws);
	assert_int_equal(ws.element_wait_days, 90);
	seen(ds, &ws, fx_day(2024, 5, 10), out, sizeof(out), lights, sizeof(lights));
	assert_string_equal(out, "");
	assert_string_equal(lights, "A=green B=green");
	seen(ds, &ws, fx_day(2024, 5, 11), out, sizeof(out), lights, sizeof(lights));
	assert_string_equal(out, "B:yellow:element_wait element=energy days=91 need=300.5 "
				 "supplied=100 since=2024-02-10 limit=90 | 用能需求 300.5 吨标煤，"
				 "已供 100 吨标煤，自 2024-02-10 起已等待 91 天（超过 90 天）;");
	assert_string_equal(lights, "A=green B=yellow");
	seen(ds, &ws, fx_day(2024, 5, 30), out, sizeof(out), lights, sizeof(lights));
	assert_string_equal(lights, "A=green B=yellow");
	seen(ds, &ws, fx_day(2024, 5, 31), out, sizeof(out), lights, sizeof(lights));
	assert_string_equal(lights, "A=yellow B=yellow");
	assert_non_null(strstr(out, "A:yellow:element_wait element=land days=91 need=10 supplied=0 "
				    "since=2024-03-01 limit=90 | 用地需求 10 亩，已供 0 亩，自 "
				    "2024-03-01 起已等待 91 天（超过 90 天）;"));
	/* the threshold is the setting */
	assert_null(warning_settings_set(&ws, "guarantees.wait_days", "91"));
	seen(ds, &ws, fx_day(2024, 5, 31), out, sizeof(out), lights, sizeof(lights));
	assert_string_equal(lights, "A=green B=yellow");
	/* the rest of B's energy arrives on 05-20: from then on B waits no more */
	rows[4].amount = 3005000;
	seen(ds, &ws, fx_day(2024, 5, 31), out, sizeof(out), lights, sizeof(lights));
	assert_string_equal(lights, "A=green B=green");
	rows[4].amount = 1000000;
}

static void test_both_elements(void **state)
{
	struct dataset *ds = *state;
	struct warning_settings ws;
	char out[1024], lights[64];

	warning_settings_defaults(&ws);
	rows[2].amount = 40000; /* B's land short by 1 亩: since the signing too */
	seen(ds, &ws, fx_day(2024, 5, 11), out, sizeof(out), lights, sizeof(lights));
	assert_string_equal(out, "B:yellow:element_wait_two element=land days=91 element2=energy "
				 "days2=91 limit=90 | 用地需求 5 亩，已供 4 亩，自 2024-02-10 起已等待 "
				 "91 天（超过 90 天）；用能需求 300.5 吨标煤，已供 100 吨标煤，自 "
				 "2024-02-10 起已等待 91 天（超过 90 天）;");
	rows[2].amount = 50000;
	assert_string_equal(warning_rule_keys[WR_ELEMENT_WAIT], "element_wait");
	assert_string_equal(warning_rule_labels[WR_ELEMENT_WAIT], "要素保障等待");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_on_its_exact_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_both_elements, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
