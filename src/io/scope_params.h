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
	SP_Q,            /* q 搜索: text in ref, name, company or code */
	SP_BY,           /* by 分组: a breakdown (measures) */
	SP_MIN,          /* min 最低级别: yellow or red (warnings) */
	SP__MAX
};
#define SP_BIT(p) (1u << (p))
/* year and asof. */
#define SP_PERIOD (SP_BIT(SP_YEAR) | SP_BIT(SP_ASOF))
/* Every filter of struct scope but the period. */
#define SP_FILTERS (((SP_BIT(SP_Q) << 1) - 1) & ~SP_PERIOD)
/* What the measures take: the filters but the light (which needs the
 * warnings), and the breakdown. */
#define MEASURES_PARAMS (SP_PERIOD | (SP_FILTERS & ~SP_BIT(SP_LIGHT)) | SP_BIT(SP_BY))

/* What the parameters fill. */
struct scope_query {
	struct scope sc;
	int by;         /* enum breakdown; BY_NONE when not given */
	int min;        /* enum light: the lowest level listed; LIGHT_YELLOW */
	unsigned given; /* SP_BIT() of every parameter given (not empty) */
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
	int n, base;                  /* how many; the value of keys[0] */
};
extern const struct scope_param_info scope_params[SP__MAX];

/* Today in local time: the period's default. */
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

/* Resolve the section and department given (a code, else a name only one
 * unit has) against ds's units: the section must not be a department, the
 * department must be one. Their ids are set, and their codes point at the
 * units' (borrowed from ds). 0, or -1 with *err. */
int scope_query_resolve(struct scope_query *q, const struct dataset *ds,
			struct scope_error *err);

/* The value sc has for the narrowing parameter p (SP_INDUSTRY … SP_Q) as the
 * English key (zh 0) or Chinese label, for echoing a scope; NULL when p is not
 * set or not one of those. tmp (cap >= 11) may hold the text. */
const char *scope_param_value(const struct scope *sc, enum scope_param p, int zh, char *tmp,
			      size_t cap);

#endif
