/* resp.c — building responses: JSON bodies and the error shape of
 * INTERFACES.md ({"error": {"code", "message", "field"}}, plus message_zh for
 * the UI), and reading JSON request bodies with a nesting limit. */
#include <string.h>

#include "http/http.h"
#include "util/utf8.h"

#define JSON_DEPTH_MAX 32

void resp_json(struct http_resp *rs, int status, json_t *j)
{
	char *text = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER |
				    JSON_REAL_PRECISION(15)) : NULL;

	rs->status = status;
	rs->content_type = "application/json; charset=utf-8";
	buf_reset(&rs->body);
	if (text) {
		buf_adds(&rs->body, text);
		free(text);
	} else {
		buf_adds(&rs->body, "null");
	}
	json_decref(j);
}

/* s with every byte that is not part of UTF-8 replaced by U+FFFD, into b. */
static const char *utf8_cleaned(const char *s, struct buf *b)
{
	if (!s)
		return NULL;
	utf8_clean(b, s, strlen(s));
	return b->s;
}

static const struct http_error_def *error_def(enum http_err e)
{
	return &http_errors[(unsigned)e < HE__MAX ? e : HE_INTERNAL];
}

/* {"code", "message", "message_zh", "field"}. The message or field may quote
 * the request (jansson's "near '...'", a path segment), which need not be
 * UTF-8: then those bytes become U+FFFD rather than the document failing. */
json_t *http_error_json(enum http_err e, const char *message, const char *message_zh,
			const char *field)
{
	const struct http_error_def *d = error_def(e);
	struct buf m = BUF_INIT, z = BUF_INIT, f = BUF_INIT;
	json_t *j;

	message = message ? message : d->message;
	message_zh = message_zh ? message_zh : d->message_zh;
	j = json_pack("{s:s, s:s, s:s, s:s?}", "code", d->code, "message", message,
		      "message_zh", message_zh, "field", field);
	if (!j)
		j = json_pack("{s:s, s:s, s:s, s:s?}", "code", d->code, "message",
			      utf8_cleaned(message, &m), "message_zh", utf8_cleaned(message_zh, &z),
			      "field", utf8_cleaned(field, &f));
	buf_release(&m);
	buf_release(&z);
	buf_release(&f);
	return j;
}

void resp_fail_doc(struct http_resp *rs, enum http_err e, json_t *doc)
{
	if (!json_object_get(doc, "error"))
		json_object_set_new(doc, "error", http_error_json(e, NULL, NULL, NULL));
	resp_json(rs, error_def(e)->status, doc);
}

void resp_fail(struct http_resp *rs, enum http_err e, const char *message,
	       const char *message_zh, const char *field)
{
	resp_fail_doc(rs, e, json_pack("{s:o}", "error",
				       http_error_json(e, message, message_zh, field)));
}

void resp_bad_request(struct http_resp *rs, const char *field, const char *message)
{
	resp_fail(rs, HE_INVALID, message, NULL, field);
}

void resp_not_found(struct http_resp *rs, const char *what)
{
	resp_fail(rs, HE_NOT_FOUND, NULL, NULL, what);
}

void resp_store_error(struct http_resp *rs, struct store *st, enum bl_err rc)
{
	enum http_err e = http_err_of(rc);

	resp_fail(rs, e, *store_errmsg(st) ? store_errmsg(st) : NULL,
		  e == HE_FORBIDDEN ? "无权操作" : NULL, NULL);
}

void resp_weak_password(struct http_resp *rs, enum password_problem p, const char *field)
{
	struct buf en = BUF_INIT, zh = BUF_INIT;

	buf_addf(&en, "%s: %s", password_problem_text[p], password_rule);
	buf_addf(&zh, "%s：%s", password_problem_text_zh[p], password_rule_zh);
	resp_fail(rs, HE_INVALID, en.s, zh.s, field);
	buf_release(&en);
	buf_release(&zh);
}

int http_finish(struct http_req *rq, struct http_resp *rs, enum bl_err rc)
{
	if (!rc)
		rc = store_commit(rq->st);
	if (!rc)
		return 0;
	store_rollback(rq->st);
	resp_store_error(rs, rq->st, rc);
	return -1;
}

int http_begin(struct http_req *rq, struct http_resp *rs)
{
	enum bl_err rc = store_begin(rq->st);

	if (!rc)
		return 0;
	resp_store_error(rs, rq->st, rc);
	return -1;
}

/* Deepest nesting of [ and { outside strings; stops counting past the limit. */
static int json_depth(const char *s, size_t n)
{
	int depth = 0, max = 0, in_str = 0;
	size_t i;

	for (i = 0; i < n && max <= JSON_DEPTH_MAX; i++) {
		char c = s[i];

		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '[' || c == '{') {
			if (++depth > max)
				max = depth;
		} else if (c == ']' || c == '}') {
			depth--;
		}
	}
	return max;
}

json_t *req_json(const struct http_req *rq, struct http_resp *rs)
{
	json_error_t err;
	json_t *j;

	if (!rq->body || !rq->body_len) {
		resp_fail(rs, HE_BAD_JSON, "the request needs a JSON body", "请求缺少 JSON 内容",
			   NULL);
		return NULL;
	}
	if (json_depth(rq->body, rq->body_len) > JSON_DEPTH_MAX) {
		resp_fail(rs, HE_BAD_JSON, "the JSON nests too deeply", "JSON 嵌套过深", NULL);
		return NULL;
	}
	j = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &err);
	if (!j) {
		resp_fail(rs, HE_BAD_JSON, err.text, "JSON 格式错误", NULL);
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		resp_fail(rs, HE_BAD_JSON, "the JSON body must be an object",
			   "JSON 内容须为对象", NULL);
		return NULL;
	}
	return j;
}
