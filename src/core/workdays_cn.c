/* workdays_cn.c — the official public-holiday calendars ballast ships: the
 * State Council General Office's notices on part of the holidays (国务院办公厅
 * 关于部分节假日安排的通知) for 2023 (国办发明电〔2022〕16号) and 2024
 * (国办发明电〔2023〕7号). Every rest day of each holiday is listed, weekend or
 * not, and each make-up working day (调休上班). A district imports later years
 * (docs/admin.md). */
#include "core/workdays.h"

#include <stddef.h>

/* Day numbers are written as dates and converted once. */
struct official_day {
	int y, m, d;
	enum workcal_kind kind;
	const char *name;
};

#define H WC_HOLIDAY
#define W WC_WORKDAY

static const struct official_day y2023[] = {
	{ 2023, 1, 1, H, "元旦" },    { 2023, 1, 2, H, "元旦" },
	{ 2023, 1, 21, H, "春节" },   { 2023, 1, 22, H, "春节" },   { 2023, 1, 23, H, "春节" },
	{ 2023, 1, 24, H, "春节" },   { 2023, 1, 25, H, "春节" },   { 2023, 1, 26, H, "春节" },
	{ 2023, 1, 27, H, "春节" },   { 2023, 1, 28, W, "春节" },   { 2023, 1, 29, W, "春节" },
	{ 2023, 4, 5, H, "清明节" },
	{ 2023, 4, 23, W, "劳动节" }, { 2023, 4, 29, H, "劳动节" }, { 2023, 4, 30, H, "劳动节" },
	{ 2023, 5, 1, H, "劳动节" },  { 2023, 5, 2, H, "劳动节" },  { 2023, 5, 3, H, "劳动节" },
	{ 2023, 5, 6, W, "劳动节" },
	{ 2023, 6, 22, H, "端午节" }, { 2023, 6, 23, H, "端午节" }, { 2023, 6, 24, H, "端午节" },
	{ 2023, 6, 25, W, "端午节" },
	{ 2023, 9, 29, H, "中秋节、国庆节" }, { 2023, 9, 30, H, "中秋节、国庆节" },
	{ 2023, 10, 1, H, "中秋节、国庆节" }, { 2023, 10, 2, H, "中秋节、国庆节" },
	{ 2023, 10, 3, H, "中秋节、国庆节" }, { 2023, 10, 4, H, "中秋节、国庆节" },
	{ 2023, 10, 5, H, "中秋节、国庆节" }, { 2023, 10, 6, H, "中秋节、国庆节" },
	{ 2023, 10, 7, W, "中秋节、国庆节" }, { 2023, 10, 8, W, "中秋节、国庆节" },
};

static const struct official_day y2024[] = {
	{ 2024, 1, 1, H, "元旦" },
	{ 2024, 2, 4, W, "春节" },    { 2024, 2, 10, H, "春节" },   { 2024, 2, 11, H, "春节" },
	{ 2024, 2, 12, H, "春节" },   { 2024, 2, 13, H, "春节" },   { 2024, 2, 14, H, "春节" },
	{ 2024, 2, 15, H, "春节" },   { 2024, 2, 16, H, "春节" },   { 2024, 2, 17, H, "春节" },
	{ 2024, 2, 18, W, "春节" },
	{ 2024, 4, 4, H, "清明节" },  { 2024, 4, 5, H, "清明节" },  { 2024, 4, 6, H, "清明节" },
	{ 2024, 4, 7, W, "清明节" },
	{ 2024, 4, 28, W, "劳动节" }, { 2024, 5, 1, H, "劳动节" },  { 2024, 5, 2, H, "劳动节" },
	{ 2024, 5, 3, H, "劳动节" },  { 2024, 5, 4, H, "劳动节" },  { 2024, 5, 5, H, "劳动节" },
	{ 2024, 5, 11, W, "劳动节" },
	{ 2024, 6, 10, H, "端午节" },
	{ 2024, 9, 14, W, "中秋节" }, { 2024, 9, 15, H, "中秋节" }, { 2024, 9, 16, H, "中秋节" },
	{ 2024, 9, 17, H, "中秋节" },
	{ 2024, 9, 29, W, "国庆节" }, { 2024, 10, 1, H, "国庆节" }, { 2024, 10, 2, H, "国庆节" },
	{ 2024, 10, 3, H, "国庆节" }, { 2024, 10, 4, H, "国庆节" }, { 2024, 10, 5, H, "国庆节" },
	{ 2024, 10, 6, H, "国庆节" }, { 2024, 10, 7, H, "国庆节" }, { 2024, 10, 12, W, "国庆节" },
};

#undef H
#undef W

#define N(a) (sizeof(a) / sizeof((a)[0]))

size_t workcal_official(int year, struct workcal_day *out, size_t cap)
{
	const struct official_day *t = year == 2023 ? y2023 : year == 2024 ? y2024 : NULL;
	size_t n = year == 2023 ? N(y2023) : year == 2024 ? N(y2024) : 0, i;

	for (i = 0; t && i < n && i < cap; i++)
		out[i] = (struct workcal_day){ day_from_ymd(t[i].y, t[i].m, t[i].d), t[i].kind,
					       t[i].name };
	return n;
}
