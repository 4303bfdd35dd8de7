/* workflow.c — the workflow tables (DOMAIN.md §3: reports, the issued plan's
 * change requests; §7: supervision items) and the one function that reads them. Changing who may
 * move a record from which status is changing a table here. */
#include "core/workflow.h"

#include <string.h>

#include "core/changes.h"
#include "core/funds.h"
#include "core/items.h"
#include "core/leads.h"

const char *const workflow_keys[WF__MAX] = { "report", "item", "change", "actual", "fund",
						     "lead" };
const char *const wf_action_keys[WA__MAX] = {
	"save", "submit", "verify", "return", "import",
	"reply", "answer", "resolve", "close", "reopen", "escalate",
	"propose", "approve", "reject", "withdraw",
	"consult", "pay",
	"advance", "sign", "drop",
};
const char *const wf_party_keys[WP__MAX] = { "office", "own" };
const char *const wf_outcome_keys[WFO__MAX] = {
	"ok", "skip", "forbidden", "unseen", "reason_required", "locked", "wrong_status",
};

#define OFFICE (1u << WP_OFFICE)
#define OWN (1u << WP_OWN)
#define DRAFT WF_BIT(REPORT_DRAFT)
#define SUBMITTED WF_BIT(REPORT_SUBMITTED)
#define VERIFIED WF_BIT(REPORT_VERIFIED)
#define RETURNED WF_BIT(REPORT_RETURNED)

/* DOMAIN.md §3, row by row. */
static const struct wf_rule report_rules[] = {
	{ WF_FROM_NONE, WA_SAVE, OWN | OFFICE, REPORT_DRAFT, WFO_OK, 0 },
	{ DRAFT | RETURNED, WA_SAVE, OWN, REPORT_DRAFT, WFO_OK, 0 },
	{ DRAFT | RETURNED, WA_SAVE, OFFICE, WF_UNCHANGED, WFO_OK, 0 },
	{ SUBMITTED | VERIFIED, WA_SAVE, OWN, WF_UNCHANGED, WFO_LOCKED, 0 },
	{ SUBMITTED | VERIFIED, WA_SAVE, OFFICE, WF_UNCHANGED, WFO_OK, WFC_AMENDMENT },
	{ DRAFT | RETURNED, WA_SUBMIT, OWN | OFFICE, REPORT_SUBMITTED, WFO_OK, 0 },
	{ SUBMITTED, WA_VERIFY, OFFICE, REPORT_VERIFIED, WFO_OK, 0 },
	{ SUBMITTED, WA_RETURN, OFFICE, REPORT_RETURNED, WFO_OK, WFC_REASON },
	{ WF_FROM_ANY, WA_IMPORT, OFFICE, REPORT_VERIFIED, WFO_OK, 0 },
};

static const char *const report_status_labels[REPORT_STATUS__MAX] = {
	"草稿", "已提交", "已核实", "已退回",
};

#define OPEN WF_BIT(IS_OPEN)
#define ANSWERED WF_BIT(IS_ANSWERED)
#define RESOLVED WF_BIT(IS_RESOLVED)
#define CLOSED WF_BIT(IS_CLOSED)
#define PENDING (OPEN | ANSWERED)
#define DONE (RESOLVED | CLOSED)

/* DOMAIN.md §7, supervision items (督办事项): raised by the office or by the
 * section on its own project; the owner (the project's section, or the
 * department that owns the item) replies and answers; only the office edits,
 * confirms (resolves), closes, reopens and escalates by hand. A reason here is
 * the text of the reply or answer, or why it was closed, reopened or
 * escalated. Leaders, auditors and other departments read and change nothing. */
static const struct wf_rule item_rules[] = {
	{ WF_FROM_NONE, WA_SAVE, OWN | OFFICE, IS_OPEN, WFO_OK, 0 },
	{ PENDING, WA_SAVE, OFFICE, WF_UNCHANGED, WFO_OK, 0 },
	{ DONE, WA_SAVE, OFFICE, WF_UNCHANGED, WFO_LOCKED, 0 },
	{ PENDING | DONE, WA_SAVE, OWN, WF_UNCHANGED, WFO_FORBIDDEN, 0 },
	{ PENDING, WA_REPLY, OWN | OFFICE, WF_UNCHANGED, WFO_OK, WFC_REASON },
	{ DONE, WA_REPLY, OWN | OFFICE, WF_UNCHANGED, WFO_LOCKED, WFC_REASON },
	{ PENDING, WA_ANSWER, OWN, IS_ANSWERED, WFO_OK, WFC_REASON },
	{ PENDING, WA_RESOLVE, OFFICE, IS_RESOLVED, WFO_OK, 0 },
	{ PENDING, WA_CLOSE, OFFICE, IS_CLOSED, WFO_OK, WFC_REASON },
	{ ANSWERED | DONE, WA_REOPEN, OFFICE, IS_OPEN, WFO_OK, WFC_REASON },
	{ PENDING, WA_ESCALATE, OFFICE, WF_UNCHANGED, WFO_OK, WFC_REASON },
	/* An import raises a new item open (then records the status its row
	 * gives as a further step) and gives a stored one the row's status. */
	{ WF_FROM_NONE, WA_IMPORT, OFFICE, IS_OPEN, WFO_OK, 0 },
	{ PENDING | DONE, WA_IMPORT, OFFICE, WF_UNCHANGED, WFO_OK, 0 },
};

#define CR_PENDING_BIT WF_BIT(CR_PENDING)

/* DOMAIN.md §3, the issued plan: a change to an issued year's planned dates,
 * tiers, annual or monthly plan is proposed with a reason by the project's
 * own section or the office, and approved (the values are written) or
 * rejected with a reason by the office; the proposer's side may withdraw it
 * while it is pending. */
static const struct wf_rule change_rules[] = {
	{ WF_FROM_NONE, WA_PROPOSE, OWN | OFFICE, CR_PENDING, WFO_OK, WFC_REASON },
	{ CR_PENDING_BIT, WA_APPROVE, OFFICE, CR_APPROVED, WFO_OK, 0 },
	{ CR_PENDING_BIT, WA_REJECT, OFFICE, CR_REJECTED, WFO_OK, WFC_REASON },
	{ CR_PENDING_BIT, WA_WITHDRAW, OWN | OFFICE, CR_WITHDRAWN, WFO_OK, 0 },
};

/* DOMAIN.md §3: "actual stage dates entered by a section are pending until a
 * coordinator confirms them, like reports": entered without a reason (as a
 * report is saved), confirmed or rejected (with a reason) by the office. The
 * office's own entries apply at once (core/changes.c plan_edit_check). */
static const struct wf_rule actual_rules[] = {
	{ WF_FROM_NONE, WA_PROPOSE, OWN | OFFICE, CR_PENDING, WFO_OK, 0 },
	{ CR_PENDING_BIT, WA_APPROVE, OFFICE, CR_APPROVED, WFO_OK, 0 },
	{ CR_PENDING_BIT, WA_REJECT, OFFICE, CR_REJECTED, WFO_OK, WFC_REASON },
	{ CR_PENDING_BIT, WA_WITHDRAW, OWN | OFFICE, CR_WITHDRAWN, WFO_OK, 0 },
};

/* The plan's change requests and the actual dates to confirm: one workflow
 * shape (statuses, actions, parties), each with its own rules. */
#define CHANGE_DEF(k, lbl, r) {                                                     \
	.key = k, .label = lbl, .own_label = "section on a project of its subtree", \
	.status_keys = change_status_keys, .status_labels = change_status_labels,    \
	.n_statuses = CR_STATUS__MAX,                                                \
	.actions = 1u << WA_PROPOSE | 1u << WA_APPROVE | 1u << WA_REJECT |           \
		   1u << WA_WITHDRAW,                                                 \
	.office_roles = 1u << ROLE_ADMIN | 1u << ROLE_COORDINATOR,                    \
	.own_roles = 1u << ROLE_SECTION,                                             \
	.rules = r, .n_rules = sizeof(r) / sizeof(r[0]),                             \
}
#define FAPPLIED WF_BIT(FST_APPLIED)
#define FVERIFIED WF_BIT(FST_VERIFIED)
#define FCONSULTED WF_BIT(FST_CONSULTED)
#define FPAYING WF_BIT(FST_PAYING)
#define FOPEN (FAPPLIED | FVERIFIED | FCONSULTED)
#define FDONE (WF_BIT(FST_PAID) | WF_BIT(FST_REJECTED))

/* DOMAIN.md §7, policy fulfilment (政策兑现): an application is entered (申领)
 * by the department that receives it or by the office; each later step is
 * made by the department owning it (the policy names one per step) or by the
 * office, in order: 核实 from applied, 会商 from verified, 拨付 from consulted
 * and again while part is unpaid (core/funds.c makes it paid once the amount
 * approved is paid in full). Any step not yet paid may reject it, with a
 * reason. A payment before 会商 is refused (409 wrong_status), as is any
 * step of a paid or rejected application. Only the office edits an
 * application's fields, and not once money is paid or it is rejected.
 * Sections, leaders and auditors read. An import writes the row's steps as
 * its dates give them (core/funds.c checks their order). */
static const struct wf_rule fund_rules[] = {
	{ WF_FROM_NONE, WA_SAVE, OWN | OFFICE, FST_APPLIED, WFO_OK, 0 },
	{ FOPEN, WA_SAVE, OFFICE, WF_UNCHANGED, WFO_OK, WFC_AMENDMENT },
	{ FPAYING | FDONE, WA_SAVE, OFFICE, WF_UNCHANGED, WFO_LOCKED, 0 },
	{ FOPEN | FPAYING | FDONE, WA_SAVE, OWN, WF_UNCHANGED, WFO_FORBIDDEN, 0 },
	{ FAPPLIED, WA_VERIFY, OWN | OFFICE, FST_VERIFIED, WFO_OK, 0 },
	{ FVERIFIED, WA_CONSULT, OWN | OFFICE, FST_CONSULTED, WFO_OK, 0 },
	{ FCONSULTED | FPAYING, WA_PAY, OWN | OFFICE, FST_PAYING, WFO_OK, 0 },
	{ FOPEN, WA_REJECT, OWN | OFFICE, FST_REJECTED, WFO_OK, WFC_REASON },
	{ WF_FROM_NONE, WA_IMPORT, OFFICE, FST_APPLIED, WFO_OK, 0 },
	{ FOPEN | FPAYING | FDONE, WA_IMPORT, OFFICE, WF_UNCHANGED, WFO_OK, 0 },
};

#define L_LEAD WF_BIT(LS_LEAD)
#define L_TALKS WF_BIT(LS_TALKS)
#define L_INTENT WF_BIT(LS_INTENT)
#define L_SIGNED WF_BIT(LS_SIGNED)
#define L_DROPPED WF_BIT(LS_DROPPED)
#define L_ACTIVE (L_LEAD | L_TALKS | L_INTENT)

/* The lead pool (招商线索, issue #16; h-leads): a section registers a lead it
 * follows, the office any lead; the following unit and the office move it
 * along 线索 → 洽谈 → 意向, sign it from 意向 (it becomes a project) or drop
 * it with a reason, and keep its log of notes and visits (a reply; no log on
 * a dropped lead). The office edits it while it is open and may reopen a
 * dropped one (with a reason). An import gives a lead the stage its row
 * names. Other sections, departments, leaders and auditors only read. */
static const struct wf_rule lead_rules[] = {
	{ WF_FROM_NONE, WA_SAVE, OWN | OFFICE, LS_LEAD, WFO_OK, 0 },
	{ L_ACTIVE, WA_SAVE, OWN | OFFICE, WF_UNCHANGED, WFO_OK, 0 },
	{ L_SIGNED | L_DROPPED, WA_SAVE, OWN | OFFICE, WF_UNCHANGED, WFO_LOCKED, 0 },
	{ L_LEAD, WA_ADVANCE, OWN | OFFICE, LS_TALKS, WFO_OK, 0 },
	{ L_TALKS, WA_ADVANCE, OWN | OFFICE, LS_INTENT, WFO_OK, 0 },
	{ L_INTENT, WA_SIGN, OWN | OFFICE, LS_SIGNED, WFO_OK, 0 },
	{ L_ACTIVE, WA_DROP, OWN | OFFICE, LS_DROPPED, WFO_OK, WFC_REASON },
	{ L_ACTIVE | L_SIGNED, WA_REPLY, OWN | OFFICE, WF_UNCHANGED, WFO_OK, WFC_REASON },
	{ L_DROPPED, WA_REPLY, OWN | OFFICE, WF_UNCHANGED, WFO_LOCKED, WFC_REASON },
	{ L_DROPPED, WA_REOPEN, OFFICE, LS_LEAD, WFO_OK, WFC_REASON },
	/* An import registers a new lead (then sets the row's stage) and gives
	 * a stored one the row's stage. */
	{ WF_FROM_NONE, WA_IMPORT, OFFICE, LS_LEAD, WFO_OK, 0 },
	{ L_ACTIVE | L_SIGNED | L_DROPPED, WA_IMPORT, OFFICE, WF_UNCHANGED, WFO_OK, 0 },
};

#define CHANGE_ACTIONS (1u << WA_PROPOSE | 1u << WA_APPROVE | 1u << WA_REJECT | \
			1u << WA_WITHDRAW)

static const struct workflow_def defs[WF__MAX] = {
	[WF_REPORT] = {
		.key = "report",
		.label = "月度填报",
		.own_label = "section on a project of its subtree",
		.status_keys = report_status_keys,
		.status_labels = report_status_labels,
		.n_statuses = REPORT_STATUS__MAX,
		.actions = 1u << WA_SAVE | 1u << WA_SUBMIT | 1u << WA_VERIFY | 1u << WA_RETURN |
			   1u << WA_IMPORT,
		.office_roles = 1u << ROLE_ADMIN | 1u << ROLE_COORDINATOR,
		.own_roles = 1u << ROLE_SECTION,
		.rules = report_rules,
		.n_rules = sizeof(report_rules) / sizeof(report_rules[0]),
		/* "other statuses are skipped, not errors" */
		.otherwise = { [WA_SUBMIT] = WFO_SKIP },
	},
	[WF_ITEM] = {
		.key = "item",
		.label = "督办事项",
		.own_label = "section on a project of its subtree, or department owning the item",
		.status_keys = item_status_keys,
		.status_labels = item_status_labels,
		.n_statuses = IS__MAX,
		.actions = 1u << WA_SAVE | 1u << WA_REPLY | 1u << WA_ANSWER | 1u << WA_RESOLVE |
			   1u << WA_CLOSE | 1u << WA_REOPEN | 1u << WA_ESCALATE | 1u << WA_IMPORT,
		.office_roles = 1u << ROLE_ADMIN | 1u << ROLE_COORDINATOR,
		.own_roles = 1u << ROLE_SECTION | 1u << ROLE_DEPARTMENT,
		.rules = item_rules,
		.n_rules = sizeof(item_rules) / sizeof(item_rules[0]),
	},
	[WF_CHANGE] = CHANGE_DEF("change", "计划变更", change_rules),
	[WF_ACTUAL] = CHANGE_DEF("actual", "实际日期确认", actual_rules),
	[WF_FUND] = {
		.key = "fund",
		.label = "政策兑现",
		.own_label = "department owning the step the application waits for",
		.status_keys = fund_status_keys,
		.status_labels = fund_status_labels,
		.n_statuses = FST__MAX,
		.actions = 1u << WA_SAVE | 1u << WA_VERIFY | 1u << WA_CONSULT | 1u << WA_PAY |
			   1u << WA_REJECT | 1u << WA_IMPORT,
		.office_roles = 1u << ROLE_ADMIN | 1u << ROLE_COORDINATOR,
		.own_roles = 1u << ROLE_DEPARTMENT,
		.rules = fund_rules,
		.n_rules = sizeof(fund_rules) / sizeof(fund_rules[0]),
	},
	/* h-leads */
	[WF_LEAD] = {
		.key = "lead",
		.label = "招商线索",
		.own_label = "section following the lead (its subtree holds the following unit)",
		.status_keys = lead_stage_keys,
		.status_labels = lead_stage_labels,
		.n_statuses = LS__MAX,
		.actions = 1u << WA_SAVE | 1u << WA_ADVANCE | 1u << WA_SIGN | 1u << WA_DROP |
			   1u << WA_REPLY | 1u << WA_REOPEN | 1u << WA_IMPORT,
		.office_roles = 1u << ROLE_ADMIN | 1u << ROLE_COORDINATOR,
		.own_roles = 1u << ROLE_SECTION,
		.rules = lead_rules,
		.n_rules = sizeof(lead_rules) / sizeof(lead_rules[0]),
	},
};

const struct workflow_def *workflow_def(enum workflow wf)
{
	return (unsigned)wf < WF__MAX ? &defs[wf] : NULL;
}

int workflow_from_key(const char *key)
{
	int w;

	for (w = 0; w < WF__MAX; w++)
		if (!strcmp(key, workflow_keys[w]))
			return w;
	return -1;
}

/* The parties role can be in d (ignoring the record). */
static unsigned parties_of_role(const struct workflow_def *d, enum role role)
{
	unsigned p = 0;

	if ((unsigned)role >= ROLE__MAX)
		return 0;
	if (d->office_roles & (1u << role))
		p |= OFFICE;
	if (d->own_roles & (1u << role))
		p |= OWN;
	return p;
}

/* The parties the caller is for this record. */
static unsigned parties_of(const struct workflow_def *d, enum role role, enum wf_sight sight)
{
	unsigned p = parties_of_role(d, role);

	if (sight != WF_OWNS)
		p &= ~OWN;
	return p;
}

static int from_bit_ok(const struct workflow_def *d, int from, unsigned *bit)
{
	if (from == WF_NONE) {
		*bit = WF_FROM_NONE;
		return 1;
	}
	if (from < 0 || from >= d->n_statuses)
		return 0;
	*bit = WF_BIT(from);
	return 1;
}

int workflow_role_may(enum workflow wf, enum wf_action act, enum role role)
{
	const struct workflow_def *d = workflow_def(wf);
	unsigned may;
	size_t i;

	if (!d || (unsigned)act >= WA__MAX || !(d->actions & (1u << act)))
		return 0;
	may = parties_of_role(d, role);
	for (i = 0; i < d->n_rules; i++)
		if (d->rules[i].act == act && (d->rules[i].who & may) &&
		    d->rules[i].refuse == WFO_OK)
			return 1;
	return 0;
}

int workflow_reason_ok(const char *s)
{
	size_t chars = 0;

	if (!s)
		return 0;
	for (; *s; s++)
		chars += ((unsigned char)*s & 0xC0) != 0x80;
	return chars >= 1 && chars <= 2000;
}

enum wf_outcome workflow_decide(const struct wf_request *q, int *to, unsigned *conds)
{
	const struct workflow_def *d = workflow_def(q->wf);
	unsigned have, bit;
	size_t i;

	if (to)
		*to = WF_UNCHANGED;
	if (conds)
		*conds = 0;
	if (!workflow_role_may(q->wf, q->act, q->role))
		return WFO_FORBIDDEN;
	if (q->sight == WF_UNSEEN)
		return WFO_UNSEEN;
	have = parties_of(d, q->role, q->sight);
	if (!have)
		return WFO_FORBIDDEN;
	for (i = 0; i < d->n_rules; i++)
		if (d->rules[i].act == q->act && (d->rules[i].who & have) &&
		    (d->rules[i].conds & WFC_REASON) && !workflow_reason_ok(q->reason))
			return WFO_NEED_REASON;
	if (!from_bit_ok(d, q->from, &bit))
		return WFO_WRONG_STATUS;
	for (i = 0; i < d->n_rules; i++) {
		const struct wf_rule *r = &d->rules[i];

		if (r->act != q->act || !(r->who & have) || !(r->from & bit))
			continue;
		if (r->refuse != WFO_OK)
			return r->refuse;
		if (to)
			*to = r->to;
		if (conds)
			*conds = r->conds;
		return WFO_OK;
	}
	return d->otherwise[q->act] == WFO_SKIP ? WFO_SKIP : WFO_WRONG_STATUS;
}

unsigned workflow_from_mask(enum workflow wf, enum wf_action act, enum role role,
			    enum wf_sight sight, int to)
{
	const struct workflow_def *d = workflow_def(wf);
	struct wf_request q = { wf, WF_NONE, act, role, sight, NULL };
	unsigned mask = 0;
	int s, got;

	if (!d)
		return 0;
	/* A reason is the caller's to give; the mask is about statuses. */
	q.reason = "-";
	for (s = WF_NONE; s < d->n_statuses; s++) {
		q.from = s;
		if (workflow_decide(&q, &got, NULL) == WFO_OK && got == to)
			mask |= s == WF_NONE ? WF_FROM_NONE : WF_BIT(s);
	}
	return mask;
}

unsigned workflow_actions_now(enum workflow wf, enum role role, enum wf_sight sight, int from)
{
	const struct workflow_def *d = workflow_def(wf);
	struct wf_request q = { wf, from, WA_SAVE, role, sight, "-" };
	unsigned mask = 0;
	int a;

	if (!d)
		return 0;
	for (a = 0; a < WA__MAX; a++) {
		if (!(d->actions & (1u << a)) || a == WA_IMPORT)
			continue;
		q.act = (enum wf_action)a;
		if (workflow_decide(&q, NULL, NULL) == WFO_OK)
			mask |= 1u << a;
	}
	return mask;
}

int workflow_to_from_any(enum workflow wf, enum wf_action act, enum role role)
{
	const struct workflow_def *d = workflow_def(wf);
	struct wf_request q = { wf, WF_NONE, act, role, WF_SEEN, "-" };
	int s, got, to = WF_UNCHANGED;

	if (!d)
		return -1;
	for (s = WF_NONE; s < d->n_statuses; s++) {
		q.from = s;
		if (workflow_decide(&q, &got, NULL) != WFO_OK || got == WF_UNCHANGED ||
		    (s != WF_NONE && got != to))
			return -1;
		to = got;
	}
	return to;
}

enum wf_sight workflow_report_sight(const struct actor *a, const struct dataset *ds,
				    const struct project *p)
{
	if (!access_project_visible(a, ds, p))
		return WF_UNSEEN;
	if (a->unit_id && dataset_in_subtree(ds, p->section_id, a->unit_id))
		return WF_OWNS;
	return WF_SEEN;
}

enum wf_sight workflow_item_sight(const struct actor *a, const struct dataset *ds,
				  const struct project *p, int64_t owner_id)
{
	if (!access_item_visible(a, ds, p, owner_id))
		return WF_UNSEEN;
	if (a->role == ROLE_SECTION && a->unit_id &&
	    (dataset_in_subtree(ds, p->section_id, a->unit_id) ||
	     (owner_id && dataset_in_subtree(ds, owner_id, a->unit_id))))
		return WF_OWNS;
	if (a->role == ROLE_DEPARTMENT && a->unit_id && owner_id == a->unit_id)
		return WF_OWNS;
	return WF_SEEN;
}

enum wf_sight workflow_fund_sight(const struct actor *a, const struct dataset *ds,
				  const struct project *p, const struct policy *pol, int from)
{
	int step = from == WF_NONE ? FS_APPLY : fund_status_step((enum fund_status)from);

	if (!access_application_visible(a, ds, p, pol))
		return WF_UNSEEN;
	if (a->role == ROLE_DEPARTMENT && a->unit_id && step >= 0 && pol->owner[step] == a->unit_id)
		return WF_OWNS;
	return WF_SEEN;
}

enum wf_sight workflow_lead_sight(const struct actor *a, const struct dataset *ds,
				  const struct lead *l)
{
	if (!access_allows(a->role, RES_LEADS, ACT_READ))
		return WF_UNSEEN;
	if (a->role == ROLE_SECTION && a->unit_id && l->followed_by &&
	    dataset_in_subtree(ds, l->followed_by, a->unit_id))
		return WF_OWNS;
	return WF_SEEN;
}
