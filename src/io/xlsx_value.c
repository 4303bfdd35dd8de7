/* xlsx_value.c — numbers, serial days and date formats of spreadsheet cells
 * (xlsx_value.h). Numbers are read as decimal digits and rounded as digits,
 * so what a cell stores is never reinterpreted through a double. */
#include "io/xlsx_value.h"

#include <stdio.h>
#include <string.h>

/* Beyond this decimal exponent a number keeps its exponent form. */
#define PLAIN_MAX_EXP 40

/* A number as sign, significant digits (no leading zeros) and the decimal
 * exponent e of 0.d1d2d3… × 10^e. */
struct decnum {
	int neg;
	char dig[XLSX_DIGITS + 1]; /* the first XLSX_DIGITS + 1 significant digits */
	int nd;                    /* how many of dig are used */
	long exp;
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Read s[0..len) into *d; 0 or -1 when it is not a number. */
static int decnum_read(struct decnum *d, const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	int seen = 0, any = 0;
	long x = 0;

	memset(d, 0, sizeof(*d));
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' ||
			   end[-1] == '\r'))
		end--;
	if (p < end && (*p == '-' || *p == '+'))
		d->neg = *p++ == '-';
	for (; p < end && is_digit(*p); p++) {
		any = 1;
		if (*p == '0' && !seen)
			continue;
		seen = 1;
		if (d->nd <= XLSX_DIGITS)
			d->dig[d->nd++] = *p;
		if (d->exp < 100000)
			d->exp++;
	}
	if (p < end && *p == '.') {
		for (p++; p < end && is_digit(*p); p++) {
			any = 1;
			if (*p == '0' && !seen) {
				if (d->exp > -100000)
					d->exp--;
				continue;
			}
			seen = 1;
			if (d->nd <= XLSX_DIGITS)
				d->dig[d->nd++] = *p;
		}
	}
	if (!any)
		return -1;
	if (p < end && (*p == 'e' || *p == 'E')) {
		int eneg = 0, n = 0;

		p++;
		if (p < end && (*p == '-' || *p == '+'))
			eneg = *p++ == '-';
		for (; p < end && is_digit(*p); p++) {
			if (++n > 4)
				return -1;
			x = x * 10 + (*p - '0');
		}
		if (!n)
			return -1;
		d->exp += eneg ? -x : x;
	}
	if (p != end)
		return -1;
	if (!seen) {
		d->neg = 0;
		d->exp = 0;
	}
	return 0;
}

/* Round to XLSX_DIGITS digits, half away from zero, and drop trailing zeros. */
static void decnum_round(struct decnum *d)
{
	int i;

	if (d->nd > XLSX_DIGITS) {
		int up = d->dig[XLSX_DIGITS] >= '5';

		d->nd = XLSX_DIGITS;
		for (i = XLSX_DIGITS - 1; up && i >= 0; i--) {
			if (d->dig[i] == '9') {
				d->dig[i] = '0';
			} else {
				d->dig[i]++;
				up = 0;
			}
		}
		if (up) { /* 999…9 became 1000…0 */
			d->dig[0] = '1';
			d->nd = 1;
			d->exp++;
		}
	}
	while (d->nd > 0 && d->dig[d->nd - 1] == '0')
		d->nd--;
	if (!d->nd) {
		d->neg = 0;
		d->exp = 0;
	}
}

static void zeros(struct buf *b, long n)
{
	while (n-- > 0)
		buf_addch(b, '0');
}

int xlsx_number_text(struct buf *b, const char *s, size_t len)
{
	struct decnum d;

	if (decnum_read(&d, s, len))
		return -1;
	decnum_round(&d);
	if (!d.nd) {
		buf_addch(b, '0');
		return 0;
	}
	if (d.neg)
		buf_addch(b, '-');
	if (d.exp > PLAIN_MAX_EXP || d.exp < -PLAIN_MAX_EXP) {
		buf_addch(b, d.dig[0]);
		if (d.nd > 1) {
			buf_addch(b, '.');
			buf_add(b, d.dig + 1, (size_t)d.nd - 1);
		}
		buf_addf(b, "E%+ld", d.exp - 1);
	} else if (d.exp <= 0) {
		buf_adds(b, "0.");
		zeros(b, -d.exp);
		buf_add(b, d.dig, (size_t)d.nd);
	} else if (d.exp >= d.nd) {
		buf_add(b, d.dig, (size_t)d.nd);
		zeros(b, d.exp - d.nd);
	} else {
		buf_add(b, d.dig, (size_t)d.exp);
		buf_addch(b, '.');
		buf_add(b, d.dig + d.exp, (size_t)(d.nd - d.exp));
	}
	return 0;
}

/* 9999-12-31 is serial 2958465 in the 1900 system. */
#define SERIAL_MAX 2958465L

int xlsx_serial_day(const char *s, size_t len, int date1904, bl_day *out)
{
	struct decnum d;
	long serial = 0;
	int i;

	if (decnum_read(&d, s, len) || d.neg)
		return -1;
	decnum_round(&d);
	if (d.exp > 7)
		return -1;
	for (i = 0; i < d.exp; i++)
		serial = serial * 10 + (i < d.nd ? d.dig[i] - '0' : 0);
	if (serial > SERIAL_MAX)
		return -1;
	if (date1904) {
		if (serial > SERIAL_MAX - 1462)
			return -1;
		*out = day_from_ymd(1904, 1, 1) + (bl_day)serial;
		return 0;
	}
	if (serial == 0 || serial == 60)
		return -1;
	*out = day_from_ymd(1899, 12, serial < 60 ? 31 : 30) + (bl_day)serial;
	return 0;
}

long xlsx_day_serial(bl_day day)
{
	long s = (long)day - (long)day_from_ymd(1899, 12, 30);

	return s <= 60 ? s - 1 : s;
}

char *xlsx_cell_name(size_t col, size_t row, char out[static 24])
{
	char letters[4];
	int n = 0, i;

	col++;
	while (col && n < 3) {
		letters[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		out[i] = letters[n - 1 - i];
	snprintf(out + n, 24 - (size_t)n, "%zu", row);
	return out;
}

int xlsx_builtin_is_date(unsigned id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 ||
	       (id >= 50 && id <= 54) || id == 57 || id == 58;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int starts_nocase(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (lower(*s) != *prefix)
			return 0;
	return 1;
}

int xlsx_format_is_date(const char *code)
{
	int y = 0, d = 0, m = 0, hs = 0;
	const char *p = code;

	while (*p && *p != ';') {
		char c = lower(*p);

		if (*p == '"') {
			const char *q = strchr(p + 1, '"');

			p = q ? q + 1 : p + strlen(p);
		} else if (*p == '\\' || *p == '_' || *p == '*') {
			p += p[1] ? 2 : 1;
		} else if (*p == '[') {
			const char *q = strchr(p, ']');

			/* [h], [mm], [ss]: elapsed time; [Red], [$-804], [DBNum1]: not letters */
			if (q && (lower(p[1]) == 'h' || lower(p[1]) == 'm' || lower(p[1]) == 's'))
				hs = 1;
			p = q ? q + 1 : p + strlen(p);
		} else if (starts_nocase(p, "general")) {
			p += 7;
		} else if (starts_nocase(p, "am/pm")) {
			p += 5;
		} else if (starts_nocase(p, "a/p")) {
			p += 3;
		} else if (c == 'e' && (p[1] == '+' || p[1] == '-')) {
			p += 2; /* scientific notation */
		} else {
			if (c == 'y' || c == 'e')
				y = 1;
			else if (c == 'd')
				d = 1;
			else if (c == 'm')
				m = 1;
			else if (c == 'h' || c == 's')
				hs = 1;
			p++;
		}
	}
	return y || d || (m && !hs);
}
