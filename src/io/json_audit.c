/* json_audit.c — an audit entry as JSON (json_audit.h). */
#include <jansson.h>

#include "io/json_audit.h"

static json_t *maybe_json(const char *text)
{
	json_t *j;

	if (!text)
		return json_null();
	j = json_loads(text, JSON_DECODE_ANY, NULL);
	return j ? j : json_string(text);
}

int json_audit_add(void *items, const struct audit_entry *e)
{
	json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "id",
		(json_int_t)e->id, "at", e->at, "actor", e->actor, "action", e->action, "entity",
		e->entity, "key", e->key, "before", maybe_json(e->before), "after",
		maybe_json(e->after)));
	return 0;
}
