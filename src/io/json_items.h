/* json_items.h — supervision items as the JSON the CLI prints and the API
 * returns (INTERFACES.md: lists are {total, limit, offset, items}). */
#ifndef BL_JSON_ITEMS_H
#define BL_JSON_ITEMS_H

#include <jansson.h>

#include "core/escalate.h"
#include "core/items_view.h"

/* A unit as {"code", "name", "kind"}, or null for id 0 / an unknown id. New
 * reference. */
json_t *item_unit_json(const struct dataset *units, int64_t id);
/* One item of a selection: id, ref, project_name, section {code, name, kind},
 * title, detail, category, category_label, owner {…}, level, level_label,
 * raised_on, deadline (办结时限), level_deadline (本级时限: it escalates after
 * it), status, status_label, pending, overdue, days_late,
 * days_left, source, source_label, source_ref, raised_by, version. New
 * reference. */
json_t *item_seen_json(const struct dataset *units, const struct item_seen *v);
/* {"asof", "total", "limit", "offset", "pending", "overdue",
 * "overdue_by_level": {"1": n, …, "4": n}, "items": [...]}: the page
 * [offset, offset + limit) of sel (limit 0: all). New reference. */
json_t *item_list_json(const struct item_book *b, const struct item_selection *sel,
		       bl_day asof, int64_t limit, int64_t offset);
/* One step of a timeline: id, kind, kind_label, on, at, actor, text,
 * attachment, status, status_label, level, level_label, deadline,
 * level_deadline. New
 * reference. */
json_t *item_step_json(const struct item_step *s);
/* {"asof", "escalated", "pending", "at_top", "later", "items": [{"id", "ref",
 * "from", "to", "was_deadline", "deadline"}]} of an escalation run; refs from
 * b when it has the item (else null). New reference. */
json_t *escalation_json(const struct escalation_run *r, const struct item_book *b);

#endif
