/* table.h — one row source for import files, whatever their format: CSV,
 * XLSX or XLS, recognised by their first bytes, not by their name. Import
 * reads every format the same way: rows of text cells with the row number
 * the user sees (the CSV record, the spreadsheet's row). */
#ifndef BL_TABLE_H
#define BL_TABLE_H

#include <stddef.h>

#include "util/buf.h"
#include "util/error.h"

enum table_format {
	TABLE_CSV,  /* RFC 4180 text, UTF-8 or GB18030 (io/csv.h) */
	TABLE_XLSX, /* Office Open XML workbook (io/xlsx.h) */
	TABLE_XLS,  /* Excel 97–2003 workbook (io/xls.h) */
	TABLE_FORMAT__MAX
};
extern const char *const table_format_names[TABLE_FORMAT__MAX]; /* "CSV", "XLSX", "XLS" */

/* The most rows a file may have by default: Excel's sheet size. */
#define TABLE_MAX_ROWS 1048576
/* The most `--max-rows` raises it to (a workbook still ends at its sheet's
 * size): a province's 6 M reports as one file, one first load (h-prov). The
 * import's memory grows by 12 bytes a row (the keys it has seen). */
#define TABLE_MAX_ROWS_RAISED 16777216

struct table_options {
	const char *sheet; /* the sheet of a workbook to read; NULL: the first */
	size_t max_rows;   /* the most rows read (blank rows of a workbook do not
			    * count); 0: TABLE_MAX_ROWS */
};

struct table_reader;

/* Open the file at path, choosing the reader by its first bytes: a zip
 * (PK\3\4) is read as XLSX, an OLE compound file (\xD0\xCF\x11\xE0) as XLS,
 * anything else as CSV, except for formats that are plainly not tables (PDF,
 * images, archives, an HTML page saved under an .xls name), which are refused.
 * opt may be NULL. *out gets the reader (the caller frees it with
 * table_reader_close()).
 * On error *out is NULL, and one sentence, without the file name, is appended
 * to err: the readers' open errors (BL_EIO, BL_EINVAL, BL_EPERM, BL_ELIMIT,
 * BL_EENCODING), or BL_EINVAL "not a spreadsheet: …". */
enum bl_err table_reader_open(const char *path, const struct table_options *opt,
			      struct table_reader **out, struct buf *err);

/* Read the next row. On BL_OK *cells gets *n (≥ 1) NUL-terminated UTF-8
 * strings owned by t until the next call or table_reader_close(). A CSV gives
 * every record, blank lines included; a workbook only the rows with a value,
 * so the row numbers may jump. BL_ENOTFOUND at the end. Other errors append a
 * sentence to err: a bad row (table_reader_row() names it; reading goes on
 * with the next row), or a file-level error with table_reader_row() 0 (a
 * damaged workbook, or BL_ELIMIT past max_rows), after which reading stops. */
enum bl_err table_reader_next(struct table_reader *t, char ***cells, size_t *n,
			      struct buf *err);

/* The row number of the row last returned (CSV: the record number, the header
 * being 1; a workbook: the sheet's row number), or 0 for a file-level error. */
size_t table_reader_row(const struct table_reader *t);
enum table_format table_reader_format(const struct table_reader *t);
/* The sheet read (XLSX only; NULL otherwise). */
const char *table_reader_sheet(const struct table_reader *t);

/* Free t and everything it returned; t may be NULL. */
void table_reader_close(struct table_reader *t);

#endif
