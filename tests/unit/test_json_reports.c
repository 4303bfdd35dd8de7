/* test_json_reports.c — the month's report list written as text
 * (http/json_reports.c) is byte for byte what jansson writes of the same
 * values: every ASCII byte and some UTF-8 in a string, and reports with every
 * member absent, present, escaped, and of a status this binary does not know. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/json_reports.h"

#define DUMP_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) | JSON_ENCODE_ANY)

static void same_as_jansson(json_t *j, const struct buf *b)
{
	char *want = json_dumps(j, DUMP_FLAGS);

	assert_non_null(want);
	assert_int_equal(b->len, strlen(want));
	assert_string_equal(b->s, want);
	free(want);
	json_decref(j);
}

static void test_strings(void **state)
{
	static const char *const utf8[] = { "主体结构施工", "€ and 𝄞", "a/b", "", "\"\\" };
	char one[2] = { 0, 0 };
	struct buf b = BUF_INIT;
	size_t i;
	int c;

	(void)state;
	for (c = 1; c < 0x80; c++) {
		one[0] = (char)c;
		buf_reset(&b);
		json_str_jansson(&b, one);
		same_as_jansson(json_string(one), &b);
	}
	for (i = 0; i < sizeof(utf8) / sizeof(*utf8); i++) {
		buf_reset(&b);
		json_str_jansson(&b, utf8[i]);
		same_as_jansson(json_string(utf8[i]), &b);
	}
	buf_release(&b);
}

static void check_row(const struct month_row *row)
{
	struct buf b = BUF_INIT;

	month_row_report_text(&b, row);
	same_as_jansson(month_row_report_json(row), &b);
	buf_release(&b);
}

static void test_reports(void **state)
{
	struct month_row none = { 0 }, bare = { 0 }, full = { 0 }, odd = { 0 };

	(void)state;
	check_row(&none); /* no report: null */
	bare.has = 1;
	bare.r.invest = bare.r.output = AMOUNT_NONE;
	bare.r.version = 1;
	bare.r.status = REPORT_DRAFT;
	check_row(&bare);
	full.has = 1;
	full.r.invest = 1000000000000000;
	full.r.output = 0;
	full.r.version = 42;
	full.r.status = REPORT_RETURNED;
	full.r.progress = "换行\n制表\t引号\"反斜杠\\";
	full.r.problems = "\b\f\x01\x1f 控制";
	full.r.return_reason = "数字有误";
	full.r.submitted_by = "s01";
	full.r.submitted_at = "2024-07-02T08:00:00Z";
	full.r.verified_by = "coord";
	full.r.verified_at = "2024-07-03T09:30:00Z";
	check_row(&full);
	odd = full;
	odd.r.status = REPORT_STATUS__MAX; /* read as submitted, as the store reads it */
	check_row(&odd);
	assert_string_equal(month_row_status(&odd), report_status_keys[REPORT_SUBMITTED]);
	assert_string_equal(month_row_status(&none), "missing");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_reports),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
