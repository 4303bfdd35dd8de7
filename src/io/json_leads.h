/* json_leads.h — the JSON of the lead pool (h-leads, issue #16), shared by
 * the API and the CLI: a lead with the visibility rule applied field by
 * field (core/access.c access_lead_details), its log, and the 双招双引
 * counts table. */
#ifndef BL_JSON_LEADS_H
#define BL_JSON_LEADS_H

#include <jansson.h>

#include "core/leads.h"

/* A lead: id, company, industry, stage, stage_label, found_by, followed_by
 * ({code, name, kind}), found_on, version and details (true/false) for
 * everyone; with details also uscc, amount_yuan, source, reason, signed_on,
 * project ({ref} or null) and last_on — absent without. New reference. */
json_t *lead_json(const struct dataset *units, const struct lead *l, int details);
/* One log entry: id, kind, kind_label, on, at, actor, body, stage. */
json_t *lead_log_json(const struct lead_log *g);
/* The counts table of period p: {year, month (null: the year), rows: [{unit
 * {code,name,kind}, found, signed, signed_yuan, funds, talents}], total: {…}}
 * (the total is the sum of the rows). New reference. */
json_t *lead_counts_json(const struct dataset *units, const struct lead_period *p,
			 const struct lead_count *rows, size_t n);

#endif
