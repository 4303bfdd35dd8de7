/* workflow.h — the workflows of DOMAIN.md as tables: for each, which action
 * takes a record from which statuses, done by whom, to which status, and on
 * what conditions (a reason, the record locked). What access.h is for
 * permissions: the HTTP handlers and the importer ask here, and none of them
 * writes a from-status of its own. Reports and the issued plan's change
 * requests (DOMAIN.md §3), supervision items and fund applications (§7). */
#ifndef BL_WORKFLOW_H
#define BL_WORKFLOW_H

#include <stddef.h>

#include "core/access.h"
#include "core/model.h"

enum workflow {
	WF_REPORT, /* 月度填报: monthly reports, statuses enum report_status */
	WF_ITEM,   /* 督办事项: supervision items, statuses enum item_status (core/items.h) */
	WF_CHANGE, /* 计划变更: a change to an issued plan, statuses enum change_status */
	WF_ACTUAL, /* 实际日期确认: an actual stage date a section entered after the
	            * issue, pending until the office confirms it; enum change_status */
	WF_FUND,   /* 政策兑现: a fund application, statuses enum fund_status (core/funds.h) */
	/* The lead pool (h-leads, issue #16). */
	WF_LEAD,   /* 招商线索: an investment lead, statuses enum lead_stage (core/leads.h) */
	WF__MAX
};
extern const char *const workflow_keys[WF__MAX]; /* "report", "item", "change", "actual", "fund", "lead" */

/* What is done to a record; one list for every workflow. */
enum wf_action {
	WA_SAVE,   /* create or change the content (保存) */
	WA_SUBMIT, /* 提交 */
	WA_VERIFY, /* 核实 */
	WA_RETURN, /* 退回 */
	WA_IMPORT, /* written by an import (导入) */
	/* Supervision items (WF_ITEM). */
	WA_REPLY,    /* 回复: a note or an attachment note on the timeline */
	WA_ANSWER,   /* 答复: the owner's answer */
	WA_RESOLVE,  /* 办结: the office confirms it solved */
	WA_CLOSE,    /* 关闭: the office closes it unsolved (a duplicate, moot) */
	WA_REOPEN,   /* 重新打开 */
	WA_ESCALATE, /* 升级: one level up (the daily escalation acts as the office) */
	/* Change requests to an issued plan (WF_CHANGE, WF_ACTUAL). */
	WA_PROPOSE,  /* a change request is made (提出) */
	WA_APPROVE,  /* 批准 (a change) or 确认 (an actual date): the values are written */
	WA_REJECT,   /* 驳回, with a reason */
	WA_WITHDRAW, /* 撤回: the proposer's side takes it back */
	/* Fund applications (WF_FUND; 核实 is WA_VERIFY, 不予支持 WA_REJECT). */
	WA_CONSULT,  /* 会商: the amount approved is decided */
	WA_PAY,      /* 拨付: a payment, in full or in part */
	/* The lead pool (WF_LEAD; h-leads). WA_REPLY adds a note or a visit to
	 * its log, WA_REOPEN takes a dropped lead back to 线索. */
	WA_ADVANCE,  /* 推进: 线索 → 洽谈 → 意向 */
	WA_SIGN,     /* 签约: the lead becomes a project */
	WA_DROP,     /* 放弃, with a reason */
	WA__MAX
};
extern const char *const wf_action_keys[WA__MAX]; /* "save", … */

/* Who acts, as the tables name them. A role is a party by a workflow's
 * office_roles and own_roles (below). */
enum wf_party {
	WP_OFFICE, /* 项目办: coordinator or admin */
	WP_OWN,    /* the record's own unit: a section user on a project of its subtree;
	            * for an item also the department user that owns it; for a fund
	            * application the department owning its pending step */
	WP__MAX
};
extern const char *const wf_party_keys[WP__MAX]; /* "office", "own" */

/* How the caller stands to the record (access.c's row rules). */
enum wf_sight {
	WF_UNSEEN, /* cannot see it: it does not exist for them */
	WF_SEEN,   /* sees it */
	WF_OWNS,   /* sees it and it belongs to the caller's unit */
};

/* The outcome of asking a table. No HTTP here; the comment says what the
 * server answers. */
enum wf_outcome {
	WFO_OK,           /* allowed: the record goes to the rule's status */
	WFO_SKIP,         /* a batch passes over this record; not an error */
	WFO_FORBIDDEN,    /* 403: this role never does this action */
	WFO_UNSEEN,       /* 404: the caller cannot see the record */
	WFO_NEED_REASON,  /* 400: a reason of 1–2000 characters is required */
	WFO_LOCKED,       /* 409 locked: closed to this caller in this status */
	WFO_WRONG_STATUS, /* 409: the action does not apply to this status */
	WFO__MAX
};
extern const char *const wf_outcome_keys[WFO__MAX]; /* "ok", "skip", … */

/* Statuses in from-masks: bit s for status s of the workflow, and "no record
 * yet". A to-status is a status or WF_UNCHANGED. */
#define WF_BIT(s) (1u << (s))
#define WF_FROM_NONE (1u << 31)
#define WF_FROM_ANY (~0u)
#define WF_NONE (-1)      /* as a from-status: the record does not exist yet */
#define WF_UNCHANGED (-2) /* as a to-status: the record keeps its status */

/* Conditions of a rule. */
#define WFC_REASON 1u    /* needs a reason (a text: an item's answer or reply) of
                         * 1–2000 characters */
#define WFC_AMENDMENT 2u /* changes a submitted or verified record: the audit keeps the old value */

/* One row: from a status in from, action act, by a party in who (bits
 * 1 << enum wf_party): to (or, when refuse is not WFO_OK, that refusal). */
struct wf_rule {
	unsigned from;
	enum wf_action act;
	unsigned who;
	int to;
	enum wf_outcome refuse;
	unsigned conds;
};

struct workflow_def {
	const char *key;                  /* "report" */
	const char *label;                /* "月度填报" */
	const char *own_label;            /* who "own" is, in English, for the printed table */
	const char *const *status_keys;   /* its statuses' keys */
	const char *const *status_labels; /* and their Chinese names */
	int n_statuses;
	unsigned actions;                 /* 1 << enum wf_action: the actions it has */
	unsigned office_roles, own_roles; /* 1 << enum role: who is WP_OFFICE, who may be WP_OWN */
	const struct wf_rule *rules;
	size_t n_rules;
	/* For an action some rule gives the caller's party but none from this
	 * status: WFO_WRONG_STATUS (the default, 0 here) or WFO_SKIP. */
	enum wf_outcome otherwise[WA__MAX];
};

/* The table of wf (static; never NULL for wf < WF__MAX). */
const struct workflow_def *workflow_def(enum workflow wf);
/* The workflow named key ("report"); -1 when none. */
int workflow_from_key(const char *key);

/* A question to a table. */
struct wf_request {
	enum workflow wf;
	int from;            /* the record's status, or WF_NONE */
	enum wf_action act;
	enum role role;
	enum wf_sight sight;
	const char *reason;  /* the reason given (UTF-8), or NULL */
};

/* May role do act on wf at all (some rule names a party the role can be)? */
int workflow_role_may(enum workflow wf, enum wf_action act, enum role role);

/* The outcome of q, checked in this order: the role never does act
 * (WFO_FORBIDDEN); the record is unseen (WFO_UNSEEN); a rule of act for the
 * caller's party needs a reason and none of 1–2000 characters is given
 * (WFO_NEED_REASON); then the first rule from q->from: its refusal, or WFO_OK
 * with *to (may be NULL) set to its status or WF_UNCHANGED (*conds, may be
 * NULL, its conditions); no rule: the workflow's otherwise for act. */
enum wf_outcome workflow_decide(const struct wf_request *q, int *to, unsigned *conds);

/* The statuses (WF_BIT(s), and WF_FROM_NONE) from which the caller may do act
 * and reach to (WF_UNCHANGED included), e.g. the from_mask of the store's
 * store_report_transition. 0 when none. */
unsigned workflow_from_mask(enum workflow wf, enum wf_action act, enum role role,
			    enum wf_sight sight, int to);

/* The status act by role gives from every status and from none, when that is
 * one status (an import's); -1 when it is refused or differs by status. */
int workflow_to_from_any(enum workflow wf, enum wf_action act, enum role role);

/* The actions (1 << enum wf_action) that role, standing so to a record in
 * status from, may do now by the table (a reason taken as given): what a
 * screen offers. */
unsigned workflow_actions_now(enum workflow wf, enum role role, enum wf_sight sight, int from);

/* 1 when s is a reason of 1–2000 characters (UTF-8 code points). */
int workflow_reason_ok(const char *s);

/* How the caller stands to a report of project p (units from ds): unseen
 * when access.c hides p, owns when p is in the caller's unit subtree. A
 * change request of p stands as its project does. */
enum wf_sight workflow_report_sight(const struct actor *a, const struct dataset *ds,
				    const struct project *p);
/* How the caller stands to an item of project p owned by unit owner_id
 * (0: an item not yet raised): unseen when access_item_visible says so;
 * owns for a section user when p is in its subtree, for a department user
 * when it is the owner. */
enum wf_sight workflow_item_sight(const struct actor *a, const struct dataset *ds,
				  const struct project *p, int64_t owner_id);

struct policy;
/* How the caller stands to a fund application of policy pol in status from
 * (WF_NONE: one being made) on project p (NULL: none): unseen when
 * access_application_visible says so; owns for a department user owning the
 * step the application waits for (from WF_NONE: 申领; applied: 核实;
 * verified: 会商; consulted or paying: 拨付). */
enum wf_sight workflow_fund_sight(const struct actor *a, const struct dataset *ds,
				  const struct project *p, const struct policy *pol, int from);
struct lead;
/* How the caller stands to lead l (units ds): every role that reads leads
 * sees every lead (the pool is shared, DOMAIN.md §7); owns for a section
 * user whose subtree holds the unit following it (for a lead not yet
 * stored, l->followed_by: the unit it is to be followed by). */
enum wf_sight workflow_lead_sight(const struct actor *a, const struct dataset *ds,
				  const struct lead *l);

#endif
