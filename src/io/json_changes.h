/* json_changes.h — the issued plan and its change requests as the JSON the
 * API returns and the CLI prints, and the proposed values of a request read
 * from JSON (the keys of core/changes.h: "planned_start", "tiers",
 * "annual_plan_yuan", "month_plan_yuan", "started_on", …). */
#ifndef BL_JSON_CHANGES_H
#define BL_JSON_CHANGES_H

#include <jansson.h>

#include "core/changes.h"
#include "store/store_changes.h"

/* The value v has of field f: a date "YYYY-MM-DD" or null, the tiers as
 * keys, yuan or null, twelve yuan amounts or null. New reference. */
json_t *change_value_json(const struct change_values *v, enum change_field f);
/* {id, ref, project_name, year, kind, kind_label, status, status_label,
 * fields: [keys], changes: {key: {label, from, to}}, reason, proposed_by,
 * proposed_at, decided_by, decided_at, decision_reason, version}. New
 * reference. */
json_t *change_request_json(const struct change_request *cr);
/* Read {key: value, …} into *fields and to (values as change_value_json
 * writes them; tiers also as 省/市/区, dates in any form parse_day takes).
 * NULL, or a static English reason with *field the key to blame. */
const char *change_values_from_json(json_t *changes, unsigned *fields,
				    struct change_values *to, const char **field);
/* {year, issued: true, issued_at, issued_by}, or {year, issued: false, …
 * null} when pi is NULL. New reference. */
json_t *plan_issue_json(int year, const struct plan_issue *pi);

#endif
