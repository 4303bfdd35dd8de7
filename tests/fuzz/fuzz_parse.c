/* fuzz_parse.c — libFuzzer target for the cell parsers of src/io/parse.c (dates,
 * months, integers, decimals, money, yes/no, tiers, rates) on their own, with
 * the contracts of parse.h checked: on error *out is unchanged and the reason
 * is a non-empty static string; on success the value is in range and formats
 * back to text the parsers read again to the same value. fuzz_csv reaches the
 * same parsers through CSV fields; this target feeds them any bytes directly. */
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "io/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SENTINEL INT64_C(0x5a5a5a5a5a5a5a5a)

static void check_day(const char *s)
{
	bl_day d = 12345, back;
	char text[11];
	int y, m, dd;

	if (parse_day(s, &d)) {
		if (d != 12345)
			abort();
		return;
	}
	day_to_ymd(d, &y, &m, &dd);
	if (!date_valid(y, m, dd) || day_from_ymd(y, m, dd) != d)
		abort();
	day_format(d, text);
	if (parse_day(text, &back) || back != d || day_parse_iso(text, &back) || back != d)
		abort();
}

static void check_month(const char *s)
{
	bl_month mo = 4242, back;
	char text[8];

	if (parse_month(s, &mo)) {
		if (mo != 4242)
			abort();
		return;
	}
	if (month_year(mo) < 1900 || month_year(mo) > 2999 || month_of_year(mo) < 1 ||
	    month_of_year(mo) > 12)
		abort();
	month_format(mo, text);
	if (parse_month(text, &back) || back != mo || month_parse_iso(text, &back) || back != mo)
		abort();
}

static void check_int(const char *s)
{
	int64_t v = SENTINEL, back;
	char text[32];

	if (parse_int(s, &v)) {
		if (v != SENTINEL)
			abort();
		return;
	}
	snprintf(text, sizeof(text), "%" PRId64, v);
	if (parse_int(text, &back) || back != v)
		abort();
}

static void check_decimal(const char *s, struct buf *b)
{
	int64_t v, back;
	int scale;

	for (scale = 0; scale <= 6; scale++) {
		v = SENTINEL;
		if (parse_decimal(s, scale, &v)) {
			if (v != SENTINEL)
				abort();
			continue;
		}
		buf_reset(b);
		format_decimal(b, v, scale);
		if (b->err || parse_decimal(b->s, scale, &back) || back != v)
			abort();
	}
	v = SENTINEL;
	if (parse_wanyuan(s, &v)) {
		if (v != SENTINEL)
			abort();
	} else if (parse_decimal(s, 4, &back) || back != v) {
		abort(); /* 万元 is the decimal at scale 4 */
	}
}

static void check_small(const char *s)
{
	unsigned tiers = 77u;
	int64_t tt = SENTINEL;
	int yes = 7;

	if (parse_bool(s, &yes)) {
		if (yes != 7)
			abort();
	} else if (yes != 0 && yes != 1) {
		abort();
	}
	if (parse_tiers(s, &tiers)) {
		if (tiers != 77u)
			abort();
	} else if (!tiers || (tiers & ~(TIER_BIT(TIER__MAX) - 1u))) {
		abort();
	}
	if (parse_rate(s, &tt)) {
		if (tt != SENTINEL)
			abort();
	}
}

static void check_reason(const char *why)
{
	if (why && !*why)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = BUF_INIT;
	char *s;
	int64_t v;
	bl_day d;

	if (size > 4096)
		return 0;
	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0'; /* a NUL inside ends the cell, as it does in C strings */
	check_day(s);
	check_month(s);
	check_int(s);
	check_decimal(s, &b);
	check_small(s);
	check_reason(parse_day(s, &d));
	check_reason(parse_decimal(s, 6, &v));
	buf_release(&b);
	free(s);
	return 0;
}
