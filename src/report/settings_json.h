/* settings_json.h — a setting (core/settings.h) as JSON: what `ballast settings
 * list --format json` prints and what GET /api/v1/settings returns, one form
 * for both. */
#ifndef BL_SETTINGS_JSON_H
#define BL_SETTINGS_JSON_H

#include <jansson.h>

#include "core/settings.h"

/* {"key", "type": "int"|"choice"|"text", "value", "default", "is_set",
 *  "label", "label_en", "description", "description_en",
 *  "min", "max" (int; for text the length), "choices" (choice)}. value and
 * default are texts, null for a derived default ("default_note" then says
 * what it is). New reference. */
json_t *setting_view_json(const struct setting_view *v);

#endif
