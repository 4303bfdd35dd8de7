/* access.h — who may do what (DOMAIN.md §1): the roles, the permission matrix
 * and the row rules (a section user's subtree, a department's projects). Every
 * server handler asks here; nothing else decides permissions. */
#ifndef BL_ACCESS_H
#define BL_ACCESS_H

#include <stdint.h>

#include "core/model.h"

enum role {
	ROLE_ADMIN,       /* 系统管理员: everything, users, settings */
	ROLE_COORDINATOR, /* 发改委项目办: edit every project, verify reports, set targets */
	ROLE_SECTION,     /* 板块/街道: its subtree's projects and reports */
	ROLE_DEPARTMENT,  /* 部门: reads the projects it is responsible for */
	ROLE_LEADER,      /* 区领导: reads everything */
	ROLE_AUDITOR,     /* 审计/纪检: reads everything and the audit trail */
	ROLE__MAX
};
extern const char *const role_keys[ROLE__MAX];   /* "admin", … */
extern const char *const role_labels[ROLE__MAX]; /* "系统管理员", … */
/* The role named s (key); -1 when none. */
int role_from_key(const char *s);
/* 1 when the role must be bound to a unit (section, department). */
int role_needs_unit(enum role r);
/* 1 when a user of role r may be bound to a unit of kind k: a section user to
 * a section or a street, a department user to a department; the other roles
 * to any unit (their rows do not depend on it). */
int role_unit_fits(enum role r, enum unit_kind k);

/* What is acted on. */
enum resource {
	RES_UNITS, RES_PROJECTS, RES_LISTINGS, RES_REPORTS, RES_TARGETS, RES_MEASURES,
	RES_WARNINGS, RES_USERS, RES_AUDIT, RES_IMPORT, RES_SETTINGS, RES_BULLETINS,
	RES_INDICATORS, /* the statistics bureau's figures (DOMAIN.md §5) */
	RES_ITEMS,      /* supervision items (督办事项, DOMAIN.md §7); their workflow is
	                 * core/workflow.c's WF_ITEM */
	RES_PLANS,      /* a year's issued plan (任务书): ACT_VERIFY issues it */
	RES_CHANGES,    /* change requests to an issued plan: ACT_WRITE proposes and
	                 * withdraws, ACT_VERIFY approves and rejects; rows as
	                 * their projects (access_project_visible) */
	RES_VISITS,     /* visits: commando teams, site visits and the bimonthly
	                 * supervision schedule (DOMAIN.md §7); rows as their
	                 * projects (access_project_visible): a section records
	                 * visits on its own projects, the office on all */
	/* element guarantees and demolition task books (DOMAIN.md §7) */
	RES_SUPPLIES,   /* needs and supplies (要素保障): rows as their projects */
	RES_DEMOLITION, /* demolition task books (征拆任务书): a section user sees and
	                 * reports its subtree's tasks; tasks are set by the office */
	/* Policy fulfilment (政策兑现, DOMAIN.md §7; h-funds). */
	RES_POLICIES,     /* policies: the office writes them */
	RES_APPLICATIONS, /* fund applications: ACT_WRITE enters one and makes a step,
	                   * as core/workflow.c's WF_FUND lets the caller; rows by
	                   * access_application_visible */
	RES_CALENDAR,     /* the working-day calendar (holidays, 调休): the admin edits */
	/* h-leads (issue #16) */
	RES_LEADS,      /* the shared lead pool (招商线索): ACT_WRITE registers and
	                 * moves leads (core/workflow.c WF_LEAD), ACT_VERIFY enters
	                 * the 双招双引 talent counts; access_lead_details the fields */
	/* revenue sharing and industrial funds (core/sharing.h) */
	RES_TAXES,      /* tax records; rows as their projects */
	RES_LEDGER,     /* the sharing ledger (read) and its rules (write: coordinators) */
	RES_FUNDS,      /* the industrial fund registry */
	/* leader linkage (领导挂钩, DOMAIN.md §7) */
	RES_LEADERS,    /* leader links and the leader page: ACT_WRITE links and
	                 * unlinks; a leader reads its own page only
	                 * (access_leader_page) */
	RES_LISTS,      /* named project lists (tags): everyone reads (a filter
	                 * everywhere), ACT_WRITE creates, edits, deletes */
	RES__MAX
};
enum action {
	ACT_READ,   /* see */
	ACT_WRITE,  /* create, change, delete */
	ACT_VERIFY, /* verify or return a submitted report; issue a bulletin or a
	             * year's plan; approve or reject a change request */
	ACT__MAX
};

/* The names the API gives them ("reports", "verify"); the UI asks the
 * server's answer (GET /api/v1/session's "may") and keeps no matrix. */
extern const char *const resource_keys[RES__MAX];
extern const char *const action_keys[ACT__MAX];

/* The actor of a request. */
struct actor {
	int64_t user_id;
	const char *username;
	enum role role;
	int64_t unit_id; /* the account's unit: a section user's or department's;
	                  * for the other roles optional (0: none), and a unit in a
	                  * district binds them to it (access_district_pick) */
};

/* 1 when a may read the leader page of the leader account leader_id: a
 * leader its own only; the others as access_allows(RES_LEADERS, read). */
int access_leader_page(const struct actor *a, int64_t leader_id);

/* The role-level matrix: may this role do action on resource at all? */
int access_allows(enum role role, enum resource res, enum action act);

/* Row rules over a dataset-like unit tree (ds only needs units, indexed).
 * A section user sees and edits projects in its unit's subtree; a department
 * user sees the projects whose responsible department is its unit; the other
 * roles see every project (and edit per access_allows). */
int access_project_visible(const struct actor *a, const struct dataset *ds,
			   const struct project *p);
/* 1 when a sees every project (access_project_visible holds for all): every
 * role but section and department users. */
int access_sees_every_project(const struct actor *a);
int access_project_editable(const struct actor *a, const struct dataset *ds,
			    const struct project *p);
/* An item of project p owned by unit owner_id: a section user sees it when p
 * or the owner lies in its subtree; a department user when it owns the item
 * or is p's responsible department; the other roles see every item (a leader
 * reads them all, as every project). */
int access_item_visible(const struct actor *a, const struct dataset *ds,
			const struct project *p, int64_t owner_id);

struct policy;
/* A fund application of policy pol on project p (NULL: none): a section user
 * sees it when p lies in its subtree; a department user when it owns a step
 * of the policy; the other roles see every application. */
int access_application_visible(const struct actor *a, const struct dataset *ds,
			       const struct project *p, const struct policy *pol);
struct lead;
/* The lead pool is shared (issue #16): every role that reads leads sees
 * every lead's company, chain, stage and the units finding and following
 * it; its details (amount, USCC, source, drop reason, project, log) only
 * the office (admin, coordinator) and a section user whose subtree holds
 * the following unit. */
int access_lead_details(const struct actor *a, const struct dataset *ds,
			const struct lead *l);

struct scope;
/* The figures a caller is shown are of the projects it sees (DOMAIN.md §1),
 * so that every count matches the list its number opens: for a section user
 * sc is narrowed to its unit's subtree (a section asked for within that
 * subtree is kept; one around it is narrowed to the unit; one elsewhere
 * selects nothing), for a department user to its department; its section
 * and department codes then name the unit (borrowed from ds, indexed).
 * Other roles: sc is unchanged. Returns 1 when sc was narrowed. */
int access_scope_narrow(const struct actor *a, const struct dataset *ds, struct scope *sc);

/* Demolition task books (征拆任务书, DOMAIN.md §7). A section user sees and
 * reports progress on the tasks of its subtree's sections; every other role
 * sees every task book (departments and leaders read them, as the district's
 * own work); setting tasks (create, change) is the office's (admin,
 * coordinator). Supplies follow their projects (access_project_visible; a
 * write as access_project_visible plus RES_SUPPLIES write). */
int access_demolition_visible(const struct actor *a, const struct dataset *ds,
			      int64_t section_id);
int access_demolition_reportable(const struct actor *a, const struct dataset *ds,
				 int64_t section_id);
int access_demolition_settable(const struct actor *a);

/* ---- district1 (issue #17 item 5): one instance, many districts ---- */

/* Which district a district-scoped act (a bulletin, a contest round) is of. */
enum district_pick {
	DISTRICT_OK,       /* *key is the stored rows' key (core/district.h district_key) */
	DISTRICT_REQUIRED, /* the instance holds several districts, none was named,
	                    * and the caller is bound to none */
	DISTRICT_HIDDEN,   /* another district than the caller's own: as a row
	                    * outside one's subtree, not found */
};
/* The district of an act of a, asked being the district unit named (0:
 * none). A caller whose unit lies in a district (a district coordinator, a
 * section user …) is bound to it: its own by default, another HIDDEN. One
 * bound to none (a city coordinator, an administrator, the CLI) must name
 * one when the instance holds several (REQUIRED). An instance of at most one
 * district needs none: *key 0, as before. ds: the units, indexed. */
enum district_pick access_district_pick(const struct actor *a, const struct dataset *ds,
					int64_t asked, int64_t *key);
/* 1 when a may see the stored bulletins and rounds of key: every caller in an
 * instance of at most one district; else one bound to a district only its
 * own, the others all (including the instance's own, key 0, kept from
 * before the districts). */
int access_district_visible(const struct actor *a, const struct dataset *ds, int64_t key);

#endif
