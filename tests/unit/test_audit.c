/* test_audit.c — unit tests of src/store/audit.c: an update's audit forms keep
 * only the members that changed (audit_json_diff), with strings, arrays and
 * objects as values, members one side lacks, and texts that are not objects. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "store/sqlite_int.h"

static void expect_diff(const char *before, const char *after, const char *want_before,
			const char *want_after)
{
	struct buf db = BUF_INIT, da = BUF_INIT;

	audit_json_diff(before, after, &db, &da);
	assert_string_equal(db.s, want_before);
	assert_string_equal(da.s, want_after);
	buf_release(&db);
	buf_release(&da);
}

static void test_changed_members_only(void **state)
{
	(void)state;
	expect_diff("{\"project_id\":1,\"month\":\"2024-01\",\"invest\":1001234,\"output\":null,"
		    "\"status\":\"verified\"}",
		    "{\"project_id\":1,\"month\":\"2024-01\",\"invest\":1010000,\"output\":null,"
		    "\"status\":\"verified\"}",
		    "{\"invest\":1001234}", "{\"invest\":1010000}");
	/* two of them, in the order of the form */
	expect_diff("{\"a\":1,\"b\":\"x\",\"c\":null}", "{\"a\":2,\"b\":\"x\",\"c\":\"y\"}",
		    "{\"a\":1,\"c\":null}", "{\"a\":2,\"c\":\"y\"}");
	/* nothing changed */
	expect_diff("{\"a\":1}", "{\"a\":1}", "{}", "{}");
}

static void test_values_that_hold_separators(void **state)
{
	(void)state;
	/* a quote, a comma, a brace and a bracket inside strings */
	expect_diff("{\"p\":\"a\\\",b}]\",\"q\":\"设备安装, 调试\"}",
		    "{\"p\":\"a\\\",b}]\",\"q\":\"设备安装, 试运行\"}",
		    "{\"q\":\"设备安装, 调试\"}", "{\"q\":\"设备安装, 试运行\"}");
	/* arrays and objects as values */
	expect_diff("{\"tiers\":[\"province\",\"city\"],\"o\":{\"k\":[1,{\"z\":\"]\"}]},\"n\":1}",
		    "{\"tiers\":[\"city\"],\"o\":{\"k\":[1,{\"z\":\"]\"}]},\"n\":1}",
		    "{\"tiers\":[\"province\",\"city\"]}", "{\"tiers\":[\"city\"]}");
}

static void test_member_on_one_side(void **state)
{
	(void)state;
	/* a listing's month-by-month plan dropped, and added */
	expect_diff("{\"year\":2024,\"annual_plan\":12,\"month_plan\":[1,1,1,1,1,1,1,1,1,1,1,1]}",
		    "{\"year\":2024,\"annual_plan\":12}",
		    "{\"month_plan\":[1,1,1,1,1,1,1,1,1,1,1,1]}", "{\"month_plan\":null}");
	expect_diff("{\"year\":2024}", "{\"year\":2024,\"month_plan\":[0,12]}",
		    "{\"month_plan\":null}", "{\"month_plan\":[0,12]}");
}

static void test_not_an_object_is_kept_whole(void **state)
{
	(void)state;
	expect_diff("[1,2]", "{\"a\":1}", "[1,2]", "{\"a\":1}");
	expect_diff(NULL, "{\"a\":1}", "null", "{\"a\":1}");
	expect_diff("{\"a\":1", "{\"a\":2}", "{\"a\":1", "{\"a\":2}"); /* cut short */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_changed_members_only),
		cmocka_unit_test(test_values_that_hold_separators),
		cmocka_unit_test(test_member_on_one_side),
		cmocka_unit_test(test_not_an_object_is_kept_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
