/* leads.h — the shared pool of investment leads (招商线索, issue #16): a
 * company the district or a street is courting, its industry chain, the
 * intended investment, who found it and who follows it, and its stage
 * (线索 → 洽谈 → 意向 → 签约, or 放弃 with a reason), with a log of visits and
 * notes. Signing turns a lead into a project (reserve → signed) attributed
 * (attracted_by) to the district or the street that found it. Also the
 * 双招双引 counts per unit and period. Pure: no I/O; the store side is
 * store/store_leads.h, who may move a lead core/workflow.c (WF_LEAD), who
 * sees its details core/access.c (access_lead_details). */
#ifndef BL_LEADS_H
#define BL_LEADS_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/model.h"

/* The stages (the statuses of WF_LEAD), in order; dropped is off the line. */
enum lead_stage {
	LS_LEAD,    /* 线索 */
	LS_TALKS,   /* 洽谈 */
	LS_INTENT,  /* 意向 */
	LS_SIGNED,  /* 签约: a project exists (project_id) */
	LS_DROPPED, /* 放弃, with a reason */
	LS__MAX
};
extern const char *const lead_stage_keys[LS__MAX];   /* "lead", "talks", … */
extern const char *const lead_stage_labels[LS__MAX]; /* "线索", "洽谈", … */
/* The stage named s by key or label; -1 when none. */
int lead_stage_from_text(const char *s);

/* What an entry of a lead's log is. */
enum lead_log_kind {
	LK_FOUND,  /* 登记: the lead entered the pool */
	LK_NOTE,   /* 备注 */
	LK_VISIT,  /* 走访 */
	LK_STAGE,  /* 阶段: moved on (洽谈, 意向) or reopened */
	LK_SIGN,   /* 签约: became a project */
	LK_DROP,   /* 放弃, the body is the reason */
	LK_IMPORT, /* 导入 */
	LK__MAX
};
extern const char *const lead_log_keys[LK__MAX];   /* "found", "note", … */
extern const char *const lead_log_labels[LK__MAX]; /* "登记", "备注", … */
int lead_log_kind_from_text(const char *s);

#define LEAD_COMPANY_MAX 200
#define LEAD_TEXT_MAX 2000

/* A lead as stored. Strings owned (NULL: absent); lead_release frees them. */
struct lead {
	int64_t id;            /* 0 before it is stored */
	char *company;         /* 企业名称, required */
	char *uscc;            /* 统一社会信用代码, optional */
	char *industry;        /* 产业链 */
	int64_t amount;        /* 意向投资, yuan, or AMOUNT_NONE */
	char *source;          /* 线索来源 (商会推介, 以商引商 …) */
	int64_t found_by;      /* 发现单位: a unit id, required */
	int64_t followed_by;   /* 跟进单位: a section or street unit id, required */
	enum lead_stage stage;
	char *reason;          /* 放弃原因 when dropped */
	bl_day found_on;       /* 登记日期 */
	bl_day signed_on;      /* 签约日期, DAY_NONE until signed */
	int64_t project_id;    /* the project it became, 0 until signed */
	char *project_ref;     /* its ref (read with the lead; not a column) */
	bl_day last_on;        /* the day of its last log entry */
	int64_t version;
};
void lead_init(struct lead *l);
void lead_release(struct lead *l);
void lead_copy(struct lead *dst, const struct lead *src);

/* One entry of a lead's log. */
struct lead_log {
	int64_t id;
	int64_t lead_id;
	enum lead_log_kind kind;
	bl_day on;
	char *at;              /* when written, UTC */
	char *actor;           /* "user:wang" */
	char *body;            /* the note, the visit's findings, the reason */
	enum lead_stage stage; /* the lead's stage after it */
};
void lead_log_release(struct lead_log *g);

/* ---- rules ---- */

/* DOMAIN.md §7, 招商主体: who attracted a project signed from a lead found by
 * a unit of kind k: a section or a street → street; the district (or the
 * city, or a department of the district) → district. */
enum attracted lead_attracted_by(enum unit_kind k);

/* 1 when a and b name the same company: the same name after trimming
 * spaces (ASCII and full-width) and ignoring ASCII case, or the same USCC
 * when both have one. */
int lead_same_company(const struct lead *a, const struct lead *b);

/* The checks of a lead's fields before it is stored: company 1–200
 * characters on one line, uscc (when given) 18 characters, amount ≥ 0,
 * found_by and followed_by set, followed_by a section or street of ds.
 * NULL when fine; else a static English reason and *field the member. */
const char *lead_check(const struct lead *l, const struct dataset *ds, const char **field);

/* NULL when s is 1…max characters of valid UTF-8 without control characters
 * (one_line: no line breaks either); else a static English reason. */
const char *lead_text_problem(const char *s, size_t max, int one_line);

/* What signing a lead makes: a project (reserve → signed on day on) with
 * the ref and name given (name NULL: the company's), the lead's company,
 * USCC, chain and amount (as total investment), its section the following
 * unit, attracted_by from the kind of the unit that found it (k). p is
 * initialised here; release with project_release. */
void lead_project(const struct lead *l, enum unit_kind k, const char *ref, const char *name,
		  int industrial, bl_day on, struct project *p);

/* ---- 双招双引 counts (issue #16 item 4) ---- */

/* A period: a whole year (month 0) or one month of it. */
struct lead_period {
	int year;
	int month; /* 0: the year; 1–12: that month */
};
/* 1 when d falls in p. */
int lead_period_has(const struct lead_period *p, bl_day d);

/* A unit's row of the 双招双引 table for a period. */
struct lead_count {
	int64_t unit_id;
	int64_t found;          /* 发现线索: leads found_by the unit, found_on in the period */
	int64_t signed_n;       /* 签约项目: leads followed_by the unit, signed_on in the period */
	int64_t signed_yuan;    /* 签约投资: Σ amount of those (absent counts 0) */
	int64_t funds;          /* 引进基金: funds brought (lead_funds_brought) */
	int64_t talents;        /* 引进人才/团队: the figures the unit reported */
};
/* A unit's reported talents or teams for one month (人才团队, entered). */
struct talent_count {
	int64_t unit_id;
	bl_month month;
	int64_t count;
};

/* What the table counts: the pool, the reported talents and the fund
 * registry's funds (core/sharing.h; the store's store_fund_values). */
struct fund_value;
struct lead_inputs {
	const struct lead *leads;
	size_t n_leads;
	const struct talent_count *talents;
	size_t n_talents;
	const struct fund_value *funds;
	size_t n_funds;
};

/* The rows of the table: one per unit that is the district, a section or a
 * street in ds (in ds's order), for the period p, over in's leads, reported
 * talents and funds. Caller frees *out. -1 when a sum overflows int64
 * (nothing returned), else 0. Funds come from lead_funds_brought. */
int lead_counts(const struct dataset *ds, const struct lead_inputs *in,
		const struct lead_period *p, struct lead_count **out, size_t *n_out);
/* The funds the unit brought in p (引进基金, issue #16 item 4): how many of
 * the registry's funds f[0..n) name the unit itself as brought_by and were
 * registered in p. The unit's own, not its subtree: a street's fund is the
 * street's and not also the district's, so the table's total is the sum of
 * its rows and never counts a fund twice (the same reading as the per-unit
 * industrial_funds series of funds_as_indicators). */
int64_t lead_funds_brought(const struct fund_value *f, size_t n, int64_t unit_id,
			   const struct lead_period *p);

#endif
