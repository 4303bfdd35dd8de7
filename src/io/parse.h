/* parse.h — tolerant parsing of the values in import cells, and the exact
 * inverse formatting for export. INTERFACES.md "Files": dates in several forms,
 * numbers with thousands separators and full-width digits, money in 万元.
 * No floating point anywhere: decimals become integers scaled by 10^scale. */
#ifndef BL_PARSE_H
#define BL_PARSE_H

#include <stdint.h>

#include "core/date.h"
#include "util/buf.h"

/* Every parse_* function takes a NUL-terminated UTF-8 cell value and returns
 * NULL on success, with the result in *out; otherwise a short static English
 * reason ("not a date", "more than 4 decimals", "out of range", …) for an error
 * line "FILE:ROW: column (label): value: reason", and *out is unchanged.
 * Leading and trailing whitespace (ASCII spaces, tabs, CR, LF; U+3000 full-width
 * space; U+00A0 no-break space) is ignored, and the full-width forms ０-９ ．，－
 * ＋％／ count as their ASCII forms. An empty value is an error ("empty"): the
 * caller treats an empty cell as absent before parsing. */

/* A day: 2024-03-05, 2024-3-5, 2024/3/5, 2024.3.5, 2024年3月5日 (日 optional),
 * 20240305; a time of day after a space (2024/3/5 0:00, as Excel exports a
 * date-time) is accepted and ignored. Must be a real calendar day in years
 * 1900–2999. An Excel serial day number is not a date here. */
const char *parse_day(const char *s, bl_day *out);
/* A month: 2024-03, 2024-3, 2024/3, 2024.3, 2024年3月, 202403; also a first day
 * of a month, 2024-03-01 or 2024/3/1 (what Excel makes of a typed 2024-03).
 * Must lie in 2000-01 … 2099-12 (month_in_range, core/date.h), else "month
 * out of range (2000-01 to 2099-12)". */
const char *parse_month(const char *s, bl_month *out);
/* An integer: optional sign, digits, optional thousands commas in groups of
 * three ("1,234,567"). Overflow of int64 is "out of range". */
const char *parse_int(const char *s, int64_t *out);
/* An exact decimal scaled by 10^scale (scale 0..6): "1,234.5" at scale 4 gives
 * 12345000. Commas as in parse_int; ".5" and "5." are accepted. More non-zero
 * decimals than scale is an error ("more than 4 decimals"); extra trailing zeros
 * ("1.50000" at scale 4) lose nothing and are accepted. No exponents. */
const char *parse_decimal(const char *s, int scale, int64_t *out);
/* Money in 万元 with at most 4 decimals, as integer yuan (parse_decimal scale 4);
 * a magnitude above AMOUNT_MAX (core/model.h, 10^11 万元) is out of range. The
 * sign is the caller's to judge (amount_problem). */
const char *parse_wanyuan(const char *s, int64_t *yuan);
/* A yes/no: 是/否, yes/no, y/n, true/false, 1/0 (ASCII case-insensitive);
 * *out is 1 for yes, 0 for no. */
const char *parse_bool(const char *s, int *out);
/* Listing tiers: one or more of 省/市/区, 省级/市级/区级, 省重大/市重大/区重大
 * (optionally followed by 项目), province/city/district (case-insensitive),
 * separated by ; , 、 ， ； or whitespace; duplicates are fine. *out gets the
 * TIER_BIT() mask (never 0 on success). */
const char *parse_tiers(const char *s, unsigned *out);
/* A rate in ten-thousandths. With a % sign it is a percent with at most 2
 * decimals ("85%" -> 8500, "-1.5%" -> -150). Without, a value whose magnitude
 * is at most 1 is a fraction with at most 4 decimals ("0.85" -> 8500, "1" ->
 * 10000) and a larger one is a percent with at most 2 decimals ("85" -> 8500,
 * "-5" -> -500). */
const char *parse_rate(const char *s, int64_t *tt);

/* Append v / 10^scale (scale 0..6) in the shortest form that the parsers read
 * back exactly: minimal decimals, no thousands separators, "-" for negatives:
 * (12345000, 4) -> "1234.5", (-5, 4) -> "-0.0005", (0, 4) -> "0". */
void format_decimal(struct buf *b, int64_t v, int scale);
/* Append integer yuan as 万元: format_decimal(b, yuan, 4). */
void format_wanyuan(struct buf *b, int64_t yuan);

#endif
