/* model.c — names of the domain's enums, and the small rules every layer shares
 * (the bound of amounts, stage reached, stage order, the dataset's unit index). */
#include "core/model.h"
#include "core/demolition.h"
#include "core/funds_view.h"
#include "core/guarantees.h"
#include "core/items.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

const char *const unit_kind_keys[UNIT_KIND__MAX] = {
	"city", "district", "section", "street", "department",
};
const char *const unit_kind_labels[UNIT_KIND__MAX] = {
	"市", "区", "板块", "街道", "部门",
};
const char *const tier_keys[TIER__MAX] = { "province", "city", "district" };
const char *const tier_labels[TIER__MAX] = { "省", "市", "区" };
const char *const tier_names[TIER__MAX] = { "省重大项目", "市重大项目", "区重大项目" };
const char *const stage_keys[STAGE__MAX] = {
	"signed", "filed", "started", "completed", "production", "capacity",
};
const char *const stage_labels[STAGE__MAX] = {
	"签约", "备案", "开工", "竣工", "投产", "达产",
};
const char *const attracted_keys[ATTRACTED__MAX] = { "", "district", "street" };
const char *const attracted_labels[ATTRACTED__MAX] = { "", "区级", "街道" };
const char *const report_status_keys[REPORT_STATUS__MAX] = {
	"draft", "submitted", "verified", "returned",
};

int report_status_counts(const char *s, int with_drafts)
{
	if (!s)
		return 0;
	if (!strcmp(s, report_status_keys[REPORT_SUBMITTED]) ||
	    !strcmp(s, report_status_keys[REPORT_VERIFIED]))
		return 1;
	return with_drafts && !strcmp(s, report_status_keys[REPORT_DRAFT]);
}

const struct measure_info measure_info[MEASURE__MAX] = {
	[M_FILING_RATE] = { "filing_rate", "签约项目备案率", "filing rate", MK_RATE, 0, MC_SHARE },
	[M_START_RATE_OF_FILED] = { "start_rate_of_filed", "备案项目开工率",
				    "start rate of filed projects", MK_RATE, 0, MC_SHARE },
	[M_INVESTMENT_COMPLETION] = { "investment_completion", "开工项目投资完成率",
				      "investment completion", MK_RATE, 0, MC_SHARE },
	[M_PRODUCTION_RATE] = { "production_rate", "竣工项目投产率", "production rate",
				MK_RATE, 0, MC_SHARE },
	[M_CAPACITY_RATE] = { "capacity_rate", "项目最终产能达效率", "capacity rate",
			      MK_RATE, 0, MC_SHARE },
	[M_START_RATE] = { "start_rate", "开工率", "start rate", MK_RATE, 0, MC_SHARE },
	[M_DUE_START_ATTAINMENT] = { "due_start_attainment", "应开尽开率",
				     "due-start attainment", MK_RATE, 0, MC_SHARE },
	[M_NEW_STARTS] = { "new_starts", "新开工数", "new starts", MK_COUNT, 0,
			   MC_CUMULATIVE },
	[M_COMPLETIONS] = { "completions", "竣工数", "completions", MK_COUNT, 0,
			    MC_CUMULATIVE },
	[M_INVESTMENT] = { "investment_yuan", "完成投资", "investment", MK_MONEY, 0,
			   MC_CUMULATIVE },
	[M_ANNUAL_PLAN] = { "annual_plan_yuan", "年度计划投资", "annual planned investment",
			    MK_MONEY, 0, MC_LEVEL },
	[M_FIXED_ASSET_INVESTMENT] = { "fixed_asset_investment_yuan", "固定资产投资",
				       "fixed-asset investment", MK_MONEY, 1, MC_CUMULATIVE },
	[M_INDUSTRIAL_INVESTMENT] = { "industrial_investment_yuan", "工业投资",
				      "industrial investment", MK_MONEY, 1, MC_CUMULATIVE },
	[M_INDUSTRIAL_VALUE_ADDED_GROWTH] = { "industrial_value_added_growth",
					      "规上工业增加值增速",
					      "industrial value-added growth", MK_RATE, 1,
					      MC_LEVEL },
	[M_INDUSTRIAL_FUNDS] = { "industrial_funds", "新增产业基金数",
				 "new industrial funds", MK_COUNT, 1, MC_CUMULATIVE },
	[M_INDUSTRIAL_FUNDS_CAPITAL] = { "industrial_funds_capital_yuan",
					 "新增产业基金注册资本",
					 "new industrial funds' registered capital", MK_MONEY, 1,
					 MC_CUMULATIVE },
	/* h-demotarget: demolition task books, summed over a section subtree */
	[M_DEMOLITION_AREA] = { "demolition_area_m2", "征拆面积", "demolition area (m²)",
				MK_COUNT, 0, MC_CUMULATIVE },
	[M_DEMOLITION_HOUSEHOLDS] = { "demolition_households", "征拆户数",
				      "demolition households", MK_COUNT, 0, MC_CUMULATIVE },
};

const char *amount_problem(int64_t v)
{
	if (v < 0)
		return "must not be negative";
	if (v > AMOUNT_MAX)
		return "out of range: more than 10^15 yuan (100000000000 万元)";
	return NULL;
}

int measure_from_key(const char *s)
{
	int i;

	for (i = 0; i < MEASURE__MAX; i++)
		if (!strcmp(s, measure_info[i].key) || !strcmp(s, measure_info[i].label_zh))
			return i;
	return -1;
}

void project_init(struct project *p)
{
	int k;

	memset(p, 0, sizeof(*p));
	p->total_investment = AMOUNT_NONE;
	p->capacity = AMOUNT_NONE;
	p->land_mu = AMOUNT_NONE;
	p->energy_tce = AMOUNT_NONE;
	p->planned_start = p->planned_completion = p->planned_production = DAY_NONE;
	for (k = 0; k < STAGE__MAX; k++)
		p->stage_on[k] = DAY_NONE;
	p->land_on = p->permit_on = DAY_NONE;
	p->lng = p->lat = COORD_NONE;
	p->landed_on = DAY_NONE;
}

void project_release(struct project *p)
{
	free(p->ref);
	free(p->name);
	free(p->code);
	free(p->company);
	free(p->uscc);
	free(p->leader);
	free(p->industry);
	free(p->commando);
	project_init(p);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void project_copy(struct project *dst, const struct project *src)
{
	*dst = *src;
	dst->ref = dup_or_null(src->ref);
	dst->name = dup_or_null(src->name);
	dst->code = dup_or_null(src->code);
	dst->company = dup_or_null(src->company);
	dst->uscc = dup_or_null(src->uscc);
	dst->leader = dup_or_null(src->leader);
	dst->industry = dup_or_null(src->industry);
	dst->commando = dup_or_null(src->commando);
}

bl_day project_reached(const struct project *p, enum stage k)
{
	bl_day best = DAY_NONE;
	int i;

	for (i = k; i < STAGE__MAX; i++)
		if (p->stage_on[i] < best)
			best = p->stage_on[i];
	return best;
}

int project_stages_ordered(const struct project *p, enum stage *bad)
{
	bl_day latest = DAY_NONE;
	int i;

	/* Walk from the last stage back: each recorded date must not be later
	 * than the earliest recorded date of the stages after it. */
	for (i = STAGE__MAX - 1; i >= 0; i--) {
		if (p->stage_on[i] == DAY_NONE)
			continue;
		if (latest != DAY_NONE && p->stage_on[i] > latest) {
			if (bad)
				*bad = (enum stage)i;
			return 0;
		}
		latest = p->stage_on[i]; /* not later than latest, just checked */
	}
	return 1;
}

const char *report_incomplete(const struct report *r)
{
	return r->invest == AMOUNT_NONE ? "invest" : NULL;
}

void report_release(struct report *r)
{
	free(r->progress);
	free(r->problems);
	r->progress = r->problems = NULL;
}

static int cmp_unit_ptr(const void *a, const void *b)
{
	const struct unit *x = *(const struct unit *const *)a;
	const struct unit *y = *(const struct unit *const *)b;

	return (x->id > y->id) - (x->id < y->id);
}

void dataset_index(struct dataset *ds)
{
	size_t i;

	free(ds->unit_by_id);
	ds->unit_by_id = xcalloc(ds->n_units ? ds->n_units : 1, sizeof(*ds->unit_by_id));
	for (i = 0; i < ds->n_units; i++)
		ds->unit_by_id[i] = &ds->units[i];
	qsort(ds->unit_by_id, ds->n_units, sizeof(*ds->unit_by_id), cmp_unit_ptr);
	free(ds->unit_at);
	ds->unit_at = NULL;
	ds->n_unit_at = 0;
	if (ds->n_units && ds->unit_by_id[0]->id >= 0 &&
	    ds->unit_by_id[ds->n_units - 1]->id < (int64_t)(4 * ds->n_units + 64)) {
		ds->n_unit_at = (size_t)ds->unit_by_id[ds->n_units - 1]->id + 1;
		ds->unit_at = xcalloc(ds->n_unit_at, sizeof(*ds->unit_at));
		for (i = 0; i < ds->n_units; i++)
			ds->unit_at[ds->unit_by_id[i]->id] = ds->unit_by_id[i];
	}
}

const struct unit *dataset_unit(const struct dataset *ds, int64_t id)
{
	const struct unit key = { .id = id }, *kp = &key;
	struct unit *const *hit;

	if (ds->unit_at)
		return id >= 0 && (uint64_t)id < ds->n_unit_at ? ds->unit_at[id] : NULL;
	if (!ds->n_units)
		return NULL; /* (unit_by_id may be NULL: never indexed) */
	hit = bsearch(&kp, ds->unit_by_id, ds->n_units, sizeof(*ds->unit_by_id), cmp_unit_ptr);
	return hit ? *hit : NULL;
}

int dataset_in_subtree(const struct dataset *ds, int64_t id, int64_t root)
{
	int depth;

	/* The depth bound guards against a cycle in bad data. */
	for (depth = 0; id && depth < 64; depth++) {
		const struct unit *u;

		if (id == root)
			return 1;
		u = dataset_unit(ds, id);
		if (!u)
			return 0;
		id = u->parent_id;
	}
	return 0;
}

const char *dataset_unit_code(const struct dataset *ds, int64_t id, const char *none)
{
	const struct unit *u = id ? dataset_unit(ds, id) : NULL;

	return u && u->code ? u->code : none;
}

const char *dataset_unit_name(const struct dataset *ds, int64_t id, const char *none)
{
	const struct unit *u = id ? dataset_unit(ds, id) : NULL;

	return u && u->name ? u->name : none;
}

const struct unit *dataset_find_unit(const struct dataset *ds, const char *code)
{
	const struct unit *by_name = NULL;
	size_t i, names = 0;

	for (i = 0; i < ds->n_units; i++) {
		if (ds->units[i].code && !strcmp(ds->units[i].code, code))
			return &ds->units[i];
		if (ds->units[i].name && !strcmp(ds->units[i].name, code)) {
			by_name = &ds->units[i];
			names++;
		}
	}
	return names == 1 ? by_name : NULL;
}

void indicator_entry_release(struct indicator_entry *e)
{
	free(e->source);
	free(e->note);
	e->source = e->note = NULL;
}

void dataset_release(struct dataset *ds)
{
	size_t i;

	if (ds->borrowed) {
		memset(ds, 0, sizeof(*ds));
		return;
	}
	for (i = 0; i < ds->n_units; i++) {
		free(ds->units[i].code);
		free(ds->units[i].name);
	}
	for (i = 0; i < ds->n_projects; i++)
		project_release(&ds->projects[i]);
	free(ds->units);
	free(ds->projects);
	free(ds->listings);
	free(ds->reports);
	free(ds->targets);
	free(ds->indicators);
	for (i = 0; i < ds->n_items; i++)
		item_track_release(&ds->items[i]);
	free(ds->items);
	if (ds->own_funds) {
		fund_book_release(ds->own_funds);
		free(ds->own_funds);
	}
	if (ds->own_demolition) {
		demolition_book_release(ds->own_demolition);
		free(ds->own_demolition);
	}
	free(ds->own_signings);
	for (i = 0; i < ds->n_own_supplies; i++)
		supply_release(&ds->own_supplies[i]);
	free(ds->own_supplies);
	free(ds->unit_by_id);
	free(ds->unit_at);
	memset(ds, 0, sizeof(*ds));
}

const char *coord_problem(int64_t v, int lat)
{
	int64_t max = lat ? INT64_C(90000000) : INT64_C(180000000);

	if (v < -max || v > max)
		return lat ? "out of range: a latitude is from -90 to 90"
			   : "out of range: a longitude is from -180 to 180";
	return NULL;
}
