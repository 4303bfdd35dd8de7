/* date.c — day numbers (Howard Hinnant's civil-from-days algorithms). */
#include "core/date.h"

#include <string.h>

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return dm[m - 1] + (m == 2 && is_leap(y));
}

int date_valid(int y, int m, int d)
{
	return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= days_in_month(y, m);
}

bl_day day_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void day_to_ymd(bl_day day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int mm = mp + (mp < 10 ? 3 : -9);

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mm;
	*y = yoe + era * 400 + (mm <= 2);
}

int day_year(bl_day day)
{
	int y, m, d;

	day_to_ymd(day, &y, &m, &d);
	return y;
}

bl_month day_month(bl_day day)
{
	int y, m, d;

	day_to_ymd(day, &y, &m, &d);
	return month_from_ym(y, m);
}

bl_month month_from_ym(int y, int m)
{
	return y * 12 + (m - 1);
}

int month_in_range(bl_month mo)
{
	return mo >= month_from_ym(MONTH_FIRST_YEAR, 1) && mo <= month_from_ym(MONTH_LAST_YEAR, 12);
}

int month_year(bl_month mo)
{
	return mo / 12;
}

int month_of_year(bl_month mo)
{
	return mo % 12 + 1;
}

bl_day month_first_day(bl_month mo)
{
	return day_from_ymd(month_year(mo), month_of_year(mo), 1);
}

bl_day month_last_day(bl_month mo)
{
	int y = month_year(mo), m = month_of_year(mo);

	return day_from_ymd(y, m, days_in_month(y, m));
}

/* Write v (0 <= v) as exactly n decimal digits, keeping the low ones. */
static void put_digits(char *out, int v, int n)
{
	while (n-- > 0) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

char *day_format(bl_day day, char out[static 11])
{
	int y, m, d;

	if (day == DAY_NONE) {
		out[0] = '\0';
		return out;
	}
	day_to_ymd(day, &y, &m, &d);
	put_digits(out, y, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, d, 2);
	out[10] = '\0';
	return out;
}

char *month_format(bl_month mo, char out[static 8])
{
	if (mo == MONTH_NONE) {
		out[0] = '\0';
		return out;
	}
	put_digits(out, month_year(mo), 4);
	out[4] = '-';
	put_digits(out + 5, month_of_year(mo), 2);
	out[7] = '\0';
	return out;
}

static int digits(const char *s, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int day_parse_iso(const char *s, bl_day *out)
{
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) ||
	    digits(s + 5, 2, &m) || digits(s + 8, 2, &d) || !date_valid(y, m, d))
		return -1;
	*out = day_from_ymd(y, m, d);
	return 0;
}

int month_parse_iso(const char *s, bl_month *out)
{
	int y, m;

	if (strlen(s) != 7 || s[4] != '-' || digits(s, 4, &y) || digits(s + 5, 2, &m) ||
	    !date_valid(y, m, 1))
		return -1;
	*out = month_from_ym(y, m);
	return 0;
}
