/* import_rows.c — one row of each kind of import file into its domain struct,
 * reporting every problem of the row. A projects row starts from the stored
 * project with the same ref, so columns the file does not have keep their
 * values; a blank cell in a column the file has clears the value. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/import_int.h"
#include "core/codes.h"
#include "core/demolition_target.h"
#include "core/targets.h"
#include "core/workflow.h"
#include "io/parse.h"
#include "util/xalloc.h"

#define UNIT_KINDS_SECTION ((1u << UNIT_SECTION) | (1u << UNIT_STREET))
#define UNIT_KINDS_DEPARTMENT (1u << UNIT_DEPARTMENT)
#define UNIT_KINDS_SCOPE ((1u << UNIT_CITY) | (1u << UNIT_DISTRICT) | UNIT_KINDS_SECTION)

/* Remember key for this row; a problem if an earlier row had it. */
static int once(struct importer *im, int def, const char *key, const char *shown)
{
	int64_t row;

	if (strmap_get(&im->seen, key, &row)) {
		imp_problem(im, def, shown, "repeats row %lld of this file", (long long)row);
		return -1;
	}
	strmap_put(&im->seen, key, (int64_t)im->row);
	return 0;
}

/* Remember (project id, period) for this row; a problem if an earlier row had
 * it. The same as once(), for the keys of the large files, in 12 bytes each. */
static int once_id(struct importer *im, int def, int64_t project_id, int32_t period,
		   const char *shown)
{
	uint64_t key = (uint64_t)project_id << 24 | ((uint64_t)(uint32_t)period & 0xffffff);
	uint32_t row;

	if (keyset_add(&im->seen_ids, key, (uint32_t)im->row, &row)) {
		imp_problem(im, def, shown, "repeats row %lld of this file", (long long)row);
		return -1;
	}
	return 0;
}

/* A required cell: blank is a problem. */
static int need(struct importer *im, int def)
{
	if (imp_cell(im, def))
		return 0;
	imp_problem(im, def, NULL, "required, but blank");
	return -1;
}

/* The project id of ref, from the database (cached); 0 when there is none. */
static int64_t project_id_of(struct importer *im, const char *ref)
{
	int64_t id = 0;

	if (strmap_get(&im->refs, ref, &id) || im->refs_all)
		return id;
	if (store_project_id(im->st, ref, &id) != BL_OK)
		id = 0;
	strmap_put(&im->refs, ref, id);
	return id;
}

/* ---- units ---- */

static int unit_kind_of(const char *s)
{
	char *t = xstrdup(s);
	char *e = t + strlen(t);
	int k, found = -1;

	while (e > t && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	for (k = 0; k < UNIT_KIND__MAX && found < 0; k++)
		if (!strcasecmp(t, unit_kind_keys[k]) || !strcmp(t, unit_kind_labels[k]))
			found = k;
	free(t);
	return found;
}

void imp_row_unit(struct importer *im)
{
	struct urow u;
	const char *kind = imp_cell(im, U_KIND);
	size_t before = im->nproblems;
	int k = -1;

	memset(&u, 0, sizeof(u));
	u.row = im->row;
	need(im, U_CODE);
	need(im, U_NAME);
	need(im, U_KIND);
	imp_text(im, U_CODE, CODE_MAX, &u.u.code);
	imp_text(im, U_NAME, TEXT_MAX, &u.u.name);
	imp_text(im, U_PARENT, CODE_MAX, &u.parent);
	if (kind) {
		k = unit_kind_of(kind);
		if (k < 0)
			imp_problem(im, U_KIND, kind, "not one of city 市, district 区, section 板块, "
				    "street 街道, department 部门");
	}
	if (u.u.code)
		once(im, U_CODE, u.u.code, u.u.code);
	if (im->nproblems > before) {
		free(u.u.code);
		free(u.u.name);
		free(u.parent);
		return;
	}
	u.u.kind = (enum unit_kind)k;
	XGROW(im->unitrows, im->alloc, im->n + 1);
	strmap_put(&im->unit_code, u.u.code, (int64_t)(im->n_units + im->n));
	im->unitrows[im->n++] = u;
}

/* The parent code of unit idx (of unit_code) as it will be after the import:
 * its row's when this file has the unit, else the stored one; NULL: a root. */
static const char *parent_after(const struct importer *im, int64_t idx)
{
	int64_t id;
	size_t i;

	if (idx >= (int64_t)im->n_units)
		return im->unitrows[idx - (int64_t)im->n_units].parent;
	id = im->units[idx].parent_id;
	for (i = 0; id && i < im->n_units; i++)
		if (im->units[i].id == id)
			return im->units[i].code;
	return NULL;
}

void imp_finish_units(struct importer *im)
{
	size_t i, bound = im->n + im->n_units;

	for (i = 0; i < im->n; i++) {
		struct urow *u = &im->unitrows[i];
		const char *p = u->parent;
		int64_t idx;
		size_t depth;

		im->row = u->row;
		if (!p)
			continue;
		if (!strmap_get(&im->unit_code, p, &idx) || idx < 0) {
			imp_problem(im, U_PARENT, p, "no unit has this code, in the database or "
				    "in this file");
			continue;
		}
		/* Follow the parents as they will be, through this file's rows and
		 * the stored units (a file may re-parent a stored unit under one of
		 * its own descendants): a loop never reaches a root. */
		for (depth = 0; depth <= bound && p; depth++) {
			if (!strmap_get(&im->unit_code, p, &idx) || idx < 0)
				break;
			p = parent_after(im, idx);
		}
		if (depth > bound)
			imp_problem(im, U_PARENT, u->parent, "the parents form a loop");
	}
}

/* ---- projects ---- */

struct field { int def; size_t off; };

static const struct field text_fields[] = {
	{ P_NAME, offsetof(struct project, name) },
	{ P_LEADER, offsetof(struct project, leader) },
	{ P_COMPANY, offsetof(struct project, company) },
	{ P_INDUSTRY, offsetof(struct project, industry) },
	{ P_COMMANDO, offsetof(struct project, commando) },
};
static const struct field code_fields[] = {
	{ P_CODE, offsetof(struct project, code) },
	{ P_USCC, offsetof(struct project, uscc) },
};
static const struct field day_fields[] = {
	{ P_PLANNED_START, offsetof(struct project, planned_start) },
	{ P_PLANNED_COMPLETION, offsetof(struct project, planned_completion) },
	{ P_PLANNED_PRODUCTION, offsetof(struct project, planned_production) },
	{ P_SIGNED_ON, offsetof(struct project, stage_on[STAGE_SIGNED]) },
	{ P_FILED_ON, offsetof(struct project, stage_on[STAGE_FILED]) },
	{ P_STARTED_ON, offsetof(struct project, stage_on[STAGE_STARTED]) },
	{ P_COMPLETED_ON, offsetof(struct project, stage_on[STAGE_COMPLETED]) },
	{ P_PRODUCTION_ON, offsetof(struct project, stage_on[STAGE_PRODUCTION]) },
	{ P_CAPACITY_ON, offsetof(struct project, stage_on[STAGE_CAPACITY]) },
	{ P_LAND_ON, offsetof(struct project, land_on) },
	{ P_PERMIT_ON, offsetof(struct project, permit_on) },
	{ P_LANDED_ON, offsetof(struct project, landed_on) },
};
static const struct field money_fields[] = {
	{ P_TOTAL_INVESTMENT, offsetof(struct project, total_investment) },
	{ P_CAPACITY, offsetof(struct project, capacity) },
};
static const struct field dec4_fields[] = {
	{ P_LAND_MU, offsetof(struct project, land_mu) },
	{ P_ENERGY_TCE, offsetof(struct project, energy_tce) },
};
#define NF(a) (sizeof(a) / sizeof((a)[0]))
#define AT(p, type, off) ((type *)((char *)(p) + (off)))

/* ui14: 经度 and 纬度 into p — a point needs both, so one without the other
 * (after the row: a stored one counts) is a problem of the blank one. */
static void coord_fields(struct importer *im, struct project *p)
{
	size_t before = im->nproblems;

	if (imp_present(im, P_LNG))
		imp_coord(im, P_LNG, 0, &p->lng);
	if (imp_present(im, P_LAT))
		imp_coord(im, P_LAT, 1, &p->lat);
	if (im->nproblems != before || (p->lng == COORD_NONE) == (p->lat == COORD_NONE))
		return;
	imp_problem(im, p->lng == COORD_NONE ? P_LNG : P_LAT, "",
		    "blank, but the other coordinate is given: a point needs both 经度 and 纬度");
}

/* The plain columns of a projects row into p; returns how many of its stage
 * date cells were bad (the stage order is judged only over good ones). */
static size_t project_plain_fields(struct importer *im, struct project *p)
{
	size_t i, day_problems;

	for (i = 0; i < NF(text_fields); i++) {
		char *v;

		if (!imp_present(im, text_fields[i].def) || imp_text(im, text_fields[i].def, TEXT_MAX, &v))
			continue;
		free(*AT(p, char *, text_fields[i].off));
		*AT(p, char *, text_fields[i].off) = v;
	}
	for (i = 0; i < NF(code_fields); i++) {
		char *v;

		if (!imp_present(im, code_fields[i].def) || imp_text(im, code_fields[i].def, CODE_MAX, &v))
			continue;
		free(*AT(p, char *, code_fields[i].off));
		*AT(p, char *, code_fields[i].off) = v;
	}
	day_problems = 0;
	for (i = 0; i < NF(day_fields); i++) {
		size_t off = day_fields[i].off, before = im->nproblems;

		if (imp_present(im, day_fields[i].def))
			imp_day(im, day_fields[i].def, AT(p, bl_day, off));
		if (off >= offsetof(struct project, stage_on) &&
		    off < offsetof(struct project, stage_on) + sizeof(p->stage_on))
			day_problems += im->nproblems - before;
	}
	for (i = 0; i < NF(money_fields); i++)
		if (imp_present(im, money_fields[i].def))
			imp_money(im, money_fields[i].def, AT(p, int64_t, money_fields[i].off));
	for (i = 0; i < NF(dec4_fields); i++)
		if (imp_present(im, dec4_fields[i].def))
			imp_dec4(im, dec4_fields[i].def, AT(p, int64_t, dec4_fields[i].off));
	coord_fields(im, p);
	return day_problems;
}

static int attracted_of(const char *s)
{
	static const char *const district[] = { "district", "区级", "区", "区本级" };
	static const char *const street[] = { "street", "街道", "板块", "街道/板块" };
	size_t i;

	for (i = 0; i < NF(district); i++)
		if (!strcasecmp(s, district[i]))
			return ATTRACTED_DISTRICT;
	for (i = 0; i < NF(street); i++)
		if (!strcasecmp(s, street[i]))
			return ATTRACTED_STREET;
	return -1;
}

static void project_special_fields(struct importer *im, struct project *p)
{
	const char *s;

	if (imp_present(im, P_SECTION) && !need(im, P_SECTION))
		imp_unit(im, P_SECTION, UNIT_KINDS_SECTION, &p->section_id);
	if (imp_present(im, P_DEPARTMENT))
		imp_unit(im, P_DEPARTMENT, UNIT_KINDS_DEPARTMENT, &p->department_id);
	if (imp_present(im, P_INDUSTRIAL))
		imp_bool(im, P_INDUSTRIAL, &p->industrial);
	if (imp_present(im, P_ATTRACTED_BY)) {
		char *t = NULL;

		s = imp_cell(im, P_ATTRACTED_BY);
		p->attracted_by = ATTRACTED_NONE;
		if (s && !imp_text(im, P_ATTRACTED_BY, CODE_MAX, &t)) {
			int a = attracted_of(t);

			if (a < 0)
				imp_problem(im, P_ATTRACTED_BY, t, "not 区级 (district) or 街道 (street)");
			else
				p->attracted_by = (enum attracted)a;
		}
		free(t);
	}
}

static int stage_def(int k)
{
	static const int defs[STAGE__MAX] = {
		P_SIGNED_ON, P_FILED_ON, P_STARTED_ON, P_COMPLETED_ON, P_PRODUCTION_ON, P_CAPACITY_ON,
	};
	return defs[k];
}

/* DOMAIN.md §3: dates never go backwards along the stages. */
static void project_check_order(struct importer *im, const struct project *p)
{
	char a[11], b[11];
	enum stage bad;
	int k;

	if (project_stages_ordered(p, &bad))
		return;
	for (k = bad + 1; k < STAGE__MAX; k++)
		if (p->stage_on[k] != DAY_NONE && p->stage_on[k] < p->stage_on[bad])
			break;
	imp_problem(im, stage_def(bad), day_format(p->stage_on[bad], a),
		    "later than the %s (%s) date %s: stage dates never go backwards",
		    im->cols[stage_def(k)].key, stage_labels[k], day_format(p->stage_on[k], b));
}

static void project_codes(struct importer *im, const struct project *p)
{
	const char *why;

	if (p->code && imp_present(im, P_CODE)) {
		why = project_code_problem(p->code);
		if (why)
			imp_warning(im, P_CODE, p->code, why);
	}
	if (p->uscc && imp_present(im, P_USCC)) {
		why = uscc_problem(p->uscc);
		if (why)
			imp_warning(im, P_USCC, p->uscc, why);
	}
}

/* The optional listing columns of a projects row. */
static void project_listing(struct importer *im, struct prow *r)
{
	struct listing old;
	int64_t sum = 0;
	int m;

	if (!imp_cell(im, P_YEAR)) {
		if (imp_cell(im, P_TIERS) || imp_cell(im, P_ANNUAL_PLAN))
			imp_problem(im, P_YEAR, NULL, "blank, but tiers or an annual plan are given");
		return;
	}
	memset(&r->l, 0, sizeof(r->l));
	imp_year(im, P_YEAR, &r->l.year);
	if (!need(im, P_TIERS))
		imp_tiers(im, P_TIERS, &r->l.tiers);
	imp_money(im, P_ANNUAL_PLAN, &r->l.annual_plan);
	r->has_listing = 1;
	if (!r->p.id || store_listing_get(im->st, r->p.id, r->l.year, &old))
		return;
	/* Keep a stored month-by-month plan that still adds up. */
	for (m = 0; m < 12; m++)
		amount_add(&sum, old.month_plan[m]);
	if (old.has_month_plan && sum == r->l.annual_plan) {
		r->l.has_month_plan = 1;
		memcpy(r->l.month_plan, old.month_plan, sizeof(old.month_plan));
	} else if (old.has_month_plan) {
		char yuan[32];

		snprintf(yuan, sizeof(yuan), "%lld", (long long)sum);
		imp_problem(im, P_ANNUAL_PLAN, imp_cell(im, P_ANNUAL_PLAN),
			    "differs from the stored month-by-month plan (%s yuan); import a "
			    "listings file to change both", yuan);
	}
}

void imp_row_project(struct importer *im)
{
	struct prow r;
	char *ref = NULL;
	size_t before = im->nproblems;

	memset(&r, 0, sizeof(r));
	r.row = im->row;
	project_init(&r.p);
	/* Every problem of the row at once: without a good ref the other
	 * columns are still checked, on a new project. */
	if (!need(im, P_REF) && !imp_text(im, P_REF, CODE_MAX, &ref) &&
	    !once(im, P_REF, ref, ref) && (store_batch_first_load(im->st) ||
					    store_project_by_ref(im->st, ref, &r.p) != BL_OK))
		project_init(&r.p); /* (a first load: no project is stored yet) */
	free(r.p.ref);
	r.p.ref = ref;
	need(im, P_NAME);
	if (!project_plain_fields(im, &r.p))
		project_check_order(im, &r.p);
	project_special_fields(im, &r.p);
	imp_project_leaders(im, &r);
	project_codes(im, &r.p);
	project_listing(im, &r);
	if (im->nproblems > before) {
		project_release(&r.p);
		return;
	}
	im->cur.project = r;
	im->have_row = 1;
}

/* ---- listings ---- */

void imp_row_listing(struct importer *im)
{
	struct lrow r;
	char *ref = NULL, key[96];
	size_t before = im->nproblems;
	int64_t sum = 0;
	int m, any = 0;

	memset(&r, 0, sizeof(r));
	r.row = im->row;
	need(im, L_REF);
	need(im, L_YEAR);
	need(im, L_TIERS);
	imp_text(im, L_REF, CODE_MAX, &ref);
	imp_year(im, L_YEAR, &r.l.year);
	imp_tiers(im, L_TIERS, &r.l.tiers);
	imp_money(im, L_ANNUAL_PLAN, &r.l.annual_plan);
	for (m = 0; m < 12; m++) {
		int64_t v;

		if (!imp_cell(im, L_M01 + m) || imp_money(im, L_M01 + m, &v))
			continue;
		r.l.month_plan[m] = v;
		amount_add(&sum, v); /* each ≤ AMOUNT_MAX: twelve cannot overflow */
		any = 1;
	}
	if (ref) {
		r.l.project_id = project_id_of(im, ref);
		if (!r.l.project_id) {
			imp_problem(im, L_REF, ref, "no project has this ref (import projects first)");
			snprintf(key, sizeof(key), "%s\x1f%d", ref, r.l.year);
			once(im, L_YEAR, key, imp_cell(im, L_YEAR));
		} else {
			once_id(im, L_YEAR, r.l.project_id, r.l.year, imp_cell(im, L_YEAR));
		}
	}
	if (any && im->nproblems == before) {
		r.l.has_month_plan = 1;
		if (r.l.annual_plan == AMOUNT_NONE)
			r.l.annual_plan = sum;
		else if (sum != r.l.annual_plan)
			imp_problem(im, L_ANNUAL_PLAN, imp_cell(im, L_ANNUAL_PLAN),
				    "the month-by-month plan adds up to %lld yuan, not the annual "
				    "plan (%lld yuan)", (long long)sum, (long long)r.l.annual_plan);
	}
	free(ref);
	if (im->nproblems > before)
		return;
	im->cur.listing = r;
	im->have_row = 1;
}

/* ---- reports ---- */

void imp_row_report(struct importer *im)
{
	struct rrow r;
	const char *month = imp_cell(im, R_MONTH);
	char *ref = NULL;
	size_t before = im->nproblems;
	int status = im->report_status;

	memset(&r, 0, sizeof(r));
	r.row = im->row;
	if (status < 0)
		imp_problem(im, R_REF, NULL, "the report workflow gives an import no single status");
	r.r.status = status < 0 ? REPORT_DRAFT : (enum report_status)status;
	need(im, R_REF);
	need(im, R_MONTH);
	imp_text(im, R_REF, CODE_MAX, &ref);
	if (month) {
		const char *why = parse_month(month, &r.r.month);

		if (why)
			imp_problem(im, R_MONTH, month, "%s", why);
	}
	imp_money(im, R_INVEST, &r.r.invest);
	imp_money(im, R_OUTPUT, &r.r.output);
	imp_text(im, R_PROGRESS, TEXT_MAX, &r.r.progress);
	imp_text(im, R_PROBLEMS, TEXT_MAX, &r.r.problems);
	if (ref) {
		r.r.project_id = project_id_of(im, ref);
		if (!r.r.project_id)
			imp_problem(im, R_REF, ref, "no project has this ref (import projects first)");
		if (im->nproblems == before)
			once_id(im, R_MONTH, r.r.project_id, r.r.month, month);
	}
	free(ref);
	if (im->nproblems > before) {
		report_release(&r.r);
		return;
	}
	im->cur.report = r;
	im->have_row = 1;
}

/* ---- targets ---- */

/* A target's or an indicator's value in col for measure m, in the units of
 * the measure's kind (a rate as rate_parse reads it, a whole count, or 万元),
 * in the range a target on it takes. */
static void cell_measure_value(struct importer *im, int col, enum measure_key m, int64_t *value,
			       const char *(*rate_parse)(const char *s, int64_t *out))
{
	const char *s = imp_cell(im, col);
	const char *why = NULL;

	if (!s)
		return;
	switch (measure_info[m].kind) {
	case MK_RATE:
		why = rate_parse(s, value);
		break;
	case MK_COUNT:
		why = parse_int(s, value);
		break;
	case MK_MONEY:
		why = parse_wanyuan(s, value);
		break;
	}
	if (!why)
		why = target_value_problem(m, *value);
	if (why)
		imp_problem(im, col, s, "%s", why);
}

void imp_row_target(struct importer *im)
{
	struct trow r;
	const char *measure = imp_cell(im, T_MEASURE);
	size_t before = im->nproblems;
	unsigned tiers = 0;
	int m = -1, t;

	memset(&r, 0, sizeof(r));
	r.row = im->row;
	need(im, T_YEAR);
	need(im, T_MEASURE);
	need(im, T_DUE);
	need(im, T_VALUE);
	imp_year(im, T_YEAR, &r.t.year);
	if (measure) {
		char *k = NULL;

		imp_text(im, T_MEASURE, CODE_MAX, &k);
		m = k ? measure_from_key(k) : -1;
		if (k && m < 0)
			imp_problem(im, T_MEASURE, k, "not a measure (keys as in 'ballast measures "
				    "--format json', e.g. start_rate, or a Chinese name such as 开工率)");
		free(k);
	}
	r.t.tier = TIER_ANY;
	if (!imp_tiers(im, T_TIER, &tiers) && tiers) {
		for (t = 0; t < TIER__MAX; t++)
			if (tiers == TIER_BIT(t))
				r.t.tier = t;
		if (r.t.tier == TIER_ANY)
			imp_problem(im, T_TIER, imp_cell(im, T_TIER), "a target has one tier, or "
				    "none for all");
	}
	imp_unit(im, T_SECTION, UNIT_KINDS_SCOPE, &r.t.section_id);
	imp_unit(im, T_DEPARTMENT, UNIT_KINDS_DEPARTMENT, &r.t.department_id);
	imp_bool(im, T_INDUSTRIAL, &r.t.industrial);
	imp_day(im, T_DUE, &r.t.due);
	if (r.t.year && r.t.due != DAY_NONE && day_year(r.t.due) != r.t.year)
		imp_problem(im, T_DUE, imp_cell(im, T_DUE), "not in the target's year %d",
			    r.t.year);
	if (m >= 0) {
		const char *field, *why;

		r.t.measure = (enum measure_key)m;
		cell_measure_value(im, T_VALUE, r.t.measure, &r.t.value, parse_rate);
		why = demolition_target_problem(&r.t, &field); /* h-demotarget */
		if (why) {
			int col = field[0] == 't' ? T_TIER : field[0] == 'd' ? T_DEPARTMENT
									 : T_INDUSTRIAL;

			imp_problem(im, col, imp_cell(im, col), "%s", why);
		}
	}
	if (im->nproblems > before)
		return;
	im->cur.target = r;
	im->have_row = 1;
}

/* ---- indicators (the statistics bureau's figures) ---- */

void imp_row_indicator(struct importer *im)
{
	struct irow r;
	const char *name = imp_cell(im, I_INDICATOR), *month = imp_cell(im, I_MONTH);
	size_t before = im->nproblems;
	char key[96];
	int m = -1;

	memset(&r, 0, sizeof(r));
	r.row = im->row;
	need(im, I_INDICATOR);
	need(im, I_MONTH);
	need(im, I_VALUE);
	if (name) {
		char *k = NULL;

		imp_text(im, I_INDICATOR, CODE_MAX, &k);
		m = k ? measure_from_key(k) : -1;
		if (k && (m < 0 || !measure_info[m].indicator)) {
			imp_problem(im, I_INDICATOR, k, "not an indicator (固定资产投资, 工业投资, "
				    "规上工业增加值增速, 新增产业基金数, 新增产业基金注册资本, or their "
				    "keys such as fixed_asset_investment_yuan)");
			m = -1;
		}
		free(k);
	}
	if (month) {
		const char *why = parse_month(month, &r.e.v.month);

		if (why)
			imp_problem(im, I_MONTH, month, "%s", why);
	}
	imp_unit(im, I_UNIT, UNIT_KINDS_SCOPE, &r.e.v.unit_id);
	imp_text(im, I_SOURCE, TEXT_MAX, &r.e.source);
	imp_text(im, I_NOTE, TEXT_MAX, &r.e.note);
	if (m >= 0) {
		r.e.v.measure = (enum measure_key)m;
		/* an indicator's growth rate is a percent: "6.5" is 6.5 % */
		cell_measure_value(im, I_VALUE, r.e.v.measure, &r.e.v.value, parse_percent);
	}
	if (im->nproblems == before) {
		snprintf(key, sizeof(key), "%d\x1f%lld\x1f%d", m, (long long)r.e.v.unit_id,
			 (int)r.e.v.month);
		once(im, I_MONTH, key, month);
	}
	if (im->nproblems > before) {
		indicator_entry_release(&r.e);
		return;
	}
	im->cur.indicator = r;
	im->have_row = 1;
}

void imp_release_row(struct importer *im)
{
	if (!im->have_row)
		return;
	im->have_row = 0;
	switch (im->kind) {
	case FILE_PROJECTS:
		project_release(&im->cur.project.p);
		break;
	case FILE_REPORTS:
		report_release(&im->cur.report.r);
		break;
	case FILE_INDICATORS:
		indicator_entry_release(&im->cur.indicator.e);
		break;
	case FILE_ITEMS:
		imp_item_release(im);
		break;
	case FILE_SUPPLIES:
		supply_release(&im->cur.supply.s);
		break;
	case FILE_DEMOLITION:
		demolition_task_release(&im->cur.demolition.t);
		break;
	case FILE_APPLICATIONS:
		imp_application_release(im);
		break;
	case FILE_CALENDAR:
		imp_calendar_release(im);
		break;
	case FILE_LEADS:
		imp_lead_release(im);
		break;
	case FILE_FUNDS:
		fund_release(&im->cur.fund.f);
		break;
	default:
		break; /* listings and targets own no memory */
	}
}

int imp_once(struct importer *im, int def, const char *key, const char *shown)
{
	return once(im, def, key, shown);
}

int imp_need(struct importer *im, int def)
{
	return need(im, def);
}

int64_t imp_project_id(struct importer *im, const char *ref)
{
	return project_id_of(im, ref);
}
