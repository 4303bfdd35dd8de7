/* json_guarantees.h — element guarantees and demolition task books as the
 * JSON the CLI prints and the API returns (lists are {total, limit, offset,
 * items}, INTERFACES.md). Amounts are exact integers: land and energy in
 * ten-thousandths of 亩 and 吨标煤, funding in yuan, each with its text in the
 * shown unit (亩, 吨标煤, 万元) beside it. */
#ifndef BL_JSON_GUARANTEES_H
#define BL_JSON_GUARANTEES_H

#include <jansson.h>

#include "core/guarantees_view.h"

/* {"year", "asof", "wait_days", "scale": {"land": 10000, …}, "units": {"land": "亩", …},
 *  "district": TOTAL, "sections": [TOTAL + "section": {code, name, kind}],
 *  "total", "limit", "offset", "waiting",
 *  "items": [{"project_id", "ref", "name", "section": {…}, "light": "yellow"|"green",
 *             "land"|"energy"|"funding": {"need", "supplied", "gap", "need_text",
 *             "supplied_text", "gap_text", "since", "waited", "yellow"},
 *             "reasons": ["…"]}]}
 * where TOTAL is {"projects", "waiting", "land": {need, supplied, gap, *_text}, …};
 * items is the page [offset, offset + limit) of the lines (limit 0: all).
 * New reference. */
json_t *guarantees_json(const struct guarantee_book *b, const struct guarantee_query *q,
			const struct guarantee_view *v, int64_t limit, int64_t offset);

/* {"year", "asof", "total", "limit", "offset", "by_status": {"met": n, …},
 *  "items": [{"id", "section": {…}, "year", "name", "measure", "measure_label",
 *             "quantity", "due", "done", "reported_on", "expected", "status",
 *             "status_label", "version"}]}. New reference. */
json_t *demolition_json(const struct guarantee_book *b, const struct guarantee_query *q,
			const struct demolition_board *d, int64_t limit, int64_t offset);

#endif
