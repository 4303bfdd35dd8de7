/* fuzz_csv.c — libFuzzer target for the CSV reader and the cell parsers.
 * Opens the input as a CSV file, reads every record, checks the field
 * invariants, and feeds each field to the tolerant parsers (with a
 * format/parse round trip for every decimal that parses). */
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader *r = NULL;
	struct buf err = BUF_INIT;
	enum bl_err rc;
	char **fields;
	size_t n, i, last = 0;

	rc = csv_open_mem((const char *)data, size, &r, &err);
	if (rc)
		goto out;
	for (;;) {
		buf_reset(&err);
		rc = csv_next(r, &fields, &n, &err);
		if (rc == BL_ENOTFOUND)
			break;
		if (csv_record_number(r) != last + 1 || csv_record_line(r) < 1)
			abort();
		last = csv_record_number(r);
		if (rc) {
			if (!err.len || fields || n)
				abort();
			continue;
		}
		if (!n || n > CSV_MAX_FIELDS)
			abort();
		for (i = 0; i < n; i++) {
			if (strlen(fields[i]) > CSV_MAX_FIELD)
				abort();
			check_field(fields[i]);
		}
	}
out:
	csv_close(r);
	buf_release(&err);
	return 0;
}
