/* funds.h — policy fulfilment (政策兑现, DOMAIN.md §7): policies (政策) and
 * companies' applications for their money, moved step by step — applied 申领
 * → verified 核实 → consulted 会商 (the amount approved) → disbursed 拨付
 * (in one or several payments, never more than approved) — or rejected
 * (不予支持) with a reason. Each step after the application has an owner
 * unit and a time limit in working days (core/workdays.h) from the step
 * before; a step not done within it is overdue (超期未兑现), a red warning
 * (DOMAIN.md §6). An application's state on any day follows from its dated
 * steps and payments, so lists and warnings as of a past day are
 * reproducible. Pure: the store keeps them, core/workflow.c's WF_FUND says
 * who may do what. */
#ifndef BL_FUNDS_H
#define BL_FUNDS_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/workdays.h"
#include "core/workflow.h"
#include "util/error.h"

enum policy_kind {
	POLICY_MAJOR_INDUSTRIAL, /* 重大产业项目扶持专项资金 */
	POLICY_LISTING,          /* 上市奖励 */
	POLICY_SPECIALISED,      /* 专精特新 */
	POLICY_OTHER,            /* 其他 */
	POLICY_KIND__MAX
};
extern const char *const policy_kind_keys[POLICY_KIND__MAX];   /* "major_industrial", … */
extern const char *const policy_kind_labels[POLICY_KIND__MAX]; /* "重大产业项目扶持专项资金", … */

/* The steps, in order. A policy gives each its owner unit and each after
 * the first its time limit. */
enum fund_step {
	FS_APPLY,   /* 申领: the company applies; the owner receives it */
	FS_VERIFY,  /* 核实 */
	FS_CONSULT, /* 会商: the amount approved is decided */
	FS_PAY,     /* 拨付: paid in full */
	FS__MAX
};
extern const char *const fund_step_keys[FS__MAX];   /* "apply", "verify", "consult", "pay" */
extern const char *const fund_step_labels[FS__MAX]; /* "申领", "核实", "会商", "拨付" */

/* The longest time limit a policy may give a step, in working days (about
 * a year). */
#define FUND_LIMIT_MAX 250
#define FUND_NAME_MAX 200

struct policy {
	int64_t id;       /* 0 before it is stored */
	char *name;       /* 政策名称, required, unique */
	enum policy_kind kind;
	int year;         /* 年度, 2000–2099 */
	int limit[FS__MAX];       /* working days from the step before; [FS_APPLY] is 0 */
	int64_t owner[FS__MAX];   /* the owner unit of each step (a unit id) */
	int64_t version;
};
void policy_init(struct policy *p);
void policy_release(struct policy *p);
/* NULL when p may be stored, else a static English reason and *field the
 * member to blame: a name of 1–200 characters, a year 2000–2099, each limit
 * after the first 1–FUND_LIMIT_MAX, each owner set. */
const char *policy_problem(const struct policy *p, const char **field);

/* The workflow's statuses (core/workflow.c WF_FUND). */
enum fund_status {
	FST_APPLIED,    /* 已申领: waiting for 核实 */
	FST_VERIFIED,   /* 已核实: waiting for 会商 */
	FST_CONSULTED,  /* 已会商: the amount approved, nothing paid yet */
	FST_PAYING,     /* 部分拨付: paid part of the amount approved */
	FST_PAID,       /* 已拨付: paid in full */
	FST_REJECTED,   /* 不予支持 */
	FST__MAX
};
extern const char *const fund_status_keys[FST__MAX];   /* "applied", … */
extern const char *const fund_status_labels[FST__MAX]; /* "已申领", … */

/* The step an application in status s waits for: applied → 核实, verified →
 * 会商, consulted or paying → 拨付; -1 for paid and rejected. */
int fund_status_step(enum fund_status s);

struct fund_payment {
	bl_day on;
	int64_t yuan; /* > 0 */
};

/* An application (申请). Strings and payments owned; application_release
 * frees them. Dates DAY_NONE and amounts 0 until their step. */
struct application {
	int64_t id;
	char *company;        /* 企业名称, required */
	char *uscc;           /* 统一社会信用代码, required */
	int64_t project_id;   /* 0: none */
	int64_t policy_id;
	int64_t amount;       /* 申请金额, yuan, > 0 */
	bl_day applied_on, verified_on, consulted_on, rejected_on;
	int64_t approved;     /* 核定金额 at 会商, yuan, 1…amount */
	struct fund_payment *payments; /* by day */
	size_t n_payments;
	char *reason;         /* why rejected */
	enum fund_status status;
	int64_t version;
};
void application_init(struct application *a);
void application_release(struct application *a);
void application_copy(struct application *dst, const struct application *src);
/* Append a payment (no checks: application_next and the import check). */
void application_add_payment(struct application *a, bl_day on, int64_t yuan);

/* NULL when a's own fields may be stored, else a static English reason and
 * *field the member to blame: a company name of 1–200 characters, a USCC of
 * 18 characters from the code's alphabet (a wrong check character is only a
 * warning, as for projects, DOMAIN.md §3: uscc_problem tells it), an amount
 * 1 yuan…AMOUNT_MAX, the steps' dates in order (verified ≥ applied, …), an
 * approved amount not above the amount, payments after 会商 summing to at most
 * the approved amount, a rejection with a reason and no payment. */
const char *application_problem(const struct application *a, const char **field);

/* The status a's days and payments give (its state after its last step):
 * rejected, paid (payments reach the amount approved), paying, consulted,
 * verified, applied. */
enum fund_status application_status(const struct application *a);

/* What an application is on a day. */
struct fund_state {
	enum fund_status status;
	int64_t paid;        /* yuan paid by then */
	int pending;         /* the step waited for (enum fund_step), -1 when none
	                      * (paid in full or rejected) */
	bl_day since;        /* the day of the step before the pending one */
};
/* The state of a at the end of day d; 0 when a was not applied for by then
 * (out untouched), 1 otherwise. */
int application_at(const struct application *a, bl_day d, struct fund_state *out);

/* The pending step's time against the policy's limit. */
struct fund_clock {
	int step;         /* the pending step (enum fund_step); -1 when none */
	bl_day since;     /* the day of the step before */
	bl_day due;       /* the last working day within the limit */
	int limit;        /* working days allowed */
	int used;         /* working days in (since, d] */
	int late;         /* working days past the limit: used − limit when > 0, else 0 */
	int64_t owner;    /* the pending step's owner unit */
};
/* DOMAIN.md §6, 超期未兑现: the pending step of a at the end of day d on
 * calendar cal. A step may take limit working days after the day of the step
 * before (that day not counted): due is the limit-th working day after it,
 * and the step is overdue from the next working day on — when the working
 * days in (since, d] exceed the limit. A weekend or holiday after due adds no
 * working day, so a step due on a Friday is overdue on the Monday after.
 * Returns 1 when overdue, 0 when not (or nothing is pending, clock->step
 * -1), and -1 when a was not applied for by d. */
int application_clock(const struct application *a, const struct policy *p,
		      const struct workcal *cal, bl_day d, struct fund_clock *clock);

/* What a caller gives with a step. */
struct fund_change {
	bl_day on;           /* the step's day */
	int64_t yuan;        /* consult: the amount approved; pay: the payment */
	const char *reason;  /* reject: why (1–2000 characters) */
};

/* The application a step makes of a: act (enum wf_action of core/workflow.h:
 * WA_VERIFY, WA_CONSULT, WA_PAY, WA_REJECT), the workflow table having
 * allowed it (it refuses a payment before 会商 and any step of a paid or
 * rejected application). *next is a copy with the step (release with
 * application_release): a payment that completes the amount approved makes
 * it FST_PAID, else FST_PAYING. NULL on success; else a static English
 * reason, *field the member to blame, and nothing is made: a day before the
 * step before (or the last payment), an amount approved outside 1 yuan … the
 * amount applied, a payment of 0 or more than the amount approved still
 * unpaid ("more than the amount approved still unpaid"), a rejection without
 * a reason. */
const char *application_next(const struct application *a, int act, const struct fund_change *c,
			     struct application *next, const char **field);

/* ---- a step by a caller, in a transaction (funds_act.c) ---- */

/* How a step went. outcome is the workflow's answer (WFO_OK when it was
 * allowed); when it was allowed but could not be made, err says why
 * (BL_EINVAL: the change is wrong, field the member to blame; BL_ECONFLICT:
 * stale; BL_ENOTFOUND: no such application or policy; BL_EDB). msg is one
 * English sentence. */
struct fund_result {
	enum wf_outcome outcome;
	enum bl_err err;
	const char *field;
	char msg[256];
};
struct store;
struct actor;
/* Enter application *a (id 0, status applied, its fields set: company, uscc,
 * policy_id, amount, applied_on, project_id or 0) as actor who: the workflow
 * (WF_FUND save from none) by the caller's sight on the policy's 申领 owner,
 * then application_problem, then the insert, audited. On success *a has its
 * id and version. */
void fund_enter(struct store *st, const struct actor *who, struct application *a,
		struct fund_result *res);
/* Make step act (WA_VERIFY, WA_CONSULT, WA_PAY, WA_REJECT) with c on
 * application id as actor who, at version (0: whatever it is now; else a
 * different stored version is stale), in one transaction: the workflow table
 * by the caller's sight, then application_next, then the write, audited.
 * *now (may be NULL) gets the application as it is afterwards (also after a
 * refusal, when it exists; release with application_release). */
void fund_step(struct store *st, const struct actor *who, int64_t id, int64_t version, int act,
	       const struct fund_change *c, struct application *now, struct fund_result *res);

/* The policy kind, step or status named s by key or label; -1 when none. */
int policy_kind_from_text(const char *s);
int fund_step_from_text(const char *s);
int fund_status_from_text(const char *s);

#endif
