/* progress.c — one project against its year's plan (progress.h). */
#include "core/progress.h"

int64_t listing_annual_plan(const struct listing *l)
{
	int64_t sum = 0;
	int m;

	if (l->annual_plan != AMOUNT_NONE || !l->has_month_plan)
		return l->annual_plan;
	for (m = 0; m < 12; m++)
		amount_add(&sum, l->month_plan[m]);
	return sum;
}

/* The latest month up to through with a counted report: year y's months
 * first, then the year before's (year_reports' bits). */
static bl_month last_counted(const struct year_reports *r, int y, bl_month through)
{
	int m;

	for (m = 12; m >= 1; m--)
		if (month_from_ym(y, m) <= through && ((r->reported >> (m - 1)) & 1u))
			return month_from_ym(y, m);
	for (m = 12; m >= 1; m--)
		if (month_from_ym(y - 1, m) <= through && ((r->reported >> (12 + m - 1)) & 1u))
			return month_from_ym(y - 1, m);
	return MONTH_NONE;
}

void project_progress(const struct dataset *ds, size_t i, bl_day asof,
		      struct project_progress *out)
{
	const struct listing *l = &ds->listings[i];
	const struct year_reports *r = &ds->reports[i];
	int n = pace_months(ds->year, asof), k;
	int64_t annual = listing_annual_plan(l);

	out->invest_to_date = 0;
	for (k = 0; k < n; k++)
		amount_add(&out->invest_to_date, r->invest[k]);
	out->annual_plan = annual;
	out->completion.num = out->invest_to_date;
	out->completion.den = annual != AMOUNT_NONE && annual > 0 ? annual : 0;
	out->pace.num = 0;
	out->pace.den = 0;
	if (out->completion.den && l->has_month_plan) {
		out->pace.num = listing_plan_through(l, n);
		out->pace.den = annual;
	} else if (out->completion.den) {
		/* DOMAIN.md §6: without a monthly plan the pace is months elapsed / 12 */
		out->pace.num = n;
		out->pace.den = 12;
	}
	out->gap_tenths = ratio_points_diff(out->completion, out->pace);
	out->last_report = last_counted(r, ds->year, day_month(asof));
}
