/* figures.c — exact rounding, comparison and text of rates, percentage points,
 * pace and money (figures.h). One rounding rule, half away from zero, in
 * 128-bit arithmetic so that Σ yuan × 10000 cannot overflow. */
#include "core/figures.h"

#include <stdio.h>
#include <string.h>

/* |v| as unsigned, so that INT64_MIN is safe. */
static uint64_t magnitude(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

/* n / d rounded half away from zero; d != 0. */
static int64_t div_round(__int128 n, __int128 d)
{
	__int128 q;

	if (d < 0) {
		n = -n;
		d = -d;
	}
	if (n >= 0)
		q = (2 * n + d) / (2 * d);
	else
		q = -((-2 * n + d) / (2 * d));
	/* Held at the ends rather than wrapped (a sum held at INT64_MAX). */
	if (q > INT64_MAX)
		return INT64_MAX;
	if (q < -INT64_MAX)
		return -INT64_MAX;
	return (int64_t)q;
}

int64_t muldiv_round(int64_t a, int64_t b, int64_t d)
{
	return d ? div_round((__int128)a * b, d) : 0;
}

int64_t ratio_scaled(struct ratio r, int64_t scale)
{
	return muldiv_round(r.num, scale, r.den);
}

int64_t ratio_points_diff(struct ratio a, struct ratio b)
{
	if (!a.den || !b.den)
		return AMOUNT_NONE;
	/* (a.num/a.den − b.num/b.den) × 1000 */
	return div_round(((__int128)a.num * b.den - (__int128)b.num * a.den) * 1000,
			 (__int128)a.den * b.den);
}

int ratio_cmp(struct ratio a, struct ratio b)
{
	__int128 x = (__int128)a.num * b.den, y = (__int128)b.num * a.den;

	/* a/b's sign flips the comparison when exactly one denominator is negative */
	if ((__int128)a.den * b.den < 0) {
		x = -x;
		y = -y;
	}
	return (x > y) - (x < y);
}

void ratios_rank(const struct ratio *r, size_t n, int *rank)
{
	size_t i, j;

	/* n is a handful of sections: counting those ahead is clearer than a sort */
	for (i = 0; i < n; i++) {
		rank[i] = 0;
		if (!r[i].den)
			continue;
		rank[i] = 1;
		for (j = 0; j < n; j++)
			if (r[j].den && ratio_cmp(r[j], r[i]) > 0)
				rank[i]++;
	}
}

char *ratio_format_pct(struct ratio r, char *out, size_t cap)
{
	int64_t t;
	uint64_t mag;

	if (r.den == 0) {
		snprintf(out, cap, "—");
		return out;
	}
	t = ratio_scaled(r, 1000);
	mag = magnitude(t);
	snprintf(out, cap, "%s%llu.%llu%%", t < 0 ? "-" : "", (unsigned long long)(mag / 10),
		 (unsigned long long)(mag % 10));
	return out;
}

void points_text(struct buf *b, int64_t tenths, int sign)
{
	uint64_t mag = magnitude(tenths);

	if (sign)
		buf_adds(b, tenths > 0 ? "+" : tenths < 0 ? "-" : "");
	buf_addf(b, "%llu.%llu", (unsigned long long)(mag / 10), (unsigned long long)(mag % 10));
}

void target_pct(struct buf *b, int64_t v)
{
	uint64_t mag = magnitude(v);
	uint64_t whole = mag / 100, frac = mag % 100;

	buf_addf(b, "%s%llu", v < 0 ? "-" : "", (unsigned long long)whole);
	if (frac)
		buf_addf(b, frac % 10 ? ".%02llu" : ".%llu",
			 (unsigned long long)(frac % 10 ? frac : frac / 10));
	buf_addch(b, '%');
}

/* ---- money ---- */

char *money_format_wan(int64_t yuan, char *out, size_t cap)
{
	uint64_t mag = magnitude(yuan);
	uint64_t whole = mag / 10000, frac = mag % 10000;
	char digits[32], text[48];
	size_t nd, i, len = 0;
	int fd = 4;

	snprintf(digits, sizeof(digits), "%llu", (unsigned long long)whole);
	nd = strlen(digits);
	if (yuan < 0)
		text[len++] = '-';
	for (i = 0; i < nd; i++) {
		if (i && (nd - i) % 3 == 0)
			text[len++] = ',';
		text[len++] = digits[i];
	}
	text[len] = '\0';
	if (frac) {
		while (frac % 10 == 0) {
			frac /= 10;
			fd--;
		}
		snprintf(text + len, sizeof(text) - len, ".%0*llu", fd, (unsigned long long)frac);
	}
	snprintf(out, cap, "%s", text);
	return out;
}

void money_phrase(struct buf *b, int64_t yuan)
{
	uint64_t mag = magnitude(yuan);
	const char *sign = yuan < 0 ? "-" : "";
	uint64_t q;

	if (mag >= 100000000) {
		q = mag / 1000000 + (mag % 1000000 >= 500000); /* hundredths of 亿, half up */
		buf_addf(b, "%s%llu.%02llu亿元", sign, (unsigned long long)(q / 100),
			 (unsigned long long)(q % 100));
		return;
	}
	q = (mag + 50) / 100; /* hundredths of 万 */
	buf_addf(b, "%s%llu", sign, (unsigned long long)(q / 100));
	if (q % 100)
		buf_addf(b, q % 10 ? ".%02llu" : ".%llu",
			 (unsigned long long)(q % 10 ? q % 100 : q % 100 / 10));
	buf_adds(b, "万元");
}

int64_t money_round_wan(int64_t yuan)
{
	int64_t wan = muldiv_round(yuan, 1, 10000);

	/* the two ends of int64 have no whole 万 inside the range: keep them */
	if (wan > INT64_MAX / 10000 || wan < INT64_MIN / 10000)
		return yuan;
	return wan * 10000;
}

/* ---- pace ---- */

int pace_months(int year, bl_day asof)
{
	bl_month m;

	if (asof < day_from_ymd(year, 1, 1))
		return 0;
	if (asof == DAY_NONE)
		return 12; /* no day: past every year (and no month to take) */
	m = day_month(asof);
	return month_year(m) > year ? 12 : month_of_year(m);
}

struct ratio pace_of_year(int year, bl_day asof)
{
	struct ratio r = { pace_months(year, asof), 12 };

	return r;
}

void listing_plan_by_month(const struct listing *l, int64_t out[13])
{
	int n;

	out[0] = 0;
	for (n = 1; n <= 12; n++) {
		if (l->has_month_plan) { /* listing_plan_through's sum, month by month */
			out[n] = out[n - 1];
			amount_add(&out[n], l->month_plan[n - 1]);
		} else {
			out[n] = listing_plan_through(l, n);
		}
	}
}

int64_t listing_plan_through(const struct listing *l, int n_months)
{
	int64_t run = 0;
	int m;

	if (l->has_month_plan) {
		for (m = 0; m < n_months && m < 12; m++)
			amount_add(&run, l->month_plan[m]);
		return run;
	}
	if (l->annual_plan == AMOUNT_NONE)
		return 0;
	return (int64_t)((__int128)l->annual_plan * n_months / 12);
}
