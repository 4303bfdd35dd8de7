/* measures.h — the five rates (五率) and the other measures of DOMAIN.md §4,
 * computed over one year's dataset for a scope and an as-of date, overall or
 * broken down by tier, section, department, month (trend) or industry.
 * Exact integer arithmetic throughout: rates are num/den, money integer yuan. */
#ifndef BL_MEASURES_H
#define BL_MEASURES_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/figures.h"
#include "core/model.h"
#include "core/scope.h"

struct measures {
	int64_t projects;                   /* |P| */
	struct ratio filing_rate;           /* 签约项目备案率 */
	struct ratio start_rate_of_filed;   /* 备案项目开工率 */
	struct ratio investment_completion; /* 开工项目投资完成率, yuan / yuan */
	struct ratio production_rate;       /* 竣工项目投产率 */
	struct ratio capacity_rate;         /* 项目最终产能达效率 */
	struct ratio start_rate;            /* 开工率 */
	struct ratio due_start_attainment;  /* 应开尽开率 */
	int64_t new_starts;                 /* 新开工数 */
	int64_t completions;                /* 竣工数 */
	int64_t investment_yuan;            /* 完成投资 */
	int64_t annual_plan_yuan;           /* Σ 年度计划投资 over P (absent = 0) */
	/* 拿地即开工: days from land acquired to started, over the projects newly
	 * started in [Y-01-01, D] with a land date <= D. Median and max are 0
	 * when the count is 0. */
	int64_t land_to_start_count;
	int64_t land_to_start_median_x2;    /* twice the median, so it stays exact */
	int64_t land_to_start_max;
};

/* The rates of struct measures in the order of the JSON and of the tables. */
#define N_MEASURE_RATES 7
extern const enum measure_key measure_rates[N_MEASURE_RATES];

/* Compute the measures of DOMAIN.md §4 for scope sc over ds into *out.
 * ds must be indexed (dataset_index). P = the projects of ds that
 * scope_matches() selects (none unless sc->year == ds->year). Investment sums the reports of the
 * months of the year up to month(asof) (all 12 when asof is in a later year,
 * none when earlier). Never fails; allocates nothing that outlives the call. */
void measures_compute(const struct dataset *ds, const struct scope *sc, struct measures *out);

/* The value of measure k in m: rates into *rate, counts and money into
 * *amount (either pointer may be NULL when the caller knows the kind).
 * Returns 0, or -1 when k is an indicator (not computed, see targets.h). */
int measure_value(const struct measures *m, enum measure_key k, struct ratio *rate,
		  int64_t *amount);

/* The pace (序时进度) of scope sc's figures m (DOMAIN.md §6, §8). */
struct pace {
	struct ratio elapsed;    /* months of the year elapsed by asof / 12 */
	struct ratio investment; /* completion of the annual plan: Σ invest / Σ plan */
	int64_t points;          /* investment − elapsed in tenths of percentage
	                          * points (超/低于序时); AMOUNT_NONE without a plan */
};
void measures_pace(const struct scope *sc, const struct measures *m, struct pace *out);
/* The plan to date of the projects sc selects in ds: Σ listing_plan_through
 * over the months elapsed by sc->asof (checked sums). Reads the listings'
 * month-by-month plans (a store load with DS_DETAILS). */
int64_t measures_plan_to_date(const struct dataset *ds, const struct scope *sc);
/* The plan to date of each row of the breakdown by month (BY_MONTH): out[m],
 * m = 1 … month(sc->asof), is Σ listing_plan_through(listing, m) over the
 * projects that sc selects as of the row's day (the end of month m, or
 * sc->asof in its month: a filter on the stages reached is judged then);
 * out[0] and the months after are 0. Reads the listings' month-by-month
 * plans (a store load with DS_DETAILS). */
void measures_plan_by_month(const struct dataset *ds, const struct scope *sc, int64_t out[13]);

/* ---- breakdowns (DOMAIN.md §4: "every measure can be broken down") ---- */

enum breakdown {
	BY_NONE,       /* one row: the scope itself */
	BY_TIER,       /* province, city, district; a multi-tier project is in each */
	BY_SECTION,    /* every section and street unit in the scope's subtree */
	BY_DEPARTMENT, /* every department unit, then 未指定 if any project has none */
	BY_MONTH,      /* trend: each month of the year up to month(asof) */
	BY_INDUSTRY,   /* each distinct 产业链 text, 未分类 last */
	BY_DISTRICT,   /* district1: every district unit (a city's comparison) */
	BY__MAX
};
extern const char *const breakdown_keys[BY__MAX];   /* "none", "tier", … */
extern const char *const breakdown_labels[BY__MAX]; /* "全部", "层级", … */
/* The breakdown named s (a key above); -1 when none. */
int breakdown_from_key(const char *s);

struct breakdown_row {
	char *key;       /* tier key, unit code, "" (no department / unclassified), "2024-03" */
	char *name;      /* 省重大项目, unit name, 未指定, 未分类, 3月 */
	int64_t unit_id; /* BY_SECTION / BY_DEPARTMENT: the unit; else 0 */
	bl_day asof;     /* the as-of date of this row (BY_MONTH: end of month or D) */
	struct measures m;
};

struct breakdown_rows {
	struct breakdown_row *rows;
	size_t n;
};

/* The measures of scope sc broken down by `by` into *out (overwritten; the
 * caller releases it with breakdown_rows_release()). Each row is the scope
 * intersected with the row's own filter:
 *  - BY_TIER: one row per tier, in enum order; only sc->tier when it is set.
 *  - BY_SECTION: one row per unit of kind section or street within
 *    sc->section_id's subtree (all when 0), over that unit's subtree (a street
 *    under a section counts in both rows); ordered by code.
 *  - BY_DEPARTMENT: one row per department unit ordered by code (only
 *    sc->department_id when set), then key "" 未指定 when some project in
 *    scope has no department (or one that is not a department unit).
 *  - BY_MONTH: month m = 1 … month(asof) as of min(last day of m, asof).
 *  - BY_INDUSTRY: one row per distinct industry text ordered by key (byte
 *    order), then key "" 未分类 for projects without one.
 *  - BY_DISTRICT: one row per unit of kind district that lies in
 *    sc->section_id's subtree or holds it (all when 0), over its subtree;
 *    ordered by code (a city comparing its districts, issue #17 item 5).
 *  - BY_NONE: a single row, key "" name 全部.
 * Rows with no projects are kept (their rates are undefined). */
void measures_breakdown(const struct dataset *ds, const struct scope *sc, enum breakdown by,
			struct breakdown_rows *out);
/* measures_compute(ds, sc, m) and, unless by is BY_NONE (rows empty then),
 * measures_breakdown(ds, sc, by, rows), with one pass over the scope. */
void measures_compute_by(const struct dataset *ds, const struct scope *sc, enum breakdown by,
			 struct measures *m, struct breakdown_rows *rows);
/* Free the rows and their strings and zero *b. */
void breakdown_rows_release(struct breakdown_rows *b);

#endif
