/* demo.c — `ballast demo`: create a database holding the seed's demo district
 * (DOMAIN.md §2, §5). core/demo.c generates it; this file maps the generator's
 * ids to the database's and writes everything in one transaction. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/demo_funds.h"
#include "cli/demo_plan.h"
#include "io/geojson.h"
#include "store/store_map.h"
#include "core/demo.h"
#include "core/demo_visits.h"
#include "store/store_guarantees.h"
#include "store/store_items.h"
#include "store/store_visits.h"
#include "store/store_leads.h"
#include "core/demo_leads.h"
#include "store/store_sharing.h"
#include "core/demo_leaders.h"
#include "core/demo_names.h"
#include "store/store_accounts.h"
#include "store/store_items.h"
#include "store/store_leaders.h"
#include "util/xalloc.h"

static const char usage_text[] =
	"usage: ballast demo [--db FILE] [--asof DATE] [--seed N] [--open-plan] [--force]\n"
	"\n"
	"Create a database holding the demo district of the seed speech: 无锡市 新吴区,\n"
	"6 sections and 5 departments, the 2024 lists of 9 provincial, 52 city and\n"
	"156 district projects, the 2024 targets, and the monthly reports,\n"
	"indicator figures and supervision items (督办事项, escalated day by day)\n"
	"through --asof (a day in 2024; default 2024-12-31).\n"
	"The 2024 plan is issued (下达任务书), with four change requests by the\n"
	"sections: one approved, one rejected, one pending and one actual start date\n"
	"awaiting confirmation (none changes a figure); --open-plan leaves it\n"
	"unissued, its plans editable directly, as before an issue.\n"
	"The same --seed (default 1) and --asof always give the same data.\n"
	"\n"
	"  --db FILE    the database to create (default $BALLAST_DB, else ./ballast.db)\n"
	"  --asof DATE  the day the data is as of; later events are left out\n"
	"  --seed N     the generator's seed, a whole number\n"
	"  --open-plan  do not issue the 2024 plan (and make no change requests)\n"
	"  --force      delete FILE (and FILE-wal, FILE-shm) first if it exists; on\n"
	"               PostgreSQL, drop the tables of the ballast database there\n";

struct demo_opts {
	const char *db;
	bl_day asof;
	uint64_t seed;
	int force;
	int open_plan; /* --open-plan: 2024's plan not issued */
};

/* A --seed: decimal digits only, fitting in 64 bits. */
static int take_seed(const char *cmd, const struct cli_opt *o, const char *s)
{
	char *end;
	unsigned long long v;

	if (!*s || strspn(s, "0123456789") != strlen(s))
		goto bad;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end)
		goto bad;
	((struct demo_opts *)o->dst)->seed = v;
	return 0;
bad:
	cli_error(cmd, "--seed %s: not a whole number below 2^64", s);
	return -1;
}

static int take_asof(const char *cmd, const struct cli_opt *o, const char *s)
{
	struct demo_opts *d = o->dst;

	if (cli_parse_day(cmd, "--asof", s, &d->asof))
		return -1;
	if (day_year(d->asof) != DEMO_YEAR) {
		cli_error(cmd, "--asof %s: not a day in %d, the demo year", s, DEMO_YEAR);
		return -1;
	}
	return 0;
}

/* Parse argv into o; -1 to go on, else the exit code. */
static int parse_opts(int argc, char **argv, struct demo_opts *o)
{
	const struct cli_opt opts[] = {
		{ .name = "db", .value = &o->db }, { .name = "asof", .take = take_asof, .dst = o },
		{ .name = "seed", .take = take_seed, .dst = o },
		{ .name = "force", .flag = &o->force, .on = 1 },
		{ .name = "open-plan", .flag = &o->open_plan, .on = 1 },
	};
	int rc;

	memset(o, 0, sizeof(*o));
	o->asof = day_from_ymd(DEMO_YEAR, 12, 31);
	o->seed = 1;
	rc = cli_getopt("demo", usage_text, opts, CLI_N(opts), argc, argv);
	if (rc >= 0)
		return rc;
	if (optind != argc) {
		cli_error("demo", "unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}
	return -1;
}

/* Remove the database at path (its SQLite file, or PostgreSQL's tables);
 * 0, or -1 after printing why. */
static int remove_db(const char *path)
{
	struct buf err = BUF_INIT;
	int rc = store_remove(path, &err) ? -1 : 0;

	if (rc)
		cli_error("demo", "%s", err.s);
	buf_release(&err);
	return rc;
}

/* The database ids of the generator's units and projects (demo.h). */
struct id_map {
	int64_t *unit;
	int64_t *project;
};

static int64_t unit_id(const struct id_map *m, int64_t demo_id)
{
	return demo_id ? m->unit[demo_id - 1] : 0;
}

static enum bl_err write_units(struct store *st, const struct demo_data *d, struct id_map *m)
{
	enum bl_err rc = BL_OK;
	size_t i;

	for (i = 0; i < d->n_units && !rc; i++) {
		struct unit u = d->units[i]; /* shares the strings; the store copies */

		u.id = 0;
		u.parent_id = unit_id(m, u.parent_id);
		rc = store_unit_put(st, &u);
		m->unit[i] = u.id;
	}
	return rc;
}

static enum bl_err write_projects(struct store *st, const struct demo_data *d,
				  struct id_map *m)
{
	enum bl_err rc = BL_OK;
	size_t i;

	for (i = 0; i < d->n_projects && !rc; i++) {
		struct project p = d->projects[i];

		p.id = 0;
		p.section_id = unit_id(m, p.section_id);
		p.department_id = unit_id(m, p.department_id);
		rc = store_project_put(st, &p);
		m->project[i] = p.id;
	}
	for (i = 0; i < d->n_listings && !rc; i++) {
		struct listing l = d->listings[i];

		l.project_id = m->project[l.project_id - 1];
		rc = store_listing_put(st, &l);
	}
	return rc;
}

static enum bl_err write_year(struct store *st, const struct demo_data *d,
			      const struct id_map *m)
{
	enum bl_err rc = BL_OK;
	size_t i;

	for (i = 0; i < d->n_reports && !rc; i++) {
		struct report r = d->reports[i];

		r.project_id = m->project[r.project_id - 1];
		rc = store_report_put(st, &r);
	}
	for (i = 0; i < d->n_targets && !rc; i++) {
		struct target t = d->targets[i];

		t.id = 0;
		t.section_id = unit_id(m, t.section_id);
		t.department_id = unit_id(m, t.department_id);
		rc = store_target_put(st, &t);
	}
	for (i = 0; i < d->n_indicators && !rc; i++) {
		struct indicator_entry e;

		memset(&e, 0, sizeof(e));
		e.v = d->indicators[i];
		e.v.unit_id = unit_id(m, e.v.unit_id);
		e.source = (char *)DEMO_INDICATOR_SOURCE; /* only read by the put */
		rc = store_indicator_put(st, &e);
	}
	return rc;
}

/* The supervision items, each raised then stepped through its timeline as
 * the store writes any item's (audited, versions checked). */
static enum bl_err write_items(struct store *st, const struct demo_data *d,
			       const struct id_map *m)
{
	enum bl_err rc = BL_OK;
	size_t i, k;

	for (i = 0; i < d->n_items && !rc; i++) {
		const struct demo_item *di = &d->items[i];
		struct item it;
		struct item_step step;

		item_copy(&it, &di->it);
		it.id = 0;
		it.project_id = m->project[it.project_id - 1];
		it.owner_id = unit_id(m, it.owner_id);
		it.raised_by = NULL;
		for (k = 0; k < di->n_steps && !rc; k++) {
			step = di->steps[k];
			step.at = step.actor = NULL;
			step.body = di->steps[k].body ? xstrdup(di->steps[k].body) : NULL;
			step.attachment = NULL;
			rc = k ? store_item_step(st, &it, &step) : store_item_insert(st, &it, &step);
			item_step_release(&step);
		}
		item_release(&it);
	}
	return rc;
}

/* Revenue sharing and industrial funds: the tax records, then the registry. */
static enum bl_err write_sharing(struct store *st, const struct demo_data *d,
				 const struct id_map *m)
{
	enum bl_err rc = BL_OK;
	size_t i;

	for (i = 0; i < d->n_taxes && !rc; i++) {
		struct tax_record t = d->taxes[i];

		t.project_id = m->project[t.project_id - 1];
		rc = store_tax_put(st, &t);
	}
	for (i = 0; i < d->n_funds && !rc; i++) {
		struct fund f = d->funds[i]; /* its strings only read by the put */

		f.brought_by = unit_id(m, f.brought_by);
		rc = store_fund_put(st, &f);
	}
	return rc;
}

/* visits: the commando teams and site visits made from d (core/demo_visits.h),
 * with the database's project ids. */
static enum bl_err write_visits(struct store *st, const struct demo_visits *dv,
				const struct id_map *m)
{
	enum bl_err rc = BL_OK;
	size_t i;

	for (i = 0; i < dv->n_teams && !rc; i++) {
		struct team t = dv->teams[i];

		t.project_id = m->project[t.project_id - 1];
		t.version = 0;
		rc = store_team_put(st, &t);
	}
	for (i = 0; i < dv->n_visits && !rc; i++) {
		struct visit v;

		visit_init(&v);
		v.project_id = m->project[dv->visits[i].project_id - 1];
		v.on = dv->visits[i].on;
		v.kind = dv->visits[i].kind;
		v.who = xstrdup(dv->visits[i].who);
		v.findings = dv->visits[i].findings ? xstrdup(dv->visits[i].findings) : NULL;
		rc = store_visit_insert(st, &v);
		visit_release(&v);
	}
	return rc;
}

/* The element needs and supplies, and the demolition task books with their
 * reports, through the store's audited puts. */
static enum bl_err write_guarantees(struct store *st, const struct demo_data *d,
				    const struct id_map *m)
{
	int64_t *task_ids = xcalloc(d->n_dtasks ? d->n_dtasks : 1, sizeof(*task_ids));
	enum bl_err rc = BL_OK;
	size_t i;

	for (i = 0; i < d->n_supplies && !rc; i++) {
		struct supply s = d->supplies[i];

		s.project_id = m->project[s.project_id - 1];
		rc = store_supply_put(st, &s); /* s shares d's doc_no: only read */
	}
	for (i = 0; i < d->n_dtasks && !rc; i++) {
		struct demolition_task t = d->dtasks[i];

		t.id = 0;
		t.section_id = unit_id(m, t.section_id);
		rc = store_demolition_task_put(st, &t);
		task_ids[i] = t.id;
	}
	for (i = 0; i < d->n_dreports && !rc; i++) {
		struct demolition_report r = d->dreports[i];

		r.task_id = task_ids[r.task_id - 1];
		rc = store_demolition_report_put(st, &r);
	}
	free(task_ids);
	return rc;
}

/* h-leads: one entry of a demo lead's log, the row then at stage. */
static enum bl_err lead_step(struct store *st, struct lead *l, enum lead_log_kind kind, bl_day on,
			     enum lead_stage stage, const char *body)
{
	struct lead_log g = { 0 };
	enum bl_err rc;

	g.kind = kind;
	g.on = on;
	g.stage = stage;
	g.body = body ? xstrdup(body) : NULL;
	rc = kind == LK_FOUND ? store_lead_insert(st, l, &g) : store_lead_step(st, l, &g);
	lead_log_release(&g);
	return rc;
}

/* h-leads: the lead pool, each lead registered then moved along its days
 * (audited, versions checked as any lead's), and the talents reported. */
static enum bl_err write_leads(struct store *st, const struct demo_data *d,
			       const struct id_map *m, bl_day asof)
{
	struct demo_lead *v;
	struct talent_count *tc;
	size_t i, n, n_tc;
	enum bl_err rc = BL_OK;

	demo_leads(d, asof, &v, &n);
	for (i = 0; i < n && !rc; i++) {
		struct lead l;
		enum lead_stage last = v[i].l.stage;

		lead_copy(&l, &v[i].l);
		l.found_by = unit_id(m, l.found_by);
		l.followed_by = unit_id(m, l.followed_by);
		l.project_id = 0;
		l.signed_on = DAY_NONE;
		free(l.reason);
		l.reason = NULL;
		rc = lead_step(st, &l, LK_FOUND, l.found_on, LS_LEAD, l.source);
		if (!rc && v[i].visit_on != DAY_NONE)
			rc = lead_step(st, &l, LK_VISIT, v[i].visit_on, LS_LEAD, "走访企业，了解投资意向");
		if (!rc && v[i].talks_on != DAY_NONE)
			rc = lead_step(st, &l, LK_STAGE, v[i].talks_on, LS_TALKS, "进入洽谈");
		if (!rc && v[i].intent_on != DAY_NONE)
			rc = lead_step(st, &l, LK_STAGE, v[i].intent_on, LS_INTENT, "达成投资意向");
		if (!rc && last == LS_DROPPED) {
			l.reason = xstrdup(v[i].l.reason);
			rc = lead_step(st, &l, LK_DROP, v[i].dropped_on, LS_DROPPED, l.reason);
		}
		if (!rc && last == LS_SIGNED) {
			l.project_id = m->project[v[i].l.project_id - 1];
			l.signed_on = v[i].l.signed_on;
			rc = lead_step(st, &l, LK_SIGN, l.signed_on, LS_SIGNED, NULL);
		}
		lead_release(&l);
	}
	demo_leads_free(v, n);
	demo_talents(asof, &tc, &n_tc);
	for (i = 0; i < n_tc && !rc; i++) {
		tc[i].unit_id = unit_id(m, tc[i].unit_id);
		rc = store_talent_put(st, &tc[i]);
	}
	free(tc);
	return rc;
}

/* Write all of d in one transaction; on error roll back and print why. Then
 * the issued plan and its change requests (demo_plan.c). */
/* A demo leader's account has no password until an administrator sets one
 * (`ballast user reset NAME`): no password verifies against this. */
#define LOCKED_PASSWORD "!locked"

/* Leader linkage (领导挂钩): an account per demo leader, its links
 * (leader_of, demo_leader_links) and the two named lists. */
static enum bl_err write_leaders(struct store *st, const struct demo_data *d,
				 const struct id_map *m, const int *leader_of)
{
	struct project_list big, sec;
	int64_t *uid = xcalloc(demo_n_leaders, sizeof(*uid));
	enum bl_err rc = BL_OK;
	size_t i;

	project_list_init(&big);
	project_list_init(&sec);
	for (i = 0; i < demo_n_leaders && !rc; i++) {
		struct user u = { 0 };

		u.username = (char *)demo_leader_usernames[i];
		u.display_name = (char *)demo_leaders[i];
		u.role = ROLE_LEADER;
		rc = store_user_add(st, &u, LOCKED_PASSWORD);
		uid[i] = u.id;
	}
	big.project_ids = xcalloc(d->n_projects + 1, sizeof(int64_t));
	sec.project_ids = xcalloc(d->n_projects + 1, sizeof(int64_t));
	for (i = 0; i < d->n_projects && !rc; i++) {
		if (leader_of[i] >= 0)
			rc = store_project_leaders_set(st, m->project[i], &uid[leader_of[i]], 1, NULL,
						       0, NULL);
		if (leader_of[i] == 0)
			sec.project_ids[sec.n++] = m->project[i];
		if (d->projects[i].total_investment != AMOUNT_NONE &&
		    d->projects[i].total_investment >= DEMO_BIG_YUAN)
			big.project_ids[big.n++] = m->project[i];
	}
	big.name = xstrdup(DEMO_LIST_BIG);
	sec.name = xstrdup(DEMO_LIST_SECRETARY);
	project_list_normalise(&big);
	project_list_normalise(&sec);
	if (!rc)
		rc = store_list_put(st, &big);
	if (!rc)
		rc = store_list_put(st, &sec);
	project_list_release(&big);
	project_list_release(&sec);
	free(uid);
	return rc;
}

/* ui14: the made-up district outline of core/demo_map.c as the map's
 * boundary (its own audited transaction). */
static int write_boundary(struct store *st)
{
	struct buf text = BUF_INIT;
	enum bl_err rc;

	geojson_polygon_text(&text, DEMO_BOUNDARY_NAME, demo_boundary, demo_boundary_n);
	store_set_actor(st, "cli:demo");
	rc = store_map_boundary_put(st, DEMO_BOUNDARY_NAME, text.s, 0, NULL);
	buf_release(&text);
	if (rc)
		cli_error("demo", "the map boundary: %s", store_errmsg(st));
	return rc != BL_OK;
}

static int write_demo(struct store *st, const struct demo_data *d,
		      const struct demo_visits *dv, const struct demo_opts *o, size_t *n_supervised,
		      const int *leader_of)
{
	struct id_map m;
	enum bl_err rc;
	int began = 0;

	m.unit = xcalloc(d->n_units, sizeof(*m.unit));
	m.project = xcalloc(d->n_projects, sizeof(*m.project));
	store_set_actor(st, "cli:demo");
	rc = store_begin(st);
	if (rc)
		goto out;
	began = 1;
	rc = write_units(st, d, &m);
	if (rc)
		goto out;
	rc = write_projects(st, d, &m);
	if (rc)
		goto out;
	rc = write_year(st, d, &m);
	if (rc)
		goto out;
	rc = write_items(st, d, &m);
	if (rc)
		goto out;
	rc = write_visits(st, dv, &m);
	if (rc)
		goto out;
	rc = write_guarantees(st, d, &m);
	if (rc)
		goto out;
	rc = demo_funds_write(st, d, m.unit, m.project, o->asof); /* h-funds */
	if (rc)
		goto out;
	rc = write_leads(st, d, &m, o->asof);
	if (rc)
		goto out;
	rc = write_sharing(st, d, &m);
	if (rc)
		goto out;
	rc = write_leaders(st, d, &m, leader_of);
	if (rc)
		goto out;
	rc = store_commit(st);
out:
	if (rc && began)
		store_rollback(st);
	if (rc)
		cli_error("demo", "%s: %s", bl_strerror(rc), store_errmsg(st));
	else if (!o->open_plan && demo_plan_write(st, d, m.unit, o->asof))
		rc = BL_EINVAL;
	if (!rc && write_boundary(st))
		rc = BL_EINVAL;
	if (!rc) { /* visits: the schedule's visits, from what was just stored */
		rc = demo_visits_supervise(st, o->asof, n_supervised);
		if (rc)
			cli_error("demo", "%s: %s", bl_strerror(rc), store_errmsg(st));
	}
	free(m.unit);
	free(m.project);
	return rc ? EXIT_USER : 0;
}

int cmd_demo(int argc, char **argv)
{
	struct demo_opts o;
	struct demo_data d;
	struct demo_visits dv;
	size_t n_supervised = 0;
	struct store *st;
	const char *path;
	char asof[11];
	int rc, *leader_of;

	rc = parse_opts(argc, argv, &o);
	if (rc >= 0)
		return rc;
	path = cli_db_path(o.db);
	if (store_exists(path)) {
		if (!o.force) {
			cli_error("demo", "%s already exists; use --force to replace it",
				  cli_db_shown(path));
			return EXIT_USER;
		}
		if (remove_db(path))
			return EXIT_USER;
	}
	st = cli_open(o.db, STORE_CREATE);
	if (!st)
		return EXIT_USER;
	demo_generate(o.seed, o.asof, &d);
	demo_visits_generate(&d, o.asof, &dv);
	leader_of = xcalloc(d.n_projects + 1, sizeof(*leader_of));
	demo_leader_links(&d, leader_of);
	rc = write_demo(st, &d, &dv, &o, &n_supervised, leader_of);
	free(leader_of);
	store_close(st);
	if (rc) /* leave no half-made database behind */
		remove_db(path);
	else
		fprintf(stderr, "ballast demo: %s: %zu units, %zu projects, %zu reports, "
			"%zu targets, %zu indicator values, %zu supervision items, %zu commando "
			"teams, %zu site visits (seed %llu, as of %s)\n", cli_db_shown(path), d.n_units,
			d.n_projects, d.n_reports, d.n_targets, d.n_indicators, d.n_items,
			dv.n_teams, dv.n_visits + n_supervised, (unsigned long long)o.seed,
			day_format(o.asof, asof));
	demo_visits_release(&dv);
	demo_data_release(&d);
	return rc;
}
