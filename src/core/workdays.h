/* workdays.h — the working-day calendar (工作日): weekends, the State
 * Council's public holidays and the make-up working days (调休) that move a
 * weekend day into the working week. Fund steps (DOMAIN.md §7, 政策兑现) count
 * their time limits in working days on it. Pure: the entries come from the
 * store (an admin edits and imports them) or from the official tables in
 * core/workdays_cn.c. */
#ifndef BL_WORKDAYS_H
#define BL_WORKDAYS_H

#include <stddef.h>

#include "core/date.h"

/* What a listed day is; a day not listed is a working day Monday–Friday and a
 * rest day on Saturday and Sunday. */
enum workcal_kind {
	WC_HOLIDAY, /* 放假: a rest day, whatever the weekday */
	WC_WORKDAY, /* 调休上班: a working day, whatever the weekday */
	WC__MAX
};
extern const char *const workcal_kind_keys[WC__MAX];   /* "holiday", "workday" */
extern const char *const workcal_kind_labels[WC__MAX]; /* "放假", "调休上班" */

struct workcal_day {
	bl_day day;
	enum workcal_kind kind;
	const char *name; /* the festival, e.g. "春节"; may be NULL */
};

/* A calendar: entries sorted by day, one per day (workcal_check). The
 * caller owns days; the struct only borrows it. */
struct workcal {
	const struct workcal_day *days;
	size_t n;
};

/* The weekday of day: 1 Monday … 7 Sunday (ISO 8601). */
int day_weekday(bl_day day);

/* NULL when c's entries are sorted by day with no day twice, else a static
 * reason ("entries not in date order", "a day listed twice"). A workday on a
 * Monday–Friday or a holiday on a weekend changes nothing and is allowed. */
const char *workcal_check(const struct workcal *c);

/* 1 when day is a working day on c (c may be NULL: weekends only). */
int workcal_is_workday(const struct workcal *c, bl_day day);

/* The n-th working day after from (from itself not counted); n = 0 gives
 * from. n < 0 counts backwards: the |n|-th working day before from. */
bl_day workcal_add(const struct workcal *c, bl_day from, int n);

/* The working days in (from, to]: the days after from up to and including
 * to. 0 when to <= from. So workcal_between(c, d, workcal_add(c, d, n)) == n
 * for n >= 0. */
int workcal_between(const struct workcal *c, bl_day from, bl_day to);

/* The official calendar of year (国务院办公厅 部分节假日安排) as ballast ships
 * it: years 2023 and 2024 (core/workdays_cn.c). Writes up to cap entries,
 * sorted by day, to out (names are static strings) and returns how many the
 * year has (WORKCAL_OFFICIAL_MAX at most); 0 for a year ballast does not
 * ship. */
#define WORKCAL_OFFICIAL_MAX 64
size_t workcal_official(int year, struct workcal_day *out, size_t cap);

#endif
