/* json_reports.h — targets with their status, and warnings with their
 * reasons, as the JSON documents the CLI prints and the API returns. */
#ifndef BL_JSON_REPORTS_H
#define BL_JSON_REPORTS_H

#include <jansson.h>

#include "core/targets.h"
#include "core/warnings.h"

/* One target with its evaluation e: id, measure, label, kind (rate, count,
 * money), scope, due, value, judged_on, actual, ratio (computed rates),
 * expected, indicator_month (indicators), status, status_label. New reference. */
json_t *target_eval_json(const struct dataset *ds, const struct target *t,
		    const struct target_eval *e);
/* The measures a target may be set on (model.c's measure_info), in order:
 * [{"key", "label", "label_en", "kind", "indicator"}]. New reference. */
json_t *measures_table_json(void);
/* {"year", "asof", "targets": [...], "measures": [...]}: each target of ds
 * with ev[i], its evaluation; then measures_table_json(). New reference. */
json_t *targets_doc_json(const struct dataset *ds, int year, bl_day asof,
			 const struct target_eval *ev);
/* The task books that do not add up (core/targets.h targets_check_books), as
 * [{"id", "measure", "label", "scope": {"tier", "section", "department",
 * "industrial"}, "due", "value", "books_sum", "difference", "books",
 * "without": ["S03", …]}] with difference = books_sum − value; values as in
 * targets_doc_json. New reference. */
json_t *book_check_json(const struct dataset *ds, const struct book_check *c);
/* A warning's reason figures by name ({"days": "176", …}), for a UI to say
 * its reason (code) in its own language. New reference. */
json_t *warning_params_json(const struct warning *w);
/* {"year", "asof", "section", "min", "counts", "lights", "warnings": [{ref,
 * name, section, section_name, rule, rule_label, level, reason, reason_code,
 * reason_params}]}. New reference. */
json_t *warnings_doc_json(const struct dataset *ds, bl_day asof, const char *section_code,
			  enum light min, const struct warning_view *wv);

#endif
