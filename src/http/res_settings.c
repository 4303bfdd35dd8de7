/* res_settings.c — /api/v1/settings: every setting of core/settings.c with
 * its value in effect, default, label and range (administrators, coordinators
 * and auditors read); administrators change one (PUT /settings/:key), several
 * at once (PUT /settings, all or none), or return one to its default (DELETE).
 * Validation and the audited write are core's (settings_write). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/settings.h"
#include "http/routes.h"
#include "report/settings_json.h"
#include "util/xalloc.h"

struct find_ctx {
	const char *key;
	json_t *items; /* the list, or NULL */
	json_t *one;   /* the one key's item */
};

static int add_view(void *ctx, const struct setting_view *v)
{
	struct find_ctx *c = ctx;

	if (c->items)
		json_array_append_new(c->items, setting_view_json(v));
	else if (!strcmp(c->key, v->d->key))
		c->one = setting_view_json(v);
	return 0;
}

/* The item of key as it is now; NULL after setting the response on failure. */
static json_t *item_of(struct http_req *rq, struct http_resp *rs, const char *key)
{
	struct find_ctx c = { key, NULL, NULL };

	if (settings_each(rq->st, add_view, &c)) {
		resp_store_error(rs, rq->st, BL_EDB);
		return NULL;
	}
	if (!c.one) {
		resp_fail(rs, HE_UNKNOWN_SETTING, "no setting has this key", "没有这个设置项",
			   "key");
		return NULL;
	}
	return c.one;
}

void h_settings_list(struct http_req *rq, struct http_resp *rs)
{
	struct find_ctx c = { NULL, json_array(), NULL };

	if (settings_each(rq->st, add_view, &c)) {
		json_decref(c.items);
		resp_store_error(rs, rq->st, BL_EDB);
		return;
	}
	resp_json(rs, 200, json_pack("{s:o}", "items", c.items));
}

void h_settings_get(struct http_req *rq, struct http_resp *rs)
{
	json_t *item = item_of(rq, rs, rq->captures[0]);

	if (item)
		resp_json(rs, 200, item);
}

/* A JSON value as a setting's text: a string as is, an integer in decimal,
 * null as NULL (back to the default). -1 for any other kind. */
static int value_text(json_t *v, char **out)
{
	char tmp[32];

	*out = NULL;
	if (json_is_null(v))
		return 0;
	if (json_is_string(v)) {
		*out = xstrdup(json_string_value(v));
		return 0;
	}
	if (json_is_integer(v)) {
		snprintf(tmp, sizeof(tmp), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		*out = xstrdup(tmp);
		return 0;
	}
	return -1;
}

/* Write keys[i] = values[i] (i < n) and answer: 200 with the items written,
 * 404 for an unknown key, 400 naming the key of a bad value. */
static void write_and_answer(struct http_req *rq, struct http_resp *rs, const char **keys,
			     char **values, size_t n, int one)
{
	struct buf err = BUF_INIT;
	const char *bad = NULL;
	json_t *items;
	enum bl_err rc;
	size_t i;

	rc = settings_write(rq->st, keys, (const char *const *)values, n, &err, &bad);
	if (rc == BL_ENOTFOUND) {
		resp_fail(rs, HE_UNKNOWN_SETTING, err.s, "没有这个设置项", bad ? bad : "key");
	} else if (rc == BL_EINVAL) {
		resp_fail(rs, HE_INVALID, err.s, "设置值不符合要求", one ? "value" : bad);
	} else if (rc) {
		resp_fail(rs, HE_INTERNAL, err.s, "服务器内部错误", NULL);
	} else if (one) {
		json_t *item = item_of(rq, rs, keys[0]);

		if (item)
			resp_json(rs, 200, item);
	} else {
		items = json_array();
		for (i = 0; i < n; i++) {
			json_t *item = item_of(rq, rs, keys[i]);

			if (!item) {
				json_decref(items);
				goto out;
			}
			json_array_append_new(items, item);
		}
		resp_json(rs, 200, json_pack("{s:o}", "items", items));
	}
out:
	buf_release(&err);
}

/* PUT /settings/:key {"value": "30" | 30 | null} */
void h_settings_put(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs), *v;
	const char *key = rq->captures[0];
	char *value = NULL;

	if (!body)
		return;
	v = json_object_get(body, "value");
	if (!v || value_text(v, &value)) {
		resp_bad_request(rs, "value", "value: a text, a whole number, or null for the default");
		goto out;
	}
	write_and_answer(rq, rs, &key, &value, 1, 1);
out:
	free(value);
	json_decref(body);
}

/* DELETE /settings/:key: back to the default. */
void h_settings_delete(struct http_req *rq, struct http_resp *rs)
{
	const char *key = rq->captures[0];
	char *value = NULL;

	write_and_answer(rq, rs, &key, &value, 1, 1);
}

/* PUT /settings {"KEY": value, …}: all of them in one transaction, or none. */
void h_settings_put_many(struct http_req *rq, struct http_resp *rs)
{
	json_t *body = req_json(rq, rs), *v;
	const char **keys = NULL;
	char **values = NULL;
	const char *k;
	size_t n = 0, i;

	if (!body)
		return;
	if (!json_object_size(body) || json_object_size(body) > n_setting_defs) {
		resp_bad_request(rs, NULL, "an object of settings: {\"key\": value, …}");
		goto out;
	}
	keys = xcalloc(json_object_size(body), sizeof(*keys));
	values = xcalloc(json_object_size(body), sizeof(*values));
	json_object_foreach(body, k, v) {
		keys[n] = k;
		if (value_text(v, &values[n])) {
			resp_bad_request(rs, k, "a text, a whole number, or null for the default");
			n++;
			goto out;
		}
		n++;
	}
	write_and_answer(rq, rs, keys, values, n, 0);
out:
	for (i = 0; i < n; i++)
		free(values[i]);
	free(keys);
	free(values);
	json_decref(body);
}
