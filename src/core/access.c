/* access.c — the permission matrix of DOMAIN.md §1 as one table, and the row
 * rules. Changing who may do what is changing this file. */
#include "core/access.h"
#include "core/district.h"
#include "core/funds.h"
#include "core/leads.h"
#include "core/scope.h"

#include <string.h>

const char *const role_keys[ROLE__MAX] = {
	"admin", "coordinator", "section", "department", "leader", "auditor",
};
const char *const role_labels[ROLE__MAX] = {
	"系统管理员", "发改委项目办", "板块/街道", "部门", "区领导", "审计/纪检",
};

const char *const resource_keys[RES__MAX] = {
	[RES_UNITS] = "units", [RES_PROJECTS] = "projects", [RES_LISTINGS] = "listings",
	[RES_REPORTS] = "reports", [RES_TARGETS] = "targets", [RES_MEASURES] = "measures",
	[RES_WARNINGS] = "warnings", [RES_USERS] = "users", [RES_AUDIT] = "audit",
	[RES_IMPORT] = "import", [RES_SETTINGS] = "settings", [RES_BULLETINS] = "bulletins",
	[RES_INDICATORS] = "indicators", [RES_ITEMS] = "items", [RES_PLANS] = "plans",
	[RES_CHANGES] = "change-requests",
	/* visits */
	[RES_VISITS] = "visits",
	/* element guarantees and demolition task books */
	[RES_SUPPLIES] = "supplies", [RES_DEMOLITION] = "demolition",
	/* policy fulfilment (h-funds) */
	[RES_POLICIES] = "policies", [RES_APPLICATIONS] = "applications",
	[RES_CALENDAR] = "calendar",
	[RES_LEADS] = "leads", /* h-leads */
	/* revenue sharing and industrial funds */
	[RES_TAXES] = "taxes", [RES_LEDGER] = "ledger", [RES_FUNDS] = "funds",
	/* leader linkage */
	[RES_LEADERS] = "leaders", [RES_LISTS] = "lists",
};
const char *const action_keys[ACT__MAX] = { "read", "write", "verify" };

#define R (1u << ACT_READ)
#define W (1u << ACT_WRITE)
#define V (1u << ACT_VERIFY)

/* matrix[role][resource]: the actions allowed. */
static const unsigned char matrix[ROLE__MAX][RES__MAX] = {
	[ROLE_ADMIN] = {
		[RES_UNITS] = R | W, [RES_PROJECTS] = R | W, [RES_LISTINGS] = R | W,
		[RES_REPORTS] = R | W | V, [RES_TARGETS] = R | W, [RES_MEASURES] = R,
		[RES_WARNINGS] = R, [RES_USERS] = R | W, [RES_AUDIT] = R, [RES_IMPORT] = W,
		[RES_SETTINGS] = R | W, [RES_BULLETINS] = R | V, [RES_INDICATORS] = R | W,
		[RES_ITEMS] = R | W | V, [RES_PLANS] = R | V, [RES_CHANGES] = R | W | V,
		[RES_VISITS] = R | W, /* visits: teams, site visits, the schedule */
		/* element guarantees, demolition task books */
		[RES_SUPPLIES] = R | W, [RES_DEMOLITION] = R | W,
		/* policy fulfilment (h-funds) */
		[RES_POLICIES] = R | W, [RES_APPLICATIONS] = R | W, [RES_CALENDAR] = R | W,
		[RES_LEADS] = R | W | V, /* h-leads */
		/* revenue sharing and industrial funds */
		[RES_TAXES] = R | W, [RES_LEDGER] = R | W, [RES_FUNDS] = R | W,
		/* leader linkage */ [RES_LEADERS] = R | W, [RES_LISTS] = R | W,
	},
	[ROLE_COORDINATOR] = {
		[RES_UNITS] = R, [RES_PROJECTS] = R | W, [RES_LISTINGS] = R | W,
		[RES_REPORTS] = R | W | V, [RES_TARGETS] = R | W, [RES_MEASURES] = R,
		[RES_WARNINGS] = R, [RES_IMPORT] = W, [RES_SETTINGS] = R,
		[RES_BULLETINS] = R | V, [RES_INDICATORS] = R | W, [RES_ITEMS] = R | W | V,
		[RES_PLANS] = R | V, [RES_CHANGES] = R | W | V,
		[RES_VISITS] = R | W, /* visits: teams, site visits, the schedule */
		/* element guarantees, demolition task books */
		[RES_SUPPLIES] = R | W, [RES_DEMOLITION] = R | W,
		/* policy fulfilment (h-funds) */
		[RES_POLICIES] = R | W, [RES_APPLICATIONS] = R | W, [RES_CALENDAR] = R,
		[RES_LEADS] = R | W | V, /* h-leads */
		/* revenue sharing: coordinators alone edit taxes, rules and funds */
		[RES_TAXES] = R | W, [RES_LEDGER] = R | W, [RES_FUNDS] = R | W,
		/* leader linkage */ [RES_LEADERS] = R | W, [RES_LISTS] = R | W,
	},
	[ROLE_SECTION] = {
		[RES_UNITS] = R, [RES_PROJECTS] = R | W, [RES_LISTINGS] = R,
		[RES_REPORTS] = R | W, [RES_TARGETS] = R, [RES_MEASURES] = R,
		[RES_WARNINGS] = R, [RES_BULLETINS] = R, [RES_INDICATORS] = R,
		[RES_ITEMS] = R | W, [RES_PLANS] = R, [RES_CHANGES] = R | W,
		[RES_VISITS] = R | W, /* visits: teams, site visits, the schedule */
		/* element guarantees, demolition task books */
		[RES_SUPPLIES] = R | W, [RES_DEMOLITION] = R | W,
		/* policy fulfilment (h-funds) */
		[RES_POLICIES] = R, [RES_APPLICATIONS] = R, [RES_CALENDAR] = R,
		[RES_LEADS] = R | W, /* h-leads */
		/* its own projects' taxes and ledger lines (access_project_visible) */
		[RES_TAXES] = R, [RES_LEDGER] = R, [RES_FUNDS] = R,
		/* leader linkage */ [RES_LISTS] = R,
	},
	[ROLE_DEPARTMENT] = {
		[RES_UNITS] = R, [RES_PROJECTS] = R, [RES_LISTINGS] = R, [RES_REPORTS] = R,
		[RES_TARGETS] = R, [RES_MEASURES] = R, [RES_WARNINGS] = R, [RES_BULLETINS] = R,
		[RES_INDICATORS] = R, [RES_ITEMS] = R | W, [RES_PLANS] = R, [RES_CHANGES] = R,
		[RES_VISITS] = R, /* visits: teams, site visits, the schedule */
		/* element guarantees, demolition task books */
		[RES_SUPPLIES] = R, [RES_DEMOLITION] = R,
		/* policy fulfilment (h-funds) */
		[RES_POLICIES] = R, [RES_APPLICATIONS] = R | W, [RES_CALENDAR] = R,
		[RES_LEADS] = R, /* h-leads */
		/* taxes and the ledger are the district's and the streets' */
		[RES_FUNDS] = R,
		/* leader linkage */ [RES_LISTS] = R,
	},
	[ROLE_LEADER] = {
		[RES_UNITS] = R, [RES_PROJECTS] = R, [RES_LISTINGS] = R, [RES_REPORTS] = R,
		[RES_TARGETS] = R, [RES_MEASURES] = R, [RES_WARNINGS] = R, [RES_BULLETINS] = R,
		[RES_INDICATORS] = R, [RES_ITEMS] = R, [RES_PLANS] = R, [RES_CHANGES] = R,
		[RES_VISITS] = R, /* visits: teams, site visits, the schedule */
		/* element guarantees, demolition task books */
		[RES_SUPPLIES] = R, [RES_DEMOLITION] = R,
		/* policy fulfilment (h-funds) */
		[RES_POLICIES] = R, [RES_APPLICATIONS] = R, [RES_CALENDAR] = R,
		[RES_LEADS] = R, /* h-leads */
		[RES_TAXES] = R, [RES_LEDGER] = R, [RES_FUNDS] = R,
		/* leader linkage */ [RES_LEADERS] = R, [RES_LISTS] = R,
	},
	[ROLE_AUDITOR] = {
		[RES_UNITS] = R, [RES_PROJECTS] = R, [RES_LISTINGS] = R, [RES_REPORTS] = R,
		[RES_TARGETS] = R, [RES_MEASURES] = R, [RES_WARNINGS] = R, [RES_AUDIT] = R,
		[RES_SETTINGS] = R, [RES_BULLETINS] = R, [RES_INDICATORS] = R, [RES_ITEMS] = R,
		[RES_PLANS] = R, [RES_CHANGES] = R,
		[RES_VISITS] = R, /* visits: teams, site visits, the schedule */
		/* element guarantees, demolition task books */
		[RES_SUPPLIES] = R, [RES_DEMOLITION] = R,
		/* policy fulfilment (h-funds) */
		[RES_POLICIES] = R, [RES_APPLICATIONS] = R, [RES_CALENDAR] = R,
		[RES_LEADS] = R, /* h-leads */
		[RES_TAXES] = R, [RES_LEDGER] = R, [RES_FUNDS] = R,
		/* leader linkage */ [RES_LEADERS] = R, [RES_LISTS] = R,
	},
};

int access_leader_page(const struct actor *a, int64_t leader_id)
{
	if (a->role == ROLE_LEADER)
		return a->user_id == leader_id;
	return access_allows(a->role, RES_LEADERS, ACT_READ);
}

int role_from_key(const char *s)
{
	int r;

	for (r = 0; r < ROLE__MAX; r++)
		if (!strcmp(s, role_keys[r]))
			return r;
	return -1;
}

int role_needs_unit(enum role r)
{
	return r == ROLE_SECTION || r == ROLE_DEPARTMENT;
}

int role_unit_fits(enum role r, enum unit_kind k)
{
	if (r == ROLE_SECTION)
		return k == UNIT_SECTION || k == UNIT_STREET;
	if (r == ROLE_DEPARTMENT)
		return k == UNIT_DEPARTMENT;
	return 1;
}

int access_allows(enum role role, enum resource res, enum action act)
{
	if ((unsigned)role >= ROLE__MAX || (unsigned)res >= RES__MAX || (unsigned)act >= ACT__MAX)
		return 0;
	return (matrix[role][res] >> act) & 1u;
}

int access_sees_every_project(const struct actor *a)
{
	return a->role != ROLE_SECTION && a->role != ROLE_DEPARTMENT;
}

int access_project_visible(const struct actor *a, const struct dataset *ds,
			   const struct project *p)
{
	if (access_sees_every_project(a))
		return 1;
	if (a->role == ROLE_SECTION)
		return a->unit_id && dataset_in_subtree(ds, p->section_id, a->unit_id);
	return a->unit_id && p->department_id == a->unit_id; /* a department user */
}

int access_project_editable(const struct actor *a, const struct dataset *ds,
			    const struct project *p)
{
	return access_allows(a->role, RES_PROJECTS, ACT_WRITE) &&
	       access_project_visible(a, ds, p);
}

int access_scope_narrow(const struct actor *a, const struct dataset *ds, struct scope *sc)
{
	const struct unit *u = a->unit_id ? dataset_unit(ds, a->unit_id) : NULL;

	switch (a->role) {
	case ROLE_SECTION:
		sc->reach_section_id = a->unit_id ? a->unit_id : -1;
		/* none asked, or one around its own: its own (one elsewhere is kept,
		 * and the reach leaves nothing of it) */
		if (!sc->section_id || dataset_in_subtree(ds, a->unit_id, sc->section_id)) {
			sc->section_id = sc->reach_section_id;
			sc->section_code = u ? u->code : NULL;
		}
		return 1;
	case ROLE_DEPARTMENT:
		sc->reach_department_id = a->unit_id ? a->unit_id : -1;
		if (!sc->department_id) {
			sc->department_id = sc->reach_department_id;
			sc->department_code = u ? u->code : NULL;
		}
		return 1;
	default:
		return 0;
	}
}

int access_application_visible(const struct actor *a, const struct dataset *ds,
			       const struct project *p, const struct policy *pol)
{
	int s;

	switch (a->role) {
	case ROLE_SECTION:
		return a->unit_id && p && dataset_in_subtree(ds, p->section_id, a->unit_id);
	case ROLE_DEPARTMENT:
		for (s = 0; a->unit_id && s < FS__MAX; s++)
			if (pol->owner[s] == a->unit_id)
				return 1;
		return 0;
	default:
		return 1;
	}
}

int access_item_visible(const struct actor *a, const struct dataset *ds,
			const struct project *p, int64_t owner_id)
{
	switch (a->role) {
	case ROLE_SECTION:
		return a->unit_id && (dataset_in_subtree(ds, p->section_id, a->unit_id) ||
				      (owner_id && dataset_in_subtree(ds, owner_id, a->unit_id)));
	case ROLE_DEPARTMENT:
		return a->unit_id && (owner_id == a->unit_id || p->department_id == a->unit_id);
	default:
		return 1;
	}
}

/* ---- element guarantees and demolition task books ---- */

int access_demolition_visible(const struct actor *a, const struct dataset *ds,
			      int64_t section_id)
{
	if (a->role == ROLE_SECTION)
		return a->unit_id && dataset_in_subtree(ds, section_id, a->unit_id);
	return 1;
}

int access_demolition_reportable(const struct actor *a, const struct dataset *ds,
				 int64_t section_id)
{
	return access_allows(a->role, RES_DEMOLITION, ACT_WRITE) &&
	       access_demolition_visible(a, ds, section_id);
}

int access_demolition_settable(const struct actor *a)
{
	return access_allows(a->role, RES_DEMOLITION, ACT_WRITE) && a->role != ROLE_SECTION;
}

int access_lead_details(const struct actor *a, const struct dataset *ds,
			const struct lead *l)
{
	switch (a->role) {
	case ROLE_ADMIN:
	case ROLE_COORDINATOR:
		return 1;
	case ROLE_SECTION:
		return a->unit_id && l->followed_by &&
		       dataset_in_subtree(ds, l->followed_by, a->unit_id);
	default:
		return 0;
	}
}

/* ---- district1: one instance, many districts ---- */

enum district_pick access_district_pick(const struct actor *a, const struct dataset *ds,
					int64_t asked, int64_t *key)
{
	int64_t bound = district_of_unit(ds, a->unit_id);

	*key = 0;
	if (district_count(ds) <= 1)
		return DISTRICT_OK;
	if (bound && asked && asked != bound)
		return DISTRICT_HIDDEN;
	if (!bound && !asked)
		return DISTRICT_REQUIRED;
	*key = bound ? bound : asked;
	return DISTRICT_OK;
}

int access_district_visible(const struct actor *a, const struct dataset *ds, int64_t key)
{
	int64_t bound;

	if (district_count(ds) <= 1)
		return 1;
	bound = district_of_unit(ds, a->unit_id);
	return !bound || bound == key;
}
