/* res_leads_int.h — what the two files of /api/v1/leads share (h-leads):
 * reading a lead with the units and how the caller stands to it, the answer
 * to a refusal of the workflow table, the duplicate-company check and the
 * lead's JSON with its log and the actions open to the caller. Private to
 * res_leads.c and res_lead_acts.c. */
#ifndef BL_RES_LEADS_INT_H
#define BL_RES_LEADS_INT_H

#include "core/leads.h"
#include "core/workflow.h"
#include "http/http.h"

/* A lead as a handler holds it. */
struct lead_ctx {
	struct lead l;
	struct dataset units;  /* every unit, indexed */
	enum wf_sight sight;
	int details;           /* access_lead_details */
	bl_day today;
};

/* Read the lead whose id is the path's first capture and the units. -1
 * after a 404 or a 500. Release with lead_ctx_release (also after -1). */
int lead_ctx_load(struct http_req *rq, struct http_resp *rs, struct lead_ctx *c);
void lead_ctx_release(struct lead_ctx *c);

/* The answer to the workflow table's refusal o of q on a lead. */
void lead_refuse(struct http_resp *rs, const struct wf_request *q, enum wf_outcome o,
		 const char *what);

/* 0 when no lead but skip_id (0: none) that is not dropped names the same
 * company as l; else a 409 exists naming the unit following it, and -1 (or
 * a 500 and -1). */
int lead_unique(struct http_req *rq, struct http_resp *rs, const struct dataset *units,
		const struct lead *l, int64_t skip_id);

/* The lead (visibility applied), with its log and the actions the caller
 * may take now when it sees the details. New reference; NULL after a 500. */
json_t *lead_detail_json(struct http_req *rq, struct http_resp *rs, const struct lead_ctx *c);

/* Text field key of body (absent or null: untouched) of 1…max characters;
 * -1 after a 400. */
int lead_text_field(struct http_resp *rs, json_t *body, const char *key, size_t max,
		    int one_line, const char **out);
/* A day field of body (absent or null: untouched); -1 after a 400. */
int lead_day_field(struct http_resp *rs, json_t *body, const char *key, bl_day *out);

#endif
