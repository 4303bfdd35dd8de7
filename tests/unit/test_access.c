/* test_access.c — the permission matrix of src/core/access.c cell by cell
 * against a table written here from DOMAIN.md §1 (not copied from the code),
 * and the row rules: which projects each role sees and edits, for a user bound
 * to a section subtree, another subtree, a department, and no unit at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/access.h"
#include "core/funds.h"
#include "core/scope.h"
#include "fixture.h"
#include "util/xalloc.h"

/* DOMAIN.md §1, one column per role in the order admin, coordinator, section,
 * department, leader, auditor. "r" read, "w" write (create, change, delete),
 * "v" verify or return a report / issue a bulletin, "" nothing. Where the spec
 * is silent the cell says why:
 *  - measures and warnings are computed, never written, so read is all there is;
 *  - the audit trail is append-only (§9, hash-chained): read, by admin and auditor;
 *  - import is a write and nothing else (the importer acts as a coordinator, §3);
 *  - a bulletin is generated and issued ("v"), never edited by hand (§8);
 *  - units are the organisation tree: the admin's to change;
 *  - users and settings: "admin: everything, users, settings"; the auditor
 *    "reads everything", settings included, but not the accounts;
 *  - the department, leader and auditor change nothing ("no edits"). */
static const struct {
	enum resource res;
	const char *name;
	const char *may[ROLE__MAX];
} expect[] = {
	/*                                admin  coord  section dept leader auditor */
	{ RES_UNITS,     "units",     { "rw",  "r",   "r",   "r", "r", "r" } },
	{ RES_PROJECTS,  "projects",  { "rw",  "rw",  "rw",  "r", "r", "r" } },
	{ RES_LISTINGS,  "listings",  { "rw",  "rw",  "r",   "r", "r", "r" } },
	{ RES_REPORTS,   "reports",   { "rwv", "rwv", "rw",  "r", "r", "r" } },
	{ RES_TARGETS,   "targets",   { "rw",  "rw",  "r",   "r", "r", "r" } },
	{ RES_MEASURES,  "measures",  { "r",   "r",   "r",   "r", "r", "r" } },
	{ RES_WARNINGS,  "warnings",  { "r",   "r",   "r",   "r", "r", "r" } },
	{ RES_USERS,     "users",     { "rw",  "",    "",    "",  "",  ""  } },
	{ RES_AUDIT,     "audit",     { "r",   "",    "",    "",  "",  "r" } },
	{ RES_IMPORT,    "import",    { "w",   "w",   "",    "",  "",  ""  } },
	{ RES_SETTINGS,  "settings",  { "rw",  "r",   "",    "",  "",  "r" } },
	{ RES_BULLETINS, "bulletins", { "rv",  "rv",  "r",   "r", "r", "r" } },
	/* the statistics bureau's figures: entered by the project office (§5) */
	{ RES_INDICATORS, "indicators", { "rw", "rw",  "r",   "r", "r", "r" } },
	/* supervision items (§7): the office raises, edits and decides ("v": resolve,
	 * close, reopen, escalate by hand); a section and a department "answer
	 * supervision items" (§1: w, their own rows per core/workflow.c); leaders
	 * and auditors read */
	{ RES_ITEMS,     "items",     { "rwv", "rwv", "rw",  "rw", "r", "r" } },
	/* §3, the issued plan: the project office issues a year's list ("v"),
	 * everyone reads whether it is issued */
	{ RES_PLANS,     "plans",     { "rv",  "rv",  "r",   "r", "r", "r" } },
	/* §3: a change request is proposed (or withdrawn, "w") by those who may
	 * edit the project (its section, the office) and approved or rejected
	 * ("v") by the office; the others read (their rows: as the projects) */
	{ RES_CHANGES,   "change-requests", { "rwv", "rwv", "rw", "r", "r", "r" } },
	/* visits (§7, issue #13): a section records visits and keeps the commando
	 * team of its own projects (rows per access_project_visible), the office
	 * on all; departments, leaders and auditors read */
	{ RES_VISITS,    "visits",    { "rw",  "rw",  "rw",  "r", "r", "r" } },
	/* DOMAIN.md §7 要素保障, 征拆任务书: sections record their own projects'
	 * supplies and report their own tasks' progress; departments, leaders
	 * and auditors read (supplies: as the projects) */
	{ RES_SUPPLIES,   "supplies", { "rw", "rw", "rw", "r", "r", "r" } },
	{ RES_DEMOLITION, "demolition", { "rw", "rw", "rw", "r", "r", "r" } },
	/* §7 policy fulfilment (h-funds): the office keeps the policies; an
	 * application's steps are made by the department owning the step ("w",
	 * its rows per core/workflow.c WF_FUND) or the office; sections read
	 * their projects' applications, leaders and auditors read; the calendar
	 * of working days is the admin's ("a district-editable list") */
	{ RES_POLICIES,  "policies",  { "rw",  "rw",  "r",   "r", "r", "r" } },
	{ RES_APPLICATIONS, "applications", { "rw", "rw", "r", "rw", "r", "r" } },
	{ RES_CALENDAR,  "calendar",  { "rw",  "r",   "r",   "r", "r", "r" } },
	/* h-leads: the shared lead pool — the office registers, moves and
	 * reopens ("v") leads and enters talents; a section registers and moves
	 * the leads it follows; the others read (the details: access_lead_details) */
	{ RES_LEADS,     "leads",           { "rwv", "rwv", "rw", "r", "r", "r" } },
	/* revenue sharing (§7): the office keeps taxes, the sharing rules
	 * ("ledger" w) and the fund registry; a street reads its own projects'
	 * taxes and ledger lines; departments have no part in the sharing but
	 * read the registry; leaders and auditors read everything */
	{ RES_TAXES,     "taxes",     { "rw",  "rw",  "r",   "",  "r", "r" } },
	{ RES_LEDGER,    "ledger",    { "rw",  "rw",  "r",   "",  "r", "r" } },
	{ RES_FUNDS,     "funds",     { "rw",  "rw",  "r",   "r", "r", "r" } },
	/* §7 leader linkage: the office links and unlinks; a leader reads its own
	 * page (access_leader_page), auditors read; sections and departments
	 * neither */
	{ RES_LEADERS,   "leaders",   { "rw",  "rw",  "",    "",  "r", "r" } },
	/* named project lists (tags): a filter everywhere, so everyone reads;
	 * the office makes and edits them */
	{ RES_LISTS,     "lists",     { "rw",  "rw",  "r",   "r", "r", "r" } },
};

/* A leader reads its own page only; the others as the matrix says. */
static void test_leader_page(void **state)
{
	struct actor me = { 7, "wang", ROLE_LEADER, 0 };
	struct actor coord = { 1, "coord", ROLE_COORDINATOR, 0 };
	struct actor s01 = { 2, "s01", ROLE_SECTION, 3 };

	(void)state;
	assert_true(access_leader_page(&me, 7));
	assert_false(access_leader_page(&me, 8));
	assert_true(access_leader_page(&coord, 8));
	assert_false(access_leader_page(&s01, 7));
}

static const char act_letter[ACT__MAX] = { 'r', 'w', 'v' };

/* Every resource has exactly one row of expectations, every role a cell, and
 * every letter is an action: a new resource, role or action fails here until
 * its expectations are written. */
static void test_table_is_whole(void **state)
{
	int seen[RES__MAX] = { 0 };
	size_t i;
	int r;

	(void)state;
	assert_int_equal(sizeof(expect) / sizeof(expect[0]), RES__MAX);
	assert_int_equal(ROLE__MAX, 6);
	assert_int_equal(ACT__MAX, 3);
	for (i = 0; i < sizeof(expect) / sizeof(expect[0]); i++) {
		assert_true((unsigned)expect[i].res < RES__MAX);
		seen[expect[i].res]++;
		for (r = 0; r < ROLE__MAX; r++) {
			assert_non_null(expect[i].may[r]);
			assert_int_equal(strspn(expect[i].may[r], "rwv"), strlen(expect[i].may[r]));
		}
	}
	for (i = 0; i < RES__MAX; i++)
		assert_int_equal(seen[i], 1);
}

static void test_matrix_cell_by_cell(void **state)
{
	size_t i;
	int r, a, bad = 0;

	(void)state;
	for (i = 0; i < sizeof(expect) / sizeof(expect[0]); i++) {
		for (r = 0; r < ROLE__MAX; r++) {
			for (a = 0; a < ACT__MAX; a++) {
				int want = strchr(expect[i].may[r], act_letter[a]) != NULL;
				int got = access_allows((enum role)r, expect[i].res, (enum action)a);

				if (got != want) {
					print_error("%s may %c %s: got %d, DOMAIN.md §1 says %d\n",
						    role_keys[r], act_letter[a], expect[i].name, got,
						    want);
					bad++;
				}
			}
		}
	}
	assert_int_equal(bad, 0);
}

/* Out-of-range arguments allow nothing (a corrupt role from the database, a
 * resource added to the enum but not to the matrix). */
static void test_out_of_range_allows_nothing(void **state)
{
	int r, x, a;

	(void)state;
	for (x = 0; x < RES__MAX; x++)
		for (a = 0; a < ACT__MAX; a++) {
			assert_int_equal(access_allows((enum role)ROLE__MAX, (enum resource)x,
						       (enum action)a), 0);
			assert_int_equal(access_allows((enum role)-1, (enum resource)x,
						       (enum action)a), 0);
		}
	for (r = 0; r < ROLE__MAX; r++)
		for (a = 0; a < ACT__MAX; a++) {
			assert_int_equal(access_allows((enum role)r, RES__MAX, (enum action)a), 0);
			assert_int_equal(access_allows((enum role)r, (enum resource)-1,
						       (enum action)a), 0);
		}
	for (r = 0; r < ROLE__MAX; r++) {
		assert_int_equal(access_allows((enum role)r, RES_PROJECTS, ACT__MAX), 0);
		assert_int_equal(access_allows((enum role)r, RES_PROJECTS, (enum action)-1), 0);
	}
}

static void test_role_keys_and_units(void **state)
{
	static const char *const keys[] = {
		"admin", "coordinator", "section", "department", "leader", "auditor",
	};
	static const char *const labels[] = {
		"系统管理员", "发改委项目办", "板块/街道", "部门", "区领导", "审计/纪检",
	};
	int r;

	(void)state;
	for (r = 0; r < ROLE__MAX; r++) {
		assert_string_equal(role_keys[r], keys[r]);
		assert_string_equal(role_labels[r], labels[r]);
		assert_int_equal(role_from_key(keys[r]), r);
	}
	assert_int_equal(role_from_key("Admin"), -1);
	assert_int_equal(role_from_key(""), -1);
	assert_int_equal(role_from_key("admins"), -1);
	assert_int_equal(role_from_key("系统管理员"), -1);
	/* DOMAIN.md §1: a section or department user is bound to a unit. */
	assert_int_equal(role_needs_unit(ROLE_ADMIN), 0);
	assert_int_equal(role_needs_unit(ROLE_COORDINATOR), 0);
	assert_int_equal(role_needs_unit(ROLE_SECTION), 1);
	assert_int_equal(role_needs_unit(ROLE_DEPARTMENT), 1);
	assert_int_equal(role_needs_unit(ROLE_LEADER), 0);
	assert_int_equal(role_needs_unit(ROLE_AUDITOR), 0);
}

/* ---- row rules ---- */

/* District 1 → section S01 (2) with its street S01A (3), section S02 (4);
 * departments D01 (5), D02 (6). Projects: P1 in S01 for D01, P2 in the street
 * S01A for D02, P3 in S02 with no department. */
enum { U_S01 = 2, U_S02 = 4, U_D01 = 5 };

static int setup(void **state)
{
	struct dataset *ds = xcalloc(1, sizeof(*ds));

	ds->year = 2024;
	fx_unit(ds, 1, "D", "区", UNIT_DISTRICT, 0);
	fx_unit(ds, 2, "S01", "空港经开区", UNIT_SECTION, 1);
	fx_unit(ds, 3, "S01A", "硕放街道", UNIT_STREET, 2);
	fx_unit(ds, 4, "S02", "太科办", UNIT_SECTION, 1);
	fx_unit(ds, 5, "D01", "发改", UNIT_DEPARTMENT, 1);
	fx_unit(ds, 6, "D02", "工信", UNIT_DEPARTMENT, 1);
	dataset_index(ds);
	fx_project(ds, "P1", 2, 5, 1, NULL, TIER_BIT(TIER_DISTRICT), 0);
	fx_project(ds, "P2", 3, 6, 1, NULL, TIER_BIT(TIER_DISTRICT), 0);
	fx_project(ds, "P3", 4, 0, 0, NULL, TIER_BIT(TIER_DISTRICT), 0);
	*state = ds;
	return 0;
}

static int teardown(void **state)
{
	struct dataset *ds = *state;

	dataset_release(ds);
	free(ds);
	return 0;
}

/* The units an actor is bound to in the cases below, and their names. */
static const int64_t bound[] = { U_S01, U_S02, U_D01, 0 };
static const char *const bound_name[] = { "S01", "S02", "D01", "none" };

/* For each role and each unit of bound[]: one character per project P1 P2 P3,
 * '1' when the actor sees (edits) it. Worked out from DOMAIN.md §1 by hand:
 * a section user sees its unit's subtree (S01 holds P1 and, via its street,
 * P2); a department user sees the projects it is responsible for; a user bound
 * to nothing sees nothing; the other roles see all, and only the admin and
 * coordinator edit. */
static const char *const visible[ROLE__MAX][4] = {
	[ROLE_ADMIN] = { "111", "111", "111", "111" },
	[ROLE_COORDINATOR] = { "111", "111", "111", "111" },
	[ROLE_SECTION] = { "110", "001", "000", "000" },
	[ROLE_DEPARTMENT] = { "000", "000", "100", "000" },
	[ROLE_LEADER] = { "111", "111", "111", "111" },
	[ROLE_AUDITOR] = { "111", "111", "111", "111" },
};
static const char *const editable[ROLE__MAX][4] = {
	[ROLE_ADMIN] = { "111", "111", "111", "111" },
	[ROLE_COORDINATOR] = { "111", "111", "111", "111" },
	[ROLE_SECTION] = { "110", "001", "000", "000" },
	[ROLE_DEPARTMENT] = { "000", "000", "000", "000" },
	[ROLE_LEADER] = { "000", "000", "000", "000" },
	[ROLE_AUDITOR] = { "000", "000", "000", "000" },
};

static void check_rows(const struct dataset *ds, const char *const want[ROLE__MAX][4],
		       int (*rule)(const struct actor *, const struct dataset *,
				   const struct project *), const char *what)
{
	int r, bad = 0;
	size_t u, i;

	for (r = 0; r < ROLE__MAX; r++) {
		for (u = 0; u < sizeof(bound) / sizeof(bound[0]); u++) {
			struct actor a = { 1, "x", (enum role)r, bound[u] };
			char got[4] = "";

			assert_non_null(want[r][u]);
			for (i = 0; i < 3; i++)
				got[i] = rule(&a, ds, &ds->projects[i]) ? '1' : '0';
			if (strcmp(got, want[r][u])) {
				print_error("%s bound to %s, %s P1-P3: got %s, expected %s\n",
					    role_keys[r], bound_name[u], what, got, want[r][u]);
				bad++;
			}
		}
	}
	assert_int_equal(bad, 0);
}

static void test_project_visible(void **state)
{
	check_rows(*state, visible, access_project_visible, "sees");
}

static void test_project_editable(void **state)
{
	check_rows(*state, editable, access_project_editable, "edits");
}

/* access_sees_every_project: the roles whose row of visible[] is all ones,
 * whatever unit they are bound to (the lists' shortcut). */
static void test_sees_every_project(void **state)
{
	size_t u;
	int r;

	(void)state;
	for (r = 0; r < ROLE__MAX; r++)
		for (u = 0; u < sizeof(bound) / sizeof(bound[0]); u++) {
			struct actor a = { 1, "x", (enum role)r, bound[u] };

			assert_int_equal(access_sees_every_project(&a),
					 r != ROLE_SECTION && r != ROLE_DEPARTMENT);
			if (access_sees_every_project(&a))
				assert_string_equal(visible[r][u], "111");
		}
}

/* A section bound to the street sees only the street's project, not its
 * parent section's: the subtree goes down, never up. */
static void test_subtree_goes_down_only(void **state)
{
	const struct dataset *ds = *state;
	struct actor a = { 1, "x", ROLE_SECTION, 3 };

	assert_int_equal(access_project_visible(&a, ds, &ds->projects[0]), 0);
	assert_int_equal(access_project_visible(&a, ds, &ds->projects[1]), 1);
	assert_int_equal(access_project_editable(&a, ds, &ds->projects[1]), 1);
	assert_int_equal(access_project_visible(&a, ds, &ds->projects[2]), 0);
	/* the district itself holds all three */
	a.unit_id = 1;
	assert_int_equal(access_project_visible(&a, ds, &ds->projects[0]), 1);
	assert_int_equal(access_project_visible(&a, ds, &ds->projects[1]), 1);
	assert_int_equal(access_project_visible(&a, ds, &ds->projects[2]), 1);
}

/* Fund applications (§7): a policy whose steps D01 owns (申领, 核实) and D02
 * (会商, 拨付); an application on P1 (section S01), on P2 (street S01A) and one
 * without a project. Rows "110" for the three, per role and bound unit. */
static void test_application_visible(void **state)
{
	const struct dataset *ds = *state;
	static const char *const want[ROLE__MAX][4] = {
		/*                  S01    S02    D01    none */
		[ROLE_ADMIN] =       { "111", "111", "111", "111" },
		[ROLE_COORDINATOR] = { "111", "111", "111", "111" },
		[ROLE_SECTION] =     { "110", "000", "000", "000" },
		[ROLE_DEPARTMENT] =  { "000", "000", "111", "000" },
		[ROLE_LEADER] =      { "111", "111", "111", "111" },
		[ROLE_AUDITOR] =     { "111", "111", "111", "111" },
	};
	struct policy pol;
	const struct project *on[3] = { &ds->projects[0], &ds->projects[1], NULL };
	size_t u, i;
	int r;

	policy_init(&pol);
	pol.owner[FS_APPLY] = pol.owner[FS_VERIFY] = U_D01;
	pol.owner[FS_CONSULT] = pol.owner[FS_PAY] = 6;
	for (r = 0; r < ROLE__MAX; r++)
		for (u = 0; u < sizeof(bound) / sizeof(bound[0]); u++) {
			struct actor a = { 1, "x", (enum role)r, bound[u] };
			char got[4];

			for (i = 0; i < 3; i++)
				got[i] = access_application_visible(&a, ds, on[i], &pol) ? '1' : '0';
			got[3] = '\0';
			if (strcmp(got, want[r][u]))
				print_error("%s bound to %s sees %s, want %s\n", role_keys[r],
					    bound_name[u], got, want[r][u]);
			assert_string_equal(got, want[r][u]);
		}
	/* the department owning only 会商 and 拨付 sees them too */
	{
		struct actor a = { 1, "x", ROLE_DEPARTMENT, 6 };

		assert_true(access_application_visible(&a, ds, NULL, &pol));
	}
}

/* The projects scope sc selects, as "110" for P1 P2 P3. */
static void selected(const struct dataset *ds, const struct scope *sc, char out[4])
{
	size_t i;

	for (i = 0; i < 3; i++)
		out[i] = scope_matches(ds, sc, i) ? '1' : '0';
	out[3] = '\0';
}

/* A caller's figures are of what it sees (issue #14): every role and unit of
 * bound[], with no section asked, selects exactly the projects it sees. */
static void test_scope_narrow_matches_visibility(void **state)
{
	const struct dataset *ds = *state;
	int r;
	size_t u;

	for (r = 0; r < ROLE__MAX; r++) {
		for (u = 0; u < sizeof(bound) / sizeof(bound[0]); u++) {
			struct actor a = { 1, "x", (enum role)r, bound[u] };
			struct scope sc;
			char got[4];

			scope_init(&sc, 2024, fx_day(2024, 6, 30));
			assert_int_equal(access_scope_narrow(&a, ds, &sc),
					 r == ROLE_SECTION || r == ROLE_DEPARTMENT);
			selected(ds, &sc, got);
			if (strcmp(got, visible[r][u]))
				fail_msg("%s bound to %s: selects %s, sees %s", role_keys[r],
					 bound_name[u], got, visible[r][u]);
		}
	}
}

/* A section asked for: around the caller's own, its own; within it, kept;
 * elsewhere, nothing. The codes echo the unit the figures are of. */
static void test_scope_narrow_sections(void **state)
{
	const struct dataset *ds = *state;
	struct actor a = { 1, "x", ROLE_SECTION, U_S01 };
	struct scope sc;
	char got[4];

	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	sc.section_id = 1; /* the district */
	access_scope_narrow(&a, ds, &sc);
	selected(ds, &sc, got);
	assert_string_equal(got, "110");
	assert_int_equal(sc.section_id, U_S01);
	assert_string_equal(sc.section_code, "S01");
	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	sc.section_id = 3; /* its street */
	sc.section_code = "S01A";
	access_scope_narrow(&a, ds, &sc);
	selected(ds, &sc, got);
	assert_string_equal(got, "010");
	assert_string_equal(sc.section_code, "S01A");
	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	sc.section_id = U_S02;
	access_scope_narrow(&a, ds, &sc);
	selected(ds, &sc, got);
	assert_string_equal(got, "000");
	/* a department user asking for another department: nothing */
	a.role = ROLE_DEPARTMENT;
	a.unit_id = U_D01;
	scope_init(&sc, 2024, fx_day(2024, 6, 30));
	sc.department_id = 6;
	access_scope_narrow(&a, ds, &sc);
	selected(ds, &sc, got);
	assert_string_equal(got, "000");
}

/* Every resource and action has the name the API gives it (GET /session's
 * "may"): a resource added without one would be left out of the UI's view. */
static void test_every_resource_has_a_key(void **state)
{
	int i, j;

	(void)state;
	for (i = 0; i < RES__MAX; i++) {
		assert_non_null(resource_keys[i]);
		for (j = 0; j < i; j++)
			assert_string_not_equal(resource_keys[i], resource_keys[j]);
	}
	assert_string_equal(resource_keys[RES_REPORTS], "reports");
	assert_string_equal(resource_keys[RES_INDICATORS], "indicators");
	assert_string_equal(resource_keys[RES_PLANS], "plans");
	assert_string_equal(resource_keys[RES_CHANGES], "change-requests");
	assert_string_equal(action_keys[ACT_READ], "read");
	assert_string_equal(action_keys[ACT_WRITE], "write");
	assert_string_equal(action_keys[ACT_VERIFY], "verify");
}

/* Demolition task books: a section user sees and reports its subtree's
 * sections' tasks (S01 sees S01A's, not S02's); everyone else sees every
 * task; only the office sets tasks; a department reports none. */
static void test_demolition_rows(void **state)
{
	const struct dataset *ds = *state;
	struct actor s01 = { 1, "s01", ROLE_SECTION, 2 }, s01a = { 2, "s01a", ROLE_SECTION, 3 };
	struct actor dept = { 3, "d", ROLE_DEPARTMENT, 5 }, coord = { 4, "c", ROLE_COORDINATOR, 0 };
	struct actor nounit = { 5, "x", ROLE_SECTION, 0 };

	assert_true(access_demolition_visible(&s01, ds, 2));
	assert_true(access_demolition_visible(&s01, ds, 3));
	assert_false(access_demolition_visible(&s01, ds, 4));
	assert_false(access_demolition_visible(&s01a, ds, 2)); /* down only */
	assert_true(access_demolition_visible(&s01a, ds, 3));
	assert_false(access_demolition_visible(&nounit, ds, 2));
	assert_true(access_demolition_visible(&dept, ds, 4));
	assert_true(access_demolition_reportable(&s01, ds, 3));
	assert_false(access_demolition_reportable(&s01, ds, 4));
	assert_false(access_demolition_reportable(&dept, ds, 2));
	assert_true(access_demolition_reportable(&coord, ds, 4));
	assert_false(access_demolition_settable(&s01));
	assert_false(access_demolition_settable(&dept));
	assert_true(access_demolition_settable(&coord));
}

/* Which unit kinds an account of each role may be bound to, every cell: a
 * section account to a section or a street, a department account to a
 * department, the district-wide roles to any (their unit is not a limit). */
static void test_role_unit_fits_every_cell(void **state)
{
	static const int want[ROLE__MAX][UNIT_KIND__MAX] = {
		/*                  city district section street department */
		[ROLE_ADMIN] = { 1, 1, 1, 1, 1 },
		[ROLE_COORDINATOR] = { 1, 1, 1, 1, 1 },
		[ROLE_SECTION] = { 0, 0, 1, 1, 0 },
		[ROLE_DEPARTMENT] = { 0, 0, 0, 0, 1 },
		[ROLE_LEADER] = { 1, 1, 1, 1, 1 },
		[ROLE_AUDITOR] = { 1, 1, 1, 1, 1 },
	};
	int r, k;

	(void)state;
	for (r = 0; r < ROLE__MAX; r++)
		for (k = 0; k < UNIT_KIND__MAX; k++)
			assert_int_equal(role_unit_fits((enum role)r, (enum unit_kind)k), want[r][k]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_is_whole),
		cmocka_unit_test(test_leader_page),
		cmocka_unit_test(test_every_resource_has_a_key),
		cmocka_unit_test(test_matrix_cell_by_cell),
		cmocka_unit_test(test_out_of_range_allows_nothing),
		cmocka_unit_test(test_role_keys_and_units),
		cmocka_unit_test_setup_teardown(test_project_visible, setup, teardown),
		cmocka_unit_test_setup_teardown(test_project_editable, setup, teardown),
		cmocka_unit_test(test_sees_every_project),
		cmocka_unit_test_setup_teardown(test_subtree_goes_down_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scope_narrow_matches_visibility, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_scope_narrow_sections, setup, teardown),
		cmocka_unit_test_setup_teardown(test_demolition_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_application_visible, setup, teardown),
		cmocka_unit_test(test_role_unit_fits_every_cell),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
