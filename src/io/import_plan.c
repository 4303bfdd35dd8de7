/* import_plan.c — DOMAIN.md §3, the issued plan, for imports: a file may not
 * change what an issued year's plan says (a listed project's planned dates;
 * the tiers, annual and monthly plans of the year's listings, a new listing
 * included). Checked inside the import's transaction, each row before it is
 * written; every row and field it refuses is a problem of its own, and a
 * problem writes nothing. Actual dates apply: the importer is the project
 * office (import.c). */
#include <stdio.h>

#include "core/changes.h"
#include "io/import_int.h"
#include "io/parse.h"
#include "store/store_changes.h"

/* The problem of field f, whose new value the row gives, of year. */
static void refuse(struct importer *im, int def, int year, enum change_field f,
		   const struct change_values *v)
{
	struct buf val = BUF_INIT;
	char day[11];

	if ((CF_DATES & CF_BIT(f)) && v->day[f] != DAY_NONE)
		buf_adds(&val, day_format(v->day[f], day));
	else if (f == CF_ANNUAL_PLAN && v->annual_plan != AMOUNT_NONE)
		format_wanyuan(&val, v->annual_plan);
	imp_problem(im, def, val.len ? val.s : NULL, "the %d plan is issued (%d年计划已下达): "
		    "%s changes only by a change request the project office approves "
		    "(POST /api/v1/change-requests)", year, year, change_field_keys[f]);
	buf_release(&val);
}

/* The listing fields a row changes in an issued year, each a problem at its
 * column (cols[f - CF_TIERS]; -1: the row). */
static void listing_row(struct importer *im, int64_t project_id, const struct listing *l,
			const int cols[3])
{
	struct plan_issue pi;
	struct listing old;
	struct change_values v;
	unsigned diff;
	int f, found;

	if (store_plan_issue_get(im->st, l->year, &pi))
		return; /* not issued (or unreadable: the write reports it) */
	plan_issue_release(&pi);
	found = project_id && !store_listing_get(im->st, project_id, l->year, &old);
	diff = listing_plan_diff(found ? &old : NULL, l);
	change_values_init(&v);
	v.annual_plan = l->annual_plan;
	for (f = CF_TIERS; f <= CF_MONTH_PLAN; f++)
		if (diff & CF_BIT(f))
			refuse(im, cols[f - CF_TIERS], l->year, (enum change_field)f, &v);
}

static void project_row(struct importer *im, const struct prow *r, enum role role)
{
	static const int cols[3] = { P_TIERS, P_ANNUAL_PLAN, -1 };
	static const int date_cols[3] = { P_PLANNED_START, P_PLANNED_COMPLETION,
					  P_PLANNED_PRODUCTION };
	struct change_values v;
	struct plan_edit pe;
	struct project old;
	int lock = 0, f, found;

	found = !store_project_by_ref(im->st, r->p.ref, &old);
	if (found && !store_project_lock_year(im->st, old.id, &lock)) {
		plan_edit_check(role, lock, &old, &r->p, &pe);
		change_values_of(&r->p, NULL, &v);
		for (f = CF_PLANNED_START; f <= CF_PLANNED_PRODUCTION; f++)
			if ((pe.refused | pe.pending) & CF_BIT(f))
				refuse(im, date_cols[f], lock, (enum change_field)f, &v);
	}
	if (r->has_listing)
		listing_row(im, found ? old.id : 0, &r->l, cols);
	if (found)
		project_release(&old);
}

/* Whether some year is issued, read once per import: an import into a
 * database with no issued plan reads nothing more. */
static int any_issued(struct importer *im)
{
	struct plan_issue *issued = NULL;
	size_t n = 0;

	if (!im->plan_state) {
		im->plan_state = store_plan_issues(im->st, &issued, &n) || !n ? 1 : 2;
		plan_issues_free(issued, n);
	}
	return im->plan_state == 2;
}

void imp_check_plan_row(struct importer *im)
{
	static const int cols[3] = { L_TIERS, L_ANNUAL_PLAN, L_M01 };
	enum role role = im->req->actor ? im->req->actor->role : ROLE_ADMIN;

	if (!im->have_row || !any_issued(im))
		return;
	if (im->kind == FILE_PROJECTS)
		project_row(im, &im->cur.project, role);
	else if (im->kind == FILE_LISTINGS)
		listing_row(im, im->cur.listing.l.project_id, &im->cur.listing.l, cols);
}
