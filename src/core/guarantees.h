/* guarantees.h — element guarantees (要素保障, DOMAIN.md §7): each project's
 * yearly need of land (用地), energy (用能) and funding (资金) against the
 * supply events recorded for it (供地批复, 能评批复, 贷款, 专项债 …), per
 * project, per section and for the district, in exact integers; and the
 * yellow warning of a project waiting on land or energy too long. */
#ifndef BL_GUARANTEES_H
#define BL_GUARANTEES_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/model.h"

enum element {
	EL_LAND,    /* 用地: 1/10000 亩 (as a project's land_mu) */
	EL_ENERGY,  /* 用能: 1/10000 吨标煤 (as a project's energy_tce) */
	EL_FUNDING, /* 资金: yuan (accepted and shown in 万元) */
	EL__MAX
};
extern const char *const element_keys[EL__MAX];   /* "land", "energy", "funding" */
extern const char *const element_labels[EL__MAX]; /* "用地", "用能", "资金" */
extern const char *const element_units[EL__MAX];  /* "亩", "吨标煤", "万元" */
/* The element named by key or Chinese label (also 土地, 能耗); -1 when none. */
int element_from_text(const char *s);

enum supply_kind {
	SK_NEED,            /* 需求: the year's need, one per project, year and element */
	SK_LAND_GRANT,      /* 供地批复 */
	SK_ENERGY_APPROVAL, /* 能评批复 */
	SK_LOAN,            /* 贷款 */
	SK_BOND,            /* 专项债 */
	SK_FISCAL,          /* 财政资金 */
	SK_OTHER,           /* 其他 */
	SK__MAX
};
extern const char *const supply_kind_keys[SK__MAX];   /* "need", "land_grant", … */
extern const char *const supply_kind_labels[SK__MAX]; /* "需求", "供地批复", … */
/* The kind named by key or Chinese label; -1 when none. */
int supply_kind_from_text(const char *s);

/* One row of supplies: a need (SK_NEED) or a supply event. */
struct supply {
	int64_t id;
	int64_t project_id;
	int year;
	enum element element;
	enum supply_kind kind;
	bl_day on;        /* a need: the day it counts from (需求日期), or DAY_NONE;
	                   * an event: its day, required */
	int64_t amount;   /* in the element's unit (see enum element), >= 0 */
	char *doc_no;     /* 文号; NULL when none */
	int64_t version;
};
void supply_init(struct supply *s);
void supply_release(struct supply *s);

/* NULL when s holds together (an amount in 0 … AMOUNT_MAX, a year in
 * 2000 … 2100, an event's day given and within its year or after, a supply
 * kind that fits the element: 供地批复 is land's, 能评批复 energy's, 贷款,
 * 专项债 and 财政资金 funding's; 其他 any); else a short static English reason. */
const char *supply_problem(const struct supply *s);

/* Need and supplied of one element. The gap is need − supplied (negative:
 * more supplied than needed). */
struct element_figure {
	int64_t need, supplied;
};

/* A project's figures for the year. */
struct guarantee_line {
	size_t project;                     /* index into the input's projects */
	struct element_figure el[EL__MAX];
	bl_day since[EL__MAX];              /* the day a land or energy need counts
	                                     * from; DAY_NONE when no need */
	int64_t waited[EL__MAX];            /* land, energy: days waited at asof
	                                     * while short, else -1; funding: -1 */
	unsigned yellow;                    /* bit 1 << element: waited > wait_days */
};

/* A section's (or the district's) sums of its projects' lines. */
struct guarantee_total {
	int64_t unit_id;                    /* the section; 0 for the district */
	struct element_figure el[EL__MAX];
	size_t n_projects, n_waiting;       /* lines, and lines with a yellow bit */
};

struct guarantee_input {
	const struct project *projects;     /* id, ref, section_id and signed_on used */
	size_t n_projects;
	const struct supply *rows;          /* rows of other years or of projects
	                                     * not given are skipped */
	size_t n_rows;
	int year;
	bl_day asof;                        /* events after it do not count */
	int wait_days;                      /* the setting guarantees.wait_days */
};

struct guarantees {
	struct guarantee_line *lines;       /* projects with a row in the year, in
	                                     * the input's project order; owned */
	size_t n;
	struct guarantee_total *sections;   /* by section id; owned */
	size_t n_sections;
	struct guarantee_total district;
	int overflow;                       /* a sum saturated (bad data): say so */
};

/* DOMAIN.md §7 要素保障 over in into *out (release with guarantees_release):
 *  - need: the project's SK_NEED row of the element for the year (0 when none);
 *  - supplied: the sum of its event rows of the year dated on or before asof;
 *  - waiting (land and energy only): when need > supplied at asof, the days
 *    from since to asof, where since is the need's own day (需求日期), else
 *    the later of Y-01-01 and the project's signing date (签约日期): a year's
 *    need does not wait from before its year unless its row says so; none
 *    before since;
 *  - yellow when the days waited are more than wait_days (so the first
 *    yellow day is since + wait_days + 1);
 *  - sections and the district sum their lines (checked: overflow).
 * Never fails. */
void guarantees_compute(const struct guarantee_input *in, struct guarantees *out);
void guarantees_release(struct guarantees *g);

/* The warning's sentence for element el of line l (a waiting land or energy
 * need), in Chinese with its numbers, into out (reset first): "用地需求 12.5
 * 亩，已供 2 亩，自 2024-03-01 起已等待 95 天（超过 90 天）". */
struct buf;
void guarantee_wait_reason(const struct guarantee_line *l, enum element el, int wait_days,
			   struct buf *out);

/* An amount of element el in its unit as text, exact: "12.5" (亩, 吨标煤 from
 * ten-thousandths; 万元 from yuan), into out. */
char *element_amount_text(enum element el, int64_t v, char out[static 32]);

#define GUARANTEE_WAIT_DAYS_DEFAULT 90

/* The element-wait warning's view (h-wait): guarantees_compute over ds's
 * projects and supplies for ds->year as of asof under wait_days into *g
 * (release with guarantees_release), and per project index of ds
 * (ds->n_projects entries) its line in g or NULL; free the array. */
const struct guarantee_line **guarantee_lines_of(const struct dataset *ds, bl_day asof,
						 int wait_days, struct guarantees *g);

/* Set *days from the text of the setting guarantees.wait_days: NULL, or the
 * settings table's static reason (core/settings.c setting_check) with *days
 * unchanged. */
const char *guarantees_wait_days_parse(const char *value, int *days);
struct store;
/* The setting guarantees.wait_days in effect (core/settings.c): the stored
 * value, else GUARANTEE_WAIT_DAYS_DEFAULT (also when unreadable). */
int guarantees_wait_days_load(struct store *st);

#endif
