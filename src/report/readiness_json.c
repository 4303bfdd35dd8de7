/* readiness_json.c — the store's side of a month's readiness (its report
 * statuses and pending change requests) and its JSON, and the issued round
 * of a month read back beside the live one. */
#include "report/readiness_json.h"

#include <stdlib.h>
#include <string.h>

#include "report/ranking_json.h"
#include "store/store_bulletins.h"
#include "store/store_changes.h"
#include "store/store_workflow.h"
#include "util/xalloc.h"

struct load_ctx {
	struct readiness_report *rep;
	size_t n_rep, a_rep;
	struct readiness_change *chg;
	size_t n_chg, a_chg;
};

static int take_report(void *ctx, const struct report_row *rr)
{
	struct load_ctx *c = ctx;

	XGROW(c->rep, c->a_rep, c->n_rep + 1);
	c->rep[c->n_rep].project_id = rr->r.project_id;
	c->rep[c->n_rep].status = rr->r.status;
	c->n_rep++;
	return 0;
}

static int take_change(void *ctx, const struct change_request *cr)
{
	struct load_ctx *c = ctx;

	XGROW(c->chg, c->a_chg, c->n_chg + 1);
	c->chg[c->n_chg].id = cr->id;
	c->chg[c->n_chg].project_id = cr->project_id;
	c->n_chg++;
	return 0;
}

enum bl_err readiness_load(struct store *st, const struct dataset *ds, bl_month month,
			   struct readiness *out, struct buf *err)
{
	struct change_filter f = { CR_PENDING, 0, month_year(month) };
	struct load_ctx c;
	struct readiness_input in;
	enum bl_err rc;

	memset(&c, 0, sizeof(c));
	memset(out, 0, sizeof(*out));
	rc = store_reports_month(st, month, take_report, &c);
	if (!rc)
		rc = store_changes_each(st, &f, take_change, &c);
	if (rc) {
		if (err)
			buf_addf(err, "%s", store_errmsg(st));
		rc = BL_EDB;
		goto out;
	}
	in.ds = ds;
	in.month = month;
	in.reports = c.rep;
	in.n_reports = c.n_rep;
	in.changes = c.chg;
	in.n_changes = c.n_chg;
	readiness_compute(&in, out);
out:
	free(c.rep);
	free(c.chg);
	return rc;
}

static json_t *row_json(const struct dataset *ds, const struct readiness_row *row)
{
	const struct project *p = row->project == (size_t)-1 ? NULL : &ds->projects[row->project];
	json_t *o = json_pack("{s:s}", "ref", row->ref);

	json_object_set_new(o, "name", p && p->name ? json_string(p->name) : json_null());
	json_object_set_new(o, "section", json_string(p ? dataset_unit_code(ds, p->section_id, "")
							: ""));
	json_object_set_new(o, "section_name",
			    json_string(p ? dataset_unit_name(ds, p->section_id, "") : ""));
	if (row->kind == RD_PENDING)
		json_object_set_new(o, "id", json_integer(row->change_id));
	else
		json_object_set_new(o, "status", row->status == REPORT_STATUS__MAX ? json_null()
				    : json_string(report_status_keys[row->status]));
	return o;
}

static json_t *section_json(const struct dataset *ds, const struct readiness_section *s)
{
	return json_pack("{s:s, s:s, s:I, s:I, s:I, s:I}", "code", s->code, "name",
			 dataset_unit_name(ds, s->section_id, ""), "owed", (json_int_t)s->owed,
			 "missing", (json_int_t)s->missing, "unverified",
			 (json_int_t)s->unverified, "pending_change", (json_int_t)s->pending);
}

json_t *readiness_json(const struct dataset *ds, const struct readiness *r)
{
	json_t *o, *counts = json_object(), *secs = json_array(), *lists[RD__MAX];
	char mon[8];
	size_t i;
	int k;

	for (k = 0; k < RD__MAX; k++) {
		lists[k] = json_array();
		json_object_set_new(counts, readiness_kind_keys[k],
				    json_integer((json_int_t)r->counts[k]));
	}
	for (i = 0; i < r->n_rows; i++)
		json_array_append_new(lists[r->rows[i].kind], row_json(ds, &r->rows[i]));
	for (i = 0; i < r->n_sections; i++)
		json_array_append_new(secs, section_json(ds, &r->sections[i]));
	o = json_pack("{s:s, s:I, s:I, s:b, s:o, s:o}", "month", month_format(r->month, mon),
		      "listed", (json_int_t)r->listed, "owed", (json_int_t)r->owed, "ready",
		      readiness_clear(r), "counts", counts, "sections", secs);
	for (k = 0; k < RD__MAX; k++)
		json_object_set_new(o, readiness_kind_keys[k], lists[k]);
	return o;
}

static json_t *issued_sections(const struct contest_round *r)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct contest_entry *e = &r->entries[i];

		json_array_append_new(a, json_pack("{s:s, s:o, s:o}", "code", e->code,
			"rank", e->ranked ? json_integer(e->rank) : json_null(),
			"score", e->ranked ? json_real((double)e->score / 100.0) : json_null()));
	}
	return a;
}

json_t *ranking_issued_json(struct store *st, const struct dataset *ds,
			    const struct contest_round *live, int64_t district, bl_month month)
{
	struct bulletin_record b;
	struct round_record rr;
	struct contest_round issued;
	json_t *o;
	int got;

	memset(&b, 0, sizeof(b));
	memset(&issued, 0, sizeof(issued));
	if (store_bulletin_get(st, district, month, 0, &b))
		return json_null();
	o = json_pack("{s:i, s:i, s:s}", "issue_no", b.issue_no, "version", b.version,
		      "issued_at", b.issued_at ? b.issued_at : "");
	bulletin_record_release(&b);
	memset(&rr, 0, sizeof(rr));
	got = !store_round_get(st, district, month, &rr);
	if (got && !ranking_json_parse(rr.result, ds, &issued)) {
		json_object_set_new(o, "differs", json_boolean(contest_round_differs(live, &issued)));
		json_object_set_new(o, "sections", issued_sections(&issued));
	} else {
		json_object_set_new(o, "differs", json_null());
		json_object_set_new(o, "sections", json_array());
	}
	if (got)
		round_record_release(&rr);
	contest_round_release(&issued);
	return o;
}
