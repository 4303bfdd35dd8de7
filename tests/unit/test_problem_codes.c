/* test_problem_codes.c — every sentence the importer writes has its code and
 * figures (src/io/problem_codes.c); one of each form, and what is unknown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/codes.h"
#include "core/model.h"
#include "io/parse.h"
#include "io/problem_codes.h"

static void expect(const char *message, const char *code, int n, const char *names[],
		   const char *values[])
{
	struct problem_code pc;
	int i;

	problem_code(message, &pc);
	if (strcmp(pc.code, code))
		fail_msg("\"%s\": code %s, wanted %s", message, pc.code, code);
	assert_int_equal(pc.n, n);
	for (i = 0; i < n; i++) {
		assert_string_equal(pc.params[i].name, names[i]);
		assert_string_equal(pc.params[i].value, values[i]);
	}
}

#define PLAIN(m, c) expect(m, c, 0, NULL, NULL)

static void test_plain_sentences(void **state)
{
	int64_t v;
	bl_day d;
	bl_month mo;

	(void)state;
	PLAIN("required, but blank", "required");
	PLAIN("required column is missing", "column_missing");
	PLAIN("the column appears twice", "column_twice");
	PLAIN("unknown column (see 'ballast import --help'; --ignore-unknown skips it)",
	      "unknown_column");
	PLAIN("the file is empty: no header row", "file_empty");
	PLAIN("holds a control character or line break", "control_char");
	PLAIN("no unit has this code or name", "no_unit");
	PLAIN("several units have this name; use the unit code", "unit_ambiguous");
	PLAIN("not one of city 市, district 区, section 板块, street 街道, department 部门",
	      "not_unit_kind");
	PLAIN("no unit has this code, in the database or in this file", "no_parent");
	PLAIN("the parents form a loop", "parent_loop");
	PLAIN("no project has this ref (import projects first)", "no_project");
	/* leader linkage */
	PLAIN("no leader account has this username or name", "no_leader");
	PLAIN("several leader accounts have this name; use the username", "leader_ambiguous");
	PLAIN("more than 16 leaders", "too_many_leaders");
	PLAIN("blank, but tiers or an annual plan are given", "year_blank");
	PLAIN("not 区级 (district) or 街道 (street)", "not_attracted");
	PLAIN("a target has one tier, or none for all", "one_tier");
	/* ui14: a project's coordinates (core/model.c coord_problem, import_rows.c) */
	PLAIN(coord_problem(180000001, 0), "lng_range");
	PLAIN(coord_problem(-90000001, 1), "lat_range");
	PLAIN("blank, but the other coordinate is given: a point needs both 经度 and 纬度",
	      "coord_pair");
	PLAIN("not a measure (keys as in 'ballast measures --format json', e.g. start_rate)",
	      "not_measure");
	PLAIN("not an indicator (固定资产投资, …)", "not_indicator");
	PLAIN("out of range: more than 100000000000", "number_range");
	PLAIN("not a year", "not_year");
	PLAIN("the workbook is damaged: xl/sharedStrings.xml: CRC error", "damaged");
	PLAIN("not a spreadsheet: a PDF", "not_spreadsheet");
	/* the parsers' and validators' own sentences, as they return them */
	PLAIN(parse_day("2024-02-30", &d), "no_such_day");
	PLAIN(parse_day("soon", &d), "not_date");
	PLAIN(parse_day("1800-01-01", &d), "year_range");
	PLAIN(parse_month("2024-13", &mo), "no_such_month");
	PLAIN(parse_month("1999-12", &mo), "month_range");
	PLAIN(parse_month("June", &mo), "not_month");
	PLAIN(parse_wanyuan("12a", &v), "not_number");
	PLAIN(parse_wanyuan("1,23.4", &v), "thousands_sep");
	PLAIN(parse_wanyuan("100000000001", &v), "money_range");
	PLAIN(parse_int("1.5", &v), "not_whole");
	PLAIN(parse_bool("maybe", (int[1]){ 0 }), "not_bool");
	PLAIN(parse_tiers("县", (unsigned[1]){ 0 }), "not_tier");
	PLAIN("more than 2 decimals in a percent", "percent_decimals");
	expect(parse_rate("85.555%", &v), "decimals", 1, (const char *[]){ "n" },
	       (const char *[]){ "2" });
	PLAIN(amount_problem(-1), "negative");
	PLAIN(amount_problem(AMOUNT_MAX + 1), "money_range");
	PLAIN(project_code_problem("2024"), "code_form");
	PLAIN(project_code_problem("2413-320214-89-01-000001"), "code_month");
	PLAIN(uscc_problem("9135"), "uscc_length");
	PLAIN(uscc_problem("91350100m000100y43"), "lowercase");
}

static void test_figures(void **state)
{
	int64_t v;

	(void)state;
	expect(parse_wanyuan("1.23456", &v), "decimals", 1, (const char *[]){ "n" },
	       (const char *[]){ "4" });
	expect("repeats row 7 of this file", "repeats_row", 1, (const char *[]){ "row" },
	       (const char *[]){ "7" });
	expect("longer than 2000 bytes", "longer_than", 1, (const char *[]){ "bytes" },
	       (const char *[]){ "2000" });
	expect("wrong check character (expected Y)", "check_char", 1,
	       (const char *[]){ "expected" }, (const char *[]){ "Y" });
	expect("is a department (部门), not the kind of unit this column takes", "unit_kind", 2,
	       (const char *[]){ "kind", "label" }, (const char *[]){ "department", "部门" });
	expect("later than the started_on (开工) date 2024-03-01: stage dates never go backwards",
	       "stage_order", 3, (const char *[]){ "stage", "label", "date" },
	       (const char *[]){ "started_on", "开工", "2024-03-01" });
	expect("the month-by-month plan adds up to 1200000 yuan, not the annual plan (1000000 "
	       "yuan)", "month_plan_sum", 2, (const char *[]){ "sum", "annual" },
	       (const char *[]){ "1200000", "1000000" });
	expect("not in the target's year 2024", "due_year", 1, (const char *[]){ "year" },
	       (const char *[]){ "2024" });
}

static void test_unknown(void **state)
{
	struct problem_code pc;

	(void)state;
	problem_code("something nobody wrote", &pc);
	assert_string_equal(pc.code, "other");
	assert_int_equal(pc.n, 0);
	problem_code(NULL, &pc);
	assert_string_equal(pc.code, "other");
	/* a form does not match a sentence that goes on after it */
	problem_code("not a date, really", &pc);
	assert_string_equal(pc.code, "other");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_sentences),
		cmocka_unit_test(test_figures),
		cmocka_unit_test(test_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
