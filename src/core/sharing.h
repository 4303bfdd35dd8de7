/* sharing.h — revenue sharing (招商共享, DOMAIN.md §7): the rules that split a
 * district-attracted project's tax between the district and the street it
 * landed in, the tax records, and the ledger they give, in exact integer
 * yuan. Pure: the caller (sharing_load.c, or a test) fills the inputs. */
#ifndef BL_SHARING_H
#define BL_SHARING_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"

/* The years a rule or a tax record may name. */
#define SHARING_YEAR_MIN 2000
#define SHARING_YEAR_MAX 2099
/* The landing years a rule may name (year 1 … 99 after landing). */
#define SHARING_NTH_MAX 99

/* A sharing rule (分成规则). It applies to a tax record of year Y of project p
 * when p was attracted by attracted_by, p's section lies in landed_in's
 * subtree (0: any section), p's landing year n (sharing_year_no) lies in
 * nth_from … nth_to (nth_to 0: no end), and Y lies in valid_from … valid_to
 * (0: no bound) — the tax years the rule names, so that a rule made for later
 * years leaves earlier lines as they were. */
struct sharing_rule {
	int64_t id;
	char *name;                 /* 规则名称, required */
	enum attracted attracted_by; /* 招商主体: district or street */
	int64_t landed_in;          /* 落户单位 (unit id, subtree); 0: any */
	int nth_from, nth_to;       /* 落户后第几年: 1 … SHARING_NTH_MAX; nth_to 0: open */
	int valid_from, valid_to;   /* 适用税收年度; 0: unbounded */
	int street_permille;        /* 街道分成 ‰, 0 … 1000; the district gets the rest */
	int64_t version;
};
void sharing_rule_init(struct sharing_rule *r);
void sharing_rule_release(struct sharing_rule *r);
/* NULL when r is a valid rule, else a short English reason. */
const char *sharing_rule_problem(const struct sharing_rule *r);

/* DOMAIN.md §7's defaults, built in (like the settings' defaults) and
 * overridden by any stored rule that applies: a district-attracted project's
 * years 1–6 go wholly to the street (rule id -1); from year 7 district :
 * street = 1 : 4, the street 800 ‰ (rule id -2). Built-in rules have negative
 * ids and cannot be edited. */
#define SHARING_DEFAULT_YEARS 6
#define SHARING_DEFAULT_LATER_PERMILLE 800
#define SHARING_N_DEFAULTS 2
extern const struct sharing_rule sharing_defaults[SHARING_N_DEFAULTS];

/* One year's tax of a project (税收, integer yuan, >= 0). */
struct tax_record {
	int64_t id;
	int64_t project_id;
	int year;
	int64_t tax;
	int64_t version;
};

/* The landing date (落户) that starts year 1: p's landed_on, else the day it
 * reached signing (DOMAIN.md §3); DAY_NONE when it has neither. */
bl_day sharing_landed_on(const struct project *p);
/* Year numbering: the calendar year of landing is year 1, the next year 2, …;
 * so tax year Y is year Y − year(landing) + 1. 0 when p has no landing date
 * or Y is before the landing year. */
int sharing_year_no(const struct project *p, int year);

/* The street's and the district's shares of tax at street_permille ‰: the
 * street gets floor(tax × permille / 1000), the district the rest (any
 * remainder of the split goes to the district). tax >= 0. */
void sharing_split(int64_t tax, int street_permille, int64_t *street, int64_t *district);

/* Everything the ledger reads. units: a dataset with only its units, indexed
 * (dataset_index), for the subtree tests; projects by id ascending. */
struct sharing_data {
	struct dataset units;
	struct project *projects;
	size_t n_projects;
	struct sharing_rule *rules;
	size_t n_rules;
	struct tax_record *taxes;
	size_t n_taxes;
};
void sharing_data_release(struct sharing_data *d);
/* The project with this id in d, or NULL. */
const struct project *sharing_project(const struct sharing_data *d, int64_t id);

/* The rule that splits year `year` of p (its landing year n >= 1): of the
 * rules that apply (see struct sharing_rule; d's stored rules and the
 * built-in sharing_defaults), a stored one over a built-in one, then the one
 * with the latest valid_from (0 counts as earliest), then one naming a unit
 * over one for any section (the deeper unit first), then the highest id.
 * NULL when none applies. */
const struct sharing_rule *sharing_rule_for(const struct sharing_data *d,
					    const struct project *p, int year);

/* One line of the ledger (分成台账): a project's tax of one year and its split. */
struct ledger_line {
	const struct project *project;   /* borrowed from the data */
	int64_t street_id;               /* the project's section: where it landed */
	int year;                        /* the tax year */
	int year_no;                     /* 落户后第几年 */
	bl_day landed_on;
	int64_t tax, street, district;   /* yuan; street + district == tax */
	const struct sharing_rule *rule; /* borrowed; the rule that split it */
};
/* Which lines: year 0 any; street 0 any (else the subtree of that unit);
 * visible (may be NULL) keeps only the projects it answers 1 for. */
struct ledger_filter {
	int year;
	int64_t street;
	int (*visible)(void *ctx, const struct project *p);
	void *ctx;
};
struct ledger {
	struct ledger_line *lines;  /* by year, street (unit id), project ref */
	size_t n;
	int64_t tax, street, district; /* the sums of the lines */
	size_t unshared;            /* tax records in the filter no rule split
	                             * (not district-attracted, no landing date,
	                             * a year before landing): no line */
};
/* The ledger of d's tax records that pass f (caller releases with
 * ledger_release). -1 when a sum overflows (out is released), else 0. */
int ledger_build(const struct sharing_data *d, const struct ledger_filter *f, struct ledger *out);
void ledger_release(struct ledger *l);

/* ---- industrial funds (产业基金, DOMAIN.md §7) ---- */

struct fund {
	int64_t id;
	char *name;          /* 基金名称, required, unique */
	char *manager;       /* 管理人 */
	int64_t capital;     /* 注册资本, yuan, required */
	bl_day registered_on; /* 注册日期, required */
	char *focus;         /* 投资方向 (e.g. an industry chain) */
	int64_t brought_by;  /* 引进单位 (unit id), 0 when none */
	int64_t version;
};
void fund_init(struct fund *f);
void fund_release(struct fund *f);
void fund_copy(struct fund *dst, const struct fund *src);

/* What the targets read of a fund. */
struct fund_value {
	bl_day registered_on;
	int64_t capital;     /* yuan */
	int64_t brought_by;  /* unit id, 0: none */
};
/* DOMAIN.md §5, §7: the registry feeds the targets industrial_funds (新增产业
 * 基金数) and industrial_funds_capital_yuan (新增产业基金注册资本) directly. For
 * every year in which f has a fund, the hand-entered values of those two
 * indicators in *v (of any unit) are dropped and replaced by the registry's:
 * for each month of the year, the count and the capital of the funds
 * registered from January 1 to the month's last day, for the whole district
 * (unit 0) and for each unit that brought one (its own funds). A year
 * without a registered fund keeps its entered values. *v grows with
 * XGROW (*alloc its room; 0 when *v came from elsewhere: it is then at least
 * *nv). Capital sums saturate (amount_add). */
void funds_as_indicators(const struct fund_value *f, size_t n, struct indicator_value **v,
			 size_t *nv, size_t *alloc);

#endif
