/* parse.c — tolerant import cell values: days, months, integers, exact
 * decimals, yes/no, tiers, rates; and their exact export formatting.
 * Each parser first normalizes the cell (trim, full-width forms to ASCII) into a
 * small stack buffer, then reads it with a bounded cursor. */
#include "io/parse.h"

#include <inttypes.h>
#include <string.h>

#include "core/model.h"

/* The longest normalized value the number and date parsers look at. */
#define NORM_MAX 128

static const char NOT_DATE[] = "not a date";
static const char NOT_MONTH[] = "not a month";
static const char NOT_NUMBER[] = "not a number";
static const char OUT_OF_RANGE[] = "out of range";

static const char *const too_many_decimals[7] = {
	"not a whole number",
	"more than 1 decimal",
	"more than 2 decimals",
	"more than 3 decimals",
	"more than 4 decimals",
	"more than 5 decimals",
	"more than 6 decimals",
};

static const uint64_t pow10u[7] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };

/* ---- normalizing ---- */

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Bytes of whitespace starting at s (NUL-terminated); 0 when none. */
static size_t space_at(const unsigned char *s)
{
	if (is_space(*s))
		return 1;
	if (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80)
		return 3; /* U+3000 */
	if (s[0] == 0xc2 && s[1] == 0xa0)
		return 2; /* U+00A0 */
	return 0;
}

/* Bytes of whitespace ending at end (after b); 0 when none. */
static size_t space_before(const unsigned char *b, const unsigned char *end)
{
	if (end > b && is_space(end[-1]))
		return 1;
	if (end - b >= 3 && end[-3] == 0xe3 && end[-2] == 0x80 && end[-1] == 0x80)
		return 3;
	if (end - b >= 2 && end[-2] == 0xc2 && end[-1] == 0xa0)
		return 2;
	return 0;
}

/* The ASCII form of the full-width character at p (NUL-terminated), or 0:
 * the forms parse.h names, ％ and ＋ ， － ． ／ ０-９ (U+FF05, U+FF0B-U+FF19;
 * UTF-8 EF BC 85, EF BC 8B-99), each its code point - 0xFEE0. */
static char fullwidth_ascii(const unsigned char *p)
{
	if (p[0] == 0xef && p[1] == 0xbc && (p[2] == 0x85 || (p[2] >= 0x8b && p[2] <= 0x99)))
		return (char)(p[2] - 0x60);
	return 0;
}

/* Copy s into t trimmed, with full-width forms mapped to ASCII; *tlen gets
 * the length. NULL or a reason. */
static const char *normalize(const char *s, char t[static NORM_MAX], size_t *tlen)
{
	const unsigned char *b = (const unsigned char *)s, *e = b + strlen(s);
	size_t k, n = 0;
	char c;

	for (k = space_at(b); k; k = space_at(b))
		b += k;
	for (k = space_before(b, e); k; k = space_before(b, e))
		e -= k;
	if (b == e)
		return "empty";
	while (b < e) {
		if (n + 1 >= NORM_MAX)
			return "too long";
		c = e - b >= 3 ? fullwidth_ascii(b) : 0;
		if (c) {
			t[n++] = c;
			b += 3;
		} else {
			t[n++] = (char)*b++;
		}
	}
	t[n] = '\0';
	*tlen = n;
	return NULL;
}

/* ---- days and months ---- */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Read up to max digits at *p into *v; the count read. */
static int digits(const char **p, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && is_digit(**p)) {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n;
}

/* Skip the UTF-8 word w at *p when it is there; 1 when skipped. */
static int skip_word(const char **p, const char *w)
{
	size_t n = strlen(w);

	if (strncmp(*p, w, n))
		return 0;
	*p += n;
	return 1;
}

/* Read a year and month: YYYY-M, YYYY/M, YYYY.M, YYYY年M月 or YYYYMM. *sep
 * gets the separator ('-', '/', '.'), 'y' for 年, 0 for none. */
static const char *scan_ym(const char **pp, int *y, int *m, char *sep)
{
	const char *p = *pp;

	*sep = 0;
	if (digits(&p, 4, y) != 4)
		return "";
	if (is_digit(*p)) {
		if (digits(&p, 2, m) != 2)
			return "";
	} else if (skip_word(&p, "年")) {
		*sep = 'y';
		if (!digits(&p, 2, m) || !skip_word(&p, "月"))
			return "";
	} else if (*p == '-' || *p == '/' || *p == '.') {
		*sep = *p++;
		if (!digits(&p, 2, m))
			return "";
	} else {
		return "";
	}
	*pp = p;
	return NULL;
}

/* Read the day after scan_ym(): -D, /D, .D (as sep), D日 (D号, D) after 年, DD
 * after a compact YYYYMM. */
static const char *scan_d(const char **pp, char sep, int *d)
{
	const char *p = *pp;

	if (sep == 'y') {
		if (!digits(&p, 2, d))
			return "";
		if (!skip_word(&p, "日"))
			skip_word(&p, "号");
	} else if (sep) {
		if (*p != sep)
			return "";
		p++;
		if (!digits(&p, 2, d))
			return "";
	} else if (digits(&p, 2, d) != 2) {
		return "";
	}
	*pp = p;
	return NULL;
}

/* Skip an optional time of day after a date: " H:MM", " H:MM:SS", "THH:MM:SS";
 * NULL when the rest is empty or such a time. */
static const char *skip_time(const char *p)
{
	int h, mi, se;

	if (!*p)
		return NULL;
	if (*p != ' ' && *p != 'T')
		return "";
	while (*p == ' ' || *p == 'T')
		p++;
	if (!digits(&p, 2, &h) || *p != ':')
		return "";
	p++;
	if (digits(&p, 2, &mi) != 2)
		return "";
	if (*p == ':') {
		p++;
		if (digits(&p, 2, &se) != 2 || se > 59)
			return "";
	}
	if (*p || h > 23 || mi > 59)
		return "";
	return NULL;
}

static const char *check_ymd(int y, int m, int d)
{
	if (y < 1900 || y > 2999)
		return "year out of range (1900-2999)";
	if (m < 1 || m > 12)
		return "no such month";
	if (!date_valid(y, m, d))
		return "no such day";
	return NULL;
}

const char *parse_day(const char *s, bl_day *out)
{
	char t[NORM_MAX];
	const char *p = t, *why;
	size_t n;
	int y, m, d;
	char sep;

	why = normalize(s, t, &n);
	if (why)
		return why;
	if (scan_ym(&p, &y, &m, &sep) || scan_d(&p, sep, &d) || skip_time(p))
		return NOT_DATE;
	why = check_ymd(y, m, d);
	if (why)
		return why;
	*out = day_from_ymd(y, m, d);
	return NULL;
}

const char *parse_month(const char *s, bl_month *out)
{
	char t[NORM_MAX];
	const char *p = t, *why;
	size_t n;
	int y, m, d = 1;
	char sep;

	why = normalize(s, t, &n);
	if (why)
		return why;
	if (scan_ym(&p, &y, &m, &sep))
		return NOT_MONTH;
	if (*p && sep && sep != 'y' && scan_d(&p, sep, &d))
		return NOT_MONTH;
	if (*p)
		return NOT_MONTH;
	why = check_ymd(y, m, d);
	if (why)
		return why;
	if (d != 1)
		return "a day, not a month";
	if (!month_in_range(month_from_ym(y, m)))
		return "month out of range (" MONTH_RANGE_TEXT ")";
	*out = month_from_ym(y, m);
	return NULL;
}

/* ---- numbers ---- */

/* *m = *m * 10 + dig unless that passes limit; -1 then. */
static int mul_add(uint64_t *m, unsigned dig, uint64_t limit)
{
	if (*m > (limit - dig) / 10)
		return -1;
	*m = *m * 10 + dig;
	return 0;
}

/* Read digits with optional thousands commas at *pp into *mag (limit-checked;
 * *over set past limit). *ndig gets the number of digits. */
static const char *scan_integer_part(const char **pp, uint64_t *mag, uint64_t limit,
				     int *over, int *ndig)
{
	const char *p = *pp;
	int run = 0, commas = 0;

	for (;; p++) {
		if (is_digit(*p)) {
			if (mul_add(mag, (unsigned)(*p - '0'), limit))
				*over = 1;
			run++;
			(*ndig)++;
		} else if (*p == ',') {
			if (run == 0 || (commas ? run != 3 : run > 3))
				return "misplaced thousands separator";
			commas++;
			run = 0;
		} else {
			break;
		}
	}
	if (commas && run != 3)
		return "misplaced thousands separator";
	*pp = p;
	return NULL;
}

/* parse_decimal() over a normalized value. */
static const char *decimal(const char *p, int scale, int64_t *out)
{
	uint64_t mag = 0, limit = INT64_MAX;
	int neg = 0, over = 0, ndig = 0, fd = 0, extra = 0;
	const char *why;

	if (scale < 0 || scale > 6)
		return "unsupported scale";
	if (*p == '+' || *p == '-') {
		neg = *p++ == '-';
		if (neg)
			limit = (uint64_t)INT64_MAX + 1; /* INT64_MIN's magnitude */
	}
	why = scan_integer_part(&p, &mag, limit, &over, &ndig);
	if (why)
		return why;
	if (*p == '.') {
		for (p++; is_digit(*p); p++, ndig++) {
			if (fd == scale) {
				extra |= *p != '0';
				continue;
			}
			if (mul_add(&mag, (unsigned)(*p - '0'), limit))
				over = 1;
			fd++;
		}
	}
	if (*p || !ndig)
		return NOT_NUMBER;
	if (extra)
		return too_many_decimals[scale];
	for (; fd < scale; fd++) {
		if (mul_add(&mag, 0, limit))
			over = 1;
	}
	if (over)
		return OUT_OF_RANGE;
	*out = neg ? (mag ? -(int64_t)(mag - 1) - 1 : 0) : (int64_t)mag;
	return NULL;
}

const char *parse_decimal(const char *s, int scale, int64_t *out)
{
	char t[NORM_MAX];
	const char *why;
	size_t n;

	why = normalize(s, t, &n);
	if (why)
		return why;
	return decimal(t, scale, out);
}

const char *parse_int(const char *s, int64_t *out)
{
	return parse_decimal(s, 0, out);
}

const char *parse_wanyuan(const char *s, int64_t *yuan)
{
	const char *why;
	int64_t v;

	why = parse_decimal(s, 4, &v);
	if (why)
		return why;
	if (v > AMOUNT_MAX || v < -AMOUNT_MAX)
		return "out of range: more than 100000000000 万元 (10^15 yuan)";
	*yuan = v;
	return NULL;
}

const char *parse_rate(const char *s, int64_t *tt)
{
	char t[NORM_MAX];
	const char *why;
	size_t n;
	int64_t v;

	why = normalize(s, t, &n);
	if (why)
		return why;
	if (t[n - 1] == '%') {
		t[--n] = '\0';
		while (n && is_space((unsigned char)t[n - 1]))
			t[--n] = '\0';
		return decimal(t, 2, tt);
	}
	why = decimal(t, 4, &v);
	if (why)
		return why;
	if (v >= -10000 && v <= 10000) {
		*tt = v;
		return NULL;
	}
	if (v % 100)
		return "more than 2 decimals in a percent";
	*tt = v / 100;
	return NULL;
}

const char *parse_percent(const char *s, int64_t *tt)
{
	char t[NORM_MAX];
	const char *why;
	size_t n;

	why = normalize(s, t, &n);
	if (why)
		return why;
	if (t[n - 1] == '%') {
		t[--n] = '\0';
		while (n && is_space((unsigned char)t[n - 1]))
			t[--n] = '\0';
	}
	why = decimal(t, 2, tt);
	return why && !strcmp(why, "more than 2 decimals") ? "more than 2 decimals in a percent"
							    : why;
}

/* ---- words ---- */

/* 1 when s[0..n) equals the word w, ASCII letters compared case-insensitively. */
static int word_is(const char *s, size_t n, const char *w)
{
	size_t i;
	unsigned char a, b;

	if (strlen(w) != n)
		return 0;
	for (i = 0; i < n; i++) {
		a = (unsigned char)s[i];
		b = (unsigned char)w[i];
		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a - 'A' + 'a');
		if (a != b)
			return 0;
	}
	return 1;
}

const char *parse_bool(const char *s, int *out)
{
	static const char *const yes[] = { "是", "yes", "y", "true", "1" };
	static const char *const no[] = { "否", "no", "n", "false", "0" };
	char t[NORM_MAX];
	const char *why;
	size_t n, i;

	why = normalize(s, t, &n);
	if (why)
		return why;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (word_is(t, n, yes[i])) {
			*out = 1;
			return NULL;
		}
		if (word_is(t, n, no[i])) {
			*out = 0;
			return NULL;
		}
	}
	return "not yes or no (是/否)";
}

/* Bytes of a tier separator at p: ; , whitespace 、 ， ； U+3000 U+00A0. */
static size_t tier_sep_at(const char *p)
{
	static const char *const wide[] = { "、", "，", "；", "\xe3\x80\x80", "\xc2\xa0" };
	size_t i, n;

	if (*p == ';' || *p == ',' || is_space((unsigned char)*p))
		return 1;
	for (i = 0; i < sizeof(wide) / sizeof(wide[0]); i++) {
		n = strlen(wide[i]);
		if (!strncmp(p, wide[i], n))
			return n;
	}
	return 0;
}

const char *parse_tiers(const char *s, unsigned *out)
{
	static const struct {
		const char *word;
		enum tier tier;
	} words[] = {
		{ "省", TIER_PROVINCE }, { "省级", TIER_PROVINCE }, { "省重大", TIER_PROVINCE },
		{ "省重大项目", TIER_PROVINCE }, { "province", TIER_PROVINCE },
		{ "市", TIER_CITY }, { "市级", TIER_CITY }, { "市重大", TIER_CITY },
		{ "市重大项目", TIER_CITY }, { "city", TIER_CITY },
		{ "区", TIER_DISTRICT }, { "区级", TIER_DISTRICT }, { "区重大", TIER_DISTRICT },
		{ "区重大项目", TIER_DISTRICT }, { "district", TIER_DISTRICT },
	};
	const char *p = s, *w;
	unsigned mask = 0;
	size_t k, i;

	while (*p) {
		k = tier_sep_at(p);
		if (k) {
			p += k;
			continue;
		}
		for (w = p; *p && !tier_sep_at(p); p++)
			;
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
			if (word_is(w, (size_t)(p - w), words[i].word))
				break;
		}
		if (i == sizeof(words) / sizeof(words[0]))
			return "not a tier (省/市/区 or province/city/district)";
		mask |= TIER_BIT(words[i].tier);
	}
	if (!mask)
		return "empty";
	*out = mask;
	return NULL;
}

/* ---- formatting ---- */

void format_decimal(struct buf *b, int64_t v, int scale)
{
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, frac;
	char digs[6];
	int i, n;

	if (scale < 0)
		scale = 0;
	if (scale > 6)
		scale = 6;
	if (v < 0)
		buf_addch(b, '-');
	buf_addf(b, "%" PRIu64, mag / pow10u[scale]);
	frac = mag % pow10u[scale];
	if (!frac)
		return;
	for (i = scale - 1; i >= 0; i--) {
		digs[i] = (char)('0' + frac % 10);
		frac /= 10;
	}
	for (n = scale; digs[n - 1] == '0'; n--)
		;
	buf_addch(b, '.');
	buf_add(b, digs, (size_t)n);
}

void format_wanyuan(struct buf *b, int64_t yuan)
{
	format_decimal(b, yuan, 4);
}

int64_t parse_id(const char *s)
{
	int64_t v = 0;
	size_t n = strspn(s, "0123456789");

	if (!n || n > 18 || s[n])
		return -1;
	while (n--)
		v = v * 10 + (*s++ - '0');
	return v ? v : -1;
}
