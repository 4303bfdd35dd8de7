/* params.h — query parameters every resource shares (INTERFACES.md: lists page
 * with limit/offset and filter with the measure filters), and loading the
 * data a request needs from this thread's store. Each parser sets a 400 on rs
 * naming the bad parameter and returns -1. */
#ifndef BL_PARAMS_H
#define BL_PARAMS_H

#include "core/model.h"
#include "core/warnings.h"
#include "http/http.h"

struct project_filter {
	int year;
	bl_day asof;
	int tier;               /* TIER_ANY or enum tier */
	const char *section;    /* unit code (subtree), or NULL */
	const char *department; /* unit code, or NULL */
	int64_t section_id, department_id; /* resolved by filter_resolve */
	int industrial_only;
	int light;              /* -1 any, else enum light */
	int stage;              /* -1 any, 0 reserve (nothing reached), k+1 stage k */
	const char *q;          /* text in ref, name, company or code */
	const char *industry;   /* exact 产业链 */
	/* The projects behind a measure's number (docs/user-guide.md "Web UI"): */
	int reached;            /* -1 any, else enum stage: reached it by asof */
	int not_reached;        /* -1 any, else enum stage: not reached by asof */
	bl_day reached_from;    /* with reached: reached on or after this day */
	int due_start;          /* 应开尽开's scope: planned start <= asof, not
	                         * started before the year */
};

/* Today in local time. */
bl_day params_today(void);
/* year (default: the as-of year, or this year), asof (default: today within
 * the year, else Y-12-31). */
int parse_year_asof(struct http_req *rq, struct http_resp *rs, int *year, bl_day *asof);
int parse_project_filter(struct http_req *rq, struct http_resp *rs, struct project_filter *f);
/* Resolve the unit codes of f against ds; 400 when unknown. */
int filter_resolve(struct http_resp *rs, const struct dataset *ds, struct project_filter *f);
/* 1 when project i of ds passes f (not the light, which needs warnings). */
int filter_project(const struct project_filter *f, const struct dataset *ds, size_t i);
/* limit (default def, at most max) and offset (default 0). */
int parse_paging(struct http_req *rq, struct http_resp *rs, int64_t def, int64_t max,
		 int64_t *limit, int64_t *offset);

/* The project's furthest stage reached by asof: 0 reserve, k+1 for stage k. */
int project_stage_at(const struct project *p, bl_day asof);
extern const char *const stage_filter_keys[STAGE__MAX + 1]; /* "reserve", "signed", … */

/* The year's dataset / only the units (ds->units indexed), from rq->st;
 * a 500 on rs and -1 on failure. Release with dataset_release. */
int load_year(struct http_req *rq, struct http_resp *rs, int year, struct dataset *ds);
int load_units(struct http_req *rq, struct http_resp *rs, struct dataset *ds);
/* Only what a caller reads (store_load_dataset_for: reports through a month,
 * the parts asked for). */
int load_year_for(struct http_req *rq, struct http_resp *rs, int year, bl_month through,
		  unsigned parts, struct dataset *ds);
/* The warning thresholds in effect (defaults over the store's settings); -1
 * when a stored setting is bad (defaults are used then). */
int http_warning_settings(struct http_req *rq, struct warning_settings *ws);

#endif
