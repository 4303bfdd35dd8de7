/* json_rows.c — projects as JSON text (json_rows.h): the one writer of a
 * project's members and their order; json_out.c reads this text back where a
 * jansson value is wanted. The listing follows json_out.c's api_listing_json;
 * tests/integration/test_snapshot.py compares a list's rows with the same
 * projects read one by one. */
#include "http/json_rows.h"

#include "core/codes.h"
#include "core/progress.h"
#include "core/scope.h"
#include "io/json_measures.h"
#include "io/parse.h"

/* ,"key": */
static void key(struct buf *b, const char *k)
{
	buf_addch(b, ',');
	buf_add_json_str(b, k);
	buf_addch(b, ':');
}

static void str_or_null(struct buf *b, const char *s)
{
	if (s)
		buf_add_json_str(b, s);
	else
		buf_adds(b, "null");
}

static void amount(struct buf *b, int64_t v)
{
	if (v == AMOUNT_NONE)
		buf_adds(b, "null");
	else
		buf_add_int(b, v);
}

static void coord(struct buf *b, int64_t v)
{
	if (v == COORD_NONE) {
		buf_adds(b, "null");
		return;
	}
	buf_addch(b, '"');
	format_decimal(b, v, 6);
	buf_addch(b, '"');
}

static void dec4(struct buf *b, int64_t v)
{
	if (v == AMOUNT_NONE) {
		buf_adds(b, "null");
		return;
	}
	buf_addch(b, '"');
	format_decimal(b, v, 4);
	buf_addch(b, '"');
}

static void day(struct buf *b, bl_day d)
{
	char tmp[11];

	if (d == DAY_NONE) {
		buf_adds(b, "null");
		return;
	}
	buf_addch(b, '"');
	buf_adds(b, day_format(d, tmp));
	buf_addch(b, '"');
}

static void unit_ref(struct buf *b, const struct dataset *ds, int64_t id)
{
	const struct unit *u = id ? dataset_unit(ds, id) : NULL;

	if (!u) {
		buf_adds(b, "null");
		return;
	}
	buf_adds(b, "{\"code\":");
	buf_add_json_str(b, u->code);
	buf_adds(b, ",\"name\":");
	buf_add_json_str(b, u->name);
	buf_addch(b, '}');
}

static void fields(struct buf *b, const struct dataset *ds, const struct project *p)
{
	char name[24];
	int k;

	buf_adds(b, "{\"ref\":");
	buf_add_json_str(b, p->ref);
	key(b, "name"); buf_add_json_str(b, p->name);
	key(b, "section"); unit_ref(b, ds, p->section_id);
	key(b, "department"); unit_ref(b, ds, p->department_id);
	key(b, "leader"); str_or_null(b, p->leader);
	key(b, "code"); str_or_null(b, p->code);
	key(b, "company"); str_or_null(b, p->company);
	key(b, "uscc"); str_or_null(b, p->uscc);
	/* core/codes.c's check (a warning: the project is saved all the same) */
	key(b, "uscc_problem"); str_or_null(b, p->uscc ? uscc_problem(p->uscc) : NULL);
	key(b, "industrial"); buf_adds(b, p->industrial ? "true" : "false");
	key(b, "industry"); str_or_null(b, p->industry);
	key(b, "attracted_by");
	str_or_null(b, p->attracted_by == ATTRACTED_NONE ? NULL : attracted_keys[p->attracted_by]);
	key(b, "commando"); str_or_null(b, p->commando);
	key(b, "total_investment_yuan"); amount(b, p->total_investment);
	key(b, "capacity_yuan"); amount(b, p->capacity);
	key(b, "land_mu"); dec4(b, p->land_mu);
	key(b, "energy_tce"); dec4(b, p->energy_tce);
	key(b, "planned_start"); day(b, p->planned_start);
	key(b, "planned_completion"); day(b, p->planned_completion);
	key(b, "planned_production"); day(b, p->planned_production);
	for (k = 0; k < STAGE__MAX; k++) {
		snprintf(name, sizeof(name), "%s_on", stage_keys[k]);
		key(b, name);
		day(b, p->stage_on[k]);
	}
	key(b, "land_on"); day(b, p->land_on);
	key(b, "permit_on"); day(b, p->permit_on);
	key(b, "lng"); coord(b, p->lng);
	key(b, "lat"); coord(b, p->lat);
	key(b, "landed_on"); day(b, p->landed_on);
	key(b, "version"); buf_add_int(b, p->version);
}

static void listing(struct buf *b, const struct listing *l)
{
	int t, m, n = 0;

	buf_adds(b, "{\"year\":");
	buf_add_int(b, l->year);
	key(b, "tiers");
	buf_addch(b, '[');
	for (t = 0; t < TIER__MAX; t++) {
		if (!(l->tiers & TIER_BIT(t)))
			continue;
		if (n++)
			buf_addch(b, ',');
		buf_add_json_str(b, tier_keys[t]);
	}
	buf_addch(b, ']');
	key(b, "annual_plan_yuan"); amount(b, l->annual_plan);
	key(b, "month_plan_yuan");
	if (!l->has_month_plan) {
		buf_adds(b, "null");
	} else {
		for (m = 0; m < 12; m++) {
			buf_addch(b, m ? ',' : '[');
			buf_add_int(b, l->month_plan[m]);
		}
		buf_addch(b, ']');
	}
	key(b, "version"); buf_add_int(b, l->version);
	buf_addch(b, '}');
}

void api_project_fields_text(struct buf *b, const struct dataset *ds, const struct project *p,
			     int stages, bl_day asof)
{
	int k;

	fields(b, ds, p);
	if (!stages)
		return;
	key(b, "reached");
	for (k = 0; k < STAGE__MAX; k++) {
		buf_addch(b, k ? ',' : '{');
		buf_add_json_str(b, stage_keys[k]);
		buf_addch(b, ':');
		day(b, project_reached(p, (enum stage)k));
	}
	buf_addch(b, '}');
	key(b, "stage"); buf_add_json_str(b, stage_at_keys[project_stage_at(p, asof)]);
}

/* Where the project stands against its plan: where the project stands against its plan. */
static void progress(struct buf *b, const struct dataset *ds, size_t i, bl_day asof)
{
	struct project_progress pp;
	char mon[8];

	project_progress(ds, i, asof, &pp);
	key(b, "invest_to_date_yuan"); buf_add_int(b, pp.invest_to_date);
	key(b, "completion"); json_ratio_text(b, pp.completion);
	key(b, "pace"); json_ratio_text(b, pp.pace);
	key(b, "pace_gap_points");
	if (pp.gap_tenths == AMOUNT_NONE)
		buf_adds(b, "null");
	else
		json_real_text(b, pp.gap_tenths, 1);
	key(b, "last_report_month");
	if (pp.last_report == MONTH_NONE) {
		buf_adds(b, "null");
	} else {
		buf_addch(b, '"');
		buf_adds(b, month_format(pp.last_report, mon));
		buf_addch(b, '"');
	}
}

void api_project_text(struct buf *b, const struct dataset *ds, size_t i, enum light light,
		      int editable, bl_day asof)
{
	api_project_fields_text(b, ds, &ds->projects[i], 1, asof);
	key(b, "listing"); listing(b, &ds->listings[i]);
	key(b, "light"); buf_add_json_str(b, light_keys[light]);
	progress(b, ds, i, asof);
	key(b, "editable"); buf_adds(b, editable ? "true" : "false");
	buf_addch(b, '}');
}
