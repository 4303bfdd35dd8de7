/* fuzz_csv.c — libFuzzer target for the CSV reader and the cell parsers.
 * Opens the input as a CSV file, reads every record, checks the field
 * invariants, and feeds each field to the tolerant parsers (with a
 * format/parse round trip for every decimal that parses); then reads it again
 * a few bytes at a time and checks that streaming gives the same records. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"
#include "io/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_field(const char *f)
{
	struct buf b = BUF_INIT;
	int64_t v, back;
	bl_day day;
	bl_month mo;
	unsigned tiers;
	int yes, scale;

	parse_day(f, &day);
	parse_month(f, &mo);
	parse_bool(f, &yes);
	parse_tiers(f, &tiers);
	parse_rate(f, &v);
	for (scale = 0; scale <= 6; scale += 2) {
		if (parse_decimal(f, scale, &v))
			continue;
		buf_reset(&b);
		format_decimal(&b, v, scale);
		if (parse_decimal(b.s, scale, &back) || back != v)
			abort();
	}
	buf_release(&b);
}

/* Read every record of r, checking the invariants, into a transcript (rc,
 * numbers, fields, error of each record); check_field on every field when
 * check is set. */
static void read_all(struct csv_reader *r, struct buf *out, int check)
{
	struct buf err = BUF_INIT;
	enum bl_err rc;
	char **fields;
	size_t n, i, last = 0;

	for (;;) {
		buf_reset(&err);
		rc = csv_next(r, &fields, &n, &err);
		if (rc == BL_ENOTFOUND)
			break;
		if (csv_record_number(r) != last + 1 || csv_record_line(r) < 1)
			abort();
		last = csv_record_number(r);
		buf_addf(out, "%d %zu %zu|", (int)rc, last, csv_record_line(r));
		if (rc) {
			if (!err.len || fields || n)
				abort();
			buf_addf(out, "%s\n", err.s);
			continue;
		}
		if (!n || n > CSV_MAX_FIELDS)
			abort();
		for (i = 0; i < n; i++) {
			if (strlen(fields[i]) > CSV_MAX_FIELD)
				abort();
			buf_add(out, fields[i], strlen(fields[i]) + 1);
			if (check)
				check_field(fields[i]);
		}
		buf_addch(out, '\n');
	}
	buf_release(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader *r = NULL;
	struct buf err = BUF_INIT, whole = BUF_INIT, part = BUF_INIT;

	if (csv_open_mem((const char *)data, size, &r, &err))
		goto out;
	read_all(r, &whole, 1);
	csv_close(r);
	/* The same input read a few bytes at a time, so that records cross the
	 * reader's refills, gives the same records and errors. */
	if (csv_open_mem_chunked((const char *)data, size, 16 + size % 17, &r, &err))
		abort();
	read_all(r, &part, 0);
	if (whole.len != part.len || memcmp(whole.s, part.s, whole.len))
		abort();
out:
	csv_close(r);
	buf_release(&err);
	buf_release(&whole);
	buf_release(&part);
	return 0;
}
