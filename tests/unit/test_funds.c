/* test_funds.c — policy fulfilment (src/core/funds.c and core/workflow.c's
 * WF_FUND): the workflow table walked against DOMAIN.md §7 written out by
 * hand, every step and its refusals (pay before 核实, pay more than approved,
 * a day before the step before, a rejection without a reason), partial
 * payments, the state on past days, and the day a step goes overdue counted
 * in working days on the official 2024 calendar (worked out in comments). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/funds.h"
#include "core/workflow.h"
#include "fixture.h"

#define UNCH WF_UNCHANGED

/* ---- the table, by hand ---- */

struct cell {
	enum wf_outcome outcome;
	int to;
};
enum { OFF, OWN_, N_PARTY };
#define N_ACT 6
static const enum wf_action acts[N_ACT] = { WA_SAVE, WA_VERIFY, WA_CONSULT, WA_PAY,
					    WA_REJECT, WA_IMPORT };
#define OK(s) { WFO_OK, s }
#define WRONG { WFO_WRONG_STATUS, 0 }
#define FORB { WFO_FORBIDDEN, 0 }
#define LOCK { WFO_LOCKED, 0 }

/* spec[from + 1][action][party]: none, applied, verified, consulted, paying,
 * paid, rejected. Own = the department owning the step waited for. */
static const struct cell spec[FST__MAX + 1][N_ACT][N_PARTY] = {
	/* none: 申领 by the receiving department or the office */
	{ { OK(FST_APPLIED), OK(FST_APPLIED) }, { WRONG, WRONG }, { WRONG, WRONG },
	  { WRONG, WRONG }, { WRONG, WRONG }, { OK(FST_APPLIED), FORB } },
	/* applied */
	{ { OK(UNCH), FORB }, { OK(FST_VERIFIED), OK(FST_VERIFIED) }, { WRONG, WRONG },
	  { WRONG, WRONG } /* pay before 核实 */, { OK(FST_REJECTED), OK(FST_REJECTED) },
	  { OK(UNCH), FORB } },
	/* verified */
	{ { OK(UNCH), FORB }, { WRONG, WRONG }, { OK(FST_CONSULTED), OK(FST_CONSULTED) },
	  { WRONG, WRONG } /* pay before 会商 */, { OK(FST_REJECTED), OK(FST_REJECTED) },
	  { OK(UNCH), FORB } },
	/* consulted */
	{ { OK(UNCH), FORB }, { WRONG, WRONG }, { WRONG, WRONG },
	  { OK(FST_PAYING), OK(FST_PAYING) }, { OK(FST_REJECTED), OK(FST_REJECTED) },
	  { OK(UNCH), FORB } },
	/* paying: money is out, no edit and no rejection */
	{ { LOCK, FORB }, { WRONG, WRONG }, { WRONG, WRONG },
	  { OK(FST_PAYING), OK(FST_PAYING) }, { WRONG, WRONG }, { OK(UNCH), FORB } },
	/* paid */
	{ { LOCK, FORB }, { WRONG, WRONG }, { WRONG, WRONG }, { WRONG, WRONG },
	  { WRONG, WRONG }, { OK(UNCH), FORB } },
	/* rejected */
	{ { LOCK, FORB }, { WRONG, WRONG }, { WRONG, WRONG }, { WRONG, WRONG },
	  { WRONG, WRONG }, { OK(UNCH), FORB } },
};

/* Every status × action × role × sight: office roles act as OFF whatever
 * the sight; a department acts as OWN_ when it owns the step, is refused
 * (403) when it only sees it; the others never act (403); unseen is 404
 * for a role that may act at all. A reject without a reason is 400 first. */
static void test_every_cell(void **state)
{
	int from, k, r, sight, bad = 0;

	(void)state;
	for (from = WF_NONE; from < FST__MAX; from++)
		for (k = 0; k < N_ACT; k++)
			for (r = 0; r < ROLE__MAX; r++)
				for (sight = WF_UNSEEN; sight <= WF_OWNS; sight++) {
					struct wf_request q = { WF_FUND, from, acts[k], (enum role)r,
								(enum wf_sight)sight, "理由" };
					int office = r == ROLE_ADMIN || r == ROLE_COORDINATOR;
					int dept = r == ROLE_DEPARTMENT, to = -9;
					struct cell want = { WFO_FORBIDDEN, 0 };
					enum wf_outcome got;

					if (office || (dept && acts[k] != WA_IMPORT)) {
						if (sight == WF_UNSEEN)
							want.outcome = WFO_UNSEEN;
						else if (office)
							want = spec[from + 1][k][OFF];
						else if (sight == WF_OWNS)
							want = spec[from + 1][k][OWN_];
					}
					got = workflow_decide(&q, &to, NULL);
					if (got != want.outcome ||
					    (got == WFO_OK && to != want.to)) {
						print_error("from %d %s by %s sight %d: got %s %d\n",
							    from, wf_action_keys[acts[k]], role_keys[r],
							    sight, wf_outcome_keys[got], to);
						bad++;
					}
				}
	assert_int_equal(bad, 0);
}

static void test_reject_needs_reason(void **state)
{
	struct wf_request q = { WF_FUND, FST_APPLIED, WA_REJECT, ROLE_DEPARTMENT, WF_OWNS, NULL };

	(void)state;
	assert_int_equal(workflow_decide(&q, NULL, NULL), WFO_NEED_REASON);
	q.reason = "";
	assert_int_equal(workflow_decide(&q, NULL, NULL), WFO_NEED_REASON);
	q.role = ROLE_COORDINATOR;
	q.sight = WF_SEEN;
	assert_int_equal(workflow_decide(&q, NULL, NULL), WFO_NEED_REASON);
}

/* ---- the records ---- */

#define D fx_day
#define WAN(x) ((int64_t)(x) * 10000)

static struct workcal_day days[WORKCAL_OFFICIAL_MAX];
static struct workcal cal;
static struct policy pol;

static int setup(void **state)
{
	(void)state;
	cal.n = workcal_official(2024, days, WORKCAL_OFFICIAL_MAX);
	cal.days = days;
	policy_init(&pol);
	pol.name = xstrdup("重大产业项目扶持专项资金（2024年）");
	pol.kind = POLICY_MAJOR_INDUSTRIAL;
	pol.year = 2024;
	pol.limit[FS_VERIFY] = 5;
	pol.limit[FS_CONSULT] = 10;
	pol.limit[FS_PAY] = 15;
	pol.owner[FS_APPLY] = pol.owner[FS_VERIFY] = 5; /* 工信 */
	pol.owner[FS_CONSULT] = 6;                       /* 发改 */
	pol.owner[FS_PAY] = 7;                           /* 财政 */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	policy_release(&pol);
	return 0;
}

/* 100 万元 applied on Fri 2024-09-20; the USCC's check character U is GB
 * 32100's (Σ value·3^(i-1) mod 31 = 4 over the first 17, 31 − 4 = 27 → U). */
static void fresh(struct application *a)
{
	application_init(a);
	a->company = xstrdup("无锡某某微电子有限公司");
	a->uscc = xstrdup("91320200MA1MXXKL5U");
	a->policy_id = 1;
	a->amount = WAN(100);
	a->applied_on = D(2024, 9, 20);
}

/* One step on *a, which becomes the result; returns the refusal or NULL. */
static const char *step(struct application *a, int act, bl_day on, int64_t yuan,
			const char *reason, const char **field)
{
	struct fund_change c = { on, yuan, reason };
	struct application next;
	const char *why = application_next(a, act, &c, &next, field);

	if (!why) {
		application_release(a);
		*a = next;
	}
	return why;
}

static void test_policy_problem(void **state)
{
	const char *field;

	(void)state;
	assert_null(policy_problem(&pol, &field));
	pol.limit[FS_CONSULT] = 0;
	assert_string_equal(policy_problem(&pol, &field), "time limit not 1-250 working days");
	assert_string_equal(field, "consult");
	pol.limit[FS_CONSULT] = 251;
	assert_non_null(policy_problem(&pol, &field));
	pol.limit[FS_CONSULT] = 10;
	pol.owner[FS_PAY] = 0;
	assert_string_equal(policy_problem(&pol, &field), "no owner unit");
	assert_string_equal(field, "pay");
	pol.owner[FS_PAY] = 7;
	pol.year = 1999;
	assert_string_equal(policy_problem(&pol, &field), "not a year 2000-2099");
	pol.year = 2024;
}

/* Every step in order, with its refusals on the way. */
static void test_steps_and_refusals(void **state)
{
	struct application a;
	const char *field;

	(void)state;
	fresh(&a);
	assert_null(application_problem(&a, &field));
	/* a day before the application */
	assert_string_equal(step(&a, WA_VERIFY, D(2024, 9, 19), 0, NULL, &field),
			    "before the step before");
	assert_string_equal(field, "on");
	assert_null(step(&a, WA_VERIFY, D(2024, 9, 30), 0, NULL, &field));
	assert_int_equal(a.status, FST_VERIFIED);
	assert_int_equal(a.verified_on, D(2024, 9, 30));
	/* 会商 approves 1 yuan … the amount applied */
	assert_string_equal(step(&a, WA_CONSULT, D(2024, 10, 22), WAN(100) + 1, NULL, &field),
			    "the amount approved must be 1 yuan to the amount applied");
	assert_string_equal(field, "amount");
	assert_non_null(step(&a, WA_CONSULT, D(2024, 10, 22), 0, NULL, &field));
	assert_null(step(&a, WA_CONSULT, D(2024, 10, 22), WAN(80), NULL, &field));
	assert_int_equal(a.status, FST_CONSULTED);
	assert_int_equal(a.approved, 800000);
	/* partial payments: 30 万 then 50 万 of the 80 万 approved */
	assert_null(step(&a, WA_PAY, D(2024, 11, 1), WAN(30), NULL, &field));
	assert_int_equal(a.status, FST_PAYING);
	assert_string_equal(step(&a, WA_PAY, D(2024, 11, 20), WAN(50) + 1, NULL, &field),
			    "more than the amount approved still unpaid");
	assert_string_equal(step(&a, WA_PAY, D(2024, 11, 20), 0, NULL, &field),
			    "a payment must be more than 0");
	assert_string_equal(step(&a, WA_PAY, D(2024, 10, 31), WAN(10), NULL, &field),
			    "before the step before"); /* before the payment before */
	assert_null(step(&a, WA_PAY, D(2024, 11, 20), WAN(50), NULL, &field));
	assert_int_equal(a.status, FST_PAID);
	assert_int_equal(a.n_payments, 2);
	assert_null(application_problem(&a, &field));
	/* the table refuses any step of a paid application */
	{
		struct wf_request q = { WF_FUND, FST_PAID, WA_PAY, ROLE_ADMIN, WF_SEEN, NULL };

		assert_int_equal(workflow_decide(&q, NULL, NULL), WFO_WRONG_STATUS);
	}
	application_release(&a);
}

static void test_reject(void **state)
{
	struct application a;
	const char *field;

	(void)state;
	fresh(&a);
	assert_string_equal(step(&a, WA_REJECT, D(2024, 9, 25), 0, NULL, &field),
			    "a rejection needs a reason of 1-2000 characters");
	assert_string_equal(field, "reason");
	assert_null(step(&a, WA_REJECT, D(2024, 9, 25), 0, "不符合申报条件：投资额未达门槛", &field));
	assert_int_equal(a.status, FST_REJECTED);
	assert_string_equal(a.reason, "不符合申报条件：投资额未达门槛");
	assert_null(application_problem(&a, &field));
	application_release(&a);
}

static void test_problems(void **state)
{
	struct application a;
	const char *field;

	(void)state;
	fresh(&a);
	free(a.uscc);
	a.uscc = xstrdup("91320200MA1MXXKL5"); /* 17 characters */
	assert_string_equal(application_problem(&a, &field), "not 18 characters");
	assert_string_equal(field, "uscc");
	free(a.uscc);
	a.uscc = xstrdup("91320200MA1MXXKL5T"); /* a wrong check character only warns */
	assert_null(application_problem(&a, &field));
	a.amount = 0;
	assert_string_equal(application_problem(&a, &field), "must be more than 0");
	a.amount = WAN(100);
	a.consulted_on = D(2024, 10, 1); /* 会商 without 核实 */
	a.approved = WAN(10);
	assert_string_equal(application_problem(&a, &field),
			    "a step's date without the date of the step before");
	assert_string_equal(field, "consulted_on");
	a.verified_on = D(2024, 10, 2); /* after 会商 */
	assert_string_equal(application_problem(&a, &field), "before the step before");
	a.verified_on = D(2024, 9, 30);
	assert_null(application_problem(&a, &field));
	application_add_payment(&a, D(2024, 10, 8), WAN(10) + 1);
	assert_string_equal(application_problem(&a, &field), "more than the amount approved");
	a.payments[0].yuan = WAN(10);
	a.payments[0].on = D(2024, 9, 30);
	assert_string_equal(application_problem(&a, &field), "before 会商 or the payment before");
	application_release(&a);
}

/* The state on past days follows the dates: applied 9/20, verified 9/30,
 * consulted 10/22 (80 万), paid 30 万 on 11/1 and 50 万 on 11/20. */
static void test_state_on_a_day(void **state)
{
	struct application a;
	struct fund_state s;

	(void)state;
	fresh(&a);
	a.verified_on = D(2024, 9, 30);
	a.consulted_on = D(2024, 10, 22);
	a.approved = WAN(80);
	application_add_payment(&a, D(2024, 11, 1), WAN(30));
	application_add_payment(&a, D(2024, 11, 20), WAN(50));
	assert_int_equal(application_at(&a, D(2024, 9, 19), &s), 0);
	assert_int_equal(application_at(&a, D(2024, 9, 20), &s), 1);
	assert_int_equal(s.status, FST_APPLIED);
	assert_int_equal(s.pending, FS_VERIFY);
	assert_int_equal(application_at(&a, D(2024, 10, 21), &s), 1);
	assert_int_equal(s.status, FST_VERIFIED);
	assert_int_equal(s.since, D(2024, 9, 30));
	assert_int_equal(application_at(&a, D(2024, 10, 31), &s), 1);
	assert_int_equal(s.status, FST_CONSULTED);
	assert_int_equal(application_at(&a, D(2024, 11, 19), &s), 1);
	assert_int_equal(s.status, FST_PAYING);
	assert_int_equal(s.paid, 300000);
	assert_int_equal(s.pending, FS_PAY);
	assert_int_equal(application_at(&a, D(2024, 11, 20), &s), 1);
	assert_int_equal(s.status, FST_PAID);
	assert_int_equal(s.paid, 800000);
	assert_int_equal(s.pending, -1);
	application_release(&a);
}

/* 核实 may take 5 working days after Fri 9/20: 9/23, 9/24, 9/25, 9/26, 9/27 —
 * due Fri 9/27. Sat 9/28 adds none; Sun 9/29 is a 调休 working day (the 6th):
 * overdue by 1 on that Sunday. Without 调休 it would be Mon 9/30. */
static void test_overdue_on_the_exact_day(void **state)
{
	struct application a;
	struct fund_clock c;

	(void)state;
	fresh(&a);
	assert_int_equal(application_clock(&a, &pol, &cal, D(2024, 9, 19), &c), -1);
	assert_int_equal(application_clock(&a, &pol, &cal, D(2024, 9, 27), &c), 0);
	assert_int_equal(c.step, FS_VERIFY);
	assert_int_equal(c.due, D(2024, 9, 27));
	assert_int_equal(c.used, 5);
	assert_int_equal(c.owner, 5);
	assert_int_equal(application_clock(&a, &pol, &cal, D(2024, 9, 28), &c), 0);
	assert_int_equal(application_clock(&a, &pol, &cal, D(2024, 9, 29), &c), 1);
	assert_int_equal(c.late, 1);
	assert_int_equal(c.used, 6);
	assert_int_equal(application_clock(&a, &pol, NULL, D(2024, 9, 29), &c), 0);
	assert_int_equal(application_clock(&a, &pol, NULL, D(2024, 9, 30), &c), 1);
	/* 10/8: 9/23–9/27 (5), 9/29, 9/30, (国庆 10/1–10/7), 10/8 → used 8, late 3 */
	assert_int_equal(application_clock(&a, &pol, &cal, D(2024, 10, 8), &c), 1);
	assert_int_equal(c.used, 8);
	assert_int_equal(c.late, 3);
	application_release(&a);
}

/* 会商 may take 10 working days after Mon 9/30 (verified): 10/8, 10/9, 10/10,
 * 10/11, Sat 10/12 (调休), 10/14, 10/15, 10/16, 10/17, 10/18 — due Fri 10/18;
 * overdue on Mon 10/21, not on the weekend between. 拨付 may take 15 after
 * Tue 10/22: 10/23–10/25 (3), 10/28–11/1 (8), 11/4–11/8 (13), 11/11, 11/12
 * (15) — due 11/12; a partial payment on 11/1 does not stop the clock:
 * overdue on 11/13 with 30 万 paid, until the rest is paid on 11/20. */
static void test_overdue_later_steps(void **state)
{
	struct application a;
	struct fund_clock c;

	(void)state;
	fresh(&a);
	a.verified_on = D(2024, 9, 30);
	assert_int_equal(application_clock(&a, &pol, &cal, D(2024, 10, 18), &c), 0);
	assert_int_equal(c.step, FS_CONSULT);
	assert_int_equal(c.due, D(2024, 10, 18));
	assert_int_equal(c.owner, 6);
	assert_int_equal(application_clock(&a, &pol, &cal, D(2024, 10, 20), &c), 0);
	assert_int_equal(application_clock(&a, &pol, &cal, D(2024, 10, 21), &c), 1);
	assert_int_equal(c.late, 1);
	a.consulted_on = D(2024, 10, 22);
	a.approved = WAN(80);
	application_add_payment(&a, D(2024, 11, 1), WAN(30));
	assert_int_equal(application_clock(&a, &pol, &cal, D(2024, 11, 12), &c), 0);
	assert_int_equal(c.step, FS_PAY);
	assert_int_equal(c.due, D(2024, 11, 12));
	assert_int_equal(c.owner, 7);
	assert_int_equal(application_clock(&a, &pol, &cal, D(2024, 11, 13), &c), 1);
	assert_int_equal(c.late, 1);
	assert_int_equal(application_clock(&a, &pol, &cal, D(2024, 11, 19), &c), 1);
	assert_int_equal(c.late, 5); /* 11/13, 14, 15, 18, 19 */
	application_add_payment(&a, D(2024, 11, 20), WAN(50));
	assert_int_equal(application_clock(&a, &pol, &cal, D(2024, 11, 20), &c), 0);
	assert_int_equal(c.step, -1);
	application_release(&a);
}

/* The checks of a stored application, one rule at a time (DOMAIN.md §7):
 * no application day, a payment of 0, a payment on the 会商 day itself (the
 * earliest allowed) and the day before, an amount approved without 会商, a
 * rejection without a reason, a rejection after a payment. */
static void test_problems_each_rule(void **state)
{
	struct application a;
	const char *field;

	(void)state;
	fresh(&a);
	a.applied_on = DAY_NONE;
	assert_string_equal(application_problem(&a, &field), "missing");
	assert_string_equal(field, "applied_on");
	a.applied_on = D(2024, 9, 20);
	a.approved = WAN(10); /* no 会商 */
	assert_string_equal(application_problem(&a, &field),
			    "an amount approved without 会商 (consulted)");
	assert_string_equal(field, "approved");
	a.verified_on = D(2024, 9, 30);
	a.consulted_on = D(2024, 10, 22);
	assert_null(application_problem(&a, &field));
	/* paid on the 会商 day: allowed; the day before: refused */
	application_add_payment(&a, D(2024, 10, 22), WAN(4));
	assert_null(application_problem(&a, &field));
	a.payments[0].on = D(2024, 10, 21);
	assert_string_equal(application_problem(&a, &field), "before 会商 or the payment before");
	assert_string_equal(field, "paid_on");
	a.payments[0].on = D(2024, 10, 22);
	/* a second payment on the day of the first: allowed */
	application_add_payment(&a, D(2024, 10, 22), WAN(6));
	assert_null(application_problem(&a, &field));
	a.payments[1].yuan = 0;
	assert_string_equal(application_problem(&a, &field), "a payment must be more than 0");
	assert_string_equal(field, "paid");
	a.payments[1].yuan = -1;
	assert_string_equal(application_problem(&a, &field), "a payment must be more than 0");
	a.payments[1].yuan = 1;
	assert_null(application_problem(&a, &field));
	/* rejected after a payment */
	a.rejected_on = D(2024, 10, 23);
	a.reason = xstrdup("退回");
	assert_string_equal(application_problem(&a, &field), "rejected after a payment");
	assert_string_equal(field, "paid");
	application_release(&a);
	/* a rejection without a reason; with one on the day of 核实 */
	fresh(&a);
	a.verified_on = D(2024, 9, 30);
	a.rejected_on = D(2024, 9, 30);
	assert_string_equal(application_problem(&a, &field),
			    "a rejection needs a reason of 1-2000 characters");
	assert_string_equal(field, "reason");
	a.reason = xstrdup("不符合条件");
	assert_null(application_problem(&a, &field));
	a.rejected_on = D(2024, 9, 29);
	assert_string_equal(application_problem(&a, &field), "before the step before");
	assert_string_equal(field, "rejected_on");
	application_release(&a);
}

/* A step counts from its own day: verified on 9/30 is verified that day,
 * not on 9/29; rejected on 10/8 is rejected that day. The status "after
 * every step" sees a step on 2999-12-31, the last day ballast knows. */
static void test_state_on_the_step_day(void **state)
{
	struct application a;
	struct fund_state s;

	(void)state;
	fresh(&a);
	a.verified_on = D(2024, 9, 30);
	a.rejected_on = D(2024, 10, 8);
	a.reason = xstrdup("不符合条件");
	assert_int_equal(application_at(&a, D(2024, 9, 29), &s), 1);
	assert_int_equal(s.status, FST_APPLIED);
	assert_int_equal(s.since, D(2024, 9, 20));
	assert_int_equal(application_at(&a, D(2024, 9, 30), &s), 1);
	assert_int_equal(s.status, FST_VERIFIED);
	assert_int_equal(s.pending, FS_CONSULT);
	assert_int_equal(s.since, D(2024, 9, 30));
	assert_int_equal(application_at(&a, D(2024, 10, 7), &s), 1);
	assert_int_equal(s.status, FST_VERIFIED);
	assert_int_equal(application_at(&a, D(2024, 10, 8), &s), 1);
	assert_int_equal(s.status, FST_REJECTED);
	assert_int_equal(s.pending, -1);
	assert_int_equal(application_status(&a), FST_REJECTED);
	a.rejected_on = DAY_NONE;
	a.verified_on = D(2999, 12, 31);
	assert_int_equal(application_status(&a), FST_VERIFIED);
	a.verified_on = DAY_NONE;
	assert_int_equal(application_status(&a), FST_APPLIED);
	application_release(&a);
}

/* A policy's name is checked first: missing, then empty. */
static void test_policy_name(void **state)
{
	struct policy p = pol;
	char blank[] = "  ", name[] = "上市奖励";
	const char *field;

	(void)state;
	p.name = NULL;
	assert_string_equal(policy_problem(&p, &field), "missing");
	assert_string_equal(field, "name");
	p.name = blank;
	assert_string_equal(policy_problem(&p, &field), "empty");
	assert_string_equal(field, "name");
	p.name = name;
	p.kind = POLICY_KIND__MAX;
	assert_string_equal(policy_problem(&p, &field), "not a policy kind");
	assert_string_equal(field, "kind");
	p.kind = POLICY_LISTING;
	p.year = 2100;
	assert_string_equal(policy_problem(&p, &field), "not a year 2000-2099");
	p.year = 2099;
	assert_null(policy_problem(&p, &field));
	assert_null(field);
	p.limit[FS_VERIFY] = FUND_LIMIT_MAX;
	p.limit[FS_PAY] = 1;
	assert_null(policy_problem(&p, &field));
	p.limit[FS_PAY] = FUND_LIMIT_MAX + 1;
	assert_string_equal(policy_problem(&p, &field), "time limit not 1-250 working days");
	assert_string_equal(field, "pay");
	p.limit[FS_PAY] = 1;
	p.owner[FS_APPLY] = 0;
	assert_string_equal(policy_problem(&p, &field), "no owner unit");
	assert_string_equal(field, "apply");
}

static void test_texts(void **state)
{
	(void)state;
	assert_int_equal(policy_kind_from_text("专精特新"), POLICY_SPECIALISED);
	assert_int_equal(policy_kind_from_text("listing"), POLICY_LISTING);
	assert_int_equal(policy_kind_from_text("上市"), -1);
	assert_int_equal(fund_step_from_text("会商"), FS_CONSULT);
	assert_int_equal(fund_status_from_text("部分拨付"), FST_PAYING);
	assert_int_equal(fund_status_from_text("rejected"), FST_REJECTED);
	assert_int_equal(fund_status_step(FST_PAYING), FS_PAY);
	assert_int_equal(fund_status_step(FST_PAID), -1);
}

/* A department owns the record when it owns the step waited for. */
static void test_sight(void **state)
{
	struct actor gx = { 1, "gx", ROLE_DEPARTMENT, 5 }, fg = { 2, "fg", ROLE_DEPARTMENT, 6 };
	struct actor zj = { 3, "zj", ROLE_DEPARTMENT, 8 }, co = { 4, "co", ROLE_COORDINATOR, 0 };
	struct dataset ds;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	assert_int_equal(workflow_fund_sight(&gx, &ds, NULL, &pol, WF_NONE), WF_OWNS);
	assert_int_equal(workflow_fund_sight(&gx, &ds, NULL, &pol, FST_APPLIED), WF_OWNS);
	assert_int_equal(workflow_fund_sight(&gx, &ds, NULL, &pol, FST_VERIFIED), WF_SEEN);
	assert_int_equal(workflow_fund_sight(&fg, &ds, NULL, &pol, FST_APPLIED), WF_SEEN);
	assert_int_equal(workflow_fund_sight(&fg, &ds, NULL, &pol, FST_VERIFIED), WF_OWNS);
	assert_int_equal(workflow_fund_sight(&fg, &ds, NULL, &pol, FST_PAID), WF_SEEN);
	assert_int_equal(workflow_fund_sight(&zj, &ds, NULL, &pol, FST_APPLIED), WF_UNSEEN);
	assert_int_equal(workflow_fund_sight(&co, &ds, NULL, &pol, FST_APPLIED), WF_SEEN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_cell),
		cmocka_unit_test(test_reject_needs_reason),
		cmocka_unit_test(test_policy_problem),
		cmocka_unit_test(test_steps_and_refusals),
		cmocka_unit_test(test_reject),
		cmocka_unit_test(test_problems),
		cmocka_unit_test(test_state_on_a_day),
		cmocka_unit_test(test_overdue_on_the_exact_day),
		cmocka_unit_test(test_overdue_later_steps),
		cmocka_unit_test(test_problems_each_rule),
		cmocka_unit_test(test_state_on_the_step_day),
		cmocka_unit_test(test_policy_name),
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_sight),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
