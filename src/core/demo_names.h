/* demo_names.h — the word tables behind the demo district (src/core/demo.c):
 * its sections and departments, industry chains with their product phrases,
 * brand syllables, leaders, progress and problem texts. All names of people and
 * companies are fictional. Constant data only, private to the generator. */
#ifndef BL_DEMO_NAMES_H
#define BL_DEMO_NAMES_H

#include <stddef.h>

#include "core/model.h"

/* A section of the demo district (DOMAIN.md §2). */
struct demo_section {
	const char *code;   /* "S01" */
	const char *name;   /* "空港经开区(硕放街道)" */
	enum unit_kind kind;
	int weight;         /* share of the district's projects, percent */
	int quality;        /* how it delivers, permille: 1000 = as planned */
	int perf;           /* investment against plan, permille */
};
#define DEMO_N_SECTIONS 6
extern const struct demo_section demo_sections[DEMO_N_SECTIONS];

/* The departments under the district. */
enum demo_dept { DD_NDRC, DD_INDUSTRY, DD_HOUSING, DD_COMMERCE, DD_LAND, DD__MAX };
extern const char *const demo_dept_codes[DD__MAX]; /* "D01" … */
extern const char *const demo_dept_names[DD__MAX]; /* "发改委" … */

/* Industry chains (产业链). DI_INFRA is the non-industrial one. */
enum demo_industry {
	DI_IC, DI_IOT, DI_BIO, DI_ENERGY, DI_EQUIP, DI_MATERIAL, DI_AUTO, DI_INFRA,
	DI__MAX
};
struct demo_industry_info {
	const char *name;          /* "集成电路" */
	const char *gb_class;      /* 2-digit industry class of the project code */
	const char *company_word;  /* "半导体科技", as in 无锡华芯半导体科技有限公司 */
	const char *const *products; /* "12英寸晶圆扩产项目", … (NULL-terminated) */
};
extern const struct demo_industry_info demo_industries[DI__MAX];
/* Per section, the relative weight of each industrial chain (DI_INFRA unused). */
extern const int demo_affinity[DEMO_N_SECTIONS][DI__MAX];

/* The nine provincial projects' phrases, each with its chain: the first five
 * continuing, the last four new in DEMO_YEAR. */
struct demo_flagship {
	const char *phrase; /* "存储半导体三期项目" */
	enum demo_industry industry;
};
#define DEMO_N_FLAGSHIPS 9
extern const struct demo_flagship demo_flagships[DEMO_N_FLAGSHIPS];

/* Brand syllables: a brand is one of each, first != second (华芯, 锡创 …). */
extern const char *const demo_brand_first[];
extern const size_t demo_n_brand_first;
extern const char *const demo_brand_second[];
extern const size_t demo_n_brand_second;

/* Infrastructure: place words, works, and the state-owned builders. */
extern const char *const demo_infra_places[];
extern const size_t demo_n_infra_places;
extern const char *const demo_infra_works[];
extern const size_t demo_n_infra_works;
extern const char *const demo_infra_owners[];
extern const size_t demo_n_infra_owners;

/* 挂钩领导, most senior first (fictional). */
extern const char *const demo_leaders[];
extern const size_t demo_n_leaders;

/* 形象进度 along construction: index by progress decile 0..9 (demo.c words
 * the structure stage, decile 4, itself: "主体结构施工至N层"). */
extern const char *const demo_progress_build[10];
extern const char *const demo_progress_infra[10];
extern const char *const demo_progress_upgrade[10];
/* 存在问题; the first three (用地, 用能, 施工许可) are what holds a start back. */
extern const char *const demo_problems[];
extern const size_t demo_n_problems;

#endif
