/* figures.h — the exact arithmetic and the text of the domain's figures, once:
 * rates (num/den) rounded and compared, percentage points between two rates,
 * the pace (序时进度) of a year, plan to date, and money as 万元 or 亿元.
 * Every rounding is half away from zero on exact integers (DOMAIN.md §3:
 * money is never summed or divided in floating point). */
#ifndef BL_FIGURES_H
#define BL_FIGURES_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/model.h"
#include "util/buf.h"

/* A rate num/den; undefined when den == 0 (DOMAIN.md §4: never 0 % or 100 %). */
struct ratio {
	int64_t num, den;
};

/* a × b / d rounded half away from zero, in 128-bit arithmetic; 0 when d is 0. */
int64_t muldiv_round(int64_t a, int64_t b, int64_t d);

/* num/den × scale rounded half away from zero; 0 when undefined (check den
 * first). ratio_scaled(r, 10000) is the 4-decimal value × 10000 of the JSON,
 * ratio_scaled(r, 1000) the tenths of a percent a table shows. */
int64_t ratio_scaled(struct ratio r, int64_t scale);

/* Percentage points a − b of two rates, in tenths, rounded half away from
 * zero; AMOUNT_NONE when either is undefined (超/低于序时 x 个百分点). */
int64_t ratio_points_diff(struct ratio a, struct ratio b);

/* Exact comparison of two defined rates: <0, 0, >0 as a/b's values. */
int ratio_cmp(struct ratio a, struct ratio b);

/* Competition ranks (1, 1, 3) of n rates, the highest first, compared
 * exactly: rank[i] for r[i]; 0 for an undefined rate (not ranked). */
void ratios_rank(const struct ratio *r, size_t n, int *rank);

/* Write num/den as a percentage to 0.1 % into out ("88.9%"), or "—" when
 * undefined. Returns out. */
char *ratio_format_pct(struct ratio r, char *out, size_t cap);

/* Append tenths of a percentage point: "14.2" (the magnitude) when sign is 0,
 * else "+1.2", "-0.3", "0.0". */
void points_text(struct buf *b, int64_t tenths, int sign);

/* A rate target value in ten-thousandths as a percent: "85%", "85.5%",
 * "85.55%". */
void target_pct(struct buf *b, int64_t v);

/* ---- money (integer yuan) ---- */

/* Write yuan as 万元 text into out (cap bytes, 32 is always enough):
 * thousands separators and up to four decimals without trailing zeros
 * ("1,234.5678", "2,000", "-0.5"). INT64_MIN is safe. Returns out. */
char *money_format_wan(int64_t yuan, char *out, size_t cap);

/* Append yuan for prose: "168.77亿元" (>= 1亿, to 0.01亿) or "850万元",
 * "123.45万元" (to 0.01万 without trailing zeros), half away from zero.
 * INT64_MIN is safe. */
void money_phrase(struct buf *b, int64_t yuan);

/* yuan rounded to the nearest 万元 (a computed pace is a proportion, not an
 * amount anyone entered; its fractions of 万元 mean nothing). */
int64_t money_round_wan(int64_t yuan);

/* ---- the pace of a year (序时进度, DOMAIN.md §6) ---- */

/* The months of year whose reports count by asof: 0 before the year, the
 * month number within it, 12 after it. */
int pace_months(int year, bl_day asof);

/* The time-elapsed pace: pace_months(year, asof) / 12. */
struct ratio pace_of_year(int year, bl_day asof);

/* A listing's plan to date through its first n_months months (0–12; more
 * count as 12): the
 * month-by-month plan summed when given, else annual plan × n / 12 rounded
 * down; 0 without a plan. */
int64_t listing_plan_through(const struct listing *l, int n_months);
/* listing_plan_through(l, n) for every n = 0 … 12 into out[n], the month
 * plan summed once. */
void listing_plan_by_month(const struct listing *l, int64_t out[13]);

#endif
