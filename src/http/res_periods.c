/* res_periods.c — /api/v1/periods: which years hold listed projects, the
 * latest month anyone reported (submitted or verified), and the year, as-of day and reporting month a
 * screen should open on. The web UI asks once after login, so the dashboard of
 * a district whose data stops in June opens on June, not on an empty today. */
#include <stdlib.h>
#include <string.h>

#include "http/params.h"
#include "http/routes.h"

#define YEARS_MAX 64

struct periods {
	int years[YEARS_MAX];
	size_t n_years;
	bl_month latest;        /* the latest month with a report, or MONTH_NONE */
	bl_month latest_in[YEARS_MAX]; /* per year */
};

static size_t year_slot(struct periods *pd, int year)
{
	size_t i;

	for (i = 0; i < pd->n_years; i++)
		if (pd->years[i] == year)
			return i;
	if (pd->n_years == YEARS_MAX)
		return YEARS_MAX;
	pd->years[pd->n_years] = year;
	pd->latest_in[pd->n_years] = MONTH_NONE;
	return pd->n_years++;
}

static int on_listing(void *ctx, const char *ref, const struct listing *l)
{
	(void)ref;
	year_slot(ctx, l->year);
	return 0;
}

static int on_report(void *ctx, const char *ref, const struct report *r)
{
	struct periods *pd = ctx;
	size_t k = year_slot(pd, month_year(r->month));

	(void)ref;
	/* DOMAIN.md §3: a draft or returned report is not reported. */
	if (r->status != REPORT_SUBMITTED && r->status != REPORT_VERIFIED)
		return 0;
	if (pd->latest == MONTH_NONE || r->month > pd->latest)
		pd->latest = r->month;
	if (k < YEARS_MAX && (pd->latest_in[k] == MONTH_NONE || r->month > pd->latest_in[k]))
		pd->latest_in[k] = r->month;
	return 0;
}

static int has_year(const struct periods *pd, int year)
{
	size_t i;

	for (i = 0; i < pd->n_years; i++)
		if (pd->years[i] == year)
			return 1;
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static json_t *month_json(bl_month m)
{
	char tmp[8];

	return m == MONTH_NONE ? json_null() : json_string(month_format(m, tmp));
}

void h_periods(struct http_req *rq, struct http_resp *rs)
{
	struct periods pd;
	bl_day today = scope_today(), asof;
	bl_month report_month, last_in_year = MONTH_NONE;
	json_t *years;
	char d1[11], d2[11];
	int year;
	size_t i;

	memset(&pd, 0, sizeof(pd));
	pd.latest = MONTH_NONE;
	if (store_listings_each(rq->st, 0, on_listing, &pd) ||
	    store_reports_each(rq->st, on_report, &pd)) {
		resp_store_error(rs, rq->st, BL_EDB);
		return;
	}
	/* Open on this year when it has projects, else on the latest that has. */
	year = day_year(today);
	if (pd.n_years && !has_year(&pd, year)) {
		year = pd.years[0];
		for (i = 1; i < pd.n_years; i++)
			if (pd.years[i] > year)
				year = pd.years[i];
	}
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
	qsort(pd.years, pd.n_years, sizeof(pd.years[0]), cmp_int);
	years = json_array();
	for (i = 0; i < pd.n_years; i++)
		json_array_append_new(years, json_integer(pd.years[i]));
	resp_json(rs, 200, json_pack("{s:s, s:o, s:o, s:{s:i, s:s, s:o}}", "today",
				     day_format(today, d1), "years", years, "latest_month",
				     month_json(pd.latest), "default", "year", year, "asof",
				     day_format(asof, d2), "month", month_json(report_month)));
}
