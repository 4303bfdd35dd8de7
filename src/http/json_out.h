/* json_out.h — projects as JSON for the API, and back: every field of
 * INTERFACES.md's projects file, money as integer yuan (keys ending _yuan),
 * areas and energy as exact decimal strings, dates as YYYY-MM-DD. */
#ifndef BL_JSON_OUT_H
#define BL_JSON_OUT_H

#include <jansson.h>

#include "core/leaders.h"
#include "core/model.h"
#include "core/warnings.h"
#include "http/http.h"

/* Project i of ds with the dates it reached each stage, its stage as of
 * asof, its listing for ds->year, its light and whether the caller may edit
 * it. New reference. */
json_t *api_project_json(const struct dataset *ds, size_t i, enum light light, int editable,
			 bl_day asof);
/* A listing: ref (omitted when NULL), year, tiers, annual and month plans in
 * yuan, version. New reference. */
json_t *api_listing_json(const char *ref, const struct listing *l);
/* A project as stored (no listing); units only needs units, indexed. */
json_t *api_project_stored(const struct dataset *units, const struct project *p);
/* GET of a project not listed in the year: the project (from the snapshot) with its
 * stages as of asof, listing null; 404 when it does not exist or is not
 * visible to the caller. */
void api_project_unlisted(struct http_req *rq, struct http_resp *rs, const char *ref,
			  bl_day asof);
/* Month by month of ds->year for project i: reported investment, plan, and
 * whether a report exists. */
json_t *api_project_monthly(const struct dataset *ds, size_t i);

/* Apply the fields present in body to p (absent keys keep their values; null
 * clears). units resolves section and department codes. On a bad field a
 * 400 naming it is set on rs and -1 returned. */
int api_project_from_json(struct http_resp *rs, json_t *body, const struct dataset *units,
		      struct project *p);

/* Optimistic edits: the version the edit changes comes in If-Match or the
 * body's "version". 0 when it equals stored; else 409 with current (the row
 * now) or 428 when absent, and -1. current's reference is stolen. */
int version_check(struct http_req *rq, struct http_resp *rs, json_t *body, int64_t stored,
		  json_t *current);

/* The leader accounts linked to project_id (领导挂钩, res_leaders.c):
 * [{username, display_name}] (caller owns). */
json_t *api_project_leaders(struct http_req *rq, int64_t project_id);
/* The leader accounts names (n of them; NULL: those the 挂钩领导 text names,
 * split as the import splits the column) pick, into *pk (release it with
 * leader_pick_release): core/leaders.h's leader_names_pick, as every path
 * that sets a project's leaders reads names. -1 after answering 422
 * unknown_leader or ambiguous_leader (naming the first such name), or 400
 * invalid (more than 16), on field. */
int api_leaders_pick(struct http_req *rq, struct http_resp *rs, const char *const *names,
		     size_t n, const char *text, const char *field, struct leader_pick *pk);
/* A project write's "leader" (挂钩领导), after api_project_from_json put its
 * text in p->leader: *given 1 when body has the key; then the accounts the
 * text names into *pk and p->leader made their joined shown names (NULL for
 * none), the text the import stores. A caller who may not write leader
 * links (RES_LEADERS) may give only the project's present leaders (a form
 * sent back as read): else 403 forbidden. -1 after answering. found: p is
 * stored (p->id its id). The caller writes pk's links after the row. */
int api_project_leader_field(struct http_req *rq, struct http_resp *rs, json_t *body,
			     struct project *p, int found, struct leader_pick *pk, int *given);

/* 409 stale with the current row (reference stolen). */
void resp_stale(struct http_resp *rs, json_t *current);

#endif
