/* columns.h — the columns of the import and export files (INTERFACES.md
 * "Files"): for each kind of file, every column's English key, Chinese label and
 * value type, in a table indexed by an enum, and the matching of a header row
 * against it. Import reads with these tables and export writes with them, so a
 * round trip cannot drift. */
#ifndef BL_COLUMNS_H
#define BL_COLUMNS_H

#include <stddef.h>

enum file_kind {
	FILE_UNITS,
	FILE_PROJECTS,
	FILE_LISTINGS,
	FILE_REPORTS,
	FILE_TARGETS,
	FILE_INDICATORS,
	FILE_ITEMS,      /* supervision items (督办事项) */
	FILE_SUPPLIES,   /* element needs and supplies (要素保障) */
	FILE_DEMOLITION, /* demolition tasks and progress (征拆任务书) */
	FILE_APPLICATIONS, /* special-fund applications (政策兑现; h-funds) */
	FILE_CALENDAR,   /* the working-day calendar's listed days (h-funds) */
	FILE_LEADS,      /* the lead pool (招商线索; h-leads) */
	/* revenue sharing and industrial funds (core/sharing.h) */
	FILE_TAXES,      /* a project's tax of a year (税收) */
	FILE_FUNDS,      /* the industrial fund registry (产业基金) */
	FILE_KIND__MAX
};
extern const char *const file_kind_keys[FILE_KIND__MAX]; /* "units", … */

enum col_type {
	CT_TEXT,     /* free text */
	CT_CODE,     /* a short key: ref, code (no line breaks, ≤ 64 bytes) */
	CT_DATE,     /* a day in any accepted form */
	CT_MONTH,    /* a month */
	CT_YEAR,     /* a year */
	CT_MONEY,    /* 万元 with ≤ 4 decimals → yuan */
	CT_DEC4,     /* a quantity with ≤ 4 decimals (亩, 吨标煤) → 1/10000 units */
	CT_COORD,    /* a longitude or latitude in degrees with ≤ 6 decimals →
	              * millionths of a degree (ui14, the map) */
	CT_BOOL,     /* 是/否 */
	CT_TIERS,    /* 省/市/区 list */
	CT_UNIT,     /* a unit code or name */
	CT_UNIT_KIND,/* city/district/section/street/department or 市/区/板块/街道/部门 */
	CT_ATTRACTED,/* 区级/街道 */
	CT_MEASURE,  /* a measure key or label */
	CT_VALUE,    /* a target value: rate, count or 万元 by the row's measure */
	CT_FIGURE,   /* an indicator's figure: a percent (6.5 or 6.5%), a count or 万元
	              * by the row's indicator */
	CT_CHOICE,   /* one of a short list's keys or Chinese labels (an item's
	              * category, level, status) */
	CT_INT,      /* a whole number (a demolition task's ㎡ or households) */
};

struct column {
	const char *key;   /* English header, e.g. "total_investment" */
	const char *label; /* Chinese header, e.g. "总投资（万元）" */
	enum col_type type;
	int required;      /* the column must be in the header */
};

enum unit_col { U_CODE, U_NAME, U_KIND, U_PARENT, U__MAX };

enum project_col {
	P_REF, P_NAME, P_SECTION, P_DEPARTMENT, P_LEADER, P_CODE, P_COMPANY, P_USCC,
	P_INDUSTRIAL, P_INDUSTRY, P_ATTRACTED_BY, P_TOTAL_INVESTMENT, P_CAPACITY, P_LAND_MU,
	P_ENERGY_TCE, P_PLANNED_START, P_PLANNED_COMPLETION, P_PLANNED_PRODUCTION,
	P_SIGNED_ON, P_FILED_ON, P_STARTED_ON, P_COMPLETED_ON, P_PRODUCTION_ON, P_CAPACITY_ON,
	P_LAND_ON, P_PERMIT_ON, P_COMMANDO, P_LNG, P_LAT, P_LANDED_ON, P_YEAR, P_TIERS, P_ANNUAL_PLAN,
	P__MAX
};
/* The first of the listing columns a projects file may carry. */
#define P_FIRST_LISTING P_YEAR

enum listing_col { L_REF, L_YEAR, L_TIERS, L_ANNUAL_PLAN, L_M01, L__MAX = L_M01 + 12 };

enum report_col { R_REF, R_MONTH, R_INVEST, R_OUTPUT, R_PROGRESS, R_PROBLEMS, R__MAX };

enum target_col {
	T_YEAR, T_MEASURE, T_TIER, T_SECTION, T_DEPARTMENT, T_INDUSTRIAL, T_DUE, T_VALUE, T__MAX
};

enum indicator_col { I_INDICATOR, I_MONTH, I_UNIT, I_VALUE, I_SOURCE, I_NOTE, I__MAX };

enum item_col {
	IT_REF, IT_TITLE, IT_CATEGORY, IT_OWNER, IT_LEVEL, IT_RAISED_ON, IT_DEADLINE, IT_STATUS,
	IT_RESOLVED_ON, IT_DETAIL, IT__MAX
};

/* Element needs and supplies (要素保障): a need (kind 需求) per project,
 * year and element, or a supply event on its date with its document number. */
enum supply_col { SU_REF, SU_YEAR, SU_ELEMENT, SU_KIND, SU_ON, SU_AMOUNT, SU_DOC_NO, SU__MAX };

/* Demolition task books (征拆任务书): a section's task for a year and,
 * optionally on the same row, a progress report (what is done so far). */
enum demolition_col {
	DE_SECTION, DE_YEAR, DE_TASK, DE_MEASURE, DE_QUANTITY, DE_DUE, DE_REPORTED_ON, DE_DONE,
	DE__MAX
};

/* Special-fund applications (h-funds). */
enum application_col {
	AP_COMPANY, AP_USCC, AP_REF, AP_POLICY, AP_AMOUNT, AP_APPLIED_ON, AP_VERIFIED_ON,
	AP_CONSULTED_ON, AP_APPROVED, AP_PAID_ON, AP_PAID, AP_REJECTED_ON, AP_REASON, AP__MAX
};

/* The working-day calendar (h-funds): a listed day, its kind and name. */
enum calendar_col { CA_DAY, CA_KIND, CA_NAME, CA__MAX };

/* h-leads: the lead pool, upsert by company (core/leads.h lead_same_company). */
enum lead_col {
	LD_COMPANY, LD_USCC, LD_INDUSTRY, LD_AMOUNT, LD_SOURCE, LD_FOUND_BY, LD_FOLLOWED_BY,
	LD_STAGE, LD_FOUND_ON, LD_SIGNED_ON, LD_REASON, LD_REF, LD__MAX
};

/* revenue sharing and industrial funds */
enum tax_col { TX_REF, TX_YEAR, TX_TAX, TX__MAX };
enum fund_col {
	FU_NAME, FU_MANAGER, FU_CAPITAL, FU_REGISTERED_ON, FU_FOCUS, FU_BROUGHT_BY, FU__MAX
};

/* The column table of a kind and its length. */
const struct column *file_columns(enum file_kind kind, size_t *n);

/* Match one header cell against the table: the index of the column whose key or
 * label it names (case, spaces and full- or half-width brackets do not matter;
 * a label may omit its bracketed unit), or -1. */
int column_match(const struct column *cols, size_t n, const char *header);

#endif
