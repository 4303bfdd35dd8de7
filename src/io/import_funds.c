/* import_funds.c — the applications file (INTERFACES.md "Next contracts",
 * applications; h-funds): special-fund applications upserted by (uscc,
 * policy, applied_on). The row gives each step's day (核实, 会商, 拨付 or
 * 不予支持) and the total paid by paid_on; the importer acts as the project
 * office (core/workflow.c WF_FUND import) and core/funds.c checks the steps'
 * order and amounts. A stored application's payments are kept: a larger
 * total adds one payment of the difference on paid_on, a smaller one is
 * refused (money paid is not taken back). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "io/import_int.h"
#include "store/store_funds.h"
#include "util/xalloc.h"

/* The policy named by the cell, its id into *id; 0, or -1 after a problem. */
static int read_policy(struct importer *im, int64_t *id)
{
	struct policy p;
	char *name = NULL;
	int rc = 0;

	*id = 0;
	if (imp_text(im, AP_POLICY, TEXT_MAX, &name) || !name)
		return -1;
	if (store_policy_by_name(im->st, name, &p)) {
		imp_problem(im, AP_POLICY, name, "no policy has this name (see ballast fund policies)");
		rc = -1;
	} else {
		*id = p.id;
		policy_release(&p);
	}
	free(name);
	return rc;
}

/* The cells into a; the application's own checks after. */
static void read_cells(struct importer *im, struct application *a, int64_t *paid, bl_day *paid_on,
		       int *has_approved)
{
	char *ref = NULL;

	imp_text(im, AP_COMPANY, TEXT_MAX, &a->company);
	imp_text(im, AP_USCC, CODE_MAX, &a->uscc);
	imp_text(im, AP_REASON, TEXT_MAX, &a->reason);
	imp_money(im, AP_AMOUNT, &a->amount);
	imp_day(im, AP_APPLIED_ON, &a->applied_on);
	imp_day(im, AP_VERIFIED_ON, &a->verified_on);
	imp_day(im, AP_CONSULTED_ON, &a->consulted_on);
	imp_day(im, AP_REJECTED_ON, &a->rejected_on);
	imp_day(im, AP_PAID_ON, paid_on);
	imp_money(im, AP_PAID, paid);
	*has_approved = imp_present(im, AP_APPROVED);
	imp_money(im, AP_APPROVED, &a->approved);
	if (!imp_text(im, AP_REF, CODE_MAX, &ref) && ref) {
		a->project_id = imp_project_id(im, ref);
		if (!a->project_id)
			imp_problem(im, AP_REF, ref, "no project has this ref (import projects first)");
	}
	free(ref);
}

/* The status the days give, and the row's own checks (core/funds.c). */
static void settle(struct importer *im, struct aprow *r, int64_t paid, bl_day paid_on,
		   int has_approved)
{
	static const int field_col[] = { AP_COMPANY, AP_USCC, AP_AMOUNT, AP_APPLIED_ON,
					 AP_VERIFIED_ON, AP_CONSULTED_ON, AP_APPROVED,
					 AP_REJECTED_ON, AP_REASON, AP_PAID, AP_PAID_ON };
	static const char *const field_name[] = { "company", "uscc", "amount", "applied_on",
						  "verified_on", "consulted_on", "approved",
						  "rejected_on", "reason", "paid", "paid_on" };
	struct application *a = &r->a;
	const char *why, *field = NULL, *u;
	size_t k;

	if (a->amount == AMOUNT_NONE)
		return;
	if (a->consulted_on != DAY_NONE && (!has_approved || a->approved == AMOUNT_NONE))
		a->approved = a->amount;
	if (a->consulted_on == DAY_NONE && a->approved == AMOUNT_NONE)
		a->approved = 0;
	if ((paid != AMOUNT_NONE && paid > 0) != (paid_on != DAY_NONE))
		imp_problem(im, paid_on == DAY_NONE ? AP_PAID_ON : AP_PAID,
			    imp_cell(im, paid_on == DAY_NONE ? AP_PAID : AP_PAID_ON),
			    "paid and paid_on go together");
	else if (paid != AMOUNT_NONE && paid > 0)
		application_add_payment(a, paid_on, paid);
	a->status = application_status(a);
	why = application_problem(a, &field);
	for (k = 0; why && k < sizeof(field_col) / sizeof(field_col[0]); k++)
		if (field && !strcmp(field, field_name[k]))
			break;
	if (why) {
		int col = k < sizeof(field_col) / sizeof(field_col[0]) ? field_col[k] : -1;

		imp_problem(im, col, col >= 0 ? imp_cell(im, col) : NULL, "%s", why);
	}
	u = a->uscc ? uscc_problem(a->uscc) : NULL;
	if (!why && u)
		imp_warning(im, AP_USCC, a->uscc, u);
}

void imp_row_application(struct importer *im)
{
	struct aprow r;
	int64_t paid = AMOUNT_NONE;
	bl_day paid_on = DAY_NONE;
	size_t before = im->nproblems;
	char key[600], day[11];
	int has_approved = 0;

	application_init(&r.a);
	r.a.approved = AMOUNT_NONE;
	r.a.amount = AMOUNT_NONE;
	r.row = im->row;
	imp_need(im, AP_COMPANY);
	imp_need(im, AP_USCC);
	imp_need(im, AP_POLICY);
	imp_need(im, AP_AMOUNT);
	imp_need(im, AP_APPLIED_ON);
	read_policy(im, &r.a.policy_id);
	read_cells(im, &r.a, &paid, &paid_on, &has_approved);
	if (im->nproblems == before)
		settle(im, &r, paid, paid_on, has_approved);
	if (im->nproblems == before) {
		snprintf(key, sizeof(key), "%s\x1f%lld\x1f%s", r.a.uscc, (long long)r.a.policy_id,
			 day_format(r.a.applied_on, day));
		imp_once(im, AP_USCC, key, r.a.uscc);
	}
	if (im->nproblems > before) {
		application_release(&r.a);
		return;
	}
	im->cur.application = r; /* written at once, in the import's transaction */
	im->have_row = 1;
}

/* The stored application's payments, then one more of the difference when
 * the row's total is larger; -1 (with st's message) when smaller. */
static enum bl_err merge_payments(struct importer *im, const struct application *old,
				  struct application *next, const struct application *row)
{
	int64_t was = 0, now = row->n_payments ? row->payments[0].yuan : 0;
	size_t i;

	free(next->payments);
	next->payments = NULL;
	next->n_payments = 0;
	for (i = 0; i < old->n_payments; i++) {
		application_add_payment(next, old->payments[i].on, old->payments[i].yuan);
		amount_add(&was, old->payments[i].yuan);
	}
	if (now < was) {
		imp_problem(im, AP_PAID, NULL, "less than the %lld yuan already paid: a payment "
			    "is not taken back", (long long)was);
		return BL_EINVAL;
	}
	if (now > was)
		application_add_payment(next, row->payments[0].on, now - was);
	return BL_OK;
}

enum bl_err imp_write_application(struct importer *im, enum store_put *how)
{
	struct application *a = &im->cur.application.a, old, next;
	const char *why, *field;
	enum bl_err rc;
	int64_t id;

	*how = PUT_UNCHANGED;
	rc = store_application_find(im->st, a->uscc, a->policy_id, a->applied_on, &id);
	if (rc == BL_ENOTFOUND) {
		a->id = 0;
		rc = store_application_put(im->st, a);
		*how = rc ? PUT_UNCHANGED : PUT_INSERTED;
		return rc;
	}
	if (rc)
		return rc;
	rc = store_application_get(im->st, id, &old);
	if (rc)
		return rc;
	application_copy(&next, a);
	next.id = old.id;
	next.version = old.version;
	rc = merge_payments(im, &old, &next, a);
	next.status = application_status(&next);
	why = rc ? NULL : application_problem(&next, &field);
	if (why) {
		imp_problem(im, -1, NULL, "%s: %s", field ? field : "row", why);
		rc = BL_EINVAL;
	}
	if (!rc) {
		rc = store_application_put(im->st, &next);
		*how = rc ? PUT_UNCHANGED : store_last_put(im->st);
	}
	application_release(&next);
	application_release(&old);
	return rc;
}

void imp_application_release(struct importer *im)
{
	application_release(&im->cur.application.a);
}

/* ---- the working-day calendar's file: day, kind, name; upsert by day ---- */

void imp_row_calendar(struct importer *im)
{
	struct carow r;
	size_t before = im->nproblems;
	char *kind = NULL, day[11];

	memset(&r, 0, sizeof(r));
	r.d.day = DAY_NONE;
	r.row = im->row;
	imp_need(im, CA_DAY);
	imp_need(im, CA_KIND);
	imp_day(im, CA_DAY, &r.d.day);
	imp_text(im, CA_NAME, 50, &r.name);
	if (!imp_text(im, CA_KIND, CODE_MAX, &kind) && kind) {
		if (!strcmp(kind, "holiday") || !strcmp(kind, "放假"))
			r.d.kind = WC_HOLIDAY;
		else if (!strcmp(kind, "workday") || !strcmp(kind, "调休上班") || !strcmp(kind, "上班"))
			r.d.kind = WC_WORKDAY;
		else
			imp_problem(im, CA_KIND, kind, "not one of 放假, 调休上班 (holiday, workday)");
	}
	free(kind);
	if (im->nproblems == before)
		imp_once(im, CA_DAY, day_format(r.d.day, day), day);
	if (im->nproblems > before) {
		free(r.name);
		return;
	}
	r.d.name = r.name;
	im->cur.calendar = r;
	im->have_row = 1;
}

enum bl_err imp_write_calendar(struct importer *im, enum store_put *how)
{
	enum bl_err rc = store_workday_put(im->st, &im->cur.calendar.d);

	*how = rc ? PUT_UNCHANGED : store_last_put(im->st);
	return rc;
}

void imp_calendar_release(struct importer *im)
{
	free(im->cur.calendar.name);
	memset(&im->cur.calendar, 0, sizeof(im->cur.calendar));
}
