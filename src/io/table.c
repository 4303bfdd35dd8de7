/* table.c — the import row source (table.h): sniff the format, then hand
 * rows out of the CSV, XLSX or XLS reader, counting them against the cap. */
#include "io/table.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/csv.h"
#include "io/xls.h"
#include "io/xlsx.h"
#include "util/xalloc.h"

const char *const table_format_names[TABLE_FORMAT__MAX] = { "CSV", "XLSX", "XLS" };

struct table_reader {
	enum table_format fmt;
	struct csv_reader *csv;
	struct xlsx_reader *xlsx;
	struct xls_reader *xls;
	size_t rows, max_rows, row;
	int done;
};

/* Formats that are plainly not tables, by their first bytes. */
static const struct {
	const char *magic;
	size_t len;
	const char *what;
} not_tables[] = {
	{ "%PDF-", 5, "a PDF document" },
	{ "\x89PNG", 4, "a PNG image" },
	{ "\xff\xd8\xff", 3, "a JPEG image" },
	{ "GIF8", 4, "a GIF image" },
	{ "\x1f\x8b", 2, "a gzip archive" },
	{ "Rar!", 4, "a RAR archive" },
	{ "7z\xbc\xaf", 4, "a 7-Zip archive" },
	{ "{\\rtf", 5, "an RTF document" },
};

static int starts_html(const unsigned char *h, size_t n)
{
	size_t i = 0;

	if (n >= 3 && !memcmp(h, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < n && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' || h[i] == '\n'))
		i++;
	return (n - i >= 5 && !strncasecmp((const char *)h + i, "<html", 5)) ||
	       (n - i >= 9 && !strncasecmp((const char *)h + i, "<!doctype", 9)) ||
	       (n - i >= 6 && !strncasecmp((const char *)h + i, "<table", 6));
}

/* The format of the file by its first bytes; after saying why, -1 when it
 * cannot be read and -2 when it is not a table. */
static int sniff(const char *path, struct buf *err)
{
	unsigned char head[64];
	size_t n, i;
	FILE *f = fopen(path, "rb");

	if (!f) {
		buf_addf(err, "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] < 9 && head[3] < 9)
		return TABLE_XLSX;
	if (n >= 8 && !memcmp(head, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))
		return TABLE_XLS;
	for (i = 0; i < sizeof(not_tables) / sizeof(not_tables[0]); i++) {
		size_t k = not_tables[i].len;

		if (n >= k && !memcmp(head, not_tables[i].magic, k)) {
			buf_addf(err, "not a spreadsheet: %s", not_tables[i].what);
			return -2;
		}
	}
	if (starts_html(head, n)) {
		buf_addf(err, "not a spreadsheet: an HTML page (some systems export these under "
			      "an .xls name); open it in Excel or WPS and save it as .xlsx");
		return -2;
	}
	return TABLE_CSV;
}

enum bl_err table_reader_open(const char *path, const struct table_options *opt,
			      struct table_reader **out, struct buf *err)
{
	struct buf local = BUF_INIT;
	struct table_reader *t;
	const char *sheet = opt ? opt->sheet : NULL;
	enum bl_err rc;
	int fmt;

	*out = NULL;
	if (!err)
		err = &local;
	fmt = sniff(path, err);
	if (fmt < 0) {
		buf_release(&local);
		return fmt == -1 ? BL_EIO : BL_EINVAL;
	}
	t = xcalloc(1, sizeof(*t));
	t->fmt = (enum table_format)fmt;
	t->max_rows = opt && opt->max_rows ? opt->max_rows : TABLE_MAX_ROWS;
	if (fmt == TABLE_XLSX)
		rc = xlsx_open_file(path, sheet, &t->xlsx, err);
	else if (fmt == TABLE_XLS)
		rc = xls_open_file(path, sheet, &t->xls, err);
	else
		rc = csv_open_file(path, &t->csv, err);
	buf_release(&local);
	if (rc) {
		table_reader_close(t);
		return rc;
	}
	*out = t;
	return BL_OK;
}

enum bl_err table_reader_next(struct table_reader *t, char ***cells, size_t *n,
			      struct buf *err)
{
	enum bl_err rc;

	*cells = NULL;
	*n = 0;
	if (t->done)
		return BL_ENOTFOUND;
	if (t->fmt == TABLE_XLSX) {
		rc = xlsx_next(t->xlsx, cells, n, err);
		t->row = xlsx_row_number(t->xlsx);
	} else if (t->fmt == TABLE_XLS) {
		rc = xls_next(t->xls, cells, n, err);
		t->row = xls_row_number(t->xls);
	} else {
		rc = csv_next(t->csv, cells, n, err);
		t->row = csv_record_number(t->csv);
	}
	if (rc == BL_ENOTFOUND) {
		t->done = 1;
		return rc;
	}
	if (++t->rows > t->max_rows) {
		*cells = NULL;
		*n = 0;
		t->done = 1;
		t->row = 0;
		if (err)
			buf_addf(err, "too large: more than %zu rows (the limit is %zu)",
				 t->max_rows, t->max_rows);
		return BL_ELIMIT;
	}
	return rc;
}

size_t table_reader_row(const struct table_reader *t)
{
	return t->row;
}

enum table_format table_reader_format(const struct table_reader *t)
{
	return t->fmt;
}

const char *table_reader_sheet(const struct table_reader *t)
{
	return t->fmt == TABLE_XLSX ? xlsx_sheet_name(t->xlsx) : NULL;
}

void table_reader_close(struct table_reader *t)
{
	if (!t)
		return;
	csv_close(t->csv);
	xlsx_close(t->xlsx);
	xls_close(t->xls);
	free(t);
}
