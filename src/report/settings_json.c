/* settings_json.c — the JSON form of a setting with jansson. */
#include "report/settings_json.h"

static json_t *text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *setting_view_json(const struct setting_view *v)
{
	const struct setting_def *d = v->d;
	json_t *o = json_object();

	json_object_set_new(o, "key", json_string(d->key));
	json_object_set_new(o, "type", json_string(setting_type_keys[d->type]));
	json_object_set_new(o, "value", text_or_null(v->value));
	json_object_set_new(o, "default", text_or_null(d->def));
	if (!d->def && d->def_note)
		json_object_set_new(o, "default_note", json_string(d->def_note));
	json_object_set_new(o, "is_set", json_boolean(v->is_set));
	json_object_set_new(o, "label", json_string(d->label));
	json_object_set_new(o, "label_en", json_string(d->label_en));
	json_object_set_new(o, "description", json_string(d->help));
	json_object_set_new(o, "description_en", json_string(d->help_en));
	if (d->type == SETTING_CHOICE) {
		json_t *c = json_array();
		const char *const *p;

		for (p = d->choices; *p; p++)
			json_array_append_new(c, json_string(*p));
		json_object_set_new(o, "choices", c);
	} else {
		json_object_set_new(o, "min", json_integer(d->min));
		json_object_set_new(o, "max", json_integer(d->max));
	}
	return o;
}
