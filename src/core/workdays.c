/* workdays.c — working-day arithmetic over weekends, holidays and make-up
 * working days (调休). The lists are short (about 30 days a year), so a
 * binary search per day is enough for the limits of fund steps (tens of
 * working days). */
#include "core/workdays.h"

const char *const workcal_kind_keys[WC__MAX] = { "holiday", "workday" };
const char *const workcal_kind_labels[WC__MAX] = { "放假", "调休上班" };

int day_weekday(bl_day day)
{
	/* Day 0, 1970-01-01, was a Thursday (4). */
	int r = (int)(((int64_t)day + 3) % 7);

	if (r < 0)
		r += 7;
	return r + 1;
}

const char *workcal_check(const struct workcal *c)
{
	size_t i;

	for (i = 1; c && i < c->n; i++) {
		if (c->days[i].day == c->days[i - 1].day)
			return "a day listed twice";
		if (c->days[i].day < c->days[i - 1].day)
			return "entries not in date order";
	}
	return NULL;
}

/* The entry for day, or NULL. */
static const struct workcal_day *find(const struct workcal *c, bl_day day)
{
	size_t lo = 0, hi = c ? c->n : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->days[mid].day == day)
			return &c->days[mid];
		if (c->days[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int workcal_is_workday(const struct workcal *c, bl_day day)
{
	const struct workcal_day *e = find(c, day);

	if (e)
		return e->kind == WC_WORKDAY;
	return day_weekday(day) <= 5;
}

bl_day workcal_add(const struct workcal *c, bl_day from, int n)
{
	int step = n < 0 ? -1 : 1, left = n < 0 ? -n : n;
	bl_day d = from;

	while (left > 0) {
		d = day_add(d, step);
		if (workcal_is_workday(c, d))
			left--;
	}
	return d;
}

/* The Monday–Friday days in (−∞, x] counted from the Monday 1970-01-05
 * (day 4), floor-divided so that days before it count down. */
static int64_t weekdays_upto(int64_t x)
{
	int64_t t = x - 4, q = t / 7, r = t % 7;

	if (r < 0) {
		r += 7;
		q--;
	}
	return 5 * q + (r + 1 < 5 ? r + 1 : 5);
}

int workcal_between(const struct workcal *c, bl_day from, bl_day to)
{
	int64_t n;
	size_t lo = 0, hi = c ? c->n : 0;

	if (to <= from)
		return 0;
	n = weekdays_upto(to) - weekdays_upto(from);
	/* Then each listed day in (from, to] that turns a weekday into a rest
	 * day or a weekend day into a working day. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->days[mid].day <= from)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; c && lo < c->n && c->days[lo].day <= to; lo++) {
		int weekday = day_weekday(c->days[lo].day) <= 5;

		if (c->days[lo].kind == WC_HOLIDAY && weekday)
			n--;
		else if (c->days[lo].kind == WC_WORKDAY && !weekday)
			n++;
	}
	return n > INT32_MAX ? INT32_MAX : (int)n;
}
