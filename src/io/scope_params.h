/* scope_params.h — the one table of the parameters that choose projects (and
 * how a list shows them), kcgi-style: each row names a parameter by its
 * English key (the query key; the CLI option with '-' for '_') and its
 * Chinese label (accepted as either), with the validator that reads its text
 * and the field of struct scope_query it fills. The CLI (cli/common.c) and
 * the HTTP query reader (http/params.c) are thin adapters over it, so both
 * accept the same values (English keys and Chinese labels: tier province or
 * 省) and answer a bad one with the same message. */
#ifndef BL_SCOPE_PARAMS_H
#define BL_SCOPE_PARAMS_H

#include <stddef.h>
#include <stdint.h>

#include "core/measures.h"
#include "core/scope.h"

enum scope_param {
	SP_YEAR,         /* year 年度: 1900–2999 */
	SP_ASOF,         /* asof 截至日期: a day */
	SP_TIER,         /* tier 层级: province, city, district (省, 市, 区) */
	SP_SECTION,      /* section 板块: a unit's code or name; its subtree */
	SP_DEPARTMENT,   /* department 责任部门: a department's code or name */
	SP_INDUSTRIAL,   /* industrial 产业项目: yes/no */
	SP_INDUSTRY,     /* industry 产业链: exact text */
	SP_STAGE,        /* stage 阶段: the furthest stage reached by asof, or reserve */
	SP_REACHED,      /* reached 已达阶段: a stage reached by asof */
	SP_NOT_REACHED,  /* not_reached 未达阶段: a stage not reached by asof */
	SP_REACHED_FROM, /* reached_from 达到起始日: with reached, on or after this day */
	SP_DUE_START,    /* due_start 应开工: yes/no, 应开尽开's scope */
	SP_KIND,         /* kind 新开工/续建: new, continuing */
	SP_LIGHT,        /* light 预警灯: green, yellow, red (绿, 黄, 红) */
	/* leader linkage: a named project list (before SP_Q, so a filter) */
	SP_LIST,         /* list 项目清单: a named list's name */
	SP_Q,            /* q 搜索: text in ref, name, company or code */
	SP_BY,           /* by 分组: a breakdown (measures) */
	SP_MIN,          /* min 最低级别: yellow or red (warnings) */
	SP_RULE,         /* rule 预警类型: a warning rule (warnings) */
	/* What a list or an action takes besides the projects it chooses. */
	SP_MONTH,        /* month 月份: a report month, 2000-01 … 2099-12 */
	SP_STATUS,       /* status 状态: a report's status, missing or not_reported */
	SP_INCLUDE_DRAFTS, /* include_drafts 含草稿: yes/no, the office's preview */
	SP_DRY_RUN,      /* dry_run 试导入: yes/no, check an import and write nothing */
	SP_DRAFT,        /* draft 草稿: yes/no, a bulletin's draft of today's data */
	SP_CHECK,        /* check 核对: yes/no, targets with the task books' check */
	SP_LIMIT,        /* limit 每页条数: from 1 (each list has its own most) */
	SP_OFFSET,       /* offset 起始位置: from 0 */
	/* Supervision items (督办事项): what their lists take. */
	SP_OVERDUE,      /* overdue 逾期: yes/no, only items past their deadline */
	SP_LEVEL,        /* level 层级(事项): 1–4 (板块协调, 部门协调, 区领导协调, 区协调会) */
	SP_CATEGORY,     /* category 类别: land, energy, … (用地, 用能, …) */
	SP_OWNER,        /* owner 责任单位: a unit's code or name */
	SP_STATE,        /* state 办理状态: open, answered, resolved, closed, pending */
	SP_REF,          /* ref 项目编号: one project's items */
	/* The change requests to an issued plan (DOMAIN.md §3). The same query
	 * key as SP_STATUS: a list takes one or the other. */
	SP_CHANGE_STATUS, /* status 状态: pending, approved, rejected, withdrawn */
	SP_PROJECT,      /* project 项目: one project's requests (its ref) */
	/* Fund applications (政策兑现; h-funds). */
	SP_POLICY,       /* policy 政策: a policy's id or name */
	SP_STEP,         /* step 待办环节: verify, consult, pay (核实, 会商, 拨付) */
	/* Revenue sharing (招商共享, core/sharing.h): the ledger's street. */
	SP_STREET,       /* street 街道: a unit's code or name; the ledger lines of
	                  * the projects in its subtree */
	/* district1 (issue #17 item 5): one instance, many districts. */
	SP_DISTRICT,     /* district 区: a district unit's code or name; the
	                  * district a bulletin or contest round is of */
	SP__MAX
};
/* A set of parameters: one bit each, in 64 bits (the table has outgrown 32). */
typedef uint64_t sp_set;
#define SP_BIT(p) ((sp_set)1 << (p))
/* year and asof. */
#define SP_PERIOD (SP_BIT(SP_YEAR) | SP_BIT(SP_ASOF))
/* Every filter of struct scope but the period. */
#define SP_FILTERS (((SP_BIT(SP_Q) << 1) - 1) & ~SP_PERIOD)
/* What the measures take: the filters but the light (which needs the
 * warnings), and the breakdown. */
#define MEASURES_PARAMS (SP_PERIOD | (SP_FILTERS & ~SP_BIT(SP_LIGHT)) | SP_BIT(SP_BY))
/* A page of a list. */
#define SP_PAGING (SP_BIT(SP_LIMIT) | SP_BIT(SP_OFFSET))

/* The item state filter's value beyond enum item_status: open or answered. */
#define ITEM_STATE_PENDING 4

/* The status filter's values beyond enum report_status (reports list). */
#define STATUS_MISSING REPORT_STATUS__MAX            /* no report for the month */
#define STATUS_NOT_REPORTED (REPORT_STATUS__MAX + 1) /* none, draft or returned */

/* What the parameters fill. */
struct scope_query {
	struct scope sc;
	int by;         /* enum breakdown; BY_NONE when not given */
	int min;        /* enum light: the lowest level listed; LIGHT_YELLOW */
	int rule;       /* enum warning_rule: the only rule listed; -1 for all */
	bl_month month; /* MONTH_NONE when not given */
	int status;     /* enum report_status, STATUS_MISSING, STATUS_NOT_REPORTED; -1 */
	int include_drafts, dry_run, draft, check; /* yes/no: 0 when not given */
	int64_t limit;  /* 0 when not given */
	int64_t offset; /* 0 when not given */
	/* Supervision items: */
	int overdue;    /* yes/no: 0 when not given */
	int level;      /* 1–4; -1 when not given */
	int category;   /* enum item_category; -1 */
	int state;      /* enum item_status or ITEM_STATE_PENDING; -1 */
	const char *owner_code; /* as given, then the unit's code (scope_query_resolve) */
	int64_t owner_id;       /* set by scope_query_resolve; 0 when not given */
	const char *ref;        /* a project's ref; NULL when not given */
	/* Change requests: */
	int change_status;   /* enum change_status; -1 when not given */
	const char *project; /* a project's ref; NULL when not given */
	/* Fund applications (h-funds): */
	const char *policy;  /* a policy's id or name; NULL when not given */
	int step;            /* enum fund_step waited for; -1 when not given */
	/* Revenue sharing: */
	const char *street_code; /* as given, then the unit's code (scope_query_resolve) */
	int64_t street_id;       /* set by scope_query_resolve; 0 when not given */
	/* district1: */
	const char *district_code; /* as given, then the unit's code (scope_query_resolve) */
	int64_t district_id;       /* set by scope_query_resolve; 0 when not given */
	sp_set given;   /* SP_BIT() of every parameter given (not empty) */
};

/* A bad value: which parameter and why, in English and in Chinese. The
 * message names the parameter and echoes the value (when it is short valid
 * UTF-8): "tier x: not one of province, city, district (省, 市, 区)". */
struct scope_error {
	int param;         /* enum scope_param; -1 when none is to blame alone */
	char msg[512];
	char msg_zh[512];
};

struct scope_param_info;
/* Reads s into the field of q; 0, or -1 after filling *err. */
typedef int scope_valid_fn(const struct scope_param_info *pi, const char *s,
			   struct scope_query *q, struct scope_error *err);

struct scope_param_info {
	const char *key;              /* "not_reached": the query key */
	const char *opt;              /* "not-reached": the CLI's --option */
	const char *label;            /* "未达阶段": accepted for either */
	int flag;                     /* 1: a yes/no; a CLI flag needs no value */
	scope_valid_fn *valid;
	size_t field;                 /* offsetof(struct scope_query, …) */
	const char *const *keys;      /* a choice: its English keys … */
	const char *const *labels;    /* … and Chinese labels (may be NULL) */
	int n, base;                  /* how many; the value of keys[0]; a
				       * number's least value */
};
extern const struct scope_param_info scope_params[SP__MAX];
_Static_assert(SP__MAX <= 64, "a parameter set (sp_set) holds 64 parameters");

/* Today in local time: the period's default. The environment variable
 * BALLAST_TODAY (YYYY-MM-DD), set only by tests, fixes it. */
bl_day scope_today(void);

/* No parameter given: every project, by none, warnings from yellow. */
void scope_query_init(struct scope_query *q);

/* Set parameter p from the text s. An empty s counts as not given; a NULL s
 * is a CLI flag without a value (yes; an error for what is not a flag).
 * 0, or -1 with *err filled and q unchanged in that field. */
int scope_query_set(struct scope_query *q, enum scope_param p, const char *s,
		    struct scope_error *err);

/* After the last scope_query_set: the period and the checks between
 * parameters. year: given, else the year of asof, else today's; asof: given,
 * else today when today lies in that year, else Y-12-31. With today
 * DAY_NONE (the CLI's reports of a year) asof defaults to Y-12-31 and one of
 * year and asof must be given. 0, or -1 with *err. */
int scope_query_finish(struct scope_query *q, bl_day today, struct scope_error *err);

/* Read one parameter's text alone, as scope_query_set does, into a fresh
 * query: for a value that comes from elsewhere than the query string (a path
 * segment, a JSON field, a CLI option of its own), so that it is judged and
 * worded as the same parameter is everywhere. NULL is "needs a value". */
int scope_param_read(enum scope_param p, const char *s, struct scope_query *q,
		     struct scope_error *err);

/* The message for a list parameter naming no list (leader linkage): fills
 * *err and returns -1. The caller reads the list from its store (struct
 * scope's list_ids) after scope_query_finish. */
int scope_list_missing(const char *name, struct scope_error *err);

/* Resolve the section and department given (a code, else a name only one
 * unit has) against ds's units: the section must not be a department, the
 * department must be one; the owner may be any unit; the district must be a
 * unit of kind district. Their ids are set, and
 * their codes point at the units' (borrowed from ds). 0, or -1 with *err. */
int scope_query_resolve(struct scope_query *q, const struct dataset *ds,
			struct scope_error *err);

/* The value sc has for the narrowing parameter p (SP_INDUSTRY … SP_Q) as the
 * English key (zh 0) or Chinese label, for echoing a scope; NULL when p is not
 * set or not one of those. tmp (cap >= 11) may hold the text. */
const char *scope_param_value(const struct scope *sc, enum scope_param p, int zh, char *tmp,
			      size_t cap);

#endif
