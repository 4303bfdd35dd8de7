/* res_periods.c — /api/v1/periods: which years hold listed projects or
 * reports, the latest month anyone reported (submitted or verified), and the
 * year, as-of day and reporting month a screen should open on (from the
 * snapshot, snapshot_periods). The web UI asks once after login, so the dashboard of
 * a district whose data stops in June opens on June, not on an empty today. */
#include "http/params.h"
#include "http/routes.h"

static json_t *month_json(bl_month m)
{
	char tmp[8];

	return m == MONTH_NONE ? json_null() : json_string(month_format(m, tmp));
}

void h_periods(struct http_req *rq, struct http_resp *rs)
{
	struct snapshot_periods pd;
	bl_day today = scope_today(), asof;
	bl_month report_month, last_in_year = MONTH_NONE;
	json_t *years;
	char d1[11], d2[11];
	int year;
	size_t i;

	snapshot_periods(http_snapshot(rq), &pd);
	/* Open on this year when it has projects, else on the latest that has
	 * (the years come ascending). */
	year = day_year(today);
	for (i = 0; i < pd.n_years && pd.years[i] != year; i++)
		;
	if (pd.n_years && i == pd.n_years)
		year = pd.years[pd.n_years - 1];
	for (i = 0; i < pd.n_years; i++)
		if (pd.years[i] == year)
			last_in_year = pd.latest_in[i];
	/* As of the end of the latest reported month; today when that is sooner. */
	if (last_in_year != MONTH_NONE)
		asof = month_last_day(last_in_year);
	else
		asof = year == day_year(today) ? today : day_from_ymd(year, 12, 31);
	if (asof > today)
		asof = today;
	/* Reports are due for last month; a past year reports up to its last month. */
	report_month = last_in_year != MONTH_NONE ? last_in_year : day_month(asof);
	if (year == day_year(today) && day_month(today) - 1 > report_month &&
	    month_year(day_month(today) - 1) == year)
		report_month = day_month(today) - 1;
	years = json_array();
	for (i = 0; i < pd.n_years; i++)
		json_array_append_new(years, json_integer(pd.years[i]));
	resp_json(rs, 200, json_pack("{s:s, s:o, s:o, s:{s:i, s:s, s:o}}", "today",
				     day_format(today, d1), "years", years, "latest_month",
				     month_json(pd.latest), "default", "year", year, "asof",
				     day_format(asof, d2), "month", month_json(report_month)));
}
