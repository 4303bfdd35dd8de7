/* json_funds.h — policies, fund applications and the working-day calendar as
 * the JSON the CLI prints and the API returns (INTERFACES.md: lists are
 * {total, limit, offset, items}). Money is integer yuan. */
#ifndef BL_JSON_FUNDS_H
#define BL_JSON_FUNDS_H

#include <jansson.h>

#include "core/funds_view.h"

/* One application as of a day: id, company, uscc, ref, project_name, policy
 * {id, name, kind, kind_label}, amount_yuan, approved_yuan (0 before 会商),
 * paid_yuan (by the day), applied_on, verified_on, consulted_on,
 * rejected_on, reason, payments [{on, yuan}] (by the day), status,
 * status_label, pending_step, pending_step_label, owner {code, name, kind}
 * (of the pending step), since, due, used_days, limit_days, overdue,
 * late_days, version. New reference. */
json_t *fund_seen_json(const struct fund_book *b, const struct fund_seen *v);
/* {"asof", "total", "limit", "offset", "overdue", "applied_yuan",
 * "approved_yuan", "paid_yuan", "items": [...]}: the page [offset, offset +
 * limit) of sel (limit 0: all). New reference. */
json_t *fund_list_json(const struct fund_book *b, const struct fund_selection *sel, bl_day asof,
		       int64_t limit, int64_t offset);
/* A policy: id, name, kind, kind_label, year, steps [{step, label, owner
 * {…}, limit_days}] (limit_days null for 申领), version. New reference. */
json_t *policy_json(const struct dataset *units, const struct policy *p);

#endif
