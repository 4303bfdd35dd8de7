/* params.c — shared query parameters and data loading for the resources. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/params.h"
#include "io/parse.h"
#include "store/store_leaders.h"
#include "util/xalloc.h"

/* A 400 for err, naming its parameter. */
static int bad_scope(struct http_resp *rs, const struct scope_error *err)
{
	resp_fail(rs, HE_INVALID, err->msg, err->msg_zh,
		   err->param >= 0 ? scope_params[err->param].key : NULL);
	return -1;
}

int http_scope_query(struct http_req *rq, struct http_resp *rs, sp_set accept,
		     struct scope_query *q)
{
	struct scope_error err;
	int p;

	scope_query_init(q);
	for (p = 0; p < SP__MAX; p++) {
		const char *v;

		if (!(accept & SP_BIT(p)))
			continue;
		v = req_query(rq, scope_params[p].key);
		if (!v)
			v = req_query(rq, scope_params[p].label);
		/* "?industrial" without a value is absent here, as it always was */
		if (v && scope_query_set(q, (enum scope_param)p, v, &err))
			return bad_scope(rs, &err);
	}
	if (scope_query_finish(q, scope_today(), &err))
		return bad_scope(rs, &err);
	return (q->given & SP_BIT(SP_LIST)) ? http_scope_list(rq, rs, q) : 0;
}

int http_scope_list(struct http_req *rq, struct http_resp *rs, struct scope_query *q)
{
	struct project_list l;
	struct scope_error err;
	enum bl_err rc = store_list_get(rq->st, q->sc.list_name, &l);

	if (rc == BL_ENOTFOUND) {
		scope_list_missing(q->sc.list_name, &err);
		return bad_scope(rs, &err);
	}
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		return -1;
	}
	free(rq->list_ids);
	rq->list_ids = l.project_ids;
	q->sc.list_ids = l.project_ids;
	q->sc.n_list_ids = l.n;
	l.project_ids = NULL;
	project_list_release(&l);
	return 0;
}

int http_scope_resolve(struct http_resp *rs, const struct dataset *ds, struct scope_query *q)
{
	struct scope_error err;

	return scope_query_resolve(q, ds, &err) ? bad_scope(rs, &err) : 0;
}

int http_scope_lights(struct http_req *rq, struct http_resp *rs, const struct dataset *ds,
		      struct scope_query *q, struct warning_list *wl)
{
	struct warning_settings ws;

	if (q->sc.light < 0)
		return 0;
	if (http_warning_settings(rq, rs, &ws))
		return -1;
	warnings_compute(ds, &ws, q->sc.asof, wl);
	q->sc.lights = wl->lights;
	return 0;
}

int http_paging(struct http_resp *rs, const struct scope_query *q, int64_t def, int64_t max,
		int64_t *limit, int64_t *offset)
{
	*limit = q->limit ? q->limit : def;
	*offset = q->offset;
	if (*limit > max) {
		char msg[96], zh[96];

		snprintf(msg, sizeof(msg), "limit %lld: more than this list's most, %lld",
			 (long long)*limit, (long long)max);
		snprintf(zh, sizeof(zh), "每页条数 %lld：超过本列表上限%lld", (long long)*limit,
			 (long long)max);
		resp_fail(rs, HE_INVALID, msg, zh, "limit");
		return -1;
	}
	return 0;
}

int http_month(struct http_resp *rs, const char *s, bl_month *out)
{
	struct scope_query q;

	if (http_param_read(rs, SP_MONTH, s, &q))
		return -1;
	*out = q.month;
	return 0;
}

int http_require(struct http_resp *rs, const struct scope_query *q, enum scope_param p)
{
	struct scope_error err;

	if (q->given & SP_BIT(p))
		return 0;
	scope_param_read(p, "", (struct scope_query[1]){ { .given = 0 } }, &err);
	return bad_scope(rs, &err);
}

int http_param_read(struct http_resp *rs, enum scope_param p, const char *s,
		    struct scope_query *q)
{
	struct scope_error err;

	return scope_param_read(p, s, q, &err) ? bad_scope(rs, &err) : 0;
}

/* A read answers from the snapshot; a write decides from the store, in its
 * transaction where it has one. */
static int is_read(const struct http_req *rq)
{
	return !strcmp(rq->method, "GET") || !strcmp(rq->method, "HEAD");
}

int load_year(struct http_req *rq, struct http_resp *rs, int year, struct dataset *ds)
{
	return load_year_for(rq, rs, year, month_from_ym(year, 12), DS_ALL, ds);
}

int load_year_for(struct http_req *rq, struct http_resp *rs, int year, bl_month through,
		  unsigned parts, struct dataset *ds)
{
	enum bl_err rc;

	if (is_read(rq)) {
		snapshot_dataset(http_snapshot(rq), year, parts, ds);
		return 0;
	}
	rc = store_load_dataset_for(rq->st, year, through, parts, ds);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		return -1;
	}
	return 0;
}

int load_units(struct http_req *rq, struct http_resp *rs, struct dataset *ds)
{
	enum bl_err rc;

	if (is_read(rq)) {
		/* Any year's dataset has every unit; year 0 has no project. */
		snapshot_dataset(http_snapshot(rq), 0, 0, ds);
		return 0;
	}
	memset(ds, 0, sizeof(*ds));
	rc = store_units(rq->st, &ds->units, &ds->n_units);
	if (rc) {
		resp_store_error(rs, rq->st, rc);
		return -1;
	}
	dataset_index(ds);
	return 0;
}

int http_warning_settings(struct http_req *rq, struct http_resp *rs,
			  struct warning_settings *ws)
{
	char text[WARNING_BAD_TEXT] = "", zh[WARNING_BAD_TEXT + 64], key[64];
	const char *bad = text;
	size_t n;

	if (is_read(rq)) {
		if (!snapshot_warning_settings(http_snapshot(rq), ws, &bad))
			return 0;
	} else if (!warning_settings_load(rq->st, ws, warning_bad_text, text)) {
		return 0;
	} else if (!*text) { /* not a bad value: the store failed */
		resp_store_error(rs, rq->st, BL_EDB);
		return -1;
	}
	n = strcspn(bad, " ");
	snprintf(key, sizeof(key), "%.*s", (int)(n < sizeof(key) ? n : sizeof(key) - 1), bad);
	snprintf(zh, sizeof(zh), "存储的设置值无效，未计算预警：%s", bad);
	resp_fail(rs, HE_BAD_SETTING, bad, zh, key);
	return -1;
}

int http_cached(struct http_req *rq, struct http_resp *rs, struct buf *key, int per_user,
		int64_t *gen)
{
	char today[11];

	buf_adds(key, rq->path);
	req_query_key(rq, key);
	/* Without asof an answer is as of today. */
	buf_addf(key, "|%s", day_format(scope_today(), today));
	if (per_user)
		buf_addf(key, "|%d|%lld", (int)rq->actor.role, (long long)rq->actor.unit_id);
	*gen = snapshot_generation(http_snapshot(rq));
	if (!http_cache_get(rq->srv, key->s, *gen, &rs->body))
		return 0;
	rs->status = 200;
	rs->content_type = "application/json; charset=utf-8";
	return 1;
}

void http_answer(struct http_req *rq, struct http_resp *rs, struct buf *key, int64_t gen,
		 json_t *doc)
{
	resp_json(rs, 200, doc);
	http_cache_put(rq->srv, key->s, gen, rs->body.s, rs->body.len);
}

void http_answer_text(struct http_req *rq, struct http_resp *rs, struct buf *key, int64_t gen,
		      struct buf *text)
{
	struct buf was = rs->body;

	rs->status = 200;
	rs->content_type = "application/json; charset=utf-8";
	/* the text becomes the body (no copy); text gets the old body, which
	 * the caller releases with it */
	rs->body = *text;
	*text = was;
	http_cache_put(rq->srv, key->s, gen, rs->body.s, rs->body.len);
}
