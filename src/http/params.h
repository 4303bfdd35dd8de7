/* params.h — query parameters every resource shares (INTERFACES.md: lists page
 * with limit/offset and filter with the measure filters), and loading the
 * data a request needs from this thread's store. Each parser sets a 400 on rs
 * naming the bad parameter and returns -1. */
#ifndef BL_PARAMS_H
#define BL_PARAMS_H

#include "core/model.h"
#include "core/warnings.h"
#include "http/http.h"
#include "io/scope_params.h"

/* Fill q from the query string: each parameter of io/scope_params.h in
 * accept (SP_BIT()s) by its key or its Chinese label, then the period's
 * defaults (year: the as-of year or this year; asof: today within the year,
 * else Y-12-31). A 400 naming the bad parameter, with the message the CLI
 * prints for the same value, and -1. q borrows the request's strings. */
int http_scope_query(struct http_req *rq, struct http_resp *rs, sp_set accept,
		     struct scope_query *q);
/* q's named list (SP_LIST, leader linkage) read from rq's store: its ids,
 * owned by rq, into q->sc; a 400 naming the parameter when no list has the
 * name (http_scope_query calls it). */
int http_scope_list(struct http_req *rq, struct http_resp *rs, struct scope_query *q);
/* Resolve q's section and department against ds; a 400 and -1 when unknown. */
int http_scope_resolve(struct http_resp *rs, const struct dataset *ds, struct scope_query *q);
/* When q filters by light: the warnings of ds as of q's date into *wl (the
 * caller releases it) and q->sc.lights pointing at its lights; -1 after
 * answering rs when the thresholds cannot be had (http_warning_settings). */
int http_scope_lights(struct http_req *rq, struct http_resp *rs, const struct dataset *ds,
		      struct scope_query *q, struct warning_list *wl);
/* The page q asks for (SP_PAGING): limit (default def; a 400 above max) and
 * offset (default 0). */
int http_paging(struct http_resp *rs, const struct scope_query *q, int64_t def, int64_t max,
		int64_t *limit, int64_t *offset);
/* A month (SP_MONTH) from a path segment or a JSON field; a 400 and -1 when
 * bad or absent. */
int http_month(struct http_resp *rs, const char *s, bl_month *out);
/* A 400 "needs a value" naming p, and -1, unless q was given p. */
int http_require(struct http_resp *rs, const struct scope_query *q, enum scope_param p);
/* Parameter p's text s from elsewhere than the query string (a path segment,
 * a JSON field) into a fresh *q, judged as the query parameter is; a 400
 * naming it and -1 when bad or absent (NULL). */
int http_param_read(struct http_resp *rs, enum scope_param p, const char *s,
		    struct scope_query *q);

/* The year's dataset / only the units (ds->units indexed): for a read (GET,
 * HEAD) borrowed from the request's snapshot (http_snapshot), else from
 * rq->st; a 500 on rs and -1 on failure. Release with dataset_release (a
 * borrowed one is only forgotten). */
int load_year(struct http_req *rq, struct http_resp *rs, int year, struct dataset *ds);
int load_units(struct http_req *rq, struct http_resp *rs, struct dataset *ds);
/* Only what a caller reads (store_load_dataset_for: reports through a month,
 * the parts asked for). */
int load_year_for(struct http_req *rq, struct http_resp *rs, int year, bl_month through,
		  unsigned parts, struct dataset *ds);
/* The warning thresholds in effect (defaults over the stored settings, the
 * snapshot's for a read); -1 after answering rs when one cannot be had: 500
 * bad_setting naming a bad stored value (nothing is computed with a threshold
 * the district did not set — the CLI refuses the same way), or the store's
 * error. */
int http_warning_settings(struct http_req *rq, struct http_resp *rs,
			  struct warning_settings *ws);

#endif
