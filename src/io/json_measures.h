/* json_measures.h — the measures JSON of INTERFACES.md "Measures (JSON)":
 * rates with num, den and a 4-decimal value (null when den is 0), money as
 * integer yuan. Used by the CLI and the server alike. */
#ifndef BL_JSON_MEASURES_H
#define BL_JSON_MEASURES_H

#include <jansson.h>

#include "core/measures.h"

/* {"num", "den", "value"}; value null when den is 0. New reference. */
json_t *ratio_json(struct ratio r);
/* The "measures" object of one scope or row. New reference. */
json_t *measures_json(const struct measures *m);
/* The whole document: year, asof, scope (codes may be NULL), projects,
 * measures and, when b is not NULL, the breakdown rows. New reference. */
json_t *measures_doc_json(const struct scope *sc, const char *section_code,
			  const char *department_code, const struct measures *m,
			  const struct breakdown_rows *b);

#endif
