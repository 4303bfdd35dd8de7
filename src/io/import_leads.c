/* import_leads.c — the leads file (INTERFACES.md "Next contracts", leads;
 * h-leads): the lead pool upserted by company (the same name, spaces and
 * ASCII case aside, or the same USCC: core/leads.h lead_same_company). A new
 * lead enters the pool on found_on at the row's stage; a signed one names the
 * project it became (ref, imported first) and its signed_on. A stored lead
 * the row changes gets one import entry on its log, today, at the row's
 * stage. The importer acts as the project office (core/workflow.c, WF_LEAD
 * import); the project a signed row names is not changed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/import_int.h"
#include "io/scope_params.h"
#include "store/store_leads.h"
#include "util/xalloc.h"

#define UNIT_KINDS_FINDER ((1u << UNIT_CITY) | (1u << UNIT_DISTRICT) | (1u << UNIT_SECTION) | \
			   (1u << UNIT_STREET) | (1u << UNIT_DEPARTMENT))
#define UNIT_KINDS_SECTION ((1u << UNIT_SECTION) | (1u << UNIT_STREET))

/* The company: one line of 1–200 characters. */
static void read_company(struct importer *im, struct lead *l)
{
	const char *why;

	if (imp_text(im, LD_COMPANY, TEXT_MAX, &l->company) || !l->company)
		return;
	why = lead_text_problem(l->company, LEAD_COMPANY_MAX, 1);
	if (why)
		imp_problem(im, LD_COMPANY, l->company, "%s", why);
}

static void read_stage(struct importer *im, struct lead *l)
{
	const char *s = imp_cell(im, LD_STAGE);
	char *t = NULL;
	int v;

	if (!s || imp_text(im, LD_STAGE, CODE_MAX, &t))
		return;
	v = lead_stage_from_text(t);
	if (v < 0)
		imp_problem(im, LD_STAGE, t, "not one of 线索, 洽谈, 意向, 签约, 放弃 "
			    "(lead, talks, intent, signed, dropped)");
	else
		l->stage = (enum lead_stage)v;
	free(t);
}

/* What the stage needs of the other cells, and the days. */
static void check_row(struct importer *im, struct lead *l)
{
	bl_day today = scope_today();
	char d[11];

	if (l->found_on == DAY_NONE)
		l->found_on = today;
	else if (l->found_on > today)
		imp_problem(im, LD_FOUND_ON, day_format(l->found_on, d), "after today");
	if (l->uscc && strlen(l->uscc) != 18)
		imp_problem(im, LD_USCC, l->uscc, "a unified social credit code has 18 characters");
	if (l->stage == LS_DROPPED && !l->reason)
		imp_problem(im, LD_REASON, NULL, "a dropped lead needs its reason");
	if (l->stage != LS_SIGNED) {
		if (l->project_ref)
			imp_problem(im, LD_REF, l->project_ref, "only a signed lead names a project");
		if (l->signed_on != DAY_NONE)
			imp_problem(im, LD_SIGNED_ON, day_format(l->signed_on, d),
				    "only a signed lead has a signing date");
		return;
	}
	if (!l->project_ref)
		imp_problem(im, LD_REF, NULL, "a signed lead names the project it became");
	if (l->signed_on == DAY_NONE)
		l->signed_on = today;
	if (l->signed_on > today || l->signed_on < l->found_on)
		imp_problem(im, LD_SIGNED_ON, day_format(l->signed_on, d),
			    l->signed_on > today ? "after today" : "before found_on");
}

void imp_row_lead(struct importer *im)
{
	struct ldrow r;
	size_t before = im->nproblems;

	lead_init(&r.l);
	r.row = im->row;
	imp_need(im, LD_COMPANY);
	imp_need(im, LD_FOUND_BY);
	imp_need(im, LD_FOLLOWED_BY);
	read_company(im, &r.l);
	imp_text(im, LD_USCC, CODE_MAX, &r.l.uscc);
	imp_text(im, LD_INDUSTRY, TEXT_MAX, &r.l.industry);
	imp_money(im, LD_AMOUNT, &r.l.amount);
	imp_text(im, LD_SOURCE, TEXT_MAX, &r.l.source);
	imp_unit(im, LD_FOUND_BY, UNIT_KINDS_FINDER, &r.l.found_by);
	imp_unit(im, LD_FOLLOWED_BY, UNIT_KINDS_SECTION, &r.l.followed_by);
	read_stage(im, &r.l);
	imp_day(im, LD_FOUND_ON, &r.l.found_on);
	imp_day(im, LD_SIGNED_ON, &r.l.signed_on);
	imp_text(im, LD_REASON, TEXT_MAX, &r.l.reason);
	imp_text(im, LD_REF, CODE_MAX, &r.l.project_ref);
	check_row(im, &r.l);
	if (r.l.project_ref) {
		r.l.project_id = imp_project_id(im, r.l.project_ref);
		if (!r.l.project_id)
			imp_problem(im, LD_REF, r.l.project_ref,
				    "no project has this ref (import projects first)");
	}
	if (im->nproblems == before && r.l.company)
		imp_once(im, LD_COMPANY, r.l.company, r.l.company);
	if (im->nproblems > before) {
		lead_release(&r.l);
		return;
	}
	im->cur.lead = r; /* written at once, in the import's transaction */
	im->have_row = 1;
}

/* The stored lead of the same company, copied into *out; 0 when none. */
struct find {
	const struct lead *want;
	struct lead *out;
	int found;
};

static int match(void *ctx, const struct lead *l)
{
	struct find *f = ctx;

	if (!lead_same_company(f->want, l))
		return 0;
	lead_copy(f->out, l);
	f->found = 1;
	return 1;
}

static int same_text(const char *a, const char *b)
{
	return !a ? !b : (b && !strcmp(a, b));
}

static int unchanged(const struct lead *o, const struct lead *n)
{
	return same_text(o->company, n->company) && same_text(o->uscc, n->uscc) &&
	       same_text(o->industry, n->industry) && o->amount == n->amount &&
	       same_text(o->source, n->source) && o->found_by == n->found_by &&
	       o->followed_by == n->followed_by && o->stage == n->stage &&
	       same_text(o->reason, n->reason) && o->found_on == n->found_on &&
	       o->signed_on == n->signed_on && o->project_id == n->project_id;
}

enum bl_err imp_write_lead(struct importer *im, enum store_put *how)
{
	struct lead *l = &im->cur.lead.l, old;
	struct lead_log g = { 0 };
	struct find f = { l, &old, 0 };
	bl_day today = scope_today();
	enum bl_err rc;

	*how = PUT_UNCHANGED;
	lead_init(&old);
	rc = store_leads_each(im->st, match, &f);
	if (rc)
		return rc;
	g.kind = LK_IMPORT;
	g.stage = l->stage;
	if (!f.found) {
		g.on = l->found_on;
		rc = store_lead_insert(im->st, l, &g);
		*how = PUT_INSERTED;
		goto out;
	}
	if (unchanged(&old, l))
		goto out;
	l->id = old.id;
	l->version = old.version;
	g.on = old.last_on != DAY_NONE && today < old.last_on ? old.last_on : today;
	rc = store_lead_step(im->st, l, &g);
	*how = PUT_UPDATED;
out:
	lead_log_release(&g);
	lead_release(&old);
	return rc;
}

void imp_lead_release(struct importer *im)
{
	lead_release(&im->cur.lead.l);
}
