/* scope.h — which projects a filter selects, once for everything that counts
 * or lists projects: the measures, targets, warnings, the contest, the
 * bulletin, the CLI and every HTTP list. DOMAIN.md §4's filters (year, tier,
 * section subtree, department, industrial) widened by the lists' own (stage,
 * reached, due start, new or continuing, light, industry, text). */
#ifndef BL_SCOPE_H
#define BL_SCOPE_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/model.h"
#include "core/warnings.h"

/* The new / continuing split (新开工 / 续建, DOMAIN.md §3) of a year's list. */
enum project_kind {
	PK_NEW,        /* not started before Y-01-01: to start (or started) this year */
	PK_CONTINUING, /* started before Y-01-01 */
	PK__MAX
};
extern const char *const project_kind_keys[PK__MAX];   /* "new", "continuing" */
extern const char *const project_kind_labels[PK__MAX]; /* "新开工", "续建" */

/* The furthest stage a project has reached by a day: 0 reserve (储备, nothing
 * reached), k + 1 for enum stage k. */
#define STAGE_AT__MAX (STAGE__MAX + 1)
extern const char *const stage_at_keys[STAGE_AT__MAX];   /* "reserve", "signed", … */
extern const char *const stage_at_labels[STAGE_AT__MAX]; /* "储备", "签约", … */
/* DOMAIN.md §3: 0 when p reached no stage by asof, else k + 1 for the latest
 * stage k it reached by then. */
int project_stage_at(const struct project *p, bl_day asof);

struct scope {
	int year;              /* Y; a project matches only in a dataset of year Y */
	bl_day asof;           /* D */
	int tier;              /* enum tier, or TIER_ANY */
	int64_t section_id;    /* 0 = all, else the subtree of this unit */
	int64_t department_id; /* 0 = all, else this department */
	int industrial_only;   /* 1: industrial projects (产业项目) only */
	/* The filters of the lists (and of measures, when given): */
	const char *industry;  /* exact 产业链, or NULL (borrowed) */
	int stage;             /* -1 any, else project_stage_at() must equal it */
	int reached;           /* -1 any, else enum stage reached by asof … */
	bl_day reached_from;   /* … and on or after this day (DAY_NONE: any) */
	int not_reached;       /* -1 any, else enum stage not reached by asof */
	int due_start;         /* 1: 应开尽开's scope — planned start <= asof, not
	                        * started before the year */
	int kind;              /* -1 any, else enum project_kind */
	int light;             /* -1 any, else enum light … */
	const enum light *lights; /* … of each project of the dataset (borrowed;
	                        * NULL: every project is green) */
	const char *q;         /* text in ref, name, company or code (borrowed) */
	/* A named project list (core/leaders.h): its name as given, and once
	 * the caller has read it, its projects' ids, ascending (borrowed). A
	 * name set with no ids selects nothing. */
	const char *list_name;
	const int64_t *list_ids;
	size_t n_list_ids;
	/* The caller's reach (core/access.c access_scope_narrow): 0 for every
	 * project, else only those in this unit's subtree / of this department
	 * (-1: none), whatever the filters above ask. */
	int64_t reach_section_id, reach_department_id;
	/* The unit codes as the user gave them, for echoing (borrowed; NULL). */
	const char *section_code, *department_code;
};

/* A scope with no filters: every project listed in year, as of asof. */
void scope_init(struct scope *sc, int year, bl_day asof);

/* 1 when project i of ds (indexed) is selected by sc: ds->year is sc->year
 * and the project passes every filter that is set. */
int scope_matches(const struct dataset *ds, const struct scope *sc, size_t i);

/* 1 when what scope_matches selects depends on sc->asof: a filter on the
 * stage, the stages reached or not, or the due starts. (The lights are the
 * caller's, computed for one day.) */
int scope_reads_asof(const struct scope *sc);

/* 1 when sc sets no filter at all: scope_matches then selects every project
 * of a dataset of sc->year. */
int scope_selects_all(const struct scope *sc);

/* 1 when sc sets a filter beyond those a target can have (tier, section,
 * department, industrial): then no target speaks for its figures. */
int scope_is_narrowed(const struct scope *sc);

#endif
