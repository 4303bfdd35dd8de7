/* test_snapshot.c — the server's in-memory snapshot (src/snap) against the
 * store it mirrors: on the demo district written to a real SQLite file, the
 * snapshot's dataset of every year (with and without drafts), its projects,
 * periods and list orders equal a fresh store_load_dataset, after loading and
 * after each of a few hundred random writes (fixed seed) brought in by
 * snapshot_refresh; the snapshot before a write never changes; parts no write
 * touched are shared, not copied. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli/cli.h"
#include "core/scope.h"
#include "core/warnings.h"
#include "snap/snap_int.h"
#include "store/store.h"
#include "store/store_items.h"
#include "store/store_workflow.h"
#include "util/xalloc.h"

#define FIRST_YEAR 2022
#define LAST_YEAR 2026

struct fx {
	char path[64];
	struct store *st;
	uint64_t rng;
	char **refs;  /* every project's ref */
	size_t n_refs;
};

static uint64_t rnd(struct fx *f, uint64_t n)
{
	/* xorshift64*: the same writes on every run */
	f->rng ^= f->rng >> 12;
	f->rng ^= f->rng << 25;
	f->rng ^= f->rng >> 27;
	return (f->rng * 2685821657736338717ULL >> 11) % n;
}

static int add_ref(void *ctx, const struct project *p)
{
	struct fx *f = ctx;

	f->refs = xrealloc(f->refs, (f->n_refs + 1) * sizeof(*f->refs));
	f->refs[f->n_refs++] = xstrdup(p->ref);
	return 0;
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	char a0[] = "demo", a1[] = "--db", a3[] = "--asof", a4[] = "2024-06-30";
	char *argv[] = { a0, a1, f->path, a3, a4, NULL };
	int out = dup(1);
	FILE *null = fopen("/dev/null", "w");

	snprintf(f->path, sizeof(f->path), "/tmp/test_snapshot.%d.db", (int)getpid());
	unlink(f->path);
	/* cmd_demo prints the district; keep the test's output readable */
	fflush(stdout);
	dup2(fileno(null), 1);
	assert_int_equal(cmd_demo(5, argv), 0);
	fflush(stdout);
	dup2(out, 1);
	close(out);
	fclose(null);
	assert_int_equal(store_open(f->path, STORE_EXISTING, &f->st, NULL), BL_OK);
	store_set_actor(f->st, "test:snapshot");
	assert_int_equal(store_projects_each(f->st, add_ref, f), BL_OK);
	f->rng = 0x9e3779b97f4a7c15ULL;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char more[80];
	size_t i;

	store_close(f->st);
	unlink(f->path);
	snprintf(more, sizeof(more), "%s-wal", f->path);
	unlink(more);
	snprintf(more, sizeof(more), "%s-shm", f->path);
	unlink(more);
	snprintf(more, sizeof(more), "%s.anchor", f->path);
	unlink(more);
	for (i = 0; i < f->n_refs; i++)
		free(f->refs[i]);
	free(f->refs);
	free(f);
	return 0;
}

/* ---- comparing ---- */

static void same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/* Field by field: the structs have padding, which memcmp would compare. */
static void same_project(const struct project *a, const struct project *b)
{
	int k;

	assert_int_equal(a->id, b->id);
	same_str(a->ref, b->ref);
	same_str(a->name, b->name);
	same_str(a->code, b->code);
	same_str(a->company, b->company);
	same_str(a->uscc, b->uscc);
	same_str(a->leader, b->leader);
	same_str(a->industry, b->industry);
	same_str(a->commando, b->commando);
	assert_int_equal(a->section_id, b->section_id);
	assert_int_equal(a->department_id, b->department_id);
	assert_int_equal(a->industrial, b->industrial);
	assert_int_equal(a->attracted_by, b->attracted_by);
	assert_int_equal(a->total_investment, b->total_investment);
	assert_int_equal(a->capacity, b->capacity);
	assert_int_equal(a->land_mu, b->land_mu);
	assert_int_equal(a->energy_tce, b->energy_tce);
	assert_int_equal(a->planned_start, b->planned_start);
	assert_int_equal(a->planned_completion, b->planned_completion);
	assert_int_equal(a->planned_production, b->planned_production);
	for (k = 0; k < STAGE__MAX; k++)
		assert_int_equal(a->stage_on[k], b->stage_on[k]);
	assert_int_equal(a->land_on, b->land_on);
	assert_int_equal(a->permit_on, b->permit_on);
	assert_int_equal(a->version, b->version);
}

static void same_listing(const struct listing *a, const struct listing *b)
{
	int m;

	assert_int_equal(a->project_id, b->project_id);
	assert_int_equal(a->year, b->year);
	assert_int_equal(a->tiers, b->tiers);
	assert_int_equal(a->annual_plan, b->annual_plan);
	assert_int_equal(a->has_month_plan, b->has_month_plan);
	for (m = 0; m < 12; m++)
		assert_int_equal(a->month_plan[m], b->month_plan[m]);
	assert_int_equal(a->version, b->version);
}

static void same_reports(const struct year_reports *a, const struct year_reports *b)
{
	int m;

	for (m = 0; m < 12; m++) {
		assert_int_equal(a->invest[m], b->invest[m]);
		assert_int_equal(a->output[m], b->output[m]);
	}
	assert_int_equal(a->reported, b->reported);
	assert_int_equal(a->uncounted, b->uncounted);
}

static void same_target(const struct target *a, const struct target *b)
{
	assert_int_equal(a->id, b->id);
	assert_int_equal(a->year, b->year);
	assert_int_equal(a->measure, b->measure);
	assert_int_equal(a->tier, b->tier);
	assert_int_equal(a->section_id, b->section_id);
	assert_int_equal(a->department_id, b->department_id);
	assert_int_equal(a->industrial, b->industrial);
	assert_int_equal(a->due, b->due);
	assert_int_equal(a->value, b->value);
	assert_int_equal(a->version, b->version);
}

static void same_indicator(const struct indicator_value *a, const struct indicator_value *b)
{
	assert_int_equal(a->measure, b->measure);
	assert_int_equal(a->unit_id, b->unit_id);
	assert_int_equal(a->month, b->month);
	assert_int_equal(a->value, b->value);
}

static void same_item(const struct item_track *a, const struct item_track *b)
{
	size_t k;

	assert_int_equal(a->id, b->id);
	assert_int_equal(a->project, b->project);
	assert_int_equal(a->owner_id, b->owner_id);
	assert_int_equal(a->category, b->category);
	same_str(a->title, b->title);
	assert_int_equal(a->raised_on, b->raised_on);
	assert_int_equal(a->n_points, b->n_points);
	for (k = 0; k < a->n_points; k++) {
		assert_int_equal(a->points[k].on, b->points[k].on);
		assert_int_equal(a->points[k].s.status, b->points[k].s.status);
		assert_int_equal(a->points[k].s.level, b->points[k].s.level);
		assert_int_equal(a->points[k].s.deadline, b->points[k].s.deadline);
		assert_int_equal(a->points[k].s.level_deadline, b->points[k].s.level_deadline);
	}
}

/* The dataset the snapshot gives equals the store's fresh load. */
static void same_dataset(const struct dataset *a, const struct dataset *b)
{
	size_t i;

	assert_int_equal(a->year, b->year);
	assert_int_equal(a->n_units, b->n_units);
	for (i = 0; i < a->n_units; i++) {
		assert_int_equal(a->units[i].id, b->units[i].id);
		same_str(a->units[i].code, b->units[i].code);
		same_str(a->units[i].name, b->units[i].name);
		assert_int_equal(a->units[i].kind, b->units[i].kind);
		assert_int_equal(a->units[i].parent_id, b->units[i].parent_id);
	}
	assert_int_equal(a->n_projects, b->n_projects);
	for (i = 0; i < a->n_projects; i++) {
		same_project(&a->projects[i], &b->projects[i]);
		same_listing(&a->listings[i], &b->listings[i]);
		same_reports(&a->reports[i], &b->reports[i]);
	}
	assert_int_equal(a->n_targets, b->n_targets);
	for (i = 0; i < a->n_targets; i++)
		same_target(&a->targets[i], &b->targets[i]);
	assert_int_equal(a->n_indicators, b->n_indicators);
	for (i = 0; i < a->n_indicators; i++)
		same_indicator(&a->indicators[i], &b->indicators[i]);
	assert_int_equal(a->n_items, b->n_items);
	for (i = 0; i < a->n_items; i++)
		same_item(&a->items[i], &b->items[i]);
}

static int cmp_i64(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

/* The test's own statement of each order (snapshot.h). */
static int order_cmp(const struct dataset *ds, enum project_order o, size_t a, size_t b)
{
	const struct project *p = &ds->projects[a], *q = &ds->projects[b];
	int c = 0;

	switch (o) {
	case PO_NAME: c = strcmp(p->name, q->name); break;
	case PO_TOTAL_INVESTMENT: c = cmp_i64(p->total_investment, q->total_investment); break;
	case PO_ANNUAL_PLAN:
		c = cmp_i64(ds->listings[a].annual_plan, ds->listings[b].annual_plan);
		break;
	case PO_PLANNED_START: c = cmp_i64(p->planned_start, q->planned_start); break;
	case PO_SECTION: c = cmp_i64(p->section_id, q->section_id); break;
	default: break;
	}
	return c ? c : strcmp(p->ref, q->ref);
}

static void check_orders(const struct snapshot *s, const struct dataset *ds)
{
	int o;
	size_t i;

	for (o = 0; o < PO__MAX; o++) {
		const uint32_t *v = snapshot_order(s, ds->year, (enum project_order)o);
		char *seen;

		if (!ds->n_projects) {
			assert_null(v);
			continue;
		}
		assert_non_null(v);
		seen = xcalloc(ds->n_projects, 1);
		for (i = 0; i < ds->n_projects; i++) {
			assert_true(v[i] < ds->n_projects);
			assert_false(seen[v[i]]);
			seen[v[i]] = 1;
			if (i)
				assert_true(order_cmp(ds, (enum project_order)o, v[i - 1], v[i]) < 0);
		}
		free(seen);
	}
}

/* snapshot_candidates holds exactly the projects that the scope's tier,
 * industrial, department and section filters select (scope_matches), for
 * every tier, every unit as section and as department, and some pairs. */
static void check_candidates(const struct snapshot *s, const struct dataset *ds)
{
	size_t u, i, k;

	for (k = 0; k < 3 * (ds->n_units + TIER__MAX + 2); k++) {
		struct scope sc;
		uint64_t *cand;

		scope_init(&sc, ds->year, day_from_ymd(ds->year, 6, 30));
		u = k / 3 % (ds->n_units + TIER__MAX + 2);
		if (u < ds->n_units && k % 3 == 0)
			sc.section_id = ds->units[u].id;
		else if (u < ds->n_units && k % 3 == 1)
			sc.department_id = ds->units[u].id;
		else if (u < ds->n_units)
			sc.reach_section_id = ds->units[u].id, sc.tier = TIER_DISTRICT,
			sc.reach_department_id = ds->units[(u + 1) % ds->n_units].id;
		else if (u < ds->n_units + TIER__MAX)
			sc.tier = (int)(u - ds->n_units);
		else if (u == ds->n_units + TIER__MAX)
			sc.industrial_only = 1;
		cand = snapshot_candidates(s, ds->year, &sc);
		if (!ds->n_projects || scope_selects_all(&sc)) {
			assert_null(cand);
			continue;
		}
		assert_non_null(cand);
		for (i = 0; i < ds->n_projects; i++)
			assert_int_equal((cand[i >> 6] >> (i & 63)) & 1u, scope_matches(ds, &sc, i));
		free(cand);
	}
}

struct periods_oracle {
	int years[LAST_YEAR + 2];
	bl_month latest_in[LAST_YEAR + 2];
	bl_month latest;
};

static int oracle_listing(void *ctx, const char *ref, const struct listing *l)
{
	struct periods_oracle *o = ctx;

	(void)ref;
	o->years[l->year] = 1;
	return 0;
}

static int oracle_report(void *ctx, const char *ref, const struct report *r)
{
	struct periods_oracle *o = ctx;
	int y = month_year(r->month);

	(void)ref;
	o->years[y] = 1;
	if (r->status != REPORT_SUBMITTED && r->status != REPORT_VERIFIED)
		return 0;
	if (o->latest == MONTH_NONE || r->month > o->latest)
		o->latest = r->month;
	if (o->latest_in[y] == MONTH_NONE || r->month > o->latest_in[y])
		o->latest_in[y] = r->month;
	return 0;
}

/* snapshot_periods against a walk over every listing and report. */
static void check_periods(struct fx *f, const struct snapshot *s)
{
	struct periods_oracle o;
	struct snapshot_periods p;
	size_t i, k = 0;
	int y;

	memset(&o, 0, sizeof(o));
	for (y = 0; y < LAST_YEAR + 2; y++)
		o.latest_in[y] = MONTH_NONE;
	o.latest = MONTH_NONE;
	assert_int_equal(store_listings_each(f->st, 0, oracle_listing, &o), BL_OK);
	assert_int_equal(store_reports_each(f->st, oracle_report, &o), BL_OK);
	snapshot_periods(s, &p);
	assert_int_equal(p.latest, o.latest);
	for (y = 0; y < LAST_YEAR + 2; y++) {
		if (!o.years[y])
			continue;
		assert_true(k < p.n_years);
		assert_int_equal(p.years[k], y);
		assert_int_equal(p.latest_in[k], o.latest_in[y]);
		k++;
	}
	assert_int_equal(k, p.n_years);
	for (i = 1; i < p.n_years; i++)
		assert_true(p.years[i - 1] < p.years[i]);
}

/* Every year of s equals the store's load of it, now. */
/* The month's report list reads the snapshot's reports (GET /reports,
 * h-bench1): each report of the store's month has its snapshot twin, field
 * for field, and the snapshot has no other. */
struct month_check {
	const struct snapshot *s;
	bl_month month;
	size_t n;
};

static int same_report_row(void *ctx, const struct report_row *rr)
{
	struct month_check *c = ctx;
	struct snapshot_report r;

	assert_int_equal(snapshot_report(c->s, rr->r.project_id, c->month, &r), 0);
	assert_int_equal(r.invest, rr->r.invest);
	assert_int_equal(r.output, rr->r.output);
	assert_int_equal(r.version, rr->r.version);
	assert_int_equal(r.status, rr->r.status);
	same_str(r.progress, rr->r.progress);
	same_str(r.problems, rr->r.problems);
	same_str(r.return_reason, rr->return_reason);
	same_str(r.submitted_by, rr->submitted_by);
	same_str(r.submitted_at, rr->submitted_at);
	same_str(r.verified_by, rr->verified_by);
	same_str(r.verified_at, rr->verified_at);
	c->n++;
	return 0;
}

static void check_reports(const struct snapshot *s, struct fx *f)
{
	struct month_check c = { s, MONTH_NONE, 0 };
	struct snapshot_report r;
	size_t i, n;

	for (c.month = month_from_ym(FIRST_YEAR, 1); c.month <= month_from_ym(LAST_YEAR, 12);
	     c.month++) {
		c.n = 0;
		assert_int_equal(store_reports_month(f->st, c.month, same_report_row, &c), BL_OK);
		for (i = n = 0; i < s->master->n; i++)
			n += !snapshot_report(s, s->master->recs[i]->p.id, c.month, &r);
		assert_int_equal(n, c.n);
	}
	assert_int_equal(snapshot_report(s, -1, month_from_ym(2024, 1), &r), -1);
}

static void check_against_store(struct fx *f, const struct snapshot *s)
{
	struct warning_settings a, b;
	int y, drafts;
	size_t i;

	assert_int_equal(snapshot_generation(s), store_generation(f->st));
	for (y = FIRST_YEAR; y <= LAST_YEAR; y++) {
		for (drafts = 0; drafts < 2; drafts++) {
			struct dataset fresh, mine;
			unsigned parts = DS_ALL | (drafts ? DS_DRAFTS : 0);

			assert_int_equal(store_load_dataset_for(f->st, y, month_from_ym(y, 12), parts,
								&fresh), BL_OK);
			snapshot_dataset(s, y, parts, &mine);
			assert_true(mine.borrowed);
			same_dataset(&mine, &fresh);
			if (!drafts) {
				check_orders(s, &mine);
				check_candidates(s, &mine);
			}
			dataset_release(&mine);
			dataset_release(&fresh);
		}
	}
	for (i = 0; i < f->n_refs; i++) {
		struct project p;

		assert_int_equal(store_project_by_ref(f->st, f->refs[i], &p), BL_OK);
		same_project(snapshot_project(s, f->refs[i]), &p);
		project_release(&p);
	}
	assert_null(snapshot_project(s, "no-such-ref"));
	{
		const char *bad = "unset";
		int rc = snapshot_warning_settings(s, &a, &bad);

		assert_int_equal(rc, warning_settings_load(f->st, &b, NULL, NULL));
		/* a bad stored value comes with its text, a good set with none */
		assert_true(rc ? bad && strchr(bad, '=') : !bad);
	}
	assert_memory_equal(&a, &b, sizeof(a));
	check_periods(f, s);
	check_reports(s, f);
}

/* ---- writing ---- */

static const char *ref_of(struct fx *f)
{
	return f->refs[rnd(f, f->n_refs)];
}

static void write_project(struct fx *f)
{
	struct project p;
	char ref[32];

	if (rnd(f, 8) == 0) { /* a new project, not listed yet */
		snprintf(ref, sizeof(ref), "T-%03zu", f->n_refs);
		project_init(&p);
		assert_int_equal(store_project_by_ref(f->st, f->refs[0], &p), BL_OK);
		free(p.ref);
		p.ref = xstrdup(ref);
		p.id = 0;
		f->refs = xrealloc(f->refs, (f->n_refs + 1) * sizeof(*f->refs));
		f->refs[f->n_refs++] = xstrdup(ref);
	} else {
		assert_int_equal(store_project_by_ref(f->st, ref_of(f), &p), BL_OK);
	}
	switch (rnd(f, 5)) {
	case 0:
		free(p.name);
		p.name = xstrdup(rnd(f, 2) ? "甲项目" : "乙项目");
		break;
	case 1: p.total_investment = rnd(f, 3) ? (int64_t)rnd(f, 1000) * 10000 : AMOUNT_NONE; break;
	case 2: p.planned_start = day_from_ymd(2023 + (int)rnd(f, 3), 1 + (int)rnd(f, 12), 1); break;
	case 3: p.industrial = !p.industrial; break;
	default: p.stage_on[STAGE_CAPACITY] = DAY_NONE; break;
	}
	assert_int_equal(store_project_put(f->st, &p), BL_OK);
	project_release(&p);
}

static void write_listing(struct fx *f)
{
	struct project p;
	struct listing l;
	int m;

	assert_int_equal(store_project_by_ref(f->st, ref_of(f), &p), BL_OK);
	memset(&l, 0, sizeof(l));
	l.project_id = p.id;
	l.year = 2023 + (int)rnd(f, 3);
	l.tiers = 1u + (unsigned)rnd(f, 7);
	l.annual_plan = (int64_t)rnd(f, 100) * 120000;
	l.has_month_plan = (int)rnd(f, 2);
	for (m = 0; m < 12 && l.has_month_plan; m++)
		l.month_plan[m] = l.annual_plan / 12;
	if (!rnd(f, 5))
		l.annual_plan = AMOUNT_NONE, l.has_month_plan = 0;
	assert_int_equal(store_listing_put(f->st, &l), BL_OK);
	project_release(&p);
}

static void write_report(struct fx *f)
{
	static const enum report_status statuses[] = {
		REPORT_DRAFT, REPORT_SUBMITTED, REPORT_VERIFIED, REPORT_RETURNED,
	};
	/* texts as a section types them, with what JSON escapes (h-bench1) */
	static const char *const texts[] = {
		NULL, "主体结构施工", "引号\"与反斜杠\\", "换行\n制表\t", "\b\f\x01 控制/斜杠", "",
	};
	struct project p;
	struct report r;
	enum bl_err rc;

	assert_int_equal(store_project_by_ref(f->st, ref_of(f), &p), BL_OK);
	memset(&r, 0, sizeof(r));
	r.project_id = p.id;
	r.month = month_from_ym(2023 + (int)rnd(f, 3), 1 + (int)rnd(f, 12));
	r.invest = rnd(f, 4) ? (int64_t)rnd(f, 5000) * 10000 : AMOUNT_NONE;
	r.output = rnd(f, 2) ? (int64_t)rnd(f, 500) * 10000 : AMOUNT_NONE;
	r.status = statuses[rnd(f, 4)];
	r.progress = (char *)texts[rnd(f, 6)];
	r.problems = (char *)texts[rnd(f, 6)];
	assert_int_equal(store_report_put(f->st, &r), BL_OK);
	if (rnd(f, 2)) { /* the workflow's stamps: by, when, a return's reason */
		rc = store_report_transition(f->st, p.id, r.month, ~0u, statuses[1 + rnd(f, 3)],
					     rnd(f, 2) ? "s01" : "coord", texts[rnd(f, 6)]);
		assert_true(rc == BL_OK || rc == BL_ECONFLICT);
	}
	project_release(&p);
}

/* A supervision item raised on a random project, due on a random day of
 * 2024 (so that it is overdue as of some days and not others), or a step
 * that resolves the last one raised. */
static void write_item(struct fx *f)
{
	static int64_t last_id;
	struct project p;
	struct item it;
	struct item_step step;

	item_init(&it);
	memset(&step, 0, sizeof(step));
	if (last_id && rnd(f, 3) == 0) {
		assert_int_equal(store_item_get(f->st, last_id, &it), BL_OK);
		step.kind = IK_RESOLVE;
		step.on = day_from_ymd(2024, 12, 31);
		step.after = item_current(&it);
		step.after.status = IS_RESOLVED;
		it.status = IS_RESOLVED;
		it.last_on = step.on;
		assert_int_equal(store_item_step(f->st, &it, &step), BL_OK);
		last_id = 0;
		item_step_release(&step);
		item_release(&it);
		return;
	}
	assert_int_equal(store_project_by_ref(f->st, ref_of(f), &p), BL_OK);
	it.project_id = p.id;
	it.title = xstrdup("用地指标待落实");
	it.category = IC_LAND;
	it.owner_id = p.section_id;
	it.level = 1;
	it.raised_on = day_from_ymd(2024, 1 + (int)rnd(f, 6), 1);
	it.deadline = it.level_deadline = it.raised_on + (bl_day)rnd(f, 200);
	it.status = IS_OPEN;
	it.last_on = it.raised_on;
	step.kind = IK_RAISE;
	step.on = it.raised_on;
	step.after = item_current(&it);
	assert_int_equal(store_item_insert(f->st, &it, &step), BL_OK);
	last_id = it.id;
	item_step_release(&step);
	project_release(&p);
	item_release(&it);
}

static void write_other(struct fx *f)
{
	struct target t;
	struct indicator_entry e;

	switch (rnd(f, 3)) {
	case 0:
		memset(&t, 0, sizeof(t));
		t.year = 2023 + (int)rnd(f, 3);
		t.measure = M_START_RATE;
		t.tier = TIER_ANY;
		t.due = day_from_ymd(t.year, 6, 30);
		t.value = (int64_t)rnd(f, 10000);
		assert_int_equal(store_target_put(f->st, &t), BL_OK);
		break;
	case 1:
		memset(&e, 0, sizeof(e));
		e.v.measure = M_FIXED_ASSET_INVESTMENT;
		e.v.month = month_from_ym(2023 + (int)rnd(f, 3), 1 + (int)rnd(f, 12));
		e.v.value = (int64_t)rnd(f, 1000) * 10000;
		assert_int_equal(store_indicator_put(f->st, &e), BL_OK);
		break;
	default: /* a good value, or a bad one the loader reports */
		assert_int_equal(store_setting_set(f->st, "warn.start_overdue.red_days",
						   rnd(f, 4) ? (rnd(f, 2) ? "45" : "20") : "lots"),
				 BL_OK);
		break;
	}
}

/* One transaction of one to three random writes. */
static void random_write(struct fx *f)
{
	int n = 1 + (int)rnd(f, 3), k;

	assert_int_equal(store_begin(f->st), BL_OK);
	for (k = 0; k < n; k++) {
		switch (rnd(f, 10)) {
		case 0: case 1: write_project(f); break;
		case 2: case 3: write_listing(f); break;
		case 4: case 5: case 6: write_report(f); break;
		case 7: write_item(f); break;
		default: write_other(f); break;
		}
	}
	assert_int_equal(store_commit(f->st), BL_OK);
}

/* ---- the tests ---- */

/* A fresh load is the store's data, year by year. */
static void test_load_equals_store(void **state)
{
	struct fx *f = *state;
	struct snapshot *s;

	assert_int_equal(snapshot_load(f->st, &s), BL_OK);
	check_against_store(f, s);
	/* a year with nothing: the units alone */
	{
		struct dataset ds;

		snapshot_dataset(s, 1999, 0, &ds);
		assert_int_equal(ds.year, 1999);
		assert_int_equal(ds.n_projects, 0);
		assert_true(ds.n_units > 0);
	}
	snapshot_free(s);
}

/* Nothing written: refresh says current. */
static void test_refresh_current(void **state)
{
	struct fx *f = *state;
	struct snapshot *s, *next = (struct snapshot *)1;

	assert_int_equal(snapshot_load(f->st, &s), BL_OK);
	assert_int_equal(snapshot_refresh(f->st, s, &next), BL_OK);
	assert_null(next);
	snapshot_free(s);
}

/* A report changes its project's figures and the reports of two years; the
 * lists, the units, the settings and every other year are shared. */
static void test_report_shares_the_rest(void **state)
{
	struct fx *f = *state;
	struct snapshot *s, *next;
	struct project p;
	struct report r;
	size_t i;

	assert_int_equal(snapshot_load(f->st, &s), BL_OK);
	assert_int_equal(store_project_by_ref(f->st, f->refs[0], &p), BL_OK);
	memset(&r, 0, sizeof(r));
	r.project_id = p.id;
	r.month = month_from_ym(2024, 5);
	r.invest = 1234 * 10000;
	r.output = AMOUNT_NONE;
	r.status = REPORT_VERIFIED;
	assert_int_equal(store_begin(f->st), BL_OK);
	assert_int_equal(store_report_put(f->st, &r), BL_OK);
	assert_int_equal(store_commit(f->st), BL_OK);
	assert_int_equal(snapshot_refresh(f->st, s, &next), BL_OK);
	assert_non_null(next);
	check_against_store(f, next);
	assert_ptr_equal(next->units, s->units);
	assert_ptr_equal(next->settings, s->settings);
	for (i = 0; i < next->n_years; i++) {
		assert_ptr_equal(next->years[i].list, s->years[i].list);
		assert_ptr_equal(next->years[i].targets, s->years[i].targets);
		if (next->years[i].year == 2024)
			assert_ptr_not_equal(next->years[i].reports, s->years[i].reports);
		else if (next->years[i].year != 2025)
			assert_ptr_equal(next->years[i].reports, s->years[i].reports);
	}
	project_release(&p);
	snapshot_free(s);
	snapshot_free(next);
}

/* A unit change reads everything afresh. */
static void test_unit_reloads(void **state)
{
	struct fx *f = *state;
	struct snapshot *s, *next;
	struct unit *units;
	size_t n;

	assert_int_equal(snapshot_load(f->st, &s), BL_OK);
	assert_int_equal(store_units(f->st, &units, &n), BL_OK);
	free(units[0].name);
	units[0].name = xstrdup("改名的区");
	assert_int_equal(store_begin(f->st), BL_OK);
	assert_int_equal(store_unit_put(f->st, &units[0]), BL_OK);
	assert_int_equal(store_commit(f->st), BL_OK);
	assert_int_equal(snapshot_refresh(f->st, s, &next), BL_OK);
	assert_non_null(next);
	assert_ptr_not_equal(next->units, s->units);
	assert_ptr_not_equal(next->master, s->master);
	check_against_store(f, next);
	units_free(units, n);
	snapshot_free(s);
	snapshot_free(next);
}

/* Hundreds of random writes, each brought in by a refresh of the snapshot
 * before it: after each, the new snapshot equals the store, and the one
 * before (still held) equals the store as it was. */
static void test_random_writes(void **state)
{
	struct fx *f = *state;
	struct snapshot *s, *next;
	struct dataset before[2], now;
	int round, k;

	assert_int_equal(snapshot_load(f->st, &s), BL_OK);
	for (round = 0; round < 300; round++) {
		for (k = 0; k < 2; k++)
			assert_int_equal(store_load_dataset(f->st, 2024 + k, &before[k]), BL_OK);
		random_write(f);
		assert_int_equal(snapshot_refresh(f->st, s, &next), BL_OK);
		if (!next) /* the write changed nothing */
			next = s, s = NULL;
		if (round % 10 == 0 || round > 290)
			check_against_store(f, next);
		for (k = 0; s && k < 2; k++) {
			snapshot_dataset(s, 2024 + k, 0, &now);
			same_dataset(&now, &before[k]);
		}
		for (k = 0; k < 2; k++)
			dataset_release(&before[k]);
		snapshot_free(s);
		s = next;
	}
	check_against_store(f, s);
	snapshot_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_equals_store),
		cmocka_unit_test(test_refresh_current),
		cmocka_unit_test(test_report_shares_the_rest),
		cmocka_unit_test(test_unit_reloads),
		cmocka_unit_test(test_random_writes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
