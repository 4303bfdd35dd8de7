/* date.h — calendar days as integers.
 * Core never uses struct tm: a date is a day number (days since 1970-01-01,
 * proleptic Gregorian) and a month is a month number (year*12 + month-1). */
#ifndef BL_DATE_H
#define BL_DATE_H

#include <stdint.h>

/* A day and a month are distinct types, so that one is never passed or
 * assigned where the other is meant: each is an enumeration spanning int32_t,
 * and gcc's -Wenum-conversion and -Wincompatible-pointer-types (both on under
 * -Wall -Wextra -Werror) refuse `bl_day d = some_month;`, a month passed to a
 * day parameter, a returned day where a month is due and a `bl_month *` given
 * for a `bl_day *`. Arithmetic (d + 1, m - 12) gives a plain int, which converts
 * back without a word: write it beside the variable it belongs to, or use the
 * helpers below. tests/integration/test_types.py compiles each mix and checks
 * that it is refused. */
typedef enum bl_day_e { BL_DAY_MIN_ = INT32_MIN, BL_DAY_MAX_ = INT32_MAX } bl_day;
typedef enum bl_month_e { BL_MONTH_MIN_ = INT32_MIN, BL_MONTH_MAX_ = INT32_MAX } bl_month;

/* An absent date. Chosen as the largest day so that "reached by D" (date <= D)
 * and "earliest of several dates" (min) need no special case. Typed, so that a
 * month is never set to DAY_NONE. */
#define DAY_NONE ((bl_day)INT32_MAX)
#define MONTH_NONE ((bl_month)INT32_MAX)

/* The day n days after d (n may be negative), and the month n months after mo. */
static inline bl_day day_add(bl_day d, int n) { return (bl_day)(d + n); }
static inline bl_month month_add(bl_month mo, int n) { return (bl_month)(mo + n); }

/* Day number of y-m-d; the caller ensures date_valid(y, m, d). */
bl_day day_from_ymd(int y, int m, int d);
/* Split a day number into year, month (1-12), day (1-31). */
void day_to_ymd(bl_day day, int *y, int *m, int *d);
/* 1 when y-m-d names a real calendar day in years 1900..2999, else 0. */
int date_valid(int y, int m, int d);
int days_in_month(int y, int m);

int day_year(bl_day day);
bl_month day_month(bl_day day);          /* the month a day falls in */
bl_month month_from_ym(int y, int m);    /* m is 1-12 */
int month_year(bl_month mo);
int month_of_year(bl_month mo);          /* 1-12 */
bl_day month_first_day(bl_month mo);
bl_day month_last_day(bl_month mo);

/* The months a monthly report, a bulletin or a contest round may name:
 * 2000-01 … 2099-12. A month outside is a typing error (1900-01, 2999-12), not
 * history, so every path that takes such a month from a user refuses it: the
 * import cells and the API (parse_month in io/parse.c) and the CLI's --month. */
#define MONTH_FIRST_YEAR 2000
#define MONTH_LAST_YEAR 2099
#define MONTH_RANGE_TEXT "2000-01 to 2099-12" /* the two lines above, for messages */
/* 1 when mo lies in MONTH_FIRST_YEAR-01 … MONTH_LAST_YEAR-12, else 0. */
int month_in_range(bl_month mo);

/* Format as "YYYY-MM-DD" / "YYYY-MM" into out (at least 11 / 8 bytes);
 * DAY_NONE / MONTH_NONE give "". Returns out. */
char *day_format(bl_day day, char out[static 11]);
char *month_format(bl_month mo, char out[static 8]);

/* Parse exactly "YYYY-MM-DD" (the canonical form); 0 on success, -1 otherwise.
 * The tolerant import forms live in src/io/parse.h. */
int day_parse_iso(const char *s, bl_day *out);
/* Parse exactly "YYYY-MM"; 0 on success, -1 otherwise. */
int month_parse_iso(const char *s, bl_month *out);

#endif
