/* test_workflow.c — unit tests of src/core/workflow.c. The report workflow's
 * whole table is walked (every from-status and none × action × role × how the
 * caller stands to the report × reason given or not) against DOMAIN.md §3
 * written out again here by hand, not read from the C table; then the table's
 * own sanity (no two rows for one cell, the same roles as access.c), the
 * from-masks the store is given, the import's status, the reason's length in
 * characters and how a caller stands to a project. The items' table and the
 * issued plan's two tables (a plan change, an actual date entered after the
 * issue) are walked the same way against DOMAIN.md written out by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/changes.h"
#include "core/funds.h"
#include "core/items.h"
#include "core/leads.h"
#include "core/workflow.h"
#include "fixture.h"

#define N_FROM (REPORT_STATUS__MAX + 1) /* none, then each status */
#define UNCH WF_UNCHANGED

/* ---- DOMAIN.md §3, by hand ---- */

/* What the spec's table says for one party. */
struct cell {
	enum wf_outcome outcome;
	int to; /* when WFO_OK */
};

enum party { OFFICE, OWN, N_PARTY };

/* spec[from + 1][action][party]; from -1 is "no report yet". A return
 * without a reason is handled before this table (400 first). */
static const struct cell spec[N_FROM][WA__MAX][N_PARTY] = {
	/* — (none) */
	{
		[WA_SAVE] = { { WFO_OK, REPORT_DRAFT }, { WFO_OK, REPORT_DRAFT } },
		[WA_SUBMIT] = { { WFO_SKIP, 0 }, { WFO_SKIP, 0 } },
		[WA_VERIFY] = { { WFO_WRONG_STATUS, 0 }, { WFO_FORBIDDEN, 0 } },
		[WA_RETURN] = { { WFO_WRONG_STATUS, 0 }, { WFO_FORBIDDEN, 0 } },
		[WA_IMPORT] = { { WFO_OK, REPORT_VERIFIED }, { WFO_FORBIDDEN, 0 } },
	},
	/* draft */
	{
		[WA_SAVE] = { { WFO_OK, UNCH }, { WFO_OK, REPORT_DRAFT } },
		[WA_SUBMIT] = { { WFO_OK, REPORT_SUBMITTED }, { WFO_OK, REPORT_SUBMITTED } },
		[WA_VERIFY] = { { WFO_WRONG_STATUS, 0 }, { WFO_FORBIDDEN, 0 } },
		[WA_RETURN] = { { WFO_WRONG_STATUS, 0 }, { WFO_FORBIDDEN, 0 } },
		[WA_IMPORT] = { { WFO_OK, REPORT_VERIFIED }, { WFO_FORBIDDEN, 0 } },
	},
	/* submitted */
	{
		[WA_SAVE] = { { WFO_OK, UNCH }, { WFO_LOCKED, 0 } },
		[WA_SUBMIT] = { { WFO_SKIP, 0 }, { WFO_SKIP, 0 } },
		[WA_VERIFY] = { { WFO_OK, REPORT_VERIFIED }, { WFO_FORBIDDEN, 0 } },
		[WA_RETURN] = { { WFO_OK, REPORT_RETURNED }, { WFO_FORBIDDEN, 0 } },
		[WA_IMPORT] = { { WFO_OK, REPORT_VERIFIED }, { WFO_FORBIDDEN, 0 } },
	},
	/* verified */
	{
		[WA_SAVE] = { { WFO_OK, UNCH }, { WFO_LOCKED, 0 } },
		[WA_SUBMIT] = { { WFO_SKIP, 0 }, { WFO_SKIP, 0 } },
		[WA_VERIFY] = { { WFO_WRONG_STATUS, 0 }, { WFO_FORBIDDEN, 0 } },
		[WA_RETURN] = { { WFO_WRONG_STATUS, 0 }, { WFO_FORBIDDEN, 0 } },
		[WA_IMPORT] = { { WFO_OK, REPORT_VERIFIED }, { WFO_FORBIDDEN, 0 } },
	},
	/* returned */
	{
		[WA_SAVE] = { { WFO_OK, UNCH }, { WFO_OK, REPORT_DRAFT } },
		[WA_SUBMIT] = { { WFO_OK, REPORT_SUBMITTED }, { WFO_OK, REPORT_SUBMITTED } },
		[WA_VERIFY] = { { WFO_WRONG_STATUS, 0 }, { WFO_FORBIDDEN, 0 } },
		[WA_RETURN] = { { WFO_WRONG_STATUS, 0 }, { WFO_FORBIDDEN, 0 } },
		[WA_IMPORT] = { { WFO_OK, REPORT_VERIFIED }, { WFO_FORBIDDEN, 0 } },
	},
};

/* "office" = coordinator or admin; "own" = a section user on a project of its
 * subtree; department, leader and auditor change nothing (403). */
static int is_office(enum role r)
{
	return r == ROLE_ADMIN || r == ROLE_COORDINATOR;
}

/* The report's actions: save … import; the later ones are other workflows'. */
#define REPORT_ACTIONS (WA_IMPORT + 1)

/* May the role ever do act (the 403 for "roles that may not")? */
static int role_may(enum role r, enum wf_action act)
{
	if (act >= REPORT_ACTIONS)
		return 0;
	if (is_office(r))
		return 1;
	return r == ROLE_SECTION && (act == WA_SAVE || act == WA_SUBMIT);
}

/* The expected outcome of one question, from the spec and the order the
 * server answers in: 403 for the role, 404 unseen, 400 reason, the table. */
static struct cell expect(int from, enum wf_action act, enum role r, enum wf_sight sight,
			  int reason)
{
	struct cell c = { WFO_FORBIDDEN, 0 };
	int party;

	if (!role_may(r, act))
		return c;
	if (sight == WF_UNSEEN) {
		c.outcome = WFO_UNSEEN;
		return c;
	}
	if (is_office(r))
		party = OFFICE;
	else if (r == ROLE_SECTION && sight == WF_OWNS)
		party = OWN;
	else
		return c;
	if (act == WA_RETURN && !reason) {
		c.outcome = WFO_NEED_REASON;
		return c;
	}
	return spec[from + 1][act][party];
}

static const char *const from_names[N_FROM] = {
	"none", "draft", "submitted", "verified", "returned",
};
static const char *const sight_names[] = { "unseen", "seen", "owns" };

static void test_every_cell_of_the_report_table(void **state)
{
	static const char *const reasons[] = { NULL, "投资额与发票不符" };
	int from, act, r, sight, k, cells = 0, bad = 0;

	(void)state;
	for (from = WF_NONE; from < REPORT_STATUS__MAX; from++)
		for (act = 0; act < WA__MAX; act++)
			for (r = 0; r < ROLE__MAX; r++)
				for (sight = WF_UNSEEN; sight <= WF_OWNS; sight++)
					for (k = 0; k < 2; k++) {
		struct wf_request q = { WF_REPORT, from, (enum wf_action)act, (enum role)r,
					(enum wf_sight)sight, reasons[k] };
		struct cell want = expect(from, (enum wf_action)act, (enum role)r,
					  (enum wf_sight)sight, k);
		int to = 12345;
		enum wf_outcome got = workflow_decide(&q, &to, NULL);

		cells++;
		if (got != want.outcome || (got == WFO_OK && to != want.to) ||
		    (got != WFO_OK && to != WF_UNCHANGED)) {
			fprintf(stderr, "cell from=%s action=%s role=%s sight=%s reason=%d: got %s "
				"to %d, want %s to %d\n", from_names[from + 1], wf_action_keys[act],
				role_keys[r], sight_names[sight], k, wf_outcome_keys[got], to,
				wf_outcome_keys[want.outcome], want.to);
			bad++;
		}
	}
	assert_int_equal(cells, N_FROM * WA__MAX * ROLE__MAX * 3 * 2);
	assert_int_equal(bad, 0);
}

/* The keys the CLI listing and the tests use. */
static void test_keys(void **state)
{
	const struct workflow_def *d = workflow_def(WF_REPORT);
	static const char *const acts[WA__MAX] = {
		"save", "submit", "verify", "return", "import",
		"reply", "answer", "resolve", "close", "reopen", "escalate",
		"propose", "approve", "reject", "withdraw",
		"consult", "pay",
		"advance", "sign", "drop", /* h-leads */
	};
	static const char *const outs[WFO__MAX] = {
		"ok", "skip", "forbidden", "unseen", "reason_required", "locked", "wrong_status",
	};
	int k;

	(void)state;
	for (k = 0; k < WA__MAX; k++)
		assert_string_equal(wf_action_keys[k], acts[k]);
	for (k = 0; k < WFO__MAX; k++)
		assert_string_equal(wf_outcome_keys[k], outs[k]);
	assert_string_equal(wf_party_keys[WP_OFFICE], "office");
	assert_string_equal(wf_party_keys[WP_OWN], "own");
	assert_int_equal(workflow_from_key("report"), WF_REPORT);
	assert_int_equal(workflow_from_key("item"), WF_ITEM);
	assert_int_equal(workflow_from_key("change"), WF_CHANGE);
	assert_int_equal(workflow_from_key("actual"), WF_ACTUAL);
	assert_int_equal(workflow_from_key("fund"), WF_FUND);
	assert_int_equal(workflow_from_key("lead"), WF_LEAD); /* h-leads */
	assert_int_equal(workflow_from_key("reports"), -1);
	assert_null(workflow_def(WF__MAX));
	assert_string_equal(d->key, "report");
	assert_int_equal(d->n_statuses, 4);
	assert_string_equal(d->status_keys[REPORT_RETURNED], "returned");
	assert_string_equal(d->status_labels[REPORT_DRAFT], "草稿");
	assert_string_equal(d->status_labels[REPORT_SUBMITTED], "已提交");
	assert_string_equal(d->status_labels[REPORT_VERIFIED], "已核实");
	assert_string_equal(d->status_labels[REPORT_RETURNED], "已退回");
	assert_int_equal(d->actions, (1u << REPORT_ACTIONS) - 1);
}

static void no_two_rows(const struct workflow_def *d);

/* Each (from, action, party) is matched by one row at most: the order of the
 * rows never decides. And a row's to-status is a status of the workflow. */
static void test_no_two_rows_for_one_cell(void **state)
{
	int w;

	(void)state;
	for (w = 0; w < WF__MAX; w++)
		no_two_rows(workflow_def((enum workflow)w));
}

static void no_two_rows(const struct workflow_def *d)
{
	int from, act, party;
	size_t i;

	for (from = WF_NONE; from < d->n_statuses; from++)
		for (act = 0; act < WA__MAX; act++)
			for (party = 0; party < WP__MAX; party++) {
				unsigned bit = from == WF_NONE ? WF_FROM_NONE : WF_BIT(from);
				int n = 0;

				for (i = 0; i < d->n_rules; i++)
					n += (int)d->rules[i].act == act && (d->rules[i].from & bit) &&
					     (d->rules[i].who & (1u << party));
				assert_in_range(n, 0, 1);
			}
	for (i = 0; i < d->n_rules; i++) {
		assert_true(d->rules[i].to == WF_UNCHANGED ||
			    (d->rules[i].to >= 0 && d->rules[i].to < d->n_statuses));
		/* from none there is nothing to keep */
		if (d->rules[i].from & WF_FROM_NONE)
			assert_true(d->rules[i].to != WF_UNCHANGED || d->rules[i].refuse != WFO_OK);
	}
}

/* The roles the table lets act are the roles access.c's matrix lets write
 * reports (save, submit), verify them (verify, return) and import. */
static void test_same_roles_as_the_permission_matrix(void **state)
{
	static const struct { enum resource res; enum action a; } perm[REPORT_ACTIONS] = {
		[WA_SAVE] = { RES_REPORTS, ACT_WRITE },
		[WA_SUBMIT] = { RES_REPORTS, ACT_WRITE },
		[WA_VERIFY] = { RES_REPORTS, ACT_VERIFY },
		[WA_RETURN] = { RES_REPORTS, ACT_VERIFY },
		[WA_IMPORT] = { RES_IMPORT, ACT_WRITE },
	};
	int act, r;

	(void)state;
	for (act = 0; act < WA__MAX; act++)
		for (r = 0; r < ROLE__MAX; r++) {
			if (act >= REPORT_ACTIONS) {
				assert_false(workflow_role_may(WF_REPORT, (enum wf_action)act,
							       (enum role)r));
				continue;
			}
			assert_int_equal(workflow_role_may(WF_REPORT, (enum wf_action)act,
							   (enum role)r),
					 access_allows((enum role)r, perm[act].res, perm[act].a));
			assert_int_equal(workflow_role_may(WF_REPORT, (enum wf_action)act,
							   (enum role)r),
					 role_may((enum role)r, (enum wf_action)act));
		}
	assert_false(workflow_role_may(WF__MAX, WA_SAVE, ROLE_ADMIN));
	assert_false(workflow_role_may(WF_REPORT, WA__MAX, ROLE_ADMIN));
	assert_false(workflow_role_may(WF_REPORT, WA_SAVE, ROLE__MAX));
}

#define B(s) WF_BIT(REPORT_##s)

static void test_from_masks_for_the_store(void **state)
{
	(void)state;
	assert_int_equal(workflow_from_mask(WF_REPORT, WA_VERIFY, ROLE_COORDINATOR, WF_SEEN,
					    REPORT_VERIFIED), B(SUBMITTED));
	assert_int_equal(workflow_from_mask(WF_REPORT, WA_RETURN, ROLE_ADMIN, WF_SEEN,
					    REPORT_RETURNED), B(SUBMITTED));
	assert_int_equal(workflow_from_mask(WF_REPORT, WA_SUBMIT, ROLE_SECTION, WF_OWNS,
					    REPORT_SUBMITTED), B(DRAFT) | B(RETURNED));
	assert_int_equal(workflow_from_mask(WF_REPORT, WA_SUBMIT, ROLE_COORDINATOR, WF_SEEN,
					    REPORT_SUBMITTED), B(DRAFT) | B(RETURNED));
	assert_int_equal(workflow_from_mask(WF_REPORT, WA_SAVE, ROLE_SECTION, WF_OWNS,
					    REPORT_DRAFT), WF_FROM_NONE | B(DRAFT) | B(RETURNED));
	assert_int_equal(workflow_from_mask(WF_REPORT, WA_SAVE, ROLE_COORDINATOR, WF_SEEN,
					    REPORT_DRAFT), WF_FROM_NONE);
	assert_int_equal(workflow_from_mask(WF_REPORT, WA_SAVE, ROLE_COORDINATOR, WF_SEEN,
					    WF_UNCHANGED),
			 B(DRAFT) | B(SUBMITTED) | B(VERIFIED) | B(RETURNED));
	assert_int_equal(workflow_from_mask(WF_REPORT, WA_IMPORT, ROLE_COORDINATOR, WF_SEEN,
					    REPORT_VERIFIED),
			 WF_FROM_NONE | B(DRAFT) | B(SUBMITTED) | B(VERIFIED) | B(RETURNED));
	/* nobody else verifies; a section user outside its subtree saves nothing */
	assert_int_equal(workflow_from_mask(WF_REPORT, WA_VERIFY, ROLE_SECTION, WF_OWNS,
					    REPORT_VERIFIED), 0);
	assert_int_equal(workflow_from_mask(WF_REPORT, WA_VERIFY, ROLE_AUDITOR, WF_SEEN,
					    REPORT_VERIFIED), 0);
	assert_int_equal(workflow_from_mask(WF_REPORT, WA_SAVE, ROLE_SECTION, WF_UNSEEN,
					    REPORT_DRAFT), 0);
	assert_int_equal(workflow_from_mask(WF_REPORT, WA_SAVE, ROLE_SECTION, WF_SEEN,
					    REPORT_DRAFT), 0);
	assert_int_equal(workflow_from_mask(WF__MAX, WA_SAVE, ROLE_ADMIN, WF_SEEN,
					    REPORT_DRAFT), 0);
}

/* Imported reports are verified, whatever they were (the importer is the
 * office); nobody else imports, and a save's status depends on the status. */
static void test_import_status(void **state)
{
	(void)state;
	assert_int_equal(workflow_to_from_any(WF_REPORT, WA_IMPORT, ROLE_COORDINATOR),
			 REPORT_VERIFIED);
	assert_int_equal(workflow_to_from_any(WF_REPORT, WA_IMPORT, ROLE_ADMIN), REPORT_VERIFIED);
	assert_int_equal(workflow_to_from_any(WF_REPORT, WA_IMPORT, ROLE_SECTION), -1);
	assert_int_equal(workflow_to_from_any(WF_REPORT, WA_SAVE, ROLE_COORDINATOR), -1);
	assert_int_equal(workflow_to_from_any(WF_REPORT, WA_SUBMIT, ROLE_COORDINATOR), -1);
	assert_int_equal(workflow_to_from_any(WF__MAX, WA_IMPORT, ROLE_COORDINATOR), -1);
}

static char *repeat(const char *s, int n)
{
	size_t len = strlen(s);
	char *out = xmalloc(len * (size_t)n + 1);
	int i;

	for (i = 0; i < n; i++)
		memcpy(out + len * (size_t)i, s, len);
	out[len * (size_t)n] = '\0';
	return out;
}

/* DOMAIN.md §3: a reason of 1–2000 characters; characters, not bytes. */
static void test_reason_length_in_characters(void **state)
{
	char *a2000 = repeat("a", 2000), *a2001 = repeat("a", 2001);
	char *zh2000 = repeat("退", 2000), *zh2001 = repeat("退", 2001);
	char *zhong2000 = repeat("中", 2000), *zhong2001 = repeat("中", 2001);
	char *emoji2000 = repeat("\xF0\x9F\x98\x80", 2000);
	char *emoji2001 = repeat("\xF0\x9F\x98\x80", 2001);
	struct wf_request q = { WF_REPORT, REPORT_SUBMITTED, WA_RETURN, ROLE_COORDINATOR,
				WF_SEEN, NULL };
	int to;

	(void)state;
	assert_false(workflow_reason_ok(NULL));
	assert_false(workflow_reason_ok(""));
	assert_true(workflow_reason_ok("a"));
	assert_true(workflow_reason_ok("退"));
	assert_true(workflow_reason_ok(a2000));
	assert_false(workflow_reason_ok(a2001));
	assert_true(workflow_reason_ok(zh2000)); /* 6000 bytes */
	assert_false(workflow_reason_ok(zh2001));
	/* 退 is E9 80 80: its continuation bytes are the bare 0x80; 中 (E4 B8 AD)
	 * and 😀 (F0 9F 98 80) have other ones, each still one character */
	assert_true(workflow_reason_ok(zhong2000));
	assert_false(workflow_reason_ok(zhong2001));
	assert_true(workflow_reason_ok(emoji2000)); /* 8000 bytes */
	assert_false(workflow_reason_ok(emoji2001));
	q.reason = zh2001;
	assert_int_equal(workflow_decide(&q, &to, NULL), WFO_NEED_REASON);
	q.reason = zh2000;
	assert_int_equal(workflow_decide(&q, &to, NULL), WFO_OK);
	assert_int_equal(to, REPORT_RETURNED);
	q.reason = "";
	assert_int_equal(workflow_decide(&q, &to, NULL), WFO_NEED_REASON);
	/* the reason is checked before the status: 400 before 409 */
	q.from = REPORT_DRAFT;
	assert_int_equal(workflow_decide(&q, &to, NULL), WFO_NEED_REASON);
	q.reason = "x";
	assert_int_equal(workflow_decide(&q, &to, NULL), WFO_WRONG_STATUS);
	free(a2000);
	free(a2001);
	free(zh2000);
	free(zh2001);
	free(zhong2000);
	free(zhong2001);
	free(emoji2000);
	free(emoji2001);
}

/* The conditions a decision carries, and statuses outside the workflow. */
static void test_conditions_and_bad_input(void **state)
{
	struct wf_request q = { WF_REPORT, REPORT_VERIFIED, WA_SAVE, ROLE_COORDINATOR, WF_SEEN,
				NULL };
	unsigned conds = 99;
	int to = 99;

	(void)state;
	assert_int_equal(workflow_decide(&q, &to, &conds), WFO_OK);
	assert_int_equal(to, WF_UNCHANGED);
	assert_int_equal(conds, WFC_AMENDMENT);
	q.from = REPORT_DRAFT;
	assert_int_equal(workflow_decide(&q, &to, &conds), WFO_OK);
	assert_int_equal(conds, 0);
	q.act = WA_RETURN;
	q.from = REPORT_SUBMITTED;
	q.reason = "r";
	assert_int_equal(workflow_decide(&q, NULL, &conds), WFO_OK);
	assert_int_equal(conds, WFC_REASON);
	q.act = WA_VERIFY;
	q.from = REPORT_STATUS__MAX; /* not a status */
	assert_int_equal(workflow_decide(&q, &to, &conds), WFO_WRONG_STATUS);
	q.from = -7;
	assert_int_equal(workflow_decide(&q, &to, &conds), WFO_WRONG_STATUS);
	q.from = REPORT_SUBMITTED;
	q.wf = WF__MAX;
	assert_int_equal(workflow_decide(&q, &to, &conds), WFO_FORBIDDEN);
	/* The status one past the last is no status: a submit of it is refused,
	 * not skipped as a submit of a verified report is, and an import (from
	 * any status) of it is refused too. */
	q.wf = WF_REPORT;
	q.act = WA_SUBMIT;
	q.role = ROLE_SECTION;
	q.sight = WF_OWNS;
	q.from = REPORT_VERIFIED;
	assert_int_equal(workflow_decide(&q, &to, &conds), WFO_SKIP);
	q.from = REPORT_STATUS__MAX;
	assert_int_equal(workflow_decide(&q, &to, &conds), WFO_WRONG_STATUS);
	q.act = WA_IMPORT;
	q.role = ROLE_COORDINATOR;
	q.sight = WF_SEEN;
	q.from = REPORT_RETURNED;
	assert_int_equal(workflow_decide(&q, &to, &conds), WFO_OK);
	assert_int_equal(to, REPORT_VERIFIED);
	q.from = REPORT_STATUS__MAX;
	assert_int_equal(workflow_decide(&q, &to, &conds), WFO_WRONG_STATUS);
	assert_int_equal(to, WF_UNCHANGED);
	/* A role outside the enumeration is no party to anything (the mask of
	 * a role past the 32 bits would be a shift the sanitizers refuse). */
	assert_false(workflow_role_may(WF_REPORT, WA_SAVE, ROLE__MAX));
	assert_false(workflow_role_may(WF_REPORT, WA_SAVE, (enum role)-1));
	assert_false(workflow_role_may(WF_ITEM, WA_SAVE, (enum role)40));
	q.act = WA_SAVE;
	q.from = WF_NONE;
	q.role = (enum role)-1;
	q.sight = WF_OWNS;
	assert_int_equal(workflow_decide(&q, &to, &conds), WFO_FORBIDDEN);
	assert_int_equal(workflow_actions_now(WF_ITEM, (enum role)40, WF_OWNS, IS_OPEN), 0);
}

/* The conditions of every cell of every workflow, from DOMAIN.md §3 and §7
 * written out by hand: which actions need a reason (asked before the status:
 * 400 before 409), and which allowed cells are an amendment (an office edit
 * of a submitted or verified report, of a fund application not yet paid).
 * Every status and none × every action × every role, as the record's own
 * unit: with a reason the outcome is the table's and an allowed cell carries
 * exactly these conditions; without one, a role that may act is refused 400
 * exactly for these actions, and anything else answers as with a reason. */
static unsigned reason_actions(enum workflow wf)
{
	switch (wf) {
	case WF_REPORT: return 1u << WA_RETURN;
	case WF_ITEM:
		return 1u << WA_REPLY | 1u << WA_ANSWER | 1u << WA_CLOSE | 1u << WA_REOPEN |
		       1u << WA_ESCALATE;
	case WF_CHANGE: return 1u << WA_PROPOSE | 1u << WA_REJECT;
	case WF_ACTUAL: return 1u << WA_REJECT;
	case WF_FUND: return 1u << WA_REJECT;
	case WF_LEAD: return 1u << WA_DROP | 1u << WA_REPLY | 1u << WA_REOPEN;
	default: return 0;
	}
}

static int is_amendment(enum workflow wf, int from, enum wf_action act, enum role r)
{
	if (act != WA_SAVE || !is_office(r))
		return 0;
	if (wf == WF_REPORT)
		return from == REPORT_SUBMITTED || from == REPORT_VERIFIED;
	if (wf == WF_FUND)
		return from == FST_APPLIED || from == FST_VERIFIED || from == FST_CONSULTED;
	return 0;
}

static void test_conditions_of_every_cell(void **state)
{
	int wf, from, a, r, bad = 0, asked = 0;

	(void)state;
	for (wf = 0; wf < WF__MAX; wf++) {
		const struct workflow_def *d = workflow_def((enum workflow)wf);

		for (from = WF_NONE; from < d->n_statuses; from++)
			for (a = 0; a < WA__MAX; a++)
				for (r = 0; r < ROLE__MAX; r++) {
					struct wf_request q = { (enum workflow)wf, from, (enum wf_action)a,
								(enum role)r, WF_OWNS, "理由" };
					int need = (reason_actions((enum workflow)wf) >> a) & 1u;
					unsigned conds = 99, want;
					enum wf_outcome with, without;
					int to;

					with = workflow_decide(&q, &to, &conds);
					want = (need ? WFC_REASON : 0) |
					       (is_amendment((enum workflow)wf, from, (enum wf_action)a,
							     (enum role)r) ? WFC_AMENDMENT : 0);
					if (with == WFO_OK && conds != want) {
						print_error("%s from %d %s by %s: conds %u, want %u\n",
							    workflow_keys[wf], from, wf_action_keys[a],
							    role_keys[r], conds, want);
						bad++;
					}
					if (with != WFO_OK && conds != 0)
						bad++;
					q.reason = NULL;
					without = workflow_decide(&q, &to, NULL);
					if (without != (need && with != WFO_FORBIDDEN ? WFO_NEED_REASON
										       : with)) {
						print_error("%s from %d %s by %s: %s without a reason\n",
							    workflow_keys[wf], from, wf_action_keys[a],
							    role_keys[r], wf_outcome_keys[without]);
						bad++;
					}
					asked++;
				}
	}
	assert_int_equal(bad, 0);
	/* report 5 × 20 × 7, item 5, change 5, actual 5, fund 7, lead 6 (+ none) */
	assert_int_equal(asked, 20 * ROLE__MAX * (5 + 5 + 5 + 5 + 7 + 6));
	/* no table for a workflow that does not exist */
	assert_int_equal(workflow_actions_now(WF__MAX, ROLE_ADMIN, WF_OWNS, WF_NONE), 0);
	assert_int_equal(workflow_from_mask(WF__MAX, WA_SAVE, ROLE_ADMIN, WF_OWNS, 0), 0);
	assert_int_equal(workflow_to_from_any(WF__MAX, WA_IMPORT, ROLE_ADMIN), -1);
}

/* How callers stand to a project of sub-section S1a (under S1) whose
 * department is G: DOMAIN.md §1 and access.c's row rules. */
static void test_report_sight(void **state)
{
	struct dataset ds;
	struct project *p;
	struct actor a;
	struct {
		enum role role;
		int64_t unit;
		enum wf_sight want;
	} cases[] = {
		{ ROLE_SECTION, 2, WF_OWNS },      /* S1: its subtree */
		{ ROLE_SECTION, 3, WF_OWNS },      /* S1a itself */
		{ ROLE_SECTION, 4, WF_UNSEEN },    /* S2 */
		{ ROLE_SECTION, 0, WF_UNSEEN },    /* a section user without a unit */
		{ ROLE_DEPARTMENT, 5, WF_SEEN },   /* G: responsible, not its own */
		{ ROLE_DEPARTMENT, 6, WF_UNSEEN }, /* H */
		{ ROLE_ADMIN, 0, WF_SEEN },
		{ ROLE_COORDINATOR, 0, WF_SEEN },
		{ ROLE_LEADER, 0, WF_SEEN },
		{ ROLE_AUDITOR, 0, WF_SEEN },
	};
	size_t i;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	ds.year = 2024;
	fx_unit(&ds, 1, "D", "区", UNIT_DISTRICT, 0);
	fx_unit(&ds, 2, "S1", "甲板块", UNIT_SECTION, 1);
	fx_unit(&ds, 3, "S1a", "甲社区", UNIT_STREET, 2);
	fx_unit(&ds, 4, "S2", "乙板块", UNIT_SECTION, 1);
	fx_unit(&ds, 5, "G", "发改", UNIT_DEPARTMENT, 1);
	fx_unit(&ds, 6, "H", "工信", UNIT_DEPARTMENT, 1);
	p = fx_project(&ds, "P1", 3, 5, 1, NULL, 1u, AMOUNT_NONE);
	dataset_index(&ds);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&a, 0, sizeof(a));
		a.role = cases[i].role;
		a.unit_id = cases[i].unit;
		assert_int_equal(workflow_report_sight(&a, &ds, p), cases[i].want);
	}
	dataset_release(&ds);
}

/* ---- supervision items (DOMAIN.md §7 and issue #13), by hand ---- */

#define N_ITEM_FROM (IS__MAX + 1) /* none, open, answered, resolved, closed */
#define OPEN_TO(s) { WFO_OK, s }
#define NO(o) { o, 0 }

/* ispec[from + 1][action][party]: the office raises, edits while pending,
 * resolves, closes, reopens and escalates by hand; the own party (the
 * section on its own project, the department owning the item) raises,
 * replies and answers; nothing is written to a resolved or closed item but
 * a reopen by the office. */
static const struct cell ispec[N_ITEM_FROM][WA__MAX][N_PARTY] = {
	/* none */
	{
		[WA_SAVE] = { OPEN_TO(IS_OPEN), OPEN_TO(IS_OPEN) },
		[WA_REPLY] = { NO(WFO_WRONG_STATUS), NO(WFO_WRONG_STATUS) },
		[WA_ANSWER] = { NO(WFO_FORBIDDEN), NO(WFO_WRONG_STATUS) },
		[WA_RESOLVE] = { NO(WFO_WRONG_STATUS), NO(WFO_FORBIDDEN) },
		[WA_CLOSE] = { NO(WFO_WRONG_STATUS), NO(WFO_FORBIDDEN) },
		[WA_REOPEN] = { NO(WFO_WRONG_STATUS), NO(WFO_FORBIDDEN) },
		[WA_ESCALATE] = { NO(WFO_WRONG_STATUS), NO(WFO_FORBIDDEN) },
		[WA_IMPORT] = { OPEN_TO(IS_OPEN), NO(WFO_FORBIDDEN) },
	},
	/* open */
	{
		[WA_SAVE] = { OPEN_TO(UNCH), NO(WFO_FORBIDDEN) },
		[WA_REPLY] = { OPEN_TO(UNCH), OPEN_TO(UNCH) },
		[WA_ANSWER] = { NO(WFO_FORBIDDEN), OPEN_TO(IS_ANSWERED) },
		[WA_RESOLVE] = { OPEN_TO(IS_RESOLVED), NO(WFO_FORBIDDEN) },
		[WA_CLOSE] = { OPEN_TO(IS_CLOSED), NO(WFO_FORBIDDEN) },
		[WA_REOPEN] = { NO(WFO_WRONG_STATUS), NO(WFO_FORBIDDEN) },
		[WA_ESCALATE] = { OPEN_TO(UNCH), NO(WFO_FORBIDDEN) },
		[WA_IMPORT] = { OPEN_TO(UNCH), NO(WFO_FORBIDDEN) },
	},
	/* answered */
	{
		[WA_SAVE] = { OPEN_TO(UNCH), NO(WFO_FORBIDDEN) },
		[WA_REPLY] = { OPEN_TO(UNCH), OPEN_TO(UNCH) },
		[WA_ANSWER] = { NO(WFO_FORBIDDEN), OPEN_TO(IS_ANSWERED) },
		[WA_RESOLVE] = { OPEN_TO(IS_RESOLVED), NO(WFO_FORBIDDEN) },
		[WA_CLOSE] = { OPEN_TO(IS_CLOSED), NO(WFO_FORBIDDEN) },
		[WA_REOPEN] = { OPEN_TO(IS_OPEN), NO(WFO_FORBIDDEN) },
		[WA_ESCALATE] = { OPEN_TO(UNCH), NO(WFO_FORBIDDEN) },
		[WA_IMPORT] = { OPEN_TO(UNCH), NO(WFO_FORBIDDEN) },
	},
	/* resolved */
	{
		[WA_SAVE] = { NO(WFO_LOCKED), NO(WFO_FORBIDDEN) },
		[WA_REPLY] = { NO(WFO_LOCKED), NO(WFO_LOCKED) },
		[WA_ANSWER] = { NO(WFO_FORBIDDEN), NO(WFO_WRONG_STATUS) },
		[WA_RESOLVE] = { NO(WFO_WRONG_STATUS), NO(WFO_FORBIDDEN) },
		[WA_CLOSE] = { NO(WFO_WRONG_STATUS), NO(WFO_FORBIDDEN) },
		[WA_REOPEN] = { OPEN_TO(IS_OPEN), NO(WFO_FORBIDDEN) },
		[WA_ESCALATE] = { NO(WFO_WRONG_STATUS), NO(WFO_FORBIDDEN) },
		[WA_IMPORT] = { OPEN_TO(UNCH), NO(WFO_FORBIDDEN) },
	},
	/* closed */
	{
		[WA_SAVE] = { NO(WFO_LOCKED), NO(WFO_FORBIDDEN) },
		[WA_REPLY] = { NO(WFO_LOCKED), NO(WFO_LOCKED) },
		[WA_ANSWER] = { NO(WFO_FORBIDDEN), NO(WFO_WRONG_STATUS) },
		[WA_RESOLVE] = { NO(WFO_WRONG_STATUS), NO(WFO_FORBIDDEN) },
		[WA_CLOSE] = { NO(WFO_WRONG_STATUS), NO(WFO_FORBIDDEN) },
		[WA_REOPEN] = { OPEN_TO(IS_OPEN), NO(WFO_FORBIDDEN) },
		[WA_ESCALATE] = { NO(WFO_WRONG_STATUS), NO(WFO_FORBIDDEN) },
		[WA_IMPORT] = { OPEN_TO(UNCH), NO(WFO_FORBIDDEN) },
	},
};

/* The item's actions: save, import and reply … escalate. */
static int item_action(int act)
{
	return act == WA_SAVE || act == WA_IMPORT || (act >= WA_REPLY && act <= WA_ESCALATE);
}

/* May the role ever do act on an item: the office all but answer; a section
 * or department user raise, reply and answer. */
static int item_role_may(enum role r, int act)
{
	if (!item_action(act))
		return 0;
	if (is_office(r))
		return act != WA_ANSWER;
	return (r == ROLE_SECTION || r == ROLE_DEPARTMENT) &&
	       (act == WA_SAVE || act == WA_REPLY || act == WA_ANSWER);
}

/* A text is needed to reply, answer, close, reopen and escalate. */
static int item_needs_text(int act)
{
	return act == WA_REPLY || act == WA_ANSWER || act == WA_CLOSE || act == WA_REOPEN ||
	       act == WA_ESCALATE;
}

static struct cell item_expect(int from, int act, enum role r, enum wf_sight sight, int text)
{
	struct cell c = { WFO_FORBIDDEN, 0 };
	int party;

	if (!item_role_may(r, act))
		return c;
	if (sight == WF_UNSEEN) {
		c.outcome = WFO_UNSEEN;
		return c;
	}
	if (is_office(r))
		party = OFFICE;
	else if (sight == WF_OWNS)
		party = OWN;
	else
		return c; /* a section or department that sees the item but does not own it */
	if (item_needs_text(act) && !text && ispec[1][act][party].outcome != WFO_FORBIDDEN) {
		c.outcome = WFO_NEED_REASON;
		return c;
	}
	return ispec[from + 1][act][party];
}

static void test_every_cell_of_the_item_table(void **state)
{
	static const char *const texts[] = { NULL, "用地指标已落实" };
	static const char *const names[N_ITEM_FROM] = {
		"none", "open", "answered", "resolved", "closed",
	};
	int from, act, r, sight, k, cells = 0, bad = 0;

	(void)state;
	for (from = WF_NONE; from < IS__MAX; from++)
		for (act = 0; act < WA__MAX; act++)
			for (r = 0; r < ROLE__MAX; r++)
				for (sight = WF_UNSEEN; sight <= WF_OWNS; sight++)
					for (k = 0; k < 2; k++) {
		struct wf_request q = { WF_ITEM, from, (enum wf_action)act, (enum role)r,
					(enum wf_sight)sight, texts[k] };
		struct cell want = item_expect(from, act, (enum role)r, (enum wf_sight)sight, k);
		int to = 12345;
		enum wf_outcome got = workflow_decide(&q, &to, NULL);

		cells++;
		if (got != want.outcome || (got == WFO_OK && to != want.to) ||
		    (got != WFO_OK && to != WF_UNCHANGED)) {
			fprintf(stderr, "item cell from=%s action=%s role=%s sight=%s text=%d: got "
				"%s to %d, want %s to %d\n", names[from + 1], wf_action_keys[act],
				role_keys[r], sight_names[sight], k, wf_outcome_keys[got], to,
				wf_outcome_keys[want.outcome], want.to);
			bad++;
		}
	}
	assert_int_equal(cells, N_ITEM_FROM * WA__MAX * ROLE__MAX * 3 * 2);
	assert_int_equal(bad, 0);
}

/* The item's roles and access.c's matrix agree: whoever may write items (W)
 * has a rule to act by; the office's decisions are V. */
static void test_item_roles_and_the_matrix(void **state)
{
	int r;

	(void)state;
	for (r = 0; r < ROLE__MAX; r++) {
		assert_int_equal(workflow_role_may(WF_ITEM, WA_SAVE, (enum role)r),
				 access_allows((enum role)r, RES_ITEMS, ACT_WRITE));
		assert_int_equal(workflow_role_may(WF_ITEM, WA_RESOLVE, (enum role)r),
				 access_allows((enum role)r, RES_ITEMS, ACT_VERIFY));
		assert_int_equal(workflow_role_may(WF_ITEM, WA_ESCALATE, (enum role)r),
				 access_allows((enum role)r, RES_ITEMS, ACT_VERIFY));
		assert_int_equal(workflow_role_may(WF_ITEM, WA_IMPORT, (enum role)r),
				 access_allows((enum role)r, RES_IMPORT, ACT_WRITE));
	}
	assert_string_equal(workflow_def(WF_ITEM)->status_keys[IS_ANSWERED], "answered");
	assert_string_equal(workflow_def(WF_ITEM)->status_labels[IS_RESOLVED], "已办结");
}

/* What a screen offers: the office on an answered item; the owner on an
 * open one; nobody writes to a closed item but the office reopening it. */
static void test_item_actions_now(void **state)
{
	(void)state;
	assert_int_equal(workflow_actions_now(WF_ITEM, ROLE_COORDINATOR, WF_SEEN, IS_ANSWERED),
			 1u << WA_SAVE | 1u << WA_REPLY | 1u << WA_RESOLVE | 1u << WA_CLOSE |
			 1u << WA_REOPEN | 1u << WA_ESCALATE);
	assert_int_equal(workflow_actions_now(WF_ITEM, ROLE_SECTION, WF_OWNS, IS_OPEN),
			 1u << WA_REPLY | 1u << WA_ANSWER);
	assert_int_equal(workflow_actions_now(WF_ITEM, ROLE_SECTION, WF_SEEN, IS_OPEN), 0);
	assert_int_equal(workflow_actions_now(WF_ITEM, ROLE_DEPARTMENT, WF_OWNS, IS_CLOSED), 0);
	assert_int_equal(workflow_actions_now(WF_ITEM, ROLE_ADMIN, WF_SEEN, IS_CLOSED),
			 1u << WA_REOPEN);
	assert_int_equal(workflow_actions_now(WF_ITEM, ROLE_LEADER, WF_SEEN, IS_OPEN), 0);
	assert_int_equal(workflow_actions_now(WF_ITEM, ROLE_AUDITOR, WF_SEEN, IS_OPEN), 0);
}

/* How callers stand to an item of a project of S1a (under S1, department G),
 * owned by G, by S2, or not yet raised (owner 0). */
static void test_item_sight(void **state)
{
	struct dataset ds;
	struct project *p;
	struct actor a;
	struct {
		enum role role;
		int64_t unit, owner;
		enum wf_sight want;
	} cases[] = {
		{ ROLE_SECTION, 2, 5, WF_OWNS },      /* S1: its project, whoever owns it */
		{ ROLE_SECTION, 3, 0, WF_OWNS },      /* S1a, raising */
		{ ROLE_SECTION, 4, 5, WF_UNSEEN },    /* S2: neither project nor owner */
		{ ROLE_SECTION, 4, 4, WF_OWNS },      /* S2 owns it */
		{ ROLE_SECTION, 0, 5, WF_UNSEEN },
		{ ROLE_DEPARTMENT, 5, 5, WF_OWNS },   /* G owns it */
		{ ROLE_DEPARTMENT, 5, 2, WF_SEEN },   /* G is responsible, S1 owns it */
		{ ROLE_DEPARTMENT, 5, 0, WF_SEEN },   /* G, raising: not its own */
		{ ROLE_DEPARTMENT, 6, 6, WF_OWNS },   /* H owns an item of a project it does not read */
		{ ROLE_DEPARTMENT, 6, 5, WF_UNSEEN },
		{ ROLE_ADMIN, 0, 5, WF_SEEN },
		{ ROLE_COORDINATOR, 0, 0, WF_SEEN },
		{ ROLE_LEADER, 0, 5, WF_SEEN },
		{ ROLE_AUDITOR, 0, 5, WF_SEEN },
	};
	size_t i;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	ds.year = 2024;
	fx_unit(&ds, 1, "D", "区", UNIT_DISTRICT, 0);
	fx_unit(&ds, 2, "S1", "甲板块", UNIT_SECTION, 1);
	fx_unit(&ds, 3, "S1a", "甲社区", UNIT_STREET, 2);
	fx_unit(&ds, 4, "S2", "乙板块", UNIT_SECTION, 1);
	fx_unit(&ds, 5, "G", "发改", UNIT_DEPARTMENT, 1);
	fx_unit(&ds, 6, "H", "工信", UNIT_DEPARTMENT, 1);
	p = fx_project(&ds, "P1", 3, 5, 1, NULL, 1u, AMOUNT_NONE);
	dataset_index(&ds);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&a, 0, sizeof(a));
		a.role = cases[i].role;
		a.unit_id = cases[i].unit;
		if (workflow_item_sight(&a, &ds, p, cases[i].owner) != cases[i].want)
			fail_msg("case %zu: %s unit %lld owner %lld", i, role_keys[a.role],
				 (long long)a.unit_id, (long long)cases[i].owner);
	}
	dataset_release(&ds);
}

/* ---- DOMAIN.md §3, the issued plan, by hand ---- */

#define N_CR_FROM (CR_STATUS__MAX + 1) /* none, then each status */

/* Both tables: a request is proposed by its project's own section or the
 * office; approved or rejected by the office; withdrawn by either side while
 * pending. Nothing leaves a decided request. A reject without a reason is
 * handled before this table (400 first), as is a plan change proposed
 * without one. */
static const struct cell change_spec[N_CR_FROM][WA__MAX][N_PARTY] = {
	/* — (none) */
	{
		[WA_PROPOSE] = { { WFO_OK, CR_PENDING }, { WFO_OK, CR_PENDING } },
		[WA_APPROVE] = { { WFO_WRONG_STATUS, 0 }, { WFO_FORBIDDEN, 0 } },
		[WA_REJECT] = { { WFO_WRONG_STATUS, 0 }, { WFO_FORBIDDEN, 0 } },
		[WA_WITHDRAW] = { { WFO_WRONG_STATUS, 0 }, { WFO_WRONG_STATUS, 0 } },
	},
	/* pending */
	{
		[WA_PROPOSE] = { { WFO_WRONG_STATUS, 0 }, { WFO_WRONG_STATUS, 0 } },
		[WA_APPROVE] = { { WFO_OK, CR_APPROVED }, { WFO_FORBIDDEN, 0 } },
		[WA_REJECT] = { { WFO_OK, CR_REJECTED }, { WFO_FORBIDDEN, 0 } },
		[WA_WITHDRAW] = { { WFO_OK, CR_WITHDRAWN }, { WFO_OK, CR_WITHDRAWN } },
	},
	/* approved */
	{
		[WA_PROPOSE] = { { WFO_WRONG_STATUS, 0 }, { WFO_WRONG_STATUS, 0 } },
		[WA_APPROVE] = { { WFO_WRONG_STATUS, 0 }, { WFO_FORBIDDEN, 0 } },
		[WA_REJECT] = { { WFO_WRONG_STATUS, 0 }, { WFO_FORBIDDEN, 0 } },
		[WA_WITHDRAW] = { { WFO_WRONG_STATUS, 0 }, { WFO_WRONG_STATUS, 0 } },
	},
	/* rejected */
	{
		[WA_PROPOSE] = { { WFO_WRONG_STATUS, 0 }, { WFO_WRONG_STATUS, 0 } },
		[WA_APPROVE] = { { WFO_WRONG_STATUS, 0 }, { WFO_FORBIDDEN, 0 } },
		[WA_REJECT] = { { WFO_WRONG_STATUS, 0 }, { WFO_FORBIDDEN, 0 } },
		[WA_WITHDRAW] = { { WFO_WRONG_STATUS, 0 }, { WFO_WRONG_STATUS, 0 } },
	},
	/* withdrawn */
	{
		[WA_PROPOSE] = { { WFO_WRONG_STATUS, 0 }, { WFO_WRONG_STATUS, 0 } },
		[WA_APPROVE] = { { WFO_WRONG_STATUS, 0 }, { WFO_FORBIDDEN, 0 } },
		[WA_REJECT] = { { WFO_WRONG_STATUS, 0 }, { WFO_FORBIDDEN, 0 } },
		[WA_WITHDRAW] = { { WFO_WRONG_STATUS, 0 }, { WFO_WRONG_STATUS, 0 } },
	},
};

/* May the role ever do act on a change request? The office everything of
 * the four; a section user proposes and withdraws; nobody else anything. */
static int change_role_may(enum role r, enum wf_action act)
{
	if (act != WA_PROPOSE && act != WA_APPROVE && act != WA_REJECT && act != WA_WITHDRAW)
		return 0;
	if (is_office(r))
		return 1;
	return r == ROLE_SECTION && (act == WA_PROPOSE || act == WA_WITHDRAW);
}

/* Which actions need a reason: a plan change's proposal and any rejection;
 * an actual date is entered without one (as a report is saved). */
static int needs_reason(enum workflow wf, enum wf_action act)
{
	return act == WA_REJECT || (wf == WF_CHANGE && act == WA_PROPOSE);
}

static struct cell change_expect(enum workflow wf, int from, enum wf_action act, enum role r,
				 enum wf_sight sight, int reason)
{
	struct cell c = { WFO_FORBIDDEN, 0 };
	int party;

	if (!change_role_may(r, act))
		return c;
	if (sight == WF_UNSEEN) {
		c.outcome = WFO_UNSEEN;
		return c;
	}
	if (is_office(r))
		party = OFFICE;
	else if (r == ROLE_SECTION && sight == WF_OWNS)
		party = OWN;
	else
		return c;
	if (needs_reason(wf, act) && !reason) {
		c.outcome = WFO_NEED_REASON;
		return c;
	}
	return change_spec[from + 1][act][party];
}

static const char *const cr_from_names[N_CR_FROM] = {
	"none", "pending", "approved", "rejected", "withdrawn",
};

static void every_change_cell(enum workflow wf)
{
	static const char *const reasons[] = { NULL, "征地延后" };
	int from, act, r, sight, k, cells = 0, bad = 0;

	for (from = WF_NONE; from < CR_STATUS__MAX; from++)
		for (act = 0; act < WA__MAX; act++)
			for (r = 0; r < ROLE__MAX; r++)
				for (sight = WF_UNSEEN; sight <= WF_OWNS; sight++)
					for (k = 0; k < 2; k++) {
		struct wf_request q = { wf, from, (enum wf_action)act, (enum role)r,
					(enum wf_sight)sight, reasons[k] };
		struct cell want = change_expect(wf, from, (enum wf_action)act, (enum role)r,
						 (enum wf_sight)sight, k);
		int to = 12345;
		enum wf_outcome got = workflow_decide(&q, &to, NULL);

		cells++;
		if (got != want.outcome || (got == WFO_OK && to != want.to) ||
		    (got != WFO_OK && to != WF_UNCHANGED)) {
			fprintf(stderr, "%s cell from=%s action=%s role=%s sight=%s reason=%d: got "
				"%s to %d, want %s to %d\n", workflow_keys[wf],
				cr_from_names[from + 1], wf_action_keys[act], role_keys[r],
				sight_names[sight], k, wf_outcome_keys[got], to,
				wf_outcome_keys[want.outcome], want.to);
			bad++;
		}
	}
	assert_int_equal(cells, N_CR_FROM * WA__MAX * ROLE__MAX * 3 * 2);
	assert_int_equal(bad, 0);
}

static void test_every_cell_of_the_change_table(void **state)
{
	(void)state;
	every_change_cell(WF_CHANGE);
}

static void test_every_cell_of_the_actual_table(void **state)
{
	(void)state;
	every_change_cell(WF_ACTUAL);
}

/* The two tables' keys, labels and parties; the statuses of changes.h. */
static void test_change_tables_keys(void **state)
{
	const struct workflow_def *c = workflow_def(WF_CHANGE), *a = workflow_def(WF_ACTUAL);
	unsigned acts = 1u << WA_PROPOSE | 1u << WA_APPROVE | 1u << WA_REJECT |
			1u << WA_WITHDRAW;

	(void)state;
	assert_string_equal(c->key, "change");
	assert_string_equal(c->label, "计划变更");
	assert_string_equal(a->key, "actual");
	assert_string_equal(a->label, "实际日期确认");
	assert_int_equal(c->n_statuses, 4);
	assert_int_equal(a->n_statuses, 4);
	assert_string_equal(c->status_keys[CR_PENDING], "pending");
	assert_string_equal(c->status_keys[CR_APPROVED], "approved");
	assert_string_equal(c->status_keys[CR_REJECTED], "rejected");
	assert_string_equal(c->status_keys[CR_WITHDRAWN], "withdrawn");
	assert_string_equal(c->status_labels[CR_PENDING], "待审核");
	assert_string_equal(c->status_labels[CR_APPROVED], "已批准");
	assert_string_equal(c->status_labels[CR_REJECTED], "已驳回");
	assert_string_equal(c->status_labels[CR_WITHDRAWN], "已撤回");
	assert_int_equal(c->actions, acts);
	assert_int_equal(a->actions, acts);
	assert_int_equal(c->office_roles, 1u << ROLE_ADMIN | 1u << ROLE_COORDINATOR);
	assert_int_equal(c->own_roles, 1u << ROLE_SECTION);
	assert_int_equal(a->office_roles, c->office_roles);
	assert_int_equal(a->own_roles, c->own_roles);
	assert_int_equal(change_workflow(CK_PLAN), WF_CHANGE);
	assert_int_equal(change_workflow(CK_ACTUAL), WF_ACTUAL);
}

/* The roles each table lets act are those access.c lets write change
 * requests (propose, withdraw) and verify them (approve, reject). */
static void test_change_roles_as_the_permission_matrix(void **state)
{
	static const struct { enum wf_action act; enum action a; } perm[] = {
		{ WA_PROPOSE, ACT_WRITE }, { WA_WITHDRAW, ACT_WRITE },
		{ WA_APPROVE, ACT_VERIFY }, { WA_REJECT, ACT_VERIFY },
	};
	size_t i;
	int wf, r;

	(void)state;
	for (wf = WF_CHANGE; wf <= WF_ACTUAL; wf++)
		for (i = 0; i < sizeof(perm) / sizeof(perm[0]); i++)
			for (r = 0; r < ROLE__MAX; r++)
				assert_int_equal(workflow_role_may((enum workflow)wf, perm[i].act,
								   (enum role)r),
						 access_allows((enum role)r, RES_CHANGES, perm[i].a));
	/* the issue itself: the office */
	for (r = 0; r < ROLE__MAX; r++)
		assert_int_equal(access_allows((enum role)r, RES_PLANS, ACT_VERIFY),
				 is_office((enum role)r));
}

#define C(s) WF_BIT(CR_##s)

/* What the store's transition is given: only a pending request is decided. */
static void test_change_from_masks(void **state)
{
	int wf;

	(void)state;
	for (wf = WF_CHANGE; wf <= WF_ACTUAL; wf++) {
		assert_int_equal(workflow_from_mask(wf, WA_APPROVE, ROLE_COORDINATOR, WF_SEEN,
						    CR_APPROVED), C(PENDING));
		assert_int_equal(workflow_from_mask(wf, WA_REJECT, ROLE_ADMIN, WF_SEEN,
						    CR_REJECTED), C(PENDING));
		assert_int_equal(workflow_from_mask(wf, WA_WITHDRAW, ROLE_SECTION, WF_OWNS,
						    CR_WITHDRAWN), C(PENDING));
		assert_int_equal(workflow_from_mask(wf, WA_PROPOSE, ROLE_SECTION, WF_OWNS,
						    CR_PENDING), WF_FROM_NONE);
		assert_int_equal(workflow_from_mask(wf, WA_APPROVE, ROLE_SECTION, WF_OWNS,
						    CR_APPROVED), 0);
		assert_int_equal(workflow_from_mask(wf, WA_WITHDRAW, ROLE_SECTION, WF_SEEN,
						    CR_WITHDRAWN), 0);
		assert_int_equal(workflow_from_mask(wf, WA_PROPOSE, ROLE_LEADER, WF_SEEN,
						    CR_PENDING), 0);
		assert_int_equal(workflow_to_from_any(wf, WA_APPROVE, ROLE_COORDINATOR), -1);
	}
}

/* A plan change needs its reason before anything but the role and the
 * record; an actual date does not; a rejection of either does. */
static void test_change_reasons(void **state)
{
	struct wf_request q = { WF_CHANGE, WF_NONE, WA_PROPOSE, ROLE_SECTION, WF_OWNS, "" };
	int to;

	(void)state;
	assert_int_equal(workflow_decide(&q, &to, NULL), WFO_NEED_REASON);
	q.reason = "投资主体调整";
	assert_int_equal(workflow_decide(&q, &to, NULL), WFO_OK);
	assert_int_equal(to, CR_PENDING);
	q.wf = WF_ACTUAL;
	q.reason = NULL;
	assert_int_equal(workflow_decide(&q, &to, NULL), WFO_OK);
	assert_int_equal(to, CR_PENDING);
	q.act = WA_REJECT;
	q.role = ROLE_COORDINATOR;
	q.sight = WF_SEEN;
	q.from = CR_APPROVED;
	assert_int_equal(workflow_decide(&q, &to, NULL), WFO_NEED_REASON); /* 400 before 409 */
	q.reason = "依据不足";
	assert_int_equal(workflow_decide(&q, &to, NULL), WFO_WRONG_STATUS);
	q.from = CR_PENDING;
	assert_int_equal(workflow_decide(&q, &to, NULL), WFO_OK);
	assert_int_equal(to, CR_REJECTED);
}

/* ---- the lead pool (招商线索, h-leads), by hand ---- */

#define N_LS_FROM (LS__MAX + 1) /* none, then each stage */
#define LW WFO_WRONG_STATUS
#define LOK(t) { WFO_OK, t }

/* lead_spec[from + 1][k][party] for the actions lead_acts[k]: a section
 * registers and moves the leads it follows, the office any lead; 线索 →
 * 洽谈 → 意向 by advance, 意向 → 签约 by sign, any open stage → 放弃 by
 * drop; a note (reply) on any but a dropped lead; edits while open; only
 * the office reopens a dropped lead and imports. */
static const enum wf_action lead_acts[] = {
	WA_SAVE, WA_ADVANCE, WA_SIGN, WA_DROP, WA_REPLY, WA_REOPEN, WA_IMPORT,
};
#define N_LEAD_ACTS (sizeof(lead_acts) / sizeof(lead_acts[0]))
static const struct cell lead_spec[N_LS_FROM][N_LEAD_ACTS][N_PARTY] = {
	/* — (none) */
	{ { LOK(LS_LEAD), LOK(LS_LEAD) }, { { LW, 0 }, { LW, 0 } }, { { LW, 0 }, { LW, 0 } },
	  { { LW, 0 }, { LW, 0 } }, { { LW, 0 }, { LW, 0 } }, { { LW, 0 }, { WFO_FORBIDDEN, 0 } },
	  { LOK(LS_LEAD), { WFO_FORBIDDEN, 0 } } },
	/* 线索 */
	{ { LOK(UNCH), LOK(UNCH) }, { LOK(LS_TALKS), LOK(LS_TALKS) }, { { LW, 0 }, { LW, 0 } },
	  { LOK(LS_DROPPED), LOK(LS_DROPPED) }, { LOK(UNCH), LOK(UNCH) },
	  { { LW, 0 }, { WFO_FORBIDDEN, 0 } }, { LOK(UNCH), { WFO_FORBIDDEN, 0 } } },
	/* 洽谈 */
	{ { LOK(UNCH), LOK(UNCH) }, { LOK(LS_INTENT), LOK(LS_INTENT) }, { { LW, 0 }, { LW, 0 } },
	  { LOK(LS_DROPPED), LOK(LS_DROPPED) }, { LOK(UNCH), LOK(UNCH) },
	  { { LW, 0 }, { WFO_FORBIDDEN, 0 } }, { LOK(UNCH), { WFO_FORBIDDEN, 0 } } },
	/* 意向 */
	{ { LOK(UNCH), LOK(UNCH) }, { { LW, 0 }, { LW, 0 } }, { LOK(LS_SIGNED), LOK(LS_SIGNED) },
	  { LOK(LS_DROPPED), LOK(LS_DROPPED) }, { LOK(UNCH), LOK(UNCH) },
	  { { LW, 0 }, { WFO_FORBIDDEN, 0 } }, { LOK(UNCH), { WFO_FORBIDDEN, 0 } } },
	/* 签约 */
	{ { { WFO_LOCKED, 0 }, { WFO_LOCKED, 0 } }, { { LW, 0 }, { LW, 0 } },
	  { { LW, 0 }, { LW, 0 } }, { { LW, 0 }, { LW, 0 } }, { LOK(UNCH), LOK(UNCH) },
	  { { LW, 0 }, { WFO_FORBIDDEN, 0 } }, { LOK(UNCH), { WFO_FORBIDDEN, 0 } } },
	/* 放弃 */
	{ { { WFO_LOCKED, 0 }, { WFO_LOCKED, 0 } }, { { LW, 0 }, { LW, 0 } },
	  { { LW, 0 }, { LW, 0 } }, { { LW, 0 }, { LW, 0 } },
	  { { WFO_LOCKED, 0 }, { WFO_LOCKED, 0 } }, { LOK(LS_LEAD), { WFO_FORBIDDEN, 0 } },
	  { LOK(UNCH), { WFO_FORBIDDEN, 0 } } },
};

/* Every stage and none × every action × role × sight (a reason given; the
 * reasons are test_conditions_of_every_cell's): the office acts whatever
 * the sight; a section only on a lead it follows (403 when it only sees
 * it); departments, leaders and auditors never (403); a role that may act
 * gets 404 for a lead it cannot see; an action of no lead's is 403. */
static void test_every_cell_of_the_lead_table(void **state)
{
	int from, a, r, sight, cells = 0, bad = 0;
	size_t k;

	(void)state;
	for (from = WF_NONE; from < LS__MAX; from++)
		for (a = 0; a < WA__MAX; a++)
			for (r = 0; r < ROLE__MAX; r++)
				for (sight = WF_UNSEEN; sight <= WF_OWNS; sight++) {
		struct wf_request q = { WF_LEAD, from, (enum wf_action)a, (enum role)r,
					(enum wf_sight)sight, "理由" };
		struct cell want = { WFO_FORBIDDEN, 0 };
		int office = is_office((enum role)r), to = 12345;
		enum wf_outcome got;

		for (k = 0; k < N_LEAD_ACTS && lead_acts[k] != (enum wf_action)a; k++)
			;
		if (k < N_LEAD_ACTS && (office || (r == ROLE_SECTION && a != WA_REOPEN &&
						    a != WA_IMPORT))) {
			if (sight == WF_UNSEEN)
				want.outcome = WFO_UNSEEN;
			else if (office)
				want = lead_spec[from + 1][k][OFFICE];
			else if (sight == WF_OWNS)
				want = lead_spec[from + 1][k][OWN];
		}
		got = workflow_decide(&q, &to, NULL);
		cells++;
		if (got != want.outcome || (got == WFO_OK && to != want.to)) {
			fprintf(stderr, "lead cell from=%d action=%s role=%s sight=%s: got %s %d, "
				"want %s %d\n", from, wf_action_keys[a], role_keys[r],
				sight_names[sight], wf_outcome_keys[got], to,
				wf_outcome_keys[want.outcome], want.to);
			bad++;
		}
	}
	assert_int_equal(cells, N_LS_FROM * WA__MAX * ROLE__MAX * 3);
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_cell_of_the_report_table),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_no_two_rows_for_one_cell),
		cmocka_unit_test(test_same_roles_as_the_permission_matrix),
		cmocka_unit_test(test_from_masks_for_the_store),
		cmocka_unit_test(test_import_status),
		cmocka_unit_test(test_reason_length_in_characters),
		cmocka_unit_test(test_conditions_and_bad_input),
		cmocka_unit_test(test_conditions_of_every_cell),
		cmocka_unit_test(test_every_cell_of_the_lead_table),
		cmocka_unit_test(test_report_sight),
		cmocka_unit_test(test_every_cell_of_the_item_table),
		cmocka_unit_test(test_item_roles_and_the_matrix),
		cmocka_unit_test(test_item_actions_now),
		cmocka_unit_test(test_item_sight),
		cmocka_unit_test(test_every_cell_of_the_change_table),
		cmocka_unit_test(test_every_cell_of_the_actual_table),
		cmocka_unit_test(test_change_tables_keys),
		cmocka_unit_test(test_change_roles_as_the_permission_matrix),
		cmocka_unit_test(test_change_from_masks),
		cmocka_unit_test(test_change_reasons),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
