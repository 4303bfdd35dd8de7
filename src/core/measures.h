/* measures.h — the five rates (五率) and the other measures of DOMAIN.md §4,
 * computed over one year's dataset for a scope and an as-of date, overall or
 * broken down by tier, section, department, month (trend) or industry.
 * Exact integer arithmetic throughout: rates are num/den, money integer yuan. */
#ifndef BL_MEASURES_H
#define BL_MEASURES_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/model.h"

/* The filters of DOMAIN.md §4. */
struct scope {
	int year;              /* Y; P is empty unless it is the dataset's year */
	bl_day asof;           /* D */
	int tier;              /* enum tier, or TIER_ANY */
	int64_t section_id;    /* 0 = all, else the subtree of this unit */
	int64_t department_id; /* 0 = all, else this department */
	int industrial_only;   /* 1: industrial projects (产业项目) only */
};

/* A scope with no filters: every project listed in year, as of asof. */
void scope_init(struct scope *sc, int year, bl_day asof);

/* A rate num/den; undefined when den == 0 (DOMAIN.md §4: never 0 % or 100 %). */
struct ratio {
	int64_t num, den;
};

/* num/den × scale rounded half away from zero, saturating at ±INT64_MAX; 0
 * when undefined (check den first). ratio_scaled(r, 10000) is the 4-decimal value × 10000 of the JSON,
 * ratio_scaled(r, 1000) the tenths of a percent a table shows. */
int64_t ratio_scaled(struct ratio r, int64_t scale);

/* Write yuan as 万元 text into out (cap bytes, 32 is always enough):
 * thousands separators and up to four decimals without trailing zeros
 * ("1,234.5678", "2,000", "-0.5"). Returns out. */
char *money_format_wan(int64_t yuan, char *out, size_t cap);

/* Write num/den as a percentage to 0.1 % into out ("88.9%"), or "—" when
 * undefined. Returns out. */
char *ratio_format_pct(struct ratio r, char *out, size_t cap);

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

/* Compute the measures of DOMAIN.md §4 for scope sc over ds into *out.
 * ds must be indexed (dataset_index). P = the projects of ds when
 * sc->year == ds->year (none otherwise), at sc->tier, in the section subtree,
 * of the department, industrial when asked. Investment sums the reports of the
 * months of the year up to month(asof) (all 12 when asof is in a later year,
 * none when earlier). Never fails; allocates nothing that outlives the call. */
void measures_compute(const struct dataset *ds, const struct scope *sc, struct measures *out);

/* The value of measure k in m: rates into *rate, counts and money into
 * *amount (either pointer may be NULL when the caller knows the kind).
 * Returns 0, or -1 when k is an indicator (not computed, see targets.h). */
int measure_value(const struct measures *m, enum measure_key k, struct ratio *rate,
		  int64_t *amount);

/* ---- breakdowns (DOMAIN.md §4: "every measure can be broken down") ---- */

enum breakdown {
	BY_NONE,       /* one row: the scope itself */
	BY_TIER,       /* province, city, district; a multi-tier project is in each */
	BY_SECTION,    /* every section and street unit in the scope's subtree */
	BY_DEPARTMENT, /* every department unit, then 未指定 if any project has none */
	BY_MONTH,      /* trend: each month of the year up to month(asof) */
	BY_INDUSTRY,   /* each distinct 产业链 text, 未分类 last */
	BY__MAX
};
extern const char *const breakdown_keys[BY__MAX]; /* "none", "tier", … */
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
 *  - BY_NONE: a single row, key "" name 全部.
 * Rows with no projects are kept (their rates are undefined). */
void measures_breakdown(const struct dataset *ds, const struct scope *sc, enum breakdown by,
			struct breakdown_rows *out);
/* Free the rows and their strings and zero *b. */
void breakdown_rows_release(struct breakdown_rows *b);

#endif
