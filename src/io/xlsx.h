/* xlsx.h — a streaming reader of one sheet of an XLSX workbook (Office Open
 * XML, as Excel, WPS and LibreOffice save it), for import files
 * (INTERFACES.md "Files"). The zip is read with libzip and the XML with expat,
 * one row at a time: memory grows with the longest row and the shared-string
 * table, not with the sheet. Cells come out as the text the CSV reader would
 * give: numbers in plain decimals (xlsx_value.h), date cells as YYYY-MM-DD,
 * booleans as TRUE/FALSE, formulas by their cached value. */
#ifndef BL_XLSX_H
#define BL_XLSX_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/error.h"

/* Limits on what a workbook may make ballast read (zip bombs, huge files). */
#define XLSX_MAX_FILE ((uint64_t)512 << 20)      /* bytes of the .xlsx file */
#define XLSX_MAX_ENTRIES 10000                    /* files in the zip */
#define XLSX_MAX_SHEET ((uint64_t)1 << 30)        /* uncompressed bytes of the sheet */
#define XLSX_MAX_PART ((uint64_t)256 << 20)       /* of any other part */
#define XLSX_MAX_TOTAL ((uint64_t)3 << 30)        /* of all parts read */
#define XLSX_MAX_RATIO 100  /* uncompressed : compressed bytes of a part, past 1 MiB */
#define XLSX_MAX_STRINGS ((size_t)4 << 20)        /* shared strings */
#define XLSX_MAX_STRING_BYTES ((size_t)128 << 20) /* their text */
#define XLSX_MAX_CELL ((size_t)1 << 20)           /* bytes of one cell's text */
#define XLSX_MAX_ROW_BYTES ((size_t)16 << 20)     /* bytes of one row's text */
#define XLSX_MAX_ROWS 1048576                     /* Excel's last row */
#define XLSX_MAX_COLS 16384                       /* Excel's last column, XFD */
#define XLSX_MAX_SHEETS 1000

struct xlsx_reader;

/* Open the workbook at path and get ready to read the sheet named sheet (case
 * does not matter), or the first visible worksheet when sheet is NULL. *out
 * gets the reader; the caller closes it with xlsx_close(). The workbook
 * relations, the date system (1900 or 1904), the number formats of the cell
 * styles and the shared strings are read here.
 * On error *out is NULL and one sentence is appended to err (may be NULL):
 * BL_EIO when the file cannot be read; BL_EINVAL when it is not a zip archive
 * or a damaged one, a zip that is not a workbook (an OpenDocument
 * spreadsheet, a Word document), a workbook without that sheet (the sentence
 * lists the sheets) or with a malformed part (the part and line are named);
 * BL_EPERM when a part is encrypted (a password-protected zip); BL_ELIMIT past
 * one of the limits above (a zip bomb: a part that expands more than
 * XLSX_MAX_RATIO times, or past its size cap). */
enum bl_err xlsx_open_file(const char *path, const char *sheet, struct xlsx_reader **out,
			   struct buf *err);
/* The same over len bytes of memory, which the caller keeps unchanged until
 * xlsx_close() (they are not copied). */
enum bl_err xlsx_open_mem(const void *data, size_t len, const char *sheet,
			  struct xlsx_reader **out, struct buf *err);

/* Read the next row that holds at least one value; rows with no value (blank
 * or formatting only) are skipped. On BL_OK *cells gets *n (≥ 1) NUL-terminated
 * UTF-8 strings, one per column from A to the last column with a value; a gap
 * is "". They are owned by r and valid until the next call or xlsx_close().
 * A number is its stored value as xlsx_number_text() writes it (not the
 * displayed rounding); a number in a date format is the day YYYY-MM-DD
 * (xlsx_serial_day(), the time of day dropped); a boolean is TRUE or FALSE; a
 * formula cell is its cached value (none: empty); rich text is its plain
 * text without phonetic runs; _xHHHH_ escapes are decoded.
 * BL_ENOTFOUND after the last row. On a bad row *cells is NULL, *n 0, and a
 * sentence naming the cell is appended to err: BL_EINVAL for a formula error
 * (#N/A, #DIV/0!) or a value that is not what its type says, BL_ELIMIT for a
 * cell over XLSX_MAX_CELL or a row over XLSX_MAX_ROW_BYTES; the next call
 * goes on with the next row. When the sheet itself is broken (malformed XML,
 * a damaged zip stream, a zip bomb, a cell reference out of range) the error
 * is returned once with xlsx_row_number() 0, and then BL_ENOTFOUND. */
enum bl_err xlsx_next(struct xlsx_reader *r, char ***cells, size_t *n, struct buf *err);

/* The 1-based sheet row number of the row xlsx_next() last returned (or
 * failed on); 0 before the first row and after a sheet-level error. */
size_t xlsx_row_number(const struct xlsx_reader *r);
/* The name of the sheet being read. */
const char *xlsx_sheet_name(const struct xlsx_reader *r);

/* Close the archive and free r and everything it returned; r may be NULL. */
void xlsx_close(struct xlsx_reader *r);

#endif
