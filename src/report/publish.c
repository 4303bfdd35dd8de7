/* publish.c — the store side of the bulletin and the contest: settings, the
 * month's round (computed and saved), drafts from today's data, frozen
 * downloads, and issuing in one transaction. */
#include "report/publish.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/district.h"
#include "report/ranking_json.h"
#include "store/store_accounts.h"
#include "util/xalloc.h"

struct settings_ctx {
	struct bulletin_opts *o;
	char **title, **issuer;
	struct buf *err;
	int bad;
};

static int apply_setting(void *ctx, const char *key, const char *value)
{
	struct settings_ctx *c = ctx;
	const char *why = NULL;

	if (warning_setting_is_ours(key))
		why = warning_settings_set(&c->o->ws, key, value);
	else if (contest_setting_is_ours(key))
		why = contest_weights_set(&c->o->cw, key, value);
	else if (!strcmp(key, "bulletin.title"))
		*c->title = xstrdup(value);
	else if (!strcmp(key, "bulletin.issuer"))
		*c->issuer = xstrdup(value);
	if (why && !c->bad) {
		if (c->err)
			buf_addf(c->err, "setting %s = %s: %s", key, value, why);
		c->bad = 1;
	}
	return 0;
}

/* The settings that each(src, …) walks applied to o, with the title and
 * issuer copied into *title and *issuer (caller frees; NULL when unset) and
 * o's pointers set to them. BL_EINVAL (a sentence in err) when one is bad;
 * each's non-zero return is BL_EDB. */
static enum bl_err apply_settings(settings_walk each, const void *src, struct bulletin_opts *o,
				  char **title, char **issuer, struct buf *err)
{
	struct settings_ctx c = { o, title, issuer, err, 0 };

	*title = *issuer = NULL;
	if (each(src, apply_setting, &c))
		return BL_EDB;
	o->title = *title;
	o->issuer = *issuer;
	return c.bad ? BL_EINVAL : BL_OK;
}

static int store_walk(const void *src, int (*fn)(void *ctx, const char *key, const char *value),
		      void *ctx)
{
	return store_settings_each((struct store *)src, fn, ctx) != BL_OK;
}

/* The store's settings applied to o (apply_settings). */
static enum bl_err load_settings(struct store *st, struct bulletin_opts *o, char **title,
				 char **issuer, struct buf *err)
{
	enum bl_err rc = apply_settings(store_walk, st, o, title, issuer, err);

	if (rc == BL_EDB && err)
		buf_addf(err, "%s", store_errmsg(st));
	return rc;
}

static enum bl_err load_year(struct store *st, int year, struct dataset *ds, struct buf *err)
{
	enum bl_err rc = store_load_dataset(st, year, ds);

	if (rc && err)
		buf_addf(err, "%s", store_errmsg(st));
	return rc;
}

static void now_utc(char out[32])
{
	struct timespec ts;
	struct tm tm;
	size_t n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, 32 - n, ".%03dZ", (int)(ts.tv_nsec / 1000000) % 1000);
}

static bl_day today_local(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* Write district's round r (audited) inside the caller's transaction. */
static enum bl_err put_round(struct store *st, int64_t district, const struct contest_round *r,
			     const char *computed_at)
{
	struct round_record rec;
	json_t *w = contest_weights_json(&r->weights), *res = contest_round_json(r);
	enum bl_err rc;

	rec.district_id = district;
	rec.month = r->month;
	rec.computed_at = (char *)computed_at;
	rec.weights = ranking_json_text(w);
	rec.result = ranking_json_text(res);
	rc = store_round_put(st, &rec);
	free(rec.weights);
	free(rec.result);
	json_decref(w);
	json_decref(res);
	return rc;
}

/* Store district's round r in its own transaction. */
static enum bl_err save_round(struct store *st, int64_t district, const struct contest_round *r,
			      int *saved, struct buf *err)
{
	char at[32];
	enum bl_err rc;

	now_utc(at);
	rc = store_begin(st);
	if (!rc)
		rc = put_round(st, district, r, at);
	if (saved)
		*saved = !rc && store_last_put(st) != PUT_UNCHANGED;
	if (!rc)
		rc = store_commit(st);
	if (rc) {
		store_rollback(st);
		if (err)
			buf_addf(err, "%s", store_errmsg(st));
	}
	return rc;
}

/* The contest of district over ds: over its view when district is a
 * district's key, else the whole of ds. */
static void compute_round(const struct dataset *ds, int64_t district, bl_month month,
			  const struct bulletin_opts *o, struct contest_round *round)
{
	struct dataset view;

	if (!district) {
		contest_compute(ds, month, &o->ws, &o->cw, round);
		return;
	}
	district_view(ds, district, &view);
	contest_compute(&view, month, &o->ws, &o->cw, round);
	district_view_release(&view);
}

enum bl_err publish_ranking_from(const struct dataset *ds, int64_t district, bl_month month,
				 settings_walk each, const void *src, struct contest_round *round,
				 struct buf *err)
{
	struct bulletin_opts o;
	char *title, *issuer;
	enum bl_err rc;

	memset(round, 0, sizeof(*round));
	bulletin_opts_init(&o, month);
	rc = apply_settings(each, src, &o, &title, &issuer, err);
	free(title);
	free(issuer);
	if (!rc)
		compute_round(ds, district, month, &o, round);
	return rc;
}

enum bl_err publish_ranking(struct store *st, int64_t district, bl_month month, int save,
			    struct dataset *ds, struct contest_round *round, int *saved,
			    struct buf *err)
{
	struct bulletin_opts o;
	char *title, *issuer;
	enum bl_err rc;

	memset(round, 0, sizeof(*round));
	memset(ds, 0, sizeof(*ds));
	if (saved)
		*saved = 0;
	bulletin_opts_init(&o, month);
	rc = load_settings(st, &o, &title, &issuer, err);
	free(title);
	free(issuer);
	if (rc)
		return rc;
	rc = load_year(st, month_year(month), ds, err);
	if (rc)
		return rc;
	compute_round(ds, district, month, &o, round);
	if (save)
		rc = save_round(st, district, round, saved, err);
	return rc;
}

enum bl_err publish_previous_round(struct store *st, int64_t district, bl_month month,
				   const struct dataset *ds, struct contest_round *prev,
				   struct buf *err)
{
	struct round_record rec;
	enum bl_err rc;

	memset(prev, 0, sizeof(*prev));
	if (month_of_year(month) == 1)
		return BL_OK;
	rc = store_round_get(st, district, month - 1, &rec);
	if (rc == BL_ENOTFOUND)
		return BL_OK;
	if (rc) {
		if (err)
			buf_addf(err, "%s", store_errmsg(st));
		return rc;
	}
	/* A stored result this binary cannot read compares with nothing. */
	if (ranking_json_parse(rec.result, ds, prev))
		memset(prev, 0, sizeof(*prev));
	round_record_release(&rec);
	return BL_OK;
}

/* Build and render the bulletin of o->month into out[fmt] for each fmt with
 * out[fmt] non-NULL; the round (may be NULL) receives a copy of its contest
 * round's JSON texts for storing. */
static enum bl_err render(struct store *st, struct bulletin_opts *o, struct buf *out[RENDER__MAX],
			  struct contest_round *round_copy, struct dataset *ds, struct buf *err)
{
	struct guarantee_book gb;
	struct contest_round prev;
	struct dataset view;
	struct bulletin b;
	struct doc d;
	enum bl_err rc = BL_OK;
	int f;

	rc = load_year(st, month_year(o->month), ds, err);
	if (rc)
		return rc;
	rc = publish_previous_round(st, o->district_id, o->month, ds, &prev, err);
	if (rc)
		return rc;
	if (guarantee_book_load(st, &gb)) {
		if (err)
			buf_addf(err, "%s", store_errmsg(st));
		contest_round_release(&prev);
		return BL_EDB;
	}
	o->prev = &prev;
	o->guarantees = &gb;
	/* district1: a district's bulletin reads its view of the year */
	memset(&view, 0, sizeof(view));
	if (o->district_id)
		district_view(ds, o->district_id, &view);
	bulletin_build(o->district_id ? &view : ds, o, &b);
	o->prev = NULL;
	o->guarantees = NULL;
	contest_round_release(&prev);
	doc_init(&d);
	bulletin_doc(&b, &d);
	for (f = 0; f < RENDER__MAX && !rc; f++)
		if (out[f])
			rc = doc_render(&d, (enum render_format)f, out[f], err);
	if (round_copy) {
		*round_copy = b.round;
		b.round.entries = NULL;
		b.round.n = 0;
	}
	doc_release(&d);
	bulletin_release(&b);
	if (o->district_id)
		district_view_release(&view);
	guarantee_book_release(&gb);
	return rc;
}

enum bl_err publish_draft(struct store *st, int64_t district, bl_month month,
			  enum render_format fmt, struct buf *out, struct buf *err)
{
	struct buf *outs[RENDER__MAX] = { NULL };
	struct bulletin_opts o;
	struct dataset ds;
	char *title, *issuer;
	enum bl_err rc;

	memset(&ds, 0, sizeof(ds));
	bulletin_opts_init(&o, month);
	o.district_id = district;
	rc = load_settings(st, &o, &title, &issuer, err);
	if (!rc) {
		outs[fmt] = out;
		rc = render(st, &o, outs, NULL, &ds, err);
	}
	dataset_release(&ds);
	free(title);
	free(issuer);
	return rc;
}

enum bl_err publish_issued(struct store *st, struct bulletin_fetch *f, struct buf *out,
			   struct buf *err)
{
	struct bulletin_record rec;
	enum bl_err rc;

	f->issue_no = f->version_served = 0;
	rc = store_bulletin_get_version(st, f->district, f->month, f->version, 1u << f->fmt, &rec);
	if (rc) {
		if (err && rc != BL_ENOTFOUND)
			buf_addf(err, "%s", store_errmsg(st));
		return rc;
	}
	buf_add(out, rec.blob[f->fmt], rec.len[f->fmt]);
	f->issue_no = rec.issue_no;
	f->version_served = rec.version;
	bulletin_record_release(&rec);
	return out->err;
}

enum bl_err publish_fetch(struct store *st, struct bulletin_fetch *f, struct buf *out,
			  struct buf *err)
{
	enum bl_err rc;

	f->issue_no = f->version_served = 0;
	if (f->force_draft)
		return publish_draft(st, f->district, f->month, f->fmt, out, err);
	rc = publish_issued(st, f, out, err);
	if (rc == BL_ENOTFOUND && !f->version)
		return publish_draft(st, f->district, f->month, f->fmt, out, err);
	if (rc == BL_ENOTFOUND && err)
		buf_addf(err, "%s", store_errmsg(st));
	return rc;
}

/* Store the record and the round in one transaction. */
static enum bl_err store_issue(struct store *st, struct bulletin_record *rec, int replace,
			       const struct contest_round *round, struct buf *err)
{
	enum bl_err rc;

	rc = store_begin(st);
	if (!rc)
		rc = store_bulletin_put(st, rec, replace, &rec->version);
	if (!rc)
		rc = put_round(st, rec->district_id, round, rec->issued_at);
	if (!rc)
		rc = store_commit(st);
	if (rc) {
		if (err)
			buf_addf(err, "%s", store_errmsg(st));
		store_rollback(st);
	}
	return rc;
}

/* A month issued already (old) is issued again only as a re-issue with a
 * reason: BL_OK, or why not in err (may be NULL). */
static enum bl_err reissue_admissible(bl_month month, const struct issue_opts *io,
				      const struct bulletin_record *old, struct buf *err)
{
	char mon[8];

	if (!io->reissue) {
		if (err)
			buf_addf(err, "%s was issued already as 第%d期 (第%d版) on %s by %s; a "
				 "re-issue (--reissue --reason TEXT) adds its next version",
				 month_format(month, mon), old->issue_no, old->version,
				 old->issued_at, old->issued_by);
		return BL_ECONFLICT;
	}
	if (!io->reason || !*io->reason) {
		if (err)
			buf_addf(err, "a re-issue of %s needs a reason (--reason TEXT): it is printed "
				 "in the new version and kept with it", month_format(month, mon));
		return BL_EINVAL;
	}
	return BL_OK;
}

enum bl_err publish_issue(struct store *st, bl_month month, const struct issue_opts *io,
			  struct bulletin_record *out, struct buf *err)
{
	struct buf bytes[RENDER__MAX] = { BUF_INIT, BUF_INIT, BUF_INIT };
	struct buf *outs[RENDER__MAX] = { &bytes[0], &bytes[1], &bytes[2] };
	struct bulletin_record old, rec;
	struct contest_round round;
	struct bulletin_opts o;
	struct dataset ds;
	char *title = NULL, *issuer = NULL, at[32], head_hash[65];
	int64_t head_id = 0;
	enum bl_err rc;
	int f, found;

	memset(&ds, 0, sizeof(ds));
	memset(&round, 0, sizeof(round));
	memset(&rec, 0, sizeof(rec));
	if (out)
		memset(out, 0, sizeof(*out));
	if (io->actor)
		store_set_actor(st, io->actor);
	rc = store_bulletin_get(st, io->district, month, 0, &old);
	found = rc == BL_OK;
	if (rc && rc != BL_ENOTFOUND) {
		if (err)
			buf_addf(err, "%s", store_errmsg(st));
		return rc;
	}
	rc = found ? reissue_admissible(month, io, &old, err) : BL_OK;
	if (rc) {
		bulletin_record_release(&old);
		return rc;
	}
	bulletin_opts_init(&o, month);
	o.district_id = io->district;
	rc = load_settings(st, &o, &title, &issuer, err);
	if (rc)
		goto out;
	o.issue_no = io->issue_no > 0 ? io->issue_no : found ? old.issue_no : 0;
	o.version = found ? old.version + 1 : 1;
	o.reason = found ? io->reason : NULL;
	/* The trail's head as the bulletin is drawn, printed in it. */
	if (store_audit_head(st, &head_id, head_hash) == BL_OK) {
		o.audit_id = head_id;
		o.audit_hash = head_hash;
	}
	o.issued_on = io->issued_on != DAY_NONE ? io->issued_on : today_local();
	rc = render(st, &o, outs, &round, &ds, err);
	if (rc)
		goto out;
	if (io->issued_at)
		snprintf(at, sizeof(at), "%s", io->issued_at);
	else
		now_utc(at);
	rec.district_id = io->district;
	rec.month = month;
	rec.issue_no = o.issue_no > 0 ? o.issue_no : month_of_year(month);
	rec.issued_at = xstrdup(at);
	rec.issued_by = xstrdup(io->actor ? io->actor : "unknown");
	rec.reason = found ? xstrdup(io->reason) : NULL;
	for (f = 0; f < RENDER__MAX; f++)
		rec.blob[f] = (unsigned char *)buf_detach(&bytes[f], &rec.len[f]);
	rc = store_issue(st, &rec, found, &round, err);
	if (!rc && out) {
		*out = rec;
		memset(&rec, 0, sizeof(rec));
	}
out:
	for (f = 0; f < RENDER__MAX; f++)
		buf_release(&bytes[f]);
	bulletin_record_release(&rec);
	bulletin_record_release(&old);
	contest_round_release(&round);
	dataset_release(&ds);
	free(title);
	free(issuer);
	return rc;
}
