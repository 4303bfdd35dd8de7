/* progress.h — where one listed project stands against its year's plan as of
 * a day: investment to date (累计完成), completion of the annual plan (完成率),
 * the gap to the time-elapsed pace in percentage points (超/低于序时), and the
 * last month it reported. The project list shows and sorts by these; the UI
 * never computes them. */
#ifndef BL_PROGRESS_H
#define BL_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/figures.h"
#include "core/model.h"

struct project_progress {
	int64_t invest_to_date; /* Σ invest of months 1 … month(asof) of the year (yuan) */
	int64_t annual_plan;    /* the year's plan (yuan); AMOUNT_NONE without one */
	struct ratio completion; /* invest_to_date / annual plan; den 0 (undefined)
	                          * without a plan above 0 */
	struct ratio pace;      /* plan to date / annual plan (序时进度): the
	                         * month-by-month plan when given, else months
	                         * elapsed / 12; den 0 without a plan */
	int64_t gap_tenths;     /* completion − pace in tenths of percentage points,
	                         * rounded half away from zero; AMOUNT_NONE when
	                         * either is undefined */
	bl_month last_report;   /* the latest month up to month(asof), in the year
	                         * or the one before, with a report that counts
	                         * (DOMAIN.md §3); MONTH_NONE when none */
};

/* The annual plan a listing states, else the sum of its month-by-month plan
 * when only that is given; AMOUNT_NONE when it has neither. */
int64_t listing_annual_plan(const struct listing *l);

/* Project i of ds (listed in ds->year) as of asof into *out. Counts only the
 * reports that count (ds->reports: submitted and verified, DOMAIN.md §3).
 * Never fails. */
void project_progress(const struct dataset *ds, size_t i, bl_day asof,
		      struct project_progress *out);

#endif
