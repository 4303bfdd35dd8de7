/* xlsx_value.h — spreadsheet cell values as the text import reads, shared by the
 * XLSX and XLS readers and the XLSX writer: numbers as plain decimals trimmed to
 * Excel's 15 significant digits, serial day numbers of the 1900 and 1904 date
 * systems, and whether a number format shows a date. No floating point in the
 * reading direction: a cell's stored text is rounded as decimal digits. */
#ifndef BL_XLSX_VALUE_H
#define BL_XLSX_VALUE_H

#include <stddef.h>

#include "core/date.h"
#include "util/buf.h"

/* The significant digits a number keeps. Excel shows and computes with 15;
 * the 16th and 17th digits of a stored double are binary-float noise
 * ("0.30000000000000004" is 0.1 + 0.2), so they are rounded away. */
#define XLSX_DIGITS 15

/* Append the number in s[0..len) — a cell's stored value as XLSX writes it
 * ("-12.5", "1E-3", "4.5000000000000002", "45000") — as plain decimal text
 * that parse_decimal() reads: at most XLSX_DIGITS significant digits, rounded
 * half away from zero, no exponent, no trailing zeros ("1.2345E+3" → "1234.5",
 * "0.30000000000000004" → "0.3", "-0" → "0"). A magnitude of 1e40 or more, or
 * below 1e-40, is kept in exponent form ("1E+100"), which the parsers refuse.
 * Returns 0, or -1 (nothing appended) when s is not a decimal number (empty,
 * "NaN", "INF", a stray character, an exponent of more than 4 digits). */
int xlsx_number_text(struct buf *b, const char *s, size_t len);

/* The day of the serial number in s (text as xlsx_number_text() accepts; the
 * fraction, a time of day, is dropped): in the 1900 date system serial 1 is
 * 1900-01-01 and, keeping Lotus 1-2-3's leap-year bug, serial 61 is
 * 1900-03-01 (serial 60 is the 29 February 1900 that never was); in the 1904
 * system (date1904 != 0) serial 0 is 1904-01-01. Returns 0 with *out, or -1
 * when s is not a number, is negative, is 0 or 60 in the 1900 system, or
 * falls after 9999-12-31. */
int xlsx_serial_day(const char *s, size_t len, int date1904, bl_day *out);

/* The 1900-system serial number of a day on or after 1900-03-01 (the days
 * ballast stores, years 1900–2999; earlier days of 1900 get their serial too). */
long xlsx_day_serial(bl_day day);

/* The A1-style name of the cell at 0-based col (below 16384) and 1-based row,
 * "C5", into out. Returns out. */
char *xlsx_cell_name(size_t col, size_t row, char out[static 24]);

/* 1 when the number format code shows a date (it has a year, a day or a month
 * outside quotes, escapes and [brackets]; "m" next to an hour or second is a
 * minute), with or without a time of day; 0 for numbers, text, General, and
 * times of day or elapsed time alone. Only the first ;-section is read. */
int xlsx_format_is_date(const char *code);
/* 1 when a built-in number format id (below 164) shows a date: 14–17, 22, and
 * the CJK built-ins 27–31, 36, 50–54, 57, 58 (yyyy"年"m"月"d"日" and kin). */
int xlsx_builtin_is_date(unsigned id);

#endif
