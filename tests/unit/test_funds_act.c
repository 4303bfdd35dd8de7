/* test_funds_act.c — entering a fund application and making its steps
 * (core/funds_act.c) on a real store: the result of each path exactly (the
 * workflow's outcome, the error, the field, the sentence), what is stored
 * afterwards, and what a failing store leaves: a transaction that cannot
 * begin, a policy or application that is not there, a write the database
 * refuses (a duplicate; a trigger), a policies table gone. After each failure
 * nothing is written and the store takes the next transaction. The rules
 * (application_problem, application_next, the table) are test_funds' and
 * test_workflow's; who may do what over HTTP, test_funds.py's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/access.h"
#include "core/funds.h"
#include "core/workflow.h"
#include "store/store_funds.h"
#include "store_fixture.h"

#define D(y, m, d) day_from_ymd(y, m, d)

static const struct actor admin = { 1, "admin", ROLE_ADMIN, 0 };

/* District 1, section S1 (2), department G1 (3); project P1 (1) of S1 and
 * G1; policy 1 "工业扶持" of 2024, each step 5 working days, every step G1's. */
static int setup(void **state)
{
	struct sf *f = xcalloc(1, sizeof(*f));
	struct policy pol;
	int64_t d, s, g;
	int k;

	sf_open(f, "test_funds_act");
	assert_int_equal(store_begin(f->st), BL_OK);
	d = sf_unit(f, "D", "区", UNIT_DISTRICT, 0);
	s = sf_unit(f, "S1", "甲街道", UNIT_SECTION, d);
	g = sf_unit(f, "G1", "工信局", UNIT_DEPARTMENT, d);
	assert_int_equal(sf_project(f, "P1", s, g), 1);
	policy_init(&pol);
	pol.name = xstrdup("工业扶持");
	pol.kind = POLICY_MAJOR_INDUSTRIAL;
	pol.year = 2024;
	for (k = 0; k < FS__MAX; k++) {
		pol.limit[k] = k == FS_APPLY ? 0 : 5;
		pol.owner[k] = g;
	}
	assert_int_equal(store_policy_put(f->st, &pol), BL_OK);
	assert_int_equal(pol.id, 1);
	policy_release(&pol);
	assert_int_equal(store_commit(f->st), BL_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct sf *f = *state;

	sf_close(f);
	free(f);
	return 0;
}

/* 甲公司's application of 100 yuan to policy_id on 2024-10-08, of P1. */
static void application_of(struct application *a, int64_t policy_id)
{
	application_init(a);
	a->company = xstrdup("甲公司");
	a->uscc = xstrdup("91320200MA1MXXKL5U");
	a->project_id = 1;
	a->policy_id = policy_id;
	a->amount = 100;
	a->applied_on = D(2024, 10, 8);
}

static void result_is(const struct fund_result *res, enum wf_outcome outcome, enum bl_err err,
		      const char *field, const char *msg)
{
	assert_int_equal(res->outcome, outcome);
	assert_int_equal(res->err, err);
	if (field)
		assert_string_equal(res->field, field);
	else
		assert_null(res->field);
	assert_string_equal(res->msg, msg);
}

static int count_one(void *ctx, const struct application *a)
{
	(void)a;
	++*(int *)ctx;
	return 0;
}

/* How many applications are stored; and the store takes a transaction (the
 * call before left none open). */
static int stored(struct sf *f)
{
	int n = 0;

	assert_int_equal(store_applications_each(f->st, count_one, &n), BL_OK);
	assert_int_equal(store_begin(f->st), BL_OK);
	store_rollback(f->st);
	return n;
}

/* Application id's status and version as stored. */
static void stored_as(struct sf *f, int64_t id, enum fund_status status, int64_t version)
{
	struct application a;

	application_init(&a);
	assert_int_equal(store_application_get(f->st, id, &a), BL_OK);
	assert_int_equal(a.status, status);
	assert_int_equal(a.version, version);
	application_release(&a);
}

/* Enter 甲公司's application (id 1); the same again is a duplicate. */
static void enter_one(struct sf *f)
{
	struct fund_result res;
	struct application a;

	application_of(&a, 1);
	fund_enter(f->st, &admin, &a, &res);
	result_is(&res, WFO_OK, BL_OK, NULL, "");
	assert_int_equal(a.id, 1);
	assert_int_equal(a.version, 1);
	assert_int_equal(a.status, FST_APPLIED);
	application_release(&a);
	stored_as(f, 1, FST_APPLIED, 1);
}

static void test_enter(void **state)
{
	struct sf *f = *state;
	struct fund_result res;
	struct application a;

	enter_one(f);
	assert_int_equal(stored(f), 1);
	/* the same company, policy and day: the store refuses the insert (it
	 * looks the key up first: no insert is tried, so no id is used up) */
	application_of(&a, 1);
	fund_enter(f->st, &admin, &a, &res);
	result_is(&res, WFO_OK, BL_ECONFLICT, NULL,
		  "insert application: application 1 has this company code, policy and day "
		  "already");
	application_release(&a);
	assert_int_equal(stored(f), 1);
	/* the rules after the table: an amount of 0 */
	application_of(&a, 1);
	a.amount = 0;
	a.applied_on = D(2024, 10, 9);
	fund_enter(f->st, &admin, &a, &res);
	result_is(&res, WFO_OK, BL_EINVAL, "amount", "must be more than 0");
	application_release(&a);
	assert_int_equal(stored(f), 1);
	/* after those failures, one that goes through says nothing (the store
	 * keeps its last error's sentence: it is not the result's) */
	application_of(&a, 1);
	a.applied_on = D(2024, 10, 10);
	fund_enter(f->st, &admin, &a, &res);
	result_is(&res, WFO_OK, BL_OK, NULL, "");
	assert_int_equal(a.id, 2);
	application_release(&a);
	assert_int_equal(stored(f), 2);
}

/* A policy that is not there: the store's answer, not the table's. */
static void test_enter_no_policy(void **state)
{
	struct sf *f = *state;
	struct fund_result res;
	struct application a;

	application_of(&a, 99);
	fund_enter(f->st, &admin, &a, &res);
	result_is(&res, WFO_UNSEEN, BL_ENOTFOUND, NULL, "no policy 99");
	assert_int_equal(a.id, 0);
	application_release(&a);
	assert_int_equal(stored(f), 0);
}

/* store_begin fails (a transaction is already open on the connection):
 * the store's error, and nothing entered. */
static void test_enter_begin_fails(void **state)
{
	struct sf *f = *state;
	struct fund_result res;
	struct application a;

	application_of(&a, 1);
	assert_int_equal(store_begin(f->st), BL_OK);
	fund_enter(f->st, &admin, &a, &res);
	result_is(&res, WFO_OK, BL_EDB, NULL,
		  "begin: cannot start a transaction within a transaction");
	assert_int_equal(a.id, 0);
	application_release(&a);
	store_rollback(f->st);
	assert_int_equal(stored(f), 0);
}

static void test_step(void **state)
{
	struct sf *f = *state;
	struct fund_change c = { D(2024, 10, 9), 0, NULL };
	struct application now;
	struct fund_result res;

	enter_one(f);
	fund_step(f->st, &admin, 1, 1, WA_VERIFY, &c, &now, &res);
	result_is(&res, WFO_OK, BL_OK, NULL, "");
	assert_int_equal(now.id, 1);
	assert_int_equal(now.status, FST_VERIFIED);
	assert_int_equal(now.verified_on, D(2024, 10, 9));
	assert_int_equal(now.version, 2);
	application_release(&now);
	stored_as(f, 1, FST_VERIFIED, 2);
	/* at a version it no longer has: stale; *now is the stored one */
	fund_step(f->st, &admin, 1, 1, WA_CONSULT, &c, &now, &res);
	result_is(&res, WFO_OK, BL_ECONFLICT, NULL,
		  "stale: application 1 is at version 2, not 1");
	assert_int_equal(now.status, FST_VERIFIED);
	assert_int_equal(now.version, 2);
	application_release(&now);
	/* 会商 without an amount: application_next's refusal */
	fund_step(f->st, &admin, 1, 2, WA_CONSULT, &c, &now, &res);
	result_is(&res, WFO_OK, BL_EINVAL, "amount",
		  "the amount approved must be 1 yuan to the amount applied");
	application_release(&now);
	/* a step the table refuses: verify again */
	fund_step(f->st, &admin, 1, 0, WA_VERIFY, &c, &now, &res);
	result_is(&res, WFO_WRONG_STATUS, BL_EPERM, NULL,
		  "this step does not follow from the application's status");
	assert_int_equal(now.version, 2);
	application_release(&now);
	stored_as(f, 1, FST_VERIFIED, 2);
	assert_int_equal(stored(f), 1);
}

/* An application that is not there: unseen, with the store's sentence. */
static void test_step_no_application(void **state)
{
	struct sf *f = *state;
	struct fund_change c = { D(2024, 10, 9), 0, NULL };
	struct application now;
	struct fund_result res;

	fund_step(f->st, &admin, 99, 0, WA_VERIFY, &c, &now, &res);
	result_is(&res, WFO_UNSEEN, BL_ENOTFOUND, NULL, "no application 99");
	assert_int_equal(now.id, 0);
	application_release(&now);
	assert_int_equal(stored(f), 0);
}

/* store_begin fails: the store's error, nothing read, nothing written. */
static void test_step_begin_fails(void **state)
{
	struct sf *f = *state;
	struct fund_change c = { D(2024, 10, 9), 0, NULL };
	struct application now;
	struct fund_result res;

	enter_one(f);
	assert_int_equal(store_begin(f->st), BL_OK);
	fund_step(f->st, &admin, 1, 1, WA_VERIFY, &c, &now, &res);
	result_is(&res, WFO_OK, BL_EDB, NULL,
		  "begin: cannot start a transaction within a transaction");
	assert_int_equal(now.id, 0);
	application_release(&now);
	store_rollback(f->st);
	stored_as(f, 1, FST_APPLIED, 1);
}

/* The database refuses the step's write: the store's error, *now the
 * application as it was, nothing written. */
static void test_step_write_refused(void **state)
{
	struct sf *f = *state;
	struct fund_change c = { D(2024, 10, 9), 0, NULL };
	struct application now;
	struct fund_result res;

	enter_one(f);
	sf_sql(f, "CREATE TRIGGER refuse BEFORE UPDATE ON applications"
		  " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
	fund_step(f->st, &admin, 1, 1, WA_VERIFY, &c, &now, &res);
	result_is(&res, WFO_OK, BL_ECONFLICT, NULL, "update application: refused by the test");
	assert_int_equal(now.id, 1);
	assert_int_equal(now.status, FST_APPLIED);
	assert_int_equal(now.version, 1);
	application_release(&now);
	stored_as(f, 1, FST_APPLIED, 1);
	assert_int_equal(stored(f), 1);
	/* the trigger gone, the same step goes through and says nothing */
	sf_sql(f, "DROP TRIGGER refuse");
	fund_step(f->st, &admin, 1, 1, WA_VERIFY, &c, &now, &res);
	result_is(&res, WFO_OK, BL_OK, NULL, "");
	assert_int_equal(now.version, 2);
	application_release(&now);
	stored_as(f, 1, FST_VERIFIED, 2);
}

/* The policies cannot be read (their table is gone): the store's error,
 * nothing written. */
static void test_step_policy_unreadable(void **state)
{
	struct sf *f = *state;
	struct fund_change c = { D(2024, 10, 9), 0, NULL };
	struct application now;
	struct fund_result res;

	enter_one(f);
	sf_sql(f, "PRAGMA foreign_keys = OFF; ALTER TABLE policies RENAME TO policies_gone");
	fund_step(f->st, &admin, 1, 1, WA_VERIFY, &c, &now, &res);
	result_is(&res, WFO_OK, BL_EDB, NULL, "read policy: no such table: policies");
	application_release(&now);
	stored_as(f, 1, FST_APPLIED, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_enter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enter_no_policy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enter_begin_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_step_no_application, setup, teardown),
		cmocka_unit_test_setup_teardown(test_step_begin_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_step_write_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_step_policy_unreadable, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
