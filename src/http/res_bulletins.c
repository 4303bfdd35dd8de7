/* res_bulletins.c — /api/v1/ranking (the month's contest, 比武打擂, and the
 * history of rounds) and /api/v1/bulletins (issued bulletins, downloads of a
 * month's bulletin — frozen bytes once issued, else a draft of today's data —
 * and issuing, a coordinator's act). All the work is report/publish.c's. */
#include <stdio.h>
#include <string.h>

#include "core/district.h"
#include "http/list_out.h"
#include "http/params.h"
#include "http/routes.h"
#include "io/parse.h"
#include "report/publish.h"
#include "report/ranking_json.h"
#include "report/readiness_json.h"


static void publish_error(struct http_resp *rs, enum bl_err rc, struct buf *err)
{
	const char *msg = err->len ? err->s : bl_strerror(rc);

	if (rc == BL_ECONFLICT)
		resp_fail(rs, HE_ISSUED, msg, "本月通报已印发", NULL);
	else if (rc == BL_ENOTFOUND)
		resp_fail(rs, HE_NOT_FOUND, msg, "未找到", NULL);
	else if (rc == BL_EINVAL && strstr(msg, "reason"))
		resp_fail(rs, HE_INVALID, msg, "再次印发须填写原因（1–2000字）", "reason");
	else if (rc == BL_EINVAL)
		resp_fail(rs, HE_INVALID, msg, "输入有误", NULL);
	else
		resp_fail(rs, HE_INTERNAL, msg, "服务器内部错误", NULL);
}

/* district1 (issue #17 item 5): the key (publish.h) of the district the
 * request is of — its `district` parameter in q, else the caller's own, as
 * access_district_pick rules over units; -1 after answering rs: 400 for a
 * code that names no district, 404 for another district than the caller's
 * (as a row outside one's subtree), 422 district_required. */
static int pick_district(struct http_req *rq, struct http_resp *rs, const struct dataset *units,
			 struct scope_query *q, int64_t *key)
{
	enum district_pick p;

	if (http_scope_resolve(rs, units, q))
		return -1;
	p = access_district_pick(&rq->actor, units, q->district_id, key);
	if (p == DISTRICT_HIDDEN) {
		resp_fail(rs, HE_NOT_FOUND, "not found", "未找到", "district");
		return -1;
	}
	if (p == DISTRICT_REQUIRED) {
		resp_fail(rs, HE_DISTRICT_REQUIRED, "this instance holds several districts: name "
			  "one (district)", "本系统含多个区，请指定区", "district");
		return -1;
	}
	return 0;
}

/* The district listed rows of key are of: its code, or null (the instance's
 * own). New reference. */
static json_t *district_json(const struct dataset *units, int64_t key)
{
	const char *code = dataset_unit_code(units, key, NULL);

	return code ? json_string(code) : json_null();
}

/* A list's filter: the rows of districts the caller sees, of the one named
 * when `district` was given. 0 to go on; -1 after answering rs. */
struct district_filter {
	struct http_req *rq;
	struct dataset units;
	int64_t key;  /* -1: every district the caller sees */
};

static int district_filter_init(struct http_req *rq, struct http_resp *rs,
				struct district_filter *f)
{
	struct scope_query q;

	f->rq = rq;
	f->key = -1;
	if (http_scope_query(rq, rs, SP_BIT(SP_DISTRICT), &q) || load_units(rq, rs, &f->units))
		return -1;
	if ((q.given & SP_BIT(SP_DISTRICT)) && pick_district(rq, rs, &f->units, &q, &f->key)) {
		dataset_release(&f->units);
		return -1;
	}
	return 0;
}

static int district_filter_keeps(const struct district_filter *f, int64_t key)
{
	if (f->key >= 0 && key != f->key)
		return 0;
	return access_district_visible(&f->rq->actor, &f->units, key);
}

static int snapshot_walk(const void *src,
			 int (*fn)(void *ctx, const char *key, const char *value), void *ctx)
{
	return snapshot_settings_each(src, fn, ctx);
}

/* GET /ranking?month=YYYY-MM: the round as of the month's last day, from the
 * snapshot (not saved: a GET changes nothing; issuing a bulletin saves the
 * month's round, which is read back from the store to show the change). */
void h_ranking(struct http_req *rq, struct http_resp *rs)
{
	struct contest_round round, prev;
	struct buf err = BUF_INIT;
	struct scope_query q;
	struct dataset ds;
	bl_month month;
	enum bl_err rc;
	int64_t key;
	int xlsx;

	memset(&round, 0, sizeof(round));
	if (http_list_format(rq, rs, &xlsx) ||
	    http_scope_query(rq, rs, SP_BIT(SP_MONTH) | SP_BIT(SP_DISTRICT), &q) ||
	    http_require(rs, &q, SP_MONTH))
		return;
	month = q.month;
	if (load_year(rq, rs, month_year(month), &ds))
		return;
	if (pick_district(rq, rs, &ds, &q, &key)) {
		dataset_release(&ds);
		return;
	}
	rc = publish_ranking_from(&ds, key, month, snapshot_walk, http_snapshot(rq), &round, &err);
	if (!rc)
		rc = publish_previous_round(rq->st, key, month, &ds, &prev, &err);
	if (rc) {
		publish_error(rs, rc, &err);
	} else {
		json_t *doc = contest_round_json_changes(&round, &prev);

		/* issue #14 item 8: the issued round beside the live one */
		json_object_set_new(doc, "issued", ranking_issued_json(rq->st, &ds, &round, key,
								       month));
		json_object_set_new(doc, "district", district_json(&ds, key));

		if (xlsx) {
			http_answer_xlsx(rq, rs, LK_RANKING,
					 json_incref(json_object_get(doc, "sections")), NULL, NULL, 0);
			json_decref(doc);
		} else {
			resp_json(rs, 200, doc);
		}
		contest_round_release(&prev);
	}
	contest_round_release(&round);
	dataset_release(&ds);
	buf_release(&err);
}

struct rounds_ctx {
	const struct district_filter *f;
	json_t *items;
};

static int add_round(void *ctx, const struct round_record *r)
{
	struct rounds_ctx *c = ctx;
	char mon[8];
	json_t *result;

	if (!district_filter_keeps(c->f, r->district_id))
		return 0;
	result = json_loads(r->result, 0, NULL);
	json_array_append_new(c->items, json_pack("{s:s, s:o, s:s, s:o}", "month",
		month_format(r->month, mon), "district", district_json(&c->f->units, r->district_id),
		"computed_at", r->computed_at, "result", result ? result : json_null()));
	return 0;
}

/* The saved rounds as one row per round and section: the section's entry
 * with the round's month and when it was saved. New reference. */
static json_t *history_rows(json_t *rounds)
{
	json_t *rows = json_array(), *round, *sec;
	size_t i, k;

	json_array_foreach(rounds, i, round) {
		json_array_foreach(json_object_get(json_object_get(round, "result"), "sections"),
				   k, sec) {
			json_t *row = json_deep_copy(sec);

			json_object_set(row, "month", json_object_get(round, "month"));
			json_object_set(row, "district", json_object_get(round, "district"));
			json_object_set(row, "computed_at", json_object_get(round, "computed_at"));
			json_array_append_new(rows, row);
		}
	}
	return rows;
}

void h_ranking_history(struct http_req *rq, struct http_resp *rs)
{
	struct district_filter f;
	struct rounds_ctx c = { &f, NULL };
	json_t *items;
	int xlsx;

	if (http_list_format(rq, rs, &xlsx) || district_filter_init(rq, rs, &f))
		return;
	items = c.items = json_array();
	if (store_rounds_each(rq->st, add_round, &c)) {
		json_decref(items);
		dataset_release(&f.units);
		resp_store_error(rs, rq->st, BL_EDB);
		return;
	}
	dataset_release(&f.units);
	if (xlsx) {
		http_answer_xlsx(rq, rs, LK_RANKING_HISTORY, history_rows(items), NULL, NULL, 0);
		json_decref(items);
	} else {
		resp_json(rs, 200, json_pack("{s:o}", "items", items));
	}
}

struct list_ctx {
	json_t *items;
	const struct district_filter *f;
	bl_month last; /* the month and district of the item before: versions come */
	int64_t last_district; /* newest first */
};

static int add_bulletin(void *ctx, const struct bulletin_record *r)
{
	struct list_ctx *c = ctx;
	char mon[8];

	if (!district_filter_keeps(c->f, r->district_id))
		return 0;
	json_array_append_new(c->items, json_pack("{s:s, s:o, s:i, s:o, s:b, s:i, s:s, s:s, "
		"s:{s:I, s:I, s:I}}", "month", month_format(r->month, mon), "district",
		district_json(&c->f->units, r->district_id), "version", r->version,
		"reason", r->reason ? json_string(r->reason) : json_null(), "latest",
		r->month != c->last || r->district_id != c->last_district, "issue_no",
		r->issue_no, "issued_at", r->issued_at,
		"issued_by", r->issued_by, "bytes", "html", (json_int_t)r->len[BLOB_HTML], "pdf",
		(json_int_t)r->len[BLOB_PDF], "xlsx", (json_int_t)r->len[BLOB_XLSX]));
	c->last = r->month;
	c->last_district = r->district_id;
	return 0;
}

/* GET /bulletins: every issued version, by month, the latest version of a
 * month first ("latest": true). */
void h_bulletins_list(struct http_req *rq, struct http_resp *rs)
{
	struct district_filter f;
	struct list_ctx c = { NULL, &f, MONTH_NONE, -1 };

	if (district_filter_init(rq, rs, &f))
		return;
	c.items = json_array();
	if (store_bulletins_each(rq->st, add_bulletin, &c)) {
		json_decref(c.items);
		dataset_release(&f.units);
		resp_store_error(rs, rq->st, BL_EDB);
		return;
	}
	dataset_release(&f.units);
	resp_json(rs, 200, json_pack("{s:o}", "items", c.items));
}

/* A draft of month in fmt from today's data into rs->body: from the answer
 * cache when the data has not changed since the last one was drawn; else
 * drawn here, by one request at a time (a PDF takes about half a second and
 * the server has few workers: a second drafter is told to retry rather than
 * tie up a second worker, so reads stay fast). */
static enum bl_err draft_of(struct http_req *rq, struct http_resp *rs, int64_t district,
			    bl_month month, enum render_format fmt, struct buf *err)
{
	char key[96], mon[8];
	int64_t gen = http_generation(rq);
	enum bl_err rc;

	snprintf(key, sizeof(key), "bulletin-draft:%lld:%s:%s", (long long)district,
		 month_format(month, mon), render_format_keys[fmt]);
	if (http_cache_get(rq->srv, key, gen, &rs->body))
		return BL_OK;
	if (http_render_begin(rq->srv))
		return BL_EBUSY;
	rc = publish_draft(rq->st, district, month, fmt, &rs->body, err);
	http_render_end(rq->srv);
	if (!rc)
		http_cache_put(rq->srv, key, gen, rs->body.s, rs->body.len);
	return rc;
}

/* GET /bulletins/:month?format=html|pdf|xlsx[&version=N][&draft=1]: the
 * issued files (of version N, else the latest), or a draft of today's data —
 * drafts only for those who issue (the project office and administrators);
 * others are told the month is not issued. A version that does not exist is
 * 404, never a draft. */
void h_bulletins_get(struct http_req *rq, struct http_resp *rs)
{
	const char *f = req_query(rq, "format"), *ver = req_query(rq, "version");
	struct scope_query q;
	struct buf err = BUF_INIT, disp = BUF_INIT;
	struct bulletin_fetch bf;
	struct dataset units;
	bl_month month;
	enum bl_err rc;
	int64_t version = 0, key;
	int fmt = f ? render_format_from_key(f) : RENDER_HTML;
	int want_draft;
	int may_draft = access_allows(rq->actor.role, RES_BULLETINS, ACT_VERIFY);

	if (http_month(rs, rq->captures[0], &month) ||
	    http_scope_query(rq, rs, SP_BIT(SP_DRAFT) | SP_BIT(SP_DISTRICT), &q) ||
	    load_units(rq, rs, &units))
		return;
	rc = pick_district(rq, rs, &units, &q, &key) ? BL_EINVAL : BL_OK;
	dataset_release(&units);
	if (rc)
		return;
	want_draft = q.draft;
	if (fmt < 0) {
		resp_bad_request(rs, "format", "format is html, pdf or xlsx");
		return;
	}
	if (ver && (parse_int(ver, &version) || version < 1 || version > 9999 || want_draft)) {
		resp_bad_request(rs, "version", "version is a whole number from 1 to 9999, "
				 "without draft");
		return;
	}
	if (want_draft && !may_draft) {
		resp_fail(rs, HE_FORBIDDEN, "drafts are for the project office; the bulletin "
			   "is read once issued", "通报草稿仅供项目办预览，印发后可查阅", "draft");
		return;
	}
	buf_reset(&rs->body);
	memset(&bf, 0, sizeof(bf));
	bf.district = key;
	bf.month = month;
	bf.version = (int)version;
	bf.fmt = (enum render_format)fmt;
	rc = want_draft ? BL_ENOTFOUND : publish_issued(rq->st, &bf, &rs->body, &err);
	if (rc == BL_ENOTFOUND && version) {
		resp_fail(rs, HE_NO_VERSION, "this month's bulletin has no such version",
			   "本月通报没有该版本", "version");
		goto out;
	}
	if (rc == BL_ENOTFOUND && may_draft)
		rc = draft_of(rq, rs, key, month, (enum render_format)fmt, &err);
	if (rc == BL_ENOTFOUND) {
		resp_fail(rs, HE_NOT_ISSUED, "this month's bulletin has not been issued",
			   "本月通报尚未印发", "month");
	} else if (rc == BL_EBUSY) {
		buf_reset(&rs->body);
		resp_fail(rs, HE_BUSY, "another draft is being drawn; try again in a moment",
			   "正在生成另一份草稿，请稍后重试", NULL);
		rs->headers[rs->n_headers].name = "Retry-After";
		rs->headers[rs->n_headers++].value = "2";
	} else if (rc) {
		buf_reset(&rs->body);
		publish_error(rs, rc, &err);
	} else {
		rs->status = 200;
		rs->content_type = render_format_mime[fmt];
		buf_addf(&disp, "%s; filename=\"bulletin-%s", fmt == RENDER_HTML ? "inline"
			 : "attachment", rq->captures[0]);
		if (!bf.issue_no)
			buf_adds(&disp, "-draft");
		else if (bf.version_served > 1)
			buf_addf(&disp, "-v%d", bf.version_served);
		buf_addf(&disp, ".%s\"", render_format_keys[fmt]);
		rs->disposition = buf_detach(&disp, NULL);
	}
out:
	buf_release(&err);
	buf_release(&disp);
}

/* GET /bulletins/:month/readiness (issue #14 item 8): what the month lacks
 * before it is issued — reports missing and unverified, pending change
 * requests — counted per section and listed (core/readiness.h). */
void h_bulletins_readiness(struct http_req *rq, struct http_resp *rs)
{
	struct readiness r;
	struct buf err = BUF_INIT;
	struct scope_query q;
	struct dataset whole, ds;
	bl_month month;
	int64_t key;

	if (http_month(rs, rq->captures[0], &month) ||
	    http_scope_query(rq, rs, SP_BIT(SP_DISTRICT), &q) ||
	    load_year(rq, rs, month_year(month), &whole))
		return;
	if (pick_district(rq, rs, &whole, &q, &key)) {
		dataset_release(&whole);
		return;
	}
	/* district1: a district's readiness is of its projects */
	if (key)
		district_view(&whole, key, &ds);
	else
		ds = whole;
	if (readiness_load(rq->st, &ds, month, &r, &err))
		resp_fail(rs, HE_INTERNAL, err.s, "服务器内部错误", NULL);
	else
		resp_json(rs, 200, readiness_json(&ds, &r));
	readiness_release(&r);
	if (key)
		district_view_release(&ds);
	dataset_release(&whole);
	buf_release(&err);
}

/* POST /bulletins/:month/issue {"reissue": false, "reason": "…", "issue_no": 0}:
 * a re-issue adds the month's next version and needs a reason. */
void h_bulletins_issue(struct http_req *rq, struct http_resp *rs)
{
	struct bulletin_record rec;
	struct issue_opts io;
	struct buf err = BUF_INIT;
	struct scope_query q;
	struct dataset units;
	json_t *body = NULL;
	bl_month month;
	enum bl_err rc;
	int64_t key;
	char mon[8];

	if (http_month(rs, rq->captures[0], &month) ||
	    http_scope_query(rq, rs, SP_BIT(SP_DISTRICT), &q) || load_units(rq, rs, &units))
		return;
	if (pick_district(rq, rs, &units, &q, &key)) {
		dataset_release(&units);
		return;
	}
	memset(&io, 0, sizeof(io));
	io.district = key;
	io.issued_on = DAY_NONE;
	io.actor = rq->actor_name;
	if (rq->body_len) {
		body = req_json(rq, rs);
		if (!body)
			goto out;
		json_t *no = json_object_get(body, "issue_no");

		json_t *why = json_object_get(body, "reason");

		io.reissue = json_is_true(json_object_get(body, "reissue"));
		if (why && !json_is_null(why) && !json_is_string(why)) {
			resp_bad_request(rs, "reason", "reason: a text of 1 to 2000 characters");
			goto out;
		}
		io.reason = json_string_value(why);
		/* Range-checked before the cast: 4294967302 is not issue 6. */
		if (no && !json_is_null(no) &&
		    (!json_is_integer(no) || json_integer_value(no) < 0 ||
		     json_integer_value(no) > 999)) {
			resp_bad_request(rs, "issue_no", "an issue number from 1 to 999");
			goto out;
		}
		io.issue_no = no && json_is_integer(no) ? (int)json_integer_value(no) : 0;
	}
	memset(&rec, 0, sizeof(rec));
	rc = publish_issue(rq->st, month, &io, &rec, &err);
	if (rc) {
		publish_error(rs, rc, &err);
		goto out;
	}
	resp_json(rs, 201, json_pack("{s:s, s:o, s:i, s:o, s:i, s:s, s:s}", "month",
				     month_format(month, mon), "district", district_json(&units, key),
				     "version", rec.version, "reason",
				     rec.reason ? json_string(rec.reason) : json_null(), "issue_no",
				     rec.issue_no, "issued_at", rec.issued_at, "issued_by",
				     rec.issued_by));
	bulletin_record_release(&rec);
out:
	dataset_release(&units);
	buf_release(&err);
	json_decref(body);
}
