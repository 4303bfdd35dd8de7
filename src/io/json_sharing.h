/* json_sharing.h — revenue sharing and industrial funds as the JSON the CLI
 * prints and the API returns (INTERFACES.md: lists are {total, limit,
 * offset, items}). Money is integer yuan. */
#ifndef BL_JSON_SHARING_H
#define BL_JSON_SHARING_H

#include <jansson.h>

#include "core/sharing.h"

/* A rule: id, name, builtin, attracted_by, landed_in {code, name, kind} or
 * null, nth_from, nth_to (null: open), valid_from, valid_to (null: no
 * bound), street_permille, district_permille, version. New reference. */
json_t *sharing_rule_json(const struct dataset *units, const struct sharing_rule *r);
/* {"year", "street", "total", "limit", "offset", "totals": {"tax", "street",
 * "district"}, "unshared", "items": [line…]}: every line of l (limit =
 * total). A line: ref, project_name, street {code, name, kind},
 * attracted_by, landed_on, year, year_no, tax, street_share, district_share,
 * street_permille, rule {id, name}. year 0 / street NULL: null. New
 * reference. */
json_t *ledger_json(const struct sharing_data *d, const struct ledger *l, int year,
		    const char *street);
/* {"total", "limit", "offset", "items": [{"ref", "project_name", "section",
 * "year", "year_no", "tax", "version"}]} of the tax records keep (may be
 * NULL) answers 1 for. New reference. */
json_t *taxes_json(const struct sharing_data *d, int year,
		   int (*keep)(void *ctx, const struct project *p), void *ctx);
/* A fund: id, name, manager, capital, registered_on, focus, brought_by
 * {code, name, kind} or null, version. New reference. */
json_t *fund_json(const struct dataset *units, const struct fund *f);
/* {"year", "total", "limit", "offset", "count", "capital", "items"} of the
 * funds registered in year (0: every fund); count and capital are the
 * year's (the targets industrial_funds and industrial_funds_capital_yuan
 * read the same). New reference. */
json_t *funds_json(const struct dataset *units, const struct fund *f, size_t n, int year);

#endif
