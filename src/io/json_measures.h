/* json_measures.h — the measures JSON of INTERFACES.md "Measures (JSON)":
 * rates with num, den and a 4-decimal value (null when den is 0), money as
 * integer yuan. Used by the CLI and the server alike: written as compact
 * text (the server sends it as it is), or read back as a jansson value. */
#ifndef BL_JSON_MEASURES_H
#define BL_JSON_MEASURES_H

#include <jansson.h>

#include "core/measures.h"

#include "util/buf.h"

/* {"num", "den", "value"}; value null when den is 0 (4 decimals from exact
 * integer rounding): as a new jansson reference, or appended as text. */
json_t *ratio_json(struct ratio r);
void json_ratio_text(struct buf *b, struct ratio r);
/* The real v / 10^decimals (decimals 4 or 1) as jansson writes the double
 * (JSON_REAL_PRECISION(15): %.15g, ".0" added to a whole number). */
void json_real_text(struct buf *b, int64_t v, int decimals);

/* The whole document over ds (indexed, with its targets) for scope sc:
 * year, asof, scope (sc's codes and the lists' filters it sets), projects,
 * measures, pace (序时: elapsed months / 12, investment and points), targets (per measure, the target its figure is compared with:
 * target_choose) and, when b is the breakdown by `by`, the rows, each with
 * its measures and: a month its pace with plan_yuan; a tier, section or department its
 * targets; a section its task_book (new starts ÷ task book) and its rank
 * among the rows by start_rate, investment_completion and task_book.
 * measures_doc_text appends it to out as compact JSON text;
 * measures_doc_json gives it as a new jansson reference. */
void measures_doc_text(struct buf *out, const struct dataset *ds, const struct scope *sc,
		       const struct measures *m, const struct breakdown_rows *b,
		       enum breakdown by);
json_t *measures_doc_json(const struct dataset *ds, const struct scope *sc,
			  const struct measures *m, const struct breakdown_rows *b,
			  enum breakdown by);
/* What of a store's dataset (enum dataset_part) measures_doc_json reads
 * beyond the measures' own columns: the targets; the projects' details for a
 * search (q) or the month-by-month plans of a breakdown by month. */
unsigned measures_doc_parts(const struct scope *sc, enum breakdown by);

#endif
