/* json_rows.h — a project of a list written straight into the answer's text:
 * the JSON of api_project_json (json_out.h), member for member and in the
 * same order, without building it from jansson values first (a city's list
 * page spent most of its time allocating and freeing those). */
#ifndef BL_JSON_ROWS_H
#define BL_JSON_ROWS_H

#include "core/model.h"
#include "core/warnings.h"
#include "util/buf.h"

/* Append the stored fields of p ("{\"ref\":…,\"version\":N", the object left
 * open), then, with stages, the date it reached each stage and its stage as
 * of asof ("reached", "stage"). ds only needs units, indexed. */
void api_project_fields_text(struct buf *b, const struct dataset *ds, const struct project *p,
			     int stages, bl_day asof);
/* Append project i of ds as api_project_json(ds, i, light, editable, asof)
 * would give it, as compact JSON text. */
void api_project_text(struct buf *b, const struct dataset *ds, size_t i, enum light light,
		      int editable, bl_day asof);

#endif
