/* changes.h — the issued plan (任务书) and its change requests (DOMAIN.md §3):
 * once a coordinator issues a year's list, the plan fields of that year (a
 * listed project's planned dates, the listing's tiers, annual and monthly
 * plans) change only by an approved change request, and an actual stage date
 * a section enters is pending until the office confirms it. The project and
 * listing rows always hold the official values; a request holds the proposed
 * ones until it is approved. Pure rules here; changes_store.c runs them
 * against the store, the workflows are tables in workflow.c. */
#ifndef BL_CHANGES_H
#define BL_CHANGES_H

#include <stddef.h>
#include <stdint.h>

#include "core/access.h"
#include "core/model.h"
#include "core/workflow.h"
#include "util/error.h"

/* The fields a change request may carry. */
enum change_field {
	/* the plan of a project listed in an issued year */
	CF_PLANNED_START,      /* 计划开工 */
	CF_PLANNED_COMPLETION, /* 计划竣工 */
	CF_PLANNED_PRODUCTION, /* 计划投产 */
	/* the plan of the request's year: its listing */
	CF_TIERS,              /* 层级 */
	CF_ANNUAL_PLAN,        /* 年度计划投资 */
	CF_MONTH_PLAN,         /* 分月计划 */
	/* the actual dates (stage_on[] in stage order, then land and permit) */
	CF_SIGNED_ON,          /* 签约日期 */
	CF_FILED_ON,           /* 备案日期 */
	CF_STARTED_ON,         /* 开工日期 */
	CF_COMPLETED_ON,       /* 竣工日期 */
	CF_PRODUCTION_ON,      /* 投产日期 */
	CF_CAPACITY_ON,        /* 达产日期 */
	CF_LAND_ON,            /* 拿地日期 */
	CF_PERMIT_ON,          /* 施工许可日期 */
	CF__MAX
};
#define CF_BIT(f) (1u << (f))
/* The project's planned dates. */
#define CF_PLAN_PROJECT (CF_BIT(CF_PLANNED_START) | CF_BIT(CF_PLANNED_COMPLETION) | \
			 CF_BIT(CF_PLANNED_PRODUCTION))
/* The listing's plan of the year. */
#define CF_PLAN_LISTING (CF_BIT(CF_TIERS) | CF_BIT(CF_ANNUAL_PLAN) | CF_BIT(CF_MONTH_PLAN))
#define CF_PLAN (CF_PLAN_PROJECT | CF_PLAN_LISTING)
#define CF_ACTUAL (((CF_BIT(CF_PERMIT_ON) << 1) - 1) & ~CF_PLAN)
/* The date fields: a day each. */
#define CF_DATES (CF_PLAN_PROJECT | CF_ACTUAL)
/* The JSON and CLI key of each field, as the project and listing JSON name
 * it: "planned_start", "tiers", "annual_plan_yuan", "month_plan_yuan",
 * "signed_on", …; and the Chinese label. */
extern const char *const change_field_keys[CF__MAX];
extern const char *const change_field_labels[CF__MAX];
/* The field keyed s; -1 when none. */
int change_field_from_key(const char *s);

/* A change request changes the plan (WF_CHANGE) or enters actual dates
 * (WF_ACTUAL); never both. */
enum change_kind {
	CK_PLAN,   /* 计划变更 */
	CK_ACTUAL, /* 实际日期 */
	CK__MAX
};
extern const char *const change_kind_keys[CK__MAX];   /* "plan", "actual" */
extern const char *const change_kind_labels[CK__MAX]; /* "计划变更", "实际日期确认" */
/* The kind of a set of fields; -1 when it is empty or mixes the two. */
int change_kind_of(unsigned fields);
/* The workflow of the kind (WF_CHANGE, WF_ACTUAL; workflow.h). */
int change_workflow(enum change_kind k);

enum change_status {
	CR_PENDING,   /* 待审核 */
	CR_APPROVED,  /* 已批准 */
	CR_REJECTED,  /* 已驳回 */
	CR_WITHDRAWN, /* 已撤回 */
	CR_STATUS__MAX
};
extern const char *const change_status_keys[CR_STATUS__MAX];   /* "pending", … */
extern const char *const change_status_labels[CR_STATUS__MAX]; /* "待审核", … */
/* The status keyed s; -1 when none. */
int change_status_from_key(const char *s);

/* One side of a request: the values of its fields (the others unused). */
struct change_values {
	bl_day day[CF__MAX];    /* the date fields (CF_DATES), DAY_NONE: none */
	unsigned tiers;         /* CF_TIERS: TIER_BIT()s; 0: not listed */
	int64_t annual_plan;    /* CF_ANNUAL_PLAN: yuan, or AMOUNT_NONE */
	int has_month_plan;     /* CF_MONTH_PLAN */
	int64_t month_plan[12];
};
/* Every field absent (no dates, no tiers, no plans). */
void change_values_init(struct change_values *v);
/* The values of p and l (NULL: the project is not listed that year). */
void change_values_of(const struct project *p, const struct listing *l,
		      struct change_values *out);
/* The fields whose values differ between a and b. */
unsigned change_values_diff(const struct change_values *a, const struct change_values *b);

/* A change request (变更申请). Strings owned; release with
 * change_request_release(). */
struct change_request {
	int64_t id;
	int64_t project_id;
	char *ref;                /* the project's, as read back (NULL when writing) */
	char *project_name;       /* the project's name, as read back */
	int64_t section_id;       /* the project's, as read back: for access.c */
	int64_t department_id;
	int year;                 /* the issued year it is under */
	enum change_kind kind;
	unsigned fields;          /* CF_BIT()s */
	struct change_values from; /* the official values when it was proposed */
	struct change_values to;   /* the proposed ones */
	char *reason;             /* 理由 (a plan change's: required) */
	enum change_status status;
	char *proposed_by, *proposed_at;
	char *decided_by, *decided_at, *decision_reason; /* NULL while pending */
	int64_t version;
};
void change_request_init(struct change_request *cr);
void change_request_release(struct change_request *cr);

/* Write the values v has of fields into p and l (l may be NULL when fields
 * has no listing field). */
void change_values_put(const struct change_values *v, unsigned fields, struct project *p,
		       struct listing *l);
/* Write the request's proposed values into p and l (l may be NULL when it
 * carries no listing field; a listing field on an unlisted project fills l,
 * which the caller initialised with the project and year). */
void change_apply(const struct change_request *cr, struct project *p, struct listing *l);

/* Whether a project and its listing after cr would be valid: NULL, or a
 * static English reason and *zh its Chinese (stage dates that go backwards,
 * a month plan that does not add up to the annual plan, a listing without
 * tiers), with *field the key of the field to blame. */
const char *change_problem(const struct project *p, const struct listing *l, unsigned fields,
			   const char **zh, const char **field);

/* ---- direct edits once a year is issued (DOMAIN.md §3) ---- */

/* What a direct edit of a project listed in an issued year may do. */
struct plan_edit {
	unsigned refused; /* plan fields it changes: refused (409 plan_issued) */
	unsigned pending; /* actual dates a section user enters: a pending
	                   * request (WF_ACTUAL), not written to the project */
};
/* The fields of the edit old → edited by role: nothing when the project is
 * on no issued list (locked 0); else its planned dates are refused for
 * everyone, its actual dates apply at once when the office (WF_ACTUAL's
 * office roles) enters them, and are pending when anyone else does. */
void plan_edit_check(enum role role, int locked, const struct project *old,
		     const struct project *edited, struct plan_edit *out);
/* The listing fields an edit old → edited changes (old NULL: a new listing). */
unsigned listing_plan_diff(const struct listing *old, const struct listing *edited);
/* Append the keys of fields, ", "-separated, to out (at most size bytes,
 * always NUL-terminated): "planned_start, annual_plan_yuan"; labels: 1 for
 * the Chinese labels, "、"-separated. */
void change_fields_text(unsigned fields, int labels, char *out, size_t size);

/* ---- against the store (changes_store.c) ---- */

struct store;
struct plan_issue;

/* How an act on the plan or a request ended. No HTTP here: the comment says
 * what the server answers (http/res_changes.c maps them). */
enum change_outcome {
	CO_OK,
	CO_FORBIDDEN,      /* 403 forbidden: the role never does this */
	CO_NOT_FOUND,      /* 404 not_found: no such request or project, or unseen */
	CO_INVALID,        /* 400 invalid: a value (field says which) */
	CO_NEED_REASON,    /* 400 invalid, field "reason": 1–2000 characters */
	CO_WRONG_STATUS,   /* 409 wrong_status: not from the request's status */
	CO_PLAN_ISSUED,    /* 409 plan_issued: the year is issued (fields: which) */
	CO_PLAN_OPEN,      /* 409 plan_open: the year is not issued: edit directly */
	CO_CHANGE_PENDING, /* 409 change_pending: a pending request has a field */
	CO_STALE,          /* 409 stale: an official value changed since the proposal */
	CO_STORE,          /* the store failed (rc, store_errmsg) */
	CO__MAX
};
extern const char *const change_outcome_keys[CO__MAX]; /* "ok", "forbidden", … */

/* The outcome with what the caller tells the user. */
struct change_result {
	enum change_outcome outcome;
	enum bl_err rc;      /* CO_STORE: the store's error */
	const char *field;   /* the field to blame (static), or NULL */
	unsigned fields;     /* CO_PLAN_ISSUED, CO_CHANGE_PENDING, CO_STALE: which */
	int year;            /* CO_PLAN_ISSUED, CO_PLAN_OPEN: the year */
	int64_t other;       /* CO_CHANGE_PENDING: the pending request's id */
	char msg[512];       /* one English sentence */
	char msg_zh[512];    /* and its Chinese */
};

/* Issue year's plan now by the store's actor, in a transaction of its own:
 * CO_PLAN_ISSUED when it is issued already (*out, may be NULL, holds that
 * issue), CO_INVALID when the year lists no project; else CO_OK and *out the
 * new issue (release with plan_issue_release). Who may issue is the caller's
 * question (access.c RES_PLANS ACT_VERIFY). */
void plan_issue_year(struct store *st, int year, struct plan_issue *out,
		     struct change_result *res);

/* Propose a change to the project ref, in a transaction of its own, asking
 * the kind's workflow table (WA_PROPOSE) for actor a: cr carries year (0:
 * the latest issued year listing the project), fields, to (the proposed
 * values of those fields) and reason; the other members are filled. Fields
 * whose proposed value is the official one are dropped. CO_OK: cr is the
 * stored pending request. */
void change_propose(struct store *st, const struct actor *a, const char *ref,
		    struct change_request *cr, struct change_result *res);

/* Approve, reject (reason required by the table) or withdraw request id as
 * actor a, in a transaction of its own, as the kind's workflow table says
 * (act WA_APPROVE, WA_REJECT, WA_WITHDRAW). An approval writes the proposed
 * values to the project and its listing (audited) unless an official value
 * is no longer the one the request was proposed against (CO_STALE). *out
 * (may be NULL) gets the request as it is afterwards (also on a refusal,
 * when it exists; release with change_request_release). */
void change_decide(struct store *st, const struct actor *a, int64_t id, enum wf_action act,
		   const char *reason, struct change_request *out, struct change_result *res);

/* Inside the caller's transaction, before a direct edit old → edited of a
 * stored project by a (units: the unit tree, indexed): CO_PLAN_ISSUED when
 * it changes a planned date of a project on an issued list; actual dates a
 * section user enters there are taken out of edited (back to old's) and
 * become one pending request (WF_ACTUAL, with reason, may be NULL), into
 * *pending (its id 0 when none; release with change_request_release);
 * CO_CHANGE_PENDING when a pending request has one of them already. */
void plan_guard_project(struct store *st, const struct actor *a, const struct dataset *units,
			const struct project *old, struct project *edited, const char *reason,
			struct change_request *pending, struct change_result *res);
/* Inside the caller's transaction, before a direct write of a listing (old:
 * the stored one, NULL when none): CO_PLAN_ISSUED when its year is issued and
 * the write changes its tiers, annual or monthly plan. */
void plan_guard_listing(struct store *st, const struct listing *old,
			const struct listing *edited, struct change_result *res);

#endif
