/* fund_registry.c — the industrial fund registry (产业基金, DOMAIN.md §7) as the
 * indicator series the targets industrial_funds and
 * industrial_funds_capital_yuan read (core/targets.c): once a year has funds
 * in the registry, the registry is that year's source. */
#include <stdlib.h>

#include "core/sharing.h"
#include "util/xalloc.h"

static int is_fund_indicator(enum measure_key m)
{
	return m == M_INDUSTRIAL_FUNDS || m == M_INDUSTRIAL_FUNDS_CAPITAL;
}

/* 1 when some fund of f is registered in year. */
static int year_has_funds(const struct fund_value *f, size_t n, int year)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (day_year(f[i].registered_on) == year)
			return 1;
	return 0;
}

static void push(struct indicator_value **v, size_t *nv, size_t *alloc,
		 enum measure_key m, int64_t unit, bl_month mo, int64_t value)
{
	struct indicator_value *x;

	XGROW(*v, *alloc, *nv + 1);
	x = &(*v)[(*nv)++];
	x->measure = m;
	x->unit_id = unit;
	x->month = mo;
	x->value = value;
}

/* The twelve months of year for unit (0: every fund). */
static void add_year(const struct fund_value *f, size_t n, int year, int64_t unit,
		     struct indicator_value **v, size_t *nv, size_t *alloc)
{
	int m;

	for (m = 1; m <= 12; m++) {
		bl_month mo = month_from_ym(year, m);
		bl_day end = month_last_day(mo);
		int64_t count = 0, capital = 0;
		size_t i;

		for (i = 0; i < n; i++) {
			if (day_year(f[i].registered_on) != year || f[i].registered_on > end ||
			    (unit && f[i].brought_by != unit))
				continue;
			count++;
			amount_add(&capital, f[i].capital);
		}
		push(v, nv, alloc, M_INDUSTRIAL_FUNDS, unit, mo, count);
		push(v, nv, alloc, M_INDUSTRIAL_FUNDS_CAPITAL, unit, mo, capital);
	}
}

void funds_as_indicators(const struct fund_value *f, size_t n, struct indicator_value **v,
			 size_t *nv, size_t *alloc)
{
	size_t i, j, k = 0;

	if (!n)
		return;
	if (*alloc < *nv)
		*alloc = *nv;
	for (i = 0; i < *nv; i++) { /* drop the entered values the registry replaces */
		const struct indicator_value *x = &(*v)[i];

		if (is_fund_indicator(x->measure) && x->month != MONTH_NONE &&
		    year_has_funds(f, n, month_year(x->month)))
			continue;
		(*v)[k++] = *x;
	}
	*nv = k;
	for (i = 0; i < n; i++) {
		int year = day_year(f[i].registered_on), seen = 0;

		for (j = 0; j < i && !seen; j++) /* each year once */
			seen = day_year(f[j].registered_on) == year;
		if (seen)
			continue;
		add_year(f, n, year, 0, v, nv, alloc);
		for (j = 0; j < n; j++) { /* each unit that brought a fund that year, once */
			size_t m;
			int dup = 0;

			if (!f[j].brought_by || day_year(f[j].registered_on) != year)
				continue;
			for (m = 0; m < j && !dup; m++)
				dup = f[m].brought_by == f[j].brought_by &&
				      day_year(f[m].registered_on) == year;
			if (!dup)
				add_year(f, n, year, f[j].brought_by, v, nv, alloc);
		}
	}
}
